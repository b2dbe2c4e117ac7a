#pragma once
// Shared by the event-file and observation-file targets (event_files_fuzz.hpp,
// observation_files_fuzz.hpp): reads arbitrary bytes as a record file of one type in two zones
// (Asia/Shanghai, no DST but local mean time +08:05:43 before 1901; and Europe/Berlin, with DST)
// and checks what must hold for any input, whatever the type:
//
//   - only charter::Error escapes (ParseError when the CSV header is unreadable);
//   - every line is reported at most once, records and errors together in strictly increasing
//     line order, every error with column ≥ 1 and a non-empty UTF-8 message;
//   - round trip: the records read, written in the same format, read back to exactly the same
//     records with no error; so does JSON Lines for records read from CSV (it can carry
//     everything CSV can). CSV written from JSON Lines records may be refused with
//     SerializationError (empty values, a field named like a column, fields in opposite
//     orders), but if it is written it must read back the same.
//
// Anything else aborts with a message: a finding.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/calendar_spec.hpp"
#include "charter/calendar/china.hpp"
#include "charter/calendar/opening_hours.hpp"
#include "charter/error.hpp"
#include "charter/io/event_files.hpp"
#include "charter/io/serialize_calendar.hpp"

namespace fuzz_records {

using charter::calendar::BusinessCalendar;
using charter::io::EventFormat;
using charter::io::EventLineError;

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FINDING: %s\n", what.c_str());
  std::abort();
}

inline const std::vector<BusinessCalendar>& zones() {
  static const std::vector<BusinessCalendar> all = [] {
    namespace cal = charter::calendar;
    cal::CalendarSpec berlin;
    berlin.zone = "Europe/Berlin";
    berlin.week = cal::WeeklySchedule::weekdays(cal::parse_day_hours({{"09:00", "17:00"}}));
    berlin.first_day = boost::gregorian::date(2024, 1, 1);
    berlin.last_day = boost::gregorian::date(2026, 12, 31);
    return std::vector<BusinessCalendar>{cal::china_calendar(), BusinessCalendar(berlin)};
  }();
  return all;
}

inline const char* name(EventFormat f) { return f == EventFormat::csv ? "csv" : "jsonl"; }

/// A record type's file functions, as the checks call them: Line is {line, record} with the
/// record as `record`, Contents holds the lines as `lines`.
template <class Record, class Line, class Contents>
struct Files {
  const char* noun;  ///< "event", "observation"
  void (*read)(std::string_view, EventFormat, std::string_view, const BusinessCalendar&,
               const std::function<void(Line&&)>&, const std::function<void(EventLineError&&)>&);
  Contents (*read_text)(std::string_view, EventFormat, std::string_view, const BusinessCalendar&);
  std::string (*write)(const std::vector<Record>&, EventFormat, const BusinessCalendar&);
  Record Line::*record;
  std::vector<Line> Contents::*lines;
};

// `records` written as `format` and read back must be `records`.
template <class Record, class Line, class Contents>
void round_trip(const Files<Record, Line, Contents>& files, const std::vector<Record>& records,
                EventFormat format, const BusinessCalendar& zone, bool may_refuse) {
  const std::string what = std::string("written ") + name(format) + " " + files.noun + "s";
  std::string text;
  try {
    text = files.write(records, format, zone);
  } catch (const charter::SerializationError& e) {
    if (may_refuse) return;
    finding("writing " + std::string(name(format)) + " refused " + files.noun + "s it read: " +
            e.what());
  }
  const Contents back = files.read_text(text, format, "written", zone);
  const std::vector<Line>& lines = back.*files.lines;
  if (!back.errors.empty()) {
    finding(what + " do not read back: " + charter::io::describe(back.errors.front(), "written") +
            "\n" + text);
  }
  if (lines.size() != records.size()) {
    finding(what + " read back as " + std::to_string(lines.size()) + ", not " +
            std::to_string(records.size()));
  }
  for (std::size_t k = 0; k < records.size(); ++k) {
    if (lines[k].*files.record != records[k]) {
      finding(what + ": " + std::to_string(k + 1) + " reads back different\n" + text);
    }
  }
}

/// Reads `data` as a file of `format` in each zone, with the checks above; also(records, z) is
/// given the records each zone read and the zone's index in zones().
template <class Record, class Line, class Contents, class Also>
void check(const Files<Record, Line, Contents>& files, const std::uint8_t* data, std::size_t size,
           EventFormat format, const Also& also) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::size_t z = 0; z < zones().size(); ++z) {
    const BusinessCalendar& zone = zones()[z];
    std::vector<Record> records;
    std::size_t last_line = 0;
    auto next_line = [&](std::size_t line) {
      if (line <= last_line) {
        finding("line " + std::to_string(line) + " reported after line " + std::to_string(last_line));
      }
      last_line = line;
    };
    try {
      files.read(
          text, format, "fuzz", zone,
          [&](Line&& l) {
            next_line(l.line);
            records.push_back(std::move(l.*files.record));
          },
          [&](EventLineError&& e) {
            next_line(e.line);
            if (e.column == 0 || e.message.empty() || !charter::io::serial::is_utf8(e.message)) {
              finding("bad error report: " + charter::io::describe(e, "fuzz"));
            }
          });
    } catch (const charter::ParseError&) {
      continue;  // a CSV header that cannot be read
    }
    also(records, z);
    round_trip(files, records, format, zone, false);
    if (format == EventFormat::csv) {
      round_trip(files, records, EventFormat::jsonl, zone, false);
    } else {
      round_trip(files, records, EventFormat::csv, zone, true);
    }
  }
}

}  // namespace fuzz_records
