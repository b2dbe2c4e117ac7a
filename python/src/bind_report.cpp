// charter.report: the report document model, charts, and the Markdown/HTML renderers.
//
// The value types are immutable from Python (read-only attributes, keyword constructors) and
// pickle through their keyword constructors. Enumerations also accept their names as strings
// ("breach", "right", "en"), so analysts can write Cell("3", status="breach").

#include <optional>

#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "pickling.hpp"
#include "casters.hpp"
#include "charter/calendar/date_text.hpp"
#include "charter/detail/instant.hpp"
#include "charter/report/document.hpp"
#include "charter/report/monthly.hpp"
#include "charter/report/render.hpp"
#include "charter/report/svg.hpp"
#include "charter/report/workflow_kpis.hpp"

namespace charter::python {

namespace py = pybind11;
using namespace charter::report;

namespace {


// Lets an enum be given by its name: Status("breach"), and "breach" wherever a Status goes.
template <class E>
void by_name(py::enum_<E>& e, const char* type) {
  e.def(py::init([e, type](const std::string& name) {
          const py::dict members = e.attr("__members__");
          if (!members.contains(name)) {
            std::string known;
            for (const auto& kv : members) known += (known.empty() ? "" : ", ") + kv.first.cast<std::string>();
            throw py::value_error("unknown " + std::string(type) + " '" + name + "' (expected one of " + known + ")");
          }
          return members[py::str(name)].cast<E>();
        }),
        py::arg("name"));
  py::implicitly_convertible<std::string, E>();
}

std::optional<double> optional_number(const py::handle& h) {
  if (h.is_none()) return std::nullopt;
  return h.cast<double>();
}

// Values from any sequence: None is no data; numbers (numpy scalars too) are values. NaN is
// passed on so the chart refuses it with its index.
std::vector<std::optional<double>> values_from(const py::iterable& values) {
  std::vector<std::optional<double>> out;
  for (const auto& v : values) out.push_back(optional_number(v));
  return out;
}

py::list values_to_python(const std::vector<std::optional<double>>& values) {
  py::list out;
  for (const auto& v : values) out.append(v ? py::object(py::float_(*v)) : py::object(py::none()));
  return out;
}

Chart make_chart(ChartKind kind, std::string title, const py::iterable& values, py::object first_day,
                 std::vector<std::string> categories, py::object target, std::string series, std::string unit,
                 int decimals) {
  ChartSpec s;
  s.kind = kind;
  s.title = std::move(title);
  s.values = values_from(values);
  if (!first_day.is_none()) {
    try {
      s.first_day = first_day.cast<boost::gregorian::date>();
    } catch (const py::cast_error&) {
      throw py::type_error("first_day: expected a datetime.date (not a datetime), got " +
                           py::repr(first_day).cast<std::string>());
    }
  }
  s.categories = std::move(categories);
  s.target = optional_number(target);
  s.series = std::move(series);
  s.unit = std::move(unit);
  s.decimals = decimals;
  return Chart(std::move(s));
}

Row row_from(const py::handle& h) {
  if (py::isinstance<Row>(h)) return h.cast<Row>();
  if (py::isinstance<py::str>(h)) throw py::type_error("a table row is a Row or a list of cells, not a string");
  return Row{h.cast<std::vector<Cell>>(), Status::none};
}

}  // namespace

void bind_report(py::module_& root) {
  py::module_ m = root.def_submodule("report", "Report documents, charts and their renderers.");

  py::enum_<Lang> lang(m, "Lang", "The document's language (the HTML lang and the renderers' own words).");
  reduce_enum_by_value(lang)
      .value("zh", Lang::zh, "Chinese: <html lang=\"zh-CN\">")
      .value("en", Lang::en, "English: <html lang=\"en\">");
  by_name(lang, "language");
  py::enum_<Status> status(m, "Status", "What a reader must notice: a tint and a word.");
  reduce_enum_by_value(status)
      .value("none", Status::none, "nothing to notice")
      .value("ok", Status::ok, "met (达标)")
      .value("warning", Status::warning, "needs attention (预警)")
      .value("breach", Status::breach, "a rule is broken (违规)");
  by_name(status, "status");
  py::enum_<Align> align(m, "Align", "Alignment of a table column.");
  reduce_enum_by_value(align)
      .value("left", Align::left, "text")
      .value("right", Align::right, "numbers")
      .value("center", Align::center, "short codes, marks");
  by_name(align, "alignment");
  py::enum_<Goal> goal(m, "Goal", "Which side of a key figure's target is good.");
  reduce_enum_by_value(goal)
      .value("at_least", Goal::at_least, "met when value ≥ target (rates)")
      .value("at_most", Goal::at_most, "met when value ≤ target (counts of complaints)");
  by_name(goal, "goal");
  py::enum_<ChartKind> kind(m, "ChartKind", "The three kinds of chart.");
  reduce_enum_by_value(kind)
      .value("daily_bars", ChartKind::daily_bars, "vertical bars over consecutive days")
      .value("daily_line", ChartKind::daily_line, "a 0–100 % line over days with a target line")
      .value("category_bars", ChartKind::category_bars, "horizontal bars by category with a target line");
  by_name(kind, "chart kind");

  py::class_<Paragraph> paragraph(m, "Paragraph", "A paragraph of text (line breaks kept).");
  paragraph.def(py::init([](std::string text) { return Paragraph{std::move(text)}; }), py::arg("text"))
      .def_readonly("text", &Paragraph::text)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Paragraph& p) { return "Paragraph(" + quote(p.text) + ")"; });
  reduce_by_keywords(paragraph, [](const Paragraph& p) { return py::dict(py::arg("text") = p.text); });

  py::class_<Note> note(m, "Note", "A remark set apart from the text, optionally with a status.");
  note.def(py::init([](std::string text, Status s) { return Note{std::move(text), s}; }), py::arg("text"),
           py::arg("status") = Status::none)
      .def_readonly("text", &Note::text)
      .def_readonly("status", &Note::status)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Note& n) {
        return "Note(" + quote(n.text) + ", status=" + status_name(n.status) + ")";
      });
  reduce_by_keywords(note, [](const Note& n) { return py::dict(py::arg("text") = n.text, py::arg("status") = n.status); });

  py::class_<BulletList> bullets(m, "BulletList", "A bulleted list.");
  bullets.def(py::init([](std::vector<std::string> items) { return BulletList{std::move(items)}; }), py::arg("items"))
      .def_readonly("items", &BulletList::items)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const BulletList& l) { return "BulletList(" + std::to_string(l.items.size()) + " items)"; });
  reduce_by_keywords(bullets, [](const BulletList& l) { return py::dict(py::arg("items") = l.items); });

  py::class_<KeyFigure> figure(m, "KeyFigure", R"doc(
A key figure (KPI tile): a value with its unit and, when given, its target and whether it is met.
goal="at_least": higher is better (on-time rate); "at_most": lower is better (complaints).
A missing value (None) reads "no data" and never meets a target.)doc");
  figure
      .def(py::init([](std::string label, py::object value, std::string unit, py::object target, Goal g,
                       int decimals) {
             return KeyFigure{std::move(label), optional_number(value), std::move(unit), optional_number(target), g,
                              decimals};
           }),
           py::arg("label"), py::arg("value") = py::none(), py::arg("unit") = "", py::arg("target") = py::none(),
           py::arg("goal") = Goal::at_least, py::arg("decimals") = 1)
      .def_readonly("label", &KeyFigure::label)
      .def_readonly("value", &KeyFigure::value)
      .def_readonly("unit", &KeyFigure::unit)
      .def_readonly("target", &KeyFigure::target)
      .def_readonly("goal", &KeyFigure::goal)
      .def_readonly("decimals", &KeyFigure::decimals)
      .def_property_readonly("met", &KeyFigure::met, "True/False against the target; None without a target.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const KeyFigure& f) {
        return "KeyFigure(" + quote(f.label) + ", " + (f.value ? py::repr(py::float_(*f.value)).cast<std::string>() : "None") +
               ")";
      });
  reduce_by_keywords(figure, [](const KeyFigure& f) {
    return py::dict(py::arg("label") = f.label, py::arg("value") = f.value, py::arg("unit") = f.unit,
                    py::arg("target") = f.target, py::arg("goal") = f.goal, py::arg("decimals") = f.decimals);
  });

  py::class_<KeyFigures> figures(m, "KeyFigures", "A row of key-figure tiles.");
  figures.def(py::init([](std::vector<KeyFigure> f) { return KeyFigures{std::move(f)}; }), py::arg("figures"))
      .def_readonly("figures", &KeyFigures::figures)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const KeyFigures& k) { return "KeyFigures(" + std::to_string(k.figures.size()) + " figures)"; });
  reduce_by_keywords(figures, [](const KeyFigures& k) { return py::dict(py::arg("figures") = k.figures); });

  py::class_<Cell> cell(m, "Cell", "A table cell: text and an optional status tinting it. A str is a Cell.");
  cell.def(py::init([](std::string text, Status s) { return Cell(std::move(text), s); }), py::arg("text"),
           py::arg("status") = Status::none)
      .def_readonly("text", &Cell::text)
      .def_readonly("status", &Cell::status)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Cell& c) { return "Cell(" + quote(c.text) + ", status=" + status_name(c.status) + ")"; });
  py::implicitly_convertible<std::string, Cell>();
  reduce_by_keywords(cell, [](const Cell& c) { return py::dict(py::arg("text") = c.text, py::arg("status") = c.status); });

  py::class_<Row> row(m, "Row", "A table row: one cell per column and an optional status for the row.");
  row.def(py::init([](std::vector<Cell> cells, Status s) { return Row{std::move(cells), s}; }), py::arg("cells"),
          py::arg("status") = Status::none)
      .def_readonly("cells", &Row::cells)
      .def_readonly("status", &Row::status)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Row& r) {
        return "Row(" + std::to_string(r.cells.size()) + " cells, status=" + status_name(r.status) + ")";
      });
  reduce_by_keywords(row, [](const Row& r) { return py::dict(py::arg("cells") = r.cells, py::arg("status") = r.status); });

  py::class_<Table> table(m, "Table", R"doc(
A table: a header, rows (each a Row or a list of cells — str or Cell), column alignment (one per
column, or none: all left) and an optional caption. Shapes are checked when the document is
validated or rendered.)doc");
  table
      .def(py::init([](std::vector<std::string> header, const py::iterable& rows, std::vector<Align> al,
                       std::string caption) {
             Table t;
             t.header = std::move(header);
             for (const auto& r : rows) t.rows.push_back(row_from(r));
             t.align = std::move(al);
             t.caption = std::move(caption);
             return t;
           }),
           py::arg("header"), py::arg("rows") = py::list(), py::arg("align") = std::vector<Align>{},
           py::arg("caption") = "")
      .def_readonly("header", &Table::header)
      .def_readonly("rows", &Table::rows)
      .def_readonly("align", &Table::align)
      .def_readonly("caption", &Table::caption)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Table& t) {
        return "Table(" + std::to_string(t.header.size()) + " columns, " + std::to_string(t.rows.size()) + " rows)";
      });
  reduce_by_keywords(table, [](const Table& t) {
    return py::dict(py::arg("header") = t.header, py::arg("rows") = t.rows, py::arg("align") = t.align,
                    py::arg("caption") = t.caption);
  });

  py::class_<Chart> chart(m, "Chart", R"doc(
The numbers behind one chart, validated when built (ReportError names every problem). Build one
with Chart.daily_bars, Chart.daily_line or Chart.category_bars. values: floats, None for no data
(a gap, never zero); NaN and infinities are refused.)doc");
  chart
      .def(py::init(&make_chart), py::arg("kind"), py::arg("title"), py::arg("values"),
           py::arg("first_day") = py::none(), py::arg("categories") = std::vector<std::string>{},
           py::arg("target") = py::none(), py::arg("series") = "", py::arg("unit") = "", py::arg("decimals") = 1)
      .def_static(
          "daily_bars",
          [](std::string title, py::object first_day, const py::iterable& values, std::string series, std::string unit,
             int decimals) {
            return make_chart(ChartKind::daily_bars, std::move(title), values, std::move(first_day), {}, py::none(),
                              std::move(series), std::move(unit), decimals);
          },
          py::arg("title"), py::arg("first_day"), py::arg("values"), py::arg("series") = "", py::arg("unit") = "",
          py::arg("decimals") = 0, "Vertical bars over consecutive days from first_day (daily volume).")
      .def_static(
          "daily_line",
          [](std::string title, py::object first_day, const py::iterable& values, py::object target, std::string series,
             std::string unit, int decimals) {
            return make_chart(ChartKind::daily_line, std::move(title), values, std::move(first_day), {},
                              std::move(target), std::move(series), std::move(unit), decimals);
          },
          py::arg("title"), py::arg("first_day"), py::arg("values"), py::arg("target") = py::none(),
          py::arg("series") = "", py::arg("unit") = "%", py::arg("decimals") = 1,
          "A 0–100 % line over consecutive days with an optional target line (on-time rate).")
      .def_static(
          "category_bars",
          [](std::string title, std::vector<std::string> categories, const py::iterable& values, py::object target,
             std::string series, std::string unit, int decimals) {
            return make_chart(ChartKind::category_bars, std::move(title), values, py::none(), std::move(categories),
                              std::move(target), std::move(series), std::move(unit), decimals);
          },
          py::arg("title"), py::arg("categories"), py::arg("values"), py::arg("target") = py::none(),
          py::arg("series") = "", py::arg("unit") = "%", py::arg("decimals") = 1,
          "Horizontal bars by category with an optional target line (compliance by unit).")
      .def_property_readonly("kind", &Chart::kind)
      .def_property_readonly("title", &Chart::title)
      .def_property_readonly("series", [](const Chart& c) { return c.spec().series; })
      .def_property_readonly("unit", [](const Chart& c) { return c.spec().unit; })
      .def_property_readonly("first_day", [](const Chart& c) -> py::object {
        if (c.spec().first_day.is_special()) return py::none();
        return py::cast(c.spec().first_day);
      })
      .def_property_readonly("categories", [](const Chart& c) { return c.spec().categories; })
      .def_property_readonly("values", [](const Chart& c) { return values_to_python(c.spec().values); })
      .def_property_readonly("target", [](const Chart& c) { return c.spec().target; })
      .def_property_readonly("decimals", [](const Chart& c) { return c.spec().decimals; })
      .def("__len__", &Chart::size)
      .def("label", &Chart::label, py::arg("i"), "The day (\"2025-10-03\") or category of value i.")
      .def("meets_target", &Chart::meets_target, py::arg("i"),
           "Whether value i reaches the target; None without a target or a value.")
      .def("to_svg", [](const Chart& c, Lang l) { return to_svg(c, l); }, py::arg("lang") = Lang::zh,
           "The chart as an inline <svg> element.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Chart& c) {
        return std::string("<charter.report.Chart ") + chart_kind_name(c.kind()) + " " + quote(c.title()) + ", " +
               std::to_string(c.size()) + " values>";
      });
  reduce_by_keywords(chart, [](const Chart& c) {
    const ChartSpec& s = c.spec();
    return py::dict(py::arg("kind") = s.kind, py::arg("title") = s.title, py::arg("values") = values_to_python(s.values),
                    py::arg("first_day") = s.first_day.is_special() ? py::object(py::none()) : py::cast(s.first_day),
                    py::arg("categories") = s.categories, py::arg("target") = s.target,
                    py::arg("series") = s.series, py::arg("unit") = s.unit, py::arg("decimals") = s.decimals);
  });

  py::class_<Section> section(m, "Section", "A heading and its blocks (Paragraph, KeyFigures, Table, BulletList, Note, Chart).");
  section
      .def(py::init([](std::string heading, std::vector<Block> blocks) { return Section{std::move(heading), std::move(blocks)}; }),
           py::arg("heading"), py::arg("blocks") = std::vector<Block>{})
      .def_readonly("heading", &Section::heading)
      .def_readonly("blocks", &Section::blocks)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Section& s) {
        return "Section(" + quote(s.heading) + ", " + std::to_string(s.blocks.size()) + " blocks)";
      });
  reduce_by_keywords(section, [](const Section& s) { return py::dict(py::arg("heading") = s.heading, py::arg("blocks") = s.blocks); });

  py::class_<Document> document(m, "Document", R"doc(
A report as a document: title, subtitle, language, generated-at line and ordered sections.
to_markdown() and to_html() validate it first and raise charter.ReportError listing every
problem; validate() returns them as (path, message) pairs.)doc");
  document
      .def(py::init([](std::string title, std::vector<Section> sections, std::string subtitle, Lang l,
                       std::string generated_at) {
             Document d;
             d.title = std::move(title);
             d.sections = std::move(sections);
             d.subtitle = std::move(subtitle);
             d.lang = l;
             d.generated_at = std::move(generated_at);
             return d;
           }),
           py::arg("title"), py::arg("sections") = std::vector<Section>{}, py::arg("subtitle") = "",
           py::arg("lang") = Lang::zh, py::arg("generated_at") = "")
      .def_readonly("title", &Document::title)
      .def_readonly("sections", &Document::sections)
      .def_readonly("subtitle", &Document::subtitle)
      .def_readonly("lang", &Document::lang)
      .def_readonly("generated_at", &Document::generated_at)
      .def("validate", [](const Document& d) {
        py::list out;
        for (const auto& p : validate(d)) out.append(py::make_tuple(p.path, p.message));
        return out;
      }, "Every problem as (path, message); empty when the document renders.")
      .def("to_markdown", [](const Document& d) { return to_markdown(d); }, "GitHub-flavoured Markdown.")
      .def("to_html", [](const Document& d) { return to_html(d); }, "One self-contained HTML page.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const Document& d) {
        return "<charter.report.Document " + quote(d.title) + ", " + std::to_string(d.sections.size()) + " sections>";
      });
  reduce_by_keywords(document, [](const Document& d) {
    return py::dict(py::arg("title") = d.title, py::arg("sections") = d.sections, py::arg("subtitle") = d.subtitle,
                    py::arg("lang") = d.lang, py::arg("generated_at") = d.generated_at);
  });

  m.def("to_markdown", [](const Document& d) { return to_markdown(d); }, py::arg("document"),
        "GitHub-flavoured Markdown of a document.");
  m.def("to_html", [](const Document& d) { return to_html(d); }, py::arg("document"),
        "One self-contained HTML page of a document.");
  m.def("to_svg", [](const Chart& c, Lang l) { return to_svg(c, l); }, py::arg("chart"), py::arg("lang") = Lang::zh,
        "A chart as an inline <svg> element.");
  m.def("format_number", &format_number, py::arg("value"), py::arg("decimals"),
        "value with exactly `decimals` digits after '.', the same in every locale.");

  // ---- workflow KPIs (workflow_kpis.hpp) ------------------------------------------------------
  py::class_<TimerKpi> timer_kpi(m, "TimerKpi", "One timer of a workflow over a period (WorkflowKpis.timers).");
  timer_kpi
      .def(py::init([](std::string timer, std::string rule, std::size_t met, std::size_t breached, std::size_t pending,
                       double on_time, std::vector<std::size_t> met_by_day, std::vector<std::size_t> decided_by_day) {
             return TimerKpi{std::move(timer), std::move(rule), met, breached, pending, on_time, std::move(met_by_day),
                             std::move(decided_by_day)};
           }),
           py::kw_only(), py::arg("timer"), py::arg("rule"), py::arg("met"), py::arg("breached"), py::arg("pending"),
           py::arg("on_time"), py::arg("met_by_day"), py::arg("decided_by_day"))
      .def_readonly("timer", &TimerKpi::timer)
      .def_readonly("rule", &TimerKpi::rule, "'R-05'")
      .def_readonly("met", &TimerKpi::met, "cycles met in the period (counted on the day they stopped)")
      .def_readonly("breached", &TimerKpi::breached, "cycles breached in the period (on the day their due instant passed)")
      .def_readonly("pending", &TimerKpi::pending, "cycles of cases received in the period, undecided at as_of")
      .def_readonly("on_time", &TimerKpi::on_time, "met / (met + breached); NaN when nothing was decided")
      .def_readonly("met_by_day", &TimerKpi::met_by_day)
      .def_readonly("decided_by_day", &TimerKpi::decided_by_day)
      .def_property_readonly("decided", &TimerKpi::decided)
      .def("__repr__", [](const TimerKpi& k) {
        return "<charter.report.TimerKpi " + k.timer + " (" + k.rule + "): " + std::to_string(k.met) + " met, " +
               std::to_string(k.breached) + " breached, " + std::to_string(k.pending) + " pending>";
      });
  reduce_by_keywords(timer_kpi, [](const TimerKpi& k) {
    return py::dict(py::arg("timer") = k.timer, py::arg("rule") = k.rule, py::arg("met") = k.met,
                    py::arg("breached") = k.breached, py::arg("pending") = k.pending, py::arg("on_time") = k.on_time,
                    py::arg("met_by_day") = k.met_by_day, py::arg("decided_by_day") = k.decided_by_day);
  });

  py::class_<WorkflowKpis> kpis(m, "WorkflowKpis", R"doc(A workflow's figures over a period of local dates
(report.workflow_kpis): cases received (per day), each timer's cycles met, breached and pending
and its on-time rate, the resolution rate. to_frame() gives one row per day.)doc");
  kpis.def(py::init([](std::string workflow, boost::gregorian::date first_day, boost::gregorian::date last_day,
                       std::size_t received, std::vector<std::size_t> received_by_day, std::string resolution_timer,
                       std::size_t resolved, double resolution_rate, std::vector<TimerKpi> timers) {
             WorkflowKpis k;
             k.workflow = std::move(workflow);
             k.first_day = first_day;
             k.last_day = last_day;
             k.received = received;
             k.received_by_day = std::move(received_by_day);
             k.resolution_timer = std::move(resolution_timer);
             k.resolved = resolved;
             k.resolution_rate = resolution_rate;
             k.timers = std::move(timers);
             return k;
           }),
           py::kw_only(), py::arg("workflow"), py::arg("first_day"), py::arg("last_day"), py::arg("received"),
           py::arg("received_by_day"), py::arg("resolution_timer"), py::arg("resolved"), py::arg("resolution_rate"),
           py::arg("timers"))
      .def_readonly("workflow", &WorkflowKpis::workflow)
      .def_readonly("first_day", &WorkflowKpis::first_day)
      .def_readonly("last_day", &WorkflowKpis::last_day)
      .def_readonly("received", &WorkflowKpis::received, "cases whose intake's local date lies in the period")
      .def_readonly("received_by_day", &WorkflowKpis::received_by_day)
      .def_readonly("resolution_timer", &WorkflowKpis::resolution_timer)
      .def_readonly("resolved", &WorkflowKpis::resolved, "of the cases received, those resolved by as_of")
      .def_readonly("resolution_rate", &WorkflowKpis::resolution_rate, "resolved / received; NaN when none received")
      .def_readonly("timers", &WorkflowKpis::timers, "every timer, in definition order")
      .def_property_readonly("days", &WorkflowKpis::days)
      .def("timer", [](const WorkflowKpis& k, const std::string& id) -> std::optional<TimerKpi> {
        if (const TimerKpi* t = k.timer(id)) return *t;
        return std::nullopt;
      }, py::arg("id"), "The timer's figures, or None.")
      .def("__repr__", [](const WorkflowKpis& k) {
        return "<charter.report.WorkflowKpis " + k.workflow + " " + calendar::format_date(k.first_day) + ".." +
               calendar::format_date(k.last_day) + ": " + std::to_string(k.received) + " received>";
      });
  reduce_by_keywords(kpis, [](const WorkflowKpis& k) {
    return py::dict(py::arg("workflow") = k.workflow, py::arg("first_day") = k.first_day,
                    py::arg("last_day") = k.last_day, py::arg("received") = k.received,
                    py::arg("received_by_day") = k.received_by_day, py::arg("resolution_timer") = k.resolution_timer,
                    py::arg("resolved") = k.resolved, py::arg("resolution_rate") = k.resolution_rate,
                    py::arg("timers") = k.timers);
  });
  m.def(
      "workflow_kpis",
      [](py::handle tracker, boost::gregorian::date first_day, boost::gregorian::date last_day, py::handle as_of,
         std::optional<calendar::BusinessCalendar> calendar, const std::string& resolution_timer) {
        std::optional<WorkflowKpis> out;
        const bool is_tracker = read_tracker(tracker, [&](const workflow::Tracker& t) {
          const calendar::BusinessCalendar& local = calendar ? *calendar : t.definition().calendar();
          const PyInstant at = read_instant(as_of, local.index(), "as_of");
          py::gil_scoped_release release;
          out = workflow_kpis(t, local, first_day, last_day, detail::from_micros(at.utc), resolution_timer);
        });
        if (!is_tracker) throw py::type_error("workflow_kpis: tracker must be a charter.workflow.Tracker or JournaledTracker");
        return *out;
      },
      py::arg("tracker"), py::arg("first_day"), py::arg("last_day"), py::arg("as_of"), py::kw_only(),
      py::arg("calendar") = py::none(), py::arg("resolution_timer") = "resolution",
      R"doc(A workflow's figures over the local dates first_day..last_day (both included) as of an
instant: see WorkflowKpis. The days are the calendar's (default: the workflow's own calendar);
a naive as_of is wall time in that calendar's zone. Every timer cycle counts on the day it was
decided (met: when it stopped; breached: when its due instant passed), so a complaint reopened
this month keeps last month's cycles in last month. ValueError for a period backwards or over
366 days, or an unknown resolution_timer. Releases the GIL.)doc");
  bind_monthly(m);
}

}  // namespace charter::python
