"""Messages in Portuguese and English, and which language to speak.

A test checks that both languages have the same keys and the same {placeholders}.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("pt", "en")


def detect(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """--lang first, then ESCALATE_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG); else en."""
    env = os.environ if env is None else env
    for value in (explicit, env.get("ESCALATE_LANG")):
        if value:
            return "pt" if value.lower().startswith("pt") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "pt" if value.lower().startswith("pt") else "en"
    return "en"


def t(lang: str, key: str, **values: object) -> str:
    text = MESSAGES[lang if lang in MESSAGES else "en"][key]
    return text.format(**values) if values else text


MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "sector.energy": "energy distributor",
        "sectorname.energy": "energy",
        "sectorname.telecom": "telecom",
        "sector.telecom": "telecom operator",
        "sector.public-body": "public body",
        "regulator": "regulator {name}",
        "checked_on": "Data checked on {date}.",
        "from_user": "This record comes from your own data folder: {path}",
        "mark.user": "[your file]",
        "mark.user.legend": "{mark} comes from your own data folder, not from escalate:"
        " check it before you call ({path})",
        "hazard": "Risk to life (fallen wire, fire, shock)? Keep away. Call the company's 24-hour"
        " line {phone} and the fire brigade 193 now.",
        "hazard.emergency": "Risk to life (fallen wire, fire, shock)? Keep away. Call the"
        " company's emergency line {phone} and the fire brigade 193 now.",
        "hazard.units": "Risk to life (fallen wire, fire, shock)? Keep away. Call your state's"
        " company (lines below) and the fire brigade 193 now.",
        "hazard.no_line": "Risk to life (fallen wire, fire, shock)? Keep away and call the fire"
        " brigade 193 now.",
        "tier.emergency": "EMERGENCIES",
        "tier.first-line": "CUSTOMER SERVICE (SAC) — start here",
        "tier.first-line.hint": "Write down the protocol number of every contact. The SAC must"
        " answer within 7 calendar days (Decreto 11.034/2022, art. 13).",
        "tier.ouvidoria": "OUVIDORIA — when the SAC did not solve it",
        "tier.ouvidoria.hint": "Have the protocol numbers of your SAC contacts at hand.",
        "tier.self-service": "SELF-SERVICE",
        "tier.special": "BUSINESS AND SPECIAL CUSTOMERS",
        "tier.external": "IF THE COMPANY DOES NOT SOLVE IT",
        "tier.external.hint": "In this order: the regulator, then consumidor.gov.br or Procon,"
        " then the courts.",
        "channels": "CHANNELS",
        "unit": "{name} ({state})",
        "units.hint": "Serves several states. Use --state {example} to see one.",
        "free": "free",
        "open_now": "open now",
        "open_until": "open now, until {when}",
        "closed_opens": "closed now, opens {when}",
        "closed": "closed now",
        "hours_unknown": "hours not known",
        "sms.send": "send",
        "sms.to": "to {code}",
        "arg.customer-code": "<customer code>",
        "arg.cpf": "<CPF>",
        "arg.protocol": "<protocol>",
        "arg.uc-number": "<UC number>",
        "arg.none": "",
        "needs": "Needs",
        "versions": "sources disagree:",
        "version.or": "or",
        "old_source": "source from {year}",
        "legend": "* reported by third parties   ! disputed   — confirm before relying on it.",
        "sources.title": "SOURCES",
        "sources.hint": "Sources: escalate lookup {id} --sources",
        "app.platforms": "({platforms})",
        "email": "e-mail",
        "req.sac-protocol": "SAC protocol number",
        "req.finished-sac-protocol": "a finished SAC protocol",
        "req.earlier-protocols": "protocol numbers of earlier contacts",
        "req.account-holder": "be the account holder",
        "req.documents": "your documents",
        "req.appointment": "an appointment",
        "req.cpf": "CPF",
        "req.cpf-or-cnpj": "CPF or CNPJ",
        "req.mobile-number": "a mobile number",
        "req.customer-code": "customer code (on the bill)",
        "req.unique-code": "unique customer code",
        "req.birth-date": "date of birth",
        "req.govbr-account": "gov.br account (silver or gold)",
        "req.company-joined": "the company must have joined the platform",
        "companies.title": "Companies",
        "companies.hint": "Details: escalate lookup ID",
        "col.id": "id",
        "col.name": "name",
        "col.sector": "sector",
        "col.states": "states",
        "col.channels": "channels",
        "col.verified": "checked",
        "all_states": "all",
        "err.unknown": "unknown company or body: '{name}'",
        "err.did_you_mean": "did you mean: {names}?",
        "err.list_hint": "see every company: escalate companies",
        "err.state": "{name} has no service listed for state '{state}'; it serves: {states}",
        "err.state.bad": "not a state code: '{state}' (use two letters, e.g. PA)",
        "warn.bad_file": "warning: skipped {problem} (check it: escalate data validate)",
        "version": "escalate {version} · data checked {first} to {last}",
        "version.one": "escalate {version} · data checked {first}",
        # advise
        "advice.title": "WHAT TO DO NOW",
        "advice.for": "{company} · {sector} · problem: {problem}",
        "advice.for.no_company": "{sector} · problem: {problem}",
        "advice.any_sector": "energy or telecom",
        "advice.no_problem": "not given",
        "advice.stage": "Where you are: {summary}",
        "advice.stage.moved": "Where you are now: {summary}",
        "advice.where": "Where",
        "advice.quote": "Quote these protocols: {protocols}",
        "advice.bring": "Have at hand",
        "advice.required": "required",
        "advice.helpful": "helpful",
        "advice.deadline": "Deadline",
        "advice.deadline.due": "{who} must {act} by {due} ({days} {counted}; {rule}).",
        "advice.deadline.if_today": "If you register it today, {who} must {act} by {due}"
        " ({days} {counted}; {rule}).",
        "advice.deadline.rule": "{who} has {days} {counted} to {act} ({rule}).",
        "advice.meanwhile": "Meanwhile",
        "advice.later": "IF THIS DOES NOT SOLVE IT",
        "advice.alternatives": "or instead",
        "advice.pressure": "public pressure (no legal force)",
        "advice.why": "WHY",
        "advice.know": "GOOD TO KNOW",
        "advice.gather": "Gather",
        "advice.no_company": "Which company? escalate companies lists the ones escalate knows;"
        " add --company to get its numbers.",
        "advice.checklist_hint": "Full list: escalate checklist {channel}",
        "hazard.headline": "Risk to life: keep away from the wire, the fire or the person in"
        " contact with electricity. Call the company's emergency line (below) and the fire"
        " brigade 193 now; if someone got a shock, also SAMU 192.",
        "hazard.call": "The company's emergency or 24-hour line",
        "hazard.reason": "A risk to life is never a matter for the SAC queue or the ouvidoria:"
        " emergency first.",
        "wait.clock": "Wait until {due}: {who} must {act} within {length} — {label}.",
        "wait.clock_range": "Wait: {who} must {act} within {length} of your report ({label})."
        " With the day alone, that ends between {due} and {latest}: write down the hour.",
        "wait.clock_no_date": "{who} must {act} within {length} of your report ({label})."
        " Give the date and the hour of your report to know until when.",
        "act.clock_passed": "The deadline is over: {label}, {length}, ended {due}. Do not"
        " wait: {title}",
        "act.clock_at_once": "{who} had to {act} at once: {label}. Do not wait: {title}",
        "act.clock_maybe": "The deadline may be over: {label}, {length}, ends between {due}"
        " and {latest}, by the hour of your report. If it has passed, do not wait: {title}",
        "act.juizado_waiver": "Your claim, R$ {amount}, is above the Juizado's ceiling"
        " (R$ {ceiling}): the Juizado still takes it if you give up what exceeds R$ {ceiling},"
        " with a lawyer; to claim it all, go to the Justiça comum with a lawyer.",
        "reason.clock_passed": "{label}: {who} had {length} to {act}, from {start}; it ended"
        " {due}.",
        "reason.clock_at_once": "{label}: {who} had to {act} at once.",
        "reason.clock_running": "{label}: {who} has {length} to {act}, from {start}; it ends"
        " {due}.",
        "reason.clock_rule": "{label}: {who} has {length} to {act}, counted from your report.",
        "reason.clock_hour": "This deadline counts hours: give the hour with the date of your"
        ' report (for example --since "2026-11-27 14:30").',
        "hazard.headline.any": "Risk to life: keep away from the wire, the fire or the person in"
        " contact with electricity. Call your energy distributor's emergency line (below) and"
        " the fire brigade 193 now; if someone got a shock, also SAMU 192.",
        "hazard.lines": "Emergency lines of the energy distributors",
        "cond.local_body": "the {name} of your state or city",
        "note.text": "{text}",
        "advice.clocks": "DEADLINES OF YOUR PROBLEM",
        "clock.due": "by {due}, {who} must {act} ({length}; {rule})",
        "clock.from_now": "if you report it now, by {due}, {who} must {act} ({length}; {rule})",
        "clock.passed": "ended {due}: {who} had {length} to {act} ({rule})",
        "clock.at_once": "{who} must {act} at once ({rule})",
        "clock.maybe": "ends between {due} and {latest}, by the hour of your report"
        " ({length}; {rule})",
        "clock.rule": "{who} has {length} to {act}, counted {start} ({rule})",
        "clock.not_before": "{who} may {act} only from {due} on ({length} after {start}; {rule})",
        "clock.not_before.rule": "{who} may {act} only {length} {start} ({rule})",
        "clock.start.report": "from your report",
        "clock.start.report-business-hours": "from your report (outside business days 8h-18h:"
        " from 8h of the next business day)",
        "clock.start.event": "from the day it happened",
        "clock.start.approval": "from the approval of the claim",
        "clock.assumed": "Counted as {choices}. Otherwise: {others}.",
        "clock.other": "{label}: {length}",
        "clock.other.due": "{label}: {length}, until {due}",
        "len.hours": "{n} h",
        "len.days": "{n} days",
        "len.days.one": "1 day",
        "len.business-days": "{n} business days",
        "len.business-days.one": "1 business day",
        "len.years": "{n} years",
        "len.years.one": "1 year",
        "len.at_once": "at once",
        "at_time": "{date} at {time}",
        "wait.until": "Wait for the answer until {due}.",
        "wait.no_date": "{who} has {days} {counted} to {act}. Give the date of your protocol"
        " (--since YYYY-MM-DD) to get the exact date.",
        "wait.unknown": "There is no confirmed deadline for this answer: ask for it and write"
        " it down.",
        "wait.then": "If there is no answer by then, or it does not solve it:",
        "act.title": "{title}",
        "act.protocol_first": "First get a protocol number: contact the SAC again and ask for it."
        " Then: {then}",
        "act.justica_comum": "Your amount is above the Juizado's ceiling (R$ {ceiling}): go to"
        " the Justiça comum.",
        "act.juizado_lawyer": "File a claim at the Juizado Especial Cível with a lawyer: your"
        " amount is above 20 minimum wages (R$ {without}).",
        "err.write": "cannot write the output: {reason}",
        "err.not_company": "{name} is a public body, not a company: escalate lookup {id} shows"
        " its channels",
        "err.problem_sector": "the problem '{problem}' is for {sectors} companies; {company} is"
        " {sector}",
        "err.channel_sector": "{channel} is for {sectors} companies; {company} is {sector}",
        "reason.deadline_passed": "{who} had {days} {counted} (protocol of {since}): that"
        " deadline passed on {due}.",
        "reason.deadline_running": "{who} has {days} {counted} (protocol of {since}): the"
        " deadline is {due}.",
        "reason.deadline_rule": "{who} has {days} {counted} to {act}.",
        "reason.protocol_first": "Every next channel asks for the protocol number, and the"
        " company must give you one.",
        "reason.keep_protocols": "The next channel will ask for the protocol numbers and dates"
        " of your earlier contacts.",
        "cond.consumidor_gov": "only if the company joined it: check on the site",
        "money.limits": "Juizado Especial Cível: without a lawyer up to R$ {without}"
        " (20 minimum wages); up to R$ {ceiling} (40) with a lawyer. Minimum wage R$ {wage}"
        " since {since}.",
        "money.no-lawyer": "Your claim, R$ {amount}, is within 20 minimum wages: you may file"
        " without a lawyer.",
        "money.lawyer": "Your claim, R$ {amount}, is above 20 minimum wages: at the Juizado you"
        " need a lawyer.",
        "money.justica-comum": "Your claim, R$ {amount}, is above 40 minimum wages: the Juizado"
        " takes it only if you give up what exceeds R$ {ceiling} (Lei 9.099/1995, art. 3, §3);"
        " to claim it all, go to the Justiça comum.",
        "rule.status.reported": "reported",
        "rule.status.disputed": "disputed",
        "err.stage": "unknown stage: '{stage}'",
        "err.stage.hint": "valid stages: {stages}",
        "err.problem": "unknown problem: '{problem}'",
        "err.problem.hint": "valid problems: {problems}",
        "err.no_stage": "where are you on the ladder? give --stage (or run in a terminal to be"
        " asked)",
        "err.no_stage.hint": "escalate advise --stage sac-failed --company elektro;"
        " stages: escalate tree",
        "err.date": "not a date: '{value}' (use DD/MM/YYYY, DD/MM, today or yesterday; e.g."
        " {example})",
        "err.date.future": "the date {value} is in the future",
        "err.amount": "not an amount in reais: '{value}' (e.g. 1500 or 1500,50)",
        "err.eof": "no answer: the input ended",
        "err.sector": "{company} is a {sector} company, not {given}",
        # interview
        "ask.state": "Which state are you in? (two letters, e.g. SP; Enter to skip)",
        "ask.state.invalid": "Type the two letters of a state: {states}.",
        "ask.since_time": "At what time? (14:30 or 14h30; Enter if you do not know)",
        "ask.event": "When did it happen? (DD/MM/YYYY, today, yesterday; Enter if you do not know)",
        "ask.dont_know": "I do not know",
        "ask.number": "(number)",
        "ask.company.unknown": "That company is not in escalate's catalogue (escalate companies"
        " lists them). Type another name, or Enter to go on without it",
        "err.time": "not a time of day: '{value}' (use 14:30 or 14h30)",
        "err.choice": "--{option}: not a valid answer: '{value}'",
        "err.choice.hint": "valid answers: {choices}",
        "only_states": "only in {states}",
        "local.body": "Look for the {name} of your state or city: each state has its own.",
        "ask.hazard": "Is anyone at risk right now (fallen wire, fire, electric shock)?",
        "ask.company": "Which company? (name, e.g. elektro, claro; Enter if you do not know)",
        "ask.company.again": "That company is not in escalate's catalogue. Did you mean: {names}?"
        " Type the name again, or Enter to go on without it (escalate companies lists them)",
        "ask.sector": "Is it energy (electricity) or telecom (internet, phone, TV)?",
        "ask.problem": "What is the problem? (number)",
        "ask.stage": "Where are you now? (number)",
        "ask.since": "Date of the last protocol (DD/MM/YYYY, today, yesterday; Enter if you do"
        " not have it)",
        "ask.protocol": "Do you have the protocol number of that contact?",
        "ask.amount": "Amount in dispute in reais (Enter to skip)",
        "ask.invalid": "Please answer with one of the numbers shown.",
        "ask.yes_no": "Please answer y (yes) or n (no).",
        "ask.open_case": "Open a case with these answers, to follow the deadlines and write the"
        " documents?",
        "ask.case_title": "A few words to recognise the case (Enter: {title})",
        "ask.want": "What do you want from the company?",
        "ask.skip": "skip for now",
        "ask.story": "What happened, in a line (Enter to skip; escalate case edit adds it later)",
        "case.offer_log": "Log the contact you already had: escalate case log {id} --channel"
        " {channel} --date {date} --protocol NUMBER",
        "yes": "y",
        "no": "n",
        # case
        "case.created": "Case {id} opened for {company}. Log each contact: escalate case log {id}"
        " --channel sac --protocol NUMBER",
        "case.logged": "Contact recorded in case {id}: {channel} on {date}.",
        "case.edited": "Case {id} changed: {fields}.",
        "case.next.letter": "The text for that channel, in Portuguese: escalate case export {id}"
        " --letter {letter}",
        "err.letter": "no letter for '{letter}'",
        "err.letter.format": "a letter is text, markdown or html, not json",
        "err.text.format": "--format text is for a letter (--letter)",
        "err.event_future": "the event date {day} is in the future",
        "err.want_problem": "--want needs the problem (--problem): what you may ask depends on it",
        "err.want_problem.hint": "e.g. --problem reconnection --want reconnect",
        "err.want": "'{want}' is not something the data offers for {problem}",
        "err.want.hint": "for this problem: {remedies}",
        "err.title_empty": "a case needs a title",
        "err.edit_nothing": "nothing to change",
        "err.edit_nothing.hint": "give --title, --event-date, --account, --want or --story",
        "case.closed": "Case {id} closed.",
        "case.solved": "Case {id}: your last contact solved it. Close it with escalate case close"
        " {id}.",
        "case.none": "No cases yet. Open one: escalate case new --company NAME --title TEXT",
        "case.header": "Case {id}: {title} · {company} · {status}",
        "case.no_contacts": "No contacts yet: escalate case log {id} --channel sac --protocol N",
        "case.status.open": "open",
        "case.status.closed": "closed",
        "case.outcome.open": "waiting",
        "case.outcome.solved": "solved",
        "case.outcome.failed": "not solved",
        "case.outcome.no-answer": "no answer",
        "case.due.until": "answer due by {due} ({rule})",
        "case.due.passed": "DEADLINE PASSED on {due} ({rule})",
        "case.due.answered": "deadline was {due} ({rule})",
        "case.due.unknown": "deadline unknown: ask for it",
        "case.also.until": "also: {who} must {act} by {due} ({rule})",
        "case.also.passed": "also: {who} had to {act} by {due}, and that date PASSED ({rule})",
        "err.outcome": "unknown outcome: '{outcome}'",
        "err.export": "which case? give its number, or --all for every case",
        "err.export.both": "give a case number or --all, not both",
        "err.salvage": "--salvage goes with --all: it saves every case still readable",
        "case.salvaged": "Saved {cases} case(s); {skipped} problem(s) listed above.",
        "case.next": "Next: {text}",
        "case.next.more": "Details: escalate advise --case {id}",
        "case.ics.written": "Calendar written to {path}: {count} deadline(s) still running.",
        "err.import": "cannot read {path}: {reason}",
        "case.imported": "Imported {cases} case(s) and {contacts} contact(s).",
        "err.no_path": "no such file or folder: {path}",
        "data.clean": "No problems in {files} file(s).",
        "data.summary": "{errors} error(s), {warnings} warning(s) in {files} file(s).",
        "err.cpf": "not a valid CPF: the check digits do not match",
        "err.cpf.hint": "11 digits, e.g. 123.456.789-09; a CPF is optional",
        # checklist
        "checklist.title": "What to bring: {title}",
        "checklist.problem": "problem: {problem}",
        "checklist.why": "Why: {why}",
        "checklist.tailor": "Tailor it: --company NAME --problem PROBLEM.",
        "err.channel": "unknown channel: '{name}'",
        "err.channel.hint": "channels: {channels}",
        # tree
        "tree.title": "The escalation ladder ({sector})",
        "tree.stage": "stage",
        "tree.if_open": "waiting",
        "tree.if_failed": "not solved",
        "tree.alternatives": "or",
        "tree.pressure": "pressure",
        "tree.deadline": "{days} {counted}",
        "tree.unknown": "deadline unknown",
        "tree.hazard": "risk to life → fire brigade 193 and the company's emergency line, before"
        " anything else",
        "tree.ceiling": "above 40 minimum wages: Justiça comum; above 20: a lawyer is needed",
        # --- unknown company
        "unknown.company": "unknown company: '{name}' is not in escalate's catalogue",
        "unknown.did_you_mean": "did you mean: {names}? every company: escalate companies",
        "unknown.list": "every company escalate knows: escalate companies",
        "unknown.sector": "add --sector energy|telecom for the general advice; every company:"
        " escalate companies",
        "unknown.sector.did_you_mean": "did you mean: {names}? or add --sector energy|telecom"
        " for the general advice; every company: escalate companies",
        "unknown.advice": "'{name}' is not in escalate's catalogue: its own phone numbers are not"
        " known here. Look for its SAC and ouvidoria on your bill or contract.",
        "unknown.advice.did_you_mean": "Did you mean: {names}?",
        # --- Brazilian input
        "ask.company.body": "{name} is a public body, not a company. Type the company's name, or"
        " Enter to go on without it (escalate companies lists them)",
        "ask.company.without": "Going on without a company.",
        "err.outcome.hint": "valid outcomes: {outcomes}",
    },
    "pt": {
        "sector.energy": "distribuidora de energia",
        "sectorname.energy": "energia",
        "sectorname.telecom": "telecomunicações",
        "sector.telecom": "operadora de telecomunicações",
        "sector.public-body": "órgão público",
        "regulator": "regulador {name}",
        "checked_on": "Dados conferidos em {date}.",
        "from_user": "Este registro vem da sua pasta de dados: {path}",
        "mark.user": "[seu arquivo]",
        "mark.user.legend": "{mark} vem da sua pasta de dados, não do escalate: confira"
        " antes de ligar ({path})",
        "hazard": "Risco de vida (fio caído, fogo, choque)? Afaste-se. Ligue já para a linha"
        " 24 horas da empresa {phone} e para os Bombeiros 193.",
        "hazard.emergency": "Risco de vida (fio caído, fogo, choque)? Afaste-se. Ligue já para a"
        " linha de emergência da empresa {phone} e para os Bombeiros 193.",
        "hazard.units": "Risco de vida (fio caído, fogo, choque)? Afaste-se. Ligue já para a"
        " empresa do seu estado (telefones abaixo) e para os Bombeiros 193.",
        "hazard.no_line": "Risco de vida (fio caído, fogo, choque)? Afaste-se e ligue já para os"
        " Bombeiros 193.",
        "tier.emergency": "EMERGÊNCIAS",
        "tier.first-line": "ATENDIMENTO (SAC) — comece aqui",
        "tier.first-line.hint": "Anote o número de protocolo de cada contato. O SAC tem 7 dias"
        " corridos para responder (Decreto 11.034/2022, art. 13).",
        "tier.ouvidoria": "OUVIDORIA — quando o SAC não resolveu",
        "tier.ouvidoria.hint": "Tenha em mãos os números de protocolo do SAC.",
        "tier.self-service": "AUTOATENDIMENTO",
        "tier.special": "EMPRESAS E CLIENTES ESPECIAIS",
        "tier.external": "SE A EMPRESA NÃO RESOLVER",
        "tier.external.hint": "Nesta ordem: o regulador, depois consumidor.gov.br ou Procon,"
        " depois a Justiça.",
        "channels": "CANAIS",
        "unit": "{name} ({state})",
        "units.hint": "Atende vários estados. Use --state {example} para ver um só.",
        "free": "gratuito",
        "open_now": "aberto agora",
        "open_until": "aberto agora, até {when}",
        "closed_opens": "fechado agora, abre {when}",
        "closed": "fechado agora",
        "hours_unknown": "horário desconhecido",
        "sms.send": "envie",
        "sms.to": "para {code}",
        "arg.customer-code": "<código do cliente>",
        "arg.cpf": "<CPF>",
        "arg.protocol": "<protocolo>",
        "arg.uc-number": "<número da UC>",
        "arg.none": "",
        "needs": "Precisa de",
        "versions": "as fontes divergem:",
        "version.or": "ou",
        "old_source": "fonte de {year}",
        "legend": "* informado por terceiros   ! divergente   — confirme antes de confiar.",
        "sources.title": "FONTES",
        "sources.hint": "Fontes: escalate lookup {id} --sources",
        "app.platforms": "({platforms})",
        "email": "e-mail",
        "req.sac-protocol": "número de protocolo do SAC",
        "req.finished-sac-protocol": "um protocolo do SAC já encerrado",
        "req.earlier-protocols": "protocolos dos contatos anteriores",
        "req.account-holder": "ser o titular da conta",
        "req.documents": "seus documentos",
        "req.appointment": "agendamento",
        "req.cpf": "CPF",
        "req.cpf-or-cnpj": "CPF ou CNPJ",
        "req.mobile-number": "um número de celular",
        "req.customer-code": "código do cliente (na conta)",
        "req.unique-code": "código único do cliente",
        "req.birth-date": "data de nascimento",
        "req.govbr-account": "conta gov.br (prata ou ouro)",
        "req.company-joined": "a empresa precisa estar na plataforma",
        "companies.title": "Empresas",
        "companies.hint": "Detalhes: escalate lookup ID",
        "col.id": "id",
        "col.name": "nome",
        "col.sector": "setor",
        "col.states": "estados",
        "col.channels": "canais",
        "col.verified": "conferido",
        "all_states": "todos",
        "err.unknown": "empresa ou órgão desconhecido: '{name}'",
        "err.did_you_mean": "você quis dizer: {names}?",
        "err.list_hint": "veja todas as empresas: escalate companies",
        "err.state": "{name} não tem atendimento cadastrado para o estado '{state}';"
        " atende: {states}",
        "err.state.bad": "não é uma sigla de estado: '{state}' (use duas letras, ex.: PA)",
        "warn.bad_file": "aviso: arquivo ignorado: {problem}"
        " (verifique com: escalate data validate)",
        "version": "escalate {version} · dados conferidos de {first} a {last}",
        "version.one": "escalate {version} · dados conferidos em {first}",
        # advise
        "advice.title": "O QUE FAZER AGORA",
        "advice.for": "{company} · {sector} · problema: {problem}",
        "advice.for.no_company": "{sector} · problema: {problem}",
        "advice.any_sector": "energia ou telecomunicações",
        "advice.no_problem": "não informado",
        "advice.stage": "Onde você está: {summary}",
        "advice.stage.moved": "Onde você está agora: {summary}",
        "advice.where": "Onde",
        "advice.quote": "Cite estes protocolos: {protocols}",
        "advice.bring": "Tenha em mãos",
        "advice.required": "obrigatório",
        "advice.helpful": "recomendado",
        "advice.deadline": "Prazo",
        "advice.deadline.due": "{who} tem de {act} até {due} ({days} {counted}; {rule}).",
        "advice.deadline.if_today": "Se registrar hoje, {who} tem de {act} até {due}"
        " ({days} {counted}; {rule}).",
        "advice.deadline.rule": "{who} tem {days} {counted} para {act} ({rule}).",
        "advice.meanwhile": "Enquanto isso",
        "advice.later": "SE ISSO NÃO RESOLVER",
        "advice.alternatives": "ou, em vez disso",
        "advice.pressure": "pressão pública (sem força legal)",
        "advice.why": "POR QUÊ",
        "advice.know": "BOM SABER",
        "advice.gather": "Reúna",
        "advice.no_company": "Qual empresa? escalate companies lista as que o escalate conhece;"
        " use --company para ver os números dela.",
        "advice.checklist_hint": "Lista completa: escalate checklist {channel}",
        "hazard.headline": "Risco de vida: afaste-se do fio, do fogo ou da pessoa em contato com"
        " a eletricidade. Ligue já para a linha de emergência da empresa (abaixo) e para os"
        " Bombeiros, 193; se alguém levou choque, também para o SAMU, 192.",
        "hazard.call": "Linha de emergência ou 24 horas da empresa",
        "hazard.reason": "Risco de vida nunca é caso para a fila do SAC ou para a ouvidoria:"
        " primeiro a emergência.",
        "wait.clock": "Aguarde até {due}: {who} deve {act} em até {length} — {label}.",
        "wait.clock_range": "Aguarde: {who} deve {act} em até {length} depois do seu aviso"
        " ({label}). Só com o dia, o prazo acaba entre {due} e {latest}: anote a hora.",
        "wait.clock_no_date": "{who} deve {act} em até {length} depois do seu aviso ({label})."
        " Informe a data e a hora do aviso para saber até quando.",
        "act.clock_passed": "O prazo acabou: {label}, {length}, terminou em {due}. Não"
        " espere: {title}",
        "act.clock_at_once": "{who} devia {act} na hora: {label}. Não espere: {title}",
        "act.clock_maybe": "O prazo pode já ter acabado: {label}, {length}, termina entre {due}"
        " e {latest}, conforme a hora do seu aviso. Se já passou, não espere: {title}",
        "act.juizado_waiver": "Seu pedido, R$ {amount}, passa do teto do Juizado (R$ {ceiling}):"
        " o Juizado ainda aceita se você abrir mão do que passar de R$ {ceiling}, com advogado;"
        " para pedir tudo, procure a Justiça comum com advogado.",
        "reason.clock_passed": "{label}: {who} tinha {length} para {act}, a partir de {start};"
        " o prazo terminou em {due}.",
        "reason.clock_at_once": "{label}: {who} devia {act} na hora.",
        "reason.clock_running": "{label}: {who} tem {length} para {act}, a partir de {start};"
        " o prazo termina em {due}.",
        "reason.clock_rule": "{label}: {who} tem {length} para {act}, contados do seu aviso.",
        "reason.clock_hour": "Este prazo conta horas: informe a hora junto com a data do aviso"
        ' (por exemplo --since "2026-11-27 14:30").',
        "hazard.headline.any": "Risco de vida: afaste-se do fio, do fogo ou da pessoa em contato"
        " com a eletricidade. Ligue já para a linha de emergência da sua distribuidora de"
        " energia (abaixo) e para os Bombeiros, 193; se alguém levou choque, também para o"
        " SAMU, 192.",
        "hazard.lines": "Linhas de emergência das distribuidoras de energia",
        "cond.local_body": "o {name} do seu estado ou da sua cidade",
        "note.text": "{text}",
        "advice.clocks": "PRAZOS DO SEU PROBLEMA",
        "clock.due": "até {due}, {who} deve {act} ({length}; {rule})",
        "clock.from_now": "se avisar agora, até {due}, {who} deve {act} ({length}; {rule})",
        "clock.passed": "terminou em {due}: {who} tinha {length} para {act} ({rule})",
        "clock.at_once": "{who} deve {act} na hora ({rule})",
        "clock.maybe": "termina entre {due} e {latest}, conforme a hora do seu aviso"
        " ({length}; {rule})",
        "clock.rule": "{who} tem {length} para {act}, contados {start} ({rule})",
        "clock.not_before": "{who} só pode {act} a partir de {due} ({length} depois de {start};"
        " {rule})",
        "clock.not_before.rule": "{who} só pode {act} {length} {start} ({rule})",
        "clock.start.report": "a partir do seu aviso",
        "clock.start.report-business-hours": "a partir do seu aviso (fora de dia útil das 8h às"
        " 18h: das 8h do dia útil seguinte)",
        "clock.start.event": "a partir do dia do ocorrido",
        "clock.start.approval": "a partir da aprovação do pedido",
        "clock.assumed": "Contado como {choices}. Se não for: {others}.",
        "clock.other": "{label}: {length}",
        "clock.other.due": "{label}: {length}, até {due}",
        "len.hours": "{n} h",
        "len.days": "{n} dias",
        "len.days.one": "1 dia",
        "len.business-days": "{n} dias úteis",
        "len.business-days.one": "1 dia útil",
        "len.years": "{n} anos",
        "len.years.one": "1 ano",
        "len.at_once": "na hora",
        "at_time": "{date} às {time}",
        "wait.until": "Espere a resposta até {due}.",
        "wait.no_date": "{who} tem {days} {counted} para {act}. Informe a data do protocolo"
        " (--since AAAA-MM-DD) para saber a data exata.",
        "wait.unknown": "Não há prazo confirmado para esta resposta: pergunte e anote.",
        "wait.then": "Se não houver resposta até lá, ou ela não resolver:",
        "act.title": "{title}",
        "act.protocol_first": "Primeiro consiga um número de protocolo: fale de novo com o SAC e"
        " peça o protocolo. Depois: {then}",
        "act.justica_comum": "O valor passa do teto do Juizado (R$ {ceiling}): procure a"
        " Justiça comum.",
        "act.juizado_lawyer": "Entre com uma ação no Juizado Especial Cível com advogado: o valor"
        " passa de 20 salários mínimos (R$ {without}).",
        "err.write": "não foi possível escrever a saída: {reason}",
        "err.not_company": "{name} é um órgão público, não uma empresa: escalate lookup {id}"
        " mostra os canais",
        "err.problem_sector": "o problema '{problem}' é para empresas de {sectors}; {company} é"
        " de {sector}",
        "err.channel_sector": "{channel} é para empresas de {sectors}; {company} é de {sector}",
        "reason.deadline_passed": "{who} tinha {days} {counted} (protocolo de {since}): o prazo"
        " acabou em {due}.",
        "reason.deadline_running": "{who} tem {days} {counted} (protocolo de {since}): o prazo"
        " acaba em {due}.",
        "reason.deadline_rule": "{who} tem {days} {counted} para {act}.",
        "reason.protocol_first": "Todo canal seguinte pede o número de protocolo, e a empresa é"
        " obrigada a fornecê-lo.",
        "reason.keep_protocols": "O próximo canal vai pedir os números de protocolo e as datas"
        " dos contatos anteriores.",
        "cond.consumidor_gov": "só se a empresa aderiu: confira no site",
        "money.limits": "Juizado Especial Cível: sem advogado até R$ {without}"
        " (20 salários mínimos); até R$ {ceiling} (40) com advogado. Salário mínimo R$ {wage}"
        " desde {since}.",
        "money.no-lawyer": "Seu pedido, R$ {amount}, está dentro de 20 salários mínimos: você"
        " pode entrar sem advogado.",
        "money.lawyer": "Seu pedido, R$ {amount}, passa de 20 salários mínimos: no Juizado você"
        " precisa de advogado.",
        "money.justica-comum": "Seu pedido, R$ {amount}, passa de 40 salários mínimos: o"
        " Juizado só aceita se você abrir mão do que passar de R$ {ceiling} (Lei 9.099/1995,"
        " art. 3º, § 3º); para pedir tudo, procure a Justiça comum.",
        "rule.status.reported": "informado",
        "rule.status.disputed": "divergente",
        "err.stage": "etapa desconhecida: '{stage}'",
        "err.stage.hint": "etapas válidas: {stages}",
        "err.problem": "problema desconhecido: '{problem}'",
        "err.problem.hint": "problemas válidos: {problems}",
        "err.no_stage": "em que etapa você está? use --stage (ou rode num terminal para"
        " responder perguntas)",
        "err.no_stage.hint": "escalate advise --stage sac-failed --company elektro;"
        " etapas: escalate tree",
        "err.date": "data inválida: '{value}' (use DD/MM/AAAA, DD/MM, hoje ou ontem; ex.:"
        " {example})",
        "err.date.future": "a data {value} está no futuro",
        "err.amount": "valor inválido em reais: '{value}' (ex.: 1500 ou 1500,50)",
        "err.eof": "sem resposta: a entrada terminou",
        "err.sector": "{company} é uma empresa de {sector}, não de {given}",
        # interview
        "ask.state": "Em que estado você está? (duas letras, ex.: SP; Enter para pular)",
        "ask.state.invalid": "Digite as duas letras de um estado: {states}.",
        "ask.since_time": "A que horas? (14:30 ou 14h30; Enter se não souber)",
        "ask.event": "Quando aconteceu? (DD/MM/AAAA, hoje, ontem; Enter se não souber)",
        "ask.dont_know": "Não sei",
        "ask.number": "(número)",
        "ask.company.unknown": "Essa empresa não está no catálogo do escalate (escalate companies"
        " mostra a lista). Digite outro nome, ou Enter para seguir sem ela",
        "err.time": "não é uma hora: '{value}' (use 14:30 ou 14h30)",
        "err.choice": "--{option}: resposta inválida: '{value}'",
        "err.choice.hint": "respostas válidas: {choices}",
        "only_states": "só em {states}",
        "local.body": "Procure o {name} do seu estado ou da sua cidade: cada estado tem o seu.",
        "ask.hazard": "Alguém corre risco agora (fio caído, fogo, choque elétrico)?",
        "ask.company": "Qual empresa? (nome, ex.: elektro, claro; Enter se não souber)",
        "ask.company.again": "Essa empresa não está no catálogo do escalate. Você quis dizer:"
        " {names}? Digite o nome de novo, ou Enter para seguir sem ela (escalate companies mostra"
        " a lista)",
        "ask.sector": "É energia (luz) ou telecomunicações (internet, telefone, TV)?",
        "ask.problem": "Qual é o problema? (número)",
        "ask.stage": "Em que ponto você está? (número)",
        "ask.since": "Data do último protocolo (DD/MM/AAAA, hoje, ontem; Enter se não tiver)",
        "ask.protocol": "Você tem o número de protocolo desse contato?",
        "ask.amount": "Valor em disputa, em reais (Enter para pular)",
        "ask.invalid": "Responda com um dos números mostrados.",
        "ask.yes_no": "Responda s (sim) ou n (não).",
        "ask.open_case": "Abrir um caso com estas respostas, para acompanhar os prazos e gerar os"
        " documentos?",
        "ask.case_title": "Algumas palavras para reconhecer o caso (Enter: {title})",
        "ask.want": "O que você quer da empresa?",
        "ask.skip": "deixar para depois",
        "ask.story": "O que aconteceu, em uma linha (Enter para pular; escalate case edit"
        " acrescenta depois)",
        "case.offer_log": "Registre o contato que você já fez: escalate case log {id} --channel"
        " {channel} --date {date} --protocol NÚMERO",
        "yes": "s",
        "no": "n",
        # case
        "case.created": "Caso {id} aberto para {company}. Registre cada contato: escalate case log"
        " {id} --channel sac --protocol NÚMERO",
        "case.logged": "Contato registrado no caso {id}: {channel} em {date}.",
        "case.edited": "Caso {id} alterado: {fields}.",
        "case.next.letter": "O texto para esse canal: escalate case export {id} --letter {letter}",
        "err.letter": "não há carta para '{letter}'",
        "err.letter.format": "uma carta é text, markdown ou html, não json",
        "err.text.format": "--format text é para uma carta (--letter)",
        "err.event_future": "a data do ocorrido, {day}, está no futuro",
        "err.want_problem": "--want precisa do problema (--problem): o que se pode pedir depende"
        " dele",
        "err.want_problem.hint": "ex.: --problem reconnection --want reconnect",
        "err.want": "'{want}' não é um pedido que os dados oferecem para {problem}",
        "err.want.hint": "para este problema: {remedies}",
        "err.title_empty": "um caso precisa de um título",
        "err.edit_nothing": "nada a alterar",
        "err.edit_nothing.hint": "use --title, --event-date, --account, --want ou --story",
        "case.closed": "Caso {id} encerrado.",
        "case.solved": "Caso {id}: o último contato resolveu. Encerre com escalate case close"
        " {id}.",
        "case.none": "Nenhum caso ainda. Abra um: escalate case new --company NOME --title TEXTO",
        "case.header": "Caso {id}: {title} · {company} · {status}",
        "case.no_contacts": "Nenhum contato ainda: escalate case log {id} --channel sac"
        " --protocol N",
        "case.status.open": "aberto",
        "case.status.closed": "encerrado",
        "case.outcome.open": "aguardando",
        "case.outcome.solved": "resolvido",
        "case.outcome.failed": "não resolvido",
        "case.outcome.no-answer": "sem resposta",
        "case.due.until": "resposta até {due} ({rule})",
        "case.due.passed": "PRAZO VENCIDO em {due} ({rule})",
        "case.due.answered": "o prazo era {due} ({rule})",
        "case.due.unknown": "prazo desconhecido: pergunte",
        "case.also.until": "além disso: {who} tem de {act} até {due} ({rule})",
        "case.also.passed": "além disso: {who} tinha de {act} até {due}; a data PASSOU ({rule})",
        "err.outcome": "resultado desconhecido: '{outcome}'",
        "err.export": "qual caso? informe o número, ou --all para todos",
        "err.export.both": "informe o número de um caso ou --all, não os dois",
        "err.salvage": "--salvage vai com --all: salva todos os casos que ainda podem ser lidos",
        "case.salvaged": "Salvos {cases} caso(s); {skipped} problema(s) listados acima.",
        "case.next": "Próximo passo: {text}",
        "case.next.more": "Detalhes: escalate advise --case {id}",
        "case.ics.written": "Calendário gravado em {path}: {count} prazo(s) ainda correndo.",
        "err.import": "não foi possível ler {path}: {reason}",
        "case.imported": "Importados {cases} caso(s) e {contacts} contato(s).",
        "err.no_path": "arquivo ou pasta não encontrado: {path}",
        "data.clean": "Nenhum problema em {files} arquivo(s).",
        "data.summary": "{errors} erro(s), {warnings} aviso(s) em {files} arquivo(s).",
        "err.cpf": "CPF inválido: os dígitos verificadores não conferem",
        "err.cpf.hint": "11 dígitos, ex.: 123.456.789-09; o CPF é opcional",
        # checklist
        "checklist.title": "O que levar: {title}",
        "checklist.problem": "problema: {problem}",
        "checklist.why": "Por quê: {why}",
        "checklist.tailor": "Para ajustar: --company NOME --problem PROBLEMA.",
        "err.channel": "canal desconhecido: '{name}'",
        "err.channel.hint": "canais: {channels}",
        # tree
        "tree.title": "A escada de reclamação ({sector})",
        "tree.stage": "etapa",
        "tree.if_open": "esperando",
        "tree.if_failed": "não resolveu",
        "tree.alternatives": "ou",
        "tree.pressure": "pressão",
        "tree.deadline": "{days} {counted}",
        "tree.unknown": "prazo desconhecido",
        "tree.hazard": "risco de vida → Bombeiros 193 e a linha de emergência da empresa, antes"
        " de tudo",
        "tree.ceiling": "acima de 40 salários mínimos: Justiça comum; acima de 20: precisa de"
        " advogado",
        # --- unknown company
        "unknown.company": "empresa desconhecida: '{name}' não está no catálogo do escalate",
        "unknown.did_you_mean": "você quis dizer: {names}? todas as empresas: escalate companies",
        "unknown.list": "todas as empresas que o escalate conhece: escalate companies",
        "unknown.sector": "use --sector energy|telecom para a orientação geral; todas as"
        " empresas: escalate companies",
        "unknown.sector.did_you_mean": "você quis dizer: {names}? ou use --sector energy|telecom"
        " para a orientação geral; todas as empresas: escalate companies",
        "unknown.advice": "'{name}' não está no catálogo do escalate: não sabemos os telefones"
        " dessa empresa. Procure o SAC e a ouvidoria na conta ou no contrato.",
        "unknown.advice.did_you_mean": "Você quis dizer: {names}?",
        # --- Brazilian input
        "ask.company.body": "{name} é um órgão público, não uma empresa. Digite o nome da"
        " empresa, ou Enter para seguir sem ela (escalate companies mostra a lista)",
        "ask.company.without": "Seguindo sem empresa.",
        "err.outcome.hint": "resultados válidos: {outcomes}",
    },
}
