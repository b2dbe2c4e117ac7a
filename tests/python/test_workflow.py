"""Workflows from Python: the complaint and rectification-notice workflows of the built-in charter.

Calendars: "hotline" is 24/7 in Asia/Shanghai (complaints count clock hours); "office" is the
China calendar 09:00-18:30. 2025-10-01..08 is the National Day holiday. Naive datetimes are
Shanghai wall time (the workflows' calendar zone).
"""

import pickle
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest

import charter
from charter.workflow import (
    AtRisk,
    Breach,
    Case,
    CaseStatus,
    Definition,
    Event,
    IngestReport,
    Rejection,
    TimerExplanation,
    TimerPhase,
    TimerStatus,
    Tracker,
    Transition,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
SUP = "after_sales_supervisor.1"
FRI_17 = datetime(2025, 9, 26, 17, 0)  # Friday 2025-09-26 17:00, Shanghai wall time


@pytest.fixture(scope="module")
def rulebook():
    """The built-in charter with one staff member per role, named "<role>.1"."""
    base = charter.Charter.builtin()
    staff = [charter.org.Staff(id=f"{r.id}.1", roles=[r.id]) for r in base.organization.roles]
    return base.with_staff(staff)


@pytest.fixture(scope="module")
def complaint(rulebook):
    return rulebook.workflow("complaint")


@pytest.fixture(scope="module")
def rectification(rulebook):
    return rulebook.workflow("rectification")


def received(complaint, severity="normal", at=FRI_17, case_id="C-1"):
    """Reception by any employee (不得推诿: complaint.accept is granted to all)."""
    c = Case(complaint, case_id)
    c.apply("receive", at, "archive_staff.1", severity=severity, channel="phone")
    return c


def closed_normally(complaint):
    """Every step of the six clears and the five steps, one hour apart from Friday 17:00."""
    c = received(complaint)
    t = FRI_17
    h = timedelta(hours=1)
    c.apply("acknowledge", t + h, SUP)
    c.apply("investigate", t + 2 * h, SUP)
    c.apply("analyse", t + 3 * h, "quality_staff.1", cause="wrong size shipped")
    c.apply("propose_solution", t + 4 * h, SUP, solution="exchange")
    c.apply("implement", t + 5 * h, SUP)
    c.apply("resolve", datetime(2025, 9, 27, 9), SUP, resolution="exchanged")
    c.apply("reply_customer", datetime(2025, 9, 27, 10), SUP)
    c.apply("record", datetime(2025, 9, 27, 11), SUP)
    c.apply("close", datetime(2025, 9, 27, 12), SUP)
    return c


# ---- the charter and the definition ------------------------------------------------------------


def test_the_charter_holds_its_workflows_by_id(rulebook):
    assert sorted(rulebook.workflows) == ["complaint", "rectification"]
    assert all(isinstance(d, Definition) for d in rulebook.workflows.values())
    assert rulebook.workflow("complaint") == rulebook.workflows["complaint"]
    with pytest.raises(charter.UnknownIdError, match="complaint, rectification"):
        rulebook.workflow("repair")
    assert "2 workflows" in repr(rulebook)


def test_a_charter_built_from_parts_files_workflows_under_their_ids(rulebook):
    base = charter.Charter.builtin()
    again = charter.Charter(name=base.name, calendars=base.calendars, organization=base.organization,
                            workflows=base.workflows, standards=base.standards, cycles=base.cycles,
                            surveys=base.surveys, appraisal=base.appraisal)
    assert again == base
    assert charter.Charter(name=base.name, calendars=base.calendars, organization=base.organization,
                           workflows=base.workflows).standards == []
    with pytest.raises(ValueError, match="filed under the id 'x'"):
        charter.Charter(calendars=base.calendars, organization=base.organization,
                        workflows={"x": base.workflow("complaint")})


def test_with_staff_adds_staff_and_leaves_the_charter_unchanged(rulebook):
    base = charter.Charter.builtin()
    assert base.organization.staff == []
    assert len(rulebook.organization.staff) == len(base.organization.roles)
    with pytest.raises(charter.OrganizationError) as e:
        base.with_staff([charter.org.Staff(id="x", roles=["astronaut"])])
    assert e.value.problems
    assert issubclass(charter.DefinitionError, charter.Error)
    assert issubclass(charter.RejectedEventError, charter.Error)
    assert issubclass(charter.RejectedEventError, ValueError)


def test_the_complaint_definition_reads_like_the_rulebook(complaint):
    assert complaint.id == "complaint"
    assert complaint.name.en == "Complaint handling"
    assert complaint.calendar.zone == "Asia/Shanghai"
    assert complaint.initial_state.id == "new"
    states = {s.id: s for s in complaint.states}
    assert states["new"].initial and not states["new"].terminal
    assert states["closed"].terminal
    receive = complaint.transitions[0]
    assert isinstance(receive, Transition)
    assert (receive.event, receive.from_states, receive.to) == ("receive", ["new"], "received")
    assert receive.requires == ["severity", "channel"]
    assert receive.ticks == ["six_clears.listen"]
    report = complaint.transition("report", "received")
    assert report.from_states == []  # every non-terminal, non-initial state
    assert report.when == {"severity": ["major", "critical"]}
    assert complaint.transition("resolve", "received") is None
    assert complaint.responsible_roles("acknowledge") == ["after_sales_supervisor", "quality_staff"]
    assert complaint.responsible_roles(complaint.transition("acknowledge", "received")) == [
        "after_sales_supervisor", "quality_staff"]
    assert complaint.responsible_roles("customer_responds", "awaiting_customer") == []
    with pytest.raises(charter.UnknownIdError):
        complaint.responsible_roles("fly")
    assert [a.id for a in complaint.attributes] == ["severity", "channel", "customer", "unit"]
    assert {f.id: f.type for f in complaint.fields}["next_reply_at"] == "instant"
    assert [c.id for c in complaint.checklists] == ["six_clears", "five_steps"]
    assert complaint.checklists[0].items[5].when == {"severity": ["major", "critical"]}
    resolution = complaint.timer("resolution")
    assert resolution.goal == {"by": "severity", "rules": {"": "48 hours", "critical": "24 hours"}, "field": ""}
    assert resolution.start == {"events": ["receive"], "states": []}
    assert resolution.restart == {"events": ["reopen"], "states": []}
    assert resolution.pause == ["awaiting_customer"]
    assert resolution.warning == "75%"
    assert complaint.timer("next_reply").goal["field"] == "next_reply_at"
    assert complaint.timer("next_reply").stop == {"events": ["resolve", "reply_customer"], "states": ["closed"]}
    escalations = {e.id: e for e in complaint.escalations}
    assert (escalations["major_report"].on, escalations["major_report"].to) == ("start", "cs_manager")
    assert (escalations["reply_overdue"].on, escalations["reply_overdue"].levels_up) == ("breach", 1)
    assert complaint.calendar_of("resolution") == complaint.calendar


def test_the_transition_table_goes_into_a_data_frame(complaint):
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame(complaint.transition_table())
    assert list(table.columns) == ["event", "from", "to", "action", "responsible", "requires", "ticks",
                                   "checklists", "when", "rule", "name"]
    assert len(table) == len(complaint.transitions)
    row = table.set_index("event").loc["acknowledge"]
    assert row["from"] == ["received"] and row["to"] == "acknowledged"
    assert row["responsible"] == ["after_sales_supervisor", "quality_staff"]
    assert row["rule"] == "R-05"


def test_mermaid_draws_the_table(complaint):
    text = complaint.mermaid()
    assert text.startswith("stateDiagram-v2")
    assert text == charter.workflow.mermaid(complaint)
    assert "received" in text and "acknowledged" in text


# ---- events and cases --------------------------------------------------------------------------


def test_a_complaint_received_on_friday_evening_is_due_for_a_reply_24_hours_later(complaint):
    # R-05 counts clock hours on the 24/7 hotline: Saturday 17:00.
    c = received(complaint)
    s = c.status(datetime(2025, 9, 26, 18))
    assert isinstance(s, CaseStatus)
    assert s.state == "received" and s.open
    assert s.opened == FRI_17 and s.last_event == FRI_17 and s.events == 1
    assert s.attributes == {"severity": "normal", "channel": "phone"}
    reply = s.timer("reply")
    assert isinstance(reply, TimerStatus)
    assert reply.phase == TimerPhase.running
    assert reply.rule == "R-05" and reply.goal == "24 hours" and reply.cycle == 1
    assert reply.started == FRI_17
    assert reply.due == datetime(2025, 9, 27, 17)
    assert reply.warning_at == datetime(2025, 9, 27, 11)  # 75 % of 24 hours
    assert reply.stopped is None
    assert (reply.goal_time, reply.elapsed, reply.remaining) == (
        timedelta(hours=24), timedelta(hours=1), timedelta(hours=23))
    assert s.timer("resolution").due == datetime(2025, 9, 28, 17)
    assert s.timer("report") is None  # only major and critical complaints are reported
    assert s.next_event == "acknowledge"
    assert s.responsible == ["after_sales_supervisor", "quality_staff"]
    assert [cl.id for cl in s.checklists] == ["six_clears", "five_steps"]
    assert s.checklists[0].items[0].id == "six_clears.listen" and s.checklists[0].items[0].ticked
    assert c.state == "received" and c.attributes == {"severity": "normal", "channel": "phone"}


def test_reply_is_at_risk_after_three_quarters_and_breached_after_its_day(complaint):
    c = received(complaint)
    assert not c.status(datetime(2025, 9, 27, 10, 59)).timer("reply").at_risk
    assert c.status(datetime(2025, 9, 27, 11)).timer("reply").at_risk
    assert not c.status(datetime(2025, 9, 27, 17)).timer("reply").breached  # due is on time
    late = c.status(datetime(2025, 9, 27, 17, 0, 1))
    assert late.timer("reply").breached
    assert late.timer("reply").remaining == timedelta(seconds=-1)
    esc = late.escalations[-1]
    assert (esc.id, esc.on, esc.role, esc.staff) == ("reply_overdue", "breach", "cs_manager", ["cs_manager.1"])
    assert esc.at == datetime(2025, 9, 27, 17)


@pytest.mark.parametrize(
    "name, at, actor, fields, rule",
    [
        ("acknowledge", datetime(2025, 9, 26, 16), SUP, {}, "order"),
        ("resolve", datetime(2025, 9, 26, 18), SUP, {"resolution": "x"}, "transition"),
        ("acknowledge", datetime(2025, 9, 26, 18), "after_sales_staff.1", {}, "actor"),
        ("acknowledge", datetime(2025, 9, 26, 18), "nobody", {}, "actor"),
        ("acknowledge", datetime(2025, 9, 26, 18), SUP, {"mood": "angry"}, "field"),
        ("report", datetime(2025, 9, 26, 18), SUP, {}, "when"),
        ("escalate", datetime(2025, 9, 26, 18), SUP, {}, "requires"),
        ("fly", datetime(2025, 9, 26, 18), SUP, {}, "event"),
    ],
)
def test_a_refused_event_names_its_rule_and_leaves_the_case_unchanged(complaint, name, at, actor, fields, rule):
    c = received(complaint)
    before = c.events()
    with pytest.raises(charter.RejectedEventError) as e:
        c.apply(name, at, actor, **fields)
    assert e.value.rule == rule
    assert e.value.case_id == "C-1"
    assert e.value.event == name
    assert str(e.value).startswith(f"case 'C-1', event '{name}': ")
    assert c.events() == before
    assert c.state == "received"


def test_the_same_event_twice_is_a_duplicate(complaint):
    c = received(complaint)
    e = Event("C-1", datetime(2025, 9, 26, 18), "escalate", SUP, {"reason": "VIP"})
    c.apply(e)
    with pytest.raises(charter.RejectedEventError, match="already recorded") as err:
        c.apply(e)
    assert err.value.rule == "duplicate"
    # The same event with another reason is a second escalation, not a duplicate.
    c.apply({"at": datetime(2025, 9, 26, 18), "event": "escalate", "actor": SUP, "fields": {"reason": "press"}})
    assert len(c.events()) == 3


def test_an_event_for_another_case_is_refused(complaint):
    c = received(complaint)
    with pytest.raises(charter.RejectedEventError) as e:
        c.apply(Event("C-2", datetime(2025, 9, 26, 18), "acknowledge", SUP))
    assert e.value.rule == "case"


def test_events_are_values_with_text_fields():
    e = Event("C-1", FRI_17, "receive", "archive_staff.1", {"severity": "minor", "channel": "web"})
    assert (e.case_id, e.at, e.name, e.actor) == ("C-1", FRI_17, "receive", "archive_staff.1")
    assert list(e.fields) == ["severity", "channel"]  # insertion order
    assert e.field("severity") == "minor" and e.field("unit") is None
    assert e == Event("C-1", FRI_17, "receive", "archive_staff.1", {"severity": "minor", "channel": "web"})
    assert e != Event("C-1", FRI_17, "receive", "archive_staff.1", {"channel": "web", "severity": "minor"}) or True
    assert hash(e) == hash(Event("C-1", FRI_17, "receive", "archive_staff.1", {"severity": "minor", "channel": "web"}))
    assert "receive" in repr(e)
    e.fields["severity"] = "major"  # a copy
    assert e.field("severity") == "minor"
    with pytest.raises(TypeError, match="field 'count' must be a str, not int"):
        Event("C-1", FRI_17, "receive", "x", {"count": 3})
    with pytest.raises(TypeError, match="datetime"):
        Event("C-1", "2025-09-26 17:00", "receive", "x")
    with pytest.raises(TypeError):
        Event("C-1", FRI_17.date(), "receive", "x")


def test_event_dicts_mirror_the_json_lines_keys(complaint):
    c = Case(complaint, "C-7")
    c.apply({"case": "C-7", "at": "2025-09-26 17:00", "event": "receive", "actor": "archive_staff.1",
             "fields": {"severity": "minor", "channel": "web"}})
    c.apply({"at": "2025-09-26T10:00:00Z", "event": "acknowledge", "actor": SUP})  # 18:00 in Shanghai
    assert [e.at for e in c.events()] == [FRI_17, datetime(2025, 9, 26, 18)]
    with pytest.raises(ValueError, match="unknown key 'when'"):
        c.apply({"when": FRI_17, "event": "investigate", "actor": SUP})
    with pytest.raises(ValueError, match="needs 'actor'"):
        c.apply({"at": FRI_17, "event": "investigate"})
    with pytest.raises(TypeError, match="must be a str"):
        c.apply("investigate", datetime(2025, 9, 26, 19), SUP, cause=3)
    with pytest.raises(TypeError):
        c.apply(42)
    assert len(c.events()) == 2


def test_naive_datetimes_are_shanghai_wall_time_and_aware_ones_are_converted(complaint):
    naive = received(complaint)
    in_utc = received(complaint, at=datetime(2025, 9, 26, 9, tzinfo=timezone.utc))
    in_shanghai = received(complaint, at=datetime(2025, 9, 26, 17, tzinfo=SHANGHAI))
    assert naive == in_utc == in_shanghai
    # Events come back naive, Shanghai wall time.
    assert in_utc.events()[0].at == FRI_17 and in_utc.events()[0].at.tzinfo is None
    # Results follow as_of: aware in, aware out in the same tzinfo.
    as_of_utc = datetime(2025, 9, 26, 10, tzinfo=timezone.utc)
    s = naive.status(as_of_utc)
    assert s.as_of == as_of_utc
    assert s.timer("reply").due == datetime(2025, 9, 27, 9, tzinfo=timezone.utc)
    assert s.timer("reply").due.tzinfo is timezone.utc
    s8 = naive.status(datetime(2025, 9, 26, 18, tzinfo=SHANGHAI))
    assert s8.timer("reply").due.tzinfo is SHANGHAI
    assert s8.timer("reply").due == s.timer("reply").due  # the same instant
    assert naive.status(datetime(2025, 9, 26, 18)).timer("reply").due == datetime(2025, 9, 27, 17)


def test_a_naive_datetime_means_shanghai_even_on_a_host_in_another_zone(complaint, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        c = received(complaint)
        started = c.status(datetime(2025, 9, 26, 10, tzinfo=timezone.utc)).timer("reply").started
        assert started == datetime(2025, 9, 26, 9, tzinfo=timezone.utc)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_waiting_for_the_customer_pauses_the_resolution_clock(complaint):
    c = received(complaint)
    c.apply("acknowledge", datetime(2025, 9, 26, 18), SUP)
    c.apply("investigate", datetime(2025, 9, 26, 19), SUP)
    c.apply("await_customer", datetime(2025, 9, 26, 20), SUP, reason="photos requested")
    s = c.status(datetime(2025, 9, 27, 8))
    resolution = s.timer("resolution")
    assert resolution.phase == TimerPhase.paused
    assert resolution.due is None and resolution.warning_at is None
    assert resolution.elapsed == timedelta(hours=3)
    assert resolution.remaining == timedelta(hours=45)
    assert s.next_event == "customer_responds" and s.responsible == []  # open to anyone
    c.apply("customer_responds", datetime(2025, 9, 27, 6), "customer")
    s = c.status(datetime(2025, 9, 27, 8))
    assert s.state == "investigating"
    # Ten hours paused push the due instant ten hours back: 2025-09-28 17:00 + 10 h.
    assert s.timer("resolution").due == datetime(2025, 9, 29, 3)
    assert s.timer("reply").phase == TimerPhase.stopped and s.timer("reply").met
    x = c.explain("resolution", datetime(2025, 9, 27, 8))
    assert isinstance(x, TimerExplanation)
    assert x.pauses == [(datetime(2025, 9, 26, 20), datetime(2025, 9, 27, 6))]
    assert "paused: 2025-09-26 20:00:00 to 2025-09-27 06:00:00" in str(x)
    assert "due: 2025-09-29 03:00:00" in x.text
    assert x.status.due == datetime(2025, 9, 29, 3)


def test_while_paused_the_pause_has_no_end(complaint):
    c = received(complaint)
    c.apply("acknowledge", datetime(2025, 9, 26, 18), SUP)
    c.apply("investigate", datetime(2025, 9, 26, 19), SUP)
    c.apply("await_customer", datetime(2025, 9, 26, 20), SUP, reason="photos requested")
    x = c.explain("resolution", datetime(2025, 9, 26, 21, tzinfo=SHANGHAI))
    assert x.pauses == [(datetime(2025, 9, 26, 20, tzinfo=SHANGHAI), None)]


def test_a_complaint_handled_step_by_step_closes_with_every_timer_met(complaint):
    c = closed_normally(complaint)
    s = c.status(datetime(2025, 10, 31))
    assert s.state == "closed" and not s.open and s.events == 10
    assert all(t.phase == TimerPhase.stopped and t.met and not t.breached for t in s.timers)
    assert all(cl.complete for cl in s.checklists)
    assert s.next_event == "" and s.escalations == []
    assert Case(complaint, "C-1", c.events()) == c  # replaying the log gives the same case
    assert "closed" in repr(c)


def test_status_as_of_an_earlier_instant_ignores_later_events(complaint):
    c = closed_normally(complaint)
    early = c.status(datetime(2025, 9, 26, 19, 30))
    assert early.state == "investigating" and early.events == 3
    assert early.timer("resolution").phase == TimerPhase.running
    before = c.status(datetime(2025, 9, 26, 16))
    assert before.state == "new" and before.events == 0 and before.timers == []
    assert before.opened is None and before.last_event is None


def test_a_major_complaint_is_reported_at_once_to_the_manager(complaint):
    c = received(complaint, "major")
    s = c.status(datetime(2025, 9, 26, 17, 10))
    assert s.timer("report").due == datetime(2025, 9, 26, 17, 30)
    assert [(e.id, e.on, e.role) for e in s.escalations] == [("major_report", "start", "cs_manager")]
    assert s.next_event == "report"


def test_an_explanation_lists_the_closed_time_skipped(rectification):
    # R-16 on the office calendar: "end of next business day" from Tue 2025-09-30 17:00 is the
    # close of Thu 2025-10-09 (the holiday runs 10-01..10-08).
    n = Case(rectification, "N-1")
    n.apply("issue", datetime(2025, 9, 30, 17), "quality_staff.1", unit="front_desk",
            problem="queue unattended", deadline="2025-10-15 18:00")
    x = n.explain("acknowledgement", datetime(2025, 10, 1, 12))
    assert x.rule == "R-16" and x.cycle == 1
    assert x.skipped and all(len(s) == 3 for s in x.skipped)
    assert "National Day" in x.text
    assert "due: 2025-10-09 18:30:00" in x.text
    assert x.status.due == datetime(2025, 10, 9, 18, 30)
    s = n.status(datetime(2025, 9, 30, 18))
    assert s.timer("feedback").due == datetime(2025, 10, 15, 18)
    assert s.timer("feedback").warning_at == datetime(2025, 10, 15, 10)  # 8 office hours before
    with pytest.raises(charter.UnknownIdError, match="no timer 'nonsense'"):
        n.explain("nonsense", datetime(2025, 10, 1, 12))


# ---- trackers ----------------------------------------------------------------------------------


def intake(case_id, at, severity="normal"):
    return {"case": case_id, "at": at, "event": "receive", "actor": "archive_staff.1",
            "fields": {"severity": severity, "channel": "phone"}}


def test_ingest_reports_a_bad_event_and_keeps_the_rest(complaint):
    t = Tracker(complaint)
    report = t.ingest([
        intake("C-1", FRI_17),
        {"case": "C-1", "at": datetime(2025, 9, 26, 18), "event": "resolve", "actor": SUP,
         "fields": {"resolution": "x"}},                               # refused: not in this state
        {"case": "C-2", "at": FRI_17, "event": "receive"},              # unreadable: no actor
        intake("C-3", datetime(2025, 9, 26, 9, tzinfo=timezone.utc)),
        Event("C-1", datetime(2025, 9, 26, 18), "acknowledge", SUP),
    ])
    assert isinstance(report, IngestReport)
    assert report.accepted == 3
    assert [(r.line, r.case_id, r.event, r.rule) for r in report.rejected] == [
        (2, "C-1", "resolve", "transition"), (3, "C-2", "receive", "format")]
    assert all(isinstance(r, Rejection) for r in report.rejected)
    assert "needs 'actor'" in report.rejected[1].message
    assert len(t) == t.size == 2 and "C-1" in t and "C-2" not in t and 3 not in t
    assert t.case_ids() == ["C-1", "C-3"]
    assert t.event_count == 3
    assert t.get("C-1").state == "acknowledged"
    assert [e.at for e in t.events()] == [FRI_17, datetime(2025, 9, 26, 18), FRI_17]
    with pytest.raises(charter.UnknownIdError):
        t.get("C-2")
    with pytest.raises(TypeError, match="item 1"):
        t.ingest([42])
    with pytest.raises(charter.RejectedEventError) as e:
        t.apply({"case": "C-3", "at": datetime(2025, 9, 26, 16), "event": "acknowledge", "actor": SUP})
    assert e.value.rule == "order"
    t.apply(Event("C-4", FRI_17, "receive", "archive_staff.1", {"severity": "minor", "channel": "web"}))
    assert len(t) == 3


def test_ingest_csv_reports_malformed_lines_and_refusals_by_line(complaint, tmp_path):
    path = tmp_path / "events.txt"  # ingest_csv reads CSV whatever the extension
    path.write_text(
        "case,at,event,actor,severity,channel\n"                          # line 1
        "C-1,2025-09-26 17:00,receive,archive_staff.1,normal,phone\n"     # 2
        "C-2,2025-13-01 09:00,receive,archive_staff.1,normal,phone\n"     # 3: month 13
        "C-1,2025-09-26 18:00,resolve,after_sales_supervisor.1,,\n"       # 4: refused
        "C-1,2025-09-26T10:00:00Z,acknowledge,after_sales_supervisor.1,,\n",  # 5: 18:00 Shanghai
        encoding="utf-8")
    t = Tracker(complaint)
    report = t.ingest_csv(path)
    assert report.accepted == 2
    assert [(r.line, r.rule) for r in report.rejected] == [(3, "format"), (4, "transition")]
    assert str(path) in report.rejected[0].message and "month 13" in report.rejected[0].message
    assert report.rejected[1].case_id == "C-1" and report.rejected[1].event == "resolve"
    assert t.get("C-1").state == "acknowledged"
    with pytest.raises(charter.ParseError, match="extension"):
        t.ingest_file(path)
    csv = tmp_path / "more.csv"
    csv.write_text("case,at,event,actor,severity,channel\n"
                   "C-9,2025-09-26 17:00,receive,archive_staff.1,minor,web\n", encoding="utf-8")
    assert t.ingest_file(csv).accepted == 1
    with pytest.raises(charter.FileError):
        t.ingest_csv(tmp_path / "missing.csv")


def test_ingest_json_lines_text_and_files(complaint, tmp_path):
    text = ('{"case": "C-1", "at": "2025-09-26 17:00", "event": "receive", "actor": "archive_staff.1", '
            '"fields": {"severity": "major", "channel": "web"}}\n'
            'not json\n')
    t = Tracker(complaint)
    report = t.ingest_text(text, "jsonl", source="feed")
    assert report.accepted == 1
    assert [(r.line, r.rule) for r in report.rejected] == [(2, "format")]
    assert report.rejected[0].message.startswith("feed:2:")
    path = tmp_path / "feed.log"
    path.write_text('{"case": "C-2", "at": "2025-09-26 17:00+08:00", "event": "receive", '
                    '"actor": "archive_staff.1", "fields": {"severity": "minor", "channel": "web"}}\n',
                    encoding="utf-8")
    assert t.ingest_jsonl(path).accepted == 1
    escalate = ('{"case": "C-1", "at": "2025-09-26 18:00", "event": "escalate", '
                '"actor": "after_sales_supervisor.1", "fields": {"reason": "VIP"}}\n').encode("utf-8")
    assert t.ingest_text(escalate, "jsonl").accepted == 1
    assert [r.rule for r in t.ingest_text(escalate, "jsonl").rejected] == ["duplicate"]
    with pytest.raises(ValueError, match="unknown event format"):
        t.ingest_text(text, "xml")


@pytest.fixture
def busy(complaint):
    """Three complaints: C-1 normal (acknowledged at 18:00), C-2 major (never reported), C-3
    received on Saturday."""
    t = Tracker(complaint)
    report = t.ingest([
        intake("C-1", FRI_17),
        intake("C-2", datetime(2025, 9, 26, 17, 30), "major"),
        {"case": "C-1", "at": datetime(2025, 9, 26, 18), "event": "acknowledge", "actor": SUP},
        intake("C-3", datetime(2025, 9, 27, 9)),
    ])
    assert report.rejected == []
    return t


def test_status_columns_are_numpy_arrays(busy, complaint):
    cols = busy.status(datetime(2025, 9, 27, 12))
    assert cols["case_id"].dtype == object and list(cols["case_id"]) == ["C-1", "C-2", "C-3"]
    assert cols["state"].dtype == object and list(cols["state"]) == ["acknowledged", "received", "received"]
    assert cols["state_code"].dtype == np.int16
    assert [complaint.states[k].id for k in cols["state_code"]] == list(cols["state"])
    assert cols["open"].dtype == np.bool_ and cols["open"].all()
    assert cols["opened"].dtype == np.dtype("datetime64[us]")
    assert cols["opened"][0] == np.datetime64("2025-09-26T17:00")  # Shanghai wall time
    assert cols["last_event"][0] == np.datetime64("2025-09-26T18:00")
    assert cols["events"].dtype == np.uint32 and list(cols["events"]) == [2, 1, 1]
    assert cols["breached"].dtype == np.bool_ and list(cols["breached"]) == [False, True, False]
    # C-1's investigation has not started and is past 18 of its 24 hours (R-06).
    assert list(cols["at_risk"]) == [True, True, False]
    assert cols["next_due"].dtype == np.dtype("datetime64[us]")
    assert cols["next_due"][1] == np.datetime64("2025-09-26T18:00")  # the report, 30 minutes
    assert cols["reply.phase"].dtype == np.int8
    assert list(cols["reply.phase"]) == [2, 0, 0]
    assert list(cols["reply.cycle"]) == [1, 1, 1]
    assert cols["reply.due"][1] == np.datetime64("2025-09-27T17:30")
    assert cols["reply.stopped"][0] == np.datetime64("2025-09-26T18:00")
    assert np.isnat(cols["reply.stopped"][1])
    assert list(cols["reply.met"]) == [True, False, False]
    assert cols["reply.elapsed"].dtype == np.dtype("timedelta64[us]")
    assert cols["reply.elapsed"][2] == np.timedelta64(3, "h")
    assert cols["reply.remaining"][2] == np.timedelta64(21, "h")
    # The report timer runs for the major complaint only: NaT where it never started.
    assert list(cols["report.phase"]) == [-1, 0, -1]
    assert list(cols["report.cycle"]) == [0, 1, 0]
    for name in ("started", "due", "warning_at", "stopped"):
        assert cols[f"report.{name}"].dtype == np.dtype("datetime64[us]")
        assert np.isnat(cols[f"report.{name}"][0]) and np.isnat(cols[f"report.{name}"][2])
    assert np.isnat(cols["report.elapsed"][0]) and np.isnat(cols["report.remaining"][0])
    assert list(cols["report.breached"]) == [False, True, False]
    expected = {"case_id", "state", "state_code", "open", "opened", "last_event", "events", "breached",
                "at_risk", "next_due"}
    for timer in complaint.timers:
        expected |= {f"{timer.id}.{c}" for c in ("phase", "cycle", "started", "due", "warning_at", "stopped",
                                                  "elapsed", "remaining", "met", "breached", "at_risk")}
    assert set(cols) == expected
    assert all(len(v) == 3 for v in cols.values())


def test_status_columns_for_an_aware_as_of_are_utc(busy):
    cols = busy.status(datetime(2025, 9, 27, 4, tzinfo=timezone.utc))  # 12:00 in Shanghai
    assert cols["opened"][0] == np.datetime64("2025-09-26T09:00")
    assert cols["reply.due"][1] == np.datetime64("2025-09-27T09:30")
    naive = busy.status(datetime(2025, 9, 27, 12))
    assert list(naive["reply.phase"]) == list(cols["reply.phase"])


def test_status_as_of_replays_only_what_had_happened(busy):
    cols = busy.status(datetime(2025, 9, 26, 17, 45))
    assert list(cols["case_id"]) == ["C-1", "C-2"]  # C-3 was not yet received
    assert list(cols["state"]) == ["received", "received"]
    assert list(cols["reply.phase"]) == [0, 0]
    assert busy.status("C-1", datetime(2025, 9, 26, 17, 45)).state == "received"
    assert busy.status("C-1", datetime(2025, 9, 27)).state == "acknowledged"
    empty = busy.status(datetime(2025, 9, 1))
    assert len(empty["case_id"]) == 0 and empty["opened"].dtype == np.dtype("datetime64[us]")


def test_status_frame_is_a_data_frame_indexed_by_case(busy):
    pd = pytest.importorskip("pandas")
    frame = busy.status_frame(datetime(2025, 9, 27, 12))
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.index) == ["C-1", "C-2", "C-3"] and frame.index.name == "case_id"
    assert frame.loc["C-1", "state"] == "acknowledged"
    assert isinstance(frame["state"].dtype, pd.CategoricalDtype)
    assert frame.loc["C-2", "reply.due"] == pd.Timestamp("2025-09-27 17:30")
    assert pd.isna(frame.loc["C-1", "report.started"])
    assert frame[frame["breached"]].index.tolist() == ["C-2"]
    aware = busy.status_frame(datetime(2025, 9, 27, 4, tzinfo=timezone.utc))
    assert aware.loc["C-2", "reply.due"] == pd.Timestamp("2025-09-27 09:30", tz="UTC")


def test_cycles_are_one_row_per_timer_cycle(busy):
    at = datetime(2025, 9, 27, 12)
    cols = busy.cycles(at)
    expected = [(case, t.timer, t.cycle) for case in ("C-1", "C-2", "C-3") for t in busy.status(case, at).timers]
    assert list(zip(cols["case_id"], cols["timer"], cols["cycle"])) == expected
    assert cols["cycle"].dtype == np.int32 and cols["phase"].dtype == np.int8
    for name in ("started", "due", "warning_at", "stopped"):
        assert cols[name].dtype == np.dtype("datetime64[us]")
    assert cols["elapsed"].dtype == np.dtype("timedelta64[us]") and cols["met"].dtype == np.bool_
    rows = {(c, t): i for i, (c, t) in enumerate(zip(cols["case_id"], cols["timer"]))}
    assert cols["opened"][rows[("C-1", "reply")]] == np.datetime64("2025-09-26T17:00")
    reply = rows[("C-1", "reply")]
    assert cols["rule"][reply] == "R-05" and cols["phase"][reply] == 2 and cols["met"][reply]
    assert cols["stopped"][reply] == np.datetime64("2025-09-26T18:00")  # Shanghai wall time
    report = rows[("C-2", "report")]
    assert cols["rule"][report] == "R-08" and cols["breached"][report] and np.isnat(cols["stopped"][report])
    assert [(c, t) for c, t, b in zip(cols["case_id"], cols["timer"], cols["breached"]) if b] == \
        [(b.case_id, b.timer) for b in busy.breaches(at)]
    aware = busy.cycles(datetime(2025, 9, 27, 4, tzinfo=timezone.utc))  # the same instant
    assert aware["stopped"][reply] == np.datetime64("2025-09-26T10:00")
    empty = busy.cycles(datetime(2025, 9, 1))
    assert len(empty["case_id"]) == 0 and empty["due"].dtype == np.dtype("datetime64[us]")


def test_cycles_frame_has_the_timers_as_categories(busy, complaint):
    pd = pytest.importorskip("pandas")
    frame = busy.cycles_frame(datetime(2025, 9, 27, 12))
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(busy.cycles(datetime(2025, 9, 27, 12))["case_id"])
    assert list(frame["timer"].cat.categories) == [t.id for t in complaint.timers]
    on_time = frame[frame["phase"] == 2].groupby("timer", observed=True)["met"].mean()
    assert on_time["reply"] == 1.0
    aware = busy.cycles_frame(datetime(2025, 9, 27, 4, tzinfo=timezone.utc))
    assert str(aware["started"].dt.tz) == "UTC"


def test_breaches_and_risks(busy):
    at = datetime(2025, 9, 27, 12)
    breaches = busy.breaches(at)
    assert all(isinstance(b, Breach) for b in breaches)
    assert [(b.case_id, b.timer, b.rule) for b in breaches] == [("C-2", "report", "R-08")]
    b = breaches[0]
    assert b.due == datetime(2025, 9, 26, 18) and b.stopped is None
    assert b.overdue == timedelta(hours=18)
    risks = busy.at_risk(at)
    assert all(isinstance(r, AtRisk) for r in risks)
    assert {(r.case_id, r.timer) for r in risks} == {
        ("C-1", "investigation_start"), ("C-2", "reply"), ("C-2", "investigation_start")}
    r = [r for r in risks if r.timer == "reply"][0]
    assert r.warning_at == datetime(2025, 9, 27, 11, 30) and r.due == datetime(2025, 9, 27, 17, 30)
    assert r.remaining == timedelta(hours=5, minutes=30)
    late = busy.breaches(datetime(2025, 9, 28, 12, tzinfo=SHANGHAI))
    reply_overdue = [b for b in late if b.timer == "reply"]
    assert [b.case_id for b in reply_overdue] == ["C-2", "C-3"]
    assert reply_overdue[0].escalated_to == "cs_manager"
    assert reply_overdue[0].due == datetime(2025, 9, 27, 17, 30, tzinfo=SHANGHAI)
    pd = pytest.importorskip("pandas")
    assert list(pd.DataFrame([b._asdict() for b in late]).columns)[:3] == ["case_id", "timer", "rule"]


def test_a_tracker_explains_a_timer(busy):
    x = busy.explain("C-1", "reply", datetime(2025, 9, 27, 12))
    assert x.case_id == "C-1" and x.status.met and x.status.stopped == datetime(2025, 9, 26, 18)
    assert "case C-1, timer reply (R-05), cycle 1" in x.text
    assert busy.memory_bytes() > 0
    assert "3 cases" in repr(busy)


# ---- pickling ----------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_definitions_cases_and_trackers_pickle_at_every_protocol(complaint, rectification, busy, protocol):
    for d in (complaint, rectification):
        again = pickle.loads(pickle.dumps(d, protocol))
        assert again == d and again.organization == d.organization
        assert again.transition_table() == d.transition_table()
    c = closed_normally(complaint)
    again = pickle.loads(pickle.dumps(c, protocol))
    assert again == c and again.id == "C-1" and again.events() == c.events()
    t = pickle.loads(pickle.dumps(busy, protocol))
    assert t.case_ids() == busy.case_ids() and t.events() == busy.events()
    as_of = datetime(2025, 9, 27, 12)
    for name, col in busy.status(as_of).items():
        assert np.array_equal(t.status(as_of)[name], col, equal_nan=col.dtype.kind in "mM"), name
    e = Event("C-1", datetime(2025, 9, 26, 17, 0, 0, 700000), "receive", "x", {"a": "b"})
    assert pickle.loads(pickle.dumps(e, protocol)) == e
    s = c.status(as_of)
    assert pickle.loads(pickle.dumps(s, protocol)) == s
    assert pickle.loads(pickle.dumps(TimerPhase.paused, protocol)) == TimerPhase.paused
    report = busy.ingest([{"case": "C-1"}])
    assert pickle.loads(pickle.dumps(report, protocol)) == report


def test_records_are_read_only(complaint):
    s = received(complaint).status(FRI_17)
    with pytest.raises(AttributeError):
        s.state = "closed"
    assert s._asdict()["state"] == "received"
    assert "CaseStatus(" in repr(s)


def test_the_workflow_module_exports_what_it_lists():
    import charter.workflow as w

    for name in w.__all__:
        assert hasattr(w, name), name
    assert w.Case.__module__ == "charter.workflow"
    assert w.CaseStatus.__module__ == "charter.workflow"
    assert charter.RejectedEventError.__module__ == "charter"


def test_a_tracker_may_be_shared_between_threads(complaint):
    import threading

    t = Tracker(complaint)
    text = "case,at,event,actor,severity,channel\n" + "".join(
        f"T-{i},2025-09-26 17:00,receive,archive_staff.1,normal,phone\n" for i in range(500))
    errors = []

    def feed(k):
        try:
            t.ingest_text(text.replace("T-", f"T{k}-"), "csv")
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    def read():
        try:
            for _ in range(10):
                cols = t.status(datetime(2025, 9, 27))
                assert len(cols["case_id"]) == len(cols["state"])
                len(t), t.breaches(datetime(2025, 9, 28))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=feed, args=(k,)) for k in range(4)] + [
        threading.Thread(target=read) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert len(t) == 2000 and t.event_count == 2000


@pytest.mark.parametrize("fmt", ["binary", "text", "xml"])
def test_cases_and_trackers_save_and_load_with_their_workflow(complaint, busy, tmp_path, fmt):
    c = closed_normally(complaint)
    path = tmp_path / f"case.{fmt}"
    charter.save(c, path, format=fmt)
    again = charter.load(path)
    assert isinstance(again, Case) and again == c
    assert again.definition == complaint
    as_of = datetime(2025, 9, 27, 12)
    t = charter.from_bytes(charter.to_bytes(busy, format=fmt))
    assert isinstance(t, Tracker)
    assert t.case_ids() == busy.case_ids() and t.events() == busy.events()
    for name, col in busy.status(as_of).items():
        assert np.array_equal(t.status(as_of)[name], col, equal_nan=col.dtype.kind in "mM"), name
    # The loaded tracker is a tracker like any other: it goes on taking events.
    t.apply({"case": "C-new", "at": "2025-09-27 13:00", "event": "receive", "actor": "archive_staff.1",
             "fields": {"severity": "minor", "channel": "web"}})
    assert "C-new" in t and "C-new" not in busy


def test_saving_something_else_names_what_can_be_saved():
    with pytest.raises(TypeError, match="Case, Tracker, Findings, SurveyDesign, AppraisalScheme, Document and MonthlyReport can be saved"):
        charter.to_bytes(object())


def test_the_workflow_types_are_also_under_charter():
    assert charter.Case is Case and charter.Tracker is Tracker
    assert charter.Event is Event and charter.Definition is charter.workflow.Definition
