// The journaled tracker: every acknowledged event is on disk before it counts, reopening gives
// back the same tracker, a torn tail is cut, corruption and events the workflow refuses are
// refused loudly, one writer at a time — and a writer killed mid-stream loses nothing it
// acknowledged.

#include "charter/workflow/journaled_tracker.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "charter/error.hpp"
#include "charter/io/event_files.hpp"
#include "charter/io/event_journal.hpp"
#include "charter/workflow/complaint_stream.hpp"
#include "workflow_test_support.hpp"

namespace charter::workflow {
namespace {

using test::event;
using test::shanghai;

const Definition& complaint() { return test::staffed_builtin().workflow("complaint"); }

const Charter& roster_charter() { return test::roster_builtin(); }

std::vector<Event> stream(std::size_t complaints, std::uint64_t seed = 11) {
  return complaint_stream(roster_charter(), test::november(complaints, seed));
}

using test::read_all;

using test::write_all;

// A complaint's life with every kind of field: attributes, a text, an instant.
std::vector<Event> one_complaint() {
  return {
      event("C-1", "2025-09-26 17:00", "receive", "archive_staff.1",
            {{"severity", "major"}, {"channel", "phone"}, {"customer", "王先生 \"VIP\""}}),
      event("C-1", "2025-09-26 17:20", "report", "quality_staff.1"),
      event("C-1", "2025-09-27 10:00", "acknowledge", "quality_staff.1"),
      event("C-2", "2025-09-27 11:00", "receive", "archive_staff.1", {{"severity", "minor"}, {"channel", "web"}}),
  };
}

using test::expect_same_tracker;

TEST(JournaledTracker, ReopeningGivesBackTheSameTracker) {
  test::TempDir dir;
  const std::string path = dir.file("complaints.chjl");
  const auto events = stream(40);
  Tracker plain(roster_charter().workflow("complaint"));
  {
    auto jt = JournaledTracker::open(roster_charter().workflow("complaint"), path);
    EXPECT_EQ(jt.path(), path);
    EXPECT_EQ(jt.recovery().records, 0u);
    const auto half = std::vector<Event>(events.begin(), events.begin() + static_cast<long>(events.size() / 2));
    for (const auto& e : half) jt.apply(e);
    const IngestReport r = jt.ingest(std::vector<Event>(events.begin() + static_cast<long>(half.size()), events.end()));
    EXPECT_EQ(r.accepted, events.size() - half.size());
    EXPECT_TRUE(r.rejected.empty());
    plain.ingest(events);
    expect_same_tracker(jt.tracker(), plain, shanghai("2025-11-20 00:00"));
  }
  // One record per event, in the order applied, each one JSON line with an exact instant.
  const auto records = io::read_journal(path);
  ASSERT_EQ(records.size(), events.size());
  EXPECT_EQ(records[0].payload.find('\n'), std::string::npos);
  EXPECT_NE(records[0].payload.find("+08:00"), std::string::npos) << records[0].payload;
  const auto reopened = JournaledTracker::open(roster_charter().workflow("complaint"), path);
  EXPECT_EQ(reopened.recovery().records, events.size());
  EXPECT_EQ(reopened.recovery().dropped_bytes, 0u);
  for (const char* when : {"2025-11-05 12:00", "2025-11-20 00:00", "2026-01-01 00:00"}) {
    SCOPED_TRACE(when);
    expect_same_tracker(reopened.tracker(), plain, shanghai(when));
  }
}

TEST(JournaledTracker, FieldsAndInstantsComeBackExactly) {
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  Event odd = event("C-1", "2025-09-26 17:00", "receive", "archive_staff.1",
                    {{"severity", "major"}, {"channel", "phone"}, {"customer", "王先生 \"VIP\"\n第二行 \\ {}"}});
  odd.at += boost::posix_time::microseconds(123457);  // not a whole second
  {
    auto jt = JournaledTracker::open(complaint(), path);
    jt.apply(odd);
  }
  const auto jt = JournaledTracker::open(complaint(), path);
  ASSERT_EQ(jt.tracker().events().size(), 1u);
  EXPECT_EQ(jt.tracker().events()[0], odd);
}

TEST(JournaledTracker, ARefusedEventWritesNothing) {
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  auto jt = JournaledTracker::open(complaint(), path);
  for (const auto& e : one_complaint()) jt.apply(e);
  const std::string before = read_all(path);
  // Resolving an acknowledged complaint is not in the table before investigation.
  CHARTER_EXPECT_THROW_MSG(
      jt.apply(event("C-1", "2025-09-27 12:00", "resolve", "after_sales_supervisor.1", {{"resolution", "x"}})),
      RejectedEventError, "case 'C-1'");
  // Out of order.
  CHARTER_EXPECT_THROW_MSG(jt.apply(event("C-1", "2025-09-27 09:00", "investigate", "quality_staff.1")),
                           RejectedEventError, "before the case's last event");
  // A case must start with receive.
  CHARTER_EXPECT_THROW_MSG(jt.apply(event("C-9", "2025-09-27 12:00", "acknowledge", "quality_staff.1")),
                           RejectedEventError, "case 'C-9'");
  EXPECT_EQ(read_all(path), before);
  EXPECT_EQ(io::read_journal(path).size(), 4u);
  EXPECT_EQ(jt.tracker().event_count(), 4u);
  EXPECT_FALSE(jt.tracker().contains("C-9"));
}

TEST(JournaledTracker, AnEventTheJournalCannotCarryIsRefusedAndNotApplied) {
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  auto jt = JournaledTracker::open(complaint(), path);
  jt.apply(one_complaint()[0]);
  const std::string before = read_all(path);
  // The workflow takes any customer name; the journal's JSON Lines cannot carry one that is not
  // UTF-8, so the event is refused before the tracker changes.
  Event bad = event("C-3", "2025-09-27 12:00", "receive", "archive_staff.1",
                    {{"severity", "minor"}, {"channel", "web"}, {"customer", std::string("\xff\xfe", 2)}});
  CHARTER_EXPECT_THROW_MSG(jt.apply(bad), RejectedEventError, "the journal cannot record it");
  try {
    jt.apply(bad);
  } catch (const RejectedEventError& e) {
    EXPECT_EQ(e.rule(), "format");
  }
  EXPECT_FALSE(jt.tracker().contains("C-3"));
  EXPECT_EQ(read_all(path), before);
  EXPECT_EQ(jt.tracker().event_count(), 1u);
}

TEST(JournaledTracker, IngestReportsRefusalsAndJournalsTheRest) {
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  auto jt = JournaledTracker::open(complaint(), path);
  std::vector<Event> batch = one_complaint();
  batch.insert(batch.begin() + 1, event("C-1", "2025-09-26 17:10", "resolve", "after_sales_supervisor.1",
                                        {{"resolution", "x"}}));
  const IngestReport r = jt.ingest(batch);
  EXPECT_EQ(r.accepted, 4u);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].line, 2u);
  EXPECT_EQ(r.rejected[0].rule, "transition");
  EXPECT_EQ(io::read_journal(path).size(), 4u);
}

