#pragma once
// Standard: one measurable service standard as data — "answer after two rings" (R-01), "greet a
// visitor within a minute", "no forbidden phrase", "two people sign when the customer is
// absent" — with who owns it and what it applies to. charter::standard::evaluate checks
// observations against the charter's standards and says, for each, met or not and why.
//
// Meaning:
//   - A standard applies to observations of the kinds it names (and, when it names channels,
//     only through those channels). Its `when` conditions narrow it further: an observation in
//     scope for which a `when` condition does not hold gets "not applicable" (R-02 concerns only
//     calls that rang five times or more).
//   - The rule is one of eight kinds; each says what "met" means:
//       threshold        a quantity — a number field ("rings"), or the time between two
//                        instants (`at` or instant fields) in seconds, minutes, hours or days —
//                        is at least and/or at most a bound (R-01 rings ≤ 2; R-12 lead time ≥ 10
//                        minutes).
//       deadline         the `done` instant field is at or before the due instant of a
//                        calendar::Deadline counted from `start` on the standard's calendar; the
//                        first choice whose `when` holds gives the rule (R-10: end of business
//                        day, end of the next business day when received after 16:00 or large).
//                        No `done` recorded: not met.
//       obligation       every `require` condition holds (R-02: an apology recorded).
//       required_fields  every listed field is given (the phone log of S1 ch1).
//       phrases          the text field holds none of the forbidden phrases and, when a
//                        required list is given, at least one of those (PhraseMatcher: full- and
//                        half-width punctuation and spaces alike).
//       distinct_signers a ';'-separated list field names at least N different staff (four eyes).
//       precondition     an instant field is given and is at or before the observation's
//                        instant (a customer record exists before checkout).
//       eligibility      a request matching an exclusion (Thai silver repairs) must be refused:
//                        met when the yes/no `accepted` field says no, not met when it says
//                        yes; a request no exclusion matches is not applicable.
//   - A value the rule needs that is missing or unreadable (a threshold's field, an instant that
//     is not a date and time, a yes/no field holding "maybe") makes the finding "invalid" with
//     the field named: a data problem, never a silent pass or fail.
//   - The owner is a role of the organisation: named by `owner`, or else the role accountable
//     (A) for the standard in the organisation's RACI.
//   - Instants in fields are local wall time on the standard's calendar unless they carry an
//     offset, as in event files. Standards that use time (deadline, between, local_time,
//     precondition) must name a calendar.
//   - rectification, when given, says that a unit whose compliance rate with the standard
//     (met / (met + not met), compliance.hpp) is below `below` over a whole period, with at least
//     `min_checked` checks in it, gets a rectification notice (整改通知单, R-16) whose written
//     feedback is due by its Deadline counted from the notice. The periods are local dates on
//     the standard's calendar, which it must name (workflow/notices.hpp raises them).
//
// Building a Standard checks everything against the charter's calendars and organisation and
// throws StandardError listing every problem with its path, named as in the charter file
// ("threshold.at_most: …", "deadline.rules[1].when[0]: …", "calendar: unknown calendar 'hotline'").
//
// Example:
//   const Standard& r01 = charter::builtin().standard("R-01");
//   r01.owner();  // "cs_manager"
//   r01.spec().rule.kind();  // RuleKind::threshold

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/error.hpp"
#include "charter/localized_text.hpp"
#include "charter/org/organization.hpp"
#include "charter/standard/condition.hpp"
#include "charter/standard/period.hpp"

