// The `standards` section of the charter file (docs/charter-file.md#standards): a small file read
// key by key into StandardSpecs, every mistake refused with its file:line:column and path, and
// standards that count local time evaluated across a daylight-saving change.
//
// Positions are 1-based and counted by hand from kBase: line n of the file is kBase[n - 1]; a
// test replaces whole lines with with_lines(). "    threshold: {…}" puts its first key at
// column 17.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "charter/io/charter_file.hpp"
#include "charter/model/charter.hpp"
#include "charter/standard/evaluate.hpp"
#include "charter_file_test_support.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using standard::Condition;
using standard::Outcome;

const std::vector<std::string> kBase = {
    "charter: 1",                                                                              // 1
    "calendars:",                                                                              // 2
    "  office: {zone: America/New_York, week: {weekdays: [\"09:00-17:00\"]}}",                  // 3
    "organization:",                                                                           // 4
    "  roles:",                                                                                // 5
    "    - id: boss",                                                                          // 6
    "      duties: [{id: boss.d, covers: [{standard: rings, raci: A}]}]",                       // 7
    "    - {id: clerk, reports_to: boss}",                                                     // 8
    "standards:",                                                                              // 9
    "  rings:",                                                                                // 10
    "    title: {zh: 响两声后接听, en: Answer after two rings}",                                 // 11
    "    kinds: [call]",                                                                       // 12
    "    threshold: {measure: rings, at_most: 2}",                                             // 13
    "  late_call:",                                                                            // 14
    "    owner: clerk",                                                                        // 15
    "    kinds: [call]",                                                                       // 16
    "    calendar: office",                                                                    // 17
    "    when: {field: local_time, at_least: \"16:00\"}",                                       // 18
    "    obligation: [{field: logged, is: yes}]",                                              // 19
};

std::string with_lines(const std::map<int, std::string>& changes = {}) { return io::with_lines(kBase, changes); }

TEST(CharterFileStandards, ReadsEachStandardInFileOrder) {
  const Charter c = parse_charter(with_lines(), "centre.yaml");
  ASSERT_EQ(c.standards().size(), 2u);
  EXPECT_EQ(c.standards()[0].id(), "rings");
  EXPECT_EQ(c.standards()[1].id(), "late_call");
  const standard::Standard& rings = c.standard("rings");
  EXPECT_EQ(rings.title().zh, "响两声后接听");
  EXPECT_EQ(rings.owner(), "boss");  // accountable for it
  EXPECT_EQ(rings.kind(), standard::RuleKind::threshold);
  const auto& t = std::get<standard::Threshold>(rings.spec().rule);
  EXPECT_EQ(t.quantity.field, "rings");
  EXPECT_EQ(t.at_most, 2.0);
  EXPECT_FALSE(t.at_least);
  EXPECT_EQ(c.standard("late_call").owner(), "clerk");
  EXPECT_EQ(c.standard("late_call").spec().when,
            (std::vector<Condition>{{"local_time", Condition::Test::at_least, 16 * 3600, {}}}));
  CHARTER_EXPECT_THROW_MSG(c.standard("greeting"), UnknownIdError,
                           "unknown standard 'greeting' (this charter has: rings, late_call)");
}

TEST(CharterFileStandards, EveryConditionTestReads) {
  const Charter c = parse_charter(
      with_lines({{19, "    obligation: [{field: a, at_least: 1.5}, {field: b, at_most: -2}, {field: c, in: [x, y]}, "
                       "{field: d, not_in: [z]}, {field: e, is: 是}, {field: f, is: NO}, {field: g, present: true}, "
                       "{field: h, present: false}, {field: local_time, at_most: \"24:00\"}]"}}),
      "centre.yaml");
  using T = Condition::Test;
  EXPECT_EQ(std::get<standard::Obligation>(c.standard("late_call").spec().rule).require,
            (std::vector<Condition>{{"a", T::at_least, 1.5, {}},
                                    {"b", T::at_most, -2, {}},
                                    {"c", T::in, 0, {"x", "y"}},
                                    {"d", T::not_in, 0, {"z"}},
                                    {"e", T::is_yes, 0, {}},
                                    {"f", T::is_no, 0, {}},
                                    {"g", T::present, 0, {}},
                                    {"h", T::absent, 0, {}},
                                    {"local_time", T::at_most, 86400, {}}}));
}

