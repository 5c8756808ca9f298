"""The plain scans of an incident that grading rules 5 and 6 read (see :mod:`grading`).

Each walks the other accounts of an incident in order and returns the first that corroborates,
contests or denies the account being graded. :class:`incident_index.IncidentIndex` answers the
same questions for a whole incident at once, and :class:`incident_small.SmallIncidents` for a
small incident by one pass per account; these scans are the definition both are checked
against, and what grading reads for one account alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.core.events import Event
from compliance.core.parties import PartyRegistry
from compliance.core.vocabulary import ActorRelation

NOT_ACTS = frozenset({"statement", "denial", "court-order"})
"""Kinds whose ``actor`` is a speaker, not a party acting on the ground."""
HOSTILITIES = frozenset({"armed-clash", "shelling", "ceasefire-violation", "border-incursion"})
"""Kinds that describe the same hostile act from different angles."""


def same_act(a: str, b: str) -> bool:
    return a == b or (a in HOSTILITIES and b in HOSTILITIES)


def on_side(party: str | None, bearers: tuple[str, ...], parties: PartyRegistry) -> bool:
    return party is not None and parties.relation(party, bearers) in (
        ActorRelation.BEARER,
        ActorRelation.ALIGNED,
    )


def names_another_actor(account: Event, bearers: tuple[str, ...], parties: PartyRegistry) -> bool:
    """Whether the account names as actor of an act a party not on the bearer's side."""
    return (
        account.kind not in NOT_ACTS
        and account.actor is not None
        and not on_side(account.actor, bearers, parties)
    )


def shared_side(account: Event, parties: PartyRegistry) -> frozenset[str]:
    """The parties on a side with both the account's reporter and its actor (``side_of``): the
    sides whose own act the account tells, if any (empty when it names no actor, or either is on
    no side, or they are on opposing sides)."""
    actor = account.actor
    if actor is None:
        return frozenset()
    side_of = parties.side_of
    reporters, actors = side_of.get(account.reporter_party), side_of.get(actor)
    return reporters & actors if reporters and actors else frozenset()


def accusers_own(account: Event, reporter: str, parties: PartyRegistry) -> bool:
    """Whether the account is the accusing side's own account of its own act: told by a party on
    a side with ``reporter`` (an allegation's) and naming a party on that side as actor.

    Such an account contests nothing that side alleges: the side does not contradict its own
    allegation against the other side, it tells of another act of its own (Azerbaijan's border
    service on its "response" of 13 February 2024, E102, beside its allegation of Armenian fire
    the day before, E100).
    """
    return reporter in shared_side(account, parties)


def speaks_to(kind: str, other: str) -> bool:
    """Whether an account of kind ``other`` naming another actor speaks to an account of ``kind``:
    when it describes the same act (:func:`same_act`), or when the account's own act is not named
    (``kind`` in ``NOT_ACTS``: a statement, denial or court order, which any act may answer).

    Border guards' account of a shooting naming Armenia says nothing of who halted the Red Cross
    at the same bridge that day: it does not contest an allegation of the halt.
    """
    return kind in NOT_ACTS or same_act(kind, other)


def contest(
    kind: str,
    bearers: tuple[str, ...],
    parties: PartyRegistry,
    same_incident: Sequence[Event],
    reporter: str,
) -> Event | None:
    """The first account contesting an opposing side's allegation of an act of ``kind`` reported
    by ``reporter``: the bearer's side's denial, or an account of the same act (:func:`speaks_to`)
    naming an actor not on the bearer's side, unless it is the accusing side's own account of its
    own act (:func:`accusers_own`)."""
    for other in same_incident:
        if other.kind == "denial" and on_side(other.reporter_party, bearers, parties):
            return other
        if (
            names_another_actor(other, bearers, parties)
            and speaks_to(kind, other.kind)
            and not accusers_own(other, reporter, parties)
        ):
            return other
    return None


def corroboration(
    event: Event, bearers: tuple[str, ...], parties: PartyRegistry, same_incident: Sequence[Event]
) -> Event | None:
    """The accused side's own account of the same act naming the same actor, if any."""
    if event.kind in NOT_ACTS:
        return None
    for other in same_incident:
        if other.kind in NOT_ACTS or not same_act(event.kind, other.kind):
            continue
        if not on_side(other.reporter_party, bearers, parties) or not on_side(other.actor, bearers, parties):
            continue
        if event.actor is not None and other.actor != event.actor:
            continue
        return other
    return None


def denial(
    kind: str, bearers: tuple[str, ...], parties: PartyRegistry, same_incident: Sequence[Event]
) -> Event | None:
    """The bearer's side's first denial, or its account of the same act as an account of ``kind``
    (:func:`speaks_to`) naming another actor, in the incident. (The reason citing it is worded
    where the grade is decided, ``grading``, with whose account it is.)"""
    for other in same_incident:
        if not on_side(other.reporter_party, bearers, parties):
            continue
        if other.kind == "denial" or (
            names_another_actor(other, bearers, parties) and speaks_to(kind, other.kind)
        ):
            return other
    return None
