"""The letters of a case: one per channel that will read it, in Portuguese, from the same facts.

The company's ouvidoria gets a letter, the regulator (ANEEL or Anatel) and consumidor.gov.br
the short text of their web forms, Procon a complaint (relato and pedido), the Juizado
Especial Cível a simple initial claim a person can hand in without a lawyer. Each is built
once, by ``letter_blocks``, from the dossier's blocks, and written as plain text (to paste
into a form), Markdown or HTML by the dossier's own writers.

A letter is the person's document: it speaks in the first person and holds nothing of
escalate's voice. Everything in it comes from the journal (dates, protocols, notes, the
story), the company's record and the rules' data; what neither holds is a ``[…]`` to fill by
hand (name, address, the company's CNPJ, the amount of the claim). Only an official rule is
cited as law. Text from the case may be hostile: each writer escapes it (``to_markdown``,
the HTML template) or, in plain text, shows control characters as '?'.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from escalate.errors import N_, UsageError
from escalate.i18n import day_text, t
from escalate.output.dossier import (
    Block,
    Bullets,
    CaseDocument,
    Heading,
    Paragraph,
    Quote,
    Signature,
    Table,
    channel_name,
    moment,
    outcome_name,
    paragraphs,
    rule_named,
    signature,
    to_html,
    to_markdown,
)
from escalate.output.html import visible

if TYPE_CHECKING:
    from decimal import Decimal

    from escalate.cases.casefile import TimelineEntry
    from escalate.cases.journal import Case, LoggedContact
    from escalate.records.ladder import Deadline, Target
    from escalate.records.models import Record

LETTERS = ("ouvidoria", "aneel", "anatel", "procon", "consumidor-gov", "juizado")
# The letters for a regulator's web form: a case takes the one its company's record names.
REGULATOR_LETTERS = ("aneel", "anatel")
# Letters pasted into a web form: signed with the name only, no line to sign by hand.
WEB_FORM_LETTERS = ("aneel", "anatel", "consumidor-gov")

# Where a contact was made, with its preposition: "no SAC", "na Ouvidoria" (message keys).
_AT = {
    "sac": "letter.at.sac",
    "ouvidoria": "letter.at.ouvidoria",
    "aneel": "letter.at.aneel",
    "anatel": "letter.at.anatel",
    "consumidor-gov": "letter.at.consumidor-gov",
    "procon": "letter.at.procon",
    "reclame-aqui": "letter.at.reclame-aqui",
    "juizado": "letter.at.juizado",
    "justica-comum": "letter.at.justica-comum",
}


class LetterDocument(NamedTuple):
    """The view model of a letter: the case's documents and the channel it is written for."""

    doc: CaseDocument
    channel: str


class UnknownLetter(UsageError):
    def __init__(self, letter: str) -> None:
        super().__init__(
            N_("unknown letter: '{letter}'"),
            hint=N_("letters: {letters}"),
            values={"letter": letter[:40], "letters": ", ".join(LETTERS)},
        )
        self.letter = letter


class LetterDoesNotFit(UsageError):
    """A letter for a channel this case cannot use (ANEEL for a telecom company …): said in
    the person's language (the reason is a marked template, see ``_refusal``)."""

    def __init__(
        self, letter: str, reason: tuple[str, dict[str, object]], fits: tuple[str, ...]
    ) -> None:
        template, values = reason
        super().__init__(
            template,
            hint=N_("letters for this case: {fits}"),
            values={**values, "letter": letter, "fits": ", ".join(fits) or "—"},
        )
        self.letter = letter
        self.fits = fits


# --- which letters fit a case ------------------------------------------------------------------


