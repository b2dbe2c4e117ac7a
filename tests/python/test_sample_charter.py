"""The sample charter file a new user starts from (examples/centre.yaml) works end to end: every
section it shows loads, and what the docs promise of each holds on it."""

from datetime import datetime
from pathlib import Path

import charter
from charter import cycle, standard, survey, workflow

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "centre.yaml"
NOVEMBER, DECEMBER = datetime(2025, 11, 1), datetime(2025, 12, 1)
AS_OF = datetime(2025, 12, 2, 9)  # Tuesday


def centre():
    return charter.Charter.load(str(SAMPLE))


def call(n, rings, apology=""):
    # Monday 3 November 2025, one call a minute from 10:00.
    return {"kind": "call", "at": datetime(2025, 11, 3, 10, n), "id": f"CALL-{n}", "staff": "s-0002",
            "unit": "calls", "rings": str(rings), "apology": apology}


def test_every_section_of_the_sample_loads():
    c = centre()
    assert c.name.en == "Example service centre"
    assert sorted(c.calendars) == ["hotline", "office"]
    assert sorted(c.workflows) == ["complaint", "rectification"]
    assert [s.id for s in c.standards] == ["R-01", "R-02"]
    assert [y.id for y in c.cycles] == ["monthly_check", "R-23"]
    assert [s.id for s in c.surveys] == ["annual_satisfaction"]
    assert c.appraisal is not None


def test_a_call_answered_after_six_rings_without_an_apology_breaks_both_standards():
    found = standard.evaluate(centre(), [call(0, 6, "no")])
    assert [found.explanation(i) for i in range(len(found))] == [
        "CALL-0 R-01 not met: rings before answering 6, at most 2 allowed (owner cs_manager)",
        "CALL-0 R-02 not met: apology is yes does not hold: 'apology' is 'no' (owner cs_manager)",
    ]


def test_a_month_of_slow_answers_raises_a_rectification_notice_to_the_call_centre():
    # 20 calls (the sample's min_checked), 15 of them after three rings: 5 in 20 (25 %) meet R-01,
    # below the sample's 90 %.
    c = centre()
    found = standard.evaluate(c, [call(n, 3 if n < 15 else 1) for n in range(20)])
    raised = workflow.standard_notices(c, found, NOVEMBER, DECEMBER, AS_OF, "s-0001")
    assert [(n.case_id, n.unit, n.rule) for n in raised] == [("RN-R-01-calls-2025-11-rate", "calls", "R-01")]
    # Five business days of the office from Tuesday 2 December: 3, 4, 5, 8, 9 — closing 18:30.
    assert raised[0].deadline == datetime(2025, 12, 9, 18, 30)
    tracker = workflow.Tracker(c.workflow("rectification"))
    assert tracker.ingest(workflow.events_of(raised)).accepted == 1
    assert tracker.status("RN-R-01-calls-2025-11-rate", AS_OF).state == "issued"


def test_the_monthly_check_left_undone_is_overdue_and_raises_a_notice():
    c = centre()
    plan = cycle.occurrences_frame(c, NOVEMBER, DECEMBER)
    assert list(zip(plan["cycle"], plan["subject"])) == [("monthly_check", "calls"), ("R-23", "")]
    assert list(plan["due"]) == [datetime(2025, 11, 30, 23, 59, 59)] * 2
    raised = workflow.cycle_notices(c, [], NOVEMBER, DECEMBER, AS_OF, "s-0001")
    assert [(n.case_id, n.unit) for n in raised] == [("RN-monthly_check-calls-2025-11", "calls")]
    assert "overdue" in raised[0].problem
    # Done in time (20 calls checked), nothing is raised.
    done = [{"cycle": "monthly_check", "subject": "calls", "at": datetime(2025, 11, 28, 16), "calls_checked": 20}]
    assert workflow.cycle_notices(c, done, NOVEMBER, DECEMBER, AS_OF, "s-0001") == []


def test_the_survey_samples_fifty_by_tier_and_the_appraisal_weighs_as_written():
    c = centre()
    plan = survey.sample_plan(50, c.survey("annual_satisfaction"))
    assert dict(zip(plan.index, plan["size"])) == {"key_accounts": 20, "retail": 30}
    scheme = c.appraisal
    assert (scheme.weights.customer, scheme.weights.peer, scheme.weights.supervisor) == (0.4, 0.3, 0.3)
    assert [(g.id, g.at_least) for g in scheme.grades] == [("excellent", 90), ("good", 80), ("pass", 60), ("fail", 0)]
