"""Timelines and diffs: statuses at many dates, read off one evaluation's histories.

One evaluation at the last date gives every obligation's history; the status at any earlier date
is a replay of that history (``ObligationResult.status_on``), so a 72-point monthly timeline
costs one sweep, not 72 evaluations.
"""

from __future__ import annotations

from datetime import date, timedelta

from attrs import frozen
from dateutil.relativedelta import relativedelta

from compliance.core import arguments
from compliance.core.vocabulary import Status, Trust
from compliance.evaluation.evaluate import Evaluation, evaluate_ledger
from compliance.evaluation.rollup import roll_up_statuses
from compliance.linking.ledger import Ledger

STEPS = {
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}
FINDINGS = frozenset({Status.VIOLATED, Status.DISPUTED, Status.OVERDUE, Status.INDETERMINATE})
"""Statuses that make an obligation a *finding* in a diff."""
MAX_POINTS = 5000
"""The most periods a timeline or an activity table has. More are refused, not cut short: a
table that stopped before ``end`` would pass for the whole range (100 years of weeks is 5,218)."""


def period_count(start: date, end: date, every: str) -> int:
    """How many periods :func:`period_ends` gives, found by calendar arithmetic (no list built).

    ``ValueError`` for an end before the start or a period length :data:`STEPS` does not name.
    """
    if end < start:
        raise ValueError("the end date is before the start date")
    if not isinstance(every, str) or every not in STEPS:
        raise ValueError(f"every: expected one of {', '.join(STEPS)}, got {every!r}")
    if every == "week":
        return (end - start).days // 7 + 1
    step = STEPS[every]
    months = step.months + 12 * step.years
    n = ((end.year - start.year) * 12 + end.month - start.month) // months
    if start + step * n > end:  # in the month of ``end``, on a later day
        n -= 1
    return n + 1


def too_many_periods(start: date, end: date, every: str) -> str | None:
    """Why the periods from ``start`` to ``end`` are too many to list, or ``None``."""
    count = period_count(start, end, every)
    if count <= MAX_POINTS:
        return None
    return f"{count:,} periods from {start.isoformat()} to {end.isoformat()} every {every}: more than {MAX_POINTS:,}"


def period_ends(start: date, end: date, every: str) -> tuple[date, ...]:
    """The last day of each period from ``start`` to ``end`` (the final one is ``end``).

    The k-th period starts k steps after ``start``, counted from ``start`` itself (not from the
    previous period, which would drift): on the same day of the month, or on the month's last day
    when the month is shorter. A month from 31 January 2024 is 29 February, then 31 March, 30 April,
    and so on. Each period ends the day before the next one starts. More than :data:`MAX_POINTS`
    periods raise ``ValueError``.
    """
    too_many = too_many_periods(start, end, every)
    if too_many is not None:
        raise ValueError(f"{too_many}; choose longer periods or a shorter range")
    step = STEPS[every]
    points: list[date] = []
    k = 0
    while start + step * k <= end:
        k += 1
        points.append(min(start + step * k - timedelta(days=1), end))
    return tuple(points)


@frozen
class Row:
    """One obligation or article across the periods."""

    agreement: str
    article: str
    obligation: str | None  # None for the article roll-up
    statuses: tuple[Status, ...]


@frozen
class Timeline:
    """Statuses at the end of each period, with how the periods and the statuses were chosen: a
    table under ``strict`` must not pass for one under ``standard``."""

    dates: tuple[date, ...]
    rows: tuple[Row, ...]
    every: str
    """``week``, ``month``, ``quarter`` or ``year``."""
    trust: Trust
    """The trust policy the statuses were decided under."""
    known_on: date | None = None
    """The ledger's known-on date, which the statuses are as known on (``None``: every account)."""


