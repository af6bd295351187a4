"""The limits of what the case journal holds, shared by the command line and the backup import:
one set of rules for typed arguments and for files from outside."""

from __future__ import annotations

import datetime as dt

TITLE_MAX = 200  # characters of a case title
PROTOCOL_MAX = 100  # characters of a protocol number
NOTE_MAX = 1000  # characters of a contact's note
STORY_MAX = 4000  # characters of a case's story, in the person's own words (lines allowed)
ACCOUNT_MAX = 40  # characters of an installation, customer, contract or line number
WANT_MAX = 5  # remedies asked for in one case
EARLIEST_DATE = dt.date(1990, 9, 11)  # the Consumer Defence Code (Lei 8.078/1990): nothing before

BACKUP_MAX_BYTES = 16 * 1024 * 1024  # a backup of 10,000 cases with notes is about 10 MB
BACKUP_MAX_CASES = 10_000
BACKUP_MAX_CONTACTS = 1_000  # per case
