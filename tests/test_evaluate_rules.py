"""Each rule of docs/obligation-logic.md, shown on the real 2020 and 2022 obligations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from datetime import date

import attrs
import pytest

from compliance.core.model import Ending, Obligation
from compliance.core.vocabulary import Effect, EndType, Grade, Kind, Status, Trust
from compliance.evaluation.evaluate import evaluate, evaluate_ledger
from compliance.evaluation.rollup import roll_up
from compliance.views.activity import count_activity
from tests.support import AGREEMENTS, evaluate_csv, ledger_from_csv, rows, status

D = date
AGHDAM = "ts2020-2-aghdam"
KALBAJAR = "ts2020-6-kalbajar"
CEASEFIRE_ARM = "ts2020-1-ceasefire-arm"
SRC = "https://example.org/account"
TRILATERAL = next(a for a in AGREEMENTS if a.id == "trilateral-2020")


def handover(
    day: str,
    place: str = "Aghdam district",
    event_id: str = "H1",
    reporter: str = "Ministry of Defence of Azerbaijan",
) -> str:
    return f"{event_id},{day},,territory-handover,AZE,{place},{reporter},,{SRC},,,"


# --- Achievement -----------------------------------------------------------------------------


def test_achievement__aghdam_handed_over_on_the_deadline_is_fulfilled() -> None:
    """Aghdam handed over on 20 November 2020, the deadline day, is fulfilled."""
    assert status(rows(handover("2020-11-20")), AGHDAM, D(2020, 11, 25)) == "fulfilled"


def test_achievement__nothing_by_the_deadline_is_overdue_not_violated() -> None:
    """With no evidence for Aghdam, as of 21 November the duty is overdue (not violated)."""
    assert status(rows(), AGHDAM, D(2020, 11, 21)) == "overdue"


def test_achievement__the_deadline_day_itself_is_still_pending() -> None:
    """As of the deadline day the whole day is still available: pending, not overdue."""
    assert status(rows(), AGHDAM, D(2020, 11, 20)) == "pending"


def test_achievement__before_entry_into_force_is_not_in_force() -> None:
    """As of 8 November 2020 the statement was not yet in force."""
    assert status(rows(handover("2020-11-20")), AGHDAM, D(2020, 11, 8)) == "not-in-force"


def test_achievement__late_handover_is_fulfilled_late() -> None:
    """Evidence of fulfilment after the deadline gives fulfilled-late."""
    assert status(rows(handover("2020-11-23")), AGHDAM, D(2020, 12, 1)) == "fulfilled-late"


def test_achievement__history_keeps_the_overdue_period_before_late_fulfilment() -> None:
    """Perdurant: a late fulfilment does not erase the overdue period from the history."""
    result = evaluate_csv(rows(handover("2020-11-23")), D(2020, 12, 1)).result(AGHDAM)
    assert [(t.date, t.status.value) for t in result.history[1:]] == [
        (D(2020, 11, 10), "pending"),
        (D(2020, 11, 21), "overdue"),
        (D(2020, 11, 23), "fulfilled-late"),
    ]


def test_achievement__confirmed_refusal_is_violated_and_stays_on_record() -> None:
    """A confirmed breach (an explicit refusal) gives violated; later fulfilment keeps it on record."""
    refusal = f"R1,2020-11-18,,statement,ARM,Aghdam,Reuters,none,{SRC},,trilateral-2020#2/{AGHDAM}:breaches,"
    assert status(rows(refusal), AGHDAM, D(2020, 11, 19)) == "violated"
    result = evaluate_csv(rows(refusal, handover("2020-11-25")), D(2020, 12, 1)).result(AGHDAM)
    assert result.status is Status.FULFILLED_LATE
    assert result.breach_on_record


def test_achievement__unconfirmed_claims_are_disputed() -> None:
    """A breach alleged only by the other side gives disputed."""
    claim = f"R1,2020-11-18,,statement,ARM,Aghdam,Ministry of Defence of Azerbaijan,,{SRC},,trilateral-2020#2/{AGHDAM}:breaches,"
    assert status(rows(claim), AGHDAM, D(2020, 11, 19)) == "disputed"


@pytest.mark.parametrize(
    ("text", "as_of", "expected"),
    [
        (rows(handover("2020-11-20")), D(2020, 11, 25), "fulfilled"),
        (rows(handover("2020-11-23")), D(2020, 12, 1), "fulfilled-late"),
        (rows(), D(2020, 11, 20), "pending"),
        (rows(), D(2020, 11, 21), "overdue"),
        (rows(handover("2020-11-20")), D(2020, 11, 8), "not-in-force"),
    ],
)
def test_punctual__the_achievement_rules_with_the_deadline_as_the_day_of_the_act(
    text: str, as_of: date, expected: str
) -> None:
    """Point 2 encoded as punctual (one act, on or by 20 November 2020) is decided as the achievement is."""
    punctual = [
        attrs.evolve(
            a,
            obligations=tuple(
                attrs.evolve(o, kind=Kind.PUNCTUAL) if o.id == AGHDAM else o for o in a.obligations
            ),
        )
        for a in AGREEMENTS
    ]
    ledger = ledger_from_csv(text, agreements=punctual)
    result = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, as_of).result(AGHDAM)
    assert result.obligation.kind is Kind.PUNCTUAL
    assert result.status.value == expected == status(text, AGHDAM, as_of)


# --- Time: amendments, uncertain dates, seconds -----------------------------------------------


def test_amendment__kalbajar_handover_on_25_november_is_on_time() -> None:
    """The deadline moved from 15 to 25 November 2020, so a handover on 25 November is fulfilled."""
    assert status(rows(handover("2020-11-25", "Kalbajar district")), KALBAJAR, D(2020, 11, 30)) == "fulfilled"


def test_amendment__takes_effect_from_its_date_only() -> None:
    """Before the amendment's date the original deadline applies; after it, the new one."""
    result = evaluate_csv(rows(), D(2020, 11, 14)).result(KALBAJAR)
    assert result.deadline == D(2020, 11, 15)
    later = evaluate_csv(rows(), D(2020, 11, 16)).result(KALBAJAR)
    assert (later.deadline, later.status) == (D(2020, 11, 25), Status.PENDING)


def test_uncertain_date__month_precision_straddling_the_deadline_is_indeterminate() -> None:
    """A handover known only to November 2020 may be before or after 20 November: indeterminate."""
    result = evaluate_csv(rows(handover("2020-11")), D(2020, 12, 31)).result(AGHDAM)
    assert result.status is Status.INDETERMINATE
    assert result.possible == (Status.FULFILLED, Status.FULFILLED_LATE)


def test_uncertain_date__month_wholly_before_the_deadline_is_determinate() -> None:
    """An interval that cannot straddle the deadline gives a plain status."""
    text = rows(f"H1,2020-11-10,2020-11-19,territory-handover,AZE,Aghdam,Reuters,none,{SRC},,,")
    assert status(text, AGHDAM, D(2020, 12, 31)) == "fulfilled"


