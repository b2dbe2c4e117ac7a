#pragma once
// The envelope around every saved payload: what it is, which format and schema wrote it, how
// long it is, and CRC-32C checksums — all checked *before* a Boost archive sees a byte.
//
// Layout (32 bytes, little-endian), then the payload:
//   0  "CHRT"                magic
//   4  u16 format_version    envelope layout (kEnvelopeVersion)
//   6  u8  archive format    0 text, 1 xml, 2 binary (Boost archives, written with no_header)
//   7  u8  flags             0
//   8  u32 schema_version    version of the payload's field layout (per payload type)
//  12  u64 payload_length    must equal file size − 32: no truncation, no trailing bytes
//  20  u32 payload_crc32c
//  24  u32 payload_type      1 calendar, 2 deadline, 3 charter, 4 organization,
//                            5 case, 6 tracker, 7 findings, 8 survey design,
//                            9 appraisal scheme, 10 report document, 11 monthly report
//  28  u32 header_crc32c     over bytes 0..27
// Why not Boost's own header and class versions: a payload made only of primitives carries no
// Boost class information, so nothing but this header decides what a file means, and a
// corrupted or crafted file is rejected here instead of deep inside Boost (see
// shared/notes/reliability-pitfalls.md §1).

#include <cstdint>
#include <string>
#include <string_view>

namespace charter::io {

/// Which Boost archive holds the payload.
enum class ArchiveFormat : std::uint8_t {
  text = 0,    ///< portable text
  xml = 1,     ///< portable XML, readable by people
  binary = 2,  ///< compact, this platform only (sizes and endianness must match)
};

/// What a payload is.
enum class PayloadType : std::uint32_t {
  calendar = 1,  ///< a BusinessCalendar (its CalendarSpec)
  deadline = 2,  ///< a Deadline rule
  charter = 3,   ///< a Charter (calendars, organisation and workflows)
  organization = 4,  ///< an Organization
  workflow_case = 5,  ///< a workflow::Case (its definition in a charter, its id and its events)
  tracker = 6,        ///< a workflow::Tracker (its definition in a charter and every event)
  findings = 7,       ///< standard::Findings (their standards in a charter, and every column)
  survey = 8,         ///< a cycle::SurveyDesign (its SurveySpec)
  appraisal = 9,      ///< an org::AppraisalScheme (its AppraisalSpec)
  document = 10,      ///< a report::Document (a report as a document, charts included)
  monthly_report = 11,  ///< a report::MonthlyReport (the month's figures, as computed)
};

inline constexpr std::uint16_t kEnvelopeVersion = 1;
inline constexpr std::size_t kEnvelopeHeaderSize = 32;
/// Largest payload accepted on load (files bigger than this are refused before reading).
inline constexpr std::uint64_t kMaxPayloadBytes = 64ull << 20;

struct EnvelopeHeader {
  std::uint16_t format_version = kEnvelopeVersion;
  ArchiveFormat format = ArchiveFormat::binary;
  std::uint32_t schema_version = 0;
  std::uint64_t payload_length = 0;
  std::uint32_t payload_crc = 0;
  PayloadType type = PayloadType::calendar;
};

/// CRC-32C (Castagnoli); crc32c("123456789") == 0xE3069283.
std::uint32_t crc32c(std::string_view bytes);

/// Header + payload.
std::string seal(PayloadType type, std::uint32_t schema_version, ArchiveFormat format,
                 std::string_view payload);

struct OpenedEnvelope {
  EnvelopeHeader header;
  std::string_view payload;  ///< points into the bytes given to open_envelope
};

/// Checks magic, header CRC, versions, length and payload CRC. Throws CorruptFileError (or
/// UnsupportedVersionError for a newer envelope); `source` names the file in messages.
OpenedEnvelope open_envelope(std::string_view bytes, std::string_view source);

const char* format_name(ArchiveFormat f);
const char* type_name(PayloadType t);

}  // namespace charter::io
