// BusinessCalendar: opening hours, holidays and make-up days, business-time arithmetic, zones
// with daylight saving, and everything that must be refused.
//
// Expected values are worked out by hand from the calendar facts written next to them, never
// taken from the library. Calendar facts used throughout (China, shared/notes §4):
//   2025-09-26 is a Friday; 2025-09-27 (Sat) is a weekend day; 2025-09-28 (Sun) is a make-up
//   working day; 2025-10-01 (Wed) .. 2025-10-08 (Wed) is the National Day + Mid-Autumn holiday;
//   2025-10-11 (Sat) is a make-up working day. The built-in China calendar is open 09:00–18:30
//   (9.5 hours) on working days, Asia/Shanghai (UTC+8, no daylight saving since 1991).

#include "charter/calendar/business_calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <thread>
#include <vector>

#include "charter/calendar/china.hpp"
#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::calendar {
namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using boost::posix_time::hours;
using boost::posix_time::microseconds;
using boost::posix_time::minutes;
using boost::posix_time::ptime;
using boost::posix_time::seconds;
using boost::posix_time::time_duration;
using test::local;
using test::utc;

DayHours office() { return parse_day_hours({{"09:00", "18:30"}}); }
DayHours lunch_break() { return parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}}); }

CalendarSpec make_spec(const std::string& zone, const WeeklySchedule& week, date first, date last) {
  CalendarSpec spec;
  spec.name = "test";
  spec.zone = zone;
  spec.week = week;
  spec.first_day = first;
  spec.last_day = last;
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Open or closed, next opening, next closing

TEST(BusinessCalendar, IsOpenIsHalfOpen) {
  const BusinessCalendar cn = china_calendar();
  // Mon 2025-09-29 is a regular working day, open [09:00, 18:30).
  EXPECT_FALSE(cn.is_open(local(cn, "2025-09-29 08:59:59")));
  EXPECT_TRUE(cn.is_open(local(cn, "2025-09-29 09:00")));
  EXPECT_TRUE(cn.is_open(local(cn, "2025-09-29 18:29:59")));
  EXPECT_TRUE(cn.is_open(local(cn, "2025-09-29 18:29:59") + microseconds(999999)));
  EXPECT_FALSE(cn.is_open(local(cn, "2025-09-29 18:30")));
  // Sat 2025-09-27 is a weekend day; Sun 2025-09-28 is a make-up working day.
  EXPECT_FALSE(cn.is_open(local(cn, "2025-09-27 10:00")));
  EXPECT_TRUE(cn.is_open(local(cn, "2025-09-28 10:00")));
  // 2025-10-01 is National Day.
  EXPECT_FALSE(cn.is_open(local(cn, "2025-10-01 10:00")));
}

TEST(BusinessCalendar, LocalTimesInShanghaiAreUtcPlusEight) {
  const BusinessCalendar cn = china_calendar();
  EXPECT_EQ(local(cn, "2025-09-29 09:00"), utc("2025-09-29 01:00"));
  EXPECT_EQ(cn.to_local(utc("2025-09-29 10:30")), test::utc("2025-09-29 18:30"));
}

TEST(BusinessCalendar, NextOpenSkipsTheWeekendToTheMakeUpSunday) {
  const BusinessCalendar cn = china_calendar();
  // Fri 2025-09-26 18:30 closed → Sat closed → Sun 2025-09-28 is a make-up working day.
  EXPECT_EQ(cn.next_open(local(cn, "2025-09-26 18:30")), local(cn, "2025-09-28 09:00"));
  EXPECT_EQ(cn.next_open(local(cn, "2025-09-27 12:00")), local(cn, "2025-09-28 09:00"));
  // Open: next_open is the instant itself.
  EXPECT_EQ(cn.next_open(local(cn, "2025-09-29 10:00")), local(cn, "2025-09-29 10:00"));
  // Tue 2025-09-30 after closing → the holiday runs to 10-08 → Thu 2025-10-09 09:00.
  EXPECT_EQ(cn.next_open(local(cn, "2025-09-30 18:30")), local(cn, "2025-10-09 09:00"));
}

TEST(BusinessCalendar, NextCloseIsTheEndOfTheCurrentOrNextOpening) {
  const BusinessCalendar cn = china_calendar();
  EXPECT_EQ(cn.next_close(local(cn, "2025-09-29 10:00")), local(cn, "2025-09-29 18:30"));
  // At 18:30 the centre is already closed: the next close is the next day's.
  EXPECT_EQ(cn.next_close(local(cn, "2025-09-29 18:30")), local(cn, "2025-09-30 18:30"));
  EXPECT_EQ(cn.next_close(local(cn, "2025-09-27 10:00")), local(cn, "2025-09-28 18:30"));
  EXPECT_EQ(cn.next_close(local(cn, "2025-09-30 20:00")), local(cn, "2025-10-09 18:30"));
}

// ---------------------------------------------------------------------------------------------
// The rulebook's cases on the China calendar

TEST(BusinessCalendar, ReplyAndResolveForAComplaintOnTheFridayBeforeNationalDay) {
  const BusinessCalendar cn = china_calendar();
  const ptime received = local(cn, "2025-09-26 17:30");  // Friday
  // R-05 reply within 24 business hours:
  //   Fri 17:30–18:30 1h; Sat 09-27 closed; Sun 09-28 make-up 9.5h (10.5); Mon 09-29 9.5h (20);
  //   Tue 09-30 09:00 + 4h = 13:00.
  EXPECT_EQ(cn.add(received, hours(24)), local(cn, "2025-09-30 13:00"));
  // R-05 resolve within 48 business hours: Tue 09-30 full (29.5); 10-01..10-08 holiday;
  //   Thu 10-09 9.5h (39); Fri 10-10 09:00 + 9h = 18:00.
  EXPECT_EQ(cn.add(received, hours(48)), local(cn, "2025-10-10 18:00"));
  EXPECT_EQ(cn.elapsed(received, local(cn, "2025-10-10 18:00")), hours(48));
}

TEST(BusinessCalendar, ReplyDueOnAMakeUpSaturday) {
  const BusinessCalendar cn = china_calendar();
  // Tue 2025-10-07 20:53 (holiday) → Thu 10-09 9.5h, Fri 10-10 9.5h (19h), and Sat 10-11 is a
  // make-up working day: 09:00 + 5h = 14:00 (ignoring the make-up day would give Mon 10-13).
  EXPECT_EQ(cn.add(local(cn, "2025-10-07 20:53"), hours(24)), local(cn, "2025-10-11 14:00"));
  EXPECT_TRUE(cn.is_business_day(date(2025, 10, 11)));
  EXPECT_NE(cn.describe_day(date(2025, 10, 11)).find("make-up working day"), std::string::npos);
  EXPECT_EQ(cn.hours_on(date(2025, 10, 11)), office());
}

TEST(BusinessCalendar, LeapDay2024IsAWorkingDay) {
  const BusinessCalendar cn = china_calendar();
  // Thu 2024-02-29 is an ordinary working day; no make-up days around 2024-03-02/03.
  EXPECT_TRUE(cn.is_business_day(date(2024, 2, 29)));
  // Wed 2024-02-28 17:30: Wed 1h; Thu 02-29 9.5h (10.5); Fri 03-01 9.5h (20); weekend;
  // Mon 03-04 09:00 + 4h = 13:00.
  EXPECT_EQ(cn.add(local(cn, "2024-02-28 17:30"), hours(24)), local(cn, "2024-03-04 13:00"));
  // Wed and Thu (the leap day): 2 × 9.5h.
  EXPECT_EQ(cn.elapsed(local(cn, "2024-02-28 00:00"), local(cn, "2024-03-01 00:00")), hours(19));
}

TEST(BusinessCalendar, YearEnd2024Into2025) {
  const BusinessCalendar cn = china_calendar();
  // Tue 2024-12-31 16:00: Tue 2.5h; Wed 2025-01-01 New Year's Day; Thu 01-02 9.5h (12);
  // Fri 01-03 9.5h (21.5); Sat/Sun 01-04/05 closed (no make-up days); Mon 01-06 09:00 + 2.5h.
  EXPECT_FALSE(cn.is_business_day(date(2025, 1, 1)));
  EXPECT_NE(cn.describe_day(date(2025, 1, 1)).find("holiday: New Year's Day"), std::string::npos);
  EXPECT_EQ(cn.add(local(cn, "2024-12-31 16:00"), hours(24)), local(cn, "2025-01-06 11:30"));
}

// ---------------------------------------------------------------------------------------------
// add and elapsed: boundaries and directions

TEST(BusinessCalendar, AddZeroIsTheSameInstantEvenWhenClosed) {
  const BusinessCalendar cn = china_calendar();
  const ptime saturday_night = local(cn, "2025-09-27 03:00");
  EXPECT_EQ(cn.add(saturday_night, hours(0)), saturday_night);
  EXPECT_EQ(cn.add(local(cn, "2025-09-29 10:00"), seconds(0)), local(cn, "2025-09-29 10:00"));
  // The smallest step from closed time starts at the next opening (Sun 09-28 09:00).
  EXPECT_EQ(cn.add(saturday_night, microseconds(1)),
            local(cn, "2025-09-28 09:00") + microseconds(1));
}

TEST(BusinessCalendar, ADeadlineThatFillsADayLandsAtClosingTime) {
  const BusinessCalendar cn = china_calendar();
  // Monday 09:00 + 9.5 business hours = Monday 18:30, not Tuesday 09:00.
  EXPECT_EQ(cn.add(local(cn, "2025-09-29 09:00"), hours(9) + minutes(30)),
            local(cn, "2025-09-29 18:30"));
  // Friday 2025-09-26 likewise lands at 18:30, not on the make-up Sunday.
  EXPECT_EQ(cn.add(local(cn, "2025-09-26 09:00"), hours(9) + minutes(30)),
            local(cn, "2025-09-26 18:30"));
  // From closed time before opening the whole day fits exactly as well.
  EXPECT_EQ(cn.add(local(cn, "2025-09-29 07:00"), hours(9) + minutes(30)),
            local(cn, "2025-09-29 18:30"));
  // One second more spills into Tuesday.
  EXPECT_EQ(cn.add(local(cn, "2025-09-29 09:00"), hours(9) + minutes(30) + seconds(1)),
            local(cn, "2025-09-30 09:00:01"));
}

TEST(BusinessCalendar, NegativeDurationsGoBack) {
  const BusinessCalendar cn = china_calendar();
  // The latest instant u with 9.5h of business time to Mon 18:30 is Mon 09:00 (not Sun 18:30,
  // which has the same business position: Sun 09-28 is a make-up working day).
  EXPECT_EQ(cn.add(local(cn, "2025-09-29 18:30"), -(hours(9) + minutes(30))),
            local(cn, "2025-09-29 09:00"));
  EXPECT_EQ(cn.add(local(cn, "2025-09-30 10:00"), hours(-2)), local(cn, "2025-09-29 17:30"));
  // Back over the National Day holiday (10-01..10-08).
  EXPECT_EQ(cn.add(local(cn, "2025-10-09 09:00"), hours(-1)), local(cn, "2025-09-30 17:30"));
  // Back from Monday morning onto the make-up Sunday.
  EXPECT_EQ(cn.add(local(cn, "2025-09-29 09:00"), hours(-1)), local(cn, "2025-09-28 17:30"));
  // Back over the weekend: Sun 09:00 − 1h = Fri 17:30.
  EXPECT_EQ(cn.add(local(cn, "2025-09-28 09:00"), hours(-1)), local(cn, "2025-09-26 17:30"));
}

TEST(BusinessCalendar, ElapsedIsNegativeWhenTheEndIsBeforeTheStart) {
  const BusinessCalendar cn = china_calendar();
  const ptime a = local(cn, "2025-09-29 17:30");
  const ptime b = local(cn, "2025-09-30 10:00");
  // Mon 17:30–18:30 1h + Tue 09:00–10:00 1h.
  EXPECT_EQ(cn.elapsed(a, b), hours(2));
  EXPECT_EQ(cn.elapsed(b, a), hours(-2));
  EXPECT_EQ(cn.elapsed(a, a), hours(0));
  // Tue 09-30 09:00 → Thu 10-09 18:30: two full days around the holiday.
  EXPECT_EQ(cn.elapsed(local(cn, "2025-09-30 09:00"), local(cn, "2025-10-09 18:30")), hours(19));
  // Entirely inside closed time.
  EXPECT_EQ(cn.elapsed(local(cn, "2025-10-01 00:00"), local(cn, "2025-10-08 23:59")), hours(0));
}

TEST(BusinessCalendar, ClosedSpansNameTheirReasons) {
  const BusinessCalendar cn = china_calendar();
  const auto spans = cn.closed_spans(local(cn, "2025-09-26 17:30"), local(cn, "2025-09-30 13:00"));
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].begin, local(cn, "2025-09-26 18:30"));
  EXPECT_EQ(spans[0].end, local(cn, "2025-09-28 09:00"));
  EXPECT_EQ(spans[0].reason, "weekend 2025-09-27");
  EXPECT_EQ(spans[1].reason, "overnight");
  EXPECT_EQ(spans[2].begin, local(cn, "2025-09-29 18:30"));
  EXPECT_EQ(spans[2].end, local(cn, "2025-09-30 09:00"));

  const auto holiday =
      cn.closed_spans(local(cn, "2025-09-30 12:00"), local(cn, "2025-10-09 12:00"));
  ASSERT_EQ(holiday.size(), 1u);
  EXPECT_EQ(holiday[0].begin, local(cn, "2025-09-30 18:30"));
  EXPECT_EQ(holiday[0].end, local(cn, "2025-10-09 09:00"));
  EXPECT_NE(holiday[0].reason.find("National Day"), std::string::npos);
  EXPECT_NE(holiday[0].reason.find("2025-10-01..2025-10-08"), std::string::npos);

  const auto notable =
      cn.notable_days(local(cn, "2025-09-26 17:30"), local(cn, "2025-10-11 14:00"));
  ASSERT_EQ(notable.size(), 2u);
  EXPECT_EQ(notable[0].day, date(2025, 9, 28));
  EXPECT_EQ(notable[1].day, date(2025, 10, 11));
  EXPECT_NE(notable[0].reason.find("make-up working day"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Business days

TEST(BusinessCalendar, EndOfBusinessDayAndNextBusinessDay) {
  const BusinessCalendar cn = china_calendar();
  const ptime fri = local(cn, "2025-09-26 17:30");
  // same day → Fri 18:30; next day → the make-up Sunday 09-28 18:30.
  EXPECT_EQ(cn.add_business_days(fri, 0), local(cn, "2025-09-26 18:30"));
  EXPECT_EQ(cn.add_business_days(fri, 1), local(cn, "2025-09-28 18:30"));
  EXPECT_EQ(cn.add_business_days(fri, 2), local(cn, "2025-09-29 18:30"));
  EXPECT_EQ(cn.add_business_days(fri, 3), local(cn, "2025-09-30 18:30"));
  EXPECT_EQ(cn.add_business_days(fri, 4), local(cn, "2025-10-09 18:30"));  // after the holiday
  EXPECT_EQ(cn.add_business_days(fri, -1), local(cn, "2025-09-25 18:30"));
  // After closing, handling starts at the next opening (Sun 09-28).
  const ptime fri_evening = local(cn, "2025-09-26 19:00");
  EXPECT_EQ(cn.business_day_of(fri_evening), date(2025, 9, 28));
  EXPECT_EQ(cn.add_business_days(fri_evening, 0), local(cn, "2025-09-28 18:30"));
  EXPECT_EQ(cn.add_business_days(fri_evening, 1), local(cn, "2025-09-29 18:30"));
  EXPECT_EQ(cn.business_day_of(local(cn, "2025-09-27 10:00")), date(2025, 9, 28));
  EXPECT_EQ(cn.business_day_of(fri), date(2025, 9, 26));
  // Tue 09-30 17:00: same day 18:30; next business day is Thu 10-09.
  EXPECT_EQ(cn.add_business_days(local(cn, "2025-09-30 17:00"), 1), local(cn, "2025-10-09 18:30"));
}

TEST(BusinessCalendar, BusinessDaysBetweenCountsClosesInTheHalfOpenSpan) {
  const BusinessCalendar cn = china_calendar();
  // Closes in (Mon 09-29 10:00, Thu 10-09 10:00]: Mon 18:30 and Tue 18:30.
  EXPECT_EQ(cn.business_days_between(local(cn, "2025-09-29 10:00"), local(cn, "2025-10-09 10:00")),
            2);
  EXPECT_EQ(cn.business_days_between(local(cn, "2025-10-09 10:00"), local(cn, "2025-09-29 10:00")),
            -2);
  // The close itself is included, one second before is not.
  EXPECT_EQ(cn.business_days_between(local(cn, "2025-09-29 10:00"), local(cn, "2025-09-29 18:30")),
            1);
  EXPECT_EQ(
      cn.business_days_between(local(cn, "2025-09-29 10:00"), local(cn, "2025-09-29 18:29:59")), 0);
  // Fri 09-26 10:00 → Mon 09-29 10:00: Fri and the make-up Sunday close.
  EXPECT_EQ(cn.business_days_between(local(cn, "2025-09-26 10:00"), local(cn, "2025-09-29 10:00")),
            2);
}

TEST(BusinessCalendar, BusinessDaysBetweenInvertsAddBusinessDays) {
  const BusinessCalendar cn = china_calendar();
  // Documented identity: business_days_between(t, add_business_days(t, n)) == n + 1, n >= 0.
  for (const char* text :
       {"2025-09-26 17:30", "2025-09-26 19:00", "2025-09-27 10:00", "2025-09-30 12:00",
        "2025-10-03 00:00", "2024-02-09 09:00", "2024-12-31 18:30", "2026-02-13 08:00"}) {
    const ptime t = local(cn, text);
    for (int n = 0; n <= 12; ++n) {
      EXPECT_EQ(cn.business_days_between(t, cn.add_business_days(t, n)), n + 1)
          << "t = " << text << ", n = " << n;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Several intervals a day, night shifts, round the clock, half days, extra working days

TEST(BusinessCalendar, LunchBreak) {
  const BusinessCalendar cal = china_calendar(lunch_break());
  EXPECT_TRUE(cal.is_open(local(cal, "2025-09-29 11:59:59")));
  EXPECT_FALSE(cal.is_open(local(cal, "2025-09-29 12:00")));
  EXPECT_FALSE(cal.is_open(local(cal, "2025-09-29 13:29:59")));
  EXPECT_TRUE(cal.is_open(local(cal, "2025-09-29 13:30")));
  EXPECT_EQ(cal.next_open(local(cal, "2025-09-29 12:15")), local(cal, "2025-09-29 13:30"));
  EXPECT_EQ(cal.next_close(local(cal, "2025-09-29 10:00")), local(cal, "2025-09-29 12:00"));
  // 11:30 + 30 min fills the morning exactly: 12:00, not 13:30.
  EXPECT_EQ(cal.add(local(cal, "2025-09-29 11:30"), minutes(30)), local(cal, "2025-09-29 12:00"));
  // 11:30 + 1h: 30 min before lunch, 30 min after 13:30.
  EXPECT_EQ(cal.add(local(cal, "2025-09-29 11:30"), hours(1)), local(cal, "2025-09-29 14:00"));
  // Received during lunch: counting starts at 13:30.
  EXPECT_EQ(cal.add(local(cal, "2025-09-29 12:15"), hours(1)), local(cal, "2025-09-29 14:30"));
  // 11:00–12:00 and 13:30–14:00.
  EXPECT_EQ(cal.elapsed(local(cal, "2025-09-29 11:00"), local(cal, "2025-09-29 14:00")),
            hours(1) + minutes(30));
  // 24 business hours at 8 per day: Mon 0.5 + 5 = 5.5h; Tue 09-30 8h (13.5); holiday
  // 10-01..10-08; Thu 10-09 8h (21.5); Fri 10-10 09:00 + 2.5h = 11:30.
  EXPECT_EQ(cal.add(local(cal, "2025-09-29 11:30"), hours(24)), local(cal, "2025-10-10 11:30"));
  const auto spans =
      cal.closed_spans(local(cal, "2025-09-29 11:00"), local(cal, "2025-09-29 14:00"));
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].reason, "break between opening hours");
}

TEST(BusinessCalendar, NightShiftAcrossMidnight) {
  // 22:00–06:00 every night; the night starting on 2025-10-01 is a holiday.
  CalendarSpec spec =
      make_spec("Asia/Shanghai", WeeklySchedule::every_day(parse_day_hours({{"22:00", "06:00"}})),
                date(2025, 1, 1), date(2025, 12, 31));
  spec.holidays[date(2025, 10, 1)] = "National Day";
  const BusinessCalendar cal(spec);
  EXPECT_TRUE(cal.is_open(local(cal, "2025-09-29 23:00")));
  EXPECT_TRUE(cal.is_open(local(cal, "2025-09-30 00:00")));
  EXPECT_TRUE(cal.is_open(local(cal, "2025-09-30 05:59:59")));
  EXPECT_FALSE(cal.is_open(local(cal, "2025-09-30 06:00")));
  EXPECT_FALSE(cal.is_open(local(cal, "2025-09-30 21:59:59")));
  EXPECT_TRUE(cal.is_open(local(cal, "2025-09-30 22:00")));
  // Midnight is not a break.
  EXPECT_EQ(cal.add(local(cal, "2025-09-29 23:00"), hours(2)), local(cal, "2025-09-30 01:00"));
  EXPECT_EQ(cal.next_close(local(cal, "2025-09-29 23:00")), local(cal, "2025-09-30 06:00"));
  // 05:00 + 2h: one hour to 06:00, then 22:00 + 1h.
  EXPECT_EQ(cal.add(local(cal, "2025-09-30 05:00"), hours(2)), local(cal, "2025-09-30 23:00"));
  // The shift belongs to the evening it starts on.
  EXPECT_EQ(cal.business_day_of(local(cal, "2025-09-30 02:00")), date(2025, 9, 29));
  // The holiday closes the shift *starting* on 10-01; the one ending that morning still runs.
  EXPECT_TRUE(cal.is_open(local(cal, "2025-10-01 03:00")));
  EXPECT_FALSE(cal.is_open(local(cal, "2025-10-01 23:00")));
  EXPECT_EQ(cal.next_open(local(cal, "2025-10-01 06:00")), local(cal, "2025-10-02 22:00"));
  // From Tue 00:00 to Fri 00:00: 6h (rest of Monday's night) + 8h (Tuesday's night) + 0 (the
  // holiday night) + 2h (Thursday's night until midnight).
  EXPECT_EQ(cal.elapsed(local(cal, "2025-09-30 00:00"), local(cal, "2025-10-03 00:00")), hours(16));
  // End of business day at 02:00 on Tuesday is the end of Monday's shift.
  EXPECT_EQ(cal.add_business_days(local(cal, "2025-09-30 02:00"), 0),
            local(cal, "2025-09-30 06:00"));
  EXPECT_EQ(cal.add_business_days(local(cal, "2025-09-30 02:00"), 1),
            local(cal, "2025-10-01 06:00"));
  EXPECT_EQ(cal.add_business_days(local(cal, "2025-09-30 02:00"), 2),
            local(cal, "2025-10-03 06:00"));
}

TEST(BusinessCalendar, RoundTheClock) {
  const BusinessCalendar cal(
      make_spec("UTC", WeeklySchedule::round_the_clock(), date(2024, 1, 1), date(2024, 12, 31)));
  const ptime t = utc("2024-06-01 10:00");
  // Business time is clock time.
  EXPECT_EQ(cal.add(t, hours(24)), utc("2024-06-02 10:00"));
  EXPECT_EQ(cal.add(t, hours(1000)), t + hours(1000));
  EXPECT_EQ(cal.add(t, hours(-1000)), t - hours(1000));
  EXPECT_EQ(cal.elapsed(t, utc("2024-07-01 12:34:56")), utc("2024-07-01 12:34:56") - t);
  EXPECT_TRUE(cal.is_open(utc("2024-12-31 23:59:59")));
  EXPECT_EQ(cal.next_open(t), t);
  // Closes at each midnight: 06-01, 06-02 and 06-03 close in (06-01 10:00, 06-04 10:00].
  EXPECT_EQ(cal.business_days_between(t, utc("2024-06-04 10:00")), 3);
  // The centre never closes before the range ends, so its next close is not known.
  CHARTER_EXPECT_THROW_MSG(cal.next_close(t), CalendarRangeError,
                           "no closing (the centre stays open past the end of the range) after "
                           "2024-06-01 10:00:00 UTC (2024-06-01 10:00:00 UTC) within calendar "
                           "'test', which covers 2024-01-01..2024-12-31");

  // Also in Asia/Shanghai: 24 business hours are 24 clock hours.
  const BusinessCalendar sh(make_spec("Asia/Shanghai", WeeklySchedule::round_the_clock(),
                                      date(2025, 1, 1), date(2025, 12, 31)));
  EXPECT_EQ(sh.add(local(sh, "2025-09-30 17:00"), hours(24)), local(sh, "2025-10-01 17:00"));
}

TEST(BusinessCalendar, RoundTheClockOnWeekdaysClosesOnSaturday) {
  // Open 00:00–24:00 Monday to Friday: the days touch, so the centre closes only at the
  // weekend. 2025-09-29 is a Monday, 2025-10-04 the following Saturday.
  const BusinessCalendar cal(
      make_spec("UTC", WeeklySchedule::weekdays(parse_day_hours({{"00:00", "24:00"}})),
                date(2025, 1, 1), date(2025, 12, 31)));
  EXPECT_EQ(cal.next_close(utc("2025-09-29 10:00")), utc("2025-10-04 00:00"));
  EXPECT_EQ(cal.add(utc("2025-10-03 23:00"), hours(2)), utc("2025-10-06 01:00"));
  EXPECT_EQ(cal.elapsed(utc("2025-09-29 00:00"), utc("2025-10-06 00:00")), hours(120));
  // Each weekday still counts as one business day closing at midnight.
  EXPECT_EQ(cal.business_days_between(utc("2025-09-29 10:00"), utc("2025-10-06 10:00")), 5);
  EXPECT_EQ(cal.add_business_days(utc("2025-09-29 10:00"), 0), utc("2025-09-30 00:00"));
}

TEST(BusinessCalendarDst, ARangeWithoutAChangeStillConvertsOtherDates) {
  // Berlin in summer time only: inside the range one offset (+2) serves; outside it the zone's
  // rules still apply (winter time, +1).
  const BusinessCalendar cal(make_spec("Europe/Berlin", WeeklySchedule::weekdays(office()),
                                       date(2024, 4, 1), date(2024, 9, 30)));
  EXPECT_EQ(local(cal, "2024-06-03 09:00"), utc("2024-06-03 07:00"));
  EXPECT_EQ(local(cal, "2024-12-02 09:00"), utc("2024-12-02 08:00"));
  EXPECT_EQ(cal.to_local(utc("2024-12-02 08:00")), utc("2024-12-02 09:00"));
  EXPECT_EQ(local(cal, "2024-10-27 02:30", Fold::later), utc("2024-10-27 01:30"));
  CHARTER_EXPECT_THROW_MSG(local(cal, "2025-03-30 02:30"), NonexistentTimeError, "does not exist");
}

TEST(BusinessCalendar, HalfDayBeforeAHoliday) {
  // 2025-09-30 (Tue, the eve of National Day) as a half day 09:00–12:00.
  CalendarSpec spec = china_spec();
  spec.special_hours[date(2025, 9, 30)] = parse_day_hours({{"09:00", "12:00"}});
  const BusinessCalendar cal(spec);
  EXPECT_EQ(cal.hours_on(date(2025, 9, 30)), parse_day_hours({{"09:00", "12:00"}}));
  EXPECT_EQ(cal.describe_day(date(2025, 9, 30)), "special hours");
  EXPECT_FALSE(cal.is_open(local(cal, "2025-09-30 13:00")));
  EXPECT_EQ(cal.next_close(local(cal, "2025-09-30 10:00")), local(cal, "2025-09-30 12:00"));
  // Mon 17:30 + 4h: Mon 1h + the half day's 3h ends exactly at Tue 12:00.
  EXPECT_EQ(cal.add(local(cal, "2025-09-29 17:30"), hours(4)), local(cal, "2025-09-30 12:00"));
  // + 5h: the fifth hour is after the holiday, Thu 10-09 09:00–10:00.
  EXPECT_EQ(cal.add(local(cal, "2025-09-29 17:30"), hours(5)), local(cal, "2025-10-09 10:00"));
  const auto notable =
      cal.notable_days(local(cal, "2025-09-29 17:30"), local(cal, "2025-10-09 10:00"));
  ASSERT_EQ(notable.size(), 1u);
  EXPECT_EQ(notable[0].day, date(2025, 9, 30));
}

TEST(BusinessCalendar, ExtraWorkdayWithoutHoursUsesMondaysHours) {
  // Monday 08:00–12:00, Tuesday to Friday 09:00–17:00, so Monday's hours are recognisable.
  WeeklySchedule week = WeeklySchedule::weekdays(parse_day_hours({{"09:00", "17:00"}}));
  week.days[1] = parse_day_hours({{"08:00", "12:00"}});
  CalendarSpec spec = make_spec("Asia/Shanghai", week, date(2025, 1, 1), date(2025, 12, 31));
  for (date d(2025, 10, 1); d <= date(2025, 10, 8); d += days(1)) spec.holidays[d] = "National Day";
  spec.extra_workdays[date(2025, 10, 11)] = ExtraWorkday{"make-up", std::nullopt};  // Sat
  spec.extra_workdays[date(2025, 9, 28)] =
      ExtraWorkday{"own hours", parse_day_hours({{"10:00", "14:00"}})};  // Sun
  const BusinessCalendar cal(spec);

  EXPECT_EQ(cal.hours_on(date(2025, 10, 11)), parse_day_hours({{"08:00", "12:00"}}));
  EXPECT_TRUE(cal.is_open(local(cal, "2025-10-11 08:30")));
  EXPECT_FALSE(cal.is_open(local(cal, "2025-10-11 12:00")));
  EXPECT_EQ(cal.describe_day(date(2025, 10, 11)), "make-up working day: make-up");
  // Fri 10-10 16:00 + 2h: 1h on Friday, 1h from 08:00 on the make-up Saturday.
  EXPECT_EQ(cal.add(local(cal, "2025-10-10 16:00"), hours(2)), local(cal, "2025-10-11 09:00"));

  EXPECT_EQ(cal.hours_on(date(2025, 9, 28)), parse_day_hours({{"10:00", "14:00"}}));
  EXPECT_FALSE(cal.is_open(local(cal, "2025-09-28 09:30")));
  EXPECT_TRUE(cal.is_open(local(cal, "2025-09-28 10:00")));

  EXPECT_FALSE(cal.is_business_day(date(2025, 10, 18)));  // an ordinary Saturday
  EXPECT_EQ(cal.describe_day(date(2025, 10, 18)), "weekend");
  EXPECT_EQ(cal.describe_day(date(2025, 10, 4)), "holiday: National Day");
  EXPECT_EQ(cal.describe_day(date(2025, 10, 14)), "");  // a regular Tuesday
}

// ---------------------------------------------------------------------------------------------
// Daylight saving time

TEST(BusinessCalendarDst, BerlinSpringForwardGapDoesNotExist) {
  const BusinessCalendar cal(make_spec("Europe/Berlin", WeeklySchedule::round_the_clock(),
                                       date(2024, 1, 1), date(2024, 12, 31)));
  // 2024-03-31: clocks jump from 02:00 CET (UTC+1) to 03:00 CEST (UTC+2).
  CHARTER_EXPECT_THROW_MSG(local(cal, "2024-03-31 02:30"), NonexistentTimeError,
                           "local time 2024-03-31 02:30:00 does not exist in Europe/Berlin");
  CHARTER_EXPECT_THROW_MSG(local(cal, "2024-03-31 02:00"), NonexistentTimeError, "does not exist");
  EXPECT_EQ(local(cal, "2024-03-31 01:59:59"), utc("2024-03-31 00:59:59"));
  EXPECT_EQ(local(cal, "2024-03-31 03:00"), utc("2024-03-31 01:00"));
  // Round the clock, that local day has only 23 business hours.
  EXPECT_EQ(cal.elapsed(local(cal, "2024-03-31 00:00"), local(cal, "2024-04-01 00:00")), hours(23));
  EXPECT_EQ(cal.add(local(cal, "2024-03-31 00:00"), hours(23)), local(cal, "2024-04-01 00:00"));
  EXPECT_EQ(cal.add(local(cal, "2024-03-31 01:30"), hours(1)), local(cal, "2024-03-31 03:30"));
}

TEST(BusinessCalendarDst, BerlinAutumnOverlapMeansTheFirstOccurrence) {
  const BusinessCalendar cal(make_spec("Europe/Berlin", WeeklySchedule::round_the_clock(),
                                       date(2024, 1, 1), date(2024, 12, 31)));
  // 2024-10-27: clocks go back from 03:00 CEST (UTC+2) to 02:00 CET (UTC+1); 02:30 happens twice.
  EXPECT_EQ(local(cal, "2024-10-27 02:30"), utc("2024-10-27 00:30"));
  EXPECT_EQ(local(cal, "2024-10-27 02:30", Fold::later), utc("2024-10-27 01:30"));
  EXPECT_EQ(cal.to_local(utc("2024-10-27 00:30")), utc("2024-10-27 02:30"));
  EXPECT_EQ(cal.to_local(utc("2024-10-27 01:30")), utc("2024-10-27 02:30"));
  // Unambiguous times do not care about fold.
  EXPECT_EQ(local(cal, "2024-10-27 12:00", Fold::later), utc("2024-10-27 11:00"));
  // That local day has 25 hours.
  EXPECT_EQ(cal.elapsed(local(cal, "2024-10-27 00:00"), local(cal, "2024-10-28 00:00")), hours(25));
}

TEST(BusinessCalendarDst, BerlinNightShiftAcrossTheChanges) {
  const BusinessCalendar cal(
      make_spec("Europe/Berlin", WeeklySchedule::every_day(parse_day_hours({{"22:00", "06:00"}})),
                date(2024, 1, 1), date(2024, 12, 31)));
  // Sat 2024-03-30 22:00 CET (21:00 UTC) → Sun 06:00 CEST (04:00 UTC): 7 hours.
  EXPECT_EQ(cal.elapsed(local(cal, "2024-03-30 20:00"), local(cal, "2024-03-31 12:00")), hours(7));
  EXPECT_EQ(cal.next_close(local(cal, "2024-03-30 23:00")), utc("2024-03-31 04:00"));
  EXPECT_EQ(cal.add(local(cal, "2024-03-30 22:00"), hours(7)), local(cal, "2024-03-31 06:00"));
  // Sat 2024-10-26 22:00 CEST (20:00 UTC) → Sun 06:00 CET (05:00 UTC): 9 hours.
  EXPECT_EQ(cal.elapsed(local(cal, "2024-10-26 20:00"), local(cal, "2024-10-27 12:00")), hours(9));
  EXPECT_EQ(cal.add(local(cal, "2024-10-26 22:00"), hours(9)), utc("2024-10-27 05:00"));
  // An ordinary night is 8 hours.
  EXPECT_EQ(cal.elapsed(local(cal, "2024-06-01 20:00"), local(cal, "2024-06-02 12:00")), hours(8));
}

TEST(BusinessCalendarDst, BerlinOfficeHoursAcrossTheWeekendOfTheChange) {
  const BusinessCalendar cal(make_spec("Europe/Berlin", WeeklySchedule::weekdays(office()),
                                       date(2024, 1, 1), date(2024, 12, 31)));
  // Fri 2024-03-29 18:00 CET = 17:00 UTC; + 1 business hour = Mon 04-01 09:30 CEST = 07:30 UTC.
  EXPECT_EQ(local(cal, "2024-03-29 18:00"), utc("2024-03-29 17:00"));
  EXPECT_EQ(cal.add(local(cal, "2024-03-29 18:00"), hours(1)), utc("2024-04-01 07:30"));
  EXPECT_EQ(cal.elapsed(utc("2024-03-29 17:00"), utc("2024-04-01 07:30")), hours(1));
}

TEST(BusinessCalendarDst, AnIntervalInsideTheGapDoesNotExistThatDay) {
  // Open only on Sundays 02:00–03:00: on 2024-03-31 that hour is skipped in Berlin.
  WeeklySchedule week;
  week.days[0] = parse_day_hours({{"02:00", "03:00"}});
  const BusinessCalendar cal(
      make_spec("Europe/Berlin", week, date(2024, 1, 1), date(2024, 12, 31)));
  EXPECT_FALSE(cal.is_business_day(date(2024, 3, 31)));
  EXPECT_TRUE(cal.is_business_day(date(2024, 3, 24)));
  EXPECT_TRUE(cal.is_business_day(date(2024, 4, 7)));
  // Sun 03-24 02:00 CET (01:00 UTC) + 1h = 03:00 CET; the next hour is Sun 04-07 02:00 CEST.
  EXPECT_EQ(cal.add(utc("2024-03-24 01:00"), hours(2)), utc("2024-04-07 01:00"));
  // In the autumn the interval starts at the first 02:00 (00:00 UTC) and ends at 03:00 CET
  // (02:00 UTC): two hours of business time.
  EXPECT_EQ(cal.elapsed(utc("2024-10-26 12:00"), utc("2024-10-27 12:00")), hours(2));
}

TEST(BusinessCalendarDst, NewYork) {
  const BusinessCalendar cal(make_spec("America/New_York", WeeklySchedule::round_the_clock(),
                                       date(2024, 1, 1), date(2024, 12, 31)));
  // 2024-03-10 02:00 EST → 03:00 EDT; 2024-11-03 02:00 EDT → 01:00 EST.
  CHARTER_EXPECT_THROW_MSG(local(cal, "2024-03-10 02:30"), NonexistentTimeError,
                           "does not exist in America/New_York");
  EXPECT_EQ(cal.elapsed(local(cal, "2024-03-10 00:00"), local(cal, "2024-03-11 00:00")), hours(23));
  EXPECT_EQ(local(cal, "2024-11-03 01:30"), utc("2024-11-03 05:30"));
  EXPECT_EQ(local(cal, "2024-11-03 01:30", Fold::later), utc("2024-11-03 06:30"));
  EXPECT_EQ(cal.elapsed(local(cal, "2024-11-03 00:00"), local(cal, "2024-11-04 00:00")), hours(25));

  const BusinessCalendar office_ny(
      make_spec("America/New_York", WeeklySchedule::weekdays(parse_day_hours({{"09:00", "17:00"}})),
                date(2024, 1, 1), date(2024, 12, 31)));
  // Fri 2024-03-08 16:00 EST (21:00 UTC) + 2 business hours = Mon 03-11 10:00 EDT (14:00 UTC).
  EXPECT_EQ(local(office_ny, "2024-03-08 16:00"), utc("2024-03-08 21:00"));
  EXPECT_EQ(office_ny.add(utc("2024-03-08 21:00"), hours(2)), utc("2024-03-11 14:00"));
}

// ---------------------------------------------------------------------------------------------
// Values: immutable, comparable

TEST(BusinessCalendar, ChangingASpecMakesANewCalendar) {
  CalendarSpec spec =
      make_spec("UTC", WeeklySchedule::weekdays(office()), date(2025, 1, 1), date(2025, 12, 31));
  const BusinessCalendar before(spec);
  const BusinessCalendar copy = before;
  spec.holidays[date(2025, 9, 29)] = "closed";
  const BusinessCalendar after(spec);
  EXPECT_EQ(copy, before);
  EXPECT_NE(after, before);
  EXPECT_TRUE(before.is_business_day(date(2025, 9, 29)));  // untouched by the later change
  EXPECT_FALSE(after.is_business_day(date(2025, 9, 29)));
  EXPECT_EQ(BusinessCalendar(before.spec()), before);  // equal specs, separate indexes
}

TEST(BusinessCalendar, SharedBetweenThreads) {
  // Immutable and safe to share: four threads build (the first call to china_calendar()
  // happens inside them) and query the same calendar; every answer equals the serial one.
  std::vector<ptime> starts;  // every 487 minutes from 2024-01-01 (about 677 days in all)
  for (int i = 0; i < 2000; ++i) starts.push_back(utc("2024-01-01 00:00") + minutes(487 * i));
  std::vector<std::vector<ptime>> results(4);
  std::vector<std::thread> threads;
  for (auto& out : results) {
    threads.emplace_back([&starts, &out] {
      const BusinessCalendar cn = china_calendar();
      for (const ptime& t : starts) out.push_back(cn.add(t, hours(24)));
    });
  }
  for (auto& th : threads) th.join();
  const BusinessCalendar cn = china_calendar();
  for (size_t i = 0; i < starts.size(); ++i) {
    const ptime expected = cn.add(starts[i], hours(24));
    EXPECT_EQ(cn.elapsed(starts[i], expected), hours(24));
    for (const auto& out : results) ASSERT_EQ(out[i], expected) << i;
  }
}

// ---------------------------------------------------------------------------------------------
// Bad input: each refused with its own error and a message that says what

TEST(BusinessCalendarSpec, UnknownZone) {
  CalendarSpec spec = make_spec("Mars/Olympus", WeeklySchedule::weekdays(office()),
                                date(2025, 1, 1), date(2025, 12, 31));
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar{spec}, CalendarError,
                           "unknown time zone 'Mars/Olympus'");
  for (const char* bad : {"", "../../etc/passwd", "/etc/localtime", "Asia/Shanghai "}) {
    spec.zone = bad;
    CHARTER_EXPECT_THROW_MSG(BusinessCalendar{spec}, CalendarError, "unknown time zone");
  }
}

TEST(BusinessCalendarSpec, OverlappingIntervals) {
  WeeklySchedule week;
  week.days[1] = {{9 * 3600, 12 * 3600}, {11 * 3600, 13 * 3600}};
  CHARTER_EXPECT_THROW_MSG(
      BusinessCalendar(make_spec("UTC", week, date(2025, 1, 1), date(2025, 12, 31))), CalendarError,
      "monday: interval 09:00–12:00 overlaps 11:00–13:00");
  // Monday's night shift runs to 06:00 Tuesday, after Tuesday opens at 05:00.
  WeeklySchedule night;
  night.days[1] = parse_day_hours({{"22:00", "06:00"}});
  night.days[2] = parse_day_hours({{"05:00", "10:00"}});
  CHARTER_EXPECT_THROW_MSG(
      BusinessCalendar(make_spec("UTC", night, date(2025, 1, 1), date(2025, 12, 31))),
      CalendarError, "monday interval 22:00–+1d 06:00 overlaps tuesday 05:00–10:00");
  // The same overlap created by a date's special hours is found when the index is built.
  WeeklySchedule mondays;
  mondays.days[1] = parse_day_hours({{"22:00", "06:00"}});
  CalendarSpec spec = make_spec("UTC", mondays, date(2025, 1, 1), date(2025, 12, 31));
  spec.special_hours[date(2025, 9, 30)] = parse_day_hours({{"05:00", "10:00"}});  // a Tuesday
  CHARTER_EXPECT_THROW_MSG(
      BusinessCalendar{spec}, CalendarError,
      "on 2025-09-30 the interval 05:00–10:00 overlaps the previous day's hours");
}

TEST(BusinessCalendarSpec, EmptyInterval) {
  WeeklySchedule week;
  week.days[3] = {{9 * 3600, 9 * 3600}};
  CHARTER_EXPECT_THROW_MSG(
      BusinessCalendar(make_spec("UTC", week, date(2025, 1, 1), date(2025, 12, 31))), CalendarError,
      "wednesday: interval 09:00–09:00 is empty");
}

TEST(BusinessCalendarSpec, DateListedTwice) {
  CalendarSpec spec = make_spec("Asia/Shanghai", WeeklySchedule::weekdays(office()),
                                date(2025, 1, 1), date(2025, 12, 31));
  spec.holidays[date(2025, 9, 28)] = "National Day";
  spec.extra_workdays[date(2025, 9, 28)] = ExtraWorkday{"make-up", std::nullopt};
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar{spec}, CalendarError,
                           "2025-09-28 is both a holiday ('National Day') and an extra working "
                           "day ('make-up')");

  spec.extra_workdays.clear();
  spec.special_hours[date(2025, 9, 28)] = office();
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar{spec}, CalendarError,
                           "2025-09-28 has special hours but is also a holiday");

  spec.holidays.clear();
  spec.extra_workdays[date(2025, 9, 28)] = ExtraWorkday{"make-up", std::nullopt};
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar{spec}, CalendarError,
                           "has special hours but is also an extra working day");
}

