"""`escalate data validate`: what the loader checks, plus the slow checks, as coded findings.

Pure: paths and today's date in, findings out; nothing is written. The loader stops at a file's
first problem; this reports every problem it can find, each with a rule code (``RULES``), a
severity and the file's line, so that whoever edits a record can fix it in one pass.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from escalate.errors import N_, DataError
from escalate.records.value import Validated, Value

if TYPE_CHECKING:
    from collections.abc import Mapping

Model = TypeVar("Model", bound=Validated)

ERROR, WARNING, INFO = "error", "warning", "info"

# code → (severity, what it catches). docs/data-format.md explains each and how to fix it.
RULES: dict[str, tuple[str, str]] = {
    "ESC001": (ERROR, "a file or folder cannot be read"),
    "ESC002": (ERROR, "not a text file: not UTF-8, binary, or over the size limit"),
    "ESC003": (ERROR, "YAML syntax: tabs, duplicate keys, aliases, not a mapping"),
    "ESC004": (ERROR, "record format: missing field, wrong type, unknown key, bad value"),
    "ESC005": (ERROR, "the same id in two files"),
    "ESC006": (ERROR, "a name or alias that leads to two records"),
    "ESC007": (ERROR, "a source id that is not in sources.yaml"),
    "ESC008": (ERROR, "a phone number that is not valid in Brazil"),
    "ESC009": (ERROR, "opening hours that do not parse"),
    "ESC010": (ERROR, "an unknown time zone"),
    "ESC011": (WARNING, "verified_on older than 365 days"),
    "ESC012": (WARNING, "verified_on in the future"),
    "ESC013": (ERROR, "ladder integrity: references, reachability, cycles"),
    "ESC014": (ERROR, "checklist and problem integrity"),
    "ESC015": (ERROR, "a state code that is not one of Brazil's 27"),
    "ESC016": (INFO, "a record in the user folder replaces a shipped one"),
    "ESC017": (ERROR, "a company's regulator is not its sector's (aneel, anatel)"),
    "ESC018": (ERROR, "control or invisible characters in a text (escape sequences, bidi marks)"),
    "ESC019": (WARNING, "a name mixing scripts or using look-alike letters (Cyrillic, Greek)"),
    "ESC020": (ERROR, "a group's member that is not a company of the same sector"),
}
# The severities as the text output says them (the JSON keeps the English keys above).
SEVERITY_WORDS = {
    # TRANSLATORS: severities of escalate data validate's findings: file:12: ESC011 warning: …
    ERROR: N_("error"),
    WARNING: N_("warning"),
    INFO: N_("info"),
}
STALE_DAYS = 365
RULE_FILES = ("ladder", "problems", "law", "checklists")
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


class Finding(Value, kw_only=True):
    code: str
    path: str
    line: int | None = None
    field: str | None = None
    message: str  # in English (the JSON's)
    template: str | None = None  # our own words, marked N_: ``message`` is it filled
    values: tuple[tuple[str, object], ...] = ()

    @property
    def severity(self) -> str:
        return RULES[self.code][0]

    def said(self, lang: str) -> str:
        """The message in ``lang``: our words translated; a library's (pydantic's) as they are."""
        if self.template is None or lang == "en":
            return self.message
        from escalate.i18n import translated
        from escalate.printable import printable

        return printable(translated(lang, self.template).format(**dict(self.values)))

    def text(self, lang: str = "en") -> str:
        from escalate.i18n import translated

        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f"{self.field}: " if self.field else ""
        severity = translated(lang, SEVERITY_WORDS[self.severity])
        return f"{where}: {self.code} {severity}: {field}{self.said(lang)}"


class Report(Value):
    findings: tuple[Finding, ...]
    files: int

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


class _File:
    """One file read and parsed: its text, its raw YAML (None when it could not be parsed)
    and, once validated, its model."""

    __slots__ = ("origin", "path", "raw", "text", "value")

    def __init__(self, path: str, origin: str, text: str | None = None, raw: Any = None) -> None:
        self.path = path
        self.origin = origin  # "shipped" or "user"
        self.text = text
        self.raw = raw
        self.value: Any = None


class _Run:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.findings: list[Finding] = []
        self.files = 0

    def add(
        self,
        code: str,
        path: str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        values: Mapping[str, object] | None = None,
    ) -> None:
        """A finding; with ``values``, ``message`` is a template marked N_ (our words)."""
        from escalate.printable import printable

        template = message if values is not None else None
        if values is not None:
            message = message.format(**values)
        self.findings.append(
            Finding(
                code=code,
                path=printable(path),
                line=line,
                field=field,
                message=printable(message),
                template=template,
                values=tuple((values or {}).items()),
            )
        )

    def add_error(self, code: str, path: str, exc: DataError) -> None:
        """A loader's DataError as a finding, its words still to be said in any language."""
        if exc.template is not None:
            self.add(code, path, exc.template, line=exc.line, values=exc.values)
        else:
            self.add(code, path, exc.problem, line=exc.line)

    # --- reading ------------------------------------------------------------------------

    def read(self, path: Path, origin: str) -> _File:
        from escalate.catalog import yamlfile

        self.files += 1
        name = str(path)
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a folder or a pipe: never opened
                from escalate.catalog.store import NOT_A_FILE

                self.add("ESC001", name, NOT_A_FILE, values={})
                return _File(name, origin)
            with open(path, "rb") as fh:
                data = fh.read(yamlfile.MAX_BYTES + 1)
        except OSError as exc:
            reason = {"reason": exc.strerror or str(exc)}
            self.add("ESC001", name, N_("cannot read: {reason}"), values=reason)
            return _File(name, origin)
        try:
            text = yamlfile.read_text(name, data)
        except DataError as exc:
            self.add_error("ESC002", name, exc)
            return _File(name, origin)
        try:
            raw = yamlfile.parse(name, text)
        except DataError as exc:
            self.add_error("ESC003", name, exc)
            return _File(name, origin, text)
        if not isinstance(raw, dict):
            from escalate.catalog.store import NOT_A_MAPPING

            self.add("ESC003", name, NOT_A_MAPPING, line=1, values={})
            return _File(name, origin, text)
        return _File(name, origin, text, raw)

    def model(self, file: _File, model: type[Model]) -> Model | None:
        """Validate with pydantic; one ESC004 finding per problem, at its line."""
        from pydantic import ValidationError

        from escalate.records import schema

        if file.raw is None:
            return None
        try:
            return schema.validate(model, file.raw)
        except ValidationError as exc:
            for err in exc.errors()[:50]:
                loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
                loc = tuple(p for p in loc if not str(p).startswith("function-"))
                where = ".".join(str(p) for p in loc) or None
                msg = err["msg"].removeprefix("Value error, ")
                self.add("ESC004", file.path, msg, line=self.line(file, loc), field=where)
            return None

    def line(self, file: _File, loc: tuple[Any, ...]) -> int | None:
        from escalate.catalog import yamlfile

        return yamlfile.line_of(file.text, loc) if file.text is not None else None

    # --- checks on the raw YAML, so that each finding has its line ------------------------

    def dated(self, file: _File) -> None:
        raw = file.raw.get("verified_on") if isinstance(file.raw, dict) else None
        try:
            day = dt.date.fromisoformat(str(raw)) if raw is not None else None
        except ValueError:
            return  # ESC004 has said so
        if day is None:
            return
        age = (self.today - day).days
        if age > STALE_DAYS:
            code = "ESC011"
            message = N_("checked {age} days ago ({day}): check the facts again and update it")
        elif age < 0:
            code, message = "ESC012", N_("{day} is in the future")
        else:
            return  # the usual case: no line number to look for
        line = self.line(file, ("verified_on",))
        values = {"age": age, "day": day.isoformat()}
        self.add(code, file.path, message, line=line, field="verified_on", values=values)

    def sources(self, file: _File, known: set[str] | None) -> None:
        if known is None:
            return
        for loc, value in _walk(file.raw):
            if loc and loc[-1] == "sources" and isinstance(value, list):
                for i, ref in enumerate(value):
                    if isinstance(ref, str) and ref not in known:
                        self.add(
                            "ESC007",
                            file.path,
                            N_("no source '{source}' in sources.yaml"),
                            line=self.line(file, (*loc, i)),
                            field=_dotted(loc),
                            values={"source": _short(ref)},
                        )

    def contacts(self, file: _File) -> None:
        from escalate.records.models import STATES

        for loc, value in _walk(file.raw):
            key = loc[-1] if loc else None
            if key == "phone" and isinstance(value, str):
                problem = _phone_problem(value)
                if problem:
                    self.add(
                        "ESC008",
                        file.path,
                        problem,
                        line=self.line(file, loc),
                        field=_dotted(loc),
                        values={"phone": _short(value)},
                    )
            elif key == "hours" and isinstance(value, str):
                from escalate.records import hours

                if not hours.is_valid(value):
                    self.add(
                        "ESC009",
                        file.path,
                        N_(
                            "'{hours}' is not OpenStreetMap opening_hours"
                            " (e.g. 'Mo-Fr 08:00-18:00; PH off', '24/7')"
                        ),
                        line=self.line(file, loc),
                        field=_dotted(loc),
                        values={"hours": _short(value)},
                    )
            elif key == "timezone" and isinstance(value, str):
                if not _zone_ok(value):
                    self.add(
                        "ESC010",
                        file.path,
                        N_("unknown time zone '{zone}' (e.g. America/Sao_Paulo)"),
                        line=self.line(file, loc),
                        field=_dotted(loc),
                        values={"zone": _short(value)},
                    )
            elif key in ("state", "states"):
                codes = value if isinstance(value, list) else [value]
                for i, code in enumerate(codes):
                    if isinstance(code, str) and code not in STATES:
                        at = (*loc, i) if isinstance(value, list) else loc
                        self.add(
                            "ESC015",
                            file.path,
                            N_("'{state}' is not a Brazilian state code (e.g. SP, PA, DF)"),
                            line=self.line(file, at),
                            field=_dotted(loc),
                            values={"state": _short(code)},
                        )

    def characters(self, file: _File) -> None:
        """Text that would do something on a terminal, or pass for another company's name."""
        for loc, value in _walk(file.raw):
            if not isinstance(value, str):
                continue
            if not value.isprintable():
                bad = sorted({f"U+{ord(ch):04X}" for ch in value if not ch.isprintable()})
                self.add(
                    "ESC018",
                    file.path,
                    N_("control or invisible characters ({characters}); they are shown as '?'"),
                    line=self.line(file, loc),
                    field=_dotted(loc),
                    values={"characters": ", ".join(bad[:5])},
                )
            key = loc[-1] if loc else None
            named = key == "name" or (len(loc) >= 2 and loc[-2] == "aliases")
            scripts = _foreign_letters(value) if named else None
            if scripts:
                self.add(
                    "ESC019",
                    file.path,
                    N_(
                        "'{name}' uses letters of {scripts}: it can look like another"
                        " company's name"
                    ),
                    line=self.line(file, loc),
                    field=_dotted(loc),
                    values={"name": _short(value), "scripts": scripts},
                )


