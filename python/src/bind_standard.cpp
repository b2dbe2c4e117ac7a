// charter.standard: measurable service standards (read-only data), observations of real service,
// evaluate() into columnar findings, and the phrase matcher.
//
// Datetimes (the policy is casters.hpp's; this is how standards apply it):
//   - An observation's `at` is read by evaluate() with one calendar's zone, `zone`: a
//     BusinessCalendar, or the id of one of the charter's calendars; by default the charter's
//     "office" calendar, else its only calendar (a charter with several calendars and no
//     "office", or none, needs zone=). A naive datetime is local wall time of that zone, an
//     aware one is converted with its own utcoffset(); event-file text ("2025-10-09 10:00",
//     "2025-10-09 10:00+08:00", "...Z") is read as event files are. None, NaN, NaT and "" mean
//     the observation has no instant: every standard covering it finds it invalid.
//   - Datetimes in fields become text, as a file would hold them: naive ones
//     "YYYY-MM-DD HH:MM:SS" (local wall time, which the standard reads on its own calendar),
//     aware ones the same with their UTC offset ("+08:00"). A pandas column of tz-aware
//     datetimes is written in UTC ("+00:00").
//   - Findings give instants back as local wall time of `zone` (naive datetimes, datetime64[us]
//     columns) unless every observation's instant came aware, or utc=True is asked: then UTC
//     (aware datetimes; a tz-aware column in to_frame). NaT / None where there is no instant.
//
// Field values become text: None, NaN, NaT, pandas.NA and "" are a field not given; bool (also
// numpy.bool_) is "yes" / "no"; integers are written in full; floats as the shortest text that
// reads back the same, whole ones without a decimal point (4.0 → "4", which is what a pandas
// integer column with gaps holds); a list or tuple is its items joined with ';'; anything else is
// str(value).
//
// Threads: evaluate() converts its input holding the GIL, then releases it for the C++
// evaluation. Findings are immutable; columns() releases the GIL while it converts instants and
// writes explanations.

#include <pybind11/eval.h>
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "bindings.hpp"
#include "pickling.hpp"
#include "casters.hpp"
#include "charter/calendar/china.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/observation_files.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/organization.hpp"
#include "charter/standard/compliance.hpp"
#include "charter/standard/evaluate.hpp"
#include "charter/standard/observation_stream.hpp"
#include "charter/standard/phrase_matcher.hpp"
#include "columns.hpp"
#include "text_files.hpp"

namespace charter::python {

namespace py = pybind11;
namespace st = charter::standard;
using boost::posix_time::ptime;
using boost::posix_time::time_duration;
using detail::CalendarIndex;

namespace {

// ---- the result records ----------------------------------------------------------------------

// Read-only records on the workflow block's _Record (printable, comparable, picklable under every
// protocol, _asdict()); the frame helper imports pandas only when asked.
constexpr const char* kRecords = R"py(
class Finding(_Record):
    """One row of Findings: what one standard found about one observation. str() gives the
    explanation.

    observation is the observation's 0-based position in the evaluated input; observation_id its
    id ("" when it has none); standard the standard's id; outcome an Outcome; measured and bound
    floats, NaN when the rule has no number; owner the role owning the standard; staff, unit and
    channel the observation's ("" when not given); at its instant (None when it had none), in the
    form Findings.columns() uses; explanation the one-line explanation.
    """
    __slots__ = ("observation", "observation_id", "standard", "outcome", "measured", "bound",
                 "owner", "staff", "unit", "channel", "at", "explanation")
    _short = ("observation", "observation_id", "standard", "outcome", "measured", "bound")

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        # measured and bound are NaN when the rule has no number; equal rows still compare equal.
        return all(a == b or (a != a and b != b)
                   for a, b in ((getattr(self, n), getattr(other, n)) for n in self.__slots__))

    __hash__ = None

    def __str__(self):
        return self.explanation


class PhraseHit(_Record):
    """One occurrence of one phrase in a text.

    phrase indexes PhraseMatcher.phrases. start and end are offsets in characters (code points),
    so text[start:end] is the match in a str; byte_begin and byte_end are the same offsets in
    bytes of the text's UTF-8 (what the C++ PhraseHit calls begin and end). All are half-open; a
    hit starts and ends on a character, never on a separator. text is the matched slice: a str,
    or bytes when bytes were searched.
    """
    __slots__ = ("phrase", "start", "end", "byte_begin", "byte_end", "text")


def _findings_frame(columns, standards, outcomes, utc):
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "Findings.to_frame needs pandas (apt install python3-pandas, or pip install pandas); "
            "Findings.columns() gives the same columns as numpy arrays") from e
    data = dict(columns)
    data["standard"] = pd.Categorical.from_codes(data.pop("standard_code"), categories=list(standards))
    data["outcome"] = pd.Categorical.from_codes(data.pop("outcome_code"), categories=list(outcomes))
    # The arrays are new and the frame's alone: copy=False spares stacking millions of objects.
    frame = pd.DataFrame(data, copy=False)
    if utc:
        frame["at"] = frame["at"].dt.tz_localize("UTC")
    return frame


def _aggregate_frame(columns, what):
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            f"Findings.{what}_frame needs pandas (apt install python3-pandas, or pip install pandas); "
            f"Findings.{what}() gives the same columns as numpy arrays") from e
    # The arrays are new and the frame's alone.
    return pd.DataFrame(dict(columns), copy=False)
)py";

struct Records {
  py::handle finding, phrase_hit, findings_frame, aggregate_frame;
};

Records& records() {
  static Records r;
  return r;
}

// ---- small helpers ---------------------------------------------------------------------------

std::string type_name(py::handle h) {
  return py::str(py::type::handle_of(h).attr("__name__")).cast<std::string>();
}


py::list strings(const std::vector<std::string>& v) {
  py::list out;
  for (const auto& s : v) out.append(s);
  return out;
}

std::string joined(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_mapping(py::handle h) {
  if (PyDict_Check(h.ptr())) return true;
  static PyObject* mapping = [] {
    return py::object(py::module_::import("collections.abc").attr("Mapping")).release().ptr();
  }();
  return PyObject_IsInstance(h.ptr(), mapping) == 1;
}

// pandas.NaT (a datetime subclass) and pandas.NA, recognised by type name so that pandas is never
// imported for them.
bool pandas_missing(PyObject* o) {
  const std::string_view name = Py_TYPE(o)->tp_name;
  return ends_with(name, "NaTType") || ends_with(name, "NAType");
}

struct NumpyTypes {
  PyObject* bool_;
  PyObject* integer;
  PyObject* floating;
  PyObject* datetime64;
  PyObject* timedelta64;
};

const NumpyTypes& numpy_types() {
  static const NumpyTypes t = [] {
    py::module_ np = py::module_::import("numpy");
    auto keep = [&](const char* name) { return py::object(np.attr(name)).release().ptr(); };
    return NumpyTypes{keep("bool_"), keep("integer"), keep("floating"), keep("datetime64"), keep("timedelta64")};
  }();
  return t;
}

bool is_instance(PyObject* o, PyObject* type) { return PyObject_IsInstance(o, type) == 1; }

// The shortest text that reads back as the same double; whole numbers without a decimal point.
std::string number_text(double v) {
  if (v == std::trunc(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// "YYYY-MM-DD HH:MM:SS", with ".ffffff" when there are microseconds, from wall-clock microseconds.
std::string wall_text(detail::Micros wall) {
  detail::Micros days = wall / detail::kMicrosPerDay;
  detail::Micros rem = wall % detail::kMicrosPerDay;
  if (rem < 0) {
    rem += detail::kMicrosPerDay;
    --days;
  }
  const Civil c = civil_from_days(days);
  const long long secs = rem / detail::kMicrosPerSecond;
  const long long micros = rem % detail::kMicrosPerSecond;
  char buf[64];
  if (c.year < 0 || c.year > 9999) {  // no datetime holds these; written for the message they cause
    const int n = std::snprintf(buf, sizeof buf, "%d-%02u-%02u %02lld:%02lld:%02lld", c.year, c.month, c.day,
                                secs / 3600, secs / 60 % 60, secs % 60);
    return std::string(buf, static_cast<std::size_t>(n));
  }
  // Digits by hand: a DataFrame's datetime column writes one of these per row.
  char* p = buf;
  auto digits = [&p](long long v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10) p[k] = static_cast<char>('0' + v % 10);
    p += width;
  };
  digits(c.year, 4);
  *p++ = '-';
  digits(c.month, 2);
  *p++ = '-';
  digits(c.day, 2);
  *p++ = ' ';
  digits(secs / 3600, 2);
  *p++ = ':';
  digits(secs / 60 % 60, 2);
  *p++ = ':';
  digits(secs % 60, 2);
  if (micros) {
    *p++ = '.';
    digits(micros, 6);
  }
  return std::string(buf, p);
}

// A datetime as field text: wall time, with its offset when it is aware ("Z" form when the offset
// is not whole minutes, which event-file text cannot write).
std::string datetime_text(py::handle h) {
  const detail::Micros wall = wall_micros(h.ptr());
  if (PyDateTime_DATE_GET_TZINFO(h.ptr()) == Py_None) return wall_text(wall);
  const py::object offset = h.attr("utcoffset")();
  if (offset.is_none()) return wall_text(wall);
  const detail::Micros off = timedelta_micros(offset.ptr());
  const detail::Micros minute = 60 * detail::kMicrosPerSecond;
  if (off % minute != 0 || off <= -detail::kMicrosPerDay || off >= detail::kMicrosPerDay) {
    return wall_text(wall - off) + "Z";
  }
  const long long m = std::llabs(off / minute);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", off < 0 ? '-' : '+', m / 60, m % 60);
  return wall_text(wall) + buf;
}

// The text of a value for an observation (see the top of the file); false when it is not given.
bool value_text(py::handle v, std::string& out) {
  PyObject* o = v.ptr();
  if (o == Py_None) return false;
  if (PyUnicode_Check(o)) {
    Py_ssize_t n = 0;
    const char* s = PyUnicode_AsUTF8AndSize(o, &n);
    if (!s) throw py::error_already_set();
    out.assign(s, static_cast<std::size_t>(n));
    return n > 0;
  }
  if (PyBool_Check(o)) {
    out = o == Py_True ? "yes" : "no";
    return true;
  }
  if (PyFloat_Check(o)) {
    const double d = PyFloat_AS_DOUBLE(o);
    if (std::isnan(d)) return false;
    out = number_text(d);
    return true;
  }
  if (PyLong_Check(o)) {
    out = py::str(v);
    return true;
  }
  ensure_datetime_api();
  if (pandas_missing(o)) return false;
  if (PyDateTime_Check(o)) {
    out = datetime_text(v);
    return true;
  }
  const NumpyTypes& np = numpy_types();
  // A duration has no one text a standard reads ("0:01:15"? 75? 1.25?): say so rather than guess.
  if (PyDelta_Check(o) || is_instance(o, np.timedelta64)) {
    throw py::type_error("a duration (" + std::string(py::repr(v)) + ") is not a field value; write it as a "
                         "number in the unit the standard reads (e.g. seconds: d.total_seconds())");
  }
  if (is_instance(o, np.bool_)) {
    out = PyObject_IsTrue(o) ? "yes" : "no";
    return true;
  }
  if (is_instance(o, np.integer)) {
    out = py::str(v);
    return true;
  }
  if (is_instance(o, np.floating)) {
    const double d = v.cast<double>();
    if (std::isnan(d)) return false;
    out = number_text(d);
    return true;
  }
  if (is_instance(o, np.datetime64)) {
    const py::object item = v.attr("astype")("datetime64[us]").attr("item")();
    if (item.is_none()) return false;  // NaT
    if (PyDateTime_Check(item.ptr())) {
      out = datetime_text(item);
      return true;
    }
  }
  if (PyList_Check(o) || PyTuple_Check(o)) {
    std::string item;
    out.clear();
    for (py::handle x : v) {
      if (value_text(x, item)) out += (out.empty() ? "" : ";") + item;
    }
    return !out.empty();
  }
  out = py::str(v);
  return !out.empty();
}

std::string member_text(py::handle v) {
  std::string s;
  value_text(v, s);
  return s;
}

// Runs f; a charter or argument error it raises gets `where()` in front of its message (the
// observation it concerns), keeping its type.
template <class Where, class F>
auto in_context(const Where& where, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const NonexistentTimeError& e) {
    throw NonexistentTimeError(where() + e.what());
  } catch (const CalendarRangeError& e) {
    throw CalendarRangeError(where() + e.what());
  } catch (const CalendarError& e) {
    throw CalendarError(where() + e.what());
  } catch (const InvalidTimeError& e) {
    throw InvalidTimeError(where() + e.what());
  } catch (const ParseError& e) {
    throw ParseError(where() + e.what());
  } catch (const py::type_error& e) {
    throw py::type_error(where() + e.what());
  } catch (const py::value_error& e) {
    throw py::value_error(where() + e.what());
  }
}

// ---- instants --------------------------------------------------------------------------------

/// Reads observations' instants with one zone, counting the forms they came in.
struct InstantReader {
  const CalendarIndex& zone;
  std::size_t naive = 0;
  std::size_t aware = 0;

  ptime local(detail::Micros wall) {
    ++naive;
    return detail::from_micros(zone.local_to_utc(wall));
  }
  ptime utc(detail::Micros utc_micros) {
    ++aware;
    return detail::from_micros(utc_micros);
  }
  /// Findings default to UTC when every instant given came aware.
  bool all_aware() const { return aware > 0 && naive == 0; }

  ptime read(py::handle v) {
    PyObject* o = v.ptr();
    if (o == Py_None || pandas_missing(o)) return ptime();
    if (PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o))) return ptime();
    if (PyUnicode_Check(o)) {
      const std::string s = v.cast<std::string>();
      if (s.empty()) return ptime();
      const calendar::OffsetDateTime t = calendar::parse_offset_date_time(s);
      if (t.offset_minutes) return utc(detail::to_micros(t.utc()));
      return local(detail::to_micros(t.wall, "at"));
    }
    ensure_datetime_api();
    if (PyDateTime_Check(o)) {
      const PyInstant p = read_instant(v, zone, "at");
      ++(p.naive() ? naive : aware);
      return detail::from_micros(p.utc);
    }
    if (is_instance(o, numpy_types().datetime64)) {
      const py::object item = v.attr("astype")("datetime64[us]").attr("item")();
      if (item.is_none()) return ptime();
      if (PyDateTime_Check(item.ptr())) return read(item);
    }
    throw py::type_error("'at' must be a datetime or date-time text (\"2025-10-09 10:00\", "
                         "\"2025-10-09 10:00+08:00\"), or None when not known; not " + type_name(v));
  }
};

