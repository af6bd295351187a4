"""A company escalate does not know: one line saying so, close company names only (never a
public body), `escalate companies` as the list; `advise` gives the sector's general advice
when the sector is known (--sector, or a problem of one sector)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from escalate import entry
from escalate.cli.main import app
from escalate.errors import UnknownName

runner = CliRunner()
TODAY = dt.date(2026, 11, 25)
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "advice.schema.json").read_text("utf-8"))


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _error_lines(result: Any) -> list[str]:
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert 1 <= len(lines) <= 2, result.stderr  # the message and its hint
    # The prefix in the language the command was run in (--lang pt: "escalate: erro: ").
    assert lines[0].startswith(("escalate: error: ", "escalate: erro: "))
    return lines


def _bodies(cat: Any) -> set[str]:
    return {e.id for e in cat.bodies()}


def _now(record: Any, unit: Any) -> dt.datetime:
    return dt.datetime(2026, 11, 25, 10, 0)


def _advise(cat: Any, rules: Any, **given: Any) -> Any:
    return entry.advise_for(catalog=cat, rules=rules, today=TODAY, now_at=_now, **given)


# --- the catalogue: suggestions are companies ------------------------------------------------


@pytest.mark.parametrize(
    "name", ["brisanet", "aneeel", "anatell", "anel", "procn", "consumidor", "juizad", "clar", "x"]
)
def test_suggestions_are_never_public_bodies(cat: Any, name: str) -> None:
    with pytest.raises(UnknownName) as info:
        cat.resolve(name)
    bodies = _bodies(cat)
    for suggestion in info.value.suggestions:
        assert suggestion not in bodies
        assert cat.resolve(suggestion)[0].kind == "company", suggestion


def test_close_company_names_are_still_offered(cat: Any) -> None:
    for typed, meant in [("elektr", "elektro"), ("clar", "claro"), ("cemg", "cemig")]:
        with pytest.raises(UnknownName) as info:
            cat.resolve(typed)
        assert meant in info.value.suggestions


# --- lookup ----------------------------------------------------------------------------------


def test_lookup_enel_says_not_in_the_catalogue_and_offers_no_public_body() -> None:
    result = run("lookup", "brisanet", "--lang", "en")
    assert result.exit_code == 1
    message, hint = _error_lines(result)
    assert message == "escalate: error: unknown company: 'brisanet' is not in escalate's catalogue"
    assert "escalate companies" in hint
    assert "aneel" not in result.stderr and "anatel" not in result.stderr


def test_lookup_unknown_in_portuguese() -> None:
    result = run("lookup", "brisanet", "--lang", "pt")
    assert result.exit_code == 1
    message, hint = _error_lines(result)
    assert "empresa desconhecida: 'brisanet' não está no catálogo do escalate" in message
    assert hint == "  dica: todas as empresas que o escalate conhece: escalate companies"


@pytest.mark.parametrize(("lang", "said"), [("en", "did you mean: elektro?"), ("pt", "você quis")])
def test_lookup_typo_offers_the_company_and_the_list(lang: str, said: str) -> None:
    result = run("lookup", "elektr", "--lang", lang)
    assert result.exit_code == 1
    _message, hint = _error_lines(result)
    assert said in hint and "elektro" in hint and "escalate companies" in hint


def test_lookup_of_a_public_body_still_works() -> None:
    result = run("lookup", "aneel", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "ANEEL" in result.stdout


def test_lookup_unknown_has_no_sector_hint() -> None:
    """lookup has no sector to give general advice for: an error with the list."""
    result = run("lookup", "brisanet", "--sector", "telecom")
    assert result.exit_code == 2  # lookup has no --sector: a usage error
    result = run("lookup", "brisanet", "--lang", "en")
    assert result.exit_code == 1
    assert "--sector" not in result.stderr


# --- advise without a sector: an error with the --sector hint -------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--company", "brisanet", "--stage", "sac-failed"],
        ["--company", "brisanet", "--stage", "start", "--problem", "billing"],  # either sector
    ],
)
def test_advise_unknown_without_a_sector_asks_for_it(args: list[str]) -> None:
    result = run("advise", *args, "--lang", "en")
    assert result.exit_code == 1
    message, hint = _error_lines(result)
    assert message == "escalate: error: unknown company: 'brisanet' is not in escalate's catalogue"
    assert "--sector energy|telecom" in hint and "escalate companies" in hint


def test_advise_unknown_without_a_sector_in_portuguese_with_a_close_name() -> None:
    result = run("advise", "--company", "clar0", "--stage", "sac-failed", "--lang", "pt")
    assert result.exit_code == 1
    message, hint = _error_lines(result)
    assert "empresa desconhecida: 'clar0' não está no catálogo do escalate" in message
    assert "você quis dizer: claro" in hint
    assert "--sector energy|telecom" in hint and "escalate companies" in hint


def test_a_public_body_is_still_not_a_company() -> None:
    result = run("advise", "--company", "aneel", "--stage", "start", "--lang", "en")
    assert result.exit_code == 1
    assert "public body, not a company" in result.stderr


# --- advise with the sector known: the sector's general advice -------------------------------


@pytest.mark.parametrize("lang", ["en", "pt"])
@pytest.mark.parametrize(
    ("unknown", "general"),
    [
        (
            ["--company", "brisanet", "--sector", "telecom", "--stage", "sac-failed"],
            ["--sector", "telecom", "--stage", "sac-failed"],
        ),
        (  # damaged-appliance is an energy problem only: the sector follows
            ["--company", "qwerty", "--problem", "damaged-appliance", "--stage", "start"],
            ["--sector", "energy", "--problem", "damaged-appliance", "--stage", "start"],
        ),
        (
            ["--company", "brisanet", "--sector", "telecom", "--stage", "ouvidoria-failed"],
            ["--sector", "telecom", "--stage", "ouvidoria-failed"],
        ),
    ],
)
def test_advise_unknown_gives_the_general_advice_with_one_line_on_top(
    lang: str, unknown: list[str], general: list[str]
) -> None:
    from escalate.i18n import t

    given = run("advise", *unknown, "--lang", lang)
    plain = run("advise", *general, "--lang", lang)
    assert given.exit_code == 0 and plain.exit_code == 0, given.stderr + plain.stderr
    assert given.stderr == ""
    first, *rest = given.stdout.splitlines()
    name = unknown[1]
    assert first == t(lang, "unknown.advice", name=name)
    # Below that line, the advice with no company; only "which company? add --company",
    # already answered, is left out.
    which = "  " + t(lang, "advice.no_company")
    assert rest == [line for line in plain.stdout.splitlines() if line != which]
    assert any(word in given.stdout for word in ("Anatel", "ANEEL"))  # the regulator
    assert "Procon" in given.stdout and "consumidor.gov.br" in given.stdout  # public bodies


def test_the_unknown_line_is_short_and_concrete() -> None:
    result = run("advise", "--company", "brisanet", "--sector", "telecom", "--stage", "start")
    first = result.stdout.splitlines()[0]
    assert "'brisanet'" in first and "bill or contract" in first
    pt = run(
        "advise", "--company", "brisanet", "--sector", "telecom", "--stage", "start", "--lang", "pt"
    )
    assert "na conta ou no contrato" in pt.stdout.splitlines()[0]


def test_a_typo_with_the_sector_names_the_company_of_that_sector() -> None:
    result = run("advise", "--company", "clar0", "--sector", "telecom", "--stage", "start")
    assert result.exit_code == 0
    assert "Did you mean: claro" in result.stdout.splitlines()[0]
    other = run("advise", "--company", "clar0", "--sector", "energy", "--stage", "start")
    assert other.exit_code == 0
    assert "claro" not in other.stdout.splitlines()[0]  # a telecom company, not for energy


def test_risk_to_life_is_never_refused_for_an_unknown_company() -> None:
    result = run("advise", "--company", "brisanet", "--problem", "hazard", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "'brisanet' is not in escalate's catalogue" in result.stdout.splitlines()[0]
    assert "193" in result.stdout


def test_control_characters_in_the_name_never_reach_the_screen() -> None:
    result = run("advise", "--company", "vi\x1b[31mvo", "--sector", "telecom", "--stage", "start")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "vi?[31mvo" in result.stdout.splitlines()[0]


# --- advise --json ----------------------------------------------------------------------------


def _valid(document: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:3]]


def test_advise_json_says_company_null_and_the_name_typed() -> None:
    args = ["--sector", "telecom", "--stage", "sac-failed", "--json"]
    given = run("advise", "--company", "brisanet", *args)
    plain = run("advise", *args)
    assert given.exit_code == 0, given.stderr
    document = json.loads(given.stdout)
    _valid(document)
    assert document["request"]["company"] is None
    assert document["request"]["company_unknown"] == "brisanet"
    general = json.loads(plain.stdout)
    assert general["request"]["company_unknown"] is None
    document["request"]["company_unknown"] = None
    assert document == general  # the same advice as with no company


def test_advise_json_of_a_known_company_has_company_unknown_null() -> None:
    result = run("advise", "--company", "elektro", "--stage", "sac-failed", "--json")
    document = json.loads(result.stdout)
    _valid(document)
    assert document["request"]["company"] == "elektro"
    assert document["request"]["company_unknown"] is None


def test_advise_json_without_a_sector_is_the_error() -> None:
    result = run("advise", "--company", "brisanet", "--stage", "start", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "--sector" in result.stderr


# --- the entry point, as a web front calls it ------------------------------------------------


def test_find_company_raises_unknown_company_with_company_names(cat: Any) -> None:
    with pytest.raises(entry.UnknownCompany) as info:
        entry.find_company(cat, "aneeel")
    assert isinstance(info.value, UnknownName)  # callers catching UnknownName still do
    assert info.value.name == "aneeel"
    assert not info.value.needs_sector
    assert not set(info.value.suggestions) & _bodies(cat)


def test_advise_for_an_unknown_company_without_a_sector_needs_one(cat: Any, rules: Any) -> None:
    with pytest.raises(entry.UnknownCompany) as info:
        _advise(cat, rules, company="brisanet", stage="start")
    assert info.value.needs_sector
    assert info.value.name == "brisanet"


@pytest.mark.parametrize(
    ("given", "sector"),
    [
        ({"sector": "telecom", "stage": "sac-failed"}, "telecom"),
        ({"problem": "damaged-appliance", "stage": "start"}, "energy"),
        ({"problem": "meter-fraud", "stage": "sac-failed"}, "energy"),
    ],
)
def test_advise_for_an_unknown_company_with_a_sector_gives_its_general_advice(
    cat: Any, rules: Any, given: dict[str, Any], sector: str
) -> None:
    result = _advise(cat, rules, company="  Vivo  Fibra ", **given)
    assert result.company is None and result.unit is None
    assert result.company_unknown == "Vivo Fibra"
    assert result.request.sector.value == sector
    general = _advise(cat, rules, **{**given, "sector": sector})
    assert result.advice == general.advice
    assert general.company_unknown is None


def test_advise_for_a_case_whose_company_left_the_catalogue(
    cat: Any, rules: Any, tmp_path: Path
) -> None:
    from escalate.cases import journal

    conn = journal.connect(tmp_path / "journal.sqlite3")
    case_id = journal.new_case(
        conn,
        company="gone",
        unit=None,
        state=None,
        problem="damaged-appliance",
        title="x",
        created=TODAY,
    )
    result = _advise(cat, rules, case=journal.get_case(conn, case_id))
    assert result is not None
    assert result.company is None and result.company_unknown == "gone"
    assert result.request.sector.value == "energy"


def test_sector_of(rules: Any) -> None:
    assert entry.sector_of(rules, sector="telecom", problem="damaged-appliance") == "telecom"
    assert entry.sector_of(rules, problem="damaged-appliance") == "energy"
    assert entry.sector_of(rules, problem="billing") is None
    assert entry.sector_of(rules, problem="ghosts") is None
    assert entry.sector_of(rules) is None
