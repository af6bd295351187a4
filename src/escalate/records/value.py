"""Small immutable records for results, cheap to define.

Dataclasses and NamedTuples generate code with ``exec`` for every class, and this program
defines a dozen of them on every run (a measured tenth of its time budget). A ``Value``
subclass only lists its fields in ``__slots__`` and its defaults in ``_defaults``.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Value:
    __slots__: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self.__slots__
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} values, got {len(args)}")
        given = dict(zip(names, args, strict=False))
        for key, value in kwargs.items():
            if key not in names:
                raise TypeError(f"{type(self).__name__} has no field '{key}'")
            if key in given:
                raise TypeError(f"{type(self).__name__} got '{key}' twice")
            given[key] = value
        for name in names:
            if name in given:
                value = given[name]
            elif name in self._defaults:
                value = self._defaults[name]
            else:
                raise TypeError(f"{type(self).__name__} is missing '{name}'")
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())

    def replace(self, **changes: Any) -> Any:
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return type(self)(**values)


class Plain(Value):
    """A Value that pydantic validates as a mapping with exactly these fields.

    For the small records used inside the pydantic models (Text, Contact, Address …): pydantic
    accepts them through ``__get_pydantic_core_schema__``, so a typo is still an error with
    its location, but the class costs a fraction of a pydantic model to create on every run.
    Field types come from the class annotations, read only when a file is validated.
    """

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        import typing

        from pydantic_core import core_schema as cs

        hints = typing.get_type_hints(cls, include_extras=True)
        fields = {
            name: cs.typed_dict_field(
                handler.generate_schema(hints[name]), required=name not in cls._defaults
            )
            for name in cls.__slots__
        }
        mapping = cs.typed_dict_schema(fields, extra_behavior="forbid")
        return cs.no_info_after_validator_function(
            lambda data: cls(**data),
            mapping,
            serialization=cs.plain_serializer_function_ser_schema(
                _dump_for_pydantic, info_arg=True
            ),
        )

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        return _dump(self, json_mode=mode == "json", exclude_none=exclude_none)


def _dump(value: Any, *, json_mode: bool, exclude_none: bool) -> Any:
    if isinstance(value, Plain):
        out = {}
        for name in value.__slots__:
            item = getattr(value, name)
            if item is None and exclude_none:
                continue
            out[name] = _dump(item, json_mode=json_mode, exclude_none=exclude_none)
        return out
    if isinstance(value, tuple | list):
        items = [_dump(v, json_mode=json_mode, exclude_none=exclude_none) for v in value]
        return items if json_mode else tuple(items)
    if json_mode and not isinstance(value, str | int | float | bool | type(None)):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return value


def _dump_for_pydantic(value: Any, info: Any) -> Any:
    return _dump(value, json_mode=info.mode == "json", exclude_none=bool(info.exclude_none))
