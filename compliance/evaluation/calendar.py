"""Calendar arithmetic for terms: adding years and months, and when a renewable term ends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from compliance.core.model import Obligation
from compliance.core.timeframe import add_years, day_start


def term_expiry(
    ob: Obligation, tz: tzinfo, notices: Sequence[datetime], cutoff: datetime
) -> tuple[datetime | None, datetime]:
    """``(end if it ended by cutoff, current expiry)`` of a renewable term (point 4 semantics).

    A notice given at least ``notice_months`` before an expiry ends the term at that expiry; a
    later notice takes effect at the following expiry. Without renewal the first expiry ends it.
    """
    term = ob.term
    assert term is not None
    expiry_day = term.first_expiry
    while True:
        expiry = day_start(expiry_day, tz)
        notice_limit = day_start(add_months(expiry_day, -term.notice_months), tz)
        noticed = any(n <= notice_limit and n < cutoff for n in notices)
        if noticed or term.renewal_years == 0:
            return (expiry if expiry < cutoff else None), expiry
        if expiry >= cutoff:
            return None, expiry
        expiry_day = add_years(expiry_day, term.renewal_years)


def add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")
