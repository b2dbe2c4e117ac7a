"""Survey designs and the appraisal scheme in the charter: the charter file's `surveys` and
`appraisal` sections, Charter.survey / surveys / appraisal, the built-in charter's R-25 design
and 360-degree appraisal, and a charter carrying both through save / load and pickle."""

import pickle

import pytest

import charter
from charter import appraisal, survey

FORMATS = ["binary", "text", "xml"]

CENTRE = """\
charter: 1
surveys:
  - id: annual
    title: {zh: 年度客户满意度调查, en: Annual customer-satisfaction survey}
    dimensions: [timeliness, convenience, technical_quality, value_for_money,
                 {id: repair_quality, label: {zh: 维修质量, en: Repair quality}}]
    scale: {lowest: 1, highest: 5, satisfied_at: 4}
    tiers:
      - {id: key_accounts, label: {zh: 重点客户, en: Key accounts}, weight: 3, share: 0.4, minimum: 10}
      - {id: retail, label: {zh: 零售客户, en: Retail customers}, weight: 1, share: 0.6, minimum: 10}
appraisal:
  weights: {customer: 0.5, peer: 0.2, supervisor: 0.3}
  grades:
    - {id: excellent, label: {zh: 优秀, en: Excellent}, at_least: 90}
    - {id: good, label: {zh: 良好, en: Good}, at_least: 80}
    - {id: fail, label: {zh: 不合格, en: Fail}, at_least: 0}
  missing: reweight
"""


def test_the_charter_file_sections_read_into_a_design_and_a_scheme():
    c = charter.Charter.parse(CENTRE, "centre.yaml")
    assert [s.id for s in c.surveys] == ["annual"]
    design = c.survey("annual")
    assert isinstance(design, survey.SurveyDesign)
    assert design.title.zh == "年度客户满意度调查"
    # R-26's common items named alone bring their labels.
    assert [d.id for d in design.dimensions][:4] == [d.id for d in survey.common_dimensions()]
    assert design.dimensions[2].label.zh == "技术性"
    assert design.dimensions[4].label.en == "Repair quality"
    assert [(t.id, t.weight, t.share, t.minimum) for t in design.tiers] == [
        ("key_accounts", 3, 0.4, 10), ("retail", 1, 0.6, 10)]
    # The design works as any other: a sample plan of R-25's 50 respondents.
    assert survey.sample_plan(50, design)["size"].tolist() == [20, 30]

    scheme = c.appraisal
    assert isinstance(scheme, appraisal.AppraisalScheme)
    assert (scheme.weights.customer, scheme.weights.peer, scheme.weights.supervisor) == (0.5, 0.2, 0.3)
    assert [g.id for g in scheme.grades] == ["excellent", "good", "fail"]
    assert scheme.missing == appraisal.MissingPolicy.reweight
    assert scheme.grade_of(85).id == "good"
    assert "1 surveys, an appraisal scheme" in repr(c)


def test_unknown_survey_and_no_appraisal():
    c = charter.Charter.parse("charter: 1\n", "bare.yaml")
    assert c.surveys == []
    assert c.appraisal is None  # the charter states none
    with pytest.raises(charter.UnknownIdError, match=r"unknown survey 'annual' \(this charter has: none\)"):
        c.survey("annual")


@pytest.mark.parametrize(
    "change, line, column, path, words",
    [
        (("scale: {lowest: 1, highest: 5, satisfied_at: 4}", "scale: {lowest: 1, highest: 5, satisfied_at: 6}"),
         7, 50, "surveys[0].scale.satisfied_at", "must lie on the scale 1–5, got 6"),
        (("[timeliness, convenience,", "[timeliness, courtesy,"), 5, 30, "surveys[0].dimensions[1]",
         "'courtesy' is not a common item"),
        (("weights: {customer: 0.5, peer: 0.2,", "weights: {customer: 0.5, peer: 0.3,"), 12, 12,
         "appraisal.weights", "must add up to 1, got 0.5 + 0.3 + 0.3 = 1.1"),
        (("missing: reweight", "missing: skip"), 17, 12, "appraisal.missing",
         "'skip' is not a missing-data policy (not_graded or reweight)"),
    ],
)
def test_mistakes_name_line_column_and_path(change, line, column, path, words):
    text = CENTRE.replace(*change)
    assert text != CENTRE
    with pytest.raises(charter.CharterFileError) as info:
        charter.Charter.parse(text, "centre.yaml")
    e = info.value
    assert (e.file, e.line, e.column, e.path) == ("centre.yaml", line, column, path), str(e)
    assert words in str(e)


