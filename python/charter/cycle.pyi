"""Type stubs for charter.cycle."""

import os
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from ._core import BusinessCalendar, Charter, Deadline, LocalizedText
from ._core import CycleError as CycleError

# A completion record: "cycle", "at" (a datetime or date-time text; naive is local wall time of
# the zone), optional "subject", "actor", "id"; every other key is a field ("respondents",
# "report", "unit", "period": a date inside the period the record completes).
RecordDict = Mapping[str, Any]
# A pandas.DataFrame whose columns are the dict keys (pandas has no stubs here).
DataFrame = Any
Zone = Union[None, str, BusinessCalendar]
Columns = dict[str, npt.NDArray[Any]]
LineError = Tuple[int, int, str]

class Period(Enum):
    day = 0
    week = 1
    month = 2
    year = 3

class RecurrenceKind(Enum):
    business_day = 0
    weekly = 1
    monthly = 2
    yearly = 3
    at_least = 4
    ad_hoc = 5
    follow_up = 6

class EvidenceKind(Enum):
    count = 0
    distinct = 1
    document = 2

class ScopeKind(Enum):
    centre = 0
    unit = 1
    role = 2
    staff = 3

class State(Enum):
    done = 0
    done_late = 1
    insufficient = 2
    due = 3
    overdue = 4
    missed = 5

class Recurrence:
    def __init__(self, kind: RecurrenceKind, *, weekday: int = 1, day: int = 0, last_business_day: bool = False,
                 month: int = 0, count: int = 1, per: Period = Period.year, distinct: str = "") -> None: ...
    kind: RecurrenceKind
    weekday: int
    day: int
    last_business_day: bool
    month: int
    count: int
    per: Period
    distinct: str
    @property
    def period(self) -> Period: ...
    def text(self) -> str: ...

class Evidence:
    def __init__(self, kind: EvidenceKind, field: str, *, at_least: int = 1, label: LocalizedText = ...) -> None: ...
    kind: EvidenceKind
    field: str
    at_least: int
    label: LocalizedText

class FollowUp:
    def __init__(self, cycle: str, within: Deadline) -> None: ...
    cycle: str
    within: Deadline

class Rectification:
    def __init__(self, on: Sequence[State], deadline: Deadline, *, severity: str = "", unit: str = "") -> None: ...
    on: list[State]
    deadline: Deadline
    severity: str
    unit: str

class Scope:
    def __init__(self, kind: ScopeKind, *, ids: Sequence[str] = ..., under: str = "") -> None: ...
    kind: ScopeKind
    ids: list[str]
    under: str

class Cycle:
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> LocalizedText: ...
    @property
    def source(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def calendar(self) -> str: ...
    @property
    def recurrence(self) -> Recurrence: ...
    @property
    def due(self) -> Optional[Deadline]: ...
    @property
    def scope(self) -> Scope: ...
    @property
    def evidence(self) -> list[Evidence]: ...
    @property
    def follow_ups(self) -> list[FollowUp]: ...
    @property
    def since(self) -> Optional[date]: ...
    @property
    def rectification(self) -> Optional[Rectification]: ...

class StatusReport:
    occurrences: Columns
    counts: list[Tuple[str, str, int]]
    problems: list[Tuple[int, str]]
    def __init__(self, occurrences: Columns, counts: list = ..., problems: list = ...) -> None: ...
    def __len__(self) -> int: ...
    def to_frame(self) -> DataFrame: ...

def occurrences(charter: Charter, from_: datetime, to: datetime, *, zone: Zone = None) -> Columns: ...
def completion_stream(charter: Charter, from_: datetime, to: datetime, *, seed: int = ..., late_per_mille: int = ...,
                      short_per_mille: int = ..., skipped_per_mille: int = ..., spot_checks_per_month: int = ...,
                      id_prefix: str = ..., zone: Zone = None) -> list[dict[str, Any]]: ...
def occurrences_frame(charter: Charter, from_: datetime, to: datetime, *, zone: Zone = None) -> DataFrame: ...
def status(charter: Charter, records: Union[Sequence[RecordDict], DataFrame], from_: datetime, to: datetime,
           as_of: datetime, *, zone: Zone = None) -> StatusReport: ...
def status_frame(charter: Charter, records: Union[Sequence[RecordDict], DataFrame], from_: datetime, to: datetime,
                 as_of: datetime, *, zone: Zone = None) -> DataFrame: ...
def read_completions(path_or_text: Union[str, bytes, os.PathLike[str]], calendar: BusinessCalendar,
                     format: Optional[Literal["csv", "jsonl", "ndjson"]] = None) -> Tuple[list[dict], list[LineError]]: ...
def write_completions(path: Union[str, os.PathLike[str]], records: Union[Sequence[RecordDict], DataFrame],
                      calendar: BusinessCalendar) -> None: ...
def completions_to_text(records: Union[Sequence[RecordDict], DataFrame], format: Literal["csv", "jsonl", "ndjson"],
                        calendar: BusinessCalendar) -> str: ...
