// Saving and loading the monthly quality report (serialize_monthly.hpp; PayloadType::
// monthly_report): a month's figures archived and laid out again exactly as computed — in every
// archive format, NaN "no data" included — and what must be refused: damaged, truncated and
// forged files, and a file of another kind.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <variant>

#include "charter/io/archive.hpp"
#include "charter/io/serialize_monthly.hpp"
#include "charter/report/monthly.hpp"
#include "charter/report/render.hpp"
#include "charter/standard/evaluate.hpp"
#include "io/archive_test_support.hpp"
#include "test_support.hpp"
#include "workflow/workflow_test_support.hpp"

namespace charter::io {
namespace {

using test::event;
using test::shanghai;

// November at a small centre: three complaints (one late), a rectification notice, a check and
// its report, the month's report filed, two calls, a December-style survey and an appraisal.
report::MonthlyReport november() {
  const Charter& c = test::staffed_builtin();
  workflow::Tracker complaints(c.workflow("complaint"));
  const auto intake = [&](const std::string& id, const std::string& at, const std::string& unit) {
    complaints.apply(event(id, at, "receive", "archive_staff.1",
                           {{"severity", "normal"}, {"channel", "phone"}, {"unit", unit}}));
  };
  intake("C-1", "2025-11-03 10:00", "front_desk");
  complaints.apply(event("C-1", "2025-11-03 11:00", "acknowledge", "after_sales_supervisor.1"));
  intake("C-2", "2025-11-04 10:00", "call_centre");
  complaints.apply(event("C-2", "2025-11-05 16:00", "acknowledge", "after_sales_supervisor.1"));
  intake("C-3", "2025-11-30 12:00", "after_sales");
  workflow::Tracker notices(c.workflow("rectification"));
  notices.apply(event("N-1", "2025-11-10 09:00", "issue", "quality_staff.1",
                      {{"unit", "front_desk"}, {"problem", "queue unattended"}, {"deadline", "2025-11-20 18:00"}}));
  const std::vector<cycle::CompletionRecord> records{
      {"R-20", "front_desk", shanghai("2025-11-12 10:00"), "quality_staff.1", "", {}},
      {"R-21", "front_desk", shanghai("2025-11-13 10:00"), "quality_staff.1", "", {{"report", "IR-11"}}},
      {"R-23", "", shanghai("2025-11-27 16:00"), "quality_staff.1", "", {{"report", "QR-2025-11"}}},
  };
  std::vector<standard::Observation> obs(2);
  for (std::size_t i = 0; i < obs.size(); ++i) {
    obs[i].id = "O-" + std::to_string(i);
    obs[i].kind = "call";
    obs[i].at = shanghai("2025-11-03 09:00");
    obs[i].staff = "s1";
    obs[i].unit = "call_centre";
    obs[i].channel = "phone";
    obs[i].fields = {{"rings", i == 0 ? "4" : "1"}};
  }
  cycle::SurveySpec spec;
  spec.id = "annual";
  spec.title = {"年度满意度调查", "Annual survey"};
  spec.dimensions = cycle::common_dimensions();
  spec.tiers = {cycle::Tier{"all", {"全部", "All"}, 1, 1, 0, std::nullopt}};
  report::MonthlyOptions o;
  o.rectifications = &notices;
  o.survey_design = cycle::SurveyDesign(spec);
  // One item nobody answered: its estimate is NaN, which must come back NaN.
  o.survey = cycle::satisfaction(*o.survey_design, std::vector<cycle::Response>(60, {"all", {5, 4, std::nan(""), 3}}));
  o.appraisal_scheme = org::AppraisalScheme(org::AppraisalSpec{});
  o.appraisals = org::appraise(*o.appraisal_scheme, {{"a", 95, 90, 92}, {"b", std::nullopt, 80, 80}});
  o.targets.on_time = 0.95;
  return report::monthly(c, complaints, standard::evaluate(c, obs), records, 2025, 11, o);
}

TEST(MonthlyReportFiles, RoundTripInEveryFormatLaysOutTheSameReport) {
  const report::MonthlyReport r = november();
  ASSERT_EQ(r.complaints.received, 3u);
  ASSERT_TRUE(r.survey && std::isnan(r.survey->dimensions[2].mean));
  const test::TempDir dir;
  for (ArchiveFormat f : test::kFormats) {
    SCOPED_TRACE(format_name(f));
    save(r, dir.file("report.chrt"), f);
    const auto back = load_as<report::MonthlyReport>(dir.file("report.chrt"));
    // Written again, the same bytes: nothing was lost or changed on the way.
    EXPECT_EQ(to_bytes(back, f), to_bytes(r, f));
    for (const report::Lang lang : {report::Lang::zh, report::Lang::en}) {
      EXPECT_EQ(report::to_markdown(back, lang), report::to_markdown(r, lang));
      EXPECT_EQ(report::to_html(back, lang), report::to_html(r, lang));
    }
    EXPECT_EQ(back.as_of, r.as_of);
    EXPECT_EQ(back.breaches.size(), r.breaches.size());
    EXPECT_EQ(back.notices.size(), 1u);
    EXPECT_TRUE(std::isnan(back.survey->dimensions[2].mean));
    EXPECT_EQ(back.report_due->state, cycle::State::done);
    EXPECT_EQ(back.clock->zone(), "Asia/Shanghai");
    EXPECT_EQ(std::get<report::MonthlyReport>(from_bytes(to_bytes(r, f))).names, r.names);
  }
}

TEST(MonthlyReportFiles, DamagedTruncatedAndForeignFilesAreRefused) {
  const report::MonthlyReport r = november();
  const std::string bytes = to_bytes(r, ArchiveFormat::binary);
  std::string flipped = bytes;
  flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x10);
  EXPECT_NE(test::expect_refused(flipped, "flipped").find("checksum"), std::string::npos);
  EXPECT_FALSE(test::expect_refused(bytes.substr(0, bytes.size() - 7), "truncated").empty());
  // Another kind of file where a report is expected, and the other way round.
  const test::TempDir dir;
  save(r, dir.file("report.chrt"));
  CHARTER_EXPECT_THROW_MSG(load_as<Charter>(dir.file("report.chrt")), CorruptFileError, "monthly report");
  save(test::staffed_builtin(), dir.file("charter.chrt"));
  EXPECT_THROW(load_as<report::MonthlyReport>(dir.file("charter.chrt")), CorruptFileError);
}

TEST(MonthlyReportFiles, ForgedValuesAreRefused) {
  const report::MonthlyReport r = november();
  const std::string good = to_bytes(r, ArchiveFormat::binary);
  // A thirteenth month, written field by field with every checksum right.
  report::MonthlyReport thirteen = r;
  thirteen.month = 13;
  const std::string forged = test::forge(good, test::write_payload(ArchiveFormat::binary, [&](auto& ar) { save_monthly(ar, thirteen); }));
  EXPECT_NE(test::expect_refused(forged, "month 13").find("is not a month"), std::string::npos);
  // Survey results without the design that names their items.
  report::MonthlyReport no_design = r;
  no_design.survey_design.reset();
  const std::string orphan = test::forge(good, test::write_payload(ArchiveFormat::binary, [&](auto& ar) { save_monthly(ar, no_design); }));
  EXPECT_NE(test::expect_refused(orphan, "orphan survey").find("survey design"), std::string::npos);
  // A newer layout than this build reads.
  const std::string newer = seal(PayloadType::monthly_report, kMonthlyReportSchema + 1, ArchiveFormat::binary, test::payload_of(good));
  EXPECT_THROW(from_bytes(newer), UnsupportedVersionError);
}

}  // namespace
}  // namespace charter::io
