#pragma once
// Date-time texts straight to microseconds, for what reads millions of them (event, observation
// and record files, the instant fields of observations): the forms and the problems of
// calendar::try_parse_offset_date_time, without building a ptime on the way.

#include <optional>
#include <string_view>

#include "charter/calendar/date_text.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/detail/instant.hpp"

namespace charter::detail {

/// A date-time as written: its wall time, counted from 1970-01-01 00:00 of its own clock, and
/// its offset when one was written.
struct WallText {
  Micros wall = 0;
  std::optional<int> offset_minutes;
};

/// true and `out`, or false and `problem` (the same column and reason as
/// try_parse_offset_date_time). Allocates nothing on success.
bool try_parse_wall(std::string_view text, WallText& out, calendar::DateTimeProblem& problem);

/// The instant a parsed text names: exact with an offset, else a wall time on `zone`'s clock
/// (the first occurrence in an autumn overlap). Throws NonexistentTimeError for a wall time in
/// a spring-forward gap.
inline Micros utc_of(const WallText& t, const CalendarIndex& zone) {
  if (t.offset_minutes) return t.wall - Micros{*t.offset_minutes} * 60 * kMicrosPerSecond;
  return zone.local_to_utc(t.wall, false);
}

}  // namespace charter::detail
