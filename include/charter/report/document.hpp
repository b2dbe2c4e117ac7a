#pragma once
// Document: a report as a document — a title, ordered sections, and in each section blocks of
// paragraphs, key figures, tables, lists, notes and charts — independent of how it is shown.
// charter/report/render.hpp turns one into GitHub-flavoured Markdown or a self-contained HTML
// page. The monthly quality report (客服质量月度报表) is one Document built from every block;
// analysts can build their own.
//
// Meaning:
//   - Plain value types: build them field by field, copy and compare them. Text is UTF-8 and
//     is always text, never markup: "<script>" or "a & b" is shown as written in every output.
//     Newlines are allowed in paragraphs, notes, list items and table cells (line breaks);
//     other control characters and invalid UTF-8 are refused.
//   - `lang` is the document's language: the `lang` of the HTML page and the language of the
//     words the renderers add themselves (status words, "target", "no data", "met"). The text
//     given is printed as given.
//   - Statuses colour what a reader must notice, and are always written as words as well (a
//     print in black and white, a colour-blind reader): ok (达标), warning (预警), breach (违规).
//     A table row or cell with a status gets the status's tint; a table with any row status gets
//     a status column.
//   - A key figure (KPI tile) is a value with its unit and, when given, its target and whether
//     it is met: higher is better (Goal::at_least, "on-time reply 96.2 % (target ≥ 95 %)") or
//     lower is better (Goal::at_most, "complaints 31 (target ≤ 40)"). A missing value reads
//     "no data" and is never met.
//   - validate(document) reports every problem with its path ("sections[1].blocks[2].table
//     .rows[0]: 4 cells, the header has 3"); the renderers validate first and throw ReportError.
//     Charts are checked when they are built (charter/report/chart.hpp).
//
// Example:
//   Document doc;
//   doc.title = "客服质量月度报表 2025-10";
//   doc.lang = Lang::zh;
//   Section s{"投诉 (Complaints)", {}};
//   s.blocks.push_back(KeyFigures{{KeyFigure{"按时答复率", 96.2, "%", 95.0}}});
//   s.blocks.push_back(Paragraph{"本月受理投诉 31 件。"});
//   doc.sections.push_back(s);
//   std::string html = to_html(doc);

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "charter/report/chart.hpp"

namespace charter::report {

/// The document's language.
enum class Lang {
  zh,  ///< Chinese: <html lang="zh-CN">, words added by the renderers in Chinese
  en,  ///< English: <html lang="en">
};

/// What a reader must notice about a row, cell or figure.
enum class Status {
  none,     ///< nothing to notice (no tint, no word)
  ok,       ///< met (达标)
  warning,  ///< close to a limit or needs attention (预警)
  breach,   ///< a rule is broken (违规)
};

/// Alignment of a table column.
enum class Align {
  left,    ///< text
  right,   ///< numbers
  center,  ///< short codes, marks
};

/// Which side of the target is good.
enum class Goal {
  at_least,  ///< met when value ≥ target (rates)
  at_most,   ///< met when value ≤ target (counts of complaints, breaches)
};

const char* lang_name(Lang l);      ///< "zh", "en"
const char* status_name(Status s);  ///< "none", "ok", "warning", "breach"
const char* align_name(Align a);    ///< "left", "right", "center"
const char* goal_name(Goal g);      ///< "at_least", "at_most"
/// The status as a reader's word in the document's language: "breach" / "违规"; "" for none.
const char* status_word(Status s, Lang l);

struct Paragraph {
  std::string text;
  friend bool operator==(const Paragraph& a, const Paragraph& b) { return a.text == b.text; }
  friend bool operator!=(const Paragraph& a, const Paragraph& b) { return !(a == b); }
};

/// A remark set apart from the text (a data caveat, an explanation of a breach).
struct Note {
  std::string text;
  Status status = Status::none;  ///< a note can warn or report a breach
  friend bool operator==(const Note& a, const Note& b) { return a.text == b.text && a.status == b.status; }
  friend bool operator!=(const Note& a, const Note& b) { return !(a == b); }
};

struct BulletList {
  std::vector<std::string> items;
  friend bool operator==(const BulletList& a, const BulletList& b) { return a.items == b.items; }
  friend bool operator!=(const BulletList& a, const BulletList& b) { return !(a == b); }
};

struct KeyFigure {
  std::string label;             ///< "on-time reply (按时答复率)"; required
  std::optional<double> value;   ///< nullopt: no data
  std::string unit;              ///< "%", "件"; may be empty
  std::optional<double> target;  ///< nullopt: no target, nothing to meet
  Goal goal = Goal::at_least;
  int decimals = 1;              ///< digits after the point for value and target (0–6)

