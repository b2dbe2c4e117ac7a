// Building cycles from specs: every problem of a spec reported together with its path, owners
// resolved through the RACI, references between cycles checked by the charter.

#include "charter/cycle/cycle.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "charter/model/charter.hpp"
#include "test_support.hpp"

namespace charter::cycle {
namespace {

const Charter& rulebook() { return builtin(); }

CycleSpec monthly(const std::string& id) {
  CycleSpec s;
  s.id = id;
  s.owner = "cs_manager";
  s.calendar = "office";
  s.recurrence = Recurrence::monthly_any_time();
  s.due = calendar::Deadline::end_of_month();
  return s;
}

std::vector<std::string> problems(const CycleSpec& spec) {
  std::vector<std::string> out;
  for (const auto& p : validate(spec, rulebook().calendars(), rulebook().organization())) {
    out.push_back(p.path + ": " + p.message);
  }
  return out;
}

TEST(Cycle, EveryProblemOfASpecIsReportedWithItsPath) {
  CycleSpec s = monthly("check");
  s.owner = "auditor";
  s.calendar = "";
  s.recurrence = Recurrence::monthly_on(32);
  s.scope = Scope{ScopeKind::unit, {"front_desk", "front_desk", "warehouse"}, ""};
  s.evidence = {{EvidenceKind::count, "", 0, {}}};
  EXPECT_EQ(problems(s), (std::vector<std::string>{
                             "owner: unknown role 'auditor'",
                             "calendar: name the cycle's calendar (its zone and business days give the periods and due instants)",
                             "recurrence.day: day 32 is not 1 to 31",
                             "scope.ids[1]: 'front_desk' is listed twice",
                             "scope.ids[2]: unknown unit 'warehouse'",
                             "evidence[0].field: name the field holding the evidence",
                             "evidence[0].at_least: at_least 0 is not 1 to 1000000000",
                         }));
  CHARTER_EXPECT_THROW_MSG(Cycle(s, rulebook().calendars(), rulebook().organization()), CycleError,
                           "cycle 'check':\n  owner: unknown role 'auditor'");
}

TEST(Cycle, KindsThatHaveNoScheduleTakeNoDueRuleNorFollowUps) {
  CycleSpec s = monthly("spot");
  s.recurrence = Recurrence::ad_hoc();
  s.follow_ups = {{"R-21", calendar::Deadline::business_days(5)}};
  const auto p = problems(s);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].rfind("due: an ad_hoc cycle has no schedule", 0), 0u) << p[0];
  EXPECT_EQ(p[1], "follow_ups: only a scheduled cycle can have follow-ups");
  CycleSpec w = monthly("w");
  w.recurrence = Recurrence::weekly(7);
  EXPECT_EQ(problems(w), std::vector<std::string>{"recurrence.weekday: weekday 7 is not 0 (Sunday) to 6 (Saturday)"});
  CycleSpec y = monthly("y");
  y.recurrence = Recurrence::at_least(0, Period::day);
  EXPECT_EQ(problems(y), (std::vector<std::string>{"recurrence.count: count 0 is not 1 to 100000",
                                                   "recurrence.per: at least N a day: use a week, month or year"}));
  CycleSpec staff = monthly("contact");
  staff.scope = Scope{ScopeKind::staff, {}, ""};
  EXPECT_EQ(problems(staff), std::vector<std::string>{"scope.ids: name the roles whose holders the cycle binds"});
}

