// Organization: who reports to whom, who answers for what, who may do what — and every problem
// of a bad organisation reported at once, without a word of anyone's personal data.
//
// The organisation used throughout (built by centre() below; written out so expectations can be
// read off it by hand):
//
//   units:  cs_centre ─┬─ call_centre ── complaints_team
//                      └─ branch_north
//   roles (reporting lines):
//     deputy_leader                       (top)          cycle R-23: A
//     └ cs_manager          headcount 1                  complaint.escalate: A, standard R-05: A
//       ├ complaint_supervisor                           complaint.escalate: R, complaint.close: R,
//       │                                                complaint.reopen: R
//       │ ├ agent                                        complaint.register: R, complaint.escalate: C,
//       │ │                                              complaint.close: I
//       │ └ trainee                                      complaint.register: R
//       └ qa_staff                                       standard R-05: R, complaint.close: C
//   grants: qa_staff may complaint.reopen ("quality review may reopen");
//           trainee is denied complaint.register ("trainees register under supervision")
//   staff:
//     s-001 cs_manager            cs_centre        2024-01-01 .. 2025-06-30
//     s-002 cs_manager            cs_centre        2025-07-01 ..            (the successor)
//     s-003 complaint_supervisor  call_centre
//     s-004 agent                 complaints_team  2024-03-01 .. 2024-12-31
//     s-005 agent                 complaints_team
//     s-006 agent, trainee        complaints_team
//     s-007 agent                 branch_north
//     s-008 qa_staff              (no unit)

