"""Properties, checked on generated inputs (hypothesis): the engine and the loader never break.

1. The engine: for any valid state, `advise` gives advice whose every channel exists in the
   catalogue record of its owner, never sends energy to Anatel or telecom to ANEEL, gives due
   dates on or after the date they run from, and always gives the emergency path for a hazard;
   the advice renders in both languages and as JSON.
2. The loader: any bytes and any generated YAML document give a Record or a DataError that names
   the file (and a line in it), and broken files in the user folder never break the catalogue.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from conftest import DATA
from escalate.advice import advisor
from escalate.advice.advisor import Advice, Option, Reach, Request, advise
from escalate.catalog import store as catalog
from escalate.catalog.yamlfile import MAX_BYTES
from escalate.errors import DataError
from escalate.output.advice import advice_json, advice_lines
from escalate.records.models import ChannelKind, Record, Sector

# Hypothesis keeps caches (Unicode tables, constants) in ./.hypothesis: keep them in the temp
# folder instead, and keep no database of examples (a failure prints its example).
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "escalate-hypothesis")

# The autouse `isolated` fixture (conftest) is function-scoped: it is set up once per test, not
# per example. These properties read no environment and write only below their own temp folders,
# so sharing it between examples is harmless. pydantic's first validation builds its validators
# (a cold start of a second or so): no deadline.
PROPERTY = settings(
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SHIPPED_COMPANIES = ("elektro", "claro", "cemig", "equatorial")
# The 27 federative units, for companies that serve the whole country (Claro).
UFS = "AC AL AM AP BA CE DF ES GO MA MG MS MT PA PB PE PI PR RJ RN RO RR RS SC SE SP TO"
STATES = tuple(UFS.split())
ELEKTRO = yaml.safe_load((DATA / "companies" / "elektro.yaml").read_text(encoding="utf-8"))


# --- the catalogue, loaded once --------------------------------------------------------------


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the loader's examples; each example works in a fresh folder below it."""
    return tmp_path_factory.mktemp("properties")


@pytest.fixture(scope="module")
def shipped_entries(scratch: Path) -> bytes:
    """The cache a first load of the shipped folder writes, to start the cached examples from:
    the shipped records come from it, and each example's user files are new to it."""
    cache_file = scratch / "shipped" / "catalog.pickle"
    catalog.load(shipped=DATA, user_companies=None, cache_file=cache_file)
    return cache_file.read_bytes()


# --- 1. the engine ---------------------------------------------------------------------------


@st.composite
def requests(draw: st.DrawFn, cat: catalog.Catalog, rules: advisor.Rules) -> Request:
    """Any valid state: a stage, maybe a company (with a unit or state), a sector consistent
    with it, a problem of that sector, dates, an amount, hazard and whether there is a protocol."""
    stage = draw(st.sampled_from([s.id for s in rules.ladder.stages]))
    company = draw(st.none() | st.sampled_from([cat.record(e.id) for e in cat.companies()]))
    unit = state = None
    if company is not None:
        sector = draw(st.sampled_from([company.sector, None]))
        if company.units:
            unit = draw(st.none() | st.sampled_from(company.units))
        states = sorted({*company.states, *(u.state for u in company.units)}) or STATES
        if unit is not None:
            state = draw(st.sampled_from([None, unit.state]))
        else:
            state = draw(st.none() | st.sampled_from(states))
    else:
        sector = draw(st.sampled_from([None, Sector.ENERGY, Sector.TELECOM]))
    effective = company.sector if company is not None else sector
    problems = [
        p.id for p in rules.problems.problems if effective is None or effective in p.sectors
    ]
    problem = draw(st.none() | st.sampled_from(problems))
    today = draw(st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)))
    since = draw(
        st.none() | st.integers(-3 * 366, 3 * 366).map(lambda days: today + dt.timedelta(days=days))
    )
    amount = draw(
        st.none()
        | st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
    )
    # What the problem clocks read: the hour, the event, the circumstances, the local time.
    since_time = draw(st.none() | st.times()) if since is not None else None
    event = draw(
        st.none() | st.integers(-6 * 366, 0).map(lambda days: today + dt.timedelta(days=days))
    )
    answers = {
        q.id: draw(st.sampled_from([c.id for c in q.choices]))
        for q in rules.problems.questions
        if draw(st.booleans())
    }
    now = dt.datetime.combine(today, draw(st.times()))
    return Request(
        stage=stage,
        today=today,
        problem=problem,
        company=company,
        unit=unit,
        state=state,
        sector=sector,
        since=since,
        amount=amount,
        hazard=draw(st.booleans()),
        has_protocol=draw(st.sampled_from([True, False, None])),
        since_time=since_time,
        event=event,
        answers=answers,
        now=now,
    )