def _refusal(doc: CaseDocument, letter: str) -> tuple[str, dict[str, object]] | None:
    """Why ``letter`` does not fit the case (a marked template and its values), or None."""
    company = doc.view.company
    if letter in REGULATOR_LETTERS:
        if company is None:
            return (
                N_(
                    "no {letter} letter for this case: escalate no longer knows its company"
                    " ({company})"
                ),
                {"company": doc.view.case.company},
            )
        if company.regulator is None:
            return (
                N_("no {letter} letter for this case: the record of {company} names no regulator"),
                {"company": company.id},
            )
        if company.regulator != letter:
            return (
                N_(
                    "no {letter} letter for this case: {company} answers to {regulator},"
                    " not {letter}"
                ),
                {"company": company.id, "regulator": company.regulator},
            )
    joined = company.consumidor_gov if company is not None else None
    if letter == "consumidor-gov" and company is not None and joined == "not-joined":
        return (
            N_("no {letter} letter for this case: {company} has not joined consumidor.gov.br"),
            {"company": company.id},
        )
    return None


def letters_for(doc: CaseDocument) -> tuple[str, ...]:
    """The letters that fit the case, in ``LETTERS`` order."""
    return tuple(letter for letter in LETTERS if _refusal(doc, letter) is None)


def check_letter(doc: CaseDocument, letter: str) -> None:
    """Raise a usage error naming the letters that fit when ``letter`` is unknown or does not
    fit the case."""
    if letter not in LETTERS:
        raise UnknownLetter(letter)
    reason = _refusal(doc, letter)
    if reason is not None:
        raise LetterDoesNotFit(letter, reason, letters_for(doc))


def _letter_of(target: Target, company: Record | None) -> str | None:
    """The letter for where a step of the ladder sends the person."""
    if target.company_tier == "ouvidoria":
        return "ouvidoria"
    if target.regulator:
        return company.regulator if company is not None else None
    if target.body is not None and target.body in LETTERS:
        return target.body
    return None  # the SAC: a call or a chat, not a letter


def next_letter(doc: CaseDocument) -> str | None:
    """The letter for the step the advice says to take now (``advise --case``, ``case show``
    and the dossier's "Próximo passo"); None when the case waits for an answer, is solved, or
    the step is not a letter (the SAC)."""
    advice = doc.view.advice
    if advice is None or advice.mode != "act" or advice.step is None:
        return None
    letter = _letter_of(advice.step.target, doc.view.company)
    if letter is None or _refusal(doc, letter) is not None:
        return None
    return letter


# --- the pieces every letter shares ----------------------------------------------------------


def _d(day: dt.date) -> str:
    return day_text("pt", day)


def _money(value: Decimal) -> str:
    from escalate.output.advice import fmt_money

    return t("pt", "letter.money", amount=fmt_money(value, "pt"))


def _company_name(doc: CaseDocument) -> str:
    """The company the person deals with: the group's company in their state, if known."""
    view = doc.view
    if view.unit is not None:
        return view.unit.name
    return view.company.name if view.company is not None else view.case.company


def _body_name(letter: str) -> str:
    return channel_name(letter)


def _cpf(doc: CaseDocument) -> str:
    """The CPF as the person chose to show it; a masked one is no use in a letter."""
    shown = doc.cpf_shown
    return shown if shown and "*" not in shown else t("pt", "letter.cpf.blank")


def _account(case: Case, company: Record | None) -> str | None:
    if not case.account:
        return None
    sector = company.sector if company is not None else None
    if sector == "energy":
        return t("pt", "letter.account.energy", account=case.account)
    if sector == "telecom":
        return t("pt", "letter.account.telecom", account=case.account)
    return t("pt", "letter.account", account=case.account)


def _when(case: Case) -> str | None:
    if case.event_date is None:
        return None
    when = _d(case.event_date)
    if case.event_time is not None:
        when = t("pt", "letter.at_time", date=when, time=case.event_time.strftime("%H:%M"))
    return when


def _facts(doc: CaseDocument, *, label: bool = True) -> list[str]:
    """What happened: the problem (unless a subject line says it already) and its date, then
    the story in the person's words."""
    case = doc.view.case
    first = []
    if label and doc.problem_label:
        first.append(t("pt", "letter.problem", problem=doc.problem_label))
    when = _when(case)
    if when:
        first.append(t("pt", "letter.event", when=when))
    out = [" ".join(first)] if first else []
    if case.story:
        out += paragraphs(case.story)
    return out + _clocks_passed(doc)


