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


def test_evidence__an_opposing_sides_account_naming_no_actor_says_so_in_its_reason_once() -> None:
    """Armenia's account naming no actor, against Azerbaijan's duty: the reason says it of this
    account ("alleged by ARM only, whose account names no actor"), so the link's note, which says
    the same, is not repeated after the rule."""
    text = rows(f"C1,2021-11-16,,shelling,,Stepanakert,Ministry of Defence of Armenia,,{SRC},,,")
    report = Report.build(ledger_from_csv(text), AS_OF, ["trilateral-2020"])
    [evidence] = _evidence(report_dict(report), "ts2020-1-ceasefire-aze")
    assert (evidence["reason"], evidence["note"]) == (
        "alleged by ARM only, whose account names no actor",
        None,
    )


def test_evidence__a_contested_allegation_naming_no_actor_says_which_account_says_what() -> None:
    """The shape of N033 and E054: Armenia's account of a clash naming no actor, and Azerbaijan's
    account of it naming Armenia's side. The line read "(alleged by ARM; E054 names ARM as actor;
    rule unattributed-hostilities; the source does not say who acted)", as if one account both
    named an actor and did not. Now the part about this account says it names no actor, and the
    other account is named as whose it is."""
    text = rows(
        f"C1,2021-11-16,,shelling,,Stepanakert,Ministry of Defence of Armenia,,{SRC},I1,,",
        f"C2,2021-11-16,,shelling,ARM,Stepanakert,Ministry of Defence of Azerbaijan,,{SRC},I1,,",
    )
    report = Report.build(ledger_from_csv(text), AS_OF, ["trilateral-2020"])
    reason = "alleged by ARM, whose account names no actor; AZE's account C2 names ARM as actor"
    evidence = [e for e in _evidence(report_dict(report), "ts2020-1-ceasefire-aze") if e["event"] == "C1"]
    assert [(e["grade"], e["reason"], e["note"]) for e in evidence] == [("contested", reason, None)]
    lines = [
        line for line in render_markdown(report).splitlines() if "A1 `C1`" in line and "contested" in line
    ]
    assert lines == [
        f"- breaches, **contested** ({reason}; rule unattributed-hostilities): A1 `C1` 2021-11-16"
    ]


def test_evidence__a_stakeholders_account_answered_by_another_act_names_whose_account_answers() -> None:
    """Russia's account of fire by Azerbaijan, and Azerbaijan's account of the same fire naming
    Armenia's side: the reason names the answering account as Azerbaijan's."""
    text = rows(
        f"C1,2021-11-16,,shelling,AZE,Stepanakert,Ministry of Defence of Russia,,{SRC},I1,,",
        f"C2,2021-11-16,,shelling,ARM,Stepanakert,Ministry of Defence of Azerbaijan,,{SRC},I1,,",
    )
    report = Report.build(ledger_from_csv(text), AS_OF, ["trilateral-2020"])
    [evidence] = [e for e in _evidence(report_dict(report), "ts2020-1-ceasefire-aze") if e["event"] == "C1"]
    assert evidence["reason"].endswith("; AZE's account C2 names ARM as actor")


def test_unsaid__keeps_only_the_parts_of_the_note_the_reason_leaves_out() -> None:
    """Each ``; ``-separated part of the note is dropped when the reason already says it, also
    inside a caveat's parentheses; the rest stays in order."""
    more = "on the bearer's side it names only NK, not a bearer"
    assert unsaid(f"{NO_ACTOR}; {more}", NO_ACTOR) == more
    caveated = f"outside the stated area, scope disputed: cannot confirm on its own ({NO_ACTOR})"
    assert unsaid(NO_ACTOR, caveated) == ""
    assert unsaid("article-level link", NO_ACTOR) == "article-level link"
    assert unsaid("", NO_ACTOR) == ""