TEST(BusinessCalendarSpec, EmptyHoursForADate) {
  CalendarSpec spec =
      make_spec("UTC", WeeklySchedule::weekdays(office()), date(2025, 1, 1), date(2025, 12, 31));
  spec.extra_workdays[date(2025, 9, 27)] = ExtraWorkday{"make-up", DayHours{}};
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar{spec}, CalendarError,
                           "extra working day 2025-09-27 has an empty list of hours");
  spec.extra_workdays.clear();
  spec.special_hours[date(2025, 9, 30)] = DayHours{};
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar{spec}, CalendarError,
                           "special hours for 2025-09-30 are empty");
}

TEST(BusinessCalendarSpec, NoOpenTimeAtAll) {
  // Adding business time to a calendar that is never open would never end.
  CHARTER_EXPECT_THROW_MSG(
      BusinessCalendar(make_spec("UTC", WeeklySchedule{}, date(2025, 1, 1), date(2025, 12, 31))),
      CalendarError, "has no open time between 2025-01-01 and 2025-12-31");
  // Open on weekdays, but the range is one weekend: Sat 2025-09-27 .. Sun 2025-09-28.
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar(make_spec("UTC", WeeklySchedule::weekdays(office()),
                                                      date(2025, 9, 27), date(2025, 9, 28))),
                           CalendarError, "has no open time");
  // Every working day of the range is a holiday.
  CalendarSpec spec =
      make_spec("UTC", WeeklySchedule::weekdays(office()), date(2025, 10, 1), date(2025, 10, 8));
  for (date d(2025, 10, 1); d <= date(2025, 10, 8); d += days(1)) spec.holidays[d] = "National Day";
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar{spec}, CalendarError, "has no open time");
}

