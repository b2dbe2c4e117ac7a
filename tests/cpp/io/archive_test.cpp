// Saving and loading calendars and deadlines: round trips in every format, golden archives,
// the locale, and damaged, truncated, foreign or forged input — always a typed error, never a
// crash, never an allocation sized by the file.

#include "charter/io/archive.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <locale>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "charter/calendar/china.hpp"
#include "charter/error.hpp"
#include "charter/io/atomic_file.hpp"
#include "charter/io/serialize_calendar.hpp"
#include "charter/io/serialize_org.hpp"
#include "io/golden_values.hpp"
#include "io/archive_test_support.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using charter::test::expect_refused;
using charter::test::forge;
using charter::test::kFormats;
using charter::test::payload_of;
using charter::test::replace_first;
using charter::test::write_payload;

using boost::gregorian::date;
using boost::posix_time::hours;
using calendar::BusinessCalendar;
using calendar::Deadline;
using test::local;


using test::read_all;

std::vector<Deadline> every_kind_of_deadline() {
  return {Deadline::clock(hours(48)), Deadline::parse("immediately"), Deadline::business(hours(24)),
          Deadline::business(boost::posix_time::seconds(45)),
          Deadline::business(boost::posix_time::seconds(90)), Deadline::business_days(0),
          Deadline::business_days(1), Deadline::business_days(2), Deadline::calendar_days(3),
          Deadline::months(6), Deadline::end_of_month()};
}

BusinessCalendar custom_calendar() { return BusinessCalendar(test::golden_calendar_spec()); }

// A smaller calendar for the exhaustive mutation tests: two weeks in Berlin around the
// spring-forward night, with a night shift, an extra working day and special hours.
BusinessCalendar tiny_calendar() {
  calendar::CalendarSpec spec;
  spec.name = "tiny";
  spec.zone = "Europe/Berlin";
  spec.week = calendar::WeeklySchedule::weekdays(calendar::parse_day_hours({{"09:00", "17:00"}}));
  spec.week.days[6] = calendar::parse_day_hours({{"22:00", "06:00"}});
  spec.first_day = date(2024, 3, 25);
  spec.last_day = date(2024, 4, 7);
  spec.holidays[date(2024, 3, 29)] = "GF";
  spec.extra_workdays[date(2024, 3, 31)] = calendar::ExtraWorkday{"E", std::nullopt};
  spec.special_hours[date(2024, 4, 2)] = calendar::parse_day_hours({{"10:00", "12:00"}});
  return BusinessCalendar(spec);
}


// ---------------------------------------------------------------------------------------------
// Round trips

TEST(ArchiveRoundTrip, ChinaCalendarInEveryFormat) {
  const BusinessCalendar cn = calendar::china_calendar();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(cn, f);
    EXPECT_EQ(open_envelope(bytes, "x").header.format, f);
    EXPECT_EQ(open_envelope(bytes, "x").header.type, PayloadType::calendar);
    EXPECT_EQ(open_envelope(bytes, "x").header.schema_version, kCalendarSchema);
    const Saved loaded = from_bytes(bytes);
    ASSERT_TRUE(std::holds_alternative<BusinessCalendar>(loaded));
    const BusinessCalendar& back = std::get<BusinessCalendar>(loaded);
    EXPECT_EQ(back.spec(), cn.spec());
    EXPECT_EQ(back, cn);
    // The rebuilt calendar answers like the original: Friday before National Day 2025,
    // reply due Tue 09-30 13:00 (see business_calendar_test.cpp for the derivation).
    EXPECT_EQ(back.add(local(back, "2025-09-26 17:30"), hours(24)), local(cn, "2025-09-30 13:00"));
    // Saving again gives the same bytes.
    EXPECT_EQ(to_bytes(back, f), bytes);
  }
}

TEST(ArchiveRoundTrip, CustomCalendarInEveryFormat) {
  const BusinessCalendar cal = custom_calendar();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const BusinessCalendar back = std::get<BusinessCalendar>(from_bytes(to_bytes(cal, f)));
    EXPECT_EQ(back.spec(), cal.spec());
    EXPECT_EQ(back.name(), "客服中心 Berlin");
    EXPECT_EQ(back.zone(), "Europe/Berlin");
    // The extra working day without hours (Sun 2024-03-31) still uses Monday's hours.
    EXPECT_FALSE(back.spec().extra_workdays.at(date(2024, 3, 31)).hours.has_value());
    EXPECT_EQ(back.hours_on(date(2024, 3, 31)), cal.spec().week[1]);
    EXPECT_EQ(back.hours_on(date(2024, 4, 7)), calendar::parse_day_hours({{"12:00", "16:00"}}));
  }
}

TEST(ArchiveRoundTrip, TextThatIsHardForXml) {
  calendar::CalendarSpec spec = tiny_calendar().spec();
  spec.name = std::string("A&B <客服> \"quoted\" 'single'\n\ttab \x01 and a NUL: ") + '\0' + " end";
  spec.holidays[date(2024, 3, 29)] = "</bytes></name>";
  spec.range_note = std::string(kMaxStringBytes, 'x');  // the longest string allowed
  const BusinessCalendar cal(spec);
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    EXPECT_EQ(std::get<BusinessCalendar>(from_bytes(to_bytes(cal, f))).spec(), spec);
  }
  spec.range_note += "x";  // one byte too many
  CHARTER_EXPECT_THROW_MSG(to_bytes(BusinessCalendar(spec)), SerializationError,
                           "field 'range_note' is longer than 4096 bytes and cannot be saved");
}

