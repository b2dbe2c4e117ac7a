#pragma once
// The values stored in the golden archives of tests/data/ (written once by
// make_golden_archives.cpp, loaded and compared by archive_test.cpp). Changing anything here
// means the golden files no longer match: that is the point.

#include <map>
#include <string>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/io/envelope.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/organization.hpp"
#include "charter/workflow/definition.hpp"

namespace charter::test {

/// A small calendar with every feature a spec has: a zone with daylight saving, a lunch break,
/// a night shift past midnight, a closed day, holidays, extra working days with and without
/// their own hours, special hours, non-ASCII text and a range note.
inline calendar::CalendarSpec golden_calendar_spec() {
  using boost::gregorian::date;
  using calendar::parse_day_hours;
  calendar::CalendarSpec spec;
  spec.name = "客服中心 Berlin";
  spec.zone = "Europe/Berlin";
  spec.week =
      calendar::WeeklySchedule::weekdays(parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}}));
  spec.week.days[5] = parse_day_hours({{"09:00", "12:00"}, {"13:30", "18:30"}, {"22:00", "06:00"}});
  spec.week.days[6] = parse_day_hours({{"10:00", "14:00"}});
  spec.first_day = date(2024, 3, 1);
  spec.last_day = date(2024, 4, 30);
  spec.range_note = "test range";
  spec.holidays[date(2024, 3, 29)] = "Good Friday";
  spec.holidays[date(2024, 4, 1)] = "Easter Monday";
  spec.extra_workdays[date(2024, 3, 31)] =
      calendar::ExtraWorkday{"Easter Sunday duty", std::nullopt};
  spec.extra_workdays[date(2024, 4, 7)] =
      calendar::ExtraWorkday{"open Sunday", parse_day_hours({{"12:00", "16:00"}})};
  spec.special_hours[date(2024, 3, 28)] = parse_day_hours({{"09:00", "12:00"}});
  return spec;
}

/// The golden deadline: R-05's resolution target.
inline calendar::Deadline golden_deadline() {
  return calendar::Deadline::business(boost::posix_time::hours(48));
}

struct GoldenFile {
  const char* name;
  io::ArchiveFormat format;
};

