"""The report read as an editor reads it before publishing: words are not cut in half, every term
and code is explained before the tables use it, accounts are cited by their numbers, and the JSON
says what the Markdown says."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.linking.ledger import build_ledger
from compliance.render.markdown import render_markdown
from compliance.render.safe import cell
from compliance.views.report import Report

WORDS = st.lists(st.text(alphabet="abcXYZ/'", min_size=1, max_size=12), min_size=1, max_size=30)


@pytest.fixture(scope="module")
def bundled() -> tuple[Report, str]:
    report = Report.build(build_ledger(), date(2026, 11, 22))
    return report, render_markdown(report)


@given(WORDS, st.integers(min_value=8, max_value=200))
def test_shorten__a_cut_falls_between_words(words: list[str], limit: int) -> None:
    """A shortened cell ends with a whole word and "…", and is never longer than the limit."""
    value = " ".join(words)
    short = cell(value, limit)  # (nothing in these words is escaped)
    assert len(short) <= limit
    if short == value:
        return
    assert short.endswith("…")
    head = short[:-1]
    assert value.startswith(head)
    if " " in value[limit // 2 + 1 : limit]:  # (else too little would be left: cut in the word)
        assert value[len(head)] == " ", (value, short)


def test_shorten__keeps_both_names_of_a_place_whole() -> None:
    """The claim of N095 was cut to "in the Shusha/Sh…", half of the place's second name."""
    claim = "Azerbaijani units crossed the line of contact in the Shusha/Shushi district and took a height"
    assert cell(claim, 60) == "Azerbaijani units crossed the line of contact in the…"


def test_summary__no_cell_of_the_bundled_report_cuts_a_word(bundled: tuple[Report, str]) -> None:
    """Article titles in the summaries and claims in the incident tables end on a whole word."""
    report, markdown = bundled
    cut: list[str] = []
    table = ""
    for line in markdown.splitlines():
        if line.startswith(("| Article | Status |", "| Account | Reported by |")):
            table = line
        elif not line.startswith("|"):
            table = ""
        elif table and not line.startswith("|---"):
            cells = line.split(" | ")
            cut.append(cells[0].removeprefix("| ") if table.startswith("| Article") else cells[4])
    shortened = [c for c in cut if c.endswith("…")]
    assert len(shortened) > 100
    texts = {e.notes for e in report.events}
    texts |= {
        f"{article.number}. {article.title}" for a in report.agreements for article in a.agreement.articles
    }
    for shown in shortened:
        head = shown.removesuffix("…").replace("\\", "")
        whole = [t for t in texts if " ".join(t.split()).startswith(head)]
        assert whole, shown
        assert not " ".join(whole[0].split())[len(head)].isalnum(), shown
