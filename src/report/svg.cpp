#include "charter/report/svg.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "text.hpp"

namespace charter::report {

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) throw std::invalid_argument("format_number: not a finite number");
  if (decimals < 0 || decimals > 6) {
    throw std::invalid_argument("format_number: decimals " + std::to_string(decimals) + " outside 0..6");
  }
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  std::string s(buf, r.ptr);
  // "-0.0" is a rounding artefact of a tiny negative number; a reader sees zero.
  if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

Axis nice_axis(double largest) {
  if (!(largest > 0) || !std::isfinite(largest)) return {0.2, 1.0};
  const int k = static_cast<int>(std::floor(std::log10(largest / 6.0)));
  for (int e = k; e <= k + 1; ++e) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double step = m * std::pow(10.0, e);
      // A tiny tolerance keeps 100 within 5 steps of 20 despite rounding.
      const double intervals = std::ceil(largest / step - 1e-9);
      if (intervals <= 6) return {step, intervals * step};
    }
  }
  const double step = std::pow(10.0, k + 2);
  return {step, std::ceil(largest / step - 1e-9) * step};
}

namespace {

using detail::xml_escape;

constexpr double kWidth = 640;
constexpr const char* kBlue = "#0072b2";
constexpr const char* kOrange = "#e69f00";
constexpr const char* kTarget = "#d55e00";
constexpr const char* kGrey = "#999999";
constexpr const char* kGrid = "#dddddd";
constexpr const char* kAxis = "#333333";
constexpr int kLabelColumns = 26;  // display width of a category label (13 CJK characters)

std::string f1(double v) { return format_number(v, 1); }

int tick_decimals(double step) {
  int d = 0;
  while (d < 6 && std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-9) ++d;
  return d;
}

std::string with_unit(const std::string& number, const std::string& unit) {
  if (unit.empty()) return number;
  return number + " " + unit;
}

// Approximate rendered width in user units at font-size 11, for placing legend entries.
double text_width(const std::string& s) { return detail::display_width(s) * 6.2; }

struct Svg {
  std::string out;
  Lang lang;
  const Chart& chart;
  const ChartSpec& spec;
  const detail::Words& w;

  Svg(const Chart& c, Lang l) : lang(l), chart(c), spec(c.spec()), w(detail::words(l)) {}

  std::string value_text(double v) const { return with_unit(format_number(v, spec.decimals), spec.unit); }

  void open(double height) {
    const std::string title = xml_escape(spec.title);
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-";
    out += chart_kind_name(spec.kind);
    out += "\" viewBox=\"0 0 " + f1(kWidth) + " " + f1(height) + "\" width=\"100%\" role=\"img\" aria-label=\"" +
           title + "\" font-size=\"11\">\n";
    out += "<title>" + title + "</title>\n";
    out += "<desc>" + xml_escape(description()) + "</desc>\n";
  }

  std::string description() const {
    std::size_t missing = 0;
    std::optional<double> lo, hi;
    for (const auto& v : spec.values) {
      if (!v) {
        ++missing;
        continue;
      }
      lo = lo ? std::min(*lo, *v) : *v;
      hi = hi ? std::max(*hi, *v) : *v;
    }
    const bool en = lang == Lang::en;
    const std::string sep = en ? ", " : "，";
    std::string d = (spec.series.empty() ? spec.title : spec.series) + (en ? ": " : "：");
    d += std::to_string(spec.values.size()) + (en ? " " : "") +
         (spec.kind == ChartKind::category_bars ? w.categories : w.days);
    if (!spec.values.empty() && spec.kind != ChartKind::category_bars) d += sep + span();
    if (lo) d += sep + value_text(*lo) + (*lo == *hi ? "" : " – " + value_text(*hi));
    if (missing > 0) d += sep + (en ? std::to_string(missing) + " " + w.no_data : std::string(w.no_data) + " " + std::to_string(missing));
    if (spec.target) d += sep + w.target + " " + value_text(*spec.target);
    return d;
  }

  // The days a daily chart covers: "2025-10-01 – 2025-10-31", or the one day.
  std::string span() const {
    const std::size_t n = spec.values.size();
    return n == 1 ? chart.label(0) : chart.label(0) + " – " + chart.label(n - 1);
  }

