"""`escalate lookup` and `escalate companies`: the core, free of terminal concerns.

``lookup`` takes the catalogue, a name and the current time, and returns a result object that
the renderer prints for people or dumps as JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from escalate.errors import EscalateError, UsageError
from escalate.records.hours import OpenState, open_state
from escalate.records.models import STATES
from escalate.records.value import Value

if TYPE_CHECKING:
    from escalate.catalog.store import Catalog, IndexEntry
    from escalate.records.models import Channel, Record, Source, Unit


# NamedTuples rather than dataclasses: they cost a tenth as much to define, on every run.
class ChannelView(Value):
    channel: Channel
    unit: Unit | None
    state: OpenState | None  # None when the channel has no hours


class LookupResult(Value):
    record: Record
    origin: str
    path: str
    units: tuple[Unit, ...]  # the units shown (all, or the one asked for)
    narrowed: bool  # True when --state or a unit name picked one unit
    channels: tuple[ChannelView, ...]
    bodies: tuple[tuple[Record, tuple[ChannelView, ...], str], ...]  # (body, channels, origin)
    sources: dict[str, Source]
    now: dt.datetime
    group: Record | None = None  # the group asked for, when a member of it serves the state
    state: str | None = None  # the state asked for (--state), checked

    def body_json(self) -> dict[str, Any]:
        """The lookup document's body (the envelope is the renderer's)."""
        return {
            "now": self.now.isoformat(),
            "group": {"id": self.group.id, "name": self.group.name} if self.group else None,
            "record": _record_json(self.record, self.origin),
            "unit": _unit_json(self.units[0]) if self.narrowed else None,
            "channels": [_channel_json(v) for v in self.channels],
            "public_bodies": [
                {**_record_json(body, origin), "channels": [_channel_json(v) for v in views]}
                for body, views, origin in self.bodies
            ],
            "sources": [self.sources[s].as_json(exclude_none=True) for s in sorted(self.sources)],
        }


def _record_json(record: Record, origin: str) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.name,
        "kind": record.kind.value,
        "sector": record.sector.value if record.sector else None,
        "applies_to": [s.value for s in record.applies_to],
        "regulator": record.regulator,
        "states": list(record.states),
        "aliases": list(record.aliases),
        "timezone": record.timezone,
        "verified_on": record.verified_on.isoformat(),
        "origin": origin,
        "summary": record.summary.as_json() if record.summary else None,
        "notes": [n.as_json() for n in record.notes],
        "members": list(record.members),
    }


def _unit_json(unit: Unit) -> dict[str, Any]:
    return {"id": unit.id, "name": unit.name, "state": unit.state, "aliases": list(unit.aliases)}


def _channel_json(view: ChannelView) -> dict[str, Any]:
    data = view.channel.as_json(exclude_none=True)
    data["tier"] = view.channel.effective_tier.value
    data["unit"] = view.unit.id if view.unit else None
    if view.state is not None:
        data["open_now"] = view.state.is_open
        data["next_change"] = view.state.next_change.isoformat() if view.state.next_change else None
    return data


def _views(
    channels: tuple[Channel, ...], unit: Unit | None, timezone: str, now: dt.datetime
) -> list[ChannelView]:
    return [
        ChannelView(c, unit, open_state(c.hours, timezone=timezone, now=now) if c.hours else None)
        for c in channels
    ]


def member_serving(catalog: Catalog, record: Record, state: str) -> Record | None:
    """The group's member with its own file that serves ``state`` (Neoenergia in SP: Elektro),
    when the group's own units do not."""
    if any(u.state == state for u in record.units) or (
        not record.units and (not record.states or state in record.states)
    ):
        return None  # the record serves the state itself
    for member_id in record.members:
        entry = catalog.entries.get(member_id)
        if entry is not None and entry.kind == "company" and state in entry.states:
            return catalog.record(member_id)
    return None


def members_states(catalog: Catalog, record: Record) -> tuple[str, ...]:
    """The states the group's members with their own file serve."""
    found = (catalog.entries.get(m) for m in record.members)
    return tuple(s for e in found if e is not None for s in e.states)


