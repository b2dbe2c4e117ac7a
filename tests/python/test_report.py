"""charter.report from Python: building documents, validation errors with paths, rendering,
escaping, enums by name, pickling."""

import math
import re
import pickle
from datetime import date, datetime

import numpy as np
import pytest

import charter
from charter import report


def monthly_like():
    """A small report shaped like the monthly quality report (客服质量月度报表)."""
    volume = report.Chart.daily_bars("每日投诉量", date(2025, 10, 1), [3, 5, None, 0, 4], unit="件")
    on_time = report.Chart.daily_line("按时答复率", date(2025, 10, 1), [96.0, 100.0, None, 94.5, 95.0], target=95)
    by_unit = report.Chart.category_bars("各单位达标率", ["北京", "上海"], [99.0, 97.5], target=98)
    breaches = report.Table(["单位", "违规", "说明"],
                            [["北京", "0", ""], report.Row(["上海", report.Cell("2", "breach"), "超时"], "breach")],
                            align=["left", "right", "left"], caption="违规明细")
    return report.Document(
        "客服质量月度报表 2025-10",
        [report.Section("投诉", [
            report.KeyFigures([report.KeyFigure("按时答复率", 96.2, "%", 95.0),
                               report.KeyFigure("投诉量", 12, "件", 10, goal="at_most", decimals=0)]),
            report.Paragraph("本月受理投诉 12 件。"),
            volume, on_time]),
         report.Section("达标", [by_unit, breaches, report.Note("10-03 无数据", "warning"),
                                 report.BulletList(["R-23：月底前提交"])])],
        subtitle="全中心", generated_at="生成于 2025-11-01 09:00")


def test_values_are_read_back():
    doc = monthly_like()
    assert doc.title == "客服质量月度报表 2025-10"
    assert doc.lang == report.Lang.zh
    figures = doc.sections[0].blocks[0].figures
    assert figures[0].met is True
    assert figures[1].met is False  # 12 complaints against at most 10
    assert figures[1].goal == report.Goal.at_most
    chart = doc.sections[0].blocks[2]
    assert isinstance(chart, report.Chart)
    assert chart.values == [3.0, 5.0, None, 0.0, 4.0]
    assert chart.first_day == date(2025, 10, 1)
    assert chart.label(2) == "2025-10-03"
    assert len(chart) == 5
    on_time = doc.sections[0].blocks[3]
    assert on_time.target == 95.0 and on_time.unit == "%"
    assert [on_time.meets_target(i) for i in range(5)] == [True, True, None, False, True]
    table = doc.sections[1].blocks[1]
    assert table.rows[1].status == report.Status.breach
    assert table.rows[1].cells[1] == report.Cell("2", report.Status.breach)
    assert table.rows[0].cells[0].text == "北京"
    assert table.align == [report.Align.left, report.Align.right, report.Align.left]
    assert doc.validate() == []


def test_markdown_and_html():
    doc = monthly_like()
    md = doc.to_markdown()
    assert md == report.to_markdown(doc)
    assert md.startswith("# 客服质量月度报表 2025-10\n")
    assert "- **投诉量**：12 件（目标 ≤ 10 件） — 未达标\n" in md
    assert "| 上海 | 2（违规） | 超时 | 违规 |\n" in md
    assert "| 2025-10-03 | 无数据 |  |\n" in md
    html = doc.to_html()
    assert html == report.to_html(doc)
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    assert html.count("<svg ") == 3
    assert "<script" not in html


def test_english_document():
    doc = report.Document("Report", [report.Section("S", [report.Table(["a"], [report.Row(["x"], "warning")])])],
                          lang="en")
    assert "| x | warning |" in doc.to_markdown()
    assert '<html lang="en">' in doc.to_html()


def test_chart_accepts_numpy_and_refuses_nan_with_its_index():
    chart = report.Chart.daily_bars("volume", date(2025, 10, 1), np.array([1.0, 2.0, 3.0]))
    assert chart.values == [1.0, 2.0, 3.0]
    with pytest.raises(charter.ReportError) as err:
        report.Chart.daily_bars("volume", date(2025, 10, 1), [1.0, math.nan, math.inf])
    assert err.value.problems == [("values[1]", "NaN is not a value (use a missing value for no data)"),
                                  ("values[2]", "+infinity is not a value")]
    assert isinstance(err.value, charter.Error) and isinstance(err.value, ValueError)


