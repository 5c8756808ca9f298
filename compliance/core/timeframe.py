"""Time: one meaning of "by D", "as of D" and "sometime in July 2021".

All comparisons happen on aware UTC instants. A calendar date belongs to a time zone: an
agreement's dates are read in the agreement's zone (the 2020 statement runs on Moscow time), and
an event reported only to the day is read in the zone of the agreement it is compared with, so a
handover "on 20 November" is on time for a deadline "by 20 November" whatever the offsets.

Intervals are half-open ``[start, end)``: an event known to the day covers the whole day; an event
known to the second is a one-microsecond interval. "As of D" means everything strictly before
00:00 of the day after D: the whole of day D is known.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from functools import lru_cache

from attrs import frozen

EPSILON = timedelta(microseconds=1)
DAY = timedelta(days=1)
APPROXIMATE_WINDOW = timedelta(days=7)
"""An 'approximate' date with no explicit end means within 7 days either side (documented)."""

FIRST_YEAR, LAST_YEAR = 1900, 2100
"""The years the library takes dates in, everywhere: agreement and event files, the command line
and the Python API. A date outside them is a typo, and calendar arithmetic near the year 9999
overflows."""

_OFFSET = re.compile(r"^(?P<sign>[+-])(?P<h>\d{2}):(?P<m>\d{2})$")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
"""In English whatever the locale (``calendar.month_name`` follows it)."""
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""ASCII digits only: ``\\d`` takes other scripts' digits, and ``date.fromisoformat`` alone also
takes ``20240101`` and the week date ``2024-W01-1``."""


def iso_day(text: str, *, supported: bool = True) -> date:
    """The day ``YYYY-MM-DD`` text names, read by one rule wherever a day is given as text.

    Agreement files, event files, the command line and the Python API all take days this way;
    when each had its own parser, ``2023-02-30`` was "not a calendar date" in one place and
    "expected YYYY-MM-DD" (which it is) in another. Raises ``ValueError`` naming what is wrong:
    the shape, the year's range, or the month or day that does not exist.

    ``supported=False`` takes any year from 1 to 9999: a value read back (a report's history
    begins the day before the first supported one) is a day even where no input may be.
    """
    if not ISO_DAY.fullmatch(text):
        raise ValueError(f"expected a date YYYY-MM-DD, got {text!r}")
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    problem = year_problem(year) if supported or year == 0 else None
    if problem is not None:
        raise ValueError(problem)
    if not 1 <= month <= 12:
        raise ValueError(f"not a calendar date: {text!r}: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        why = f"there is no day {day}" if day < 1 else f"{MONTH_NAMES[month - 1]} {year} has {days} days"
        raise ValueError(f"not a calendar date: {text!r}: {why}")
    return date(year, month, day)


def year_problem(year: int) -> str | None:
    """Why ``year`` is not one a date may have (:data:`FIRST_YEAR` to :data:`LAST_YEAR`), or ``None``."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"year {year} is outside {FIRST_YEAR}–{LAST_YEAR}"


@lru_cache(maxsize=256)
def parse_offset(text: str) -> timezone:
    """``+03:00`` → a fixed-offset zone. Fixed offsets keep the library free of tz databases.

    Memoised by the offset string, outside any value: agreements ask for their zone often.
    """
    match = _OFFSET.match(text)
    if match is None:
        raise ValueError(f"expected a UTC offset like +03:00, got {text!r}")
    hours, minutes = int(match["h"]), int(match["m"])
    if hours > 14 or minutes > 59 or (hours == 14 and minutes):
        raise ValueError(f"UTC offset out of range: {text!r}")
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if match["sign"] == "-" else delta)


@lru_cache(maxsize=65536)
def day_start(day: date, tz: tzinfo) -> datetime:
    """00:00 of ``day`` in ``tz``, as a UTC instant."""
    return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)


def moment(value: date | datetime, tz: tzinfo) -> datetime:
    """The instant a date (its 00:00 in ``tz``) or an aware datetime stands for."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return day_start(value, tz)


def as_of_cutoff(as_of: date, tz: tzinfo) -> datetime:
    """The exclusive cut-off for "as of D": 00:00 on the day after D, in ``tz``."""
    return day_start(as_of + DAY, tz)


def deadline_end(deadline: date, tz: tzinfo) -> datetime:
    """A deadline "by D" includes the whole of day D in the agreement's zone."""
    return day_start(deadline + DAY, tz)


def local_date(instant: datetime, tz: tzinfo) -> date:
    """The calendar date of ``instant`` in ``tz`` (for histories shown to people)."""
    return instant.astimezone(tz).date()


def add_period(day: date, years: int = 0, months: int = 0, days: int = 0) -> date:
    """``day`` moved by whole years and months, then by days (any of them negative).

    Years and months keep the day of the month, or take the month's last day where it has none
    (31 March plus a month is 30 April; 29 February plus a year is 28 February): "a one-month
    truce from 31 March" ends when April does. Days are counted after, as a text counts them
    ("60 days") from the day the months reach.
    """
    total = day.year * 12 + day.month - 1 + 12 * years + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1])) + timedelta(days=days)