def lookup(catalog: Catalog, name: str, *, state: str | None, now: dt.datetime) -> LookupResult:
    entry, unit_id = catalog.resolve(name)
    record = catalog.record(entry.id)
    if state and not unit_id and record.members:
        member = member_serving(catalog, record, state.strip().upper())
        if member is not None:
            found = lookup(catalog, member.id, state=state, now=now)
            return found.replace(group=record)
    units = record.units
    narrowed = False
    if unit_id:
        units = tuple(u for u in record.units if u.id == unit_id)
        narrowed = True
    if state:
        code = state.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", code) or code not in STATES:
            from escalate.records.models import normalize

            by_id = [u for u in record.units if u.id == normalize(state)]
            if not by_id:
                raise BadState(state)
            units, narrowed = tuple(by_id), True
            code = by_id[0].state
        elif record.units:
            units = tuple(u for u in units if u.state == code)
            narrowed = True
            if not units:
                raise StateNotServed(record, code, members_states(catalog, record))
        elif record.states and code not in record.states:
            raise StateNotServed(record, code, members_states(catalog, record))

    where = code if state else None
    if where is None and len(units) == 1 and narrowed:
        where = units[0].state
    if where is None and len(record.states) == 1:
        where = record.states[0]
    own = record.channels
    if where is not None:  # a state's Procon or ANEEL's state agency: only that state's
        own = tuple(c for c in own if c.serves(where))
    views = _views(own, None, record.timezone, now)
    for unit in units:
        views += _views(unit.channels, unit, unit.timezone or record.timezone, now)

    bodies: list[tuple[Record, tuple[ChannelView, ...], str]] = []
    if entry.kind == "company":
        for body_entry in catalog.bodies():
            if entry.sector in body_entry.applies_to:
                body = catalog.record(body_entry.id)
                usable = tuple(c for c in body.channels if c.serves(where))
                views_ = tuple(_views(usable, None, body.timezone, now))
                bodies.append((body, views_, body_entry.origin))

    used = set(record.source_ids())
    for body, _, _ in bodies:
        used |= body.source_ids()
    catalogue = catalog.sources()
    sources = {s.id: s for s in catalogue.sources if s.id in used} if catalogue else {}

    return LookupResult(
        record=record,
        origin=entry.origin,
        path=entry.path,
        units=units,
        narrowed=narrowed,
        channels=tuple(views),
        bodies=tuple(bodies),
        sources=sources,
        now=now,
        state=code if state else None,
    )


class BadState(UsageError):
    """Not one of the 27 state codes."""

    def __init__(self, state: str) -> None:
        super().__init__(f"not a state code: {state[:40]!r}", hint="use two letters, e.g. PA")
        self.state = state


class StateNotServed(EscalateError):
    """The company serves no such state; ``also``: its group members' states."""

    def __init__(self, record: Record, state: str, also: tuple[str, ...] = ()) -> None:
        served = sorted({*(record.states or {u.state for u in record.units}), *also})
        super().__init__(
            f"{record.name} has no service listed for state '{state}'",
            hint=f"it serves: {', '.join(served)}",
        )
        self.record = record
        self.state = state
        self.served = served


class CompanyRow(Value):
    id: str
    name: str
    sector: str
    states: tuple[str, ...]
    channels: int
    verified_on: str
    origin: str
    units: tuple[str, ...]
    path: str | None = None  # the file, for a record from the user's folder

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "sector": self.sector,
            "states": list(self.states),
            "channels": self.channels,
            "verified_on": self.verified_on,
            "origin": self.origin,
            "units": list(self.units),
        }


def companies(catalog: Catalog, *, state: str | None = None) -> list[CompanyRow]:
    """Every company, or with ``state`` (a checked two-letter code) those that serve it: the
    national operators, the companies whose states include it, and of a group the unit of that
    state, by the unit's own id (what to type)."""

    def row(e: IndexEntry) -> CompanyRow:
        return CompanyRow(
            id=e.id,
            name=e.name,
            sector=e.sector or "",
            states=e.states,
            channels=e.channel_count,
            verified_on=e.verified_on,
            origin=e.origin,
            units=tuple(u[0] for u in e.units),
            path=e.path if e.origin == "user" else None,
        )

    if state is None:
        return [row(e) for e in catalog.companies()]
    found: list[CompanyRow] = []
    for e in catalog.companies():
        units = [u for u in e.units if u[1] == state]
        if units:
            found += [
                row(e).replace(id=unit_id, name=unit_name, states=(state,), units=())
                for unit_id, _state, _aliases, unit_name in units
            ]
        elif not e.units and (not e.states or state in e.states):
            found.append(row(e))
    return found
