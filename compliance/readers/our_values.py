"""What the parts of a row of our format give: each is worked out once per distinct value.

:class:`our_format.EventBuilder` remembers each outcome (a value, or the findings it gives) for
the rows of one file; these functions work one out. Split from ``our_format`` to keep each module
small; nothing here depends on another row.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from sys import intern

from compliance.core.events import UNAFFILIATED, UNKNOWN, Coordinates, ExplicitLink
from compliance.core.problems import Severity, visible
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import EVENT_KIND_SET
from compliance.readers.base import PartyResolver, ReporterResolver, unfit_id
from compliance.readers.fields import (
    EndFieldError,
    FieldError,
    day_of,
    decimal,
    event_time,
    is_missing,
    parse_when,
    stated,
)

Finding = tuple[str, str, Severity]
"""A problem without its place: (field, message, severity); the row's file and line complete it."""


AFTER_REPORT: tuple[Finding, Finding] = (
    (
        "date",
        "the event's first possible day is after reported_on: an account reports what has happened",
        Severity.WARNING,
    ),
    (
        "date_end",
        "the last possible day is after reported_on: date_end is the last day the event can have "
        "happened on, not the end of its duration",
        Severity.WARNING,
    ),
)
"""Dates that an account's own report date contradicts (a warning: the account is still read as
written). An act reported on 12 December cannot first happen in 2023; a range written to the end
of a blockade makes the first occurrence uncertain for months."""


def empty_required(field: str, marker: str) -> Finding:
    """A required field holding a missing-value marker (``NA``): empty, as R or pandas says.

    Read as a value, ``NA`` as the date gave "not a date" and as the reporter an unregistered
    reporter, which is not what is wrong; the words of an empty cell, and the marker it holds."""
    return (field, f"required field is empty ({marker!r} marks a missing value)", Severity.ERROR)


def id_findings(event_id: str) -> list[Finding]:
    """What is wrong with an id that is short (a missing-value marker), long, or holds a space or
    an unprintable character."""
    if is_missing(event_id):
        return [empty_required("id", event_id)]
    if unfit_id(event_id):
        return [("id", "an id has no spaces and at most 200 characters", Severity.ERROR)]
    if not event_id.isprintable() and visible(event_id) != event_id:
        return [("id", "an id must not contain control characters or bidi overrides", Severity.ERROR)]
    return []


def links_of(text: str, findings: list[Finding]) -> tuple[ExplicitLink, ...]:
    """The links of a ``links`` field (none for a missing-value marker); each one that cannot be
    read adds a finding."""
    if is_missing(text):
        return ()
    links: list[ExplicitLink] = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        try:
            links.append(ExplicitLink.parse(part))
        except ValueError as exc:
            findings.append(("links", str(exc), Severity.ERROR))
    return tuple(links)


def time_of(date_text: str, end_text: str) -> EventTime | Finding:
    """The time ``date`` and ``date_end`` give, or the finding on the one that cannot be read.

    A missing-value marker (``NA``) is looked for only in a field that cannot be read: ``date_end``
    ``NA`` is not stated, ``date`` ``NA`` an empty required field."""
    try:
        return event_time(intern(date_text), intern(end_text))
    except EndFieldError as exc:
        return time_of(date_text, "") if is_missing(end_text) else ("date_end", str(exc), Severity.ERROR)
    except FieldError as exc:
        return (
            empty_required("date", date_text) if is_missing(date_text) else ("date", str(exc), Severity.ERROR)
        )


def reported_on_of(text: str) -> date | Finding | None:
    """The day ``reported_on`` gives, or why it is not a day; ``None`` for a missing-value marker."""
    try:
        start, _, precision = parse_when(text)
        if precision is not Precision.DAY and precision is not Precision.INSTANT:
            raise FieldError("reported_on must be a day (YYYY-MM-DD)")
        return day_of(start)
    except FieldError as exc:
        return None if is_missing(text) else ("reported_on", str(exc), Severity.ERROR)


