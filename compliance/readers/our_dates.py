"""Dates with the year last in our own format (``05.11.2020``, ``05/11/2020``) and in ACLED's
``event_date``: read only where nothing is guessed, and said once per file
(docs/event-formats.md#dates-a-spreadsheet-rewrote). One implementation for both readers, so a
file re-saved by the same spreadsheet reads, and is told of, in the same words.

A researcher's file re-saved by a spreadsheet in a European locale holds ``05.11.2020`` where we
wrote ``2020-11-05``. A dotted date is day first wherever it is written, so it is read, with one
warning for the file. A slashed or dashed one is not: ``05/11/2020`` is 5 November in Europe and
11 May in the United States. It is read only when the file itself settles the order: a date in it
that can be read one way only (``13/09/2022``: 13 is no month) shows that its dates are day first,
and ``09/13/2022`` that they are month first. Only the end of the file can tell, since the first
date that shows the order may come after the first that needs it, and a later one may show the
other order: a row whose date needs the order is held until the file ends (:class:`DayOrder`),
then read in that order, with one warning naming the line that showed it, or rejected, saying
why, when the file shows neither order or both. Only those rows are held; a file of ISO dates
never reaches this module's regular expression more than once per distinct date.
"""

from __future__ import annotations

import re
from datetime import date

from compliance.core.problems import Severity
from compliance.core.timeframe import MONTH_NAMES, iso_day

Finding = tuple[str, str, Severity]
"""(field, message, severity) of one row, as our_values names it."""

_YEAR_LAST = re.compile(r"(~\s*)?([0-9]{1,2})([./-])([0-9]{1,2})\3([0-9]{4})")
"""A day and a month in either order, then a four-digit year, one separator: ``05.11.2020``,
``5/11/2020``, ``~05-11-2020``. ASCII digits only, as every date pattern of the readers."""

ISO_HINT = "write dates as YYYY-MM-DD (ISO 8601)"


