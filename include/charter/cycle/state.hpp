#pragma once
// State: where an occurrence of a cycle (or one of its follow-ups) stands as of an instant. What
// decides each state is status.hpp's; a cycle's rectification entry (cycle.hpp) names the states
// that raise a notice, so the enumeration stands on its own.

namespace charter::cycle {

/// Where an occurrence (or a follow-up) stands.
enum class State {
  done,          ///< completed with sufficient evidence by the due instant
  done_late,     ///< completed after the due instant, before the window closed
  insufficient,  ///< records given, but the evidence falls short
  due,           ///< not done, not yet due
  overdue,       ///< not done, past due, a late completion still possible
  missed,        ///< not done, and the window for a late completion has closed
};

/// "done", "done_late", "insufficient", "due", "overdue", "missed".
const char* state_name(State s);

}  // namespace charter::cycle