Degrees = tuple[str, float | None]
"""One coordinate's text as stated (``""`` for a missing-value marker) and its value, ``None``
when it is not a decimal number: what one latitude or longitude gives, whichever it is."""


def degrees_of(text: str) -> Degrees:
    """What one coordinate's text gives (:data:`Degrees`), on its own.

    Worked out per text, not per (latitude, longitude) pair: a file may hold a distinct point on
    nearly every row (60,000 pairs in 100,000 generated rows) from a few thousand distinct
    latitudes and longitudes, so a memo of pairs misses where a memo of each text hits.
    """
    text = stated(text)
    try:
        return text, decimal(text)
    except ValueError:
        return text, None


def point_of(lat: str, lon: str) -> tuple[Coordinates | None, list[Finding]]:
    """The point of a row, or ``None`` with what is wrong (a file may hold a distinct point per row).

    ``NA`` or ``NaN`` (R's and pandas' missing value) is an empty cell: both give no point.
    """
    return point_from(degrees_of(lat), degrees_of(lon))


def point_from(lat: Degrees, lon: Degrees) -> tuple[Coordinates | None, list[Finding]]:
    """:func:`point_of` from what each of its texts gives: the first problem, in the order
    latitude unreadable, longitude unreadable, latitude out of range, longitude out of range."""
    (lat_text, latitude), (lon_text, longitude) = lat, lon
    if not lat_text and not lon_text:
        return None, []
    if latitude is None:
        return None, [("latitude", _NOT_DEGREES, Severity.ERROR)]
    if longitude is None:
        return None, [("longitude", _NOT_DEGREES, Severity.ERROR)]
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        return None, [("latitude", f"latitude out of range: {lat_text}", Severity.ERROR)]
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        return None, [("longitude", f"longitude out of range: {lon_text}", Severity.ERROR)]
    return Coordinates(latitude, longitude), []


_NOT_DEGREES = "latitude and longitude must both be decimal degrees (ASCII digits)"


UNREGISTERED_REPORTER = "is not in the registry; its accounts are graded 'alleged' (give reporter_party)"
"""The end of the warning for a reporter the registry does not know: the command line adds to it
when the registry in use was written for another conflict (``cli.output.with_registry_hint``)."""


Party = tuple[str, str | None, str | None, str]
"""(kind, actor, target, reporter_party) as an event holds them."""


def parties_of(
    kind: str,
    actor_text: str,
    target_text: str,
    reporter_text: str,
    reported_by: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> tuple[Party, list[Finding]]:
    """Kind, actor, target and reporter party resolved and checked: the same for every row with these."""
    findings: list[Finding] = []

    def bad(field: str, message: str, severity: Severity = Severity.ERROR) -> None:
        findings.append((field, message, severity))

    if kind and kind not in EVENT_KIND_SET:
        if is_missing(kind):
            findings.append(empty_required("kind", kind))
        else:
            bad("kind", f"unknown event kind {kind!r} (see docs/event-kinds.md)")
    if len(reported_by) < 4 and is_missing(reported_by):
        findings.append(empty_required("reported_by", reported_by))
        reported_by = ""  # no registry look-up, no warning of an unregistered "NA"
    actor = party_of(actor_text, "actor", resolve_party, bad)
    target = party_of(target_text, "target", resolve_party, bad)
    reporter_party = stated(reporter_text) if len(reporter_text) < 4 else reporter_text
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
    elif reported_by:
        reporter_party = resolve_reporter(reported_by) or UNKNOWN
        if reporter_party == UNKNOWN:
            bad(
                "reporter_party",
                f"reporter {reported_by!r} {UNREGISTERED_REPORTER}",
                Severity.WARNING,
            )
    return (intern(kind), actor, target, intern(reporter_party)), findings


def party_of(text: str, field: str, resolve: PartyResolver, bad: Callable[[str, str], None]) -> str | None:
    if not text:
        return None
    resolved = resolve(text)
    if resolved is None and not is_missing(text):  # ``NA``: R's missing value, no party
        bad(field, f"unknown party {text!r} (not in the party registry in use)")
    return resolved
