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

    >>> import charter
    >>> from datetime import datetime
    >>> complaint = charter.Charter.builtin().workflow("complaint")
    >>> [row.event for row in complaint.transitions][:3]
    ['receive', 'acknowledge', 'investigate']
"""

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

DefinitionError = _core.DefinitionError
RejectedEventError = _core.RejectedEventError

for _cls in (Attribute, Case, Checklist, ChecklistItem, Definition, EscalationSpec, Event, FieldSpec,
             JournaledTracker, State, TimerPhase, TimerSpec, Tracker, Transition):
    _cls.__module__ = "charter.workflow"
del _cls, _w

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
    "read_events",
    "write_events",
]
