#pragma once
// Boost.Serialization of service standards (standard::StandardSpec and every struct in it), with
// the discipline of serialize_workflow.hpp: primitives only, every count and length bounded
// before anything is appended (and on save: a list longer than a load accepts is refused with
// SerializationError, so whatever saves also loads), strings UTF-8, enumerators and flags
// range-checked, versioned by the envelope's schema_version of the charter that embeds them. A
// spec read back is only data: the caller rebuilds a standard::Standard from it, which validates
// it like a charter file does.
//
// Layout of one standard, in order: id, title, source, owner, kinds, channels, when, calendar,
// the rule's kind (RuleKind as a number), then the rule's members in declaration order. A
// condition is subject, test (Condition::Test as a number), number, values. Numbers (bounds)
// are stored as the 64 bits of the double, so text and XML archives keep them exactly. Layout 2
// (charter payload version 6 on) ends with has_rectification and the rectification (below as a
// number, min_checked, period, the Deadline, severity); layout 1 (charter payload versions 3 and
// 4) has none, and a standard with one cannot be written in it (SerializationError).
//
// Example:
//   save_standard(ar, charter.standard("R-01").spec());
//   standard::StandardSpec spec = load_standard(ar);

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "charter/io/serialize_workflow.hpp"
#include "charter/standard/standard.hpp"

