"""Linking: which obligations each event bears on, and why.

Two sources of links, both recorded with their basis: explicit references written in the event
file (``explicit``) and the rules declared with each obligation in its agreement file (the rule's
name). Obligations are indexed by event kind, so linking an event is a dictionary look-up; the
scope tests (place, time, parties, domestic events: :mod:`compliance.linking.scope`) run once
per account signature, and its dates decide the rest once per date class
(:mod:`compliance.linking.plans`). An account that links to nothing gets the reason of the test
it got furthest with, in that order.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from datetime import date
from typing import NamedTuple

from attrs import field, frozen

from compliance.core.events import Event, Link
from compliance.core.frozendict import frozen_dict
from compliance.core.model import Agreement, Ending, LinkRule, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.places import NOWHERE, TOWN_PRECISION, Gazetteer, Placement
from compliance.core.timeframe import EventTime
from compliance.linking.explicit import Remark, explicit_links, with_place_caveat
from compliance.linking.plans import PlaceVerdicts, RuleOutcome, RulePlan, dated_outcome, rule_plan
from compliance.linking.scope import NO_RULE, AgreementScope, away_from, linking_endings
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

    def date_classes(self, when: EventTime) -> DateClass:
        """The date classes of an account's first and last days: together, all its dates tell the tests."""
        return self.date_class(when.first_day), self.date_class(when.last_day)


class LinkMemo:
    """What linking remembers across the events of one batch, owned by whoever links the batch.

    Per account signature (the fields linking reads but the dates and the point: a million rows
    have a few thousand), a :class:`Signed`: where its place names put it, and what the rules
    say of it whatever its dates (:class:`RulePlan`). The outcome of a plan per date class (a
    signature's dates spread it over some forty), shared by the signatures with equal plans (a
    hundred plans for thousands of signatures). Date classes by ``EventTime``, gazetteer
    placements by location string and by point (each resolved once), the agreements a place
    lies outside of, and the place tests' verdicts by kind, country and placement (a few hundred).
    Share one only between calls with the same ``index`` and ``parties``.

    A date class is known by its number (:data:`INSTANT` for an instant), and the number of each
    time object by the object's ``id``: the readers share one ``EventTime`` per distinct time, and
    hashing one is a Python call (attrs' cached hash) where an ``int`` hashes in C, as does
    the number keying the outcomes, where a class's pair of pairs was hashed again on every
    account (a million rows). The memo holds each time it numbered, so that no id is reused.
    """

    __slots__ = ("away", "classes", "days", "outcomes", "places", "plans", "signed", "times", "verdicts")

    def __init__(self) -> None:
        self.signed: dict[tuple[object, ...], Signed] = {}
        self.plans: dict[tuple[object, ...], Planned] = {}
        self.outcomes: dict[RulePlan, dict[int, RuleOutcome]] = {}
        self.places: dict[tuple[object, ...], Placement] = {}
        self.days: dict[EventTime, int] = {}  # time -> the number of its date class
        self.classes: dict[DateClass, int] = {}  # date class -> its number
        self.times: dict[int, tuple[EventTime, int]] = {}  # id of a time -> the time, its number
        self.away: dict[Placement, frozenset[str]] = {}
        self.verdicts: PlaceVerdicts = {}

    def date_number(self, when: EventTime, index: LinkIndex) -> int:
        """The number of the date class of ``when`` (:data:`INSTANT` for an instant), by value,
        remembered for the object ``when`` too (see the class)."""
        number = self.days.get(when)
        if number is None:
            if when.is_instant:
                number = INSTANT
            else:
                days = index.date_classes(when)
                number = self.classes.setdefault(days, len(self.classes))
            self.days[when] = number
        self.times[id(when)] = (when, number)
        return number

    def away_from(self, placement: Placement, index: LinkIndex) -> frozenset[str]:
        """:func:`~compliance.linking.scope.away_from` once per place: where it is empty, no
        account placed there is outside an agreement by its place (``scope.outside_by_place``)."""
        if placement not in self.away:
            self.away[placement] = away_from(placement, index.scopes.values())
        return self.away[placement]


INSTANT = -1
"""The number of no date class: an instant's days depend on each agreement's zone."""

DateClass = tuple[tuple[int, int], tuple[int, int]]
"""Where an account's first and last days fall among :attr:`LinkIndex.boundaries` (an instant,
whose days depend on each agreement's zone, has none: :data:`INSTANT`)."""

Planned = tuple[RulePlan, dict[int, RuleOutcome]]
"""A plan and its outcomes by the number of their date class (the dictionary shared by every
equal plan)."""


class Signed(NamedTuple):
    """What linking knows of every account with one signature (:func:`_signature`) whatever its
    dates: where its place names put it, and its plan with the outcomes met so far.

    ``pointed``: the names place it nowhere, and an account of the signature with coordinates is
    placed by its point (:func:`_placement`), so its plan is looked up for that placement; unless
    the point is coarser than a town (:data:`~compliance.core.places.TOWN_PRECISION`), which places
    nothing: such an account keeps the signature's plan, as one without coordinates does.
    """

    placement: Placement
    pointed: bool
    plan: RulePlan
    outcomes: dict[int, RuleOutcome]