def all_contacts(advice: Advice) -> list[Reach]:
    """Every contact the advice names: the next step's, the later steps', and the options'."""
    found = list(advice.contacts)
    for option in all_options(advice):
        found += option.contacts
    for later in advice.later:
        found += later.contacts
    return found


def all_options(advice: Advice) -> list[Option]:
    found = [*advice.alternatives, *advice.pressure]
    for later in advice.later:
        found += [*later.alternatives, *later.pressure]
    return found


def owners(req: Request, rules: advisor.Rules) -> dict[str, dict[str, Any]]:
    """Who may be named, by name → their channels by id: the company (and only the unit asked
    for, when one was), and the public bodies."""
    found: dict[str, dict[str, Any]] = {}
    for body in rules.bodies.values():
        found[body.name] = {c.id: c for c in body.channels}
    if req.company is not None:
        found[req.company.name] = {c.id: c for c in req.company.channels}
        for unit in (req.unit,) if req.unit else req.company.units:
            found[unit.name] = {c.id: c for c in unit.channels}
    every_line = req.company is None or req.company.sector is not Sector.ENERGY
    if (req.hazard or req.problem == "hazard") and every_line:
        for contact in rules.emergency_lines():  # every distributor's line, by its owner
            found.setdefault(contact.owner, {})[contact.channel.id] = contact.channel
    return found


def render(advice: Advice, req: Request, rules: advisor.Rules) -> None:
    """The advice as lines in both languages and as JSON: none of it may raise."""
    problem_label = next((p.label for p in rules.problems.problems if p.id == req.problem), None)
    moved = rules.ladder.stage(advice.stage).summary if advice.stage != req.stage else None
    for lang in ("pt", "en"):
        lines = advice_lines(
            advice,
            lang,
            stage_summary=rules.ladder.stage(req.stage).summary,
            moved_summary=moved,
            problem_label=problem_label,
        )
        for line in lines:
            for text, style in line:
                assert isinstance(text, str) and isinstance(style, str)
    echo = {
        "company": req.company.id if req.company else None,
        "unit": req.unit.id if req.unit else None,
        "sector": req.sector.value if req.sector else None,
        "stage": req.stage,
        "problem": req.problem,
        "since": req.since.isoformat() if req.since else None,
        "amount": str(req.amount) if req.amount is not None else None,
        "has_protocol": req.has_protocol,
        "today": req.today.isoformat(),
        "case": None,
        "protocols": [],
    }
    data = advice_json(advice, request=echo)
    assert json.loads(json.dumps(data, allow_nan=False)) == data


