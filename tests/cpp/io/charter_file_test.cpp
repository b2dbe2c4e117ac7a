// The charter file (docs/charter-file.md): a complete valid file read field by field, and every
// mistake refused with its file:line:column and the path of the node at fault.
//
// Positions are 1-based and counted by hand from the texts below, which are written one YAML
// line per C++ line so that line n of the file is the n-th string of its lines({...}).
// Calendar facts relied on: 2025-12-25 is a Thursday, so 2025-12-24 is a Wednesday and
// 2025-12-28 a Sunday; 2025-06-01 is a Sunday and 2025-06-07 a Saturday; 2025-09-29 is a Monday
// and 2025-10-01 is National Day in China.

#include "charter/io/charter_file.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "charter/calendar/china.hpp"
#include "charter/error.hpp"
#include "charter/model/charter.hpp"
#include "charter_file_test_support.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using boost::gregorian::date;
using calendar::DayHours;
using calendar::OpenInterval;
using org::Raci;
using org::SubjectKind;

constexpr long kHour = 3600;

std::string lines(std::initializer_list<const char*> ls) {
  std::string out;
  for (const char* l : ls) out += std::string(l) + "\n";
  return out;
}

// The complete example: every key of docs/charter-file.md at least once.
const std::string kComplete = lines({
    "charter: 1",
    "name: {zh: 示例客服中心, en: Example service centre}",
    "calendars:",
    "  office:",
    "    builtin: china",
    "    hours: [\"09:00-12:00\", \"13:30-18:30\"]",
    "    zone: Asia/Shanghai",
    "    name: {zh: 办公室, en: Office}",
    "  support:",
    "    name: Support desk",
    "    zone: Europe/Berlin",
    "    week:",
    "      weekdays: [\"08:00-12:00\", \"13:00-17:00\"]",
    "      sat: [\"10:00-14:00\"]",
    "    holidays:",
    "      2025-12-25: {zh: 圣诞节, en: Christmas Day}",
    "      2025-12-26: Boxing Day",
    "    extra_workdays: [2025-12-28]",
    "    special_hours:",
    "      2025-12-24: [\"08:00-12:00\"]",
    "    first_day: 2025-01-01",
    "    last_day: 2026-12-31",
    "  night:",
    "    week:",
    "      mon: [\"22:00-06:00\"]",
    "      fri: [\"18:00-24:00\"]",
    "    extra_workdays:",
    "      2025-06-01: [\"09:00-10:00\"]",
    "      2025-06-07:",
    "  hotline:",
    "    name: {zh: 热线, en: Hotline}",
    "    zone: Asia/Shanghai",
    "    week: {daily: [\"00:00-24:00\"]}",
    "organization:",
    "  units:",
    "    - id: cs_centre",
    "      name: {zh: 客户服务中心, en: Customer service centre}",
    "    - id: call_centre",
    "      name: {zh: 呼叫中心, en: Call centre}",
    "      parent: cs_centre",
    "  roles:",
    "    - id: deputy_leader",
    "      name: {zh: 分管领导, en: Deputy leader}",
    "    - id: cs_manager",
    "      name: {zh: 客户服务经理, en: Customer-service manager}",
    "      reports_to: deputy_leader",
    "      headcount: 1",
    "      duties:",
    "        - id: cs_manager.complaints",
    "          text: {zh: 监督客户投诉处理并反馈结果, en: Supervises complaint handling and feeds back results}",
    "          covers:",
    "            - {action: complaint.escalate, raci: A}",
    "            - {standard: R-05, raci: A}",
    "            - {cycle: R-23, raci: A}",
    "    - id: agent",
    "      name: {zh: 坐席, en: Agent}",
    "      reports_to: cs_manager",
    "      duties:",
    "        - id: agent.complaints",
    "          text: {zh: 受理客户投诉, en: Registers customer complaints}",
    "          covers:",
    "            - {action: complaint.register, raci: R}",
    "            - {action: complaint.escalate, raci: R}",
    "            - {standard: R-05, raci: C}",
    "    - id: qa_staff",
    "      name: 质检员",
    "      reports_to: cs_manager",
    "      duties:",
    "        - id: qa.review",
    "          text: {zh: 抽检投诉处理质量}",
    "          covers:",
    "            - {action: complaint.register, raci: informed}",
    "            - {cycle: R-23, raci: R}",
    "  staff:",
    "    - id: s-0001",
    "      name: 王芳",
    "      phone: \"13812345678\"",
    "      roles: [cs_manager]",
    "      unit: cs_centre",
    "      active: {from: 2024-01-01, until: 2026-12-31}",
    "    - id: s-0002",
    "      name: Alice",
    "      roles: [agent, qa_staff]",
    "      unit: call_centre",
    "      active: {from: 2025-03-01}",
    "    - id: s-0003",
    "      roles: [agent]",
    "  grants:",
    "    - {role: qa_staff, action: complaint.escalate, allow: false, reason: supervisors escalate}",
    "    - {role: qa_staff, action: complaint.register, allow: true}",
});

