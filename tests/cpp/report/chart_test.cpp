// Charts as values: what a chart may hold, and what it refuses (NaN is a bug, not a gap).

#include "charter/report/chart.hpp"

#include <limits>

#include "test_support.hpp"

namespace charter::report {
namespace {

using boost::gregorian::date;

ChartSpec daily(ChartKind kind, std::vector<std::optional<double>> values) {
  ChartSpec s;
  s.kind = kind;
  s.title = "Daily volume (每日投诉量)";
  s.first_day = date(2025, 10, 1);
  s.values = std::move(values);
  return s;
}

ChartSpec by_unit(std::vector<std::string> units, std::vector<std::optional<double>> values) {
  ChartSpec s;
  s.kind = ChartKind::category_bars;
  s.title = "Compliance by unit (各单位达标率)";
  s.categories = std::move(units);
  s.values = std::move(values);
  s.target = 98.0;
  s.unit = "%";
  return s;
}

std::string problems_text(const std::vector<ReportProblem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.path + ": " + p.message + "\n";
  return s;
}

TEST(Chart, DailyLabelsAreConsecutiveDaysAcrossMonthEnd) {
  ChartSpec s = daily(ChartKind::daily_bars, {3.0, std::nullopt, 5.0});
  s.first_day = date(2024, 2, 28);  // 2024 is a leap year: 28, 29 Feb, then 1 Mar
  Chart c(s);
  EXPECT_EQ(c.size(), 3u);
  EXPECT_EQ(c.label(0), "2024-02-28");
  EXPECT_EQ(c.label(1), "2024-02-29");
  EXPECT_EQ(c.label(2), "2024-03-01");
  EXPECT_THROW(c.label(3), std::out_of_range);
}

TEST(Chart, MissingValuesAreKeptAsMissing) {
  Chart c(daily(ChartKind::daily_line, {96.0, std::nullopt, 100.0}));
  EXPECT_FALSE(c.spec().values[1].has_value());
}

TEST(Chart, NanAndInfinityAreRefusedWithTheirIndex) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(problems_text(validate(daily(ChartKind::daily_bars, {1.0, nan, -inf}))),
            "values[1]: NaN is not a value (use a missing value for no data)\n"
            "values[2]: -infinity is not a value\n");
  CHARTER_EXPECT_THROW_MSG(Chart(daily(ChartKind::daily_bars, {nan})), ReportError,
                           "chart 'Daily volume (每日投诉量)': 1 problem\n  values[0]: NaN is not a value");
}

TEST(Chart, NegativeValuesAreRefused) {
  EXPECT_EQ(problems_text(validate(daily(ChartKind::daily_bars, {-1.0}))),
            "values[0]: negative value -1 (bars and rates start at 0)\n");
}

TEST(Chart, RatesStayWithinZeroToHundred) {
  ChartSpec s = daily(ChartKind::daily_line, {100.0, 0.0, 100.5});
  s.target = 101.0;
  EXPECT_EQ(problems_text(validate(s)),
            "values[2]: value 100.5 above 100 (a daily_line chart shows a rate in percent)\n"
            "target: target 101 above 100 (a daily_line chart shows a rate in percent)\n");
  s.values = {100.0, 0.0};
  s.target = 100.0;  // exactly 100 % is a rate
  EXPECT_TRUE(validate(s).empty());
}

TEST(Chart, CategoryLabelsMatchValues) {
  EXPECT_EQ(problems_text(validate(by_unit({"Beijing", ""}, {99.0, 97.0, 50.0}))),
            "categories: 2 labels for 3 values (one label per value)\n"
            "categories[1]: an empty label\n");
}

TEST(Chart, KindSpecificFields) {
  ChartSpec s = daily(ChartKind::daily_bars, {1.0});
  s.first_day = date(boost::date_time::not_a_date_time);
  s.categories = {"x"};
  s.target = 3.0;
  s.decimals = 7;
  s.title.clear();
  EXPECT_EQ(problems_text(validate(s)),
            "title: a chart needs a title (it is its accessible name)\n"
            "decimals: 7 is outside 0..6\n"
            "first_day: a daily chart needs its first day\n"
            "categories: a daily chart takes no categories (its labels are the days)\n"
            "target: a daily_bars chart has no target line (use daily_line or category_bars)\n");
}

TEST(Chart, AtMostAYearOfDays) {
  std::vector<std::optional<double>> year(366, 1.0);
  EXPECT_TRUE(validate(daily(ChartKind::daily_bars, year)).empty());  // a leap year fits
  year.push_back(1.0);
  EXPECT_EQ(problems_text(validate(daily(ChartKind::daily_bars, year))),
            "values: 367 days; at most 366 fit a daily chart\n");
}

TEST(Chart, TitlesAreSingleLineUtf8) {
  ChartSpec s = daily(ChartKind::daily_bars, {});
  s.title = "a\nb";
  s.unit = "\xff";
  EXPECT_EQ(problems_text(validate(s)),
            "title: control character U+000A at byte 1 (no line breaks here)\n"
            "unit: invalid UTF-8 at byte 0\n");
}

TEST(Chart, MeetsTargetIsAtOrAbove) {
  Chart c(by_unit({"Beijing", "Shanghai", "Guangzhou"}, {98.0, 97.9, std::nullopt}));
  EXPECT_EQ(c.meets_target(0), std::optional<bool>(true));
  EXPECT_EQ(c.meets_target(1), std::optional<bool>(false));
  EXPECT_EQ(c.meets_target(2), std::nullopt);  // no data: neither met nor missed
  EXPECT_EQ(c.label(1), "Shanghai");
}

TEST(Chart, EmptyChartIsValid) {
  Chart c(daily(ChartKind::daily_bars, {}));
  EXPECT_EQ(c.size(), 0u);
  EXPECT_STREQ(chart_kind_name(c.kind()), "daily_bars");
}

TEST(Chart, Equality) {
  Chart a(daily(ChartKind::daily_bars, {1.0, std::nullopt}));
  Chart b(daily(ChartKind::daily_bars, {1.0, 0.0}));
  EXPECT_NE(a, b);  // a gap is not a zero
  EXPECT_EQ(a, Chart(a.spec()));
}

}  // namespace
}  // namespace charter::report
