// HTML: one self-contained page — no scripts, nothing fetched, everything escaped.

#include "charter/report/render.hpp"
#include "test_support.hpp"

namespace charter::report {
namespace {

using boost::gregorian::date;

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

Document sample() {
  Document doc;
  doc.title = "客服质量月度报表 2025-10";
  doc.subtitle = "全中心";
  doc.generated_at = "生成于 2025-11-01 09:00";
  ChartSpec volume;
  volume.kind = ChartKind::daily_bars;
  volume.title = "每日投诉量";
  volume.first_day = date(2025, 10, 1);
  volume.values = {10.0, std::nullopt, 30.0};
  Table t;
  t.header = {"单位", "违规"};
  t.align = {Align::left, Align::right};
  t.rows = {Row{{"北京", "0"}}, Row{{"上海", Cell("3", Status::breach)}, Status::breach}};
  doc.sections.push_back(Section{"投诉", {KeyFigures{{KeyFigure{"按时答复率", 96.2, "%", 95.0}}}, Chart(volume), t,
                                          Note{"说明", Status::warning}, BulletList{{"一", "二"}}}});
  return doc;
}

TEST(Html, EmptyDocumentByteExactBody) {
  Document doc;
  doc.title = "Report";
  doc.lang = Lang::en;
  const std::string html = to_html(doc);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", 0), 0u);
  const std::string tail = "</style>\n</head>\n<body>\n<main>\n<header class=\"doc\">\n<h1>Report</h1>\n</header>\n"
                           "</main>\n</body>\n</html>\n";
  ASSERT_GE(html.size(), tail.size());
  EXPECT_EQ(html.substr(html.size() - tail.size()), tail);
}

TEST(Html, ChineseDocumentDeclaresItsLanguageAndFonts) {
  const std::string html = to_html(sample());
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("\"Noto Sans CJK SC\""), std::string::npos);
  EXPECT_NE(html.find("\"WenQuanYi Zen Hei\""), std::string::npos);
  EXPECT_NE(html.find("<title>客服质量月度报表 2025-10</title>"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
}

TEST(Html, SelfContained) {
  const std::string html = to_html(sample());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(count(html, "<svg "), 1u);
}

TEST(Html, StatusesAreTintsAndWords) {
  const std::string html = to_html(sample());
  EXPECT_NE(html.find("<tr class=\"st-breach\"><td>上海</td><td class=\"right st-breach\">3<span class=\"word\">（违规）</span></td>"
                      "<td class=\"word\">违规</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>北京</td><td class=\"right\">0</td><td class=\"word\"></td></tr>"), std::string::npos);
  EXPECT_NE(html.find("<th>状态</th>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"note st-warning\"><span class=\"word\">预警：</span> 说明</div>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"kpi met\"><div class=\"label\">按时答复率</div><div class=\"value\">96.2 %</div>"
                      "<div class=\"target\">目标 ≥ 95.0 % · <span class=\"word\">达标</span></div></div>"),
            std::string::npos);
}

TEST(Html, EverythingIsEscaped) {
  Document doc;
  doc.title = "<script>alert('t')</script>";
  doc.subtitle = "a & b";
  doc.lang = Lang::en;
  Table t;
  t.caption = "</table>";
  t.header = {"<th>"};
  t.rows = {Row{{"\"quoted\" & <b>bold</b>\nnext"}}};
  ChartSpec c;
  c.kind = ChartKind::category_bars;
  c.title = "<script>";
  c.categories = {"<script>alert(1)</script>"};
  c.values = {1.0};
  doc.sections.push_back(Section{"<h2>", {Paragraph{"<img src=x onerror=alert(1)>"}, t, Chart(c),
                                          Note{"</div>"}, BulletList{{"<li>"}}}});
  const std::string html = to_html(doc);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(count(html, "</table>"), 1u);
  EXPECT_EQ(count(html, "<h2>"), 1u);
  EXPECT_NE(html.find("<title>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"subtitle\">a &amp; b</p>"), std::string::npos);
  EXPECT_NE(html.find("<td>&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;<br>next</td>"), std::string::npos);
}

TEST(Html, Deterministic) {
  EXPECT_EQ(to_html(sample()), to_html(sample()));
}

TEST(Html, RefusesAnInvalidDocument) {
  Document doc = sample();
  doc.title.clear();
  CHARTER_EXPECT_THROW_MSG(to_html(doc), ReportError, "title: must not be empty");
}

}  // namespace
}  // namespace charter::report
