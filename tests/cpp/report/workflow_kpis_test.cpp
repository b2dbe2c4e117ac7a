// The complaint figures of the monthly report, read off the tracker: received per day, on-time
// reply and resolution, the resolution rate. Local dates are Shanghai's (the hotline
// calendar); complaint timers count clock hours.

#include "charter/report/workflow_kpis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <stdexcept>

#include "charter/detail/instant.hpp"
#include "test_support.hpp"
#include "workflow/workflow_test_support.hpp"

namespace charter::report {
namespace {

using boost::gregorian::date;
using test::event;
using test::shanghai;

const calendar::BusinessCalendar& hotline() { return test::staffed_builtin().calendar("hotline"); }

workflow::Tracker tracker_of(const std::vector<workflow::Event>& events) {
  workflow::Tracker t(test::staffed_builtin().workflow("complaint"));
  for (const auto& e : events) t.apply(e);
  return t;
}

workflow::Event intake(const std::string& id, const std::string& at) {
  return event(id, at, "receive", "archive_staff.1", {{"severity", "normal"}, {"channel", "phone"}});
}

const char* const kSup = "after_sales_supervisor.1";

TEST(WorkflowKpis, RepliesInsideAndOutsideTwentyFourHoursMakeTheOnTimeRate) {
  // C-1 is answered after an hour, C-2 after 30 hours (R-05: within 24), C-3 not yet: it is
  // pending on 30 November and counts in neither rate.
  const workflow::Tracker t = tracker_of({
      intake("C-1", "2025-11-03 10:00"),
      event("C-1", "2025-11-03 11:00", "acknowledge", kSup),
      intake("C-2", "2025-11-04 10:00"),
      event("C-2", "2025-11-05 16:00", "acknowledge", kSup),
      intake("C-3", "2025-11-30 12:00"),
  });
  const WorkflowKpis k = workflow_kpis(t, hotline(), date(2025, 11, 1), date(2025, 11, 30), shanghai("2025-11-30 20:00"));
  EXPECT_EQ(k.workflow, "complaint");
  EXPECT_EQ(k.days(), 30u);
  EXPECT_EQ(k.received, 3u);
  EXPECT_EQ(k.received_by_day[2], 1u);   // 3 November
  EXPECT_EQ(k.received_by_day[29], 1u);  // 30 November
  const TimerKpi* reply = k.timer("reply");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->rule, "R-05");
  EXPECT_EQ(reply->met, 1u);
  EXPECT_EQ(reply->breached, 1u);
  EXPECT_EQ(reply->pending, 1u);
  EXPECT_DOUBLE_EQ(reply->on_time, 0.5);
  EXPECT_EQ(reply->met_by_day[2], 1u);
  EXPECT_EQ(reply->decided_by_day[4], 1u);  // C-2 breached when its due instant passed: 5 Nov 10:00
  EXPECT_EQ(k.timer("nonesuch"), nullptr);
  // Nothing is resolved yet: 0 %, not "no data".
  EXPECT_EQ(k.resolved, 0u);
  EXPECT_DOUBLE_EQ(k.resolution_rate, 0.0);
}

TEST(WorkflowKpis, AComplaintReceivedLateOnTheLastEveningCountsInTheMonthOfItsLocalDate) {
  // 31 October 23:30 in Shanghai is 15:30 UTC: an October complaint whose reply falls in
  // November — received in October, replied on time in November.
  const workflow::Tracker t = tracker_of({
      intake("C-1", "2025-10-31 23:30"),
      event("C-1", "2025-11-01 09:00", "acknowledge", kSup),
  });
  const auto as_of = shanghai("2025-11-30 23:59");
  const WorkflowKpis october = workflow_kpis(t, hotline(), date(2025, 10, 1), date(2025, 10, 31), as_of);
  const WorkflowKpis november = workflow_kpis(t, hotline(), date(2025, 11, 1), date(2025, 11, 30), as_of);
  EXPECT_EQ(october.received, 1u);
  EXPECT_EQ(october.received_by_day[30], 1u);
  EXPECT_EQ(october.timer("reply")->met, 0u);
  EXPECT_TRUE(std::isnan(october.timer("reply")->on_time));  // nothing decided in October
  EXPECT_EQ(november.received, 0u);
  EXPECT_TRUE(std::isnan(november.resolution_rate));  // nothing received: no data, not 0 %
  EXPECT_EQ(november.timer("reply")->met, 1u);
  EXPECT_EQ(november.timer("reply")->met_by_day[0], 1u);
  EXPECT_DOUBLE_EQ(november.timer("reply")->on_time, 1.0);
}

TEST(WorkflowKpis, AsOfAnEarlierInstantIgnoresWhatCameLater) {
  const workflow::Tracker t = tracker_of({
      intake("C-1", "2025-11-03 10:00"),
      event("C-1", "2025-11-03 11:00", "acknowledge", kSup),
      intake("C-2", "2025-11-10 10:00"),
  });
  const WorkflowKpis early = workflow_kpis(t, hotline(), date(2025, 11, 1), date(2025, 11, 30), shanghai("2025-11-03 10:30"));
  EXPECT_EQ(early.received, 1u);
  EXPECT_EQ(early.timer("reply")->met, 0u);
  EXPECT_EQ(early.timer("reply")->pending, 1u);
}

// Every figure again, counted directly from each case's own status.
TEST(WorkflowKpis, AGeneratedMonthAgreesWithACountCaseByCase) {
  workflow::Tracker t(test::roster_builtin().workflow("complaint"));
  t.ingest(workflow::complaint_stream(test::roster_builtin(), test::november(600, 5)));
  const auto as_of = shanghai("2025-11-25 12:00");
  const date first(2025, 11, 1), last(2025, 11, 30);
  const WorkflowKpis k = workflow_kpis(t, hotline(), first, last, as_of);

  auto day_of = [](const boost::posix_time::ptime& utc) { return hotline().to_local(utc).date(); };
  auto in_period = [&](const boost::posix_time::ptime& utc) {
    if (utc.is_special()) return false;
    const date d = day_of(utc);
    return d >= first && d <= last;
  };
  std::size_t received = 0, resolved = 0;
  std::map<std::string, std::size_t> met, breached, pending;
  for (const std::string& id : t.case_ids()) {
    const workflow::CaseStatus s = t.status(id, as_of);
    const bool got = in_period(s.opened) && s.opened <= as_of;
    if (s.opened > as_of) continue;
    received += got;
    const workflow::TimerStatus* r = s.timer("resolution");
    resolved += got && r && r->phase == workflow::TimerPhase::stopped;
    for (const auto& ts : s.timers) {
      if (ts.met && in_period(ts.stopped)) ++met[ts.timer];
      else if (ts.breached && !ts.due.is_special() && in_period(ts.due)) ++breached[ts.timer];
      else if (!ts.met && !(ts.breached && !ts.due.is_special()) && got) ++pending[ts.timer];
    }
  }
  EXPECT_GT(received, 300u);
  EXPECT_EQ(k.received, received);
  EXPECT_EQ(k.resolved, resolved);
  std::size_t by_day = 0;
  for (std::size_t n : k.received_by_day) by_day += n;
  EXPECT_EQ(by_day, received);
  for (const TimerKpi& kpi : k.timers) {
    EXPECT_EQ(kpi.met, met[kpi.timer]) << kpi.timer;
    EXPECT_EQ(kpi.breached, breached[kpi.timer]) << kpi.timer;
    EXPECT_EQ(kpi.pending, pending[kpi.timer]) << kpi.timer;
    std::size_t decided = 0;
    for (std::size_t n : kpi.decided_by_day) decided += n;
    EXPECT_EQ(decided, kpi.decided()) << kpi.timer;
  }
  EXPECT_GT(k.timer("reply")->breached, 0u);  // the stream has late replies
  EXPECT_GT(k.timer("reply")->met, k.timer("reply")->breached);
}

TEST(WorkflowKpis, RefusesAPeriodBackwardsTooLongOrAnUnknownResolutionTimer) {
  const workflow::Tracker t = tracker_of({intake("C-1", "2025-11-03 10:00")});
  const auto as_of = shanghai("2025-11-30 20:00");
  CHARTER_EXPECT_THROW_MSG(workflow_kpis(t, hotline(), date(2025, 11, 30), date(2025, 11, 1), as_of),
                           std::invalid_argument, "ends (2025-11-01) before it starts (2025-11-30)");
  CHARTER_EXPECT_THROW_MSG(workflow_kpis(t, hotline(), date(2024, 1, 1), date(2025, 1, 1), as_of),
                           std::invalid_argument, "at most 366 days");
  EXPECT_NO_THROW(workflow_kpis(t, hotline(), date(2024, 1, 1), date(2024, 12, 31), as_of));  // a leap year
  CHARTER_EXPECT_THROW_MSG(workflow_kpis(t, hotline(), date(2025, 11, 1), date(2025, 11, 30), boost::posix_time::ptime()),
                           InvalidTimeError, "as_of");
  CHARTER_EXPECT_THROW_MSG(workflow_kpis(t, hotline(), date(2025, 11, 1), date(2025, 11, 30), as_of, "solved"),
                           std::invalid_argument, "has no timer 'solved' (timers: reply, ");
}

}  // namespace
}  // namespace charter::report
