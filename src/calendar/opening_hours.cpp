#include "charter/calendar/opening_hours.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "charter/error.hpp"

namespace charter::calendar {
namespace {

[[noreturn]] void bad_time(std::string_view text, size_t column, const char* why) {
  throw ParseError("time of day '" + std::string(text) + "': " + why + " at column " +
                   std::to_string(column + 1) + " (expected HH:MM or HH:MM:SS, 00:00–24:00)");
}

// Reads exactly two digits at text[at]; fails with the column otherwise.
int two_digits(std::string_view text, size_t at) {
  if (at + 2 > text.size() || !std::isdigit(static_cast<unsigned char>(text[at])) ||
      !std::isdigit(static_cast<unsigned char>(text[at + 1]))) {
    bad_time(text, std::min(at, text.size()), "expected two digits");
  }
  return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

}  // namespace

long parse_time_of_day(std::string_view text) {
  const int hh = two_digits(text, 0);
  if (text.size() < 3 || text[2] != ':') bad_time(text, 2, "expected ':'");
  const int mm = two_digits(text, 3);
  int ss = 0;
  if (text.size() > 5) {
    if (text[5] != ':') bad_time(text, 5, "expected ':' or the end");
    ss = two_digits(text, 6);
    if (text.size() > 8) bad_time(text, 8, "unexpected text");
  }
  if (hh > 24) bad_time(text, 0, "hour out of range");
  if (mm > 59) bad_time(text, 3, "minute out of range");
  if (ss > 59) bad_time(text, 6, "second out of range");
  if (hh == 24 && (mm != 0 || ss != 0)) bad_time(text, 0, "only 24:00 may use hour 24");
  return hh * 3600L + mm * 60L + ss;
}

std::string format_time_of_day(long seconds) {
  std::string prefix;
  if (seconds > kSecondsPerDay) {
    prefix = "+1d ";
    seconds -= kSecondsPerDay;
  }
  char buf[64];
  const long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
  if (s != 0) {
    std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", h, m, s);
  } else {
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", h, m);
  }
  return prefix + buf;
}

OpenInterval make_interval(std::string_view start, std::string_view end) {
  OpenInterval iv{parse_time_of_day(start), parse_time_of_day(end)};
  if (iv.start == kSecondsPerDay) {
    throw ParseError("interval " + std::string(start) + "–" + std::string(end) +
                     ": 24:00 can only end an interval");
  }
  if (iv.end == iv.start) {
    throw CalendarError("interval " + std::string(start) + "–" + std::string(end) +
                        " is empty (start equals end; write 00:00–24:00 for a whole day)");
  }
  if (iv.end < iv.start) iv.end += kSecondsPerDay;  // crosses midnight: ends on the next day
  return iv;
}

void validate_day_hours(const DayHours& hours, std::string_view where) {
  for (size_t i = 0; i < hours.size(); ++i) {
    const OpenInterval& iv = hours[i];
    const std::string text =
        format_time_of_day(iv.start) + "–" + format_time_of_day(iv.end);
    if (iv.start < 0 || iv.start >= kSecondsPerDay) {
      throw CalendarError(std::string(where) + ": interval " + text +
                          " must start between 00:00 and 24:00");
    }
    if (iv.end <= iv.start) {
      throw CalendarError(std::string(where) + ": interval " + text + " is empty");
    }
    if (iv.end - iv.start > kSecondsPerDay) {
      throw CalendarError(std::string(where) + ": interval " + text + " is longer than a day");
    }
    if (i > 0 && hours[i - 1].end > iv.start) {
      throw CalendarError(std::string(where) + ": interval " +
                          format_time_of_day(hours[i - 1].start) + "–" +
                          format_time_of_day(hours[i - 1].end) + " overlaps " + text +
                          (hours[i - 1].start > iv.start ? " (intervals must be sorted)" : ""));
    }
  }
}

DayHours parse_day_hours(const std::vector<std::pair<std::string, std::string>>& intervals) {
  DayHours hours;
  hours.reserve(intervals.size());
  for (const auto& [s, e] : intervals) hours.push_back(make_interval(s, e));
  std::sort(hours.begin(), hours.end(),
            [](const OpenInterval& a, const OpenInterval& b) { return a.start < b.start; });
  validate_day_hours(hours, "opening hours");
  return hours;
}

int parse_weekday(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 7; ++i) {
    const std::string_view full = kWeekdayNames[static_cast<size_t>(i)];
    if (lower == full || lower == full.substr(0, 3)) return i;
  }
  throw ParseError("'" + std::string(name) + "' is not a weekday (use mon, tue, … or monday, …)");
}

WeeklySchedule WeeklySchedule::weekdays(const DayHours& hours) {
  WeeklySchedule w;
  for (int d = 1; d <= 5; ++d) w.days[static_cast<size_t>(d)] = hours;
  return w;
}

WeeklySchedule WeeklySchedule::every_day(const DayHours& hours) {
  WeeklySchedule w;
  w.days.fill(hours);
  return w;
}

WeeklySchedule WeeklySchedule::round_the_clock() {
  return every_day(DayHours{OpenInterval{0, kSecondsPerDay}});
}

bool WeeklySchedule::is_closed_all_week() const {
  return std::all_of(days.begin(), days.end(), [](const DayHours& h) { return h.empty(); });
}

}  // namespace charter::calendar
