"""Bad input gets a clear error of the right class, and nothing else."""

from datetime import date, datetime, timedelta

import pytest

import charter

WEEK = {"mon": [("09:00", "18:00")]}


def test_hierarchy_is_rooted_in_value_error():
    assert issubclass(charter.Error, ValueError)
    for cls in (charter.CalendarError, charter.InvalidTimeError, charter.ParseError, charter.SerializationError):
        assert issubclass(cls, charter.Error)
    assert issubclass(charter.CalendarRangeError, charter.CalendarError)
    assert issubclass(charter.NonexistentTimeError, charter.CalendarError)
    assert issubclass(charter.CorruptFileError, charter.SerializationError)
    # Shown under the package name users import.
    assert charter.CalendarRangeError.__module__ == "charter"
    assert repr(charter.ParseError("x")).startswith("ParseError(")


def test_unknown_zone():
    with pytest.raises(charter.CalendarError, match="unknown time zone 'Mars/Olympus'"):
        charter.BusinessCalendar(zone="Mars/Olympus", week=WEEK)


def test_overlapping_and_empty_intervals():
    with pytest.raises(charter.CalendarError, match="overlaps"):
        charter.BusinessCalendar(week={"mon": [("09:00", "12:00"), ("11:00", "14:00")]})
    with pytest.raises(charter.CalendarError, match="empty"):
        charter.BusinessCalendar(week={"mon": [("09:00", "09:00")]})
    with pytest.raises(charter.CalendarError, match="overlaps tuesday"):
        charter.BusinessCalendar(week={"mon": [("22:00", "08:00")], "tue": [("07:00", "12:00")]})


def test_times_that_are_not_times():
    with pytest.raises(charter.ParseError, match="'25:61'.*hour out of range"):
        charter.BusinessCalendar(week={"mon": [("25:61", "26:00")]})
    with pytest.raises(charter.ParseError, match="column 3"):
        charter.BusinessCalendar(week={"mon": [("09-00", "12:00")]})
    with pytest.raises(charter.ParseError, match="not a weekday"):
        charter.BusinessCalendar(week={"monday-ish": [("09:00", "12:00")]})


def test_a_date_cannot_be_both_holiday_and_working_day():
    d = date(2025, 10, 11)
    with pytest.raises(charter.CalendarError, match="2025-10-11 is both a holiday"):
        charter.BusinessCalendar(week=WEEK, holidays={d: "National Day"}, extra_workdays=[d])


def test_a_calendar_without_open_time():
    with pytest.raises(charter.CalendarError, match="no open time"):
        charter.BusinessCalendar(zone="UTC")
    with pytest.raises(charter.CalendarError, match="no open time"):
        charter.BusinessCalendar(week=WEEK, holidays=[date(2025, 6, 16)], first_day=date(2025, 6, 16), last_day=date(2025, 6, 16))


def test_range_and_types(cn):
    with pytest.raises(charter.CalendarError, match="before first_day"):
        charter.BusinessCalendar(week=WEEK, first_day=date(2025, 1, 2), last_day=date(2025, 1, 1))
    with pytest.raises(TypeError, match="datetime"):
        cn.add(date(2025, 6, 16), timedelta(hours=1))
    with pytest.raises(TypeError):
        cn.add("2025-06-16 10:00", timedelta(hours=1))
    with pytest.raises(TypeError):
        cn.add(datetime(2025, 6, 16, 10), 3600)
    with pytest.raises(TypeError, match="date"):
        charter.BusinessCalendar(week=WEEK, holidays={"2025-10-01": "x"})


def test_extreme_datetimes(cn):
    with pytest.raises(charter.CalendarRangeError):
        cn.is_open(datetime(1, 1, 1))
    with pytest.raises(charter.CalendarRangeError):
        cn.add(datetime(9999, 12, 31, 23, 59, 59, 999999), timedelta(hours=1))
    with pytest.raises(charter.CalendarRangeError):
        cn.add(datetime(2025, 6, 16, 10), timedelta(days=999_999_999))


def test_zone_names_are_tz_database_names_only():
    # cctz would open "file:<path>" (a FIFO there blocks forever) and read the host's zone for
    # "libc:localtime": neither may reach it.
    for zone in ("file:/etc/passwd", "libc:localtime", "/usr/share/zoneinfo/UTC", "../UTC", "Asia//Shanghai"):
        with pytest.raises(charter.CalendarError, match="unknown time zone"):
            charter.BusinessCalendar(zone=zone, week=WEEK)


def test_a_calendar_index_is_bounded():
    # 1440 one-minute intervals every day for 400 years would need gigabytes of index.
    minutes = [(f"{m // 60:02d}:{m % 60:02d}", f"{(m + 1) // 60 % 24:02d}:{(m + 1) % 60:02d}") for m in range(0, 1440, 2)]
    with pytest.raises(charter.CalendarError, match="at most 1000000"):
        charter.BusinessCalendar(week={"mon": minutes, "tue": minutes}, first_day=date(1800, 1, 1), last_day=date(2199, 12, 31))


def test_charter_files_refuse_aliases_and_duplicate_keys():
    with pytest.raises(charter.CharterFileError, match="anchors"):
        charter.Charter.parse("charter: 1\nname: &a x\ncalendars: {c: *a}\n")
    with pytest.raises(charter.CharterFileError, match="duplicate key 'name'") as info:
        charter.Charter.parse("charter: 1\nname: a\nname: b\n")
    assert (info.value.line, info.value.column) == (3, 1)
