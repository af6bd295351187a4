"""escalate.catalog.store: loading shipped and user records through the cache, and finding names."""

from __future__ import annotations

import builtins
import io
import os
import pathlib
import pickle
import time
from pathlib import Path

import pytest

from conftest import DATA
from escalate.catalog import store as catalog
from escalate.catalog.store import Catalog, load
from escalate.errors import DataError, UnknownName
from escalate.records.models import normalize

USER_RECORD = """\
id: {id}
name: {name}
aliases: [{aliases}]
sector: telecom
verified_on: {verified_on}
channels:
  - id: sac
    kind: sac
    label: {{pt: SAC, en: SAC}}
    contact: {{phone: "0800 000 0000"}}
    status: reported
    sources: [my-notes]
"""


def user_record(
    folder: Path,
    record_id: str,
    name: str,
    *,
    aliases: str = "",
    verified_on: str = "2026-01-02",
    file_name: str | None = None,
) -> Path:
    path = folder / (file_name or f"{record_id}.yaml")
    path.write_text(
        USER_RECORD.format(id=record_id, name=name, aliases=aliases, verified_on=verified_on),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "catalog.pickle"


@pytest.fixture
def shipped(cache_file: Path) -> Catalog:
    cat = load(shipped=DATA, user_companies=None, cache_file=cache_file)
    assert cat.errors == []
    return cat


def _load(user_companies: Path | None, cache_file: Path | None) -> Catalog:
    return load(shipped=DATA, user_companies=user_companies, cache_file=cache_file)


# --- resolving names -------------------------------------------------------------------------

# (what the person types, record id, unit id)
RESOLVE = [
    ("elektro", "elektro", None),
    ("ELEKTRO", "elektro", None),
    ("Elektro", "elektro", None),
    ("neoenergia-elektro", "elektro", None),
    ("Neoenergia Elektro", "elektro", None),
    ("  neoenergia   elektro  ", "elektro", None),
    ("claro", "claro", None),
    ("net", "claro", None),
    ("NET", "claro", None),
    ("Claro NET", "claro", None),
    ("Cemig", "cemig", None),
    ("CEMIG-D", "cemig", None),
    ("equatorial", "equatorial", None),
    ("equatorial-pa", "equatorial", "equatorial-pa"),
    ("Equatorial Pará", "equatorial", "equatorial-pa"),
    ("EQUATORIAL PARA", "equatorial", "equatorial-pa"),
    ("celpa", "equatorial", "equatorial-pa"),
    ("ceee", "equatorial", "ceee-equatorial"),
    ("CEEE Equatorial", "equatorial", "ceee-equatorial"),
    ("CEA Equatorial", "equatorial", "equatorial-ap"),
    ("Equatorial Amapá", "equatorial", "equatorial-ap"),
    ("equatorial-piaui", "equatorial", "equatorial-pi"),
    ("aneel", "aneel", None),
    ("ANEEL", "aneel", None),
    ("Agência Nacional de Energia Elétrica", "aneel", None),
    ("anatel", "anatel", None),
    ("procon", "procon", None),
    ("jec", "juizado", None),
    ("JEC", "juizado", None),
    ("pequenas-causas", "juizado", None),
    ("pequenas causas", "juizado", None),
    ("Juizado Especial Cível", "juizado", None),
    ("consumidor.gov.br", "consumidor-gov", None),
    ("reclame aqui", "reclame-aqui", None),
    ("Justiça", "justica-comum", None),
]


@pytest.mark.parametrize(("name", "record_id", "unit_id"), RESOLVE)
def test_resolve(shipped: Catalog, name: str, record_id: str, unit_id: str | None) -> None:
    entry, unit = shipped.resolve(name)
    assert entry.id == record_id
    assert unit == unit_id
    assert entry.origin == "shipped"


# (typed, a suggestion that must be offered)
SUGGEST = [
    ("elektr", "elektro"),
    ("eletro", "elektro"),
    ("clar", "claro"),
    ("cemg", "cemig"),
    ("equatorial-p", "equatorial-pa"),
]


@pytest.mark.parametrize(("name", "suggestion"), SUGGEST)
def test_unknown_name_suggests(shipped: Catalog, name: str, suggestion: str) -> None:
    with pytest.raises(UnknownName) as info:
        shipped.resolve(name)
    err = info.value
    assert err.name == name
    assert suggestion in err.suggestions
    assert len(err.suggestions) <= 3
    assert name in err.message


@pytest.fixture
def no_file_access(monkeypatch: pytest.MonkeyPatch) -> None:
    normalize("Pará")  # import unicodedata before files are forbidden

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"resolve touched the file system: {args!r}")

    for owner, attr in [
        (builtins, "open"),
        (io, "open"),
        (os, "open"),
        (os, "stat"),
        (os, "scandir"),
        (pathlib.Path, "open"),
        (pathlib.Path, "read_bytes"),
        (pathlib.Path, "read_text"),
        (pathlib.Path, "exists"),
    ]:
        monkeypatch.setattr(owner, attr, forbidden)


