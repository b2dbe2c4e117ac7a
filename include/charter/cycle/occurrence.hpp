#pragma once
// Occurrence: one instance of a cycle's obligation — for one subject, in one period, due at one
// instant — and occurrences(), every occurrence a charter's cycles have over a span of time.
//
// Meaning:
//   - An occurrence belongs to a scheduled cycle (recurrence.hpp: not ad_hoc, not follow_up),
//     a subject of its scope ("" for the centre, else a unit, role or staff id) and a period
//     [period_start, period_end) of local dates in the zone of the cycle's calendar.
//   - `scheduled` is the day the occurrence is planned for; `due` (UTC) is the cycle's Deadline
//     counted from 00:00 local on that day, or the period's last second when it has none.
//   - occurrences(charter, from, to) lists the occurrences whose period, as instants (local
//     00:00 of the first day to local 00:00 after the last), overlaps [from, to) (UTC,
//     half-open); in the charter's order of cycles, then by period, then by subject in the
//     organisation's order. A subject that does not exist on the scheduled day (a unit's `since`,
//     a staff member's active period, the cycle's `since`) has no occurrence then.
//   - Business-day recurrences and business-time deadlines need the calendar's range: asking
//     outside it raises CalendarRangeError, as calendars do.
//
// Example:
//   // every assessment check, report and survey due in May 2025 (Asia/Shanghai)
//   const auto cn = charter.calendar("office");
//   auto list = occurrences(charter, cn.from_local(ptime(date(2025, 5, 1))),
//                           cn.from_local(ptime(date(2025, 6, 1))));

#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/cycle/cycle.hpp"
#include "charter/model/charter.hpp"

namespace charter::cycle {

struct Occurrence {
  std::string cycle;
  std::string subject;                   ///< "" for the centre
  boost::gregorian::date period_start;   ///< first local date of the period
  boost::gregorian::date period_end;     ///< local date after the last (half-open)
  boost::gregorian::date scheduled;      ///< the day the occurrence is planned for
  boost::posix_time::ptime due;          ///< UTC
  std::string responsible;               ///< role id (the cycle's owner)

  friend bool operator==(const Occurrence& a, const Occurrence& b) {
    return a.cycle == b.cycle && a.subject == b.subject && a.period_start == b.period_start &&
           a.period_end == b.period_end && a.scheduled == b.scheduled && a.due == b.due &&
           a.responsible == b.responsible;
  }
  friend bool operator!=(const Occurrence& a, const Occurrence& b) { return !(a == b); }
};

/// Every occurrence of the charter's cycles whose period overlaps [from, to) (UTC). Throws
/// InvalidTimeError for special values or from > to.
std::vector<Occurrence> occurrences(const Charter& charter, const boost::posix_time::ptime& from,
                                    const boost::posix_time::ptime& to);

/// The occurrences of one cycle, its subjects taken from `organization`.
std::vector<Occurrence> occurrences(const Cycle& cycle, const org::Organization& organization,
                                    const boost::posix_time::ptime& from,
                                    const boost::posix_time::ptime& to);

/// The subjects of a cycle's scope in the organisation's order, whatever their dates ("" alone
/// for the centre).
std::vector<std::string> subjects(const Cycle& cycle, const org::Organization& organization);

/// The period of `p` containing the local date `d`: [start, end).
std::pair<boost::gregorian::date, boost::gregorian::date> period_of(Period p,
                                                                    const boost::gregorian::date& d);

}  // namespace charter::cycle
