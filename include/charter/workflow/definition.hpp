#pragma once
// Definition: one kind of case (complaint, rectification notice, repair order …) as data — its
// states, the transition table, the attributes and fields events carry, checklists, timers with
// their goals, and escalations. One engine (Case, Tracker) runs every definition.
//
// Meaning:
//   - The transition table is the whole of what may happen: a row {event, from, to, action,
//     requires, ticks, checklists, when} says that `event` may fire in any state of `from`
//     (every state neither initial nor terminal when `from` is empty), moves the case to `to`
//     (stays when empty), may be taken by a staff member the organisation allows to perform
//     `action` (anyone when `action` is empty — the customer, a system), needs the fields in
//     `requires`, ticks checklist items, needs the named checklists complete, and applies only
//     when the case's attributes match `when`. At most one row per (event, state).
//   - A case is in the initial state until its first event (the intake: a row from the initial
//     state, such as `receive`) is accepted; the initial state is not a place a case returns to.
//   - Attributes (severity, channel, customer, unit) are fields that describe the case; any
//     event may set them and the intake event must give the required ones. An attribute with
//     `values` accepts only those.
//   - A timer counts time towards a goal in cycles. A cycle starts on a `start` trigger (an event
//     applied, or the case entering a state), is paused while the case is in a `pause` state,
//     and ends on a `stop` trigger. A `restart` trigger ends the running cycle (cancelled, kept in
//     history) and starts a new one; a start trigger while a cycle runs changes nothing; a start
//     trigger after a cycle ended starts a new cycle. `when` limits the timer to matching cases
//     (checked when a cycle starts).
//   - The goal is a calendar::Deadline on the timer's named calendar, chosen by the value of the
//     goal attribute when the cycle starts (severity: minor / normal / major / critical), or an
//     instant an event gives in a field (R-09: the agreed next-reply time). Time counts on the
//     rule's measure: business time on the calendar for business rules, clock time otherwise;
//     pauses push the due instant back by the time they took on that measure. Without pauses the
//     due instant is exactly Deadline::due(start).
//   - A warning falls at a fraction of the goal (0 < f < 1) or a fixed amount before it.
//   - An escalation is raised when a timer's cycle starts (intake: R-08's immediate report),
//     reaches its warning, or is breached, for matching cases. Its target is a role: named, or
//     `levels_up` above the role responsible for the timer's stop event in the reporting line.
//
// Building a Definition checks everything against the charter's calendars and organisation and
// throws DefinitionError listing every problem with its path ("timers[2].calendar: unknown
// calendar 'hotline'").
//
// Example:
//   const Definition& complaint = charter::builtin().workflow("complaint");
//   for (const auto& row : complaint.transitions()) std::cout << row.event << '\n';
//   std::cout << mermaid(complaint);

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/error.hpp"
#include "charter/localized_text.hpp"
#include "charter/org/organization.hpp"