HOSTILE = [
    "../../etc/passwd",
    "/etc/passwd",
    "..\\..\\windows\\win.ini",
    "",
    " ",
    "-",
    "x" * 10_000,
    "elektro" * 2_000,
    "\x00",
    "\x1b[31mred\x1b[0m",
    "⚡",
    "😀😀",
    "elektro/../../etc/passwd",
    "%s%n",
    "{0.__class__}",
]


@pytest.mark.parametrize("name", HOSTILE, ids=lambda n: repr(n[:20]))
def test_hostile_names_are_unknown_names(shipped: Catalog, no_file_access: None, name: str) -> None:
    start = time.perf_counter()
    with pytest.raises(UnknownName) as info:
        shipped.resolve(name)
    assert time.perf_counter() - start < 1.0
    message = info.value.message
    assert len(message) < 120, "the message shows a shortened name"
    assert message.isprintable(), "control characters are not echoed to the terminal"
    assert isinstance(info.value.suggestions, list)


def test_nul_and_punctuation_are_word_separators(shipped: Catalog, no_file_access: None) -> None:
    # normalize() turns every non-alphanumeric character into a separator, so a trailing NUL
    # is no different from a trailing space or dot; nothing is ever opened with the name.
    for name in ("elektro\x00", "elektro.", " elektro ", "elektro!"):
        entry, unit = shipped.resolve(name)
        assert (entry.id, unit) == ("elektro", None)


# --- listing ---------------------------------------------------------------------------------


SHIPPED_COMPANIES = [
    "algar",
    "amazonas-energia",
    "celesc",
    "cemig",
    "claro",
    "copel",
    "cpfl",
    "edp",
    "elektro",
    "enel",
    "energisa",
    "equatorial",
    "light",
    "neoenergia",
    "oi",
    "rge",
    "sky",
    "tim",
    "vivo",
]


def test_companies_and_bodies(shipped: Catalog) -> None:
    assert [e.id for e in shipped.companies()] == SHIPPED_COMPANIES
    bodies = [e.id for e in shipped.bodies()]
    assert set(bodies) == {
        "aneel",
        "anatel",
        "consumidor-gov",
        "procon",
        "reclame-aqui",
        "juizado",
        "justica-comum",
    }
    ranks = [e.rank for e in shipped.bodies()]
    assert ranks == sorted(ranks), "bodies come in ladder order"
    assert bodies[-1] == "justica-comum"


def test_names_contain_record_and_unit_ids(shipped: Catalog) -> None:
    names = shipped.names()
    assert names == sorted(names)
    for expected in (
        "elektro",
        "claro",
        "cemig",
        "equatorial",
        "aneel",
        "juizado",
        "equatorial-pa",
        "equatorial-al",
        "equatorial-go",
        "equatorial-ap",
        "equatorial-pi",
        "ceee-equatorial",
    ):
        assert expected in names
    assert "celpa" not in names, "aliases are not ids"


def test_verified_range_shipped(shipped: Catalog) -> None:
    assert shipped.verified_range() == ("2026-11-25", "2026-11-30")


def test_verified_range_spans_user_records(user_companies: Path, cache_file: Path) -> None:
    user_record(user_companies, "old-telecom", "Old Telecom", verified_on="2019-05-06")
    user_record(user_companies, "new-telecom", "New Telecom", verified_on="2026-12-01")
    cat = _load(user_companies, cache_file)
    assert cat.errors == []
    assert cat.verified_range() == ("2019-05-06", "2026-12-01")


