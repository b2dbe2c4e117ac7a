// The test helpers themselves: CHARTER_EXPECT_THROW_MSG must fail on a wrong type, a wrong
// message and no exception at all, and local() must read wall times in the calendar's zone.

#include "test_support.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "charter/calendar/china.hpp"
#include "charter/error.hpp"

namespace charter::test {
namespace {

void throw_parse_error() { throw ParseError("deadline 'x': bad at column 3"); }
void throw_nothing() {}

TEST(TestSupport, ExpectThrowMsgPassesOnTypeAndSubstring) {
  CHARTER_EXPECT_THROW_MSG(throw_parse_error(), ParseError, "column 3");
  CHARTER_EXPECT_THROW_MSG(throw_parse_error(), Error, "bad at");  // a base class matches
}

TEST(TestSupport, ExpectThrowMsgFailsOnAnythingElse) {
  EXPECT_NONFATAL_FAILURE(CHARTER_EXPECT_THROW_MSG(throw_parse_error(), ParseError, "column 4"),
                          "which does not contain");
  EXPECT_NONFATAL_FAILURE(CHARTER_EXPECT_THROW_MSG(throw_parse_error(), CalendarError, "column"),
                          "expected CalendarError, threw charter::ParseError");
  EXPECT_NONFATAL_FAILURE(CHARTER_EXPECT_THROW_MSG(throw_nothing(), ParseError, "x"),
                          "threw nothing");
  EXPECT_NONFATAL_FAILURE(CHARTER_EXPECT_THROW_MSG(throw 42, ParseError, "x"),
                          "not a std::exception");
}

TEST(TestSupport, LocalReadsWallTimeInTheCalendarsZone) {
  // Asia/Shanghai is UTC+8.
  const calendar::BusinessCalendar cn = calendar::china_calendar();
  EXPECT_EQ(local(cn, "2025-09-30 17:30"), utc("2025-09-30 09:30"));
  EXPECT_EQ(show_local(cn, utc("2025-09-30 09:30")), "2025-Sep-30 17:30:00");
}

}  // namespace
}  // namespace charter::test
