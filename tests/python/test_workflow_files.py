"""Workflows on disk from Python: journaled trackers, event files and generated complaint streams.

The built-in charter's complaint workflow counts on the "hotline" calendar: 24/7 in
Asia/Shanghai, so naive datetimes are Shanghai wall time (UTC+8, no daylight saving). A
JournaledTracker syncs every accepted event to its journal before it counts; a refused event
writes nothing; a torn tail (the last record cut short by a crash) is cut off on reopening.
"""

import copy
import os
import pickle
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import charter
from charter.workflow import (
    Event,
    IngestReport,
    JournaledTracker,
    JournalRecovery,
    Tracker,
    complaint_stream,
    events_to_text,
    generated_roster,
    read_events,
    write_events,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
SUP = "after_sales_supervisor.1"
FRI_17 = datetime(2025, 9, 26, 17, 0)  # Friday 2025-09-26 17:00, Shanghai wall time
AS_OF = datetime(2025, 10, 9, 12, 0)   # after National Day: the 24-hour reply goal is long past


@pytest.fixture(scope="module")
def rulebook():
    """The built-in charter with a generated roster of three staff per role ("<role>.1" ...)."""
    base = charter.Charter.builtin()
    return base.with_staff(generated_roster(base.organization, 3))


@pytest.fixture(scope="module")
def complaint(rulebook):
    return rulebook.workflow("complaint")


@pytest.fixture(scope="module")
def hotline(complaint):
    """The complaint workflow's calendar: its zone reads naive datetimes."""
    return complaint.calendar


def receive(case_id, at=FRI_17, severity="normal"):
    """Reception by any employee (不得推诿: complaint.accept is granted to all)."""
    return Event(case_id, at, "receive", "archive_staff.1", {"severity": severity, "channel": "phone"})


def acknowledge(case_id, at=FRI_17 + timedelta(hours=1)):
    return Event(case_id, at, "acknowledge", SUP)


# ---- JournaledTracker: every accepted event on disk before it counts -----------------------------

def test_events_applied_are_there_after_reopening(complaint, tmp_path):
    path = tmp_path / "complaints.chjl"  # an os.PathLike
    with JournaledTracker.open(complaint, path) as j:
        j.apply(receive("C-1"))
        j.apply(acknowledge("C-1"))
        # An event dict with the JSON Lines keys; `at` may be event-file text.
        j.apply({"case": "C-2", "at": "2025-09-26 18:00", "event": "receive", "actor": "archive_staff.1",
                 "fields": {"severity": "major", "channel": "hotline"}})
        before = (j.events(), j.status("C-1", AS_OF), j.status("C-2", AS_OF), j.breaches(AS_OF))
        assert j.recovery == JournalRecovery(records=0, dropped_bytes=0)  # a new journal
        assert j.path == str(path)
        assert j.definition == complaint
    assert j.closed

    with JournaledTracker.open(complaint, str(path)) as again:
        assert again.recovery == JournalRecovery(records=3, dropped_bytes=0)
        assert (again.events(), again.status("C-1", AS_OF), again.status("C-2", AS_OF),
                again.breaches(AS_OF)) == before
        assert again.case_ids() == ["C-1", "C-2"]
        assert len(again) == 2 and again.event_count == 3
        assert "C-2" in again and "C-3" not in again
        assert again.get("C-1").state == "acknowledged"


def test_it_answers_every_query_as_a_tracker_fed_the_same_events(complaint, tmp_path):
    events = [receive("C-1"), acknowledge("C-1"), receive("C-2", severity="major")]
    plain = Tracker(complaint)
    plain.ingest(events)
    with JournaledTracker.open(complaint, tmp_path / "j.chjl") as j:
        assert j.ingest(events) == IngestReport(accepted=3, rejected=[])
        assert j.events() == plain.events()
        assert j.breaches(AS_OF) == plain.breaches(AS_OF)
        assert j.at_risk(FRI_17 + timedelta(hours=20)) == plain.at_risk(FRI_17 + timedelta(hours=20))
        assert str(j.explain("C-2", "reply", AS_OF)) == str(plain.explain("C-2", "reply", AS_OF))
        ours, theirs = j.status(AS_OF), plain.status(AS_OF)
        assert ours.keys() == theirs.keys()
        for name in ours:
            assert [str(v) for v in ours[name]] == [str(v) for v in theirs[name]], name
        frame = j.status_frame(AS_OF)
        assert list(frame.index) == ["C-1", "C-2"]
        # tracker() is a plain Tracker: a copy, picklable, not journaled.
        copied = j.tracker()
        assert isinstance(copied, Tracker) and copied.events() == plain.events()
        assert pickle.loads(pickle.dumps(copied)).events() == plain.events()


def test_a_refused_event_leaves_no_record(complaint, tmp_path):
    path = tmp_path / "complaints.chjl"
    with JournaledTracker.open(complaint, path) as j:
        j.apply(receive("C-1"))
        size = os.path.getsize(path)
        # Closing a complaint that was only received skips the five steps: no row allows it.
        with pytest.raises(charter.RejectedEventError) as refused:
            j.apply(Event("C-1", FRI_17 + timedelta(hours=1), "close", SUP))
        assert refused.value.rule == "transition"
        assert os.path.getsize(path) == size
        assert j.event_count == 1
    with JournaledTracker.open(complaint, path) as again:
        assert [e.name for e in again.events()] == ["receive"]


def test_ingest_reports_refusals_and_journals_only_what_it_accepted(complaint, tmp_path):
    path = tmp_path / "complaints.chjl"
    with JournaledTracker.open(complaint, path) as j:
        report = j.ingest([
            receive("C-1"),
            Event("C-1", FRI_17 + timedelta(minutes=30), "close", SUP),  # refused: no such row
            {"case": "C-2", "at": "not a time", "event": "receive", "actor": "archive_staff.1"},
            acknowledge("C-1"),
        ])
        assert report.accepted == 2
        assert [(r.line, r.rule) for r in report.rejected] == [(2, "transition"), (3, "format")]
    with JournaledTracker.open(complaint, path) as again:
        assert [(e.case_id, e.name) for e in again.events()] == [("C-1", "receive"), ("C-1", "acknowledge")]


def test_a_torn_tail_is_cut_off_and_the_earlier_events_kept(complaint, tmp_path):
    path = tmp_path / "complaints.chjl"
    with JournaledTracker.open(complaint, path) as j:
        j.apply(receive("C-1"))
        j.apply(acknowledge("C-1"))
        j.apply(receive("C-2"))
    # A crash in the middle of writing the last record: its last bytes never reached the disk.
    with open(path, "r+b") as f:
        f.truncate(os.path.getsize(path) - 5)
    with JournaledTracker.open(complaint, path) as again:
        assert again.recovery.records == 2
        assert again.recovery.dropped_bytes > 0
        assert [(e.case_id, e.name) for e in again.events()] == [("C-1", "receive"), ("C-1", "acknowledge")]
        again.apply(receive("C-2"))  # the journal goes on from the cut
    with JournaledTracker.open(complaint, path) as third:
        assert third.recovery == JournalRecovery(records=3, dropped_bytes=0)


def test_a_journal_has_one_writer_at_a_time(complaint, tmp_path):
    path = tmp_path / "complaints.chjl"
    first = JournaledTracker.open(complaint, path)
    with pytest.raises(charter.FileError, match="in use"):
        JournaledTracker.open(complaint, path)
    first.close()  # releases the lock
    with JournaledTracker.open(complaint, path) as second:
        assert len(second) == 0


@pytest.mark.parametrize("call", [
    lambda j: len(j),
    lambda j: "C-1" in j,
    lambda j: j.apply(receive("C-2")),
    lambda j: j.ingest([]),
    lambda j: j.events(),
    lambda j: j.case_ids(),
    lambda j: j.get("C-1"),
    lambda j: j.event_count,
    lambda j: j.status(AS_OF),
    lambda j: j.status("C-1", AS_OF),
    lambda j: j.breaches(AS_OF),
    lambda j: j.at_risk(AS_OF),
    lambda j: j.explain("C-1", "reply", AS_OF),
    lambda j: j.recovery,
    lambda j: j.path,
    lambda j: j.definition,
    lambda j: j.tracker(),
    lambda j: j.__enter__(),
])
def test_after_close_every_call_raises(complaint, tmp_path, call):
    j = JournaledTracker.open(complaint, tmp_path / "j.chjl")
    j.apply(receive("C-1"))
    j.close()
    j.close()  # closing twice does nothing
    with pytest.raises(ValueError, match="closed"):
        call(j)
    assert "closed" in repr(j)


def test_leaving_a_with_block_closes_even_on_an_error(complaint, tmp_path):
    path = tmp_path / "j.chjl"
    with pytest.raises(charter.RejectedEventError):
        with JournaledTracker.open(complaint, path) as j:
            j.apply(receive("C-1"))
            j.apply(receive("C-1"))  # a second intake of the same case is refused
    assert j.closed
    with JournaledTracker.open(complaint, path) as again:  # the lock was released
        assert again.event_count == 1


def test_a_journaled_tracker_cannot_be_pickled_or_copied(complaint, tmp_path):
    with JournaledTracker.open(complaint, tmp_path / "j.chjl") as j:
        with pytest.raises(TypeError, match="owns the lock of its journal"):
            pickle.dumps(j)
        with pytest.raises(TypeError, match="owns the lock"):
            copy.deepcopy(j)
        with pytest.raises(TypeError, match="JournaledTracker.open"):
            JournaledTracker()


def test_naive_and_aware_instants_name_the_same_event(complaint, tmp_path):
    path = tmp_path / "j.chjl"
    with JournaledTracker.open(complaint, path) as j:
        # 09:00 UTC is 17:00 in Shanghai.
        j.apply(Event("C-1", datetime(2025, 9, 26, 9, 0, tzinfo=timezone.utc), "receive", "archive_staff.1",
                      {"severity": "normal", "channel": "phone"}))
    with JournaledTracker.open(complaint, path) as again:
        assert again.events()[0].at == FRI_17  # naive local wall time of the hotline's zone
        assert again.status("C-1", datetime(2025, 9, 26, 18, 0, tzinfo=SHANGHAI)).opened == \
            datetime(2025, 9, 26, 17, 0, tzinfo=SHANGHAI)


def test_a_journaled_tracker_may_be_shared_between_threads(complaint, tmp_path):
    errors = []
    with JournaledTracker.open(complaint, tmp_path / "j.chjl") as j:
        def feed(k):
            try:
                for i in range(15):
                    j.apply(receive(f"T{k}-{i}"))
                    j.status(AS_OF)
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=feed, args=(k,)) for k in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(j) == 45 and j.event_count == 45