DayHours hours(std::initializer_list<std::pair<long, long>> spans) {
  DayHours out;
  for (const auto& [s, e] : spans) out.push_back(OpenInterval{s, e});
  return out;
}

// ---------------------------------------------------------------------------------------------
// A complete file

TEST(CharterFile, TheCompleteExampleParses) {
  const Charter c = parse_charter(kComplete, "centre.yaml");
  EXPECT_EQ(c.name().zh, "示例客服中心");
  EXPECT_EQ(c.name().en, "Example service centre");
  EXPECT_EQ(c.calendars().size(), 4u);
  EXPECT_EQ(c, Charter::parse(kComplete));  // Charter::parse is the same reader
}

TEST(CharterFile, BuiltinChinaCalendarWithItsOwnHours) {
  const Charter c = parse_charter(kComplete, "centre.yaml");
  const auto& office = c.calendar("office");
  EXPECT_EQ(office.name(), "Office (办公室)");
  EXPECT_EQ(office.zone(), "Asia/Shanghai");
  // 09:00–12:00 and 13:30–18:30 on a working Monday, closed at the weekend.
  const DayHours lunch_break = hours({{9 * kHour, 12 * kHour}, {13 * kHour + 1800, 18 * kHour + 1800}});
  EXPECT_EQ(office.spec().week.days[1], lunch_break);
  EXPECT_TRUE(office.spec().week.days[0].empty());
  EXPECT_EQ(office.hours_on(date(2025, 9, 29)), lunch_break);
  EXPECT_FALSE(office.is_open(test::local(office, "2025-09-29 12:30")));
  EXPECT_TRUE(office.is_open(test::local(office, "2025-09-29 13:30")));
  // The holidays are China's: 2025-10-01 is National Day.
  EXPECT_FALSE(office.is_business_day(date(2025, 10, 1)));
  // Apart from the name, the spec is the built-in China spec for these hours.
  calendar::CalendarSpec expected = calendar::china_spec(lunch_break, "Asia/Shanghai");
  expected.name = "Office (办公室)";
  EXPECT_EQ(office.spec(), expected);
}

TEST(CharterFile, ACalendarOfItsOwn) {
  const Charter c = parse_charter(kComplete, "centre.yaml");
  const auto& support = c.calendar("support");
  const auto& s = support.spec();
  EXPECT_EQ(s.name, "Support desk");
  EXPECT_EQ(s.zone, "Europe/Berlin");
  // `weekdays` is Monday to Friday; `sat` Saturday; Sunday is not listed, so closed.
  const DayHours split = hours({{8 * kHour, 12 * kHour}, {13 * kHour, 17 * kHour}});
  for (int d = 1; d <= 5; ++d) EXPECT_EQ(s.week.days[static_cast<size_t>(d)], split) << d;
  EXPECT_EQ(s.week.days[6], hours({{10 * kHour, 14 * kHour}}));
  EXPECT_TRUE(s.week.days[0].empty());
  ASSERT_EQ(s.holidays.size(), 2u);
  EXPECT_EQ(s.holidays.at(date(2025, 12, 25)), "Christmas Day (圣诞节)");
  EXPECT_EQ(s.holidays.at(date(2025, 12, 26)), "Boxing Day");
  // A list of extra working days: each worked with Monday's hours.
  ASSERT_EQ(s.extra_workdays.size(), 1u);
  EXPECT_FALSE(s.extra_workdays.at(date(2025, 12, 28)).hours.has_value());
  EXPECT_EQ(support.hours_on(date(2025, 12, 28)), split);
  ASSERT_EQ(s.special_hours.size(), 1u);
  EXPECT_EQ(s.special_hours.at(date(2025, 12, 24)), hours({{8 * kHour, 12 * kHour}}));
  EXPECT_EQ(s.first_day, date(2025, 1, 1));
  EXPECT_EQ(s.last_day, date(2026, 12, 31));
  EXPECT_FALSE(support.is_business_day(date(2025, 12, 25)));
}

