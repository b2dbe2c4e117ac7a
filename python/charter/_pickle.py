"""Reconstructors named by the __reduce__ of charter's compiled types.

They live in a Python module because pickle finds functions by module and name, and pybind11's
compiled functions cannot be pickled by reference.
"""

from . import _core


def calendar_from_state(version, data):
    return _core._calendar_from_state(version, data)


def deadline_from_state(version, text):
    return _core._deadline_from_state(version, text)


def from_state(version, data):
    """Rebuilds a Charter or Organization from its envelope bytes (layout version 1)."""
    if version != 1:
        raise _core.UnsupportedVersionError(f"pickled state has layout version {version}; this build reads 1")
    return _core.from_bytes(data)


def construct(cls, kwargs):
    """Rebuilds a value type (Role, Duty, Staff, ...) through its keyword constructor."""
    return cls(**kwargs)


def definition_from_state(version, data, id):
    """Rebuilds a workflow Definition from a charter holding it (its calendars, organisation)."""
    if version != 1:
        raise _core.UnsupportedVersionError(f"pickled Definition has layout version {version}; this build reads 1")
    return _core.from_bytes(data).workflow(id)


def case_from_state(version, definition, id, events):
    """Rebuilds a Case by replaying its log (instants in UTC, exact)."""
    if version != 1:
        raise _core.UnsupportedVersionError(f"pickled Case has layout version {version}; this build reads 1")
    return _core.workflow.Case(definition, id, events)


def tracker_from_state(version, definition, events):
    """Rebuilds a Tracker by ingesting its events; a refusal means the state is damaged."""
    if version != 1:
        raise _core.UnsupportedVersionError(f"pickled Tracker has layout version {version}; this build reads 1")
    tracker = _core.workflow.Tracker(definition)
    report = tracker.ingest(events)
    if report.rejected:
        raise _core.CorruptFileError(f"pickled Tracker does not replay: {report.rejected[0].message}")
    return tracker


def standard_from_state(version, data, id):
    """Rebuilds a service Standard from the smallest charter holding it (its calendar, its owner)."""
    if version != 1:
        raise _core.UnsupportedVersionError(f"pickled Standard has layout version {version}; this build reads 1")
    return _core.from_bytes(data).standard(id)


def findings_from_state(version, data, zone, aware):
    """Rebuilds standard Findings from their archive bytes and the zone they are shown in."""
    return _core.standard._findings_from_state(version, data, zone, aware)


def cycle_from_state(version, calendar_id, calendar, organization, spec):
    """Rebuilds a Cycle from its calendar, organisation and spec (archive bytes), validating it again."""
    return _core.cycle._cycle_from_state(version, calendar_id, calendar, organization, spec)
