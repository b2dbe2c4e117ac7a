#pragma once
// Opening hours: the open intervals of one day and of a week.
//
// An OpenInterval is a half-open span of local wall-clock time [start, end) measured in seconds
// from the local midnight of the day it belongs to. `end` may pass midnight: a night shift
// 22:00–06:00 is {79200, 108000} and belongs to the day on which it starts. A day's intervals
// are sorted, non-empty and do not overlap; "00:00"–"24:00" is a whole day, and whole days in a
// row make round-the-clock coverage (轮班制). Times are written "HH:MM" or "HH:MM:SS"; "24:00"
// is allowed only as an end.
//
// Example:
//   DayHours office = parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}});
//   WeeklySchedule week = WeeklySchedule::weekdays(office);   // Mon–Fri, weekend closed

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace charter::calendar {

/// Seconds in a day; intervals may run to twice this (an interval starts on its day).
inline constexpr long kSecondsPerDay = 86400;

/// A half-open span [start, end) of local wall time, in seconds from the owning day's midnight.
struct OpenInterval {
  long start = 0;  ///< 0 ≤ start < 86400
  long end = 0;    ///< start < end ≤ start + 86400; beyond 86400 means "on the next day"

  long length() const { return end - start; }
  friend bool operator==(const OpenInterval& a, const OpenInterval& b) {
    return a.start == b.start && a.end == b.end;
  }
  friend bool operator!=(const OpenInterval& a, const OpenInterval& b) { return !(a == b); }
};

/// The open intervals of one day, sorted by start; empty means closed.
using DayHours = std::vector<OpenInterval>;

/// Parses "HH:MM" or "HH:MM:SS" (00:00 ≤ t ≤ 24:00) into seconds from midnight.
/// Throws ParseError naming the text and the column that failed ("25:61" fails).
long parse_time_of_day(std::string_view text);

/// Formats seconds from midnight as "HH:MM" (or "HH:MM:SS" when seconds are not zero); values
/// past midnight read "+1d 06:00".
std::string format_time_of_day(long seconds);

/// Builds one interval from its start and end texts. An end at or before the start means the
/// interval crosses midnight ("22:00"–"06:00"); an end equal to the start is an empty interval
/// and is rejected (write "00:00"–"24:00" for a whole day).
OpenInterval make_interval(std::string_view start, std::string_view end);

/// Builds and validates a day's intervals (sorted, non-overlapping).
DayHours parse_day_hours(const std::vector<std::pair<std::string, std::string>>& intervals);

/// Throws CalendarError when the intervals are not sorted, empty, too long or overlapping.
/// `where` names the day in the message ("monday", "2025-09-28").
void validate_day_hours(const DayHours& hours, std::string_view where);

/// Lower-case English weekday names, indexed like boost::gregorian (0 = Sunday).
inline constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

/// Weekday index (0 = Sunday) of "mon", "monday", "Tue", …; throws ParseError otherwise.
int parse_weekday(std::string_view name);

/// The regular opening hours of each weekday, indexed like boost::gregorian (0 = Sunday).
struct WeeklySchedule {
  std::array<DayHours, 7> days;

  /// The same hours Monday to Friday; Saturday and Sunday closed.
  static WeeklySchedule weekdays(const DayHours& hours);
  /// The same hours every day of the week.
  static WeeklySchedule every_day(const DayHours& hours);
  /// Open round the clock (a shift system, 轮班制).
  static WeeklySchedule round_the_clock();

  const DayHours& operator[](int weekday) const { return days.at(static_cast<size_t>(weekday)); }
  bool is_closed_all_week() const;

  friend bool operator==(const WeeklySchedule& a, const WeeklySchedule& b) {
    return a.days == b.days;
  }
};

}  // namespace charter::calendar
