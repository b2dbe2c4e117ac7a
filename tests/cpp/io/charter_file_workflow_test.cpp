// The `workflows` section of the charter file (docs/charter-file.md): the built-in charter's
// complaint and rectification workflows as written in data/charter/builtin.yaml, a small file
// read key by key, and every mistake refused with its file:line:column and path.
//
// Positions are 1-based and counted by hand from the texts below: kBase is one YAML line per
// element, so line n of the file is kBase[n - 1]; a test replaces whole lines with with_lines().
// In a flow map "      - {event: close, …}" the first key starts at column 10.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "charter/calendar/deadline.hpp"
#include "charter/error.hpp"
#include "charter/io/charter_file.hpp"
#include "charter/model/charter.hpp"
#include "charter/workflow/definition.hpp"
#include "charter_file_test_support.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using calendar::Deadline;
using workflow::Condition;
using workflow::DefinitionSpec;
using workflow::EscalationSpec;
using workflow::FieldSpec;
using workflow::Transition;
using workflow::Trigger;
using workflow::Warning;

// A small valid charter with one workflow.
const std::vector<std::string> kBase = {
    "charter: 1",                                                                                   // 1
    "calendars:",                                                                                   // 2
    "  office: {builtin: china}",                                                                   // 3
    "organization:",                                                                                // 4
    "  roles:",                                                                                     // 5
    "    - id: boss",                                                                               // 6
    "      duties: [{id: boss.d, covers: [{action: case.close, raci: R}, {action: case.open, raci: R}]}]",  // 7
    "    - {id: clerk, reports_to: boss}",                                                          // 8
    "workflows:",                                                                                   // 9
    "  case:",                                                                                      // 10
    "    calendar: office",                                                                         // 11
    "    attributes:",                                                                              // 12
    "      - {id: severity, values: [minor, major], required: true}",                               // 13
    "    states:",                                                                                  // 14
    "      - {id: new, initial: true}",                                                             // 15
    "      - {id: open}",                                                                           // 16
    "      - {id: closed, terminal: true}",                                                         // 17
    "    transitions:",                                                                             // 18
    "      - {event: accept, from: [new], to: open, action: case.open, requires: [severity]}",      // 19
    "      - {event: close, from: [open], to: closed, action: case.close}",                         // 20
    "    timers:",                                                                                  // 21
    "      - id: resolve",                                                                          // 22
    "        start: {events: [accept]}",                                                            // 23
    "        stop: {events: [close]}",                                                              // 24
    "        goal: 48 hours",                                                                       // 25
    "        warning: 75%",                                                                         // 26
    "    escalations:",                                                                             // 27
    "      - {id: late, timer: resolve, on: breach, to: boss}",                                     // 28
};

// kBase with lines replaced (1-based line → new text, which may hold several lines).
std::string with_lines(const std::map<int, std::string>& changes = {}) { return io::with_lines(kBase, changes); }

std::string lines(std::initializer_list<const char*> ls) {
  std::string out;
  for (const char* l : ls) out += std::string(l) + "\n";
  return out;
}

