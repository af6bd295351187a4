"""Every --json document validates against the schema published in docs/schemas/."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from escalate.cli import app

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
