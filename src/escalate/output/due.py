"""Output of `escalate case due`: one line per deadline that ends today or has passed, with the
case's next step, or one line saying nothing is due; and the same as a JSON document.

The next step is the case's advice headline, said exactly as `case show` says it. Dates are
DD/MM/YYYY in Portuguese and ISO in English.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from escalate.i18n import day_text, t, tn
from escalate.records.value import Value

if TYPE_CHECKING:
    from escalate.cases.reminders import Reminder
    from escalate.output.terminal import Line


def _text(lang: str, key: str, **values: object) -> str:
    return t(lang, f"due.{key}", **values)


class DueView(Value, kw_only=True):
    """The view model of `escalate case due`."""

    reminders: tuple[Reminder, ...]  # reminders.due(...), oldest first
    today: dt.date
    cases: int  # every case in the journal (0: no journal, or an empty one)
    open_cases: int  # the open ones, whose deadlines were looked at


def _of(who: str, lang: str) -> str:
    """Portuguese "de" joined to the article that opens ``who``: do SAC, da operadora."""
    if lang != "pt":
        return who
    for article, joined in (("os ", "dos "), ("as ", "das "), ("o ", "do "), ("a ", "da ")):
        if who.startswith(article):
            return joined + who[len(article) :]
    return "de " + who


def company_name(reminder: Reminder) -> str:
    """The unit's name (Equatorial Alagoas), else the company's, else the id the journal
    keeps for a company the catalogue no longer has."""
    view = reminder.view
    if view.unit is not None:
        return view.unit.name
    return view.company.name if view.company is not None else view.case.company


def next_text(reminder: Reminder, lang: str) -> str:
    """The case's next step, in the words `case show` uses."""
    from escalate.output.advice import say

    said = reminder.next
    if said is None:
        return _text(lang, "unknown", company=company_name(reminder), id=reminder.view.case.id)
    return say(said, lang)


def line_text(reminder: Reminder, lang: str) -> str:
    case_id, company = reminder.view.case.id, company_name(reminder)
    if reminder.clock is not None:  # the advice's headline already names the clock and its end
        return _text(
            lang, "line.clock", id=case_id, company=company, next=next_text(reminder, lang)
        )
    from escalate.records.ladder import ANSWER

    contact, deadline = reminder.contact, reminder.deadline
    assert contact is not None and deadline is not None
    date = day_text(lang, contact.date)
    if contact.protocol:
        ref = _text(lang, "ref.protocol", protocol=contact.protocol, date=date, rule=deadline.rule)
    else:
        ref = _text(lang, "ref.contact", channel=contact.channel, date=date, rule=deadline.rule)
    return _text(
        lang,
        "line.passed" if reminder.passed else "line.today",
        id=case_id,
        company=company,
        who=_of(deadline.who.get(lang), lang),
        act=(deadline.act or ANSWER).get(lang),
        due=day_text(lang, reminder.due),
        ref=ref,
        next=next_text(reminder, lang),
    )


def _status(reminder: Reminder) -> Any:
    rule = reminder.clock.clock if reminder.clock is not None else reminder.deadline
    assert rule is not None
    return rule.status


def render_text(view: DueView, lang: str) -> list[Line]:
    from escalate.output.terminal import MARK_STYLE, MARKS

    if not view.reminders:
        if not view.cases:
            return [[(t(lang, "case.none"), "")]]
        if not view.open_cases:
            return [[(_text(lang, "no_open"), "")]]
        return [[(_text(lang, "nothing", count=tn(lang, "n.open_case", view.open_cases)), "")]]
    lines: list[Line] = []
    for reminder in view.reminders:
        status = _status(reminder)
        style = "bold red" if reminder.passed or reminder.maybe else "bold yellow"
        lines.append([(line_text(reminder, lang), style), (MARKS[status], MARK_STYLE[status])])
    return lines


def _moment(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def reminder_json(reminder: Reminder) -> dict[str, Any]:
    from escalate.output.advice import say

    view, contact, clock = reminder.view, reminder.contact, reminder.clock
    advice = view.advice
    rule = clock.clock if clock is not None else reminder.deadline
    assert rule is not None
    return {
        "case": view.case.id,
        "title": view.case.title,
        "company": {
            "id": view.case.company,
            "name": company_name(reminder),
            "known": view.company is not None,
        },
        "kind": reminder.kind,
        "channel": contact.channel if contact is not None else None,
        "protocol": contact.protocol if contact is not None else None,
        "contact_date": contact.date.isoformat() if contact is not None else None,
        "deadline": rule.id,
        "rule": rule.rule,
        "status": rule.status.value,
        "due": reminder.due.isoformat(),
        "due_at": _moment(clock.due) if clock is not None and clock.hours else None,
        "latest": _moment(clock.latest) if clock is not None else None,
        "passed": reminder.passed,
        "maybe": reminder.maybe,
        "next": None
        if advice is None
        else {
            "stage": advice.stage,
            "mode": advice.mode,
            "step": advice.step.id if advice.step else None,
            "next_action": {lang: say(advice.headline, lang) for lang in ("pt", "en")},
        },
    }


def render_json(view: DueView, lang: str) -> dict[str, Any]:
    from escalate.output.json import envelope

    return envelope(
        "due",
        today=view.today.isoformat(),
        cases=view.cases,
        open_cases=view.open_cases,
        reminders=[reminder_json(r) for r in view.reminders],
    )