namespace charter::standard {

class PhraseMatcher;

/// What a threshold measures: a number field, or the time from one instant to another.
struct Quantity {
  LocalizedText label;   ///< "rings before answer (接听前响铃次数)"; the field name when empty
  std::string field;     ///< a number field; empty when from/to are given
  std::string from;      ///< "at" or an instant field
  std::string to;        ///< "at" or an instant field
  std::string unit;      ///< field: a free label ("rings"); from/to: seconds, minutes, hours, days
  friend bool operator==(const Quantity& a, const Quantity& b) {
    return a.label == b.label && a.field == b.field && a.from == b.from && a.to == b.to && a.unit == b.unit;
  }
};

struct Threshold {
  Quantity quantity;
  std::optional<double> at_least;
  std::optional<double> at_most;
  friend bool operator==(const Threshold& a, const Threshold& b) {
    return a.quantity == b.quantity && a.at_least == b.at_least && a.at_most == b.at_most;
  }
};

/// A deadline rule used when its conditions hold (no conditions: always).
struct DeadlineChoice {
  std::vector<Condition> when;
  calendar::Deadline rule = calendar::Deadline::clock(boost::posix_time::hours(0));
  friend bool operator==(const DeadlineChoice& a, const DeadlineChoice& b) {
    return a.when == b.when && a.rule == b.rule;
  }
};

struct DeadlineRule {
  std::string start = "at";   ///< "at" or an instant field: when handling starts
  std::string done;           ///< the instant field saying when it was done
  LocalizedText done_label;   ///< "made up (配好)"; the field name when empty
  std::vector<DeadlineChoice> rules;  ///< the first whose `when` holds; the last has none
  friend bool operator==(const DeadlineRule& a, const DeadlineRule& b) {
    return a.start == b.start && a.done == b.done && a.done_label == b.done_label && a.rules == b.rules;
  }
};

struct Obligation {
  std::vector<Condition> require;
  friend bool operator==(const Obligation& a, const Obligation& b) { return a.require == b.require; }
};

struct RequiredFields {
  std::vector<std::string> fields;
  friend bool operator==(const RequiredFields& a, const RequiredFields& b) { return a.fields == b.fields; }
};

struct Phrases {
  std::string field;                     ///< the text checked ("transcript")
  std::vector<std::string> forbidden;    ///< none may occur (服务忌语)
  std::vector<std::string> required;     ///< when given, at least one must occur (文明用语)
  friend bool operator==(const Phrases& a, const Phrases& b) {
    return a.field == b.field && a.forbidden == b.forbidden && a.required == b.required;
  }
};

struct DistinctSigners {
  std::string field = "signers";  ///< staff ids separated by ';'
  int at_least = 2;
  friend bool operator==(const DistinctSigners& a, const DistinctSigners& b) {
    return a.field == b.field && a.at_least == b.at_least;
  }
};

struct Precondition {
  std::string field;          ///< an instant field that must be at or before the observation
  LocalizedText label;        ///< "customer record created (建档)"; the field name when empty
  friend bool operator==(const Precondition& a, const Precondition& b) {
    return a.field == b.field && a.label == b.label;
  }
};

/// Requests matching every condition are outside the accepted scope, for `reason`.
struct Exclusion {
  std::vector<Condition> when;
  LocalizedText reason;  ///< "Thai silver is not repaired (泰银饰品不予维修)"
  friend bool operator==(const Exclusion& a, const Exclusion& b) {
    return a.when == b.when && a.reason == b.reason;
  }
};

struct Eligibility {
  std::vector<Exclusion> exclusions;
  std::string accepted = "accepted";  ///< the yes/no field recording the decision
  friend bool operator==(const Eligibility& a, const Eligibility& b) {
    return a.exclusions == b.exclusions && a.accepted == b.accepted;
  }
};

/// The kinds of rule, in the order of Rule's alternatives.
enum class RuleKind {
  threshold,         ///< a quantity within bounds
  deadline,          ///< done by a Deadline's due instant
  obligation,        ///< conditions that must hold
  required_fields,   ///< fields that must be given
  phrases,           ///< forbidden phrases absent, required ones present
  distinct_signers,  ///< at least N different staff signed
  precondition,      ///< an instant field at or before the observation
  eligibility,       ///< requests outside the scope refused
};

using Rule = std::variant<Threshold, DeadlineRule, Obligation, RequiredFields, Phrases,
                          DistinctSigners, Precondition, Eligibility>;

/// The kind of a rule.
inline RuleKind rule_kind(const Rule& r) { return static_cast<RuleKind>(r.index()); }
/// "threshold", "deadline", …, the charter file's key for the kind.
const char* rule_kind_name(RuleKind k);

/// When a unit's compliance with a standard raises a rectification notice, and by when the
/// unit must answer it in writing.
struct Rectification {
  double below = 0.9;        ///< a rate strictly below this raises a notice (0 < below <= 1)
  int min_checked = 1;       ///< only a unit with at least this many checks in the period (>= 1)
  Period period = Period::month;  ///< day, week or month (not none)
  /// The written feedback is due this long after the notice is issued, on the standard's calendar.
  calendar::Deadline deadline = calendar::Deadline::business_days(5);
  /// The notice's severity (a value of the rectification workflow's `severity`); "" for none.
  std::string severity;
  friend bool operator==(const Rectification& a, const Rectification& b) {
    return a.below == b.below && a.min_checked == b.min_checked && a.period == b.period &&
           a.deadline == b.deadline && a.severity == b.severity;
  }
  friend bool operator!=(const Rectification& a, const Rectification& b) { return !(a == b); }
};

struct StandardSpec {
  std::string id;                     ///< the seed rule id for built-ins ("R-01")
  LocalizedText title;
  std::string source;                 ///< where the rule is written ("S1 p1 ch1.1")
  std::string owner;                  ///< a role id; empty: the role accountable (A) for it
  std::vector<std::string> kinds;     ///< observation kinds it applies to (at least one)
  std::vector<std::string> channels;  ///< when given, only these channels
  std::vector<Condition> when;        ///< all must hold, else "not applicable"
  std::string calendar;               ///< a charter calendar id (needed when time is used)
  Rule rule;
  std::optional<Rectification> rectification;  ///< none: a low rate raises no notice