  void legend_entry(double& x, double y, const std::string& swatch, const std::string& text) {
    out += swatch;
    out += "<text x=\"" + f1(x + 18) + "\" y=\"" + f1(y + 4) + "\" fill=\"" + kAxis + "\">" +
           xml_escape(text) + "</text>\n";
    x += 18 + text_width(text) + 16;
  }
  std::string box(double x, double y, const char* fill) const {
    return "<rect x=\"" + f1(x) + "\" y=\"" + f1(y - 5) + "\" width=\"12\" height=\"10\" fill=\"" + fill +
           "\" shape-rendering=\"crispEdges\"/>";
  }
  std::string dash(double x, double y, const char* stroke) const {
    return "<line x1=\"" + f1(x) + "\" y1=\"" + f1(y) + "\" x2=\"" + f1(x + 14) + "\" y2=\"" + f1(y) +
           "\" stroke=\"" + stroke + "\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>";
  }

  double largest() const {
    double m = 0;
    for (const auto& v : spec.values) {
      if (v) m = std::max(m, *v);
    }
    if (spec.target) m = std::max(m, *spec.target);
    return m;
  }

  bool any_missing() const {
    return std::any_of(spec.values.begin(), spec.values.end(), [](const auto& v) { return !v; });
  }

  std::string item_title(std::size_t i) const {
    const auto& v = spec.values[i];
    return "<title>" + xml_escape(chart.label(i) + ": " + (v ? value_text(*v) : std::string(w.no_data))) +
           "</title>";
  }

  // ---- daily kinds: days left to right, values bottom to top --------------------------------
  void daily() {
    const double height = 260, x0 = 52, x1 = kWidth - 16, top_y = 30, base = 222;
    const bool line = spec.kind == ChartKind::daily_line;
    const Axis axis = line ? Axis{20, 100} : nice_axis(largest());
    const int decimals = tick_decimals(axis.step);
    const auto y_of = [&](double v) { return base - v / axis.top * (base - top_y); };
    const std::size_t n = spec.values.size();
    const double slot = n == 0 ? (x1 - x0) : (x1 - x0) / static_cast<double>(n);
    const auto centre = [&](std::size_t i) { return x0 + slot * (static_cast<double>(i) + 0.5); };

    open(height);
    // Legend on the top line: the series, the target, "no data" when a day has none.
    double lx = x0;
    const std::string series = with_unit(spec.series.empty() ? std::string(w.values_from) : spec.series,
                                         spec.unit.empty() ? "" : "(" + spec.unit + ")");
    if (line) {
      legend_entry(lx, 12, "<line x1=\"" + f1(lx) + "\" y1=\"12.0\" x2=\"" + f1(lx + 14) +
                               "\" y2=\"12.0\" stroke=\"" + kBlue + "\" stroke-width=\"2\"/>",
                   series);
    } else {
      legend_entry(lx, 12, box(lx, 12, kBlue), series);
    }
    if (spec.target) legend_entry(lx, 12, dash(lx, 12, kTarget), std::string(w.target) + " " + value_text(*spec.target));
    if (any_missing()) legend_entry(lx, 12, box(lx, 12, kGrey), w.no_data);

    out += "<g class=\"grid\">\n";
    for (int t = 0; t * axis.step <= axis.top + 1e-9; ++t) {
      const double v = t * axis.step, y = y_of(v);
      out += "<line x1=\"" + f1(x0) + "\" y1=\"" + f1(y) + "\" x2=\"" + f1(x1) + "\" y2=\"" + f1(y) +
             "\" stroke=\"" + kGrid + "\" shape-rendering=\"crispEdges\"/>";
      out += "<text x=\"" + f1(x0 - 6) + "\" y=\"" + f1(y + 4) + "\" text-anchor=\"end\" fill=\"" + kAxis +
             "\">" + format_number(v, decimals) + "</text>\n";
    }
    out += "</g>\n";

    // Day-of-month labels: every day up to 16 days, else every k-th so they never overlap.
    const std::size_t every = n <= 16 ? 1 : (n + 15) / 16;
    out += "<g class=\"x-labels\" text-anchor=\"middle\" fill=\"" + std::string(kAxis) + "\">\n";
    for (std::size_t i = 0; i < n; i += every) {
      const auto day = spec.first_day + boost::gregorian::days(static_cast<long>(i));
      out += "<text x=\"" + f1(centre(i)) + "\" y=\"" + f1(base + 15) + "\">" +
             std::to_string(day.day().as_number()) + "</text>";
    }
    out += "\n</g>\n";
    if (n > 0) {
      out += "<text x=\"" + f1(x1) + "\" y=\"" + f1(height - 6) + "\" text-anchor=\"end\" fill=\"" + kAxis +
             "\">" + xml_escape(span() + " (" + w.day_of_month + ")") +
             "</text>\n";
    }

    if (line) {
      daily_line(y_of, centre);
    } else {
      daily_bars(y_of, centre, slot, base);
    }
    // Missing days: a grey dash on the baseline, so a gap is seen as "no data", not as zero.
    for (std::size_t i = 0; i < n; ++i) {
      if (spec.values[i]) continue;
      const double dw = std::max(2.0, std::min(10.0, slot * 0.6));
      out += "<rect class=\"no-data\" x=\"" + f1(centre(i) - dw / 2) + "\" y=\"" + f1(base - 3) +
             "\" width=\"" + f1(dw) + "\" height=\"2.0\" fill=\"" + kGrey + "\" shape-rendering=\"crispEdges\">" +
             item_title(i) + "</rect>\n";
    }
    if (spec.target) target_horizontal(y_of(*spec.target), x0, x1);
    out += "<line x1=\"" + f1(x0) + "\" y1=\"" + f1(base) + "\" x2=\"" + f1(x1) + "\" y2=\"" + f1(base) +
           "\" stroke=\"" + kAxis + "\" shape-rendering=\"crispEdges\"/>\n";
    out += "<line x1=\"" + f1(x0) + "\" y1=\"" + f1(top_y) + "\" x2=\"" + f1(x0) + "\" y2=\"" + f1(base) +
           "\" stroke=\"" + kAxis + "\" shape-rendering=\"crispEdges\"/>\n";
    out += "</svg>";
  }

