#pragma once
// Boost.Serialization of workflow definitions (workflow::DefinitionSpec and every struct in it),
// with the same discipline as serialize_calendar.hpp and serialize_org.hpp: primitives only,
// every count and length bounded before anything is appended, strings UTF-8 on save and load,
// enumerators and flags range-checked, versioned by the envelope's schema_version of the payload
// that embeds them (a charter). A spec read back is only data: the caller rebuilds a
// workflow::Definition from it, which validates it against the charter's calendars and
// organisation like a definition from a charter file.
//
// Layout of one definition, in order: id, name, calendar; states; attributes; fields;
// transitions; checklists; timers; escalations — each list as a count and its entries.
//
// Events (the logs of saved cases and trackers, archive.hpp) the same way: case id, `at` as
// int64 microseconds since 1970-01-01 UTC (exact; special values are refused on save, instants
// outside 1400..9999 on load), event name, actor, then the fields as a count and name/value
// pairs. A field value may be as long as an event-file line (kMaxFieldValueBytes, 1 MiB); every
// other string is bounded by kMaxStringBytes. An event read back is only data: the caller
// replays it into a Case or Tracker, which checks it like any other event.
//
// Example:
//   save_workflow(ar, charter.workflow("complaint").spec());
//   workflow::DefinitionSpec spec = load_workflow(ar);
//   save_event(ar, event);
//   workflow::Event e = load_event(ar);

#include <cstdint>
#include <string>
#include <vector>

#include "charter/detail/instant.hpp"
#include "charter/io/serialize_calendar.hpp"
#include "charter/workflow/definition.hpp"
#include "charter/workflow/event.hpp"

