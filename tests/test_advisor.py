"""The decision engine, as tables of cases: state in, advice out. No I/O, no clock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from conftest import company
from escalate.advice import advisor
from escalate.advice.advisor import Request, UnknownProblem, UnknownStage, advise
from escalate.catalog import store as catalog
from escalate.records.models import Membership, Sector

TODAY = dt.date(2026, 11, 25)


def req(cat: catalog.Catalog, stage: str, name: str | None = None, **kw) -> Request:
    record = company(cat, name) if name else None
    return Request(stage=stage, today=kw.pop("today", TODAY), company=record, **kw)


def phones(contacts) -> set[str]:
    return {c.channel.contact.phone for c in contacts if c.channel.contact.phone}


# --- every stage × sector --------------------------------------------------------------------

STAGES = [
    # stage, mode, step the advice is about, the step that follows on failure (or None)
    ("start", "act", "sac", "ouvidoria"),
    ("sac-open", "wait", "sac", "ouvidoria"),
    ("sac-failed", "act", "ouvidoria", "regulator"),
    ("ouvidoria-open", "wait", "ouvidoria", "regulator"),
    ("ouvidoria-failed", "act", "regulator", "procon"),
    ("regulator-open", "wait", "regulator", "procon"),
    ("regulator-failed", "act", "procon", "juizado"),
    ("procon-failed", "act", "juizado", None),
]
WHO = [
    ("elektro", None, Sector.ENERGY),
    ("cemig", None, Sector.ENERGY),
    ("equatorial", None, Sector.ENERGY),
    ("claro", None, Sector.TELECOM),
    (None, Sector.ENERGY, Sector.ENERGY),
    (None, Sector.TELECOM, Sector.TELECOM),
    (None, None, None),
]


@pytest.mark.parametrize(("stage", "mode", "step", "after"), STAGES)
@pytest.mark.parametrize(("name", "sector", "expected_sector"), WHO)
def test_every_stage_for_every_sector(
    cat,
    rules,
    stage,
    mode,
    step,
    after,
    name,
    sector,
    expected_sector,
) -> None:
    advice = advise(req(cat, stage, name, sector=sector), rules)
    assert advice.mode == mode
    assert advice.step is not None and advice.step.id == step
    assert advice.sector == expected_sector
    first_later = advice.later[0].step.id if advice.later else None
    assert first_later == after
    # Every channel named exists in the catalogue.
    known = {c.id for e in cat.entries.values() for c in cat.record(e.id).all_channels()}
    for contact in advice.contacts:
        assert contact.channel.id in known
    # No channel, no number: then it says how to find one.
    if not advice.contacts:
        assert advice.missing is not None or advice.step.target.company_tier is None
    assert advice.disclaimer.en == "This is information, not legal advice."


@pytest.mark.parametrize("stage", [s[0] for s in STAGES])
def test_energy_never_sends_to_anatel_and_telecom_never_to_aneel(cat, rules, stage) -> None:
    for name, wrong in (("elektro", "anatel"), ("claro", "aneel")):
        advice = advise(req(cat, stage, name), rules)
        owners = {c.owner for c in advice.contacts}
        owners |= {c.owner for later in advice.later for c in later.contacts}
        assert wrong.upper() not in {o.upper() for o in owners}


# --- the cases from the issue ----------------------------------------------------------------


def test_sac_failed_elektro_goes_to_the_ouvidoria(cat, rules) -> None:
    advice = advise(req(cat, "sac-failed", "elektro"), rules)
    assert advice.step.id == "ouvidoria"
    assert "0800 012 40 50" in phones(advice.contacts)
    assert any(c.channel.contact.address for c in advice.contacts)  # the letter to Campinas
    regulator = advice.later[0]
    assert "167" in phones(regulator.contacts)
    assert [o.body.id for o in regulator.alternatives] == ["consumidor-gov", "procon"]
    assert [o.body.id for o in regulator.pressure] == ["reclame-aqui"]
    assert advice.later[-1].step.id == "juizado"
    assert advice.money is not None and advice.money.without_lawyer == Decimal("32420.00")
    # The energy ouvidoria's deadline is not in the facts: unknown, never invented.
    assert advice.deadline.deadline is None and advice.deadline.unknown is not None


def test_ouvidoria_failed_claro_goes_to_anatel(cat, rules) -> None:
    advice = advise(req(cat, "ouvidoria-failed", "claro"), rules)
    assert {"1331", "1332"} <= phones(advice.contacts)
    assert {c.owner for c in advice.contacts} == {"Anatel"}
    assert advice.deadline.deadline.id == "anatel"
    assert advice.deadline.due == dt.date(2026, 12, 5)  # registered today: 10 calendar days


@pytest.mark.parametrize(
    ("today", "mode", "due"),
    [
        (dt.date(2026, 11, 2), "wait", dt.date(2026, 11, 9)),
        (dt.date(2026, 11, 5), "wait", dt.date(2026, 11, 9)),
        (dt.date(2026, 11, 9), "wait", dt.date(2026, 11, 9)),  # the last day is still inside
        (dt.date(2026, 11, 10), "act", dt.date(2026, 11, 9)),
        (dt.date(2026, 11, 25), "act", dt.date(2026, 11, 9)),
    ],
)
def test_sac_deadline_is_seven_calendar_days(cat, rules, today, mode, due) -> None:
    advice = advise(req(cat, "sac-open", "elektro", since=dt.date(2026, 11, 2), today=today), rules)
    assert advice.mode == mode
    if mode == "wait":
        assert advice.deadline.due == due
        assert advice.headline.values["due"] == due
        assert advice.meanwhile  # what to do while waiting
        assert advice.later[0].step.id == "ouvidoria"
    else:
        passed = next(r for r in advice.reasons if r.key == "reason.deadline_passed")
        assert passed.values["due"] == due
        assert passed.rule == "Decreto 11.034/2022, art. 13"
        assert advice.stage == "sac-failed" and advice.step.id == "ouvidoria"


@pytest.mark.parametrize(
    ("name", "stage", "since", "due"),
    [
        ("claro", "ouvidoria-open", dt.date(2026, 11, 20), dt.date(2026, 11, 30)),
        ("claro", "regulator-open", dt.date(2026, 11, 20), dt.date(2026, 11, 30)),
        ("claro", "sac-open", dt.date(2026, 11, 20), dt.date(2026, 11, 27)),
        # Across the year end.
        ("claro", "regulator-open", dt.date(2026, 12, 28), dt.date(2027, 1, 7)),
    ],
)
def test_known_deadlines_become_dates(cat, rules, name, stage, since, due) -> None:
    today = min(due, dt.date(2027, 1, 2))
    advice = advise(req(cat, stage, name, since=since, today=today), rules)
    assert advice.mode == "wait"
    assert advice.deadline.due == due


# A telecom bill contest runs 30 days (a rule checked under the old RGC only): it is shown as
# the problem's clock but never replaces the SAC's official 7 calendar days, which come first.
# (A cancellation is another matter: it never waits; see test_clocks.py.)
@pytest.mark.parametrize(("name", "problem"), [("claro", "billing"), ("claro", None)])
def test_the_sac_deadline_stays_the_official_seven_days(cat, rules, name, problem) -> None:
    since = dt.date(2026, 11, 19)
    advice = advise(req(cat, "sac-open", name, problem=problem, since=since), rules)
    assert advice.deadline.deadline.id == "sac"
    assert advice.deadline.due == dt.date(2026, 11, 26)
    assert advice.stage == "sac-open"


def test_a_cancellation_is_told_the_two_business_day_rule_as_a_reported_clock(cat, rules) -> None:
    advice = advise(req(cat, "start", "claro", problem="cancellation"), rules)
    view = next(v for v in advice.clocks if v.clock.group == "cancellation")
    online = next(o for o in view.others if o.clock.id == "cancellation-online")
    assert online.clock.status == "reported" and online.clock.unit == "business-days"
    assert online.clock.amount == 2 and online.clock.note is not None  # old RGC, marked


@pytest.mark.parametrize(
    ("name", "stage"),
    [("elektro", "ouvidoria-open"), ("elektro", "regulator-open"), ("cemig", "ouvidoria-open")],
)
def test_unknown_deadlines_are_said_to_be_unknown(cat, rules, name, stage) -> None:
    advice = advise(req(cat, stage, name, since=dt.date(2026, 11, 1)), rules)
    assert advice.mode == "wait"
    assert advice.deadline.deadline is None
    assert advice.headline.key == "wait.unknown"
    assert advice.deadline.unknown is not None


def test_waiting_without_a_date_gives_the_rule_and_asks_for_the_date(cat, rules) -> None:
    advice = advise(req(cat, "sac-open", "elektro"), rules)
    assert advice.mode == "wait"
    assert advice.headline.key == "wait.no_date"
    assert advice.headline.values["days"] == 7


@pytest.mark.parametrize("name", ["elektro", "cemig", "claro", None])
def test_hazard_is_emergency_and_193_and_nothing_else(cat, rules, name) -> None:
    for request in (
        req(cat, "sac-failed", name, problem="hazard"),
        req(cat, "procon-failed", name, hazard=True),
    ):
        advice = advise(request, rules)
        assert advice.mode == "hazard"
        assert advice.later == () and advice.alternatives == () and advice.bring == ()
        # With an energy company its own line; without one (or a telecom one), every
        # distributor's line: a number is always said.
        every = name in (None, "claro")
        assert advice.headline.key == ("hazard.headline.any" if every else "hazard.headline")
        assert advice.contacts
        for contact in advice.contacts:
            assert contact.channel.kind.value in ("emergency", "sac")
            assert contact.channel.contact.phone


def test_hazard_uses_the_emergency_line_when_there_is_one(cat, rules) -> None:
    record = company(cat, "equatorial")
    para = next(u for u in record.units if u.state == "PA")
    request = Request(stage="start", today=TODAY, company=record, unit=para, hazard=True)
    advice = advise(request, rules)
    assert phones(advice.contacts) == {"0800 091 0196"}


@pytest.mark.parametrize(
    ("stage", "earlier"), [("sac-failed", "sac"), ("ouvidoria-failed", "ouvidoria")]
)
def test_no_protocol_means_get_one_first(cat, rules, stage, earlier) -> None:
    advice = advise(req(cat, stage, "elektro", has_protocol=False), rules)
    assert advice.headline.key == "act.protocol_first"
    assert advice.step.id == earlier
    right = next(r for r in advice.reasons if r.key == "reason.protocol_first")
    assert right.rule == "Decreto 11.034/2022, art. 12"


def test_with_a_protocol_the_ladder_goes_on(cat, rules) -> None:
    advice = advise(req(cat, "sac-failed", "elektro", has_protocol=True), rules)
    assert advice.step.id == "ouvidoria"


# --- problems --------------------------------------------------------------------------------

PROBLEM_FACTS = [
    # problem, company, facts that must appear, facts that must not
    ("reconnection", "elektro", {"wrongful-cut", "disconnection-notice", "lei-14015"}, set()),
    ("reconnection", "claro", set(), {"wrongful-cut", "lei-14015"}),
    (
        "damaged-appliance",
        "elektro",
        {"appliance-repair-first", "other-damages"},
        {"refund-energy"},
    ),
    # An undue charge is not a defect: CDC art. 26's 30/90 days is never said for a bill.
    ("billing", "elektro", {"refund-energy", "double-refund-good-faith"}, {"complaint-window"}),
    (
        "billing",
        "claro",
        {"refund-telecom", "double-refund-good-faith", "telecom-contest-window"},
        {"tarifa-social", "refund-energy", "complaint-window"},
    ),
    ("outage", "elektro", {"other-damages", "life-support"}, {"complaint-window"}),
    ("outage", "cemig", {"outage-compensation"}, {"broadband-outage-discount"}),
    ("outage", "claro", {"broadband-outage-discount"}, {"outage-compensation"}),
    ("cancellation", "claro", {"loyalty-limit", "loyalty-no-fine", "withdrawal-7-days"}, set()),
    ("cancellation", "elektro", {"withdrawal-7-days"}, {"loyalty-limit", "loyalty-no-fine"}),
    ("service-quality", "elektro", {"complaint-window"}, {"wrongful-cut"}),
    ("technical-visit", "claro", {"complaint-window"}, {"wrongful-cut"}),
    ("other", "elektro", {"court-any-stage"}, {"wrongful-cut", "appliance-repair-first"}),
    ("meter-fraud", "elektro", {"toi-copy", "meter-expert-test", "stj-699"}, {"tarifa-social"}),
    ("credit-listing", "claro", {"listing-notice", "listing-correction"}, {"refund-energy"}),
    ("disconnection-notice", "cemig", {"lei-14015", "cut-window", "life-support"}, set()),
]


@pytest.mark.parametrize(("problem", "name", "present", "absent"), PROBLEM_FACTS)
def test_problem_facts_appear_only_where_they_apply(
    cat, rules, problem, name, present, absent
) -> None:
    advice = advise(req(cat, "start", name, problem=problem), rules)
    ids = {f.id for f in advice.facts}
    assert present <= ids
    assert not (absent & ids)
    for fact in advice.facts:
        assert fact.rule and fact.sources


def test_reconnection_gives_the_hour_limits(cat, rules) -> None:
    advice = advise(req(cat, "start", "elektro", problem="reconnection"), rules)
    view = next(v for v in advice.clocks if v.clock.group == "reconnection")
    hours = {c.clock.amount for c in (view, *view.others)}
    assert hours == {4, 8, 24, 48}
    assert all("362" in c.clock.rule for c in (view, *view.others))


def test_damaged_appliance_gives_the_5_year_and_90_day_rule_and_what_to_gather(cat, rules) -> None:
    advice = advise(req(cat, "start", "elektro", problem="damaged-appliance"), rules)
    limits = {v.clock.id: (v.clock.amount, v.clock.unit) for v in advice.clocks}
    assert limits["appliance-limit"] == (5, "years")
    assert limits["appliance-simplified"] == (90, "days")
    fact = next(f for f in advice.facts if f.id == "appliance-repair-first")
    gathered = " ".join(g.en for g in fact.gather).lower()
    for thing in ("date and time", "quote", "invoice", "photo"):
        assert thing in gathered
    assert any("quote" in item.what.en.lower() for item in advice.bring)


@pytest.mark.parametrize(
    "problem",
    [
        "hazard",
        "outage",
        "billing",
        "reconnection",
        "damaged-appliance",
        "service-quality",
        "cancellation",
        "technical-visit",
        "other",
    ],
)
def test_every_problem_is_accepted(cat, rules, problem) -> None:
    advice = advise(req(cat, "sac-failed", "elektro", problem=problem), rules)
    assert advice.mode == ("hazard" if problem == "hazard" else "act")


# --- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "verdict"),
    [
        ("100", "no-lawyer"),
        ("32420.00", "no-lawyer"),
        ("32420.01", "lawyer"),
        ("64840.00", "lawyer"),
        ("64840.01", "justica-comum"),
        (None, None),
    ],
)
def test_juizado_limits_in_2026(cat, rules, amount, verdict) -> None:
    value = Decimal(amount) if amount else None
    advice = advise(req(cat, "procon-failed", "elektro", amount=value), rules)
    assert advice.money.verdict == verdict
    assert advice.step.id == "juizado"
    if verdict == "justica-comum":  # Lei 9.099, art. 3, §3: the Juizado, giving up the excess
        assert advice.headline.key == "act.juizado_waiver"
        assert advice.alternatives[0].body.id == "justica-comum"
        assert {c.owner for c in advice.contacts} == {"Juizado Especial Cível"}


@pytest.mark.parametrize(
    ("today", "wage", "without"),
    [
        (dt.date(2025, 6, 1), "1518.00", "30360.00"),
        (dt.date(2026, 1, 1), "1621.00", "32420.00"),
        (dt.date(2027, 3, 1), "1621.00", "32420.00"),  # the latest known until data says more
    ],
)
def test_wage_is_dated_data(rules, today, wage, without) -> None:
    cash = advisor.money(rules.law, today=today, amount=None)
    assert cash.wage == Decimal(wage)
    assert cash.without_lawyer == Decimal(without)


# --- consumidor.gov.br -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("membership", "listed", "conditional"),
    [
        (Membership.UNKNOWN, True, True),
        (Membership.JOINED, True, False),
        (Membership.NOT_JOINED, False, False),
    ],
)
def test_consumidor_gov_only_for_companies_that_joined(
    cat, rules, membership, listed, conditional
) -> None:
    record = company(cat, "claro").replace(consumidor_gov=membership)
    advice = advise(Request(stage="ouvidoria-failed", today=TODAY, company=record), rules)
    option = next((o for o in advice.alternatives if o.body.id == "consumidor-gov"), None)
    assert (option is not None) == listed
    if option is not None:
        assert (option.condition is not None) == conditional
        assert option.deadline.deadline.days == 10


# --- bad input -------------------------------------------------------------------------------


def test_unknown_stage_and_problem(cat, rules) -> None:
    with pytest.raises(UnknownStage) as info:
        advise(req(cat, "sac-broken", "elektro"), rules)
    assert "sac-failed" in info.value.valid
    with pytest.raises(UnknownProblem) as info2:
        advise(req(cat, "start", "elektro", problem="ghosts"), rules)
    assert "billing" in info2.value.valid


def test_the_engine_is_pure(cat, rules) -> None:
    request = req(cat, "sac-open", "claro", since=dt.date(2026, 11, 20))
    assert advise(request, rules) == advise(request, rules)


# --- the ladder's integrity checks -----------------------------------------------------------


def _broken(rules: advisor.Rules, **changes: object):
    return rules.ladder.replace(**changes)


def test_shipped_ladder_is_sound(rules: advisor.Rules) -> None:
    from escalate.records.rules import check_ladder

    assert (
        check_ladder(
            rules.ladder, body_ids=set(rules.bodies), checklist_ids=set(rules.checklists.channels)
        )
        == []
    )


def test_ladder_checks_catch_cycles_dangling_references_and_unreachable_stages(
    rules: advisor.Rules,
) -> None:
    from escalate.records.rules import check_ladder

    ladder = rules.ladder
    ids = {"body_ids": set(rules.bodies), "checklist_ids": set(rules.checklists.channels)}
    # A cycle: the ouvidoria's failure leads back to the start.
    steps = tuple(
        s.replace(failed_stage="start") if s.id == "ouvidoria" else s for s in ladder.steps
    )
    found = check_ladder(ladder.replace(steps=steps), **ids)
    assert any(p.startswith("cycle:") for p in found)
    # A dangling reference to a body that is not in the catalogue.
    steps = tuple(
        s.replace(alternatives=("ghost-body",)) if s.id == "regulator" else s for s in ladder.steps
    )
    assert any("ghost-body" in p for p in check_ladder(ladder.replace(steps=steps), **ids))
    # An unreachable stage.
    orphan = ladder.stages[1].replace(id="orphan")
    found = check_ladder(ladder.replace(stages=(*ladder.stages, orphan)), **ids)
    assert any("orphan cannot be reached" in p for p in found)
    # A checklist that does not exist.
    steps = tuple(s.replace(checklist="nowhere") if s.id == "sac" else s for s in ladder.steps)
    assert any("nowhere" in p for p in check_ladder(ladder.replace(steps=steps), **ids))


@pytest.mark.parametrize(
    ("company_name", "sector", "named"),
    [("elektro", None, "ANEEL"), ("claro", None, "Anatel"), (None, "telecom", "Anatel")],
)
def test_the_regulator_step_names_the_sectors_regulator(
    cat: Any, rules: advisor.Rules, company_name: str | None, sector: str | None, named: str
) -> None:
    record = company(cat, company_name) if company_name else None
    request = advisor.Request(
        stage="ouvidoria-failed",
        today=dt.date(2026, 11, 25),
        company=record,
        sector=advisor.Sector(sector) if sector else None,
    )
    advice = advise(request, rules)
    assert advice.step is not None and advice.step.id == "regulator"
    assert advice.step.title.pt.startswith(f"Reclame na {named} (agência reguladora)")
    assert advice.step.title.en.startswith(f"Complain to {named} (the regulator)")
    # Without a sector the ladder's own words stay, naming neither.
    plain = advise(advisor.Request(stage="ouvidoria-failed", today=dt.date(2026, 11, 25)), rules)
    assert plain.step is not None and plain.step.title.pt.startswith("Reclame no regulador")
