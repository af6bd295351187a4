"""Golden documents: for three realistic cases, the dossier as Markdown and every letter that
fits the case as plain text, exactly as the person gets them.

A change in wording shows up here as a diff to read as the person (and the channel) would. To
accept it, run ``UPDATE_GOLDEN=1 python -m pytest tests/test_golden_documents.py`` and read the
diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from escalate.output import letters, registry
from escalate.output.letters import LetterDocument
from test_letters import CASES, realistic

GOLDEN = Path(__file__).parent / "golden" / "documents"

# The regulator each case's company record names: ANEEL for the distributors, Anatel for Claro.
REGULATOR = {"elektro": "aneel", "cemig": "aneel", "claro": "anatel"}


def _letters(name: str) -> tuple[str, ...]:
    """The letters a case can be sent as, in the program's order."""
    regulator = REGULATOR[CASES[name]["company"]]
    return tuple(x for x in letters.LETTERS if x not in letters.REGULATOR_LETTERS or x == regulator)


# (case, document): the dossier, then each letter the case can be sent as.
DOCUMENTS = [
    (name, document) for name in sorted(CASES) for document in ("dossier", *_letters(name))
]


@pytest.mark.parametrize(("name", "document"), DOCUMENTS)
def test_golden_document(cat: Any, rules: Any, tmp_path: Path, name: str, document: str) -> None:
    doc = realistic(cat, rules, tmp_path / "journal.sqlite3", name)
    assert letters.letters_for(doc) == _letters(name)
    if document == "dossier":
        path = GOLDEN / f"{name}.dossier.md"
        text = registry.render("case", "markdown", doc, lang="pt")
    else:
        path = GOLDEN / f"{name}.{document}.txt"
        text = letters.render_text(LetterDocument(doc, document), "pt")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_no_golden_document_is_left_over() -> None:
    """A document no longer written (a letter that stopped fitting a case) is removed."""
    expected = {f"{n}.dossier.md" if d == "dossier" else f"{n}.{d}.txt" for n, d in DOCUMENTS}
    assert {p.name for p in GOLDEN.iterdir()} == expected
