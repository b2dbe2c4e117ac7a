#pragma once
// The built-in calendar of mainland China: Monday to Friday at the given hours, the official
// public holidays closed and the official make-up working days (调休上班) open, for the years the
// bundled table covers (data/calendars/china.yaml, from the State Council's annual notices).
//
// The calendar's range is exactly the table's years; asking about a later date raises
// CalendarRangeError saying where the table ends, because next year's days off are not known
// until the State Council publishes them.
//
// Example:
//   BusinessCalendar cn = china_calendar();   // 09:00–18:30, Asia/Shanghai, 2024–2026
//   BusinessCalendar lunch = china_calendar(parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}}));

#include <string>
#include <vector>

#include "charter/calendar/business_calendar.hpp"

namespace charter::calendar {

/// One festival of the table: its days off and the weekend days worked instead.
struct ChinaFestival {
  int year = 0;
  std::string name;   ///< English name, e.g. "National Day"
  std::string label;  ///< Chinese name, e.g. "国庆节"
  boost::gregorian::date first_off, last_off;
  std::vector<boost::gregorian::date> makeup;
};

/// The bundled table, parsed once (thread-safe); ParseError if the data file is malformed.
const std::vector<ChinaFestival>& china_festivals();

/// 09:00–18:30.
DayHours default_china_hours();

/// The calendar spec for the given hours and zone, built from the table.
CalendarSpec china_spec(const DayHours& hours = default_china_hours(),
                        const std::string& zone = "Asia/Shanghai");

/// The built-in China calendar (the calendar for the default hours is built once and shared).
BusinessCalendar china_calendar(const DayHours& hours = default_china_hours(),
                                const std::string& zone = "Asia/Shanghai");

}  // namespace charter::calendar
