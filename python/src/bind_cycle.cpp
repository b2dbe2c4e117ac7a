// charter.cycle: recurring obligations — the types of a cycle, occurrences() and status() as
// numpy columns, completion records as dicts and completion files.
//
// Instants follow casters.hpp: a naive datetime is wall time in the zone (a calendar of the
// charter: "office" by default, else its only one); columns come back as datetime64[us] local wall
// time when `from_` was naive, UTC when it was aware. Period dates are datetime64[D].

#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>

#include <cmath>
#include <sstream>

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "pickling.hpp"
#include "casters.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/cycle/completion_stream.hpp"
#include "charter/cycle/occurrence.hpp"
#include "charter/cycle/status.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/completion_files.hpp"
#include "charter/io/serialize_cycle.hpp"
#include "columns.hpp"
#include "text_files.hpp"

namespace charter::python {

namespace cy = charter::cycle;
using detail::CalendarIndex;

namespace {


boost::posix_time::ptime instant(py::handle h, const calendar::BusinessCalendar& zone, const char* what, bool* naive) {
  const PyInstant p = read_instant(h, zone.index(), what);
  if (naive) *naive = p.naive();
  return detail::from_micros(p.utc);
}

std::int64_t day_number(const boost::gregorian::date& d) {
  return (d - boost::gregorian::date(1970, 1, 1)).days();
}

std::int64_t instant_value(const boost::posix_time::ptime& t, const CalendarIndex& x, bool local) {
  const detail::Micros us = detail::to_micros(t);
  return local ? x.utc_to_local(us) : us;
}

// Field values as text: None and NaN are not given; True/False are yes/no; a float that is a
// whole number is written without ".0"; dates as YYYY-MM-DD; datetimes as wall-clock text.
std::optional<std::string> field_text(py::handle v) {
  if (v.is_none()) return std::nullopt;
  if (PyBool_Check(v.ptr())) return std::string(v.ptr() == Py_True ? "yes" : "no");
  if (PyFloat_Check(v.ptr())) {
    const double d = PyFloat_AsDouble(v.ptr());
    if (std::isnan(d)) return std::nullopt;
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  }
  ensure_datetime_api();
  if (PyDateTime_Check(v.ptr())) return py::str(v.attr("isoformat")(" ")).cast<std::string>();
  if (PyDate_Check(v.ptr())) return py::str(v.attr("isoformat")()).cast<std::string>();
  if (py::isinstance<py::str>(v)) {
    std::string s = v.cast<std::string>();
    if (s.empty()) return std::nullopt;
    return s;
  }
  // pandas NaT and numpy NaN scalars compare unequal to themselves.
  if (!v.equal(v)) return std::nullopt;
  return py::str(v).cast<std::string>();
}

cy::CompletionRecord record_from_py(py::handle item, const calendar::BusinessCalendar& zone, std::size_t i) {
  if (!PyDict_Check(item.ptr())) {
    throw py::type_error("completion record " + std::to_string(i) + " must be a dict, not " +
                         py::str(py::type::handle_of(item).attr("__name__")).cast<std::string>());
  }
  cy::CompletionRecord r;
  r.at = boost::posix_time::not_a_date_time;
  for (auto [k, v] : py::reinterpret_borrow<py::dict>(item)) {
    const std::string key = py::str(k);
    if (key == "at") {
      ensure_datetime_api();
      if (v.is_none() || !v.equal(v)) continue;  // None / NaT: no instant, a problem for status()
      if (py::isinstance<py::str>(v)) {
        try {
          r.at = zone.from_local(calendar::parse_date_time(v.cast<std::string>()));
        } catch (const ParseError& e) {
          throw ParseError("completion record " + std::to_string(i) + ": 'at': " + e.what());
        }
      } else {
        r.at = instant(v, zone, "at", nullptr);
      }
      continue;
    }
    // {"fields": {...}} as events and observations take it: the same fields, one level down.
    if (key == "fields" && PyDict_Check(v.ptr())) {
      for (auto [fk, fv] : py::reinterpret_borrow<py::dict>(v)) {
        if (const std::optional<std::string> t = field_text(fv)) r.fields.push_back({py::str(fk).cast<std::string>(), *t});
      }
      continue;
    }
    const std::optional<std::string> text = field_text(v);
    if (key == "cycle") r.cycle = text.value_or("");
    else if (key == "subject") r.subject = text.value_or("");
    else if (key == "actor") r.actor = text.value_or("");
    else if (key == "id") r.id = text.value_or("");
    else if (text) r.fields.push_back({key, *text});
  }
  if (r.cycle.empty()) throw py::value_error("completion record " + std::to_string(i) + " has no 'cycle'");
  return r;
}

std::vector<cy::CompletionRecord> records_from_py(py::handle items, const calendar::BusinessCalendar& zone) {
  if (PyDict_Check(items.ptr()) || py::isinstance<py::str>(items)) {
    throw py::type_error("records must be a list of completion-record dicts (or a pandas DataFrame)");
  }
  std::vector<cy::CompletionRecord> out;
  std::size_t i = 0;
  for (py::handle item : items) out.push_back(record_from_py(item, zone, i++));
  return out;
}

}  // namespace

std::vector<cy::CompletionRecord> records_from_python(py::handle items, const calendar::BusinessCalendar& zone) {
  return records_from_py(items, zone);
}

namespace {

py::dict record_to_py(const cy::CompletionRecord& r, const CalendarIndex& x) {
  py::dict d;
  d["cycle"] = r.cycle;
  d["at"] = r.at.is_special() ? py::object(py::none()) : make_datetime(x.utc_to_local(detail::to_micros(r.at)));
  d["subject"] = r.subject;
  d["actor"] = r.actor;
  d["id"] = r.id;
  for (const auto& f : r.fields) d[py::str(f.name)] = f.value;
  return d;
}

template <class T>
py::array int_column(const std::vector<T>& v) {
  return column(v, "int64");
}

py::dict occurrence_columns(const std::vector<const cy::Occurrence*>& occ, const CalendarIndex& x, bool local) {
  const std::size_t n = occ.size();
  py::array cycle = object_column(n), subject = object_column(n), responsible = object_column(n);
  std::vector<std::int64_t> start(n), end(n), scheduled(n), due(n);
  for (std::size_t i = 0; i < n; ++i) {
    const cy::Occurrence& o = *occ[i];
    set_object(cycle, i, py::str(o.cycle));
    set_object(subject, i, py::str(o.subject));
    set_object(responsible, i, py::str(o.responsible));
    start[i] = day_number(o.period_start);
    end[i] = day_number(o.period_end);
    scheduled[i] = day_number(o.scheduled);
    due[i] = instant_value(o.due, x, local);
  }
  py::dict out;
  out["cycle"] = cycle;
  out["subject"] = subject;
  out["period_start"] = column(start, "datetime64[D]");
  out["period_end"] = column(end, "datetime64[D]");
  out["scheduled"] = column(scheduled, "datetime64[D]");
  out["due"] = column(due, "datetime64[us]");
  out["responsible"] = responsible;
  return out;
}

py::object time_value(const boost::posix_time::ptime& t, const CalendarIndex& x, bool local) {
  const detail::Micros us = detail::to_micros(t);
  return local ? make_datetime(x.utc_to_local(us)) : make_datetime(us);
}

// A cycle pickles as its calendar, the organisation it was checked against and its spec, each in
// the library's binary archive layouts: rebuilt, it is validated again like any cycle.
py::bytes spec_bytes(const cy::CycleSpec& spec) {
  std::ostringstream os(std::ios::binary);
  {
    boost::archive::binary_oarchive ar(os, boost::archive::no_header | boost::archive::no_codecvt);
    io::save_cycle(ar, spec);
  }
  return py::bytes(os.str());
}

// Pickle layout 1 held the spec in cycle layout 1 (no rectification entry), 2 in layout 2.
cy::Cycle cycle_from_state(int version, const std::string& calendar_id, const py::bytes& cal, const py::bytes& org,
                           const py::bytes& spec) {
  if (version != 1 && version != 2) {
    throw UnsupportedVersionError("pickled Cycle has layout version " + std::to_string(version) +
                                  "; this build reads 1 and 2");
  }
  auto calendar = std::get<calendar::BusinessCalendar>(io::from_bytes(std::string(cal), "pickled cycle calendar"));
  auto organization = std::get<org::Organization>(io::from_bytes(std::string(org), "pickled cycle organisation"));
  std::istringstream is(std::string(spec), std::ios::binary);
  cy::CycleSpec s;
  try {
    boost::archive::binary_iarchive ar(is, boost::archive::no_header | boost::archive::no_codecvt);
    s = io::load_cycle(ar, version == 1 ? 1 : 2);
  } catch (const boost::archive::archive_exception& e) {
    throw CorruptFileError(std::string("pickled cycle: ") + e.what());
  }
  std::map<std::string, calendar::BusinessCalendar> calendars{{calendar_id, std::move(calendar)}};
  return cy::Cycle(std::move(s), calendars, organization);
}

}  // namespace

std::vector<cy::CompletionRecord> completion_records_from_python(py::handle records,
                                                                 const calendar::BusinessCalendar& zone) {
  return records_from_py(records, zone);
}

void bind_cycle(py::module_& root) {
  py::module_ m = root.def_submodule(
      "cycle", "Recurring obligations: cycles, occurrences(), status(), completion records and files.");

  auto period = py::enum_<cy::Period>(m, "Period", "The length of a period: day, week (Monday to Sunday), month, year.")
                    .value("day", cy::Period::day)
                    .value("week", cy::Period::week)
                    .value("month", cy::Period::month)
                    .value("year", cy::Period::year);
  reduce_enum_by_value(period);
  auto kind = py::enum_<cy::RecurrenceKind>(m, "RecurrenceKind", "What a recurrence counts (recurrence.hpp).")
                  .value("business_day", cy::RecurrenceKind::business_day)
                  .value("weekly", cy::RecurrenceKind::weekly)
                  .value("monthly", cy::RecurrenceKind::monthly)
                  .value("yearly", cy::RecurrenceKind::yearly)
                  .value("at_least", cy::RecurrenceKind::at_least)
                  .value("ad_hoc", cy::RecurrenceKind::ad_hoc)
                  .value("follow_up", cy::RecurrenceKind::follow_up);
  reduce_enum_by_value(kind);
  auto evidence_kind = py::enum_<cy::EvidenceKind>(m, "EvidenceKind", "count, distinct or document.")
                           .value("count", cy::EvidenceKind::count)
                           .value("distinct", cy::EvidenceKind::distinct)
                           .value("document", cy::EvidenceKind::document);
  reduce_enum_by_value(evidence_kind);
  auto scope_kind = py::enum_<cy::ScopeKind>(m, "ScopeKind", "centre, unit, role or staff.")
                        .value("centre", cy::ScopeKind::centre)
                        .value("unit", cy::ScopeKind::unit)
                        .value("role", cy::ScopeKind::role)
                        .value("staff", cy::ScopeKind::staff);
  reduce_enum_by_value(scope_kind);
  auto state = py::enum_<cy::State>(m, "State", "Where an occurrence stands (status.hpp).")
                   .value("done", cy::State::done)
                   .value("done_late", cy::State::done_late)
                   .value("insufficient", cy::State::insufficient)
                   .value("due", cy::State::due)
                   .value("overdue", cy::State::overdue)
                   .value("missed", cy::State::missed);
  reduce_enum_by_value(state);

  py::class_<cy::Recurrence>(m, "Recurrence", "How often a cycle comes round (docs/cycles.md).")
      .def(py::init([](cy::RecurrenceKind kind, int weekday, int day, bool last_business_day, int month, int count,
                       cy::Period per, std::string distinct) {
             cy::Recurrence r = cy::Recurrence::of(kind);
             r.weekday = weekday;
             r.day = day;
             r.last_business_day = last_business_day;
             r.month = month;
             r.count = count;
             r.per = per;
             r.distinct = std::move(distinct);
             return r;
           }),
           py::arg("kind"), py::kw_only(), py::arg("weekday") = 1, py::arg("day") = 0,
           py::arg("last_business_day") = false, py::arg("month") = 0, py::arg("count") = 1,
           py::arg("per") = cy::Period::year, py::arg("distinct") = "")
      .def_readonly("kind", &cy::Recurrence::kind)
      .def_readonly("weekday", &cy::Recurrence::weekday, "weekly: 0 = Sunday … 6 = Saturday")
      .def_readonly("day", &cy::Recurrence::day, "monthly: 1-31 (clamped), 0 = not given")
      .def_readonly("last_business_day", &cy::Recurrence::last_business_day)
      .def_readonly("month", &cy::Recurrence::month, "yearly: 1-12")
      .def_readonly("count", &cy::Recurrence::count, "at_least: completions per period")
      .def_readonly("per", &cy::Recurrence::per, "at_least: the period")
      .def_readonly("distinct", &cy::Recurrence::distinct, "at_least: the field whose distinct values count")
      .def_property_readonly("period", &cy::Recurrence::period, "The period one occurrence covers.")
      .def("text", &cy::Recurrence::text, "'every month on the last business day', …")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const cy::Recurrence& r) { return "<charter.cycle.Recurrence " + r.text() + ">"; })
      .def("__reduce__", [](const cy::Recurrence& r) {
        py::dict kw;
        kw["kind"] = r.kind;
        kw["weekday"] = r.weekday;
        kw["day"] = r.day;
        kw["last_business_day"] = r.last_business_day;
        kw["month"] = r.month;
        kw["count"] = r.count;
        kw["per"] = r.per;
        kw["distinct"] = r.distinct;
        return keyword_reduction(py::cast(r), kw);
      });

  py::class_<cy::Evidence>(m, "Evidence", "What a completion record must show: a count, distinct values or a document.")
      .def(py::init([](cy::EvidenceKind kind, std::string field, int at_least, LocalizedText label) {
             return cy::Evidence{kind, std::move(field), at_least, std::move(label)};
           }),
           py::arg("kind"), py::arg("field"), py::kw_only(), py::arg("at_least") = 1,
           py::arg("label") = LocalizedText{})
      .def_readonly("kind", &cy::Evidence::kind)
      .def_readonly("field", &cy::Evidence::field)
      .def_readonly("at_least", &cy::Evidence::at_least)
      .def_readonly("label", &cy::Evidence::label)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const cy::Evidence& e) {
        return std::string("<charter.cycle.Evidence ") + cy::evidence_kind_name(e.kind) + " '" + e.field + "'" +
               (e.kind == cy::EvidenceKind::document ? "" : " at least " + std::to_string(e.at_least)) + ">";
      })
      .def("__reduce__", [](const cy::Evidence& e) {
        py::dict kw;
        kw["kind"] = e.kind;
        kw["field"] = e.field;
        kw["at_least"] = e.at_least;
        kw["label"] = e.label;
        return keyword_reduction(py::cast(e), kw);
      });

  py::class_<cy::FollowUp>(m, "FollowUp", "Another cycle due after each completion of this one, within a Deadline.")
      .def(py::init([](std::string cycle, calendar::Deadline within) { return cy::FollowUp{std::move(cycle), within}; }),
           py::arg("cycle"), py::arg("within"))
      .def_readonly("cycle", &cy::FollowUp::cycle)
      .def_readonly("within", &cy::FollowUp::within)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const cy::FollowUp& f) {
        return "<charter.cycle.FollowUp " + f.cycle + " within " + f.within.text() + ">";
      })
      .def("__reduce__", [](const cy::FollowUp& f) {
        py::dict kw;
        kw["cycle"] = f.cycle;
        kw["within"] = f.within;
        return keyword_reduction(py::cast(f), kw);
      });

  py::class_<cy::Rectification>(m, "Rectification", R"doc(
When an occurrence raises a rectification notice (R-16): the states that raise one (on), the
Deadline of the unit's written feedback counted from the notice, its severity ("" for none) and
the unit it goes to when the subject is not a unit. charter.workflow.cycle_notices raises them.
)doc")
      .def(py::init([](std::vector<cy::State> on, calendar::Deadline deadline, std::string severity, std::string unit) {
             return cy::Rectification{std::move(on), deadline, std::move(severity), std::move(unit)};
           }),
           py::arg("on"), py::arg("deadline"), py::kw_only(), py::arg("severity") = "", py::arg("unit") = "")
      .def_readonly("on", &cy::Rectification::on)
      .def_readonly("deadline", &cy::Rectification::deadline)
      .def_readonly("severity", &cy::Rectification::severity)
      .def_readonly("unit", &cy::Rectification::unit)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const cy::Rectification& r) {
        std::string on;
        for (const cy::State s : r.on) on += (on.empty() ? "" : ", ") + std::string(cy::state_name(s));
        return "<charter.cycle.Rectification on " + on + ", feedback " + r.deadline.text() + ">";
      })
      .def("__reduce__", [](const cy::Rectification& r) {
        py::dict kw;
        kw["on"] = r.on;
        kw["deadline"] = r.deadline;
        kw["severity"] = r.severity;
        kw["unit"] = r.unit;
        return keyword_reduction(py::cast(r), kw);
      });

  py::class_<cy::Scope>(m, "Scope", "Whose obligation a cycle is: the centre, units, roles or staff.")
      .def(py::init([](cy::ScopeKind kind, std::vector<std::string> ids, std::string under) {
             return cy::Scope{kind, std::move(ids), std::move(under)};
           }),
           py::arg("kind"), py::kw_only(), py::arg("ids") = std::vector<std::string>{}, py::arg("under") = "")
      .def_readonly("kind", &cy::Scope::kind)
      .def_readonly("ids", &cy::Scope::ids)
      .def_readonly("under", &cy::Scope::under)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const cy::Scope& s) {
        return std::string("<charter.cycle.Scope ") + cy::scope_kind_name(s.kind) + ">";
      })
      .def("__reduce__", [](const cy::Scope& s) {
        py::dict kw;
        kw["kind"] = s.kind;
        kw["ids"] = s.ids;
        kw["under"] = s.under;
        return keyword_reduction(py::cast(s), kw);
      });

  py::class_<cy::Cycle>(m, "Cycle", R"doc(
One recurring obligation of a charter (charter.cycle(id)): its recurrence, due rule, scope,
evidence, follow-ups and the responsible role (owner). Read-only; compare with ==; picklable.
)doc")
      .def_property_readonly("id", &cy::Cycle::id)
      .def_property_readonly("title", &cy::Cycle::title, py::return_value_policy::copy)
      .def_property_readonly("source", [](const cy::Cycle& c) { return c.spec().source; })
      .def_property_readonly("owner", &cy::Cycle::owner, py::return_value_policy::copy,
                             "The responsible role: the spec's owner, or the role accountable (A) for the cycle.")
      .def_property_readonly("calendar", [](const cy::Cycle& c) { return c.spec().calendar; },
                             "The id of the cycle's calendar.")
      .def_property_readonly("recurrence", &cy::Cycle::recurrence, py::return_value_policy::copy)
      .def_property_readonly("due", [](const cy::Cycle& c) { return c.spec().due; },
                             "The Deadline counted from 00:00 of the scheduled day; None: the period's end.")
      .def_property_readonly("scope", [](const cy::Cycle& c) { return c.spec().scope; })
      .def_property_readonly("evidence", [](const cy::Cycle& c) { return c.spec().evidence; })
      .def_property_readonly("follow_ups", [](const cy::Cycle& c) { return c.spec().follow_ups; })
      .def_property_readonly("since", [](const cy::Cycle& c) { return c.spec().since; })
      .def_property_readonly("rectification", [](const cy::Cycle& c) { return c.spec().rectification; },
                             "When a late occurrence raises a rectification notice (a Rectification), or None.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const cy::Cycle& c) {
        return "<charter.cycle.Cycle '" + c.id() + "' " + c.recurrence().text() + " (owner " + c.owner() + ")>";
      })
      .def("__reduce__", [](const cy::Cycle& c) {
        return py::make_tuple(
            pickle_fn("cycle_from_state"),
            py::make_tuple(2, c.spec().calendar, py::bytes(io::to_bytes(c.calendar())),
                           py::bytes(io::to_bytes(c.organization())), spec_bytes(c.spec())));
      });
  m.def("_cycle_from_state", &cycle_from_state);

  m.def(
      "occurrences",
      [](const Charter& c, py::handle from, py::handle to, py::handle zone) {
        const calendar::BusinessCalendar& z = charter_zone(c, zone);
        bool naive = true;
        const auto f = instant(from, z, "from_", &naive);
        const auto t = instant(to, z, "to", nullptr);
        std::vector<cy::Occurrence> list;
        {
          py::gil_scoped_release release;
          list = cy::occurrences(c, f, t);
        }
        std::vector<const cy::Occurrence*> ptrs;
        for (const auto& o : list) ptrs.push_back(&o);
        return occurrence_columns(ptrs, z.index(), naive);
      },
      py::arg("charter"), py::arg("from_"), py::arg("to"), py::kw_only(), py::arg("zone") = py::none(),
      R"doc(Every occurrence of the charter's cycles whose period overlaps [from_, to), as numpy columns:
cycle, subject, period_start, period_end (exclusive), scheduled (datetime64[D]), due
(datetime64[us]: local wall time of `zone` when from_ is naive, UTC when aware), responsible.)doc");

  m.def(
      "_status",
      [](const Charter& c, py::handle records, py::handle from, py::handle to, py::handle as_of, py::handle zone) {
        const calendar::BusinessCalendar& z = charter_zone(c, zone);
        bool naive = true;
        const auto f = instant(from, z, "from_", &naive);
        const auto t = instant(to, z, "to", nullptr);
        const auto a = instant(as_of, z, "as_of", nullptr);
        const std::vector<cy::CompletionRecord> recs = records_from_py(records, z);
        cy::StatusReport s;
        {
          py::gil_scoped_release release;
          s = cy::status(c, recs, f, t, a);
        }
        const CalendarIndex& x = z.index();
        const std::size_t n = s.occurrences.size();
        std::vector<const cy::Occurrence*> ptrs;
        for (const auto& o : s.occurrences) ptrs.push_back(&o.occurrence);
        py::dict cols = occurrence_columns(ptrs, x, naive);
        py::array state = object_column(n), explanation = object_column(n), follow = object_column(n);
        std::vector<std::int64_t> record(n), counted(n), window(n);
        for (std::size_t i = 0; i < n; ++i) {
          const cy::OccurrenceStatus& o = s.occurrences[i];
          set_object(state, i, py::str(cy::state_name(o.state)));
          set_object(explanation, i, py::str(o.explanation));
          record[i] = o.record ? static_cast<std::int64_t>(*o.record) : -1;
          counted[i] = o.counted;
          window[i] = instant_value(o.window_end, x, naive);
          py::list fl;
          for (const auto& fu : o.follow_ups) {
            py::dict d;
            d["cycle"] = fu.cycle;
            d["state"] = cy::state_name(fu.state);
            d["due"] = time_value(fu.due, x, naive);
            d["window_end"] = time_value(fu.window_end, x, naive);
            d["record"] = fu.record ? py::object(py::int_(*fu.record)) : py::object(py::none());
            d["explanation"] = fu.explanation;
            fl.append(d);
          }
          set_object(follow, i, fl);
        }
        cols["state"] = state;
        cols["record"] = int_column(record);
        cols["counted"] = int_column(counted);
        cols["window_end"] = column(window, "datetime64[us]");
        cols["explanation"] = explanation;
        cols["follow_ups"] = follow;
        py::list counts, problems;
        for (const auto& k : s.counts) counts.append(py::make_tuple(k.cycle, k.subject, k.count));
        for (const auto& p : s.problems) problems.append(py::make_tuple(p.record, p.message));
        return py::make_tuple(cols, counts, problems);
      },
      py::arg("charter"), py::arg("records"), py::arg("from_"), py::arg("to"), py::arg("as_of"), py::kw_only(),
      py::arg("zone") = py::none());

  m.def(
      "completion_stream",
      [](const Charter& c, py::handle from, py::handle to, std::uint64_t seed, int late_per_mille, int short_per_mille,
         int skipped_per_mille, int spot_checks_per_month, const std::string& id_prefix, py::handle zone) {
        const calendar::BusinessCalendar& z = charter_zone(c, zone);
        cy::CompletionStreamOptions o;
        o.from = instant(from, z, "from_", nullptr);
        o.to = instant(to, z, "to", nullptr);
        o.seed = seed;
        o.late_per_mille = late_per_mille;
        o.short_per_mille = short_per_mille;
        o.skipped_per_mille = skipped_per_mille;
        o.spot_checks_per_month = spot_checks_per_month;
        o.id_prefix = id_prefix;
        std::vector<cy::CompletionRecord> v;
        {
          py::gil_scoped_release release;
          v = cy::completion_stream(c, o);
        }
        py::list out;
        for (const auto& r : v) out.append(record_to_py(r, z.index()));
        return out;
      },
      py::arg("charter"), py::arg("from_"), py::arg("to"), py::kw_only(), py::arg("seed") = 1,
      py::arg("late_per_mille") = 80, py::arg("short_per_mille") = 30, py::arg("skipped_per_mille") = 40,
      py::arg("spot_checks_per_month") = 4, py::arg("id_prefix") = "REC-", py::arg("zone") = py::none(),
      R"doc(Deterministic generated completion records of the charter's cycles over [from_, to): for
every occurrence one fate — on time (most), late, short of evidence or skipped (odds per mille) —
with the evidence its cycle asks for, follow-ups (R-21, R-22) with the same odds, and
spot_checks_per_month records per ad-hoc cycle. Only records made before `to`, sorted by
instant, as dicts {cycle, at, subject, actor, id, fields…} (naive local wall time of `zone`,
default "office"), ready for status() or report.monthly(). ValueError for an empty range or odds
outside 0–1000 (together at most 1000).)doc");
  m.def(
      "read_completions",
      [](py::handle source, const calendar::BusinessCalendar& zone, py::handle format) {
        const SourceArgument in = read_source(source, format, "read_completions", "completion");
        io::CompletionFileContents contents;
        {
          py::gil_scoped_release release;
          if (in.is_text) {
            contents = io::read_completion_text(in.text_or_path, *in.format, "<text>", zone);
          } else {
            const std::string& p = in.text_or_path;
            contents = in.format ? io::read_completion_text(read_whole_file(p), *in.format, p, zone)
                                 : io::read_completion_file(p, zone);
          }
        }
        py::list records, errors;
        for (const auto& r : contents.records) records.append(record_to_py(r.record, zone.index()));
        for (const auto& e : contents.errors) errors.append(py::make_tuple(e.line, e.column, e.message));
        return py::make_tuple(records, errors);
      },
      py::arg("path_or_text"), py::arg("calendar"), py::arg("format") = py::none(),
      R"doc(Reads a completion file (CSV or JSON Lines) without stopping at a bad line: (records, errors).
Records are dicts {cycle, at (naive local wall time of `calendar`), subject, actor, id, fields…};
errors are (line, column, message). Arguments as for charter.standard.read_observations.)doc");
  m.def(
      "write_completions",
      [](py::handle path, py::handle records, const calendar::BusinessCalendar& zone) {
        const std::string p = path_of(path);
        const std::vector<cy::CompletionRecord> v = records_from_py(records, zone);
        py::gil_scoped_release release;
        io::save_completion_file(p, v, zone);
      },
      py::arg("path"), py::arg("records"), py::arg("calendar"),
      "Writes completion-record dicts to a file, its format by extension (.csv, .jsonl, .ndjson), replaced "
      "atomically. Naive `at` is local wall time of `calendar`.");
  m.def(
      "completions_to_text",
      [](py::handle records, const std::string& format, const calendar::BusinessCalendar& zone) {
        const io::EventFormat f = format_named(format, "completion");
        const std::vector<cy::CompletionRecord> v = records_from_py(records, zone);
        std::string text;
        {
          py::gil_scoped_release release;
          text = io::write_completions(v, f, zone);
        }
        return text;
      },
      py::arg("records"), py::arg("format"), py::arg("calendar"),
      "Completion-record dicts as the text of a completion file (\"csv\" or \"jsonl\").");
}

}  // namespace charter::python
