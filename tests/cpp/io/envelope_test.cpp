// The envelope: layout, checksums, and every way a header or its payload can be wrong.

#include "charter/io/envelope.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

std::uint64_t get_le(const std::string& s, size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

void put_le(std::string& s, size_t at, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// Rewrites the header CRC (bytes 28..31) after a deliberate header change.
void reseal_header(std::string& s) { put_le(s, 28, crc32c(std::string_view(s).substr(0, 28)), 4); }

const std::string kPayload = "a small payload\n";

std::string sample() { return seal(PayloadType::deadline, 7, ArchiveFormat::text, kPayload); }

TEST(Crc32c, CheckValues) {
  // The CRC-32C (Castagnoli) check value; plain CRC-32 would give 0xCBF43926.
  EXPECT_EQ(crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(crc32c(""), 0u);
  // RFC 3720 (iSCSI) B.4 test vector: 32 bytes of zeros.
  EXPECT_EQ(crc32c(std::string(32, '\0')), 0x8A9136AAu);
}

TEST(Envelope, LayoutIsLittleEndianAndDocumented) {
  const std::string s = sample();
  ASSERT_EQ(s.size(), kEnvelopeHeaderSize + kPayload.size());
  EXPECT_EQ(s.substr(0, 4), "CHRT");
  EXPECT_EQ(get_le(s, 4, 2), kEnvelopeVersion);
  EXPECT_EQ(get_le(s, 6, 1), 0u);  // text
  EXPECT_EQ(get_le(s, 7, 1), 0u);  // flags
  EXPECT_EQ(get_le(s, 8, 4), 7u);  // schema version
  EXPECT_EQ(get_le(s, 12, 8), kPayload.size());
  EXPECT_EQ(get_le(s, 20, 4), crc32c(kPayload));
  EXPECT_EQ(get_le(s, 24, 4), 2u);  // deadline
  EXPECT_EQ(get_le(s, 28, 4), crc32c(s.substr(0, 28)));
  EXPECT_EQ(s.substr(32), kPayload);
}

TEST(Envelope, OpensWhatSealWrote) {
  const std::string s = sample();
  const OpenedEnvelope o = open_envelope(s, "sample");
  EXPECT_EQ(o.header.format_version, kEnvelopeVersion);
  EXPECT_EQ(o.header.format, ArchiveFormat::text);
  EXPECT_EQ(o.header.schema_version, 7u);
  EXPECT_EQ(o.header.payload_length, kPayload.size());
  EXPECT_EQ(o.header.payload_crc, crc32c(kPayload));
  EXPECT_EQ(o.header.type, PayloadType::deadline);
  EXPECT_EQ(o.payload, kPayload);
  EXPECT_EQ(o.payload.data(), s.data() + 32);  // a view into the input, no copy

  // An empty payload is a valid envelope of 32 bytes.
  const std::string empty = seal(PayloadType::calendar, 1, ArchiveFormat::binary, "");
  EXPECT_EQ(empty.size(), 32u);
  EXPECT_EQ(open_envelope(empty, "empty").payload.size(), 0u);
  EXPECT_EQ(open_envelope(empty, "empty").header.format, ArchiveFormat::binary);
  EXPECT_STREQ(format_name(ArchiveFormat::xml), "xml");
  EXPECT_STREQ(type_name(PayloadType::calendar), "calendar");
  EXPECT_STREQ(type_name(PayloadType::monthly_report), "monthly report");
}

TEST(Envelope, TooShort) {
  CHARTER_EXPECT_THROW_MSG(
      open_envelope("", "cal.bin"), CorruptFileError,
      "cal.bin: too short to be a charter archive (0 bytes; the header alone is 32)");
  CHARTER_EXPECT_THROW_MSG(open_envelope("C", "cal.bin"), CorruptFileError, "(1 bytes;");
  CHARTER_EXPECT_THROW_MSG(open_envelope(sample().substr(0, 31), "cal.bin"), CorruptFileError,
                           "too short");
}

TEST(Envelope, HeaderOnlyIsTruncated) {
  CHARTER_EXPECT_THROW_MSG(open_envelope(sample().substr(0, 32), "cal.bin"), CorruptFileError,
                           "truncated: the header announces 16 payload bytes, 0 are present");
}

TEST(Envelope, WrongMagic) {
  std::string s = sample();
  s[0] = 'X';
  CHARTER_EXPECT_THROW_MSG(open_envelope(s, "foreign.bin"), CorruptFileError,
                           "foreign.bin: not a charter archive (no CHRT magic at the start)");
  CHARTER_EXPECT_THROW_MSG(open_envelope("<?xml version=\"1.0\"?><boost_serialization/>  ", "x"),
                           CorruptFileError, "no CHRT magic");
}

TEST(Envelope, FutureEnvelopeVersion) {
  std::string s = sample();
  put_le(s, 4, kEnvelopeVersion + 1, 2);
  reseal_header(s);
  CHARTER_EXPECT_THROW_MSG(open_envelope(s, "new.bin"), UnsupportedVersionError,
                           "new.bin: written by a newer charter (envelope version 2, this build "
                           "reads up to 1)");
  // Without the recomputed header CRC the same change is plain damage.
  std::string damaged = sample();
  damaged[4] = 2;
  CHARTER_EXPECT_THROW_MSG(open_envelope(damaged, "x"), CorruptFileError, "header checksum");
}

TEST(Envelope, HeaderFieldsThatCannotBe) {
  {
    std::string s = sample();
    put_le(s, 4, 0, 2);
    reseal_header(s);
    CHARTER_EXPECT_THROW_MSG(open_envelope(s, "x"), CorruptFileError, "envelope version 0");
  }
  {
    std::string s = sample();
    put_le(s, 6, 3, 1);
    reseal_header(s);
    CHARTER_EXPECT_THROW_MSG(open_envelope(s, "x"), CorruptFileError, "unknown archive format 3");
  }
  {
    std::string s = sample();
    put_le(s, 7, 0x80, 1);
    reseal_header(s);
    CHARTER_EXPECT_THROW_MSG(open_envelope(s, "x"), CorruptFileError, "unknown flags");
  }
  for (std::uint32_t type : {0u, 12u, 0xFFFFFFFFu}) {
    std::string s = sample();
    put_le(s, 24, type, 4);
    reseal_header(s);
    CHARTER_EXPECT_THROW_MSG(open_envelope(s, "x"), CorruptFileError,
                             "unknown payload type " + std::to_string(type));
  }
}

TEST(Envelope, HeaderChecksumMismatch) {
  std::string s = sample();
  s[28] = static_cast<char>(s[28] ^ 1);
  CHARTER_EXPECT_THROW_MSG(open_envelope(s, "x"), CorruptFileError,
                           "header checksum mismatch (the file is damaged)");
}

TEST(Envelope, PayloadChecksumMismatch) {
  std::string s = sample();
  s.back() = static_cast<char>(s.back() ^ 0x10);
  CHARTER_EXPECT_THROW_MSG(open_envelope(s, "x"), CorruptFileError,
                           "payload checksum mismatch (the file is damaged)");
}

TEST(Envelope, TrailingBytes) {
  CHARTER_EXPECT_THROW_MSG(open_envelope(sample() + "!", "x"), CorruptFileError,
                           "trailing bytes after the payload (17 present, 16 announced)");
}

TEST(Envelope, PayloadLengthsThatLie) {
  for (std::uint64_t len : {std::uint64_t{0}, std::uint64_t{15}, std::uint64_t{17},
                            std::uint64_t{1} << 31, std::uint64_t{1} << 63, ~std::uint64_t{0}}) {
    std::string s = sample();
    put_le(s, 12, len, 8);
    reseal_header(s);
    EXPECT_THROW(open_envelope(s, "x"), CorruptFileError) << len;
  }
  std::string s = sample();
  put_le(s, 12, std::uint64_t{1} << 63, 8);
  reseal_header(s);
  CHARTER_EXPECT_THROW_MSG(open_envelope(s, "x"), CorruptFileError,
                           "truncated: the header announces 9223372036854775808 payload bytes");
}

TEST(Envelope, EveryPrefixIsRejected) {
  const std::string s = sample();
  for (size_t n = 0; n < s.size(); ++n) {
    EXPECT_THROW(open_envelope(s.substr(0, n), "x"), CorruptFileError) << "prefix of " << n;
  }
}

TEST(Envelope, EverySingleBitFlipIsRejected) {
  // The header CRC covers bytes 0..27, the header CRC itself is compared, and the payload CRC
  // covers the rest: no bit can change unnoticed.
  const std::string s = sample();
  for (size_t i = 0; i < s.size() * 8; ++i) {
    std::string m = s;
    m[i / 8] = static_cast<char>(m[i / 8] ^ (1 << (i % 8)));
    try {
      open_envelope(m, "x");
      ADD_FAILURE() << "flip of bit " << i << " was accepted";
    } catch (const CorruptFileError&) {
    } catch (const UnsupportedVersionError&) {
    }
  }
}

}  // namespace
}  // namespace charter::io
