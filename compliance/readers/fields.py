"""Field values every reader parses the same way: dates in all their spellings, whole numbers.

Dates are parsed once per distinct string (a million rows share a few thousand dates).
"""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from compliance.core.timeframe import ISO_DAY, MONTH_NAMES, EventTime, Precision, iso_day, year_problem

# Every pattern here is ASCII: \d would take other scripts' digits ("٢٠٢٠-٠١-٠١"), which the
# calendar arithmetic after it does not read as the same date. (YYYY-MM-DD is timeframe.ISO_DAY,
# the pattern of every day read as text.)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}", re.ASCII)
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d", re.ASCII)
_ALL_NUMERIC = re.compile(r"^[\d\s./-]+$", re.ASCII)
_NUMERIC_DATE = re.compile(r"^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$", re.ASCII)
"""Three numbers with one separator: ``13/09/2022``, ``9/27/2020``, ``16.11.2021``, ``2021/11/16``."""
_MIDNIGHT = re.compile(r"[ T]0?0:00(?::00(?:\.0+)?)?$", re.ASCII)
"""A time of midnight with no offset, as a date column comes out of a date-time type."""


class FieldError(ValueError):
    """A bad value in one field; the message says what was expected."""


@lru_cache(maxsize=65536)
def parse_when(text: str) -> tuple[date | datetime, date | datetime | None, Precision]:
    """Parse one date field: ISO day, ``YYYY-MM``, ISO date-time with offset, ``~`` prefix, free text.

    Returns ``(start, end, precision)``; ``end`` is set for a month (its last day).
    """
    raw = text.strip()
    approximate = raw.startswith("~")
    if approximate:
        raw = raw[1:].strip()
    if not raw:
        raise FieldError("empty date")
    start, end, precision = _parse_plain(raw)
    if approximate:
        return start, end, Precision.APPROXIMATE
    return start, end, precision