@settings(PROPERTY, max_examples=300)
@given(data=st.data())
def test_advice_for_any_valid_state(cat, rules, data) -> None:
    req = data.draw(requests(cat, rules), label="request")
    advice = advise(req, rules)  # UnknownStage/UnknownProblem cannot happen for valid input

    # Every channel named belongs to the record of the company, unit or body it is shown for.
    allowed = owners(req, rules)
    for contact in all_contacts(advice):
        assert contact.owner in allowed, f"unknown owner {contact.owner!r}"
        channels = allowed[contact.owner]
        assert contact.channel.id in channels, f"{contact.owner} has no {contact.channel.id}"
        assert contact.channel == channels[contact.channel.id]
        # A state's Procon only to a person known to be in that state.
        assert contact.channel.serves(req.where)
    for option in all_options(advice):
        assert rules.bodies.get(option.body.id) == option.body
        assert {c.owner for c in option.contacts} <= {option.body.name}

    # Energy never goes to Anatel, telecom never to ANEEL.
    sector = req.company.sector if req.company is not None else req.sector
    assert advice.sector == sector
    if sector is not None:
        wrong = {Sector.ENERGY: "anatel", Sector.TELECOM: "aneel"}[sector]
        assert rules.bodies[wrong].name not in {c.owner for c in all_contacts(advice)}
        assert wrong not in {o.body.id for o in all_options(advice)}

    # A due date runs from `since` (waiting) or from today (acting): never before either.
    dues = [v.due for v in (advice.deadline, *(o.deadline for o in all_options(advice))) if v]
    for due in (d for d in dues if d is not None):
        if advice.mode == "wait":
            assert req.since is not None and due >= req.since
        else:
            assert due >= req.today
        if req.since is not None and req.since <= req.today:
            assert due >= req.since

    # Risk to life: the emergency path, and nothing else.
    if req.hazard or req.problem == "hazard":
        assert advice.mode == "hazard"
        assert advice.headline.key in ("hazard.headline", "hazard.headline.any")
        assert advice.contacts or req.company is not None  # a number is always said
        assert not advice.later and not advice.alternatives and not advice.pressure
        for contact in advice.contacts:
            channel = contact.channel
            assert channel.contact.phone
            assert channel.kind is ChannelKind.EMERGENCY or (
                channel.kind is ChannelKind.SAC and channel.hours == "24/7"
            )
        company_channels = _company_channels(req) if req.company is not None else []
        if any(c.kind is ChannelKind.EMERGENCY and c.contact.phone for c in company_channels):
            assert advice.contacts
            assert all(c.channel.kind is ChannelKind.EMERGENCY for c in advice.contacts)
    else:
        assert advice.mode in ("act", "wait")

    # A problem clock ends after it starts; one that decided names the stage it decided at.
    for view in advice.clocks:
        if view.start is not None and view.due is not None:
            # A start known by the day alone (an hour clock without the hour) is a date.
            exact = isinstance(view.start, dt.datetime) or not isinstance(view.due, dt.datetime)
            assert (view.due if exact else view.due.date()) >= view.start
        if view.latest is not None:
            assert view.latest > view.due
    if advice.clock is not None:
        assert req.stage in advice.clock.clock.decides

    render(advice, req, rules)


def _company_channels(req: Request) -> list[Any]:
    assert req.company is not None
    units = (req.unit,) if req.unit else req.company.units
    return [*req.company.channels, *(c for u in units for c in u.channels)]


# --- 2. the loader ---------------------------------------------------------------------------

PATH = "records/x.yaml"


def check_validate(path: str, data: bytes, *, lines: bool = True) -> Record | DataError:
    """validate_record gives a Record or a DataError naming the file (and a line within it):
    any other exception fails the test."""
    try:
        return catalog.validate_record(path, data)
    except DataError as exc:
        assert str(exc).startswith(path)
        assert exc.path == path
        if lines and exc.line is not None:
            count = data.count(b"\n") + 1  # the last line may be empty: errors at the end
            assert 1 <= exc.line <= count, f"line {exc.line} of a {count}-line file"
        return exc


# YAML-looking text: keys, tags, indicators and values, so the parser goes past the first byte.
KEYS = ["id", "name", "kind", "sector", "status", "channels", "contact", "phone", "rank", "a"]
TAGS = ["!!int", "!!float", "!!bool", "!!str", "!!null", "!!timestamp", "!!binary", "!!set"]
TAGS += ["!!map", "!!seq", "!!omap", "!!pairs", "!x", "!<tag:x>", "!", "&a", "*a"]
VALUES = ["0", "1", "-1", "0x1F", "0o7", "0b", "1_000", "1e400", ".nan", "yes", "no", "~", ""]
VALUES += ["2026-11-25", "2026-02-30", "2026-13-01", "2001-12-14t21:59:43.10-05:00", "8:00"]
VALUES += ["abc", "energy", "AAAA", "@@@", "[1]", "[a, b]", "{b: 1}", "{}", "[]", '"\\x"', "'a'"]
VALUES += ["|", ">", "\u2028", "\x85", "\ufeff", "é", "\x07", "9" * 4301]
FRAGMENTS = [*KEYS, *TAGS, *VALUES, ": ", ":", "- ", "\n", "\n  ", "  ", "\t", "#", "'", '"']
FRAGMENTS += ["{", "}", "[", "]", ",", "?", "%YAML 1.1\n", "---", "...", "<<", "\r\n"]
FRAGMENTS += ["%TAG ! tag:yaml.org,2002:\n---\n"]
yaml_line = st.builds(
    lambda indent, dash, key, tag, value: f"{'  ' * indent}{dash}{key}: {tag}{value}",
    st.integers(0, 3),
    st.sampled_from(["", "- "]),
    st.sampled_from(KEYS) | st.text(max_size=3),
    st.sampled_from(["", *(f"{tag} " for tag in TAGS)]),
    st.sampled_from(VALUES) | st.text(max_size=5),
)
yamlish = st.lists(yaml_line, min_size=1, max_size=6).map("\n".join) | st.lists(
    st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40
).map("".join)


