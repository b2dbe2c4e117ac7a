#pragma once
// Dates as text: strictly "YYYY-MM-DD" (ISO 8601 extended), nothing lenient.
//
// Boost's own parsers accept "2024013" as 2024-01-03; charter files and messages use this
// strict form instead.

#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

namespace charter::calendar {

/// Parses "2025-10-01"; throws ParseError naming the text and the column that failed, or the
/// field that is out of range ("2024-02-30: day 30 is not in February 2024").
boost::gregorian::date parse_date(std::string_view text);

/// Parses "2025-10-01 17:30", "2025-10-01 17:30:05" or the same with 'T' between date and time
/// (a wall time: no zone suffix). Throws ParseError naming the text and the column.
boost::posix_time::ptime parse_date_time(std::string_view text);

/// "2025-10-01"; "not-a-date" for special values.
std::string format_date(const boost::gregorian::date& d);

}  // namespace charter::calendar
