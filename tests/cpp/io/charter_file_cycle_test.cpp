// The `cycles` section of charter files (docs/charter-file.md#cycles): what it reads, and every
// mistake refused at its line, column and path.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "charter/model/charter.hpp"
#include "charter_file_test_support.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using test::date;

const std::vector<std::string> kBase = {
    "charter: 1",                                                              // 1
    "calendars:",                                                              // 2
    "  office: {builtin: china, hours: [\"09:00-18:30\"], zone: Asia/Shanghai}",  // 3
    "organization:",                                                           // 4
    "  units:",                                                                // 5
    "    - {id: centre}",                                                      // 6
    "    - {id: shop, parent: centre, since: 2025-06-15}",                     // 7
    "  roles:",                                                                // 8
    "    - id: manager",                                                       // 9
    "      duties:",                                                           // 10
    "        - id: manager.plan",                                              // 11
    "          text: Plans",                                                   // 12
    "          covers: [{cycle: check, raci: A}, {cycle: report, raci: A}, {cycle: survey, raci: A}]",  // 13
    "cycles:",                                                                 // 14
    "  check:",                                                                // 15
    "    title: {zh: 考核检查, en: Assessment check}",                          // 16
    "    calendar: office",                                                    // 17
    "    recurrence: {every: month}",                                          // 18
    "    due: end of month",                                                   // 19
    "    scope: {per: unit, under: centre}",                                   // 20
    "    follow_ups: [{cycle: report, within: 5 business days}]",              // 21
    "  report:",                                                               // 22
    "    calendar: office",                                                    // 23
    "    recurrence: follow_up",                                               // 24
    "    scope: unit",                                                         // 25
    "    evidence: [{document: report}]",                                      // 26
    "  survey:",                                                               // 27
    "    calendar: office",                                                    // 28
    "    recurrence: {every: year, in: December}",                             // 29
    "    evidence: [{count: respondents, at_least: 50, label: {en: respondents}}]",  // 30
    "    since: 2025-01-01",                                                   // 31
};

TEST(CharterFileCycles, ReadsEveryKey) {
  const Charter c = parse_charter(with_lines(kBase, {}), "centre.yaml");
  ASSERT_EQ(c.cycles().size(), 3u);
  EXPECT_EQ(c.cycles()[0].id(), "check");  // file order
  EXPECT_EQ(c.cycles()[2].id(), "survey");
  const cycle::CycleSpec& check = c.cycle("check").spec();
  EXPECT_EQ(check.title.zh, "考核检查");
  EXPECT_EQ(check.recurrence, cycle::Recurrence::monthly_any_time());
  EXPECT_EQ(check.due, calendar::Deadline::end_of_month());
  EXPECT_EQ(check.scope.kind, cycle::ScopeKind::unit);
  EXPECT_EQ(check.scope.under, "centre");
  ASSERT_EQ(check.follow_ups.size(), 1u);
  EXPECT_EQ(check.follow_ups[0].within, calendar::Deadline::business_days(5));
  EXPECT_EQ(c.cycle("report").spec().evidence[0].kind, cycle::EvidenceKind::document);
  const cycle::CycleSpec& survey = c.cycle("survey").spec();
  EXPECT_EQ(survey.recurrence, cycle::Recurrence::yearly(12));
  EXPECT_EQ(survey.evidence[0].at_least, 50);
  EXPECT_EQ(survey.since, date(2025, 1, 1));
  EXPECT_EQ(c.organization().unit("shop").since, date(2025, 6, 15));
  EXPECT_EQ(c.cycle("check").owner(), "manager");
  CHARTER_EXPECT_THROW_MSG(c.cycle("audit"), UnknownIdError, "unknown cycle 'audit' (this charter has: check, report, survey)");
}

TEST(CharterFileCycles, EveryRecurrenceForm) {
  auto recurrence = [](const std::string& text) {
    return parse_charter(with_lines(kBase, {{29, "    recurrence: " + text}}), "centre.yaml").cycle("survey").recurrence();
  };
  EXPECT_EQ(recurrence("business_day"), cycle::Recurrence::business_day());
  EXPECT_EQ(recurrence("{every: business_day}"), cycle::Recurrence::business_day());
  EXPECT_EQ(recurrence("{every: week, on: Wednesday}"), cycle::Recurrence::weekly(3));
  EXPECT_EQ(recurrence("{every: week, on: fri}"), cycle::Recurrence::weekly(5));
  EXPECT_EQ(recurrence("{every: week, on: 0}"), cycle::Recurrence::weekly(0));
  EXPECT_EQ(recurrence("{every: month, day: 25}"), cycle::Recurrence::monthly_on(25));
  EXPECT_EQ(recurrence("{every: month, on: last_business_day}"), cycle::Recurrence::monthly_last_business_day());
  EXPECT_EQ(recurrence("{every: year, in: 12}"), cycle::Recurrence::yearly(12));
  EXPECT_EQ(recurrence("{at_least: 3, per: year, distinct: unit}"), cycle::Recurrence::at_least(3, cycle::Period::year, "unit"));
  EXPECT_EQ(recurrence("ad_hoc"), cycle::Recurrence::ad_hoc());
}

