// Charts drawn as inline SVG: round ticks, gaps for missing days, escaping, determinism.

#include "charter/report/svg.hpp"

#include <clocale>
#include <regex>

#include "test_support.hpp"

namespace charter::report {
namespace {

using boost::gregorian::date;

ChartSpec daily(ChartKind kind, std::vector<std::optional<double>> values) {
  ChartSpec s;
  s.kind = kind;
  s.title = "Daily volume";
  s.first_day = date(2025, 10, 1);
  s.values = std::move(values);
  return s;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// The heights of the value bars, in order (the <rect>s inside <g class="bars">).
std::vector<double> bar_heights(const std::string& svg) {
  const auto start = svg.find("<g class=\"bars\"");
  const auto end = svg.find("</g>", start);
  std::vector<double> out;
  const std::regex height("height=\"([0-9.]+)\"");
  const std::string bars = svg.substr(start, end - start);
  for (std::sregex_iterator it(bars.begin(), bars.end(), height), e; it != e; ++it) {
    out.push_back(std::stod((*it)[1]));
  }
  return out;
}

TEST(FormatNumber, FixedDigitsNoGrouping) {
  EXPECT_EQ(format_number(96.25, 1), "96.2");  // round half to even on the binary value
  EXPECT_EQ(format_number(96.26, 1), "96.3");
  EXPECT_EQ(format_number(1234567.0, 0), "1234567");
  EXPECT_EQ(format_number(100.0, 1), "100.0");
  EXPECT_EQ(format_number(0.0, 2), "0.00");
  EXPECT_EQ(format_number(-0.0001, 1), "0.0");  // never "-0.0"
  EXPECT_EQ(format_number(-2.5, 1), "-2.5");
  EXPECT_THROW(format_number(std::numeric_limits<double>::quiet_NaN(), 1), std::invalid_argument);
  EXPECT_THROW(format_number(1.0, 7), std::invalid_argument);
}

TEST(FormatNumber, IndependentOfTheProcessLocale) {
  // C.utf8 is always there; de_DE may be too (decimal comma): either way no ',' appears.
  for (const char* name : {"de_DE.UTF-8", "fr_FR.UTF-8", "C.utf8"}) {
    if (std::setlocale(LC_ALL, name) == nullptr) continue;
    EXPECT_EQ(format_number(1234.5, 1), "1234.5") << name;
  }
  std::setlocale(LC_ALL, "C");
}

TEST(NiceAxis, RoundStepsAtMostSixIntervals) {
  const auto check = [](double largest, double step, double top) {
    const Axis a = nice_axis(largest);
    EXPECT_DOUBLE_EQ(a.step, step) << largest;
    EXPECT_DOUBLE_EQ(a.top, top) << largest;
  };
  check(100, 20, 100);  // a rate: 0, 20, …, 100
  check(40, 10, 40);
  check(31, 10, 40);
  check(4, 1, 4);
  check(7, 2, 8);
  check(1, 0.2, 1);
  check(0.03, 0.005, 0.03);  // six intervals of 0.005
  check(123456, 50000, 150000);
  check(0, 0.2, 1);   // all zero: 0–1
  check(-5, 0.2, 1);
}

TEST(Svg, OneDayIsByteExact)
{
  ChartSpec s = daily(ChartKind::daily_bars, {4.0});
  s.title = "One day";
  s.first_day = date(2025, 10, 31);
  s.decimals = 0;
  const std::string expected =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-daily_bars\" viewBox=\"0 0 640.0 260.0\" width=\"100%\" role=\"img\" aria-label=\"One day\" font-size=\"11\">\n"
      "<title>One day</title>\n"
      "<desc>One day: 1 days, 2025-10-31, 4</desc>\n"
      "<rect x=\"52.0\" y=\"7.0\" width=\"12\" height=\"10\" fill=\"#0072b2\" shape-rendering=\"crispEdges\"/><text x=\"70.0\" y=\"16.0\" fill=\"#333333\">values</text>\n"
      "<g class=\"grid\">\n"
      "<line x1=\"52.0\" y1=\"222.0\" x2=\"624.0\" y2=\"222.0\" stroke=\"#dddddd\" shape-rendering=\"crispEdges\"/><text x=\"46.0\" y=\"226.0\" text-anchor=\"end\" fill=\"#333333\">0</text>\n"
      "<line x1=\"52.0\" y1=\"174.0\" x2=\"624.0\" y2=\"174.0\" stroke=\"#dddddd\" shape-rendering=\"crispEdges\"/><text x=\"46.0\" y=\"178.0\" text-anchor=\"end\" fill=\"#333333\">1</text>\n"
      "<line x1=\"52.0\" y1=\"126.0\" x2=\"624.0\" y2=\"126.0\" stroke=\"#dddddd\" shape-rendering=\"crispEdges\"/><text x=\"46.0\" y=\"130.0\" text-anchor=\"end\" fill=\"#333333\">2</text>\n"
      "<line x1=\"52.0\" y1=\"78.0\" x2=\"624.0\" y2=\"78.0\" stroke=\"#dddddd\" shape-rendering=\"crispEdges\"/><text x=\"46.0\" y=\"82.0\" text-anchor=\"end\" fill=\"#333333\">3</text>\n"
      "<line x1=\"52.0\" y1=\"30.0\" x2=\"624.0\" y2=\"30.0\" stroke=\"#dddddd\" shape-rendering=\"crispEdges\"/><text x=\"46.0\" y=\"34.0\" text-anchor=\"end\" fill=\"#333333\">4</text>\n"
      "</g>\n"
      "<g class=\"x-labels\" text-anchor=\"middle\" fill=\"#333333\">\n"
      "<text x=\"338.0\" y=\"237.0\">31</text>\n"
      "</g>\n"
      "<text x=\"624.0\" y=\"254.0\" text-anchor=\"end\" fill=\"#333333\">2025-10-31 (day of month)</text>\n"
      "<g class=\"bars\" fill=\"#0072b2\" shape-rendering=\"crispEdges\">\n"
      "<rect x=\"323.7\" y=\"30.0\" width=\"28.6\" height=\"192.0\"><title>2025-10-31: 4</title></rect>\n"
      "</g>\n"
      "<line x1=\"52.0\" y1=\"222.0\" x2=\"624.0\" y2=\"222.0\" stroke=\"#333333\" shape-rendering=\"crispEdges\"/>\n"
      "<line x1=\"52.0\" y1=\"30.0\" x2=\"52.0\" y2=\"222.0\" stroke=\"#333333\" shape-rendering=\"crispEdges\"/>\n"
      "</svg>\n"
      ;
  EXPECT_EQ(to_svg(Chart(s), Lang::en) + "\n", expected);
}

TEST(Svg, BarHeightsAreProportionalAndGapsAreNotZero) {
  // 10, 20, 40, no data, 0, 30: axis 0–40, a plot 192 high.
  const Chart c(daily(ChartKind::daily_bars, {10.0, 20.0, 40.0, std::nullopt, 0.0, 30.0}));
  const std::string svg = to_svg(c, Lang::en);
  EXPECT_EQ(bar_heights(svg), (std::vector<double>{48.0, 96.0, 192.0, 0.0, 144.0}));
  EXPECT_EQ(count(svg, "class=\"no-data\""), 1u);
  EXPECT_NE(svg.find("<title>2025-10-04: no data</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>2025-10-05: 0.0</title>"), std::string::npos);
  EXPECT_NE(svg.find(">no data</text>"), std::string::npos);  // the legend explains the grey dash
}

TEST(Svg, AllZeroValuesDrawAZeroToOneAxis) {
  const std::string svg = to_svg(Chart(daily(ChartKind::daily_bars, {0.0, 0.0})), Lang::en);
  EXPECT_EQ(bar_heights(svg), (std::vector<double>{0.0, 0.0}));
  EXPECT_NE(svg.find(">1.0</text>"), std::string::npos);
  EXPECT_NE(svg.find(">0.2</text>"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
}

TEST(Svg, LineBreaksAtMissingDaysAndTargetSitsAtItsHeight) {
  ChartSpec s = daily(ChartKind::daily_line, {96.0, 100.0, std::nullopt, 95.0, std::nullopt, 90.0});
  s.target = 95.0;
  s.unit = "%";
  const std::string svg = to_svg(Chart(s), Lang::en);
  // Two runs with data: days 1–2 (a polyline) and day 4 alone; day 6 alone: no line, a point.
  EXPECT_EQ(count(svg, "<polyline"), 1u);
  EXPECT_EQ(count(svg, "<circle"), 4u);
  // 0–100 on 192 units from the baseline at 222: 95 % is at 222 − 182.4 = 39.6; 100 % at 30.
  EXPECT_NE(svg.find("class=\"target\" x1=\"52.0\" y1=\"39.6\" x2=\"624.0\" y2=\"39.6\""), std::string::npos);
  EXPECT_NE(svg.find("cy=\"30.0\""), std::string::npos);
  EXPECT_NE(svg.find("<title>2025-10-02: 100.0 %</title>"), std::string::npos);
  EXPECT_NE(svg.find(">100</text>"), std::string::npos);
}

TEST(Svg, CategoryBarsBelowTargetAreNamedAndColoured) {
  ChartSpec s;
  s.kind = ChartKind::category_bars;
  s.title = "各单位达标率";
  s.categories = {"北京", "上海", "广州"};
  s.values = {100.0, 80.0, std::nullopt};
  s.target = 80.0;
  s.unit = "%";
  const std::string svg = to_svg(Chart(s), Lang::zh);
  EXPECT_EQ(count(svg, "fill=\"#e69f00\""), 0u);  // 80 % meets an 80 % target
  s.values = {100.0, 79.9, std::nullopt};
  const std::string below = to_svg(Chart(s), Lang::zh);
  EXPECT_EQ(count(below, "fill=\"#e69f00\""), 2u);  // the bar and its legend swatch
  EXPECT_NE(below.find(">低于目标</text>"), std::string::npos);
  EXPECT_NE(below.find(">无数据<title>广州: 无数据</title></text>"), std::string::npos);
  EXPECT_NE(below.find("aria-label=\"各单位达标率\""), std::string::npos);
}

TEST(Svg, LongChineseLabelsAreShortenedButKeptWhole) {
  ChartSpec s;
  s.kind = ChartKind::category_bars;
  s.title = "Compliance";
  const std::string long_name = "华东区上海市浦东新区陆家嘴金融贸易区客户服务中心第一营业部";
  s.categories = {long_name};
  s.values = {99.0};
  const std::string svg = to_svg(Chart(s), Lang::en);
  // 26 columns: 12 CJK characters and the ellipsis.
  EXPECT_NE(svg.find(">华东区上海市浦东新区陆家…</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>" + long_name + ": 99.0</title>"), std::string::npos);
}

TEST(Svg, EverythingIsEscaped) {
  ChartSpec s;
  s.kind = ChartKind::category_bars;
  s.title = "<script>alert(\"x\")</script> & 'co'";
  s.series = "a<b";
  s.unit = "&";
  s.categories = {"</svg><script>", "R&D"};
  s.values = {1.0, 2.0};
  const std::string svg = to_svg(Chart(s), Lang::en);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("</svg><"), std::string::npos);
  EXPECT_EQ(count(svg, "</svg>"), 1u);
  EXPECT_NE(svg.find("aria-label=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;\""),
            std::string::npos);
  EXPECT_NE(svg.find(">R&amp;D</text>"), std::string::npos);
  EXPECT_NE(svg.find("2.0 &amp;"), std::string::npos);
  // Every '&' starts an entity.
  for (auto p = svg.find('&'); p != std::string::npos; p = svg.find('&', p + 1)) {
    const std::string rest = svg.substr(p, 6);
    EXPECT_TRUE(rest.rfind("&amp;", 0) == 0 || rest.rfind("&lt;", 0) == 0 || rest.rfind("&gt;", 0) == 0 ||
                rest.rfind("&quot;", 0) == 0 || rest.rfind("&#39;", 0) == 0)
        << rest;
  }
}

TEST(Svg, Deterministic) {
  ChartSpec s = daily(ChartKind::daily_line, {});
  for (int i = 0; i < 31; ++i) s.values.push_back(i % 7 == 3 ? std::nullopt : std::optional<double>(90 + i % 10));
  s.target = 95.0;
  const Chart c(s);
  const std::string first = to_svg(c, Lang::zh);
  EXPECT_EQ(first, to_svg(Chart(s), Lang::zh));
  std::setlocale(LC_ALL, "C.utf8");
  EXPECT_EQ(first, to_svg(c, Lang::zh));
  std::setlocale(LC_ALL, "C");
  // A month labels every other day so the labels never crowd: 16 of 31.
  const auto labels = first.substr(first.find("<g class=\"x-labels\""));
  EXPECT_EQ(count(labels.substr(0, labels.find("</g>")), "<text"), 16u);
}

TEST(Svg, EmptyChartStillHasItsTitle) {
  const std::string svg = to_svg(Chart(daily(ChartKind::daily_bars, {})), Lang::en);
  EXPECT_NE(svg.find("<title>Daily volume</title>"), std::string::npos);
  EXPECT_EQ(bar_heights(svg), std::vector<double>{});
}

}  // namespace
}  // namespace charter::report
