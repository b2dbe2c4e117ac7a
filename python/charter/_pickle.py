"""Reconstructors named by the __reduce__ of charter's compiled types.

They live in a Python module because pickle finds functions by module and name, and pybind11's
compiled functions cannot be pickled by reference.
"""

from . import _core


def calendar_from_state(version, data):
    return _core._calendar_from_state(version, data)


def deadline_from_state(version, text):
    return _core._deadline_from_state(version, text)
