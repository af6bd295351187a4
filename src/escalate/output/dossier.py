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

from escalate.output.html import visible as _visible

if TYPE_CHECKING:
    from escalate.advice.advisor import Advice
    from escalate.cases.casefile import CaseAdvice, TimelineEntry
    from escalate.cases.journal import Case
    from escalate.records.law import Law
    from escalate.records.models import Record
    from escalate.records.problem_facts import Remedy

OUTCOMES = {
    "open": "aguardando resposta",
    "solved": "resolvido",
    "failed": "não resolvido",
    "no-answer": "sem resposta",
}
CHANNELS = {
    "sac": "SAC",
    "ouvidoria": "Ouvidoria",
    "aneel": "ANEEL",
    "anatel": "Anatel",
    "consumidor-gov": "consumidor.gov.br",
    "procon": "Procon",
    "reclame-aqui": "Reclame Aqui",
    "juizado": "Juizado Especial Cível",
    "justica-comum": "Justiça comum",
}


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
        Heading(1, f"Dossiê do caso {case.id}: {case.title}"),
        Paragraph(
            f"Gerado em {_d(today)} pelo escalate. Isto é apenas informação, não orientação"
            " jurídica."
            " Complete à mão o que está entre colchetes.",
            emphasis=True,
        ),
        Heading(2, "Partes"),
        Bullets(_parties(case, company, name, problem_label, cpf_shown)),
    ]
    if case.story:
        out += [Heading(2, "O que aconteceu"), *(Paragraph(p) for p in _paragraphs(case.story))]
    out.append(Heading(2, "Linha do tempo"))
    if entries:
        rows = []
        for e in entries:
            c = e.contact
            due = "desconhecido"
            if e.due is not None:
                due = _d(e.due) + (" (vencido)" if e.passed else "")
            rows.append(
                (
                    _d(c.date),
                    CHANNELS.get(c.channel, c.channel),
                    c.protocol or "—",
                    OUTCOMES.get(c.outcome, c.outcome),
                    due,
                    c.note or "",
                )
            )
        header = ("Data", "Canal", "Protocolo", "Resultado", "Prazo de resposta", "O que foi dito")
        out.append(Table(header, tuple(rows)))
    else:
        out.append(Paragraph("Nenhum contato registrado."))
    out += _missed_blocks(entries, advice)
    if remedies:
        out += [Heading(2, "O que peço"), Bullets(tuple(_asked(r) for r in remedies))]
    out += _next_blocks(advice)
    out.append(_signature(today))
    return out


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _parties(
    case: Case, company: Record | None, name: str, problem_label: str | None, cpf: str | None
) -> tuple[str, ...]:
    sector = company.sector if company is not None else None
    label = {"energy": "Instalação ou código do cliente", "telecom": "Contrato ou linha"}.get(
        str(sector), "Conta"
    )
    account = f"{label}: {case.account or '[NÚMERO]'}"
    # A masked CPF is no use on paper: a blank to fill, with the end of the number as a check.
    cpf_line = f"CPF: [CPF] (termina em {cpf[-5:]})" if cpf else "CPF: [CPF]"
    parties = [
        "Consumidor: [NOME], titular da conta",
        cpf_line,
        "Endereço: [ENDEREÇO]",
        account,
        f"Empresa: {name}, CNPJ [CNPJ DA EMPRESA] (na conta ou no contrato)",
    ]
    if company is not None and company.from_user:
        parties.append(
            f"Atenção: os dados de {name} vêm da sua pasta de dados ({company.path}), não do"
            " escalate: confira os contatos antes de usá-los"
        )
    if problem_label:
        parties.append(f"Problema: {problem_label}")
    if case.event_date:
        when = _d(case.event_date)
        if case.event_time:
            when += f" às {case.event_time.strftime('%H:%M')}"
        parties.append(f"Data do ocorrido: {when}")
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
        return f"{text.rstrip('.')} ({remedy.rule}; regra a confirmar)."
    if rule_named(text, remedy.rule):
        return text
    return f"{text.rstrip('.')} ({remedy.rule})."