# ---- generated complaint streams ---------------------------------------------------------------

NOV_1 = datetime(2025, 11, 1)  # Shanghai wall time


def test_a_generated_roster_gives_every_role_its_staff():
    org = charter.Charter.builtin().organization
    roster = generated_roster(org, 2)
    assert all(isinstance(s, charter.org.Staff) for s in roster)
    first = org.roles[0].id
    assert [s.id for s in roster][:2] == [f"{first}.1", f"{first}.2"]
    assert {s.roles[0] for s in roster} == {r.id for r in org.roles}


def test_a_complaint_stream_is_the_same_for_the_same_arguments(rulebook):
    one = complaint_stream(rulebook, 40, start=NOV_1, seed=7)
    assert one == complaint_stream(rulebook, 40, start=NOV_1, seed=7)
    assert one != complaint_stream(rulebook, 40, start=NOV_1, seed=8)
    # An aware start names the same instant: the same stream.
    assert one == complaint_stream(rulebook, 40, start=NOV_1.replace(tzinfo=SHANGHAI), seed=7)


def test_every_generated_event_is_accepted_by_a_tracker(rulebook, complaint):
    events = complaint_stream(rulebook, 200, start=NOV_1, span=timedelta(days=10))
    tracker = Tracker(complaint)
    assert tracker.ingest(events) == IngestReport(accepted=len(events), rejected=[])
    assert len(tracker) == 200
    # Events come back naive local wall time, sorted by instant, intakes within [start, start + span).
    assert all(e.at.tzinfo is None for e in events)
    assert [e.at for e in events] == sorted(e.at for e in events)
    intakes = [e.at for e in events if e.name == "receive"]
    assert min(intakes) >= NOV_1 and max(intakes) < NOV_1 + timedelta(days=10)
    assert {e.case_id[:2] for e in events} == {"C-"}


