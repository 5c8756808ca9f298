"""When a term ends: its expiries, renewals and the notices that stop them.

A term's expiries are found by bisection over the number of renewals, not by walking them: a
history asks at every change point, and a truce renewed daily for years has thousands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, tzinfo

from compliance.core.model import Obligation
from compliance.core.terms import Term
from compliance.core.timeframe import day_start, deadline_end


def term_expiry(
    ob: Obligation, tz: tzinfo, notices: Sequence[datetime], cutoff: datetime
) -> tuple[datetime | None, datetime]:
    """``(end if it ended by cutoff, current expiry)`` of a term (point 4 semantics).

    A notice given at least ``notice_months`` and ``notice_days`` before an expiry ends the term
    at that expiry; a later notice takes effect at the following expiry. Without renewal the
    first expiry ends it. Only notices before ``cutoff`` count; the earliest is the one that
    ends the term first.
    """
    term = ob.term
    assert term is not None
    if not term.renews:
        expiry = day_start(term.first_expiry, tz)
        return (expiry if expiry < cutoff else None), expiry
    reached = _first_renewal(term, lambda day: day_start(day, tz) >= cutoff)
    given = [n for n in notices if n < cutoff]
    if given:
        noticed = noticed_renewal(term, tz, min(given))
        if noticed <= reached:  # at one expiry, a notice counts before the cut-off does
            expiry = day_start(term.expiry(noticed), tz)
            return (expiry if expiry < cutoff else None), expiry
    return None, day_start(term.expiry(reached), tz)


def term_ends(
    ob: Obligation, tz: tzinfo, earliest: Sequence[datetime], latest: Sequence[datetime], cutoff: datetime
) -> tuple[datetime, datetime]:
    """The term's current expiry with each notice read at its earliest, and at its latest.

    A notice dated to a range (a month, an approximate day) may have come by a notice limit or
    after it: the term then ended at one expiry, or ran on to a later one, and the evaluator does
    not choose (``facts.notice_placements``). The two differ only then; ``latest`` holds the
    latest instant of each notice certainly given by ``cutoff`` (``Facts.notice_latest``).
    """
    return term_expiry(ob, tz, earliest, cutoff)[1], term_expiry(ob, tz, latest, cutoff)[1]


def next_expiry(term: Term, tz: tzinfo, after: datetime) -> datetime:
    """The first expiry of a renewable term after the instant ``after``: whether an uncertain
    notice leaves more than two possible ends (one expiry or another, or one between them)."""
    return day_start(term.expiry(_first_renewal(term, lambda day: day_start(day, tz) > after)), tz)


def noticed_renewal(term: Term, tz: tzinfo, notice: datetime) -> int:
    """The renewals before the expiry a notice given at ``notice`` ends the term at.

    The notice limit is the last day a notice can be given, so a notice at any hour of that day
    is in time (a notice dated to the day, read from its start, was in time and one given at
    15:00 that day was not); never after the expiry itself, when no notice period is set."""
    if not term.renews:
        return 0
    return _first_renewal(
        term, lambda day: notice < min(deadline_end(term.notice_limit(day), tz), day_start(day, tz))
    )


def _first_renewal(term: Term, reached: Callable[[date], bool]) -> int:
    """The fewest renewals whose expiry is ``reached`` (a test that, once true, stays true)."""

    def test(renewals: int) -> bool:
        try:
            return reached(term.expiry(renewals))
        except (ValueError, OverflowError):  # past the year 9999: beyond any date asked about
            return True

    if test(0):
        return 0
    low, high = 0, 1  # test(low) is false, test(high) to be found true
    while not test(high):
        low, high = high, 2 * high
    while high - low > 1:
        middle = (low + high) // 2
        if test(middle):
            high = middle
        else:
            low = middle
    return high