class Precision(StrEnum):
    """How precisely a report dates an event."""

    INSTANT = "instant"
    DAY = "day"
    MONTH = "month"
    APPROXIMATE = "approximate"
    INTERVAL = "interval"


@frozen(cache_hash=True)  # a key of several memos, looked up once or more per account
class EventTime:
    """When an event happened, as precisely as the report says.

    Attributes:
        start: the first day or instant named (an approximate date's day, before widening).
        end: the last day (inclusive) or instant named; ``None`` for a single day or instant.
        precision: how the report dated it.
    """

    start: date | datetime
    end: date | datetime | None = None
    precision: Precision = Precision.DAY

    @property
    def widened(self) -> bool:
        """Whether this is an approximate date with no end: the day named, 7 days either side.

        ``~2021-01-05`` is the interval from 2020-12-29 to 2021-01-12, and every reading of it
        (:meth:`span`, :attr:`first_day`, :attr:`last_day`, :meth:`days_in`) widens both ends.
        """
        return self.end is None and self.precision is Precision.APPROXIMATE

    def span(self, tz: tzinfo) -> tuple[datetime, datetime]:
        """The half-open UTC interval in which the event fell, days read in ``tz``."""
        first = moment(self.start, tz)
        last = self.start if self.end is None else self.end
        if self.widened:
            return first - APPROXIMATE_WINDOW, moment(last, tz) + APPROXIMATE_WINDOW + (
                EPSILON if isinstance(last, datetime) else DAY
            )
        if isinstance(last, datetime):
            return first, max(first, last.astimezone(UTC)) + EPSILON
        return first, max(first + EPSILON, day_start(last + DAY, tz))

    @property
    def first_day(self) -> date:
        """The first possible calendar date (for sorting and display): an interval's start, the
        first of a month, 7 days before the day named by an approximate date."""
        start = self.start
        day = start.date() if isinstance(start, datetime) else start
        if self.end is None and self.precision is Precision.APPROXIMATE:
            return day - APPROXIMATE_WINDOW
        return day

    @property
    def last_day(self) -> date:
        """The last possible calendar date: an interval's end, else the day named (7 days after
        it for an approximate date)."""
        last = self.end if self.end is not None else self.start
        day = last.date() if isinstance(last, datetime) else last
        if self.widened:
            return day + APPROXIMATE_WINDOW
        return day

    @property
    def is_instant(self) -> bool:
        """Whether a time of day with an offset is given: then its calendar days depend on the zone."""
        return isinstance(self.start, datetime) or isinstance(self.end, datetime)

    def days_in(self, tz: tzinfo) -> tuple[date, date]:
        """The first and last possible calendar dates, read in ``tz`` (an agreement's zone).

        A date is the same day everywhere; an instant falls on a day only in a zone: 23:00 at
        UTC-02:00 on 9 November is 04:00 on 10 November in Moscow, after a statement signed that
        day there. The scope tests compare an account's days with an agreement's dates, so they
        read an instant in that agreement's zone (``first_day`` and ``last_day`` read it in its
        own offset, for sorting and display). An approximate date is widened as in :meth:`span`.
        """
        if not self.is_instant:
            return self.first_day, self.last_day
        first = local_date(self.start, tz) if isinstance(self.start, datetime) else self.start
        last_named = self.end if self.end is not None else self.start
        last = local_date(last_named, tz) if isinstance(last_named, datetime) else last_named
        if self.widened:
            return first - APPROXIMATE_WINDOW, last + APPROXIMATE_WINDOW
        return first, last

    def label(self) -> str:
        """A short human form: ``2021-07``, ``2020-11-20``, ``~2021-02-26``, ``2022-12-12/2023-09-19``."""
        if self.precision is Precision.MONTH:
            return self.first_day.strftime("%Y-%m")
        text = self.start.isoformat()
        if self.precision is Precision.APPROXIMATE and self.end is None:
            return "~" + text
        if self.end is not None:
            prefix = "~" if self.precision is Precision.APPROXIMATE else ""
            return f"{prefix}{text}/{self.end.isoformat()}"
        return text


def known_by(when: EventTime, as_of: date, tz: tzinfo) -> bool:
    """Whether an event can have happened "as of D": its earliest instant is before the cut-off.

    The one meaning of "as of D" for events, used by the evaluation (visible evidence) and the
    report (accounts of an incident) alike: the half-open instant in the agreement's zone, so an
    approximate date or a late-evening instant counts the same everywhere.
    """
    return when.span(tz)[0] < as_of_cutoff(as_of, tz)


def may_precede(act: EventTime, answer: EventTime, tz: tzinfo) -> bool:
    """Whether ``act`` can have happened before ``answer`` was given: its earliest instant is
    before the answer's latest, days read in ``tz`` (the agreement's zone).

    A denial answers what had been claimed when it was given: it cannot deny an act that an
    account dates wholly after it. An act dated to a range that may begin before the denial (a
    month, an approximate day), or to the denial's own day, may be what it answers. Comparing
    instants in one zone, not calendar days in each account's own offset, keeps an instant
    written in another offset from changing which denial answers what.
    """
    return act.span(tz)[0] < answer.span(tz)[1]
