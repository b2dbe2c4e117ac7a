"""Deadline rules from Python: text forms, due dates, explanations."""

import pickle
from datetime import date, datetime, timedelta, timezone

import pytest

import charter
from charter import Deadline, DeadlineKind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("48 hours", DeadlineKind.clock),
        ("24 business hours", DeadlineKind.business_time),
        ("30 business minutes", DeadlineKind.business_time),
        ("2 business days", DeadlineKind.business_days),
        ("end of business day", DeadlineKind.business_days),
        ("end of next business day", DeadlineKind.business_days),
        ("3 calendar days", DeadlineKind.calendar_days),
        ("end of month", DeadlineKind.end_of_month),
        ("6 months", DeadlineKind.months),
        ("immediately", DeadlineKind.clock),
    ],
)
def test_text_forms_round_trip(text, kind):
    d = Deadline.parse(text)
    assert d.kind == kind
    assert d.text == text
    assert Deadline(d.text) == d
    assert pickle.loads(pickle.dumps(d)) == d


def test_r05_reply_and_resolve(cn):
    received = datetime(2025, 9, 30, 17, 30)  # eve of National Day 2025
    assert Deadline.parse("24 business hours").due(received, cn) == datetime(2025, 10, 11, 13, 0)
    # 48 h: 24 h reached Sat 10-11 13:00; 5.5 h more that day, Sun closed, Mon 10-13 9.5 h
    # (39 h), then 9 h on Tue 10-14 → 18:00.
    assert Deadline.parse("48 business hours").due(received, cn) == datetime(2025, 10, 14, 18, 0)
    assert Deadline.parse("48 hours").due(received, cn) == datetime(2025, 10, 2, 17, 30)


def test_r10_same_and_next_business_day(cn):
    friday = datetime(2025, 9, 26, 17, 0)  # the Friday before National Day; Sun 09-28 is worked
    assert Deadline.parse("end of business day").due(friday, cn) == datetime(2025, 9, 26, 18, 30)
    assert Deadline.parse("end of next business day").due(friday, cn) == datetime(2025, 9, 28, 18, 30)
    assert Deadline.parse("2 business days").due(friday, cn) == datetime(2025, 9, 29, 18, 30)


def test_r13_six_months_clamps_to_month_end(cn):
    assert Deadline.parse("6 months").due(datetime(2025, 8, 31, 10, 0), cn) == datetime(2026, 2, 28, 10, 0)
    assert Deadline.parse("6 months").due(datetime(2024, 3, 15, 9, 0), cn) == datetime(2024, 9, 15, 9, 0)


def test_r23_report_before_month_end(cn):
    assert Deadline.parse("end of month").due(datetime(2024, 2, 3, 9, 0), cn) == datetime(2024, 2, 29, 23, 59, 59)


def test_explanation_lists_what_was_skipped(cn):
    e = Deadline.parse("24 business hours").explain(datetime(2025, 9, 30, 17, 30), cn)
    assert e.due == datetime(2025, 10, 11, 13, 0)
    assert e.rule == "24 business hours"
    assert any("National Day" in reason for _, _, reason in e.skipped)
    assert (date(2025, 10, 11), ) == tuple(d for d, _ in e.notable_days)
    assert "make-up working day" in str(e)
    assert "due:      2025-10-11 13:00 (Sat)" in str(e)


def test_explanation_keeps_the_callers_form(cn):
    start = datetime(2025, 9, 30, 9, 30, tzinfo=timezone.utc)
    e = Deadline.parse("24 business hours").explain(start, cn)
    assert e.due.tzinfo is timezone.utc and e.start == start
    assert all(b.tzinfo is timezone.utc for b, _, _ in e.skipped)


@pytest.mark.parametrize(
    "text, column, words",
    [
        ("24 buisness hours", 4, "unknown unit 'buisness'"),
        ("2 days", 3, "business days"),
        ("", 1, "empty"),
        ("twenty hours", 1, "whole number"),
        ("24 business hours please", 19, "unexpected"),
        ("end of year", 8, "unknown 'end of"),
        ("2 weeks", 3, "weeks are not a unit"),
        ("immediately please", 13, "unexpected 'please'"),
    ],
)
def test_bad_rules_name_the_column(text, column, words):
    with pytest.raises(charter.ParseError) as info:
        Deadline.parse(text)
    assert f"column {column}" in str(info.value)
    assert words in str(info.value)


def test_amounts_are_whole_non_negative_seconds():
    with pytest.raises(ValueError):
        Deadline.business(timedelta(hours=-1))
    with pytest.raises(ValueError, match="whole seconds"):
        Deadline.business(timedelta(milliseconds=1500))
    d = Deadline.clock(timedelta(seconds=90))
    assert d.text == "90 seconds" and Deadline(d.text) == d


def test_clock_rules_need_only_the_zone(cn):
    # Clock, calendar-day, month and end-of-month rules work outside the holiday table's years.
    assert Deadline("6 months").due(datetime(2026, 9, 1, 10), cn) == datetime(2027, 3, 1, 10)
    assert Deadline("48 hours").due(datetime(2027, 9, 1, 10), cn) == datetime(2027, 9, 3, 10)
    with pytest.raises(charter.CalendarRangeError, match="2026-12-31"):
        Deadline("24 business hours").due(datetime(2027, 9, 1, 10), cn)
    with pytest.raises(charter.InvalidTimeError, match="1400..9999"):
        Deadline("48 hours").due(datetime(1, 9, 1, 10), cn)
