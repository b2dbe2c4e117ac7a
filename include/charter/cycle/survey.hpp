#pragma once
// Survey: the design of a customer-satisfaction questionnaire (客户满意度调查) as data — what is
// asked (dimensions), on which scale, and of whom (customer tiers with weights and sampling
// shares) — and the estimate of satisfaction from its answers.
//
// Meaning:
//   - Dimensions are the questionnaire items. R-26 names four common items — timeliness (及时性),
//     convenience (便捷性), technical quality (技术性), value for money (性价比) —
//     common_dimensions() returns them; a design adds its business-specific items beside them.
//   - Every item is answered on one ScoreScale, by default 1–5 with "satisfied" at 4 or above
//     (4 = satisfied 满意, 5 = very satisfied 非常满意): the top-two-box share a quality analyst
//     reports as the satisfaction rate (满意率). A score outside the scale is refused, not clipped.
//   - Tiers are the customer strata: `weight` is how much the tier counts in the estimate
//     (by business scale and profit source), `share` is the part of the sample drawn from it,
//     `minimum` the fewest respondents it gets, `population` (optional) how many customers it has,
//     which caps its sample. Weights and shares need not sum to 1: each is divided by its sum.
//   - satisfaction() post-stratifies: each tier's answers are averaged, then the tier averages
//     are combined with the tier weights, so an over-sampled tier does not count more. A tier
//     with no answer to an item is left out of that item and named (tiers_without_answers), and
//     the weights of the tiers that did answer are divided by their own sum.
//   - Intervals (docs/surveys.md has the formulas and a worked example):
//       mean score       Σ W_h·ȳ_h ± z·√(Σ W_h²·s_h²/n_h), s_h² the tier's sample variance
//                        (n_h − 1); not given (NaN) when an answering tier has a single answer.
//       satisfied share  p = Σ W_h·p_h with a Wilson interval on Kish's effective sample size
//                        n_eff = 1 / Σ W_h²/n_h, which stays inside [0, 1] and is not empty
//                        when every answer is satisfied (p = 1).
//     z is the two-sided normal quantile of `confidence` (1.959964 at 0.95). No finite-population
//     correction is applied: an interval is conservative when a tier is largely sampled.
//   - "overall" is each respondent's mean over the items they answered (every item counts the
//     same), estimated like an item; a respondent who answered nothing is left out of it.
//
// Building a SurveyDesign checks everything and throws SurveyError listing every problem with its
// path, named as a charter file would ("tiers[2].weight: must be finite and not negative, got nan").
//
// Example:
//   SurveySpec spec;
//   spec.id = "annual";
//   spec.dimensions = common_dimensions();
//   spec.tiers = {{"key", {"重点客户", "key accounts"}, 3, 0.5, 10}, {"retail", {}, 1, 0.5, 10}};
//   SurveyDesign design(spec);
//   auto plan = sample_plan(50, design);                    // sample_plan.hpp
//   SatisfactionResult r = satisfaction(design, responses);
//   r.overall.satisfied;  // 0.82, with r.overall.satisfied_low … satisfied_high

#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "charter/localized_text.hpp"

namespace charter::cycle {

/// A questionnaire item.
struct Dimension {
  std::string id;        ///< "timeliness"
  LocalizedText label;   ///< "Timeliness (及时性)"
  friend bool operator==(const Dimension& a, const Dimension& b) { return a.id == b.id && a.label == b.label; }
  friend bool operator!=(const Dimension& a, const Dimension& b) { return !(a == b); }
};

/// The four common items of R-26: timeliness, convenience, technical_quality, value_for_money.
std::vector<Dimension> common_dimensions();

/// The answer scale of every item: scores from `lowest` to `highest` (inclusive); a score at or
/// above `satisfied_at` counts as satisfied.
struct ScoreScale {
  double lowest = 1;
  double highest = 5;
  double satisfied_at = 4;
  friend bool operator==(const ScoreScale& a, const ScoreScale& b) {
    return a.lowest == b.lowest && a.highest == b.highest && a.satisfied_at == b.satisfied_at;
  }
  friend bool operator!=(const ScoreScale& a, const ScoreScale& b) { return !(a == b); }
};

/// A customer tier (客户层面) of R-27.
struct Tier {
  std::string id;                     ///< "key_accounts"
  LocalizedText label;                ///< "Key accounts (重点客户)"
  double weight = 1;                  ///< weight in the estimate, ≥ 0 (divided by the sum)
  double share = 1;                   ///< part of the sample, ≥ 0 (divided by the sum)
  long long minimum = 0;              ///< fewest respondents drawn from it, ≥ 0
  std::optional<long long> population;  ///< customers in the tier: no more are drawn; ≥ minimum
  friend bool operator==(const Tier& a, const Tier& b) {
    return a.id == b.id && a.label == b.label && a.weight == b.weight && a.share == b.share &&
           a.minimum == b.minimum && a.population == b.population;
  }
  friend bool operator!=(const Tier& a, const Tier& b) { return !(a == b); }
};

struct SurveySpec {
  std::string id;                       ///< "annual_satisfaction"
  LocalizedText title;                  ///< "Annual satisfaction survey (年度满意度调查)"
  std::vector<Dimension> dimensions;    ///< at least one, ids unique
  ScoreScale scale;
  std::vector<Tier> tiers;              ///< at least one, ids unique, weights with a positive sum
  friend bool operator==(const SurveySpec& a, const SurveySpec& b) {
    return a.id == b.id && a.title == b.title && a.dimensions == b.dimensions && a.scale == b.scale &&
           a.tiers == b.tiers;
  }
  friend bool operator!=(const SurveySpec& a, const SurveySpec& b) { return !(a == b); }
};

/// One thing wrong: where ("tiers[1].share", as a charter file names it) and why.
struct SurveyProblem {
  std::string path;
  std::string message;
};

/// A survey design, a sample plan or a set of responses that cannot be used; what() lists every
/// problem, one per line, after `subject` ("survey 'annual':", "sample plan:", "responses:").
class SurveyError : public Error {
 public:
  SurveyError(const std::string& subject, std::vector<SurveyProblem> problems);
  const std::vector<SurveyProblem>& problems() const { return problems_; }

