// The event journal: acknowledged records survive a crash; a torn tail is cut, corruption in
// the middle is refused, one writer at a time.

#include "charter/io/event_journal.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "charter/error.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using test::read_all;

using test::write_all;

std::string event(int i) { return "complaint c-" + std::to_string(i) + " received by s-0001"; }

// A journal with n records, closed.
std::string make_journal(const test::TempDir& dir, int n, const char* name = "events.chjl") {
  const std::string path = dir.file(name);
  auto j = EventJournal::open(path);
  for (int i = 1; i <= n; ++i) EXPECT_EQ(j.append(event(i)), static_cast<std::uint64_t>(i));
  return path;
}

TEST(EventJournal, RecordsComeBackInOrderWithTheirSequenceNumbers) {
  test::TempDir dir;
  const std::string path = make_journal(dir, 5);
  const auto records = read_journal(path);
  ASSERT_EQ(records.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(records[static_cast<size_t>(i)].seq, static_cast<std::uint64_t>(i + 1));
    EXPECT_EQ(records[static_cast<size_t>(i)].payload, event(i + 1));
  }
  // Reopening continues the sequence.
  auto j = EventJournal::open(path);
  EXPECT_EQ(j.last_seq(), 5u);
  EXPECT_EQ(j.recovery().records, 5u);
  EXPECT_EQ(j.recovery().dropped_bytes, 0u);
  EXPECT_EQ(j.append("more"), 6u);
}

TEST(EventJournal, EmptyAndBinaryPayloadsAreKeptExactly) {
  test::TempDir dir;
  const std::string path = dir.file("j");
  const std::string binary("\0\x01\xff\n\r", 5);
  {
    auto j = EventJournal::open(path);
    j.append("");
    j.append(binary);
  }
  const auto records = read_journal(path);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].payload, "");
  EXPECT_EQ(records[1].payload, binary);
}

TEST(EventJournal, ACutAtEveryByteOfTheLastRecordKeepsEveryEarlierRecord) {
  test::TempDir dir;
  const std::string path = make_journal(dir, 3);
  const std::string full = read_all(path);
  const std::string two = full.substr(0, full.size() - (16 + event(3).size()));
  for (std::size_t cut = two.size() + 1; cut < full.size(); ++cut) {
    SCOPED_TRACE(cut);
    const std::string torn = dir.file("torn");
    write_all(torn, full.substr(0, cut));
    EXPECT_EQ(read_journal(torn).size(), 2u);
    auto j = EventJournal::open(torn);
    EXPECT_EQ(j.recovery().records, 2u);
    EXPECT_EQ(j.recovery().dropped_bytes, cut - two.size());
    EXPECT_EQ(j.append(event(3)), 3u);  // the next record follows the last good one
  }
  // After recovery and a new append the file is exactly a clean three-record journal.
  EXPECT_EQ(read_all(dir.file("torn")), full);
}

TEST(EventJournal, AZeroFilledTailAfterPowerLossIsATornTail) {
  test::TempDir dir;
  const std::string path = make_journal(dir, 4);
  write_all(path, read_all(path) + std::string(4096, '\0'));
  auto j = EventJournal::open(path);
  EXPECT_EQ(j.recovery().records, 4u);
  EXPECT_EQ(j.recovery().dropped_bytes, 4096u);
}

TEST(EventJournal, CorruptionFollowedByValidRecordsIsRefusedAndNothingIsCut) {
  test::TempDir dir;
  const std::string path = make_journal(dir, 5);
  std::string bytes = read_all(path);
  // Flip a byte inside record 2's payload: records 3–5 after it are still valid.
  const std::size_t record2 = 12 + 16 + event(1).size();
  bytes[record2 + 16 + 3] ^= 0x40;
  write_all(path, bytes);
  CHARTER_EXPECT_THROW_MSG(EventJournal::open(path), CorruptFileError, "valid records follow it");
  CHARTER_EXPECT_THROW_MSG(read_journal(path), CorruptFileError, "record 2");
  EXPECT_EQ(read_all(path), bytes);  // untouched
}

TEST(EventJournal, NotAJournal) {
  test::TempDir dir;
  const std::string path = dir.file("x");
  write_all(path, "charter: 1\n");
  CHARTER_EXPECT_THROW_MSG(EventJournal::open(path), CorruptFileError, "not a charter event journal");
  CHARTER_EXPECT_THROW_MSG(read_journal(dir.file("missing")), FileError, "missing");
}

TEST(EventJournal, OneWriterAtATime) {
  test::TempDir dir;
  const std::string path = dir.file("j");
  auto first = EventJournal::open(path);
  CHARTER_EXPECT_THROW_MSG(EventJournal::open(path), FileError, "in use by another writer");
  first = EventJournal::open(dir.file("other"));  // closing the first releases the lock
  EXPECT_NO_THROW(EventJournal::open(path));
}

TEST(EventJournal, AWriterKilledMidStreamLosesNoAcknowledgedRecord) {
  // A child appends as fast as it can and reports each acknowledged sequence number through a
  // pipe; the parent kills it with SIGKILL at a random moment, several times over the same
  // journal, and then every acknowledged record must be there, in order.
  test::TempDir dir;
  const std::string path = dir.file("crash.chjl");
  std::mt19937 rng(20261123);
  std::uint64_t acknowledged = 0;
  for (int round = 0; round < 5; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      try {
        auto j = EventJournal::open(path);
        for (;;) {
          const std::uint64_t seq = j.append(event(static_cast<int>(j.last_seq() + 1)));
          if (::write(fds[1], &seq, sizeof seq) != sizeof seq) ::_exit(3);
        }
      } catch (...) {
        ::_exit(2);
      }
    }
    ::close(fds[1]);
    const int wanted = 20 + static_cast<int>(rng() % 200);
    std::uint64_t seq = 0;
    for (int k = 0; k < wanted && ::read(fds[0], &seq, sizeof seq) == sizeof seq; ++k) acknowledged = seq;
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    // Records acknowledged after our last read may exist too; drain them.
    while (::read(fds[0], &seq, sizeof seq) == sizeof seq) acknowledged = seq;
    ::close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer ended by itself (status " << status << ")";
    const auto records = read_journal(path);
    ASSERT_GE(records.size(), acknowledged) << "round " << round;
    for (std::size_t i = 0; i < records.size(); ++i) {
      ASSERT_EQ(records[i].seq, i + 1);
      ASSERT_EQ(records[i].payload, event(static_cast<int>(i + 1)));
    }
  }
  EXPECT_GT(acknowledged, 100u);
}

}  // namespace
}  // namespace charter::io
