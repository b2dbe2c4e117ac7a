// charter.workflow: the rectification notices a charter raises by itself (workflow/notices.hpp)
// — cycle_notices from completion records, standard_notices from Findings — as plain dicts the
// pure-Python charter.workflow.Notice wraps.
//
// Instants follow casters.hpp with the zone of `zone` (a calendar of the charter: "office" by
// default, else its only one): a naive as_of gives naive local wall time back (deadline, the
// events' `at`), an aware one gives aware datetimes in as_of's tzinfo. The events are event dicts
// (case, at, event, actor, fields) that Tracker.apply and Tracker.ingest take as they are.

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "charter/cycle/status.hpp"
#include "charter/model/charter.hpp"
#include "charter/workflow/notices.hpp"

namespace charter::python {

namespace wf = charter::workflow;
using detail::CalendarIndex;

namespace {

boost::posix_time::ptime instant(py::handle h, const calendar::BusinessCalendar& zone, const char* what,
                                 PyInstant* form = nullptr) {
  const PyInstant p = read_instant(h, zone.index(), what);
  if (form) *form = p;
  return detail::from_micros(p.utc);
}

py::object date_of(const boost::gregorian::date& d) {
  ensure_datetime_api();
  const auto ymd = d.year_month_day();
  PyObject* o = PyDate_FromDate(static_cast<int>(ymd.year), static_cast<int>(ymd.month), static_cast<int>(ymd.day));
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

py::list notices_to_py(const std::vector<wf::Notice>& notices, const CalendarIndex& x, const PyInstant& form) {
  py::list out;
  for (const wf::Notice& n : notices) {
    py::list events;
    for (const wf::Event& e : n.events) {
      py::dict fields;
      for (const auto& f : e.fields) fields[py::str(f.name)] = f.value;
      py::dict d;
      d["case"] = e.case_id;
      d["at"] = write_instant(detail::to_micros(e.at), form, x);
      d["event"] = e.name;
      d["actor"] = e.actor;
      d["fields"] = fields;
      events.append(d);
    }
    py::dict d;
    d["case_id"] = n.case_id;
    d["source"] = wf::notice_source_name(n.source);
    d["rule"] = n.rule;
    d["subject"] = n.subject;
    d["unit"] = n.unit;
    d["period_start"] = date_of(n.period_start);
    d["period_end"] = date_of(n.period_end);
    d["deadline"] = write_instant(detail::to_micros(n.deadline), form, x);
    d["severity"] = n.severity;
    d["problem"] = n.problem;
    d["reason"] = n.reason;
    d["events"] = events;
    out.append(d);
  }
  return out;
}

}  // namespace

void bind_notices(py::module_& root) {
  py::module_ m = root.attr("workflow").cast<py::module_>();
  m.def(
      "_cycle_notices",
      [](const Charter& c, py::handle records, py::handle from, py::handle to, py::handle as_of,
         const std::string& issuer, const std::string& workflow, py::handle zone) {
        const calendar::BusinessCalendar& z = charter_zone(c, zone);
        PyInstant form;
        const auto f = instant(from, z, "from_");
        const auto t = instant(to, z, "to");
        const auto a = instant(as_of, z, "as_of", &form);
        const std::vector<cycle::CompletionRecord> recs = completion_records_from_python(records, z);
        std::vector<wf::Notice> notices;
        {
          py::gil_scoped_release release;
          notices = wf::cycle_notices(c, cycle::status(c, recs, f, t, a), a, issuer, workflow);
        }
        return notices_to_py(notices, z.index(), form);
      },
      py::arg("charter"), py::arg("records"), py::arg("from_"), py::arg("to"), py::arg("as_of"), py::arg("issuer"),
      py::kw_only(), py::arg("workflow") = "rectification", py::arg("zone") = py::none());
  m.def("notice_workflow_problems", &wf::notice_workflow_problems, py::arg("definition"),
        "What keeps a workflow definition from opening rectification notices, each as words that follow its "
        "name (an 'issue' event from its initial state, a 'unit' attribute or field, a 'problem' field, an "
        "instant field 'deadline'); empty when it can.");
  m.def(
      "_standard_notices",
      [](const Charter& c, py::handle findings, py::handle from, py::handle to, py::handle as_of,
         const std::string& issuer, const std::string& workflow, py::handle zone) {
        const std::optional<standard::Findings> fs = findings_from_python(findings);
        if (!fs) {
          throw py::type_error("findings must be charter.standard.Findings (what charter.standard.evaluate gives), not " +
                               std::string(py::str(py::type::handle_of(findings).attr("__name__"))));
        }
        const calendar::BusinessCalendar& z = charter_zone(c, zone);
        PyInstant form;
        const auto f = instant(from, z, "from_");
        const auto t = instant(to, z, "to");
        const auto a = instant(as_of, z, "as_of", &form);
        std::vector<wf::Notice> notices;
        {
          py::gil_scoped_release release;
          notices = wf::standard_notices(c, *fs, f, t, a, issuer, workflow);
        }
        return notices_to_py(notices, z.index(), form);
      },
      py::arg("charter"), py::arg("findings"), py::arg("from_"), py::arg("to"), py::arg("as_of"), py::arg("issuer"),
      py::kw_only(), py::arg("workflow") = "rectification", py::arg("zone") = py::none());
}

}  // namespace charter::python
