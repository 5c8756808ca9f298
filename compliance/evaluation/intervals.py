"""When the first account of a category can have happened: an interval index over sorted spans."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import datetime

from attrs import frozen

Span = tuple[datetime, datetime]


@frozen
class Firsts:
    """When the first account of one category can have happened, for every cut-off.

    Accounts sorted by start, keeping those whose end is earlier than every end before them;
    ``min_end[i]`` is the earliest end among the first ``i + 1``. At cut-off T the visible
    accounts are those with start < T; the first occurrence lies in ``[starts[0], min_end)`` and
    is certain by T when ``min_end <= T``.

    ``windowed`` holds the rare accounts that count only *until* an instant (a stakeholder's
    attribution until the bearer's side denies it): ``(start, end, until)``, visible at T when
    ``start < T <= until``. They are few, so they are scanned rather than indexed.
    """

    starts: tuple[datetime, ...]
    min_end: tuple[datetime, ...]
    windowed: tuple[tuple[datetime, datetime, datetime], ...] = ()

    @classmethod
    def of(
        cls, spans: Iterable[Span], windowed: Iterable[tuple[datetime, datetime, datetime]] = ()
    ) -> Firsts:
        """Only the spans that lower the running minimum end, in start order, are kept.

        The others never decide :meth:`at`: among the accounts visible at a cut-off, the one
        with the least end that comes first in start order has every account before it visible
        too, each with a larger end, so it lowers the running minimum and is kept. A million
        day-precision accounts keep a handful of spans.
        """
        kept = front(spans)
        return cls(tuple(s for s, _ in kept), tuple(e for _, e in kept), tuple(sorted(windowed)))

    def at(self, cutoff: datetime) -> Span | None:
        """``(earliest, latest-exclusive)`` of the first occurrence visible at ``cutoff``."""
        visible = bisect.bisect_left(self.starts, cutoff)
        found: Span | None = (self.starts[0], self.min_end[visible - 1]) if visible else None
        for start, end, until in self.windowed:
            if start < cutoff <= until:
                found = (start, end) if found is None else (min(found[0], start), min(found[1], end))
        return found

    def change_points(self) -> list[datetime]:
        """Instants where ``at`` can change: the first start, and starts/ends that lower min_end."""
        points: list[datetime] = []
        for start, end in zip(self.starts, self.min_end, strict=True):  # each lowers the minimum
            points += [start, end]
        for start, end, until in self.windowed:
            points += [start, end, until]
        return points


def front(spans: Iterable[Span]) -> list[Span]:
    """The spans that lower the running minimum end, in start order (see :meth:`Firsts.of`)."""
    kept: list[Span] = []
    least: datetime | None = None
    for span in sorted(spans):
        if least is None or span[1] < least:
            kept.append(span)
            least = span[1]
    return kept
