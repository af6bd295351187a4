"""The dossier of a case, in Portuguese for the Brazilian channel that will read it: parties,
the story, the timeline with protocols, dates and notes, the deadlines missed, what is asked,
the next channel with what to bring, a place to sign; built only from the journal and the
rules' own facts. The text to send to one channel is its letter (``escalate.output.letters``).

The dossier is built once, by ``blocks``, as a list of blocks of plain text; ``to_markdown``
writes it out, and ``to_html`` fills the page template (``templates/document.html``) with it.
Text in a case (title, protocol, company, uid) may come from a hostile backup or user file, so
each output format has one escaping rule, applied by its writer only: CommonMark escapes in
Markdown, the template's autoescaping in HTML, RFC 5545 TEXT escapes and line folding in
iCalendar. Nothing upstream escapes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from escalate.i18n import day_text, t
from escalate.output.html import LINE_BREAK as _LINE_BREAK
from escalate.output.html import visible as _visible

if TYPE_CHECKING:
    from escalate.advice.advisor import Advice
    from escalate.cases.casefile import CaseAdvice, TimelineEntry
    from escalate.cases.journal import Case
    from escalate.catalog.store import Catalog
    from escalate.records.law import Law
    from escalate.records.models import Record
    from escalate.records.problem_facts import Remedy

# The words of the documents for a contact's outcome and channel: their message keys (the
# documents are always in Portuguese: ``outcome_name``, ``channel_name``).
OUTCOMES = {
    "open": "doc.outcome.open",
    "solved": "doc.outcome.solved",
    "failed": "doc.outcome.failed",
    "no-answer": "doc.outcome.no-answer",
}
CHANNELS = {
    "sac": "doc.channel.sac",
    "ouvidoria": "doc.channel.ouvidoria",
    "aneel": "doc.channel.aneel",
    "anatel": "doc.channel.anatel",
    "consumidor-gov": "doc.channel.consumidor-gov",
    "procon": "doc.channel.procon",
    "reclame-aqui": "doc.channel.reclame-aqui",
    "juizado": "doc.channel.juizado",
    "justica-comum": "doc.channel.justica-comum",
}


def outcome_name(outcome: str) -> str:
    """A contact's outcome as the documents say it; one they do not know, as it was logged."""
    key = OUTCOMES.get(outcome)
    return t("pt", key) if key else outcome


def channel_name(channel: str) -> str:
    """A channel as the documents name it; one they do not know, as it was logged."""
    key = CHANNELS.get(channel)
    return t("pt", key) if key else channel


# --- the document: blocks of plain text, never escaped ------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    kind: ClassVar[str] = "heading"
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    kind: ClassVar[str] = "table"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: tuple[str, ...]
    checkbox: bool = False  # a checklist to tick on paper


@dataclass(frozen=True, slots=True)
class Quote:
    kind: ClassVar[str] = "quote"
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Signature:
    """Where the person dates and signs: lines to fill by hand."""

    kind: ClassVar[str] = "signature"
    lines: tuple[str, ...]


Block = Heading | Paragraph | Table | Bullets | Quote | Signature


