"""How a report divides the linked accounts (``LinkedInReport``) is what the plain reading gives.

``views.coverage.linked_in_report`` takes a shortcut: when every account linked in an agreement's
zone starts before the report's cut-off (a report as of a day after the last account, the usual
case), all of them are known and are collected without looking at each link's interval. Here
that is compared with the plain per-link reading, on the bundled ledger, for any date, choice of
agreements and ``known_on``, and on the days around the last account's start. The shortcut tells
the accounts apart by rank (``Prepared.ranks_by_ob``), the plain reading by each link's id; the
accounts the report reads are compared too.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from operator import attrgetter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.core.timeframe import as_of_cutoff, local_date
from compliance.evaluation.evaluate import Prepared
from compliance.linking.ledger import Ledger, build_ledger
from compliance.views.coverage import LinkedInReport, divide_linked, linked_in_report


@functools.cache
def ledger() -> Ledger:
    return build_ledger()


@functools.cache
def prepared(known_on: date | None) -> Prepared:
    led = ledger()
    return Prepared.of(led.agreements, led.events, led.links, known_on, led.placed_outside)


def plain_reading(
    led: Ledger, prep: Prepared, as_of: date, shown: set[str]
) -> tuple[LinkedInReport, set[str]]:
    """Every link looked at on its own, by its account's id: known when its account starts before
    the cut-off. With the ids of the accounts the report reads."""
    agreement_of = {ob.id: a for a in led.agreements for ob in a.obligations}
    counted: set[str] = set()
    after_here: set[str] = set()
    known_elsewhere: set[str] = set()
    for ob_id, links in prep.links_by_ob.items():
        agreement = agreement_of[ob_id]
        cutoff = as_of_cutoff(as_of, agreement.tz)
        spans = prep.spans_by_zone[agreement.tz]
        known = {link.event for link in links if spans[link.event][0] < cutoff}
        if agreement.id in shown:
            counted |= known
            after_here.update(link.event for link in links if link.event not in known)
        else:
            known_elsewhere |= known
    linked = len(set(map(attrgetter("event"), led.links)))
    elsewhere = len(known_elsewhere - counted - after_here)
    return LinkedInReport(linked, len(counted), linked - len(counted) - elsewhere, elsewhere), counted


AGREEMENT_IDS = sorted(a.id for a in ledger().agreements)


@given(
    st.dates(date(2020, 10, 1), date(2027, 1, 1)),
    st.sets(st.sampled_from(AGREEMENT_IDS)),
    st.none() | st.dates(date(2020, 10, 1), date(2027, 1, 1)),
)
def test_linked_in_report__as_the_plain_reading(as_of: date, shown: set[str], known_on: date | None) -> None:
    """Any date, any agreements shown, any known_on: the same division as link by link."""
    prep = prepared(known_on)
    linked, read = divide_linked(ledger(), prep, as_of, shown)
    assert linked_in_report(ledger(), prep, as_of, shown) == linked
    assert (linked, {prep.ordered[rank].id for rank in read}) == plain_reading(ledger(), prep, as_of, shown)


def _around_the_last_start() -> list[date]:
    """The days around the local day the latest linked account starts, in each zone."""
    days = set()
    for tz, latest in prepared(None).latest_by_zone.items():
        day = local_date(latest, tz)
        days |= {day + timedelta(days=k) for k in (-2, -1, 0, 1)}
    return sorted(days)


@pytest.mark.parametrize("as_of", _around_the_last_start())
def test_linked_in_report__on_the_days_around_the_last_account(as_of: date) -> None:
    """Where the shortcut starts to apply (the cut-off just after the last start), and before it."""
    prep = prepared(None)
    for shown in (set(AGREEMENT_IDS), {AGREEMENT_IDS[0]}, set()):
        linked, read = divide_linked(ledger(), prep, as_of, shown)
        assert (linked, {prep.ordered[rank].id for rank in read}) == plain_reading(
            ledger(), prep, as_of, shown
        )
