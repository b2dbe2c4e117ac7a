// Saving and loading report documents (serialize_document.hpp; io::save / io::load with
// PayloadType::document): the monthly report archived and shown again as it was — every block
// kind, every status, numbers to the bit, in every archive format — the golden files of
// tests/data/, and what must be refused: a document that is not valid (not saved), damaged,
// truncated or forged files, and a file of another kind.

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <variant>

#include "charter/io/archive.hpp"
#include "charter/io/serialize_document.hpp"
#include "charter/report/render.hpp"
#include "io/archive_test_support.hpp"
#include "io/golden_values.hpp"
#include "test_support.hpp"

namespace charter::io {
namespace {

using report::Document;

// A binary document payload written field by field, as an attacker who knows the layout would:
// one section holding one block of kind `block_kind`, laid out as a daily line chart of one
// value, in the language numbered `lang`.
std::string one_chart(std::uint32_t block_kind, std::uint32_t lang, double value) {
  return test::write_payload(ArchiveFormat::binary, [&](auto& ar) {
    serial::put_document_text(ar, "title", "T");
    serial::put_document_text(ar, "subtitle", "");
    serial::put_u32(ar, "lang", lang);
    serial::put_document_text(ar, "generated_at", "");
    serial::put_count(ar, "sections", 1);
    serial::put_document_text(ar, "heading", "H");
    serial::put_count(ar, "blocks", 1);
    serial::put_u32(ar, "kind", block_kind);
    serial::put_u32(ar, "kind", static_cast<std::uint32_t>(report::ChartKind::daily_line));
    serial::put_document_text(ar, "title", "Rate");
    serial::put_document_text(ar, "series", "");
    serial::put_document_text(ar, "unit", "%");
    serial::put_flag(ar, "no_first_day", false);
    serial::put_date(ar, "first_day", boost::gregorian::date(2025, 10, 1));
    serial::put_count(ar, "categories", 0);
    serial::put_count(ar, "values", 1);
    serial::put_optional_number(ar, "value", std::optional<double>(value));
    serial::put_optional_number(ar, "target", std::optional<double>());
    serial::put_i64(ar, "decimals", 1);
  });
}

TEST(DocumentFiles, RoundTripsInEveryFormat) {
  const test::TempDir dir;
  const Document doc = test::golden_document();
  ASSERT_TRUE(report::validate(doc).empty());
  for (ArchiveFormat f : test::kFormats) {
    SCOPED_TRACE(format_name(f));
    save(doc, dir.file("report.chrt"), f);
    const std::string bytes = test::read_all(dir.file("report.chrt"));
    EXPECT_EQ(open_envelope(bytes, "report").header.type, PayloadType::document);
    EXPECT_EQ(open_envelope(bytes, "report").header.schema_version, kDocumentSchema);
    const Document back = load_as<Document>(dir.file("report.chrt"));
    EXPECT_EQ(back, doc);
    // Shown again as it was: the same Markdown and HTML, byte for byte.
    EXPECT_EQ(report::to_markdown(back), report::to_markdown(doc));
    EXPECT_EQ(report::to_html(back), report::to_html(doc));
    // Numbers to the bit, a missing value still missing, the category chart without a day.
    const auto& figures = std::get<report::KeyFigures>(back.sections[0].blocks[0]).figures;
    EXPECT_EQ(figures[0].value, 96.25);
    EXPECT_FALSE(figures[2].value.has_value());
    const auto& daily = std::get<report::Chart>(back.sections[1].blocks[3]).spec();
    EXPECT_EQ(daily.values[3], 0.1);
    EXPECT_FALSE(daily.values[1].has_value());
    EXPECT_EQ(daily.first_day, boost::gregorian::date(2025, 10, 1));
    EXPECT_TRUE(std::get<report::Chart>(back.sections[1].blocks[4]).spec().first_day.is_not_a_date());
    EXPECT_EQ(std::get<report::Paragraph>(back.sections[0].blocks[2]).text.size(), 5000u);
  }
  // An empty (but valid) document, in English.
  Document plain;
  plain.title = "Empty";
  plain.lang = report::Lang::en;
  EXPECT_EQ(std::get<Document>(from_bytes(to_bytes(plain, ArchiveFormat::xml))), plain);
}

TEST(DocumentFiles, GoldenFilesLoadAndMatch) {
  const Document doc = test::golden_document();
  for (const auto& g : test::golden_document_files()) {
    SCOPED_TRACE(g.name);
    const std::string path = std::string(CHARTER_TEST_DATA_DIR) + "/" + g.name;
    const std::string bytes = test::read_all(path);
    ASSERT_EQ(open_envelope(bytes, path).header.schema_version, 1u);
    const Document back = load_as<Document>(path);
    EXPECT_EQ(back, doc);
    EXPECT_EQ(back.sections.size(), 3u);
    EXPECT_EQ(back.subtitle, "客户服务中心 · <2025-10> & \"月报\"");
    EXPECT_EQ(std::get<report::Table>(back.sections[0].blocks[3]).rows[2].cells[2].status, report::Status::breach);
    // What this build writes is still byte for byte what was written then.
    EXPECT_EQ(to_bytes(doc, g.format), bytes);
  }
}

TEST(DocumentFiles, AnInvalidDocumentIsNotSaved) {
  // A document is a plain value: a table row one cell short would not load, so it is not written.
  Document doc = test::golden_document();
  std::get<report::Table>(doc.sections[0].blocks[3]).rows[1].cells.pop_back();
  const test::TempDir dir;
  CHARTER_EXPECT_THROW_MSG(save(doc, dir.file("bad.chrt")), report::ReportError,
                           "sections[0].blocks[3].table.rows[1]: 2 cells, the header has 3");
  EXPECT_FALSE(std::filesystem::exists(dir.file("bad.chrt")));
  Document untitled = test::golden_document();
  untitled.title.clear();
  EXPECT_THROW(to_bytes(untitled), report::ReportError);
  // Text longer than a load accepts is refused on save too (whatever saves also loads).
  Document huge;
  huge.title = "Huge";
  huge.sections.push_back({"s", {report::Paragraph{std::string(kMaxDocumentTextBytes + 1, 'x')}}});
  CHARTER_EXPECT_THROW_MSG(to_bytes(huge), SerializationError, "field 'text' is longer than 1048576 bytes");
}

TEST(DocumentFiles, DamagedTruncatedAndForgedFilesAreCorrupt) {
  const Document doc = test::golden_document();
  for (ArchiveFormat f : test::kFormats) {
    SCOPED_TRACE(format_name(f));
    const std::string bytes = to_bytes(doc, f);
    CHARTER_EXPECT_THROW_MSG(from_bytes(bytes.substr(0, bytes.size() - 3), "cut.chrt"), CorruptFileError, "cut.chrt: ");
    std::string flipped = bytes;
    flipped[bytes.size() / 2] ^= 0x01;
    CHARTER_EXPECT_THROW_MSG(from_bytes(flipped, "flip.chrt"), CorruptFileError, "flip.chrt: ");
    const std::string payload = test::payload_of(bytes);
    for (size_t cut : {size_t{0}, size_t{7}, payload.size() / 3, payload.size() - 4}) {
      test::expect_refused(test::forge(bytes, payload.substr(0, cut)), "payload cut at " + std::to_string(cut));
    }
  }
}

TEST(DocumentFiles, ForgedContentIsRefusedWithTheReason) {
  auto sealed = [](const Document& d) {
    return seal(PayloadType::document, kDocumentSchema, ArchiveFormat::binary,
                test::write_payload(ArchiveFormat::binary, [&](auto& ar) { save_document(ar, d); }));
  };
  // A document that does not validate, written as save_document would (bypassing to_bytes).
  Document doc = test::golden_document();
  std::get<report::KeyFigures>(doc.sections[0].blocks[0]).figures[0].decimals = 9;
  std::string m = test::expect_refused(sealed(doc), "decimals");
  EXPECT_NE(m.find("forged: the report document it holds is invalid"), std::string::npos) << m;
  EXPECT_NE(m.find("sections[0].blocks[0].key_figures.figures[0]"), std::string::npos) << m;

  // A chart that does not validate (a daily line above 100 %): its own reason.
  m = test::expect_refused(seal(PayloadType::document, kDocumentSchema, ArchiveFormat::binary,
                                one_chart(static_cast<std::uint32_t>(report::BlockKind::chart), 0, 250.0)),
                           "chart");
  EXPECT_NE(m.find("a chart it holds is invalid"), std::string::npos) << m;
  EXPECT_NE(m.find("values[0]"), std::string::npos) << m;
  EXPECT_NO_THROW(from_bytes(seal(PayloadType::document, kDocumentSchema, ArchiveFormat::binary,
                                  one_chart(static_cast<std::uint32_t>(report::BlockKind::chart), 0, 25.0))));

  // An unknown block kind or language: named, not cast.
  m = test::expect_refused(seal(PayloadType::document, kDocumentSchema, ArchiveFormat::binary, one_chart(6, 0, 25.0)),
                           "kind");
  EXPECT_NE(m.find("field 'kind' holds 6, which is not one of its values"), std::string::npos) << m;
  m = test::expect_refused(seal(PayloadType::document, kDocumentSchema, ArchiveFormat::binary,
                                one_chart(static_cast<std::uint32_t>(report::BlockKind::chart), 2, 25.0)),
                           "lang");
  EXPECT_NE(m.find("field 'lang' holds 2"), std::string::npos) << m;
}

}  // namespace
}  // namespace charter::io
