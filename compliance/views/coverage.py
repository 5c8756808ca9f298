"""Which accounts a report read: how the linked ones divide, and the days they span.

A report is dated by its as-of date, not by its data. A history that says "no status changed"
over the last twelve months reads as stability, though it may only mean that no account of those
months was read; the span of the accounts read lets the report say which it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from operator import attrgetter

from attrs import frozen

from compliance.core.events import Event

_WHEN = attrgetter("when")
_REPORTED_ON = attrgetter("reported_on")


@frozen
class LinkedInReport:
    """How the ledger's linked accounts divide for one report; the three add up to ``linked``.

    The ledger's accounting counts every record read, whatever the report's date, agreements or
    ``known_on``; a report as of 2020 that said "linked 182" while it could read 11 of them would
    lose the other 171 without a word. ``bear_on_report``: linked to an obligation of an
    agreement shown and known by the cut-off as the evaluation reads it (reported by
    ``known_on``, its earliest instant before the end of the as-of day in that agreement's zone),
    so exactly the accounts some ``evidence_total`` of the report counts. ``dated_after``: the
    others that bear on an agreement shown, or that start after the cut-off wherever they bear,
    or were not yet reported on ``known_on``. ``only_agreements_not_shown``: known by the
    cut-off, but linked only to agreements the report leaves out (adopted later, or not chosen);
    the report may still show one beside another account of its incident.
    """

    linked: int
    bear_on_report: int
    dated_after: int
    only_agreements_not_shown: int


@frozen
class AccountsRead:
    """The days spanned by the accounts a report read (those ``bear_on_report`` counts).

    ``first_day`` is the earliest first possible day, ``last_day`` the latest last possible day
    (an interval's end, seven days after an approximate date), ``last_reported_on`` the latest
    publication date given; each ``None`` when no account (or no publication date) was read.
    Accounts left out by ``known_on`` or dated after the cut-off are not read, so not counted.
    """

    first_day: date | None = None
    last_day: date | None = None
    last_reported_on: date | None = None

    @classmethod
    def of(cls, accounts: Iterable[Event]) -> AccountsRead:
        # The days are read once per distinct date, not once per account (3,858 dates for 69,088
        # accounts at 100,000 generated rows): the accounts share their ``EventTime`` objects (a
        # reader builds one per distinct value), told apart by identity in C. The latest
        # publication date is found in C too (``filter(None, ...)`` drops the accounts that give
        # none; a date is never false). The report passes the accounts in their own order,
        # filtered by a set of ids, not looked up in the set's order (scattered in memory).
        read = list(accounts)
        whens = list(map(_WHEN, read))
        distinct = dict(zip(map(id, whens), whens, strict=True)).values()
        return cls(
            min((w.first_day for w in distinct), default=None),
            max((w.last_day for w in distinct), default=None),
            max(filter(None, map(_REPORTED_ON, read)), default=None),
        )

    def ends_before(self, day: date) -> bool:
        """Whether no account read is dated on or after ``day`` (so none covers it), with at
        least one read: a report with no account says so in its own words."""
        return self.last_day is not None and self.last_day < day
