"""The small immutable records the core returns."""

from __future__ import annotations

import pickle
from typing import Any, ClassVar

import pytest

from escalate.records.value import Value


class Point(Value):
    __slots__ = ("x", "y", "label")
    _defaults: ClassVar[dict[str, Any]] = {"label": None}
    x: int
    y: int
    label: str | None


def test_positional_keyword_and_default() -> None:
    assert Point(1, 2) == Point(x=1, y=2) == Point(1, y=2, label=None)
    assert Point(1, 2).label is None
    assert Point(1, 2, "a").label == "a"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((1,), {}, "missing 'y'"),
        ((1, 2, "a", 4), {}, "takes 3 values"),
        ((1, 2), {"z": 3}, "no field 'z'"),
        ((1, 2), {"x": 3}, "'x' twice"),
    ],
)
def test_bad_construction(args: tuple[Any, ...], kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)


def test_immutable_hashable_picklable_replaceable() -> None:
    point = Point(1, 2)
    with pytest.raises(AttributeError):
        point.x = 5  # type: ignore[misc]
    assert {point: "here"}[Point(1, 2)] == "here"
    assert pickle.loads(pickle.dumps(point)) == point
    assert point.replace(y=3) == Point(1, 3)
    assert point != Point(1, 3)
    assert repr(point) == "Point(x=1, y=2, label=None)"
