"""numpy batch functions: add_many, elapsed_many, is_open_many."""

import threading
from datetime import datetime, timedelta

import numpy as np
import pytest

import charter

H = timedelta(hours=1)


def random_instants(n, seed=7):
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01T00:00", "m").astype(np.int64)
    end = np.datetime64("2026-06-30T00:00", "m").astype(np.int64)
    return rng.integers(start, end, n).astype("datetime64[m]").astype("datetime64[s]")


def test_add_many_agrees_with_scalar_add(cn):
    times = random_instants(2000)
    out = cn.add_many(times, 24 * H)
    assert out.dtype == np.dtype("datetime64[s]")
    for t, due in zip(times[:300].tolist(), out[:300].tolist()):
        assert cn.add(t, 24 * H) == due


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns", "m"])
def test_units_come_back_as_given(cn, unit):
    times = np.array(["2025-09-30T17:30"], dtype=f"datetime64[{unit}]")
    out = cn.add_many(times, 24 * H)
    assert out.dtype == times.dtype
    assert out[0] == np.datetime64("2025-10-11T13:00")


def test_elapsed_many_inverts_add_many(cn):
    times = random_instants(5000, seed=11)
    due = cn.add_many(times, timedelta(hours=37, minutes=5))
    elapsed = cn.elapsed_many(times, due)
    assert elapsed.dtype == np.dtype("timedelta64[us]")
    assert (elapsed == np.timedelta64(37 * 3600 + 5 * 60, "s")).all()


def test_is_open_many(cn):
    times = np.array(["2025-06-16T09:00", "2025-06-16T18:30", "2025-10-03T10:00", "2025-09-28T10:00"], dtype="datetime64[s]")
    assert cn.is_open_many(times).tolist() == [True, False, False, True]


def test_empty_and_strided_arrays(cn):
    empty = np.array([], dtype="datetime64[s]")
    assert cn.add_many(empty, H).shape == (0,)
    times = random_instants(100)
    strided = times[::3]
    assert not strided.flags.c_contiguous
    assert (cn.add_many(strided, H) == cn.add_many(strided.copy(), H)).all()
    readonly = times.copy()
    readonly.flags.writeable = False
    assert cn.add_many(readonly, H).shape == (100,)


def test_nat_raises_with_its_index(cn):
    times = np.array(["2025-06-16T10:00", "NaT"], dtype="datetime64[s]")
    with pytest.raises(charter.InvalidTimeError, match=r"times\[1\].*NaT"):
        cn.add_many(times, H)


def test_out_of_range_raises_with_its_index(cn):
    times = np.array(["2025-06-16T10:00", "2025-06-16T11:00", "2027-03-01T10:00"], dtype="datetime64[s]")
    with pytest.raises(charter.CalendarRangeError, match=r"times\[2\]"):
        cn.add_many(times, H)


def test_wrong_dtypes_and_shapes(cn):
    with pytest.raises(TypeError, match="datetime64"):
        cn.add_many(np.arange(3, dtype=np.int64), H)
    with pytest.raises(TypeError, match="datetime64"):
        cn.add_many(np.array([1.5]), H)
    with pytest.raises(ValueError, match="one-dimensional"):
        cn.add_many(np.zeros((2, 2), dtype="datetime64[s]"), H)
    with pytest.raises(ValueError, match="same length"):
        cn.elapsed_many(random_instants(3), random_instants(4))


def test_numpy_timedelta_is_accepted(cn):
    times = np.array(["2025-09-30T17:30"], dtype="datetime64[s]")
    assert cn.add_many(times, np.timedelta64(24, "h"))[0] == np.datetime64("2025-10-11T13:00")


def test_batch_releases_the_gil(cn):
    # A Python thread keeps counting while a large batch runs in another thread.
    times = random_instants(1_000_000, seed=3)
    counter = {"n": 0}
    done = threading.Event()

    def count():
        while not done.is_set():
            counter["n"] += 1

    t = threading.Thread(target=count)
    t.start()
    try:
        before = counter["n"]
        for _ in range(3):
            cn.add_many(times, 24 * H)
        progressed = counter["n"] - before
    finally:
        done.set()
        t.join()
    assert progressed > 0
