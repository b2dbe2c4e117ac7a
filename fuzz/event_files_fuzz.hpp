#pragma once
// Shared by event_csv_fuzzer.cpp and event_jsonl_fuzzer.cpp: the checks of record_files_fuzz.hpp
// for event files (reading in two zones, line order, error reports, round trips through
// write_events in both formats), and then:
//
//   - the events read in Asia/Shanghai go through the workflow engine (the built-in complaint
//     workflow with a generated roster): ingest never throws, accepted + refused = read; the
//     accepted log replays into a second tracker with nothing refused and the same events; status,
//     breaches, at-risk lists and explanations as of the last event raise nothing but
//     charter::Error.
//
// Anything else aborts with a message: a finding.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "charter/io/event_files.hpp"
#include "charter/io/serialize_calendar.hpp"
#include "charter/model/charter.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "charter/workflow/tracker.hpp"
#include "record_files_fuzz.hpp"

namespace fuzz_events {

using charter::io::EventFormat;
using fuzz_records::finding;

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
  static const fuzz_records::Files<charter::workflow::Event, charter::io::EventLine,
                                   charter::io::EventFileContents>
      files{"event", charter::io::read_events, charter::io::read_event_text,
            charter::io::write_events, &charter::io::EventLine::event,
            &charter::io::EventFileContents::events};
  fuzz_records::check(files, data, size, format,
                      [](const std::vector<charter::workflow::Event>& events, std::size_t zone) {
                        if (zone == 0) engine_check(events);  // Asia/Shanghai
                      });
}

}  // namespace fuzz_events
