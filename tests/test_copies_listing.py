"""A download given twice, or beside a re-saved copy, is listed in a few lines, not one per row.

Each copy set aside (or rejected) keeps its own problem, at its own file and line, but the text
names the file read (or the files holding the copies), not the row's id and place: copies alike
share one text, so standard error, the Markdown report and the JSON report group them. A
researcher who passed one ACLED export twice got 4,965 warning lines.

The rows are real and verbatim (``tests/data/real/acled-hdx-armenia-2018-2020.csv``, the first
``n`` records). The copies are SYNTHETIC where said: a later ``timestamp`` (a revision), or a
note changed under the same time stamp (copies that differ). They are not ACLED's data.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from compliance.cli import main

REAL = Path(__file__).parent / "data" / "real" / "acled-hdx-armenia-2018-2020.csv"
with REAL.open(encoding="utf-8", newline="") as _handle:
    HEADER, HXL, *BODY = list(csv.reader(_handle))
_STAMP, _NOTES = HEADER.index("timestamp"), HEADER.index("notes")
DAY = 86_400

SIZES = [1, 2, 6, 40, len(BODY)]


def _copy(row: list[str], kind: str) -> list[str]:
    """The row as the second file gives it: itself, a later revision, or one that differs."""
    if kind == "revised":  # SYNTHETIC: uploaded again a day later
        return [str(int(v) + DAY) if i == _STAMP else v for i, v in enumerate(row)]
    if kind == "differ":  # SYNTHETIC: a note changed, under the same time stamp
        return [v + " [synthetic]" if i == _NOTES else v for i, v in enumerate(row)]
    return row


def _files(folder: Path, n: int, kind: str) -> tuple[Path, Path]:
    """``a.csv``, the first ``n`` real rows, and ``b.csv``, their copies of ``kind``."""
    paths = []
    for name, body in (("a.csv", BODY[:n]), ("b.csv", [_copy(row, kind) for row in BODY[:n]])):
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([HEADER, HXL, *body])
        paths.append(path)
    return paths[0], paths[1]


def _validate(paths: list[Path], capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(["validate", *map(str, paths)])
    return capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("kind", ["identical", "revised", "differ"])
def test_copies__two_files_of_n_rows_give_the_same_few_lines_whatever_n_and_the_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, n: int
) -> None:
    """Two files holding the same ``n`` ids give one line per file of copies on standard error
    (identical or older copies: one line, in the file set aside; copies that differ: one line
    in each file, every copy rejected), whatever ``n``, in either order of the files, with the
    same text; the accounting counts every copy."""
    a, b = _files(tmp_path, n, kind)
    err = _validate([a, b], capsys)
    assert _validate([b, a], capsys) == err
    copies = [line for line in err if ": event_id_cnty: " in line]
    rejected = 2 * n if kind == "differ" else n
    assert any(
        line.startswith(f"events: read {2 * n}, ") and line.endswith(f"rejected {rejected}") for line in err
    )
    shown = ", ".join(str(line) for line in range(3, 3 + min(n, 5))) + (", …" if n > 5 else "")
    tail = f" ({n:,} rows; lines {shown})" if n > 1 else ""
    at = ":3" if n == 1 else ""
    if kind == "identical":
        assert copies == [
            f"{b}{at}: event_id_cnty: warning: id given again, in a record identical to one read from {a}: "
            f"the account is read once{tail}"
        ]
    elif kind == "revised":
        assert copies == [
            f"{a}{at}: event_id_cnty: warning: id revised by ACLED: this record is an earlier revision of "
            f"one read from {b}{tail}"
        ]
    else:
        assert copies == [
            f"{path}{at}: event_id_cnty: duplicate id, given to records that differ (copies in {a}, {b}): every "
            "copy is rejected (ACLED's time stamps tell no latest revision: the latest one is given to "
            f"records that differ, or a record has none){tail}"
            for path in (a, b)
        ]


@pytest.mark.parametrize("n", [1, 40])
def test_copies__the_reports_list_a_file_given_twice_as_one_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], n: int
) -> None:
    """The JSON report lists the copies of a file given twice as one problem object counting them
    (the file set aside, its first lines and every line as one run), the Markdown report as one
    row of its problem table."""
    a, b = _files(tmp_path, n, "identical")
    events = ["--events", str(a), "--events", str(b)]
    assert main(["report", *events, "--format", "json", "--output", str(tmp_path / "r.json")]) == 0
    assert main(["report", *events, "--format", "markdown", "--output", str(tmp_path / "r.md")]) == 0
    capsys.readouterr()
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["accounting"]["rejected"] == n
    message = f"id given again, in a record identical to one read from {a}: the account is read once"
    assert [p for p in report["problems"] if p["field"] == "event_id_cnty"] == [
        {
            "file": str(b),
            "line": 3,
            "lines": list(range(3, 3 + min(n, 10))),
            "line_ranges": [[3, 3 + n - 1]],
            "count": n,
            "field": "event_id_cnty",
            "message": message,
            "severity": "warning",
        }
    ]
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8").splitlines()
    rows = [line for line in markdown if "| id given again, in a record identical to one read from " in line]
    assert len(rows) == 1
    assert rows[0].endswith(f"| {n} |")