def _clocks_passed(doc: CaseDocument) -> list[str]:
    """The problem's own official deadlines that have certainly passed (reconnection in 24 h
    …), each with the circumstance its version is for and the latest moment it could end."""
    from escalate.advice.clocks import PASSED

    advice = doc.view.advice
    out = []
    for view in advice.clocks if advice is not None else ():
        clock = view.clock
        end = view.latest or view.due
        if view.standing != PASSED or end is None or clock.status != "official":
            continue
        who = clock.who.pt[:1].upper() + clock.who.pt[1:]
        out.append(
            t(
                "pt",
                "letter.clock.passed",
                who=who,
                act=clock.act.pt,
                label=clock.label.pt,
                rule=clock.rule,
                moment=moment(end),
            )
        )
    return out


def _official(deadline: Deadline | None) -> bool:
    return deadline is not None and deadline.status == "official"


def _missed(entry: TimelineEntry) -> list[tuple[Deadline, dt.date]]:
    """The official deadlines a contact started that passed without an answer."""
    found = []
    if entry.passed and entry.deadline is not None and entry.due is not None:
        found.append((entry.deadline, entry.due))
    found += [(d.deadline, d.due) for d in entry.also if d.passed]
    return [(deadline, due) for deadline, due in found if _official(deadline)]


def _deadline_text(deadline: Deadline, due: dt.date, *, cite: bool = True) -> str:
    return t(
        "pt",
        "letter.deadline.cited" if cite else "letter.deadline",
        who=deadline.who.pt[:1].upper() + deadline.who.pt[1:],
        days=deadline.days,
        counted=deadline.counted.pt,
        act=deadline.act.pt if deadline.act else t("pt", "doc.act.answer"),
        rule=deadline.rule,
        due=_d(due),
    )


def _contact_text(contact: LoggedContact) -> str:
    key = _AT.get(contact.channel)
    at = t("pt", key) if key else t("pt", "letter.at.other", channel=contact.channel)
    protocol = (
        t("pt", "letter.protocol", protocol=contact.protocol)
        if contact.protocol
        else t("pt", "letter.protocol.none")
    )
    text = t(
        "pt",
        "letter.contact",
        date=_d(contact.date),
        at=at,
        protocol=protocol,
        outcome=outcome_name(contact.outcome),
    )
    if contact.note:
        note = contact.note.strip()
        # The person's words, closed as a sentence so that what follows does not run on.
        note += "" if note.endswith((".", "!", "?", "…")) else "."
        text = t("pt", "letter.contact.note", text=text, note=note)
    return text


def _contacts(doc: CaseDocument) -> tuple[str, ...]:
    """Every contact of the journal, in order, each with the official deadlines it missed."""
    lines = []
    for entry in doc.view.entries:
        text = _contact_text(entry.contact)
        for deadline, due in _missed(entry):
            text += " " + _deadline_text(deadline, due)
        lines.append(text)
    return tuple(lines)


def _asks(doc: CaseDocument) -> tuple[str, ...]:
    """Each remedy asked for, with its rule when the rule is official."""
    return tuple(
        t("pt", "doc.ask.rule", ask=r.ask.pt.rstrip("."), rule=r.rule)
        if _cite(r.rule, r.ask.pt, r.status)
        else r.ask.pt.rstrip(".") + "."
        for r in doc.remedies
    )


def _account_blocks(doc: CaseDocument) -> list[Block]:
    """The account line, when the case has an account number."""
    account = _account(doc.view.case, doc.view.company)
    return [Paragraph(account)] if account else []


def _ask_blocks(doc: CaseDocument, none_key: str | None) -> list[Block]:
    """What is asked, one item per remedy; with none, the paragraph ``none_key`` (if any)."""
    asks = _asks(doc)
    if asks:
        return [Bullets(asks)]
    return [Paragraph(t("pt", none_key))] if none_key else []


def _cite(rule: str, ask: str, status: str) -> bool:
    """Whether a request is followed by its rule: only an official one, and not when the
    request names it already ("do art. 362 da REN ANEEL 1.000/2021")."""
    return status == "official" and not rule_named(ask, rule)


