// Survey design (R-26 items, R-27 tiers) and weighted satisfaction with its intervals.

#include "charter/cycle/survey.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_support.hpp"

namespace charter::cycle {
namespace {

const double NA = std::numeric_limits<double>::quiet_NaN();

SurveySpec two_tier_spec() {
  SurveySpec spec;
  spec.id = "annual";
  spec.title = {"年度满意度调查", "Annual satisfaction survey"};
  spec.dimensions = {{"timeliness", {"及时性", "Timeliness"}}, {"value_for_money", {"性价比", "Value for money"}}};
  spec.tiers = {{"key", {"重点客户", "Key accounts"}, 3, 0.5, 0, std::nullopt},
                {"retail", {"零售客户", "Retail"}, 1, 0.5, 0, std::nullopt}};
  return spec;
}

TEST(SurveyDesign, CommonItemsAreTheFourOfR26) {
  auto dims = common_dimensions();
  ASSERT_EQ(dims.size(), 4u);
  EXPECT_EQ(dims[0].id, "timeliness");
  EXPECT_EQ(dims[0].label.zh, "及时性");
  EXPECT_EQ(dims[1].label.zh, "便捷性");
  EXPECT_EQ(dims[2].id, "technical_quality");
  EXPECT_EQ(dims[2].label.zh, "技术性");
  EXPECT_EQ(dims[3].label.both(), "Value for money (性价比)");
}

TEST(SurveyDesign, BusinessSpecificItemsSitBesideTheCommonOnes) {
  SurveySpec spec = two_tier_spec();
  spec.dimensions = common_dimensions();
  spec.dimensions.push_back({"repair_quality", {"维修质量", "Repair quality"}});
  SurveyDesign d(spec);
  EXPECT_EQ(d.dimensions().size(), 5u);
  EXPECT_EQ(d.dimension_index("repair_quality"), 4u);
  EXPECT_EQ(d.tier_index("retail"), 1u);
  EXPECT_FALSE(d.tier_index("vip").has_value());
  EXPECT_EQ(d.scale(), ScoreScale{});  // 1–5, satisfied at 4
  EXPECT_EQ(SurveyDesign(spec), d);
}

TEST(SurveyDesign, EveryProblemIsListedWithItsPath) {
  SurveySpec spec;
  spec.id = "bad id";
  spec.dimensions = {{"timeliness", {}}, {"timeliness", {}}, {"overall", {}}};
  spec.scale = {5, 1, 7};
  spec.tiers = {{"key", {}, std::nan(""), 1, 0, std::nullopt},
                {"retail", {}, -1, -0.2, -3, std::nullopt},
                {"vip", {}, 0, 0, 10, 4}};
  try {
    SurveyDesign d(spec);
    FAIL() << "expected SurveyError";
  } catch (const SurveyError& e) {
    std::vector<std::string> paths;
    for (const auto& p : e.problems()) paths.push_back(p.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"id", "dimensions[1].id", "dimensions", "scale.highest",
                                               "scale.satisfied_at", "tiers[0].weight", "tiers[1].weight",
                                               "tiers[1].share", "tiers[1].minimum", "tiers[2].population",
                                               "tiers"}));
    const std::string what = e.what();
    EXPECT_NE(what.find("survey 'bad id':"), std::string::npos);
    EXPECT_NE(what.find("tiers[0].weight: must be finite and not negative, got nan"), std::string::npos);
    EXPECT_NE(what.find("tiers: the weights add up to 0"), std::string::npos);
    EXPECT_NE(what.find("tiers[2].population: 4 customers cannot give the minimum of 10 respondents"), std::string::npos);
  }
}

TEST(SurveyDesign, WeightsAllZeroAreRefused) {
  SurveySpec spec = two_tier_spec();
  spec.tiers[0].weight = spec.tiers[1].weight = 0;
  CHARTER_EXPECT_THROW_MSG(SurveyDesign{spec}, SurveyError, "the weights add up to 0");
  spec = two_tier_spec();
  spec.tiers.clear();
  CHARTER_EXPECT_THROW_MSG(SurveyDesign{spec}, SurveyError, "tiers: name at least one customer tier");
}

TEST(Satisfaction, NormalQuantileAndWilsonAgreeWithTables) {
  EXPECT_NEAR(normal_quantile(0.95), 1.959963984540054, 1e-12);
  EXPECT_NEAR(normal_quantile(0.90), 1.644853626951472, 1e-12);
  EXPECT_THROW(normal_quantile(1.0), std::invalid_argument);
  EXPECT_THROW(normal_quantile(std::nan("")), std::invalid_argument);
  // Wilson for 8 of 10 at 95 %: 0.4902 … 0.9433 (Newcombe 1998, table I style).
  auto [lo, hi] = wilson_interval(0.8, 10, normal_quantile(0.95));
  EXPECT_NEAR(lo, 0.4902, 1e-4);
  EXPECT_NEAR(hi, 0.9433, 1e-4);
}