TEST(CharterFile, DefaultsAndExtraWorkdaysAsAMap) {
  const Charter c = parse_charter(kComplete, "centre.yaml");
  const auto& s = c.calendar("night").spec();
  // No name: the id; no zone: UTC; no range: 2000-01-01 .. 2100-12-31.
  EXPECT_EQ(s.name, "night");
  EXPECT_EQ(s.zone, "UTC");
  EXPECT_EQ(s.first_day, date(2000, 1, 1));
  EXPECT_EQ(s.last_day, date(2100, 12, 31));
  // 22:00-06:00 crosses midnight: it ends at 30:00 of Monday.
  EXPECT_EQ(s.week.days[1], hours({{22 * kHour, 30 * kHour}}));
  EXPECT_EQ(s.week.days[5], hours({{18 * kHour, 24 * kHour}}));
  for (int d : {0, 2, 3, 4, 6}) EXPECT_TRUE(s.week.days[static_cast<size_t>(d)].empty()) << d;
  ASSERT_EQ(s.extra_workdays.size(), 2u);
  EXPECT_EQ(s.extra_workdays.at(date(2025, 6, 1)).hours, hours({{9 * kHour, 10 * kHour}}));
  // An empty value: Monday's hours.
  EXPECT_FALSE(s.extra_workdays.at(date(2025, 6, 7)).hours.has_value());
  EXPECT_TRUE(s.holidays.empty());
  EXPECT_TRUE(s.special_hours.empty());
}

TEST(CharterFile, DailyIsEveryDay) {
  const Charter c = parse_charter(kComplete, "centre.yaml");
  const auto& h = c.calendar("hotline").spec();
  EXPECT_EQ(h.name, "Hotline (热线)");
  for (const auto& day : h.week.days) EXPECT_EQ(day, hours({{0, 24 * kHour}}));
}

TEST(CharterFile, TheOrganisation) {
  const Charter c = parse_charter(kComplete, "centre.yaml");
  const org::Organization& o = c.organization();
  ASSERT_EQ(o.units().size(), 2u);
  EXPECT_EQ(o.units()[0], (org::Unit{"cs_centre", {"客户服务中心", "Customer service centre"}, "", std::nullopt}));
  EXPECT_EQ(o.units()[1], (org::Unit{"call_centre", {"呼叫中心", "Call centre"}, "cs_centre", std::nullopt}));

  ASSERT_EQ(o.roles().size(), 4u);
  const org::Role& top = o.roles()[0];
  EXPECT_EQ(top.id, "deputy_leader");
  EXPECT_EQ(top.reports_to, "");
  EXPECT_FALSE(top.headcount.has_value());
  EXPECT_TRUE(top.duties.empty());

  const org::Role& manager = o.role("cs_manager");
  EXPECT_EQ(manager.name.zh, "客户服务经理");
  EXPECT_EQ(manager.name.en, "Customer-service manager");
  EXPECT_EQ(manager.reports_to, "deputy_leader");
  EXPECT_EQ(manager.headcount, std::optional<int>(1));
  ASSERT_EQ(manager.duties.size(), 1u);
  EXPECT_EQ(manager.duties[0].id, "cs_manager.complaints");
  EXPECT_EQ(manager.duties[0].text.zh, "监督客户投诉处理并反馈结果");
  EXPECT_EQ(manager.duties[0].text.en, "Supervises complaint handling and feeds back results");
  EXPECT_EQ(manager.duties[0].covers,
            (std::vector<org::Responsibility>{
                {{SubjectKind::action, "complaint.escalate"}, Raci::accountable},
                {{SubjectKind::standard, "R-05"}, Raci::accountable},
                {{SubjectKind::cycle, "R-23"}, Raci::accountable}}));

  EXPECT_EQ(o.role("agent").duties.at(0).covers,
            (std::vector<org::Responsibility>{
                {{SubjectKind::action, "complaint.register"}, Raci::responsible},
                {{SubjectKind::action, "complaint.escalate"}, Raci::responsible},
                {{SubjectKind::standard, "R-05"}, Raci::consulted}}));
  // A plain string as a name is English; `text` with only zh leaves en empty; "informed" is I.
  const org::Role& qa = o.role("qa_staff");
  EXPECT_EQ(qa.name, (LocalizedText{"", "质检员"}));
  EXPECT_EQ(qa.duties.at(0).text, (LocalizedText{"抽检投诉处理质量", ""}));
  EXPECT_EQ(qa.duties.at(0).covers.at(0).raci, Raci::informed);
  EXPECT_EQ(qa.duties.at(0).covers.at(1),
            (org::Responsibility{{SubjectKind::cycle, "R-23"}, Raci::responsible}));

  ASSERT_EQ(o.staff().size(), 3u);
  EXPECT_EQ(o.staff()[0], (org::Staff{"s-0001", "王芳", "13812345678", {"cs_manager"}, "cs_centre",
                                      {date(2024, 1, 1), date(2026, 12, 31)}}));
  EXPECT_EQ(o.staff()[1], (org::Staff{"s-0002", "Alice", "", {"agent", "qa_staff"}, "call_centre",
                                      {date(2025, 3, 1), std::nullopt}}));
  EXPECT_EQ(o.staff()[2], (org::Staff{"s-0003", "", "", {"agent"}, "", {}}));

  ASSERT_EQ(o.grants().size(), 2u);
  EXPECT_EQ(o.grants()[0],
            (org::Grant{"qa_staff", "complaint.escalate", false, "supervisors escalate"}));
  EXPECT_EQ(o.grants()[1], (org::Grant{"qa_staff", "complaint.register", true, ""}));
}