TEST(BusinessCalendarSpec, BadRange) {
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar(make_spec("UTC", WeeklySchedule::weekdays(office()),
                                                      date(2025, 12, 31), date(2025, 1, 1))),
                           CalendarError, "last_day 2025-01-01 is before first_day 2025-12-31");
  CHARTER_EXPECT_THROW_MSG(BusinessCalendar(make_spec("UTC", WeeklySchedule::weekdays(office()),
                                                      date(1600, 1, 1), date(2100, 12, 31))),
                           CalendarError, "is longer than 146100 days");
  CHARTER_EXPECT_THROW_MSG(
      BusinessCalendar(make_spec("UTC", WeeklySchedule::weekdays(office()),
                                 date(boost::date_time::not_a_date_time), date(2025, 1, 1))),
      CalendarError, "first_day and last_day must be real dates");
}

TEST(BusinessCalendar, QuestionsOutsideTheRange) {
  const BusinessCalendar cal(
      make_spec("UTC", WeeklySchedule::weekdays(office()), date(2025, 1, 1), date(2025, 12, 31)));
  CHARTER_EXPECT_THROW_MSG(cal.is_open(utc("2024-12-31 12:00")), CalendarRangeError,
                           "which covers 2025-01-01..2025-12-31");
  CHARTER_EXPECT_THROW_MSG(cal.is_business_day(date(2026, 1, 1)), CalendarRangeError,
                           "date 2026-01-01 is outside calendar 'test'");
  // Wed 2025-12-31 17:30 + 2h would need Friday 2026-01-02.
  CHARTER_EXPECT_THROW_MSG(cal.add(utc("2025-12-31 17:30"), hours(2)), CalendarRangeError,
                           "leaves calendar 'test'");
  CHARTER_EXPECT_THROW_MSG(cal.add(utc("2025-01-01 10:00"), hours(-2)), CalendarRangeError,
                           "leaves calendar 'test'");
  // Wed 2025-12-31 after closing: in range, but no opening follows before the range ends.
  CHARTER_EXPECT_THROW_MSG(cal.next_open(utc("2025-12-31 19:00")), CalendarRangeError,
                           "no opening after 2025-12-31 19:00:00 UTC (2025-12-31 19:00:00 UTC) "
                           "within calendar 'test', which covers 2025-01-01..2025-12-31");
  CHARTER_EXPECT_THROW_MSG(cal.next_close(utc("2025-12-31 19:00")), CalendarRangeError,
                           "no closing after");
  CHARTER_EXPECT_THROW_MSG(cal.business_day_of(utc("2025-12-31 19:00")), CalendarRangeError,
                           "no open time after");
  EXPECT_EQ(cal.next_close(utc("2025-12-31 10:00")), utc("2025-12-31 18:30"));
  CHARTER_EXPECT_THROW_MSG(cal.add_business_days(utc("2025-12-31 10:00"), 1), CalendarRangeError,
                           "adding 1 business days");
  // Overflowing durations are refused rather than wrapped.
  CHARTER_EXPECT_THROW_MSG(
      cal.add(utc("2025-06-02 10:00"), microseconds(std::numeric_limits<std::int64_t>::max() - 10)),
      InvalidTimeError, "overflows");
}

