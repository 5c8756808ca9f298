"""The activity table as a reader of the Markdown sees it: the bearers as the report writes them,
and a warning against adding up a column. Runs on the bundled data."""

from __future__ import annotations

import csv
import io

import pytest

from compliance.cli import main

ARGS = ["activity", "--from", "2025-01-01", "--to", "2025-12-31", "--every", "quarter"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_activity_markdown__bearers_read_as_in_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    """A joint duty's bearers are "ARM, AZE", as in the report's obligation tables; the CSV and
    JSON keep the ``ARM;AZE`` a program splits on."""
    markdown = cli(capsys, *ARGS)
    assert "| ARM, AZE |" in markdown
    assert "ARM;AZE" not in markdown
    rows = list(csv.DictReader(io.StringIO(cli(capsys, *ARGS, "--format", "csv"))))
    assert "ARM;AZE" in {r["bearers"] for r in rows}


def test_activity_markdown__says_a_column_total_counts_an_account_once_per_obligation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Azerbaijani account of 21 April 2025 (E112) bears on three obligations of Armenia and
    is in three rows of the second quarter; the table said nothing of it, and a reader adding up
    the Accounts column counted one account three times."""
    markdown = cli(capsys, *ARGS)
    breaches = [
        line
        for line in markdown.splitlines()
        if line.startswith("| 2025-04-01 to 2025-06-30 |") and "| breaches | contested | 1 | 1 |" in line
    ]
    assert len(breaches) == 3
    intro = markdown.split("| Period |", 1)[0]
    assert "counted in the row of each" in intro
    assert "not a number of distinct accounts" in intro