// Hand computation (docs/surveys.md, worked example): key accounts weight 3, retail weight 1.
//   key timeliness 5, 4, 3: ȳ = 4, s² = 1, 2 of 3 satisfied
//   retail timeliness 2, 4: ȳ = 3, s² = 2, 1 of 2 satisfied
//   W = 0.75 / 0.25; mean = 0.75·4 + 0.25·3 = 3.75; Var = 0.75²·1/3 + 0.25²·2/2 = 0.25, se 0.5
//   → 3.75 ± 1.96·0.5 = 2.7700 … 4.7300
//   share = 0.75·2/3 + 0.25·1/2 = 0.625; n_eff = 1/(0.75²/3 + 0.25²/2) = 4.5714
//   → Wilson 0.2358 … 0.9000
TEST(Satisfaction, PostStratifiedMeanAndShareMatchTheHandComputation) {
  SurveyDesign d(two_tier_spec());
  std::vector<Response> rs = {{"key", {5, 5}}, {"key", {4, NA}}, {"key", {3, 4}}, {"retail", {2, NA}}, {"retail", {4, NA}}};
  SatisfactionResult r = satisfaction(d, rs);
  EXPECT_EQ(r.respondents, 5);
  const Estimate& t = r.dimensions[0];
  EXPECT_EQ(t.dimension, "timeliness");
  EXPECT_EQ(t.answers, 5);
  EXPECT_NEAR(t.mean, 3.75, 1e-12);
  EXPECT_NEAR(t.mean_low, 2.7700180077, 1e-9);
  EXPECT_NEAR(t.mean_high, 4.7299819923, 1e-9);
  EXPECT_NEAR(t.satisfied, 0.625, 1e-12);
  EXPECT_NEAR(t.effective_n, 4.5714285714, 1e-9);
  EXPECT_NEAR(t.satisfied_low, 0.2358429610, 1e-9);
  EXPECT_NEAR(t.satisfied_high, 0.9000030440, 1e-9);
  EXPECT_TRUE(t.tiers_without_answers.empty());

  // Value for money: only key accounts answered (5, 4): retail is left out and named.
  const Estimate& v = r.dimensions[1];
  EXPECT_EQ(v.answers, 2);
  EXPECT_NEAR(v.mean, 4.5, 1e-12);
  EXPECT_NEAR(v.satisfied, 1.0, 1e-12);
  EXPECT_EQ(v.tiers_without_answers, std::vector<std::string>{"retail"});
  // All satisfied: the Wilson interval still has width, below 1.
  EXPECT_LT(v.satisfied_low, 1.0);
  EXPECT_DOUBLE_EQ(v.satisfied_high, 1.0);

  // Overall per respondent: key 5, 4, 3.5 (3 satisfied? 5 and 4 yes, 3.5 no) and retail 2, 4.
  EXPECT_EQ(r.overall.dimension, "overall");
  EXPECT_EQ(r.overall.answers, 5);
  EXPECT_NEAR(r.overall.mean, 0.75 * (12.5 / 3) + 0.25 * 3, 1e-12);
  EXPECT_NEAR(r.overall.satisfied, 0.75 * (2.0 / 3) + 0.25 * 0.5, 1e-12);

  ASSERT_EQ(r.tiers.size(), 2u);
  EXPECT_EQ(r.tiers[0].tier, "key");
  EXPECT_EQ(r.tiers[0].respondents, 3);
  EXPECT_EQ(r.tiers[0].complete, 2);
  EXPECT_EQ(r.tiers[1].respondents, 2);
  EXPECT_EQ(r.tiers[1].complete, 0);
}

TEST(Satisfaction, AnOverSampledTierDoesNotCountMore) {
  // 40 retail answers of 2 and 10 key answers of 5 with equal weights: the mean is 3.5, not 2.6.
  SurveySpec spec = two_tier_spec();
  spec.tiers[0].weight = spec.tiers[1].weight = 1;
  std::vector<Response> rs;
  for (int i = 0; i < 40; ++i) rs.push_back({"retail", {2, 2}});
  for (int i = 0; i < 10; ++i) rs.push_back({"key", {5, 5}});
  auto r = satisfaction(SurveyDesign(spec), rs);
  EXPECT_NEAR(r.dimensions[0].mean, 3.5, 1e-12);
  EXPECT_NEAR(r.dimensions[0].satisfied, 0.5, 1e-12);
  // Every tier's answers agree: no spread, a zero-width interval of the mean.
  EXPECT_NEAR(r.dimensions[0].mean_low, 3.5, 1e-12);
}

