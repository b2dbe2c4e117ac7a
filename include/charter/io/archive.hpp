#pragma once
// Saving and loading calendars, deadlines, charters, organisations, cases, trackers, findings,
// survey designs, appraisal schemes and report documents: bytes and files in a checked envelope (io/envelope.hpp) around a Boost text, XML or binary archive.
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
// Survey designs and appraisal schemes are saved as their specs (serialize_survey.hpp) and
// rebuilt through their validating constructors. A report document is saved as written
// (serialize_document.hpp): a document that report::validate refuses is not saved
// (report::ReportError), and one that loads is valid — its charts rebuilt through report::Chart.
//
// Example:
//   io::save(calendar::china_calendar(), "china.cal");               // binary by default
//   auto cal = std::get<calendar::BusinessCalendar>(io::load("china.cal"));
//   io::save(tracker, "complaints.trk", io::ArchiveFormat::binary);
//   workflow::Tracker back = io::load_as<workflow::Tracker>("complaints.trk");

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/cycle/survey.hpp"
#include "charter/error.hpp"
#include "charter/io/envelope.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/appraisal.hpp"
#include "charter/org/organization.hpp"
#include "charter/report/document.hpp"
#include "charter/report/monthly.hpp"
#include "charter/standard/findings.hpp"
#include "charter/workflow/case.hpp"
#include "charter/workflow/tracker.hpp"

namespace charter::io {

/// Anything that can be saved.
using Saved = std::variant<calendar::BusinessCalendar, calendar::Deadline, Charter,
                           org::Organization, workflow::Case, workflow::Tracker, standard::Findings,
                           cycle::SurveyDesign, org::AppraisalScheme, report::Document,
                           report::MonthlyReport>;

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
std::string to_bytes(const cycle::SurveyDesign& design, ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const org::AppraisalScheme& scheme, ArchiveFormat format = ArchiveFormat::binary);
/// A document report::validate refuses is not saved: report::ReportError listing its problems.
std::string to_bytes(const report::Document& document, ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const report::MonthlyReport& report, ArchiveFormat format = ArchiveFormat::binary);

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
void save(const cycle::SurveyDesign& design, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);
void save(const org::AppraisalScheme& scheme, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);
void save(const report::Document& document, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);
void save(const report::MonthlyReport& report, const std::string& path,
          ArchiveFormat format = ArchiveFormat::binary);

Saved load(const std::string& path);

/// What a loaded object is: Saved's alternatives are in the order of PayloadType.
inline PayloadType payload_type(const Saved& s) { return static_cast<PayloadType>(s.index() + 1); }

namespace detail {
template <class T, std::size_t I = 0>
constexpr PayloadType payload_type_of() {
  if constexpr (std::is_same_v<T, std::variant_alternative_t<I, Saved>>) {
    return static_cast<PayloadType>(I + 1);
  } else {
    return payload_type_of<T, I + 1>();
  }
}
}  // namespace detail

/// load() that also checks the type; throws CorruptFileError naming both types otherwise
/// ("x.chrt: holds a different kind of object than requested (survey design found, report
/// document requested)").
template <class T>
T load_as(const std::string& path) {
  Saved s = load(path);
  if (auto* v = std::get_if<T>(&s)) return std::move(*v);
  throw CorruptFileError(path + ": holds a different kind of object than requested (" +
                         type_name(payload_type(s)) + " found, " + type_name(detail::payload_type_of<T>()) +
                         " requested)");
}

}  // namespace charter::io