#include "charter/org/organization.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::org {
namespace {

using boost::gregorian::date;

Responsibility act(const std::string& id, Raci r) { return {{SubjectKind::action, id}, r}; }
Responsibility standard(const std::string& id, Raci r) { return {{SubjectKind::standard, id}, r}; }
Responsibility cycle(const std::string& id, Raci r) { return {{SubjectKind::cycle, id}, r}; }

Role role(const std::string& id, const std::string& reports_to, std::vector<Duty> duties = {},
          std::optional<int> headcount = std::nullopt) {
  return Role{id, {"", id}, reports_to, headcount, std::move(duties)};
}
Duty duty(const std::string& id, std::vector<Responsibility> covers) {
  return Duty{id, {"", id}, std::move(covers)};
}
Staff person(const std::string& id, std::vector<std::string> roles, const std::string& unit,
             ActivePeriod active = {}) {
  return Staff{id, "Name of " + id, "", std::move(roles), unit, active};
}

OrganizationSpec centre_spec() {
  OrganizationSpec s;
  s.units = {
      {"cs_centre", {"客户服务中心", "Customer service centre"}, "", std::nullopt},
      {"call_centre", {"呼叫中心", "Call centre"}, "cs_centre", std::nullopt},
      {"complaints_team", {"投诉组", "Complaints team"}, "call_centre", std::nullopt},
      {"branch_north", {"北区", "North branch"}, "cs_centre", std::nullopt},
  };
  s.roles = {
      role("deputy_leader", "", {duty("deputy.cycles", {cycle("R-23", Raci::accountable)})}),
      role("cs_manager", "deputy_leader",
           {duty("cs_manager.complaints", {act("complaint.escalate", Raci::accountable),
                                           standard("R-05", Raci::accountable)})},
           1),
      role("complaint_supervisor", "cs_manager",
           {duty("supervisor.handle", {act("complaint.escalate", Raci::responsible),
                                       act("complaint.close", Raci::responsible)}),
            duty("supervisor.reopen", {act("complaint.reopen", Raci::responsible)})}),
      role("agent", "complaint_supervisor",
           {duty("agent.intake", {act("complaint.register", Raci::responsible),
                                  act("complaint.escalate", Raci::consulted)}),
            duty("agent.told", {act("complaint.close", Raci::informed)})}),
      role("trainee", "complaint_supervisor",
           {duty("trainee.intake", {act("complaint.register", Raci::responsible)})}),
      role("qa_staff", "cs_manager",
           {duty("qa.review", {standard("R-05", Raci::responsible),
                               act("complaint.close", Raci::consulted)})}),
  };
  s.staff = {
      person("s-001", {"cs_manager"}, "cs_centre", {date(2024, 1, 1), date(2025, 6, 30)}),
      person("s-002", {"cs_manager"}, "cs_centre", {date(2025, 7, 1), std::nullopt}),
      person("s-003", {"complaint_supervisor"}, "call_centre"),
      person("s-004", {"agent"}, "complaints_team", {date(2024, 3, 1), date(2024, 12, 31)}),
      person("s-005", {"agent"}, "complaints_team"),
      person("s-006", {"agent", "trainee"}, "complaints_team"),
      person("s-007", {"agent"}, "branch_north"),
      person("s-008", {"qa_staff"}, ""),
  };
  s.grants = {
      {"qa_staff", "complaint.reopen", true, "quality review may reopen"},
      {"trainee", "complaint.register", false, "trainees register under supervision"},
  };
  return s;
}

const Organization& centre() {
  static const Organization org(centre_spec());
  return org;
}

std::vector<std::string> ids(const std::vector<Role>& roles) {
  std::vector<std::string> out;
  for (const auto& r : roles) out.push_back(r.id);
  return out;
}
std::vector<std::string> ids(const std::vector<Staff>& staff) {
  std::vector<std::string> out;
  for (const auto& s : staff) out.push_back(s.id);
  return out;
}
using Ids = std::vector<std::string>;

// The problems of a spec that must not validate, as "path: message" lines; the constructor must
// throw an OrganizationError with exactly these.
std::vector<Problem> problems_of(const OrganizationSpec& spec) {
  const std::vector<Problem> found = validate(spec);
  try {
    Organization org(spec);
    ADD_FAILURE() << "an organisation with problems was built";
  } catch (const OrganizationError& e) {
    EXPECT_EQ(e.problems().size(), found.size());
    for (size_t i = 0; i < std::min(found.size(), e.problems().size()); ++i) {
      EXPECT_EQ(e.problems()[i].path, found[i].path);
      EXPECT_EQ(e.problems()[i].message, found[i].message);
    }
  }
  return found;
}

std::string show(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += "\n  " + p.path + ": " + p.message;
  return out;
}

// True when exactly one problem has this path and its message contains `text`.
::testing::AssertionResult has_problem(const std::vector<Problem>& problems, const std::string& path,
                                       const std::string& text) {
  int n = 0;
  for (const auto& p : problems) {
    if (p.path == path && p.message.find(text) != std::string::npos) ++n;
  }
  if (n == 1) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << n << " problems at '" << path << "' saying '" << text
                                       << "'; found:" << show(problems);
}

// ---------------------------------------------------------------------------------------------
// The organisation of the tests is itself valid

TEST(Organization, TheCentreIsValid) {
  EXPECT_TRUE(validate(centre_spec()).empty()) << show(validate(centre_spec()));
  EXPECT_EQ(centre().roles().size(), 6u);
  EXPECT_EQ(centre().units().size(), 4u);
  EXPECT_EQ(centre().staff().size(), 8u);
  EXPECT_EQ(centre().grants().size(), 2u);
  EXPECT_EQ(centre().spec(), centre_spec());
}

TEST(Organization, AnEmptyOrganisationIsValidAndKnowsNothing) {
  const Organization empty;
  EXPECT_TRUE(empty.roles().empty());
  EXPECT_FALSE(empty.has_role("agent"));
  EXPECT_EQ(empty, Organization(OrganizationSpec{}));
  CHARTER_EXPECT_THROW_MSG(empty.may_role("agent", "complaint.close"), UnknownIdError,
                           "unknown role 'agent'");
}

TEST(Organization, LookupsById) {
  EXPECT_EQ(centre().role("cs_manager").reports_to, "deputy_leader");
  EXPECT_EQ(centre().role("cs_manager").headcount, std::optional<int>(1));
  EXPECT_EQ(centre().unit("complaints_team").parent, "call_centre");
  EXPECT_EQ(centre().unit("call_centre").name.zh, "呼叫中心");
  EXPECT_EQ(centre().staff_member("s-006").roles, (Ids{"agent", "trainee"}));
  EXPECT_EQ(centre().duty("agent.told").covers,
            (std::vector<Responsibility>{act("complaint.close", Raci::informed)}));
  EXPECT_TRUE(centre().has_role("qa_staff"));
  EXPECT_FALSE(centre().has_role("s-001"));  // a staff id is not a role id
  EXPECT_TRUE(centre().has_staff("s-001"));
  EXPECT_FALSE(centre().has_staff("qa_staff"));
}

TEST(Organization, UnknownIdsAreErrorsNamingTheId) {
  CHARTER_EXPECT_THROW_MSG(centre().role("qa_lead"), UnknownIdError, "unknown role 'qa_lead'");
  CHARTER_EXPECT_THROW_MSG(centre().unit("south"), UnknownIdError, "unknown unit 'south'");
  CHARTER_EXPECT_THROW_MSG(centre().staff_member("s-999"), UnknownIdError,
                           "unknown staff member 's-999'");
  CHARTER_EXPECT_THROW_MSG(centre().duty("agent.sleep"), UnknownIdError,
                           "unknown duty 'agent.sleep'");
  CHARTER_EXPECT_THROW_MSG(centre().escalation_chain("qa_lead"), UnknownIdError, "'qa_lead'");
  CHARTER_EXPECT_THROW_MSG(centre().roles_of("s-999"), UnknownIdError, "'s-999'");
  CHARTER_EXPECT_THROW_MSG(centre().staff_in("qa_lead"), UnknownIdError, "'qa_lead'");
  CHARTER_EXPECT_THROW_MSG(centre().staff_in("agent", "south"), UnknownIdError,
                           "unknown unit 'south'");
  CHARTER_EXPECT_THROW_MSG(centre().may_role("qa_lead", "complaint.close"), UnknownIdError,
                           "unknown role 'qa_lead'");
  CHARTER_EXPECT_THROW_MSG(centre().may_staff("s-999", "complaint.close"), UnknownIdError,
                           "unknown staff member 's-999'");
  // A staff id is not a role and a role is not a staff member.
  CHARTER_EXPECT_THROW_MSG(centre().may_role("s-001", "complaint.close"), UnknownIdError, "'s-001'");
  CHARTER_EXPECT_THROW_MSG(centre().may_staff("agent", "complaint.close"), UnknownIdError, "'agent'");
}

// ---------------------------------------------------------------------------------------------
// Reporting lines and responsibilities

TEST(EscalationChain, GoesUpTheReportingLineNearestFirst) {
  // agent → complaint_supervisor → cs_manager → deputy_leader (the top).
  EXPECT_EQ(ids(centre().escalation_chain("agent")),
            (Ids{"complaint_supervisor", "cs_manager", "deputy_leader"}));
  EXPECT_EQ(ids(centre().escalation_chain("qa_staff")), (Ids{"cs_manager", "deputy_leader"}));
  EXPECT_EQ(ids(centre().escalation_chain("cs_manager")), (Ids{"deputy_leader"}));
}

TEST(EscalationChain, ATopRoleHasNobodyAbove) {
  EXPECT_TRUE(centre().escalation_chain("deputy_leader").empty());
}

TEST(EscalationChain, ReturnsWholeRoles) {
  const auto chain = centre().escalation_chain("trainee");
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[1].headcount, std::optional<int>(1));  // cs_manager ×1
  EXPECT_EQ(chain[1].duties.at(0).id, "cs_manager.complaints");
}

