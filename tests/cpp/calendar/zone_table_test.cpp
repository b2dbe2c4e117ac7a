// The calendar's zone table (detail/calendar_index.hpp) converts wall times inside its range
// without asking the zone database; outside the range it asks cctz. Both paths must agree
// everywhere, including gaps, overlaps, half-hour DST (Lord Howe) and southern-hemisphere rules.

#include <gtest/gtest.h>

#include "charter/calendar/business_calendar.hpp"
#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::calendar {
namespace {

using boost::gregorian::date;
using boost::posix_time::minutes;
using boost::posix_time::ptime;

BusinessCalendar round_the_clock(const std::string& zone, date first, date last) {
  CalendarSpec spec;
  spec.zone = zone;
  spec.week = WeeklySchedule::round_the_clock();
  spec.first_day = first;
  spec.last_day = last;
  return BusinessCalendar(spec);
}

// What from_local says for a wall time: the instant, or "gap" for NonexistentTimeError.
std::string meaning(const BusinessCalendar& cal, const ptime& wall, Fold fold) {
  try {
    return boost::posix_time::to_simple_string(cal.from_local(wall, fold));
  } catch (const NonexistentTimeError&) {
    return "gap";
  }
}

class ZoneTable : public ::testing::TestWithParam<const char*> {};

TEST_P(ZoneTable, AgreesWithTheZoneDatabaseEveryQuarterHourOf2024And2025) {
  // `inside` covers 2024–2025, so its table answers; `outside` covers 2030 only, so for
  // 2024–2025 it asks cctz.
  const BusinessCalendar inside = round_the_clock(GetParam(), date(2024, 1, 1), date(2025, 12, 31));
  const BusinessCalendar outside = round_the_clock(GetParam(), date(2030, 1, 1), date(2030, 12, 31));
  int gaps = 0, overlaps = 0;
  for (ptime wall(date(2024, 1, 2)); wall < ptime(date(2025, 12, 30)); wall += minutes(15)) {
    const std::string early = meaning(inside, wall, Fold::earlier);
    const std::string late = meaning(inside, wall, Fold::later);
    ASSERT_EQ(early, meaning(outside, wall, Fold::earlier)) << wall;
    ASSERT_EQ(late, meaning(outside, wall, Fold::later)) << wall;
    gaps += early == "gap";
    overlaps += early != late;
    // The same instant read back as a wall time, both ways.
    const ptime utc = wall;  // any instant will do
    ASSERT_EQ(inside.to_local(utc), outside.to_local(utc)) << utc;
  }
  // Every zone here but Kolkata changes its clocks twice a year.
  if (std::string(GetParam()) == "Asia/Kolkata") {
    EXPECT_EQ(gaps + overlaps, 0);
  } else {
    EXPECT_GT(gaps, 0);
    EXPECT_GT(overlaps, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Zones, ZoneTable,
                         ::testing::Values("Europe/Berlin", "America/New_York",
                                           "Australia/Lord_Howe", "Asia/Kolkata",
                                           "Pacific/Chatham", "America/Santiago",
                                           "Europe/London"));

TEST(ZoneTableGaps, ANightShiftAcrossTheSpringChangeIsAnHourShorter) {
  // Europe/Berlin, 2024-03-31: clocks jump from 02:00 to 03:00.
  CalendarSpec spec;
  spec.zone = "Europe/Berlin";
  spec.week = WeeklySchedule::every_day(parse_day_hours({{"22:00", "06:00"}}));
  spec.first_day = date(2024, 3, 1);
  spec.last_day = date(2024, 4, 30);
  const BusinessCalendar berlin(spec);
  const ptime start = test::local(berlin, "2024-03-30 22:00");
  const ptime end = test::local(berlin, "2024-03-31 06:00");
  EXPECT_EQ(berlin.elapsed(start, end), boost::posix_time::hours(7));
}

}  // namespace
}  // namespace charter::calendar
