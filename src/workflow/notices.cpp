#include "charter/workflow/notices.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "../cycle/cycle_support.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/detail/instant.hpp"
#include "charter/error.hpp"
#include "charter/standard/compliance.hpp"

namespace charter::workflow {

namespace {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

// The names the built-in rectification workflow gives its intake row, attribute and fields
// (data/charter/builtin.yaml); a charter's own `rectification` workflow must use them too.
constexpr const char* kIssue = "issue";
constexpr const char* kUnit = "unit";
constexpr const char* kProblem = "problem";
constexpr const char* kDeadline = "deadline";
constexpr const char* kSeverity = "severity";

std::string wall_text(const calendar::BusinessCalendar& cal, const bpt::ptime& utc) {
  return calendar::format_wall(cal.to_local(utc));
}

// 0.9 → "90%", 0.955 → "95.5%".
std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g%%", share * 100.0);
  return buf;
}

std::string two_digits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// How a period is written in a case id and a problem: "2025", "2025-05", or its first date.
std::string period_label(const bg::date& start, const bg::date& end) {
  const auto ymd = start.year_month_day();
  const bool whole_month = ymd.day == 1 && end == start + bg::months(1);
  const bool whole_year = whole_month ? false : (ymd.month == 1 && ymd.day == 1 && end == start + bg::years(1));
  if (whole_year) return std::to_string(static_cast<int>(ymd.year));
  if (whole_month) return std::to_string(static_cast<int>(ymd.year)) + "-" + two_digits(ymd.month);
  return calendar::format_date(start);
}

std::string join_states(const std::vector<cycle::State>& states) {
  std::string out;
  for (std::size_t i = 0; i < states.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == states.size() ? " or " : ", ") + std::string(cycle::state_name(states[i]));
  }
  return out;
}

bool has_attribute(const Definition& d, const char* id) {
  return std::any_of(d.attributes().begin(), d.attributes().end(), [&](const Attribute& a) { return a.id == id; });
}

