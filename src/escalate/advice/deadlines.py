"""Deadlines as dates: calendar days, and business days without weekends and holidays.

Holidays are Brazil's national ones plus those of the company's state, from the ``holidays``
package, imported only when a business-day count is asked for (it takes a tenth of a second
to load). Carnival is a state holiday in some states (RJ) and an optional day elsewhere, and
``holidays`` says so per state. Municipal holidays are not counted.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any


def add_calendar_days(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


@cache
def _holidays(year: int, state: str | None) -> frozenset[dt.date]:
    import holidays

    try:
        return frozenset(holidays.country_holidays("BR", subdiv=state, years=year))
    except NotImplementedError:  # not a state `holidays` knows: national holidays only
        return frozenset(holidays.country_holidays("BR", years=year))


def is_business_day(day: dt.date, *, state: str | None = None) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year, state)


def add_business_days(start: dt.date, days: int, *, state: str | None = None) -> dt.date:
    """The date ``days`` business days after ``start`` (start itself not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_business_day(day, state=state):
            counted += 1
    return day


def due_date(start: dt.date, days: int, *, business: bool, state: str | None = None) -> dt.date:
    """When a deadline of ``days`` started on ``start`` ends: calendar or business days."""
    if business:
        return add_business_days(start, days, state=state)
    return add_calendar_days(start, days)


def holiday_state(company: Any, unit: Any = None, state: str | None = None) -> str | None:
    """The state whose holidays count for a company: its unit's, the one given, or its only one.

    A company serving several states with none given (Claro, Elektro without ``--state``)
    counts national holidays only.
    """
    if unit is not None:
        return str(unit.state)
    if state:
        return state
    states = tuple(company.states) if company is not None else ()
    return str(states[0]) if len(states) == 1 else None


def next_business_day(day: dt.date, *, state: str | None = None) -> dt.date:
    """``day`` itself if it is a business day, else the next one."""
    while not is_business_day(day, state=state):
        day += dt.timedelta(days=1)
    return day
