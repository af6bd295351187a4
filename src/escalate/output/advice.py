"""Human output of `escalate advise` and `escalate tree`: lines of (text, style) segments.

No rich here: ``render.emit`` prints the lines, with rich in a terminal and plain through a pipe.
The next action comes first; then where, what to bring, the deadline, what follows, and why.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from escalate.advice.clocks import Length
from escalate.i18n import day_text, t
from escalate.output.terminal import MARK_STYLE, MARKS, Line, contact_text, label_segments
from escalate.records.hours import day_name
from escalate.records.ladder import ANSWER
from escalate.records.models import Text

if TYPE_CHECKING:
    from escalate.advice.advisor import (
        Advice,
        DeadlineView,
        Later,
        Money,
        Option,
        Reach,
        Rules,
        Say,
    )
    from escalate.advice.clocks import ClockView
    from escalate.entry import AdviceResult
    from escalate.records.ladder import Ladder

INDENT = "  "


def fmt_date(day: dt.date, lang: str) -> str:
    if isinstance(day, dt.datetime):
        return t(lang, "at_time", date=fmt_date(day.date(), lang), time=day.strftime("%H:%M"))
    shown = day.strftime("%d/%m/%Y") if lang == "pt" else day.isoformat()  # 04/12/2026 (sex.)
    return f"{shown} ({day_name(day, lang)})"


def fmt_length(amount: int, unit: str, lang: str) -> str:
    """24 h, 10 dias, 1 dia útil, 5 anos; 0: at once."""
    if amount == 0:
        return t(lang, "len.at_once")
    if amount == 1 and unit != "hours":
        return t(lang, f"len.{unit}.one")
    return t(lang, f"len.{unit}", n=amount)


def fmt_money(value: Decimal, lang: str) -> str:
    text = f"{value:,.2f}"
    if lang == "pt":  # 32,420.00 → 32.420,00
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, dt.date):  # datetimes too
        return fmt_date(value, lang)
    if isinstance(value, Length):
        return fmt_length(value.amount, value.unit, lang)
    if isinstance(value, Decimal):
        return fmt_money(value, lang)
    return value


def say(message: Say, lang: str, *, cap: bool = True) -> str:
    values = {k: _value(v, lang) for k, v in message.values.items()}
    text = t(lang, message.key, **values)
    return _cap(text) if cap else text


def _cap(text: str) -> str:
    """Sentences may start with a value such as 'o SAC': capitalise the first letter."""
    return text[:1].upper() + text[1:]


def _brief(contact: Reach, lang: str) -> str:
    """A channel in a few words: its number or address on the web, else its label."""
    ch = contact.channel
    c = ch.contact
    if ch.kind.value == "app" or not (c.phone or c.short_code or c.url):
        return ch.label.get(lang)
    return c.phone or c.short_code or c.url or ""


def _contact_line(contact: Reach, lang: str, *, indent: str = INDENT) -> Line:
    ch = contact.channel
    text = contact_text(ch, lang)
    line: Line = [(f"{indent}• ", "dim"), (f"{contact.owner} — ", ""), *label_segments(ch, lang)]
    if text:
        line += [(": ", ""), (text, "bold cyan")]
    if ch.versions:
        shown = f" {t(lang, 'version.or')} ".join(v.contact.phone or "" for v in ch.versions)
        line += [(f" ({t(lang, 'versions')} {shown})", "red")]
    line.append((MARKS[ch.status], MARK_STYLE[ch.status]))
    if contact.from_user:
        line.append((" " + t(lang, "mark.user"), "bold yellow"))
    return line


def user_records_lines(advice: Advice, lang: str) -> list[Line]:
    """One warning per record from the person's own data folder whose contacts are shown."""
    records = [advice.company] if advice.company is not None else []
    for option in (*advice.alternatives, *advice.pressure):
        records.append(option.body)
    for later in advice.later:
        records += [o.body for o in (*later.alternatives, *later.pressure)]
    paths = []
    for record in records:
        if record is not None and record.from_user and record.path not in paths:
            paths.append(record.path)
    shown = any(c.from_user for c in advice.contacts) or any(
        c.from_user for later in advice.later for c in later.contacts
    )
    if not paths and not shown:
        return []
    return [
        [(t(lang, "mark.user.legend", mark=t(lang, "mark.user"), path=p), "bold yellow")]
        for p in paths or ["?"]
    ]


