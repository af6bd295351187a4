"""The translations, for developers and translators (needs Babel: pip install -e '.[test]').

    python scripts/messages.py extract   # src/escalate/locale/escalate.pot from the program
    python scripts/messages.py update    # merge the .pot into each .po (new ids untranslated)
    python scripts/messages.py check     # every id translated, placeholders the same

The English texts are the message ids. Most are the program's messages, keyed by a name in
``escalate.i18n.SOURCE`` (the name is the message's context, ``msgctxt``, so that two messages
with the same English text can be translated differently); the others are the command line's
help texts, marked ``_("…")`` in ``src/escalate/cli``, and the errors of the core, marked
``N_("…")``, without a context. The build compiles
each .po into the .mo gettext reads (hatch_build.py).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "escalate"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "escalate.pot"
FIELD = re.compile(r"{([a-z_]*)[^}]*}")


def template() -> Catalog:
    sys.path.insert(0, str(ROOT / "src"))
    from escalate import __version__, i18n

    catalog = Catalog(project="escalate", version=__version__, fuzzy=False)
    for key, text in i18n.SOURCE.items():
        catalog.add(text, context=key, auto_comments=_comment(i18n.COMMENTS.get(key)))
    for key, forms in i18n.PLURALS.items():
        catalog.add(forms, context=key, auto_comments=_comment(i18n.COMMENTS.get(key)))
    for filename, lineno, message, comments, _context in extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords={"_": None, "N_": None},
        comment_tags=("TRANSLATORS:",),
    ):
        catalog.add(
            message,
            locations=[(f"src/escalate/{filename}", lineno)],
            auto_comments=comments,
        )
    for module, message in _command_docs():
        catalog.add(message, locations=[(module, 0)], auto_comments=["A command's help."])
    return catalog


def _command_docs() -> list[tuple[str, str]]:
    """Each command's docstring: its help (cli/common.described translates it)."""
    import inspect

    from escalate.cli.case import case_app
    from escalate.cli.data import data_app
    from escalate.cli.main import app

    found = []
    for group in (app, case_app, data_app):
        for info in group.registered_commands:
            doc = inspect.getdoc(info.callback)
            if doc:
                found.append((f"src/{info.callback.__module__.replace('.', '/')}.py", doc))
    return found


def _comment(text: str | None) -> list[str]:
    return [text] if text else []


def extract() -> None:
    with POT.open("wb") as fh:
        write_po(fh, template(), width=100, omit_header=False)
    print(f"wrote {POT.relative_to(ROOT)}: {len(template())} messages")


def update() -> None:
    fresh = template()
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/escalate.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        catalog.update(fresh, no_fuzzy_matching=True)
        with po.open("wb") as fh:
            write_po(fh, catalog, width=100, ignore_obsolete=True)
        print(f"updated {po.relative_to(ROOT)}")


def problems(po: Path) -> list[str]:
    """Messages without a translation, fuzzy, or whose placeholders differ from the id's."""
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=po.parent.parent.name)
    found = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        where = f"{message.context or ''} {ids[0][:50]!r}".strip()
        if message.fuzzy:
            found.append(f"{where}: fuzzy")
        if not all(strings):
            found.append(f"{where}: not translated")
            continue
        wanted = set().union(*(FIELD.findall(i) for i in ids))
        for string in strings:
            fields = set(FIELD.findall(string))
            # A plural's singular may leave out the count ("um caso"); nothing else may differ.
            if fields != wanted and not (len(ids) > 1 and fields < wanted):
                found.append(f"{where}: placeholders {sorted(fields)}")
    return found


def check() -> int:
    bad = [f"{po.relative_to(ROOT)}: {p}" for po in LOCALE.glob("*/*/*.po") for p in problems(po)]
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
