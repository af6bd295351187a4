"""Human output. The only module that imports rich.

Each view is first laid out as lines of (text, style) segments. In a terminal rich prints them
with colour (honouring NO_COLOR and the width); through a pipe they are written as plain text,
without loading rich at all, so scripts and shell completion stay fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from escalate.i18n import SOURCE, day_text, t
from escalate.records.hours import day_name, describe
from escalate.records.models import ChannelKind, Status, Tier

if TYPE_CHECKING:
    from escalate.advice.lookup import ChannelView, CompanyRow, LookupResult
    from escalate.records.hours import OpenState
    from escalate.records.models import Channel, Record, Source

Segment = tuple[str, str]  # (text, rich style)
Line = list[Segment]

MARKS = {Status.OFFICIAL: "", Status.REPORTED: " *", Status.DISPUTED: " !"}
MARK_STYLE = {Status.OFFICIAL: "", Status.REPORTED: "yellow", Status.DISPUTED: "bold red"}
TIER_ORDER = (
    Tier.EMERGENCY,
    Tier.FIRST_LINE,
    Tier.OUVIDORIA,
    Tier.SELF_SERVICE,
    Tier.SPECIAL,
    Tier.EXTERNAL,
)
OLD_SOURCE_YEARS = 4


def emit(lines: list[Line], *, stream: TextIO | None = None, width: int | None = None) -> None:
    """Lines to the terminal (styled by rich) or a pipe (plain). The one place terminal text
    is written: every piece passes the cleaner, so no control or bidi character from data
    (a user file, an old journal) reaches the screen, whoever built the line.

    Lines longer than the width are wrapped here (`wrap`), each continuation indented like
    the first line's text: at the terminal's width, or through a pipe at ``width`` or a
    valid COLUMNS; through a pipe with neither, lines are left whole."""
    from escalate.printable import printable

    stream = stream or sys.stdout
    if not stream.isatty():
        width = width or _known_width()
        plain = [[(printable(text), style) for text, style in line] for line in lines]
        if width is not None:
            plain = [part for line in plain for part in wrap(line, width)]
        stream.write("".join("".join(text for text, _ in line) + "\n" for line in plain))
        stream.flush()  # a full disk or closed pipe is reported now, not at exit
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=False, width=width or _width())
    for line in lines:
        cleaned = [(printable(text), style or "") for text, style in line]
        for part in wrap(cleaned, console.width):
            # Already as wide as the screen: rich must neither wrap nor crop it again (a
            # token wider than the screen, a URL, is left to the terminal).
            console.print(Text.assemble(*part), soft_wrap=True)


def safe(text: str) -> str:
    from escalate.printable import printable

    return printable(text)


def emit_error(message: str, hint: str | None = None) -> None:
    """One line on stderr ("escalate: erro: …" in Portuguese), and the hint under it."""
    from escalate.i18n import process_lang

    lang = process_lang()
    sys.stderr.write(f"escalate: {t(lang, 'prefix.error')}: {safe(message)}\n")
    if hint:
        sys.stderr.write(f"  {t(lang, 'prefix.hint')}: {safe(hint)}\n")


def emit_warning(message: str) -> None:
    sys.stderr.write(f"escalate: {safe(message)}\n")


def _width() -> int | None:
    """COLUMNS when it is a usable width; None lets rich ask the terminal."""
    import os

    raw = os.environ.get("COLUMNS")
    if raw is None:
        return None
    try:
        width = int(raw)
    except ValueError:
        width = 0
    if width >= 20:
        return width
    try:
        return max(20, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError):
        return 80


def _known_width() -> int | None:
    """COLUMNS when it names a width (at least 20 columns); None when unset or not a number."""
    import os

    try:
        width = int(os.environ.get("COLUMNS") or "")
    except ValueError:
        return None
    return max(width, 20) if width > 0 else None


# --- wrapping --------------------------------------------------------------------------------

# What starts a line's text: continuation lines hang after it ("• ", "☐ ", "→ ", "1. ").
_MARKERS = ("• ", "☐ ", "→ ", "⚠ ", "■ ", "ℹ ")
_LEAD = " │├└─"  # indentation, and the tree's branches: its rule (│) carries down
_TREE = str.maketrans({"├": "│", "└": " ", "─": " "})


def _cells(text: str) -> int:
    """Terminal columns: East Asian wide characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    from unicodedata import combining, east_asian_width

    return sum(0 if combining(c) else 2 if east_asian_width(c) in ("W", "F") else 1 for c in text)


