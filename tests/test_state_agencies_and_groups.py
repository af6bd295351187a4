"""The state agencies that act for ANEEL, in the regulator step of their own state only; and a
group that points to a member with its own record (Neoenergia in SP and MS is Elektro)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import DATA
from escalate import entry
from escalate.advice.lookup import StateNotServed
from escalate.catalog.store import validate_record
from escalate.cli.main import app
from escalate.records.models import Channel, ChannelKind, Tier

runner = CliRunner()
PT, EN = ("--lang", "pt"), ("--lang", "en")
TODAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 10, tzinfo=dt.timezone(dt.timedelta(hours=-3)))


def _aneel() -> dict[str, Channel]:
    path = DATA / "bodies" / "aneel.yaml"
    return {c.id: c for c in validate_record(str(path), path.read_bytes()).channels}


# (channel id, its state, the phone the research gives or None, status, source)
AGENCIES = [
    ("arce-ce", "CE", None, "reported", "blogdoamauryalencar-2025-arce"),
    ("arpe-pe-ouvidoria", "PE", "0800 727 0167", "reported", "taquaritinga-leg-arpe"),
    ("agergs-rs", "RS", None, "reported", "aneel-consumer-guidance"),
    ("agepan-ms", "MS", None, "reported", "aneel-consumer-guidance"),
    ("arsal-al", "AL", None, "reported", "aneel-consumer-guidance"),
]


@pytest.mark.parametrize(("channel_id", "state", "phone", "status", "source"), AGENCIES)
def test_each_agency_is_what_the_research_gives(
    channel_id: str, state: str, phone: str | None, status: str, source: str
) -> None:
    channel = _aneel()[channel_id]
    assert channel.kind is ChannelKind.AGENCY
    assert channel.effective_tier is Tier.EXTERNAL
    assert channel.states == (state,)
    assert channel.contact.phone == phone
    assert channel.contact.short_code is None and channel.contact.url is None
    assert channel.status.value == status
    assert channel.sources == (source,)
    if phone is None:  # no contact was found: it says so, and where else to go
        assert channel.note is not None
        assert "não traz o contato" in channel.note.pt and "167" in channel.note.pt
        assert "does not give" in channel.note.en and "167" in channel.note.en


def test_arpe_is_the_state_agency_not_the_company_ouvidoria(cat: Any) -> None:
    arpe = _aneel()["arpe-pe-ouvidoria"]
    assert arpe.note is not None and "não é a ouvidoria da neoenergia" in arpe.note.pt.lower()
    neo = cat.record("neoenergia")
    assert all(c.contact.phone != "0800 727 0167" for c in neo.all_channels())


# The person's state → the agency channel the regulator step names (None: ANEEL alone).
REGULATOR_STEP = [
    ("CE", "arce-ce"),
    ("PE", "arpe-pe-ouvidoria"),
    ("RS", "agergs-rs"),
    ("MS", "agepan-ms"),
    ("AL", "arsal-al"),
    ("SP", None),
    ("BA", None),
    (None, None),
]
AGENCY_IDS = {a[0] for a in AGENCIES}


def _advice(cat: Any, rules: Any, **given: Any) -> Any:
    return entry.advise_for(
        catalog=cat,
        rules=rules,
        today=TODAY,
        now_at=lambda record, unit: NOW,
        stage="ouvidoria-failed",
        **given,
    )


@pytest.mark.parametrize(("state", "agency"), REGULATOR_STEP)
def test_the_regulator_step_names_the_state_agency(
    cat: Any, rules: Any, state: str | None, agency: str | None
) -> None:
    result = _advice(cat, rules, sector="energy", state=state)
    advice = result.advice
    assert advice.step.id == "regulator"
    ids = [c.channel.id for c in advice.contacts]
    assert ids[0] == "phone"  # ANEEL's 167 stays first: it serves everyone
    assert "167" in {c.channel.contact.phone for c in advice.contacts}
    shown = [i for i in ids if i in AGENCY_IDS]
    assert shown == ([agency] if agency else [])


@pytest.mark.parametrize(
    ("company", "state", "agency"),
    [
        ("enel", "CE", "arce-ce"),  # the unit of the state
        ("enel-ce", None, "arce-ce"),  # the unit's own state
        ("celpe", None, "arpe-pe-ouvidoria"),
        ("rge", None, "agergs-rs"),  # a company of one state
        ("equatorial-al", None, "arsal-al"),
        ("enel-sp", None, None),
        ("elektro", "MS", "agepan-ms"),
        ("elektro", None, None),  # SP or MS: the state is not known
    ],
)
def test_a_company_gets_the_agency_of_its_state(
    cat: Any, rules: Any, company: str, state: str | None, agency: str | None
) -> None:
    result = _advice(cat, rules, company=company, state=state)
    shown = [c.channel.id for c in result.advice.contacts if c.channel.id in AGENCY_IDS]
    assert shown == ([agency] if agency else [])


def test_the_agency_comes_back_when_the_regulator_step_is_later(cat: Any, rules: Any) -> None:
    """At the ouvidoria's step, "if this does not solve it" names the regulator with the
    state's agency."""
    result = entry.advise_for(
        catalog=cat,
        rules=rules,
        today=TODAY,
        now_at=lambda record, unit: NOW,
        stage="sac-failed",
        company="enel-ce",
    )
    regulator = next(later for later in result.advice.later if later.step.id == "regulator")
    assert "arce-ce" in [c.channel.id for c in regulator.contacts]