def _foreign_letters(text: str) -> str | None:
    """The scripts of a name's letters when they are more than one, or not Latin."""
    import unicodedata

    scripts = set()
    for ch in text:
        if ch.isalpha():
            scripts.add(unicodedata.name(ch, "UNKNOWN").split(" ")[0])
    if scripts <= {"LATIN"}:
        return None
    return " and ".join(sorted(s.title() for s in scripts))


# --- the whole job ---------------------------------------------------------------------------


def validate(
    target: Path | None, *, shipped: Path, user_companies: Path | None, today: dt.date
) -> Report:
    """Check ``target``: a data folder (like the shipped ``data/``), a folder of company
    records, or one file. None: the shipped data plus the user's folder."""
    run = _Run(today)
    if target is None:
        _check_root(run, shipped, fallback=shipped, user=user_companies, required=True)
    elif os.path.isdir(target) and _is_data_root(target):
        _check_root(run, target, fallback=shipped)
    elif os.path.isdir(target / "companies"):  # a user folder (ESCALATE_HOME): joins the shipped
        _check_records(run, _folder(run, target / "companies", "user"), shipped)
    elif os.path.isdir(target):
        _check_records(run, _folder(run, target, "user"), shipped)
    elif target.name == "sources.yaml":
        _source_ids(run, target)
    elif target.stem in RULE_FILES and target.suffix == ".yaml":
        _check_rules(run, target.parent, shipped, bodies=None, known=None, only=target.stem)
    else:
        _check_records(run, [run.read(target, "user")], shipped)
    if target is not None and run.files == 0 and not run.findings:  # the wrong folder?
        run.add("ESC001", str(target), N_("no data files here (*.yaml)"), values={})
    return Report(tuple(sorted(run.findings, key=_order)), run.files)


