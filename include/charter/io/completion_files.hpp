#pragma once
// Completion files: completion records of cycles (cycle::CompletionRecord) as CSV or JSON Lines,
// read line by line and written back — the same forms as event and observation files
// (io/event_files.hpp, io/observation_files.hpp), with the record's own columns.
//
// Meaning (the formats in full: docs/event-files.md; docs/cycles.md, "Completion records"):
//   - CSV: the header needs the columns `cycle` and `at`, in any order; `subject`, `actor` and
//     `id` are optional columns (an empty cell means an empty member: a centre cycle's subject
//     is empty). Every other column is a field named by its header ("respondents", "report",
//     "unit", "period"); an empty cell means the record does not carry that field.
//   - JSON Lines: one object per line, {"cycle": …, "at": …, "subject": …, "actor": …, "id": …,
//     "fields": {"respondents": "62", …}}; `cycle` and `at` are required strings, the others
//     optional strings (null or "" means empty), `fields` as for events.
//   - Everything else is as for events: `at` is exact with an offset and local wall time in the
//     zone of the `zone` calendar without one; a bad line is an EventLineError with its line,
//     column and why, and reading goes on; only an unusable CSV header or text larger than
//     kMaxEventFileBytes throws ParseError.
//   - Writing: write_completions(records) read back with the same zone gives the same records.
//     The writer refuses, with SerializationError naming the record ("completion 3 (id 'S-7'):
//     …"), what the format could not read back (as for observations).
//
// Example:
//   // cycle,at,subject,actor,respondents
//   // R-25,2025-12-18 15:00,,wang.fang,62
//   const auto file = io::read_completion_file("surveys.csv", charter.calendar("office"));
//   const auto report = cycle::status(charter, records_of(file), from, to, as_of);

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/cycle/completion.hpp"
#include "charter/io/event_files.hpp"

namespace charter::io {

/// A completion record and the 1-based line of the file where it starts.
struct CompletionLine {
  std::size_t line = 0;
  cycle::CompletionRecord record;
};

/// Reads every line of `text`, calling on_record for each record and on_error for each bad
/// line, in file order. Throws ParseError only when the text cannot be read as a whole.
void read_completions(std::string_view text, EventFormat format, std::string_view source,
                      const calendar::BusinessCalendar& zone,
                      const std::function<void(CompletionLine&&)>& on_record,
                      const std::function<void(EventLineError&&)>& on_error);

/// Everything a file holds: its records and its bad lines, each in file order.
struct CompletionFileContents {
  std::vector<CompletionLine> records;
  std::vector<EventLineError> errors;

  /// The records alone, in file order (what cycle::status takes).
  std::vector<cycle::CompletionRecord> all() const {
    std::vector<cycle::CompletionRecord> out;
    out.reserve(records.size());
    for (const auto& l : records) out.push_back(l.record);
    return out;
  }
};

/// read_completions into vectors.
CompletionFileContents read_completion_text(std::string_view text, EventFormat format, std::string_view source,
                                            const calendar::BusinessCalendar& zone);

/// Reads a file, its format named by its extension (.csv, .jsonl, .ndjson; else ParseError).
CompletionFileContents read_completion_file(const std::string& path, const calendar::BusinessCalendar& zone);

/// The records as a file of the format. SerializationError for a record the format cannot carry.
std::string write_completions(const std::vector<cycle::CompletionRecord>& records, EventFormat format,
                              const calendar::BusinessCalendar& zone);

/// write_completions to a file, its format named by its extension, replaced atomically.
void save_completion_file(const std::string& path, const std::vector<cycle::CompletionRecord>& records,
                          const calendar::BusinessCalendar& zone);

}  // namespace charter::io