const FieldSpec* field_of(const Definition& d, const char* id) {
  for (const auto& f : d.spec().fields) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> notice_workflow_problems(const Definition& d) {
  std::vector<std::string> problems;
  if (!d.transition(kIssue, d.initial_state().id)) {
    problems.push_back(std::string("has no '") + kIssue + "' event from its initial state '" + d.initial_state().id +
                       "', so it cannot open a rectification notice");
  }
  if (!has_attribute(d, kUnit) && !field_of(d, kUnit)) {
    problems.push_back(std::string("has no '") + kUnit + "' attribute or field to name the unit to rectify");
  }
  if (!field_of(d, kProblem)) problems.push_back(std::string("has no '") + kProblem + "' field for the problem found");
  const FieldSpec* deadline = field_of(d, kDeadline);
  if (!deadline || deadline->type != FieldSpec::Type::instant) {
    problems.push_back(std::string("has no instant field '") + kDeadline + "' for the feedback deadline");
  }
  return problems;
}

namespace {

// The workflow the notices open, checked once for what an `issue` event needs, and the issuer
// checked against the organisation on as_of's local date.
class Issuer {
 public:
  Issuer(const Charter& charter, const std::string& workflow, const std::string& staff, const bpt::ptime& as_of)
      : definition_(charter.workflow(workflow)), staff_(staff), as_of_(as_of) {
    charter::detail::require_finite(as_of, "as_of");
    const Definition& d = definition_;
    if (const std::vector<std::string> problems = notice_workflow_problems(d); !problems.empty()) {
      throw Error("workflow '" + d.id() + "' " + problems.front());
    }
    const Transition* row = d.transition(kIssue, d.initial_state().id);
    for (const auto& a : d.attributes()) {
      if (a.id == kSeverity) severities_ = &a.values;
    }
    has_severity_ = has_attribute(d, kSeverity) || field_of(d, kSeverity);
    // No issuer: the notices are listed (a report shows what is due to be raised), not issued.
    if (!staff.empty() && !row->action.empty()) {
      const org::Organization& org = d.organization();
      if (!org.has_staff(staff)) {
        throw std::invalid_argument("'" + staff + "' is not a staff member of the organisation, and issuing a notice "
                                    "needs '" + row->action + "'");
      }
      const org::Decision may = org.may_staff(staff, row->action, d.calendar().to_local(as_of).date());
      if (!may.allowed) {
        throw std::invalid_argument("'" + staff + "' may not issue rectification notices ('" + row->action +
                                    "') on " + calendar::format_date(d.calendar().to_local(as_of).date()) + ": " +
                                    may.reason);
      }
    }
  }

  void check_severity(const std::string& severity, const std::string& where) const {
    if (severity.empty()) return;
    if (!has_severity_) {
      throw Error(where + ": severity '" + severity + "' given, but workflow '" + definition_.id() + "' has no '" +
                  kSeverity + "'");
    }
    if (severities_ && !severities_->empty() &&
        std::find(severities_->begin(), severities_->end(), severity) == severities_->end()) {
      std::string known;
      for (const auto& v : *severities_) known += (known.empty() ? "" : ", ") + v;
      throw Error(where + ": severity '" + severity + "' is not a severity of workflow '" + definition_.id() +
                  "' (known: " + known + ")");
    }
  }

  // Fills the deadline and the events of a notice whose other members are set.
  void finish(Notice& n, const calendar::Deadline& rule, const calendar::BusinessCalendar& cal) const {
    const bpt::ptime due = rule.due(as_of_, cal);
    // The field holds whole seconds; the notice says what the field says.
    const bpt::time_duration tod = due.time_of_day();
    n.deadline = bpt::ptime(due.date(), bpt::time_duration(tod.hours(), tod.minutes(), tod.seconds()));
    if (staff_.empty()) return;
    Event e;
    e.case_id = n.case_id;
    e.at = as_of_;
    e.name = kIssue;
    e.actor = staff_;
    e.fields.push_back({kUnit, n.unit});
    e.fields.push_back({kProblem, n.problem});
    e.fields.push_back({kDeadline, wall_text(definition_.calendar(), n.deadline)});
    if (!n.severity.empty()) e.fields.push_back({kSeverity, n.severity});
    n.events.push_back(std::move(e));
  }

 private:
  const Definition& definition_;
  std::string staff_;
  bpt::ptime as_of_;
  const std::vector<std::string>* severities_ = nullptr;
  bool has_severity_ = false;
};

// The unit a cycle's notice goes to for one subject.
std::string unit_for(const cycle::Cycle& c, const std::string& subject, const org::Organization& org) {
  const cycle::Rectification& r = *c.spec().rectification;
  std::string unit = r.unit;
  if (c.spec().scope.kind == cycle::ScopeKind::unit && !subject.empty()) unit = subject;
  if (c.spec().scope.kind == cycle::ScopeKind::staff && org.has_staff(subject) &&
      !org.staff_member(subject).unit.empty()) {
    unit = org.staff_member(subject).unit;
  }
  if (unit.empty()) {
    throw Error("cycle '" + c.id() + "': no unit to send a rectification notice to for subject '" + subject + "'");
  }
  return unit;
}

const org::Unit* find_unit(const org::Organization& org, const std::string& id) {
  for (const auto& u : org.units()) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

bool raises(const cycle::Rectification& r, cycle::State s) {
  return std::find(r.on.begin(), r.on.end(), s) != r.on.end();
}

}  // namespace

const char* notice_source_name(NoticeSource s) { return s == NoticeSource::cycle ? "cycle" : "standard"; }

std::vector<Notice> cycle_notices(const Charter& charter, const cycle::StatusReport& status, const bpt::ptime& as_of,
                                  const std::string& issuer, const std::string& workflow) {
  const Issuer issue(charter, workflow, issuer, as_of);
  const org::Organization& org = charter.organization();
  std::vector<Notice> out;
  // One notice of a cycle (or of a follow-up cycle after `parent`) for an occurrence.
  auto raise = [&](const cycle::Cycle& c, const cycle::Cycle* parent, const cycle::Occurrence& o, cycle::State state,
                   const std::string& explanation) {
    const cycle::Rectification& r = *c.spec().rectification;
    issue.check_severity(r.severity, "cycle '" + c.id() + "'");
    const std::string period = period_label(o.period_start, o.period_end);
    Notice n;
    n.source = NoticeSource::cycle;
    n.rule = c.id();
    n.subject = o.subject;
    n.unit = unit_for(c, o.subject, org);
    n.period_start = o.period_start;
    n.period_end = o.period_end;
    n.severity = r.severity;
    n.case_id = "RN-" + (parent ? parent->id() + "." : "") + c.id() + (o.subject.empty() ? "" : "-" + o.subject) + "-" +
                period;
    n.problem = c.title().both() + " (" + c.id() + ")" + (parent ? ", after " + parent->id() + "," : "") +
                (o.subject.empty() ? "" : " for " + o.subject) + ", " + period + ": " + cycle::state_name(state) +
                (explanation.empty() ? "" : " — " + explanation);
    n.reason = "cycle " + c.id() + " raises a rectification notice (R-16) when " +
               (parent ? "its follow-up of " + parent->id() : std::string("an occurrence")) + " is " +
               join_states(r.on) + "; feedback due " + r.deadline.text() + " after the notice";
    issue.finish(n, r.deadline, c.calendar());
    out.push_back(std::move(n));
  };
  for (const cycle::OccurrenceStatus& s : status.occurrences) {
    const cycle::Cycle& c = charter.cycle(s.occurrence.cycle);
    if (c.spec().rectification && raises(*c.spec().rectification, s.state)) {
      raise(c, nullptr, s.occurrence, s.state, s.explanation);
    }
    for (const cycle::FollowUpStatus& f : s.follow_ups) {
      const cycle::Cycle& fc = charter.cycle(f.cycle);
      if (fc.spec().rectification && raises(*fc.spec().rectification, f.state)) {
        raise(fc, &c, s.occurrence, f.state, f.explanation);
      }
    }
  }
  return out;
}

std::vector<Notice> standard_notices(const Charter& charter, const standard::Findings& findings, const bpt::ptime& from,
                                     const bpt::ptime& to, const bpt::ptime& as_of, const std::string& issuer,
                                     const std::string& workflow) {
  charter::detail::require_finite(from, "from");
  charter::detail::require_finite(to, "to");
  if (from > to) {
    throw InvalidTimeError("standard_notices: from " + charter::detail::format_instant(from) + " is after to " +
                           charter::detail::format_instant(to));
  }
  const Issuer issue(charter, workflow, issuer, as_of);
  const org::Organization& org = charter.organization();
  std::vector<Notice> out;
  if (from == to) return out;  // an empty range overlaps no period
  for (const standard::Standard& st : charter.standards()) {
    if (!st.spec().rectification) continue;
    const standard::Rectification& r = *st.spec().rectification;
    issue.check_severity(r.severity, "standard '" + st.id() + "'");
    const calendar::BusinessCalendar& cal = *st.calendar();  // validation requires one
    // Findings up to as_of only: a period is judged on what was known then.
    standard::InstantRange known;
    known.to = as_of + bpt::microseconds(1);
    const standard::ComplianceTable table =
        standard::compliance(findings, {standard::Dimension::standard, standard::Dimension::unit}, r.period, &cal, known);
    for (const standard::ComplianceRow& row : table.rows) {
      if (row.key[0] != st.id() || row.key[1].empty()) continue;
      const bg::date start = row.period_start;
      const bg::date end = r.period == standard::Period::day    ? start + bg::days(1)
                           : r.period == standard::Period::week ? start + bg::days(7)
                                                                : start + bg::months(1);
      const bpt::ptime start_at = cycle::detail::local_start(cal, start);
      const bpt::ptime end_at = cycle::detail::local_start(cal, end);
      if (!(start_at < to && end_at > from) || end_at > as_of) continue;
      const std::string& unit = row.key[1];
      // A unit set up after the period had no obligations in it.
      if (const org::Unit* u = find_unit(org, unit); u && u->since && *u->since >= end) continue;
      if (row.checked() < static_cast<std::size_t>(r.min_checked)) continue;
      // A rate at the line is not below it, whatever the last bit of the division says.
      if (!(row.rate() < r.below - 1e-12)) continue;
      const std::string period = period_label(start, end);
      Notice n;
      n.source = NoticeSource::standard;
      n.rule = st.id();
      n.subject = unit;
      n.unit = unit;
      n.period_start = start;
      n.period_end = end;
      n.severity = r.severity;
      n.case_id = "RN-" + st.id() + "-" + unit + "-" + period + "-rate";
      n.problem = st.title().both() + " (" + st.id() + ") at " + unit + ", " + period + ": " +
                  std::to_string(row.met) + " of " + std::to_string(row.checked()) + " checks met (" +
                  percent(row.rate()) + "), below " + percent(r.below);
      n.reason = "standard " + st.id() + " raises a rectification notice (R-16) when a unit's rate over a " +
                 standard::period_name(r.period) + " is below " + percent(r.below) + " with at least " +
                 std::to_string(r.min_checked) + " checks; feedback due " + r.deadline.text() + " after the notice";
      issue.finish(n, r.deadline, cal);
      out.push_back(std::move(n));
    }
  }
  return out;
}

std::vector<Event> events_of(const std::vector<Notice>& notices) {
  std::vector<Event> out;
  for (const auto& n : notices) out.insert(out.end(), n.events.begin(), n.events.end());
  return out;
}

}  // namespace charter::workflow
