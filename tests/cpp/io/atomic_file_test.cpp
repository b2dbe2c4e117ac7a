// Files that are never left half-written, and reads that refuse what charter never wrote.

#include "charter/io/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "charter/calendar/deadline.hpp"
#include "charter/error.hpp"
#include "charter/io/archive.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> leftovers(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.find(".tmp.") != std::string::npos) out.push_back(name);
  }
  return out;
}

using test::read_all;

TEST(AtomicFile, WritesAndReplaces) {
  const test::TempDir dir;
  const std::string path = dir.file("state.bin");
  write_file_atomically(path, "first");
  EXPECT_EQ(read_all(path), "first");
  write_file_atomically(path, std::string("second\0with a NUL", 17));
  EXPECT_EQ(read_all(path), std::string("second\0with a NUL", 17));
  write_file_atomically(path, "");
  EXPECT_EQ(read_all(path), "");
  EXPECT_TRUE(leftovers(dir.path()).empty());
  // Readable by others like any saved file (0644).
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(AtomicFile, RelativePathInTheCurrentDirectory) {
  const test::TempDir dir;
  const fs::path before = fs::current_path();
  fs::current_path(dir.path());
  write_file_atomically("relative.bin", "x");
  const std::string back = read_file("relative.bin", 10);
  fs::current_path(before);
  EXPECT_EQ(back, "x");
  EXPECT_TRUE(leftovers(dir.path()).empty());
}

TEST(AtomicFile, MissingDirectoryIsAFileErrorNamingThePath) {
  const test::TempDir dir;
  const std::string path = dir.file("no/such/dir/state.bin");
  CHARTER_EXPECT_THROW_MSG(
      write_file_atomically(path, "x"), FileError,
      "cannot create a temporary file next to '" + path + "': No such file or directory");
  CHARTER_EXPECT_THROW_MSG(save(calendar::Deadline::months(6), path), FileError, path);
  EXPECT_TRUE(leftovers(dir.path()).empty());
  CHARTER_EXPECT_THROW_MSG(write_file_atomically("", "x"), FileError, "empty path");
}

TEST(AtomicFile, FailedRenameLeavesNothingBehindAndKeepsTheOldContent) {
  const test::TempDir dir;
  // The target is a non-empty directory: the temporary file is written, the rename fails.
  const std::string target = dir.file("occupied");
  fs::create_directory(target);
  write_file_atomically(target + "/keep", "old");
  CHARTER_EXPECT_THROW_MSG(write_file_atomically(target, "new"), FileError,
                           "cannot replace '" + target + "'");
  EXPECT_TRUE(leftovers(dir.path()).empty());
  EXPECT_TRUE(fs::is_directory(target));
  EXPECT_EQ(read_all(target + "/keep"), "old");
}

TEST(AtomicFile, UnwritableDirectory) {
  if (::geteuid() == 0) {
    // root ignores directory permissions; check the same promise through a missing parent.
    const test::TempDir dir;
    EXPECT_THROW(write_file_atomically(dir.file("missing/x"), "x"), FileError);
    EXPECT_TRUE(leftovers(dir.path()).empty());
    return;
  }
  const test::TempDir dir;
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
  CHARTER_EXPECT_THROW_MSG(write_file_atomically(dir.file("x"), "x"), FileError,
                           "Permission denied");
  fs::permissions(dir.path(), fs::perms::owner_all);
  EXPECT_TRUE(leftovers(dir.path()).empty());
}

TEST(ReadFile, MissingFileIsAFileError) {
  const test::TempDir dir;
  const std::string path = dir.file("absent.bin");
  CHARTER_EXPECT_THROW_MSG(read_file(path, 1000), FileError,
                           "cannot open '" + path + "': No such file or directory");
  CHARTER_EXPECT_THROW_MSG(load(path), FileError, path);
}

TEST(ReadFile, ADirectoryIsNotARegularFile) {
  const test::TempDir dir;
  CHARTER_EXPECT_THROW_MSG(read_file(dir.path().string(), 1000), FileError,
                           "is not a regular file");
}

TEST(ReadFile, LargerThanTheLimitIsCorrupt) {
  const test::TempDir dir;
  const std::string path = dir.file("big.bin");
  write_file_atomically(path, std::string(101, 'x'));
  EXPECT_EQ(read_file(path, 101).size(), 101u);
  CHARTER_EXPECT_THROW_MSG(read_file(path, 100), CorruptFileError,
                           "101 bytes is larger than any charter archive (limit 100)");

  // load() refuses anything over 64 MiB + the header before reading it (a sparse file here,
  // so the test writes nothing to disk).
  const std::string huge = dir.file("huge.bin");
  { std::ofstream(huge, std::ios::binary).put('C'); }
  fs::resize_file(huge, kMaxPayloadBytes + kEnvelopeHeaderSize + 1);
  CHARTER_EXPECT_THROW_MSG(load(huge), CorruptFileError, "is larger than any charter archive");
}

TEST(ReadFile, ReadsExactlyWhatWasWritten) {
  const test::TempDir dir;
  std::string bytes;
  for (int i = 0; i < 70000; ++i) bytes.push_back(static_cast<char>(i * 7));
  write_file_atomically(dir.file("f"), bytes);
  EXPECT_EQ(read_file(dir.file("f"), bytes.size()), bytes);
}

}  // namespace
}  // namespace charter::io
