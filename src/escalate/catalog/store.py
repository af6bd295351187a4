"""Find, load, validate and look up the records: shipped data plus the user's own folder.

Parsing YAML and validating it costs far more than this program's whole time budget, so each
file's validated record is kept in a cache keyed by path, size and modification time. A run
stats the files, re-reads only those that changed, and unpickles only the records it needs.
"""

from __future__ import annotations

import difflib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from escalate import __version__
from escalate.errors import N_, WHOLE_RECORD, DataError, EscalateError, UnknownName

if TYPE_CHECKING:
    from escalate.records.models import Record, SourceCatalog, Unit
    from escalate.records.value import Validated

Model = TypeVar("Model", bound="Validated")

_CODE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the package
_CACHE_NAME = "catalog.pickle"


class IndexEntry(NamedTuple):
    """What the index knows of one record without unpickling it.

    A NamedTuple, unlike the Value results: a thousand of them are unpickled per run, and
    tuples unpickle in C.
    """

    path: str
    origin: str  # "shipped" or "user"
    id: str
    kind: str
    name: str
    sector: str | None
    applies_to: tuple[str, ...]
    states: tuple[str, ...]
    aliases: tuple[str, ...]
    units: tuple[tuple[str, str, tuple[str, ...], str], ...]  # (unit id, state, aliases, name)
    channel_count: int
    verified_on: str
    rank: int | None
    keys: tuple[tuple[str, str | None], ...]  # normalized names → unit id (None: the record)
    blob: bytes


