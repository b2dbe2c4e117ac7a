#pragma once
// Event files: workflow events as CSV or JSON Lines, read line by line and written back.
//
// Meaning (the formats in full, with every message: docs/event-files.md):
//   - CSV is RFC 4180: comma-separated, cells quoted with '"' and '""' inside; quoted cells may
//     hold commas and line breaks. The first record is the header. Columns `case`, `at`,
//     `event` and `actor` are required, in any order; every other column is a field named by
//     its header, and an empty cell means the event does not carry that field.
//   - JSON Lines: one object per line, {"case": …, "at": …, "event": …, "actor": …,
//     "fields": {"name": "value", …}}; `fields` is optional, its values are strings (a number,
//     true or false is kept as its JSON text; null means the field is absent).
//   - `at` is "YYYY-MM-DD HH:MM[:SS[.ffffff]]" with 'T' or ' ', optionally followed by "Z",
//     "±HH:MM" or "±HHMM" (calendar::parse_offset_date_time). With an offset the instant is
//     exact. Without one it is local wall time in the zone of the `zone` calendar: a time in
//     the spring-forward gap is an error, one in the autumn overlap means its first occurrence.
//     Only the calendar's zone is used, so instants outside its date range are fine.
//   - Reading never stops at a bad line: every line (CSV: record) is either an event or an
//     error, reported in file order, so nothing after a bad line is lost. Errors carry the
//     1-based line where the line or record starts and a 1-based column counted in characters
//     (UTF-8 code points) from that start — through the line breaks of a multi-line CSV record.
//     Only a file that cannot be read as a whole throws ParseError "source:line:column: why":
//     a CSV header that is malformed, has an empty or repeated name, or lacks a required
//     column; text larger than kMaxEventFileBytes.
//   - Blank lines are skipped; CRLF and LF both end lines; a UTF-8 byte order mark at the very
//     start is skipped. Text must be UTF-8 (an error for the line that is not). An empty file,
//     and a CSV file holding only its header, have no events and no errors.
//   - Limits: a line (CSV: record) longer than kMaxEventLineBytes (1 MiB) is an error for that
//     line; text longer than kMaxEventFileBytes (4 GiB) is refused as a whole.
//   - Writing: write_events(events) read back with the same zone gives the same events, fields
//     in the same order. `at` is written as local wall time of the zone with its offset,
//     "2025-10-01T09:00:00+08:00" (".ffffff" only when the microseconds are not zero); in UTC
//     with "Z" when the local time cannot say it exactly (an offset with seconds, as local mean
//     time before about 1900 has, or a local year outside 1400..9999). The writer refuses,
//     with SerializationError naming the event, what the format could not read back: empty
//     case, event or actor, a field name that is empty or repeated, text that is not UTF-8,
//     and for CSV an empty field value, a field named like a required column, or two events
//     listing the same fields in opposite orders (CSV columns have one order).
//
// Example:
//   const auto cn = calendar::china_calendar();
//   io::read_events(text, io::EventFormat::csv, "events.csv", cn,
//                   [&](io::EventLine&& e) { tracker.apply(std::move(e.event)); },
//                   [&](io::EventLineError&& e) { log << io::describe(e, "events.csv"); });
//   io::save_event_file("out.jsonl", events, cn);   // {"case": "C-1", "at": "…+08:00", …}

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/workflow/event.hpp"

namespace charter::io {

/// A line (CSV: record) longer than this is an error for that line: 1 MiB.
inline constexpr std::size_t kMaxEventLineBytes = std::size_t{1} << 20;
/// Text longer than this is refused as a whole: 4 GiB.
inline constexpr std::uint64_t kMaxEventFileBytes = std::uint64_t{4} << 30;

/// An event and the 1-based line of the file where it starts.
struct EventLine {
  std::size_t line = 0;
  workflow::Event event;
};

/// A line that is not an event: where it starts, and why, e.g. {7, 10, "column 'at':
/// '2025-13-01 09:00' is not a date and time (month 13 is not 01..12)"}.
struct EventLineError {
  std::size_t line = 0;    ///< 1-based; for a multi-line CSV record, the line it starts on
  std::size_t column = 0;  ///< 1-based, in characters from the start of that line
  std::string message;     ///< names the column (CSV) or key (JSON) and why
};

/// "source:line:column: message", the way ParseError says it.
std::string describe(const EventLineError& error, std::string_view source);

enum class EventFormat {
  csv,    ///< RFC 4180 with a header; extension .csv
  jsonl,  ///< one JSON object per line; extension .jsonl or .ndjson
};

/// The format a path's extension names (case-insensitive): .csv → csv; .jsonl and .ndjson →
/// jsonl. Anything else throws ParseError naming the path and the known extensions.
EventFormat event_format_of(const std::string& path);

/// Reads every line of `text`, calling on_event for each event and on_error for each bad line,
/// in file order. `source` names the text in messages. Throws ParseError only when the text
/// cannot be read as a whole (see above); whatever the callbacks throw propagates.
void read_events(std::string_view text, EventFormat format, std::string_view source,
                 const calendar::BusinessCalendar& zone,
                 const std::function<void(EventLine&&)>& on_event,
                 const std::function<void(EventLineError&&)>& on_error);

/// Everything a file holds: its events and its bad lines, each in file order.
struct EventFileContents {
  std::vector<EventLine> events;
  std::vector<EventLineError> errors;
};

/// read_events into vectors.
EventFileContents read_event_text(std::string_view text, EventFormat format,
                                  std::string_view source, const calendar::BusinessCalendar& zone);

/// Reads a file, its format named by its extension. FileError when it cannot be read,
/// CorruptFileError when it is larger than kMaxEventFileBytes.
EventFileContents read_event_file(const std::string& path, const calendar::BusinessCalendar& zone);

/// The events as a file of the format: CSV with the header "case,at,event,actor" and then the
/// field columns in the order the events list them; JSON Lines one object per event, `fields`
/// left out when there are none. Lines end with "\n"; no byte order mark. SerializationError
/// for an event the format cannot carry (see above).
std::string write_events(const std::vector<workflow::Event>& events, EventFormat format,
                         const calendar::BusinessCalendar& zone);

/// write_events to a file, its format named by its extension, replaced atomically
/// (io::write_file_atomically): FileError when it cannot be written.
void save_event_file(const std::string& path, const std::vector<workflow::Event>& events,
                     const calendar::BusinessCalendar& zone);

}  // namespace charter::io
