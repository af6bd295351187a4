"""HTML pages from templates (Jinja2, autoescaped), for the documents of a case and the web
front (its own folder of templates). Jinja2 is imported only when a page is written.

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
def environment(folder: Path = TEMPLATES, *, strict: bool = True) -> jinja2.Environment:
    """The templates of ``folder``, autoescaped. ``strict``: a missing value is an error (the
    documents); the web pages test optional values in their shared layout. Every value
    written passes ``visible``, except the markup the output layer made (already escaped)."""
    import jinja2
    from markupsafe import Markup

    def shown(value: Any) -> Any:
        return value if isinstance(value, Markup) or value is None else visible(value)

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined if strict else jinja2.Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=None if strict else shown,
    )
    env.filters["visible"] = visible
    return env


def pass_context(function: Any) -> Any:
    """Jinja2's pass_context, for a template function that reads the page's values."""
    import jinja2

    return jinja2.pass_context(function)


def page(template: str, **values: Any) -> str:
    """The template ``template`` (a file in ``templates/``) filled with ``values``."""
    return environment().get_template(template).render(**values)