def _order(f: Finding) -> tuple[Any, ...]:
    return (f.path, f.line or 0, SEVERITY_ORDER[f.severity], f.code)


def _is_data_root(folder: Path) -> bool:
    # os.path.exists, not Path.exists: an unreadable folder is reported later, not raised here.
    return any(os.path.exists(folder / name) for name in ("bodies", "sources.yaml", "ladder.yaml"))


def _folder(run: _Run, folder: Path, origin: str) -> list[_File]:
    try:
        with os.scandir(folder) as it:
            names = sorted(
                Path(item.path)
                for item in it
                if item.name.endswith((".yaml", ".yml")) and not item.name.startswith(".")
            )
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        from escalate.catalog.store import NOT_A_FOLDER

        run.add("ESC001", str(folder), NOT_A_FOLDER, values={})
        return []
    except OSError as exc:
        from escalate.catalog.store import CANNOT_READ_FOLDER

        reason = {"reason": exc.strerror or str(exc)}
        run.add("ESC001", str(folder), CANNOT_READ_FOLDER, values=reason)
        return []
    return [run.read(path, origin) for path in names]


def _source_ids(run: _Run, path: Path) -> set[str] | None:
    from escalate.records.models import SourceCatalog

    file = run.read(path, "shipped")
    catalog = run.model(file, SourceCatalog)
    if file.raw is not None:
        run.dated(file)
    return {s.id for s in catalog.sources} if catalog is not None else None


