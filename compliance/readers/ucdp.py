"""UCDP Georeferenced Event Dataset (GED) CSV, mapped to our events (docs/event-formats.md).

UCDP codes each event as a dyad, ``side_a`` and ``side_b``; like ACLED's actor pair, the order
says who the sides are, not who attacked. Both are kept as ``involved`` and no ``actor`` is set,
so rule-made breach links are graded *contested*. The row is UCDP's own coding (unaffiliated);
its sources are named in the notes. ``date_start``–``date_end`` is the interval UCDP gives, with
``date_prec`` recorded; deaths are the ``best`` estimate, with ``low`` and ``high`` in the notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from compliance.core.events import UNAFFILIATED, Event, Origin
from compliance.core.problems import Problem
from compliance.core.timeframe import EventTime, Precision
from compliance.readers.base import (
    PartyResolver,
    Record,
    ReporterResolver,
    looks_like_state,
    party_of_name,
    unfit_id,
    unread_state,
)
from compliance.readers.coordinates import CoordinatesOnce
from compliance.readers.countries import CountryReading, country_problems, read_country, with_region
from compliance.readers.datasets import dataset_rows
from compliance.readers.fields import (
    EndFieldError,
    FieldError,
    event_time,
    integral,
    is_missing,
    quoted,
    stated,
    whole_number,
    without_midnight,
)

REQUIRED_COLUMNS = ("id", "date_start", "date_end", "type_of_violence", "side_a", "side_b")
KIND_BY_VIOLENCE = {"1": "armed-clash", "2": "armed-clash", "3": "ceasefire-violation"}
"""UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians)."""


def read_ucdp(
    stream: Iterable[str],
    label: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
    delimiter: str = ",",
    header_line: int = 1,
) -> Iterator[Record | Problem]:
    del resolve_reporter  # UCDP rows are UCDP's own coding
    rows = UcdpRows(resolve_party)
    for item in dataset_rows(
        stream, label, "UCDP GED", REQUIRED_COLUMNS, delimiter=delimiter, header_line=header_line
    ):
        if isinstance(item, Problem | Record):
            yield item
        else:
            yield rows.record(item[1], item[0])


def _day_part(text: str) -> str:
    """Some GED exports write ``2020-09-27 00:00:00.000``, a spreadsheet ``9/27/2020 0:00``: the
    day is what UCDP means."""
    if len(text) > 10 and text[4:5] == "-" and text[10:11] in (" ", "T"):
        return text[:10]
    return without_midnight(text)


class UcdpRows:
    """The records of one GED file (CSV or API JSON), each distinct pair of dates, pair of sides,
    place and country worked out once: all of GED is ~300,000 rows. The outcome is the same as
    working each row out on its own."""

    def __init__(self, resolve_party: PartyResolver) -> None:
        self.resolve_party = resolve_party
        self.times: dict[tuple[str, str], EventTime | tuple[str, str]] = {}
        self.sides: dict[tuple[str, str], tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {}
        # where_prec: 1 the place, 2 an area near it, 3 a district … 6 the country, 7 waters
        self.places = CoordinatesOnce("where_prec", 7)
        self.countries: dict[tuple[str, str], CountryReading] = {}

    def record(self, f: dict[str, str], origin: Origin) -> Record:
        problems: list[Problem] = []

        def bad(field: str, message: str) -> None:
            problems.append(Problem(origin.file, origin.line, field, message))

        get = f.get
        raw_id = integral(get("id", ""))  # 300380.0, as pandas writes an id column with gaps
        if not raw_id or unfit_id(raw_id):
            bad("id", "required: an id with no spaces and at most 200 characters")
        dates = (get("date_start", ""), get("date_end", ""))
        when = self.times.get(dates)
        if when is None:
            when = self.times[dates] = _when(*dates)
        if isinstance(when, tuple):
            bad(*when)
        kind = KIND_BY_VIOLENCE.get(integral(get("type_of_violence", "")))
        if kind is None:
            bad("type_of_violence", f"expected 1, 2 or 3, got {quoted(get('type_of_violence', ''))}")
        sides = (get("side_a", ""), get("side_b", ""))
        found = self.sides.get(sides)
        if found is None:
            found = self.sides[sides] = _involved(sides, self.resolve_party)
        involved, unread = found
        best = get("best", "")
        fatalities = whole_number(best)
        if best and fatalities is None and not is_missing(best):
            bad("best", f"expected a whole number, got {quoted(best)}")
        point = (get("latitude", ""), get("longitude", ""), get("where_prec", ""))
        place, unkept = self.places(*point, bad, origin)
        if problems or isinstance(when, tuple) or kind is None:
            return Record(origin, None, tuple(problems))
        nation = (get("country", ""), get("country_id", ""))
        country = self.countries.get(nation)
        if country is None:
            country = self.countries[nation] = read_country(nation[0], gleditsch_ward=nation[1])
        if country.unknown or country.named:  # on every row giving it: the file's reader tells it once
            problems.extend(country_problems(origin, country))
        problems.extend(unread_state(origin, field, name) for field, name in unread)  # told once too
        admin1 = get("adm_1", "")
        if country.region:
            admin1 = with_region(admin1, country.region)
        sources = "; ".join(x for x in (get("source_office", ""), get("source_article", "")) if x)
        low, high, date_prec = (_number(get(name, "")) for name in ("low", "high", "date_prec"))
        estimate = (
            f"UCDP best estimate {_number(best) or 'not given'} deaths (low {low or '?'}, high {high or '?'})"
        )
        notes = ". ".join(
            x for x in (get("dyad_name", ""), estimate, f"date_prec {date_prec or '?'}", sources) if x
        )
        return Record(
            origin,
            Event(
                id=f"UCDP-{raw_id}",
                when=when,
                kind=kind,
                reported_by="UCDP GED",
                reporter_party=UNAFFILIATED,
                source_url=f"https://ucdp.uu.se/event/{raw_id}",
                involved=involved,
                location=get("where_coordinates", "") or get("where_description", ""),
                admin1=admin1,
                country=country.code,
                coordinates=place,
                fatalities=fatalities,
                notes=notes,
                origin=origin,
            ),
            tuple(problems) + unkept,
        )


def _number(text: str) -> str:
    """A number for the notes as UCDP gives it, whether or not pandas wrote it as a float (``2.0``)
    or marked it missing (``NaN``): the same row reads the same either way."""
    return integral(stated(text))


def _when(date_start: str, date_end: str) -> EventTime | tuple[str, str]:
    """A GED event's days (one day, or an interval), or the field that cannot be read and why.

    GED gives days. A file that went through other hands may give a month (``2002-03``,
    ``March 2002``): each field is read as the span it names, as in our own format, so a month
    is the whole month. Read as its first day, a month became an exact day no source gave.
    """
    try:
        when = event_time(_day_part(date_start), _day_part(date_end), "date_start")
    except EndFieldError as exc:
        return "date_end", str(exc)
    except FieldError as exc:
        return "date_start", str(exc)
    if when.end is not None and when.end == when.start:  # date_end repeats date_start: one day
        one = Precision.INSTANT if isinstance(when.start, datetime) else Precision.DAY
        return EventTime(
            when.start, None, Precision.APPROXIMATE if when.precision is Precision.APPROXIMATE else one
        )
    return when


def _involved(
    sides: tuple[str, str], resolve_party: PartyResolver
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The registered parties GED's ``side_a`` and ``side_b`` name (``Government of X`` is X).

    A side may name several actors separated by commas; a state's former name in brackets
    (``Government of Russia (Soviet Union)``) is dropped as ACLED's years are
    (:func:`~compliance.readers.base.party_of_name`): reading it as part of the name lost Russia
    from every GED event it fought in. Also returned: the sides that name a state but no party,
    on a row naming a party (:func:`~compliance.readers.base.unread_state`).
    """
    involved: list[str] = []
    unread: list[tuple[str, str]] = []  # (field, name): a state's name that is no party's
    for field, side in zip(("side_a", "side_b"), sides, strict=True):
        for part in filter(None, (p.strip() for p in side.split(","))):
            name = part.replace("Government of ", "")
            party = party_of_name(name, resolve_party) or party_of_name(side, resolve_party)
            if party is None and looks_like_state(part):
                unread.append((field, part))
            if party is not None and party not in involved:
                involved.append(party)
    return tuple(sorted(involved)), tuple(unread) if involved else ()
