"""Every unlinked record with its reason, in the reports: which rows bear on nothing, and why.

The accounting counted unlinked records by reason and the report listed their ids, but nothing
said which reason each id was counted under. The rows here are SYNTHETIC.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.core.natural_order import natural_key

SRC = "https://example.org/account"
ROWS = (
    "id,date,kind,actor,target,location,country,reported_by,reporter_party,source_url\n"
    f"FAR1,2021-05-01,armed-clash,,,Khartoum,SD,Reuters,none,{SRC}\n"
    f"FAR2,2021-05-02,armed-clash,,,Omdurman,SD,Reuters,none,{SRC}\n"
    f"OLD1,2019-05-01,armed-clash,AZE,ARM,Tavush,AM,Reuters,none,{SRC}\n"
)


def report(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> str:
    events = tmp_path / "events.csv"
    events.write_text(ROWS, encoding="utf-8")
    code = main(["report", "--events", str(events), "--as-of", "2021-06-01", "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_unlinked__the_json_report_gives_each_records_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(report(tmp_path, capsys, "json"))
    assert data["why_unlinked"] == {
        "FAR1": "outside the agreement's area",
        "FAR2": "outside the agreement's area",
        "OLD1": "before the agreement",
    }
    assert sorted(data["why_unlinked"], key=natural_key) == data["unlinked"]
    counted: dict[str, int] = {}
    for why in data["why_unlinked"].values():
        counted[why] = counted.get(why, 0) + 1
    assert counted == data["accounting"]["unlinked_reasons"]


def test_unlinked__the_markdown_report_names_the_first_records_of_each_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown = report(tmp_path, capsys, "markdown")
    assert "| outside the agreement's area | 2 | `FAR1`, `FAR2` |" in markdown
    assert "| before the agreement | 1 | `OLD1` |" in markdown