def test_uncertain_date__an_approximate_date_is_the_interval_7_days_either_side() -> None:
    """``~2021-01-05`` is 29 December 2020 to 12 January 2021: it may fall in the Aghdam rule's
    window (to 31 December 2020), so it links and reads exactly as that interval written out."""
    approximate = ledger_from_csv(rows(handover("~2021-01-05")))
    written = ledger_from_csv(
        rows(
            f"H1,2020-12-29,2021-01-12,territory-handover,AZE,Aghdam district,Ministry of Defence of Azerbaijan,,{SRC},,,"
        )
    )
    assert [(k.obligation, k.effect) for k in approximate.links] == [(AGHDAM, Effect.FULFILS)]
    assert approximate.links == written.links
    for ledger in (approximate, written):
        result = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, D(2021, 1, 31))
        assert result.result(AGHDAM).status is Status.FULFILLED_LATE


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        ("2020-11-20T23:59:59+03:00", "fulfilled"),
        ("2020-11-21T00:00:00+03:00", "fulfilled-late"),
        ("2020-11-20T20:59:59+00:00", "fulfilled"),
        ("2020-11-20T21:00:00+00:00", "fulfilled-late"),
        ("2020-11-21T00:59:59+04:00", "fulfilled"),
        ("2020-11-21T01:00:00+04:00", "fulfilled-late"),
    ],
)
def test_deadline__exact_to_the_second_in_moscow_time(instant: str, expected: str) -> None:
    """'By 20 November' ends at 24:00 Moscow time (21:00 UTC), to the second, whatever the offset."""
    assert status(rows(handover(instant)), AGHDAM, D(2020, 12, 1)) == expected


# --- Maintenance and grades -------------------------------------------------------------------


def clash(
    event_id: str,
    reporter: str,
    party: str,
    actor: str,
    obligation: str = CEASEFIRE_ARM,
    incident: str = "",
    kind: str = "armed-clash",
) -> str:
    link = f"trilateral-2020#1/{obligation}:breaches" if obligation else ""
    return (
        f"{event_id},2021-11-16,,{kind},{actor},Nagorno-Karabakh,{reporter},{party},{SRC},{incident},{link},"
    )


def test_maintenance__complied_while_no_breach_is_evidenced() -> None:
    """A ceasefire with no evidence of breach is complied."""
    assert status(rows(), CEASEFIRE_ARM, D(2021, 1, 1)) == "complied"


def test_maintenance__one_sides_account_alone_is_disputed() -> None:
    """The other side's account of a clash alone gives disputed, never violated."""
    text = rows(clash("C1", "Ministry of Defence of Azerbaijan", "", "ARM"))
    result = evaluate_csv(text, D(2021, 12, 1)).result(CEASEFIRE_ARM)
    assert result.status is Status.DISPUTED
    assert result.evidence[0].grade is Grade.ALLEGED


def test_maintenance__an_unaffiliated_account_confirms_the_breach() -> None:
    """An account by a source affiliated with no party gives violated, from the breach's date."""
    text = rows(clash("C1", "Reuters", "none", "ARM"))
    result = evaluate_csv(text, D(2021, 12, 1)).result(CEASEFIRE_ARM)
    assert result.status is Status.VIOLATED
    assert result.history[-1].date == D(2021, 11, 16)
    assert evaluate_csv(text, D(2021, 11, 15)).result(CEASEFIRE_ARM).status is Status.COMPLIED


def test_grade__contradicting_account_makes_an_allegation_contested() -> None:
    """Another account of the incident naming a different actor makes the allegation contested."""
    text = rows(
        clash("C1", "Ministry of Defence of Azerbaijan", "", "ARM", incident="i1"),
        clash("C2", "Ministry of Defence of Armenia", "", "AZE", "ts2020-1-ceasefire-aze", "i1"),
    )
    result = evaluate_csv(text, D(2021, 12, 1)).result(CEASEFIRE_ARM)
    assert (result.status, result.evidence[0].grade) == (Status.DISPUTED, Grade.CONTESTED)


def test_grade__denial_by_the_accused_side_contests() -> None:
    """A denial by the accused side makes the allegation contested."""
    denial = f"C2,2021-11-16,,denial,ARM,Yerevan,Ministry of Defence of Armenia,,{SRC},i1,,"
    text = rows(clash("C1", "Ministry of Defence of Azerbaijan", "", "ARM", incident="i1"), denial)
    assert evaluate_csv(text, D(2021, 12, 1)).result(CEASEFIRE_ARM).evidence[0].grade is Grade.CONTESTED


def test_grade__both_sides_consistently_confirm() -> None:
    """The accused side's own account of the same act naming itself confirms the allegation."""
    text = rows(
        clash("C1", "Ministry of Defence of Azerbaijan", "", "ARM", incident="i1"),
        clash("C2", "Ministry of Defence of Armenia", "", "ARM", "", "i1"),
    )
    result = evaluate_csv(text, D(2021, 12, 1)).result(CEASEFIRE_ARM)
    assert (result.status, result.evidence[0].grade) == (Status.VIOLATED, Grade.CONFIRMED)


def test_grade__the_bearers_admission_is_confirmed() -> None:
    """An account by the bearer's own side of its breach is confirmed."""
    text = rows(clash("C1", "Ministry of Defence of Armenia", "", "ARM"))
    assert status(text, CEASEFIRE_ARM, D(2021, 12, 1)) == "violated"


def test_grade__the_bearers_own_account_of_a_breach_is_not_called_an_admission() -> None:
    """The bearer's side reporting its own act read as a breach is confirmed, in words that do not
    presume guilt: the side may present the act as lawful."""
    text = rows(clash("C1", "Ministry of Defence of Armenia", "", "ARM"))
    evidence = evaluate_csv(text, D(2021, 12, 1)).result(CEASEFIRE_ARM).evidence[0]
    assert evidence.grade is Grade.CONFIRMED
    assert evidence.reason.startswith("reported by the bearer's side (ARM)")
    assert "admission" not in evidence.reason


def test_grade__unattributed_rule_link_is_contested() -> None:
    """A rule-made breach link to an event whose source names no actor is contested."""
    text = rows(f"C1,2021-11-16,,shelling,,Tavush,Reuters,none,{SRC},,,")
    result = evaluate_csv(text, D(2021, 12, 1)).result(CEASEFIRE_ARM)
    assert (result.status, result.evidence[0].grade) == (Status.DISPUTED, Grade.CONTESTED)


def test_grade__no_look_ahead_in_contest() -> None:
    """A contradicting account dated after the as-of date does not change the grade."""
    later = f"C2,2021-11-20,,armed-clash,AZE,border,Ministry of Defence of Armenia,,{SRC},i1,,"
    text = rows(clash("C1", "Ministry of Defence of Azerbaijan", "", "ARM", incident="i1"), later)
    assert evaluate_csv(text, D(2021, 11, 17)).result(CEASEFIRE_ARM).evidence[0].grade is Grade.ALLEGED
    assert evaluate_csv(text, D(2021, 11, 21)).result(CEASEFIRE_ARM).evidence[0].grade is Grade.CONTESTED


