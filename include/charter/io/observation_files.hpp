#pragma once
// Observation files: observations of real service (standard::Observation) as CSV or JSON Lines,
// read line by line and written back — the same forms as event files (io/event_files.hpp), with
// the observation's own columns.
//
// Meaning (the formats in full, with every message: docs/event-files.md, "Observation files"):
//   - CSV: the header needs the columns `kind` and `at`, in any order; `id`, `staff`, `unit` and
//     `channel` are optional columns, and an empty cell in one means an empty member. Every
//     other column is a field named by its header; an empty cell means the observation does not
//     carry that field.
//   - JSON Lines: one object per line, {"kind": …, "at": …, "id": …, "staff": …, "unit": …,
//     "channel": …, "fields": {"name": "value", …}}; `kind` and `at` are required strings, the
//     other members optional strings (null or "" means empty), `fields` as for events (a number,
//     true or false is kept as its JSON text; null means the field is absent).
//   - Everything else is as for events: `at` is exact with an offset and local wall time in the
//     zone of the `zone` calendar without one (a time in the spring-forward gap is an error, one
//     in the autumn overlap its first occurrence); a bad line is an EventLineError with its line,
//     column and why, and reading goes on; only an unusable CSV header or text larger than
//     kMaxEventFileBytes throws ParseError; blank lines, CRLF and a byte order mark are fine; an
//     empty file and a header-only CSV file have no observations and no errors; a line (CSV:
//     record) longer than kMaxEventLineBytes is an error for that line.
//   - Writing: write_observations(observations) read back with the same zone gives the same
//     observations, fields in the same order. `at` is written as for events. CSV writes the
//     columns kind, at, then id, staff, unit and channel when some observation has one, then
//     the fields; JSON Lines leaves out members that are empty. The writer refuses, with
//     SerializationError naming the observation ("observation 3 (id 'CALL-7'): …"), what the
//     format could not read back: an empty kind, a field name that is empty or repeated, text
//     that is not UTF-8, and for CSV an empty field value, a field named like one of the six
//     columns, or two observations listing the same fields in opposite orders.
//
// Example:
//   const auto cn = calendar::china_calendar();
//   // kind,at,staff,unit,channel,rings
//   // call,2025-10-09 09:00:12,li.na,call_centre,phone,4
//   const auto file = io::read_observation_file("calls.csv", cn);
//   for (const auto& e : file.errors) log << io::describe(e, "calls.csv");
//   io::save_observation_file("calls.jsonl", observations, cn);  // {"kind": "call", "at": …}

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/io/event_files.hpp"
#include "charter/standard/observation.hpp"

namespace charter::io {

/// An observation and the 1-based line of the file where it starts.
struct ObservationLine {
  std::size_t line = 0;
  standard::Observation observation;
};

/// Reads every line of `text`, calling on_observation for each observation and on_error for
/// each bad line, in file order. `source` names the text in messages. Throws ParseError only
/// when the text cannot be read as a whole (see above); whatever the callbacks throw propagates.
void read_observations(std::string_view text, EventFormat format, std::string_view source,
                       const calendar::BusinessCalendar& zone,
                       const std::function<void(ObservationLine&&)>& on_observation,
                       const std::function<void(EventLineError&&)>& on_error);

/// Everything a file holds: its observations and its bad lines, each in file order.
struct ObservationFileContents {
  std::vector<ObservationLine> observations;
  std::vector<EventLineError> errors;
};

/// read_observations into vectors.
ObservationFileContents read_observation_text(std::string_view text, EventFormat format,
                                              std::string_view source,
                                              const calendar::BusinessCalendar& zone);

/// Reads a file, its format named by its extension (.csv, .jsonl, .ndjson; else ParseError).
/// FileError when it cannot be read, CorruptFileError when it is larger than kMaxEventFileBytes.
ObservationFileContents read_observation_file(const std::string& path,
                                              const calendar::BusinessCalendar& zone);

/// The observations as a file of the format (see above). Lines end with "\n"; no byte order
/// mark. SerializationError for an observation the format cannot carry.
std::string write_observations(const std::vector<standard::Observation>& observations,
                               EventFormat format, const calendar::BusinessCalendar& zone);

/// write_observations to a file, its format named by its extension, replaced atomically
/// (io::write_file_atomically): FileError when it cannot be written.
void save_observation_file(const std::string& path,
                           const std::vector<standard::Observation>& observations,
                           const calendar::BusinessCalendar& zone);

}  // namespace charter::io
