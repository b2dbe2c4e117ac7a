#pragma once
// Compliance: findings counted by standard, staff, unit, channel or owner, and by day, week or
// month — the compliance rate, the worst offenders, and the trend between two periods.
//
// Meaning:
//   - A row counts the findings of one key (the values of the chosen dimensions, in the order
//     asked) and one period: met, not met, not applicable and invalid.
//   - rate() = met / (met + not met): the share of checks passed. Not applicable and invalid
//     findings are not checks; a row with no checks has rate NaN.
//   - Periods are local dates on a calendar's zone: a day, a week from Monday, a month from its
//     first day; period_start is that first date (not_a_date_time without periods). Findings of
//     an observation without an instant count under no period and are left out when periods are
//     asked for.
//   - Rows come sorted by key (in the order the keys first appear among the findings: standards in
//     the charter's order, names as met) and then by period.
//   - An instant range [from, to) keeps only the findings whose observation lies in it.
//
// Example:
//   const ComplianceTable t = compliance(findings, {Dimension::unit}, Period::month, office);
//   for (const auto& row : t.rows) std::cout << row.key[0] << ' ' << row.rate() << '\n';
//   for (const auto& row : worst(compliance(findings, {Dimension::staff}), 5, 20)) …

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "charter/calendar/business_calendar.hpp"
#include "charter/standard/findings.hpp"
#include "charter/standard/period.hpp"

namespace charter::standard {

/// What findings can be grouped by.
enum class Dimension {
  standard,  ///< the standard's id
  owner,     ///< the standard's owner role
  staff,     ///< the observation's staff ("" when not given)
  unit,      ///< the observation's unit
  channel,   ///< the observation's channel
};

/// "standard", "owner", "staff", "unit", "channel".
const char* dimension_name(Dimension d);

struct ComplianceRow {
  std::vector<std::string> key;            ///< one value per dimension asked
  boost::gregorian::date period_start;     ///< not_a_date_time without periods
  std::size_t met = 0;
  std::size_t not_met = 0;
  std::size_t not_applicable = 0;
  std::size_t invalid = 0;

  std::size_t checked() const { return met + not_met; }
  /// met / checked(); NaN when nothing was checked.
  double rate() const;

  friend bool operator==(const ComplianceRow& a, const ComplianceRow& b) {
    return a.key == b.key && a.period_start == b.period_start && a.met == b.met &&
           a.not_met == b.not_met && a.not_applicable == b.not_applicable && a.invalid == b.invalid;
  }
};

struct ComplianceTable {
  std::vector<Dimension> dimensions;
  Period period = Period::none;
  std::vector<ComplianceRow> rows;
};

/// An instant range [from, to), UTC; either end may be open.
struct InstantRange {
  std::optional<boost::posix_time::ptime> from;
  std::optional<boost::posix_time::ptime> to;
};

/// Counts the findings by the dimensions (none: one row for everything) and period. A period
/// other than none needs `zone` (std::invalid_argument otherwise); so does nothing else.
ComplianceTable compliance(const Findings& findings, const std::vector<Dimension>& dimensions,
                           Period period = Period::none,
                           const calendar::BusinessCalendar* zone = nullptr,
                           const InstantRange& range = {});

/// The n rows with the lowest rate among those with at least `min_checked` checks; ties go to
/// more breaches, then to the table's order.
std::vector<ComplianceRow> worst(const ComplianceTable& table, std::size_t n, std::size_t min_checked = 1);

/// How one key's compliance changed from one range of instants to another.
struct TrendRow {
  std::vector<std::string> key;
  ComplianceRow before;  ///< counts in the first range (zero when the key has none)
  ComplianceRow after;   ///< counts in the second range
  /// after.rate() − before.rate(); NaN when either has no checks.
  double change() const;
};

/// Every key found in either range, in the order compliance() gives them, with its counts in
/// both.
std::vector<TrendRow> trend(const Findings& findings, const std::vector<Dimension>& dimensions,
                            const InstantRange& before, const InstantRange& after);

}  // namespace charter::standard
