#include "charter/io/envelope.hpp"

#include <boost/crc.hpp>

#include "charter/error.hpp"

namespace charter::io {
namespace {

constexpr char kMagic[4] = {'C', 'H', 'R', 'T'};

void put(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::uint64_t get(std::string_view in, size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(in[at + static_cast<size_t>(i)]);
  }
  return v;
}

[[noreturn]] void corrupt(std::string_view source, const std::string& why) {
  throw CorruptFileError(std::string(source) + ": " + why);
}

}  // namespace

std::uint32_t crc32c(std::string_view bytes) {
  boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

const char* format_name(ArchiveFormat f) {
  switch (f) {
    case ArchiveFormat::text: return "text";
    case ArchiveFormat::xml: return "xml";
    case ArchiveFormat::binary: return "binary";
  }
  return "unknown";
}

const char* type_name(PayloadType t) {
  switch (t) {
    case PayloadType::calendar: return "calendar";
    case PayloadType::deadline: return "deadline";
    case PayloadType::charter: return "charter";
    case PayloadType::organization: return "organization";
    case PayloadType::workflow_case: return "case";
    case PayloadType::tracker: return "tracker";
    case PayloadType::findings: return "findings";
    case PayloadType::survey: return "survey design";
    case PayloadType::appraisal: return "appraisal scheme";
    case PayloadType::document: return "report document";
    case PayloadType::monthly_report: return "monthly report";
  }
  return "unknown";
}

std::string seal(PayloadType type, std::uint32_t schema_version, ArchiveFormat format,
                 std::string_view payload) {
  std::string out(kMagic, 4);
  put(out, kEnvelopeVersion, 2);
  put(out, static_cast<std::uint8_t>(format), 1);
  put(out, 0, 1);
  put(out, schema_version, 4);
  put(out, payload.size(), 8);
  put(out, crc32c(payload), 4);
  put(out, static_cast<std::uint32_t>(type), 4);
  put(out, crc32c(out), 4);
  out.append(payload);
  return out;
}

OpenedEnvelope open_envelope(std::string_view bytes, std::string_view source) {
  if (bytes.size() < kEnvelopeHeaderSize) {
    corrupt(source, "too short to be a charter archive (" + std::to_string(bytes.size()) +
                        " bytes; the header alone is 32)");
  }
  if (bytes.substr(0, 4) != std::string_view(kMagic, 4)) {
    corrupt(source, "not a charter archive (no CHRT magic at the start)");
  }
  if (get(bytes, 28, 4) != crc32c(bytes.substr(0, 28))) {
    corrupt(source, "header checksum mismatch (the file is damaged)");
  }
  OpenedEnvelope o;
  o.header.format_version = static_cast<std::uint16_t>(get(bytes, 4, 2));
  if (o.header.format_version > kEnvelopeVersion) {
    throw UnsupportedVersionError(std::string(source) + ": written by a newer charter (envelope "
                                  "version " + std::to_string(o.header.format_version) +
                                  ", this build reads up to " +
                                  std::to_string(kEnvelopeVersion) + ")");
  }
  if (o.header.format_version == 0) corrupt(source, "envelope version 0 does not exist");
  const auto format = get(bytes, 6, 1);
  if (format > 2) corrupt(source, "unknown archive format " + std::to_string(format));
  o.header.format = static_cast<ArchiveFormat>(format);
  if (get(bytes, 7, 1) != 0) corrupt(source, "unknown flags set in the header");
  o.header.schema_version = static_cast<std::uint32_t>(get(bytes, 8, 4));
  o.header.payload_length = get(bytes, 12, 8);
  o.header.payload_crc = static_cast<std::uint32_t>(get(bytes, 20, 4));
  const auto type = get(bytes, 24, 4);
  if (type < 1 || type > 11) corrupt(source, "unknown payload type " + std::to_string(type));
  o.header.type = static_cast<PayloadType>(type);
  const std::uint64_t actual = bytes.size() - kEnvelopeHeaderSize;
  if (o.header.payload_length != actual) {
    corrupt(source, o.header.payload_length > actual
                        ? "truncated: the header announces " +
                              std::to_string(o.header.payload_length) + " payload bytes, " +
                              std::to_string(actual) + " are present"
                        : "trailing bytes after the payload (" + std::to_string(actual) +
                              " present, " + std::to_string(o.header.payload_length) +
                              " announced)");
  }
  o.payload = bytes.substr(kEnvelopeHeaderSize);
  if (crc32c(o.payload) != o.header.payload_crc) {
    corrupt(source, "payload checksum mismatch (the file is damaged)");
  }
  return o;
}

}  // namespace charter::io