namespace charter::io {

/// Bounds on what an archive may claim (far above any real rulebook).
inline constexpr std::uint32_t kMaxWorkflows = 1000;
inline constexpr std::uint32_t kMaxStatesPerWorkflow = 10000;
inline constexpr std::uint32_t kMaxAttributesPerWorkflow = 10000;
inline constexpr std::uint32_t kMaxFieldsPerWorkflow = 10000;
inline constexpr std::uint32_t kMaxTransitionsPerWorkflow = 100000;
inline constexpr std::uint32_t kMaxChecklistsPerWorkflow = 10000;
inline constexpr std::uint32_t kMaxItemsPerChecklist = 10000;
inline constexpr std::uint32_t kMaxTimersPerWorkflow = 10000;
inline constexpr std::uint32_t kMaxEscalationsPerWorkflow = 10000;
/// Entries of one list of ids or values (from, requires, values, events, …).
inline constexpr std::uint32_t kMaxIdsPerList = 10000;
inline constexpr std::uint32_t kMaxConditions = 1000;
inline constexpr std::uint32_t kMaxGoalRules = 10000;
/// levels_up and percent as a charter file can write them (up to nine digits).
inline constexpr std::int64_t kMaxLevelsUp = 999999999;

/// Payload versions of saved cases and trackers (PayloadType::workflow_case, ::tracker). Version
/// 1 embeds a charter in the layout of charter payload version kEmbeddedCharterSchema
/// (serialize_org.hpp); a new charter layout means a new case and tracker version too.
inline constexpr std::uint32_t kCaseSchema = 1;
inline constexpr std::uint32_t kTrackerSchema = 1;
inline constexpr std::uint32_t kEmbeddedCharterSchema = 2;
/// Events of one saved case or tracker (the payload size bounds them long before this).
inline constexpr std::uint32_t kMaxArchivedEvents = 100000000;
inline constexpr std::uint32_t kMaxFieldsPerEvent = 10000;
/// A field value, like an event-file line, is at most 1 MiB.
inline constexpr std::uint32_t kMaxFieldValueBytes = 1u << 20;

namespace serial {

/// A count a load would refuse (more than `limit`) is refused on save instead (SerializationError),
/// so that whatever saves also loads.
template <class Ar>
void put_bounded_count(Ar& ar, const char* name, std::size_t n, std::uint32_t limit) {
  if (n > limit) {
    throw SerializationError(std::string("field '") + name + "' holds " + std::to_string(n) + " entries; at most " +
                             std::to_string(limit) + " can be loaded, so it cannot be saved");
  }
  put_count(ar, name, n);
}

template <class Ar>
void put_ids(Ar& ar, const char* name, const std::vector<std::string>& ids) {
  put_bounded_count(ar, name, ids.size(), kMaxIdsPerList);
  for (const auto& id : ids) put_string(ar, "id", id);
}
template <class Ar>
std::vector<std::string> get_ids(Ar& ar, const char* name) {
  std::vector<std::string> ids;
  for (std::uint32_t i = 0, n = get_count(ar, name, kMaxIdsPerList); i < n; ++i) {
    ids.push_back(get_string(ar, "id"));
  }
  return ids;
}

template <class Ar>
void put_flag(Ar& ar, const char* name, bool v) {
  put_u32(ar, name, v ? 1 : 0);
}
template <class Ar>
bool get_flag(Ar& ar, const char* name) {
  const std::uint32_t v = get_u32(ar, name);
  if (v > 1) throw CorruptFileError(std::string("field '") + name + "' is neither 0 nor 1");
  return v == 1;
}

/// An enumerator stored as its number, which must be at most `last`.
template <class E, class Ar>
E get_enum(Ar& ar, const char* name, E last) {
  const std::uint32_t v = get_u32(ar, name);
  if (v > static_cast<std::uint32_t>(last)) {
    throw CorruptFileError(std::string("field '") + name + "' holds " + std::to_string(v) +
                           ", which is not one of its values");
  }
  return static_cast<E>(v);
}

template <class Ar>
void put_conditions(Ar& ar, const std::vector<workflow::Condition>& when) {
  put_count(ar, "when", when.size());
  for (const auto& c : when) {
    put_string(ar, "attribute", c.attribute);
    put_ids(ar, "values", c.values);
  }
}
template <class Ar>
std::vector<workflow::Condition> get_conditions(Ar& ar) {
  std::vector<workflow::Condition> when;
  for (std::uint32_t i = 0, n = get_count(ar, "when", kMaxConditions); i < n; ++i) {
    workflow::Condition& c = when.emplace_back();
    c.attribute = get_string(ar, "attribute");
    c.values = get_ids(ar, "values");
  }
  return when;
}

template <class Ar>
void put_trigger(Ar& ar, const workflow::Trigger& t) {
  put_ids(ar, "events", t.events);
  put_ids(ar, "states", t.states);
}
template <class Ar>
workflow::Trigger get_trigger(Ar& ar) {
  workflow::Trigger t;
  t.events = get_ids(ar, "events");
  t.states = get_ids(ar, "states");
  return t;
}

/// A string of at most `limit` bytes (put_string / get_string for longer texts).
template <class Ar>
void put_long_string(Ar& ar, const char* name, const std::string& s, std::uint32_t limit) {
  if (s.size() > limit) {
    throw SerializationError(std::string("field '") + name + "' is longer than " + std::to_string(limit) +
                             " bytes and cannot be saved");
  }
  if (!is_utf8(s)) {
    throw SerializationError(std::string("field '") + name + "' is not valid UTF-8 text and cannot be saved");
  }
  put_count(ar, name, s.size());
  ar << boost::serialization::make_nvp(
      "bytes", boost::serialization::make_binary_object(const_cast<char*>(s.data()), s.size()));
}
template <class Ar>
std::string get_long_string(Ar& ar, const char* name, std::uint32_t limit) {
  std::string s(get_count(ar, name, limit), '\0');
  ar >> boost::serialization::make_nvp("bytes", boost::serialization::make_binary_object(s.data(), s.size()));
  if (!is_utf8(s)) throw CorruptFileError(std::string("field '") + name + "' is not valid UTF-8 text");
  return s;
}

}  // namespace serial

/// One event (layout above). SerializationError for an event that cannot be saved: `at` not a
/// real instant, a string too long or not UTF-8, more than kMaxFieldsPerEvent fields.
template <class Ar>
void save_event(Ar& ar, const workflow::Event& e) {
  using namespace serial;
  if (e.at.is_special()) {
    throw SerializationError("event '" + e.name + "' of case '" + e.case_id + "' has no real instant");
  }
  if (e.fields.size() > kMaxFieldsPerEvent) {
    throw SerializationError("event '" + e.name + "' of case '" + e.case_id + "' has more than " +
                             std::to_string(kMaxFieldsPerEvent) + " fields");
  }
  put_string(ar, "case", e.case_id);
  put_i64(ar, "at", (e.at - charter::detail::unix_epoch()).total_microseconds());
  put_string(ar, "event", e.name);
  put_string(ar, "actor", e.actor);
  put_count(ar, "fields", e.fields.size());
  for (const auto& f : e.fields) {
    put_string(ar, "name", f.name);
    put_long_string(ar, "value", f.value, kMaxFieldValueBytes);
  }
}

template <class Ar>
workflow::Event load_event(Ar& ar) {
  using namespace serial;
  workflow::Event e;
  e.case_id = get_string(ar, "case");
  const std::int64_t at = get_i64(ar, "at");
  if (at < charter::detail::kMinMicros || at >= charter::detail::kEndMicros) {
    throw CorruptFileError("field 'at' holds " + std::to_string(at) +
                           " microseconds, which is not an instant between the years 1400 and 9999");
  }
  e.at = charter::detail::from_micros(at);
  e.name = get_string(ar, "event");
  e.actor = get_string(ar, "actor");
  for (std::uint32_t i = 0, n = get_count(ar, "fields", kMaxFieldsPerEvent); i < n; ++i) {
    workflow::Field& f = e.fields.emplace_back();
    f.name = get_string(ar, "name");
    f.value = get_long_string(ar, "value", kMaxFieldValueBytes);
  }
  return e;
}

template <class Ar>
void save_workflow(Ar& ar, const workflow::DefinitionSpec& spec) {
  using namespace serial;
  put_string(ar, "id", spec.id);
  put_text(ar, spec.name);
  put_string(ar, "calendar", spec.calendar);
  put_count(ar, "states", spec.states.size());
  for (const auto& s : spec.states) {
    put_string(ar, "id", s.id);
    put_text(ar, s.name);
    put_flag(ar, "initial", s.initial);
    put_flag(ar, "terminal", s.terminal);
  }
  put_count(ar, "attributes", spec.attributes.size());
  for (const auto& a : spec.attributes) {
    put_string(ar, "id", a.id);
    put_text(ar, a.name);
    put_ids(ar, "values", a.values);
    put_flag(ar, "required", a.required);
  }
  put_count(ar, "fields", spec.fields.size());
  for (const auto& f : spec.fields) {
    put_string(ar, "id", f.id);
    put_text(ar, f.name);
    put_u32(ar, "type", static_cast<std::uint32_t>(f.type));
  }
  put_count(ar, "transitions", spec.transitions.size());
  for (const auto& t : spec.transitions) {
    put_string(ar, "event", t.event);
    put_ids(ar, "from", t.from);
    put_string(ar, "to", t.to);
    put_string(ar, "action", t.action);
    put_ids(ar, "requires", t.requires);
    put_ids(ar, "ticks", t.ticks);
    put_ids(ar, "checklists", t.checklists);
    put_conditions(ar, t.when);
    put_string(ar, "rule", t.rule);
    put_text(ar, t.name);
  }
  put_count(ar, "checklists", spec.checklists.size());
  for (const auto& c : spec.checklists) {
    put_string(ar, "id", c.id);
    put_text(ar, c.name);
    put_string(ar, "rule", c.rule);
    put_count(ar, "items", c.items.size());
    for (const auto& item : c.items) {
      put_string(ar, "id", item.id);
      put_text(ar, item.name);
      put_conditions(ar, item.when);
    }
  }
  put_count(ar, "timers", spec.timers.size());
  for (const auto& t : spec.timers) {
    put_string(ar, "id", t.id);
    put_text(ar, t.name);
    put_string(ar, "rule", t.rule);
    put_string(ar, "calendar", t.calendar);
    put_trigger(ar, t.start);
    put_trigger(ar, t.stop);
    put_trigger(ar, t.restart);
    put_ids(ar, "pause", t.pause);
    put_conditions(ar, t.when);
    put_string(ar, "goal_attribute", t.goal.attribute);
    put_count(ar, "goal_rules", t.goal.rules.size());
    for (const auto& [value, rule] : t.goal.rules) {
      put_string(ar, "value", value);
      save_deadline(ar, rule);
    }
    put_string(ar, "goal_field", t.goal.field);
    put_u32(ar, "warning_kind", static_cast<std::uint32_t>(t.warning.kind));
    put_i64(ar, "warning_percent", t.warning.percent);
    put_flag(ar, "has_before", t.warning.before.has_value());
    if (t.warning.before) save_deadline(ar, *t.warning.before);
  }
  put_count(ar, "escalations", spec.escalations.size());
  for (const auto& e : spec.escalations) {
    put_string(ar, "id", e.id);
    put_text(ar, e.name);
    put_string(ar, "rule", e.rule);
    put_string(ar, "timer", e.timer);
    put_u32(ar, "on", static_cast<std::uint32_t>(e.on));
    put_string(ar, "to", e.to);
    put_i64(ar, "levels_up", e.levels_up);
    put_conditions(ar, e.when);
  }
}

template <class Ar>
workflow::DefinitionSpec load_workflow(Ar& ar) {
  using namespace serial;
  using namespace workflow;
  DefinitionSpec spec;
  // Entries are appended as they are read, never allocated up front from a claimed count.
  spec.id = get_string(ar, "id");
  spec.name = get_text(ar);
  spec.calendar = get_string(ar, "calendar");
  for (std::uint32_t i = 0, n = get_count(ar, "states", kMaxStatesPerWorkflow); i < n; ++i) {
    State& s = spec.states.emplace_back();
    s.id = get_string(ar, "id");
    s.name = get_text(ar);
    s.initial = get_flag(ar, "initial");
    s.terminal = get_flag(ar, "terminal");
  }
  for (std::uint32_t i = 0, n = get_count(ar, "attributes", kMaxAttributesPerWorkflow); i < n; ++i) {
    Attribute& a = spec.attributes.emplace_back();
    a.id = get_string(ar, "id");
    a.name = get_text(ar);
    a.values = get_ids(ar, "values");
    a.required = get_flag(ar, "required");
  }
  for (std::uint32_t i = 0, n = get_count(ar, "fields", kMaxFieldsPerWorkflow); i < n; ++i) {
    FieldSpec& f = spec.fields.emplace_back();
    f.id = get_string(ar, "id");
    f.name = get_text(ar);
    f.type = get_enum(ar, "type", FieldSpec::Type::instant);
  }
  for (std::uint32_t i = 0, n = get_count(ar, "transitions", kMaxTransitionsPerWorkflow); i < n; ++i) {
    Transition& t = spec.transitions.emplace_back();
    t.event = get_string(ar, "event");
    t.from = get_ids(ar, "from");
    t.to = get_string(ar, "to");
    t.action = get_string(ar, "action");
    t.requires = get_ids(ar, "requires");
    t.ticks = get_ids(ar, "ticks");
    t.checklists = get_ids(ar, "checklists");
    t.when = get_conditions(ar);
    t.rule = get_string(ar, "rule");
    t.name = get_text(ar);
  }
  for (std::uint32_t i = 0, n = get_count(ar, "checklists", kMaxChecklistsPerWorkflow); i < n; ++i) {
    Checklist& c = spec.checklists.emplace_back();
    c.id = get_string(ar, "id");
    c.name = get_text(ar);
    c.rule = get_string(ar, "rule");
    for (std::uint32_t j = 0, ni = get_count(ar, "items", kMaxItemsPerChecklist); j < ni; ++j) {
      ChecklistItem& item = c.items.emplace_back();
      item.id = get_string(ar, "id");
      item.name = get_text(ar);
      item.when = get_conditions(ar);
    }
  }
  for (std::uint32_t i = 0, n = get_count(ar, "timers", kMaxTimersPerWorkflow); i < n; ++i) {
    TimerSpec& t = spec.timers.emplace_back();
    t.id = get_string(ar, "id");
    t.name = get_text(ar);
    t.rule = get_string(ar, "rule");
    t.calendar = get_string(ar, "calendar");
    t.start = get_trigger(ar);
    t.stop = get_trigger(ar);
    t.restart = get_trigger(ar);
    t.pause = get_ids(ar, "pause");
    t.when = get_conditions(ar);
    t.goal.attribute = get_string(ar, "goal_attribute");
    for (std::uint32_t j = 0, nr = get_count(ar, "goal_rules", kMaxGoalRules); j < nr; ++j) {
      std::string value = get_string(ar, "value");
      calendar::Deadline rule = load_deadline(ar, kDeadlineSchema);
      if (!t.goal.rules.emplace(value, rule).second) {
        throw CorruptFileError("timer '" + t.id + "' has two goal rules for '" + value + "'");
      }
    }
    t.goal.field = get_string(ar, "goal_field");
    t.warning.kind = get_enum(ar, "warning_kind", Warning::Kind::before);
    const std::int64_t percent = get_i64(ar, "warning_percent");
    if (percent < 0 || percent > 100) throw CorruptFileError("warning percent out of range");
    t.warning.percent = static_cast<int>(percent);
    if (get_flag(ar, "has_before")) t.warning.before = load_deadline(ar, kDeadlineSchema);
  }
  for (std::uint32_t i = 0, n = get_count(ar, "escalations", kMaxEscalationsPerWorkflow); i < n; ++i) {
    EscalationSpec& e = spec.escalations.emplace_back();
    e.id = get_string(ar, "id");
    e.name = get_text(ar);
    e.rule = get_string(ar, "rule");
    e.timer = get_string(ar, "timer");
    e.on = get_enum(ar, "on", EscalationSpec::On::breach);
    e.to = get_string(ar, "to");
    const std::int64_t levels = get_i64(ar, "levels_up");
    if (levels < 0 || levels > kMaxLevelsUp) throw CorruptFileError("levels_up out of range");
    e.levels_up = static_cast<int>(levels);
    e.when = get_conditions(ar);
  }
  return spec;
}

}  // namespace charter::io
