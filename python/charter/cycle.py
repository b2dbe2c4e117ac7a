"""Recurring obligations: inspections, reports and surveys that come round (the cycle block).

A ``Cycle`` is one obligation of a charter as data — the monthly assessment check of every unit
(R-20), the written report after each check (R-21), the monthly quality report before month end
(R-23), the December survey with at least 50 respondents (R-25) — with its ``Recurrence``, its
due ``Deadline``, its ``Scope`` (the centre, units, roles or staff), the ``Evidence`` a
completion must show, its ``FollowUp`` cycles and the responsible role (``owner``):
``charter.Charter.builtin().cycle("R-23")``.

``occurrences(charter, from_, to)`` lists every occurrence whose period overlaps [from_, to) as
numpy columns (``occurrences_frame`` as a pandas DataFrame). ``status(charter, records, from_,
to, as_of)`` says where each stands as of an instant — done, done_late, insufficient, due,
overdue or missed, with an explanation, the completing record and the follow-ups' own states —
and counts ad-hoc cycles; records after ``as_of`` are ignored. Completion records are dicts
(``cycle``, ``at``, optionally ``subject``, ``actor``, ``id``; every other key is a field such as
``respondents``, ``report``, ``unit`` or ``period``, and a ``fields`` dict holds more of them,
as event and observation dicts do) or a pandas DataFrame with those columns;
``read_completions`` / ``write_completions`` / ``completions_to_text`` read and write them as
CSV or JSON Lines. ``completion_stream(charter, from_, to)`` generates a period's records — most
on time, some late, short of evidence or skipped — for demos and tests.

Datetimes: a naive datetime is wall time in the zone (a calendar of the charter, by default its
"office" calendar, else its only one); columns come back in local wall time when ``from_`` was
naive and in UTC when it was aware.

    >>> import charter
    >>> from datetime import datetime
    >>> rulebook = charter.Charter.builtin()
    >>> s = charter.cycle.status(rulebook, [{"cycle": "R-25", "at": datetime(2025, 12, 18, 15),
    ...                                      "respondents": 42}],
    ...                          datetime(2025, 12, 1), datetime(2026, 1, 1), datetime(2026, 1, 5))
    >>> [e for c, e in zip(s.occurrences["cycle"], s.occurrences["explanation"]) if c == "R-25"]
    ['42 respondents; R-25 requires 50; due 2025-12-31 23:59:59']
"""

from dataclasses import dataclass, field

from . import _core

_c = _core.cycle

Cycle = _c.Cycle
Evidence = _c.Evidence
EvidenceKind = _c.EvidenceKind
FollowUp = _c.FollowUp
Period = _c.Period
Recurrence = _c.Recurrence
Rectification = _c.Rectification
RecurrenceKind = _c.RecurrenceKind
Scope = _c.Scope
ScopeKind = _c.ScopeKind
State = _c.State
occurrences = _c.occurrences
completion_stream = _c.completion_stream
read_completions = _c.read_completions
completions_to_text = _c.completions_to_text
CycleError = _core.CycleError

for _cls in (Cycle, Evidence, EvidenceKind, FollowUp, Period, Recurrence, RecurrenceKind, Rectification, Scope,
             ScopeKind, State):
    _cls.__module__ = "charter.cycle"
del _cls


def _records(records):
    """A DataFrame becomes a list of dicts; anything else is passed on as it is."""
    if hasattr(records, "to_dict") and hasattr(records, "columns"):
        return records.to_dict("records")
    return records


def write_completions(path, records, calendar):
    """Writes completion records (dicts or a DataFrame) to a CSV or JSON Lines file, by extension."""
    _c.write_completions(path, _records(records), calendar)


@dataclass
class StatusReport:
    """What ``status`` found.

    occurrences: numpy columns, one row per occurrence (cycle, subject, period_start, period_end,
        scheduled, due, responsible, state, record (-1: none), counted, window_end, explanation,
        follow_ups (a list of dicts per row)).
    counts: (cycle, subject, count) for ad-hoc and follow-up cycles.
    problems: (record index, message) for each record that could not count.
    """

    occurrences: dict
    counts: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    def __len__(self):
        return len(self.occurrences["cycle"])

    def to_frame(self):
        """The occurrences as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.occurrences)


def status(charter, records, from_, to, as_of, *, zone=None):
    """Where each occurrence of the charter's cycles in [from_, to) stands as of ``as_of``."""
    columns, counts, problems = _c._status(charter, _records(records), from_, to, as_of, zone=zone)
    return StatusReport(columns, counts, problems)


def status_frame(charter, records, from_, to, as_of, *, zone=None):
    """``status(...)``'s occurrences as a pandas DataFrame."""
    return status(charter, records, from_, to, as_of, zone=zone).to_frame()


def occurrences_frame(charter, from_, to, *, zone=None):
    """``occurrences(...)`` as a pandas DataFrame."""
    import pandas as pd

    return pd.DataFrame(occurrences(charter, from_, to, zone=zone))


__all__ = [
    "Cycle", "CycleError", "Evidence", "EvidenceKind", "FollowUp", "Period", "Recurrence", "RecurrenceKind",
    "Rectification",
    "Scope", "ScopeKind", "State", "StatusReport", "completion_stream", "completions_to_text", "occurrences",
    "occurrences_frame",
    "read_completions", "status", "status_frame", "write_completions",
]