class Linking(NamedTuple):
    """The links of one account; why it has none; the problems with its explicit links (an error
    rejects it); where the gazetteer placed it (which the incidents of an account with no country need).

    A named tuple, not an attrs class: one is made per account and read once (a million rows).
    """

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
    return Linking(*linked(event, index, parties, memo if memo is not None else LinkMemo()))


Linked = tuple[tuple[Link, ...], str, tuple[Remark, ...], Placement]
"""A :class:`Linking`'s fields as a plain tuple: what :func:`linked` gives a batch, read once."""


def linked(event: Event, index: LinkIndex, parties: PartyRegistry, memo: LinkMemo) -> Linked:
    """:func:`link_account` for a batch that shares ``memo``, as a plain tuple: a named tuple is
    built by a Python call, one per account of a million rows, and its reader unpacks it at once."""
    # Most accounts: one look-up by signature, one by time, one by date class (a million rows).
    signature = (
        event.kind,
        event.actor,
        event.involved,
        event.target,
        event.reporter_party if event.actor is None else None,
        event.country,
        event.location,
        event.admin1,
    )
    signed = memo.signed.get(signature)
    if signed is None:
        signed = memo.signed[signature] = _signature(event, index, parties, memo)
    placement, pointed, plan, outcomes = signed
    point = event.coordinates
    if pointed and point is not None and (point.precision or 0) <= TOWN_PRECISION:
        placement = _placement(event, index, memo)
        plan, outcomes = _planned(event, index, parties, placement, memo)
    when = event.when
    known = memo.times.get(id(when))
    number = memo.date_number(when, index) if known is None else known[1]
    if number != INSTANT:
        found = outcomes.get(number)
        if found is None:
            found = outcomes[number] = dated_outcome(plan, when)
    else:  # an instant: its days depend on each agreement's zone
        found = dated_outcome(plan, when)
    found_links, reason = found
    event_id = event.id
    if not event.links:  # most accounts have none: skip the work (a million rows)
        if not found_links:  # (every row of an export from elsewhere)
            return (), reason or NO_RULE, (), placement
        links = tuple(
            [
                Link(ob_id, event_id, effect, basis, note, caveat)
                for ob_id, effect, basis, note, caveat in found_links
            ]
        )
        return links, "", (), placement
    made, remarks = explicit_links(event, index)
    named = {ref.agreement for ref in event.links if ref.agreement in index.agreement_ids}
    made = [with_place_caveat(link, event, index, placement) for link in made]
    made += [
        Link(ob_id, event_id, effect, basis, note, caveat)
        for ob_id, effect, basis, note, caveat in found_links
        if index.obligations[ob_id][0].id not in named
    ]
    return tuple(made), "" if made else (reason or NO_RULE), tuple(remarks), placement


def _signature(event: Event, index: LinkIndex, parties: PartyRegistry, memo: LinkMemo) -> Signed:
    """What linking knows of the account's signature whatever its dates (:class:`Signed`): the
    signature holds every field the plan reads but the placement, and the fields that place it."""
    placement = _named_placement(event, index, memo)
    pointed = not placement.resolved and (not event.country or event.country in index.mapped_countries)
    plan, outcomes = _planned(event, index, parties, placement, memo)
    return Signed(placement, pointed, plan, outcomes)


def _named_placement(event: Event, index: LinkIndex, memo: LinkMemo) -> Placement:
    """Where the account's place names put it (resolved once per distinct text)."""
    key: tuple[object, ...] = (event.location, event.admin1, event.country)
    found = memo.places.get(key)
    if found is None:
        found = memo.places[key] = index.gazetteer.resolve(
            event.location, event.admin1, country=event.country
        )
    return found


def _placement(event: Event, index: LinkIndex, memo: LinkMemo) -> Placement:
    """Where the account is, from its place names, else from its point when it is near a known place.

    Only a point at or near a town places an account: one whose precision code says it stands for
    a region (a province's centroid; :data:`~compliance.core.places.TOWN_PRECISION`) is as no point.
    """
    found = _named_placement(event, index, memo)
    point = event.coordinates
    if found.resolved or point is None or (point.precision or 0) > TOWN_PRECISION:
        return found
    if event.country and event.country not in index.mapped_countries:
        return found
    # Keyed by the exact point: a key rounded to ~100 m made an account's place depend on which
    # account of that square came first, when the square straddles the distance limit.
    key = (point.latitude, point.longitude, event.country, None)
    near = memo.places.get(key)
    if near is None:
        near = memo.places[key] = index.gazetteer.near(point.latitude, point.longitude, event.country)
    return near


def _planned(
    event: Event, index: LinkIndex, parties: PartyRegistry, placement: Placement, memo: LinkMemo
) -> Planned:
    """:func:`~compliance.linking.plans.rule_plan` once per signature without dates, and the
    outcomes by date class of an equal plan met before (an outcome depends only on the plan and
    the dates)."""
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
    planned = memo.plans.get(undated)
    if planned is None:
        plan = rule_plan(event, index, parties, placement, memo.verdicts)
        planned = memo.plans[undated] = (plan, memo.outcomes.setdefault(plan, {}))
    return planned