def _relevant_grades(text: str, obligation: str, as_of: date) -> dict[Trust, list[tuple[str, Grade, str]]]:
    """Each policy's (account, grade, reason) for the relevant links of one obligation."""
    ledger = ledger_from_csv(text)
    graded: dict[Trust, list[tuple[str, Grade, str]]] = {}
    for trust in Trust:
        evaluation = evaluate(
            ledger.agreements, ledger.events, ledger.links, ledger.parties, as_of, trust=trust
        )
        evidence = evaluation.result(obligation).evidence
        graded[trust] = [(e.event, e.grade, e.reason) for e in evidence if e.effect is Effect.RELEVANT]
    return graded


def test_relevant__another_actor_in_the_incident_does_not_contest_a_sides_account() -> None:
    """The shape of E114 and N071: Azerbaijan's foreign ministry on the initialling in Washington,
    naming no actor, bears on Armenia's point 9 duty; the White House's account of the summit
    names the United States. A relevant account alleges nothing, so nothing contests it: it is
    graded by its source alone, in words that accuse nobody, under every policy."""
    signed = (
        f"S1,2025-08-08,,agreement-signed,,Washington,Ministry of Foreign Affairs of Azerbaijan,,{SRC},"
        "summit,trilateral-2020#9/ts2020-9-unblock-arm:relevant,"
    )
    talks = (
        f"S2,2025-08-08,,transport-talks,USA,Washington,White House,,{SRC},"
        "summit,trilateral-2020#9/ts2020-9-new-links:relevant,"
    )
    graded = _relevant_grades(rows(signed, talks), "ts2020-9-unblock-arm", D(2025, 9, 1))
    expected = [("S1", Grade.ALLEGED, "reported by AZE, a side of the conflict, not the bearer's own")]
    assert graded == dict.fromkeys(Trust, expected)


def test_relevant__a_stakeholders_account_is_read_by_its_source_not_answered_in_its_incident() -> None:
    """The shape of N022: Russia's call on both sides to stop, attributing nothing, bears on
    Azerbaijan's ceasefire. Azerbaijan's account of the clash naming Armenia, and its denial of
    an accusation, answer no claim of it: it reads as a stakeholder's word that nobody answers."""
    russia = (
        f"R1,2021-11-16,,statement,RUS,Moscow,Ministry of Defence of Russia,,{SRC},"
        "border,trilateral-2020#1/ts2020-1-ceasefire-aze:relevant,"
    )
    azerbaijan = clash("R2", "Ministry of Defence of Azerbaijan", "", "ARM", incident="border")
    denial = f"R3,2021-11-17,,denial,AZE,Baku,Ministry of Defence of Azerbaijan,,{SRC},border,,"
    graded = _relevant_grades(rows(russia, azerbaijan, denial), "ts2020-1-ceasefire-aze", D(2021, 12, 1))
    who = "RUS, a stakeholder (signatory) of trilateral-2020"
    assert graded[Trust.STRICT][0] == (
        "R1",
        Grade.ALLEGED,
        f"reported by {who} only; the strict policy needs the bearer's side or an independent source",
    )
    assert (
        graded[Trust.STANDARD][0] == graded[Trust.BROAD][0] == ("R1", Grade.CONFIRMED, f"reported by {who}")
    )


# --- Permission, not formalised, parallel, conditional, terms, endings -------------------------


def test_permission__is_never_violated() -> None:
    """A permission is never violated: a 'breach' of it leaves it unused (docs: "Permission")."""
    breach = f"X1,2021-01-01,,statement,ARM,,Reuters,none,{SRC},,trilateral-2020#4/ts2020-4-notice:breaches,"
    assert status(rows(breach), "ts2020-4-notice", D(2021, 6, 1)) == "unused"


def test_not_formalised__is_not_assessable_with_its_reason() -> None:
    """A clause marked not formalised is not-assessable and says why."""
    result = evaluate_csv(rows(), D(2021, 6, 1)).result("ts2020-7-unhcr-supervision")
    assert result.status is Status.NOT_ASSESSABLE
    assert "UNHCR" in result.reason


def test_not_formalised__a_clause_waiting_for_a_ratification_is_not_in_force() -> None:
    """Article IV of the initialled peace agreement is not formalised, and waits for the
    ratification as Articles I-III do: not in force until then, and the reason names what it
    waits for."""
    result = evaluate_csv(rows(), D(2026, 11, 22)).result("pa2025-4-non-interference-aze")
    assert (result.status.value, result.reason) == (
        "not-in-force",
        "waits for pa2025-ratification: no confirmed fulfilment of it yet",
    )


def test_not_formalised__before_its_text_is_in_force_it_is_not_in_force() -> None:
    """A clause not formalised is not in force before its text is, like any other: as of 2020 the
    joint statement of December 2023 does not read "not assessable"; from its date it does."""
    clause = "js2023-1-peace-treaty"
    before = evaluate_csv(rows(), D(2020, 12, 1)).result(clause)
    assert before.status is Status.NOT_IN_FORCE
    after = evaluate_csv(rows(), D(2024, 1, 1)).result(clause)
    assert after.status is Status.NOT_ASSESSABLE
    assert [t.status for t in after.history][:2] == [Status.NOT_IN_FORCE, Status.NOT_ASSESSABLE]


def deployment(day: str, end: str = "") -> str:
    return (
        f"P1,{day},{end},peacekeeper-deployment,RUS,Lachin corridor,Ministry of Defence of Russia,,{SRC},,,"
    )


def withdrawal(day: str, end: str = "") -> str:
    return f"W1,{day},{end},troop-withdrawal,ARM,Nagorno-Karabakh,Reuters,none,{SRC},,,"


DEPLOYMENT = "ts2020-3-deployment-rus"
WITHDRAWAL = "ts2020-4-withdrawal-arm"
PAIR = (
    pytest.param(deployment, WITHDRAWAL, withdrawal, DEPLOYMENT, id="deployment-dated-to-a-range"),
    pytest.param(withdrawal, DEPLOYMENT, deployment, WITHDRAWAL, id="withdrawal-dated-to-a-range"),
)
"""Point 4 both ways: (the account dated to a range, the duty it sets due, that duty's account, its id)."""


def test_parallel__withdrawal_is_due_when_the_deployment_is_done() -> None:
    """In parallel with: once the deployment is done, the withdrawal is due the same day."""
    text = rows(deployment("2020-11-10"))
    assert status(text, "ts2020-4-withdrawal-arm", D(2020, 11, 10)) == "pending"
    assert status(text, "ts2020-4-withdrawal-arm", D(2020, 11, 11)) == "overdue"
    assert (
        status(
            rows(deployment("2020-11-10"), withdrawal("2020-11-10")),
            "ts2020-4-withdrawal-arm",
            D(2020, 12, 1),
        )
        == "fulfilled"
    )
    assert (
        status(
            rows(deployment("2020-11-10"), withdrawal("2020-11-12")),
            "ts2020-4-withdrawal-arm",
            D(2020, 12, 1),
        )
        == "fulfilled-late"
    )