TEST(CharterFileStandards, AStandardWithoutAStandardsSectionIsFine) {
  const Charter c = parse_charter(
      "charter: 1\norganization: {roles: [{id: boss}]}\nstandards:\n", "centre.yaml");
  EXPECT_TRUE(c.standards().empty());
}

TEST(CharterFileStandards, MistakesAreRefusedWhereTheyAre) {
  expect_refused(with_lines({{13, "    treshold: {measure: rings, at_most: 2}"}}), 13, 5, "standards.rings.treshold",
                 "unknown key 'treshold'");
  expect_refused(with_lines({{13, "    threshold: {measure: rings, at_most: 2}\n    obligation: {field: x, is: yes}"}}),
                 14, 17, "standards.rings.obligation", "a standard has one rule ('threshold' is given already)");
  expect_refused(with_lines({{13, "    source: S1"}}), 11, 5, "standards.rings",
                 "missing the rule: one of threshold, deadline, obligation");
  expect_refused(with_lines({{13, "    threshold: {measure: rings, at_most: two}"}}), 13, 42,
                 "standards.rings.threshold.at_most", "expected a number, found 'two'");
  expect_refused(with_lines({{18, "    when: {field: local_time, at_least: \"25:00\"}"}}), 18, 41,
                 "standards.late_call.when[0].at_least", "expected a time of day \"HH:MM\" (00:00..24:00)");
  expect_refused(with_lines({{19, "    obligation: [{field: logged, is: maybe}]"}}), 19, 38,
                 "standards.late_call.obligation[0].is", "expected yes or no, found 'maybe'");
  expect_refused(with_lines({{19, "    obligation: [{field: logged, is: yes, present: true}]"}}), 19, 52,
                 "standards.late_call.obligation[0].present", "give one test per condition ('is' is given already)");
  expect_refused(with_lines({{19, "    obligation: [{field: logged}]"}}), 19, 18, "standards.late_call.obligation[0]",
                 "missing the test: at_least, at_most, in, not_in, is or present");
}

TEST(CharterFileStandards, ProblemsWithTheCharterArePlacedAtTheirNodes) {
  expect_refused(with_lines({{15, "    owner: chief"}}), 15, 12, "standards.late_call.owner", "unknown role 'chief'");
  expect_refused(with_lines({{17, "    calendar: hotline"}}), 17, 15, "standards.late_call.calendar",
                 "unknown calendar 'hotline' (known: office)");
  expect_refused(with_lines({{17, "    source: S1"}}), 18, 11, "standards.late_call.when[0]",
                 "uses local time or instants: name the standard's 'calendar'");
  expect_refused(with_lines({{7, "      duties: [{id: boss.d}]"}}), 11, 5, "standards.rings",
                 "no owner: name a role with 'owner', or make a role accountable (A) for standard rings");
  expect_refused(with_lines({{13, "    threshold: {measure: rings, at_least: 3, at_most: 2}"}}), 13, 16,
                 "standards.rings.threshold", "at_least is greater than at_most: nothing could meet it");
  expect_refused(with_lines({{12, "    kinds: []"}}), 12, 12, "standards.rings.kinds",
                 "name at least one observation kind the standard applies to");
}

TEST(CharterFileStandards, EveryProblemOfAStandardIsListed) {
  const std::string what = expect_refused(
      with_lines({{15, "    owner: chief"}, {17, "    calendar: hotline"}}), 15, 12, "standards.late_call.owner",
      "unknown role 'chief'");
  EXPECT_NE(what.find("\ncentre.yaml:17:15: standards.late_call.calendar: unknown calendar 'hotline'"),
            std::string::npos)
      << what;
}

