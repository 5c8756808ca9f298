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
from itertools import chain, compress, groupby, islice, repeat
from operator import attrgetter, is_not, itemgetter, lt
from typing import cast

from compliance.core.events import Event, Link, by_sort_key
from compliance.core.model import Agreement
from compliance.evaluation.intervals import Span

BLOCK = 4096
"""Accounts or links read per block (:func:`accounts_in_rank_order`, :func:`links_in_rank_order`):
what a block touches (each account or link, its id, its key) fits in a processor's caches."""


def accounts_in_rank_order(
    events: Sequence[Event], block_size: int = BLOCK
) -> tuple[dict[str, Event], Sequence[Event], dict[str, int]]:
    """The accounts by id (of an id given twice the last, as a dict display keeps it), in sort
    order, and each id's rank (its place in that order).

    At a million accounts each account read costs a cache miss (they lie scattered in memory),
    and so does each id read (its hash, for a dictionary). A ledger's accounts come in sort
    order already, with no id twice: then their sort keys increase strictly and there are as
    many ids as accounts, and the accounts are taken as given (a tuple is not copied: copying
    touches every account). So each account is read once, for its key, and the keys, the
    dictionaries and the check are made a block of accounts at a time, while the block's
    accounts and ids are still in the processor's caches. Otherwise the accounts are sorted and
    their ids read again, in order.
    """
    by_id: dict[str, Event] = {}
    rank: dict[str, int] = {}
    in_order = True
    last: list[tuple[object, str]] = []  # the key of the previous block's last account
    given = iter(events)
    while block := list(islice(given, block_size)):
        keys = list(map(by_sort_key, block))
        ids = list(map(_SECOND, keys))
        by_id.update(zip(ids, block, strict=True))
        if in_order:  # (each key against the next, the previous block's last included)
            in_order = len(by_id) == len(rank) + len(ids) and all(
                map(lt, chain(last, keys), islice(keys, 0 if last else 1, None))
            )
            rank.update(zip(ids, range(len(rank), len(rank) + len(ids)), strict=True))
            last = keys[-1:]
    if in_order:
        return by_id, events if isinstance(events, tuple) else list(events), rank
    # out of order, or an id given twice: sorted, and the ids read again, in order
    ordered = sorted(by_id.values(), key=by_sort_key)
    ids = list(map(_ID, ordered))
    return by_id, ordered, dict(zip(ids, range(len(ids)), strict=True))


def links_in_rank_order(
    links: Iterable[Link], rank: Mapping[str, int], block_size: int = BLOCK
) -> tuple[dict[str, list[Link]], dict[str, list[int]]]:
    """The links of each obligation whose account has a rank (is known), in the accounts' order,
    and their accounts' ranks in that order.

    A ledger's links come in runs by obligation (any order works). The accounts' order is nearly
    the order of their intervals: the facts and the evidence sort the links again, and a nearly
    sorted list sorts in nearly linear time (sorting by an integer is cheaper than by an interval).
    """
    found_by_ob: dict[str, list[Link]] = {}
    ranks_by_ob: dict[str, list[int]] = {}
    given = iter(links)
    # A block of links at a time, each link read once for its obligation and its account's
    # rank while it is in the processor's caches (at a million accounts a link read is a cache
    # miss: they lie in memory in the order they were made, not in this order).
    while block := list(islice(given, block_size)):
        obligations = list(map(_OBLIGATION, block))
        block_ranks = list(map(rank.get, map(_EVENT, block)))  # (in C: no call per link)
        start = 0
        for ob_id, run in groupby(obligations):
            end = start + len(list(run))
            found, ranks = block[start:end], block_ranks[start:end]
            start = end
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
    (steps 52 and 58 in docs/performance-log.md), so no table by id is built here: it cost a
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
_SECOND = itemgetter(1)
