"""Text from the input or the file system, made safe to show on one line of a terminal."""

from __future__ import annotations


def printable(text: str) -> str:
    """Control characters (escape sequences, line breaks) and undecodable bytes become '?'."""
    if text.isascii() and text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() and ch != "\ufffd" else "?" for ch in text)
