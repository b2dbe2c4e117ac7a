#pragma once
// Drawing a Chart as inline SVG, and the number formatting every report output shares.
//
// Meaning:
//   - to_svg gives one <svg> element (no XML prolog) for inlining in HTML: role="img", an
//     aria-label and a <title> from the chart's title, a <desc> summarising the data, and a
//     <title> on every bar and point ("2025-10-03: 40 件"), so screen readers and hovering both
//     read values. It scales to its container (viewBox, width 100%).
//   - Axes start at zero. Ticks are round values (1, 2 or 5 × 10^k steps, at most 6 intervals)
//     up to the first tick at or above the largest value or target; a daily_line chart always
//     runs 0–100. All values zero or missing: the axis runs 0–1.
//   - Colours come from the Okabe–Ito palette, readable for colour-blind readers and distinct
//     in greyscale print: bars and the line blue (#0072b2), category bars below target orange
//     (#e69f00) and named in the legend, the target a dashed vermillion line (#d55e00), a day
//     without data a grey dash (#999999) at the baseline. Shapes that a test finds by colour
//     (bars, the target line) are drawn with crisp edges.
//   - Category labels longer than the label column (13 CJK or 26 Latin characters) are
//     shortened with "…" on the axis; the bar's <title> keeps the whole label.
//   - Deterministic: coordinates with one decimal, fixed formatting independent of the locale.
//
// Example:
//   std::string svg = to_svg(chart, Lang::en);

#include <string>

#include "charter/report/chart.hpp"
#include "charter/report/document.hpp"

namespace charter::report {

/// The chart as an inline <svg> element, words ("target", "no data") in `lang`.
std::string to_svg(const Chart& chart, Lang lang);

/// `value` with exactly `decimals` digits after the point ('.'; no grouping; "-0" printed "0");
/// the same bytes in every locale. Throws std::invalid_argument for NaN/inf or decimals
/// outside 0–6.
std::string format_number(double value, int decimals);

/// A round axis for values 0..`largest`: the step (1, 2 or 5 × 10^k) and the top tick
/// (a multiple of the step ≥ largest); largest ≤ 0 gives step 0.2, top 1.
struct Axis {
  double step;
  double top;
};
Axis nice_axis(double largest);

}  // namespace charter::report
