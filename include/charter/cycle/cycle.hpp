#pragma once
// Cycle: one recurring obligation of the quality-supervision standard as data — the monthly
// assessment check of every unit, the written report after each check, the monthly
// quality report before month end, the December survey with at least 50 respondents
// — with how often it recurs, whom it binds, when each occurrence is due, what evidence
// completes it and who answers for it.
//
// Meaning:
//   - recurrence (recurrence.hpp) gives the periods and the scheduled day of each; `due` is a
//     calendar::Deadline counted from local 00:00 of the scheduled day on the cycle's calendar.
//     With no `due`, an occurrence is due at the last second of its period (23:59:59 local on
//     its last day), which is what "any time in the period" means.
//   - scope says whose obligation it is: once for the centre (one occurrence a period, subject
//     ""), per unit (every unit, or those listed in `ids`, or those under the unit `under`), per
//     role (every role, or those listed), per staff member (everyone holding one of the roles in
//     `ids` and active — org::ActivePeriod — on the scheduled day). A unit with a `since` date
//     has occurrences only for periods whose scheduled day is on or after it; a cycle with a
//     `since` date has none before it.
//   - evidence says what a completion record must show to count: a number field at least N
//     (count: respondents ≥ 50, R-25), a ';'-separated list field with at least N distinct
//     values (distinct: units visited), or a non-empty field (document: the written report).
//   - follow_ups name other cycles (of kind follow_up) whose completion must follow each
//     completion of this one, for the same subject, within a Deadline.
//   - The responsible role is `owner` when given, else the role accountable (A) for the cycle in
//     the organisation's RACI (org::SubjectKind::cycle).
//   - rectification, when given, says that an occurrence in one of the states it lists raises a
//     rectification notice (整改通知单, R-16) to the unit concerned, whose written feedback is due
//     by its Deadline counted from the notice on the cycle's calendar (workflow/notices.hpp
//     raises them). The unit is the subject of a per-unit cycle, the staff member's unit for a
//     per-staff cycle, else rectification.unit. A follow_up cycle's entry applies to its
//     follow-ups of the occurrences naming it; an ad_hoc cycle, which is never late, has none.
//
// Building a Cycle checks the spec against the charter's calendars and organisation and throws
// CycleError listing every problem with its path, named as in the charter file ("recurrence.day:
// …", "evidence[0].at_least: …"). References between cycles (follow-ups) are checked by
// validate_references, which the Charter runs over all its cycles.
//
// Example:
//   const Cycle& r23 = charter::builtin().cycle("R-23");
//   r23.owner();                 // "cs_centre_head" (the accountable role)
//   r23.spec().due->text();      // "end of month"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/cycle/recurrence.hpp"
#include "charter/cycle/state.hpp"
#include "charter/error.hpp"
#include "charter/localized_text.hpp"
#include "charter/org/organization.hpp"

namespace charter::cycle {

/// What a completion record must show.
enum class EvidenceKind {
  count,     ///< the number field `field` is at least `at_least`
  distinct,  ///< the ';'-separated list field `field` names at least `at_least` different values
  document,  ///< the field `field` is given and not empty (a document filed)
};

struct Evidence {
  EvidenceKind kind = EvidenceKind::document;
  std::string field;
  int at_least = 1;     ///< count and distinct
  LocalizedText label;  ///< "respondents (受访人数)"; the field name when empty
  friend bool operator==(const Evidence& a, const Evidence& b) {
    return a.kind == b.kind && a.field == b.field && a.at_least == b.at_least && a.label == b.label;
  }
  friend bool operator!=(const Evidence& a, const Evidence& b) { return !(a == b); }
};

/// Another cycle that must be completed after each completion of this one, within `within`.
struct FollowUp {
  std::string cycle;
  calendar::Deadline within = calendar::Deadline::business_days(1);
  friend bool operator==(const FollowUp& a, const FollowUp& b) {
    return a.cycle == b.cycle && a.within == b.within;
  }
  friend bool operator!=(const FollowUp& a, const FollowUp& b) { return !(a == b); }
};

/// Whose obligation a cycle is.
enum class ScopeKind {
  centre,  ///< once for the whole centre; the subject is ""
  unit,    ///< each unit of the organisation (or those listed / under a unit)
  role,    ///< each role (or those listed)
  staff,   ///< each active staff member holding one of the listed roles
};

struct Scope {
  ScopeKind kind = ScopeKind::centre;
  std::vector<std::string> ids;  ///< unit: the units; role: the roles; staff: the roles held
  std::string under;             ///< unit: only units at or below this one
  friend bool operator==(const Scope& a, const Scope& b) {
    return a.kind == b.kind && a.ids == b.ids && a.under == b.under;
  }
  friend bool operator!=(const Scope& a, const Scope& b) { return !(a == b); }
};

/// When an occurrence raises a rectification notice, to whom, and by when the unit must
/// answer it in writing.
struct Rectification {
  /// The states that raise a notice: overdue, missed, insufficient or done_late (at least one).
  std::vector<State> on;
  /// The written feedback is due this long after the notice is issued, on the cycle's calendar.
  calendar::Deadline deadline = calendar::Deadline::business_days(5);
  /// The notice's severity (a value of the rectification workflow's `severity`); "" for none.
  std::string severity;
  /// The unit notified when the subject is not a unit: required for centre, role and staff
  /// scopes (for a staff scope it is used when the staff member belongs to no unit); none for a
  /// unit scope.
  std::string unit;
  friend bool operator==(const Rectification& a, const Rectification& b) {
    return a.on == b.on && a.deadline == b.deadline && a.severity == b.severity && a.unit == b.unit;
  }
  friend bool operator!=(const Rectification& a, const Rectification& b) { return !(a == b); }
};

struct CycleSpec {
  std::string id;                        ///< the seed rule id for built-ins ("R-23")
  LocalizedText title;
  std::string source;                    ///< where the rule is written ("S1 p3 §5.2")
  std::string owner;                     ///< a role id; empty: the role accountable (A) for it
  std::string calendar;                  ///< a charter calendar id (always needed)
  Recurrence recurrence;
  std::optional<calendar::Deadline> due; ///< from the scheduled day's 00:00; none: end of period
  Scope scope;
  std::vector<Evidence> evidence;
  std::vector<FollowUp> follow_ups;
  std::optional<boost::gregorian::date> since;  ///< no occurrences before this date
  std::optional<Rectification> rectification;   ///< none: lateness raises no notice