def _deadline_lines(view: DeadlineView, lang: str, *, mode: str) -> list[Line]:
    lines: list[Line] = [[(t(lang, "advice.deadline"), "bold")]]
    deadline = view.deadline
    if deadline is None:
        if view.unknown is not None:
            lines.append([(INDENT + view.unknown.get(lang), "yellow")])
        return lines
    values = {
        "who": deadline.who.get(lang),
        "act": (deadline.act or ANSWER).get(lang),
        "days": deadline.days,
        "counted": deadline.counted.get(lang),
        "rule": deadline.rule,
    }
    if view.due is not None:
        key = "advice.deadline.if_today" if mode == "act" else "advice.deadline.due"
        text = _cap(t(lang, key, due=fmt_date(view.due, lang), **values))
    else:
        text = _cap(t(lang, "advice.deadline.rule", **values))
    lines.append([(INDENT + text, "bold"), (MARKS[deadline.status], MARK_STYLE[deadline.status])])
    if deadline.after is not None:
        lines.append([(INDENT + deadline.after.get(lang), "")])
    return lines


def _option_text(option: Option, lang: str) -> list[Any]:
    numbers = [c for c in option.contacts if c.channel.contact.phone or c.channel.contact.url]
    segs: list[Any] = [(option.body.name, "bold")]
    for i, contact in enumerate(numbers[:2]):
        status = contact.channel.status
        segs += [(", " if i else " ", ""), (_brief(contact, lang), "cyan")]
        segs.append((MARKS[status], MARK_STYLE[status]))
    if option.deadline is not None and option.deadline.deadline is not None:
        d = option.deadline.deadline
        segs.append((f" · {d.days} {d.counted.get(lang)}", ""))
    if option.condition is not None:
        segs.append((f" ({say(option.condition, lang, cap=False)})", "yellow"))
    if option.note is not None:
        note = option.note
        segs.append((f" ({say(note, lang, cap=False)}; {note.rule})", ""))
        segs.append((MARKS[note.status], MARK_STYLE[note.status]))
    return segs


def _clock_values(view: ClockView, lang: str) -> dict[str, str]:
    clock = view.clock
    return {
        "label": clock.label.get(lang),
        "who": clock.who.get(lang),
        "act": clock.act.get(lang),
        "length": fmt_length(clock.amount, clock.unit, lang),
        "due": fmt_date(view.due, lang) if view.due is not None else "",
        "latest": fmt_date(view.latest, lang) if view.latest is not None else "",
        "start": fmt_date(view.start, lang)
        if view.start is not None
        else t(lang, f"clock.start.{clock.starts}"),
        "rule": clock.rule,
    }


def _clock_key(view: ClockView) -> str:
    from escalate.advice import clocks

    if view.clock.kind == "not-before":
        return "clock.not_before" if view.due is not None else "clock.not_before.rule"
    if view.clock.amount == 0:
        return "clock.at_once"
    return {
        clocks.RUNNING: "clock.due",
        clocks.PASSED: "clock.passed",
        clocks.MAYBE: "clock.maybe",
        clocks.FROM_NOW: "clock.from_now",
    }.get(view.standing, "clock.rule")


def clock_lines(views: tuple[ClockView, ...], lang: str) -> list[Line]:
    """The problem's own deadlines, each with its state, the circumstances taken and the rest."""
    from escalate.advice import clocks

    lines: list[Line] = [[(t(lang, "advice.clocks"), "bold underline")]]
    for view in views:
        clock = view.clock
        values = _clock_values(view, lang)
        late = view.standing in (clocks.PASSED, clocks.MAYBE) and clock.kind == "deadline"
        text = _cap(values["label"]) + ": " + t(lang, _clock_key(view), **values)
        lines.append(
            [
                (f"{INDENT}• {text}", "bold red" if late else "bold"),
                (MARKS[clock.status], MARK_STYLE[clock.status]),
            ]
        )
        if view.assumed:
            choices = values["label"]
            others = "; ".join(
                t(
                    lang,
                    "clock.other.due" if o.due is not None and o.latest is None else "clock.other",
                    **_clock_values(o, lang),
                )
                for o in view.others
            )
            assumed = t(lang, "clock.assumed", choices=choices, others=others)
            lines.append([(f"{INDENT}  {assumed}", "yellow")])
        if clock.after is not None and view.standing in (clocks.PASSED, clocks.MAYBE):
            lines.append([(f"{INDENT}  {clock.after.get(lang)}", "")])
        if clock.note is not None:
            lines.append([(f"{INDENT}  {clock.note.get(lang)}", "yellow")])
    return lines


