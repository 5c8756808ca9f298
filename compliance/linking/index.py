"""Linking: which obligations each event bears on, and why.

Two sources of links, both recorded with their basis: explicit references written in the event
file (``explicit``) and the rules declared with each obligation in its agreement file (the rule's
name). Obligations are indexed by event kind, so linking an event is a dictionary look-up; the
scope tests (place, time, parties, domestic events: :mod:`compliance.linking.scope`) run once
per account signature. An account that links to nothing gets the reason of the test it got
furthest with, in that order.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from datetime import date, tzinfo
from typing import NamedTuple

from attrs import field, frozen

from compliance.core.events import Event, Link
from compliance.core.frozendict import frozen_dict
from compliance.core.model import Agreement, Ending, LinkRule, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.places import NOWHERE, Gazetteer, Placement
from compliance.core.timeframe import EventTime
from compliance.core.vocabulary import Effect
from compliance.linking import rule_tests
from compliance.linking.explicit import Remark, explicit_links, with_place_caveat
from compliance.linking.scope import (
    BEFORE,
    DOMESTIC,
    ENDED,
    NO_RULE,
    AgreementScope,
    after_end,
    is_domestic,
    linking_endings,
    outlives_end,
    party_reason,
    place_verdict,
    reach_verdict,
    worst,
)
from compliance.load.places import bundled_gazetteer


@frozen
class LinkIndex:
    """Agreements indexed for linking and for checking explicit links."""

    agreements: tuple[Agreement, ...]
    by_kind: Mapping[str, tuple[tuple[Obligation, LinkRule], ...]] = field(converter=frozen_dict)
    obligations: Mapping[str, tuple[Agreement, Obligation]] = field(converter=frozen_dict)
    agreement_ids: frozenset[str]
    narrowed: Mapping[str, bool] = field(converter=frozen_dict)
    """Per kind: whether any of its rules names places (then the place text is part of the signature)."""
    by_id: Mapping[str, Agreement] = field(converter=frozen_dict)
    scopes: Mapping[str, AgreementScope] = field(converter=frozen_dict)
    gazetteer: Gazetteer
    mapped_countries: frozenset[str]
    """Countries with places that have coordinates: a point elsewhere is not looked up."""
    boundaries: tuple[date, ...]
    """Every date a scope test or rule window compares with: an account's days matter only relative to them."""
    endings: Mapping[str, Ending] = field(converter=frozen_dict)
    """Per obligation whose end the texts date, the first end (``linking_endings``)."""

    @classmethod
    def build(cls, agreements: Sequence[Agreement], gazetteer: Gazetteer | None = None) -> LinkIndex:
        """The index; ``gazetteer`` defaults to the bundled one."""
        gazetteer = gazetteer if gazetteer is not None else bundled_gazetteer()
        by_kind: dict[str, list[tuple[Obligation, LinkRule]]] = {}
        obligations: dict[str, tuple[Agreement, Obligation]] = {}
        days: set[date] = set()
        for agreement in agreements:
            days.add(agreement.date)
            for ob in agreement.obligations:
                obligations.setdefault(ob.id, (agreement, ob))
                for rule in ob.rules:
                    days.update(d for d in (rule.window_start, rule.window_end) if d is not None)
                    for kind in rule.kinds:
                        by_kind.setdefault(kind, []).append((ob, rule))
        narrowed = {kind: any(rule.places for _, rule in pairs) for kind, pairs in by_kind.items()}
        endings = linking_endings(agreements)
        days.update(ending.date for ending in endings.values())
        by_id: dict[str, Agreement] = {}
        for agreement in agreements:
            by_id.setdefault(agreement.id, agreement)
        return cls(
            tuple(agreements),
            {k: tuple(v) for k, v in by_kind.items()},
            obligations,
            frozenset(a.id for a in agreements),
            narrowed,
            by_id,
            {a.id: AgreementScope.of(a) for a in by_id.values()},
            gazetteer,
            frozenset(p.country for p in gazetteer.places if p.latitude is not None),
            tuple(sorted(days)),
            endings,
        )

    def date_class(self, day: date) -> tuple[int, int]:
        """Where ``day`` falls among :attr:`boundaries` (before, on or after each): all the tests need."""
        return bisect.bisect_left(self.boundaries, day), bisect.bisect_right(self.boundaries, day)