TEST(ArchiveRoundTrip, EveryKindOfDeadlineInEveryFormat) {
  for (const Deadline& d : every_kind_of_deadline()) {
    for (ArchiveFormat f : kFormats) {
      SCOPED_TRACE(d.text() + " as " + format_name(f));
      const std::string bytes = to_bytes(d, f);
      EXPECT_EQ(open_envelope(bytes, "x").header.type, PayloadType::deadline);
      const Saved loaded = from_bytes(bytes);
      ASSERT_TRUE(std::holds_alternative<Deadline>(loaded));
      EXPECT_EQ(std::get<Deadline>(loaded), d);
      EXPECT_EQ(std::get<Deadline>(loaded).duration(), d.duration());  // to the microsecond
    }
  }
}

TEST(ArchiveRoundTrip, SaveAndLoadThroughFiles) {
  const test::TempDir dir;
  const BusinessCalendar cn = calendar::china_calendar();
  const BusinessCalendar custom = custom_calendar();
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string name = std::string("cal.") + format_name(f);
    save(cn, dir.file(name), f);
    EXPECT_EQ(read_all(dir.file(name)), to_bytes(cn, f));
    EXPECT_EQ(load_as<BusinessCalendar>(dir.file(name)), cn);
    save(custom, dir.file(name), f);  // replaces the file
    EXPECT_EQ(load_as<BusinessCalendar>(dir.file(name)).spec(), custom.spec());
    for (const Deadline& d : every_kind_of_deadline()) {
      save(d, dir.file("deadline"), f);
      EXPECT_EQ(load_as<Deadline>(dir.file("deadline")), d) << d.text();
    }
  }
  // Binary is the default format.
  save(Deadline::months(6), dir.file("default"));
  EXPECT_EQ(open_envelope(read_all(dir.file("default")), "x").header.format, ArchiveFormat::binary);
  // Asking for the wrong type names the file.
  CHARTER_EXPECT_THROW_MSG(
      load_as<BusinessCalendar>(dir.file("default")), CorruptFileError,
      dir.file("default") + ": holds a different kind of object than requested");
}

// ---------------------------------------------------------------------------------------------
// Golden archives (tests/data/, written once by make_golden_archives.cpp)

TEST(ArchiveGolden, CalendarFilesLoadAndMatch) {
  const calendar::CalendarSpec expected = test::golden_calendar_spec();
  for (const auto& g : test::golden_calendar_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const BusinessCalendar cal = load_as<BusinessCalendar>(path);
    EXPECT_EQ(cal.spec(), expected);
    // Facts of the golden calendar: Good Friday closed; Easter Sunday worked on Monday's hours.
    EXPECT_FALSE(cal.is_business_day(date(2024, 3, 29)));
    EXPECT_EQ(cal.hours_on(date(2024, 3, 31)),
              calendar::parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}}));
    // What this build writes is still byte for byte what was written then.
    EXPECT_EQ(to_bytes(BusinessCalendar(expected), g.format), read_all(path));
  }
}

TEST(ArchiveGolden, DeadlineFilesLoadAndMatch) {
  for (const auto& g : test::golden_deadline_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const Deadline d = load_as<Deadline>(path);
    EXPECT_EQ(d, Deadline::parse("48 business hours"));
    EXPECT_EQ(to_bytes(test::golden_deadline(), g.format), read_all(path));
  }
}