def blocks(
    case: Case,
    *,
    company: Record | None,
    entries: list[TimelineEntry],
    advice: Advice | None,
    problem_label: str | None,
    cpf_shown: str | None,
    today: dt.date,
    remedies: tuple[Remedy, ...] = (),
) -> list[Block]:
    """The dossier as blocks of plain text, for ``to_markdown`` and ``to_html``: what the
    person files, with ``[…]`` where they must write by hand what the journal does not hold."""
    name = company.name if company else case.company
    out: list[Block] = [
        Heading(1, t("pt", "doc.title", id=case.id, title=case.title)),
        Paragraph(t("pt", "doc.generated", date=_d(today)), emphasis=True),
        Heading(2, t("pt", "doc.parties")),
        Bullets(_parties(case, company, name, problem_label, cpf_shown)),
    ]
    if case.story:
        out += [
            Heading(2, t("pt", "doc.story")),
            *(Paragraph(p) for p in paragraphs(case.story)),
        ]
    out.append(Heading(2, t("pt", "doc.timeline")))
    if entries:
        rows = []
        for e in entries:
            c = e.contact
            due = t("pt", "doc.due.unknown")
            if e.due is not None:
                due = t("pt", "doc.due.passed", due=_d(e.due)) if e.passed else _d(e.due)
            rows.append(
                (
                    _d(c.date),
                    channel_name(c.channel),
                    c.protocol or t("pt", "doc.protocol.none"),
                    outcome_name(c.outcome),
                    due,
                    c.note or "",
                )
            )
        header = tuple(
            t("pt", key)
            for key in (
                "doc.col.date",
                "doc.col.channel",
                "doc.col.protocol",
                "doc.col.outcome",
                "doc.col.due",
                "doc.col.note",
            )
        )
        out.append(Table(header, tuple(rows)))
    else:
        out.append(Paragraph(t("pt", "doc.no_contacts")))
    out += _missed_blocks(entries, advice)
    if remedies:
        out += [Heading(2, t("pt", "doc.asks")), Bullets(tuple(_asked(r) for r in remedies))]
    out += _next_blocks(advice)
    out.append(signature(today))
    return out


def _d(day: dt.date) -> str:
    return day_text("pt", day)


