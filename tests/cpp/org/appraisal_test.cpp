// The 360-degree staff appraisal (S3 §3(2)): customer satisfaction, peer review and supervisor
// rating weighted into a score and a grade.

#include "charter/org/appraisal.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_support.hpp"

namespace charter::org {
namespace {

TEST(AppraisalScheme, DefaultsAreFortyThirtyThirtyAndFourGrades) {
  AppraisalScheme s{AppraisalSpec{}};
  EXPECT_DOUBLE_EQ(s.weights().customer, 0.4);
  ASSERT_EQ(s.grades().size(), 4u);
  EXPECT_EQ(s.grades()[0].label.zh, "优秀");
  EXPECT_EQ(s.grades()[3].label.both(), "Fail (不合格)");
  EXPECT_EQ(s.missing(), MissingPolicy::not_graded);
}

TEST(AppraisalScheme, GradeThresholdsIncludeTheirLowerBound) {
  AppraisalScheme s{AppraisalSpec{}};
  EXPECT_EQ(s.grade_of(90).id, "excellent");
  EXPECT_EQ(s.grade_of(89.999).id, "good");
  EXPECT_EQ(s.grade_of(60).id, "pass");
  EXPECT_EQ(s.grade_of(59.9).id, "fail");
  EXPECT_EQ(s.grade_of(0).id, "fail");
  EXPECT_EQ(s.grade_of(100).id, "excellent");
  EXPECT_THROW(s.grade_of(100.5), std::invalid_argument);
  EXPECT_THROW(s.grade_of(std::nan("")), std::invalid_argument);
}

TEST(AppraisalScheme, WeightsThatDoNotAddUpToOneAreATypoToBeToldAbout) {
  AppraisalSpec spec;
  spec.weights = {0.4, 0.4, 0.3};
  CHARTER_EXPECT_THROW_MSG(AppraisalScheme{spec}, AppraisalError, "weights: must add up to 1, got 0.4 + 0.4 + 0.3 = 1.1");
}

TEST(AppraisalScheme, NaNAndNegativeWeightsAreRefused) {
  AppraisalSpec spec;
  spec.weights = {std::nan(""), -0.1, 1.1};
  try {
    AppraisalScheme s{spec};
    FAIL() << "expected AppraisalError";
  } catch (const AppraisalError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].path, "weights.customer");
    EXPECT_EQ(e.problems()[0].message, "must be finite and not negative, got nan");
    EXPECT_EQ(e.problems()[1].path, "weights.peer");
  }
}

TEST(AppraisalScheme, GradesMustDescendToZero) {
  AppraisalSpec spec;
  spec.grades = {{"good", {}, 80}, {"excellent", {}, 90}, {"good", {}, 50}, {"bad id", {}, 120}, {"pass", {}, 10}};
  try {
    AppraisalScheme s{spec};
    FAIL() << "expected AppraisalError";
  } catch (const AppraisalError& e) {
    std::vector<std::string> paths;
    for (const auto& p : e.problems()) paths.push_back(p.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"grades[1].at_least", "grades[2].id", "grades[3].id",
                                               "grades[3].at_least", "grades[4].at_least"}));
    EXPECT_NE(std::string(e.what()).find("the last grade must start at 0"), std::string::npos);
  }
  spec.grades.clear();
  CHARTER_EXPECT_THROW_MSG(AppraisalScheme{spec}, AppraisalError, "grades: name at least one grade");
}

TEST(Appraise, WeightedScoreAndGrade) {
  AppraisalScheme s{AppraisalSpec{}};
  auto r = appraise(s, {{"s001", 92, 88, 95}, {"s002", 60, 60, 60}, {"s003", 50, 70, 40}});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_NEAR(*r[0].score, 0.4 * 92 + 0.3 * 88 + 0.3 * 95, 1e-12);  // 91.7
  EXPECT_EQ(r[0].grade, "excellent");
  EXPECT_FALSE(r[0].partial);
  EXPECT_TRUE(r[0].missing.empty());
  EXPECT_NEAR(*r[1].score, 60, 1e-12);
  EXPECT_EQ(r[1].grade, "pass");  // exactly at the threshold
  EXPECT_NEAR(*r[2].score, 53, 1e-12);
  EXPECT_EQ(r[2].grade, "fail");
  EXPECT_DOUBLE_EQ(*r[2].peer, 70);
}

