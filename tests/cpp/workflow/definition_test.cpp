// Workflow definitions: what validation refuses (every problem, with its path), warnings as
// text, and the diagram the docs draw from the transition table.

#include "charter/workflow/definition.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../test_support.hpp"
#include "charter/model/charter.hpp"
#include "charter/workflow/detail/definition_index.hpp"

namespace charter::workflow {
namespace {

using calendar::Deadline;

// A small valid spec on the built-in charter's calendars and organisation.
DefinitionSpec small() {
  DefinitionSpec s;
  s.id = "repair";
  s.calendar = "office";
  s.states = {{"new", {}, true, false}, {"open", {}, false, false}, {"done", {}, false, true}};
  s.attributes = {{"severity", {}, {"minor", "major"}, true}};
  s.fields = {{"note", {}, FieldSpec::Type::text}, {"promised", {}, FieldSpec::Type::instant}};
  Transition open;
  open.event = "open";
  open.from = {"new"};
  open.to = "open";
  open.action = "complaint.accept";
  Transition finish;
  finish.event = "finish";
  finish.from = {"open"};
  finish.to = "done";
  finish.action = "complaint.resolve";
  finish.requires = {"note"};
  s.transitions = {open, finish};
  TimerSpec t;
  t.id = "fix";
  t.start.events = {"open"};
  t.stop.events = {"finish"};
  t.goal.rules.emplace("", Deadline::parse("2 business days"));
  t.warning = Warning::parse("75%");
  s.timers = {t};
  return s;
}

std::vector<DefinitionProblem> problems(const DefinitionSpec& s) {
  return validate(s, builtin().calendars(), builtin().organization());
}

std::string joined(const std::vector<DefinitionProblem>& ps) {
  std::string out;
  for (const auto& p : ps) out += p.path + ": " + p.message + "\n";
  return out;
}

TEST(Definition, ASmallRepairWorkflowIsValid) {
  EXPECT_TRUE(problems(small()).empty()) << joined(problems(small()));
  const Definition d(small(), builtin().calendars(), builtin().organization());
  EXPECT_EQ(d.initial_state().id, "new");
  ASSERT_NE(d.transition("finish", "open"), nullptr);
  EXPECT_EQ(d.transition("finish", "new"), nullptr);
  EXPECT_EQ(d.calendar().name(), builtin().calendar("office").name());
  EXPECT_EQ(d.calendars().size(), 1u);
  EXPECT_EQ(d.responsible_roles(*d.transition("finish", "open")),
            (std::vector<std::string>{"after_sales_supervisor"}));
  CHARTER_EXPECT_THROW_MSG(d.state("closed"), UnknownIdError, "no state 'closed'");
  CHARTER_EXPECT_THROW_MSG(d.timer("reply"), UnknownIdError, "no timer 'reply'");
}

TEST(Definition, EveryProblemIsReportedWithItsPath) {
  DefinitionSpec s = small();
  s.states[2].terminal = false;                     // no terminal state
  s.states[1].initial = true;                       // two initial states
  s.transitions[1].to = "finished";                 // unknown state
  s.transitions[1].requires = {"notes"};            // unknown field
  s.transitions[0].action = "complaint.teleport";   // nobody is responsible
  s.timers[0].calendar = "moon";
  s.timers[0].warning.percent = 120;
  try {
    Definition d(s, builtin().calendars(), builtin().organization());
    FAIL() << "accepted";
  } catch (const DefinitionError& e) {
    const std::string all = joined(e.problems());
    EXPECT_NE(all.find("states: exactly one state must be initial (found 2)"), std::string::npos) << all;
    EXPECT_NE(all.find("states: at least one state must be terminal"), std::string::npos) << all;
    EXPECT_NE(all.find("transitions[1].to: unknown state 'finished'"), std::string::npos) << all;
    EXPECT_NE(all.find("transitions[1].requires[0]: unknown attribute or field 'notes'"), std::string::npos) << all;
    EXPECT_NE(all.find("transitions[0].action: no role of the organisation is responsible (R) for action 'complaint.teleport'"),
              std::string::npos) << all;
    EXPECT_NE(all.find("timers[0].calendar: unknown calendar 'moon'"), std::string::npos) << all;
    EXPECT_NE(all.find("timers[0].warning: a warning percentage lies between 1% and 99%"), std::string::npos) << all;
    EXPECT_NE(std::string(e.what()).find("workflow 'repair' is not valid:"), std::string::npos);
  }
}

TEST(Definition, ThousandsOfMistakesAreListedBoundedNotQuotedInFull) {
  // A saved charter may hold an attribute of 4,000 values and a condition naming 4,000 values it
  // does not allow (fuzz/README.md, run of 2026-12-03, finding 2): every message once quoted
  // every allowed value, 4,000 × 4,000 of them. Now 50 problems are listed, each quoting at most
  // 20 values, and a last line counts the rest.
  DefinitionSpec s = small();
  s.attributes[0].values.clear();
  for (int v = 0; v < 4000; ++v) s.attributes[0].values.push_back("v" + std::to_string(v));
  Condition c;
  c.attribute = "severity";
  c.values.assign(4000, "n");
  s.transitions[0].when = {c};
  const std::vector<DefinitionProblem> ps = problems(s);
  ASSERT_EQ(ps.size(), 51u) << joined(ps).substr(0, 2000);
  EXPECT_EQ(ps[0].path, "transitions[0].when.severity[0]");
  EXPECT_EQ(ps[0].message.rfind("'n' is not a value of attribute 'severity' (allowed: 'v0', 'v1', ", 0), 0u);
  EXPECT_NE(ps[0].message.find("'v19' and 3980 more)"), std::string::npos) << ps[0].message.substr(0, 400);
  EXPECT_EQ(ps[0].message.find("'v20'"), std::string::npos) << ps[0].message.substr(0, 400);
  EXPECT_EQ(ps.back().path, "");
  EXPECT_EQ(ps.back().message, "… and 3950 more problems");
  // Every value allowed: no problem, and no quadratic look-up either.
  s.transitions[0].when[0].values.clear();
  for (int v = 0; v < 4000; ++v) s.transitions[0].when[0].values.push_back("v" + std::to_string(3999 - v));
  EXPECT_TRUE(problems(s).empty()) << joined(problems(s));
}

TEST(Definition, TheSameEventTwiceInOneStateIsAmbiguous) {
  DefinitionSpec s = small();
  Transition again = s.transitions[1];
  again.to = "open";
  s.transitions.push_back(again);
  EXPECT_NE(joined(problems(s)).find("transitions[2]: event 'finish' in state 'open' is already taken by transitions[1]"),
            std::string::npos) << joined(problems(s));
}

TEST(Definition, GoalsByAttributeNeedADefaultOrEveryValue) {
  DefinitionSpec s = small();
  s.timers[0].goal.rules.clear();
  s.timers[0].goal.attribute = "severity";
  s.timers[0].goal.rules.emplace("major", Deadline::parse("4 business hours"));
  EXPECT_NE(joined(problems(s)).find("timers[0].goal: without a 'default' rule every value of 'severity' needs one"),
            std::string::npos);
  s.timers[0].goal.rules.emplace("minor", Deadline::parse("2 business days"));
  EXPECT_TRUE(problems(s).empty()) << joined(problems(s));
  s.timers[0].goal.rules.emplace("huge", Deadline::parse("1 business days"));
  EXPECT_NE(joined(problems(s)).find("timers[0].goal.huge: 'huge' is not a value of attribute 'severity'"), std::string::npos);
}

TEST(Definition, AnAgreedInstantGoalNeedsAnInstantField) {
  DefinitionSpec s = small();
  s.timers[0].goal = Goal{};
  s.timers[0].goal.field = "note";
  EXPECT_NE(joined(problems(s)).find("timers[0].goal.field: field 'note' is not an instant"), std::string::npos);
  s.timers[0].goal.field = "promised";
  EXPECT_TRUE(problems(s).empty()) << joined(problems(s));
}

TEST(Definition, EscalationsMustReachARole) {
  DefinitionSpec s = small();
  EscalationSpec e;
  e.id = "late";
  e.timer = "fix";
  e.on = EscalationSpec::On::breach;
  e.levels_up = 9;  // after_sales_supervisor → cs_manager → deputy_leader: only two above
  s.escalations = {e};
  EXPECT_NE(joined(problems(s)).find("the reporting line above 'after_sales_supervisor' has 2 role(s), fewer than levels_up 9"),
            std::string::npos) << joined(problems(s));
  s.escalations[0].levels_up = 1;
  const Definition d(s, builtin().calendars(), builtin().organization());
  EXPECT_EQ(d.index().escalations[0].role, "cs_manager");
  s.escalations[0].to = "nobody";
  EXPECT_NE(joined(problems(s)).find("escalations[0]: give either 'to' or 'levels_up', not both"), std::string::npos);
}

TEST(Warning, ReadsPercentagesAndTimesBefore) {
  EXPECT_EQ(Warning::parse("75%").percent, 75);
  EXPECT_EQ(Warning::parse("75%").text(), "75%");
  const Warning w = Warning::parse("8 business hours before");
  EXPECT_EQ(w.kind, Warning::Kind::before);
  EXPECT_EQ(w.text(), "8 business hours before");
  EXPECT_EQ(Warning::parse(w.text()), w);
  EXPECT_EQ(Warning::parse("").kind, Warning::Kind::none);
  CHARTER_EXPECT_THROW_MSG(Warning::parse("0%"), ParseError, "from 1% to 99%");
  CHARTER_EXPECT_THROW_MSG(Warning::parse("100%"), ParseError, "from 1% to 99%");
  CHARTER_EXPECT_THROW_MSG(Warning::parse("soon"), ParseError, "expected a percentage of the goal");
  CHARTER_EXPECT_THROW_MSG(Warning::parse("end of month before"), ParseError, "clock or business time");
}

TEST(Mermaid, DrawsTheTransitionTable) {
  const std::string m = mermaid(builtin().workflow("complaint"));
  EXPECT_EQ(m.rfind("stateDiagram-v2\n", 0), 0u);
  EXPECT_NE(m.find("    [*] --> new\n"), std::string::npos);
  EXPECT_NE(m.find("    new --> received : receive (complaint.accept)\n"), std::string::npos);
  EXPECT_NE(m.find("    awaiting_customer --> investigating : customer_responds\n"), std::string::npos);
  EXPECT_NE(m.find("    closed --> investigating : reopen (complaint.accept)\n"), std::string::npos);
  EXPECT_NE(m.find("In every open state: report, escalate"), std::string::npos);
}

TEST(Mermaid, TheDocsShowTheCurrentDiagrams) {
  std::ifstream in(std::string(CHARTER_TEST_DATA_DIR) + "/../../docs/workflows.md");
  ASSERT_TRUE(in) << "docs/workflows.md not found";
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& [id, def] : builtin().workflows()) {
    EXPECT_NE(text.str().find("```mermaid\n" + mermaid(def) + "```\n"), std::string::npos)
        << "docs/workflows.md does not show the current diagram of '" << id << "': run `make docs`";
  }
}

}  // namespace
}  // namespace charter::workflow