TEST(CharterFile, TheOrganisationAnswers) {
  const Charter c = parse_charter(kComplete, "centre.yaml");
  const org::Organization& o = c.organization();
  std::vector<std::string> chain;
  for (const auto& r : o.escalation_chain("agent")) chain.push_back(r.id);
  EXPECT_EQ(chain, (std::vector<std::string>{"cs_manager", "deputy_leader"}));
  EXPECT_EQ(o.accountable_for({SubjectKind::cycle, "R-23"})->id, "cs_manager");
  // s-0002 is agent (R for complaint.escalate) and qa_staff (denied it): the denial wins.
  const auto d = o.may_staff("s-0002", "complaint.escalate");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.source, "grant:qa_staff/complaint.escalate");
  // s-0003 is only an agent.
  EXPECT_TRUE(o.may_staff("s-0003", "complaint.escalate").allowed);
  // s-0002 starts on 2025-03-01.
  EXPECT_FALSE(o.may_staff("s-0002", "complaint.register", date(2025, 2, 28)).allowed);
  EXPECT_TRUE(o.may_staff("s-0002", "complaint.register", date(2025, 3, 1)).allowed);
}

TEST(CharterFile, TheSmallestFile) {
  const Charter c = parse_charter("charter: 1\n", "min.yaml");
  EXPECT_EQ(c.name(), LocalizedText{});
  EXPECT_TRUE(c.calendars().empty());
  EXPECT_TRUE(c.organization().roles().empty());
  EXPECT_EQ(c, Charter());
}

TEST(CharterFile, ANameMayBeAPlainString) {
  EXPECT_EQ(parse_charter("charter: 1\nname: Centre\n", "x").name(), (LocalizedText{"", "Centre"}));
}

TEST(CharterFile, AnEnDashOrSpacedHyphenInAnIntervalIsAccepted) {
  const Charter c = parse_charter(lines({
                                      "charter: 1",
                                      "calendars:",
                                      "  c:",
                                      "    week: {mon: [\"09:00–12:00\", \"13:00 - 17:00\"]}",
                                  }),
                                  "x");
  EXPECT_EQ(c.calendar("c").spec().week.days[1],
            hours({{9 * kHour, 12 * kHour}, {13 * kHour, 17 * kHour}}));
}

TEST(CharterFile, ANullReportsToIsTheTop) {
  const Charter c = parse_charter(lines({
                                      "charter: 1",
                                      "organization:",
                                      "  roles:",
                                      "    - {id: boss, reports_to: ~}",
                                  }),
                                  "x");
  EXPECT_EQ(c.organization().role("boss").reports_to, "");
}

// ---------------------------------------------------------------------------------------------
// Errors: exact position, path and message


TEST(CharterFileErrors, UnknownTopLevelKey) {
  expect_refused(lines({
                     "charter: 1",
                     "calender: {}",
                 }),
                 2, 1, "calender",
                 "unknown key 'calender' (known here: charter, name, calendars, organization, workflows, standards, cycles, surveys, appraisal)");
}

TEST(CharterFileErrors, ATypoInANestedKeyIsNotIgnored) {
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles:",
                     "    - id: boss",
                     "    - id: agent",
                     "      report_to: boss",
                 }),
                 6, 7, "organization.roles[1].report_to",
                 "unknown key 'report_to' (known here: id, name, reports_to, headcount, duties)");
}

TEST(CharterFileErrors, AListWhereAMapIsExpected) {
  expect_refused(lines({
                     "charter: 1",
                     "organization: [units, roles]",
                 }),
                 2, 15, "organization", "expected a map");
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  - office",
                 }),
                 3, 3, "calendars", "expected a map of calendar id to calendar");
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week: [mon]",
                 }),
                 4, 11, "calendars.c.week", "expected a map of weekday to intervals");
}

TEST(CharterFileErrors, AMapWhereAScalarIsExpected) {
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles:",
                     "    - id: boss",
                     "    - id: agent",
                     "      reports_to: {id: boss}",
                 }),
                 6, 19, "organization.roles[1].reports_to", "expected a single value");
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles:",
                     "    - id: {en: boss}",
                 }),
                 4, 11, "organization.roles[0].id", "expected a single value");
}

TEST(CharterFileErrors, AScalarWhereAListIsExpected) {
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles: boss",
                 }),
                 3, 10, "organization.roles", "expected a list");
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week: {mon: \"09:00-17:00\"}",
                 }),
                 4, 17, "calendars.c.week.mon", "expected a list of intervals");
}

TEST(CharterFileErrors, MissingVersion) {
  expect_refused(lines({
                     "name: Centre",
                     "calendars: {}",
                 }),
                 1, 1, "", "missing 'charter: 1' (the format version)");
}

