"""Which accounts a report read: how the linked ones divide, and the days they span.

A report is dated by its as-of date, not by its data. A history that says "no status changed"
over the last twelve months reads as stability, though it may only mean that no account of those
months was read; the span of the accounts read lets the report say which it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import compress
from operator import attrgetter, itemgetter, not_

from attrs import frozen

from compliance.core.events import Event
from compliance.core.timeframe import as_of_cutoff
from compliance.evaluation.evaluate import Prepared
from compliance.linking.ledger import Ledger

_WHEN = attrgetter("when")
_REPORTED_ON = attrgetter("reported_on")
_EVENT = attrgetter("event")
_START = itemgetter(0)


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
        # none; a date is never false). The report passes the accounts by rank, from a set of
        # ranks (small integers: a set of them iterates nearly in order), so nearly in the
        # order they sit in memory, not in the order of a set of ids (scattered).
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


def linked_in_report(ledger: Ledger, prepared: Prepared, as_of: date, shown: set[str]) -> LinkedInReport:
    """How the ledger's linked accounts divide for a report showing the agreements ``shown``."""
    return divide_linked(ledger, prepared, as_of, shown)[0]


def divide_linked(
    ledger: Ledger, prepared: Prepared, as_of: date, shown: set[str]
) -> tuple[LinkedInReport, set[int]]:
    """How the ledger's linked accounts divide for a report showing the agreements ``shown``,
    and the ranks of those it reads (``bear_on_report``: ``prepared.ordered[rank]`` is each).

    Read from the prepared inputs the evaluation reads: ``ranks_by_ob`` holds only the links of
    accounts known on ``known_on``, and each agreement's spans are those its evidence is cut
    with (``listing.list_evidence``: known when the earliest instant is before the cut-off).
    Accounts are told apart by rank (an integer read from lists in rank order, as grading does),
    not by id read from each link: at a million accounts the links and their ids are scattered
    in memory, and reading one is a cache miss.
    """
    agreement_of = {ob.id: a for a in ledger.agreements for ob in a.obligations}
    counted: set[int] = set()
    after_here: set[int] = set()  # bearing on an agreement shown, but after the cut-off there
    known_elsewhere: set[int] = set()  # known by the cut-off in an agreement not shown
    after_elsewhere: set[int] = set()  # after the cut-off in an agreement not shown
    for ob_id, ranks in prepared.ranks_by_ob.items():
        agreement = agreement_of[ob_id]
        cutoff = as_of_cutoff(as_of, agreement.tz)
        latest = prepared.latest_by_zone.get(agreement.tz)
        if latest is not None and latest < cutoff:
            # Every account linked in this zone starts before the cut-off (a report as of a day
            # after the last account): all are known, and one pass in C collects them.
            (counted if agreement.id in shown else known_elsewhere).update(ranks)
            continue
        spans = prepared.spans_by_rank[agreement.tz]
        known_flags = list(map(cutoff.__gt__, map(_START, map(spans.__getitem__, ranks))))
        known = set(compress(ranks, known_flags))
        later = compress(ranks, map(not_, known_flags))  # (an account's span is one per zone)
        if agreement.id in shown:
            counted |= known
            after_here.update(later)
        else:
            known_elsewhere |= known
            after_elsewhere.update(later)
    if sum(map(len, prepared.ranks_by_ob.values())) == len(ledger.links):
        # Every link was read above (none left out by ``known_on``): the four sets hold the linked
        # accounts, joined by the hashes they keep, not read again from each (scattered) link.
        linked = len(counted.union(after_here, known_elsewhere, after_elsewhere))
    else:
        linked = len(set(map(_EVENT, ledger.links)))
    only_agreements_not_shown = len(known_elsewhere - counted - after_here)
    return LinkedInReport(
        linked, len(counted), linked - len(counted) - only_agreements_not_shown, only_agreements_not_shown
    ), counted
