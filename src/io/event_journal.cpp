#include "charter/io/event_journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "charter/error.hpp"
#include "charter/io/atomic_file.hpp"
#include "charter/io/envelope.hpp"

namespace charter::io {
namespace {

constexpr char kMagic[4] = {'C', 'H', 'J', 'L'};
constexpr std::uint16_t kJournalVersion = 1;
constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kRecordHeaderSize = 16;

void put(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::uint64_t get(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)]);
  return v;
}

std::string file_header() {
  std::string h(kMagic, 4);
  put(h, kJournalVersion, 2);
  put(h, 0, 2);
  put(h, crc32c(h), 4);
  return h;
}

std::string encode(std::uint64_t seq, std::string_view payload) {
  std::string r;
  r.reserve(kRecordHeaderSize + payload.size());
  put(r, payload.size(), 4);
  put(r, seq, 8);
  std::string covered = r.substr(4);  // seq bytes
  covered.append(payload);
  put(r, crc32c(covered), 4);
  r.append(payload);
  return r;
}

// The record at `at`, if a valid one with sequence number `seq` starts there.
bool record_at(std::string_view data, std::size_t at, std::uint64_t seq, JournalRecord* out, std::size_t* size) {
  if (data.size() - at < kRecordHeaderSize) return false;
  const std::uint64_t len = get(data, at, 4);
  if (len > kMaxJournalRecordBytes || len > data.size() - at - kRecordHeaderSize) return false;
  if (get(data, at + 4, 8) != seq) return false;
  std::string covered(data.substr(at + 4, 8));
  covered.append(data.substr(at + kRecordHeaderSize, len));
  if (get(data, at + 12, 4) != crc32c(covered)) return false;
  if (out) {
    out->seq = seq;
    out->payload.assign(data.substr(at + kRecordHeaderSize, len));
  }
  *size = kRecordHeaderSize + len;
  return true;
}

struct Scan {
  std::vector<JournalRecord> records;
  std::size_t good_end = kHeaderSize;  // offset after the last valid record
};

// Reads every valid record; a damaged region followed by any valid next record is corruption.
Scan scan(std::string_view data, const std::string& path) {
  if (data.size() < kHeaderSize || data.substr(0, 4) != std::string_view(kMagic, 4) ||
      get(data, 8, 4) != crc32c(data.substr(0, 8))) {
    throw CorruptFileError(path + ": not a charter event journal (bad or missing header)");
  }
  if (get(data, 4, 2) != kJournalVersion) {
    throw UnsupportedVersionError(path + ": journal version " + std::to_string(get(data, 4, 2)) +
                                  " is not readable by this build (it reads 1)");
  }
  Scan s;
  std::size_t at = kHeaderSize;
  while (at < data.size()) {
    JournalRecord r;
    std::size_t size = 0;
    if (!record_at(data, at, s.records.size() + 1, &r, &size)) break;
    s.records.push_back(std::move(r));
    at += size;
  }
  s.good_end = at;
  // Anything after good_end is a torn tail only if no valid next record starts anywhere in it.
  // (Several records in a row may be damaged: any later sequence number counts.)
  const std::uint64_t next = s.records.size() + 1;
  const std::uint64_t most = next + data.size() / kRecordHeaderSize;
  for (std::size_t probe = at + 1; probe + kRecordHeaderSize <= data.size(); ++probe) {
    const std::uint64_t seq = get(data, probe + 4, 8);
    std::size_t size = 0;
    if (seq >= next && seq <= most && record_at(data, probe, seq, nullptr, &size)) {
      throw CorruptFileError(path + ": record " + std::to_string(next) + " at byte " + std::to_string(at) +
                             " is damaged but valid records follow it; refusing to drop them (restore "
                             "the file from a copy)");
    }
  }
  return s;
}

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
  throw FileError(what + " '" + path + "': " + std::strerror(err));
}

}  // namespace

EventJournal EventJournal::open(const std::string& path) {
  EventJournal j;
  j.path_ = path;
  j.fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (j.fd_ < 0) fail("cannot open journal", path, errno);
  if (::flock(j.fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    throw FileError("journal '" + path + "' is in use by another writer" +
                    (err == EWOULDBLOCK ? std::string() : std::string(": ") + std::strerror(err)));
  }
  struct stat st {};
  if (::fstat(j.fd_, &st) != 0) fail("cannot inspect journal", path, errno);
  if (st.st_size == 0) {
    const std::string h = file_header();
    if (::write(j.fd_, h.data(), h.size()) != static_cast<ssize_t>(h.size()) || ::fsync(j.fd_) != 0) {
      fail("cannot write journal header to", path, errno);
    }
    j.size_ = h.size();
    return j;
  }
  const std::string data = read_file(path, static_cast<std::uint64_t>(st.st_size));
  const Scan s = scan(data, path);
  j.last_seq_ = s.records.size();
  j.recovery_.records = s.records.size();
  j.size_ = s.good_end;
  if (s.good_end < data.size()) {
    // A torn tail: cut it off so the next record follows the last good one.
    j.recovery_.dropped_bytes = data.size() - s.good_end;
    if (::ftruncate(j.fd_, static_cast<off_t>(s.good_end)) != 0 || ::fsync(j.fd_) != 0) {
      fail("cannot cut the torn tail of journal", path, errno);
    }
  }
  return j;
}

EventJournal::EventJournal(EventJournal&& o) noexcept
    : fd_(o.fd_), path_(std::move(o.path_)), last_seq_(o.last_seq_), size_(o.size_), recovery_(o.recovery_) {
  o.fd_ = -1;
}

EventJournal& EventJournal::operator=(EventJournal&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    path_ = std::move(o.path_);
    last_seq_ = o.last_seq_;
    size_ = o.size_;
    recovery_ = o.recovery_;
    o.fd_ = -1;
  }
  return *this;
}

EventJournal::~EventJournal() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

std::uint64_t EventJournal::append(std::string_view payload) {
  if (fd_ < 0) throw FileError("journal is closed");
  if (payload.size() > kMaxJournalRecordBytes) {
    throw FileError("a journal record holds at most " + std::to_string(kMaxJournalRecordBytes) + " bytes");
  }
  const std::uint64_t seq = last_seq_ + 1;
  const std::string record = encode(seq, payload);
  // One pwrite at the known end; on any failure cut back, so a later append never follows junk.
  std::size_t done = 0;
  while (done < record.size()) {
    const ssize_t n = ::pwrite(fd_, record.data() + done, record.size() - done,
                               static_cast<off_t>(size_ + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      (void)::ftruncate(fd_, static_cast<off_t>(size_));
      fail("cannot append to journal", path_, err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd_) != 0) {
    // fsync errors are not retryable on Linux: report, never claim the record is safe.
    const int err = errno;
    (void)::ftruncate(fd_, static_cast<off_t>(size_));
    fail("cannot sync journal", path_, err);
  }
  size_ += record.size();
  last_seq_ = seq;
  return seq;
}

std::vector<JournalRecord> read_journal(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("cannot open journal", path, errno);
  struct stat st {};
  const bool ok = ::fstat(fd, &st) == 0;
  ::close(fd);
  if (!ok) fail("cannot inspect journal", path, errno);
  return scan(read_file(path, static_cast<std::uint64_t>(st.st_size)), path).records;
}

}  // namespace charter::io
