// Charter: the validated aggregate of a rulebook — named calendars, an organisation and workflows.
//
// Facts relied on (include/charter/model/charter.hpp): a Charter is immutable once built, copies
// share the same data, an unknown calendar or workflow id is an UnknownIdError naming the ids
// that exist, equality compares name, calendars, organisation and workflows, and with_staff gives
// a new charter. The built-in charter's contents are not tested here (tests/cpp/model does not
// own data/charter/builtin.yaml; tests/cpp/io/charter_file_workflow_test.cpp reads its workflows).

#include "charter/model/charter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "charter/calendar/china.hpp"
#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter {
namespace {

using boost::gregorian::date;

calendar::BusinessCalendar hotline() {
  calendar::CalendarSpec spec;
  spec.name = "Hotline";
  spec.zone = "Asia/Shanghai";
  spec.week = calendar::WeeklySchedule::round_the_clock();
  return calendar::BusinessCalendar(spec);
}

org::Organization small_org() {
  org::OrganizationSpec spec;
  spec.roles = {org::Role{"boss", {"老板", "Boss"}, "", 1,
                          {org::Duty{"boss.close", {}, {{{org::SubjectKind::action, "case.close"},
                                                         org::Raci::responsible}}}}},
                org::Role{"clerk", {}, "boss", std::nullopt, {}}};
  spec.staff = {org::Staff{"p-1", "王芳", "", {"boss"}, "", {}}};
  return org::Organization(spec);
}

Charter make_charter() {
  return Charter({"客服中心", "Service centre"},
                 {{"office", calendar::china_calendar()}, {"hotline", hotline()}}, small_org());
}

// A two-step case: anyone opens it, the boss (R for case.close) closes it.
workflow::DefinitionSpec case_spec() {
  workflow::DefinitionSpec w;
  w.id = "case";
  w.name = {"案件", "Case"};
  w.calendar = "office";
  w.states = {{"new", {}, true, false}, {"open", {}, false, false}, {"closed", {}, false, true}};
  w.transitions = {workflow::Transition{"open", {"new"}, "open", "", {}, {}, {}, {}, "", {}},
                   workflow::Transition{"close", {"open"}, "closed", "case.close", {}, {}, {}, {}, "", {}}};
  return w;
}

Charter with_workflow(const Charter& c, workflow::DefinitionSpec spec = case_spec()) {
  std::map<std::string, workflow::Definition> workflows;
  std::string id = spec.id;
  workflows.emplace(id, workflow::Definition(std::move(spec), c.calendars(), c.organization()));
  return Charter(c.name(), c.calendars(), c.organization(), std::move(workflows));
}

TEST(Charter, AnEmptyCharterHasNothing) {
  const Charter c;
  EXPECT_EQ(c.name(), LocalizedText{});
  EXPECT_TRUE(c.calendars().empty());
  EXPECT_TRUE(c.organization().roles().empty());
  EXPECT_TRUE(c.organization().staff().empty());
  CHARTER_EXPECT_THROW_MSG(c.calendar("office"), UnknownIdError,
                           "unknown calendar 'office' (this charter has: none)");
  EXPECT_TRUE(c.workflows().empty());
  CHARTER_EXPECT_THROW_MSG(c.workflow("case"), UnknownIdError,
                           "unknown workflow 'case' (this charter has: none)");
}

TEST(Charter, BuiltFromParts) {
  const Charter c = make_charter();
  EXPECT_EQ(c.name().zh, "客服中心");
  EXPECT_EQ(c.name().en, "Service centre");
  ASSERT_EQ(c.calendars().size(), 2u);
  EXPECT_EQ(c.calendar("office"), calendar::china_calendar());
  EXPECT_EQ(c.calendar("hotline").name(), "Hotline");
  // The hotline is open at 03:00 on National Day; the office is not.
  EXPECT_TRUE(c.calendar("hotline").is_open(test::local(c.calendar("hotline"), "2025-10-01 03:00")));
  EXPECT_FALSE(c.calendar("office").is_open(test::local(c.calendar("office"), "2025-10-01 10:00")));
  EXPECT_EQ(c.organization(), small_org());
  EXPECT_EQ(c.organization().escalation_chain("clerk").at(0).id, "boss");
}

TEST(Charter, AnUnknownCalendarNamesTheOnesThatExist) {
  // Ids are listed in order: hotline before office.
  CHARTER_EXPECT_THROW_MSG(make_charter().calendar("offce"), UnknownIdError,
                           "unknown calendar 'offce' (this charter has: hotline, office)");
}

TEST(Charter, CopiesShareTheSameData) {
  const Charter a = make_charter();
  const Charter b = a;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(a, b);
  EXPECT_EQ(&a.calendars(), &b.calendars());
  EXPECT_EQ(&a.organization(), &b.organization());
  EXPECT_EQ(&a.name(), &b.name());
}

TEST(Charter, EqualityComparesNameCalendarsAndOrganisation) {
  const Charter c = make_charter();
  EXPECT_EQ(c, make_charter());  // separately built, equal content
  EXPECT_NE(c, Charter({"客服中心", "Service centre "}, c.calendars(), c.organization()));
  EXPECT_NE(c, Charter(c.name(), {{"office", calendar::china_calendar()}}, c.organization()));
  // Same calendar under another id.
  EXPECT_NE(c, Charter(c.name(), {{"office", calendar::china_calendar()}, {"hotline2", hotline()}},
                       c.organization()));
  EXPECT_NE(c, Charter(c.name(), c.calendars(), org::Organization()));
  EXPECT_NE(c, Charter());
}

TEST(Charter, TheThreePartConstructorHasNoWorkflows) {
  EXPECT_TRUE(make_charter().workflows().empty());
  EXPECT_EQ(make_charter(), Charter(make_charter().name(), make_charter().calendars(),
                                    make_charter().organization(), {}));
}

TEST(Charter, Workflows) {
  const Charter c = with_workflow(make_charter());
  ASSERT_EQ(c.workflows().size(), 1u);
  EXPECT_EQ(c.workflow("case").spec(), case_spec());
  EXPECT_EQ(&c.workflow("case"), &c.workflows().at("case"));
  EXPECT_EQ(c.workflow("case").calendar(), c.calendar("office"));
  CHARTER_EXPECT_THROW_MSG(c.workflow("cases"), UnknownIdError,
                           "unknown workflow 'cases' (this charter has: case)");
  // Copies share the workflows too.
  const Charter copy = c;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(&copy.workflows(), &c.workflows());
}

TEST(Charter, AWorkflowIsFiledUnderItsOwnId) {
  const Charter c = make_charter();
  std::map<std::string, workflow::Definition> workflows;
  workflows.emplace("other", workflow::Definition(case_spec(), c.calendars(), c.organization()));
  CHARTER_EXPECT_THROW_MSG(Charter(c.name(), c.calendars(), c.organization(), workflows), std::invalid_argument,
                           "workflow 'case' is filed under the id 'other'");
}

TEST(Charter, EqualityComparesWorkflows) {
  const Charter c = with_workflow(make_charter());
  EXPECT_EQ(c, with_workflow(make_charter()));
  EXPECT_NE(c, make_charter());
  workflow::DefinitionSpec renamed = case_spec();
  renamed.name.en = "Case file";
  EXPECT_NE(c, with_workflow(make_charter(), renamed));
}

TEST(Charter, WithStaffAddsStaffAndKeepsEverythingElse) {
  const Charter c = with_workflow(make_charter());
  const Charter more = c.with_staff({org::Staff{"p-2", "李雷", "", {"clerk"}, "", {}},
                                     org::Staff{"p-3", "", "", {"clerk"}, "", {date(2025, 1, 1), std::nullopt}}});
  // The new staff follow the charter's own, in order.
  ASSERT_EQ(more.organization().staff().size(), 3u);
  EXPECT_EQ(more.organization().staff()[0].id, "p-1");
  EXPECT_EQ(more.organization().staff()[1].id, "p-2");
  EXPECT_EQ(more.organization().staff()[2].id, "p-3");
  EXPECT_EQ(more.organization().roles(), c.organization().roles());
  EXPECT_EQ(more.organization().grants(), c.organization().grants());
  EXPECT_EQ(more.name(), c.name());
  EXPECT_EQ(more.calendars(), c.calendars());
  ASSERT_EQ(more.workflows().size(), 1u);
  EXPECT_EQ(more.workflow("case").spec(), c.workflow("case").spec());
  // The workflow is rebuilt against the new organisation.
  EXPECT_EQ(more.workflow("case").organization(), more.organization());
  EXPECT_TRUE(more.workflow("case").organization().has_staff("p-2"));
  // The original is unchanged.
  EXPECT_EQ(c.organization().staff().size(), 1u);
  EXPECT_FALSE(c.workflow("case").organization().has_staff("p-2"));
  EXPECT_NE(more, c);
  // No staff: an equal charter.
  EXPECT_EQ(c.with_staff({}), c);
}

cycle::SurveyDesign survey_named(const std::string& id) {
  cycle::SurveySpec spec;
  spec.id = id;
  spec.dimensions = cycle::common_dimensions();
  spec.tiers = {{"key", {"重点客户", "Key accounts"}, 3, 0.5, 10, std::nullopt}, {"retail", {}, 1, 0.5, 10, std::nullopt}};
  return cycle::SurveyDesign(spec);
}

Charter with_surveys(const Charter& c, std::vector<cycle::SurveyDesign> surveys,
                     std::optional<org::AppraisalScheme> appraisal) {
  return Charter(c.name(), c.calendars(), c.organization(), c.workflows(), c.standards(), c.cycles(),
                 std::move(surveys), std::move(appraisal));
}

TEST(Charter, SurveysAndTheAppraisalScheme) {
  const Charter none = make_charter();
  EXPECT_TRUE(none.surveys().empty());
  EXPECT_FALSE(none.appraisal().has_value());  // a charter need not state one
  CHARTER_EXPECT_THROW_MSG(none.survey("annual"), UnknownIdError, "unknown survey 'annual' (this charter has: none)");

  org::AppraisalSpec spec;
  spec.missing = org::MissingPolicy::reweight;
  const Charter c = with_surveys(none, {survey_named("annual"), survey_named("on_site")}, org::AppraisalScheme(spec));
  ASSERT_EQ(c.surveys().size(), 2u);
  EXPECT_EQ(c.surveys()[1].id(), "on_site");  // the order given
  EXPECT_EQ(c.survey("annual"), survey_named("annual"));
  CHARTER_EXPECT_THROW_MSG(c.survey("monthly"), UnknownIdError, "unknown survey 'monthly' (this charter has: annual, on_site)");
  ASSERT_TRUE(c.appraisal().has_value());
  EXPECT_EQ(c.appraisal()->missing(), org::MissingPolicy::reweight);
  // Ids are unique.
  EXPECT_THROW(with_surveys(none, {survey_named("annual"), survey_named("annual")}, std::nullopt), std::invalid_argument);
  // Equality compares both.
  EXPECT_NE(c, none);
  EXPECT_NE(c, with_surveys(none, {survey_named("annual"), survey_named("on_site")}, std::nullopt));
  EXPECT_NE(c, with_surveys(none, {survey_named("on_site"), survey_named("annual")}, org::AppraisalScheme(spec)));
  EXPECT_NE(c, with_surveys(none, {survey_named("annual"), survey_named("on_site")}, org::AppraisalScheme(org::AppraisalSpec{})));
  EXPECT_EQ(c, with_surveys(none, {survey_named("annual"), survey_named("on_site")}, org::AppraisalScheme(spec)));
  // Staff added later change neither.
  const Charter staffed = c.with_staff({org::Staff{"p-2", "李雷", "", {"clerk"}, "", {}}});
  EXPECT_EQ(staffed.surveys(), c.surveys());
  EXPECT_EQ(staffed.appraisal(), c.appraisal());
}

TEST(Charter, WithStaffValidatesAsConstructionWould) {
  const Charter c = with_workflow(make_charter());
  CHARTER_EXPECT_THROW_MSG(c.with_staff({org::Staff{"p-2", "", "", {"ghost"}, "", {}}}), org::OrganizationError,
                           "staff[1].roles[0]: unknown role 'ghost'");
  // boss has a headcount of 1 and p-1 holds it already.
  CHARTER_EXPECT_THROW_MSG(c.with_staff({org::Staff{"p-2", "", "", {"boss"}, "", {}}}), org::OrganizationError,
                           "headcount of 1");
  // A duplicate staff id.
  CHARTER_EXPECT_THROW_MSG(c.with_staff({org::Staff{"p-1", "", "", {"clerk"}, "", {}}}), org::OrganizationError,
                           "p-1");
  EXPECT_EQ(c.organization().staff().size(), 1u);
}

TEST(Charter, ParseAndLoadGiveTheSameCharter) {
  const std::string text =
      "charter: 1\n"
      "name: {zh: 客服中心, en: Service centre}\n"
      "calendars:\n"
      "  office: {builtin: china}\n"
      "  hotline: {name: Hotline, zone: Asia/Shanghai, week: {daily: [\"00:00-24:00\"]}}\n"
      "organization:\n"
      "  roles:\n"
      "    - id: boss\n"
      "      name: {zh: 老板, en: Boss}\n"
      "      headcount: 1\n"
      "      duties: [{id: boss.close, covers: [{action: case.close, raci: R}]}]\n"
      "    - {id: clerk, reports_to: boss}\n"
      "  staff: [{id: p-1, name: 王芳, roles: [boss]}]\n";
  const Charter parsed = Charter::parse(text, "centre.yaml");
  // The file describes exactly the charter built from parts above.
  EXPECT_EQ(parsed, make_charter());
  const test::TempDir dir;
  const std::string path = dir.file("centre.yaml");
  std::ofstream(path, std::ios::binary) << text;
  EXPECT_EQ(Charter::load(path), parsed);
}

TEST(Charter, ParseErrorsAreCharterFileErrors) {
  CHARTER_EXPECT_THROW_MSG(Charter::parse("charter: 1\nextra: 1\n", "c.yaml"), CharterFileError,
                           "c.yaml:2:1: extra: unknown key 'extra'");
  // A CharterFileError is a ParseError and a charter::Error.
  CHARTER_EXPECT_THROW_MSG(Charter::parse("charter: 1\nextra: 1\n", "c.yaml"), ParseError, "extra");
  CHARTER_EXPECT_THROW_MSG(Charter::parse("charter: 1\nextra: 1\n", "c.yaml"), Error, "extra");
}

TEST(Charter, BuiltinIsParsedOnceAndShared) {
  // Only identity is tested here, not contents.
  const Charter& a = builtin();
  const Charter& b = builtin();
  EXPECT_EQ(&a, &b);
  const Charter copy = a;
  EXPECT_EQ(copy, a);
  EXPECT_EQ(&copy.organization(), &a.organization());
}

TEST(Charter, FourThreadsReadOneCharter) {
  const Charter c = make_charter();
  const auto& office = c.calendar("office");
  const auto t = test::local(office, "2025-09-29 10:00");  // a working Monday, 10:00
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 500; ++k) {
        const Charter mine = c;  // copies share data across threads
        if (!mine.calendar("office").is_open(t)) ++wrong;
        if (!mine.organization().may_staff("p-1", "case.close").allowed) ++wrong;
        if (mine.organization().escalation_chain("clerk").at(0).id != "boss") ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace charter