TEST(BusinessCalendar, SpecialInstantsAreRefused) {
  const BusinessCalendar cn = china_calendar();
  const ptime t = local(cn, "2025-09-29 10:00");
  const std::pair<ptime, const char*> specials[] = {
      {ptime(boost::date_time::not_a_date_time), "not-a-date-time"},
      {ptime(boost::date_time::pos_infin), "+infinity"},
      {ptime(boost::date_time::neg_infin), "-infinity"},
  };
  for (const auto& [x, name] : specials) {
    SCOPED_TRACE(name);
    CHARTER_EXPECT_THROW_MSG(cn.add(x, hours(1)), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.elapsed(x, t), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.elapsed(t, x), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.is_open(x), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.next_open(x), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.next_close(x), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.business_day_of(x), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.add_business_days(x, 1), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.business_days_between(x, t), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.closed_spans(t, x), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.to_local(x), InvalidTimeError, name);
    CHARTER_EXPECT_THROW_MSG(cn.from_local(x), InvalidTimeError, name);
  }
  CHARTER_EXPECT_THROW_MSG(cn.add(t, time_duration(boost::date_time::not_a_date_time)),
                           InvalidTimeError, "special duration (not-a-date-time)");
  CHARTER_EXPECT_THROW_MSG(cn.add(t, time_duration(boost::date_time::pos_infin)), InvalidTimeError,
                           "special duration (infinite)");
  CHARTER_EXPECT_THROW_MSG(cn.is_business_day(date(boost::date_time::not_a_date_time)),
                           InvalidTimeError, "not a real date");
}

