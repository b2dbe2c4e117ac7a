// Compliance tables over findings of the built-in standards: rates by standard, staff, unit and
// period, local dates at midnight and month end, the worst offenders and the trend.
//
// Calendar facts: the built-in "office" calendar is in Asia/Shanghai (UTC+8, no DST);
// 2025-10-12 is a Sunday and 2025-10-13 a Monday.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "charter/model/charter.hpp"
#include "charter/standard/compliance.hpp"
#include "charter/standard/evaluate.hpp"
#include "test_support.hpp"

namespace charter::standard {
namespace {

const calendar::BusinessCalendar& office() { return builtin().calendar("office"); }

// A call answered after `rings` rings (R-01, R-02; the phone log's fields are left out, so
// phone_log is not met and phone_read_back not met either).
Observation call(const std::string& staff, const std::string& unit, std::string_view local_at, int rings) {
  Observation o;
  o.kind = "call";
  o.at = test::local(office(), local_at);
  o.staff = staff;
  o.unit = unit;
  o.channel = "phone";
  o.fields = {{"rings", std::to_string(rings)}};
  return o;
}

const ComplianceRow* find(const std::vector<ComplianceRow>& rows, const std::vector<std::string>& key,
                          boost::gregorian::date period = boost::gregorian::date()) {
  for (const auto& r : rows) {
    if (r.key == key && r.period_start == period) return &r;
  }
  ADD_FAILURE() << "no row for " << (key.empty() ? "" : key[0]);
  return nullptr;
}

std::vector<Observation> october() {
  return {
      call("li.na", "call_centre", "2025-10-09 10:00", 1),    // R-01 met
      call("li.na", "call_centre", "2025-10-09 11:00", 4),    // R-01 not met; R-02 n/a
      call("wang.fang", "front_desk", "2025-10-10 09:30", 2),  // met
      call("wang.fang", "front_desk", "2025-10-12 23:30", 6),  // not met; R-02 not met (Sunday)
      call("wang.fang", "front_desk", "2025-10-13 00:30", 2),  // met (Monday, next week)
      call("li.na", "call_centre", "2025-10-31 23:59", 2),    // met, October
      call("li.na", "call_centre", "2025-11-01 00:01", 3),    // not met, November
  };
}

TEST(Compliance, RatePerStandardCountsOnlyChecks) {
  const Findings f = evaluate(builtin(), october());
  const ComplianceTable t = compliance(f, {Dimension::standard});
  const ComplianceRow* r01 = find(t.rows, {"R-01"});
  ASSERT_NE(r01, nullptr);
  EXPECT_EQ(r01->met, 4u);
  EXPECT_EQ(r01->not_met, 3u);
  EXPECT_DOUBLE_EQ(r01->rate(), 4.0 / 7.0);
  const ComplianceRow* r02 = find(t.rows, {"R-02"});
  EXPECT_EQ(r02->not_applicable, 6u);
  EXPECT_EQ(r02->not_met, 1u);
  EXPECT_EQ(r02->rate(), 0.0);
  // The charter's order of standards.
  ASSERT_GE(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].key, std::vector<std::string>{"R-01"});
  EXPECT_EQ(t.rows[1].key, std::vector<std::string>{"R-02"});
}

TEST(Compliance, ARowWithNothingCheckedHasNoRate) {
  ComplianceRow r;
  r.not_applicable = 3;
  EXPECT_TRUE(std::isnan(r.rate()));
}

TEST(Compliance, ByStaffAndUnit) {
  const Findings f = evaluate(builtin(), october());
  const ComplianceTable t = compliance(f, {Dimension::staff, Dimension::standard});
  const ComplianceRow* li = find(t.rows, {"li.na", "R-01"});
  EXPECT_EQ(li->met, 2u);
  EXPECT_EQ(li->not_met, 2u);
  const ComplianceRow* wang = find(t.rows, {"wang.fang", "R-01"});
  EXPECT_EQ(wang->met, 2u);
  EXPECT_EQ(wang->not_met, 1u);
  const ComplianceTable units = compliance(f, {Dimension::unit});
  EXPECT_EQ(units.rows.size(), 2u);
  const ComplianceTable owners = compliance(f, {Dimension::owner});
  ASSERT_EQ(owners.rows.size(), 1u);
  EXPECT_EQ(owners.rows[0].key, std::vector<std::string>{"cs_manager"});
}

TEST(Compliance, NoDimensionsIsOneRowForEverything) {
  const Findings f = evaluate(builtin(), october());
  const ComplianceTable t = compliance(f, {});
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].met + t.rows[0].not_met + t.rows[0].not_applicable + t.rows[0].invalid, f.size());
}

TEST(Compliance, DaysAreLocalDates) {
  const Findings f = evaluate(builtin(), october());
  const ComplianceTable t = compliance(f, {Dimension::standard}, Period::day, &office());
  // 23:30 on Sunday 12 October in Shanghai is 15:30 UTC the same day; 00:30 on the 13th is still
  // the 12th in UTC but the 13th locally.
  EXPECT_EQ(find(t.rows, {"R-01"}, boost::gregorian::date(2025, 10, 12))->not_met, 1u);
  EXPECT_EQ(find(t.rows, {"R-01"}, boost::gregorian::date(2025, 10, 13))->met, 1u);
}