TEST(JournaledTracker, ATornTailKeepsEveryEarlierEvent) {
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  const auto events = one_complaint();
  {
    auto jt = JournaledTracker::open(complaint(), path);
    for (const auto& e : events) jt.apply(e);
  }
  const std::string full = read_all(path);
  write_all(path, full.substr(0, full.size() - 5));  // the last record cut short
  {
    auto jt = JournaledTracker::open(complaint(), path);
    EXPECT_EQ(jt.recovery().records, 3u);
    EXPECT_GT(jt.recovery().dropped_bytes, 0u);
    EXPECT_EQ(jt.tracker().events(), std::vector<Event>(events.begin(), events.begin() + 3));
    // The next event follows the last good one; the file is a clean journal again.
    jt.apply(events[3]);
  }
  EXPECT_EQ(read_all(path), full);
  const auto jt = JournaledTracker::open(complaint(), path);
  EXPECT_EQ(jt.recovery().dropped_bytes, 0u);
  EXPECT_EQ(jt.tracker().event_count(), 4u);
}

TEST(JournaledTracker, CorruptionInTheMiddleIsRefusedAndTheFileUntouched) {
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  {
    auto jt = JournaledTracker::open(complaint(), path);
    for (const auto& e : one_complaint()) jt.apply(e);
  }
  std::string bytes = read_all(path);
  const auto records = io::read_journal(path);
  // Flip a byte inside record 2's payload: records 3 and 4 after it are still valid.
  const std::size_t record2 = 12 + 16 + records[0].payload.size();
  bytes[record2 + 16 + 5] ^= 0x20;
  write_all(path, bytes);
  CHARTER_EXPECT_THROW_MSG(JournaledTracker::open(complaint(), path), CorruptFileError, "record 2");
  EXPECT_EQ(read_all(path), bytes);
}

