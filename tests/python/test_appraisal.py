"""The 360-degree staff appraisal (S3 §3(2)) from Python: customer satisfaction, peer review and
supervisor rating weighted into a score and a grade, and the count per grade for the report."""

import math
import pickle

import numpy as np
import pandas as pd
import pytest

import charter
from charter import appraisal
from charter.appraisal import AppraisalScheme, AppraisalWeights, Grade, MissingPolicy


@pytest.fixture
def scores():
    return pd.DataFrame({
        "staff": ["s001", "s002", "s003", "s004", "s005"],
        "customer": [92, 71, 60, 85, np.nan],
        "peer": [88, np.nan, 60, 80, np.nan],
        "supervisor": [95, 80, 60, 82, np.nan],
    })


def test_default_scheme_weights_and_grades():
    s = AppraisalScheme()
    assert (s.weights.customer, s.weights.peer, s.weights.supervisor) == (0.4, 0.3, 0.3)
    assert [(g.id, g.label.zh, g.at_least) for g in s.grades] == [
        ("excellent", "优秀", 90), ("good", "良好", 80), ("pass", "合格", 60), ("fail", "不合格", 0)]
    assert s.missing == MissingPolicy.not_graded
    assert s.grade_of(90).id == "excellent" and s.grade_of(89.99).id == "good"


def test_appraise_a_month_of_staff(scores):
    results = appraisal.appraise(AppraisalScheme(), scores)
    assert results[0].score == pytest.approx(0.4 * 92 + 0.3 * 88 + 0.3 * 95)
    assert results[0].grade == "excellent"
    assert not results[1].graded and results[1].missing == [appraisal.Component.peer]
    assert results[2].grade == "pass"  # exactly 60
    assert results[3].score == pytest.approx(0.4 * 85 + 0.3 * 80 + 0.3 * 82) and results[3].grade == "good"
    assert results[4].missing == [appraisal.Component.customer, appraisal.Component.peer,
                                  appraisal.Component.supervisor]


def test_reweight_grades_on_what_is_present(scores):
    s = AppraisalScheme(missing=MissingPolicy.reweight)
    frame = appraisal.appraise_frame(s, scores)
    assert frame.loc["s002", "score"] == pytest.approx((0.4 * 71 + 0.3 * 80) / 0.7)
    assert frame.loc["s002", "grade"] == "pass" and bool(frame.loc["s002", "partial"])
    assert frame.loc["s002", "missing"] == "peer"
    assert math.isnan(frame.loc["s005", "score"]) and frame.loc["s005", "grade"] == ""


def test_summary_for_the_monthly_report(scores):
    s = AppraisalScheme(missing=MissingPolicy.reweight)
    summary = appraisal.summarize(s, appraisal.appraise(s, scores))
    assert summary.counts() == {"excellent": 1, "good": 1, "pass": 2, "fail": 0}
    assert (summary.staff, summary.not_graded, summary.partial) == (5, 1, 1)


def test_thresholds_and_weights_are_data():
    s = AppraisalScheme(AppraisalWeights(0.5, 0.0, 0.5),
                        [Grade("a", charter.LocalizedText("甲", "A"), 75), Grade("b", at_least=0)])
    # Peer review weighs 0: no column needed, never missing.
    results = appraisal.appraise(s, pd.DataFrame({"staff": ["x"], "customer": [70], "supervisor": [80]}))
    assert results[0].score == pytest.approx(75) and results[0].grade == "a" and results[0].missing == []


def test_nan_negative_and_unbalanced_weights_are_refused():
    with pytest.raises(charter.AppraisalError) as e:
        AppraisalScheme(AppraisalWeights(math.nan, -0.1, 0.3))
    assert [p for p, _ in e.value.problems] == ["weights.customer", "weights.peer"]
    with pytest.raises(charter.AppraisalError, match="must add up to 1, got 0.4 \\+ 0.4 \\+ 0.3 = 1.1"):
        AppraisalScheme(AppraisalWeights(0.4, 0.4, 0.3))
    with pytest.raises(charter.AppraisalError, match="the last grade must start at 0"):
        AppraisalScheme(grades=[Grade("good", at_least=80), Grade("pass", at_least=60)])


def test_bad_scores_are_refused_with_their_position(scores):
    bad = scores.copy()
    bad.loc[0, "customer"] = 120
    bad.loc[2, "staff"] = "s001"
    with pytest.raises(charter.AppraisalError) as e:
        appraisal.appraise(AppraisalScheme(), bad)
    assert [p for p, _ in e.value.problems] == ["inputs[0].customer", "inputs[2].staff"]
    with pytest.raises(charter.AppraisalError, match="scores.peer: no such column"):
        appraisal.appraise(AppraisalScheme(), scores.drop(columns="peer"))
    with pytest.raises(charter.AppraisalError, match="not a number"):
        appraisal.appraise(AppraisalScheme(), [{"staff": "x", "customer": "great", "peer": 1, "supervisor": 1}])


def test_no_staff():
    s = AppraisalScheme()
    assert appraisal.appraise(s, []) == []
    assert appraisal.summarize(s, []).counts() == {"excellent": 0, "good": 0, "pass": 0, "fail": 0}


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_every_appraisal_type_pickles(scores, protocol):
    s = AppraisalScheme(AppraisalWeights(0.5, 0.2, 0.3), missing=MissingPolicy.reweight)
    results = appraisal.appraise(s, scores)
    summary = appraisal.summarize(s, results)
    assert pickle.loads(pickle.dumps(s, protocol)) == s
    assert pickle.loads(pickle.dumps(s.weights, protocol)) == s.weights
    assert pickle.loads(pickle.dumps(s.grades[0], protocol)) == s.grades[0]
    assert pickle.loads(pickle.dumps(MissingPolicy.reweight, protocol)) == MissingPolicy.reweight
    back = pickle.loads(pickle.dumps(results, protocol))
    assert [(r.staff, r.score, r.grade, r.missing, r.partial) for r in back] == \
        [(r.staff, r.score, r.grade, r.missing, r.partial) for r in results]
    back_summary = pickle.loads(pickle.dumps(summary, protocol))
    assert back_summary.counts() == summary.counts() and back_summary.not_graded == summary.not_graded


def test_every_kind_of_empty_cell_is_no_data():
    # None, NaN of Python and numpy, pandas NA and NaT: a component without data, never "not a
    # number". A nullable integer column (Int64) holds pd.NA where a value is missing.
    rows = [{"staff": "s001", "customer": None, "peer": np.float32("nan"), "supervisor": pd.NA},
            {"staff": "s002", "customer": 80, "peer": pd.NaT, "supervisor": 90}]
    results = appraisal.appraise(AppraisalScheme(missing=MissingPolicy.reweight), rows)
    assert results[0].missing == [appraisal.Component.customer, appraisal.Component.peer,
                                  appraisal.Component.supervisor]
    assert results[1].missing == [appraisal.Component.peer]
    assert results[1].score == pytest.approx((0.4 * 80 + 0.3 * 90) / 0.7)
    frame = pd.DataFrame({"staff": ["s001", "s002"], "customer": pd.array([None, 80], dtype="Int64"),
                          "peer": [70, 70], "supervisor": [90, 90]})
    assert [r.missing for r in appraisal.appraise(AppraisalScheme(), frame)] == [[appraisal.Component.customer], []]
    # Text is a value, and not a number.
    with pytest.raises(charter.AppraisalError, match=r"inputs\[0\].customer: 'n/a' is not a number"):
        appraisal.appraise(AppraisalScheme(), [{"staff": "s001", "customer": "n/a", "peer": 1, "supervisor": 1}])
