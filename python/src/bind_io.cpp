// charter.save / load / to_bytes / from_bytes.

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/atomic_file.hpp"
#include "charter/cycle/survey.hpp"
#include "charter/org/appraisal.hpp"
#include "charter/report/document.hpp"
#include "charter/report/monthly.hpp"
#include "charter/workflow/case.hpp"
#include "charter/workflow/tracker.hpp"

namespace charter::python {

namespace py = pybind11;

namespace {

io::ArchiveFormat format_from(const std::string& name) {
  if (name == "binary") return io::ArchiveFormat::binary;
  if (name == "text") return io::ArchiveFormat::text;
  if (name == "xml") return io::ArchiveFormat::xml;
  throw py::value_error("format must be 'binary', 'text' or 'xml', not '" + name + "'");
}

std::string to_bytes_any(py::handle obj, io::ArchiveFormat f) {
  if (py::isinstance<calendar::BusinessCalendar>(obj)) {
    return io::to_bytes(obj.cast<const calendar::BusinessCalendar&>(), f);
  }
  if (py::isinstance<calendar::Deadline>(obj)) {
    return io::to_bytes(obj.cast<const calendar::Deadline&>(), f);
  }
  if (py::isinstance<Charter>(obj)) return io::to_bytes(obj.cast<const Charter&>(), f);
  if (py::isinstance<org::Organization>(obj)) {
    return io::to_bytes(obj.cast<const org::Organization&>(), f);
  }
  if (py::isinstance<workflow::Case>(obj)) return io::to_bytes(obj.cast<const workflow::Case&>(), f);
  // A Python Tracker wraps the C++ one behind a lock (bind_workflow.cpp): take a copy through it.
  if (auto tracker = tracker_from_python(obj)) return io::to_bytes(*tracker, f);
  if (auto findings = findings_from_python(obj)) return io::to_bytes(*findings, f);
  if (py::isinstance<cycle::SurveyDesign>(obj)) return io::to_bytes(obj.cast<const cycle::SurveyDesign&>(), f);
  if (py::isinstance<org::AppraisalScheme>(obj)) return io::to_bytes(obj.cast<const org::AppraisalScheme&>(), f);
  if (py::isinstance<report::Document>(obj)) return io::to_bytes(obj.cast<const report::Document&>(), f);
  if (py::isinstance<report::MonthlyReport>(obj)) return io::to_bytes(obj.cast<const report::MonthlyReport&>(), f);
  throw py::type_error("only BusinessCalendar, Deadline, Charter, Organization, Case, Tracker, Findings, "
                       "SurveyDesign, AppraisalScheme, Document and MonthlyReport can be saved, not " +
                       std::string(py::str(py::type::handle_of(obj).attr("__name__"))));
}

py::object to_py(io::Saved saved) {
  if (auto* tracker = std::get_if<workflow::Tracker>(&saved)) return tracker_to_python(std::move(*tracker));
  if (auto* findings = std::get_if<standard::Findings>(&saved)) return findings_to_python(std::move(*findings));
  return std::visit([](auto&& v) -> py::object {
    if constexpr (std::is_same_v<std::decay_t<decltype(v)>, workflow::Tracker> ||
                  std::is_same_v<std::decay_t<decltype(v)>, standard::Findings>) {
      return py::none();  // handled above
    } else {
      return py::cast(std::move(v));
    }
  }, std::move(saved));
}

std::string path_of(py::handle p) { return py::str(py::module_::import("os").attr("fspath")(p)); }

}  // namespace

void bind_io(py::module_& m) {
  m.def(
      "to_bytes",
      [](py::handle obj, const std::string& format) {
        return py::bytes(to_bytes_any(obj, format_from(format)));
      },
      py::arg("obj"), py::arg("format") = "binary",
      "Serializes a BusinessCalendar, Deadline, Charter, Organization, Case, Tracker, Findings,\n"
      "survey.SurveyDesign, appraisal.AppraisalScheme, report.Document or report.MonthlyReport into a\n"
      "checksummed envelope\n"
      "(a case or tracker keeps its workflow, calendars and organisation, and its events). A Document\n"
      "that Document.validate() finds problems in is not saved: ReportError.");
  m.def(
      "from_bytes",
      [](const py::bytes& data) {
        const std::string s = data;
        io::Saved saved = [&] {
          py::gil_scoped_release release;
          return io::from_bytes(s, "<bytes>");
        }();
        return to_py(std::move(saved));
      },
      py::arg("data"), "Reads what to_bytes() wrote; raises CorruptFileError on damage.");
  m.def(
      "save",
      [](py::handle obj, py::handle path, const std::string& format) {
        const std::string bytes = to_bytes_any(obj, format_from(format));
        const std::string p = path_of(path);
        py::gil_scoped_release release;
        io::write_file_atomically(p, bytes);
      },
      py::arg("obj"), py::arg("path"), py::arg("format") = "binary",
      "Saves atomically: a crash leaves the old file or the new one, never a mix.");
  m.def(
      "load",
      [](py::handle path) {
        const std::string p = path_of(path);
        io::Saved saved = [&] {
          py::gil_scoped_release release;
          return io::load(p);
        }();
        return to_py(std::move(saved));
      },
      py::arg("path"),
      "Loads a saved BusinessCalendar, Deadline, Charter, Organization, Case, Tracker, Findings, SurveyDesign,\n"
      "AppraisalScheme, Document or MonthlyReport; raises CorruptFileError on damage.");
}

}  // namespace charter::python
