// The built-in China calendar against the State Council's notices for 2024–2026.
//
// The table below is transcribed from shared/notes/business-calendars.md §4 (NateScarlet/
// holiday-cn, cross-checked with LKI/chinese-calendar and vacanza/holidays), independently of
// data/calendars/china.yaml, so a typo in the data file is caught here.

#include "charter/calendar/china.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::calendar {
namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using test::local;

struct OffRange {
  date first, last;
};

// Days off (放假), inclusive ranges.
const std::vector<OffRange>& days_off() {
  static const std::vector<OffRange> v = {
      // 2024
      {date(2024, 1, 1), date(2024, 1, 1)},    // New Year
      {date(2024, 2, 10), date(2024, 2, 17)},  // Spring Festival
      {date(2024, 4, 4), date(2024, 4, 6)},    // Qingming
      {date(2024, 5, 1), date(2024, 5, 5)},    // Labour Day
      {date(2024, 6, 10), date(2024, 6, 10)},  // Dragon Boat
      {date(2024, 9, 15), date(2024, 9, 17)},  // Mid-Autumn
      {date(2024, 10, 1), date(2024, 10, 7)},  // National Day
      // 2025
      {date(2025, 1, 1), date(2025, 1, 1)},
      {date(2025, 1, 28), date(2025, 2, 4)},
      {date(2025, 4, 4), date(2025, 4, 6)},
      {date(2025, 5, 1), date(2025, 5, 5)},
      {date(2025, 5, 31), date(2025, 6, 2)},
      {date(2025, 10, 1), date(2025, 10, 8)},  // National Day + Mid-Autumn
      // 2026
      {date(2026, 1, 1), date(2026, 1, 3)},
      {date(2026, 2, 15), date(2026, 2, 23)},
      {date(2026, 4, 4), date(2026, 4, 6)},
      {date(2026, 5, 1), date(2026, 5, 5)},
      {date(2026, 6, 19), date(2026, 6, 21)},
      {date(2026, 9, 25), date(2026, 9, 27)},
      {date(2026, 10, 1), date(2026, 10, 7)},
  };
  return v;
}

// Make-up working days (调休上班), all Saturdays or Sundays.
const std::set<date>& makeup_days() {
  static const std::set<date> v = {
      // 2024
      date(2024, 2, 4),
      date(2024, 2, 18),
      date(2024, 4, 7),
      date(2024, 4, 28),
      date(2024, 5, 11),
      date(2024, 9, 14),
      date(2024, 9, 29),
      date(2024, 10, 12),
      // 2025
      date(2025, 1, 26),
      date(2025, 2, 8),
      date(2025, 4, 27),
      date(2025, 9, 28),
      date(2025, 10, 11),
      // 2026
      date(2026, 1, 4),
      date(2026, 2, 14),
      date(2026, 2, 28),
      date(2026, 5, 9),
      date(2026, 9, 20),
      date(2026, 10, 10),
  };
  return v;
}

bool is_off(const date& d) {
  for (const OffRange& r : days_off()) {
    if (r.first <= d && d <= r.last) return true;
  }
  return false;
}

bool is_weekend(const date& d) {
  const int w = d.day_of_week().as_number();
  return w == 0 || w == 6;
}

TEST(ChinaCalendar, TranscribedFactsAreConsistent) {
  // Every make-up day is a weekend day and no make-up day is a day off.
  for (const date& d : makeup_days()) {
    EXPECT_TRUE(is_weekend(d)) << d;
    EXPECT_FALSE(is_off(d)) << d;
  }
}

TEST(ChinaCalendar, EveryDateOf2024To2026MatchesTheNotices) {
  const BusinessCalendar cn = china_calendar();
  for (date d(2024, 1, 1); d <= date(2026, 12, 31); d += days(1)) {
    const bool expected = makeup_days().count(d) ? true : !is_off(d) && !is_weekend(d);
    ASSERT_EQ(cn.is_business_day(d), expected) << d << " (" << cn.describe_day(d) << ")";
    if (expected) {
      EXPECT_EQ(cn.hours_on(d), default_china_hours()) << d;
    } else {
      EXPECT_TRUE(cn.hours_on(d).empty()) << d;
    }
  }
}

int working_days_in(const BusinessCalendar& cal, int year) {
  int n = 0;
  for (date d(year, 1, 1); d <= date(year, 12, 31); d += days(1)) n += cal.is_business_day(d);
  return n;
}

TEST(ChinaCalendar, WorkingDaysPerYear) {
  // 2024: 262 weekdays − 19 weekday days off + 8 make-up days = 251.
  // 2025: 261 − 18 + 5 = 248.   2026: 261 − 19 + 6 = 248.
  const BusinessCalendar cn = china_calendar();
  EXPECT_EQ(working_days_in(cn, 2024), 251);
  EXPECT_EQ(working_days_in(cn, 2025), 248);
  EXPECT_EQ(working_days_in(cn, 2026), 248);
}

