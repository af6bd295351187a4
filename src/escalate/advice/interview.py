"""The questions `escalate advise` asks when the person does not know their stage.

Only what is needed, in order: risk to life first (then the company, for its emergency line),
then the company, the problem, the stage, the state when it matters (a company serving several
states, or Procon next), and the date, hour, event date, circumstances (urban or rural …),
protocol or amount only when the stage or a clock of the problem uses them. The asking itself
is done by the ``Asker`` the command line passes in (rich.prompt in a terminal), so this module
stays free of any terminal library and a test can answer the questions itself.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Protocol

from escalate.errors import UsageError
from escalate.i18n import t
from escalate.records.models import normalize
from escalate.records.value import Value

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from escalate.records.ladder import Ladder, Stage, Step
    from escalate.records.problem_facts import Problems


class Asker(Protocol):
    def text(self, question: str) -> str: ...

    def say(self, line: str) -> None: ...


class Answers(Value):
    hazard: bool
    company: str | None
    sector: str | None
    problem: str | None
    stage: str | None
    since: dt.date | None
    has_protocol: bool | None
    amount: Decimal | None
    since_time: dt.time | None = None
    event: dt.date | None = None
    circumstances: Mapping[str, str] = {}
    state: str | None = None


class CompanyMatch(Value):
    """What a name typed for the company means: a company of the catalogue (its id and
    sector); else nothing, with the close names of companies (never a public body), or the
    name of the public body it means (ANEEL is not a company)."""

    company: str | None = None
    sector: str | None = None
    close: tuple[str, ...] = ()
    body: str | None = None


# The words for a day, folded (no case, no accents); values are days before today.
_DAY_WORDS = {"hoje": 0, "today": 0, "ontem": 1, "yesterday": 1, "anteontem": 2}
# Words between a date and its hour: "ontem às 14h30", "27/11 at 14:30".
_AT_WORDS = frozenset({"as", "a", "at", "@"})
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?", re.ASCII)
_ISO_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})[Tt](.+)", re.ASCII)


def _date_error(value: str, today: dt.date, lang: str) -> UsageError:
    example = (today - dt.timedelta(days=2)).strftime("%d/%m/%Y")
    return UsageError(t(lang, "err.date", value=value[:40], example=example))


def parse_date(value: str, *, today: dt.date, lang: str) -> dt.date:
    """A day as a person in Brazil types it, never after ``today``: '27/11/2026', '27/11'
    (this year, or last year when this year's is still ahead), 'hoje', 'ontem', 'anteontem'
    ('today', 'yesterday'), or '2026-11-27'. Case and accents do not matter; a two-digit
    year ('27/11/26') is refused: the forms above leave no doubt."""
    text = value.strip()
    word = normalize(text)
    if word in _DAY_WORDS:
        return today - dt.timedelta(days=_DAY_WORDS[word])
    iso = _ISO_DATE.fullmatch(text)
    found = _DAY_MONTH.fullmatch(text) if iso is None else None
    if iso is not None:
        year, month, number = (int(part) for part in iso.groups())
    elif found is not None and found.group(3) is not None:
        number, month, year = (int(part) for part in found.groups())
    elif found is not None:
        return _recent(int(found.group(1)), int(found.group(2)), today, value, lang)
    else:
        raise _date_error(value, today, lang)
    try:
        day = dt.date(year, month, number)
    except ValueError:  # 31/04, 29/02/2026
        raise _date_error(value, today, lang) from None
    if day > today:
        raise UsageError(t(lang, "err.date.future", value=day.strftime("%d/%m/%Y")))
    return day


def _recent(day: int, month: int, today: dt.date, value: str, lang: str) -> dt.date:
    """DD/MM without a year: the latest such day not after today, this year or last year (a
    complaint is never about the future). 29/02 needs a leap year among the two."""
    for year in (today.year, today.year - 1):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if found <= today:
            return found
    raise _date_error(value, today, lang)


def parse_time(value: str, *, lang: str) -> dt.time:
    """'14:30', '14h30', '14h30min', '14h', '9:05', '14:30:00' → a time of day."""
    found = re.fullmatch(
        r"(\d{1,2})\s*(?:[:h]\s*(?:(\d{2})(?::([0-5]\d))?)?\s*(?:min)?)?",
        value.strip().lower(),
        re.ASCII,
    )
    if found is None or int(found.group(1)) > 23 or int(found.group(2) or 0) > 59:
        raise UsageError(t(lang, "err.time", value=value[:40]))
    return dt.time(int(found.group(1)), int(found.group(2) or 0))


def parse_moment(value: str, *, today: dt.date, lang: str) -> tuple[dt.date, dt.time | None]:
    """A day and, if given, its hour: 'ontem 14h30', 'ontem às 14h30', '27/11 14:30',
    '2026-11-29T14:30', '2026-11-29 14:30', or a day alone ('hoje', '29/11/2026')."""
    text = value.strip()
    iso = _ISO_MOMENT.fullmatch(text)
    if iso is not None:
        day_text, rest = iso.group(1), [iso.group(2)]
    else:
        parts = [part for part in re.split(r"[\s,]+", text) if part] or [text]
        day_text, rest = parts[0], parts[1:]
        while rest and normalize(rest[0]) in _AT_WORDS:
            rest = rest[1:]
    day = parse_date(day_text, today=today, lang=lang)
    if not rest:
        return day, None
    return day, parse_time(" ".join(rest), lang=lang)


def parse_amount(value: str, *, lang: str) -> Decimal:
    """'1500', '1500,50', '1.500,50', 'R$ 1.500,50', '1500.50' → Decimal."""
    text = re.sub(r"^R\$\s*", "", value.strip(), flags=re.IGNORECASE)
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


class CaseOffer(Value):
    """What the person adds when the interview opens a case for them."""

    title: str
    want: tuple[str, ...]
    story: str | None


def offer_case(
    io: Asker, *, lang: str, title: str, remedies: Sequence[tuple[str, str]]
) -> CaseOffer | None:
    """At the end of the interview: open a case with these answers? Then the title (Enter
    keeps ``title``), what the person wants (one of ``remedies``, id and label; Enter for
    none) and the story in a line. None when they say no."""
    if not _confirm(io, t(lang, "ask.open_case"), lang):
        return None
    typed = io.text(t(lang, "ask.case_title", title=title)).strip()
    want: tuple[str, ...] = ()
    if remedies:
        io.say(t(lang, "ask.want"))
        chosen = _choose(io, t(lang, "ask.number"), [*remedies, ("", t(lang, "ask.skip"))], lang)
        want = (chosen,) if chosen else ()
    story = io.text(t(lang, "ask.story")).strip()
    return CaseOffer(typed or title, want, story or None)


def _stage_name(stage: Stage, lang: str) -> str:
    if lang == "pt" and stage.aliases:
        return stage.aliases[0]
    return stage.id


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


def _choose(
    io: Asker,
    question: str,
    options: list[tuple[str, str]],
    lang: str,
    named: Callable[[str], str | None] | None = None,
) -> str:
    """One of the options: its number, its id or its label (without case or accents:
    'energia'), or what ``named`` says a word means (the data's aliases: 'religação')."""
    for number, (_, label) in enumerate(options, start=1):
        io.say(f"  {number}. {label}")
    while True:
        answer = io.text(question).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][0]
        ids = [option_id for option_id, _ in options]
        if answer in ids:  # Enter, for an option whose id is "" (I do not know)
            return answer
        key = normalize(answer)
        meant = named(answer) if named is not None and key else None
        for option_id, label in options:
            if key and (key in (option_id, normalize(label)) or option_id == meant):
                return option_id
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
    resolve_company: Callable[[str], CompanyMatch],
    company: str | None = None,
    sector: str | None = None,
    problem: str | None = None,
    states_of: Callable[[str], tuple[str, ...]] | None = None,
    state: str | None = None,
    companies_in: Callable[[str], list[tuple[str, str, str]]] | None = None,
) -> Answers:
    """Ask what is missing. ``resolve_company`` says what a typed name means; ``states_of``
    the states a company serves; ``companies_in`` the companies serving a state (the id to
    type, the name, the sector), offered when the person does not know the company's id.
    Dates and words may be typed as a person in Brazil types them ('ontem', '27/11',
    'religação', 'sac-falhou')."""
    if problem == "hazard" or _confirm(io, t(lang, "ask.hazard"), lang):
        # The company, so that its emergency number is said; with none, every known line.
        if company is None and sector is None:
            company, sector = _ask_company(io, resolve_company, lang)
        return Answers(True, company, sector, "hazard", None, None, None, None)

    if company is None and sector is None:
        company, sector = _ask_company(io, resolve_company, lang)
        if company is None and companies_in is not None:
            company, sector, state = _company_by_state(io, companies_in, lang, state)
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
        from escalate.records.models import Sector

        word = Sector(sector) if sector else None
        options = [
            (p.id, p.label_for(word).get(lang))
            for p in problems.problems
            if p.id != "hazard" and (sector is None or sector in p.sectors)
        ]
        problem = _choose(io, t(lang, "ask.problem"), options, lang, _id_of(problems.problem_named))

    # The name to type for --stage next time: in Portuguese, the data's first alias (sac-falhou).
    stages = [(s.id, f"{s.summary.get(lang)} [{_stage_name(s, lang)}]") for s in ladder.stages]
    stage = _choose(io, t(lang, "ask.stage"), stages, lang, _id_of(ladder.stage_named))

    served = states_of(company) if company is not None and states_of is not None else ()
    if state is None and len(served) != 1 and (len(served) > 1 or _procon_near(ladder, stage)):
        state = _retry(io, t(lang, "ask.state"), lambda v: _state(v, served, lang))

    clocks = [
        c
        for c in problems.clocks
        if problem in c.applies.problems
        and (sector is None or not c.applies.sectors or sector in c.applies.sectors)
    ]
    waiting = ladder.stage(stage).wait is not None
    since = since_time = None
    if stage != ladder.start:
        # The day, and its hour when typed with it ('ontem 14h30'); else asked if a clock
        # counts hours from the report.
        moment = _retry(io, t(lang, "ask.since"), lambda v: parse_moment(v, today=today, lang=lang))
        since, since_time = moment if moment is not None else (None, None)
        hours = any(c.unit == "hours" and c.starts.startswith("report") for c in clocks)
        if since is not None and since_time is None and hours and waiting:
            since_time = _retry(io, t(lang, "ask.since_time"), lambda v: parse_time(v, lang=lang))
    event = None
    if any(c.starts == "event" for c in clocks):
        event = _retry(io, t(lang, "ask.event"), lambda v: parse_date(v, today=today, lang=lang))
    circumstances: dict[str, str] = {}
    for question in problems.questions:
        if question.ask is None or not any(question.id in c.when for c in clocks):
            continue
        options = [(c.id, c.label.get(lang)) for c in question.choices]
        options.append(("", t(lang, "ask.dont_know")))
        choice = _choose(io, question.ask.get(lang) + " " + t(lang, "ask.number"), options, lang)
        if choice:
            circumstances[question.id] = choice
    has_protocol = None
    if _asks_protocol(ladder, stage):
        has_protocol = _confirm(io, t(lang, "ask.protocol"), lang)
    amount = None
    if _asks_amount(ladder, stage):
        amount = _retry(io, t(lang, "ask.amount"), lambda v: parse_amount(v, lang=lang))
    return Answers(
        False,
        company,
        sector,
        problem,
        stage,
        since,
        has_protocol,
        amount,
        since_time,
        event,
        circumstances,
        state,
    )


