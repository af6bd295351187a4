"""What the program says, in English and in Brazilian Portuguese, and which language to speak.

The English texts are the message ids: the program's messages in ``SOURCE`` (and the counted
words in ``PLURALS``), each keyed by a name that is also its context (``msgctxt``) in the
translation, and the command line's help texts, marked ``_("…")``. The Portuguese is a gettext
catalogue, ``locale/pt_BR/LC_MESSAGES/escalate.po``, compiled by the build into the ``.mo``
read here; a translator edits the ``.po`` only (``scripts/messages.py`` extracts, updates and
checks it). The prose of the data (``{pt, en}`` texts) stays in the data.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

LANGS = ("pt", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


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


# The language the running command settled on (its --lang, else the environment): set by the
# command line once it has parsed its options, cleared when a run starts.
_chosen: list[str] = []


def choose(lang: str | None) -> None:
    """The command being run speaks ``lang`` (None: not known yet, at the start of a run)."""
    _chosen[:] = [lang] if lang else []


def process_lang(argv: Sequence[str] | None = None) -> str:
    """The language of this run: the one its command chose, else, before the command line is
    parsed (help texts, usage errors), a ``--lang`` anywhere on it, else the environment."""
    if _chosen and argv is None:
        return _chosen[0]
    args = sys.argv[1:] if argv is None else argv
    explicit = None
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            explicit = args[i + 1]
        elif arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
    return detect(explicit)


def t(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang``, its {placeholders} filled."""
    text = SOURCE[key]
    if lang == "pt":
        text = _portuguese().pgettext(key, text)
    return text.format(**values) if values else text


def tn(lang: str, key: str, count: int, **values: object) -> str:
    """A counted word in ``lang``: "1 caso", "3 casos" (``PLURALS``; pt_BR's forms in the .po)."""
    one, many = PLURALS[key]
    if lang == "pt":
        text = _portuguese().npgettext(key, one, many, count)
    else:
        text = one if count == 1 else many
    return text.format(count=count, **values)


def day_text(lang: str, day: dt.date) -> str:
    """A date as each language writes it: 04/12/2026 in Portuguese, 2026-12-04 in English."""
    return day.strftime("%d/%m/%Y") if lang == "pt" else day.isoformat()


def translated(lang: str, text: str) -> str:
    """An English text marked ``N_`` (a core error) or ``_`` (help), in ``lang``."""
    return _portuguese().gettext(text) if lang == "pt" else text


def _(text: str) -> str:
    """A help text of the command line, in the language of this run (``process_lang``)."""
    return _portuguese().gettext(text) if process_lang() == "pt" else text


@functools.cache
def _portuguese() -> gettext.NullTranslations:
    """The compiled catalogue; a checkout that was never built has none, and speaks English."""
    try:
        with (LOCALE_DIR / "pt_BR" / "LC_MESSAGES" / "escalate.mo").open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except OSError:
        return gettext.NullTranslations()


