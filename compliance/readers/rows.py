"""One flat row (our CSV columns, or a JSON Lines object) → one :class:`Event`, or problems.

Every field is checked and every problem collected, so a row with three mistakes reports all
three. Dates are parsed once per distinct string (a million rows share a few thousand dates).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from sys import intern

from dateutil import parser as dateutil_parser

from compliance.core.events import UNAFFILIATED, UNKNOWN, Coordinates, Event, ExplicitLink, Origin
from compliance.core.problems import Problem, Severity
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import EVENT_KIND_SET

COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "date_end",
    "kind",
    "actor",
    "target",
    "location",
    "admin1",
    "latitude",
    "longitude",
    "reported_by",
    "reporter_party",
    "reported_on",
    "source_url",
    "incident",
    "fatalities",
    "links",
    "notes",
)
REQUIRED: tuple[str, ...] = ("id", "date", "kind", "reported_by")
_UNIQUE = frozenset({"id", "notes", "source_url", "links", "latitude", "longitude"})
MAX_FIELD_CHARS = 10_000
"""A field longer than this is refused (notes are a paragraph, not a book)."""
MAX_ID_CHARS = 200

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d")
_ALL_NUMERIC = re.compile(r"^[\d\s./-]+$")
_YEAR_MIN = 1900
_YEAR_MAX = 2100

PartyResolver = Callable[[str], str | None]
ReporterResolver = Callable[[str], str | None]


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
    if _ISO_DAY.match(raw):
        try:
            return _check_year(date.fromisoformat(raw)), None, Precision.DAY
        except ValueError:
            raise FieldError(f"not a calendar date: {raw!r} (expected YYYY-MM-DD)") from None
    month = _ISO_MONTH.match(raw)
    if month:
        year, number = int(month[1]), int(month[2])
        if not 1 <= number <= 12:
            raise FieldError(f"month out of range in {raw!r} (expected YYYY-MM)")
        first = _check_year(date(year, number, 1))
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
        raise FieldError(f"not a date: {raw[:40]!r}")
    if _ALL_NUMERIC.match(raw):  # 05/11/2021: 5 November or May 11? Refuse rather than guess.
        raise FieldError(f"ambiguous date {raw!r}: day and month order unknown; use YYYY-MM-DD")
    try:
        low = dateutil_parser.parse(raw, default=datetime(2000, 1, 1), fuzzy=False)
        high = dateutil_parser.parse(raw, default=datetime(2001, 12, 28), fuzzy=False)
    except (ValueError, OverflowError):
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


def _check_year(day: date) -> date:
    if not _YEAR_MIN <= day.year <= _YEAR_MAX:
        raise FieldError(f"year {day.year} is outside {_YEAR_MIN}-{_YEAR_MAX}")
    return day


class EndFieldError(FieldError):
    """A problem with ``date_end`` rather than ``date``."""


def event_time(date_text: str, end_text: str) -> EventTime:
    """Combine ``date`` and ``date_end`` fields into one :class:`EventTime`."""
    start, end, precision = parse_when(date_text)
    if end_text.strip():
        try:
            last_start, last_end, _ = parse_when(end_text)
        except FieldError as exc:
            raise EndFieldError(str(exc)) from None
        last = last_end if last_end is not None else last_start
        both_instants = isinstance(start, datetime) and isinstance(last, datetime)
        if (last < start) if both_instants else (_day(last) < _day(start)):
            raise EndFieldError(f"date_end {end_text.strip()} is before date {date_text.strip()}")
        if isinstance(start, datetime) != isinstance(last, datetime):
            start, last = _day(start), _day(last)
        kind = Precision.APPROXIMATE if precision is Precision.APPROXIMATE else Precision.INTERVAL
        return EventTime(start, last, kind)
    return EventTime(start, end, precision)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def whole_number(text: str, max_digits: int = 7) -> int | None:
    """ASCII digits only (``'²'.isdigit()`` is true, ``int('²')`` fails), bounded in length."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= max_digits else None


def check_fields(row: Mapping[str, str], origin: Origin) -> list[Problem]:
    """Limits every reader applies before looking at values: size and NUL characters."""
    values = row.values()
    if not values or (max(map(len, values)) <= MAX_FIELD_CHARS and "\x00" not in "".join(values)):
        return []  # the common case, checked once per row
    problems = []
    for name, value in row.items():
        if len(value) > MAX_FIELD_CHARS:
            problems.append(
                Problem(
                    origin.file, origin.line, name, f"{len(value)} characters; the limit is {MAX_FIELD_CHARS}"
                )
            )
        elif "\x00" in value:
            problems.append(Problem(origin.file, origin.line, name, "contains a NUL character"))
    return problems


