"""``timeline`` and ``diff`` take ``--known-on`` as ``report`` and ``activity`` do.

The ledger records the date it was built for (``Ledger.known_on``) and the timeline and diff
take it from there; the command line gives the date once, to the ledger. Each output then says
it: a column of the timeline's CSV, a sentence under the titles, a key of the JSON.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from compliance.cli import main
from compliance.core.vocabulary import Trust
from compliance.linking.ledger import build_ledger
from compliance.render.tables import diff_json, timeline_csv
from compliance.views.timeline import diff, timeline

PERIOD = ["--from", "2022-01-01", "--to", "2022-12-31"]
KNOWN_ON = "2022-06-01"  # before the fighting of September 2022 was reported


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_timeline__known_on_reads_what_was_reported_by_then(capsys: pytest.CaptureFixture[str]) -> None:
    """The command's timeline is the API's on a ledger built for the date, differs from the one
    that reads every account, and names the date on every CSV row."""
    known = cli(capsys, "timeline", *PERIOD, "--every", "quarter", "--known-on", KNOWN_ON, "--format", "csv")
    every = cli(capsys, "timeline", *PERIOD, "--every", "quarter", "--format", "csv")
    ledger = build_ledger(known_on=KNOWN_ON)
    expected = timeline_csv(timeline(ledger, date(2022, 1, 1), date(2022, 12, 31), "quarter"))
    assert known == expected
    rows = list(csv.DictReader(io.StringIO(known)))
    assert {row["known_on"] for row in rows} == {KNOWN_ON}
    # the statuses differ at the year's end, not only the column: September 2022 was not yet reported
    plain = {_key(r): r["2022-12-31"] for r in csv.DictReader(io.StringIO(every))}
    limited = {_key(r): r["2022-12-31"] for r in rows}
    assert plain.keys() == limited.keys()
    assert plain != limited


def test_timeline_markdown__says_which_accounts_it_read(capsys: pytest.CaptureFixture[str]) -> None:
    known = cli(capsys, "timeline", *PERIOD, "--every", "quarter", "--known-on", KNOWN_ON)
    every = cli(capsys, "timeline", *PERIOD, "--every", "quarter")
    sentence = f"Only accounts reported by {KNOWN_ON} are read."
    assert sentence in known
    assert "Only accounts reported by" not in every


def test_diff__known_on_reads_what_was_reported_by_then(capsys: pytest.CaptureFixture[str]) -> None:
    known = cli(capsys, "diff", *PERIOD, "--known-on", KNOWN_ON, "--format", "json")
    every = cli(capsys, "diff", *PERIOD, "--format", "json")
    ledger = build_ledger(known_on=KNOWN_ON)
    changes = diff(ledger, date(2022, 1, 1), date(2022, 12, 31))
    assert known == diff_json(changes, "2022-01-01", "2022-12-31", Trust.STANDARD, ledger.known_on)
    assert json.loads(known)["known_on"] == KNOWN_ON
    assert json.loads(every)["known_on"] is None
    assert json.loads(known)["findings"] != json.loads(every)["findings"]
    markdown = cli(capsys, "diff", *PERIOD, "--known-on", KNOWN_ON)
    assert f"Only accounts reported by {KNOWN_ON} are read." in markdown


def _key(row: dict[str, str]) -> tuple[str, str, str]:
    return row["agreement"], row["article"], row["obligation"]
