"""Every --json document validates against the schema published in docs/schemas/."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from escalate.cli.main import app

SCHEMAS = Path(__file__).resolve().parent.parent / "docs" / "schemas"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize(
    "args",
    [
        ["elektro"],
        ["claro"],
        ["cemig"],
        ["equatorial"],
        ["equatorial", "--state", "PA"],
        ["neoenergia", "--state", "SP"],  # a member with its own record: "group"
        ["aneel", "--state", "CE"],  # a state agency without a contact
        ["ceee"],
        ["aneel"],
        ["anatel"],
        ["procon"],
        ["consumidor-gov"],
        ["reclame-aqui"],
        ["juizado"],
        ["justica-comum"],
    ],
)
def test_lookup_json_matches_schema(args: list[str]) -> None:
    result = CliRunner().invoke(app, ["lookup", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)  # exactly one document, nothing else on stdout
    errors = sorted(_validator("lookup.schema.json").iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_companies_json_matches_schema() -> None:
    result = CliRunner().invoke(app, ["companies", "--json"])
    document = json.loads(result.stdout)
    errors = list(_validator("companies.schema.json").iter_errors(document))
    assert not errors, errors[:3]


def test_schema_rejects_a_channel_without_status() -> None:
    """The schema is strict enough to catch a lost provenance field."""
    result = CliRunner().invoke(app, ["lookup", "elektro", "--json"])
    document = json.loads(result.stdout)
    del document["channels"][0]["status"]
    assert list(_validator("lookup.schema.json").iter_errors(document))


def _invoke_json(*args: str) -> dict:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_case_command_json_matches_the_case_schema(home) -> None:
    validator = _validator("case.schema.json")
    documents = [
        _invoke_json("case", "list", "--json"),  # empty
        _invoke_json(
            "case",
            "new",
            "-c",
            "equatorial",
            "-s",
            "AL",
            "--title",
            "Conta",
            "--problem",
            "billing",
            "--cpf",
            "123.456.789-09",
            "--json",
        ),
        _invoke_json("case", "new", "-c", "claro", "--title", "Plano", "--json"),
        _invoke_json("case", "log", "1", "--channel", "sac", "--protocol", "9", "--json"),
        _invoke_json(
            "case",
            "log",
            "2",
            "--channel",
            "anatel",
            "--date",
            "2026-11-01",
            "--outcome",
            "failed",
            "--note",
            "nada",
            "--json",
        ),
        _invoke_json("case", "log", "2", "--channel", "procon", "--json"),  # no deadline known
        _invoke_json("case", "list", "--json"),
        _invoke_json("case", "show", "1", "--json"),
        _invoke_json("case", "show", "1", "--json", "--show-cpf"),
        _invoke_json("case", "show", "2", "--json"),
        _invoke_json("case", "close", "2", "--json"),
    ]
    for document in documents:
        assert list(validator.iter_errors(document)) == [], document
    kinds = [d["kind"] for d in documents]
    assert set(kinds) == {"case", "contact", "cases"}
    contacts = documents[9]["case"]["contacts"]
    assert [c["deadline"] is None for c in contacts] == [False, True]


def test_the_backup_matches_the_journal_schema_and_the_schema_is_strict(home) -> None:
    CliRunner().invoke(app, ["case", "new", "-c", "cemig", "--title", "x", "--cpf", "12345678909"])
    CliRunner().invoke(app, ["case", "log", "1", "--channel", "sac", "--protocol", "1"])
    validator = _validator("journal.schema.json")
    backup = _invoke_json("case", "export", "--all", "--format", "json")
    assert list(validator.iter_errors(backup)) == []
    assert list(validator.iter_errors(_invoke_json("case", "export", "1"))) == []
    del backup["cases"][0]["contacts"][0]["uid"]  # without it, importing twice would duplicate
    assert list(validator.iter_errors(backup))


def test_data_validate_json_matches_the_validation_schema(user_companies: Path) -> None:
    validator = _validator("validation.schema.json")
    clean = CliRunner().invoke(app, ["data", "validate", "--json"])
    assert list(validator.iter_errors(json.loads(clean.stdout))) == []
    (user_companies / "bad.yaml").write_text("id: x\nid: y\n", encoding="utf-8")
    (user_companies / "old.yaml").write_text(
        (Path(__file__).parent.parent / "src" / "escalate" / "data" / "companies" / "cemig.yaml")
        .read_text(encoding="utf-8")
        .replace("verified_on: 2026-11-25", "verified_on: 2020-01-01"),
        encoding="utf-8",
    )
    broken = CliRunner().invoke(app, ["data", "validate", "--json"])
    assert broken.exit_code == 1
    document = json.loads(broken.stdout)
    assert list(validator.iter_errors(document)) == []
    assert {f["severity"] for f in document["findings"]} == {"error", "warning", "info"}