TEST(Holders, EveryLetterInRoleOrder) {
  // complaint.escalate: cs_manager A, complaint_supervisor R, agent C (roles in spec order).
  const auto h = centre().holders({SubjectKind::action, "complaint.escalate"});
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].role, "cs_manager");
  EXPECT_EQ(h[0].duty, "cs_manager.complaints");
  EXPECT_EQ(h[0].raci, Raci::accountable);
  EXPECT_EQ(h[1].role, "complaint_supervisor");
  EXPECT_EQ(h[1].duty, "supervisor.handle");
  EXPECT_EQ(h[1].raci, Raci::responsible);
  EXPECT_EQ(h[2].role, "agent");
  EXPECT_EQ(h[2].duty, "agent.intake");
  EXPECT_EQ(h[2].raci, Raci::consulted);
}

TEST(Holders, KindsAreKeptApartAndUnknownSubjectsHaveNone) {
  // R-05 is a standard: cs_manager A, qa_staff R. No cycle R-05 exists.
  EXPECT_EQ(centre().holders({SubjectKind::standard, "R-05"}).size(), 2u);
  EXPECT_TRUE(centre().holders({SubjectKind::cycle, "R-05"}).empty());
  EXPECT_TRUE(centre().holders({SubjectKind::action, "complaint.teleport"}).empty());
}

TEST(ResponsibleFor, OnlyRolesWithAnR) {
  // complaint.close: supervisor R, agent I, qa_staff C.
  EXPECT_EQ(ids(centre().responsible_for("complaint.close")), (Ids{"complaint_supervisor"}));
  // complaint.register: agent R and trainee R, in role order.
  EXPECT_EQ(ids(centre().responsible_for("complaint.register")), (Ids{"agent", "trainee"}));
  // complaint.escalate: the accountable manager and the consulted agent are not responsible.
  EXPECT_EQ(ids(centre().responsible_for("complaint.escalate")), (Ids{"complaint_supervisor"}));
  EXPECT_TRUE(centre().responsible_for("complaint.teleport").empty());
}

TEST(AccountableFor, StandardCycleAndAction) {
  const auto r05 = centre().accountable_for({SubjectKind::standard, "R-05"});
  ASSERT_TRUE(r05.has_value());
  EXPECT_EQ(r05->id, "cs_manager");
  const auto r23 = centre().accountable_for({SubjectKind::cycle, "R-23"});
  ASSERT_TRUE(r23.has_value());
  EXPECT_EQ(r23->id, "deputy_leader");
  const auto esc = centre().accountable_for({SubjectKind::action, "complaint.escalate"});
  ASSERT_TRUE(esc.has_value());
  EXPECT_EQ(esc->id, "cs_manager");
}

TEST(AccountableFor, NobodyWhenNoRoleHasAnA) {
  // complaint.close has R, C and I holders but no A.
  EXPECT_FALSE(centre().accountable_for({SubjectKind::action, "complaint.close"}).has_value());
  // R-23 is a cycle, not a standard.
  EXPECT_FALSE(centre().accountable_for({SubjectKind::standard, "R-23"}).has_value());
}

TEST(RolesOf, InTheOrderTheStaffMemberHoldsThem) {
  EXPECT_EQ(ids(centre().roles_of("s-006")), (Ids{"agent", "trainee"}));
  EXPECT_EQ(ids(centre().roles_of("s-001")), (Ids{"cs_manager"}));
}

// ---------------------------------------------------------------------------------------------
// Staff in a role, a unit, on a date

TEST(StaffIn, EveryHolderOfARoleWhenNoUnitOrDate) {
  EXPECT_EQ(ids(centre().staff_in("agent")), (Ids{"s-004", "s-005", "s-006", "s-007"}));
  EXPECT_EQ(ids(centre().staff_in("trainee")), (Ids{"s-006"}));
  EXPECT_TRUE(centre().staff_in("deputy_leader").empty());
}

TEST(StaffIn, AUnitIncludesItsSubUnits) {
  // complaints_team is inside call_centre, which is inside cs_centre; branch_north is not in
  // call_centre.
  EXPECT_EQ(ids(centre().staff_in("agent", "call_centre")), (Ids{"s-004", "s-005", "s-006"}));
  EXPECT_EQ(ids(centre().staff_in("agent", "cs_centre")), (Ids{"s-004", "s-005", "s-006", "s-007"}));
  EXPECT_EQ(ids(centre().staff_in("agent", "branch_north")), (Ids{"s-007"}));
  EXPECT_EQ(ids(centre().staff_in("complaint_supervisor", "call_centre")), (Ids{"s-003"}));
  // The supervisor sits in call_centre, above complaints_team, not below it.
  EXPECT_TRUE(centre().staff_in("complaint_supervisor", "complaints_team").empty());
}

TEST(StaffIn, StaffWithoutAUnitAreInNoUnit) {
  EXPECT_EQ(ids(centre().staff_in("qa_staff")), (Ids{"s-008"}));
  EXPECT_TRUE(centre().staff_in("qa_staff", "cs_centre").empty());
}

TEST(StaffIn, OnADateOnlyThoseActive) {
  // s-004 is active 2024-03-01 .. 2024-12-31 (inclusive).
  EXPECT_EQ(ids(centre().staff_in("agent", "complaints_team", date(2024, 2, 29))),
            (Ids{"s-005", "s-006"}));
  EXPECT_EQ(ids(centre().staff_in("agent", "complaints_team", date(2024, 3, 1))),
            (Ids{"s-004", "s-005", "s-006"}));
  EXPECT_EQ(ids(centre().staff_in("agent", "complaints_team", date(2024, 12, 31))),
            (Ids{"s-004", "s-005", "s-006"}));
  EXPECT_EQ(ids(centre().staff_in("agent", "complaints_team", date(2025, 1, 1))),
            (Ids{"s-005", "s-006"}));
}

