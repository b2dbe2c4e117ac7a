#include "charter/calendar/date_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "charter/calendar/opening_hours.hpp"
#include "charter/detail/instant_text.hpp"
#include "charter/error.hpp"

namespace charter::calendar {
namespace {

constexpr std::string_view kDateTimeShape = "date-times are YYYY-MM-DD HH:MM[:SS[.ffffff]] "
                                            "with 'T' or ' ', then optionally Z, ±HH:MM or ±HHMM";

// Year, month and day in range (the date part of every parser here); `problem.column` is the
// column of the failing field in "YYYY-MM-DD".
bool check_ymd(int y, int m, int d, DateTimeProblem& problem) {
  if (y < 1400 || y > 9999) {
    problem = {1, "year " + std::to_string(y) + " is outside 1400..9999"};
    return false;
  }
  if (m < 1 || m > 12) {
    problem = {6, "month " + std::to_string(m) + " is not 01..12"};
    return false;
  }
  const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(y), static_cast<unsigned short>(m));
  if (d < 1 || d > last) {
    problem = {9, "day " + std::to_string(d) + " is not in that month (it has " +
                      std::to_string(last) + " days)"};
    return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads `n` digits at `at`; false (and the problem) when one is missing.
bool digits(std::string_view text, std::size_t at, std::size_t n, int& value,
            DateTimeProblem& problem, const char* what) {
  value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (i >= text.size() || !is_digit(text[i])) {
      problem = {i + 1, std::string(i >= text.size() ? "text ends where " : "expected ") + what +
                            (i >= text.size() ? " should be" : "") + " (" +
                            std::string(kDateTimeShape) + ")"};
      return false;
    }
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

bool expect_char(std::string_view text, std::size_t at, char c, DateTimeProblem& problem,
                 const char* what) {
  if (at < text.size() && text[at] == c) return true;
  problem = {at + 1, std::string(at < text.size() ? "expected " : "text ends where ") + what +
                         (at < text.size() ? "" : " should be") + " (" +
                         std::string(kDateTimeShape) + ")"};
  return false;
}

void append_two(std::string& out, int v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

// "2025-10-01T09:00:00" plus ".ffffff" when the microseconds are not zero.
std::string format_iso_wall(const boost::posix_time::ptime& wall) {
  if (wall.is_special()) throw std::invalid_argument("date-time is not a real instant");
  const auto ymd = wall.date().year_month_day();  // one conversion, not three
  const auto t = wall.time_of_day();
  std::string out;
  out.reserve(32);
  const int y = static_cast<int>(ymd.year);
  append_two(out, y / 100);
  append_two(out, y % 100);
  out += '-';
  append_two(out, static_cast<int>(ymd.month));
  out += '-';
  append_two(out, static_cast<int>(ymd.day));
  out += 'T';
  append_two(out, static_cast<int>(t.hours()));
  out += ':';
  append_two(out, static_cast<int>(t.minutes()));
  out += ':';
  append_two(out, static_cast<int>(t.seconds()));
  const long us = static_cast<long>(t.fractional_seconds());
  if (us != 0) {
    out += '.';
    for (long scale = 100000; scale > 0; scale /= 10) out += static_cast<char>('0' + us / scale % 10);
  }
  return out;
}

}  // namespace

boost::gregorian::date parse_date(std::string_view text) {
  static constexpr std::string_view shape = "YYYY-MM-DD";
  for (size_t i = 0; i < shape.size(); ++i) {
    const bool want_digit = shape[i] != '-';
    const bool ok = i < text.size() && (want_digit ? std::isdigit(static_cast<unsigned char>(text[i]))
                                                   : text[i] == '-');
    if (!ok) {
      throw ParseError("date '" + std::string(text) + "': expected " +
                       (want_digit ? "a digit" : "'-'") + " at column " + std::to_string(i + 1) +
                       " (dates are YYYY-MM-DD)");
    }
  }
  if (text.size() != shape.size()) {
    throw ParseError("date '" + std::string(text) + "': unexpected text at column 11 (dates are "
                     "YYYY-MM-DD)");
  }
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  DateTimeProblem problem;
  if (!check_ymd(y, m, d, problem)) {
    throw ParseError("date '" + std::string(text) + "': " + problem.why);
  }
  return boost::gregorian::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                                static_cast<unsigned short>(d));
}

boost::posix_time::ptime parse_date_time(std::string_view text) {
  if (text.size() < 11 || (text[10] != ' ' && text[10] != 'T')) {
    // Let the date parser name the problem when the date part itself is wrong.
    parse_date(text.substr(0, std::min<size_t>(text.size(), 10)));
    throw ParseError("date-time '" + std::string(text) + "': expected ' ' or 'T' at column 11 "
                     "(date-times are YYYY-MM-DD HH:MM[:SS])");
  }
  const auto day = parse_date(text.substr(0, 10));
  std::string_view clock = text.substr(11);
  try {
    const long secs = parse_time_of_day(clock);
    if (secs >= 86400) throw ParseError("24:00 is not a time of day here");
    return boost::posix_time::ptime(day, boost::posix_time::seconds(secs));
  } catch (const ParseError& e) {
    throw ParseError("date-time '" + std::string(text) + "': " + e.what());
  }
}

boost::posix_time::ptime OffsetDateTime::utc() const {
  if (!offset_minutes) throw std::logic_error("OffsetDateTime::utc(): a wall time has no offset");
  return wall - boost::posix_time::minutes(*offset_minutes);
}

namespace {

// What a date-time text says, field by field, before it becomes a ptime or microseconds.
struct Fields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  long micros = 0;
  std::optional<int> offset_minutes;
};

bool in_range(const Fields& f, DateTimeProblem& problem) {
  if (!check_ymd(f.year, f.month, f.day, problem)) return false;
  if (f.hour > 23) {
    problem = {12, "hour " + std::to_string(f.hour) + " is not 00..23"};
    return false;
  }
  if (f.minute > 59) {
    problem = {15, "minute " + std::to_string(f.minute) + " is not 00..59"};
    return false;
  }
  if (f.second > 59) {
    problem = {18, "second " + std::to_string(f.second) + " is not 00..59"};
    return false;
  }
  return true;
}

// Every form, with the column and reason of the first thing wrong.
bool read_any(std::string_view text, Fields& f, DateTimeProblem& problem) {
  if (!digits(text, 0, 4, f.year, problem, "a digit") || !expect_char(text, 4, '-', problem, "'-'") ||
      !digits(text, 5, 2, f.month, problem, "a digit") || !expect_char(text, 7, '-', problem, "'-'") ||
      !digits(text, 8, 2, f.day, problem, "a digit")) {
    return false;
  }
  if (text.size() == 10) {
    problem = {11, "a date alone is not a date and time (" + std::string(kDateTimeShape) + ")"};
    return false;
  }
  if (text[10] != ' ' && text[10] != 'T') {
    problem = {11, "expected ' ' or 'T' (" + std::string(kDateTimeShape) + ")"};
    return false;
  }
  if (!digits(text, 11, 2, f.hour, problem, "a digit") || !expect_char(text, 13, ':', problem, "':'") ||
      !digits(text, 14, 2, f.minute, problem, "a digit")) {
    return false;
  }
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!digits(text, 17, 2, f.second, problem, "a digit")) return false;
    at = 19;
    if (at < text.size() && text[at] == '.') {
      std::size_t n = 0;
      while (at + 1 + n < text.size() && is_digit(text[at + 1 + n])) {
        if (n == 6) {
          problem = {at + 1 + n + 1, "more than 6 digits of fraction (microseconds at most)"};
          return false;
        }
        f.micros = f.micros * 10 + (text[at + 1 + n] - '0');
        ++n;
      }
      if (n == 0) {
        problem = {at + 2, "expected a digit after '.' (" + std::string(kDateTimeShape) + ")"};
        return false;
      }
      for (std::size_t k = n; k < 6; ++k) f.micros *= 10;
      at += 1 + n;
    }
  }
  if (at < text.size()) {
    const char c = text[at];
    if (c == 'Z') {
      f.offset_minutes = 0;
      ++at;
    } else if (c == '+' || c == '-') {
      int oh = 0, om = 0;
      if (!digits(text, at + 1, 2, oh, problem, "a digit")) return false;
      std::size_t mins = at + 3;
      if (mins < text.size() && text[mins] == ':') ++mins;
      if (!digits(text, mins, 2, om, problem, "a digit")) return false;
      if (oh > 23) {
        problem = {at + 2, "offset hour " + std::to_string(oh) + " is not 00..23"};
        return false;
      }
      if (om > 59) {
        problem = {mins + 1, "offset minute " + std::to_string(om) + " is not 00..59"};
        return false;
      }
      f.offset_minutes = (c == '-' ? -1 : 1) * (oh * 60 + om);
      at = mins + 2;
    } else {
      // After HH:MM come seconds (a fraction needs them); after HH:MM:SS, a fraction.
      const char* next = at == 16 ? "expected ':', " : at == 19 ? "expected '.', " : "expected ";
      problem = {at + 1, std::string(next) + "'Z', '+', '-' or the end (" +
                             std::string(kDateTimeShape) + ")"};
      return false;
    }
    if (at < text.size()) {
      problem = {at + 1, "unexpected text after the offset (" + std::string(kDateTimeShape) + ")"};
      return false;
    }
  }
  return in_range(f, problem);
}

// "YYYY-MM-DD HH:MM" and "YYYY-MM-DD HH:MM:SS" ('T' or ' '), the latter also with "Z" or an
// offset "±HH:MM" / "±HHMM": the forms nearly every line of an event or observation file has,
// in one pass over fixed positions. Anything else (a digit out of place, an offset out of range,
// a fraction) goes to read_any, which also words the problem.
bool read_common(std::string_view text, Fields& f) {
  const std::size_t n = text.size();
  if (n != 16 && n != 19 && n != 20 && n != 24 && n != 25) return false;
  const char* c = text.data();
  const auto two = [c](std::size_t at, int& v) {
    const unsigned a = static_cast<unsigned char>(c[at]) - '0', b = static_cast<unsigned char>(c[at + 1]) - '0';
    v = static_cast<int>(a * 10 + b);
    return a < 10 && b < 10;
  };
  int hi = 0;
  if (!two(0, hi) || !two(2, f.year) || c[4] != '-' || !two(5, f.month) || c[7] != '-' || !two(8, f.day) ||
      (c[10] != ' ' && c[10] != 'T') || !two(11, f.hour) || c[13] != ':' || !two(14, f.minute)) {
    return false;
  }
  f.year += hi * 100;
  if (n == 16) return true;
  if (c[16] != ':' || !two(17, f.second)) return false;
  if (n == 19) return true;
  if (n == 20) {
    if (c[19] != 'Z') return false;
    f.offset_minutes = 0;
    return true;
  }
  int oh = 0, om = 0;
  const std::size_t minutes = n == 25 ? 23 : 22;  // after "±HH:" or "±HH"
  if ((c[19] != '+' && c[19] != '-') || !two(20, oh) || (n == 25 && c[22] != ':') || !two(minutes, om) || oh > 23 ||
      om > 59) {
    return false;
  }
  f.offset_minutes = (c[19] == '-' ? -1 : 1) * (oh * 60 + om);
  return true;
}

bool read_fields(std::string_view text, Fields& f, DateTimeProblem& problem) {
  if (read_common(text, f)) return in_range(f, problem);
  f = Fields{};
  return read_any(text, f, problem);
}

// Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): the
// arithmetic Boost does, without building a date.
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return std::int64_t{era} * 146097 + doe - 719468;
}

}  // namespace

