#include "charter/io/archive.hpp"

#include <istream>
#include <locale>
#include <sstream>

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>

#include "charter/error.hpp"
#include "charter/io/atomic_file.hpp"
#include "charter/io/serialize_calendar.hpp"
#include "charter/io/serialize_org.hpp"

namespace charter::io {
namespace {

constexpr unsigned kArchiveFlags = boost::archive::no_header | boost::archive::no_codecvt;

// Runs `write(archive)` on the archive kind `format` and returns the bytes.
template <class Write>
std::string write_archive(ArchiveFormat format, Write&& write) {
  std::ostringstream os(std::ios::binary);
  os.imbue(std::locale::classic());
  switch (format) {
    case ArchiveFormat::text: {
      boost::archive::text_oarchive ar(os, kArchiveFlags);
      write(ar);
      break;
    }
    case ArchiveFormat::xml: {
      boost::archive::xml_oarchive ar(os, kArchiveFlags);
      write(ar);
      break;
    }
    case ArchiveFormat::binary: {
      boost::archive::binary_oarchive ar(os, kArchiveFlags);
      write(ar);
      break;
    }
  }
  return os.str();
}

// Rejects anything but trailing whitespace after the last field (text and XML), or any byte at
// all (binary): a payload must be consumed exactly.
void require_consumed(std::istream& is, ArchiveFormat format) {
  if (format != ArchiveFormat::binary) is >> std::ws;
  if (is.peek() != std::char_traits<char>::eof()) {
    throw CorruptFileError("unexpected data after the last field");
  }
}

template <class Read>
auto read_archive(ArchiveFormat format, std::string_view payload, Read&& read) {
  std::istringstream is(std::string(payload), std::ios::binary);
  is.imbue(std::locale::classic());
  switch (format) {
    case ArchiveFormat::text: {
      boost::archive::text_iarchive ar(is, kArchiveFlags);
      auto v = read(ar);
      require_consumed(is, format);
      return v;
    }
    case ArchiveFormat::xml: {
      boost::archive::xml_iarchive ar(is, kArchiveFlags);
      auto v = read(ar);
      require_consumed(is, format);
      return v;
    }
    case ArchiveFormat::binary:
    default: {
      boost::archive::binary_iarchive ar(is, kArchiveFlags);
      auto v = read(ar);
      require_consumed(is, format);
      return v;
    }
  }
}

Saved decode(const OpenedEnvelope& env) {
  const std::uint32_t schema = env.header.schema_version;
  switch (env.header.type) {
    case PayloadType::calendar: {
      auto spec = read_archive(env.header.format, env.payload,
                               [&](auto& ar) { return load_spec(ar, schema); });
      return calendar::BusinessCalendar(std::move(spec));
    }
    case PayloadType::deadline:
      return read_archive(env.header.format, env.payload,
                          [&](auto& ar) { return load_deadline(ar, schema); });
    case PayloadType::organization: {
      if (schema != kOrganizationSchema) {
        throw UnsupportedVersionError("organization schema version " + std::to_string(schema) +
                                      " is not readable by this build");
      }
      auto spec = read_archive(env.header.format, env.payload,
                               [&](auto& ar) { return load_org(ar); });
      return org::Organization(std::move(spec));
    }
    case PayloadType::charter:
    default: {
      if (schema < kOldestCharterSchema || schema > kCharterSchema) {
        throw UnsupportedVersionError("charter schema version " + std::to_string(schema) +
                                      " is not readable by this build");
      }
      CharterParts parts = read_archive(env.header.format, env.payload,
                                        [&](auto& ar) { return load_charter_parts(ar, schema); });
      std::map<std::string, calendar::BusinessCalendar> calendars;
      for (auto& [id, spec] : parts.calendars) {
        if (!calendars.emplace(id, calendar::BusinessCalendar(std::move(spec))).second) {
          throw CorruptFileError("calendar '" + id + "' appears twice");
        }
      }
      org::Organization organization(std::move(parts.organization));
      // Workflows are rebuilt against the loaded calendars and organisation: validated like a
      // definition from a charter file.
      std::map<std::string, workflow::Definition> workflows;
      for (auto& spec : parts.workflows) {
        if (workflows.count(spec.id)) throw CorruptFileError("workflow '" + spec.id + "' appears twice");
        std::string id = spec.id;
        workflows.emplace(std::move(id), workflow::Definition(std::move(spec), calendars, organization));
      }
      return Charter(std::move(parts.name), std::move(calendars), std::move(organization),
                     std::move(workflows));
    }
  }
}

}  // namespace

std::string to_bytes(const calendar::BusinessCalendar& cal, ArchiveFormat format) {
  const std::string payload =
      write_archive(format, [&](auto& ar) { save_spec(ar, cal.spec()); });
  return seal(PayloadType::calendar, kCalendarSchema, format, payload);
}

std::string to_bytes(const calendar::Deadline& deadline, ArchiveFormat format) {
  const std::string payload =
      write_archive(format, [&](auto& ar) { save_deadline(ar, deadline); });
  return seal(PayloadType::deadline, kDeadlineSchema, format, payload);
}

std::string to_bytes(const Charter& charter, ArchiveFormat format) {
  const std::string payload = write_archive(format, [&](auto& ar) { save_charter(ar, charter); });
  return seal(PayloadType::charter, kCharterSchema, format, payload);
}

std::string to_bytes(const org::Organization& organization, ArchiveFormat format) {
  const std::string payload =
      write_archive(format, [&](auto& ar) { save_org(ar, organization.spec()); });
  return seal(PayloadType::organization, kOrganizationSchema, format, payload);
}

Saved from_bytes(std::string_view bytes, std::string_view source) {
  const OpenedEnvelope env = open_envelope(bytes, source);
  try {
    return decode(env);
  } catch (const UnsupportedVersionError& e) {
    throw UnsupportedVersionError(std::string(source) + ": " + e.what());
  } catch (const CorruptFileError& e) {
    throw CorruptFileError(std::string(source) + ": " + e.what());
  } catch (const Error& e) {
    // A payload that decodes but does not make a valid object (a calendar with overlapping
    // hours, say) was damaged or forged: report it as such, with the reason.
    throw CorruptFileError(std::string(source) + ": the " + type_name(env.header.type) +
                           " it holds is invalid: " + e.what());
  } catch (const boost::archive::archive_exception& e) {
    throw CorruptFileError(std::string(source) + ": damaged " + format_name(env.header.format) +
                           " archive (" + e.what() + ")");
  } catch (const std::exception& e) {
    throw CorruptFileError(std::string(source) + ": damaged " + format_name(env.header.format) +
                           " archive (" + e.what() + ")");
  }
}

void save(const calendar::BusinessCalendar& cal, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(cal, format));
}

void save(const calendar::Deadline& deadline, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(deadline, format));
}

void save(const Charter& charter, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(charter, format));
}

void save(const org::Organization& organization, const std::string& path, ArchiveFormat format) {
  write_file_atomically(path, to_bytes(organization, format));
}

Saved load(const std::string& path) {
  return from_bytes(read_file(path, kMaxPayloadBytes + kEnvelopeHeaderSize), path);
}

}  // namespace charter::io