@settings(PROPERTY, max_examples=300)
@given(data=st.binary(max_size=4096) | st.binary(min_size=4096, max_size=50_000))
@example(data=b"\x00")
@example(data=b"id: \xe9")
@example(data=b"\xef\xbb\xbfid: x")
@example(data=b"[" * 100_000)
@example(data=b"id: " + b"{a: " * 600 + b"1" + b"}" * 600)
@example(data=b"a" * (MAX_BYTES + 1))
def test_any_bytes_give_a_record_or_a_data_error(data: bytes) -> None:
    check_validate("x.yaml", data, lines=False)


@settings(PROPERTY, max_examples=300)
@given(text=st.text() | yamlish)
@example(text="rank: " + "9" * 4301)  # more digits than int() converts
@example(text="a: !!int abc")
@example(text="a: !!timestamp 2001-02-30")
@example(text="a: !!map [1]")
def test_any_text_gives_a_record_or_a_data_error(text: str) -> None:
    check_validate("x.yaml", text.encode("utf-8"), lines=False)


# Generated documents: nested dicts, lists and scalars, keyed by real field names or anything.

FIELDS = sorted(
    {
        *Record._fields,
        *("contact", "label", "pt", "en", "phone", "url", "email", "address", "street"),
        *("city", "state", "status", "sources", "tier", "audience", "hours", "keywords"),
    }
)
odd_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from("\u2028\x85\ufeff\t"),
    max_size=30,
)
huge_text = st.builds(
    lambda char, size: char * size,
    st.sampled_from(["x", "é", " ", "\n", "0", "🙂", "a b"]),
    st.sampled_from([2_000, 50_000, MAX_BYTES + 1]),
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.dates()
    | st.text(max_size=20)
    | odd_text
    | st.sampled_from(["sac", "energy", "telecom", "company", "reported", "2026-11-25", "24/7"])
)
keys = st.sampled_from(FIELDS) | st.text(max_size=12) | st.integers(-5, 5) | st.none()
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=25,
)
top_level = st.dictionaries(keys, documents, max_size=10) | documents


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def other_type(kind: type) -> st.SearchStrategy[Any]:
    return documents.filter(lambda value: type(value) is not kind)


