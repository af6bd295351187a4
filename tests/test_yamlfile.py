"""escalate.catalog.yamlfile: strict, safe YAML that points at the line of a problem."""

from __future__ import annotations

import time

import pytest

from escalate.catalog.store import validate_record
from escalate.catalog.yamlfile import MAX_BYTES, line_of, parse, read_text
from escalate.errors import DataError

# --- scalars ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "08:00",  # YAML 1.1 sexagesimal: would become 480
        "8:00",
        "18:00-20:00",
        "no",  # YAML 1.1 booleans
        "off",
        "yes",
        "on",
        "true",
        "NO",
        "2026-11-25",  # would become a date
        "1.5",  # would become a float
        "1e3",
        "0x1F",
        "007",  # leading zero: an SMS code or a phone fragment, never 7
        "0800",
        "1_000",
        ".inf",
    ],
)
def test_ambiguous_scalars_stay_strings(text: str) -> None:
    value = parse("f.yaml", f"value: {text}\n")["value"]
    assert value == text
    assert type(value) is str


@pytest.mark.parametrize(
    ("text", "number"), [("0", 0), ("12", 12), ("99", 99), ("-3", -3), ("+4", 4), ("10621", 10621)]
)
def test_plain_integers_stay_ints(text: str, number: int) -> None:
    value = parse("f.yaml", f"value: {text}\n")["value"]
    assert value == number
    assert type(value) is int


@pytest.mark.parametrize("text", ["", "~", "null"])
def test_null(text: str) -> None:
    assert parse("f.yaml", f"value: {text}\n") == {"value": None}


def test_quoted_values_are_untouched() -> None:
    assert parse("f.yaml", 'a: "08:00"\nb: \'no\'\nc: "116"\n') == {
        "a": "08:00",
        "b": "no",
        "c": "116",
    }


def test_explicit_tags_do_not_build_objects() -> None:
    with pytest.raises(DataError) as info:
        parse("f.yaml", "a: !!python/object/apply:os.system ['true']\n")
    assert info.value.path == "f.yaml"
    assert info.value.line == 1


@pytest.mark.parametrize(
    ("text", "line", "shown"),
    [
        # Found by the property tests: each crashed PyYAML's constructors with a non-DataError.
        ("!!int", 1, "!!int"),
        ("!!bool", 1, "!!bool"),
        ("a: 1\nb: !!timestamp 2001-02-30\n", 2, "!!timestamp"),
        ("a: !!map [1]\n", 1, "!!map"),
        ("a: !thing x\n", 1, "!thing"),
    ],
)
def test_every_explicit_tag_is_refused_with_its_line(text: str, line: int, shown: str) -> None:
    with pytest.raises(DataError) as info:
        parse("f.yaml", text)
    assert (info.value.line, info.value.problem) == (line, f"tags ({shown}) are not allowed")


def test_exclamation_marks_in_text_are_fine() -> None:
    assert parse("f.yaml", "a: Atenção! Ligue já!\nb: '!!int'\n") == {
        "a": "Atenção! Ligue já!",
        "b": "!!int",
    }


def test_a_huge_number_stays_a_string_instead_of_crashing() -> None:
    # int() refuses more than 4,300 digits; 19 digits and up are kept as text.
    assert parse("f.yaml", "rank: " + "9" * 4301 + "\n") == {"rank": "9" * 4301}
    assert parse("f.yaml", "a: 999999999999999999\n") == {"a": 999999999999999999}


# --- structural errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\na: 2\n", 2),
        ("id: x\nname: y\nchannels:\n  - id: c\n    kind: sac\n    kind: web\n", 6),
        ("a:\n  b: 1\n  c: 2\n  b: 3\n", 4),
        ("1: one\n2: two\n1: uno\n", 3),
    ],
)
def test_duplicate_key_is_an_error_at_the_second_key(text: str, line: int) -> None:
    with pytest.raises(DataError) as info:
        parse("dup.yaml", text)
    err = info.value
    assert "duplicate key" in err.problem
    assert err.line == line
    assert str(err).startswith(f"dup.yaml:{line}: ")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: &x 1\nb: *x\n", 2),
        ("base: &b {k: 1}\nother:\n  <<: *b\n", 3),
        ("list:\n  - &item x\n  - y\n  - *item\n", 4),
    ],
)
def test_aliases_are_refused(text: str, line: int) -> None:
    with pytest.raises(DataError) as info:
        parse("alias.yaml", text)
    assert "alias" in info.value.problem
    assert info.value.line == line


def test_ampersand_and_star_in_plain_text_are_fine() -> None:
    assert parse("f.yaml", 'a: "AT&T *5"\nb: R&D\n') == {"a": "AT&T *5", "b": "R&D"}


