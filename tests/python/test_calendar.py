"""BusinessCalendar from Python: the rulebook's deadlines, time-zone policy, edge cases."""

import threading
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import charter

H = timedelta(hours=1)


def test_reply_due_skips_national_day_and_uses_the_make_up_saturday(cn):
    # reply within 24 business hours. 2025-10-01..08 is the National Day holiday and
    # 2025-10-11 (Sat) is a make-up working day. From Tue 09-30 17:30: 1 h on 09-30,
    # 9.5 h on 10-09, 9.5 h on 10-10, then 4 h on Saturday 10-11 → 13:00.
    assert cn.add(datetime(2025, 9, 30, 17, 30), 24 * H) == datetime(2025, 10, 11, 13, 0)


def test_friday_evening_complaint_is_due_wednesday(cn):
    # Received Fri 2025-06-13 19:45 (closed): Mon 9.5 h + Tue 9.5 h + Wed 5 h → Wed 14:00.
    assert cn.add(datetime(2025, 6, 13, 19, 45), 24 * H) == datetime(2025, 6, 18, 14, 0)


def test_a_day_filled_exactly_ends_at_closing_time(cn):
    # 09:00 + 9.5 business hours is 18:30 the same day, not 09:00 the next.
    assert cn.add(datetime(2025, 6, 16, 9), timedelta(hours=9, minutes=30)) == datetime(2025, 6, 16, 18, 30)


def test_adding_zero_returns_the_start_even_when_closed(cn):
    sat = datetime(2025, 6, 14, 3, 0)
    assert cn.add(sat, timedelta(0)) == sat


def test_open_time_is_half_open(cn):
    assert cn.is_open(datetime(2025, 6, 16, 9, 0))
    assert cn.is_open(datetime(2025, 6, 16, 18, 29, 59))
    assert not cn.is_open(datetime(2025, 6, 16, 18, 30))
    assert not cn.is_open(datetime(2025, 10, 3, 10, 0))  # National Day
    assert cn.is_open(datetime(2025, 9, 28, 10, 0))  # make-up Sunday


def test_next_open_and_close(cn):
    assert cn.next_open(datetime(2025, 9, 30, 19, 0)) == datetime(2025, 10, 9, 9, 0)
    assert cn.next_open(datetime(2025, 6, 16, 10, 0)) == datetime(2025, 6, 16, 10, 0)
    assert cn.next_close(datetime(2025, 6, 16, 10, 0)) == datetime(2025, 6, 16, 18, 30)
    assert cn.next_close(datetime(2025, 6, 14, 10, 0)) == datetime(2025, 6, 16, 18, 30)


def test_negative_duration_goes_back_to_the_latest_instant(cn):
    # Back 1 h from Mon 10:00 is Mon 09:00 (the latest instant with 1 h between), and back
    # 2 h is Fri 17:30.
    assert cn.add(datetime(2025, 6, 16, 10), -H) == datetime(2025, 6, 16, 9)
    assert cn.add(datetime(2025, 6, 16, 10), -2 * H) == datetime(2025, 6, 13, 17, 30)


def test_elapsed_counts_only_open_time_and_is_signed(cn):
    a, b = datetime(2025, 6, 13, 17, 0), datetime(2025, 6, 16, 10, 0)
    assert cn.elapsed(a, b) == timedelta(hours=2, minutes=30)
    assert cn.elapsed(b, a) == -timedelta(hours=2, minutes=30)


def test_lunch_break_is_skipped(lunch):
    # 11:00 + 2 business hours: 1 h to 12:00, lunch 12:00–13:30 skipped, 1 h → 14:30.
    assert lunch.add(datetime(2025, 6, 16, 11), 2 * H) == datetime(2025, 6, 16, 14, 30)
    assert not lunch.is_open(datetime(2025, 6, 16, 12, 45))


def test_extra_workday_without_hours_uses_mondays_hours(lunch):
    assert lunch.hours_on(date(2025, 9, 28)) == [("09:00", "12:00"), ("13:30", "18:30")]
    assert lunch.describe_day(date(2025, 10, 1)) == "holiday: National Day"
    assert lunch.is_business_day(date(2025, 9, 28))
    assert not lunch.is_business_day(date(2025, 9, 27))


def test_night_shift_across_midnight():
    night = charter.BusinessCalendar(zone="UTC", week={d: [("22:00", "06:00")] for d in ("mon", "tue", "wed", "thu", "fri")})
    # Mon 23:00 + 3 h = Tue 02:00; the shift belongs to Monday.
    assert night.add(datetime(2025, 6, 16, 23), 3 * H) == datetime(2025, 6, 17, 2)
    assert night.business_day_of(datetime(2025, 6, 17, 2)) == date(2025, 6, 16)
    # Fri 22:00–Sat 06:00 is the last shift of the week: Sat 05:00 + 2 h → Mon 23:00.
    assert night.add(datetime(2025, 6, 21, 5), 2 * H) == datetime(2025, 6, 23, 23)


