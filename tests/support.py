"""Build ledgers from inline CSV text, the way Beancount tests use inline ledgers."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from compliance.core.model import Agreement
from compliance.evaluation.evaluate import Evaluation, evaluate_ledger
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
    *,
    keep_unlinked: bool = True,
) -> Ledger:
    """Load inline event text (with its header) against the bundled agreements."""
    id_fields: dict[str, str] = {}
    stream = read_event_stream(io.StringIO(text), label, suffix, PARTIES.resolve, RESOLVE_REPORTER, id_fields)
    return assemble(agreements, PARTIES, list(stream), keep_unlinked=keep_unlinked, id_fields=id_fields)


def rows(*lines: str) -> str:
    """Our CSV with the test header: each line gives the 12 columns of HEADER."""
    return HEADER + "".join(line + "\n" for line in lines)


def evaluate_csv(text: str, as_of: date) -> Evaluation:
    ledger = ledger_from_csv(text)
    return evaluate_ledger(ledger, as_of)


def status(text: str, obligation: str, as_of: date) -> str:
    return evaluate_csv(text, as_of).result(obligation).status.value
