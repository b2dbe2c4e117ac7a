"""Saving and loading survey designs, appraisal schemes and report documents from Python with
charter.save / load / to_bytes / from_bytes: round trips in every format, and damaged, truncated
or mistaken files refused with the library's errors."""

from datetime import date

import pytest

import charter
from charter import appraisal, report, survey
from charter import LocalizedText as T

FORMATS = ["binary", "text", "xml"]


def a_design():
    return survey.SurveyDesign(
        "annual",
        survey.common_dimensions() + [survey.Dimension("repair", T("维修质量", "Repair quality"))],
        [survey.Tier("key", T("重点客户", "Key accounts"), weight=0.1, share=1 / 3, minimum=10),
         survey.Tier("retail", weight=2, share=2 / 3, minimum=5, population=5_000_000_000)],
        scale=survey.ScoreScale(0, 10, 7.5),
        title=T("年度满意度调查", "Annual satisfaction survey"))


def a_scheme():
    return appraisal.AppraisalScheme(
        weights=appraisal.AppraisalWeights(0.1, 0.2, 0.7),
        grades=[appraisal.Grade("a", T("甲", "A"), 85.5), appraisal.Grade("b", T("乙", ""), 0)],
        missing=appraisal.MissingPolicy.reweight)


def a_document():
    return report.Document("客服质量月度报表 2025-10", [
        report.Section("投诉 (Complaints)", [
            report.KeyFigures([report.KeyFigure("按时答复率", 96.25, "%", target=95, decimals=2),
                               report.KeyFigure("满意率", None, "%")]),
            report.Paragraph("本月受理投诉 31 件。\n<script>alert(1)</script>"),
            report.Table(["单位", "违规"], [["呼叫中心", "0"], report.Row(["网店", report.Cell("3", "breach")], status="warning")],
                         align=["left", "right"], caption="各单位"),
        ]),
        report.Section("说明", [
            report.BulletList(["a & b", "line\nbreak"]),
            report.Note("两个单位数据不全", "warning"),
            report.Chart.daily_line("按时答复率", date(2025, 10, 1), [96.0, None, 100.0], target=95),
            report.Chart.category_bars("合规率", ["呼叫中心", "网店"], [98.1, None], target=95),
        ]),
    ], subtitle="客户服务中心 · 2025-10", generated_at="Generated 2025-11-01 09:00 CST")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_survey_design_round_trips(tmp_path, fmt):
    design = a_design()
    path = tmp_path / f"annual.{fmt}"
    charter.save(design, path, format=fmt)
    back = charter.load(path)
    assert isinstance(back, survey.SurveyDesign)
    assert back == design
    assert back.tiers[0].share == 1 / 3  # to the bit, in text and XML too
    assert back.tiers[1].population == 5_000_000_000
    assert charter.from_bytes(charter.to_bytes(design, fmt)) == design
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_appraisal_scheme_round_trips(tmp_path, fmt):
    scheme = a_scheme()
    charter.save(scheme, tmp_path / "scheme", format=fmt)
    back = charter.load(tmp_path / "scheme")
    assert isinstance(back, appraisal.AppraisalScheme)
    assert back == scheme
    assert back.missing == appraisal.MissingPolicy.reweight
    assert back.grade_of(85.4).id == "b"
    builtin = charter.Charter.builtin().appraisal
    assert charter.from_bytes(charter.to_bytes(builtin, fmt)) == builtin


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_document_round_trips_and_renders_the_same(tmp_path, fmt):
    doc = a_document()
    assert doc.validate() == []
    charter.save(doc, tmp_path / "report.chrt", format=fmt)
    back = charter.load(tmp_path / "report.chrt")
    assert isinstance(back, report.Document)
    assert back == doc
    assert back.to_html() == doc.to_html()
    assert back.to_markdown() == doc.to_markdown()
    assert back.sections[0].blocks[0].figures[1].value is None
    assert back.sections[1].blocks[2].values == [96.0, None, 100.0]


def test_an_invalid_document_is_not_saved(tmp_path):
    bad = report.Document("", [report.Section("s", [report.Table(["a", "b"], [["only one"]])])])
    with pytest.raises(charter.ReportError) as info:
        charter.save(bad, tmp_path / "bad.chrt")
    paths = [p for p, _ in info.value.problems]
    assert "title" in paths and "sections[0].blocks[0].table.rows[0]" in paths
    assert not (tmp_path / "bad.chrt").exists()


@pytest.mark.parametrize("make", [a_design, a_scheme, a_document])
def test_truncated_and_damaged_bytes_are_corrupt(make):
    data = charter.to_bytes(make(), "text")
    for n in list(range(0, 40)) + [len(data) // 2, len(data) - 1]:
        with pytest.raises(charter.CorruptFileError):
            charter.from_bytes(data[:n])
    for i in range(0, len(data), max(1, len(data) // 97)):
        damaged = bytearray(data)
        damaged[i] ^= 0x04
        with pytest.raises((charter.CorruptFileError, charter.UnsupportedVersionError)):
            charter.from_bytes(bytes(damaged))


def test_a_file_of_another_kind_is_what_it_is(tmp_path):
    # charter.load returns what the file holds, whatever was expected; the envelope's payload
    # type decides, and a payload under the wrong type is refused.
    charter.save(a_design(), tmp_path / "x.chrt")
    assert isinstance(charter.load(tmp_path / "x.chrt"), survey.SurveyDesign)
    data = bytearray(charter.to_bytes(a_scheme(), "binary"))
    data[24] = 8  # payload type: survey design (the header checksum now fails)
    with pytest.raises(charter.CorruptFileError, match="header"):
        charter.from_bytes(bytes(data))


def test_what_cannot_be_saved_says_what_can():
    with pytest.raises(TypeError, match="SurveyDesign, AppraisalScheme, Document and MonthlyReport can be saved, not Tier"):
        charter.to_bytes(survey.Tier("key"))