def test_a_stream_may_be_cut_short_and_renamed(rulebook):
    events = complaint_stream(rulebook, 10, start=NOV_1, max_events_per_complaint=2, id_prefix="Z-")
    per_case = {}
    for e in events:
        per_case[e.case_id] = per_case.get(e.case_id, 0) + 1
    assert len(per_case) == 10 and max(per_case.values()) <= 2
    assert all(c.startswith("Z-") for c in per_case)


def test_a_stream_needs_a_start_and_staff(rulebook):
    with pytest.raises(TypeError, match="needs start"):
        complaint_stream(rulebook, 5)
    with pytest.raises(charter.UnknownIdError):
        complaint_stream(charter.Charter.builtin(), 5, start=NOV_1)  # the built-in charter has no staff
    with pytest.raises(charter.UnknownIdError):
        complaint_stream(rulebook, 5, start=NOV_1, workflow="no_such_workflow")


def test_a_generated_stream_journals_and_replays(rulebook, complaint, tmp_path):
    events = complaint_stream(rulebook, 8, start=NOV_1, seed=3)
    with JournaledTracker.open(complaint, tmp_path / "stream.chjl") as j:
        assert j.ingest(events).accepted == len(events)
    with JournaledTracker.open(complaint, tmp_path / "stream.chjl") as again:
        assert sorted(again.events(), key=lambda e: (e.at, e.case_id)) == \
            sorted(events, key=lambda e: (e.at, e.case_id))


