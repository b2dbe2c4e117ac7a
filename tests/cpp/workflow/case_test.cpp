// The complaint and rectification-notice workflows of the built-in charter, case by case.
// Calendars: "hotline" is 24/7 (complaints count clock hours, seed-rules §7); "office" is the
// China calendar 09:00-18:30. 2025-10-01..08 is the National Day holiday; 2025-09-28 (Sun) and
// 2025-10-11 (Sat) are make-up working days.

#include "charter/workflow/case.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "workflow_test_support.hpp"

namespace charter::workflow {
namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;
using test::event;
using test::shanghai;

const Definition& complaint() { return test::staffed_builtin().workflow("complaint"); }
const Definition& rectification() { return test::staffed_builtin().workflow("rectification"); }

// Reception by any employee, then the after-sales supervisor takes it on.
Case received(const std::string& severity = "normal", const std::string& at = "2025-09-26 17:00") {
  Case c(complaint(), "C-1");
  c.apply(event("C-1", at, "receive", "archive_staff.1", {{"severity", severity}, {"channel", "phone"}}));
  return c;
}

// Every step of the six clears and the five steps, one hour apart from 2025-09-26 17:00.
Case closed_normally() {
  Case c = received();
  const char* sup = "after_sales_supervisor.1";
  c.apply(event("C-1", "2025-09-26 18:00", "acknowledge", sup));
  c.apply(event("C-1", "2025-09-26 19:00", "investigate", sup));
  c.apply(event("C-1", "2025-09-26 20:00", "analyse", "quality_staff.1", {{"cause", "wrong size shipped"}}));
  c.apply(event("C-1", "2025-09-26 21:00", "propose_solution", sup, {{"solution", "exchange"}}));
  c.apply(event("C-1", "2025-09-26 22:00", "implement", sup));
  c.apply(event("C-1", "2025-09-27 09:00", "resolve", sup, {{"resolution", "exchanged"}}));
  c.apply(event("C-1", "2025-09-27 10:00", "reply_customer", sup));
  c.apply(event("C-1", "2025-09-27 11:00", "record", sup));
  c.apply(event("C-1", "2025-09-27 12:00", "close", sup));
  return c;
}

TEST(Case, ComplaintReceivedFridayEveningIsDueForAReplyOnSaturdayEvening) {
  // R-05 counts clock hours on the 24/7 hotline: 24 hours after Friday 17:00.
  const Case c = received();
  const CaseStatus s = c.status(shanghai("2025-09-26 18:00"));
  EXPECT_EQ(s.state, "received");
  ASSERT_NE(s.timer("reply"), nullptr);
  EXPECT_EQ(s.timer("reply")->due, shanghai("2025-09-27 17:00"));
  EXPECT_EQ(s.timer("reply")->rule, "R-05");
  EXPECT_EQ(s.timer("investigation_start")->due, shanghai("2025-09-27 17:00"));
  EXPECT_EQ(s.timer("solution")->due, shanghai("2025-09-29 17:00"));
  EXPECT_EQ(s.timer("resolution")->due, shanghai("2025-09-28 17:00"));
  EXPECT_EQ(s.timer("report"), nullptr);  // only major and critical complaints are reported
  EXPECT_EQ(s.next_event, "acknowledge");
  EXPECT_EQ(s.responsible, (std::vector<std::string>{"after_sales_supervisor", "quality_staff"}));
}

TEST(Case, ReplyIsAtRiskAfterThreeQuartersOfItsDayAndBreachedAfterIt) {
  const Case c = received();
  EXPECT_FALSE(c.status(shanghai("2025-09-27 10:59")).timer("reply")->at_risk);
  EXPECT_TRUE(c.status(shanghai("2025-09-27 11:00")).timer("reply")->at_risk);   // 18 of 24 hours
  EXPECT_EQ(c.status(shanghai("2025-09-27 11:00")).timer("reply")->warning_at, shanghai("2025-09-27 11:00"));
  EXPECT_FALSE(c.status(shanghai("2025-09-27 17:00")).timer("reply")->breached);  // due is on time
  const CaseStatus late = c.status(shanghai("2025-09-27 17:00:01"));
  EXPECT_TRUE(late.timer("reply")->breached);
  EXPECT_EQ(late.timer("reply")->remaining, -boost::posix_time::seconds(1));
  // The breach escalates one level above the responsible supervisor: the manager.
  ASSERT_FALSE(late.escalations.empty());
  EXPECT_EQ(late.escalations.back().id, "reply_overdue");
  EXPECT_EQ(late.escalations.back().role, "cs_manager");
  EXPECT_EQ(late.escalations.back().staff, std::vector<std::string>{"cs_manager.1"});
  EXPECT_EQ(late.escalations.back().at, shanghai("2025-09-27 17:00"));
}

TEST(Case, AComplaintHandledStepByStepClosesWithEveryTimerMet) {
  const Case c = closed_normally();
  const CaseStatus s = c.status(shanghai("2025-10-31 00:00"));
  EXPECT_EQ(s.state, "closed");
  EXPECT_FALSE(s.open);
  EXPECT_EQ(s.events, 10u);
  ASSERT_EQ(s.timers.size(), 4u);
  for (const auto& t : s.timers) {
    EXPECT_EQ(t.phase, TimerPhase::stopped) << t.timer;
    EXPECT_TRUE(t.met) << t.timer;
    EXPECT_FALSE(t.breached) << t.timer;
  }
  EXPECT_EQ(s.timer("resolution")->elapsed, hours(16));
  EXPECT_EQ(s.timer("resolution")->remaining, hours(32));
  for (const auto& cl : s.checklists) EXPECT_TRUE(cl.complete) << cl.id;
  EXPECT_EQ(s.next_event, "");
  EXPECT_TRUE(s.escalations.empty());
}

TEST(Case, ClosingBeforeTheCauseWasAnalysedIsRefusedAndChangesNothing) {
  // Five steps (S3 §2(2)): the cause must be analysed before the case closes.
  Case c = received();
  const char* sup = "after_sales_supervisor.1";
  c.apply(event("C-1", "2025-09-26 18:00", "acknowledge", sup));
  c.apply(event("C-1", "2025-09-26 19:00", "investigate", sup));
  c.apply(event("C-1", "2025-09-26 21:00", "propose_solution", sup, {{"solution", "exchange"}}));
  c.apply(event("C-1", "2025-09-26 22:00", "implement", sup));
  c.apply(event("C-1", "2025-09-27 09:00", "resolve", sup, {{"resolution", "exchanged"}}));
  c.apply(event("C-1", "2025-09-27 10:00", "reply_customer", sup));
  c.apply(event("C-1", "2025-09-27 11:00", "record", sup));
  const auto before = c.events();
  CHARTER_EXPECT_THROW_MSG(c.apply(event("C-1", "2025-09-27 12:00", "close", sup)), RejectedEventError,
                           "checklist 'six_clears' is not complete: six_clears.ask not done");
  try {
    c.apply(event("C-1", "2025-09-27 12:00", "close", sup));
  } catch (const RejectedEventError& e) {
    EXPECT_EQ(e.rule(), "checklist");
    EXPECT_EQ(e.case_id(), "C-1");
    EXPECT_EQ(e.event(), "close");
  }
  EXPECT_EQ(c.events(), before);
  EXPECT_EQ(c.state(), "recorded");
}

TEST(Case, RefusalsNameTheRuleThatRefused) {
  Case c = received();
  const auto before = c.events();
  auto rule_of = [&](const Event& e) -> std::string {
    try {
      c.apply(e);
    } catch (const RejectedEventError& err) {
      return err.rule();
    }
    return "accepted";
  };
  const char* sup = "after_sales_supervisor.1";
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 16:00", "acknowledge", sup)), "order");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 17:00", "receive", "relationship_staff.1", {{"severity", "normal"}, {"channel", "phone"}})), "transition");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "resolve", sup, {{"resolution", "x"}})), "transition");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "acknowledge", "after_sales_staff.1")), "actor");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "acknowledge", "nobody")), "actor");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "acknowledge", sup, {{"mood", "angry"}})), "field");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "acknowledge", sup, {{"severity", "huge"}})), "field");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "report", sup)), "when");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "escalate", sup)), "requires");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "fly", sup)), "event");
  EXPECT_EQ(rule_of(event("C-2", "2025-09-26 18:00", "acknowledge", sup)), "case");
  EXPECT_EQ(c.events(), before);
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "acknowledge", sup)), "accepted");
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:00", "acknowledge", sup)), "duplicate");  // delivered twice
  EXPECT_EQ(rule_of(event("C-1", "2025-09-26 18:05", "acknowledge", sup)), "transition");  // now acknowledged
}