def _signature(doc: CaseDocument, letter: str) -> Signature:
    return signature(doc.today, by_hand=letter not in WEB_FORM_LETTERS)


def _ouvidoria_address(doc: CaseDocument) -> list[str]:
    """The ouvidoria's postal address, when the catalogue holds an official one."""
    company = doc.view.company
    if company is None:
        return []
    channels = list(company.channels)
    if doc.view.unit is not None:
        channels += doc.view.unit.channels
    return [
        c.contact.address.one_line()
        for c in channels
        if c.effective_tier == "ouvidoria" and c.contact.address is not None
        if c.status == "official"
    ]


# --- the letters -----------------------------------------------------------------------------


def _ouvidoria(doc: CaseDocument) -> list[Block]:
    case = doc.view.case
    name = _company_name(doc)
    out: list[Block] = [Heading(1, t("pt", "letter.ouvidoria.title", company=name))]
    out += [Paragraph(address) for address in _ouvidoria_address(doc)]
    if doc.problem_label:
        out.append(Paragraph(t("pt", "letter.subject", problem=doc.problem_label)))
    out += _account_blocks(doc)
    after_sac = any(c.channel == "sac" for c in case.contacts)
    opening = "letter.ouvidoria.opening.sac" if after_sac else "letter.ouvidoria.opening"
    out.append(Paragraph(t("pt", opening, cpf=_cpf(doc))))
    facts = _facts(doc, label=False)
    if facts:
        out += [Heading(2, t("pt", "letter.story")), *(Paragraph(p) for p in facts)]
    contacts = _contacts(doc)
    if contacts:
        out += [Heading(2, t("pt", "letter.contacts")), Bullets(contacts)]
    out.append(Heading(2, t("pt", "letter.asks")))
    out += _ask_blocks(doc, "letter.ask.solution")
    out.append(Paragraph(t("pt", "letter.ouvidoria.answer")))
    out.append(_signature(doc, "ouvidoria"))
    return out


def _regulator(doc: CaseDocument, letter: str) -> list[Block]:
    """The text of the regulator's web form: short, plain, what happened and what is asked."""
    body = _body_name(letter)
    out: list[Block] = [Heading(1, t("pt", "letter.regulator.title", company=_company_name(doc)))]
    out += _account_blocks(doc)
    out += [Paragraph(p) for p in _facts(doc)]
    contacts = _contacts(doc)
    if contacts:
        out += [Heading(2, t("pt", "letter.protocols")), Bullets(contacts)]
    out.append(Heading(2, t("pt", "letter.asks")))
    out += _ask_blocks(doc, None)
    out.append(Paragraph(t("pt", "letter.regulator.ask", body=body)))
    out.append(_signature(doc, letter))
    return out


def _complaint(doc: CaseDocument, letter: str) -> list[Block]:
    """Procon's and consumidor.gov.br's complaint: the account of the facts, then the request."""
    body = _body_name(letter)
    title = "letter.complaint.title.procon" if letter == "procon" else "letter.complaint.title"
    out: list[Block] = [
        Heading(1, t("pt", title, body=body, company=_company_name(doc))),
        Heading(2, t("pt", "letter.complaint.account")),
    ]
    out += _account_blocks(doc)
    out += [Paragraph(p) for p in _facts(doc)]
    contacts = _contacts(doc)
    if contacts:
        out += [Paragraph(t("pt", "letter.contacts.intro")), Bullets(contacts)]
    out.append(Heading(2, t("pt", "letter.complaint.request")))
    out += _ask_blocks(doc, "letter.ask.solution")
    out.append(Paragraph(t("pt", "letter.complaint.answer")))
    out.append(_signature(doc, letter))
    return out