def timeline(
    ledger: Ledger,
    start: arguments.DayArg,
    end: arguments.DayArg,
    every: str,
    agreement_ids: arguments.AgreementIds = (),
    *,
    trust: arguments.TrustArg = Trust.STANDARD,
) -> Timeline:
    """Each obligation's and article's status at the end of each period from ``start`` to ``end``.

    Arguments are taken and checked as by ``Report.build`` (``core.arguments``); ``every`` is one
    of :data:`STEPS`. Statuses are as known on the ledger's date (``Ledger.known_on``), if any.
    """
    first, last = arguments.as_day(start, "start"), arguments.as_day(end, "end")
    dates = period_ends(first, last, every)
    ids = arguments.agreement_ids(agreement_ids, ledger.agreements)
    chosen = [a for a in ledger.agreements if not ids or a.id in ids]
    policy = arguments.as_trust(trust)
    evaluation = evaluate_ledger(ledger, last, with_evidence=False, trust=policy)
    rows: list[Row] = []
    for agreement in chosen:
        results = [r for r in evaluation.results if r.agreement == agreement.id]
        for article in agreement.articles:
            mine = [r for r in results if r.obligation.article == article.number]
            per_ob = [tuple(r.status_on(d, agreement.tz)[0] for d in dates) for r in mine]
            article_row = (
                tuple(
                    roll_up_statuses((column[i], None) for column in per_ob).status for i in range(len(dates))
                )
                if mine  # an article with no obligation encoded: nothing to assess once it exists
                else tuple(
                    Status.NOT_IN_FORCE if d < agreement.date else Status.NOT_ASSESSABLE for d in dates
                )
            )
            rows.append(Row(agreement.id, article.number, None, article_row))
            rows += [Row(agreement.id, article.number, r.id, s) for r, s in zip(mine, per_ob, strict=True)]
    return Timeline(dates, tuple(rows), every, policy, evaluation.known_on)


@frozen
class Change:
    """An obligation whose finding status differs, or stays, between two editions."""

    obligation: str
    agreement: str
    article: str
    before: Status
    after: Status
    category: str  # new, changed, carried-over, resolved, ended


def diff(
    ledger: Ledger,
    before: arguments.DayArg,
    after: arguments.DayArg,
    agreement_ids: arguments.AgreementIds = (),
    *,
    trust: arguments.TrustArg = Trust.STANDARD,
) -> tuple[Change, ...]:
    """Findings new, changed, carried over, resolved and ended between the editions of two dates.

    Arguments are taken and checked as by ``Report.build`` (``core.arguments``); both editions
    are as known on the ledger's date (``Ledger.known_on``), if any.
    """
    before, after = arguments.as_day(before, "before"), arguments.as_day(after, "after")
    if after < before:
        raise ValueError("the end date is before the start date")
    ids = arguments.agreement_ids(agreement_ids, ledger.agreements)
    chosen = [a for a in ledger.agreements if not ids or a.id in ids]
    evaluation: Evaluation = evaluate_ledger(
        ledger, after, with_evidence=False, trust=arguments.as_trust(trust)
    )
    tz = {a.id: a.tz for a in chosen}
    changes: list[Change] = []
    chosen_ids = {a.id for a in chosen}
    for r in evaluation.results:
        if r.agreement not in chosen_ids:
            continue
        old = r.status_on(before, tz[r.agreement])[0]
        new = r.status
        category = _category(old, new)
        if category is not None:
            changes.append(Change(r.id, r.agreement, r.obligation.article, old, new, category))
    return tuple(changes)


def _category(old: Status, new: Status) -> str | None:
    """A finding that stops being one because its obligation was terminated or superseded is
    *ended*, not *resolved*: the dispute or breach was never settled, the duty just stopped."""
    if old in FINDINGS and new in FINDINGS:
        return "carried-over" if old is new else "changed"
    if new in FINDINGS:
        return "new"
    if old in FINDINGS:
        return "ended" if new in ENDED else "resolved"
    return None


ENDED = frozenset({Status.TERMINATED, Status.SUPERSEDED})


__all__ = [
    "MAX_POINTS",
    "Change",
    "Row",
    "Timeline",
    "diff",
    "period_count",
    "period_ends",
    "timeline",
    "too_many_periods",
]
