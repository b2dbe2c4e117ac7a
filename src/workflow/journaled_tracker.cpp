#include "charter/workflow/journaled_tracker.hpp"

#include <utility>

#include "charter/error.hpp"
#include "charter/io/event_files.hpp"

namespace charter::workflow {

std::string journal_record(const Event& event, const calendar::BusinessCalendar& zone) {
  std::string line = io::write_events({event}, io::EventFormat::jsonl, zone);
  if (!line.empty() && line.back() == '\n') line.pop_back();
  if (line.size() > io::kMaxEventLineBytes) {
    throw SerializationError("event" + (event.case_id.empty() ? std::string() : " (case '" + event.case_id + "')") +
                             ": its JSON Lines line is " + std::to_string(line.size()) +
                             " bytes; the limit is " + std::to_string(io::kMaxEventLineBytes));
  }
  return line;
}

namespace {

[[noreturn]] void corrupt(const std::string& path, std::uint64_t seq, const std::string& why) {
  throw CorruptFileError(path + ": record " + std::to_string(seq) + " " + why +
                         "; refusing to open the journal (nothing is skipped: restore the file from a copy "
                         "or open it with the definition that wrote it)");
}

// The one event a record holds; CorruptFileError otherwise.
Event decode(const io::JournalRecord& r, const calendar::BusinessCalendar& zone, const std::string& path) {
  const std::string source = path + "#" + std::to_string(r.seq);
  io::EventFileContents c;
  try {
    c = io::read_event_text(r.payload, io::EventFormat::jsonl, source, zone);
  } catch (const ParseError& e) {
    corrupt(path, r.seq, std::string("does not decode as an event: ") + e.what());
  }
  if (!c.errors.empty()) {
    corrupt(path, r.seq, "does not decode as an event: " + c.errors.front().message);
  }
  if (c.events.size() != 1) {
    corrupt(path, r.seq, "holds " + std::to_string(c.events.size()) + " events instead of one");
  }
  return std::move(c.events.front().event);
}

}  // namespace

JournaledTracker::JournaledTracker(Tracker tracker, io::EventJournal journal)
    : tracker_(std::move(tracker)), journal_(std::move(journal)) {}
JournaledTracker::JournaledTracker(JournaledTracker&&) noexcept = default;
JournaledTracker& JournaledTracker::operator=(JournaledTracker&&) noexcept = default;
JournaledTracker::~JournaledTracker() = default;

JournaledTracker JournaledTracker::open(Definition definition, const std::string& path) {
  // Opening locks the file and cuts a torn tail; the records are then read under that lock.
  io::EventJournal journal = io::EventJournal::open(path);
  const std::vector<io::JournalRecord> records = io::read_journal(path);
  if (records.size() != journal.last_seq()) {
    throw CorruptFileError(path + ": the journal changed while it was opened (" + std::to_string(records.size()) +
                           " records read, " + std::to_string(journal.last_seq()) + " found on opening)");
  }
  Tracker tracker(std::move(definition));
  const calendar::BusinessCalendar& zone = tracker.definition().calendar();
  for (const io::JournalRecord& r : records) {
    const Event e = decode(r, zone, path);
    try {
      tracker.apply(e);
    } catch (const RejectedEventError& err) {
      corrupt(path, r.seq, "holds an event the workflow '" + tracker.definition().id() + "' refuses (rule " +
                               err.rule() + "): " + err.what());
    }
  }
  return JournaledTracker(std::move(tracker), std::move(journal));
}

void JournaledTracker::apply(const Event& event) {
  tracker_.apply(event, [&] {
    std::string record;
    try {
      record = journal_record(event, tracker_.definition().calendar());
    } catch (const SerializationError& e) {
      throw RejectedEventError(event.case_id, event.name, "format",
                               std::string("the journal cannot record it: ") + e.what());
    }
    journal_.append(record);
  });
}

IngestReport JournaledTracker::ingest(const std::vector<Event>& events) {
  IngestReport report;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    try {
      apply(e);
      ++report.accepted;
    } catch (const RejectedEventError& err) {
      report.rejected.push_back({i + 1, e.case_id, e.name, err.rule(), err.what()});
    }
  }
  return report;
}

}  // namespace charter::workflow