def _numeric(token: str) -> bool:
    """A piece of a phone number or a date (0800, 012, (19), 3755-1234, 2026-11-25)."""
    core = token.strip("(),;:.")
    return bool(core) and core[0].isdigit() and all(c.isdigit() or c in "-./+" for c in core)


def _unbreakable(token: str) -> bool:
    """A URL, an e-mail address or a number: never cut, even when wider than the screen."""
    return "://" in token or token.startswith("www.") or "@" in token or _numeric(token)


def _head(text: str) -> tuple[int, str]:
    """Where the line's text starts (after its indentation and a bullet) and the indentation
    of its continuation lines."""
    lead = len(text) - len(text.lstrip(_LEAD))
    start = lead
    rest = text[lead:]
    marker = next((m for m in _MARKERS if rest.startswith(m)), None)
    if marker is None:
        digits = len(rest) - len(rest.lstrip("0123456789"))
        if 0 < digits <= 2 and rest[digits : digits + 2] == ". ":
            marker = rest[: digits + 2]
    if marker is not None:
        start += len(marker)
    return start, text[:lead].translate(_TREE) + " " * _cells(text[lead:start])


def _units(text: str, start: int) -> list[tuple[int, int, bool]]:
    """The pieces a line may break between, as (begin, end, unbreakable): words, with a phone
    number's groups kept together (0800 012 40 50) and a mark (* or !) kept on its word."""
    import re

    units: list[tuple[int, int, bool]] = []
    last = ""
    for match in re.finditer(r"\S+", text[start:]):
        token = match.group()
        begin, end = start + match.start(), start + match.end()
        glued = units and (token in ("*", "!") or (_numeric(token) and _numeric(last)))
        if glued:
            first = units.pop()
            units.append((first[0], end, first[2] or _unbreakable(token)))
        else:
            units.append((begin, end, _unbreakable(token)))
        last = token
    return units


