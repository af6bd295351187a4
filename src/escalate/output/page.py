"""The terminal's lines as an HTML fragment, for the web pages: the same view model, the same
words in the same order as `escalate advise` or `escalate checklist` prints them.

A section title (bold underline) becomes a heading, a bold line alone a sub-heading, bullets
and boxes list items; contact segments (the terminal's cyan) link their phone numbers with
``tel:`` and every web address with a link. Everything is escaped; nothing here trusts text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from escalate.output.terminal import Line

# A Brazilian number as the data writes it: 0800 701 01 02, (81) 3217-6990, 4004-0001; a short
# code (167, 116) only as a contact segment of its own, never a house number in an address.
PHONE = re.compile(
    r"(?<![\w/-])(?:\(\d{2}\) ?\d{4,5}-\d{4}|0[358]00(?: ?\d){7,8}|\d{4}-\d{4})(?![\w/-])"
)
SHORT = re.compile(r"\*?\d{3,5}")
# The national emergency numbers where the advice names them with their service ("os
# Bombeiros, 193", "SAMU, no 192", "the fire brigade (193)"): a tap calls them. A bare 193
# is left alone: it may be an article of a law, an amount, part of a protocol.
EMERGENCY = (
    r"(?i:bombeiros|samu|fire brigade)(?: \(ambulance\))?(?:,? (?:no|on))?,? \(?"
    r"(?P<emergency>19[23])(?![\w/-]|[.,]\d)"
)
URL = re.compile(r"https?://[^\s<>\"')]+")
# A command the terminal suggests ("escalate checklist ouvidoria"): a link on the web.
COMMAND = re.compile(r"escalate (?:checklist|lookup|tree|companies)(?: [\w-]+)*")
BULLETS = ("• ", "☐ ", "→ ", "■ ", "⚠ ", "ℹ ")


def tel(number: str) -> str:
    """The tel: address of a number as written (digits only)."""
    return "tel:" + re.sub(r"\D", "", number)


# A command's web page and the words that name it there ("escalate checklist procon" →
# the Procon checklist, "Reclamação no Procon"), or None to leave the command as it is.
Commands = Callable[[str], tuple[str, str] | None]


def _linked(text: str, *, phones: bool, commands: Commands | None) -> Markup:
    if phones and SHORT.fullmatch(text.strip()) and not text.strip().startswith("*"):
        number = text.strip()
        return Markup('{}<a href="{}">{}</a>').format(
            text[: text.index(number)], tel(number), number
        )
    out: list[Markup | str] = []
    pos = 0
    parts = [URL.pattern, COMMAND.pattern, EMERGENCY] + ([PHONE.pattern] if phones else [])
    for match in re.finditer("|".join(f"(?:{p})" for p in parts), text):
        found = shown = match.group()
        start = match.start()
        if match.group("emergency"):
            start, shown = match.start("emergency"), match.group("emergency")
            href = tel(shown)
        elif found.startswith("http"):
            href = found
        elif found.startswith("escalate "):
            page = commands(found) if commands is not None else None
            if page is None:
                continue
            href, shown = page
        else:
            href = tel(found)
        out.append(escape(text[pos:start]))
        out.append(Markup('<a href="{}">{}</a>').format(href, shown))
        pos = match.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def text_html(text: str, *, commands: Commands | None = None) -> Markup:
    """One line of plain text, escaped, its web addresses and the commands it names linked."""
    return _linked(text, phones=False, commands=commands)


def _segment(text: str, style: str, commands: Commands | None) -> Markup:
    words = style.split()
    body = _linked(text, phones="cyan" in words, commands=commands)
    classes = " ".join(f"s-{w}" for w in words if w.isalpha())
    if not classes:
        return body
    tag = "strong" if "bold" in words else "span"
    return Markup('<{0} class="{1}">{2}</{0}>').format(Markup(tag), classes, body)


def _kind(line: Line) -> str:
    styles = {style for text, style in line if text.strip()}
    text = "".join(text for text, _ in line)
    if len(styles) == 1 and text == text.lstrip():
        (style,) = styles
        if "underline" in style.split():
            return "h"
        if style == "bold" and len(text) < 80:
            return "sub"
    return "p"


def lines_html(lines: list[Line], *, level: int = 2, commands: Commands | None = None) -> Markup:
    """``lines`` as headings, paragraphs and lists; ``level``: the section headings' level;
    ``commands``: the web page of a command the terminal suggests, and its words there."""
    out: list[Markup] = []
    in_list = False
    seen_heading = False
    for line in lines:
        text = "".join(t for t, _ in line)
        if not text.strip():
            if in_list:
                out.append(Markup("</ul>"))
                in_list = False
            continue
        kind = _kind(line)
        if kind in ("h", "sub"):
            if in_list:
                out.append(Markup("</ul>"))
                in_list = False
            h = level if kind == "h" or not seen_heading else level + 1
            seen_heading = seen_heading or kind == "h"
            out.append(Markup("<h{0}>{1}</h{0}>").format(h, text.strip()))
            continue
        depth = (len(text) - len(text.lstrip(" "))) // 2
        stripped = [(t, s) for t, s in line]
        first = stripped[0][0].lstrip(" ")
        stripped[0] = (first, stripped[0][1])
        body = Markup("").join(_segment(t, s, commands) for t, s in stripped if t)
        if first.startswith(BULLETS) and depth:
            if not in_list:
                out.append(Markup('<ul class="lines">'))
                in_list = True
            out.append(Markup('<li class="d{}">{}</li>').format(min(depth, 4), body))
            continue
        if in_list and depth >= 2:  # a bullet's own detail lines stay with it
            out.append(Markup('<li class="more d{}">{}</li>').format(min(depth, 4), body))
            continue
        if in_list:
            out.append(Markup("</ul>"))
            in_list = False
        out.append(Markup('<p class="d{}">{}</p>').format(min(depth, 4), body))
    if in_list:
        out.append(Markup("</ul>"))
    return Markup("\n").join(out)