TEST(StaffIn, TheManagerOnTheDayOfTheHandOver) {
  // s-001 until 2025-06-30, s-002 from 2025-07-01.
  EXPECT_EQ(ids(centre().staff_in("cs_manager", "", date(2025, 6, 30))), (Ids{"s-001"}));
  EXPECT_EQ(ids(centre().staff_in("cs_manager", "", date(2025, 7, 1))), (Ids{"s-002"}));
  EXPECT_TRUE(centre().staff_in("cs_manager", "", date(2023, 12, 31)).empty());
  EXPECT_EQ(ids(centre().staff_in("cs_manager")), (Ids{"s-001", "s-002"}));
}

// ---------------------------------------------------------------------------------------------
// May a role …?

TEST(MayRole, AllowedByAResponsibleDuty) {
  const Decision d = centre().may_role("complaint_supervisor", "complaint.close");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.source, "duty:supervisor.handle");
  EXPECT_NE(d.reason.find("duty 'supervisor.handle'"), std::string::npos) << d.reason;
  EXPECT_NE(d.reason.find("responsible"), std::string::npos) << d.reason;
  EXPECT_NE(d.reason.find("complaint.close"), std::string::npos) << d.reason;
}

TEST(MayRole, AllowedByAnAccountableDuty) {
  // cs_manager is A for complaint.escalate: answering for it is the right to do it.
  const Decision d = centre().may_role("cs_manager", "complaint.escalate");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.source, "duty:cs_manager.complaints");
  EXPECT_NE(d.reason.find("accountable"), std::string::npos) << d.reason;
  EXPECT_NE(d.reason.find("role 'cs_manager'"), std::string::npos) << d.reason;
}

TEST(MayRole, NotByBeingConsultedOrInformed) {
  // agent is C for complaint.escalate and I for complaint.close.
  for (const char* action : {"complaint.escalate", "complaint.close"}) {
    const Decision d = centre().may_role("agent", action);
    EXPECT_FALSE(d.allowed) << action;
    EXPECT_EQ(d.source, "") << action;
    EXPECT_EQ(d.reason, std::string("no duty or grant of role 'agent' covers ") + action);
  }
  // qa_staff is C for complaint.close.
  EXPECT_FALSE(centre().may_role("qa_staff", "complaint.close").allowed);
}

TEST(MayRole, AStandardIsNotAnAction) {
  // qa_staff is R for the standard R-05; that gives no action called R-05.
  EXPECT_FALSE(centre().may_role("qa_staff", "R-05").allowed);
}

TEST(MayRole, AnActionNobodyKnowsIsSimplyNotAllowed) {
  const Decision d = centre().may_role("cs_manager", "complaint.teleport");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.source, "");
  EXPECT_NE(d.reason.find("complaint.teleport"), std::string::npos);
}

TEST(MayRole, AllowedByAnAllowingGrant) {
  // qa_staff has no duty for complaint.reopen; the grant gives it.
  const Decision d = centre().may_role("qa_staff", "complaint.reopen");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.source, "grant:qa_staff/complaint.reopen");
  EXPECT_NE(d.reason.find("granted"), std::string::npos) << d.reason;
  EXPECT_NE(d.reason.find("quality review may reopen"), std::string::npos) << d.reason;
}

TEST(MayRole, ADenyingGrantWinsOverADuty) {
  // trainee is R for complaint.register through trainee.intake, and denied it by a grant.
  const Decision d = centre().may_role("trainee", "complaint.register");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.source, "grant:trainee/complaint.register");
  EXPECT_NE(d.reason.find("denied"), std::string::npos) << d.reason;
  EXPECT_NE(d.reason.find("grant"), std::string::npos) << d.reason;
  EXPECT_NE(d.reason.find("trainees register under supervision"), std::string::npos) << d.reason;
}

TEST(MayRole, ADenialWithoutAReasonStillSaysItIsAGrant) {
  OrganizationSpec s = centre_spec();
  s.grants[1].reason = "";
  const Decision d = Organization(s).may_role("trainee", "complaint.register");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.source, "grant:trainee/complaint.register");
  EXPECT_NE(d.reason.find("explicit grant"), std::string::npos) << d.reason;
  EXPECT_EQ(d.reason.find("()"), std::string::npos) << d.reason;
}

TEST(MayRole, ADenialWinsOverAnAllowingGrantForTheSameAction) {
  // The rulebook: "an explicit denial takes it away and wins over everything else" — whichever
  // of the two grants is written first.
  for (bool deny_first : {true, false}) {
    OrganizationSpec s = centre_spec();
    const Grant deny{"agent", "complaint.close", false, "agents never close"};
    const Grant allow{"agent", "complaint.close", true, "agents may close"};
    s.grants.push_back(deny_first ? deny : allow);
    s.grants.push_back(deny_first ? allow : deny);
    const Decision d = Organization(s).may_role("agent", "complaint.close");
    EXPECT_FALSE(d.allowed) << "deny first: " << deny_first << ": " << d.reason;
    EXPECT_EQ(d.source, "grant:agent/complaint.close");
    EXPECT_NE(d.reason.find("agents never close"), std::string::npos) << d.reason;
  }
}

// ---------------------------------------------------------------------------------------------
// May a staff member …?

TEST(MayStaff, ThroughTheirRoleWithTheStaffIdInTheReason) {
  const Decision d = centre().may_staff("s-003", "complaint.close");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.source, "duty:supervisor.handle");
  EXPECT_EQ(d.reason.rfind("staff 's-003': ", 0), 0u) << d.reason;
  EXPECT_NE(d.reason.find("duty 'supervisor.handle'"), std::string::npos) << d.reason;
}

TEST(MayStaff, ThroughAGrantOfTheirRole) {
  const Decision d = centre().may_staff("s-008", "complaint.reopen");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.source, "grant:qa_staff/complaint.reopen");
}

