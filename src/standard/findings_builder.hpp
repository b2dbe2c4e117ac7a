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
  // A name's code in its table; `last` remembers the previous name of the column, which the
  // next observation often repeats (the channel, the unit).
  struct Column {
    std::unordered_map<std::string, std::uint32_t> index;
    std::string last;
    std::uint32_t last_code = 0;
  };
  std::uint32_t code(std::vector<std::string>& names, Column& column, const std::string& name);

  Findings f_;
  const Observation* current_ = nullptr;
  bool coded_ = false;
  std::uint32_t staff_ = 0, unit_ = 0, channel_ = 0;
  std::int64_t at_ = 0;
  Column staff_column_, unit_column_, channel_column_;
};

}  // namespace charter::standard