TEST(Case, TheSameEventTwiceIsADuplicate) {
  Case c = received();
  const Event e = event("C-1", "2025-09-26 18:00", "escalate", "after_sales_supervisor.1", {{"reason", "VIP"}});
  c.apply(e);
  CHARTER_EXPECT_THROW_MSG(c.apply(e), RejectedEventError, "the same event was already recorded");
  // The same event with another reason is a second escalation, not a duplicate.
  c.apply(event("C-1", "2025-09-26 18:00", "escalate", "after_sales_supervisor.1", {{"reason", "press"}}));
  EXPECT_EQ(c.events().size(), 3u);
  // Delivered again later, an earlier event is still a duplicate (not out of order).
  c.apply(event("C-1", "2025-09-26 19:00", "acknowledge", "quality_staff.1"));
  try {
    c.apply(event("C-1", "2025-09-26 17:00", "receive", "archive_staff.1", {{"severity", "normal"}, {"channel", "phone"}}));
    ADD_FAILURE() << "accepted";
  } catch (const RejectedEventError& err) {
    EXPECT_EQ(err.rule(), "duplicate");
  }
}

TEST(Case, EveryEmployeeMayReceiveButOnlyResponsibleRolesProceed) {
  // 不得推诿 (S1 p1 ch14): the key-account staff member receives; they may not investigate.
  Case c(complaint(), "C-9");
  c.apply(event("C-9", "2025-09-26 17:00", "receive", "key_account_staff.1", {{"severity", "minor"}, {"channel", "visit"}}));
  CHARTER_EXPECT_THROW_MSG(c.apply(event("C-9", "2025-09-26 17:10", "acknowledge", "key_account_staff.1")),
                           RejectedEventError, "needs action 'complaint.acknowledge'");
  c.apply(event("C-9", "2025-09-26 17:10", "acknowledge", "quality_staff.1"));
  EXPECT_EQ(c.state(), "acknowledged");
}