def _later_lines(later: tuple[Later, ...], money: Money | None, lang: str) -> list[Line]:
    lines: list[Line] = []
    for number, item in enumerate(later, start=1):
        lines.append([(f"{INDENT}{number}. ", "bold"), (item.step.title.get(lang), "")])
        owners: dict[str, list[Reach]] = {}
        for contact in item.contacts:
            owners.setdefault(contact.owner, []).append(contact)
        for owner, contacts in owners.items():  # without a company: ANEEL and Anatel both
            line: Line = [(f"{INDENT}   {owner}: ", "")]
            for i, contact in enumerate(contacts[:3]):
                status = contact.channel.status
                line += [(" · " if i else "", ""), (_brief(contact, lang), "cyan")]
                line.append((MARKS[status], MARK_STYLE[status]))
            lines.append(line)
        for key, options in (
            ("advice.alternatives", item.alternatives),
            ("advice.pressure", item.pressure),
        ):
            if options:
                line = [(f"{INDENT}   {t(lang, key)}: ", "dim")]
                for i, option in enumerate(options):
                    if i:
                        line.append(("; ", ""))
                    line += _option_text(option, lang)
                lines.append(line)
        if item.step.target.body == "juizado" and money is not None:
            lines += [[(f"{INDENT}   ", ""), seg] for seg in _money_segments(money, lang)]
    return lines


def _money_segments(money: Money, lang: str) -> list[tuple[str, str]]:
    segs = [
        (
            t(
                lang,
                "money.limits",
                without=fmt_money(money.without_lawyer, lang),
                ceiling=fmt_money(money.ceiling, lang),
                wage=fmt_money(money.wage, lang),
                since=day_text(lang, money.wage_since),
            )
            + f" ({money.rule})",
            "",
        )
    ]
    if money.verdict and money.amount is not None:
        text = t(
            lang,
            f"money.{money.verdict}",
            amount=fmt_money(money.amount, lang),
            ceiling=fmt_money(money.ceiling, lang),
        )
        segs.append((text, "bold"))
    return segs