TEST(CharterFileStandards, DeadlinesPhrasesSignersPreconditionsAndEligibility) {
  const Charter c = parse_charter(
      with_lines({{13, "    threshold: {measure: rings, at_most: 2}\n"
                       "  order:\n"
                       "    owner: boss\n"
                       "    kinds: [order]\n"
                       "    calendar: office\n"
                       "    deadline:\n"
                       "      done: made_up_at\n"
                       "      rules:\n"
                       "        - {when: {field: size, in: [large]}, rule: end of next business day}\n"
                       "        - {rule: 4 business hours}\n"
                       "  words:\n"
                       "    owner: boss\n"
                       "    kinds: [call]\n"
                       "    phrases: {field: transcript, forbidden: [\"喂,干什么\"], required: [您好]}\n"
                       "  signed:\n"
                       "    owner: boss\n"
                       "    kinds: [packing]\n"
                       "    distinct_signers: {at_least: 3}\n"
                       "  record:\n"
                       "    owner: boss\n"
                       "    kinds: [checkout]\n"
                       "    calendar: office\n"
                       "    precondition: {field: record_created_at}\n"
                       "  repairs:\n"
                       "    owner: boss\n"
                       "    kinds: [repair_request]\n"
                       "    eligibility: {exclusions: [{when: {field: material, in: [thai_silver]}, reason: {en: no}}]}"}}),
      "centre.yaml");
  const auto& d = std::get<standard::DeadlineRule>(c.standard("order").spec().rule);
  EXPECT_EQ(d.start, "at");
  ASSERT_EQ(d.rules.size(), 2u);
  EXPECT_EQ(d.rules[0].rule, calendar::Deadline::parse("end of next business day"));
  EXPECT_EQ(d.rules[1].rule, calendar::Deadline::parse("4 business hours"));
  const auto& p = std::get<standard::Phrases>(c.standard("words").spec().rule);
  EXPECT_EQ(p.forbidden, std::vector<std::string>{"喂,干什么"});
  EXPECT_NE(c.standard("words").forbidden_matcher(), nullptr);
  EXPECT_NE(c.standard("words").required_matcher(), nullptr);
  EXPECT_EQ(std::get<standard::DistinctSigners>(c.standard("signed").spec().rule).field, "signers");
  EXPECT_EQ(std::get<standard::DistinctSigners>(c.standard("signed").spec().rule).at_least, 3);
  EXPECT_EQ(std::get<standard::Precondition>(c.standard("record").spec().rule).field, "record_created_at");
  EXPECT_EQ(std::get<standard::Eligibility>(c.standard("repairs").spec().rule).accepted, "accepted");
}

TEST(CharterFileStandards, RulesThatCannotWorkAreRefused) {
  expect_refused(with_lines({{19, "    deadline: {done: x, rules: [{when: {field: a, present: true}, rule: 2 hours}]}"}}),
                 19, 33, "standards.late_call.deadline.rules[0]",
                 "the last rule applies when no other does: it takes no 'when'");
  expect_refused(with_lines({{19, "    phrases: {field: transcript, forbidden: [\"，。 \"]}"}}), 19, 45,
                 "standards.late_call.phrases.forbidden", "phrase 1");
  expect_refused(with_lines({{19, "    eligibility: {exclusions: [{reason: {en: no}}]}"}}), 19, 32,
                 "standards.late_call.eligibility.exclusions[0]", "an exclusion needs 'when'");
  const std::string what = expect_refused(
      with_lines({{13, "    threshold: {between: [at, seen_at], unit: weeks, at_most: 2}"}}), 13, 26,
      "standards.rings.threshold.between", "uses local time or instants: name the standard's 'calendar'");
  EXPECT_NE(what.find("centre.yaml:13:47: standards.rings.threshold.unit: the time between two instants is counted "
                      "in seconds, minutes, hours or days, not 'weeks'"),
            std::string::npos)
      << what;
}

// America/New_York moved its clocks forward on 2025-03-09: 20:30 UTC is 15:30 on Friday 7 March
// (EST, UTC−5) and 16:30 on Monday 10 March (EDT, UTC−4).
TEST(CharterFileStandards, LocalTimeFollowsTheCalendarsZoneAcrossDaylightSaving) {
  const Charter c = parse_charter(with_lines(), "centre.yaml");
  standard::Observation before;
  before.kind = "call";
  before.at = test::utc("2025-03-07 20:30");
  before.fields = {{"rings", "1"}};
  standard::Observation after = before;
  after.at = test::utc("2025-03-10 20:30");
  const standard::Findings f = standard::evaluate(c, {before, after});
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f.outcome()[1], Outcome::not_applicable);  // 15:30 local
  EXPECT_EQ(f.explanation(1),
            "observation 1 late_call not applicable: applies only when local_time \u2265 16:00 (owner clerk)");
  EXPECT_EQ(f.outcome()[3], Outcome::not_met);  // 16:30 local, nothing logged
}

