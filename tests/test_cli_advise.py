"""`escalate advise` and `escalate tree` as a person types them."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from escalate.cli.main import app

runner = CliRunner()


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), input=input, env=env)


# --- what the issue asks to show -------------------------------------------------------------


def test_sac_failed_elektro_names_the_ouvidoria_first() -> None:
    result = run("advise", "--stage", "sac-failed", "--company", "elektro", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    action = out.index("WHAT TO DO NOW")
    assert "ouvidoria" in out[action : action + 300]
    assert "0800 012 40 50" in out
    assert "CEP 13053-024" in out  # the letter
    assert "account holder" in out
    later = out[out.index("IF THIS DOES NOT SOLVE IT") :]
    assert "ANEEL: 167" in later and "ANEEL Consumidor" in later
    assert "consumidor.gov.br" in later and "Procon" in later and "Reclame Aqui" in later
    assert "R$ 32,420.00" in later and "R$ 64,840.00" in later
    assert out.count("This is information, not legal advice.") == 1


def test_ouvidoria_failed_claro_names_anatel_and_never_aneel() -> None:
    for lang in ("en", "pt"):
        out = run(
            "advise", "--stage", "ouvidoria-failed", "--company", "claro", "--lang", lang
        ).stdout
        assert "Anatel" in out and "1331" in out
        assert "ANEEL" not in out and "167" not in out


def test_sac_open_since_shows_the_deadline_date() -> None:
    out = run(
        "advise",
        "--stage",
        "sac-open",
        "--company",
        "elektro",
        "--since",
        "2026-11-02",
        "--lang",
        "en",
    ).stdout
    assert "2026-11-09" in out
    assert "Decreto 11.034/2022, art. 13" in out
    # Today (2026-11-25) is past it: the advice has moved on to the ouvidoria.
    assert "0800 012 40 50" in out


def test_sac_open_inside_the_deadline_says_until_when_to_wait() -> None:
    out = run(
        "advise",
        "--stage",
        "sac-open",
        "--company",
        "elektro",
        "--since",
        "2026-11-20",
        "--lang",
        "pt",
    ).stdout
    assert "Aguarde a resposta até 27/11/2026 (sex.)." in out
    assert "Enquanto isso" in out
    assert "SE ISSO NÃO RESOLVER" in out


def test_sac_failed_without_a_company_says_how_to_find_the_ouvidoria() -> None:
    result = run("advise", "--stage", "sac-failed", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Ask the SAC for it, or look on the bill" in result.stdout
    assert "escalate companies" in result.stdout


def test_hazard_is_first_and_alone() -> None:
    out = run("advise", "--problem", "hazard", "--company", "elektro", "--lang", "en").stdout
    assert out.splitlines()[2].startswith("⚠ Risk to life")
    assert "193" in out and "0800 701 01 02" in out
    assert (
        "IF THIS DOES NOT SOLVE IT" not in out
        and "ouvidoria" not in out.split("\n", 3)[3].lower().split("never")[0]
    )


def test_no_protocol_gets_one_first() -> None:
    out = run(
        "advise", "--stage", "sac-failed", "--company", "claro", "--no-protocol", "--lang", "en"
    ).stdout
    assert "First get a protocol number" in out
    assert "Decreto 11.034/2022, art. 12" in out
    assert "10621" in out  # back to the SAC


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1500", "you may file without a lawyer"),
        ("R$ 40.000,00", "you need a lawyer"),
        ("70000.50", "go to the Justiça comum"),
    ],
)
def test_amount_decides_lawyer_and_court(amount: str, expected: str) -> None:
    out = run(
        "advise",
        "--stage",
        "procon-failed",
        "--company",
        "cemig",
        "--amount",
        amount,
        "--lang",
        "en",
    ).stdout
    assert expected in out


def test_reconnection_problem_shows_the_hour_limits() -> None:
    out = run(
        "advise",
        "--stage",
        "start",
        "--company",
        "elektro",
        "--problem",
        "reconnection",
        "--lang",
        "pt",
    ).stdout
    assert "BOM SABER" in out and "4 h" in out and "48 h" in out
    assert "REN ANEEL 1.000/2021" in out


def test_checklist_of_the_recommended_channel_is_shown() -> None:
    out = run("advise", "--stage", "sac-failed", "--company", "claro", "--lang", "en").stdout
    assert "Have at hand" in out
    assert "FINISHED" in out.upper()  # Claro asks for a finished SAC protocol
    assert "escalate checklist ouvidoria" in out


def test_equatorial_state_narrows_the_channels() -> None:
    out = run("advise", "--stage", "start", "--company", "equatorial", "--state", "PA").stdout
    assert "(91) 3217-8200" in out and "(82) 2126-9200" not in out


# --- JSON ------------------------------------------------------------------------------------


def test_advise_json_is_one_document() -> None:
    result = run(
        "advise", "--stage", "sac-open", "--company", "elektro", "--since", "2026-11-20", "--json"
    )
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["kind"] == "advice"
    assert data["mode"] == "wait"
    assert data["deadline"]["due"] == "2026-11-27"
    assert data["deadline"]["rule"] == "Decreto 11.034/2022, art. 13"
    assert data["request"]["company"] == "elektro"
    assert data["next_action"]["text"]["pt"].startswith("Aguarde")


def test_advise_json_matches_schema() -> None:
    import jsonschema

    schema = json.loads((ROOT / "docs" / "schemas" / "advice.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    cases = [
        ["--stage", "start", "--company", "elektro", "--problem", "damaged-appliance"],
        ["--stage", "sac-failed", "--company", "claro"],
        ["--stage", "ouvidoria-failed", "--sector", "telecom"],
        ["--stage", "procon-failed", "--company", "cemig", "--amount", "90000"],
        ["--problem", "hazard", "--company", "equatorial", "--state", "PA"],
        ["--stage", "regulator-open", "--company", "claro", "--since", "2026-11-20"],
    ]
    for args in cases:
        data = json.loads(run("advise", *args, "--json").stdout)
        errors = list(validator.iter_errors(data))
        assert not errors, (args, [f"{list(e.path)}: {e.message}" for e in errors[:3]])


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--stage", "sac-broken"], 2, "valid stages: start, sac-open, sac-failed"),
        (["--stage", "start", "--problem", "ghosts"], 2, "valid problems: hazard, outage"),
        (["--stage", "sac-open", "--since", "31/04/2026"], 2, "use DD/MM/YYYY, DD/MM, today"),
        (["--stage", "sac-open", "--since", "2027-01-01"], 2, "in the future"),
        (["--stage", "procon-failed", "--amount", "lots"], 2, "not an amount"),
        (["--stage", "start", "--company", "elektr"], 1, "did you mean: elektro?"),
        (["--stage", "start", "--company", "claro", "--sector", "energy"], 2, "telecom company"),
        (["--stage", "start", "--company", "elektro", "--state", "PA"], 1, "serves: MS, SP"),
        ([], 2, "give --stage"),
        (["--company", "elektro"], 2, "give --stage"),
    ],
)
def test_advise_errors(args: list[str], code: int, message: str) -> None:
    result = run("advise", *args, "--lang", "en")
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert message in result.stderr
    assert result.stderr.startswith("escalate: error: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --- the interview ---------------------------------------------------------------------------


def test_interview_asks_and_advises() -> None:
    answers = "\n".join(
        [
            "n",  # risk to life?
            "elektro",  # company
            "2",  # problem: wrong bill (billing)
            "3",  # stage: sac-failed
            "SP",  # Elektro serves SP and MS: which state?
            "2026-11-20",  # date of the last protocol
            "s",  # do you have the protocol number? (pt: s/n)
        ]
    )
    result = run("advise", "--interview", "--lang", "pt", input=answers + "\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Alguém corre risco agora" in out
    assert "Qual empresa?" in out
    assert "Leve o caso à ouvidoria" in out
    assert "0800 012 40 50" in out
    assert "problema: Conta errada" in out


def test_interview_hazard_stops_at_the_first_question() -> None:
    result = run("advise", "--interview", "--company", "elektro", "--lang", "en", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "Risk to life" in result.stdout
    assert "Which company?" not in result.stdout  # nothing else is asked


def test_interview_retries_bad_answers_and_suggests_companies() -> None:
    answers = ["no", "elektr", "elektro", "99", "42", "1", "1", "XX", "sp"]
    result = run("advise", "-i", "--lang", "en", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Did you mean: elektro?" in result.stdout
    assert "Please answer with one of the numbers shown." in result.stdout
    assert "Type the two letters of a state: MS, SP." in result.stdout
    assert "Complain to the company's SAC" in result.stdout


def test_interview_without_company_asks_the_sector() -> None:
    answers = ["n", "", "", "2", "1", "1"]  # no company, no state; telecom; first problem; start
    result = run("advise", "-i", "--lang", "en", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "energy (electricity) or telecom" in result.stdout
    assert "telecom · problem:" in result.stdout


def test_interview_asks_the_amount_only_where_it_matters() -> None:
    answers = ["n", "cemig", "2", "8", "", "70000"]
    result = run("advise", "-i", "--lang", "en", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Amount in dispute" in result.stdout
    assert "go to the Justiça comum" in result.stdout
    start = run("advise", "-i", "--lang", "en", input="n\ncemig\n2\n1\n")
    assert "Amount in dispute" not in start.stdout
    assert "Date of the last protocol" not in start.stdout


def test_interview_end_of_input_is_a_usage_error() -> None:
    result = run("advise", "--interview", "--lang", "en", input="n\n")
    assert result.exit_code == 2
    assert "the input ended" in result.stderr
    assert "WHAT TO DO NOW" not in result.stdout  # nothing half-printed


# --- tree ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sector", ["energy", "telecom"])
def test_tree_lists_every_stage_with_its_description(sector: str) -> None:
    out = run("tree", "--sector", sector, "--lang", "en").stdout
    for stage in (
        "start",
        "sac-open",
        "sac-failed",
        "ouvidoria-open",
        "ouvidoria-failed",
        "regulator-open",
        "regulator-failed",
        "procon-failed",
    ):
        assert f"├─ {stage}  " in out
    assert ("→ ANEEL" in out) == (sector == "energy")
    assert ("→ Anatel" in out) == (sector == "telecom")
    assert "193" in out


def test_tree_mermaid_is_a_flowchart_and_the_readme_shows_it() -> None:
    out = run("tree", "--format", "mermaid", "--lang", "en").stdout
    assert out.startswith("flowchart TD\n")
    assert 'sac_failed -- "Ouvidoria" --> ouvidoria_open' in out
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```mermaid\n(.*?)```", readme, re.S)
    assert block and block.group(1) == out


def test_stage_help_lists_the_stages_of_the_data() -> None:
    from escalate.cli.common import STAGE_HELP

    data = (DATA / "ladder.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^  - id: ([a-z-]+)\n(?:    aliases: .*\n)?    summary:", data, re.M)
    assert ids and all(i in STAGE_HELP for i in ids)
    assert "sac-failed" in run("advise", "--help").stdout


# --- regressions found in review -------------------------------------------------------------


def test_above_40_wages_the_juizado_still_takes_it_if_the_excess_is_given_up() -> None:
    """Lei 9.099, art. 3, §3: never "the Juizado cannot take it"."""
    out = run(
        "advise",
        "--stage",
        "procon-failed",
        "--company",
        "cemig",
        "--amount",
        "70000",
        "--lang",
        "pt",
    ).stdout
    action = out[out.index("O QUE FAZER AGORA") : out.index("\nOnde\n")]
    assert "abrir mão do que passar de R$ 64.840,00" in action
    assert "Justiça comum" in action
    assert "não aceita" not in out
    assert "Justiça comum" in out[out.index("ou, em vez disso") :].splitlines()[0]


def test_above_20_wages_the_next_action_says_lawyer() -> None:
    out = run(
        "advise",
        "--stage",
        "procon-failed",
        "--company",
        "cemig",
        "--amount",
        "40000",
        "--lang",
        "en",
    ).stdout
    action = out[out.index("WHAT TO DO NOW") : out.index("\nWhere\n")]
    assert "with a lawyer" in action


def test_reported_facts_keep_their_mark_in_what_comes_next() -> None:
    out = run("advise", "--stage", "sac-failed", "--company", "elektro", "--lang", "en").stdout
    later = out[out.index("IF THIS DOES NOT SOLVE IT") :]
    assert "ANEEL: 167 *" in later
    assert "Procon 151 *" in later


def test_without_a_company_both_regulators_are_named() -> None:
    out = run("advise", "--stage", "sac-failed", "--lang", "en").stdout
    later = out[out.index("IF THIS DOES NOT SOLVE IT") :]
    assert "ANEEL: 167" in later and "Anatel: 1331" in later


def test_hazard_puts_the_emergency_line_with_193_and_says_it_once() -> None:
    out = run("advise", "--problem", "hazard", "--company", "elektro", "--lang", "en").stdout
    assert "Call the company's emergency line (below) and the fire brigade 193 now" in out
    assert "SAMU 192" in out
    assert "0800 701 01 02" in out  # the number, never "the company's line" alone
    assert "Then call" not in out
    assert out.count("never") == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--stage", "sac-failed", "--company", "aneel"], 1, "is a public body, not a company"),
        (
            ["--stage", "start", "--company", "claro", "--problem", "damaged-appliance"],
            2,
            "is for energy companies",
        ),
    ],
)
def test_advise_refuses_what_does_not_fit(args: list[str], code: int, message: str) -> None:
    result = run("advise", *args, "--lang", "en")
    assert result.exit_code == code
    assert message in result.stderr


def test_yes_no_questions_say_how_to_answer() -> None:
    result = run("advise", "-i", "--lang", "pt", input="talvez\nn\nelektro\n1\n1\nSP\n")
    assert "Responda s (sim) ou n (não)." in result.stdout
    assert result.exit_code == 0, result.stderr


# --- problem clocks on the command line ---------------------------------------------------------
# ESCALATE_NOW is 2026-11-25 10:00 in São Paulo.


@pytest.mark.parametrize(
    ("since", "first"),
    [
        # Paid and reported two days ago at 14:30: the 24 h are over, go on now.
        ("2026-11-23 14:30", "O prazo acabou: religação normal em área urbana, 24 h"),
        ("2026-11-23T14h30", "O prazo acabou: religação normal em área urbana, 24 h"),
        # Reported yesterday at 16:00: wait until today 16:00, never the SAC's 7 days.
        ("2026-11-24 16:00", "Aguarde até 25/11/2026 (qua.) às 16:00"),
        # The day alone: say how the clock runs and ask for the hour; act if it may be over.
        ("2026-11-24", "O prazo pode já ter acabado: religação normal em área urbana"),
        ("2026-11-25", "Aguarde: a distribuidora deve religar a energia em até 24 h"),
    ],
)
def test_reconnection_is_decided_by_its_own_clock(since: str, first: str) -> None:
    out = run(
        "advise", "--company", "elektro", "--stage", "sac-open", "--problem", "reconnection",
        "--since", since, "--lang", "pt",
    ).stdout  # fmt: skip
    action = out.splitlines()[4]
    assert action.startswith("→ " + first), action
    assert "7 dias" not in action


def test_the_circumstances_change_the_clock_and_bad_ones_are_usage_errors() -> None:
    rural = run(
        "advise", "--company", "elektro", "--stage", "sac-open", "--problem", "reconnection",
        "--since", "2026-11-24 09:00", "--area", "rural", "--lang", "en",
    ).stdout  # fmt: skip
    assert "Wait until 2026-11-26 (Thu) at 09:00" in rural
    wrongful = run(
        "advise", "--company", "elektro", "--stage", "sac-open", "--problem", "reconnection",
        "--since", "2026-11-25 05:00", "--cut", "wrongful", "--lang", "en",
    ).stdout  # fmt: skip
    assert "The deadline is over: reconnection after a wrongful cut, 4 h" in wrongful
    for option, value in (("--area", "beach"), ("--cut", "maybe"), ("--request", "pigeon")):
        result = run("advise", "--stage", "sac-open", "--company", "elektro", option, value)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"escalate: error: {option}: not a valid answer")
        assert "valid answers:" in result.stderr
    for bad in ("2026-11-24 25:00", "2026-11-24 ab", "2026-11-24 14:30:99"):
        result = run("advise", "--stage", "sac-open", "--company", "elektro", "--since", bad)
        assert result.exit_code == 2, bad
        assert "Traceback" not in result.stderr


def test_a_cancellation_never_waits_for_the_ouvidoria() -> None:
    out = run(
        "advise", "--company", "claro", "--stage", "ouvidoria-open", "--problem",
        "cancellation", "--since", "2026-11-24", "--lang", "en",
    ).stdout  # fmt: skip
    action = out.splitlines()[4]
    assert "The operator had to carry out the cancellation at once" in action
    assert "Wait" not in action
    assert "Anatel" in out[out.index("\nWhere\n") :].splitlines()[2]


def test_the_fridge_claim_headlines_the_appliance_clocks() -> None:
    out = run(
        "advise", "--company", "elektro", "--stage", "sac-open", "--problem",
        "damaged-appliance", "--since", "2026-11-20", "--event-date", "2026-11-19",
        "--appliance", "perishable", "--json",
    ).stdout  # fmt: skip
    data = json.loads(out)
    assert data["clock"] == "appliance-answer-early"
    assert data["next_action"]["key"] == "wait.clock"
    clocks = {c["id"]: c for c in data["clocks"]}
    assert clocks["appliance-inspection-perishable"]["due"] == "2026-11-23"  # 1 business day
    assert clocks["appliance-answer-early"]["due"] == "2026-12-05"
    assert clocks["appliance-simplified"]["due"] == "2027-02-17"
    assert clocks["appliance-limit"]["due"] == "2031-11-19"
    assert data["request"]["event_date"] == "2026-11-19"
    assert data["request"]["circumstances"] == {"appliance": "perishable"}


def test_hazard_interview_asks_the_company_and_says_its_number() -> None:
    result = run("advise", "-i", "--lang", "pt", input="s\ncemig\n")
    assert result.exit_code == 0, result.stderr
    assert "Qual empresa?" in result.stdout
    assert "116" in result.stdout and "193" in result.stdout and "192" in result.stdout
    nobody = run("advise", "-i", "--lang", "en", input="y\n\n")
    assert nobody.exit_code == 0, nobody.stderr
    assert "Emergency lines of the energy distributors" in nobody.stdout
    assert "0800 091 0196" in nobody.stdout  # Equatorial Pará's, among every known line


def test_the_interview_asks_what_the_clock_needs_only_when_it_matters() -> None:
    answers = [
        "n", "cemig", "3",  # reconnection
        "2",  # sac-open
        "2026-11-24", "16:00",  # the day and the hour of the report
        "1",  # normal reconnection
        "2",  # rural
    ]  # fmt: skip
    result = run("advise", "-i", "--lang", "en", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "At what time?" in result.stdout
    assert "urban or a rural area" in result.stdout
    assert "Wait until 2026-11-26 (Thu) at 16:00" in result.stdout
    billing = run("advise", "-i", "--lang", "en", input="n\ncemig\n2\n2\n2026-11-24\n")
    assert billing.exit_code == 0, billing.stderr
    assert "At what time?" not in billing.stdout and "rural" not in billing.stdout


@pytest.mark.parametrize(
    ("args", "present", "absent"),
    [
        (["--company", "cemig"], ["Procon do seu estado"], ["Procon-SP"]),
        (["--company", "claro", "--state", "RJ"], ["Procon do seu estado"], ["Procon-SP"]),
        (["--company", "elektro", "--state", "SP"], ["Procon-SP"], ["Procon do seu estado"]),
        (["--sector", "energy", "--state", "AM"], ["0800 092 1512"], ["Procon-SP"]),
    ],
)
def test_a_state_procon_only_in_its_state(args, present, absent) -> None:
    out = run("advise", "--stage", "regulator-failed", *args, "--lang", "pt").stdout
    for text in present:
        assert text in out
    for text in absent:
        assert text not in out


def test_completion_of_stages_problems_and_channels_comes_from_the_data(cat) -> None:
    from escalate.cli.common import (
        PROBLEM_HELP,
        _complete_channels,
        _complete_problems,
        _complete_stages,
    )

    stages = [s.id for s in cat.rules("ladder").stages]
    problems = [p.id for p in cat.rules("problems").problems]
    # The ids first, in the data's order, then the aliases (tests/test_brazilian_input.py).
    assert _complete_stages("")[: len(stages)] == stages
    assert _complete_stages("sac")[:2] == [s for s in stages if s.startswith("sac")]
    assert _complete_problems("")[: len(problems)] == problems
    assert "meter-fraud" in _complete_problems("met")
    assert "consumidor-gov" in _complete_channels("cons")
    # The help text names every problem the data has (it is read at start-up, not loaded).
    assert all(p in PROBLEM_HELP for p in problems)
