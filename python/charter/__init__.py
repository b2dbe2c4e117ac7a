"""charter — a customer-service centre's rulebook, executable.

Business calendars and deadline rules, the organisation (roles, duties, permissions) and the
charter file that holds them, workflows (charter.workflow: cases, trackers, timers) and
measurable service standards (charter.standard: evaluate observations into findings), recurring
cycles (charter.cycle: inspections, reports and surveys as occurrences and their status), surveys
(charter.survey: sample plans, weighted satisfaction), the 360-degree appraisal
(charter.appraisal) and report documents rendered to Markdown and HTML (charter.report);
the monthly report follows. Naive datetimes are wall time in a calendar's zone and come back
naive; aware datetimes are converted and come back aware.

    >>> import charter
    >>> from datetime import datetime
    >>> cn = charter.calendars.china()
    >>> charter.Deadline.parse("24 business hours").due(datetime(2025, 9, 30, 17, 30), cn)
    datetime.datetime(2025, 10, 11, 13, 0)
"""

from . import _core
from . import calendars
from . import cycle
from . import org
from . import report
from . import standard
from . import survey
from . import appraisal
from . import workflow
from .standard import Findings, Observation, PhraseMatcher, Standard, evaluate
from .workflow import Case, Definition, Event, JournaledTracker, Tracker
from ._core import (
    BusinessCalendar,
    CalendarError,
    CalendarRangeError,
    Charter,
    CharterFileError,
    CorruptFileError,
    CycleError,
    Deadline,
    DeadlineExplanation,
    DeadlineKind,
    DefinitionError,
    Error,
    FileError,
    InvalidTimeError,
    LocalizedText,
    NonexistentTimeError,
    OrganizationError,
    ParseError,
    RejectedEventError,
    ReportError,
    SerializationError,
    StandardError,
    SurveyError,
    AppraisalError,
    UnknownIdError,
    UnsupportedVersionError,
    from_bytes,
    load,
    save,
    to_bytes,
)

__version__ = "0.1.0"

# Errors and the explanation are defined in the compiled core; show them under `charter`.
for _cls in (Error, CalendarError, CalendarRangeError, NonexistentTimeError, InvalidTimeError,
             ParseError, SerializationError, CorruptFileError, UnsupportedVersionError,
             FileError, DeadlineExplanation, CharterFileError, OrganizationError, UnknownIdError,
             Charter, LocalizedText, DefinitionError, RejectedEventError, StandardError, ReportError,
             SurveyError, AppraisalError, CycleError):
    _cls.__module__ = "charter"
del _cls

__all__ = [
    "AppraisalError",
    "BusinessCalendar",
    "CalendarError",
    "CalendarRangeError",
    "Case",
    "Charter",
    "CharterFileError",
    "CorruptFileError",
    "CycleError",
    "Deadline",
    "DeadlineExplanation",
    "DeadlineKind",
    "Definition",
    "DefinitionError",
    "Error",
    "Event",
    "FileError",
    "Findings",
    "InvalidTimeError",
    "JournaledTracker",
    "LocalizedText",
    "NonexistentTimeError",
    "Observation",
    "OrganizationError",
    "ParseError",
    "PhraseMatcher",
    "RejectedEventError",
    "ReportError",
    "SerializationError",
    "Standard",
    "StandardError",
    "SurveyError",
    "Tracker",
    "UnknownIdError",
    "UnsupportedVersionError",
    "calendars",
    "cycle",
    "evaluate",
    "from_bytes",
    "load",
    "org",
    "report",
    "save",
    "standard",
    "to_bytes",
    "workflow",
    "survey",
    "appraisal",
]
