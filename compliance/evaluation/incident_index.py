"""Reading an incident once for grading: the first accounts that corroborate, contest or deny.

Grading an allegation or a stakeholder's account looks for the *first* other account of its
incident that corroborates, contests or denies it (``grading``: rules 5 and 6). Scanning the
incident for every account graded cost n² for an incident of n accounts; an
:class:`IncidentSides` is read once per incident and set of bearers instead, and turned into an
:class:`IncidentIndex` per obligation, since whether an account corroborates depends on what it
records on that obligation (``core.events.Claims``). Grading every link reads an incident of
at most ``incident_small.SMALL`` accounts by one pass per account instead (building the index
costs more than it saves on two or three accounts); the evidence listing indexes every incident.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from operator import itemgetter
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from compliance.core.events import NO_CLAIMS, Claims, Event
from compliance.core.parties import PartyRegistry
from compliance.core.vocabulary import Effect
from compliance.evaluation.grading import Grading, Stakeholder, read_with
from compliance.evaluation.incident_scans import (
    HOSTILITIES,
    NOT_ACTS,
    names_another_actor,
    on_side,
    shared_side,
)
from compliance.evaluation.trust import SourceClass

_T = TypeVar("_T")
Act = tuple[bool, str]
"""Kinds describing the same act share this (see ``incident_scans.same_act``)."""
Placed = tuple[int, Event]
"""An account and its place in the incident."""
Sided = tuple[tuple[frozenset[str], tuple[Placed, ...]], ...]
"""Accounts naming another actor, grouped by the parties on a side with both their reporter and
their actor (``incident_scans.shared_side``), the first two of each group kept."""
Filed = tuple[Act, str | None, Effect | None]
"""A possible corroborator filed by its act, its actor (``None``: under any actor) and the effect
it records on the obligation (``None``: it is not linked to the obligation)."""


class IncidentSides(NamedTuple):
    """What grading reads of one incident for one set of bearers, worked out once, whatever the
    obligation.

    Grading an account of an incident looks for the *first* other account (in the incident's
    order) that corroborates it, contests it or denies it. Scanning the incident for every
    account cost n² for an incident of n accounts. An account naming another actor contests or
    denies only an account of the same act, or one whose act is not named (``incident_scans.speaks_to``):
    the first two such accounts are kept per act, and the first two of any act (two: one of them
    may be the account itself). It contests no allegation of a side whose own act it tells
    (``incident_scans.accusers_own``), so they are kept per side their reporter and actor share:
    the first of a group contests an allegation whose reporter is not in it. A denial answers
    only an account whose act can have happened before it (``grading.answerable``): the bearer's side's denials are all kept, in
    order, with the latest instant any of them up to each can have been given, so the first that
    can answer an account is found by bisection. The corroboration's reads the account's act and
    actor and what the other account records on the obligation: ``acts`` are all the accounts of
    the bearer's side of an act by the bearer's side, filed for an obligation by :meth:`about`.
    """

    acts: tuple[tuple[Act, int, Event], ...]  # (act, place in the incident, account)
    contests: Mapping[Act | None, Sided]  # naming another actor, by act (None: any) and shared side
    denials: Mapping[Act | None, tuple[Placed, ...]]  # naming another actor, told by the bearer's side
    answers: tuple[Placed, ...]  # the bearer's side's denials
    reach: tuple[datetime, ...]  # per denial, the latest end of the denials up to it
    ends: tuple[datetime, ...]  # per denial, its own end (read once, not per account answered)
    tz: tzinfo

    @classmethod
    def of(
        cls,
        accounts: Sequence[Event],
        bearers: tuple[str, ...],
        parties: PartyRegistry,
        tz: tzinfo,
        told: dict[Told, Telling] | None = None,
    ) -> IncidentSides:
        """The incident's accounts (in its order) read for ``bearers``, days read in ``tz``, the
        agreement's zone.

        ``told``: what accounts of each kind, reporter and actor tell for these ``bearers``,
        filled as they are met (:func:`told_for`); grading keeps one per set of bearers, so that
        each is worked out once, not once per account of every incident.
        """
        index = _IndexBuilder([], {}, {}, [], [], [])
        known = {} if told is None else told
        for place, other in enumerate(accounts):
            key = (other.kind, other.reporter_party, other.actor)
            found = known.get(key)
            if found is None:
                found = known[key] = told_for(other, bearers, parties)
            told_by_side, side_acted, names_other, shared = found
            if names_other:
                act = _act(other.kind)
                for under in (act, None):
                    _keep_two(index.contests.setdefault(under, {}).setdefault(shared, []), (place, other))
                    if told_by_side:
                        _keep_two(index.denials.setdefault(under, []), (place, other))
            if other.kind == "denial" and told_by_side:
                end = other.when.span(tz)[1]
                index.answers.append((place, other))
                index.reach.append(max(end, index.reach[-1]) if index.reach else end)
                index.ends.append(end)
            if side_acted and told_by_side:
                index.acts.append((_act(other.kind), place, other))
        return cls(
            tuple(index.acts),
            MappingProxyType(
                {
                    under: tuple((shared, tuple(kept)) for shared, kept in by_side.items())
                    for under, by_side in index.contests.items()
                }
            )
            if index.contests
            else _NO_CONTESTS,
            _frozen(index.denials),
            tuple(index.answers),
            tuple(index.reach),
            tuple(index.ends),
            tz,
        )

    def about(self, claims: Claims) -> IncidentIndex:
        """The index for one obligation, ``claims`` being its links: each possible corroborator
        filed under what it records on the obligation, then the first two of each file kept.

        Filed before they are cut to two, not set aside after: an account recording another
        effect than the one graded must not take the place of a later one that may corroborate.
        One look-up per possible corroborator, and none for an incident that has none.
        """
        if not self.acts:
            return IncidentIndex(_NONE, self)
        filed: dict[Filed, list[Placed]] = {}
        for act, place, other in self.acts:
            claim = claims.get(other.id)
            for key in ((act, other.actor, claim), (act, None, claim)):
                found = filed.get(key)
                if found is None:
                    filed[key] = [(place, other)]
                elif len(found) < 2:
                    found.append((place, other))
        return IncidentIndex(MappingProxyType({key: tuple(found) for key, found in filed.items()}), self)

    def answer(self, event: Event, start: datetime | None = None) -> Placed | None:
        """The first denial of the bearer's side, other than the account, that can answer it.

        ``start``: when the account's act can first have happened in the zone, if known (grading
        has every linked account's span at hand: working it out again cost a span per account).
        """
        if start is None:
            start = event.when.span(self.tz)[0]
        # reach[i] > start: some denial up to i ends after the act can have begun; the first
        # such i is the first denial that does (reach only grows where one does).
        first = bisect.bisect_right(self.reach, start)
        for (place, denial), end in zip(self.answers[first:], self.ends[first:], strict=True):
            if denial.id != event.id and start < end:
                return place, denial
        return None


class IncidentIndex(NamedTuple):
    """What grading reads of one incident for one obligation: its :class:`IncidentSides` for the
    obligation's bearers, and its possible corroborators filed by what each records on the obligation.

    :meth:`read` gives what the scans of :func:`incident_scans.corroboration`, :func:`incident_scans.contest`
    and :func:`incident_scans.denial` give over ``grading.answerable``, the corroboration's over the
    accounts that record no other effect on the obligation (a property compares them).
    """

    corroborators: Mapping[Filed, tuple[Placed, ...]]
    sides: IncidentSides

    @classmethod
    def of(
        cls,
        accounts: Sequence[Event],
        bearers: tuple[str, ...],
        parties: PartyRegistry,
        tz: tzinfo,
        claims: Claims = NO_CLAIMS,
    ) -> IncidentIndex:
        """The index of an incident's accounts for an obligation of ``bearers`` whose links are ``claims``."""
        return IncidentSides.of(accounts, bearers, parties, tz).about(claims)

    def read(
        self, event: Event, effect: Effect, source: SourceClass, who: str, start: datetime | None = None
    ) -> Grading | Stakeholder:
        """``grading._corroborated`` for an account of this incident linked to the obligation with
        ``effect``, the others being the rest of it (``start``: as :meth:`IncidentSides.answer`)."""
        corroboration = None if event.kind in NOT_ACTS else self._corroboration(event, effect)
        sides = self.sides
        answer = sides.answer(event, start)
        act = None if event.kind in NOT_ACTS else _act(event.kind)  # None: its act is not named
        if source is SourceClass.OPPOSING_SIDE:
            contest = (
                None
                if corroboration is not None
                else _first_contest(event, sides.contests.get(act, ()), answer)
            )
            return read_with(event, source, who, corroboration, contest)
        return read_with(event, source, who, corroboration, _first(event, sides.denials.get(act, ()), answer))

    def _corroboration(self, event: Event, effect: Effect) -> Event | None:
        """The first other account of the act by the account's actor that is not linked to the
        obligation or records the same effect on it: the earlier of the first of two files."""
        act, actor, files = _act(event.kind), event.actor, self.corroborators
        unlinked = _placed_other_than(event, files.get((act, actor, None), ()))
        alike = _placed_other_than(event, files.get((act, actor, effect), ()))
        if unlinked is None or alike is None:
            found = unlinked or alike
            return None if found is None else found[1]
        return min(unlinked, alike, key=_PLACE)[1]