class LinkMemo:
    """What linking remembers across the events of one batch, owned by whoever links the batch.

    Rule-made links and unlinked reasons by account signature (a million rows have a few
    thousand), what the rules say of a signature whatever its dates (:class:`RulePlan`; a
    signature's dates spread it over some forty date classes), and gazetteer placements by
    location string (resolved once per distinct string).
    Share one only between calls with the same ``index`` and ``parties``.
    """

    __slots__ = ("days", "places", "plans", "rules")

    def __init__(self) -> None:
        self.rules: dict[tuple[object, ...], RuleOutcome] = {}
        self.plans: dict[tuple[object, ...], RulePlan] = {}
        self.places: dict[tuple[object, ...], Placement] = {}
        self.days: dict[EventTime, tuple[tuple[int, int], tuple[int, int]]] = {}


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


@frozen
class Linking:
    """The links of one account; why it has none; the problems with its explicit links (an error
    rejects it); where the gazetteer placed it (which the incidents of an account with no country need)."""

    links: tuple[Link, ...]
    reason: str = ""
    remarks: tuple[Remark, ...] = ()
    placement: Placement = NOWHERE


def link_event(
    event: Event, index: LinkIndex, parties: PartyRegistry, memo: LinkMemo | None = None
) -> list[Link]:
    """All links of one event (see :func:`link_account`, which also says why there are none)."""
    return list(link_account(event, index, parties, memo).links)


def link_account(
    event: Event, index: LinkIndex, parties: PartyRegistry, memo: LinkMemo | None = None
) -> Linking:
    """All links of one account: its explicit references, and rule-made links to other agreements.

    Explicit references win within the agreements they name: whoever coded them read the account
    and said what it claims about that agreement, which a rule matching on kind and actor cannot
    second-guess. The rules still link the event to obligations of agreements it does not name
    (a clash coded against the 2020 statement also bears on a later non-use-of-force clause).
    Neither reaches an agreement adopted after the account, nor claims more than relevance for an
    obligation ended before it (time scope); rules also stop at the scope tests of
    :mod:`compliance.linking.scope`.
    """
    memo = memo if memo is not None else LinkMemo()
    links: list[Link] = []
    remarks: list[Remark] = []
    named: set[str] = set()
    placement = _placement(event, index, memo)
    if event.links:  # most accounts have none: skip the work (a million rows)
        links, remarks = explicit_links(event, index)
        named = {ref.agreement for ref in event.links if ref.agreement in index.agreement_ids}
        links = [with_place_caveat(link, event, index, placement) for link in links]
    when = event.when
    placed = index.narrowed.get(event.kind, False)
    undated = (
        event.kind,
        event.actor,
        event.involved,
        event.target,
        event.reporter_party if event.actor is None else None,
        event.country,
        placement,
        (event.location, event.admin1) if placed else None,
    )
    if when.is_instant:  # its days depend on each agreement's zone (rare): no date class
        found = _dated_outcome(_remembered_plan(event, index, parties, placement, memo, undated), when)
    else:
        days = memo.days.get(when)
        if days is None:
            days = memo.days[when] = (index.date_class(when.first_day), index.date_class(when.last_day))
        remembered = memo.rules.get((undated, days))
        found = (
            remembered
            if remembered is not None
            else _remembered_outcome(event, index, parties, placement, memo, undated, days)
        )
    found_links, reason = found
    event_id = event.id
    links += [
        Link(ob_id, event_id, effect, basis, note, caveat)
        for ob_id, effect, basis, note, caveat in found_links
        if not named or index.obligations[ob_id][0].id not in named
    ]
    return Linking(tuple(links), "" if links else (reason or NO_RULE), tuple(remarks), placement)


