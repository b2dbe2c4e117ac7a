#include "charter/cycle/sample_plan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>

namespace charter::cycle {

namespace {

// Quotas are doubles: beyond 2^53 their integer parts stop being exact, and no survey asks
// a quadrillion customers.
constexpr long long kMaxTotal = 1'000'000'000'000'000LL;

std::string at(std::size_t i) { return "tiers[" + std::to_string(i) + "]"; }

std::string number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return std::to_string(v);
}

std::vector<SurveyProblem> check(long long total, const std::vector<TierQuota>& tiers) {
  std::vector<SurveyProblem> out;
  if (total < 0) out.push_back({"total", "must not be negative, got " + std::to_string(total)});
  if (total > kMaxTotal) out.push_back({"total", "must be at most 10^15, got " + std::to_string(total)});
  if (tiers.empty()) out.push_back({"tiers", "name at least one tier"});
  std::set<std::string> seen;
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const TierQuota& t = tiers[i];
    if (t.tier.empty()) out.push_back({at(i) + ".tier", "empty tier id"});
    else if (!seen.insert(t.tier).second) out.push_back({at(i) + ".tier", "tier '" + t.tier + "' is listed twice"});
    if (!std::isfinite(t.share) || t.share < 0) {
      out.push_back({at(i) + ".share", "must be finite and not negative, got " + number(t.share)});
    }
    if (t.minimum < 0) out.push_back({at(i) + ".minimum", "must not be negative, got " + std::to_string(t.minimum)});
    if (t.population && *t.population < t.minimum) {
      out.push_back({at(i) + ".population", std::to_string(*t.population) + " customers cannot give the minimum of " +
                                                std::to_string(t.minimum)});
    }
  }
  if (!out.empty() || total < 0) return out;

  long long minimums = 0;
  for (const auto& t : tiers) minimums += t.minimum;
  if (minimums > total) {
    out.push_back({"total", "the tiers' minimums add up to " + std::to_string(minimums) +
                                " respondents, more than the total of " + std::to_string(total)});
    return out;
  }
  // What the plan can reach when every tier that may grow is filled to its population.
  bool unbounded = false;
  bool any_share = false;
  long long reachable = 0;
  for (const auto& t : tiers) {
    if (t.share > 0) any_share = true;
    if (t.share > 0 && !t.population) unbounded = true;
    reachable += t.share > 0 ? t.population.value_or(0) : t.minimum;
  }
  if (!unbounded && reachable < total) {
    out.push_back({"total", !any_share
                                ? "every share is 0, so no tier can take more than its minimum (" +
                                      std::to_string(minimums) + " in all) toward the total of " +
                                      std::to_string(total)
                                : "the tiers can give at most " + std::to_string(reachable) +
                                      " respondents (populations of the tiers with a share, minimums of the others), "
                                      "fewer than the total of " + std::to_string(total)});
  }
  return out;
}

// Σ clamp(λ·share, minimum, population): what the bounded quotas add up to for a factor λ.
double filled(double lambda, const std::vector<TierQuota>& tiers) {
  double sum = 0;
  for (const auto& t : tiers) {
    double q = lambda * t.share;
    q = std::max(q, static_cast<double>(t.minimum));
    if (t.population) q = std::min(q, static_cast<double>(*t.population));
    sum += q;
  }
  return sum;
}

}  // namespace

