"""Compliance from Python: the built-in standards' findings counted by standard, staff, unit and period.

Calendar facts: the built-in "office" calendar is in Asia/Shanghai (UTC+8, no daylight saving),
so naive datetimes are Shanghai wall time; 2025-10-12 is a Sunday and 2025-10-13 a Monday.
The calls record no phone log, so phone_log and phone_read_back are never met.
"""

import math
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest

import charter
from charter.standard import evaluate

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def rulebook():
    return charter.Charter.builtin()


def call(staff, unit, at, rings):
    """A call answered after `rings` rings (R-01: at most two; R-02: an apology after five)."""
    return {"kind": "call", "at": at, "staff": staff, "unit": unit, "channel": "phone", "rings": rings}


OCTOBER = [
    call("li.na", "call_centre", datetime(2025, 10, 9, 10, 0), 1),     # R-01 met
    call("li.na", "call_centre", datetime(2025, 10, 9, 11, 0), 4),     # R-01 not met
    call("wang.fang", "front_desk", datetime(2025, 10, 10, 9, 30), 2),  # met
    call("wang.fang", "front_desk", datetime(2025, 10, 12, 23, 30), 6),  # not met; R-02 not met (Sunday)
    call("wang.fang", "front_desk", datetime(2025, 10, 13, 0, 30), 2),  # met (Monday: the next week)
    call("li.na", "call_centre", datetime(2025, 10, 31, 23, 59), 2),    # met: still October locally
    call("li.na", "call_centre", datetime(2025, 11, 1, 0, 1), 3),       # not met: 31 Oct 16:01 UTC, but November
]

COUNT_DTYPES = {name: np.dtype("int64") for name in ("met", "not_met", "not_applicable", "invalid", "checked")}


@pytest.fixture(scope="module")
def found(rulebook):
    return evaluate(rulebook, OCTOBER)


def row(table, **key):
    """The one row of a compliance table whose key columns hold `key` (period as a 'YYYY-MM-DD')."""
    mask = np.ones(len(next(iter(table.values()))), dtype=bool)
    for name, value in key.items():
        column = table[name]
        mask &= (column == np.datetime64(value, "D")) if name == "period" else (column == value)
    [i] = np.flatnonzero(mask)
    return {name: column[i] for name, column in table.items()}


def test_compliance_by_standard_is_a_count_of_the_findings_columns(found):
    table = found.compliance()  # by standard, all together
    columns = found.columns()
    assert list(table) == ["standard", "met", "not_met", "not_applicable", "invalid", "checked", "rate"]
    for name, dtype in COUNT_DTYPES.items():
        assert table[name].dtype == dtype
    assert table["rate"].dtype == np.dtype("float64") and table["standard"].dtype == np.dtype("O")
    # Every standard with a finding, in the charter's order.
    order = [s.id for s in found.standards]
    assert list(table["standard"]) == sorted(set(columns["standard"]), key=order.index)
    for i, standard in enumerate(table["standard"]):
        mine = columns["outcome"][columns["standard"] == standard]
        for outcome in ("met", "not_met", "not_applicable", "invalid"):
            assert table[outcome][i] == np.count_nonzero(mine == outcome), (standard, outcome)
        checked = np.count_nonzero(mine == "met") + np.count_nonzero(mine == "not_met")
        assert table["checked"][i] == checked
        assert (math.isnan(table["rate"][i]) if checked == 0
                else table["rate"][i] == np.count_nonzero(mine == "met") / checked)
    r01 = row(table, standard="R-01")
    assert (r01["met"], r01["not_met"], r01["rate"]) == (4, 3, 4 / 7)
    r02 = row(table, standard="R-02")  # only the six-ring call on Sunday owed an apology
    assert (r02["not_applicable"], r02["not_met"], r02["rate"]) == (6, 1, 0.0)