class Catalog:
    """The records found, by id (user records already merged over shipped ones)."""

    # A plain class: dataclasses cost milliseconds to create, and every run pays for them.
    def __init__(
        self,
        entries: dict[str, IndexEntry],
        errors: list[DataError],
        sources_blob: bytes | None,
        sources_verified_on: str | None,
        rule_blobs: dict[str, tuple[str, bytes]] | None = None,
    ) -> None:
        self.entries = entries
        self.rule_blobs = rule_blobs or {}  # name → (verified_on, pickled rules)
        self.errors = errors  # the files that could not be loaded, and names refused
        self.sources_blob = sources_blob
        self.sources_verified_on = sources_verified_on
        self._names: dict[str, tuple[str, str | None]] = {}
        self._records: dict[str, Record] = {}

        # Shipped names first; a user record replaces a shipped one by its id (and is marked
        # wherever it is shown), but never takes over another shipped record's name or alias.
        ordered = sorted(self.entries.values(), key=lambda e: e.origin != "shipped")
        shipped_names: dict[str, str] = {}
        for entry in ordered:
            if entry.origin == "shipped":
                shipped_names[entry.id] = entry.id
                for key, _unit in entry.keys:
                    shipped_names.setdefault(key, entry.id)
        for entry in ordered:
            for key, unit_id in (*entry.keys, (entry.id, None)):
                owner = shipped_names.get(key)
                if entry.origin == "user" and owner is not None and owner != entry.id:
                    if key == entry.id:
                        problem = N_(
                            "its id is already a name of the shipped record '{owner}';"
                            " it keeps that meaning (rename it in your file)"
                        )
                    else:
                        problem = N_(
                            "the name or alias '{key}' is already a name of the shipped record"
                            " '{owner}'; it keeps that meaning (rename it in your file)"
                        )
                    values = {"key": key, "owner": owner}
                    self.errors.append(DataError(entry.path, problem, values=values))
                    continue
                self._names[key] = (entry.id, unit_id)
        for entry in ordered:  # ids last: an id always finds its own record
            if entry.origin == "shipped" or shipped_names.get(entry.id, entry.id) == entry.id:
                self._names[entry.id] = (entry.id, None)

    def companies(self) -> list[IndexEntry]:
        return sorted((e for e in self.entries.values() if e.kind == "company"), key=lambda e: e.id)

    def bodies(self) -> list[IndexEntry]:
        return sorted(
            (e for e in self.entries.values() if e.kind == "public-body"),
            key=lambda e: (e.rank if e.rank is not None else 999, e.id),
        )

    def record(self, record_id: str) -> Record:
        if record_id not in self._records:
            entry = self.entries[record_id]
            self._records[record_id] = pickle.loads(entry.blob)
        return self._records[record_id]

    def find(self, name: str) -> tuple[Record, Unit | None]:
        """The record a name means (id, alias, unit or name, any case or accents) and the unit
        it named, if any; UnknownName with suggestions otherwise."""
        entry, unit_id = self.resolve(name)
        record = self.record(entry.id)
        unit = next((u for u in record.units if u.id == unit_id), None) if unit_id else None
        return record, unit

    def resolve(self, name: str) -> tuple[IndexEntry, str | None]:
        """Find a record by id, alias or unit, ignoring case and accents; else suggest names."""
        from escalate.printable import printable
        from escalate.records.models import normalize

        key = normalize(name)[:200]
        found = self._names.get(key)
        if found:
            return self.entries[found[0]], found[1]
        raise UnknownName(
            f"unknown company or body: '{printable(name, 60)}'",
            name=name,
            suggestions=self.suggest(key),
        )

    def suggest(self, key: str) -> list[str]:
        """Up to three close names, companies only (their ids or unit ids): a public body is
        never offered for a name typed as a company (enel is not ANEEL)."""
        names = [n for n, (record_id, _unit) in self._names.items() if self._is_company(record_id)]
        close = difflib.get_close_matches(key, names, n=6, cutoff=0.6)
        prefixed = [n for n in names if key and n.startswith(key)] if len(key) >= 3 else []
        out: list[str] = []
        for name in [*close, *sorted(prefixed)]:
            record_id, unit_id = self._names[name]
            shown = unit_id or record_id
            if shown not in out:
                out.append(shown)
        return out[:3]

    def _is_company(self, record_id: str) -> bool:
        entry = self.entries.get(record_id)
        return entry is not None and entry.kind == "company"

    def names(self) -> list[str]:
        """Every id and unit id, for shell completion."""
        out = set(self.entries)
        out.update(u[0] for e in self.entries.values() for u in e.units)
        return sorted(out)

    def sources(self) -> SourceCatalog | None:
        return pickle.loads(self.sources_blob) if self.sources_blob else None

    def rules(self, name: str) -> Any:
        """One of the rule files (ladder, problems, law, checklists), validated."""
        if name not in self.rule_blobs:
            raise DataError(
                f"data/{name}.yaml", N_("missing or invalid (see the warnings above)"), values={}
            )
        return pickle.loads(self.rule_blobs[name][1])

    def verified_range(self) -> tuple[str, str] | None:
        dates = [e.verified_on for e in self.entries.values()]
        if self.sources_verified_on:
            dates.append(self.sources_verified_on)
        dates += [verified for verified, _ in self.rule_blobs.values()]
        return (min(dates), max(dates)) if dates else None


# --- loading -------------------------------------------------------------------------------


NOT_A_FILE = N_("not a file (a folder or a special file)")
CANNOT_READ = N_("cannot read: {reason}")
NOT_A_FOLDER = N_("is not a folder")
CANNOT_READ_FOLDER = N_("cannot read folder: {reason}")
NOT_A_MAPPING = N_("expected a mapping of fields (id: …, name: …)")
SAME_ID = N_("id '{id}' is also used by {path}")


