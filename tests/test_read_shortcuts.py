"""The shortcuts of reading our CSV give exactly what the plain computation gives.

- :class:`CsvRecords` splits a line without quotes at the delimiter instead of handing it to
  ``csv.reader``: over any lines without quotes (odd line ends, NULs, blank lines, lines cut
  anywhere) it must give the rows and errors, at the lines, that ``csv.reader`` gives.
"""

from __future__ import annotations

import csv

from hypothesis import example, given, settings
from hypothesis import strategies as st

from compliance.readers.records import DELIMITERS, CsvRecords

Outcome = tuple[list[str] | str, int]


def _outcomes(reader: CsvRecords | object) -> list[Outcome]:
    """Each row (or the message of the error it raised) with the reader's line number after it."""
    taken: list[Outcome] = []
    while True:
        try:
            row: list[str] | str = next(reader)  # type: ignore[call-overload]
        except StopIteration:
            return taken
        except csv.Error as exc:
            row = f"error: {exc}"
        taken.append((row, reader.line_num))  # type: ignore[attr-defined]


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.text(alphabet="a ,;\t\r\n\x00", min_size=1, max_size=12), max_size=6),
    st.sampled_from(DELIMITERS),
)
@example(["\n", "a,b\r\n", ",\n", "a\rb\n", "a,b\n\r", " \n", "a"], ",")
def test_lines_without_quotes__split_as_csv_reads_them(lines: list[str], delimiter: str) -> None:
    """Split in Python or parsed by csv, a line without quotes gives the same row, or error."""
    plain = csv.reader(iter(lines), delimiter=delimiter, strict=False)
    assert _outcomes(CsvRecords(lines, delimiter)) == _outcomes(plain)