TEST(CharterFileErrors, NotAMapAtAll) {
  expect_refused("- charter\n- 1\n", 1, 1, "", "a charter file is a map with 'charter: 1' at the top");
  expect_refused("just words\n", 1, 1, "", "a charter file is a map with 'charter: 1' at the top");
}

TEST(CharterFileErrors, AnEmptyFileIsAtLineOne) {
  expect_refused("", 1, 1, "", "a charter file is a map with 'charter: 1' at the top");
  expect_refused("# only a comment\n", 1, 1, "", "a charter file is a map");
}

TEST(CharterFileErrors, Version2IsNotSupported) {
  expect_refused(lines({
                     "charter: 2",
                 }),
                 1, 10, "charter", "format version 2 is not supported (this build reads 1)");
  expect_refused(lines({
                     "charter: one",
                 }),
                 1, 10, "charter", "expected a whole number, found 'one'");
}

TEST(CharterFileErrors, InvalidYamlSyntaxCarriesTheParsersPosition) {
  // A second ': ' on one line: the parser stops at the second colon (column 8).
  expect_refused(lines({
                     "charter: 1",
                     "name: a: b",
                     "calendars: {}",
                 }),
                 2, 8, "", "mapping values are not allowed in this context");
  // An unclosed flow sequence: found missing where the file ends (line 4, after the last
  // newline).
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles: [a, b",
                 }),
                 4, 1, "", "did not find expected ',' or ']'");
  // A tab where indentation is expected.
  expect_refused("charter: 1\norganization:\n\troles: []\n", 3, 1, "",
                 "found character that cannot start any token");
}

TEST(CharterFileErrors, AnchorsAndAliasesAreRefused) {
  // An alias could expand a small file into a huge tree; charter files do not need them.
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  a: &hours {week: {daily: [\"00:00-24:00\"]}}",
                     "  b: *hours",
                 }),
                 3, 6, "", "anchors (&name) are not supported in charter files");
}

TEST(CharterFileErrors, OneDocumentOnly) {
  expect_refused("charter: 1\n---\ncharter: 1\n", 2, 1, "",
                 "a charter file holds one YAML document");
}

TEST(CharterFileErrors, AnImpossibleDate) {
  // February 2024 has 29 days.
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week: {mon: [\"09:00-17:00\"]}",
                     "    holidays:",
                     "      2024-02-30: Nothing",
                 }),
                 6, 7, "calendars.c.holidays", "date '2024-02-30'");
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week: {mon: [\"09:00-17:00\"]}",
                     "    first_day: 2024-02-30",
                 }),
                 5, 16, "calendars.c.first_day", "date '2024-02-30': day 30 is not in that month");
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles: [{id: boss}]",
                     "  staff:",
                     "    - {id: s-1, roles: [boss], active: {from: 2024-02-30}}",
                 }),
                 5, 47, "organization.staff[0].active.from", "date '2024-02-30'");
}

TEST(CharterFileErrors, AnIntervalOutOfTheDay) {
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week: {mon: [\"25:00-26:00\"]}",
                 }),
                 4, 18, "calendars.c.week.mon[0]", "time of day '25:00': hour out of range");
}

TEST(CharterFileErrors, AnIntervalWithoutADash) {
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week:",
                     "      mon: [\"09:00-12:00\", \"1300\"]",
                 }),
                 5, 28, "calendars.c.week.mon[1]",
                 "expected an interval \"HH:MM-HH:MM\", found '1300'");
}

TEST(CharterFileErrors, AWeekdayGivenTwice) {
  // `weekdays` already gives Monday.
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week:",
                     "      weekdays: [\"09:00-17:00\"]",
                     "      mon: [\"10:00-17:00\"]",
                 }),
                 6, 7, "calendars.c.week.mon", "monday is given twice");
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week:",
                     "      sat: [\"09:00-12:00\"]",
                     "      daily: [\"10:00-17:00\"]",
                 }),
                 6, 7, "calendars.c.week.daily", "saturday is given twice");
}

TEST(CharterFileErrors, NotAWeekday) {
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week: {moonday: [\"09:00-17:00\"]}",
                 }),
                 4, 12, "calendars.c.week.moonday",
                 "'moonday' is not a weekday (mon … sun, weekdays, daily)");
}

TEST(CharterFileErrors, UnknownBuiltinCalendar) {
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  office:",
                     "    builtin: japan",
                 }),
                 4, 14, "calendars.office.builtin", "unknown built-in calendar 'japan' (known: china)");
}

TEST(CharterFileErrors, ABuiltinCalendarTakesNoWeek) {
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  office:",
                     "    builtin: china",
                     "    week: {daily: [\"00:00-24:00\"]}",
                 }),
                 5, 5, "calendars.office.week", "unknown key 'week' (known here: builtin, hours, zone, name)");
}

