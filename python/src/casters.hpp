#pragma once
// Every date and time conversion between Python and charter, with each decision written down.
//
//   boost::gregorian::date        ↔ datetime.date (a datetime is refused: it is not a date)
//   boost::posix_time::time_duration ↔ datetime.timedelta (microseconds, exact); also accepts a
//                                   numpy.timedelta64 scalar
//   instants                      — no generic caster: what a naive datetime means depends on the
//                                   calendar (wall time in *its* zone), so calendar methods convert
//                                   through PyInstant below with the calendar at hand.
// Instants:
//   - naive datetime  → local wall time in the calendar's zone; fold=1 picks the second
//     occurrence of an ambiguous time; a time in the spring-forward gap raises
//     NonexistentTimeError. Returned naive, in the same zone (fold set when it is the second
//     occurrence).
//   - aware datetime  → converted with its own utcoffset(); returned aware, converted back to the
//     same tzinfo with astimezone().
//   - anything else (date, str, None, numbers) → TypeError from pybind11's overload machinery.
// pybind11/chrono.h is not used: it converts through the host's local time and ignores tzinfo.

#include <Python.h>
#include <datetime.h>

#include <pybind11/pybind11.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/detail/calendar_index.hpp"
#include "charter/detail/instant.hpp"

namespace charter::python {

namespace py = pybind11;
using detail::Micros;

/// PyDateTimeAPI is static per translation unit: import it lazily wherever the macros are used.
inline void ensure_datetime_api() {
  if (!PyDateTimeAPI) {
    PyDateTime_IMPORT;
  }
}

// Days since 1970-01-01 ↔ proleptic Gregorian civil date (Howard Hinnant's algorithms): exact
// for every year Python can hold, with no exceptions from Boost's 1400..9999 range.
inline std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  int year;
  unsigned month, day;
};

inline Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

/// An instant read from Python, remembering the form it came in.
struct PyInstant {
  Micros utc = 0;
  py::object tzinfo;  ///< None for a naive input
  bool naive() const { return tzinfo.is_none(); }
};

/// Wall-clock fields of a datetime as microseconds since 1970-01-01 00:00 (no zone applied).
inline Micros wall_micros(PyObject* o) {
  const std::int64_t days = days_from_civil(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o),
                                            PyDateTime_GET_DAY(o));
  const std::int64_t secs = PyDateTime_DATE_GET_HOUR(o) * 3600 +
                            PyDateTime_DATE_GET_MINUTE(o) * 60 + PyDateTime_DATE_GET_SECOND(o);
  return (days * 86400 + secs) * detail::kMicrosPerSecond + PyDateTime_DATE_GET_MICROSECOND(o);
}

/// Reads a datetime for a calendar (see the policy above). Throws py::type_error for non-datetimes.
inline PyInstant read_instant(py::handle h, const detail::CalendarIndex& cal,
                              const char* what = "instant") {
  ensure_datetime_api();
  if (!PyDateTime_Check(h.ptr())) {
    throw py::type_error(std::string(what) + " must be a datetime.datetime, not " +
                         std::string(py::str(py::type::handle_of(h).attr("__name__"))));
  }
  PyInstant out;
  const Micros wall = wall_micros(h.ptr());
  // Most inputs are naive: skip the Python-level utcoffset() call when there is no tzinfo.
  const bool has_tz = PyDateTime_DATE_GET_TZINFO(h.ptr()) != Py_None;
  const py::object offset = has_tz ? h.attr("utcoffset")() : py::none();
  if (offset.is_none()) {
    out.tzinfo = py::none();
    out.utc = cal.local_to_utc(wall, PyDateTime_DATE_GET_FOLD(h.ptr()) == 1);
  } else {
    out.tzinfo = h.attr("tzinfo");
    const Micros off = (static_cast<Micros>(PyDateTime_DELTA_GET_DAYS(offset.ptr())) * 86400 +
                        PyDateTime_DELTA_GET_SECONDS(offset.ptr())) *
                           detail::kMicrosPerSecond +
                       PyDateTime_DELTA_GET_MICROSECONDS(offset.ptr());
    out.utc = wall - off;
  }
  return out;
}

/// A naive datetime from wall-clock microseconds.
inline py::object make_datetime(Micros wall, int fold = 0, PyObject* tz = Py_None) {
  ensure_datetime_api();
  Micros days = wall / detail::kMicrosPerDay;
  Micros rem = wall % detail::kMicrosPerDay;
  if (rem < 0) {
    rem += detail::kMicrosPerDay;
    --days;
  }
  const Civil c = civil_from_days(days);
  if (c.year < 1 || c.year > 9999) {
    throw InvalidTimeError("the result lies in year " + std::to_string(c.year) +
                           ", outside what Python's datetime can hold");
  }
  const Micros secs = rem / detail::kMicrosPerSecond;
  PyObject* o = PyDateTimeAPI->DateTime_FromDateAndTimeAndFold(
      c.year, static_cast<int>(c.month), static_cast<int>(c.day), static_cast<int>(secs / 3600),
      static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60),
      static_cast<int>(rem % detail::kMicrosPerSecond), tz, fold, PyDateTimeAPI->DateTimeType);
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

