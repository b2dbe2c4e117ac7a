#pragma once
// The values stored in the golden archives of tests/data/ (written once by
// make_golden_archives.cpp, loaded and compared by archive_test.cpp). Changing anything here
// means the golden files no longer match: that is the point.

#include <map>
#include <string>
#include <vector>

#include "charter/calendar/business_calendar.hpp"
#include "charter/calendar/deadline.hpp"
#include "charter/cycle/survey.hpp"
#include "charter/io/envelope.hpp"
#include "charter/model/charter.hpp"
#include "charter/org/appraisal.hpp"
#include "charter/org/organization.hpp"
#include "charter/report/document.hpp"
#include "charter/standard/standard.hpp"
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
  o.units = {Unit{"centre", {"客户服务中心", "Customer service centre"}, "", std::nullopt},
             Unit{"calls", {"呼叫中心", "Call centre"}, "centre", std::nullopt}};
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

/// The golden charter of schema version 2 (charter-v2.*.chrt, kept to prove old files still
/// read): golden_charter_v1() and the golden workflow. No standards: version 2 had none.
inline Charter golden_charter_v2() {
  const Charter base = golden_charter_v1();
  std::map<std::string, workflow::Definition> workflows;
  workflows.emplace("complaint",
                    workflow::Definition(golden_workflow_spec(), base.calendars(), base.organization()));
  return Charter(base.name(), base.calendars(), base.organization(), std::move(workflows));
}

/// The golden standards: every rule kind at least once, every Condition::Test, bounds with
/// fractions, Chinese text, an owner from the RACI (R-05, for which cs_manager is accountable)
/// and named ones, channels, `when` on a standard, a deadline choice and an exclusion, and a
/// deadline rule whose choices count clock time, business time and business days.
inline std::vector<standard::StandardSpec> golden_standard_specs() {
  using namespace standard;
  using Test = Condition::Test;
  using calendar::Deadline;
  std::vector<StandardSpec> v;

  StandardSpec reply;
  reply.id = "R-05";
  reply.title = {"投诉4.5小时内首次回复", "First reply to a complaint within 4.5 hours"};
  reply.source = "S1 p1 ch14";
  reply.kinds = {"complaint", "call"};
  reply.channels = {"phone", "web"};
  reply.when = {{"rings", Test::at_least, 2.5, {}}, {"weight_kg", Test::at_most, 0.1, {}}};
  reply.rule = Threshold{{{"首次回复用时", "hours to the first reply"}, "reply_hours", "", "", "hours"}, 0.25, 4.5};
  v.push_back(reply);

  StandardSpec greet;
  greet.id = "greet";
  greet.title = {"客户到达后1.5分钟内问候", "Greet a visitor within 1.5 minutes"};
  greet.source = "S1 p1 ch2.1";
  greet.owner = "agent";
  greet.kinds = {"visit"};
  greet.calendar = "office";
  greet.rule = Threshold{{{}, "", "at", "greeted_at", "minutes"}, std::nullopt, 1.5};
  v.push_back(greet);

  StandardSpec orders;
  orders.id = "R-10";
  orders.title = {"订单当天配好，较晚或较大的次日配好", "Orders made up the same day; late or large ones later"};
  orders.source = "S1 p1 ch9.3";
  orders.owner = "cs_manager";
  orders.kinds = {"order"};
  orders.channels = {"web"};
  orders.calendar = "office";
  DeadlineRule made_up;
  made_up.start = "received_at";
  made_up.done = "made_up_at";
  made_up.done_label = {"配好", "made up"};
  made_up.rules = {
      {{{"local_time", Test::at_least, 16 * 3600, {}}, {"local_time", Test::at_most, 18 * 3600 + 1800, {}}},
       Deadline::parse("end of next business day")},
      {{{"size", Test::in, 0, {"large", "bulk"}}}, Deadline::parse("2 business days")},
      {{{"urgent", Test::is_yes, 0, {}}}, Deadline::parse("90 minutes")},
      {{}, Deadline::parse("4 business hours")}};
  orders.rule = made_up;
  v.push_back(orders);

  StandardSpec apology;
  apology.id = "apology";
  apology.title = {"铃响五声后应致歉", "Apologise after five rings"};
  apology.source = "S1 p1 ch1.1";
  apology.owner = "agent";
  apology.kinds = {"call"};
  apology.when = {{"rings", Test::at_least, 5, {}}};
  apology.rule = Obligation{{{"apology", Test::is_yes, 0, {}}, {"complaint_id", Test::absent, 0, {}}}};
  v.push_back(apology);

  StandardSpec phone_log;
  phone_log.id = "phone_log";
  phone_log.title = {"电话记录：姓名、内容、地区、原因", "Phone log: name, matter, location, reason"};
  phone_log.owner = "agent";
  phone_log.kinds = {"call"};
  phone_log.rule = RequiredFields{{"caller_name", "matter", "location", "reason"}};
  v.push_back(phone_log);

  StandardSpec words;
  words.id = "forbidden_phrases";
  words.title = {"服务忌语 <与> & \"文明用语\"", "No forbidden phrases </title>"};
  words.source = "S1 p1 ch15";
  words.owner = "cs_manager";
  words.kinds = {"call", "visit"};
  words.when = {{"transcript", Test::present, 0, {}}};
  words.rule = Phrases{"transcript", {"老头", "喂,干什么", "神经病"}, {"您好", "请"}};
  v.push_back(words);

  StandardSpec four_eyes;
  four_eyes.id = "four_eyes";
  four_eyes.title = {"客户不在时点货须三人签字", "Goods counted while the customer is absent: three signers"};
  four_eyes.owner = "cs_manager";
  four_eyes.kinds = {"packing"};
  four_eyes.when = {{"customer_present", Test::is_no, 0, {}}};
  four_eyes.rule = DistinctSigners{"signers", 3};
  v.push_back(four_eyes);

  StandardSpec record;
  record.id = "customer_record";
  record.title = {"结算前客户须已建档", "A customer record exists before checkout"};
  record.owner = "agent";
  record.kinds = {"checkout"};
  record.calendar = "office";
  record.rule = Precondition{"record_created_at", {"客户建档", "customer record created"}};
  v.push_back(record);

  StandardSpec repairs;
  repairs.id = "repairs";
  repairs.title = {"泰银饰品与他人资料不予受理", "Thai silver and others' data are refused"};
  repairs.owner = "cs_manager";
  repairs.kinds = {"repair_request", "data_request"};
  repairs.rule = Eligibility{
      {{{{"material", Test::in, 0, {"thai_silver"}}}, {"泰银饰品不在受理范围", "Thai silver is not repaired"}},
       {{{"requester", Test::not_in, 0, {"customer", "authorised"}}, {"amount", Test::at_most, 4.5, {}}},
        {"客户资料只提供给本人或其授权人", ""}}},
      "accepted"};
  v.push_back(repairs);
  return v;
}

