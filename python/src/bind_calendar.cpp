// charter.BusinessCalendar and charter.calendars.china().

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <cstring>

#include "bindings.hpp"
#include "casters.hpp"
#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/china.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/detail/calendar_index.hpp"
#include "charter/error.hpp"
#include "charter/io/archive.hpp"

namespace charter::python {

namespace py = pybind11;
using calendar::BusinessCalendar;
using calendar::CalendarSpec;
using calendar::DayHours;
using detail::CalendarIndex;

namespace {

// ---- spec from Python values -------------------------------------------------------------

DayHours hours_from_py(py::handle intervals, const std::string& where) {
  if (py::isinstance<py::str>(intervals)) {
    throw py::type_error(where + ": expected a list of (start, end) pairs such as "
                         "[(\"09:00\", \"12:00\"), (\"13:30\", \"18:30\")], not a string");
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  for (py::handle item : intervals) {
    if (py::isinstance<py::str>(item) || py::len(item) != 2) {
      throw py::type_error(where + ": each interval must be a (start, end) pair of \"HH:MM\" "
                           "strings");
    }
    auto seq = py::reinterpret_borrow<py::sequence>(item);
    pairs.emplace_back(py::str(seq[0]).cast<std::string>(), py::str(seq[1]).cast<std::string>());
  }
  try {
    return calendar::parse_day_hours(pairs);
  } catch (const CalendarError& e) {
    throw CalendarError(where + ": " + e.what());
  } catch (const ParseError& e) {
    throw ParseError(where + ": " + e.what());
  }
}

py::list hours_to_py(const DayHours& hours) {
  py::list out;
  for (const auto& iv : hours) {
    const long end = iv.end > calendar::kSecondsPerDay ? iv.end - calendar::kSecondsPerDay : iv.end;
    out.append(py::make_tuple(calendar::format_time_of_day(iv.start),
                              calendar::format_time_of_day(end)));
  }
  return out;
}

boost::gregorian::date date_key(py::handle h, const char* what) {
  try {
    return h.cast<boost::gregorian::date>();
  } catch (const py::cast_error&) {
    throw py::type_error(std::string(what) + " keys must be datetime.date objects, not " +
                         std::string(py::str(py::type::handle_of(h).attr("__name__"))));
  }
}

CalendarSpec spec_from_py(const std::string& zone, py::object week, py::object holidays,
                          py::object extra_workdays, py::object special_hours,
                          const std::string& name, py::object first_day, py::object last_day) {
  CalendarSpec spec;
  spec.zone = zone;
  spec.name = name.empty() ? "calendar (" + zone + ")" : name;
  if (!week.is_none()) {
    for (auto [key, value] : week.cast<py::dict>()) {
      const int w = calendar::parse_weekday(py::str(key).cast<std::string>());
      spec.week.days[static_cast<size_t>(w)] =
          hours_from_py(value, std::string(calendar::kWeekdayNames[static_cast<size_t>(w)]));
    }
  }
  if (!holidays.is_none()) {
    if (py::isinstance<py::dict>(holidays)) {
      for (auto [key, value] : holidays.cast<py::dict>()) {
        spec.holidays[date_key(key, "holidays")] = py::str(value).cast<std::string>();
      }
    } else {
      for (py::handle d : holidays) spec.holidays[date_key(d, "holidays")] = "holiday";
    }
  }
  if (!extra_workdays.is_none()) {
    if (py::isinstance<py::dict>(extra_workdays)) {
      // {date: None | [(start, end), ...]}
      for (auto [key, value] : extra_workdays.cast<py::dict>()) {
        const auto d = date_key(key, "extra_workdays");
        calendar::ExtraWorkday extra;
        if (!value.is_none()) {
          extra.hours = hours_from_py(value, "extra working day " + calendar::format_date(d));
        }
        spec.extra_workdays[d] = std::move(extra);
      }
    } else {
      for (py::handle d : extra_workdays) {
        spec.extra_workdays[date_key(d, "extra_workdays")] =
            calendar::ExtraWorkday{"", std::nullopt};
      }
    }
  }
  if (!special_hours.is_none()) {
    for (auto [key, value] : special_hours.cast<py::dict>()) {
      const auto d = date_key(key, "special_hours");
      spec.special_hours[d] = hours_from_py(value, "special hours on " + calendar::format_date(d));
    }
  }
  if (!first_day.is_none()) spec.first_day = date_key(first_day, "first_day");
  if (!last_day.is_none()) spec.last_day = date_key(last_day, "last_day");
  return spec;
}

// ---- numpy datetime64 batches -------------------------------------------------------------

struct Unit {
  std::int64_t per_us_num = 1;  // value * num / den = microseconds
  std::int64_t per_us_den = 1;
  std::string name;
};

Unit unit_of(const py::array& a, char kind, const char* what) {
  const py::dtype dt = a.dtype();
  if (dt.kind() != kind) {
    throw py::type_error(std::string(what) + " must be a numpy " +
                         (kind == 'M' ? "datetime64" : "timedelta64") + " array, not dtype " +
                         std::string(py::str(py::object(dt))));
  }
  const std::string s = py::str(py::object(dt));  // e.g. "datetime64[s]"
  const auto open = s.find('['), close = s.find(']');
  const std::string unit = open == std::string::npos ? "" : s.substr(open + 1, close - open - 1);
  if (unit == "s") return {1000000, 1, unit};
  if (unit == "ms") return {1000, 1, unit};
  if (unit == "us") return {1, 1, unit};
  if (unit == "ns") return {1, 1000, unit};
  if (unit == "m") return {60000000, 1, unit};
  if (unit == "h") return {3600000000LL, 1, unit};
  if (unit == "D") return {86400000000LL, 1, unit};
  throw py::type_error(std::string(what) + ": unsupported unit '" + unit +
                       "' (use D, h, m, s, ms, us or ns)");
}

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

// Converts one element to microseconds; NaT and overflow raise (the caller adds the index).
std::int64_t element_micros(std::int64_t v, const Unit& u) {
  if (v == kNaT) {
    throw InvalidTimeError("NaT (not a time); drop or fill missing values first");
  }
  if (u.per_us_den != 1) {  // nanoseconds: floor to microseconds
    return v >= 0 ? v / u.per_us_den : -((-v + u.per_us_den - 1) / u.per_us_den);
  }
  std::int64_t r;
  if (__builtin_mul_overflow(v, u.per_us_num, &r)) {
    throw InvalidTimeError("out of the range of datetime64 arithmetic");
  }
  return r;
}

std::int64_t to_unit(std::int64_t us, const Unit& u) {
  if (u.per_us_den != 1) return us * u.per_us_den;
  // Floor, so a result is never reported later than it is.
  const std::int64_t q = us / u.per_us_num;
  return (us % u.per_us_num < 0) ? q - 1 : q;
}

// Re-raises a C++ error from element i with the same type and the index in the message.
[[noreturn]] void rethrow_at(size_t i, const char* what, std::exception_ptr p) {
  const std::string at = std::string(what) + "[" + std::to_string(i) + "]: ";
  try {
    std::rethrow_exception(p);
  } catch (const NonexistentTimeError& e) {
    throw NonexistentTimeError(at + e.what());
  } catch (const CalendarRangeError& e) {
    throw CalendarRangeError(at + e.what());
  } catch (const InvalidTimeError& e) {
    throw InvalidTimeError(at + e.what());
  }
}

py::array make_like(const py::array& a, const std::string& dtype) {
  return py::array(py::dtype(dtype), std::vector<py::ssize_t>{a.size()});
}

void require_1d(const py::array& a, const char* what) {
  if (a.ndim() != 1) {
    throw py::value_error(std::string(what) + " must be one-dimensional (got " +
                          std::to_string(a.ndim()) + " dimensions); use .ravel() first");
  }
}

// A contiguous int64 view of a datetime64/timedelta64 array (copies only when strided).
py::array_t<std::int64_t> int64_view(const py::array& a) {
  py::array c = py::array::ensure(a, py::array::c_style);
  return py::reinterpret_steal<py::array_t<std::int64_t>>(
      c.attr("view")("int64").release());
}

py::array add_many(const BusinessCalendar& cal, const py::array& times,
                   const boost::posix_time::time_duration& d) {
  require_1d(times, "times");
  const Unit u = unit_of(times, 'M', "times");
  const auto in = int64_view(times);
  py::array out = make_like(times, "datetime64[" + u.name + "]");
  const auto* src = in.data();
  auto* dst = static_cast<std::int64_t*>(out.mutable_data());
  const size_t n = static_cast<size_t>(times.size());
  const std::int64_t dus = detail::to_micros(d, "duration");
  const CalendarIndex& x = cal.index();
  {
    py::gil_scoped_release release;
    size_t i = 0;
    try {
      for (; i < n; ++i) {
        const std::int64_t local = element_micros(src[i], u);
        const std::int64_t utc = x.local_to_utc(local);
        x.require_in_range(utc, "instant");
        dst[i] = to_unit(x.utc_to_local(x.add(utc, dus)), u);
      }
    } catch (const Error&) {
      rethrow_at(i, "times", std::current_exception());
    }
  }
  return out;
}

py::array elapsed_many(const BusinessCalendar& cal, const py::array& a, const py::array& b) {
  require_1d(a, "a");
  require_1d(b, "b");
  if (a.size() != b.size()) {
    throw py::value_error("a and b must have the same length (" + std::to_string(a.size()) +
                          " and " + std::to_string(b.size()) + ")");
  }
  const Unit ua = unit_of(a, 'M', "a"), ub = unit_of(b, 'M', "b");
  const auto ia = int64_view(a), ib = int64_view(b);
  py::array out = make_like(a, "timedelta64[us]");
  const auto* pa = ia.data();
  const auto* pb = ib.data();
  auto* dst = static_cast<std::int64_t*>(out.mutable_data());
  const size_t n = static_cast<size_t>(a.size());
  const CalendarIndex& x = cal.index();
  const char* which = "a";
  {
    py::gil_scoped_release release;
    size_t i = 0;
    try {
      for (; i < n; ++i) {
        which = "a";
        const std::int64_t ta = x.local_to_utc(element_micros(pa[i], ua));
        which = "b";
        const std::int64_t tb = x.local_to_utc(element_micros(pb[i], ub));
        which = "a";
        x.require_in_range(ta, "start instant");
        which = "b";
        x.require_in_range(tb, "end instant");
        dst[i] = x.elapsed(ta, tb);
      }
    } catch (const Error&) {
      rethrow_at(i, which, std::current_exception());
    }
  }
  return out;
}

py::array is_open_many(const BusinessCalendar& cal, const py::array& times) {
  require_1d(times, "times");
  const Unit u = unit_of(times, 'M', "times");
  const auto in = int64_view(times);
  py::array_t<bool> out(times.size());
  const auto* src = in.data();
  bool* dst = out.mutable_data();
  const size_t n = static_cast<size_t>(times.size());
  const CalendarIndex& x = cal.index();
  {
    py::gil_scoped_release release;
    size_t i = 0;
    try {
      for (; i < n; ++i) {
        const std::int64_t t = x.local_to_utc(element_micros(src[i], u));
        x.require_in_range(t, "instant");
        const std::int32_t j = x.next_interval(t);
        dst[i] = j < x.intervals() && x.start[static_cast<size_t>(j)] <= t;
      }
    } catch (const Error&) {
      rethrow_at(i, "times", std::current_exception());
    }
  }
  return std::move(out);
}

// ---- scalar methods in the caller's form ---------------------------------------------------

template <class F>
py::object instant_op(const BusinessCalendar& cal, py::handle t, F&& f) {
  const PyInstant in = read_instant(t, cal.index());
  const detail::Micros result = f(in.utc);
  return write_instant(result, in, cal.index());
}

// Every calendar question needs an instant inside the calendar's range; checking here also
// keeps instants Boost cannot represent (years before 1400) from reaching ptime.
boost::posix_time::ptime as_ptime(const BusinessCalendar& cal, detail::Micros us) {
  cal.index().require_in_range(us, "instant");
  return detail::from_micros(us);
}

}  // namespace


void bind_calendar(py::module_& m) {
  py::class_<BusinessCalendar> c(m, "BusinessCalendar", R"doc(
When a service centre is open, and business-time arithmetic over it.

Immutable: a calendar never changes after construction and is safe to share between threads.
Open time is half-open: a centre that closes at 18:30 is closed at 18:30 sharp.

Naive datetimes are wall time in the calendar's zone and come back naive; aware datetimes are
converted and come back aware, in their own tzinfo.

Args:
    zone: IANA time-zone name ("Asia/Shanghai", "Europe/Berlin", "UTC").
    week: {"mon": [("09:00", "12:00"), ("13:30", "18:30")], ..., "sun": []}; missing days are
        closed. "22:00"-"06:00" crosses midnight; "00:00"-"24:00" is a whole day.
    holidays: {date: name} or an iterable of dates; closed all day.
    extra_workdays: an iterable of dates (worked with Monday's hours) or {date: None | hours}.
    special_hours: {date: hours}, e.g. a half day before a holiday.
    name: shown in explanations.
    first_day, last_day: the local dates covered (default 2000-01-01..2100-12-31). Questions
        outside raise CalendarRangeError.
)doc");
  c.def(py::init([](const std::string& zone, py::object week, py::object holidays,
                    py::object extra_workdays, py::object special_hours, const std::string& name,
                    py::object first_day, py::object last_day) {
          return BusinessCalendar(spec_from_py(zone, std::move(week), std::move(holidays),
                                               std::move(extra_workdays),
                                               std::move(special_hours), name,
                                               std::move(first_day), std::move(last_day)));
        }),
        py::kw_only(), py::arg("zone") = "UTC", py::arg("week") = py::none(),
        py::arg("holidays") = py::none(), py::arg("extra_workdays") = py::none(),
        py::arg("special_hours") = py::none(), py::arg("name") = "",
        py::arg("first_day") = py::none(), py::arg("last_day") = py::none());

  c.def_property_readonly("name", &BusinessCalendar::name)
      .def_property_readonly("zone", &BusinessCalendar::zone)
      .def_property_readonly("first_day", &BusinessCalendar::first_day)
      .def_property_readonly("last_day", &BusinessCalendar::last_day)
      .def_property_readonly(
          "week",
          [](const BusinessCalendar& cal) {
            py::dict out;
            for (int w = 1; w <= 7; ++w) {  // Monday first, as people read a week
              const int k = w % 7;
              out[py::str(std::string(calendar::kWeekdayNames[static_cast<size_t>(k)]).substr(0, 3))] =
                  hours_to_py(cal.spec().week[k]);
            }
            return out;
          },
          "The weekly schedule as {\"mon\": [(start, end), ...], ...} (a copy).")
      .def_property_readonly(
          "holidays",
          [](const BusinessCalendar& cal) {
            py::dict out;
            for (const auto& [d, name] : cal.spec().holidays) out[py::cast(d)] = name;
            return out;
          },
          "{date: name} of the closed days (a copy).")
      .def_property_readonly(
          "extra_workdays",
          [](const BusinessCalendar& cal) {
            py::dict out;
            for (const auto& [d, extra] : cal.spec().extra_workdays) {
              out[py::cast(d)] = extra.hours ? py::object(hours_to_py(*extra.hours)) : py::none();
            }
            return out;
          },
          "{date: hours or None} of the make-up working days (a copy).")
      .def_property_readonly(
          "special_hours",
          [](const BusinessCalendar& cal) {
            py::dict out;
            for (const auto& [d, hours] : cal.spec().special_hours) {
              out[py::cast(d)] = hours_to_py(hours);
            }
            return out;
          },
          "{date: hours} of the days with their own hours (a copy).");

  c.def(
       "is_open",
       [](const BusinessCalendar& cal, py::handle t) {
         return cal.is_open(as_ptime(cal, read_instant(t, cal.index()).utc));
       },
       py::arg("t"), "Is the centre open at t?")
      .def(
          "next_open",
          [](const BusinessCalendar& cal, py::handle t) {
            return instant_op(cal, t, [&](detail::Micros us) {
              return detail::to_micros(cal.next_open(as_ptime(cal, us)));
            });
          },
          py::arg("t"), "The earliest instant >= t at which the centre is open.")
      .def(
          "next_close",
          [](const BusinessCalendar& cal, py::handle t) {
            return instant_op(cal, t, [&](detail::Micros us) {
              return detail::to_micros(cal.next_close(as_ptime(cal, us)));
            });
          },
          py::arg("t"), "The earliest instant >= t at which the centre closes.")
      .def(
          "add",
          [](const BusinessCalendar& cal, py::handle t,
             const boost::posix_time::time_duration& d) {
            return instant_op(cal, t, [&](detail::Micros us) {
              return detail::to_micros(cal.add(as_ptime(cal, us), d));
            });
          },
          py::arg("t"), py::arg("d"),
          "t plus d of business time: the earliest instant at which d of open time has elapsed "
          "since t (a negative d goes back).")
      .def(
          "elapsed",
          [](const BusinessCalendar& cal, py::handle a, py::handle b) {
            return cal.elapsed(as_ptime(cal, read_instant(a, cal.index(), "a").utc),
                               as_ptime(cal, read_instant(b, cal.index(), "b").utc));
          },
          py::arg("a"), py::arg("b"), "Business time from a to b (negative when b < a).")
      .def(
          "business_day_of",
          [](const BusinessCalendar& cal, py::handle t) {
            return cal.business_day_of(as_ptime(cal, read_instant(t, cal.index()).utc));
          },
          py::arg("t"), "The local date on which work at t happens.")
      .def(
          "add_business_days",
          [](const BusinessCalendar& cal, py::handle t, int n) {
            return instant_op(cal, t, [&](detail::Micros us) {
              return detail::to_micros(cal.add_business_days(as_ptime(cal, us), n));
            });
          },
          py::arg("t"), py::arg("n"),
          "Close of business of the business day n business days after business_day_of(t).")
      .def(
          "business_days_between",
          [](const BusinessCalendar& cal, py::handle a, py::handle b) {
            return cal.business_days_between(as_ptime(cal, read_instant(a, cal.index(), "a").utc),
                                             as_ptime(cal, read_instant(b, cal.index(), "b").utc));
          },
          py::arg("a"), py::arg("b"), "How many business days close in (a, b].")
      .def("is_business_day", &BusinessCalendar::is_business_day, py::arg("day"),
           "Does the local date have open time?")
      .def(
          "hours_on",
          [](const BusinessCalendar& cal, const boost::gregorian::date& d) {
            return hours_to_py(cal.hours_on(d));
          },
          py::arg("day"), "The local opening hours of a date as [(start, end), ...].")
      .def("describe_day", &BusinessCalendar::describe_day, py::arg("day"),
           "Why a date has its hours (\"holiday: National Day\", \"weekend\", ...).")
      .def(
          "closed_spans",
          [](const BusinessCalendar& cal, py::handle a, py::handle b) {
            const PyInstant ia = read_instant(a, cal.index(), "a");
            const PyInstant ib = read_instant(b, cal.index(), "b");
            py::list out;
            for (const auto& s : cal.closed_spans(as_ptime(cal, ia.utc), as_ptime(cal, ib.utc))) {
              out.append(py::make_tuple(write_instant(detail::to_micros(s.begin), ia, cal.index()),
                                        write_instant(detail::to_micros(s.end), ia, cal.index()),
                                        s.reason));
            }
            return out;
          },
          py::arg("a"), py::arg("b"),
          "Closed stretches between a and b as [(begin, end, reason), ...].")
      .def("add_many", &add_many, py::arg("times"), py::arg("d"),
           "add() over a numpy datetime64 array of local wall times; returns the same unit. "
           "Releases the GIL. NaT and nonexistent wall times raise, naming the index.")
      .def("elapsed_many", &elapsed_many, py::arg("a"), py::arg("b"),
           "elapsed() over two datetime64 arrays of local wall times; returns timedelta64[us].")
      .def("is_open_many", &is_open_many, py::arg("times"),
           "is_open() over a datetime64 array of local wall times; returns a bool array.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__",
           [](const BusinessCalendar& cal) {
             return "<charter.BusinessCalendar '" + cal.name() + "' " + cal.zone() + " " +
                    calendar::format_date(cal.first_day()) + ".." +
                    calendar::format_date(cal.last_day()) + ">";
           })
      // __reduce__ rather than py::pickle: pybind11's __getstate__/__setstate__ path aborts the
      // process under pickle protocols 0 and 1 (copyreg cannot allocate a pybind11 instance).
      .def("__reduce__", [](const BusinessCalendar& cal) {
        return py::make_tuple(
            py::module_::import("charter._pickle").attr("calendar_from_state"),
            py::make_tuple(1, py::bytes(io::to_bytes(cal, io::ArchiveFormat::binary))));
      });
  m.def(
      "_calendar_from_state",
      [](int version, const py::bytes& data) {
        if (version != 1) {
          throw UnsupportedVersionError("pickled BusinessCalendar has layout version " +
                                        std::to_string(version) + "; this build reads 1");
        }
        auto saved = io::from_bytes(std::string(data), "<pickle>");
        if (auto* cal = std::get_if<BusinessCalendar>(&saved)) return *cal;
        throw CorruptFileError("<pickle>: does not hold a BusinessCalendar");
      },
      py::arg("version"), py::arg("data"));

  py::module_ calendars = m.def_submodule("calendars", "Built-in calendars.");
  calendars.def(
      "china",
      [](py::object hours, const std::string& zone) {
        if (hours.is_none()) return calendar::china_calendar(calendar::default_china_hours(), zone);
        return calendar::china_calendar(hours_from_py(hours, "hours"), zone);
      },
      py::kw_only(), py::arg("hours") = py::none(), py::arg("zone") = "Asia/Shanghai",
      R"doc(The built-in calendar of mainland China.

Monday to Friday at `hours` (default 09:00-18:30), the official public holidays closed and the
official make-up working days (调休上班) open, for the years the bundled table covers
(2024-2026). Asking about a later date raises CalendarRangeError saying where the table ends.
)doc");
  calendars.def(
      "china_festivals",
      []() {
        py::list out;
        for (const auto& f : calendar::china_festivals()) {
          py::dict d;
          d["year"] = f.year;
          d["name"] = f.name;
          d["label"] = f.label;
          d["first_off"] = py::cast(f.first_off);
          d["last_off"] = py::cast(f.last_off);
          py::list makeup;
          for (const auto& day : f.makeup) makeup.append(py::cast(day));
          d["makeup"] = makeup;
          out.append(d);
        }
        return out;
      },
      "The bundled China table: one dict per festival (year, name, label, first_off, last_off, "
      "makeup).");
}

}  // namespace charter::python