inline const std::vector<GoldenFile>& golden_calendar_files() {
  static const std::vector<GoldenFile> v = {{"calendar-v1.text.chrt", io::ArchiveFormat::text},
                                            {"calendar-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"calendar-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

inline const std::vector<GoldenFile>& golden_deadline_files() {
  static const std::vector<GoldenFile> v = {{"deadline-v1.text.chrt", io::ArchiveFormat::text},
                                            {"deadline-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"deadline-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

/// The golden charter of schema version 1 (charter-v1.*.chrt, kept to prove old files still
/// read): the golden calendar as "office" and a small organisation with every kind of entry
/// (units in a tree, roles with duties covering an action, a standard and a cycle, staff with
/// personal data and an active period, a denying grant). No workflows: version 1 had none.
inline Charter golden_charter_v1() {
  using namespace org;
  using boost::gregorian::date;
  OrganizationSpec o;
  o.units = {Unit{"centre", {"客户服务中心", "Customer service centre"}, ""},
             Unit{"calls", {"呼叫中心", "Call centre"}, "centre"}};
  o.roles = {
      Role{"cs_manager", {"客户服务经理", "Customer-service manager"}, "", 1,
           {Duty{"cs_manager.complaints",
                 {"监督客户投诉处理", "Supervises complaint handling"},
                 {{{SubjectKind::action, "complaint.escalate"}, Raci::accountable},
                  {{SubjectKind::action, "complaint.close"}, Raci::responsible},
                  {{SubjectKind::standard, "R-05"}, Raci::accountable},
                  {{SubjectKind::cycle, "R-23"}, Raci::responsible}}}}},
      Role{"agent", {"客服专员", "Service agent"}, "cs_manager", std::nullopt,
           {Duty{"agent.handle", {"受理投诉", "Accepts complaints"},
                 {{{SubjectKind::action, "complaint.escalate"}, Raci::responsible},
                  {{SubjectKind::action, "complaint.accept"}, Raci::responsible}}}}}};
  o.staff = {Staff{"s-1", "王芳", "13812345678", {"cs_manager"}, "centre", {date(2024, 1, 1), std::nullopt}},
             Staff{"s-2", "李雷", "", {"agent"}, "calls", {date(2024, 3, 1), date(2024, 12, 31)}}};
  o.grants = {Grant{"agent", "complaint.close", false, "only the manager closes"},
              Grant{"agent", "complaint.accept", true, ""}};
  return Charter({"金色章程", "Golden charter"},
                 {{"office", calendar::BusinessCalendar(golden_calendar_spec())}},
                 Organization(std::move(o)));
}

/// The golden workflow: every key of a definition at least once — a required attribute with
/// values and a free one, a text and an instant field, initial and terminal states, rows with
/// and without `from`, `to` and `action`, requires, ticks, checklists, `when` on a row, an item,
/// a timer and an escalation; timers on a named calendar with start, stop (events and states),
/// restart and pause, goals by attribute value with a default and from a field, warnings as a
/// percentage and as a time before; escalations on start, warning and breach, to a role and
/// levels up.
inline workflow::DefinitionSpec golden_workflow_spec() {
  using namespace workflow;
  using calendar::Deadline;
  DefinitionSpec w;
  w.id = "complaint";
  w.name = {"顾客投诉处理", "Complaint handling"};
  w.calendar = "office";
  w.attributes = {Attribute{"severity", {"严重程度", "Severity"}, {"normal", "major"}, true},
                  Attribute{"customer", {"", "Customer"}, {}, false}};
  w.fields = {FieldSpec{"resolution", {"处理结果", "Resolution"}, FieldSpec::Type::text},
              FieldSpec{"next_reply_at", {"下次回复时间", ""}, FieldSpec::Type::instant}};
  w.states = {State{"new", {"新建", "New"}, true, false},
              State{"open", {"处理中", "Open"}, false, false},
              State{"waiting", {"等待顾客", "Awaiting customer"}, false, false},
              State{"closed", {"已结案", "Closed"}, false, true}};
  w.checklists = {Checklist{"intake", {"六清楚", "Six clears"}, "S1 p1 ch14",
                            {ChecklistItem{"listen", {"听清楚", "Listened"}, {}},
                             ChecklistItem{"report", {"报告", "Reported"}, {{"severity", {"major"}}}}}}};
  w.transitions = {
      Transition{"receive", {"new"}, "open", "complaint.accept", {"severity"}, {"intake.listen"}, {}, {},
                 "S1 p1 ch14", {"受理", "Receive"}},
      Transition{"acknowledge", {"open"}, "", "complaint.accept", {}, {}, {}, {}, "R-05", {}},
      Transition{"escalate", {}, "", "complaint.escalate", {}, {"intake.report"}, {},
                 {{"severity", {"major"}}}, "R-07", {}},
      Transition{"wait", {"open"}, "waiting", "complaint.accept", {}, {}, {}, {}, "", {}},
      Transition{"customer_responds", {"waiting"}, "open", "", {}, {}, {}, {}, "", {}},
      Transition{"explain_delay", {"open", "waiting"}, "", "complaint.accept", {"next_reply_at"}, {}, {}, {},
                 "R-09", {}},
      Transition{"close", {"open"}, "closed", "complaint.close", {"resolution"}, {}, {"intake"}, {}, "",
                 {"结案", "Close"}}};
  TimerSpec reply;
  reply.id = "reply";
  reply.name = {"24小时内回复", "Reply within 24 hours"};
  reply.rule = "R-05";
  reply.calendar = "office";
  reply.start.events = {"receive"};
  reply.stop.events = {"acknowledge"};
  reply.goal.rules.emplace("", Deadline::parse("24 hours"));
  reply.warning = Warning::parse("12 hours before");
  TimerSpec resolution;
  resolution.id = "resolution";
  resolution.name = {"解决时限", "Resolution"};
  resolution.rule = "R-05";
  resolution.calendar = "office";
  resolution.start.events = {"receive"};
  resolution.stop = Trigger{{"close"}, {"closed"}};
  resolution.restart.events = {"customer_responds"};
  resolution.pause = {"waiting"};
  resolution.when = {{"severity", {"normal", "major"}}};
  resolution.goal.attribute = "severity";
  resolution.goal.rules.emplace("major", Deadline::parse("24 business hours"));
  resolution.goal.rules.emplace("", Deadline::parse("48 hours"));
  resolution.warning = Warning::parse("75%");
  TimerSpec next_reply;
  next_reply.id = "next_reply";
  next_reply.rule = "R-09";
  next_reply.calendar = "office";
  next_reply.start.events = {"explain_delay"};
  next_reply.restart.events = {"explain_delay"};
  next_reply.stop.states = {"closed"};
  next_reply.goal.field = "next_reply_at";
  next_reply.warning = Warning::parse("2 business hours before");
  w.timers = {reply, resolution, next_reply};
  w.escalations = {
      EscalationSpec{"major_report", {"重大投诉报告", "Major complaint reported"}, "R-08", "resolution",
                     EscalationSpec::On::start, "cs_manager", 0, {{"severity", {"major"}}}},
      EscalationSpec{"reply_overdue", {}, "R-05", "reply", EscalationSpec::On::breach, "", 1, {}},
      EscalationSpec{"resolution_at_risk", {}, "R-05", "resolution", EscalationSpec::On::warning, "", 0, {}}};
  return w;
}

/// The golden charter of the current schema: golden_charter_v1() and the golden workflow.
inline Charter golden_charter() {
  const Charter base = golden_charter_v1();
  std::map<std::string, workflow::Definition> workflows;
  workflows.emplace("complaint",
                    workflow::Definition(golden_workflow_spec(), base.calendars(), base.organization()));
  return Charter(base.name(), base.calendars(), base.organization(), std::move(workflows));
}

/// Written by this build (make_golden_archives.cpp) and compared byte for byte.
inline const std::vector<GoldenFile>& golden_charter_files() {
  static const std::vector<GoldenFile> v = {{"charter-v2.text.chrt", io::ArchiveFormat::text},
                                            {"charter-v2.xml.chrt", io::ArchiveFormat::xml},
                                            {"charter-v2.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

/// Written by an earlier build (schema version 1) and never rewritten: they must still load,
/// as golden_charter_v1().
inline const std::vector<GoldenFile>& golden_charter_v1_files() {
  static const std::vector<GoldenFile> v = {{"charter-v1.text.chrt", io::ArchiveFormat::text},
                                            {"charter-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"charter-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

}  // namespace charter::test