def _ask_company(
    io: Asker, resolve_company: Callable[[str], CompanyMatch], lang: str
) -> tuple[str | None, str | None]:
    """The company's id and sector; (None, None) when the person presses Enter, or after
    three names the catalogue does not have (each time saying so, with the close names of
    companies and where the list is)."""
    for _ in range(3):
        name = io.text(t(lang, "ask.company")).strip()
        if not name:
            return None, None
        found = resolve_company(name)
        if found.company:
            return found.company, found.sector
        if found.body:
            io.say(t(lang, "ask.company.body", name=found.body))
        elif found.close:
            io.say(t(lang, "ask.company.again", names=", ".join(found.close)))
        else:
            io.say(t(lang, "ask.company.unknown"))
    io.say(t(lang, "ask.company.without"))
    return None, None


def _id_of(named: Callable[[str], Any]) -> Callable[[str], str | None]:
    """The id of the record a name means (``Problems.problem_named``, ``Ladder.stage_named``)."""

    def found(name: str) -> str | None:
        record = named(name)
        return record.id if record is not None else None

    return found


def _next_steps(ladder: Ladder, stage_id: str, count: int) -> list[Step]:
    """The next ``count`` steps to take from a stage (after the answer being waited on)."""
    found: list[Step] = []
    stage = ladder.stage(stage_id)
    while len(found) < count:
        if stage.wait is not None:
            failed = ladder.step(stage.wait).failed_stage
            if failed is None:
                break
            stage = ladder.stage(failed)
            continue
        step = ladder.step(stage.do or "")
        found.append(step)
        if step.failed_stage is None or step.failed_stage == stage.id:
            break
        stage = ladder.stage(step.failed_stage)
    return found


