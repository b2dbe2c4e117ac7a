"""Customer-satisfaction surveys: design, stratified sample plans and weighted satisfaction.

A ``SurveyDesign`` holds the questionnaire items (``Dimension``; ``common_dimensions()`` gives
the four of R-26: timeliness 及时性, convenience 便捷性, technical quality 技术性, value for money
性价比), the answer scale (``ScoreScale``: 1–5, satisfied at 4 or above, by default) and the
customer tiers of R-27 (``Tier``: weight in the estimate, share of the sample, minimum, population).

``sample_plan(total, tiers)`` gives the respondents to draw per tier, summing to exactly
``total`` (largest-remainder rounding after the minimums and populations; ties to the larger
quota, then to the earlier tier), as a DataFrame indexed by tier. ``tiers`` is a design, a dict
``{tier: share}`` or ``{tier: {"share": .., "minimum": .., "population": ..}}``, a list of
``Tier``, or a DataFrame with a ``share`` column (and optionally ``minimum``, ``population``) and
the tier ids in a ``tier`` column or the index.

``satisfaction(design, responses)`` post-stratifies: per tier averages combined with the tier
weights, per item and overall, with a 95 % interval (stratified-variance normal interval for the
mean score, Wilson interval on Kish's effective sample size for the share satisfied; see
docs/surveys.md). ``responses`` is a DataFrame (or a list of dicts) with a ``tier`` column and one
column per dimension id; NaN or None marks an item left unanswered, other columns are ignored.
The result's ``to_frame()`` and ``tiers_frame()`` give DataFrames.

A charter's designs are the charter file's ``surveys`` section: ``Charter.survey(id)`` and
``Charter.surveys`` (the built-in charter's ``R-25``). A design saves and loads on its own with
``charter.save`` / ``charter.load`` (every format), and pickles.

    >>> from charter import survey
    >>> design = survey.SurveyDesign("annual", survey.common_dimensions(), [
    ...     survey.Tier("key", weight=3, share=0.5, minimum=10), survey.Tier("retail", share=0.5, minimum=10)])
    >>> survey.sample_plan(50, {"key": 0.5, "business": 0.3, "retail": 0.2})["size"].tolist()
    [25, 15, 10]
"""

from . import _core
from ._cells import is_missing

_s = _core.survey

Dimension = _s.Dimension
Estimate = _s.Estimate
SampleAllocation = _s.SampleAllocation
SatisfactionResult = _s.SatisfactionResult
ScoreScale = _s.ScoreScale
SurveyDesign = _s.SurveyDesign
Tier = _s.Tier
TierCount = _s.TierCount
common_dimensions = _s.common_dimensions
normal_quantile = _s.normal_quantile
wilson_interval = _s.wilson_interval

for _cls in (Dimension, Estimate, SampleAllocation, SatisfactionResult, ScoreScale, SurveyDesign, Tier, TierCount):
    _cls.__module__ = "charter.survey"
del _cls


def _error(problems):
    """A charter.SurveyError carrying its problems, as the C++ side raises it."""
    exc = _core.SurveyError("survey input:" + "".join(f"\n  {p}: {m}" for p, m in problems))
    exc.problems = list(problems)
    return exc


def _is_frame(obj):
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency of the frame forms only
        return False
    return isinstance(obj, pd.DataFrame)


def _tier_rows(tiers):
    """(id, share, minimum, population) for every accepted form of `tiers`."""
    if isinstance(tiers, SurveyDesign):
        return [(t.id, t.share, t.minimum, t.population) for t in tiers.tiers]
    if _is_frame(tiers):
        frame = tiers.reset_index() if "tier" not in tiers.columns else tiers
        if "tier" not in frame.columns:
            frame = frame.rename(columns={frame.columns[0]: "tier"})
        if "share" not in frame.columns:
            raise _error([("tiers", "the DataFrame needs a 'share' column")])
        rows = []
        for rec in frame.to_dict("records"):
            minimum = rec.get("minimum", 0)
            population = rec.get("population")
            rows.append((str(rec["tier"]), float(rec["share"]), 0 if is_missing(minimum) else int(minimum),
                         None if is_missing(population) else int(population)))
        return rows
    if isinstance(tiers, dict):
        rows = []
        for key, value in tiers.items():
            if isinstance(value, dict):
                unknown = set(value) - {"share", "minimum", "population"}
                if unknown:
                    raise _error([(f"tiers[{key!r}]", f"unknown keys {sorted(unknown)} (expected share, minimum, population)")])
                population = value.get("population")
                rows.append((str(key), float(value.get("share", 1.0)), int(value.get("minimum", 0)),
                             None if is_missing(population) else int(population)))
            elif isinstance(value, Tier):
                rows.append((str(key), value.share, value.minimum, value.population))
            else:
                rows.append((str(key), float(value), 0, None))
        return rows
    rows = []
    for t in tiers:
        if not isinstance(t, Tier):
            raise TypeError(f"sample_plan: expected Tier items, got {type(t).__name__}")
        rows.append((t.id, t.share, t.minimum, t.population))
    return rows


