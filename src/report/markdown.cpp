// GitHub-flavoured Markdown (see charter/report/render.hpp for what each block becomes).

#include <sstream>

#include "charter/report/render.hpp"
#include "charter/report/svg.hpp"
#include "text.hpp"

namespace charter::report {

namespace {

using detail::md_escape;

// Inline text in a paragraph or list item: a line break stays a line break ("\" at the end of
// a line is a hard break in GFM).
std::string md_text(const std::string& s) { return md_escape(s, "\\\n"); }
std::string md_cell(const std::string& s) { return md_escape(s, "<br>"); }
// Text after other text on the same line (a unit after its number).
std::string md_after(const std::string& s) { return md_escape(s, "\\\n", false); }

std::string with_unit(const std::string& number, const std::string& unit) {
  return unit.empty() ? number : number + " " + unit;
}

struct Markdown {
  std::string out;
  Lang lang;
  const detail::Words& w;

  explicit Markdown(Lang l) : lang(l), w(detail::words(l)) {}

  // A status word after a text, in the document's language: "31 (breach)" / "31（违规）".
  std::string marked(const std::string& text, Status s) const {
    if (s == Status::none) return text;
    const std::string word = status_word(s, lang);
    return lang == Lang::en ? text + " (" + word + ")" : text + "（" + word + "）";
  }

  // header and rows are already escaped cells.
  void table(const std::vector<std::string>& header, const std::vector<Align>& align,
             const std::vector<std::vector<std::string>>& rows) {
    out += "|";
    for (const auto& h : header) out += " " + h + " |";
    out += "\n|";
    for (std::size_t c = 0; c < header.size(); ++c) {
      const Align a = c < align.size() ? align[c] : Align::left;
      out += a == Align::right ? " ---: |" : a == Align::center ? " :---: |" : " --- |";
    }
    out += "\n";
    for (const auto& r : rows) {
      out += "|";
      for (const auto& cell : r) out += " " + cell + " |";
      out += "\n";
    }
  }

  void block(const Paragraph& p) { out += md_text(p.text) + "\n"; }

  void block(const Note& n) {
    // A blockquote, its status word first so a breach is read before the text.
    std::string text = md_escape(n.text, "\\\n> ");
    if (n.status != Status::none) {
      text = "**" + std::string(status_word(n.status, lang)) + "**" + (lang == Lang::en ? ": " : "：") + text;
    }
    out += "> " + text + "\n";
  }

  void block(const BulletList& l) {
    for (const auto& item : l.items) out += "- " + md_escape(item, "\\\n  ") + "\n";
  }

  void block(const KeyFigures& k) {
    for (const auto& f : k.figures) {
      out += "- **" + md_text(f.label) + "**" + (lang == Lang::en ? ": " : "：");
      out += f.value ? with_unit(format_number(*f.value, f.decimals), md_after(f.unit)) : std::string(w.no_data);
      if (f.target) {
        const std::string cmp = f.goal == Goal::at_least ? "≥ " : "≤ ";
        const std::string t = std::string(w.target) + " " + cmp + with_unit(format_number(*f.target, f.decimals), md_after(f.unit));
        out += lang == Lang::en ? " (" + t + ")" : "（" + t + "）";
        out += std::string(" — ") + (*f.met() ? w.met : w.not_met);
      }
      out += "\n";
    }
  }

  void block(const Table& t) {
    if (!t.caption.empty()) out += "**" + md_text(t.caption) + "**\n\n";
    bool row_status = false;
    for (const auto& r : t.rows) row_status = row_status || r.status != Status::none;
    std::vector<std::string> header;
    for (const auto& h : t.header) header.push_back(md_cell(h));
    std::vector<Align> align = t.align;
    if (align.empty()) align.assign(header.size(), Align::left);
    if (row_status) {
      header.push_back(w.status);
      align.push_back(Align::left);
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : t.rows) {
      std::vector<std::string> cells;
      for (const auto& c : r.cells) cells.push_back(md_cell(marked(c.text, c.status)));
      if (row_status) cells.push_back(status_word(r.status, lang));
      rows.push_back(std::move(cells));
    }
    table(header, align, rows);
  }

  void block(const Chart& c) {
    const ChartSpec& s = c.spec();
    out += "**" + md_text(s.title) + "**\n\n";
    std::vector<std::string> header{s.kind == ChartKind::category_bars ? w.category : w.day,
                                    with_unit(s.series.empty() ? std::string(w.value) : s.series,
                                              s.unit.empty() ? "" : "(" + s.unit + ")")};
    std::vector<Align> align{Align::left, Align::right};
    if (s.target) {
      header.push_back(std::string(w.meets_target) + " (" + w.target + " " +
                       with_unit(format_number(*s.target, s.decimals), s.unit) + ")");
      align.push_back(Align::center);
    }
    for (auto& h : header) h = md_cell(h);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < c.size(); ++i) {
      const auto& v = s.values[i];
      std::vector<std::string> row{md_cell(c.label(i)), v ? format_number(*v, s.decimals) : std::string(w.no_data)};
      if (s.target) row.push_back(v ? (*c.meets_target(i) ? w.yes : w.no) : "");
      rows.push_back(std::move(row));
    }
    table(header, align, rows);
  }
};

}  // namespace

std::string to_markdown(const Document& doc) {
  check(doc);
  Markdown md(doc.lang);
  md.out += "# " + md_text(doc.title) + "\n";
  if (!doc.subtitle.empty()) md.out += "\n*" + md_text(doc.subtitle) + "*\n";
  if (!doc.generated_at.empty()) md.out += "\n*" + md_text(doc.generated_at) + "*\n";
  for (const auto& section : doc.sections) {
    md.out += "\n## " + md_text(section.heading) + "\n";
    for (const auto& b : section.blocks) {
      md.out += "\n";
      std::visit([&](const auto& block) { md.block(block); }, b);
    }
  }
  return std::move(md.out);
}

}  // namespace charter::report
