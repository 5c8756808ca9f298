"""A denial answers the accounts whose act can have happened before it, not later ones."""

from __future__ import annotations

from datetime import date

import pytest

from compliance.core.vocabulary import Grade, Status, Trust
from compliance.evaluation.evaluate import evaluate_ledger
from compliance.evaluation.results import Evidence
from tests.support import ledger_from_csv, rows

SRC = "https://example.org/account"
PLAN = "ts2020-6-new-route-plan"
INCIDENT = "lachin-new-route"
DENIAL = (  # the shape of E050: Armenia's Prime Minister, 4 Aug 2022
    f"D1,2022-08-04,,denial,ARM,Yerevan,Prime Minister of Armenia,ARM,{SRC},{INCIDENT},"
    f"trilateral-2020#6/{PLAN}:relevant,"
)


def russia_reports(day: str) -> str:
    """The shape of N031, Russia's Foreign Ministry reporting the sides' common understanding, coded
    as fulfilling the plan (the bundled account is linked as relevant only)."""
    return (
        f"R1,{day},,statement,RUS,Moscow,Ministry of Foreign Affairs of Russia,RUS,{SRC},{INCIDENT},"
        f"trilateral-2020#6/{PLAN}:fulfils,"
    )


def graded(text: str, trust: Trust = Trust.STANDARD) -> tuple[Status, Evidence]:
    result = evaluate_ledger(ledger_from_csv(text), date(2023, 9, 30), trust=trust).result(PLAN)
    return result.status, next(e for e in result.evidence if e.event == "R1")


def test_denial__does_not_answer_an_account_of_an_act_dated_after_it() -> None:
    """E050 denied on 4 Aug 2022 that a plan had been approved; Russia reported on 14 Sep 2022
    that the sides had reached a common understanding (N031), here coded as fulfilling the plan.
    The denial predates the account and answers the claims of its time: it does not contest
    Russia's account, which under the standard policy is a stakeholder's word that the bearers'
    side has not denied."""
    status, evidence = graded(rows(DENIAL, russia_reports("2022-09-14")))
    assert (evidence.grade, evidence.reason) == (
        Grade.CONFIRMED,
        "reported by RUS, a stakeholder (signatory) of trilateral-2020; not denied",
    )
    assert status is Status.FULFILLED
    _, strict = graded(rows(DENIAL, russia_reports("2022-09-14")), Trust.STRICT)
    assert strict.grade is Grade.ALLEGED  # the strict policy still needs more than Russia's word


@pytest.mark.parametrize(
    "when",
    [
        "2022-08-04",  # the denial's own day: the act may precede it
        "2022-08-01",  # before it
        "2022-07",  # a month that begins before it
        "~2022-08-10",  # an approximate day: 3 to 17 August
    ],
)
def test_denial__answers_an_account_whose_act_may_precede_it(when: str) -> None:
    """An act dated to the denial's day, before it, or to a range that may begin before it, may be
    what the denial answers: the account is contested, as before."""
    status, evidence = graded(rows(DENIAL, russia_reports(when)))
    assert (evidence.grade, evidence.reason) == (
        Grade.CONTESTED,
        "reported by RUS, a stakeholder (signatory) of trilateral-2020; denied in D1",
    )
    assert status is Status.DISPUTED


def test_denial__an_instant_after_the_denials_instant_is_not_answered() -> None:
    """Times of day are compared as instants, whatever offset each is written in: a denial at
    09:00 Moscow time does not answer an act at 10:00 Moscow time (07:00 UTC) that day, and does
    answer one at 08:00 (05:00 UTC)."""
    denial = DENIAL.replace("2022-08-04,", "2022-08-04T09:00:00+03:00,", 1)
    after = russia_reports("2022-08-04T07:00:00+00:00")
    before = russia_reports("2022-08-04T05:00:00+00:00")
    assert graded(rows(denial, after))[1].grade is Grade.CONFIRMED
    assert graded(rows(denial, before))[1].grade is Grade.CONTESTED