TEST(Satisfaction, ADimensionNobodyAnsweredIsNaNNotZero) {
  SurveyDesign d(two_tier_spec());
  auto r = satisfaction(d, {{"key", {4, NA}}, {"retail", {5, NA}}});
  const Estimate& v = r.dimensions[1];
  EXPECT_EQ(v.answers, 0);
  EXPECT_TRUE(std::isnan(v.mean));
  EXPECT_TRUE(std::isnan(v.satisfied));
  EXPECT_TRUE(std::isnan(v.satisfied_low));
  EXPECT_EQ(v.tiers_without_answers, (std::vector<std::string>{"key", "retail"}));
  // A single answer per tier: the mean has no interval, the share has one.
  EXPECT_TRUE(std::isnan(r.dimensions[0].mean_low));
  EXPECT_FALSE(std::isnan(r.dimensions[0].satisfied_low));
}

TEST(Satisfaction, EmptyResponsesGiveNaNEstimatesAndZeroCounts) {
  auto r = satisfaction(SurveyDesign(two_tier_spec()), {});
  EXPECT_EQ(r.respondents, 0);
  EXPECT_TRUE(std::isnan(r.overall.mean));
  EXPECT_EQ(r.tiers[0].respondents, 0);
  EXPECT_EQ(r.dimensions.size(), 2u);
}

TEST(Satisfaction, ARespondentWhoAnsweredNothingCountsInTheTierButNotOverall) {
  auto r = satisfaction(SurveyDesign(two_tier_spec()), {{"key", {NA, NA}}, {"key", {4, 4}}});
  EXPECT_EQ(r.tiers[0].respondents, 2);
  EXPECT_EQ(r.overall.answers, 1);
}

TEST(Satisfaction, ATierWithWeightZeroIsCountedButNotWeighted) {
  SurveySpec spec = two_tier_spec();
  spec.tiers[1].weight = 0;
  auto r = satisfaction(SurveyDesign(spec), {{"key", {4, 4}}, {"retail", {1, 1}}});
  EXPECT_NEAR(r.dimensions[0].mean, 4, 1e-12);
  EXPECT_EQ(r.dimensions[0].answers, 2);
  EXPECT_EQ(r.tiers[1].respondents, 1);
}

TEST(Satisfaction, BadResponsesAreAllListedByPosition) {
  SurveyDesign d(two_tier_spec());
  try {
    satisfaction(d, {{"key", {4, 6}}, {"vip", {4, 4}}, {"retail", {4}}, {"key", {0, std::numeric_limits<double>::infinity()}}});
    FAIL() << "expected SurveyError";
  } catch (const SurveyError& e) {
    std::vector<std::string> paths;
    for (const auto& p : e.problems()) paths.push_back(p.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"responses[0].value_for_money", "responses[1].tier", "responses[2].scores",
                                               "responses[3].timeliness", "responses[3].value_for_money"}));
    const std::string what = e.what();
    EXPECT_NE(what.find("responses[0].value_for_money: score 6 is off the scale 1–5"), std::string::npos);
    EXPECT_NE(what.find("unknown tier 'vip' (known: key, retail)"), std::string::npos);
  }
  EXPECT_THROW(satisfaction(d, {}, 1.5), std::invalid_argument);
}

TEST(Satisfaction, AMillionBadResponsesGiveAShortMessage) {
  std::vector<Response> rs(1000, Response{"nobody", {3, 3}});
  try {
    satisfaction(SurveyDesign(two_tier_spec()), rs);
    FAIL() << "expected SurveyError";
  } catch (const SurveyError& e) {
    EXPECT_EQ(e.problems().size(), 51u);
    EXPECT_EQ(e.problems().back().message, "… and 950 more problems");
  }
}

TEST(Satisfaction, ANarrowerConfidenceGivesANarrowerInterval) {
  SurveyDesign d(two_tier_spec());
  std::vector<Response> rs = {{"key", {5, 5}}, {"key", {4, 4}}, {"key", {3, 4}}, {"retail", {2, 2}}, {"retail", {4, 4}}};
  auto wide = satisfaction(d, rs, 0.99).dimensions[0];
  auto narrow = satisfaction(d, rs, 0.80).dimensions[0];
  EXPECT_LT(wide.mean_low, narrow.mean_low);
  EXPECT_GT(wide.satisfied_high, narrow.satisfied_high);
  EXPECT_DOUBLE_EQ(wide.mean, narrow.mean);
}

}  // namespace
}  // namespace charter::cycle
