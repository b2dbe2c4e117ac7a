"""Observations on disk from Python: observation files and generated observation streams.

The built-in "office" calendar is in Asia/Shanghai (UTC+8, no daylight saving): an `at` without
an offset is Shanghai wall time, and observations read come back naive in that zone, as events
read from event files do. A bad line is reported with its line and column and reading goes on.
"""

from datetime import datetime, timedelta, timezone

import pytest

import charter
from charter.standard import (
    Observation,
    evaluate,
    observation_stream,
    observations_to_text,
    read_observations,
    write_observations,
)

THU_10 = datetime(2025, 10, 9, 10, 0)  # Thursday 2025-10-09 10:00, Shanghai wall time


@pytest.fixture(scope="module")
def rulebook():
    return charter.Charter.builtin()


@pytest.fixture(scope="module")
def office(rulebook):
    return rulebook.calendar("office")


CALLS_CSV = (
    "kind,at,id,staff,unit,channel,rings,transcript\n"
    "call,2025-10-09 10:00,CALL-1,li.na,call_centre,phone,1,您好，请讲。\n"
    'call,2025-10-09 10:05,CALL-2,li.na,call_centre,phone,4,"喂，干什么？\n不归我们管"\n'  # lines 3-4
    "call,2025-10-09 25:00,CALL-3,li.na,call_centre,phone,2,您好\n"                       # line 5: hour 25
    "call,2025-10-09 10:20,CALL-4,li.na,call_centre,phone,2,您好\n"
)

AWKWARD = [
    Observation("call", THU_10, id="CALL-1", staff="li.na", unit="call_centre", channel="phone",
                fields={"rings": 4, "transcript": "喂，干什么？", "note": "a, \"quoted\"\nnote"}),
    Observation("visit", datetime(2025, 10, 9, 17, 40), id="VISIT-1", staff="王芳", unit="front_desk",
                fields={"greeted_after_seconds": 12.5}),
    Observation("order", datetime(2025, 10, 9, 23, 59, 59, 500000)),
]


def test_a_call_log_with_a_chinese_transcript_is_read_and_a_bad_line_reported(office):
    observations, errors = read_observations(CALLS_CSV, office, "csv")
    assert [o.id for o in observations] == ["CALL-1", "CALL-2", "CALL-4"]  # nothing after the bad line is lost
    assert observations[1] == Observation("call", datetime(2025, 10, 9, 10, 5), id="CALL-2", staff="li.na",
                                          unit="call_centre", channel="phone",
                                          fields={"rings": "4", "transcript": "喂，干什么？\n不归我们管"})
    [(line, column, message)] = errors
    assert (line, column) == (5, 17)  # the hour, "25", at character 17 of line 5
    assert "column 'at'" in message and "hour 25" in message

    jsonl = ('{"kind": "通话", "at": "2025-10-09 10:00", "staff": "李娜"}\n'
             '{"kind": "通话", "at": "2025-10-32 10:00"}\n'
             '{"at": "2025-10-09 10:00"}\n')
    observations, errors = read_observations(jsonl, office, "jsonl")
    assert [(o.kind, o.staff) for o in observations] == [("通话", "李娜")]
    assert [(line, column) for line, column, _ in errors] == [(2, 31), (3, 26)]  # "32" is character 31: 通话 count as two, not six bytes
    assert "day 32" in errors[0][2] and "missing key 'kind'" in errors[1][2]


def test_observations_read_are_evaluated_like_the_originals(rulebook, office):
    observations, _ = read_observations(CALLS_CSV, office, "csv")
    found = evaluate(rulebook, observations)
    assert found.explanation(next(i for i, f in enumerate(found) if f.standard == "R-01" and f.observation == 1)) \
        .startswith("CALL-2 R-01 not met")
    phrases = [f for f in found if f.observation == 1 and f.outcome == charter.standard.Outcome.not_met
               and "喂" in f.explanation]
    assert phrases  # the forbidden phrase across the line break is found


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_observations_round_trip_through_text(office, fmt):
    text = observations_to_text(AWKWARD, fmt, office)
    assert "+08:00" in text  # `at` is written with its UTC offset
    back = [Observation(o.kind, o.at, id=o.id, staff=o.staff, unit=o.unit, channel=o.channel,
                        fields=o.fields) for o in AWKWARD]
    assert read_observations(text, office, fmt) == (back, [])
    assert read_observations(text.encode("utf-8"), office, fmt) == (back, [])


@pytest.mark.parametrize("name", ["calls.csv", "calls.jsonl", "calls.ndjson"])
def test_observations_round_trip_through_a_file(office, tmp_path, name):
    path = tmp_path / name
    path.write_text("old contents")
    write_observations(path, AWKWARD, office)  # replaces the file atomically, its format by extension
    assert read_observations(path, office) == (AWKWARD, [])
    assert read_observations(str(path), office) == (AWKWARD, [])


