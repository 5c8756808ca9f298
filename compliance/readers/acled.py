"""ACLED's CSV export (its 31 standard columns), mapped to our events (docs/event-formats.md).

Exports of every vintage are read: event types before 2019 are crossed onto today's
(``acled_types.py``), older column names are read as today's, and the country, the reporter and
the people acted upon are taken from the columns each vintage has.

ACLED's actor order does not say who attacked. For violent event types the two actors are kept
as ``involved`` and no ``actor`` is set, so rule-made breach links are graded *contested* rather
than charged to either party (an agreement keeps both parties to it in ``involved`` as well, with
``actor1``'s as the actor). In protests and riots the crowd is in either actor column (real
exports: ``Protesters (Armenia)`` in ``actor1``, the police who intervened in ``actor2``): the
state's forces in either one are the actor, the crowd's country the target. ACLED codes each row
from the sources in ``source``: when all of them are one party's (by the reporter registry) the
row is that party's claim relayed by ACLED; otherwise it is ACLED's own, unaffiliated coding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType

from compliance.core.events import UNAFFILIATED, Event, Origin
from compliance.core.problems import Problem, Severity
from compliance.core.timeframe import LAST_YEAR, EventTime
from compliance.readers.acled_actors import (
    ACTOR_FIRST,
    AGREEMENT,
    CROWD,
    VIOLENT,
    actors_of,
    people_of,
    unread_states,
)
from compliance.readers.acled_times import acled_time
from compliance.readers.acled_types import current_type
from compliance.readers.base import (
    PartyResolver,
    Record,
    ReporterResolver,
    unfit_id,
    unread_state,
)
from compliance.readers.coordinates import CoordinatesOnce
from compliance.readers.countries import CountryReading, country_problems, read_country, with_region
from compliance.readers.datasets import dataset_values
from compliance.readers.fields import (
    is_missing,
    quoted,
    whole_number,
    without_midnight,
)
from compliance.readers.our_dates import DayOrder

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

KIND_BY_TYPE: dict[tuple[str, str], str] = {
    ("Battles", "Armed clash"): "armed-clash",
    ("Battles", "Government regains territory"): "armed-clash",
    ("Battles", "Non-state actor overtakes territory"): "armed-clash",
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"): "shelling",
    ("Explosions/Remote violence", "Air/drone strike"): "shelling",
    ("Explosions/Remote violence", "Grenade"): "armed-clash",
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): "other",
    ("Explosions/Remote violence", "Suicide bomb"): "armed-clash",
    ("Explosions/Remote violence", "Chemical weapon"): "armed-clash",
    ("Violence against civilians", "Attack"): "ceasefire-violation",
    ("Violence against civilians", "Abduction/forced disappearance"): "detention",
    ("Violence against civilians", "Sexual violence"): "other",
    ("Strategic developments", "Agreement"): "agreement-signed",
    ("Strategic developments", "Arrests"): "detention",
    ("Strategic developments", "Non-violent transfer of territory"): "territory-handover",
    ("Strategic developments", "Headquarters or base established"): "troop-presence",
    ("Strategic developments", "Change to group/activity"): "other",
    ("Strategic developments", "Disrupted weapons use"): "other",
    ("Strategic developments", "Looting/property destruction"): "other",
    ("Strategic developments", "Other"): "other",
}
"""(event_type, sub_event_type) → our kind; unlisted pairs map by event_type below."""
KIND_BY_EVENT_TYPE: dict[str, str] = {
    "Battles": "armed-clash",
    "Explosions/Remote violence": "shelling",
    "Violence against civilians": "ceasefire-violation",
    "Protests": "protest",
    "Riots": "protest",
    "Strategic developments": "other",
}
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
CROWD_TYPES = frozenset({"Protests", "Riots"})
"""Event types whose actors are a crowd and, when they intervened, a state's forces, in either order."""
REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "actor1", "source")
COLUMNS: Mapping[str, str] = MappingProxyType(dict.fromkeys(
    (
        "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "source", "fatalities",
        "latitude", "longitude", "geo_precision", "timestamp", "country", "iso", "iso3", "gwno",
        "location", "admin2", "admin1", "notes",
    ),
    "",
) | {"time_precision": "1"})  # fmt: skip
"""The columns read, in the order ``_AcledRows.record`` unpacks them, each with the value of a
column the file lacks (a file without ``time_precision`` gives exact days). Read-only: its order
is a contract with that unpacking."""
OLD_COLUMN_NAMES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
"""Column names of ACLED files before 2019 (and of its old API) → today's."""
_PAIR_KIND = {(t.casefold(), s.casefold()): kind for (t, s), kind in KIND_BY_TYPE.items()}
_TYPE_KIND = {t.casefold(): kind for t, kind in KIND_BY_EVENT_TYPE.items()}
_VIOLENT = frozenset(t.casefold() for t in VIOLENT_TYPES)
_CROWD = frozenset(t.casefold() for t in CROWD_TYPES)


