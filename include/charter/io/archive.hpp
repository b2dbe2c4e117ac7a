#pragma once
// Saving and loading calendars and deadlines: bytes and files in a checked envelope
// (io/envelope.hpp) around a Boost text, XML or binary archive.
//
// Loading never trusts the input: the envelope is checked first, the archive is parsed from
// memory in the classic locale, sizes are bounded, the payload must be consumed exactly, and the
// result is rebuilt through the same validation as a new object. Anything wrong raises
// CorruptFileError or UnsupportedVersionError; nothing crashes.
//
// Example:
//   io::save(calendar::china_calendar(), "china.cal");               // binary by default
//   auto cal = std::get<calendar::BusinessCalendar>(io::load("china.cal"));

#include <string>
#include <string_view>
#include <variant>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/error.hpp"
#include "charter/io/envelope.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/organization.hpp"

namespace charter::io {

/// Anything that can be saved.
using Saved = std::variant<calendar::BusinessCalendar, calendar::Deadline, Charter,
                           org::Organization>;

std::string to_bytes(const calendar::BusinessCalendar& cal,
                     ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const calendar::Deadline& deadline,
                     ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const Charter& charter, ArchiveFormat format = ArchiveFormat::binary);
std::string to_bytes(const org::Organization& organization,
                     ArchiveFormat format = ArchiveFormat::binary);

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

Saved load(const std::string& path);

/// load() that also checks the type; throws CorruptFileError naming both types otherwise.
template <class T>
T load_as(const std::string& path) {
  Saved s = load(path);
  if (auto* v = std::get_if<T>(&s)) return std::move(*v);
  throw CorruptFileError(path + ": holds a different kind of object than requested");
}

}  // namespace charter::io