def _billion_laughs(levels: int = 10) -> str:
    lines = ['lol0: &lol0 "lol"']
    for i in range(1, levels):
        refs = ", ".join([f"*lol{i - 1}"] * 10)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_rejected_quickly() -> None:
    text = _billion_laughs()
    start = time.perf_counter()
    with pytest.raises(DataError) as info:
        parse("bomb.yaml", text)
    assert time.perf_counter() - start < 1.0
    assert "alias" in info.value.problem
    assert info.value.line == 2


def test_billion_laughs_through_validate_record() -> None:
    start = time.perf_counter()
    with pytest.raises(DataError, match="alias"):
        validate_record("bomb.yaml", _billion_laughs().encode())
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a:\n\tb: 1\n", 2),
        ("a:\n  b: 1\n\tc: 2\n", 3),
        ("id: x\nchannels:\n\t- id: c\n", 3),
        ("a: 1\nb:\n  c: 2\n  d:\n\t\te: 3\n", 5),
    ],
    ids=["tab-nested-key", "tab-after-spaces", "tab-list-item", "two-tabs-deep"],
)
def test_tab_indentation_is_an_error_with_its_line(text: str, line: int) -> None:
    with pytest.raises(DataError) as info:
        parse("tabs.yaml", text)
    err = info.value
    assert err.line == line
    # The person must learn that the tab is the problem, whatever the YAML parser says.
    assert "tab" in err.problem.lower(), err.problem


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: [1, 2\nb: 3\n", 2),
        ("a: 'open\n", 1),
        ("a: 1\n- b\n", 2),
    ],
)
def test_invalid_yaml_names_a_line(text: str, line: int) -> None:
    with pytest.raises(DataError) as info:
        parse("bad.yaml", text)
    assert info.value.line == line
    assert str(info.value).startswith(f"bad.yaml:{line}: ")


def test_deep_nesting_is_a_data_error() -> None:
    text = "a: " + "[" * 20_000 + "]" * 20_000 + "\n"
    with pytest.raises(DataError):
        parse("deep.yaml", text)


# --- bytes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xff\n", 1),
        (b"a: 1\nb: caf\xe9\n", 2),
        (b"a: 1\nb: 2\nc: 3\nd: \xc3\x28\n", 4),
    ],
)
def test_non_utf8_bytes(data: bytes, line: int) -> None:
    with pytest.raises(DataError) as info:
        read_text("latin1.yaml", data)
    err = info.value
    assert "not valid UTF-8" in err.problem
    assert err.line == line
    assert str(err).startswith(f"latin1.yaml:{line}: ")


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02", b"a: 1\n\x00\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"]
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(DataError) as info:
        read_text("image.yaml", data)
    assert "binary" in info.value.problem


def test_utf8_text_is_decoded() -> None:
    assert read_text("f.yaml", "name: Elektro Fácil\n".encode()) == "name: Elektro Fácil\n"


def test_file_over_the_size_limit_is_refused() -> None:
    data = b"a: " + b"x" * MAX_BYTES + b"\n"
    with pytest.raises(DataError) as info:
        read_text("big.yaml", data)
    assert "too large" in info.value.problem
    assert str(MAX_BYTES) in info.value.problem


def test_file_at_the_size_limit_is_read() -> None:
    data = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(data) == MAX_BYTES
    assert len(read_text("big.yaml", data)) == MAX_BYTES


def test_oversized_file_through_validate_record() -> None:
    with pytest.raises(DataError, match="too large"):
        validate_record("big.yaml", b"#" * (MAX_BYTES + 1))


# --- line_of ---------------------------------------------------------------------------------

DOC = """\
id: acme
name: Acme
channels:
  - id: first
    kind: sac
    contact: {phone: "0800 000 0000"}
  - id: second
    kind: ouvidoria
    contact:
      url: https://example.com
      phone: "0800 111 1111"
    keywords:
      - keyword: A
      - keyword: B
        usage: {pt: x, en: y}
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        ((), 1),
        (("id",), 1),
        (("name",), 2),
        (("channels",), 3),
        (("channels", 0), 4),
        (("channels", 0, "contact", "phone"), 6),
        (("channels", 1), 7),
        (("channels", 1, "kind"), 8),
        (("channels", 1, "contact", "phone"), 11),
        (("channels", 1, "contact", "url"), 10),
        (("channels", 1, "keywords", 1, "usage", "en"), 15),
        # A missing field points at the nearest enclosing node.
        (("channels", 1, "label"), 7),
        (("channels", 5, "kind"), 3),
    ],
)
def test_line_of_points_at_the_node(loc: tuple[int | str, ...], line: int) -> None:
    assert line_of(DOC, loc) == line


def test_line_of_broken_yaml_is_none() -> None:
    assert line_of("a: [\n", ("a",)) is None


# --- validate_record messages: file:line: field: problem --------------------------------------

RECORD = """\
id: acme
name: Acme
sector: energy
verified_on: 2026-01-02
channels:
  - id: sac
    kind: sac
    label: {pt: SAC, en: SAC}
    contact: {phone: "0800 000 0000"}
    status: reported
    sources: [x]
  - id: ouvidoria
    kind: ouvidoria
    label: {pt: Ouvidoria, en: Ouvidoria}
    contact: {phone: "0800 111 1111"}
    status: reported
    sources: [x]
