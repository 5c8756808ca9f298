"""Whether an account can bear on an agreement at all: time, place, parties, domestic events.

A rule matching on kind and actor is not enough: a battle in Benin, a clash in 2016, a riot
between Armenian police and Armenian protesters are not evidence about a ceasefire between
Armenia and Azerbaijan signed in 2020. Before any rule is tried, the account must

(a) not lie wholly before the agreement (an account straddling the adoption links with a caveat),
    nor, for each obligation, begin after the obligation's end when the texts date that end
    (``[[endings]]``, a later text's ``supersedes`` or ``terminates``, the expiry of a term that
    does not renew: :func:`linking_endings`; :data:`ENDED`),
(b) have a country, when known, among the scope's countries,
(c) have a place, when the gazetteer resolves it, inside the scope's areas or countries
    (inside a *disputed* area it links with a caveat),
(d) name a party to the agreement (signatory, bearer, or someone on their side), or, naming no
    party, have a place that resolves into the agreement's area; naming no actor, it must not
    involve one side with none but parties the agreement does not set against that side (a
    clash of Armenia's forces with Türkiye's),

and must not be a domestic event. Everything that links to nothing gets one reason from
:data:`REASONS`: that of the test it got furthest with, in the order of :data:`RANK` (place,
time, parties, domestic, the rules), so a protest abroad is outside the area, not domestic.
These tests are a few set look-ups per account signature; the caller memoises them with the
rule-made links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from attrs import frozen

from compliance.core.events import Event
from compliance.core.model import Agreement, Ending, Scope, ending_order, first_endings
from compliance.core.parties import PartyRegistry
from compliance.core.places import Placement
from compliance.core.vocabulary import Effect, EndType

BEFORE = "before the agreement"
ENDED = "after the obligation ended"
OUTSIDE = "outside the agreement's area"
NO_PARTY = "no party to the agreement involved"
NO_OPPOSING = "no opposing party to the agreement involved"
DOMESTIC = "domestic event"
NO_RULE = "no rule matches"
REASONS: tuple[str, ...] = (BEFORE, ENDED, OUTSIDE, NO_PARTY, NO_OPPOSING, DOMESTIC, NO_RULE)
"""The closed set of reasons an accepted account links to nothing (in the order of the docs)."""

DISPUTED_SCOPE = "outside the stated area, scope disputed"

VENUE_KINDS = frozenset(
    {
        "transport-talks",
        "transport-link-opened",
        "border-delimitation",
        "territorial-claim",
        "threat-of-force",
        "diplomatic-relations",
        "agreement-signed",
        "notice-of-termination",
        "deadline-extension",
        "denial",
        "statement",
        "court-order",
    }
)
"""Kinds that are things said, signed or decided: their location is a venue (Moscow, Brussels,
Astana), not where the duty applies, so neither the place test (c) nor the country test (b) is
applied to them: the country of a venue is as little where the duty applies as the venue is (the
first working-group meeting, Moscow, ``country`` RU, fulfils a duty in the region)."""

ENDING_KINDS = frozenset({"peacekeeper-withdrawal", "monitoring-centre-closed", "notice-of-termination"})
"""Kinds whose account records an end: the contingent leaving, a centre closing, a notice of
termination. A rule that links such an account as ``relevant`` still links it to an obligation
that has ended before its date: it is the account of the ending, which may be dated at or after
the end (a completion reported the day after). No other rule-made link outlives the end."""

RANK = {OUTSIDE: 0, BEFORE: 1, ENDED: 2, NO_PARTY: 3, NO_OPPOSING: 4, DOMESTIC: 5, NO_RULE: 6}
"""How far an account got before a test failed: the reason shown is the one it got furthest with.
The tests run in this order: place, time (the agreement's date, then the obligation's end),
parties, whether the account is domestic, the rules."""


@frozen
class AgreementScope:
    """What the scope tests need of one agreement, computed once per index."""

    id: str
    date: dt.date
    members: frozenset[str]
    countries: frozenset[str]
    areas: frozenset[str]
    tz: dt.tzinfo = dt.UTC  # the agreement's zone: an instant's day is read there
    reach: tuple[Scope | None, ...] = ()
    """The distinct scopes of its obligations (an obligation's own, else the agreement's): where
    it applies to anything, the place test of an account of a kind no rule lists."""

    @classmethod
    def of(cls, agreement: Agreement) -> AgreementScope:
        scopes = [agreement.scope or Scope()] + [ob.scope for ob in agreement.obligations if ob.scope]
        members = set(agreement.signatories) | {b for ob in agreement.obligations for b in ob.bearers}
        return cls(
            agreement.id,
            agreement.date,
            frozenset(members),
            frozenset(c for s in scopes for c in s.countries),
            frozenset(a for s in scopes for a in (*s.areas, *s.disputed_areas)),
            agreement.tz,
            tuple(dict.fromkeys(agreement.scope_of(ob) for ob in agreement.obligations))
            or (agreement.scope,),
        )


def may_bear_on(event: Event, scope: AgreementScope, placed_outside: frozenset[str] = frozenset()) -> bool:
    """Whether the account passes the time-scope and country tests for the agreement.

    An account dated wholly before the agreement, or from a country the agreement does not apply
    in, bears on none of its obligations, whatever else it says: the rules never link it to
    them, and it neither answers, corroborates nor contests an account of them in a shared
    incident. An explicit link to the agreement stands in for the country test (whoever coded
    the account said it bears on it: talks in Moscow, say), not for the time test (a text cannot
    be kept or broken before it exists), as in linking itself. A thing said or signed
    (:data:`VENUE_KINDS`) meets no country test, as in linking: its country is the venue's.

    An account that gives no country is placed by the gazetteer, which only linking reads:
    ``placed_outside`` holds the agreements it found the account's place outside of
    (:func:`outside_by_place`).
    """
    if event.when.days_in(scope.tz)[1] < scope.date:
        return False
    if scope.id in placed_outside:
        return False
    if not (event.country and scope.countries) or event.country in scope.countries:
        return True
    return event.kind in VENUE_KINDS or any(ref.agreement == scope.id for ref in event.links)


def linking_endings(agreements: Sequence[Agreement]) -> dict[str, Ending]:
    """Per obligation whose end the texts date, the first end: an ending that takes effect
    (:func:`compliance.core.model.first_endings`), or the expiry of a term that does not renew
    (``Term.fixed_end``), whichever comes first.

    Such a term ends on a day its text alone fixes (start plus years), as an ``[[endings]]``
    record does: the evaluation reads it ``terminated`` from 00:00 of that day in the agreement's
    zone ("term expired on … (not renewable)"), so a breach dated after it must not be listed as
    its evidence. Only linking reads these: the evaluation keeps its own term rule and reason.
    """
    found = first_endings(agreements)
    for agreement in agreements:
        for ob in agreement.obligations:
            day = ob.term.fixed_end if ob.term is not None else None
            if day is None:
                continue
            expiry = Ending(
                day, EndType.TERMINATED, f"{agreement.id} (term expired, not renewable)", "", (ob.id,)
            )
            if ob.id not in found or ending_order(expiry) < ending_order(found[ob.id]):
                found[ob.id] = expiry
    return found


def after_end(event: Event, ending: Ending | None, tz: dt.tzinfo) -> bool:
    """Whether the account can first have happened only after the day the obligation ended
    (``ending``, read in the agreement's zone ``tz``): then it is evidence of it no more. An
    account of the ending's own day, or one straddling it, is kept: it may be the evidence of the end.

    Only ends the texts date are known here (:func:`linking_endings`). A renewable term that
    expires after a notice ends on a day the evaluation finds from the accounts of the notice,
    after linking.
    """
    return ending is not None and event.when.days_in(tz)[0] > ending.date


def outlives_end(kind: str, effect: Effect) -> bool:
    """Whether a rule-made link of this kind and effect is made even after the obligation ended:
    a ``relevant`` link of an account that records an ending (:data:`ENDING_KINDS`)."""
    return effect is Effect.RELEVANT and kind in ENDING_KINDS


def outside_by_place(
    event: Event, placement: Placement, linked: Iterable[str], scopes: Iterable[AgreementScope]
) -> frozenset[str]:
    """The agreements an account that gives no country cannot bear on, by where its place lies.

    The country test of :func:`may_bear_on` reads the ``country`` field. Without one, linking
    reads the place (test (c)): a clash in Moscow links to no obligation with an area, and must
    not read with an incident of the agreement either. Those are the agreements whose countries
    the resolved place lies wholly outside, unless the account is a thing said or signed (its
    place is a venue) or is linked to the agreement anyway (explicitly, or by a rule to an
    obligation with no place test): linked, it is evidence and reads with its incident.
    """
    if event.country or event.kind in VENUE_KINDS or not placement.countries:
        return frozenset()
    return away_from(placement, scopes).difference(linked)


def away_from(placement: Placement, scopes: Iterable[AgreementScope]) -> frozenset[str]:
    """The agreements whose countries ``placement`` lies wholly outside: what
    :func:`outside_by_place` can at most give an account placed there (the same for every
    account of one place, so the ledger works it out once per place)."""
    return frozenset(s.id for s in scopes if s.countries and placement.countries.isdisjoint(s.countries))


def is_domestic(event: Event, parties: PartyRegistry) -> bool:
    """One side's forces against its own civilians, protesters, rioters or police.

    Either the account names a target and every party it names stands on the target's side,
    or it is a protest in which no two named parties are opponents.
    """
    named = _named(event)
    if event.target is not None:
        side = parties.side_of.get(event.target, frozenset({event.target}))
        return all(p in side for p in named)
    if event.kind == "protest":
        return not any(q in parties.opponents.get(p, ()) for p in named for q in named)
    return False


def _named(event: Event) -> set[str]:
    named = set(event.involved)
    for party in (event.actor, event.target):
        if party is not None:
            named.add(party)
    return named


def party_reason(
    event: Event, scope: AgreementScope, placement: Placement, parties: PartyRegistry
) -> str | None:
    """Test (d): ``None`` when a party to the agreement is named (or, none named, the place is
    inside), and, when no actor is, a party the agreement sets against it (:func:`opposing_reason`)."""
    named = _named(event)
    if not named and event.kind in VENUE_KINDS:
        # Talks at a known venue (Moscow, Brussels), or a step one of the parties itself reports.
        return None if placement.resolved or event.reporter_party in scope.members else NO_PARTY
    if not named:
        inside = bool(placement.areas & scope.areas) or bool(placement.countries & scope.countries)
        return None if placement.resolved and inside else NO_PARTY
    for party in named:
        if party in scope.members or parties.side_of.get(party, frozenset()) & scope.members:
            return opposing_reason(event, scope, parties)
    return NO_PARTY


def opposing_reason(event: Event, scope: AgreementScope, parties: PartyRegistry) -> str | None:
    """The rest of test (d), for an account naming no actor: ``None`` when it can bear on the
    agreement, :data:`NO_OPPOSING` when the parties it names besides one side's are none that
    the agreement sets against that side.

    Such an account (ACLED's and UCDP's battles: the source does not say who fired) bears,
    contested, on the duty of each side it involves, because either may have fired. That
    reasoning holds for hostilities between the sides the agreement binds. A clash between
    Armenia's forces and Türkiye's, or Azerbaijan's and Iran's, is not evidence about a duty
    Armenia and Azerbaijan owe each other, and linking it charged one side with a clash the other
    took no part in. Nor is a clash with Russia's forces: Russia signed the 2020 statement but is
    on neither side (``[[conflicts]]`` in the party registry).

    So the account passes when some party it names that belongs to the agreement (a party to it,
    or on the side of one) has among the other parties named, those off its own side, an
    opponent that belongs to the agreement too (Azerbaijan opposite Armenia, the Karabakh
    Armenian forces opposite Azerbaijan), or has none at all. An account naming only one side
    passes: the source leaves the other party open as it leaves the actor open (ACLED codes one
    side's shelling of the other's villages with no second actor), and the place test keeps it
    to the agreement's area. Both sides are treated alike: the test reads the registry's sides,
    never a party's id.
    """
    if event.actor is not None:
        return None
    named = _named(event)
    if len(named) < 2:
        return None
    side_of, opponents = parties.side_of, parties.opponents
    ours = {p for p in named if p in scope.members or side_of.get(p, frozenset()) & scope.members}
    for party in ours:
        others = named - side_of.get(party, frozenset()) - {party}
        if not others or not others.isdisjoint(opponents.get(party, frozenset()) & ours):
            return None
    return NO_OPPOSING


def place_verdict(
    event: Event, placement: Placement, scope: Scope | None, agreement: AgreementScope
) -> tuple[str | None, str]:
    """Tests (b) and (c) for one obligation: ``(reason or None, caveat)``.

    Neither applies to a thing said, signed or decided (:data:`VENUE_KINDS`): its place and its
    country are those of the venue.
    """
    if event.kind in VENUE_KINDS:
        return None, ""
    own = frozenset(scope.countries) if scope is not None else frozenset()
    countries = own | agreement.countries
    if event.country and countries and event.country not in countries:
        return OUTSIDE, ""  # (b) holds for every obligation: the source says where the event was
    if scope is None or not (scope.countries or scope.areas or scope.disputed_areas):
        return None, ""  # no place test: procedures, persons, meetings anywhere
    if not placement.resolved:
        return None, ""
    if placement.countries and countries and not placement.countries & countries:
        return OUTSIDE, ""
    if not scope.areas or not placement.areas:
        return None, ""  # the scope is whole countries, or the place too coarse to exclude
    if placement.areas & frozenset(scope.areas):
        return None, ""
    if placement.areas & frozenset(scope.disputed_areas) or (scope.disputed and not scope.disputed_areas):
        return None, DISPUTED_SCOPE
    return OUTSIDE, ""


def reach_verdict(event: Event, placement: Placement, agreement: AgreementScope) -> str | None:
    """Tests (b) and (c) for an agreement as a whole, for an account of a kind no rule lists:
    ``None`` when the account passes them for some obligation (the agreement applies there to
    something), else :data:`OUTSIDE`.

    Such an account links to nothing, but its reason must still say how far it got. Without
    this it met no place or time test: a protest in Zambia in 2016 was counted as a domestic
    event, and a statement made in 2019 as matching no rule.
    """
    if any(place_verdict(event, placement, own, agreement)[0] is None for own in agreement.reach):
        return None
    return OUTSIDE


def worst(reasons: Iterable[str]) -> str:
    """The reason of the account that got furthest (``no rule matches`` when there was none)."""
    return max(reasons, key=RANK.__getitem__, default=NO_RULE)
