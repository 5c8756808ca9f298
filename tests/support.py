"""Build ledgers from inline CSV text, the way Beancount tests use inline ledgers."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

from compliance.core.events import UNKNOWN, Event
from compliance.core.model import Agreement
from compliance.core.timeframe import Precision
from compliance.evaluation.evaluate import Evaluation, evaluate
from compliance.linking.ledger import Ledger, assemble, load_agreements, load_registries, reporter_resolver
from compliance.readers import read_event_stream

PARTIES, REPORTERS, _ = load_registries()
AGREEMENTS, _ = load_agreements(None, PARTIES)
RESOLVE_REPORTER = reporter_resolver(REPORTERS)

HEADER = "id,date,date_end,kind,actor,location,reported_by,reporter_party,source_url,incident,links,notes\n"


def ledger_from_csv(
    text: str,
    label: str = "test.csv",
    agreements: Sequence[Agreement] = AGREEMENTS,
    suffix: str = ".csv",
) -> Ledger:
    """Load inline event text (with its header) against the bundled agreements."""
    records = list(read_event_stream(io.StringIO(text), label, suffix, PARTIES.resolve, RESOLVE_REPORTER))
    return assemble(agreements, PARTIES, records)


def rows(*lines: str) -> str:
    """Our CSV with the test header: each line gives the 12 columns of HEADER."""
    return HEADER + "".join(line + "\n" for line in lines)


def evaluate_csv(text: str, as_of: date) -> Evaluation:
    ledger = ledger_from_csv(text)
    return evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, as_of)


def status(text: str, obligation: str, as_of: date) -> str:
    return evaluate_csv(text, as_of).result(obligation).status.value


def event_to_row(event: Event) -> dict[str, str]:
    """The inverse of the reader's ``build_event``, for writing our CSV and JSON Lines in tests."""
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
