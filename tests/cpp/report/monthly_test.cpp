// The monthly quality report (客服质量月度报表, R-23): every figure checked against the block
// that owns it, computed directly; a unit's report keeps that unit's cases, notices, findings and
// occurrences; the report's own due date before month end, met, late or overdue.

#include "charter/report/monthly.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "charter/cycle/completion_stream.hpp"
#include "charter/report/render.hpp"
#include "charter/standard/evaluate.hpp"
#include "charter/standard/observation_stream.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "test_support.hpp"
#include "workflow/workflow_test_support.hpp"

namespace charter::report {
namespace {

using boost::posix_time::ptime;
using test::event;
using test::shanghai;

const Charter& centre() { return test::roster_builtin(); }
const calendar::BusinessCalendar& office() { return centre().calendar("office"); }

// A generated November 2025: complaints, a month of observations, the month's records.
struct November {
  std::vector<workflow::Event> events;
  workflow::Tracker tracker{centre().workflow("complaint")};
  standard::Findings findings;
  std::vector<cycle::CompletionRecord> records;
  ptime from = shanghai("2025-11-01 00:00"), to = shanghai("2025-12-01 00:00");

  November() {
    events = workflow::complaint_stream(centre(), test::november(3000));
    tracker.ingest(events);
    standard::ObservationStreamOptions o;
    o.observations = 20000;
    o.start = from;
    o.span = to - from;
    findings = standard::evaluate(centre(), standard::observation_stream(centre(), office(), o));
    cycle::CompletionStreamOptions r;
    r.from = shanghai("2025-01-01 00:00");
    r.to = to;
    records = cycle::completion_stream(centre(), r);
  }
};

const November& november() {
  static const November n;
  return n;
}

bool in_month(const ptime& t, const November& n) { return !t.is_special() && n.from <= t && t < n.to; }

TEST(MonthlyReport, AGeneratedNovemberAddsUpToWhatEachBlockSaysOnItsOwn) {
  const November& n = november();
  const MonthlyReport r = monthly(centre(), n.tracker, n.findings, n.records, 2025, 11);
  EXPECT_EQ(r.first_day, boost::gregorian::date(2025, 11, 1));
  EXPECT_EQ(r.last_day, boost::gregorian::date(2025, 11, 30));
  EXPECT_EQ(r.as_of, n.to);  // the month as it ended
  EXPECT_EQ(r.calendar, "office");

  // Complaints received: the cases whose first event falls in November, local time.
  std::map<std::string, ptime> intake;
  for (const auto& e : n.events) intake.emplace(e.case_id, e.at);
  const auto received = std::count_if(intake.begin(), intake.end(), [&](const auto& kv) { return in_month(kv.second, n); });
  EXPECT_EQ(r.complaints.received, static_cast<std::size_t>(received));
  EXPECT_GT(received, 2500);
  const WorkflowKpis direct = workflow_kpis(n.tracker, office(), r.first_day, r.last_day, r.as_of);
  EXPECT_EQ(r.complaints.resolved, direct.resolved);
  for (std::size_t t = 0; t < direct.timers.size(); ++t) {
    EXPECT_EQ(r.complaints.timers[t].met, direct.timers[t].met) << direct.timers[t].timer;
    EXPECT_EQ(r.complaints.timers[t].breached, direct.timers[t].breached) << direct.timers[t].timer;
  }

  // Breaches: every breached cycle due in November, the most overdue listed first.
  std::vector<workflow::Breach> all = n.tracker.breaches(r.as_of);
  all.erase(std::remove_if(all.begin(), all.end(), [&](const workflow::Breach& b) { return !in_month(b.due, n); }), all.end());
  EXPECT_EQ(r.breach_count, all.size());
  ASSERT_EQ(r.breaches.size(), std::min<std::size_t>(20, all.size()));
  const auto most = std::max_element(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.overdue < b.overdue; });
  EXPECT_EQ(r.breaches.front().overdue, most->overdue);
  for (std::size_t i = 1; i < r.breaches.size(); ++i) EXPECT_GE(r.breaches[i - 1].overdue, r.breaches[i].overdue);
  for (const auto& b : r.breaches) {
    EXPECT_NE(b.explanation.find(b.case_id), std::string::npos);
    EXPECT_NE(b.explanation.find(" late"), std::string::npos) << b.explanation;
    EXPECT_FALSE(b.goal.empty());
  }

