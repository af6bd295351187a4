"""escalate on the web: the same advice as the command line, as pages (the `web` extra).

``create_app`` is the ASGI factory (``uvicorn --factory escalate.web:create_app``). A local
server (``escalate web``) serves the case journal too; a hosted one (``hosted=True`` or
ESCALATE_HOSTED=1) never does, and answers to the host names in ESCALATE_ALLOWED_HOSTS
(comma-separated; ``*`` for any).
"""

from __future__ import annotations

import os
from typing import Any


def create_app(*, hosted: bool | None = None, bound: str = "127.0.0.1") -> Any:
    """The web app. ``bound``: the address the server listens on; the journal is served only
    when it is a loopback address and the app is not hosted."""
    from escalate.web.app import build, local_hosts
    from escalate.web.security import is_loopback

    if hosted is None:
        hosted = os.environ.get("ESCALATE_HOSTED", "") == "1"
    if hosted:
        raw = os.environ.get("ESCALATE_ALLOWED_HOSTS", "")
        hosts = tuple(h.strip() for h in raw.split(",") if h.strip()) or local_hosts(bound)
    else:
        hosts = local_hosts(bound)
    return build(journal=not hosted and is_loopback(bound), hosts=hosts)