TEST(Case, AStaffMemberWhoLeftMayNoLongerAct) {
  Case c(complaint(), "C-3");
  CHARTER_EXPECT_THROW_MSG(
      c.apply(event("C-3", "2025-07-01 09:00", "receive", "after_sales_staff.old", {{"severity", "minor"}, {"channel", "visit"}})),
      RejectedEventError, "not active on 2025-07-01");
  c.apply(event("C-3", "2025-06-30 23:59", "receive", "after_sales_staff.old", {{"severity", "minor"}, {"channel", "visit"}}));
}

TEST(Case, ANewCaseNeedsItsRequiredAttributes) {
  Case c(complaint(), "C-4");
  CHARTER_EXPECT_THROW_MSG(c.apply(event("C-4", "2025-09-26 17:00", "receive", "archive_staff.1", {{"severity", "minor"}})),
                           RejectedEventError, "requires field 'channel'");
  CHARTER_EXPECT_THROW_MSG(c.apply(event("C-4", "2025-09-26 17:00", "acknowledge", "quality_staff.1")), RejectedEventError,
                           "a case starts with receive, not 'acknowledge'");
  EXPECT_TRUE(c.events().empty());
  EXPECT_EQ(c.state(), "new");
}

TEST(Case, AMajorComplaintIsReportedAtOnceToTheManager) {
  // R-08: the report timer runs for major and critical complaints only, 30 minutes (choice).
  Case c = received("major");
  CaseStatus s = c.status(shanghai("2025-09-26 17:10"));
  ASSERT_NE(s.timer("report"), nullptr);
  EXPECT_EQ(s.timer("report")->due, shanghai("2025-09-26 17:30"));
  ASSERT_EQ(s.escalations.size(), 1u);
  EXPECT_EQ(s.escalations[0].id, "major_report");
  EXPECT_EQ(s.escalations[0].on, "start");
  EXPECT_EQ(s.escalations[0].role, "cs_manager");
  EXPECT_EQ(s.escalations[0].at, shanghai("2025-09-26 17:00"));
  EXPECT_EQ(s.next_event, "report");  // due first among the running timers
  // Whoever received it may report it (granted to every role).
  c.apply(event("C-1", "2025-09-26 17:20", "report", "archive_staff.1"));
  s = c.status(shanghai("2025-09-26 18:00"));
  EXPECT_TRUE(s.timer("report")->met);
  const auto& six = s.checklists[0];
  EXPECT_EQ(six.id, "six_clears");
  EXPECT_TRUE(six.items[5].applies);
  EXPECT_TRUE(six.items[5].ticked);
}

