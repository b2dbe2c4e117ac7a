#include "charter/cycle/survey.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <stdexcept>
#include <tuple>

#include "charter/detail/problem_lines.hpp"
#include "charter/org/raci.hpp"

namespace charter::cycle {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A million bad responses would make a useless message; the count of the rest is kept.
constexpr std::size_t kMaxListedProblems = 50;

std::string quoted(const std::string& s) { return "'" + s + "'"; }
std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

// Numbers in problem messages, worded as every block words them.
std::string number(double v) { return charter::detail::problem_number(v); }

std::string problem_list(const std::string& subject, const std::vector<SurveyProblem>& problems) {
  return subject + ":" + charter::detail::problem_lines(problems);
}

void check_ids(std::vector<SurveyProblem>& out, const std::string& path,
               const std::vector<std::string>& ids, const char* what) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!org::is_valid_id(ids[i])) {
      out.push_back({at(path, i) + ".id", quoted(ids[i]) + " is not a valid " + what +
                                              " id (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit)"});
    } else if (!seen.insert(ids[i]).second) {
      out.push_back({at(path, i) + ".id", std::string(what) + " " + quoted(ids[i]) + " is listed twice"});
    }
  }
}

// Per tier running sums of one item (Welford, so a million answers keep their variance exact).
struct Moments {
  long long n = 0;
  double mean = 0;
  double m2 = 0;
  long long satisfied = 0;
  void add(double x, bool is_satisfied) {
    ++n;
    const double d = x - mean;
    mean += d / static_cast<double>(n);
    m2 += d * (x - mean);
    if (is_satisfied) ++satisfied;
  }
};

Estimate estimate(const std::string& name, const std::vector<Moments>& by_tier,
                  const std::vector<Tier>& tiers, double z) {
  Estimate e;
  e.dimension = name;
  double weight_sum = 0;
  for (std::size_t h = 0; h < tiers.size(); ++h) {
    e.answers += by_tier[h].n;
    if (by_tier[h].n > 0) {
      weight_sum += tiers[h].weight;
    } else if (tiers[h].weight > 0) {
      e.tiers_without_answers.push_back(tiers[h].id);
    }
  }
  if (!(weight_sum > 0)) {
    e.mean = e.mean_low = e.mean_high = kNaN;
    e.satisfied = e.satisfied_low = e.satisfied_high = kNaN;
    e.effective_n = 0;
    return e;
  }
  double mean = 0, var_mean = 0, share = 0, inv_neff = 0;
  bool mean_interval = true;
  for (std::size_t h = 0; h < tiers.size(); ++h) {
    const Moments& m = by_tier[h];
    if (m.n == 0 || tiers[h].weight == 0) continue;
    const double w = tiers[h].weight / weight_sum;
    const double n = static_cast<double>(m.n);
    mean += w * m.mean;
    share += w * static_cast<double>(m.satisfied) / n;
    inv_neff += w * w / n;
    if (m.n < 2) {
      mean_interval = false;
    } else {
      var_mean += w * w * (m.m2 / (n - 1)) / n;
    }
  }
  e.mean = mean;
  if (mean_interval) {
    const double half = z * std::sqrt(var_mean);
    e.mean_low = mean - half;
    e.mean_high = mean + half;
  } else {
    e.mean_low = e.mean_high = kNaN;
  }
  // Rounding can leave a share a hair outside [0, 1]; the interval needs it inside.
  e.satisfied = std::min(1.0, std::max(0.0, share));
  e.effective_n = 1.0 / inv_neff;
  std::tie(e.satisfied_low, e.satisfied_high) = wilson_interval(e.satisfied, e.effective_n, z);
  return e;
}

}  // namespace

std::vector<Dimension> common_dimensions() {
  return {{"timeliness", {"及时性", "Timeliness"}},
          {"convenience", {"便捷性", "Convenience"}},
          {"technical_quality", {"技术性", "Technical quality"}},
          {"value_for_money", {"性价比", "Value for money"}}};
}

