#pragma once
// JournaledTracker: a Tracker whose every accepted event is on disk before it counts.
//
// Meaning:
//   - The tracker lives beside an io::EventJournal (append-only, one CRC'd record per event,
//     synced before append returns). open() replays the journal into a fresh Tracker of the
//     definition, so after a crash — a kill, a power cut — reopening gives back every event
//     that apply() acknowledged, in the order it was applied, and nothing that was refused.
//   - apply(event) checks the event first (all-or-nothing, as Tracker::apply), then appends it to
//     the journal and syncs, and only then changes the tracker. When apply() returns, the event
//     is durable. A refused event (RejectedEventError) writes nothing. When the write or sync
//     fails (FileError) the tracker is unchanged and the error propagates; the journal cuts the
//     failed record off again, so the file and the tracker still agree.
//   - Each record holds one event as one JSON Lines line (io/event_files.hpp, without the
//     trailing newline): `at` is written as local wall time of the definition's calendar with its
//     UTC offset, so the instant is exact whatever zone reads it back. An event that format
//     cannot carry (an empty actor, text that is not UTF-8, a repeated field name, a line over
//     io::kMaxEventLineBytes) is refused like any other, as RejectedEventError with rule
//     "format", and written nowhere.
//   - Opening takes the journal's exclusive lock (a second open of the same path, from this or
//     another process, throws FileError until the first is destroyed). A torn tail — the last
//     record cut short by a crash — is cut off and every earlier record kept (recovery() says
//     how many records and bytes). A damaged record followed by valid ones, a record that does
//     not decode to exactly one event, or an event the definition refuses on replay is
//     corruption: open() throws CorruptFileError naming the record's sequence number and why,
//     and never skips it — nothing recorded is lost or changed silently.
//   - ingest(events) applies each event as apply() does and reports refusals instead of
//     throwing them. Every accepted event is its own append and its own sync (fdatasync), so a
//     batch runs at the speed of the disk's syncs, and each event is acknowledged on its own: a
//     FileError stops the batch and propagates, with every event before it applied and durable
//     and none after it (tracker().event_count() says how far it got).
//   - The definition is not in the journal: reopen with the same definition (or one that
//     accepts the same events). Queries go through tracker(). Not safe to use from two threads
//     at once. Movable, not copyable; a moved-from JournaledTracker may only be destroyed or
//     assigned to.
//
// Example:
//   auto jt = workflow::JournaledTracker::open(charter.workflow("complaint"), "complaints.chjl");
//   jt.apply({"C-1001", t0, "receive", "s-0002", {{"severity", "major"}, {"channel", "phone"}}});
//   // … the process is killed; later:
//   auto again = workflow::JournaledTracker::open(charter.workflow("complaint"), "complaints.chjl");
//   again.tracker().status(as_of);        // C-1001 is there

#include <string>
#include <vector>

#include "charter/io/event_journal.hpp"
#include "charter/workflow/definition.hpp"
#include "charter/workflow/event.hpp"
#include "charter/workflow/tracker.hpp"

namespace charter::workflow {

class JournaledTracker {
 public:
  /// Opens (creating when missing) the journal at `path` and replays it into a Tracker of
  /// `definition`. Throws FileError (cannot open, locked by another writer), CorruptFileError
  /// (damaged journal, a record that does not decode, an event refused on replay) or
  /// UnsupportedVersionError (a journal of a newer layout).
  static JournaledTracker open(Definition definition, const std::string& path);

  JournaledTracker(JournaledTracker&&) noexcept;
  JournaledTracker& operator=(JournaledTracker&&) noexcept;
  JournaledTracker(const JournaledTracker&) = delete;
  JournaledTracker& operator=(const JournaledTracker&) = delete;
  ~JournaledTracker();

  /// Checks, journals (synced) and applies one event; throws RejectedEventError (nothing
  /// written) or FileError (nothing written, tracker unchanged).
  void apply(const Event& event);
  /// Applies each event in order, one synced append per accepted event; refusals are reported
  /// (Rejection::line is the 1-based position in `events`), a FileError propagates.
  IngestReport ingest(const std::vector<Event>& events);

  /// The tracker, for every query.
  const Tracker& tracker() const { return tracker_; }
  const Definition& definition() const { return tracker_.definition(); }
  /// The journal's path.
  const std::string& path() const { return journal_.path(); }
  /// What opening found: records replayed, bytes of a torn tail cut off.
  const io::JournalRecovery& recovery() const { return journal_.recovery(); }

 private:
  JournaledTracker(Tracker tracker, io::EventJournal journal);
  Tracker tracker_;
  io::EventJournal journal_;
};

/// One event as a journal record: its JSON Lines line without the newline, `at` as local time
/// of `zone` with its offset. Throws SerializationError for an event the format cannot carry.
std::string journal_record(const Event& event, const calendar::BusinessCalendar& zone);

}  // namespace charter::workflow