/// The golden charter of schema version 3: golden_charter_v2() and the golden standards.
inline Charter golden_charter_v3() {
  const Charter base = golden_charter_v2();
  std::vector<standard::Standard> standards;
  for (auto& spec : golden_standard_specs()) {
    standards.emplace_back(std::move(spec), base.calendars(), base.organization());
  }
  return Charter(base.name(), base.calendars(), base.organization(), base.workflows(), std::move(standards));
}

/// The golden cycles: every recurrence kind, scope kind and evidence kind, a follow-up, a due
/// rule and none, a since date; owned by explicit roles so the organisation needs no RACI rows.
inline std::vector<cycle::CycleSpec> golden_cycle_specs() {
  using namespace cycle;
  std::vector<CycleSpec> v;
  CycleSpec check;
  check.id = "R-20";
  check.title = {"考核检查 <每月> & \"单位\"", "Monthly assessment check"};
  check.source = "S1 p3 §4.2.1.3";
  check.owner = "cs_manager";
  check.calendar = "office";
  check.recurrence = Recurrence::monthly_last_business_day();
  check.due = calendar::Deadline::parse("end of business day");
  check.scope = Scope{ScopeKind::unit, {}, "centre"};
  check.follow_ups = {{"R-21", calendar::Deadline::parse("5 business days")}};
  v.push_back(check);
  CycleSpec report;
  report.id = "R-21";
  report.owner = "cs_manager";
  report.calendar = "office";
  report.recurrence = Recurrence::follow_up();
  report.scope = Scope{ScopeKind::unit, {"centre", "web_shop"}, ""};
  report.evidence = {{EvidenceKind::document, "report", 1, {"检查报告", "inspection report"}}};
  v.push_back(report);
  CycleSpec survey;
  survey.id = "R-25";
  survey.owner = "agent";
  survey.calendar = "office";
  survey.recurrence = Recurrence::yearly(12);
  survey.due = calendar::Deadline::end_of_month();
  survey.evidence = {{EvidenceKind::count, "respondents", 50, {}}, {EvidenceKind::distinct, "tiers", 2, {"", "tiers"}}};
  survey.since = boost::gregorian::date(2024, 2, 29);
  v.push_back(survey);
  CycleSpec visits;
  visits.id = "R-28";
  visits.owner = "cs_manager";
  visits.calendar = "office";
  visits.recurrence = Recurrence::at_least(3, Period::year, "unit");
  visits.scope = Scope{ScopeKind::role, {"agent"}, ""};
  v.push_back(visits);
  CycleSpec weekly;
  weekly.id = "R-30";
  weekly.owner = "cs_manager";
  weekly.calendar = "office";
  weekly.recurrence = Recurrence::weekly(5);
  weekly.scope = Scope{ScopeKind::staff, {"agent"}, ""};
  v.push_back(weekly);
  CycleSpec spot;
  spot.id = "spot";
  spot.owner = "cs_manager";
  spot.calendar = "office";
  spot.recurrence = Recurrence::ad_hoc();
  v.push_back(spot);
  return v;
}

