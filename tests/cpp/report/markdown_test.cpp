// Markdown: GitHub-flavoured tables, statuses as words, charts as tables, nothing read as markup.

#include <clocale>

#include "charter/report/render.hpp"
#include "test_support.hpp"

namespace charter::report {
namespace {

using boost::gregorian::date;

TEST(Markdown, EmptyDocumentIsItsTitle) {
  Document doc;
  doc.title = "Monthly quality report";
  EXPECT_EQ(to_markdown(doc), "# Monthly quality report\n");
}

TEST(Markdown, SmallDocumentByteExact) {
  Document doc;
  doc.title = "Monthly quality report 2025-10";
  doc.subtitle = "Whole centre";
  doc.lang = Lang::en;
  doc.generated_at = "Generated 2025-11-01 09:00";
  Table t;
  t.header = {"Unit", "Breaches"};
  t.align = {Align::left, Align::right};
  t.rows = {Row{{"Beijing", "0"}, Status::ok}, Row{{"Shanghai", Cell("3", Status::breach)}, Status::breach}};
  KeyFigure on_time{"On-time reply", 96.2, "%", 95.0};
  KeyFigure complaints{"Complaints", 31.0, "", 40.0, Goal::at_most, 0};
  KeyFigure resolution{"Resolution", std::nullopt, "%", 98.0};
  doc.sections.push_back(Section{"Complaints", {KeyFigures{{on_time, complaints, resolution}},
                                                Paragraph{"31 complaints were received."}, t}});
  doc.sections.push_back(Section{"Notes", {Note{"Day 4 has no data.", Status::warning}, BulletList{{"one", "two"}}}});
  EXPECT_EQ(to_markdown(doc),
            "# Monthly quality report 2025-10\n"
            "\n*Whole centre*\n"
            "\n*Generated 2025-11-01 09:00*\n"
            "\n## Complaints\n"
            "\n- **On-time reply**: 96.2 % (target ≥ 95.0 %) — met\n"
            "- **Complaints**: 31 (target ≤ 40) — met\n"
            "- **Resolution**: no data (target ≥ 98.0 %) — not met\n"
            "\n31 complaints were received.\n"
            "\n| Unit | Breaches | Status |\n"
            "| --- | ---: | --- |\n"
            "| Beijing | 0 | ok |\n"
            "| Shanghai | 3 (breach) | breach |\n"
            "\n## Notes\n"
            "\n> **warning**: Day 4 has no data.\n"
            "\n- one\n- two\n");
}

TEST(Markdown, ChartIsATableOfItsValues) {
  ChartSpec s;
  s.kind = ChartKind::daily_line;
  s.title = "按时答复率";
  s.unit = "%";
  s.first_day = date(2025, 10, 30);
  s.values = {100.0, std::nullopt, 94.0};  // 30, 31 Oct and 1 Nov
  s.target = 95.0;
  Document doc;
  doc.title = "T";
  doc.sections.push_back(Section{"图表", {Chart(s)}});
  EXPECT_EQ(to_markdown(doc),
            "# T\n"
            "\n## 图表\n"
            "\n**按时答复率**\n\n"
            "| 日期 | 数值 (%) | 达到目标 (目标 95.0 %) |\n"
            "| --- | ---: | :---: |\n"
            "| 2025-10-30 | 100.0 | 是 |\n"
            "| 2025-10-31 | 无数据 |  |\n"
            "| 2025-11-01 | 94.0 | 否 |\n");
}

TEST(Markdown, PipesAndNewlinesInCellsAreEscaped) {
  Document doc;
  doc.title = "T";
  Table t;
  t.header = {"a|b"};
  t.rows = {Row{{"x | y\nsecond line"}}};
  doc.sections.push_back(Section{"S", {t}});
  const std::string md = to_markdown(doc);
  EXPECT_NE(md.find("| a\\|b |\n"), std::string::npos);
  EXPECT_NE(md.find("| x \\| y<br>second line |\n"), std::string::npos);
}

TEST(Markdown, TextIsNeverMarkup) {
  Document doc;
  doc.title = "<script>alert(1)</script> & *bold*";
  doc.lang = Lang::en;
  doc.sections.push_back(Section{"# not a heading", {Paragraph{"- not a list\n1. not a list either\n[link](x) `code` _em_"},
                                                     BulletList{{"a\nb"}}}});
  const std::string md = to_markdown(doc);
  EXPECT_EQ(md,
            "# \\<script\\>alert(1)\\</script\\> & \\*bold\\*\n"
            "\n## \\# not a heading\n"
            "\n\\- not a list\\\n1\\. not a list either\\\n\\[link\\](x) \\`code\\` \\_em\\_\n"
            "\n- a\\\n  b\n");
}

TEST(Markdown, ANumberWithADecimalPointIsNotAListMarker) {
  // "96.2 %" cannot start an ordered list (the marker needs a space or the end after it), so it
  // is written as it is; "2." alone and "3) x" could, and are escaped.
  Document doc;
  doc.title = "t";
  doc.sections.push_back(Section{"s", {Paragraph{"96.2 %\n2.\n3) x"}}});
  EXPECT_NE(to_markdown(doc).find("96.2 %\\\n2\\.\\\n3\\) x"), std::string::npos) << to_markdown(doc);
}

TEST(Markdown, ChineseStatusWords) {
  Document doc;
  doc.title = "T";
  Table t;
  t.header = {"单位"};
  t.rows = {Row{{Cell("上海", Status::warning)}, Status::breach}};
  doc.sections.push_back(Section{"S", {t}});
  const std::string md = to_markdown(doc);
  EXPECT_NE(md.find("| 单位 | 状态 |"), std::string::npos);
  EXPECT_NE(md.find("| 上海（预警） | 违规 |"), std::string::npos);
}

TEST(Markdown, RefusesAnInvalidDocument) {
  Document doc;
  doc.title = "T";
  Table t;
  t.header = {"a", "b"};
  t.rows = {Row{{"only one"}}};
  doc.sections.push_back(Section{"S", {t}});
  CHARTER_EXPECT_THROW_MSG(to_markdown(doc), ReportError, "sections[0].blocks[0].table.rows[0]: 1 cells, the header has 2");
}

TEST(Markdown, SameBytesInEveryLocale) {
  Document doc;
  doc.title = "T";
  doc.sections.push_back(Section{"S", {KeyFigures{{KeyFigure{"rate", 1234.5, "%", 95.0}}}}});
  const std::string before = to_markdown(doc);
  if (std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr) {
    EXPECT_EQ(to_markdown(doc), before);
  }
  std::setlocale(LC_ALL, "C");
  EXPECT_NE(before.find("1234.5 %"), std::string::npos);
}

}  // namespace
}  // namespace charter::report
