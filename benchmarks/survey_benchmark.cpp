// Surveys and appraisal at scale. Measured on the project's machine: 2 cores (Intel Xeon),
// Debian 12, g++ 12, Release build, shared with other builds; see benchmarks/README.md.
//
// What is timed:
//   sample_plan/<tiers>                 a plan of 1,000,000 respondents over N tiers with
//                                       minimums and populations binding on some of them
//   satisfaction/1000000_responses      1M questionnaires, 4 items, 10 tiers, 10 % unanswered
//   appraise/100000_staff               100k staff, one in 20 missing a component, and summarize

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <string>

#include "charter/cycle/sample_plan.hpp"
#include "charter/cycle/survey.hpp"
#include "charter/org/appraisal.hpp"

namespace {

using namespace charter;

void BM_SamplePlan(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> share(0, 1);
  std::vector<cycle::TierQuota> tiers(n);
  for (int i = 0; i < n; ++i) {
    tiers[i].tier = "t" + std::to_string(i);
    tiers[i].share = share(rng);
    if (i % 7 == 0) tiers[i].minimum = 500;
    if (i % 11 == 0) tiers[i].population = 100;
    if (i % 11 == 0) tiers[i].minimum = 0;
  }
  for (auto _ : state) benchmark::DoNotOptimize(cycle::sample_plan(1'000'000, tiers));
}
BENCHMARK(BM_SamplePlan)->Name("sample_plan")->Arg(10)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_Satisfaction(benchmark::State& state) {
  cycle::SurveySpec spec;
  spec.id = "bench";
  spec.dimensions = cycle::common_dimensions();
  for (int h = 0; h < 10; ++h) spec.tiers.push_back({"tier" + std::to_string(h), {}, 1.0 + h, 0.1, 0, std::nullopt});
  const cycle::SurveyDesign design(spec);
  std::mt19937_64 rng(2);
  std::uniform_int_distribution<int> score(1, 5), tier(0, 9), gap(0, 9);
  std::vector<cycle::Response> responses(1'000'000);
  for (auto& r : responses) {
    r.tier = "tier" + std::to_string(tier(rng));
    for (int d = 0; d < 4; ++d) r.scores.push_back(gap(rng) == 0 ? std::nan("") : score(rng));
  }
  for (auto _ : state) benchmark::DoNotOptimize(cycle::satisfaction(design, responses));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(responses.size()));
}
BENCHMARK(BM_Satisfaction)->Name("satisfaction/1000000_responses")->Unit(benchmark::kMillisecond);

void BM_Appraise(benchmark::State& state) {
  const org::AppraisalScheme scheme{org::AppraisalSpec{}};
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> s(40, 100);
  std::vector<org::AppraisalInput> inputs(100'000);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    inputs[i] = {"s" + std::to_string(i), s(rng), i % 20 == 0 ? std::nullopt : std::optional<double>(s(rng)), s(rng)};
  }
  for (auto _ : state) {
    auto results = org::appraise(scheme, inputs);
    benchmark::DoNotOptimize(org::summarize(scheme, results));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(inputs.size()));
}
BENCHMARK(BM_Appraise)->Name("appraise/100000_staff")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
