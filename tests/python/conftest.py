import pytest

import charter


@pytest.fixture(scope="session")
def cn():
    """The built-in China calendar: 09:00–18:30 Mon–Fri, official holidays and make-up days."""
    return charter.calendars.china()


@pytest.fixture(scope="session")
def lunch():
    """An office with a lunch break, closed on 2025-10-01 and working on Sunday 2025-09-28."""
    from datetime import date

    day = [("09:00", "12:00"), ("13:30", "18:30")]
    return charter.BusinessCalendar(
        zone="Asia/Shanghai",
        week={d: day for d in ("mon", "tue", "wed", "thu", "fri")},
        holidays={date(2025, 10, 1): "National Day"},
        extra_workdays=[date(2025, 9, 28)],
        name="lunch office",
    )