def _quiet(today: dt.date) -> _Run:
    """A run whose findings are not reported: the shipped data as context."""
    return _Run(today)


def _record_checks(run: _Run, files: list[_File], known: set[str] | None) -> None:
    from escalate.records.models import Record

    for file in files:
        if file.raw is None:
            continue
        file.value = run.model(file, Record)
        run.dated(file)
        run.sources(file, known)
        run.contacts(file)
        run.characters(file)


def _check_root(
    run: _Run, root: Path, *, fallback: Path, user: Path | None = None, required: bool = False
) -> None:
    sources = root / "sources.yaml"
    if os.path.exists(sources) or required:
        known = _source_ids(run, sources)
    else:
        known = _source_ids(_quiet(run.today), fallback / "sources.yaml")
    files = _folder(run, root / "companies", "shipped") + _folder(run, root / "bodies", "shipped")
    if user is not None:
        files += _folder(run, user, "user")
    _record_checks(run, files, known)
    final = _across(run, files, shown={f.path for f in files})
    bodies = {f.value.id for f in final if f.value.kind.value == "public-body"}
    _check_rules(run, root, fallback, bodies=bodies or None, known=known, required=required)


def _check_records(run: _Run, files: list[_File], shipped: Path) -> None:
    quiet = _quiet(run.today)
    known = _source_ids(quiet, shipped / "sources.yaml")
    _record_checks(run, files, known)
    base = _folder(quiet, shipped / "companies", "shipped")
    base += _folder(quiet, shipped / "bodies", "shipped")
    checked = {os.path.realpath(f.path) for f in files}
    base = [f for f in base if os.path.realpath(f.path) not in checked]  # a shipped file itself
    _record_checks(quiet, base, None)
    _across(run, base + files, shown={f.path for f in files})


