#include "charter/report/document.hpp"

#include <cmath>

#include "text.hpp"

namespace charter::report {

const char* lang_name(Lang l) { return l == Lang::en ? "en" : "zh"; }

const char* status_name(Status s) {
  switch (s) {
    case Status::none: return "none";
    case Status::ok: return "ok";
    case Status::warning: return "warning";
    case Status::breach: return "breach";
  }
  return "?";
}

const char* align_name(Align a) {
  switch (a) {
    case Align::left: return "left";
    case Align::right: return "right";
    case Align::center: return "center";
  }
  return "?";
}

const char* goal_name(Goal g) { return g == Goal::at_most ? "at_most" : "at_least"; }

const char* status_word(Status s, Lang l) {
  const bool en = l == Lang::en;
  switch (s) {
    case Status::none: return "";
    case Status::ok: return en ? "ok" : "达标";
    case Status::warning: return en ? "warning" : "预警";
    case Status::breach: return en ? "breach" : "违规";
  }
  return "";
}

const char* block_kind_name(BlockKind k) {
  switch (k) {
    case BlockKind::paragraph: return "paragraph";
    case BlockKind::key_figures: return "key_figures";
    case BlockKind::table: return "table";
    case BlockKind::bullet_list: return "bullet_list";
    case BlockKind::note: return "note";
    case BlockKind::chart: return "chart";
  }
  return "?";
}

namespace {

class Checker {
 public:
  std::vector<ReportProblem> problems;

  void add(std::string path, std::string message) {
    problems.push_back({std::move(path), std::move(message)});
  }
  void text(const std::string& path, const std::string& s, bool newlines, bool required = false) {
    if (required && s.empty()) add(path, "must not be empty");
    const std::string why = detail::text_problem(s, newlines);
    if (!why.empty()) add(path, why);
  }
  void status(const std::string& path, Status s) {
    if (static_cast<int>(s) < 0 || static_cast<int>(s) > static_cast<int>(Status::breach)) {
      add(path, "unknown status " + std::to_string(static_cast<int>(s)));
    }
  }
  void number(const std::string& path, const std::optional<double>& v) {
    if (!v) return;
    if (std::isnan(*v)) add(path, "NaN is not a value (leave it missing for no data)");
    else if (std::isinf(*v)) add(path, "infinity is not a value");
  }

  void block(const std::string& path, const Paragraph& p) { text(path + ".text", p.text, true, true); }
  void block(const std::string& path, const Note& n) {
    text(path + ".text", n.text, true, true);
    status(path + ".status", n.status);
  }
  void block(const std::string& path, const BulletList& l) {
    for (std::size_t i = 0; i < l.items.size(); ++i) {
      text(path + ".items[" + std::to_string(i) + "]", l.items[i], true);
    }
  }
  void block(const std::string& path, const KeyFigures& k) {
    for (std::size_t i = 0; i < k.figures.size(); ++i) {
      const KeyFigure& f = k.figures[i];
      const std::string p = path + ".figures[" + std::to_string(i) + "]";
      text(p + ".label", f.label, false, true);
      text(p + ".unit", f.unit, false);
      number(p + ".value", f.value);
      number(p + ".target", f.target);
      if (f.decimals < 0 || f.decimals > 6) {
        add(p + ".decimals", std::to_string(f.decimals) + " is outside 0..6");
      }
      if (f.goal != Goal::at_least && f.goal != Goal::at_most) {
        add(p + ".goal", "unknown goal " + std::to_string(static_cast<int>(f.goal)));
      }
    }
  }
  void block(const std::string& path, const Table& t) {
    text(path + ".caption", t.caption, false);
    if (t.header.empty()) add(path + ".header", "a table needs at least one column");
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      text(path + ".header[" + std::to_string(i) + "]", t.header[i], true);
    }
    if (!t.align.empty() && t.align.size() != t.header.size()) {
      add(path + ".align", std::to_string(t.align.size()) + " alignments for " +
                               std::to_string(t.header.size()) + " columns (one per column, or none)");
    }
    for (std::size_t i = 0; i < t.align.size(); ++i) {
      const int a = static_cast<int>(t.align[i]);
      if (a < 0 || a > static_cast<int>(Align::center)) {
        add(path + ".align[" + std::to_string(i) + "]", "unknown alignment " + std::to_string(a));
      }
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const Row& row = t.rows[r];
      const std::string p = path + ".rows[" + std::to_string(r) + "]";
      if (row.cells.size() != t.header.size()) {
        add(p, std::to_string(row.cells.size()) + " cells, the header has " +
                   std::to_string(t.header.size()));
      }
      status(p + ".status", row.status);
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        const std::string pc = p + ".cells[" + std::to_string(c) + "]";
        text(pc, row.cells[c].text, true);
        status(pc + ".status", row.cells[c].status);
      }
    }
  }
  void block(const std::string& path, const Chart& c) {
    // A Chart is validated when built; checked again in case its spec came from elsewhere.
    for (const auto& p : validate(c.spec())) add(path + "." + p.path, p.message);
  }
};

}  // namespace

std::vector<ReportProblem> validate(const Document& doc) {
  Checker ck;
  ck.text("title", doc.title, false, true);
  ck.text("subtitle", doc.subtitle, false);
  ck.text("generated_at", doc.generated_at, false);
  if (doc.lang != Lang::zh && doc.lang != Lang::en) {
    ck.add("lang", "unknown language " + std::to_string(static_cast<int>(doc.lang)));
  }
  for (std::size_t s = 0; s < doc.sections.size(); ++s) {
    const Section& sec = doc.sections[s];
    const std::string ps = "sections[" + std::to_string(s) + "]";
    ck.text(ps + ".heading", sec.heading, false, true);
    for (std::size_t b = 0; b < sec.blocks.size(); ++b) {
      const std::string pb = ps + ".blocks[" + std::to_string(b) + "]." +
                             block_kind_name(block_kind(sec.blocks[b]));
      std::visit([&](const auto& block) { ck.block(pb, block); }, sec.blocks[b]);
    }
  }
  return ck.problems;
}

void check(const Document& doc) {
  auto problems = validate(doc);
  if (!problems.empty()) throw ReportError("document '" + doc.title + "'", std::move(problems));
}

}  // namespace charter::report