"""


def test_the_fixture_record_is_valid() -> None:
    record = validate_record("acme.yaml", RECORD.encode())
    assert [c.id for c in record.channels] == ["sac", "ouvidoria"]


def _edit(old: str, new: str, count: int = 1) -> str:
    assert old in RECORD
    return RECORD.replace(old, new, count)


@pytest.mark.parametrize(
    ("text", "line", "field", "problem"),
    [
        # unknown keys
        (
            _edit("    label: {pt: SAC", "    labl: oops\n    label: {pt: SAC"),
            8,
            "channels.0.labl",
            "Extra inputs",
        ),
        (_edit("sector: energy\n", "sector: energy\ncolour: red\n"), 4, "colour", "Extra inputs"),
        (
            _edit(
                '    contact: {phone: "0800 111 1111"}',
                '    contact: {phone: "0800 111 1111", fone: "1"}',
            ),
            15,
            "channels.1.contact.fone",
            "Extra inputs",
        ),
        # wrong types and values
        (_edit("2026-01-02", "yesterday"), 4, "verified_on", "valid date"),
        (_edit("kind: sac", "kind: phonee"), 7, "channels.0.kind", "'ouvidoria'"),
        (_edit("kind: ouvidoria", "kind: phonee"), 13, "channels.1.kind", "'sac'"),
        (
            _edit(
                "    status: reported\n    sources: [x]\n  - id: ouvidoria",
                "    status: maybe\n    sources: [x]\n  - id: ouvidoria",
            ),
            10,
            "channels.0.status",
            "'disputed'",
        ),
        (
            _edit('{phone: "0800 111 1111"}', '{phone: "call us"}'),
            15,
            "channels.1.contact.phone",
            "pattern",
        ),
        (_edit("id: acme", "id: Acme Corp"), 1, "id", "pattern"),
        (
            _edit("    sources: [x]\n  - id: ouvidoria", "    sources: []\n  - id: ouvidoria"),
            11,
            "channels.0.sources",
            "at least 1",
        ),
        # a missing field: the line of its parent
        (
            _edit("    label: {pt: Ouvidoria, en: Ouvidoria}\n", ""),
            12,
            "channels.1.label",
            "Field required",
        ),
    ],
)
def test_validate_record_message_is_file_line_field_problem(
    text: str, line: int, field: str, problem: str
) -> None:
    with pytest.raises(DataError) as info:
        validate_record("data/acme.yaml", text.encode())
    err = info.value
    assert err.path == "data/acme.yaml"
    assert err.line == line
    assert err.field == field
    assert problem in err.problem
    assert str(err).startswith(f"data/acme.yaml:{line}: {field}: ")


def test_model_check_error_names_the_record() -> None:
    with pytest.raises(DataError) as info:
        validate_record("acme.yaml", _edit("sector: energy\n", "").encode())
    assert "sector" in info.value.problem
    assert info.value.line == 1


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "", "42\n"])
def test_a_record_must_be_a_mapping(text: str) -> None:
    with pytest.raises(DataError) as info:
        validate_record("acme.yaml", text.encode())
    assert info.value.line == 1
    assert "mapping" in info.value.problem


def test_yaml_error_through_validate_record_keeps_the_path_and_line() -> None:
    with pytest.raises(DataError) as info:
        validate_record("data/acme.yaml", (RECORD + "id: again\n").encode())
    assert info.value.path == "data/acme.yaml"
    assert info.value.line == RECORD.count("\n") + 1
    assert "duplicate key 'id'" in str(info.value)


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbfid: x\nname: y\n", b"id: x\r\nname: y\r\n"],
    ids=["utf8-bom", "crlf"],
)
def test_files_saved_on_windows_parse(data: bytes) -> None:
    assert parse("f.yaml", read_text("f.yaml", data)) == {"id": "x", "name": "y"}


def test_crlf_file_reports_the_right_line() -> None:
    text = RECORD.replace("sector: energy\n", "sector: energy\ncolour: red\n").replace("\n", "\r\n")
    with pytest.raises(DataError) as info:
        validate_record("acme.yaml", text.encode())
    assert (info.value.line, info.value.field) == (4, "colour")
