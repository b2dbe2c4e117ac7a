// charter demo: the rulebook's deadlines for complaints received at awkward times, on the
// built-in China calendar (09:00–18:30, Asia/Shanghai, official holidays and make-up days); who
// answers for complaints in the built-in charter's organisation; then a generated month of
// complaints replayed through the built-in complaint workflow, with the breaches and the cases at
// risk at the end of the month, explained; and the bundled sample event file
// (examples/complaints.csv, with one unreadable line and one refused event in it); then a
// generated day of service observations checked against the built-in standards, with the
// compliance table, the worst units and staff, and one explained breach of each standard; and
// the bundled sample of observations (examples/observations.csv); and last, the main job: a
// generated month of a centre drawn up as the monthly quality report, written to
// out/report-2025-11.html and printed in Markdown.
//
// Each deadline is printed with its explanation: the rule, every closed span skipped and why,
// make-up days worked, and the result in local time.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "charter/charter.hpp"

namespace cal = charter::calendar;
using boost::posix_time::ptime;

namespace {

// Who answers for complaints in the built-in charter, and where they escalate (S4, S1 p3).
void print_organisation() {
  const charter::Charter& c = charter::builtin();
  const charter::org::Organization& org = c.organization();
  std::cout << "\n════ the built-in charter: " << c.name().both() << "\n";
  for (const char* action : {"complaint.accept", "complaint.escalate", "complaint.resolve"}) {
    const auto accountable = org.accountable_for({charter::org::SubjectKind::action, action});
    std::cout << "\n── " << action << "\n   accountable: "
              << (accountable ? accountable->name.both() : std::string("nobody")) << "\n";
    for (const auto& role : org.responsible_for(action)) {
      std::cout << "   responsible: " << role.name.both() << "; escalates to";
      for (const auto& up : org.escalation_chain(role.id)) std::cout << " → " << up.name.both();
      std::cout << "\n";
    }
  }
  const auto decision = org.may_role("archive_staff", "complaint.escalate");
  std::cout << "\n── may the customer-archive staff escalate a complaint? "
            << (decision.allowed ? "yes" : "no") << ": " << decision.reason << "\n";
}

std::string local(const charter::calendar::BusinessCalendar& cal, const ptime& utc) {
  if (utc.is_special()) return "-";
  const ptime t = cal.to_local(utc);
  char hm[16];
  std::snprintf(hm, sizeof hm, " %02d:%02d", static_cast<int>(t.time_of_day().hours()),
                static_cast<int>(t.time_of_day().minutes()));
  return cal::format_date(t.date()) + hm;
}

std::string hours_minutes(const boost::posix_time::time_duration& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ldh%02ldm", static_cast<long>(d.hours()), static_cast<long>(d.minutes()));
  return buf;
}

// November 2025 on the built-in charter: a generated stream of complaints (the one the
// benchmarks use) through the complaint workflow, looked at on the evening of 30 November.
void replay_a_month(const std::string& sample_csv) {
  namespace wf = charter::workflow;
  const charter::Charter c =
      charter::builtin().with_staff(wf::generated_roster(charter::builtin().organization(), 3));
  const auto& hotline = c.calendar("hotline");
  wf::ComplaintStreamOptions o;
  o.complaints = 1500;
  o.start = hotline.from_local(cal::parse_date_time("2025-11-01 00:00"));
  o.span = boost::posix_time::hours(24 * 30);
  const std::vector<wf::Event> events = wf::complaint_stream(c, o);
  const ptime as_of = hotline.from_local(cal::parse_date_time("2025-11-30 18:00"));

  wf::Tracker tracker(c.workflow("complaint"));
  const auto t0 = std::chrono::steady_clock::now();
  const wf::IngestReport report = tracker.ingest(events);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "\n════ a month of complaints: November 2025, the built-in complaint workflow, 3 staff per role\n"
            << "   " << tracker.size() << " complaints, " << report.accepted << " events accepted, "
            << report.rejected.size() << " refused, replayed in " << static_cast<int>(ms) << " ms\n";

  const wf::StatusTable s = tracker.status(as_of);
  std::map<std::string, int> by_state;
  for (std::size_t i = 0; i < s.case_ids.size(); ++i) ++by_state[s.state_names[static_cast<std::size_t>(s.state[i])]];
  std::cout << "\n── as of " << local(hotline, as_of) << " (Asia/Shanghai): " << s.case_ids.size()
            << " complaints opened\n  ";
  for (const auto& [state, n] : by_state) std::cout << " " << state << " " << n << ";";
  std::cout << "\n";

  const auto breaches = tracker.breaches(as_of);
  std::map<std::string, int> by_timer;
  for (const auto& b : breaches) ++by_timer[b.timer + " (" + b.rule + ")"];
  std::cout << "\n── breached by then: " << breaches.size() << " timer cycles\n";
  for (const auto& [timer, n] : by_timer) std::cout << "   " << timer << ": " << n << "\n";

  auto risks = tracker.at_risk(as_of);
  std::sort(risks.begin(), risks.end(), [](const auto& a, const auto& b) { return a.remaining < b.remaining; });
  std::cout << "\n── at risk now (past the warning, not yet due): " << risks.size() << " timer cycles; the most urgent:\n";
  for (std::size_t i = 0; i < risks.size() && i < 5; ++i) {
    const auto& r = risks[i];
    const wf::CaseStatus cs = tracker.status(r.case_id, as_of);
    std::cout << "   " << r.case_id << " " << r.timer << " (" << r.rule << ") due " << local(hotline, r.due) << ", "
              << hours_minutes(r.remaining) << " left; next: " << cs.next_event << " by";
    for (const auto& role : cs.responsible) std::cout << " " << role;
    std::cout << "\n";
  }
  if (!risks.empty()) std::cout << "\n" << tracker.explain(risks.front().case_id, risks.front().timer, as_of).text;

  // One breach of each timer, explained: the start, pauses, goal, due instant and result.
  std::map<std::string, const wf::Breach*> first;
  for (const auto& b : breaches) first.emplace(b.timer, &b);
  for (const auto& [timer, b] : first) {
    std::cout << "\n── a breach of " << timer << (b->escalated_to.empty() ? "" : ", escalated to " + b->escalated_to)
              << "\n" << tracker.explain(b->case_id, timer, as_of, b->cycle).text;
  }

  // The bundled sample: a hand-written event file, as a centre's system would export it.
  wf::Tracker sample(c.workflow("complaint"));
  const wf::IngestReport r = sample.ingest_file(sample_csv);
  std::cout << "\n════ the sample event file " << sample_csv << ": " << r.accepted << " events accepted, "
            << r.rejected.size() << " refused\n";
  for (const auto& x : r.rejected) std::cout << "   line " << x.line << " [" << x.rule << "] " << x.message << "\n";
  const ptime sample_as_of = hotline.from_local(cal::parse_date_time("2025-10-09 12:00"));
  for (const auto& id : sample.case_ids()) {
    const wf::CaseStatus cs = sample.status(id, sample_as_of);
    std::cout << "\n── " << id << " as of " << local(hotline, sample_as_of) << ": " << cs.state;
    for (const auto& [k, v] : cs.attributes) std::cout << ", " << k << " " << v;
    std::cout << "\n";
    for (const auto& t : cs.timers) {
      const char* result = t.met ? "met" : t.breached ? "BREACHED" : t.at_risk ? "at risk"
                           : t.phase == wf::TimerPhase::paused ? "paused" : "running";
      std::cout << "   " << t.timer << " (" << t.rule << "): due " << local(hotline, t.due) << " — " << result << "\n";
    }
    for (const auto& e : cs.escalations) {
      std::cout << "   escalated (" << e.id << ", " << e.rule << ") to " << e.role << " at " << local(hotline, e.at) << "\n";
    }
    if (!cs.next_event.empty()) std::cout << "   next: " << cs.next_event << "\n";
  }
}


// The bundled sample of observations (examples/observations.csv) as a centre's systems would
// export them: one line that cannot be read, one rings count that is not a number, breaches.
void check_sample(const std::string& path) {
  namespace st = charter::standard;
  const charter::Charter& c = charter::builtin();
  const charter::io::ObservationFileContents file = charter::io::read_observation_file(path, c.calendar("office"));
  std::cout << "\n════ the sample observation file " << path << ": " << file.observations.size()
            << " observations, " << file.errors.size() << " unreadable\n";
  for (const auto& e : file.errors) std::cout << "   " << charter::io::describe(e, path) << "\n";
  std::vector<st::Observation> obs;
  for (const auto& line : file.observations) obs.push_back(line.observation);
  const st::Findings f = st::evaluate(c, obs);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.outcome()[i] == st::Outcome::not_met || f.outcome()[i] == st::Outcome::invalid) {
      std::cout << "   " << f.explanation(i) << "\n";
    }
  }
}