SOURCE: dict[str, str] = {
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
    "group.member": "{group} in {state} is {name}, a company of the group with its own record:",
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
    "err.sector.bad": "unknown service: '{sector}' (energy or telecom)",
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
    "advice.no_company.form": "Which company? Choose it under “Company” to get its numbers.",
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
    "reason.clock_passed": "{label}: {who} had {length} to {act}, from {start}; it ended {due}.",
    "reason.clock_at_once": "{label}: {who} had to {act} at once.",
    "reason.clock_running": "{label}: {who} has {length} to {act}, from {start}; it ends {due}.",
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
    "clock.maybe": "ends between {due} and {latest}, by the hour of your report ({length}; {rule})",
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
    "wait.unknown": "There is no confirmed deadline for this answer: ask for it and write it down.",
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
    "err.no_stage": "where are you on the ladder? give --stage (or run in a terminal to be asked)",
    "err.no_stage.hint": "escalate advise --stage sac-failed --company elektro;"
    " stages: escalate tree",
    "err.date": "not a date: '{value}' (use DD/MM/YYYY, DD/MM, today or yesterday; e.g. {example})",
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
    "case.salvaged": "Saved {cases}; {skipped} listed above.",
    "case.next": "Next: {text}",
    "case.next.more": "Details: escalate advise --case {id}",
    "case.ics.written": "Calendar written to {path}: {count} still running.",
    "err.import": "cannot read {path}: {reason}",
    "case.imported": "Imported {cases} and {contacts}.",
    "err.no_path": "no such file or folder: {path}",
    "data.clean": "No problems in {files}.",
    "data.summary": "{errors}, {warnings} in {files}.",
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
    # --- the command line's own errors (typer writes them in English only)
    "click.no_such_option": "no such option: {name}",
    "click.missing": "missing {name}",
    "click.not_one_of": "{name}: {value} is not one of {choices}",
    "click.not_a_number": "{name}: a whole number is expected",
    "click.bad_value": "invalid value for {name}: {detail}",
    "click.no_such_command": "no such command '{name}'",
    "click.no_such_command.did_you_mean": "no such command '{name}'; did you mean '{other}'?",
    "click.extra": "unexpected extra argument(s): {args}",
    "click.missing_command": "a command is missing",
    # --- the prefixes of an error line: "escalate: error: …", "  hint: …"
    "prefix.error": "error",
    "prefix.hint": "hint",
    # --- which company serves me?
    "ask.state.first": "Which state are you in? The companies that serve it will be listed (two"
    " letters, e.g. BA; Enter to skip)",
    "ask.company.pick": "Which of these is your company? (number)",
    # --- due (case due)
    "due.line.passed": "Case {id} ({company}): the deadline for {who} to {act} passed on {due}"
    " ({ref}) — {next}",
    "due.line.today": "Case {id} ({company}): the deadline for {who} to {act} ends today, {due}"
    " ({ref}) — {next}",
    "due.line.clock": "Case {id} ({company}): {next}",
    "due.ref.protocol": "protocol {protocol} of {date}; {rule}",
    "due.ref.contact": "{channel} contact of {date}; {rule}",
    "due.unknown": "{company} is no longer in escalate's catalogue: see escalate case show {id}",
    "due.nothing": "Nothing is due today or overdue in your {count}.",
    "due.no_open": "No open cases: nothing is due.",
    # --- days and opening hours
    "day.Mo": "Mon",
    "weekday.Mo": "Mon",
    "day.Tu": "Tue",
    "weekday.Tu": "Tue",
    "day.We": "Wed",
    "weekday.We": "Wed",
    "day.Th": "Thu",
    "weekday.Th": "Thu",
    "day.Fr": "Fri",
    "weekday.Fr": "Fri",
    "day.Sa": "Sat",
    "weekday.Sa": "Sat",
    "day.Su": "Sun",
    "weekday.Su": "Sun",
    "hours.always": "24 h, every day",
    "hours.holidays_off": "except public holidays",
    "hours.holidays": "public holidays",
    "hours.tomorrow": "tomorrow {time}",
    # --- the dossier and the letters (always written in Portuguese)
    "doc.title": "Case {id} dossier: {title}",
    "doc.title.short": "Dossier",
    "doc.generated": "Generated on {date} by escalate. This is information only, not legal advice."
    " Fill in by hand what is between square brackets.",
    "doc.parties": "Parties",
    "doc.party.consumer": "Consumer: [NAME], account holder",
    "doc.party.cpf": "CPF: [CPF]",
    "doc.party.cpf.end": "CPF: [CPF] (ends in {end})",
    "doc.party.address": "Address: [ADDRESS]",
    "doc.party.account.energy": "Installation or customer code: {account}",
    "doc.party.account.telecom": "Contract or line: {account}",
    "doc.party.account": "Account: {account}",
    "doc.party.account.blank": "[NUMBER]",
    "doc.party.company": "Company: {name}, CNPJ [COMPANY'S CNPJ] (on the bill or the contract)",
    "doc.party.from_user": "Note: the data of {name} come from your data folder ({path}), not from"
    " escalate: check the contacts before using them",
    "doc.party.problem": "Problem: {problem}",
    "doc.party.event": "Date of the event: {when}",
    "doc.at_time": "{date} at {time}",
    "doc.story": "What happened",
    "doc.timeline": "Timeline",
    "doc.col.date": "Date",
    "doc.col.channel": "Channel",
    "doc.col.protocol": "Protocol",
    "doc.col.outcome": "Outcome",
    "doc.col.due": "Answer due by",
    "doc.col.note": "What was said",
    "doc.protocol.none": "—",
    "doc.due.unknown": "unknown",
    "doc.due.passed": "{due} (passed)",
    "doc.no_contacts": "No contact recorded.",
    "doc.outcome.open": "waiting for an answer",
    "doc.outcome.solved": "solved",
    "doc.outcome.failed": "not solved",
    "doc.outcome.no-answer": "no answer",
    "doc.channel.sac": "SAC",
    "doc.channel.ouvidoria": "Ouvidoria",
    "doc.channel.aneel": "ANEEL",
    "doc.channel.anatel": "Anatel",
    "doc.channel.consumidor-gov": "consumidor.gov.br",
    "doc.channel.procon": "Procon",
    "doc.channel.reclame-aqui": "Reclame Aqui",
    "doc.channel.juizado": "Juizado Especial Cível",
    "doc.channel.justica-comum": "Justiça comum",
    "doc.missed": "Deadlines missed",
    "doc.clock.passed": "{label}: {who} was to {act} by {until}; the deadline is over ({rule}).",
    "doc.clock.maybe": "{label}: {who} was to {act} by {until}; the deadline may be over ({rule}).",
    "doc.clock.latest": "{moment} at the latest",
    "doc.clock.assumed": "{label} (if that is your case)",
    "doc.rule.reported": "{rule}; rule to be confirmed",
    "doc.missed.contact": "{channel}, protocol {protocol} of {date}: {days} {counted}, passed on"
    " {due} ({rule}).",
    "doc.missed.contact.reported": "{channel}, protocol {protocol} of {date}: {days} {counted},"
    " passed on {due} ({rule}); rule to be confirmed.",
    "doc.missed.none": "No deadline missed in the contacts recorded.",
    "doc.asks": "What I ask for",
    "doc.ask.rule": "{ask} ({rule}).",
    "doc.wait": "Now: wait for the answer",
    "doc.wait.due": "{who} must {act} by {due} ({rule}).",
    "doc.act.answer": "answer",
    "doc.wait.unknown": "There is no confirmed deadline for this answer: ask for it and write it"
    " down.",
    "doc.wait.then": "If there is no answer by then, or it does not solve it, the next step is:"
    " {step}",
    "doc.next": "Next step",
    "doc.reach": "{owner} — {channel}",
    "doc.reach.text": "{owner} — {channel}: {text}",
    "doc.reach.reported": "{line} (reported by third parties: confirm first)",
    "doc.bring": "Bring:",
    "doc.bring.required": "{item} (required).",
    "doc.bring.helpful": "{item} (recommended).",
    "doc.sign.place": "[CITY], {date}",
    "doc.sign.line": "Signature: ______________________________",
    "doc.sign.name": "[NAME]",
    "doc.ics.summary": "Answer due: {channel} — {company}",
    "doc.ics.summary.protocol": "Answer due: {channel} — {company} (protocol {protocol})",
    "doc.ics.description": "Case {id}: {title}. {rule}.",
    "letter.title.short": "Letter",
    "letter.cpf.blank": "[CPF]",
    "letter.account.energy": "Installation or customer code: {account}.",
    "letter.account.telecom": "Contract or line: {account}.",
    "letter.account": "Account: {account}.",
    "letter.at_time": "{date}, at {time}",
    "letter.problem": "Problem: {problem}.",
    "letter.event": "Date of the event: {when}.",
    "letter.clock.passed": "{who} was to {act} ({label}, {rule}); the deadline ended {moment} at"
    " the latest, without a solution.",
    "letter.deadline.cited": "{who} had {days} {counted} to {act} ({rule}); the deadline passed on"
    " {due} without a solution.",
    "letter.deadline": "{who} had {days} {counted} to {act}; the deadline passed on {due} without"
    " a solution.",
    "letter.at.sac": "at the SAC",
    "letter.at.ouvidoria": "at the Ouvidoria",
    "letter.at.aneel": "at ANEEL",
    "letter.at.anatel": "at Anatel",
    "letter.at.consumidor-gov": "on consumidor.gov.br",
    "letter.at.procon": "at Procon",
    "letter.at.reclame-aqui": "on Reclame Aqui",
    "letter.at.juizado": "at the Juizado Especial Cível",
    "letter.at.justica-comum": "at the Justiça comum",
    "letter.at.other": "on the channel {channel}",
    "letter.protocol": "protocol {protocol}",
    "letter.protocol.none": "no protocol number",
    "letter.contact": "On {date}, I complained {at} ({protocol}); outcome: {outcome}.",
    "letter.contact.note": "{text} Note: {note}",
    "letter.ouvidoria.title": "To the Ouvidoria of {company}",
    "letter.subject": "Subject: {problem}",
    "letter.ouvidoria.opening": "I, [NAME], CPF {cpf}, account holder, bring this complaint to"
    " this Ouvidoria.",
    "letter.ouvidoria.opening.sac": "I, [NAME], CPF {cpf}, account holder, bring this complaint to"
    " this Ouvidoria; I already filed it with the SAC.",
    "letter.story": "What happened",
    "letter.contacts": "Earlier contacts",
    "letter.contacts.intro": "Earlier contacts:",
    "letter.asks": "What I ask for",
    "letter.ask.solution": "I ask for the problem to be solved.",
    "letter.ouvidoria.answer": "I also ask for a written answer and the protocol number of this"
    " complaint at the Ouvidoria.",
    "letter.regulator.title": "Complaint against {company}",
    "letter.protocols": "Protocols",
    "letter.regulator.ask": "I ask {body} to step in so that the company solves the problem and"
    " answers me in writing.",
    "letter.complaint.title": "Complaint on {body} against {company}",
    "letter.complaint.title.procon": "Complaint to Procon against {company}",
    "letter.complaint.account": "Account of the facts",
    "letter.complaint.request": "Request",
    "letter.complaint.answer": "I also ask for a written answer from the company.",
    "letter.juizado.title": "To the Juizado Especial Cível of the district of [CITY]",
    "letter.juizado.kind": "Initial claim",
    "letter.juizado.opening": "I, [NAME], CPF {cpf}, living at [ADDRESS], bring this claim against"
    " {company}, CNPJ [CNPJ], with its address at [COMPANY'S ADDRESS], for the facts and requests"
    " below.",
    "letter.juizado.facts": "The facts",
    "letter.juizado.customer": "I am a customer of {company}.",
    "letter.juizado.customer.account": "I am a customer of {company}. {account}",
    "letter.juizado.describe": "[DESCRIBE WHAT HAPPENED, WITH THE DATES]",
    "letter.juizado.law": "The law",
    "letter.law.deadline": "{rule}: {text}",
    "letter.law.remedy": "{rule}: the ground of the request for {remedy}.",
    "letter.juizado.requests": "The requests",
    "letter.juizado.asks.blank": "[WHAT YOU ASK FOR]",
    "letter.juizado.value": "The value of the claim",
    "letter.juizado.value.blank": "Value of the claim: [VALUE OF THE CLAIM].",
    "letter.juizado.no_lawyer": "I bring this claim without a lawyer, as the law allows for claims"
    " of up to {wages} minimum wages ({amount}) ({rule}).",
    "letter.money": "R$ {amount}",
    "letter.juizado.closing": "In these terms, I ask that it be granted.",
    # The web pages (escalate web, escalate site build)
    "web.name": "What to do when the company does not solve it",
    "web.skip": "Skip to the content",
    "web.menu": "Menu",
    "web.nav.advise": "What to do now",
    "web.nav.companies": "Companies",
    "web.nav.checklists": "What to bring",
    "web.nav.ladder": "The steps",
    "web.nav.law": "Your rights",
    "web.nav.cases": "My cases",
    "web.lang_name": "English",
    "web.offline": "escalate works on this computer: nothing you type is sent anywhere.",
    "web.error": "Not found",
    "web.error.refused": "This cannot be shown",
    "web.back_home": "Back to the start",
    "web.home.title": "Problem with your electricity or telecom company?",
    "web.home.lead": "Find the right number, what the company owes you, how long it may take"
    " and where to go next.",
    "web.risk.title": "Risk to life?",
    "web.risk.text": "Fallen wire, fire or electric shock: keep away and call the fire brigade,",
    "web.home.company": "I know my company",
    "web.home.state": "Which companies serve my state?",
    "web.home.dont_know": "I don't know",
    "web.home.ask": "Answer a few questions",
    "web.choose": "Choose",
    "web.checklist.change": "Change what you chose",
    "web.checklist.tailor": "For your company and your problem",
    "web.checklist.go": "Show my list",
    "web.home.steps": "The steps from the company's SAC to the court, for your kind of service:",
    "web.field.company": "Company",
    "web.field.state": "State",
    "web.field.sector": "Service",
    "web.field.problem": "Problem",
    "web.field.stage": "Where are you?",
    "web.field.since": "Date of the last protocol",
    "web.field.hazard": "Someone is at risk now (fallen wire, fire, shock)",
    "web.field.title": "A short title for the case",
    "web.field.channel": "Channel",
    "web.field.protocol": "Protocol number",
    "web.field.date": "Date",
    "web.field.outcome": "Outcome",
    "web.see_channels": "See the channels",
    "web.list_companies": "List the companies",
    "web.all_states": "All states",
    "web.all_brazil": "all of Brazil",
    "web.dont_know": "I don't know",
    "web.bad_state": "That is not a Brazilian state.",
    "web.companies.title": "Companies",
    "web.companies.in": "Companies serving {state}",
    "web.unknown_sector": "Unknown service: energy or telecom.",
    "web.only_in": "only in {states}",
    "web.only_this_state": "Only this state",
    "web.status.official": "official source",
    "web.status.reported": "reported by third parties",
    "web.status.disputed": "sources disagree",
    "web.app": "app {name}",
    "web.what_now": "What do I do now?",
    "web.notes": "Good to know",
    "web.sources": "Sources",
    "web.advise.title": "What to do now",
    "web.advise.answer": "The answer",
    "web.advise.go": "Show what to do",
    "web.checklist.title": "What to bring",
    "web.print_hint": "Print this page to take it with you.",
    "web.law.lead": "What the law and the regulators say, each with its rule and sources.",
    "web.journal_off": "The case journal is only on escalate web on your own computer.",
    "web.cases.none": "No cases yet.",
    "web.cases.new": "Open a case",
    "web.cases.open": "Open the case",
    "web.title_needed": "Give the case a title.",
    "web.case.title": "Case {id}",
    "web.case.next": "Next step",
    "web.case.contacts": "Contacts",
    "web.case.no_contacts": "No contacts logged yet.",
    "web.case.log": "Log a contact",
    "web.case.save": "Save the contact",
    "web.case.documents": "Documents",
    "web.case.dossier": "Dossier (to print)",
    "web.case.letter": "Letter: {letter}",
    "web.case.calendar": "Deadlines in your calendar (.ics)",
    "web.started": "Open this address in your browser. Your cases stay on this computer. Ctrl+C"
    " stops the server.",
    "web.started.public": "Serving without the case journal. Ctrl+C stops the server.",
    "err.web_extra": "the web pages need the web extra (missing: {modules})",
    "err.web_extra.hint": "in escalate's folder, with the same Python: pip install '.[web]'",
    "err.web_bind": "cannot listen on {host} port {port}: {reason}",
    "err.site_write": "cannot write the site to {path}: {reason}",
    "site.built": "{count} pages written to {path}. Open index.html in a browser.",
}

