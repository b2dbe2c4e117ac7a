#include "charter/report/monthly.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include "charter/calendar/date_text.hpp"
#include "charter/detail/instant.hpp"
#include "charter/error.hpp"
#include "charter/report/render.hpp"
#include "kpi_counts.hpp"
#include "monthly_text.hpp"

namespace charter::report {

namespace {

using boost::posix_time::ptime;
using charter::detail::Micros;
constexpr Micros kNone = workflow::StatusTable::kNone;

ptime instant(Micros m) { return m == kNone ? ptime() : charter::detail::from_micros(m); }

bool has_cycle(const Charter& charter, const std::string& id) {
  const auto& cycles = charter.cycles();
  return std::any_of(cycles.begin(), cycles.end(), [&](const cycle::Cycle& c) { return c.id() == id; });
}

// The report cycle: R-23 by default where the charter has it; "" for none.
std::string report_cycle_of(const Charter& charter, const MonthlyOptions& o) {
  if (!o.report_cycle) return has_cycle(charter, "R-23") ? "R-23" : "";
  if (!o.report_cycle->empty()) charter.cycle(*o.report_cycle);  // UnknownIdError for a wrong id
  return *o.report_cycle;
}

std::set<std::string> survey_cycles_of(const Charter& charter, const MonthlyOptions& o) {
  std::set<std::string> out;
  if (!o.survey_cycles) {
    for (const char* id : {"R-25", "R-28"}) {
      if (has_cycle(charter, id)) out.insert(id);
    }
    return out;
  }
  for (const auto& id : *o.survey_cycles) {
    charter.cycle(id);
    out.insert(id);
  }
  return out;
}

// The unit and every unit below it; empty for the centre.
std::set<std::string> units_in_scope(const org::Organization& org, const std::string& unit) {
  std::set<std::string> out;
  if (unit.empty()) return out;
  org.unit(unit);  // an unknown unit throws, naming it
  for (const auto& u : org.units()) {
    // Walk up the reporting line; the organisation refuses cycles, so this ends.
    for (const org::Unit* p = &u;;) {
      if (p->id == unit) {
        out.insert(u.id);
        break;
      }
      if (p->parent.empty()) break;
      p = &org.unit(p->parent);
    }
  }
  return out;
}

// One flag per case row of `column`: the case's attribute names a unit in scope.
std::vector<std::uint8_t> scope_mask(const workflow::AttributeColumn& column, const std::set<std::string>& units) {
  std::vector<std::uint8_t> keep_value(column.values.size());
  for (std::size_t v = 0; v < column.values.size(); ++v) keep_value[v] = units.count(column.values[v]) > 0;
  std::vector<std::uint8_t> mask(column.size());
  for (std::size_t r = 0; r < column.size(); ++r) mask[r] = column.code[r] >= 0 && keep_value[static_cast<std::size_t>(column.code[r])];
  return mask;
}

void add_counts(standard::ComplianceRow& to, const standard::ComplianceRow& from) {
  to.met += from.met;
  to.not_met += from.not_met;
  to.not_applicable += from.not_applicable;
  to.invalid += from.invalid;
}

void count_state(CycleLine& line, cycle::State s) {
  switch (s) {
    case cycle::State::done: ++line.done; break;
    case cycle::State::done_late: ++line.done_late; break;
    case cycle::State::insufficient: ++line.insufficient; break;
    case cycle::State::due: ++line.due; break;
    case cycle::State::overdue: ++line.overdue; break;
    case cycle::State::missed: ++line.missed; break;
  }
}

bool needs_attention(const cycle::OccurrenceStatus& o) {
  const auto bad = [](cycle::State s) { return s != cycle::State::done && s != cycle::State::due; };
  return bad(o.state) || std::any_of(o.follow_ups.begin(), o.follow_ups.end(),
                                     [&](const cycle::FollowUpStatus& f) { return bad(f.state); });
}

void complaint_figures(MonthlyReport& r, const workflow::Tracker& complaints, const calendar::BusinessCalendar& cal,
                       const std::set<std::string>& units, const MonthlyOptions& o, Micros from, Micros to) {
  const workflow::CycleTable cycles = complaints.cycles(r.as_of);
  // Cases' units as of the report, like everything else in it (a later event may move a case).
  const bool has_unit = std::any_of(complaints.definition().attributes().begin(), complaints.definition().attributes().end(),
                                    [](const workflow::Attribute& a) { return a.id == "unit"; });
  const workflow::AttributeColumn unit =
      units.empty() && !has_unit ? workflow::AttributeColumn{} : complaints.attribute("unit", r.as_of);
  std::vector<std::uint8_t> mask;
  if (!units.empty()) mask = scope_mask(unit, units);
  const std::vector<std::uint8_t>* in_scope = units.empty() ? nullptr : &mask;
  r.complaints = detail::kpis_of(cycles, complaints.definition().id(), cal, r.first_day, r.last_day,
                                 o.resolution_timer, in_scope);

  // The month's breaches: due in the month (a breach is decided at its due instant), by as_of.
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < cycles.size(); ++i) {
    if (!cycles.breached[i] || cycles.due[i] == kNone || cycles.due[i] < from || cycles.due[i] >= to) continue;
    if (in_scope && !mask[cycles.case_row[i]]) continue;
    rows.push_back(i);
  }
  r.breach_count = rows.size();
  // Most overdue first (remaining is minus the overdue time); ties in table order.
  const std::size_t n = std::min(o.max_breaches, rows.size());
  std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n), rows.end(),
                    [&](std::size_t a, std::size_t b) {
                      return cycles.remaining[a] != cycles.remaining[b] ? cycles.remaining[a] < cycles.remaining[b] : a < b;
                    });
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = rows[k];
    BreachLine b;
    b.case_id = cycles.case_ids[cycles.case_row[i]];
    b.timer = cycles.timer_names[cycles.timer[i]];
    b.rule = cycles.timer_rules[cycles.timer[i]];
    b.cycle = cycles.cycle[i];
    b.due = instant(cycles.due[i]);
    b.stopped = instant(cycles.stopped[i]);
    b.overdue = boost::posix_time::microseconds(-cycles.remaining[i]);
    const std::size_t row = cycles.case_row[i];
    b.unit = row < unit.size() && unit.code[row] >= 0 ? unit.values[static_cast<std::size_t>(unit.code[row])] : "";
    b.goal = complaints.explain(b.case_id, b.timer, r.as_of, b.cycle).goal;
    b.explanation = detail::breach_sentence(b, r, Lang::en);
    r.breaches.push_back(std::move(b));
  }
}

