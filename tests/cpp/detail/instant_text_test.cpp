// Date-time texts read straight to microseconds (what event, observation and record files and
// observation fields go through) say exactly what calendar::try_parse_offset_date_time says:
// the same instant for every text it accepts, the same column and reason for every text it
// refuses.

#include "charter/detail/instant_text.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::detail {
namespace {

using calendar::DateTimeProblem;
using calendar::OffsetDateTime;
using test::date;
using test::ptime;
using test::time_duration;
using test::utc;
using test::zone_calendar;

// Both readers on one text; the failure message says which text and how they differ.
void expect_same(const std::string& text) {
  OffsetDateTime by_ptime;
  DateTimeProblem ptime_problem;
  const bool ptime_ok = calendar::try_parse_offset_date_time(text, by_ptime, ptime_problem);
  WallText by_micros;
  DateTimeProblem micros_problem;
  const bool micros_ok = try_parse_wall(text, by_micros, micros_problem);
  ASSERT_EQ(micros_ok, ptime_ok) << "'" << text << "'";
  if (ptime_ok) {
    EXPECT_EQ(by_micros.wall, (by_ptime.wall - unix_epoch()).total_microseconds()) << "'" << text << "'";
    EXPECT_EQ(by_micros.offset_minutes, by_ptime.offset_minutes) << "'" << text << "'";
  } else {
    EXPECT_EQ(micros_problem.column, ptime_problem.column) << "'" << text << "'";
    EXPECT_EQ(micros_problem.why, ptime_problem.why) << "'" << text << "'";
  }
}

std::string two(int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); }

// The wall time of `text`, which must be read.
Micros wall_of(const std::string& text, std::optional<int> offset = std::nullopt) {
  WallText t;
  DateTimeProblem p;
  EXPECT_TRUE(try_parse_wall(text, t, p)) << "'" << text << "': " << p.why;
  EXPECT_EQ(t.offset_minutes, offset) << "'" << text << "'";
  expect_same(text);
  return t.wall;
}

TEST(WallText, EveryFormGivesTheWallTimeWritten) {
  // A day every 37 from 1400 to 9999 (all months, leap and century years among them), each at
  // a time that moves with it, in every form: minutes, seconds, a fraction, 'T', an offset.
  for (date d(1400, 1, 1); d <= date(9999, 12, 31); d += boost::gregorian::days(37)) {
    const int n = static_cast<int>(d.day_number());
    const int h = n % 24, m = n % 60, s = n % 59;
    const std::string day = boost::gregorian::to_iso_extended_string(d);
    const std::string hm = two(h) + ":" + two(m);
    const Micros minute = to_micros(ptime(d, time_duration(h, m, 0)));
    const Micros second = to_micros(ptime(d, time_duration(h, m, s)));
    EXPECT_EQ(wall_of(day + " " + hm), minute);
    EXPECT_EQ(wall_of(day + "T" + hm + ":" + two(s)), second);
    EXPECT_EQ(wall_of(day + " " + hm + ":" + two(s) + ".25"), second + 250000);
    EXPECT_EQ(wall_of(day + "T" + hm + "Z", 0), minute);
    EXPECT_EQ(wall_of(day + " " + hm + ":" + two(s) + "+08:00", 480), second);
    EXPECT_EQ(wall_of(day + " " + hm + "-0330", -210), minute);
  }
}

TEST(WallText, MidnightLeapDayAndTheEndsOfTheRange) {
  WallText t;
  DateTimeProblem p;
  ASSERT_TRUE(try_parse_wall("1970-01-01 00:00", t, p));
  EXPECT_EQ(t.wall, 0);
  EXPECT_FALSE(t.offset_minutes);
  ASSERT_TRUE(try_parse_wall("2024-02-29 23:59:59", t, p));
  EXPECT_EQ(t.wall, to_micros(ptime(date(2024, 2, 29), time_duration(23, 59, 59))));
  ASSERT_TRUE(try_parse_wall("2024-03-01T00:00", t, p));
  EXPECT_EQ(t.wall, to_micros(ptime(date(2024, 3, 1))));
  ASSERT_TRUE(try_parse_wall("1400-01-01 00:00", t, p));
  EXPECT_EQ(t.wall, kMinMicros);
  ASSERT_TRUE(try_parse_wall("9999-12-31 23:59:59.999999", t, p));
  EXPECT_EQ(t.wall, kEndMicros - 1);
  ASSERT_TRUE(try_parse_wall("2025-10-01 09:00+08:00", t, p));
  EXPECT_EQ(t.offset_minutes, 480);
}

TEST(WallText, RefusesWhatTheDateTimeParserRefusesAtTheSameColumn) {
  for (const std::string text :
       {"", "2025", "2025-10-01", "2025-10-01 ", "2025-10-01X10:00", "2025-1-01 10:00", "2025-10-1 10:00",
        "2025-13-01 10:00", "2025-00-10 10:00", "2025-02-29 10:00", "2024-02-30 10:00", "2025-04-31 10:00",
        "2025-10-01 24:00", "2025-10-01 10:60", "2025-10-01 10:00:60", "2025-10-01 1a:00", "2025-10-01 10-00",
        "2025-10-01 10:0", "2025-10-01 10:00:0", "2025-10-01 10:00 ", " 2025-10-01 10:00", "2025-10-01t10:00",
        "2025-10-01 10:00z", "2025-10-01 10:00:00.", "2025-10-01 10:00:00.1234567", "2025-10-01 10:00+24:00",
        "2025-10-01 10:00+08:60", "2025-10-01 10:00+08:00x", "0999-10-01 10:00", "+2025-10-01 10:00",
        "2025/10/01 10:00", "2025-10-01 10:00:00Z+08:00",
        // Full-width digits look right and are three bytes each: refused at their first byte.
        "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x95-10-01 10:00", "2025-10-01 1\xef\xbc\x90:00"}) {
    expect_same(text);
    WallText t;
    DateTimeProblem p;
    EXPECT_FALSE(try_parse_wall(text, t, p)) << "'" << text << "'";
    EXPECT_GE(p.column, 1u) << "'" << text << "'";
    EXPECT_FALSE(p.why.empty()) << "'" << text << "'";
  }
}