def sample_allocations(total, tiers):
    """The sample plan as a list of ``SampleAllocation`` (see ``sample_plan`` for ``tiers``)."""
    if isinstance(tiers, SurveyDesign):
        return _s._sample_plan_design(int(total), tiers)
    rows = _tier_rows(tiers)
    return _s._sample_plan(int(total), [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                           [r[3] for r in rows])


def sample_plan(total, tiers):
    """Respondents per tier summing to exactly ``total``: a DataFrame indexed by tier with
    ``quota`` (exact, after the bounds), ``size``, ``at_minimum`` and ``at_population``."""
    import pandas as pd

    plan = sample_allocations(total, tiers)
    frame = pd.DataFrame({
        "tier": [a.tier for a in plan],
        "quota": [a.quota for a in plan],
        "size": [a.size for a in plan],
        "at_minimum": [a.at_minimum for a in plan],
        "at_population": [a.at_population for a in plan],
    })
    return frame.set_index("tier")


def satisfaction(design, responses, confidence=0.95, *, tier="tier"):
    """Weighted satisfaction per dimension and overall (a ``SatisfactionResult``).

    ``responses``: a DataFrame or a list of dicts with the ``tier`` column (another name with
    ``tier=``) and a column per dimension id of the design; NaN or None is an unanswered item.
    Raises charter.SurveyError naming a missing column, unreadable scores, unknown tiers and
    scores off the scale (by respondent position).
    """
    import numpy as np

    dims = [d.id for d in design.dimensions]
    if _is_frame(responses):
        columns = set(responses.columns)
        missing = [c for c in [tier] + dims if c not in columns]
        if missing:
            raise _error([(f"responses.{c}", "no such column" + (" (use NaN where nobody answered)" if c != tier else ""))
                          for c in missing])
        import pandas as pd

        codes, labels = pd.factorize(responses[tier])
        labels = [str(t) for t in labels]
        problems = []
        arrays = []
        for d in dims:
            try:
                arrays.append(responses[d].astype("float64").to_numpy())
            except (TypeError, ValueError) as e:
                problems.append((f"responses.{d}", f"scores are not numbers ({e})"))
        if problems:
            raise _error(problems)
        scores = np.column_stack(arrays) if arrays else np.empty((len(codes), 0))
        return _s._satisfaction_codes(design, codes.astype("int64"), labels,
                                      np.ascontiguousarray(scores, dtype="float64"), confidence)
    else:
        rows = list(responses)
        tiers, scores = [], np.full((len(rows), len(dims)), np.nan)
        problems = []
        for i, row in enumerate(rows):
            if tier not in row:
                problems.append((f"responses[{i}].{tier}", "missing"))
                tiers.append("")
                continue
            tiers.append(str(row[tier]))
            for j, d in enumerate(dims):
                value = row.get(d)
                if is_missing(value):
                    continue
                try:
                    scores[i, j] = float(value)
                except (TypeError, ValueError):
                    problems.append((f"responses[{i}].{d}", f"{value!r} is not a number"))
        if problems:
            raise _error(problems)
    return _s._satisfaction(design, tiers, np.ascontiguousarray(scores, dtype="float64"), confidence)


__all__ = ["Dimension", "Estimate", "SampleAllocation", "SatisfactionResult", "ScoreScale", "SurveyDesign", "Tier",
           "TierCount", "common_dimensions", "normal_quantile", "sample_allocations", "sample_plan", "satisfaction",
           "wilson_interval"]
