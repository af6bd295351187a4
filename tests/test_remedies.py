"""Remedies: what a person may ask the company for, per problem and sector, with its rule."""

from __future__ import annotations

import re

import pytest

from escalate.advice import advisor
from escalate.records.models import Sector, Status
from escalate.records.rules import Applies, Problems, Remedy, check_problems, cited_sources

E, T = Sector.ENERGY, Sector.TELECOM

# (problem, sector) → the remedy ids offered, in file order. A sector of None (not known) gives
# the versions of every sector.
EXPECTED = [
    ("reconnection", E, ["reconnect", "reconnect-wrongful"]),
    ("reconnection", T, []),
    ("reconnection", None, ["reconnect", "reconnect-wrongful"]),
    ("billing", E, ["refund-double"]),
    ("billing", T, ["correct-bill", "refund-double"]),
    ("billing", None, ["correct-bill", "refund-double", "refund-double"]),
    ("meter-fraud", E, ["toi-copy", "meter-inspection", "refund-double"]),
    ("damaged-appliance", E, ["repair-or-pay"]),
    ("damaged-appliance", T, []),
    ("outage", E, ["outage-credit"]),
    ("outage", T, ["outage-credit", "cancel-no-fine"]),
    ("service-quality", E, ["outage-credit"]),
    ("service-quality", T, ["outage-credit", "cancel-no-fine"]),
    ("cancellation", E, ["withdraw-7-days"]),
    ("cancellation", T, ["cancel", "cancel-no-fine", "withdraw-7-days"]),
    ("credit-listing", E, ["correct-listing"]),
    ("credit-listing", T, ["correct-listing"]),
    ("hazard", E, []),
    ("technical-visit", T, []),
    ("disconnection-notice", E, []),
    ("new-connection", E, []),
    ("other", T, []),
    (None, E, []),
    ("ghosts", None, []),
]


@pytest.mark.parametrize(("problem", "sector", "expected"), EXPECTED)
def test_remedies_per_problem_and_sector(
    rules: advisor.Rules, problem: str | None, sector: Sector | None, expected: list[str]
) -> None:
    assert [r.id for r in rules.problems.remedies_for(problem, sector)] == expected


def test_each_version_of_a_remedy_has_its_own_rule(rules: advisor.Rules) -> None:
    energy = rules.problems.remedies_for("billing", E)[0]
    telecom = rules.problems.remedies_for("billing", T)[1]
    assert energy.id == telecom.id == "refund-double"
    assert "art. 323, II" in energy.rule and "art. 42" in energy.rule
    assert "EAREsp 676.608/RS" in telecom.rule and "art. 42" in telecom.rule
    assert energy.status == telecom.status == "official"


@pytest.mark.parametrize(
    ("remedy_id", "sector", "status"),
    [
        ("reconnect", E, "official"),
        ("reconnect-wrongful", E, "official"),
        ("correct-bill", T, "reported"),  # official under RGC 632 only
        ("cancel-no-fine", T, "reported"),  # official under RGC 632, reported under RGC 765
        ("outage-credit", E, "official"),
        ("outage-credit", T, "reported"),
        ("meter-inspection", E, "official"),
        ("correct-listing", T, "official"),
        ("withdraw-7-days", T, "official"),
    ],
)
def test_statuses(rules: advisor.Rules, remedy_id: str, sector: Sector, status: str) -> None:
    (remedy,) = [
        r
        for r in rules.problems.remedies
        if r.id == remedy_id and (not r.applies.sectors or sector in r.applies.sectors)
    ]
    assert remedy.status == status
    if status == "reported":
        assert remedy.note is not None, "a reported rule says why in its note"


def test_every_remedy_source_exists_and_is_cited(cat, rules: advisor.Rules) -> None:
    known = {s.id for s in cat.sources().sources}
    problems = rules.problems
    assert problems.remedies
    for remedy in problems.remedies:
        missing = set(remedy.sources) - known
        assert not missing, f"remedy {remedy.id} cites unknown sources: {sorted(missing)}"
    cited = cited_sources(rules.ladder, problems, rules.law)
    assert set().union(*(r.sources for r in problems.remedies)) <= cited