# ---- event files -------------------------------------------------------------------------------

# Chinese text, commas, quotes and line breaks in fields: CSV quotes them, JSON escapes them.
AWKWARD = [
    Event("投诉-1", FRI_17, "receive", "archive_staff.1",
          {"severity": "major", "channel": "phone", "note": '客户说："尺码不对, 要换货"\n第二行 "引号"'}),
    Event("投诉-1", FRI_17 + timedelta(minutes=5, microseconds=250), "acknowledge", SUP,
          {"severity": "major", "channel": "phone", "note": "已致电,\r\n承诺 24 小时内回复"}),
    Event("C-2", datetime(2025, 10, 1, 9, 0), "receive", "张三", {"severity": "normal", "channel": "网上", "note": ","}),
]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_events_round_trip_through_text(hotline, fmt):
    text = events_to_text(AWKWARD, fmt, hotline)
    assert "+08:00" in text  # `at` is written with its UTC offset
    assert read_events(text, hotline, fmt) == (AWKWARD, [])
    assert read_events(text.encode("utf-8"), hotline, fmt) == (AWKWARD, [])


@pytest.mark.parametrize("name", ["events.csv", "events.jsonl", "events.ndjson"])
def test_events_round_trip_through_a_file(hotline, tmp_path, name):
    path = tmp_path / name
    path.write_text("old contents")
    write_events(path, AWKWARD, hotline)  # replaces the file atomically, its format by extension
    assert read_events(path, hotline) == (AWKWARD, [])
    assert read_events(str(path), hotline) == (AWKWARD, [])


