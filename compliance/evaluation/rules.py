"""The decision rules: the status of one obligation at one cut-off, in one screen.

:func:`decide` applies the rules to one placement of the first occurrences; :func:`status_at`
runs it over every place an uncertain first occurrence could fall.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime

from compliance.core.timeframe import EPSILON, deadline_end, local_date
from compliance.core.vocabulary import (
    EndType,
    Kind,
    Modality,
    Status,
)
from compliance.evaluation.calendar import term_expiry
from compliance.evaluation.facts import Category, Facts


def deadline_at(facts: Facts, cutoff: datetime) -> tuple[date | None, str]:
    """The deadline in force at ``cutoff``: stated, amended, or set by a parallel obligation."""
    current: date | None = None
    note = ""
    for effective, deadline in facts.deadlines:
        if effective is None or effective < cutoff:
            current = deadline
            note = "" if effective is None else f"amended on {local_date(effective, facts.tz)}"
    if current is None and facts.parallel is not None:
        partner = facts.parallel.at(cutoff)
        if partner is not None and partner[1] <= cutoff:
            current = local_date(partner[1] - EPSILON, facts.tz)
            note = "set by the obligation it runs in parallel with"
    return current, note


def decide(facts: Facts, cutoff: datetime, first: Sequence[datetime | None]) -> tuple[Status, str]:
    """The rules, in order. ``first[c]`` is when category c first occurred (None: not by cutoff)."""
    ob = facts.obligation
    if facts.ending is not None and facts.ending[0] < cutoff:
        when, end_type, by = facts.ending
        status = Status.SUPERSEDED if end_type is EndType.SUPERSEDED else Status.TERMINATED
        return status, f"{end_type.value} on {local_date(when, facts.tz)} by {by}"
    if ob.not_formalised:
        return Status.NOT_ASSESSABLE, ob.not_formalised
    in_force = facts.in_force
    if facts.after is not None:
        partner = facts.after.at(cutoff)
        if partner is None or partner[1] > cutoff:
            return Status.NOT_IN_FORCE, "waits for the obligation it depends on"
        in_force = partner[1]
    if in_force is None or cutoff <= in_force:
        return Status.NOT_IN_FORCE, "not yet in force"
    if ob.term is not None:
        ended, _ = term_expiry(ob, facts.tz, facts.notices, cutoff)
        if ended is not None:
            return Status.TERMINATED, f"term expired on {local_date(ended, facts.tz)} after notice"
    if ob.modality is Modality.PERMISSION:
        return Status.COMPLIED, "a permission cannot be breached"
    if ob.kind is Kind.MAINTENANCE:
        if first[Category.BREACH] is not None:
            return Status.VIOLATED, "confirmed breach"
        if first[Category.BREACH_UNCONFIRMED] is not None:
            return Status.DISPUTED, "breach alleged or contested, not confirmed"
        return Status.COMPLIED, "no breach evidenced"
    deadline, _ = deadline_at(facts, cutoff)
    end = None if deadline is None else deadline_end(deadline, facts.tz)
    fulfilled = first[Category.FULFIL]
    if fulfilled is not None:
        if end is not None and fulfilled >= end:
            return Status.FULFILLED_LATE, f"fulfilled after the deadline of {deadline}"
        return Status.FULFILLED, "fulfilled" + (f" by the deadline of {deadline}" if deadline else "")
    if first[Category.BREACH] is not None:
        return Status.VIOLATED, "confirmed breach"
    if first[Category.FULFIL_UNCONFIRMED] is not None or first[Category.BREACH_UNCONFIRMED] is not None:
        return Status.DISPUTED, "fulfilment or breach claimed, not confirmed"
    if end is not None and cutoff > end:
        how = " (set by the obligation it runs in parallel with)" if ob.deadline is None else ""
        return Status.OVERDUE, f"no evidence of fulfilment by the deadline of {deadline}{how}"
    return Status.PENDING, "no evidence of fulfilment yet" + (f"; due by {deadline}" if deadline else "")


_ORDER = {status: i for i, status in enumerate(Status)}


def status_at(facts: Facts, cutoff: datetime) -> tuple[Status, tuple[Status, ...], str]:
    """Decide at ``cutoff``, over every place an uncertain first occurrence could fall."""
    deadline, _ = deadline_at(facts, cutoff)
    thresholds = [cutoff]
    if deadline is not None:
        thresholds.append(deadline_end(deadline, facts.tz))
    options: list[list[datetime | None]] = []
    for firsts in facts.firsts:
        span = firsts.at(cutoff)
        if span is None:
            options.append([None])
            continue
        start, end = span
        choices: list[datetime | None] = [start]
        choices += [t for t in thresholds if start < t < end and t < cutoff]
        if end > cutoff:
            choices.append(None)  # it may not have happened by the cut-off yet
        options.append(choices)
    outcomes: dict[Status, str] = {}
    for combination in itertools.product(*options):
        status, reason = decide(facts, cutoff, combination)
        outcomes.setdefault(status, reason)
    possible = tuple(sorted(outcomes, key=_ORDER.__getitem__))
    if len(possible) == 1:
        return possible[0], possible, outcomes[possible[0]]
    names = ", ".join(s.value for s in possible)
    return Status.INDETERMINATE, possible, f"depends on where uncertain dates fall: {names}"
