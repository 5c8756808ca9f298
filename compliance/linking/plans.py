"""What the link rules say of one account: first whatever its dates, then for its dates.

The scope tests of every (obligation, rule) pair for the account's kind (place, parties,
domestic events: :mod:`compliance.linking.scope`) and the rule's own tests read the account's
kind, parties, country and placement, not its dates: :func:`rule_plan` works them out once per
signature. The dates then decide only the time-scope test (the agreement's date, the
obligation's end) and the rule windows, a few comparisons (:func:`dated_outcome`), and each of
those compares with a date the index lists, so the outcome is the same for every date of one date
class. :func:`rule_outcome` is the plain computation, applied to one account alone, which a
property compares with the two steps.
"""

from __future__ import annotations

from datetime import date, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from compliance.core.events import Event
from compliance.core.parties import PartyRegistry
from compliance.core.places import Placement
from compliance.core.timeframe import EventTime
from compliance.core.vocabulary import Effect
from compliance.linking import rule_tests
from compliance.linking.scope import (
    BEFORE,
    DOMESTIC,
    ENDED,
    NO_RULE,
    after_end,
    is_domestic,
    outlives_end,
    party_reason,
    place_verdict,
    reach_verdict,
    worst,
)

if TYPE_CHECKING:
    from compliance.linking.index import LinkIndex

RuleOutcome = tuple[tuple[tuple[str, Effect, str, str, str], ...], str]
"""Rule-made links ``(obligation, effect, basis, note, caveat)``, and the reason when there are none."""


class RuleStep(NamedTuple):
    """One (obligation, rule) pair as far as an account's dates do not matter, or one agreement
    with no rule for the account's kind (``link`` is ``None``: only its scope tests apply).

    ``reason`` set: the place test failed, whatever the dates. Otherwise the dates decide the
    rest: before ``adopted`` the account is ``BEFORE``, beginning after ``ended`` (the day the
    obligation ended, unless the account outlives it) ``ENDED``; then ``party`` (the party test's
    reason, if it failed), then whether the rule ``matches`` and the account may fall in its window.
    """

    reason: str | None
    adopted: date
    ended: date | None
    party: str | None
    matches: bool
    window_start: date | None
    window_end: date | None
    link: tuple[str, Effect, str, str, str] | None  # (obligation, effect, basis, note, caveat)
    tz: tzinfo  # the agreement's zone, where an instant's days are read


class RulePlan(NamedTuple):
    """What the rules say of an account whatever its dates: its steps in rule order, and the
    reason of a step that passes the scope tests without linking (``DOMESTIC`` for a domestic
    account, whose rules never match, else ``NO_RULE``)."""

    steps: tuple[RuleStep, ...]
    miss: str


PlaceVerdicts = dict[tuple[str, str, Placement], tuple[tuple[str | None, str], ...]]
"""The place tests' verdicts by (kind, country, placement): what :func:`rule_plan` remembers
across signatures (one per linking memo, used with one index only)."""


def rule_plan(
    event: Event,
    index: LinkIndex,
    parties: PartyRegistry,
    placement: Placement,
    places: PlaceVerdicts | None = None,
) -> RulePlan:
    """:func:`rule_outcome` up to the tests that read the account's dates (same tests, same order).

    ``places``: the place tests' verdicts met before (:func:`place_verdicts`), kept by the caller
    across signatures. The party test is worked out once per agreement, not once per rule.
    """
    domestic = is_domestic(event, parties)
    steps: list[RuleStep] = []
    pairs = index.by_kind.get(event.kind, ())
    verdicts = place_verdicts(event, index, placement, {} if places is None else places)
    party_reasons: dict[str, str | None] = {}  # by agreement id: the party test reads no rule

    def party_of(agreement_id: str) -> str | None:
        if agreement_id not in party_reasons:
            party_reasons[agreement_id] = party_reason(event, index.scopes[agreement_id], placement, parties)
        return party_reasons[agreement_id]

    for (ob, rule), (reason, caveat) in zip(pairs, verdicts if pairs else (), strict=True):
        agreement = index.obligations[ob.id][0]
        note = rule_tests.breach_note(event, ob, rule, parties)
        ending = None if outlives_end(event.kind, rule.effect) else index.endings.get(ob.id)
        steps.append(
            RuleStep(
                reason,
                agreement.date,
                None if ending is None else ending.date,
                party_of(agreement.id) if reason is None else None,
                reason is None and not domestic and rule_tests.matches_undated(event, ob, rule, parties),
                rule.window_start,
                rule.window_end,
                (ob.id, rule.effect, rule.name, note, caveat),
                agreement.tz,
            )
        )
    if not pairs:
        for agreement, (reason, _) in zip(index.by_id.values(), verdicts, strict=True):
            party = party_of(agreement.id) if reason is None else None
            steps.append(RuleStep(reason, agreement.date, None, party, False, None, None, None, agreement.tz))
    return RulePlan(tuple(steps), DOMESTIC if domestic else NO_RULE)


