"""Our event format: one flat row (our CSV columns, or a JSON Lines object) → one :class:`Event`, or problems.

Every field is checked and every problem collected, so a row with three mistakes reports all
three. Shared by our CSV and JSON Lines readers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from compliance.core.events import Event, ExplicitLink, Origin
from compliance.core.problems import Problem, Severity
from compliance.core.timeframe import EventTime
from compliance.readers.base import (
    MAX_FIELD_CHARS,
    MAX_ID_CHARS,
    PartyResolver,
    ReporterResolver,
    check_fields,
)
from compliance.readers.countries import CountryReading, country_problems, stated_country, with_region
from compliance.readers.fields import (
    is_missing,
    marker_spellings,
    quoted,
    stated,
    whole_number,
    without_midnight,
)
from compliance.readers.our_dates import DayOrder
from compliance.readers.our_values import (
    AFTER_REPORT,
    Degrees,
    Finding,
    Party,
    degrees_of,
    id_findings,
    links_of,
    parties_of,
    point_from,
    reported_on_of,
    time_of,
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

HELD: list[Problem] = []
"""What :meth:`EventBuilder.build_row` gives, as the problems, for a row it holds until the file
ends (a date whose day and month only the whole file can order: ``our_dates``). Told by identity;
never filled."""

Dated = tuple[EventTime | None, date | None, tuple[Finding, ...], tuple[Finding, ...]]
"""(when, reported_on, the findings of ``date``/``date_end``, those of ``reported_on``)."""


def build_event(
    row: Mapping[str, str],
    origin: Origin,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> tuple[Event | None, list[Problem]]:
    """Build one event from string fields; ``None`` and the problems when it must be rejected.

    The row is a file of its own: a date such as ``05/11/2020`` is read only if the row itself
    settles whether its day or its month comes first."""
    builder = EventBuilder(resolve_party, resolve_reporter)
    event, problems = builder.build(row, origin)
    if problems is HELD:
        [(_, event, problems)] = builder.settled()
    return event, problems


class EventBuilder:
    """:func:`build_event` for the rows of one file, remembering what it worked out.

    A million rows hold a few thousand distinct dates, kinds, parties, reporters and places:
    each part of a row is checked once per distinct value and the outcome (a value, or the
    findings it gives) reused. Only the id, the source address, the notes and the links are
    checked on every row. Owned by one reader; the outcome is the same as without memory, but
    for a date with the year last (``05/11/2020``), which the whole file reads (``our_dates``): a
    row with one that could be either way round is held until :meth:`settled`.

    ``NA``, ``NaN`` and ``N/A`` (how R and pandas write a missing cell) are empty cells in every
    optional column, and an empty required field in a required one: worked out with each memo's
    value, or by the shared-strings dictionary (:func:`fields.marker_spellings`), so a row that
    holds none costs no more.
    """

    __slots__ = (
        "_countries",
        "_dated",
        "_deaths",
        "_degrees",
        "_held",
        "_order",
        "_parties",
        "_reported",
        "_reporters",
        "_strings",
        "_times",
    )

    def __init__(self, resolve_party: PartyResolver, resolve_reporter: ReporterResolver) -> None:
        self._times: dict[tuple[str, str], EventTime | Finding] = {}
        self._dated: dict[tuple[str, str, str], Dated] = {}
        self._order = DayOrder()
        self._held: list[tuple[Sequence[str], Origin]] = []
        self._parties: dict[tuple[str, str, str, str, str], tuple[Party, list[Finding]]] = {}
        self._reported: dict[str, date | Finding | None] = {}
        self._deaths: dict[str, int | None] = {}
        self._degrees: dict[str, Degrees] = {}
        self._strings: dict[str, str] = marker_spellings()
        self._countries: dict[str, CountryReading] = {}
        self._reporters = (resolve_party, resolve_reporter)

    def build(self, row: Mapping[str, str], origin: Origin) -> tuple[Event | None, list[Problem]]:
        """The event of one row given as ``{column: text}`` (missing columns are empty)."""
        problems: list[Problem] = check_fields(row, origin)
        if problems:
            return None, problems
        return self.build_row([row.get(name, "") for name in COLUMNS], origin, within_limits=True)

    def settled(self) -> Iterator[tuple[Origin, Event | None, list[Problem]]]:
        """The rows held until the file's end, built now that the whole file has been seen (in
        the order they came): their dates read in the order the file shows, or refused."""
        self._order.settled = True
        held, self._held = self._held, []
        for values, origin in held:
            event, problems = self.build_row(values, origin, within_limits=True)
            yield origin, event, problems

    def _dates(self, date_text: str, end_text: str, day_text: str, line: int) -> Dated | None:
        """(when, reported_on, the findings of ``date``/``date_end``, those of ``reported_on``);
        ``None`` while a date needs an order of day and month that only the file's end can tell.

        One memo for the three dates of a row: the check that the event's days are not after its
        report date then costs nothing on a row whose dates were seen before (a few thousand
        distinct triples in 100,000 rows), and each date is still parsed once (``_times``,
        ``_reported``). ``NA`` as ``date_end`` or ``reported_on`` is not stated (looked for only
        in a date that cannot be read: :func:`our_values.time_of`, :func:`our_values.reported_on_of`).
        A midnight time with no offset (``13/11/2020 00:00``, ``2020-11-13 00:00:00``), as a
        spreadsheet writes a date cell, is the date alone, read by the same rules; any other time
        without an offset is still refused."""
        date_text, end_text, day_text = (
            without_midnight(date_text),
            without_midnight(end_text),
            without_midnight(day_text),
        )
        reads: tuple[str | Finding, str | Finding, str | Finding] = (date_text, end_text, day_text)
        if not (date_text[:4].isdigit() and (not day_text or day_text[:4].isdigit()) and not end_text):
            # Not the common row (an ISO date and report day, no end): a date may be day.month.year.
            ordered = self._order.reads(date_text, end_text, day_text, line)
            if ordered is None:
                return None
            reads = ordered
        date_read, end_read, day_read = reads
        when: EventTime | None = None
        date_findings: tuple[Finding, ...] = ()
        if isinstance(date_read, tuple) or isinstance(end_read, tuple):
            date_findings = tuple(f for f in (date_read, end_read) if isinstance(f, tuple))
            date_text = ""
        else:
            date_text, end_text = date_read, end_read
        if date_text:
            found = self._times.get((date_text, end_text))
            if found is None:
                found = self._times[(date_text, end_text)] = time_of(date_text, end_text)
            if isinstance(found, EventTime):
                when = found
            else:
                date_findings = (found,)
        if isinstance(day_read, tuple):
            return when, None, date_findings, (day_read,)
        day_text = day_read
        if not day_text:
            return when, None, date_findings, ()
        day = self._reported.get(day_text)
        if day is None:
            day = self._reported[day_text] = reported_on_of(day_text)
            if day is None:
                return when, None, date_findings, ()
        if isinstance(day, tuple):
            return when, None, date_findings, (day,)
        after: tuple[Finding, ...] = ()
        if when is not None and (
            when.first_day > day or (end_text and when.last_day > day and not is_missing(end_text))
        ):
            after = (AFTER_REPORT[0] if when.first_day > day else AFTER_REPORT[1],)
        return when, day, date_findings, after

    def build_row(
        self, values: Sequence[str], origin: Origin, within_limits: bool = False
    ) -> tuple[Event | None, list[Problem]]:
        """The event of one row given as its texts in :data:`COLUMNS` order (the CSV reader's).

        ``within_limits``: the caller knows that no value is too long or holds a NUL character
        (``base.csv_rows`` says so of the whole row), so the values are not scanned again. The
        row is then built here, in this one call (a call more per row is 1% of reading).
        """
        if not within_limits and (max(map(len, values)) > MAX_FIELD_CHARS or "\x00" in "".join(values)):
            return None, check_fields({n: v for n, v in zip(COLUMNS, values, strict=True) if v}, origin)
        (
            event_id,
            date_text,
            end_text,
            kind,
            actor_text,
            target_text,
            location,
            admin1,
            country_text,
            latitude,
            longitude,
            reported_by,
            reporter_text,
            day_text,
            source,
            incident,
            deaths,
            link_text,
            notes,
        ) = values
        # A value is read without the spaces around it. Stripped here: the required fields (an
        # empty one is told first), what each row has of its own, and the values kept as they
        # are. The others are looked up as the file spells them, and stripped only when their
        # outcome is first worked out: 19 strips were a tenth of a row's reading.
        event_id, date_text, kind, reported_by = (
            event_id.strip(),
            date_text.strip(),
            kind.strip(),
            reported_by.strip(),
        )
        location, admin1, source, incident, notes = (
            location.strip(),
            admin1.strip(),
            source.strip(),
            incident.strip(),
            notes.strip(),
        )
        findings: list[Finding] = []
        if not (event_id and date_text and kind and reported_by):
            for name, value in zip(REQUIRED, (event_id, date_text, kind, reported_by), strict=True):
                if not value:
                    findings.append((name, "required field is empty", Severity.ERROR))
        if not 3 < len(event_id) <= MAX_ID_CHARS or " " in event_id or not event_id.isprintable():
            findings += id_findings(event_id)  # the common id, 4-200 printable characters, has none
        dates = (date_text, end_text, day_text)
        dated = self._dated.get(dates)
        if dated is None:
            new = self._dates(date_text, end_text.strip(), day_text.strip(), origin.line)
            if new is None:
                self._held.append((values, origin))
                return None, HELD
            dated = self._dated[dates] = new
            if self._order.notices:  # each told once per file, on the row that first needs it
                findings += self._order.notices
                self._order.notices = []
        when, reported_on, date_findings, report_findings = dated
        if date_findings:
            findings += date_findings
        who_key = (kind, actor_text, target_text, reporter_text, reported_by)
        party = self._parties.get(who_key)
        if party is None:
            party = self._parties[who_key] = parties_of(
                kind,
                actor_text.strip(),
                target_text.strip(),
                reporter_text.strip(),
                reported_by,
                *self._reporters,
            )
        (kind, actor, target, reporter_party), more = party
        if more:
            findings += more
        coordinates = None
        if latitude or longitude:  # most rows give neither (a text of spaces gives none either)
            # Each text is read once (a file holds few), the pair on every row (most are distinct).
            degrees = self._degrees
            lat = degrees.get(latitude)
            if lat is None:
                lat = degrees[latitude] = degrees_of(latitude.strip())
            lon = degrees.get(longitude)
            if lon is None:
                lon = degrees[longitude] = degrees_of(longitude.strip())
            coordinates, more = point_from(lat, lon)
            if more:
                findings += more
        if report_findings:
            findings += report_findings
        if source and not source.startswith(("http://", "https://")):
            if is_missing(source):
                source = ""
            else:
                findings.append(("source_url", "only http(s) addresses are accepted", Severity.ERROR))
        fatalities = None
        deaths = deaths.strip() if deaths else deaths  # most rows give none
        if deaths:
            if deaths not in self._deaths:
                self._deaths[deaths] = whole_number(deaths)
            fatalities = self._deaths[deaths]
            if fatalities is None and not is_missing(deaths):
                findings.append(
                    (
                        "fatalities",
                        f"expected a whole number of deaths as this reporter claims it, got {quoted(deaths)}",
                        Severity.ERROR,
                    )
                )
        links: tuple[ExplicitLink, ...] = ()
        if link_text:
            links = links_of(link_text.strip(), findings)
        problems: list[Problem] = []
        if findings:
            problems = [Problem(origin.file, origin.line, f, m, sev) for f, m, sev in findings]
            if any(sev is Severity.ERROR for _, _, sev in findings):
                return None, problems
        if when is None:
            return None, problems
        country = self._countries.get(country_text)
        if country is None:
            country = self._countries[country_text] = stated_country(country_text.strip())
        if country.unknown:  # on every row giving it: the file's reader tells it once
            problems += country_problems(origin, country)
        if country.region:
            admin1 = with_region(stated(admin1), country.region)
        if 1 < len(notes) < 4:  # the one free-text field not looked up in ``shared``
            notes = stated(notes)
        # Repeated values (reporters, places, incidents) share one string object; a missing-value
        # marker is in it from the start, as "" (an empty reporter was refused above).
        shared = self._strings
        # Positional, in the order of Event's fields (each named): a call by keyword builds a
        # dictionary of 18 entries per row, a tenth of the row's cost.
        event = Event(
            event_id,  # id
            when,  # when
            kind,  # kind
            shared.setdefault(reported_by, reported_by),  # reported_by
            reporter_party,  # reporter_party
            source,  # source_url
            actor,  # actor
            (),  # involved
            target,  # target
            shared.setdefault(location, location),  # location
            shared.setdefault(admin1, admin1),  # admin1
            coordinates,  # coordinates
            country.code,  # country
            reported_on,  # reported_on
            shared.setdefault(incident, incident),  # incident
            fatalities,  # fatalities
            links,  # links
            notes,  # notes
            origin,  # origin
        )
        return event, problems