TEST(MayStaff, NotWhenNoRoleAllowsAndTheReasonListsTheRoles) {
  // s-006 is agent (C for complaint.escalate) and trainee (nothing for it).
  const Decision d = centre().may_staff("s-006", "complaint.escalate");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.source, "");
  EXPECT_EQ(d.reason,
            "staff 's-006': no duty or grant of their roles (agent, trainee) covers complaint.escalate");
}

TEST(MayStaff, ADenialOfOneRoleWinsOverAnotherRoleThatAllows) {
  // s-006: agent is R for complaint.register, trainee is denied it.
  const Decision d = centre().may_staff("s-006", "complaint.register");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.source, "grant:trainee/complaint.register");
  EXPECT_EQ(d.reason.rfind("staff 's-006': ", 0), 0u) << d.reason;
  EXPECT_NE(d.reason.find("trainees register under supervision"), std::string::npos) << d.reason;
  // The same with the roles written the other way round.
  OrganizationSpec s = centre_spec();
  s.staff[5].roles = {"trainee", "agent"};
  EXPECT_FALSE(Organization(s).may_staff("s-006", "complaint.register").allowed);
  // And the agent alone may.
  EXPECT_TRUE(centre().may_staff("s-005", "complaint.register").allowed);
}

TEST(MayStaff, OnlyWhileActive) {
  // s-004 is active 2024-03-01 .. 2024-12-31 and an agent (R for complaint.register).
  EXPECT_TRUE(centre().may_staff("s-004", "complaint.register", date(2024, 3, 1)).allowed);
  EXPECT_TRUE(centre().may_staff("s-004", "complaint.register", date(2024, 12, 31)).allowed);
  const Decision after = centre().may_staff("s-004", "complaint.register", date(2025, 1, 1));
  EXPECT_FALSE(after.allowed);
  EXPECT_EQ(after.source, "");
  EXPECT_EQ(after.reason, "staff 's-004' is not active on 2025-01-01");
  const Decision before = centre().may_staff("s-004", "complaint.register", date(2024, 2, 29));
  EXPECT_FALSE(before.allowed);
  EXPECT_EQ(before.reason, "staff 's-004' is not active on 2024-02-29");
  // Without a date the period is not consulted.
  EXPECT_TRUE(centre().may_staff("s-004", "complaint.register").allowed);
}

TEST(MayStaff, TheManagerHandOver) {
  // s-001 may escalate until 2025-06-30; s-002 from 2025-07-01.
  EXPECT_TRUE(centre().may_staff("s-001", "complaint.escalate", date(2025, 6, 30)).allowed);
  EXPECT_FALSE(centre().may_staff("s-001", "complaint.escalate", date(2025, 7, 1)).allowed);
  EXPECT_FALSE(centre().may_staff("s-002", "complaint.escalate", date(2025, 6, 30)).allowed);
  EXPECT_TRUE(centre().may_staff("s-002", "complaint.escalate", date(2025, 7, 1)).allowed);
}

// ---------------------------------------------------------------------------------------------
// Validation: every problem, at once, with its path

OrganizationSpec small_spec() {
  OrganizationSpec s;
  s.units = {{"hq", {}, "", std::nullopt}, {"team", {}, "hq", std::nullopt}};
  s.roles = {role("boss", "", {duty("boss.own", {act("case.approve", Raci::accountable)})}, 1),
             role("worker", "boss", {duty("worker.do", {act("case.approve", Raci::responsible)})})};
  s.staff = {person("p-1", {"boss"}, "hq"), person("p-2", {"worker"}, "team")};
  return s;
}

TEST(Validation, TheSmallSpecIsValid) { EXPECT_TRUE(validate(small_spec()).empty()); }

TEST(Validation, DuplicateUnitRoleDutyAndStaffIds) {
  OrganizationSpec s = small_spec();
  s.units.push_back({"team", {}, "hq", std::nullopt});
  s.roles.push_back(role("worker", "boss"));
  // A duty id is unique across all roles, not only within one.
  s.roles.push_back(role("helper", "boss", {duty("worker.do", {act("case.approve", Raci::consulted)})}));
  s.staff.push_back(person("p-2", {"worker"}, "team"));
  const auto p = problems_of(s);
  EXPECT_TRUE(has_problem(p, "units[2].id", "duplicate unit id 'team'"));
  EXPECT_TRUE(has_problem(p, "roles[2].id", "duplicate role id 'worker'"));
  EXPECT_TRUE(has_problem(p, "roles[3].duties[0].id", "duplicate duty id 'worker.do'"));
  EXPECT_TRUE(has_problem(p, "staff[2].id", "duplicate staff id 'p-2'"));
  EXPECT_EQ(p.size(), 4u) << show(p);
}

TEST(Validation, InvalidIds) {
  OrganizationSpec s = small_spec();
  s.units[1].id = "the team";
  s.staff[1].unit = "the team";
  s.roles.push_back(role("_helper", "boss", {duty("-d", {act("case approve", Raci::informed)})}));
  s.staff.push_back(person("p/3", {"worker"}, "hq"));
  s.grants.push_back({"worker", "case:close", true, ""});
  const auto p = problems_of(s);
  EXPECT_TRUE(has_problem(p, "units[1].id", "'the team' is not a valid id"));
  EXPECT_TRUE(has_problem(p, "roles[2].id", "'_helper' is not a valid id"));
  EXPECT_TRUE(has_problem(p, "roles[2].duties[0].id", "'-d' is not a valid id"));
  EXPECT_TRUE(has_problem(p, "roles[2].duties[0].covers[0]", "'case approve' is not a valid id"));
  EXPECT_TRUE(has_problem(p, "staff[2].id", "'p/3' is not a valid id"));
  EXPECT_TRUE(has_problem(p, "grants[0].action", "'case:close' is not a valid id"));
}

