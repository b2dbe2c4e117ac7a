// Dates and wall times as text: strictly YYYY-MM-DD[ HH:MM[:SS]], nothing lenient.

#include "charter/calendar/date_text.hpp"

#include <gtest/gtest.h>

#include <locale>

#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::calendar {
namespace {

using boost::gregorian::date;
using boost::posix_time::ptime;
using boost::posix_time::time_duration;

TEST(ParseDate, IsoDates) {
  EXPECT_EQ(parse_date("2025-10-01"), date(2025, 10, 1));
  // 2024 is a leap year: February has 29 days.
  EXPECT_EQ(parse_date("2024-02-29"), date(2024, 2, 29));
  EXPECT_EQ(parse_date("1400-01-01"), date(1400, 1, 1));
  EXPECT_EQ(parse_date("9999-12-31"), date(9999, 12, 31));
}

TEST(ParseDate, RejectsDaysThatDoNotExist) {
  // 2025 is not a leap year; 2024-02-30 never exists; April has 30 days.
  CHARTER_EXPECT_THROW_MSG(parse_date("2025-02-29"), ParseError,
                           "day 29 is not in that month (it has 28 days)");
  CHARTER_EXPECT_THROW_MSG(parse_date("2024-02-30"), ParseError, "day 30");
  CHARTER_EXPECT_THROW_MSG(parse_date("2025-04-31"), ParseError, "(it has 30 days)");
  CHARTER_EXPECT_THROW_MSG(parse_date("2025-04-00"), ParseError, "day 0");
  CHARTER_EXPECT_THROW_MSG(parse_date("2025-13-01"), ParseError, "month 13 is not 01..12");
  CHARTER_EXPECT_THROW_MSG(parse_date("2025-00-01"), ParseError, "month 0 is not 01..12");
  CHARTER_EXPECT_THROW_MSG(parse_date("1399-12-31"), ParseError, "year 1399 is outside 1400..9999");
}

TEST(ParseDate, RejectsWhatBoostWouldAccept) {
  // Boost's from_undelimited_string reads "2024013" as 2024-01-03; charter does not.
  CHARTER_EXPECT_THROW_MSG(parse_date("2024013"), ParseError,
                           "date '2024013': expected '-' at column 5");
  CHARTER_EXPECT_THROW_MSG(parse_date("20240131"), ParseError, "expected '-' at column 5");
  CHARTER_EXPECT_THROW_MSG(parse_date("2024-1-31"), ParseError, "expected a digit at column 7");
  CHARTER_EXPECT_THROW_MSG(parse_date("2025-10-01x"), ParseError, "unexpected text at column 11");
  CHARTER_EXPECT_THROW_MSG(parse_date(""), ParseError, "expected a digit at column 1");
  CHARTER_EXPECT_THROW_MSG(parse_date("garbage"), ParseError, "column 1");
  CHARTER_EXPECT_THROW_MSG(parse_date(" 2025-10-01"), ParseError, "column 1");
}

TEST(ParseDateTime, WallTimes) {
  EXPECT_EQ(parse_date_time("2025-10-01 17:30"),
            ptime(date(2025, 10, 1), time_duration(17, 30, 0)));
  EXPECT_EQ(parse_date_time("2025-10-01T17:30:05"),
            ptime(date(2025, 10, 1), time_duration(17, 30, 5)));
  EXPECT_EQ(parse_date_time("2024-02-29 00:00:00"), ptime(date(2024, 2, 29)));
}

TEST(ParseDateTime, RejectsBadTimesAndZones) {
  CHARTER_EXPECT_THROW_MSG(parse_date_time("2025-10-01 25:61"), ParseError,
                           "date-time '2025-10-01 25:61': time of day '25:61': hour out of range");
  // 24:00 ends an interval but is not a time of day.
  CHARTER_EXPECT_THROW_MSG(parse_date_time("2025-10-01 24:00"), ParseError,
                           "24:00 is not a time of day here");
  // A wall time has no zone suffix.
  CHARTER_EXPECT_THROW_MSG(parse_date_time("2025-10-01T17:30+08:00"), ParseError,
                           "expected ':' or the end at column 6");
  CHARTER_EXPECT_THROW_MSG(parse_date_time("2025-10-01"), ParseError,
                           "expected ' ' or 'T' at column 11");
  CHARTER_EXPECT_THROW_MSG(parse_date_time("2025-10-01_17:30"), ParseError,
                           "expected ' ' or 'T' at column 11");
  // A broken date part is named by the date parser.
  CHARTER_EXPECT_THROW_MSG(parse_date_time("2025-02-30 10:00"), ParseError, "day 30");
  CHARTER_EXPECT_THROW_MSG(parse_date_time("2025/10/01 10:00"), ParseError,
                           "expected '-' at column 5");
}

TEST(FormatDate, IsoAndSpecialValues) {
  EXPECT_EQ(format_date(date(2025, 10, 1)), "2025-10-01");
  EXPECT_EQ(format_date(date(1400, 1, 1)), "1400-01-01");
  EXPECT_EQ(format_date(date(boost::date_time::not_a_date_time)), "not-a-date");
  EXPECT_EQ(format_date(date(boost::date_time::pos_infin)), "not-a-date");
}

TEST(FormatWall, SecondsAlwaysFractionsNeverAndItReadsBack) {
  const boost::posix_time::ptime t(date(2025, 10, 1), boost::posix_time::hours(9) + boost::posix_time::seconds(5) +
                                                          boost::posix_time::microseconds(250000));
  EXPECT_EQ(format_wall(t), "2025-10-01 09:00:05");
  EXPECT_EQ(parse_date_time(format_wall(t)), t - boost::posix_time::microseconds(250000));
  EXPECT_EQ(format_wall(boost::posix_time::ptime(date(2024, 2, 29))), "2024-02-29 00:00:00");
  EXPECT_EQ(format_wall(boost::posix_time::ptime(boost::date_time::not_a_date_time)), "not-a-date-time");
}

// A numpunct that groups digits by threes with '.' and uses ',' as decimal point, like de_DE.
struct GroupingPunct : std::numpunct<char> {
  char do_thousands_sep() const override { return '.'; }
  char do_decimal_point() const override { return ','; }
  std::string do_grouping() const override { return "\3"; }
};

TEST(FormatDate, IgnoresTheGlobalLocale) {
  const std::locale previous =
      std::locale::global(std::locale(std::locale::classic(), new GroupingPunct));
  const std::string text = format_date(date(2025, 10, 1));
  const auto parsed = parse_date("2025-10-01");
  std::locale::global(previous);
  EXPECT_EQ(text, "2025-10-01");
  EXPECT_EQ(parsed, date(2025, 10, 1));
}

}  // namespace
}  // namespace charter::calendar