TEST(ChinaCalendar, NewYearsEve2024WasAWorkingDay) {
  // 2024-02-09 (除夕, Fri) was a normal working day (exchanges closed, offices open);
  // the Spring Festival break began on Sat 02-10; Sun 02-04 and Sun 02-18 were make-up days.
  const BusinessCalendar cn = china_calendar();
  EXPECT_TRUE(cn.is_business_day(date(2024, 2, 9)));
  EXPECT_EQ(cn.describe_day(date(2024, 2, 9)), "");
  EXPECT_TRUE(cn.is_open(local(cn, "2024-02-09 10:00")));
  EXPECT_FALSE(cn.is_business_day(date(2024, 2, 10)));
  EXPECT_EQ(cn.describe_day(date(2024, 2, 12)), "holiday: Spring Festival (春节)");
  EXPECT_TRUE(cn.is_business_day(date(2024, 2, 4)));
  EXPECT_TRUE(cn.is_business_day(date(2024, 2, 18)));
  // Fri 02-09 17:30 + 2 business hours: 1h on Friday, then the break 02-10..02-17, then
  // Sun 02-18 (make-up) 09:00 + 1h.
  EXPECT_EQ(cn.add(local(cn, "2024-02-09 17:30"), boost::posix_time::hours(2)),
            local(cn, "2024-02-18 10:00"));
}

TEST(ChinaCalendar, AskingAbout2027SaysTheTableEndsIn2026) {
  const BusinessCalendar cn = china_calendar();
  EXPECT_EQ(cn.first_day(), date(2024, 1, 1));
  EXPECT_EQ(cn.last_day(), date(2026, 12, 31));
  CHARTER_EXPECT_THROW_MSG(cn.is_business_day(date(2027, 1, 4)), CalendarRangeError,
                           "date 2027-01-04 is outside calendar 'China (mainland)' which covers "
                           "2024-01-01..2026-12-31; the China holiday table ends on 2026-12-31");
  CHARTER_EXPECT_THROW_MSG(cn.hours_on(date(2027, 1, 4)), CalendarRangeError, "2026-12-31");
  CHARTER_EXPECT_THROW_MSG(cn.is_open(local(cn, "2027-01-04 10:00")), CalendarRangeError,
                           "the China holiday table ends on 2026-12-31");
  CHARTER_EXPECT_THROW_MSG(cn.add(local(cn, "2026-12-31 18:00"), boost::posix_time::hours(1)),
                           CalendarRangeError, "2026-12-31");
  CHARTER_EXPECT_THROW_MSG(cn.is_business_day(date(2023, 12, 29)), CalendarRangeError,
                           "2024-01-01..2026-12-31");
  // The last day itself is known: Thu 2026-12-31 is a working day.
  EXPECT_TRUE(cn.is_business_day(date(2026, 12, 31)));
  EXPECT_TRUE(cn.is_open(local(cn, "2026-12-31 18:29:59")));
}

TEST(ChinaCalendar, FestivalTable) {
  const auto& festivals = china_festivals();
  ASSERT_EQ(festivals.size(), 20u);  // 7 in 2024, 6 in 2025, 7 in 2026
  const ChinaFestival& nd = festivals[12];
  EXPECT_EQ(nd.year, 2025);
  EXPECT_EQ(nd.label, "国庆节、中秋节");
  EXPECT_EQ(nd.first_off, date(2025, 10, 1));
  EXPECT_EQ(nd.last_off, date(2025, 10, 8));
  EXPECT_EQ(nd.makeup, (std::vector<date>{date(2025, 9, 28), date(2025, 10, 11)}));
  // Each festival's rows agree with the transcription above.
  for (size_t i = 0; i < festivals.size(); ++i) {
    EXPECT_EQ(festivals[i].first_off, days_off()[i].first) << festivals[i].name;
    EXPECT_EQ(festivals[i].last_off, days_off()[i].last) << festivals[i].name;
    for (const date& d : festivals[i].makeup) EXPECT_EQ(makeup_days().count(d), 1u) << d;
  }
}

TEST(ChinaCalendar, OtherHoursAndZones) {
  // Same table, a lunch break and another zone.
  const DayHours lunch = parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}});
  const BusinessCalendar cal = china_calendar(lunch, "Asia/Hong_Kong");
  EXPECT_EQ(cal.zone(), "Asia/Hong_Kong");
  EXPECT_EQ(cal.hours_on(date(2025, 9, 28)), lunch);  // the make-up Sunday has the same hours
  EXPECT_FALSE(cal.is_business_day(date(2025, 10, 1)));
  EXPECT_EQ(china_spec().week, WeeklySchedule::weekdays(default_china_hours()));
  EXPECT_EQ(default_china_hours(), parse_day_hours({{"09:00", "18:30"}}));
  // The default calendar is built once and shared; a rebuilt one is equal.
  EXPECT_EQ(china_calendar(), china_calendar());
  EXPECT_EQ(&china_calendar().index(), &china_calendar().index());
  EXPECT_EQ(BusinessCalendar(china_spec()), china_calendar());
  CHARTER_EXPECT_THROW_MSG(china_calendar(default_china_hours(), "Mars/Olympus"), CalendarError,
                           "unknown time zone 'Mars/Olympus'");
}

}  // namespace
}  // namespace charter::calendar