TEST(JournaledTracker, ARecordThatIsNotAnEventIsCorruption) {
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  {
    auto j = io::EventJournal::open(path);
    j.append(journal_record(one_complaint()[0], complaint().calendar()));
    j.append("{\"case\": \"C-1\", \"at\": \"2025-13-01 09:00\", \"event\": \"report\", \"actor\": \"x\"}");
  }
  const std::string bytes = read_all(path);
  CHARTER_EXPECT_THROW_MSG(JournaledTracker::open(complaint(), path), CorruptFileError,
                           path + ": record 2 does not decode as an event");
  EXPECT_EQ(read_all(path), bytes);
  {
    const std::string two = dir.file("two.chjl");
    auto j = io::EventJournal::open(two);
    j.append(journal_record(one_complaint()[0], complaint().calendar()) + "\n" +
             journal_record(one_complaint()[1], complaint().calendar()));
    j = io::EventJournal::open(dir.file("other"));  // releases the lock
    CHARTER_EXPECT_THROW_MSG(JournaledTracker::open(complaint(), two), CorruptFileError,
                             "record 1 holds 2 events instead of one");
  }
  {
    const std::string empty = dir.file("empty.chjl");
    io::EventJournal::open(empty).append("");
    CHARTER_EXPECT_THROW_MSG(JournaledTracker::open(complaint(), empty), CorruptFileError,
                             "record 1 holds 0 events instead of one");
  }
}

TEST(JournaledTracker, AnEventTheDefinitionRefusesIsCorruptionNamingItsRecord) {
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  const auto& zone = complaint().calendar();
  {
    auto j = io::EventJournal::open(path);
    for (const auto& e : one_complaint()) j.append(journal_record(e, zone));
    // A well-formed event the workflow refuses: resolve straight after acknowledging.
    j.append(journal_record(
        event("C-1", "2025-09-28 10:00", "resolve", "after_sales_supervisor.1", {{"resolution", "x"}}), zone));
    j.append(journal_record(event("C-2", "2025-09-28 11:00", "acknowledge", "quality_staff.1"), zone));
  }
  const std::string bytes = read_all(path);
  CHARTER_EXPECT_THROW_MSG(JournaledTracker::open(complaint(), path), CorruptFileError,
                           path + ": record 5 holds an event the workflow 'complaint' refuses (rule transition)");
  EXPECT_EQ(read_all(path), bytes);
  // A failed open releases the lock: the file can be opened (here only read) again.
  EXPECT_EQ(io::read_journal(path).size(), 6u);
  EXPECT_NO_THROW(io::EventJournal::open(path));
}

TEST(JournaledTracker, OneWriterAtATime) {
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  auto first = JournaledTracker::open(complaint(), path);
  first.apply(one_complaint()[0]);
  CHARTER_EXPECT_THROW_MSG(JournaledTracker::open(complaint(), path), FileError, "in use by another writer");
  // Moving keeps the lock with the new owner; destroying it releases the lock.
  {
    JournaledTracker moved = std::move(first);
    moved.apply(one_complaint()[1]);
    CHARTER_EXPECT_THROW_MSG(JournaledTracker::open(complaint(), path), FileError, "in use by another writer");
  }
  const auto again = JournaledTracker::open(complaint(), path);
  EXPECT_EQ(again.tracker().event_count(), 2u);
}

