"""Text from the input or the file system, made safe to show on one line of a terminal."""

from __future__ import annotations


def printable(text: str, limit: int | None = None) -> str:
    """Control characters (escape sequences, line breaks) and undecodable bytes become '?';
    with ``limit``, text longer than that is cut and ends in '...'."""
    if not (text.isascii() and text.isprintable()):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        text = "".join(ch if ch.isprintable() and ch != "\ufffd" else "?" for ch in text)
    if limit is not None and len(text) > limit:
        return text[: limit - 3] + "..."
    return text
