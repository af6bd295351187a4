"""Human output of `escalate checklist`: a list to tick, on screen or as Markdown to print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from escalate.i18n import t
from escalate.output.terminal import MARK_STYLE, MARKS, contact_text, label_segments

if TYPE_CHECKING:
    from escalate.advice.checklists import ChecklistResult
    from escalate.output.terminal import Line


def _subtitle(result: ChecklistResult, lang: str) -> str | None:
    bits = []
    if result.company is not None:
        bits.append(result.company.name)
    elif result.sector is not None:
        bits.append(t(lang, f"sectorname.{result.sector.value}"))
    if result.problem is not None:
        label = result.problem.label_for(result.sector).get(lang)
        bits.append(t(lang, "checklist.problem", problem=label))
    if result.state is not None:
        bits.append(result.state)
    return " · ".join(bits) if bits else None


def checklist_lines(
    result: ChecklistResult, lang: str, *, verified_on: str, terminal: bool = True
) -> list[Line]:
    """``terminal``: the lines may name command-line options (a web page has its own form)."""
    checklist = result.checklist
    lines: list[Line] = [
        [(t(lang, "checklist.title", title=checklist.title.get(lang)), "bold underline")]
    ]
    subtitle = _subtitle(result, lang)
    if subtitle:
        lines.append([(subtitle, "dim")])
    if checklist.intro is not None:
        lines.append([(checklist.intro.get(lang), "")])
    lines.append([])
    for item in result.items:
        tag = t(lang, "advice.required" if item.required else "advice.helpful")
        style = "bold" if item.required else ""
        lines.append([("☐ ", ""), (item.what.get(lang), style), (f" ({tag})", "dim")])
        lines.append([("    " + t(lang, "checklist.why", why=item.why.get(lang)), "dim")])
    if result.body is not None and (result.where or result.local_note):
        lines.append([])
        lines.append([(t(lang, "advice.where"), "bold")])
        for channel in result.where:
            text = contact_text(channel, lang)
            line: Line = [("  • ", "dim"), *label_segments(channel, lang)]
            if text:
                line += [(": ", ""), (text, "bold cyan")]
            line.append((MARKS[channel.status], MARK_STYLE[channel.status]))
            if result.body.from_user:
                line.append((" " + t(lang, "mark.user"), "bold yellow"))
            lines.append(line)
        if result.body.from_user:
            legend = t(lang, "mark.user.legend", mark=t(lang, "mark.user"), path=result.body.path)
            lines.append([("  " + legend, "bold yellow")])
        if result.local_note:
            lines.append([("  " + t(lang, "local.body", name=result.body.name), "yellow")])
    lines.append([])
    if terminal and (result.company is None or result.problem is None):
        lines.append([(t(lang, "checklist.tailor"), "dim")])
    lines.append([(t(lang, "checked_on", date=_day(lang, verified_on)), "dim")])
    return lines


def checklist_markdown(result: ChecklistResult, lang: str, *, verified_on: str) -> str:
    checklist = result.checklist
    out = [f"# {t(lang, 'checklist.title', title=checklist.title.get(lang))}", ""]
    subtitle = _subtitle(result, lang)
    if subtitle:
        out += [f"_{subtitle}_", ""]
    if checklist.intro is not None:
        out += [checklist.intro.get(lang), ""]
    for item in result.items:
        tag = t(lang, "advice.required" if item.required else "advice.helpful")
        out.append(f"- [ ] **{item.what.get(lang)}** ({tag})  ")
        out.append(f"  {t(lang, 'checklist.why', why=item.why.get(lang))}")
    if result.body is not None and (result.where or result.local_note):
        out += ["", f"**{t(lang, 'advice.where')}**", ""]
        for channel in result.where:
            text = contact_text(channel, lang)
            mark = " " + t(lang, "mark.user") if result.body.from_user else ""
            out.append(f"- {channel.label.get(lang)}" + (f": {text}" if text else "") + mark)
        if result.body.from_user:
            legend = t(lang, "mark.user.legend", mark=t(lang, "mark.user"), path=result.body.path)
            out.append(f"- {legend}")
        if result.local_note:
            out.append(f"- {t(lang, 'local.body', name=result.body.name)}")
    out += ["", f"_{t(lang, 'checked_on', date=_day(lang, verified_on))}_", ""]
    return "\n".join(out)


class ChecklistView(NamedTuple):
    """The view model of a checklist: the result and the date its data was checked."""

    result: ChecklistResult
    verified_on: str
    terminal: bool = True  # False on a web page: no hint names a command-line option


def render_text(view: ChecklistView, lang: str) -> list[Line]:
    return checklist_lines(view.result, lang, verified_on=view.verified_on, terminal=view.terminal)


def render_markdown(view: ChecklistView, lang: str) -> str:
    return checklist_markdown(view.result, lang, verified_on=view.verified_on)


def render_json(view: ChecklistView, lang: str) -> dict[str, Any]:
    from escalate.output.json import envelope

    return envelope("checklist", **view.result.body_json(verified_on=view.verified_on))


def _day(lang: str, iso: str) -> str:
    """A date of the data (ISO, as the cache keeps it) as the language writes it."""
    import datetime as dt

    from escalate.i18n import day_text

    return day_text(lang, dt.date.fromisoformat(iso))
