"""A core error said to the person, in their language: one line and maybe a hint.

The core raises typed errors that carry what went wrong (the name not found, the state a
company does not serve, the valid stages); both fronts, the command line and the web pages,
say them here, so a Portuguese page and a Portuguese terminal give the same line. The hints
name commands and options: the command line shows them, a web page only the line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from escalate.errors import EscalateError, UnknownName, UsageError
from escalate.i18n import t
from escalate.printable import printable

if TYPE_CHECKING:
    from escalate.records.models import Record, Sector

T = TypeVar("T")


def explained(
    call: Callable[[], T], lang: str, *, stage: str | None = None, problem: str | None = None
) -> T:
    """Run a core entry point; its typed errors become one line in ``lang`` (``stage`` and
    ``problem``: what the person typed, shown when it is not known)."""
    try:
        return call()
    except EscalateError as exc:
        said = explain(exc, lang, stage=stage, problem=problem)
        if said is exc:
            raise
        raise said from None


def explain(
    exc: EscalateError, lang: str, *, stage: str | None = None, problem: str | None = None
) -> EscalateError:
    """The error to show for ``exc``: the same error when it says itself (``said``)."""
    from escalate import entry
    from escalate.advice import advisor
    from escalate.advice.checklists import UnknownChannel
    from escalate.advice.lookup import StateNotServed

    if isinstance(exc, UnknownChannel):
        return unknown_channel(exc, exc.name, exc.channels, lang)
    if isinstance(exc, UnknownName):
        return unknown_name(exc, lang)
    if isinstance(exc, entry.NotACompany):
        return EscalateError(t(lang, "err.not_company", name=exc.record.name, id=exc.record.id))
    if isinstance(exc, entry.BadState):
        return UsageError(t(lang, "err.state.bad", state=exc.state[:40]))
    if isinstance(exc, entry.BadSector):
        return UsageError(t(lang, "err.sector.bad", sector=printable(exc.sector, 40)))
    if isinstance(exc, StateNotServed):
        return EscalateError(
            t(
                lang,
                "err.state",
                name=exc.record.name,
                state=exc.state[:10],
                states=", ".join(exc.served),
            )
        )
    if isinstance(exc, entry.SectorMismatch):
        return UsageError(
            t(
                lang,
                "err.sector",
                company=exc.record.name,
                sector=sector_name(exc.record, lang),
                given=t(lang, f"sectorname.{exc.sector}"),
            )
        )
    if isinstance(exc, entry.ChannelNotForSector):
        return UsageError(
            t(
                lang,
                "err.channel_sector",
                channel=exc.checklist.title.get(lang),
                sectors=sectors_text(exc.checklist.sectors, lang),
                company=exc.record.name,
                sector=sector_name(exc.record, lang),
            )
        )
    if isinstance(exc, entry.ProblemNotForSector):
        return problem_sector_error(exc.problem, exc.record, lang)
    if isinstance(exc, advisor.UnknownStage):
        return UsageError(
            t(lang, "err.stage", stage=(stage or exc.stage)[:40]),
            hint=t(lang, "err.stage.hint", stages=", ".join(exc.valid)),
        )
    if isinstance(exc, advisor.UnknownProblem):
        return UsageError(
            t(lang, "err.problem", problem=(problem or exc.problem)[:40]),
            hint=t(lang, "err.problem.hint", problems=", ".join(exc.valid)),
        )
    if isinstance(exc, advisor.UnknownChoice):
        return UsageError(
            t(lang, "err.choice", option=exc.question, value=printable(exc.value, 40)),
            hint=t(lang, "err.choice.hint", choices=", ".join(exc.valid)),
        )
    return exc


def unknown_company(exc: UnknownName, lang: str, *, sector_hint: bool = False) -> EscalateError:
    """A name the catalogue does not have, in one line; the hint offers close company names
    (never a public body), names `escalate companies` and, for `advise` (``sector_hint``),
    the --sector that gives the sector's general advice."""
    names = ", ".join(exc.suggestions)
    if sector_hint:
        hint = t(lang, "unknown.sector.did_you_mean", names=names) if names else None
        hint = hint or t(lang, "unknown.sector")
    else:
        hint = t(lang, "unknown.did_you_mean", names=names) if names else t(lang, "unknown.list")
    return EscalateError(t(lang, "unknown.company", name=printable(exc.name, 60)), hint=hint)


def unknown_name(exc: UnknownName, lang: str) -> EscalateError:
    """A name the catalogue does not have: a company's own line (unknown_company), or the
    line for any name (a public body)."""
    from escalate.entry import UnknownCompany

    if isinstance(exc, UnknownCompany):
        return unknown_company(exc, lang)
    hint = (
        t(lang, "err.did_you_mean", names=", ".join(exc.suggestions))
        if exc.suggestions
        else t(lang, "err.list_hint")
    )
    return EscalateError(t(lang, "err.unknown", name=printable(exc.name, 60)), hint=hint)


def unknown_channel(
    exc: UnknownName,
    name: str,
    channels: Iterable[str],
    lang: str,
    *,
    kind: type[EscalateError] = EscalateError,
) -> EscalateError:
    """A channel no checklist has (``kind``: the error its command answers with)."""
    hint = (
        t(lang, "err.did_you_mean", names=", ".join(exc.suggestions))
        if exc.suggestions
        else t(lang, "err.channel.hint", channels=", ".join(channels))
    )
    return kind(t(lang, "err.channel", name=printable(name, 40)), hint=hint)


def sectors_text(sectors: Iterable[Sector], lang: str) -> str:
    return ", ".join(t(lang, f"sectorname.{s.value}") for s in sectors)


def sector_name(record: Record, lang: str) -> str:
    """The company's sector, in words ("energia elétrica")."""
    return t(lang, f"sectorname.{record.sector.value if record.sector else ''}")


def problem_sector_error(found: Any, record: Record, lang: str) -> EscalateError:
    """A problem of one sector asked of a company of the other."""
    return UsageError(
        t(
            lang,
            "err.problem_sector",
            problem=found.id,
            sectors=sectors_text(found.sectors, lang),
            company=record.name,
            sector=sector_name(record, lang),
        )
    )
