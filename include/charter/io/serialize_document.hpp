#pragma once
// Boost.Serialization of report documents (report::Document, PayloadType::document), with the
// discipline of serialize_standard.hpp: primitives only, every count bounded before anything is
// appended (and a list longer than a load accepts refused on save, so whatever saves also
// loads), text checked as UTF-8, numbers stored as the 64 bits of the double so text and XML
// keep them exactly, enumerators range-checked.
//
// A document is a report as written, not a rule: it is saved so that a month's report can be
// archived and shown again without the events it was computed from. Text fields of a document
// may be long (a paragraph, a table cell), so they are bounded by kMaxDocumentTextBytes instead
// of the 4 KiB of names and labels (serialize_calendar.hpp).
//
// A document read back is rebuilt like a new one: each chart through report::Chart (which
// validates it), then the whole through report::validate; load_valid_document turns a refusal
// into CorruptFileError ("the report document it holds is invalid: …"). Saving checks the
// document first (report::check; report::ReportError), since a document that would not load
// must not be written.
//
// Layout (payload version kDocumentSchema = 1), in order:
//   title, subtitle, lang (Lang as a number), generated_at, sections (count; each: heading,
//   blocks (count; each: its kind as a number (BlockKind), then
//     paragraph     text
//     key_figures   figures (count; each: label, has-value flag, value, unit, has-target flag,
//                   target, goal (Goal as a number), decimals as int64)
//     table         caption, header (count; text each), align (count; Align each),
//                   rows (count; each: status, cells (count; each: text, status))
//     bullet_list   items (count; text each)
//     note          text, status (Status as a number)
//     chart         kind (ChartKind as a number), title, series, unit, first day (0 a date, then
//                   the date; 1 none), categories (count; text each), values (count; each a
//                   has-value flag and the value), has-target flag, target, decimals as int64))
//
// Example:
//   save_document(ar, doc);
//   report::Document back = load_valid_document(ar);

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "charter/io/serialize_standard.hpp"
#include "charter/report/document.hpp"

