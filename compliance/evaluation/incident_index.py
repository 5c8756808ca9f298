"""Reading an incident once for grading: the first accounts that corroborate, contest or deny.

Grading an allegation or a stakeholder's account looks for the *first* other account of its
incident that corroborates, contests or denies it (``grading``: rules 5 and 6). Scanning the
incident for every account graded cost n² for an incident of n accounts; an
:class:`IncidentIndex` is built once per incident and set of bearers instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from compliance.core.events import Event
from compliance.core.parties import PartyRegistry
from compliance.evaluation.grading import HOSTILITIES, NOT_ACTS, Grading, Stakeholder, on_side, read_with
from compliance.evaluation.trust import SourceClass

_T = TypeVar("_T")


class IncidentIndex(NamedTuple):
    """What grading reads of one incident for one set of bearers, worked out once.

    Grading an account of an incident looks for the *first* other account (in the incident's
    order) that corroborates it, contests it or denies it. Scanning the incident for every
    account cost n² for an incident of n accounts. Each test but the corroboration's and a
    denial's reads only the other account, and the corroboration's reads the account's act and
    actor; so the first two accounts passing each test are kept (two: one of them may be the
    account itself), corroborators by (act, actor) and by act alone. A denial answers only an
    account whose act can have happened before it (``grading.answerable``): the bearer's side's
    denials are all kept, in order, with the latest instant any of them up to each can have
    been given, so the first that can answer an account is found by bisection. :meth:`read`
    then gives what the scans of :func:`grading._corroboration`, :func:`grading._contest` and
    :func:`grading._denial` give over ``grading.answerable`` (a property compares them).
    """

    corroborators: Mapping[tuple[tuple[bool, str], str | None], tuple[Event, ...]]
    contests: tuple[tuple[int, Event], ...]  # (place in the incident, account) naming another actor
    denials: tuple[tuple[int, Event], ...]  # the same, told by the bearer's side
    answers: tuple[tuple[int, Event], ...]  # the bearer's side's denials
    reach: tuple[datetime, ...]  # per denial, the latest end of the denials up to it
    tz: tzinfo

    @classmethod
    def of(
        cls, accounts: Sequence[Event], bearers: tuple[str, ...], parties: PartyRegistry, tz: tzinfo
    ) -> IncidentIndex:
        """The index of an incident's accounts (in its order), days read in ``tz``, the agreement's zone."""
        index = _IndexBuilder({}, [], [], [], [])
        for place, other in enumerate(accounts):
            acts = other.kind not in NOT_ACTS
            told_by_side = on_side(other.reporter_party, bearers, parties)
            side_acted = acts and on_side(other.actor, bearers, parties)
            names_other = acts and other.actor is not None and not side_acted
            if names_other:
                _keep_two(index.contests, (place, other))
                if told_by_side:
                    _keep_two(index.denials, (place, other))
            if other.kind == "denial" and told_by_side:
                end = other.when.span(tz)[1]
                index.answers.append((place, other))
                index.reach.append(max(end, index.reach[-1]) if index.reach else end)
            if side_acted and told_by_side:
                act = _act(other.kind)
                _keep_two(index.corroborators.setdefault((act, other.actor), []), other)
                _keep_two(index.corroborators.setdefault((act, None), []), other)
        return cls(
            MappingProxyType({key: tuple(found) for key, found in index.corroborators.items()}),
            tuple(index.contests),
            tuple(index.denials),
            tuple(index.answers),
            tuple(index.reach),
            tz,
        )

    def read(self, event: Event, source: SourceClass, who: str) -> Grading | Stakeholder:
        """``grading._corroborated`` for an account of this incident, the others being the rest of it."""
        corroboration = (
            None
            if event.kind in NOT_ACTS
            else _other_than(event, self.corroborators.get((_act(event.kind), event.actor), ()))
        )
        answer = self._answer(event)
        if source is SourceClass.OPPOSING_SIDE:
            contest = None if corroboration is not None else _first(event, self.contests, answer)
            return read_with(event, source, who, corroboration, contest)
        return read_with(event, source, who, corroboration, _first(event, self.denials, answer))

    def _answer(self, event: Event) -> tuple[int, Event] | None:
        """The first denial of the bearer's side, other than the account, that can answer it."""
        start = event.when.span(self.tz)[0]
        # reach[i] > start: some denial up to i ends after the act can have begun; the first
        # such i is the first denial that does (reach only grows where one does).
        for place, denial in self.answers[bisect.bisect_right(self.reach, start) :]:
            if denial.id != event.id and start < denial.when.span(self.tz)[1]:
                return place, denial
        return None


class _IndexBuilder(NamedTuple):
    """:class:`IncidentIndex` while it is filled, in one pass over the incident."""

    corroborators: dict[tuple[tuple[bool, str], str | None], list[Event]]
    contests: list[tuple[int, Event]]
    denials: list[tuple[int, Event]]
    answers: list[tuple[int, Event]]
    reach: list[datetime]


def _act(kind: str) -> tuple[bool, str]:
    """Kinds describing the same act share this (see :func:`_same_act`)."""
    return (True, "") if kind in HOSTILITIES else (False, kind)


def _keep_two(found: list[_T], account: _T) -> None:
    """Keep the first two: the first may be the account being graded, which is not its own other."""
    if len(found) < 2:
        found.append(account)


def _other_than(event: Event, first: Sequence[Event]) -> Event | None:
    """The first of ``first`` that is not ``event`` itself (ids are unique in an incident)."""
    return next((other for other in first if other.id != event.id), None)


def _first(event: Event, kept: Sequence[tuple[int, Event]], answer: tuple[int, Event] | None) -> Event | None:
    """The earlier in the incident of the first kept account other than ``event`` and ``answer``."""
    found = next((item for item in kept if item[1].id != event.id), None)
    if answer is not None and (found is None or answer[0] < found[0]):
        found = answer
    return found[1] if found is not None else None
