#pragma once
// CalendarSpec: everything that defines a business calendar, as plain data.
//
// A spec is what a charter file, a Python call or a saved archive describes; BusinessCalendar
// validates it and builds the index that answers questions. A spec is cheap to copy, compare and
// serialize; it holds no derived state.
//
// Hours on a date, in order of precedence:
//   1. a holiday (节假日) is closed all day;
//   2. an extra working day (调休上班, e.g. a Saturday) uses its own hours if given, otherwise
//      Monday's hours;
//   3. a date with special hours (a half day before a holiday) uses those hours;
//   4. any other date uses the weekly schedule.
// A date may appear in only one of holidays, extra_workdays and special_hours.
//
// The calendar covers the local dates [first_day, last_day]; questions whose answer needs time
// outside that range raise CalendarRangeError instead of guessing (a holiday table published
// through 2026 knows nothing about 2027).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "charter/calendar/opening_hours.hpp"

namespace charter::calendar {

/// A weekend or other closed date made a working day (调休上班).
struct ExtraWorkday {
  std::string name;               ///< why it is worked, e.g. "make-up day for National Day"
  std::optional<DayHours> hours;  ///< its hours; empty optional means Monday's hours

  friend bool operator==(const ExtraWorkday& a, const ExtraWorkday& b) {
    return a.name == b.name && a.hours == b.hours;
  }
};

struct CalendarSpec {
  std::string name;     ///< shown in explanations, e.g. "China (mainland), 09:00–18:30"
  std::string zone = "UTC";  ///< IANA zone name, e.g. "Asia/Shanghai"
  WeeklySchedule week;
  std::map<boost::gregorian::date, std::string> holidays;  ///< date → name ("National Day")
  std::map<boost::gregorian::date, ExtraWorkday> extra_workdays;
  std::map<boost::gregorian::date, DayHours> special_hours;  ///< half days and other short days
  boost::gregorian::date first_day{2000, 1, 1};   ///< first local date covered
  boost::gregorian::date last_day{2100, 12, 31};  ///< last local date covered
  /// Why the range ends where it does, appended to range errors
  /// ("the China holiday table ends on 2026-12-31").
  std::string range_note;

  friend bool operator==(const CalendarSpec& a, const CalendarSpec& b) {
    return a.name == b.name && a.zone == b.zone && a.week == b.week && a.holidays == b.holidays &&
           a.extra_workdays == b.extra_workdays && a.special_hours == b.special_hours &&
           a.first_day == b.first_day && a.last_day == b.last_day && a.range_note == b.range_note;
  }
  friend bool operator!=(const CalendarSpec& a, const CalendarSpec& b) { return !(a == b); }
};

/// Largest number of days a calendar may cover (about 400 years); bounds memory and archives.
inline constexpr long kMaxCalendarDays = 146100;

/// Most open intervals a calendar may hold over its whole range (about 44 MB of index). The day
/// and per-day bounds are sensible alone but not their product: 1440 intervals a day for 400
/// years is a 160 KB file whose index would need more than 9 GB.
inline constexpr std::uint64_t kMaxCalendarIntervals = 1'000'000;

/// Most open intervals the calendars of one charter may hold together (count_intervals summed
/// over them): a calendar near its own bound takes a few hundred bytes to describe and some 40 MB
/// to build, and a charter may name a thousand. Charter files and saved charters are refused
/// past it before any calendar is built.
inline constexpr std::uint64_t kMaxCharterCalendarIntervals = kMaxCalendarIntervals;

/// How many open intervals the calendar index of `spec` holds: for each date of
/// [first_day, last_day], the intervals that apply that day (precedence as above). An upper
/// bound: the index drops intervals wholly inside a spring-forward gap. Linear in the size of
/// the spec, not of the range, so it can be checked before anything is built.
std::uint64_t count_intervals(const CalendarSpec& spec);

/// A name that can only mean an entry of the tz database ("Asia/Shanghai", "Etc/GMT+8",
/// "America/Port-au-Prince", "UTC"): components of [A-Za-z0-9._+-] joined by '/', none empty or
/// starting with '.', at most 127 bytes. cctz would otherwise also accept "file:/any/path" (and
/// open it: a FIFO blocks forever), "libc:localtime" (the host's zone) and fixed offsets, none of
/// which belongs in a calendar that is saved and moved between machines.
bool is_tz_database_name(std::string_view zone);

}  // namespace charter::calendar