def read_acled(
    stream: Iterable[str],
    label: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
    delimiter: str = ",",
    header_line: int = 1,
) -> Iterator[Record | Problem]:
    rows = _AcledRows(resolve_party, resolve_reporter)
    for item in dataset_values(
        stream, label, "ACLED", REQUIRED_COLUMNS, COLUMNS, OLD_COLUMN_NAMES, delimiter, header_line
    ):
        if isinstance(item, Problem | Record):
            yield item
        else:
            record = rows.record(item[1], item[0])
            if record is not None:  # None: an event_date only the whole file can read, given at its end
                yield record
    yield from rows.settled()


class _AcledRows:
    """The records of one ACLED file, each distinct date, type, actor set, source list, place,
    country and time stamp worked out once: a full export has 1–3 million rows and a few
    thousand of each. The outcome is the same as working each row out on its own, but for an
    ``event_date`` with the year last (``05/12/2020``), which the whole file reads, as in our
    format (``our_dates``): a row whose date could be either way round is held until
    :meth:`settled`."""

    def __init__(self, resolve_party: PartyResolver, resolve_reporter: ReporterResolver) -> None:
        self.resolve_party = resolve_party
        self.resolve_reporter = resolve_reporter
        self.times: dict[tuple[str, str], EventTime | tuple[str, str]] = {}
        self.order = DayOrder()
        self.held: list[tuple[tuple[str, ...], Origin]] = []
        self.kinds: dict[tuple[str, str], tuple[str | None, str]] = {}
        self.actors: dict[
            tuple[tuple[str, str, str, str], str],
            tuple[tuple[str, ...], str | None, tuple[tuple[str, str], ...]],
        ] = {}
        self.sources: dict[str, tuple[str, str]] = {}
        self.places = CoordinatesOnce("geo_precision", 3)  # 1 the town, 2 near it, 3 the province
        self.countries: dict[tuple[str, str, str, str], CountryReading] = {}
        self.stamps: dict[str, tuple[date, int] | str | None] = {}
        self.targets: dict[tuple[str, str, str, str, bool], str | None] = {}
        self.strings: dict[str, str] = {}
        self.deaths: dict[str, tuple[int | None, str]] = {}

    def settled(self) -> Iterator[Record]:
        """The rows held until the file's end, read now that the whole file has been seen (in the
        order they came): their ``event_date`` read in the order the file shows, or refused."""
        self.order.settled = True
        held, self.held = self.held, []
        for values, origin in held:
            record = self.record(values, origin)
            assert record is not None  # settled: every date is read or refused
            yield record

    def record(self, values: tuple[str, ...], origin: Origin) -> Record | None:
        """The record of one row, or ``None`` when its ``event_date`` waits for :meth:`settled`."""
        problems: list[Problem] = []
        told: tuple[Problem, ...] = ()  # the file's one date warning, when this row first needs it

        def bad(field: str, message: str) -> None:
            problems.append(Problem(origin.file, origin.line, field, message))

        # fmt: off
        (
            event_id, event_date, time_precision, event_type, sub_event_type,
            actor1, assoc_actor_1, actor2, assoc_actor_2, inter1, inter2, source_text, deaths,
            latitude, longitude, geo_precision, stamp_text, country_name, iso, iso3, gwno,
            location, admin2, admin1, notes,
        ) = values  # the order of COLUMNS
        # fmt: on
        if not event_id:
            bad("event_id_cnty", "required field is empty")
        elif unfit_id(event_id):
            bad("event_id_cnty", "an id has no spaces and at most 200 characters")
        key = (event_date, time_precision)
        when = self.times.get(key)
        if when is None:
            read = self.order.read(without_midnight(event_date), "event_date", origin.line)
            if read is None:  # either way round: only the whole file tells which
                self.held.append((values, origin))
                return None
            when = self.times[key] = acled_time(read, time_precision) if isinstance(read, str) else read[:2]
            if self.order.notices:  # each told once per file, on the row that first needs it
                told = tuple(Problem(origin.file, origin.line, *notice) for notice in self.order.notices)
                self.order.notices = []
        if isinstance(when, tuple):
            bad(*when)
        types = (event_type, sub_event_type)
        found = self.kinds.get(types)
        if found is None:
            found = self.kinds[types] = _kind(*types)
        kind, folded = found
        if kind is None:
            bad("event_type", f"unknown ACLED event type {types[0]!r}")
        order = VIOLENT if folded in _VIOLENT else CROWD if folded in _CROWD else ACTOR_FIRST
        order = AGREEMENT if kind == "agreement-signed" else order
        names = (actor1, assoc_actor_1, actor2, assoc_actor_2)
        actors = self.actors.get((names, order))
        if actors is None:
            actors = self.actors[(names, order)] = (
                *actors_of(names, order, self.resolve_party),
                unread_states(names, order, self.resolve_party),
            )
        involved, actor, unread = actors
        source = self.sources.get(source_text)
        if source is None:
            source = self.sources[source_text] = _source(source_text, self.resolve_reporter)
        reported_by, reporter_party = source
        counted = self.deaths.get(deaths)
        if counted is None:
            counted = self.deaths[deaths] = _fatalities(deaths)
        fatalities, wrong = counted
        if wrong:
            bad("fatalities", wrong)
        place, unkept = self.places(latitude, longitude, geo_precision, bad, origin)
        stamp = self.stamps.get(stamp_text)
        if stamp is None and stamp_text not in self.stamps:
            stamp = self.stamps[stamp_text] = _uploaded(stamp_text)
        if problems or isinstance(when, tuple) or kind is None:
            return Record(origin, None, told + tuple(problems))
        reported_on = seconds = None
        if isinstance(stamp, str):  # still read: the time stamp is only when ACLED uploaded it
            problems.append(Problem(origin.file, origin.line, "timestamp", stamp, Severity.WARNING))
        elif stamp is not None:
            reported_on, seconds = stamp
            # (a day of slack: the time stamp's day is UTC's, the event's the place's)
            if when.first_day > reported_on + timedelta(days=1):
                problems.append(_uploaded_before(origin, reported_on, when.first_day))
        nation = (country_name, iso, iso3, gwno)
        country = self.countries.get(nation)
        if country is None:
            country = self.countries[nation] = read_country(*nation)
        if country.unknown or country.named:  # on every row giving it: the file's reader tells it once
            problems.extend(country_problems(origin, country))
        problems.extend(unread_state(origin, field, name) for field, name in unread)  # told once too
        people = (actor2, inter2, actor1, inter1, order == CROWD)
        if people not in self.targets:
            self.targets[people] = people_of(*people, self.resolve_party)
        shared = self.strings
        place_name = f"{location}, {admin2}" if location and admin2 else location or admin2
        if country.region:
            admin1 = with_region(admin1, country.region)
        # Positional, in the order of Event's fields: a keyword call builds a dictionary per row.
        event = Event(
            event_id,  # id
            when,  # when
            kind,  # kind
            reported_by,  # reported_by
            reporter_party,  # reporter_party
            "https://acleddata.com/",  # source_url
            actor,  # actor
            involved,  # involved
            self.targets[people],  # target
            shared.setdefault(place_name, place_name),  # location
            shared.setdefault(admin1, admin1),  # admin1
            place,  # coordinates
            country.code,  # country
            reported_on,  # reported_on
            "",  # incident
            fatalities,  # fatalities
            (),  # links
            notes,  # notes
            origin,  # origin
        )
        return Record(origin, event, told + tuple(problems) + unkept, seconds)