/// An instant back to Python in the form `like` came in.
inline py::object write_instant(Micros utc, const PyInstant& like,
                                const detail::CalendarIndex& cal) {
  if (like.naive()) {
    const Micros local = cal.utc_to_local(utc);
    // Mark the second occurrence of an ambiguous wall time, so it converts back exactly.
    const int fold = cal.local_lookup_earliest(local) != utc ? 1 : 0;
    return make_datetime(local, fold);
  }
  ensure_datetime_api();
  py::object as_utc = make_datetime(utc, 0, PyDateTime_TimeZone_UTC);
  return as_utc.attr("astimezone")(like.tzinfo);
}

/// Gives a py::enum_ a __reduce__ through its integer value: pybind11's own enum pickling aborts
/// the process under pickle protocols 0 and 1.
template <class Enum>
Enum& reduce_enum_by_value(Enum& e) {
  e.def("__reduce__", [](const py::object& self) {
    return py::make_tuple(self.attr("__class__"), py::make_tuple(py::int_(self)));
  });
  return e;
}

inline Micros timedelta_micros(PyObject* o) {
  return (static_cast<Micros>(PyDateTime_DELTA_GET_DAYS(o)) * 86400 +
          PyDateTime_DELTA_GET_SECONDS(o)) *
             detail::kMicrosPerSecond +
         PyDateTime_DELTA_GET_MICROSECONDS(o);
}

}  // namespace charter::python

namespace pybind11::detail {

template <>
struct type_caster<boost::posix_time::time_duration> {
  PYBIND11_TYPE_CASTER(boost::posix_time::time_duration, const_name("datetime.timedelta"));

  bool load(handle src, bool) {
    charter::python::ensure_datetime_api();
    if (PyDelta_Check(src.ptr())) {
      value = boost::posix_time::microseconds(charter::python::timedelta_micros(src.ptr()));
      return true;
    }
    // numpy.timedelta64 scalars: let numpy convert to a datetime.timedelta first.
    if (hasattr(src, "dtype") && hasattr(src, "astype")) {
      const std::string kind = str(src.attr("dtype").attr("kind"));
      if (kind == "m" && src.attr("ndim").cast<int>() == 0) {
        object td = src.attr("astype")("timedelta64[us]").attr("item")();
        if (PyDelta_Check(td.ptr())) {
          value = boost::posix_time::microseconds(charter::python::timedelta_micros(td.ptr()));
          return true;
        }
      }
    }
    return false;
  }

  static handle cast(const boost::posix_time::time_duration& d, return_value_policy, handle) {
    charter::python::ensure_datetime_api();
    charter::detail::require_finite(d, "duration");
    const long long us = d.total_microseconds();
    long long days = us / charter::detail::kMicrosPerDay;
    long long rem = us % charter::detail::kMicrosPerDay;
    if (rem < 0) {
      rem += charter::detail::kMicrosPerDay;
      --days;
    }
    return PyDelta_FromDSU(static_cast<int>(days), static_cast<int>(rem / 1000000),
                           static_cast<int>(rem % 1000000));
  }
};

template <>
struct type_caster<boost::gregorian::date> {
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

  bool load(handle src, bool) {
    charter::python::ensure_datetime_api();
    // A datetime is a date subclass in Python; refusing it keeps "date" meaning a calendar date.
    if (!PyDate_Check(src.ptr()) || PyDateTime_Check(src.ptr())) return false;
    const int y = PyDateTime_GET_YEAR(src.ptr());
    if (y < 1400) {
      throw value_error("date year " + std::to_string(y) + " is before 1400, which charter "
                        "cannot represent");
    }
    value = boost::gregorian::date(static_cast<unsigned short>(y),
                                   static_cast<unsigned short>(PyDateTime_GET_MONTH(src.ptr())),
                                   static_cast<unsigned short>(PyDateTime_GET_DAY(src.ptr())));
    return true;
  }

  static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
    charter::python::ensure_datetime_api();
    if (d.is_special()) throw value_error("not a real date");
    return PyDate_FromDate(static_cast<int>(d.year()), static_cast<int>(d.month()),
                           static_cast<int>(d.day()));
  }
};

}  // namespace pybind11::detail