TEST(Validation, UnknownReferences) {
  OrganizationSpec s = small_spec();
  s.roles[1].reports_to = "qa_lead";
  s.units[1].parent = "head_office";
  s.staff[1].roles = {"worker", "cleaner"};
  s.staff[1].unit = "basement";
  s.grants.push_back({"auditor", "case.approve", true, ""});
  const auto p = problems_of(s);
  EXPECT_TRUE(has_problem(p, "roles[1].reports_to", "role 'worker' reports to unknown role 'qa_lead'"));
  EXPECT_TRUE(has_problem(p, "units[1].parent", "unknown unit 'head_office'"));
  EXPECT_TRUE(has_problem(p, "staff[1].roles[1]", "unknown role 'cleaner'"));
  EXPECT_TRUE(has_problem(p, "staff[1].unit", "unknown unit 'basement'"));
  EXPECT_TRUE(has_problem(p, "grants[0].role", "unknown role 'auditor'"));
  EXPECT_EQ(p.size(), 5u) << show(p);
}

TEST(Validation, AReportingCycleIsReportedOnceWithItsRing) {
  OrganizationSpec s = small_spec();
  // a → b → c → a, and d reports into the ring (d is not part of it).
  s.roles.push_back(role("a", "b"));
  s.roles.push_back(role("b", "c"));
  s.roles.push_back(role("c", "a"));
  s.roles.push_back(role("d", "a"));
  const auto p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].path, "roles[2].reports_to");
  EXPECT_EQ(p[0].message, "reporting lines form a cycle: a → b → c → a");
}

TEST(Validation, ARoleReportingToItselfIsACycle) {
  OrganizationSpec s = small_spec();
  s.roles[0].reports_to = "boss";
  const auto p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].path, "roles[0].reports_to");
  EXPECT_EQ(p[0].message, "reporting lines form a cycle: boss → boss");
}

TEST(Validation, AUnitCycleIsReportedWithItsRing) {
  OrganizationSpec s = small_spec();
  s.units[0].parent = "team";  // hq inside team inside hq
  const auto p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].path, "units[0].parent");
  EXPECT_EQ(p[0].message, "units form a cycle: hq → team → hq");
}

TEST(Validation, AnActionWithoutAResponsibleRole) {
  for (Raci letter : {Raci::accountable, Raci::consulted, Raci::informed}) {
    OrganizationSpec s = small_spec();
    s.roles[1].duties.push_back(duty("worker.watch", {act("case.archive", letter)}));
    const auto p = problems_of(s);
    ASSERT_EQ(p.size(), 1u) << raci_letter(letter) << show(p);
    EXPECT_EQ(p[0].path, "roles[1].duties[1].covers[0]");
    EXPECT_EQ(p[0].message, "action case.archive has no responsible (R) role");
  }
}

TEST(Validation, AGrantedActionWithoutAResponsibleRole) {
  OrganizationSpec s = small_spec();
  s.grants.push_back({"worker", "case.archive", true, "archiving is allowed"});
  const auto p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].path, "grants[0]");
  EXPECT_EQ(p[0].message, "action case.archive has no responsible (R) role");
}

TEST(Validation, StandardsAndCyclesNeedNoResponsibleRole) {
  // Only actions are performed; a standard or a cycle may have just an accountable role.
  OrganizationSpec s = small_spec();
  s.roles[0].duties.push_back(
      duty("boss.standards", {standard("R-05", Raci::accountable), cycle("R-23", Raci::informed)}));
  EXPECT_TRUE(validate(s).empty()) << show(validate(s));
}

TEST(Validation, TwoAccountableRolesForOneSubject) {
  OrganizationSpec s = small_spec();
  s.roles[1].duties.push_back(duty("worker.own", {act("case.approve", Raci::accountable),
                                                  standard("R-05", Raci::accountable)}));
  s.roles[0].duties.push_back(duty("boss.r05", {standard("R-05", Raci::accountable)}));
  const auto p = problems_of(s);
  EXPECT_TRUE(has_problem(p, "roles[0].duties[0].covers[0]",
                          "action case.approve has 2 accountable roles (boss, worker); exactly one may be"));
  EXPECT_TRUE(has_problem(p, "roles[0].duties[1].covers[0]",
                          "standard R-05 has 2 accountable roles (boss, worker); exactly one may be"));
  EXPECT_EQ(p.size(), 2u) << show(p);
}

TEST(Validation, OneRoleAccountableTwiceIsStillOneRole) {
  OrganizationSpec s = small_spec();
  s.roles[0].duties.push_back(duty("boss.again", {act("case.approve", Raci::accountable)}));
  EXPECT_TRUE(validate(s).empty()) << show(validate(s));
}

TEST(Validation, HeadcountCountsOnlyOverlappingPeriods) {
  // boss has a headcount of 1.
  OrganizationSpec s = small_spec();
  s.staff[0].active = {date(2024, 1, 1), date(2024, 12, 31)};
  // The successor starts the day after: never two at once.
  s.staff.push_back(person("p-3", {"boss"}, "hq", {date(2025, 1, 1), std::nullopt}));
  EXPECT_TRUE(validate(s).empty()) << show(validate(s));
  // A third, before either: still one at a time.
  s.staff.push_back(person("p-4", {"boss"}, "hq", {date(2020, 1, 1), date(2023, 12, 31)}));
  EXPECT_TRUE(validate(s).empty()) << show(validate(s));
}

TEST(Validation, HeadcountExceededByOneDayOfOverlap) {
  OrganizationSpec s = small_spec();
  s.staff[0].active = {date(2024, 1, 1), date(2025, 1, 1)};
  s.staff.push_back(person("p-3", {"boss"}, "hq", {date(2025, 1, 1), std::nullopt}));
  const auto p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].path, "roles[0].headcount");
  EXPECT_EQ(p[0].message, "role 'boss' has a headcount of 1 but 2 staff hold it at the same time");
}

