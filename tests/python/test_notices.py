"""Rectification notices the charter raises itself (R-16): late cycles and units below a line."""

import pickle
from datetime import date, datetime, timezone

import pytest

import charter
from charter import cycle, standard, workflow

BASE = charter.Charter.builtin()
# The built-in charter has no staff (privacy): one per role, named "<role>.1".
RULEBOOK = BASE.with_staff([charter.org.Staff(id=f"{r.id}.1", roles=[r.id]) for r in BASE.organization.roles])
MAY, JUNE = datetime(2025, 5, 1), datetime(2025, 6, 1)
AS_OF = datetime(2025, 6, 3, 9)  # Tuesday, the first working day after the Dragon Boat holiday


WEEKS = ["RN-R-30-relationship_staff.1-2025-04-28", "RN-R-30-relationship_staff.1-2025-05-05",
         "RN-R-30-relationship_staff.1-2025-05-12", "RN-R-30-relationship_staff.1-2025-05-19"]
CALLBACKS = "RN-R-32-key_account_staff.1-2025-05"


def test_overdue_key_account_callbacks_raise_a_notice_to_after_sales():
    raised = workflow.cycle_notices(RULEBOOK, [], MAY, JUNE, AS_OF, "quality_staff.1")
    # R-30 raises for missed weeks only: the week of May 26 is overdue, not yet missed.
    assert [n.case_id for n in raised] == WEEKS + [CALLBACKS]
    assert {(n.unit, n.severity) for n in raised[:4]} == {("cs_centre", "minor")}
    n = raised[4]
    assert (n.source, n.rule, n.subject, n.unit, n.severity) == (
        "cycle", "R-32", "key_account_staff.1", "after_sales", "normal")
    assert (n.period_start, n.period_end) == (date(2025, 5, 1), date(2025, 6, 1))
    # 5 business days from June 3: June 4, 5, 6, 9, 10 — the office closes at 18:30.
    assert n.deadline == datetime(2025, 6, 10, 18, 30)
    assert "(R-32) for key_account_staff.1, 2025-05: overdue" in n.problem
    assert "overdue or missed" in n.reason
    assert n.events == [{"case": n.case_id, "at": AS_OF, "event": "issue", "actor": "quality_staff.1",
                         "fields": {"unit": "after_sales", "problem": n.problem,
                                    "deadline": "2025-06-10 18:30:00", "severity": "normal"}}]


def test_the_tracker_accepts_them_once():
    t = workflow.Tracker(RULEBOOK.workflow("rectification"))
    raised = workflow.cycle_notices(RULEBOOK, [], MAY, JUNE, AS_OF, "quality_staff.1")
    assert t.ingest(workflow.events_of(raised)).accepted == 5
    assert t.status(CALLBACKS, AS_OF).state == "issued"
    # Raised again the next week: the same case ids (the last week now missed too), the old ones
    # refused.
    again = workflow.cycle_notices(RULEBOOK, [], MAY, JUNE, datetime(2025, 6, 10, 9), "quality_staff.1")
    assert [n.case_id for n in again] == WEEKS + ["RN-R-30-relationship_staff.1-2025-05-26", CALLBACKS]
    report = t.ingest(workflow.events_of(again))
    assert report.accepted == 1 and len(report.rejected) == 5
    # A callback made in time raises nothing.
    done = [{"cycle": "R-32", "subject": "key_account_staff.1", "at": datetime(2025, 5, 20, 10)}]
    assert [n.rule for n in workflow.cycle_notices(RULEBOOK, done, MAY, JUNE, AS_OF, "quality_staff.1")] == ["R-30"] * 4


def test_aware_as_of_gives_aware_instants():
    utc = datetime(2025, 6, 3, 1, tzinfo=timezone.utc)  # 09:00 in Shanghai
    n = workflow.cycle_notices(RULEBOOK, [], MAY, JUNE, utc, "quality_staff.1")[-1]
    assert n.deadline == datetime(2025, 6, 10, 10, 30, tzinfo=timezone.utc)
    assert n.events[0]["at"] == utc


def test_without_an_issuer_they_are_listed_not_issued():
    listed = workflow.cycle_notices(RULEBOOK, [], MAY, JUNE, AS_OF, "")
    assert [n.case_id for n in listed] == WEEKS + [CALLBACKS]
    assert all(n.events == [] for n in listed) and workflow.events_of(listed) == []
    assert listed[-1].deadline == datetime(2025, 6, 10, 18, 30)


