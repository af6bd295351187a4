"""`escalate case …`: the case journal's commands (imported only when one of them runs)."""

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any, Literal

import typer

from escalate.cli.case_due import case_due
from escalate.cli.common import (
    JSON_HELP,
    LANG_HELP,
    OUTCOME_ALIASES,
    PROBLEM_HELP,
    Group,
    Lang,
    _case_company,
    _catalog,
    _complete_channels,
    _complete_names,
    _complete_outcomes,
    _complete_problems,
    _envelope,
    _journal,
    _journal_to_read,
    _lang,
    _outcome,
    _print_json,
    _today,
    described,
)
from escalate.errors import EscalateError, UnknownName, UsageError
from escalate.i18n import _
from escalate.printable import printable

case_app = typer.Typer(
    cls=Group,
    no_args_is_help=True,
    help=_("Keep your case on this machine: each contact with its protocol, date and outcome."),
)

OUTCOME_HELP = _(
    "open, solved, failed or no-answer (also: aberto, resolvido, não-resolvido, sem-resposta)."
)


def _case_json(case: Any) -> dict[str, Any]:
    """A case's own fields, the CPF masked (case new, edit, close, list); ``case show`` prints
    the whole view model (escalate.output.case)."""
    from escalate.cases import cpf as cpf_rules
    from escalate.cases.journal import case_fields

    shown_cpf = cpf_rules.masked(case.cpf) if case.cpf else None
    return {"id": case.id, **case_fields(case), "cpf": shown_cpf}


def _channel_id(catalog: Any, name: str, lang: str) -> str:
    from escalate.advice import checklists as core

    book = catalog.rules("checklists")
    try:
        return core.resolve(book, name)  # an id or one of the data's aliases (jec, ANEEL …)
    except UnknownName as exc:
        from escalate.output.explain import unknown_channel

        raise unknown_channel(exc, name, book.channels, lang, kind=UsageError) from None


EVENT_HELP = _(
    "When the problem happened: DD/MM/YYYY, DD/MM, today, yesterday (hoje, ontem) or YYYY-MM-DD,"
    ' with the hour if a clock counts hours ("ontem 19h", "23/11 19:00").'
)
ACCOUNT_HELP = _("Installation or customer number (energy), contract or line number (telecom).")
WANT_HELP = _("What you want, e.g. reconnect, refund-double (repeat for more; needs --problem).")
STORY_HELP = _("What happened, in your own words ('-' reads it from the input).")


def _story_fields(
    *,
    catalog: Any,
    record: Any,
    problem: str | None,
    event_date: str | None,
    account: str | None,
    want: list[str] | None,
    story: str | None,
    today: dt.date,
    lang: str,
) -> dict[str, Any]:
    """The options that say what happened and what is wanted, checked: the fields to store
    (only those given; an empty text clears one)."""
    from escalate.cases import limits
    from escalate.i18n import t

    fields: dict[str, Any] = {}
    if event_date is not None:
        from escalate.advice.interview import parse_moment

        if event_date.strip():
            day, hour = parse_moment(event_date, today=today, lang=lang)
            if day > today:
                raise UsageError(t(lang, "err.event_future", day=day.strftime("%d/%m/%Y")))
            fields["event_date"], fields["event_time"] = day, hour
        else:
            fields["event_date"] = fields["event_time"] = None
    if account is not None:
        fields["account"] = printable(account.strip()[: limits.ACCOUNT_MAX]) or None
    if want is not None:
        wanted = tuple(dict.fromkeys(w.strip().lower() for w in want if w.strip()))
        if wanted:
            offered = _remedies(catalog, problem, record)
            if problem is None:
                raise UsageError(t(lang, "err.want_problem"), hint=t(lang, "err.want_problem.hint"))
            unknown = [w for w in wanted if w not in offered]
            if unknown:
                raise UsageError(
                    t(lang, "err.want", want=unknown[0][:40], problem=problem),
                    hint=t(lang, "err.want.hint", remedies=", ".join(offered) or "—"),
                )
        fields["want"] = wanted[: limits.WANT_MAX]
    if story is not None:
        text = sys.stdin.read() if story == "-" else story
        lines = [printable(line.rstrip()) for line in text.strip().splitlines()]
        fields["story"] = "\n".join(lines)[: limits.STORY_MAX] or None
    return fields


