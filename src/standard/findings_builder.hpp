#pragma once
// Appends rows to a Findings while an evaluation runs: interns staff, unit and channel names
// once per observation and keeps the words only where the columns cannot say them.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "charter/standard/findings.hpp"
#include "charter/standard/observation.hpp"

namespace charter::standard {

class FindingsBuilder {
 public:
  explicit FindingsBuilder(const std::vector<Standard>& standards);

  /// Sizes the columns for `observations` observations giving at most `rows` rows.
  void reserve(std::size_t observations, std::size_t rows);
  /// The next observation (index = how many were given before); rows that follow are its.
  void observation(const Observation& o);
  /// A row for the current observation; `detail` is kept only when not empty. Inline: it runs
  /// for every row, and a call per row cost more than the appends (measured; writing in place
  /// into columns sized beforehand was slower still, for zeroing them first).
  void row(std::size_t observation, std::uint16_t standard, Outcome outcome, double measured,
           double bound, std::uint16_t note, const std::string& detail) {
    if (!coded_) code_current();
    FindingsColumns& c = f_.c_;
    if (!detail.empty()) c.details.emplace_back(c.observation.size(), detail);
    c.observation.push_back(observation);
    c.standard.push_back(standard);
    c.outcome.push_back(outcome);
    c.measured.push_back(measured);
    c.bound.push_back(bound);
    c.note.push_back(note);
    c.at.push_back(at_);
    c.staff.push_back(staff_);
    c.unit.push_back(unit_);
    c.channel.push_back(channel_);
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
    std::uint32_t code(std::vector<std::string>& names, const std::string& name);

   private:
    struct Slot {
      std::uint32_t code = 0;  // 0: empty
      std::uint32_t tag = 0;
    };
    void grow(const std::vector<std::string>& names);
    std::vector<Slot> slots_ = std::vector<Slot>(64);
  };

  void code_current();

  Findings f_;
  const Observation* current_ = nullptr;
  bool coded_ = false;
  std::uint32_t staff_ = 0, unit_ = 0, channel_ = 0;
  std::int64_t at_ = 0;
  Codes staff_codes_, unit_codes_, channel_codes_;
};

}  // namespace charter::standard