namespace charter::io {

/// Bounds on what an archive may claim (far above any real rulebook).
inline constexpr std::uint32_t kMaxStandards = 10000;
inline constexpr std::uint32_t kMaxDeadlineChoices = 1000;
inline constexpr std::uint32_t kMaxExclusions = 10000;
/// Phrases of one list (a matcher's folded phrases are bounded more tightly when it is built).
inline constexpr std::uint32_t kMaxPhrases = 100000;
/// The standard layout this build writes (2: with rectification), and the oldest it reads.
inline constexpr std::uint32_t kStandardLayout = 2;
inline constexpr std::uint32_t kOldestStandardLayout = 1;

namespace serial {

template <class Ar>
void put_number(Ar& ar, const char* name, double v) {
  std::int64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  put_i64(ar, name, bits);
}
template <class Ar>
double get_number(Ar& ar, const char* name) {
  const std::int64_t bits = get_i64(ar, name);
  double v;
  std::memcpy(&v, &bits, sizeof v);
  if (!std::isfinite(v)) throw CorruptFileError(std::string("field '") + name + "' is not a finite number");
  return v;
}

template <class Ar>
void put_optional_number(Ar& ar, const char* name, const std::optional<double>& v) {
  put_flag(ar, "has_number", v.has_value());
  if (v) put_number(ar, name, *v);
}
template <class Ar>
std::optional<double> get_optional_number(Ar& ar, const char* name) {
  if (!get_flag(ar, "has_number")) return std::nullopt;
  return get_number(ar, name);
}

template <class Ar>
void put_standard_conditions(Ar& ar, const std::vector<standard::Condition>& list) {
  put_bounded_count(ar, "conditions", list.size(), kMaxConditions);
  for (const auto& c : list) {
    put_string(ar, "subject", c.subject);
    put_u32(ar, "test", static_cast<std::uint32_t>(c.test));
    put_number(ar, "number", c.number);
    put_ids(ar, "values", c.values);
  }
}
template <class Ar>
std::vector<standard::Condition> get_standard_conditions(Ar& ar) {
  std::vector<standard::Condition> list;
  for (std::uint32_t i = 0, n = get_count(ar, "conditions", kMaxConditions); i < n; ++i) {
    standard::Condition& c = list.emplace_back();
    c.subject = get_string(ar, "subject");
    c.test = get_enum(ar, "test", standard::Condition::Test::absent);
    c.number = get_number(ar, "number");
    c.values = get_ids(ar, "values");
  }
  return list;
}

template <class Ar>
void put_phrases(Ar& ar, const char* name, const std::vector<std::string>& phrases) {
  put_bounded_count(ar, name, phrases.size(), kMaxPhrases);
  for (const auto& p : phrases) put_string(ar, "phrase", p);
}
template <class Ar>
std::vector<std::string> get_phrases(Ar& ar, const char* name) {
  std::vector<std::string> out;
  for (std::uint32_t i = 0, n = get_count(ar, name, kMaxPhrases); i < n; ++i) out.push_back(get_string(ar, "phrase"));
  return out;
}

template <class Ar>
void put_rule(Ar& ar, const standard::Threshold& t) {
  put_text(ar, t.quantity.label);
  put_string(ar, "field", t.quantity.field);
  put_string(ar, "from", t.quantity.from);
  put_string(ar, "to", t.quantity.to);
  put_string(ar, "unit", t.quantity.unit);
  put_optional_number(ar, "at_least", t.at_least);
  put_optional_number(ar, "at_most", t.at_most);
}
template <class Ar>
void put_rule(Ar& ar, const standard::DeadlineRule& d) {
  put_string(ar, "start", d.start);
  put_string(ar, "done", d.done);
  put_text(ar, d.done_label);
  put_bounded_count(ar, "rules", d.rules.size(), kMaxDeadlineChoices);
  for (const auto& c : d.rules) {
    put_standard_conditions(ar, c.when);
    save_deadline(ar, c.rule);
  }
}
template <class Ar>
void put_rule(Ar& ar, const standard::Obligation& o) {
  put_standard_conditions(ar, o.require);
}
template <class Ar>
void put_rule(Ar& ar, const standard::RequiredFields& r) {
  put_ids(ar, "fields", r.fields);
}
template <class Ar>
void put_rule(Ar& ar, const standard::Phrases& p) {
  put_string(ar, "field", p.field);
  put_phrases(ar, "forbidden", p.forbidden);
  put_phrases(ar, "required", p.required);
}
template <class Ar>
void put_rule(Ar& ar, const standard::DistinctSigners& d) {
  put_string(ar, "field", d.field);
  put_i64(ar, "at_least", d.at_least);
}
template <class Ar>
void put_rule(Ar& ar, const standard::Precondition& p) {
  put_string(ar, "field", p.field);
  put_text(ar, p.label);
}
template <class Ar>
void put_rule(Ar& ar, const standard::Eligibility& e) {
  put_string(ar, "accepted", e.accepted);
  put_bounded_count(ar, "exclusions", e.exclusions.size(), kMaxExclusions);
  for (const auto& x : e.exclusions) {
    put_standard_conditions(ar, x.when);
    put_text(ar, x.reason);
  }
}

template <class Ar>
standard::Rule get_rule(Ar& ar, standard::RuleKind kind) {
  using namespace standard;
  switch (kind) {
    case RuleKind::threshold: {
      Threshold t;
      t.quantity.label = get_text(ar);
      t.quantity.field = get_string(ar, "field");
      t.quantity.from = get_string(ar, "from");
      t.quantity.to = get_string(ar, "to");
      t.quantity.unit = get_string(ar, "unit");
      t.at_least = get_optional_number(ar, "at_least");
      t.at_most = get_optional_number(ar, "at_most");
      return t;
    }
    case RuleKind::deadline: {
      DeadlineRule d;
      d.start = get_string(ar, "start");
      d.done = get_string(ar, "done");
      d.done_label = get_text(ar);
      for (std::uint32_t i = 0, n = get_count(ar, "rules", kMaxDeadlineChoices); i < n; ++i) {
        DeadlineChoice& c = d.rules.emplace_back();
        c.when = get_standard_conditions(ar);
        c.rule = load_deadline(ar, kDeadlineSchema);
      }
      return d;
    }
    case RuleKind::obligation: return Obligation{get_standard_conditions(ar)};
    case RuleKind::required_fields: return RequiredFields{get_ids(ar, "fields")};
    case RuleKind::phrases: {
      Phrases p;
      p.field = get_string(ar, "field");
      p.forbidden = get_phrases(ar, "forbidden");
      p.required = get_phrases(ar, "required");
      return p;
    }
    case RuleKind::distinct_signers: {
      DistinctSigners d;
      d.field = get_string(ar, "field");
      const std::int64_t n = get_i64(ar, "at_least");
      if (n < 0 || n > kMaxLevelsUp) throw CorruptFileError("field 'at_least' is out of range");
      d.at_least = static_cast<int>(n);
      return d;
    }
    case RuleKind::precondition: {
      Precondition p;
      p.field = get_string(ar, "field");
      p.label = get_text(ar);
      return p;
    }
    case RuleKind::eligibility:
    default: {
      Eligibility e;
      e.accepted = get_string(ar, "accepted");
      for (std::uint32_t i = 0, n = get_count(ar, "exclusions", kMaxExclusions); i < n; ++i) {
        Exclusion& x = e.exclusions.emplace_back();
        x.when = get_standard_conditions(ar);
        x.reason = get_text(ar);
      }
      return e;
    }
  }
}

}  // namespace serial

template <class Ar>
void save_standard(Ar& ar, const standard::StandardSpec& spec, std::uint32_t layout = kStandardLayout) {
  using namespace serial;
  if (layout < 2 && spec.rectification) {
    throw SerializationError("standard '" + spec.id + "' has a rectification entry, which standard layout " +
                             std::to_string(layout) + " cannot hold");
  }
  put_string(ar, "id", spec.id);
  put_text(ar, spec.title);
  put_string(ar, "source", spec.source);
  put_string(ar, "owner", spec.owner);
  put_ids(ar, "kinds", spec.kinds);
  put_ids(ar, "channels", spec.channels);
  put_standard_conditions(ar, spec.when);
  put_string(ar, "calendar", spec.calendar);
  put_u32(ar, "rule", static_cast<std::uint32_t>(standard::rule_kind(spec.rule)));
  std::visit([&](const auto& rule) { put_rule(ar, rule); }, spec.rule);
  if (layout >= 2) {
    put_flag(ar, "has_rectification", spec.rectification.has_value());
    if (spec.rectification) {
      const standard::Rectification& x = *spec.rectification;
      put_number(ar, "below", x.below);
      put_i64(ar, "min_checked", x.min_checked);
      put_u32(ar, "period", static_cast<std::uint32_t>(x.period));
      save_deadline(ar, x.deadline);
      put_string(ar, "severity", x.severity);
    }
  }
}

/// Reads one standard of `layout` (kOldestStandardLayout … kStandardLayout; the caller checks).
template <class Ar>
standard::StandardSpec load_standard(Ar& ar, std::uint32_t layout = kStandardLayout) {
  using namespace serial;
  standard::StandardSpec spec;
  spec.id = get_string(ar, "id");
  spec.title = get_text(ar);
  spec.source = get_string(ar, "source");
  spec.owner = get_string(ar, "owner");
  spec.kinds = get_ids(ar, "kinds");
  spec.channels = get_ids(ar, "channels");
  spec.when = get_standard_conditions(ar);
  spec.calendar = get_string(ar, "calendar");
  spec.rule = get_rule(ar, get_enum(ar, "rule", standard::RuleKind::eligibility));
  if (layout >= 2 && get_flag(ar, "has_rectification")) {
    standard::Rectification& x = spec.rectification.emplace();
    x.below = get_number(ar, "below");
    const std::int64_t min_checked = get_i64(ar, "min_checked");
    // Wide enough to carry what validation refuses, so that the refusal names the problem.
    if (min_checked < -1000000000 || min_checked > 2000000000) throw CorruptFileError("field 'min_checked' is out of range");
    x.min_checked = static_cast<int>(min_checked);
    x.period = get_enum(ar, "period", standard::Period::month);
    x.deadline = load_deadline(ar, kDeadlineSchema);
    x.severity = get_string(ar, "severity");
  }
  return spec;
}

}  // namespace charter::io
