#pragma once
// The compiled form of a workflow Definition: dense indices for states, events, slots (attributes
// and fields), checklist items and timers, so the engine applies an event with a few array
// lookups. Built once by Definition's constructor after validation; immutable afterwards.

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/org/organization.hpp"
#include "charter/workflow/definition.hpp"

namespace charter::workflow::detail {

inline constexpr int kMaxStates = 1000;
inline constexpr int kMaxEvents = 1000;
inline constexpr int kMaxSlots = 250;          // attributes + fields
inline constexpr int kMaxChecklistItems = 64;  // one bit each
inline constexpr int kMaxTimers = 64;          // one bit each

/// A condition on an attribute (slot index < number of attributes).
struct CompiledCondition {
  int slot = 0;
  std::vector<std::string> values;
};

struct CompiledRow {
  const Transition* spec = nullptr;
  int event = 0;
  int to = -1;       ///< -1: stays
  int action = -1;   ///< index into DefinitionIndex::actions; -1: open to anyone
  std::vector<int> requires;  ///< slots
  std::uint64_t ticks = 0;    ///< checklist item bits
  std::vector<int> checklists;
  std::vector<CompiledCondition> when;
};

struct CompiledTimer {
  const TimerSpec* spec = nullptr;
  const calendar::BusinessCalendar* calendar = nullptr;
  std::vector<CompiledCondition> when;
  int goal_slot = -1;   ///< the attribute choosing the rule; -1: one rule
  int goal_field = -1;  ///< an instant field giving the due instant; -1: rules
  std::vector<std::pair<std::string, calendar::Deadline>> rules;  ///< by value
  const calendar::Deadline* default_rule = nullptr;
};

struct CompiledEscalation {
  const EscalationSpec* spec = nullptr;
  int timer = 0;
  std::vector<CompiledCondition> when;
  std::string role;  ///< the target, resolved through the reporting line
};

/// What a trigger does to a timer.
enum class TimerOp : std::uint8_t { start, stop, restart };

struct DefinitionIndex {
  DefinitionSpec spec;
  org::Organization organization;
  std::map<std::string, calendar::BusinessCalendar> calendars;  ///< those the definition uses
  const calendar::BusinessCalendar* default_calendar = nullptr;

  std::unordered_map<std::string, int> state_ids, event_ids, slot_ids, timer_ids;
  std::vector<std::string> event_names;
  int initial = 0;
  std::vector<char> terminal;  ///< by state
  int n_attributes = 0;        ///< slots [0, n_attributes) are attributes, the rest fields
  std::vector<FieldSpec::Type> slot_type;
  std::vector<std::string> slot_names;
  std::vector<std::vector<std::string>> allowed;  ///< by slot (attributes only); empty: any
  std::vector<int> required_attributes;           ///< slots the intake must give

  std::vector<CompiledRow> rows;  ///< in table order
  std::vector<int> row_at;        ///< [event * states + state] → row index or -1
  std::vector<std::string> actions;

  std::vector<std::string> item_names;  ///< "checklist.item", by bit
  std::vector<std::vector<CompiledCondition>> item_when;
  std::vector<std::uint64_t> checklist_mask;  ///< by checklist

  std::vector<CompiledTimer> timers;
  std::vector<std::vector<std::pair<int, TimerOp>>> on_event;  ///< by event
  std::vector<std::vector<std::pair<int, TimerOp>>> on_enter;  ///< by state
  std::vector<std::uint64_t> paused_in;                        ///< by state: timer bits

  std::vector<CompiledEscalation> escalations;

  int states() const { return static_cast<int>(terminal.size()); }
  int row(int event, int state) const {
    return row_at[static_cast<std::size_t>(event) * terminal.size() + static_cast<std::size_t>(state)];
  }
  int event_id(const std::string& name) const {
    auto it = event_ids.find(name);
    return it == event_ids.end() ? -1 : it->second;
  }
  int slot_id(const std::string& name) const {
    auto it = slot_ids.find(name);
    return it == slot_ids.end() ? -1 : it->second;
  }
};

}  // namespace charter::workflow::detail