def advice_lines(
    advice: Advice,
    lang: str,
    *,
    stage_summary: Text | None = None,
    moved_summary: Text | None = None,
    problem_label: Text | None = None,
    protocols: Any = (),
    company_unknown: str | None = None,
    company_suggestions: tuple[str, ...] = (),
    terminal: bool = True,
) -> list[Line]:
    lines: list[Line] = []
    if company_unknown is not None:  # a name not in the catalogue: the sector's general advice
        unknown: Line = [(t(lang, "unknown.advice", name=company_unknown), "yellow")]
        if company_suggestions:
            names = ", ".join(company_suggestions)
            unknown.append((" " + t(lang, "unknown.advice.did_you_mean", names=names), "yellow"))
        lines.append(unknown)
    problem = problem_label.get(lang) if problem_label else t(lang, "advice.no_problem")
    sector = (
        t(lang, f"sectorname.{advice.sector.value}")
        if advice.sector
        else t(lang, "advice.any_sector")
    )
    if advice.company is not None:
        lines.append(
            [
                (
                    t(
                        lang,
                        "advice.for",
                        company=advice.company.name,
                        sector=sector,
                        problem=problem,
                    ),
                    "dim",
                )
            ]
        )
    else:
        lines.append([(t(lang, "advice.for.no_company", sector=sector, problem=problem), "dim")])
    if stage_summary is not None and advice.mode != "hazard":
        lines.append([(t(lang, "advice.stage", summary=stage_summary.get(lang)), "dim")])
    lines += user_records_lines(advice, lang)
    lines.append([])

    if advice.mode == "hazard":
        lines.append([("⚠ " + say(advice.headline, lang), "bold red")])
        if advice.contacts:
            every = advice.headline.key == "hazard.headline.any"
            lines.append([(t(lang, "hazard.lines" if every else "hazard.call") + ":", "bold")])
            lines += [_contact_line(c, lang) for c in advice.contacts]
        for fact in advice.facts:
            lines.append([(INDENT + fact.text.get(lang), "")])
        lines.append([])
        lines.append([(t(lang, "legend"), "dim")])
        lines.append([(advice.disclaimer.get(lang), "dim")])
        return lines

    lines.append([(t(lang, "advice.title"), "bold underline")])
    lines.append([("→ " + say(advice.headline, lang), "bold green")])
    if moved_summary is not None:
        lines.append(
            [(INDENT + t(lang, "advice.stage.moved", summary=moved_summary.get(lang)), "")]
        )
    if (
        advice.step is not None
        and advice.mode == "act"
        and advice.headline.key != "act.justica_comum"
    ):
        lines.append([(INDENT + advice.step.what_happens.get(lang), "")])
    if advice.clocks:
        lines.append([])
        lines += clock_lines(advice.clocks, lang)

    if protocols and advice.mode == "act":
        quoted = "; ".join(
            f"{channel} {number} ({day.isoformat()})" for channel, number, day in protocols
        )
        lines.append([(INDENT + t(lang, "advice.quote", protocols=quoted), "bold")])
    if advice.contacts:
        lines.append([])
        lines.append([(t(lang, "advice.where"), "bold")])
        lines += [_contact_line(c, lang) for c in advice.contacts]
    elif advice.missing is not None:
        lines.append([])
        lines.append([(t(lang, "advice.where"), "bold")])
        lines.append([(INDENT + advice.missing.get(lang), "yellow")])
    if advice.where_note is not None:
        lines.append([(INDENT + _cap(say(advice.where_note, lang)) + ".", "yellow")])
    if (
        advice.company is None
        and company_unknown is None
        and advice.step is not None
        and advice.step.target.company_tier
    ):
        key = "advice.no_company" if terminal else "advice.no_company.form"
        lines.append([(INDENT + t(lang, key), "yellow")])

    if advice.alternatives or advice.pressure:
        for key, options in (
            ("advice.alternatives", advice.alternatives),
            ("advice.pressure", advice.pressure),
        ):
            if options:
                line: Line = [(f"{INDENT}{t(lang, key)}: ", "dim")]
                for i, option in enumerate(options):
                    if i:
                        line.append(("; ", ""))
                    line += _option_text(option, lang)
                lines.append(line)

    if advice.bring:
        lines.append([])
        lines.append([(t(lang, "advice.bring"), "bold")])
        for item in advice.bring:
            tag = t(lang, "advice.required" if item.required else "advice.helpful")
            lines.append([(f"{INDENT}☐ {item.what.get(lang)}", ""), (f" ({tag})", "dim")])
        if advice.checklist is not None:
            lines.append(
                [
                    (
                        INDENT + t(lang, "advice.checklist_hint", channel=advice.checklist.channel),
                        "dim",
                    )
                ]
            )

    if advice.deadline is not None:
        lines.append([])
        lines += _deadline_lines(advice.deadline, lang, mode=advice.mode)

    if advice.meanwhile:
        lines.append([])
        lines.append([(t(lang, "advice.meanwhile"), "bold")])
        lines += [[(f"{INDENT}• {m.get(lang)}", "")] for m in advice.meanwhile]

    if advice.later:
        lines.append([])
        lines.append([(t(lang, "advice.later"), "bold underline")])
        lines += _later_lines(advice.later, advice.money, lang)

    if (
        advice.money is not None
        and advice.step is not None
        and advice.step.target.body == "juizado"
    ):
        lines.append([])
        lines += [[(INDENT, ""), seg] for seg in _money_segments(advice.money, lang)]

    if advice.facts:
        lines.append([])
        lines.append([(t(lang, "advice.know"), "bold underline")])
        for fact in advice.facts:
            lines.append(
                [
                    (f"{INDENT}• {fact.text.get(lang)}", ""),
                    (f" ({fact.rule})", "dim"),
                    (MARKS[fact.status], MARK_STYLE[fact.status]),
                ]
            )
            if fact.note is not None:
                lines.append([(f"{INDENT}  {fact.note.get(lang)}", "yellow")])
            if fact.gather:
                gather = "; ".join(g.get(lang).rstrip(".") for g in fact.gather)
                lines.append([(f"{INDENT}  {t(lang, 'advice.gather')}: {gather}", "")])

    if advice.reasons:
        lines.append([])
        lines.append([(t(lang, "advice.why"), "bold underline")])
        for reason in advice.reasons:
            lines.append(
                [
                    (f"{INDENT}• {say(reason, lang)}", ""),
                    (f" ({reason.rule})" if reason.rule else "", "dim"),
                    (MARKS[reason.status], MARK_STYLE[reason.status]),
                ]
            )

    lines.append([])
    lines.append([(t(lang, "legend"), "dim")])
    lines.append([(advice.disclaimer.get(lang), "dim")])
    return lines


