"""Integrity of the shipped catalogue: every file in data/ read and validated directly.

These tests are the guard between FACTS.md and what a consumer is told: a wrong digit in a
phone number, an orphan or missing source, or a disputed fact shown without its reason must
fail here.
"""

from __future__ import annotations

import re
import zoneinfo
from collections import defaultdict
from functools import cache
from pathlib import Path

import phonenumbers
import pytest

from conftest import DATA
from escalate.catalog.store import validate_record, validate_sources
from escalate.catalog.yamlfile import parse, read_text
from escalate.errors import DataError
from escalate.records import hours
from escalate.records.models import Channel, ChannelKind, Record, Status, normalize

RECORD_FILES = sorted((DATA / "companies").glob("*.yaml")) + sorted(
    (DATA / "bodies").glob("*.yaml")
)
SOURCES_FILE = DATA / "sources.yaml"
ALL_FILES = [*RECORD_FILES, SOURCES_FILE]
STATUSES = {s.value for s in Status}


def _name(path: Path) -> str:
    return path.relative_to(DATA).as_posix()


@cache
def _records() -> dict[str, tuple[Path, Record]]:
    """Every record that validates. A file that does not fails test_record_file_validates;
    skipping it here keeps collection working so the other tests still report."""
    out: dict[str, tuple[Path, Record]] = {}
    for path in RECORD_FILES:
        try:
            record = validate_record(str(path), path.read_bytes())
        except DataError:
            continue
        out.setdefault(record.id, (path, record))
    return out


def _record(record_id: str) -> Record:
    records = _records()
    assert record_id in records, f"no valid record {record_id} in data/"
    return records[record_id][1]


def _raw(path: Path) -> dict:
    return parse(str(path), read_text(str(path), path.read_bytes()))


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _channels_of(record_id: str, unit_id: str | None = None) -> tuple[Channel, ...]:
    record = _record(record_id)
    if unit_id is None:
        return record.channels
    units = {u.id: u for u in record.units}
    assert unit_id in units, f"{record_id} has no unit {unit_id}"
    return units[unit_id].channels


def _channel(record_id: str, channel_id: str, unit_id: str | None = None) -> Channel:
    found = {c.id: c for c in _channels_of(record_id, unit_id)}
    assert channel_id in found, f"{record_id}: no channel {channel_id} (has {sorted(found)})"
    return found[channel_id]


def _all_phones() -> list[tuple[str, str, str]]:
    """(record id, channel id, phone) for every contact.phone, versions included."""
    out = []
    for record_id, (_path, record) in _records().items():
        for channel in record.all_channels():
            contacts = [channel.contact, *(v.contact for v in channel.versions)]
            out += [(record_id, channel.id, c.phone) for c in contacts if c.phone]
    return out


def _all_short_codes() -> list[tuple[str, str, str]]:
    out = []
    for record_id, (_path, record) in _records().items():
        for channel in record.all_channels():
            contacts = [channel.contact, *(v.contact for v in channel.versions)]
            out += [(record_id, channel.id, c.short_code) for c in contacts if c.short_code]
    return out


def _all_hours() -> list[tuple[str, str, str]]:
    return [
        (record_id, channel.id, channel.hours)
        for record_id, (_path, record) in _records().items()
        for channel in record.all_channels()
        if channel.hours is not None
    ]


# --- every file validates --------------------------------------------------------------------


def test_the_catalogue_is_not_empty() -> None:
    names = {_name(p) for p in RECORD_FILES}
    assert {"companies/elektro.yaml", "companies/claro.yaml", "bodies/aneel.yaml"} <= names


@pytest.mark.parametrize("path", RECORD_FILES, ids=_name)
def test_record_file_validates(path: Path) -> None:
    record = validate_record(str(path), path.read_bytes())
    assert record.id == path.stem, "the file name should be the record id"


