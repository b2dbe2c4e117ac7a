"""charter.cycle from Python: the built-in cycles, occurrences and status as columns and frames,
every state, follow-ups, as-of replay, bad records, completion files and pickling."""

import pickle
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

import charter
from charter import cycle

RULEBOOK = charter.Charter.builtin()


def test_builtin_cycles_carry_their_rules():
    assert [c.id for c in RULEBOOK.cycles][:3] == ["R-11", "R-20", "R-20-spot"]
    r25 = RULEBOOK.cycle("R-25")
    assert r25.recurrence == cycle.Recurrence(cycle.RecurrenceKind.yearly, month=12)
    assert r25.evidence == [cycle.Evidence(cycle.EvidenceKind.count, "respondents", at_least=50,
                                           label=charter.LocalizedText("受访人数", "respondents"))]
    assert r25.due == charter.Deadline.parse("end of month")
    assert r25.owner == "deputy_leader"
    assert RULEBOOK.cycle("R-20").follow_ups[0] == cycle.FollowUp("R-21", charter.Deadline.parse("5 business days"))
    assert RULEBOOK.cycle("R-28").recurrence.text() == "at least 3 distinct 'unit' a year"
    with pytest.raises(charter.UnknownIdError, match="unknown cycle 'R-99'"):
        RULEBOOK.cycle("R-99")


def test_monthly_report_is_due_at_month_end_when_the_last_day_is_a_holiday():
    # 2025-05-31 (Saturday) is a Dragon Boat Festival holiday: the report is still due 23:59:59.
    o = cycle.occurrences(RULEBOOK, datetime(2025, 5, 1), datetime(2025, 6, 1))
    r23 = o["cycle"] == "R-23"
    assert r23.sum() == 1
    assert o["due"][r23][0] == np.datetime64("2025-05-31T23:59:59")
    assert o["period_start"][r23][0] == np.datetime64("2025-05-01")
    assert o["period_end"][r23][0] == np.datetime64("2025-06-01")
    r34 = o["cycle"] == "R-34"
    assert o["scheduled"][r34][0] == np.datetime64("2025-05-30")  # the last business day
    assert set(o) == {"cycle", "subject", "period_start", "period_end", "scheduled", "due", "responsible"}


def test_aware_range_gives_utc_and_frames_match_columns():
    aware = cycle.occurrences(RULEBOOK, datetime(2025, 4, 30, 16, tzinfo=timezone.utc),
                              datetime(2025, 5, 31, 16, tzinfo=timezone.utc))
    r23 = aware["cycle"] == "R-23"
    assert aware["due"][r23][0] == np.datetime64("2025-05-31T15:59:59")  # 23:59:59 +08:00
    frame = cycle.occurrences_frame(RULEBOOK, datetime(2025, 5, 1), datetime(2025, 6, 1))
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(cycle.occurrences(RULEBOOK, datetime(2025, 5, 1), datetime(2025, 6, 1))["cycle"])
    assert (frame["cycle"] == "R-20").sum() == len(RULEBOOK.organization.units)


def one(report, cycle_id, subject=""):
    o = report.occurrences
    rows = np.flatnonzero((o["cycle"] == cycle_id) & (o["subject"] == subject))
    assert len(rows) == 1, rows
    return {k: v[rows[0]] for k, v in o.items()}