// Whether `text` is a date-time of the common forms, by the rule written out: digits where the
// shape has them, its separators, and fields in range. 's' is the offset's sign.
bool common_form(const std::string& text) {
  static const std::map<std::size_t, std::string> shapes = {
      {16, "dddd-dd-dd?dd:dd"},      {19, "dddd-dd-dd?dd:dd:dd"},      {20, "dddd-dd-dd?dd:dd:ddZ"},
      {24, "dddd-dd-dd?dd:dd:ddsdddd"}, {25, "dddd-dd-dd?dd:dd:ddsdd:dd"}};
  const auto shape = shapes.find(text.size());
  if (shape == shapes.end()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i], want = shape->second[i];
    const bool ok = want == 'd'   ? c >= '0' && c <= '9'
                    : want == '?' ? c == ' ' || c == 'T'
                    : want == 's' ? c == '+' || c == '-'
                                  : c == want;
    if (!ok) return false;
  }
  const auto num = [&](std::size_t at, std::size_t n) { return std::stoi(text.substr(at, n)); };
  const int y = num(0, 4), mo = num(5, 2), d = num(8, 2);
  if (y < 1400 || mo < 1 || mo > 12 || d < 1 ||
      d > boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                 static_cast<unsigned short>(mo))) {
    return false;
  }
  if (num(11, 2) > 23 || num(14, 2) > 59 || (text.size() >= 19 && num(17, 2) > 59)) return false;
  if (text.size() >= 24) return num(20, 2) <= 23 && num(text.size() - 2, 2) <= 59;
  return true;
}

TEST(WallText, AProblemInAnOffsetFormIsNamedAtItsColumn) {
  const auto problem_of = [](const std::string& text) {
    WallText t;
    DateTimeProblem p;
    EXPECT_FALSE(try_parse_wall(text, t, p)) << text;
    return std::to_string(p.column) + ": " + p.why;
  };
  EXPECT_EQ(problem_of("2025-10-01T10:00:00+24:00"), "21: offset hour 24 is not 00..23");
  EXPECT_EQ(problem_of("2025-10-01T10:00:00+08:60"), "24: offset minute 60 is not 00..59");
  EXPECT_EQ(problem_of("2025-10-01T10:00:00-0860"), "23: offset minute 60 is not 00..59");
  EXPECT_EQ(problem_of("2025-13-01T10:00:00+08:00"), "6: month 13 is not 01..12");
  EXPECT_EQ(problem_of("2025-02-29 10:00:00Z"), "9: day 29 is not in that month (it has 28 days)");
  EXPECT_EQ(problem_of("2025-10-01 24:00:00Z"), "12: hour 24 is not 00..23");
}

TEST(WallText, EverySingleByteChangeOfACommonTextIsJudgedByTheShape) {
  // Each position of the common forms replaced by each byte that matters to the fast path: a
  // digit where a separator belongs, a separator where a digit belongs, letters, high bytes.
  int accepted = 0;
  for (const std::string base : {"2025-10-01 09:30", "2024-02-29T23:59:59", "2025-10-01 09:30:00Z",
                                 "2025-10-01T09:30:00+08:00", "2025-12-31 23:59:59-0330"}) {
    for (std::size_t i = 0; i < base.size(); ++i) {
      for (const char c : {'0', '2', '3', '5', '9', '-', '+', ':', ' ', 'T', 'Z', '/', 'a', '\0', '\x7f', '\xef'}) {
        std::string text = base;
        text[i] = c;
        WallText t;
        DateTimeProblem p;
        const bool ok = try_parse_wall(text, t, p);
        EXPECT_EQ(ok, common_form(text)) << "'" << text << "'";
        accepted += ok;
        expect_same(text);
      }
    }
  }
  EXPECT_GT(accepted, 150);  // the sweep reaches both answers
}

TEST(WallText, TheInstantOfAWallTimeIsTheCalendarsFirstOccurrence) {
  const calendar::BusinessCalendar new_york = zone_calendar("America/New_York");
  const auto utc_of_text = [&](const std::string& text) {
    WallText t;
    DateTimeProblem p;
    EXPECT_TRUE(try_parse_wall(text, t, p)) << text;
    return utc_of(t, new_york.index());
  };
  // An offset is exact whatever the zone.
  EXPECT_EQ(utc_of_text("2025-07-01 09:00+08:00"), to_micros(utc("2025-07-01 01:00")));
  // Summer in New York is UTC−4.
  EXPECT_EQ(utc_of_text("2025-07-01 09:00"), to_micros(utc("2025-07-01 13:00")));
  // 01:30 on the first Sunday of November happens twice: the first (still UTC−4) counts.
  EXPECT_EQ(utc_of_text("2025-11-02 01:30"), to_micros(utc("2025-11-02 05:30")));
  // 02:30 on the second Sunday of March never happens.
  EXPECT_THROW(utc_of_text("2025-03-09 02:30"), NonexistentTimeError);
}

}  // namespace
}  // namespace charter::detail
