"""The days an ACLED row's ``event_date`` stands for, by its ``time_precision`` code: the day, the
week around it, or the month (docs/event-formats.md#time_precision-and-geo_precision).

Apart from ``acled.py`` so that each stays small; the reader asks :func:`acled_time` once per
distinct date and code.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from compliance.core.timeframe import EventTime, Precision
from compliance.readers.fields import FieldError, integral, parse_when, quoted, stated, without_midnight

WEEK_SLACK = timedelta(days=4)
"""How far the true day of a ``time_precision`` 2 row can be from its ``event_date``.

ACLED's codebook (https://acleddata.com/methodology/acled-codebook, "Time precision codes"):
for an event that "happened sometime during the week or within a similar period of time",
"the middle of the period is used as the reference date (i.e., with an event occurring last
week, the Event date would be recorded on either Wednesday or Thursday of that week)". The
middle day of seven has three days on either side; Wednesday is the middle of a week that starts
on Sunday, but one day before it in a week that starts on Monday (and Thursday one day after it
in a week that starts on Sunday): four days either side hold the week whichever day was
recorded. It was 7 (the width of our own ``~`` dates), which put a battle dated 5 November 2020
with code 2 possibly after the ceasefire of 10 November and left its status open for months."""

MONTH_SLACK = timedelta(days=11)
"""How far the true day of a ``time_precision`` 3 row may be from its ``event_date`` beyond its
calendar month, for a row that does not follow the codebook.

The codebook: "If the source material only indicates that an event took place sometime during a
month (i.e., in the past two or three weeks, or in January), without reference to the particular
date, the month midpoint is chosen. If the beginning or end of the month is noted, the first and
last date is used". A row that follows it is dated the month's midpoint, first or last day, and
its event lies within the calendar month: the month is what it is read as. Not every row does:
real row 1282IND (ACLED Asia 2015) is coded 3 on 22 April 2015, neither the middle nor an end of
April, and the codebook does not say what such a date stands for. This allowance is ours, not
ACLED's: 11 days either side of the day (a period of three weeks has 10 days on either side of
its middle day, and one more allows a middle a day off, as for a week), so that such a row is not
read as surely within its month. The 1st and the last day of a month are the codebook's
"beginning or end of the month", which lie within the month: never stretched past it."""


def acled_time(event_date: str, time_precision: str) -> EventTime | tuple[str, str]:
    """The time of an ACLED date with its precision code, or the field that cannot be read and why.
    A midnight time with no offset (pandas, spreadsheets) is the day. A code other than 1 (day),
    2 (week), 3 (month) or empty is refused: read as the day, ``4`` was more exact than the source.

    Code 2 is the day :data:`WEEK_SLACK` either side (as ACLED's codebook says it is recorded);
    code 3 the calendar month, stretched to :data:`MONTH_SLACK` either side of a day that is not
    the month's first or last where that reaches past the month (an allowance for rows that do
    not follow the codebook)."""
    time_precision = integral(stated(time_precision))  # 2.0 (pandas), NA (R): a code column with gaps
    if time_precision not in ("", "1", "2", "3"):
        return "time_precision", f"expected 1 (day), 2 (week) or 3 (month), got {quoted(time_precision)}"
    try:
        start, end, precision = parse_when(without_midnight(event_date))
    except FieldError as exc:
        return "event_date", str(exc)
    if end is not None or time_precision in ("", "1"):
        return EventTime(start, end, precision)
    if time_precision == "2":
        return EventTime(start - WEEK_SLACK, start + WEEK_SLACK, Precision.APPROXIMATE)
    day = start.date() if isinstance(start, datetime) else start
    first = day.replace(day=1)
    last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    if day in (first, last):  # the codebook's "beginning or end of the month": within it
        return EventTime(first, last, Precision.MONTH)
    earliest, latest = min(first, day - MONTH_SLACK), max(last, day + MONTH_SLACK)
    if (earliest, latest) == (first, last):
        return EventTime(first, last, Precision.MONTH)
    return EventTime(earliest, latest, Precision.APPROXIMATE)
