#pragma once
// What occurrences and status share: subjects of a scope, scheduled days and due instants.

#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/cycle/cycle.hpp"
#include "charter/org/organization.hpp"

namespace charter::cycle::detail {

/// A subject of a cycle's scope and what says when it exists.
struct Subject {
  std::string id;
  const org::Unit* unit = nullptr;    ///< unit scopes: its `since`
  const org::Staff* staff = nullptr;  ///< staff scopes: its active period
  bool exists_on(const boost::gregorian::date& d) const;
};

std::vector<Subject> scope_subjects(const Cycle& cycle, const org::Organization& organization);

/// UTC of local 00:00 on `d` (or when the clocks land, where they jump at midnight).
boost::posix_time::ptime local_start(const calendar::BusinessCalendar& cal, const boost::gregorian::date& d);

/// InvalidTimeError for not_a_date_time and ±infinity.
void check_instant(const boost::posix_time::ptime& t, const char* what);

/// The day a period [start, end) is scheduled on; none when the recurrence skips it.
std::optional<boost::gregorian::date> scheduled_day(const Recurrence& r, const calendar::BusinessCalendar& cal,
                                                    const boost::gregorian::date& start,
                                                    const boost::gregorian::date& end);

/// The due instant of an occurrence scheduled on `scheduled` in a period ending (exclusive) at `period_end`.
boost::posix_time::ptime due_of(const Cycle& cycle, const boost::gregorian::date& scheduled,
                                const boost::gregorian::date& period_end);

}  // namespace charter::cycle::detail
