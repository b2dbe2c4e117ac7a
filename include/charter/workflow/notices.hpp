#pragma once
// Notices: the rectification notices (整改通知单, R-16) a charter raises by itself — for an
// occurrence of a cycle that is late or short of evidence, or for a unit whose compliance with a
// standard fell below the line — each as the events that open it in the charter's
// `rectification` workflow, ready for a Tracker.
//
// Meaning:
//   - Only cycles and standards with a `rectification` entry raise anything (cycle.hpp,
//     standard.hpp); the entry says when, with what deadline and severity.
//   - cycle_notices: one notice per occurrence of the status report whose state is one of the
//     entry's `on` states, and one per follow-up (of a follow_up cycle with an entry) in such a
//     state. A subject that did not exist then (a unit set up mid-year) has no occurrence in the
//     report, so it gets no notice. The notice goes to the subject of a per-unit cycle, to the
//     staff member's unit (else the entry's unit) for a per-staff cycle, else to the entry's unit.
//   - standard_notices: one notice per (standard, unit, period) whose period — local dates on
//     the standard's calendar, by the entry's `period` — overlaps [from, to) and has ended by
//     as_of, where the unit had at least `min_checked` checks (met + not met) and a rate
//     met / checked strictly below `below` (a rate at the line, to within 1e-12, raises
//     nothing). Findings without a unit, and periods that ended before a unit's `since` date,
//     raise nothing.
//   - A notice is issued at `as_of` by `issuer`, a staff member the organisation allows to take
//     the `issue` row's action (rectification.issue) on as_of's local date; std::invalid_argument
//     otherwise. An empty issuer lists the notices without their events (a report showing what
//     is due to be raised, for a charter that names no staff): nothing to feed a tracker.
//   - Written feedback is due by the entry's Deadline counted from as_of on the cycle's
//     (standard's) calendar, to the second; the `deadline` field holds it as local wall time of
//     the workflow's zone.
//   - Case ids are deterministic and unique per charter: "RN-<cycle>-<subject>-<period>" for an
//     occurrence ("RN-R-20-front_desk-2025-05"; no subject part for a centre cycle), with
//     "<cycle>.<follow-up cycle>" for a follow-up ("RN-R-20.R-21-front_desk-2025-05"), and
//     "RN-<standard>-<unit>-<period>-rate" for a standard. The period is written "2025" for a
//     year, "2025-05" for a month, and by its first date for a day or a week ("2025-05-12").
//     Raising again gives the same ids, so a Tracker that holds a notice refuses it again (its
//     `issue` row fires only from the initial state): check tracker.contains(case_id) first
//     when raising every day.
//   - The result is in a fixed order: cycle notices in the status report's order (an
//     occurrence, then its follow-ups); standard notices by the charter's order of standards,
//     then unit in order of first appearance among the findings, then period.
//   - The charter must have the workflow (`rectification` by default) with an `issue` row from
//     its initial state and the `unit` attribute and `problem` and `deadline` fields it needs; a
//     severity the entry names must be one of the workflow's `severity` values. charter::Error
//     otherwise, naming what is missing.
//
// Example:
//   const auto s = cycle::status(charter, records, may_1, june_1, as_of);
//   Tracker notices(charter.workflow("rectification"));
//   for (const Notice& n : cycle_notices(charter, s, as_of, "quality_staff.1"))
//     if (!notices.contains(n.case_id)) for (const Event& e : n.events) notices.apply(e);

#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/cycle/status.hpp"
#include "charter/model/charter.hpp"
#include "charter/standard/findings.hpp"
#include "charter/workflow/event.hpp"

namespace charter::workflow {

/// What raised a notice.
enum class NoticeSource {
  cycle,     ///< an occurrence (or a follow-up) of a cycle in one of the entry's states
  standard,  ///< a unit's compliance rate with a standard below the entry's line
};

/// "cycle", "standard".
const char* notice_source_name(NoticeSource s);

struct Notice {
  std::string case_id;                 ///< "RN-R-20-front_desk-2025-05"
  NoticeSource source = NoticeSource::cycle;
  std::string rule;                    ///< the cycle (the follow-up cycle) or standard id
  std::string subject;                 ///< the occurrence's subject; for a standard, the unit
  std::string unit;                    ///< the unit to rectify
  boost::gregorian::date period_start; ///< the occurrence's (judged) period: first local date
  boost::gregorian::date period_end;   ///< the local date after its last
  boost::posix_time::ptime deadline;   ///< UTC: written feedback due (to the second)
  std::string severity;                ///< "" when the entry names none
  std::string problem;                 ///< the `problem` field: what is wrong, with the rule id
  std::string reason;                  ///< why the charter raises it: the entry that applied
  std::vector<Event> events;           ///< the events that open the case (the `issue` event); none without an issuer

  friend bool operator==(const Notice& a, const Notice& b) {
    return a.case_id == b.case_id && a.source == b.source && a.rule == b.rule && a.subject == b.subject &&
           a.unit == b.unit && a.period_start == b.period_start && a.period_end == b.period_end &&
           a.deadline == b.deadline && a.severity == b.severity && a.problem == b.problem &&
           a.reason == b.reason && a.events == b.events;
  }
  friend bool operator!=(const Notice& a, const Notice& b) { return !(a == b); }
};

/// The notices the occurrences (and follow-ups) of `status` raise, issued at as_of (UTC) by
/// `issuer`. Pass the as_of the status was computed for. InvalidTimeError for a special as_of.
std::vector<Notice> cycle_notices(const Charter& charter, const cycle::StatusReport& status,
                                  const boost::posix_time::ptime& as_of, const std::string& issuer,
                                  const std::string& workflow = "rectification");

/// The notices units' compliance with the charter's standards raises over the periods that
/// overlap [from, to) and have ended by as_of (all UTC), issued at as_of by `issuer`. The
/// entries come from the charter's standards (matched to the findings' by id).
/// InvalidTimeError for special values or from > to.
std::vector<Notice> standard_notices(const Charter& charter, const standard::Findings& findings,
                                     const boost::posix_time::ptime& from, const boost::posix_time::ptime& to,
                                     const boost::posix_time::ptime& as_of, const std::string& issuer,
                                     const std::string& workflow = "rectification");

/// Every notice's events, notice by notice: what to feed a Tracker.
std::vector<Event> events_of(const std::vector<Notice>& notices);

/// What keeps `definition` from opening notices, each as words that follow its name ("has no
/// 'problem' field for the problem found"): an `issue` row from its initial state, a `unit`
/// attribute or field, a `problem` field, an instant field `deadline`. Empty: it can. Charter
/// files check their `rectification` workflow with it when a standard or cycle raises notices.
std::vector<std::string> notice_workflow_problems(const Definition& definition);

}  // namespace charter::workflow
