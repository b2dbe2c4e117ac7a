// The `surveys` and `appraisal` sections of charter files (docs/charter-file.md#surveys,
// #appraisal): what they read — R-26's common items by name, R-27's tiers, the 360-degree
// appraisal's weights, grades and missing-data policy — and every mistake refused at its line,
// column and path, every problem of the section in one error.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "charter/model/charter.hpp"
#include "charter_file_test_support.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

const std::vector<std::string> kBase = {
    "charter: 1",                                                                          // 1
    "surveys:",                                                                            // 2
    "  - id: annual",                                                                      // 3
    "    title: {zh: 年度客户满意度调查, en: Annual customer-satisfaction survey}",        // 4
    "    dimensions: [timeliness, convenience, technical_quality, value_for_money,",       // 5
    "                 {id: repair_quality, label: {zh: 维修质量, en: Repair quality}}]",   // 6
    "    scale: {lowest: 1, highest: 5, satisfied_at: 4}",                                 // 7
    "    tiers:",                                                                          // 8
    "      - {id: key_accounts, label: {zh: 重点客户, en: Key accounts}, weight: 3, share: 0.4, minimum: 10}",  // 9
    "      - {id: retail, label: {zh: 零售客户, en: Retail customers}, weight: 1, share: 0.6, minimum: 10, population: 5000000000}",  // 10
    "  - id: on_site",                                                                     // 11
    "    dimensions: [{id: timeliness}, {id: queue, label: Waiting time}]",                // 12
    "    tiers: [{id: visitors}]",                                                         // 13
    "appraisal:",                                                                          // 14
    "  weights: {customer: 0.5, peer: 0.2, supervisor: 0.3}",                              // 15
    "  grades:",                                                                           // 16
    "    - {id: excellent, label: {zh: 优秀, en: Excellent}, at_least: 90}",               // 17
    "    - {id: good, label: {zh: 良好, en: Good}, at_least: 75.5}",                       // 18
    "    - {id: fail, label: {zh: 不合格, en: Fail}, at_least: 0}",                        // 19
    "  missing: reweight",                                                                 // 20
};

