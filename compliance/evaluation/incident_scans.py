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


def speaks_to(kind: str, other: str) -> bool:
    """Whether an account of kind ``other`` naming another actor speaks to an account of ``kind``:
    when it describes the same act (:func:`same_act`), or when the account's own act is not named
    (``kind`` in ``NOT_ACTS``: a statement, denial or court order, which any act may answer).

    Border guards' account of a shooting naming Armenia says nothing of who halted the Red Cross
    at the same bridge that day: it does not contest an allegation of the halt.
    """
    return kind in NOT_ACTS or same_act(kind, other)


def contest(
    kind: str, bearers: tuple[str, ...], parties: PartyRegistry, same_incident: Sequence[Event]
) -> Event | None:
    """The first account contesting an opposing side's allegation of an act of ``kind``: the
    bearer's side's denial, or an account of the same act (:func:`speaks_to`) naming an actor not
    on the bearer's side."""
    for other in same_incident:
        if other.kind == "denial" and on_side(other.reporter_party, bearers, parties):
            return other
        if names_another_actor(other, bearers, parties) and speaks_to(kind, other.kind):
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