def _procon_near(ladder: Ladder, stage_id: str) -> bool:
    """Whether Procon is the step to take, or the one after the answer being waited on."""
    return any(s.target.body == "procon" for s in _next_steps(ladder, stage_id, 1))


def _asks_protocol(ladder: Ladder, stage_id: str) -> bool:
    """Whether the step to take now asks for the earlier step's protocol number."""
    stage = ladder.stage(stage_id)
    return stage.do is not None and ladder.step(stage.do).needs_protocol_from is not None


def _asks_amount(ladder: Ladder, stage_id: str) -> bool:
    """Whether the Juizado, whose limits are in reais, is the next step or the one after."""
    stage = ladder.stage(stage_id)
    return stage.do is not None and any(
        s.target.body == "juizado" for s in _next_steps(ladder, stage_id, 2)
    )


def _company_by_state(
    io: Asker,
    companies_in: Callable[[str], list[tuple[str, str, str]]],
    lang: str,
    state: str | None,
) -> tuple[str | None, str | None, str | None]:
    """The state first, then the companies that serve it, to pick from: (the company's id,
    its sector, the state); Enter at either question goes on without a company."""
    if state is None:
        state = _retry(io, t(lang, "ask.state.first"), lambda v: _state(v, (), lang))
    if state is None:
        return None, None, None
    found = companies_in(state)
    if not found:
        return None, None, state
    options = [(cid, f"{name} [{cid}]") for cid, name, _sector in found]
    chosen = _choose(io, t(lang, "ask.company.pick"), [*options, ("", t(lang, "ask.skip"))], lang)
    sector = next((sec for cid, _name, sec in found if cid == chosen), None)
    return (chosen or None), sector, state


def _state(value: str, served: tuple[str, ...], lang: str) -> str:
    from escalate.records.models import STATES

    code = value.strip().upper()
    if code not in STATES or (served and code not in served):
        raise UsageError(t(lang, "ask.state.invalid", states=", ".join(sorted(served or STATES))))
    return code
