"""Service standards: measurable rules checked against observations of real service (the standard block).

A ``Standard`` is one rule of a charter as data — "answer after two rings" (R-01), "no forbidden
phrase", "two people sign when the customer is absent" — with its owner and what it applies to:
``charter.Charter.builtin().standard("R-01")``. Its ``rule`` is one of eight kinds (``Threshold``,
``DeadlineRule``, ``Obligation``, ``RequiredFields``, ``Phrases``, ``DistinctSigners``,
``Precondition``, ``Eligibility``), each read-only and comparable.

``evaluate(charter, observations)`` checks observations — a list of dicts or ``Observation``\\ s,
or a pandas DataFrame with the same columns — against every standard that covers them and
returns ``Findings``: one row per (observation, standard), met, not met, not applicable or
invalid, with a one-line explanation. ``Findings.columns()`` gives numpy arrays,
``Findings.to_frame()`` a pandas DataFrame, ``findings[i]`` a ``Finding``.

Aggregates: ``Findings.compliance(by, period)`` counts the findings by standard, owner, staff,
unit or channel and by local day, week or month — met, not met, not applicable, invalid and the
rate met / (met + not met) — as numpy columns; ``Findings.worst(...)`` gives the lowest rates
and ``Findings.trend(by, before=..., after=...)`` the change between two ranges of instants;
each has a ``..._frame`` form giving a pandas DataFrame.

Observation files (CSV, JSON Lines) are read with ``read_observations`` and written with
``write_observations`` / ``observations_to_text``, as event files are; ``observation_stream``
makes a realistic, deterministic stream of observations for the built-in standards.

An observation dict has ``kind`` (what was observed: "call", "visit", "order", ...), ``at``
(when), optionally ``id``, ``staff``, ``unit`` and ``channel``; every other key is a field. Field
values become text: None, NaN, NaT and "" are not given, True is "yes", 4.0 is "4", datetimes are
written as wall-clock text ("2025-10-09 17:40:00") or with their offset.

Datetimes: a naive ``at`` is local wall time of ``zone`` (a calendar of the charter or a
``BusinessCalendar``; by default the charter's "office" calendar, else its only one); an aware
one is converted. Findings give instants back as local wall time of that zone, or in UTC when
every instant given was aware (``utc=`` chooses).

``PhraseMatcher`` finds forbidden phrases whatever their punctuation, width or spacing; its hits
carry character offsets (``text[hit.start:hit.end]``) and byte offsets.

    >>> import charter
    >>> from datetime import datetime
    >>> rulebook = charter.Charter.builtin()
    >>> found = charter.evaluate(rulebook, [
    ...     {"kind": "call", "at": datetime(2025, 10, 9, 10, 0), "id": "CALL-2", "rings": 4}])
    >>> found.explanation(0)
    'CALL-2 R-01 not met: rings before answering 4, at most 2 allowed (owner cs_manager)'
    >>> [h.text for h in charter.PhraseMatcher(["喂,干什么"]).find_all("您好，喂，干什么？")]
    ['喂，干什么']
"""

from . import _core

_s = _core.standard

Condition = _s.Condition
DeadlineChoice = _s.DeadlineChoice
DeadlineRule = _s.DeadlineRule
DistinctSigners = _s.DistinctSigners
Eligibility = _s.Eligibility
Exclusion = _s.Exclusion
Finding = _s.Finding
Findings = _s.Findings
Obligation = _s.Obligation
Observation = _s.Observation
Outcome = _s.Outcome
PhraseHit = _s.PhraseHit
PhraseMatcher = _s.PhraseMatcher
Phrases = _s.Phrases
Precondition = _s.Precondition
Quantity = _s.Quantity
Rectification = _s.Rectification
RequiredFields = _s.RequiredFields
Standard = _s.Standard
Threshold = _s.Threshold
evaluate = _s.evaluate
fold_phrase_text = _s.fold_phrase_text
observation_stream = _s.observation_stream
observations_to_text = _s.observations_to_text
read_observations = _s.read_observations
write_observations = _s.write_observations

StandardError = _core.StandardError

for _cls in (Condition, DeadlineChoice, DeadlineRule, DistinctSigners, Eligibility, Exclusion, Findings,
             Obligation, Observation, Outcome, PhraseMatcher, Phrases, Precondition, Quantity,
             Rectification, RequiredFields, Standard, Threshold):
    _cls.__module__ = "charter.standard"
del _cls, _s

__all__ = [
    "Condition",
    "DeadlineChoice",
    "DeadlineRule",
    "DistinctSigners",
    "Eligibility",
    "Exclusion",
    "Finding",
    "Findings",
    "Obligation",
    "Observation",
    "Outcome",
    "PhraseHit",
    "PhraseMatcher",
    "Phrases",
    "Precondition",
    "Quantity",
    "Rectification",
    "RequiredFields",
    "Standard",
    "StandardError",
    "Threshold",
    "evaluate",
    "fold_phrase_text",
    "observation_stream",
    "observations_to_text",
    "read_observations",
    "write_observations",
]