def test_sources_file_validates() -> None:
    catalog = validate_sources(str(SOURCES_FILE), SOURCES_FILE.read_bytes())
    ids = [s.id for s in catalog.sources]
    assert len(ids) == len(set(ids)), (
        f"duplicate source ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    )


@pytest.mark.parametrize("path", ALL_FILES, ids=_name)
def test_every_file_has_verified_on(path: Path) -> None:
    assert "verified_on" in _raw(path)


# --- sources ---------------------------------------------------------------------------------


def _source_ids() -> set[str]:
    return {s.id for s in validate_sources(str(SOURCES_FILE), SOURCES_FILE.read_bytes()).sources}


@pytest.mark.parametrize("path", RECORD_FILES, ids=_name)
def test_every_referenced_source_exists(path: Path) -> None:
    record = validate_record(str(path), path.read_bytes())
    missing = record.source_ids() - _source_ids()
    assert not missing, f"{_name(path)} cites unknown sources: {sorted(missing)}"


# Sources behind the program's own sentences (escalate/i18n.py), with the text that cites them.
PROGRAM_CITED = {
    "decreto-11034-2022": "Decreto 11.034/2022, art. 13",
    "safety-advice": "193",
}


def _rule_files():
    from escalate.catalog import yamlfile
    from escalate.records import rules, schema

    def load(name: str, model):
        path = DATA / f"{name}.yaml"
        return schema.validate(model, yamlfile.parse(str(path), path.read_text(encoding="utf-8")))

    return (
        load("ladder", rules.Ladder),
        load("problems", rules.Problems),
        load("law", rules.Law),
    )


def test_every_source_cited_by_the_rules_exists() -> None:
    from escalate.records.rules import cited_sources

    missing = cited_sources(*_rule_files()) - _source_ids()
    assert not missing, f"rule files cite unknown sources: {sorted(missing)}"


def test_every_source_is_used_by_a_record() -> None:
    from escalate.records.rules import cited_sources

    used = set().union(*(record.source_ids() for _p, record in _records().values()))
    used |= cited_sources(*_rule_files())
    orphans = _source_ids() - used - set(PROGRAM_CITED)
    assert not orphans, f"sources.yaml lists sources no record cites: {sorted(orphans)}"


def _blanks(text: str) -> dict[str, str]:
    import string

    return {name: "" for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(("source_id", "citation"), sorted(PROGRAM_CITED.items()))
def test_sources_cited_by_the_program_text_exist_and_are_cited(
    source_id: str, citation: str
) -> None:
    from escalate.i18n import SOURCE, t

    assert source_id in _source_ids()
    for lang in ("pt", "en"):
        assert any(citation in t(lang, key, **_blanks(text)) for key, text in SOURCE.items())


# --- names -----------------------------------------------------------------------------------


def test_record_ids_are_unique_across_files() -> None:
    seen: dict[str, str] = {}
    for path in RECORD_FILES:
        record_id = _raw(path)["id"]
        assert record_id not in seen, f"id {record_id} in {_name(path)} and {seen[record_id]}"
        seen[record_id] = _name(path)


def test_names_lead_to_one_place_only() -> None:
    """An alias (normalized) must not point at two records or units, nor shadow another id."""
    targets: dict[str, set[str]] = defaultdict(set)
    for record_id, (_path, record) in _records().items():
        targets[record_id].add(record_id)
        for alias in record.aliases:
            targets[normalize(alias)].add(record_id)
        for unit in record.units:
            targets[unit.id].add(f"{record_id}/{unit.id}")
            for alias in unit.aliases:
                targets[normalize(alias)].add(f"{record_id}/{unit.id}")
    clashes = {key: sorted(where) for key, where in targets.items() if len(where) > 1}
    assert not clashes, f"names that lead to more than one place: {clashes}"


def test_aliases_are_not_empty_after_normalizing() -> None:
    empty = [
        (record_id, alias)
        for record_id, (_p, record) in _records().items()
        for alias in (*record.aliases, *(a for u in record.units for a in u.aliases))
        if not normalize(alias)
    ]
    assert not empty


# --- phone numbers, short codes, hours, time zones -------------------------------------------

PHONES = _all_phones()


def test_phone_table_is_not_empty() -> None:
    assert len(PHONES) >= 25


def test_lite_package_has_short_number_metadata() -> None:
    # phonenumberslite drops geocoding/carrier data but keeps short numbers: Brazil's 190
    # (police) is known and a random 3 digits are not.
    assert phonenumbers.is_valid_short_number_for_region(phonenumbers.parse("190", "BR"), "BR")
    assert not phonenumbers.is_valid_short_number_for_region(phonenumbers.parse("999", "BR"), "BR")


@pytest.mark.parametrize(("record_id", "channel_id", "phone"), PHONES)
def test_phone_number_is_valid_in_brazil(record_id: str, channel_id: str, phone: str) -> None:
    number = phonenumbers.parse(phone, "BR")
    digits = _digits(phone)
    if 3 <= len(digits) <= 5:
        # Public-service and operator short numbers: 116, 167, 1331, 151, 10621, 1052 …
        assert phonenumbers.is_valid_short_number_for_region(number, "BR"), phone
    else:
        assert phonenumbers.is_valid_number_for_region(number, "BR"), phone
        if digits.startswith("0800"):
            assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE


@pytest.mark.parametrize(("record_id", "channel_id", "code"), _all_short_codes())
def test_sms_short_code_is_4_to_6_digits(record_id: str, channel_id: str, code: str) -> None:
    # SMS short codes (26530, 29810, 27307) are assigned by the operators and are not in
    # libphonenumber's short-number data, so only their shape can be checked here.
    assert re.fullmatch(r"[0-9]{4,6}", code), code


def test_sms_channels_have_a_short_code() -> None:
    missing = [
        (record_id, c.id)
        for record_id, (_p, record) in _records().items()
        for c in record.all_channels()
        if c.kind is ChannelKind.SMS and not c.contact.short_code
    ]
    assert not missing


@pytest.mark.parametrize(("record_id", "channel_id", "text"), _all_hours())
def test_hours_are_valid_opening_hours(record_id: str, channel_id: str, text: str) -> None:
    assert hours.is_valid(text), f"{record_id}/{channel_id}: {text!r}"


def _zones() -> list[tuple[str, str]]:
    out = []
    for record_id, (_p, record) in _records().items():
        out.append((record_id, record.timezone))
        out += [(f"{record_id}/{u.id}", u.timezone) for u in record.units if u.timezone]
    return out


@pytest.mark.parametrize(("where", "zone"), _zones())
def test_time_zone_is_a_zoneinfo_key(where: str, zone: str) -> None:
    assert zone in zoneinfo.available_timezones(), f"{where}: {zone}"
    assert zoneinfo.ZoneInfo(zone).key == zone


# --- status ----------------------------------------------------------------------------------


def _raw_statuses(path: Path) -> list[tuple[str, object]]:
    raw = _raw(path)
    channels = list(raw.get("channels", []))
    for unit in raw.get("units", []):
        channels += list(unit.get("channels", []))
    out = []
    for channel in channels:
        out.append((channel.get("id"), channel.get("status")))
        out += [
            (f"{channel.get('id')}/{k.get('keyword')}", k.get("status"))
            for k in channel.get("keywords", [])
        ]
    return out


@pytest.mark.parametrize("path", RECORD_FILES, ids=_name)
def test_every_status_is_one_of_the_three(path: Path) -> None:
    statuses = _raw_statuses(path)
    assert statuses
    bad = [(where, status) for where, status in statuses if status not in STATUSES]
    assert not bad


@pytest.mark.parametrize("path", RECORD_FILES, ids=_name)
def test_a_disputed_fact_says_why(path: Path) -> None:
    record = validate_record(str(path), path.read_bytes())
    silent = []
    for channel in record.all_channels():
        if channel.status is Status.DISPUTED and not (channel.note or channel.versions):
            silent.append(channel.id)
        for kw in channel.keywords:
            if kw.status is Status.DISPUTED and not (kw.note or channel.note):
                silent.append(f"{channel.id}/{kw.keyword}")
    assert not silent, f"disputed without a note or versions: {silent}"


# --- the seed minimum (FACTS.md sections 1–3) ------------------------------------------------

# (record id, unit id, channel kind, phone as FACTS.md writes it, status FACTS.md gives)
SEED_PHONES = [
    ("elektro", None, "sac", "0800 701 01 02", "reported"),
    ("elektro", None, "sac", "0800 701 01 03", "disputed"),
    ("elektro", None, "sac", "0800 701 01 55", "reported"),
    ("elektro", None, "ouvidoria", "0800 012 40 50", "reported"),
    ("elektro", None, "fax", "(19) 2122-1385", "reported"),
    ("elektro", None, "whatsapp", "(19) 2122-1696", "official"),
    ("claro", None, "sac", "10621", "reported"),
    ("claro", None, "sac", "1052", "reported"),
    ("claro", None, "ouvidoria", "0800 701 0180", "official"),
    ("cemig", None, "sac", "116", "official"),
    ("cemig", None, "sac", "0800 721 0116", "reported"),
    ("cemig", None, "sac", "0800 723 8007", "reported"),
    ("equatorial", "equatorial-pa", "whatsapp", "(91) 3217-8200", "reported"),
    ("equatorial", "equatorial-pa", None, "0800 091 0196", "reported"),
    ("equatorial", "equatorial-al", None, "0800 082 0196", "reported"),
    ("equatorial", "equatorial-al", "whatsapp", "(82) 2126-9200", "reported"),
    ("equatorial", "equatorial-go", None, "0800 062 0196", "reported"),
    ("equatorial", "equatorial-go", "whatsapp", "(62) 3243-2020", "reported"),
    ("equatorial", "equatorial-ap", None, "0800 096 0196", "reported"),
    ("equatorial", "equatorial-pi", "whatsapp", "(86) 3228-8200", "reported"),
    ("equatorial", "ceee-equatorial", None, "0800 721 2333", "reported"),
    ("equatorial", "ceee-equatorial", "whatsapp", "(51) 3382-5500", "reported"),
    ("aneel", None, None, "167", "reported"),
    ("anatel", None, None, "1331", "official"),
    ("anatel", None, None, "1332", "official"),
    ("procon", None, None, "151", "reported"),
]


@pytest.mark.parametrize(("record_id", "unit_id", "kind", "phone", "status"), SEED_PHONES)
def test_seed_phone_is_in_the_catalogue(
    record_id: str, unit_id: str | None, kind: str | None, phone: str, status: str
) -> None:
    matches = [
        c
        for c in _channels_of(record_id, unit_id)
        if c.contact.phone and _digits(c.contact.phone) == _digits(phone)
    ]
    assert len(matches) == 1, f"{record_id}/{unit_id}: {phone} found {len(matches)} times"
    channel = matches[0]
    if kind is not None:
        assert channel.kind == kind
    assert channel.status == status


# (record id, unit id, channel id, hours as FACTS.md gives them)
SEED_HOURS = [
    ("claro", None, "ouvidoria-phone", "Mo-Fr 08:00-18:00; PH off"),
    ("claro", None, "ouvidoria-libras", "Mo-Fr 08:00-18:00; PH off"),
    ("anatel", None, "phone", "Mo-Fr 08:00-20:00"),
    ("elektro", None, "sac-low-voltage", "24/7"),
    ("elektro", None, "sac-medium-high-voltage", "24/7"),
    ("elektro", None, "sac-hearing-impaired", "24/7"),
    ("elektro", None, "chat", "24/7"),
    ("elektro", None, "sms", "24/7"),
    ("cemig", None, "fale-com-a-cemig", "24/7"),
]


@pytest.mark.parametrize(("record_id", "unit_id", "channel_id", "text"), SEED_HOURS)
def test_seed_hours(record_id: str, unit_id: str | None, channel_id: str, text: str) -> None:
    assert _channel(record_id, channel_id, unit_id).hours == text


# (record id, unit id, channel id, what the person must bring or have)
SEED_REQUIREMENTS = [
    ("claro", None, "ouvidoria-phone", {"finished-sac-protocol"}),
    ("claro", None, "ouvidoria-libras", {"finished-sac-protocol"}),
    ("elektro", None, "ouvidoria-phone", {"account-holder", "documents", "earlier-protocols"}),
    ("elektro", None, "ouvidoria-letter", {"account-holder", "documents", "earlier-protocols"}),
    (
        "elektro",
        None,
        "ouvidoria-in-person",
        {"appointment", "account-holder", "earlier-protocols"},
    ),
    ("elektro", None, "chat", {"cpf-or-cnpj", "mobile-number"}),
    ("equatorial", "equatorial-pa", "pa-whatsapp", {"unique-code"}),
    ("equatorial", "equatorial-pa", "pa-agencia-web", {"cpf", "birth-date"}),
    ("consumidor-gov", None, "web", {"govbr-account", "company-joined"}),
    ("anatel", None, "phone", {"sac-protocol"}),
    ("aneel", None, "phone", {"sac-protocol", "earlier-protocols"}),
]


@pytest.mark.parametrize(("record_id", "unit_id", "channel_id", "needs"), SEED_REQUIREMENTS)
def test_seed_requirements(
    record_id: str, unit_id: str | None, channel_id: str, needs: set[str]
) -> None:
    assert needs <= set(_channel(record_id, channel_id, unit_id).requires)


def test_elektro_ouvidoria_letter_address() -> None:
    letters = [c for c in _record("elektro").channels if c.kind is ChannelKind.MAIL]
    assert len(letters) == 1
    address = letters[0].contact.address
    assert address is not None
    assert address.cep == "13053-024"
    assert address.city == "Campinas"
    assert address.state == "SP"
    assert address.street == "Rua Ary Antenor de Souza, 321"
    assert address.district == "Jardim Nova América"
    assert "Ouvidoria" in (address.attention or "")
    assert letters[0].effective_tier == "ouvidoria"


# (record id, unit id, short code, {keyword: status}) — FACTS.md: Elektro's Portuguese
# keywords are unconfirmed guesses and must be disputed; Cemig's and CEEE's are reported.
SEED_SMS = [
    (
        "elektro",
        None,
        "26530",
        {k: "disputed" for k in ("LUZ", "DEBITO", "LEITURA", "RELIGA", "PEDIDO")},
    ),
    ("cemig", None, "29810", {"LUZ": "reported", "CONTA": "reported", "LEITURA": "reported"}),
    ("equatorial", "ceee-equatorial", "27307", {"LUZ": "reported"}),
]


@pytest.mark.parametrize(("record_id", "unit_id", "code", "keywords"), SEED_SMS)
def test_seed_sms_short_code_and_keywords(
    record_id: str, unit_id: str | None, code: str, keywords: dict[str, str]
) -> None:
    sms = [c for c in _channels_of(record_id, unit_id) if c.kind is ChannelKind.SMS]
    assert len(sms) == 1
    channel = sms[0]
    assert channel.contact.short_code == code
    found = {kw.keyword.upper(): kw.status.value for kw in channel.keywords}
    assert found == keywords


# (record id, channel kind, app name or None)
SEED_SELF_SERVICE = [
    ("elektro", "app", "Elektro Fácil"),
    ("elektro", "chat", None),
    ("elektro", "in-person", None),
    ("elektro", "social", None),
    ("cemig", "app", "Cemig Atende"),
    ("cemig", "app", "Cemig Atende Web"),
    ("anatel", "app", "Anatel Consumidor"),
    ("aneel", "app", "ANEEL Consumidor"),
]


@pytest.mark.parametrize(("record_id", "kind", "app_name"), SEED_SELF_SERVICE)
def test_seed_channel_kinds_exist(record_id: str, kind: str, app_name: str | None) -> None:
    channels = [c for c in _record(record_id).channels if c.kind == kind]
    assert channels, f"{record_id} has no {kind} channel"
    if app_name is not None:
        assert app_name in {c.contact.app_name for c in channels}


def test_elektro_app_is_on_android_and_ios() -> None:
    (app,) = [c for c in _record("elektro").channels if c.contact.app_name == "Elektro Fácil"]
    assert set(app.contact.platforms) == {"Android", "iOS"}


def test_cemig_whatsapp_is_disputed_between_two_numbers() -> None:
    (whatsapp,) = [c for c in _record("cemig").channels if c.kind is ChannelKind.WHATSAPP]
    assert whatsapp.status is Status.DISPUTED
    assert whatsapp.contact.is_empty(), "a disputed number must not be printed as the contact"
    assert sorted(_digits(v.contact.phone or "") for v in whatsapp.versions) == [
        "3135061116",
        "3135061160",
    ]
    assert all(v.sources for v in whatsapp.versions)
    assert len({v.sources for v in whatsapp.versions}) == 2, "each version has its own source"


def test_juizado_states_the_minimum_wage_limits() -> None:
    record = _record("juizado")
    texts = [record.summary.pt if record.summary else ""]
    for channel in record.channels:
        if channel.services:
            texts += [channel.services.pt, channel.services.en]
    joined = "\n".join(texts)
    assert re.search(r"\b40 salários mínimos\b", joined)
    assert re.search(r"\b20 salários mínimos\b", joined)
    assert re.search(r"\b40 minimum wages\b", joined)
    assert re.search(r"\b20 minimum wages\b", joined)
    # 2026: R$ 1.621,00 × 20 and × 40.
    assert "R$ 32.420,00" in joined
    assert "R$ 64.840,00" in joined


# (record id, kind, sector or None, sectors it applies to)
SEED_RECORDS = [
    ("elektro", "company", "energy", ()),
    ("claro", "company", "telecom", ()),
    ("cemig", "company", "energy", ()),
    ("equatorial", "company", "energy", ()),
    ("aneel", "public-body", None, ("energy",)),
    ("anatel", "public-body", None, ("telecom",)),
    ("procon", "public-body", None, ("energy", "telecom")),
    ("juizado", "public-body", None, ("energy", "telecom")),
    ("consumidor-gov", "public-body", None, ("energy", "telecom")),
    ("reclame-aqui", "public-body", None, ("energy", "telecom")),
    ("justica-comum", "public-body", None, ("energy", "telecom")),
]


@pytest.mark.parametrize(("record_id", "kind", "sector", "applies_to"), SEED_RECORDS)
def test_seed_records_exist_with_their_sector(
    record_id: str, kind: str, sector: str | None, applies_to: tuple[str, ...]
) -> None:
    record = _record(record_id)
    assert record.kind == kind
    assert record.sector == sector
    assert tuple(record.applies_to) == applies_to