_NONE: Mapping[Filed, tuple[Placed, ...]] = MappingProxyType({})
_PLACE = itemgetter(0)


class _IndexBuilder(NamedTuple):
    """:class:`IncidentSides` while it is filled, in one pass over the incident."""

    acts: list[tuple[Act, int, Event]]
    contests: dict[Act | None, dict[frozenset[str], list[Placed]]]
    denials: dict[Act | None, list[Placed]]
    answers: list[Placed]
    reach: list[datetime]
    ends: list[datetime]


Told = tuple[str, str | None, str | None]
"""What :func:`told_for` reads of an account: its kind, reporter party and actor."""
Telling = tuple[bool, bool, bool, frozenset[str]]
"""What :func:`told_for` finds an account tells the bearers."""
_NO_SIDE: frozenset[str] = frozenset()


def told_for(account: Event, bearers: tuple[str, ...], parties: PartyRegistry) -> Telling:
    """Whether the bearer's side tells the account, whether it says that side acted, whether it
    names an actor off that side (:func:`incident_scans.names_another_actor`), and if it does,
    the parties on a side with both its reporter and its actor, whose allegations it does not
    contest (:func:`incident_scans.shared_side`): the rules the scans read, one definition, so
    the index cannot drift from them."""
    told_by_side = on_side(account.reporter_party, bearers, parties)
    side_acted = account.kind not in NOT_ACTS and on_side(account.actor, bearers, parties)
    names_other = names_another_actor(account, bearers, parties)
    return told_by_side, side_acted, names_other, shared_side(account, parties) if names_other else _NO_SIDE