TEST(CharterFileErrors, DuplicateCalendarId) {
  // A key given twice in one map is refused by the YAML reader itself, at the second key,
  // before any path is known.
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  office: {builtin: china}",
                     "  hotline: {week: {daily: [\"00:00-24:00\"]}}",
                     "  office: {week: {daily: [\"00:00-24:00\"]}}",
                 }),
                 5, 3, "", "duplicate key 'office'");
}

TEST(CharterFileErrors, DuplicateKeysAnywhere) {
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles:",
                     "    - id: boss",
                     "      name: Boss",
                     "      id: chief",
                 }),
                 6, 7, "", "duplicate key 'id'");
  // Also in a large map, which is checked at its end: 70 holidays, the 70th repeating the first.
  std::string text = "charter: 1\ncalendars:\n  c:\n    week: {mon: [\"09:00-17:00\"]}\n    holidays:\n";
  for (int i = 0; i < 69; ++i) {
    text += "      " + calendar::format_date(date(2030, 1, 1) + boost::gregorian::days(i)) + ": H\n";
  }
  text += "      2030-01-01: again\n";  // line 6 + 69 = 75
  expect_refused(text, 75, 7, "", "duplicate key '2030-01-01'");
}

TEST(CharterFileErrors, AnInvalidCalendarId) {
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  Office Hours: {builtin: china}",
                 }),
                 3, 3, "calendars", "'Office Hours' is not a valid id");
}

TEST(CharterFileErrors, UnknownZoneIsReportedAtTheCalendar) {
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    zone: Mars/Olympus",
                     "    week: {mon: [\"09:00-17:00\"]}",
                 }),
                 4, 5, "calendars.c", "Mars/Olympus");
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  office: {builtin: china, zone: Mars/Olympus}",
                 }),
                 3, 11, "calendars.office", "Mars/Olympus");
}

TEST(CharterFileErrors, CalendarsAreBoundedTogetherBeforeTheyAreBuilt) {
  // Five one-hour intervals a day for 400 years: 730,485 intervals, within one calendar's bound
  // (a few hundred bytes that build some 30 MB of index). A second one like it would pass the
  // bound of a charter's calendars together: refused at it, before it is built.
  const char* busy = R"(    {zone: UTC, week: {daily: ["00:00-01:00", "02:00-03:00", "04:00-05:00", "06:00-07:00", "08:00-09:00"]}, first_day: 1700-01-01, last_day: 2099-12-31})";
  const Charter one = parse_charter(lines({"charter: 1", "calendars:", "  a:", busy}), "centre.yaml");
  EXPECT_EQ(calendar::count_intervals(one.calendar("a").spec()), 730485u);
  const std::string what = expect_refused(lines({"charter: 1", "calendars:", "  a:", busy, "  b:", busy}), 6, 5,
                                          "calendars.b", "the calendars up to this one hold 1460970 open intervals together");
  EXPECT_NE(what.find("at most 1000000"), std::string::npos) << what;
}

TEST(CharterFileErrors, ADateBothHolidayAndWorkdayIsReportedAtTheCalendar) {
  expect_refused(lines({
                     "charter: 1",
                     "calendars:",
                     "  c:",
                     "    week: {mon: [\"09:00-17:00\"]}",
                     "    holidays: {2025-06-01: Day}",
                     "    extra_workdays: [2025-06-01]",
                 }),
                 4, 5, "calendars.c", "2025-06-01");
}

TEST(CharterFileErrors, CoversNeedsExactlyOneSubject) {
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles:",
                     "    - id: boss",
                     "      duties:",
                     "        - id: boss.d",
                     "          covers:",
                     "            - {action: case.close, standard: R-05, raci: R}",
                 }),
                 8, 15, "organization.roles[0].duties[0].covers[0]",
                 "give exactly one of 'action', 'standard' or 'cycle'");
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles:",
                     "    - id: boss",
                     "      duties:",
                     "        - id: boss.d",
                     "          covers:",
                     "            - {action: case.close, raci: R}",
                     "            - {raci: A}",
                 }),
                 9, 15, "organization.roles[0].duties[0].covers[1]",
                 "give exactly one of 'action', 'standard' or 'cycle'");
}

TEST(CharterFileErrors, ABadRaciLetter) {
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles:",
                     "    - id: boss",
                     "      duties:",
                     "        - id: boss.d",
                     "          covers:",
                     "            - {action: case.close, raci: X}",
                 }),
                 8, 42, "organization.roles[0].duties[0].covers[0].raci",
                 "'X' is not a RACI letter (R, A, C or I)");
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles:",
                     "    - id: boss",
                     "      duties:",
                     "        - id: boss.d",
                     "          covers:",
                     "            - {action: case.close}",
                 }),
                 8, 15, "organization.roles[0].duties[0].covers[0]", "missing 'raci'");
}