def test_parallel__nothing_is_due_before_the_partner_moves() -> None:
    """Without a deployment, the withdrawal has no due date yet: pending, never overdue."""
    assert status(rows(), "ts2020-4-withdrawal-arm", D(2021, 6, 1)) == "pending"


Account = Callable[[str, str], str]


@pytest.mark.parametrize(("ranged", "due", "account", "partner"), PAIR)
def test_parallel__a_partner_dated_to_a_range_may_have_made_the_duty_due_and_overdue(
    ranged: Account, due: str, account: Account, partner: str
) -> None:
    """The partner fulfilled some day from 12 to 25 November: as of the 20th, if it came on the
    12th the duty was due that day and is overdue, if it has not come yet nothing is due.
    Both outcomes are possible, whichever of the pair is dated to a range."""
    result = evaluate_csv(rows(ranged("2020-11-12", "2020-11-25")), D(2020, 11, 20)).result(due)
    assert result.status is Status.INDETERMINATE
    assert [s.value for s in result.possible] == ["pending", "overdue"]
    assert result.deadline == D(2020, 11, 12)
    assert "2020-11-20" in result.deadline_note
    # Once the partner has certainly come (by the 25th), the duty is certainly overdue.
    assert status(rows(ranged("2020-11-12", "2020-11-25")), due, D(2020, 11, 26)) == "overdue"


@pytest.mark.parametrize(("ranged", "due", "account", "partner"), PAIR)
def test_parallel__the_due_day_is_any_day_of_the_partners_range_not_its_last(
    ranged: Account, due: str, account: Account, partner: str
) -> None:
    """The partner fulfilled some day from 12 to 25 November, the duty on the 20th: late if the
    partner came before the 20th, on time if it came that day or later. The last day of the
    range is not the due day: that would always favour the duty's bearer."""
    text = rows(ranged("2020-11-12", "2020-11-25"), account("2020-11-20"))
    evaluation = evaluate_csv(text, D(2020, 12, 1))
    for ob in (due, partner):  # the partner, dated to a range, is on time if it came by the 20th
        result = evaluation.result(ob)
        assert result.status is Status.INDETERMINATE, ob
        assert [s.value for s in result.possible] == ["fulfilled", "fulfilled-late"], ob
    result = evaluation.result(due)
    assert result.deadline == D(2020, 11, 12)
    assert "2020-11-12 to 2020-11-20" in result.deadline_note


def test_parallel__the_first_fulfilled_sets_the_others_due_day_not_its_own() -> None:
    """Armenia's withdrawal on 10 November, the deployment on the 11th: the withdrawal came
    first, so nothing made it due (no deadline), and it set the deployment's due day."""
    evaluation = evaluate_csv(rows(withdrawal("2020-11-10"), deployment("2020-11-11")), D(2020, 12, 1))
    first = evaluation.result(WITHDRAWAL)
    assert first.status is Status.FULFILLED
    assert first.deadline is None
    assert "before the obligation it runs in parallel with" in first.reason
    later = evaluation.result(DEPLOYMENT)
    assert later.status is Status.FULFILLED_LATE
    assert later.deadline == D(2020, 11, 10)
    # On the same day each is due that day, and each is on time.
    together = evaluate_csv(rows(withdrawal("2020-11-10"), deployment("2020-11-10")), D(2020, 12, 1))
    for ob in (WITHDRAWAL, DEPLOYMENT):
        assert together.result(ob).status is Status.FULFILLED
        assert together.result(ob).deadline == D(2020, 11, 10)


def test_parallel__a_reason_names_the_due_days_a_partner_dated_to_a_range_leaves_possible() -> None:
    """The deployment some day from 12 to 25 November: as of the 12th the withdrawal is pending
    whatever the day, due that day or later, not "due by 12 November"; as of the 26th it is
    overdue whatever the day, by a deadline that fell on one of those days."""
    text = rows(deployment("2020-11-12", "2020-11-25"))
    pending = evaluate_csv(text, D(2020, 11, 12)).result(WITHDRAWAL)
    assert pending.status is Status.PENDING
    assert pending.reason == "no evidence of fulfilment yet; due by 2020-11-12 or later"
    overdue = evaluate_csv(text, D(2020, 11, 26)).result(WITHDRAWAL)
    assert overdue.status is Status.OVERDUE
    assert overdue.reason == (
        "no evidence of fulfilment by the deadline of a day from 2020-11-12 to 2020-11-25"
        " (set by the obligation it runs in parallel with)"
    )


def test_parallel__a_deadline_from_a_partner_dated_to_a_range_is_said_to_be_the_earliest_day() -> None:
    """The deployment some day from 10 to 20 November (the bundled N102): the report gives the
    withdrawal's deadline as the earliest day it can be, 10 November, and its note must say so.
    The Markdown cell read "by 2020-11-10 (set by the obligation it runs in parallel with, ...)",
    as if Armenia's withdrawal had fallen due on the day the ceasefire took effect. A certain
    day needs no such words."""
    text = rows(deployment("2020-11-10", "2020-11-20"))
    result = evaluate_csv(text, D(2020, 11, 30)).result(WITHDRAWAL)
    assert result.deadline == D(2020, 11, 10)
    assert result.deadline_note == (
        "at the earliest: set by the obligation it runs in parallel with,"
        " whose fulfilment date is uncertain: due on a day from 2020-11-10 to 2020-11-20"
    )
    certain = evaluate_csv(rows(deployment("2020-11-12")), D(2020, 11, 30)).result(WITHDRAWAL)
    assert certain.deadline == D(2020, 11, 12)
    assert certain.deadline_note == "set by the obligation it runs in parallel with"


def test_parallel__a_partner_on_a_certain_day_gives_that_day_not_an_earliest_one() -> None:
    """The deployment on 15 November, the withdrawal some day from 10 to 20 November: the
    withdrawal is due on the 15th, or not at all if it came first. The note said "at the
    earliest" and that the deployment's date was uncertain, though it is known to the day."""
    text = rows(deployment("2020-11-15"), withdrawal("2020-11-10", "2020-11-20"))
    result = evaluate_csv(text, D(2020, 12, 1)).result(WITHDRAWAL)
    assert result.deadline == D(2020, 11, 15)
    assert result.deadline_note == (
        "set by the obligation it runs in parallel with: due on 2020-11-15,"
        " or not due at all if this one was fulfilled first"
    )