# --- the ladder view -------------------------------------------------------------------------


def tree_lines(
    ladder: Ladder,
    *,
    sector: str,
    lang: str,
    bodies: dict[str, Any],
    companies: dict[str, str],
) -> list[Line]:
    """The ladder as an indented tree: each stage, its step, and where failure leads.

    ``companies`` maps the ids of this sector's companies to their names, for deadlines that
    only one company has (Claro's ouvidoria).
    """
    regulator = {"energy": "aneel", "telecom": "anatel"}[sector]
    lines: list[Line] = [[(t(lang, "tree.title", sector=t(lang, f"sectorname.{sector}")), "bold")]]
    lines.append([("⚠ " + t(lang, "tree.hazard"), "bold red")])

    def target_name(step_id: str) -> str:
        step = ladder.step(step_id)
        target = step.target
        if target.regulator:
            return str(bodies[regulator].name)
        if target.body:
            return str(bodies[target.body].name)
        return "SAC" if target.company_tier == "first-line" else "Ouvidoria"

    def deadline_text(step_id: str) -> str:
        step = ladder.step(step_id)
        general = t(lang, "tree.unknown")
        special = []
        for deadline_id in step.deadlines:
            d = ladder.deadline(deadline_id)
            if d.applies.sectors and sector not in d.applies.sectors:
                continue
            text = t(lang, "tree.deadline", days=d.days, counted=d.counted.get(lang))
            if d.applies.companies:
                names = [companies[c] for c in d.applies.companies if c in companies]
                if names:
                    special.append(f"{', '.join(names)}: {text}")
            else:
                general = text
        return "; ".join([general, *special])

    for stage in ladder.stages:
        ref = stage.do or stage.wait or ""
        verb = "→" if stage.do else "…"
        lines.append(
            [("├─ ", "dim"), (stage.id, "bold cyan"), (f"  {stage.summary.get(lang)}", "")]
        )
        step = ladder.step(ref)
        detail = f"│    {verb} {target_name(ref)}"
        if stage.do:
            detail += f" · {deadline_text(ref)}"
            extras = [bodies[b].name for b in step.alternatives]
            if extras:
                detail += f" · {t(lang, 'tree.alternatives')} {', '.join(extras)}"
            if step.pressure:
                detail += f" · {t(lang, 'tree.pressure')}: " + ", ".join(
                    bodies[b].name for b in step.pressure
                )
        outcomes = []
        if stage.do and step.open_stage:
            outcomes.append(f"{t(lang, 'tree.if_open')} → {step.open_stage}")
        if step.failed_stage:
            outcomes.append(f"{t(lang, 'tree.if_failed')} → {step.failed_stage}")
        lines.append([(detail, "")])
        if outcomes:
            lines.append([("│    " + "; ".join(outcomes), "dim")])
        if stage.do and step.target.body == "juizado":
            lines.append([("│    " + t(lang, "tree.ceiling"), "dim")])
    return lines


