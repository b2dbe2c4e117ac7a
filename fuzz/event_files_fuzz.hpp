#pragma once
// Shared by event_csv_fuzzer.cpp and event_jsonl_fuzzer.cpp: reads arbitrary bytes as an event
// file in two zones (Asia/Shanghai, no DST but local mean time +08:05:43 before 1901; and
// Europe/Berlin, with DST) and checks what must hold for any input:
//
//   - only charter::Error escapes (ParseError when the CSV header is unreadable);
//   - every line is reported at most once, events and errors together in strictly increasing
//     line order, every error with line ≥ 1, column ≥ 1 and a non-empty UTF-8 message;
//   - round trip: write_events(events) in the same format reads back to exactly the same events
//     with no error; so does JSON Lines for events read from CSV (it can carry everything CSV
//     can). CSV written from JSON Lines events may be refused with SerializationError (empty
//     values, a field named "case", fields in opposite orders), but if it is written it must
//     read back the same;
//   - the events read in Asia/Shanghai go through the workflow engine (the built-in complaint
//     workflow with a generated roster): ingest never throws, accepted + refused = read; the
//     accepted log replays into a second tracker with nothing refused and the same events; status,
//     breaches, at-risk lists and explanations as of the last event raise nothing but
//     charter::Error.
//
// Anything else aborts with a message: a finding.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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
#include "charter/model/charter.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "charter/workflow/tracker.hpp"

namespace fuzz_events {

using charter::io::EventFormat;

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FINDING: %s\n", what.c_str());
  std::abort();
}

inline const std::vector<charter::calendar::BusinessCalendar>& zones() {
  static const std::vector<charter::calendar::BusinessCalendar> all = [] {
    namespace cal = charter::calendar;
    cal::CalendarSpec berlin;
    berlin.zone = "Europe/Berlin";
    berlin.week = cal::WeeklySchedule::weekdays(cal::parse_day_hours({{"09:00", "17:00"}}));
    berlin.first_day = boost::gregorian::date(2024, 1, 1);
    berlin.last_day = boost::gregorian::date(2026, 12, 31);
    return std::vector<cal::BusinessCalendar>{cal::china_calendar(), cal::BusinessCalendar(berlin)};
  }();
  return all;
}

inline const char* name(EventFormat f) { return f == EventFormat::csv ? "csv" : "jsonl"; }

// `events` written as `format` and read back must be `events`.
inline void round_trip(const std::vector<charter::workflow::Event>& events, EventFormat format,
                       const charter::calendar::BusinessCalendar& zone, bool may_refuse) {
  std::string text;
  try {
    text = charter::io::write_events(events, format, zone);
  } catch (const charter::SerializationError& e) {
    if (may_refuse) return;
    finding(std::string("write_events(") + name(format) + ") refused events it read: " + e.what());
  }
  const auto back = charter::io::read_event_text(text, format, "written", zone);
  if (!back.errors.empty()) {
    finding(std::string("written ") + name(format) + " does not read back: " +
            charter::io::describe(back.errors.front(), "written") + "\n" + text);
  }
  if (back.events.size() != events.size()) {
    finding(std::string("written ") + name(format) + " reads back " +
            std::to_string(back.events.size()) + " events, not " + std::to_string(events.size()));
  }
  for (std::size_t k = 0; k < events.size(); ++k) {
    if (back.events[k].event != events[k]) {
      finding(std::string("written ") + name(format) + ": event " + std::to_string(k + 1) +
              " reads back different\n" + text);
    }
  }
}

// The events through the engine (see above).
inline void engine_check(const std::vector<charter::workflow::Event>& events) {
  namespace wf = charter::workflow;
  static const charter::Charter staffed =
      charter::builtin().with_staff(wf::generated_roster(charter::builtin().organization(), 3));
  wf::Tracker tracker(staffed.workflow("complaint"));
  const wf::IngestReport report = tracker.ingest(events);
  if (report.accepted + report.rejected.size() != events.size()) finding("ingest lost events");
  for (const auto& r : report.rejected) {
    if (r.rule.empty() || r.message.empty() || !charter::io::serial::is_utf8(r.message)) {
      finding("bad refusal report: " + r.rule + ": " + r.message);
    }
  }
  const auto log = tracker.events();
  if (log.size() != report.accepted) finding("the tracker holds " + std::to_string(log.size()) + " events, not the accepted");
  wf::Tracker again(staffed.workflow("complaint"));
  const wf::IngestReport replay = again.ingest(log);
  if (!replay.rejected.empty()) finding("replaying the accepted log refuses: " + replay.rejected.front().message);
  if (again.events() != log) finding("replaying the accepted log gives other events");
  if (log.empty()) return;
  boost::posix_time::ptime last = log.front().at;
  for (const auto& e : log) last = std::max(last, e.at);
  try {
    const wf::StatusTable table = tracker.status(last);
    if (table.case_ids.size() != tracker.size()) finding("status as of the last event misses cases");
    tracker.breaches(last);
    tracker.at_risk(last);
    const auto status = tracker.status(table.case_ids.front(), last);
    for (const auto& t : status.timers) tracker.explain(status.case_id, t.timer, last, t.cycle);
  } catch (const charter::Error&) {
    // e.g. business time past a calendar's range: an answer, not a finding
  }
}

inline void check(const std::uint8_t* data, std::size_t size, EventFormat format) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& zone : zones()) {
    std::vector<charter::workflow::Event> events;
    std::size_t last_line = 0;
    auto next_line = [&](std::size_t line) {
      if (line <= last_line) {
        finding("line " + std::to_string(line) + " reported after line " + std::to_string(last_line));
      }
      last_line = line;
    };
    try {
      charter::io::read_events(
          text, format, "fuzz", zone,
          [&](charter::io::EventLine&& e) {
            next_line(e.line);
            events.push_back(std::move(e.event));
          },
          [&](charter::io::EventLineError&& e) {
            next_line(e.line);
            if (e.column == 0 || e.message.empty() || !charter::io::serial::is_utf8(e.message)) {
              finding("bad error report: " + charter::io::describe(e, "fuzz"));
            }
          });
    } catch (const charter::ParseError&) {
      continue;  // a CSV header that cannot be read
    }
    if (&zone == &zones().front()) engine_check(events);
    round_trip(events, format, zone, false);
    if (format == EventFormat::csv) {
      round_trip(events, EventFormat::jsonl, zone, false);
    } else {
      round_trip(events, EventFormat::csv, zone, true);
    }
  }
}

}  // namespace fuzz_events