/// `at` as an Observation keeps it: None, a datetime, a numpy.datetime64, or date-time text that
/// parses (ParseError now rather than at evaluate()).
py::object checked_at(py::handle at) {
  PyObject* o = at.ptr();
  ensure_datetime_api();
  if (PyUnicode_Check(o)) {
    const std::string s = at.cast<std::string>();
    if (!s.empty()) calendar::parse_offset_date_time(s);
    return py::reinterpret_borrow<py::object>(at);
  }
  if (o == Py_None || pandas_missing(o) || PyDateTime_Check(o) || is_instance(o, numpy_types().datetime64) ||
      (PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o)))) {
    return py::reinterpret_borrow<py::object>(at);
  }
  throw py::type_error("'at' must be a datetime or date-time text (\"2025-10-09 10:00\", "
                       "\"2025-10-09 10:00+08:00\"), or None when not known; not " + type_name(at));
}

// ---- observations ----------------------------------------------------------------------------

constexpr const char* kObservationKeys =
    "'kind', 'at', optional 'id', 'staff', 'unit', 'channel'; every other key is a field, and a "
    "'fields' dict adds fields";

/// charter.standard.Observation: the C++ observation without its instant, and `at` as given (it
/// is read by evaluate(), whose zone says what a naive datetime means).
struct PyObservation {
  st::Observation data;  ///< data.at unused
  py::object at;
};

void add_field(st::Observation& o, std::string name, py::handle value) {
  std::string text;
  if (!in_context([&] { return "field " + quote(name) + ": "; }, [&] { return value_text(value, text); })) return;
  if (o.field(name)) throw py::value_error("field " + quote(name) + " is given twice");
  o.fields.push_back({std::move(name), std::move(text)});
}

std::string key_of(py::handle key) {
  if (!PyUnicode_Check(key.ptr())) {
    throw py::type_error("keys must be str, not " + type_name(key) + " (" + std::string(py::repr(key)) + ")");
  }
  return key.cast<std::string>();
}

template <class F>
void each_item(py::handle mapping, F&& f) {
  if (PyDict_Check(mapping.ptr())) {
    for (auto [k, v] : py::reinterpret_borrow<py::dict>(mapping)) f(k, v);
    return;
  }
  for (py::handle item : mapping.attr("items")()) {
    const auto kv = py::reinterpret_borrow<py::tuple>(item);
    f(kv[0], kv[1]);
  }
}

void require_kind(const st::Observation& o) {
  if (o.kind.empty()) {
    throw py::value_error("'kind' is not given (None, NaN or empty): say what was observed (\"call\", \"order\", ...)");
  }
}

/// An observation dict; `at_value(value)` takes the `at` key's value.
template <class At>
st::Observation observation_from_mapping(py::handle m, At&& at_value) {
  st::Observation o;
  bool has_kind = false, has_at = false;
  each_item(m, [&](py::handle key, py::handle value) {
    std::string k = key_of(key);
    if (k == "kind") {
      has_kind = true;
      o.kind = member_text(value);
    } else if (k == "at") {
      has_at = true;
      at_value(value);
    } else if (k == "id") {
      o.id = member_text(value);
    } else if (k == "staff") {
      o.staff = member_text(value);
    } else if (k == "unit") {
      o.unit = member_text(value);
    } else if (k == "channel") {
      o.channel = member_text(value);
    } else if (k == "fields" && is_mapping(value)) {
      each_item(value, [&](py::handle fk, py::handle fv) { add_field(o, key_of(fk), fv); });
    } else {
      add_field(o, std::move(k), value);
    }
  });
  if (!has_kind) {
    throw py::value_error("no 'kind' (what was observed: \"call\", \"order\", ...); an observation dict has " +
                          std::string(kObservationKeys));
  }
  require_kind(o);
  if (!has_at) {
    throw py::value_error("no 'at' (when it happened; None when not known); an observation dict has " +
                          std::string(kObservationKeys));
  }
  return o;
}

PyObservation py_observation_from_mapping(py::handle m) {
  PyObservation p;
  p.at = py::none();
  p.data = observation_from_mapping(m, [&](py::handle v) {
    p.at = in_context([] { return std::string("'at': "); }, [&] { return checked_at(v); });
  });
  return p;
}

bool is_data_frame(py::handle h) {
  // Only a DataFrame when pandas is already imported: nothing here imports it.
  PyObject* pandas = PyImport_GetModule(py::str("pandas").ptr());
  if (!pandas) {
    PyErr_Clear();
    return false;
  }
  const py::object pd = py::reinterpret_steal<py::object>(pandas);
  return PyObject_IsInstance(h.ptr(), py::object(pd.attr("DataFrame")).ptr()) == 1;
}

// UTC microseconds of a tz-aware pandas datetime column (NaT stays NaT: INT64_MIN).
py::array_t<std::int64_t> utc_micros_of(py::handle series) {
  py::object naive_utc = series.attr("dt").attr("tz_convert")("UTC").attr("dt").attr("tz_localize")(py::none());
  py::object us = naive_utc.attr("to_numpy")().attr("astype")("datetime64[us]").attr("view")("int64");
  return py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(us);
}

bool has_tz(py::handle series) {
  const py::object dtype = series.attr("dtype");
  return py::hasattr(dtype, "tz") && !py::object(dtype.attr("tz")).is_none();
}

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

/// Calls sink(i, text) for every given value of a DataFrame column (see the top of the file),
/// reading numeric, boolean and datetime columns straight from their numpy buffers.
template <class Where, class Sink>
void each_text(py::handle series, const std::string& name, const Where& where, Sink&& sink) {
  if (has_tz(series)) {
    const auto utc = utc_micros_of(series);
    const std::int64_t* p = utc.data();
    for (py::ssize_t i = 0; i < utc.size(); ++i) {
      if (p[i] != kNaT) sink(static_cast<std::size_t>(i), wall_text(p[i]) + "+00:00");
    }
    return;
  }
  const py::array values = py::array::ensure(series.attr("to_numpy")());
  if (!values) throw py::error_already_set();
  switch (values.dtype().kind()) {
    case 'b': {
      const auto a = py::array_t<bool, py::array::c_style | py::array::forcecast>::ensure(values);
      for (py::ssize_t i = 0; i < a.size(); ++i) sink(static_cast<std::size_t>(i), a.data()[i] ? "yes" : "no");
      return;
    }
    case 'i': {
      const auto a = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(values);
      for (py::ssize_t i = 0; i < a.size(); ++i) sink(static_cast<std::size_t>(i), std::to_string(a.data()[i]));
      return;
    }
    case 'u': {
      const auto a = py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>::ensure(values);
      for (py::ssize_t i = 0; i < a.size(); ++i) sink(static_cast<std::size_t>(i), std::to_string(a.data()[i]));
      return;
    }
    case 'f': {
      const auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values);
      for (py::ssize_t i = 0; i < a.size(); ++i) {
        if (!std::isnan(a.data()[i])) sink(static_cast<std::size_t>(i), number_text(a.data()[i]));
      }
      return;
    }
    case 'M': {
      const auto a = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(
          values.attr("astype")("datetime64[us]").attr("view")("int64"));
      for (py::ssize_t i = 0; i < a.size(); ++i) {
        if (a.data()[i] != kNaT) sink(static_cast<std::size_t>(i), wall_text(a.data()[i]));
      }
      return;
    }
    case 'm':
      throw py::type_error("column " + quote(name) + " holds durations; write them as numbers in the unit the "
                           "standard reads (e.g. seconds: column.dt.total_seconds())");
    default: {
      const py::array objects = py::module_::import("numpy").attr("ascontiguousarray")(values, py::arg("dtype") = "object");
      auto* const* p = static_cast<PyObject* const*>(objects.data());
      std::string text;
      for (py::ssize_t i = 0; i < objects.size(); ++i) {
        in_context([&] { return where(static_cast<std::size_t>(i)) + "column " + quote(name) + ": "; }, [&] {
          if (value_text(p[i], text)) sink(static_cast<std::size_t>(i), std::move(text));
        });
      }
    }
  }
}