def wrap(line: Line, width: int) -> list[Line]:
    """One line as lines at most ``width`` columns wide, broken between words. Each
    continuation line starts with the first line's indentation, and after a bullet ("• ",
    "☐ ") hangs under the text. A phone number, a URL or an e-mail address is never split (a
    wider one overflows); another word is cut only when it is wider than the line itself."""
    text = "".join(piece for piece, _ in line)
    if len(text) <= width // 2 or _cells(text) <= width:
        return [line]
    start, indent = _head(text)
    if _cells(indent) > width // 2:
        indent = indent[: width // 2]
    rows: list[list[tuple[int, int]]] = []  # each output line: its spans of ``text``
    row = [(0, start)] if start else []
    used, prev, filled = _cells(text[:start]), start, False

    for begin, end, whole in _units(text, start):
        size = _cells(text[begin:end])
        if used + _cells(text[prev:begin]) + size <= width or (whole and not filled):
            row.append((prev, end))
            used, prev, filled = used + _cells(text[prev:end]), end, True
            continue
        if filled:  # on the next line
            rows.append(row)
            row, used, prev, filled = [], _cells(indent), begin, False
            if used + size <= width or whole:
                row.append((begin, end))
                used, prev, filled = used + size, end, True
                continue
        while prev < end:  # a word wider than the line: cut where the line ends
            cut = prev
            while cut < end and used + _cells(text[prev : cut + 1]) <= width:
                cut += 1
            cut = max(cut, prev + 1)
            row.append((prev, cut))
            used, prev, filled = used + _cells(text[prev:cut]), cut, True
            if prev < end:
                rows.append(row)
                row, used, filled = [], _cells(indent), False
    rows.append(row)
    return [_pieces(line, spans, indent if i else "") for i, spans in enumerate(rows)]


def _pieces(line: Line, row: list[tuple[int, int]], indent: str) -> Line:
    """The styled pieces of ``line`` that fall in ``row``'s spans, after ``indent``."""
    out: Line = [(indent, "")] if indent else []
    for begin, end in row:
        offset = 0
        for piece, style in line:
            a, b = max(begin, offset), min(end, offset + len(piece))
            if a < b:
                out.append((piece[a - offset : b - offset], style))
            offset += len(piece)
    return out


# --- lookup ----------------------------------------------------------------------------------


def _when(moment: dt.datetime, now: dt.datetime, lang: str) -> str:
    local_now = now.astimezone(moment.tzinfo)
    clock = moment.strftime("%H:%M")
    if moment.date() == local_now.date():
        return clock
    if moment.date() == local_now.date() + dt.timedelta(days=1):
        return t(lang, "hours.tomorrow", time=clock)
    return f"{day_name(moment.date(), lang)} {moment.strftime('%d/%m')} {clock}"


def open_text(state: OpenState, now: dt.datetime, lang: str) -> Segment:
    if state.is_open is None:
        return (t(lang, "hours_unknown"), "dim")
    if state.is_open:
        if state.always or state.next_change is None:
            return (t(lang, "open_now"), "green")
        return (t(lang, "open_until", when=_when(state.next_change, now, lang)), "green")
    if state.next_change is None:
        return (t(lang, "closed"), "red")
    return (t(lang, "closed_opens", when=_when(state.next_change, now, lang)), "red")


def label_segments(channel: Channel, lang: str) -> Line:
    """The channel's label, bold; a phone number it names ("Fale com a Cemig — 116",
    "Telefone 151") is a contact segment, as ``contact_text`` does not repeat it."""
    label = channel.label.get(lang)
    phone = channel.contact.phone
    if not phone or phone not in label:
        return [(label, "bold")]
    before, _, after = label.partition(phone)
    return [
        (part, style)
        for part, style in ((before, "bold"), (phone, "bold cyan"), (after, "bold"))
        if part
    ]


def contact_text(channel: Channel, lang: str, *, after_label: bool = True) -> str:
    """The contact as people dial or visit it; what the label already says is not repeated."""
    c = channel.contact
    label = channel.label.get(lang) if after_label else ""
    parts: list[str] = []
    if c.phone and c.phone not in label:
        parts.append(c.phone)
    if c.short_code:
        parts.append(c.short_code)
    if c.app_name:
        shown = "" if c.app_name in label else c.app_name
        if c.platforms:
            shown += " " + t(lang, "app.platforms", platforms=", ".join(c.platforms))
        parts.append(shown.strip())
    if c.email:
        parts.append(c.email)
    if c.url:
        parts.append(c.url)
    if c.address:
        parts.append(c.address.one_line())
    return " · ".join(parts)


def _old_year(channel: Channel, sources: dict[str, Source], now: dt.datetime) -> int | None:
    """The year of the newest source, when every source is dated and all are old."""
    years = [sources[s].year if s in sources else None for s in channel.sources]
    if not years or None in years:
        return None
    newest = max(y for y in years if y is not None)
    return newest if newest <= now.year - OLD_SOURCE_YEARS else None


def _channel_lines(
    view: ChannelView, lang: str, now: dt.datetime, sources: dict[str, Source]
) -> list[Line]:
    ch = view.channel
    head: Line = [("  • ", "dim"), (ch.label.get(lang), "bold")]
    contact = contact_text(ch, lang)
    if contact:
        head += [(": ", ""), (contact, "bold cyan")]
    facts: list[str] = []
    if ch.free:
        facts.append(t(lang, "free"))
    if ch.states:
        facts.append(t(lang, "only_states", states=", ".join(ch.states)))
    if ch.hours:
        facts.append(describe(ch.hours, lang))
    if facts:
        head.append((" · " + " · ".join(facts), ""))
    if view.state is not None:
        head += [(" · ", ""), open_text(view.state, now, lang)]
    head.append((MARKS[ch.status], MARK_STYLE[ch.status]))
    old = _old_year(ch, sources, now)
    if old:
        head.append((f" ({t(lang, 'old_source', year=old)})", "yellow"))
    lines = [head]
    indent = "      "
    if ch.versions:
        lines.append([(indent + t(lang, "versions"), "red")])
        for i, version in enumerate(ch.versions):
            prefix = "" if i == 0 else t(lang, "version.or") + " "
            text = " · ".join(p for p in (version.contact.phone, version.contact.short_code) if p)
            names = ", ".join(
                sources[s].publisher or s if s in sources else s for s in version.sources
            )
            lines.append([(f"{indent}  {prefix}", ""), (text, "bold"), (f" ({names}) !", "red")])
    if ch.services:
        lines.append([(indent + ch.services.get(lang), "")])
    for kw in ch.keywords:
        arg = t(lang, f"arg.{kw.argument.value}")
        send = f"{kw.keyword} {arg}".strip()
        lines.append(
            [
                (f"{indent}{t(lang, 'sms.send')} ", "dim"),
                (send, "bold"),
                (f" {t(lang, 'sms.to', code=ch.contact.short_code)}", "dim"),
                (f" — {kw.usage.get(lang)}", ""),
                (MARKS[kw.status], MARK_STYLE[kw.status]),
            ]
        )
    if ch.requires:
        needs = "; ".join(t(lang, f"req.{r.value}") for r in ch.requires)
        lines.append([(f"{indent}{t(lang, 'needs')}: {needs}", "")])
    if ch.note:
        lines.append([(indent + ch.note.get(lang), MARK_STYLE[ch.status] or "italic")])
    return lines


def _hazard_line(result: LookupResult, lang: str) -> Line:
    """Safety first: 193 and the company's emergency or 24-hour line, only when it is known."""
    if result.record.units and not result.narrowed:
        return [("⚠ " + t(lang, "hazard.units"), "bold red")]
    views = result.channels
    emergency = next(
        (v for v in views if v.channel.kind is ChannelKind.EMERGENCY and v.channel.contact.phone),
        None,
    )
    if emergency is not None:
        phone = emergency.channel.contact.phone
        status = emergency.channel.status
        return [
            ("⚠ " + t(lang, "hazard.emergency", phone=phone), "bold red"),
            (MARKS[status], MARK_STYLE[status]),
        ]
    sac = next(
        (
            v
            for v in views
            if v.channel.kind is ChannelKind.SAC
            and v.channel.hours == "24/7"
            and v.channel.contact.phone
        ),
        None,
    )
    if sac is not None:
        status = sac.channel.status
        return [
            ("⚠ " + t(lang, "hazard", phone=sac.channel.contact.phone), "bold red"),
            (MARKS[status], MARK_STYLE[status]),
        ]
    return [("⚠ " + t(lang, "hazard.no_line"), "bold red")]


def _tier_blocks(
    views: list[ChannelView],
    lang: str,
    now: dt.datetime,
    sources: dict[str, Source],
    *,
    company: bool,
) -> list[Line]:
    lines: list[Line] = []
    for tier in TIER_ORDER:
        in_tier = [v for v in views if v.channel.effective_tier is tier]
        if not in_tier:
            continue
        title = t(lang, f"tier.{tier.value}") if company else t(lang, "channels")
        if company or not lines:
            lines.append([])
            lines.append([(title, "bold underline")])
        hint_key = f"tier.{tier.value}.hint"
        if company and hint_key in SOURCE:
            lines.append([("  " + t(lang, hint_key), "dim")])
        for view in in_tier:
            lines += _channel_lines(view, lang, now, sources)
    return lines


def lookup_lines(result: LookupResult, lang: str, *, show_sources: bool = False) -> list[Line]:
    record = result.record
    company = record.kind.value == "company"
    now = result.now
    kind_text = (
        t(lang, f"sector.{record.sector.value}") if record.sector else t(lang, "sector.public-body")
    )
    title: Line = [(record.name, "bold"), (f" · {kind_text}", "")]
    states = [u.state for u in result.units] if result.narrowed else list(record.states)
    if states:
        title.append((" · " + ", ".join(states), ""))
    if record.regulator:
        reg = record.regulator.upper()
        title.append((" · " + t(lang, "regulator", name=reg), ""))
    lines: list[Line] = [title]
    if result.group is not None:
        said = t(
            lang, "group.member", group=result.group.name, state=result.state, name=record.name
        )
        lines.insert(0, [(said, "yellow")])
    if record.summary:
        lines.append([(record.summary.get(lang), "")])
    lines.append([(t(lang, "checked_on", date=day_text(lang, record.verified_on)), "dim")])
    if result.origin == "user":
        lines.append([(t(lang, "from_user", path=result.path), "yellow")])
    if company and record.sector and record.sector.value == "energy":
        lines.append([])
        lines.append(_hazard_line(result, lang))
    if record.units and not result.narrowed:
        lines.append([(t(lang, "units.hint", example=record.units[0].state), "yellow")])

    top = [v for v in result.channels if v.unit is None]
    lines += _tier_blocks(top, lang, now, result.sources, company=company)
    for unit in result.units:
        unit_views = [v for v in result.channels if v.unit is unit]
        lines.append([])
        lines.append([("■ " + t(lang, "unit", name=unit.name, state=unit.state), "bold magenta")])
        if unit.note:
            lines.append([("  " + unit.note.get(lang), "italic")])
        lines += _tier_blocks(unit_views, lang, now, result.sources, company=company)
    for note in record.notes:
        lines.append([])
        lines.append([("ℹ " + note.get(lang), "")])

    if result.bodies:
        lines.append([])
        lines.append([(t(lang, "tier.external"), "bold underline")])
        lines.append([("  " + t(lang, "tier.external.hint"), "dim")])
        for body, views, _origin in result.bodies:
            lines += _body_lines(body, views, lang, now)

    lines.append([])
    lines.append([(t(lang, "legend"), "dim")])
    if show_sources:
        lines.append([])
        lines.append([(t(lang, "sources.title"), "bold underline")])
        for source in sorted(result.sources.values(), key=lambda s: s.id):
            bits = [source.title]
            if source.publisher:
                bits.append(source.publisher)
            if source.date:
                bits.append(source.date)
            if source.url:
                bits.append(source.url)
            lines.append([(f"  [{source.id}] ", "dim"), (" · ".join(bits), "")])
    else:
        lines.append([(t(lang, "sources.hint", id=record.id), "dim")])
    return lines


def _body_lines(
    body: Record, views: tuple[ChannelView, ...], lang: str, now: dt.datetime
) -> list[Line]:
    contacts: list[Segment] = []
    for view in views:
        ch = view.channel
        shown = "" if ch.kind is ChannelKind.APP else contact_text(ch, lang, after_label=False)
        if ch.kind is ChannelKind.AGENCY:  # another body's number: never shown as the body's
            shown = ": ".join(p for p in (ch.label.get(lang), shown) if p)
        shown = shown or ch.label.get(lang)
        if contacts:
            contacts.append((" · ", ""))
        contacts.append((shown, "bold cyan" if ch.contact.phone else ""))
        if view.state is not None and not view.state.always:
            contacts += [(" (", ""), open_text(view.state, now, lang), (")", "")]
        contacts.append((MARKS[ch.status], MARK_STYLE[ch.status]))
    line: Line = [("  • ", "dim"), (body.name, "bold"), (": ", ""), *contacts]
    out = [line]
    if body.summary:
        out.append([("      " + body.summary.get(lang), "")])
    if body.local and not any(v.channel.states for v in views):
        out.append([("      " + t(lang, "local.body", name=body.name), "yellow")])
    return out


# --- companies -------------------------------------------------------------------------------


def companies_lines(rows: list[CompanyRow], lang: str) -> list[Line]:
    headers = [
        t(lang, f"col.{c}") for c in ("id", "name", "sector", "states", "channels", "verified")
    ]
    table = [
        [
            r.id,
            r.name + (" " + t(lang, "mark.user") if r.origin == "user" else ""),
            t(lang, f"sectorname.{r.sector}") if r.sector else "",
            ", ".join(r.states) or t(lang, "all_states"),
            str(r.channels),
            day_text(lang, dt.date.fromisoformat(r.verified_on)),
        ]
        for r in rows
    ]
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    lines: list[Line] = [[(fmt(headers), "bold")]]
    lines += [[(fmt(row), "")] for row in table]
    lines.append([])
    for r in rows:
        if r.origin == "user":
            path = r.path or "?"
            legend = t(lang, "mark.user.legend", mark=t(lang, "mark.user"), path=path)
            lines.append([(legend, "bold yellow")])
    lines.append([(t(lang, "companies.hint"), "dim")])
    return lines


# --- questions -------------------------------------------------------------------------------


class TerminalAsker:
    """Asks the interview's questions with rich.prompt, on the console made at call time."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(highlight=False, width=_width())

    def text(self, question: str) -> str:
        from rich.prompt import Prompt

        # Prompt.ask raises EOFError on closed input and KeyboardInterrupt on Ctrl-C;
        # the command line turns them into exit codes 2 and 130.
        if sys.stdin is None or sys.stdin.closed:
            raise EOFError
        return Prompt.ask(
            f"[bold]?[/bold] {_escape(question)}",
            console=self.console,
            default="",
            show_default=False,
        )

    def say(self, line: str) -> None:
        from rich.text import Text

        self.console.print(Text(line))


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


class LookupView(NamedTuple):
    """The view model of `escalate lookup`: the result, and whether to list the sources."""

    result: LookupResult
    show_sources: bool = False


def render_lookup_text(view: LookupView, lang: str) -> list[Line]:
    return lookup_lines(view.result, lang, show_sources=view.show_sources)


def render_lookup_json(view: LookupView, lang: str) -> dict[str, Any]:
    from escalate.output.json import envelope

    return envelope("lookup", **view.result.body_json())


def render_companies_text(rows: list[CompanyRow], lang: str) -> list[Line]:
    return companies_lines(rows, lang)


def render_companies_json(rows: list[CompanyRow], lang: str) -> dict[str, Any]:
    from escalate.output.json import envelope

    return envelope("companies", companies=[r.to_json() for r in rows])
