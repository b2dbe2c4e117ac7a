// charter.report: the monthly quality report (客服质量月度报表). Its parts come back as plain
// Python values — dicts and lists, instants as naive local wall time of the report's calendar —
// and the whole as a report Document, Markdown or HTML.

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "pickling.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/detail/instant.hpp"
#include "charter/io/archive.hpp"
#include "charter/model/charter.hpp"
#include "charter/report/monthly.hpp"
#include "charter/report/render.hpp"

namespace py = pybind11;

namespace charter::python {

namespace {

using namespace charter::report;
using boost::posix_time::ptime;

py::object local(const MonthlyReport& r, const ptime& utc) {
  if (utc.is_special()) return py::none();
  const ptime t = r.clock ? r.clock->to_local(utc) : utc;
  return make_datetime(detail::to_micros(t));
}

py::dict names(const LocalizedText& t) { return py::dict(py::arg("zh") = t.zh, py::arg("en") = t.en); }

py::list compliance_rows(const standard::ComplianceTable& t) {
  py::list out;
  for (const auto& row : t.rows) {
    out.append(py::dict(py::arg("key") = row.key.empty() ? std::string() : row.key[0], py::arg("met") = row.met,
                        py::arg("not_met") = row.not_met, py::arg("not_applicable") = row.not_applicable,
                        py::arg("invalid") = row.invalid, py::arg("checked") = row.checked(),
                        py::arg("rate") = row.rate()));
  }
  return out;
}

py::list cycle_lines(const std::vector<CycleLine>& lines) {
  py::list out;
  for (const auto& l : lines) {
    out.append(py::dict(py::arg("cycle") = l.cycle, py::arg("title") = names(l.title),
                        py::arg("responsible") = l.responsible, py::arg("ad_hoc") = l.ad_hoc,
                        py::arg("records") = l.records, py::arg("done") = l.done, py::arg("done_late") = l.done_late,
                        py::arg("insufficient") = l.insufficient, py::arg("due") = l.due,
                        py::arg("overdue") = l.overdue, py::arg("missed") = l.missed));
  }
  return out;
}

py::dict occurrence(const MonthlyReport& r, const cycle::OccurrenceStatus& o) {
  py::list follow;
  for (const auto& f : o.follow_ups) {
    follow.append(py::dict(py::arg("cycle") = f.cycle, py::arg("state") = cycle::state_name(f.state),
                           py::arg("due") = local(r, f.due), py::arg("explanation") = f.explanation));
  }
  return py::dict(py::arg("cycle") = o.occurrence.cycle, py::arg("subject") = o.occurrence.subject,
                  py::arg("period_start") = o.occurrence.period_start,
                  py::arg("period_end") = o.occurrence.period_end, py::arg("due") = local(r, o.occurrence.due),
                  py::arg("responsible") = o.occurrence.responsible, py::arg("state") = cycle::state_name(o.state),
                  py::arg("counted") = o.counted, py::arg("explanation") = o.explanation,
                  py::arg("follow_ups") = follow);
}

py::list occurrences(const MonthlyReport& r, const std::vector<cycle::OccurrenceStatus>& list) {
  py::list out;
  for (const auto& o : list) out.append(occurrence(r, o));
  return out;
}

std::optional<double> fraction(py::handle targets, const char* key, std::optional<double> fallback) {
  if (targets.is_none() || !targets.contains(key)) return fallback;
  py::object v = targets[key];
  if (v.is_none()) return std::nullopt;
  const double x = v.cast<double>();
  if (!(x >= 0 && x <= 1)) {
    throw py::value_error(std::string("targets['") + key + "'] must be a fraction between 0 and 1 (0.98 for 98 %), not " +
                          py::repr(v).cast<std::string>());
  }
  return x;
}

// The calendar monthly() will place days on: the one named, else the report cycle's.
const calendar::BusinessCalendar& report_zone(const Charter& charter, const MonthlyOptions& o) {
  if (!o.calendar.empty()) return charter.calendar(o.calendar);
  const std::string cycle = o.report_cycle.value_or("R-23");
  for (const auto& c : charter.cycles()) {
    if (c.id() == cycle) return c.calendar();
  }
  if (charter.calendars().empty()) throw py::value_error("monthly: the charter has no calendar");
  return charter.calendars().begin()->second;  // monthly() itself asks for a calendar then
}

}  // namespace

void bind_monthly(py::module_& m) {
  py::class_<MonthlyReport> report(m, "MonthlyReport", R"doc(The monthly quality report (客服质量月度报表, R-23)
of a centre or a unit: see report.monthly. Parts as plain values (instants as naive local wall time
of the report's calendar); document(lang), to_markdown(lang), to_html(lang) lay it out;
figures() lists the key figures and to_frame() gives them as a DataFrame.)doc");
  report.def_readonly("year", &MonthlyReport::year)
      .def_readonly("month", &MonthlyReport::month)
      .def_readonly("unit", &MonthlyReport::unit, "'' for the whole centre")
      .def_property_readonly("scope", [](const MonthlyReport& r) { return names(r.scope); }, "{'zh': …, 'en': …}")
      .def_readonly("calendar", &MonthlyReport::calendar)
      .def_readonly("first_day", &MonthlyReport::first_day)
      .def_readonly("last_day", &MonthlyReport::last_day)
      .def_property_readonly("as_of", [](const MonthlyReport& r) { return local(r, r.as_of); })
      .def_readonly("complaints", &MonthlyReport::complaints, "the complaint figures (WorkflowKpis)")
      .def_readonly("breach_count", &MonthlyReport::breach_count, "every timer cycle breached in the month")
      .def_property_readonly(
          "breaches",
          [](const MonthlyReport& r) {
            py::list out;
            for (const auto& b : r.breaches) {
              out.append(py::dict(py::arg("case_id") = b.case_id, py::arg("timer") = b.timer, py::arg("rule") = b.rule,
                                  py::arg("cycle") = b.cycle, py::arg("due") = local(r, b.due),
                                  py::arg("stopped") = local(r, b.stopped),
                                  py::arg("overdue") = b.overdue, py::arg("unit") = b.unit, py::arg("goal") = b.goal,
                                  py::arg("explanation") = b.explanation));
            }
            return out;
          },
          "the most overdue breaches of the month, each a dict with an explanation")
      .def_property_readonly(
          "notices",
          [](const MonthlyReport& r) -> py::object {
            if (!r.has_notices) return py::none();
            py::list out;
            for (const auto& n : r.notices) {
              out.append(py::dict(py::arg("case_id") = n.case_id, py::arg("unit") = n.unit, py::arg("state") = n.state,
                                  py::arg("deadline") = local(r, n.deadline), py::arg("overdue") = n.overdue));
            }
            return std::move(out);
          },
          "open rectification notices, earliest deadline first; None when no rectification tracker was given")
      .def_property_readonly(
          "to_raise",
          [](const MonthlyReport& r) {
            py::list out;
            for (const auto& x : r.to_raise) {
              const workflow::Notice& n = x.notice;
              out.append(py::dict(py::arg("case_id") = n.case_id, py::arg("source") = workflow::notice_source_name(n.source),
                                  py::arg("rule") = n.rule, py::arg("subject") = n.subject, py::arg("unit") = n.unit,
                                  py::arg("period_start") = n.period_start, py::arg("period_end") = n.period_end,
                                  py::arg("deadline") = local(r, n.deadline), py::arg("severity") = n.severity,
                                  py::arg("problem") = n.problem, py::arg("reason") = n.reason,
                                  py::arg("issued") = x.issued));
            }
            return out;
          },
          "the rectification notices the charter raises for the month (its rectification entries), each marked "
          "issued when the rectification tracker holds it")
      .def_property_readonly("compliance", [](const MonthlyReport& r) {
        const auto& c = r.compliance;
        return py::dict(py::arg("met") = c.met, py::arg("not_met") = c.not_met, py::arg("not_applicable") = c.not_applicable,
                        py::arg("invalid") = c.invalid, py::arg("checked") = c.checked(), py::arg("rate") = c.rate());
      }, "every finding in scope together")
      .def_property_readonly("by_standard", [](const MonthlyReport& r) { return compliance_rows(r.by_standard); })
      .def_property_readonly("by_unit", [](const MonthlyReport& r) { return compliance_rows(r.by_unit); })
      .def_property_readonly("inspections", [](const MonthlyReport& r) { return cycle_lines(r.inspections); },
                             "each inspection cycle's occurrences in the month, counted by state")
      .def_property_readonly("attention", [](const MonthlyReport& r) { return occurrences(r, r.attention); },
                             "occurrences overdue, missed, short of evidence or done late")
      .def_property_readonly("survey_cycles", [](const MonthlyReport& r) { return cycle_lines(r.survey_cycles); })
      .def_property_readonly("survey_occurrences", [](const MonthlyReport& r) { return occurrences(r, r.survey_occurrences); })
      .def_readonly("survey", &MonthlyReport::survey)
      .def_readonly("appraisal", &MonthlyReport::appraisal)
      .def_property_readonly("report_due", [](const MonthlyReport& r) -> py::object {
        if (!r.report_due) return py::none();
        return occurrence(r, *r.report_due);
      }, "the report cycle's occurrence of the month (R-23): due instant and state; None without one")
      .def_readonly("record_problems", &MonthlyReport::record_problems)
      .def("figures", [](const MonthlyReport& r) {
        py::list out;
        for (const auto& f : r.figures()) {
          const std::optional<bool> met = f.met();
          out.append(py::dict(py::arg("id") = f.id, py::arg("label_zh") = f.label.zh, py::arg("label_en") = f.label.en,
                              py::arg("value") = f.value, py::arg("unit") = f.unit, py::arg("target") = f.target,
                              py::arg("goal") = f.goal, py::arg("met") = met));
        }
        return out;
      }, "The key figures as dicts (id, label_zh, label_en, value, unit, target, goal, met); rates in percent.")
      .def("document", &MonthlyReport::document, py::arg("lang") = Lang::zh, "The whole report as a Document.")
      .def("to_markdown", [](const MonthlyReport& r, Lang l) { return to_markdown(r, l); }, py::arg("lang") = Lang::zh)
      .def("to_html", [](const MonthlyReport& r, Lang l) { return to_html(r, l); }, py::arg("lang") = Lang::zh)
      .def("__reduce__", [](const MonthlyReport& r) {
        // The whole report in its envelope (charter.save's bytes): every figure exactly, NaN included.
        return py::make_tuple(pickle_fn("from_state"),
                              py::make_tuple(1, py::bytes(io::to_bytes(r, io::ArchiveFormat::binary))));
      })
      .def("__repr__", [](const MonthlyReport& r) {
        char ym[16];
        std::snprintf(ym, sizeof ym, "%04d-%02d", r.year, r.month);
        return "<charter.report.MonthlyReport " + std::string(ym) + " " + (r.unit.empty() ? "centre" : r.unit) + ": " +
               std::to_string(r.complaints.received) + " complaints, " + std::to_string(r.breach_count) + " breaches>";
      });

  m.def(
      "_monthly",
      [](const Charter& charter, py::handle complaints, py::handle findings, py::handle records, int year, int month,
         const std::string& unit, py::handle as_of, const std::string& calendar, const std::string& resolution_timer,
         py::handle rectifications, std::optional<cycle::SurveyDesign> survey_design,
         std::optional<cycle::SatisfactionResult> survey, std::optional<org::AppraisalScheme> appraisal_scheme,
         std::vector<org::AppraisalResult> appraisals, py::handle targets, std::size_t max_breaches,
         std::optional<std::vector<std::string>> survey_cycles, std::optional<std::string> report_cycle) {
        MonthlyOptions o;
        o.unit = unit;
        o.calendar = calendar;
        o.resolution_timer = resolution_timer;
        o.survey_design = std::move(survey_design);
        o.survey = std::move(survey);
        o.appraisal_scheme = std::move(appraisal_scheme);
        o.appraisals = std::move(appraisals);
        o.max_breaches = max_breaches;
        o.survey_cycles = std::move(survey_cycles);
        o.report_cycle = std::move(report_cycle);
        o.targets.resolution_rate = fraction(targets, "resolution_rate", o.targets.resolution_rate);
        o.targets.satisfaction = fraction(targets, "satisfaction", o.targets.satisfaction);
        o.targets.on_time = fraction(targets, "on_time", o.targets.on_time);
        o.targets.compliance = fraction(targets, "compliance", o.targets.compliance);
        if (!targets.is_none()) {
          for (auto item : targets.cast<py::dict>()) {
            const std::string k = py::str(item.first);
            if (k != "resolution_rate" && k != "satisfaction" && k != "on_time" && k != "compliance") {
              throw py::value_error("targets: unknown key '" + k + "' (resolution_rate, satisfaction, on_time, compliance)");
            }
          }
        }
        // Naive instants (as_of, records) are wall time of the report's calendar.
        const calendar::BusinessCalendar& zone = report_zone(charter, o);
        if (!as_of.is_none()) o.as_of = detail::from_micros(read_instant(as_of, zone.index(), "as_of").utc);
        const std::vector<cycle::CompletionRecord> recs =
            records.is_none() ? std::vector<cycle::CompletionRecord>{} : records_from_python(records, zone);
        const standard::Findings empty;
        const standard::Findings* f = findings.is_none() ? &empty : findings_in_python(findings);
        if (!f) throw py::type_error("monthly: findings must be charter.standard.Findings (or None)");
        std::optional<MonthlyReport> out;
        const auto run = [&](const workflow::Tracker& t) {
          py::gil_scoped_release release;
          out = monthly(charter, t, *f, recs, year, month, o);
        };
        const bool ok = read_tracker(complaints, [&](const workflow::Tracker& t) {
          if (rectifications.is_none()) return run(t);
          const bool notices = read_tracker(rectifications, [&](const workflow::Tracker& n) {
            o.rectifications = &n;
            run(t);
          });
          if (!notices) throw py::type_error("monthly: rectifications must be a charter.workflow.Tracker (or None)");
        });
        if (!ok) throw py::type_error("monthly: tracker must be a charter.workflow.Tracker or JournaledTracker");
        return std::move(*out);
      },
      py::arg("charter"), py::arg("tracker"), py::arg("findings"), py::arg("records"), py::arg("year"), py::arg("month"),
      py::arg("unit"), py::arg("as_of"), py::arg("calendar"), py::arg("resolution_timer"), py::arg("rectifications"),
      py::arg("survey_design"), py::arg("survey"), py::arg("appraisal_scheme"), py::arg("appraisals"),
      py::arg("targets"), py::arg("max_breaches"), py::arg("survey_cycles"), py::arg("report_cycle"),
      "The monthly report (charter.report.monthly is the documented entry point).");
}

}  // namespace charter::python
