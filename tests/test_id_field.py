"""A problem about an account's id names the field as the file's format calls it.

ACLED exports give the id in ``event_id_cnty``: a duplicate named the field ``id``, which a
researcher searching the export for the column does not find.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.cli import main
from compliance.core.problems import Problem, Severity
from compliance.linking.ledger import build_ledger
from compliance.views.validation import Validation
from tests.support import rows
from tests.test_readers import acled_csv, acled_row


def _id_problems(problems: tuple[Problem, ...], file: Path) -> list[tuple[int, str, Severity]]:
    return sorted(
        (p.line, p.field, p.severity)
        for p in problems
        if p.file == str(file) and p.field in ("id", "event_id_cnty")
    )


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """An ACLED export with one id on two rows that differ and one on two identical rows, and
    a file of our format with a duplicate id."""
    acled = tmp_path / "acled.csv"
    acled.write_text(
        acled_csv(
            acled_row(),
            acled_row(fatalities="4"),  # ARM1271 again, revised
            acled_row(event_id_cnty="ARM1272"),
            acled_row(event_id_cnty="ARM1272"),  # an identical copy
        ),
        encoding="utf-8",
    )
    ours = tmp_path / "ours.csv"
    ours.write_text(
        rows(
            "X1,2021-07-28,,armed-clash,AZE,Yeraskh,Armenian MoD,ARM,https://example.org/1,,,",
            "X1,2021-07-29,,armed-clash,AZE,Yeraskh,Armenian MoD,ARM,https://example.org/1,,,",
        ),
        encoding="utf-8",
    )
    return acled, ours


def test_duplicate_id__an_acled_file_names_event_id_cnty(files: tuple[Path, Path]) -> None:
    """Both copies of an ACLED id given to rows that differ, and the left-out identical copy,
    name ``event_id_cnty``; a file of our format still names ``id``."""
    acled, ours = files
    ledger = build_ledger(None, [acled, ours])
    assert _id_problems(ledger.problems, acled) == [
        (2, "event_id_cnty", Severity.ERROR),
        (3, "event_id_cnty", Severity.ERROR),
        (5, "event_id_cnty", Severity.WARNING),
    ]
    assert _id_problems(ledger.problems, ours) == [(2, "id", Severity.ERROR), (3, "id", Severity.ERROR)]


def test_duplicate_id__validate_names_event_id_cnty(files: tuple[Path, Path]) -> None:
    """``compliance validate`` reads the files its own way: its problems name the column too."""
    acled, _ = files
    validation = Validation.run([acled])
    fields = {p.field for p in validation.problems if "duplicate id" in p.message}
    assert fields == {"event_id_cnty"}


def test_id_with_control_characters__an_acled_file_names_event_id_cnty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The id refused for a control character is named as the export names it."""
    acled = tmp_path / "acled.csv"
    acled.write_text(acled_csv(acled_row(event_id_cnty="ARM\x1b1271")), encoding="utf-8")
    main(["validate", str(acled)])
    err = capsys.readouterr().err
    assert f"{acled}:2: event_id_cnty: an id must not contain control characters" in err
