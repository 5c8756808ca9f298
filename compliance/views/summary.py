"""What the report's text needs beyond the tables: the status changes of the last twelve months,
and how the accounts it cites divide.

Read off the histories and the evidence the report holds; nothing is evaluated again.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from attrs import frozen
from dateutil.relativedelta import relativedelta

from compliance.core.natural_order import natural_key
from compliance.core.vocabulary import Status
from compliance.views.report import AgreementReport, Report

RECENT_MONTHS = 12


@frozen
class RecentChange:
    """One obligation's change of status within the recent window."""

    obligation: str
    article: str
    date: date
    before: Status
    after: Status
    cause: str


def recent_since(as_of: date) -> date:
    """The first day of the window: changes after ``as_of`` minus twelve months count."""
    return as_of - relativedelta(months=RECENT_MONTHS)


def recent_changes(agreement: AgreementReport, as_of: date) -> tuple[RecentChange, ...]:
    """Changes dated after ``as_of`` minus twelve months and up to ``as_of``, by date then obligation."""
    since = recent_since(as_of)
    changes = [
        RecentChange(r.id, r.obligation.article, step.date, previous.status, step.status, step.cause)
        for article in agreement.articles
        for r in article.obligations
        for previous, step in zip(r.history, r.history[1:], strict=False)
        if since < step.date <= as_of
    ]
    return tuple(sorted(changes, key=lambda c: (c.date, natural_key(c.obligation))))


class Covered(Enum):
    """How far the accounts a report read cover its last twelve months."""

    WHOLLY = "wholly"  # an account read is dated on or after the as-of date (or none is read)
    PARTLY = "partly"  # the last account read is dated within the window, before the as-of date
    NOT = "not"  # no account read is dated within the window


def recent_covered(report: Report) -> Covered:
    """Whether the accounts read reach the end of the window of :func:`recent_changes`: a history
    with no change past the last account says nothing of the days after it."""
    read = report.accounts_read
    if read.last_day is None or not read.ends_before(report.as_of):
        return Covered.WHOLLY
    return Covered.PARTLY if read.last_day > recent_since(report.as_of) else Covered.NOT


def cited_beside(report: Report) -> tuple[str, ...]:
    """Ids of the accounts ``report`` cites only in an incident's side-by-side table, listed as
    evidence of no obligation (an account of the incident that is unlinked, known after the date,
    linked to an agreement left out, or past the accounts a report lists for an obligation), in
    the order of ``report.events``.

    The Markdown says how many: "the 4 accounts cited" under a line counting 3 linked read as a
    count that does not add up.
    """
    evidence = {
        e.event
        for a in report.agreements
        for article in a.articles
        for r in article.obligations
        for e in r.evidence
    }
    return tuple(e.id for e in report.events if e.id not in evidence)
