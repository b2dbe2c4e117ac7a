// charter.Deadline, charter.DeadlineKind, charter.DeadlineExplanation.

#include <pybind11/eval.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "casters.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/error.hpp"
#include "charter/io/archive.hpp"

namespace charter::python {

namespace py = pybind11;
using calendar::BusinessCalendar;
using calendar::Deadline;

namespace {

// The explanation with every instant in the caller's form.
py::object explanation_to_py(const calendar::DeadlineExplanation& e, const PyInstant& like,
                             const BusinessCalendar& cal) {
  const auto& x = cal.index();
  py::object cls = py::module_::import("charter._core").attr("DeadlineExplanation");
  py::list skipped;
  for (const auto& s : e.skipped) {
    skipped.append(py::make_tuple(write_instant(detail::to_micros(s.begin), like, x),
                                  write_instant(detail::to_micros(s.end), like, x), s.reason));
  }
  py::list notable;
  for (const auto& d : e.notable_days) notable.append(py::make_tuple(py::cast(d.day), d.reason));
  return cls(e.rule, e.calendar, write_instant(detail::to_micros(e.start), like, x),
             write_instant(detail::to_micros(e.due), like, x), skipped, notable, e.note, e.text);
}

}  // namespace

void bind_deadline(py::module_& m) {
  py::enum_<Deadline::Kind> kind(m, "DeadlineKind", "What a deadline rule counts.");
  reduce_enum_by_value(kind)
      .value("clock", Deadline::Kind::clock, "elapsed real time")
      .value("business_time", Deadline::Kind::business_time, "business time on the calendar")
      .value("business_days", Deadline::Kind::business_days,
             "close of the n-th business day after the day handling starts")
      .value("calendar_days", Deadline::Kind::calendar_days, "same local wall time n dates later")
      .value("months", Deadline::Kind::months,
             "same local wall time n months later, clamped to month end")
      .value("end_of_month", Deadline::Kind::end_of_month,
             "23:59:59 local on the last day of the start's month");

  // A plain Python class keeps the explanation's fields readable and printable.
  py::exec(R"py(
class DeadlineExplanation:
    """Why a deadline is where it is. str() gives the text, one fact per line."""
    __slots__ = ("rule", "calendar", "start", "due", "skipped", "notable_days", "note", "text")

    def __init__(self, rule, calendar, start, due, skipped, notable_days, note, text):
        self.rule = rule                   # canonical rule text
        self.calendar = calendar           # calendar name and zone
        self.start = start                 # in the caller's form (naive local or aware)
        self.due = due
        self.skipped = skipped             # [(begin, end, reason), ...] closed time skipped
        self.notable_days = notable_days   # [(date, reason), ...] make-up / special days used
        self.note = note                   # how the rule counts
        self.text = text

    def __str__(self):
        return self.text

    def __repr__(self):
        return f"<DeadlineExplanation {self.rule!r} due {self.due!r}>"
)py",
           m.attr("__dict__"));
  m.attr("DeadlineExplanation").attr("__module__") = "charter";

  py::class_<Deadline>(m, "Deadline", R"doc(
A rule that turns the instant handling starts into the instant it is due.

Text forms: "48 hours", "30 minutes", "immediately", "24 business hours", "30 business minutes",
"2 business days", "end of business day", "end of next business day", "3 calendar days",
"end of month", "6 months". See docs/deadline-rules.md.
)doc")
      .def(py::init([](const std::string& text) { return Deadline::parse(text); }),
           py::arg("text"))
      .def_static("parse", &Deadline::parse, py::arg("text"),
                  "Parses a text form; raises ParseError naming the column that failed.")
      .def_static("clock", &Deadline::clock, py::arg("d"))
      .def_static("business", &Deadline::business, py::arg("d"))
      .def_static("business_days", &Deadline::business_days, py::arg("n"))
      .def_static("calendar_days", &Deadline::calendar_days, py::arg("n"))
      .def_static("months", &Deadline::months, py::arg("n"))
      .def_static("end_of_month", &Deadline::end_of_month)
      .def_property_readonly("kind", &Deadline::kind)
      .def_property_readonly("duration", &Deadline::duration)
      .def_property_readonly("count", &Deadline::count)
      .def_property_readonly("text", &Deadline::text)
      .def(
          "due",
          [](const Deadline& d, py::handle start, const BusinessCalendar& cal) {
            const PyInstant in = read_instant(start, cal.index(), "start");
            return write_instant(detail::to_micros(d.due(detail::from_micros(in.utc), cal)), in,
                                 cal.index());
          },
          py::arg("start"), py::arg("calendar"),
          "When handling that starts at `start` is due on `calendar`.")
      .def(
          "explain",
          [](const Deadline& d, py::handle start, const BusinessCalendar& cal) {
            const PyInstant in = read_instant(start, cal.index(), "start");
            return explanation_to_py(d.explain(detail::from_micros(in.utc), cal), in, cal);
          },
          py::arg("start"), py::arg("calendar"), "due() with its reasons.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__hash__", [](const Deadline& d) { return py::hash(py::str(d.text())); })
      .def("__str__", &Deadline::text)
      .def("__repr__", [](const Deadline& d) { return "charter.Deadline('" + d.text() + "')"; })
      // See BusinessCalendar.__reduce__ for why not py::pickle.
      .def("__reduce__", [](const Deadline& d) {
        return py::make_tuple(py::module_::import("charter._pickle").attr("deadline_from_state"),
                              py::make_tuple(1, d.text()));
      });
  m.def(
      "_deadline_from_state",
      [](int version, const std::string& text) {
        if (version != 1) {
          throw UnsupportedVersionError("pickled Deadline has layout version " +
                                        std::to_string(version) + "; this build reads 1");
        }
        return Deadline::parse(text);
      },
      py::arg("version"), py::arg("text"));
}

}  // namespace charter::python