  // Compliance: met and not met among the findings of November's observations.
  std::size_t met = 0, not_met = 0;
  for (std::size_t i = 0; i < n.findings.size(); ++i) {
    const standard::Finding f = n.findings.row(i);
    if (!in_month(f.at, n)) continue;
    met += f.outcome == standard::Outcome::met;
    not_met += f.outcome == standard::Outcome::not_met;
  }
  EXPECT_EQ(r.compliance.met, met);
  EXPECT_EQ(r.compliance.not_met, not_met);
  std::size_t by_standard = 0;
  for (const auto& row : r.by_standard.rows) by_standard += row.checked();
  EXPECT_EQ(by_standard, met + not_met);

  // The inspection plan: R-20's occurrences by state and R-21's follow-ups, as cycle::status says.
  const cycle::StatusReport s = cycle::status(centre(), n.records, n.from, n.to, r.as_of);
  std::map<std::string, std::map<cycle::State, std::size_t>> states;
  for (const auto& o : s.occurrences) {
    ++states[o.occurrence.cycle][o.state];
    for (const auto& f : o.follow_ups) ++states[f.cycle][f.state];
  }
  for (const char* id : {"R-20", "R-21", "R-29"}) {
    const auto line = std::find_if(r.inspections.begin(), r.inspections.end(), [&](const CycleLine& l) { return l.cycle == id; });
    ASSERT_NE(line, r.inspections.end()) << id;
    EXPECT_EQ(line->done, states[id][cycle::State::done]) << id;
    EXPECT_EQ(line->done_late, states[id][cycle::State::done_late]) << id;
    EXPECT_EQ(line->overdue + line->missed, states[id][cycle::State::overdue] + states[id][cycle::State::missed]) << id;
  }
  EXPECT_GT(r.inspections.size(), 3u);
  // The report itself and the surveys are not inspections.
  for (const auto& l : r.inspections) {
    EXPECT_NE(l.cycle, "R-23");
    EXPECT_NE(l.cycle, "R-25");
  }
  ASSERT_TRUE(r.report_due.has_value());
  EXPECT_EQ(r.report_due->occurrence.cycle, "R-23");
  EXPECT_EQ(r.report_due->occurrence.due, shanghai("2025-11-30 23:59:59"));  // before month end
  // Surveys: R-28 (3 units a year) has the year for its period, so it stands in November;
  // R-25's period is December, so it is December's.
  ASSERT_EQ(r.survey_cycles.size(), 1u);
  EXPECT_EQ(r.survey_cycles[0].cycle, "R-28");

  // The notices the charter raises for November: its cycles' and standards' rectification
  // entries (R-30, R-32; below 90 % over the month), none issued yet.
  const auto raised_by_cycles = workflow::cycle_notices(centre(), s, r.as_of, "");
  const auto raised_by_standards = workflow::standard_notices(centre(), n.findings, n.from, n.to, r.as_of, "");
  ASSERT_EQ(r.to_raise.size(), raised_by_cycles.size() + raised_by_standards.size());
  EXPECT_GT(raised_by_standards.size(), 0u);
  for (std::size_t i = 0; i < raised_by_cycles.size(); ++i) EXPECT_EQ(r.to_raise[i].notice, raised_by_cycles[i]);
  for (const auto& x : r.to_raise) EXPECT_FALSE(x.issued);