TEST(CharterFileErrors, AllowIsTrueOrFalse) {
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles: [{id: boss, duties: [{id: d, covers: [{action: a, raci: R}]}]}]",
                     "  grants:",
                     "    - {role: boss, action: a, allow: maybe}",
                 }),
                 5, 38, "organization.grants[0].allow", "expected true or false, found 'maybe'");
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles: [{id: boss}]",
                     "  grants:",
                     "    - {role: boss, action: a}",
                 }),
                 5, 7, "organization.grants[0]", "missing 'allow'");
}

TEST(CharterFileErrors, HeadcountIsAWholeNumber) {
  for (const char* bad : {"two", "-1", "1.5", "9999999999"}) {
    expect_refused("charter: 1\norganization:\n  roles:\n    - id: boss\n      headcount: " +
                       std::string(bad) + "\n",
                   5, 18, "organization.roles[0].headcount",
                   std::string("expected a whole number, found '") + bad + "'");
  }
}

TEST(CharterFileErrors, MissingIds) {
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  units:",
                     "    - name: Centre",
                 }),
                 4, 7, "organization.units[0]", "missing 'id'");
  expect_refused(lines({
                     "charter: 1",
                     "organization:",
                     "  roles:",
                     "    - id: Boss Man",
                 }),
                 4, 11, "organization.roles[0].id", "'Boss Man' is not a valid id");
}

