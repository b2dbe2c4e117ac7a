#pragma once
// Boost.Serialization of cycles (cycle::CycleSpec and every struct in it), with the discipline
// of serialize_standard.hpp: primitives only, every count bounded (on save too, so whatever
// saves also loads), enumerators range-checked, versioned by the envelope's schema_version of
// the charter that embeds them (charter payload version 4 on). A spec read back is only data:
// the caller rebuilds a cycle::Cycle from it, which validates it like a charter file does.
//
// Layout of one cycle, in order: id, title, source, owner, calendar; the recurrence (kind,
// weekday, day, last_business_day, month, count, per, distinct); has_due and the Deadline; the
// scope (kind, ids, under); the evidence (count, then kind, field, at_least, label each); the
// follow-ups (count, then cycle and Deadline each); has_date and since. Layout 2 (charter payload
// version 6 on) adds has_rectification and the rectification (count of states, then each state;
// the Deadline; severity; unit). Layout 1 (charter payload versions 4 and 5) has no rectification: a
// cycle with one cannot be written in it (SerializationError).
//
// Example:
//   save_cycle(ar, charter.cycle("R-23").spec());
//   cycle::CycleSpec spec = load_cycle(ar);

#include <cstdint>
#include <string>

#include "charter/cycle/cycle.hpp"
#include "charter/io/serialize_calendar.hpp"
#include "charter/io/serialize_workflow.hpp"