TEST(Case, ACriticalComplaintMustBeResolvedWithin24Hours) {
  const Case c = received("critical");
  EXPECT_EQ(c.status(shanghai("2025-09-26 18:00")).timer("resolution")->due, shanghai("2025-09-27 17:00"));
  EXPECT_EQ(c.status(shanghai("2025-09-26 18:00")).timer("resolution")->goal, "24 hours");
}

TEST(Case, WaitingForTheCustomerPausesTheResolutionClock) {
  Case c = received();
  const char* sup = "after_sales_supervisor.1";
  c.apply(event("C-1", "2025-09-26 18:00", "acknowledge", sup));
  c.apply(event("C-1", "2025-09-26 19:00", "investigate", sup));
  c.apply(event("C-1", "2025-09-26 20:00", "await_customer", sup, {{"reason", "photos requested"}}));
  CaseStatus s = c.status(shanghai("2025-09-27 08:00"));
  EXPECT_EQ(s.timer("resolution")->phase, TimerPhase::paused);
  EXPECT_TRUE(s.timer("resolution")->due.is_not_a_date_time());
  EXPECT_EQ(s.timer("resolution")->elapsed, hours(3));
  EXPECT_EQ(s.timer("resolution")->remaining, hours(45));
  EXPECT_EQ(s.next_event, "customer_responds");
  EXPECT_TRUE(s.responsible.empty());  // open to anyone: the customer
  c.apply(event("C-1", "2025-09-27 06:00", "customer_responds", "customer"));
  s = c.status(shanghai("2025-09-27 08:00"));
  EXPECT_EQ(s.state, "investigating");
  // Ten hours paused push the due instant ten hours back: 2025-09-28 17:00 + 10 h.
  EXPECT_EQ(s.timer("resolution")->due, shanghai("2025-09-29 03:00"));
  EXPECT_EQ(s.timer("reply")->phase, TimerPhase::stopped);  // the reply timer never pauses
  const TimerExplanation x = c.explain("resolution", shanghai("2025-09-27 08:00"));
  ASSERT_EQ(x.pauses.size(), 1u);
  EXPECT_EQ(x.pauses[0].first, shanghai("2025-09-26 20:00"));
  EXPECT_EQ(x.pauses[0].second, shanghai("2025-09-27 06:00"));
  EXPECT_NE(x.text.find("paused: 2025-09-26 20:00:00 to 2025-09-27 06:00:00"), std::string::npos) << x.text;
  EXPECT_NE(x.text.find("due: 2025-09-29 03:00:00"), std::string::npos) << x.text;
}

TEST(Case, AReopenedComplaintStartsANewResolutionCycleAndKeepsTheOld) {
  Case c = closed_normally();
  c.apply(event("C-1", "2025-10-02 10:00", "reopen", "relationship_staff.1", {{"reason", "broke again"}}));
  const CaseStatus s = c.status(shanghai("2025-10-02 11:00"));
  EXPECT_EQ(s.state, "investigating");
  int resolution_cycles = 0;
  for (const auto& t : s.timers) resolution_cycles += t.timer == "resolution";
  EXPECT_EQ(resolution_cycles, 2);
  EXPECT_EQ(s.timer("resolution")->cycle, 2);
  EXPECT_EQ(s.timer("resolution")->phase, TimerPhase::running);
  EXPECT_EQ(s.timer("resolution")->due, shanghai("2025-10-04 10:00"));
  EXPECT_EQ(c.explain("resolution", shanghai("2025-10-02 11:00"), 1).status.met, true);
}

TEST(Case, AnAgreedNextReplyTimeIsItsOwnDeadline) {
  // R-09: the customer is told why it takes longer and when they will hear again.
  Case c = received();
  const char* sup = "after_sales_supervisor.1";
  c.apply(event("C-1", "2025-09-26 18:00", "acknowledge", sup));
  CHARTER_EXPECT_THROW_MSG(c.apply(event("C-1", "2025-09-26 18:30", "explain_delay", sup,
                                         {{"explanation", "supplier closed"}, {"next_reply_at", "next Monday"}})),
                           RejectedEventError, "is not a date and time");
  c.apply(event("C-1", "2025-09-26 18:30", "explain_delay", sup, {{"explanation", "supplier closed"}, {"next_reply_at", "2025-09-29 10:00"}}));
  CaseStatus s = c.status(shanghai("2025-09-29 10:00"));
  EXPECT_EQ(s.timer("next_reply")->due, shanghai("2025-09-29 10:00"));
  EXPECT_FALSE(s.timer("next_reply")->breached);
  EXPECT_TRUE(c.status(shanghai("2025-09-29 10:01")).timer("next_reply")->breached);
  EXPECT_EQ(s.timer("next_reply")->goal, "agreed time (next_reply_at)");
}

