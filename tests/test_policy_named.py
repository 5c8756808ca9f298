"""Every output that gives a status names the trust policy it was decided under.

The diff and the lineage gave statuses under the standard policy and never said so, and the
lineage could not be asked for another: the new-route plan of point 6 reads fulfilled under the
standard policy and disputed under the strict one.
"""

from __future__ import annotations

import json

import pytest

from compliance.cli import main

ROUTE = "ts2020-6-new-route-plan"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_lineage__takes_and_names_the_trust_policy(capsys: pytest.CaptureFixture[str]) -> None:
    standard = json.loads(cli(capsys, "lineage", ROUTE, "--as-of", "2026-11-22", "--format", "json"))
    strict = json.loads(
        cli(capsys, "lineage", ROUTE, "--as-of", "2026-11-22", "--trust", "strict", "--format", "json")
    )
    assert (standard["trust"], standard["status"]) == ("standard", "fulfilled")
    assert (strict["trust"], strict["status"]) == ("strict", "disputed")
    markdown = cli(capsys, "lineage", ROUTE, "--as-of", "2026-11-22", "--trust", "strict")
    assert "Status as of 2026-11-22 under the strict trust policy: disputed" in markdown


def test_diff__names_the_trust_policy(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("diff", "--from", "2022-01-01", "--to", "2023-01-01", "--trust", "broad")
    assert json.loads(cli(capsys, *args, "--format", "json"))["trust"] == "broad"
    assert "Statuses under the broad trust policy." in cli(capsys, *args)