def _remedies(catalog: Any, problem: str | None, record: Any) -> list[str]:
    """The ids of the remedies the data offers for this problem in the company's sector."""
    if problem is None:
        return []
    problems = catalog.rules("problems")
    return [r.id for r in problems.remedies_for(problem, record.sector if record else None)]


@case_app.command("new")
def case_new(
    company: str = typer.Option(
        ..., "--company", "-c", help=_("The company."), autocompletion=_complete_names
    ),
    title: str = typer.Option(..., "--title", help=_("A few words to recognise the case.")),
    problem: str | None = typer.Option(
        None, "--problem", "-p", help=PROBLEM_HELP, autocompletion=_complete_problems
    ),
    state: str | None = typer.Option(
        None, "--state", "-s", help=_("The state, for groups such as Equatorial (PA).")
    ),
    cpf: str | None = typer.Option(
        None, "--cpf", help=_("The account holder's CPF (optional; shown masked).")
    ),
    event_date: str | None = typer.Option(None, "--event-date", help=EVENT_HELP),
    account: str | None = typer.Option(None, "--account", help=ACCOUNT_HELP),
    want: list[str] | None = typer.Option(None, "--want", help=WANT_HELP),
    story: str | None = typer.Option(None, "--story", help=STORY_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Open a case for a company; prints its number."""
    from escalate.cases import journal
    from escalate.i18n import t

    language = _lang(lang)
    catalog = _catalog(language)
    from escalate.entry.cases import case_subject
    from escalate.output.explain import explained

    subject = explained(
        lambda: case_subject(catalog, company=company, state=state, problem=problem), language
    )
    record, unit, problem = subject.record, subject.unit, subject.problem  # an alias: its id
    if cpf is not None:
        from escalate.cases import cpf as cpf_rules

        if not cpf_rules.is_valid(cpf):
            raise UsageError(t(language, "err.cpf"), hint=t(language, "err.cpf.hint"))
    story_fields = _story_fields(
        catalog=catalog,
        record=record,
        problem=problem,
        event_date=event_date,
        account=account,
        want=want,
        story=story,
        today=_today(),
        lang=language,
    )
    conn = _journal()
    case_id = journal.new_case(
        conn,
        company=record.id,
        unit=unit.id if unit else None,
        state=subject.state,
        problem=problem,
        title=printable(title.strip()[:200]),
        created=_today(),
        cpf=cpf,
        **story_fields,
    )
    if as_json:
        _print_json(_envelope("case", case=_case_json(journal.get_case(conn, case_id))))
        return
    typer.echo(t(language, "case.created", id=case_id, company=unit.name if unit else record.name))


@case_app.command("edit")
def case_edit(
    case: int = typer.Argument(..., help=_("The case number (escalate case list).")),
    title: str | None = typer.Option(None, "--title", help=_("A few words to recognise the case.")),
    event_date: str | None = typer.Option(None, "--event-date", help=EVENT_HELP),
    account: str | None = typer.Option(None, "--account", help=ACCOUNT_HELP),
    want: list[str] | None = typer.Option(None, "--want", help=WANT_HELP),
    story: str | None = typer.Option(None, "--story", help=STORY_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Change what a case says happened and what you want; an empty value ("") clears it."""
    from escalate.cases import journal
    from escalate.i18n import t

    language = _lang(lang)
    conn = _journal()
    current = journal.get_case(conn, case)
    catalog = _catalog(language)
    record = _case_company(catalog, current)
    changes = _story_fields(
        catalog=catalog,
        record=record,
        problem=current.problem,
        event_date=event_date,
        account=account,
        want=want,
        story=story,
        today=_today(),
        lang=language,
    )
    if title is not None:
        if not title.strip():
            raise UsageError(t(language, "err.title_empty"))
        changes["title"] = printable(title.strip()[:200])
    if not changes:
        raise UsageError(t(language, "err.edit_nothing"), hint=t(language, "err.edit_nothing.hint"))
    edited = journal.edit_case(conn, case, **changes)
    if as_json:
        _print_json(_envelope("case", case=_case_json(edited)))
        return
    typer.echo(t(language, "case.edited", id=case, fields=", ".join(sorted(changes))))


case_app.command("due")(case_due)


@case_app.command("log")
def case_log(
    case: int = typer.Argument(..., help=_("The case number (escalate case list).")),
    channel: str = typer.Option(
        ...,
        "--channel",
        help=_("sac, ouvidoria, aneel, anatel, procon …"),
        autocompletion=_complete_channels,
    ),
    protocol: str | None = typer.Option(None, "--protocol", help=_("The protocol number.")),
    date: str | None = typer.Option(
        None,
        "--date",
        help=_("DD/MM/YYYY, DD/MM, today, yesterday (hoje, ontem) or YYYY-MM-DD (default: today)."),
    ),
    outcome: str = typer.Option(
        "open", "--outcome", help=OUTCOME_HELP, autocompletion=_complete_outcomes
    ),
    note: str | None = typer.Option(None, "--note", help=_("What was said.")),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Record a contact with its protocol number, date and outcome."""
    from escalate.advice.interview import parse_date
    from escalate.cases import journal
    from escalate.i18n import day_text, t

    language = _lang(lang)
    today = _today()
    day = parse_date(date, today=today, lang=language) if date is not None else today
    outcome_id = _outcome(outcome)  # an outcome or its Portuguese word: resolvido → solved
    if outcome_id is None or outcome_id not in journal.OUTCOMES:
        outcomes = ", ".join(f"{o} ({words[0]})" for o, words in OUTCOME_ALIASES.items())
        raise UsageError(
            t(language, "err.outcome", outcome=printable(outcome, 40)),
            hint=t(language, "err.outcome.hint", outcomes=outcomes),
        )
    channel_id = _channel_id(_catalog(language), channel, language)
    conn = _journal()
    contact_id = journal.log_contact(
        conn,
        case,
        channel=channel_id,
        date=day,
        protocol=printable((protocol or "").strip()[:100]) or None,
        outcome=outcome_id,
        note=printable((note or "").strip()[:1000]) or None,
    )
    if as_json:
        _print_json(_envelope("contact", case=case, contact=contact_id))
        return
    typer.echo(
        t(language, "case.logged", id=case, channel=channel_id, date=day_text(language, day))
    )


@case_app.command("list")
def case_list(
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """List your cases."""
    from escalate.cases import journal
    from escalate.i18n import t

    language = _lang(lang)
    conn = _journal_to_read()
    if as_json:
        cases = journal.list_cases(conn) if conn is not None else []
        _print_json(_envelope("cases", cases=[_case_json(c) for c in cases]))
        return
    listing = ""
    if conn is not None:
        listing = journal.case_listing(
            conn,
            open_word=t(language, "case.status.open"),
            closed_word=t(language, "case.status.closed"),
        )
    if not listing:
        typer.echo(t(language, "case.none"))
        return
    # One string from SQLite, one write: per-case Python work costs more than the query.
    # Each line still passes the terminal's cleaner (SQLite's printf would not).
    sys.stdout.write("\n".join(map(printable, listing.split("\n"))) + "\n")
    sys.stdout.flush()


@case_app.command("show")
def case_show(
    case: int = typer.Argument(..., help=_("The case number.")),
    show_cpf: bool = typer.Option(False, "--show-cpf", help=_("Show the CPF in full.")),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Show a case's timeline: each contact, its deadline and whether it has passed."""
    from escalate.entry.cases import case_view
    from escalate.i18n import day_text, t
    from escalate.output.dossier import case_document

    language = _lang(lang)
    catalog = _catalog(language)
    view = case_view(_journal_to_read(), case, catalog)
    found, record, entries = view.case, view.company, view.entries
    document = case_document(view, catalog, show_cpf=show_cpf)
    if as_json:
        from escalate.output import registry

        _print_json(registry.render("case", "json", document, lang=language))
        return
    name = record.name if record else found.company
    typer.echo(
        printable(
            t(
                language,
                "case.header",
                id=found.id,
                title=found.title,
                company=name,
                status=t(language, f"case.status.{found.status}"),
            )
        )
    )
    if found.cpf:
        from escalate.cases import cpf as cpf_rules

        shown = cpf_rules.formatted(found.cpf) if show_cpf else cpf_rules.masked(found.cpf)
        typer.echo(f"  CPF {shown}")
    if not entries:
        typer.echo("  " + t(language, "case.no_contacts", id=found.id))
    for e in entries:
        c = e.contact
        outcome = t(language, f"case.outcome.{c.outcome}")
        line = f"  {day_text(language, c.date)}  {c.channel:<14} {c.protocol or '-':<14} {outcome}"
        if e.deadline is not None and e.due is not None:
            key = (
                "case.due.passed"
                if e.passed
                else "case.due.answered"
                if e.passed is None
                else "case.due.until"
            )
            line += "  " + t(language, key, due=day_text(language, e.due), rule=e.deadline.rule)
        elif c.outcome == "open":
            line += "  " + t(language, "case.due.unknown")
        typer.echo(printable(line))
        for also in e.also:  # a rule beside the official deadline, e.g. a cancellation's
            from escalate.records.ladder import ANSWER

            d = also.deadline
            key = "case.also.passed" if also.passed else "case.also.until"
            text = t(
                language,
                key,
                who=d.who.get(language),
                act=(d.act or ANSWER).get(language),
                due=day_text(language, also.due),
                rule=d.rule,
            )
            mark = "" if d.status.value == "official" else " *"
            typer.echo(f"{'':<14}{text}{mark}")
    if view.advice is not None:  # the same next step as advise --case and the dossier
        from escalate.output.advice import say

        typer.echo(printable(t(language, "case.next", text=say(view.advice.headline, language))))
        from escalate.output.letters import next_letter

        letter = next_letter(document)
        if letter is not None:
            typer.echo("  " + t(language, "case.next.letter", id=found.id, letter=letter))
        typer.echo("  " + t(language, "case.next.more", id=found.id))


@case_app.command("close")
def case_close(
    case: int = typer.Argument(..., help=_("The case number.")),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Mark a case as closed."""
    from escalate.cases import journal
    from escalate.i18n import t

    language = _lang(lang)
    conn = _journal()
    journal.close_case(conn, case, on=_today())
    if as_json:
        _print_json(_envelope("case", case=_case_json(journal.get_case(conn, case))))
        return
    typer.echo(t(language, "case.closed", id=case))


@case_app.command("export")
def case_export(
    case: int | None = typer.Argument(None, help=_("The case number (or --all).")),
    everything: bool = typer.Option(False, "--all", help=_("Every case: a backup.")),
    fmt: Literal["json", "markdown", "html", "text"] | None = typer.Option(
        None,
        "--format",
        help=_(
            "json (a backup, the default), or markdown or html: the dossier; with --letter:"
            " text (the default), markdown or html."
        ),
    ),
    letter: str | None = typer.Option(
        None,
        "--letter",
        help=_(
            "A letter for one channel, in Portuguese: ouvidoria, aneel, anatel, procon,"
            " consumidor-gov or juizado."
        ),
    ),
    ics: Path | None = typer.Option(
        None,
        "--ics",
        help=_(
            "Write the deadlines still running to this calendar file (and nothing else, unless"
            " --format is given too)."
        ),
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help=_("Write to this file (readable by you only) instead of the screen."),
    ),
    salvage: bool = typer.Option(
        False,
        "--salvage",
        help=_("With --all: save every case still readable from a damaged journal."),
    ),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Write a case's dossier (markdown, html), a letter for a channel (--letter), its calendar
    (--ics) or a backup (json)."""
    from escalate.cases import journal
    from escalate.i18n import t, tn

    language = _lang(lang)
    if salvage and not everything:
        raise UsageError(t(language, "err.salvage"), hint="escalate case export --all --salvage")
    if case is None and not everything:
        raise UsageError(t(language, "err.export"), hint="escalate case export --all")
    if case is not None and everything:
        raise UsageError(t(language, "err.export.both"), hint="escalate case export --all")
    if (ics is not None or fmt in ("markdown", "html") or letter) and case is None:
        raise UsageError(t(language, "err.export"), hint="escalate case export 1 --format markdown")
    if letter is not None:
        from escalate.output.letters import LETTERS

        if letter not in LETTERS:
            raise UsageError(t(language, "err.letter", letter=letter[:40]), hint=", ".join(LETTERS))
        if fmt == "json":
            raise UsageError(t(language, "err.letter.format"), hint="--format text|markdown|html")
    elif fmt == "text":
        raise UsageError(t(language, "err.text.format"), hint="--letter ouvidoria --format text")
    conn = _journal_to_read()
    if conn is None:
        if everything:
            _emit_document(
                json.dumps(journal.export_all(_empty_journal()), ensure_ascii=False, indent=2),
                output,
            )
            return
        raise journal.no_case(case)
    if everything:
        if salvage:
            document, skipped = journal.salvage(conn)
            for line in skipped:
                from escalate.output.terminal import emit_warning

                emit_warning(line)
            emit_note = t(
                language,
                "case.salvaged",
                cases=tn(language, "n.case", len(document["cases"])),
                skipped=tn(language, "n.problem", len(skipped)),
            )
        else:
            document, emit_note = journal.export_all(conn), None
        _emit_document(json.dumps(document, ensure_ascii=False, indent=2), output)
        if emit_note:
            sys.stderr.write(emit_note + "\n")
        return
    assert case is not None
    from escalate.entry.cases import case_view
    from escalate.output.dossier import case_document

    if letter is not None:
        from escalate.output import registry
        from escalate.output.letters import LetterDocument

        catalog = _catalog(language)
        papers = case_document(case_view(conn, case, catalog), catalog)
        view = LetterDocument(papers, letter)
        _emit_document(registry.render("letter", fmt or "text", view, lang=language), output)
        return
    if ics is not None or fmt in ("markdown", "html"):
        catalog = _catalog(language)
        from escalate.output import registry

        papers = case_document(case_view(conn, case, catalog), catalog)
        if ics is not None:
            calendar = registry.render("case", "ics", papers, lang=language)
            _write_file(ics, calendar.encode("utf-8"))
            if fmt is None:  # the calendar alone: one line says where it went
                count = calendar.count("BEGIN:VEVENT")
                running = tn(language, "n.deadline", count)
                typer.echo(t(language, "case.ics.written", path=printable(str(ics)), count=running))
                return
        if fmt in ("markdown", "html"):
            _emit_document(registry.render("case", fmt, papers, lang=language), output)
            return
    _emit_document(json.dumps(journal.export_one(conn, case), ensure_ascii=False, indent=2), output)


def _empty_journal() -> Any:
    from escalate.cases import journal

    return journal.connect(":memory:")


def _emit_document(text: str, output: Path | None) -> None:
    """A document (backup, dossier) in UTF-8 whatever the terminal's encoding: to ``output``
    (mode 0600: a backup holds the CPF in full) or to standard output."""
    data = (text if text.endswith("\n") else text + "\n").encode("utf-8")
    if output is not None:
        _write_file(output, data)
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (never a terminal or a file)
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    try:  # a redirect into a new file (> backup.json): readable by its owner only
        import stat

        info = os.fstat(buffer.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and info.st_size == 0:
            os.fchmod(buffer.fileno(), 0o600)
    except (OSError, AttributeError, ValueError):
        pass
    buffer.write(data)
    buffer.flush()


def _write_file(target: Path, data: bytes) -> None:
    from escalate import files, paths
    from escalate.i18n import t

    journal_file = paths.user_home() / "journal.sqlite3"
    protected = [Path(f"{journal_file}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
    try:
        files.write_atomic(target, data, protected=protected)
    except OSError as exc:
        reason = f"{printable(str(target), 200)}: {exc.strerror or exc}"
        raise EscalateError(t(_lang(None), "err.write", reason=reason)) from None


@case_app.command("import")
def case_import(
    file: Path = typer.Argument(..., help=_("A backup written by escalate case export --all.")),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Add the cases of a backup; importing the same file twice adds nothing."""
    from escalate.cases import backup, journal
    from escalate.i18n import t, tn

    language = _lang(lang)
    catalog = _catalog(language)
    data = backup.read_file(file)
    document = backup.parse(
        data, known=_known(catalog), today=_today(), journal_schema=journal.SCHEMA_VERSION
    )
    cases, contacts = journal.import_all(_journal(), document)
    typer.echo(
        t(
            language,
            "case.imported",
            cases=tn(language, "n.case", cases),
            contacts=tn(language, "n.contact", contacts),
        )
    )


def _known(catalog: Any) -> Any:
    """What a backup may name: the catalogue's companies and units, channels, problems,
    remedies."""
    from escalate.cases.backup import Known
    from escalate.records.models import STATES

    companies = {e.id: frozenset(unit[0] for unit in e.units) for e in catalog.companies()}
    problems = catalog.rules("problems")
    return Known(
        companies=companies,
        channels=frozenset(catalog.rules("checklists").channels),
        problems=frozenset(p.id for p in problems.problems),
        states=frozenset(STATES),
        remedies=frozenset(r.id for r in problems.remedies),
    )


described(case_app)
