"""Which accounts of each incident can be read with one another, per agreement.

Grading reads an allegation with the other accounts of its incident, but only those that can
bear on the agreement (:func:`compliance.linking.scope.may_bear_on`): an account of another
country or an earlier year that shares an incident id neither corroborates nor contests. Kept
apart from ``scope``, which decides one account at a time while linking, because this works on
whole incidents at once, once per evaluation, and at a million accounts it has to do so in C
passes (docs/performance-log.md, step 54).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from itertools import chain, compress
from operator import and_, attrgetter, gt
from typing import cast

from compliance.core.events import Event
from compliance.linking.scope import AgreementScope, may_bear_on


def incidents_in_scope(
    incidents: Mapping[str, list[Event]],
    scopes: Iterable[AgreementScope],
    placed_outside: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, dict[str, list[Event]]]:
    """Per agreement id, the accounts of each incident that can bear on it (:func:`may_bear_on`).

    Most incidents lie wholly inside an agreement's time and countries, or wholly before it: an
    incident's first and last days and its countries decide those at once (the list is kept as
    it is, or dropped), and only an incident that straddles the line, or holds an account placed
    outside some agreement (``placed_outside``, by event id), is read account by account.

    Each list is in the order the accounts can first have happened in the agreement's zone, then
    in sort order (:func:`in_time_order`): grading takes the *first* account that denies or
    corroborates another, and the facts read when it happened in that zone.
    """
    outside = placed_outside or {}
    firsts, lasts, countries = _spreads(incidents, outside)
    ids, lists, kinds = list(incidents), list(incidents.values()), dict.fromkeys(countries)
    found: dict[str, dict[str, list[Event]]] = {}
    for scope in scopes:  # each incident in C: kept whole, dropped, or read account by account
        inside = {c: c is not None and (not scope.countries or c <= scope.countries) for c in kinds}
        after = scope.date.__le__
        keep, kept = list(map(and_, map(after, firsts), map(inside.__getitem__, countries))), list(lists)
        for i in compress(range(len(ids)), map(gt, map(after, lasts), keep)):  # not before, not whole
            if mine := [e for e in lists[i] if may_bear_on(e, scope, outside.get(e.id, frozenset()))]:
                kept[i], keep[i] = in_time_order(mine, scope.tz), True
        found.setdefault(scope.id, {}).update(compress(zip(ids, kept, strict=True), keep))
    return found


def _spreads(
    incidents: Mapping[str, list[Event]], outside: Mapping[str, frozenset[str]]
) -> tuple[list[dt.date], list[dt.date], list[frozenset[str] | None]]:
    """Per incident, the earliest and latest last day of its accounts and their countries; ``None``
    for one read account by account (an instant, an account placed outside some agreement). Dates
    are read once per ``EventTime`` object, told apart by identity (hashing one is a Python call)."""
    whens = list(map(_WHEN, chain.from_iterable(incidents.values())))
    distinct = dict(zip(map(id, whens), whens, strict=True)).values()
    last_day = {id(w): w.last_day for w in distinct if not w.is_instant}
    firsts, lasts = list[dt.date](), list[dt.date]()
    countries: list[frozenset[str] | None] = []
    for accounts in incidents.values():
        days, named = list(map(last_day.get, map(id, map(_WHEN, accounts)))), None
        if None in days or (outside and any(e.id in outside for e in accounts)):
            days = [dt.date.max]  # never before an agreement, never kept whole
        else:
            named = frozenset(filter(None, map(_COUNTRY, accounts)))
        firsts.append(min(cast("list[dt.date]", days)))  # (no None left)
        lasts.append(max(cast("list[dt.date]", days)))
        countries.append(named)
    return firsts, lasts, countries


_WHEN, _COUNTRY = attrgetter("when"), attrgetter("country")


def in_time_order(accounts: list[Event], tz: dt.tzinfo) -> list[Event]:
    """Accounts in sort order, re-sorted (stably) by when each can first have happened in ``tz``.

    Sort order is by the first possible calendar day, which is when an account can first have
    happened in any zone unless it is an instant: its day is read in its own offset, and 00:30
    at +04:00 on 13 May is 23:30 on 12 May in Moscow, before 23:30 at +00:00 on 12 May. Only a
    list holding an instant is re-sorted.
    """
    if not any(e.when.is_instant for e in accounts):
        return accounts
    return sorted(accounts, key=lambda e: e.when.span(tz)[0])


__all__ = ["in_time_order", "incidents_in_scope"]