  // Every figure is in the document, which renders in both languages.
  for (const Lang lang : {Lang::zh, Lang::en}) {
    const Document d = r.document(lang);
    EXPECT_TRUE(validate(d).empty());
    EXPECT_EQ(d.lang, lang);
  }
  const std::string md = to_markdown(r, Lang::en);
  EXPECT_NE(md.find("# Monthly service-quality report 2025-11"), std::string::npos);
  EXPECT_NE(md.find(std::to_string(r.breach_count) + " timer cycles were breached"), std::string::npos);
  EXPECT_NE(to_markdown(r, Lang::zh).find("客服质量月度报表 2025-11"), std::string::npos);
  EXPECT_NE(to_html(r).find("<svg"), std::string::npos);
}

TEST(MonthlyReport, ANoticeTheChartersRaisesIsMarkedIssuedOnceTheTrackerHoldsIt) {
  const November& n = november();
  const MonthlyReport before = monthly(centre(), n.tracker, n.findings, n.records, 2025, 11);
  ASSERT_FALSE(before.to_raise.empty());
  const std::string first = before.to_raise.front().notice.case_id;
  // The quality staff issue the standards' notices on 1 December.
  workflow::Tracker notices(centre().workflow("rectification"));
  const auto raised = workflow::standard_notices(centre(), n.findings, n.from, n.to, before.as_of, "quality_staff.1");
  for (const auto& e : workflow::events_of(raised)) notices.apply(e);
  MonthlyOptions o;
  o.rectifications = &notices;
  const MonthlyReport after = monthly(centre(), n.tracker, n.findings, n.records, 2025, 11, o);
  ASSERT_EQ(after.to_raise.size(), before.to_raise.size());
  for (const auto& x : after.to_raise) EXPECT_EQ(x.issued, x.notice.source == workflow::NoticeSource::standard) << x.notice.case_id;
  EXPECT_EQ(after.notices.size(), raised.size());  // open, their feedback not yet returned
  const auto figures = after.figures();
  const auto pending = std::find_if(figures.begin(), figures.end(), [](const MonthlyFigure& f) { return f.id == "notices.to_raise"; });
  ASSERT_NE(pending, figures.end());
  EXPECT_EQ(*pending->value, static_cast<double>(before.to_raise.size() - raised.size()));
  std::string escaped;  // Markdown writes '_' as "\_"
  for (const char ch : first) escaped += ch == '_' ? std::string("\\_") : std::string(1, ch);
  EXPECT_NE(to_markdown(after, Lang::en).find(escaped), std::string::npos) << escaped;
}

TEST(MonthlyReport, FiguresCarryTheTargetsOfTheSourceDocuments) {
  const November& n = november();
  const MonthlyReport r = monthly(centre(), n.tracker, n.findings, n.records, 2025, 11);
  const std::vector<MonthlyFigure> f = r.figures();
  const auto rate = std::find_if(f.begin(), f.end(), [](const MonthlyFigure& x) { return x.id == "complaints.resolution_rate"; });
  ASSERT_NE(rate, f.end());
  EXPECT_EQ(rate->target, 98.0);  // S3: resolution rate 98 %
  EXPECT_NEAR(*rate->value, 100 * r.complaints.resolution_rate, 1e-9);
  EXPECT_EQ(rate->met(), *rate->value >= 98.0);
  const auto reply = std::find_if(f.begin(), f.end(), [](const MonthlyFigure& x) { return x.id == "timer.reply.on_time"; });
  ASSERT_NE(reply, f.end());
  EXPECT_FALSE(reply->target.has_value());  // the centre sets its own
  EXPECT_EQ(reply->met(), std::nullopt);
}

// A small centre month, written out: complaints of two units, two notices, a check of each unit.
workflow::Event complaint(const std::string& id, const std::string& at, const std::string& unit) {
  std::vector<workflow::Field> f{{"severity", "normal"}, {"channel", "phone"}};
  if (!unit.empty()) f.push_back({"unit", unit});
  return event(id, at, "receive", "archive_staff.1", f);
}

workflow::Tracker small_complaints() {
  workflow::Tracker t(test::staffed_builtin().workflow("complaint"));
  t.apply(complaint("C-1", "2025-11-03 10:00", "front_desk"));
  t.apply(complaint("C-2", "2025-11-04 10:00", "call_centre"));
  t.apply(complaint("C-3", "2025-11-05 10:00", ""));
  return t;
}

workflow::Tracker small_notices() {
  workflow::Tracker t(test::staffed_builtin().workflow("rectification"));
  t.apply(event("N-1", "2025-11-10 09:00", "issue", "quality_staff.1",
                {{"unit", "front_desk"}, {"problem", "queue unattended"}, {"deadline", "2025-11-20 18:00"}}));
  t.apply(event("N-2", "2025-11-11 09:00", "issue", "quality_staff.1",
                {{"unit", "call_centre"}, {"problem", "calls unanswered"}, {"deadline", "2025-11-14 18:00"}}));
  return t;
}

cycle::CompletionRecord done(const std::string& cycle, const std::string& subject, const std::string& at,
                             std::vector<workflow::Field> fields = {}) {
  return {cycle, subject, shanghai(at), "quality_staff.1", "", std::move(fields)};
}

TEST(MonthlyReport, AUnitsReportKeepsItsOwnComplaintsNoticesAndChecks) {
  const Charter& c = test::staffed_builtin();
  const workflow::Tracker complaints = small_complaints();
  const workflow::Tracker notices = small_notices();
  const std::vector<cycle::CompletionRecord> records{
      done("R-20", "front_desk", "2025-11-12 10:00"),
      done("R-21", "front_desk", "2025-11-13 10:00", {{"report", "IR-11"}}),
      done("R-23", "", "2025-11-27 16:00", {{"report", "QR-2025-11"}}),
  };
  MonthlyOptions o;
  o.rectifications = &notices;
  const MonthlyReport all = monthly(c, complaints, standard::Findings(), records, 2025, 11, o);
  EXPECT_EQ(all.complaints.received, 3u);
  EXPECT_EQ(all.notices.size(), 2u);
  // The earlier deadline first: N-1, issued on Monday the 10th, is to be acknowledged by the
  // close of the next business day; N-2 a day later.
  EXPECT_EQ(all.notices[0].case_id, "N-1");
  EXPECT_EQ(all.notices[0].deadline, shanghai("2025-11-11 18:30"));
  EXPECT_EQ(all.notices[1].deadline, shanghai("2025-11-12 18:30"));

  o.unit = "front_desk";
  const MonthlyReport front = monthly(c, complaints, standard::Findings(), records, 2025, 11, o);
  EXPECT_EQ(front.scope.en, "Front desk");
  EXPECT_EQ(front.complaints.received, 1u);
  ASSERT_EQ(front.notices.size(), 1u);
  EXPECT_EQ(front.notices[0].case_id, "N-1");
  EXPECT_EQ(front.notices[0].unit, "front_desk");
  // Only front desk's monthly check is in its plan: done on the 12th, its report the next day.
  const auto r20 = std::find_if(front.inspections.begin(), front.inspections.end(), [](const CycleLine& l) { return l.cycle == "R-20"; });
  ASSERT_NE(r20, front.inspections.end());
  EXPECT_EQ(r20->total(), 1u);
  EXPECT_EQ(r20->done, 1u);
  for (const auto& l : front.inspections) EXPECT_NE(l.cycle, "R-34") << "a centre cycle in a unit's plan";
  // The customer-service centre holds the three service units: two complaints have a unit there.
  o.unit = "cs_centre";
  EXPECT_EQ(monthly(c, complaints, standard::Findings(), records, 2025, 11, o).complaints.received, 2u);

  // The report itself was filed on the 27th, before month end.
  ASSERT_TRUE(front.report_due.has_value());
  EXPECT_EQ(front.report_due->state, cycle::State::done);
  const std::string md = to_markdown(front, Lang::en);
  EXPECT_NE(md.find("is due 2025-11-30 23:59: done"), std::string::npos) << md;
}

TEST(MonthlyReport, ABreachIsListedUnderTheUnitItsCaseHadAtTheReport) {
  // C-1 of front desk is never acknowledged in November; on 5 December its acknowledgement moves
  // it to the call centre. November's report as of 1 December lists its breaches under front
  // desk; the same report as of 10 December, under the call centre.
  const Charter& c = test::staffed_builtin();
  workflow::Tracker complaints = small_complaints();
  complaints.apply(event("C-1", "2025-12-05 10:00", "acknowledge", "quality_staff.1", {{"unit", "call_centre"}}));
  const auto units_of_c1 = [&](const MonthlyReport& r) {
    std::set<std::string> units;
    for (const BreachLine& b : r.breaches) {
      if (b.case_id == "C-1") units.insert(b.unit);
    }
    return units;
  };
  const MonthlyReport at_month_end = monthly(c, complaints, standard::Findings(), {}, 2025, 11);
  EXPECT_EQ(units_of_c1(at_month_end), (std::set<std::string>{"front_desk"}));
  MonthlyOptions later;
  later.as_of = shanghai("2025-12-10 09:00");
  EXPECT_EQ(units_of_c1(monthly(c, complaints, standard::Findings(), {}, 2025, 11, later)),
            (std::set<std::string>{"call_centre"}));
  // A unit's report follows the same instant: front desk's holds C-1's breaches at month end.
  MonthlyOptions front;
  front.unit = "front_desk";
  EXPECT_EQ(units_of_c1(monthly(c, complaints, standard::Findings(), {}, 2025, 11, front)),
            (std::set<std::string>{"front_desk"}));
}

TEST(MonthlyReport, TheReportsOwnDueDateIsMetLateOrOverdue) {
  const Charter& c = test::staffed_builtin();
  const workflow::Tracker complaints = small_complaints();
  // Nothing filed: on 1 December the November report is overdue.
  const MonthlyReport none = monthly(c, complaints, standard::Findings(), {}, 2025, 11);
  ASSERT_TRUE(none.report_due.has_value());
  EXPECT_EQ(none.report_due->state, cycle::State::overdue);
  EXPECT_NE(to_markdown(none, Lang::zh).find("已逾期"), std::string::npos);
  // Filed on 2 December for November, looked at on the 5th: done late.
  MonthlyOptions o;
  o.as_of = shanghai("2025-12-05 12:00");
  const MonthlyReport late =
      monthly(c, complaints, standard::Findings(), {done("R-23", "", "2025-12-02 10:00", {{"report", "QR"}, {"period", "2025-11-01"}})}, 2025, 11, o);
  EXPECT_EQ(late.report_due->state, cycle::State::done_late);
  // Drawn up mid-month, before anything is due.
  o.as_of = shanghai("2025-11-15 12:00");
  EXPECT_EQ(monthly(c, complaints, standard::Findings(), {}, 2025, 11, o).report_due->state, cycle::State::due);
}

TEST(MonthlyReport, SurveyAndAppraisalResultsAreSummarised) {
  const Charter& c = test::staffed_builtin();
  const workflow::Tracker complaints = small_complaints();
  cycle::SurveySpec spec;
  spec.id = "annual";
  spec.title = {"年度满意度调查", "Annual satisfaction survey"};
  spec.dimensions = cycle::common_dimensions();
  spec.tiers = {cycle::Tier{"all", {"全部", "All"}, 1, 1, 0, std::nullopt}};
  const cycle::SurveyDesign design(spec);
  std::vector<cycle::Response> responses(60, cycle::Response{"all", {5, 4, 4, 3}});
  MonthlyOptions o;
  o.survey_design = design;
  o.survey = cycle::satisfaction(design, responses);
  o.appraisal_scheme = org::AppraisalScheme(org::AppraisalSpec{});
  o.appraisals = org::appraise(*o.appraisal_scheme, {{"a", 95, 90, 92}, {"b", 70, 75, 80}, {"c", std::nullopt, 80, 80}});
  const MonthlyReport r = monthly(c, complaints, standard::Findings(), {}, 2025, 12, o);
  ASSERT_TRUE(r.appraisal.has_value());
  EXPECT_EQ(r.appraisal->staff, 3);
  const auto figures = r.figures();
  const auto satisfied = std::find_if(figures.begin(), figures.end(), [](const MonthlyFigure& f) { return f.id == "survey.satisfied"; });
  ASSERT_NE(satisfied, figures.end());
  EXPECT_NEAR(*satisfied->value, 100 * r.survey->overall.satisfied, 1e-9);
  EXPECT_EQ(satisfied->target, 90.0);
  const std::string md = to_markdown(r, Lang::en);
  EXPECT_NE(md.find("Annual satisfaction survey"), std::string::npos);
  EXPECT_NE(md.find("Staff appraisal"), std::string::npos);
  // December: the yearly questionnaire is due this month and not yet done.
  const auto r25 = std::find_if(r.survey_occurrences.begin(), r.survey_occurrences.end(),
                                [](const cycle::OccurrenceStatus& s) { return s.occurrence.cycle == "R-25"; });
  ASSERT_NE(r25, r.survey_occurrences.end());
  EXPECT_EQ(r25->state, cycle::State::overdue);  // as of 1 January, nothing recorded
}

TEST(MonthlyReport, BadRequestsAreRefusedWithTheReason) {
  const Charter& c = test::staffed_builtin();
  const workflow::Tracker complaints = small_complaints();
  const standard::Findings none;
  CHARTER_EXPECT_THROW_MSG(monthly(c, complaints, none, {}, 2025, 13), std::invalid_argument, "month 13");
  MonthlyOptions o;
  o.unit = "nowhere";
  CHARTER_EXPECT_THROW_MSG(monthly(c, complaints, none, {}, 2025, 11, o), UnknownIdError, "unknown unit 'nowhere'");
  o = {};
  o.report_cycle = "R-99";
  EXPECT_THROW(monthly(c, complaints, none, {}, 2025, 11, o), UnknownIdError);
  o = {};
  o.appraisals = {org::AppraisalResult{}};
  CHARTER_EXPECT_THROW_MSG(monthly(c, complaints, none, {}, 2025, 11, o), std::invalid_argument, "appraisal scheme");
  o = {};
  o.resolution_timer = "nonesuch";
  CHARTER_EXPECT_THROW_MSG(monthly(c, complaints, none, {}, 2025, 11, o), std::invalid_argument, "no timer 'nonesuch'");
  o = {};
  o.as_of = ptime(boost::posix_time::not_a_date_time);
  EXPECT_THROW(monthly(c, complaints, none, {}, 2025, 11, o), InvalidTimeError);
  // A unit report needs the complaint workflow's unit attribute: a tracker's attribute column
  // names the attributes there are.
  CHARTER_EXPECT_THROW_MSG(complaints.attribute("colour", shanghai("2025-12-01 00:00")), UnknownIdError,
                           "attributes: severity, channel, customer, unit");
}

TEST(MonthlyReport, AnEmptyMonthReadsAsNoDataNotAsZeroPercent) {
  const Charter& c = test::staffed_builtin();
  const workflow::Tracker nothing(c.workflow("complaint"));
  const MonthlyReport r = monthly(c, nothing, standard::Findings(), {}, 2024, 2);  // a leap February
  EXPECT_EQ(r.last_day, boost::gregorian::date(2024, 2, 29));
  EXPECT_EQ(r.complaints.received, 0u);
  EXPECT_TRUE(std::isnan(r.complaints.resolution_rate));
  const std::string md = to_markdown(r, Lang::en);
  EXPECT_NE(md.find("No timer was breached this month."), std::string::npos);
  EXPECT_NE(md.find("no data"), std::string::npos);
  EXPECT_NE(md.find("No rectification notices were given"), std::string::npos);
}

}  // namespace
}  // namespace charter::report
