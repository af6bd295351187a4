"""The time of a run: the real clock, or ESCALATE_NOW (tests, demonstrations) when set.

One place for every front (the command line, the web pages): the person's day is Brazil's
(UTC−3) and a company's wall time is its unit's or its own time zone's.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from escalate.errors import UsageError

BRASILIA = dt.timezone(dt.timedelta(hours=-3))


def now() -> dt.datetime:
    """This moment, aware; ESCALATE_NOW overrides it (a naive value is read as UTC−3)."""
    raw = os.environ.get("ESCALATE_NOW")
    if not raw:
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise UsageError(
            f"ESCALATE_NOW is not a date and time: '{raw[:40]}'", hint="e.g. 2026-11-25T10:00-03:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=BRASILIA)


def local_now(record: Any = None, unit: Any = None) -> dt.datetime:
    """The wall-clock time where the company is (its unit's zone, else its own), naive."""
    from zoneinfo import ZoneInfo

    zone = (unit.timezone if unit is not None else None) or (
        record.timezone if record is not None else "America/Sao_Paulo"
    )
    return now().astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def today() -> dt.date:
    """The person's day, in Brazil."""
    return now().astimezone(BRASILIA).date()