TEST(CharterFileErrors, OrganisationProblemsAreReportedTogetherEachAtItsLine) {
  const std::string text = lines({
      "charter: 1",                                        // 1
      "organization:",                                     // 2
      "  units:",                                          // 3
      "    - id: hq",                                      // 4
      "    - id: team",                                    // 5
      "      parent: head_office",                         // 6   unknown unit
      "  roles:",                                          // 7
      "    - id: boss",                                    // 8
      "      headcount: 1",                                // 9   two bosses at once
      "    - id: agent",                                   // 10
      "      reports_to: qa_lead",                         // 11  unknown role
      "      duties:",                                     // 12
      "        - id: agent.watch",                         // 13
      "          covers:",                                 // 14
      "            - {action: case.close, raci: C}",       // 15  nobody responsible
      "  staff:",                                          // 16
      "    - {id: s-1, roles: [boss], unit: hq}",          // 17
      "    - {id: s-2, roles: [boss, cleaner], unit: hq}", // 18  unknown role
  });
  try {
    parse_charter(text, "centre.yaml");
    FAIL() << "parsed";
  } catch (const CharterFileError& e) {
    const std::string what = e.what();
    // One per line; the first leads and gives the error its position.
    EXPECT_EQ(e.line(), 6);
    EXPECT_EQ(e.column(), 15);
    EXPECT_EQ(e.path(), "organization.units[1].parent");
    std::vector<std::string> got;
    for (size_t start = 0; start <= what.size();) {
      const size_t end = what.find('\n', start);
      got.push_back(what.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    const std::vector<std::string> expected = {
        "centre.yaml:6:15: organization.units[1].parent: unknown unit 'head_office'",
        "centre.yaml:9:18: organization.roles[0].headcount: role 'boss' has a headcount of 1 but 2 staff hold it at the same time",
        "centre.yaml:11:19: organization.roles[1].reports_to: role 'agent' reports to unknown role 'qa_lead'",
        "centre.yaml:15:15: organization.roles[1].duties[0].covers[0]: action case.close has no responsible (R) role",
        "centre.yaml:18:31: organization.staff[1].roles[1]: unknown role 'cleaner'",
    };
    ASSERT_EQ(got.size(), expected.size()) << what;
    EXPECT_EQ(got[0], expected[0]) << what;
    // Every other problem on a line of its own, with its own position (their order is not part
    // of the contract; the file order above is how the reader lists them today).
    std::vector<std::string> rest_got(got.begin() + 1, got.end());
    std::vector<std::string> rest_expected(expected.begin() + 1, expected.end());
    std::sort(rest_got.begin(), rest_got.end());
    std::sort(rest_expected.begin(), rest_expected.end());
    EXPECT_EQ(rest_got, rest_expected) << what;
  }
}

TEST(CharterFileErrors, StaffNamesAndPhonesNeverAppearInErrors) {
  // Every staff-related mistake, one file at a time, for a person with a distinctive name.
  const std::string person = "name: Quixotic Zebulon 欧阳娜娜, phone: \"13987654321\"";
  const std::vector<std::string> staff_lines = {
      "    - {id: s-1, " + person + ", roles: [ghost]}",
      "    - {id: s-1, " + person + ", roles: []}",
      "    - {id: s-1, " + person + ", roles: [boss], unit: attic}",
      "    - {id: boss, " + person + ", roles: [boss]}",
      "    - {id: s-1, " + person + ", roles: [boss], active: {from: 2025-01-02, until: 2025-01-01}}",
      "    - {id: s-1, " + person + ", roles: [boss], active: {from: 2025-02-30}}",
      "    - {id: s-1, " + person + ", roles: [boss], actve: {from: 2025-01-01}}",
      "    - {id: s-1, " + person + ", roles: boss}",
      "    - {id: s 1, " + person + ", roles: [boss]}",
      "    - {" + person + ", roles: [boss]}",
      "    - {id: s-1, name: [Quixotic Zebulon 欧阳娜娜], roles: [boss]}",
      "    - {id: s-1, phone: {number: \"13987654321\"}, roles: [boss]}",
  };
  for (const std::string& staff : staff_lines) {
    const std::string text = "charter: 1\norganization:\n  roles: [{id: boss}]\n"
                             "  staff:\n    - {id: s-0, roles: [boss]}\n" + staff + "\n";
    try {
      parse_charter(text, "centre.yaml");
      ADD_FAILURE() << "parsed: " << staff;
    } catch (const CharterFileError& e) {
      const std::string what = e.what();
      EXPECT_EQ(e.line(), 6) << what;
      for (const char* secret : {"Quixotic", "Zebulon", "欧阳娜娜", "13987654321", "5432"}) {
        EXPECT_EQ(what.find(secret), std::string::npos) << secret << " in: " << what;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Loading files

TEST(CharterFileLoad, AFileOnDisk) {
  const test::TempDir dir;
  const std::string path = dir.file("centre.yaml");
  std::ofstream(path, std::ios::binary) << kComplete;
  const Charter c = Charter::load(path);
  EXPECT_EQ(c, parse_charter(kComplete, "x"));
  EXPECT_EQ(load_charter(path), c);
}

TEST(CharterFileLoad, ErrorsNameTheFile) {
  const test::TempDir dir;
  const std::string path = dir.file("centre.yaml");
  std::ofstream(path, std::ios::binary) << "charter: 1\nnmae: Centre\n";
  try {
    Charter::load(path);
    FAIL() << "loaded";
  } catch (const CharterFileError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(std::string(e.what()).rfind(path + ":2:1: nmae: unknown key 'nmae'", 0), 0u) << e.what();
  }
}

TEST(CharterFileLoad, ParseNamesItsSourceAndDefaultsToText) {
  CHARTER_EXPECT_THROW_MSG(Charter::parse("charter: 3\n"), CharterFileError, "<text>:1:10: charter:");
  CHARTER_EXPECT_THROW_MSG(Charter::parse("charter: 3\n", "inline.yaml"), CharterFileError,
                           "inline.yaml:1:10: charter:");
}

TEST(CharterFileLoad, AMissingFileIsAFileError) {
  const test::TempDir dir;
  CHARTER_EXPECT_THROW_MSG(Charter::load(dir.file("nowhere.yaml")), FileError, "nowhere.yaml");
}

TEST(CharterFileLoad, ADirectoryIsAFileError) {
  const test::TempDir dir;
  CHARTER_EXPECT_THROW_MSG(Charter::load(dir.path().string()), FileError, "is not a regular file");
}

TEST(CharterFileLoad, AFileOverTheSizeLimitIsRefusedBeforeReading) {
  const test::TempDir dir;
  const std::string path = dir.file("huge.yaml");
  { std::ofstream(path, std::ios::binary) << "charter: 1\n"; }
  // A sparse file: its size is over the limit without writing 16 MiB.
  std::filesystem::resize_file(path, kMaxCharterFileBytes + 1);
  try {
    Charter::load(path);
    FAIL() << "loaded";
  } catch (const CharterFileError& e) {
    EXPECT_EQ(e.line(), 1);
    EXPECT_EQ(e.column(), 1);
    EXPECT_NE(std::string(e.what()).find(std::to_string(kMaxCharterFileBytes)), std::string::npos)
        << e.what();
  }
  // Exactly at the limit is not refused for its size (it is refused as YAML: NUL bytes).
  std::filesystem::resize_file(path, kMaxCharterFileBytes);
  try {
    Charter::load(path);
  } catch (const CharterFileError& e) {
    EXPECT_EQ(std::string(e.what()).find("larger than"), std::string::npos) << e.what();
  }
}

TEST(CharterFileLoad, TextOverTheSizeLimitIsRefusedBeforeParsing) {
  const std::string text = "charter: 1\n" + std::string(kMaxCharterFileBytes, '#');
  CHARTER_EXPECT_THROW_MSG(parse_charter(text, "big.yaml"), CharterFileError,
                           "big.yaml:1:1: file is larger than " + std::to_string(kMaxCharterFileBytes) +
                               " bytes");
}

}  // namespace
}  // namespace charter::io