def test_observation_dicts_and_aware_instants_are_written_too(office):
    text = observations_to_text([{"kind": "call", "at": datetime(2025, 10, 9, 2, 0, tzinfo=timezone.utc),
                                  "rings": 3, "apology": True}], "jsonl", office)
    assert '"2025-10-09T10:00:00+08:00"' in text and '"apology": "yes"' in text
    observations, errors = read_observations(text, office, "jsonl")
    assert observations[0].at == THU_10 and errors == []  # read back naive, Shanghai wall time


def test_a_data_frame_is_written_as_evaluate_reads_it(office):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"kind": ["call", "call"], "at": [THU_10, THU_10 + timedelta(minutes=5)],
                          "staff": ["li.na", "wang.fang"], "rings": [1, 6]})
    observations, errors = read_observations(observations_to_text(frame, "csv", office), office, "csv")
    assert errors == [] and [(o.staff, o.field("rings")) for o in observations] == [("li.na", "1"), ("wang.fang", "6")]


def test_text_needs_its_format_and_a_path_its_extension(office, tmp_path):
    with pytest.raises(ValueError, match="format"):
        read_observations("kind,at\n", office)  # a str without format is a path
    with pytest.raises(ValueError, match="format"):
        read_observations(b"kind,at\n", office)
    with pytest.raises(ValueError, match="unknown observation format"):
        read_observations("kind,at\n", office, "xml")
    with pytest.raises(TypeError, match="path_or_text"):
        read_observations(42, office)
    odd = tmp_path / "calls.txt"
    odd.write_text("kind,at\ncall,2025-10-09 10:00\n", encoding="utf-8")
    with pytest.raises(charter.ParseError, match="unknown extension"):
        read_observations(odd, office)
    assert len(read_observations(odd, office, "csv")[0]) == 1  # format overrides the extension
    with pytest.raises(charter.FileError):
        read_observations(tmp_path / "missing.csv", office)
    with pytest.raises(charter.ParseError, match="unknown extension"):
        write_observations(tmp_path / "out.txt", AWKWARD, office)


def test_a_header_without_at_is_an_error_for_the_whole_text(office):
    with pytest.raises(charter.ParseError, match="no column 'at'"):
        read_observations("kind,id\ncall,CALL-1\n", office, "csv")


def test_the_writer_refuses_what_it_could_not_read_back(office):
    with pytest.raises(charter.SerializationError, match="'at' is not a real instant"):
        observations_to_text([Observation("call", None)], "jsonl", office)
    with pytest.raises(charter.SerializationError, match="field 'staff'"):
        observations_to_text([Observation("call", THU_10, fields={"staff": "li.na"})], "csv", office)


# ---- generated observations --------------------------------------------------------------------


def test_an_observation_stream_is_the_same_for_the_same_arguments(rulebook):
    one = observation_stream(rulebook, 500, start=THU_10, seed=7)
    assert one == observation_stream(rulebook, 500, start=THU_10, seed=7)
    assert one != observation_stream(rulebook, 500, start=THU_10, seed=8)
    assert len(one) == 500 and [o.id for o in one[:2]] == ["OBS-000001", "OBS-000002"]
    instants = [o.at for o in one]
    assert instants == sorted(instants)
    assert THU_10 <= instants[0] and instants[-1] < THU_10 + timedelta(hours=24)  # naive Shanghai wall time


def test_a_stream_may_start_aware_span_longer_and_be_renamed(rulebook):
    aware = observation_stream(rulebook, 50, start=datetime(2025, 10, 9, 2, 0, tzinfo=timezone.utc),
                               span=timedelta(days=3), id_prefix="OBS-CC-")
    assert aware == observation_stream(rulebook, 50, start=THU_10, span=timedelta(days=3), id_prefix="OBS-CC-")
    assert all(o.id.startswith("OBS-CC-") for o in aware)
    assert aware[-1].at < THU_10 + timedelta(days=3)


def test_a_stream_needs_a_start_and_a_span_that_is_not_negative(rulebook):
    with pytest.raises(TypeError, match="start"):
        observation_stream(rulebook, 10)
    with pytest.raises(ValueError):
        observation_stream(rulebook, 10, start=THU_10, span=timedelta(hours=-1))


def test_twenty_thousand_generated_observations_meet_and_break_every_built_in_standard(rulebook):
    stream = observation_stream(rulebook, 20_000, start=THU_10, span=timedelta(days=7))
    table = evaluate(rulebook, stream).compliance()
    assert set(table["standard"]) == {s.id for s in rulebook.standards}
    for standard, met, not_met in zip(table["standard"], table["met"], table["not_met"]):
        assert met > 0 and not_met > 0, standard


def test_a_generated_stream_round_trips_through_a_file(rulebook, office, tmp_path):
    stream = observation_stream(rulebook, 300, start=THU_10)
    write_observations(tmp_path / "day.jsonl", stream, office)
    assert read_observations(tmp_path / "day.jsonl", office) == (stream, [])


def test_the_standard_module_lists_the_new_names():
    import charter.standard as s

    for name in ("read_observations", "write_observations", "observations_to_text", "observation_stream"):
        assert name in s.__all__ and hasattr(s, name)
