#include "charter/report/workflow_kpis.hpp"

#include <limits>
#include <stdexcept>

#include "charter/calendar/date_text.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/detail/instant.hpp"
#include "kpi_counts.hpp"

namespace charter::report {

namespace {

using charter::detail::Micros;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr Micros kNone = workflow::StatusTable::kNone;

double share(std::size_t part, std::size_t whole) {
  return whole == 0 ? kNaN : static_cast<double>(part) / static_cast<double>(whole);
}

// The period's days as local day numbers (days since 1970-01-01 in the calendar's zone), so an
// instant is placed with one zone conversion and a division.
class Days {
 public:
  Days(const calendar::BusinessCalendar& calendar, boost::gregorian::date first, boost::gregorian::date last)
      : index_(calendar.index()),
        first_((first - charter::detail::unix_epoch().date()).days()),
        count_(static_cast<std::size_t>((last - first).days() + 1)) {}

  std::size_t count() const { return count_; }
  /// The day of the period an instant (UTC microseconds) falls on, or count() outside it.
  std::size_t of(Micros utc) const {
    if (utc == kNone) return count_;
    const Micros local = index_.utc_to_local(utc);
    Micros day = local / charter::detail::kMicrosPerDay;
    if (local % charter::detail::kMicrosPerDay < 0) --day;
    const Micros k = day - first_;
    return k < 0 || k >= static_cast<Micros>(count_) ? count_ : static_cast<std::size_t>(k);
  }

 private:
  const charter::detail::CalendarIndex& index_;
  Micros first_;
  std::size_t count_;
};

}  // namespace

const TimerKpi* WorkflowKpis::timer(const std::string& id) const {
  for (const auto& t : timers) {
    if (t.timer == id) return &t;
  }
  return nullptr;
}

WorkflowKpis workflow_kpis(const workflow::Tracker& tracker, const calendar::BusinessCalendar& calendar,
                           boost::gregorian::date first_day, boost::gregorian::date last_day,
                           const boost::posix_time::ptime& as_of, const std::string& resolution_timer) {
  detail::check_period(first_day, last_day);
  return detail::kpis_of(tracker.cycles(as_of), tracker.definition().id(), calendar, first_day, last_day,
                         resolution_timer, nullptr);
}

void detail::check_period(boost::gregorian::date first_day, boost::gregorian::date last_day) {
  if (first_day.is_special() || last_day.is_special()) throw std::invalid_argument("workflow_kpis: the period's days must be dates");
  if (last_day < first_day) {
    throw std::invalid_argument("workflow_kpis: the period ends (" + calendar::format_date(last_day) +
                                ") before it starts (" + calendar::format_date(first_day) + ")");
  }
  if ((last_day - first_day).days() >= 366) throw std::invalid_argument("workflow_kpis: a period is at most 366 days");
}

std::size_t detail::timer_index(const workflow::CycleTable& cycles, const std::string& workflow_id,
                                const std::string& timer) {
  std::string known;
  for (std::size_t k = 0; k < cycles.timer_names.size(); ++k) {
    if (cycles.timer_names[k] == timer) return k;
    known += (k ? ", " : "") + cycles.timer_names[k];
  }
  throw std::invalid_argument("workflow_kpis: workflow '" + workflow_id + "' has no timer '" + timer +
                              "' (timers: " + known + ")");
}

WorkflowKpis detail::kpis_of(const workflow::CycleTable& cycles, const std::string& workflow_id,
                             const calendar::BusinessCalendar& calendar, boost::gregorian::date first_day,
                             boost::gregorian::date last_day, const std::string& resolution_timer,
                             const std::vector<std::uint8_t>* in_scope) {
  const std::size_t resolution = timer_index(cycles, workflow_id, resolution_timer);
  const boost::posix_time::ptime& as_of = cycles.as_of;
  const Days days(calendar, first_day, last_day);
  WorkflowKpis k;
  k.workflow = workflow_id;
  k.first_day = first_day;
  k.last_day = last_day;
  k.as_of = as_of;
  k.resolution_timer = resolution_timer;
  k.received_by_day.assign(days.count(), 0);
  for (std::size_t t = 0; t < cycles.timer_names.size(); ++t) {
    TimerKpi kpi;
    kpi.timer = cycles.timer_names[t];
    kpi.rule = cycles.timer_rules[t];
    kpi.met_by_day.assign(days.count(), 0);
    kpi.decided_by_day.assign(days.count(), 0);
    k.timers.push_back(std::move(kpi));
  }

  // The cases received in the period, marked once so that their pending cycles are found by
  // case_row; a case is resolved when its newest resolution cycle (its last row of that timer)
  // has stopped.
  std::vector<std::uint8_t> received(cycles.case_ids.size(), 0);
  std::vector<std::int8_t> resolution_phase(cycles.case_ids.size(), -1);
  for (std::size_t r = 0; r < cycles.case_ids.size(); ++r) {
    if (in_scope && !(*in_scope)[r]) continue;
    const std::size_t d = days.of(cycles.opened[r]);
    if (d == days.count()) continue;
    received[r] = 1;
    ++k.received;
    ++k.received_by_day[d];
  }
  for (std::size_t i = 0; i < cycles.size(); ++i) {
    if (in_scope && !(*in_scope)[cycles.case_row[i]]) continue;
    if (cycles.timer[i] == resolution) resolution_phase[cycles.case_row[i]] = cycles.phase[i];
    TimerKpi& kpi = k.timers[cycles.timer[i]];
    // Met when it stopped; breached when its due instant passed (both at or before as_of).
    // A cycle breached and then paused has no due instant until it resumes: it cannot be placed
    // in a day yet and counts as pending, like one not yet decided.
    const Micros decided = cycles.met[i] ? cycles.stopped[i] : cycles.breached[i] ? cycles.due[i] : kNone;
    if (decided != kNone) {
      const std::size_t d = days.of(decided);
      if (d == days.count()) continue;
      ++kpi.decided_by_day[d];
      if (cycles.met[i]) {
        ++kpi.met;
        ++kpi.met_by_day[d];
      } else {
        ++kpi.breached;
      }
    } else if (received[cycles.case_row[i]]) {
      ++kpi.pending;
    }
  }
  for (std::size_t r = 0; r < received.size(); ++r) {
    k.resolved += received[r] && resolution_phase[r] == static_cast<std::int8_t>(workflow::TimerPhase::stopped);
  }
  for (auto& kpi : k.timers) kpi.on_time = share(kpi.met, kpi.decided());
  k.resolution_rate = share(k.resolved, k.received);
  return k;
}

}  // namespace charter::report
