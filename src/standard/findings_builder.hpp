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

  /// The next observation (index = how many were given before); rows that follow are its.
  void observation(const Observation& o);
  /// A row for the current observation; `detail` is kept only when not empty.
  void row(std::size_t observation, std::uint16_t standard, Outcome outcome, double measured,
           double bound, std::uint16_t note, const std::string& detail);
  Findings finish();

 private:
  std::uint32_t code(std::vector<std::string>& names,
                     std::unordered_map<std::string, std::uint32_t>& index, const std::string& name);

  Findings f_;
  const Observation* current_ = nullptr;
  bool coded_ = false;
  std::uint32_t staff_ = 0, unit_ = 0, channel_ = 0;
  std::int64_t at_ = 0;
  std::unordered_map<std::string, std::uint32_t> staff_index_, unit_index_, channel_index_;
};

}  // namespace charter::standard
