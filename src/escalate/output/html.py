"""HTML pages from templates (Jinja2, autoescaped), for the documents of a case and, later, the
web front. Jinja2 is imported only when a page is written.

Values reach a template as plain text: autoescaping writes them as HTML, and the ``visible``
filter turns control characters (and everything else ``str.isprintable`` refuses) into '?'.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"

LINE_BREAK = re.compile(r"\r\n|\r|\n")  # any line break, as people's text has them


def visible(text: object, *, cell: bool = False) -> str:
    """Control characters (and every other character ``str.isprintable`` refuses: lone
    surrogates, separators other than the space) become '?'; in a table cell a line break is a
    space."""
    text = str(text)
    if cell:
        text = LINE_BREAK.sub(" ", text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else "?" for ch in text)


@functools.cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["visible"] = visible
    return env


def page(template: str, **values: Any) -> str:
    """The template ``template`` (a file in ``templates/``) filled with ``values``."""
    return environment().get_template(template).render(**values)