def _parse_plain(raw: str) -> tuple[date | datetime, date | datetime | None, Precision]:
    if ISO_DAY.fullmatch(raw):
        try:
            return iso_day(raw), None, Precision.DAY
        except ValueError as exc:
            raise FieldError(str(exc)) from None
    month = _ISO_MONTH.match(raw)
    if month:
        year, number = _year_in_range(int(month[1])), int(month[2])
        if not 1 <= number <= 12:
            raise FieldError(f"month out of range in {raw!r} (expected YYYY-MM)")
        first = date(year, number, 1)
        following = date(year + number // 12, number % 12 + 1, 1)
        return first, following - timedelta(days=1), Precision.MONTH
    if _ISO_DATETIME.match(raw) or _HAS_TIME.search(raw):
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise FieldError(f"not an ISO date-time: {raw!r}") from None
        if moment.tzinfo is None:
            raise FieldError(f"a date-time needs a UTC offset, e.g. {raw}+04:00")
        _check_year(moment.date())
        return moment, None, Precision.INSTANT
    return _parse_free_text(raw)


def _parse_free_text(raw: str) -> tuple[date, date | None, Precision]:
    """``16 November 2021`` → a day; ``July 2021`` → a month. Anything vaguer is refused."""
    if len(raw) > 40 or not any(c.isdigit() for c in raw):
        raise FieldError(f"not a date: {quoted(raw, 40)}")
    if _ALL_NUMERIC.match(raw):
        return _parse_numeric(raw), None, Precision.DAY
    from dateutil import parser as dateutil_parser  # here: 35 ms at start-up that most files never need

    try:
        low = dateutil_parser.parse(raw, default=datetime(2000, 1, 1), fuzzy=False)
        high = dateutil_parser.parse(raw, default=datetime(2001, 12, 28), fuzzy=False)
    except (ValueError, OverflowError):
        _check_named_day(raw)
        raise FieldError(f"not a date: {raw!r} (use YYYY-MM-DD, YYYY-MM or e.g. 16 November 2021)") from None
    if low.year != high.year:
        raise FieldError(f"no year in {raw!r}")
    if low.month != high.month:
        raise FieldError(f"only a year in {raw!r}: give at least a month (YYYY-MM)")
    start = _check_year(low.date())
    if low.day != high.day:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - timedelta(days=1), Precision.MONTH
    return start, None, Precision.DAY


_NAMED_DAY = re.compile(
    r"^(?:(?P<d1>\d{1,2})[\s-]+(?P<m1>[A-Za-z]+)\.?|(?P<m2>[A-Za-z]+)\.?\s+(?P<d2>\d{1,2}),?)[\s-]+(?P<y>\d{4})$",
    re.ASCII,
)
"""A day with its month in words: ``30 February 2021``, ``30-Feb-2021``, ``February 30, 2021``."""


def _check_named_day(raw: str) -> None:
    """Raise the calendar's reason when ``raw`` names a day its month does not have.

    ``30 February 2021`` was "not a date (use ... e.g. 16 November 2021)": the form the message
    asks for, refused without saying why. It is refused as ``2021-02-30`` is.
    """
    found = _NAMED_DAY.match(raw)
    if found is None:
        return
    name = (found["m1"] or found["m2"]).casefold()
    months = [
        n for n, full in enumerate(MONTH_NAMES, 1) if len(name) >= 3 and full.casefold().startswith(name)
    ]
    if len(months) == 1:
        iso = f"{_year_in_range(int(found['y'])):04d}-{months[0]:02d}-{int(found['d1'] or found['d2']):02d}"
        try:
            iso_day(iso)
        except ValueError as exc:
            raise FieldError(str(exc).replace(repr(iso), repr(raw))) from None


def _parse_numeric(raw: str) -> date:
    """``13/09/2022``, ``9/27/2020``, ``2021/11/16``: read only when the numbers name one day.

    Spreadsheets write dates in the order of the computer's settings, and the file does not say
    which: ``10/11/2021`` is 10 November or 11 October, and guessing would invent a date. But
    ``13/09/2022`` (13 is no month) and ``9/27/2020`` (27 is no month) can be read one way only,
    a year first is always followed by the month (``2021/11/16``), and ``5/5/2021`` is the same
    day either way. Those are read; the rest are refused with both readings named.
    """
    if len(raw) == 4 and raw.isdigit():
        raise FieldError(f"only a year in {raw!r}: give at least a month (YYYY-MM)")
    found = _NUMERIC_DATE.match(raw)
    if found is None:
        raise FieldError(f"not a date: {raw!r} (use YYYY-MM-DD, YYYY-MM or e.g. 16 November 2021)")
    first, _, middle, last = found.groups()
    if len(first) == 4 and len(last) <= 2:
        year, readings = _year_in_range(int(first)), [(int(middle), int(last))]
    elif len(last) == 4 and len(first) <= 2:
        year, a, b = _year_in_range(int(last)), int(first), int(middle)
        readings = [(month, day) for month, day in {(a, b), (b, a)} if _is_day(year, month, day)]
        if len(readings) > 1:
            named = " or ".join(_spoken(year, m, d) for m, d in sorted(readings))
            raise FieldError(f"ambiguous date {raw!r}: {named}? day and month order unknown; use YYYY-MM-DD")
    else:
        raise FieldError(f"no four-digit year in {raw!r}: which number is the year? Use YYYY-MM-DD")
    if not readings or not _is_day(year, *readings[0]):
        raise FieldError(f"not a calendar date: {raw!r} (use YYYY-MM-DD)")
    return date(year, *readings[0])


def _is_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _spoken(year: int, month: int, day: int) -> str:
    return f"{day} {MONTH_NAMES[month - 1]} {year}"


def without_midnight(text: str) -> str:
    """A date-only field's text without a midnight time and no offset: ``2021-11-16 00:00:00``,
    ``2021-11-16T00:00:00.000``, ``11/16/2021 0:00`` → the date alone.

    pandas and spreadsheets write a date column that went through a date-time type with the time
    00:00:00 and no offset. In a field that holds a day (ACLED's ``event_date``, UCDP's
    ``date_start``), that time is no instant of unknown zone but the day itself. Any other time,
    or an offset, is left for :func:`parse_when` to judge.
    """
    found = _MIDNIGHT.search(text)
    return text[: found.start()] if found else text


def _check_year(day: date) -> date:
    _year_in_range(day.year)
    return day


def _year_in_range(year: int) -> int:
    """``year`` when it is one a date may have; else the problem saying so.

    Asked before a ``date`` is built from the number: ``date(0, 5, 1)`` raises a bare
    ``ValueError`` ("year 0 is out of range"), which no reader would catch as a field's problem,
    so ``0000-05`` in one row stopped the whole run with no file or line.
    """
    problem = year_problem(year)
    if problem is not None:
        raise FieldError(problem)
    return year


class EndFieldError(FieldError):
    """A problem with ``date_end`` rather than ``date``."""


def event_time(date_text: str, end_text: str, start_column: str = "date") -> EventTime:
    """Combine ``date`` and ``date_end`` fields into one :class:`EventTime`.

    Each field is read as a span: a month in ``date_end`` ends on the month's last day, not its
    first. ``start_column`` names the first field in a message, as the file names it.
    """
    start, end, precision = parse_when(date_text)
    if end_text.strip():
        try:
            last_start, last_end, _ = parse_when(end_text)
        except FieldError as exc:
            raise EndFieldError(str(exc)) from None
        last = last_end if last_end is not None else last_start
        both_instants = isinstance(start, datetime) and isinstance(last, datetime)
        if (last < start) if both_instants else (day_of(last) < day_of(start)):
            raise EndFieldError(f"date_end {end_text.strip()} is before {start_column} {date_text.strip()}")
        if isinstance(start, datetime) != isinstance(last, datetime):
            start, last = day_of(start), day_of(last)
        kind = Precision.APPROXIMATE if precision is Precision.APPROXIMATE else Precision.INTERVAL
        return EventTime(start, last, kind)
    return EventTime(start, end, precision)


def day_of(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def decimal(text: str) -> float:
    """A decimal number written with ASCII digits; ``ValueError`` for anything else.

    ``float()`` alone also takes ``4_0``, Arabic-Indic digits (``٤٠``), ``nan`` and ``inf``.
    """
    if not (text.isascii() and "_" not in text and text[-1:] in _LAST_OF_DECIMAL and len(text) <= 40):
        raise ValueError(f"not a decimal number: {quoted(text, 40)}")
    return float(text)


_LAST_OF_DECIMAL = frozenset("0123456789.")


def whole_number(text: str, max_digits: int = 7) -> int | None:
    """ASCII digits only (``'²'.isdigit()`` is true, ``int('²')`` fails), bounded in length; or an
    integral float such as ``2.0``, which is 2 (see :func:`integral`)."""
    if text.isascii() and text.isdigit() and len(text) <= max_digits:
        return int(text)  # the common value, answered first
    if "." not in text:
        return None  # an empty cell, the next most common, costs no call
    digits = integral(text)
    return int(digits) if digits != text and len(digits) <= max_digits else None


def quoted(text: str, limit: int = 20) -> str:
    """``text`` as a problem quotes a value: as the file holds it, its first ``limit`` characters
    and an ellipsis when longer (a value of a million characters is not repeated in full)."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}…"


def integral(text: str) -> str:
    """The digits of an integral float (``2.0``, ``371.00`` → ``2``, ``371``); other text as given.

    pandas writes an integer column that has a gap as floats, so a file read and saved again
    holds ``2.0`` deaths, ``1.0`` for a precision code and ``652.0`` for a country number. Each
    is that integer; ``2.5`` is not, and stays as given for its reader to refuse.
    """
    whole, dot, zeros = text.partition(".")
    if dot and zeros and not zeros.strip("0") and whole.isascii() and whole.isdigit():
        return whole
    return text


MISSING_MARKERS = frozenset({"na", "nan", "n/a"})
"""How R (``NA``), pandas (``NaN``) and spreadsheets (``N/A``) write a missing value, in any case."""


def is_missing(text: str) -> bool:
    """Whether an optional field's text is a missing-value marker: the same as an empty cell.

    A file that went through R or pandas marks every missing cell ``NA`` or ``NaN`` (a count, a
    coordinate, a date, a party, an incident id), where we read an empty cell as "not stated".
    Read as a number, ``nan`` would be no number at all (:func:`decimal` refuses it); read as a
    value, ``NA`` made one incident of every account of the file; read as "not stated", nothing
    is invented or lost.
    """
    return len(text) <= 3 and text.casefold() in MISSING_MARKERS


def stated(text: str) -> str:
    """An optional field's text, ``""`` for a missing-value marker (:func:`is_missing`)."""
    return "" if is_missing(text) else text


def marker_spellings() -> dict[str, str]:
    """Every spelling of a missing-value marker (``NA``, ``nA``, ``NaN``, ``n/A`` ...) → ``""``.

    A reader that already looks each value of a column up in a dictionary (to share repeated
    strings) starts it with these: a marker then becomes the empty cell at no cost to the other
    rows, where a test per row would cost every row of a large file.
    """
    return {
        "".join(spelling): ""
        for marker in MISSING_MARKERS
        for spelling in itertools.product(*((c.lower(), c.upper()) for c in marker))
    }


def json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words ("an array", "null"), for a message about a file:
    the reader of the message wrote JSON, not Python, and "got NoneType" names neither."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"