namespace charter::io {

/// Payload version of a saved report document (the envelope's schema_version).
inline constexpr std::uint32_t kDocumentSchema = 1;

/// Bounds on what an archive may claim (far above any real report).
inline constexpr std::uint32_t kMaxDocumentTextBytes = 1u << 20;
inline constexpr std::uint32_t kMaxDocumentSections = 10000;
inline constexpr std::uint32_t kMaxBlocksPerSection = 100000;
inline constexpr std::uint32_t kMaxKeyFigures = 10000;
inline constexpr std::uint32_t kMaxTableColumns = 1000;
inline constexpr std::uint32_t kMaxTableRows = 1000000;
inline constexpr std::uint32_t kMaxListItems = 100000;
inline constexpr std::uint32_t kMaxChartValues = 100000;

namespace serial {

// A document's text: a long string (serialize_workflow.hpp) with the bound of document text.
template <class Ar>
void put_document_text(Ar& ar, const char* name, const std::string& s) {
  put_long_string(ar, name, s, kMaxDocumentTextBytes);
}
template <class Ar>
std::string get_document_text(Ar& ar, const char* name) {
  return get_long_string(ar, name, kMaxDocumentTextBytes);
}

template <class Ar>
void put_document_texts(Ar& ar, const char* name, const std::vector<std::string>& list, std::uint32_t limit) {
  put_bounded_count(ar, name, list.size(), limit);
  for (const auto& s : list) put_document_text(ar, "text", s);
}
template <class Ar>
std::vector<std::string> get_document_texts(Ar& ar, const char* name, std::uint32_t limit) {
  std::vector<std::string> out;
  for (std::uint32_t i = 0, n = get_count(ar, name, limit); i < n; ++i) out.push_back(get_document_text(ar, "text"));
  return out;
}

// decimals: an int stored as int64; a value no int holds is corrupt (validate checks 0..6).
template <class Ar>
int get_decimals(Ar& ar) {
  const std::int64_t v = get_i64(ar, "decimals");
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    throw CorruptFileError("field 'decimals' holds " + std::to_string(v) + ", which is not a number of digits");
  }
  return static_cast<int>(v);
}

template <class Ar>
void put_block(Ar& ar, const report::Paragraph& p) {
  put_document_text(ar, "text", p.text);
}
template <class Ar>
void put_block(Ar& ar, const report::KeyFigures& k) {
  put_bounded_count(ar, "figures", k.figures.size(), kMaxKeyFigures);
  for (const auto& f : k.figures) {
    put_document_text(ar, "label", f.label);
    put_optional_number(ar, "value", f.value);
    put_document_text(ar, "unit", f.unit);
    put_optional_number(ar, "target", f.target);
    put_u32(ar, "goal", static_cast<std::uint32_t>(f.goal));
    put_i64(ar, "decimals", f.decimals);
  }
}
template <class Ar>
void put_block(Ar& ar, const report::Table& t) {
  put_document_text(ar, "caption", t.caption);
  put_document_texts(ar, "header", t.header, kMaxTableColumns);
  put_bounded_count(ar, "align", t.align.size(), kMaxTableColumns);
  for (report::Align a : t.align) put_u32(ar, "align", static_cast<std::uint32_t>(a));
  put_bounded_count(ar, "rows", t.rows.size(), kMaxTableRows);
  for (const auto& row : t.rows) {
    put_u32(ar, "status", static_cast<std::uint32_t>(row.status));
    put_bounded_count(ar, "cells", row.cells.size(), kMaxTableColumns);
    for (const auto& c : row.cells) {
      put_document_text(ar, "text", c.text);
      put_u32(ar, "status", static_cast<std::uint32_t>(c.status));
    }
  }
}
template <class Ar>
void put_block(Ar& ar, const report::BulletList& b) {
  put_document_texts(ar, "items", b.items, kMaxListItems);
}
template <class Ar>
void put_block(Ar& ar, const report::Note& n) {
  put_document_text(ar, "text", n.text);
  put_u32(ar, "status", static_cast<std::uint32_t>(n.status));
}
template <class Ar>
void put_block(Ar& ar, const report::Chart& chart) {
  const report::ChartSpec& c = chart.spec();
  put_u32(ar, "kind", static_cast<std::uint32_t>(c.kind));
  put_document_text(ar, "title", c.title);
  put_document_text(ar, "series", c.series);
  put_document_text(ar, "unit", c.unit);
  // A category chart has no first day (not_a_date_time); a chart never holds ±infinity, which
  // report::validate refuses for daily charts and no caller gives a category chart.
  put_flag(ar, "no_first_day", c.first_day.is_special());
  if (!c.first_day.is_special()) put_date(ar, "first_day", c.first_day);
  put_document_texts(ar, "categories", c.categories, kMaxChartValues);
  put_bounded_count(ar, "values", c.values.size(), kMaxChartValues);
  for (const auto& v : c.values) put_optional_number(ar, "value", v);
  put_optional_number(ar, "target", c.target);
  put_i64(ar, "decimals", c.decimals);
}

template <class Ar>
report::Block get_block(Ar& ar, report::BlockKind kind) {
  using namespace report;
  switch (kind) {
    case BlockKind::paragraph: return Paragraph{get_document_text(ar, "text")};
    case BlockKind::key_figures: {
      KeyFigures k;
      for (std::uint32_t i = 0, n = get_count(ar, "figures", kMaxKeyFigures); i < n; ++i) {
        KeyFigure& f = k.figures.emplace_back();
        f.label = get_document_text(ar, "label");
        f.value = get_optional_number(ar, "value");
        f.unit = get_document_text(ar, "unit");
        f.target = get_optional_number(ar, "target");
        f.goal = get_enum(ar, "goal", Goal::at_most);
        f.decimals = get_decimals(ar);
      }
      return k;
    }
    case BlockKind::table: {
      Table t;
      t.caption = get_document_text(ar, "caption");
      t.header = get_document_texts(ar, "header", kMaxTableColumns);
      for (std::uint32_t i = 0, n = get_count(ar, "align", kMaxTableColumns); i < n; ++i) {
        t.align.push_back(get_enum(ar, "align", Align::center));
      }
      for (std::uint32_t i = 0, n = get_count(ar, "rows", kMaxTableRows); i < n; ++i) {
        Row& row = t.rows.emplace_back();
        row.status = get_enum(ar, "status", Status::breach);
        for (std::uint32_t j = 0, nc = get_count(ar, "cells", kMaxTableColumns); j < nc; ++j) {
          Cell& c = row.cells.emplace_back();
          c.text = get_document_text(ar, "text");
          c.status = get_enum(ar, "status", Status::breach);
        }
      }
      return t;
    }
    case BlockKind::bullet_list: return BulletList{get_document_texts(ar, "items", kMaxListItems)};
    case BlockKind::note: {
      Note n;
      n.text = get_document_text(ar, "text");
      n.status = get_enum(ar, "status", Status::breach);
      return n;
    }
    case BlockKind::chart:
    default: {
      ChartSpec c;
      c.kind = get_enum(ar, "kind", ChartKind::category_bars);
      c.title = get_document_text(ar, "title");
      c.series = get_document_text(ar, "series");
      c.unit = get_document_text(ar, "unit");
      if (!get_flag(ar, "no_first_day")) c.first_day = get_date(ar, "first_day");
      c.categories = get_document_texts(ar, "categories", kMaxChartValues);
      for (std::uint32_t i = 0, n = get_count(ar, "values", kMaxChartValues); i < n; ++i) {
        c.values.push_back(get_optional_number(ar, "value"));
      }
      c.target = get_optional_number(ar, "target");
      c.decimals = get_decimals(ar);
      try {
        return Chart(std::move(c));
      } catch (const ReportError& e) {
        throw CorruptFileError(std::string("a chart it holds is invalid: ") + e.what());
      }
    }
  }
}

}  // namespace serial

