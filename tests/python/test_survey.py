"""Surveys from Python: the December satisfaction survey (R-25: ≥ 50 respondents), its items
(R-26) and customer tiers (R-27), sample plans and weighted satisfaction."""

import math
import pickle
import random
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

import charter
from charter import survey
from charter.survey import Dimension, ScoreScale, SurveyDesign, Tier

NA = float("nan")


@pytest.fixture
def design():
    return SurveyDesign(
        "annual",
        [Dimension("timeliness", charter.LocalizedText("及时性", "Timeliness")),
         Dimension("value_for_money", charter.LocalizedText("性价比", "Value for money"))],
        [Tier("key", charter.LocalizedText("重点客户", "Key accounts"), weight=3, share=0.5),
         Tier("retail", charter.LocalizedText("零售客户", "Retail"), weight=1, share=0.5)],
        title=charter.LocalizedText("年度满意度调查", "Annual satisfaction survey"),
    )


def test_the_common_items_of_r26():
    dims = survey.common_dimensions()
    assert [d.id for d in dims] == ["timeliness", "convenience", "technical_quality", "value_for_money"]
    assert [d.label.zh for d in dims] == ["及时性", "便捷性", "技术性", "性价比"]


def test_a_design_with_a_business_specific_item(design):
    d = SurveyDesign("annual", survey.common_dimensions() + [Dimension("repair_quality")], design.tiers)
    assert d.dimension_index("repair_quality") == 4
    assert d.tier_index("retail") == 1
    assert d.tier_index("vip") is None
    assert d.scale == ScoreScale(1, 5, 4)
    assert str(design.tiers[0].label) == "Key accounts (重点客户)"


def test_a_design_lists_every_problem_with_its_path():
    with pytest.raises(charter.SurveyError) as e:
        SurveyDesign("annual", [Dimension("timeliness"), Dimension("timeliness")],
                     [Tier("key", weight=math.nan), Tier("retail", weight=-1, share=-0.2)], scale=ScoreScale(1, 5, 6))
    paths = [p for p, _ in e.value.problems]
    assert paths == ["dimensions[1].id", "scale.satisfied_at", "tiers[0].weight", "tiers[1].weight", "tiers[1].share",
                     "tiers"]
    assert "tiers[0].weight: must be finite and not negative, got nan" in str(e.value)
    assert "tiers: the weights add up to 0" in str(e.value)
    assert isinstance(e.value, charter.Error) and isinstance(e.value, ValueError)


# ---- sample plans ----

def test_december_survey_of_fifty_across_three_tiers():
    plan = survey.sample_plan(50, {"key": 0.5, "business": 0.3, "retail": 0.2})
    assert list(plan.index) == ["key", "business", "retail"]
    assert plan["size"].tolist() == [25, 15, 10]
    assert plan["size"].sum() == 50


def test_minimums_raise_small_tiers():
    plan = survey.sample_plan(50, {"key": {"share": 0.9, "minimum": 10}, "business": {"share": 0.05, "minimum": 10},
                                   "retail": {"share": 0.05, "minimum": 10}})
    assert plan["size"].tolist() == [30, 10, 10]
    assert plan["at_minimum"].tolist() == [False, True, True]


def test_a_dataframe_of_tiers_with_populations():
    tiers = pd.DataFrame({"share": [0.5, 0.5], "minimum": [0, 0], "population": [10, np.nan]},
                         index=pd.Index(["key", "retail"], name="tier"))
    plan = survey.sample_plan(50, tiers)
    assert plan.loc["key", "size"] == 10 and plan.loc["retail", "size"] == 40
    assert bool(plan.loc["key", "at_population"])
    # The tier ids may also be a column.
    assert survey.sample_plan(50, tiers.reset_index())["size"].tolist() == [10, 40]


def test_a_design_and_a_list_of_tiers_plan_alike(design):
    assert survey.sample_plan(50, design)["size"].tolist() == [25, 25]
    allocations = survey.sample_allocations(51, list(design.tiers))
    assert [a.size for a in allocations] == [26, 25]  # the tie goes to the earlier tier


def test_edge_cases_one_tier_share_zero_total_zero_exact_minimums():
    assert survey.sample_plan(50, {"all": 0.2})["size"].tolist() == [50]
    assert survey.sample_plan(50, {"key": 1, "business": 1, "staff": 0})["size"].tolist() == [25, 25, 0]
    assert survey.sample_plan(0, {"a": 1, "b": 1})["size"].tolist() == [0, 0]
    assert survey.sample_plan(30, {"a": {"share": 9, "minimum": 10}, "b": {"share": 1, "minimum": 20}})["size"].tolist() == [10, 20]
    assert survey.sample_plan(10, {"a": 0.47, "b": 0.35, "c": 0.18})["size"].tolist() == [5, 3, 2]


