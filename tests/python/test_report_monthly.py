"""The monthly quality report (客服质量月度报表, R-23) from Python: report.monthly over a tracker,
findings and completion records, checked against the blocks it is made of."""

import math
from datetime import date, datetime

import pandas as pd
import pytest

import charter
from charter import report
from charter.workflow import Tracker

SUP = "after_sales_supervisor.1"


@pytest.fixture(scope="module")
def centre():
    base = charter.Charter.builtin()
    staff = [charter.org.Staff(id=f"{r.id}.1", roles=[r.id]) for r in base.organization.roles]
    return base.with_staff(staff)


def intake(case, at, unit=None):
    fields = {"severity": "normal", "channel": "phone"}
    if unit:
        fields["unit"] = unit
    return {"case": case, "at": at, "event": "receive", "actor": "archive_staff.1", "fields": fields}


@pytest.fixture
def complaints(centre):
    """C-1 (front desk) answered after an hour, C-2 (call centre) after 30 hours: a breach of
    R-05's 24 hours; C-3 (no unit) received on the 30th."""
    t = Tracker(centre.workflow("complaint"))
    r = t.ingest([
        intake("C-1", datetime(2025, 11, 3, 10), "front_desk"),
        {"case": "C-1", "at": datetime(2025, 11, 3, 11), "event": "acknowledge", "actor": SUP},
        intake("C-2", datetime(2025, 11, 4, 10), "call_centre"),
        {"case": "C-2", "at": datetime(2025, 11, 5, 16), "event": "acknowledge", "actor": SUP},
        intake("C-3", datetime(2025, 11, 30, 12)),
    ])
    assert r.rejected == []
    return t


@pytest.fixture
def notices(centre):
    t = Tracker(centre.workflow("rectification"))
    t.ingest([
        {"case": "N-1", "at": datetime(2025, 11, 10, 9), "event": "issue", "actor": "quality_staff.1",
         "fields": {"unit": "front_desk", "problem": "queue unattended", "deadline": "2025-11-20 18:00"}},
    ])
    return t


RECORDS = [
    {"cycle": "R-20", "subject": "front_desk", "at": datetime(2025, 11, 12, 10), "actor": "quality_staff.1"},
    {"cycle": "R-21", "subject": "front_desk", "at": datetime(2025, 11, 13, 10), "report": "IR-11"},
    {"cycle": "R-23", "at": datetime(2025, 11, 27, 16), "report": "QR-2025-11"},
]


def test_a_month_in_figures_breaches_and_the_reports_own_due_date(centre, complaints, notices):
    r = report.monthly(centre, complaints, None, RECORDS, "2025-11", rectifications=notices)
    assert isinstance(r, report.MonthlyReport)
    assert (r.year, r.month, r.unit, r.calendar) == (2025, 11, "", "office")
    assert r.first_day == date(2025, 11, 1) and r.last_day == date(2025, 11, 30)
    assert r.as_of == datetime(2025, 12, 1)  # naive local wall time: the month as it ended
    direct = report.workflow_kpis(complaints, date(2025, 11, 1), date(2025, 11, 30), datetime(2025, 12, 1),
                                  calendar=centre.calendar("office"))
    assert r.complaints.received == direct.received == 3
    assert r.complaints.timer("reply").breached == direct.timer("reply").breached
    assert r.breach_count >= 1
    reply = [b for b in r.breaches if b["timer"] == "reply"]
    assert reply and reply[0]["case_id"] == "C-2" and reply[0]["unit"] == "call_centre"
    assert reply[0]["due"] == datetime(2025, 11, 5, 10)
    assert reply[0]["overdue"].total_seconds() == 6 * 3600
    assert "C-2" in reply[0]["explanation"] and "6 h 0 min late" in reply[0]["explanation"]
    assert [n["case_id"] for n in r.notices] == ["N-1"]
    assert r.notices[0]["deadline"] == datetime(2025, 11, 11, 18, 30)  # acknowledgement: end of next business day
    assert r.report_due["cycle"] == "R-23" and r.report_due["state"] == "done"
    assert r.report_due["due"] == datetime(2025, 11, 30, 23, 59, 59)
    r20 = next(line for line in r.inspections if line["cycle"] == "R-20")
    assert r20["done"] == 1 and r20["overdue"] + r20["missed"] >= 1  # the other units were not checked
    assert {o["cycle"] for o in r.attention} >= {"R-20"}