namespace charter::io {

/// Bounds on what an archive may claim (far above any real rulebook).
inline constexpr std::uint32_t kMaxCycles = 10000;
inline constexpr std::uint32_t kMaxEvidence = 1000;
inline constexpr std::uint32_t kMaxFollowUps = 1000;
/// The cycle layout this build writes (2: with rectification), and the oldest it reads.
inline constexpr std::uint32_t kCycleLayout = 2;
inline constexpr std::uint32_t kOldestCycleLayout = 1;

template <class Ar>
void save_cycle(Ar& ar, const cycle::CycleSpec& c, std::uint32_t layout = kCycleLayout) {
  using namespace serial;
  if (layout < 2 && c.rectification) {
    throw SerializationError("cycle '" + c.id + "' has a rectification entry, which cycle layout " +
                             std::to_string(layout) + " cannot hold");
  }
  put_string(ar, "id", c.id);
  put_text(ar, c.title);
  put_string(ar, "source", c.source);
  put_string(ar, "owner", c.owner);
  put_string(ar, "calendar", c.calendar);
  const cycle::Recurrence& r = c.recurrence;
  put_u32(ar, "recurrence", static_cast<std::uint32_t>(r.kind));
  put_i64(ar, "weekday", r.weekday);
  put_i64(ar, "day", r.day);
  put_flag(ar, "last_business_day", r.last_business_day);
  put_i64(ar, "month", r.month);
  put_i64(ar, "count", r.count);
  put_u32(ar, "per", static_cast<std::uint32_t>(r.per));
  put_string(ar, "distinct", r.distinct);
  put_flag(ar, "has_due", c.due.has_value());
  if (c.due) save_deadline(ar, *c.due);
  put_u32(ar, "scope", static_cast<std::uint32_t>(c.scope.kind));
  put_ids(ar, "ids", c.scope.ids);
  put_string(ar, "under", c.scope.under);
  put_bounded_count(ar, "evidence", c.evidence.size(), kMaxEvidence);
  for (const auto& e : c.evidence) {
    put_u32(ar, "kind", static_cast<std::uint32_t>(e.kind));
    put_string(ar, "field", e.field);
    put_i64(ar, "at_least", e.at_least);
    put_text(ar, e.label);
  }
  put_bounded_count(ar, "follow_ups", c.follow_ups.size(), kMaxFollowUps);
  for (const auto& f : c.follow_ups) {
    put_string(ar, "cycle", f.cycle);
    save_deadline(ar, f.within);
  }
  put_flag(ar, "has_since", c.since.has_value());
  if (c.since) put_date(ar, "since", *c.since);
  if (layout >= 2) {
    put_flag(ar, "has_rectification", c.rectification.has_value());
    if (c.rectification) {
      const cycle::Rectification& x = *c.rectification;
      // Six states at most; validation refuses repeats, but a count bounded by the enum's size
      // would refuse to save what a caller built, so the list's own bound applies.
      put_bounded_count(ar, "on", x.on.size(), kMaxEvidence);
      for (const cycle::State s : x.on) put_u32(ar, "state", static_cast<std::uint32_t>(s));
      save_deadline(ar, x.deadline);
      put_string(ar, "severity", x.severity);
      put_string(ar, "unit", x.unit);
    }
  }
}

namespace serial {
// A number stored as i64 that must lie in [lo, hi] to be an int of the spec.
template <class Ar>
int get_small(Ar& ar, const char* name, int lo, int hi) {
  const std::int64_t v = get_i64(ar, name);
  if (v < lo || v > hi) throw CorruptFileError(std::string("field '") + name + "' is out of range");
  return static_cast<int>(v);
}
}  // namespace serial

/// Reads one cycle of `layout` (kOldestCycleLayout … kCycleLayout; the caller checks the range).
template <class Ar>
cycle::CycleSpec load_cycle(Ar& ar, std::uint32_t layout = kCycleLayout) {
  using namespace serial;
  cycle::CycleSpec c;
  c.id = get_string(ar, "id");
  c.title = get_text(ar);
  c.source = get_string(ar, "source");
  c.owner = get_string(ar, "owner");
  c.calendar = get_string(ar, "calendar");
  cycle::Recurrence& r = c.recurrence;
  const std::uint32_t kind = get_u32(ar, "recurrence");
  if (kind > static_cast<std::uint32_t>(cycle::RecurrenceKind::follow_up)) throw CorruptFileError("unknown recurrence kind");
  r.kind = static_cast<cycle::RecurrenceKind>(kind);
  // Ranges wide enough to carry what validation refuses, so that the refusal names the problem.
  r.weekday = get_small(ar, "weekday", -1000000, 1000000);
  r.day = get_small(ar, "day", -1000000, 1000000);
  r.last_business_day = get_flag(ar, "last_business_day");
  r.month = get_small(ar, "month", -1000000, 1000000);
  r.count = get_small(ar, "count", -1000000, 1000000000);
  const std::uint32_t per = get_u32(ar, "per");
  if (per > static_cast<std::uint32_t>(cycle::Period::year)) throw CorruptFileError("unknown period");
  r.per = static_cast<cycle::Period>(per);
  r.distinct = get_string(ar, "distinct");
  if (get_flag(ar, "has_due")) c.due = load_deadline(ar, kDeadlineSchema);
  const std::uint32_t scope = get_u32(ar, "scope");
  if (scope > static_cast<std::uint32_t>(cycle::ScopeKind::staff)) throw CorruptFileError("unknown scope kind");
  c.scope.kind = static_cast<cycle::ScopeKind>(scope);
  c.scope.ids = get_ids(ar, "ids");
  c.scope.under = get_string(ar, "under");
  for (std::uint32_t i = 0, n = get_count(ar, "evidence", kMaxEvidence); i < n; ++i) {
    cycle::Evidence& e = c.evidence.emplace_back();
    const std::uint32_t k = get_u32(ar, "kind");
    if (k > static_cast<std::uint32_t>(cycle::EvidenceKind::document)) throw CorruptFileError("unknown evidence kind");
    e.kind = static_cast<cycle::EvidenceKind>(k);
    e.field = get_string(ar, "field");
    e.at_least = get_small(ar, "at_least", -1000000, 2000000000);
    e.label = get_text(ar);
  }
  for (std::uint32_t i = 0, n = get_count(ar, "follow_ups", kMaxFollowUps); i < n; ++i) {
    cycle::FollowUp& f = c.follow_ups.emplace_back();
    f.cycle = get_string(ar, "cycle");
    f.within = load_deadline(ar, kDeadlineSchema);
  }
  if (get_flag(ar, "has_since")) c.since = get_date(ar, "since");
  if (layout >= 2 && get_flag(ar, "has_rectification")) {
    cycle::Rectification& x = c.rectification.emplace();
    for (std::uint32_t i = 0, n = get_count(ar, "on", kMaxEvidence); i < n; ++i) {
      const std::uint32_t s = get_u32(ar, "state");
      if (s > static_cast<std::uint32_t>(cycle::State::missed)) throw CorruptFileError("unknown occurrence state");
      x.on.push_back(static_cast<cycle::State>(s));
    }
    x.deadline = load_deadline(ar, kDeadlineSchema);
    x.severity = get_string(ar, "severity");
    x.unit = get_string(ar, "unit");
  }
  return c;
}

}  // namespace charter::io