TEST(ArchiveGolden, CharterFilesLoadAndMatch) {
  const Charter expected = test::golden_charter();
  for (const auto& g : test::golden_charter_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const std::string bytes = read_all(path);
    ASSERT_EQ(open_envelope(bytes, path).header.schema_version, 6u);
    const Charter c = load_as<Charter>(path);
    EXPECT_EQ(c, expected);
    // Since version 5: the survey designs in their order, numbers to the bit, and the appraisal scheme.
    ASSERT_EQ(c.surveys().size(), 2u);
    EXPECT_EQ(c.surveys()[0].spec(), test::golden_survey_spec());
    EXPECT_EQ(c.survey("R-25").tiers()[0].weight, 0.1);
    EXPECT_EQ(c.survey("R-25").tiers()[2].population, 5'000'000'000LL);
    EXPECT_EQ(c.survey("on_site").dimensions(), cycle::common_dimensions());
    ASSERT_TRUE(c.appraisal().has_value());
    EXPECT_EQ(c.appraisal()->spec(), test::golden_appraisal_spec());
    EXPECT_EQ(c.appraisal()->grade_of(92.5).id, "excellent");
    // Everything of version 4 is there as it was.
    EXPECT_EQ(c.cycles().size(), test::golden_cycle_specs().size());
    EXPECT_EQ(c.standards().size(), test::golden_standard_specs().size());
    // Version 6: the rectification entries of cycles and standards, rebuilt and validated with
    // them.
    ASSERT_TRUE(c.cycle("R-20").spec().rectification);
    const cycle::Rectification& check = *c.cycle("R-20").spec().rectification;
    EXPECT_EQ(check.on, (std::vector<cycle::State>{cycle::State::overdue, cycle::State::missed}));
    EXPECT_EQ(check.deadline, Deadline::parse("5 business days"));
    EXPECT_EQ(check.severity, "major");
    ASSERT_TRUE(c.cycle("R-25").spec().rectification);
    EXPECT_EQ(c.cycle("R-25").spec().rectification->unit, "web_shop");
    EXPECT_FALSE(c.cycle("R-21").spec().rectification);
    ASSERT_TRUE(c.standard("greet").spec().rectification);
    const standard::Rectification& greet = *c.standard("greet").spec().rectification;
    EXPECT_EQ(greet.below, 0.95);
    EXPECT_EQ(greet.min_checked, 10);
    EXPECT_EQ(greet.period, standard::Period::week);
    EXPECT_EQ(greet.deadline, Deadline::parse("end of next business day"));
    EXPECT_FALSE(c.standard("R-05").spec().rectification);
    EXPECT_EQ(c.organization().unit("web_shop").since, boost::gregorian::date(2025, 6, 15));
    EXPECT_EQ(to_bytes(expected, g.format), bytes);
  }
}

TEST(ArchiveVersions, RectificationCannotBeWrittenInOlderLayouts) {
  CHARTER_EXPECT_THROW_MSG(
      write_payload(ArchiveFormat::binary, [&](auto& ar) { save_charter(ar, test::golden_charter(), 5); }),
      SerializationError, "rectification entry");
  // Findings of version 1 embedded standards in layout 1, which has no room for one either.
  CHARTER_EXPECT_THROW_MSG(
      write_payload(ArchiveFormat::binary, [&](auto& ar) { save_standard(ar, test::golden_charter().standard("greet").spec(), 1); }),
      SerializationError, "standard 'greet' has a rectification entry, which standard layout 1 cannot hold");
  // The current version holds them, and what it writes reads back equal.
  for (auto f : {ArchiveFormat::binary, ArchiveFormat::text, ArchiveFormat::xml}) {
    EXPECT_EQ(std::get<Charter>(from_bytes(to_bytes(test::golden_charter(), f))), test::golden_charter());
  }
}

TEST(ArchiveForged, RectificationEntriesAreCheckedOnLoad) {
  const auto sealed = [](const CharterParts& p) {
    return seal(PayloadType::charter, kCharterSchema, ArchiveFormat::binary, test::charter_payload(p));
  };
  CharterParts p = test::parts_of(test::golden_charter());
  EXPECT_EQ(std::get<Charter>(from_bytes(sealed(p))), test::golden_charter());
  // A state past the enumeration is no state.
  CharterParts bad_state = p;
  for (auto& c : bad_state.cycles) {
    if (c.rectification) c.rectification->on[0] = static_cast<cycle::State>(9);
  }
  CHARTER_EXPECT_THROW_MSG(from_bytes(sealed(bad_state), "forged"), CorruptFileError, "unknown occurrence state");
  // Well-formed, but what a charter file would refuse: rebuilt and validated, then refused.
  CharterParts not_a_failure = p;
  for (auto& c : not_a_failure.cycles) {
    if (c.rectification) c.rectification->on[0] = cycle::State::done;
  }
  CHARTER_EXPECT_THROW_MSG(from_bytes(sealed(not_a_failure), "forged"), CorruptFileError, "'done' is not a failure");
  CharterParts too_high = p;
  for (auto& s : too_high.standards) {
    if (s.rectification) s.rectification->below = 1.5;
  }
  CHARTER_EXPECT_THROW_MSG(from_bytes(sealed(too_high), "forged"), CorruptFileError,
                           "rectification.below: the rate a notice is raised below must be more than 0 and at most 1");
}

TEST(ArchiveGolden, CharterFilesOfSchemaVersion5StillLoad) {
  // Written before standards and cycles held rectification entries (charter payload version 5)
  // and never rewritten.
  const Charter expected = test::golden_charter_v5();
  for (const auto& g : test::golden_charter_v5_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const std::string bytes = read_all(path);
    ASSERT_EQ(open_envelope(bytes, path).header.schema_version, 5u);
    const Charter c = load_as<Charter>(path);
    EXPECT_EQ(c, expected);
    EXPECT_EQ(c.surveys().size(), 2u);
    for (const auto& s : c.standards()) EXPECT_FALSE(s.spec().rectification) << s.id();
    for (const auto& cy : c.cycles()) EXPECT_FALSE(cy.spec().rectification) << cy.id();
    // Written again in the version-5 layout, the same payload byte for byte.
    EXPECT_EQ(write_payload(g.format, [&](auto& ar) { save_charter(ar, c, 5); }), payload_of(bytes));
  }
}

TEST(ArchiveGolden, CharterFilesOfSchemaVersion4StillLoad) {
  // Written before charters held survey designs and an appraisal scheme (charter payload
  // version 4) and never rewritten.
  const Charter expected = test::golden_charter_v4();
  for (const auto& g : test::golden_charter_v4_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const std::string bytes = read_all(path);
    ASSERT_EQ(open_envelope(bytes, path).header.schema_version, 4u);
    const Charter c = load_as<Charter>(path);
    EXPECT_EQ(c, expected);
    EXPECT_TRUE(c.surveys().empty());
    EXPECT_FALSE(c.appraisal().has_value());
    // Version 4: the cycles in their order, each rebuilt against the loaded calendars and
    // organisation, and the unit set up on a date.
    const std::vector<cycle::CycleSpec> cycles = test::golden_cycle_specs();
    ASSERT_EQ(c.cycles().size(), cycles.size());
    for (size_t i = 0; i < cycles.size(); ++i) EXPECT_EQ(c.cycles()[i].spec(), cycles[i]) << cycles[i].id;
    EXPECT_EQ(c.cycle("R-25").owner(), "agent");
    EXPECT_EQ(c.organization().unit("web_shop").since, boost::gregorian::date(2025, 6, 15));
    // Facts of the golden charter: the denial wins; the agent escalates to the manager.
    EXPECT_FALSE(c.organization().may_staff("s-2", "complaint.close").allowed);
    EXPECT_EQ(c.organization().escalation_chain("agent").at(0).id, "cs_manager");
    EXPECT_EQ(c.organization().staff_member("s-1").name, "王芳");
    // The workflow is rebuilt against the loaded calendars and organisation.
    ASSERT_EQ(c.workflows().size(), 1u);
    EXPECT_EQ(c.workflow("complaint").spec(), test::golden_workflow_spec());
    EXPECT_EQ(c.workflow("complaint").calendar().name(), "客服中心 Berlin");
    EXPECT_EQ(c.workflow("complaint").timer("resolution").goal.rules.at("major"),
              Deadline::parse("24 business hours"));
    // The standards, in their order, each rebuilt against them too: R-05's owner comes from the
    // loaded RACI, R-10 counts on the loaded calendar, the phrase lists are compiled again.
    const std::vector<standard::StandardSpec> specs = test::golden_standard_specs();
    ASSERT_EQ(c.standards().size(), specs.size());
    for (size_t i = 0; i < specs.size(); ++i) EXPECT_EQ(c.standards()[i].spec(), specs[i]) << specs[i].id;
    EXPECT_EQ(c.standard("R-05").owner(), "cs_manager");
    EXPECT_EQ(std::get<standard::Threshold>(c.standard("R-05").spec().rule).at_most, 4.5);
    EXPECT_EQ(c.standard("R-10").calendar()->name(), "客服中心 Berlin");
    EXPECT_EQ(std::get<standard::DeadlineRule>(c.standard("R-10").spec().rule).rules.back().rule,
              Deadline::parse("4 business hours"));
    EXPECT_NE(c.standard("forbidden_phrases").forbidden_matcher(), nullptr);
    EXPECT_EQ(c.standard("forbidden_phrases").title().zh, "服务忌语 <与> & \"文明用语\"");
    for (const auto& s : c.standards()) EXPECT_FALSE(s.spec().rectification) << s.id();
    for (const auto& cy : c.cycles()) EXPECT_FALSE(cy.spec().rectification) << cy.id();
    // Written again in the version-4 layout, the same payload byte for byte.
    EXPECT_EQ(write_payload(g.format, [&](auto& ar) { save_charter(ar, c, 4); }), payload_of(bytes));
    // Saved again, it is written in the current version, which reads back the same.
    const std::string again = to_bytes(c, g.format);
    EXPECT_EQ(open_envelope(again, "again").header.schema_version, kCharterSchema);
    EXPECT_EQ(std::get<Charter>(from_bytes(again)), expected);
  }
}

TEST(ArchiveGolden, CharterFilesOfSchemaVersion3StillLoad) {
  // Written before charters held cycles (charter payload version 3) and never rewritten.
  const Charter expected = test::golden_charter_v3();
  for (const auto& g : test::golden_charter_v3_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const std::string bytes = read_all(path);
    ASSERT_EQ(open_envelope(bytes, path).header.schema_version, 3u);
    const Charter c = load_as<Charter>(path);
    EXPECT_EQ(c, expected);
    EXPECT_TRUE(c.cycles().empty());
    EXPECT_EQ(c.standards().size(), test::golden_standard_specs().size());
    // Version 3 is still what saved findings embed: written again in it, the same payload.
    EXPECT_EQ(write_payload(g.format, [&](auto& ar) { save_charter(ar, c, 3); }), payload_of(bytes));
    // Saved again, it is written in the current version, which reads back the same.
    const std::string again = to_bytes(c, g.format);
    EXPECT_EQ(open_envelope(again, "again").header.schema_version, kCharterSchema);
    EXPECT_EQ(std::get<Charter>(from_bytes(again)), expected);
  }
}

TEST(ArchiveVersions, CyclesCannotBeWrittenInOlderLayouts) {
  for (std::uint32_t schema : {2u, 3u, 4u}) {
    CHARTER_EXPECT_THROW_MSG(write_payload(ArchiveFormat::binary, [&](auto& ar) { save_charter(ar, builtin(), schema); }),
                             SerializationError, "cannot hold");
  }
  // Version 4 holds cycles but no survey designs and no appraisal scheme.
  const Charter g = test::golden_charter();
  CHARTER_EXPECT_THROW_MSG(write_payload(ArchiveFormat::text, [&](auto& ar) { save_charter(ar, g, 4); }),
                           SerializationError, "charter payload version 4 cannot hold survey designs");
  const Charter appraisal_only(g.name(), g.calendars(), g.organization(), g.workflows(), g.standards(), g.cycles(),
                               {}, g.appraisal());
  CHARTER_EXPECT_THROW_MSG(write_payload(ArchiveFormat::text, [&](auto& ar) { save_charter(ar, appraisal_only, 4); }),
                           SerializationError, "charter payload version 4 cannot hold an appraisal scheme");
  // The built-in charter, cycles and all, goes through the current version unchanged.
  for (auto f : {ArchiveFormat::binary, ArchiveFormat::text, ArchiveFormat::xml}) {
    EXPECT_EQ(std::get<Charter>(from_bytes(to_bytes(builtin(), f))), builtin());
  }
}

TEST(ArchiveGolden, CharterFilesOfSchemaVersion2StillLoad) {
  // Written before charters held standards (charter payload version 2) and never rewritten.
  const Charter expected = test::golden_charter_v2();
  for (const auto& g : test::golden_charter_v2_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const std::string bytes = read_all(path);
    ASSERT_EQ(open_envelope(bytes, path).header.schema_version, 2u);
    const Charter c = load_as<Charter>(path);
    EXPECT_EQ(c, expected);
    EXPECT_TRUE(c.standards().empty());
    ASSERT_EQ(c.workflows().size(), 1u);
    EXPECT_EQ(c.workflow("complaint").spec(), test::golden_workflow_spec());
    EXPECT_EQ(c.workflow("complaint").calendar().name(), "客服中心 Berlin");
    // The version-2 layout is still what a case or tracker embeds: written again in it, the
    // charter gives the same payload byte for byte.
    EXPECT_EQ(write_payload(g.format, [&](auto& ar) { save_charter(ar, c, kEmbeddedCharterSchema); }),
              payload_of(bytes));
    // Saved again, it is written in the current version, which reads back the same.
    const std::string again = to_bytes(c, g.format);
    EXPECT_EQ(open_envelope(again, "again").header.schema_version, kCharterSchema);
    EXPECT_EQ(std::get<Charter>(from_bytes(again)), expected);
  }
}

TEST(ArchiveGolden, CharterFilesOfSchemaVersion1StillLoad) {
  // Written before charters held workflows (charter payload version 1) and never rewritten.
  const Charter expected = test::golden_charter_v1();
  for (const auto& g : test::golden_charter_v1_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const std::string bytes = read_all(path);
    ASSERT_EQ(open_envelope(bytes, path).header.schema_version, 1u);
    const Charter c = load_as<Charter>(path);
    EXPECT_EQ(c, expected);
    EXPECT_TRUE(c.workflows().empty());
    EXPECT_TRUE(c.standards().empty());
    EXPECT_FALSE(c.organization().may_staff("s-2", "complaint.close").allowed);
    // Saved again, it is written in the current version, which reads back the same.
    const std::string again = to_bytes(c, g.format);
    EXPECT_EQ(open_envelope(again, "again").header.schema_version, kCharterSchema);
    EXPECT_EQ(std::get<Charter>(from_bytes(again)), expected);
  }
}

// ---------------------------------------------------------------------------------------------
// The locale

// Groups digits by threes with '.' and uses ',' as decimal point, like de_DE (which is not
// installed on these machines).
struct GroupingPunct : std::numpunct<char> {
  char do_thousands_sep() const override { return '.'; }
  char do_decimal_point() const override { return ','; }
  std::string do_grouping() const override { return "\3"; }
};

TEST(ArchiveLocale, GroupingGlobalLocaleChangesNothing) {
  const BusinessCalendar cn = calendar::china_calendar();
  const Deadline d = Deadline::business(hours(48));  // 172800000000 µs: would be grouped
  std::vector<std::string> classic;
  for (ArchiveFormat f : kFormats) {
    classic.push_back(to_bytes(cn, f));
    classic.push_back(to_bytes(d, f));
  }
  // Sanity check that the facet groups when a stream uses it.
  std::ostringstream probe;
  probe.imbue(std::locale(std::locale::classic(), new GroupingPunct));
  probe << 1234567;
  ASSERT_EQ(probe.str(), "1.234.567");

  const test::TempDir dir;
  std::vector<std::string> grouped, from_files;
  std::vector<Saved> loaded;
  const std::locale previous =
      std::locale::global(std::locale(std::locale::classic(), new GroupingPunct));
  try {
    for (ArchiveFormat f : kFormats) {
      grouped.push_back(to_bytes(cn, f));
      grouped.push_back(to_bytes(d, f));
      save(d, dir.file("d"), f);
      from_files.push_back(read_all(dir.file("d")));
      loaded.push_back(load(dir.file("d")));
      loaded.push_back(from_bytes(to_bytes(cn, f)));
    }
  } catch (...) {
    std::locale::global(previous);
    throw;
  }
  std::locale::global(previous);

  EXPECT_EQ(grouped, classic);
  for (size_t i = 0; i < from_files.size(); ++i) EXPECT_EQ(from_files[i], classic[2 * i + 1]);
  for (size_t i = 0; i < loaded.size(); i += 2) {
    EXPECT_EQ(std::get<Deadline>(loaded[i]), d);
    EXPECT_EQ(std::get<BusinessCalendar>(loaded[i + 1]), cn);
  }
}

// ---------------------------------------------------------------------------------------------
// Damage: truncation and bit flips (the envelope catches every one)

void expect_every_prefix_refused(const std::string& bytes, const std::string& what) {
  for (size_t n = 0; n < bytes.size(); ++n) {
    try {
      from_bytes(std::string_view(bytes).substr(0, n), "cut");
      ADD_FAILURE() << what << ": prefix of " << n << " bytes loaded";
    } catch (const CorruptFileError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << what << ": prefix of " << n << " bytes threw " << e.what();
    }
  }
}

void expect_every_bit_flip_refused(const std::string& bytes, const std::string& what) {
  std::string m = bytes;
  for (size_t i = 0; i < bytes.size() * 8; ++i) {
    const char mask = static_cast<char>(1 << (i % 8));
    m[i / 8] ^= mask;
    try {
      from_bytes(m, "flipped");
      ADD_FAILURE() << what << ": flip of bit " << i << " loaded";
    } catch (const CorruptFileError&) {
    } catch (const UnsupportedVersionError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << what << ": flip of bit " << i << " threw " << e.what();
    }
    m[i / 8] ^= mask;
  }
}

TEST(ArchiveDamage, EveryPrefixIsRefused) {
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    expect_every_prefix_refused(to_bytes(Deadline::business(hours(24)), f), "deadline");
    expect_every_prefix_refused(to_bytes(tiny_calendar(), f), "tiny calendar");
    expect_every_prefix_refused(to_bytes(custom_calendar(), f), "custom calendar");
    expect_every_prefix_refused(to_bytes(calendar::china_calendar(), f), "china calendar");
  }
}

