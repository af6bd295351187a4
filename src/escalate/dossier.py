"""The dossier of a case, in Portuguese for the Brazilian channel that will read it: parties,
timeline with protocols and dates, deadlines and which were missed, what to bring to the next
channel, and a draft complaint built only from the journal and the rules' own facts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from escalate.advisor import Advice
    from escalate.casefile import Entry
    from escalate.journal import Case
    from escalate.models import Record

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


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def markdown(
    case: Case,
    *,
    company: Record | None,
    entries: list[Entry],
    advice: Advice | None,
    problem_label: str | None,
    cpf_shown: str | None,
    today: dt.date,
) -> str:
    name = company.name if company else case.company
    out = [f"# Dossiê do caso {case.id}: {case.title}", ""]
    out += [f"_Gerado em {_d(today)} pelo escalate. Informação, não aconselhamento jurídico._", ""]
    out += ["## Partes", ""]
    holder = f"titular da conta, CPF {cpf_shown}" if cpf_shown else "titular da conta"
    out += [f"- Consumidor: {holder}"]
    out += [
        f"- Empresa: {name} (CNPJ e endereço da empresa: veja a conta ou o contrato;"
        " não constam dos dados do escalate)"
    ]
    if problem_label:
        out += [f"- Problema: {problem_label}"]
    out += ["", "## Linha do tempo", ""]
    if entries:
        out += [
            "| Data | Canal | Protocolo | Resultado | Prazo de resposta |",
            "|---|---|---|---|---|",
        ]
        for e in entries:
            c = e.contact
            due = "desconhecido"
            if e.due is not None:
                due = _d(e.due) + (" (vencido)" if e.passed else "")
            out.append(
                f"| {_d(c.date)} | {CHANNELS.get(c.channel, c.channel)} | {c.protocol or '—'}"
                f" | {OUTCOMES.get(c.outcome, c.outcome)} | {due} |"
            )
    else:
        out.append("Nenhum contato registrado.")
    # The official deadline of each contact, then any rule shown beside it.
    missed = [(e.contact, e.deadline, e.due) for e in entries if e.passed]
    missed += [(e.contact, d.deadline, d.due) for e in entries for d in e.also if d.passed]
    out += ["", "## Prazos vencidos", ""]
    if missed:
        for contact, deadline, due in missed:
            assert deadline is not None and due is not None
            out.append(
                f"- {CHANNELS.get(contact.channel, contact.channel)}, protocolo"
                f" {contact.protocol or '—'} de {_d(contact.date)}: {deadline.days}"
                f" {deadline.counted.pt}, venceu em {_d(due)} ({deadline.rule})"
                + ("." if deadline.status == "official" else "; regra a confirmar.")
            )
    else:
        out.append("Nenhum prazo vencido nos contatos registrados.")
    if advice is not None and advice.mode == "wait":
        out += ["", "## Agora: aguarde a resposta", ""]
        view = advice.deadline
        if view is not None and view.deadline is not None and view.due is not None:
            d = view.deadline
            act = d.act.pt if d.act else "responder"
            who = d.who.pt[:1].upper() + d.who.pt[1:]
            out.append(f"{who} tem de {act} até {_d(view.due)} ({d.rule}).")
        else:
            out.append("Não há prazo confirmado para esta resposta: pergunte e anote.")
        if advice.later:
            out.append("")
            out.append(
                "Se não houver resposta até lá, ou ela não resolver, o próximo passo é:"
                f" {advice.later[0].step.title.pt}"
            )
    elif advice is not None and advice.step is not None:
        out += ["", f"## Próximo passo: {advice.step.title.pt}", ""]
        for item in advice.bring:
            tag = "obrigatório" if item.required else "recomendado"
            out.append(f"- [ ] {item.what.pt} ({tag})")
    out += ["", "## Minuta de reclamação", ""]
    out += [_draft(case, name, entries, problem_label, advice)]
    return "\n".join(out) + "\n"


def _draft(
    case: Case,
    name: str,
    entries: list[Entry],
    problem_label: str | None,
    advice: Advice | None,
) -> str:
    about = f" sobre: {problem_label.lower()}" if problem_label else ""
    lines = [f"Eu, titular da conta junto à {name}, apresento esta reclamação{about}."]
    for e in entries:
        c = e.contact
        text = f"Em {_d(c.date)}, procurei o canal {CHANNELS.get(c.channel, c.channel)}"
        text += f" (protocolo {c.protocol})" if c.protocol else " (sem número de protocolo)"
        text += f"; resultado: {OUTCOMES.get(c.outcome, c.outcome)}."
        # Only an official rule goes into a complaint; a reported one is listed above.
        cited = e.deadline is not None and e.deadline.status == "official"
        if e.passed and cited and e.deadline is not None and e.due is not None:
            text += (
                f" O prazo de {e.deadline.days} {e.deadline.counted.pt} ({e.deadline.rule})"
                f" venceu em {_d(e.due)} sem solução."
            )
        lines.append(text)
    lines.append(
        "Peço a solução do problema e a resposta por escrito, com o número de protocolo desta"
        " reclamação."
    )
    if advice is not None:
        lines.append("Anexo os documentos listados acima.")
    return "\n\n".join("> " + line for line in lines)


def ics(case: Case, *, company_name: str, entries: list[Entry], stamp: dt.datetime) -> str:
    """The deadlines still running, as all-day calendar events (RFC 5545)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//escalate//case deadlines//PT"]
    for e in entries:
        if e.due is None or e.passed is not False or e.deadline is None:
            continue
        channel = CHANNELS.get(e.contact.channel, e.contact.channel)
        summary = f"Prazo de resposta: {channel} — {company_name}"
        if e.contact.protocol:
            summary += f" (protocolo {e.contact.protocol})"
        end = e.due.toordinal() + 1
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.contact.uid}@escalate",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{e.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{type(e.due).fromordinal(end).strftime('%Y%m%d')}",
            f"SUMMARY:{escape(summary)}",
            f"DESCRIPTION:{escape(f'Caso {case.id}: {case.title}. {e.deadline.rule}.')}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def html(markdown_text: str, *, title: str) -> str:
    """The dossier as a standalone, printable HTML page (from the Markdown this module writes)."""
    from html import escape

    body: list[str] = []
    in_list = in_table = False

    def close() -> None:
        nonlocal in_list, in_table
        if in_list:
            body.append("</ul>")
            in_list = False
        if in_table:
            body.append("</tbody></table>")
            in_table = False

    for line in markdown_text.splitlines():
        if line.startswith("|"):
            cells = [escape(c.strip()) for c in line.strip("|").split("|")]
            if set("".join(cells)) <= {"-"}:
                continue  # the separator row
            if not in_table:
                close()
                body.append("<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in cells))
                body.append("</tr></thead><tbody>")
                in_table = True
                continue
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            continue
        if line.startswith("- "):
            if not in_list:
                close()
                body.append("<ul>")
                in_list = True
            item = line[2:]
            if item.startswith("[ ] "):
                body.append(f'<li><input type="checkbox" disabled> {escape(item[4:])}</li>')
            else:
                body.append(f"<li>{escape(item)}</li>")
            continue
        close()
        if line.startswith("## "):
            body.append(f"<h2>{escape(line[3:])}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{escape(line[2:])}</h1>")
        elif line.startswith("> "):
            body.append(f"<blockquote><p>{escape(line[2:])}</p></blockquote>")
        elif line.startswith("_") and line.endswith("_"):
            body.append(f"<p><em>{escape(line[1:-1])}</em></p>")
        elif line.strip():
            body.append(f"<p>{escape(line)}</p>")
    close()
    style = (
        "body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}"
        "blockquote{border-left:3px solid #999;margin-left:0;padding-left:1em}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="pt-BR">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