def _juizado(doc: CaseDocument) -> list[Block]:
    """A simple initial claim: the parties, the facts, the rules broken, the requests, the
    amount of the claim as a blank to fill, and the limit up to which no lawyer is needed."""
    case = doc.view.case
    name = _company_name(doc)
    out: list[Block] = [
        Heading(1, t("pt", "letter.juizado.title")),
        Paragraph(t("pt", "letter.juizado.kind"), emphasis=True),
        Paragraph(t("pt", "letter.juizado.opening", cpf=_cpf(doc), company=name)),
        Heading(2, t("pt", "letter.juizado.facts")),
    ]
    account = _account(case, doc.view.company)
    out.append(
        Paragraph(
            t("pt", "letter.juizado.customer.account", company=name, account=account)
            if account
            else t("pt", "letter.juizado.customer", company=name)
        )
    )
    out += [Paragraph(p) for p in _facts(doc)]
    out += [Paragraph(line) for line in _contacts(doc)]
    if not doc.view.entries and not case.story and case.event_date is None:
        out.append(Paragraph(t("pt", "letter.juizado.describe")))
    law = _law_broken(doc)
    if law:
        out += [Heading(2, t("pt", "letter.juizado.law")), Bullets(law)]
    out.append(Heading(2, t("pt", "letter.juizado.requests")))
    out += _ask_blocks(doc, "letter.juizado.asks.blank")
    out += [
        Heading(2, t("pt", "letter.juizado.value")),
        Paragraph(t("pt", "letter.juizado.value.blank")),
    ]
    if doc.law is not None:
        rule = doc.law.juizado
        limit = doc.law.wage_on(doc.today).value * rule.without_lawyer_wages
        out.append(
            Paragraph(
                t(
                    "pt",
                    "letter.juizado.no_lawyer",
                    wages=rule.without_lawyer_wages,
                    amount=_money(limit),
                    rule=rule.rule,
                )
            )
        )
    out += [Paragraph(t("pt", "letter.juizado.closing")), _signature(doc, "juizado")]
    return out


def _law_broken(doc: CaseDocument) -> tuple[str, ...]:
    """The official rules the case rests on: each deadline that passed, each request's rule."""
    found: list[str] = []
    for entry in doc.view.entries:
        for deadline, due in _missed(entry):
            text = _deadline_text(deadline, due, cite=False)
            line = t("pt", "letter.law.deadline", rule=deadline.rule, text=text)
            if line not in found:
                found.append(line)
    for remedy in doc.remedies:
        if remedy.status == "official":
            found.append(t("pt", "letter.law.remedy", rule=remedy.rule, remedy=remedy.label.pt))
    return tuple(found)


def letter_blocks(letter: LetterDocument) -> list[Block]:
    """The letter as blocks of plain text; a usage error when it does not fit the case."""
    doc, channel = letter
    check_letter(doc, channel)
    if channel == "ouvidoria":
        return _ouvidoria(doc)
    if channel in REGULATOR_LETTERS:
        return _regulator(doc, channel)
    if channel == "juizado":
        return _juizado(doc)
    return _complaint(doc, channel)


# --- writers -----------------------------------------------------------------------------------


def to_text(document: list[Block]) -> str:
    """The blocks as plain text to paste into a web form: no markup at all, one blank line
    between paragraphs, a list's items one per line, control characters shown as '?'."""
    out: list[str] = []
    for block in document:
        match block:
            case Heading(_, text) | Paragraph(text, _):
                out.append(visible(text))
            case Bullets(items, _) | Signature(items):
                out.append("\n".join(visible(item) for item in items))
            case Quote(paragraphs):
                out += [visible(p) for p in paragraphs]
            case Table(header, rows):
                out.append(
                    "\n".join(" — ".join(visible(c, cell=True) for c in r) for r in (header, *rows))
                )
    return "\n\n".join(part for part in out if part) + "\n"


def _title(document: list[Block]) -> str:
    return next((b.text for b in document if isinstance(b, Heading)), t("pt", "letter.title.short"))


def render_text(view: LetterDocument, lang: str) -> str:
    return to_text(letter_blocks(view))


def render_markdown(view: LetterDocument, lang: str) -> str:
    return to_markdown(letter_blocks(view))


def render_html(view: LetterDocument, lang: str) -> str:
    document = letter_blocks(view)
    return to_html(document, _title(document))
