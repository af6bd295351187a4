"""`escalate checklist`: what to bring, tailored, from the same data `advise` uses."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from escalate.advice import checklists
from escalate.catalog import store as catalog
from escalate.cli.main import app

runner = CliRunner()
CHANNELS = [
    "sac",
    "ouvidoria",
    "aneel",
    "anatel",
    "consumidor-gov",
    "procon",
    "reclame-aqui",
    "juizado",
    "justica-comum",
]
PROBLEMS = [
    "outage",
    "billing",
    "reconnection",
    "damaged-appliance",
    "service-quality",
    "cancellation",
    "technical-visit",
    "other",
]


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def book() -> catalog.ChecklistBook:
    return catalog.load(shipped=DATA, user_companies=None, cache_file=None).rules("checklists")


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("lang", ["pt", "en"])
def test_every_channel_has_a_checklist(channel: str, lang: str) -> None:
    result = run("checklist", channel, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    boxes = [line for line in result.stdout.splitlines() if line.startswith("☐ ")]
    assert boxes, result.stdout
    why = "Por quê:" if lang == "pt" else "Why:"
    assert result.stdout.count(why) == len(boxes)  # every item says why


@pytest.mark.parametrize(
    ("typed", "channel"),
    [
        ("consumidor.gov.br", "consumidor-gov"),
        ("consumidor", "consumidor-gov"),
        ("jec", "juizado"),
        ("JEC", "juizado"),
        ("pequenas-causas", "juizado"),
        ("Juizado Especial Cível", "juizado"),
        ("ANEEL", "aneel"),
        ("Anatel", "anatel"),
        ("procon-sp", "procon"),
        ("Reclame Aqui", "reclame-aqui"),
        ("justiça comum", "justica-comum"),
        ("Ouvidoria", "ouvidoria"),
    ],
)
def test_channel_names_people_type(typed: str, channel: str) -> None:
    data = json.loads(run("checklist", typed, "--json").stdout)
    assert data["channel"] == channel


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("jecc", "juizado"), ("procom", "procon"), ("ouvidora", "ouvidoria"), ("xyz123", None)],
)
def test_unknown_channel_exits_1_with_the_closest_names(typed: str, suggestion: str | None) -> None:
    result = run("checklist", typed)
    assert result.exit_code == 1
    assert result.stderr.startswith("escalate: error: unknown channel")
    if suggestion:
        assert f"did you mean: {suggestion}" in result.stderr
    else:
        assert "channels: sac, ouvidoria" in result.stderr
    assert result.stdout == ""


def test_procon_lists_cpf_identity_address_and_protocols() -> None:
    out = run("checklist", "procon", "--lang", "en").stdout.lower()
    for thing in ("cpf", "identity document", "proof of address", "protocol numbers"):
        assert thing in out


def test_claro_ouvidoria_needs_a_finished_sac_protocol() -> None:
    claro = run("checklist", "ouvidoria", "--company", "claro", "--lang", "en").stdout
    assert "finished" in claro.lower() or "closed" in claro.lower()
    other = run("checklist", "ouvidoria", "--company", "elektro", "--lang", "en").stdout
    assert "Claro" not in other
    assert "finished" not in other.lower()


def test_sector_items_follow_the_company() -> None:
    energy = run("checklist", "sac", "--company", "elektro", "--lang", "en").stdout
    telecom = run("checklist", "sac", "--company", "claro", "--lang", "en").stdout
    both = run("checklist", "sac", "--lang", "en").stdout
    assert "electricity bill" in energy and "contract or line number" not in energy
    assert "contract or line number" in telecom and "electricity bill" not in telecom
    assert "electricity bill" in both and "contract or line number" in both


@pytest.mark.parametrize("channel", CHANNELS)
def test_problem_items_appear_only_for_their_problem(
    book: catalog.ChecklistBook, channel: str
) -> None:
    """Every item limited to problems appears with one of them, and never with another."""
    checklist = book.get(channel)
    for other in PROBLEMS:
        data = json.loads(run("checklist", channel, "--problem", other, "--json").stdout)
        shown = {item["id"] for item in data["items"]}
        for item in checklist.items:
            limited = item.applies.problems
            if limited and not item.applies.companies:
                # No company given: every sector is shown, so only the problem decides.
                assert (item.id in shown) == (other in limited), (item.id, other)
    without = json.loads(run("checklist", channel, "--json").stdout)
    limited_ids = {i.id for i in checklist.items if i.applies.problems}
    assert not limited_ids & {item["id"] for item in without["items"]}


def test_damaged_appliance_items() -> None:
    out = run(
        "checklist",
        "procon",
        "--company",
        "elektro",
        "--problem",
        "damaged-appliance",
        "--lang",
        "en",
    ).stdout.lower()
    for thing in ("date and time", "two detailed repair quotes", "repair invoice", "photos"):
        assert thing in out
    assert "repair quotes" not in run("checklist", "procon", "--lang", "en").stdout.lower()


def test_billing_items_explain_the_double_refund() -> None:
    out = run("checklist", "juizado", "--problem", "billing", "--lang", "en").stdout
    assert "proofs of payment" in out.lower()
    assert "art. 42" in out


def test_telecom_regulator_asks_for_the_contract_or_line_number() -> None:
    out = run("checklist", "anatel", "--lang", "en").stdout.lower()
    assert "contract or line number" in out


def test_markdown_has_boxes_to_tick() -> None:
    out = run("checklist", "procon", "--format", "markdown", "--lang", "pt").stdout
    assert out.startswith("# O que levar: ")
    boxes = [line for line in out.splitlines() if line.startswith("- [ ] **")]
    assert len(boxes) >= 5


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["checklist"], 2, "missing 'channel'"),
        (["checklist", "procon", "--problem", "ghosts"], 2, "valid problems"),
        (["checklist", "procon", "--company", "elektr"], 1, "did you mean: elektro?"),
        (["checklist", "procon", "--format", "pdf"], 2, "--format"),
    ],
)
def test_checklist_errors(args: list[str], code: int, message: str) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("channel", CHANNELS)
def test_json_matches_schema(channel: str) -> None:
    schema = json.loads((ROOT / "docs" / "schemas" / "checklist.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    company = "elektro" if channel == "aneel" else "claro"
    for extra in ([], ["--company", company, "--problem", "billing"]):
        data = json.loads(run("checklist", channel, *extra, "--json").stdout)
        assert not list(validator.iter_errors(data))


# --- one source of truth ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "company", "problem", "channel"),
    [
        ("start", "elektro", "damaged-appliance", "sac"),
        ("sac-failed", "claro", "billing", "ouvidoria"),
        ("ouvidoria-failed", "cemig", "outage", "aneel"),
        ("ouvidoria-failed", "claro", "cancellation", "anatel"),
        ("regulator-failed", "elektro", "billing", "procon"),
        ("procon-failed", "claro", None, "juizado"),
    ],
)
def test_advise_shows_the_same_checklist(
    stage: str, company: str, problem: str | None, channel: str
) -> None:
    extra = ["--problem", problem] if problem else []
    advice = json.loads(
        run("advise", "--stage", stage, "--company", company, *extra, "--json").stdout
    )
    listed = json.loads(run("checklist", channel, "--company", company, *extra, "--json").stdout)
    assert advice["checklist"] == channel
    assert [i["id"] for i in advice["bring"]] == [i["id"] for i in listed["items"]]


def test_build_is_usable_without_the_command_line(book: catalog.ChecklistBook) -> None:
    result = checklists.build(book, "pequenas causas")
    assert result.checklist.channel == "juizado"
    assert Path(DATA / "checklists.yaml").exists()


def test_a_path_is_just_an_unknown_channel() -> None:
    result = run("checklist", "../../etc/passwd")
    assert result.exit_code == 1
    assert result.stderr.startswith("escalate: error: unknown channel: '../../etc/passwd'")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["aneel", "--company", "claro"], 2, "is for energy companies"),
        (["anatel", "--company", "cemig"], 2, "is for telecom companies"),
        (
            ["sac", "--company", "claro", "--problem", "damaged-appliance"],
            2,
            "for energy companies",
        ),
        (["procon", "--company", "anatel"], 1, "is a public body, not a company"),
    ],
)
def test_checklist_refuses_what_does_not_fit(args: list[str], code: int, message: str) -> None:
    result = run("checklist", *args, "--lang", "en")
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stdout == ""


def test_a_body_from_the_user_folder_is_marked_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A copy of Procon in the user folder could carry any number: the person must see whose.
    (tmp_path / "companies").mkdir()
    (tmp_path / "companies" / "procon.yaml").write_bytes(
        (DATA / "bodies" / "procon.yaml").read_bytes()
    )
    monkeypatch.setenv("ESCALATE_HOME", str(tmp_path))
    text = run("checklist", "procon", "--state", "SP", "--lang", "pt").stdout
    assert "151 * [seu arquivo]" in text
    assert str(tmp_path / "companies" / "procon.yaml") in text
    markdown = run("checklist", "procon", "--state", "SP", "--format", "markdown").stdout
    assert "[your file]" in markdown
    data = json.loads(run("checklist", "procon", "--state", "SP", "--json").stdout)
    assert data["where_origin"] == "user"
    monkeypatch.setenv("ESCALATE_HOME", str(tmp_path / "empty"))
    shipped = json.loads(run("checklist", "procon", "--state", "SP", "--json").stdout)
    assert shipped["where_origin"] == "shipped"
    assert "[your file]" not in run("checklist", "procon", "--state", "SP").stdout
