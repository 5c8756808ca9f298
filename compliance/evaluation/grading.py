"""Evidence grades: how far one account can be relied on, judged by who gives it.

The library never decides who is right. It only asks whether an account comes from a source
with a stake in the conclusion. The rules, in the order they apply (docs/obligation-logic.md,
"Evidence grade"):

1. A source not affiliated with any party, or a party that is not a side to the conflict
   (Russia about Armenia or Azerbaijan, a court, a news agency) gives a *confirmed* account.
2. The bearer, or a party on the bearer's side, gives a *confirmed* account: an admission of a
   breach, or its own report of fulfilment.
3. A side reporting that its opponent fulfilled or progressed is *confirmed* (it speaks
   against its own interest).
4. A side reporting its opponent's breach gives an *alleged* account. It is *confirmed* when an
   account of the same incident by the accused side describes the same act (the same kind, or
   both hostilities) with the accused side as the actor ("both sides consistently"); it is
   *contested* when another account of the incident is a denial by the accused side, or names
   as actor a party not on the accused side. Only accounts known by the
   cut-off count, and statements, denials and court orders never count as naming an actor.
5. A rule-made breach link to an event whose source names no actor is *contested*: the source
   does not say who acted (ACLED's actor order, for instance, does not).
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.core.events import UNAFFILIATED, UNKNOWN, Event
from compliance.core.parties import PartyRegistry
from compliance.core.vocabulary import ActorRelation, Effect, Grade

NOT_ACTS = frozenset({"statement", "denial", "court-order"})
"""Kinds whose ``actor`` is a speaker, not a party acting on the ground."""
HOSTILITIES = frozenset({"armed-clash", "shelling", "ceasefire-violation", "border-incursion"})
"""Kinds that describe the same hostile act from different angles."""


def _same_act(a: str, b: str) -> bool:
    return a == b or (a in HOSTILITIES and b in HOSTILITIES)


def _on_side(party: str | None, bearers: tuple[str, ...], parties: PartyRegistry) -> bool:
    return party is not None and parties.relation(party, bearers) in (
        ActorRelation.BEARER,
        ActorRelation.ALIGNED,
    )


def grade_account(
    event: Event,
    effect: Effect,
    basis: str,
    bearers: tuple[str, ...],
    parties: PartyRegistry,
    same_incident: Sequence[Event] = (),
) -> tuple[Grade, str, Event | None]:
    """Grade one account; returns the grade, the reason, and the corroborating account if any.

    ``same_incident`` must hold only the other accounts visible at the cut-off.
    """
    if effect is Effect.BREACHES and event.actor is None and basis != "explicit":
        return Grade.CONTESTED, "the source does not say who acted", None
    reporter = event.reporter_party
    if reporter == UNAFFILIATED:
        return Grade.CONFIRMED, "source not affiliated with any party", None
    if reporter == UNKNOWN:
        return Grade.ALLEGED, "the reporter's affiliation is unknown", None
    relation = parties.relation(reporter, bearers)
    if relation in (ActorRelation.BEARER, ActorRelation.ALIGNED):
        what = "admission by" if effect is Effect.BREACHES else "reported by"
        return Grade.CONFIRMED, f"{what} the bearer's side ({reporter})", None
    if not parties.is_side(reporter):
        return Grade.CONFIRMED, f"reported by {reporter}, not a side to the conflict", None
    if effect in (Effect.FULFILS, Effect.PROGRESS):
        return Grade.CONFIRMED, f"reported by {reporter}, against its own interest", None
    for other in same_incident:
        if not _same_act(event.kind, other.kind) or not _on_side(other.reporter_party, bearers, parties):
            continue
        if _on_side(other.actor, bearers, parties):
            return Grade.CONFIRMED, f"alleged by {reporter}, corroborated by {other.id}", other
    for other in same_incident:
        if other.kind == "denial" and _on_side(other.reporter_party, bearers, parties):
            return Grade.CONTESTED, f"alleged by {reporter}, denied in {other.id}", None
        if (
            other.kind not in NOT_ACTS
            and other.actor is not None
            and not _on_side(other.actor, bearers, parties)
        ):
            return Grade.CONTESTED, f"alleged by {reporter}; {other.id} names {other.actor} as actor", None
    return Grade.ALLEGED, f"alleged by {reporter} only", None
