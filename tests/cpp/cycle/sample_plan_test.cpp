// sample_plan: stratified sample sizes for the December satisfaction survey (R-25: at least 50
// respondents; R-27: sampled by customer tier).

#include "charter/cycle/sample_plan.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "test_support.hpp"

namespace charter::cycle {
namespace {

std::vector<long long> sizes(const std::vector<SampleAllocation>& plan) {
  std::vector<long long> out;
  for (const auto& a : plan) out.push_back(a.size);
  return out;
}

using Sizes = std::vector<long long>;

TEST(SamplePlan, DecemberSurveyOfFiftyAcrossThreeTiers) {
  // Shares 50/30/20 of 50 are whole numbers: nothing to round.
  auto plan = sample_plan(50, {{"key", 0.5, 10}, {"business", 0.3, 10}, {"retail", 0.2, 10}});
  EXPECT_EQ(sizes(plan), (Sizes{25, 15, 10}));
  EXPECT_EQ(plan[0].tier, "key");
  EXPECT_DOUBLE_EQ(plan[1].quota, 15);
  EXPECT_FALSE(plan[2].at_minimum);  // the quota is exactly the minimum: not raised
}

TEST(SamplePlan, LargestRemaindersTakeTheSeatsLeftAfterTheFloors) {
  // Quotas 4.7 / 3.5 / 1.8: floors 4 + 3 + 1 = 8; the two seats left go to .8 then .7.
  auto plan = sample_plan(10, {{"a", 0.47}, {"b", 0.35}, {"c", 0.18}});
  EXPECT_EQ(sizes(plan), (Sizes{5, 3, 2}));
}

TEST(SamplePlan, SharesNeedNotAddUpToOne) {
  EXPECT_EQ(sizes(sample_plan(50, {{"key", 5}, {"business", 3}, {"retail", 2}})), (Sizes{25, 15, 10}));
}

TEST(SamplePlan, TiedRemaindersGoToTheEarlierTier) {
  // 10 over three equal shares: 3.33 each, one seat left, all remainders equal.
  EXPECT_EQ(sizes(sample_plan(10, {{"a", 1}, {"b", 1}, {"c", 1}})), (Sizes{4, 3, 3}));
  // 11: two seats left, to the first two.
  EXPECT_EQ(sizes(sample_plan(11, {{"a", 1}, {"b", 1}, {"c", 1}})), (Sizes{4, 4, 3}));
  // Same remainder, larger quota first: 7.5 and 2.5 of 10 → the 7.5 tier takes the seat.
  EXPECT_EQ(sizes(sample_plan(10, {{"small", 1}, {"large", 3}})), (Sizes{2, 8}));
}

TEST(SamplePlan, MinimumsRaiseSmallTiersAndTheRestIsSharedByTheOthers) {
  // Unbounded quotas 45 / 2.5 / 2.5; both small tiers are raised to 10, the key tier gets 30.
  auto plan = sample_plan(50, {{"key", 0.9, 10}, {"business", 0.05, 10}, {"retail", 0.05, 10}});
  EXPECT_EQ(sizes(plan), (Sizes{30, 10, 10}));
  EXPECT_FALSE(plan[0].at_minimum);
  EXPECT_TRUE(plan[1].at_minimum);
  EXPECT_TRUE(plan[2].at_minimum);
  EXPECT_DOUBLE_EQ(plan[0].quota, 30);
}

TEST(SamplePlan, MinimumsThatExactlyFillTheTotal) {
  auto plan = sample_plan(50, {{"key", 0.6, 20}, {"business", 0.3, 20}, {"retail", 0.1, 10}});
  EXPECT_EQ(sizes(plan), (Sizes{20, 20, 10}));
}

TEST(SamplePlan, ATierWithShareZeroGetsItsMinimumOnly) {
  EXPECT_EQ(sizes(sample_plan(50, {{"key", 1}, {"business", 1}, {"staff", 0}})), (Sizes{25, 25, 0}));
  // With a minimum of 5 the others share 45: 22.5 each, the tie to the earlier.
  auto plan = sample_plan(50, {{"key", 1}, {"business", 1}, {"staff", 0, 5}});
  EXPECT_EQ(sizes(plan), (Sizes{23, 22, 5}));
  EXPECT_TRUE(plan[2].at_minimum);
}

TEST(SamplePlan, OneTierTakesTheWholeTotal) {
  EXPECT_EQ(sizes(sample_plan(50, {{"all", 0.3}})), (Sizes{50}));
}

TEST(SamplePlan, TotalZeroDrawsNobody) {
  EXPECT_EQ(sizes(sample_plan(0, {{"a", 0.5}, {"b", 0.5}})), (Sizes{0, 0}));
}

TEST(SamplePlan, PopulationCapsATierAndTheOthersTakeTheRest) {
  // Only 10 key accounts exist; half of 50 would be 25.
  auto plan = sample_plan(50, {{"key", 0.5, 0, 10}, {"retail", 0.5}});
  EXPECT_EQ(sizes(plan), (Sizes{10, 40}));
  EXPECT_TRUE(plan[0].at_population);
  EXPECT_FALSE(plan[1].at_population);
}

TEST(SamplePlan, PopulationsAndMinimumsTogether) {
  // key capped at 8, a raised to its minimum 12, the rest split 3:1 between b and c.
  auto plan = sample_plan(60, {{"key", 4, 0, 8}, {"a", 0.1, 12}, {"b", 3}, {"c", 1}});
  EXPECT_EQ(plan[0].size, 8);
  EXPECT_EQ(plan[1].size, 12);
  EXPECT_EQ(plan[2].size, 30);
  EXPECT_EQ(plan[3].size, 10);
}

TEST(SamplePlan, EveryTierAtItsPopulationWhenTheTotalIsTheirSum) {
  EXPECT_EQ(sizes(sample_plan(30, {{"a", 1, 0, 10}, {"b", 5, 0, 20}})), (Sizes{10, 20}));
}

TEST(SamplePlan, MinimumsAboveTheTotalAreRefused) {
  CHARTER_EXPECT_THROW_MSG(sample_plan(50, {{"key", 1, 30}, {"retail", 1, 30}}), SurveyError,
                           "total: the tiers' minimums add up to 60 respondents, more than the total of 50");
}

TEST(SamplePlan, TooFewCustomersAreRefused) {
  CHARTER_EXPECT_THROW_MSG(sample_plan(50, {{"key", 1, 0, 10}, {"retail", 1, 0, 20}}), SurveyError,
                           "the tiers can give at most 30 respondents");
  CHARTER_EXPECT_THROW_MSG(sample_plan(50, {{"key", 0, 10}, {"retail", 0, 10}}), SurveyError,
                           "every share is 0");
  // Shares are given, but every tier is as small as its minimum.
  CHARTER_EXPECT_THROW_MSG(sample_plan(50, {{"key", 1, 10, 10}, {"retail", 1, 10, 10}}), SurveyError,
                           "the tiers can give at most 20 respondents");
}

TEST(SamplePlan, BadSharesMinimumsAndIdsAreAllListed) {
  try {
    sample_plan(-1, {{"a", std::nan("")}, {"a", -0.5}, {"", 1, -2}, {"d", 1, 5, 3}});
    FAIL() << "expected SurveyError";
  } catch (const SurveyError& e) {
    std::vector<std::string> paths;
    for (const auto& p : e.problems()) paths.push_back(p.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"total", "tiers[0].share", "tiers[1].tier", "tiers[1].share",
                                               "tiers[2].tier", "tiers[2].minimum", "tiers[3].population"}));
    EXPECT_NE(std::string(e.what()).find("tiers[0].share: must be finite and not negative, got nan"), std::string::npos);
  }
  CHARTER_EXPECT_THROW_MSG(sample_plan(5, {{"a", std::numeric_limits<double>::infinity()}}), SurveyError,
                           "tiers[0].share: must be finite");
  CHARTER_EXPECT_THROW_MSG(sample_plan(5, {}), SurveyError, "tiers: name at least one tier");
}

