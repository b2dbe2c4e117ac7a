"""Reports as documents: sections of paragraphs, key figures, tables, lists, notes and charts,
rendered to GitHub-flavoured Markdown or one self-contained HTML page with inline SVG charts.

A ``Document`` has a title, subtitle, language (``"zh"`` or ``"en"``: the HTML ``lang`` and the
words the renderers add — status words, "target", "no data"), a generated-at line and ordered
``Section``\\ s; a section holds blocks: ``Paragraph``, ``KeyFigures`` (``KeyFigure`` tiles: value,
unit, target and whether met), ``Table`` (header, rows of str or ``Cell``, column alignment, a
status per row or cell: ``"ok"``, ``"warning"``, ``"breach"``), ``BulletList``, ``Note`` and
``Chart``. Everything is an immutable value: compare with ``==``, pickle at any protocol.

Charts: ``Chart.daily_bars`` (daily complaint volume), ``Chart.daily_line`` (a 0–100 % rate
with a target line) and ``Chart.category_bars`` (compliance by unit against a target). A value
of ``None`` is a day or category without data — a gap, never zero; NaN and infinities are
refused (``charter.ReportError`` names the index), so turn pandas' NaN into None first:
``[None if pd.isna(v) else v for v in series]``.

Enumerations (``Lang``, ``Status``, ``Align``, ``Goal``, ``ChartKind``) also accept their names
as strings wherever they are expected.

``document.to_markdown()`` and ``document.to_html()`` (also ``to_markdown(document)``,
``to_html(document)``) validate first and raise ``charter.ReportError`` with ``.problems``, a list
of (path, message); ``document.validate()`` returns that list without raising. Output is
deterministic: the same document gives the same bytes in every locale.

The monthly quality report (客服质量月度报表, R-23) brings every block together:
``monthly(charter, tracker, findings, records, "2025-11")`` returns a ``MonthlyReport`` — complaint
figures (``workflow_kpis``), the month's breaches explained, open rectification notices, standards
compliance by standard and unit, the inspection plan, surveys, the staff appraisal and the report's
own due date — with ``to_markdown(lang)``, ``to_html(lang)``, ``document(lang)`` and ``to_frame()``
(its key figures).

    >>> from datetime import date
    >>> from charter import report
    >>> volume = report.Chart.daily_bars("Daily complaints", date(2025, 10, 1), [3, None, 5], unit="件")
    >>> doc = report.Document("Monthly report", [report.Section("Complaints", [
    ...     report.KeyFigures([report.KeyFigure("On-time reply", 96.2, "%", target=95)]),
    ...     report.Table(["Unit", "Breaches"], [["Beijing", "0"], report.Row(["Shanghai", "3"], status="breach")],
    ...                  align=["left", "right"]),
    ...     volume])], lang="en")
    >>> print(doc.to_markdown().splitlines()[4])
    - **On-time reply**: 96.2 % (target ≥ 95.0 %) — met
    >>> doc.to_html().startswith("<!DOCTYPE html>")
    True
"""

from . import _core

_r = _core.report

Align = _r.Align
BulletList = _r.BulletList
Cell = _r.Cell
Chart = _r.Chart
ChartKind = _r.ChartKind
Document = _r.Document
Goal = _r.Goal
KeyFigure = _r.KeyFigure
KeyFigures = _r.KeyFigures
Lang = _r.Lang
Note = _r.Note
Paragraph = _r.Paragraph
Row = _r.Row
Section = _r.Section
Status = _r.Status
Table = _r.Table
format_number = _r.format_number
to_html = _r.to_html
to_markdown = _r.to_markdown
to_svg = _r.to_svg
TimerKpi = _r.TimerKpi
WorkflowKpis = _r.WorkflowKpis
workflow_kpis = _r.workflow_kpis
ReportError = _core.ReportError