/// Writes a document (not checked here: io::to_bytes checks it first).
template <class Ar>
void save_document(Ar& ar, const report::Document& doc) {
  using namespace serial;
  put_document_text(ar, "title", doc.title);
  put_document_text(ar, "subtitle", doc.subtitle);
  put_u32(ar, "lang", static_cast<std::uint32_t>(doc.lang));
  put_document_text(ar, "generated_at", doc.generated_at);
  put_bounded_count(ar, "sections", doc.sections.size(), kMaxDocumentSections);
  for (const auto& s : doc.sections) {
    put_document_text(ar, "heading", s.heading);
    put_bounded_count(ar, "blocks", s.blocks.size(), kMaxBlocksPerSection);
    for (const auto& b : s.blocks) {
      put_u32(ar, "kind", static_cast<std::uint32_t>(report::block_kind(b)));
      std::visit([&](const auto& block) { put_block(ar, block); }, b);
    }
  }
}

/// Reads a document as written; its charts are built (CorruptFileError when one is invalid), the
/// rest is not checked.
template <class Ar>
report::Document load_document(Ar& ar) {
  using namespace serial;
  report::Document doc;
  doc.title = get_document_text(ar, "title");
  doc.subtitle = get_document_text(ar, "subtitle");
  doc.lang = get_enum(ar, "lang", report::Lang::en);
  doc.generated_at = get_document_text(ar, "generated_at");
  for (std::uint32_t i = 0, n = get_count(ar, "sections", kMaxDocumentSections); i < n; ++i) {
    report::Section& s = doc.sections.emplace_back();
    s.heading = get_document_text(ar, "heading");
    for (std::uint32_t j = 0, nb = get_count(ar, "blocks", kMaxBlocksPerSection); j < nb; ++j) {
      s.blocks.push_back(get_block(ar, get_enum(ar, "kind", report::BlockKind::chart)));
    }
  }
  return doc;
}

/// load_document, then report::validate; a document with a problem is CorruptFileError listing
/// them.
template <class Ar>
report::Document load_valid_document(Ar& ar) {
  report::Document doc = load_document(ar);
  try {
    report::check(doc);
  } catch (const report::ReportError& e) {
    throw CorruptFileError(std::string("the report document it holds is invalid: ") + e.what());
  }
  return doc;
}

}  // namespace charter::io