TEST(ArchiveDamage, EverySingleBitFlipIsRefused) {
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    expect_every_bit_flip_refused(to_bytes(Deadline::business(hours(24)), f), "deadline");
    expect_every_bit_flip_refused(to_bytes(Deadline::months(6), f), "deadline");
    expect_every_bit_flip_refused(to_bytes(tiny_calendar(), f), "tiny calendar");
    expect_every_bit_flip_refused(to_bytes(custom_calendar(), f), "custom calendar");
  }
}

TEST(ArchiveDamage, TrailingBytesAndForeignFiles) {
  const std::string bytes = to_bytes(Deadline::months(6));
  CHARTER_EXPECT_THROW_MSG(from_bytes(bytes + '\0', "d.bin"), CorruptFileError,
                           "d.bin: trailing bytes after the payload");
  CHARTER_EXPECT_THROW_MSG(
      from_bytes("{\"rule\": \"24 business hours\", \"calendar\": \"china\"}", "rule.json"),
      CorruptFileError, "rule.json: not a charter archive");
  CHARTER_EXPECT_THROW_MSG(from_bytes("", "empty"), CorruptFileError, "empty: too short");
  // Someone else's envelope version.
  std::string future = bytes;
  future[4] = 9;
  future.replace(28, 4, std::string(4, '\0'));
  const std::uint32_t crc = crc32c(std::string_view(future).substr(0, 28));
  for (int i = 0; i < 4; ++i) future[28 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
  CHARTER_EXPECT_THROW_MSG(from_bytes(future, "future.bin"), UnsupportedVersionError,
                           "future.bin: written by a newer charter (envelope version 9");
}

// ---------------------------------------------------------------------------------------------
// Forged input: right checksums around a wrong payload (the attacker path)

TEST(ArchiveForged, HugeStringLengthIsRefusedBeforeAllocating) {
  const std::string cal = to_bytes(tiny_calendar(), ArchiveFormat::binary);
  // Binary payload: the name's byte count comes first, as a little-endian u32 ("tiny" = 4).
  std::string p = payload_of(cal);
  ASSERT_EQ(p.substr(0, 8), std::string("\x04\0\0\0tiny", 8));
  p.replace(0, 4, std::string("\xF0\xFF\xFF\xFF", 4));  // 0xFFFFFFF0
  EXPECT_NE(expect_refused(forge(cal, p), "binary name length")
                .find("field 'name' claims 4294967280 entries; at most 4096 are possible"),
            std::string::npos);

  // Text and XML: the same count as a decimal number.
  const std::string text = to_bytes(tiny_calendar(), ArchiveFormat::text);
  ASSERT_EQ(payload_of(text).substr(0, 2), "4\n");
  EXPECT_NE(
      expect_refused(forge(text, "4294967280" + payload_of(text).substr(1)), "text name length")
          .find("field 'name' claims 4294967280 entries"),
      std::string::npos);
  const std::string xml = to_bytes(tiny_calendar(), ArchiveFormat::xml);
  EXPECT_NE(expect_refused(forge(xml, replace_first(payload_of(xml), "<name>4</name>",
                                                    "<name>4294967280</name>")),
                           "xml name length")
                .find("field 'name' claims 4294967280 entries"),
            std::string::npos);
  // A length just inside the bound but beyond the bytes present: a short read, not a crash.
  p = payload_of(cal);
  p.replace(0, 4, std::string("\x00\x10\0\0", 4));  // 4096
  expect_refused(forge(cal, p), "binary name length 4096");
}

TEST(ArchiveForged, HugeCollectionCountsAreRefused) {
  const std::string xml = to_bytes(tiny_calendar(), ArchiveFormat::xml);
  // Monday's interval count (the second <week_day>), then the holiday count.
  const std::string p = payload_of(xml);
  std::string q = p;
  q.replace(p.find("<week_day>1</week_day>"), 22, "<week_day>4294967295</week_day>");
  EXPECT_NE(expect_refused(forge(xml, q), "interval count")
                .find("field 'week_day' claims 4294967295 entries; at most 1440 are possible"),
            std::string::npos);
  EXPECT_NE(expect_refused(forge(xml, replace_first(p, "<holidays>1</holidays>",
                                                    "<holidays>2147483648</holidays>")),
                           "holiday count")
                .find("at most 146100 are possible"),
            std::string::npos);
  // A count within the bound with nothing behind it ends in a read error, one entry at a time.
  expect_refused(
      forge(xml, replace_first(p, "<holidays>1</holidays>", "<holidays>146100</holidays>")),
      "holiday count without holidays");
}

TEST(ArchiveForged, FieldsThatCannotBe) {
  const std::string xml = to_bytes(tiny_calendar(), ArchiveFormat::xml);
  const std::string p = payload_of(xml);
  struct Case {
    const char* from;
    const char* to;
    const char* message;
  };
  const Case cases[] = {
      {"<first_day>20240325</first_day>", "<first_day>20240230</first_day>",
       "field 'first_day' holds 20240230, which is not a date"},
      {"<last_day>20240407</last_day>", "<last_day>99991399</last_day>", "which is not a date"},
      {"<first_day>20240325</first_day>", "<first_day>13991231</first_day>", "which is not a date"},
      {"<has_hours>0</has_hours>", "<has_hours>2</has_hours>",
       "field 'has_hours' is neither 0 nor 1"},
      {"<start>32400</start>", "<start>-1</start>", "holds an interval out of range"},
      {"<end>61200</end>", "<end>9223372036854775807</end>", "holds an interval out of range"},
      // Well-formed fields that make no calendar: the rebuilt calendar refuses them.
      {"<start>32400</start>", "<start>61200</start>",
       "the calendar it holds is invalid: monday: interval"},
      {"<first_day>20240325</first_day>", "<first_day>20240408</first_day>",
       "the calendar it holds is invalid: calendar 'tiny': last_day 2024-04-07 is before first_day "
       "2024-04-08"},
      // A broken end tag. (Tag *names* are not compared: with no_header every field is at
      // Boost's top level, where it skips the check; the values are validated regardless.)
      {"<week_day>0</week_day>", "<week_day>0<week_day>", "damaged xml archive"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    const std::string m = expect_refused(forge(xml, replace_first(p, c.from, c.to)), c.to);
    EXPECT_NE(m.find(c.message), std::string::npos) << m;
  }
  // The zone travels as a byte string: change "Europe/Berlin" to "Mars/Olympus" in binary.
  const std::string bin = to_bytes(tiny_calendar(), ArchiveFormat::binary);
  std::string b = payload_of(bin);
  const auto at = b.find("Europe/Berlin");
  ASSERT_NE(at, std::string::npos);
  b.replace(at - 4, 4 + 13, std::string("\x0C\0\0\0Mars/Olympus", 16));
  EXPECT_NE(expect_refused(forge(bin, b), "zone").find("unknown time zone 'Mars/Olympus'"),
            std::string::npos);
}

TEST(ArchiveForged, DeadlineFields) {
  const std::string xml = to_bytes(Deadline::months(6), ArchiveFormat::xml);
  const std::string p = payload_of(xml);
  ASSERT_EQ(p.substr(0, 16), "<kind>4</kind>\n<");  // Kind::months
  struct Case {
    const char* from;
    const char* to;
    const char* message;
  };
  const Case cases[] = {
      {"<kind>4</kind>", "<kind>99</kind>", "unknown deadline kind 99"},
      {"<micros>0</micros>", "<micros>-1</micros>", "deadline amounts out of range"},
      {"<count>6</count>", "<count>36601</count>", "deadline amounts out of range"},
      {"<count>6</count>", "<count>5000</count>", "deadline months out of range"},
      {"<count>6</count>", "<count>-6</count>", "deadline amounts out of range"},
      {"<kind>4</kind>", "<kind>4<kind>", "damaged xml archive"},
      {"<kind>4</kind>", "<kind>4</kind", "damaged xml archive"},
      {"<count>6</count>", "<count>6</count><count>6</count>",
       "unexpected data after the last field"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    const std::string m = expect_refused(forge(xml, replace_first(p, c.from, c.to)), c.to);
    EXPECT_NE(m.find(c.message), std::string::npos) << m;
  }
  // Binary: one byte after the last field.
  const std::string bin = to_bytes(Deadline::months(6), ArchiveFormat::binary);
  EXPECT_NE(expect_refused(forge(bin, payload_of(bin) + 'x'), "trailing")
                .find("unexpected data after the last field"),
            std::string::npos);
}

TEST(ArchiveForged, NewerSchemaVersionIsUnsupported) {
  for (ArchiveFormat f : kFormats) {
    const std::string cal = to_bytes(tiny_calendar(), f);
    const std::string d = to_bytes(Deadline::months(6), f);
    CHARTER_EXPECT_THROW_MSG(
        from_bytes(seal(PayloadType::calendar, kCalendarSchema + 1, f, payload_of(cal)), "new.cal"),
        UnsupportedVersionError,
        "new.cal: calendar schema version 2 is not readable by this build");
    CHARTER_EXPECT_THROW_MSG(
        from_bytes(seal(PayloadType::deadline, kDeadlineSchema + 1, f, payload_of(d)), "new.dl"),
        UnsupportedVersionError, "deadline schema version 2 is not readable");
    // A deadline payload labelled as a calendar (or the reverse) does not parse as one.
    expect_refused(seal(PayloadType::calendar, kCalendarSchema, f, payload_of(d)), "type swap");
    expect_refused(seal(PayloadType::deadline, kDeadlineSchema, f, payload_of(cal)), "type swap");
    // A payload of another format.
    const ArchiveFormat other =
        f == ArchiveFormat::binary ? ArchiveFormat::text : ArchiveFormat::binary;
    expect_refused(seal(PayloadType::calendar, kCalendarSchema, other, payload_of(cal)),
                   "format swap");
  }
}

// Loads forged bytes. An attacker can write any valid archive, so they may load; but then the
// result must be a real object that saves and loads again. Otherwise the error must be typed
// and must not come from an allocation sized by the file. Nothing may crash or hang.
void expect_loaded_or_refused(const std::string& bytes, const std::string& what) {
  try {
    const Saved s = from_bytes(bytes, "forged");
    if (const auto* c = std::get_if<BusinessCalendar>(&s)) {
      EXPECT_EQ(std::get<BusinessCalendar>(from_bytes(to_bytes(*c))), *c) << what;
    } else {
      const Deadline& d = std::get<Deadline>(s);
      EXPECT_EQ(std::get<Deadline>(from_bytes(to_bytes(d))), d) << what;
    }
  } catch (const CorruptFileError& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.find("bad_alloc"), std::string::npos) << what << ": " << m;
    EXPECT_EQ(m.find("length_error"), std::string::npos) << what << ": " << m;
  } catch (const UnsupportedVersionError&) {
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << " threw " << boost::core::demangle(typeid(e).name()) << ": "
                  << e.what();
  }
}

// Every truncation and every single-bit flip of a *payload*, re-sealed so the checksums are right.
void forge_every_mutation(const std::string& original, const std::string& what) {
  const std::string p = payload_of(original);
  for (size_t n = 0; n < p.size(); ++n) {
    expect_loaded_or_refused(forge(original, p.substr(0, n)),
                             what + ": prefix " + std::to_string(n));
  }
  std::string m = p;
  for (size_t i = 0; i < p.size() * 8; ++i) {
    const char mask = static_cast<char>(1 << (i % 8));
    m[i / 8] ^= mask;
    expect_loaded_or_refused(forge(original, m), what + ": flip of bit " + std::to_string(i));
    m[i / 8] ^= mask;
  }
}

TEST(ArchiveForged, EveryPayloadMutationOfADeadline) {
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    forge_every_mutation(to_bytes(Deadline::business(hours(24)), f), "24 business hours");
    forge_every_mutation(to_bytes(Deadline::months(6), f), "6 months");
  }
}

TEST(ArchiveForged, EveryPayloadMutationOfASmallCalendar) {
  for (ArchiveFormat f : kFormats) {
    SCOPED_TRACE(format_name(f));
    forge_every_mutation(to_bytes(tiny_calendar(), f), "tiny calendar");
  }
}

// Random bytes, digits or tag soup behind a valid envelope: refused, every one of them.
TEST(ArchiveForged, RandomGarbagePayloads) {
  std::mt19937_64 rng(331);
  const std::string alphabets[] = {
      std::string(),  // any byte
      "0123456789 \n-",
      "<>/abcdefghijklmnopqrstuvwxyz_0123456789\n",
  };
  for (int i = 0; i < 3000; ++i) {
    const ArchiveFormat f = kFormats[i % 3];
    const PayloadType type = (i / 3) % 2 ? PayloadType::calendar : PayloadType::deadline;
    const std::string& alphabet = alphabets[(i / 6) % 3];
    std::string p(std::uniform_int_distribution<size_t>(0, 300)(rng), '\0');
    for (char& c : p) {
      c = alphabet.empty()
              ? static_cast<char>(rng())
              : alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
    }
    expect_refused(seal(type, 1, f, p), "garbage #" + std::to_string(i));
  }
}

}  // namespace
}  // namespace charter::io