def paragraphs(text: str) -> list[str]:
    """The person's own text, one paragraph per non-blank line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _parties(
    case: Case, company: Record | None, name: str, problem_label: str | None, cpf: str | None
) -> tuple[str, ...]:
    sector = company.sector if company is not None else None
    key = {"energy": "doc.party.account.energy", "telecom": "doc.party.account.telecom"}.get(
        str(sector), "doc.party.account"
    )
    account = t("pt", key, account=case.account or t("pt", "doc.party.account.blank"))
    # A masked CPF is no use on paper: a blank to fill, with the end of the number as a check.
    cpf_line = t("pt", "doc.party.cpf.end", end=cpf[-5:]) if cpf else t("pt", "doc.party.cpf")
    parties = [
        t("pt", "doc.party.consumer"),
        cpf_line,
        t("pt", "doc.party.address"),
        account,
        t("pt", "doc.party.company", name=name),
    ]
    if company is not None and company.from_user:
        parties.append(t("pt", "doc.party.from_user", name=name, path=company.path))
    if problem_label:
        parties.append(t("pt", "doc.party.problem", problem=problem_label))
    if case.event_date:
        when = _d(case.event_date)
        if case.event_time:
            when = t("pt", "doc.at_time", date=when, time=case.event_time.strftime("%H:%M"))
        parties.append(t("pt", "doc.party.event", when=when))
    return tuple(parties)


def rule_named(text: str, rule: str) -> bool:
    """Whether ``text`` names the rule already ("do art. 362 da REN ANEEL 1.000/2021" names
    "REN ANEEL 1.000/2021, art. 362"), so that it is not cited twice."""
    return all(part in text for part in rule.split(", "))


def _asked(remedy: Remedy) -> str:
    """A request and the rule it rests on (not repeated when the request names it); a rule our
    sources only report is said to need confirming."""
    text = remedy.ask.pt
    if remedy.status != "official":
        rule = t("pt", "doc.rule.reported", rule=remedy.rule)
        return t("pt", "doc.ask.rule", ask=text.rstrip("."), rule=rule)
    if rule_named(text, remedy.rule):
        return text
    return t("pt", "doc.ask.rule", ask=text.rstrip("."), rule=remedy.rule)


def moment(value: dt.datetime | dt.date) -> str:
    """A date, or a date and its hour: 24/11/2026 às 19:00."""
    if isinstance(value, dt.datetime):
        return t("pt", "doc.at_time", date=_d(value), time=value.strftime("%H:%M"))
    return _d(value)


def _missed_blocks(entries: list[TimelineEntry], advice: Advice | None) -> list[Block]:
    """The problem's own clocks that passed (reconnection in 24 h …), then the official
    deadline of each contact that passed, then any rule shown beside one."""
    from escalate.advice.clocks import MAYBE, PASSED

    out: list[Block] = [Heading(2, t("pt", "doc.missed"))]
    items = []
    for view in advice.clocks if advice is not None else ():
        if view.standing not in (PASSED, MAYBE) or view.due is None:
            continue
        clock = view.clock
        rule = clock.rule
        if clock.status != "official":
            rule = t("pt", "doc.rule.reported", rule=clock.rule)
        until = moment(view.due)
        if view.latest is not None and view.latest != view.due:  # the hour of the request unknown
            until = t("pt", "doc.clock.latest", moment=moment(view.latest))
        # A version taken for a circumstance the journal does not hold (urban or rural …).
        label = clock.label.pt
        if view.assumed:
            label = t("pt", "doc.clock.assumed", label=label)
        items.append(
            t(
                "pt",
                "doc.clock.passed" if view.standing == PASSED else "doc.clock.maybe",
                label=label[:1].upper() + label[1:],
                who=clock.who.pt,
                act=clock.act.pt,
                until=until,
                rule=rule,
            )
        )
    missed = [(e.contact, e.deadline, e.due) for e in entries if e.passed]
    missed += [(e.contact, d.deadline, d.due) for e in entries for d in e.also if d.passed]
    if not missed and not items:
        return [*out, Paragraph(t("pt", "doc.missed.none"))]
    for contact, deadline, day in missed:
        assert deadline is not None and day is not None
        items.append(
            t(
                "pt",
                "doc.missed.contact"
                if deadline.status == "official"
                else "doc.missed.contact.reported",
                channel=channel_name(contact.channel),
                protocol=contact.protocol or t("pt", "doc.protocol.none"),
                date=_d(contact.date),
                days=deadline.days,
                counted=deadline.counted.pt,
                due=_d(day),
                rule=deadline.rule,
            )
        )
    return [*out, Bullets(tuple(items))]


def _next_blocks(advice: Advice | None) -> list[Block]:
    """Where the case goes next: the channel with its contacts, and what to bring."""
    from escalate.output.terminal import contact_text

    if advice is None:
        return []
    out: list[Block] = []
    if advice.mode == "wait":
        out.append(Heading(2, t("pt", "doc.wait")))
        view = advice.deadline
        if view is not None and view.deadline is not None and view.due is not None:
            d = view.deadline
            act = d.act.pt if d.act else t("pt", "doc.act.answer")
            who = d.who.pt[:1].upper() + d.who.pt[1:]
            out.append(
                Paragraph(t("pt", "doc.wait.due", who=who, act=act, due=_d(view.due), rule=d.rule))
            )
        else:
            out.append(Paragraph(t("pt", "doc.wait.unknown")))
        if advice.later:
            out.append(Paragraph(t("pt", "doc.wait.then", step=advice.later[0].step.title.pt)))
        return out
    if advice.step is None:
        return out
    out += [Heading(2, t("pt", "doc.next")), Paragraph(advice.step.title.pt)]
    reach = []
    for contact in advice.contacts:
        text = contact_text(contact.channel, "pt")
        names = {"owner": contact.owner, "channel": contact.channel.label.pt}
        line = (
            t("pt", "doc.reach.text", **names, text=text) if text else t("pt", "doc.reach", **names)
        )
        if contact.channel.status != "official":
            line = t("pt", "doc.reach.reported", line=line)
        reach.append(line)
    if reach:
        out.append(Bullets(tuple(reach)))
    elif advice.missing is not None:
        out.append(Paragraph(advice.missing.pt))
    bring = tuple(
        t(
            "pt",
            "doc.bring.required" if item.required else "doc.bring.helpful",
            item=item.what.pt.rstrip("."),
        )
        for item in advice.bring
    )
    if bring:
        out += [Paragraph(t("pt", "doc.bring")), Bullets(bring, checkbox=True)]
    return out


def signature(today: dt.date, *, by_hand: bool = True) -> Signature:
    """The place and date, a line to sign by hand (not in a web form's text), the name."""
    place = t("pt", "doc.sign.place", date=_d(today))
    if not by_hand:
        return Signature((place, t("pt", "doc.sign.name")))
    return Signature((place, t("pt", "doc.sign.line"), t("pt", "doc.sign.name")))


# --- plain text shared by the renderers ---------------------------------------------------


# --- Markdown (CommonMark, with the GitHub table) ------------------------------------------

# Inline markup: emphasis, code, links and images, raw HTML and autolinks, headings, table
# cells, strikethrough. Each is escaped wherever it stands, so the text shows literally.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>!#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # &amp; &#60; would show as & and <
# What would open a block at the start of a line: a list item ("-", "+", "1." or "1)"), a setext
# underline ("=") ("#", ">" and "*" are escaped everywhere already).
_MD_BLOCK_START = re.compile(r"^(?:[-+=]|[0-9]{1,9}(?=[.)]))")


def _md(text: str, *, cell: bool = False) -> str:
    """Plain text as CommonMark that shows exactly that text, at the start of a block."""
    text = _visible(text, cell=cell).lstrip(" ")  # four spaces would make a code block
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    match = _MD_BLOCK_START.match(text)
    if match is None:
        return text
    if text[0] in "-+=":
        return "\\" + text
    return text[: match.end()] + "\\" + text[match.end() :]


def to_markdown(document: list[Block]) -> str:
    out = []
    for block in document:
        match block:
            case Heading(level, text):
                out.append("#" * level + " " + _md(text))
            case Paragraph(text, emphasis):
                out.append(f"_{_md(text)}_" if emphasis else _md(text))
            case Table(header, rows):
                lines = [_md_row(header), "|" + "---|" * len(header)]
                lines += [_md_row(row) for row in rows]
                out.append("\n".join(lines))
            case Bullets(items, checkbox):
                mark = "- [ ] " if checkbox else "- "
                out.append("\n".join(mark + _md(item) for item in items))
            case Quote(paragraphs):
                out.append("\n\n".join("> " + _md(p) for p in paragraphs))
            case Signature(signed):
                out.append("\n\n".join(_md(line) for line in signed))
    return "\n\n".join(out) + "\n"


def _md_row(cells: tuple[str, ...]) -> str:
    # "|" in a cell is "\|" (the table's own escape, done by _md); a line break is a space.
    return "| " + " | ".join(_md(cell, cell=True) for cell in cells) + " |"


def markdown(
    case: Case,
    *,
    company: Record | None,
    entries: list[TimelineEntry],
    advice: Advice | None,
    problem_label: str | None,
    cpf_shown: str | None,
    today: dt.date,
    remedies: tuple[Remedy, ...] = (),
) -> str:
    """The dossier as Markdown (CommonMark with a GitHub table)."""
    return to_markdown(
        blocks(
            case,
            company=company,
            entries=entries,
            advice=advice,
            problem_label=problem_label,
            cpf_shown=cpf_shown,
            today=today,
            remedies=remedies,
        )
    )


# --- HTML ------------------------------------------------------------------------------------


def to_html(document: list[Block], title: str, *, lang: str = "pt-BR") -> str:
    """The blocks as a standalone, printable HTML page (A4 on paper)."""
    from escalate.output.html import page

    return page("document.html", blocks=document, title=title, lang=lang)


def html(
    case: Case,
    *,
    company: Record | None,
    entries: list[TimelineEntry],
    advice: Advice | None,
    problem_label: str | None,
    cpf_shown: str | None,
    today: dt.date,
    remedies: tuple[Remedy, ...] = (),
) -> str:
    """The dossier as a standalone, printable HTML page (the same blocks as ``markdown``)."""
    document = blocks(
        case,
        company=company,
        entries=entries,
        advice=advice,
        problem_label=problem_label,
        cpf_shown=cpf_shown,
        today=today,
        remedies=remedies,
    )
    title = next((b.text for b in document if isinstance(b, Heading)), t("pt", "doc.title.short"))
    return to_html(document, title)


# --- iCalendar (RFC 5545) ------------------------------------------------------------------

_ICS_TOKEN = re.compile(r"\\.|.", re.DOTALL)  # an escape pair is never split by folding


def _ics_text(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, ';', ',' and line breaks escaped; any other
    control character is '?'."""
    text = _LINE_BREAK.sub("\n", text)
    text = "".join(ch if ch.isprintable() or ch == "\n" else "?" for ch in text)
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(raw, escaped)
    return text


def _ics_uid(uid: str) -> str:
    """A contact's uid with anything but letters, digits and '-' removed (a digest of it if
    nothing is left), then '@escalate'."""
    kept = re.sub(r"[^A-Za-z0-9-]", "", uid)
    if not kept:
        kept = hashlib.sha256(uid.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{kept}@escalate"


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545, 3.1): never inside a UTF-8 character or an
    escape pair; each continuation line starts with one space."""
    if len(line.encode("utf-8", "surrogatepass")) <= 75:
        return line
    out: list[str] = []
    current, size = "", 0
    for token in _ICS_TOKEN.findall(line):
        n = len(token.encode("utf-8", "surrogatepass"))
        if size + n > 75:
            out.append(current)
            current, size = " ", 1
        current += token
        size += n
    out.append(current)
    return "\r\n".join(out)


def ics(case: Case, *, company_name: str, entries: list[TimelineEntry], stamp: dt.datetime) -> str:
    """The deadlines still running, as all-day calendar events (RFC 5545)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//escalate//case deadlines//PT"]
    for e in entries:
        if e.due is None or e.passed is not False or e.deadline is None:
            continue
        names = {"channel": channel_name(e.contact.channel), "company": company_name}
        summary = t("pt", "doc.ics.summary", **names)
        if e.contact.protocol:
            summary = t("pt", "doc.ics.summary.protocol", **names, protocol=e.contact.protocol)
        description = t(
            "pt", "doc.ics.description", id=case.id, title=case.title, rule=e.deadline.rule
        )
        end = e.due.toordinal() + 1
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ics_uid(e.contact.uid)}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{e.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{type(e.due).fromordinal(end).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


class CaseDocument(NamedTuple):
    """The view model of a case's documents: everything said about it (casefile.case_advice)
    and what the documents add (the problem's label, the CPF as shown, the dates)."""

    view: CaseAdvice
    problem_label: str | None
    cpf_shown: str | None
    today: dt.date
    stamp: dt.datetime  # the calendar's DTSTAMP, in UTC
    remedies: tuple[Remedy, ...] = ()  # what the case asks for (case.want), with their rules
    law: Law | None = None  # the minimum wage in force, for the Juizado's limits


def _args(doc: CaseDocument) -> dict[str, Any]:
    return {
        "company": doc.view.company,
        "entries": list(doc.view.entries),
        "advice": doc.view.advice,
        "problem_label": doc.problem_label,
        "cpf_shown": doc.cpf_shown,
        "today": doc.today,
        "remedies": doc.remedies,
    }


def render_markdown(doc: CaseDocument, lang: str) -> str:
    return markdown(doc.view.case, **_args(doc))


def render_html(doc: CaseDocument, lang: str) -> str:
    return html(doc.view.case, **_args(doc))


def render_ics(doc: CaseDocument, lang: str) -> str:
    company = doc.view.company
    return ics(
        doc.view.case,
        company_name=company.name if company else doc.view.case.company,
        entries=list(doc.view.entries),
        stamp=doc.stamp,
    )


def case_document(view: CaseAdvice, catalog: Catalog, *, show_cpf: bool = False) -> CaseDocument:
    """The view model every document of a case (dossier, letters, calendar) is rendered from."""
    from escalate import clock
    from escalate.cases import cpf as cpf_rules

    found = view.case
    label = None
    problems = catalog.rules("problems")
    sector = view.request.sector if view.request else None
    if found.problem:
        problem = next((p for p in problems.problems if p.id == found.problem), None)
        label = problem.label_for(sector).pt if problem else None
    offered = problems.remedies_for(found.problem, sector) if found.problem else ()
    shown = None
    if found.cpf:
        shown = (cpf_rules.formatted if show_cpf else cpf_rules.masked)(found.cpf)
    return CaseDocument(
        view,
        problem_label=label,
        cpf_shown=shown,
        today=clock.today(),
        stamp=clock.now().astimezone(dt.UTC),
        remedies=tuple(r for want in found.want for r in offered if r.id == want),
        law=catalog.rules("law"),
    )
