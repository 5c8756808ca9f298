"""A status decided by the texts says what decided it, not "no account".

Point 6's relocation of the contingent (``ts2020-6-redeploy-rus``) has accounts (the Karabakh
Armenian authorities' and Russia's of 2022) and ended with the contingent's withdrawal in June
2024. The report said "Why: ended — no account" beside those accounts, which read as if the
evidence were missing; the deciding
fact is the ending (given beside the obligation's evidence and under Later instruments), and the
line now says so.
"""

from __future__ import annotations

from datetime import date

from compliance.linking.ledger import build_ledger
from compliance.render.markdown import render_markdown
from compliance.views.report import Report

MARKDOWN = render_markdown(Report.build(build_ledger(), date(2025, 12, 31)))


def _why(obligation: str) -> str:
    line = next(x for x in MARKDOWN.splitlines() if x.startswith(f"- `{obligation}` "))
    return line.split(" Why: ", 1)[1].split(" Note: ", 1)[0]


def test_why__a_rule_of_the_texts_gives_its_reason_not_no_account() -> None:
    why = _why("ts2020-6-redeploy-rus")
    assert why == "ended — by a later text or act, not by an account."
    assert "no account" not in why


def test_why__a_status_read_off_silence_still_says_no_account() -> None:
    """Where the status rests on the absence of accounts, "no account" is the right answer: the
    lists of projects of the January 2021 statement, overdue with no account of them. (The example
    was Azerbaijan's no-claims duty of 2022, complied on silence until Armenia's account of a claim,
    N110, was bundled.)"""
    assert _why("js2021-3-project-lists") == "overdue — no account."