TEST(Case, StatusAsOfAnEarlierInstantIgnoresLaterEvents) {
  const Case c = closed_normally();
  const CaseStatus early = c.status(shanghai("2025-09-26 19:30"));
  EXPECT_EQ(early.state, "investigating");
  EXPECT_EQ(early.events, 3u);
  EXPECT_EQ(early.timer("resolution")->phase, TimerPhase::running);
  const CaseStatus before = c.status(shanghai("2025-09-26 16:00"));
  EXPECT_EQ(before.state, "new");
  EXPECT_EQ(before.events, 0u);
  EXPECT_TRUE(before.timers.empty());
}

TEST(Case, ReplayingTheLogGivesTheSameCase) {
  const Case c = closed_normally();
  const Case again(complaint(), "C-1", c.events());
  EXPECT_EQ(again, c);
  EXPECT_EQ(again.status(shanghai("2025-09-27 00:00")).timers.size(), c.status(shanghai("2025-09-27 00:00")).timers.size());
}

TEST(Case, ARectificationNoticeIssuedBeforeNationalDayIsAcknowledgedAfterIt) {
  // R-16 on the office calendar: "end of next business day" from Tue 2025-09-30 17:00 is the
  // close of Thu 2025-10-09 (the holiday runs 10-01..10-08).
  Case n(rectification(), "N-1");
  n.apply(event("N-1", "2025-09-30 17:00", "issue", "quality_staff.1",
                {{"unit", "front_desk"}, {"problem", "queue unattended"}, {"deadline", "2025-10-15 18:00"}}));
  const CaseStatus s = n.status(shanghai("2025-09-30 18:00"));
  EXPECT_EQ(n.attributes(), (std::vector<std::pair<std::string, std::string>>{{"unit", "front_desk"}}));
  EXPECT_EQ(s.timer("acknowledgement")->due, shanghai("2025-10-09 18:30"));
  EXPECT_EQ(s.timer("feedback")->due, shanghai("2025-10-15 18:00"));
  // Warning 8 business hours before the deadline: the 15th is open from 09:00, so 8 office
  // hours before 18:00 is 10:00 the same day.
  EXPECT_EQ(s.timer("feedback")->warning_at, shanghai("2025-10-15 10:00"));
  // The supervisor of the unit acknowledges (rectification.respond); a staff member may not.
  CHARTER_EXPECT_THROW_MSG(n.apply(event("N-1", "2025-10-09 09:00", "acknowledge", "after_sales_staff.1")), RejectedEventError,
                           "rectification.respond");
  n.apply(event("N-1", "2025-10-09 09:00", "acknowledge", "front_desk_supervisor.1"));
  n.apply(event("N-1", "2025-10-10 09:00", "rectify", "front_desk_supervisor.1", {{"measures", "rota fixed"}}));
  n.apply(event("N-1", "2025-10-16 09:00", "return_feedback", "front_desk_supervisor.1", {{"feedback", "done"}}));
  const CaseStatus late = n.status(shanghai("2025-10-16 10:00"));
  EXPECT_TRUE(late.timer("acknowledgement")->met);
  EXPECT_TRUE(late.timer("feedback")->breached);
  ASSERT_FALSE(late.escalations.empty());
  EXPECT_EQ(late.escalations.back().id, "feedback_overdue");
  EXPECT_EQ(late.escalations.back().role, "cs_manager");
  // Verification: 2 business days from Thu 2025-10-16 09:00 is the close of Mon 2025-10-20.
  EXPECT_EQ(late.timer("verification")->due, shanghai("2025-10-20 18:30"));
}

