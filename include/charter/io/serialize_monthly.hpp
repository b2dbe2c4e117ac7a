#pragma once
// Boost.Serialization of the monthly quality report (report::MonthlyReport,
// PayloadType::monthly_report), with the discipline of the other serialize_*.hpp headers:
// primitives only, every count bounded before anything is allocated, text checked as UTF-8,
// numbers as the 64 bits of the double (so text and XML keep NaN "no data" and every rate
// exactly), instants as int64 microseconds since 1970 with a flag for "none", enumerators
// range-checked on load.
//
// A monthly report is a result, not a rule: it is saved so that the month's figures can be
// archived, sent to another process (pickle) and laid out again — document(lang), Markdown,
// HTML — without the events, findings and records it was computed from. Its survey design,
// appraisal scheme and calendar go in the layouts of serialize_survey.hpp and
// serialize_calendar.hpp and are validated again on load (CorruptFileError when refused).
//
// Layout (payload version kMonthlyReportSchema = 1), in order: year, month, unit, scope, calendar
// id, the calendar (flag, spec), first and last day, as_of, the four targets; the complaint
// figures (workflow, days, as_of, received and per day, resolution timer, resolved, rate, each
// timer's figures); breach count and breach lines; the notices flag and open notices; the notices
// to raise (each a Notice with its events, and the issued flag); the compliance tables by
// standard and by unit and the overall row; inspections, attention, survey lines and
// occurrences; the survey design and results, the appraisal scheme and summary (each a flag
// and its value); the report's occurrence (flag, value); record problems; the names.
//
// Example:
//   save_monthly(ar, report);
//   report::MonthlyReport back = load_monthly(ar);

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "charter/io/serialize_calendar.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/io/serialize_survey.hpp"
#include "charter/io/serialize_workflow.hpp"
#include "charter/report/monthly.hpp"

