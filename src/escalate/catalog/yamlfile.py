"""Read YAML the safe way, and point at the line of a problem.

PyYAML implements YAML 1.1, which turns ``8:00`` into 480 and ``no`` into False. Our records
hold hours and keywords, so only null, plain decimal integers and strings are resolved; every
other scalar stays a string and pydantic converts what it must. Duplicate keys and aliases are
errors: a duplicate key silently drops data, and aliases allow the "billion laughs" bomb.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml  # type: ignore[import-untyped]  # no stubs: types-PyYAML is not a dependency

from escalate.errors import N_, DataError

MAX_BYTES = 1_000_000

try:
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader


class StrictLoader(_Base):  # type: ignore[misc]  # subclassing Any: yaml has no stubs
    pass


StrictLoader.yaml_implicit_resolvers = {}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
# At most 18 digits: a longer run of digits stays a string (int() refuses over 4,300 digits).
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]{0,17})$"), list("-+0123456789")
)


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str | int):
            raise _KeyProblem(N_("a key must be a plain word"), {}, key_node.start_mark)
        if key in seen:
            raise _KeyProblem(N_("duplicate key '{key}'"), {"key": key}, key_node.start_mark)
        seen[key] = loader.construct_object(value_node, deep=deep)
    return seen


StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


class _KeyProblem(yaml.constructor.ConstructorError):  # type: ignore[misc]  # no stubs
    """A key refused by our loader: its words are ours, a template said in any language."""

    def __init__(self, template: str, values: dict[str, object], mark: Any) -> None:
        super().__init__(None, None, template.format(**values), mark)
        self.template = template
        self.values = values


def _refuse_alias(text: str) -> None:
    # Anchors are rare in records; refusing aliases up front removes exponential expansion.
    # Explicit tags (!!int, !!timestamp, !thing) are refused too: records never need them, and
    # PyYAML's constructors fail on odd tagged values with errors of every kind.
    if "*" in text or "&" in text or "!" in text:
        for event in yaml.parse(text, Loader=StrictLoader):
            mark = event.start_mark
            line = mark.line + 1 if mark else None
            if isinstance(event, yaml.AliasEvent):
                raise _YamlProblem(N_("aliases (*name) are not allowed"), line)
            tag = getattr(event, "tag", None)
            if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
                shown = tag.replace("tag:yaml.org,2002:", "!!")[:40]
                raise _YamlProblem(N_("tags ({tag}) are not allowed"), line, {"tag": shown})


class _YamlProblem(Exception):
    def __init__(self, problem: str, line: int | None, values: dict[str, object] | None = None):
        super().__init__(problem)
        self.problem = problem  # a template marked N_
        self.values = values or {}
        self.line = line


def read_text(path: str, data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise DataError(
            path, N_("file too large (the limit is {limit} bytes)"), values={"limit": MAX_BYTES}
        )
    if b"\x00" in data:
        raise DataError(path, N_("not a text file (binary data)"), values={})
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(path, N_("not valid UTF-8 text"), line=line, values={}) from None


def parse(path: str, text: str) -> Any:
    """Parse YAML text; any problem becomes a DataError naming the file and line."""
    try:
        _refuse_alias(text)
        return yaml.load(text, Loader=StrictLoader)
    except _YamlProblem as exc:
        raise DataError(
            path, exc.problem, line=_within(text, exc.line), values=exc.values
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = _within(text, mark.line + 1 if mark else None)
        if mark is not None and _tab_indented(text, mark.line):
            problem = N_("tabs are not allowed for indentation; use spaces")
            raise DataError(path, problem, line=line, values={}) from None
        if isinstance(exc, _KeyProblem):
            raise DataError(path, exc.template, line=line, values=exc.values) from None
        if exc.problem or exc.context:  # PyYAML's own words
            raise DataError(path, exc.problem or exc.context, line=line) from None
        raise DataError(path, N_("invalid YAML"), line=line, values={}) from None
    except yaml.YAMLError as exc:
        raise DataError(path, N_("invalid YAML: {reason}"), values={"reason": str(exc)}) from None
    except RecursionError:
        raise DataError(path, N_("nesting too deep"), values={}) from None
    except Exception as exc:  # a value PyYAML cannot build: never more than a bad file
        raise DataError(
            path, N_("invalid YAML value ({kind})"), values={"kind": type(exc).__name__}
        ) from None


def _within(text: str, line: int | None) -> int | None:
    """A line number that exists: the parser reports the end of a file as the line after it."""
    if line is None:
        return None
    return max(1, min(line, text.count("\n") + (0 if text.endswith("\n") else 1)))


def _tab_indented(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return False
    row = lines[line]
    return "\t" in row[: len(row) - len(row.lstrip())]


@lru_cache(maxsize=4)
def _composed(text: str) -> Any:
    """The node tree of a text, kept for the next finding in the same file."""
    return yaml.compose(text, Loader=StrictLoader)


def line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line of the node at ``loc`` (a pydantic error location), re-parsing only on failure."""
    try:
        node = _composed(text)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    node = value
                    line = key.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
