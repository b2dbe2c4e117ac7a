#include "charter/report/chart.hpp"

#include <cmath>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "charter/detail/problem_lines.hpp"
#include "text.hpp"

namespace charter::report {

namespace {

std::string join_problems(const std::string& what, const std::vector<ReportProblem>& problems) {
  return what + ": " + std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems") +
         charter::detail::problem_lines(problems);
}

std::string number_problem(double v) {
  if (std::isnan(v)) return "NaN is not a value (use a missing value for no data)";
  if (std::isinf(v)) return std::string(v > 0 ? "+" : "-") + "infinity is not a value";
  return {};
}

constexpr std::size_t kMaxDays = 366;
constexpr std::size_t kMaxCategories = 200;

}  // namespace

ReportError::ReportError(const std::string& what, std::vector<ReportProblem> problems)
    : Error(join_problems(what, problems)), problems_(std::move(problems)) {}

const char* chart_kind_name(ChartKind k) {
  switch (k) {
    case ChartKind::daily_bars: return "daily_bars";
    case ChartKind::daily_line: return "daily_line";
    case ChartKind::category_bars: return "category_bars";
  }
  return "?";
}

std::vector<ReportProblem> validate(const ChartSpec& spec) {
  std::vector<ReportProblem> out;
  const auto add = [&](std::string path, std::string message) {
    out.push_back({std::move(path), std::move(message)});
  };
  const auto text = [&](const std::string& path, const std::string& s) {
    const std::string why = detail::text_problem(s, false);
    if (!why.empty()) add(path, why);
  };
  if (spec.kind != ChartKind::daily_bars && spec.kind != ChartKind::daily_line &&
      spec.kind != ChartKind::category_bars) {
    add("kind", "unknown chart kind " + std::to_string(static_cast<int>(spec.kind)));
    return out;
  }
  if (spec.title.empty()) add("title", "a chart needs a title (it is its accessible name)");
  text("title", spec.title);
  text("series", spec.series);
  text("unit", spec.unit);
  if (spec.decimals < 0 || spec.decimals > 6) {
    add("decimals", std::to_string(spec.decimals) + " is outside 0..6");
  }
  const bool daily = spec.kind != ChartKind::category_bars;
  const bool percent = spec.kind == ChartKind::daily_line;
  if (daily) {
    if (spec.first_day.is_special()) add("first_day", "a daily chart needs its first day");
    if (!spec.categories.empty()) {
      add("categories", "a daily chart takes no categories (its labels are the days)");
    }
    if (spec.values.size() > kMaxDays) {
      add("values", std::to_string(spec.values.size()) + " days; at most " +
                        std::to_string(kMaxDays) + " fit a daily chart");
    }
  } else {
    if (spec.categories.size() != spec.values.size()) {
      add("categories", std::to_string(spec.categories.size()) + " labels for " +
                            std::to_string(spec.values.size()) + " values (one label per value)");
    }
    if (spec.values.size() > kMaxCategories) {
      add("values", std::to_string(spec.values.size()) + " categories; at most " +
                        std::to_string(kMaxCategories) + " fit a chart");
    }
    for (std::size_t i = 0; i < spec.categories.size(); ++i) {
      const std::string path = "categories[" + std::to_string(i) + "]";
      if (spec.categories[i].empty()) add(path, "an empty label");
      text(path, spec.categories[i]);
    }
  }
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    if (!spec.values[i]) continue;
    const double v = *spec.values[i];
    const std::string path = "values[" + std::to_string(i) + "]";
    std::string why = number_problem(v);
    if (!why.empty()) {
      add(path, why);
    } else if (v < 0) {
      add(path, "negative value " + detail::plain_number(v) + " (bars and rates start at 0)");
    } else if (percent && v > 100) {
      add(path, "value " + detail::plain_number(v) + " above 100 (a daily_line chart shows a rate in percent)");
    }
  }
  if (spec.target) {
    const double t = *spec.target;
    const std::string why = number_problem(t);
    if (spec.kind == ChartKind::daily_bars) {
      add("target", "a daily_bars chart has no target line (use daily_line or category_bars)");
    } else if (!why.empty()) {
      add("target", why);
    } else if (t < 0) {
      add("target", "negative target " + detail::plain_number(t));
    } else if (percent && t > 100) {
      add("target", "target " + detail::plain_number(t) + " above 100 (a daily_line chart shows a rate in percent)");
    }
  }
  return out;
}

Chart::Chart(ChartSpec spec) : spec_(std::move(spec)) {
  auto problems = validate(spec_);
  if (!problems.empty()) {
    throw ReportError("chart '" + spec_.title + "'", std::move(problems));
  }
}

std::string Chart::label(std::size_t i) const {
  if (i >= spec_.values.size()) {
    throw std::out_of_range("chart '" + spec_.title + "': value " + std::to_string(i) +
                            " of " + std::to_string(spec_.values.size()));
  }
  if (spec_.kind == ChartKind::category_bars) return spec_.categories[i];
  return boost::gregorian::to_iso_extended_string(spec_.first_day + boost::gregorian::days(static_cast<long>(i)));
}

std::optional<bool> Chart::meets_target(std::size_t i) const {
  if (i >= spec_.values.size()) {
    throw std::out_of_range("chart '" + spec_.title + "': value " + std::to_string(i) +
                            " of " + std::to_string(spec_.values.size()));
  }
  if (!spec_.target || !spec_.values[i]) return std::nullopt;
  return *spec_.values[i] >= *spec_.target;
}

}  // namespace charter::report
