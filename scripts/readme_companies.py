"""The README's list of the companies escalate covers, written from the shipped data.

    python scripts/readme_companies.py    # rewrite the list between its markers in README.md

tests/test_docs.py checks that the list in the README is the one this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- companies:start -->", "<!-- companies:end -->"


def table() -> str:
    """One row per company (a group's units on its row), energy first, by name."""
    sys.path.insert(0, str(ROOT / "src"))
    from escalate.catalog import store

    catalog = store.load(
        shipped=ROOT / "src" / "escalate" / "data", user_companies=None, cache_file=None
    )
    rows = []
    for entry in sorted(catalog.companies(), key=lambda e: (e.sector or "", e.name.lower())):
        record = catalog.record(entry.id)
        units = ", ".join(f"`{u.id}` ({u.state})" for u in record.units)
        for member_id in record.members:  # a member with its own row: named on the group's
            member = catalog.entries[member_id]
            units += f"; also `{member_id}` ({', '.join(member.states)}), its own record"
        states = ", ".join(record.states) or ("—" if record.units else "todo o Brasil / all")
        rows.append(f"| {entry.sector} | {record.name} | `{record.id}` | {units or states} |")
    head = "| sector | company | id | states (units) |\n|---|---|---|---|"
    return "\n".join([head, *rows])


def section() -> str:
    return f"{START}\n{table()}\n{END}"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    README.write_text(text[:start] + section() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
