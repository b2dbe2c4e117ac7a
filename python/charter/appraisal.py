"""The 360-degree staff appraisal (360度考核, S3 §3(2)).

An ``AppraisalScheme`` weighs customer satisfaction, peer review and supervisor rating (weights
adding up to 1; 0.4 / 0.3 / 0.3 by default) into a score on 0–100 and grades it by thresholds
held as data (``default_grades()``: excellent 优秀 ≥ 90, good 良好 ≥ 80, pass 合格 ≥ 60,
fail 不合格 below). A component without data leaves the member not graded, or — with
``missing=MissingPolicy.reweight`` — graded on what is present and flagged ``partial``.

``appraise(scheme, scores)`` takes a DataFrame (or a list of dicts) with ``staff``, ``customer``,
``peer`` and ``supervisor`` columns on 0–100 (NaN or None: no data; a component with weight 0
needs no column) and returns ``AppraisalResult``\\ s; ``appraise_frame`` gives a DataFrame indexed
by staff. ``summarize(scheme, results)`` counts staff per grade for the monthly report.

A centre's scheme is the charter file's ``appraisal`` section: ``Charter.appraisal`` (``None``
when the charter states none). A scheme saves and loads on its own with ``charter.save`` /
``charter.load`` (every format), and pickles.

    >>> from charter import appraisal
    >>> scheme = appraisal.AppraisalScheme()
    >>> [r.grade for r in appraisal.appraise(scheme, [{"staff": "s001", "customer": 92, "peer": 88, "supervisor": 95}])]
    ['excellent']
"""

from . import _core
from ._cells import is_missing

_o = _core.org

AppraisalResult = _o.AppraisalResult
AppraisalScheme = _o.AppraisalScheme
AppraisalSummary = _o.AppraisalSummary
AppraisalWeights = _o.AppraisalWeights
Component = _o.Component
Grade = _o.Grade
GradeCount = _o.GradeCount
MissingPolicy = _o.MissingPolicy
default_grades = _o.default_grades
summarize = _o.summarize

_COMPONENTS = ("customer", "peer", "supervisor")


def _error(problems):
    exc = _core.AppraisalError("appraisal inputs:" + "".join(f"\n  {p}: {m}" for p, m in problems))
    exc.problems = list(problems)
    return exc


def _columns(scheme, scores, staff):
    import numpy as np

    needed = [c for c in _COMPONENTS if getattr(scheme.weights, c) > 0]
    try:
        import pandas as pd
        is_frame = isinstance(scores, pd.DataFrame)
    except ImportError:  # pragma: no cover
        is_frame = False
    if is_frame:
        missing = [c for c in [staff] + needed if c not in scores.columns]
        if missing:
            raise _error([(f"scores.{c}", "no such column" + (" (use NaN where there is no data)" if c != staff else ""))
                          for c in missing])
        ids = [str(s) for s in scores[staff].tolist()]
        arrays, problems = [], []
        for c in _COMPONENTS:
            if c not in scores.columns:
                arrays.append(np.full(len(ids), np.nan))
                continue
            try:
                arrays.append(scores[c].astype("float64").to_numpy())
            except (TypeError, ValueError) as e:
                problems.append((f"scores.{c}", f"scores are not numbers ({e})"))
        if problems:
            raise _error(problems)
        return ids, arrays
    rows = list(scores)
    ids, arrays, problems = [], [np.full(len(rows), np.nan) for _ in _COMPONENTS], []
    for i, row in enumerate(rows):
        if staff not in row:
            problems.append((f"inputs[{i}].{staff}", "missing"))
        ids.append(str(row.get(staff, "")))
        for j, c in enumerate(_COMPONENTS):
            value = row.get(c)
            if is_missing(value):
                continue
            try:
                arrays[j][i] = float(value)
            except (TypeError, ValueError):
                problems.append((f"inputs[{i}].{c}", f"{value!r} is not a number"))
    if problems:
        raise _error(problems)
    return ids, arrays


def appraise(scheme, scores, *, staff="staff"):
    """Appraises every row, in order: a list of ``AppraisalResult``. Raises charter.AppraisalError
    for a missing column, empty or repeated staff ids and scores outside 0–100."""
    ids, (customer, peer, supervisor) = _columns(scheme, scores, staff)
    return _o._appraise(scheme, ids, customer, peer, supervisor)


def appraise_frame(scheme, scores, *, staff="staff"):
    """``appraise`` as a DataFrame indexed by staff: customer, peer, supervisor, score (NaN when
    not graded), grade ('' when not graded), missing (';'-joined components) and partial."""
    import pandas as pd

    ids, (customer, peer, supervisor) = _columns(scheme, scores, staff)
    results = _o._appraise(scheme, ids, customer, peer, supervisor)
    frame = pd.DataFrame(_o._appraisal_columns(results))
    return frame.set_index("staff")


for _cls in (AppraisalResult, AppraisalScheme, AppraisalSummary, AppraisalWeights, Component, Grade, GradeCount,
             MissingPolicy):
    _cls.__module__ = "charter.appraisal"
del _cls

__all__ = ["AppraisalResult", "AppraisalScheme", "AppraisalSummary", "AppraisalWeights", "Component", "Grade",
           "GradeCount", "MissingPolicy", "appraise", "appraise_frame", "default_grades", "summarize"]