def test_a_call_a_minute_before_midnight_on_31_october_counts_in_october(found):
    table = found.compliance(("unit", "standard"), "month")
    assert list(table)[:3] == ["unit", "standard", "period"]
    assert table["period"].dtype == np.dtype("datetime64[D]")
    october = row(table, unit="call_centre", standard="R-01", period="2025-10-01")
    assert (october["met"], october["not_met"]) == (2, 1)  # 9 Oct 10:00, 31 Oct 23:59; 9 Oct 11:00
    # 00:01 on 1 November in Shanghai is still 31 October in UTC: the local date decides.
    november = row(table, unit="call_centre", standard="R-01", period="2025-11-01")
    assert (november["met"], november["not_met"]) == (0, 1)
    assert row(table, unit="front_desk", standard="R-01", period="2025-10-01")["checked"] == 3
    by_unit = found.compliance("unit", "month")  # one dimension may be named alone
    assert list(by_unit["unit"]) == ["call_centre", "call_centre", "front_desk"]
    assert list(by_unit["period"].astype(str)) == ["2025-10-01", "2025-11-01", "2025-10-01"]


def test_days_are_local_dates_and_weeks_start_on_monday(found):
    days = found.compliance("standard", "day")
    assert row(days, standard="R-01", period="2025-10-12")["not_met"] == 1  # Sunday 23:30
    assert row(days, standard="R-01", period="2025-10-13")["met"] == 1      # Monday 00:30
    weeks = found.compliance("standard", "week")
    first = row(weeks, standard="R-01", period="2025-10-06")
    assert (first["met"], first["not_met"]) == (2, 2)  # 9, 10 Oct; 9 Oct 11:00, Sunday 12 Oct
    assert row(weeks, standard="R-01", period="2025-10-13")["met"] == 1


def test_a_range_keeps_the_findings_in_it_naive_or_aware(found):
    naive = found.compliance(start=datetime(2025, 11, 1))
    assert row(naive, standard="R-01")["checked"] == 1
    aware = found.compliance(start=datetime(2025, 10, 31, 16, 0, tzinfo=timezone.utc))  # the same instant
    assert all(np.array_equal(naive[k], aware[k], equal_nan=k == "rate") for k in naive)
    before = found.compliance(end=datetime(2025, 11, 1, tzinfo=SHANGHAI))
    assert row(before, standard="R-01")["checked"] == 6
    with pytest.raises(ValueError, match="before start"):
        found.compliance(start=datetime(2025, 11, 1), end=datetime(2025, 10, 1))


def test_nothing_to_group_by_is_one_row_for_everything(found):
    table = found.compliance(())
    assert list(table) == ["met", "not_met", "not_applicable", "invalid", "checked", "rate"]
    assert table["met"][0] + table["not_met"][0] + table["not_applicable"][0] + table["invalid"][0] == len(found)


def test_an_observation_without_an_instant_counts_only_when_no_period_is_asked(rulebook):
    found = evaluate(rulebook, [call("li.na", "call_centre", None, 1), OCTOBER[0]])
    assert row(found.compliance(), standard="R-01")["invalid"] == 1
    monthly = found.compliance("standard", "month")
    assert row(monthly, standard="R-01", period="2025-10-01")["invalid"] == 0


def test_the_worst_offenders_have_the_lowest_rates(rulebook):
    found = evaluate(rulebook, OCTOBER + [call("zhao.lei", "call_centre", datetime(2025, 10, 9, 12, 0), 9)])
    # zhao.lei passed nothing: R-01 (nine rings), R-02 (no apology), the phone log.
    worst = found.worst("staff", 1)
    assert list(worst["staff"]) == ["zhao.lei"] and worst["rate"][0] == 0.0
    # Everyone fails the phone log; among rates of 0 more breaches come first (li.na: 4 calls).
    pairs = found.worst(("staff", "standard"), 2)
    assert list(zip(pairs["staff"], pairs["standard"])) == [("li.na", "phone_log"), ("li.na", "phone_read_back")]
    busy = found.worst(("staff", "standard"), 10, min_checked=3)
    assert len(busy["staff"]) > 0 and (busy["checked"] >= 3).all()
    assert np.all(np.diff(busy["rate"]) >= 0)  # worst first
    assert len(found.worst("staff", 0)["staff"]) == 0
    monthly = found.worst("unit", 5, 1, "month")
    assert monthly["period"].dtype == np.dtype("datetime64[D]")
    assert list(found.worst()) == list(found.compliance("staff"))  # the same columns as compliance()


