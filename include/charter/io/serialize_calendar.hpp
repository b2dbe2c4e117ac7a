#pragma once
// Boost.Serialization of calendars and deadlines, kept apart from the model.
//
// Payloads are written field by field as primitives (no class information, no pointers, no
// tracking), so the layout is decided here and versioned by the envelope's schema_version.
// Every count and string length read back is checked against a bound and against the bytes
// left before anything is allocated; strings travel as binary objects, which Boost reads into
// a buffer we sized, never one it resized from the file. Strings must be valid UTF-8, on save as
// on load, so whatever loads can be saved again (and read by Python). The zone name and the
// index size are the calendar's own checks (calendar_spec.hpp), applied whatever the origin.

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/serialization/binary_object.hpp>
#include <boost/serialization/nvp.hpp>

#include "charter/calendar/calendar_spec.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/error.hpp"
#include "charter/localized_text.hpp"

namespace charter::io {

/// Schema versions of the payloads this build writes (and the newest it reads).
inline constexpr std::uint32_t kCalendarSchema = 1;
inline constexpr std::uint32_t kDeadlineSchema = 1;

inline constexpr std::uint32_t kMaxStringBytes = 4096;
inline constexpr std::uint32_t kMaxIntervalsPerDay = 1440;

namespace serial {

/// Well-formed UTF-8: no stray continuation bytes, overlong forms, surrogates or code points
/// past U+10FFFF. Every string field is text; Python, for one, cannot decode anything else.
inline bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07u;
    } else {
      return false;
    }
    if (s.size() - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += len;
  }
  return true;
}

template <class Ar>
void put_u32(Ar& ar, const char* name, std::uint32_t v) {
  ar << boost::serialization::make_nvp(name, v);
}
template <class Ar>
std::uint32_t get_u32(Ar& ar, const char* name) {
  std::uint32_t v = 0;
  ar >> boost::serialization::make_nvp(name, v);
  return v;
}
template <class Ar>
void put_i64(Ar& ar, const char* name, std::int64_t v) {
  ar << boost::serialization::make_nvp(name, v);
}
template <class Ar>
std::int64_t get_i64(Ar& ar, const char* name) {
  std::int64_t v = 0;
  ar >> boost::serialization::make_nvp(name, v);
  return v;
}

template <class Ar>
void put_count(Ar& ar, const char* name, std::size_t n) {
  put_u32(ar, name, static_cast<std::uint32_t>(n));
}
/// A count that must not exceed `limit`.
template <class Ar>
std::uint32_t get_count(Ar& ar, const char* name, std::uint32_t limit) {
  const std::uint32_t n = get_u32(ar, name);
  if (n > limit) {
    throw CorruptFileError(std::string("field '") + name + "' claims " + std::to_string(n) +
                           " entries; at most " + std::to_string(limit) + " are possible");
  }
  return n;
}

template <class Ar>
void put_string(Ar& ar, const char* name, const std::string& s) {
  if (s.size() > kMaxStringBytes) {
    throw SerializationError(std::string("field '") + name + "' is longer than " +
                             std::to_string(kMaxStringBytes) + " bytes and cannot be saved");
  }
  if (!is_utf8(s)) {
    throw SerializationError(std::string("field '") + name +
                             "' is not valid UTF-8 text and cannot be saved");
  }
  put_count(ar, name, s.size());
  ar << boost::serialization::make_nvp(
      "bytes", boost::serialization::make_binary_object(const_cast<char*>(s.data()), s.size()));
}
template <class Ar>
std::string get_string(Ar& ar, const char* name) {
  std::string s(get_count(ar, name, kMaxStringBytes), '\0');
  ar >> boost::serialization::make_nvp("bytes",
                                       boost::serialization::make_binary_object(s.data(), s.size()));
  if (!is_utf8(s)) {
    throw CorruptFileError(std::string("field '") + name + "' is not valid UTF-8 text");
  }
  return s;
}

template <class Ar>
void put_text(Ar& ar, const LocalizedText& t) {
  put_string(ar, "zh", t.zh);
  put_string(ar, "en", t.en);
}
template <class Ar>
LocalizedText get_text(Ar& ar) {
  LocalizedText t;
  t.zh = get_string(ar, "zh");
  t.en = get_string(ar, "en");
  return t;
}

template <class Ar>
void put_date(Ar& ar, const char* name, const boost::gregorian::date& d) {
  put_u32(ar, name,
          static_cast<std::uint32_t>(d.year() * 10000 + d.month().as_number() * 100 + d.day()));
}
template <class Ar>
boost::gregorian::date get_date(Ar& ar, const char* name) {
  const std::uint32_t v = get_u32(ar, name);
  const unsigned y = v / 10000, m = v / 100 % 100, d = v % 100;
  if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1 ||
      d > boost::gregorian::gregorian_calendar::end_of_month_day(
              static_cast<unsigned short>(y), static_cast<unsigned short>(m))) {
    throw CorruptFileError(std::string("field '") + name + "' holds " + std::to_string(v) +
                           ", which is not a date");
  }
  return boost::gregorian::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                                static_cast<unsigned short>(d));
}

