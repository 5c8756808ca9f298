"""Events back to our CSV text: witnesses and counterexamples are event files a user can open and run.

The inverse of the reader's ``build_event``: writing an event and reading it back gives the same
event (tested), so a witness file reproduces its status when evaluated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from attrs import evolve

from compliance.core.events import UNKNOWN, Event
from compliance.core.parties import PartyRegistry
from compliance.core.problems import Problem
from compliance.core.timeframe import Precision
from compliance.readers import Record, read_event_stream
from compliance.readers.our_format import COLUMNS, REQUIRED


def event_row(event: Event) -> dict[str, str]:
    """One event as the string fields of our format (every column)."""
    when = event.when
    if when.precision is Precision.MONTH:
        start = when.start.date() if isinstance(when.start, datetime) else when.start
        date_text, end_text = start.strftime("%Y-%m"), ""
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
        "country": event.country,
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


def events_csv(events: Iterable[Event]) -> str:
    """Our CSV text for the events, with only the columns they use (the required ones always).

    Short files are the point: a minimal witness should read at a glance.
    """
    rows = [event_row(e) for e in events]
    columns = [c for c in COLUMNS if c in REQUIRED or any(row[c] for row in rows)]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def read_events_csv(
    text: str, parties: PartyRegistry, label: str = "events.csv"
) -> tuple[tuple[Event, ...], tuple[Problem, ...]]:
    """Our CSV text back into events, with the reader's problems (reporters given by ``reporter_party``)."""
    events: list[Event] = []
    problems: list[Problem] = []
    for item in read_event_stream(io.StringIO(text), label, ".csv", parties.resolve, lambda _: None):
        if isinstance(item, Record):
            problems.extend(item.problems)
            if item.event is not None:
                events.append(item.event)
        else:
            problems.append(item)
    return tuple(events), tuple(problems)


def renumber(events: Sequence[Event], prefix: str = "e") -> list[Event]:
    """The same accounts with ids ``e1``, ``e2`` … in order: generated lists never repeat an id."""
    return [evolve(e, id=f"{prefix}{i}") for i, e in enumerate(events, 1)]