  friend bool operator==(const CycleSpec& a, const CycleSpec& b) {
    return a.id == b.id && a.title == b.title && a.source == b.source && a.owner == b.owner &&
           a.calendar == b.calendar && a.recurrence == b.recurrence && a.due == b.due &&
           a.scope == b.scope && a.evidence == b.evidence && a.follow_ups == b.follow_ups &&
           a.since == b.since && a.rectification == b.rectification;
  }
  friend bool operator!=(const CycleSpec& a, const CycleSpec& b) { return !(a == b); }
};

/// One thing wrong with a cycle: where ("recurrence.day", as the charter file names it) and why.
struct CycleProblem {
  std::string path;
  std::string message;
};

/// A cycle that cannot be built; what() lists every problem, one per line.
class CycleError : public Error {
 public:
  CycleError(const std::string& cycle, std::vector<CycleProblem> problems);
  const std::vector<CycleProblem>& problems() const { return problems_; }

 private:
  std::vector<CycleProblem> problems_;
};

/// Every problem of a spec against the charter's calendars and organisation (empty: valid).
std::vector<CycleProblem> validate(const CycleSpec& spec,
                                   const std::map<std::string, calendar::BusinessCalendar>& calendars,
                                   const org::Organization& organization);

class Cycle {
 public:
  /// Validates (see validate); throws CycleError.
  Cycle(CycleSpec spec, const std::map<std::string, calendar::BusinessCalendar>& calendars,
        const org::Organization& organization);

  const CycleSpec& spec() const;
  const std::string& id() const { return spec().id; }
  const LocalizedText& title() const { return spec().title; }
  const Recurrence& recurrence() const { return spec().recurrence; }
  /// The responsible role: spec().owner, or the role accountable for the cycle.
  const std::string& owner() const;
  const calendar::BusinessCalendar& calendar() const;
  /// The organisation it was built against (its owner is one of its roles).
  const org::Organization& organization() const;

  /// Compares the specs and the resolved owners.
  friend bool operator==(const Cycle& a, const Cycle& b);
  friend bool operator!=(const Cycle& a, const Cycle& b) { return !(a == b); }

 private:
  struct Data;
  std::shared_ptr<const Data> data_;
};

/// Problems of the references between cycles, with paths relative to the cycle named first
/// ("R-20: follow_ups[0].cycle: …" is {cycle "R-20", path "follow_ups[0].cycle"}): a follow-up
/// naming an unknown cycle, a cycle that is not of kind follow_up, or the cycle itself; a
/// follow_up cycle no cycle names; a cycle id given twice.
struct ReferenceProblem {
  std::string cycle;
  std::string path;
  std::string message;
};
std::vector<ReferenceProblem> validate_references(const std::vector<Cycle>& cycles);

/// "count", "distinct", "document".
const char* evidence_kind_name(EvidenceKind k);
/// "centre", "unit", "role", "staff".
const char* scope_kind_name(ScopeKind k);

}  // namespace charter::cycle
