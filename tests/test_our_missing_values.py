"""``NA``, ``NaN`` and ``N/A`` in our CSV and JSON Lines: how R and pandas write an empty cell.

R's ``write.csv`` and pandas' ``to_csv(na_rep="NA")`` write every missing cell ``NA``. Read as a
value, ``NA`` made every account of such a file one incident named "NA" (so unrelated accounts
corroborated and contested each other, without a word), refused its dates and parties with
advice that did not fit, and read a missing country as Namibia.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from compliance.core.problems import Severity
from compliance.evaluation.evaluate import evaluate_ledger
from compliance.linking.ledger import Ledger
from tests.support import ledger_from_csv

BUNDLED = Path(__file__).resolve().parent.parent / "agreements" / "events.csv"
MARKERS = ["NA", "NaN", "N/A", "na", "nan", "n/a", "nA", "NAN"]
HEAD = "id,date,kind,reported_by,reporter_party"


def written_by_r(text: str, extra: dict[str, str] | None = None) -> str:
    """The file as R's ``write.csv(..., row.names = FALSE)`` writes it: ``NA`` in every empty cell
    (with ``extra`` columns added, each holding ``NA`` on every row)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0] + list(extra or {})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows[1:]:
        writer.writerow([cell or "NA" for cell in row] + ["NA"] * len(extra or {}))
    return out.getvalue()


def described(ledger: Ledger) -> tuple[object, ...]:
    """What a reading gives, apart from where the file is: accounts, problems, statuses."""
    evaluation = evaluate_ledger(ledger, date(2025, 12, 31))
    problems = [(p.line, p.field, p.message, p.severity) for p in ledger.problems]
    return (ledger.events, problems, evaluation)


def test_our_csv__the_bundled_file_written_by_r_reads_as_the_file_itself():
    """The bundled accounts written by R (``NA`` in each empty cell) give the same accounts,
    problems and statuses as the file itself: before, 185 of its rows were rejected."""
    text = BUNDLED.read_text(encoding="utf-8")
    original = ledger_from_csv(text, label="events.csv")
    assert original.events
    assert described(ledger_from_csv(written_by_r(text), label="events.csv")) == described(original)


def test_our_csv__a_country_column_of_na_is_one_warning_and_the_same_statuses():
    """A ``country`` column of ``NA`` (R's missing value) places no account in Namibia: the
    statuses are those of the file without it, and one warning (file, first line, field) says how
    it was read."""
    text = BUNDLED.read_text(encoding="utf-8")
    original = ledger_from_csv(text, label="events.csv")
    with_na = ledger_from_csv(written_by_r(text, {"country": ""}), label="events.csv")
    assert with_na.events == original.events
    assert evaluate_ledger(with_na, date(2025, 12, 31)) == evaluate_ledger(original, date(2025, 12, 31))
    added = [p for p in with_na.problems if p not in original.problems]
    assert [(p.file, p.line, p.field, p.severity) for p in added] == [
        ("events.csv", 2, "country", Severity.WARNING)
    ]
    assert "missing value" in added[0].message
    assert "NAM" in added[0].message
    assert "Namibia" in added[0].message


@pytest.mark.parametrize("marker", MARKERS)
def test_our_csv__na_incident_joins_no_accounts(marker):
    """Two unrelated accounts whose ``incident`` is ``NA`` are of no incident, not one named NA."""
    ledger = ledger_from_csv(
        f"{HEAD},incident\nA1,2021-08-01,other,Reuters,none,{marker}\nA2,2022-03-05,other,TASS,none,{marker}\n"
    )
    assert not ledger.problems
    assert [e.incident for e in ledger.events] == ["", ""]


@pytest.mark.parametrize("marker", MARKERS)
@pytest.mark.parametrize("column", ["location", "admin1", "notes", "source_url", "links", "date_end"])
def test_our_csv__na_in_an_optional_text_column_is_not_stated(marker, column):
    """``NA`` in location, admin1, notes, source_url, links or date_end reads as an empty cell."""
    with_na = ledger_from_csv(f"{HEAD},{column}\nA1,2021-08-01,other,Reuters,none,{marker}\n")
    empty = ledger_from_csv(f"{HEAD},{column}\nA1,2021-08-01,other,Reuters,none,\n")
    assert not with_na.problems
    assert with_na.events == empty.events


@pytest.mark.parametrize("marker", MARKERS)
def test_our_csv__na_parties_are_not_stated(marker):
    """``NA`` as actor or target is no party; as reporter_party it is empty, so the registry is
    asked, as for an empty cell (no "unknown party" error advising a party file)."""
    text = f"{HEAD},actor,target\nA1,2021-08-01,armed-clash,Reuters,{marker},{marker},{marker}\n"
    ledger = ledger_from_csv(text)
    empty = ledger_from_csv(f"{HEAD},actor,target\nA1,2021-08-01,armed-clash,Reuters,,,\n")
    assert not ledger.problems
    assert ledger.events == empty.events
    [event] = ledger.events
    assert (event.actor, event.target, event.reporter_party) == (None, None, "none")


