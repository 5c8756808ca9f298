"""An ACLED export re-saved by a spreadsheet in a European locale: ``event_date`` with the year
last, read by the rules of our own format (docs/event-formats.md#dates-a-spreadsheet-rewrote).

The rows are real (``tests/data/real/acled-hdx-armenia-2018-2020.csv``); every file written here
is SYNTHETIC: those rows with ``event_date`` rewritten ``dd/mm/yyyy`` or ``dd.mm.yyyy``, as such a
spreadsheet saves them. ACLED published no such file.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.readers import Record
from tests.test_readers import read

REAL = Path(__file__).parent / "data" / "real" / "acled-hdx-armenia-2018-2020.csv"
with REAL.open(encoding="utf-8", newline="") as _handle:
    HEADER, HXL, *BODY = list(csv.reader(_handle))
_DATE = HEADER.index("event_date")


def _rewritten(iso: str, separator: str) -> str:
    """``2020-12-05`` as a European spreadsheet writes it: ``05/12/2020`` or ``05.12.2020``."""
    year, month, day = iso.split("-")
    return separator.join((day, month, year))


def _report(path: Path, body: list[list[str]]) -> dict[str, object]:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([HEADER, HXL, *body])
    output = path.with_suffix(".json")
    assert main(["report", "--events", str(path), "--format", "json", "--output", str(output)]) == 0
    report: dict[str, object] = json.loads(output.read_text(encoding="utf-8"))
    return report


@pytest.mark.parametrize(
    ("separator", "warning"),
    [
        (
            "/",
            "dates whose day and month could be either way round are read as day/month/year, the order "
            "line 11 shows ('30/11/2020' can be read no other way): '05/12/2020' is 2020-12-05; "
            "write dates as YYYY-MM-DD (ISO 8601), as there",
        ),
        ("-", "read as day-month-year, the order line 11 shows ('30-11-2020' can be read no other way)"),
        (
            ".",
            "dates written day.month.year are read day first, as that form always is: '05.12.2020' is "
            "2020-12-05; write dates as YYYY-MM-DD (ISO 8601), as there",
        ),
    ],
)
def test_acled_event_date__rewritten_year_last_reads_as_the_original_with_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], separator: str, warning: str
) -> None:
    """The real rows with every ``event_date`` rewritten day first give the report of the
    original file, but for one warning naming the order read (a slashed file: the line whose
    date can be read one way only)."""
    path = tmp_path / "acled.csv"
    original = _report(path, BODY)
    rewritten = [[_rewritten(v, separator) if i == _DATE else v for i, v in enumerate(row)] for row in BODY]
    european = _report(path, rewritten)
    capsys.readouterr()
    problems = european.pop("problems")
    assert isinstance(problems, list)
    told = [p for p in problems if p not in original["problems"]]  # type: ignore[operator]
    assert len(told) == 1
    assert told[0]["field"] == "event_date"
    assert told[0]["severity"] == "warning"
    assert warning in told[0]["message"]
    assert [p for p in problems if p is not told[0]] == original.pop("problems")
    assert european == original


MINIMAL = "event_id_cnty,event_date,time_precision,event_type,actor1,source\n"


def _row(event_id: str, day: str) -> str:
    return f"{event_id},{day},1,Protests,Protesters (Armenia),Armenpress\n"


def test_acled_event_date__a_file_that_settles_no_order_rejects_each_two_way_row_as_our_format_does() -> None:
    """Words and all as in our format: the rows read one way only are read (a midnight time as a
    spreadsheet writes a date cell is the day), each two-way row rejected at its line, after the
    others (held to the file's end)."""
    items = read(
        MINIMAL + _row("ARM1", "05/12/2020 00:00") + _row("ARM2", "2020-12-06") + _row("ARM3", "5/5/2020")
    )
    found = [
        (r.origin.line, r.event is not None, [p.message for p in r.problems])
        for r in items
        if isinstance(r, Record)
    ]
    assert found == [
        (3, True, []),
        (4, True, []),
        (
            2,
            False,
            [
                "ambiguous date '05/12/2020': 5 December 2020 or 12 May 2020? no date in the file settles "
                "whether the day or the month comes first; write dates as YYYY-MM-DD (ISO 8601)"
            ],
        ),
    ]
