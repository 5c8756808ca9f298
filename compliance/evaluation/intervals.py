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

    Accounts sorted by start; ``min_end[i]`` is the earliest end among the first ``i + 1``.
    At cut-off T the visible accounts are those with start < T; the first occurrence lies in
    ``[starts[0], min_end)`` and is certain by T when ``min_end <= T``.

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
        ordered = sorted(spans)
        starts = tuple(s for s, _ in ordered)
        min_end: list[datetime] = []
        for _, end in ordered:
            min_end.append(end if not min_end or end < min_end[-1] else min_end[-1])
        return cls(starts, tuple(min_end), tuple(sorted(windowed)))

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
        for i, start in enumerate(self.starts):
            if i == 0 or self.min_end[i] < self.min_end[i - 1]:
                points += [start, self.min_end[i]]
        for start, end, until in self.windowed:
            points += [start, end, until]
        return points
