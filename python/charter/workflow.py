"""Workflows: definitions as readable tables, events, cases and trackers (the workflow block).

A ``Definition`` is one kind of case (complaint, rectification notice) taken from a charter:
``charter.Charter.builtin().workflow("complaint")``. Its transition table is data
(``transitions``, ``transition_table()`` for pandas, ``mermaid()`` to draw it). A ``Case`` is an
id and an append-only log of ``Event``\\ s; everything else (state, timers, checklists,
escalations) is derived from the log as of an instant. A ``Tracker`` holds every case of one
workflow and answers for all of them at once, as numpy columns or a pandas DataFrame.

Datetimes: an ``Event`` keeps ``at`` as given; when it is applied, a naive datetime is local
wall time of the definition's default calendar zone (``Definition.calendar``) and an aware one
is converted. Events coming back (``Case.events()``, ``Tracker.events()``) are naive local wall
time of that zone. Results asked "as of" an instant follow its form: naive in, naive local out;
aware in, aware out in the same tzinfo. Numpy columns are local wall time for a naive ``as_of``
and UTC for an aware one.

A refused event raises ``charter.RejectedEventError`` whose ``rule`` names what refused
("order", "duplicate", "event", "transition", "field", "requires", "when", "checklist",
"actor", "case"); the case is unchanged. ``Tracker.ingest*`` report refusals instead.

A ``JournaledTracker`` is a Tracker whose every accepted event is synced to an append-only
journal before it counts; reopening after a crash gives back every acknowledged event. Event
files (CSV, JSON Lines) are read with ``read_events`` and written with ``write_events`` /
``events_to_text``; ``complaint_stream`` and ``generated_roster`` make realistic test streams.

Rectification notices (整改通知单, R-16) the charter raises by itself: ``cycle_notices`` for
occurrences of cycles with a ``rectification`` entry that are overdue, missed, short of evidence
or done late (from completion records, as ``charter.cycle.status`` reads them), and
``standard_notices`` for units whose compliance with a standard fell below its entry's line over
a period that has ended. Each ``Notice`` holds a deterministic case id, the unit, the problem, the
deadline and the event dicts that open it in the ``rectification`` workflow: feed
``events_of(notices)`` to a ``Tracker``, which refuses a notice it already holds.

    >>> import charter
    >>> from datetime import datetime
    >>> complaint = charter.Charter.builtin().workflow("complaint")
    >>> [row.event for row in complaint.transitions][:3]
    ['receive', 'acknowledge', 'investigate']
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from . import _core

_w = _core.workflow

AtRisk = _w.AtRisk
Attribute = _w.Attribute
Breach = _w.Breach
Case = _w.Case
CaseStatus = _w.CaseStatus
Checklist = _w.Checklist
ChecklistItem = _w.ChecklistItem
ChecklistItemStatus = _w.ChecklistItemStatus
ChecklistStatus = _w.ChecklistStatus
Definition = _w.Definition
EscalationSpec = _w.EscalationSpec
Event = _w.Event
FieldSpec = _w.FieldSpec
IngestReport = _w.IngestReport
JournalRecovery = _w.JournalRecovery
JournaledTracker = _w.JournaledTracker
RaisedEscalation = _w.RaisedEscalation
Rejection = _w.Rejection
State = _w.State
TimerExplanation = _w.TimerExplanation
TimerPhase = _w.TimerPhase
TimerSpec = _w.TimerSpec
TimerStatus = _w.TimerStatus
Tracker = _w.Tracker
Transition = _w.Transition
mermaid = _w.mermaid
complaint_stream = _w.complaint_stream
generated_roster = _w.generated_roster
read_events = _w.read_events
write_events = _w.write_events
events_to_text = _w.events_to_text

_cycle_notices = _w._cycle_notices
_standard_notices = _w._standard_notices
notice_workflow_problems = _w.notice_workflow_problems

DefinitionError = _core.DefinitionError
RejectedEventError = _core.RejectedEventError

for _cls in (Attribute, Case, Checklist, ChecklistItem, Definition, EscalationSpec, Event, FieldSpec,
             JournaledTracker, State, TimerPhase, TimerSpec, Tracker, Transition):
    _cls.__module__ = "charter.workflow"
del _cls, _w



@dataclass(frozen=True)
class Notice:
    """A rectification notice to raise (workflow/notices.hpp).

    case_id: deterministic, e.g. "RN-R-32-key_account_staff.1-2025-05" or
        "RN-R-10-front_desk-2025-05-rate"; the same inputs always give the same id.
    source: "cycle" or "standard"; rule: the cycle (follow-up cycle) or standard id.
    subject: the occurrence's subject (for a standard, the unit); unit: the unit to rectify.
    period_start, period_end: the occurrence's or judged period, as dates [start, end).
    deadline: when the written feedback is due (naive local wall time for a naive as_of).
    severity: "" when the entry names none. problem: the text of the notice, with the rule id.
    reason: which entry raised it. events: event dicts that open the case (the ``issue`` event).
    """

    case_id: str
    source: str
    rule: str
    subject: str
    unit: str
    period_start: date
    period_end: date
    deadline: datetime
    severity: str
    problem: str
    reason: str
    events: list = field(default_factory=list)


def _records(records):
    if hasattr(records, "to_dict") and hasattr(records, "columns"):
        return records.to_dict("records")
    return records


def cycle_notices(charter, records, from_, to, as_of, issuer, *, workflow="rectification", zone=None):
    """Notices for the occurrences in [from_, to) that ``charter.cycle.status`` finds, as of
    ``as_of``, in a state their cycle's rectification entry lists; issued at ``as_of`` by the staff
    member ``issuer`` (who must be allowed ``rectification.issue``: ValueError otherwise). With
    ``issuer=""`` they are listed without events (nothing to feed a tracker)."""
    return [Notice(**d) for d in _cycle_notices(charter, _records(records), from_, to, as_of, issuer,
                                                workflow=workflow, zone=zone)]


def standard_notices(charter, findings, from_, to, as_of, issuer, *, workflow="rectification", zone=None):
    """Notices for units whose compliance rate with a standard that has a rectification entry is
    below its line over a period overlapping [from_, to) that ended by ``as_of``."""
    return [Notice(**d) for d in _standard_notices(charter, findings, from_, to, as_of, issuer,
                                                   workflow=workflow, zone=zone)]


def events_of(notices):
    """Every notice's event dicts, notice by notice: what ``Tracker.ingest`` takes."""
    return [e for n in notices for e in n.events]


__all__ = [
    "AtRisk",
    "Attribute",
    "Breach",
    "Case",
    "CaseStatus",
    "Checklist",
    "ChecklistItem",
    "ChecklistItemStatus",
    "ChecklistStatus",
    "Definition",
    "DefinitionError",
    "EscalationSpec",
    "Event",
    "FieldSpec",
    "IngestReport",
    "JournalRecovery",
    "JournaledTracker",
    "RaisedEscalation",
    "RejectedEventError",
    "Rejection",
    "State",
    "TimerExplanation",
    "TimerPhase",
    "TimerSpec",
    "TimerStatus",
    "Tracker",
    "Transition",
    "complaint_stream",
    "events_to_text",
    "generated_roster",
    "mermaid",
    "Notice",
    "cycle_notices",
    "standard_notices",
    "events_of",
    "notice_workflow_problems",
    "read_events",
    "write_events",
]
