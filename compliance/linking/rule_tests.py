"""The tests one link rule applies to one account: kind, actor, other party, place, window; the link's note.

``index`` runs them per account signature (what does not read dates) and per date class (what
does); they are kept apart from it because they are the rules' meaning, which
docs/obligation-logic.md and docs/event-formats.md describe, and the index only their bookkeeping.
"""

from __future__ import annotations

from datetime import tzinfo

from compliance.core.events import Event
from compliance.core.model import LinkRule, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.vocabulary import ActorRelation, Effect

NO_ACTOR_NOTE = "the source does not say who acted"


def matches(event: Event, ob: Obligation, rule: LinkRule, parties: PartyRegistry, tz: tzinfo) -> bool:
    if not matches_undated(event, ob, rule, parties):
        return False
    # An event overlapping the window may fall in it; the evaluator handles the uncertainty.
    first, last = event.when.days_in(tz)
    if rule.window_start is not None and last < rule.window_start:
        return False
    return rule.window_end is None or first <= rule.window_end


def matches_undated(event: Event, ob: Obligation, rule: LinkRule, parties: PartyRegistry) -> bool:
    """The tests of :func:`matches` that do not read the account's dates."""
    if event.actor is None and event.involved and not _involves_bearer(event, ob, parties):
        return False  # an unattributed event only bears on the parties it involves
    if event.actor is None and rule.effect is Effect.BREACHES and _reporter_bears(event, ob, parties):
        return False  # a side's account is not evidence against itself (it may be against the other)
    if ActorRelation.ANY not in rule.actors and parties.relation(event.actor, ob.bearers) not in rule.actors:
        return False
    if ActorRelation.ANY not in rule.targets and not any(
        parties.relation(other, ob.bearers) in rule.targets for other in other_parties(event)
    ):
        return False
    if rule.places:
        where = f"{event.location} {event.admin1}".casefold()
        if not any(place.casefold() in where for place in rule.places):
            return False
    return True


def other_parties(event: Event) -> tuple[str | None, ...]:
    """The parties an account names besides its actor, which a rule's ``targets`` test reads:
    ``(None,)`` when there is none (the relation ``unknown``).

    Our formats give the other party as ``target`` (the party acted upon; for an agreement, the
    other party to it). ACLED's and UCDP's readers keep the parties of a violent row, and both
    parties to an ACLED agreement, in ``involved`` (:mod:`compliance.readers.acled`), so those
    count too. The actor itself never does: the police of one state and its own protesters name
    no other party, and an agreement of a bearer with a bearer needs two of them.
    """
    named = (event.target, *event.involved)
    others = tuple(dict.fromkeys(p for p in named if p is not None and p != event.actor))
    return others or (None,)


def _involves_bearer(event: Event, ob: Obligation, parties: PartyRegistry) -> bool:
    """Whether an account naming no actor involves a bearer, or forces whose acts the obligation
    answers for (an ``aligned`` rule for this kind of act).

    Without the second test a clash between Azerbaijan's forces and the Karabakh Armenian forces
    whose source does not say who fired bore on Azerbaijan's ceasefire duty only, while the same
    clash coded against a named Karabakh Armenian actor bore on Armenia's too (rule
    ``hostilities-by-aligned-forces``): one side was charged with what the source left open.
    """
    if not set(event.involved).isdisjoint(ob.bearers):
        return True
    return _aligned_only(event, ob, parties) is not None


def _aligned_only(event: Event, ob: Obligation, parties: PartyRegistry) -> str | None:
    """The involved party aligned with a bearer, when the obligation has an ``aligned`` rule for
    the account's kind and no bearer is involved (the first such party in id order)."""
    if not set(event.involved).isdisjoint(ob.bearers):
        return None
    if not any(event.kind in r.kinds and ActorRelation.ALIGNED in r.actors for r in ob.rules):
        return None
    return next(
        (p for p in sorted(event.involved) if parties.relation(p, ob.bearers) is ActorRelation.ALIGNED),
        None,
    )


def breach_note(event: Event, ob: Obligation, rule: LinkRule, parties: PartyRegistry) -> str:
    """The note of a rule-made link: an account naming no actor says so, and says when the only
    party of the bearer's side it names is not a bearer."""
    if event.actor is not None or rule.effect is not Effect.BREACHES:
        return ""
    aligned = _aligned_only(event, ob, parties) if event.involved else None
    if aligned is None:
        return NO_ACTOR_NOTE
    return f"{NO_ACTOR_NOTE}; on the bearer's side it names only {aligned}, not a bearer"


def _reporter_bears(event: Event, ob: Obligation, parties: PartyRegistry) -> bool:
    """Whether every bearer is on the side of the account's only reporter."""
    side = parties.side_of.get(event.reporter_party)
    return side is not None and all(b in side for b in ob.bearers)