# Counted words: (singular, plural), in English; pt_BR's plural forms are in the .po.
PLURALS: dict[str, tuple[str, str]] = {
    "n.case": ("{count} case", "{count} cases"),
    "n.open_case": ("{count} open case", "{count} open cases"),
    "n.contact": ("{count} contact", "{count} contacts"),
    "n.deadline": ("{count} deadline", "{count} deadlines"),
    "n.problem": ("{count} problem", "{count} problems"),
    "n.file": ("{count} file", "{count} files"),
    "n.error": ("{count} error", "{count} errors"),
    "n.warning": ("{count} warning", "{count} warnings"),
}

# For translators: what a message is for, where the English alone does not say it (shown in the
# .po as "#." comments).
COMMENTS: dict[str, str] = {
    "yes": "The one letter a person types for yes in the interview's yes/no questions.",
    "no": "The one letter a person types for no in the interview's yes/no questions.",
    "ask.number": "The prompt after a numbered list of choices.",
    "sms.to": "After an SMS keyword: send LUZ 123 to 26530.",
    "at_time": "A date and its hour in running text.",
    "n.case": "Counted cases, inside longer messages (case.imported, case.salvaged).",
    "weekday.Mo": "The day of the week after a date in parentheses: 04/12/2026 (sex.).",
    "day.Mo": "Days in opening hours: seg–sex 08:00–18:00.",
    "doc.title": "The first heading of a case's dossier, a document always written in Portuguese"
    " for the Brazilian channel that reads it (as every doc. and letter. message).",
    "doc.generated": "Words in square brackets are blanks the person fills in by hand on paper.",
    "doc.protocol.none": "In the dossier's timeline and its deadlines missed, for a contact"
    " without a protocol number.",
    "doc.due.passed": "A cell of the dossier's timeline: the date the answer was due, passed.",
    "doc.outcome.open": "The outcome of a contact, in the dossier's timeline and in the letters:"
    " resultado: aguardando resposta.",
    "doc.channel.sac": "The channel of a contact, as the documents name it.",
    "doc.clock.passed": "{label} is a deadline of the problem (religação …), {who} and {act} come"
    " from the data, already in Portuguese.",
    "doc.rule.reported": "A rule escalate's sources only report, not an official text.",
    "doc.reach": "A contact of the next channel: its owner, then the channel's label.",
    "doc.sign.line": "A line to sign by hand.",
    "letter.at.sac": "Where a contact was made, with its preposition, in a letter: reclamei no SAC"
    " (letter.contact).",
    "letter.ouvidoria.opening": "The opening of the letter to the company's ouvidoria, in the"
    " first person; [NOME] is a blank to fill by hand.",
    "letter.contact.note": "{text} is letter.contact; {note} is the person's own note, closed as a"
    " sentence.",
    "letter.law.remedy": "{remedy} is the short label of what is asked (religar a energia …).",
    "letter.money": "An amount of money; {amount} is already written as Brazilians do: 1.234,56.",
    "letter.juizado.closing": "The customary closing formula of a petition to a court.",
}
