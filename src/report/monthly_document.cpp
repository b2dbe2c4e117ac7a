// The monthly report laid out: its key figures as data, and the whole as a Document in Chinese
// or English.

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "charter/calendar/date_text.hpp"
#include "charter/report/monthly.hpp"
#include "monthly_text.hpp"

namespace charter::report {

namespace detail {

std::string local_minute(const std::optional<calendar::BusinessCalendar>& clock, const boost::posix_time::ptime& utc) {
  if (utc.is_special()) return "-";
  const boost::posix_time::ptime t = clock ? clock->to_local(utc) : utc;
  char hm[32];
  std::snprintf(hm, sizeof hm, " %02d:%02d", static_cast<int>(t.time_of_day().hours()),
                static_cast<int>(t.time_of_day().minutes()));
  return calendar::format_date(t.date()) + hm + (clock ? "" : " UTC");
}

std::string span_text(const boost::posix_time::time_duration& d, Lang lang) {
  const long long minutes = std::max<long long>(0, d.total_seconds() / 60);
  const long long days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
  char buf[64];
  if (lang == Lang::zh) {
    if (days) std::snprintf(buf, sizeof buf, "%lld天%lld小时", days, hours);
    else std::snprintf(buf, sizeof buf, "%lld小时%lld分", hours, mins);
  } else {
    if (days) std::snprintf(buf, sizeof buf, "%lld d %lld h", days, hours);
    else std::snprintf(buf, sizeof buf, "%lld h %lld min", hours, mins);
  }
  return buf;
}

std::string breach_sentence(const BreachLine& b, const MonthlyReport& r, Lang lang) {
  const LocalizedText timer = r.name("timer", b.timer);
  const bool zh = lang == Lang::zh;
  std::string s = b.case_id + " " + (zh ? timer.zh : timer.en) + " (" + b.rule + (b.cycle > 1 ? (zh ? ", 第" : ", cycle ") + std::to_string(b.cycle) + (zh ? "轮" : "") : "") + "): ";
  s += (zh ? "应于 " : "due ") + local_minute(r.clock, b.due);
  if (b.stopped.is_special()) {
    s += zh ? ", 截至 " + local_minute(r.clock, r.as_of) + " 仍未完成, 已超时 " : ", still open at " + local_minute(r.clock, r.as_of) + ", ";
  } else {
    s += zh ? ", " + local_minute(r.clock, b.stopped) + " 完成, 超时 " : ", done " + local_minute(r.clock, b.stopped) + ", ";
  }
  s += span_text(b.overdue, lang) + (zh ? "" : " late");
  if (!b.goal.empty()) s += (zh ? "; 时限 " : "; goal ") + b.goal;
  if (!b.unit.empty()) {
    const LocalizedText u = r.name("unit", b.unit);
    s += (zh ? "; 责任单位 " : "; unit ") + (zh ? u.zh : u.en);
  }
  return s + (zh ? "。" : ".");
}

}  // namespace detail

namespace {

using detail::local_minute;

struct Say {
  Lang lang;
  std::string operator()(const char* zh, const char* en) const { return lang == Lang::zh ? zh : en; }
  std::string operator()(const LocalizedText& t) const {
    const std::string& s = lang == Lang::zh ? t.zh : t.en;
    return s.empty() ? t.preferred() : s;
  }
};

std::optional<double> percent(double share) {
  if (std::isnan(share)) return std::nullopt;
  return share * 100;
}
std::optional<double> percent_target(const std::optional<double>& t) {
  if (!t) return std::nullopt;
  return *t * 100;
}

std::string count_text(std::size_t n) { return std::to_string(n); }

std::string rate_text(double share, Lang lang) {
  if (std::isnan(share)) return lang == Lang::zh ? "无数据" : "no data";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", share * 100);
  return buf;
}

Status rate_status(double share, const std::optional<double>& target) {
  if (!target || std::isnan(share)) return Status::none;
  return share >= *target ? Status::ok : Status::breach;
}

const char* state_word(cycle::State s, Lang lang) {
  const bool zh = lang == Lang::zh;
  switch (s) {
    case cycle::State::done: return zh ? "按时完成" : "done";
    case cycle::State::done_late: return zh ? "逾期完成" : "done late";
    case cycle::State::insufficient: return zh ? "证据不足" : "insufficient evidence";
    case cycle::State::due: return zh ? "未到期" : "due";
    case cycle::State::overdue: return zh ? "已逾期" : "overdue";
    case cycle::State::missed: return zh ? "已错过" : "missed";
  }
  return "";
}

Status state_status(cycle::State s) {
  switch (s) {
    case cycle::State::done: return Status::ok;
    case cycle::State::due: return Status::none;
    case cycle::State::done_late: return Status::warning;
    default: return Status::breach;
  }
}

KeyFigure tile(const MonthlyFigure& f, Lang lang) {
  KeyFigure k;
  k.label = Say{lang}(f.label);
  k.value = f.value;
  k.unit = f.unit;
  k.target = f.target;
  k.goal = f.goal;
  k.decimals = f.unit == "%" ? 1 : 0;
  return k;
}

Table cycle_table(const std::vector<CycleLine>& lines, const MonthlyReport& r, Lang lang) {
  const Say say{lang};
  Table t;
  t.header = {say("周期", "Cycle"), say("责任角色", "Responsible"), say("按时完成", "Done"), say("逾期完成", "Late"),
              say("证据不足", "Insufficient"), say("未到期", "Due"), say("已逾期", "Overdue"), say("已错过", "Missed"),
              say("抽查记录", "Spot records")};
  t.align = {Align::left, Align::left, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right};
  for (const auto& l : lines) {
    Row row;
    row.cells = {l.cycle + " " + say(l.title), say(r.name("role", l.responsible)), count_text(l.done),
                 count_text(l.done_late), count_text(l.insufficient), count_text(l.due), count_text(l.overdue),
                 count_text(l.missed), l.ad_hoc ? count_text(l.records) : "-"};
    row.status = l.overdue + l.missed + l.insufficient ? Status::breach : l.done_late ? Status::warning
                 : l.done ? Status::ok : Status::none;
    t.rows.push_back(std::move(row));
  }
  return t;
}

// Why an occurrence (or a follow-up) stands where it does. English: cycle::status's own
// explanation; Chinese: the same facts from its instants (the explanation is English text, kept
// only where it carries a count: insufficient evidence).
std::string state_reason(cycle::State state, const boost::posix_time::ptime& due, const boost::posix_time::ptime& window_end,
                         const std::string& explanation, const MonthlyReport& r, Lang lang) {
  if (lang == Lang::en) return explanation;
  switch (state) {
    case cycle::State::done: return "";
    case cycle::State::done_late: return "到期 " + local_minute(r.clock, due);
    case cycle::State::insufficient: return explanation;
    case cycle::State::due: return "应于 " + local_minute(r.clock, due) + " 前完成";
    case cycle::State::overdue:
      return "已于 " + local_minute(r.clock, due) + " 到期, " + local_minute(r.clock, window_end) + " 前仍可补做";
    case cycle::State::missed:
      return "已于 " + local_minute(r.clock, due) + " 到期, 补做期限 " + local_minute(r.clock, window_end) + " 已过";
  }
  return "";
}

std::string occurrence_line(const cycle::OccurrenceStatus& o, const MonthlyReport& r, Lang lang) {
  const Say say{lang};
  std::string s = o.occurrence.cycle;
  if (!o.occurrence.subject.empty()) s += " · " + say(r.name("unit", o.occurrence.subject));
  s += " (" + calendar::format_date(o.occurrence.period_start) + " – " +
       calendar::format_date(o.occurrence.period_end - boost::gregorian::days(1)) + "): " + state_word(o.state, lang);
  const std::string why = state_reason(o.state, o.occurrence.due, o.window_end, o.explanation, r, lang);
  if (!why.empty()) s += " — " + why;
  for (const auto& f : o.follow_ups) {
    if (f.state == cycle::State::done || f.state == cycle::State::due) continue;
    const std::string fwhy = state_reason(f.state, f.due, f.window_end, f.explanation, r, lang);
    s += "\n" + f.cycle + ": " + state_word(f.state, lang) + (fwhy.empty() ? "" : " — " + fwhy);
  }
  return s;
}

}  // namespace

std::vector<MonthlyFigure> MonthlyReport::figures() const {
  std::vector<MonthlyFigure> out;
  const auto add = [&](std::string id, LocalizedText label, std::optional<double> value, std::string unit,
                       std::optional<double> target = std::nullopt, Goal goal = Goal::at_least) {
    out.push_back({std::move(id), std::move(label), value, std::move(unit), target, goal});
  };
  add("complaints.received", {"受理投诉", "Complaints received"}, static_cast<double>(complaints.received), "");
  for (const auto& t : complaints.timers) {
    const LocalizedText n = name("timer", t.timer);
    add("timer." + t.timer + ".on_time", {"按时率: " + n.zh, "On time: " + n.en}, percent(t.on_time), "%",
        percent_target(targets.on_time));
  }
  add("complaints.resolution_rate", {"投诉解决率", "Resolution rate"}, percent(complaints.resolution_rate), "%",
      percent_target(targets.resolution_rate));
  add("complaints.breaches", {"超时", "Breaches"}, static_cast<double>(breach_count), "");
  if (has_notices) {
    const auto overdue = std::count_if(notices.begin(), notices.end(), [](const NoticeLine& n) { return n.overdue; });
    add("notices.open", {"未关闭整改通知", "Open rectification notices"}, static_cast<double>(notices.size()), "");
    add("notices.overdue", {"逾期整改通知", "Overdue rectification notices"}, static_cast<double>(overdue), "");
  }
  const auto pending = std::count_if(to_raise.begin(), to_raise.end(), [](const NoticeToRaise& n) { return !n.issued; });
  add("notices.to_raise", {"应下发未下发的整改通知", "Rectification notices due to be issued"}, static_cast<double>(pending), "");
  add("standards.compliance", {"服务标准达标率", "Standards compliance"}, percent(compliance.rate()), "%",
      percent_target(targets.compliance));
  add("standards.not_met", {"未达标检查", "Checks not met"}, static_cast<double>(compliance.not_met), "");
  std::size_t done = 0, late = 0, open = 0;
  for (const auto& l : inspections) {
    done += l.done;
    late += l.done_late;
    open += l.overdue + l.missed + l.insufficient;
  }
  add("inspections.done", {"按时完成的检查", "Inspections done on time"}, static_cast<double>(done), "");
  add("inspections.late", {"逾期完成的检查", "Inspections done late"}, static_cast<double>(late), "");
  add("inspections.not_done", {"逾期未完成的检查", "Inspections overdue, missed or short of evidence"},
      static_cast<double>(open), "");
  if (survey) {
    add("survey.respondents", {"调查人数", "Survey respondents"}, static_cast<double>(survey->respondents), "");
    add("survey.satisfied", {"顾客满意率", "Customers satisfied"}, percent(survey->overall.satisfied), "%",
        percent_target(targets.satisfaction));
  }
  if (appraisal) add("appraisal.staff", {"考评人数", "Staff appraised"}, static_cast<double>(appraisal->staff), "");
  return out;
}

Document MonthlyReport::document(Lang lang) const {
  const Say say{lang};
  const bool zh = lang == Lang::zh;
  char ym[16];
  std::snprintf(ym, sizeof ym, "%04d-%02d", year, month);
  Document doc;
  doc.lang = lang;
  doc.title = say("客服质量月度报表 ", "Monthly service-quality report ") + ym;
  doc.subtitle = say(scope) + (clock ? " · " + clock->name() + " (" + clock->zone() + ")" : "");
  doc.generated_at = say("截至 ", "As of ") + local_minute(clock, as_of);
  const std::vector<MonthlyFigure> all = figures();
  const auto figure = [&](const std::string& id) {
    return *std::find_if(all.begin(), all.end(), [&](const MonthlyFigure& f) { return f.id == id; });
  };

  // Summary: the figures a deputy manager reads first, and the report's own due date.
  Section summary{say("概要", "Summary"), {}};
  KeyFigures top;
  for (const char* id : {"complaints.received", "complaints.resolution_rate", "complaints.breaches", "standards.compliance",
                         "inspections.not_done"}) {
    top.figures.push_back(tile(figure(id), lang));
  }
  if (survey) top.figures.push_back(tile(figure("survey.satisfied"), lang));
  summary.blocks.push_back(top);
  if (report_due) {
    const auto& o = *report_due;
    std::string text = say("本报表 (", "This report (") + o.occurrence.cycle + say(") 应于 ", ") is due ") +
                       local_minute(clock, o.occurrence.due) + say(" 前报送: ", ": ") + state_word(o.state, lang);
    const std::string why = state_reason(o.state, o.occurrence.due, o.window_end, o.explanation, *this, lang);
    if (!why.empty()) text += " — " + why;
    summary.blocks.push_back(Note{text, state_status(o.state)});
  }
  doc.sections.push_back(std::move(summary));

  // Complaints: the month's intake and each timer.
  Section comp{say("投诉处理", "Complaints"), {}};
  KeyFigures cf;
  cf.figures.push_back(tile(figure("complaints.received"), lang));
  for (const auto& t : complaints.timers) cf.figures.push_back(tile(figure("timer." + t.timer + ".on_time"), lang));
  cf.figures.push_back(tile(figure("complaints.resolution_rate"), lang));
  comp.blocks.push_back(cf);
  Table timers;
  timers.header = {say("时限", "Timer"), say("规则", "Rule"), say("按时", "Met"), say("超时", "Breached"),
                   say("未决", "Pending"), say("按时率", "On time")};
  timers.align = {Align::left, Align::center, Align::right, Align::right, Align::right, Align::right};
  for (const auto& t : complaints.timers) {
    timers.rows.push_back({{say(name("timer", t.timer)), t.rule, count_text(t.met), count_text(t.breached),
                            count_text(t.pending), Cell(rate_text(t.on_time, lang), rate_status(t.on_time, targets.on_time))},
                           Status::none});
  }
  comp.blocks.push_back(timers);
  ChartSpec volume;
  volume.kind = ChartKind::daily_bars;
  volume.title = say("每日投诉受理量", "Complaints received per day");
  volume.series = say("受理投诉", "complaints received");
  volume.unit = say("件", "");
  volume.first_day = first_day;
  volume.decimals = 0;
  for (std::size_t n : complaints.received_by_day) volume.values.emplace_back(static_cast<double>(n));
  comp.blocks.push_back(Chart(volume));
  if (!complaints.timers.empty()) {
    const TimerKpi& first = complaints.timers.front();
    ChartSpec rate;
    rate.kind = ChartKind::daily_line;
    rate.title = say(name("timer", first.timer)) + say(" 每日按时率", " on time per day");
    rate.series = say("按时率", "on-time rate");
    rate.unit = "%";
    rate.first_day = first_day;
    rate.target = percent_target(targets.on_time);
    for (std::size_t d = 0; d < first.decided_by_day.size(); ++d) {
      if (first.decided_by_day[d] == 0) rate.values.emplace_back(std::nullopt);
      else rate.values.emplace_back(100.0 * static_cast<double>(first.met_by_day[d]) / static_cast<double>(first.decided_by_day[d]));
    }
    comp.blocks.push_back(Chart(rate));
  }
  doc.sections.push_back(std::move(comp));

  // Breaches, most overdue first, each explained.
  Section br{say("超时明细", "Breaches"), {}};
  if (breach_count == 0) {
    br.blocks.push_back(Paragraph{say("本月没有超时。", "No timer was breached this month.")});
  } else {
    br.blocks.push_back(Paragraph{zh ? "本月超时 " + count_text(breach_count) + " 次; 以下为超时最久的 " + count_text(breaches.size()) + " 次。"
                                     : count_text(breach_count) + " timer cycles were breached this month; the " +
                                           count_text(breaches.size()) + " most overdue:"});
    Table t;
    t.header = {say("投诉", "Case"), say("时限", "Timer"), say("应完成", "Due"), say("完成", "Done"), say("超时", "Overdue"),
                say("责任单位", "Unit")};
    t.align = {Align::left, Align::left, Align::left, Align::left, Align::right, Align::left};
    for (const auto& b : breaches) {
      t.rows.push_back({{b.case_id, say(name("timer", b.timer)) + " (" + b.rule + ")", local_minute(clock, b.due),
                         b.stopped.is_special() ? say("未完成", "open") : local_minute(clock, b.stopped),
                         detail::span_text(b.overdue, lang), b.unit.empty() ? "-" : say(name("unit", b.unit))},
                        Status::breach});
    }
    br.blocks.push_back(t);
    BulletList why;
    for (const auto& b : breaches) why.items.push_back(detail::breach_sentence(b, *this, lang));
    br.blocks.push_back(why);
  }
  doc.sections.push_back(std::move(br));

  // Open rectification notices, earliest deadline first.
  Section rn{say("整改通知", "Rectification notices"), {}};
  if (!has_notices) {
    rn.blocks.push_back(Note{say("未提供整改通知数据。", "No rectification notices were given to this report."), Status::none});
  } else if (notices.empty()) {
    rn.blocks.push_back(Paragraph{say("没有未关闭的整改通知。", "No rectification notice is open.")});
  } else {
    Table t;
    t.header = {say("通知", "Notice"), say("责任单位", "Unit"), say("状态", "State"), say("反馈期限", "Deadline")};
    for (const auto& n : notices) {
      t.rows.push_back({{n.case_id, n.unit.empty() ? "-" : say(name("unit", n.unit)), say(name("state", n.state)),
                         local_minute(clock, n.deadline)},
                        n.overdue ? Status::breach : Status::none});
    }
    rn.blocks.push_back(t);
  }
  if (!to_raise.empty()) {
    const auto pending = static_cast<std::size_t>(*figure("notices.to_raise").value);
    rn.blocks.push_back(Paragraph{zh ? "按章程, 本月情况应引发 " + count_text(to_raise.size()) + " 份整改通知, 其中 " +
                                           count_text(pending) + " 份尚未下发:"
                                     : "Under the charter, this month raises " + count_text(to_raise.size()) +
                                           " rectification notices, " + count_text(pending) +
                                           " of them not yet issued:"});
    Table t;
    t.header = {say("通知", "Notice"), say("责任单位", "Unit"), say("问题", "Problem"), say("反馈期限", "Deadline"),
                say("已下发", "Issued")};
    t.align = {Align::left, Align::left, Align::left, Align::left, Align::center};
    for (const auto& x : to_raise) {
      const workflow::Notice& n = x.notice;
      t.rows.push_back({{n.case_id, n.unit.empty() ? "-" : say(name("unit", n.unit)), n.problem,
                         local_minute(clock, n.deadline), x.issued ? say("是", "yes") : say("否", "no")},
                        x.issued ? Status::none : Status::warning});
    }
    rn.blocks.push_back(t);
  }
  doc.sections.push_back(std::move(rn));

  // Standards compliance by standard and by unit.
  Section sc{say("服务标准达标", "Standards compliance"), {}};
  sc.blocks.push_back(KeyFigures{{tile(figure("standards.compliance"), lang), tile(figure("standards.not_met"), lang)}});
  if (by_standard.rows.empty()) {
    sc.blocks.push_back(Paragraph{say("本月没有服务观察记录。", "No service observations this month.")});
  } else {
    const auto rate_table = [&](const standard::ComplianceTable& table, const char* zh_head, const char* en_head,
                                const std::string& kind) {
      Table t;
      t.header = {say(zh_head, en_head), say("检查", "Checked"), say("达标", "Met"), say("未达标", "Not met"), say("达标率", "Rate")};
      t.align = {Align::left, Align::right, Align::right, Align::right, Align::right};
      for (const auto& row : table.rows) {
        const std::string& id = row.key[0];
        const std::string label = kind == "standard" ? id + " " + say(name(kind, id)) : id.empty() ? "-" : say(name(kind, id));
        t.rows.push_back({{label, count_text(row.checked()), count_text(row.met), count_text(row.not_met),
                           Cell(rate_text(row.rate(), lang), rate_status(row.rate(), targets.compliance))},
                          Status::none});
      }
      return t;
    };
    sc.blocks.push_back(rate_table(by_standard, "标准", "Standard", "standard"));
    sc.blocks.push_back(rate_table(by_unit, "单位", "Unit", "unit"));
    // The chart shows the units with checks, the lowest rates first when there are many.
    std::vector<const standard::ComplianceRow*> rows;
    for (const auto& row : by_unit.rows) {
      if (row.checked()) rows.push_back(&row);
    }
    constexpr std::size_t kChartUnits = 30;
    if (rows.size() > kChartUnits) {
      std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return a->rate() < b->rate(); });
      rows.resize(kChartUnits);
    }
    if (!rows.empty()) {
      ChartSpec c;
      c.kind = ChartKind::category_bars;
      c.title = rows.size() < by_unit.rows.size() && by_unit.rows.size() > kChartUnits
                    ? say("达标率最低的单位", "Units with the lowest compliance")
                    : say("各单位达标率", "Compliance by unit");
      c.series = say("达标率", "compliance");
      c.unit = "%";
      c.target = percent_target(targets.compliance);
      for (const auto* row : rows) {
        c.categories.push_back(row->key[0].empty() ? "-" : say(name("unit", row->key[0])));
        c.values.emplace_back(row->rate() * 100);
      }
      sc.blocks.push_back(Chart(c));
    }
  }
  doc.sections.push_back(std::move(sc));

  // The inspection plan: every cycle's occurrences, and those that need attention.
  Section ip{say("检查计划", "Inspection plan"), {}};
  if (inspections.empty()) {
    ip.blocks.push_back(Paragraph{say("本月没有检查周期。", "No inspection cycle falls in this month.")});
  } else {
    ip.blocks.push_back(cycle_table(inspections, *this, lang));
  }
  for (const auto& o : attention) ip.blocks.push_back(Note{occurrence_line(o, *this, lang), state_status(o.state) == Status::ok ? Status::warning : state_status(o.state)});
  if (record_problems) {
    ip.blocks.push_back(Note{zh ? count_text(record_problems) + " 条完成记录无法计入 (见 cycle.status 的 problems)。"
                                : count_text(record_problems) + " completion records could not count (see cycle.status problems).",
                             Status::warning});
  }
  doc.sections.push_back(std::move(ip));

  // Surveys: their cycles, and the results when given.
  Section sv{say("满意度调查", "Surveys"), {}};
  if (!survey_cycles.empty()) sv.blocks.push_back(cycle_table(survey_cycles, *this, lang));
  for (const auto& o : survey_occurrences) sv.blocks.push_back(Note{occurrence_line(o, *this, lang), state_status(o.state)});
  if (survey && survey_design) {
    sv.blocks.push_back(KeyFigures{{tile(figure("survey.respondents"), lang), tile(figure("survey.satisfied"), lang)}});
    Table t;
    t.caption = say(survey_design->spec().title);
    t.header = {say("项目", "Item"), say("回答", "Answers"), say("平均分", "Mean"), say("满意率", "Satisfied"),
                say("置信区间", "Interval")};
    t.align = {Align::left, Align::right, Align::right, Align::right, Align::left};
    const auto row_of = [&](const cycle::Estimate& e, const std::string& label) {
      char mean[32], interval[64];
      std::snprintf(mean, sizeof mean, "%.2f", e.mean);
      std::snprintf(interval, sizeof interval, "%.1f – %.1f %%", e.satisfied_low * 100, e.satisfied_high * 100);
      const bool none = std::isnan(e.satisfied);
      return Row{{label, count_text(static_cast<std::size_t>(e.answers)), none ? say("无数据", "no data") : mean,
                  Cell(rate_text(e.satisfied, lang), rate_status(e.satisfied, targets.satisfaction)),
                  none ? "-" : interval},
                 Status::none};
    };
    for (std::size_t i = 0; i < survey->dimensions.size(); ++i) {
      t.rows.push_back(row_of(survey->dimensions[i], say(survey_design->dimensions()[i].label)));
    }
    t.rows.push_back(row_of(survey->overall, say("总体", "Overall")));
    sv.blocks.push_back(t);
  } else if (survey_cycles.empty()) {
    sv.blocks.push_back(Paragraph{say("本月没有调查。", "No survey this month.")});
  }
  doc.sections.push_back(std::move(sv));

  // Staff appraisal (360°): the count per grade.
  if (appraisal && appraisal_scheme) {
    Section ap{say("员工考评", "Staff appraisal"), {}};
    Table t;
    t.header = {say("等级", "Grade"), say("人数", "Staff")};
    t.align = {Align::left, Align::right};
    for (std::size_t g = 0; g < appraisal->grades.size(); ++g) {
      const auto& grade = appraisal_scheme->grades()[g];
      t.rows.push_back({{say(grade.label), count_text(static_cast<std::size_t>(appraisal->grades[g].count))}, Status::none});
    }
    t.rows.push_back({{say("未评等级", "Not graded"), count_text(static_cast<std::size_t>(appraisal->not_graded))}, Status::none});
    ap.blocks.push_back(t);
    if (appraisal->partial) {
      ap.blocks.push_back(Note{zh ? count_text(static_cast<std::size_t>(appraisal->partial)) + " 人按部分维度评定。"
                                  : count_text(static_cast<std::size_t>(appraisal->partial)) + " staff were graded on part of the components.",
                               Status::warning});
    }
    doc.sections.push_back(std::move(ap));
  }
  return doc;
}

}  // namespace charter::report