  template <class YOf, class Centre>
  void daily_bars(const YOf& y_of, const Centre& centre, double slot, double base) {
    // Wide enough to see, never a slab: one day's bar is as wide as in a 14-day chart.
    const double bw = std::min(28.6, std::max(1.0, slot * 0.7));
    out += "<g class=\"bars\" fill=\"" + std::string(kBlue) + "\" shape-rendering=\"crispEdges\">\n";
    for (std::size_t i = 0; i < spec.values.size(); ++i) {
      if (!spec.values[i]) continue;
      const double y = y_of(*spec.values[i]);
      out += "<rect x=\"" + f1(centre(i) - bw / 2) + "\" y=\"" + f1(y) + "\" width=\"" + f1(bw) +
             "\" height=\"" + f1(base - y) + "\">" + item_title(i) + "</rect>\n";
    }
    out += "</g>\n";
  }

  template <class YOf, class Centre>
  void daily_line(const YOf& y_of, const Centre& centre) {
    // One polyline per run of days with data: a missing day breaks the line.
    std::string points;
    const auto flush = [&] {
      if (points.find(' ') != std::string::npos) {
        out += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + kBlue +
               "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n";
      }
      points.clear();
    };
    for (std::size_t i = 0; i < spec.values.size(); ++i) {
      if (!spec.values[i]) {
        flush();
        continue;
      }
      if (!points.empty()) points += ' ';
      points += f1(centre(i)) + "," + f1(y_of(*spec.values[i]));
    }
    flush();
    out += "<g class=\"points\" fill=\"" + std::string(kBlue) + "\">\n";
    for (std::size_t i = 0; i < spec.values.size(); ++i) {
      if (!spec.values[i]) continue;
      out += "<circle cx=\"" + f1(centre(i)) + "\" cy=\"" + f1(y_of(*spec.values[i])) + "\" r=\"3.0\">" +
             item_title(i) + "</circle>\n";
    }
    out += "</g>\n";
  }

  void target_horizontal(double y, double x0, double x1) {
    out += "<line class=\"target\" x1=\"" + f1(x0) + "\" y1=\"" + f1(y) + "\" x2=\"" + f1(x1) + "\" y2=\"" +
           f1(y) + "\" stroke=\"" + kTarget + "\" stroke-width=\"2\" stroke-dasharray=\"6 4\" shape-rendering=\"crispEdges\">" +
           "<title>" + xml_escape(std::string(w.target) + " " + value_text(*spec.target)) + "</title></line>\n";
  }

