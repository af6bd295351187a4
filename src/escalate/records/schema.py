"""How pydantic validates the records read from data files: imported only to validate.

The records themselves (``Validated`` subclasses) are plain typed objects and never import
pydantic; a run that reads the cache never imports this module. Here are the constrained types
their annotations name (``Id``, ``NonEmpty`` …), the core schema built from a class's
annotations, and ``validate``, the one call that turns parsed YAML into a record.
"""

from __future__ import annotations

import functools
import typing
from typing import Annotated, Any, TypeVar

from pydantic import Field, StringConstraints, TypeAdapter
from pydantic_core import CoreConfig
from pydantic_core import core_schema as cs

from escalate.records.value import Validated

# The names a record's annotations may use besides its module's own: Annotated and Field
# for constraints written in place, and these aliases.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
ShortCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{4,6}$")]  # SMS: 26530, 29810
# Phone numbers are stored as people write them; the data tests check them with phonenumbers.
Phone = Annotated[str, StringConstraints(pattern=r"^[0-9 ()+-]{3,24}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Cep = Annotated[str, StringConstraints(pattern=r"^[0-9]{5}-[0-9]{3}$")]
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]

NAMES: dict[str, Any] = {
    "Annotated": Annotated,
    "Field": Field,
    "StringConstraints": StringConstraints,
    "Id": Id,
    "StateCode": StateCode,
    "NonEmpty": NonEmpty,
    "ShortCode": ShortCode,
    "Phone": Phone,
    "Email": Email,
    "Url": Url,
    "Cep": Cep,
    "PartialDate": PartialDate,
}

# Every record: unknown keys are errors (a typo is not a silent default), text is stripped.
_CONFIG = CoreConfig(str_strip_whitespace=True)

R = TypeVar("R", bound=Validated)


def core_schema(cls: type[Validated], handler: Any) -> cs.CoreSchema:
    """A mapping with exactly the class's fields (those without a default required), made
    into the record, then checked by its ``_check``."""
    hints = typing.get_type_hints(cls, localns=NAMES, include_extras=True)
    fields: dict[str, cs.TypedDictField] = {
        name: cs.typed_dict_field(
            handler.generate_schema(hints[name]), required=name not in cls._defaults
        )
        for name in cls._fields
        if name not in cls._internal
    }
    mapping = cs.typed_dict_schema(fields, extra_behavior="forbid", config=_CONFIG)
    check = getattr(cls, "_check", None)

    def build(data: dict[str, Any]) -> Validated:
        record = cls(**data)
        if check is not None:
            check(record)
        return record

    return cs.no_info_after_validator_function(build, mapping)


@functools.cache
def _adapter(cls: type[Validated]) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def validate(cls: type[R], raw: object) -> R:
    """The record ``raw`` (parsed YAML) describes; pydantic's ValidationError otherwise."""
    record: R = _adapter(cls).validate_python(raw)
    return record