namespace charter::io {

/// Payload version of a saved monthly report (the envelope's schema_version).
inline constexpr std::uint32_t kMonthlyReportSchema = 1;
/// Bounds on what an archive may claim (far above any real month).
inline constexpr std::uint32_t kMaxReportLines = 10000000;
inline constexpr std::uint32_t kMaxReportDays = 366;
inline constexpr std::uint32_t kMaxReportTimers = 1000;
inline constexpr std::uint32_t kMaxReportNames = 10000000;

namespace serial {

// A figure that may be "no data": NaN comes back as NaN (the bits are kept), an infinity is
// refused like any non-finite number of the other layouts.
template <class Ar>
double get_figure(Ar& ar, const char* name) {
  const std::int64_t bits = get_i64(ar, name);
  double v;
  std::memcpy(&v, &bits, sizeof v);
  if (std::isinf(v)) throw CorruptFileError(std::string("field '") + name + "' is infinite, not a figure");
  return v;
}

template <class Ar>
void put_size(Ar& ar, const char* name, std::size_t n) {
  put_i64(ar, name, static_cast<std::int64_t>(n));
}
template <class Ar>
std::size_t get_size(Ar& ar, const char* name) {
  const std::int64_t v = get_i64(ar, name);
  if (v < 0) throw CorruptFileError(std::string("field '") + name + "' holds " + std::to_string(v) + ", not a count");
  return static_cast<std::size_t>(v);
}

template <class Ar>
void put_sizes(Ar& ar, const char* name, const std::vector<std::size_t>& v, std::uint32_t limit) {
  put_bounded_count(ar, name, v.size(), limit);
  for (std::size_t n : v) put_size(ar, "n", n);
}
template <class Ar>
std::vector<std::size_t> get_sizes(Ar& ar, const char* name, std::uint32_t limit) {
  std::vector<std::size_t> out;
  for (std::uint32_t i = 0, n = get_count(ar, name, limit); i < n; ++i) out.push_back(get_size(ar, "n"));
  return out;
}

// An instant, or none (not_a_date_time): a flag, then microseconds since 1970 (UTC).
template <class Ar>
void put_instant(Ar& ar, const char* name, const boost::posix_time::ptime& t) {
  put_flag(ar, name, !t.is_special());
  if (!t.is_special()) put_i64(ar, "us", (t - charter::detail::unix_epoch()).total_microseconds());
}
template <class Ar>
boost::posix_time::ptime get_instant(Ar& ar, const char* name) {
  if (!get_flag(ar, name)) return boost::posix_time::ptime();
  const std::int64_t us = get_i64(ar, "us");
  if (us < charter::detail::kMinMicros || us >= charter::detail::kEndMicros) {
    throw CorruptFileError(std::string("field '") + name + "' holds " + std::to_string(us) +
                           " microseconds, which is not an instant between the years 1400 and 9999");
  }
  return charter::detail::from_micros(us);
}

// A day that may be none (not_a_date_time), in serialize_org.hpp's optional-date layout.
template <class Ar>
void put_day(Ar& ar, const char* name, const boost::gregorian::date& d) {
  put_optional_date(ar, name, d.is_special() ? std::optional<boost::gregorian::date>() : std::optional(d));
}
template <class Ar>
boost::gregorian::date get_day(Ar& ar, const char* name) {
  return get_optional_date(ar, name).value_or(boost::gregorian::date());
}

// An enumerator stored as a number, checked against the number of enumerators.
template <class E, class Ar>
E get_enum(Ar& ar, const char* name, std::uint32_t count) {
  const std::uint32_t v = get_u32(ar, name);
  if (v >= count) throw CorruptFileError(std::string("field '") + name + "' holds " + std::to_string(v) + ", not one of its values");
  return static_cast<E>(v);
}

template <class Ar>
void put_compliance_row(Ar& ar, const standard::ComplianceRow& r) {
  put_ids(ar, "key", r.key);
  put_day(ar, "period_start", r.period_start);
  put_size(ar, "met", r.met);
  put_size(ar, "not_met", r.not_met);
  put_size(ar, "not_applicable", r.not_applicable);
  put_size(ar, "invalid", r.invalid);
}
template <class Ar>
standard::ComplianceRow get_compliance_row(Ar& ar) {
  standard::ComplianceRow r;
  r.key = get_ids(ar, "key");
  r.period_start = get_day(ar, "period_start");
  r.met = get_size(ar, "met");
  r.not_met = get_size(ar, "not_met");
  r.not_applicable = get_size(ar, "not_applicable");
  r.invalid = get_size(ar, "invalid");
  return r;
}

template <class Ar>
void put_compliance(Ar& ar, const standard::ComplianceTable& t) {
  put_bounded_count(ar, "dimensions", t.dimensions.size(), 5);
  for (auto d : t.dimensions) put_u32(ar, "dimension", static_cast<std::uint32_t>(d));
  put_u32(ar, "period", static_cast<std::uint32_t>(t.period));
  put_bounded_count(ar, "rows", t.rows.size(), kMaxReportLines);
  for (const auto& r : t.rows) put_compliance_row(ar, r);
}
template <class Ar>
standard::ComplianceTable get_compliance(Ar& ar) {
  standard::ComplianceTable t;
  for (std::uint32_t i = 0, n = get_count(ar, "dimensions", 5); i < n; ++i) {
    t.dimensions.push_back(get_enum<standard::Dimension>(ar, "dimension", 5));
  }
  t.period = get_enum<standard::Period>(ar, "period", 4);
  for (std::uint32_t i = 0, n = get_count(ar, "rows", kMaxReportLines); i < n; ++i) {
    t.rows.push_back(get_compliance_row(ar));
    if (t.rows.back().key.size() != t.dimensions.size()) {
      throw CorruptFileError("a compliance row has " + std::to_string(t.rows.back().key.size()) + " keys for " +
                             std::to_string(t.dimensions.size()) + " dimensions");
    }
  }
  return t;
}

template <class Ar>
void put_cycle_lines(Ar& ar, const char* name, const std::vector<report::CycleLine>& lines) {
  put_bounded_count(ar, name, lines.size(), kMaxReportLines);
  for (const auto& l : lines) {
    put_string(ar, "cycle", l.cycle);
    put_text(ar, l.title);
    put_string(ar, "responsible", l.responsible);
    put_flag(ar, "ad_hoc", l.ad_hoc);
    for (std::size_t n : {l.records, l.done, l.done_late, l.insufficient, l.due, l.overdue, l.missed}) put_size(ar, "n", n);
  }
}
template <class Ar>
std::vector<report::CycleLine> get_cycle_lines(Ar& ar, const char* name) {
  std::vector<report::CycleLine> out;
  for (std::uint32_t i = 0, n = get_count(ar, name, kMaxReportLines); i < n; ++i) {
    report::CycleLine& l = out.emplace_back();
    l.cycle = get_string(ar, "cycle");
    l.title = get_text(ar);
    l.responsible = get_string(ar, "responsible");
    l.ad_hoc = get_flag(ar, "ad_hoc");
    for (std::size_t* n : {&l.records, &l.done, &l.done_late, &l.insufficient, &l.due, &l.overdue, &l.missed}) {
      *n = get_size(ar, "n");
    }
  }
  return out;
}

template <class Ar>
void put_record_index(Ar& ar, const std::optional<std::size_t>& record) {
  put_flag(ar, "has_record", record.has_value());
  if (record) put_size(ar, "record", *record);
}
template <class Ar>
std::optional<std::size_t> get_record_index(Ar& ar) {
  if (!get_flag(ar, "has_record")) return std::nullopt;
  return get_size(ar, "record");
}

template <class Ar>
void put_occurrence_status(Ar& ar, const cycle::OccurrenceStatus& o) {
  const cycle::Occurrence& x = o.occurrence;
  put_string(ar, "cycle", x.cycle);
  put_string(ar, "subject", x.subject);
  put_day(ar, "period_start", x.period_start);
  put_day(ar, "period_end", x.period_end);
  put_day(ar, "scheduled", x.scheduled);
  put_instant(ar, "due", x.due);
  put_string(ar, "responsible", x.responsible);
  put_u32(ar, "state", static_cast<std::uint32_t>(o.state));
  put_instant(ar, "window_end", o.window_end);
  put_record_index(ar, o.record);
  put_i64(ar, "counted", o.counted);
  put_long_string(ar, "explanation", o.explanation, kMaxFieldValueBytes);
  put_bounded_count(ar, "follow_ups", o.follow_ups.size(), kMaxReportLines);
  for (const auto& f : o.follow_ups) {
    put_string(ar, "cycle", f.cycle);
    put_u32(ar, "state", static_cast<std::uint32_t>(f.state));
    put_instant(ar, "due", f.due);
    put_instant(ar, "window_end", f.window_end);
    put_record_index(ar, f.record);
    put_long_string(ar, "explanation", f.explanation, kMaxFieldValueBytes);
  }
}
template <class Ar>
cycle::OccurrenceStatus get_occurrence_status(Ar& ar) {
  cycle::OccurrenceStatus o;
  cycle::Occurrence& x = o.occurrence;
  x.cycle = get_string(ar, "cycle");
  x.subject = get_string(ar, "subject");
  x.period_start = get_day(ar, "period_start");
  x.period_end = get_day(ar, "period_end");
  x.scheduled = get_day(ar, "scheduled");
  x.due = get_instant(ar, "due");
  x.responsible = get_string(ar, "responsible");
  o.state = get_enum<cycle::State>(ar, "state", 6);
  o.window_end = get_instant(ar, "window_end");
  o.record = get_record_index(ar);
  const std::int64_t counted = get_i64(ar, "counted");
  if (counted < 0 || counted > std::numeric_limits<int>::max()) {
    throw CorruptFileError("field 'counted' holds " + std::to_string(counted) + ", not a count");
  }
  o.counted = static_cast<int>(counted);
  o.explanation = get_long_string(ar, "explanation", kMaxFieldValueBytes);
  for (std::uint32_t i = 0, n = get_count(ar, "follow_ups", kMaxReportLines); i < n; ++i) {
    cycle::FollowUpStatus& f = o.follow_ups.emplace_back();
    f.cycle = get_string(ar, "cycle");
    f.state = get_enum<cycle::State>(ar, "state", 6);
    f.due = get_instant(ar, "due");
    f.window_end = get_instant(ar, "window_end");
    f.record = get_record_index(ar);
    f.explanation = get_long_string(ar, "explanation", kMaxFieldValueBytes);
  }
  return o;
}

template <class Ar>
void put_occurrences(Ar& ar, const char* name, const std::vector<cycle::OccurrenceStatus>& list) {
  put_bounded_count(ar, name, list.size(), kMaxReportLines);
  for (const auto& o : list) put_occurrence_status(ar, o);
}
template <class Ar>
std::vector<cycle::OccurrenceStatus> get_occurrences(Ar& ar, const char* name) {
  std::vector<cycle::OccurrenceStatus> out;
  for (std::uint32_t i = 0, n = get_count(ar, name, kMaxReportLines); i < n; ++i) out.push_back(get_occurrence_status(ar));
  return out;
}

template <class Ar>
void put_estimate(Ar& ar, const cycle::Estimate& e) {
  put_string(ar, "dimension", e.dimension);
  put_i64(ar, "answers", e.answers);
  for (double v : {e.mean, e.mean_low, e.mean_high, e.satisfied, e.satisfied_low, e.satisfied_high, e.effective_n}) {
    put_number(ar, "v", v);
  }
  put_ids(ar, "tiers_without_answers", e.tiers_without_answers);
}
template <class Ar>
cycle::Estimate get_estimate(Ar& ar) {
  cycle::Estimate e;
  e.dimension = get_string(ar, "dimension");
  e.answers = get_i64(ar, "answers");
  for (double* v : {&e.mean, &e.mean_low, &e.mean_high, &e.satisfied, &e.satisfied_low, &e.satisfied_high, &e.effective_n}) {
    *v = get_figure(ar, "v");
  }
  e.tiers_without_answers = get_ids(ar, "tiers_without_answers");
  return e;
}

}  // namespace serial

/// Writes a monthly report (layout above). SerializationError for text that is not UTF-8 or
/// longer than its bound.
template <class Ar>
void save_monthly(Ar& ar, const report::MonthlyReport& r) {
  using namespace serial;
  put_i64(ar, "year", r.year);
  put_i64(ar, "month", r.month);
  put_string(ar, "unit", r.unit);
  put_text(ar, r.scope);
  put_string(ar, "calendar", r.calendar);
  put_flag(ar, "has_clock", r.clock.has_value());
  if (r.clock) save_spec(ar, r.clock->spec());
  put_day(ar, "first_day", r.first_day);
  put_day(ar, "last_day", r.last_day);
  put_instant(ar, "as_of", r.as_of);
  for (const auto& t : {r.targets.resolution_rate, r.targets.satisfaction, r.targets.on_time, r.targets.compliance}) {
    put_optional_number(ar, "target", t);
  }
  const report::WorkflowKpis& k = r.complaints;
  put_string(ar, "workflow", k.workflow);
  put_day(ar, "first_day", k.first_day);
  put_day(ar, "last_day", k.last_day);
  put_instant(ar, "as_of", k.as_of);
  put_size(ar, "received", k.received);
  put_sizes(ar, "received_by_day", k.received_by_day, kMaxReportDays);
  put_string(ar, "resolution_timer", k.resolution_timer);
  put_size(ar, "resolved", k.resolved);
  put_number(ar, "resolution_rate", k.resolution_rate);
  put_bounded_count(ar, "timers", k.timers.size(), kMaxReportTimers);
  for (const auto& t : k.timers) {
    put_string(ar, "timer", t.timer);
    put_string(ar, "rule", t.rule);
    put_size(ar, "met", t.met);
    put_size(ar, "breached", t.breached);
    put_size(ar, "pending", t.pending);
    put_number(ar, "on_time", t.on_time);
    put_sizes(ar, "met_by_day", t.met_by_day, kMaxReportDays);
    put_sizes(ar, "decided_by_day", t.decided_by_day, kMaxReportDays);
  }
  put_size(ar, "breach_count", r.breach_count);
  put_bounded_count(ar, "breaches", r.breaches.size(), kMaxReportLines);
  for (const auto& b : r.breaches) {
    put_string(ar, "case", b.case_id);
    put_string(ar, "timer", b.timer);
    put_string(ar, "rule", b.rule);
    put_i64(ar, "cycle", b.cycle);
    put_instant(ar, "due", b.due);
    put_instant(ar, "stopped", b.stopped);
    put_i64(ar, "overdue_us", b.overdue.total_microseconds());
    put_string(ar, "unit", b.unit);
    put_long_string(ar, "goal", b.goal, kMaxFieldValueBytes);
    put_long_string(ar, "explanation", b.explanation, kMaxFieldValueBytes);
  }
  put_flag(ar, "has_notices", r.has_notices);
  put_bounded_count(ar, "notices", r.notices.size(), kMaxReportLines);
  for (const auto& n : r.notices) {
    put_string(ar, "case", n.case_id);
    put_string(ar, "unit", n.unit);
    put_string(ar, "state", n.state);
    put_instant(ar, "deadline", n.deadline);
    put_flag(ar, "overdue", n.overdue);
  }
  put_bounded_count(ar, "to_raise", r.to_raise.size(), kMaxReportLines);
  for (const auto& x : r.to_raise) {
    const workflow::Notice& n = x.notice;
    put_string(ar, "case", n.case_id);
    put_u32(ar, "source", static_cast<std::uint32_t>(n.source));
    put_string(ar, "rule", n.rule);
    put_string(ar, "subject", n.subject);
    put_string(ar, "unit", n.unit);
    put_day(ar, "period_start", n.period_start);
    put_day(ar, "period_end", n.period_end);
    put_instant(ar, "deadline", n.deadline);
    put_string(ar, "severity", n.severity);
    put_long_string(ar, "problem", n.problem, kMaxFieldValueBytes);
    put_long_string(ar, "reason", n.reason, kMaxFieldValueBytes);
    put_bounded_count(ar, "events", n.events.size(), kMaxArchivedEvents);
    for (const auto& e : n.events) save_event(ar, e);
    put_flag(ar, "issued", x.issued);
  }
  put_compliance(ar, r.by_standard);
  put_compliance(ar, r.by_unit);
  put_compliance_row(ar, r.compliance);
  put_cycle_lines(ar, "inspections", r.inspections);
  put_occurrences(ar, "attention", r.attention);
  put_cycle_lines(ar, "survey_cycles", r.survey_cycles);
  put_occurrences(ar, "survey_occurrences", r.survey_occurrences);
  put_flag(ar, "has_survey_design", r.survey_design.has_value());
  if (r.survey_design) save_survey(ar, r.survey_design->spec());
  put_flag(ar, "has_survey", r.survey.has_value());
  if (r.survey) {
    put_number(ar, "confidence", r.survey->confidence);
    put_i64(ar, "respondents", r.survey->respondents);
    put_bounded_count(ar, "dimensions", r.survey->dimensions.size(), kMaxSurveyDimensions);
    for (const auto& e : r.survey->dimensions) put_estimate(ar, e);
    put_estimate(ar, r.survey->overall);
    put_bounded_count(ar, "tiers", r.survey->tiers.size(), kMaxSurveyTiers);
    for (const auto& t : r.survey->tiers) {
      put_string(ar, "tier", t.tier);
      put_i64(ar, "respondents", t.respondents);
      put_i64(ar, "complete", t.complete);
    }
  }
  put_flag(ar, "has_appraisal_scheme", r.appraisal_scheme.has_value());
  if (r.appraisal_scheme) save_appraisal(ar, r.appraisal_scheme->spec());
  put_flag(ar, "has_appraisal", r.appraisal.has_value());
  if (r.appraisal) {
    put_bounded_count(ar, "grades", r.appraisal->grades.size(), kMaxAppraisalGrades);
    for (const auto& g : r.appraisal->grades) {
      put_string(ar, "grade", g.grade);
      put_i64(ar, "count", g.count);
    }
    put_i64(ar, "not_graded", r.appraisal->not_graded);
    put_i64(ar, "partial", r.appraisal->partial);
    put_i64(ar, "staff", r.appraisal->staff);
  }
  put_flag(ar, "has_report_due", r.report_due.has_value());
  if (r.report_due) put_occurrence_status(ar, *r.report_due);
  put_size(ar, "record_problems", r.record_problems);
  put_bounded_count(ar, "names", r.names.size(), kMaxReportNames);
  for (const auto& [key, text] : r.names) {
    put_string(ar, "key", key);
    put_text(ar, text);
  }
}

/// Reads what save_monthly wrote. CorruptFileError for anything out of range, and for a
/// calendar, survey design or appraisal scheme that its validation refuses.
template <class Ar>
report::MonthlyReport load_monthly(Ar& ar) {
  using namespace serial;
  report::MonthlyReport r;
  const std::int64_t year = get_i64(ar, "year"), month = get_i64(ar, "month");
  if (year < 1400 || year > 9999 || month < 1 || month > 12) {
    throw CorruptFileError("the report's month " + std::to_string(year) + "-" + std::to_string(month) + " is not a month");
  }
  r.year = static_cast<int>(year);
  r.month = static_cast<int>(month);
  r.unit = get_string(ar, "unit");
  r.scope = get_text(ar);
  r.calendar = get_string(ar, "calendar");
  if (get_flag(ar, "has_clock")) {
    try {
      r.clock.emplace(load_spec(ar, kCalendarSchema));
    } catch (const CorruptFileError&) {
      throw;
    } catch (const Error& e) {
      throw CorruptFileError(std::string("the report's calendar is invalid: ") + e.what());
    }
  }
  r.first_day = get_day(ar, "first_day");
  r.last_day = get_day(ar, "last_day");
  r.as_of = get_instant(ar, "as_of");
  for (std::optional<double>* t : {&r.targets.resolution_rate, &r.targets.satisfaction, &r.targets.on_time, &r.targets.compliance}) {
    *t = get_optional_number(ar, "target");
  }
  report::WorkflowKpis& k = r.complaints;
  k.workflow = get_string(ar, "workflow");
  k.first_day = get_day(ar, "first_day");
  k.last_day = get_day(ar, "last_day");
  k.as_of = get_instant(ar, "as_of");
  k.received = get_size(ar, "received");
  k.received_by_day = get_sizes(ar, "received_by_day", kMaxReportDays);
  k.resolution_timer = get_string(ar, "resolution_timer");
  k.resolved = get_size(ar, "resolved");
  k.resolution_rate = get_figure(ar, "resolution_rate");
  for (std::uint32_t i = 0, n = get_count(ar, "timers", kMaxReportTimers); i < n; ++i) {
    report::TimerKpi& t = k.timers.emplace_back();
    t.timer = get_string(ar, "timer");
    t.rule = get_string(ar, "rule");
    t.met = get_size(ar, "met");
    t.breached = get_size(ar, "breached");
    t.pending = get_size(ar, "pending");
    t.on_time = get_figure(ar, "on_time");
    t.met_by_day = get_sizes(ar, "met_by_day", kMaxReportDays);
    t.decided_by_day = get_sizes(ar, "decided_by_day", kMaxReportDays);
    if (t.met_by_day.size() != k.received_by_day.size() || t.decided_by_day.size() != k.received_by_day.size()) {
      throw CorruptFileError("timer '" + t.timer + "' has figures for another number of days than the report");
    }
  }
  r.breach_count = get_size(ar, "breach_count");
  for (std::uint32_t i = 0, n = get_count(ar, "breaches", kMaxReportLines); i < n; ++i) {
    report::BreachLine& b = r.breaches.emplace_back();
    b.case_id = get_string(ar, "case");
    b.timer = get_string(ar, "timer");
    b.rule = get_string(ar, "rule");
    const std::int64_t cycle = get_i64(ar, "cycle");
    if (cycle < 1 || cycle > std::numeric_limits<int>::max()) throw CorruptFileError("a breach's cycle " + std::to_string(cycle) + " is not a cycle number");
    b.cycle = static_cast<int>(cycle);
    b.due = get_instant(ar, "due");
    b.stopped = get_instant(ar, "stopped");
    b.overdue = boost::posix_time::microseconds(get_i64(ar, "overdue_us"));
    b.unit = get_string(ar, "unit");
    b.goal = get_long_string(ar, "goal", kMaxFieldValueBytes);
    b.explanation = get_long_string(ar, "explanation", kMaxFieldValueBytes);
  }
  r.has_notices = get_flag(ar, "has_notices");
  for (std::uint32_t i = 0, n = get_count(ar, "notices", kMaxReportLines); i < n; ++i) {
    report::NoticeLine& l = r.notices.emplace_back();
    l.case_id = get_string(ar, "case");
    l.unit = get_string(ar, "unit");
    l.state = get_string(ar, "state");
    l.deadline = get_instant(ar, "deadline");
    l.overdue = get_flag(ar, "overdue");
  }
  for (std::uint32_t i = 0, n = get_count(ar, "to_raise", kMaxReportLines); i < n; ++i) {
    report::NoticeToRaise& x = r.to_raise.emplace_back();
    workflow::Notice& m = x.notice;
    m.case_id = get_string(ar, "case");
    m.source = get_enum<workflow::NoticeSource>(ar, "source", 2);
    m.rule = get_string(ar, "rule");
    m.subject = get_string(ar, "subject");
    m.unit = get_string(ar, "unit");
    m.period_start = get_day(ar, "period_start");
    m.period_end = get_day(ar, "period_end");
    m.deadline = get_instant(ar, "deadline");
    m.severity = get_string(ar, "severity");
    m.problem = get_long_string(ar, "problem", kMaxFieldValueBytes);
    m.reason = get_long_string(ar, "reason", kMaxFieldValueBytes);
    for (std::uint32_t j = 0, ne = get_count(ar, "events", kMaxArchivedEvents); j < ne; ++j) m.events.push_back(load_event(ar));
    x.issued = get_flag(ar, "issued");
  }
  r.by_standard = get_compliance(ar);
  r.by_unit = get_compliance(ar);
  r.compliance = get_compliance_row(ar);
  r.inspections = get_cycle_lines(ar, "inspections");
  r.attention = get_occurrences(ar, "attention");
  r.survey_cycles = get_cycle_lines(ar, "survey_cycles");
  r.survey_occurrences = get_occurrences(ar, "survey_occurrences");
  if (get_flag(ar, "has_survey_design")) r.survey_design = load_survey_design(ar);
  if (get_flag(ar, "has_survey")) {
    cycle::SatisfactionResult& s = r.survey.emplace();
    s.confidence = get_number(ar, "confidence");
    s.respondents = get_i64(ar, "respondents");
    for (std::uint32_t i = 0, n = get_count(ar, "dimensions", kMaxSurveyDimensions); i < n; ++i) s.dimensions.push_back(get_estimate(ar));
    s.overall = get_estimate(ar);
    for (std::uint32_t i = 0, n = get_count(ar, "tiers", kMaxSurveyTiers); i < n; ++i) {
      cycle::TierCount& t = s.tiers.emplace_back();
      t.tier = get_string(ar, "tier");
      t.respondents = get_i64(ar, "respondents");
      t.complete = get_i64(ar, "complete");
    }
    if (!r.survey_design || r.survey_design->dimensions().size() != s.dimensions.size()) {
      throw CorruptFileError("the report's survey results do not match its survey design");
    }
  }
  if (get_flag(ar, "has_appraisal_scheme")) r.appraisal_scheme = load_appraisal_scheme(ar);
  if (get_flag(ar, "has_appraisal")) {
    org::AppraisalSummary& a = r.appraisal.emplace();
    for (std::uint32_t i = 0, n = get_count(ar, "grades", kMaxAppraisalGrades); i < n; ++i) {
      org::GradeCount& g = a.grades.emplace_back();
      g.grade = get_string(ar, "grade");
      g.count = get_i64(ar, "count");
    }
    a.not_graded = get_i64(ar, "not_graded");
    a.partial = get_i64(ar, "partial");
    a.staff = get_i64(ar, "staff");
    if (!r.appraisal_scheme || r.appraisal_scheme->grades().size() != a.grades.size()) {
      throw CorruptFileError("the report's appraisal summary does not match its appraisal scheme");
    }
  }
  if (get_flag(ar, "has_report_due")) r.report_due = get_occurrence_status(ar);
  r.record_problems = get_size(ar, "record_problems");
  for (std::uint32_t i = 0, n = get_count(ar, "names", kMaxReportNames); i < n; ++i) {
    std::string key = get_string(ar, "key");
    r.names[std::move(key)] = get_text(ar);
  }
  return r;
}

}  // namespace charter::io