TEST(Cycle, ARectificationEntryNeedsAFailureAndAUnitToGoTo) {
  // A centre cycle: its subject is no unit, so the entry names one.
  CycleSpec s = monthly("report");
  s.rectification = Rectification{{State::overdue}, calendar::Deadline::business_days(5), "", ""};
  EXPECT_EQ(problems(s), std::vector<std::string>{
                             "rectification.unit: name the unit a notice goes to (the subject of a centre cycle is not a unit)"});
  s.rectification->unit = "front_desk";
  EXPECT_TRUE(problems(s).empty());
  // A per-staff cycle names the unit for staff who belong to none.
  s.scope = Scope{ScopeKind::staff, {"key_account_staff"}, ""};
  s.rectification->unit = "";
  EXPECT_EQ(problems(s), std::vector<std::string>{
                             "rectification.unit: name the unit a notice goes to when the staff member belongs to none"});
  // An ad-hoc cycle is never late; done and due are no failures; nothing listed raises nothing.
  CycleSpec spot = monthly("spot");
  spot.due.reset();
  spot.recurrence = Recurrence::ad_hoc();
  spot.scope = Scope{ScopeKind::unit, {}, ""};
  spot.rectification = Rectification{{State::done, State::due, State::missed, State::missed},
                                     calendar::Deadline::business_days(5), "", "front_desk"};
  EXPECT_EQ(problems(spot), (std::vector<std::string>{
                                "rectification: an ad_hoc cycle is never due, so it is never late: it raises no notice",
                                "rectification.on[0]: 'done' is not a failure; a notice is raised for overdue, missed, "
                                "insufficient or done_late",
                                "rectification.on[1]: 'due' is not a failure; a notice is raised for overdue, missed, "
                                "insufficient or done_late",
                                "rectification.on[3]: 'missed' is listed twice",
                                "rectification.unit: a per-unit cycle notifies the unit concerned; name no unit",
                            }));
  spot.rectification->on.clear();
  spot.rectification->unit = "";
  EXPECT_EQ(problems(spot)[1], "rectification.on: name the states that raise a notice: overdue, missed, insufficient, done_late");
  // Equality sees the entry.
  CycleSpec a = monthly("x"), b = monthly("x");
  b.rectification = Rectification{{State::missed}, calendar::Deadline::business_days(5), "", "front_desk"};
  EXPECT_NE(a, b);
}

TEST(Cycle, OwnerComesFromTheRaciWhenTheSpecNamesNone) {
  CycleSpec s = monthly("R-23");
  s.owner.clear();
  const Cycle c(s, rulebook().calendars(), rulebook().organization());
  EXPECT_EQ(c.owner(), "cs_manager");
  s.id = "R-99";
  EXPECT_EQ(problems(s), std::vector<std::string>{
                             ": no owner: name a role with 'owner', or make a role accountable (A) for cycle R-99"});
}

TEST(Cycle, TheCharterChecksReferencesBetweenCycles) {
  const auto& cals = rulebook().calendars();
  const auto& org = rulebook().organization();
  CycleSpec check = monthly("check");
  check.follow_ups = {{"report", calendar::Deadline::business_days(5)}};
  CycleSpec report = monthly("report");
  report.recurrence = Recurrence::follow_up();
  report.due.reset();
  const std::vector<Cycle> ok = {Cycle(check, cals, org), Cycle(report, cals, org)};
  EXPECT_NO_THROW(Charter(LocalizedText{}, cals, org, {}, {}, ok));
  CHARTER_EXPECT_THROW_MSG(Charter(LocalizedText{}, cals, org, {}, {}, {ok[0]}), CycleError,
                           "check: follow_ups[0].cycle: unknown cycle 'report'");
  CHARTER_EXPECT_THROW_MSG(Charter(LocalizedText{}, cals, org, {}, {}, {ok[1]}), CycleError,
                           "report: recurrence: no cycle names 'report' among its follow_ups");
  CHARTER_EXPECT_THROW_MSG(Charter(LocalizedText{}, cals, org, {}, {}, {ok[0], ok[1], ok[0]}), std::invalid_argument,
                           "cycle 'check' is given twice");
}

TEST(Recurrence, TextSaysItInWords) {
  EXPECT_EQ(Recurrence::business_day().text(), "every business day");
  EXPECT_EQ(Recurrence::weekly(5).text(), "every week on Friday");
  EXPECT_EQ(Recurrence::monthly_on(25).text(), "every month on day 25");
  EXPECT_EQ(Recurrence::monthly_last_business_day().text(), "every month on the last business day");
  EXPECT_EQ(Recurrence::monthly_any_time().text(), "every month, any time");
  EXPECT_EQ(Recurrence::yearly(12).text(), "every year in December");
  EXPECT_EQ(Recurrence::at_least(3, Period::year, "unit").text(), "at least 3 distinct 'unit' a year");
  EXPECT_EQ(Recurrence::at_least(2, Period::month).text(), "at least 2 times a month");
  EXPECT_EQ(Recurrence::ad_hoc().text(), "ad hoc");
  EXPECT_EQ(Recurrence::yearly(12).period(), Period::month);
  EXPECT_FALSE(Recurrence::follow_up().scheduled());
}

}  // namespace
}  // namespace charter::cycle