def _yaml_files(folder: Path, problems: list[DataError]) -> list[tuple[str, int, int]]:
    try:
        with os.scandir(folder) as it:
            found = []
            for item in it:
                if item.name.endswith((".yaml", ".yml")) and not item.name.startswith("."):
                    try:
                        st = item.stat()
                    except OSError as exc:
                        reason = {"reason": exc.strerror}
                        problems.append(DataError(item.path, CANNOT_READ, values=reason))
                        continue
                    if item.is_file():
                        found.append((item.path, st.st_size, st.st_mtime_ns))
                    else:  # a folder or a pipe named like a record: never opened
                        problems.append(DataError(item.path, NOT_A_FILE, values={}))
            return sorted(found)
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        problems.append(DataError(str(folder), NOT_A_FOLDER, values={}))
        return []
    except OSError as exc:
        reason = {"reason": exc.strerror}
        problems.append(DataError(str(folder), CANNOT_READ_FOLDER, values=reason))
        return []


def _cache_key() -> tuple[str, int]:
    """What the cached records depend on: the program's version and its code (every module's
    size and modification time), so that a changed model can never read an old pickle. The
    data files are keyed one by one in the cache itself."""
    import zlib

    parts = []
    folders = [_CODE_DIR]
    while folders:
        with os.scandir(folders.pop()) as it:
            for item in it:
                if item.name.endswith(".py"):
                    st = item.stat()
                    parts.append(f"{item.path}:{st.st_size}:{st.st_mtime_ns}")
                elif item.is_dir() and item.name not in ("__pycache__", "data"):
                    folders.append(item.path)
    return __version__, zlib.crc32("\n".join(sorted(parts)).encode())


