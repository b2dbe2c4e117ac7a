#pragma once
// Findings: what evaluating observations against standards found — one row per (observation,
// standard that applies to it), held as columns so ten million rows stay compact and go to
// numpy without copying strings.
//
// Meaning:
//   - A row exists for every standard whose kinds (and channels, when it names any) cover the
//     observation, in observation order and, within one observation, in the charter's order of
//     standards.
//   - outcome: met, not_met, not_applicable (a `when` condition does not hold, or an
//     eligibility request no exclusion matches), invalid (a value the rule needs is missing or
//     unreadable — see standard.hpp).
//   - measured and bound are numbers when the rule has them, NaN otherwise: a threshold's
//     quantity and the bound it broke (or the nearer bound when met); a deadline's lateness in
//     seconds (done − due: negative is early) against 0; the number of distinct signers against
//     N; the number of forbidden-phrase hits against 0.
//   - staff, unit and channel are the observation's, as codes into name tables (code 0 is "",
//     not given); at is its instant.
//   - explanation(i) is one line: "CALL-7 R-01 not met: rings before answer 4, at most 2
//     allowed (owner cs_manager)".
//
// Example:
//   const Findings f = evaluate(charter::builtin(), observations);
//   for (std::size_t i = 0; i < f.size(); ++i)
//     if (f.outcome()[i] == Outcome::not_met) std::cout << f.explanation(i) << '\n';

#include <cstdint>
#include <climits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/detail/default_init_allocator.hpp"
#include "charter/standard/standard.hpp"

namespace charter::standard {

/// What a standard found about one observation.
enum class Outcome : std::uint8_t {
  met,             ///< the rule holds
  not_met,         ///< the rule is broken
  not_applicable,  ///< in scope, but a `when` condition does not hold (or nothing to refuse)
  invalid,         ///< a value the rule needs is missing or unreadable
};

/// "met", "not_met", "not_applicable", "invalid".
const char* outcome_name(Outcome o);

/// One row, with its strings: for printing and for small results.
struct Finding {
  std::size_t observation = 0;  ///< index in the evaluated observations
  std::string observation_id;
  std::string standard;
  Outcome outcome = Outcome::met;
  double measured = 0;  ///< NaN when the rule has no number
  double bound = 0;     ///< NaN when the rule has no number
  std::string owner;
  std::string staff;
  std::string unit;
  std::string channel;
  boost::posix_time::ptime at;
  std::string explanation;
};

/// Everything a Findings holds besides its standards, as plain data: what save/load write and
/// read. Rows are indexed by position in the row columns (observation … note), which all have
/// the same length.
struct FindingsColumns {
  /// A deadline's `done` instant when nothing was recorded (Timing::done).
  static constexpr std::int64_t kNotRecorded = INT64_MIN;

  /// A row column: a std::vector whose resize(n) leaves new numbers unwritten. An evaluation
  /// sizes its columns once and writes every row in place; zeroing ten columns of millions of
  /// rows first would cost more than the appends it saves.
  template <class T>
  using Column = std::vector<T, charter::detail::DefaultInitAllocator<T>>;

  Column<std::uint64_t> observation;  ///< index in the evaluated observations
  Column<std::uint16_t> standard;     ///< into the standards
  Column<Outcome> outcome;
  Column<double> measured;
  Column<double> bound;
  Column<std::int64_t> at;            ///< UTC microseconds; INT64_MIN: no instant
  Column<std::uint32_t> staff;        ///< into staff_names
  Column<std::uint32_t> unit;         ///< into unit_names
  Column<std::uint32_t> channel;      ///< into channel_names
  /// Not applicable: the failing `when` condition (65535: no exclusion matched); a deadline:
  /// the rule that applied; an obligation not met: the condition that failed.
  Column<std::uint16_t> note;
  std::vector<std::string> staff_names{""};  ///< entry 0 is "" (not given)
  std::vector<std::string> unit_names{""};
  std::vector<std::string> channel_names{""};
  /// Observation ids one after another: observation k's id ends at id_end[k].
  std::string id_pool;
  std::vector<std::uint64_t> id_end;
  /// What the evaluation said in words where the columns cannot, by row, rows ascending.
  std::vector<std::pair<std::uint64_t, std::string>> details;
  /// The instants of deadline rows, rows ascending: explanation() words them on the standard's
  /// calendar.
  struct Timing {
    std::uint64_t row;
    std::int64_t done;  ///< kNotRecorded when nothing was done
    std::int64_t due;
    friend bool operator==(const Timing& a, const Timing& b) {
      return a.row == b.row && a.done == b.done && a.due == b.due;
    }
  };
  std::vector<Timing> timings;
};

class Findings {
 public:
  /// A deadline's `done` instant when nothing was recorded (in the timing of a row).
  static constexpr std::int64_t kNotRecorded = FindingsColumns::kNotRecorded;

  /// No rows, no standards.
  Findings();
  /// From saved parts: checks that the columns agree with each other and with the standards
  /// (lengths, codes within their tables, rows ascending in details and timings, observation
  /// indices within id_end, timings only on deadline rows); std::invalid_argument otherwise.
  Findings(std::vector<Standard> standards, FindingsColumns columns);

  std::size_t size() const { return c_.observation.size(); }
  bool empty() const { return c_.observation.empty(); }

  /// The standards the rows index, in the charter's order.
  const std::vector<Standard>& standards() const { return *standards_; }

  template <class T>
  using Column = FindingsColumns::Column<T>;

  // Columns, one entry per row.
  const Column<std::uint64_t>& observation() const { return c_.observation; }
  /// The id of row i's observation ("" when it has none); std::out_of_range past the end.
  std::string_view observation_id(std::size_t i) const;
  const Column<std::uint16_t>& standard() const { return c_.standard; }  ///< into standards()
  const Column<Outcome>& outcome() const { return c_.outcome; }
  const Column<double>& measured() const { return c_.measured; }
  const Column<double>& bound() const { return c_.bound; }
  const Column<std::int64_t>& at_micros() const { return c_.at; }  ///< UTC, since 1970
  const Column<std::uint32_t>& staff() const { return c_.staff; }
  const Column<std::uint32_t>& unit() const { return c_.unit; }
  const Column<std::uint32_t>& channel() const { return c_.channel; }

  /// Name tables the staff, unit and channel codes index; entry 0 is "".
  const std::vector<std::string>& staff_names() const { return c_.staff_names; }
  const std::vector<std::string>& unit_names() const { return c_.unit_names; }
  const std::vector<std::string>& channel_names() const { return c_.channel_names; }

  /// Everything but the standards, as plain data (what save writes).
  const FindingsColumns& columns() const { return c_; }

  /// Row i with its strings and explanation; std::out_of_range past the end.
  Finding row(std::size_t i) const;
  /// The one-line explanation of row i; std::out_of_range past the end.
  std::string explanation(std::size_t i) const;

  /// Compares every column (explanations included) and the standards.
  friend bool operator==(const Findings& a, const Findings& b);
  friend bool operator!=(const Findings& a, const Findings& b) { return !(a == b); }

 private:
  friend class FindingsBuilder;
  std::shared_ptr<const std::vector<Standard>> standards_;
  FindingsColumns c_;
};

}  // namespace charter::standard