  /// Whether the value meets the target; nullopt without a target; false without a value.
  std::optional<bool> met() const {
    if (!target) return std::nullopt;
    if (!value) return false;
    return goal == Goal::at_least ? *value >= *target : *value <= *target;
  }
  friend bool operator==(const KeyFigure& a, const KeyFigure& b) {
    return a.label == b.label && a.value == b.value && a.unit == b.unit && a.target == b.target &&
           a.goal == b.goal && a.decimals == b.decimals;
  }
  friend bool operator!=(const KeyFigure& a, const KeyFigure& b) { return !(a == b); }
};

/// A row of key-figure tiles.
struct KeyFigures {
  std::vector<KeyFigure> figures;
  friend bool operator==(const KeyFigures& a, const KeyFigures& b) { return a.figures == b.figures; }
  friend bool operator!=(const KeyFigures& a, const KeyFigures& b) { return !(a == b); }
};

struct Cell {
  std::string text;
  Status status = Status::none;  ///< tints this cell only
  Cell() = default;
  Cell(std::string t, Status s = Status::none) : text(std::move(t)), status(s) {}  // NOLINT: "text" reads as a cell
  Cell(const char* t, Status s = Status::none) : text(t), status(s) {}            // NOLINT
  friend bool operator==(const Cell& a, const Cell& b) { return a.text == b.text && a.status == b.status; }
  friend bool operator!=(const Cell& a, const Cell& b) { return !(a == b); }
};

struct Row {
  std::vector<Cell> cells;
  Status status = Status::none;  ///< tints the row and fills the status column
  friend bool operator==(const Row& a, const Row& b) { return a.cells == b.cells && a.status == b.status; }
  friend bool operator!=(const Row& a, const Row& b) { return !(a == b); }
};

struct Table {
  std::string caption;        ///< may be empty
  std::vector<std::string> header;  ///< at least one column
  std::vector<Align> align;   ///< one per column, or empty: every column left
  std::vector<Row> rows;      ///< each with exactly one cell per column; may be empty
  friend bool operator==(const Table& a, const Table& b) {
    return a.caption == b.caption && a.header == b.header && a.align == b.align && a.rows == b.rows;
  }
  friend bool operator!=(const Table& a, const Table& b) { return !(a == b); }
};

/// The kinds of block, in the order of Block's alternatives.
enum class BlockKind { paragraph, key_figures, table, bullet_list, note, chart };

using Block = std::variant<Paragraph, KeyFigures, Table, BulletList, Note, Chart>;

inline BlockKind block_kind(const Block& b) { return static_cast<BlockKind>(b.index()); }
/// "paragraph", "key_figures", "table", "bullet_list", "note", "chart" (as in problem paths).
const char* block_kind_name(BlockKind k);

struct Section {
  std::string heading;        ///< required
  std::vector<Block> blocks;  ///< may be empty
  friend bool operator==(const Section& a, const Section& b) {
    return a.heading == b.heading && a.blocks == b.blocks;
  }
  friend bool operator!=(const Section& a, const Section& b) { return !(a == b); }
};

struct Document {
  std::string title;         ///< required
  std::string subtitle;      ///< may be empty ("Centre · 2025-10")
  Lang lang = Lang::zh;
  std::string generated_at;  ///< a line as given ("Generated 2025-11-01 09:00 CST"); may be empty
  std::vector<Section> sections;
  friend bool operator==(const Document& a, const Document& b) {
    return a.title == b.title && a.subtitle == b.subtitle && a.lang == b.lang &&
           a.generated_at == b.generated_at && a.sections == b.sections;
  }
  friend bool operator!=(const Document& a, const Document& b) { return !(a == b); }
};

/// Every problem of a document (empty: valid): required text missing, invalid UTF-8 or control
/// characters, table shape, decimals out of range, non-finite key figures.
std::vector<ReportProblem> validate(const Document& doc);

/// Throws ReportError when validate(doc) finds a problem.
void check(const Document& doc);

}  // namespace charter::report
