"""`escalate data validate` and the loader's warnings in Portuguese: our words translated (the
severities, the problems), the codes, files, lines and fields as they are, pydantic's own
messages untouched; the English and the JSON unchanged."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalate.catalog import store
from escalate.cli.main import app
from escalate.errors import DataError
from escalate.paths import shipped_data_dir
from test_validate import GOOD

runner = CliRunner()
PT = {"LANG": "pt_BR.UTF-8"}


def _broken(folder: Path) -> Path:
    """A folder of company files, each broken in its own ways."""
    folder.mkdir(exist_ok=True)
    acme = (
        GOOD.replace("regulator: aneel", "regulator: anatel")
        .replace("states: [SP]", "states: [SP, XX]")
        .replace("America/Sao_Paulo", "America/Nowhere")
        .replace("2026-11-01", "2020-01-01")
        .replace('"0800 701 0102"', '"0800 12"')
        .replace('"24/7"', '"whenever"')
        .replace("[seed-elektro-blog]", "[nope]")
    )
    (folder / "acme.yaml").write_text(acme, encoding="utf-8")
    elektro = GOOD.replace("id: acme", "id: elektro").replace("2026-11-01", "2099-01-01")
    (folder / "elektro.yaml").write_text(elektro.replace("Acme", "Beta"), encoding="utf-8")
    (folder / "dup.yaml").write_text("id: one\nname: One\nid: two\n", encoding="utf-8")
    (folder / "tab.yaml").write_text("id: x\n\tname: y\n", encoding="utf-8")
    (folder / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (folder / "latin.yaml").write_bytes(b"id: x\nname: caf\xe9\n")
    (folder / "noname.yaml").write_text(
        GOOD.replace("id: acme", "id: noname").replace("name: Acme Energia\n", ""),
        encoding="utf-8",
    )
    return folder


def _lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return result.stdout.splitlines()


def _head(line: str) -> str:
    """file:line: CODE, the part of a finding no language changes."""
    return " ".join(line.split(" ")[:2])


def test_validate_speaks_portuguese(tmp_path: Path) -> None:
    folder = _broken(tmp_path / "mine")
    english = runner.invoke(app, ["data", "validate", str(folder)])
    portuguese = runner.invoke(app, ["data", "validate", str(folder)], env=PT)
    assert english.exit_code == portuguese.exit_code == 1
    en, pt = _lines(english), _lines(portuguese)
    assert len(en) == len(pt) > 10
    assert [_head(line) for line in pt[:-1]] == [_head(line) for line in en[:-1]]

    acme, elektro = folder / "acme.yaml", folder / "elektro.yaml"
    expected = [
        f"{acme}:4: ESC017 erro: regulator: 'anatel' não é o regulador deste setor (aneel)",
        f"{acme}:5: ESC015 erro: states: 'XX' não é uma sigla de estado brasileiro"
        " (ex.: SP, PA, DF)",
        f"{acme}:6: ESC010 erro: timezone: fuso horário desconhecido 'America/Nowhere'"
        " (ex.: America/Sao_Paulo)",
        f"{acme}:13: ESC008 erro: channels.0.contact.phone: '0800 12' não é um número de"
        " telefone válido no Brasil",
        f"{acme}:14: ESC009 erro: channels.0.hours: 'whenever' não está no formato"
        " opening_hours do OpenStreetMap (ex.: 'Mo-Fr 08:00-18:00; PH off', '24/7')",
        f"{acme}:16: ESC007 erro: channels.0.sources: não há fonte 'nope' em sources.yaml",
        f"{elektro}:1: ESC016 info: id: substitui o registro 'elektro' que vem com o escalate"
        f" ({shipped_data_dir() / 'companies' / 'elektro.yaml'})",
        f"{elektro}:7: ESC012 aviso: verified_on: 2099-01-01 está no futuro",
        f"{folder / 'dup.yaml'}:3: ESC003 erro: chave duplicada 'id'",
        f"{folder / 'latin.yaml'}:2: ESC002 erro: não é um texto UTF-8 válido",
        f"{folder / 'list.yaml'}:1: ESC003 erro: esperava um mapeamento de campos (id: …, name: …)",
        f"{folder / 'tab.yaml'}:2: ESC003 erro: tabulações não são permitidas na indentação;"
        " use espaços",
    ]
    for line in expected:
        assert line in pt, line
    stale = next(line for line in pt if " ESC011 " in line)
    assert stale.startswith(f"{acme}:7: ESC011 aviso: verified_on: verificado há ")
    assert stale.endswith(" dias (2020-01-01): confira os dados de novo e atualize-o")
    # pydantic's words are a library's: kept as they are, in our Portuguese frame.
    assert f"{folder / 'noname.yaml'}:1: ESC004 erro: name: Field required" in pt
    assert pt[-1] == "11 erros, 2 avisos em 7 arquivos."
    # No English word of ours is left in the findings.
    for word in (" error:", " warning:", " is not ", "expected", "duplicate", "tabs", "checked"):
        assert not any(word in line for line in pt[:-1]), word


def test_lang_option_is_the_same_as_the_locale(tmp_path: Path) -> None:
    folder = _broken(tmp_path / "mine")
    by_locale = runner.invoke(app, ["data", "validate", str(folder)], env=PT)
    by_option = runner.invoke(app, ["data", "validate", str(folder), "--lang", "pt"])
    assert by_option.stdout == by_locale.stdout
    english = runner.invoke(app, ["data", "validate", str(folder), "--lang", "en"], env=PT)
    assert " ESC003 error: duplicate key 'id'" in english.stdout


def test_json_keeps_the_english_messages(tmp_path: Path) -> None:
    folder = _broken(tmp_path / "mine")
    english = runner.invoke(app, ["data", "validate", str(folder), "--json"])
    portuguese = runner.invoke(app, ["data", "validate", str(folder), "--json"], env=PT)
    assert json.loads(portuguese.stdout)["findings"] == json.loads(english.stdout)["findings"]
    messages = {f["message"] for f in json.loads(portuguese.stdout)["findings"]}
    assert "duplicate key 'id'" in messages
    assert all(
        set(f) == {"code", "severity", "path", "line", "field", "message"}
        for f in json.loads(portuguese.stdout)["findings"]
    )


def test_a_broken_file_raised_by_the_loader_is_said_in_portuguese(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    with pytest.raises(DataError) as raised:
        store.validate_record(str(path), b"id: one\nid: two\n")
    error = raised.value
    assert error.message == f"{path}:2: duplicate key 'id'"
    assert error.said("pt") == (f"{path}:2: chave duplicada 'id'", None)
    assert error.said("en") == (error.message, None)
    # Cached with the catalogue: the template survives pickling.
    again = pickle.loads(pickle.dumps(error))
    assert again.said("pt") == error.said("pt") and again.message == error.message
    # A library's words (pydantic's) are said as they are; our count of the others is ours.
    with pytest.raises(DataError) as raised:
        store.validate_record(str(path), b"id: one\n")
    assert "Field required" in raised.value.said("pt")[0]
    assert "(e mais " in raised.value.said("pt")[0]
    assert "(and " in raised.value.message


def _user_folder(home: Path) -> Path:
    folder = home / "companies"
    folder.mkdir(parents=True)
    (folder / "dup.yaml").write_text("id: one\nname: One\nid: two\n", encoding="utf-8")
    (folder / "list.yaml").write_text("- a\n", encoding="utf-8")
    return folder


def test_the_loaders_problems_are_said_in_portuguese(home: Path) -> None:
    folder = _user_folder(home)
    for _ in range(2):  # the second load comes from the cache and must say the same
        loaded = store.default()
        said = sorted(problem.said("pt")[0] for problem in loaded.errors)
        assert said == [
            f"{folder / 'dup.yaml'}:3: chave duplicada 'id'",
            f"{folder / 'list.yaml'}:1: esperava um mapeamento de campos (id: …, name: …)",
        ]


def test_lookup_warns_in_portuguese_about_a_broken_user_file(home: Path) -> None:
    folder = _user_folder(home)
    result = runner.invoke(app, ["lookup", "cemig"], env=PT)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "dup.yaml" in line]
    assert warnings and warnings[0].startswith(
        f"escalate: aviso: arquivo ignorado: {folder / 'dup.yaml'}:3: "
    )
    english = runner.invoke(app, ["lookup", "cemig"])
    assert (
        f"escalate: warning: skipped {folder / 'dup.yaml'}:3: duplicate key 'id'"
        " (check it: escalate data validate)"
    ) in english.stderr.splitlines()


def test_lookup_says_the_problem_of_a_broken_user_file_in_portuguese(home: Path) -> None:
    folder = _user_folder(home)
    result = runner.invoke(app, ["lookup", "cemig"], env=PT)
    assert (
        f"escalate: aviso: arquivo ignorado: {folder / 'dup.yaml'}:3: chave duplicada 'id'"
        " (verifique com: escalate data validate)"
    ) in result.stderr.splitlines()
