// The report document model: what validate() refuses, with paths a reader can follow.

#include "charter/report/document.hpp"

#include <cmath>
#include <limits>

#include "test_support.hpp"

namespace charter::report {
namespace {

Document minimal() {
  Document doc;
  doc.title = "客服质量月度报表 2025-10";
  return doc;
}

std::string problems_text(const std::vector<ReportProblem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.path + ": " + p.message + "\n";
  return s;
}

TEST(Document, MinimalDocumentIsValid) {
  EXPECT_TRUE(validate(minimal()).empty());
  EXPECT_NO_THROW(check(minimal()));
}

TEST(Document, TitleIsRequired) {
  Document doc;
  const auto ps = validate(doc);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].path, "title");
  EXPECT_EQ(ps[0].message, "must not be empty");
  CHARTER_EXPECT_THROW_MSG(check(doc), ReportError, "title: must not be empty");
}

TEST(Document, ReportErrorIsACharterError) {
  Document doc;
  try {
    check(doc);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "document '': 1 problem\n  title: must not be empty");
  }
}

TEST(Document, TableRowsMustMatchTheHeader) {
  Document doc = minimal();
  Table t;
  t.header = {"unit", "breaches"};
  t.rows = {Row{{"Beijing", "0"}}, Row{{"Shanghai", "3", "late"}}, Row{{"Guangzhou"}}};
  doc.sections.push_back(Section{"Breaches", {Paragraph{"text"}, t}});
  const auto ps = validate(doc);
  EXPECT_EQ(problems_text(ps),
            "sections[0].blocks[1].table.rows[1]: 3 cells, the header has 2\n"
            "sections[0].blocks[1].table.rows[2]: 1 cells, the header has 2\n");
}

TEST(Document, TableNeedsAColumnAndOneAlignmentPerColumn) {
  Document doc = minimal();
  Table none;
  Table misaligned;
  misaligned.header = {"a", "b"};
  misaligned.align = {Align::right};
  doc.sections.push_back(Section{"S", {none, misaligned}});
  EXPECT_EQ(problems_text(validate(doc)),
            "sections[0].blocks[0].table.header: a table needs at least one column\n"
            "sections[0].blocks[1].table.align: 1 alignments for 2 columns (one per column, or none)\n");
}

TEST(Document, EveryProblemIsReportedAtOnce) {
  Document doc;  // no title
  doc.subtitle = "line\nbreak";
  KeyFigure nan_figure{"on-time", std::numeric_limits<double>::quiet_NaN(), "%", 95.0};
  KeyFigure inf_target{"volume", 3.0, "", std::numeric_limits<double>::infinity()};
  inf_target.decimals = 9;
  doc.sections.push_back(Section{"", {KeyFigures{{nan_figure, inf_target, KeyFigure{}}}, Paragraph{}}});
  EXPECT_EQ(problems_text(validate(doc)),
            "title: must not be empty\n"
            "subtitle: control character U+000A at byte 4 (no line breaks here)\n"
            "sections[0].heading: must not be empty\n"
            "sections[0].blocks[0].key_figures.figures[0].value: NaN is not a value (leave it missing for no data)\n"
            "sections[0].blocks[0].key_figures.figures[1].target: infinity is not a value\n"
            "sections[0].blocks[0].key_figures.figures[1].decimals: 9 is outside 0..6\n"
            "sections[0].blocks[0].key_figures.figures[2].label: must not be empty\n"
            "sections[0].blocks[1].paragraph.text: must not be empty\n");
}

TEST(Document, InvalidUtf8AndControlCharactersAreRefused) {
  Document doc = minimal();
  Table t;
  t.header = {"unit"};
  t.rows = {Row{{std::string("Bei\xff" "jing")}}, Row{{std::string("bell\a")}}, Row{{"two\nlines"}}};
  doc.sections.push_back(Section{"S", {t, BulletList{{std::string("\xe5\x8c")}}}});
  EXPECT_EQ(problems_text(validate(doc)),
            "sections[0].blocks[0].table.rows[0].cells[0]: invalid UTF-8 at byte 3\n"
            "sections[0].blocks[0].table.rows[1].cells[0]: control character U+0007 at byte 4\n"
            "sections[0].blocks[1].bullet_list.items[0]: invalid UTF-8 at byte 0\n");
}

TEST(Document, OverlongAndSurrogateUtf8AreRefused) {
  Document doc;
  doc.title = "\xc0\xaf";  // an overlong '/'
  EXPECT_EQ(problems_text(validate(doc)), "title: invalid UTF-8 at byte 0\n");
  doc.title = "\xed\xa0\x80";  // U+D800, a surrogate
  EXPECT_EQ(problems_text(validate(doc)), "title: invalid UTF-8 at byte 0\n");
  doc.title = "\xf0\x9f\x93\x88 上报";  // U+1F4C8 and CJK: fine
  EXPECT_TRUE(validate(doc).empty());
}

TEST(Document, KeyFigureMetFollowsItsGoal) {
  // R-10 style rate: 96.2 % against a 95 % target is met; 94.9 % is not.
  KeyFigure on_time{"on-time reply", 96.2, "%", 95.0};
  EXPECT_EQ(on_time.met(), std::optional<bool>(true));
  on_time.value = 94.9;
  EXPECT_EQ(on_time.met(), std::optional<bool>(false));
  on_time.value = 95.0;  // exactly at the target counts as met
  EXPECT_EQ(on_time.met(), std::optional<bool>(true));
  KeyFigure complaints{"complaints", 41.0, "", 40.0, Goal::at_most, 0};
  EXPECT_EQ(complaints.met(), std::optional<bool>(false));
  complaints.value = 40.0;
  EXPECT_EQ(complaints.met(), std::optional<bool>(true));
  complaints.value.reset();  // no data never meets a target
  EXPECT_EQ(complaints.met(), std::optional<bool>(false));
  complaints.target.reset();
  EXPECT_EQ(complaints.met(), std::nullopt);
}

TEST(Document, ValueSemantics) {
  Document a = minimal();
  a.sections.push_back(Section{"S", {Note{"n", Status::breach}}});
  Document b = a;
  EXPECT_EQ(a, b);
  std::get<Note>(b.sections[0].blocks[0]).status = Status::warning;
  EXPECT_NE(a, b);
  EXPECT_EQ(std::get<Note>(a.sections[0].blocks[0]).status, Status::breach);  // copies are independent
}

TEST(Document, NamesAndWords) {
  EXPECT_STREQ(status_name(Status::breach), "breach");
  EXPECT_STREQ(status_word(Status::breach, Lang::zh), "违规");
  EXPECT_STREQ(status_word(Status::warning, Lang::zh), "预警");
  EXPECT_STREQ(status_word(Status::ok, Lang::en), "ok");
  EXPECT_STREQ(status_word(Status::none, Lang::en), "");
  EXPECT_STREQ(lang_name(Lang::en), "en");
  EXPECT_STREQ(align_name(Align::center), "center");
  EXPECT_STREQ(goal_name(Goal::at_most), "at_most");
  EXPECT_STREQ(block_kind_name(block_kind(Block{Table{}})), "table");
}

}  // namespace
}  // namespace charter::report
