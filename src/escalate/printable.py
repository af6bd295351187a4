"""Text from the input or the file system, made safe to show on one line of a terminal."""

from __future__ import annotations

from typing import Any


def printable(text: str, limit: int | None = None) -> str:
    """Control characters (escape sequences, line breaks) and undecodable bytes become '?';
    with ``limit``, text longer than that is cut and ends in '...'."""
    if not text.isprintable():
        try:  # undecodable bytes kept by the file system as lone surrogates
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:  # a surrogate that stands for no byte
            text = text.encode("utf-8", "replace").decode("utf-8", "replace")
        text = "".join(ch if ch.isprintable() and ch != "\ufffd" else "?" for ch in text)
    if limit is not None and len(text) > limit:
        return text[: limit - 3] + "..."
    return text


def cleaned(value: Any) -> Any:
    """Every string in a parsed tree (dicts, lists) made printable; other values unchanged."""
    if isinstance(value, str):
        return value if value.isprintable() else printable(value)
    if isinstance(value, dict):
        return {k: cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [cleaned(v) for v in value]
    return value