def _read_cache(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if data.get("key") == _cache_key():
            return dict(data["files"])
    except Exception:
        pass
    return {}


def _write_cache(path: Path, files: dict[str, Any]) -> None:
    try:
        from escalate.files import write_atomic

        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        blob = pickle.dumps({"key": _cache_key(), "files": files}, protocol=5)
        write_atomic(path, blob, durable=False)  # a lost cache is only rebuilt
    except (OSError, EscalateError):
        pass  # a read-only or full disk only costs speed


def validate_record(path: str, data: bytes) -> Record:
    """Parse and validate one company or body file; raise DataError pointing at the line."""
    from escalate.catalog import yamlfile
    from escalate.printable import cleaned
    from escalate.records.models import Record

    text = yamlfile.read_text(path, data)
    raw = yamlfile.parse(path, text)
    if not isinstance(raw, dict):
        raise DataError(path, NOT_A_MAPPING, line=1, values={})
    # Control and bidi characters never reach a terminal or a document: shown as '?'
    # (escalate data validate reports them, ESC018).
    return _validated(Record, cleaned(raw), path, text)


def validate_sources(path: str, data: bytes) -> SourceCatalog:
    from escalate.catalog import yamlfile
    from escalate.records.models import SourceCatalog

    text = yamlfile.read_text(path, data)
    raw = yamlfile.parse(path, text)
    if not isinstance(raw, dict):
        problem = N_("expected a mapping with 'verified_on' and 'sources'")
        raise DataError(path, problem, line=1, values={})
    return _validated(SourceCatalog, raw, path, text)


def _validated(model: type[Model], raw: dict[str, Any], path: str, text: str) -> Model:
    from pydantic import ValidationError

    from escalate.catalog import yamlfile
    from escalate.records import schema

    try:
        return schema.validate(model, raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
        # A record's own checks report a location inside it; strip pydantic's own tags.
        loc = tuple(p for p in loc if not str(p).startswith("function-"))
        line = yamlfile.line_of(text, loc)
        where = ".".join(str(p) for p in loc) or WHOLE_RECORD
        msg = err["msg"].removeprefix("Value error, ")  # pydantic's words: said as they are
        more = len(exc.errors()) - 1
        if more:
            problem = (
                N_("{problem} (and 1 more problem)")
                if more == 1
                else N_("{problem} (and {more} more problems)")
            )
            values = {"problem": msg, "more": more}
            raise DataError(path, problem, line=line, field=where, values=values) from None
        raise DataError(path, msg, line=line, field=where) from None


RULE_FILES = ("ladder", "problems", "law", "checklists")


class ChecklistBook:
    """The checklists, each unpickled only when asked for: together they are hundreds of
    objects, and a command needs one."""

    def __init__(self, verified_on: str, blobs: dict[str, bytes], names: dict[str, str]) -> None:
        self.verified_on = verified_on
        self.blobs = blobs  # channel → pickled Checklist
        self.names = names  # normalized channel name or alias → channel
        self._loaded: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"verified_on": self.verified_on, "blobs": self.blobs, "names": self.names}

    def __setstate__(self, state: dict[str, Any]) -> None:
        ChecklistBook.__init__(self, state["verified_on"], state["blobs"], state["names"])

    @property
    def channels(self) -> list[str]:
        return list(self.blobs)

    def get(self, channel: str) -> Any:
        if channel not in self._loaded:
            self._loaded[channel] = pickle.loads(self.blobs[channel])
        return self._loaded[channel]

    @property
    def checklists(self) -> tuple[Any, ...]:
        return tuple(self.get(channel) for channel in self.blobs)


def validate_rules(name: str, path: str, data: bytes) -> Any:
    from escalate.catalog import yamlfile
    from escalate.records import rules

    models: dict[str, type[Validated]] = {
        "ladder": rules.Ladder,
        "problems": rules.Problems,
        "law": rules.Law,
        "checklists": rules.Checklists,
    }
    text = yamlfile.read_text(path, data)
    raw = yamlfile.parse(path, text)
    if not isinstance(raw, dict):
        raise DataError(path, N_("expected a mapping of fields"), line=1, values={})
    return _validated(models[name], raw, path, text)


def _rules_value(name: str) -> Any:
    def build(path: str, data: bytes) -> tuple[str, bytes]:
        value = validate_rules(name, path, data)
        _cross_check(name, path, value)
        if name == "checklists":
            from escalate.records.models import normalize

            names: dict[str, str] = {}
            for checklist in value.checklists:
                for alias in (checklist.channel, *checklist.aliases):
                    names[normalize(alias)] = checklist.channel
            book = ChecklistBook(
                value.verified_on.isoformat(),
                {c.channel: pickle.dumps(c, protocol=5) for c in value.checklists},
                names,
            )
            return book.verified_on, pickle.dumps(book, protocol=5)
        return value.verified_on.isoformat(), pickle.dumps(value, protocol=5)

    return build


def _cross_check(name: str, path: str, value: Any) -> None:
    """Checks against the problems file, made once when the file is validated (not per run)."""
    from escalate.records import rules

    if name == "problems":
        ladder_path = Path(path).with_name("ladder.yaml")
        try:
            ladder = validate_rules("ladder", str(ladder_path), ladder_path.read_bytes())
        except (OSError, DataError):
            ladder = None  # reported for ladder.yaml itself
        stage_ids = {s.id for s in ladder.stages} if ladder is not None else None
        found = rules.check_problems(value, stage_ids=stage_ids)
    elif name == "checklists":
        problems_path = Path(path).with_name("problems.yaml")
        try:
            problems = validate_rules("problems", str(problems_path), problems_path.read_bytes())
        except (OSError, DataError):
            return  # reported for problems.yaml itself
        found = rules.check_checklists(value, problem_ids={p.id for p in problems.problems})
    else:
        return
    if found:
        raise DataError(path, "; ".join(found[:3]))


def _sources_value(path: str, data: bytes) -> tuple[str, bytes]:
    catalog = validate_sources(path, data)
    return catalog.verified_on.isoformat(), pickle.dumps(catalog, protocol=5)


def _entry_for(path: str, origin: str, record: Record) -> IndexEntry:
    from escalate.records.models import normalize

    record = record.replace(origin=origin, path=path)  # pickled with where it came from
    keys: list[tuple[str, str | None]] = [
        (normalize(a), None) for a in (*record.aliases, record.name)
    ]
    for unit in record.units:
        keys += [(normalize(a), unit.id) for a in (unit.id, *unit.aliases)]
    return IndexEntry(
        path=path,
        origin=origin,
        id=record.id,
        kind=record.kind.value,
        name=record.name,
        sector=record.sector.value if record.sector else None,
        applies_to=tuple(s.value for s in record.applies_to),
        states=record.states or tuple(u.state for u in record.units),
        aliases=record.aliases,
        units=tuple((u.id, u.state, u.aliases, u.name) for u in record.units),
        channel_count=len(record.all_channels()),
        verified_on=record.verified_on.isoformat(),
        rank=record.rank,
        keys=tuple((k, u) for k, u in keys if k),
        blob=pickle.dumps(record, protocol=5),
    )


def load(*, shipped: Path, user_companies: Path | None, cache_file: Path | None) -> Catalog:
    """Build the catalogue from the shipped folder and the user's, through the cache."""
    problems: list[DataError] = []
    cached = _read_cache(cache_file) if cache_file else {}
    fresh: dict[str, Any] = {}
    changed = False

    def through_cache(path: str, size: int, mtime: int, origin: str, build: Any) -> Any:
        nonlocal changed
        hit = cached.get(path)
        if hit and hit[0] == size and hit[1] == mtime and hit[2] == origin:
            fresh[path] = hit
            return hit[3]
        try:
            with open(path, "rb") as fh:
                data = fh.read(2_000_000)
            value: Any = build(path, data)
        except DataError as exc:
            value = exc
        except OSError as exc:
            value = DataError(path, CANNOT_READ, values={"reason": exc.strerror})
        fresh[path] = (size, mtime, origin, value)
        changed = True
        return value

    def make_entry(origin: str) -> Any:
        return lambda p, d: _entry_for(p, origin, validate_record(p, d))

    entries: dict[str, IndexEntry] = {}
    for origin, folder in (
        ("shipped", shipped / "companies"),
        ("shipped", shipped / "bodies"),
        ("user", user_companies),
    ):
        if folder is None:
            continue
        seen_here: dict[str, str] = {}
        for path, size, mtime in _yaml_files(folder, problems):
            value = through_cache(path, size, mtime, origin, make_entry(origin))
            if isinstance(value, DataError):
                problems.append(value)
                continue
            if value.id in seen_here:
                values = {"id": value.id, "path": seen_here[value.id]}
                problems.append(DataError(path, SAME_ID, field="id", values=values))
                continue
            seen_here[value.id] = path
            entries[value.id] = value

    sources_blob = None
    sources_verified = None
    src_path = shipped / "sources.yaml"
    try:
        st = src_path.stat()
        value = through_cache(
            str(src_path),
            st.st_size,
            st.st_mtime_ns,
            "shipped",
            _sources_value,
        )
        if isinstance(value, DataError):
            problems.append(value)
        else:
            sources_verified, sources_blob = value
    except OSError:
        problem = N_("missing: the sources catalogue was not found")
        problems.append(DataError(str(src_path), problem, values={}))

    rule_blobs: dict[str, tuple[str, bytes]] = {}
    for name in RULE_FILES:
        rule_path = shipped / f"{name}.yaml"
        try:
            st = rule_path.stat()
        except OSError:
            problems.append(DataError(str(rule_path), N_("missing"), values={}))
            continue
        value = through_cache(
            str(rule_path), st.st_size, st.st_mtime_ns, "shipped", _rules_value(name)
        )
        if isinstance(value, DataError):
            problems.append(value)
        else:
            rule_blobs[name] = value

    if cache_file and (changed or len(fresh) != len(cached)):
        _write_cache(cache_file, fresh)
    return Catalog(entries, problems, sources_blob, sources_verified, rule_blobs)


def default() -> Catalog:
    from escalate import paths

    user = paths.user_companies_dir()
    return load(
        shipped=paths.shipped_data_dir(),
        user_companies=user,
        cache_file=paths.cache_dir() / _CACHE_NAME,
    )