// The ParseError text a parser gives for `text`.
template <class Parse>
std::string parse_error_of(Parse&& parse) {
  try {
    parse();
  } catch (const ParseError& e) {
    return e.what();
  }
  ADD_FAILURE() << "parsed";
  return "";
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  for (size_t start = 0; start <= s.size();) {
    const size_t end = s.find('\n', start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The built-in charter (data/charter/builtin.yaml, `workflows:`)

TEST(BuiltinWorkflows, ComplaintAndRectification) {
  const Charter& c = builtin();
  ASSERT_EQ(c.workflows().size(), 2u);
  EXPECT_EQ(c.workflows().begin()->first, "complaint");
  EXPECT_EQ(c.workflow("complaint").id(), "complaint");
  EXPECT_EQ(c.workflow("rectification").id(), "rectification");
  CHARTER_EXPECT_THROW_MSG(c.workflow("repair"), UnknownIdError,
                           "unknown workflow 'repair' (this charter has: complaint, rectification)");
}

TEST(BuiltinWorkflows, ComplaintStates) {
  const workflow::Definition& w = builtin().workflow("complaint");
  EXPECT_EQ(w.name(), (LocalizedText{"顾客投诉处理", "Complaint handling"}));
  EXPECT_EQ(w.spec().calendar, "hotline");
  EXPECT_EQ(w.calendar(), builtin().calendar("hotline"));
  std::vector<std::string> ids;
  for (const auto& s : w.states()) ids.push_back(s.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"new", "received", "acknowledged", "investigating",
                                           "solution_proposed", "awaiting_customer", "resolved",
                                           "replied", "recorded", "closed"}));
  EXPECT_EQ(w.initial_state().id, "new");
  EXPECT_TRUE(w.state("closed").terminal);
  EXPECT_FALSE(w.state("resolved").terminal);
  EXPECT_EQ(w.state("awaiting_customer").name, (LocalizedText{"等待顾客", "Awaiting customer"}));
}

TEST(BuiltinWorkflows, ComplaintAttributesAndFields) {
  const workflow::Definition& w = builtin().workflow("complaint");
  ASSERT_EQ(w.attributes().size(), 4u);
  EXPECT_EQ(w.attributes()[0],
            (workflow::Attribute{"severity", {"严重程度", "Severity"}, {"minor", "normal", "major", "critical"}, true}));
  EXPECT_EQ(w.attributes()[2], (workflow::Attribute{"customer", {"顾客", "Customer"}, {}, false}));
  const auto& fields = w.spec().fields;
  ASSERT_EQ(fields.size(), 6u);
  EXPECT_EQ(fields[0], (FieldSpec{"cause", {"原因", "Cause found"}, FieldSpec::Type::text}));
  // Without `type:` a field is text; next_reply_at is an instant.
  EXPECT_EQ(fields[4], (FieldSpec{"next_reply_at", {"下次回复时间", "Agreed next-reply time"}, FieldSpec::Type::instant}));
}

TEST(BuiltinWorkflows, ComplaintTransitionRows) {
  const workflow::Definition& w = builtin().workflow("complaint");
  ASSERT_EQ(w.transitions().size(), 16u);
  // Every employee accepts a complaint: receive, from new to received, needs severity and channel.
  const Transition& receive = w.transitions()[0];
  EXPECT_EQ(receive.event, "receive");
  EXPECT_EQ(receive.from, (std::vector<std::string>{"new"}));
  EXPECT_EQ(receive.to, "received");
  EXPECT_EQ(receive.action, "complaint.accept");
  EXPECT_EQ(receive.requires, (std::vector<std::string>{"severity", "channel"}));
  EXPECT_EQ(receive.ticks, (std::vector<std::string>{"six_clears.listen"}));
  EXPECT_EQ(receive.rule, "S1 p1 ch14");
  EXPECT_EQ(w.transition("receive", "new"), &receive);
  // `analyse` names no `to`: the case stays where it is.
  EXPECT_EQ(w.transitions()[3].event, "analyse");
  EXPECT_EQ(w.transitions()[3].to, "");
  EXPECT_EQ(w.transitions()[3].ticks, (std::vector<std::string>{"six_clears.ask", "five_steps.analyse"}));
  EXPECT_EQ(w.transitions()[3].rule, "S3 §2(2)");
  // The customer answers: no action, open to anyone.
  EXPECT_EQ(w.transitions()[8].event, "customer_responds");
  EXPECT_EQ(w.transitions()[8].action, "");
  // close needs both checklists complete.
  EXPECT_EQ(w.transitions()[12].event, "close");
  EXPECT_EQ(w.transitions()[12].checklists, (std::vector<std::string>{"six_clears", "five_steps"}));
  // report: no `from` (every open state), only for major and critical complaints.
  const Transition& report = w.transitions()[13];
  EXPECT_EQ(report.event, "report");
  EXPECT_TRUE(report.from.empty());
  EXPECT_EQ(report.when, (std::vector<Condition>{{"severity", {"major", "critical"}}}));
  EXPECT_EQ(report.rule, "R-08");
}

TEST(BuiltinWorkflows, ComplaintChecklists) {
  const workflow::Definition& w = builtin().workflow("complaint");
  ASSERT_EQ(w.checklists().size(), 2u);
  const auto& six = w.checklists()[0];
  EXPECT_EQ(six.id, "six_clears");
  EXPECT_EQ(six.rule, "S1 p1 ch14");
  ASSERT_EQ(six.items.size(), 6u);
  EXPECT_EQ(six.items[0].id, "listen");
  EXPECT_EQ(six.items[0].name, (LocalizedText{"听清楚", "Listened fully without interrupting"}));
  EXPECT_EQ(six.items[5].id, "report");
  EXPECT_EQ(six.items[5].when, (std::vector<Condition>{{"severity", {"major", "critical"}}}));
  EXPECT_EQ(w.checklists()[1].id, "five_steps");
  EXPECT_EQ(w.checklists()[1].rule, "S3 §2(2)");
}

TEST(BuiltinWorkflows, ComplaintTimers) {
  const workflow::Definition& w = builtin().workflow("complaint");
  ASSERT_EQ(w.timers().size(), 6u);
  const auto& reply = w.timer("reply");
  EXPECT_EQ(reply.rule, "R-05");
  EXPECT_EQ(reply.start, (Trigger{{"receive"}, {}}));
  EXPECT_EQ(reply.stop, (Trigger{{"acknowledge"}, {}}));
  EXPECT_EQ(reply.goal.rules, (std::map<std::string, Deadline>{{"", Deadline::parse("24 hours")}}));
  EXPECT_EQ(reply.warning, Warning::parse("75%"));
  // No calendar of its own: the workflow's (the hotline).
  EXPECT_EQ(reply.calendar, "");
  EXPECT_EQ(w.calendar_of(reply), builtin().calendar("hotline"));

  // R-05 resolution: 24 hours for critical complaints, 48 hours otherwise, paused while the
  // customer is awaited.
  const auto& resolution = w.timer("resolution");
  EXPECT_EQ(resolution.goal.attribute, "severity");
  EXPECT_EQ(resolution.goal.rules, (std::map<std::string, Deadline>{{"critical", Deadline::parse("24 hours")},
                                                                     {"", Deadline::parse("48 hours")}}));
  EXPECT_EQ(resolution.goal.field, "");
  EXPECT_EQ(resolution.pause, (std::vector<std::string>{"awaiting_customer"}));
  EXPECT_EQ(resolution.restart, (Trigger{{"reopen"}, {}}));
  EXPECT_EQ(resolution.stop, (Trigger{{"resolve"}, {}}));

  const auto& solution = w.timer("solution");
  EXPECT_EQ(solution.goal.rules.at(""), Deadline::parse("72 hours"));
  EXPECT_EQ(solution.warning, Warning::parse("12 hours before"));
  EXPECT_EQ(solution.warning.kind, Warning::Kind::before);

  const auto& report = w.timer("report");
  EXPECT_EQ(report.when, (std::vector<Condition>{{"severity", {"major", "critical"}}}));
  EXPECT_EQ(report.goal.rules.at(""), Deadline::parse("30 minutes"));
  EXPECT_EQ(report.warning.kind, Warning::Kind::none);

  // the goal is the agreed next-reply time an event gives; stops on events or on closing.
  const auto& next_reply = w.timer("next_reply");
  EXPECT_EQ(next_reply.goal.field, "next_reply_at");
  EXPECT_TRUE(next_reply.goal.rules.empty());
  EXPECT_EQ(next_reply.stop, (Trigger{{"resolve", "reply_customer"}, {"closed"}}));
}

TEST(BuiltinWorkflows, ComplaintEscalations) {
  const workflow::Definition& w = builtin().workflow("complaint");
  ASSERT_EQ(w.escalations().size(), 4u);
  // a major complaint is reported to the customer-service manager when it is received.
  const EscalationSpec& major = w.escalations()[0];
  EXPECT_EQ(major.id, "major_report");
  EXPECT_EQ(major.timer, "report");
  EXPECT_EQ(major.on, EscalationSpec::On::start);
  EXPECT_EQ(major.to, "cs_manager");
  EXPECT_EQ(major.levels_up, 0);
  EXPECT_EQ(major.rule, "R-08");
  EXPECT_EQ(w.escalations()[1].on, EscalationSpec::On::breach);
  EXPECT_EQ(w.escalations()[1].to, "");
  EXPECT_EQ(w.escalations()[1].levels_up, 1);
  EXPECT_EQ(w.escalations()[2].on, EscalationSpec::On::warning);
}

TEST(BuiltinWorkflows, Rectification) {
  const workflow::Definition& w = builtin().workflow("rectification");
  EXPECT_EQ(w.spec().calendar, "office");
  EXPECT_EQ(w.states().size(), 7u);
  EXPECT_EQ(w.transitions()[0].event, "issue");
  EXPECT_EQ(w.transitions()[0].requires, (std::vector<std::string>{"unit", "problem", "deadline"}));
  EXPECT_EQ(w.transitions()[0].rule, "R-16");
  const auto& ack = w.timer("acknowledgement");
  EXPECT_EQ(ack.calendar, "office");
  EXPECT_EQ(ack.goal.rules.at(""), Deadline::parse("end of next business day"));
  const auto& feedback = w.timer("feedback");
  EXPECT_EQ(feedback.goal.field, "deadline");
  EXPECT_EQ(feedback.warning, Warning::parse("8 business hours before"));
  ASSERT_EQ(w.escalations().size(), 1u);
  EXPECT_EQ(w.escalations()[0].timer, "feedback");
  EXPECT_EQ(w.escalations()[0].levels_up, 1);
}

// ---------------------------------------------------------------------------------------------
// A small file, key by key

TEST(CharterFileWorkflows, TheBaseFile) {
  const Charter c = parse_charter(with_lines(), "centre.yaml");
  ASSERT_EQ(c.workflows().size(), 1u);
  const DefinitionSpec& s = c.workflow("case").spec();
  EXPECT_EQ(s.id, "case");  // the map key
  EXPECT_EQ(s.name, LocalizedText{});
  EXPECT_EQ(s.calendar, "office");
  EXPECT_EQ(s.attributes, (std::vector<workflow::Attribute>{{"severity", {}, {"minor", "major"}, true}}));
  EXPECT_TRUE(s.fields.empty());
  EXPECT_EQ(s.states, (std::vector<workflow::State>{{"new", {}, true, false},
                                                    {"open", {}, false, false},
                                                    {"closed", {}, false, true}}));
  ASSERT_EQ(s.transitions.size(), 2u);
  EXPECT_EQ(s.transitions[0],
            (Transition{"accept", {"new"}, "open", "case.open", {"severity"}, {}, {}, {}, "", {}}));
  ASSERT_EQ(s.timers.size(), 1u);
  EXPECT_EQ(s.timers[0].goal.rules.at(""), Deadline::parse("48 hours"));
  EXPECT_EQ(s.timers[0].warning.kind, Warning::Kind::percent);
  EXPECT_EQ(s.timers[0].warning.percent, 75);
  EXPECT_EQ(s.escalations,
            (std::vector<EscalationSpec>{{"late", {}, "", "resolve", EscalationSpec::On::breach, "boss", 0, {}}}));
  // The definition is built against the charter's own organisation and calendars.
  EXPECT_EQ(c.workflow("case").organization(), c.organization());
  EXPECT_EQ(c.workflow("case").calendar(), c.calendar("office"));
}

// The example of docs/charter-file.md: every key of a workflow at least once.
const std::string kDocExample = lines({
    "charter: 1",
    "calendars:",
    "  office: {builtin: china}",
    "  hotline: {week: {daily: [\"00:00-24:00\"]}, zone: Asia/Shanghai}",
    "organization:",
    "  roles:",
    "    - id: deputy_leader",
    "    - id: cs_manager",
    "      reports_to: deputy_leader",
    "      duties:",
    "        - id: cs_manager.complaints",
    "          covers:",
    "            - {action: complaint.close, raci: R}",
    "            - {action: complaint.escalate, raci: A}",
    "    - id: agent",
    "      reports_to: cs_manager",
    "      duties:",
    "        - id: agent.complaints",
    "          covers:",
    "            - {action: complaint.accept, raci: R}",
    "            - {action: complaint.resolve, raci: R}",
    "            - {action: complaint.escalate, raci: R}",
    "workflows:",
    "  complaint:",
    "    name: {zh: 顾客投诉处理, en: Complaint handling}",
    "    calendar: hotline",
    "    attributes:",
    "      - {id: severity, name: {zh: 严重程度, en: Severity}, values: [normal, major], required: true}",
    "      - {id: customer}",
    "    fields:",
    "      - {id: resolution, name: Resolution}",
    "      - {id: next_reply_at, type: instant}",
    "    states:",
    "      - {id: new, initial: true}",
    "      - {id: open, name: {zh: 处理中, en: Open}}",
    "      - {id: waiting}",
    "      - {id: closed, terminal: true}",
    "    checklists:",
    "      - id: six_clears",
    "        name: {zh: 六清楚, en: Six clears}",
    "        rule: S1 p1 ch14",
    "        items:",
    "          - {id: listen, name: {zh: 听清楚}}",
    "          - {id: report, when: {severity: [major]}}",
    "    transitions:",
    "      - {event: receive, from: [new], to: open, action: complaint.accept, requires: [severity], ticks: [six_clears.listen], rule: S1 p1 ch14, name: Receive}",
    "      - {event: wait, from: [open], to: waiting, action: complaint.resolve}",
    "      - {event: customer_responds, from: [waiting], to: open}",
    "      - {event: explain_delay, from: [open, waiting], action: complaint.resolve, requires: [next_reply_at], rule: R-09}",
    "      - {event: report, action: complaint.escalate, when: {severity: [major]}, ticks: [six_clears.report], rule: R-08}",
    "      - {event: close, from: [open], to: closed, action: complaint.close, requires: [resolution], checklists: [six_clears]}",
    "    timers:",
    "      - id: resolution",
    "        name: {zh: 48小时内解决, en: Resolve within 48 hours}",
    "        rule: R-05",
    "        calendar: office",
    "        start: {events: [receive]}",
    "        stop: {events: [close], states: [closed]}",
    "        restart: {events: [customer_responds]}",
    "        pause: [waiting]",
    "        when: {severity: [normal, major]}",
    "        goal: {by: severity, major: 24 business hours, default: 48 hours}",
    "        warning: 8 business hours before",
    "      - id: next_reply",
    "        start: {events: [explain_delay]}",
    "        restart: {events: [explain_delay]}",
    "        stop: {states: [closed]}",
    "        goal: {field: next_reply_at}",
    "        warning: 75%",
    "    escalations:",
    "      - {id: major_report, name: Major complaint reported, rule: R-08, timer: resolution, on: start, to: cs_manager, when: {severity: [major]}}",
    "      - {id: overdue, timer: resolution, on: breach, levels_up: 1}",
    "      - {id: next_reply_at_risk, timer: next_reply, on: warning, to: cs_manager}",
});

TEST(CharterFileWorkflows, EveryKey) {
  const Charter c = parse_charter(kDocExample, "centre.yaml");
  const DefinitionSpec& s = c.workflow("complaint").spec();
  EXPECT_EQ(s.name, (LocalizedText{"顾客投诉处理", "Complaint handling"}));
  EXPECT_EQ(s.calendar, "hotline");
  EXPECT_EQ(s.attributes[0].name, (LocalizedText{"严重程度", "Severity"}));
  EXPECT_EQ(s.attributes[1], (workflow::Attribute{"customer", {}, {}, false}));
  EXPECT_EQ(s.fields, (std::vector<FieldSpec>{{"resolution", {"", "Resolution"}, FieldSpec::Type::text},
                                              {"next_reply_at", {}, FieldSpec::Type::instant}}));
  EXPECT_EQ(s.states[1].name, (LocalizedText{"处理中", "Open"}));
  ASSERT_EQ(s.checklists.size(), 1u);
  EXPECT_EQ(s.checklists[0].name, (LocalizedText{"六清楚", "Six clears"}));
  EXPECT_EQ(s.checklists[0].rule, "S1 p1 ch14");
  EXPECT_EQ(s.checklists[0].items,
            (std::vector<workflow::ChecklistItem>{{"listen", {"听清楚", ""}, {}},
                                                  {"report", {}, {{"severity", {"major"}}}}}));
  ASSERT_EQ(s.transitions.size(), 6u);
  EXPECT_EQ(s.transitions[0], (Transition{"receive", {"new"}, "open", "complaint.accept", {"severity"},
                                          {"six_clears.listen"}, {}, {}, "S1 p1 ch14", {"", "Receive"}}));
  EXPECT_EQ(s.transitions[4], (Transition{"report", {}, "", "complaint.escalate", {}, {"six_clears.report"}, {},
                                          {{"severity", {"major"}}}, "R-08", {}}));
  EXPECT_EQ(s.transitions[5].checklists, (std::vector<std::string>{"six_clears"}));

  workflow::TimerSpec resolution;
  resolution.id = "resolution";
  resolution.name = {"48小时内解决", "Resolve within 48 hours"};
  resolution.rule = "R-05";
  resolution.calendar = "office";
  resolution.start = {{"receive"}, {}};
  resolution.stop = {{"close"}, {"closed"}};
  resolution.restart = {{"customer_responds"}, {}};
  resolution.pause = {"waiting"};
  resolution.when = {{"severity", {"normal", "major"}}};
  resolution.goal.attribute = "severity";
  resolution.goal.rules.emplace("major", Deadline::parse("24 business hours"));
  resolution.goal.rules.emplace("", Deadline::parse("48 hours"));  // default
  resolution.warning = Warning::parse("8 business hours before");
  ASSERT_EQ(s.timers.size(), 2u);
  EXPECT_EQ(s.timers[0], resolution);
  EXPECT_EQ(s.timers[1].calendar, "");  // the workflow's: hotline
  EXPECT_EQ(c.workflow("complaint").calendar_of(s.timers[1]), c.calendar("hotline"));
  EXPECT_EQ(c.workflow("complaint").calendar_of(s.timers[0]), c.calendar("office"));
  EXPECT_EQ(s.timers[1].goal.field, "next_reply_at");
  EXPECT_EQ(s.timers[1].stop, (Trigger{{}, {"closed"}}));

  EXPECT_EQ(s.escalations,
            (std::vector<EscalationSpec>{
                {"major_report", {"", "Major complaint reported"}, "R-08", "resolution", EscalationSpec::On::start,
                 "cs_manager", 0, {{"severity", {"major"}}}},
                {"overdue", {}, "", "resolution", EscalationSpec::On::breach, "", 1, {}},
                {"next_reply_at_risk", {}, "", "next_reply", EscalationSpec::On::warning, "cs_manager", 0, {}}}));
}

TEST(CharterFileWorkflows, AFileWithoutWorkflowsStillLoads) {
  const Charter c = parse_charter("charter: 1\ncalendars:\n  office: {builtin: china}\n", "x");
  EXPECT_TRUE(c.workflows().empty());
  CHARTER_EXPECT_THROW_MSG(c.workflow("complaint"), UnknownIdError,
                           "unknown workflow 'complaint' (this charter has: none)");
  // An empty section is no workflows either.
  EXPECT_TRUE(parse_charter("charter: 1\nworkflows:\n", "x").workflows().empty());
  EXPECT_TRUE(parse_charter("charter: 1\nworkflows: {}\n", "x").workflows().empty());
}

TEST(CharterFileWorkflows, WorkflowsMayComeBeforeCalendarsAndOrganisation) {
  // The section order in the file does not matter: workflows are read last.
  std::string text = "charter: 1\n";
  for (size_t i = 8; i < kBase.size(); ++i) text += kBase[i] + "\n";
  for (size_t i = 1; i < 8; ++i) text += kBase[i] + "\n";
  EXPECT_EQ(parse_charter(text, "x"), parse_charter(with_lines(), "x"));
}

TEST(CharterFileWorkflows, NullMeansNotGiven) {
  const Charter c = parse_charter(with_lines({{20, "      - {event: close, from: [open], to: closed, action: case.close, rule: ~, when: ~}"}}), "x");
  EXPECT_EQ(c.workflow("case").transitions()[1].rule, "");
  EXPECT_TRUE(c.workflow("case").transitions()[1].when.empty());
}

// ---------------------------------------------------------------------------------------------
// Errors read from the file: exact position, path and message

TEST(CharterFileWorkflowErrors, UnknownKeyInATransition) {
  expect_refused(with_lines({{20, "      - {event: close, form: [open], to: closed, action: case.close}"}}), 20, 24,
                 "workflows.case.transitions[1].form",
                 "unknown key 'form' (known here: event, from, to, action, requires, ticks, checklists, when, "
                 "rule, name)");
}

TEST(CharterFileWorkflowErrors, UnknownKeysElsewhere) {
  expect_refused(with_lines({{11, "    calender: office"}}), 11, 5, "workflows.case.calender",
                 "unknown key 'calender' (known here: name, calendar, attributes, fields, states, checklists, "
                 "transitions, timers, escalations)");
  expect_refused(with_lines({{23, "        begin: {events: [accept]}"}}), 23, 9, "workflows.case.timers[0].begin",
                 "unknown key 'begin' (known here: id, name, rule, calendar, start, stop, restart, pause, when, "
                 "goal, warning)");
  expect_refused(with_lines({{23, "        start: {event: [accept]}"}}), 23, 17, "workflows.case.timers[0].start.event",
                 "unknown key 'event' (known here: events, states)");
  expect_refused(with_lines({{28, "      - {id: late, timer: resolve, on: breach, role: boss}"}}), 28, 48,
                 "workflows.case.escalations[0].role",
                 "unknown key 'role' (known here: id, name, rule, timer, on, to, levels_up, when)");
  expect_refused(with_lines({{15, "      - {id: new, start: true}"}}), 15, 19, "workflows.case.states[0].start",
                 "unknown key 'start' (known here: id, name, initial, terminal)");
  expect_refused(with_lines({{13, "      - {id: severity, values: [minor, major], mandatory: true}"}}), 13, 48,
                 "workflows.case.attributes[0].mandatory",
                 "unknown key 'mandatory' (known here: id, name, values, required)");
}

TEST(CharterFileWorkflowErrors, FromNamesAnUnknownState) {
  // A validation problem: the position comes from the tree, the path from workflow::validate.
  expect_refused(with_lines({{20, "      - {event: close, from: [opne], to: closed, action: case.close}"}}), 20, 31,
                 "workflows.case.transitions[1].from[0]",
                 "unknown state 'opne' (known: 'closed', 'new', 'open')");
}

TEST(CharterFileWorkflowErrors, AGoalThatDoesNotParse) {
  const std::string why = parse_error_of([] { Deadline::parse("48 hourz"); });
  ASSERT_FALSE(why.empty());
  expect_refused(with_lines({{25, "        goal: 48 hourz"}}), 25, 15, "workflows.case.timers[0].goal", why);
  // In a goal by value, at the rule.
  expect_refused(with_lines({{25, "        goal: {by: severity, major: 48 hourz, default: 48 hours}"}}), 25, 37,
                 "workflows.case.timers[0].goal.major", why);
}

TEST(CharterFileWorkflowErrors, AGoalMapNeedsByOrField) {
  expect_refused(with_lines({{25, "        goal: {major: 24 hours}"}}), 25, 15, "workflows.case.timers[0].goal",
                 "missing 'by' (the attribute that chooses the rule) or 'field' (an instant field)");
  expect_refused(with_lines({{25, "        goal: {field: due, by: severity}"}}), 25, 28,
                 "workflows.case.timers[0].goal.by", "unknown key 'by' (known here: field)");
  expect_refused(with_lines({{25, "        goal: {by: severity}"}}), 25, 15, "workflows.case.timers[0].goal",
                 "no rules: give '<value>: <rule>' entries or 'default: <rule>'");
  expect_refused(with_lines({{25, "        goal: [48 hours]"}}), 25, 15, "workflows.case.timers[0].goal",
                 "expected a deadline rule");
}

TEST(CharterFileWorkflowErrors, AGoalByAnUnknownValue) {
  // validate: the value is not one of the attribute's; reported at the rule.
  expect_refused(with_lines({{25, "        goal: {by: severity, urgent: 4 hours, default: 48 hours}"}}), 25, 38,
                 "workflows.case.timers[0].goal.urgent",
                 "'urgent' is not a value of attribute 'severity' (allowed: 'minor', 'major')");
}

TEST(CharterFileWorkflowErrors, AWarningThatDoesNotParse) {
  const std::string why = parse_error_of([] { Warning::parse("75 percent"); });
  ASSERT_FALSE(why.empty());
  expect_refused(with_lines({{26, "        warning: 75 percent"}}), 26, 18, "workflows.case.timers[0].warning", why);
  // The amount before is a deadline rule: its own error.
  expect_refused(with_lines({{26, "        warning: 2 days before"}}), 26, 18, "workflows.case.timers[0].warning",
                 "deadline '2 days': say 'business days' or 'calendar days'");
}

TEST(CharterFileWorkflowErrors, WhenIsAMapOfAttributeToValues) {
  expect_refused(
      with_lines({{20, "      - {event: close, from: [open], to: closed, action: case.close, when: [severity]}"}}), 20,
      76, "workflows.case.transitions[1].when",
      "expected a map of attribute to a list of values, such as {severity: [major, critical]}");
  expect_refused(
      with_lines({{20, "      - {event: close, from: [open], to: closed, action: case.close, when: {severity: major}}"}}),
      20, 87, "workflows.case.transitions[1].when.severity", "expected a list of values, such as [major, critical]");
}

TEST(CharterFileWorkflowErrors, OnIsStartWarningOrBreach) {
  expect_refused(with_lines({{28, "      - {id: late, timer: resolve, on: later, to: boss}"}}), 28, 40,
                 "workflows.case.escalations[0].on",
                 "'later' is not when an escalation is raised (start, warning or breach)");
  expect_refused(with_lines({{28, "      - {id: late, timer: resolve, to: boss}"}}), 28, 9,
                 "workflows.case.escalations[0]", "missing 'on'");
}

TEST(CharterFileWorkflowErrors, ATimerCalendarThatDoesNotExist) {
  expect_refused(with_lines({{22, "      - id: resolve\n        calendar: nowhere"}}), 23, 19,
                 "workflows.case.timers[0].calendar", "unknown calendar 'nowhere' (known: 'office')");
  // The workflow's own calendar, likewise.
  expect_refused(with_lines({{11, "    calendar: nowhere"}}), 11, 15, "workflows.case.calendar",
                 "unknown calendar 'nowhere' (known: 'office')");
}

TEST(CharterFileWorkflowErrors, ShapesAndScalars) {
  expect_refused("charter: 1\nworkflows: [case]\n", 2, 12, "workflows",
                 "expected a map of workflow id to workflow");
  expect_refused(with_lines({{10, "  Case Two:"}}), 10, 3, "workflows", "'Case Two' is not a valid id");
  expect_refused(with_lines({{11, "    name: Case"}}), 11, 5, "workflows.case", "missing 'calendar'");
  expect_refused(with_lines({{13, "      - {id: severity, values: [minor, major], required: yes}"}}), 13, 58,
                 "workflows.case.attributes[0].required", "expected true or false, found 'yes'");
  expect_refused(with_lines({{17, "      - {id: closed, terminal: 1}"}}), 17, 32,
                 "workflows.case.states[2].terminal", "expected true or false, found '1'");
  expect_refused(with_lines({{19, "      - {event: accept, from: new, to: open, action: case.open}"}}), 19, 31,
                 "workflows.case.transitions[0].from", "expected a list");
  expect_refused(with_lines({{28, "      - {id: late, timer: resolve, on: breach, levels_up: two}"}}), 28, 59,
                 "workflows.case.escalations[0].levels_up", "expected a whole number, found 'two'");
  expect_refused(with_lines({{12, "    fields: [{id: due, type: date}]\n    attributes:"}}), 12, 30,
                 "workflows.case.fields[0].type", "'date' is not a field type (text or instant)");
  expect_refused(with_lines({{22, "      - name: Resolve"}}), 22, 9, "workflows.case.timers[0]", "missing 'id'");
  expect_refused(with_lines({{19, "      - {from: [new], to: open, action: case.open}"}}), 19, 9,
                 "workflows.case.transitions[0]", "missing 'event'");
}

TEST(CharterFileWorkflowErrors, TwoProblemsAtOnceInFileOrder) {
  const std::string what =
      expect_refused(with_lines({{19, "      - {event: accept, from: [new], to: opne, action: case.open}"},
                                 {28, "      - {id: late, timer: resolve, on: breach, to: nobody}"}}),
                     19, 42, "workflows.case.transitions[0].to", "unknown state 'opne'");
  EXPECT_EQ(split_lines(what),
            (std::vector<std::string>{
                "centre.yaml:19:42: workflows.case.transitions[0].to: unknown state 'opne' (known: 'closed', "
                "'new', 'open')",
                "centre.yaml:28:52: workflows.case.escalations[0].to: unknown role 'nobody'"}));
}

TEST(CharterFileWorkflowErrors, ProblemsAreSortedByPlaceNotByCheck) {
  // Escalations written before transitions: validate checks transitions first, the error lists
  // the escalation first because it comes first in the file.
  const std::string text = lines({
      "charter: 1",                                                                         // 1
      "calendars: {office: {builtin: china}}",                                              // 2
      "organization:",                                                                      // 3
      "  roles: [{id: boss, duties: [{id: boss.d, covers: [{action: a, raci: R}]}]}]",      // 4
      "workflows:",                                                                         // 5
      "  case.v2:",                                                                         // 6
      "    calendar: office",                                                               // 7
      "    escalations:",                                                                   // 8
      "      - {id: late, timer: resolve, on: breach, to: nobody}",                         // 9
      "    timers:",                                                                        // 10
      "      - {id: resolve, start: {events: [go]}, stop: {states: [done]}, goal: 1 hour}", // 11
      "    states: [{id: new, initial: true}, {id: done, terminal: true}]",                 // 12
      "    transitions:",                                                                   // 13
      "      - {event: go, from: [new], to: dne, action: a}",                               // 14
  });
  const std::string what = expect_refused(text, 9, 52, "workflows.case.v2.escalations[0].to", "unknown role 'nobody'");
  EXPECT_EQ(split_lines(what),
            (std::vector<std::string>{
                "centre.yaml:9:52: workflows.case.v2.escalations[0].to: unknown role 'nobody'",
                "centre.yaml:14:38: workflows.case.v2.transitions[0].to: unknown state 'dne' (known: 'done', 'new')"}));
}

TEST(CharterFileWorkflowErrors, AProblemOfTheWholeWorkflowIsAtItsMap) {
  // No transitions at all: validate reports "transitions", which the file does not have; the
  // error points at the workflow.
  std::string text;
  for (int i = 1; i <= 17; ++i) text += kBase[static_cast<size_t>(i - 1)] + "\n";
  expect_refused(text, 11, 5, "workflows.case.transitions", "a workflow needs transitions");
}

TEST(CharterFileWorkflowErrors, OrganisationProblemsComeFirst) {
  // The organisation is validated before any workflow is read.
  expect_refused(with_lines({{8, "    - {id: clerk, reports_to: nobody}"},
                             {20, "      - {event: close, from: [opne], to: closed, action: case.close}"}}),
                 8, 31, "organization.roles[1].reports_to", "unknown role 'nobody'");
}

// ---------------------------------------------------------------------------------------------
// The built-in charter with staff (the demo's roster)

TEST(BuiltinWorkflows, WithStaffKeepsTheWorkflows) {
  const Charter& b = builtin();
  EXPECT_TRUE(b.organization().staff().empty());  // privacy: no staff in the built-in charter
  const Charter staffed = b.with_staff({org::Staff{"s-0001", "王芳", "", {"cs_manager"}, "", {}},
                                        org::Staff{"s-0002", "李雷", "", {"call_centre_supervisor"}, "", {}}});
  EXPECT_EQ(staffed.organization().staff().size(), 2u);
  EXPECT_TRUE(b.organization().staff().empty());
  ASSERT_EQ(staffed.workflows().size(), 2u);
  for (const auto& [id, w] : b.workflows()) {
    EXPECT_EQ(staffed.workflow(id).spec(), w.spec()) << id;
    // Rebuilt against the new organisation: its staff are there.
    EXPECT_EQ(staffed.workflow(id).organization(), staffed.organization()) << id;
  }
  EXPECT_TRUE(staffed.organization().may_staff("s-0001", "complaint.close").allowed);
  EXPECT_NE(staffed, b);
}

}  // namespace
}  // namespace charter::io
