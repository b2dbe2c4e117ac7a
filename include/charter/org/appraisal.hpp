#pragma once
// Appraisal: the 360-degree staff appraisal (360度考核, S3 §3(2)) — customer satisfaction, peer
// review and supervisor rating combined with weights into a score and a grade (excellent 优秀,
// good 良好, pass 合格, fail 不合格), and the count per grade for the monthly report.
//
// Meaning:
//   - Every component score is on 0–100 (a satisfaction share of 0.87 is 87; a 1–5 survey mean m
//     is (m − 1) × 25). A score outside 0–100 or not finite is refused.
//   - The weights are finite, not negative and must add up to 1 (within 1e-9): a scheme reading
//     0.4 / 0.4 / 0.3 is a typo to be told about, not to be rescaled silently.
//   - Grades are data: a list of {id, label, at_least} from the highest threshold down; a score
//     gets the first grade whose threshold it reaches. The last grade's threshold must be 0, so
//     every score has a grade. default_grades(): excellent ≥ 90, good ≥ 80, pass ≥ 60, fail ≥ 0.
//   - A component without data (no survey answers, no peer review yet) is handled by the
//     scheme's MissingPolicy:
//       not_graded  (default) the staff member gets no score and no grade; the missing
//                   components are named. A grade never rests on part of the evidence.
//       reweight    the present components' weights are divided by their sum and the member is
//                   graded, flagged `partial`; with every component missing: not graded.
//     A component whose weight is 0 is never "missing".
//
// Building an AppraisalScheme checks everything and throws AppraisalError listing every problem
// with its path ("weights.peer: must be finite and not negative, got -0.1", "grades[2].at_least").
//
// Example:
//   AppraisalScheme scheme(AppraisalSpec{});            // 0.4 / 0.3 / 0.3, default grades
//   auto results = appraise(scheme, {{"s001", 92, 88, 95}, {"s002", 71, std::nullopt, 80}});
//   results[0].grade;    // "excellent" (0.4·92 + 0.3·88 + 0.3·95 = 91.7)
//   results[1].graded(); // false: peer review missing
//   summarize(scheme, results);  // excellent 1, good 0, pass 0, fail 0, not graded 1

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "charter/localized_text.hpp"

namespace charter::org {

/// The three views of a 360-degree appraisal.
enum class Component {
  customer,    ///< customer satisfaction (客户满意度)
  peer,        ///< peer review (同事互评)
  supervisor,  ///< supervisor rating (上级评价)
};

/// "customer", "peer", "supervisor".
const char* component_name(Component c);

/// What happens when a component has no data.
enum class MissingPolicy {
  not_graded,  ///< no score, no grade; the missing components are named
  reweight,    ///< graded on the present components, weights divided by their sum, flagged partial
};

const char* missing_policy_name(MissingPolicy p);

struct AppraisalWeights {
  double customer = 0.4;
  double peer = 0.3;
  double supervisor = 0.3;
  double of(Component c) const {
    return c == Component::customer ? customer : c == Component::peer ? peer : supervisor;
  }
  friend bool operator==(const AppraisalWeights& a, const AppraisalWeights& b) {
    return a.customer == b.customer && a.peer == b.peer && a.supervisor == b.supervisor;
  }
};

struct Grade {
  std::string id;        ///< "excellent"
  LocalizedText label;   ///< "Excellent (优秀)"
  double at_least = 0;   ///< lowest score (0–100) with this grade
  friend bool operator==(const Grade& a, const Grade& b) {
    return a.id == b.id && a.label == b.label && a.at_least == b.at_least;
  }
};

/// excellent ≥ 90, good ≥ 80, pass ≥ 60, fail ≥ 0.
std::vector<Grade> default_grades();

struct AppraisalSpec {
  AppraisalWeights weights;
  std::vector<Grade> grades = default_grades();   ///< highest threshold first; the last at 0
  MissingPolicy missing = MissingPolicy::not_graded;
  friend bool operator==(const AppraisalSpec& a, const AppraisalSpec& b) {
    return a.weights == b.weights && a.grades == b.grades && a.missing == b.missing;
  }
  friend bool operator!=(const AppraisalSpec& a, const AppraisalSpec& b) { return !(a == b); }
};

/// One thing wrong: where ("grades[1].at_least") and why.
struct AppraisalProblem {
  std::string path;
  std::string message;
};

/// A scheme or appraisal inputs that cannot be used; what() lists every problem, one per line.
class AppraisalError : public Error {
 public:
  AppraisalError(const std::string& subject, std::vector<AppraisalProblem> problems);
  const std::vector<AppraisalProblem>& problems() const { return problems_; }

 private:
  std::vector<AppraisalProblem> problems_;
};

/// Every problem of a spec (empty: valid).
std::vector<AppraisalProblem> validate(const AppraisalSpec& spec);

/// A validated appraisal scheme. Copies share the immutable spec.
class AppraisalScheme {
 public:
  /// Validates (see validate); throws AppraisalError.
  explicit AppraisalScheme(AppraisalSpec spec);

  const AppraisalSpec& spec() const { return *spec_; }
  const AppraisalWeights& weights() const { return spec_->weights; }
  const std::vector<Grade>& grades() const { return spec_->grades; }
  MissingPolicy missing() const { return spec_->missing; }
  /// The grade of a score on 0–100 (throws std::invalid_argument outside it or for NaN).
  const Grade& grade_of(double score) const;

  friend bool operator==(const AppraisalScheme& a, const AppraisalScheme& b) { return a.spec() == b.spec(); }
  friend bool operator!=(const AppraisalScheme& a, const AppraisalScheme& b) { return !(a == b); }

 private:
  std::shared_ptr<const AppraisalSpec> spec_;
};

/// One staff member's component scores; nullopt where there is no data.
struct AppraisalInput {
  std::string staff;
  std::optional<double> customer;
  std::optional<double> peer;
  std::optional<double> supervisor;
};

struct AppraisalResult {
  std::string staff;
  std::optional<double> customer;
  std::optional<double> peer;
  std::optional<double> supervisor;
  std::optional<double> score;           ///< the weighted score; nullopt when not graded
  std::string grade;                     ///< a grade id; empty when not graded
  std::vector<Component> missing;        ///< components with weight > 0 and no data
  bool partial = false;                  ///< graded on part of the components (reweight)
  bool graded() const { return score.has_value(); }
};

/// Appraises every input, in order. Throws AppraisalError listing empty or repeated staff ids
/// and scores outside 0–100 (by position).
std::vector<AppraisalResult> appraise(const AppraisalScheme& scheme, const std::vector<AppraisalInput>& inputs);

struct GradeCount {
  std::string grade;
  long long count = 0;
};

/// The count per grade for the monthly report.
struct AppraisalSummary {
  std::vector<GradeCount> grades;  ///< every grade of the scheme, in its order (0 counts included)
  long long not_graded = 0;
  long long partial = 0;           ///< graded on part of the components
  long long staff = 0;             ///< every result
};

/// Counts results per grade (results of another scheme's grades throw std::invalid_argument).
AppraisalSummary summarize(const AppraisalScheme& scheme, const std::vector<AppraisalResult>& results);

}  // namespace charter::org
