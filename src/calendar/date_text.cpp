#include "charter/calendar/date_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "charter/calendar/opening_hours.hpp"
#include "charter/error.hpp"

namespace charter::calendar {

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
  if (y < 1400 || y > 9999) {
    throw ParseError("date '" + std::string(text) + "': year " + std::to_string(y) +
                     " is outside 1400..9999");
  }
  if (m < 1 || m > 12) {
    throw ParseError("date '" + std::string(text) + "': month " + std::to_string(m) +
                     " is not 01..12");
  }
  const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(y), static_cast<unsigned short>(m));
  if (d < 1 || d > last) {
    throw ParseError("date '" + std::string(text) + "': day " + std::to_string(d) +
                     " is not in that month (it has " + std::to_string(last) + " days)");
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

std::string format_date(const boost::gregorian::date& d) {
  if (d.is_special()) return "not-a-date";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year()),
                static_cast<int>(d.month()), static_cast<int>(d.day()));
  return buf;
}

}  // namespace charter::calendar