template <class Ar>
void put_hours(Ar& ar, const char* name, const calendar::DayHours& hours) {
  put_count(ar, name, hours.size());
  for (const auto& iv : hours) {
    put_i64(ar, "start", iv.start);
    put_i64(ar, "end", iv.end);
  }
}
template <class Ar>
calendar::DayHours get_hours(Ar& ar, const char* name) {
  calendar::DayHours hours(get_count(ar, name, kMaxIntervalsPerDay));
  for (auto& iv : hours) {
    // Range checks happen when the calendar is rebuilt (validate_day_hours); here only keep
    // the numbers small enough to be seconds of a day.
    const std::int64_t s = get_i64(ar, "start"), e = get_i64(ar, "end");
    if (s < 0 || s > 2 * calendar::kSecondsPerDay || e < 0 || e > 2 * calendar::kSecondsPerDay) {
      throw CorruptFileError(std::string("field '") + name + "' holds an interval out of range");
    }
    iv.start = static_cast<long>(s);
    iv.end = static_cast<long>(e);
  }
  return hours;
}

}  // namespace serial

template <class Ar>
void save_spec(Ar& ar, const calendar::CalendarSpec& spec) {
  using namespace serial;
  put_string(ar, "name", spec.name);
  put_string(ar, "zone", spec.zone);
  put_string(ar, "range_note", spec.range_note);
  put_date(ar, "first_day", spec.first_day);
  put_date(ar, "last_day", spec.last_day);
  for (const auto& day : spec.week.days) put_hours(ar, "week_day", day);
  put_count(ar, "holidays", spec.holidays.size());
  for (const auto& [d, name] : spec.holidays) {
    put_date(ar, "date", d);
    put_string(ar, "name", name);
  }
  put_count(ar, "extra_workdays", spec.extra_workdays.size());
  for (const auto& [d, extra] : spec.extra_workdays) {
    put_date(ar, "date", d);
    put_string(ar, "name", extra.name);
    put_u32(ar, "has_hours", extra.hours ? 1 : 0);
    if (extra.hours) put_hours(ar, "hours", *extra.hours);
  }
  put_count(ar, "special_hours", spec.special_hours.size());
  for (const auto& [d, hours] : spec.special_hours) {
    put_date(ar, "date", d);
    put_hours(ar, "hours", hours);
  }
}

template <class Ar>
calendar::CalendarSpec load_spec(Ar& ar, std::uint32_t schema) {
  using namespace serial;
  if (schema != kCalendarSchema) {
    throw UnsupportedVersionError("calendar schema version " + std::to_string(schema) +
                                  " is not readable by this build (it reads version " +
                                  std::to_string(kCalendarSchema) + ")");
  }
  calendar::CalendarSpec spec;
  spec.name = get_string(ar, "name");
  spec.zone = get_string(ar, "zone");
  spec.range_note = get_string(ar, "range_note");
  spec.first_day = get_date(ar, "first_day");
  spec.last_day = get_date(ar, "last_day");
  for (auto& day : spec.week.days) day = get_hours(ar, "week_day");
  const auto max_days = static_cast<std::uint32_t>(calendar::kMaxCalendarDays);
  for (std::uint32_t i = 0, n = get_count(ar, "holidays", max_days); i < n; ++i) {
    const auto d = get_date(ar, "date");
    spec.holidays[d] = get_string(ar, "name");
  }
  for (std::uint32_t i = 0, n = get_count(ar, "extra_workdays", max_days); i < n; ++i) {
    const auto d = get_date(ar, "date");
    calendar::ExtraWorkday extra;
    extra.name = get_string(ar, "name");
    const std::uint32_t has = get_u32(ar, "has_hours");
    if (has > 1) throw CorruptFileError("field 'has_hours' is neither 0 nor 1");
    if (has) extra.hours = get_hours(ar, "hours");
    spec.extra_workdays[d] = std::move(extra);
  }
  for (std::uint32_t i = 0, n = get_count(ar, "special_hours", max_days); i < n; ++i) {
    const auto d = get_date(ar, "date");
    spec.special_hours[d] = get_hours(ar, "hours");
  }
  // The zone name and the size of the index are checked when the calendar is built from this
  // spec (BusinessCalendar validates every spec, whatever its origin), before cctz opens
  // anything and before the index is allocated.
  return spec;
}

template <class Ar>
void save_deadline(Ar& ar, const calendar::Deadline& d) {
  using namespace serial;
  put_u32(ar, "kind", static_cast<std::uint32_t>(d.kind()));
  put_i64(ar, "micros", d.duration().total_microseconds());
  put_i64(ar, "count", d.count());
}

template <class Ar>
calendar::Deadline load_deadline(Ar& ar, std::uint32_t schema) {
  using namespace serial;
  using calendar::Deadline;
  if (schema != kDeadlineSchema) {
    throw UnsupportedVersionError("deadline schema version " + std::to_string(schema) +
                                  " is not readable by this build (it reads version " +
                                  std::to_string(kDeadlineSchema) + ")");
  }
  const std::uint32_t kind = get_u32(ar, "kind");
  const std::int64_t micros = get_i64(ar, "micros");
  const std::int64_t count = get_i64(ar, "count");
  if (micros < 0 || micros > Deadline::kMaxSeconds * 1000000 || count < 0 ||
      count > Deadline::kMaxCount) {
    throw CorruptFileError("deadline amounts out of range");
  }
  const auto us = boost::posix_time::microseconds(micros);
  const int n = static_cast<int>(count);
  switch (static_cast<Deadline::Kind>(kind)) {
    case Deadline::Kind::clock: return Deadline::clock(us);
    case Deadline::Kind::business_time: return Deadline::business(us);
    case Deadline::Kind::business_days: return Deadline::business_days(n);
    case Deadline::Kind::calendar_days: return Deadline::calendar_days(n);
    case Deadline::Kind::months:
      if (n > Deadline::kMaxMonths) throw CorruptFileError("deadline months out of range");
      return Deadline::months(n);
    case Deadline::Kind::end_of_month: return Deadline::end_of_month();
  }
  throw CorruptFileError("unknown deadline kind " + std::to_string(kind));
}

}  // namespace charter::io
