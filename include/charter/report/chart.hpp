#pragma once
// Chart: the numbers behind one picture of a report — daily complaint volume, the daily on-time
// rate against its target, compliance by unit against its target — as a validated value. How it
// is drawn (inline SVG) lives in charter/report/svg.hpp; Markdown shows it as a small table.
//
// Meaning:
//   - Three kinds, each with a fixed reading:
//       daily_bars      one vertical bar per day, consecutive days from `first_day` (the daily
//                       complaint volume); values ≥ 0.
//       daily_line      one point per day joined by a line, on a fixed 0–100 scale (a rate in
//                       percent: the on-time reply rate), with an optional target line; values
//                       and target within 0..100.
//       category_bars   one horizontal bar per category (compliance by unit), with an optional
//                       target line; a bar below the target is drawn as "below target";
//                       values ≥ 0.
//   - A missing value (std::nullopt; None in Python) is a day or category without data: drawn
//     as a gap and written "no data", never as zero. NaN and ±infinity are refused, never read
//     as missing: a computation that produced NaN is a bug to be seen, not a gap.
//   - Daily charts cover the days first_day, first_day + 1, … (one value per day, at most 366);
//     category charts have one label per value (at most 200), each label non-empty.
//   - `unit` is printed after values ("%", "件"); `series` names what is plotted ("complaints
//     received (投诉受理量)") in the legend and in Markdown's column head.
//
// Building a Chart checks everything and throws ReportError listing every problem with its path
// ("values[3]: NaN is not a value (use a missing value for a day without data)").
//
// Example:
//   ChartSpec spec;
//   spec.kind = ChartKind::daily_line;
//   spec.title = "On-time reply rate (按时答复率)";
//   spec.first_day = boost::gregorian::date(2025, 10, 1);
//   spec.values = {96.0, std::nullopt, 100.0};
//   spec.target = 95.0;
//   spec.unit = "%";
//   Chart chart(spec);

#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "charter/error.hpp"

namespace charter::report {

/// One thing wrong with a chart or a document: where ("sections[1].blocks[0].table.rows[2]")
/// and why.
struct ReportProblem {
  std::string path;
  std::string message;
  friend bool operator==(const ReportProblem& a, const ReportProblem& b) {
    return a.path == b.path && a.message == b.message;
  }
};

/// A chart or document that cannot be built or rendered; what() lists every problem, one per
/// line, after `what` ("chart 'Daily volume'", "document 'Monthly report'").
class ReportError : public Error {
 public:
  ReportError(const std::string& what, std::vector<ReportProblem> problems);
  const std::vector<ReportProblem>& problems() const { return problems_; }

 private:
  std::vector<ReportProblem> problems_;
};

enum class ChartKind {
  daily_bars,     ///< vertical bars over consecutive days (daily complaint volume)
  daily_line,     ///< a 0–100 % line over consecutive days with a target line (on-time rate)
  category_bars,  ///< horizontal bars by category with a target line (compliance by unit)
};

/// "daily_bars", "daily_line", "category_bars".
const char* chart_kind_name(ChartKind k);

struct ChartSpec {
  ChartKind kind = ChartKind::daily_bars;
  std::string title;                          ///< required; the SVG <title> and aria-label
  std::string series;                         ///< what is plotted; the legend and column head
  std::string unit;                           ///< printed after values ("%", "件"); may be empty
  boost::gregorian::date first_day;           ///< daily kinds: the first value's day
  std::vector<std::string> categories;        ///< category_bars: one label per value
  std::vector<std::optional<double>> values;  ///< nullopt: no data
  std::optional<double> target;               ///< daily_line, category_bars: the goal (≥ target)
  int decimals = 1;                           ///< digits after the point when values are shown (0–6)

  friend bool operator==(const ChartSpec& a, const ChartSpec& b) {
    return a.kind == b.kind && a.title == b.title && a.series == b.series && a.unit == b.unit &&
           a.first_day == b.first_day && a.categories == b.categories && a.values == b.values &&
           a.target == b.target && a.decimals == b.decimals;
  }
  friend bool operator!=(const ChartSpec& a, const ChartSpec& b) { return !(a == b); }
};

/// Every problem of a spec (empty: valid). Paths are relative to the chart ("values[2]").
std::vector<ReportProblem> validate(const ChartSpec& spec);

class Chart {
 public:
  /// Validates (see validate); throws ReportError naming the chart by its title.
  explicit Chart(ChartSpec spec);

  const ChartSpec& spec() const { return spec_; }
  ChartKind kind() const { return spec_.kind; }
  const std::string& title() const { return spec_.title; }
  std::size_t size() const { return spec_.values.size(); }
  /// The label of value i: the day ("2025-10-03") or the category.
  std::string label(std::size_t i) const;
  /// Whether value i reaches the target; nullopt when there is no target or no value.
  std::optional<bool> meets_target(std::size_t i) const;

  friend bool operator==(const Chart& a, const Chart& b) { return a.spec_ == b.spec_; }
  friend bool operator!=(const Chart& a, const Chart& b) { return !(a == b); }

 private:
  ChartSpec spec_;
};

}  // namespace charter::report
