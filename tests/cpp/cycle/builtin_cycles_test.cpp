// The built-in cycles against the rulebook they encode: a walk through seed-rules.md §2 proves
// that every inspection and reporting rule is a cycle under its rule id (or says why not), and
// each cycle's recurrence, due rule, evidence and owner are the ones the rule states.

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "charter/model/charter.hpp"
#include "test_support.hpp"

namespace charter::cycle {
namespace {

std::string seed_rules() {
  return test::read_all(std::string(CHARTER_TEST_DATA_DIR) + "/seeds/seed-rules.md");
}

// §2 rows that are not cycles of their own, and why.
const std::map<std::string, std::string> kNotCycles = {
    {"R-26", "survey dimensions: the items of the survey design R-25 (builtin_surveys_test.cpp)"},
    {"R-27", "stratified sampling by customer tier: the tiers of the survey design R-25"},
    {"R-31", "greetings driven by festival and birthday dates, not by a period"},
    {"R-33", "a per-case obligation: a standard of the standard block"},
};

TEST(BuiltinCycles, EveryRuleOfSection2IsACycleUnderItsId) {
  std::istringstream in(seed_rules());
  bool inside = false;
  std::set<std::string> listed;
  const std::regex row(R"(^\| (R-\d\d) \|)");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) inside = line.rfind("## 2.", 0) == 0;
    std::smatch m;
    if (inside && std::regex_search(line, m, row)) listed.insert(m[1]);
  }
  ASSERT_EQ(listed.size(), 15u) << "seed-rules §2 lists R-20..R-34";
  for (const auto& id : listed) {
    if (kNotCycles.count(id)) {
      EXPECT_THROW(builtin().cycle(id), UnknownIdError) << id;
      continue;
    }
    // R-25 is a cycle (when) and a survey design (what and of whom) under the same id.
    if (id == "R-25") {
      EXPECT_NO_THROW(builtin().survey(id));
    }
    EXPECT_NO_THROW(builtin().cycle(id)) << id << " is not a built-in cycle";
  }
  // R-11's daily check (§1) and R-20's spot checks are cycles too.
  EXPECT_NO_THROW(builtin().cycle("R-11"));
  EXPECT_NO_THROW(builtin().cycle("R-20-spot"));
}

TEST(BuiltinCycles, EachCycleIsWhatItsRuleSays) {
  const Charter& c = builtin();
  auto rec = [&](const char* id) { return c.cycle(id).recurrence(); };
  EXPECT_EQ(rec("R-11").kind, RecurrenceKind::business_day);
  EXPECT_EQ(rec("R-29").kind, RecurrenceKind::business_day);
  EXPECT_EQ(rec("R-20").kind, RecurrenceKind::monthly);
  EXPECT_EQ(c.cycle("R-20").spec().scope.kind, ScopeKind::unit);
  EXPECT_EQ(rec("R-20-spot").kind, RecurrenceKind::ad_hoc);
  EXPECT_EQ(rec("R-24").kind, RecurrenceKind::ad_hoc);
  EXPECT_EQ(rec("R-21").kind, RecurrenceKind::follow_up);
  EXPECT_EQ(rec("R-22").kind, RecurrenceKind::follow_up);
  ASSERT_EQ(c.cycle("R-20").spec().follow_ups.size(), 2u);
  EXPECT_EQ(c.cycle("R-20").spec().follow_ups[0].cycle, "R-21");
  EXPECT_EQ(c.cycle("R-20").spec().follow_ups[1].cycle, "R-22");
  EXPECT_EQ(c.cycle("R-23").spec().due->kind(), calendar::Deadline::Kind::end_of_month);
  EXPECT_EQ(rec("R-25").kind, RecurrenceKind::yearly);
  EXPECT_EQ(rec("R-25").month, 12);
  ASSERT_EQ(c.cycle("R-25").spec().evidence.size(), 1u);
  EXPECT_EQ(c.cycle("R-25").spec().evidence[0].kind, EvidenceKind::count);
  EXPECT_EQ(c.cycle("R-25").spec().evidence[0].field, "respondents");
  EXPECT_EQ(c.cycle("R-25").spec().evidence[0].at_least, 50);
  EXPECT_EQ(rec("R-28").kind, RecurrenceKind::at_least);
  EXPECT_EQ(rec("R-28").count, 3);
  EXPECT_EQ(rec("R-28").per, Period::year);
  EXPECT_EQ(rec("R-28").distinct, "unit");
  EXPECT_EQ(rec("R-30").kind, RecurrenceKind::weekly);
  EXPECT_EQ(c.cycle("R-30").spec().scope.kind, ScopeKind::staff);
  EXPECT_EQ(c.cycle("R-32").spec().scope.ids, std::vector<std::string>{"key_account_staff"});
  EXPECT_TRUE(rec("R-34").last_business_day);
  // Owners come from the organisation's RACI: the deputy leader runs the satisfaction research.
  EXPECT_EQ(c.cycle("R-25").owner(), "deputy_leader");
  for (const char* id : {"R-11", "R-20", "R-21", "R-22", "R-23", "R-28", "R-29", "R-30", "R-32", "R-34"}) {
    EXPECT_EQ(c.cycle(id).owner(), "cs_manager") << id;
  }
  // Every cycle names its source and a title in both languages.
  for (const Cycle& cy : c.cycles()) {
    EXPECT_FALSE(cy.spec().source.empty()) << cy.id();
    EXPECT_FALSE(cy.title().zh.empty()) << cy.id();
    EXPECT_FALSE(cy.title().en.empty()) << cy.id();
  }
}

}  // namespace
}  // namespace charter::cycle
