"""Parties, and who stands on which side.

The distinction matters for grading evidence: Armenia and Azerbaijan are sides to each other;
Russia signed the 2020 statement and implements parts of it but is not a side. An account by a
side about its opponent is an allegation; an account by a non-side is independent.
"""

from __future__ import annotations

import re

from attrs import field, frozen

from compliance.core.vocabulary import ActorRelation

PARTY_ID = re.compile(r"^[A-Z][A-Z0-9-]{1,15}$")


def _check_party_id(_: object, __: object, value: str) -> None:
    if not PARTY_ID.match(value):
        raise ValueError(
            f"party id must be upper-case letters/digits (ISO alpha-3 where one exists): {value!r}"
        )


@frozen
class Party:
    """A state, de facto authority or organisation that owes, receives, implements or reports.

    Attributes:
        id: ``ARM``, ``AZE``, ``RUS`` (ISO 3166 alpha-3 where one exists).
        name: the neutral English name used in reports.
        aliases: other names and spellings, matched case-insensitively by the readers.
        kind: ``state``, ``de-facto-authority``, ``organisation``, ``court``.
        note: why this party is here, in neutral words.
    """

    id: str = field(validator=_check_party_id)
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "state"
    note: str = ""


@frozen
class Conflict:
    """Two opposing sides; a party on a side is *aligned* with the rest of that side."""

    id: str
    sides: tuple[tuple[str, ...], tuple[str, ...]]
    note: str = ""


@frozen
class PartyRegistry:
    """The known parties and conflicts, with the look-ups the linker and grader need."""

    parties: tuple[Party, ...]
    conflicts: tuple[Conflict, ...] = ()
    _by_alias: dict[str, str] = field(init=False, eq=False, repr=False)
    _side_of: dict[str, frozenset[str]] = field(init=False, eq=False, repr=False)
    _opponents: dict[str, frozenset[str]] = field(init=False, eq=False, repr=False)
    _relations: dict[tuple[str | None, tuple[str, ...]], ActorRelation] = field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        by_alias: dict[str, str] = {}
        for party in self.parties:
            for name in (party.id, party.name, *party.aliases):
                by_alias.setdefault(name.casefold(), party.id)
        side_of: dict[str, set[str]] = {}
        opponents: dict[str, set[str]] = {}
        for conflict in self.conflicts:
            first, second = conflict.sides
            for mine, theirs in ((first, second), (second, first)):
                for party_id in mine:
                    side_of.setdefault(party_id, set()).update(mine)
                    opponents.setdefault(party_id, set()).update(theirs)
        object.__setattr__(self, "_by_alias", by_alias)
        object.__setattr__(self, "_side_of", {k: frozenset(v) for k, v in side_of.items()})
        object.__setattr__(self, "_opponents", {k: frozenset(v) for k, v in opponents.items()})

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.parties)

    def get(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def resolve(self, name: str) -> str | None:
        """A party id for an id, name or alias (case-insensitive), or ``None``."""
        return self._by_alias.get(name.strip().casefold())

    def is_side(self, party_id: str) -> bool:
        return party_id in self._side_of

    def relation(self, actor: str | None, bearers: tuple[str, ...]) -> ActorRelation:
        """How ``actor`` stands to an obligation's bearers (memoised: called once per link)."""
        key = (actor, bearers)
        found = self._relations.get(key)
        if found is None:
            found = self._relations[key] = self._relation(actor, bearers)
        return found

    def _relation(self, actor: str | None, bearers: tuple[str, ...]) -> ActorRelation:
        if actor is None:
            return ActorRelation.UNKNOWN
        if actor in bearers:
            return ActorRelation.BEARER
        if any(actor in self._side_of.get(b, ()) for b in bearers):
            return ActorRelation.ALIGNED
        if any(actor in self._opponents.get(b, ()) for b in bearers):
            return ActorRelation.OPPOSED
        return ActorRelation.THIRD_PARTY
