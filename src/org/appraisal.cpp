#include "charter/org/appraisal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "charter/detail/problem_lines.hpp"
#include "charter/org/raci.hpp"

namespace charter::org {

namespace {

constexpr Component kComponents[] = {Component::customer, Component::peer, Component::supervisor};
constexpr std::size_t kMaxListedProblems = 50;

// Numbers in problem messages, worded as every block words them.
std::string number(double v) { return charter::detail::problem_number(v); }

std::string problem_list(const std::string& subject, const std::vector<AppraisalProblem>& problems) {
  return subject + ":" + charter::detail::problem_lines(problems);
}

const std::optional<double>& component_of(const AppraisalInput& in, Component c) {
  return c == Component::customer ? in.customer : c == Component::peer ? in.peer : in.supervisor;
}

}  // namespace

const char* component_name(Component c) {
  switch (c) {
    case Component::customer: return "customer";
    case Component::peer: return "peer";
    case Component::supervisor: return "supervisor";
  }
  return "?";
}

const char* missing_policy_name(MissingPolicy p) {
  return p == MissingPolicy::reweight ? "reweight" : "not_graded";
}

std::vector<Grade> default_grades() {
  return {{"excellent", {"优秀", "Excellent"}, 90},
          {"good", {"良好", "Good"}, 80},
          {"pass", {"合格", "Pass"}, 60},
          {"fail", {"不合格", "Fail"}, 0}};
}

AppraisalError::AppraisalError(const std::string& subject, std::vector<AppraisalProblem> problems)
    : Error(problem_list(subject, problems)), problems_(std::move(problems)) {}

std::vector<AppraisalProblem> validate(const AppraisalSpec& spec) {
  std::vector<AppraisalProblem> out;
  double sum = 0;
  bool weights_ok = true;
  for (Component c : kComponents) {
    const double w = spec.weights.of(c);
    if (!std::isfinite(w) || w < 0) {
      out.push_back({std::string("weights.") + component_name(c), "must be finite and not negative, got " + number(w)});
      weights_ok = false;
    } else {
      sum += w;
    }
  }
  if (weights_ok && std::fabs(sum - 1) > 1e-9) {
    out.push_back({"weights", "must add up to 1, got " + number(spec.weights.customer) + " + " +
                                  number(spec.weights.peer) + " + " + number(spec.weights.supervisor) + " = " +
                                  number(sum)});
  }
  if (spec.missing != MissingPolicy::not_graded && spec.missing != MissingPolicy::reweight) {
    out.push_back({"missing", "unknown policy (expected not_graded or reweight)"});
  }
  if (spec.grades.empty()) out.push_back({"grades", "name at least one grade (the last with at_least 0)"});
  std::set<std::string> seen;
  for (std::size_t i = 0; i < spec.grades.size(); ++i) {
    const Grade& g = spec.grades[i];
    const std::string p = "grades[" + std::to_string(i) + "]";
    if (!is_valid_id(g.id)) {
      out.push_back({p + ".id", "'" + g.id + "' is not a valid id (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit)"});
    } else if (!seen.insert(g.id).second) {
      out.push_back({p + ".id", "grade '" + g.id + "' is listed twice"});
    }
    if (!std::isfinite(g.at_least) || g.at_least < 0 || g.at_least > 100) {
      out.push_back({p + ".at_least", "must lie on 0–100, got " + number(g.at_least)});
    } else if (i > 0 && std::isfinite(spec.grades[i - 1].at_least) && !(g.at_least < spec.grades[i - 1].at_least)) {
      out.push_back({p + ".at_least", "must be below the grade before it (" + number(spec.grades[i - 1].at_least) +
                                          "), got " + number(g.at_least) + ": list grades from the highest down"});
    }
  }
  if (!spec.grades.empty() && spec.grades.back().at_least != 0) {
    out.push_back({"grades[" + std::to_string(spec.grades.size() - 1) + "].at_least",
                   "the last grade must start at 0 so that every score has a grade, got " +
                       number(spec.grades.back().at_least)});
  }
  return out;
}

AppraisalScheme::AppraisalScheme(AppraisalSpec spec) {
  auto problems = validate(spec);
  if (!problems.empty()) throw AppraisalError("appraisal scheme", std::move(problems));
  spec_ = std::make_shared<const AppraisalSpec>(std::move(spec));
}

const Grade& AppraisalScheme::grade_of(double score) const {
  if (!(score >= 0 && score <= 100)) {
    throw std::invalid_argument("appraisal score must lie on 0–100, got " + number(score));
  }
  for (const auto& g : spec_->grades) {
    if (score >= g.at_least) return g;
  }
  return spec_->grades.back();  // unreachable: the last grade starts at 0
}

std::vector<AppraisalResult> appraise(const AppraisalScheme& scheme, const std::vector<AppraisalInput>& inputs) {
  std::vector<AppraisalProblem> problems;
  std::size_t unlisted = 0;
  auto problem = [&](std::string path, std::string message) {
    if (problems.size() < kMaxListedProblems) problems.push_back({std::move(path), std::move(message)});
    else ++unlisted;
  };
  std::set<std::string> seen;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::string p = "inputs[" + std::to_string(i) + "]";
    if (inputs[i].staff.empty()) problem(p + ".staff", "empty staff id");
    else if (!seen.insert(inputs[i].staff).second) problem(p + ".staff", "staff '" + inputs[i].staff + "' is listed twice");
    for (Component c : kComponents) {
      const auto& v = component_of(inputs[i], c);
      if (v && !(*v >= 0 && *v <= 100)) {
        problem(p + "." + component_name(c), "score must lie on 0–100, got " + number(*v) +
                                                 " (use no value for a missing component)");
      }
    }
  }
  if (!problems.empty()) {
    if (unlisted) problems.push_back({"inputs", "… and " + std::to_string(unlisted) + " more problems"});
    throw AppraisalError("appraisal inputs", std::move(problems));
  }