def test_to_frame_holds_the_key_figures_with_their_targets(centre, complaints):
    r = report.monthly(centre, complaints, None, RECORDS, date(2025, 11, 15), targets={"on_time": 0.95})
    f = r.to_frame()
    assert isinstance(f, pd.DataFrame) and f.index.name == "id"
    assert list(f.columns) == ["label_zh", "label_en", "value", "unit", "target", "goal", "met"]
    assert f.loc["complaints.received", "value"] == 3
    assert f.loc["complaints.resolution_rate", "target"] == 98.0
    assert f.loc["timer.reply.on_time", "target"] == 95.0
    assert f.loc["timer.reply.on_time", "value"] == pytest.approx(50.0)  # C-1 met, C-2 breached
    assert f.loc["timer.reply.on_time", "met"] is False or f.loc["timer.reply.on_time", "met"] == False  # noqa: E712
    assert f.loc["timer.reply.on_time", "goal"] == "at_least"
    assert math.isnan(f.loc["standards.compliance", "value"])  # no observations: no data, not 0 %


def test_a_units_report_keeps_its_own_cases(centre, complaints, notices):
    front = report.monthly(centre, complaints, None, RECORDS, (2025, 11), unit="front_desk", rectifications=notices)
    assert front.scope["en"] == "Front desk"
    assert front.complaints.received == 1
    # C-1 was answered in an hour, but not investigated or resolved in the month: its other
    # timers are breached, all of them front desk's.
    assert front.breach_count == len(front.breaches) > 0
    assert {b["case_id"] for b in front.breaches} == {"C-1"} and "reply" not in {b["timer"] for b in front.breaches}
    assert [n["case_id"] for n in front.notices] == ["N-1"]
    call = report.monthly(centre, complaints, None, RECORDS, "2025-11", unit="call_centre", rectifications=notices)
    assert call.notices == [] and call.complaints.received == 1


def test_the_document_reads_in_both_languages(centre, complaints):
    r = report.monthly(centre, complaints, None, RECORDS, "2025-11")
    zh = r.to_markdown()
    en = r.to_markdown("en")
    assert zh.startswith("# 客服质量月度报表 2025-11")
    assert en.startswith("# Monthly service-quality report 2025-11")
    assert "This report (R-23) is due 2025-11-30 23:59: done" in en
    html = r.to_html("en")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html
    doc = r.document("en")
    assert isinstance(doc, report.Document) and doc.validate() == []
    assert r.notices is None  # no rectification tracker given


def test_findings_and_a_survey_and_appraisals_are_summarised(centre, complaints):
    obs = [{"id": "O-1", "kind": "call", "at": datetime(2025, 11, 3, 9), "staff": "s1", "unit": "call_centre",
            "channel": "phone", "rings": 4},
           {"id": "O-2", "kind": "call", "at": datetime(2025, 11, 3, 9, 5), "staff": "s1", "unit": "call_centre",
            "channel": "phone", "rings": 1}]
    findings = charter.standard.evaluate(centre, obs)
    design = charter.survey.SurveyDesign("annual", charter.survey.common_dimensions(),
                                         [charter.survey.Tier("all", charter.LocalizedText("全部", "All"))],
                                         title=charter.LocalizedText("年度满意度调查", "Annual survey"))
    result = charter.survey.satisfaction(design, [{"tier": "all", "timeliness": 5, "convenience": 4,
                                                   "technical_quality": 4, "value_for_money": 3}] * 60)
    scheme = charter.appraisal.AppraisalScheme()
    appraised = charter.appraisal.appraise(scheme, [{"staff": "a", "customer": 95, "peer": 90, "supervisor": 92}])
    r = report.monthly(centre, complaints, findings, RECORDS, "2025-12", survey_design=design, survey=result,
                       appraisal_scheme=scheme, appraisals=appraised)
    assert r.compliance["checked"] == 0  # the observations are November's
    nov = report.monthly(centre, complaints, findings, RECORDS, "2025-11")
    r01 = next(row for row in nov.by_standard if row["key"] == "R-01")
    assert (r01["met"], r01["not_met"]) == (1, 1)
    assert nov.by_unit[0]["key"] == "call_centre"
    assert r.survey.respondents == 60 and r.appraisal.staff == 1
    en = r.to_markdown("en")
    assert "Annual survey" in en and "Staff appraisal" in en
    r25 = next(o for o in r.survey_occurrences if o["cycle"] == "R-25")
    assert r25["state"] == "overdue"