TEST(Compliance, WeeksStartOnMonday) {
  const Findings f = evaluate(builtin(), october());
  const ComplianceTable t = compliance(f, {Dimension::standard}, Period::week, &office());
  const ComplianceRow* first = find(t.rows, {"R-01"}, boost::gregorian::date(2025, 10, 6));
  EXPECT_EQ(first->met, 2u);      // 9 Oct 10:00, 10 Oct
  EXPECT_EQ(first->not_met, 2u);  // 9 Oct 11:00, 12 Oct (Sunday)
  const ComplianceRow* second = find(t.rows, {"R-01"}, boost::gregorian::date(2025, 10, 13));
  EXPECT_EQ(second->met, 1u);
}

TEST(Compliance, AMinuteBeforeMidnightOnTheLastDayIsStillOctober) {
  const Findings f = evaluate(builtin(), october());
  const ComplianceTable t = compliance(f, {Dimension::standard}, Period::month, &office());
  const ComplianceRow* oct = find(t.rows, {"R-01"}, boost::gregorian::date(2025, 10, 1));
  EXPECT_EQ(oct->met, 4u);
  EXPECT_EQ(oct->not_met, 2u);
  const ComplianceRow* nov = find(t.rows, {"R-01"}, boost::gregorian::date(2025, 11, 1));
  EXPECT_EQ(nov->met, 0u);
  EXPECT_EQ(nov->not_met, 1u);
}

TEST(Compliance, PeriodsNeedAZone) {
  const Findings f = evaluate(builtin(), october());
  EXPECT_THROW(compliance(f, {Dimension::standard}, Period::month), std::invalid_argument);
}

TEST(Compliance, ARangeKeepsTheFindingsInIt) {
  const Findings f = evaluate(builtin(), october());
  const InstantRange november{test::local(office(), "2025-11-01 00:00"), std::nullopt};
  const ComplianceTable t = compliance(f, {Dimension::standard}, Period::none, nullptr, november);
  EXPECT_EQ(find(t.rows, {"R-01"})->checked(), 1u);
}

TEST(Compliance, TheWorstOffendersHaveTheLowestRates) {
  std::vector<Observation> obs = october();
  obs.push_back(call("zhao.lei", "call_centre", "2025-10-09 12:00", 9));
  const Findings f = evaluate(builtin(), obs);
  const ComplianceTable t = compliance(f, {Dimension::staff}, Period::none);
  // The calls record no phone log, so everyone fails phone_log: among the rates of 0, more
  // breaches come first.
  const std::vector<ComplianceRow> w = worst(compliance(f, {Dimension::staff, Dimension::standard}), 2, 1);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].key, (std::vector<std::string>{"li.na", "phone_log"}));  // 4 of 4 broken
  EXPECT_EQ(w[1].key, (std::vector<std::string>{"li.na", "phone_read_back"}));
  for (const auto& r : w) EXPECT_EQ(r.rate(), 0.0);
  // By staff alone, zhao.lei passed nothing: R-01 (9 rings), R-02 (no apology), the log.
  const std::vector<ComplianceRow> staff = worst(t, 1);
  ASSERT_EQ(staff.size(), 1u);
  EXPECT_EQ(staff[0].key, std::vector<std::string>{"zhao.lei"});
  EXPECT_EQ(staff[0].rate(), 0.0);
  // With at least three checks, only the staff who did enough calls count.
  const std::vector<ComplianceRow> busy = worst(compliance(f, {Dimension::staff, Dimension::standard}), 10, 3);
  for (const auto& r : busy) EXPECT_GE(r.checked(), 3u);
  EXPECT_TRUE(worst(t, 0).empty());
}

TEST(Compliance, TheTrendComparesTwoRanges) {
  const Findings f = evaluate(builtin(), october());
  const InstantRange first{test::local(office(), "2025-10-06 00:00"), test::local(office(), "2025-10-13 00:00")};
  const InstantRange later{test::local(office(), "2025-10-13 00:00"), test::local(office(), "2025-12-01 00:00")};
  const std::vector<TrendRow> rows = trend(f, {Dimension::standard}, first, later);
  const TrendRow* r01 = nullptr;
  for (const auto& r : rows) {
    if (r.key == std::vector<std::string>{"R-01"}) r01 = &r;
  }
  ASSERT_NE(r01, nullptr);
  EXPECT_DOUBLE_EQ(r01->before.rate(), 0.5);     // 2 of 4
  EXPECT_DOUBLE_EQ(r01->after.rate(), 2.0 / 3);  // 13 Oct, 31 Oct met; 1 Nov not
  EXPECT_DOUBLE_EQ(r01->change(), 2.0 / 3 - 0.5);
  // R-02 was checked only in the first week: no change can be said.
  for (const auto& r : rows) {
    if (r.key == std::vector<std::string>{"R-02"}) EXPECT_TRUE(std::isnan(r.change()));
  }
}

TEST(Compliance, NoFindingsNoRows) {
  EXPECT_TRUE(compliance(Findings(), {Dimension::unit}).rows.empty());
  EXPECT_TRUE(trend(Findings(), {Dimension::unit}, {}, {}).empty());
}

}  // namespace
}  // namespace charter::standard