def _placement(event: Event, index: LinkIndex, memo: LinkMemo) -> Placement:
    """Where the account is, from its place names, else from its point when it is near a known place."""
    key: tuple[object, ...] = (event.location, event.admin1, event.country)
    found = memo.places.get(key)
    if found is None:
        found = memo.places[key] = index.gazetteer.resolve(
            event.location, event.admin1, country=event.country
        )
    point = event.coordinates
    if found.resolved or point is None or (event.country and event.country not in index.mapped_countries):
        return found
    # Keyed by the exact point: a key rounded to ~100 m made an account's place depend on which
    # account of that square came first, when the square straddles the distance limit.
    key = (point.latitude, point.longitude, event.country, None)
    near = memo.places.get(key)
    if near is None:
        near = memo.places[key] = index.gazetteer.near(point.latitude, point.longitude, event.country)
    return near


def _remembered_outcome(
    event: Event,
    index: LinkIndex,
    parties: PartyRegistry,
    placement: Placement,
    memo: LinkMemo,
    undated: tuple[object, ...],
    days: tuple[tuple[int, int], tuple[int, int]],
) -> RuleOutcome:
    """:func:`_rule_outcome` through the memo: the plan once per signature without dates, the
    outcome once per signature and date class (the tests compare with each boundary only)."""
    plan = _remembered_plan(event, index, parties, placement, memo, undated)
    found = memo.rules[(undated, days)] = _dated_outcome(plan, event.when)
    return found


def _remembered_plan(
    event: Event,
    index: LinkIndex,
    parties: PartyRegistry,
    placement: Placement,
    memo: LinkMemo,
    undated: tuple[object, ...],
) -> RulePlan:
    """:func:`_rule_plan` once per signature without dates."""
    plan = memo.plans.get(undated)
    if plan is None:
        plan = memo.plans[undated] = _rule_plan(event, index, parties, placement)
    return plan


def _rule_plan(event: Event, index: LinkIndex, parties: PartyRegistry, placement: Placement) -> RulePlan:
    """:func:`_rule_outcome` up to the tests that read the account's dates (same tests, same order)."""
    domestic = is_domestic(event, parties)
    steps: list[RuleStep] = []
    pairs = index.by_kind.get(event.kind, ())
    for ob, rule in pairs:
        agreement = index.obligations[ob.id][0]
        scope = index.scopes[agreement.id]
        reason, caveat = place_verdict(event, placement, agreement.scope_of(ob), scope)
        note = rule_tests.breach_note(event, ob, rule, parties)
        ending = None if outlives_end(event.kind, rule.effect) else index.endings.get(ob.id)
        steps.append(
            RuleStep(
                reason,
                agreement.date,
                None if ending is None else ending.date,
                party_reason(event, scope, placement, parties) if reason is None else None,
                reason is None and not domestic and rule_tests.matches_undated(event, ob, rule, parties),
                rule.window_start,
                rule.window_end,
                (ob.id, rule.effect, rule.name, note, caveat),
                agreement.tz,
            )
        )
    if not pairs:
        for agreement in index.by_id.values():
            scope = index.scopes[agreement.id]
            reason = reach_verdict(event, placement, scope)
            party = party_reason(event, scope, placement, parties) if reason is None else None
            steps.append(RuleStep(reason, agreement.date, None, party, False, None, None, None, agreement.tz))
    return RulePlan(tuple(steps), DOMESTIC if domestic else NO_RULE)


def _dated_outcome(plan: RulePlan, when: EventTime) -> RuleOutcome:
    """The outcome of a plan for an account of time ``when`` (its days read in each step's zone)."""
    reasons: list[str] = []
    out: list[tuple[str, Effect, str, str, str]] = []
    seen: set[str] = set()
    first, last = when.first_day, when.last_day
    for reason, adopted, ended, party, matches, window_start, window_end, link, tz in plan.steps:
        if when.is_instant:
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


def _rule_outcome(
    event: Event, index: LinkIndex, parties: PartyRegistry, placement: Placement
) -> RuleOutcome:
    """The rule-made links of one account, or why there are none: the plain computation, which
    :func:`link_account` reaches through a :class:`RulePlan` per signature (a property compares them).

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
