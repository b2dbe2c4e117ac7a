#pragma once
// Helpers shared by the archive tests (archive_test.cpp, org_archive_test.cpp).

#include <gtest/gtest.h>

#include <boost/core/demangle.hpp>
#include <string>
#include <typeinfo>

#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/envelope.hpp"

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

}  // namespace charter::test
