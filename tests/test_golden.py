"""Golden files: the exact human output, in both languages.

A change in wording or layout shows up here as a diff to review. To accept it, run
``UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalate.cli.main import app

GOLDEN = Path(__file__).parent / "golden"

CASES = {
    "lookup-elektro.pt.txt": ["lookup", "elektro", "--lang", "pt"],
    "lookup-elektro.en.txt": ["lookup", "elektro", "--lang", "en"],
    "lookup-claro.en.txt": ["lookup", "net", "--lang", "en"],
    "lookup-claro.pt.txt": ["lookup", "claro", "--lang", "pt"],
    "lookup-cemig.pt.txt": ["lookup", "cemig", "--lang", "pt"],
    "lookup-equatorial-pa.pt.txt": ["lookup", "equatorial", "--state", "PA", "--lang", "pt"],
    "lookup-aneel.en.txt": ["lookup", "aneel", "--lang", "en"],
    "companies.en.txt": ["companies", "--lang", "en"],
    "advise-elektro-sac-failed.pt.txt": [
        "advise",
        "--stage",
        "sac-failed",
        "--company",
        "elektro",
        "--lang",
        "pt",
    ],
    "advise-elektro-sac-failed.en.txt": [
        "advise",
        "--stage",
        "sac-failed",
        "--company",
        "elektro",
        "--lang",
        "en",
    ],
    "advise-claro-ouvidoria-failed.en.txt": [
        "advise",
        "--stage",
        "ouvidoria-failed",
        "--company",
        "claro",
        "--problem",
        "cancellation",
        "--lang",
        "en",
    ],
    "advise-elektro-sac-open.pt.txt": [
        "advise",
        "--stage",
        "sac-open",
        "--company",
        "elektro",
        "--since",
        "2026-11-20",
        "--lang",
        "pt",
    ],
    "advise-hazard.pt.txt": ["advise", "--problem", "hazard", "--company", "cemig", "--lang", "pt"],
    "advise-damaged-appliance.en.txt": [
        "advise",
        "--stage",
        "start",
        "--company",
        "elektro",
        "--problem",
        "damaged-appliance",
        "--lang",
        "en",
    ],
    "advise-procon-failed-amount.pt.txt": [
        "advise",
        "--stage",
        "procon-failed",
        "--company",
        "cemig",
        "--amount",
        "40000",
        "--lang",
        "pt",
    ],
    "checklist-procon.md.pt.txt": ["checklist", "procon", "--format", "markdown", "--lang", "pt"],
    "checklist-procon.md.en.txt": ["checklist", "procon", "--format", "markdown", "--lang", "en"],
    "checklist-ouvidoria-claro-billing.md.pt.txt": [
        "checklist",
        "ouvidoria",
        "--company",
        "claro",
        "--problem",
        "billing",
        "--format",
        "markdown",
        "--lang",
        "pt",
    ],
    "checklist-juizado-elektro.en.txt": [
        "checklist",
        "jec",
        "--company",
        "elektro",
        "--lang",
        "en",
    ],
    # The reproductions: a family without power two days after paying, a Claro
    # cancellation waiting on the ouvidoria, a fridge burned by a surge (ESCALATE_NOW is
    # 2026-11-25 10:00 in every test).
    **{
        f"advise-reconnection-passed.{lang}.txt": [
            "advise",
            "--company",
            "elektro",
            "--stage",
            "sac-open",
            "--problem",
            "reconnection",
            "--since",
            "2026-11-23 14:30",
            "--state",
            "SP",
            "--lang",
            lang,
        ]
        for lang in ("pt", "en")
    },
    "advise-reconnection-running.pt.txt": [
        "advise",
        "--company",
        "cemig",
        "--stage",
        "sac-open",
        "--problem",
        "reconnection",
        "--since",
        "2026-11-24 16:00",
        "--area",
        "rural",
        "--lang",
        "pt",
    ],
    "advise-claro-cancellation-ouvidoria-open.pt.txt": [
        "advise",
        "--company",
        "claro",
        "--stage",
        "ouvidoria-open",
        "--problem",
        "cancellation",
        "--since",
        "2026-11-20",
        "--lang",
        "pt",
    ],
    "advise-fridge-surge.pt.txt": [
        "advise",
        "--company",
        "elektro",
        "--stage",
        "sac-open",
        "--problem",
        "damaged-appliance",
        "--since",
        "2026-11-20",
        "--event-date",
        "2026-11-19",
        "--appliance",
        "perishable",
        "--lang",
        "pt",
    ],
    # One case of each new problem, in both languages.
    **{
        f"advise-{problem}.{lang}.txt": [
            "advise",
            "--company",
            company,
            "--stage",
            stage,
            "--problem",
            problem,
            *extra,
            "--lang",
            lang,
        ]
        for problem, company, stage, extra in (
            ("meter-fraud", "cemig", "sac-failed", []),
            ("credit-listing", "claro", "start", []),
            ("disconnection-notice", "elektro", "start", ["--event-date", "2026-11-20"]),
            ("new-connection", "cemig", "sac-open", ["--since", "2026-11-16"]),
        )
        for lang in ("pt", "en")
    },
    "advise-hazard-no-company.pt.txt": ["advise", "--problem", "hazard", "--lang", "pt"],
    "lookup-procon-sp.pt.txt": ["lookup", "procon", "--state", "SP", "--lang", "pt"],
    "tree-energy.en.txt": ["tree", "--lang", "en"],
    "tree-telecom.pt.txt": ["tree", "--sector", "telecom", "--lang", "pt"],
    # Portuguese first: every command's common case, also in Portuguese, typed as a Brazilian
    # would (aliases from the data, dates as people say them).
    "companies.pt.txt": ["companies", "--lang", "pt"],
    # Groups of the larger catalogue, as a Brazilian looks them up.
    "lookup-vivo.pt.txt": ["lookup", "vivo", "--lang", "pt"],
    "lookup-enel-sp.pt.txt": ["lookup", "eletropaulo", "--lang", "pt"],
    "companies-state-ba.pt.txt": ["companies", "--state", "BA", "--lang", "pt"],
    "tree-energy.pt.txt": ["tree", "--lang", "pt"],
    "checklist-juizado-elektro.pt.txt": [
        "checklist",
        "juizado-especial",
        "-c",
        "elektro",
        "--lang",
        "pt",
    ],
    "advise-claro-ouvidoria-failed.pt.txt": [
        "advise",
        "--stage",
        "ouvidoria-falhou",
        "--company",
        "claro",
        "--problem",
        "cancelamento",
        "--lang",
        "pt",
    ],
    "advise-unknown-company.pt.txt": [
        "advise",
        "--company",
        "brisanet",
        "--sector",
        "telecom",
        "--stage",
        "sac-falhou",
        "--problem",
        "sem-internet",
        "--lang",
        "pt",
    ],
    "advise-elektro-reconnection-yesterday.pt.txt": [
        "advise",
        "-c",
        "elektro",
        "-p",
        "religação",
        "--stage",
        "sac-aberto",
        "--since",
        "ontem 19h",
        "--lang",
        "pt",
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(name: str) -> None:
    result = CliRunner().invoke(app, CASES[name])
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