std::vector<SampleAllocation> sample_plan(long long total, const std::vector<TierQuota>& tiers) {
  if (auto problems = check(total, tiers); !problems.empty()) throw SurveyError("sample plan", std::move(problems));
  const std::size_t n = tiers.size();
  const double T = static_cast<double>(total);

  // λ lies where `filled` (non-decreasing, piecewise linear) reaches the total. Its breakpoints
  // are where a tier leaves its minimum or reaches its population; the segment holding the total
  // is found among them, then the tiers bound there are fixed and the rest share what is left.
  std::vector<double> breaks{0.0};
  for (const auto& t : tiers) {
    if (t.share <= 0) continue;
    breaks.push_back(static_cast<double>(t.minimum) / t.share);
    if (t.population) breaks.push_back(static_cast<double>(*t.population) / t.share);
  }
  std::sort(breaks.begin(), breaks.end());
  double lo = 0, hi = std::numeric_limits<double>::infinity();
  for (double b : breaks) {
    if (filled(b, tiers) >= T) { hi = b; break; }
    lo = b;
  }
  // Inside (lo, hi) the bound tiers are the same for every λ: classify at the midpoint.
  const double probe = std::isinf(hi) ? lo + 1 : 0.5 * (lo + hi);
  std::vector<SampleAllocation> plan(n);
  std::vector<char> is_free(n, 0);
  double fixed = 0, free_share = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const TierQuota& t = tiers[i];
    plan[i].tier = t.tier;
    const double q = probe * t.share;
    if (t.share <= 0 || q <= static_cast<double>(t.minimum)) {
      plan[i].quota = static_cast<double>(t.minimum);
      plan[i].at_minimum = t.minimum > 0;
    } else if (t.population && q >= static_cast<double>(*t.population)) {
      plan[i].quota = static_cast<double>(*t.population);
      plan[i].at_population = true;
    } else {
      is_free[i] = 1;
      free_share += t.share;
      continue;
    }
    fixed += plan[i].quota;
  }
  const double rest = T - fixed;
  // The flags say whether a bound changed the quota: at the final λ a tier sitting exactly on
  // its bound was not raised or capped. With no free tier the total is the minimums (λ = 0).
  const double lambda = free_share > 0 ? rest / free_share : 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (plan[i].at_minimum) plan[i].at_minimum = lambda * tiers[i].share < static_cast<double>(tiers[i].minimum);
    if (plan[i].at_population) plan[i].at_population = lambda * tiers[i].share > static_cast<double>(*tiers[i].population);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_free[i]) continue;
    double q = rest * tiers[i].share / free_share;
    q = std::max(q, static_cast<double>(tiers[i].minimum));
    if (tiers[i].population) q = std::min(q, static_cast<double>(*tiers[i].population));
    plan[i].quota = q;
  }
  // Hamilton: floors first, then one seat each by largest remainder (ties: larger quota, then
  // earlier tier). Only tiers that can grow take a seat.
  long long given = 0;
  for (std::size_t i = 0; i < n; ++i) {
    plan[i].size = static_cast<long long>(std::floor(plan[i].quota));
    plan[i].size = std::max(plan[i].size, tiers[i].minimum);
    if (tiers[i].population) plan[i].size = std::min(plan[i].size, *tiers[i].population);
    given += plan[i].size;
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double ra = plan[a].quota - static_cast<double>(plan[a].size);
    const double rb = plan[b].quota - static_cast<double>(plan[b].size);
    if (ra != rb) return ra > rb;
    if (plan[a].quota != plan[b].quota) return plan[a].quota > plan[b].quota;
    return a < b;
  });
  // Floating point can shift a quota by an ulp across an integer; the passes below keep the
  // sum exact whatever happened, taking the same order each time.
  while (given < total) {
    bool progressed = false;
    for (std::size_t i : order) {
      if (given >= total) break;
      if (tiers[i].share <= 0) continue;
      if (tiers[i].population && plan[i].size >= *tiers[i].population) continue;
      ++plan[i].size;
      ++given;
      progressed = true;
    }
    if (!progressed) break;  // unreachable: check() proved the total reachable
  }
  while (given > total) {
    bool progressed = false;
    for (auto it = order.rbegin(); it != order.rend() && given > total; ++it) {
      if (plan[*it].size <= tiers[*it].minimum) continue;
      --plan[*it].size;
      --given;
      progressed = true;
    }
    if (!progressed) break;
  }
  return plan;
}

std::vector<SampleAllocation> sample_plan(long long total, const SurveyDesign& design) {
  std::vector<TierQuota> tiers;
  for (const auto& t : design.tiers()) tiers.push_back({t.id, t.share, t.minimum, t.population});
  return sample_plan(total, tiers);
}

}  // namespace charter::cycle
