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

The monthly quality report (客服质量月度报表), built from every block, comes later; this module is
its document model and renderers.

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

for _cls in (Align, BulletList, Cell, Chart, ChartKind, Document, Goal, KeyFigure, KeyFigures, Lang, Note,
             Paragraph, Row, Section, Status, Table, TimerKpi, WorkflowKpis):
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
    "to_html",
    "to_markdown",
    "to_svg",
    "workflow_kpis",
]
