#pragma once
// The precomputed index behind a BusinessCalendar. Not part of the public API.
//
// Every open interval in the calendar's range is turned into a UTC span [start, end) in
// microseconds, in order, with the business time before it (`cum`). The business "position" of
// an instant is then cum[j] + (t − start[j]) inside interval j, or cum[j] in the closed time
// before it, and
//   add(t, d)      = the instant whose position is position(t) + d,
//   elapsed(a, b)  = position(b) − position(a).
// Two bucket tables make both directions O(1) on average with no day loop:
//   by_time[b]  = first interval whose end is after the start of time bucket b;
//   by_pos[m]   = first interval whose cumulative end is after m·pos_bucket.
// Bucket widths are chosen so that a bucket holds about one interval.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "charter/calendar/calendar_spec.hpp"
#include "charter/detail/instant.hpp"

namespace charter::detail {

class ZoneRules;  // wraps the IANA zone (src/calendar/zone_rules.cpp)

/// Why a local date has the hours it has.
enum class DayKind : std::uint8_t {
  regular,        ///< hours from the weekly schedule (possibly none, e.g. a weekend)
  holiday,        ///< a named holiday: closed
  extra_workday,  ///< a make-up working day (调休上班)
  special_hours,  ///< a date with its own hours (half day)
};

struct CalendarIndex {
  calendar::CalendarSpec spec;
  std::shared_ptr<const ZoneRules> zone;

  // Open intervals in UTC microseconds, sorted; end[j] <= start[j + 1].
  std::vector<Micros> start, end, cum;  // cum has one more entry: the total
  std::vector<std::int32_t> day;        // owning local day (index from spec.first_day)
  std::vector<Micros> run_end;          // end of the contiguous run containing interval j

  // Local days: day k has intervals [day_first[k], day_first[k + 1]).
  std::vector<std::int32_t> day_first;
  std::vector<std::int32_t> bdays_before;  // business days before day k (size days + 1)
  std::vector<std::int32_t> bday_list;     // day index of the n-th business day
  std::vector<DayKind> day_kind;

  // The zone's UTC offsets over the range (with two days' margin): conversions there search
  // this short table instead of asking the zone (≈ 200 ns per lookup through cctz). For a zone
  // without daylight saving (Asia/Shanghai, UTC) the table has no transitions at all.
  struct ZoneTable {
    Micros from = 0, to = 0;   // UTC window the table covers
    Micros offset0 = 0;        // offset before the first transition
    std::vector<Micros> at;    // UTC instants where the offset changes
    std::vector<Micros> after;  // offset from at[i] on
    // Local wall span [lo, hi) each change disturbs: skipped (gap) when the offset grows,
    // repeated (overlap) when it shrinks.
    std::vector<Micros> lo, hi;
  } tz;

  Micros range_begin = 0;  // local midnight of first_day, UTC
  Micros range_end = 0;    // max(local midnight after last_day, end of the last interval)

  Micros time_origin = 0, time_bucket = 1;
  std::vector<std::int32_t> by_time;
  Micros pos_bucket = 1;
  std::vector<std::int32_t> by_pos;

  Micros total() const { return cum.back(); }
  std::int32_t intervals() const { return static_cast<std::int32_t>(start.size()); }

  /// Throws CalendarRangeError unless range_begin <= t <= range_end.
  void require_in_range(Micros t, const char* what) const {
    if (t < range_begin || t > range_end) throw_out_of_range(t, what);
  }
  [[noreturn]] void throw_out_of_range(Micros t, const char* what) const;
  [[noreturn]] void throw_past_range(Micros t, Micros d) const;
  /// Throws CalendarRangeError: no `what` ("opening", …) after t, which is in range, before the
  /// range ends.
  [[noreturn]] void throw_nothing_after(Micros t, const char* what) const;

  /// First interval whose end is after t (the one containing t, or the next); intervals() if none.
  std::int32_t next_interval(Micros t) const {
    Micros b = (t - time_origin) / time_bucket;
    std::int32_t j = by_time[static_cast<size_t>(b)];
    const std::int32_t n = intervals();
    while (j < n && end[static_cast<size_t>(j)] <= t) ++j;
    return j;
  }

  /// Business time elapsed from range_begin to t. t must be in range.
  Micros position(Micros t) const {
    std::int32_t j = next_interval(t);
    if (j == intervals()) return total();
    const size_t u = static_cast<size_t>(j);
    return t > start[u] ? cum[u] + (t - start[u]) : cum[u];
  }

  /// Earliest instant with position == p, for 0 < p <= total().
  Micros earliest_at(Micros p) const {
    std::int32_t j = by_pos[static_cast<size_t>((p - 1) / pos_bucket)];
    while (cum[static_cast<size_t>(j) + 1] < p) ++j;
    const size_t u = static_cast<size_t>(j);
    return start[u] + (p - cum[u]);
  }

  /// Latest instant with position == p, for 0 <= p < total().
  Micros latest_at(Micros p) const {
    std::int32_t j = by_pos[static_cast<size_t>(p / pos_bucket)];
    while (cum[static_cast<size_t>(j) + 1] <= p) ++j;
    const size_t u = static_cast<size_t>(j);
    return start[u] + (p - cum[u]);
  }

  /// t + d of business time (d may be negative); t must be in range.
  Micros add(Micros t, Micros d) const {
    if (d == 0) return t;
    const Micros p = checked_add(position(t), d);
    if (d > 0) {
      if (p > total()) throw_past_range(t, d);
      return earliest_at(p);
    }
    if (p < 0) throw_past_range(t, d);
    return latest_at(p);
  }

  Micros elapsed(Micros a, Micros b) const { return position(b) - position(a); }

  // Zone conversions (exact; fast when the zone has no transition in range).
  Micros utc_to_local(Micros utc) const;
  /// Local wall time → UTC with gaps mapped to their transition (used for interval boundaries).
  Micros local_lookup_earliest(Micros local) const;
  /// Local wall time → UTC; a wall time in a gap throws NonexistentTimeError, an ambiguous one
  /// gives its first occurrence (or the second when `later`).
  Micros local_to_utc(Micros local, bool later = false) const;

  /// The local day index for a date; throws CalendarRangeError outside the range.
  std::int32_t day_index(const boost::gregorian::date& d) const;
  boost::gregorian::date day_date(std::int32_t k) const {
    return spec.first_day + boost::gregorian::days(k);
  }
  std::int32_t days() const { return static_cast<std::int32_t>(day_kind.size()); }
  /// Day on which handling of t happens: the owning day of next_open(t).
  std::int32_t handling_day(Micros t) const;
  /// Business days whose close is at or before t.
  std::int32_t bday_number(Micros t) const;
  Micros close_of_day(std::int32_t k) const {
    return end[static_cast<size_t>(day_first[static_cast<size_t>(k) + 1] - 1)];
  }

  static std::shared_ptr<const CalendarIndex> build(calendar::CalendarSpec spec);
};

}  // namespace charter::detail
