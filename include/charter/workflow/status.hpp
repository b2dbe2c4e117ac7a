#pragma once
// What a case looks like as of an instant: its state, every timer cycle with its due instant and
// result, its checklists, the escalations raised, and who must act next. Everything here is
// derived from the case's event log and the instant asked about; nothing is stored twice.
//
// Meaning:
//   - A timer cycle is running, paused (the case is in one of the timer's pause states) or
//     stopped. `due` is the earliest instant at which the goal's counted time has elapsed; a
//     cycle is met when it stopped at or before due, breached when it stopped after due or is
//     still going after due. `remaining` is negative once overdue. While paused, due and the
//     warning instant are not set: they depend on when the case resumes.
//   - `elapsed`, `remaining` and `goal` are counted on the goal's measure: business time on the
//     timer's calendar for business rules, clock time for every other rule and for agreed
//     instants.
//   - An escalation is raised when its trigger happens at or before the instant asked about:
//     a cycle starting, its warning instant passing, its due instant passing unmet.
//   - All instants are UTC.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/calendar/business_calendar.hpp"

namespace charter::workflow {

enum class TimerPhase {
  running,  ///< counting
  paused,   ///< not counting: the case is in a pause state
  stopped,  ///< ended by a stop or restart trigger
};

struct TimerStatus {
  std::string timer;
  std::string rule;        ///< the rulebook rule, e.g. "R-05"
  int cycle = 1;           ///< 1 for the first cycle, 2 after the first restart, …
  TimerPhase phase = TimerPhase::running;
  std::string goal;        ///< the goal's rule text, or "agreed time (next_reply_at)"
  boost::posix_time::ptime started;
  boost::posix_time::ptime stopped;     ///< not_a_date_time unless stopped
  boost::posix_time::ptime due;         ///< not_a_date_time while paused or without a goal
  boost::posix_time::ptime warning_at;  ///< not_a_date_time without a warning or while paused
  boost::posix_time::time_duration goal_time;  ///< counted time the goal allows
  boost::posix_time::time_duration elapsed;    ///< counted time used
  boost::posix_time::time_duration remaining;  ///< goal_time - elapsed (negative: overdue)
  bool met = false;       ///< stopped at or before due
  bool breached = false;  ///< stopped after due, or going on past due
  bool at_risk = false;   ///< going on, past its warning instant, not yet breached
};

struct ChecklistItemStatus {
  std::string id;       ///< "checklist.item"
  bool applies = true;  ///< false when the item's condition does not hold for this case
  bool ticked = false;
};

struct ChecklistStatus {
  std::string id;
  bool complete = false;  ///< every applicable item ticked
  std::vector<ChecklistItemStatus> items;
};

struct RaisedEscalation {
  std::string id;
  std::string rule;
  std::string timer;
  int cycle = 1;
  std::string on;                       ///< "start", "warning" or "breach"
  boost::posix_time::ptime at;          ///< when it was raised
  std::string role;                     ///< the role it goes to
  std::vector<std::string> staff;       ///< active staff holding that role on that day
};

struct CaseStatus {
  std::string case_id;
  std::string workflow;
  boost::posix_time::ptime as_of;
  std::string state;
  bool open = true;                               ///< not in a terminal state
  boost::posix_time::ptime opened;                ///< the intake event's instant
  boost::posix_time::ptime last_event;            ///< the latest event at or before as_of
  std::size_t events = 0;                         ///< events at or before as_of
  std::vector<std::pair<std::string, std::string>> attributes;  ///< as given, in definition order
  std::vector<TimerStatus> timers;                ///< every cycle, in the order they started
  std::vector<ChecklistStatus> checklists;
  std::vector<RaisedEscalation> escalations;      ///< in the order they were raised
  std::string next_event;                         ///< what should happen next ("" when closed)
  std::vector<std::string> responsible;           ///< roles responsible for next_event
  /// The newest cycle of a timer, or nullptr when it never started.
  const TimerStatus* timer(const std::string& id) const {
    const TimerStatus* found = nullptr;
    for (const auto& t : timers) {
      if (t.timer == id) found = &t;
    }
    return found;
  }
};

/// Why a timer cycle is where it is: start, pauses, closed time skipped, goal and result.
struct TimerExplanation {
  std::string case_id;
  std::string timer;
  std::string rule;
  int cycle = 1;
  std::string calendar;  ///< name and zone
  std::string goal;      ///< rule text and how it was chosen ("critical → 24 hours")
  boost::posix_time::ptime started;
  std::vector<std::pair<boost::posix_time::ptime, boost::posix_time::ptime>> pauses;  ///< [from, to); to is not_a_date_time while paused
  std::vector<calendar::ClosedSpan> skipped;  ///< the calendar's closed time inside the counted span (business measure)
  TimerStatus status;    ///< the result as of the instant asked about
  std::string text;      ///< all of it, one fact per line, in the calendar's local time
};

}  // namespace charter::workflow