SurveyError::SurveyError(const std::string& subject, std::vector<SurveyProblem> problems)
    : Error(problem_list(subject, problems)), problems_(std::move(problems)) {}

std::vector<SurveyProblem> validate(const SurveySpec& spec) {
  std::vector<SurveyProblem> out;
  if (!org::is_valid_id(spec.id)) {
    out.push_back({"id", quoted(spec.id) + " is not a valid id (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit)"});
  }
  if (spec.dimensions.empty()) out.push_back({"dimensions", "name at least one questionnaire item"});
  std::vector<std::string> ids;
  for (const auto& d : spec.dimensions) ids.push_back(d.id);
  check_ids(out, "dimensions", ids, "dimension");
  for (const auto& d : spec.dimensions) {
    if (d.id == "overall") out.push_back({"dimensions", "'overall' is reserved for the estimate over every item"});
  }

  const ScoreScale& s = spec.scale;
  if (!std::isfinite(s.lowest) || !std::isfinite(s.highest) || !std::isfinite(s.satisfied_at)) {
    out.push_back({"scale", "lowest, highest and satisfied_at must be finite numbers"});
  } else {
    if (!(s.lowest < s.highest)) {
      out.push_back({"scale.highest", "must be above lowest (" + number(s.lowest) + "), got " + number(s.highest)});
    }
    if (s.satisfied_at < s.lowest || s.satisfied_at > s.highest) {
      out.push_back({"scale.satisfied_at", "must lie on the scale " + number(s.lowest) + "–" + number(s.highest) +
                                               ", got " + number(s.satisfied_at)});
    }
  }

  if (spec.tiers.empty()) out.push_back({"tiers", "name at least one customer tier"});
  ids.clear();
  for (const auto& t : spec.tiers) ids.push_back(t.id);
  check_ids(out, "tiers", ids, "tier");
  double weights = 0, shares = 0;
  for (std::size_t i = 0; i < spec.tiers.size(); ++i) {
    const Tier& t = spec.tiers[i];
    const std::string p = at("tiers", i);
    if (!std::isfinite(t.weight) || t.weight < 0) {
      out.push_back({p + ".weight", "must be finite and not negative, got " + number(t.weight)});
    } else {
      weights += t.weight;
    }
    if (!std::isfinite(t.share) || t.share < 0) {
      out.push_back({p + ".share", "must be finite and not negative, got " + number(t.share)});
    } else {
      shares += t.share;
    }
    if (t.minimum < 0) out.push_back({p + ".minimum", "must not be negative, got " + std::to_string(t.minimum)});
    if (t.population && *t.population < t.minimum) {
      out.push_back({p + ".population", std::to_string(*t.population) + " customers cannot give the minimum of " +
                                            std::to_string(t.minimum) + " respondents"});
    }
  }
  if (!spec.tiers.empty() && weights == 0) out.push_back({"tiers", "the weights add up to 0: give some tier a positive weight"});
  if (!spec.tiers.empty() && shares == 0) out.push_back({"tiers", "the shares add up to 0: give some tier a positive share"});
  return out;
}

SurveyDesign::SurveyDesign(SurveySpec spec) {
  auto problems = validate(spec);
  if (!problems.empty()) throw SurveyError("survey '" + spec.id + "'", std::move(problems));
  spec_ = std::make_shared<const SurveySpec>(std::move(spec));
}