def test_every_state_with_its_explanation():
    records = [
        {"cycle": "R-25", "at": datetime(2025, 12, 18, 15), "respondents": 42},
        {"cycle": "R-23", "at": datetime(2025, 12, 30, 17), "report": "QR-2025-12"},
        {"cycle": "R-20", "subject": "front_desk", "at": datetime(2025, 12, 10, 10)},
        {"cycle": "R-21", "subject": "front_desk", "at": datetime(2025, 12, 11, 10), "report": "IR-1"},
        {"cycle": "R-34", "at": "2026-01-05 10:00", "period": date(2025, 12, 31)},
    ]
    s = cycle.status(RULEBOOK, records, datetime(2025, 12, 1), datetime(2026, 1, 1), datetime(2026, 1, 6))
    assert one(s, "R-25")["state"] == "insufficient"
    assert one(s, "R-25")["explanation"] == "42 respondents; R-25 requires 50; due 2025-12-31 23:59:59"
    assert one(s, "R-23")["state"] == "done"
    assert one(s, "R-23")["record"] == 1
    assert one(s, "R-34")["state"] == "done_late"
    check = one(s, "R-20", "front_desk")
    assert check["state"] == "done"
    assert [f["cycle"] for f in check["follow_ups"]] == ["R-21", "R-22"]
    assert check["follow_ups"][0]["state"] == "done"
    assert check["follow_ups"][1]["state"] == "overdue"
    assert one(s, "R-20", "call_centre")["state"] == "overdue"
    # As of the end of January the window for December's checks has closed.
    later = cycle.status(RULEBOOK, records, datetime(2025, 12, 1), datetime(2026, 1, 1), datetime(2026, 2, 1))
    assert one(later, "R-20", "call_centre")["state"] == "missed"
    # Before the month ends, nothing is late yet.
    early = cycle.status(RULEBOOK, records, datetime(2025, 12, 1), datetime(2026, 1, 1), datetime(2025, 12, 2))
    assert one(early, "R-23")["state"] == "due"
    assert one(early, "R-25")["state"] == "due"  # the survey record is after as_of: ignored


def test_as_of_replay_is_deterministic_and_frames_match():
    records = pd.DataFrame([
        {"cycle": "R-29", "at": datetime(2025, 5, 6, 17), "report": "D-1"},
        {"cycle": "R-29", "at": datetime(2025, 5, 7, 20), "report": "D-2"},
    ])
    a = cycle.status(RULEBOOK, records, datetime(2025, 5, 6), datetime(2025, 5, 8), datetime(2025, 5, 7, 21))
    b = cycle.status(RULEBOOK, records, datetime(2025, 5, 6), datetime(2025, 5, 8), datetime(2025, 5, 7, 21))
    assert list(a.occurrences["explanation"]) == list(b.occurrences["explanation"])
    r29 = a.occurrences["cycle"] == "R-29"
    assert list(a.occurrences["state"][r29]) == ["done", "done_late"]
    frame = cycle.status_frame(RULEBOOK, records, datetime(2025, 5, 6), datetime(2025, 5, 8), datetime(2025, 5, 7, 21))
    assert list(frame[frame["cycle"] == "R-29"]["state"]) == ["done", "done_late"]


def test_bad_records_are_listed_and_ad_hoc_cycles_counted():
    records = [
        {"cycle": "R-99", "at": datetime(2025, 5, 6, 10)},
        {"cycle": "R-20", "subject": "warehouse", "at": datetime(2025, 5, 6, 10)},
        {"cycle": "R-23", "at": None},
        {"cycle": "R-20-spot", "subject": "front_desk", "at": datetime(2025, 5, 7, 10)},
        {"cycle": "R-20-spot", "subject": "front_desk", "at": datetime(2025, 5, 8, 10)},
    ]
    s = cycle.status(RULEBOOK, records, datetime(2025, 5, 1), datetime(2025, 6, 1), datetime(2025, 6, 2))
    assert s.problems == [
        (0, "unknown cycle 'R-99'"),
        (1, "cycle R-20 has no subject 'warehouse' (its scope: unit)"),
        (2, "at is not a real instant (not-a-date-time)"),
    ]
    assert s.counts == [("R-20-spot", "front_desk", 2)]
    with pytest.raises(ValueError, match="has no 'cycle'"):
        cycle.status(RULEBOOK, [{"at": datetime(2025, 5, 1)}], datetime(2025, 5, 1), datetime(2025, 6, 1),
                     datetime(2025, 6, 1))
    with pytest.raises(TypeError):
        cycle.status(RULEBOOK, {"cycle": "R-23"}, datetime(2025, 5, 1), datetime(2025, 6, 1), datetime(2025, 6, 1))
    with pytest.raises(charter.InvalidTimeError, match="is after to"):
        cycle.occurrences(RULEBOOK, datetime(2025, 6, 1), datetime(2025, 5, 1))


