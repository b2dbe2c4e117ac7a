// The one place where C++ errors become Python exceptions.
//
//   charter::Error                 → charter.Error (ValueError)
//     CalendarError                → charter.CalendarError
//       CalendarRangeError         → charter.CalendarRangeError
//       NonexistentTimeError       → charter.NonexistentTimeError
//     InvalidTimeError             → charter.InvalidTimeError
//     ParseError                   → charter.ParseError
//       CharterFileError           → charter.CharterFileError (.file, .line, .column, .path)
//     UnknownIdError               → charter.UnknownIdError
//     org::OrganizationError       → charter.OrganizationError (.problems: [(path, message)])
//     workflow::DefinitionError    → charter.DefinitionError (.problems: [(path, message)])
//     standard::StandardError      → charter.StandardError (.problems: [(path, message)])
//     report::ReportError          → charter.ReportError (.problems: [(path, message)])
//     cycle::SurveyError           → charter.SurveyError (.problems: [(path, message)])
//     org::AppraisalError          → charter.AppraisalError (.problems: [(path, message)])
//     cycle::CycleError            → charter.CycleError (.problems: [(path, message)])
//     RejectedEventError           → charter.RejectedEventError (.case_id, .event, .rule)
//     SerializationError           → charter.SerializationError
//       CorruptFileError           → charter.CorruptFileError
//       UnsupportedVersionError    → charter.UnsupportedVersionError
//       FileError                  → charter.FileError
// Boost.Date_Time's range errors (bad_year, bad_month, bad_day_of_month derive from
// std::out_of_range, which pybind11 would raise as IndexError) become ValueError.

#include <boost/date_time/gregorian/greg_day.hpp>
#include <boost/date_time/gregorian/greg_month.hpp>
#include <boost/date_time/gregorian/greg_year.hpp>

#include "bindings.hpp"
#include "charter/error.hpp"
#include "charter/cycle/survey.hpp"
#include "charter/org/appraisal.hpp"
#include "charter/cycle/cycle.hpp"
#include "charter/org/organization.hpp"
#include "charter/report/chart.hpp"
#include "charter/standard/standard.hpp"
#include "charter/workflow/definition.hpp"

namespace charter::python {

namespace py = pybind11;

void bind_errors(py::module_& m) {
  // Translators are tried newest first, so each subclass is registered after its base.
  auto& error = py::register_exception<Error>(m, "Error", PyExc_ValueError);
  auto& calendar = py::register_exception<CalendarError>(m, "CalendarError", error.ptr());
  py::register_exception<CalendarRangeError>(m, "CalendarRangeError", calendar.ptr());
  py::register_exception<NonexistentTimeError>(m, "NonexistentTimeError", calendar.ptr());
  py::register_exception<InvalidTimeError>(m, "InvalidTimeError", error.ptr());
  auto& parse = py::register_exception<ParseError>(m, "ParseError", error.ptr());
  py::register_exception<UnknownIdError>(m, "UnknownIdError", error.ptr());
  // Errors with fields: the class is made here, and a translator below fills the attributes.
  static PyObject* charter_file_error = py::exception<CharterFileError>(m, "CharterFileError", parse.ptr()).ptr();
  static PyObject* organization_error =
      py::exception<org::OrganizationError>(m, "OrganizationError", error.ptr()).ptr();
  static PyObject* definition_error =
      py::exception<workflow::DefinitionError>(m, "DefinitionError", error.ptr()).ptr();
  static PyObject* standard_error =
      py::exception<standard::StandardError>(m, "StandardError", error.ptr()).ptr();
  static PyObject* report_error =
      py::exception<report::ReportError>(m, "ReportError", error.ptr()).ptr();
  static PyObject* survey_error = py::exception<cycle::SurveyError>(m, "SurveyError", error.ptr()).ptr();
  static PyObject* appraisal_error = py::exception<org::AppraisalError>(m, "AppraisalError", error.ptr()).ptr();
  static PyObject* cycle_error = py::exception<cycle::CycleError>(m, "CycleError", error.ptr()).ptr();
  static PyObject* rejected_event_error =
      py::exception<RejectedEventError>(m, "RejectedEventError", error.ptr()).ptr();
  auto& serialization =
      py::register_exception<SerializationError>(m, "SerializationError", error.ptr());
  py::register_exception<CorruptFileError>(m, "CorruptFileError", serialization.ptr());
  py::register_exception<UnsupportedVersionError>(m, "UnsupportedVersionError",
                                                  serialization.ptr());
  py::register_exception<FileError>(m, "FileError", serialization.ptr());

  // The validation errors of every block carry every problem found: (path, message) pairs.
  static const auto raise_with_problems = [](PyObject* type, const auto& e) {
    py::object exc = py::reinterpret_borrow<py::object>(type)(e.what());
    py::list problems;
    for (const auto& pr : e.problems()) problems.append(py::make_tuple(pr.path, pr.message));
    exc.attr("problems") = problems;
    PyErr_SetObject(type, exc.ptr());
  };
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const CharterFileError& e) {
      py::object exc = py::reinterpret_borrow<py::object>(charter_file_error)(e.what());
      exc.attr("file") = e.file();
      exc.attr("line") = e.line();
      exc.attr("column") = e.column();
      exc.attr("path") = e.path();
      PyErr_SetObject(charter_file_error, exc.ptr());
    } catch (const org::OrganizationError& e) {
      raise_with_problems(organization_error, e);
    } catch (const workflow::DefinitionError& e) {
      raise_with_problems(definition_error, e);
    } catch (const standard::StandardError& e) {
      raise_with_problems(standard_error, e);
    } catch (const report::ReportError& e) {
      raise_with_problems(report_error, e);
    } catch (const cycle::SurveyError& e) {
      raise_with_problems(survey_error, e);
    } catch (const org::AppraisalError& e) {
      raise_with_problems(appraisal_error, e);
    } catch (const cycle::CycleError& e) {
      raise_with_problems(cycle_error, e);
    } catch (const RejectedEventError& e) {
      py::object exc = py::reinterpret_borrow<py::object>(rejected_event_error)(e.what());
      exc.attr("case_id") = e.case_id();
      exc.attr("event") = e.event();
      exc.attr("rule") = e.rule();
      PyErr_SetObject(rejected_event_error, exc.ptr());
    } catch (const boost::gregorian::bad_year& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const boost::gregorian::bad_month& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const boost::gregorian::bad_day_of_month& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });
}

}  // namespace charter::python
