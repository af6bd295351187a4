"""Domain words (channel kinds, statuses, sectors …): string constants with an enum's manners.

``enum.StrEnum`` costs about a millisecond per class to create, and the records use nine of
them on every run. A ``Word`` class is a ``str`` subclass whose members are created once:
``Status.REPORTED == "reported"``, ``Status("reported") is Status.REPORTED``, iteration in
definition order, ``.value``, and pydantic validation that rejects any other string.
"""

from __future__ import annotations

from typing import Any


class _WordMeta(type):
    _members: dict[str, Word]

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        words = {k: v for k, v in namespace.items() if k.isupper() and isinstance(v, str)}
        rest = {k: v for k, v in namespace.items() if k not in words}
        cls = super().__new__(mcls, name, bases, rest)
        members: dict[str, Word] = {}
        for attr, text in words.items():
            member = str.__new__(cls, text)
            members[text] = member
            type.__setattr__(cls, attr, member)
        type.__setattr__(cls, "_members", members)
        return cls

    def __call__(cls, value: Any) -> Any:
        try:
            return cls._members[value]
        except (KeyError, TypeError):
            raise ValueError(f"{value!r} is not one of {', '.join(cls._members)}") from None

    def __iter__(cls) -> Any:
        return iter(cls._members.values())

    def __len__(cls) -> int:
        return len(cls._members)

    def __contains__(cls, value: object) -> bool:
        return value in cls._members


class Word(str, metaclass=_WordMeta):
    __slots__ = ()

    @property
    def value(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str.__repr__(self)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self),))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            _validator(cls),
            json_schema_input_schema=core_schema.literal_schema(list(cls._members)),
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="json"),
        )


def _validator(cls: Any) -> Any:
    def validate(value: Any) -> Any:
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in cls._members:
            return cls._members[value]
        quoted = [f"'{m}'" for m in cls._members]
        choices = ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else quoted[0]
        raise ValueError(f"Input should be {choices}")

    return validate