TEST(SamplePlan, FromADesignUsesItsTiers) {
  SurveySpec spec;
  spec.id = "annual";
  spec.dimensions = common_dimensions();
  spec.tiers = {{"key", {"重点客户", "Key accounts"}, 3, 0.5, 10, std::nullopt},
                {"retail", {"零售客户", "Retail"}, 1, 0.5, 10, 12}};
  EXPECT_EQ(sizes(sample_plan(50, SurveyDesign(spec))), (Sizes{38, 12}));
}

// Many random plans: the sum is exact, every bound holds, each size is within 1 of its (bounded)
// quota, and where no bound binds anywhere the quota is total × share / Σ shares.
TEST(SamplePlan, PropertyTheSumIsAlwaysExact) {
  std::mt19937_64 rng(20261202);
  std::uniform_int_distribution<int> tier_count(1, 8);
  std::uniform_int_distribution<long long> total_dist(0, 2000);
  std::uniform_real_distribution<double> share_dist(0, 1);
  std::uniform_int_distribution<int> coin(0, 3);
  int checked = 0, unbound = 0;
  for (int round = 0; round < 20000; ++round) {
    const long long total = round % 50 == 0 ? total_dist(rng) * 1'000'000 : total_dist(rng);
    std::vector<TierQuota> tiers(tier_count(rng));
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      tiers[i].tier = "t" + std::to_string(i);
      tiers[i].share = coin(rng) == 0 ? 0 : share_dist(rng);
      if (coin(rng) == 0) tiers[i].share = 0.25;  // exact ties in the remainders
      tiers[i].minimum = coin(rng) == 0 ? static_cast<long long>(share_dist(rng) * total / tiers.size()) : 0;
      if (coin(rng) == 0) tiers[i].population = tiers[i].minimum + static_cast<long long>(share_dist(rng) * total);
    }
    std::vector<SampleAllocation> plan;
    try {
      plan = sample_plan(total, tiers);
    } catch (const SurveyError&) {
      // Refused only when infeasible: every tier that may grow is capped below the total.
      long long reachable = 0;
      bool unbounded = false;
      for (const auto& t : tiers) {
        if (t.share > 0 && !t.population) unbounded = true;
        reachable += t.share > 0 ? t.population.value_or(0) : t.minimum;
      }
      EXPECT_TRUE(!unbounded && reachable < total) << "round " << round;
      continue;
    }
    ++checked;
    long long sum = 0;
    double shares = 0;
    bool any_bound = false;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      sum += plan[i].size;
      shares += tiers[i].share;
      EXPECT_GE(plan[i].size, tiers[i].minimum) << "round " << round;
      if (tiers[i].population) {
        EXPECT_LE(plan[i].size, *tiers[i].population) << "round " << round;
      }
      EXPECT_LT(std::fabs(static_cast<double>(plan[i].size) - plan[i].quota), 1 + 1e-6) << "round " << round;
      if (plan[i].at_minimum || plan[i].at_population) any_bound = true;
    }
    EXPECT_EQ(sum, total) << "round " << round;
    if (!any_bound && shares > 0) {
      ++unbound;
      for (std::size_t i = 0; i < tiers.size(); ++i) {
        const double exact = static_cast<double>(total) * tiers[i].share / shares;
        EXPECT_LT(std::fabs(static_cast<double>(plan[i].size) - exact), 1 + 1e-6) << "round " << round;
      }
    }
  }
  EXPECT_GT(checked, 15000);
  EXPECT_GT(unbound, 3000);
}

}  // namespace
}  // namespace charter::cycle