def test_every_problem_of_the_surveys_comes_in_one_error():
    text = CENTRE.replace("weight: 3,", "weight: -3,").replace("satisfied_at: 4}", "satisfied_at: 9}")
    with pytest.raises(charter.CharterFileError) as info:
        charter.Charter.parse(text, "centre.yaml")
    message = str(info.value)
    assert "surveys[0].scale.satisfied_at: must lie on the scale 1–5, got 9" in message
    assert "\ncentre.yaml:9:" in message and "surveys[0].tiers[0].weight: must be finite and not negative, got -3" in message


def test_the_builtin_charter_has_r25s_design_and_the_360_degree_scheme():
    c = charter.Charter.builtin()
    design = c.survey("R-25")
    # the four common items, labelled in both languages.
    assert [d.id for d in design.dimensions] == ["timeliness", "convenience", "technical_quality", "value_for_money"]
    assert [d.label.zh for d in design.dimensions] == ["及时性", "便捷性", "技术性", "性价比"]
    # customers weighted and sampled by tier; R-25: 50 respondents can be drawn.
    assert [t.id for t in design.tiers] == ["key_accounts", "business", "retail"]
    assert design.tiers[0].weight > design.tiers[2].weight
    plan = survey.sample_plan(c.cycle("R-25").evidence[0].at_least, design)
    assert plan["size"].sum() == 50 and (plan["size"] >= 10).all()
    # S3 §3(2): customer satisfaction, peer review, supervisor rating; excellent, good, …
    scheme = c.appraisal
    assert scheme == appraisal.AppraisalScheme()
    assert [g.label.zh for g in scheme.grades] == ["优秀", "良好", "合格", "不合格"]
    summary = appraisal.summarize(scheme, appraisal.appraise(scheme, [
        {"staff": "s001", "customer": 92, "peer": 88, "supervisor": 95},
        {"staff": "s002", "customer": 71, "peer": None, "supervisor": 80}]))
    assert summary.counts()["excellent"] == 1 and summary.not_graded == 1


def test_a_charter_built_from_parts_holds_them():
    design = survey.SurveyDesign("annual", survey.common_dimensions(), [survey.Tier("all")])
    scheme = appraisal.AppraisalScheme(missing=appraisal.MissingPolicy.reweight)
    c = charter.Charter(name=charter.LocalizedText("中心", "Centre"), surveys=[design], appraisal=scheme)
    assert c.survey("annual") == design
    assert c.appraisal == scheme
    assert charter.Charter(surveys=[design]).appraisal is None
    with pytest.raises(ValueError, match="survey 'annual' is given twice"):
        charter.Charter(surveys=[design, design])
    # Staff added later change neither.
    assert charter.Charter.builtin().with_staff([]).survey("R-25") == charter.Charter.builtin().survey("R-25")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_charter_keeps_them_through_save_load_and_pickle(tmp_path, fmt):
    c = charter.Charter.parse(CENTRE, "centre.yaml")
    path = tmp_path / f"centre.{fmt}"
    charter.save(c, path, format=fmt)
    back = charter.load(path)
    assert back == c
    assert back.survey("annual") == c.survey("annual")
    assert back.appraisal == c.appraisal
    copy = pickle.loads(pickle.dumps(charter.Charter.builtin()))
    assert copy == charter.Charter.builtin() and copy.appraisal is not None
