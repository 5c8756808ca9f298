"""Every CSV row names the trust policy (and, for counts, the report date) it was made under.

The report's CSV rows end with ``as_of``, ``known_on`` and ``trust``; the timeline and activity
CSVs had none of them. A researcher who wrote one file per policy and stacked them into one
frame could no longer tell a ``strict`` row from a ``broad`` one: the statuses and grades differ,
the rows say nothing of why. Runs on the bundled data.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from compliance.cli import main

PERIOD = ["--from", "2022-01-01", "--to", "2022-12-31", "--every", "quarter"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.mark.parametrize("trust", ["strict", "standard", "broad"])
def test_timeline_csv__every_row_names_its_trust_policy(
    capsys: pytest.CaptureFixture[str], trust: str
) -> None:
    """A ``trust`` column after the ids, before the dates, holds the policy on every row."""
    table = list(
        csv.reader(io.StringIO(cli(capsys, "timeline", *PERIOD, "--trust", trust, "--format", "csv")))
    )
    assert table[0][:5] == ["agreement", "article", "obligation", "trust", "known_on"]
    assert table[0][5:] == ["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"]
    assert len(table) > 1
    assert {row[3] for row in table[1:]} == {trust}
    assert {row[4] for row in table[1:]} == {""}  # every account read: no known-on date


def test_timeline_csv__stacked_runs_can_be_told_apart(capsys: pytest.CaptureFixture[str]) -> None:
    """Two policies' timelines stacked into one table: the rows whose statuses differ differ by
    their ``trust`` cell, so no two rows have the same key."""
    rows = [
        row
        for trust in ("strict", "broad")
        for row in csv.DictReader(
            io.StringIO(cli(capsys, "timeline", *PERIOD, "--trust", trust, "--format", "csv"))
        )
    ]
    keys = [(r["agreement"], r["article"], r["obligation"], r["trust"]) for r in rows]
    assert len(set(keys)) == len(keys)


def test_activity_csv__every_row_names_its_trust_policy_and_known_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The activity CSV ends each row with ``known_on`` and ``trust``, as the report's rows do,
    and the JSON and Markdown give the same ``known_on`` once."""
    args = ["activity", *PERIOD, "--trust", "broad", "--known-on", "2022-10-01"]
    rows = list(csv.DictReader(io.StringIO(cli(capsys, *args, "--format", "csv"))))
    assert rows
    assert list(rows[0])[-2:] == ["known_on", "trust"]
    assert {(r["known_on"], r["trust"]) for r in rows} == {("2022-10-01", "broad")}
    data = json.loads(cli(capsys, *args, "--format", "json"))
    assert (data["known_on"], data["trust"]) == ("2022-10-01", "broad")
    assert len(data["rows"]) == len(rows)
    assert "Only accounts reported by 2022-10-01 are counted." in cli(capsys, *args)


def test_activity_csv__known_on_is_empty_when_every_account_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without ``--known-on`` the cell is empty (as in the report's CSV) and the JSON has ``null``."""
    rows = list(csv.DictReader(io.StringIO(cli(capsys, "activity", *PERIOD, "--format", "csv"))))
    assert rows
    assert {(r["known_on"], r["trust"]) for r in rows} == {("", "standard")}
    assert json.loads(cli(capsys, "activity", *PERIOD, "--format", "json"))["known_on"] is None