def test_parallel__one_account_of_both_acts_dated_to_a_range_puts_them_on_the_same_day() -> None:
    """One account reporting the deployment and the withdrawal together, some day from 12 to 25
    November: wherever the day falls, both came on it, each due that day and on time. Its
    two places are one day, not two independent ones (which would make either possibly late);
    a second account of the deployment alone, earlier, still makes the withdrawal possibly late."""
    both = (
        f"B1,2020-11-12,2020-11-25,troop-withdrawal,ARM,Nagorno-Karabakh,Reuters,none,{SRC},,"
        f"trilateral-2020#3/{DEPLOYMENT}:fulfils;trilateral-2020#4/{WITHDRAWAL}:fulfils,"
    )
    evaluation = evaluate_csv(rows(both), D(2020, 12, 1))
    for ob in (DEPLOYMENT, WITHDRAWAL):
        assert evaluation.result(ob).status is Status.FULFILLED, ob
    earlier = evaluate_csv(rows(both, deployment("2020-11-14")), D(2020, 12, 1)).result(WITHDRAWAL)
    assert [s.value for s in earlier.possible] == ["fulfilled", "fulfilled-late"]


def test_parallel__a_later_denial_of_the_account_of_both_acts_changes_nothing_before_it() -> None:
    """Russia's account of both acts, some day from 12 to 25 November, is Russia's own word for
    the deployment and a stakeholder's for the withdrawal: under the standard policy it counts for
    the withdrawal until Armenia's side denies it. A denial dated 5 December changes nothing as
    of 1 December (no look-ahead): both are on one day, each on time. From the denial on the
    withdrawal is disputed, and the deployment, which the account still fulfils, stays fulfilled."""
    both = (
        f"X1,2020-11-12,2020-11-25,troop-withdrawal,ARM,Nagorno-Karabakh,Ministry of Defence of Russia,,"
        f"{SRC},i1,trilateral-2020#3/{DEPLOYMENT}:fulfils;trilateral-2020#4/{WITHDRAWAL}:fulfils,"
    )
    denial = f"D1,2020-12-05,,denial,ARM,Yerevan,Ministry of Defence of Armenia,,{SRC},i1,,"
    for text in (rows(both), rows(both, denial)):
        before = evaluate_csv(text, D(2020, 12, 1))
        assert before.result(WITHDRAWAL).status is Status.FULFILLED
        assert before.result(DEPLOYMENT).status is Status.FULFILLED
    after = evaluate_csv(rows(both, denial), D(2020, 12, 10))
    assert after.result(WITHDRAWAL).status is Status.DISPUTED
    assert after.result(DEPLOYMENT).status is Status.FULFILLED


def test_parallel__the_history_shows_when_the_duty_may_have_become_overdue() -> None:
    """The deployment dated 12 to 25 November: the withdrawal is pending until the 12th,
    pending or overdue from the 13th (if the deployment came on the 12th), overdue from the
    26th (the deployment had certainly come by the 25th). Replayed, the history gives what a
    direct evaluation gives on every day."""
    text = rows(deployment("2020-11-12", "2020-11-25"))
    result = evaluate_csv(text, D(2020, 12, 1)).result(WITHDRAWAL)
    assert [(t.date, t.status.value, tuple(s.value for s in t.possible)) for t in result.history[1:]] == [
        (D(2020, 11, 10), "pending", ("pending",)),
        (D(2020, 11, 13), "indeterminate", ("pending", "overdue")),
        (D(2020, 11, 26), "overdue", ("overdue",)),
    ]
    for day in range(9, 31):
        direct = evaluate_csv(text, D(2020, 11, day)).result(WITHDRAWAL)
        assert result.status_on(D(2020, 11, day), TRILATERAL.tz) == (direct.status, direct.possible), day


def test_after__fsb_control_waits_for_the_link_to_open() -> None:
    """A conditional duty is not in force until the duty it waits for is fulfilled."""
    opened = f"L1,2026-01-10,,transport-link-opened,ARM,Syunik/Zangezur (Meghri),Reuters,none,{SRC},,,"
    assert status(rows(), "ts2020-9-fsb-control-rus", D(2025, 1, 1)) == "not-in-force"
    assert status(rows(opened), "ts2020-9-fsb-control-rus", D(2026, 2, 1)) == "pending"


def test_after__in_force_on_whichever_day_of_its_range_the_other_was_fulfilled() -> None:
    """A duty that waits for another comes into force when the other is first fulfilled: with
    that known only to the month it may or may not be in force during the month, and it is once
    the month is over (the last day included), not a day later."""
    opened = f"L1,2026-01,,transport-link-opened,ARM,Syunik/Zangezur (Meghri),Reuters,none,{SRC},,,"
    fsb = "ts2020-9-fsb-control-rus"
    early = evaluate_csv(rows(opened), D(2026, 1, 5)).result(fsb)
    assert (early.status.value, [s.value for s in early.possible]) == (
        "indeterminate",
        ["not-in-force", "pending"],
    )
    assert status(rows(opened), fsb, D(2026, 1, 31)) == "pending"


PEACE_FORCE_AZE = "pa2025-3-non-use-of-force-aze"
RATIFIED = f"R1,{{day}},,agreement-signed,,Washington,Reuters,none,{SRC},,peace-agreement-2025#XVI/pa2025-ratification:fulfils,"


def border_clash(event_id: str, day: str) -> str:
    return f"{event_id},{day},,armed-clash,AZE,Syunik/Zangezur border,Reuters,none,{SRC},,,"


def test_after__a_breach_before_the_duty_came_into_force_is_no_breach_of_it() -> None:
    """No retroactive breach: Article III binds from the exchange of ratification, so a clash
    before it does not breach it, and one after it does."""
    ratified = RATIFIED.format(day="2026-03-01")
    before = evaluate_csv(rows(ratified, border_clash("C1", "2026-02-10")), D(2026, 6, 1)).result(
        PEACE_FORCE_AZE
    )
    assert before.status.value == "complied"
    (listed,) = before.evidence  # still linked and listed, saying why it does not count
    assert listed.reason.endswith(
        "; dated before the obligation came into force (2026-03-01): no breach of it"
    )
    assert not before.breach_on_record
    assert (
        status(rows(ratified, border_clash("C2", "2026-03-10")), PEACE_FORCE_AZE, D(2026, 6, 1)) == "violated"
    )


def test_after__a_breach_in_the_month_the_duty_came_into_force_may_be_before_it() -> None:
    """Ratification known only to March 2026 and a clash on 10 March: the clash may have come
    before the duty bound or after it. A clash on the 31st of the month before cannot count."""
    ratified = RATIFIED.format(day="2026-03")
    result = evaluate_csv(rows(ratified, border_clash("C1", "2026-03-10")), D(2026, 6, 1)).result(
        PEACE_FORCE_AZE
    )
    assert (result.status.value, {s.value for s in result.possible}) == (
        "indeterminate",
        {"complied", "violated"},
    )
    earlier = evaluate_csv(rows(ratified, border_clash("C2", "2026-02-28")), D(2026, 6, 1)).result(
        PEACE_FORCE_AZE
    )
    assert earlier.status.value == "complied"
    assert earlier.evidence[0].reason.endswith("(2026-03-01 at the earliest): no breach of it")


