// Opening hours: times of day, intervals (including past midnight), a day's intervals and the
// weekly schedule.

#include "charter/calendar/opening_hours.hpp"

#include <gtest/gtest.h>

#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::calendar {
namespace {

TEST(ParseTimeOfDay, ReadsHoursMinutesAndSeconds) {
  EXPECT_EQ(parse_time_of_day("00:00"), 0);
  EXPECT_EQ(parse_time_of_day("09:00"), 9 * 3600);
  EXPECT_EQ(parse_time_of_day("18:30"), 18 * 3600 + 30 * 60);
  EXPECT_EQ(parse_time_of_day("12:34:56"), 12 * 3600 + 34 * 60 + 56);
  EXPECT_EQ(parse_time_of_day("23:59:59"), 86399);
  // "24:00" is midnight at the end of the day (only meaningful as an interval's end).
  EXPECT_EQ(parse_time_of_day("24:00"), 86400);
  EXPECT_EQ(parse_time_of_day("24:00:00"), 86400);
}

TEST(ParseTimeOfDay, RejectsATimeThatIsNotATime) {
  // 25:61 — hour 25 is out of range, reported at the hour's column.
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day("25:61"), ParseError,
                           "time of day '25:61': hour out of range at column 1");
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day("09:60"), ParseError,
                           "minute out of range at column 4");
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day("09:00:60"), ParseError,
                           "second out of range at column 7");
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day("24:01"), ParseError, "only 24:00 may use hour 24");
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day("9:00"), ParseError,
                           "expected two digits at column 1");
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day("0900"), ParseError, "expected ':' at column 3");
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day("09:00Z"), ParseError,
                           "expected ':' or the end at column 6");
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day("09:00:00.5"), ParseError,
                           "unexpected text at column 9");
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day(""), ParseError, "expected two digits at column 1");
  CHARTER_EXPECT_THROW_MSG(parse_time_of_day("-1:00"), ParseError, "column 1");
}

TEST(FormatTimeOfDay, WritesHoursMinutesAndNextDay) {
  EXPECT_EQ(format_time_of_day(9 * 3600), "09:00");
  EXPECT_EQ(format_time_of_day(18 * 3600 + 1800), "18:30");
  EXPECT_EQ(format_time_of_day(12 * 3600 + 34 * 60 + 56), "12:34:56");
  EXPECT_EQ(format_time_of_day(86400), "24:00");
  // 06:00 on the next day, the end of a 22:00–06:00 night shift.
  EXPECT_EQ(format_time_of_day(86400 + 6 * 3600), "+1d 06:00");
}

TEST(MakeInterval, DaytimeInterval) {
  const OpenInterval iv = make_interval("09:00", "18:30");
  EXPECT_EQ(iv.start, 9 * 3600);
  EXPECT_EQ(iv.end, 18 * 3600 + 1800);
  EXPECT_EQ(iv.length(), 9 * 3600 + 1800);  // 9.5 hours
}

TEST(MakeInterval, NightShiftCrossesMidnight) {
  // 22:00–06:00 belongs to the day it starts on and ends at 06:00 the next day.
  const OpenInterval iv = make_interval("22:00", "06:00");
  EXPECT_EQ(iv.start, 22 * 3600);
  EXPECT_EQ(iv.end, 86400 + 6 * 3600);
  EXPECT_EQ(iv.length(), 8 * 3600);
}

TEST(MakeInterval, WholeDay) {
  const OpenInterval iv = make_interval("00:00", "24:00");
  EXPECT_EQ(iv, (OpenInterval{0, 86400}));
}

TEST(MakeInterval, EmptyIntervalIsRejected) {
  // start == end: an empty interval, not a whole day.
  CHARTER_EXPECT_THROW_MSG(make_interval("09:00", "09:00"), CalendarError,
                           "interval 09:00–09:00 is empty");
  CHARTER_EXPECT_THROW_MSG(make_interval("24:00", "06:00"), ParseError,
                           "24:00 can only end an interval");
  CHARTER_EXPECT_THROW_MSG(make_interval("25:61", "26:00"), ParseError, "'25:61'");
}

TEST(ParseDayHours, SortsIntervals) {
  // A lunch break: 09:00–12:00 and 13:30–18:30, given out of order.
  const DayHours h = parse_day_hours({{"13:30", "18:30"}, {"09:00", "12:00"}});
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0], (OpenInterval{9 * 3600, 12 * 3600}));
  EXPECT_EQ(h[1], (OpenInterval{13 * 3600 + 1800, 18 * 3600 + 1800}));
}

