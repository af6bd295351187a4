"""The core's entry points: what the command line (and a web front) call, keyword-only, with
parsed values in and result objects out. No parsing of text, no terminal, no language: the
caller parses its input, renders the result and says each error in the person's language."""

from escalate.advice.lookup import BadState
from escalate.entry.advising import (
    AdviceResult,
    BadSector,
    NotACompany,
    ProblemNotForSector,
    SectorMismatch,
    UnknownCompany,
    advise_for,
    bodies_for,
    case_company,
    case_result,
    find_company,
    sector_of,
    serving,
    state_code,
)
from escalate.entry.checklists import ChannelNotForSector, checklist_for

__all__ = [
    "AdviceResult",
    "BadSector",
    "BadState",
    "ChannelNotForSector",
    "NotACompany",
    "ProblemNotForSector",
    "SectorMismatch",
    "UnknownCompany",
    "advise_for",
    "bodies_for",
    "case_company",
    "case_result",
    "checklist_for",
    "find_company",
    "sector_of",
    "serving",
    "state_code",
]