 private:
  std::vector<SurveyProblem> problems_;
};

/// Every problem of a spec (empty: valid).
std::vector<SurveyProblem> validate(const SurveySpec& spec);

/// A validated survey design. Copies share the immutable spec.
class SurveyDesign {
 public:
  /// Validates (see validate); throws SurveyError.
  explicit SurveyDesign(SurveySpec spec);

  const SurveySpec& spec() const { return *spec_; }
  const std::string& id() const { return spec_->id; }
  const std::vector<Dimension>& dimensions() const { return spec_->dimensions; }
  const std::vector<Tier>& tiers() const { return spec_->tiers; }
  const ScoreScale& scale() const { return spec_->scale; }
  /// Position of a dimension or tier; nullopt when none has that id.
  std::optional<std::size_t> dimension_index(const std::string& id) const;
  std::optional<std::size_t> tier_index(const std::string& id) const;

  friend bool operator==(const SurveyDesign& a, const SurveyDesign& b) { return a.spec() == b.spec(); }
  friend bool operator!=(const SurveyDesign& a, const SurveyDesign& b) { return !(a == b); }

 private:
  std::shared_ptr<const SurveySpec> spec_;
};

/// One completed questionnaire: the respondent's tier and a score per dimension of the design,
/// in the design's order; NaN marks an item left unanswered.
struct Response {
  std::string tier;
  std::vector<double> scores;
};

/// The estimate for one item (or "overall").
struct Estimate {
  std::string dimension;            ///< a dimension id, or "overall"
  long long answers = 0;            ///< respondents who answered it
  double mean = 0;                  ///< weighted mean score; NaN when nobody answered
  double mean_low = 0;              ///< interval of the mean; NaN when not given (see above)
  double mean_high = 0;
  double satisfied = 0;             ///< weighted share satisfied, 0–1; NaN when nobody answered
  double satisfied_low = 0;         ///< Wilson interval of the share; NaN when nobody answered
  double satisfied_high = 0;
  double effective_n = 0;           ///< Kish's effective sample size, 1 / Σ W_h²/n_h
  std::vector<std::string> tiers_without_answers;  ///< tiers left out of this estimate
};

/// Respondents of one tier.
struct TierCount {
  std::string tier;
  long long respondents = 0;   ///< questionnaires from the tier (answered or not)
  long long complete = 0;      ///< those that answered every item
};

struct SatisfactionResult {
  double confidence = 0.95;
  long long respondents = 0;           ///< all questionnaires
  std::vector<Estimate> dimensions;    ///< in the design's order
  Estimate overall;
  std::vector<TierCount> tiers;        ///< in the design's order
};

/// Weighted satisfaction per dimension and overall. Throws SurveyError listing every response
/// with an unknown tier, a wrong number of scores or a score off the scale (by respondent
/// position), and std::invalid_argument for a confidence outside (0, 1).
SatisfactionResult satisfaction(const SurveyDesign& design, const std::vector<Response>& responses,
                                double confidence = 0.95);

/// The two-sided standard-normal quantile for a confidence level in (0, 1): 1.959964 at 0.95.
double normal_quantile(double confidence);

/// Wilson score interval [low, high] for a proportion p observed on n (effective) answers at
/// quantile z; n ≤ 0 gives NaN bounds.
std::pair<double, double> wilson_interval(double p, double n, double z);

}  // namespace charter::cycle