std::vector<st::Observation> observations_from_frame(py::handle df, InstantReader& r) {
  const std::size_t n = py::len(df);
  const py::object columns = df.attr("columns");
  if (!columns.attr("is_unique").cast<bool>()) {
    throw py::value_error("the DataFrame's column names repeat; each must be 'kind', 'at', 'id', 'staff', "
                          "'unit', 'channel' or a field, once");
  }
  std::vector<std::string> names;
  for (py::handle c : columns) {
    if (!PyUnicode_Check(c.ptr())) {
      throw py::type_error("DataFrame column names must be str, not " + type_name(c) + " (" +
                           std::string(py::repr(c)) + ")");
    }
    names.push_back(c.cast<std::string>());
  }
  for (const char* required : {"kind", "at"}) {
    if (std::find(names.begin(), names.end(), required) == names.end()) {
      throw py::value_error(std::string("the DataFrame has no '") + required + "' column (columns: " +
                            std::string(kObservationKeys) + ")");
    }
  }
  const py::object index = df.attr("index");
  auto where = [&](std::size_t i) {
    return "observations[" + std::to_string(i) + "] (DataFrame index " + std::string(py::repr(index[py::int_(i)])) +
           "): ";
  };
  std::vector<st::Observation> out(n);
  const std::size_t member_columns = static_cast<std::size_t>(std::count_if(names.begin(), names.end(), [](const std::string& c) {
    return c == "kind" || c == "at" || c == "id" || c == "staff" || c == "unit" || c == "channel";
  }));
  if (names.size() > member_columns) {
    for (auto& o : out) o.fields.reserve(names.size() - member_columns);
  }
  for (const std::string& name : names) {
    const py::object series = df.attr("__getitem__")(name);
    if (name == "at") {
      if (has_tz(series)) {
        const auto utc = utc_micros_of(series);
        for (std::size_t i = 0; i < n; ++i) {
          if (utc.data()[i] != kNaT) out[i].at = r.utc(utc.data()[i]);
        }
        continue;
      }
      const py::array values = py::array::ensure(series.attr("to_numpy")());
      if (!values) throw py::error_already_set();
      if (values.dtype().kind() == 'M') {
        const auto wall = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(
            values.attr("astype")("datetime64[us]").attr("view")("int64"));
        for (std::size_t i = 0; i < n; ++i) {
          if (wall.data()[i] == kNaT) continue;
          out[i].at = in_context([&] { return where(i) + "'at': "; }, [&] { return r.local(wall.data()[i]); });
        }
        continue;
      }
      const py::array objects = py::module_::import("numpy").attr("ascontiguousarray")(values, py::arg("dtype") = "object");
      auto* const* p = static_cast<PyObject* const*>(objects.data());
      for (std::size_t i = 0; i < n; ++i) {
        out[i].at = in_context([&] { return where(i) + "'at': "; }, [&] { return r.read(p[i]); });
      }
      continue;
    }
    std::string st::Observation::*member = nullptr;
    if (name == "kind") member = &st::Observation::kind;
    else if (name == "id") member = &st::Observation::id;
    else if (name == "staff") member = &st::Observation::staff;
    else if (name == "unit") member = &st::Observation::unit;
    else if (name == "channel") member = &st::Observation::channel;
    if (member) {
      each_text(series, name, where, [&](std::size_t i, std::string text) { out[i].*member = std::move(text); });
    } else {
      each_text(series, name, where, [&](std::size_t i, std::string text) {
        out[i].fields.push_back({name, std::move(text)});
      });
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    in_context([&] { return where(i); }, [&] { require_kind(out[i]); });
  }
  return out;
}

std::vector<st::Observation> read_observations(py::handle items, InstantReader& r) {
  if (is_data_frame(items)) return observations_from_frame(items, r);
  if (is_mapping(items)) {
    throw py::type_error("observations must be a list of observation dicts or Observations, or a pandas "
                         "DataFrame; this is a single dict (wrap it in a list)");
  }
  if (PyUnicode_Check(items.ptr()) || PyBytes_Check(items.ptr())) {
    throw py::type_error("observations must be a list of observation dicts or Observations, or a pandas "
                         "DataFrame, not " + type_name(items));
  }
  std::vector<st::Observation> out;
  if (py::hasattr(items, "__len__")) out.reserve(py::len(items));
  std::size_t i = 0;
  for (py::handle h : items) {
    auto where = [&] { return "observations[" + std::to_string(i) + "]: "; };
    if (py::isinstance<PyObservation>(h)) {
      const auto& p = h.cast<const PyObservation&>();
      st::Observation o = p.data;
      o.at = in_context([&] { return where() + "'at': "; }, [&] { return r.read(p.at); });
      out.push_back(std::move(o));
    } else if (is_mapping(h)) {
      py::object at;
      st::Observation o = in_context(where, [&] {
        return observation_from_mapping(h, [&](py::handle v) { at = py::reinterpret_borrow<py::object>(v); });
      });
      o.at = in_context([&] { return where() + "'at': "; }, [&] { return r.read(at); });
      out.push_back(std::move(o));
    } else {
      throw py::type_error(where() + "a " + type_name(h) + ", not an Observation or an observation dict");
    }
    ++i;
  }
  return out;
}

// ---- findings --------------------------------------------------------------------------------

/// charter.standard.Findings: the C++ findings, the zone their instants were read in, and whether
/// every instant came aware (then instants come back in UTC by default).
struct PyFindings {
  st::Findings findings;
  calendar::BusinessCalendar zone;
  bool aware = false;
};

}  // namespace

py::object findings_to_python(st::Findings findings) {
  // Loaded findings read their instants in the zone of a standard's calendar: the one named
  // "office" when a standard uses it, else the first one used, else the China calendar.
  std::optional<calendar::BusinessCalendar> zone;
  for (const auto& s : findings.standards()) {
    if (!s.calendar()) continue;
    if (!zone || s.spec().calendar == "office") zone = *s.calendar();
    if (s.spec().calendar == "office") break;
  }
  return py::cast(PyFindings{std::move(findings), zone ? *zone : calendar::china_calendar(), false});
}

std::optional<st::Findings> findings_from_python(py::handle obj) {
  if (!py::isinstance<PyFindings>(obj)) return std::nullopt;
  return obj.cast<const PyFindings&>().findings;
}

// ---- zones -----------------------------------------------------------------------------------

const calendar::BusinessCalendar& charter_zone(const Charter& c, py::handle zone) {
  if (py::isinstance<calendar::BusinessCalendar>(zone)) return zone.cast<const calendar::BusinessCalendar&>();
  if (PyUnicode_Check(zone.ptr())) return c.calendar(zone.cast<std::string>());  // UnknownIdError
  if (!zone.is_none()) {
    throw py::type_error("zone must be a BusinessCalendar or the id of one of the charter's calendars, not " +
                         type_name(zone));
  }
  const auto& calendars = c.calendars();
  if (const auto office = calendars.find("office"); office != calendars.end()) return office->second;
  if (calendars.size() == 1) return calendars.begin()->second;
  std::vector<std::string> ids;
  for (const auto& [id, cal] : calendars) ids.push_back(id);
  throw py::value_error(
      "which zone reads naive datetimes? The charter has " +
      (ids.empty() ? std::string("no calendars") : "calendars " + joined(ids) + " and none is 'office'") +
      "; pass zone=<a calendar id or a BusinessCalendar>");
}

const st::Findings* findings_in_python(py::handle obj) {
  if (!py::isinstance<PyFindings>(obj)) return nullptr;
  return &obj.cast<const PyFindings&>().findings;
}

namespace {

bool utc_of(const PyFindings& f, py::handle utc) { return utc.is_none() ? f.aware : utc.cast<bool>(); }

constexpr st::Outcome kOutcomes[] = {st::Outcome::met, st::Outcome::not_met, st::Outcome::not_applicable,
                                     st::Outcome::invalid};

std::vector<py::str> py_strings(const std::vector<std::string>& v) {
  std::vector<py::str> out;
  out.reserve(v.size());
  for (const auto& s : v) out.emplace_back(s);
  return out;
}

py::dict findings_columns(const PyFindings& pf, bool explain, bool utc) {
  const st::Findings& f = pf.findings;
  const std::size_t n = f.size();
  std::vector<py::str> ids, owners, outcomes;
  for (const auto& s : f.standards()) {
    ids.emplace_back(s.id());
    owners.emplace_back(s.owner());
  }
  for (st::Outcome o : kOutcomes) outcomes.emplace_back(st::outcome_name(o));
  const std::vector<py::str> staff_names = py_strings(f.staff_names()), unit_names = py_strings(f.unit_names()),
                             channel_names = py_strings(f.channel_names());

  py::array observation_id = object_column(n), standard = object_column(n), outcome = object_column(n),
            owner = object_column(n), staff = object_column(n), unit = object_column(n),
            channel = object_column(n);
  // Rows of one observation share its id string.
  py::object id;
  std::uint64_t id_of = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t i = 0; i < n; ++i) {
    if (f.observation()[i] != id_of) {
      id_of = f.observation()[i];
      const std::string_view s = f.observation_id(i);
      id = py::str(s.data(), s.size());
    }
    set_object(observation_id, i, id);
    const std::size_t k = f.standard()[i];
    set_object(standard, i, ids.at(k));
    set_object(owner, i, owners.at(k));
    set_object(outcome, i, outcomes.at(static_cast<std::size_t>(f.outcome()[i])));
    set_object(staff, i, staff_names.at(f.staff()[i]));
    set_object(unit, i, unit_names.at(f.unit()[i]));
    set_object(channel, i, channel_names.at(f.channel()[i]));
  }
  py::array at = column(f.at_micros(), "datetime64[us]");
  std::vector<std::string> explanations;
  {
    auto* p = static_cast<std::int64_t*>(at.mutable_data());
    const CalendarIndex& x = pf.zone.index();
    py::gil_scoped_release release;
    if (!utc) {
      for (std::size_t i = 0; i < n; ++i) {
        if (p[i] != kNaT) p[i] = x.utc_to_local(p[i]);
      }
    }
    if (explain) {
      explanations.reserve(n);
      for (std::size_t i = 0; i < n; ++i) explanations.push_back(f.explanation(i));
    }
  }
  py::dict out;
  out["observation"] = column(f.observation(), "int64");
  out["observation_id"] = observation_id;
  out["standard"] = standard;
  out["standard_code"] = column(f.standard(), "uint16");
  out["outcome"] = outcome;
  out["outcome_code"] = column(f.outcome(), "uint8");
  out["measured"] = column(f.measured(), "float64");
  out["bound"] = column(f.bound(), "float64");
  out["owner"] = owner;
  out["staff"] = staff;
  out["unit"] = unit;
  out["channel"] = channel;
  out["at"] = at;
  if (explain) {
    py::array e = object_column(n);
    for (std::size_t i = 0; i < n; ++i) set_object(e, i, py::str(explanations[i]));
    out["explanation"] = e;
  }
  return out;
}