TEST(Appraise, AMissingComponentMeansNotGradedByDefault) {
  AppraisalScheme s{AppraisalSpec{}};
  auto r = appraise(s, {{"s002", 71, std::nullopt, 80}, {"s004", std::nullopt, std::nullopt, std::nullopt}});
  EXPECT_FALSE(r[0].graded());
  EXPECT_EQ(r[0].grade, "");
  EXPECT_EQ(r[0].missing, std::vector<Component>{Component::peer});
  EXPECT_EQ(r[1].missing.size(), 3u);
}

TEST(Appraise, ReweightGradesOnWhatIsPresentAndFlagsIt) {
  AppraisalSpec spec;
  spec.missing = MissingPolicy::reweight;
  AppraisalScheme s{spec};
  auto r = appraise(s, {{"s002", 71, std::nullopt, 80}, {"s004", std::nullopt, std::nullopt, std::nullopt}});
  // (0.4·71 + 0.3·80) / 0.7 = 74.857…
  EXPECT_NEAR(*r[0].score, (0.4 * 71 + 0.3 * 80) / 0.7, 1e-12);
  EXPECT_EQ(r[0].grade, "pass");
  EXPECT_TRUE(r[0].partial);
  EXPECT_EQ(r[0].missing, std::vector<Component>{Component::peer});
  EXPECT_FALSE(r[1].graded());  // nothing at all to grade on
}

TEST(Appraise, AComponentWithWeightZeroIsNeverMissing) {
  AppraisalSpec spec;
  spec.weights = {0.5, 0, 0.5};
  auto r = appraise(AppraisalScheme{spec}, {{"s001", 80, std::nullopt, 90}});
  EXPECT_TRUE(r[0].missing.empty());
  EXPECT_NEAR(*r[0].score, 85, 1e-12);
  EXPECT_EQ(r[0].grade, "good");
}

TEST(Appraise, FullMarksStayAtOneHundredDespiteRoundedWeights) {
  AppraisalSpec spec;
  spec.weights = {0.1, 0.2, 0.7};  // 0.1 + 0.2 is not exactly 0.3 in binary
  auto r = appraise(AppraisalScheme{spec}, {{"s001", 100, 100, 100}});
  EXPECT_LE(*r[0].score, 100);
  EXPECT_EQ(r[0].grade, "excellent");
}

TEST(Appraise, BadInputsAreAllListed) {
  AppraisalScheme s{AppraisalSpec{}};
  try {
    appraise(s, {{"s001", 101, 50, 50}, {"s001", 50, -1, 50}, {"", 50, 50, std::nan("")}});
    FAIL() << "expected AppraisalError";
  } catch (const AppraisalError& e) {
    std::vector<std::string> paths;
    for (const auto& p : e.problems()) paths.push_back(p.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"inputs[0].customer", "inputs[1].staff", "inputs[1].peer",
                                               "inputs[2].staff", "inputs[2].supervisor"}));
  }
}

TEST(Appraise, NoStaffNoResults) {
  AppraisalScheme s{AppraisalSpec{}};
  EXPECT_TRUE(appraise(s, {}).empty());
  auto sum = summarize(s, {});
  EXPECT_EQ(sum.staff, 0);
  EXPECT_EQ(sum.grades.size(), 4u);
}

TEST(AppraisalSummary, CountsPerGradeForTheMonthlyReport) {
  AppraisalSpec spec;
  spec.missing = MissingPolicy::reweight;
  AppraisalScheme s{spec};
  auto results = appraise(s, {{"a", 95, 95, 95}, {"b", 92, 90, 88}, {"c", 85, 80, 82}, {"d", 40, 50, 30},
                              {"e", 70, std::nullopt, 70}, {"f", std::nullopt, std::nullopt, std::nullopt}});
  auto sum = summarize(s, results);
  EXPECT_EQ(sum.staff, 6);
  EXPECT_EQ(sum.not_graded, 1);
  EXPECT_EQ(sum.partial, 1);
  ASSERT_EQ(sum.grades.size(), 4u);
  EXPECT_EQ(sum.grades[0].grade, "excellent");
  EXPECT_EQ(sum.grades[0].count, 2);
  EXPECT_EQ(sum.grades[1].count, 1);
  EXPECT_EQ(sum.grades[2].count, 1);
  EXPECT_EQ(sum.grades[3].count, 1);
  results[0].grade = "legendary";
  CHARTER_EXPECT_THROW_MSG(summarize(s, results), std::invalid_argument, "grade 'legendary'");
}

}  // namespace
}  // namespace charter::org