def _moment(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y às %H:%M")
    return _d(value)


def _missed_blocks(entries: list[TimelineEntry], advice: Advice | None) -> list[Block]:
    """The problem's own clocks that passed (reconnection in 24 h …), then the official
    deadline of each contact that passed, then any rule shown beside one."""
    from escalate.advice.clocks import MAYBE, PASSED

    out: list[Block] = [Heading(2, "Prazos vencidos")]
    items = []
    for view in advice.clocks if advice is not None else ():
        if view.standing not in (PASSED, MAYBE) or view.due is None:
            continue
        clock = view.clock
        state = "venceu" if view.standing == PASSED else "pode ter vencido"
        rule = clock.rule if clock.status == "official" else f"{clock.rule}; regra a confirmar"
        until = _moment(view.due)
        if view.latest is not None and view.latest != view.due:  # the hour of the request unknown
            until = f"{_moment(view.latest)} no máximo"
        # A version taken for a circumstance the journal does not hold (urban or rural …).
        label = clock.label.pt + (" (se for o seu caso)" if view.assumed else "")
        items.append(
            f"{label[:1].upper()}{label[1:]}: {clock.who.pt} deveria {clock.act.pt} até"
            f" {until}; o prazo {state} ({rule})."
        )
    missed = [(e.contact, e.deadline, e.due) for e in entries if e.passed]
    missed += [(e.contact, d.deadline, d.due) for e in entries for d in e.also if d.passed]
    if not missed and not items:
        return [*out, Paragraph("Nenhum prazo vencido nos contatos registrados.")]
    for contact, deadline, day in missed:
        assert deadline is not None and day is not None
        items.append(
            f"{CHANNELS.get(contact.channel, contact.channel)}, protocolo"
            f" {contact.protocol or '—'} de {_d(contact.date)}: {deadline.days}"
            f" {deadline.counted.pt}, venceu em {_d(day)} ({deadline.rule})"
            + ("." if deadline.status == "official" else "; regra a confirmar.")
        )
    return [*out, Bullets(tuple(items))]


def _next_blocks(advice: Advice | None) -> list[Block]:
    """Where the case goes next: the channel with its contacts, and what to bring."""
    from escalate.output.terminal import contact_text

    if advice is None:
        return []
    out: list[Block] = []
    if advice.mode == "wait":
        out.append(Heading(2, "Agora: aguarde a resposta"))
        view = advice.deadline
        if view is not None and view.deadline is not None and view.due is not None:
            d = view.deadline
            act = d.act.pt if d.act else "responder"
            who = d.who.pt[:1].upper() + d.who.pt[1:]
            out.append(Paragraph(f"{who} deve {act} até {_d(view.due)} ({d.rule})."))
        else:
            out.append(Paragraph("Não há prazo confirmado para esta resposta: pergunte e anote."))
        if advice.later:
            out.append(
                Paragraph(
                    "Se não houver resposta até lá, ou ela não resolver, o próximo passo é:"
                    f" {advice.later[0].step.title.pt}"
                )
            )
        return out
    if advice.step is None:
        return out
    out += [Heading(2, "Próximo passo"), Paragraph(advice.step.title.pt)]
    reach = []
    for contact in advice.contacts:
        text = contact_text(contact.channel, "pt")
        line = f"{contact.owner} — {contact.channel.label.pt}" + (f": {text}" if text else "")
        if contact.channel.status != "official":
            line += " (informado por terceiros: confirme antes)"
        reach.append(line)
    if reach:
        out.append(Bullets(tuple(reach)))
    elif advice.missing is not None:
        out.append(Paragraph(advice.missing.pt))
    bring = tuple(
        f"{item.what.pt.rstrip('.')} ({'obrigatório' if item.required else 'recomendado'})."
        for item in advice.bring
    )
    if bring:
        out += [Paragraph("Leve:"), Bullets(bring, checkbox=True)]
    return out


def _signature(today: dt.date) -> Signature:
    return Signature(
        (
            f"[CIDADE], {_d(today)}",
            "Assinatura: ______________________________",
            "[NOME]",
        )
    )


# --- plain text shared by the renderers ---------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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
    title = next((b.text for b in document if isinstance(b, Heading)), "Dossiê")
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
        channel = CHANNELS.get(e.contact.channel, e.contact.channel)
        summary = f"Prazo de resposta: {channel} — {company_name}"
        if e.contact.protocol:
            summary += f" (protocolo {e.contact.protocol})"
        description = f"Caso {case.id}: {case.title}. {e.deadline.rule}."
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