def test_the_issuer_must_be_allowed_to_issue():
    with pytest.raises(ValueError, match="'after_sales_staff.1' may not issue rectification notices"):
        workflow.cycle_notices(RULEBOOK, [], MAY, JUNE, AS_OF, "after_sales_staff.1")
    with pytest.raises(ValueError, match="'nobody' is not a staff member"):
        workflow.cycle_notices(RULEBOOK, [], MAY, JUNE, AS_OF, "nobody")


def _orders(unit, day, late, on_time):
    made_late = {"made_up_at": datetime(2025, 5, day + 2, 10)}
    made_in_time = {"made_up_at": datetime(2025, 5, day, 15)}
    return ([standard.Observation("order", datetime(2025, 5, day, 10), unit=unit, channel="web", fields=made_late)] * late
            + [standard.Observation("order", datetime(2025, 5, day, 10), unit=unit, channel="web", fields=made_in_time)]
            * on_time)


def test_a_unit_below_r10s_line_gets_a_notice():
    # 90% of a month's web orders made up in time, at least 20 of them (the charter's choice).
    # front_desk 17 of 20 (85%); call_centre 18 of 20 (exactly 90%: not below); after_sales 0 of 5.
    obs = _orders("front_desk", 12, 3, 17) + _orders("call_centre", 13, 2, 18) + _orders("after_sales", 14, 5, 0)
    found = standard.evaluate(RULEBOOK, obs)
    raised = workflow.standard_notices(RULEBOOK, found, MAY, JUNE, AS_OF, "quality_staff.1")
    assert [n.case_id for n in raised] == ["RN-R-10-front_desk-2025-05-rate"]
    assert raised[0].source == "standard" and raised[0].unit == "front_desk"
    assert raised[0].problem.endswith("(R-10) at front_desk, 2025-05: 17 of 20 checks met (85%), below 90%")
    t = workflow.Tracker(RULEBOOK.workflow("rectification"))
    assert t.ingest(workflow.events_of(raised)).accepted == 1
    # May is judged only once it is over.
    assert workflow.standard_notices(RULEBOOK, found, MAY, JUNE, datetime(2025, 5, 31, 12), "quality_staff.1") == []
    with pytest.raises(TypeError, match="charter.standard.Findings"):
        workflow.standard_notices(RULEBOOK, obs, MAY, JUNE, AS_OF, "quality_staff.1")


def test_the_entries_are_visible_and_pickle():
    r32 = RULEBOOK.cycle("R-32").rectification
    assert r32.on == [cycle.State.overdue, cycle.State.missed]
    assert r32.deadline == charter.Deadline.parse("5 business days")
    assert (r32.severity, r32.unit) == ("normal", "after_sales")
    assert RULEBOOK.cycle("R-20").rectification is None
    r10 = RULEBOOK.standard("R-10").rectification
    assert (r10.below, r10.min_checked, r10.period, r10.severity) == (0.9, 20, "month", "normal")
    assert RULEBOOK.standard("R-01").rectification is None
    made = cycle.Rectification([cycle.State.missed], charter.Deadline.parse("2 business days"), unit="cs_centre")
    assert made != r32 and made.unit == "cs_centre"
    for v in (r32, made, RULEBOOK.cycle("R-32"), RULEBOOK.standard("R-10")):
        assert pickle.loads(pickle.dumps(v)) == v
    assert charter.from_bytes(charter.to_bytes(RULEBOOK)) == RULEBOOK
    notice = workflow.cycle_notices(RULEBOOK, [], MAY, JUNE, AS_OF, "quality_staff.1")[-1]
    assert pickle.loads(pickle.dumps(notice)) == notice
    for name in ("Notice", "cycle_notices", "standard_notices", "events_of"):
        assert name in workflow.__all__
    assert "Rectification" in cycle.__all__ and "Rectification" in standard.__all__


def test_a_workflow_that_cannot_open_notices_says_what_it_lacks():
    assert workflow.notice_workflow_problems(RULEBOOK.workflow("rectification")) == []
    lacks = workflow.notice_workflow_problems(RULEBOOK.workflow("complaint"))
    assert lacks[0].startswith("has no 'issue' event from its initial state")
    assert "has no 'problem' field for the problem found" in lacks
    assert "has no instant field 'deadline' for the feedback deadline" in lacks
