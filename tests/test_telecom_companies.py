"""The telecom operators (Vivo, TIM, Oi, Sky, Algar) and Claro's two services.

Every number a consumer is told must be one the research notes give for that company, with the
status they give it (issue 15). The tables below are those facts, written out by hand: a number
added to a file without a row here, a wrong digit, or a status changed fails. So does a number
the research did not find (Oi's current SAC, a Sky or Algar line for hearing-impaired people).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

import pytest

from conftest import DATA
from escalate.catalog.store import validate_record
from escalate.records.models import Audience, Channel, ChannelKind, Record, Tier

TELECOM_IDS = ("vivo", "tim", "oi", "sky", "algar")
RESEARCHED_ON = dt.date(2026, 11, 30)


@cache
def _record(record_id: str) -> Record:
    path = DATA / "companies" / f"{record_id}.yaml"
    return validate_record(str(path), path.read_bytes())


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _texts(record: Record) -> list[str]:
    """Every piece of prose in a record, both languages."""
    texts = [*(record.summary.pt, record.summary.en)] if record.summary else []
    for note in record.notes:
        texts += [note.pt, note.en]
    for channel in record.all_channels():
        for text in (channel.label, channel.services, channel.note):
            if text is not None:
                texts += [text.pt, text.en]
    return texts


# --- the numbers, as the research gives them --------------------------------------------------

# (record id, channel kind, number as written in the research, status, a source it must cite)
# A number starting with "*" (dialled from the operator's own lines) cannot be a contact
# phone: it is written in the channel's label.
PRESS_2020 = "anatel-ouvidoria-press-2020"
NUMBERS = [
    # Vivo: ouvidoria from Anatel's list as the press reproduced it (2020) and two pages; the
    # rest from one blog.
    ("vivo", "ouvidoria", "0800 775 1212", "reported", PRESS_2020),
    ("vivo", "sac", "1058", "reported", "zapoo-vivo"),
    ("vivo", "sac", "*8486", "reported", "zapoo-vivo"),
    ("vivo", "sac", "142", "reported", "zapoo-vivo"),
    ("vivo", "sac", "10315", "reported", "zapoo-vivo"),
    ("vivo", "sac", "10615", "reported", "zapoo-vivo"),
    ("vivo", "whatsapp", "(11) 99915-1515", "reported", "zapoo-vivo"),
    # TIM: ouvidoria from Anatel's list; the rest from one blog.
    ("tim", "ouvidoria", "0800 882 0041", "reported", PRESS_2020),
    ("tim", "sac", "*144", "reported", "appsreais-tim"),
    ("tim", "sac", "1056", "reported", "appsreais-tim"),
    ("tim", "sac", "103 41", "reported", "appsreais-tim"),
    ("tim", "sac", "0800 741 2580", "reported", "appsreais-tim"),
    # Oi: only the ouvidoria (its current SAC was not found).
    ("oi", "ouvidoria", "0800 031 7923", "reported", PRESS_2020),
    # Sky: ouvidoria from Anatel's list; the SAC from a customer's quote of 2018 (old).
    ("sky", "ouvidoria", "0800 728 7160", "reported", PRESS_2020),
    ("sky", "sac", "106 11", "reported", "minhaoperadora-2018"),
    # Algar Telecom: the central, from a reseller's page.
    ("algar", "sac", "103 12", "reported", "algarcompra-cancelamento"),
    # Claro: residential (NET) and mobile. 10621 and 1052 are the seed facts (tests/test_data.py);
    # the mobile ouvidoria is from Anatel's list (2020).
    ("claro", "sac", "10621", "reported", "minhaoperadora-2022"),
    ("claro", "sac", "1052", "reported", "minhaoperadora-2022"),
    ("claro", "ouvidoria", "0800 701 0180", "official", "claro-ouvidoria-page"),
    ("claro", "ouvidoria", "0800 0200 200", "reported", PRESS_2020),
]
COMPANIES = sorted({row[0] for row in NUMBERS})


def _numbers_in_contacts(record: Record) -> list[tuple[Channel, str]]:
    out = []
    for channel in record.all_channels():
        for contact in (channel.contact, *(v.contact for v in channel.versions)):
            out += [(channel, n) for n in (contact.phone, contact.short_code) if n]
    return out


def _star_codes(record: Record) -> list[tuple[Channel, str]]:
    out = []
    for channel in record.all_channels():
        for text in (channel.label, channel.services, channel.note):
            if text is not None:
                codes = re.findall(r"\*\d+", text.pt) + re.findall(r"\*\d+", text.en)
                out += [(channel, code) for code in sorted(set(codes))]
    return out


def _found(record: Record, number: str) -> list[Channel]:
    if number.startswith("*"):
        channels = [c for c, code in _star_codes(record) if code == number]
        return list({id(c): c for c in channels}.values())
    return [c for c, n in _numbers_in_contacts(record) if _digits(n) == _digits(number)]


@pytest.mark.parametrize(("record_id", "kind", "number", "status", "source"), NUMBERS)
def test_number_is_in_the_file_once_with_its_status(
    record_id: str, kind: str, number: str, status: str, source: str
) -> None:
    matches = _found(_record(record_id), number)
    assert len(matches) == 1, f"{record_id}: {number} found {len(matches)} times"
    channel = matches[0]
    assert channel.kind == kind
    assert channel.status == status
    assert source in channel.sources


@pytest.mark.parametrize("record_id", COMPANIES)
def test_every_number_in_the_file_is_in_the_table(record_id: str) -> None:
    record = _record(record_id)
    expected = {_digits(n) for r, _k, n, _s, _src in NUMBERS if r == record_id}
    in_contacts = {_digits(n) for _c, n in _numbers_in_contacts(record)}
    assert in_contacts - expected == set(), "a number with no row in NUMBERS"
    stars = {code for _c, code in _star_codes(record)}
    expected_stars = {n for r, _k, n, _s, _src in NUMBERS if r == record_id and n[0] == "*"}
    assert stars == expected_stars


# Numbers written in prose (notes, services, labels) must be ones of the table too: a 0800, a
# (DDD) number, or an operator short number of 3 to 5 digits (written "103 12" or "10621").
_NUMBER_IN_TEXT = re.compile(
    r"(?<![\d.,/*])(0800[\d ]{6,10}\d|\(\d\d\) \d{4,5}-\d{4}|1\d{2}(?: \d{2})?|1\d{3,4})(?![\d/])"
)


@pytest.mark.parametrize("record_id", COMPANIES)
def test_numbers_written_in_the_prose_are_in_the_table(record_id: str) -> None:
    expected = {_digits(n) for r, _k, n, _s, _src in NUMBERS if r == record_id}
    found = {
        m.strip() for text in _texts(_record(record_id)) for m in _NUMBER_IN_TEXT.findall(text)
    }
    unknown = sorted(n for n in found if _digits(n) not in expected)
    assert not unknown, f"{record_id}: numbers in the prose with no row in NUMBERS: {unknown}"


# (record id, the ouvidoria's e-mail address)
EMAILS = [("oi", "ouvidoria@oi.net.br")]


@pytest.mark.parametrize(("record_id", "email"), EMAILS)
def test_ouvidoria_email(record_id: str, email: str) -> None:
    record = _record(record_id)
    found = [c for c in record.all_channels() if c.contact.email]
    assert [c.contact.email for c in found] == [email]
    (channel,) = found
    assert channel.kind is ChannelKind.EMAIL
    assert channel.effective_tier == Tier.OUVIDORIA
    assert channel.status == "reported"
    assert PRESS_2020 in channel.sources


# --- the statuses' notes: one blog, a reseller, old ---------------------------------------------

# (record id, number, words its note must contain in pt and in en)
NOTES = [
    *[("vivo", n, ("blog", "blog")) for n in ("1058", "*8486", "142", "10315", "10615")],
    ("vivo", "(11) 99915-1515", ("blog", "blog")),
    *[("tim", n, ("blog", "blog")) for n in ("*144", "1056", "103 41", "0800 741 2580")],
    ("sky", "106 11", ("2018", "2018")),
    ("algar", "103 12", ("revendedor", "reseller")),
]


@pytest.mark.parametrize(("record_id", "number", "words"), NOTES)
def test_weak_sources_are_said_in_the_note(
    record_id: str, number: str, words: tuple[str, str]
) -> None:
    (channel,) = _found(_record(record_id), number)
    assert channel.note is not None
    assert words[0] in channel.note.pt
    assert words[1] in channel.note.en


# --- what the research did not find stays out, and is said ------------------------------------


def test_oi_has_no_sac_and_says_to_look_on_the_bill() -> None:
    record = _record("oi")
    first_line = [c.id for c in record.all_channels() if c.effective_tier == Tier.FIRST_LINE]
    assert first_line == [], "Oi's current SAC was not found: no first-line channel"
    notes = [(n.pt, n.en) for n in record.notes]
    assert any("SAC" in pt and "conta" in pt and "bill" in en for pt, en in notes)


def test_oi_says_its_mobile_customers_moved() -> None:
    record = _record("oi")
    assert record.summary is not None
    for text in (record.summary.pt, record.summary.en):
        assert all(name in text for name in ("Claro", "TIM", "Vivo"))
    assert any("gov.br/anatel" in n.pt and "gov.br/anatel" in n.en for n in record.notes)


@pytest.mark.parametrize("record_id", ["sky", "algar"])
def test_no_hearing_impaired_line_where_none_was_found(record_id: str) -> None:
    record = _record(record_id)
    assert not [c.id for c in record.all_channels() if Audience.HEARING_IMPAIRED in c.audience]
    assert any("auditiva" in n.pt and "hearing" in n.en for n in record.notes)


def test_algar_has_no_ouvidoria_and_says_to_ask_the_sac() -> None:
    record = _record("algar")
    assert not [c.id for c in record.all_channels() if c.effective_tier == Tier.OUVIDORIA]
    assert any("ouvidoria" in n.pt and "SAC" in n.pt and "SAC" in n.en for n in record.notes)


def test_no_company_says_how_long_its_ouvidoria_takes() -> None:
    # The research gives no deadline for these ouvidorias (only Claro's residential one: 10 days).
    for record_id in TELECOM_IDS:
        for channel in _record(record_id).all_channels():
            if channel.effective_tier == Tier.OUVIDORIA and channel.services:
                assert not re.search(r"\d+ dias", channel.services.pt), channel.id


# --- Claro: each channel says which service it is for ------------------------------------------


def test_each_claro_channel_names_its_service() -> None:
    for channel in _record("claro").channels:
        pt, en = channel.label.pt, channel.label.en
        residential = "residencial (NET)" in pt and "residential (NET)" in en
        mobile = "celular" in pt and "mobile" in en
        assert residential != mobile, f"{channel.id}: {pt!r} / {en!r}"


def test_claro_ouvidorias_by_service() -> None:
    ouvidorias = {
        _digits(c.contact.phone or ""): c
        for c in _record("claro").channels
        if c.kind is ChannelKind.OUVIDORIA
    }
    assert set(ouvidorias) == {"08007010180", "08000200200"}
    assert Audience.RESIDENTIAL in ouvidorias["08007010180"].audience
    assert Audience.MOBILE in ouvidorias["08000200200"].audience


# --- the records ---------------------------------------------------------------------------------


@pytest.mark.parametrize("record_id", TELECOM_IDS)
def test_telecom_record(record_id: str) -> None:
    record = _record(record_id)
    assert record.sector == "telecom"
    assert record.regulator == "anatel"
    assert record.verified_on == RESEARCHED_ON
    assert record.id == record_id


# (what people type, record id)
NAMES = [
    ("vivo", "vivo"),
    ("telefonica", "vivo"),
    ("Telefônica", "vivo"),
    ("tim", "tim"),
    ("TIM", "tim"),
    ("oi", "oi"),
    ("oi-fixo", "oi"),
    ("sky", "sky"),
    ("algar", "algar"),
    ("algar-telecom", "algar"),
    ("Algar Telecom", "algar"),
    ("claro-movel", "claro"),
]


@pytest.mark.parametrize(("typed", "record_id"), NAMES)
def test_what_people_type_finds_the_company(typed: str, record_id: str, cat: Any) -> None:
    record, unit = cat.find(typed)
    assert record.id == record_id
    assert unit is None