def test_event_dicts_and_aware_instants_are_written_too(hotline):
    text = events_to_text([{"case": "C-1", "at": datetime(2025, 9, 26, 9, 0, tzinfo=timezone.utc),
                            "event": "receive", "actor": "archive_staff.1"}], "jsonl", hotline)
    assert '"2025-09-26T17:00:00+08:00"' in text
    events, errors = read_events(text, hotline, "jsonl")
    assert events[0].at == FRI_17 and errors == []  # read back naive, Shanghai wall time


def test_a_bad_line_is_reported_with_its_line_and_column(hotline):
    text = ("case,at,event,actor,note\n"
            'C-1,2025-09-26 17:00,receive,a.1,"两行\n的备注"\n'  # one record over lines 2-3
            "C-2,2025-13-01 09:00,receive,a.1,x\n"             # line 4: month 13
            "C-3,2025-09-26 17:00,receive,a.1,x\n")
    events, errors = read_events(text, hotline, "csv")
    assert [e.case_id for e in events] == ["C-1", "C-3"]  # nothing after the bad line is lost
    [(line, column, message)] = errors
    assert (line, column) == (4, 10)  # the month, "13", at character 10 of line 4
    assert "column 'at'" in message and "month 13" in message

    jsonl = ('{"case": "投诉-1", "at": "2025-09-26 17:00", "event": "receive", "actor": "a"}\n'
             '{"case": "投诉-2", "at": "2025-09-32 17:00", "event": "receive", "actor": "a"}\n')
    events, errors = read_events(jsonl, hotline, "jsonl")
    assert [e.case_id for e in events] == ["投诉-1"]
    [(line, column, message)] = errors
    assert (line, column) == (2, 33)  # the day, "32": character 33 (投诉 count as two, not six bytes)
    assert "key 'at'" in message and "day 32" in message


def test_text_needs_its_format_and_a_path_its_extension(hotline, tmp_path):
    with pytest.raises(ValueError, match="format"):
        read_events("case,at,event,actor\n", hotline)  # a str without format is a path
    with pytest.raises(ValueError, match="format"):
        read_events(b"case,at,event,actor\n", hotline)
    with pytest.raises(ValueError, match="unknown event format"):
        read_events("case,at,event,actor\n", hotline, "xml")
    odd = tmp_path / "events.txt"
    odd.write_text("case,at,event,actor\nC-1,2025-09-26 17:00,receive,a.1\n", encoding="utf-8")
    with pytest.raises(charter.ParseError, match="unknown extension"):
        read_events(odd, hotline)
    assert len(read_events(odd, hotline, "csv")[0]) == 1  # format overrides the extension
    with pytest.raises(charter.FileError):
        read_events(tmp_path / "missing.csv", hotline)
    with pytest.raises(charter.ParseError, match="unknown extension"):
        write_events(tmp_path / "out.txt", AWKWARD, hotline)


def test_a_malformed_header_is_an_error_for_the_whole_text(hotline):
    with pytest.raises(charter.ParseError, match="actor"):
        read_events("case,at,event\nC-1,2025-09-26 17:00,receive\n", hotline, "csv")


def test_the_writer_refuses_what_it_could_not_read_back(hotline):
    with pytest.raises(charter.SerializationError, match="actor is empty"):
        events_to_text([Event("C-1", FRI_17, "receive", "")], "jsonl", hotline)
    # CSV has no way to say "an empty value" apart from "no such field".
    with pytest.raises(charter.SerializationError):
        events_to_text([Event("C-1", FRI_17, "receive", "a.1", {"note": ""})], "csv", hotline)


def test_the_workflow_module_lists_the_new_names():
    import charter.workflow as w

    for name in ("JournaledTracker", "JournalRecovery", "complaint_stream", "generated_roster",
                 "read_events", "write_events", "events_to_text"):
        assert name in w.__all__ and hasattr(w, name)
    assert charter.JournaledTracker is JournaledTracker
    assert "JournaledTracker" in charter.__all__
    assert JournaledTracker.__module__ == "charter.workflow"