def test_verified_range_of_nothing_is_none(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    cat = load(shipped=empty, user_companies=None, cache_file=None)
    assert cat.entries == {}
    assert cat.verified_range() is None
    assert any("sources" in p.path for p in cat.errors), "a missing sources.yaml is reported"


def test_sources_are_loaded(shipped: Catalog) -> None:
    sources = shipped.sources()
    assert sources is not None
    ids = {s.id for s in sources.sources}
    assert {"seed-elektro-blog", "anatel-consumidor-page"} <= ids


def test_record_returns_the_validated_model(shipped: Catalog) -> None:
    record = shipped.record("equatorial")
    assert record.name == "Equatorial Energia"
    assert {u.id for u in record.units} >= {"equatorial-pa", "ceee-equatorial"}
    assert shipped.record("equatorial") is record


# --- the user's own folder -------------------------------------------------------------------


def test_user_record_with_a_shipped_id_replaces_it(user_companies: Path, cache_file: Path) -> None:
    user_record(user_companies, "claro", "Claro do Usuário")
    cat = _load(user_companies, cache_file)
    assert cat.errors == []
    entry, unit = cat.resolve("claro")
    assert (entry.origin, unit) == ("user", None)
    assert entry.name == "Claro do Usuário"
    assert cat.record("claro").name == "Claro do Usuário"
    assert [c.id for c in cat.record("claro").channels] == ["sac"]
    assert [e.id for e in cat.companies()].count("claro") == 1
    assert cat.resolve("Claro do Usuario")[0].id == "claro"


def test_user_record_with_a_new_id_adds_a_company(user_companies: Path, cache_file: Path) -> None:
    user_record(user_companies, "brisanet", "Brisanet", aliases="brisa-fibra")
    cat = _load(user_companies, cache_file)
    assert cat.errors == []
    entry, _ = cat.resolve("Brisa Fibra")
    assert (entry.id, entry.origin) == ("brisanet", "user")
    assert "brisanet" in [e.id for e in cat.companies()]
    assert cat.resolve("elektro")[0].origin == "shipped"
    assert "brisanet" in cat.names()


def test_user_alias_cannot_take_over_a_shipped_alias(
    user_companies: Path, cache_file: Path
) -> None:
    # A user file saying "aliases: [net]" would send everyone typing "net" to its numbers.
    user_record(user_companies, "net-fibra", "NET Fibra", aliases="net")
    cat = _load(user_companies, cache_file)
    assert cat.resolve("net")[0].id == "claro"
    assert cat.resolve("net-fibra")[0].id == "net-fibra"  # still found by its own id
    [problem] = cat.errors
    assert "'net'" in problem.message and "'claro'" in problem.message
    assert problem.path.endswith("net-fibra.yaml")


def test_user_id_cannot_take_over_a_shipped_alias(user_companies: Path, cache_file: Path) -> None:
    user_record(user_companies, "net", "Net Golpe")
    cat = _load(user_companies, cache_file)
    assert cat.resolve("net")[0].id == "claro"
    assert "its id" in cat.errors[0].message


def test_user_alias_cannot_take_over_a_shipped_id(user_companies: Path, cache_file: Path) -> None:
    user_record(user_companies, "minha-luz", "Minha Luz", aliases="elektro")
    cat = _load(user_companies, cache_file)
    assert cat.resolve("elektro")[0].id == "elektro"


BROKEN = [
    # (file content, line, field or None, words in the problem)
    ("id: broken\nname: [unclosed\n", 2, None, ""),  # found at the end: its last line
    ("id: broken\nname: a\n  b: c\n", 3, None, ""),
    ("id: broken\nname: a\nname: b\n", 3, None, "duplicate key"),
    ("id: broken\n\tname: x\n", 2, None, ""),
    (
        USER_RECORD.format(id="broken", name="B", aliases="", verified_on="2026-01-02")
        + "colour: red\n",
        13,
        "colour",
        "Extra inputs",
    ),
    (
        USER_RECORD.format(id="broken", name="B", aliases="", verified_on="2026-01-02").replace(
            "    kind: sac", "    kind: sac\n    labl: typo"
        ),
        9,
        "channels.0.labl",
        "Extra inputs",
    ),
    (
        USER_RECORD.format(id="broken", name="B", aliases="", verified_on="tomorrow"),
        5,
        "verified_on",
        "date",
    ),
]


@pytest.mark.parametrize(("content", "line", "field", "words"), BROKEN)
def test_broken_user_file_is_a_problem_not_a_crash(
    user_companies: Path,
    cache_file: Path,
    content: str,
    line: int,
    field: str | None,
    words: str,
) -> None:
    bad = user_companies / "broken.yaml"
    bad.write_text(content, encoding="utf-8")
    user_record(user_companies, "brisanet", "Brisanet")
    for _ in range(2):  # the second load comes from the cache and must say the same
        cat = _load(user_companies, cache_file)
        assert len(cat.errors) == 1
        problem = cat.errors[0]
        assert isinstance(problem, DataError)
        assert problem.path == str(bad)
        assert problem.line == line
        assert problem.field == field
        assert words in problem.problem
        assert str(problem).startswith(f"{bad}:{line}: ")
        assert "broken" not in cat.entries
        assert cat.resolve("brisanet")[0].origin == "user"
        assert cat.resolve("elektro")[0].id == "elektro"


@pytest.mark.parametrize(
    "data", [b"\xff\xfe\x00\x00", b"name: caf\xe9\n"], ids=["binary", "latin1"]
)
def test_unreadable_user_file_is_a_problem(
    user_companies: Path, cache_file: Path, data: bytes
) -> None:
    (user_companies / "weird.yaml").write_bytes(data)
    cat = _load(user_companies, cache_file)
    assert [p.path for p in cat.errors] == [str(user_companies / "weird.yaml")]
    assert cat.resolve("cemig")[0].id == "cemig"


def test_two_user_files_with_one_id(user_companies: Path, cache_file: Path) -> None:
    first = user_record(user_companies, "brisanet", "Brisanet A", file_name="a.yaml")
    second = user_record(user_companies, "brisanet", "Brisanet B", file_name="b.yaml")
    cat = _load(user_companies, cache_file)
    assert cat.record("brisanet").name == "Brisanet A"
    assert len(cat.errors) == 1
    assert cat.errors[0].path == str(second)
    assert str(first) in cat.errors[0].problem


def test_only_visible_yaml_files_are_read(user_companies: Path, cache_file: Path) -> None:
    user_record(user_companies, "brisanet", "Brisanet", file_name="brisanet.yml")
    user_record(user_companies, "hidden-telecom", "Hidden", file_name=".hidden.yaml")
    user_record(user_companies, "backup-telecom", "Backup", file_name="backup.yaml.bak")
    (user_companies / "folder.yaml").mkdir()
    cat = _load(user_companies, cache_file)
    # A folder named like a record is reported (never opened): it is surely a mistake.
    assert [(p.path, p.problem) for p in cat.errors] == [
        (str(user_companies / "folder.yaml"), "not a file (a folder or a special file)")
    ]
    assert "brisanet" in cat.entries
    assert "hidden-telecom" not in cat.entries
    assert "backup-telecom" not in cat.entries


def test_missing_user_folder_is_fine(home: Path, cache_file: Path) -> None:
    cat = _load(home / "companies", cache_file)
    assert cat.errors == []
    assert "elektro" in cat.entries


# --- the cache -------------------------------------------------------------------------------


def _forbid_validation(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def refuse(path: str, data: bytes) -> object:
        calls.append(path)
        raise DataError(path, "validated again")  # recorded as a problem, and in calls

    monkeypatch.setattr(catalog, "validate_record", refuse)
    monkeypatch.setattr(catalog, "validate_sources", refuse)
    return calls


def test_second_load_does_not_validate_again(
    user_companies: Path, cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_record(user_companies, "brisanet", "Brisanet")
    first = _load(user_companies, cache_file)
    assert cache_file.is_file()
    calls = _forbid_validation(monkeypatch)
    second = _load(user_companies, cache_file)
    assert calls == []
    assert second.errors == []
    assert sorted(second.entries) == sorted(first.entries)
    assert second.record("brisanet").name == "Brisanet"
    assert second.record("elektro") == first.record("elektro")
    assert second.sources() == first.sources()


def test_the_patch_would_notice_validation(
    user_companies: Path, cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache test above is meaningful: without a cache, the patched validator is called."""
    calls = _forbid_validation(monkeypatch)
    cat = _load(user_companies, None)
    assert calls
    assert cat.errors, "each refused file is a problem"


def _rewrite(path: Path, old: str, new: str, *, mtime_ns: int | None) -> None:
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    stamp = mtime_ns if mtime_ns is not None else before.st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_modified_user_file_is_picked_up_same_size(
    user_companies: Path, cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_record(user_companies, "brisanet", "Brisanet One")
    assert _load(user_companies, cache_file).record("brisanet").name == "Brisanet One"
    size = path.stat().st_size
    _rewrite(path, "Brisanet One", "Brisanet Two", mtime_ns=None)
    assert path.stat().st_size == size
    cat = _load(user_companies, cache_file)
    assert cat.record("brisanet").name == "Brisanet Two"
    assert cat.resolve("brisanet two")[0].id == "brisanet"
    # Only the changed file is validated again; the rest still come from the cache.
    calls = _forbid_validation(monkeypatch)
    assert _load(user_companies, cache_file).record("brisanet").name == "Brisanet Two"
    assert calls == []


def test_modified_user_file_is_picked_up_same_mtime(user_companies: Path, cache_file: Path) -> None:
    path = user_record(user_companies, "brisanet", "Brisanet")
    old_mtime = path.stat().st_mtime_ns
    assert _load(user_companies, cache_file).record("brisanet").name == "Brisanet"
    _rewrite(path, "name: Brisanet", "name: Brisanet Fibra", mtime_ns=old_mtime)
    assert _load(user_companies, cache_file).record("brisanet").name == "Brisanet Fibra"


def test_fixing_a_broken_user_file_clears_the_problem(
    user_companies: Path, cache_file: Path
) -> None:
    path = user_record(user_companies, "brisanet", "Brisanet")
    _rewrite(path, "kind: sac", "kind: sacc", mtime_ns=None)
    assert len(_load(user_companies, cache_file).errors) == 1
    _rewrite(path, "kind: sacc", "kind: sac", mtime_ns=path.stat().st_mtime_ns + 7_000_000_000)
    cat = _load(user_companies, cache_file)
    assert cat.errors == []
    assert "brisanet" in cat.entries


def test_removed_user_file_removes_its_company(user_companies: Path, cache_file: Path) -> None:
    path = user_record(user_companies, "brisanet", "Brisanet")
    assert "brisanet" in _load(user_companies, cache_file).entries
    path.unlink()
    cat = _load(user_companies, cache_file)
    assert "brisanet" not in cat.entries
    with pytest.raises(UnknownName):
        cat.resolve("brisanet")


def test_removed_user_override_brings_back_the_shipped_record(
    user_companies: Path, cache_file: Path
) -> None:
    path = user_record(user_companies, "claro", "Minha Claro")
    assert _load(user_companies, cache_file).record("claro").name == "Minha Claro"
    path.unlink()
    cat = _load(user_companies, cache_file)
    assert cat.entries["claro"].origin == "shipped"
    assert cat.record("claro").name == "Claro (NET / Claro residencial)"


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"garbage\x00\xff not a pickle",
        pickle.dumps(["a", "list"]),
        pickle.dumps({"key": "old"}),
        b"\x80\x05",
    ],
    ids=["empty", "bytes", "list", "old-key", "truncated"],
)
def test_corrupt_cache_is_ignored_and_rebuilt(
    user_companies: Path, cache_file: Path, monkeypatch: pytest.MonkeyPatch, garbage: bytes
) -> None:
    user_record(user_companies, "brisanet", "Brisanet")
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(garbage)
    cat = _load(user_companies, cache_file)
    assert cat.errors == []
    assert {"brisanet", "elektro", "aneel"} <= set(cat.entries)
    assert cache_file.read_bytes() != garbage
    # The rebuilt cache serves the next run without validating anything.
    calls = _forbid_validation(monkeypatch)
    assert "brisanet" in _load(user_companies, cache_file).entries
    assert calls == []


@pytest.mark.parametrize("where", ["inside-a-file", "nonexistent-parent"])
def test_cache_in_an_unusable_place_does_not_break_loading(
    tmp_path: Path, user_companies: Path, where: str
) -> None:
    user_record(user_companies, "brisanet", "Brisanet")
    if where == "inside-a-file":
        plain = tmp_path / "plain-file"
        plain.write_text("I am not a folder\n")
        cache = plain / "cache" / "catalog.pickle"
    else:
        cache = tmp_path / "does" / "not" / "exist" / "catalog.pickle"
    for _ in range(2):
        cat = _load(user_companies, cache)
        assert cat.errors == []
        assert {"brisanet", "elektro"} <= set(cat.entries)
    if where == "inside-a-file":
        assert plain.read_text() == "I am not a folder\n"


def test_cache_file_that_is_a_folder(user_companies: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache-dir"
    cache.mkdir()
    cat = _load(user_companies, cache)
    assert cat.errors == []
    assert "elektro" in cat.entries
    assert cache.is_dir()


def test_no_cache_file(user_companies: Path) -> None:
    user_record(user_companies, "brisanet", "Brisanet")
    cat = _load(user_companies, None)
    assert cat.errors == []
    assert "brisanet" in cat.entries


def test_cache_leaves_no_temporary_files(user_companies: Path, cache_file: Path) -> None:
    _load(user_companies, cache_file)
    assert [p.name for p in cache_file.parent.iterdir()] == [cache_file.name]


# --- default(): the paths from the environment -----------------------------------------------


def test_default_uses_escalate_home(home: Path) -> None:
    folder = home / "companies"
    folder.mkdir(parents=True)
    user_record(folder, "brisanet", "Brisanet")
    cat = catalog.default()
    assert cat.errors == []
    assert cat.entries["brisanet"].origin == "user"
    assert cat.entries["elektro"].origin == "shipped"
    assert (home / "cache" / "catalog.pickle").is_file()


def test_escalate_home_pointing_at_a_file(home: Path) -> None:
    home.parent.mkdir(parents=True, exist_ok=True)
    home.write_text("not a folder\n")
    cat = catalog.default()
    assert {"elektro", "claro", "cemig", "equatorial", "aneel"} <= set(cat.entries)
    assert cat.resolve("celpa")[1] == "equatorial-pa"
    assert cat.errors, "the unusable user folder is reported"
    assert all(isinstance(p, DataError) for p in cat.errors)
    assert any(str(home) in p.path for p in cat.errors)
    assert home.read_text() == "not a folder\n"


def test_user_companies_pointing_at_a_file(tmp_path: Path, cache_file: Path) -> None:
    plain = tmp_path / "companies"
    plain.write_text("x\n")
    cat = _load(plain, cache_file)
    assert [p.path for p in cat.errors] == [str(plain)]
    assert "folder" in cat.errors[0].problem
    assert "elektro" in cat.entries


def test_broken_user_file_is_cached_too(
    user_companies: Path, cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One broken file in the user folder must not make every later run validate everything."""
    (user_companies / "broken.yaml").write_text("id: broken\nkind: sacc\n", encoding="utf-8")
    user_record(user_companies, "brisanet", "Brisanet")
    first = _load(user_companies, cache_file)
    assert [p.path for p in first.errors] == [str(user_companies / "broken.yaml")]
    calls = _forbid_validation(monkeypatch)
    second = _load(user_companies, cache_file)
    assert calls == [], f"validated again although nothing changed: {calls}"
    assert [str(p) for p in second.errors] == [str(p) for p in first.errors]
    assert "brisanet" in second.entries


def test_dangling_symlink_is_a_problem(user_companies: Path, cache_file: Path) -> None:
    link = user_companies / "gone.yaml"
    link.symlink_to(user_companies / "nowhere.yaml")
    user_record(user_companies, "brisanet", "Brisanet")
    cat = _load(user_companies, cache_file)
    assert [p.path for p in cat.errors] == [str(link)]
    assert "brisanet" in cat.entries


def test_huge_user_file_is_a_problem(user_companies: Path, cache_file: Path) -> None:
    big = user_companies / "big.yaml"
    big.write_bytes(b"# " + b"x" * 3_000_000 + b"\n")
    cat = _load(user_companies, cache_file)
    assert [p.path for p in cat.errors] == [str(big)]
    assert "too large" in cat.errors[0].problem
    assert "elektro" in cat.entries


def _shipped_names() -> list[tuple[str, str, str | None]]:
    from escalate.catalog.store import validate_record

    out = []
    for path in sorted(DATA.glob("*/*.yaml")):
        record = validate_record(str(path), path.read_bytes())
        out.append((record.name, record.id, None))
        out += [(unit.name, record.id, unit.id) for unit in record.units]
    return out


@pytest.mark.parametrize(("name", "record_id", "unit_id"), _shipped_names())
def test_every_shipped_name_resolves(
    shipped: Catalog, name: str, record_id: str, unit_id: str | None
) -> None:
    """`companies` shows names; typing one back must find the same record or unit."""
    entry, unit = shipped.resolve(name)
    assert (entry.id, unit) == (record_id, unit_id)


def test_the_cache_key_follows_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No hand-bumped format number: any change to a module (or a new one) is a new key, so a
    # changed record model never unpickles an old cache.
    from escalate.catalog import store as catalog

    code = tmp_path / "escalate"
    (code / "sub").mkdir(parents=True)
    (code / "models.py").write_text("class Record: ...\n")
    (code / "sub" / "rules.py").write_text("X = 1\n")
    monkeypatch.setattr(catalog, "_CODE_DIR", str(code))
    first = catalog._cache_key()
    assert catalog._cache_key() == first  # steady
    (code / "sub" / "rules.py").write_text("X = 12\n")
    second = catalog._cache_key()
    assert second != first
    (code / "new.py").write_text("")
    assert catalog._cache_key() not in (first, second)
