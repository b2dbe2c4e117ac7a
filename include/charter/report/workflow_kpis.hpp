#pragma once
// Workflow KPIs for a period: how many cases came in, day by day, and how each timer did — the
// complaint figures of the monthly quality report (客服质量月度报表): on-time reply and on-time
// resolution, the resolution rate (target 98 %).
//
// Meaning:
//   - The period is a range of local dates [first_day, last_day] on a calendar (its zone says
//     where a day starts); nothing after `as_of` counts, so a report can be replayed as it stood.
//   - A case is received in the period when its intake event's local date lies in it.
//   - A timer cycle is decided when it is met (at the instant it stopped) or breached (at its due
//     instant, whether or not it stopped later): a cycle counts in the period of that instant.
//     This counts every cycle (Tracker::cycles), so a complaint reopened in November keeps its
//     October resolution cycle in October's figures. A cycle still running, not yet past due,
//     is pending: counted for the cases received in the period, in neither rate.
//   - on_time = met / decided, NaN when nothing was decided (no data is not 100 %).
//   - The resolution rate is the share of the cases received in the period whose resolution
//     timer's newest cycle had stopped by as_of (a reopened case is unresolved again).
//
// Example:
//   const WorkflowKpis k = workflow_kpis(tracker, office, date(2025, 11, 1), date(2025, 11, 30), as_of);
//   k.timer("reply")->on_time;  // 0.962

#include <cstddef>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/calendar/business_calendar.hpp"
#include "charter/workflow/tracker.hpp"

namespace charter::report {

/// One timer over the period.
struct TimerKpi {
  std::string timer;
  std::string rule;               ///< "R-05"
  std::size_t met = 0;            ///< cycles met in the period
  std::size_t breached = 0;       ///< cycles breached in the period
  std::size_t pending = 0;        ///< cycles of cases received in the period, undecided at as_of
  double on_time = 0;             ///< met / (met + breached); NaN when nothing was decided
  std::vector<std::size_t> met_by_day;       ///< one entry per day of the period
  std::vector<std::size_t> decided_by_day;   ///< met + breached, per day
  std::size_t decided() const { return met + breached; }
};

struct WorkflowKpis {
  std::string workflow;
  boost::gregorian::date first_day, last_day;
  boost::posix_time::ptime as_of;
  std::size_t received = 0;                   ///< cases received in the period
  std::vector<std::size_t> received_by_day;   ///< one entry per day of the period
  std::string resolution_timer;               ///< the timer whose stop means resolved
  std::size_t resolved = 0;                   ///< of the cases received, resolved by as_of
  double resolution_rate = 0;                 ///< resolved / received; NaN when none received
  std::vector<TimerKpi> timers;               ///< every timer of the workflow, in definition order

  std::size_t days() const { return received_by_day.size(); }
  /// The timer's figures, or nullptr when the workflow has no such timer.
  const TimerKpi* timer(const std::string& id) const;
};

/// The figures of `tracker` for the local dates [first_day, last_day] on `calendar`, as of
/// `as_of` (UTC). `resolution_timer` names the timer whose stop resolves a case; an unknown name
/// is std::invalid_argument naming the timers, as are last_day before first_day and a period
/// over 366 days; a special as_of is InvalidTimeError.
WorkflowKpis workflow_kpis(const workflow::Tracker& tracker, const calendar::BusinessCalendar& calendar,
                           boost::gregorian::date first_day, boost::gregorian::date last_day,
                           const boost::posix_time::ptime& as_of,
                           const std::string& resolution_timer = "resolution");

}  // namespace charter::report
