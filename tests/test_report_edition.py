"""What identifies an edition of the Markdown report, said where an editor looks for it.

The same data under ``strict`` and under ``standard`` gave two reports with the same title and
the same opening paragraph; only a bullet further down said "(here `strict`)". The summary's
"no change" line and its list of changes gave the twelve months with different bounds.
Runs on the bundled data.
"""

from __future__ import annotations

from datetime import date

import pytest

from compliance.linking.ledger import build_ledger
from compliance.render.markdown import render_markdown
from compliance.views.report import Report

AS_OF = date(2025, 12, 31)


@pytest.fixture(scope="module")
def ledger():  # type: ignore[no-untyped-def]
    return build_ledger()


@pytest.mark.parametrize("trust", ["strict", "standard", "broad"])
def test_report__the_opening_names_the_trust_policy(ledger, trust: str) -> None:  # type: ignore[no-untyped-def]
    """The paragraph under the title, beside the counts, says which policy the statuses follow."""
    markdown = render_markdown(Report.build(ledger, AS_OF, trust=trust))
    opening = markdown.split("\n## ", 1)[0]
    assert f"Trust policy: {trust}." in opening


def test_pictures__the_caption_names_the_trust_policy(ledger) -> None:  # type: ignore[no-untyped-def]
    """The pictures' caption says under which policy their statuses were given."""
    report = Report.build(ledger, AS_OF, trust="strict")
    markdown = render_markdown(report, [("Status of each obligation", "report-heatmap.svg")])
    section = markdown.split("## Pictures", 1)[1].split("\n## ", 1)[0]
    assert "under the strict trust policy" in section


def test_summary__no_change_and_changes_are_bounded_alike(ledger) -> None:  # type: ignore[no-untyped-def]
    """Both lines give the twelve months as "after D and up to E": "between" left open whether
    a change on D itself counted, when the list below counts only those after it. (The bundled
    accounts read as of 2025-12-31 end before it, so each line then says where they end.)"""
    markdown = render_markdown(Report.build(ledger, AS_OF))
    assert "No status changed after 2024-12-31 and up to 2025-12-31;" in markdown
    assert "Changed after 2024-12-31 and up to 2025-12-31;" in markdown
    assert "No status changed between" not in markdown


def test_evidence__the_number_of_accounts_cited_says_how_it_divides() -> None:
    """The golden data cites 4 accounts while its accounting counts 3 linked: the fourth (G3) is
    unlinked and shown only beside the other account of its incident. The Evidence section said
    "The 4 accounts cited above" and nothing of how 4 came from 3."""
    from pathlib import Path

    from compliance.linking.ledger import build_ledger as build
    from compliance.views.summary import cited_beside

    golden = Path(__file__).parent / "golden"
    ledger = build([golden / "agreement.toml"], [golden / "events.csv"])
    report = Report.build(ledger, "2023-01-01")
    assert cited_beside(report) == ("G3",)
    section = render_markdown(report).split("## Evidence", 1)[1]
    assert section.lstrip().startswith(
        "The 4 accounts cited above (3 listed as evidence of an obligation, and 1 shown only beside "
        "the other accounts of its incident, not listed as evidence of any obligation),"
    )


def test_evidence__an_account_past_those_listed_is_not_said_to_bear_on_no_obligation(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """150 alleged accounts of one incident breach the ceasefire and one confirmed account decides
    it: the report lists 100 and the deciding one, and shows the incident's 150 side by side. The
    50 shown only there are linked to the ceasefire; the Evidence line said they bore "on no
    obligation shown"."""
    from compliance.views.summary import cited_beside

    link = "trilateral-2020#1/ts2020-1-ceasefire-aze:breaches"
    lines = ["id,date,kind,actor,reported_by,reporter_party,source_url,incident,links"]
    lines += [
        f"M{i:03d},2021-03-{1 + i % 28:02d},ceasefire-violation,AZE,Ministry of Defence of Armenia,ARM,"
        f"https://example.org/m{i},one-incident,{link}"
        for i in range(150)
    ]
    lines.append(f"R1,2021-06-01,ceasefire-violation,AZE,Reuters,none,https://example.org/r1,another,{link}")
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = Report.build(build_ledger(event_paths=[path]), date(2021, 12, 31))
    beside = cited_beside(report)
    assert len(beside) == 50  # linked to the ceasefire, past the 100 listed
    assert report.accounting.unlinked == 0
    section = render_markdown(report).split("## Evidence", 1)[1]
    assert section.lstrip().startswith(
        "The 151 accounts cited above (101 listed as evidence of an obligation, and 50 shown only "
        "beside the other accounts of its incident, not listed as evidence of any obligation),"
    )
    assert "bearing on no obligation" not in section


def test_evidence__no_division_when_every_account_is_evidence(ledger) -> None:  # type: ignore[no-untyped-def]
    """On the bundled data as of 2025-12-31 every cited account is evidence: the line is as before."""
    from compliance.views.summary import cited_beside

    report = Report.build(ledger, AS_OF)
    assert cited_beside(report) == ()
    assert f"The {len(report.events)} accounts cited above, each once" in render_markdown(report)


def test_diff__names_an_article_as_the_report_headings_do(ledger) -> None:  # type: ignore[no-untyped-def]
    """The diff's Article column gave "five-principles-2022 3", the article number read as one
    more part of the id; the report's headings write "five-principles-2022 · 3"."""
    from compliance.core.vocabulary import Trust
    from compliance.render.tables import diff_markdown
    from compliance.views.timeline import diff

    changes = diff(ledger, "2024-12-31", "2025-12-31")
    markdown = diff_markdown(changes, "2024-12-31", "2025-12-31", Trust.STANDARD)
    assert "| `p2022-3-non-use-of-force-aze` | five-principles-2022 · 3 | violated | violated |" in markdown
    assert "five-principles-2022 3 |" not in markdown


def test_reading_key__says_what_an_id_alone_and_a_change_s_date_are(ledger) -> None:  # type: ignore[no-untyped-def]
    """Grade reasons cite accounts by id alone ("corroborated by E010") and histories give dates
    with no word on what they mark; the key said only what A*n* and S*n* are."""
    markdown = render_markdown(Report.build(ledger, AS_OF))
    key = markdown.split("## How to read this report", 1)[1].split("\n## ", 1)[0]
    assert "an id alone" in key
    assert '"corroborated by …"' in key
    assert "**Dates of changes.**" in key
    assert "the first day on which a report as of that day gives the status that follows it" in key
    assert "corroborated by E010" in markdown  # (what the key explains is there)


def test_sources__the_list_says_what_it_holds(ledger) -> None:  # type: ignore[no-untyped-def]
    """Under "Sources" came 46 bare addresses: read as every source of the report, while the
    accounts' own addresses are given under Evidence. A line says what the list holds."""
    markdown = render_markdown(Report.build(ledger, AS_OF))
    section = markdown.split("\n## Sources\n", 1)[1]
    intro, first = section.strip().split("\n\n", 2)[:2]
    assert intro.startswith("The addresses cited above as S*n*, in order of first citation")
    assert "Each account's own source address is given with it under Evidence." in intro
    assert first.startswith("- S1: <https://")
    assert markdown.endswith(">\n")
