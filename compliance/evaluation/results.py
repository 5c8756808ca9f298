"""What an evaluation concludes: per-obligation results, their evidence and history.

Plain frozen values, so views and renderers can read them without knowing how they were decided.
"""

from __future__ import annotations

import bisect
from datetime import date, datetime, tzinfo
from operator import attrgetter

from attrs import evolve, frozen

from compliance.core.model import Obligation
from compliance.core.timeframe import as_of_cutoff
from compliance.core.vocabulary import (
    Effect,
    Grade,
    Status,
)


@frozen
class Evidence:
    """One account bearing on an obligation, graded as of the evaluation date."""

    event: str
    effect: Effect
    grade: Grade
    basis: str
    reason: str
    note: str = ""
    before_in_force: bool = False
    """A breach account dated before the obligation came into force (or while it is not): listed
    as linked, but no breach of it; counts of breaches (``activity``) leave it out."""
    read_from: date | None = None
    """The first day, in the agreement's zone, from which the evaluation reads the account: its
    first possible day, or, for one that straddles it, the agreement's date or (a breach) the
    earliest day the obligation can have come into force, the first day of the range of the
    fulfilment it waits for (``None``: ``before_in_force``). Given here so that a count per
    period (``activity``) places an account where the rules read it without deciding again."""
    after_end: bool = False
    """A breach account dated wholly after its term expired (a renewable one on a notice, one that
    does not renew at its first expiry; at 00:00 of the expiry day, so an account of that day is
    after it): linked, since linking cannot know an end a notice sets nor reads the hour, but no
    breach of it (its ``reason`` says so); counts of breaches (``activity``) leave it
    out, as the reason does, without deciding the end again. When a notice dated to a range leaves
    the end uncertain, wholly after the latest end it can have been."""
    maybe_after_end: bool = False
    """A breach account that may be dated after its term expired: a notice dated to a range leaves
    the end uncertain (at one expiry or a later one), and the account's dates overlap that span,
    over which the status is ``indeterminate`` too. Listed with a reason saying that it may be no
    breach of the term; counted apart from the other breaches (``activity``)."""


@frozen
class Why:
    """The derivation of a status: the rule that decided it and the accounts it turned on."""

    rule: str
    accounts: tuple[str, ...]


@frozen
class Transition:
    """A change of status, as the evaluation "as of a date" reads it (``history.sweep_history``).

    Statuses are read as of whole days, so a change takes effect at a day boundary:

    - ``at`` is the cut-off the change is first read at: 00:00 in the agreement's zone (as a UTC
      instant) of the day *after* ``date``, i.e. ``as_of_cutoff(date, tz)``. The status holds
      from ``at`` until the next transition's ``at``.
    - ``date`` is the first as-of day whose evaluation gives ``status``: a report as of ``date``
      shows it, one as of the day before does not. It is the day before ``at``'s, not ``at``'s
      own day: the return of Aghdam, fulfilled as of 2020-11-20 and pending the day before, has
      ``date`` 2020-11-20 and ``at`` 2020-11-21 00:00 Moscow time (2020-11-20 21:00 UTC).

    ``history[0]`` is no change but the starting point: the status before any change point
    (usually ``not-in-force``, "not yet in force"), read at the first cut-off of the sweep,
    00:00 on 1900-01-01 in the agreement's zone (``history.EARLIEST``), so its ``date`` is
    1899-12-31. It is there so that every later entry has a status it changes from and
    :meth:`ObligationResult.status_on` finds a status for any day; its dates are no finding, so
    the Markdown report prints ``history[1:]`` and the JSON report gives its ``date`` as null.
    """

    at: datetime
    date: date
    """The as-of day from which ``status`` holds (in the agreement's zone); the day before ``at``'s."""
    status: Status
    possible: tuple[Status, ...]
    cause: str


