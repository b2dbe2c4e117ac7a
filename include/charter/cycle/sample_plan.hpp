#pragma once
// sample_plan: how many respondents to draw from each customer tier so that the sizes add
// up to exactly the survey's total (R-25: at least 50), each tier gets its minimum, and no tier
// is asked for more customers than it has.
//
// Meaning:
//   - Each tier's exact quota is total × share / Σ shares. Bounds come first: a tier whose quota
//     is below its minimum gets the minimum, one whose quota is above its population gets the
//     population, and the rest of the total is spread over the other tiers in proportion to their
//     shares ("water filling": one factor λ with quota_h = clamp(λ·share_h, minimum_h,
//     population_h) and Σ quota_h = total). With no bound binding this is total × share / Σ.
//   - The quotas are rounded by largest remainder (Hamilton): every tier gets ⌊quota⌋, and the
//     seats left go one each to the largest fractional parts. Ties are broken by the larger
//     quota, then by the earlier tier in the list, so the plan is deterministic.
//   - So the sizes sum to exactly `total`, every size is ≥ its minimum and ≤ its population, and
//     each differs from its quota by less than 1.
//   - A tier with share 0 gets its minimum and nothing more.
//   - It cannot be done — SurveyError listing why — when the total is negative, a share is
//     negative, NaN or infinite, a minimum is negative or above the population, tier ids are
//     empty or repeated, the minimums add up to more than the total, or every tier that may grow
//     (a positive share) is capped by its population before the total is reached.
//
// Example:
//   // 50 respondents, shares 50/30/20, at least 10 from each tier
//   sample_plan(50, {{"key", 0.5, 10}, {"business", 0.3, 10}, {"retail", 0.2, 10}});
//   // key 25, business 15, retail 10

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "charter/cycle/survey.hpp"

namespace charter::cycle {

/// What sample_plan needs of a tier.
struct TierQuota {
  TierQuota() = default;
  // A constructor rather than an aggregate, so `{"key", 0.5, 10}` leaves the population out
  // without a missing-initializer warning.
  TierQuota(std::string tier_id, double tier_share = 1, long long tier_minimum = 0,
            std::optional<long long> tier_population = std::nullopt)
      : tier(std::move(tier_id)), share(tier_share), minimum(tier_minimum), population(tier_population) {}

  std::string tier;
  double share = 1;
  long long minimum = 0;
  std::optional<long long> population;
};

/// One tier's part of a plan.
struct SampleAllocation {
  std::string tier;
  double quota = 0;             ///< the exact (bounded) quota before rounding
  long long size = 0;           ///< respondents to draw
  bool at_minimum = false;      ///< the minimum raised the quota
  bool at_population = false;   ///< the population capped the quota
};

/// Stratified sample sizes summing to exactly `total`, in the tiers' order.
std::vector<SampleAllocation> sample_plan(long long total, const std::vector<TierQuota>& tiers);

/// The plan for a design's tiers (their shares, minimums and populations).
std::vector<SampleAllocation> sample_plan(long long total, const SurveyDesign& design);

}  // namespace charter::cycle
