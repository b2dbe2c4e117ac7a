#pragma once
// Saving and loading calendars, deadlines, charters, organisations, cases, trackers and findings: bytes
// and files in a checked envelope (io/envelope.hpp) around a Boost text, XML or binary archive.
//
// Loading never trusts the input: the envelope is checked first, the archive is parsed from
// memory in the classic locale, sizes are bounded, the payload must be consumed exactly, and the
// result is rebuilt through the same validation as a new object. Anything wrong raises
// CorruptFileError or UnsupportedVersionError; nothing crashes. A payload larger than
// kMaxPayloadBytes (64 MiB), which no load would accept, is refused on save (SerializationError)
// — for a tracker that is some hundreds of thousands of events (a JournaledTracker has no limit).
//
// Cases and trackers are saved with what they need to be rebuilt and nothing more: a charter
// holding just their definition (its calendars — Definition::calendars() —, its organisation,
// the definition under its id, named like the definition), then
//   case:    workflow id, case id, the event count and the events (serialize_workflow.hpp);
//   tracker: workflow id, the event count and every event, case by case (Tracker::events()).
// Loading rebuilds the charter (validated like any charter), takes the workflow, and replays the
// events through Case::apply / Tracker::apply as they are read: the same checks as live events,
// and an event refused on load — a saved case or tracker only ever held accepted events — is
// CorruptFileError naming its position. Replay gives back the same events, the same cases in
// the same order and the same status.
//
// Findings are saved with a charter holding just their standards (with the calendars those name
// and their organisation), then every column (serialize_findings.hpp); loading checks that the
// columns agree with each other and with the standards. Ten million findings are about 450 MB
// of columns, beyond kMaxPayloadBytes: save the findings of a day or a unit, not of a year.
//
// Example:
//   io::save(calendar::china_calendar(), "china.cal");               // binary by default
//   auto cal = std::get<calendar::BusinessCalendar>(io::load("china.cal"));
//   io::save(tracker, "complaints.trk", io::ArchiveFormat::binary);
//   workflow::Tracker back = io::load_as<workflow::Tracker>("complaints.trk");

#include <string>
#include <string_view>
#include <variant>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/error.hpp"
#include "charter/io/envelope.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/organization.hpp"
#include "charter/standard/findings.hpp"
#include "charter/workflow/case.hpp"
#include "charter/workflow/tracker.hpp"

namespace charter::io {

/// Anything that can be saved.
using Saved = std::variant<calendar::BusinessCalendar, calendar::Deadline, Charter,
                           org::Organization, workflow::Case, workflow::Tracker, standard::Findings>;

std::string to_bytes(const calendar::BusinessCalendar& cal,
                     ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const calendar::Deadline& deadline,
                     ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const Charter& charter, ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const org::Organization& organization,
                     ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const workflow::Case& c, ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const workflow::Tracker& tracker, ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const standard::Findings& findings, ArchiveFormat format = ArchiveFormat::binary);

/// Reads what to_bytes wrote; `source` names the origin in messages.
Saved from_bytes(std::string_view bytes, std::string_view source = "<bytes>");

/// Saves atomically (temp file, fsync, rename, fsync of the directory).
void save(const calendar::BusinessCalendar& cal, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);
void save(const calendar::Deadline& deadline, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);
void save(const Charter& charter, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);
void save(const org::Organization& organization, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);
void save(const workflow::Case& c, const std::string& path, ArchiveFormat format = ArchiveFormat::binary);
void save(const workflow::Tracker& tracker, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);
void save(const standard::Findings& findings, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);

Saved load(const std::string& path);

/// load() that also checks the type; throws CorruptFileError naming both types otherwise.
template <class T>
T load_as(const std::string& path) {
  Saved s = load(path);
  if (auto* v = std::get_if<T>(&s)) return std::move(*v);
  throw CorruptFileError(path + ": holds a different kind of object than requested");
}

}  // namespace charter::io
