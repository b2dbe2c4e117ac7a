#include "charter/detail/instant.hpp"

#include <cstdio>

namespace charter::detail {

std::string format_instant(const boost::posix_time::ptime& t) {
  if (t.is_not_a_date_time()) return "not-a-date-time";
  if (t.is_pos_infinity()) return "+infinity";
  if (t.is_neg_infinity()) return "-infinity";
  // Formatted from fields, never through streams: a global locale with digit grouping would
  // otherwise leak into the text (see shared notes on Boost.Date_Time).
  const auto d = t.date();
  const auto tod = t.time_of_day();
  char buf[48];
  const long frac = static_cast<long>(tod.fractional_seconds());
  if (frac != 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02ld:%02ld:%02ld.%06ld",
                  static_cast<int>(d.year()), static_cast<int>(d.month()),
                  static_cast<int>(d.day()), static_cast<long>(tod.hours()),
                  static_cast<long>(tod.minutes()), static_cast<long>(tod.seconds()), frac);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02ld:%02ld:%02ld",
                  static_cast<int>(d.year()), static_cast<int>(d.month()),
                  static_cast<int>(d.day()), static_cast<long>(tod.hours()),
                  static_cast<long>(tod.minutes()), static_cast<long>(tod.seconds()));
  }
  return buf;
}

void throw_unrepresentable(Micros us) {
  throw InvalidTimeError("instant " + std::to_string(us / kMicrosPerSecond) +
                         " s from 1970-01-01 lies outside the years 1400..9999 that charter "
                         "can represent");
}

std::string format_duration(Micros us) {
  std::string sign;
  if (us < 0) {
    sign = "-";
    us = -us;
  }
  const Micros secs = us / kMicrosPerSecond;
  const Micros frac = us % kMicrosPerSecond;
  char buf[64];
  if (frac != 0) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld.%06ld", static_cast<long>(secs / 3600),
                  static_cast<long>(secs / 60 % 60), static_cast<long>(secs % 60),
                  static_cast<long>(frac));
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", static_cast<long>(secs / 3600),
                  static_cast<long>(secs / 60 % 60), static_cast<long>(secs % 60));
  }
  return sign + buf;
}

}  // namespace charter::detail
