"""Built-in calendars.

``china()`` is mainland China's office calendar: Monday to Friday at the given hours, the
official public holidays closed and the official make-up working days (调休上班) open, for the
years the bundled table covers (2024–2026, from the State Council's annual notices).
"""

from . import _core

china = _core.calendars.china
china_festivals = _core.calendars.china_festivals

__all__ = ["china", "china_festivals"]