  const AppraisalWeights& w = scheme.weights();
  std::vector<AppraisalResult> out;
  out.reserve(inputs.size());
  for (const auto& in : inputs) {
    AppraisalResult r;
    r.staff = in.staff;
    r.customer = in.customer;
    r.peer = in.peer;
    r.supervisor = in.supervisor;
    double sum = 0, present = 0;
    for (Component c : kComponents) {
      const double wc = w.of(c);
      if (wc == 0) continue;
      const auto& v = component_of(in, c);
      if (v) {
        sum += wc * *v;
        present += wc;
      } else {
        r.missing.push_back(c);
      }
    }
    const bool complete = r.missing.empty();
    if (complete || (scheme.missing() == MissingPolicy::reweight && present > 0)) {
      // Dividing by the present weight is exact reweighting; when complete it is ≈ 1 and keeps
      // a score of 100 at 100 despite rounding of the weights.
      double score = sum / present;
      score = std::min(100.0, std::max(0.0, score));
      r.score = score;
      r.grade = scheme.grade_of(score).id;
      r.partial = !complete;
    }
    out.push_back(std::move(r));
  }
  return out;
}

AppraisalSummary summarize(const AppraisalScheme& scheme, const std::vector<AppraisalResult>& results) {
  AppraisalSummary s;
  for (const auto& g : scheme.grades()) s.grades.push_back({g.id, 0});
  for (const auto& r : results) {
    ++s.staff;
    if (!r.graded()) {
      ++s.not_graded;
      continue;
    }
    if (r.partial) ++s.partial;
    bool found = false;
    for (auto& gc : s.grades) {
      if (gc.grade == r.grade) {
        ++gc.count;
        found = true;
        break;
      }
    }
    if (!found) {
      throw std::invalid_argument("staff '" + r.staff + "' has grade '" + r.grade + "', which the scheme does not define");
    }
  }
  return s;
}

}  // namespace charter::org
