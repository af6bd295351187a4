"""Business days across year ends, Carnival and 20 November (national since 2024)."""

from __future__ import annotations

import datetime as dt

import pytest

from escalate.advice.deadlines import (
    add_business_days,
    add_calendar_days,
    due_date,
    holiday_state,
    is_business_day,
    next_business_day,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "state", "expected"),
    [
        (D(2026, 11, 2), 7, None, D(2026, 11, 9)),  # the SAC's 7 calendar days
        (D(2026, 12, 28), 10, None, D(2027, 1, 7)),  # across the year end
        (D(2024, 2, 25), 5, None, D(2024, 3, 1)),  # leap year
    ],
)
def test_calendar_days(start: dt.date, days: int, state: str | None, expected: dt.date) -> None:
    assert add_calendar_days(start, days) == expected


@pytest.mark.parametrize(
    ("start", "days", "state", "expected"),
    [
        (D(2026, 11, 25), 2, "SP", D(2026, 11, 27)),  # Wednesday + 2 = Friday
        (D(2026, 11, 26), 2, "SP", D(2026, 11, 30)),  # over a weekend
        (D(2026, 11, 19), 1, "SP", D(2026, 11, 23)),  # 20 Nov is a national holiday (Friday)
        (D(2026, 11, 19), 1, "MG", D(2026, 11, 23)),
        (D(2026, 12, 30), 2, "SP", D(2027, 1, 4)),  # 31 Dec counts; 1 Jan and the weekend do not
        (D(2027, 2, 5), 2, "SP", D(2027, 2, 9)),  # Carnival is a business day in SP …
        (D(2027, 2, 5), 2, "RJ", D(2027, 2, 10)),  # … and a state holiday in RJ
        (D(2026, 7, 8), 1, "SP", D(2026, 7, 10)),  # 9 July: São Paulo's state holiday
        (D(2026, 7, 8), 1, "MG", D(2026, 7, 9)),
        (D(2027, 8, 13), 1, "PA", D(2027, 8, 16)),  # weekend, and 15 Aug is Pará's (a Sunday)
        (D(2026, 4, 2), 1, None, D(2026, 4, 6)),  # Good Friday
    ],
)
def test_business_days(start: dt.date, days: int, state: str | None, expected: dt.date) -> None:
    assert add_business_days(start, days, state=state) == expected


@pytest.mark.parametrize(
    ("day", "state", "business"),
    [
        (D(2026, 11, 20), None, False),
        (D(2023, 11, 20), "MG", True),  # before the 2024 law it was not national (nor in MG)
        (D(2026, 11, 21), None, False),  # Saturday
        (D(2027, 2, 9), "SP", True),
        (D(2027, 2, 9), "RJ", False),
        (D(2026, 12, 24), None, True),
    ],
)
def test_is_business_day(day: dt.date, state: str | None, business: bool) -> None:
    assert is_business_day(day, state=state) is business


def test_next_business_day() -> None:
    assert next_business_day(D(2026, 11, 20), state="SP") == D(2026, 11, 23)
    assert next_business_day(D(2026, 11, 24), state="SP") == D(2026, 11, 24)


def test_holidays_library_is_not_loaded_for_calendar_days() -> None:
    import subprocess
    import sys

    code = (
        "import sys, datetime as dt\n"
        "from escalate.advice.deadlines import add_calendar_days\n"
        "add_calendar_days(dt.date(2026, 1, 1), 7)\n"
        "print('holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class _Unit:
    def __init__(self, state: str) -> None:
        self.state = state


class _Company:
    def __init__(self, *states: str) -> None:
        self.states = states


@pytest.mark.parametrize(
    ("company", "unit", "given", "expected"),
    [
        (_Company("MG"), None, None, "MG"),  # Cemig: its only state
        (_Company("SP", "MS"), None, None, None),  # Elektro without a state: national only
        (_Company("SP", "MS"), None, "MS", "MS"),
        (_Company(), None, None, None),  # Claro: nationwide
        (_Company(), None, "RJ", "RJ"),
        (_Company("PA", "AL"), _Unit("AL"), "PA", "AL"),  # the unit's state wins
        (None, None, None, None),
    ],
)
def test_whose_holidays_count(company, unit, given, expected) -> None:
    assert holiday_state(company, unit, given) == expected


@pytest.mark.parametrize(
    ("business", "state", "expected"),
    [
        (False, None, D(2026, 11, 21)),
        (True, None, D(2026, 11, 24)),  # Friday 20 November and the weekend skipped
        (True, "XX", D(2026, 11, 24)),  # a state `holidays` does not know: national ones only
    ],
)
def test_due_date_counts_as_the_rule_says(business: bool, state, expected) -> None:
    assert due_date(D(2026, 11, 19), 2, business=business, state=state) == expected
