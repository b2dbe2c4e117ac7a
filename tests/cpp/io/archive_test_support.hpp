#pragma once
// Helpers shared by the archive tests (archive_test.cpp, org_archive_test.cpp,
// workflow_archive_test.cpp, standard_archive_test.cpp, survey_archive_test.cpp,
// document_archive_test.cpp): loading what must be refused, and
// forging payloads — re-sealed with right checksums, or written field by field in the binary
// layout of a charter without validating anything, as an attacker who knows the format would.

#include <gtest/gtest.h>

#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>
#include <boost/core/demangle.hpp>
#include <cstdint>
#include <locale>
#include <sstream>
#include <string>
#include <typeinfo>

#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/envelope.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/model/charter.hpp"

namespace charter::test {

inline constexpr io::ArchiveFormat kFormats[] = {io::ArchiveFormat::text, io::ArchiveFormat::xml,
                                                 io::ArchiveFormat::binary};

/// The payload of sealed bytes (the envelope header stripped).
inline std::string payload_of(const std::string& bytes) { return bytes.substr(io::kEnvelopeHeaderSize); }

/// Loads bytes that must be refused; returns the message. Fails the test on success, on any
/// other exception type, and when the message shows an allocation sized by the file.
inline std::string expect_refused(const std::string& bytes, const std::string& what) {
  try {
    io::from_bytes(bytes, "forged");
    ADD_FAILURE() << what << ": loaded without error";
  } catch (const CorruptFileError& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.find("bad_alloc"), std::string::npos) << what << ": " << m;
    EXPECT_EQ(m.find("length_error"), std::string::npos) << what << ": " << m;
    return m;
  } catch (const UnsupportedVersionError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": threw " << boost::core::demangle(typeid(e).name()) << ": " << e.what();
  }
  return "";
}

/// Re-seals a payload under the envelope of `original` (same type, version and format), as an
/// attacker who knows the format would: every checksum is right.
inline std::string forge(const std::string& original, const std::string& payload) {
  const io::OpenedEnvelope env = io::open_envelope(original, "original");
  return io::seal(env.header.type, env.header.schema_version, env.header.format, payload);
}

/// Replaces the first occurrence of `from` by `to`; the test fails if there is none.
inline std::string replace_first(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' not found";
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

/// A u32 as the binary archive of this (x86-64, little-endian) platform writes it.
inline std::string u32(std::uint32_t v) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

/// What `write(ar)` puts in an archive of `format` opened as to_bytes opens one (no header, the
/// classic locale): a payload to seal.
template <class Write>
std::string write_payload(io::ArchiveFormat format, Write&& write) {
  constexpr unsigned flags = boost::archive::no_header | boost::archive::no_codecvt;
  std::ostringstream os(std::ios::binary);
  os.imbue(std::locale::classic());
  switch (format) {
    case io::ArchiveFormat::text: {
      boost::archive::text_oarchive ar(os, flags);
      write(ar);
      break;
    }
    case io::ArchiveFormat::xml: {
      boost::archive::xml_oarchive ar(os, flags);
      write(ar);
      break;
    }
    case io::ArchiveFormat::binary: {
      boost::archive::binary_oarchive ar(os, flags);
      write(ar);
      break;
    }
  }
  return os.str();
}

/// The parts of a charter, in the order save_charter writes them.
inline io::CharterParts parts_of(const Charter& c) {
  io::CharterParts p;
  p.name = c.name();
  for (const auto& [id, cal] : c.calendars()) p.calendars.emplace_back(id, cal.spec());
  p.organization = c.organization().spec();
  for (const auto& [id, w] : c.workflows()) p.workflows.push_back(w.spec());
  for (const auto& s : c.standards()) p.standards.push_back(s.spec());
  for (const auto& cy : c.cycles()) p.cycles.push_back(cy.spec());
  for (const auto& sv : c.surveys()) p.surveys.push_back(sv.spec());
  if (c.appraisal()) p.appraisal = c.appraisal()->spec();
  return p;
}

/// A binary charter payload of any parts — valid or not, ids repeated or not — in the layout
/// of version `schema` (1: no workflows, 2: no standards, 3: no cycles nor unit dates, 4: no
/// survey designs nor appraisal scheme), exactly
/// as to_bytes would write them.
inline std::string charter_payload(const io::CharterParts& p, std::uint32_t schema = io::kCharterSchema) {
  return write_payload(io::ArchiveFormat::binary, [&](auto& ar) {
    io::serial::put_text(ar, p.name);
    io::serial::put_count(ar, "calendars", p.calendars.size());
    for (const auto& [id, spec] : p.calendars) {
      io::serial::put_string(ar, "id", id);
      io::save_spec(ar, spec);
    }
    io::save_org(ar, p.organization, schema >= 4 ? 2 : 1);
    if (schema >= 2) {
      io::serial::put_count(ar, "workflows", p.workflows.size());
      for (const auto& w : p.workflows) io::save_workflow(ar, w);
    }
    if (schema >= 3) {
      io::serial::put_count(ar, "standards", p.standards.size());
      for (const auto& s : p.standards) io::save_standard(ar, s, schema >= 5 ? 2 : 1);
    }
    if (schema >= 4) {
      io::serial::put_count(ar, "cycles", p.cycles.size());
      for (const auto& c : p.cycles) io::save_cycle(ar, c, schema >= 5 ? 2 : 1);
    }
    if (schema >= 5) {
      io::serial::put_count(ar, "surveys", p.surveys.size());
      for (const auto& sv : p.surveys) io::save_survey(ar, sv);
      io::serial::put_flag(ar, "has_appraisal", p.appraisal.has_value());
      if (p.appraisal) io::save_appraisal(ar, *p.appraisal);
    }
  });
}

}  // namespace charter::test
