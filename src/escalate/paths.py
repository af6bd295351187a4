"""Every path the program uses: shipped data, the user's folder, the cache.

``ESCALATE_HOME`` overrides the user folder (tests and portable installs); otherwise
platformdirs decides. platformdirs is imported only when it is needed.
"""

from __future__ import annotations

import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def shipped_data_dir() -> Path:
    """The read-only data shipped inside the package (``escalate/data``)."""
    return _HERE / "data"


def user_home() -> Path:
    override = os.environ.get("ESCALATE_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("escalate", appauthor=False))


def user_companies_dir() -> Path:
    return user_home() / "companies"


def cache_dir() -> Path:
    override = os.environ.get("ESCALATE_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("escalate", appauthor=False))