std::optional<std::size_t> SurveyDesign::dimension_index(const std::string& id) const {
  for (std::size_t i = 0; i < spec_->dimensions.size(); ++i) {
    if (spec_->dimensions[i].id == id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> SurveyDesign::tier_index(const std::string& id) const {
  for (std::size_t i = 0; i < spec_->tiers.size(); ++i) {
    if (spec_->tiers[i].id == id) return i;
  }
  return std::nullopt;
}

double normal_quantile(double confidence) {
  if (!(confidence > 0 && confidence < 1)) {
    throw std::invalid_argument("confidence must lie strictly between 0 and 1, got " + number(confidence));
  }
  // Two-sided: find z with P(|Z| > z) = erfc(z/√2) = 1 − confidence. erfc falls monotonically,
  // so bisection converges to the last bit without a table of coefficients.
  const double tail = 1 - confidence;
  double lo = 0, hi = 40;
  for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (std::erfc(mid / std::sqrt(2.0)) > tail) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

std::pair<double, double> wilson_interval(double p, double n, double z) {
  if (!(n > 0) || std::isnan(p)) return {kNaN, kNaN};
  const double z2n = z * z / n;
  const double centre = (p + z2n / 2) / (1 + z2n);
  const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

SatisfactionResult satisfaction(const SurveyDesign& design, const std::vector<Response>& responses,
                                double confidence) {
  const double z = normal_quantile(confidence);
  const auto& dims = design.dimensions();
  const auto& tiers = design.tiers();
  const ScoreScale& scale = design.scale();

  std::vector<SurveyProblem> problems;
  std::size_t unlisted = 0;
  auto problem = [&](std::string path, std::string message) {
    if (problems.size() < kMaxListedProblems) problems.push_back({std::move(path), std::move(message)});
    else ++unlisted;
  };
  std::vector<std::size_t> tier_of(responses.size());
  for (std::size_t i = 0; i < responses.size(); ++i) {
    const Response& r = responses[i];
    const std::string p = at("responses", i);
    if (auto h = design.tier_index(r.tier)) {
      tier_of[i] = *h;
    } else {
      std::string known;
      for (const auto& t : tiers) known += (known.empty() ? "" : ", ") + t.id;
      problem(p + ".tier", "unknown tier " + quoted(r.tier) + " (known: " + known + ")");
    }
    if (r.scores.size() != dims.size()) {
      problem(p + ".scores", std::to_string(r.scores.size()) + " scores for " + std::to_string(dims.size()) +
                                 " dimensions (use NaN for an item left unanswered)");
      continue;
    }
    for (std::size_t d = 0; d < dims.size(); ++d) {
      const double x = r.scores[d];
      if (std::isnan(x)) continue;
      if (!std::isfinite(x) || x < scale.lowest || x > scale.highest) {
        problem(p + "." + dims[d].id, "score " + number(x) + " is off the scale " + number(scale.lowest) + "–" +
                                          number(scale.highest));
      }
    }
  }
  if (!problems.empty()) {
    if (unlisted) problems.push_back({"responses", "… and " + std::to_string(unlisted) + " more problems"});
    throw SurveyError("responses to survey '" + design.id() + "'", std::move(problems));
  }

  SatisfactionResult result;
  result.confidence = confidence;
  result.respondents = static_cast<long long>(responses.size());
  std::vector<std::vector<Moments>> by_dim(dims.size(), std::vector<Moments>(tiers.size()));
  std::vector<Moments> overall(tiers.size());
  for (const auto& t : tiers) result.tiers.push_back({t.id, 0, 0});
  for (std::size_t i = 0; i < responses.size(); ++i) {
    const std::size_t h = tier_of[i];
    double sum = 0;
    std::size_t answered = 0;
    for (std::size_t d = 0; d < dims.size(); ++d) {
      const double x = responses[i].scores[d];
      if (std::isnan(x)) continue;
      by_dim[d][h].add(x, x >= scale.satisfied_at);
      sum += x;
      ++answered;
    }
    ++result.tiers[h].respondents;
    if (answered == dims.size()) ++result.tiers[h].complete;
    if (answered > 0) {
      const double m = sum / static_cast<double>(answered);
      overall[h].add(m, m >= scale.satisfied_at);
    }
  }
  for (std::size_t d = 0; d < dims.size(); ++d) result.dimensions.push_back(estimate(dims[d].id, by_dim[d], tiers, z));
  result.overall = estimate("overall", overall, tiers, z);
  return result;
}

}  // namespace charter::cycle
