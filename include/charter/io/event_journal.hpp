#pragma once
// EventJournal: an append-only file of records that survives a crash mid-write.
//
// Meaning:
//   - A record is opaque bytes (the workflow block encodes events into it) with a sequence
//     number 1, 2, 3, … and its own CRC-32C. append() returns only after the record is on disk
//     (fdatasync): an acknowledged record is never lost.
//   - Opening a journal scans it. A torn tail — the last record cut short by a crash, or a
//     zero-filled tail after power loss — is cut off (and the file truncated) with every earlier
//     record kept. A damaged record *followed by valid ones* is not a torn tail but corruption:
//     the journal refuses to open (CorruptFileError) and changes nothing, so nothing recorded is
//     lost silently.
//   - One writer at a time: open() takes an exclusive lock (flock) and a second writer gets a
//     FileError. read_journal() reads without locking and without repairing.
//
// Layout: header "CHJL" | u16 version | u16 0 | u32 crc32c(first 8 bytes); then records
//   u32 payload_length | u64 seq | u32 crc32c(seq bytes + payload) | payload   (little-endian).
//
// Example:
//   auto journal = io::EventJournal::open("events.chjl");
//   journal.append(encoded_event);                 // durable when it returns
//   for (const auto& r : io::read_journal("events.chjl")) replay(r.payload);

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace charter::io {

/// Largest payload of one record.
inline constexpr std::uint32_t kMaxJournalRecordBytes = 16u << 20;

struct JournalRecord {
  std::uint64_t seq = 0;
  std::string payload;
};

/// What opening a journal found.
struct JournalRecovery {
  std::uint64_t records = 0;         ///< valid records kept
  std::uint64_t dropped_bytes = 0;   ///< bytes of a torn tail cut off (0 when clean)
};

class EventJournal {
 public:
  /// Opens (creating when missing) for appending, with an exclusive lock; cuts a torn tail.
  /// Throws FileError (cannot open, locked by another writer) or CorruptFileError.
  static EventJournal open(const std::string& path);

  EventJournal(EventJournal&& other) noexcept;
  EventJournal& operator=(EventJournal&& other) noexcept;
  EventJournal(const EventJournal&) = delete;
  EventJournal& operator=(const EventJournal&) = delete;
  ~EventJournal();

  /// Appends one record and syncs it to disk; returns its sequence number. On failure the file
  /// is cut back to where it was and FileError is thrown.
  std::uint64_t append(std::string_view payload);

  std::uint64_t last_seq() const { return last_seq_; }
  const JournalRecovery& recovery() const { return recovery_; }
  const std::string& path() const { return path_; }

 private:
  EventJournal() = default;
  int fd_ = -1;
  std::string path_;
  std::uint64_t last_seq_ = 0;
  std::uint64_t size_ = 0;
  JournalRecovery recovery_;
};

/// Every valid record of a journal, in order, without locking or repairing it: a torn tail is
/// ignored, corruption followed by valid records throws CorruptFileError.
std::vector<JournalRecord> read_journal(const std::string& path);

}  // namespace charter::io
