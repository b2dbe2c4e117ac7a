"""Saving and loading from Python: files, bytes, pickle, and damaged input."""

import os
import pickle
from datetime import date, datetime, timedelta

import pytest

import charter

FORMATS = ["binary", "text", "xml"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_calendar_round_trips_through_a_file(tmp_path, lunch, fmt):
    path = tmp_path / f"lunch.{fmt}"
    charter.save(lunch, path, format=fmt)
    loaded = charter.load(path)
    assert isinstance(loaded, charter.BusinessCalendar)
    assert loaded == lunch
    assert loaded.add(datetime(2025, 6, 16, 11), timedelta(hours=2)) == datetime(2025, 6, 16, 14, 30)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.parametrize("fmt", FORMATS)
def test_deadline_round_trips_through_bytes(fmt):
    d = charter.Deadline("end of next business day")
    assert charter.from_bytes(charter.to_bytes(d, fmt)) == d


def test_china_calendar_pickles(cn):
    copy = pickle.loads(pickle.dumps(cn))
    assert copy == cn and copy.name == cn.name
    assert copy.holidays[date(2025, 10, 1)].startswith("National Day")


def test_every_truncation_and_bit_flip_is_a_clear_error():
    data = charter.to_bytes(charter.Deadline("24 business hours"), "text")
    for n in range(len(data)):
        with pytest.raises(charter.SerializationError):
            charter.from_bytes(data[:n])
    for i in range(len(data)):
        for bit in range(8):
            damaged = bytearray(data)
            damaged[i] ^= 1 << bit
            with pytest.raises((charter.CorruptFileError, charter.UnsupportedVersionError)):
                charter.from_bytes(bytes(damaged))


def test_foreign_and_empty_files(tmp_path):
    foreign = tmp_path / "foreign.bin"
    foreign.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(charter.CorruptFileError, match="not a charter archive"):
        charter.load(foreign)
    empty = tmp_path / "empty.bin"
    empty.write_bytes(b"")
    with pytest.raises(charter.CorruptFileError, match="too short"):
        charter.load(empty)
    with pytest.raises(charter.FileError, match="missing"):
        charter.load(tmp_path / "missing.bin")


def test_bad_pickle_state_is_rejected(cn):
    rebuild, (version, data) = cn.__reduce__()
    with pytest.raises(charter.CorruptFileError, match="truncated"):
        rebuild(version, data[:-5])
    with pytest.raises(charter.UnsupportedVersionError):
        charter._core._calendar_from_state(99, b"")
    with pytest.raises(charter.CorruptFileError):
        charter._core._calendar_from_state(1, b"CHRT" + bytes(40))


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_every_pickle_protocol_works(cn, protocol):
    assert pickle.loads(pickle.dumps(cn, protocol)) == cn
    d = charter.Deadline("2 business days")
    assert pickle.loads(pickle.dumps(d, protocol)) == d


def test_save_refuses_unsupported_objects_and_formats(tmp_path, cn):
    with pytest.raises(TypeError):
        charter.save({"not": "a calendar"}, tmp_path / "x")
    with pytest.raises(ValueError, match="format"):
        charter.save(cn, tmp_path / "x", format="json")
    with pytest.raises(charter.FileError, match="no-such-dir"):
        charter.save(cn, tmp_path / "no-such-dir" / "cal.bin")
    assert not os.listdir(tmp_path)


# ---- charters with standards (charter payload version 3) ----------------------------------------

# A charter file with one standard; BOUND is replaced to make charters that differ in it alone.
WITH_A_STANDARD = """\
charter: 1
organization:
  roles: [{id: cs_manager, duties: [{id: d, covers: [{standard: R-01, raci: A}]}]}]
standards:
  R-01:
    title: {zh: 电话铃声响两声后务必接听, en: Answer the phone once it has rung twice}
    kinds: [call]
    when: {field: rings, at_least: 0.1}
    threshold: {measure: rings, at_most: BOUND}
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_builtin_charter_round_trips_with_its_standards(tmp_path, fmt):
    # The built-in charter holds 20 standards, and Charter equality compares them (see below),
    # so these round trips prove that every one is saved and rebuilt.
    c = charter.Charter.builtin()
    assert charter.from_bytes(charter.to_bytes(c, fmt)) == c
    path = tmp_path / f"builtin.{fmt}"
    charter.save(c, path, format=fmt)
    assert charter.load(path) == c


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_the_builtin_charter_pickles_with_its_standards(protocol):
    c = charter.Charter.builtin()
    assert pickle.loads(pickle.dumps(c, protocol)) == c


def test_charter_equality_sees_the_standards():
    two = charter.Charter.parse(WITH_A_STANDARD.replace("BOUND", "2"))
    two_and_a_half = charter.Charter.parse(WITH_A_STANDARD.replace("BOUND", "2.5"))
    assert two != two_and_a_half
    for fmt in FORMATS:
        back = charter.from_bytes(charter.to_bytes(two_and_a_half, fmt))
        assert back == two_and_a_half and back != two