def test_round_the_clock_counts_every_hour():
    shifts = charter.BusinessCalendar(zone="Asia/Shanghai", week={d: [("00:00", "24:00")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})
    t = datetime(2025, 2, 28, 13, 0)
    assert shifts.add(t, 24 * H) == datetime(2025, 3, 1, 13, 0)
    with pytest.raises(charter.CalendarRangeError):
        shifts.next_close(t)  # it never closes inside the range


def test_half_day_before_a_holiday():
    cal = charter.BusinessCalendar(
        zone="UTC",
        week={d: [("09:00", "17:00")] for d in ("mon", "tue", "wed", "thu", "fri")},
        special_hours={date(2024, 12, 24): [("09:00", "12:00")]},
        holidays={date(2024, 12, 25): "Christmas"},
    )
    # Tue 24 Dec 11:00 + 2 h: 1 h until 12:00, 25th closed, 1 h on Thu 26th → 10:00.
    assert cal.add(datetime(2024, 12, 24, 11), 2 * H) == datetime(2024, 12, 26, 10)


def test_business_days(cn):
    # received Fri 2025-09-26 17:00; 09-27 (Sat) closed, 09-28 (Sun) is a make-up day.
    t = datetime(2025, 9, 26, 17, 0)
    assert cn.add_business_days(t, 0) == datetime(2025, 9, 26, 18, 30)
    assert cn.add_business_days(t, 1) == datetime(2025, 9, 28, 18, 30)
    assert cn.business_day_of(datetime(2025, 9, 26, 19, 0)) == date(2025, 9, 28)
    assert cn.business_days_between(t, cn.add_business_days(t, 3)) == 4


def test_naive_in_naive_out_aware_in_aware_out(cn):
    naive = datetime(2025, 6, 16, 10, 0)
    aware = datetime(2025, 6, 16, 2, 0, tzinfo=timezone.utc)  # the same instant
    assert cn.add(naive, H) == datetime(2025, 6, 16, 11, 0)
    out = cn.add(aware, H)
    assert out.tzinfo is timezone.utc
    assert out == datetime(2025, 6, 16, 3, 0, tzinfo=timezone.utc)
    berlin = ZoneInfo("Europe/Berlin")
    out = cn.add(aware.astimezone(berlin), H)
    assert out.tzinfo is berlin and out == datetime(2025, 6, 16, 5, 0, tzinfo=berlin)


def test_dst_gap_raises_and_overlap_means_first_occurrence():
    berlin = charter.BusinessCalendar(zone="Europe/Berlin", week={d: [("00:00", "24:00")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})
    with pytest.raises(charter.NonexistentTimeError, match="does not exist"):
        berlin.is_open(datetime(2024, 3, 31, 2, 30))
    # 2024-10-27 02:30 happens twice; fold=0 is the first (CEST, 00:30 UTC).
    first = berlin.add(datetime(2024, 10, 27, 2, 30), timedelta(0))
    assert first.fold == 0
    later = berlin.add(datetime(2024, 10, 27, 2, 30), H)  # one real hour later: 02:30 again
    assert later == datetime(2024, 10, 27, 2, 30) and later.fold == 1
    assert berlin.add(datetime(2024, 10, 27, 2, 30, fold=1), timedelta(0)).fold == 1
    # Round the clock, 2024-03-31 has 23 business hours and 2024-10-27 has 25.
    assert berlin.elapsed(datetime(2024, 3, 31), datetime(2024, 4, 1)) == 23 * H
    assert berlin.elapsed(datetime(2024, 10, 27), datetime(2024, 10, 28)) == 25 * H


def test_leap_day_and_year_end(cn):
    assert cn.add(datetime(2024, 2, 28, 18, 0), H) == datetime(2024, 2, 29, 9, 30)
    # 2024-12-31 16:00 + 24 h: 2.5 h on 12-31, 2025-01-01 holiday, then 9.5 on 01-02 and
    # 01-03 (Fri) = 21.5 h, then 2.5 h on Mon 01-06 → 11:30.
    assert cn.add(datetime(2024, 12, 31, 16), 24 * H) == datetime(2025, 1, 6, 11, 30)


def test_china_table_ends_in_2026(cn):
    assert cn.first_day == date(2024, 1, 1) and cn.last_day == date(2026, 12, 31)
    with pytest.raises(charter.CalendarRangeError, match="ends on 2026-12-31"):
        cn.add(datetime(2027, 1, 4, 10), H)
    with pytest.raises(charter.CalendarRangeError, match="2026-12-31"):
        cn.add(datetime(2026, 12, 31, 17), 24 * H)
    assert sum(cn.is_business_day(date(2024, 1, 1) + timedelta(days=i)) for i in range(366)) == 251


def test_china_with_a_lunch_break():
    cal = charter.calendars.china(hours=[("09:00", "12:00"), ("13:30", "18:30")])
    assert cal.add(datetime(2025, 6, 16, 11), 2 * H) == datetime(2025, 6, 16, 14, 30)
    fests = charter.calendars.china_festivals()
    assert any(f["label"] == "国庆节" and f["year"] == 2026 for f in fests)


def test_properties_are_copies(lunch):
    week = lunch.week
    week["mon"].append(("20:00", "21:00"))
    assert lunch.week["mon"] == [("09:00", "12:00"), ("13:30", "18:30")]
    assert lunch.holidays == {date(2025, 10, 1): "National Day"}
    assert lunch.extra_workdays == {date(2025, 9, 28): None}


def test_closed_spans_name_the_holiday(cn):
    spans = cn.closed_spans(datetime(2025, 9, 30, 17), datetime(2025, 10, 9, 12))
    assert len(spans) == 1
    begin, end, reason = spans[0]
    assert (begin, end) == (datetime(2025, 9, 30, 18, 30), datetime(2025, 10, 9, 9, 0))
    assert "National Day" in reason


def test_calendars_are_shared_safely_between_threads(cn):
    errors = []

    def work():
        try:
            for _ in range(2000):
                assert cn.add(datetime(2025, 9, 30, 17, 30), 24 * H) == datetime(2025, 10, 11, 13, 0)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
