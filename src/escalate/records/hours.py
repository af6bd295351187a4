"""Opening hours: is a channel open now, when does that change, and how to say the hours.

Hours are OpenStreetMap ``opening_hours`` strings. ``24/7`` is answered here; anything else
goes to opening-hours-py, imported only then (it costs tens of milliseconds to load).
Its ``PH`` knows Brazil's national holidays, not state or municipal ones.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from escalate.records.value import Value

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

ALWAYS = "24/7"


class OpenState(Value):
    is_open: bool | None  # None: the hours could not be evaluated
    next_change: dt.datetime | None  # in the channel's time zone; None when it never changes
    always: bool = False


def _zone(name: str) -> ZoneInfo | dt.timezone:
    from zoneinfo import ZoneInfo

    for candidate in (name, "America/Sao_Paulo"):
        try:
            return ZoneInfo(candidate)
        except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
            continue
    # No time zone database at all: Brazil has had no daylight saving time since 2019.
    return dt.timezone(dt.timedelta(hours=-3), "UTC-3")


def open_state(hours: str, *, timezone: str, now: dt.datetime) -> OpenState:
    if hours.strip() == ALWAYS:
        return OpenState(True, None, always=True)
    tz = _zone(timezone)
    local = now.astimezone(tz)
    try:
        import opening_hours

        if isinstance(tz, dt.timezone):  # opening-hours-py wants a named zone: go naive
            oh = opening_hours.OpeningHours(hours, country="BR")
            local = local.replace(tzinfo=None)
        else:
            oh = opening_hours.OpeningHours(hours, timezone=tz, country="BR")
        is_open = bool(oh.is_open(local))
        change = oh.next_change(local)
    except Exception:
        return OpenState(None, None)
    if isinstance(change, dt.datetime):
        change = change.astimezone(tz) if change.tzinfo else change.replace(tzinfo=tz)
    return OpenState(is_open, change)


def is_valid(hours: str) -> bool:
    if hours.strip() == ALWAYS:
        return True
    import opening_hours

    try:
        return bool(opening_hours.validate(hours))
    except Exception:
        return False


_DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_PHRASES = {"24/7": "hours.always", "PH off": "hours.holidays_off", "PH": "hours.holidays"}


def describe(hours: str, lang: str) -> str:
    """Say common hours in words: 'Mo-Fr 08:00-18:00; PH off' → 'Mon–Fri 08:00–18:00, except …'."""
    from escalate.i18n import t

    if hours.strip() == ALWAYS:
        return t(lang, _PHRASES["24/7"])
    parts = []
    for rule in (r.strip() for r in hours.split(";")):
        if rule in _PHRASES:
            parts.append(t(lang, _PHRASES[rule]))
            continue
        rule = re.sub(r"\b(Mo|Tu|We|Th|Fr|Sa|Su)\b", lambda m: t(lang, f"day.{m.group(1)}"), rule)
        rule = re.sub(r"(\d\d:\d\d)-(\d\d:\d\d)", r"\1–\2", rule)
        rule = re.sub(r"([a-zá]{3})-([a-zá]{3})", r"\1–\2", rule, flags=re.IGNORECASE)
        parts.append(rule)
    return ", ".join(parts)


def day_name(day: dt.date, lang: str) -> str:
    """The day of the week of a date: "Wed", "qua." (abbreviated as each language does)."""
    from escalate.i18n import t

    return t(lang, f"weekday.{_DAY_CODES[day.weekday()]}")
