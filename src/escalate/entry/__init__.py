"""The core's entry points: what the command line (and a web front) call, keyword-only, with
parsed values in and result objects out. No parsing of text, no terminal, no language: the
caller parses its input, renders the result and says each error in the person's language."""

from escalate.entry.advising import (
    AdviceResult,
    BadState,
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

__all__ = [
    "AdviceResult",
    "BadState",
    "NotACompany",
    "ProblemNotForSector",
    "SectorMismatch",
    "UnknownCompany",
    "advise_for",
    "bodies_for",
    "case_company",
    "case_result",
    "find_company",
    "sector_of",
    "serving",
    "state_code",
]
