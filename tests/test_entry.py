"""The core's entry points, called as a web front would: keyword-only, parsed values in, result
objects and typed errors out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from escalate import entry
from escalate.advice.advisor import UnknownChoice, UnknownProblem, UnknownStage
from escalate.advice.lookup import StateNotServed
from escalate.cases import casefile, journal
from escalate.errors import UnknownName

TODAY = dt.date(2026, 11, 25)


def _now(record: Any, unit: Any) -> dt.datetime:
    return dt.datetime(2026, 11, 25, 10, 0)


def _advise(cat: Any, rules: Any, **given: Any) -> Any:
    return entry.advise_for(catalog=cat, rules=rules, today=TODAY, now_at=_now, **given)


@pytest.mark.parametrize(
    ("given", "stage", "step", "mode"),
    [
        ({"company": "elektro", "stage": "sac-failed"}, "sac-failed", "ouvidoria", "act"),
        ({"company": "net", "stage": "ouvidoria-failed"}, "ouvidoria-failed", "regulator", "act"),
        ({"company": "claro", "stage": "sac-open", "since": TODAY}, "sac-open", "sac", "wait"),
        ({"sector": "energy", "stage": "start"}, "start", "sac", "act"),
        ({"company": "elektro", "problem": "hazard"}, "start", None, "hazard"),
    ],
)
def test_advise_for_gives_the_next_step(
    cat: Any, rules: Any, given: dict[str, Any], stage: str, step: str | None, mode: str
) -> None:
    result = _advise(cat, rules, **given)
    assert (result.advice.stage, result.advice.mode) == (stage, mode)
    assert (result.advice.step.id if result.advice.step else None) == step


def test_a_unit_is_found_by_state_or_by_its_own_name(cat: Any, rules: Any) -> None:
    by_state = _advise(cat, rules, company="equatorial", state="al", stage="start")
    by_name = _advise(cat, rules, company="equatorial-al", stage="start")
    assert by_state.unit.id == by_name.unit.id == "equatorial-al"
    assert by_state.request.state == "AL"


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ({"company": "nothing-like-it"}, UnknownName),
        ({"company": "aneel"}, entry.NotACompany),
        ({"company": "elektro", "state": "ZZ"}, entry.BadState),
        ({"company": "equatorial", "state": "SP"}, StateNotServed),
        ({"company": "elektro", "sector": "telecom"}, entry.SectorMismatch),
        ({"company": "claro", "problem": "meter-fraud"}, entry.ProblemNotForSector),
        ({"company": "elektro", "stage": "limbo"}, UnknownStage),
        ({"company": "elektro", "problem": "ghosts", "stage": "start"}, UnknownProblem),
        (
            {
                "company": "elektro",
                "problem": "reconnection",
                "stage": "start",
                "answers": {"cut": "x"},
            },
            UnknownChoice,
        ),
    ],
)
def test_advise_for_raises_typed_errors(
    cat: Any, rules: Any, given: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        _advise(cat, rules, **{"stage": "start", **given})


def test_advise_for_a_case_is_the_case_advice(cat: Any, rules: Any, home: Any) -> None:
    conn = journal.connect(home / "journal.sqlite3")
    case_id = journal.new_case(conn, company="claro", problem="outage", title="x", created=TODAY)
    journal.log_contact(
        conn, case_id, channel="sac", date=TODAY - dt.timedelta(days=9), protocol="1"
    )
    found = journal.get_case(conn, case_id)
    result = _advise(cat, rules, case=found)
    core = casefile.case_advice(
        found, company=cat.record("claro"), rules=rules, today=TODAY, now=_now(None, None)
    )
    assert result.advice == core.advice
    assert result.case_id == case_id
    assert [c.protocol for c in result.protocols] == ["1"]
    # A value given takes precedence over what the case says.
    other = _advise(cat, rules, case=found, stage="ouvidoria-failed")
    assert other.advice.step.id == "regulator"
    journal.close_case(conn, case_id, on=TODAY)
    journal.log_contact(conn, case_id, channel="sac", date=TODAY, outcome="solved")
    assert _advise(cat, rules, case=journal.get_case(conn, case_id)) is None  # solved


@pytest.mark.parametrize(
    ("sector", "state", "present", "absent"),
    [
        ("energy", "SP", {"aneel", "procon", "consumidor-gov", "juizado"}, {"anatel"}),
        ("telecom", "RJ", {"anatel", "procon"}, {"aneel"}),
        (None, None, {"aneel", "anatel"}, set()),
    ],
)
def test_bodies_for_a_sector_and_state(
    cat: Any, sector: str | None, state: str | None, present: set[str], absent: set[str]
) -> None:
    ids = [b.id for b in entry.bodies_for(cat, sector=sector, state=state)]
    assert present <= set(ids)
    assert not absent & set(ids)
    ranks = [cat.entries[i].rank if cat.entries[i].rank is not None else 999 for i in ids]
    assert ranks == sorted(ranks)  # in ladder rank


def test_find_company(cat: Any) -> None:
    record, unit = entry.find_company(cat, "NET")
    assert (record.id, unit) == ("claro", None)
    record, unit = entry.find_company(cat, "CEA Equatorial")
    assert (record.id, unit) == ("equatorial", "equatorial-ap")


def test_catalog_find_gives_the_record_and_the_unit(cat: Any) -> None:
    record, unit = cat.find("CEA Equatorial")
    assert (record.id, unit.id if unit else None) == ("equatorial", "equatorial-ap")
    record, unit = cat.find("ANEEL")  # public bodies too
    assert (record.id, unit) == ("aneel", None)
    with pytest.raises(UnknownName):
        cat.find("nothing-like-it")


# --- checklist_for: what `escalate checklist` and the web checklist page both call ---------


@pytest.mark.parametrize(
    ("given", "channel", "has"),
    [
        ({}, "procon", "O seu CPF."),
        ({"company": "elektro", "problem": "religação"}, "aneel", None),  # an alias
        ({"problem": "outage"}, "jec", None),  # a name people type for the channel
    ],
)
def test_checklist_for_gives_the_checklist(
    cat: Any, given: dict[str, Any], channel: str, has: str | None
) -> None:
    result = entry.checklist_for(catalog=cat, channel=channel, **given)
    assert result.items
    if "company" in given:
        assert result.company is not None and result.company.sector is not None
        assert result.company.sector in result.checklist.sectors
    if has is not None:
        assert any(item.what.get("pt") == has for item in result.items)


def test_checklist_for_a_group_in_a_state_is_its_member(cat: Any) -> None:
    result = entry.checklist_for(catalog=cat, channel="ouvidoria", company="neoenergia", state="SP")
    assert result.company.id == "elektro"


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ({"channel": "nowhere"}, "UnknownChannel"),
        ({"company": "nothing-like-it"}, "UnknownCompany"),
        ({"company": "aneel"}, "NotACompany"),
        ({"state": "ZZ"}, "BadState"),
        ({"company": "equatorial", "state": "SP"}, "StateNotServed"),
        ({"problem": "ghosts"}, "UnknownProblem"),
        ({"channel": "aneel", "company": "claro"}, "ChannelNotForSector"),
        ({"company": "claro", "problem": "meter-fraud"}, "ProblemNotForSector"),
    ],
)
def test_checklist_for_raises_typed_errors(cat: Any, given: dict[str, Any], error: str) -> None:
    with pytest.raises(Exception) as raised:
        entry.checklist_for(catalog=cat, **{"channel": "procon", **given})
    assert type(raised.value).__name__ == error


# --- each typed error, said in the person's language (both fronts say them so) --------------


@pytest.mark.parametrize(
    ("call", "pt", "code"),
    [
        (
            lambda cat, rules: _advise(cat, rules, company="nothing-like-it"),
            "empresa desconhecida: 'nothing-like-it'",
            1,
        ),
        (lambda cat, rules: _advise(cat, rules, company="aneel"), "ANEEL", 1),
        (
            lambda cat, rules: _advise(cat, rules, company="elektro", state="ZZ"),
            "não é uma sigla de estado: 'ZZ'",
            2,
        ),
        (
            lambda cat, rules: _advise(cat, rules, company="equatorial", state="SP"),
            "não tem atendimento cadastrado para o estado 'SP'",
            1,
        ),
        (lambda cat, rules: _advise(cat, rules, company="elektro", sector="telecom"), "Elektro", 2),
        (
            lambda cat, rules: _advise(cat, rules, company="claro", problem="meter-fraud"),
            "o problema 'meter-fraud' é para empresas de energia",
            2,
        ),
        (
            lambda cat, rules: _advise(cat, rules, company="elektro", stage="limbo"),
            "etapa desconhecida: 'limbo'",
            2,
        ),
        (
            lambda cat, rules: _advise(cat, rules, problem="ghosts", stage="start"),
            "problema desconhecido: 'ghosts'",
            2,
        ),
        (
            lambda cat, rules: entry.checklist_for(catalog=cat, channel="nowhere"),
            "canal desconhecido: 'nowhere'",
            1,
        ),
        (
            lambda cat, rules: entry.checklist_for(catalog=cat, channel="aneel", company="claro"),
            "Reclamação na ANEEL é para empresas de energia",
            2,
        ),
    ],
)
def test_each_typed_error_is_said_in_portuguese(
    cat: Any, rules: Any, call: Any, pt: str, code: int
) -> None:
    from escalate.errors import EscalateError
    from escalate.output.explain import explain

    with pytest.raises(EscalateError) as raised:
        call(cat, rules)
    said = explain(raised.value, "pt")
    assert pt in said.said("pt")[0]
    assert said.exit_code == code
    assert explain(said, "pt") is said  # said once: saying it again changes nothing


@pytest.mark.parametrize(
    "call",
    [
        lambda cat, rules: _advise(cat, rules, sector="zzz", stage="start"),
        lambda cat, rules: _advise(cat, rules, company="claro", sector="Energy", stage="start"),
        lambda cat, rules: entry.checklist_for(catalog=cat, channel="procon", sector="zzz"),
    ],
)
def test_a_sector_that_is_not_one_is_a_typed_error(cat: Any, rules: Any, call: Any) -> None:
    from escalate.output.explain import explain

    with pytest.raises(entry.BadSector) as raised:
        call(cat, rules)
    said = explain(raised.value, "pt")
    assert said.said("pt")[0].startswith("serviço desconhecido: ")
    assert said.exit_code == 2