bool try_parse_offset_date_time(std::string_view text, OffsetDateTime& out,
                                DateTimeProblem& problem) {
  Fields f;
  if (!read_fields(text, f, problem)) return false;
  out.wall = boost::posix_time::ptime(
      boost::gregorian::date(static_cast<unsigned short>(f.year), static_cast<unsigned short>(f.month),
                             static_cast<unsigned short>(f.day)),
      boost::posix_time::time_duration(f.hour, f.minute, f.second) + boost::posix_time::microseconds(f.micros));
  out.offset_minutes = f.offset_minutes;
  return true;
}

OffsetDateTime parse_offset_date_time(std::string_view text) {
  OffsetDateTime out;
  DateTimeProblem problem;
  if (!try_parse_offset_date_time(text, out, problem)) {
    throw ParseError("date-time '" + std::string(text) + "': " + problem.why + " (column " +
                     std::to_string(problem.column) + ")");
  }
  return out;
}

std::string format_offset_date_time(const boost::posix_time::ptime& wall, int offset_minutes) {
  if (offset_minutes <= -1440 || offset_minutes >= 1440) {
    throw std::invalid_argument("UTC offset of " + std::to_string(offset_minutes) +
                                " minutes is not within ±23:59");
  }
  std::string out = format_iso_wall(wall);
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  out += offset_minutes < 0 ? '-' : '+';
  append_two(out, a / 60);
  out += ':';
  append_two(out, a % 60);
  return out;
}

