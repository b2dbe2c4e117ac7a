// The built-in survey design and appraisal scheme against the rulebook they encode: a walk
// through seed-rules.md (§2 rows and §6) proves that the yearly questionnaire
// asks the four common items of R-26, weights and samples customers by tier as R-27 asks, can
// be drawn within R-25's 50 respondents, and that the 360-degree appraisal combines the three
// views of S3 §3(2) into the grades it names.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <numeric>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "charter/cycle/sample_plan.hpp"
#include "charter/model/charter.hpp"
#include "test_support.hpp"

namespace charter::cycle {
namespace {

std::string seed_rules() {
  return test::read_all(std::string(CHARTER_TEST_DATA_DIR) + "/seeds/seed-rules.md");
}

// The table row of a rule id ("| R-26 | … |").
std::string row_of(const std::string& id) {
  std::istringstream in(seed_rules());
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| " + id + " |", 0) == 0) return line;
  }
  ADD_FAILURE() << id << " is not a row of seed-rules.md";
  return "";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(BuiltinSurveys, TheYearlyQuestionnaireIsADesignUnderR25) {
  const Charter& c = builtin();
  ASSERT_EQ(c.surveys().size(), 1u);
  const SurveyDesign& d = c.survey("R-25");
  EXPECT_EQ(d.spec().title.zh, "客户满意度问卷调查");
  EXPECT_EQ(d.spec().title.en, "Customer-satisfaction questionnaire");
  // The same id names the cycle that says when it is due: yearly, in December.
  EXPECT_EQ(c.cycle("R-25").recurrence(), Recurrence::yearly(12));
}

TEST(BuiltinSurveys, R26TheFourCommonItemsInBothLanguages) {
  // | R-26 | Questionnaire items: common items and business-specific items — timeliness,
  //   convenience, technical quality, value for money (及时性、便捷性、技术性、性价比) | …
  const std::string row = row_of("R-26");
  const SurveyDesign& d = builtin().survey("R-25");
  EXPECT_EQ(d.dimensions(), common_dimensions());
  ASSERT_EQ(d.dimensions().size(), 4u);
  for (const Dimension& dim : d.dimensions()) {
    EXPECT_NE(row.find(dim.label.zh), std::string::npos) << dim.id << ": '" << dim.label.zh << "' is not in R-26";
    EXPECT_NE(lower(row).find(lower(dim.label.en)), std::string::npos) << dim.id << ": '" << dim.label.en
                                                                       << "' is not in R-26";
  }
  // Answered on 1–5, satisfied at 4 (满意) or 5 (非常满意).
  EXPECT_EQ(d.scale(), ScoreScale{});
}

TEST(BuiltinSurveys, R27CustomersAreWeightedAndSampledByTier) {
  // | R-27 | Respondents weighted and sampled by customer tier, according to business scale and
  //   profit source (确定不同层面客户的权重和调查比例) | …
  EXPECT_NE(row_of("R-27").find("权重和调查比例"), std::string::npos);
  const SurveyDesign& d = builtin().survey("R-25");
  ASSERT_EQ(d.tiers().size(), 3u);
  EXPECT_EQ(d.tiers()[0].id, "key_accounts");
  for (const Tier& t : d.tiers()) {
    EXPECT_FALSE(t.label.zh.empty()) << t.id;
    EXPECT_FALSE(t.label.en.empty()) << t.id;
    EXPECT_GT(t.weight, 0) << t.id;
    EXPECT_GT(t.share, 0) << t.id;
  }
  // Weighted: key accounts count more than retail customers in the estimate, whatever their
  // part of the sample.
  EXPECT_GT(d.tiers()[0].weight, d.tiers()[2].weight);
  // Post-stratified: two tiers that answered 5 and 1 give the weighted mean, not the plain one.
  const SatisfactionResult r = satisfaction(d, {{"key_accounts", {5, 5, 5, 5}}, {"retail", {1, 1, 1, 1}},
                                                {"retail", {1, 1, 1, 1}}, {"retail", {1, 1, 1, 1}}});
  EXPECT_DOUBLE_EQ(r.overall.mean, (3 * 5 + 1 * 1) / 4.0);  // business did not answer: left out
  EXPECT_EQ(r.overall.tiers_without_answers, std::vector<std::string>{"business"});
}

TEST(BuiltinSurveys, R25FiftyRespondentsCanBeDrawnFromEveryTier) {
  // | R-25 | … ≥ 50 respondents each time (… 不少于50人) | … : the cycle's evidence threshold.
  EXPECT_NE(row_of("R-25").find("50"), std::string::npos);
  const Charter& c = builtin();
  const long long total = c.cycle("R-25").spec().evidence.at(0).at_least;
  ASSERT_EQ(total, 50);
  const SurveyDesign& d = c.survey("R-25");
  const std::vector<SampleAllocation> plan = sample_plan(total, d);
  ASSERT_EQ(plan.size(), d.tiers().size());
  EXPECT_EQ(std::accumulate(plan.begin(), plan.end(), 0LL, [](long long s, const SampleAllocation& a) { return s + a.size; }),
            total);
  for (std::size_t i = 0; i < plan.size(); ++i) {
    EXPECT_EQ(plan[i].tier, d.tiers()[i].id);
    EXPECT_GE(plan[i].size, d.tiers()[i].minimum) << plan[i].tier;
  }
  // Shares 0.4 / 0.3 / 0.3 of 50.
  EXPECT_EQ(plan[0].size, 20);
  EXPECT_EQ(plan[1].size, 15);
  EXPECT_EQ(plan[2].size, 15);
}

TEST(BuiltinSurveys, Section6The360DegreeAppraisal) {
  // §6 (S3 §3(2)): "customer satisfaction, peer review, supervisor rating; grades such as
  // excellent / good".
  std::istringstream in(seed_rules());
  std::string section6;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) inside = line.rfind("## 6.", 0) == 0;
    else if (inside) section6 += line + "\n";
  }
  for (const char* words : {"customer satisfaction", "peer review", "supervisor rating", "excellent", "good"}) {
    EXPECT_NE(section6.find(words), std::string::npos) << words;
  }
  const Charter& c = builtin();
  ASSERT_TRUE(c.appraisal().has_value());
  const org::AppraisalScheme& a = *c.appraisal();
  // Every view counts.
  EXPECT_GT(a.weights().customer, 0);
  EXPECT_GT(a.weights().peer, 0);
  EXPECT_GT(a.weights().supervisor, 0);
  EXPECT_EQ(a.spec(), org::AppraisalSpec{});  // the library's defaults, written out in the file
  std::vector<std::string> ids;
  for (const auto& g : a.grades()) ids.push_back(g.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"excellent", "good", "pass", "fail"}));
  EXPECT_EQ(a.grades()[0].label.zh, "优秀");
  EXPECT_EQ(a.grades()[1].label.zh, "良好");
  // A grade never rests on part of the evidence.
  EXPECT_EQ(a.missing(), org::MissingPolicy::not_graded);
  const auto results = org::appraise(a, {{"s001", 92, 88, 95}, {"s002", 71, std::nullopt, 80}});
  EXPECT_EQ(results[0].grade, "excellent");  // 0.4·92 + 0.3·88 + 0.3·95 = 91.7
  EXPECT_FALSE(results[1].graded());
}

}  // namespace
}  // namespace charter::cycle
