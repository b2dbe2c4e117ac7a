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
