"""UCDP Georeferenced Event Dataset (GED) CSV, mapped to our events (docs/event-formats.md).

UCDP codes each event as a dyad, ``side_a`` and ``side_b``; like ACLED's actor pair, the order
says who the sides are, not who attacked. Both are kept as ``involved`` and no ``actor`` is set,
so rule-made breach links are graded *contested*. The row is UCDP's own coding (unaffiliated);
its sources are named in the notes. ``date_start``–``date_end`` is the interval UCDP gives, with
``date_prec`` recorded; deaths are the ``best`` estimate, with ``low`` and ``high`` in the notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from compliance.core.events import UNAFFILIATED, Event, Origin
from compliance.core.problems import Problem
from compliance.core.timeframe import EventTime, Precision
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

REQUIRED_COLUMNS = ("id", "date_start", "date_end", "type_of_violence", "side_a", "side_b")
KIND_BY_VIOLENCE = {"1": "armed-clash", "2": "armed-clash", "3": "ceasefire-violation"}
"""UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians)."""


def read_ucdp(
    stream: Iterable[str],
    label: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> Iterator[Record | Problem]:
    del resolve_reporter  # UCDP rows are UCDP's own coding
    for item in dataset_rows(stream, label, "UCDP GED", REQUIRED_COLUMNS):
        if isinstance(item, Problem | Record):
            yield item
        else:
            yield ucdp_record(item[1], item[0], resolve_party)


def _day_part(text: str) -> str:
    """Some GED exports write ``2020-09-27 00:00:00.000``: the day is what UCDP means."""
    return text[:10] if len(text) > 10 and text[4:5] == "-" and text[10:11] in (" ", "T") else text


def ucdp_record(f: dict[str, str], origin: Origin, resolve_party: PartyResolver) -> Record:
    problems: list[Problem] = []

    def bad(field: str, message: str) -> None:
        problems.append(Problem(origin.file, origin.line, field, message))

    raw_id = f.get("id", "")
    if not raw_id or len(raw_id) > MAX_ID_CHARS or any(c.isspace() for c in raw_id):
        bad("id", "required: an id with no spaces and at most 200 characters")
    when = None
    try:
        start, _, _ = parse_when(_day_part(f.get("date_start", "")))
        end = start
        if f.get("date_end"):
            end, _, _ = parse_when(_day_part(f["date_end"]))
        if end < start:
            raise FieldError(f"date_end {f['date_end']} is before date_start {f['date_start']}")
        when = EventTime(
            start, None if end == start else end, Precision.DAY if end == start else Precision.INTERVAL
        )
    except FieldError as exc:
        bad("date_start", str(exc))
    kind = KIND_BY_VIOLENCE.get(f.get("type_of_violence", ""))
    if kind is None:
        bad("type_of_violence", f"expected 1, 2 or 3, got {f.get('type_of_violence', '')[:20]!r}")
    involved = []
    for side in ("side_a", "side_b"):
        for part in filter(
            None, (p.strip() for p in f.get(side, "").replace("Government of ", "").split(","))
        ):
            party = resolve_party(part) or resolve_party(f.get(side, ""))
            if party is not None and party not in involved:
                involved.append(party)
    best = f.get("best", "")
    fatalities = whole_number(best)
    if best and fatalities is None:
        bad("best", f"expected a whole number, got {best[:20]!r}")
    place = coordinates(f.get("latitude", ""), f.get("longitude", ""), f.get("where_prec", ""), bad)
    if problems or when is None or kind is None:
        return Record(origin, None, tuple(problems))
    sources = "; ".join(x for x in (f.get("source_office", ""), f.get("source_article", "")) if x)
    estimate = f"UCDP best estimate {best or 'not given'} deaths (low {f.get('low') or '?'}, high {f.get('high') or '?'})"
    notes = ". ".join(
        x for x in (f.get("dyad_name", ""), estimate, f"date_prec {f.get('date_prec') or '?'}", sources) if x
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
            involved=tuple(sorted(involved)),
            location=f.get("where_coordinates", "") or f.get("where_description", ""),
            admin1=f.get("adm_1", ""),
            country=country_code(f.get("country", ""), gleditsch_ward=f.get("country_id", "")),
            coordinates=place,
            fatalities=fatalities,
            notes=notes,
            origin=origin,
        ),
    )