def _act(kind: str) -> Act:
    return (True, "") if kind in HOSTILITIES else (False, kind)


def _frozen(found: dict[Act | None, list[Placed]]) -> Mapping[Act | None, tuple[Placed, ...]]:
    return MappingProxyType({key: tuple(kept) for key, kept in found.items()}) if found else _NO_SIDES


_NO_SIDES: Mapping[Act | None, tuple[Placed, ...]] = MappingProxyType({})
_NO_CONTESTS: Mapping[Act | None, Sided] = MappingProxyType({})


def _keep_two(found: list[_T], account: _T) -> None:
    """Keep the first two: the first may be the account being graded, which is not its own other."""
    if len(found) < 2:
        found.append(account)


def _placed_other_than(event: Event, first: Sequence[Placed]) -> Placed | None:
    """The first of ``first`` that is not ``event`` itself (ids are unique in an incident)."""
    for found in first:  # (a loop, not a generator: once per account graded in an incident)
        if found[1].id != event.id:
            return found
    return None


def _first_contest(event: Event, sided: Sided, answer: Placed | None) -> Event | None:
    """:func:`_first` over the groups of accounts naming another actor that may contest the
    allegation: those whose shared side does not hold its reporter (``incident_scans.accusers_own``)."""
    reporter = event.reporter_party
    found: Placed | None = None
    for shared, kept in sided:  # a group or two: who tells whose act
        if reporter in shared:
            continue
        first = _placed_other_than(event, kept)
        if first is not None and (found is None or first[0] < found[0]):
            found = first
    if answer is not None and (found is None or answer[0] < found[0]):
        found = answer
    return found[1] if found is not None else None


def _first(event: Event, kept: Sequence[Placed], answer: Placed | None) -> Event | None:
    """The earlier in the incident of the first kept account other than ``event`` and ``answer``."""
    found = next((item for item in kept if item[1].id != event.id), None)
    if answer is not None and (found is None or answer[0] < found[0]):
        found = answer
    return found[1] if found is not None else None
