// Many complaints at once: the tracker, its batch and file ingestion, status columns, breaches
// and at-risk lists, and the generated complaint stream the demo and benchmarks replay.

#include "charter/workflow/tracker.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../test_support.hpp"
#include "charter/detail/instant.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "workflow_test_support.hpp"

namespace charter::workflow {
namespace {

using test::event;
using test::shanghai;

const Definition& complaint() { return test::staffed_builtin().workflow("complaint"); }

const Charter& roster_charter() { return test::roster_builtin(); }

using test::november;

TEST(ComplaintStream, IsDeterministicAndEveryEventIsAccepted) {
  const auto a = complaint_stream(roster_charter(), november(2000));
  const auto b = complaint_stream(roster_charter(), november(2000));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, complaint_stream(roster_charter(), november(2000, 8)));
  EXPECT_GT(a.size(), 2000u * 9);
  for (std::size_t i = 1; i < a.size(); ++i) ASSERT_LE(a[i - 1].at, a[i].at) << i;
  Tracker t(roster_charter().workflow("complaint"));
  const IngestReport r = t.ingest(a);
  for (const auto& x : r.rejected) ADD_FAILURE() << x.line << " " << x.case_id << " " << x.message;
  EXPECT_EQ(r.accepted, a.size());
  EXPECT_EQ(t.size(), 2000u);
  EXPECT_EQ(t.event_count(), a.size());
}

TEST(ComplaintStream, CutsEachLifeAfterTheEventsAsked) {
  ComplaintStreamOptions o = november(500);
  o.max_events_per_complaint = 6;
  const auto events = complaint_stream(roster_charter(), o);
  EXPECT_EQ(events.size(), 3000u);
  Tracker t(roster_charter().workflow("complaint"));
  EXPECT_EQ(t.ingest(events).accepted, 3000u);
  const StatusTable s = t.status(shanghai("2026-06-01 00:00"));
  for (auto open : s.open) EXPECT_EQ(open, 1);
}

TEST(Tracker, StatusColumnsAgreeWithEachCasesOwnStatus) {
  Tracker t(roster_charter().workflow("complaint"));
  t.ingest(complaint_stream(roster_charter(), november(300)));
  for (const char* when : {"2025-11-10 12:00", "2025-11-20 00:00", "2025-12-15 00:00"}) {
    const auto as_of = shanghai(when);
    const StatusTable table = t.status(as_of);
    ASSERT_EQ(table.case_ids.size(), table.state.size());
    for (std::size_t i = 0; i < table.case_ids.size(); i += 7) {
      const CaseStatus s = t.status(table.case_ids[i], as_of);
      EXPECT_EQ(table.state_names[static_cast<std::size_t>(table.state[i])], s.state);
      EXPECT_EQ(table.events[i], s.events);
      for (const auto& col : table.timers) {
        const TimerStatus* ts = s.timer(col.timer);
        if (!ts) {
          EXPECT_EQ(col.phase[i], -1);
          EXPECT_EQ(col.due[i], StatusTable::kNone);
          continue;
        }
        EXPECT_EQ(col.phase[i], static_cast<int>(ts->phase)) << s.case_id << " " << col.timer;
        EXPECT_EQ(col.cycle[i], ts->cycle);
        EXPECT_EQ(col.breached[i] != 0, ts->breached) << s.case_id << " " << col.timer;
        EXPECT_EQ(col.at_risk[i] != 0, ts->at_risk);
        EXPECT_EQ(col.remaining[i], ts->remaining.total_microseconds());
        if (!ts->due.is_special()) EXPECT_EQ(col.due[i], (ts->due - charter::detail::unix_epoch()).total_microseconds());
      }
    }
  }
}

// Period reports count every cycle: a complaint reopened after its first resolution keeps that
// cycle as a row of its own beside the new one.
TEST(Tracker, CyclesListEveryTimerCycleOfEveryCaseOpenedByTheInstant) {
  Tracker t(roster_charter().workflow("complaint"));
  t.ingest(complaint_stream(roster_charter(), november(400)));
  std::size_t restarted = 0;
  for (const char* when : {"2025-11-10 12:00", "2025-12-15 00:00"}) {
    const auto as_of = shanghai(when);
    const CycleTable cycles = t.cycles(as_of);
    const StatusTable status = t.status(as_of);
    ASSERT_EQ(cycles.case_ids, status.case_ids);
    ASSERT_EQ(cycles.opened, status.opened);
    ASSERT_EQ(cycles.timer_names.size(), status.timers.size());
    ASSERT_EQ(cycles.timer_rules.size(), cycles.timer_names.size());
    ASSERT_EQ(cycles.timer.size(), cycles.size());
    ASSERT_EQ(cycles.breached.size(), cycles.size());
    std::size_t row = 0, breached = 0;
    for (std::size_t c = 0; c < cycles.case_ids.size(); ++c) {
      const CaseStatus s = t.status(cycles.case_ids[c], as_of);
      for (const TimerStatus& ts : s.timers) {
        ASSERT_LT(row, cycles.size());
        EXPECT_EQ(cycles.case_row[row], c);
        EXPECT_EQ(cycles.timer_names[cycles.timer[row]], ts.timer);
        EXPECT_EQ(cycles.timer_rules[cycles.timer[row]], ts.rule);
        EXPECT_EQ(cycles.cycle[row], ts.cycle);
        EXPECT_EQ(cycles.phase[row], static_cast<int>(ts.phase));
        EXPECT_EQ(cycles.met[row] != 0, ts.met);
        EXPECT_EQ(cycles.breached[row] != 0, ts.breached) << s.case_id << " " << ts.timer;
        EXPECT_EQ(cycles.at_risk[row] != 0, ts.at_risk);
        EXPECT_EQ(cycles.started[row], (ts.started - charter::detail::unix_epoch()).total_microseconds());
        EXPECT_EQ(cycles.stopped[row], ts.stopped.is_special() ? CycleTable::kNone
                                                               : (ts.stopped - charter::detail::unix_epoch()).total_microseconds());
        EXPECT_EQ(cycles.due[row], ts.due.is_special() ? CycleTable::kNone
                                                       : (ts.due - charter::detail::unix_epoch()).total_microseconds());
        EXPECT_EQ(cycles.elapsed[row], ts.elapsed.total_microseconds());
        EXPECT_EQ(cycles.remaining[row], ts.remaining.total_microseconds());
        breached += cycles.breached[row];
        restarted += cycles.cycle[row] > 1;
        ++row;
      }
    }
    EXPECT_EQ(row, cycles.size());
    EXPECT_EQ(breached, t.breaches(as_of).size());  // every breached cycle, not one per timer
  }
  EXPECT_GT(restarted, 0u);  // the stream reopens some complaints
  const CycleTable before = t.cycles(shanghai("2025-10-01 00:00"));
  EXPECT_TRUE(before.case_ids.empty());
  EXPECT_EQ(before.size(), 0u);
  EXPECT_EQ(before.timer_names.size(), t.definition().spec().timers.size());
}

TEST(Tracker, ReplayingTheSameEventsGivesTheSameAnswers) {
  const auto events = complaint_stream(roster_charter(), november(400, 3));
  Tracker a(roster_charter().workflow("complaint")), b(roster_charter().workflow("complaint"));
  a.ingest(events);
  b.ingest(events);
  test::expect_same_tracker(a, b, shanghai("2025-11-25 00:00"));
}

TEST(Tracker, StatusAsOfAnEarlierInstantIgnoresLaterEventsAndCases) {
  Tracker t(complaint());
  t.apply(event("C-1", "2025-09-26 17:00", "receive", "archive_staff.1", {{"severity", "minor"}, {"channel", "web"}}));
  t.apply(event("C-2", "2025-09-27 09:00", "receive", "archive_staff.1", {{"severity", "minor"}, {"channel", "web"}}));
  t.apply(event("C-1", "2025-09-27 10:00", "acknowledge", "quality_staff.1"));
  const StatusTable early = t.status(shanghai("2025-09-27 08:00"));
  ASSERT_EQ(early.case_ids, std::vector<std::string>{"C-1"});
  EXPECT_EQ(early.state_names[static_cast<std::size_t>(early.state[0])], "received");
  EXPECT_EQ(t.status(shanghai("2025-09-26 16:00")).case_ids.size(), 0u);
  const StatusTable late = t.status(shanghai("2025-09-27 12:00"));
  EXPECT_EQ(late.case_ids, (std::vector<std::string>{"C-1", "C-2"}));
  EXPECT_EQ(late.state_names[static_cast<std::size_t>(late.state[0])], "acknowledged");
}

TEST(Tracker, ABadEventInABatchIsReportedAndTheRestKept) {
  Tracker t(complaint());
  const IngestReport r = t.ingest({
      event("C-1", "2025-09-26 17:00", "receive", "archive_staff.1", {{"severity", "minor"}, {"channel", "web"}}),
      event("C-1", "2025-09-26 18:00", "resolve", "after_sales_supervisor.1", {{"resolution", "x"}}),
      event("C-2", "2025-09-26 18:00", "acknowledge", "quality_staff.1"),
      event("C-1", "2025-09-26 19:00", "acknowledge", "quality_staff.1"),
  });
  EXPECT_EQ(r.accepted, 2u);
  ASSERT_EQ(r.rejected.size(), 2u);
  EXPECT_EQ(r.rejected[0].line, 2u);
  EXPECT_EQ(r.rejected[0].rule, "transition");
  EXPECT_EQ(r.rejected[0].case_id, "C-1");
  EXPECT_EQ(r.rejected[1].line, 3u);
  EXPECT_EQ(r.rejected[1].rule, "transition");  // a case must start with receive
  EXPECT_FALSE(t.contains("C-2"));
  EXPECT_EQ(t.get("C-1").state(), "acknowledged");
  CHARTER_EXPECT_THROW_MSG(t.get("C-2"), UnknownIdError, "no case 'C-2'");
  CHARTER_EXPECT_THROW_MSG(t.apply(event("C-1", "2025-09-26 18:30", "investigate", "quality_staff.1")), RejectedEventError,
                           "before the case's last event");
}

TEST(Tracker, IngestsAnEventFileReportingBadLinesByNumber) {
  Tracker t(complaint());
  const std::string csv =
      "case,at,event,actor,severity,channel,resolution\n"
      "C-1,2025-09-26 17:00,receive,archive_staff.1,major,phone,\n"
      "C-1,2025-13-01 17:00,acknowledge,quality_staff.1,,,\n"
      "C-1,2025-09-26 17:10,report,archive_staff.1,,,\n"
      "C-1,2025-09-26 17:20,resolve,after_sales_supervisor.1,,,\"done, fully\"\n"
      "C-1,2025-09-26T10:30:00Z,acknowledge,quality_staff.1,,,\n";
  const IngestReport r = t.ingest_text(csv, "csv", "events.csv");
  EXPECT_EQ(r.accepted, 3u);
  ASSERT_EQ(r.rejected.size(), 2u);
  EXPECT_EQ(r.rejected[0].line, 3u);
  EXPECT_EQ(r.rejected[0].rule, "format");
  EXPECT_NE(r.rejected[0].message.find("events.csv:3:"), std::string::npos) << r.rejected[0].message;
  EXPECT_EQ(r.rejected[1].line, 5u);
  EXPECT_EQ(r.rejected[1].rule, "transition");
  // 10:30Z is 18:30 in Shanghai.
  EXPECT_EQ(t.status("C-1", shanghai("2025-09-26 19:00")).state, "acknowledged");
  CHARTER_EXPECT_THROW_MSG(t.ingest_text(csv, "xml"), std::invalid_argument, "unknown event format 'xml'");
}

TEST(Tracker, IngestingTheSameStreamTwiceRefusesEveryEventAsADuplicate) {
  const auto events = complaint_stream(roster_charter(), november(200, 9));
  Tracker t(roster_charter().workflow("complaint"));
  EXPECT_EQ(t.ingest(events).accepted, events.size());
  const IngestReport again = t.ingest(events);
  EXPECT_EQ(again.accepted, 0u);
  ASSERT_EQ(again.rejected.size(), events.size());
  for (const auto& r : again.rejected) ASSERT_EQ(r.rule, "duplicate") << r.message;
  EXPECT_EQ(t.event_count(), events.size());
}

TEST(Tracker, BreachesAndRisksMatchTheStatusColumns) {
  Tracker t(roster_charter().workflow("complaint"));
  t.ingest(complaint_stream(roster_charter(), november(1000, 11)));
  const auto as_of = shanghai("2025-11-20 00:00");
  const StatusTable s = t.status(as_of);
  std::size_t breached_cases = 0, risky_cases = 0;
  for (std::size_t i = 0; i < s.case_ids.size(); ++i) {
    breached_cases += s.breached[i];
    risky_cases += s.at_risk[i];
  }
  std::set<std::string> breached, risky;
  const auto breaches = t.breaches(as_of);
  for (const auto& b : breaches) breached.insert(b.case_id);
  for (const auto& a : t.at_risk(as_of)) risky.insert(a.case_id);
  EXPECT_EQ(breached.size(), breached_cases);
  EXPECT_EQ(risky.size(), risky_cases);
  EXPECT_GT(breached_cases, 0u);  // the stream has late replies and late reports
  EXPECT_GT(risky_cases, 0u);
  for (const auto& b : breaches) {
    EXPECT_GT(b.overdue.total_seconds(), 0) << b.case_id << " " << b.timer;
    if (b.timer == "reply") EXPECT_EQ(b.escalated_to, "cs_manager");
  }
  const TimerExplanation x = t.explain(breaches.front().case_id, breaches.front().timer, as_of);
  EXPECT_TRUE(x.status.breached);
  EXPECT_NE(x.text.find("breached"), std::string::npos) << x.text;
}

TEST(Tracker, ACopyIsIndependent) {
  Tracker a(complaint());
  a.apply(event("C-1", "2025-09-26 17:00", "receive", "archive_staff.1", {{"severity", "minor"}, {"channel", "web"}}));
  Tracker b = a;
  b.apply(event("C-1", "2025-09-26 18:00", "acknowledge", "quality_staff.1"));
  EXPECT_EQ(a.get("C-1").state(), "received");
  EXPECT_EQ(b.get("C-1").state(), "acknowledged");
}

TEST(Tracker, AClosedComplaintTakesLittleMemory) {
  Tracker t(roster_charter().workflow("complaint"));
  t.ingest(complaint_stream(roster_charter(), november(20000, 5)));
  const double per_case = static_cast<double>(t.memory_bytes()) / static_cast<double>(t.size());
  RecordProperty("bytes_per_case", std::to_string(per_case));
  EXPECT_LT(per_case, 400.0);  // issue 4: at most 400 bytes per closed complaint
}

}  // namespace
}  // namespace charter::workflow