@frozen
class ObligationResult:
    """Everything the evaluator concluded about one obligation as of one date."""

    obligation: Obligation
    agreement: str
    status: Status
    possible: tuple[Status, ...]
    reason: str
    deadline: date | None
    deadline_note: str
    term_end: date | None
    evidence: tuple[Evidence, ...]
    history: tuple[Transition, ...]
    pam_score: int | None
    breach_on_record: bool
    term_end_latest: date | None = None
    """The latest possible expiry of a fixed term: ``term_end`` itself, unless a notice dated to a
    range leaves the end uncertain (it ended at ``term_end`` if the notice was in time for it,
    or runs on to this later expiry if it was not); ``None`` without a term."""
    evidence_total: int = 0
    """How many accounts bear on the obligation by the date (``evidence`` may list fewer)."""
    evidence_by_grade: tuple[tuple[Grade, int], ...] = ()
    """How many of those accounts have each grade, every grade in order (empty when the evidence
    was not gathered): the counts add up to ``evidence_total``, however many ``evidence`` lists."""
    rule: str = ""
    """The rule that decided the status, named as in docs/obligation-logic.md ("Rule names")."""
    deciding: tuple[str, ...] = ()
    """Ids of the accounts the rule turned on (the first confirmed one, or the unconfirmed ones)."""

    @property
    def id(self) -> str:
        return self.obligation.id

    def evidence_count(self, grade: Grade) -> int:
        """How many accounts of ``grade`` bear on the obligation by the date, listed or not."""
        return dict(self.evidence_by_grade).get(grade, 0)

    @property
    def term_end_uncertain(self) -> bool:
        """Whether the uncertain date of a notice leaves the term's end uncertain: then the
        status is ``indeterminate``, or ``terminated`` on one of the possible expiries."""
        return self.term_end_latest is not None and self.term_end_latest != self.term_end

    @property
    def why(self) -> Why:
        return Why(self.rule, self.deciding)

    def status_on(self, day: date, tz: tzinfo) -> tuple[Status, tuple[Status, ...]]:
        """Replay the history: the status as of ``day`` (no later than the evaluation date).

        The last transition at or before the cut-off, found by bisection (the history is in time
        order): a timeline asks once per date, and replaying from the start each time cost its
        dates times its transitions.
        """
        found = bisect.bisect_right(self.history, as_of_cutoff(day, tz), key=_AT)
        step = self.history[max(found - 1, 0)]
        return step.status, step.possible

    def shortened(self, limit: int) -> ObligationResult:
        """The result as an evaluation with ``evidence_limit=limit`` gives it, from this one's full list.

        Such a result lists, in this order, the first ``limit`` accounts, those the status turns
        on (``deciding``), and the first confirmed fulfilment and breach wherever they fall; it
        counts them all alike. A report that also draws every account (its breaches picture)
        evaluates once with the full list and shortens it here, instead of evaluating twice.
        Only a full list can be shortened: a list already cut holds too few to choose from.
        """
        if len(self.evidence) != self.evidence_total:
            raise ValueError(f"{self.id}: the evidence listed is not the full list, it cannot be shortened")
        deciding = frozenset(self.deciding)
        wanted = {Effect.FULFILS, Effect.BREACHES}  # until the first confirmed of each is listed
        kept: list[Evidence] = []
        for i, item in enumerate(self.evidence):
            first_confirmed = item.grade is Grade.CONFIRMED and item.effect in wanted
            if first_confirmed:
                wanted.discard(item.effect)
            if i < limit or item.event in deciding or first_confirmed:
                kept.append(item)
        return evolve(self, evidence=tuple(kept))


@frozen
class Evaluation:
    """Results for every obligation of every agreement, as of one date."""

    as_of: date
    known_on: date | None
    results: tuple[ObligationResult, ...]

    def result(self, obligation_id: str) -> ObligationResult:
        """The result for one obligation; ``KeyError`` naming an id no evaluated agreement has."""
        for result in self.results:
            if result.id == obligation_id:
                return result
        raise KeyError(f"{obligation_id!r} is not an obligation of the evaluated agreements")


_AT = attrgetter("at")
