"""Energy distributors, part B: Neoenergia (BA, PE, RN, DF), EDP (SP, ES), Energisa (MT, MS, PB)
and Amazonas Energia (AM).

Each number in these records must be one that the research notes give for that company, with
the status they give it; the ouvidorias that were not found must not appear.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA
from escalate.catalog.store import validate_record, validate_sources
from escalate.records.models import Channel, Record, Tier

COMPANIES = ["neoenergia", "edp", "energisa", "amazonas-energia"]

# (record id, unit id, channel kind, phone or short code as the notes write it, status)
FACTS = [
    # Neoenergia Coelba (BA)
    ("neoenergia", "neoenergia-coelba", "sac", "0800 071 0800", "official"),
    ("neoenergia", "neoenergia-coelba", "ouvidoria", "0800 071 7676", "reported"),
    ("neoenergia", "neoenergia-coelba", "whatsapp", "(71) 99957-8602", "reported"),
    ("neoenergia", "neoenergia-coelba", "whatsapp", "(71) 3370-6350", "official"),
    # Neoenergia Pernambuco (PE); the state agency Arpe's ouvidoria is ANEEL's (test_state_agencies)
    ("neoenergia", "neoenergia-pernambuco", "sac", "116", "reported"),
    ("neoenergia", "neoenergia-pernambuco", "whatsapp", "(81) 3217-6990", "official"),
    # Neoenergia Cosern (RN)
    ("neoenergia", "neoenergia-cosern", "sac", "116", "official"),
    ("neoenergia", "neoenergia-cosern", "whatsapp", "(84) 3215-6001", "official"),
    # Neoenergia Brasília (DF)
    ("neoenergia", "neoenergia-brasilia", "sac", "116", "reported"),
    ("neoenergia", "neoenergia-brasilia", "whatsapp", "(61) 3465-9318", "reported"),
    # EDP São Paulo and Espírito Santo
    ("edp", "edp-sp", "sac", "0800 721 0123", "official"),
    ("edp", "edp-sp", "whatsapp", "(11) 93465-2888", "reported"),
    ("edp", "edp-sp", "sms", "28037", "reported"),
    ("edp", "edp-es", "sac", "0800 721 0707", "reported"),
    # Energisa Mato Grosso, Mato Grosso do Sul, Paraíba
    ("energisa", "energisa-mt", "sac", "0800 646 4196", "reported"),
    ("energisa", "energisa-mt", "whatsapp", "(65) 99999-7974", "reported"),
    ("energisa", "energisa-ms", "sac", "0800 722 7272", "reported"),
    ("energisa", "energisa-ms", "whatsapp", "(67) 99980-0698", "reported"),
    ("energisa", "energisa-pb", "whatsapp", "(83) 99135-5540", "reported"),
    # Amazonas Energia: one number, a phone line that also answers on WhatsApp
    ("amazonas-energia", None, "sac", "0800 701 3001", "official"),
    ("amazonas-energia", None, "whatsapp", "0800 701 3001", "official"),
]

# (record id, unit id, channel id, hours as the notes give them)
HOURS = [
    ("neoenergia", "neoenergia-coelba", "ba-sac", "24/7"),
    ("neoenergia", "neoenergia-coelba", "ba-ouvidoria-phone", "Mo-Fr 08:00-18:00"),
    ("neoenergia", "neoenergia-coelba", "ba-ouvidoria-whatsapp", "Mo-Fr 08:00-12:00,13:30-17:30"),
    ("amazonas-energia", None, "sac", "24/7"),
]

# Where no ouvidoria was found: (record id, unit id or None for the record itself).
NO_OUVIDORIA = [
    ("neoenergia", "neoenergia-pernambuco"),
    ("neoenergia", "neoenergia-cosern"),
    ("neoenergia", "neoenergia-brasilia"),
    ("edp", None),
    ("edp", "edp-sp"),
    ("edp", "edp-es"),
    ("energisa", None),
    ("energisa", "energisa-mt"),
    ("energisa", "energisa-ms"),
    ("energisa", "energisa-pb"),
    ("amazonas-energia", None),
]

UNITS = {
    "neoenergia": {
        "neoenergia-coelba": ("BA", {"coelba"}),
        "neoenergia-pernambuco": ("PE", {"celpe"}),
        "neoenergia-cosern": ("RN", {"cosern"}),
        "neoenergia-brasilia": ("DF", {"ceb"}),
    },
    "edp": {
        "edp-sp": ("SP", {"edp-sao-paulo", "edp-bandeirante"}),
        "edp-es": ("ES", {"edp-espirito-santo"}),
    },
    "energisa": {
        "energisa-mt": ("MT", {"energisa-mato-grosso"}),
        "energisa-ms": ("MS", {"energisa-mato-grosso-do-sul"}),
        "energisa-pb": ("PB", {"energisa-paraiba"}),
    },
    "amazonas-energia": {},
}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _path(record_id: str) -> Path:
    return DATA / "companies" / f"{record_id}.yaml"


def _record(record_id: str) -> Record:
    path = _path(record_id)
    return validate_record(str(path), path.read_bytes())


def _channels(record: Record, unit_id: str | None) -> tuple[Channel, ...]:
    if unit_id is None:
        return record.channels
    units = {u.id: u for u in record.units}
    assert unit_id in units, f"{record.id} has no unit {unit_id}"
    return units[unit_id].channels


def _numbers(channel: Channel) -> list[str]:
    contacts = [channel.contact, *(v.contact for v in channel.versions)]
    return [n for c in contacts for n in (c.phone, c.short_code) if n]


def _found(record: Record) -> set[tuple[str | None, str, str, str]]:
    """(unit id, kind, digits, status) for every phone and short code in the record."""
    places: list[tuple[str | None, tuple[Channel, ...]]] = [(None, record.channels)]
    places += [(u.id, u.channels) for u in record.units]
    return {
        (unit_id, c.kind.value, _digits(n), c.status.value)
        for unit_id, channels in places
        for c in channels
        for n in _numbers(c)
    }


# --- the files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("record_id", COMPANIES)
def test_record_validates_as_an_energy_company(record_id: str) -> None:
    record = _record(record_id)
    assert record.id == record_id
    assert record.sector.value == "energy"
    assert record.regulator == "aneel"
    assert record.verified_on == dt.date(2026, 11, 30)


@pytest.mark.parametrize("record_id", COMPANIES)
def test_units_states_and_aliases(record_id: str) -> None:
    record = _record(record_id)
    units = {u.id: (u.state, set(u.aliases)) for u in record.units}
    assert units == UNITS[record_id]


@pytest.mark.parametrize("record_id", COMPANIES)
def test_every_cited_source_exists(record_id: str) -> None:
    path = DATA / "sources.yaml"
    ids = {s.id for s in validate_sources(str(path), path.read_bytes()).sources}
    assert _record(record_id).source_ids() <= ids


@pytest.mark.parametrize("record_id", COMPANIES)
def test_no_reference_to_research_notes_or_outside_paths(record_id: str) -> None:
    text = _path(record_id).read_text(encoding="utf-8")
    assert "FACTS" not in text
    assert "/work" not in text and "/tmp" not in text


# --- every number is one the notes give, with its status ---------------------------------------


@pytest.mark.parametrize("record_id", COMPANIES)
def test_numbers_are_exactly_the_facts(record_id: str) -> None:
    """Nothing invented (every number in the file is in the table with its kind and status)
    and nothing lost (every number in the table is in the file)."""
    expected = {
        (unit, kind, _digits(number), status)
        for rid, unit, kind, number, status in FACTS
        if rid == record_id
    }
    assert _found(_record(record_id)) == expected


@pytest.mark.parametrize(("record_id", "unit_id", "kind", "number", "status"), FACTS)
def test_fact_is_in_the_record(
    record_id: str, unit_id: str | None, kind: str, number: str, status: str
) -> None:
    matches = [
        c
        for c in _channels(_record(record_id), unit_id)
        if c.kind.value == kind and _digits(number) in map(_digits, _numbers(c))
    ]
    assert len(matches) == 1, f"{record_id}/{unit_id}: {kind} {number} found {len(matches)} times"
    assert matches[0].status.value == status


@pytest.mark.parametrize(("record_id", "unit_id", "channel_id", "text"), HOURS)
def test_hours(record_id: str, unit_id: str | None, channel_id: str, text: str) -> None:
    channels = {c.id: c for c in _channels(_record(record_id), unit_id)}
    assert channels[channel_id].hours == text


def test_only_the_given_hours_are_set() -> None:
    given = {(r, u, c) for r, u, c, _ in HOURS}
    for record_id in COMPANIES:
        record = _record(record_id)
        places = [(None, record.channels), *((u.id, u.channels) for u in record.units)]
        for unit_id, channels in places:
            for c in channels:
                if c.hours is not None:
                    assert (record_id, unit_id, c.id) in given, f"{record_id}/{c.id}: {c.hours}"


def test_official_facts_from_old_pages_say_so() -> None:
    """An old official page stays official, with a note on its age."""
    for record_id, unit_id, channel_id in [
        ("neoenergia", "neoenergia-coelba", "ba-sac"),
        ("edp", "edp-sp", "sp-sac"),
        ("amazonas-energia", None, "sac"),
        ("amazonas-energia", None, "whatsapp"),
    ]:
        channel = {c.id: c for c in _channels(_record(record_id), unit_id)}[channel_id]
        assert channel.status.value == "official"
        assert channel.note is not None
        assert "antiga" in channel.note.pt and "old" in channel.note.en


def test_coelba_ouvidoria_letter_and_visit() -> None:
    channels = {c.id: c for c in _channels(_record("neoenergia"), "neoenergia-coelba")}
    address = channels["ba-ouvidoria-letter"].contact.address
    assert address is not None
    assert address.street == "Av. Edgar Santos, 300, Bloco A3, 3º andar"
    assert (address.district, address.city, address.state, address.cep) == (
        "Narandiba",
        "Salvador",
        "BA",
        "41181-900",
    )
    assert channels["ba-ouvidoria-letter"].effective_tier == Tier.OUVIDORIA
    visit = channels["ba-ouvidoria-in-person"]
    assert visit.effective_tier == Tier.OUVIDORIA
    assert [r.value for r in visit.requires] == ["appointment"]
    assert visit.contact.is_empty(), "the notes give no address for the head office"


def test_edp_sms_has_no_keyword_of_its_own() -> None:
    """The keyword "Falta Luz" has a space, which the format cannot hold: told in services."""
    sms = {c.id: c for c in _channels(_record("edp"), "edp-sp")}["sp-sms"]
    assert sms.contact.short_code == "28037"
    assert sms.keywords == ()
    assert sms.services is not None and "Falta Luz" in sms.services.pt


# --- what was not found ------------------------------------------------------------------------


@pytest.mark.parametrize(("record_id", "unit_id"), NO_OUVIDORIA)
def test_ouvidoria_not_found_is_not_listed(record_id: str, unit_id: str | None) -> None:
    for c in _channels(_record(record_id), unit_id):
        assert c.kind.value != "ouvidoria", f"{record_id}/{unit_id}: {c.id}"
        assert c.effective_tier != Tier.OUVIDORIA, f"{record_id}/{unit_id}: {c.id}"


@pytest.mark.parametrize(("record_id", "unit_id"), NO_OUVIDORIA)
def test_ouvidoria_not_found_sends_to_the_service_line(record_id: str, unit_id: str | None) -> None:
    record = _record(record_id)
    notes = list(record.notes)
    if unit_id is not None:
        unit = {u.id: u for u in record.units}[unit_id]
        notes += [unit.note] if unit.note else []
    assert any("ouvidoria" in n.pt and "atendimento" in n.pt for n in notes), notes
    assert any("ouvidoria" in n.en and "service line" in n.en for n in notes), notes


def test_elektro_is_not_duplicated_in_neoenergia() -> None:
    neo = _record("neoenergia")
    assert {u.state for u in neo.units}.isdisjoint({"SP", "MS"})
    elektro = _record("elektro")
    elektro_numbers = {_digits(n) for c in elektro.all_channels() for n in _numbers(c)}
    neo_numbers = {_digits(n) for c in neo.all_channels() for n in _numbers(c)}
    assert elektro_numbers.isdisjoint(neo_numbers)
    assert any("elektro" in n.pt for n in neo.notes), "the group should point to elektro"


def test_procon_am_number() -> None:
    procon = validate_record(
        str(DATA / "bodies" / "procon.yaml"), (DATA / "bodies" / "procon.yaml").read_bytes()
    )
    matches = [c for c in procon.channels if c.contact.phone == "0800 092 1512"]
    assert len(matches) == 1
    assert matches[0].states == ("AM",)
    assert matches[0].status.value == "reported"


# --- lookup ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "record_id", "unit_id"),
    [
        ("coelba", "neoenergia", "neoenergia-coelba"),
        ("Neoenergia Coelba", "neoenergia", "neoenergia-coelba"),
        ("celpe", "neoenergia", "neoenergia-pernambuco"),
        ("cosern", "neoenergia", "neoenergia-cosern"),
        ("ceb", "neoenergia", "neoenergia-brasilia"),
        ("Neoenergia Brasília", "neoenergia", "neoenergia-brasilia"),
        ("neoenergia", "neoenergia", None),
        ("edp-bandeirante", "edp", "edp-sp"),
        ("EDP Espírito Santo", "edp", "edp-es"),
        ("energisa-pb", "energisa", "energisa-pb"),
        ("Energisa Mato Grosso do Sul", "energisa", "energisa-ms"),
        ("EDP São Paulo", "edp", "edp-sp"),
        ("Amazonas Energia", "amazonas-energia", None),
        ("elektro", "elektro", None),
    ],
)
def test_names_find_the_company(cat: Any, name: str, record_id: str, unit_id: str | None) -> None:
    record, unit = cat.find(name)
    assert record.id == record_id
    assert (unit.id if unit else None) == unit_id


@pytest.mark.parametrize(
    ("name", "state", "unit_id"),
    [
        ("neoenergia", "BA", "neoenergia-coelba"),
        ("neoenergia", "PE", "neoenergia-pernambuco"),
        ("edp", "ES", "edp-es"),
        ("edp", "SP", "edp-sp"),
        ("energisa", "MT", "energisa-mt"),
        ("energisa", "MS", "energisa-ms"),
    ],
)
def test_lookup_by_state_picks_the_unit(cat: Any, name: str, state: str, unit_id: str) -> None:
    from escalate.advice.lookup import lookup

    now = dt.datetime(2026, 11, 25, 10, tzinfo=dt.timezone(dt.timedelta(hours=-3)))
    result = lookup(cat, name, state=state, now=now)
    assert [u.id for u in result.units] == [unit_id]


@pytest.mark.parametrize(("name", "state"), [("neoenergia", "SP"), ("neoenergia", "ms")])
def test_lookup_neoenergia_where_elektro_serves_finds_elektro(
    cat: Any, name: str, state: str
) -> None:
    from escalate.advice.lookup import lookup

    now = dt.datetime(2026, 11, 25, 10, tzinfo=dt.timezone(dt.timedelta(hours=-3)))
    result = lookup(cat, name, state=state, now=now)
    assert result.record.id == "elektro"
    assert result.group is not None and result.group.id == "neoenergia"
    assert result.state == state.upper()
    assert {c.channel.contact.phone for c in result.channels} >= {"0800 701 01 02"}