TEST(Validation, HeadcountExceededByConcurrentStaff) {
  OrganizationSpec s = small_spec();
  s.staff.push_back(person("p-3", {"boss"}, "hq"));  // both open-ended
  auto p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].path, "roles[0].headcount");
  EXPECT_EQ(p[0].message, "role 'boss' has a headcount of 1 but 2 staff hold it at the same time");
  // Headcount 2 with three people of whom at most two overlap: fine; all three at once: not.
  s.roles[0].headcount = 2;
  s.staff.push_back(person("p-4", {"boss"}, "hq", {date(2020, 1, 1), date(2020, 12, 31)}));
  s.staff[0].active = {date(2021, 1, 1), std::nullopt};
  s.staff[2].active = {date(2021, 1, 1), std::nullopt};
  EXPECT_TRUE(validate(s).empty()) << show(validate(s));
  s.staff[3].active.until = date(2021, 1, 1);
  p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].message, "role 'boss' has a headcount of 2 but 3 staff hold it at the same time");
}

TEST(Validation, HeadcountBelowOne) {
  for (int headcount : {0, -3}) {
    OrganizationSpec s = small_spec();
    s.roles[1].headcount = headcount;
    const auto p = problems_of(s);
    ASSERT_EQ(p.size(), 1u) << show(p);
    EXPECT_EQ(p[0].path, "roles[1].headcount");
    EXPECT_EQ(p[0].message, "headcount must be at least 1 (omit it for no limit)");
  }
}

TEST(Validation, StaffIdEqualToARoleId) {
  OrganizationSpec s = small_spec();
  s.staff[1].id = "worker";
  const auto p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].path, "staff[1].id");
  EXPECT_EQ(p[0].message, "staff id 'worker' is also a role id (ids of staff and roles must differ)");
}

TEST(Validation, StaffWithNoRoles) {
  OrganizationSpec s = small_spec();
  s.staff[1].roles.clear();
  const auto p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].path, "staff[1].roles");
  EXPECT_EQ(p[0].message, "staff 'p-2' holds no role");
}

TEST(Validation, ActiveUntilBeforeFrom) {
  OrganizationSpec s = small_spec();
  s.staff[1].active = {date(2025, 3, 1), date(2025, 2, 28)};
  const auto p = problems_of(s);
  ASSERT_EQ(p.size(), 1u) << show(p);
  EXPECT_EQ(p[0].path, "staff[1].active");
  EXPECT_EQ(p[0].message, "staff 'p-2' is active until 2025-02-28, before 2025-03-01");
  // A single day (from == until) is a valid period.
  s.staff[1].active = {date(2025, 3, 1), date(2025, 3, 1)};
  EXPECT_TRUE(validate(s).empty());
}

TEST(Validation, EveryProblemIsReportedAtOnce) {
  OrganizationSpec s = small_spec();
  s.units.push_back({"hq", {}, "", std::nullopt});                                // units[2]: duplicate
  s.units.push_back({"annex", {}, "nowhere", std::nullopt});                      // units[3]: unknown parent
  s.roles[1].reports_to = "ghost";                                    // roles[1]: unknown role
  s.roles.push_back(role("x", "y"));                                  // roles[2] ┐ cycle
  s.roles.push_back(role("y", "x"));                                  // roles[3] ┘
  s.roles.push_back(role("temp", "boss", {}, 0));                     // roles[4]: headcount 0
  s.roles.push_back(role("Bad Id", "boss",                            // roles[5]: invalid id
                         {duty("worker.do", {act("case.archive", Raci::informed)})}));  // dup duty, no R
  s.staff.push_back(person("p-1", {"boss"}, "hq"));                   // staff[2]: duplicate; 2 bosses
  s.staff.push_back(person("boss", {"worker"}, "hq"));                // staff[3]: id of a role
  s.staff.push_back(person("p-5", {}, "attic",                        // staff[4]: no roles, unknown
                           {date(2025, 1, 2), date(2025, 1, 1)}));    //   unit, until before from
  s.grants.push_back({"nobody", "case.approve", false, ""});          // grants[0]: unknown role
  const auto p = problems_of(s);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"units[2].id", "duplicate unit id 'hq'"},
      {"units[3].parent", "unknown unit 'nowhere'"},
      {"roles[1].reports_to", "role 'worker' reports to unknown role 'ghost'"},
      {"roles[2].reports_to", "reporting lines form a cycle: x → y → x"},
      {"roles[4].headcount", "headcount must be at least 1"},
      {"roles[5].id", "'Bad Id' is not a valid id"},
      {"roles[5].duties[0].id", "duplicate duty id 'worker.do'"},
      {"roles[5].duties[0].covers[0]", "action case.archive has no responsible (R) role"},
      {"staff[2].id", "duplicate staff id 'p-1'"},
      {"staff[3].id", "staff id 'boss' is also a role id"},
      {"staff[4].roles", "staff 'p-5' holds no role"},
      {"staff[4].unit", "unknown unit 'attic'"},
      {"staff[4].active", "staff 'p-5' is active until 2025-01-01, before 2025-01-02"},
      {"grants[0].role", "unknown role 'nobody'"},
      {"roles[0].headcount", "role 'boss' has a headcount of 1 but 2 staff hold it"},
  };
  for (const auto& [path, text] : expected) EXPECT_TRUE(has_problem(p, path, text));
  EXPECT_EQ(p.size(), expected.size()) << show(p);

  // what() counts them and lists each on its own line as "path: message".
  try {
    Organization org(s);
    FAIL() << "built";
  } catch (const OrganizationError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(std::to_string(expected.size()) + " problems in the organisation:", 0), 0u)
        << what;
    for (const auto& problem : e.problems()) {
      EXPECT_NE(what.find("\n  " + problem.path + ": " + problem.message), std::string::npos)
          << problem.path;
    }
    EXPECT_EQ(static_cast<size_t>(std::count(what.begin(), what.end(), '\n')), expected.size());
  }
}