  // ---- category bars: one row per category, values left to right -----------------------------
  void categories() {
    const double x0 = 190, x1 = kWidth - 70, top_y = 28, row = 26, bar = 16;
    const std::size_t n = spec.values.size();
    const double base = top_y + row * static_cast<double>(std::max<std::size_t>(n, 1));
    const double height = base + 30;
    const Axis axis = nice_axis(largest());
    const int decimals = tick_decimals(axis.step);
    const auto x_of = [&](double v) { return x0 + v / axis.top * (x1 - x0); };

    open(height);
    double lx = x0;
    bool any_below = false;
    for (std::size_t i = 0; i < n; ++i) any_below = any_below || chart.meets_target(i) == false;
    const std::string series = with_unit(spec.series.empty() ? std::string(w.values_from) : spec.series,
                                         spec.unit.empty() ? "" : "(" + spec.unit + ")");
    legend_entry(lx, 12, box(lx, 12, kBlue), series);
    if (any_below) legend_entry(lx, 12, box(lx, 12, kOrange), w.below_target);
    if (spec.target) legend_entry(lx, 12, dash(lx, 12, kTarget), std::string(w.target) + " " + value_text(*spec.target));

    out += "<g class=\"grid\">\n";
    for (int t = 0; t * axis.step <= axis.top + 1e-9; ++t) {
      const double v = t * axis.step, x = x_of(v);
      out += "<line x1=\"" + f1(x) + "\" y1=\"" + f1(top_y) + "\" x2=\"" + f1(x) + "\" y2=\"" + f1(base) +
             "\" stroke=\"" + kGrid + "\" shape-rendering=\"crispEdges\"/>";
      out += "<text x=\"" + f1(x) + "\" y=\"" + f1(base + 15) + "\" text-anchor=\"middle\" fill=\"" + kAxis +
             "\">" + format_number(v, decimals) + "</text>\n";
    }
    out += "</g>\n";

    for (std::size_t i = 0; i < n; ++i) {
      const double y = top_y + row * static_cast<double>(i) + (row - bar) / 2;
      out += "<text x=\"" + f1(x0 - 8) + "\" y=\"" + f1(y + bar / 2 + 4) + "\" text-anchor=\"end\" fill=\"" + kAxis +
             "\">" + xml_escape(detail::shorten(spec.categories[i], kLabelColumns)) + "</text>\n";
      const auto& v = spec.values[i];
      if (!v) {
        out += "<text class=\"no-data\" x=\"" + f1(x0 + 6) + "\" y=\"" + f1(y + bar / 2 + 4) + "\" fill=\"" +
               kGrey + "\">" + xml_escape(w.no_data) + item_title(i) + "</text>\n";
        continue;
      }
      const bool below = chart.meets_target(i) == false;
      out += "<rect x=\"" + f1(x0) + "\" y=\"" + f1(y) + "\" width=\"" + f1(x_of(*v) - x0) + "\" height=\"" +
             f1(bar) + "\" fill=\"" + (below ? kOrange : kBlue) + "\" shape-rendering=\"crispEdges\">" +
             item_title(i) + "</rect>\n";
      // A white halo keeps the value readable where the target line crosses it.
      out += "<text x=\"" + f1(x_of(*v) + 6) + "\" y=\"" + f1(y + bar / 2 + 4) + "\" fill=\"" + kAxis +
             "\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"" +
             (below ? " font-weight=\"bold\"" : "") + ">" + xml_escape(value_text(*v)) + "</text>\n";
    }
    if (spec.target) {
      const double x = x_of(*spec.target);
      out += "<line class=\"target\" x1=\"" + f1(x) + "\" y1=\"" + f1(top_y - 4) + "\" x2=\"" + f1(x) +
             "\" y2=\"" + f1(base) + "\" stroke=\"" + kTarget +
             "\" stroke-width=\"2\" stroke-dasharray=\"6 4\" shape-rendering=\"crispEdges\"><title>" +
             xml_escape(std::string(w.target) + " " + value_text(*spec.target)) + "</title></line>\n";
    }
    out += "<line x1=\"" + f1(x0) + "\" y1=\"" + f1(top_y) + "\" x2=\"" + f1(x0) + "\" y2=\"" + f1(base) +
           "\" stroke=\"" + kAxis + "\" shape-rendering=\"crispEdges\"/>\n";
    out += "</svg>";
  }
};

}  // namespace

std::string to_svg(const Chart& chart, Lang lang) {
  Svg svg(chart, lang);
  if (chart.kind() == ChartKind::category_bars) {
    svg.categories();
  } else {
    svg.daily();
  }
  return std::move(svg.out);
}

}  // namespace charter::report
