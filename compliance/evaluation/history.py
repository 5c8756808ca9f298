"""Histories: every status change of one obligation, from one sorted sweep over its change points.

Replaying a history gives exactly the status a direct evaluation gives (a tested law).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from compliance.core.timeframe import EPSILON, day_start, deadline_end, local_date
from compliance.core.vocabulary import (
    Status,
)
from compliance.evaluation.calendar import noticed_renewal
from compliance.evaluation.facts import Facts
from compliance.evaluation.results import Transition
from compliance.evaluation.rules import Entry, status_at

EARLIEST = date(1900, 1, 1)
"""Histories start here: the status before anything happened (usually not in force). The first
cut-off is 00:00 of this day, so the first entry is dated 1899-12-31 (``Transition``)."""


def sweep_history(facts: Facts, until: datetime) -> tuple[Transition, ...]:
    """The status at the start, then every status change up to ``until``, from one sorted sweep
    over the change points.

    Each entry is read at a cut-off (00:00 of a day in the agreement's zone) and dated the as-of
    day that cut-off ends, the day before it (``Transition``). The first entry, read at 00:00 of
    :data:`EARLIEST`, is the starting point, not a change: whatever the facts, it is there.
    """
    points: set[datetime] = set()
    if facts.in_force is not None:
        points.add(facts.in_force)
    for firsts in (*facts.firsts, facts.after):
        if firsts is not None:
            points.update(firsts.change_points())
    # An obligation that waits for another reads its breaches from when it came into force,
    # which moves over the other's range: each breach account's range can then change it.
    # (Corroborations and denials move an account between categories: their days count too.)
    after = facts.after
    waiting = facts.waiting_breaches if after is not None and (after.starts or after.pieces[0]) else None
    for g, span in waiting or ():  # (while the other was never fulfilled nothing changes)
        points.update(span)
        for other in (g.corroboration, g.denial):
            if other is not None:
                points.update(other.when.span(facts.tz))
    for effective, deadline in facts.deadlines:
        if effective is not None:
            points.add(effective)
        points.add(deadline_end(deadline, facts.tz))
    # The partner's first fulfilment sets the due day: the day of its earliest place (a start)
    # or of its latest (the day before an exclusive end) passes at the end of that day.
    for partner in (facts.parallel, facts.parallel_alone):
        if partner is None:
            continue
        changes = partner.change_points()
        points.update(changes)
        for p in changes:
            points.add(deadline_end(local_date(p, facts.tz), facts.tz))
            points.add(deadline_end(local_date(p - EPSILON, facts.tz), facts.tz))
    if facts.ending is not None:
        points.add(facts.ending[0])
    term = facts.obligation.term
    if term is not None:
        # A term ends only at its first expiry (when it does not renew) or at the expiry a
        # notice reaches (the earliest notice's, when it renews): the other renewals change
        # nothing, and a term renewed daily would otherwise give a point per day.
        # A notice dated to a range may reach another expiry from its latest instant (one whose
        # range runs past ``until`` reaches an expiry after it, which the sweep does not visit).
        latest = facts.notice_latest(until)
        points.update(facts.notice_instants)
        points.update(end for _, end, _ in facts.notices)
        ends = {term.first_expiry} | {
            term.expiry(noticed_renewal(term, facts.tz, n)) for n in (*facts.notice_instants, *latest)
        }
        points.update(day_start(day, facts.tz) for day in ends if day_start(day, facts.tz) <= until)
    # Evaluations happen "as of" whole days, so the sweep visits the day boundaries at or just
    # after each change point: between two such boundaries nothing can change.
    cutoffs: set[datetime] = {day_start(EARLIEST, facts.tz)}
    for point in points:
        day = local_date(point, facts.tz)
        boundary = day_start(day, facts.tz)
        if boundary == point:
            cutoffs.add(point)
        cutoffs.add(day_start(day + timedelta(days=1), facts.tz))
    steps: list[Transition] = []
    previous: tuple[Status, tuple[Status, ...]] | None = None
    memo: dict[datetime, Entry] = {}  # each instant an obligation could have come into force, read once
    for cutoff in sorted(c for c in cutoffs if c <= until):
        status, possible, reason, _ = status_at(facts, cutoff, memo)
        if (status, possible) != previous:
            steps.append(Transition(cutoff, local_date(cutoff - EPSILON, facts.tz), status, possible, reason))
            previous = (status, possible)
    return tuple(steps)