def _across(run: _Run, files: list[_File], *, shown: set[str]) -> list[_File]:
    """Ids, names and regulators across files; returns the records that count, user ones
    replacing shipped ones by id as the loader does."""
    from escalate.records.models import normalize

    by_id: dict[str, _File] = {}
    for file in files:
        if file.value is None:
            continue
        record_id = file.value.id
        earlier = by_id.get(record_id)
        if earlier is not None and earlier.origin == file.origin:
            if file.path in shown:
                run.add(
                    "ESC005",
                    file.path,
                    N_("id '{id}' is also used by {path}"),
                    line=run.line(file, ("id",)),
                    field="id",
                    values={"id": record_id, "path": earlier.path},
                )
            continue
        if earlier is not None and file.path in shown:
            run.add(
                "ESC016",
                file.path,
                N_("replaces the shipped record '{id}' ({path})"),
                line=run.line(file, ("id",)),
                field="id",
                values={"id": record_id, "path": earlier.path},
            )
        by_id[record_id] = file
    final = sorted(by_id.values(), key=lambda f: f.origin != "shipped")

    owner: dict[str, tuple[str, str]] = {f.value.id: (f.value.id, f.path) for f in final}
    for file in final:
        record = file.value
        names: list[tuple[str, tuple[Any, ...]]] = [
            (a, ("aliases", i)) for i, a in enumerate(record.aliases)
        ]
        names.append((record.name, ("name",)))
        for u, unit in enumerate(record.units):
            names.append((unit.id, ("units", u, "id")))
            names += [(a, ("units", u, "aliases", i)) for i, a in enumerate(unit.aliases)]
        for name, loc in names:
            key = normalize(name)
            if not key:
                continue
            taken = owner.get(key)
            if taken is None:
                owner[key] = (record.id, file.path)
            elif taken[0] != record.id and file.path in shown:
                run.add(
                    "ESC006",
                    file.path,
                    N_(
                        "'{name}' also names '{other}' ({path}): lookup would find only one of them"
                    ),
                    line=run.line(file, loc),
                    field=_dotted(loc),
                    values={"name": _short(name), "other": taken[0], "path": taken[1]},
                )
    from escalate.records.models import REGULATORS

    bodies = {f.value.id for f in final if f.value.kind.value == "public-body"}
    for file in final:
        regulator, sector = file.value.regulator, file.value.sector
        if regulator is None or file.path not in shown:
            continue
        expected = REGULATORS.get(sector) if sector is not None else None
        if regulator not in bodies or (expected is not None and regulator != expected):
            message = (
                N_("'{regulator}' is not the regulator of this sector ({expected})")
                if expected
                else N_("'{regulator}' is not the regulator of this sector (aneel or anatel)")
            )
            run.add(
                "ESC017",
                file.path,
                message,
                line=run.line(file, ("regulator",)),
                field="regulator",
                values={"regulator": _short(regulator), "expected": expected or ""},
            )
    records = {f.value.id: f.value for f in final}
    for file in final:
        if file.path not in shown:
            continue
        group = file.value
        for i, member_id in enumerate(group.members):
            member = records.get(member_id)
            if member is None or member.kind.value != "company" or member.sector != group.sector:
                run.add(
                    "ESC020",
                    file.path,
                    N_("member '{member}' is not a company of this sector with its own file"),
                    line=run.line(file, ("members", i)),
                    field=f"members.{i}",
                    values={"member": _short(member_id)},
                )
    return final