// ---------------------------------------------------------------------------------------------
// Property tests against a naive day-walking reference

// Walks local dates one at a time over cal.hours_on(date); converts interval boundaries with
// the given local → UTC function. Deliberately simple and slow: no index, no bucket tables.
class DayWalkingReference {
 public:
  using ToUtc = std::function<ptime(const ptime&)>;
  using LocalDate = std::function<date(const ptime&)>;

  DayWalkingReference(const BusinessCalendar& cal, ToUtc to_utc, LocalDate local_date)
      : cal_(cal), to_utc_(std::move(to_utc)), local_date_(std::move(local_date)) {}

  // UTC spans of the intervals owned by local date d (an interval may end on the next date:
  // ptime(d, 30h) is 06:00 on the day after d).
  std::vector<std::pair<ptime, ptime>> spans(const date& d) const {
    std::vector<std::pair<ptime, ptime>> out;
    if (d < cal_.first_day() || d > cal_.last_day()) return out;
    for (const OpenInterval& iv : cal_.hours_on(d)) {
      out.emplace_back(to_utc_(ptime(d, seconds(iv.start))), to_utc_(ptime(d, seconds(iv.end))));
    }
    return out;
  }

  // Earliest instant at which d > 0 of business time has elapsed since t.
  ptime add(const ptime& t, time_duration d) const {
    for (date day = local_date_(t) - days(1);; day += days(1)) {
      if (day > cal_.last_day()) return ptime(boost::date_time::not_a_date_time);  // ran out
      for (const auto& [s, e] : spans(day)) {
        if (e <= t) continue;
        const ptime from = std::max(s, t);
        if (d <= e - from) return from + d;
        d -= e - from;
      }
    }
  }

