#pragma once
// Instants as int64 microseconds since 1970-01-01 00:00 UTC, the library's inner currency.
//
// Boost's ptime arithmetic is exact but slow and lets special values (not_a_date_time,
// ±infinity) through silently; the calendar index works on plain int64 microseconds instead and
// converts at the boundary, rejecting special values there with InvalidTimeError.

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/error.hpp"

namespace charter::detail {

using Micros = std::int64_t;

inline constexpr Micros kMicrosPerSecond = 1000000;
inline constexpr Micros kMicrosPerDay = 86400 * kMicrosPerSecond;

inline const boost::posix_time::ptime& unix_epoch() {
  static const boost::posix_time::ptime epoch(boost::gregorian::date(1970, 1, 1));
  return epoch;
}

/// Formats an instant for messages ("2025-09-30 17:00:00", or "not-a-date-time").
std::string format_instant(const boost::posix_time::ptime& t);

/// Throws InvalidTimeError when t is not_a_date_time or infinite; `what` names the argument.
inline void require_finite(const boost::posix_time::ptime& t, std::string_view what) {
  if (t.is_special()) {
    throw InvalidTimeError(std::string(what) + " is " + format_instant(t) +
                           ", not a real instant");
  }
}

inline void require_finite(const boost::posix_time::time_duration& d, std::string_view what) {
  if (d.is_special()) {
    throw InvalidTimeError(std::string(what) + " is a special duration (" +
                           (d.is_not_a_date_time() ? "not-a-date-time" : "infinite") +
                           "), not a real duration");
  }
}

inline Micros to_micros(const boost::posix_time::ptime& t, std::string_view what = "instant") {
  require_finite(t, what);
  return (t - unix_epoch()).total_microseconds();
}

inline Micros to_micros(const boost::posix_time::time_duration& d,
                        std::string_view what = "duration") {
  require_finite(d, what);
  return d.total_microseconds();
}

/// Microseconds of 1400-01-01 00:00 and of 10000-01-01 00:00 UTC: the span Boost can hold.
inline constexpr Micros kMinMicros = -17987443200LL * kMicrosPerSecond;
inline constexpr Micros kEndMicros = 253402300800LL * kMicrosPerSecond;

/// Throws InvalidTimeError unless kMinMicros <= us < kEndMicros.
void throw_unrepresentable(Micros us);

inline boost::posix_time::ptime from_micros(Micros us) {
  if (us < kMinMicros || us >= kEndMicros) throw_unrepresentable(us);
  // Split into whole days and a remainder: ptime + microseconds(huge) is exact either way, but
  // day arithmetic keeps the intermediate duration small.
  Micros days = us / kMicrosPerDay;
  Micros rem = us % kMicrosPerDay;
  if (rem < 0) {
    rem += kMicrosPerDay;
    --days;
  }
  return boost::posix_time::ptime(unix_epoch().date() + boost::gregorian::days(days),
                                  boost::posix_time::microseconds(rem));
}

inline boost::posix_time::time_duration duration_from_micros(Micros us) {
  return boost::posix_time::microseconds(us);
}

/// a + b, or InvalidTimeError when the sum leaves int64.
inline Micros checked_add(Micros a, Micros b) {
  Micros r;
  if (__builtin_add_overflow(a, b, &r)) {
    throw InvalidTimeError("time arithmetic overflows (instant or duration out of range)");
  }
  return r;
}

inline Micros checked_sub(Micros a, Micros b) {
  Micros r;
  if (__builtin_sub_overflow(a, b, &r)) {
    throw InvalidTimeError("time arithmetic overflows (instant or duration out of range)");
  }
  return r;
}

/// Formats a duration as hours:minutes:seconds ("26:30:00", "-3:00:00"; microseconds if any).
std::string format_duration(Micros us);

}  // namespace charter::detail
