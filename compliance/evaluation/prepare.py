"""What ``evaluate.Prepared`` builds per account and per link: the accounts in rank order, each
obligation's links in that order, each account's span per zone and the latest linked start.

Both walk every link of a ledger once (a million accounts have two to three million links), so
each link costs one look-up of its account's rank, which also tells whether the account is known,
and the rest works on those ranks: integers, read from lists, where looking an account up by its
id and reading its time again per zone cost a dictionary probe and a hash in Python per link.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, tzinfo
from functools import partial
from itertools import chain, compress, groupby, repeat
from operator import attrgetter, is_not, itemgetter
from typing import cast

from compliance.core.events import Event, Link, by_sort_key
from compliance.core.model import Agreement
from compliance.evaluation.intervals import Span


def accounts_in_rank_order(
    events: Sequence[Event],
) -> tuple[dict[str, Event], list[Event], dict[str, int]]:
    """The accounts by id (of an id given twice the last, as a dict display keeps it), in sort
    order, and each id's rank (its place in that order).

    At a million accounts each account read costs a cache miss (they lie scattered in memory), and
    reading every account's id again in sort order was a pass of its own. A ledger's accounts come
    in sort order already, with no id twice: then the ids read for ``by_id`` are the ids in order.
    Comparing the sorted list with the given one tells, without reading an account: list equality
    compares items by identity first, and the two are equal only if no id was dropped and nothing
    moved (two accounts of one id are equal or not, never the same object twice here).
    """
    given = events if isinstance(events, list) else list(events)
    ids = list(map(_ID, given))
    by_id = dict(zip(ids, given, strict=True))
    ordered = sorted(by_id.values(), key=by_sort_key)
    if ordered != given:  # out of order, or an id given twice: the ids are read again, in order
        ids = list(map(_ID, ordered))
    return by_id, ordered, dict(zip(ids, range(len(ids)), strict=True))


def links_in_rank_order(
    links: Iterable[Link], rank: Mapping[str, int]
) -> tuple[dict[str, list[Link]], dict[str, list[int]]]:
    """The links of each obligation whose account has a rank (is known), in the accounts' order,
    and their accounts' ranks in that order.

    A ledger's links come in runs by obligation (any order works). The accounts' order is nearly
    the order of their intervals: the facts and the evidence sort the links again, and a nearly
    sorted list sorts in nearly linear time (sorting by an integer is cheaper than by an interval).
    """
    found_by_ob: dict[str, list[Link]] = {}
    ranks_by_ob: dict[str, list[int]] = {}
    for ob_id, run in groupby(links, key=_OBLIGATION):
        found = list(run)
        ranks = list(map(rank.get, map(_EVENT, found)))  # (in C: no call per link)
        if None in ranks:  # some accounts not known (``known_on``): their links are left out
            known = list(map(is_not, ranks, repeat(None)))
            found, ranks = list(compress(found, known)), list(compress(ranks, known))
        if found:
            found_by_ob.setdefault(ob_id, []).extend(found)
            ranks_by_ob.setdefault(ob_id, []).extend(cast(list[int], ranks))  # (None left out above)
    for ob_id, ob_links in found_by_ob.items():
        ob_ranks = ranks_by_ob[ob_id]
        # Sorted in place, each link keyed by its account's rank: a sort moves the links without
        # reading them, where copying them into a list in rank order reads each (a reference
        # count) from anywhere in memory at a million accounts. ``list.sort`` works out the keys
        # first, once per item in the list's order, so the n-th call gives the n-th rank.
        ob_links.sort(key=partial(next, iter(ob_ranks)))
        ob_ranks.sort()  # (in the same order: a stable sort, on the same keys)
    return found_by_ob, ranks_by_ob


def spans_by_rank_and_latest(
    agreements: Sequence[Agreement],
    ranks_by_ob: Mapping[str, list[int]],
    ordered: Sequence[Event],
) -> tuple[dict[tzinfo, list[Span]], dict[tzinfo, datetime]]:
    """Per time zone, the interval of every known account in the zone, by rank, and the latest
    start of an account its agreements' obligations link.

    ``ordered`` is the known accounts in rank order and ``ranks_by_ob`` each obligation's linked
    ranks (:func:`links_in_rank_order`). Each account is read once (its time), and each interval
    is worked out once per zone and time object (a million rows have a few thousand): the rest
    are passes in C over lists in rank order. At a million accounts, reading an account
    (scattered in memory in rank order) costs more than the rest of what is done with it, and
    there are four zones. Grading, the facts and the evidence listing read the intervals by rank
    (steps 52 and 58 in docs/performance.md), so no table by id is built here: it cost a
    dictionary of every linked account per zone, about 0.9 s at a million rows, for the latest
    start alone (step 61). :func:`linked_spans_by_id` builds it for a reader that asks
    (``Prepared.spans_by_zone``).
    """
    zones = _zones(agreements)
    # Times by identity: a reader makes one object per distinct time, and hashing one by value
    # is a Python call (two equal objects would only have their interval worked out twice).
    whens = list(map(_WHEN, ordered)) if zones else []
    times = list(map(id, whens))
    distinct = dict(zip(times, whens, strict=True))
    by_rank: dict[tzinfo, list[Span]] = {}
    latest: dict[tzinfo, datetime] = {}
    for tz, alike in zones.items():
        by_time = {key: when.span(tz) for key, when in distinct.items()}
        at = by_rank[tz] = list(map(by_time.__getitem__, times))
        starts = list(map(_START, map(at.__getitem__, _linked(alike, ranks_by_ob))))
        if starts:
            latest[tz] = max(starts)
    return by_rank, latest


def linked_spans_by_id(
    agreements: Sequence[Agreement],
    ranks_by_ob: Mapping[str, list[int]],
    ordered: Sequence[Event],
    spans_by_rank: Mapping[tzinfo, Sequence[Span]],
) -> dict[tzinfo, dict[str, Span]]:
    """Per time zone, the interval of each account its agreements' obligations link, by id: the
    table :func:`spans_by_rank_and_latest` does not build, for a reader that looks intervals up by id."""
    by_id: dict[tzinfo, dict[str, Span]] = {}
    for tz, alike in _zones(agreements).items():
        at = spans_by_rank[tz]
        linked = dict.fromkeys(_linked(alike, ranks_by_ob))
        by_id[tz] = {ordered[place].id: at[place] for place in linked}
    return by_id


def _zones(agreements: Sequence[Agreement]) -> dict[tzinfo, list[Agreement]]:
    zones: dict[tzinfo, list[Agreement]] = {}
    for agreement in agreements:
        zones.setdefault(agreement.tz, []).append(agreement)
    return zones


def _linked(agreements: Sequence[Agreement], ranks_by_ob: Mapping[str, list[int]]) -> Iterable[int]:
    """The ranks the agreements' obligations link, in obligation order (an account may recur)."""
    return chain.from_iterable(
        ranks_by_ob.get(ob.id, ()) for agreement in agreements for ob in agreement.obligations
    )


_EVENT = attrgetter("event")
_ID = attrgetter("id")
_OBLIGATION = attrgetter("obligation")
_WHEN = attrgetter("when")
_START = itemgetter(0)