def test_completion_files_round_trip(tmp_path, cn):
    records = [
        {"cycle": "R-25", "at": datetime(2025, 12, 18, 15), "subject": "", "actor": "wang.fang", "id": "S-1",
         "respondents": "62"},
        {"cycle": "R-20", "at": datetime(2025, 12, 10, 10), "subject": "front_desk", "actor": "", "id": "",
         "report": "IR-1"},
    ]
    path = tmp_path / "done.jsonl"
    cycle.write_completions(path, records, cn)
    back, errors = cycle.read_completions(path, cn)
    assert errors == []
    assert back == records
    text = cycle.completions_to_text(records, "csv", cn)
    again, errors = cycle.read_completions(text + "R-23,not a time,,,,\n", cn, format="csv")
    assert again == records
    assert len(errors) == 1 and errors[0][0] == 4


def test_every_type_pickles():
    values = [RULEBOOK.cycle(c.id) for c in RULEBOOK.cycles]
    values += [RULEBOOK.cycle("R-25").recurrence, RULEBOOK.cycle("R-25").evidence[0],
               RULEBOOK.cycle("R-20").follow_ups[0], RULEBOOK.cycle("R-30").scope,
               cycle.State.overdue, cycle.Period.week, cycle.RecurrenceKind.at_least, cycle.EvidenceKind.document,
               cycle.ScopeKind.staff]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        for v in values:
            assert pickle.loads(pickle.dumps(v, protocol)) == v, (v, protocol)
    s = cycle.status(RULEBOOK, [], datetime(2025, 5, 1), datetime(2025, 6, 1), datetime(2025, 6, 2))
    back = pickle.loads(pickle.dumps(s))
    assert list(back.occurrences["state"]) == list(s.occurrences["state"])
    # A charter with cycles goes through charter.save/load.
    assert charter.from_bytes(charter.to_bytes(RULEBOOK)) == RULEBOOK


def test_charter_file_errors_reach_python():
    text = """charter: 1
calendars:
  office: {builtin: china, hours: ["09:00-18:30"], zone: Asia/Shanghai}
organization:
  roles: [{id: boss}]
cycles:
  check:
    calendar: office
    recurrence: {every: month}
"""
    with pytest.raises(charter.CharterFileError, match="no owner") as e:
        charter.Charter.parse(text, "c.yaml")
    assert e.value.path == "cycles.check"
    c = charter.Charter.parse(text.replace("recurrence", "owner: boss\n    recurrence"), "c.yaml")
    assert c.cycle("check").owner == "boss"
    assert c.cycles[0].recurrence.kind == cycle.RecurrenceKind.monthly


def test_the_top_level_names_the_cycle_block():
    assert issubclass(charter.CycleError, charter.Error)
    assert charter.CycleError is cycle.CycleError
    assert charter.CycleError.__module__ == "charter"
    assert {"cycle", "CycleError"} <= set(charter.__all__)
    for name in cycle.__all__:
        assert hasattr(cycle, name), name
    assert cycle.Cycle.__module__ == "charter.cycle" and cycle.State.__module__ == "charter.cycle"
    with pytest.raises(charter.CycleError, match="unknown cycle 'R-21'") as e:
        charter.Charter(calendars=RULEBOOK.calendars, organization=RULEBOOK.organization,
                        cycles=[RULEBOOK.cycle("R-20")])
    assert e.value.problems[0] == ("R-20: follow_ups[0].cycle", "unknown cycle 'R-21'")