TEST(JournaledTracker, AFailingAppendLeavesTheTrackerUnchanged) {
  // The file may not grow (RLIMIT_FSIZE at its size, SIGXFSZ ignored): the write fails with
  // EFBIG, as on a full disk.
  test::TempDir dir;
  const std::string path = dir.file("j.chjl");
  auto jt = JournaledTracker::open(complaint(), path);
  const auto events = one_complaint();
  jt.apply(events[0]);
  const std::string before = read_all(path);
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto old_handler = ::signal(SIGXFSZ, SIG_IGN);
  rlimit tight = old;
  tight.rlim_cur = before.size();
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tight), 0);
  bool threw = false;
  try {
    jt.apply(events[1]);
  } catch (const FileError& e) {
    threw = true;
    EXPECT_NE(std::string(e.what()).find("cannot append to journal"), std::string::npos) << e.what();
  }
  const IngestReport r = [&] {
    try {
      return jt.ingest({events[1]});
    } catch (const FileError&) {
      return IngestReport{99, {}};
    }
  }();
  ::setrlimit(RLIMIT_FSIZE, &old);
  ::signal(SIGXFSZ, old_handler);
  EXPECT_TRUE(threw);
  EXPECT_EQ(r.accepted, 99u);  // ingest lets the FileError through
  EXPECT_EQ(jt.tracker().event_count(), 1u);
  EXPECT_EQ(jt.tracker().get("C-1").state(), "received");
  EXPECT_EQ(read_all(path), before);
  // The disk is back: the same event goes through, and the file and the tracker agree.
  jt.apply(events[1]);
  EXPECT_EQ(jt.tracker().event_count(), 2u);
  EXPECT_EQ(io::read_journal(path).size(), 2u);
}

// -------------------------------------------------------------------------------------------
// Crash

TEST(JournaledTracker, AWriterKilledMidStreamLosesNoAcknowledgedEvent) {
  // A child replays the journal, then applies the next events of a generated complaint stream
  // and reports the index of each event through a pipe once apply() has returned; the parent
  // kills it with SIGKILL at a random moment, several times over the same journal. Reopened,
  // the journal must hold every acknowledged event: a prefix of the stream, in order.
  const std::vector<Event> events = stream(1000, 5);
  const Definition& definition = roster_charter().workflow("complaint");
  test::TempDir dir;
  const std::string path = dir.file("crash.chjl");
  std::mt19937 rng(20261124);
  std::uint64_t acknowledged = 0;  // events acknowledged so far (the highest index + 1)
  for (int round = 0; round < 5; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      try {
        auto jt = JournaledTracker::open(definition, path);
        for (std::uint64_t i = jt.tracker().event_count(); i < events.size(); ++i) {
          jt.apply(events[i]);
          if (::write(fds[1], &i, sizeof i) != sizeof i) ::_exit(3);
        }
        for (;;) ::pause();  // the stream ran out: wait for the kill
      } catch (...) {
        ::_exit(2);
      }
    }
    ::close(fds[1]);
    const int wanted = 20 + static_cast<int>(rng() % 200);
    std::uint64_t index = 0;
    for (int k = 0; k < wanted && ::read(fds[0], &index, sizeof index) == sizeof index; ++k) acknowledged = index + 1;
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    // Events acknowledged after our last read may exist too; drain them.
    while (::read(fds[0], &index, sizeof index) == sizeof index) acknowledged = index + 1;
    ::close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer ended by itself (status " << status << ")";

    const auto jt = JournaledTracker::open(definition, path);
    const std::size_t n = jt.tracker().event_count();
    ASSERT_GE(n, acknowledged) << "round " << round;
    ASSERT_LE(n, events.size());
    // The journal in record order is the stream's prefix, event for event.
    const auto records = io::read_journal(path);
    ASSERT_EQ(records.size(), n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto back = io::read_event_text(records[i].payload, io::EventFormat::jsonl, "r", definition.calendar());
      ASSERT_EQ(back.events.size(), 1u) << i;
      ASSERT_EQ(back.events[0].event, events[i]) << "record " << i + 1;
    }
    // And the reopened tracker is the tracker of that prefix.
    Tracker expected(definition);
    ASSERT_EQ(expected.ingest(std::vector<Event>(events.begin(), events.begin() + static_cast<long>(n))).accepted, n);
    EXPECT_EQ(jt.tracker().events(), expected.events());
    EXPECT_EQ(jt.tracker().case_ids(), expected.case_ids());
  }
  EXPECT_GT(acknowledged, 100u);
}

}  // namespace
}  // namespace charter::workflow
