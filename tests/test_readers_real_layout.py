"""Real exports laid out as they reach us: saved again by pandas, or with a title above the header.

The files are synthetic copies of the verbatim excerpts in tests/data/real/ (see its README.md):
their rows are the real rows, with only the layout changed as the tool named in each test changes it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.core.problems import Problem, Severity
from compliance.readers import Record
from tests.test_readers_real import HDX_ARMENIA, HDX_ARMENIA_UNITS, MODERN_2024, load, read_text


def pandas_saved(path: Path) -> str:
    """The file as ``pd.read_csv(path).to_csv(out)`` writes it: a first column with an empty name,
    holding the row index, and the HXL row as row ``0`` (``0,,#event+code,…``). pandas also
    writes whole numbers of a column with blanks as ``4920.0``; the readers take those as
    integers, and the rows are kept as they are here."""
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["", *header])
    writer.writerows([str(index), *row] for index, row in enumerate(rows))
    return out.getvalue()


@pytest.mark.parametrize("path", [HDX_ARMENIA, HDX_ARMENIA_UNITS], ids=lambda p: p.stem)
def test_pandas_saved_hdx__the_tag_row_is_skipped_under_the_index_column(path: Path):
    """Line 2 is ``0,,#event+code,…``: the index cell is ignored as the header's is, so the tag row
    is no record, and every row reads as from the file pandas read."""
    text = pandas_saved(path)
    assert text.split("\n")[1].startswith("0,,#event+code,")
    items = read_text(text, "saved.csv")
    records = [item for item in items if isinstance(item, Record)]
    original, _ = load(path)
    assert [item for item in items if isinstance(item, Problem)] == []
    assert [r.problems for r in records if r.problems] == []
    assert [r.origin.line for r in records] == [r.origin.line for r in original]
    assert [r.event for r in records] == [r.event for r in original]


def test_pandas_saved_hdx__validate_finds_no_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "saved.csv"
    path.write_text(pandas_saved(HDX_ARMENIA_UNITS), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().err


def test_index_column__a_row_of_tags_with_a_blank_index_is_still_skipped():
    """The index cell is left out of the test wherever it is blank, too (an index never is, but a
    leading unnamed column of another tool may be)."""
    header, tags, first = HDX_ARMENIA_UNITS.read_text(encoding="utf-8").split("\n")[:3]
    items = read_text(f",{header}\n,{tags}\n7,{first}\n", "blank.csv")
    [record] = items
    assert isinstance(record, Record)
    assert (record.origin.line, record.problems) == (3, ())


def test_title_above_an_acled_header__one_error_naming_the_header_line():
    """The layout of a real ACLED export (``Tanisboxed/GeoSentinel``, ``data/acled_data.csv``): a
    title line ``(Sample)``, a blank line, then the header. Read from line 1 it was our CSV lacking
    four columns; the error says which line is the header, and no line is taken for a record."""
    text = "(Sample)\n\n" + MODERN_2024.read_text(encoding="utf-8")
    [problem] = read_text(text, "acled_data.csv")
    assert isinstance(problem, Problem)
    assert (problem.file, problem.line, problem.field, problem.severity) == (
        "acled_data.csv",
        1,
        "-",
        Severity.ERROR,
    )
    assert problem.message.startswith(
        "line 1 is not a header row; an ACLED header is on line 3: remove the lines"
    )


def test_title_above_our_header__names_our_header():
    [problem] = read_text("Events, December\nid,date,kind,reported_by\n", "ours.csv")
    assert isinstance(problem, Problem)
    assert "our CSV header is on line 2" in problem.message


def test_no_header_within_the_first_lines__read_as_before():
    """A header further down than :data:`LOOK_AHEAD` lines is not looked for: the file is our CSV
    lacking its columns, as before."""
    text = "title\n" * 6 + MODERN_2024.read_text(encoding="utf-8")
    items = read_text(text, "far.csv")
    assert [item for item in items if isinstance(item, Record)] == []
    [error] = [item for item in items if isinstance(item, Problem) and item.severity is Severity.ERROR]
    assert (error.line, error.field) == (1, "id, date, kind, reported_by")
    assert "required column(s) missing" in error.message
