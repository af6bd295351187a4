"""The records of the catalogue: companies, public bodies, their channels, the sources.

Plain typed objects (``Validated``) at run time, unpickled from the cache; pydantic validates
them only when a file is read (``escalate.records.schema``). Every record forbids unknown keys,
so a typo in a YAML file is an error, not a silent default.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, ClassVar

from escalate.records.value import Validated

# The domain words live in words.py; callers import them from here too.
from escalate.records.words import Audience as Audience
from escalate.records.words import ChannelKind as ChannelKind
from escalate.records.words import KeywordArgument as KeywordArgument
from escalate.records.words import Membership as Membership
from escalate.records.words import RecordKind as RecordKind
from escalate.records.words import Requirement as Requirement
from escalate.records.words import Sector as Sector
from escalate.records.words import Status as Status
from escalate.records.words import Tier as Tier

if TYPE_CHECKING:  # constrained types, named in annotations; see escalate.records.schema
    from typing import Annotated

    from pydantic import Field, StringConstraints

    from escalate.records.schema import (
        Cep,
        Email,
        Id,
        NonEmpty,
        PartialDate,
        Phone,
        ShortCode,
        StateCode,
        Url,
    )

SCHEMA_VERSION = 1

# The 27 federative units (26 states and the Federal District).
# fmt: off
STATES = frozenset((
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA",
    "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
))
# fmt: on


DEFAULT_TIER = {
    ChannelKind.SAC: Tier.FIRST_LINE,
    ChannelKind.OUVIDORIA: Tier.OUVIDORIA,
    ChannelKind.EMERGENCY: Tier.EMERGENCY,
    ChannelKind.PHONE: Tier.FIRST_LINE,
    ChannelKind.WHATSAPP: Tier.FIRST_LINE,
    ChannelKind.SMS: Tier.FIRST_LINE,
    ChannelKind.CHAT: Tier.FIRST_LINE,
    ChannelKind.APP: Tier.SELF_SERVICE,
    ChannelKind.WEB: Tier.SELF_SERVICE,
    ChannelKind.EMAIL: Tier.FIRST_LINE,
    ChannelKind.IN_PERSON: Tier.FIRST_LINE,
    ChannelKind.MAIL: Tier.FIRST_LINE,
    ChannelKind.FAX: Tier.FIRST_LINE,
    ChannelKind.SOCIAL: Tier.SELF_SERVICE,
    ChannelKind.VIDEO: Tier.FIRST_LINE,
    ChannelKind.AGENT: Tier.SPECIAL,
    ChannelKind.AGENCY: Tier.EXTERNAL,
}


class Text(Validated):
    """Prose for people, in both languages the tool speaks."""

    pt: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.pt if lang == "pt" else self.en


class Sourced(Validated, kw_only=True):
    """Provenance: how sure we are, and where it comes from."""

    status: Status
    sources: Annotated[tuple[Id, ...], Field(min_length=1)]
    note: Text | None = None


class Address(Validated, kw_only=True):
    street: NonEmpty
    district: str | None = None
    city: NonEmpty
    state: StateCode
    cep: Cep | None = None
    attention: str | None = None  # "aos cuidados de …"

    def one_line(self) -> str:
        parts = [self.street, self.district, f"{self.city} – {self.state}"]
        if self.cep:
            parts.append(f"CEP {self.cep}")
        text = ", ".join(p for p in parts if p)
        return f'{text} ("{self.attention}")' if self.attention else text


class Keyword(Sourced, kw_only=True):
    """One SMS keyword: what to send, and what it does."""

    keyword: Annotated[str, StringConstraints(pattern=r"^[A-Za-zÀ-ÿ0-9]{1,20}$")]
    argument: KeywordArgument = KeywordArgument.NONE
    usage: Text


class Contact(Validated):
    phone: Phone | None = None
    short_code: ShortCode | None = None  # SMS short codes: not phone numbers, 4 to 6 digits
    url: Url | None = None
    email: Email | None = None
    address: Address | None = None
    app_name: str | None = None
    platforms: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not any(
            (self.phone, self.short_code, self.url, self.email, self.address, self.app_name)
        )


class Version(Validated):
    """One of several conflicting versions of a disputed contact."""

    contact: Contact
    sources: Annotated[tuple[Id, ...], Field(min_length=1)]


class Channel(Sourced, kw_only=True):
    id: Id
    kind: ChannelKind
    tier: Tier | None = None
    label: Text
    audience: tuple[Audience, ...] = (Audience.EVERYONE,)
    contact: Contact = Contact()
    versions: tuple[Version, ...] = ()
    hours: str | None = (
        None  # OpenStreetMap opening_hours, e.g. "24/7", "Mo-Fr 08:00-18:00; PH off"
    )
    free: bool | None = None
    requires: tuple[Requirement, ...] = ()
    services: Text | None = None  # what can be done there
    keywords: tuple[Keyword, ...] = ()
    states: tuple[StateCode, ...] = ()  # only in these states (a state's Procon); () everywhere
    nationwide: bool = False  # a channel of a 'local' body that serves every state (151)

    def serves(self, state: str | None) -> bool:
        """Whether a person in ``state`` can use it; a state channel needs the state known."""
        return not self.states or state in self.states

    @property
    def effective_tier(self) -> Tier:
        return self.tier or DEFAULT_TIER[self.kind]

    def _check(self) -> None:
        if self.versions and self.status is not Status.DISPUTED:
            raise ValueError("'versions' lists conflicting contacts: status must be 'disputed'")
        if self.versions and not self.contact.is_empty():
            raise ValueError("a channel with 'versions' must not also give a 'contact'")
        if self.keywords and not self.contact.short_code and self.kind is ChannelKind.SMS:
            raise ValueError("SMS keywords need contact.short_code")
        if self.hours is not None and not self.hours:
            raise ValueError("hours must not be empty")


class Unit(Validated, kw_only=True):
    """A company of a group serving one state, with its own channels (e.g. Equatorial Pará)."""

    id: Id
    name: str
    aliases: tuple[str, ...] = ()
    state: StateCode
    timezone: str | None = None
    channels: tuple[Channel, ...] = ()
    note: Text | None = None


class Record(Validated, kw_only=True):
    """One YAML file: a company, a group of companies or a public body."""

    id: Id
    kind: RecordKind = RecordKind.COMPANY
    name: str
    aliases: tuple[str, ...] = ()
    sector: Sector | None = None  # None for public bodies that serve every sector
    applies_to: tuple[Sector, ...] = ()  # public bodies: which sectors they handle
    regulator: Id | None = None
    rank: Annotated[int, Field(ge=0, le=99)] | None = None  # public bodies: order on the ladder
    consumidor_gov: Membership = Membership.UNKNOWN
    states: tuple[StateCode, ...] = ()
    local: bool = False  # a public body of each state or city (Procon): channels name states
    timezone: str = "America/Sao_Paulo"
    verified_on: dt.date
    summary: Text | None = None
    notes: tuple[Text, ...] = ()
    channels: tuple[Channel, ...] = ()
    units: tuple[Unit, ...] = ()
    # A group's companies that have their own file (Neoenergia → elektro): a lookup of the group
    # in a state only a member serves finds the member.
    members: tuple[Id, ...] = ()
    # Where the record came from: set by the catalogue when it reads the file, never by the
    # file itself. A record from the user's folder is marked wherever its contacts are shown.
    origin: str = "shipped"  # or "user"
    path: str | None = None
    _internal: ClassVar[frozenset[str]] = frozenset({"origin", "path"})

    @property
    def from_user(self) -> bool:
        return self.origin == "user"

    def _check(self) -> None:
        if self.kind is RecordKind.COMPANY:
            if self.sector is None:
                raise ValueError("a company needs a 'sector'")
            if self.applies_to:
                raise ValueError("'applies_to' is for public bodies; a company has a 'sector'")
        elif not self.applies_to:
            raise ValueError("a public body needs 'applies_to' (energy, telecom)")
        if not self.channels and not self.units:
            raise ValueError("a record needs at least one channel or unit")
        ids = [c.id for c in self.channels] + [c.id for u in self.units for c in u.channels]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"channel ids must be unique in a file: {', '.join(sorted(dup))}")
        if self.local:
            loose = [c.id for c in self.channels if not c.states and not c.nationwide]
            if loose:
                raise ValueError(
                    "a local body's channels name their 'states' or say 'nationwide: true': "
                    + ", ".join(loose)
                )
        if self.id in self.members:
            raise ValueError("a group's 'members' are other records, not itself")
        for unit in self.units:
            if self.states and unit.state not in self.states:
                raise ValueError(f"unit {unit.id} serves {unit.state}, not in 'states'")

    @property
    def sectors(self) -> tuple[Sector, ...]:
        return (self.sector,) if self.sector else self.applies_to

    def all_channels(self) -> tuple[Channel, ...]:
        return self.channels + tuple(c for u in self.units for c in u.channels)

    def source_ids(self) -> set[str]:
        found: set[str] = set()
        for channel in self.all_channels():
            found.update(channel.sources)
            for version in channel.versions:
                found.update(version.sources)
            for kw in channel.keywords:
                found.update(kw.sources)
        return found


class Source(Validated, kw_only=True):
    id: Id
    title: NonEmpty
    publisher: str | None = None
    url: Url | None = None
    date: PartialDate | None = None
    kind: Annotated[str, StringConstraints(pattern=r"^(official|third-party|seed|law)$")]
    note: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


class SourceCatalog(Validated):
    verified_on: dt.date
    sources: tuple[Source, ...]


def normalize(text: str) -> str:
    """Fold case and accents; hyphens between words: 'Neoenergia Elektro' → 'neoenergia-elektro'."""
    if text.isascii():
        plain = text.lower()
    else:
        import unicodedata

        folded = unicodedata.normalize("NFKD", text.casefold())
        plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NON_WORD.sub("-", plain).strip("-")


_NON_WORD = re.compile(r"[^a-z0-9]+")


# Each sector's regulator (a public body's id): ANEEL for energy, Anatel for telecom.
REGULATORS = {Sector.ENERGY: "aneel", Sector.TELECOM: "anatel"}
