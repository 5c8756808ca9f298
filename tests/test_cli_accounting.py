"""The commands whose output has no place for the accounting print it on standard error.

A timeline, an activity table, a diff, a lineage or the report's CSV rows counts only the accounts that bear on it. Run
on a real ACLED export whose rows all fall before the agreements or are domestic, each gave an
empty table and nothing else: nothing said that 113 rows were read, nor why none bore on it.
"""

from __future__ import annotations

import re

import pytest

from compliance.cli import main
from tests.test_readers_real import REAL

HDX = str(REAL / "acled-hdx-armenia-2018-2020.csv")
PERIOD = ["--from", "2020-01-01", "--to", "2021-01-01"]


@pytest.mark.parametrize(
    "command",
    [
        ["timeline", *PERIOD, "--format", "csv"],
        ["timeline", *PERIOD, "--format", "svg"],
        ["activity", *PERIOD, "--format", "csv"],
        ["activity", *PERIOD, "--format", "json"],
        ["diff", *PERIOD],
        ["lineage", "ts2020-1-ceasefire-aze", "--as-of", "2021-01-01"],
        ["report", "--as-of", "2021-01-01", "--format", "csv"],
    ],
)
def test_accounting__every_command_says_where_the_records_read_went(command, capsys):
    """Read = linked + unlinked + rejected on standard error, with the reasons of the unlinked, as
    ``validate`` prints them; standard output holds the command's output alone."""
    assert main([*command, "--events", HDX]) == 0
    out, err = capsys.readouterr()
    assert "events: read" not in out
    lines = err.splitlines()
    assert "events: read 113, linked 0, unlinked 113, rejected 0" in lines
    assert "unlinked: before the agreement 73, domestic event 40" in lines


def test_accounting__the_counts_add_up_with_rejected_records(tmp_path, capsys):
    """A file with a bad row: the rejected record is counted, and the counts add up."""
    lines = HDX_TEXT.splitlines(keepends=True)
    lines[2] = lines[2].replace("2020-12-", "2020-13-", 1)
    path = tmp_path / "hdx.csv"
    path.write_text("".join(lines), encoding="utf-8")
    assert main(["activity", *PERIOD, "--events", str(path)]) == 0
    err = capsys.readouterr().err
    found = re.search(r"^events: read (\d+), linked (\d+), unlinked (\d+), rejected (\d+)$", err, re.M)
    assert found is not None
    read, linked, unlinked, rejected = map(int, found.groups())
    assert (read, rejected) == (113, 1)
    assert read == linked + unlinked + rejected
    assert f"{path}:3: event_date: " in err


HDX_TEXT = (REAL / "acled-hdx-armenia-2018-2020.csv").read_text(encoding="utf-8")


def test_accounting__each_unlinked_record_has_its_reason():
    """The ledger says why each unlinked account bears on nothing, not only how many do: a
    researcher asking why row ARM4949 of the real export is not linked could find the count of
    each reason, never which rows it counted."""
    import collections

    from compliance.linking.ledger import build_ledger

    ledger = build_ledger(None, [REAL / "acled-hdx-armenia-2018-2020.csv"], keep_unlinked=False)
    assert tuple(ledger.why_unlinked) == ledger.unlinked
    assert collections.Counter(ledger.why_unlinked.values()) == ledger.accounting.unlinked_reasons
    assert ledger.why_unlinked["ARM4927"] == "domestic event"  # a riot in Yerevan, 10 Nov 2020
    assert ledger.why_unlinked["ARM4920"] == "before the agreement"  # a strike near Kapan, 27 Oct 2020


def test_inputs__an_event_file_that_is_a_pipe_says_how_to_read_a_pipe(tmp_path, capsys):
    """``--events /dev/stdin`` or ``--events <(zcat acled.csv.gz)`` names a pipe, which is refused
    (one without a writer would wait for ever): the message says to give ``-`` and pipe the events
    to standard input, where it said only that a FIFO is not a regular file."""
    import os

    pipe = tmp_path / "events.csv"
    os.mkfifo(pipe)
    assert main(["report", "--events", str(pipe)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"compliance: {pipe}: cannot read: a FIFO (named pipe), not a regular file; to read events "
        "from a pipe, give --events - and send them to standard input "
        "(zcat acled.csv.gz | compliance report --events -)\n"
    )
