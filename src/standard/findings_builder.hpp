#pragma once
// Appends rows to a Findings while an evaluation runs: interns staff, unit and channel names
// once per observation and keeps the words only where the columns cannot say them.

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "charter/standard/findings.hpp"
#include "charter/standard/observation.hpp"
#include "short_hash.hpp"

namespace charter::standard {

class FindingsBuilder {
 public:
  explicit FindingsBuilder(const std::vector<Standard>& standards);

  /// What an evaluation will give at most.
  struct Sizes {
    std::size_t observations = 0;
    std::size_t id_bytes = 0;    ///< their ids together
    std::size_t rows = 0;
    std::size_t timed_rows = 0;  ///< rows of deadline rules
  };
  /// Sizes the columns for that much; rows beyond `rows` are a logic_error.
  void reserve(const Sizes& sizes);
  /// The next observation (index = how many were given before); rows that follow are its.
  /// Inline, its id copied into the pool reserve() sized: once per observation.
  void observation(const Observation& o) {
    current_ = &o;
    coded_ = false;
    FindingsColumns& c = f_.c_;
    const std::size_t n = o.id.size();
    if (id_bytes_ + n > c.id_pool.size()) c.id_pool.resize(std::max(2 * c.id_pool.size(), id_bytes_ + n));
    copy_name(&c.id_pool[id_bytes_], o.id.data(), n);
    id_bytes_ += n;
    c.id_end.push_back(id_bytes_);
  }
  /// A row for the current observation; `detail` is kept only when not empty. Inline, and
  /// written in place into the columns reserve() sized: it runs for every row, and a call or a
  /// push_back per column cost more than the stores (measured).
  void row(std::size_t observation, std::uint16_t standard, Outcome outcome, double measured,
           double bound, std::uint16_t note, const std::string& detail) {
    if (!coded_) code_current();
    if (rows_ == capacity_) more_rows_than_reserved();
    FindingsColumns& c = f_.c_;
    if (!detail.empty()) c.details.emplace_back(rows_, detail);
    c.observation[rows_] = observation;
    c.standard[rows_] = standard;
    c.outcome[rows_] = outcome;
    c.measured[rows_] = measured;
    c.bound[rows_] = bound;
    c.note[rows_] = note;
    c.at[rows_] = at_;
    c.staff[rows_] = staff_;
    c.unit[rows_] = unit_;
    c.channel[rows_] = channel_;
    ++rows_;
  }
  /// The instants of the last row, a deadline's: done (Findings::kNotRecorded) and due.
  void timing(std::int64_t done, std::int64_t due);
  Findings finish();

 private:
  // A name's code in its table (names[code] == name; "" is 0). Three per observation, so an
  // open-addressed table of codes with a power-of-two size: no division, no nodes. Each slot
  // keeps the upper half of its name's hash, so a probe passing another name rarely reads it.
  class Codes {
   public:
    // Inline: a name seen before is the common case, three per observation.
    std::uint32_t code(std::vector<std::string>& names, const std::string& name) {
      if (name.empty()) return 0;
      const std::uint64_t h = short_hash(name);
      const auto tag = static_cast<std::uint32_t>(h >> 32);
      const std::size_t mask = slots_.size() - 1;
      for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const Slot s = slots_[i];
        if (s.code == 0) return add(names, name, i, tag);
        if (s.tag == tag && same_text(names[s.code], name)) return s.code;
      }
    }

   private:
    struct Slot {
      std::uint32_t code = 0;  // 0: empty
      std::uint32_t tag = 0;
    };
    // A new name, into the empty slot i.
    std::uint32_t add(std::vector<std::string>& names, const std::string& name, std::size_t i, std::uint32_t tag);
    void grow(const std::vector<std::string>& names);
    std::vector<Slot> slots_ = std::vector<Slot>(64);
  };

  void code_current();
  // memcpy, with the ids of 8 to 16 bytes most observations have as two overlapping words
  // instead of a call.
  static void copy_name(char* to, const char* from, std::size_t n) {
    if (n >= 8 && n <= 16) {
      std::uint64_t a, b;
      std::memcpy(&a, from, 8);
      std::memcpy(&b, from + n - 8, 8);
      std::memcpy(to, &a, 8);
      std::memcpy(to + n - 8, &b, 8);
    } else if (n) {
      std::memcpy(to, from, n);
    }
  }
  // Sizes every row column to `rows` (their numbers unwritten).
  void size_columns(std::size_t rows);
  // More rows than reserve() was told: a bug in the evaluation, not in its input.
  [[noreturn]] static void more_rows_than_reserved();
  // Calls f on every row column.
  template <class F>
  void each_column(F&& f);

  Findings f_;
  const Observation* current_ = nullptr;
  bool coded_ = false;
  std::size_t id_bytes_ = 0;  // of id_pool, written
  std::size_t rows_ = 0;      // rows written
  std::size_t capacity_ = 0;  // rows the columns are sized for
  std::uint32_t staff_ = 0, unit_ = 0, channel_ = 0;
  std::int64_t at_ = 0;
  Codes staff_codes_, unit_codes_, channel_codes_;
};

}  // namespace charter::standard