TEST(CharterFileCycles, MistakesAreRefusedWhereTheyAre) {
  expect_refused(with_lines(kBase, {{18, "    recurrence: {every: fortnight}"}}), 18, 25, "cycles.check.recurrence.every",
                 "unknown period 'fortnight' (known: business_day, week, month, year)");
  expect_refused(with_lines(kBase, {{18, "    recurrence: {every: week}"}}), 18, 17, "cycles.check.recurrence",
                 "missing 'on' (a weekday: Monday … Sunday)");
  expect_refused(with_lines(kBase, {{18, "    recurrence: {every: week, on: Caturday}"}}), 18, 35,
                 "cycles.check.recurrence.on", "'caturday' is not a weekday");
  expect_refused(with_lines(kBase, {{18, "    recurrence: {every: month, day: 32}"}}), 18, 37,
                 "cycles.check.recurrence.day", "day 32 is not 1 to 31");
  expect_refused(with_lines(kBase, {{18, "    recurrence: {every: month, in: May}"}}), 18, 36,
                 "cycles.check.recurrence.in", "'in' does not apply to every month");
  expect_refused(with_lines(kBase, {{19, "    due: end of the month"}}), 19, 10, "cycles.check.due", "");
  expect_refused(with_lines(kBase, {{17, "    calendar: hotline"}}), 17, 15, "cycles.check.calendar",
                 "unknown calendar 'hotline' (known: office)");
  expect_refused(with_lines(kBase, {{20, "    scope: {per: unit, under: warehouse}"}}), 20, 31, "cycles.check.scope.under",
                 "unknown unit 'warehouse'");
  expect_refused(with_lines(kBase, {{20, "    scope: team"}}), 20, 12, "cycles.check.scope",
                 "unknown scope 'team' (known: centre, unit, role, staff)");
  expect_refused(with_lines(kBase, {{21, "    follow_ups: [{cycle: minutes, within: 5 business days}]"}}), 21, 26,
                 "cycles.check.follow_ups[0].cycle", "unknown cycle 'minutes'");
  expect_refused(with_lines(kBase, {{21, "    follow_ups: [{cycle: survey, within: 5 business days}]"}}), 21, 26,
                 "cycles.check.follow_ups[0].cycle", "cycle 'survey' is yearly, not follow_up");
  expect_refused(with_lines(kBase, {{21, ""}}), 24, 17, "cycles.report.recurrence",
                 "no cycle names 'report' among its follow_ups");
  expect_refused(with_lines(kBase, {{30, "    evidence: [{count: respondents}]"}}), 30, 16, "cycles.survey.evidence[0]",
                 "missing 'at_least'");
  expect_refused(with_lines(kBase, {{30, "    evidence: [{count: respondents, document: form, at_least: 1}]"}}), 30, 16,
                 "cycles.survey.evidence[0]", "give exactly one of count, distinct, document");
  expect_refused(with_lines(kBase, {{31, "    since: 2025-02-30"}}), 31, 12, "cycles.survey.since", "");
  expect_refused(with_lines(kBase, {{31, "    every: month"}}), 31, 5, "cycles.survey.every", "unknown key 'every'");
  expect_refused(with_lines(kBase, {{13, "          covers: [{cycle: check, raci: A}, {cycle: report, raci: A}]"}}), 28, 5,
                 "cycles.survey", "no owner: name a role with 'owner', or make a role accountable (A) for cycle survey");
  expect_refused(with_lines(kBase, {{7, "    - {id: shop, parent: centre, since: soon}"}}), 7, 41,
                 "organization.units[1].since", "");
}

// rectification: line 21 once inserted after the scope (the lines after it move down by one);
// the workflow its notices open follows the cycles.
std::string with_rectification(const std::string& entry, std::map<int, std::string> more = {}) {
  more[20] = "    scope: {per: unit, under: centre}\n    rectification: " + entry;
  return with_notice_workflow(with_lines(kBase, more));
}

