"""CSV files are opened in spreadsheets: text from an agreement file must not become a formula.

The agreement texts below are SYNTHETIC variants of the bundled 2020 statement: an article
numbered ``=1+1`` and a summary that is a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io

import attrs

from compliance import Report
from compliance.core.model import Agreement
from compliance.render.report_rows import report_csv
from compliance.render.safe import spreadsheet_row
from compliance.render.tables import timeline_csv
from compliance.views.rows import COLUMNS
from compliance.views.timeline import timeline
from tests.support import AGREEMENTS, ledger_from_csv

FORMULA = '=HYPERLINK("https://example.org/x","click")'


def hostile(agreement: Agreement) -> Agreement:
    if agreement.id != "trilateral-2020":
        return agreement
    articles = tuple(attrs.evolve(a, number="=1+1") if a.number == "1" else a for a in agreement.articles)
    obligations = tuple(
        attrs.evolve(o, article="=1+1", summary=FORMULA) if o.article == "1" else o
        for o in agreement.obligations
    )
    return attrs.evolve(agreement, articles=articles, obligations=obligations)


def test_csv__text_a_spreadsheet_would_run_is_written_as_text() -> None:
    """The article number and the summary reach the timeline and report CSVs with a leading
    apostrophe; every other cell is as the view gives it."""
    agreements = [hostile(a) for a in AGREEMENTS]
    ledger = ledger_from_csv("id,date,kind,reported_by,source_url\n", agreements=agreements)
    cells = [
        c
        for row in csv.reader(
            io.StringIO(timeline_csv(timeline(ledger, "2021-01-01", "2021-12-31", "quarter")))
        )
        for c in row
    ]
    assert "'=1+1" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    report = Report.build(ledger, "2021-06-01", "trilateral-2020")
    rows = list(csv.DictReader(io.StringIO(report_csv(report))))
    article_1 = [r for r in rows if r["article"] == "'=1+1"]
    assert article_1
    assert {r["summary"] for r in article_1} == {"'" + FORMULA}
    assert {r["obligation"] for r in rows} == {r["obligation"] for r in report.to_rows()}
    assert list(rows[0]) == list(COLUMNS)


def test_csv__only_text_starting_like_a_formula_changes() -> None:
    """Numbers, empty cells and ordinary text are left as they are."""
    assert spreadsheet_row(["-3 dead", "+1", "@x", "\tx", "a=b", "", None, -3, 2.5]) == [
        "'-3 dead",
        "'+1",
        "'@x",
        "'\tx",
        "a=b",
        "",
        None,
        -3,
        2.5,
    ]


def test_csv__the_later_columns_are_guarded_too() -> None:
    """The note, deadline note and trust columns added to the report and timeline CSVs go through
    the same guard: a note written as a formula reads as text."""
    agreements = [
        attrs.evolve(
            a,
            obligations=tuple(attrs.evolve(o, note=FORMULA, deadline_note="-1 day") for o in a.obligations),
        )
        if a.id == "trilateral-2020"
        else a
        for a in AGREEMENTS
    ]
    ledger = ledger_from_csv("id,date,kind,reported_by,source_url\n", agreements=agreements)
    rows = list(
        csv.DictReader(io.StringIO(report_csv(Report.build(ledger, "2021-06-01", "trilateral-2020"))))
    )
    assert rows
    assert {r["note"] for r in rows} == {"'" + FORMULA}
    assert "'-1 day" in {r["deadline_note"] for r in rows}
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r.values())
    table = list(
        csv.DictReader(io.StringIO(timeline_csv(timeline(ledger, "2021-01-01", "2021-12-31", "year"))))
    )
    assert {r["trust"] for r in table} == {"standard"}
