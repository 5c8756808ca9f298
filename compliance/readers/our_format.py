"""Our event format: one flat row (our CSV columns, or a JSON Lines object) → one :class:`Event`, or problems.

Every field is checked and every problem collected, so a row with three mistakes reports all
three. Shared by our CSV and JSON Lines readers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from sys import intern

from compliance.core.events import UNAFFILIATED, UNKNOWN, Coordinates, Event, ExplicitLink, Origin
from compliance.core.problems import Problem, Severity, visible
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import EVENT_KIND_SET
from compliance.readers.base import MAX_ID_CHARS, PartyResolver, ReporterResolver, check_fields
from compliance.readers.countries import stated_country
from compliance.readers.fields import (
    EndFieldError,
    FieldError,
    day_of,
    decimal,
    event_time,
    parse_when,
    whole_number,
)

COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "date_end",
    "kind",
    "actor",
    "target",
    "location",
    "admin1",
    "country",
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
    elif visible(event_id) != event_id:
        bad("id", "an id must not contain control characters or bidi overrides")
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
            reported_on = day_of(start)
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
            country=stated_country(get("country", "")),
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
        bad(field, f"unknown party {text!r} (not in the party registry in use)")
    return resolved


def _coordinates(lat: str, lon: str, bad: Callable[[str, str], None]) -> Coordinates | None:
    if not lat and not lon:
        return None
    try:
        latitude = decimal(lat)
    except ValueError:
        bad("latitude", "latitude and longitude must both be decimal degrees (ASCII digits)")
        return None
    try:
        longitude = decimal(lon)
    except ValueError:
        bad("longitude", "latitude and longitude must both be decimal degrees (ASCII digits)")
        return None
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        bad("latitude", f"latitude out of range: {lat}")
        return None
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        bad("longitude", f"longitude out of range: {lon}")
        return None
    return Coordinates(latitude, longitude)
