"""Parties, and who stands on which side.

The distinction matters for grading evidence: an account by a side about its opponent is an
allegation; an account by a party that is not a side to that conflict is independent. Which
parties are sides is data, read from the registry in use (``[[conflicts]]``), never assumed here:
in the bundled registry Armenia and Azerbaijan are sides to each other and Russia, which signed
the 2020 statement and implements parts of it, is not a side; in a registry of another conflict
(the Georgia example in ``examples/``) Russia can be one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from attrs import field, frozen

from compliance.core.frozendict import frozen_dict
from compliance.core.vocabulary import ActorRelation

PARTY_ID = re.compile(r"^[A-Z][A-Z0-9-]{1,15}$")


def _check_party_id(_: object, attribute: object, value: str) -> None:
    if not PARTY_ID.match(value):
        raise ValueError(
            f"party id must be upper-case letters/digits (ISO alpha-3 where one exists): {value!r}",
            attribute,  # names the key: $.parties[0].id
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
    """The known parties and conflicts, with the look-ups the linker and grader need.

    Build it with :meth:`of`, which computes the look-up tables once; they are derived from
    ``parties`` and ``conflicts`` and never change afterwards (read-only ``FrozenDict`` copies:
    one registry serves every ledger, evaluation and report built on it).
    """

    parties: tuple[Party, ...]
    conflicts: tuple[Conflict, ...]
    by_alias: Mapping[str, str] = field(eq=False, repr=False, converter=frozen_dict)
    side_of: Mapping[str, frozenset[str]] = field(eq=False, repr=False, converter=frozen_dict)
    opponents: Mapping[str, frozenset[str]] = field(eq=False, repr=False, converter=frozen_dict)

    @classmethod
    def of(
        cls,
        parties: tuple[Party, ...],
        conflicts: tuple[Conflict, ...] = (),
        ambiguous: frozenset[str] = frozenset(),
    ) -> PartyRegistry:
        """The registry with its alias, side and opponent tables.

        A name (id, name or alias, case-insensitive) that two parties give resolves to neither,
        and so does every name in ``ambiguous`` (the loader's: names shared with an entry it left
        out). Keeping the first would let the order of the file decide whose act an account
        reports; the loader reports each such name as an error at every entry that gives it.
        """
        by_alias: dict[str, str] = {}
        unnamed = {name.casefold() for name in ambiguous}
        for party in parties:
            for name in (party.id, party.name, *party.aliases):
                key = name.casefold()
                if by_alias.setdefault(key, party.id) != party.id:
                    unnamed.add(key)
        for key in unnamed:
            by_alias.pop(key, None)
        side_of: dict[str, set[str]] = {}
        opponents: dict[str, set[str]] = {}
        for conflict in conflicts:
            first, second = conflict.sides
            for mine, theirs in ((first, second), (second, first)):
                for party_id in mine:
                    side_of.setdefault(party_id, set()).update(mine)
                    opponents.setdefault(party_id, set()).update(theirs)
        return cls(
            parties,
            conflicts,
            by_alias,
            {k: frozenset(v) for k, v in side_of.items()},
            {k: frozenset(v) for k, v in opponents.items()},
        )

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.parties)

    def get(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def resolve(self, name: str) -> str | None:
        """A party id for an id, name or alias (case-insensitive), or ``None``."""
        return self.by_alias.get(name.strip().casefold())

    def is_side(self, party_id: str) -> bool:
        return party_id in self.side_of

    def relation(self, actor: str | None, bearers: tuple[str, ...]) -> ActorRelation:
        """How ``actor`` stands to an obligation's bearers: a few look-ups in the eager tables."""
        if actor is None:
            return ActorRelation.UNKNOWN
        if actor in bearers:
            return ActorRelation.BEARER
        side_of, opponents = self.side_of, self.opponents
        for b in bearers:  # loops, not any(): this runs for every graded account of an incident
            if actor in side_of.get(b, ()):
                return ActorRelation.ALIGNED
        for b in bearers:
            if actor in opponents.get(b, ()):
                return ActorRelation.OPPOSED
        return ActorRelation.THIRD_PARTY