  // Latest instant u with d > 0 of business time between u and t.
  ptime add_back(const ptime& t, time_duration d) const {
    for (date day = local_date_(t) + days(1);; day -= days(1)) {
      if (day < cal_.first_day()) return ptime(boost::date_time::not_a_date_time);  // ran out
      auto sp = spans(day);
      for (auto it = sp.rbegin(); it != sp.rend(); ++it) {
        const auto& [s, e] = *it;
        if (s >= t) continue;
        const ptime to = std::min(e, t);
        if (d <= to - s) return to - d;
        d -= to - s;
      }
    }
  }

  time_duration elapsed(const ptime& a, const ptime& b) const {
    if (b < a) return -elapsed(b, a);
    time_duration sum = hours(0);
    for (date day = local_date_(a) - days(1); day <= local_date_(b); day += days(1)) {
      for (const auto& [s, e] : spans(day)) {
        const ptime from = std::max(s, a), to = std::min(e, b);
        if (from < to) sum += to - from;
      }
    }
    return sum;
  }

  bool is_open(const ptime& t) const {
    for (date day = local_date_(t) - days(1); day <= local_date_(t); day += days(1)) {
      for (const auto& [s, e] : spans(day)) {
        if (s <= t && t < e) return true;
      }
    }
    return false;
  }

