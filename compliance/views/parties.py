"""The parties a report names, with their names: the key a reader needs before the tables.

A report writes parties by id (``ARM``, ``NK``, ``TUR``) in its summaries, its evidence lines
and its accounts; an id a reader cannot look up in the report itself is jargon. The key lists
every id the report uses, and only those, with the neutral name the party registry gives it.
"""

from __future__ import annotations

from collections.abc import Iterable

from compliance.core.events import Event
from compliance.core.model import Agreement
from compliance.core.natural_order import natural_key
from compliance.core.parties import PartyRegistry


def party_key(
    registry: PartyRegistry, agreements: Iterable[Agreement], events: Iterable[Event]
) -> tuple[tuple[str, str], ...]:
    """``(id, name)`` of every party the agreements and accounts shown name, sorted by id.

    The signatories, mediators, bearers and beneficiaries of the agreements, and the reporter's
    side, the actor, the target and the parties involved of each account; an id the registry
    does not know (a side "none" or "unknown") is not a party and is left out.
    """
    ids: set[str] = set()
    for a in agreements:
        ids.update(a.signatories, a.mediators)
        for ob in a.obligations:
            ids.update(ob.bearers, ob.beneficiaries)
    for e in events:
        ids.update(p for p in (e.reporter_party, e.actor, e.target, *e.involved) if p)
    named = ((i, registry.get(i)) for i in sorted(ids, key=natural_key))
    return tuple((i, party.name) for i, party in named if party is not None)