def _fatalities(text: str) -> tuple[int | None, str]:
    """The number of deaths, and why the text is not one (empty when it is, or is left blank)."""
    fatalities = whole_number(text)
    if text and fatalities is None and not is_missing(text):
        return None, f"expected a whole number, got {quoted(text)}"
    return fatalities, ""


FIRST_UPLOAD = datetime(1997, 1, 1, tzinfo=UTC)
"""ACLED's data start in 1997: no row was uploaded before."""
AFTER_LAST_UPLOAD = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)
"""The end of the dates the library takes (``timeframe.LAST_YEAR``)."""
_UPLOAD_SECONDS = range(int(FIRST_UPLOAD.timestamp()), int(AFTER_LAST_UPLOAD.timestamp()))


def _uploaded_before(origin: Origin, stamp: date, first: date) -> Problem:
    """A row uploaded before its event could happen (a known-on cut-off would take it as known then)."""
    message = (
        f"ACLED uploaded the row on {stamp.isoformat()}, before the event's first possible day "
        f"{first.isoformat()}: event_date or timestamp is wrong; the row is read as written"
    )
    return Problem(origin.file, origin.line, "timestamp", message, Severity.WARNING)


def _uploaded(text: str) -> tuple[date, int] | str | None:
    """The UTC day of ACLED's Unix ``timestamp`` and its seconds (``Record.stamp``, which orders
    the revisions of one row within a day), ``None`` when not stated, or why it is not read.

    The time stamp is when ACLED uploaded the row, in whole seconds (``1730758098``). Text, a
    negative number, or a number outside 1997–2100 (milliseconds, ``1730758098000``, read as
    seconds about the year 56,800) is not such a time: the row gets no ``reported_on``, and the
    warning says so, since a known-on cut-off then keeps it by its event date alone. The bounds are
    fixed, not today's date: the same file reads the same on any day.
    """
    if not text or is_missing(text):
        return None
    seconds = whole_number(text, 10)
    if seconds is not None and seconds in _UPLOAD_SECONDS:
        return datetime.fromtimestamp(seconds, tz=UTC).date(), seconds
    return (
        f"expected the Unix time in seconds of ACLED's upload, from 1997 to 2100, got {quoted(text)}: "
        "the row is read without reported_on"
    )


def _kind(event_type: str, sub_type: str) -> tuple[str | None, str]:
    """Our kind for an ACLED (event type, sub-event type) of any vintage, and the folded type."""
    current, current_sub = current_type(event_type, sub_type)
    folded = current.casefold()
    return _PAIR_KIND.get((folded, current_sub.casefold())) or _TYPE_KIND.get(folded), folded


def _source(text: str, resolve_reporter: ReporterResolver) -> tuple[str, str]:
    """(``reported_by``, the reporters' one affiliation or unaffiliated) for ACLED's source list."""
    sources = [s.strip() for s in text.split(";") if s.strip()]
    affiliations = {resolve_reporter(s) for s in sources}
    party = affiliations.pop() if len(affiliations) == 1 and None not in affiliations else UNAFFILIATED
    return "ACLED" + (f" ({'; '.join(sources)})" if sources else ""), UNAFFILIATED if party is None else party
