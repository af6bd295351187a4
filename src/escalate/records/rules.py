"""The records of the escalation rules: the ladder, deadlines, problems, law and checklists.

Data, not code: ``data/ladder.yaml``, ``data/problems.yaml``, ``data/law.yaml`` and
``data/checklists.yaml``, each validated by the models of its own module (``ladder``,
``problem_facts``, ``law``, ``checklist_items``; ``extra="forbid"``) with the ``check_*``
function that verifies what a schema cannot: every reference resolves, every stage is
reachable, no cycles. A command imports only the modules of the files it reads; this one
gathers them all, for the validation of the data and the cache.
"""

from escalate.records.checklist_items import (
    Checklist,
    ChecklistItem,
    Checklists,
    check_checklists,
)
from escalate.records.cited import Applies, Cited
from escalate.records.ladder import (
    Deadline,
    Ladder,
    OptionNote,
    Stage,
    Step,
    Target,
    check_ladder,
)
from escalate.records.law import Law, SmallClaims, Wage
from escalate.records.problem_facts import (
    Choice,
    Clock,
    Fact,
    Problem,
    Problems,
    Question,
    Remedy,
    check_problems,
)

__all__ = [
    "Applies",
    "Checklist",
    "ChecklistItem",
    "Checklists",
    "Choice",
    "Cited",
    "Clock",
    "Deadline",
    "Fact",
    "Ladder",
    "Law",
    "OptionNote",
    "Problem",
    "Problems",
    "Question",
    "Remedy",
    "SmallClaims",
    "Stage",
    "Step",
    "Target",
    "Wage",
    "check_checklists",
    "check_ladder",
    "check_problems",
    "cited_sources",
]


def cited_sources(ladder: Ladder, problems: Problems, law: Law) -> set[str]:
    """Every source id the rule files cite."""
    found: set[str] = set(ladder.protocol_right.sources)
    for deadline in ladder.deadlines:
        found.update(deadline.sources)
    for note in ladder.option_notes:
        found.update(note.sources)
    for fact in problems.facts:
        found.update(fact.sources)
    for clock in problems.clocks:
        found.update(clock.sources)
    for remedy in problems.remedies:
        found.update(remedy.sources)
    for wage in law.minimum_wage:
        found.update(wage.sources)
    found.update(law.juizado.sources)
    return found
