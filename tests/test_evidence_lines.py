"""An evidence line says each thing once: the link's note does not repeat the grade's reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from compliance.evaluation.listing import unsaid
from compliance.render.json import report_dict
from compliance.render.markdown import render_markdown
from compliance.views.report import Report
from tests.support import ledger_from_csv, rows

SRC = "https://example.org/account"
CEASEFIRE_ARM = "ts2020-1-ceasefire-arm"
NO_ACTOR = "the source does not say who acted"
AS_OF = date(2021, 12, 1)


def _evidence(data: dict[str, Any], obligation_id: str) -> list[dict[str, Any]]:
    for agreement in data["agreements"]:
        for article in agreement["articles"]:
            for ob in article["obligations"]:
                if ob["id"] == obligation_id:
                    return list(ob["evidence"])
    raise KeyError(obligation_id)


def test_evidence__an_unaffiliated_account_naming_no_actor_says_so_once() -> None:
    """A news agency's account of shelling in Stepanakert naming no actor, linked by rule: its
    grade's reason (rule 7) and the link's note are the same words, shown once in the Markdown
    line and once in the JSON (the reason; the note is null)."""
    text = rows(f"C1,2021-11-16,,shelling,,Stepanakert,Reuters,none,{SRC},,,")
    report = Report.build(ledger_from_csv(text), AS_OF, ["trilateral-2020"])
    lines = [line for line in render_markdown(report).splitlines() if line.startswith("- breaches")]
    assert lines
    for line in lines:
        assert line.count(NO_ACTOR) == 1, line
        assert f"({NO_ACTOR}; rule unattributed-hostilities)" in line
    [evidence] = _evidence(report_dict(report), CEASEFIRE_ARM)
    assert (evidence["reason"], evidence["note"]) == (NO_ACTOR, None)


def test_evidence__an_opposing_sides_account_naming_no_actor_keeps_the_note() -> None:
    """Armenia's account naming no actor, against Azerbaijan's duty: the reason is the allegation's
    ("alleged by ARM only ..."), which does not say the note's words, so the note stays."""
    text = rows(f"C1,2021-11-16,,shelling,,Stepanakert,Ministry of Defence of Armenia,,{SRC},,,")
    report = Report.build(ledger_from_csv(text), AS_OF, ["trilateral-2020"])
    [evidence] = _evidence(report_dict(report), "ts2020-1-ceasefire-aze")
    assert NO_ACTOR not in evidence["reason"]
    assert evidence["note"] == NO_ACTOR


def test_unsaid__keeps_only_the_parts_of_the_note_the_reason_leaves_out() -> None:
    """Each ``; ``-separated part of the note is dropped when the reason already says it, also
    inside a caveat's parentheses; the rest stays in order."""
    more = "on the bearer's side it names only NK, not a bearer"
    assert unsaid(f"{NO_ACTOR}; {more}", NO_ACTOR) == more
    caveated = f"outside the stated area, scope disputed: cannot confirm on its own ({NO_ACTOR})"
    assert unsaid(NO_ACTOR, caveated) == ""
    assert unsaid("article-level link", NO_ACTOR) == "article-level link"
    assert unsaid("", NO_ACTOR) == ""