TEST(CharterFileCycles, RectificationEntriesRead) {
  const Charter c = parse_charter(
      with_rectification("{on: [overdue, missed], deadline: 5 business days, severity: major}",
                         {{31, "    since: 2025-01-01\n    rectification: {on: insufficient, deadline: 10 calendar days, unit: shop}"}}),
      "centre.yaml");
  ASSERT_TRUE(c.cycle("check").spec().rectification);
  const cycle::Rectification& check = *c.cycle("check").spec().rectification;
  EXPECT_EQ(check.on, (std::vector<cycle::State>{cycle::State::overdue, cycle::State::missed}));
  EXPECT_EQ(check.deadline, calendar::Deadline::business_days(5));
  EXPECT_EQ(check.severity, "major");
  EXPECT_EQ(check.unit, "");
  // A single state may stand alone; a centre cycle names the unit its notices go to.
  const cycle::Rectification& survey = *c.cycle("survey").spec().rectification;
  EXPECT_EQ(survey.on, std::vector<cycle::State>{cycle::State::insufficient});
  EXPECT_EQ(survey.deadline, calendar::Deadline::calendar_days(10));
  EXPECT_EQ(survey.unit, "shop");
  EXPECT_FALSE(c.cycle("report").spec().rectification);
  // Equality sees the entry.
  EXPECT_NE(c, parse_charter(with_lines(kBase, {}), "centre.yaml"));
}

TEST(CharterFileCycles, RectificationMistakesAreRefusedWhereTheyAre) {
  // "    rectification: {on: [overdue, missed], deadline: …": '{' at column 20, 'overdue' at 26,
  // 'missed' at 35, 'deadline' at 44 and its value at 54.
  expect_refused(with_rectification("{on: [overdue, late], deadline: 5 business days}"), 21, 35,
                 "cycles.check.rectification.on[1]",
                 "unknown state 'late' (a notice is raised for overdue, missed, insufficient or done_late)");
  expect_refused(with_rectification("{on: [done, missed], deadline: 5 business days}"), 21, 26,
                 "cycles.check.rectification.on[0]", "'done' is not a failure");
  expect_refused(with_rectification("{on: [overdue, overdue], deadline: 5 business days}"), 21, 35,
                 "cycles.check.rectification.on[1]", "'overdue' is listed twice");
  expect_refused(with_rectification("{on: [], deadline: 5 business days}"), 21, 25, "cycles.check.rectification.on",
                 "name the states that raise a notice");
  expect_refused(with_rectification("{on: [overdue, missed]}"), 21, 20, "cycles.check.rectification", "missing 'deadline'");
  expect_refused(with_rectification("{on: [overdue, missed], deadline: soon}"), 21, 54,
                 "cycles.check.rectification.deadline", "");
  expect_refused(with_rectification("{on: [overdue, missed], deadline: 5 business days, to: boss}"), 21, 71,
                 "cycles.check.rectification.to", "unknown key 'to' (known here: on, deadline, severity, unit)");
  expect_refused(with_rectification("{on: [overdue, missed], deadline: 5 business days, unit: shop}"), 21, 77,
                 "cycles.check.rectification.unit", "a per-unit cycle notifies the unit concerned; name no unit");
  // The survey is the centre's: its notices need a unit, one the organisation has.
  expect_refused(with_lines(kBase, {{31, "    since: 2025-01-01\n    rectification: {on: [insufficient], deadline: 2 business days}"}}),
                 32, 20, "cycles.survey.rectification.unit",
                 "name the unit a notice goes to (the subject of a centre cycle is not a unit)");
  expect_refused(with_lines(kBase, {{31, "    since: 2025-01-01\n    rectification: {on: [missed], deadline: 2 business days, unit: shed}"}}),
                 32, 68, "cycles.survey.rectification.unit", "unknown unit 'shed'");
}

TEST(CharterFileCycles, WithStaffKeepsTheCyclesAndEqualityComparesThem) {
  const Charter c = parse_charter(with_lines(kBase, {}), "centre.yaml");
  org::Staff s;
  s.id = "li.na";
  s.roles = {"manager"};
  const Charter staffed = c.with_staff({s});
  EXPECT_EQ(staffed.cycles(), c.cycles());
  EXPECT_TRUE(c == parse_charter(with_lines(kBase, {}), "other.yaml"));
  EXPECT_FALSE(c == parse_charter(with_lines(kBase, {{19, "    due: 6 months"}}), "centre.yaml"));
}

}  // namespace
}  // namespace charter::io
