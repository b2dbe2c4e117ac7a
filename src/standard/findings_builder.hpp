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
  /// A row for the current observation; `detail` is kept only when not empty.
  void row(std::size_t observation, std::uint16_t standard, Outcome outcome, double measured,
           double bound, std::uint16_t note, const std::string& detail);
  /// The instants of the last row, a deadline's: done (Findings::kNotRecorded) and due.
  void timing(std::int64_t done, std::int64_t due);
  Findings finish();

 private:
  // A name's code in its table (names[code] == name; "" is 0). Three per observation, so an
  // open-addressed table of codes with a power-of-two size: no division, no nodes.
  class Codes {
   public:
    std::uint32_t code(std::vector<std::string>& names, const std::string& name);

   private:
    static std::uint64_t hash(std::string_view s);
    void grow(const std::vector<std::string>& names);
    std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(64, 0);  // 0: empty
  };

  Findings f_;
  const Observation* current_ = nullptr;
  bool coded_ = false;
  std::uint32_t staff_ = 0, unit_ = 0, channel_ = 0;
  std::int64_t at_ = 0;
  Codes staff_codes_, unit_codes_, channel_codes_;
};

}  // namespace charter::standard