// rectification: line 20 of late_call, which names a calendar; the workflow its notices open
// follows the standards.
std::string with_rectification(const std::string& entry) {
  return with_notice_workflow(with_lines({{19, "    obligation: [{field: logged, is: yes}]\n    rectification: " + entry}}));
}

TEST(CharterFileStandards, RectificationEntriesRead) {
  const Charter c =
      parse_charter(with_rectification("{below: 90%, min_checked: 20, period: week, deadline: 2 business days, severity: major}"),
                    "centre.yaml");
  ASSERT_TRUE(c.standard("late_call").spec().rectification);
  const standard::Rectification& r = *c.standard("late_call").spec().rectification;
  EXPECT_EQ(r.below, 0.9);
  EXPECT_EQ(r.min_checked, 20);
  EXPECT_EQ(r.period, standard::Period::week);
  EXPECT_EQ(r.deadline, calendar::Deadline::business_days(2));
  EXPECT_EQ(r.severity, "major");
  EXPECT_FALSE(c.standard("rings").spec().rectification);
  // A share may be written as a fraction; min_checked defaults to 1.
  const standard::Rectification& f =
      *parse_charter(with_rectification("{below: 0.75, period: day, deadline: end of next business day}"), "centre.yaml")
           .standard("late_call")
           .spec()
           .rectification;
  EXPECT_EQ(f.below, 0.75);
  EXPECT_EQ(f.min_checked, 1);
  EXPECT_EQ(f.period, standard::Period::day);
}

TEST(CharterFileStandards, RectificationMistakesAreRefusedWhereTheyAre) {
  // "    rectification: {below: 1.5, period: …": '{' at column 20, the value of below at 28.
  expect_refused(with_rectification("{below: 1.5, period: month, deadline: 2 business days}"), 20, 28,
                 "standards.late_call.rectification.below", "must be more than 0 and at most 1 (100%)");
  expect_refused(with_rectification("{below: ninety%, period: month, deadline: 2 business days}"), 20, 28,
                 "standards.late_call.rectification.below", "expected a number, found 'ninety'");
  expect_refused(with_rectification("{below: 0.9, period: none, deadline: 2 business days}"), 20, 41,
                 "standards.late_call.rectification.period", "unknown period 'none' (known: day, week, month)");
  expect_refused(with_rectification("{period: month, deadline: 2 business days}"), 20, 20,
                 "standards.late_call.rectification", "missing 'below'");
  expect_refused(with_rectification("{below: 0.9, period: month}"), 20, 20, "standards.late_call.rectification",
                 "missing 'deadline'");
  expect_refused(with_rectification("{below: 0.9, min_checked: 0, period: month, deadline: 2 business days}"), 20, 46,
                 "standards.late_call.rectification.min_checked", "min_checked 0 is not 1 to 1000000000");
  // The notices need a workflow to open: without one the entry itself is refused.
  expect_refused(with_lines({{19, "    obligation: [{field: logged, is: yes}]\n    rectification: {below: 0.9, period: month, "
                                  "deadline: 2 business days}"}}),
                 20, 20, "standards.late_call.rectification",
                 "raises rectification notices, which open cases of a 'rectification' workflow, and the charter has none");
  // rings names no calendar, and a rate is judged over periods of local dates.
  expect_refused(with_lines({{13, "    threshold: {measure: rings, at_most: 2}\n    rectification: {below: 0.9, period: month, deadline: 2 business days}"}}),
                 14, 20, "standards.rings.rectification",
                 "judges rates over periods of local dates: name the standard's 'calendar'");
}

TEST(CharterFileStandards, WithStaffKeepsTheStandards) {
  const Charter c = parse_charter(with_lines(), "centre.yaml");
  org::Staff s;
  s.id = "li.na";
  s.roles = {"clerk"};
  const Charter staffed = c.with_staff({s});
  EXPECT_EQ(staffed.standards(), c.standards());
  EXPECT_NE(staffed, c);
}

}  // namespace
}  // namespace charter::io