TEST(Case, AnExplanationListsTheClosedTimeSkipped) {
  Case n(rectification(), "N-2");
  n.apply(event("N-2", "2025-09-30 17:00", "issue", "quality_staff.1",
                {{"unit", "front_desk"}, {"problem", "queue unattended"}, {"deadline", "2025-10-15 18:00"}}));
  const TimerExplanation x = n.explain("acknowledgement", shanghai("2025-10-01 12:00"));
  EXPECT_EQ(x.rule, "R-16");
  ASSERT_FALSE(x.skipped.empty());
  EXPECT_NE(x.text.find("National Day"), std::string::npos) << x.text;
  EXPECT_NE(x.text.find("due: 2025-10-09 18:30:00"), std::string::npos) << x.text;
  CHARTER_EXPECT_THROW_MSG(n.explain("verification", shanghai("2025-10-01 12:00")), UnknownIdError, "has not started");
  CHARTER_EXPECT_THROW_MSG(n.explain("nonsense", shanghai("2025-10-01 12:00")), UnknownIdError, "no timer 'nonsense'");
}

TEST(Case, TimersCountWholeSeconds) {
  Case c(complaint(), "C-5");
  Event e = event("C-5", "2025-09-26 17:00", "receive", "archive_staff.1", {{"severity", "minor"}, {"channel", "web"}});
  e.at += boost::posix_time::milliseconds(700);
  c.apply(e);
  EXPECT_EQ(c.status(shanghai("2025-09-26 18:00")).timer("reply")->started, shanghai("2025-09-26 17:00"));
  EXPECT_EQ(c.events()[0].at, e.at);  // the log keeps the instant as given
}

}  // namespace
}  // namespace charter::workflow

namespace charter::workflow {
namespace {

// A centre in Berlin: the clocks jump from 02:00 to 03:00 on Sunday 2025-03-30.
const Charter& berlin() {
  static const Charter c = Charter::parse(R"(
charter: 1
calendars:
  office:
    zone: Europe/Berlin
    week: {weekdays: ["09:00-17:00"]}
    holidays: {2024-02-28: Fasching (example)}
    first_day: 2024-01-01
    last_day: 2026-12-31
organization:
  roles:
    - id: agent
      duties:
        - id: agent.handle
          covers:
            - {action: ticket.open, raci: R}
            - {action: ticket.open, raci: A}
            - {action: ticket.close, raci: R}
            - {action: ticket.close, raci: A}
  staff:
    - {id: anna, roles: [agent]}
workflows:
  ticket:
    calendar: office
    states:
      - {id: new, initial: true}
      - {id: open}
      - {id: closed, terminal: true}
    transitions:
      - {event: open, from: [new], to: open, action: ticket.open}
      - {event: close, from: [open], to: closed, action: ticket.close}
    timers:
      - {id: clock, start: {events: [open]}, stop: {events: [close]}, goal: 24 hours}
      - {id: days, start: {events: [open]}, stop: {events: [close]}, goal: 1 calendar days}
      - {id: business, start: {events: [open]}, stop: {events: [close]}, goal: 8 business hours, warning: 50%}
)",
                                          "berlin.yaml");
  return c;
}

boost::posix_time::ptime berlin_time(const std::string& wall) {
  return berlin().calendar("office").from_local(calendar::parse_date_time(wall));
}

TEST(Case, TwentyFourHoursAcrossTheSpringForwardEndAnHourLaterOnTheWallClock) {
  Case c(berlin().workflow("ticket"), "T-1");
  c.apply({"T-1", berlin_time("2025-03-29 12:00"), "open", "anna", {}});
  const CaseStatus s = c.status(berlin_time("2025-03-29 13:00"));
  // 24 real hours span the lost hour: 13:00 on the wall clock; one calendar day is 12:00.
  EXPECT_EQ(s.timer("clock")->due, berlin_time("2025-03-30 13:00"));
  EXPECT_EQ(s.timer("days")->due, berlin_time("2025-03-30 12:00"));
  EXPECT_EQ(s.timer("days")->goal_time, boost::posix_time::hours(23));
  // 8 business hours from Saturday noon: Monday 09:00-17:00.
  EXPECT_EQ(s.timer("business")->due, berlin_time("2025-03-31 17:00"));
  EXPECT_EQ(s.timer("business")->warning_at, berlin_time("2025-03-31 13:00"));
  EXPECT_EQ(s.timer("business")->remaining, boost::posix_time::hours(8));
}

TEST(Case, ATicketOpenedAtMidnightBeforeALeapDayCountsTheLeapDay) {
  // 2024-02-28 is a (made-up) holiday, 2024-02-29 a Thursday: business time starts then.
  Case c(berlin().workflow("ticket"), "T-2");
  c.apply({"T-2", berlin_time("2024-02-28 00:00"), "open", "anna", {}});
  const CaseStatus s = c.status(berlin_time("2024-02-28 00:00"));
  EXPECT_EQ(s.timer("business")->due, berlin_time("2024-02-29 17:00"));
  EXPECT_EQ(s.timer("days")->due, berlin_time("2024-02-29 00:00"));
  const TimerExplanation x = c.explain("business", berlin_time("2024-02-29 12:00"));
  EXPECT_NE(x.text.find("Fasching"), std::string::npos) << x.text;
  c.apply({"T-2", berlin_time("2024-02-29 17:00"), "close", "anna", {}});
  EXPECT_TRUE(c.status(berlin_time("2024-03-01 00:00")).timer("business")->met);  // at due: on time
}

TEST(Case, BusinessTimeBeyondTheCalendarIsRefusedWithTheReason) {
  Case c(berlin().workflow("ticket"), "T-3");
  CHARTER_EXPECT_THROW_MSG(c.apply({"T-3", berlin_time("2026-12-31 16:00"), "open", "anna", {}}), RejectedEventError,
                           "leaves calendar 'office' which covers 2024-01-01..2026-12-31");
  EXPECT_TRUE(c.events().empty());
}

}  // namespace
}  // namespace charter::workflow

