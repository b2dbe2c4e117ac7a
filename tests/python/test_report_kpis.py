"""The complaint figures of the monthly report from Python: report.workflow_kpis over a tracker."""

import math
import pickle
from datetime import date, datetime, timezone

import numpy as np
import pytest

import charter
from charter import report
from charter.workflow import Tracker

SUP = "after_sales_supervisor.1"


@pytest.fixture(scope="module")
def complaint():
    base = charter.Charter.builtin()
    staff = [charter.org.Staff(id=f"{r.id}.1", roles=[r.id]) for r in base.organization.roles]
    return base.with_staff(staff).workflow("complaint")


def intake(case, at):
    return {"case": case, "at": at, "event": "receive", "actor": "archive_staff.1",
            "fields": {"severity": "normal", "channel": "phone"}}


@pytest.fixture
def november(complaint):
    """C-1 answered after an hour, C-2 after 30 hours (R-05: 24), C-3 received on the 30th and
    not answered yet; C-0 came on 31 October at 23:30 and was answered on 1 November."""
    t = Tracker(complaint)
    r = t.ingest([
        intake("C-0", datetime(2025, 10, 31, 23, 30)),
        {"case": "C-0", "at": datetime(2025, 11, 1, 9), "event": "acknowledge", "actor": SUP},
        intake("C-1", datetime(2025, 11, 3, 10)),
        {"case": "C-1", "at": datetime(2025, 11, 3, 11), "event": "acknowledge", "actor": SUP},
        intake("C-2", datetime(2025, 11, 4, 10)),
        {"case": "C-2", "at": datetime(2025, 11, 5, 16), "event": "acknowledge", "actor": SUP},
        intake("C-3", datetime(2025, 11, 30, 12)),
    ])
    assert r.rejected == []
    return t


def test_a_month_of_replies_on_time_and_late(november):
    k = report.workflow_kpis(november, date(2025, 11, 1), date(2025, 11, 30), datetime(2025, 11, 30, 20))
    assert isinstance(k, report.WorkflowKpis) and k.workflow == "complaint"
    assert k.days == 30 and k.first_day == date(2025, 11, 1) and k.last_day == date(2025, 11, 30)
    assert k.received == 3  # C-0 is October's
    assert k.received_by_day[2] == 1 and k.received_by_day[29] == 1
    reply = k.timer("reply")
    assert reply.rule == "R-05"
    assert (reply.met, reply.breached, reply.pending, reply.decided) == (2, 1, 1, 3)  # C-0 and C-1 met
    assert reply.on_time == pytest.approx(2 / 3)
    assert reply.met_by_day[0] == 1 and reply.decided_by_day[4] == 1  # C-2 breached on 5 Nov at 10:00
    assert k.timer("nonesuch") is None
    assert k.resolved == 0 and k.resolution_rate == 0.0
    assert [t.timer for t in k.timers][:2] == ["reply", "investigation_start"]


def test_an_aware_as_of_is_the_same_instant(november):
    naive = report.workflow_kpis(november, date(2025, 11, 1), date(2025, 11, 30), datetime(2025, 11, 3, 10, 30))
    aware = report.workflow_kpis(november, date(2025, 11, 1), date(2025, 11, 30),
                                 datetime(2025, 11, 3, 2, 30, tzinfo=timezone.utc))
    assert naive.timer("reply").met == aware.timer("reply").met == 1  # C-0 only: C-1 not yet answered
    assert naive.received == aware.received == 1


def test_no_data_is_nan_not_zero(november):
    # December: nothing received, but C-3's reply (due 1 December 12:00) breached then.
    december = report.workflow_kpis(november, date(2025, 12, 1), date(2025, 12, 31), datetime(2025, 12, 31, 23))
    assert december.received == 0 and math.isnan(december.resolution_rate)
    assert (december.timer("reply").breached, december.timer("reply").on_time) == (1, 0.0)
    january = report.workflow_kpis(november, date(2026, 1, 1), date(2026, 1, 31), datetime(2026, 1, 31, 23))
    assert all(t.decided == 0 and math.isnan(t.on_time) for t in january.timers)


def test_per_day_frame(november):
    pd = pytest.importorskip("pandas")
    frame = report.workflow_kpis(november, date(2025, 11, 1), date(2025, 11, 30), datetime(2025, 11, 30, 20)).to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == 30 and frame.index.name == "day"
    assert frame.index[0] == pd.Timestamp("2025-11-01")
    assert frame["received"].sum() == 3
    assert frame.loc["2025-11-05", "reply.decided"] == 1 and frame.loc["2025-11-05", "reply.on_time"] == 0.0
    assert frame.loc["2025-11-01", "reply.on_time"] == 1.0
    assert np.isnan(frame.loc["2025-11-02", "reply.on_time"])


def test_kpis_pickle(november):
    k = report.workflow_kpis(november, date(2025, 11, 1), date(2025, 11, 30), datetime(2025, 11, 30, 20))
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(k, protocol))
        assert back.received_by_day == k.received_by_day and back.first_day == k.first_day
        assert [(t.timer, t.met, t.breached, t.met_by_day) for t in back.timers] == \
            [(t.timer, t.met, t.breached, t.met_by_day) for t in k.timers]


def test_bad_periods_and_timers_are_refused(november, complaint):
    with pytest.raises(ValueError, match="before it starts"):
        report.workflow_kpis(november, date(2025, 11, 30), date(2025, 11, 1), datetime(2025, 11, 30))
    with pytest.raises(ValueError, match="at most 366 days"):
        report.workflow_kpis(november, date(2024, 1, 1), date(2025, 1, 1), datetime(2025, 11, 30))
    with pytest.raises(ValueError, match="has no timer 'solved'"):
        report.workflow_kpis(november, date(2025, 11, 1), date(2025, 11, 30), datetime(2025, 11, 30),
                             resolution_timer="solved")
    with pytest.raises(TypeError, match="tracker must be"):
        report.workflow_kpis(complaint, date(2025, 11, 1), date(2025, 11, 30), datetime(2025, 11, 30))
    with pytest.raises(TypeError):
        report.workflow_kpis(november, datetime(2025, 11, 1), date(2025, 11, 30), datetime(2025, 11, 30))
