"""A case's view model as JSON (``case show --json``): the case, its timeline with the deadline
each contact started, what it asks for with the rules, the clocks that passed and the next
step with its contacts, what to bring and its letter. The dossier and the letters are written
from the same ``CaseDocument``, so this document holds everything they say."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from escalate.output.json import envelope

if TYPE_CHECKING:
    from escalate.advice.advisor import Advice
    from escalate.cases.casefile import TimelineEntry
    from escalate.output.dossier import CaseDocument


def case_json(doc: CaseDocument) -> dict[str, Any]:
    """The case document's body: the case's fields and what is said about it."""
    from escalate.cases.journal import case_fields

    view = doc.view
    data: dict[str, Any] = {"id": view.case.id, **case_fields(view.case), "cpf": doc.cpf_shown}
    data["contacts"] = [_contact_json(e) for e in view.entries]
    data["remedies"] = [
        {
            "id": r.id,
            "label": r.label.as_json(),
            "ask": r.ask.as_json(),
            "rule": r.rule,
            "sources": list(r.sources),
            "status": r.status.value,
        }
        for r in doc.remedies
    ]
    data["next"] = _next_json(doc)
    return data


def _contact_json(e: TimelineEntry) -> dict[str, Any]:
    deadline = None
    if e.deadline is not None and e.due is not None:
        deadline = {
            "id": e.deadline.id,
            "days": e.deadline.days,
            "business_days": e.deadline.business_days,
            "rule": e.deadline.rule,
            "status": e.deadline.status.value,
            "due": e.due.isoformat(),
            "passed": e.passed,
        }
    c = e.contact
    return {
        "id": c.id,
        "channel": c.channel,
        "protocol": c.protocol,
        "date": c.date.isoformat(),
        "outcome": c.outcome,
        "note": c.note,
        "deadline": deadline,
    }


def _next_json(doc: CaseDocument) -> dict[str, Any] | None:
    """Where the case stands and what to do next, exactly as advise --case says it; null when
    it is solved or the catalogue no longer knows its company."""
    advice = doc.view.advice
    if advice is None:
        return None
    from escalate.output.advice import clock_json, contact_json, say
    from escalate.output.letters import next_letter

    return {
        "stage": advice.stage,  # moved on when a deadline passed
        "mode": advice.mode,
        "step": advice.step.id if advice.step else None,
        "next_action": {lang: say(advice.headline, lang) for lang in ("pt", "en")},
        "letter": next_letter(doc),  # case export N --letter …, or null
        "contacts": [contact_json(c) for c in advice.contacts] if advice.mode == "act" else [],
        "bring": _bring(advice),
        "clocks_passed": [clock_json(v) for v in advice.clocks if v.standing == "passed"],
    }


def _bring(advice: Advice) -> list[dict[str, Any]]:
    if advice.mode != "act":
        return []
    return [{"id": i.id, "what": i.what.as_json(), "required": i.required} for i in advice.bring]


def render_json(doc: CaseDocument, lang: str) -> dict[str, Any]:
    return envelope("case", case=case_json(doc))