namespace charter::workflow {

struct State {
  std::string id;
  LocalizedText name;
  bool initial = false;   ///< exactly one state: where a case is before its first event
  bool terminal = false;  ///< no row fires from here unless it names this state in `from`
  friend bool operator==(const State& a, const State& b) {
    return a.id == b.id &&
           a.name == b.name &&
           a.initial == b.initial &&
           a.terminal == b.terminal;
  }
  friend bool operator!=(const State& a, const State& b) { return !(a == b); }
};

/// A condition on one attribute: the case's value is one of `values`.
struct Condition {
  std::string attribute;
  std::vector<std::string> values;
  friend bool operator==(const Condition& a, const Condition& b) {
    return a.attribute == b.attribute &&
           a.values == b.values;
  }
  friend bool operator!=(const Condition& a, const Condition& b) { return !(a == b); }
};

struct Attribute {
  std::string id;
  LocalizedText name;
  std::vector<std::string> values;  ///< allowed values; empty: any text
  bool required = false;            ///< the intake event must give it
  friend bool operator==(const Attribute& a, const Attribute& b) {
    return a.id == b.id &&
           a.name == b.name &&
           a.values == b.values &&
           a.required == b.required;
  }
  friend bool operator!=(const Attribute& a, const Attribute& b) { return !(a == b); }
};

/// A field events may carry besides attributes.
struct FieldSpec {
  enum class Type {
    text,     ///< any text
    instant,  ///< "YYYY-MM-DD HH:MM[:SS]", local wall time in the workflow's zone
  };
  std::string id;
  LocalizedText name;
  Type type = Type::text;
  friend bool operator==(const FieldSpec& a, const FieldSpec& b) {
    return a.id == b.id &&
           a.name == b.name &&
           a.type == b.type;
  }
  friend bool operator!=(const FieldSpec& a, const FieldSpec& b) { return !(a == b); }
};

struct Transition {
  std::string event;
  std::vector<std::string> from;        ///< states; empty: every non-terminal, non-initial one
  std::string to;                       ///< empty: the state does not change
  std::string action;                   ///< org action the actor must be allowed; empty: anyone
  std::vector<std::string> requires;    ///< fields (or attributes) the event must carry
  std::vector<std::string> ticks;       ///< checklist items ("checklist.item") it ticks
  std::vector<std::string> checklists;  ///< checklists that must be complete first
  std::vector<Condition> when;          ///< attributes the case must have
  std::string rule;                     ///< the rulebook rule it encodes, e.g. "R-09"
  LocalizedText name;
  friend bool operator==(const Transition& a, const Transition& b) {
    return a.event == b.event &&
           a.from == b.from &&
           a.to == b.to &&
           a.action == b.action &&
           a.requires == b.requires &&
           a.ticks == b.ticks &&
           a.checklists == b.checklists &&
           a.when == b.when &&
           a.rule == b.rule &&
           a.name == b.name;
  }
  friend bool operator!=(const Transition& a, const Transition& b) { return !(a == b); }
};

struct ChecklistItem {
  std::string id;
  LocalizedText name;
  std::vector<Condition> when;  ///< the item applies only to matching cases
  friend bool operator==(const ChecklistItem& a, const ChecklistItem& b) {
    return a.id == b.id &&
           a.name == b.name &&
           a.when == b.when;
  }
  friend bool operator!=(const ChecklistItem& a, const ChecklistItem& b) { return !(a == b); }
};

struct Checklist {
  std::string id;
  LocalizedText name;
  std::string rule;
  std::vector<ChecklistItem> items;
  friend bool operator==(const Checklist& a, const Checklist& b) {
    return a.id == b.id &&
           a.name == b.name &&
           a.rule == b.rule &&
           a.items == b.items;
  }
  friend bool operator!=(const Checklist& a, const Checklist& b) { return !(a == b); }
};

/// Events applied, or states entered, that set a timer going (or stop / restart it).
struct Trigger {
  std::vector<std::string> events;
  std::vector<std::string> states;
  bool empty() const { return events.empty() && states.empty(); }
  friend bool operator==(const Trigger& a, const Trigger& b) {
    return a.events == b.events &&
           a.states == b.states;
  }
  friend bool operator!=(const Trigger& a, const Trigger& b) { return !(a == b); }
};

struct Goal {
  std::string attribute;                              ///< chooses the rule; empty: one rule
  std::map<std::string, calendar::Deadline> rules;    ///< by attribute value; "" = default
  std::string field;  ///< instead of rules: an instant field of the start event (R-09)
  friend bool operator==(const Goal& a, const Goal& b) {
    return a.attribute == b.attribute &&
           a.rules == b.rules &&
           a.field == b.field;
  }
  friend bool operator!=(const Goal& a, const Goal& b) { return !(a == b); }
};

/// When a running timer is at risk: "75%" of its goal, or "12 hours before" / "8 business hours
/// before" its due instant.
struct Warning {
  enum class Kind {
    none,
    percent,   ///< at `percent` (1–99) % of the goal's counted time
    before,    ///< `before` (a clock or business-time rule) ahead of the due instant
  };
  Kind kind = Kind::none;
  int percent = 0;
  std::optional<calendar::Deadline> before;