# One sentence: it ends with a full stop, and no sentence ends inside it ("art. 362" is fine).
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÁÂÃÉÊÍÓÔÕÚÇ])")


def test_every_ask_is_one_first_person_sentence(rules: advisor.Rules) -> None:
    for remedy in rules.problems.remedies:
        pt, en = remedy.ask.pt, remedy.ask.en
        assert pt.startswith("Peço "), remedy.id
        assert en.startswith("I "), remedy.id
        for text in (pt, en):
            assert text.endswith("."), (remedy.id, text)
            assert not _SENTENCE_END.search(text), (remedy.id, text)
            assert "\n" not in text


def test_labels_are_short(rules: advisor.Rules) -> None:
    for remedy in rules.problems.remedies:
        for text in (remedy.label.pt, remedy.label.en):
            assert len(text) <= 70, (remedy.id, text)


def test_shipped_remedies_are_sound(cat, rules: advisor.Rules) -> None:
    stage_ids = {s.id for s in rules.ladder.stages}
    assert check_problems(rules.problems, stage_ids=stage_ids, body_ids=set(rules.bodies)) == []


# --- the integrity checks catch each mistake --------------------------------------------------


def _with(problems: Problems, remedy_id: str, **changes: object) -> Problems:
    """The problems with the first remedy of that id changed."""
    remedies = list(problems.remedies)
    i = next(i for i, r in enumerate(remedies) if r.id == remedy_id)
    remedies[i] = remedies[i].replace(**changes)
    return problems.replace(remedies=tuple(remedies))


def test_check_catches_a_remedy_naming_an_unknown_problem(rules: advisor.Rules) -> None:
    broken = _with(rules.problems, "reconnect", applies=Applies(sectors=(E,), problems=("ghosts",)))
    assert "remedy reconnect: no problem 'ghosts'" in check_problems(broken)


def test_check_catches_a_remedy_without_problems(rules: advisor.Rules) -> None:
    broken = _with(rules.problems, "correct-listing", applies=Applies())
    found = check_problems(broken)
    assert any(f.startswith("remedy correct-listing:") and "applies.problems" in f for f in found)
    # Without problems it is offered nowhere.
    assert all(r.id != "correct-listing" for r in broken.remedies_for("credit-listing", E))


def test_check_catches_the_same_id_twice_for_overlapping_sectors(rules: advisor.Rules) -> None:
    problems = rules.problems
    # The shipped refund-double is twice, once per sector: sound.
    assert [r.id for r in problems.remedies].count("refund-double") == 2
    assert not [f for f in check_problems(problems) if "refund-double" in f]
    # Both for energy.
    telecom = next(
        r for r in problems.remedies if r.id == "refund-double" and T in r.applies.sectors
    )
    twice = telecom.replace(applies=Applies(sectors=(E,), problems=("billing",)))
    broken = problems.replace(
        remedies=tuple(twice if r is telecom else r for r in problems.remedies)
    )
    assert any(f.startswith("remedy refund-double:") for f in check_problems(broken))
    # No sectors means every sector: it overlaps both.
    everywhere = telecom.replace(applies=Applies(problems=("billing",)))
    broken = problems.replace(
        remedies=tuple(everywhere if r is telecom else r for r in problems.remedies)
    )
    assert any(f.startswith("remedy refund-double:") for f in check_problems(broken))
    # A new remedy reusing an id of another sector's problem, same sector.
    extra = Remedy(
        id="reconnect",
        label=problems.remedies[0].label,
        ask=problems.remedies[0].ask,
        applies=Applies(sectors=(E,), problems=("outage",)),
        rule="REN ANEEL 1.000/2021, art. 362",
        sources=("ren-aneel-1000-2021",),
        status=Status.OFFICIAL,
    )
    found = check_problems(problems.replace(remedies=(*problems.remedies, extra)))
    assert any(f.startswith("remedy reconnect:") for f in found)