def test_after__a_breach_before_the_duty_bound_counts_for_nothing_when_corroborated_or_denied_later() -> None:
    """A clash on 10 February, before the ratification of 1 March, corroborated by the other
    side's account of 10 March, or denied on 15 March: no breach of Article III either way,
    under every policy (it is its own date that is read, not the corroboration's or the denial's)."""
    ratified = RATIFIED.format(day="2026-03-01")
    alleged = (
        f"C1,2026-02-10,,armed-clash,AZE,Syunik/Zangezur border,Ministry of Defence of Armenia,ARM,{SRC},i1,,"
    )
    other_side = f"C2,2026-03-10,,armed-clash,AZE,Aghdam,Ministry of Defence of Azerbaijan,AZE,{SRC},i1,,"
    russia = (
        f"C1,2026-02-10,,armed-clash,AZE,Syunik/Zangezur border,Ministry of Defence of Russia,RUS,{SRC},i1,,"
    )
    denial = f"D1,2026-03-15,,denial,AZE,Baku,Ministry of Defence of Azerbaijan,AZE,{SRC},i1,,"
    for text in (rows(ratified, alleged, other_side), rows(ratified, russia, denial)):
        ledger = ledger_from_csv(text)
        for trust in Trust:
            result = evaluate_ledger(ledger, D(2026, 6, 1), trust=trust).result(PEACE_FORCE_AZE)
            assert (result.status.value, result.deciding) == ("complied", ()), trust


def test_after__a_ratification_confirmed_until_a_later_denial_needs_no_look_ahead() -> None:
    """The ratification reported by a stakeholder (confirmed until the other side denies it):
    a clash before it is no breach whether or not a denial dated after the as-of date exists."""
    ratified = RATIFIED.format(day="2026-03-01").replace(
        "Reuters,none,", "Ministry of Foreign Affairs of Russia,RUS,"
    )
    ratified = ratified.replace(f"{SRC},,", f"{SRC},r,")
    clash = border_clash("C0", "2026-02-10")
    denial = f"D1,2026-07-01,,denial,AZE,Baku,Ministry of Foreign Affairs of Azerbaijan,AZE,{SRC},r,,"
    assert status(rows(ratified, clash), PEACE_FORCE_AZE, D(2026, 6, 1)) == "complied"
    assert status(rows(ratified, clash, denial), PEACE_FORCE_AZE, D(2026, 6, 1)) == "complied"


def test_after__the_deciding_breach_is_one_after_the_duty_bound() -> None:
    """Clashes on 10 February and 10 March around a ratification of 1 March: violated by the
    second; the first decided nothing."""
    ratified = RATIFIED.format(day="2026-03-01")
    text = rows(ratified, border_clash("C0", "2026-02-10"), border_clash("C2", "2026-03-10"))
    result = evaluate_csv(text, D(2026, 6, 1)).result(PEACE_FORCE_AZE)
    assert (result.status.value, result.deciding) == ("violated", ("C2",))


def test_after__a_refusal_before_the_duty_bound_is_not_a_breach_on_record() -> None:
    """The FSB control, refused (by an account) before the link opened, done after: fulfilled,
    with no breach on record."""
    fsb = "ts2020-9-fsb-control-rus"
    opened = f"L1,2026-01-10,,transport-link-opened,ARM,Syunik/Zangezur (Meghri),Reuters,none,{SRC},,,"
    refusal = f"B1,2025-12-01,,statement,RUS,Moscow,Reuters,none,{SRC},,trilateral-2020#9/{fsb}:breaches,"
    done = f"F1,2026-02-10,,statement,RUS,Moscow,Reuters,none,{SRC},,trilateral-2020#9/{fsb}:fulfils,"
    result = evaluate_csv(rows(opened, refusal, done), D(2026, 3, 1)).result(fsb)
    assert (result.status.value, result.breach_on_record) == ("fulfilled", False)


def test_in_force__a_breach_before_entry_into_force_is_not_listed_beyond_the_limit() -> None:
    """With no evidence listed beyond the first none, a breach before the obligation bound is
    not listed as the first confirmed breach: it decides nothing."""
    ratified = RATIFIED.format(day="2026-03-01")
    ledger = ledger_from_csv(rows(ratified, border_clash("C1", "2026-02-10")))
    result = evaluate_ledger(ledger, D(2026, 6, 1), evidence_limit=0).result(PEACE_FORCE_AZE)
    assert (result.status.value, result.evidence) == ("complied", ())


