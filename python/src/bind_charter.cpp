// charter.Charter: the validated whole, and charter.builtin().

#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "charter/io/archive.hpp"
#include "charter/model/charter.hpp"

namespace charter::python {

namespace py = pybind11;

void bind_charter(py::module_& m) {
  py::class_<Charter>(m, "Charter", R"doc(
A service centre's rulebook, validated: its named calendars, its organisation, its workflows, its
measurable service standards, its recurring cycles, its survey designs and its appraisal scheme.

Build one from a charter file (Charter.load / Charter.parse; the format is
docs/charter-file.md) or take the built-in charter of the source documents (Charter.builtin()).
Immutable; safe to share between threads.
)doc")
      .def(py::init([](const LocalizedText& name, std::map<std::string, calendar::BusinessCalendar> calendars,
                       org::Organization organization,
                       std::map<std::string, workflow::Definition> workflows,
                       std::vector<standard::Standard> standards, std::vector<cycle::Cycle> cycles,
                       std::vector<cycle::SurveyDesign> surveys, std::optional<org::AppraisalScheme> appraisal) {
             return Charter(name, std::move(calendars), std::move(organization), std::move(workflows),
                            std::move(standards), std::move(cycles), std::move(surveys), std::move(appraisal));
           }),
           py::kw_only(), py::arg("name") = LocalizedText{},
           py::arg("calendars") = std::map<std::string, calendar::BusinessCalendar>{},
           py::arg("organization") = org::Organization{},
           py::arg("workflows") = std::map<std::string, workflow::Definition>{},
           py::arg("standards") = std::vector<standard::Standard>{},
           py::arg("cycles") = std::vector<cycle::Cycle>{},
           py::arg("surveys") = std::vector<cycle::SurveyDesign>{},
           py::arg("appraisal") = std::optional<org::AppraisalScheme>{},
           "A charter from parts; workflows, standards and cycles should have been taken from a charter with "
           "these calendars and this organisation. Standards, cycles and surveys (charter.survey.SurveyDesign) "
           "keep the order given (ids unique, else ValueError; a cycle's follow-ups must be among them, else "
           "CycleError). appraisal is a charter.appraisal.AppraisalScheme or None (the charter states none).")
      .def_static("builtin", &builtin, py::return_value_policy::copy,
                  "The built-in charter of the source documents.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& source) {
            py::gil_scoped_release release;
            return Charter::parse(text, source);
          },
          py::arg("text"), py::arg("source") = "<text>",
          "Parses charter-file text; errors name source:line:column and the node's path.")
      .def_static(
          "load",
          [](py::handle path) {
            const std::string p = py::str(py::module_::import("os").attr("fspath")(path));
            py::gil_scoped_release release;
            return Charter::load(p);
          },
          py::arg("path"), "Reads a charter file.")
      .def_property_readonly("name", &Charter::name)
      .def("calendar", &Charter::calendar, py::arg("id"), py::return_value_policy::copy,
           "The calendar with this id (UnknownIdError otherwise).")
      .def_property_readonly("calendars", [](const Charter& c) { return c.calendars(); },
                             "{id: BusinessCalendar} (a copy of the mapping).")
      .def_property_readonly("organization", &Charter::organization, py::return_value_policy::copy)
      .def("workflow", &Charter::workflow, py::arg("id"), py::return_value_policy::copy,
           "The workflow Definition with this id (UnknownIdError naming the ids otherwise).")
      .def_property_readonly("workflows", [](const Charter& c) { return c.workflows(); },
                             "{id: workflow Definition} (a copy of the mapping).")
      .def("standard", &Charter::standard, py::arg("id"), py::return_value_policy::copy,
           "The charter.standard.Standard with this id (UnknownIdError naming the ids otherwise).")
      .def_property_readonly("standards", [](const Charter& c) { return c.standards(); },
                             "Every charter.standard.Standard, in the charter file's order (a list).")
      .def("cycle", &Charter::cycle, py::arg("id"), py::return_value_policy::copy,
           "The charter.cycle.Cycle with this id (UnknownIdError naming the ids otherwise).")
      .def_property_readonly("cycles", [](const Charter& c) { return c.cycles(); },
                             "Every charter.cycle.Cycle, in the charter file's order (a list).")
      .def("survey", &Charter::survey, py::arg("id"), py::return_value_policy::copy,
           "The charter.survey.SurveyDesign with this id (UnknownIdError naming the ids otherwise).")
      .def_property_readonly("surveys", [](const Charter& c) { return c.surveys(); },
                             "Every charter.survey.SurveyDesign, in the charter file's order (a list).")
      .def_property_readonly("appraisal", [](const Charter& c) { return c.appraisal(); },
                             "The charter.appraisal.AppraisalScheme of the charter file's `appraisal` section; "
                             "None when the charter states none.")
      .def(
          "with_staff",
          [](const Charter& c, std::vector<org::Staff> staff) {
            py::gil_scoped_release release;
            return c.with_staff(std::move(staff));
          },
          py::arg("staff"),
          "A new charter whose organisation has `staff` (charter.org.Staff) added after its own, "
          "and whose workflows are rebuilt against it. Raises OrganizationError or "
          "DefinitionError; this charter is unchanged.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Charter& c) {
        return "<charter.Charter '" + c.name().both() + "' " + std::to_string(c.calendars().size()) +
               " calendars, " + std::to_string(c.organization().roles().size()) + " roles, " +
               std::to_string(c.workflows().size()) + " workflows, " + std::to_string(c.standards().size()) +
               " standards, " + std::to_string(c.cycles().size()) + " cycles, " +
               std::to_string(c.surveys().size()) + " surveys, " + (c.appraisal() ? "an" : "no") +
               " appraisal scheme>";
      })
      .def("__reduce__", [](const Charter& c) {
        return py::make_tuple(py::module_::import("charter._pickle").attr("from_state"),
                              py::make_tuple(1, py::bytes(io::to_bytes(c, io::ArchiveFormat::binary))));
      });
}

}  // namespace charter::python