void open_notices(MonthlyReport& r, const workflow::Tracker& notices, const std::set<std::string>& units) {
  r.has_notices = true;
  const workflow::StatusTable st = notices.status(r.as_of);
  const workflow::AttributeColumn unit = notices.attribute("unit", r.as_of);
  for (std::size_t i = 0; i < st.case_ids.size(); ++i) {
    if (!st.open[i]) continue;
    const std::string u = unit.code[i] < 0 ? std::string() : unit.values[static_cast<std::size_t>(unit.code[i])];
    if (!units.empty() && !units.count(u)) continue;
    r.notices.push_back({st.case_ids[i], u, st.state_names[static_cast<std::size_t>(st.state[i])],
                         instant(st.next_due[i]), st.breached[i] != 0});
  }
  // Earliest deadline first, notices without one last.
  std::stable_sort(r.notices.begin(), r.notices.end(), [](const NoticeLine& a, const NoticeLine& b) {
    if (a.deadline.is_special() != b.deadline.is_special()) return b.deadline.is_special();
    return !a.deadline.is_special() && a.deadline < b.deadline;
  });
}

void compliance_figures(MonthlyReport& r, const standard::Findings& findings, const std::set<std::string>& units,
                        const ptime& from, const ptime& to) {
  using standard::Dimension;
  const standard::InstantRange month{from, to};
  standard::ComplianceTable by_unit = standard::compliance(findings, {Dimension::unit}, standard::Period::none, nullptr, month);
  if (!units.empty()) {
    by_unit.rows.erase(std::remove_if(by_unit.rows.begin(), by_unit.rows.end(),
                                      [&](const standard::ComplianceRow& row) { return !units.count(row.key[0]); }),
                       by_unit.rows.end());
  }
  r.compliance = standard::ComplianceRow{};
  for (const auto& row : by_unit.rows) add_counts(r.compliance, row);
  r.by_unit = std::move(by_unit);

  if (units.empty()) {
    r.by_standard = standard::compliance(findings, {Dimension::standard}, standard::Period::none, nullptr, month);
    return;
  }
  // A unit's figures by standard: the standard × unit rows of the units in scope, summed in the
  // standards' order.
  const standard::ComplianceTable both =
      standard::compliance(findings, {Dimension::standard, Dimension::unit}, standard::Period::none, nullptr, month);
  r.by_standard.dimensions = {Dimension::standard};
  for (const auto& row : both.rows) {
    if (!units.count(row.key[1])) continue;
    if (r.by_standard.rows.empty() || r.by_standard.rows.back().key[0] != row.key[0]) {
      standard::ComplianceRow fresh;
      fresh.key = {row.key[0]};
      r.by_standard.rows.push_back(fresh);
    }
    add_counts(r.by_standard.rows.back(), row);
  }
}