/// The golden charter of schema version 4 (charter-v4.*.chrt, kept to prove old files still
/// read): golden_charter_v3() with a unit set up on a date (its organisation's workflows and
/// standards rebuilt against it) and the golden cycles. No survey designs and no appraisal
/// scheme: version 4 had none.
inline Charter golden_charter_v4() {
  const Charter base = golden_charter_v3();
  org::OrganizationSpec spec = base.organization().spec();
  org::Unit shop;
  shop.id = "web_shop";
  shop.name = {"网店", "Web shop"};
  shop.parent = spec.units.empty() ? "" : spec.units.front().id;
  shop.since = boost::gregorian::date(2025, 6, 15);
  spec.units.push_back(shop);
  const org::Organization organization(std::move(spec));
  std::map<std::string, workflow::Definition> workflows;
  for (const auto& [id, d] : base.workflows()) workflows.emplace(id, workflow::Definition(d.spec(), base.calendars(), organization));
  std::vector<standard::Standard> standards;
  for (const auto& s : base.standards()) standards.emplace_back(s.spec(), base.calendars(), organization);
  std::vector<cycle::Cycle> cycles;
  for (auto& c : golden_cycle_specs()) cycles.emplace_back(std::move(c), base.calendars(), organization);
  return Charter(base.name(), base.calendars(), organization, std::move(workflows), std::move(standards),
                 std::move(cycles));
}