namespace charter::workflow {
namespace {

// Timers driven by states rather than events, a timer that starts paused, a warning a fixed
// time before the due instant, and a timer limited by `when`.
const Charter& repairs() {
  static const Charter c = Charter::parse(R"(
charter: 1
calendars:
  clock:
    zone: UTC
    week: {daily: ["00:00-24:00"]}
    first_day: 2025-01-01
    last_day: 2026-12-31
organization:
  roles:
    - id: tech
      duties:
        - id: tech.work
          covers:
            - {action: repair.do, raci: R}
            - {action: repair.do, raci: A}
  staff:
    - {id: tom, roles: [tech]}
workflows:
  repair:
    calendar: clock
    attributes:
      - {id: priority, values: [low, high], required: true}
    states:
      - {id: new, initial: true}
      - {id: queued}
      - {id: working}
      - {id: waiting}
      - {id: done, terminal: true}
    transitions:
      - {event: submit, from: [new], to: queued, action: repair.do, requires: [priority]}
      - {event: start, from: [queued], to: waiting, action: repair.do}
      - {event: parts_arrived, from: [waiting], to: working, action: repair.do}
      - {event: wait, from: [working], to: waiting, action: repair.do}
      - {event: finish, from: [working], to: done, action: repair.do}
    timers:
      - {id: queue, start: {events: [submit]}, stop: {states: [waiting, working]}, goal: 2 hours, warning: 30 minutes before}
      - {id: work, start: {states: [waiting, working]}, stop: {states: [done]}, pause: [waiting], goal: 3 hours}
      - {id: sla, when: {priority: [high]}, start: {events: [submit]}, stop: {states: [done]}, goal: 8 hours}
)",
                                          "repairs.yaml");
  return c;
}

boost::posix_time::ptime utc(const std::string& wall) { return calendar::parse_date_time(wall); }

TEST(Case, TimersFollowStatesAndAWaitingStartBeginsPaused) {
  Case c(repairs().workflow("repair"), "R-1");
  c.apply({"R-1", utc("2025-05-05 08:00"), "submit", "tom", {{"priority", "low"}}});
  CaseStatus s = c.status(utc("2025-05-05 09:00"));
  EXPECT_EQ(s.timer("queue")->due, utc("2025-05-05 10:00"));
  EXPECT_EQ(s.timer("queue")->warning_at, utc("2025-05-05 09:30"));
  EXPECT_FALSE(s.timer("queue")->at_risk);
  EXPECT_TRUE(c.status(utc("2025-05-05 09:30")).timer("queue")->at_risk);
  EXPECT_EQ(s.timer("sla"), nullptr);  // only high-priority repairs
  EXPECT_EQ(s.timer("work"), nullptr);
  // Entering `waiting` stops the queue timer and starts the work timer, paused at once.
  c.apply({"R-1", utc("2025-05-05 09:45"), "start", "tom", {}});
  s = c.status(utc("2025-05-05 11:00"));
  EXPECT_TRUE(s.timer("queue")->met);
  EXPECT_EQ(s.timer("work")->phase, TimerPhase::paused);
  EXPECT_EQ(s.timer("work")->remaining, boost::posix_time::hours(3));
  // Parts arrive at 12:00: three hours of work from then.
  c.apply({"R-1", utc("2025-05-05 12:00"), "parts_arrived", "tom", {}});
  s = c.status(utc("2025-05-05 13:00"));
  EXPECT_EQ(s.timer("work")->due, utc("2025-05-05 15:00"));
  int work_cycles = 0;
  for (const auto& t : s.timers) work_cycles += t.timer == "work";
  EXPECT_EQ(work_cycles, 1);  // entering `working` while the cycle runs starts nothing new
  c.apply({"R-1", utc("2025-05-05 13:00"), "wait", "tom", {}});
  c.apply({"R-1", utc("2025-05-05 14:00"), "parts_arrived", "tom", {}});
  c.apply({"R-1", utc("2025-05-05 16:00"), "finish", "tom", {}});
  s = c.status(utc("2025-05-06 00:00"));
  EXPECT_EQ(s.state, "done");
  EXPECT_TRUE(s.timer("work")->met);  // 09:45 paused; 12:00-13:00 and 14:00-16:00: 3 hours
  EXPECT_EQ(s.timer("work")->elapsed, boost::posix_time::hours(3));
  const TimerExplanation x = c.explain("work", utc("2025-05-06 00:00"));
  ASSERT_EQ(x.pauses.size(), 2u);
  EXPECT_EQ(x.pauses[0].first, utc("2025-05-05 09:45"));
  EXPECT_EQ(x.pauses[0].second, utc("2025-05-05 12:00"));
  EXPECT_EQ(x.pauses[1].first, utc("2025-05-05 13:00"));
  EXPECT_EQ(x.pauses[1].second, utc("2025-05-05 14:00"));
}

TEST(Case, AHighPriorityRepairHasItsOwnDeadline) {
  Case c(repairs().workflow("repair"), "R-2");
  c.apply({"R-2", utc("2025-05-05 08:00"), "submit", "tom", {{"priority", "high"}}});
  EXPECT_EQ(c.status(utc("2025-05-05 08:00")).timer("sla")->due, utc("2025-05-05 16:00"));
  EXPECT_TRUE(c.status(utc("2025-05-05 16:00:01")).timer("sla")->breached);
}

}  // namespace
}  // namespace charter::workflow