def test_in_force__a_breach_before_a_later_entry_into_force_is_no_breach() -> None:
    """An obligation that enters into force after its agreement's date is not breached by an
    account between the two dates (the case of a treaty signed on one day, in force later)."""
    later = dt.datetime(2020, 12, 1, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    agreements = [
        attrs.evolve(
            a,
            obligations=tuple(
                attrs.evolve(o, in_force=later) if o.id == CEASEFIRE_ARM else o for o in a.obligations
            ),
        )
        for a in AGREEMENTS
    ]
    link = f"trilateral-2020#1/{CEASEFIRE_ARM}:breaches"
    before = f"C1,2020-11-20,,armed-clash,ARM,Nagorno-Karabakh,Reuters,none,{SRC},,{link},"
    after = f"C2,2020-12-05,,armed-clash,ARM,Nagorno-Karabakh,Reuters,none,{SRC},,{link},"

    def at(text: str) -> tuple[str, str]:
        ledger = ledger_from_csv(text, agreements=agreements)
        evaluation = evaluate(agreements, ledger.events, ledger.links, ledger.parties, D(2021, 1, 1))
        result = evaluation.result(CEASEFIRE_ARM)
        return result.status.value, result.evidence[0].reason

    assert at(rows(before)) == (
        "complied",
        "source not affiliated with any party; dated before the obligation came into force (2020-12-01): no breach of it",
    )
    assert at(rows(after)) == ("violated", "source not affiliated with any party")


def term_status(text: str, as_of: date) -> tuple[Status, date | None]:
    """The point-4 term as written, without the recorded 2024 early withdrawal (an ending)."""
    agreements = [attrs.evolve(a, endings=()) for a in AGREEMENTS]
    ledger = ledger_from_csv(text, agreements=agreements)
    result = evaluate(agreements, ledger.events, ledger.links, ledger.parties, as_of).result(
        "ts2020-4-term-rus"
    )
    return result.status, result.term_end


def notice(day: str) -> str:
    return f"T1,{day},,notice-of-termination,AZE,Baku,Reuters,none,{SRC},,trilateral-2020#4/ts2020-4-term-rus:relevant,"


def test_term__renewed_automatically_without_notice() -> None:
    """Point 4: with no notice the term runs on to 10 November 2030."""
    assert term_status(rows(), D(2026, 1, 1)) == (Status.COMPLIED, D(2030, 11, 10))


def test_term__one_that_does_not_renew_expires_and_is_not_broken_after() -> None:
    """A term with no renewal ends at its first expiry, and the reason says so (it said "after
    notice" with no notice given); a breach dated after the expiry is not its evidence (the
    explicit link is refused, as after an ``[[endings]]`` record) and `activity` does not count
    it, while one dated before is both (synthetic accounts on point 4's term, made
    non-renewable here)."""
    term = "ts2020-4-term-rus"

    def fixed(ob: Obligation) -> Obligation:
        return attrs.evolve(ob, term=attrs.evolve(ob.term, renewal_years=0)) if ob.id == term else ob

    agreements = [
        attrs.evolve(a, endings=(), obligations=tuple(map(fixed, a.obligations))) for a in AGREEMENTS
    ]
    link = f"trilateral-2020#4/{term}:breaches"
    text = rows(
        f"B1,2025-06-01,,peacekeeper-withdrawal,RUS,Stepanakert,Reuters,none,{SRC},,{link},",
        f"B2,2026-02-01,,peacekeeper-withdrawal,RUS,Stepanakert,Reuters,none,{SRC},,{link},",
    )
    ledger = ledger_from_csv(text, agreements=agreements)
    evaluation = evaluate(agreements, ledger.events, ledger.links, ledger.parties, D(2026, 3, 31))
    result = evaluation.result(term)
    assert (result.status, result.reason) == (Status.TERMINATED, "term expired on 2025-11-10 (not renewable)")
    assert {e.event for e in result.evidence} == {"B1"}
    assert [(p.line, p.field) for p in ledger.problems] == [(3, "links")]
    counted = count_activity(ledger, evaluation, D(2025, 1, 1), "month", ["trilateral-2020"])
    breaches = [(r.period_start, r.accounts) for r in counted.rows if r.effect is Effect.BREACHES]
    assert breaches == [(D(2025, 6, 1), 1)]


def test_term__timely_notice_ends_the_term_at_expiry() -> None:
    """Notice 6 months or more before 10 November 2025 ends the term then."""
    text = rows(notice("2025-05-10"))
    assert term_status(text, D(2025, 11, 9))[0] is Status.COMPLIED
    assert term_status(text, D(2025, 11, 10))[0] is Status.TERMINATED


def test_term__a_notice_links_by_rule_and_the_notifying_partys_own_word_gives_it() -> None:
    """A notice of termination links to the term by rule, with no explicit link; given in time it
    ends the term on 10 November 2025, whether an independent source or the notifying party's own
    government reports it (a notice is given by declaring it). The other side's word that a party
    gave notice is not the notice."""
    for reporter, party, ended in (
        ("Reuters", "none", True),
        ("Government of Azerbaijan", "AZE", True),
        ("Government of Armenia", "ARM", False),
    ):
        text = rows(f"T1,2025-05-10,,notice-of-termination,AZE,Baku,{reporter},{party},{SRC},,,")
        assert term_status(text, D(2025, 11, 10)) == (
            (Status.TERMINATED, D(2025, 11, 10)) if ended else (Status.COMPLIED, D(2030, 11, 10))
        ), reporter


def test_term__a_stakeholders_report_of_a_notice_is_graded_by_its_source_alone() -> None:
    """Türkiye, an implementer of the 2020 statement, reports Azerbaijan's notice; Russia, the
    bearer of the term, denies it. A notice links to the term as relevant, so it is graded by its
    source alone (rule 8): under the standard policy a stakeholder's word gives it, as under the
    broad one, and under the strict one it does not. The bearer's denial weighs under the standard
    policy as the answer of a party to an act said to be its own; the notice is Azerbaijan's act."""
    link = "trilateral-2020#4/ts2020-4-term-rus:relevant"
    turkey = "Ministry of Foreign Affairs of Türkiye,TUR"
    report = f"T1,2025-05-10,,notice-of-termination,AZE,Baku,{turkey},{SRC},n,{link},"
    denial = f"T2,2025-05-11,,denial,RUS,Moscow,Ministry of Foreign Affairs of Russia,RUS,{SRC},n,,"
    agreements = [attrs.evolve(a, endings=()) for a in AGREEMENTS]
    ledger = ledger_from_csv(rows(report, denial), agreements=agreements)
    statuses = {
        trust: evaluate(agreements, ledger.events, ledger.links, ledger.parties, D(2025, 11, 10), trust=trust)
        .result("ts2020-4-term-rus")
        .status
        for trust in Trust
    }
    assert statuses == {
        Trust.STRICT: Status.COMPLIED,
        Trust.STANDARD: Status.TERMINATED,
        Trust.BROAD: Status.TERMINATED,
    }


def test_term__late_notice_takes_effect_at_the_next_expiry() -> None:
    """Notice less than 6 months before expiry ends the term only at the following expiry."""
    text = rows(notice("2025-05-11"))
    assert term_status(text, D(2026, 1, 1))[0] is Status.COMPLIED
    assert term_status(text, D(2030, 11, 10))[0] is Status.TERMINATED


def test_ending__the_recorded_early_withdrawal_terminates_the_term() -> None:
    """The bundled early withdrawal (completed 12 June 2024) ends point 4's term: terminated, not violated."""
    assert status(rows(), "ts2020-4-term-rus", D(2024, 6, 11)) == "complied"
    assert status(rows(), "ts2020-4-term-rus", D(2024, 6, 12)) == "terminated"


def test_ending__a_term_does_not_renew_after_the_obligation_ended() -> None:
    """Ended on 12 June 2024, point 4's term shows the expiry current then (10 November 2025) at
    every later date: it cannot renew automatically in 2025 once the contingent has left."""
    for as_of in (D(2024, 6, 12), D(2025, 11, 10), D(2026, 11, 22)):
        ledger = ledger_from_csv(rows())
        result = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, as_of).result(
            "ts2020-4-term-rus"
        )
        assert (result.status, result.term_end) == (Status.TERMINATED, D(2025, 11, 10)), as_of


def test_ending__superseded_is_not_violated_and_history_before_is_unchanged() -> None:
    """A superseded obligation reads superseded after the date and unchanged before it."""
    agreement = next(a for a in AGREEMENTS if a.id == "trilateral-2020")
    ending = Ending(
        D(2024, 6, 12),
        EndType.SUPERSEDED,
        "a later instrument",
        "https://example.org/end",
        ("ts2020-4-term-rus",),
    )
    changed = [attrs.evolve(agreement, endings=(ending,))]
    ledger = ledger_from_csv(rows(), agreements=changed)
    before = evaluate(changed, ledger.events, ledger.links, ledger.parties, D(2024, 6, 11))
    after = evaluate(changed, ledger.events, ledger.links, ledger.parties, D(2024, 6, 12))
    assert before.result("ts2020-4-term-rus").status is Status.COMPLIED
    assert after.result("ts2020-4-term-rus").status is Status.SUPERSEDED
    assert after.result("ts2020-4-term-rus").pam_score == 3


