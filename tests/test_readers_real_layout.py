"""Real exports laid out as they reach us: saved again by pandas.

The files are synthetic copies of the verbatim excerpts in tests/data/real/ (see its README.md):
their rows are the real rows, with only the layout changed as the tool named in each test changes it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.core.problems import Problem
from compliance.readers import Record
from tests.test_readers_real import HDX_ARMENIA, HDX_ARMENIA_UNITS, load, read_text


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