def place_verdicts(
    event: Event, index: LinkIndex, placement: Placement, places: PlaceVerdicts
) -> tuple[tuple[str | None, str], ...]:
    """The place tests of :func:`rule_plan`: per (obligation, rule) pair of the account's kind,
    :func:`~compliance.linking.scope.place_verdict`; for a kind no rule lists, per agreement,
    :func:`~compliance.linking.scope.reach_verdict` (with no caveat).

    They read of the account only its kind and country, beside its placement, so they are
    remembered in ``places`` by those three: thousands of signatures share a few hundred (building
    the tests' sets of countries and areas again was much of the cost of a plan).
    """
    key = (event.kind, event.country, placement)
    found = places.get(key)
    if found is None:
        pairs = index.by_kind.get(event.kind, ())
        found = places[key] = (
            tuple(
                place_verdict(
                    event,
                    placement,
                    index.obligations[ob.id][0].scope_of(ob),
                    index.scopes[index.obligations[ob.id][0].id],
                )
                for ob, _ in pairs
            )
            if pairs
            else tuple(
                (reach_verdict(event, placement, index.scopes[a.id]), "") for a in index.by_id.values()
            )
        )
    return found


def dated_outcome(plan: RulePlan, when: EventTime) -> RuleOutcome:
    """The outcome of a plan for an account of time ``when`` (its days read in each step's zone)."""
    reasons: list[str] = []
    out: list[tuple[str, Effect, str, str, str]] = []
    seen: set[str] = set()
    first, last = when.first_day, when.last_day
    instant = when.is_instant
    for reason, adopted, ended, party, matches, window_start, window_end, link, tz in plan.steps:
        if instant:
            first, last = when.days_in(tz)
        if reason is None and last < adopted:
            reason = BEFORE
        elif reason is None and ended is not None and first > ended:
            reason = ENDED
        reason = reason or party
        if reason is not None:
            reasons.append(reason)
            continue
        in_window = (window_start is None or last >= window_start) and (
            window_end is None or first <= window_end
        )
        if link is None or link[0] in seen or not (matches and in_window):
            reasons.append(plan.miss)
            continue
        seen.add(link[0])
        out.append(link)
    return tuple(out), "" if out else worst(reasons)


def rule_outcome(event: Event, index: LinkIndex, parties: PartyRegistry, placement: Placement) -> RuleOutcome:
    """The rule-made links of one account, or why there are none: the plain computation, which
    ``index.link_account`` reaches through a :class:`RulePlan` per signature (a property compares them).

    Each (obligation, rule) pair for the account's kind applies the scope tests in the order the
    reasons rank (place, time: the agreement's date, then the obligation's end; parties), then
    whether the account is domestic, then the rule; an account of a kind no rule lists meets each
    agreement's scope tests all the same (no obligation's end applies to it). The domestic
    test comes after the others: before, it won over them, and a protest in Zambia in 2016 was
    counted as a domestic event rather than as outside the area.
    """
    miss = DOMESTIC if is_domestic(event, parties) else NO_RULE
    reasons: list[str] = []
    out: list[tuple[str, Effect, str, str, str]] = []
    seen: set[str] = set()
    pairs = index.by_kind.get(event.kind, ())
    for ob, rule in pairs:
        agreement = index.obligations[ob.id][0]
        scope = index.scopes[agreement.id]
        last = event.when.days_in(agreement.tz)[1]
        # Place first: a row from another country is "outside", whatever its date.
        reason, caveat = place_verdict(event, placement, agreement.scope_of(ob), scope)
        if reason is None and last < agreement.date:
            reason = BEFORE
        elif reason is None and not outlives_end(event.kind, rule.effect):
            reason = ENDED if after_end(event, index.endings.get(ob.id), agreement.tz) else None
        reason = reason or party_reason(event, scope, placement, parties)
        if reason is not None:
            reasons.append(reason)
            continue
        if (
            miss == DOMESTIC
            or ob.id in seen
            or not rule_tests.matches(event, ob, rule, parties, agreement.tz)
        ):
            reasons.append(miss)
            continue
        note = rule_tests.breach_note(event, ob, rule, parties)
        seen.add(ob.id)
        out.append((ob.id, rule.effect, rule.name, note, caveat))
    if not pairs:
        for agreement in index.by_id.values():
            scope = index.scopes[agreement.id]
            reason = reach_verdict(event, placement, scope)
            if reason is None and event.when.days_in(agreement.tz)[1] < agreement.date:
                reason = BEFORE
            reasons.append(reason or party_reason(event, scope, placement, parties) or miss)
    return tuple(out), "" if out else worst(reasons)