std::size_t row_index(const PyFindings& f, std::ptrdiff_t i) {
  const auto n = static_cast<std::ptrdiff_t>(f.findings.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    throw py::index_error("row " + std::to_string(i < 0 ? i - n : i) + " is out of range (" + std::to_string(n) +
                          " rows)");
  }
  return static_cast<std::size_t>(i);
}

PyInstant instant_form(bool utc) {
  ensure_datetime_api();
  PyInstant p;
  p.tzinfo = utc ? py::reinterpret_borrow<py::object>(PyDateTime_TimeZone_UTC) : py::none();
  return p;
}

py::object finding_row(const PyFindings& pf, std::size_t i, bool utc) {
  const st::Finding r = pf.findings.row(i);
  const py::object at = r.at.is_special()
                            ? py::object(py::none())
                            : write_instant(detail::to_micros(r.at), instant_form(utc), pf.zone.index());
  return records().finding(r.observation, r.observation_id, r.standard, py::cast(r.outcome), r.measured, r.bound,
                           r.owner, r.staff, r.unit, r.channel, at, r.explanation);
}

// ---- compliance ------------------------------------------------------------------------------
//
// Dimensions and periods are named by their C++ names (dimension_name, period_name) so that the
// Python words and the C++ ones cannot drift apart. Instants bounding a range are read like every
// other instant of the findings: naive is local wall time of Findings.zone, aware is exact.

constexpr st::Dimension kDimensions[] = {st::Dimension::standard, st::Dimension::owner, st::Dimension::staff,
                                         st::Dimension::unit, st::Dimension::channel};
constexpr st::Period kPeriods[] = {st::Period::day, st::Period::week, st::Period::month};

std::string dimension_names() {
  std::string out;
  for (st::Dimension d : kDimensions) out += (out.empty() ? "" : ", ") + std::string(st::dimension_name(d));
  return out;
}

st::Dimension dimension_named(py::handle h) {
  if (!PyUnicode_Check(h.ptr())) {
    throw py::type_error("by: a dimension is named by a str (" + dimension_names() + "), not " + type_name(h));
  }
  const std::string name = h.cast<std::string>();
  for (st::Dimension d : kDimensions) {
    if (name == st::dimension_name(d)) return d;
  }
  throw py::value_error("unknown dimension " + quote(name) + " in by (known: " + dimension_names() + ")");
}

/// `by`: one dimension's name or a sequence of them, in the order the key columns come.
std::vector<st::Dimension> dimensions_of(py::handle by) {
  std::vector<st::Dimension> out;
  if (PyUnicode_Check(by.ptr())) {
    out.push_back(dimension_named(by));
    return out;
  }
  if (by.is_none() || is_mapping(by) || !py::isinstance<py::iterable>(by)) {
    throw py::type_error("by must be a dimension's name or a sequence of them (" + dimension_names() + "), not " +
                         type_name(by));
  }
  for (py::handle h : by) {
    const st::Dimension d = dimension_named(h);
    // Each dimension gives a column named after it: a repeated one would overwrite its column.
    if (std::find(out.begin(), out.end(), d) != out.end()) {
      throw py::value_error("dimension '" + std::string(st::dimension_name(d)) + "' is named twice in by");
    }
    out.push_back(d);
  }
  return out;
}

/// `period`: None (all together), "day", "week" or "month" ("none" is taken too: the C++ name).
st::Period period_of(py::handle period) {
  if (period.is_none()) return st::Period::none;
  if (!PyUnicode_Check(period.ptr())) {
    throw py::type_error("period must be \"day\", \"week\", \"month\" or None, not " + type_name(period));
  }
  const std::string name = period.cast<std::string>();
  if (name == st::period_name(st::Period::none)) return st::Period::none;
  for (st::Period p : kPeriods) {
    if (name == st::period_name(p)) return p;
  }
  throw py::value_error("unknown period " + quote(name) + " (known: day, week, month, or None for all together)");
}

std::optional<ptime> bound_of(const PyFindings& f, py::handle h, const char* what) {
  if (h.is_none()) return std::nullopt;
  return detail::from_micros(read_instant(h, f.zone.index(), what).utc);
}

st::InstantRange range_of(const PyFindings& f, py::handle start, py::handle end, const std::string& what = "") {
  const std::string s = what.empty() ? "start" : what + " start", e = what.empty() ? "end" : what + " end";
  st::InstantRange r{bound_of(f, start, s.c_str()), bound_of(f, end, e.c_str())};
  // A reversed range would silently count nothing; it is almost always start and end swapped.
  if (r.from && r.to && *r.to < *r.from) {
    throw py::value_error((what.empty() ? std::string() : what + ": ") + "end " + std::string(py::repr(end)) +
                          " is before start " + std::string(py::repr(start)));
  }
  return r;
}

/// trend()'s before= / after=: a (start, end) pair, either end None for open.
st::InstantRange range_pair(const PyFindings& f, py::handle pair, const char* what) {
  if (!(PyTuple_Check(pair.ptr()) || PyList_Check(pair.ptr())) || py::len(pair) != 2) {
    throw py::type_error(std::string(what) + " must be a (start, end) pair of datetimes (None for an open end), not " +
                         std::string(py::repr(pair)));
  }
  const py::sequence s = py::reinterpret_borrow<py::sequence>(pair);
  return range_of(f, s[0], s[1], what);
}

/// One object column per dimension; rows sharing a value share one str.
struct KeyColumns {
  std::vector<py::array> columns;
  std::unordered_map<std::string, py::str> strs;

  KeyColumns(std::size_t dimensions, std::size_t rows) {
    for (std::size_t d = 0; d < dimensions; ++d) columns.push_back(object_column(rows));
  }
  void set(std::size_t row, const std::vector<std::string>& key) {
    for (std::size_t d = 0; d < columns.size(); ++d) {
      auto it = strs.find(key.at(d));
      if (it == strs.end()) it = strs.emplace(key[d], py::str(key[d])).first;
      set_object(columns[d], row, it->second);
    }
  }
  void add_to(py::dict& out, const std::vector<st::Dimension>& dims) {
    for (std::size_t d = 0; d < dims.size(); ++d) out[st::dimension_name(dims[d])] = columns[d];
  }
};

/// met, not_met, not_applicable, invalid and checked (int64) and rate (float64) of rows, the
/// column names prefixed (trend's "before_", "after_").
template <class Row>
void add_counts(py::dict& out, const std::string& prefix, const std::vector<Row>& rows,
                const st::ComplianceRow& (*counts)(const Row&)) {
  const std::size_t n = rows.size();
  std::vector<std::int64_t> met(n), not_met(n), not_applicable(n), invalid(n), checked(n);
  std::vector<double> rate(n);
  for (std::size_t i = 0; i < n; ++i) {
    const st::ComplianceRow& r = counts(rows[i]);
    met[i] = static_cast<std::int64_t>(r.met);
    not_met[i] = static_cast<std::int64_t>(r.not_met);
    not_applicable[i] = static_cast<std::int64_t>(r.not_applicable);
    invalid[i] = static_cast<std::int64_t>(r.invalid);
    checked[i] = static_cast<std::int64_t>(r.checked());
    rate[i] = r.rate();
  }
  out[py::str(prefix + "met")] = column(met, "int64");
  out[py::str(prefix + "not_met")] = column(not_met, "int64");
  out[py::str(prefix + "not_applicable")] = column(not_applicable, "int64");
  out[py::str(prefix + "invalid")] = column(invalid, "int64");
  out[py::str(prefix + "checked")] = column(checked, "int64");
  out[py::str(prefix + "rate")] = column(rate, "float64");
}

const st::ComplianceRow& itself(const st::ComplianceRow& r) { return r; }
const st::ComplianceRow& before_of(const st::TrendRow& r) { return r.before; }
const st::ComplianceRow& after_of(const st::TrendRow& r) { return r.after; }

/// Compliance rows as numpy columns: a column per dimension, `period` (datetime64[D], the
/// period's first local date) when periods were asked for, then the counts.
py::dict compliance_columns(const std::vector<st::Dimension>& dims, st::Period period,
                            const std::vector<st::ComplianceRow>& rows) {
  const std::size_t n = rows.size();
  KeyColumns keys(dims.size(), n);
  for (std::size_t i = 0; i < n; ++i) keys.set(i, rows[i].key);
  py::dict out;
  keys.add_to(out, dims);
  if (period != st::Period::none) {
    const boost::gregorian::date epoch(1970, 1, 1);
    std::vector<std::int64_t> days(n);
    for (std::size_t i = 0; i < n; ++i) days[i] = (rows[i].period_start - epoch).days();
    out["period"] = column(days, "datetime64[D]");
  }
  add_counts(out, "", rows, &itself);
  return out;
}

py::dict trend_columns(const std::vector<st::Dimension>& dims, const std::vector<st::TrendRow>& rows) {
  const std::size_t n = rows.size();
  KeyColumns keys(dims.size(), n);
  std::vector<double> change(n);
  for (std::size_t i = 0; i < n; ++i) {
    keys.set(i, rows[i].key);
    change[i] = rows[i].change();
  }
  py::dict out;
  keys.add_to(out, dims);
  add_counts(out, "before_", rows, &before_of);
  add_counts(out, "after_", rows, &after_of);
  out["change"] = column(change, "float64");
  return out;
}

/// The compliance table of findings, counted without the GIL (Findings are immutable).
st::ComplianceTable compliance_of(const PyFindings& f, const std::vector<st::Dimension>& dims, st::Period period,
                                  const st::InstantRange& range) {
  py::gil_scoped_release release;
  return st::compliance(f.findings, dims, period, &f.zone, range);
}

py::dict compliance_py(const PyFindings& f, py::handle by, py::handle period, py::handle start, py::handle end) {
  const std::vector<st::Dimension> dims = dimensions_of(by);
  const st::Period p = period_of(period);
  const st::ComplianceTable t = compliance_of(f, dims, p, range_of(f, start, end));
  return compliance_columns(dims, p, t.rows);
}

py::dict worst_py(const PyFindings& f, py::handle by, std::size_t n, std::size_t min_checked, py::handle period,
                  py::handle start, py::handle end) {
  const std::vector<st::Dimension> dims = dimensions_of(by);
  const st::Period p = period_of(period);
  const st::ComplianceTable t = compliance_of(f, dims, p, range_of(f, start, end));
  std::vector<st::ComplianceRow> rows;
  {
    py::gil_scoped_release release;
    rows = st::worst(t, n, min_checked);
  }
  return compliance_columns(dims, p, rows);
}

py::dict trend_py(const PyFindings& f, py::handle by, py::handle before, py::handle after) {
  const std::vector<st::Dimension> dims = dimensions_of(by);
  const st::InstantRange b = range_pair(f, before, "before"), a = range_pair(f, after, "after");
  std::vector<st::TrendRow> rows;
  {
    py::gil_scoped_release release;
    rows = st::trend(f.findings, dims, b, a);
  }
  return trend_columns(dims, rows);
}

// ---- observations coming back from C++ -------------------------------------------------------