cycle::StatusReport cycle_status(MonthlyReport& r, const Charter& charter, const std::vector<cycle::CompletionRecord>& records,
                  const std::set<std::string>& units, const std::string& report_cycle,
                  const std::set<std::string>& survey_cycles, const ptime& from, const ptime& to) {
  cycle::StatusReport s = cycle::status(charter, records, from, to, r.as_of);
  const org::Organization& org = charter.organization();
  // Whether an occurrence belongs to the report's scope: every one for the centre; for a unit,
  // the report's and the surveys' (due for everyone), and those of its units and their staff.
  const auto in_scope = [&](const cycle::Cycle& c, const std::string& subject) {
    if (units.empty() || c.id() == report_cycle || survey_cycles.count(c.id())) return true;
    switch (c.spec().scope.kind) {
      case cycle::ScopeKind::unit: return units.count(subject) > 0;
      case cycle::ScopeKind::staff: return org.has_staff(subject) && units.count(org.staff_member(subject).unit) > 0;
      default: return false;
    }
  };
  std::map<std::string, std::size_t> line_of;  // cycle id → index into its list
  for (const auto& c : charter.cycles()) {
    if (c.id() == report_cycle) continue;
    const bool survey = survey_cycles.count(c.id()) > 0;
    auto& lines = survey ? r.survey_cycles : r.inspections;
    line_of[c.id()] = lines.size();
    CycleLine line;
    line.cycle = c.id();
    line.title = c.title();
    line.responsible = c.owner();
    line.ad_hoc = c.recurrence().kind == cycle::RecurrenceKind::ad_hoc;
    lines.push_back(std::move(line));
  }
  for (const auto& o : s.occurrences) {
    const cycle::Cycle& c = charter.cycle(o.occurrence.cycle);
    if (!in_scope(c, o.occurrence.subject)) continue;
    if (c.id() == report_cycle) {
      // The month's own report: the occurrence whose period holds the month's first day.
      if (o.occurrence.period_start <= r.first_day && r.first_day < o.occurrence.period_end) r.report_due = o;
      continue;
    }
    const bool survey = survey_cycles.count(c.id()) > 0;
    auto& lines = survey ? r.survey_cycles : r.inspections;
    count_state(lines[line_of.at(c.id())], o.state);
    for (const auto& f : o.follow_ups) {
      if (f.cycle == report_cycle) continue;
      count_state((survey_cycles.count(f.cycle) ? r.survey_cycles : r.inspections)[line_of.at(f.cycle)], f.state);
    }
    if (survey) {
      r.survey_occurrences.push_back(o);
    } else if (needs_attention(o)) {
      r.attention.push_back(o);
    }
  }
  for (const auto& k : s.counts) {
    const cycle::Cycle& c = charter.cycle(k.cycle);
    if (c.id() == report_cycle || !in_scope(c, k.subject) || c.recurrence().kind != cycle::RecurrenceKind::ad_hoc) continue;
    (survey_cycles.count(c.id()) ? r.survey_cycles : r.inspections)[line_of.at(c.id())].records += k.count;
  }
  // Cycles with nothing in the month (not scheduled in it, outside the unit) are left out.
  for (auto* lines : {&r.inspections, &r.survey_cycles}) {
    lines->erase(std::remove_if(lines->begin(), lines->end(),
                                [&](const CycleLine& l) { return l.total() == 0 && l.records == 0 && !l.ad_hoc; }),
                 lines->end());
  }
  r.record_problems = s.problems.size();
  return s;
}

// The notices the charter's rectification entries raise for the month, listed (no issuer: the
// report issues nothing), in scope, marked when the rectification tracker holds them already.
void notices_to_raise(MonthlyReport& r, const Charter& charter, const cycle::StatusReport& s,
                      const standard::Findings& findings, const workflow::Tracker* tracker,
                      const std::set<std::string>& units, const ptime& from, const ptime& to) {
  const bool cycles = std::any_of(charter.cycles().begin(), charter.cycles().end(),
                                  [](const cycle::Cycle& c) { return c.spec().rectification.has_value(); });
  const bool standards = std::any_of(charter.standards().begin(), charter.standards().end(),
                                     [](const standard::Standard& x) { return x.spec().rectification.has_value(); });
  std::vector<workflow::Notice> all;
  if (cycles) all = workflow::cycle_notices(charter, s, r.as_of, "");
  if (standards) {
    for (auto& n : workflow::standard_notices(charter, findings, from, to, r.as_of, "")) all.push_back(std::move(n));
  }
  for (auto& n : all) {
    if (!units.empty() && !units.count(n.unit)) continue;
    const bool issued = tracker && tracker->contains(n.case_id);
    r.to_raise.push_back({std::move(n), issued});
  }
}