def test_bad_requests_say_what_is_wrong(centre, complaints):
    with pytest.raises(ValueError, match="month 13"):
        report.monthly(centre, complaints, None, None, "2025-13")
    with pytest.raises(ValueError, match="YYYY-MM"):
        report.monthly(centre, complaints, None, None, "November")
    with pytest.raises(charter.Error):
        report.monthly(centre, complaints, None, None, "2025-11", unit="nowhere")
    with pytest.raises(ValueError, match="appraisal scheme"):
        report.monthly(centre, complaints, None, None, "2025-11",
                       appraisals=charter.appraisal.appraise(charter.appraisal.AppraisalScheme(), [{"staff": "a", "customer": 90, "peer": 90, "supervisor": 90}]))
    with pytest.raises(ValueError, match="unknown key 'speed'"):
        report.monthly(centre, complaints, None, None, "2025-11", targets={"speed": 0.5})
    with pytest.raises(ValueError, match="fraction"):
        report.monthly(centre, complaints, None, None, "2025-11", targets={"on_time": 95})
    with pytest.raises(TypeError, match="Tracker"):
        report.monthly(centre, "not a tracker", None, None, "2025-11")
    with pytest.raises(TypeError, match="Findings"):
        report.monthly(centre, complaints, [1, 2], None, "2025-11")


def test_tracker_attribute_column(complaints):
    codes, values = complaints.attribute("unit", datetime(2025, 12, 1))
    assert values == ["front_desk", "call_centre"]
    assert list(codes) == [0, 1, -1]
    codes, values = complaints.attribute("unit", datetime(2025, 11, 3, 12))  # only C-1 opened by then
    assert list(codes) == [0] and values == ["front_desk"]
    with pytest.raises(charter.UnknownIdError, match="attributes: severity, channel, customer, unit"):
        complaints.attribute("colour", datetime(2025, 12, 1))


def test_the_notices_the_charter_raises_are_listed_and_marked_once_issued(centre, complaints):
    obs = [{"id": f"O-{i}", "kind": "web_message", "at": datetime(2025, 11, 3, 9), "staff": "s1",
            "unit": "after_sales", "channel": "web", "answered_at": "2025-11-05 10:00"} for i in range(25)]
    findings = charter.standard.evaluate(centre, obs)
    r = report.monthly(centre, complaints, findings, RECORDS, "2025-11")
    r11 = [n for n in r.to_raise if n["rule"] == "R-11"]
    assert r11 and r11[0]["unit"] == "after_sales" and r11[0]["source"] == "standard"
    assert r11[0]["case_id"] == "RN-R-11-after_sales-2025-11-rate" and r11[0]["issued"] is False
    assert "R-11" in r11[0]["problem"]
    notices = Tracker(centre.workflow("rectification"))
    notices.ingest(charter.workflow.events_of(
        charter.workflow.standard_notices(centre, findings, datetime(2025, 11, 1), datetime(2025, 12, 1),
                                          datetime(2025, 12, 1), "quality_staff.1")))
    again = report.monthly(centre, complaints, findings, RECORDS, "2025-11", rectifications=notices)
    assert next(n for n in again.to_raise if n["rule"] == "R-11")["issued"] is True
    assert "RN-R-11-after\\_sales-2025-11-rate" in again.to_markdown("en")  # Markdown escapes "_"


def test_a_report_pickles_and_saves_with_every_figure(centre, complaints, notices, tmp_path):
    import pickle
    r = report.monthly(centre, complaints, None, RECORDS, "2025-11", rectifications=notices)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(r, protocol))
        assert isinstance(back, report.MonthlyReport)
        assert back.to_markdown("en") == r.to_markdown("en") and back.to_html() == r.to_html()
        assert back.breaches == r.breaches and back.notices == r.notices and back.report_due == r.report_due
        assert math.isnan(back.compliance["rate"])  # no observations: still "no data"
    for fmt in ("binary", "text", "xml"):
        path = tmp_path / f"report-{fmt}.chrt"
        charter.save(r, str(path), format=fmt)
        loaded = charter.load(str(path))
        assert isinstance(loaded, report.MonthlyReport)
        assert [(f["id"], f["target"], f["met"]) for f in loaded.figures()] == [
            (f["id"], f["target"], f["met"]) for f in r.figures()]
        assert loaded.to_markdown() == r.to_markdown()
    assert charter.from_bytes(charter.to_bytes(r)).to_markdown("en") == r.to_markdown("en")