std::string format_utc_date_time(const boost::posix_time::ptime& utc) {
  return format_iso_wall(utc) + 'Z';
}

std::string format_date(const boost::gregorian::date& d) {
  if (d.is_special()) return "not-a-date";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year()),
                static_cast<int>(d.month()), static_cast<int>(d.day()));
  return buf;
}

std::string format_wall(const boost::posix_time::ptime& wall) {
  if (wall.is_special()) return "not-a-date-time";
  const auto ymd = wall.date().year_month_day();
  const auto tod = wall.time_of_day();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", static_cast<int>(ymd.year),
                static_cast<int>(ymd.month), static_cast<int>(ymd.day), static_cast<int>(tod.hours()),
                static_cast<int>(tod.minutes()), static_cast<int>(tod.seconds()));
  return buf;
}

}  // namespace charter::calendar

namespace charter::detail {

bool try_parse_wall(std::string_view text, WallText& out, calendar::DateTimeProblem& problem) {
  calendar::Fields f;
  if (!calendar::read_fields(text, f, problem)) return false;
  const std::int64_t seconds = calendar::days_from_civil(f.year, f.month, f.day) * 86400 +
                               f.hour * 3600 + f.minute * 60 + f.second;
  out.wall = seconds * kMicrosPerSecond + f.micros;
  out.offset_minutes = f.offset_minutes;
  return true;
}

}  // namespace charter::detail