// Thursday 9 October 2025 at the centre: a generated day of calls, visits, orders, packings and
// requests checked against the built-in standards (seed-rules §1 and §4).
void check_a_day() {
  namespace st = charter::standard;
  const charter::Charter& c = charter::builtin();
  const auto& office = c.calendar("office");
  st::ObservationStreamOptions o;
  o.observations = 5000;
  o.start = office.from_local(cal::parse_date_time("2025-10-09 00:00"));
  o.span = boost::posix_time::hours(24);
  const std::vector<st::Observation> day = st::observation_stream(c, office, o);
  const auto t0 = std::chrono::steady_clock::now();
  const st::Findings f = st::evaluate(c, day);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "\n════ a day of service: " << day.size() << " observations on 2025-10-09 against "
            << c.standards().size() << " standards, " << f.size() << " findings in " << static_cast<int>(ms) << " ms\n";

  auto percent = [](double rate) {
    char buf[16];
    if (rate != rate) return std::string("   -  ");
    std::snprintf(buf, sizeof buf, "%5.1f%%", 100 * rate);
    return std::string(buf);
  };
  std::cout << "\n── compliance by standard (met / not met / not applicable / invalid)\n";
  for (const auto& r : st::compliance(f, {st::Dimension::standard}).rows) {
    const st::Standard& s = c.standard(r.key[0]);
    char counts[64];
    std::snprintf(counts, sizeof counts, "%5zu %4zu %5zu %3zu", r.met, r.not_met, r.not_applicable, r.invalid);
    std::cout << "   " << percent(r.rate()) << "  " << counts << "  " << s.id() << "  " << s.title().both()
              << " — owner " << s.owner() << "\n";
  }
  std::cout << "\n── by unit\n";
  for (const auto& r : st::compliance(f, {st::Dimension::unit}).rows) {
    std::cout << "   " << percent(r.rate()) << "  " << r.key[0] << " (" << r.checked() << " checks)\n";
  }
  std::cout << "\n── the five staff with the lowest compliance (at least 100 checks)\n";
  for (const auto& r : st::worst(st::compliance(f, {st::Dimension::staff}), 5, 100)) {
    std::cout << "   " << percent(r.rate()) << "  " << r.key[0] << ": " << r.not_met << " breaches in " << r.checked()
              << " checks\n";
  }
  std::cout << "\n── one breach of each standard, explained\n";
  std::vector<bool> shown(f.standards().size(), false);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.outcome()[i] != st::Outcome::not_met || shown[f.standard()[i]]) continue;
    shown[f.standard()[i]] = true;
    std::cout << "   " << f.explanation(i) << "\n";
  }
  std::size_t invalid = 0;
  for (const auto outcome : f.outcome()) invalid += outcome == st::Outcome::invalid;
  std::cout << "\n── records that could not be checked: " << invalid << "; the first:\n";
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.outcome()[i] == st::Outcome::invalid) {
      std::cout << "   " << f.explanation(i) << "\n";
      break;
    }
  }
}