/// An observation read from a file or generated, as a charter.standard.Observation whose `at` is
/// naive local wall time of `zone` (fold=1 on the second occurrence of an ambiguous time), as
/// events read from files come back.
py::object observation_to_py(const st::Observation& o, const CalendarIndex& zone) {
  PyObservation p;
  p.data = o;
  p.data.at = ptime();  // PyObservation keeps its instant in `at` only (and compares by it)
  p.at = o.at.is_special() ? py::object(py::none()) : write_instant(detail::to_micros(o.at), instant_form(false), zone);
  return py::cast(std::move(p));
}

py::list observations_to_py(const std::vector<st::Observation>& v, const CalendarIndex& zone) {
  py::list out;
  for (const auto& o : v) out.append(observation_to_py(o, zone));
  return out;
}

/// Observations given to the writers (Observations, observation dicts or a DataFrame, as
/// evaluate() takes them), their instants read with `zone`.
std::vector<st::Observation> observations_for(py::handle observations, const calendar::BusinessCalendar& zone) {
  InstantReader reader{zone.index()};
  return read_observations(observations, reader);
}

// read_observations(path_or_text, calendar, format): the file or text read, in the GIL's absence
// (the same arguments and answers as charter.workflow.read_events).
py::tuple read_observations_py(py::handle source, const calendar::BusinessCalendar& zone, py::handle format) {
  const SourceArgument in = read_source(source, format, "read_observations", "observation");
  io::ObservationFileContents contents;
  {
    py::gil_scoped_release release;
    if (in.is_text) {
      contents = io::read_observation_text(in.text_or_path, *in.format, "<text>", zone);
    } else {
      const std::string& p = in.text_or_path;
      contents = in.format ? io::read_observation_text(read_whole_file(p), *in.format, p, zone)
                           : io::read_observation_file(p, zone);
    }
  }
  py::list observations, errors;
  for (const auto& o : contents.observations) observations.append(observation_to_py(o.observation, zone.index()));
  for (const auto& e : contents.errors) errors.append(py::make_tuple(e.line, e.column, e.message));
  return py::make_tuple(observations, errors);
}

// ---- standards -------------------------------------------------------------------------------

// A standard is pickled inside the smallest charter that rebuilds it (Standard does not keep the
// organisation it was checked against): its calendar under its id, and one role, its owner —
// accountable (A) for it when the spec names no owner, so that the owner resolves the same way.
py::bytes standard_bytes(const st::Standard& s) {
  std::map<std::string, calendar::BusinessCalendar> calendars;
  if (s.calendar()) calendars.emplace(s.spec().calendar, *s.calendar());
  org::Role owner;
  owner.id = s.owner();
  if (s.spec().owner.empty()) {
    owner.duties.push_back(org::Duty{"standard_owner", LocalizedText{},
                                     {org::Responsibility{{org::SubjectKind::standard, s.id()}, org::Raci::accountable}}});
  }
  org::OrganizationSpec spec;
  spec.roles.push_back(std::move(owner));
  const Charter holder(LocalizedText{}, std::move(calendars), org::Organization(std::move(spec)), {}, {s});
  return py::bytes(io::to_bytes(holder, io::ArchiveFormat::binary));
}

py::object rule_to_py(const st::Rule& rule) {
  return std::visit([](const auto& r) { return py::cast(r); }, rule);
}

std::string conditions_text(const std::vector<st::Condition>& when) {
  std::string out;
  for (const auto& c : when) out += (out.empty() ? "" : ", ") + c.text();
  return out;
}

py::list conditions(const std::vector<st::Condition>& when) {
  py::list out;
  for (const auto& c : when) out.append(py::cast(c));
  return out;
}

std::string quantity_text(const st::Quantity& q) {
  if (!q.field.empty()) return q.field;
  return q.from + " \u2192 " + q.to + (q.unit.empty() ? "" : " in " + q.unit);
}

std::string bounds_text(const st::Threshold& t) {
  if (t.at_least && t.at_most) return "between " + number_text(*t.at_least) + " and " + number_text(*t.at_most);
  if (t.at_most) return "at most " + number_text(*t.at_most);
  if (t.at_least) return "at least " + number_text(*t.at_least);
  return "unbounded";
}

template <class T>
void def_value_ops(py::class_<T>& cls) {
  cls.def("__eq__", [](const T& a, py::handle b) -> py::object {
    if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(a == b.cast<const T&>());
  });
  cls.attr("__hash__") = py::none();
}

// ---- phrases ---------------------------------------------------------------------------------

/// The UTF-8 bytes of a str (Python's own cached copy) or of bytes.
struct TextView {
  std::string_view bytes;
  bool is_str = true;
};

TextView text_view(py::handle text) {
  if (PyUnicode_Check(text.ptr())) {
    Py_ssize_t n = 0;
    const char* s = PyUnicode_AsUTF8AndSize(text.ptr(), &n);
    if (!s) throw py::error_already_set();
    return {std::string_view(s, static_cast<std::size_t>(n)), true};
  }
  if (PyBytes_Check(text.ptr())) {
    return {std::string_view(PyBytes_AS_STRING(text.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(text.ptr()))),
            false};
  }
  throw py::type_error("text must be a str or UTF-8 bytes, not " + type_name(text));
}

// Long texts are searched without the GIL (the caller's reference keeps the bytes alive).
template <class F>
auto searched(const TextView& t, F&& f) {
  if (t.bytes.size() >= (std::size_t{1} << 16)) {
    py::gil_scoped_release release;
    return f(t.bytes);
  }
  return f(t.bytes);
}

py::list hits_to_py(const std::vector<st::PhraseHit>& hits, py::handle text, const TextView& t) {
  py::list out;
  for (const auto& h : hits) {
    py::object slice;
    if (t.is_str) {
      slice = py::reinterpret_steal<py::object>(PyUnicode_Substring(
          text.ptr(), static_cast<Py_ssize_t>(h.char_begin), static_cast<Py_ssize_t>(h.char_end)));
      if (!slice) throw py::error_already_set();
    } else {
      slice = py::bytes(t.bytes.data() + h.begin, h.end - h.begin);
    }
    out.append(records().phrase_hit(h.phrase, h.char_begin, h.char_end, h.begin, h.end, slice));
  }
  return out;
}

}  // namespace