TEST(ParseDayHours, DaytimeAndNightShift) {
  const DayHours h = parse_day_hours({{"09:00", "18:30"}, {"22:00", "06:00"}});
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[1].end, 86400 + 6 * 3600);
}

TEST(ParseDayHours, OverlappingIntervalsAreRejected) {
  CHARTER_EXPECT_THROW_MSG(parse_day_hours({{"09:00", "12:00"}, {"11:00", "13:00"}}), CalendarError,
                           "opening hours: interval 09:00–12:00 overlaps 11:00–13:00");
  // Touching intervals are fine (half-open): 09:00–12:00 and 12:00–13:00.
  EXPECT_NO_THROW(parse_day_hours({{"09:00", "12:00"}, {"12:00", "13:00"}}));
  // A night shift that runs into a later interval of the same day is an overlap too.
  CHARTER_EXPECT_THROW_MSG(
      parse_day_hours({{"01:00", "02:00"}, {"22:00", "06:00"}, {"20:00", "23:00"}}), CalendarError,
      "overlaps");
}

TEST(ValidateDayHours, NamesTheDayAndTheProblem) {
  CHARTER_EXPECT_THROW_MSG(validate_day_hours({{-60, 3600}}, "monday"), CalendarError,
                           "monday: interval");
  CHARTER_EXPECT_THROW_MSG(validate_day_hours({{86400, 90000}}, "monday"), CalendarError,
                           "must start between 00:00 and 24:00");
  CHARTER_EXPECT_THROW_MSG(validate_day_hours({{3600, 3600}}, "2025-09-28"), CalendarError,
                           "2025-09-28: interval 01:00–01:00 is empty");
  CHARTER_EXPECT_THROW_MSG(validate_day_hours({{3600, 3600 + 86401}}, "friday"), CalendarError,
                           "is longer than a day");
  CHARTER_EXPECT_THROW_MSG(
      validate_day_hours({{13 * 3600, 14 * 3600}, {9 * 3600, 10 * 3600}}, "tuesday"), CalendarError,
      "(intervals must be sorted)");
  EXPECT_NO_THROW(validate_day_hours({}, "sunday"));  // closed all day
  EXPECT_NO_THROW(validate_day_hours({{0, 86400}}, "sunday"));
}

TEST(ParseWeekday, ShortAndLongNames) {
  // Indexed like boost::gregorian: 0 = Sunday.
  EXPECT_EQ(parse_weekday("sun"), 0);
  EXPECT_EQ(parse_weekday("mon"), 1);
  EXPECT_EQ(parse_weekday("Tuesday"), 2);
  EXPECT_EQ(parse_weekday("WED"), 3);
  EXPECT_EQ(parse_weekday("thursday"), 4);
  EXPECT_EQ(parse_weekday("fri"), 5);
  EXPECT_EQ(parse_weekday("Saturday"), 6);
  CHARTER_EXPECT_THROW_MSG(parse_weekday("funday"), ParseError, "'funday' is not a weekday");
  CHARTER_EXPECT_THROW_MSG(parse_weekday("mo"), ParseError, "'mo' is not a weekday");
}

TEST(WeeklySchedule, WeekdaysAreMondayToFriday) {
  const DayHours office = parse_day_hours({{"09:00", "18:30"}});
  const WeeklySchedule w = WeeklySchedule::weekdays(office);
  EXPECT_TRUE(w[0].empty());  // Sunday
  EXPECT_TRUE(w[6].empty());  // Saturday
  for (int d = 1; d <= 5; ++d) EXPECT_EQ(w[d], office) << "weekday " << d;
  EXPECT_FALSE(w.is_closed_all_week());
  EXPECT_THROW(w[7], std::out_of_range);
}

TEST(WeeklySchedule, EveryDayAndRoundTheClock) {
  const DayHours night = parse_day_hours({{"22:00", "06:00"}});
  const WeeklySchedule n = WeeklySchedule::every_day(night);
  for (int d = 0; d < 7; ++d) EXPECT_EQ(n[d], night);

  const WeeklySchedule r = WeeklySchedule::round_the_clock();
  for (int d = 0; d < 7; ++d) EXPECT_EQ(r[d], (DayHours{OpenInterval{0, 86400}}));
  EXPECT_FALSE(n == r);
  EXPECT_TRUE(WeeklySchedule{}.is_closed_all_week());
}

}  // namespace
}  // namespace charter::calendar