/// The golden survey design: a business-specific item beside the common ones, a scale other
/// than 1–5 with a fractional threshold, weights and shares with no exact binary form, a tier
/// without a label and one with a population beyond 32 bits.
inline cycle::SurveySpec golden_survey_spec() {
  cycle::SurveySpec spec;
  spec.id = "R-25";
  spec.title = {"客户满意度问卷调查 <年度> & \"共性\"", "Customer-satisfaction questionnaire"};
  spec.dimensions = cycle::common_dimensions();
  spec.dimensions.push_back({"repair_quality", {"维修质量", "Repair quality"}});
  spec.scale = {0, 10, 7.5};
  spec.tiers = {{"key_accounts", {"大客户", "Key accounts"}, 0.1, 1.0 / 3, 10, std::nullopt},
                {"business", {"企业客户", ""}, 2, 0.3, 5, 400},
                {"retail", {}, 1, 2.0 / 3, 0, 5'000'000'000LL}};
  return spec;
}

/// The golden appraisal scheme: weights that are not the defaults (and not exact in binary),
/// grades with a fractional threshold and an empty label, the reweight policy.
inline org::AppraisalSpec golden_appraisal_spec() {
  org::AppraisalSpec spec;
  spec.weights = {0.1, 0.2, 0.7};
  spec.grades = {{"excellent", {"优秀", "Excellent"}, 92.5}, {"pass", {"合格", ""}, 60}, {"fail", {}, 0}};
  spec.missing = org::MissingPolicy::reweight;
  return spec;
}

/// The golden charter of schema version 5 (charter-v5.*.chrt, kept to prove old files still
/// read): golden_charter_v4() with the golden survey design, a second design of the common items
/// only, and the golden appraisal scheme. No rectification entries: version 5 had none.
inline Charter golden_charter_v5() {
  const Charter base = golden_charter_v4();
  cycle::SurveySpec plain;
  plain.id = "on_site";
  plain.dimensions = cycle::common_dimensions();
  plain.tiers = {{"visitors", {"到店客户", "Visitors"}, 1, 1, 3, std::nullopt}};
  return Charter(base.name(), base.calendars(), base.organization(), base.workflows(), base.standards(),
                 base.cycles(), {cycle::SurveyDesign(golden_survey_spec()), cycle::SurveyDesign(plain)},
                 org::AppraisalScheme(golden_appraisal_spec()));
}

/// The golden report document: every block kind, every status, alignment and goal, a missing
/// key-figure value and chart value, both chart families (a daily chart with its first day, a
/// category chart without one), text that is markup in HTML, line breaks, and a paragraph
/// longer than the 4 KiB of names and labels.
inline report::Document golden_document() {
  using namespace report;
  Document doc;
  doc.title = "客服质量月度报表 2025-10";
  doc.subtitle = "客户服务中心 · <2025-10> & \"月报\"";
  doc.lang = Lang::zh;
  doc.generated_at = "Generated 2025-11-01 09:00 CST";
  Section complaints{"投诉 (Complaints)", {}};
  complaints.blocks.push_back(KeyFigures{{KeyFigure{"按时答复率", 96.25, "%", 95.0, Goal::at_least, 2},
                                          KeyFigure{"投诉量", 31, "件", 40, Goal::at_most, 0},
                                          KeyFigure{"满意率", std::nullopt, "%", std::nullopt, Goal::at_least, 1}}});
  complaints.blocks.push_back(Paragraph{"本月受理投诉 31 件。\nSecond line <script>alert(1)</script>"});
  complaints.blocks.push_back(Paragraph{std::string(5000, 'x')});
  Table table;
  table.caption = "各单位合规率";
  table.header = {"单位", "合规率", "状态"};
  table.align = {Align::left, Align::right, Align::center};
  table.rows = {Row{{Cell("呼叫中心"), Cell("98.1 %", Status::ok), Cell("达标")}, Status::none},
                Row{{Cell("网店"), Cell("91.0 %", Status::warning), Cell("预警\n待整改")}, Status::warning},
                Row{{Cell("售后"), Cell("80.2 %"), Cell("违规", Status::breach)}, Status::breach}};
  complaints.blocks.push_back(table);
  Section notes{"说明 (Notes)", {}};
  notes.blocks.push_back(BulletList{{"数据截至 10-31", "a & b", "line\nbreak"}});
  notes.blocks.push_back(Note{"两个单位数据不全", Status::warning});
  notes.blocks.push_back(Note{"plain note", Status::none});
  ChartSpec daily;
  daily.kind = ChartKind::daily_line;
  daily.title = "按时答复率 (On-time reply rate)";
  daily.series = "on-time reply";
  daily.unit = "%";
  daily.first_day = boost::gregorian::date(2025, 10, 1);
  daily.values = {96.0, std::nullopt, 100.0, 0.1};
  daily.target = 95.0;
  daily.decimals = 2;
  notes.blocks.push_back(Chart(daily));
  ChartSpec units;
  units.kind = ChartKind::category_bars;
  units.title = "合规率 by unit";
  units.categories = {"呼叫中心", "网店"};
  units.values = {98.1, std::nullopt};
  units.target = 95.0;
  notes.blocks.push_back(Chart(units));
  ChartSpec volume;
  volume.kind = ChartKind::daily_bars;
  volume.title = "Daily volume";
  volume.first_day = boost::gregorian::date(2024, 2, 28);
  volume.values = {3, 0, 5};
  volume.decimals = 0;
  notes.blocks.push_back(Chart(volume));
  Section empty{"Empty section", {}};
  doc.sections = {complaints, notes, empty};
  return doc;
}

inline const std::vector<GoldenFile>& golden_survey_files() {
  static const std::vector<GoldenFile> v = {{"survey-v1.text.chrt", io::ArchiveFormat::text},
                                            {"survey-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"survey-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

inline const std::vector<GoldenFile>& golden_appraisal_files() {
  static const std::vector<GoldenFile> v = {{"appraisal-v1.text.chrt", io::ArchiveFormat::text},
                                            {"appraisal-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"appraisal-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

inline const std::vector<GoldenFile>& golden_document_files() {
  static const std::vector<GoldenFile> v = {{"document-v1.text.chrt", io::ArchiveFormat::text},
                                            {"document-v1.xml.chrt", io::ArchiveFormat::xml},
                                            {"document-v1.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

/// The golden charter of the current schema (6): golden_charter_v5() with rectification entries on
/// two cycles (a per-unit check raising on overdue and missed; a centre survey raising on
/// insufficient evidence, to a named unit) and on one standard (a weekly rate below 95 %).
inline Charter golden_charter() {
  const Charter base = golden_charter_v5();
  std::vector<standard::Standard> standards;
  for (const auto& s : base.standards()) {
    standard::StandardSpec spec = s.spec();
    if (spec.id == "greet") {
      standard::Rectification x;
      x.below = 0.95;
      x.min_checked = 10;
      x.period = standard::Period::week;
      x.deadline = calendar::Deadline::parse("end of next business day");
      x.severity = "normal";
      spec.rectification = x;
    }
    standards.emplace_back(std::move(spec), base.calendars(), base.organization());
  }
  std::vector<cycle::Cycle> cycles;
  for (const auto& c : base.cycles()) {
    cycle::CycleSpec spec = c.spec();
    if (spec.id == "R-20") {
      spec.rectification = cycle::Rectification{{cycle::State::overdue, cycle::State::missed},
                                                calendar::Deadline::parse("5 business days"), "major", ""};
    } else if (spec.id == "R-25") {
      spec.rectification = cycle::Rectification{{cycle::State::insufficient}, calendar::Deadline::parse("10 calendar days"),
                                                "", "web_shop"};
    }
    cycles.emplace_back(std::move(spec), base.calendars(), base.organization());
  }
  return Charter(base.name(), base.calendars(), base.organization(), base.workflows(), std::move(standards),
                 std::move(cycles), base.surveys(), base.appraisal());
}

/// Written by this build (make_golden_archives.cpp) and compared byte for byte.
inline const std::vector<GoldenFile>& golden_charter_files() {
  static const std::vector<GoldenFile> v = {{"charter-v6.text.chrt", io::ArchiveFormat::text},
                                            {"charter-v6.xml.chrt", io::ArchiveFormat::xml},
                                            {"charter-v6.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

/// Written by an earlier build (schema version 5) and never rewritten: they must still load,
/// as golden_charter_v5().
inline const std::vector<GoldenFile>& golden_charter_v5_files() {
  static const std::vector<GoldenFile> v = {{"charter-v5.text.chrt", io::ArchiveFormat::text},
                                            {"charter-v5.xml.chrt", io::ArchiveFormat::xml},
                                            {"charter-v5.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

/// Written by an earlier build (schema version 4) and never rewritten: they must still load,
/// as golden_charter_v4().
inline const std::vector<GoldenFile>& golden_charter_v4_files() {
  static const std::vector<GoldenFile> v = {{"charter-v4.text.chrt", io::ArchiveFormat::text},
                                            {"charter-v4.xml.chrt", io::ArchiveFormat::xml},
                                            {"charter-v4.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

/// Written by an earlier build (schema version 3) and never rewritten: they must still load,
/// as golden_charter_v3().
inline const std::vector<GoldenFile>& golden_charter_v3_files() {
  static const std::vector<GoldenFile> v = {{"charter-v3.text.chrt", io::ArchiveFormat::text},
                                            {"charter-v3.xml.chrt", io::ArchiveFormat::xml},
                                            {"charter-v3.binary.chrt", io::ArchiveFormat::binary}};
  return v;
}

/// Written by an earlier build (schema version 2) and never rewritten: they must still load,
/// as golden_charter_v2().
inline const std::vector<GoldenFile>& golden_charter_v2_files() {
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