// The main job: November 2025 at a centre on the built-in charter — a generated month of
// complaints, service observations and inspection records, with two rectification notices —
// drawn up as the monthly quality report (客服质量月度报表, R-23) on 1 December: written as
// one self-contained HTML page to out/report-2025-11.html and printed here in Markdown.
void monthly_report(const std::string& out_dir) {
  namespace wf = charter::workflow;
  namespace st = charter::standard;
  const charter::Charter c =
      charter::builtin().with_staff(wf::generated_roster(charter::builtin().organization(), 3));
  const auto& office = c.calendar("office");
  const ptime from = office.from_local(cal::parse_date_time("2025-11-01 00:00"));
  const ptime to = office.from_local(cal::parse_date_time("2025-12-01 00:00"));
  const auto t0 = std::chrono::steady_clock::now();

  wf::ComplaintStreamOptions co;
  co.complaints = 1500;
  co.start = from;
  co.span = to - from;
  wf::Tracker complaints(c.workflow("complaint"));
  complaints.ingest(wf::complaint_stream(c, co));

  st::ObservationStreamOptions oo;
  oo.observations = 30000;
  oo.start = from;
  oo.span = to - from;
  const st::Findings findings = st::evaluate(c, st::observation_stream(c, office, oo));

  charter::cycle::CompletionStreamOptions ro;
  ro.from = office.from_local(cal::parse_date_time("2025-01-01 00:00"));
  ro.to = to;
  const auto records = charter::cycle::completion_stream(c, ro);

  // Two notices issued after the mid-month check; the front desk's is answered, the call
  // centre's is still open at month end, past its deadline.
  wf::Tracker notices(c.workflow("rectification"));
  const auto at = [&](const char* wall) { return office.from_local(cal::parse_date_time(wall)); };
  notices.apply({"RN-2025-11-01", at("2025-11-14 10:00"), "issue", "quality_staff.1",
                 {{"unit", "call_centre"}, {"problem", "calls rang more than five times without an apology (R-02)"},
                  {"deadline", "2025-11-21 18:00"}}});
  notices.apply({"RN-2025-11-02", at("2025-11-17 15:00"), "issue", "quality_staff.1",
                 {{"unit", "front_desk"}, {"problem", "visitors not greeted within a minute (R-03)"},
                  {"deadline", "2025-12-05 18:00"}}});
  notices.apply({"RN-2025-11-02", at("2025-11-18 09:30"), "acknowledge", "front_desk_supervisor.1", {}});

  charter::report::MonthlyOptions o;
  o.rectifications = &notices;
  const charter::report::MonthlyReport r = charter::report::monthly(c, complaints, findings, records, 2025, 11, o);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  std::filesystem::create_directories(out_dir);
  const std::string path = out_dir + "/report-2025-11.html";
  charter::io::write_file_atomically(path, charter::report::to_html(r, charter::report::Lang::zh));
  std::cout << "\n════ the monthly quality report, November 2025: " << complaints.size() << " complaints, "
            << findings.size() << " findings, " << records.size() << " completion records; generated and drawn up in "
            << static_cast<int>(ms) << " ms\n   the page (Chinese): " << path << "\n\n"
            << charter::report::to_markdown(r, charter::report::Lang::en);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string sample_csv = argc > 1 ? argv[1] : "examples/complaints.csv";
  const std::string sample_observations = argc > 2 ? argv[2] : "examples/observations.csv";
  const cal::BusinessCalendar cn = cal::china_calendar();

  struct Case {
    const char* what;
    const char* received;  // local wall time in Asia/Shanghai
  };
  const std::vector<Case> cases = {
      {"Friday evening, after closing", "2025-06-13 19:45:00"},
      {"the eve of National Day 2025, an hour before closing", "2025-09-30 17:30:00"},
      {"at lunchtime on a make-up Sunday (调休上班)", "2025-09-28 12:15:00"},
      {"New Year's Eve 2024, late afternoon", "2024-12-31 16:00:00"},
  };
  struct Rule {
    const char* id;
    const char* what;
    const char* text;
  };
  // The built-in charter counts complaint hours on the clock and order rules in business time
  // (shared/domain/seed-rules.md §7); the business-time reading of R-05 is shown beside it,
  // because a charter file may choose it.
  const std::vector<Rule> rules = {
      {"R-05", "reply to the complaint (24小时内回复)", "24 hours"},
      {"R-05", "resolve the complaint (48小时内解决)", "48 hours"},
      {"R-05", "reply, if the charter counts business hours", "24 business hours"},
      {"R-10", "make up the online order the same day (当天下班前配好)", "end of business day"},
      {"R-10", "large or late order, next day at the latest (第二天务必配好)",
       "end of next business day"},
      {"R-23", "monthly quality report (每月底前, 客服质量月度报表)", "end of month"},
  };

  std::cout << "charter demo — deadlines on the built-in calendar '" << cn.name() << "' ("
            << cn.zone() << ", " << cal::format_date(cn.first_day()) << ".."
            << cal::format_date(cn.last_day()) << ")\n";
  for (const Case& c : cases) {
    const ptime received = cn.from_local(cal::parse_date_time(c.received));
    std::cout << "\n════ complaint received " << c.received << " — " << c.what << "\n";
    for (const Rule& r : rules) {
      const cal::Deadline deadline = cal::Deadline::parse(r.text);
      std::cout << "\n── " << r.id << " " << r.what << "\n"
                << deadline.explain(received, cn).text;
    }
  }
  print_organisation();
  replay_a_month(sample_csv);
  check_a_day();
  check_sample(sample_observations);
  monthly_report(argc > 3 ? argv[3] : "out");
  return 0;
}