# --- Roll-ups and PAM -------------------------------------------------------------------------


def test_rollup__never_hides_a_violation_behind_good_ones() -> None:
    """An article with one violated and three complied obligations rolls up to violated (1 of 4)."""
    results = evaluate_csv(rows(clash("C1", "Reuters", "none", "ARM")), D(2021, 12, 1)).results
    article = roll_up(r for r in results if r.obligation.article == "1" and r.agreement == "trilateral-2020")
    assert article.status is Status.VIOLATED
    assert article.count(Status.VIOLATED) == 1
    assert article.total == 4


def test_rollup__disputed_outranks_fulfilled_and_pending() -> None:
    """Disputed is more severe than pending and fulfilled in a roll-up."""
    results = evaluate_csv(
        rows(clash("C1", "Ministry of Defence of Azerbaijan", "", "ARM")), D(2021, 12, 1)
    ).results
    party = roll_up(r for r in results if "ARM" in r.obligation.bearers and r.agreement == "trilateral-2020")
    assert party.status is Status.DISPUTED


@pytest.mark.parametrize(
    ("text", "obligation", "expected"),
    [
        (rows(handover("2020-11-20")), AGHDAM, 3),
        (rows(), AGHDAM, 0),
        (rows(clash("C1", "Reuters", "none", "ARM")), CEASEFIRE_ARM, 2),
        (rows(f"R1,2021-01-01,,prisoner-release,AZE,Baku,Reuters,none,{SRC},,,"), "ts2020-8-exchange-aze", 1),
        (rows(), "ts2020-4-notice", None),
    ],
)
def test_pam__scores_beside_the_status(text: str, obligation: str, expected: int | None) -> None:
    """PAM: 3 full, 2 intermediate (breaches of a maintained duty), 1 minimal, 0 not initiated."""
    assert evaluate_csv(text, D(2021, 12, 1)).result(obligation).pam_score == expected


def test_pam__a_roll_up_says_how_many_obligations_its_score_rests_on() -> None:
    """Article 4 of Sochi 2021: the commission, with no account, scores 0; the other two are not
    formalised and have no score. The article's 0 is the mean of one obligation of three, and the
    roll-up carries that one."""
    results = evaluate_csv(rows(), D(2022, 12, 31)).results
    article = roll_up(r for r in results if r.agreement == "sochi-2021" and r.obligation.article == "4")
    assert (article.pam_score, article.scored, article.total) == (0, 1, 3)


def test_rollup__counts_the_obligations_of_its_status_no_account_bears_on() -> None:
    """Point 1 of 2020 with one account of a Russian-reported clash by Armenia: Armenia's two
    duties have it, Azerbaijan's have none. Each roll-up counts those of its status with none;
    an evaluation without evidence counts none (it cannot tell)."""
    text = rows(clash("C1", "Ministry of Defence of Russia", "RUS", "ARM"))
    results = [r for r in evaluate_csv(text, D(2021, 12, 1)).results if r.id.startswith("ts2020-1-")]
    aze = roll_up(r for r in results if r.obligation.bearers == ("AZE",))
    arm = roll_up(r for r in results if r.obligation.bearers == ("ARM",))
    assert (aze.status, aze.count(Status.COMPLIED), aze.no_account) == (Status.COMPLIED, 2, 2)
    assert arm.status is not Status.COMPLIED
    assert arm.no_account == sum(
        1 for r in results if "ARM" in r.id and r.status is arm.status and not r.evidence_total
    )
    ledger = ledger_from_csv(text)
    bare = evaluate(
        ledger.agreements, ledger.events, ledger.links, ledger.parties, D(2021, 12, 1), with_evidence=False
    )
    assert (
        roll_up(
            r for r in bare.results if r.id.startswith("ts2020-1-") and "AZE" in r.obligation.bearers
        ).no_account
        == 0
    )


def test_evidence_limit__keeps_the_deciding_accounts_and_counts_all() -> None:
    """With a limit, the earliest accounts and the first confirmed breach are listed; all are counted."""
    text = rows(
        clash("C1", "Ministry of Defence of Azerbaijan", "", "ARM").replace("2021-11-16", "2021-11-10"),
        clash("C2", "Ministry of Defence of Azerbaijan", "", "ARM").replace("2021-11-16", "2021-11-12"),
        clash("C3", "Reuters", "none", "ARM"),
    )
    ledger = ledger_from_csv(text)
    limited = evaluate(
        ledger.agreements, ledger.events, ledger.links, ledger.parties, D(2021, 12, 1), evidence_limit=1
    )
    result = limited.result(CEASEFIRE_ARM)
    assert [e.event for e in result.evidence] == ["C1", "C3"]
    assert result.evidence_total == 3
    assert result.status is Status.VIOLATED


def test_linking__explicit_links_win_within_their_agreement_rules_apply_elsewhere() -> None:
    """An account coded against the 2020 statement is not rule-linked within it, but is elsewhere."""
    coded = (
        clash("C1", "Reuters", "none", "AZE", "ts2020-1-ceasefire-arm")
        .replace("2021-11-16", "2024-02-13")
        .replace("Nagorno-Karabakh", "Syunik/Zangezur border")  # where the 2022 principles reach
    )
    ledger = ledger_from_csv(rows(coded))
    targets = {link.obligation: link.basis for link in ledger.links}
    assert targets["ts2020-1-ceasefire-arm"] == "explicit"
    assert "ts2020-1-ceasefire-aze" not in targets  # the coder chose, within trilateral-2020
    assert targets["p2022-3-non-use-of-force-aze"] == "force-by-bearer"  # a rule, in another agreement


def test_term__a_notice_listed_unconfirmed_says_it_gives_notice() -> None:
    """The notifying party's own declaration gives notice whatever grade its source earns; under
    the strict policy Azerbaijan's account of its own notice is listed unconfirmed, and its
    reason said nothing of the notice the status then turned on (the term "expired after
    notice" beside an account listed as alleged)."""
    agreements = [attrs.evolve(a, endings=()) for a in AGREEMENTS]
    text = rows(f"T1,2025-05-10,,notice-of-termination,AZE,Baku,Government of Azerbaijan,AZE,{SRC},,,")
    ledger = ledger_from_csv(text, agreements=agreements)
    for trust in Trust:
        evaluation = evaluate(
            agreements, ledger.events, ledger.links, ledger.parties, D(2025, 11, 10), trust=trust
        )
        result = evaluation.result("ts2020-4-term-rus")
        assert result.status is Status.TERMINATED
        [notice] = [e for e in result.evidence if e.event == "T1"]
        says = "gives notice all the same" in notice.reason
        assert says == (notice.grade is not Grade.CONFIRMED), (trust, notice)
    strict = evaluate(
        agreements, ledger.events, ledger.links, ledger.parties, D(2025, 11, 10), trust=Trust.STRICT
    )
    assert strict.result("ts2020-4-term-rus").evidence[0].grade is not Grade.CONFIRMED
