"""A state named by its government, with ACLED's years or UCDP GED's former name in brackets, is
that state's party (docs/event-formats.md, "Actors and parties" and "UCDP GED CSV").

UCDP GED names Russia ``Government of Russia (Soviet Union)``; read as an unknown name, a GED
clash between Azerbaijan and Russia involved Azerbaijan alone and was charged to Azerbaijan's
ceasefire duty under the 2020 statement as a contested breach.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from compliance.core.problems import Severity
from compliance.evaluation.evaluate import evaluate
from compliance.linking.scope import NO_OPPOSING
from compliance.readers.acled_actors import actor_party
from tests.support import PARTIES, ledger_from_csv

REAL = Path(__file__).parent / "data" / "real"
REAL_GED = REAL / "ucdp-ged-api-israel-2002.json"
REAL_ACLED = REAL / "acled-hdx-armenia-2018-2020.csv"
AS_OF = date(2021, 12, 1)


def _aze_russia_clash() -> str:
    """Synthetic: the real GED event 175957 (the first line of the excerpt) with its sides, place,
    date and violence type changed to a clash between Azerbaijan and Russia near Tovuz on 16 Nov
    2021. No such UCDP event is claimed; the sides are written as GED writes these states."""
    event = json.loads(REAL_GED.read_text(encoding="utf-8").splitlines()[1].rstrip(","))
    event.update(
        side_a="Government of Azerbaijan",
        side_b="Government of Russia (Soviet Union)",
        dyad_name="Government of Azerbaijan - Government of Russia (Soviet Union)",
        type_of_violence=1,
        country="Azerbaijan",
        country_id=373,
        adm_1="Tovuz district",
        where_coordinates="Tovuz",
        latitude=40.9922,
        longitude=45.6281,
        date_start="2021-11-16T00:00:00",
        date_end="2021-11-16T00:00:00",
    )
    return "[\n" + json.dumps(event) + "\n]\n"


def test_ucdp_side__a_former_name_in_brackets_is_dropped_and_the_clash_bears_on_no_duty() -> None:
    """Russia is involved; a clash with a third state, no opposing party involved, links to
    nothing and leaves Azerbaijan's ceasefire duty as it was without it."""
    ledger = ledger_from_csv(_aze_russia_clash(), "ged.json", suffix=".json")
    [event] = ledger.events
    assert event.involved == ("AZE", "RUS")
    assert ledger.links == ()
    assert ledger.accounting.unlinked_reasons == {NO_OPPOSING: 1}
    without = ledger_from_csv("[\n]\n", "empty.json", suffix=".json")
    statuses = [
        evaluate(x.agreements, x.events, x.links, x.parties, AS_OF).result("ts2020-1-ceasefire-aze").status
        for x in (ledger, without)
    ]
    assert statuses[0] == statuses[1]


@pytest.mark.parametrize(
    ("name", "party"),
    [
        ("Government of Russia (2000-)", "RUS"),
        ("Government of Turkey (2016-)", "TUR"),
        ("Government of Iran (1989-)", "IRN"),
        ("Government of Russia (Soviet Union)", "RUS"),
        ("Government of Armenia (2018-)", "ARM"),
        ("Former Government of Armenia (2008-2018)", None),
        ("Civilians (Armenia)", None),
    ],
)
def test_actor_name__a_government_with_its_years_or_former_name_is_its_state(
    name: str, party: str | None
) -> None:
    assert actor_party(name, PARTIES.resolve) == party


def test_parties__every_state_is_named_by_its_government() -> None:
    """ACLED and UCDP GED name a state's government ``Government of <Country>``."""
    states = [p for p in PARTIES.parties if p.kind == "state"]
    assert states
    assert [p.id for p in states if PARTIES.resolve(f"Government of {p.name}") != p.id] == []


def _acled_rows(*actor1s: str) -> str:
    """Synthetic: the real ACLED row ARM4887 (Vardenis, 29 Sep 2020; Turkish and Armenian forces)
    once for each ``actor1``, each copy given its own id. No such ACLED events are claimed."""
    rows = list(csv.reader(io.StringIO(REAL_ACLED.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    [row] = [r for r in rows if "ARM4887" in r]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for n, actor1 in enumerate(actor1s):
        copy = list(row)
        copy[header.index("actor1")] = actor1
        copy[header.index("event_id_cnty")] = f"ARM4887-{n}"
        writer.writerow(copy)
    return out.getvalue()


def _warnings(text: str, label: str, suffix: str) -> list[tuple[int, str, str]]:
    ledger = ledger_from_csv(text, label, suffix=suffix)
    warned = [p for p in ledger.problems if p.severity is Severity.WARNING]
    return [(p.line, p.field, p.message.partition(" names a state")[0]) for p in warned]


def test_unread_state__warned_once_per_file_naming_line_and_field() -> None:
    """A state's forces that are no party's, on a row naming a party, would make a clash with a
    third state read as one side's alone: warned of once per name and file. A former government
    is not a state's, and a state's name on a row naming no party changes nothing."""
    text = _acled_rows(
        "Military Forces of Georgia (2004-)",
        "Military Forces of Georgia (2004-)",
        "Former Military Forces of Armenia (2018-)",
    )
    assert _warnings(text, "acled.csv", ".csv") == [(2, "actor1", "'Military Forces of Georgia (2004-)'")]
    ged = _aze_russia_clash().replace("Government of Russia (Soviet Union)", "Government of Georgia")
    assert _warnings(ged, "ged.json", ".json") == [(2, "side_b", "'Government of Georgia'")]
    alone = ged.replace("Government of Azerbaijan", "Government of Mali")
    assert _warnings(alone, "ged.json", ".json") == []