def mermaid(ladder: Ladder, *, sector: str, lang: str, bodies: dict[str, Any]) -> str:
    regulator = {"energy": "aneel", "telecom": "anatel"}[sector]
    out = ["flowchart TD"]
    hazard = (
        "Risco de vida? Bombeiros 193 + emergência"
        if lang == "pt"
        else ("Risk to life? Fire brigade 193 + emergency line")
    )
    out.append(f'    hazard{{{{"{hazard}"}}}}')
    out.append(f"    hazard -.-> {ladder.start.replace('-', '_')}")
    for stage in ladder.stages:
        node = stage.id.replace("-", "_")
        out.append(f'    {node}["{stage.id}: {stage.summary.get(lang)}"]')
    for stage in ladder.stages:
        node = stage.id.replace("-", "_")
        step = ladder.step(stage.do or stage.wait or "")
        target = step.target
        name = (
            bodies[regulator].name
            if target.regulator
            else bodies[target.body].name
            if target.body
            else ("SAC" if target.company_tier == "first-line" else "Ouvidoria")
        )
        if stage.do and step.open_stage:
            out.append(f'    {node} -- "{name}" --> {step.open_stage.replace("-", "_")}')
        if step.failed_stage:
            label = t(lang, "tree.if_failed")
            if stage.do and not step.open_stage:
                label = f"{name}: {label}"
            out.append(f'    {node} -- "{label}" --> {step.failed_stage.replace("-", "_")}')
        if stage.do and not step.failed_stage:
            final = f"{node}_final"
            out.append(f'    {final}(["{name}"])')
            out.append(f"    {node} --> {final}")
    return "\n".join(out) + "\n"


# --- JSON ------------------------------------------------------------------------------------


def _both(render: Any) -> dict[str, str]:
    return {"pt": render("pt"), "en": render("en")}


def _say_json(message: Say) -> dict[str, Any]:
    return {
        "key": message.key,
        "text": _both(lambda lang: say(message, lang)),
        "rule": message.rule,
        "sources": list(message.sources),
        "status": message.status.value,
    }


def contact_json(contact: Reach) -> dict[str, Any]:
    data = contact.channel.as_json(exclude_none=True)
    return {"owner": contact.owner, "origin": contact.origin, **data}


def _deadline_json(view: DeadlineView | None) -> dict[str, Any] | None:
    if view is None:
        return None
    d = view.deadline
    return {
        "known": d is not None,
        "id": d.id if d else None,
        "days": d.days if d else None,
        "business_days": d.business_days if d else None,
        "who": d.who.as_json() if d else None,
        "act": (d.act or ANSWER).as_json() if d else None,
        "counted": d.counted.as_json() if d else None,
        "due": view.due.isoformat() if view.due else None,
        "passed": view.passed,
        "rule": d.rule if d else None,
        "sources": list(d.sources) if d else [],
        "status": d.status.value if d else None,
        "after": d.after.as_json() if d and d.after else None,
        "unknown": view.unknown.as_json() if view.unknown else None,
    }


def _option_json(option: Option) -> dict[str, Any]:
    return {
        "body": option.body.id,
        "name": option.body.name,
        "contacts": [contact_json(c) for c in option.contacts],
        "condition": _say_json(option.condition) if option.condition else None,
        "note": _say_json(option.note) if option.note else None,
        "deadline": _deadline_json(option.deadline),
    }