def build_event(
    row: Mapping[str, str],
    origin: Origin,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> tuple[Event | None, list[Problem]]:
    """Build one event from string fields; ``None`` and the problems when it must be rejected."""
    problems: list[Problem] = []

    def bad(field: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(origin.file, origin.line, field, message, severity))

    problems += check_fields(row, origin)
    if problems:
        return None, problems
    # Repeated values (kinds, reporters, places, dates) share one string object: a million rows
    # hold a few thousand distinct values.
    get = {k: intern(v.strip()) if k not in _UNIQUE else v.strip() for k, v in row.items()}.get
    for name in REQUIRED:
        if not get(name, ""):
            bad(name, "required field is empty")
    event_id = get("id", "")
    if len(event_id) > MAX_ID_CHARS or any(c.isspace() for c in event_id):
        bad("id", "an id has no spaces and at most 200 characters")
    when: EventTime | None = None
    if get("date", ""):
        try:
            when = event_time(get("date", ""), get("date_end", ""))
        except FieldError as exc:
            bad("date_end" if isinstance(exc, EndFieldError) else "date", str(exc))
    kind = get("kind", "")
    if kind and kind not in EVENT_KIND_SET:
        bad("kind", f"unknown event kind {kind!r} (see docs/event-kinds.md)")
    actor = _party(get("actor", ""), "actor", resolve_party, bad)
    target = _party(get("target", ""), "target", resolve_party, bad)
    reporter_party = get("reporter_party", "")
    if reporter_party.casefold() in ("none", "unaffiliated"):
        reporter_party = UNAFFILIATED
    elif reporter_party:
        resolved = resolve_party(reporter_party)
        if resolved is None:
            bad(
                "reporter_party",
                f"unknown party {reporter_party!r} (a party id, or 'none' for unaffiliated sources)",
            )
        reporter_party = resolved or UNKNOWN
    elif get("reported_by", ""):
        reporter_party = resolve_reporter(get("reported_by", "")) or UNKNOWN
        if reporter_party == UNKNOWN:
            bad(
                "reporter_party",
                f"reporter {get('reported_by', '')!r} is not in the registry; its accounts are graded 'alleged' (give reporter_party)",
                Severity.WARNING,
            )
    coordinates = _coordinates(get("latitude", ""), get("longitude", ""), bad)
    reported_on = None
    if get("reported_on", ""):
        try:
            start, _, precision = parse_when(get("reported_on", ""))
            if precision is not Precision.DAY and precision is not Precision.INSTANT:
                raise FieldError("reported_on must be a day (YYYY-MM-DD)")
            reported_on = _day(start)
        except FieldError as exc:
            bad("reported_on", str(exc))
    source = get("source_url", "")
    if source and not source.startswith(("http://", "https://")):
        bad("source_url", "only http(s) addresses are accepted")
    deaths = get("fatalities", "")
    fatalities = whole_number(deaths)
    if deaths and fatalities is None:
        bad(
            "fatalities",
            f"expected a whole number of deaths as this reporter claims it, got {deaths[:20]!r}",
        )
    links: list[ExplicitLink] = []
    for part in filter(None, (p.strip() for p in get("links", "").split(";"))):
        try:
            links.append(ExplicitLink.parse(part))
        except ValueError as exc:
            bad("links", str(exc))
    if any(p.severity is Severity.ERROR for p in problems) or when is None:
        return None, problems
    return (
        Event(
            id=event_id,
            when=when,
            kind=kind,
            reported_by=get("reported_by", ""),
            reporter_party=reporter_party,
            source_url=source,
            actor=actor,
            target=target,
            location=get("location", ""),
            admin1=get("admin1", ""),
            coordinates=coordinates,
            reported_on=reported_on,
            incident=get("incident", ""),
            fatalities=fatalities,
            links=tuple(links),
            notes=get("notes", ""),
            origin=origin,
        ),
        problems,
    )


def _party(text: str, field: str, resolve: PartyResolver, bad: Callable[[str, str], None]) -> str | None:
    if not text:
        return None
    resolved = resolve(text)
    if resolved is None:
        bad(field, f"unknown party {text!r} (see agreements/parties.toml)")
    return resolved


def _coordinates(lat: str, lon: str, bad: Callable[[str, str], None]) -> Coordinates | None:
    if not lat and not lon:
        return None
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        bad("latitude" if lat else "longitude", "latitude and longitude must both be decimal degrees")
        return None
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        bad("latitude", f"latitude out of range: {lat}")
        return None
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        bad("longitude", f"longitude out of range: {lon}")
        return None
    return Coordinates(latitude, longitude)


def event_to_row(event: Event) -> dict[str, str]:
    """The inverse of :func:`build_event`, for writing our CSV and JSON Lines."""
    when = event.when
    if when.precision is Precision.MONTH:
        date_text, end_text = _day(when.start).strftime("%Y-%m"), ""
    else:
        date_text = ("~" if when.precision is Precision.APPROXIMATE else "") + when.start.isoformat()
        end_text = when.end.isoformat() if when.end is not None else ""
    return {
        "id": event.id,
        "date": date_text,
        "date_end": end_text,
        "kind": event.kind,
        "actor": event.actor or "",
        "target": event.target or "",
        "location": event.location,
        "admin1": event.admin1,
        "latitude": repr(event.coordinates.latitude) if event.coordinates else "",
        "longitude": repr(event.coordinates.longitude) if event.coordinates else "",
        "reported_by": event.reported_by,
        "reporter_party": event.reporter_party if event.reporter_party != UNKNOWN else "",
        "reported_on": event.reported_on.isoformat() if event.reported_on else "",
        "source_url": event.source_url,
        "incident": event.incident,
        "fatalities": "" if event.fatalities is None else str(event.fatalities),
        "links": ";".join(str(link) for link in event.links),
        "notes": event.notes,
    }