def test_a_unit_set_up_mid_year_is_checked_from_then():
    unit = charter.org.Unit(id="web_shop", parent="cs_centre", since=date(2025, 6, 15))
    assert unit.since == date(2025, 6, 15)
    assert pickle.loads(pickle.dumps(unit)) == unit
    assert charter.org.Unit(id="x").since is None
    org = RULEBOOK.organization
    bigger = charter.org.Organization(units=list(org.units) + [unit], roles=org.roles, staff=org.staff,
                                      grants=org.grants)
    c = charter.Charter(calendars=RULEBOOK.calendars, organization=bigger,
                        cycles=[RULEBOOK.cycle(i) for i in ("R-20", "R-21", "R-22")])
    o = cycle.occurrences(c, datetime(2025, 1, 1), datetime(2026, 1, 1))
    shop = o["period_start"][o["subject"] == "web_shop"]
    assert list(shop) == [np.datetime64(f"2025-{m:02d}-01") for m in range(7, 13)]


def test_fields_may_also_be_given_one_level_down_as_in_event_dicts():
    flat = [{"cycle": "R-25", "at": datetime(2025, 12, 18, 15), "respondents": 42}]
    nested = [{"cycle": "R-25", "at": datetime(2025, 12, 18, 15), "fields": {"respondents": 42}}]
    rows = [one(cycle.status(RULEBOOK, r, datetime(2025, 12, 1), datetime(2026, 1, 1), datetime(2026, 1, 6)), "R-25")
            for r in (flat, nested)]
    assert rows[0]["explanation"] == rows[1]["explanation"] == "42 respondents; R-25 requires 50; due 2025-12-31 23:59:59"


def test_an_unreadable_instant_names_its_record():
    records = [{"cycle": "R-23", "at": "2025-12-30 17:00", "report": "QR-1"},
               {"cycle": "R-25", "at": "the 18th", "respondents": 60}]
    with pytest.raises(charter.ParseError, match=r"completion record 1: 'at': "):
        cycle.status(RULEBOOK, records, datetime(2025, 12, 1), datetime(2026, 1, 1), datetime(2026, 1, 6))


def test_completion_stream_generates_a_period_status_accepts():
    rulebook = charter.Charter.builtin()
    centre = rulebook.with_staff(charter.workflow.generated_roster(rulebook.organization, 1))
    records = charter.cycle.completion_stream(centre, datetime(2025, 1, 1), datetime(2026, 1, 1))
    assert len(records) > 500
    assert records == charter.cycle.completion_stream(centre, datetime(2025, 1, 1), datetime(2026, 1, 1))
    assert all(datetime(2025, 1, 1) <= r["at"] < datetime(2026, 1, 1) for r in records)
    assert [r["id"] for r in records[:2]] == ["REC-000001", "REC-000002"]
    s = charter.cycle.status(centre, records, datetime(2025, 1, 1), datetime(2026, 1, 1), datetime(2026, 1, 1))
    assert s.problems == []
    states = set(s.occurrences["state"])
    assert {"done", "done_late", "missed"} <= states
    perfect = charter.cycle.completion_stream(centre, datetime(2025, 11, 1), datetime(2025, 12, 1),
                                              late_per_mille=0, short_per_mille=0, skipped_per_mille=0)
    done = charter.cycle.status(centre, perfect, datetime(2025, 11, 1), datetime(2025, 12, 1), datetime(2025, 12, 1))
    # Everything falling due inside the range is done (a week that began in October was due on
    # 31 October, before the range: its record is not in it).
    inside = (np.datetime64("2025-11-01"), np.datetime64("2025-12-01"))
    due_by_then = [st for st, due in zip(done.occurrences["state"], done.occurrences["due"]) if inside[0] <= due <= inside[1]]
    assert due_by_then and set(due_by_then) == {"done"}
    with pytest.raises(ValueError, match="per mille"):
        charter.cycle.completion_stream(centre, datetime(2025, 1, 1), datetime(2026, 1, 1), late_per_mille=2000)
