"""Open now? Hours in the company's time zone, national holidays, and hours in words."""

from __future__ import annotations

import datetime as dt

import pytest

from escalate.records.hours import describe, is_valid, open_state

BRT = dt.timezone(dt.timedelta(hours=-3))
WEEKDAY = "Mo-Fr 08:00-18:00; PH off"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=BRT)


@pytest.mark.parametrize(
    ("hours", "moment", "is_open", "next_change"),
    [
        ("24/7", "2026-11-25 03:00", True, None),
        (WEEKDAY, "2026-11-25 10:00", True, "2026-11-25 18:00"),
        (WEEKDAY, "2026-11-25 07:59", False, "2026-11-25 08:00"),
        (WEEKDAY, "2026-11-25 18:00", False, "2026-11-26 08:00"),
        (WEEKDAY, "2026-11-28 12:00", False, "2026-11-30 08:00"),  # Saturday
        (WEEKDAY, "2026-11-20 12:00", False, "2026-11-23 08:00"),  # Consciência Negra (national)
        (WEEKDAY, "2026-12-24 17:00", True, "2026-12-24 18:00"),
        (WEEKDAY, "2026-12-31 20:00", False, "2027-01-04 08:00"),  # New Year, then a weekend
        (WEEKDAY, "2027-02-08 10:00", True, "2027-02-08 18:00"),  # Carnival is not national
        ("Mo-Fr 08:00-20:00", "2026-11-20 12:00", True, "2026-11-20 20:00"),  # no PH rule
    ],
)
def test_open_state(hours: str, moment: str, is_open: bool, next_change: str | None) -> None:
    state = open_state(hours, timezone="America/Sao_Paulo", now=at(moment))
    assert state.is_open is is_open
    if next_change is None:
        assert state.next_change is None
    else:
        assert state.next_change == at(next_change)


def test_time_zone_of_the_company_decides() -> None:
    # 10:00 in São Paulo is 09:00 in Manaus (UTC-4): a channel there opens at 08:00 local.
    moment = dt.datetime(2026, 11, 25, 11, 30, tzinfo=dt.UTC)  # 08:30 BRT, 07:30 in Manaus
    assert open_state(WEEKDAY, timezone="America/Sao_Paulo", now=moment).is_open is True
    assert open_state(WEEKDAY, timezone="America/Manaus", now=moment).is_open is False


def test_bad_hours_are_unknown_not_a_crash() -> None:
    state = open_state("whenever we like", timezone="America/Sao_Paulo", now=at("2026-11-25 10:00"))
    assert state.is_open is None
    assert not is_valid("whenever we like")
    assert is_valid(WEEKDAY) and is_valid("24/7")


def test_unknown_time_zone_falls_back_to_brasilia_time() -> None:
    state = open_state(WEEKDAY, timezone="Mars/Olympus", now=at("2026-11-25 10:00"))
    assert state.is_open is True


@pytest.mark.parametrize(
    ("hours", "lang", "words"),
    [
        ("24/7", "en", "24 h, every day"),
        ("24/7", "pt", "24 h, todos os dias"),
        (WEEKDAY, "en", "Mon–Fri 08:00–18:00, except public holidays"),
        (WEEKDAY, "pt", "seg–sex 08:00–18:00, exceto feriados"),
        ("Mo-Fr 08:00-20:00", "pt", "seg–sex 08:00–20:00"),
        ("Mo-Sa 08:00-12:00", "en", "Mon–Sat 08:00–12:00"),
    ],
)
def test_describe(hours: str, lang: str, words: str) -> None:
    assert describe(hours, lang) == words


def test_without_a_time_zone_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a system with no tz data (some phones), Brasília time without DST is used."""
    import escalate.records.hours as hours

    monkeypatch.setattr(hours, "_zone", lambda name: dt.timezone(dt.timedelta(hours=-3)))
    state = hours.open_state(WEEKDAY, timezone="America/Sao_Paulo", now=at("2026-11-25 19:00"))
    assert state.is_open is False
    assert state.next_change == at("2026-11-26 08:00")