def _check_rules(
    run: _Run,
    root: Path,
    fallback: Path,
    *,
    bodies: set[str] | None,
    known: set[str] | None,
    only: str | None = None,
    required: bool = False,
) -> None:
    """The rule files: each validated, then checked across files (ladder, checklists, problems).
    A file not being checked comes from ``fallback`` (the shipped data) as context."""
    from escalate.records import rules

    models = {
        "ladder": rules.Ladder,
        "problems": rules.Problems,
        "law": rules.Law,
        "checklists": rules.Checklists,
    }
    quiet = _quiet(run.today)
    if known is None:
        sources = root / "sources.yaml"
        known = _source_ids(
            quiet, sources if os.path.exists(sources) else fallback / "sources.yaml"
        )
    if bodies is None:
        base = _folder(quiet, fallback / "bodies", "shipped")
        _record_checks(quiet, base, None)
        bodies = {f.value.id for f in base if f.value is not None}
    values: dict[str, Any] = {}
    paths: dict[str, str] = {}
    for name, model in models.items():
        path = root / f"{name}.yaml"
        checked = only is None or name == only
        if checked and (os.path.exists(path) or required or name == only):
            file = run.read(path, "shipped")
            values[name] = run.model(file, model)
            if file.raw is not None:
                run.dated(file)
                run.sources(file, known)
            paths[name] = str(path)
        else:
            source = path if os.path.exists(path) else fallback / f"{name}.yaml"
            values[name] = quiet.model(quiet.read(source, "shipped"), model)

    problems, checklists, ladder = values["problems"], values["checklists"], values["ladder"]
    if problems is not None and "problems" in paths:
        stage_ids = {s.id for s in ladder.stages} if ladder is not None else None
        for text in rules.check_problems(problems, stage_ids=stage_ids, body_ids=bodies):
            run.add("ESC014", paths["problems"], text)
    if checklists is not None and problems is not None and "checklists" in paths:
        ids = {p.id for p in problems.problems}
        for text in rules.check_checklists(checklists, problem_ids=ids):
            run.add("ESC014", paths["checklists"], text)
    if ladder is not None and checklists is not None and "ladder" in paths:
        channels = {c.channel for c in checklists.checklists}
        for text in rules.check_ladder(ladder, body_ids=bodies, checklist_ids=channels):
            run.add("ESC013", paths["ladder"], text)


# --- small helpers -----------------------------------------------------------------------------


def _walk(value: Any, loc: tuple[Any, ...] = ()) -> Any:
    """Every (location, value) pair in parsed YAML, depth first."""
    yield loc, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*loc, i))


def _dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def _short(text: str) -> str:
    from escalate.printable import printable

    return printable(text, 60)


def _zone_ok(name: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return False
    return True


def _phone_problem(phone: str) -> str | None:
    """Why a phone number is not valid in Brazil (a template of {phone}), or None. Short
    numbers (151, 1331, 10621) are checked as short numbers; 0800 numbers must be toll-free."""
    import phonenumbers

    digits = re.sub(r"\D", "", phone)
    try:
        number = phonenumbers.parse(phone, "BR")
    except phonenumbers.NumberParseException:
        return N_("'{phone}' is not a phone number")
    if 3 <= len(digits) <= 5:
        if not phonenumbers.is_valid_short_number_for_region(number, "BR"):
            return N_("'{phone}' is not a valid short number in Brazil")
        return None
    if not phonenumbers.is_valid_number_for_region(number, "BR"):
        return N_("'{phone}' is not a valid phone number in Brazil")
    if digits.startswith("0800") and (
        phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.TOLL_FREE
    ):
        return N_("'{phone}' starts with 0800 but is not a toll-free number")
    return None