def _kpis_frame(kpis):
    """One row per day of the period (a DatetimeIndex named "day"): received, and for each timer
    "<timer>.met", "<timer>.decided" and "<timer>.on_time" (NaN on a day nothing was decided)."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("WorkflowKpis.to_frame needs pandas (apt install python3-pandas)") from e
    import numpy as np
    index = pd.date_range(kpis.first_day, kpis.last_day, freq="D", name="day")
    data = {"received": np.asarray(kpis.received_by_day, dtype=np.int64)}
    for t in kpis.timers:
        met = np.asarray(t.met_by_day, dtype=np.int64)
        decided = np.asarray(t.decided_by_day, dtype=np.int64)
        data[f"{t.timer}.met"] = met
        data[f"{t.timer}.decided"] = decided
        with np.errstate(invalid="ignore", divide="ignore"):
            data[f"{t.timer}.on_time"] = np.where(decided > 0, met / np.maximum(decided, 1), np.nan)
    return pd.DataFrame(data, index=index)


WorkflowKpis.to_frame = _kpis_frame

MonthlyReport = _r.MonthlyReport


def _year_month(month):
    """(year, month) from "2025-11", a date or datetime, or a (year, month) pair."""
    if isinstance(month, str):
        parts = month.strip().split("-")
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise ValueError(f"month must read YYYY-MM (\"2025-11\"), not {month!r}")
        return int(parts[0]), int(parts[1])
    if hasattr(month, "year") and hasattr(month, "month"):
        return int(month.year), int(month.month)
    if isinstance(month, tuple) and len(month) == 2:
        return int(month[0]), int(month[1])
    raise TypeError(f"month must be \"YYYY-MM\", a date or a (year, month) pair, not {type(month).__name__}")


def monthly(charter, tracker, findings=None, records=None, month=None, *, unit=None, as_of=None, calendar=None,
            resolution_timer="resolution", rectifications=None, survey_design=None, survey=None,
            appraisal_scheme=None, appraisals=None, targets=None, max_breaches=20, survey_cycles=None,
            report_cycle=None):
    """The monthly quality report (客服质量月度报表, R-23) of ``month`` ("2025-11", a date, or
    ``(2025, 11)``) for the whole centre, or for ``unit`` and the units below it.

    ``tracker`` holds the complaints (``charter.workflow.Tracker`` or ``JournaledTracker``);
    ``findings`` the standards' findings (``charter.standard.evaluate``; None: no observations);
    ``records`` the cycles' completion records (a list of dicts or a DataFrame, as for
    ``charter.cycle.status``; None: none). ``as_of`` (default: the first instant of the next month)
    is when the report is drawn up: nothing later counts. Naive instants are wall time of the
    report's calendar (``calendar``; default the calendar of the report cycle R-23).

    Optional parts: ``rectifications`` (a Tracker of the rectification workflow: its open notices),
    ``survey_design`` with ``survey`` (a ``charter.survey.SatisfactionResult``),
    ``appraisal_scheme`` with ``appraisals`` (``charter.appraisal.appraise`` results).
    ``targets`` is a dict of fractions overriding the defaults: ``resolution_rate`` (0.98, S3),
    ``satisfaction`` (0.90, S3), ``on_time`` and ``compliance`` (none); None removes a target.
    ``survey_cycles`` (default R-25 and R-28) and ``report_cycle`` (default R-23; "" for none) name
    the cycles reported as surveys and as the report itself.

    Raises ValueError for a month outside 1–12, an unknown resolution timer or target, appraisals
    without their scheme or a survey without its design; charter.UnknownIdError for an unknown
    unit, calendar or cycle. Releases the GIL while it computes.
    """
    if month is None:
        raise TypeError("monthly() needs the month (\"2025-11\", a date or (year, month))")
    year, mon = _year_month(month)
    from .cycle import _records

    return _r._monthly(charter, tracker, findings, None if records is None else _records(records), year, mon,
                       unit or "", as_of, calendar or "", resolution_timer, rectifications, survey_design, survey,
                       appraisal_scheme, list(appraisals or []), targets, max_breaches,
                       None if survey_cycles is None else list(survey_cycles), report_cycle)


def _monthly_frame(report):
    """The key figures, one row each, indexed by id: label_zh, label_en, value, unit, target, goal
    ("at_least" / "at_most"), met (None without a target). Rates are in percent."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("MonthlyReport.to_frame needs pandas (apt install python3-pandas)") from e
    rows = report.figures()
    for r in rows:
        r["goal"] = r["goal"].name
    frame = pd.DataFrame(rows, columns=["id", "label_zh", "label_en", "value", "unit", "target", "goal", "met"])
    frame["value"] = frame["value"].astype(float)
    frame["target"] = frame["target"].astype(float)
    return frame.set_index("id")


MonthlyReport.to_frame = _monthly_frame

for _cls in (Align, BulletList, Cell, Chart, ChartKind, Document, Goal, KeyFigure, KeyFigures, Lang, Note,
             Paragraph, Row, Section, Status, Table, TimerKpi, WorkflowKpis, MonthlyReport):
    _cls.__module__ = "charter.report"
del _cls

__all__ = [
    "Align",
    "BulletList",
    "Cell",
    "Chart",
    "ChartKind",
    "Document",
    "Goal",
    "KeyFigure",
    "KeyFigures",
    "Lang",
    "MonthlyReport",
    "Note",
    "Paragraph",
    "ReportError",
    "Row",
    "Section",
    "Status",
    "Table",
    "TimerKpi",
    "WorkflowKpis",
    "format_number",
    "monthly",
    "to_html",
    "to_markdown",
    "to_svg",
    "workflow_kpis",
]
