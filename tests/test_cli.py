"""The commands as a person types them, through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalate.cli.main import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


# --- lookup: what a person must see ----------------------------------------------------------

ELEKTRO_FACTS = [
    "0800 701 01 02",
    "0800 701 01 03",
    "0800 701 01 55",
    "0800 012 40 50",
    "Rua Ary Antenor de Souza, 321",
    "Campinas",
    "CEP 13053-024",
    "(19) 2122-1385",
    "26530",
    "LUZ",
    "DEBITO",
    "LEITURA",
    "RELIGA",
    "PEDIDO",
    "Elektro Fácil",
    "193",
]


@pytest.mark.parametrize("lang", ["pt", "en"])
@pytest.mark.parametrize("fact", ELEKTRO_FACTS)
def test_lookup_elektro_shows_every_channel(fact: str, lang: str) -> None:
    result = run("lookup", "elektro", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert fact in result.stdout


def test_lookup_marks_unconfirmed_sms_keywords_as_disputed() -> None:
    out = run("lookup", "elektro", "--lang", "en").stdout
    for keyword in ("LUZ", "DEBITO", "LEITURA", "RELIGA", "PEDIDO"):
        line = next(line for line in out.splitlines() if f"send {keyword} " in line)
        assert line.rstrip().endswith("!"), line
        assert "to 26530" in line
    assert "NOT confirmed" in out
    assert "! disputed" in out  # the legend


def test_lookup_sms_line_says_exactly_what_to_send_in_portuguese() -> None:
    out = run("lookup", "elektro", "--lang", "pt").stdout
    assert "envie LUZ <código do cliente> para 26530 — avisar falta de energia !" in out
    assert "NÃO confirmadas" in out


def test_lookup_groups_channels_in_the_order_to_try_them() -> None:
    out = run("lookup", "elektro", "--lang", "en").stdout
    order = [
        out.index("Risk to life"),
        out.index("CUSTOMER SERVICE (SAC)"),
        out.index("OUVIDORIA"),
        out.index("SELF-SERVICE"),
        out.index("IF THE COMPANY DOES NOT SOLVE IT"),
    ]
    assert order == sorted(order)
    # The ouvidoria block holds its phone, letter, in-person visit and fax.
    block = out[out.index("OUVIDORIA") : out.index("SELF-SERVICE")]
    for fact in ("0800 012 40 50", "CEP 13053-024", "(19) 2122-1385", "appointment"):
        assert fact in block


def test_lookup_shows_the_regulator_of_the_sector_only() -> None:
    energy = run("lookup", "elektro").stdout
    telecom = run("lookup", "claro").stdout
    assert "ANEEL: 167" in energy and "Anatel" not in energy
    assert "Anatel: 1331" in telecom and "ANEEL" not in telecom


def test_lookup_shows_when_the_record_was_checked() -> None:
    assert "Data checked on 2026-11-25" in run("lookup", "cemig", "--lang", "en").stdout
    assert "Dados conferidos em 25/11/2026" in run("lookup", "cemig", "--lang", "pt").stdout


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-11-25T10:00:00-03:00", "open now, until 18:00"),  # Wednesday morning
        ("2026-11-25T19:00:00-03:00", "closed now, opens tomorrow 08:00"),
        ("2026-11-28T10:00:00-03:00", "closed now, opens Mon 30/11 08:00"),  # Saturday
        ("2026-11-20T10:00:00-03:00", "closed now, opens Mon 23/11 08:00"),  # Consciência Negra
        # The same moment given in UTC: hours are judged in the company's time zone.
        ("2026-11-25T13:00:00+00:00", "open now, until 18:00"),
    ],
)
def test_claro_ouvidoria_open_now(now: str, expected: str) -> None:
    out = run("lookup", "claro", "--lang", "en", env={"ESCALATE_NOW": now}).stdout
    line = next(line for line in out.splitlines() if "0800 701 0180" in line)
    assert expected in line


def test_open_now_in_portuguese() -> None:
    out = run("lookup", "claro", "--lang", "pt", env={"ESCALATE_NOW": "2026-11-25T19:00-03:00"})
    line = next(line for line in out.stdout.splitlines() if "0800 701 0180" in line)
    assert "fechado agora, abre amanhã 08:00" in line
    assert "seg–sex 08:00–18:00, exceto feriados" in line


@pytest.mark.parametrize(
    ("name", "expected_title"),
    [
        ("elektro", "Neoenergia Elektro"),
        ("ELEKTRO", "Neoenergia Elektro"),
        ("neoenergia-elektro", "Neoenergia Elektro"),
        ("Neoenergia Elektro", "Neoenergia Elektro"),
        ("claro", "Claro (NET / Claro residencial)"),
        ("net", "Claro (NET / Claro residencial)"),
        ("NET", "Claro (NET / Claro residencial)"),
        ("Cemig", "Cemig"),
        ("CÉMIG", "Cemig"),
        ("equatorial", "Equatorial Energia"),
        ("aneel", "ANEEL"),
        ("Anatel", "Anatel"),
        ("jec", "Juizado Especial Cível"),
    ],
)
def test_lookup_by_id_or_alias_ignoring_case_and_accents(name: str, expected_title: str) -> None:
    result = run("lookup", name)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(expected_title + " ·")


@pytest.mark.parametrize(
    "how",
    [
        ["equatorial", "--state", "PA"],
        ["equatorial", "--state", "pa"],
        ["equatorial-pa"],
        ["celpa"],
        ["equatorial", "-s", "PA"],
    ],
)
def test_lookup_equatorial_narrowed_to_para(how: list[str]) -> None:
    result = run("lookup", *how, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Equatorial Pará (PA)" in out
    assert "(91) 3217-8200" in out and "0800 091 0196" in out
    # Other states' numbers are not shown.
    for other in ("0800 082 0196", "0800 062 0196", "(51) 3382-5500"):
        assert other not in out
    assert "emergency line 0800 091 0196" in out


def test_lookup_equatorial_without_state_shows_every_unit_and_how_to_narrow() -> None:
    out = run("lookup", "equatorial", "--lang", "en").stdout
    for unit in ("(PA)", "(AL)", "(GO)", "(AP)", "(PI)", "(RS)"):
        assert unit in out
    assert "--state PA" in out
    # With several states there is no single emergency number to give.
    assert "your state's company" in out


def test_lookup_public_body() -> None:
    out = run("lookup", "anatel", "--lang", "en").stdout
    assert "1331" in out and "1332" in out
    assert "IF THE COMPANY DOES NOT SOLVE IT" not in out  # a body is not a company


def test_lookup_sources_lists_titles_and_dates() -> None:
    out = run("lookup", "cemig", "--sources", "--lang", "en").stdout
    assert "SOURCES" in out
    assert "[achix-2020]" in out and "2020-11" in out
    assert "[seed-cemig-2013]" in out


def test_cemig_disputed_whatsapp_shows_both_versions_never_one_as_fact() -> None:
    out = run("lookup", "cemig", "--lang", "en").stdout
    block = out[out.index("WhatsApp") :]
    assert "(31) 3506-1160" in block and "(31) 3506-1116" in block
    assert "sources disagree" in block


def test_old_sources_are_flagged() -> None:
    out = run("lookup", "cemig", "--lang", "en").stdout
    assert "(source from 2013)" in out


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({"LANG": "pt_BR.UTF-8"}, [], "ATENDIMENTO"),
        ({"LANG": "en_US.UTF-8"}, [], "CUSTOMER SERVICE"),
        ({}, [], "CUSTOMER SERVICE"),
        ({"ESCALATE_LANG": "pt", "LANG": "en_US.UTF-8"}, [], "ATENDIMENTO"),
        ({"LANG": "pt_BR.UTF-8"}, ["--lang", "en"], "CUSTOMER SERVICE"),
        ({"LC_ALL": "pt_PT.UTF-8"}, [], "ATENDIMENTO"),
    ],
)
def test_language_default(env: dict[str, str], args: list[str], expected: str) -> None:
    result = run("lookup", "elektro", *args, env=env)
    assert expected in result.stdout


# --- JSON ------------------------------------------------------------------------------------


def test_lookup_json_is_one_document_with_schema_version() -> None:
    result = run("lookup", "elektro", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["record"]["id"] == "elektro"
    phones = {c["contact"].get("phone") for c in data["channels"]}
    assert {"0800 701 01 02", "0800 701 01 03", "0800 701 01 55", "0800 012 40 50"} <= phones
    sms = next(c for c in data["channels"] if c["kind"] == "sms")
    assert sms["contact"]["short_code"] == "26530"
    assert {k["keyword"]: k["status"] for k in sms["keywords"]} == {
        "LUZ": "disputed",
        "DEBITO": "disputed",
        "LEITURA": "disputed",
        "RELIGA": "disputed",
        "PEDIDO": "disputed",
    }
    disputed = next(c for c in data["channels"] if c["contact"].get("phone") == "0800 701 01 03")
    assert disputed["status"] == "disputed"
    assert data["public_bodies"][0]["id"] == "aneel"
    assert {s["id"] for s in data["sources"]} >= {"seed-elektro-blog"}


def test_lookup_json_open_now_and_next_change() -> None:
    data = json.loads(run("lookup", "claro", "--json").stdout)
    ouvidoria = next(c for c in data["channels"] if c["contact"].get("phone") == "0800 701 0180")
    assert ouvidoria["open_now"] is True
    assert ouvidoria["next_change"] == "2026-11-25T18:00:00-03:00"


def test_lookup_json_narrowed_unit() -> None:
    data = json.loads(run("lookup", "equatorial", "--state", "PA", "--json").stdout)
    assert data["unit"]["id"] == "equatorial-pa"
    assert {c["unit"] for c in data["channels"]} == {"equatorial-pa"}


def test_companies_lists_every_company() -> None:
    result = run("companies", "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["id", "name", "sector", "states"]
    ids = [line.split()[0] for line in lines[1:] if line.strip() and not line.startswith("Details")]
    assert ids == sorted(ids) and {"cemig", "claro", "elektro", "equatorial", "vivo"} <= set(ids)
    assert len(ids) == 19
    assert "PA, AL, GO, AP, PI, RS" in result.stdout


def test_companies_json() -> None:
    data = json.loads(run("companies", "--json").stdout)
    rows = {row["id"]: row for row in data["companies"]}
    assert {"cemig", "claro", "elektro", "equatorial", "enel", "tim"} <= set(rows)
    assert "enel-sp" in rows["enel"]["units"]
    assert rows["elektro"]["sector"] == "energy" and rows["claro"]["sector"] == "telecom"
    assert rows["elektro"]["channels"] >= 10
    assert "equatorial-pa" in rows["equatorial"]["units"]


def test_version_prints_program_and_data_dates() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("escalate 0.1.0")
    assert "2026-11-25" in result.stdout


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["lookup", "elektr"], 1, "did you mean: elektro?"),
        (["lookup", "clar"], 1, "claro"),
        (["lookup", "../../etc/passwd"], 1, "unknown company: '../../etc/passwd' is not in"),
        (["lookup", ""], 1, "unknown company"),
        (["lookup", "x" * 5000], 1, "unknown company"),
        (["lookup", "elektro\x07"], 0, ""),  # control characters fold away: still Elektro
        (["lookup", "elektro", "--state", "PA"], 1, "serves: MS, SP"),
        (["lookup", "equatorial", "--state", "MA"], 1, "no service listed for state 'MA'"),
        (["lookup", "equatorial", "--state", "x y"], 2, "not a state code"),
        (["lookup", "elektro", "--bogus"], 2, "no such option: --bogus"),
        (["lookup"], 2, "missing 'company'"),
        (["lookup", "elektro", "--lang", "fr"], 2, "--lang"),
        (["nonsense"], 2, "no such command 'nonsense'"),
    ],
)
def test_errors_are_one_line_with_the_documented_exit_code(
    args: list[str], code: int, message: str
) -> None:
    result = run(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    if code:
        assert result.stdout == ""
        assert result.stderr.startswith("escalate: error: ")
        assert len(result.stderr.splitlines()) <= 2  # the message and maybe a hint


def test_unknown_company_in_portuguese() -> None:
    result = run("lookup", "elektr", "--lang", "pt")
    assert result.exit_code == 1
    assert "empresa desconhecida: 'elektr' não está no catálogo do escalate" in result.stderr
    assert "você quis dizer: elektro?" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("cemig", "--state", "XX"), 2, "não é uma sigla de estado: 'XX' (use duas letras"),
        (("equatorial", "--state", "SP"), 1, "não tem atendimento cadastrado para o estado 'SP'"),
    ],
)
def test_lookup_says_a_bad_or_unserved_state_in_portuguese(
    args: tuple[str, ...], code: int, said: str
) -> None:
    result = run("lookup", *args, "--lang", "pt")
    assert result.exit_code == code
    assert said in result.stderr
    assert "not a state" not in result.stderr and "Traceback" not in result.output


def test_bare_command_shows_help_and_exits_2() -> None:
    result = run()
    assert result.exit_code == 2
    assert "lookup" in result.stdout and "companies" in result.stdout


# --- user data -------------------------------------------------------------------------------


def _copy_shipped(name: str, dest: Path) -> str:
    from conftest import DATA

    return (DATA / "companies" / name).read_text(encoding="utf-8")


def test_user_record_replaces_shipped_one_and_says_so(user_companies: Path) -> None:
    text = _copy_shipped("cemig.yaml", user_companies)
    (user_companies / "cemig.yaml").write_text(
        text.replace("name: Cemig", "name: Cemig (minha cópia)")
    )
    out = run("lookup", "cemig", "--lang", "en").stdout
    assert out.startswith("Cemig (minha cópia) ·")
    assert "comes from your own data folder" in out


def test_bad_user_file_warns_and_other_companies_still_work(user_companies: Path) -> None:
    (user_companies / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    (user_companies / "typo.yaml").write_text(
        "id: typo\nname: Typo\nsector: energy\nverified_on: 2026-11-25\nchanels: []\n"
    )
    result = run("lookup", "elektro")
    assert result.exit_code == 0
    assert "0800 701 01 02" in result.stdout
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2
    assert any("broken.yaml:" in w for w in warnings)
    assert any("typo.yaml:5: chanels:" in w for w in warnings)
    assert "Traceback" not in result.stderr


def test_completion_of_company_ids() -> None:
    from escalate.cli.common import _complete_names

    assert _complete_names("ele") == ["elektro"]
    assert "equatorial-pa" in _complete_names("equatorial")
    assert set(_complete_names("")) >= {"cemig", "claro", "elektro", "equatorial", "aneel"}


def test_a_full_disk_is_one_line_and_exit_1(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import NOW, subprocess_env

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "escalate", "lookup", "elektro"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=subprocess_env(ESCALATE_HOME=str(tmp_path), ESCALATE_NOW=NOW),
        )
    assert result.returncode == 1
    assert result.stderr.startswith("escalate: error: cannot write the output")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("state", ["XX", "ZZ", "12"])
def test_unknown_state_codes_are_refused_even_for_national_companies(state: str) -> None:
    result = run("lookup", "claro", "--state", state)
    assert result.exit_code == 2
    assert "not a state code" in result.stderr


def test_group_says_how_to_narrow_before_the_units() -> None:
    out = run("lookup", "equatorial", "--lang", "en").stdout
    assert out.index("--state PA") < out.index("(PA)")


def test_json_is_escaped_not_mangled_when_stdout_cannot_write_utf8(tmp_path) -> None:
    import json
    import subprocess
    import sys

    from conftest import subprocess_env

    out = subprocess.run(
        [sys.executable, "-m", "escalate", "lookup", "elektro", "--json"],
        capture_output=True,
        env=subprocess_env(
            PYTHONIOENCODING="ascii",
            ESCALATE_NOW="2026-11-25T10:00-03:00",
            ESCALATE_HOME=str(tmp_path),
        ),
        check=True,
    ).stdout
    assert out.isascii()
    assert "Elektro Fácil" in json.dumps(json.loads(out), ensure_ascii=False)
