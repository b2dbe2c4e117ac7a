// One self-contained HTML page (see charter/report/render.hpp for the promises it keeps).

#include "charter/report/render.hpp"
#include "charter/report/svg.hpp"
#include "text.hpp"

namespace charter::report {

namespace {

using detail::xml_escape;

// Escaped text with its line breaks kept.
std::string html_text(const std::string& s) {
  std::string e = xml_escape(s);
  std::string out;
  out.reserve(e.size());
  for (char c : e) {
    if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

std::string with_unit(const std::string& number, const std::string& unit) {
  return unit.empty() ? number : number + " " + unit;
}

// The stylesheet: fixed text, so the page is byte-identical for the same document. Status tints
// are light enough for black text and distinct in greyscale; every tint is paired with a word.
const char* const kStyle = R"CSS(@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #ffffff; color: #1a1a1a; font-size: 14px; line-height: 1.5;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
  overflow-wrap: anywhere; }
main { max-width: 180mm; margin: 0 auto; padding: 12px 16px 24px; }
header.doc { background: #1f3b5c; color: #ffffff; padding: 14px 18px; }
header.doc h1 { margin: 0; font-size: 24px; line-height: 1.3; }
header.doc p { margin: 4px 0 0; }
h2 { font-size: 18px; margin: 22px 0 8px; padding-bottom: 2px; border-bottom: 2px solid #1f3b5c; break-after: avoid; }
p { margin: 8px 0; }
.kpis { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
.kpi { flex: 1 1 150px; min-width: 0; border: 1px solid #c8c8c8; border-left: 6px solid #999999; padding: 6px 10px; break-inside: avoid; }
.kpi.met { border-left-color: #0072b2; }
.kpi.not-met { border-left-color: #d55e00; background: #fbd5cf; }
.kpi .label { font-size: 13px; }
.kpi .value { font-size: 22px; font-weight: bold; }
.kpi .target { font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
caption { text-align: left; font-weight: bold; padding: 2px 0; }
th, td { border: 1px solid #c8c8c8; padding: 3px 8px; vertical-align: top; text-align: left; min-width: 4em; }
th { background: #eef1f5; }
.right { text-align: right; }
.center { text-align: center; }
tr { break-inside: avoid; }
tr.st-ok td, td.st-ok { background: #e3f1e6; }
tr.st-warning td, td.st-warning { background: #fff1c2; }
tr.st-breach td, td.st-breach { background: #fbd5cf; }
.word { font-weight: bold; white-space: nowrap; }
ul { margin: 8px 0; padding-left: 22px; }
.note { margin: 8px 0; padding: 6px 10px; border-left: 4px solid #999999; background: #f4f4f4; }
.note.st-ok { border-left-color: #0072b2; background: #e3f1e6; }
.note.st-warning { border-left-color: #e69f00; background: #fff1c2; }
.note.st-breach { border-left-color: #d55e00; background: #fbd5cf; }
figure { margin: 12px 0; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 4px; }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart text { font-family: inherit; }
@media print { main { max-width: none; padding: 0; } }
)CSS";

struct Html {
  std::string out;
  Lang lang;
  const detail::Words& w;

  explicit Html(Lang l) : lang(l), w(detail::words(l)) {}

  std::string word(Status s) const {
    if (s == Status::none) return {};
    return std::string("<span class=\"word\">") + (lang == Lang::en ? " (" : "（") + status_word(s, lang) +
           (lang == Lang::en ? ")" : "）") + "</span>";
  }
  static std::string status_class(Status s) { return std::string("st-") + status_name(s); }

  void block(const Paragraph& p) { out += "<p>" + html_text(p.text) + "</p>\n"; }

  void block(const Note& n) {
    out += "<div class=\"note";
    if (n.status != Status::none) out += " " + status_class(n.status);
    out += "\">";
    if (n.status != Status::none) {
      out += std::string("<span class=\"word\">") + status_word(n.status, lang) + (lang == Lang::en ? ":" : "：") +
             "</span> ";
    }
    out += html_text(n.text) + "</div>\n";
  }

  void block(const BulletList& l) {
    out += "<ul>\n";
    for (const auto& item : l.items) out += "<li>" + html_text(item) + "</li>\n";
    out += "</ul>\n";
  }

  void block(const KeyFigures& k) {
    out += "<div class=\"kpis\">\n";
    for (const auto& f : k.figures) {
      const auto met = f.met();
      out += "<div class=\"kpi";
      if (met) out += *met ? " met" : " not-met";
      out += "\"><div class=\"label\">" + html_text(f.label) + "</div><div class=\"value\">" +
             (f.value ? xml_escape(with_unit(format_number(*f.value, f.decimals), f.unit)) : xml_escape(w.no_data)) +
             "</div>";
      if (f.target) {
        out += "<div class=\"target\">" + xml_escape(std::string(w.target) + (f.goal == Goal::at_least ? " ≥ " : " ≤ ") +
                                                    with_unit(format_number(*f.target, f.decimals), f.unit)) +
               " · <span class=\"word\">" + (*met ? w.met : w.not_met) + "</span></div>";
      }
      out += "</div>\n";
    }
    out += "</div>\n";
  }

  static std::string align_attr(const std::vector<Align>& align, std::size_t c) {
    if (c >= align.size() || align[c] == Align::left) return {};
    return align[c] == Align::right ? " class=\"right\"" : " class=\"center\"";
  }

  void block(const Table& t) {
    bool row_status = false;
    for (const auto& r : t.rows) row_status = row_status || r.status != Status::none;
    out += "<table>\n";
    if (!t.caption.empty()) out += "<caption>" + html_text(t.caption) + "</caption>\n";
    out += "<thead><tr>";
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      out += "<th" + align_attr(t.align, c) + ">" + html_text(t.header[c]) + "</th>";
    }
    if (row_status) out += "<th>" + xml_escape(w.status) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& r : t.rows) {
      out += r.status == Status::none ? "<tr>" : "<tr class=\"" + status_class(r.status) + "\">";
      for (std::size_t c = 0; c < r.cells.size(); ++c) {
        const Cell& cell = r.cells[c];
        std::string cls;
        if (c < t.align.size() && t.align[c] != Align::left) cls = t.align[c] == Align::right ? "right" : "center";
        if (cell.status != Status::none) cls += (cls.empty() ? "" : " ") + status_class(cell.status);
        out += cls.empty() ? "<td>" : "<td class=\"" + cls + "\">";
        out += html_text(cell.text) + word(cell.status) + "</td>";
      }
      if (row_status) out += std::string("<td class=\"word\">") + status_word(r.status, lang) + "</td>";
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }

  void block(const Chart& c) {
    out += "<figure>\n<figcaption>" + html_text(c.title()) + "</figcaption>\n" + to_svg(c, lang) +
           "\n</figure>\n";
  }
};

}  // namespace

std::string to_html(const Document& doc) {
  check(doc);
  Html h(doc.lang);
  std::string& out = h.out;
  out += "<!DOCTYPE html>\n<html lang=\"";
  out += doc.lang == Lang::en ? "en" : "zh-CN";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         xml_escape(doc.title) + "</title>\n<style>\n" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
  out += "<header class=\"doc\">\n<h1>" + xml_escape(doc.title) + "</h1>\n";
  if (!doc.subtitle.empty()) out += "<p class=\"subtitle\">" + xml_escape(doc.subtitle) + "</p>\n";
  if (!doc.generated_at.empty()) out += "<p class=\"generated\">" + xml_escape(doc.generated_at) + "</p>\n";
  out += "</header>\n";
  for (const auto& section : doc.sections) {
    out += "<section>\n<h2>" + xml_escape(section.heading) + "</h2>\n";
    for (const auto& b : section.blocks) std::visit([&](const auto& block) { h.block(block); }, b);
    out += "</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return std::move(out);
}

}  // namespace charter::report