def test_advise_in_ceara_says_arce_marked_reported() -> None:
    result = runner.invoke(
        app,
        ["advise", "--sector", "energy", "--state", "CE", "--stage", "ouvidoria-failed", *PT],
    )
    assert result.exit_code == 0, result.output
    where = result.stdout[result.stdout.index("Onde") : result.stdout.index("Tenha em mãos")]
    line = next(x for x in where.splitlines() if "Arce" in x)
    assert "agência estadual que atua pela ANEEL no Ceará" in line
    assert line.rstrip().endswith("*")  # reported, with the legend's mark
    assert "* informado por terceiros" in result.stdout


def test_advise_in_pernambuco_gives_arpe_number() -> None:
    result = runner.invoke(
        app,
        ["advise", "--company", "celpe", "--stage", "ouvidoria-failed", "--lang", "en"],
    )
    assert result.exit_code == 0, result.output
    arpe = r"Arpe, ouvidoria of Pernambuco's state agency: 0800 727 0167 \*"
    assert re.search(arpe, result.stdout)
    assert "Arce" not in result.stdout


def test_lookup_aneel_marks_each_agency_with_its_state() -> None:
    result = runner.invoke(app, ["lookup", "aneel", "--lang", "en"])
    assert result.exit_code == 0, result.output
    for name, state in (("Arce", "CE"), ("Arpe", "PE"), ("AGERGS", "RS"), ("Agepan", "MS")):
        line = next(x for x in result.stdout.splitlines() if x.lstrip("• ").startswith(name))
        assert f"only in {state}" in line, line


def test_lookup_aneel_in_one_state_shows_only_its_agency() -> None:
    result = runner.invoke(app, ["lookup", "aneel", "--state", "pe", "--json"])
    assert result.exit_code == 0, result.output
    ids = [c["id"] for c in json.loads(result.stdout)["channels"]]
    assert "arpe-pe-ouvidoria" in ids and not (AGENCY_IDS - {"arpe-pe-ouvidoria"}) & set(ids)


# --- a group's member with its own record --------------------------------------------------------


def test_advise_for_neoenergia_in_sp_is_for_elektro(cat: Any, rules: Any) -> None:
    result = _advice(cat, rules, company="neoenergia", state="SP")
    assert result.company.id == "elektro" and result.unit is None
    assert result.request.state == "SP"


def test_neoenergia_where_no_company_of_the_group_serves(cat: Any) -> None:
    with pytest.raises(StateNotServed) as caught:
        entry.serving(cat, cat.record("neoenergia"), None, "RJ")
    assert caught.value.served == ["BA", "DF", "MS", "PE", "RN", "SP"]


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["--state", "SP", "--lang", "pt"], "Neoenergia em SP é a Neoenergia Elektro, empresa do"),
        (["--state", "MS", "--lang", "en"], "Neoenergia in MS is Neoenergia Elektro, a company"),
    ],
)
def test_lookup_neoenergia_in_sp_says_it_is_elektro(args: list[str], first_line: str) -> None:
    result = runner.invoke(app, ["lookup", "neoenergia", *args])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(first_line)
    assert lines[1].startswith("Neoenergia Elektro")
    assert "0800 701 01 02" in result.stdout  # Elektro's SAC


def test_lookup_neoenergia_json_names_the_group() -> None:
    result = runner.invoke(app, ["lookup", "neoenergia", "--state", "SP", "--json"])
    document = json.loads(result.stdout)
    assert document["group"] == {"id": "neoenergia", "name": "Neoenergia"}
    assert document["record"]["id"] == "elektro"
    plain = json.loads(runner.invoke(app, ["lookup", "neoenergia", "--json"]).stdout)
    assert plain["group"] is None and plain["record"]["members"] == ["elektro"]


def test_lookup_neoenergia_in_rj_lists_every_state_of_the_group() -> None:
    result = runner.invoke(app, ["lookup", "neoenergia", "--state", "RJ", "--lang", "pt"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "escalate: erro: Neoenergia não tem atendimento cadastrado para o estado 'RJ'; "
        "atende: BA, DF, MS, PE, RN, SP"
    )


def test_a_case_for_neoenergia_in_sp_is_elektro_s(home: Path) -> None:
    made = runner.invoke(
        app,
        ["case", "new", "--company", "neoenergia", "--state", "SP", "--title", "Luz", *EN],
    )
    assert made.exit_code == 0, made.output
    assert "opened for Neoenergia Elektro" in made.stdout
    shown = json.loads(runner.invoke(app, ["case", "show", "1", "--json"]).stdout)
    assert shown["case"]["company"] == "elektro"


def test_a_checklist_for_neoenergia_in_ms_names_elektro() -> None:
    result = runner.invoke(
        app, ["checklist", "aneel", "--company", "neoenergia", "--state", "MS", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "Neoenergia Elektro · MS" in result.stdout


def test_a_company_lookup_names_the_agency_beside_its_number() -> None:
    """Arpe's number under ANEEL's line carries Arpe's name: never taken for ANEEL's own."""
    result = runner.invoke(app, ["lookup", "celpe", "--lang", "pt"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if "ANEEL:" in x)
    assert "Arpe, ouvidoria da agência estadual de Pernambuco: 0800 727 0167 *" in line
    assert "Arce" not in result.stdout