def test_impossible_plans_say_why():
    with pytest.raises(charter.SurveyError, match="minimums add up to 60 respondents, more than the total of 50"):
        survey.sample_plan(50, {"key": {"share": 1, "minimum": 30}, "retail": {"share": 1, "minimum": 30}})
    with pytest.raises(charter.SurveyError) as e:
        survey.sample_plan(50, {"key": math.nan, "retail": -1})
    assert [p for p, _ in e.value.problems] == ["tiers[0].share", "tiers[1].share"]
    with pytest.raises(charter.SurveyError, match="unknown keys"):
        survey.sample_plan(50, {"key": {"shares": 1}})
    with pytest.raises(charter.SurveyError, match="'share' column"):
        survey.sample_plan(50, pd.DataFrame({"weight": [1]}, index=["key"]))


def test_property_random_plans_always_sum_exactly():
    rng = random.Random(6)
    for _ in range(2000):
        n = rng.randint(1, 7)
        total = rng.randint(0, 500)
        tiers = {f"t{i}": {"share": rng.choice([0, 0.25, rng.random()]),
                           "minimum": rng.choice([0, 0, rng.randint(0, total // n)])} for i in range(n)}
        if all(t["share"] == 0 for t in tiers.values()):
            continue
        plan = survey.sample_plan(total, tiers)
        assert plan["size"].sum() == total
        shares = sum(t["share"] for t in tiers.values())
        for tier, row in plan.iterrows():
            assert row["size"] >= tiers[tier]["minimum"]
            assert abs(row["size"] - row["quota"]) < 1 + 1e-9
        if not plan["at_minimum"].any():
            for tier, row in plan.iterrows():
                assert abs(row["size"] - total * tiers[tier]["share"] / shares) < 1 + 1e-9


# ---- satisfaction ----

def hand_responses():
    # key timeliness 5, 4, 3 and retail 2, 4; value for money answered by key accounts only.
    return pd.DataFrame({
        "respondent": ["R1", "R2", "R3", "R4", "R5"],
        "tier": ["key", "key", "key", "retail", "retail"],
        "timeliness": [5, 4, 3, 2, 4],
        "value_for_money": [5, None, 4, None, None],
    })


def test_weighted_satisfaction_matches_the_hand_computation(design):
    r = survey.satisfaction(design, hand_responses())
    t = r.dimensions[0]
    z = NormalDist().inv_cdf(0.975)
    # W = 0.75 / 0.25; mean 0.75·4 + 0.25·3; Var = 0.75²·1/3 + 0.25²·2/2 = 0.25
    assert t.mean == pytest.approx(3.75)
    assert (t.mean_low, t.mean_high) == pytest.approx((3.75 - z * 0.5, 3.75 + z * 0.5))
    # share 0.75·2/3 + 0.25·1/2 = 0.625 on n_eff = 1 / (0.75²/3 + 0.25²/2) = 32/7
    n = 32 / 7
    p = 0.625
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert t.satisfied == pytest.approx(p)
    assert t.effective_n == pytest.approx(n)
    assert (t.satisfied_low, t.satisfied_high) == pytest.approx((centre - half, centre + half))
    assert (t.satisfied_low, t.satisfied_high) == pytest.approx((0.23584, 0.90000), abs=1e-5)
    v = r.dimensions[1]
    assert v.answers == 2 and v.tiers_without_answers == ["retail"]
    assert r.respondents == 5


def test_results_as_dataframes(design):
    r = survey.satisfaction(design, hand_responses())
    frame = r.to_frame()
    assert list(frame.index) == ["timeliness", "value_for_money", "overall"]
    assert frame.loc["timeliness", "mean"] == pytest.approx(3.75)
    assert frame.loc["value_for_money", "tiers_without_answers"] == "retail"
    tiers = r.tiers_frame()
    assert tiers.loc["key", "respondents"] == 3 and tiers.loc["retail", "complete"] == 0
    assert tiers["respondents"].sum() == 5  # R-25 needs ≥ 50 in all: this survey falls short


def test_responses_as_a_list_of_dicts(design):
    rows = hand_responses().drop(columns="respondent").to_dict("records")
    assert survey.satisfaction(design, rows).dimensions[0].mean == pytest.approx(3.75)


def test_a_dimension_nobody_answered_and_empty_responses(design):
    r = survey.satisfaction(design, pd.DataFrame({"tier": ["key"], "timeliness": [4.0], "value_for_money": [NA]}))
    assert math.isnan(r.dimensions[1].mean) and r.dimensions[1].answers == 0
    empty = survey.satisfaction(design, pd.DataFrame({"tier": [], "timeliness": [], "value_for_money": []}))
    assert empty.respondents == 0 and math.isnan(empty.overall.satisfied)
    assert survey.satisfaction(design, []).respondents == 0


def test_every_kind_of_empty_cell_is_an_unanswered_item(design):
    # None, numpy NaN, pandas NA and NaT all leave the item unanswered.
    rows = [{"tier": "key", "timeliness": 4, "value_for_money": None},
            {"tier": "key", "timeliness": np.float32("nan"), "value_for_money": pd.NA},
            {"tier": "retail", "timeliness": 3, "value_for_money": pd.NaT}]
    r = survey.satisfaction(design, rows)
    assert (r.dimensions[0].answers, r.dimensions[1].answers) == (2, 0)
    assert r.respondents == 3


def test_bad_responses_are_refused_with_their_position(design):
    with pytest.raises(charter.SurveyError) as e:
        survey.satisfaction(design, pd.DataFrame({"tier": ["key", "vip"], "timeliness": [6, 4], "value_for_money": [4, 4]}))
    assert [p for p, _ in e.value.problems] == ["responses[0].timeliness", "responses[1].tier"]
    with pytest.raises(charter.SurveyError, match="responses\\[1\\].tier: unknown tier ''"):
        survey.satisfaction(design, pd.DataFrame({"tier": ["key", None], "timeliness": [4, 4], "value_for_money": [4, 4]}))
    with pytest.raises(charter.SurveyError, match="responses.value_for_money: no such column"):
        survey.satisfaction(design, pd.DataFrame({"tier": ["key"], "timeliness": [4]}))
    with pytest.raises(charter.SurveyError, match="not numbers"):
        survey.satisfaction(design, pd.DataFrame({"tier": ["key"], "timeliness": ["good"], "value_for_money": [4]}))
    with pytest.raises(ValueError, match="confidence"):
        survey.satisfaction(design, [], confidence=1.5)


def test_normal_quantile_and_wilson():
    assert survey.normal_quantile(0.95) == pytest.approx(NormalDist().inv_cdf(0.975), abs=1e-12)
    lo, hi = survey.wilson_interval(0.8, 10, survey.normal_quantile(0.95))
    assert (lo, hi) == pytest.approx((0.4902, 0.9433), abs=1e-4)


def test_a_large_survey_against_a_direct_pandas_computation():
    rng = np.random.default_rng(25)
    tiers = [Tier("key", weight=5, share=0.2), Tier("business", weight=3, share=0.3), Tier("retail", weight=2, share=0.5)]
    d = SurveyDesign("big", survey.common_dimensions(), tiers)
    n = 20000
    frame = pd.DataFrame({"tier": rng.choice(["key", "business", "retail"], n)})
    for dim in d.dimensions:
        scores = rng.integers(1, 6, n).astype(float)
        scores[rng.random(n) < 0.1] = np.nan
        frame[dim.id] = scores
    r = survey.satisfaction(d, frame)
    w = {"key": 0.5, "business": 0.3, "retail": 0.2}
    for est in r.dimensions:
        by = frame.groupby("tier")[est.dimension]
        assert est.mean == pytest.approx(sum(w[t] * m for t, m in by.mean().items()), rel=1e-12)
        share = frame.assign(s=frame[est.dimension] >= 4).loc[frame[est.dimension].notna()].groupby("tier")["s"].mean()
        assert est.satisfied == pytest.approx(sum(w[t] * s for t, s in share.items()), rel=1e-12)
        assert est.satisfied_low < est.satisfied < est.satisfied_high
        assert est.answers == frame[est.dimension].notna().sum()


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_every_survey_type_pickles(design, protocol):
    r = survey.satisfaction(design, hand_responses())
    plan = survey.sample_allocations(50, design)
    for obj in (design, design.tiers[0], design.dimensions[0], design.scale):
        assert pickle.loads(pickle.dumps(obj, protocol)) == obj
    back = pickle.loads(pickle.dumps(r, protocol))
    assert back.to_frame().equals(r.to_frame())
    assert back.tiers_frame().equals(r.tiers_frame())
    assert pickle.loads(pickle.dumps(plan, protocol)) == plan
    assert type(pickle.loads(pickle.dumps(r.tiers[0], protocol))) is survey.TierCount