 private:
  const BusinessCalendar& cal_;
  ToUtc to_utc_;
  LocalDate local_date_;
};

struct Sampler {
  std::mt19937_64 rng;
  ptime from, to;         // instants are drawn from [from, to)
  std::int64_t max_secs;  // durations from 1 s to max_secs of business time

  ptime instant(const DayWalkingReference& ref,
                const std::function<date(const ptime&)>& local_date) {
    const std::int64_t span = (to - from).total_seconds();
    ptime t =
        from +
        seconds(static_cast<long>(std::uniform_int_distribution<std::int64_t>(0, span - 1)(rng)));
    // A quarter of the draws sit exactly on an opening or a closing.
    if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) {
      const auto sp = ref.spans(local_date(t));
      if (!sp.empty()) {
        const auto& [s, e] = sp[std::uniform_int_distribution<size_t>(0, sp.size() - 1)(rng)];
        t = std::uniform_int_distribution<int>(0, 1)(rng) ? s : e;
      }
    }
    return t;
  }

  time_duration duration() {
    // Log-uniform from 1 s to max_secs; a quarter are whole half-hours, so results land on
    // openings and closings too.
    const double x = std::uniform_real_distribution<double>(0.0, std::log(double(max_secs)))(rng);
    std::int64_t s = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::exp(x)));
    if (std::uniform_int_distribution<int>(0, 3)(rng) == 0)
      s = std::max<std::int64_t>(1800, s / 1800 * 1800);
    return seconds(static_cast<long>(s));
  }
};

