#pragma once
// Helpers shared by the C++ tests.
//
//   CHARTER_EXPECT_THROW_MSG(stmt, ExceptionType, "substring")
//       stmt must throw ExceptionType (or a subclass) whose what() contains "substring".
//   local(cal, "2025-09-30 17:30")   local wall time in cal's zone → UTC instant
//   utc("2025-09-30 09:30")          the same text read as UTC
//   zone_calendar("America/New_York")   weekdays 09:00–17:00 in a zone, 2024–2026, for its zone
//   TempDir                          a fresh directory under /tmp, removed with its content
//   read_all(path), write_all(path, bytes)   a whole file's bytes (write_all truncates)

#include <gtest/gtest.h>

#include <boost/core/demangle.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <typeinfo>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/calendar_spec.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/calendar/opening_hours.hpp"

#define CHARTER_EXPECT_THROW_MSG(stmt, ExceptionType, substring)                               \
  do {                                                                                         \
    bool charter_caught_ = false;                                                              \
    try {                                                                                      \
      stmt;                                                                                    \
    } catch (const ExceptionType& charter_e_) {                                                \
      charter_caught_ = true;                                                                  \
      const std::string charter_what_ = charter_e_.what();                                     \
      EXPECT_NE(charter_what_.find(substring), std::string::npos)                              \
          << "  statement: " #stmt "\n  threw " #ExceptionType " with message:\n    "          \
          << charter_what_ << "\n  which does not contain:\n    " << (substring);              \
    } catch (const std::exception& charter_e_) {                                               \
      charter_caught_ = true;                                                                  \
      ADD_FAILURE() << "  statement: " #stmt "\n  expected " #ExceptionType ", threw "         \
                    << boost::core::demangle(typeid(charter_e_).name()) << ": "                \
                    << charter_e_.what();                                                      \
    } catch (...) {                                                                            \
      charter_caught_ = true;                                                                  \
      ADD_FAILURE() << "  statement: " #stmt "\n  expected " #ExceptionType                    \
                       ", threw something that is not a std::exception";                       \
    }                                                                                          \
    if (!charter_caught_) {                                                                    \
      ADD_FAILURE() << "  statement: " #stmt "\n  expected " #ExceptionType ", threw nothing"; \
    }                                                                                          \
  } while (false)

namespace charter::test {

using boost::gregorian::date;
using boost::posix_time::hours;
using boost::posix_time::minutes;
using boost::posix_time::ptime;
using boost::posix_time::seconds;
using boost::posix_time::time_duration;

/// Local wall time ("YYYY-MM-DD HH:MM[:SS]") in the calendar's zone, as a UTC instant.
inline ptime local(const calendar::BusinessCalendar& cal, std::string_view text,
                   calendar::Fold fold = calendar::Fold::earlier) {
  return cal.from_local(calendar::parse_date_time(text), fold);
}

/// The same text read as a UTC instant.
inline ptime utc(std::string_view text) { return calendar::parse_date_time(text); }

/// A calendar of weekdays 09:00–17:00 over 2024–2026 in `zone`, for tests that need only its
/// zone (its DST gaps and overlaps).
inline calendar::BusinessCalendar zone_calendar(const std::string& zone) {
  calendar::CalendarSpec spec;
  spec.name = zone + " office";
  spec.zone = zone;
  spec.week = calendar::WeeklySchedule::weekdays(calendar::parse_day_hours({{"09:00", "17:00"}}));
  spec.first_day = date(2024, 1, 1);
  spec.last_day = date(2026, 12, 31);
  return calendar::BusinessCalendar(spec);
}

inline std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_all(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// A UTC instant as local wall-time text, for failure messages.
inline std::string show_local(const calendar::BusinessCalendar& cal, const ptime& t) {
  return boost::posix_time::to_simple_string(cal.to_local(t));
}

/// A directory under /tmp that exists for the lifetime of the object.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "charter-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace charter::test
