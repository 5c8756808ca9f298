"""When the first account of a category can have happened: an interval index over sorted spans."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import TypeVar

from attrs import field, frozen

Span = tuple[datetime, datetime]
NEVER = datetime.max.replace(tzinfo=UTC)
"""The ``until`` of a delayed account that, once open, never closes."""


@frozen
class Firsts:
    """When the first account of one category can have happened, for every cut-off.

    Accounts sorted by start, keeping those whose end is earlier than every end before them;
    ``min_end[i]`` is the earliest end among the first ``i + 1``. At cut-off T the visible
    accounts are those with start < T; the first occurrence lies in ``[starts[0], min_end)`` and
    is certain by T when ``min_end <= T``.

    ``windowed`` holds the accounts that count only *until* an instant (a stakeholder's
    attribution until the bearer's side denies it): ``(start, end, until)``, visible at T when
    ``start < T <= until``. What they give is worked out once, piece by piece between their
    starts and untils (``pieces``), and :meth:`at` finds the piece by bisection: scanning them
    at every cut-off made a history over n such accounts cost n². ``pieces`` is derived from
    ``windowed`` when the value is built (not a cache filled later), and left out of equality.

    ``delayed`` holds accounts that count only from an instant later than their start:
    ``(opens, start, end, until)``, visible at T when ``opens < T <= until`` (``until`` is
    :data:`NEVER` for no end), worked into the same pieces. (A partner's account of both acts of
    a parallel pair counts for the partner alone only once this obligation's side denies it:
    ``facts.Facts.parallel_alone``.)
    """

    starts: tuple[datetime, ...]
    min_end: tuple[datetime, ...]
    windowed: tuple[tuple[datetime, datetime, datetime], ...] = ()
    delayed: tuple[tuple[datetime, datetime, datetime, datetime], ...] = ()
    pieces: tuple[tuple[datetime, ...], tuple[Span | None, ...]] = field(init=False, eq=False, repr=False)

    @pieces.default
    def _pieces(self) -> tuple[tuple[datetime, ...], tuple[Span | None, ...]]:
        return windowed_pieces(self.windowed, self.delayed)

    @classmethod
    def of(
        cls,
        spans: Iterable[Span],
        windowed: Iterable[tuple[datetime, datetime, datetime]] = (),
        delayed: Iterable[tuple[datetime, datetime, datetime, datetime]] = (),
    ) -> Firsts:
        """Only the spans that lower the running minimum end, in start order, are kept.

        The others never decide :meth:`at`: among the accounts visible at a cut-off, the one
        with the least end that comes first in start order has every account before it visible
        too, each with a larger end, so it lowers the running minimum and is kept. A million
        day-precision accounts keep a handful of spans.
        """
        kept = front(spans)
        return cls(
            tuple(s for s, _ in kept),
            tuple(e for _, e in kept),
            tuple(sorted(windowed)),
            tuple(sorted(delayed)),
        )

    def at(self, cutoff: datetime) -> Span | None:
        """``(earliest, latest-exclusive)`` of the first occurrence visible at ``cutoff``."""
        visible = bisect.bisect_left(self.starts, cutoff)
        found: Span | None = (self.starts[0], self.min_end[visible - 1]) if visible else None
        bounds, values = self.pieces
        piece = bisect.bisect_left(bounds, cutoff) - 1  # bounds[piece] < cutoff <= bounds[piece + 1]
        windowed = values[piece] if 0 <= piece < len(values) else None
        if windowed is not None:
            found = windowed if found is None else (min(found[0], windowed[0]), min(found[1], windowed[1]))
        return found

    def change_points(self) -> list[datetime]:
        """Instants where ``at`` can change: the first start, and starts/ends that lower min_end."""
        points: list[datetime] = []
        for start, end in zip(self.starts, self.min_end, strict=True):  # each lowers the minimum
            points += [start, end]
        for start, end, until in self.windowed:
            points += [start, end, until]
        for opens, start, end, until in self.delayed:
            points += [opens, start, end] if until == NEVER else [opens, start, end, until]
        return points


def windowed_pieces(
    windowed: Iterable[tuple[datetime, datetime, datetime]],
    delayed: Iterable[tuple[datetime, datetime, datetime, datetime]] = (),
) -> tuple[tuple[datetime, ...], tuple[Span | None, ...]]:
    """What the windowed accounts give at every cut-off, as pieces: ``(bounds, values)``.

    ``values[k]`` holds, for a cut-off T with ``bounds[k] < T <= bounds[k + 1]``, the least
    start and the least end among the accounts with ``start < T <= until`` (``None``: none):
    :func:`least_open` of their starts and of their ends, over the same pieces. A delayed
    account ``(opens, start, end, until)`` is open from ``opens`` instead of its start.
    """
    items = [(start, start, end, until) for start, end, until in windowed]
    items += [(max(opens, start), start, end, until) for opens, start, end, until in delayed]
    bounds, starts = least_open([(opens, until, start) for opens, start, _, until in items])
    _, ends = least_open([(opens, until, end) for opens, _, end, until in items])
    values = tuple(None if s is None or e is None else (s, e) for s, e in zip(starts, ends, strict=True))
    return bounds, values


Key = TypeVar("Key", int, datetime)


def least_open(
    items: Sequence[tuple[datetime, datetime, Key]],
) -> tuple[tuple[datetime, ...], tuple[Key | None, ...]]:
    """The least key among the items open at every cut-off, as pieces: ``(bounds, values)``.

    An item ``(start, until, key)`` is open at a cut-off T with ``start < T <= until``.
    ``values[k]`` is the least key open at a cut-off T with ``bounds[k] < T <= bounds[k + 1]``
    (``None``: none). The bounds are every start and until, so within a piece no item opens or
    closes: an item is open there when its start is at most ``bounds[k]`` and its until after
    it. One sweep with a heap, in which an item whose until has passed is dropped when it
    reaches the top. (``Firsts`` keeps the least start and end of the windowed accounts this
    way, ``Facts`` the first windowed account that counts.)
    """
    ordered = sorted(items, key=_OPENS)
    bounds = sorted({t for start, until, _ in ordered for t in (start, until)})
    heap: list[tuple[Key, datetime]] = []  # (key, until)
    values: list[Key | None] = []
    i = 0
    for bound in bounds[:-1]:
        while i < len(ordered) and ordered[i][0] <= bound:
            _, until, key = ordered[i]
            heapq.heappush(heap, (key, until))
            i += 1
        while heap and heap[0][1] <= bound:
            heapq.heappop(heap)
        values.append(heap[0][0] if heap else None)
    return tuple(bounds), tuple(values)


_OPENS = itemgetter(0)


def front(spans: Iterable[Span]) -> list[Span]:
    """The spans that lower the running minimum end, in start order (see :meth:`Firsts.of`)."""
    kept: list[Span] = []
    least: datetime | None = None
    for span in sorted(spans):
        if least is None or span[1] < least:
            kept.append(span)
            least = span[1]
    return kept
