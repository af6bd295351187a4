"""Energy distributors, part A (Enel, Light, CPFL Paulista, RGE, Copel, Celesc): every number in
their records is one the researched facts give for that company, with the status they give,
and the channels the research did not find are not in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA
from escalate.catalog.store import load, validate_record
from escalate.records.models import Channel, ChannelKind, Record, Status, Tier

COMPANIES = DATA / "companies"

# Every phone, WhatsApp number and SMS short code the research gives, per record and unit:
# (record id, unit id or None) -> {digits: status}. A disputed channel lists each version.
FACTS: dict[tuple[str, str | None], dict[str, str]] = {
    ("enel", "enel-sp"): {
        "08007272120": "reported",  # SAC
        "08007728626": "reported",  # hearing-impaired (one blog)
        "08007273110": "reported",  # ouvidoria (one blog)
        "27373": "reported",  # SMS
        "21996019608": "reported",  # WhatsApp "Elena"
    },
    ("enel", "enel-rj"): {
        "21996019608": "reported",  # WhatsApp "Elena"
    },
    ("enel", "enel-ce"): {
        "08002850196": "reported",  # central
    },
    ("light", None): {
        "08000210196": "reported",  # outage (two blogs)
        "08002852453": "reported",  # hearing-impaired
        "08002820120": "reported",  # commercial
        "08002821380": "reported",  # large customers
        "21999816059": "reported",  # WhatsApp
        "21976867358": "reported",  # hearing-impaired WhatsApp
    },
    ("cpfl", None): {
        "08000101010": "official",  # central (CPFL's 2014 page, and press 2021)
        "19999088888": "disputed",  # WhatsApp, one version
        "1937951705": "disputed",  # WhatsApp, the other version
        "08007744120": "reported",  # ouvidoria (one blog)
    },
    ("rge", None): {
        "08009700900": "reported",  # central
        "27350": "reported",  # SMS
        "51999550002": "reported",  # WhatsApp
    },
    ("copel", None): {
        "08005100116": "reported",  # SAC
        "554130138973": "official",  # WhatsApp (Copel's own page)
    },
    ("celesc", None): {
        "08000480196": "reported",  # emergencies
        "08000480120": "reported",  # commercial
        "08000483232": "reported",  # ouvidoria
        "48196": "reported",  # SMS
        "48998600067": "reported",  # WhatsApp
    },
}

RECORD_IDS = sorted({record_id for record_id, _unit in FACTS})


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _record(record_id: str) -> Record:
    path = COMPANIES / f"{record_id}.yaml"
    return validate_record(str(path), path.read_bytes())


def _channels(record_id: str, unit_id: str | None) -> tuple[Channel, ...]:
    record = _record(record_id)
    if unit_id is None:
        return record.channels
    (unit,) = [u for u in record.units if u.id == unit_id]
    return unit.channels


def _numbers(channels: tuple[Channel, ...]) -> dict[str, str]:
    """{digits: status} of every phone, WhatsApp number and short code, versions included."""
    found: dict[str, str] = {}
    for channel in channels:
        for contact in (channel.contact, *(v.contact for v in channel.versions)):
            for value in (contact.phone, contact.short_code):
                if value:
                    digits = _digits(value)
                    assert digits not in found, f"{channel.id}: {value} appears twice"
                    found[digits] = channel.status.value
    return found


# --- the table: exactly the numbers the research gives ---------------------------------------


@pytest.mark.parametrize(("where", "expected"), sorted(FACTS.items()), ids=str)
def test_numbers_are_the_researched_ones_with_their_status(
    where: tuple[str, str | None], expected: dict[str, str]
) -> None:
    record_id, unit_id = where
    assert _numbers(_channels(record_id, unit_id)) == expected


@pytest.mark.parametrize("record_id", RECORD_IDS)
def test_record_file_validates_with_the_research_date(record_id: str) -> None:
    record = _record(record_id)
    assert record.id == record_id
    assert record.sector == "energy"
    assert record.regulator == "aneel"
    assert str(record.verified_on) == "2026-11-30"
    units = {u.id for u in record.units}
    expected_units = {unit for rid, unit in FACTS if rid == record_id and unit}
    assert units == expected_units
    if not units:
        assert record.channels


def test_enel_units_and_states() -> None:
    record = _record("enel")
    assert {u.id: u.state for u in record.units} == {
        "enel-sp": "SP",
        "enel-rj": "RJ",
        "enel-ce": "CE",
    }
    assert set(record.states) == {"SP", "RJ", "CE"}


@pytest.mark.parametrize(
    ("record_id", "state"),
    [("light", "RJ"), ("cpfl", "SP"), ("rge", "RS"), ("copel", "PR"), ("celesc", "SC")],
)
def test_single_company_state(record_id: str, state: str) -> None:
    assert list(_record(record_id).states) == [state]


# --- ouvidorias: only where the research found one -------------------------------------------


def _ouvidorias(channels: tuple[Channel, ...]) -> list[Channel]:
    return [c for c in channels if c.effective_tier is Tier.OUVIDORIA]


@pytest.mark.parametrize(
    ("record_id", "unit_id", "phone"),
    [
        ("enel", "enel-sp", "0800 72 73 110"),
        ("cpfl", None, "0800 774 41 20"),
        ("celesc", None, "0800 048 3232"),
    ],
)
def test_ouvidoria_phone_where_the_research_gives_one(
    record_id: str, unit_id: str | None, phone: str
) -> None:
    (ouvidoria,) = _ouvidorias(_channels(record_id, unit_id))
    assert ouvidoria.kind is ChannelKind.OUVIDORIA
    assert _digits(ouvidoria.contact.phone or "") == _digits(phone)
    assert ouvidoria.status is Status.REPORTED


@pytest.mark.parametrize(
    ("record_id", "unit_id"),
    [("enel", "enel-rj"), ("enel", "enel-ce"), ("copel", None), ("rge", None)],
)
def test_no_ouvidoria_where_the_research_found_none(record_id: str, unit_id: str | None) -> None:
    assert _ouvidorias(_channels(record_id, unit_id)) == []
    record = _record(record_id)
    notes = [n.pt for n in record.notes] + [u.note.pt for u in record.units if u.note]
    assert any("ouvidoria" in n for n in notes), "say that the ouvidoria was not found"


def test_light_ouvidoria_is_the_web_form_only() -> None:
    (ouvidoria,) = _ouvidorias(_record("light").channels)
    assert ouvidoria.kind is ChannelKind.WEB
    assert ouvidoria.contact.phone is None
    assert ouvidoria.contact.url is None, "the research gives the site, not the form's address"
    assert "light.com.br" in (ouvidoria.services.pt if ouvidoria.services else "")


# --- single-source and disputed facts say so -------------------------------------------------

ONE_BLOG = [
    ("enel", "enel-sp", "0800 77 28 626"),
    ("enel", "enel-sp", "0800 72 73 110"),
    ("cpfl", None, "0800 774 41 20"),
    ("light", None, "0800 282 0120"),
    ("light", None, "0800 285 2453"),
    ("light", None, "0800 282 1380"),
    ("light", None, "(21) 99981-6059"),
    ("light", None, "(21) 97686-7358"),
]


@pytest.mark.parametrize(("record_id", "unit_id", "phone"), ONE_BLOG)
def test_one_blog_numbers_say_so(record_id: str, unit_id: str | None, phone: str) -> None:
    (channel,) = [
        c for c in _channels(record_id, unit_id) if _digits(c.contact.phone or "") == _digits(phone)
    ]
    assert channel.note is not None
    assert "um blog" in channel.note.pt
    assert "one blog" in channel.note.en
    assert len(channel.sources) == 1


def test_cpfl_central_is_official_from_a_2014_page() -> None:
    (central,) = [c for c in _record("cpfl").channels if c.contact.phone == "0800 010 1010"]
    assert central.status is Status.OFFICIAL
    assert central.hours == "24/7"
    assert central.free is True
    assert central.note is not None
    assert "2014" in central.note.pt
    assert "2014" in central.note.en


def test_cpfl_whatsapp_is_disputed_between_two_numbers() -> None:
    (whatsapp,) = [c for c in _record("cpfl").channels if c.kind is ChannelKind.WHATSAPP]
    assert whatsapp.status is Status.DISPUTED
    assert whatsapp.contact.is_empty(), "a disputed number must not be printed as the contact"
    assert whatsapp.note is not None
    assert sorted(_digits(v.contact.phone or "") for v in whatsapp.versions) == [
        "1937951705",
        "19999088888",
    ]
    assert len({v.sources for v in whatsapp.versions}) == 2, "each version has its own source"


# --- SMS keywords ----------------------------------------------------------------------------


def _sms(record_id: str, unit_id: str | None) -> Channel:
    (sms,) = [c for c in _channels(record_id, unit_id) if c.kind is ChannelKind.SMS]
    return sms


@pytest.mark.parametrize(
    ("record_id", "unit_id", "code", "keywords"),
    [
        ("enel", "enel-sp", "27373", {"LUZ": ("none", "reported")}),
        (
            "rge",
            None,
            "27350",
            {"IN": ("customer-code", "reported"), "LUZ": ("customer-code", "reported")},
        ),
        ("celesc", None, "48196", {}),
    ],
)
def test_sms_short_code_and_keywords(
    record_id: str, unit_id: str | None, code: str, keywords: dict[str, tuple[str, str]]
) -> None:
    sms = _sms(record_id, unit_id)
    assert sms.contact.short_code == code
    found = {k.keyword: (k.argument.value, k.status.value) for k in sms.keywords}
    assert found == keywords


def test_enel_sp_sms_says_installation_number() -> None:
    sms = _sms("enel", "enel-sp")
    assert sms.services is not None
    assert "número da instalação" in sms.services.pt
    assert "installation number" in sms.services.en


def test_celesc_sem_luz_is_in_the_services_text() -> None:
    # A keyword may not hold a space, so "SEM LUZ" is written in the services text instead.
    sms = _sms("celesc", None)
    assert sms.services is not None
    assert "SEM LUZ" in sms.services.pt
    assert "SEM LUZ" in sms.services.en


def test_rge_sms_registration_comes_first() -> None:
    sms = _sms("rge", None)
    assert sms.services is not None
    assert sms.services.pt.index("IN") < sms.services.pt.index("LUZ")


# --- names people type -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "record_id", "unit_id"),
    [
        ("enel", "enel", None),
        ("enel-sp", "enel", "enel-sp"),
        ("Eletropaulo", "enel", "enel-sp"),
        ("enel-rio", "enel", "enel-rj"),
        ("enel-rj", "enel", "enel-rj"),
        ("enel-ceara", "enel", "enel-ce"),
        ("Enel Ceará", "enel", "enel-ce"),
        ("light", "light", None),
        ("cpfl", "cpfl", None),
        ("CPFL Paulista", "cpfl", None),
        ("rge", "rge", None),
        ("copel", "copel", None),
        ("celesc", "celesc", None),
    ],
)
def test_names_people_type(tmp_path: Path, name: str, record_id: str, unit_id: str | None) -> None:
    catalog = load(shipped=DATA, user_companies=None, cache_file=tmp_path / "cache")
    entry, unit = catalog.resolve(name)
    assert entry.id == record_id
    assert unit == unit_id