def test_the_trend_compares_two_ranges(found):
    first = (datetime(2025, 10, 6), datetime(2025, 10, 13))
    later = (datetime(2025, 10, 13), None)  # open: everything from Monday 13 October on
    trend = found.trend(before=first, after=later)
    assert list(trend)[:2] == ["standard", "before_met"] and list(trend)[-1] == "change"
    r01 = row(trend, standard="R-01")
    assert r01["before_rate"] == 0.5         # 2 of 4
    assert r01["after_rate"] == 2 / 3        # 13 Oct, 31 Oct met; 1 Nov not
    assert r01["change"] == pytest.approx(2 / 3 - 0.5)
    r02 = row(trend, standard="R-02")        # checked only in the first week: no change can be said
    assert r02["after_checked"] == 0 and math.isnan(r02["change"])
    by_staff = found.trend(("staff",), before=first, after=later)
    assert set(by_staff["staff"]) == {"li.na", "wang.fang"}


def test_aggregates_as_data_frames(found):
    pd = pytest.importorskip("pandas")
    frame = found.compliance_frame(("unit", "standard"), "month")
    columns = found.compliance(("unit", "standard"), "month")
    assert list(frame.columns) == list(columns) and isinstance(frame.index, pd.RangeIndex)
    assert list(frame["unit"]) == list(columns["unit"])
    assert frame["period"].dtype.kind == "M" and str(frame["period"][0].date()) == str(columns["period"][0])
    assert frame["met"].dtype == np.dtype("int64")
    october = frame[(frame.unit == "call_centre") & (frame.standard == "R-01") & (frame.period == "2025-10-01")]
    assert october["rate"].item() == 2 / 3
    worst = found.worst_frame("staff", 1)
    assert list(worst.columns) == list(found.worst("staff", 1)) and len(worst) == 1
    trend = found.trend_frame(before=(None, datetime(2025, 10, 13)), after=(datetime(2025, 10, 13), None))
    assert "change" in trend.columns and len(trend) == len(found.trend(
        before=(None, datetime(2025, 10, 13)), after=(datetime(2025, 10, 13), None))["standard"])


def test_no_findings_give_empty_columns_with_their_dtypes(rulebook):
    table = evaluate(rulebook, []).compliance(("staff",), "week")
    assert list(table) == ["staff", "period", "met", "not_met", "not_applicable", "invalid", "checked", "rate"]
    assert all(len(c) == 0 for c in table.values())
    assert table["period"].dtype == np.dtype("datetime64[D]") and table["checked"].dtype == np.dtype("int64")


def test_unknown_dimensions_and_periods_are_named_with_the_known_ones(found):
    with pytest.raises(ValueError, match=r"unknown dimension 'team'.*standard, owner, staff, unit, channel"):
        found.compliance(("team",))
    with pytest.raises(ValueError, match=r"unknown period 'fortnight'.*day, week, month"):
        found.compliance("standard", "fortnight")
    with pytest.raises(ValueError, match="named twice"):
        found.worst(("staff", "staff"))
    with pytest.raises(TypeError, match="by must be"):
        found.compliance(None)
    with pytest.raises(TypeError, match="period must be"):
        found.compliance("standard", 7)
    with pytest.raises(TypeError, match=r"before must be a \(start, end\) pair"):
        found.trend(before=datetime(2025, 10, 1), after=(None, None))
    with pytest.raises(TypeError, match="start must be a datetime"):
        found.compliance(start="2025-10-01")


def test_loaded_findings_count_on_the_zone_they_are_shown_in(found, tmp_path):
    path = tmp_path / "findings.charter"
    charter.save(found, path)
    loaded = charter.load(path)
    assert loaded.zone == found.zone
    a, b = found.compliance("unit", "month"), loaded.compliance("unit", "month")
    assert all(np.array_equal(a[k], b[k], equal_nan=k == "rate") for k in a)
