"""The translations: every message has its Portuguese in the gettext catalogue with the same
placeholders, the catalogue holds every message the program has, plurals count as Brazilians
do; the default language."""

from __future__ import annotations

import importlib.util
import string
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from escalate.i18n import PLURALS, SOURCE, detect, process_lang, t, tn

PO = ROOT / "src" / "escalate" / "locale" / "pt_BR" / "LC_MESSAGES" / "escalate.po"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages"] = module
    spec.loader.exec_module(module)
    return module


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _catalog():  # type: ignore[no-untyped-def]
    with PO.open("rb") as fh:
        return read_po(fh, locale="pt_BR")


def test_the_catalogue_is_complete_and_its_placeholders_match() -> None:
    assert _script().problems(PO) == []


def test_the_catalogue_holds_every_message_of_the_program_and_no_other() -> None:
    """What scripts/messages.py extracts (the keyed messages, the plurals, the help texts
    marked _("…")) is exactly what the .po translates: run `scripts/messages.py extract` and
    `update` after adding a message."""
    wanted = {(m.context, m.id) for m in _script().template() if m.id}
    have = {(m.context, m.id) for m in _catalog() if m.id}
    assert wanted - have == set(), "not in the .po: run scripts/messages.py update"
    assert have - wanted == set(), "in the .po, no longer in the program"


@pytest.mark.parametrize("key", sorted(SOURCE))
def test_every_message_reads_in_portuguese_with_its_placeholders(key: str) -> None:
    values = {name: f"<{name}>" for name in _fields(SOURCE[key])}
    english = t("en", key, **values)
    portuguese = t("pt", key, **values)
    assert _fields(english) == _fields(portuguese) == set()  # every placeholder filled
    for value in values.values():
        assert (value in english) == (value in portuguese)


@pytest.mark.parametrize(
    ("count", "english", "portuguese"),
    [(0, "0 cases", "0 casos"), (1, "1 case", "1 caso"), (2, "2 cases", "2 casos")],
)
def test_plurals_count_as_each_language_does(count: int, english: str, portuguese: str) -> None:
    # Brazilian Portuguese as people write it: "0 casos", "1 caso" ("plural=(n != 1)").
    assert tn("en", "n.case", count) == english
    assert tn("pt", "n.case", count) == portuguese
    assert set(PLURALS) <= {m.context for m in _catalog() if isinstance(m.id, tuple)}


def test_a_message_with_counts_reads_whole() -> None:
    cases, contacts = tn("pt", "n.case", 1), tn("pt", "n.contact", 3)
    assert t("pt", "case.imported", cases=cases, contacts=contacts) == (
        "Importados 1 caso e 3 contatos."
    )


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        (None, {}, "en"),
        (None, {"LANG": "pt_BR.UTF-8"}, "pt"),
        (None, {"LANG": "pt_PT"}, "pt"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "C"}, "en"),
        (None, {"LANG": "es_ES.UTF-8"}, "en"),
        (None, {"LC_ALL": "pt_BR.UTF-8", "LANG": "en_US"}, "pt"),
        (None, {"LC_MESSAGES": "en_US", "LANG": "pt_BR"}, "en"),
        (None, {"ESCALATE_LANG": "en", "LANG": "pt_BR"}, "en"),
        (None, {"ESCALATE_LANG": "PT"}, "pt"),
        ("en", {"ESCALATE_LANG": "pt", "LANG": "pt_BR"}, "en"),
        ("pt", {}, "pt"),
    ],
)
def test_detect(explicit: str | None, env: dict[str, str], expected: str) -> None:
    assert detect(explicit, env) == expected


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["lookup", "elektro", "--lang", "pt"], "pt"),
        (["--lang=pt", "advise"], "pt"),
        (["case", "show", "1", "--lang", "en"], "en"),
    ],
)
def test_the_language_of_a_run_is_read_before_the_command_line_is_parsed(
    argv: list[str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("ESCALATE_LANG", raising=False)
    assert process_lang(argv) == expected


def test_t_formats_and_falls_back_to_english() -> None:
    assert t("pt", "sms.to", code="26530") == "para 26530"
    assert t("xx", "sms.to", code="26530") == "to 26530"


def test_the_compiled_catalogue_is_the_one_the_program_reads() -> None:
    from escalate import i18n

    mo = Path(i18n.LOCALE_DIR) / "pt_BR" / "LC_MESSAGES" / "escalate.mo"
    assert mo.exists() and mo.stat().st_mtime_ns >= PO.stat().st_mtime_ns
