"""The one JSON envelope of every document the program prints: ``schema_version`` and
``kind`` first, then the body. Each kind's schema is in docs/schemas/."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_VERSION = 1  # of every document kind; a kind's schema changes → this changes


def envelope(kind: str, **body: Any) -> dict[str, Any]:
    """A document of ``kind`` (advice, case, cases, checklist, companies, contact, journal,
    lookup, validation) with its body."""
    return {"schema_version": SCHEMA_VERSION, "kind": kind, **body}


def text(document: dict[str, Any], *, ascii_only: bool = False) -> str:
    """The document as indented JSON; ``ascii_only`` escapes non-ASCII characters (\\u00e1)
    for a stream that cannot write UTF-8: never "?" inside a JSON document."""
    return json.dumps(document, ensure_ascii=ascii_only, indent=2)
