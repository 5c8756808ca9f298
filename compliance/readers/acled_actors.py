"""Who an ACLED row names in its actor columns: the acting party, the parties involved, the people
acted upon (docs/event-formats.md, "Actors and parties").

Kept apart from the row reader (:mod:`compliance.readers.acled`) because it is the reading of
ACLED's actor conventions, which the docs describe rule by rule: actor order says nothing of who
attacked, crowds stand in either column, unarmed people are named by their country, and both
parties to an agreement are named.
"""

from __future__ import annotations

import re

from compliance.readers.base import PartyResolver, looks_like_state, party_of_name
from compliance.readers.fields import integral, stated

_PEOPLE_OF = re.compile(r"^(?:civilians|protesters|rioters)\s*\(([^()]+)\)$", re.IGNORECASE)
"""ACLED names unarmed people by their country: ``Civilians (Armenia)``, ``Protesters (Azerbaijan)``."""
_PEOPLE_INTER = frozenset({"5", "6", "7", "rioters", "protesters", "civilians"})
"""``inter1``/``inter2`` of rioters, protesters and civilians: codes before 2024, words since."""

VIOLENT, CROWD, ACTOR_FIRST, AGREEMENT = "violent", "crowd", "actor first", "agreement"
"""How a row's actor columns are read: by event type, or as an agreement (see :func:`actors_of`)."""


def actors_of(
    names: tuple[str, str, str, str], order: str, resolve_party: PartyResolver
) -> tuple[tuple[str, ...], str | None]:
    """(the registered parties involved, when violent or an agreement; the acting party, when not).

    Violent: every party named, none the actor (the order says nothing of who attacked). A
    protest or riot: the party of ``actor1`` or else of ``actor2``, since ACLED puts the crowd in
    either column and the police or army who met it in the other; reading ``actor1`` alone lost
    the police of every real protest coded with the protesters first. Other types: ``actor1``.
    An agreement: ``actor1``, and every party named as involved, so that the other party to it
    (``actor2``) is kept for the rules that need it (``targets``: ``rule_tests.other_parties``):
    without it, Azerbaijan's agreement with Türkiye and its agreement with Armenia read alike.
    """
    if order in (VIOLENT, AGREEMENT):
        parties: list[str] = []
        for text in names:
            for part in filter(None, (p.strip() for p in text.split(";"))):
                party = actor_party(part, resolve_party)
                if party is not None and party not in parties:
                    parties.append(party)
        return tuple(sorted(parties)), actor_party(names[0], resolve_party) if order == AGREEMENT else None
    columns = (names[0], names[2]) if order == CROWD else (names[0],)
    acting = (actor_party(name, resolve_party) for name in columns if name)
    return (), next((party for party in acting if party is not None), None)


ACTOR_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
"""The columns of :func:`actors_of`'s ``names``, in order."""


def unread_states(
    names: tuple[str, str, str, str], order: str, resolve_party: PartyResolver
) -> tuple[tuple[str, str], ...]:
    """(column, name) of each actor named as a state's government or forces but no party's, on a
    violent or agreement row that names a party (:func:`~compliance.readers.base.unread_state`):
    only there are the parties involved read, and only there does leaving one out change them."""
    if order not in (VIOLENT, AGREEMENT):
        return ()
    unread: list[tuple[str, str]] = []
    named = False
    for field, text in zip(ACTOR_FIELDS, names, strict=True):
        for part in filter(None, (p.strip() for p in text.split(";"))):
            if actor_party(part, resolve_party) is not None:
                named = True
            elif looks_like_state(part):
                unread.append((field, part))
    return tuple(unread) if named else ()


def actor_party(name: str, resolve_party: PartyResolver) -> str | None:
    """The registered party an ACLED actor name stands for, or ``None``.

    ACLED names a state's forces ``Military Forces of <Country> (<years>)`` or ``Police Forces of
    <Country> (<years>)``, and a unit of them by appending its name after the years:
    ``Military Forces of Azerbaijan (2003-) Special Forces``. A unit acts for its state: the
    name is read by the rule UCDP GED's sides share (:func:`~compliance.readers.base.party_of_name`).
    """
    return party_of_name(name, resolve_party)


def people_of(
    actor2: str, inter2: str, actor1: str, inter1: str, crowd: bool, resolve_party: PartyResolver
) -> str | None:
    """The party whose civilians, protesters or rioters ``actor2`` names (for a protest or a riot,
    ``actor2`` or else ``actor1``), if that party is registered.

    ``Civilians (Armenia)`` are acted upon, not acting: the linking uses the target to tell an
    event between one side's forces and its own people from one between the sides. A crowd is
    acted upon in whichever column it stands: ``Protesters (Armenia)`` met by Armenia's police is
    Armenia's own people.
    """
    people = _people(actor2, inter2, resolve_party)
    if people is None and crowd:
        people = _people(actor1, inter1, resolve_party)
    return people


def _people(name: str, inter: str, resolve_party: PartyResolver) -> str | None:
    named = _PEOPLE_OF.match(name.strip())
    code = integral(stated(inter)).casefold()
    if named is None or (code and code not in _PEOPLE_INTER):
        return None
    return resolve_party(named[1].strip())