void run_property(const BusinessCalendar& cal, const DayWalkingReference& ref,
                  const std::function<date(const ptime&)>& local_date, Sampler sampler, int n_pairs,
                  int n_reference) {
  int failures = 0;
  for (int i = 0; i < n_pairs && failures < 10; ++i) {
    const ptime t = sampler.instant(ref, local_date);
    const time_duration d = sampler.duration();
    const ptime due = cal.add(t, d);
    const bool ok = cal.elapsed(t, due) == d && due > t && cal.add(due, -d) == cal.next_open(t);
    bool ref_ok = true;
    if (i < n_reference) {
      // A second instant within about 200 days of t, on either side, for elapsed.
      ptime u = t + seconds(static_cast<long>(std::uniform_int_distribution<std::int64_t>(
                        -200 * 86400, 200 * 86400)(sampler.rng)));
      u = std::min(std::max(u, sampler.from), sampler.to);
      ref_ok = ref.add(t, d) == due && ref.add_back(due, d) == cal.add(due, -d) &&
               ref.elapsed(t, u) == cal.elapsed(t, u) && ref.elapsed(u, t) == cal.elapsed(u, t) &&
               ref.is_open(t) == cal.is_open(t);
      EXPECT_TRUE(ref_ok) << "t = " << test::show_local(cal, t) << " local, d = " << d
                          << ", u = " << test::show_local(cal, u) << " local\n  add: library "
                          << test::show_local(cal, due) << ", reference "
                          << test::show_local(cal, ref.add(t, d)) << "\n  elapsed(t, u): library "
                          << cal.elapsed(t, u) << ", reference " << ref.elapsed(t, u)
                          << "\n  add(due, -d): library " << test::show_local(cal, cal.add(due, -d))
                          << ", reference " << test::show_local(cal, ref.add_back(due, d));
    }
    EXPECT_TRUE(ok) << "t = " << test::show_local(cal, t) << " local, d = " << d
                    << ", add = " << test::show_local(cal, due)
                    << ", elapsed back = " << cal.elapsed(t, due);
    if (!ok || !ref_ok) ++failures;
  }
}

TEST(BusinessCalendarProperty, ChinaAddAndElapsedAgreeWithADayWalkingReference) {
  const BusinessCalendar cn = china_calendar();
  // Asia/Shanghai has had no daylight saving since 1991: local = UTC + 8h, fixed.
  const auto to_utc = [](const ptime& wall) { return wall - hours(8); };
  const auto local_date = [](const ptime& t) { return (t + hours(8)).date(); };
  const DayWalkingReference ref(cn, to_utc, local_date);
  // Instants 2024-01-01 .. 2026-06-01 local, durations up to 1200 business hours (~126 working
  // days, about six months): every sum stays inside the table, which ends 2026-12-31.
  Sampler sampler{std::mt19937_64(20251001), to_utc(ptime(date(2024, 1, 1))),
                  to_utc(ptime(date(2026, 6, 1))), 1200LL * 3600};
  run_property(cn, ref, local_date, sampler, 100000, 3000);
}

TEST(BusinessCalendarProperty, BerlinWithLunchBreakAndNightShiftsAcrossDst) {
  // Mon, Tue, Wed, Fri 09:00–12:00 + 13:30–18:30; Thu also 20:00–02:00; Sat 10:00–14:00 and
  // a night shift 22:00–06:00 that crosses both changes of the clocks (last Sunday of March
  // and of October, at 02:00/03:00 local — never an interval boundary here).
  const DayHours day = lunch_break();
  WeeklySchedule week = WeeklySchedule::weekdays(day);
  week.days[4] = parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}, {"20:00", "02:00"}});
  week.days[6] = parse_day_hours({{"10:00", "14:00"}, {"22:00", "06:00"}});
  CalendarSpec spec = make_spec("Europe/Berlin", week, date(2024, 1, 1), date(2025, 12, 31));
  spec.holidays[date(2024, 3, 29)] = "Good Friday";
  spec.holidays[date(2024, 12, 25)] = "Christmas";
  spec.holidays[date(2024, 12, 26)] = "Boxing Day";
  spec.holidays[date(2025, 1, 1)] = "New Year";
  spec.holidays[date(2025, 5, 1)] = "Labour Day";
  spec.extra_workdays[date(2024, 12, 22)] = ExtraWorkday{"Sunday before Christmas", std::nullopt};
  spec.extra_workdays[date(2025, 6, 1)] =
      ExtraWorkday{"open Sunday", parse_day_hours({{"12:00", "16:00"}})};
  spec.special_hours[date(2024, 12, 24)] = parse_day_hours({{"09:00", "12:00"}});
  spec.special_hours[date(2024, 12, 31)] = parse_day_hours({{"09:00", "12:00"}});
  const BusinessCalendar cal(spec);

  const auto to_utc = [&cal](const ptime& wall) { return cal.from_local(wall); };
  const auto local_date = [&cal](const ptime& t) { return cal.to_local(t).date(); };
  const DayWalkingReference ref(cal, to_utc, local_date);
  // About 58 business hours a week: 1000 hours is ~17 weeks, so instants up to 2025-07-01
  // stay inside the range.
  Sampler sampler{std::mt19937_64(20240331), to_utc(ptime(date(2024, 1, 1))),
                  to_utc(ptime(date(2025, 7, 1))), 1000LL * 3600};
  run_property(cal, ref, local_date, sampler, 100000, 3000);
}

}  // namespace
}  // namespace charter::calendar
