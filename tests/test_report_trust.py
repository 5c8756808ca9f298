"""The report shows whose word a status depends on: status_by_trust, its Markdown section, why, --trust."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.core.vocabulary import Status, Trust
from compliance.render.json import report_dict
from compliance.render.markdown import render_markdown
from compliance.views.report import Report
from tests.support import ledger_from_csv, rows

SRC = "https://example.org/account"
CEASEFIRE_AZE = "ts2020-1-ceasefire-aze"
ATTRIBUTION = (
    "E042,2022-03-26,,ceasefire-violation,AZE,Farrukh/Parukh,Ministry of Defence of Russia,RUS,"
    f"{SRC},2022-03-24-farrukh-parukh,trilateral-2020#1/{CEASEFIRE_AZE}:breaches,"
)
AS_OF = date(2022, 4, 30)


def _obligation(data: dict[str, object], obligation_id: str) -> dict[str, object]:
    for agreement in data["agreements"]:  # type: ignore[attr-defined]
        for article in agreement["articles"]:
            for ob in article["obligations"]:
                if ob["id"] == obligation_id:
                    return ob  # type: ignore[no-any-return]
    raise KeyError(obligation_id)


def test_report__every_obligation_has_its_status_under_each_policy_and_why() -> None:
    """The JSON gives status_by_trust and why for every obligation; E042 alone is violated unless strict."""
    report = Report.build(ledger_from_csv(rows(ATTRIBUTION)), AS_OF, ["trilateral-2020"])
    data = report_dict(report)
    ob = _obligation(data, CEASEFIRE_AZE)
    assert ob["status_by_trust"] == {"strict": "disputed", "standard": "violated", "broad": "violated"}
    assert ob["why"] == {"rule": "confirmed breach", "accounts": ["E042"]}
    assert data["trust"] == "standard"
    every = [o for a in data["agreements"] for art in a["articles"] for o in art["obligations"]]
    assert all(set(o["status_by_trust"]) == {"strict", "standard", "broad"} for o in every)


def test_report__the_markdown_lists_the_obligations_whose_status_depends_on_the_policy() -> None:
    """The section names the obligation, its three statuses and the account each turns on; why is under the table."""
    text = render_markdown(Report.build(ledger_from_csv(rows(ATTRIBUTION)), AS_OF, ["trilateral-2020"]))
    section = text.split("## Statuses that depend on whose word one takes", 1)[1].split("\n## ", 1)[0]
    e042 = re.search(r"^\*\*(A\d+)\*\* `E042`", text, re.M)  # its number under Evidence
    assert e042 is not None
    ref = f"{e042[1]} `E042`"
    assert f"| `{CEASEFIRE_AZE}` | disputed ({ref}) | violated ({ref}) | violated ({ref}) |" in section
    assert "ts2020-1-ceasefire-arm" not in section
    assert f"- `{CEASEFIRE_AZE}` violated. Why: confirmed breach — accounts {ref}" in text


def test_report__the_chosen_policy_decides_the_statuses_shown() -> None:
    """Report.build under strict shows disputed where standard shows violated."""
    ledger = ledger_from_csv(rows(ATTRIBUTION))
    strict = Report.build(ledger, AS_OF, ["trilateral-2020"], trust=Trust.STRICT)
    result = next(
        r for a in strict.agreements for art in a.articles for r in art.obligations if r.id == CEASEFIRE_AZE
    )
    assert result.status is Status.DISPUTED
    assert strict.trust is Trust.STRICT


@pytest.mark.parametrize("trust", ["strict", "standard", "broad"])
def test_cli__trust_passes_through_report_timeline_and_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], trust: str
) -> None:
    """--trust reaches the report, the timeline and the diff: E042 counts as a breach except under strict."""
    events = tmp_path / "events.csv"
    events.write_text(rows(ATTRIBUTION), encoding="utf-8")
    common = ["--events", str(events), "--agreement", "trilateral-2020", "--trust", trust]
    assert main(["report", *common, "--as-of", AS_OF.isoformat(), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    expected = "disputed" if trust == "strict" else "violated"
    assert _obligation(report, CEASEFIRE_AZE)["status"] == expected
    assert report["trust"] == trust
    assert main(["timeline", *common, "--from", "2022-04-01", "--to", "2022-04-30", "--format", "csv"]) == 0
    timeline = capsys.readouterr().out
    assert any(
        line.startswith(f"trilateral-2020,1,{CEASEFIRE_AZE},") and line.endswith(expected)
        for line in timeline.splitlines()
    )
    assert main(["diff", *common, "--from", "2022-01-01", "--to", "2022-04-30", "--format", "json"]) == 0
    findings = json.dumps(json.loads(capsys.readouterr().out))
    assert f'"{expected}"' in findings


def test_bundled_report__point_8_in_progress_and_every_trust_dependent_status_listed() -> None:
    """On the bundled data as of 2026-11-22 point 8 is in-progress and the section lists exactly the dependent ones."""
    from compliance.linking.ledger import build_ledger

    report = Report.build(build_ledger(), date(2026, 11, 22))
    results = {r.id: r for a in report.agreements for art in a.articles for r in art.obligations}
    assert results["ts2020-8-exchange-aze"].status is Status.IN_PROGRESS
    assert results["ts2020-8-exchange-arm"].status is Status.IN_PROGRESS
    text = render_markdown(report)
    section = text.split("## Statuses that depend on whose word one takes", 1)[1].split("\n## ", 1)[0]
    dependent = {t.obligation for t in report.by_trust if t.depends}
    listed = {line.split("`")[1] for line in section.splitlines() if line.startswith("| `")}
    assert listed == dependent
