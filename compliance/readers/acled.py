"""ACLED's CSV export (its 31 standard columns), mapped to our events (docs/event-formats.md).

Exports of every vintage are read: event types before 2019 are crossed onto today's
(``acled_types.py``), older column names are read as today's, and the country, the reporter and
the people acted upon are taken from the columns each vintage has.

ACLED's actor order does not say who attacked. For violent event types the two actors are kept
as ``involved`` and no ``actor`` is set, so rule-made breach links are graded *contested*
rather than charged to either party. ACLED codes each row from the sources in ``source``: when
all of them are one party's (by the reporter registry) the row is that party's claim relayed by
ACLED; otherwise it is ACLED's own, unaffiliated coding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from compliance.core.events import UNAFFILIATED, Event, Origin
from compliance.core.problems import Problem
from compliance.core.timeframe import EventTime, Precision
from compliance.readers.acled_types import current_type
from compliance.readers.base import (
    MAX_ID_CHARS,
    PartyResolver,
    Record,
    ReporterResolver,
    coordinates,
    dataset_rows,
)
from compliance.readers.countries import country_code
from compliance.readers.fields import FieldError, parse_when, whole_number

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
REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "actor1", "source")
OLD_COLUMN_NAMES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
"""Column names of ACLED files before 2019 (and of its old API) → today's."""
_YEARS = re.compile(r"\s*\(\d{4}-(\d{4})?\)\s*$")
_PAIR_KIND = {(t.casefold(), s.casefold()): kind for (t, s), kind in KIND_BY_TYPE.items()}
_TYPE_KIND = {t.casefold(): kind for t, kind in KIND_BY_EVENT_TYPE.items()}
_VIOLENT = frozenset(t.casefold() for t in VIOLENT_TYPES)
_PEOPLE_OF = re.compile(r"^(?:civilians|protesters|rioters)\s*\(([^()]+)\)$", re.IGNORECASE)
"""ACLED names unarmed people by their country: ``Civilians (Armenia)``, ``Protesters (Azerbaijan)``."""
_PEOPLE_INTER = frozenset({"5", "6", "7", "rioters", "protesters", "civilians"})
"""``inter2`` of rioters, protesters and civilians: codes before 2024, words since."""


def read_acled(
    stream: Iterable[str],
    label: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> Iterator[Record | Problem]:
    for item in dataset_rows(stream, label, "ACLED", REQUIRED_COLUMNS, OLD_COLUMN_NAMES):
        if isinstance(item, Problem | Record):
            yield item
        else:
            yield _record(item[1], item[0], resolve_party, resolve_reporter)


def _record(
    f: dict[str, str], origin: Origin, resolve_party: PartyResolver, resolve_reporter: ReporterResolver
) -> Record:
    problems: list[Problem] = []

    def bad(field: str, message: str) -> None:
        problems.append(Problem(origin.file, origin.line, field, message))

    event_id = f.get("event_id_cnty", "")
    if not event_id:
        bad("event_id_cnty", "required field is empty")
    elif len(event_id) > MAX_ID_CHARS or any(c.isspace() for c in event_id):
        bad("event_id_cnty", "an id has no spaces and at most 200 characters")
    when = None
    try:
        start, end, precision = parse_when(f.get("event_date", ""))
        time_precision = f.get("time_precision", "1")
        if time_precision == "2":
            precision = Precision.APPROXIMATE
        elif time_precision == "3" and end is None:
            first = start.replace(day=1)
            when = EventTime(first, parse_when(first.strftime("%Y-%m"))[1], Precision.MONTH)
        when = when or EventTime(start, end, precision)
    except FieldError as exc:
        bad("event_date", str(exc))
    event_type, sub_type = current_type(f.get("event_type", ""), f.get("sub_event_type", ""))
    folded = event_type.casefold()
    kind = _PAIR_KIND.get((folded, sub_type.casefold())) or _TYPE_KIND.get(folded)
    if kind is None:
        bad("event_type", f"unknown ACLED event type {f.get('event_type', '')!r}")
    parties = []
    for name in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
        for part in filter(None, (p.strip() for p in f.get(name, "").split(";"))):
            party = resolve_party(_YEARS.sub("", part)) or resolve_party(part)
            if party is not None and party not in parties:
                parties.append(party)
    violent = folded in _VIOLENT
    actor = (
        None if violent else (resolve_party(_YEARS.sub("", f.get("actor1", ""))) if f.get("actor1") else None)
    )
    sources = [s.strip() for s in f.get("source", "").split(";") if s.strip()]
    affiliations = {resolve_reporter(s) for s in sources}
    reporter_party = (
        affiliations.pop() if len(affiliations) == 1 and None not in affiliations else UNAFFILIATED
    )
    if reporter_party is None:
        reporter_party = UNAFFILIATED
    deaths = f.get("fatalities", "")
    fatalities = whole_number(deaths)
    if deaths and fatalities is None:
        bad("fatalities", f"expected a whole number, got {deaths[:20]!r}")
    place = coordinates(f.get("latitude", ""), f.get("longitude", ""), f.get("geo_precision", ""), bad)
    stamp = whole_number(f.get("timestamp", ""), 10)
    reported_on = datetime.fromtimestamp(stamp, tz=UTC).date() if stamp else None
    if problems or when is None or kind is None:
        return Record(origin, None, tuple(problems))
    location = ", ".join(x for x in (f.get("location", ""), f.get("admin2", "")) if x)
    return Record(
        origin,
        Event(
            id=event_id,
            when=when,
            kind=kind,
            reported_by="ACLED" + (f" ({'; '.join(sources)})" if sources else ""),
            reporter_party=reporter_party,
            source_url="https://acleddata.com/",
            actor=actor,
            involved=tuple(sorted(parties)) if violent else (),
            target=_people_of(f, resolve_party),
            country=country_code(
                f.get("country", ""), f.get("iso", ""), f.get("iso3", ""), f.get("gwno", "")
            ),
            location=location,
            admin1=f.get("admin1", ""),
            coordinates=place,
            reported_on=reported_on,
            fatalities=fatalities,
            notes=f.get("notes", ""),
            origin=origin,
        ),
    )


def _people_of(f: dict[str, str], resolve_party: PartyResolver) -> str | None:
    """The party whose civilians, protesters or rioters ``actor2`` names, if that party is registered.

    ``Civilians (Armenia)`` are acted upon, not acting: the linking uses the target to tell an
    event between one side's forces and its own people from one between the sides.
    """
    named = _PEOPLE_OF.match(f.get("actor2", "").strip())
    inter = f.get("inter2", "").casefold()
    if named is None or (inter and inter not in _PEOPLE_INTER):
        return None
    return resolve_party(named[1].strip())
