"""Brazilian input wherever a person types: dates (DD/MM/AAAA, DD/MM, hoje, ontem, anteontem),
hours (14h30), moments (ontem 14h30), amounts (R$ 1.500,50), the words people use for
problems, stages, channels and outcomes (aliases from the data; outcomes in one place in the
code), their completion, and the interview answered in Portuguese."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import DATA
from escalate.advice import interview
from escalate.cli.main import app
from escalate.errors import UsageError
from test_completion import bash_complete

runner = CliRunner()

# The clock of every test (conftest: ESCALATE_NOW=2026-11-25T10:00-03:00), a Wednesday.
TODAY = dt.date(2026, 11, 25)


def run(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "today", "expected"),
    [
        ("24/11/2026", TODAY, dt.date(2026, 11, 24)),
        ("25/11/2026", TODAY, TODAY),
        ("1/2/2026", TODAY, dt.date(2026, 2, 1)),
        (" 03/11/2026 ", TODAY, dt.date(2026, 11, 3)),
        ("03-11-2026", TODAY, dt.date(2026, 11, 3)),
        ("03.11.2026", TODAY, dt.date(2026, 11, 3)),
        ("2026-11-03", TODAY, dt.date(2026, 11, 3)),
        # DD/MM: this year, or last year while this year's is still ahead
        ("20/11", TODAY, dt.date(2026, 11, 20)),
        ("25/11", TODAY, TODAY),
        ("26/11", TODAY, dt.date(2025, 11, 26)),
        ("31/12", TODAY, dt.date(2025, 12, 31)),
        ("01/01", TODAY, dt.date(2026, 1, 1)),
        ("5/3", dt.date(2026, 1, 10), dt.date(2025, 3, 5)),
        # words, any case, with or without accents
        ("hoje", TODAY, TODAY),
        ("Hoje", TODAY, TODAY),
        ("HOJE", TODAY, TODAY),
        ("ontem", TODAY, dt.date(2026, 11, 24)),
        ("Ontem", TODAY, dt.date(2026, 11, 24)),
        ("anteontem", TODAY, dt.date(2026, 11, 23)),
        ("ANTEONTEM", TODAY, dt.date(2026, 11, 23)),
        ("today", TODAY, TODAY),
        ("Yesterday", TODAY, dt.date(2026, 11, 24)),
        # across a month and a year boundary
        ("anteontem", dt.date(2026, 12, 1), dt.date(2026, 11, 29)),
        ("ontem", dt.date(2026, 3, 1), dt.date(2026, 2, 28)),
        ("ontem", dt.date(2028, 3, 1), dt.date(2028, 2, 29)),
        ("anteontem", dt.date(2027, 1, 1), dt.date(2026, 12, 30)),
        # 29/02 in a leap year
        ("29/02/2028", dt.date(2028, 3, 10), dt.date(2028, 2, 29)),
        ("29/02", dt.date(2028, 3, 10), dt.date(2028, 2, 29)),
        ("29/02", dt.date(2029, 1, 10), dt.date(2028, 2, 29)),  # the last one: a year ago
        ("2028-02-29", dt.date(2028, 3, 10), dt.date(2028, 2, 29)),
    ],
)
def test_dates_as_typed_in_brazil(typed: str, today: dt.date, expected: dt.date) -> None:
    assert interview.parse_date(typed, today=today, lang="pt") == expected


@pytest.mark.parametrize(
    ("typed", "today"),
    [
        ("31/04/2026", TODAY),  # April has 30 days
        ("31/04", TODAY),
        ("29/02/2026", TODAY),  # 2026 is not a leap year
        ("29/02", TODAY),  # neither 2026 nor 2025
        ("29/02", dt.date(2028, 1, 10)),  # 2028's is ahead, 2027 has none
        ("32/01/2026", TODAY),
        ("10/13/2026", TODAY),
        ("00/10/2026", TODAY),
        ("27/11/26", TODAY),  # a two-digit year is refused, never guessed
        ("2026/11/27", TODAY),
        ("20261120", TODAY),
        ("11/2026", TODAY),
        ("amanhã", TODAY),
        ("semana passada", TODAY),
        ("", TODAY),
        ("٢٠/١١", TODAY),  # digits of another script
    ],
)
def test_bad_dates_are_refused_with_the_forms_to_use(typed: str, today: dt.date) -> None:
    with pytest.raises(UsageError) as pt:
        interview.parse_date(typed, today=today, lang="pt")
    example = (today - dt.timedelta(days=2)).strftime("%d/%m/%Y")
    assert "use DD/MM/AAAA, DD/MM, hoje ou ontem" in pt.value.message
    assert f"ex.: {example}" in pt.value.message
    with pytest.raises(UsageError) as en:
        interview.parse_date(typed, today=today, lang="en")
    assert "use DD/MM/YYYY, DD/MM, today or yesterday" in en.value.message


@pytest.mark.parametrize("typed", ["26/11/2026", "2026-11-26", "01/01/2027", "2030-01-01"])
def test_a_full_date_after_today_is_refused(typed: str) -> None:
    with pytest.raises(UsageError) as exc:
        interview.parse_date(typed, today=TODAY, lang="pt")
    assert "está no futuro" in exc.value.message


# --- hours and moments -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14h30", dt.time(14, 30)),
        ("14H30", dt.time(14, 30)),
        ("14h", dt.time(14)),
        ("14:30", dt.time(14, 30)),
        ("9:05", dt.time(9, 5)),
        ("9h05", dt.time(9, 5)),
        ("09:05", dt.time(9, 5)),
        ("14h30min", dt.time(14, 30)),
        ("14:30:00", dt.time(14, 30)),
        ("0h", dt.time(0)),
        ("23:59", dt.time(23, 59)),
        (" 8 ", dt.time(8)),
    ],
)
def test_hours(typed: str, expected: dt.time) -> None:
    assert interview.parse_time(typed, lang="pt") == expected


@pytest.mark.parametrize(
    "typed", ["24h", "14:60", "14h5", "14:30:99", "noite", "", "2 da tarde", "14,30"]
)
def test_bad_hours_are_refused(typed: str) -> None:
    with pytest.raises(UsageError) as exc:
        interview.parse_time(typed, lang="pt")
    assert "use 14:30 ou 14h30" in exc.value.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ontem 14h30", (dt.date(2026, 11, 24), dt.time(14, 30))),
        ("Ontem às 14h30", (dt.date(2026, 11, 24), dt.time(14, 30))),
        ("ontem as 9h", (dt.date(2026, 11, 24), dt.time(9))),
        ("anteontem, 19:00", (dt.date(2026, 11, 23), dt.time(19))),
        ("hoje 8h", (TODAY, dt.time(8))),
        ("yesterday at 14:30", (dt.date(2026, 11, 24), dt.time(14, 30))),
        ("24/11 14:30", (dt.date(2026, 11, 24), dt.time(14, 30))),
        ("27/11 14:30", (dt.date(2025, 11, 27), dt.time(14, 30))),  # still ahead: last year
        ("24/11/2026 14h", (dt.date(2026, 11, 24), dt.time(14))),
        ("2026-11-24T14:30", (dt.date(2026, 11, 24), dt.time(14, 30))),
        ("2026-11-24 14:30", (dt.date(2026, 11, 24), dt.time(14, 30))),
        ("2026-11-24", (dt.date(2026, 11, 24), None)),
        ("ontem", (dt.date(2026, 11, 24), None)),
        ("  24/11  ", (dt.date(2026, 11, 24), None)),
    ],
)
def test_moments(typed: str, expected: tuple[dt.date, dt.time | None]) -> None:
    assert interview.parse_moment(typed, today=TODAY, lang="pt") == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ontem à noite", "não é uma hora: 'noite'"),
        ("31/04 14h", "data inválida: '31/04'"),
        ("amanhã 14h", "data inválida: 'amanhã'"),
        ("2026-12-01T10:00", "está no futuro"),
    ],
)
def test_bad_moments(typed: str, message: str) -> None:
    with pytest.raises(UsageError) as exc:
        interview.parse_moment(typed, today=TODAY, lang="pt")
    assert message in exc.value.message


# --- amounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1500", Decimal("1500")),
        ("1.500,50", Decimal("1500.50")),
        ("R$ 1.500,50", Decimal("1500.50")),
        ("R$1.500,50", Decimal("1500.50")),
        ("r$ 1.500,50", Decimal("1500.50")),
        ("R$\xa01.500,50", Decimal("1500.50")),  # as a formatted price prints it
        ("1500,50", Decimal("1500.50")),
        ("1500.50", Decimal("1500.50")),
        ("1500,5", Decimal("1500.5")),
        ("1.500", Decimal("1500")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("0,50", Decimal("0.50")),
        (" 40000 ", Decimal("40000")),
    ],
)
def test_amounts(typed: str, expected: Decimal) -> None:
    assert interview.parse_amount(typed, lang="pt") == expected


@pytest.mark.parametrize(
    "typed", ["", "lots", "0", "0,00", "-5", "1,500.50", "1.50.0", "1500,505", "R$", "1 500"]
)
def test_bad_amounts_are_refused(typed: str) -> None:
    with pytest.raises(UsageError) as exc:
        interview.parse_amount(typed, lang="pt")
    assert "valor inválido em reais" in exc.value.message


# --- every place a person types a date -------------------------------------------------------


def test_advise_takes_brazilian_dates() -> None:
    result = run(
        "advise",
        *("--company", "elektro", "--stage", "sac-open", "--problem", "damaged-appliance"),
        *("--since", "ontem 14h30", "--event-date", "20/11", "--json"),
    )
    assert result.exit_code == 0, result.stderr
    request = json.loads(result.stdout)["request"]
    assert request["since"] == "2026-11-24" and request["since_time"] == "14:30"
    assert request["event_date"] == "2026-11-20"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "31/04/2026"), "data inválida: '31/04/2026' (use DD/MM/AAAA, DD/MM, hoje"),
        (("--since", "01/12/2026"), "a data 01/12/2026 está no futuro"),
        (("--event-date", "amanhã"), "data inválida: 'amanhã'"),
        (("--event-date", "2026-12-01"), "está no futuro"),
    ],
)
def test_advise_refuses_bad_and_future_dates(args: tuple[str, ...], message: str) -> None:
    result = run("advise", "--company", "elektro", "--stage", "sac-open", *args, "--lang", "pt")
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr


def _case(home: Path, *extra: str) -> dict[str, Any]:
    result = run("case", "new", "-c", "elektro", "--title", "Sem luz", "--json", *extra)
    assert result.exit_code == 0, result.stderr
    case: dict[str, Any] = json.loads(result.stdout)["case"]
    return case


def test_case_new_and_edit_take_brazilian_moments(home: Path) -> None:
    case = _case(home, "--problem", "reconnection", "--event-date", "anteontem 19h")
    assert (case["event_date"], case["event_time"]) == ("2026-11-23", "19:00")
    edited = run("case", "edit", "1", "--event-date", "20/11 às 7h30", "--json")
    assert edited.exit_code == 0, edited.stderr
    case = json.loads(edited.stdout)["case"]
    assert (case["event_date"], case["event_time"]) == ("2026-11-20", "07:30")
    edited = run("case", "edit", "1", "--event-date", "Ontem", "--json")
    case = json.loads(edited.stdout)["case"]
    assert (case["event_date"], case["event_time"]) == ("2026-11-24", None)
    future = run("case", "edit", "1", "--event-date", "30/11/2026", "--lang", "pt")
    assert future.exit_code == 2 and "está no futuro" in future.stderr


def _contacts() -> list[dict[str, Any]]:
    result = run("case", "show", "1", "--json")
    assert result.exit_code == 0, result.stderr
    contacts: list[dict[str, Any]] = json.loads(result.stdout)["case"]["contacts"]
    return sorted(contacts, key=lambda c: c["id"])


def test_case_log_takes_brazilian_dates(home: Path) -> None:
    _case(home)
    for date in ("ontem", "20/11", "03/11/2026", "2026-11-02", "HOJE"):
        result = run("case", "log", "1", "--channel", "sac", "--date", date)
        assert result.exit_code == 0, result.stderr
    assert [c["date"] for c in _contacts()] == [
        "2026-11-24",
        "2026-11-20",
        "2026-11-03",
        "2026-11-02",
        "2026-11-25",
    ]
    for date, message in (("31/04/2026", "data inválida"), ("26/11/2026", "está no futuro")):
        result = run("case", "log", "1", "--channel", "sac", "--date", date, "--lang", "pt")
        assert result.exit_code == 2 and message in result.stderr
    assert len(_contacts()) == 5  # nothing was logged


# --- the words people type: problems, stages, channels, outcomes ----------------------------


def test_advise_takes_portuguese_problem_and_stage() -> None:
    args = ("--company", "elektro", "--json")
    typed = run("advise", "--problem", "religação", "--stage", "sac-falhou", *args)
    ids = run("advise", "--problem", "reconnection", "--stage", "sac-failed", *args)
    assert typed.exit_code == 0, typed.stderr
    document = json.loads(typed.stdout)
    assert document["request"]["problem"] == "reconnection"  # JSON keeps the ids
    assert document["stage"] == "sac-failed"
    assert typed.stdout == ids.stdout
    text = run("advise", "--problem", "religação", "--stage", "sac-falhou", "--company", "elektro")
    assert text.exit_code == 0, text.stderr
    assert "ouvidoria" in text.stdout


def test_a_hazard_alias_is_the_hazard() -> None:
    result = run("advise", "--problem", "Risco de vida", "--company", "elektro", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "193" in result.stdout


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("religação", "reconnection"),
        ("religacao", "reconnection"),
        ("Religação", "reconnection"),
        ("RELIGACAO", "reconnection"),
        ("sem-luz", "outage"),
        ("sem luz", "outage"),
        ("falta-de-luz", "outage"),
        ("sem-internet", "outage"),
        ("conta-errada", "billing"),
        ("cobrança-indevida", "billing"),
        ("Cobranca indevida", "billing"),
        ("aparelho-queimado", "damaged-appliance"),
        ("danos-elétricos", "damaged-appliance"),
        ("cancelamento", "cancellation"),
        ("negativação", "credit-listing"),
        ("nome-sujo", "credit-listing"),
        ("fraude-no-medidor", "meter-fraud"),
        ("TOI", "meter-fraud"),
        ("aviso-de-corte", "disconnection-notice"),
        ("ligação-nova", "new-connection"),
        ("visita-técnica", "technical-visit"),
        ("damaged_appliance", "damaged-appliance"),
        ("Credit Listing", "credit-listing"),
    ],
)
def test_problem_aliases(rules: Any, typed: str, problem: str) -> None:
    found = rules.problems.problem_named(typed)
    assert found is not None and found.id == problem


@pytest.mark.parametrize(
    ("typed", "stage"),
    [
        ("inicio", "start"),
        ("Início", "start"),
        ("sac-aberto", "sac-open"),
        ("sac-falhou", "sac-failed"),
        ("SAC não resolveu", "sac-failed"),
        ("ouvidoria-aberta", "ouvidoria-open"),
        ("ouvidoria-falhou", "ouvidoria-failed"),
        ("anatel-aberta", "regulator-open"),
        ("regulador-falhou", "regulator-failed"),
        ("procon-falhou", "procon-failed"),
        ("Sac Failed", "sac-failed"),
    ],
)
def test_stage_aliases(rules: Any, typed: str, stage: str) -> None:
    found = rules.ladder.stage_named(typed)
    assert found is not None and found.id == stage


@pytest.mark.parametrize("typed", ["", "---", "luz", "sac", "religar-se", "problema"])
def test_words_the_data_does_not_have_mean_nothing(rules: Any, typed: str) -> None:
    assert rules.problems.problem_named(typed) is None
    assert rules.ladder.stage_named(typed) is None


def test_unknown_problem_and_stage_still_list_the_ids() -> None:
    stage = run("advise", "--stage", "sac-quebrou", "--company", "elektro", "--lang", "pt")
    assert stage.exit_code == 2
    assert "etapa desconhecida: 'sac-quebrou'" in stage.stderr
    assert "start, sac-open, sac-failed" in stage.stderr
    problem = run("case", "new", "-c", "elektro", "--title", "x", "--problem", "luz")
    assert problem.exit_code == 2 and "valid problems: hazard, outage" in problem.stderr


def test_case_new_and_checklist_take_problem_aliases(home: Path) -> None:
    case = _case(home, "--problem", "religação", "--want", "reconnect")
    assert case["problem"] == "reconnection" and case["want"] == ["reconnect"]
    checklist = run("checklist", "jec", "--problem", "aparelho-queimado", "--json")
    assert checklist.exit_code == 0, checklist.stderr
    assert json.loads(checklist.stdout)["problem"] == "damaged-appliance"
    # the sector check still applies to an alias: a damaged appliance is an energy problem
    claro = run("checklist", "sac", "-c", "claro", "--problem", "aparelho-queimado")
    assert claro.exit_code == 2 and "damaged-appliance" in claro.stderr


def test_case_log_takes_portuguese_channel_outcome_and_date(home: Path) -> None:
    _case(home)
    result = run(
        "case", "log", "1", "--channel", "ouvidoria", "--outcome", "resolvido", "--date", "ontem"
    )
    assert result.exit_code == 0, result.stderr
    assert _contacts()[-1] | {"id": 0} == {
        "id": 0,
        "channel": "ouvidoria",
        "protocol": None,
        "date": "2026-11-24",
        "outcome": "solved",
        "note": None,
        "deadline": _contacts()[-1]["deadline"],
    }


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        ("consumidor.gov.br", "consumidor-gov"),
        ("Consumidor.gov.br", "consumidor-gov"),
        ("juizado-especial", "juizado"),
        ("Juizado Especial Cível", "juizado"),
        ("pequenas-causas", "juizado"),
        ("JEC", "juizado"),
        ("Justiça comum", "justica-comum"),
        ("ANEEL", "aneel"),
        ("Agência Nacional de Telecomunicações", "anatel"),
        ("atendimento", "sac"),
    ],
)
def test_channel_aliases(home: Path, channel: str, expected: str) -> None:
    _case(home)
    result = run("case", "log", "1", "--channel", channel, "--json")
    assert result.exit_code == 0, result.stderr
    assert _contacts()[-1]["channel"] == expected


def test_whatsapp_is_not_a_channel_of_the_journal(home: Path) -> None:
    """The data does not say WhatsApp is a SAC channel: it is not mapped to one."""
    _case(home)
    result = run("case", "log", "1", "--channel", "whatsapp", "--lang", "pt")
    assert result.exit_code == 2
    assert "canal desconhecido: 'whatsapp'" in result.stderr


@pytest.mark.parametrize(
    ("typed", "outcome"),
    [
        ("open", "open"),
        ("aberto", "open"),
        ("Aberto", "open"),
        ("solved", "solved"),
        ("resolvido", "solved"),
        ("RESOLVIDO", "solved"),
        ("failed", "failed"),
        ("não-resolvido", "failed"),
        ("nao-resolvido", "failed"),
        ("Não resolvido", "failed"),
        ("falhou", "failed"),
        ("no-answer", "no-answer"),
        ("no_answer", "no-answer"),
        ("sem-resposta", "no-answer"),
        ("Sem resposta", "no-answer"),
    ],
)
def test_outcome_words(home: Path, typed: str, outcome: str) -> None:
    _case(home)
    result = run("case", "log", "1", "--channel", "sac", "--outcome", typed)
    assert result.exit_code == 0, result.stderr
    assert _contacts()[-1]["outcome"] == outcome


def test_the_outcome_words_are_for_the_journals_outcomes() -> None:
    from escalate.cases.journal import OUTCOMES
    from escalate.cli.common import OUTCOME_ALIASES, _outcome
    from escalate.records.models import normalize

    assert tuple(OUTCOME_ALIASES) == OUTCOMES
    owners: dict[str, set[str]] = {}
    for outcome in OUTCOMES:
        for word in (outcome, *OUTCOME_ALIASES[outcome]):
            owners.setdefault(normalize(word), set()).add(outcome)
            assert _outcome(word) == outcome
    assert all(len(found) == 1 for found in owners.values())  # no word means two outcomes
    assert _outcome("talvez") is None and _outcome("") is None


def test_an_unknown_outcome_lists_the_words(home: Path) -> None:
    _case(home)
    result = run("case", "log", "1", "--channel", "sac", "--outcome", "talvez", "--lang", "pt")
    assert result.exit_code == 2
    assert "resultado desconhecido: 'talvez'" in result.stderr
    assert "solved (resolvido)" in result.stderr and "no-answer (sem-resposta)" in result.stderr


# --- the data checks: an alias never leads to two records ------------------------------------


def _findings(path: Path) -> list[dict[str, Any]]:
    result = run("data", "validate", str(path), "--json")
    assert result.exit_code in (0, 1), result.stderr
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return findings


def test_the_shipped_aliases_are_clean(rules: Any) -> None:
    from escalate.records.ladder import check_ladder, check_names
    from escalate.records.problem_facts import check_problems

    assert check_problems(rules.problems) == []
    bodies = set(rules.bodies)
    channels = set(rules.checklists.channels)
    assert check_ladder(rules.ladder, body_ids=bodies, checklist_ids=channels) == []
    assert check_names("stage", [("a", ("x", "X", "ç")), ("b", ("y",))]) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "message"),
    [
        (
            "problems.yaml",
            "    aliases: [cancelamento, cancelar]\n",
            "    aliases: [cancelamento, cancelar, Religação]\n",
            "ESC014",
            "duplicate problem alias 'Religação': it means both reconnection and cancellation",
        ),
        (
            "problems.yaml",
            "    aliases: [outro, outra-coisa]\n",
            "    aliases: [outro, billing]\n",
            "ESC014",
            "duplicate problem alias 'billing': it means both billing and other",
        ),
        (
            "problems.yaml",
            "    aliases: [outro, outra-coisa]\n",
            "    aliases: [outro, '--']\n",
            "ESC014",
            "problem other: alias '--' has no letters or digits",
        ),
        (
            "ladder.yaml",
            "    aliases: [sac-falhou, sac-não-resolveu]\n",
            "    aliases: [sac-falhou, sac-não-resolveu, SAC aberto]\n",
            "ESC013",
            "duplicate stage alias 'SAC aberto': it means both sac-open and sac-failed",
        ),
        (
            "ladder.yaml",
            "    aliases: [procon-falhou, procon-não-resolveu]\n",
            "    aliases: [procon-falhou, start]\n",
            "ESC013",
            "duplicate stage alias 'start': it means both start and procon-failed",
        ),
    ],
)
def test_a_duplicate_alias_is_caught(
    tmp_path: Path, file: str, old: str, new: str, code: str, message: str
) -> None:
    path = tmp_path / file
    text = (DATA / file).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    found = _findings(path)
    assert [(f["code"], f["message"]) for f in found] == [(code, message)]


# --- completion offers the aliases -----------------------------------------------------------


def test_completion_offers_the_aliases() -> None:
    from escalate.cli.common import (
        _complete_channels,
        _complete_outcomes,
        _complete_problems,
        _complete_stages,
    )

    assert {"religação", "religacao"} <= set(_complete_problems("relig"))
    assert {"religação", "religacao"} <= set(_complete_problems("Relig"))
    assert "reconnection" in _complete_problems("")
    assert {"sem-luz", "sem-internet"} <= set(_complete_problems("sem"))
    assert {"negativação", "negativacao"} == set(_complete_problems("negativ"))
    assert _complete_problems("zzz") == []
    assert {"sac-open", "sac-failed", "sac-aberto", "sac-falhou"} <= set(_complete_stages("sac"))
    assert "ouvidoria-aberta" in _complete_stages("ouvidoria-a")
    assert {"juizado", "juizado-especial", "juizado-de-pequenas-causas"} <= set(
        _complete_channels("juiz")
    )
    assert "consumidor-gov-br" in _complete_channels("consumidor")
    assert "pequenas-causas" in _complete_channels("peq")
    assert set(_complete_outcomes("")) >= {"open", "solved", "resolvido", "sem-resposta"}
    assert {"não-resolvido", "nao-resolvido"} <= set(_complete_outcomes("nao"))
    assert {"não-resolvido", "nao-resolvido"} <= set(_complete_outcomes("não"))
    assert _complete_outcomes("res") == ["resolvido", "resolvida"]


def test_the_shell_completes_aliases(tmp_path: Path) -> None:
    assert "sac-falhou" in bash_complete(tmp_path, "escalate advise --stage sac-f")
    assert "religacao" in bash_complete(tmp_path, "escalate advise --problem relig")
    assert "sem-resposta" in bash_complete(tmp_path, "escalate case log 1 --outcome sem")


# --- the interview in Portuguese -------------------------------------------------------------


def test_the_interview_answered_in_portuguese() -> None:
    answers = [
        "n",  # risk to life?
        "elektro",
        "religação",  # the problem, by its word
        "sac-aberto",  # the stage, by its word
        "SP",  # Elektro serves SP and MS
        "ontem",  # the date of the protocol
        "14h30",  # its hour: a reconnection clock counts hours
        "1",  # cut: normal
        "1",  # area: urban
    ]
    result = run("advise", "-i", "--lang", "pt", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Data do último protocolo (DD/MM/AAAA, hoje, ontem; Enter se não tiver)" in out
    assert "problema: Religação depois de pagar a conta" in out
    assert "Reclamou no SAC e espera a resposta." in out


def test_the_interview_takes_the_hour_with_the_date() -> None:
    answers = ["n", "elektro", "religacao", "Sac aberto", "sp", "ontem 14h30", "1", "1"]
    result = run("advise", "-i", "--lang", "pt", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "A que horas?" not in result.stdout  # the hour came with the date


def test_the_interview_retries_a_bad_date_with_the_forms() -> None:
    answers = ["n", "cemig", "conta-errada", "sac-falhou", "31/04", "anteontem", "s"]
    result = run("advise", "-i", "--lang", "pt", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "data inválida: '31/04' (use DD/MM/AAAA, DD/MM, hoje ou ontem" in result.stdout
    assert "problema: Conta errada" in result.stdout


def test_the_interview_asks_the_event_date_in_brazilian_form() -> None:
    answers = ["n", "elektro", "aparelho-queimado", "sac-aberto", "SP", "ontem", "20/11", "1"]
    result = run("advise", "-i", "--lang", "pt", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Quando aconteceu? (DD/MM/AAAA, hoje, ontem; Enter se não souber)" in result.stdout


def test_an_unknown_company_is_said_and_enter_goes_on_without_one() -> None:
    # Enter at the company, Enter at the state (its list of companies), then the sector.
    answers = ["n", "brisanet", "", "", "telecomunicações", "sem-internet", "início"]
    result = run("advise", "-i", "--lang", "pt", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Essa empresa não está no catálogo do escalate" in out
    assert "escalate companies" in out and "Enter para seguir sem ela" in out
    assert out.count("Qual empresa? (nome") == 2  # asked again once, then Enter
    assert "É energia (luz) ou telecomunicações" in out  # then the sector
    assert "telecomunicações · problema: Serviço fora do ar" in out


def test_close_names_offered_are_companies_never_public_bodies() -> None:
    answers = ["no", "clar", "claro", "1", "1"]
    result = run("advise", "-i", "--lang", "en", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    offered = out.split("Did you mean: ")[1].split("?")[0]
    assert "claro" in offered.split(", ")
    assert "aneel" not in offered and "anatel" not in offered
    assert "Enter to go on without it (escalate companies lists them)" in " ".join(out.split())


def test_a_public_body_is_not_taken_for_the_company() -> None:
    answers = ["n", "anatel", "", "", "2", "1", "1"]  # Enter at the company, then the state
    result = run("advise", "-i", "--lang", "pt", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Anatel é um órgão público, não uma empresa" in result.stdout
    assert "É energia (luz) ou telecomunicações" in result.stdout


def test_three_unknown_names_go_on_without_a_company() -> None:
    answers = ["n", "brisanet", "xpto", "nenhuma", "", "energia", "1", "1"]
    result = run("advise", "-i", "--lang", "pt", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.count("Essa empresa não está no catálogo") == 3
    assert "Seguindo sem empresa." in out
    assert "energia · problema:" in out


class Script:
    """An ``Asker`` that answers from a list and keeps what was said."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.said: list[str] = []

    def text(self, question: str) -> str:
        self.said.append(question)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)

    def say(self, line: str) -> None:
        self.said.append(line)


def test_the_interview_says_what_the_resolver_found(rules: Any) -> None:
    """The core says what the resolver gives: close names, a body, or nothing."""
    matches = {
        "clar": interview.CompanyMatch(close=("claro",)),
        "aneel": interview.CompanyMatch(body="ANEEL"),
        "claro": interview.CompanyMatch("claro", "telecom"),
    }
    io = Script(["n", "clar", "aneel", "claro", "cancelamento", "inicio", ""])
    answers = interview.run(
        io,
        lang="pt",
        today=TODAY,
        ladder=rules.ladder,
        problems=rules.problems,
        resolve_company=lambda name: matches.get(name, interview.CompanyMatch()),
    )
    assert (answers.company, answers.sector) == ("claro", "telecom")
    assert (answers.problem, answers.stage) == ("cancellation", "start")
    said = "\n".join(io.said)
    assert "Você quis dizer: claro?" in said
    assert "ANEEL é um órgão público, não uma empresa" in said