class DayOrder:
    """What one file shows of the order of day and month in its slashed dates, learnt as it is read.

    Owned by the reader of one file (:class:`our_format.EventBuilder`, ACLED's): real state, so
    a plain class, never shared. ``settled`` is set when the file has been read to its end: from then on a date that
    needs the order is read in the order the whole file shows, or refused.

    Attributes:
        day_first: the line and text of the first slashed date that can only be day first.
        month_first: the same for month first.
        settled: whether the whole file has been seen.
        notices: the warnings to be told on the row being read (taken by the builder): a row
            can raise both, a dotted ``date`` beside a slashed ``reported_on``.
    """

    __slots__ = ("_dotted_told", "_inferred_told", "day_first", "month_first", "notices", "settled")

    def __init__(self) -> None:
        self.day_first: tuple[int, str] | None = None
        self.month_first: tuple[int, str] | None = None
        self.settled = False
        self.notices: list[Finding] = []
        self._dotted_told = False
        self._inferred_told = False

    def reads(
        self, date_text: str, end_text: str, day_text: str, line: int
    ) -> tuple[str | Finding, str | Finding, str | Finding] | None:
        """What :meth:`read` gives for a row's ``date``, ``date_end`` and ``reported_on``, or
        ``None`` when the row must wait for the end of the file.

        A held row takes back the warning one of its other dates raised (``05.11.2020`` beside
        ``06/11/2020``): left pending, it was told on the next row read, a line without it; the
        row tells it when it is read at the file's end."""
        dotted_told = self._dotted_told
        date_read, end_read, day_read = (
            self.read(date_text, "date", line),
            self.read(end_text, "date_end", line),
            self.read(day_text, "reported_on", line),
        )
        if date_read is None or end_read is None or day_read is None:
            if not dotted_told and self._dotted_told:
                self._dotted_told, self.notices = False, []
            return None
        return date_read, end_read, day_read

    def read(self, text: str, field: str, line: int) -> str | Finding | None:
        """The text to read ``field`` as: ``text`` itself unless it is a date with the year last;
        then its ISO form, or a finding when it cannot be read, or ``None`` while only the rest
        of the file can tell which of two days it is."""
        found = _YEAR_LAST.fullmatch(text.strip()) if text else None
        if found is None:
            return text
        tilde, first, separator, second, year = found.groups()
        a, b, written = int(first), int(second), text.strip()
        if separator == ".":
            iso = _iso(tilde, year, b, a, written, field, "day.month.year")
            if not self._dotted_told and isinstance(iso, str):
                self._dotted_told = True
                self.notices.append(
                    (
                        field,
                        f"dates written day.month.year are read day first, as that form always is: "
                        f"{written!r} is {iso.lstrip('~')}; {ISO_HINT}, as there",
                        Severity.WARNING,
                    )
                )
            return iso
        as_day_first, as_month_first = _is_day(year, b, a), _is_day(year, a, b)
        if a == b or not (as_day_first and as_month_first):
            if as_day_first and not as_month_first and self.day_first is None:
                self.day_first = (line, written)
            elif as_month_first and not as_day_first and self.month_first is None:
                self.month_first = (line, written)
            return text  # one day or none: the reader's own rule reads it, or says why not
        if not self.settled:
            return None
        if self.day_first is not None and self.month_first is None:
            return self._inferred(tilde, year, (b, a), written, field, separator, self.day_first)
        if self.month_first is not None and self.day_first is None:
            return self._inferred(tilde, year, (a, b), written, field, separator, self.month_first)
        both = f"{_spoken(year, b, a)} or {_spoken(year, a, b)}"
        return (
            field,
            f"ambiguous date {written!r}: {both}? {self._why_unsettled()}; {ISO_HINT}",
            Severity.ERROR,
        )

    def _inferred(
        self,
        tilde: str | None,
        year: str,
        month_day: tuple[int, int],
        written: str,
        field: str,
        separator: str,
        shown: tuple[int, str],
    ) -> str | Finding:
        """``written`` read as ``month_day``, the order line ``shown`` settles; told once per file."""
        order = ("day/month/year" if shown == self.day_first else "month/day/year").replace("/", separator)
        iso = _iso(tilde, year, *month_day, written, field, order)
        if not self._inferred_told and isinstance(iso, str):
            self._inferred_told = True
            line, example = shown
            self.notices.append(
                (
                    field,
                    f"dates whose day and month could be either way round are read as {order}, the order "
                    f"line {line} shows ({example!r} can be read no other way): {written!r} is "
                    f"{iso.lstrip('~')}; {ISO_HINT}, as there",
                    Severity.WARNING,
                )
            )
        return iso

    def _why_unsettled(self) -> str:
        if self.day_first is not None and self.month_first is not None:
            return (
                f"the file has both orders (line {self.day_first[0]}: {self.day_first[1]!r}, day first; "
                f"line {self.month_first[0]}: {self.month_first[1]!r}, month first)"
            )
        return "no date in the file settles whether the day or the month comes first"


def _iso(
    tilde: str | None, year: str, month: int, day: int, written: str, field: str, order: str
) -> str | Finding:
    """``~YYYY-MM-DD`` for the day; the calendar's reason, quoting ``written``, when there is none."""
    iso = f"{year}-{month:02d}-{day:02d}"
    try:
        iso_day(iso)
    except ValueError as exc:
        reason = str(exc).replace(repr(iso), repr(written))
        return field, f"{reason} (read as {order}); {ISO_HINT}", Severity.ERROR
    return ("~" if tilde else "") + iso


def _is_day(year: str, month: int, day: int) -> bool:
    try:
        date(int(year), month, day)
    except ValueError:
        return False
    return True


def _spoken(year: str, month: int, day: int) -> str:
    return f"{day} {MONTH_NAMES[month - 1]} {int(year)}"
