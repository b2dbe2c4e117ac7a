#pragma once
// Dates as text: strictly "YYYY-MM-DD" (ISO 8601 extended), nothing lenient.
//
// Boost's own parsers accept "2024013" as 2024-01-03; charter files and messages use this
// strict form instead.
//
// Instants in files (event files, docs/event-files.md) are date-times with an optional UTC
// offset: "2025-10-01 09:00", "2025-10-01T09:00:05.25+08:00", "2025-10-01 01:00Z". Without an
// offset the text is a local wall time and the reader's zone decides the instant; with one it
// is exact. Years are 1400..9999, like Boost's.
//
// Example:
//   OffsetDateTime t = parse_offset_date_time("2025-10-01T09:00:00+08:00");
//   t.utc();                                   // 2025-10-01 01:00 UTC
//   format_offset_date_time(t.wall, 480);      // "2025-10-01T09:00:00+08:00"

#include <cstddef>
#include <optional>
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

/// A date and time as written, with its UTC offset when one was written.
struct OffsetDateTime {
  boost::posix_time::ptime wall;      ///< the date and time as written, to the microsecond
  std::optional<int> offset_minutes;  ///< minutes east of UTC ("Z" is 0); none: a wall time

  /// wall − offset; requires an offset (throws std::logic_error without one).
  boost::posix_time::ptime utc() const;
};

/// Where and why a date-time text failed: 1-based column (in bytes) and the reason, e.g.
/// {6, "month 13 is not 01..12"}.
struct DateTimeProblem {
  std::size_t column = 0;
  std::string why;
};

/// Parses "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS" or the same with ".f" (1 to 6 digits of
/// fraction) after the seconds; 'T' or ' ' between date and time; then optionally "Z",
/// "±HH:MM" or "±HHMM" (offset hours 00..23, minutes 00..59). Nothing else: no date alone,
/// no surrounding spaces, no 24:00, no leap second 60, no lower-case 't' or 'z'. Throws
/// ParseError "date-time '…': why (column N)".
OffsetDateTime parse_offset_date_time(std::string_view text);

/// The same, reporting failure instead of throwing (for readers of millions of lines): true and
/// `out` set, or false and `problem` set. Allocates nothing on success.
bool try_parse_offset_date_time(std::string_view text, OffsetDateTime& out,
                                DateTimeProblem& problem);

/// "2025-10-01T09:00:00+08:00": 'T', seconds always, ".ffffff" only when the microseconds are
/// not zero, then the offset as ±HH:MM ("+00:00" for 0). |offset_minutes| must be < 1440 and
/// `wall` a real date-time (std::invalid_argument otherwise).
std::string format_offset_date_time(const boost::posix_time::ptime& wall, int offset_minutes);

/// "2025-10-01T01:00:00Z": the same for a UTC instant.
std::string format_utc_date_time(const boost::posix_time::ptime& utc);

/// "2025-10-01"; "not-a-date" for special values.
std::string format_date(const boost::gregorian::date& d);

/// A wall time as "2025-10-01 09:00:00" (seconds always, fractions never): what explanations
/// and fields written for people hold, and what parse_date_time reads back. "not-a-date-time"
/// for special values. Formatted by hand: Boost's stream formatting costs more than a status.
std::string format_wall(const boost::posix_time::ptime& wall);

}  // namespace charter::calendar
