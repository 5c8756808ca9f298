"""Reading an incident once for grading: the first accounts that corroborate, contest or deny.

Grading an allegation or a stakeholder's account looks for the *first* other account of its
incident that corroborates, contests or denies it (``grading``: rules 5 and 6). Scanning the
incident for every account graded cost n² for an incident of n accounts; an
:class:`IncidentIndex` is built once per incident and set of bearers instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from compliance.core.events import Event
from compliance.core.parties import PartyRegistry
from compliance.evaluation.grading import HOSTILITIES, NOT_ACTS, Grading, Stakeholder, on_side, read_with
from compliance.evaluation.trust import SourceClass


class IncidentIndex(NamedTuple):
    """What grading reads of one incident for one set of bearers, worked out once.

    Grading an account of an incident looks for the *first* other account (in the incident's
    order) that corroborates it, contests it or denies it. Scanning the incident for every
    account cost n² for an incident of n accounts. Each test but the corroboration's reads only
    the other account, and the corroboration's reads the account's act and actor; so the first
    two accounts passing each test are kept (two: one of them may be the account itself),
    corroborators by (act, actor) and by act alone. :meth:`read` then gives what the scans of
    :func:`grading._corroboration`, :func:`grading._contest` and :func:`grading._denial` give (a property compares them).
    """

    corroborators: Mapping[tuple[tuple[bool, str], str | None], tuple[Event, ...]]
    contests: tuple[Event, ...]
    denials: tuple[Event, ...]

    @classmethod
    def of(cls, accounts: Sequence[Event], bearers: tuple[str, ...], parties: PartyRegistry) -> IncidentIndex:
        index = _IndexBuilder({}, [], [])
        for other in accounts:
            acts = other.kind not in NOT_ACTS
            told_by_side = on_side(other.reporter_party, bearers, parties)
            side_acted = acts and on_side(other.actor, bearers, parties)
            names_other = acts and other.actor is not None and not side_acted
            if (other.kind == "denial" and told_by_side) or names_other:
                _keep_two(index.contests, other)
            if told_by_side and (other.kind == "denial" or names_other):
                _keep_two(index.denials, other)
            if side_acted and told_by_side:
                act = _act(other.kind)
                _keep_two(index.corroborators.setdefault((act, other.actor), []), other)
                _keep_two(index.corroborators.setdefault((act, None), []), other)
        return cls(
            MappingProxyType({key: tuple(found) for key, found in index.corroborators.items()}),
            tuple(index.contests),
            tuple(index.denials),
        )

    def read(self, event: Event, source: SourceClass, who: str) -> Grading | Stakeholder:
        """``grading._corroborated`` for an account of this incident, the others being the rest of it."""
        corroboration = (
            None
            if event.kind in NOT_ACTS
            else _other_than(event, self.corroborators.get((_act(event.kind), event.actor), ()))
        )
        if source is SourceClass.OPPOSING_SIDE:
            contest = None if corroboration is not None else _other_than(event, self.contests)
            return read_with(event, source, who, corroboration, contest)
        return read_with(event, source, who, corroboration, _other_than(event, self.denials))


class _IndexBuilder(NamedTuple):
    """:class:`IncidentIndex` while it is filled, in one pass over the incident."""

    corroborators: dict[tuple[tuple[bool, str], str | None], list[Event]]
    contests: list[Event]
    denials: list[Event]


def _act(kind: str) -> tuple[bool, str]:
    """Kinds describing the same act share this (see :func:`_same_act`)."""
    return (True, "") if kind in HOSTILITIES else (False, kind)


def _keep_two(found: list[Event], account: Event) -> None:
    """Keep the first two: the first may be the account being graded, which is not its own other."""
    if len(found) < 2:
        found.append(account)


def _other_than(event: Event, first: Sequence[Event]) -> Event | None:
    """The first of ``first`` that is not ``event`` itself (ids are unique in an incident)."""
    return next((other for other in first if other.id != event.id), None)
