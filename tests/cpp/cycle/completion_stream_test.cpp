// The generated completion records: the same for a seed, inside the range, accepted by status,
// and reaching every state a month of a real centre shows.

#include "charter/cycle/completion_stream.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <stdexcept>

#include "charter/cycle/status.hpp"
#include "test_support.hpp"
#include "workflow/workflow_test_support.hpp"

namespace charter::cycle {
namespace {

using test::shanghai;

CompletionStreamOptions year_2025() {
  CompletionStreamOptions o;
  o.from = shanghai("2025-01-01 00:00");
  o.to = shanghai("2026-01-01 00:00");
  return o;
}

TEST(CompletionStream, AYearOfRecordsReachesEveryStateAndNoProblem) {
  const Charter& c = test::roster_builtin();
  const CompletionStreamOptions o = year_2025();
  const std::vector<CompletionRecord> records = completion_stream(c, o);
  ASSERT_GT(records.size(), 500u);
  for (std::size_t i = 1; i < records.size(); ++i) EXPECT_LE(records[i - 1].at, records[i].at);
  std::set<std::string> ids;
  for (const auto& r : records) {
    EXPECT_TRUE(o.from <= r.at && r.at < o.to);
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
    EXPECT_FALSE(r.actor.empty()) << r.cycle;  // the roster has staff for every role
  }
  const StatusReport s = status(c, records, o.from, o.to, o.to);
  EXPECT_TRUE(s.problems.empty()) << s.problems.front().message;
  std::map<State, int> states;
  for (const auto& occ : s.occurrences) ++states[occ.state];
  for (const State st : {State::done, State::done_late, State::insufficient, State::missed}) {
    EXPECT_GT(states[st], 0) << state_name(st);
  }
  EXPECT_GT(states[State::done], 10 * states[State::missed]);  // most work is done on time
  // Spot checks are counted: 4 a month.
  std::size_t spot = 0;
  for (const auto& k : s.counts) spot += k.cycle == "R-20-spot" ? k.count : 0;
  EXPECT_EQ(spot, 48u);
  // three different units visited in the year (unless the year's draw skipped it).
  for (const auto& occ : s.occurrences) {
    if (occ.occurrence.cycle == "R-28" && occ.state == State::done) {
      EXPECT_GE(occ.counted, 3);
    }
  }
}

TEST(CompletionStream, TheSameSeedGivesTheSameRecordsAndAnotherSeedOthers) {
  const Charter& c = test::roster_builtin();
  CompletionStreamOptions o = year_2025();
  EXPECT_EQ(completion_stream(c, o), completion_stream(c, o));
  const auto first = completion_stream(c, o);
  o.seed = 2;
  EXPECT_NE(completion_stream(c, o), first);
}

TEST(CompletionStream, NothingRecordedAfterTheEndOfTheRange) {
  // Cut at 15 November noon: what was known then, no record after it.
  const Charter& c = test::roster_builtin();
  CompletionStreamOptions o = year_2025();
  o.to = shanghai("2025-11-15 12:00");
  for (const auto& r : completion_stream(c, o)) EXPECT_LT(r.at, o.to);
}

TEST(CompletionStream, OddsAreChecked) {
  const Charter& c = test::roster_builtin();
  CompletionStreamOptions o = year_2025();
  o.late_per_mille = 1001;
  EXPECT_THROW(completion_stream(c, o), std::invalid_argument);
  o = year_2025();
  o.late_per_mille = 600;
  o.skipped_per_mille = 500;
  EXPECT_THROW(completion_stream(c, o), std::invalid_argument);
  o = year_2025();
  o.to = o.from;
  EXPECT_THROW(completion_stream(c, o), std::invalid_argument);
  o = year_2025();
  o.from = boost::posix_time::ptime();
  EXPECT_THROW(completion_stream(c, o), std::invalid_argument);
}

TEST(CompletionStream, NoSkippedOrLateWorkMeansEverythingDueIsDone) {
  const Charter& c = test::roster_builtin();
  CompletionStreamOptions o = year_2025();
  o.late_per_mille = o.short_per_mille = o.skipped_per_mille = 0;
  const auto records = completion_stream(c, o);
  const StatusReport s = status(c, records, o.from, o.to, o.to);
  // What falls due after the end of the range (a weekly contact due on 4 January, a report
  // after a late-December check) is recorded after it: still due at the end.
  const auto done_or_due = [&](State st, const boost::posix_time::ptime& due) {
    return st == State::done || (due > o.to && st == State::due);
  };
  for (const auto& occ : s.occurrences) {
    EXPECT_TRUE(done_or_due(occ.state, occ.occurrence.due))
        << occ.occurrence.cycle << " " << occ.occurrence.subject << ": " << occ.explanation;
    for (const auto& f : occ.follow_ups) EXPECT_TRUE(done_or_due(f.state, f.due)) << f.cycle << ": " << f.explanation;
  }
}

}  // namespace
}  // namespace charter::cycle
