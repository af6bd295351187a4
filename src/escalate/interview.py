"""The questions `escalate advise` asks when the person does not know their stage.

Only what is needed, in order: risk to life first, then the company, the problem, the stage,
and the date, protocol or amount only for the stages that use them. The asking itself is done
by the ``Asker`` the command line passes in (rich.prompt in a terminal), so this module stays
free of any terminal library and a test can answer the questions itself.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Protocol

from escalate.errors import UsageError
from escalate.i18n import t
from escalate.value import Value

if TYPE_CHECKING:
    from collections.abc import Callable

    from escalate.ladder import Ladder
    from escalate.problem_facts import Problems

DATE_STAGES_EXCLUDED = ("start",)
PROTOCOL_STAGES = ("sac-failed", "ouvidoria-failed")
AMOUNT_STAGES = ("regulator-failed", "procon-failed")


class Asker(Protocol):
    def text(self, question: str) -> str: ...

    def say(self, line: str) -> None: ...


class Answers(Value):
    __slots__ = (
        "hazard",
        "company",
        "sector",
        "problem",
        "stage",
        "since",
        "has_protocol",
        "amount",
    )
    hazard: bool
    company: str | None
    sector: str | None
    problem: str | None
    stage: str | None
    since: dt.date | None
    has_protocol: bool | None
    amount: Decimal | None


def parse_date(value: str, *, today: dt.date, lang: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(t(lang, "err.date", value=value[:40])) from None
    if day > today:
        raise UsageError(t(lang, "err.date.future", value=day.isoformat()))
    return day


def parse_amount(value: str, *, lang: str) -> Decimal:
    """'1500', '1500,50', '1.500,50', 'R$ 1.500,50', '1500.50' → Decimal."""
    text = re.sub(r"^\s*R\$\s*", "", value.strip())
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(",", ".")
    elif not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        raise UsageError(t(lang, "err.amount", value=value[:40]))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise UsageError(t(lang, "err.amount", value=value[:40])) from None
    if amount <= 0:
        raise UsageError(t(lang, "err.amount", value=value[:40]))
    return amount


def _yes(answer: str) -> bool | None:
    word = answer.strip().lower()
    if word in ("y", "yes", "s", "sim"):
        return True
    if word in ("n", "no", "não", "nao"):
        return False
    return None


def _confirm(io: Asker, question: str, lang: str) -> bool:
    while True:
        answer = _yes(io.text(f"{question} [{t(lang, 'yes')}/{t(lang, 'no')}]"))
        if answer is not None:
            return answer
        io.say(t(lang, "ask.yes_no"))


def _choose(io: Asker, question: str, options: list[tuple[str, str]], lang: str) -> str:
    for number, (_, label) in enumerate(options, start=1):
        io.say(f"  {number}. {label}")
    while True:
        answer = io.text(question).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][0]
        ids = [option_id for option_id, _ in options]
        if answer in ids:
            return answer
        io.say(t(lang, "ask.invalid"))


def _retry(io: Asker, question: str, parse: Callable[[str], Any]) -> Any:
    while True:
        answer = io.text(question).strip()
        if not answer:
            return None
        try:
            return parse(answer)
        except UsageError as exc:
            io.say(exc.message)


def run(
    io: Asker,
    *,
    lang: str,
    today: dt.date,
    ladder: Ladder,
    problems: Problems,
    resolve_company: Callable[[str], tuple[str | None, str | None, list[str]]],
    company: str | None = None,
    sector: str | None = None,
    problem: str | None = None,
) -> Answers:
    """Ask what is missing. ``resolve_company`` gives (id, sector, suggestions) for a name."""
    if problem != "hazard" and _confirm(io, t(lang, "ask.hazard"), lang):
        return Answers(True, company, sector, "hazard", None, None, None, None)
    if problem == "hazard":
        return Answers(True, company, sector, "hazard", None, None, None, None)

    if company is None and sector is None:
        for _ in range(3):
            name = io.text(t(lang, "ask.company")).strip()
            if not name:
                break
            found, found_sector, suggestions = resolve_company(name)
            if found:
                company, sector = found, found_sector
                break
            if suggestions:
                io.say(t(lang, "ask.company.again", names=", ".join(suggestions)))
        if company is None:
            sector = _choose(
                io,
                t(lang, "ask.sector"),
                [
                    ("energy", t(lang, "sectorname.energy")),
                    ("telecom", t(lang, "sectorname.telecom")),
                ],
                lang,
            )

    if problem is None:
        options = [
            (p.id, p.label.get(lang))
            for p in problems.problems
            if p.id != "hazard" and (sector is None or sector in p.sectors)
        ]
        problem = _choose(io, t(lang, "ask.problem"), options, lang)

    stages = [(s.id, f"{s.summary.get(lang)} [{s.id}]") for s in ladder.stages]
    stage = _choose(io, t(lang, "ask.stage"), stages, lang)

    since = None
    if stage not in DATE_STAGES_EXCLUDED:
        since = _retry(io, t(lang, "ask.since"), lambda v: parse_date(v, today=today, lang=lang))
    has_protocol = None
    if stage in PROTOCOL_STAGES:
        has_protocol = _confirm(io, t(lang, "ask.protocol"), lang)
    amount = None
    if stage in AMOUNT_STAGES:
        amount = _retry(io, t(lang, "ask.amount"), lambda v: parse_amount(v, lang=lang))
    return Answers(False, company, sector, problem, stage, since, has_protocol, amount)
