#pragma once
// What event files (charter.workflow.read_events) and observation files
// (charter.standard.read_observations) share on the Python side: one way of telling a path from
// file text, of naming a format, and of reading a whole file — so both read the same arguments
// and fail with the same errors.
//
//   read_source(source, format, "read_events", "event")  path_or_text and format= as the readers
//       take them: an os.PathLike is a path; a str is a path when format is None and file text
//       when it is given; bytes are UTF-8 text and need format. ValueError / TypeError otherwise.
//   format_named("csv", "event")  "csv", "jsonl" or "ndjson", any case; ValueError otherwise.
//   read_whole_file(path)  the bytes of a file; FileError when it cannot be read. Needs no GIL.

#include <pybind11/pybind11.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "charter/error.hpp"
#include "charter/io/event_files.hpp"

namespace charter::python {

namespace py = pybind11;

inline std::string path_of(py::handle p) { return py::str(py::module_::import("os").attr("fspath")(p)); }

inline std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path + ": cannot be opened for reading");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw FileError(path + ": could not be read");
  return buf.str();
}

/// "csv", "jsonl" (or "ndjson"), any case; `kind` names the file in the message ("event").
inline io::EventFormat format_named(const std::string& name, const char* kind) {
  std::string f = name;
  std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (f == "csv") return io::EventFormat::csv;
  if (f == "jsonl" || f == "ndjson") return io::EventFormat::jsonl;
  throw py::value_error("unknown " + std::string(kind) + " format '" + name + "' (known: csv, jsonl)");
}

inline bool is_path_like(py::handle h) {
  static PyObject* path_like = [] {
    return py::object(py::module_::import("os").attr("PathLike")).release().ptr();
  }();
  return PyObject_IsInstance(h.ptr(), path_like) == 1;
}

/// A reader's path_or_text and format=, told apart (see the top of the file).
struct SourceArgument {
  bool is_text = false;
  std::string text_or_path;
  std::optional<io::EventFormat> format;  ///< always set for text
};

inline SourceArgument read_source(py::handle source, py::handle format, const char* function, const char* kind) {
  const std::string fn = function;
  auto format_of = [&] {
    if (!py::isinstance<py::str>(format)) {
      throw py::type_error("format must be a str, not " +
                           py::str(py::type::handle_of(format).attr("__name__")).cast<std::string>());
    }
    return format_named(format.cast<std::string>(), kind);
  };
  SourceArgument out;
  if (py::isinstance<py::bytes>(source) || (py::isinstance<py::str>(source) && !format.is_none())) {
    if (format.is_none()) {
      throw py::value_error(fn + ": bytes are " + kind + "-file text; say its format (format=\"csv\" or \"jsonl\")");
    }
    out.is_text = true;
    out.format = format_of();
    out.text_or_path = py::isinstance<py::bytes>(source) ? std::string(py::reinterpret_borrow<py::bytes>(source))
                                                         : source.cast<std::string>();
    return out;
  }
  if (!py::isinstance<py::str>(source) && !is_path_like(source)) {
    throw py::type_error(fn + ": path_or_text must be a path (str or os.PathLike) or " + kind +
                         "-file text (str with format=, or bytes), not " +
                         py::str(py::type::handle_of(source).attr("__name__")).cast<std::string>());
  }
  out.text_or_path = path_of(source);
  if (format.is_none() && out.text_or_path.find('\n') != std::string::npos) {
    throw py::value_error(fn + ": a str without format is a path, and this one holds a line break; for " + kind +
                          "-file text say its format (format=\"csv\" or \"jsonl\")");
  }
  if (!format.is_none()) out.format = format_of();
  return out;
}

}  // namespace charter::python