def test_chart_errors():
    with pytest.raises(charter.ReportError, match=r"categories: 1 labels for 2 values"):
        report.Chart.category_bars("by unit", ["北京"], [1.0, 2.0])
    with pytest.raises(charter.ReportError, match=r"value 100.5 above 100"):
        report.Chart.daily_line("rate", date(2025, 10, 1), [100.5])
    with pytest.raises(charter.ReportError, match=r"first_day: a daily chart needs its first day"):
        report.Chart("daily_bars", "volume", [1.0])
    with pytest.raises(TypeError, match="first_day: expected a datetime.date"):
        report.Chart.daily_bars("volume", datetime(2025, 10, 1, 9, 0), [1.0])  # a date, not a datetime


def test_validate_lists_every_problem_with_its_path():
    doc = report.Document("", [report.Section("S", [report.Table(["a", "b"], [["only"]]), report.Paragraph("")])])
    assert doc.validate() == [
        ("title", "must not be empty"),
        ("sections[0].blocks[0].table.rows[0]", "1 cells, the header has 2"),
        ("sections[0].blocks[1].paragraph.text", "must not be empty"),
    ]
    with pytest.raises(charter.ReportError) as err:
        doc.to_html()
    assert len(err.value.problems) == 3
    with pytest.raises(charter.ReportError):
        doc.to_markdown()


def test_key_figure_nan_is_refused_at_render():
    doc = report.Document("T", [report.Section("S", [report.KeyFigures([report.KeyFigure("k", math.nan)])])])
    assert doc.validate() == [("sections[0].blocks[0].key_figures.figures[0].value",
                               "NaN is not a value (leave it missing for no data)")]


def test_enums_by_name():
    assert report.Status("breach") == report.Status.breach
    assert report.Row(["a"], status="ok").status == report.Status.ok
    with pytest.raises(ValueError, match="unknown status 'red' \\(expected one of none, ok, warning, breach\\)"):
        report.Status("red")
    with pytest.raises(TypeError):
        report.Table(["a"], ["not a row"])


def test_everything_is_escaped():
    evil = "<script>alert('x')</script> & | *"
    doc = report.Document(evil, [report.Section(evil, [
        report.Paragraph(evil), report.Table([evil], [[evil]]), report.BulletList([evil]), report.Note(evil),
        report.Chart.category_bars(evil, [evil], [1.0])])], lang="en")
    html = doc.to_html()
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; | *" in html
    md = doc.to_markdown()
    assert re.search(r"(?<!\\)<", md) is None  # no '<' left to open raw HTML
    assert "\\<script\\>alert('x')\\</script\\> & \\| \\*" in md


def test_same_document_same_bytes():
    assert monthly_like().to_html() == monthly_like().to_html()
    assert monthly_like().to_markdown() == monthly_like().to_markdown()
    chart = monthly_like().sections[0].blocks[2]
    assert chart.to_svg() == report.to_svg(chart, "zh")
    assert report.to_svg(chart, "en") != report.to_svg(chart, "zh")  # the legend's words


def test_format_number():
    assert report.format_number(96.25, 1) == "96.2"
    assert report.format_number(-0.01, 1) == "0.0"
    with pytest.raises(ValueError):
        report.format_number(math.nan, 1)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle(protocol):
    doc = monthly_like()
    back = pickle.loads(pickle.dumps(doc, protocol))
    assert back == doc
    assert back.to_html() == doc.to_html()
    for value in (report.Status.warning, report.Cell("x", "breach"), doc.sections[0].blocks[2],
                  report.Chart.category_bars("c", ["a"], [None], target=1.0)):
        assert pickle.loads(pickle.dumps(value, protocol)) == value


def test_equality_and_repr():
    a = report.Paragraph("p")
    assert a == report.Paragraph("p") and a != report.Paragraph("q")
    assert repr(a) == "Paragraph('p')"
    assert "daily_bars" in repr(monthly_like().sections[0].blocks[2])
    gap = report.Chart.daily_bars("v", date(2025, 10, 1), [None])
    zero = report.Chart.daily_bars("v", date(2025, 10, 1), [0])
    assert gap != zero  # no data is not zero


def test_empty_document_renders():
    doc = report.Document("Empty")
    assert doc.to_markdown() == "# Empty\n"
    assert "<h1>Empty</h1>" in doc.to_html()


def test_names_are_exported():
    for name in report.__all__:
        assert hasattr(report, name), name
    assert charter.ReportError is report.ReportError
    assert report.Document.__module__ == "charter.report"