@pytest.mark.parametrize("marker", MARKERS)
def test_our_csv__na_reported_on_is_not_stated(marker):
    """``NA`` as reported_on is no report date, not "not a date"."""
    ledger = ledger_from_csv(f"{HEAD},reported_on\nA1,2021-08-01,other,Reuters,none,{marker}\n")
    assert not ledger.problems
    assert [e.reported_on for e in ledger.events] == [None]


@pytest.mark.parametrize("marker", MARKERS)
@pytest.mark.parametrize("column", ["id", "date", "kind", "reported_by"])
def test_our_csv__na_in_a_required_column_is_an_empty_required_field(marker, column):
    """A required field holding ``NA`` is said to be empty (and which marker it holds), not "not a
    date", "unknown event kind" or an unregistered reporter."""
    values = {"id": "A1", "date": "2021-08-01", "kind": "other", "reported_by": "Reuters"}
    values[column] = marker
    ledger = ledger_from_csv(
        f"{HEAD}\n{values['id']},{values['date']},{values['kind']},{values['reported_by']},\n"
    )
    assert ledger.events == ()
    assert [(p.line, p.field, p.message) for p in ledger.problems] == [
        (2, column, f"required field is empty ({marker!r} marks a missing value)")
    ]


@pytest.mark.parametrize("marker", ["NA", "na", "Na"])
def test_our_csv__country_na_is_missing_with_a_warning_once_per_file(marker):
    """``NA`` as the country is a missing value, as R writes one, with a warning naming the file,
    the first line and the field, and how to name Namibia; ``NAM`` and ``Namibia`` are Namibia."""
    ledger = ledger_from_csv(
        f"{HEAD},country\nA1,2021-08-01,other,Reuters,none,{marker}\n"
        f"A2,2021-08-01,other,Reuters,none,{marker}\n"
        "A3,2021-08-01,other,Reuters,none,NAM\nA4,2021-08-01,other,Reuters,none,Namibia\n",
        label="r.csv",
    )
    assert [e.country for e in ledger.events] == ["", "", "NA", "NA"]
    [warning] = ledger.problems
    assert (warning.file, warning.line, warning.field, warning.severity) == (
        "r.csv",
        2,
        "country",
        Severity.WARNING,
    )
    assert warning.message == (
        f"country {marker!r} is read as a missing value, as R and pandas write one, not as Namibia: "
        "write 'NAM' or 'Namibia' for Namibia (warned once per file)"
    )


def test_jsonl__na_strings_read_as_in_our_csv():
    """JSON Lines goes through the same fields: a string ``"NA"`` (a table converted by a tool
    that wrote its missing cells so) is not stated, as ``null`` is."""
    line = {"id": "J1", "date": "2021-08-01", "kind": "other", "reported_by": "Reuters"}
    na = dict(line, incident="NA", date_end="NaN", actor="N/A", notes="NA", reporter_party="NA")
    ledger = ledger_from_csv(json.dumps(na) + "\n", suffix=".jsonl", label="t.jsonl")
    empty = ledger_from_csv(json.dumps(line) + "\n", suffix=".jsonl", label="t.jsonl")
    assert not ledger.problems
    assert ledger.events == empty.events


def test_our_csv__values_that_only_contain_na_are_kept():
    """Only a whole cell that is a marker is missing: ``NAK``, ``NA-1`` and ``Nagorno`` are values."""
    ledger = ledger_from_csv(f"{HEAD},incident,location\nA1,2021-08-01,other,Reuters,none,NA-1,NAK\n")
    assert [(e.incident, e.location) for e in ledger.events] == [("NA-1", "NAK")]


def test_our_csv__na_admin1_beside_a_region_given_as_the_country_is_the_region_alone():
    """``admin1`` ``NA`` with ``country`` Artsakh (read as a place) is the region, not "NA, Artsakh"."""
    ledger = ledger_from_csv(f"{HEAD},admin1,country\nA1,2021-08-01,other,Reuters,none,NA,Artsakh\n")
    assert [(e.admin1, e.country) for e in ledger.events] == [("Artsakh", "")]


def test_our_csv__na_date_end_is_no_last_day_after_the_report():
    """A month with ``date_end`` ``NA``, reported within that month, is read as the month alone:
    no warning that its last day is after ``reported_on``."""
    head = f"{HEAD},date_end,reported_on\n"
    with_na = ledger_from_csv(head + "A1,2021-08,other,Reuters,none,NA,2021-08-15\n")
    empty = ledger_from_csv(head + "A1,2021-08,other,Reuters,none,,2021-08-15\n")
    assert not with_na.problems
    assert with_na.events == empty.events