  /// Parses "75%", "12 hours before", "8 business hours before"; ParseError otherwise.
  static Warning parse(std::string_view text);
  /// The text form; parse(text()) == *this. "" for none.
  std::string text() const;
  friend bool operator==(const Warning& a, const Warning& b) {
    return a.kind == b.kind && a.percent == b.percent && a.before == b.before;
  }
  friend bool operator!=(const Warning& a, const Warning& b) { return !(a == b); }
};

struct TimerSpec {
  std::string id;
  LocalizedText name;
  std::string rule;
  std::string calendar;  ///< a calendar id of the charter
  Trigger start, stop, restart;
  std::vector<std::string> pause;  ///< states in which the timer does not count
  std::vector<Condition> when;
  Goal goal;
  Warning warning;
  friend bool operator==(const TimerSpec& a, const TimerSpec& b) {
    return a.id == b.id &&
           a.name == b.name &&
           a.rule == b.rule &&
           a.calendar == b.calendar &&
           a.start == b.start &&
           a.stop == b.stop &&
           a.restart == b.restart &&
           a.pause == b.pause &&
           a.when == b.when &&
           a.goal == b.goal &&
           a.warning == b.warning;
  }
  friend bool operator!=(const TimerSpec& a, const TimerSpec& b) { return !(a == b); }
};

struct EscalationSpec {
  enum class On {
    start,    ///< when a cycle of the timer starts (an immediate report)
    warning,  ///< when the timer reaches its warning
    breach,   ///< when the timer passes its due instant
  };
  std::string id;
  LocalizedText name;
  std::string rule;
  std::string timer;
  On on = On::breach;
  std::string to;      ///< a role; or empty and levels_up > 0
  int levels_up = 0;   ///< above the role responsible for the timer's stop event
  std::vector<Condition> when;
  friend bool operator==(const EscalationSpec& a, const EscalationSpec& b) {
    return a.id == b.id &&
           a.name == b.name &&
           a.rule == b.rule &&
           a.timer == b.timer &&
           a.on == b.on &&
           a.to == b.to &&
           a.levels_up == b.levels_up &&
           a.when == b.when;
  }
  friend bool operator!=(const EscalationSpec& a, const EscalationSpec& b) { return !(a == b); }
};

/// Everything that defines a workflow, as plain data (what a charter file describes).
struct DefinitionSpec {
  std::string id;
  LocalizedText name;
  std::string calendar;  ///< the default calendar: its zone reads naive instants
  std::vector<State> states;
  std::vector<Attribute> attributes;
  std::vector<FieldSpec> fields;
  std::vector<Transition> transitions;
  std::vector<Checklist> checklists;
  std::vector<TimerSpec> timers;
  std::vector<EscalationSpec> escalations;
  friend bool operator==(const DefinitionSpec& a, const DefinitionSpec& b) {
    return a.id == b.id &&
           a.name == b.name &&
           a.calendar == b.calendar &&
           a.states == b.states &&
           a.attributes == b.attributes &&
           a.fields == b.fields &&
           a.transitions == b.transitions &&
           a.checklists == b.checklists &&
           a.timers == b.timers &&
           a.escalations == b.escalations;
  }
  friend bool operator!=(const DefinitionSpec& a, const DefinitionSpec& b) { return !(a == b); }
};

/// One thing wrong with a definition: where ("timers[2].calendar") and why.
struct DefinitionProblem {
  std::string path;
  std::string message;
};

/// A definition that cannot be built; what() lists every problem, one per line.
class DefinitionError : public Error {
 public:
  DefinitionError(const std::string& workflow, std::vector<DefinitionProblem> problems);
  const std::vector<DefinitionProblem>& problems() const { return problems_; }

 private:
  std::vector<DefinitionProblem> problems_;
};

namespace detail {
struct DefinitionIndex;
}

class Definition {
 public:
  /// Validates against the charter's calendars and organisation; throws DefinitionError.
  Definition(DefinitionSpec spec, const std::map<std::string, calendar::BusinessCalendar>& calendars,
             org::Organization organization);

  const DefinitionSpec& spec() const;
  const std::string& id() const { return spec().id; }
  const LocalizedText& name() const { return spec().name; }
  const std::vector<State>& states() const { return spec().states; }
  const std::vector<Transition>& transitions() const { return spec().transitions; }
  const std::vector<TimerSpec>& timers() const { return spec().timers; }
  const std::vector<Checklist>& checklists() const { return spec().checklists; }
  const std::vector<EscalationSpec>& escalations() const { return spec().escalations; }
  const std::vector<Attribute>& attributes() const { return spec().attributes; }
  /// The default calendar (its zone reads naive instants in event files).
  const calendar::BusinessCalendar& calendar() const;
  /// A timer's calendar.
  const calendar::BusinessCalendar& calendar_of(const TimerSpec& timer) const;
  const org::Organization& organization() const;
  /// The calendars the definition uses (its default calendar and its timers'), by charter id.
  const std::map<std::string, calendar::BusinessCalendar>& calendars() const;

  const State& initial_state() const;
  /// The row for `event` in `state`, or nullptr.
  const Transition* transition(const std::string& event, const std::string& state) const;
  const State& state(const std::string& id) const;      ///< UnknownIdError otherwise
  const TimerSpec& timer(const std::string& id) const;  ///< UnknownIdError otherwise
  /// Roles responsible (R) for a row's action; empty for rows open to anyone.
  std::vector<std::string> responsible_roles(const Transition& row) const;

  /// The compiled tables the engine runs on.
  const detail::DefinitionIndex& index() const { return *index_; }

  friend bool operator==(const Definition& a, const Definition& b);
  friend bool operator!=(const Definition& a, const Definition& b) { return !(a == b); }

 private:
  std::shared_ptr<const detail::DefinitionIndex> index_;
};

/// Every problem of a spec (empty when valid).
std::vector<DefinitionProblem> validate(const DefinitionSpec& spec,
                                        const std::map<std::string, calendar::BusinessCalendar>& calendars,
                                        const org::Organization& organization);

/// The transition table as a Mermaid state diagram (docs draw it from this).
std::string mermaid(const Definition& definition);

}  // namespace charter::workflow