void bind_standard(py::module_& root) {
  py::module_ m = root.def_submodule(
      "standard", "Measurable service standards, observations, evaluate() and findings, the phrase matcher.");

  m.attr("_Record") = root.attr("workflow").attr("_Record");
  py::exec(kRecords, m.attr("__dict__"));
  Records& r = records();
  auto keep = [&](const char* name) {
    py::object o = m.attr(name);
    if (py::isinstance<py::type>(o)) o.attr("__module__") = "charter.standard";
    return o.release();
  };
  r.finding = keep("Finding");
  r.phrase_hit = keep("PhraseHit");
  r.findings_frame = keep("_findings_frame");
  r.aggregate_frame = keep("_aggregate_frame");

  py::enum_<st::Outcome> outcome(m, "Outcome", "What a standard found about one observation.");
  reduce_enum_by_value(outcome)
      .value("met", st::Outcome::met, "the rule holds")
      .value("not_met", st::Outcome::not_met, "the rule is broken")
      .value("not_applicable", st::Outcome::not_applicable,
             "in scope, but a `when` condition does not hold (or, for eligibility, nothing to refuse)")
      .value("invalid", st::Outcome::invalid, "a value the rule needs is missing or unreadable");

  // ---- the rule data ----
  py::class_<st::Condition> condition(m, "Condition", R"doc(
One fact about an observation that a standard tests: "rings ≥ 5", "size in [large]", "apology is
yes", "record_created_at present", "local_time ≥ 16:00".

subject is a field, a member ("kind", "channel", "staff", "unit", "id") or "local_time" (the time
of day on the standard's calendar). test is the charter file's name for the test: "at_least",
"at_most", "in", "not_in", "is_yes", "is_no", "present", "absent". number is the bound of
at_least / at_most (for local_time: seconds after midnight); values the list of in / not_in. A
missing subject makes every test false except "absent". text() (also str()) is the readable form.
)doc");
  condition.def_readonly("subject", &st::Condition::subject)
      .def_property_readonly("test", [](const st::Condition& c) { return st::test_name(c.test); })
      .def_readonly("number", &st::Condition::number)
      .def_property_readonly("values", [](const st::Condition& c) { return strings(c.values); })
      .def("text", &st::Condition::text, "\"rings ≥ 5\", \"size in [large, bulk]\", \"apology is yes\".")
      .def("__str__", &st::Condition::text)
      .def("__repr__", [](const st::Condition& c) { return "<charter.standard.Condition " + c.text() + ">"; });
  def_value_ops(condition);

  py::class_<st::Quantity> quantity(m, "Quantity", R"doc(
What a threshold measures: a number field (`field`), or the time from one instant to another
(`from_instant` → `to_instant`, each "at" or an instant field: the charter file's between: [from,
to]) in `unit` (seconds, minutes, hours, days). For a field, unit is a free label ("rings").
label names it in explanations (the field name when empty).
)doc");
  quantity.def_readonly("label", &st::Quantity::label)
      .def_readonly("field", &st::Quantity::field)
      .def_readonly("from_instant", &st::Quantity::from, "C++ Quantity::from (a Python keyword)")
      .def_readonly("to_instant", &st::Quantity::to, "C++ Quantity::to")
      .def_readonly("unit", &st::Quantity::unit)
      .def("__repr__", [](const st::Quantity& q) { return "<charter.standard.Quantity " + quantity_text(q) + ">"; });
  def_value_ops(quantity);

  py::class_<st::Threshold> threshold(m, "Threshold",
                                      "A quantity within bounds: at_least and/or at_most (None when not given).");
  threshold.def_readonly("quantity", &st::Threshold::quantity)
      .def_property_readonly("at_least", [](const st::Threshold& t) { return t.at_least; })
      .def_property_readonly("at_most", [](const st::Threshold& t) { return t.at_most; })
      .def("__repr__", [](const st::Threshold& t) {
        return "<charter.standard.Threshold " + quantity_text(t.quantity) + " " + bounds_text(t) + ">";
      });
  def_value_ops(threshold);

  py::class_<st::DeadlineChoice> choice(m, "DeadlineChoice",
                                        "A deadline rule (a charter.Deadline) used when every `when` condition holds "
                                        "(no conditions: always).");
  choice.def_property_readonly("when", [](const st::DeadlineChoice& c) { return conditions(c.when); })
      .def_readonly("rule", &st::DeadlineChoice::rule)
      .def("__repr__", [](const st::DeadlineChoice& c) {
        return "<charter.standard.DeadlineChoice " + c.rule.text() +
               (c.when.empty() ? "" : " when " + conditions_text(c.when)) + ">";
      });
  def_value_ops(choice);

  py::class_<st::DeadlineRule> deadline(m, "DeadlineRule", R"doc(
Done by a deadline: the instant field `done` is at or before the due instant of the first of
`rules` (DeadlineChoice) whose conditions hold, counted from `start` ("at" or an instant field)
on the standard's calendar. done_label names it in explanations.
)doc");
  deadline.def_readonly("start", &st::DeadlineRule::start)
      .def_readonly("done", &st::DeadlineRule::done)
      .def_readonly("done_label", &st::DeadlineRule::done_label)
      .def_property_readonly("rules", [](const st::DeadlineRule& d) { return d.rules; })
      .def("__repr__", [](const st::DeadlineRule& d) {
        return "<charter.standard.DeadlineRule " + d.done + " from " + d.start + ": " + std::to_string(d.rules.size()) +
               (d.rules.size() == 1 ? " rule>" : " rules>");
      });
  def_value_ops(deadline);

  py::class_<st::Obligation> obligation(m, "Obligation", "Conditions that must all hold (`require`).");
  obligation.def_property_readonly("require", [](const st::Obligation& o) { return conditions(o.require); })
      .def("__repr__", [](const st::Obligation& o) {
        return "<charter.standard.Obligation " + conditions_text(o.require) + ">";
      });
  def_value_ops(obligation);

  py::class_<st::RequiredFields> required(m, "RequiredFields", "Fields that must all be given.");
  required.def_property_readonly("fields", [](const st::RequiredFields& f) { return strings(f.fields); })
      .def("__repr__", [](const st::RequiredFields& f) {
        return "<charter.standard.RequiredFields " + joined(f.fields) + ">";
      });
  def_value_ops(required);

  py::class_<st::Phrases> phrases(m, "Phrases", R"doc(
The text field `field` holds none of the `forbidden` phrases and, when `required` is given, at
least one of those (compared as PhraseMatcher does: punctuation, spaces and width folded).
)doc");
  phrases.def_readonly("field", &st::Phrases::field)
      .def_property_readonly("forbidden", [](const st::Phrases& p) { return strings(p.forbidden); })
      .def_property_readonly("required", [](const st::Phrases& p) { return strings(p.required); })
      .def("__repr__", [](const st::Phrases& p) {
        return "<charter.standard.Phrases " + p.field + ": " + std::to_string(p.forbidden.size()) + " forbidden, " +
               std::to_string(p.required.size()) + " required>";
      });
  def_value_ops(phrases);

  py::class_<st::DistinctSigners> signers(m, "DistinctSigners",
                                          "The ';'-separated staff list `field` names at least `at_least` different "
                                          "staff (four eyes).");
  signers.def_readonly("field", &st::DistinctSigners::field)
      .def_readonly("at_least", &st::DistinctSigners::at_least)
      .def("__repr__", [](const st::DistinctSigners& d) {
        return "<charter.standard.DistinctSigners " + d.field + ": at least " + std::to_string(d.at_least) + ">";
      });
  def_value_ops(signers);

  py::class_<st::Rectification> rectification(m, "Rectification", R"doc(
When a unit's compliance with a standard raises a rectification notice (R-16): a rate strictly
below `below` over a `period` ("day", "week" or "month" of local dates) with at least
`min_checked` checks; the unit's written feedback is due by `deadline` after the notice, with
`severity` ("" for none). charter.workflow.standard_notices raises them.
)doc");
  rectification.def_readonly("below", &st::Rectification::below)
      .def_readonly("min_checked", &st::Rectification::min_checked)
      .def_property_readonly("period", [](const st::Rectification& r) { return st::period_name(r.period); })
      .def_readonly("deadline", &st::Rectification::deadline)
      .def_readonly("severity", &st::Rectification::severity)
      .def("__repr__", [](const st::Rectification& r) {
        return "<charter.standard.Rectification below " + number_text(r.below) + " a " + st::period_name(r.period) +
               ", feedback " + r.deadline.text() + ">";
      });
  def_value_ops(rectification);

  py::class_<st::Precondition> precondition(m, "Precondition",
                                            "The instant field `field` is given and at or before the observation's "
                                            "instant; label names it in explanations.");
  precondition.def_readonly("field", &st::Precondition::field)
      .def_readonly("label", &st::Precondition::label)
      .def("__repr__", [](const st::Precondition& p) { return "<charter.standard.Precondition " + p.field + ">"; });
  def_value_ops(precondition);

  py::class_<st::Exclusion> exclusion(m, "Exclusion",
                                      "Requests matching every `when` condition are outside the accepted scope, for "
                                      "`reason`.");
  exclusion.def_property_readonly("when", [](const st::Exclusion& e) { return conditions(e.when); })
      .def_readonly("reason", &st::Exclusion::reason)
      .def("__repr__", [](const st::Exclusion& e) {
        return "<charter.standard.Exclusion " + conditions_text(e.when) + ">";
      });
  def_value_ops(exclusion);

  py::class_<st::Eligibility> eligibility(m, "Eligibility", R"doc(
Requests outside the accepted scope must be refused: met when the yes/no field `accepted` says no
for a request an exclusion matches, not met when it says yes; not applicable when none matches.
)doc");
  eligibility.def_property_readonly("exclusions", [](const st::Eligibility& e) { return e.exclusions; })
      .def_readonly("accepted", &st::Eligibility::accepted)
      .def("__repr__", [](const st::Eligibility& e) {
        return "<charter.standard.Eligibility " + e.accepted + ": " + std::to_string(e.exclusions.size()) +
               (e.exclusions.size() == 1 ? " exclusion>" : " exclusions>");
      });
  def_value_ops(eligibility);

  // ---- the phrase matcher ----
  py::class_<st::PhraseMatcher> matcher(m, "PhraseMatcher", R"doc(
Forbidden phrases (服务忌语) found in a transcript or a note, each hit with its position.

Phrases and text are compared after folding: full-width ASCII becomes ASCII, ASCII letters
lower-case, and any run of punctuation and spaces (half- or full-width, CJK or Western, line
breaks) one separator; a phrase's leading and trailing separators are dropped. So "喂,干什么"
hits 喂,干什么, 喂，干什么 and 喂 干什么 but not 喂干什么. Every occurrence of every phrase is a
hit, overlapping ones included, ordered by end, then phrase index.

Offsets: find_all gives PhraseHit(phrase, start, end, byte_begin, byte_end, text); start/end
are character offsets (text[start:end] slices the str), byte_begin/byte_end offsets in its UTF-8
bytes. bytes may be searched too (invalid UTF-8 bytes count as one character each, as
bytes.decode("utf-8", "surrogateescape") counts them). Raises ParseError for a phrase that folds
to nothing. Immutable; == compares the phrase lists.

    >>> m = PhraseMatcher(["喂,干什么"])
    >>> [(h.start, h.end, h.text) for h in m.find_all("您好，喂，干什么？")]
    [(3, 8, '喂，干什么')]
)doc");
  matcher
      .def(py::init([](std::vector<std::string> phrases) { return st::PhraseMatcher(std::move(phrases)); }),
           py::arg("phrases") = std::vector<std::string>{})
      .def_property_readonly("phrases", [](const st::PhraseMatcher& pm) { return strings(pm.phrases()); },
                             "The phrases as given; a hit's `phrase` indexes this list.")
      .def(
          "find_all",
          [](const st::PhraseMatcher& pm, py::handle text) {
            const TextView t = text_view(text);
            const auto hits = searched(t, [&](std::string_view s) { return pm.find_all(s); });
            return hits_to_py(hits, text, t);
          },
          py::arg("text"), "Every hit in a str (or UTF-8 bytes): a list of PhraseHit, by end, then phrase index.")
      .def(
          "contains_any",
          [](const st::PhraseMatcher& pm, py::handle text) {
            return searched(text_view(text), [&](std::string_view s) { return pm.contains_any(s); });
          },
          py::arg("text"), "Whether any phrase hits; stops at the first hit.")
      .def(
          "count",
          [](const st::PhraseMatcher& pm, py::handle text) {
            return searched(text_view(text), [&](std::string_view s) { return pm.count(s); });
          },
          py::arg("text"), "How many hits find_all would give, without working out their positions.")
      .def("__len__", &st::PhraseMatcher::size)
      .def("__repr__",
           [](const st::PhraseMatcher& pm) {
             return "charter.standard.PhraseMatcher(" + std::string(py::repr(strings(pm.phrases()))) + ")";
           })
      .def("__reduce__", [](const py::object& self) {
        return py::make_tuple(self.attr("__class__"),
                              py::make_tuple(strings(self.cast<const st::PhraseMatcher&>().phrases())));
      });
  def_value_ops(matcher);
  m.def(
      "fold_phrase_text", [](const std::string& phrase) { return st::fold_phrase_text(phrase); }, py::arg("phrase"),
      "The folded form a phrase is matched as: separators written as one space, none at either end "
      "(\"喂，  干什么？\" → \"喂 干什么\", \"ＳＨＵＴ　ＵＰ\" → \"shut up\").");

  // ---- standards ----
  py::class_<st::Standard> standard(m, "Standard", R"doc(
One measurable service standard of a charter, as read-only data: "answer after two rings" (R-01),
"no forbidden phrase", "two people sign when the customer is absent". Take one from a charter
(Charter.standard(id), Charter.standards).

It applies to observations of `kinds` (and, when `channels` is not empty, only through those);
its `when` conditions narrow it further (an observation in scope for which one does not hold is
not applicable). `rule` is one of Threshold, DeadlineRule, Obligation, RequiredFields, Phrases,
DistinctSigners, Precondition, Eligibility; `kind` names it ("threshold", "deadline", ...: the
charter file's key). `owner` is the owning role (named in the charter file, or the role
accountable for the standard). `calendar` is the id of its calendar ("" when it uses none) and
`business_calendar` that calendar (None when none).

Pickles with what rebuilds it: its calendar and its owner role (not the whole charter).
)doc");
  standard.def_property_readonly("id", &st::Standard::id)
      .def_property_readonly("title", &st::Standard::title, py::return_value_policy::copy)
      .def_property_readonly("source", [](const st::Standard& s) { return s.spec().source; },
                             "Where the rule is written (\"S1 p1 ch1.1\").")
      .def_property_readonly("owner", &st::Standard::owner, py::return_value_policy::copy,
                             "The owner role's id (resolved through the RACI when the charter file names none).")
      .def_property_readonly("kinds", [](const st::Standard& s) { return strings(s.spec().kinds); })
      .def_property_readonly("channels", [](const st::Standard& s) { return strings(s.spec().channels); },
                             "[] = every channel")
      .def_property_readonly("when", [](const st::Standard& s) { return conditions(s.spec().when); },
                             "Conditions that must all hold, else not applicable.")
      .def_property_readonly("calendar", [](const st::Standard& s) { return s.spec().calendar; },
                             "The charter calendar's id; \"\" when the standard uses none.")
      .def_property_readonly("rectification", [](const st::Standard& s) { return s.spec().rectification; },
                             "When a low rate raises a rectification notice (a Rectification), or None.")
      .def_property_readonly(
          "business_calendar",
          [](const st::Standard& s) -> py::object {
            return s.calendar() ? py::cast(*s.calendar()) : py::object(py::none());
          },
          "The standard's BusinessCalendar, or None.")
      .def_property_readonly("kind", [](const st::Standard& s) { return st::rule_kind_name(s.kind()); },
                             "\"threshold\", \"deadline\", \"obligation\", \"required_fields\", \"phrases\", "
                             "\"distinct_signers\", \"precondition\" or \"eligibility\".")
      .def_property_readonly("rule", [](const st::Standard& s) { return rule_to_py(s.spec().rule); },
                             "The rule: a Threshold, DeadlineRule, Obligation, RequiredFields, Phrases, "
                             "DistinctSigners, Precondition or Eligibility.")
      .def_property_readonly(
          "forbidden_matcher",
          [](const st::Standard& s) -> py::object {
            return s.forbidden_matcher() ? py::cast(*s.forbidden_matcher()) : py::object(py::none());
          },
          "A phrases rule's compiled forbidden list (a PhraseMatcher), or None.")
      .def_property_readonly(
          "required_matcher",
          [](const st::Standard& s) -> py::object {
            return s.required_matcher() ? py::cast(*s.required_matcher()) : py::object(py::none());
          },
          "A phrases rule's compiled required list (a PhraseMatcher), or None.")
      .def("__repr__",
           [](const st::Standard& s) {
             return "<charter.standard.Standard '" + s.id() + "' " + st::rule_kind_name(s.kind()) + " (owner " +
                    s.owner() + ")>";
           })
      .def("__reduce__", [](const st::Standard& s) {
        return py::make_tuple(pickle_fn("standard_from_state"), py::make_tuple(1, standard_bytes(s), s.id()));
      });
  def_value_ops(standard);

  // ---- observations ----
  py::class_<PyObservation> observation(m, "Observation", R"doc(
One piece of real service, as it happened: a call answered, a visitor greeted, an order made up.

kind says what was observed ("call", "visit", "order", ...; required). at is when it happened,
kept as given — a datetime (naive: local wall time of the zone evaluate() reads with; aware:
exact), date-time text as event files hold it ("2025-10-09 10:00", "...+08:00", "...Z"), or None
when not known (every standard covering it then finds it invalid). id, staff, unit and channel
are text ("" when not known). fields maps names to values, converted to text as evaluate()
converts dict values (None/NaN/"" = not given, True → "yes", 4.0 → "4", datetimes as
"YYYY-MM-DD HH:MM:SS" wall time or with their offset). Immutable; compared by value.
Observation.from_dict(d) reads an observation dict (the keys evaluate() takes).
)doc");
  observation
      .def(py::init([](py::handle kind, py::handle at, py::handle id, py::handle staff, py::handle unit,
                       py::handle channel, py::handle fields) {
             PyObservation p;
             p.data.kind = member_text(kind);
             require_kind(p.data);
             p.at = in_context([] { return std::string("'at': "); }, [&] { return checked_at(at); });
             p.data.id = member_text(id);
             p.data.staff = member_text(staff);
             p.data.unit = member_text(unit);
             p.data.channel = member_text(channel);
             if (!fields.is_none()) {
               if (!is_mapping(fields)) throw py::type_error("fields must be a dict, not " + type_name(fields));
               each_item(fields, [&](py::handle k, py::handle v) { add_field(p.data, key_of(k), v); });
             }
             return p;
           }),
           py::arg("kind"), py::arg("at"), py::kw_only(), py::arg("id") = "", py::arg("staff") = "",
           py::arg("unit") = "", py::arg("channel") = "", py::arg("fields") = py::none())
      .def_static("from_dict", &py_observation_from_mapping, py::arg("d"),
                  "An Observation from an observation dict: 'kind', 'at', optional 'id', 'staff', 'unit', "
                  "'channel'; every other key is a field ('fields', a dict, adds fields too).")
      .def_property_readonly("kind", [](const PyObservation& p) { return p.data.kind; })
      .def_property_readonly("at", [](const PyObservation& p) { return p.at; }, "As given.")
      .def_property_readonly("id", [](const PyObservation& p) { return p.data.id; })
      .def_property_readonly("staff", [](const PyObservation& p) { return p.data.staff; })
      .def_property_readonly("unit", [](const PyObservation& p) { return p.data.unit; })
      .def_property_readonly("channel", [](const PyObservation& p) { return p.data.channel; })
      .def_property_readonly(
          "fields",
          [](const PyObservation& p) {
            py::dict out;
            for (const auto& f : p.data.fields) out[py::str(f.name)] = f.value;
            return out;
          },
          "{name: text} in the order given (a copy).")
      .def(
          "field",
          [](const PyObservation& p, const std::string& name) -> py::object {
            const std::string* v = p.data.field(name);
            return v ? py::object(py::str(*v)) : py::object(py::none());
          },
          py::arg("name"), "A field's text, or None when the observation does not carry it.")
      .def("__eq__",
           [](const PyObservation& a, py::handle other) -> py::object {
             if (!py::isinstance<PyObservation>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             const auto& b = other.cast<const PyObservation&>();
             return py::bool_(a.data == b.data && a.at.equal(b.at));
           })
      .def("__repr__",
           [](const PyObservation& p) {
             std::string s = "charter.standard.Observation(" + quote(p.data.kind) + ", " + std::string(py::repr(p.at));
             if (!p.data.id.empty()) s += ", id=" + quote(p.data.id);
             if (!p.data.staff.empty()) s += ", staff=" + quote(p.data.staff);
             if (!p.data.unit.empty()) s += ", unit=" + quote(p.data.unit);
             if (!p.data.channel.empty()) s += ", channel=" + quote(p.data.channel);
             if (!p.data.fields.empty()) {
               py::dict fields;
               for (const auto& f : p.data.fields) fields[py::str(f.name)] = f.value;
               s += ", fields=" + std::string(py::repr(fields));
             }
             return s + ")";
           })
      .def("__reduce__", [](const py::object& self) {
        const auto& p = self.cast<const PyObservation&>();
        py::dict fields;
        for (const auto& f : p.data.fields) fields[py::str(f.name)] = f.value;
        py::dict kwargs;
        kwargs["kind"] = p.data.kind;
        kwargs["at"] = p.at;
        kwargs["id"] = p.data.id;
        kwargs["staff"] = p.data.staff;
        kwargs["unit"] = p.data.unit;
        kwargs["channel"] = p.data.channel;
        kwargs["fields"] = fields;
        return keyword_reduction(self, kwargs);
      });
  observation.attr("__hash__") = py::none();

  // ---- findings ----
  py::class_<PyFindings> findings(m, "Findings", R"doc(
What evaluate() found: one row per (observation, standard covering it), in observation order and
then the charter's order of standards, held as columns.

len() is the number of rows; findings[i] (also row(i)) is a Finding, and iterating gives every
row. columns() gives numpy arrays, to_frame() a pandas DataFrame, explanation(i) one row's
one-line explanation. standards lists the standards the rows refer to, in the charter's order.

Instants: `at` is the observation's instant — local wall time of `zone` (the calendar evaluate()
read naive datetimes with) unless every instant came aware, in which case UTC; utc=True or
utc=False chooses. Immutable; pickles, and charter.save / charter.load keep them with their standards.
)doc");
  findings.def("__len__", [](const PyFindings& f) { return f.findings.size(); })
      .def_property_readonly("standards", [](const PyFindings& f) { return f.findings.standards(); },
                             "The standards rows refer to (standard_code indexes this list).")
      .def_property_readonly("zone", [](const PyFindings& f) { return f.zone; },
                             "The BusinessCalendar whose zone read naive datetimes and gives local instants.")
      .def(
          "columns",
          [](const PyFindings& f, bool explain, py::handle utc) { return findings_columns(f, explain, utc_of(f, utc)); },
          py::kw_only(), py::arg("explain") = false, py::arg("utc") = py::none(),
          R"doc(The rows as numpy columns (a dict of 1-D arrays, one entry per row).

observation (int64: the 0-based position of the observation in the input), observation_id
(object str; "" when it had none), standard (object str: the standard's id), standard_code
(uint16: index into `standards`), outcome (object str: "met", "not_met", "not_applicable",
"invalid"), outcome_code (uint8: the Outcome's value, in that order), measured and bound
(float64; NaN when the rule has no number), owner, staff, unit, channel (object str; "" when not
given), at (datetime64[us]; NaT when the observation had no instant), and with explain=True
explanation (object str; costly: one line built per row). at is local wall time of `zone`, or
UTC when utc=True (default: UTC only when every instant given was aware). Releases the GIL while
it converts instants and writes explanations.)doc")
      .def(
          "to_frame",
          [](const PyFindings& f, bool explain, py::handle utc) {
            const bool in_utc = utc_of(f, utc);
            std::vector<std::string> ids;
            for (const auto& s : f.findings.standards()) ids.push_back(s.id());
            std::vector<std::string> outcomes;
            for (st::Outcome o : kOutcomes) outcomes.emplace_back(st::outcome_name(o));
            return records().findings_frame(findings_columns(f, explain, in_utc), strings(ids), strings(outcomes),
                                            in_utc);
          },
          py::kw_only(), py::arg("explain") = false, py::arg("utc") = py::none(),
          "columns() as a pandas.DataFrame, one row per finding (a RangeIndex): `standard` and "
          "`outcome` are Categoricals (the standards in the charter's order; the four outcomes) in "
          "place of the code columns; with utc, `at` is tz-aware UTC. Needs pandas (ImportError "
          "otherwise).")
      .def(
          "row",
          [](const PyFindings& f, std::ptrdiff_t i, py::handle utc) {
            return finding_row(f, row_index(f, i), utc_of(f, utc));
          },
          py::arg("i"), py::kw_only(), py::arg("utc") = py::none(),
          "Row i (negative counts from the end) as a Finding; `at` is a naive local datetime of `zone`, "
          "or aware UTC as columns() decides. IndexError past the end.")
      .def(
          "__getitem__", [](const PyFindings& f, std::ptrdiff_t i) { return finding_row(f, row_index(f, i), f.aware); },
          py::arg("i"))
      .def(
          "explanation", [](const PyFindings& f, std::ptrdiff_t i) { return f.findings.explanation(row_index(f, i)); },
          py::arg("i"),
          "Row i's one-line explanation: \"CALL-2 R-01 not met: rings before answering 4, at most 2 allowed "
          "(owner cs_manager)\".")
      .def("__eq__",
           [](const PyFindings& a, py::handle other) -> py::object {
             if (!py::isinstance<PyFindings>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             return py::bool_(a.findings == other.cast<const PyFindings&>().findings);
           })
      .def("__repr__", [](const PyFindings& f) {
        std::size_t counts[4] = {0, 0, 0, 0};
        for (st::Outcome o : f.findings.outcome()) ++counts[static_cast<std::size_t>(o)];
        return "<charter.standard.Findings " + std::to_string(f.findings.size()) + " rows: " +
               std::to_string(counts[0]) + " met, " + std::to_string(counts[1]) + " not met, " +
               std::to_string(counts[2]) + " not applicable, " + std::to_string(counts[3]) + " invalid>";
      });
  // Pickled as their archive (io::to_bytes: the standards in a charter and every column) with
  // the zone they were read in and whether every instant came aware.
  findings.def("__reduce__", [](const PyFindings& f) {
    return py::make_tuple(pickle_fn("findings_from_state"),
                          py::make_tuple(1, py::bytes(io::to_bytes(f.findings)), py::bytes(io::to_bytes(f.zone)),
                                         f.aware));
  });
  m.def(
      "_findings_from_state",
      [](int version, const py::bytes& data, const py::bytes& zone, bool aware) {
        if (version != 1) {
          throw UnsupportedVersionError("pickled Findings have layout version " + std::to_string(version) +
                                        "; this build reads 1");
        }
        const std::string d = data, z = zone;
        io::Saved f = io::from_bytes(d, "pickled Findings");
        io::Saved c = io::from_bytes(z, "pickled Findings");
        if (!std::holds_alternative<st::Findings>(f) || !std::holds_alternative<calendar::BusinessCalendar>(c)) {
          throw CorruptFileError("pickled Findings hold something else");
        }
        return PyFindings{std::move(std::get<st::Findings>(f)), std::move(std::get<calendar::BusinessCalendar>(c)),
                          aware};
      },
      py::arg("version"), py::arg("data"), py::arg("zone"), py::arg("aware"));
  findings.attr("__hash__") = py::none();

  // ---- compliance: aggregates of the findings ----
  const char* const compliance_doc = R"doc(Compliance rates: the findings counted by dimensions and period, as numpy columns (a dict
of 1-D arrays, one entry per row).

by: one dimension or a sequence of them, in the order of the key — "standard" (the standard's
id), "owner" (its owner role), "staff", "unit", "channel" (the observation's; "" when not
given). () counts everything in one row. period: None (all together), "day", "week" (Monday to
Sunday) or "month": local dates on `zone`, so 23:59 on 31 October in the zone is October.
Findings of an observation without an instant are left out when a period is asked. start / end
keep only findings whose observation lies in [start, end) (naive: local wall time of `zone`;
aware: exact; None: open).

Columns: one per dimension named after it (object str), period (datetime64[D]: the first local
date of the day, week or month; only when a period is asked), met, not_met, not_applicable,
invalid, checked = met + not_met (int64) and rate = met / checked (float64; NaN when nothing was
checked: not applicable and invalid findings are not checks). Rows by key, in the order keys
first appear (standards in the charter's order), then by period. ValueError names the known
dimensions or periods for an unknown one. Releases the GIL while it counts.)doc";
  findings
      .def("compliance", &compliance_py, py::arg("by") = py::make_tuple("standard"), py::arg("period") = py::none(),
           py::kw_only(), py::arg("start") = py::none(), py::arg("end") = py::none(), compliance_doc)
      .def(
          "compliance_frame",
          [](const PyFindings& f, py::handle by, py::handle period, py::handle start, py::handle end) {
            return records().aggregate_frame(compliance_py(f, by, period, start, end), "compliance");
          },
          py::arg("by") = py::make_tuple("standard"), py::arg("period") = py::none(), py::kw_only(),
          py::arg("start") = py::none(), py::arg("end") = py::none(),
          "compliance(...) as a pandas.DataFrame, one row per key and period (a RangeIndex). Needs pandas "
          "(ImportError otherwise).")
      .def("worst", &worst_py, py::arg("by") = py::make_tuple("staff"), py::arg("n") = 5, py::arg("min_checked") = 1,
           py::arg("period") = py::none(), py::kw_only(), py::arg("start") = py::none(), py::arg("end") = py::none(),
           R"doc(The worst offenders: the n rows of compliance(by, period, start=, end=) with the lowest rate
among those with at least min_checked checks, worst first; among equal rates more breaches
(not_met) come first, then the table's order. The same columns as compliance().)doc")
      .def(
          "worst_frame",
          [](const PyFindings& f, py::handle by, std::size_t n, std::size_t min_checked, py::handle period,
             py::handle start, py::handle end) {
            return records().aggregate_frame(worst_py(f, by, n, min_checked, period, start, end), "worst");
          },
          py::arg("by") = py::make_tuple("staff"), py::arg("n") = 5, py::arg("min_checked") = 1,
          py::arg("period") = py::none(), py::kw_only(), py::arg("start") = py::none(), py::arg("end") = py::none(),
          "worst(...) as a pandas.DataFrame, worst first. Needs pandas (ImportError otherwise).")
      .def("trend", &trend_py, py::arg("by") = py::make_tuple("standard"), py::kw_only(), py::arg("before"),
           py::arg("after"),
           R"doc(How compliance changed between two ranges of instants, as numpy columns.

before, after: (start, end) pairs, [start, end) — naive local wall time of `zone` or aware; None
for an open end. Every key found in either range, in compliance()'s order, with one column per
dimension, before_met, before_not_met, before_not_applicable, before_invalid, before_checked
(int64), before_rate (float64), the same six after_..., and change = after_rate − before_rate
(float64; NaN when either range checked nothing for the key: no change can be said). A key
found in one range only has zero counts in the other. Releases the GIL while it counts.)doc")
      .def(
          "trend_frame",
          [](const PyFindings& f, py::handle by, py::handle before, py::handle after) {
            return records().aggregate_frame(trend_py(f, by, before, after), "trend");
          },
          py::arg("by") = py::make_tuple("standard"), py::kw_only(), py::arg("before"), py::arg("after"),
          "trend(...) as a pandas.DataFrame. Needs pandas (ImportError otherwise).");


  m.def(
      "evaluate",
      [](const Charter& c, py::handle observations, py::handle zone) {
        const calendar::BusinessCalendar& z = charter_zone(c, zone);
        InstantReader reader{z.index()};
        const std::vector<st::Observation> obs = read_observations(observations, reader);
        PyFindings out{st::Findings(), z, reader.all_aware()};
        {
          py::gil_scoped_release release;
          out.findings = st::evaluate(c, obs);
        }
        return out;
      },
      py::arg("charter"), py::arg("observations"), py::kw_only(), py::arg("zone") = py::none(),
      R"doc(Checks observations against the charter's standards: Findings.

observations: a list of observation dicts or Observations (mixed is fine), or a pandas DataFrame
whose columns are the dict keys. A dict has 'kind' and 'at' (a datetime, date-time text, or None
when not known) and optionally 'id', 'staff', 'unit', 'channel'; every other key is a field
({"kind": "call", "at": ..., "rings": 4, "apology": True}); a 'fields' dict adds fields too.
Values become text (None / NaN / NaT / "" = not given, True → "yes", 4.0 → "4", datetimes as
wall-clock text or with their offset). A DataFrame is read column by column.

zone: what reads naive datetimes in `at` — a BusinessCalendar or the id of one of the charter's
calendars; by default the charter's "office" calendar, else its only calendar (ValueError when it
has neither). An unknown id raises UnknownIdError.

A bad value inside an observation (rings "four", a made-up time that is not a time) is that row's
"invalid" finding, never an exception. What cannot be an observation at all raises, naming it as
observations[i]: a dict without 'kind' or 'at' (ValueError), a value of the wrong type
(TypeError), 'at' text that is not a date-time (ParseError), a naive 'at' in a spring-forward gap
(NonexistentTimeError). Releases the GIL while it evaluates.)doc");

  // ---- observation files ----
  m.def("read_observations", &read_observations_py, py::arg("path_or_text"), py::arg("calendar"),
        py::arg("format") = py::none(),
        R"doc(Reads an observation file (CSV or JSON Lines: docs/event-files.md, "Observation files")
without stopping at a bad line — as charter.workflow.read_events reads event files.

Returns (observations, errors): the Observations in file order, and for each line that is not an
observation a tuple (line, column, message) — 1-based, the line where a (CSV: multi-line) record
starts and the column in characters from that start. Raises ParseError only when the text cannot
be read as a whole (a bad CSV header, a missing kind or at column).

path_or_text: an os.PathLike is a path; a str is a path when `format` is None and file text when
it is given; bytes are UTF-8 text and need `format`. format: "csv" or "jsonl"; for a path it
overrides the extension (.csv, .jsonl, .ndjson). An `at` without an offset is local wall time of
`calendar`'s zone; observations come back with `at` a naive datetime, local wall time of that
zone. Releases the GIL.)doc");
  m.def(
      "write_observations",
      [](py::handle path, py::handle observations, const calendar::BusinessCalendar& zone) {
        const std::string p = path_of(path);
        const std::vector<st::Observation> v = observations_for(observations, zone);
        py::gil_scoped_release release;
        io::save_observation_file(p, v, zone);
      },
      py::arg("path"), py::arg("observations"), py::arg("calendar"),
      "Writes Observations (or observation dicts, or a DataFrame, as evaluate() takes them) to an "
      "observation file, its format by extension (.csv, .jsonl, .ndjson), replaced atomically: a "
      "crash leaves the old file or the new one. Naive `at` is local wall time of `calendar`'s "
      "zone; it is written with its UTC offset. Raises SerializationError naming an observation the "
      "format cannot carry (no instant, an empty CSV field, ...), FileError when it cannot write. "
      "read_observations(path, calendar) gives the same observations back.");
  m.def(
      "observations_to_text",
      [](py::handle observations, const std::string& format, const calendar::BusinessCalendar& zone) {
        const io::EventFormat f = format_named(format, "observation");
        const std::vector<st::Observation> v = observations_for(observations, zone);
        std::string text;
        {
          py::gil_scoped_release release;
          text = io::write_observations(v, f, zone);
        }
        return py::str(text);
      },
      py::arg("observations"), py::arg("format"), py::arg("calendar"),
      "write_observations into a str: format is \"csv\" or \"jsonl\". read_observations(text, "
      "calendar, format) gives the same observations back.");

  // ---- generated observations ----
  m.def(
      "observation_stream",
      [](const Charter& c, std::size_t observations, py::handle start, const time_duration& span, std::uint64_t seed,
         const std::string& id_prefix, py::handle zone) {
        if (start.is_none()) {
          throw py::type_error("observation_stream() needs start=<datetime>, the first possible instant "
                               "(naive: local wall time of the zone)");
        }
        const calendar::BusinessCalendar& z = charter_zone(c, zone);
        st::ObservationStreamOptions o;
        o.observations = observations;
        o.start = detail::from_micros(read_instant(start, z.index(), "start").utc);
        o.span = span;
        o.seed = seed;
        o.id_prefix = id_prefix;
        std::vector<st::Observation> v;
        {
          py::gil_scoped_release release;
          v = st::observation_stream(c, z, o);
        }
        return observations_to_py(v, z.index());
      },
      py::arg("charter"), py::arg("observations") = 1000, py::kw_only(), py::arg("start") = py::none(),
      py::arg("span") = time_duration(boost::posix_time::hours(24)), py::arg("seed") = 1,
      py::arg("id_prefix") = "OBS-", py::arg("zone") = py::none(),
      R"doc(A deterministic, realistic stream of observations for the built-in standards (or any
charter whose standards read the same kinds and fields): what the demo evaluates and the
benchmarks measure. A list of Observation sorted by instant.

The same arguments give the same observations on every platform. Instants are spread over
[start, start + span); most service meets the standards and every rule is broken now and then
(late answers without an apology, forbidden phrases, packings signed once, unreadable values).
Staff and units come from the charter's organisation. zone: a BusinessCalendar or the id of one
of the charter's calendars, chosen as evaluate() chooses it (default: "office"); a naive `start`
is local wall time of that zone (aware: converted), the observations come back with `at` naive
local wall time of it, and their instant fields are written in it — so evaluate them with the
same zone. ids are id_prefix + a zero-padded number. ValueError for a negative span.)doc");
}

}  // namespace charter::python