def _moment_json(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return str(value.isoformat())


def clock_json(view: ClockView) -> dict[str, Any]:
    clock = view.clock
    return {
        "id": clock.id,
        "group": clock.group,
        "kind": clock.kind,
        "label": clock.label.as_json(),
        "who": clock.who.as_json(),
        "act": clock.act.as_json(),
        "amount": clock.amount,
        "unit": clock.unit,
        "starts": clock.starts,
        "start": _moment_json(view.start),
        "due": _moment_json(view.due),
        "latest": _moment_json(view.latest),
        "standing": view.standing,
        "decides": list(clock.decides),
        "assumed": {q: c for q, c in view.assumed},
        "others": [clock_json(o) for o in view.others],
        "after": clock.after.as_json() if clock.after else None,
        "note": clock.note.as_json() if clock.note else None,
        "rule": clock.rule,
        "sources": list(clock.sources),
        "status": clock.status.value,
    }


def advice_json(advice: Advice, *, request: dict[str, Any]) -> dict[str, Any]:
    """The advice document (docs/schemas/advice.schema.json), in the one JSON envelope."""
    from escalate.output.json import envelope

    money = advice.money
    return envelope(
        "advice",
        **{
            "request": request,
            "mode": advice.mode,
            "stage": advice.stage,
            "step": advice.step.id if advice.step else None,
            "next_action": _say_json(advice.headline),
            "what_happens": advice.step.what_happens.as_json()
            if advice.step is not None and advice.mode == "act"
            else None,
            "contacts": [contact_json(c) for c in advice.contacts],
            "missing": advice.missing.as_json() if advice.missing else None,
            "checklist": advice.checklist.channel if advice.checklist else None,
            "bring": [
                {
                    "id": i.id,
                    "what": i.what.as_json(),
                    "why": i.why.as_json(),
                    "required": i.required,
                }
                for i in advice.bring
            ],
            "deadline": _deadline_json(advice.deadline),
            "clocks": [clock_json(v) for v in advice.clocks],
            "clock": advice.clock.clock.id if advice.clock else None,
            "where_note": _say_json(advice.where_note) if advice.where_note else None,
            "meanwhile": [m.as_json() for m in advice.meanwhile],
            "alternatives": [_option_json(o) for o in advice.alternatives],
            "pressure": [_option_json(o) for o in advice.pressure],
            "later": [
                {
                    "step": later.step.id,
                    "title": later.step.title.as_json(),
                    "contacts": [contact_json(c) for c in later.contacts],
                    "alternatives": [_option_json(o) for o in later.alternatives],
                    "pressure": [_option_json(o) for o in later.pressure],
                }
                for later in advice.later
            ],
            "facts": [
                {
                    "id": f.id,
                    "text": f.text.as_json(),
                    "rule": f.rule,
                    "sources": list(f.sources),
                    "status": f.status.value,
                    "note": f.note.as_json() if f.note else None,
                    "gather": [g.as_json() for g in f.gather],
                }
                for f in advice.facts
            ],
            "reasons": [_say_json(r) for r in advice.reasons],
            "money": None
            if money is None
            else {
                "minimum_wage": str(money.wage),
                "minimum_wage_since": money.wage_since.isoformat(),
                "without_lawyer_up_to": str(money.without_lawyer),
                "juizado_ceiling": str(money.ceiling),
                "amount": str(money.amount) if money.amount is not None else None,
                "verdict": money.verdict,
                "rule": money.rule,
                "sources": list(money.sources),
            },
            "disclaimer": advice.disclaimer.as_json(),
        },
    )


class AdviceView(NamedTuple):
    """The view model of `escalate advise`: the result of entry.advise_for and the rules it
    was given (for the stages' and problems' words)."""

    result: AdviceResult
    rules: Rules
    terminal: bool = True  # False on a web page: no hint names a command-line option


def request_json(result: AdviceResult) -> dict[str, Any]:
    """The request as advise understood it, echoed in advise --json."""
    request = result.request
    return {
        "company": result.company.id if result.company else None,
        "company_unknown": result.company_unknown,
        "unit": result.unit.id if result.unit else None,
        "sector": request.sector.value if request.sector else None,
        "stage": request.stage,
        "problem": request.problem,
        "since": request.since.isoformat() if request.since else None,
        "since_time": request.since_time.strftime("%H:%M") if request.since_time else None,
        "event_date": request.event.isoformat() if request.event else None,
        "circumstances": dict(sorted(request.answers.items())),
        "amount": str(request.amount) if request.amount is not None else None,
        "has_protocol": request.has_protocol,
        "today": request.today.isoformat(),
        "case": result.case_id,
        "protocols": [
            {"channel": c.channel, "protocol": c.protocol, "date": c.date.isoformat()}
            for c in result.protocols
        ],
    }


def render_json(view: AdviceView, lang: str) -> dict[str, Any]:
    return advice_json(view.result.advice, request=request_json(view.result))


def render_text(view: AdviceView, lang: str) -> list[Line]:
    result, rules = view.result, view.rules
    request, advice = result.request, result.advice
    problem_label = next(
        (p.label_for(request.sector) for p in rules.problems.problems if p.id == request.problem),
        None,
    )
    moved = rules.ladder.stage(advice.stage).summary if advice.stage != request.stage else None
    return advice_lines(
        advice,
        lang,
        stage_summary=rules.ladder.stage(request.stage).summary,
        moved_summary=moved,
        problem_label=problem_label,
        protocols=[(c.channel, c.protocol, c.date) for c in result.protocols],
        company_unknown=result.company_unknown,
        company_suggestions=result.company_suggestions,
        terminal=view.terminal,
    )