TEST(Validation, OneProblemIsSingular) {
  OrganizationSpec s = small_spec();
  s.staff[1].unit = "attic";
  CHARTER_EXPECT_THROW_MSG(Organization{s}, OrganizationError,
                           "1 problem in the organisation:\n  staff[1].unit: unknown unit 'attic'");
  // An OrganizationError is a charter::Error.
  CHARTER_EXPECT_THROW_MSG(Organization{s}, Error, "unknown unit 'attic'");
}

// ---------------------------------------------------------------------------------------------
// Privacy: names and phone numbers never appear in messages

constexpr const char* kSecretName = "Quixotic Zebulon 欧阳娜娜";
constexpr const char* kSecretPhone = "13987654321";

::testing::AssertionResult private_data_absent(const std::string& text) {
  for (const std::string& secret : {std::string(kSecretName), std::string("Quixotic"),
                                   std::string("欧阳娜娜"), std::string(kSecretPhone)}) {
    if (text.find(secret) != std::string::npos) {
      return ::testing::AssertionFailure() << "'" << secret << "' appears in: " << text;
    }
  }
  return ::testing::AssertionSuccess();
}

Staff secret_person(const std::string& id, std::vector<std::string> roles, const std::string& unit,
                    ActivePeriod active = {}) {
  return Staff{id, kSecretName, kSecretPhone, std::move(roles), unit, active};
}

TEST(Privacy, ValidationMessagesNeverShowNamesOrPhones) {
  OrganizationSpec s = small_spec();
  for (auto& st : s.staff) {
    st.name = kSecretName;
    st.phone = kSecretPhone;
  }
  // Every problem a staff member can have.
  s.staff.push_back(secret_person("p-1", {"boss"}, "hq"));                 // duplicate, headcount
  s.staff.push_back(secret_person("worker", {"worker"}, "hq"));            // id of a role
  s.staff.push_back(secret_person("p 9", {}, "attic",                      // invalid id, no roles,
                                  {date(2025, 1, 2), date(2025, 1, 1)}));  //   unit, period
  s.staff.push_back(secret_person("p-10", {"ghost"}, "hq"));               // unknown role
  const auto p = problems_of(s);
  EXPECT_GE(p.size(), 8u) << show(p);
  for (const auto& problem : p) {
    EXPECT_TRUE(private_data_absent(problem.path));
    EXPECT_TRUE(private_data_absent(problem.message));
  }
  try {
    Organization org(s);
  } catch (const OrganizationError& e) {
    EXPECT_TRUE(private_data_absent(e.what()));
  }
}

TEST(Privacy, DecisionsAndLookupErrorsNeverShowNamesOrPhones) {
  OrganizationSpec s = centre_spec();
  for (auto& st : s.staff) {
    st.name = kSecretName;
    st.phone = kSecretPhone;
  }
  const Organization org(s);
  for (const auto& st : org.staff()) {
    for (const char* action : {"complaint.register", "complaint.close", "complaint.escalate",
                               "complaint.reopen", "complaint.teleport"}) {
      for (const auto& on : {std::optional<date>(), std::optional<date>(date(2019, 1, 1)),
                             std::optional<date>(date(2025, 1, 1))}) {
        const Decision d = org.may_staff(st.id, action, on);
        EXPECT_TRUE(private_data_absent(d.reason));
        EXPECT_TRUE(private_data_absent(d.source));
      }
    }
  }
  try {
    org.may_staff(kSecretName, "complaint.close");
    ADD_FAILURE() << "an unknown staff id was accepted";
  } catch (const UnknownIdError&) {
    // The id asked for is echoed (it is what the caller passed); a real id is never a name.
  }
}

// ---------------------------------------------------------------------------------------------
// Copies and threads

TEST(Organization, CopiesAreEqualAndEqualityComparesTheSpec) {
  const Organization copy = centre();
  EXPECT_EQ(copy, centre());
  const Organization rebuilt(centre_spec());
  EXPECT_EQ(rebuilt, centre());
  OrganizationSpec other = centre_spec();
  other.grants[0].reason = "another reason";
  EXPECT_NE(Organization(other), centre());
  other = centre_spec();
  other.staff[7].phone = "110";
  EXPECT_NE(Organization(other), centre());
}

TEST(Organization, FourThreadsGetTheSameAnswers) {
  const Organization& org = centre();
  struct Question {
    std::string staff, action;
    std::optional<date> on;
  };
  std::vector<Question> questions;
  for (const auto& st : org.staff()) {
    for (const char* action : {"complaint.register", "complaint.close", "complaint.escalate",
                               "complaint.reopen"}) {
      questions.push_back({st.id, action, std::nullopt});
      questions.push_back({st.id, action, date(2024, 6, 1)});
      questions.push_back({st.id, action, date(2025, 7, 1)});
    }
  }
  std::vector<Decision> expected;
  for (const auto& q : questions) expected.push_back(org.may_staff(q.staff, q.action, q.on));
  std::vector<std::vector<std::string>> expected_chains;
  for (const auto& r : org.roles()) expected_chains.push_back(ids(org.escalation_chain(r.id)));

  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < questions.size(); ++i) {
          const size_t k = (i + static_cast<size_t>(t) * 7) % questions.size();
          const Decision d = org.may_staff(questions[k].staff, questions[k].action, questions[k].on);
          if (d.allowed != expected[k].allowed || d.reason != expected[k].reason ||
              d.source != expected[k].source) {
            ++mismatches;
          }
        }
        for (size_t r = 0; r < org.roles().size(); ++r) {
          if (ids(org.escalation_chain(org.roles()[r].id)) != expected_chains[r]) ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
  // And the answers are the ones worked out above.
  EXPECT_EQ(expected_chains[3], (Ids{"complaint_supervisor", "cs_manager", "deputy_leader"}));
}

}  // namespace
}  // namespace charter::org