void collect_names(MonthlyReport& r, const Charter& charter, const workflow::Tracker& complaints,
                   const workflow::Tracker* notices) {
  const org::Organization& org = charter.organization();
  for (const auto& u : org.units()) r.names["unit:" + u.id] = u.name;
  for (const auto& role : org.roles()) r.names["role:" + role.id] = role.name;
  for (const auto& s : charter.standards()) r.names["standard:" + s.id()] = s.title();
  for (const auto& t : complaints.definition().spec().timers) r.names["timer:" + t.id] = t.name;
  if (notices) {
    for (const auto& st : notices->definition().spec().states) r.names["state:" + st.id] = st.name;
  }
}

}  // namespace

LocalizedText MonthlyReport::name(const std::string& kind, const std::string& id) const {
  const auto it = names.find(kind + ":" + id);
  return it == names.end() || (it->second.zh.empty() && it->second.en.empty()) ? LocalizedText{id, id} : it->second;
}

std::optional<bool> MonthlyFigure::met() const {
  if (!target) return std::nullopt;
  if (!value) return false;
  return goal == Goal::at_least ? *value >= *target : *value <= *target;
}

MonthlyReport monthly(const Charter& charter, const workflow::Tracker& complaints, const standard::Findings& findings,
                      const std::vector<cycle::CompletionRecord>& records, int year, int month,
                      const MonthlyOptions& options) {
  if (month < 1 || month > 12) throw std::invalid_argument("monthly: month " + std::to_string(month) + " is not 1–12");
  if (year < 1400 || year > 9999) throw std::invalid_argument("monthly: year " + std::to_string(year) + " is not 1400–9999");
  if (!options.appraisals.empty() && !options.appraisal_scheme) {
    throw std::invalid_argument("monthly: appraisal results were given without their appraisal scheme");
  }
  if (options.survey && !options.survey_design) {
    throw std::invalid_argument("monthly: survey results were given without their survey design");
  }
  if (options.survey && options.survey->dimensions.size() != options.survey_design->dimensions().size()) {
    throw std::invalid_argument("monthly: the survey results have " + std::to_string(options.survey->dimensions.size()) +
                                " dimensions, the survey design '" + options.survey_design->id() + "' " +
                                std::to_string(options.survey_design->dimensions().size()));
  }
  const std::string report_cycle = report_cycle_of(charter, options);
  const std::set<std::string> survey_cycles = survey_cycles_of(charter, options);
  std::string calendar_id = options.calendar;
  if (calendar_id.empty()) {
    if (report_cycle.empty()) {
      throw std::invalid_argument("monthly: name the calendar whose days the month is made of (the charter has no report cycle to take it from)");
    }
    calendar_id = charter.cycle(report_cycle).spec().calendar;
  }
  const calendar::BusinessCalendar& cal = charter.calendar(calendar_id);

  MonthlyReport r;
  r.year = year;
  r.month = month;
  r.unit = options.unit;
  r.calendar = calendar_id;
  r.clock = cal;
  r.targets = options.targets;
  r.first_day = boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1);
  r.last_day = r.first_day.end_of_month();
  const ptime from = cal.from_local(ptime(r.first_day));
  const ptime to = cal.from_local(ptime(r.last_day + boost::gregorian::days(1)));
  r.as_of = options.as_of.value_or(to);
  if (r.as_of.is_special()) throw InvalidTimeError("monthly: as_of must be an instant, not a special value");

  const std::set<std::string> units = units_in_scope(charter.organization(), options.unit);
  r.scope = options.unit.empty() ? charter.name() : charter.organization().unit(options.unit).name;
  collect_names(r, charter, complaints, options.rectifications);
  complaint_figures(r, complaints, cal, units, options, charter::detail::to_micros(from, "from"),
                    charter::detail::to_micros(to, "to"));
  if (options.rectifications) open_notices(r, *options.rectifications, units);
  compliance_figures(r, findings, units, from, to);
  const cycle::StatusReport s = cycle_status(r, charter, records, units, report_cycle, survey_cycles, from, to);
  notices_to_raise(r, charter, s, findings, options.rectifications, units, from, to);
  r.survey_design = options.survey_design;
  r.survey = options.survey;
  if (options.appraisal_scheme) {
    r.appraisal_scheme = options.appraisal_scheme;
    r.appraisal = org::summarize(*options.appraisal_scheme, options.appraisals);
  }
  return r;
}

std::string to_markdown(const MonthlyReport& report, Lang lang) { return to_markdown(report.document(lang)); }
std::string to_html(const MonthlyReport& report, Lang lang) { return to_html(report.document(lang)); }

}  // namespace charter::report
