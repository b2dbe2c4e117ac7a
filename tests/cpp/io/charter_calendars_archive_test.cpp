// The calendars of one saved charter are bounded together, not only one by one
// (io::kMaxCharterCalendarIntervals, serialize_org.hpp). Each calendar may hold up to
// calendar::kMaxCalendarIntervals open intervals (about 40 MB of index) and a charter up to
// kMaxCalendars calendars, yet a calendar near its bound is a few hundred bytes of payload: the
// archive fuzzer's fuzz/regressions-archive/charter-text-calendars-amplification, 60 such
// calendars in a 31 KB file, took more than 2 GB to load. The same holds for the charter that a
// saved case, tracker or findings embed, and a charter that could not be loaded is not saved.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <variant>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/calendar_spec.hpp"
#include "charter/io/archive.hpp"
#include "charter/io/serialize_findings.hpp"
#include "charter/io/serialize_org.hpp"
#include "charter/io/serialize_workflow.hpp"
#include "charter/model/charter.hpp"
#include "io/archive_test_support.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using boost::gregorian::date;

// Four hundred years open six hours a day, every day: just under one calendar's bound.
calendar::CalendarSpec four_centuries(const std::string& name) {
  calendar::CalendarSpec spec;
  spec.name = name;
  spec.zone = "UTC";
  spec.first_day = date(1800, 1, 1);
  spec.last_day = date(2199, 12, 31);
  for (auto& day : spec.week.days) {
    day.clear();
    for (long k = 0; k < 6; ++k) day.push_back({k * 7200, k * 7200 + 3600});
  }
  return spec;
}

// The parts of a charter with `n` such calendars, c0 … c(n-1), and nothing else.
CharterParts with_calendars(int n) {
  CharterParts p;
  p.name = LocalizedText{"日历", "Calendars"};
  for (int i = 0; i < n; ++i) p.calendars.emplace_back("c" + std::to_string(i), four_centuries("c" + std::to_string(i)));
  return p;
}

TEST(CharterCalendarsInArchives, OneCalendarNearItsBoundIsFarBelowTheCharterBound) {
  const std::uint64_t one = calendar::count_intervals(four_centuries("c0"));
  EXPECT_EQ(one, 876582u);
  EXPECT_LE(one, calendar::kMaxCalendarIntervals);
  EXPECT_GT(2 * one, kMaxCharterCalendarIntervals);
  // The built-in charter's calendars together are far below the bound.
  std::uint64_t builtin_total = 0;
  for (const auto& [id, cal] : builtin().calendars()) builtin_total += calendar::count_intervals(cal.spec());
  EXPECT_LT(builtin_total, kMaxCharterCalendarIntervals / 100);
}

TEST(CharterCalendarsInArchives, SixtyLargeCalendarsAreRefusedBeforeAnyIsBuilt) {
  // What the fuzzer found, in the binary layout of every charter version: refused at the second
  // calendar, from the specs alone (before, each of the 60 was built: more than 2 GB).
  for (std::uint32_t schema = kOldestCharterSchema; schema <= kCharterSchema; ++schema) {
    SCOPED_TRACE("charter payload version " + std::to_string(schema));
    const std::string m = test::expect_refused(
        seal(PayloadType::charter, schema, ArchiveFormat::binary, test::charter_payload(with_calendars(60), schema)),
        "60 calendars");
    EXPECT_NE(m.find("the calendars up to 'c1' hold 1753164 open intervals together"), std::string::npos) << m;
    EXPECT_NE(m.find("at most 1000000"), std::string::npos) << m;
  }
}

TEST(CharterCalendarsInArchives, TheCharterOfASavedCaseTrackerOrFindingsIsBoundedToo) {
  // Their payloads start with the charter (serialize_workflow.hpp, serialize_findings.hpp): the
  // refusal comes before anything else is read.
  const std::string embedded = test::charter_payload(with_calendars(2), kEmbeddedCharterSchema);
  for (const PayloadType type : {PayloadType::workflow_case, PayloadType::tracker}) {
    SCOPED_TRACE(type_name(type));
    const std::string m = test::expect_refused(seal(type, 1, ArchiveFormat::binary, embedded), "two calendars");
    EXPECT_NE(m.find("open intervals together"), std::string::npos) << m;
  }
  const std::string m = test::expect_refused(
      seal(PayloadType::findings, kFindingsSchema, ArchiveFormat::binary,
           test::charter_payload(with_calendars(2), kFindingsCharterSchema)),
      "findings");
  EXPECT_NE(m.find("open intervals together"), std::string::npos) << m;
}

TEST(CharterCalendarsInArchives, CalendarsWithinTheBoundTogetherSaveAndLoad) {
  // One large calendar and the built-in hotline: 877,678 intervals, under the bound.
  std::map<std::string, calendar::BusinessCalendar> calendars{
      {"large", calendar::BusinessCalendar(four_centuries("large"))},
      {"hotline", builtin().calendar("hotline")}};
  const Charter c(LocalizedText{"两本日历", "Two calendars"}, std::move(calendars), org::Organization());
  for (const ArchiveFormat f : test::kFormats) {
    SCOPED_TRACE(format_name(f));
    const Saved back = from_bytes(to_bytes(c, f));
    ASSERT_TRUE(std::holds_alternative<Charter>(back));
    EXPECT_EQ(std::get<Charter>(back), c);
  }
}

TEST(CharterCalendarsInArchives, ACharterTheLoadWouldRefuseIsNotSaved) {
  // Built in memory (as from a charter file), two large calendars are a valid charter; saving it
  // would write a file that no load accepts, so it is refused with the reason.
  std::map<std::string, calendar::BusinessCalendar> calendars{
      {"a", calendar::BusinessCalendar(four_centuries("a"))}, {"b", calendar::BusinessCalendar(four_centuries("b"))}};
  const Charter c(LocalizedText{"", "Too much open time"}, std::move(calendars), org::Organization());
  for (const ArchiveFormat f : test::kFormats) {
    SCOPED_TRACE(format_name(f));
    CHARTER_EXPECT_THROW_MSG(to_bytes(c, f), SerializationError,
                             "the charter's calendars hold 1753164 open intervals together; at most 1000000 can be "
                             "loaded, so it cannot be saved");
  }
}

}  // namespace
}  // namespace charter::io
