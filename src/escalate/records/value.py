"""The one record style: small immutable typed records, cheap to define.

A ``Value`` subclass is written like a frozen dataclass, as annotated fields in order, with
their defaults::

    class Due(Value):
        deadline: Deadline
        due: dt.date
        passed: bool | None = None

``class X(Value, kw_only=True)`` takes its values by keyword only (for records whose required
fields follow optional ones). Type checkers read the generated constructor through
``dataclass_transform`` (PEP 681). At run time the metaclass only turns the annotations into
``__slots__`` and a table of defaults: dataclasses and NamedTuples generate code with ``exec``
for every class, and this program defines dozens of them on every run (measured: a tenth of
its time budget). One generic ``__init__`` serves every class.

Records read from data files are ``Validated`` values (below): pydantic checks them only when
a file is read. The older form, ``__slots__`` and ``_defaults`` written out, is still read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self, dataclass_transform

_set = object.__setattr__
_CLASSVAR = ("ClassVar", "typing.ClassVar")  # as text: the __future__ import, or quoted


def _is_classvar(annotation: object) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(_CLASSVAR)
    return annotation is ClassVar or getattr(annotation, "__origin__", None) is ClassVar


@dataclass_transform(frozen_default=True)
class _ValueMeta(type):
    """Builds ``__slots__``, ``_fields``, ``_positional`` and ``_defaults`` from the class
    body's annotations, in order, after the fields of the base class."""

    _fields: tuple[str, ...]
    _positional: tuple[str, ...]
    _defaults: dict[str, Any]

    def __new__(
        mcls,
        name: str,
        bases: tuple[type, ...],
        namespace: dict[str, Any],
        *,
        kw_only: bool = False,
    ) -> _ValueMeta:
        if "__slots__" in namespace:  # written out: the fields are the slots
            own = tuple(namespace["__slots__"])
            own_defaults: dict[str, Any] = namespace.get("_defaults", {})
        else:
            own, own_defaults = _fields_of(name, namespace, kw_only=kw_only)
            namespace["__slots__"] = own
        parent = next((b for b in bases if isinstance(b, _ValueMeta)), None)
        if parent is not None and parent._fields:
            namespace["_fields"] = parent._fields + own
            namespace["_defaults"] = {**parent._defaults, **own_defaults}
            positional = parent._positional
        else:
            namespace["_fields"] = own
            namespace["_defaults"] = own_defaults
            positional = ()
        if not kw_only:
            positional += own
        namespace["_positional"] = namespace["__match_args__"] = positional
        return super().__new__(mcls, name, bases, namespace)


def _fields_of(
    name: str, namespace: dict[str, Any], *, kw_only: bool
) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The fields a class body annotates, and their defaults (taken out of the namespace:
    a slot cannot share its name with a class attribute)."""
    fields: list[str] = []
    defaults: dict[str, Any] = {}
    for field, annotation in namespace.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            continue
        fields.append(field)
        if field in namespace:
            defaults[field] = namespace.pop(field)
        elif defaults and not kw_only:
            raise TypeError(f"{name}: '{field}' has no default but follows a field with one")
    return tuple(fields), defaults


class Value(metaclass=_ValueMeta):
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]  # every field, in order
    _positional: ClassVar[tuple[str, ...]]  # those that may be given by position
    _defaults: ClassVar[dict[str, Any]]

    if not TYPE_CHECKING:  # type checkers see the constructor dataclass_transform describes

        def __init__(self, *args, **kwargs):
            cls = type(self)
            positional = cls._positional
            if len(args) > len(positional):
                if not positional:
                    raise TypeError(f"{cls.__name__} takes its values by keyword")
                raise TypeError(f"{cls.__name__} takes {len(positional)} values, got {len(args)}")
            if not kwargs and len(args) == len(cls._fields):
                for name, value in zip(positional, args, strict=True):
                    _set(self, name, value)
                return
            names = cls._fields
            given = dict(zip(positional, args, strict=False))
            for key, value in kwargs.items():
                if key not in names:
                    raise TypeError(f"{cls.__name__} has no field '{key}'")
                if key in given:
                    raise TypeError(f"{cls.__name__} got '{key}' twice")
                given[key] = value
            defaults = cls._defaults
            for name in names:
                if name in given:
                    value = given[name]
                elif name in defaults:
                    value = defaults[name]
                else:
                    raise TypeError(f"{cls.__name__} is missing '{name}'")
                _set(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self) or not isinstance(other, Value):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self._values()))

    def replace(self, **changes: Any) -> Self:
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)


def _rebuild(cls: type[Value], values: tuple[Any, ...]) -> Value:
    """Unpickling: the fields as they were, without the constructor's checks."""
    self = object.__new__(cls)
    for name, value in zip(cls._fields, values, strict=True):
        _set(self, name, value)
    return self


class Validated(Value):
    """A record read from a data file: a Value that pydantic validates, as a mapping with
    exactly these fields, when the file is read (a cache miss or ``data validate``).

    At run time a Validated record is a plain typed object, unpickled from the cache; pydantic
    is imported only to validate (``escalate.records.schema``). Field types are the class
    annotations, read only then; the constrained ones (``Id``, ``NonEmpty`` …) are named in
    ``schema``. A class may define ``_check(self) -> None``, run after its fields are valid,
    that raises ValueError for what a type cannot say (e.g. "a company needs a sector").
    Fields listed in ``_internal`` are never read from a file.
    """

    __slots__ = ()
    _internal: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: object, handler: Any) -> Any:
        from escalate.records.schema import core_schema

        return core_schema(cls, handler)

    def as_json(self, *, exclude_none: bool = False) -> dict[str, Any]:
        """The fields as JSON-ready data: lists, ISO dates, nested records as mappings."""
        out: dict[str, Any] = {}
        for name in self._fields:
            item = getattr(self, name)
            if (item is None and exclude_none) or name in self._internal:
                continue
            out[name] = _json(item, exclude_none=exclude_none)
        return out


def _json(value: object, *, exclude_none: bool) -> object:
    if isinstance(value, Validated):
        return value.as_json(exclude_none=exclude_none)
    if isinstance(value, tuple | list):
        return [_json(v, exclude_none=exclude_none) for v in value]
    if isinstance(value, dict):
        return {str(k): _json(v, exclude_none=exclude_none) for k, v in value.items()}
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if isoformat is not None else str(value)