namespace charter::workflow {
namespace {

TEST(Case, ARefusalFromTimerArithmeticLeavesTheWholeLogAsItWas) {
  // Verification (2 business days) cannot start on 2026-12-31: the office calendar ends then.
  Case n(test::staffed_builtin().workflow("rectification"), "N-9");
  n.apply(test::event("N-9", "2026-12-21 09:00", "issue", "quality_staff.1",
                      {{"unit", "front_desk"}, {"problem", "queue"}, {"deadline", "2026-12-30 18:00"}}));
  n.apply(test::event("N-9", "2026-12-21 10:00", "acknowledge", "front_desk_supervisor.1"));
  n.apply(test::event("N-9", "2026-12-22 10:00", "rectify", "front_desk_supervisor.1", {{"measures", "rota"}}));
  const auto before = n.events();
  const CaseStatus was = n.status(test::shanghai("2026-12-30 12:00"));
  try {
    n.apply(test::event("N-9", "2026-12-31 10:00", "return_feedback", "front_desk_supervisor.1", {{"feedback", "done"}}));
    ADD_FAILURE() << "accepted";
  } catch (const RejectedEventError& e) {
    EXPECT_EQ(e.rule(), "timer");
  }
  EXPECT_EQ(n.events(), before);
  EXPECT_EQ(n.state(), "rectified");
  const CaseStatus is = n.status(test::shanghai("2026-12-30 12:00"));
  ASSERT_EQ(is.timers.size(), was.timers.size());
  for (std::size_t k = 0; k < is.timers.size(); ++k) {
    EXPECT_EQ(is.timers[k].due, was.timers[k].due);
    EXPECT_EQ(is.timers[k].phase, was.timers[k].phase);
  }
  // And the case goes on: feedback returned earlier is verified within the calendar.
  n.apply(test::event("N-9", "2026-12-28 10:00", "return_feedback", "front_desk_supervisor.1", {{"feedback", "done"}}));
  EXPECT_EQ(n.status(test::shanghai("2026-12-28 11:00")).timer("verification")->due, test::shanghai("2026-12-30 18:30"));
  EXPECT_EQ(n.events().size(), before.size() + 1);
}

}  // namespace
}  // namespace charter::workflow