@st.composite
def mutated_elektro(draw: st.DrawFn) -> Any:
    """The real Elektro record with one to four things broken (or, rarely, none)."""
    doc = copy.deepcopy(ELEKTRO)
    for _ in range(draw(st.integers(0, 4))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        op = draw(
            st.sampled_from(
                ["delete", "retype", "unknown-key", "huge", "odd", "status", "top", "dup", "none"]
            )
        )
        if op == "status":
            channels = doc.get("channels") if isinstance(doc, dict) else None
            if isinstance(channels, list) and channels and isinstance(channels[0], dict):
                channel = draw(st.sampled_from(channels))
                if isinstance(channel, dict):
                    channel["status"] = draw(st.text(max_size=12) | odd_text)
            continue
        if op == "top":
            if isinstance(doc, dict):
                field = draw(st.sampled_from(["id", "kind", "sector", "verified_on", "states"]))
                doc[field] = draw(scalars | st.lists(scalars, max_size=3))
            continue
        if op == "dup":
            channels = doc.get("channels") if isinstance(doc, dict) else None
            if isinstance(channels, list) and channels:
                channels.append(copy.deepcopy(draw(st.sampled_from(channels))))
            continue
        if not path:
            if op in ("retype", "huge", "odd"):
                doc = draw(documents)
            continue
        parent = _get(doc, path[:-1])
        last = path[-1]
        if op == "delete":
            del parent[last]
        elif op == "retype":
            parent[last] = draw(other_type(type(parent[last])))
        elif op == "unknown-key":
            target = parent[last] if isinstance(parent[last], dict) else parent
            if isinstance(target, dict):
                target[draw(st.text(min_size=1, max_size=12))] = draw(scalars)
        elif op == "huge":
            parent[last] = draw(huge_text)
        elif op == "odd":
            parent[last] = draw(odd_text)
        else:
            parent[last] = None
    return doc


# yaml.safe_dump with libyaml's emitter: the pure-Python one takes a second per huge string.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(doc: Any, *, unicode: bool) -> bytes:
    text = yaml.dump(doc, Dumper=SAFE_DUMPER, allow_unicode=unicode, sort_keys=False)
    return text.encode("utf-8")


generated_files = st.builds(dump, top_level | mutated_elektro(), unicode=st.booleans())


@settings(PROPERTY, max_examples=300)
@given(data=generated_files)
def test_generated_documents_give_a_record_or_a_data_error_with_its_line(data: bytes) -> None:
    check_validate(PATH, data)


def test_the_unmutated_record_is_valid() -> None:
    """The mutations start from a valid record: the properties above test the breakage."""
    assert catalog.validate_record(PATH, dump(ELEKTRO, unicode=True)).id == "elektro"


# The user folder: several files, generated, broken or random.

user_files = st.lists(
    generated_files | st.binary(max_size=200) | yamlish.map(lambda s: s.encode("utf-8")),
    min_size=1,
    max_size=4,
)


@settings(PROPERTY, max_examples=100)
@given(files=user_files, cached=st.booleans())
@example(files=[b"!!int"], cached=False)  # an empty explicit int: IndexError
def test_broken_user_files_never_break_the_catalogue(
    scratch: Path, shipped_entries: bytes, files: list[bytes], cached: bool
) -> None:
    folder = Path(tempfile.mkdtemp(dir=scratch))
    try:
        users = folder / "companies"
        users.mkdir()
        cache_file = folder / "cache" / "catalog.pickle" if cached else None
        if cache_file:  # parsing the shipped folder again each time would take most of the time
            cache_file.parent.mkdir()
            cache_file.write_bytes(shipped_entries)
        paths = []
        for index, data in enumerate(files):
            path = users / f"file{index}.yaml"
            path.write_bytes(data)
            paths.append(str(path))

        loaded = catalog.load(shipped=DATA, user_companies=users, cache_file=cache_file)

        for name in SHIPPED_COMPANIES:
            entry, _unit = loaded.resolve(name)
            assert entry.id == name
            assert loaded.record(name).id == name
        valid: dict[str, str] = {}  # record id → the first file that has it
        for path, data in zip(paths, files, strict=True):
            reported = [p for p in loaded.errors if p.path == path]
            result = check_validate(path, data, lines=False)  # lines: see the property above
            if isinstance(result, DataError):
                assert len(reported) == 1, f"{path}: {reported}"
                assert str(reported[0]) == str(result)
            elif result.id in valid:
                assert len(reported) == 1 and "also used by" in reported[0].problem
            else:
                # A valid record is reported only where a name of it is a shipped record's
                # (that name keeps its shipped meaning).
                assert all("a name of the shipped record" in p.problem for p in reported)
                valid[result.id] = path
                assert loaded.entries[result.id].path == path
        assert all(p.path in paths for p in loaded.errors if p.path.startswith(str(users)))

        if cached:  # the same catalogue again, this time from the cache
            again = catalog.load(shipped=DATA, user_companies=users, cache_file=cache_file)
            assert sorted(map(str, again.errors)) == sorted(map(str, loaded.errors))
            assert again.entries.keys() == loaded.entries.keys()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
