"""Every output that gives a status names the trust policy it was decided under.

The diff and the lineage gave statuses under the standard policy and never said so, and the
lineage could not be asked for another: Armenia's facilitation of the EU mission (Prague 2022,
point 3) reads fulfilled under the standard policy and disputed under the strict one.
"""

from __future__ import annotations

import json

import pytest

from compliance.cli import main

FACILITATE = "pr2022-3-facilitate-arm"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_lineage__takes_and_names_the_trust_policy(capsys: pytest.CaptureFixture[str]) -> None:
    standard = json.loads(cli(capsys, "lineage", FACILITATE, "--as-of", "2026-11-22", "--format", "json"))
    strict = json.loads(
        cli(capsys, "lineage", FACILITATE, "--as-of", "2026-11-22", "--trust", "strict", "--format", "json")
    )
    assert (standard["trust"], standard["status"]) == ("standard", "fulfilled")
    assert (strict["trust"], strict["status"]) == ("strict", "disputed")
    markdown = cli(capsys, "lineage", FACILITATE, "--as-of", "2026-11-22", "--trust", "strict")
    assert "Status as of 2026-11-22 under the strict trust policy: disputed" in markdown


def test_diff__names_the_trust_policy(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("diff", "--from", "2022-01-01", "--to", "2023-01-01", "--trust", "broad")
    assert json.loads(cli(capsys, *args, "--format", "json"))["trust"] == "broad"
    assert "Statuses under the broad trust policy." in cli(capsys, *args)


def test_heatmaps__name_the_trust_policy(capsys: pytest.CaptureFixture[str]) -> None:
    """A heatmap is a file of its own, shared without the report or table beside it: its title
    names the policy, as the timeline's Markdown and JSON and the report do. The timeline's SVG
    under ``strict`` read exactly as one under ``standard``."""
    import xml.etree.ElementTree as ET

    from compliance import Report
    from compliance.linking.ledger import build_ledger
    from compliance.views.pictures import heatmap_of_report

    svg = cli(
        capsys,
        "timeline",
        "--from",
        "2022-01-01",
        "--to",
        "2023-01-01",
        "--trust",
        "strict",
        "--format",
        "svg",
    )
    title = ET.fromstring(svg).findtext("{http://www.w3.org/2000/svg}title")
    assert title == (
        "Status of each obligation by month, periods ending 2022-01-31 to 2023-01-01, under the strict trust policy"
    )
    report = Report.build(build_ledger(), "2026-11-22", trust="broad")
    assert heatmap_of_report(report).title.endswith(", under the broad trust policy")


def test_breaches_picture__names_the_policy_its_grades_follow() -> None:
    """The bars are stacked by grade, and a grade depends on whose word one takes: the picture,
    a file of its own, says under which policy its accounts were graded."""
    from compliance.linking.ledger import build_ledger
    from compliance.views.activity import activity
    from compliance.views.pictures import breach_counts

    counts = breach_counts(activity(build_ledger(), "2022-01-01", "2022-12-31", "month", trust="strict"))
    assert counts.title == (
        "Breach accounts per month and bearer, by grade under the strict trust policy, 2022-01-01 to 2022-12-31"
    )
