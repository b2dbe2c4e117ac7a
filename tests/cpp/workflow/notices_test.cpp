// Rectification notices raised by the charter itself (R-16): late cycles and units below a
// standard's line, as events the `rectification` workflow accepts.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "charter/calendar/date_text.hpp"
#include "charter/cycle/status.hpp"
#include "charter/model/charter.hpp"
#include "charter/standard/evaluate.hpp"
#include "charter/workflow/notices.hpp"
#include "charter/workflow/tracker.hpp"
#include "../test_support.hpp"
#include "workflow_test_support.hpp"

namespace charter::workflow {
namespace {

using boost::posix_time::ptime;
using test::date;

// A small centre: a monthly check of every unit (late: a notice), its written report (late: a
// notice), a centre summary without an entry, and a call standard judged by the month.
const char* const kCentre = R"(
charter: 1
calendars:
  office: {builtin: china, hours: ["09:00-18:30"], zone: Asia/Shanghai}
organization:
  units:
    - {id: centre}
    - {id: front_desk, parent: centre}
    - {id: call_centre, parent: centre}
    - {id: web_shop, parent: centre, since: 2025-06-15}
  roles:
    - id: manager
      duties:
        - id: manager.supervise
          covers:
            - {action: rectification.issue, raci: A}
            - {cycle: check, raci: A}
            - {cycle: report, raci: A}
            - {cycle: summary, raci: A}
            - {standard: rings, raci: A}
    - {id: clerk, reports_to: manager}
    - id: inspector
      reports_to: manager
      duties: [{id: inspector.notices, covers: [{action: rectification.issue, raci: R}]}]
  staff:
    - {id: wang, roles: [manager]}
    - {id: li, roles: [clerk], unit: front_desk}
workflows:
  rectification:
    calendar: office
    attributes:
      - {id: unit, required: true}
      - {id: severity, values: [minor, normal, major]}
    fields:
      - {id: problem}
      - {id: deadline, type: instant}
    states:
      - {id: new, initial: true}
      - {id: issued}
      - {id: closed, terminal: true}
    transitions:
      - {event: issue, from: [new], to: issued, action: rectification.issue, requires: [unit, problem, deadline], rule: R-16}
      - {event: close, from: [issued], to: closed, action: rectification.issue}
standards:
  rings:
    title: {zh: 响两声后接听, en: Answer after two rings}
    kinds: [call]
    calendar: office
    threshold: {measure: rings, at_most: 2}
    rectification: {below: 90%, min_checked: 10, period: month, deadline: 5 business days, severity: normal}
cycles:
  check:
    title: {zh: 考核检查, en: Assessment check}
    calendar: office
    recurrence: {every: month}
    due: end of month
    scope: {per: unit, under: centre}
    follow_ups: [{cycle: report, within: 5 business days}]
    rectification: {on: [overdue, missed], deadline: 5 business days, severity: major}
  report:
    calendar: office
    recurrence: follow_up
    scope: unit
    evidence: [{document: report}]
    rectification: {on: [overdue], deadline: 2 business days}
  summary:
    calendar: office
    recurrence: {every: month}
    due: end of month
)";

const Charter& centre() {
  static const Charter c = Charter::parse(kCentre, "centre.yaml");
  return c;
}

const calendar::BusinessCalendar& office() { return centre().calendar("office"); }
ptime at(const std::string& wall) { return office().from_local(calendar::parse_date_time(wall)); }

cycle::CompletionRecord done(const std::string& cycle, const std::string& subject, const std::string& wall,
                             std::vector<Field> fields = {}) {
  cycle::CompletionRecord r;
  r.cycle = cycle;
  r.subject = subject;
  r.at = at(wall);
  r.fields = std::move(fields);
  return r;
}

std::vector<std::string> ids(const std::vector<Notice>& notices) {
  std::vector<std::string> out;
  for (const auto& n : notices) out.push_back(n.case_id);
  return out;
}

// May 2025: front_desk and the centre were checked in time; call_centre was not. The shop is
// set up on 2025-06-15. May 31 to June 2 is the Dragon Boat holiday (端午节).
std::vector<cycle::CompletionRecord> may_records() {
  return {done("check", "centre", "2025-05-20 10:00"), done("check", "front_desk", "2025-05-28 15:00"),
          done("report", "front_desk", "2025-05-29 10:00", {{"report", "RPT-7"}}),
          done("summary", "", "2025-05-30 10:00")};
}

TEST(CycleNotices, AnOverdueCheckDueOnAHolidayMonthEndRaisesOneNoticeToItsUnit) {
  // Due "end of month": 2025-05-31 23:59:59, a Saturday of the Dragon Boat holiday. Raised on
  // June 1 (still the holiday), the 5 business days count from June 3, the first working day:
  // June 4, 5, 6, 9, 10 — closing at 18:30 on June 10.
  const ptime as_of = at("2025-06-01 12:00");
  const cycle::StatusReport s = cycle::status(centre(), may_records(), at("2025-05-01 00:00"), at("2025-06-01 00:00"), as_of);
  const std::vector<Notice> n = cycle_notices(centre(), s, as_of, "wang");
  // The centre's report after its check is overdue too (its follow-up has no record).
  EXPECT_EQ(ids(n), (std::vector<std::string>{"RN-check.report-centre-2025-05", "RN-check-call_centre-2025-05"}));
  const Notice& late = n[1];
  EXPECT_EQ(late.source, NoticeSource::cycle);
  EXPECT_EQ(late.rule, "check");
  EXPECT_EQ(late.subject, "call_centre");
  EXPECT_EQ(late.unit, "call_centre");
  EXPECT_EQ(late.period_start, date(2025, 5, 1));
  EXPECT_EQ(late.period_end, date(2025, 6, 1));
  EXPECT_EQ(late.severity, "major");
  EXPECT_EQ(late.deadline, at("2025-06-10 18:30"));
  EXPECT_EQ(late.deadline, calendar::Deadline::business_days(5).due(as_of, office()));
  EXPECT_NE(late.problem.find("Assessment check (考核检查) (check) for call_centre, 2025-05: overdue"), std::string::npos)
      << late.problem;
  EXPECT_NE(late.problem.find("2025-05-31 23:59:59"), std::string::npos) << late.problem;
  EXPECT_NE(late.reason.find("when an occurrence is overdue or missed"), std::string::npos) << late.reason;
  ASSERT_EQ(late.events.size(), 1u);
  const Event& e = late.events[0];
  EXPECT_EQ(e.case_id, "RN-check-call_centre-2025-05");
  EXPECT_EQ(e.name, "issue");
  EXPECT_EQ(e.at, as_of);
  EXPECT_EQ(e.actor, "wang");
  EXPECT_EQ(*e.field("unit"), "call_centre");
  EXPECT_EQ(*e.field("deadline"), "2025-06-10 18:30:00");
  EXPECT_EQ(*e.field("severity"), "major");
  EXPECT_EQ(*e.field("problem"), late.problem);
  // The follow-up's notice: the report cycle's own entry, no severity, to the checked unit.
  const Notice& report = n[0];
  EXPECT_EQ(report.rule, "report");
  EXPECT_EQ(report.unit, "centre");
  EXPECT_EQ(report.severity, "");
  EXPECT_EQ(report.events[0].field("severity"), nullptr);
  EXPECT_NE(report.reason.find("its follow-up of check"), std::string::npos) << report.reason;
}

TEST(CycleNotices, TheTrackerAcceptsThemAndRefusesThemRaisedAgain) {
  const ptime as_of = at("2025-06-03 09:00");
  const cycle::StatusReport s = cycle::status(centre(), may_records(), at("2025-05-01 00:00"), at("2025-06-01 00:00"), as_of);
  const std::vector<Notice> first = cycle_notices(centre(), s, as_of, "wang");
  ASSERT_EQ(first.size(), 2u);
  Tracker t(centre().workflow("rectification"));
  const IngestReport r = t.ingest(events_of(first));
  EXPECT_EQ(r.accepted, 2u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(t.status("RN-check-call_centre-2025-05", as_of).state, "issued");
  // The same inputs give the same notices, byte for byte.
  EXPECT_EQ(cycle_notices(centre(), s, as_of, "wang"), first);
  // Raised again a week later: the same case ids, and the tracker refuses every one.
  const ptime later = at("2025-06-10 09:00");
  const cycle::StatusReport s2 = cycle::status(centre(), may_records(), at("2025-05-01 00:00"), at("2025-06-01 00:00"), later);
  const std::vector<Notice> again = cycle_notices(centre(), s2, later, "wang");
  EXPECT_EQ(ids(again), ids(first));
  const IngestReport r2 = t.ingest(events_of(again));
  EXPECT_EQ(r2.accepted, 0u);
  EXPECT_EQ(r2.rejected.size(), 2u);
  EXPECT_EQ(t.size(), 2u);
}

TEST(CycleNotices, AUnitSetUpMidYearGetsNoNoticeBeforeItExists) {
  // web_shop exists from 2025-06-15: no check is owed for May or June, so none is late.
  const ptime as_of = at("2025-08-05 09:00");
  const cycle::StatusReport s = cycle::status(centre(), {}, at("2025-05-01 00:00"), at("2025-08-01 00:00"), as_of);
  const std::vector<std::string> got = ids(cycle_notices(centre(), s, as_of, "wang"));
  auto has = [&](const std::string& id) { return std::find(got.begin(), got.end(), id) != got.end(); };
  EXPECT_FALSE(has("RN-check-web_shop-2025-05"));
  EXPECT_FALSE(has("RN-check-web_shop-2025-06"));
  EXPECT_TRUE(has("RN-check-web_shop-2025-07"));
  EXPECT_TRUE(has("RN-check-front_desk-2025-05"));  // missed: its window closed at the end of June
  // The summary has no rectification entry: late every month, it raises nothing.
  for (const auto& id : got) EXPECT_EQ(id.find("summary"), std::string::npos) << id;
}

TEST(CycleNotices, OnlyTheListedStatesRaise) {
  // As of May 31 nothing is past due yet; the report cycle lists only overdue, so a missed
  // report (its window closed) raises nothing while the missed check still does.
  const cycle::StatusReport s0 =
      cycle::status(centre(), {}, at("2025-05-01 00:00"), at("2025-06-01 00:00"), at("2025-05-31 12:00"));
  EXPECT_TRUE(cycle_notices(centre(), s0, at("2025-05-31 12:00"), "wang").empty());
  const std::vector<cycle::CompletionRecord> late_check = {done("check", "front_desk", "2025-05-28 15:00")};
  const ptime as_of = at("2025-08-01 09:00");
  const cycle::StatusReport s = cycle::status(centre(), late_check, at("2025-05-01 00:00"), at("2025-06-01 00:00"), as_of);
  const std::vector<std::string> got = ids(cycle_notices(centre(), s, as_of, "wang"));
  EXPECT_EQ(std::count(got.begin(), got.end(), "RN-check.report-front_desk-2025-05"), 0);
  EXPECT_EQ(std::count(got.begin(), got.end(), "RN-check-call_centre-2025-05"), 1);
}

TEST(CycleNotices, TheIssuerMustBeAllowedToIssue) {
  const ptime as_of = at("2025-06-03 09:00");
  const cycle::StatusReport s = cycle::status(centre(), may_records(), at("2025-05-01 00:00"), at("2025-06-01 00:00"), as_of);
  CHARTER_EXPECT_THROW_MSG(cycle_notices(centre(), s, as_of, "li"), std::invalid_argument,
                           "'li' may not issue rectification notices ('rectification.issue') on 2025-06-03");
  CHARTER_EXPECT_THROW_MSG(cycle_notices(centre(), s, as_of, "zhao"), std::invalid_argument,
                           "'zhao' is not a staff member of the organisation");
  CHARTER_EXPECT_THROW_MSG(cycle_notices(centre(), s, ptime(boost::posix_time::not_a_date_time), "wang"),
                           InvalidTimeError, "as_of");
  CHARTER_EXPECT_THROW_MSG(cycle_notices(centre(), s, as_of, "wang", "repairs"), UnknownIdError, "repairs");
}

TEST(CycleNotices, WithoutAnIssuerTheyAreListedNotIssued) {
  // The built-in charter names no staff: a report can still list what is due to be raised.
  const Charter& c = builtin();
  const calendar::BusinessCalendar& cn = c.calendar("office");
  const ptime as_of = cn.from_local(calendar::parse_date_time("2025-06-03 09:00"));
  const cycle::StatusReport s = cycle::status(c, {}, cn.from_local(calendar::parse_date_time("2025-05-01 00:00")),
                                              cn.from_local(calendar::parse_date_time("2025-06-01 00:00")), as_of);
  const std::vector<Notice> listed = cycle_notices(c, s, as_of, "");
  // No staff, so no one holds a per-staff obligation (R-30, R-32): nothing is late.
  EXPECT_TRUE(listed.empty());
  const Charter& roster = test::staffed_builtin();
  const cycle::StatusReport rs = cycle::status(roster, {}, cn.from_local(calendar::parse_date_time("2025-05-01 00:00")),
                                               cn.from_local(calendar::parse_date_time("2025-06-01 00:00")), as_of);
  const std::vector<Notice> staffed = cycle_notices(roster, rs, as_of, "");
  ASSERT_FALSE(staffed.empty());
  for (const Notice& n : staffed) EXPECT_TRUE(n.events.empty()) << n.case_id;
  EXPECT_TRUE(events_of(staffed).empty());
  const std::vector<Notice> issued = cycle_notices(roster, rs, as_of, "quality_staff.1");
  ASSERT_EQ(issued.size(), staffed.size());
  EXPECT_EQ(issued.back().case_id, staffed.back().case_id);
  EXPECT_EQ(issued.back().deadline, staffed.back().deadline);
  EXPECT_EQ(issued.back().problem, staffed.back().problem);
}

// kCentre with one piece of text replaced.
Charter centre_with(const std::string& from, const std::string& to) {
  std::string text = kCentre;
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  return Charter::parse(text, "centre.yaml");
}

TEST(CycleNotices, TheWorkflowMustBeAbleToOpenANotice) {
  const ptime as_of = at("2025-06-03 09:00");
  auto raise = [&](const Charter& c) {
    return cycle_notices(c, cycle::status(c, {}, at("2025-05-01 00:00"), at("2025-06-01 00:00"), as_of), as_of, "wang");
  };
  CHARTER_EXPECT_THROW_MSG(raise(centre_with("severity: major}", "severity: urgent}")), Error,
                           "cycle 'check': severity 'urgent' is not a severity of workflow 'rectification' "
                           "(known: minor, normal, major)");
  // A charter file whose `rectification` workflow cannot open the notices its entries raise is
  // refused when it loads, at the workflow, with every gap.
  CHARTER_EXPECT_THROW_MSG(centre_with("{id: deadline, type: instant}", "{id: deadline}"), CharterFileError,
                           "workflows.rectification: cannot open the rectification notices "
                           "standards.rings.rectification raises: it has no instant field 'deadline' for the "
                           "feedback deadline");
  CHARTER_EXPECT_THROW_MSG(
      centre_with("{event: issue, from: [new]", "{event: open, from: [new]"), CharterFileError,
      "it has no 'issue' event from its initial state 'new', so it cannot open a rectification notice");
  // So is one without the workflow at all, at the first entry that raises notices.
  CHARTER_EXPECT_THROW_MSG(centre_with("workflows:\n  rectification:", "workflows:\n  notices:"), CharterFileError,
                           "standards.rings.rectification: raises rectification notices, which open cases of a "
                           "'rectification' workflow, and the charter has none");
  // Another workflow named when raising is checked then.
  const Charter& builtin = test::staffed_builtin();
  CHARTER_EXPECT_THROW_MSG(cycle_notices(builtin, cycle::status(builtin, {}, at("2025-05-01 00:00"), at("2025-06-01 00:00"), as_of),
                                         as_of, "quality_staff.1", "complaint"),
                           Error, "workflow 'complaint' has no 'issue' event from its initial state");
}

TEST(CycleNotices, TheBuiltInKeyAccountCallbacksGoToAfterSales) {
  // R-32: key accounts called back every month by each key-account staff member; the roster of
  // the built-in charter gives them no unit, so the notice goes to after_sales. The quality
  // staff are responsible for issuing notices (S1 p3 §3.3.3).
  const Charter& c = test::staffed_builtin();
  const calendar::BusinessCalendar& cn = c.calendar("office");
  const ptime as_of = cn.from_local(calendar::parse_date_time("2025-06-03 09:00"));
  const cycle::StatusReport s = cycle::status(c, {}, cn.from_local(calendar::parse_date_time("2025-05-01 00:00")),
                                              cn.from_local(calendar::parse_date_time("2025-06-01 00:00")), as_of);
  const std::vector<Notice> all = cycle_notices(c, s, as_of, "quality_staff.1");
  // R-30 raises for the missed weeks of weekly contact (the week of May 26 is only overdue).
  EXPECT_EQ(ids(all), (std::vector<std::string>{"RN-R-30-relationship_staff.1-2025-04-28",
                                                 "RN-R-30-relationship_staff.1-2025-05-05",
                                                 "RN-R-30-relationship_staff.1-2025-05-12",
                                                 "RN-R-30-relationship_staff.1-2025-05-19",
                                                 "RN-R-32-key_account_staff.1-2025-05"}));
  EXPECT_EQ(all[0].unit, "cs_centre");
  EXPECT_EQ(all[0].severity, "minor");
  const std::vector<Notice> n(all.end() - 1, all.end());
  EXPECT_EQ(n[0].case_id, "RN-R-32-key_account_staff.1-2025-05");
  EXPECT_EQ(n[0].unit, "after_sales");
  EXPECT_EQ(n[0].severity, "normal");
  Tracker t(c.workflow("rectification"));
  EXPECT_EQ(t.ingest(n[0].events).accepted, 1u);
  EXPECT_EQ(t.status(n[0].case_id, as_of).state, "issued");
  // The unit's supervisor acknowledges it: the notice is an ordinary case of the workflow.
  t.apply(Event{n[0].case_id, as_of + boost::posix_time::hours(1), "acknowledge", "after_sales_supervisor.1", {}});
  EXPECT_EQ(t.status(n[0].case_id, as_of + boost::posix_time::hours(2)).state, "acknowledged");
}

// ---- standards --------------------------------------------------------------------------------

standard::Observation call(const std::string& unit, const std::string& wall, int rings) {
  standard::Observation o;
  o.kind = "call";
  o.unit = unit;
  o.at = at(wall);
  o.fields = {{"rings", std::to_string(rings)}};
  return o;
}

// May 2025: front_desk answers 17 of 20 calls in time (85 %), call_centre 18 of 20 (90 %, at the
// line), the shop 0 of 5 (too few to judge); a call with no unit; June has started.
std::vector<standard::Observation> may_calls() {
  std::vector<standard::Observation> v;
  for (int i = 0; i < 20; ++i) v.push_back(call("front_desk", "2025-05-12 10:00", i < 17 ? 1 : 4));
  for (int i = 0; i < 20; ++i) v.push_back(call("call_centre", "2025-05-13 10:00", i < 18 ? 2 : 5));
  for (int i = 0; i < 5; ++i) v.push_back(call("after_sales", "2025-05-14 10:00", 6));
  for (int i = 0; i < 12; ++i) v.push_back(call("", "2025-05-14 11:00", 6));
  for (int i = 0; i < 12; ++i) v.push_back(call("front_desk", "2025-06-02 11:00", 6));
  return v;
}

TEST(StandardNotices, AUnitBelowTheLineWithEnoughChecksGetsANotice) {
  const standard::Findings f = standard::evaluate(centre(), may_calls());
  const ptime as_of = at("2025-06-03 09:00");
  const std::vector<Notice> n = standard_notices(centre(), f, at("2025-05-01 00:00"), at("2025-06-01 00:00"), as_of, "wang");
  // call_centre at exactly 90 % is not below; after_sales has 5 checks of the 10 needed; the
  // calls without a unit go to no one.
  ASSERT_EQ(ids(n), std::vector<std::string>{"RN-rings-front_desk-2025-05-rate"});
  EXPECT_EQ(n[0].source, NoticeSource::standard);
  EXPECT_EQ(n[0].rule, "rings");
  EXPECT_EQ(n[0].unit, "front_desk");
  EXPECT_EQ(n[0].period_start, date(2025, 5, 1));
  EXPECT_EQ(n[0].period_end, date(2025, 6, 1));
  EXPECT_EQ(n[0].problem, "Answer after two rings (响两声后接听) (rings) at front_desk, 2025-05: 17 of 20 checks met (85%), below 90%");
  EXPECT_NE(n[0].reason.find("over a month is below 90% with at least 10 checks"), std::string::npos) << n[0].reason;
  // June 3 (Tue) + 5 business days: June 10, 18:30.
  EXPECT_EQ(*n[0].events[0].field("deadline"), "2025-06-10 18:30:00");
  Tracker t(centre().workflow("rectification"));
  EXPECT_EQ(t.ingest(events_of(n)).accepted, 1u);
  EXPECT_EQ(t.ingest(events_of(standard_notices(centre(), f, at("2025-05-01 00:00"), at("2025-06-01 00:00"),
                                                at("2025-06-20 09:00"), "wang")))
                .rejected.size(),
            1u);
}

TEST(StandardNotices, APeriodIsJudgedOnlyOnceItHasEnded) {
  const standard::Findings f = standard::evaluate(centre(), may_calls());
  // June (12 of 12 calls failed at front_desk) is still running on June 20: nothing yet.
  EXPECT_TRUE(standard_notices(centre(), f, at("2025-06-01 00:00"), at("2025-07-01 00:00"), at("2025-06-20 09:00"), "wang")
                  .empty());
  const std::vector<Notice> july = standard_notices(centre(), f, at("2025-06-01 00:00"), at("2025-07-01 00:00"),
                                                    at("2025-07-01 00:00"), "wang");
  EXPECT_EQ(ids(july), std::vector<std::string>{"RN-rings-front_desk-2025-06-rate"});
  // A range that touches May and June judges both, in period order.
  EXPECT_EQ(ids(standard_notices(centre(), f, at("2025-05-31 00:00"), at("2025-06-02 00:00"), at("2025-07-02 00:00"), "wang")),
            (std::vector<std::string>{"RN-rings-front_desk-2025-05-rate", "RN-rings-front_desk-2025-06-rate"}));
  EXPECT_TRUE(standard_notices(centre(), f, at("2025-05-01 00:00"), at("2025-05-01 00:00"), at("2025-07-02 00:00"), "wang")
                  .empty());
  CHARTER_EXPECT_THROW_MSG(
      standard_notices(centre(), f, at("2025-06-01 00:00"), at("2025-05-01 00:00"), at("2025-07-02 00:00"), "wang"),
      InvalidTimeError, "is after to");
}

TEST(StandardNotices, StandardsWithoutAnEntryRaiseNothing) {
  // The built-in charter's R-01 (answer after two rings) has no entry: every call late, no notice.
  const Charter& c = test::staffed_builtin();
  const calendar::BusinessCalendar& cn = c.calendar("office");
  std::vector<standard::Observation> calls;
  for (int i = 0; i < 30; ++i) {
    standard::Observation o;
    o.kind = "call";
    o.unit = "call_centre";
    o.at = cn.from_local(calendar::parse_date_time("2025-05-12 10:00"));
    o.fields = {{"rings", "7"}};
    calls.push_back(o);
  }
  const standard::Findings f = standard::evaluate(c, calls);
  EXPECT_TRUE(standard_notices(c, f, cn.from_local(calendar::parse_date_time("2025-05-01 00:00")),
                               cn.from_local(calendar::parse_date_time("2025-06-01 00:00")),
                               cn.from_local(calendar::parse_date_time("2025-06-03 09:00")), "quality_staff.1")
                  .empty());
}

TEST(Notices, TheBuiltInEntriesAreWhereTheSeedRulesPutThem) {
  const Charter& c = builtin();
  ASSERT_TRUE(c.standard("R-10").spec().rectification);
  EXPECT_EQ(c.standard("R-10").spec().rectification->below, 0.9);
  EXPECT_EQ(c.standard("R-10").spec().rectification->min_checked, 20);
  EXPECT_EQ(c.standard("R-10").spec().rectification->period, standard::Period::month);
  EXPECT_TRUE(c.standard("R-11").spec().rectification);
  EXPECT_FALSE(c.standard("R-01").spec().rectification);
  ASSERT_TRUE(c.cycle("R-32").spec().rectification);
  EXPECT_EQ(c.cycle("R-32").spec().rectification->on, (std::vector<cycle::State>{cycle::State::overdue, cycle::State::missed}));
  EXPECT_EQ(c.cycle("R-32").spec().rectification->unit, "after_sales");
  EXPECT_EQ(c.cycle("R-30").spec().rectification->on, std::vector<cycle::State>{cycle::State::missed});
  // The centre's own checks and reports raise none (docs/cycles.md#rectification-notices).
  for (const char* id : {"R-11", "R-20", "R-21", "R-22", "R-23", "R-25", "R-29", "R-34"}) {
    EXPECT_FALSE(c.cycle(id).spec().rectification) << id;
  }
  EXPECT_STREQ(notice_source_name(NoticeSource::cycle), "cycle");
  EXPECT_STREQ(notice_source_name(NoticeSource::standard), "standard");
}

}  // namespace
}  // namespace charter::workflow