TEST(CharterFileSurveys, ReadsEveryKey) {
  const Charter c = parse_charter(with_lines(kBase, {}), "centre.yaml");
  ASSERT_EQ(c.surveys().size(), 2u);
  EXPECT_EQ(c.surveys()[0].id(), "annual");  // file order
  EXPECT_EQ(c.surveys()[1].id(), "on_site");
  const cycle::SurveyDesign& annual = c.survey("annual");
  EXPECT_EQ(annual.spec().title, (LocalizedText{"年度客户满意度调查", "Annual customer-satisfaction survey"}));
  // R-26's common items named alone bring their labels; the business-specific item has its own.
  ASSERT_EQ(annual.dimensions().size(), 5u);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(annual.dimensions()[i], cycle::common_dimensions()[i]);
  EXPECT_EQ(annual.dimensions()[1].label.zh, "便捷性");
  EXPECT_EQ(annual.dimensions()[4], (cycle::Dimension{"repair_quality", {"维修质量", "Repair quality"}}));
  EXPECT_EQ(annual.scale(), (cycle::ScoreScale{1, 5, 4}));
  // R-27's tiers: weight, share, minimum and a population beyond 32 bits.
  ASSERT_EQ(annual.tiers().size(), 2u);
  EXPECT_EQ(annual.tiers()[0], (cycle::Tier{"key_accounts", {"重点客户", "Key accounts"}, 3, 0.4, 10, std::nullopt}));
  EXPECT_EQ(annual.tiers()[1].share, 0.6);
  EXPECT_EQ(annual.tiers()[1].population, 5'000'000'000LL);
  // Left out: the defaults (scale 1–5 satisfied at 4, weight 1, share 1, minimum 0); a common
  // item given as a map without a label still gets its label; a plain label is English.
  const cycle::SurveyDesign& on_site = c.survey("on_site");
  EXPECT_EQ(on_site.scale(), cycle::ScoreScale{});
  EXPECT_EQ(on_site.tiers()[0], (cycle::Tier{"visitors", {}, 1, 1, 0, std::nullopt}));
  EXPECT_EQ(on_site.dimensions()[0], cycle::common_dimensions()[0]);
  EXPECT_EQ(on_site.dimensions()[1].label, (LocalizedText{"", "Waiting time"}));
  CHARTER_EXPECT_THROW_MSG(c.survey("monthly"), UnknownIdError,
                           "unknown survey 'monthly' (this charter has: annual, on_site)");

  ASSERT_TRUE(c.appraisal().has_value());
  const org::AppraisalScheme& a = *c.appraisal();
  EXPECT_EQ(a.weights(), (org::AppraisalWeights{0.5, 0.2, 0.3}));
  ASSERT_EQ(a.grades().size(), 3u);
  EXPECT_EQ(a.grades()[1], (org::Grade{"good", {"良好", "Good"}, 75.5}));
  EXPECT_EQ(a.missing(), org::MissingPolicy::reweight);
  EXPECT_EQ(a.grade_of(80).id, "good");
  EXPECT_EQ(a.grade_of(75.4).id, "fail");
}

TEST(CharterFileSurveys, BothSectionsAreOptional) {
  // No appraisal section: the charter states none (not a default it never chose).
  const Charter none = parse_charter(with_lines(kBase, {{14, ""}, {15, ""}, {16, ""}, {17, ""}, {18, ""}, {19, ""}, {20, ""}}),
                                     "centre.yaml");
  EXPECT_FALSE(none.appraisal().has_value());
  EXPECT_EQ(none.surveys().size(), 2u);
  const Charter bare = parse_charter("charter: 1\nsurveys:\nappraisal:\n", "centre.yaml");
  EXPECT_TRUE(bare.surveys().empty());
  EXPECT_FALSE(bare.appraisal().has_value());
  CHARTER_EXPECT_THROW_MSG(bare.survey("annual"), UnknownIdError, "unknown survey 'annual' (this charter has: none)");
  // An empty appraisal section is the library's scheme: 0.4 / 0.3 / 0.3, excellent ≥ 90 … fail,
  // not graded when a component is missing.
  const Charter defaults = parse_charter("charter: 1\nappraisal: {}\n", "centre.yaml");
  ASSERT_TRUE(defaults.appraisal().has_value());
  EXPECT_EQ(defaults.appraisal()->spec(), org::AppraisalSpec{});
}

TEST(CharterFileSurveys, MistakesAreRefusedWhereTheyAre) {
  expect_refused("charter: 1\nsurveys: {annual: {}}\n", 2, 10, "surveys",
                 "expected a list of surveys, each with an 'id'");
  expect_refused(with_lines(kBase, {{11, "  - title: On site"}}), 11, 5, "surveys[1]", "missing 'id'");
  expect_refused(with_lines(kBase, {{4, "    name: Annual"}}), 4, 5, "surveys[0].name",
                 "unknown key 'name' (known here: id, title, dimensions, scale, tiers)");
  expect_refused(with_lines(kBase, {{5, "    dimensions: [timeliness, courtesy, technical_quality, value_for_money,"}}),
                 5, 30, "surveys[0].dimensions[1]",
                 "'courtesy' is not a common item (timeliness, convenience, technical_quality, value_for_money); "
                 "give {id: …, label: …} for an item of your own");
  expect_refused(with_lines(kBase, {{7, "    scale: {lowest: 1, highest: five, satisfied_at: 4}"}}), 7, 33,
                 "surveys[0].scale.highest", "expected a number, found 'five'");
  expect_refused(with_lines(kBase, {{7, "    scale: {lowest: 1, top: 5}"}}), 7, 24, "surveys[0].scale.top",
                 "unknown key 'top'");
  expect_refused(with_lines(kBase, {{13, "    tiers: [{id: visitors, minimum: -3}]"}}), 13, 37,
                 "surveys[1].tiers[0].minimum", "expected a whole number, found '-3'");
  expect_refused(with_lines(kBase, {{13, "    tiers: [{id: visitors, size: 3}]"}}), 13, 28, "surveys[1].tiers[0].size",
                 "unknown key 'size' (known here: id, label, weight, share, minimum, population)");
  // A problem the design's own validation finds, at its place.
  expect_refused(with_lines(kBase, {{13, "    tiers: [{id: visitors, population: 2, minimum: 3}]"}}), 13, 40,
                 "surveys[1].tiers[0].population", "2 customers cannot give the minimum of 3 respondents");
  expect_refused(with_lines(kBase, {{12, "    dimensions: []"}}), 12, 17, "surveys[1].dimensions",
                 "name at least one questionnaire item");
}

TEST(CharterFileSurveys, EveryProblemOfEverySurveyIsReportedAtOnce) {
  // Three problems in two surveys: a tier weight, a scale, and a survey id given twice.
  const std::string what = expect_refused(
      with_lines(kBase, {{7, "    scale: {lowest: 1, highest: 5, satisfied_at: 6}"},
                         {9, "      - {id: key_accounts, weight: -1, share: 0.4, minimum: 10}"},
                         {11, "  - id: annual"}}),
      7, 50, "surveys[0].scale.satisfied_at", "must lie on the scale 1–5, got 6");
  EXPECT_NE(what.find("\ncentre.yaml:9:"), std::string::npos) << what;
  EXPECT_NE(what.find("surveys[0].tiers[0].weight: must be finite and not negative, got -1"), std::string::npos) << what;
  EXPECT_NE(what.find("\ncentre.yaml:11:9: surveys[1].id: survey 'annual' is listed twice (first as surveys[0])"),
            std::string::npos)
      << what;
  // Invalid ids are among the problems too.
  const std::string ids = expect_refused(with_lines(kBase, {{13, "    tiers: [{id: visitors}, {id: visitors}, {id: 'a b'}]"}}),
                                         13, 34, "surveys[1].tiers[1].id", "tier 'visitors' is listed twice");
  EXPECT_NE(ids.find("surveys[1].tiers[2].id: 'a b' is not a valid tier id"), std::string::npos) << ids;
}

TEST(CharterFileAppraisal, MistakesAreRefusedWhereTheyAre) {
  // Weights that do not add up to 1: a typo to be told about, not rescaled.
  expect_refused(with_lines(kBase, {{15, "  weights: {customer: 0.4, peer: 0.4, supervisor: 0.3}"}}), 15, 12,
                 "appraisal.weights", "must add up to 1, got 0.4 + 0.4 + 0.3 = 1.1");
  // All three weights or none: one left out would keep its default silently.
  expect_refused(with_lines(kBase, {{15, "  weights: {customer: 0.7, peer: 0.3}"}}), 15, 12, "appraisal.weights",
                 "missing 'supervisor'");
  expect_refused(with_lines(kBase, {{15, "  weights: {customer: 0.4, peers: 0.3, supervisor: 0.3}"}}), 15, 28,
                 "appraisal.weights.peers", "unknown key 'peers' (known here: customer, peer, supervisor)");
  expect_refused(with_lines(kBase, {{20, "  missing: ignore"}}), 20, 12, "appraisal.missing",
                 "'ignore' is not a missing-data policy (not_graded or reweight)");
  expect_refused(with_lines(kBase, {{19, "    - {id: fail, label: {zh: 不合格, en: Fail}}"}}), 19, 7,
                 "appraisal.grades[2]", "missing 'at_least'");
  expect_refused("charter: 1\nappraisal: [0.4, 0.3, 0.3]\n", 2, 12, "appraisal", "expected a map");
  expect_refused(with_lines(kBase, {{14, "appraisals:"}}), 14, 1, "appraisals", "unknown key 'appraisals'");
  // Every problem of the scheme at once: grades out of order and the last not at 0.
  const std::string what = expect_refused(
      with_lines(kBase, {{18, "    - {id: good, label: {zh: 良好, en: Good}, at_least: 95}"},
                         {19, "    - {id: fail, label: {zh: 不合格, en: Fail}, at_least: 10}"}}),
      18, 55, "appraisal.grades[1].at_least", "must be below the grade before it (90)");
  EXPECT_NE(what.find("\ncentre.yaml:19:"), std::string::npos) << what;
  EXPECT_NE(what.find("appraisal.grades[2].at_least"), std::string::npos) << what;
}

}  // namespace
}  // namespace charter::io