  friend bool operator==(const StandardSpec& a, const StandardSpec& b) {
    return a.id == b.id && a.title == b.title && a.source == b.source && a.owner == b.owner &&
           a.kinds == b.kinds && a.channels == b.channels && a.when == b.when &&
           a.calendar == b.calendar && a.rule == b.rule && a.rectification == b.rectification;
  }
  friend bool operator!=(const StandardSpec& a, const StandardSpec& b) { return !(a == b); }
};

/// One thing wrong with a standard: where ("threshold.at_most", as the charter file names it) and why.
struct StandardProblem {
  std::string path;
  std::string message;
};

/// A standard that cannot be built; what() lists every problem, one per line.
class StandardError : public Error {
 public:
  StandardError(const std::string& standard, std::vector<StandardProblem> problems);
  const std::vector<StandardProblem>& problems() const { return problems_; }

 private:
  std::vector<StandardProblem> problems_;
};

/// Every problem of a spec against the charter's calendars and organisation (empty: valid).
std::vector<StandardProblem> validate(const StandardSpec& spec,
                                      const std::map<std::string, calendar::BusinessCalendar>& calendars,
                                      const org::Organization& organization);

class Standard {
 public:
  /// Validates (see validate); throws StandardError.
  Standard(StandardSpec spec, const std::map<std::string, calendar::BusinessCalendar>& calendars,
           const org::Organization& organization);

  const StandardSpec& spec() const;
  const std::string& id() const { return spec().id; }
  const LocalizedText& title() const { return spec().title; }
  RuleKind kind() const { return rule_kind(spec().rule); }
  /// The owner role: spec().owner, or the role accountable for the standard.
  const std::string& owner() const;
  /// The standard's calendar; nullptr when it names none.
  const calendar::BusinessCalendar* calendar() const;
  /// The organisation it was built against (its owner is one of its roles).
  const org::Organization& organization() const;
  /// The compiled forbidden and required phrase lists of a phrases rule; nullptr for other
  /// kinds and for a list the rule does not give.
  const PhraseMatcher* forbidden_matcher() const;
  const PhraseMatcher* required_matcher() const;

  /// Compares the specs and the resolved owners.
  friend bool operator==(const Standard& a, const Standard& b);
  friend bool operator!=(const Standard& a, const Standard& b) { return !(a == b); }

 private:
  struct Data;
  std::shared_ptr<const Data> data_;
};

}  // namespace charter::standard
