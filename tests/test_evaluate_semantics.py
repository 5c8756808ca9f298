"""The statuses of issue 13, on the real 2020 obligations: progress, permissions, trust, corroboration, area, why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from compliance.core.events import Link
from compliance.core.vocabulary import Effect, Grade, Status, Trust
from compliance.evaluation.evaluate import Evaluation, evaluate
from compliance.evaluation.rollup import roll_up_statuses
from compliance.evaluation.rules import RULE_NAMES
from tests.support import ledger_from_csv, rows

D = date
SRC = "https://example.org/account"
EXCHANGE_AZE = "ts2020-8-exchange-aze"
EXCHANGE_ARM = "ts2020-8-exchange-arm"
NEW_ROUTE = "ts2020-6-new-route-plan"
NOTICE = "ts2020-4-notice"
CEASEFIRE_AZE = "ts2020-1-ceasefire-aze"
CEASEFIRE_ARM = "ts2020-1-ceasefire-arm"
SAFE_MOVEMENT = "ts2020-6-safe-movement-aze"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "obligation-logic.md"

# The shape of N005: Russia's MoD on the exchange of 14 December 2020, linked as progress on both duties.
EXCHANGE_DEC_2020 = (
    "N005,2020-12-14,,prisoner-exchange,,Baku; Yerevan,Ministry of Defence of Russia,RUS,"
    f"{SRC},2020-12-14-prisoner-exchange,"
    f"trilateral-2020#8/{EXCHANGE_AZE}:progress;trilateral-2020#8/{EXCHANGE_ARM}:progress,"
)
# The shape of E042 and N027: Russia's MoD attributes a violation; Azerbaijan's MoD denies it.
RUSSIA_ATTRIBUTES = (
    "E042,2022-03-26,,ceasefire-violation,AZE,Farrukh/Parukh,Ministry of Defence of Russia,RUS,"
    f"{SRC},2022-03-24-farrukh-parukh,trilateral-2020#1/{CEASEFIRE_AZE}:breaches,"
)
AZERBAIJAN_DENIES = (
    "N027,2022-03-27,,denial,AZE,Farrukh/Parukh,Ministry of Defence of Azerbaijan,AZE,"
    f"{SRC},2022-03-24-farrukh-parukh,trilateral-2020#1/{CEASEFIRE_AZE}:relevant,"
)


def run(text: str, as_of: date, trust: Trust = Trust.STANDARD, extra: tuple[Link, ...] = ()) -> Evaluation:
    """Evaluate inline rows; ``extra`` links replace the linker's links for their events."""
    ledger = ledger_from_csv(text)
    replaced = {link.event for link in extra}
    links = (*(link for link in ledger.links if link.event not in replaced), *extra)
    return evaluate(ledger.agreements, ledger.events, links, ledger.parties, as_of, trust=trust)


# --- Progress ----------------------------------------------------------------------------------


def test_progress__the_exchange_of_december_2020_makes_point_8_in_progress() -> None:
    """Russia's account of the 14 Dec 2020 exchange, not denied, makes both point 8 duties in-progress."""
    evaluation = run(rows(EXCHANGE_DEC_2020), D(2021, 1, 31))
    for obligation in (EXCHANGE_AZE, EXCHANGE_ARM):
        result = evaluation.result(obligation)
        assert result.status is Status.IN_PROGRESS
        assert "progress reported in N005" in result.reason
        assert (result.rule, result.deciding) == ("in progress", ("N005",))
        assert result.pam_score == 1


def test_progress__history_changes_at_the_first_confirmed_progress() -> None:
    """The history goes from pending to in-progress on the day of the exchange."""
    result = run(rows(EXCHANGE_DEC_2020), D(2021, 1, 31)).result(EXCHANGE_AZE)
    assert [(t.date, t.status) for t in result.history[1:]] == [
        (D(2020, 11, 10), Status.PENDING),
        (D(2020, 12, 14), Status.IN_PROGRESS),
    ]


def test_progress__unconfirmed_progress_alone_leaves_the_duty_pending_and_says_so() -> None:
    """Under strict, Russia's word alone does not confirm progress: pending, and the reason names the claim."""
    result = run(rows(EXCHANGE_DEC_2020), D(2021, 1, 31), Trust.STRICT).result(EXCHANGE_AZE)
    assert result.status is Status.PENDING
    assert "progress claimed in N005, not confirmed" in result.reason
    assert result.pam_score == 0


def test_progress__two_progress_accounts_score_pam_2() -> None:
    """Two confirmed progress accounts give PAM 2."""
    second = (
        f"X2,2021-06-12,,prisoner-release,AZE,,Reuters,none,{SRC},,trilateral-2020#8/{EXCHANGE_AZE}:progress,"
    )
    result = run(rows(EXCHANGE_DEC_2020, second), D(2021, 7, 1)).result(EXCHANGE_AZE)
    assert (result.status, result.pam_score) == (Status.IN_PROGRESS, 2)


def test_progress__past_the_deadline_it_stays_overdue_and_the_reason_names_the_progress() -> None:
    """The new route's plan with progress in 2022 is in-progress before 10 Nov 2023 and overdue after."""
    work = f"R1,2022-05-01,,route-opened,AZE,Lachin district,Reuters,none,{SRC},,trilateral-2020#6/{NEW_ROUTE}:progress,"
    assert run(rows(work), D(2023, 1, 1)).result(NEW_ROUTE).status is Status.IN_PROGRESS
    late = run(rows(work), D(2024, 1, 1)).result(NEW_ROUTE)
    assert late.status is Status.OVERDUE
    assert late.reason.endswith("; progress reported in R1")
    assert (late.rule, late.deciding) == ("overdue", ("R1",))


def test_progress__roll_up_ranks_in_progress_between_overdue_and_pending() -> None:
    """In-progress outranks pending and never hides overdue or violated."""
    assert roll_up_statuses([(Status.PENDING, 0), (Status.IN_PROGRESS, 1)]).status is Status.IN_PROGRESS
    assert roll_up_statuses([(Status.OVERDUE, 0), (Status.IN_PROGRESS, 1)]).status is Status.OVERDUE
    assert roll_up_statuses([(Status.VIOLATED, 2), (Status.IN_PROGRESS, 1)]).status is Status.VIOLATED


# --- Permissions -------------------------------------------------------------------------------


def test_permission__nobody_used_it_so_it_is_unused_without_a_score() -> None:
    """Point 4's notice of termination, never given, is unused (not complied); PAM none."""
    result = run(rows(), D(2024, 1, 1)).result(NOTICE)
    assert (result.status, result.pam_score, result.rule) == (Status.UNUSED, None, "permission unused")


def test_permission__a_confirmed_notice_makes_it_exercised() -> None:
    """A notice of termination by Azerbaijan, reported by a wire agency, exercises the permission."""
    notice = f"T1,2024-05-01,,notice-of-termination,AZE,Baku,Reuters,none,{SRC},,,"
    result = run(rows(notice), D(2024, 6, 1)).result(NOTICE)
    assert (result.status, result.deciding, result.pam_score) == (Status.EXERCISED, ("T1",), None)


def test_permission__an_unconfirmed_use_leaves_it_unused_and_says_so() -> None:
    """A use claimed by a reporter of unknown affiliation leaves the permission unused, with the claim named."""
    notice = (
        f"T1,2024-05-01,,notice-of-termination,AZE,Baku,Someone,,{SRC},,trilateral-2020#4/{NOTICE}:fulfils,"
    )
    result = run(rows(notice), D(2024, 6, 1)).result(NOTICE)
    assert result.status is Status.UNUSED
    assert "a use is claimed in T1, not confirmed" in result.reason


# --- Trust policies ----------------------------------------------------------------------------


def test_trust__a_stakeholders_attribution_denied_by_the_bearer_depends_on_the_policy() -> None:
    """E042 denied by N027: disputed under strict and standard, violated under broad."""
    text = rows(RUSSIA_ATTRIBUTES, AZERBAIJAN_DENIES)
    statuses = {t: run(text, D(2022, 4, 30), t).result(CEASEFIRE_AZE).status for t in Trust}
    assert statuses == {
        Trust.STRICT: Status.DISPUTED,
        Trust.STANDARD: Status.DISPUTED,
        Trust.BROAD: Status.VIOLATED,
    }
    evidence = run(text, D(2022, 4, 30)).result(CEASEFIRE_AZE).evidence[0]
    assert evidence.grade is Grade.CONTESTED
    assert evidence.reason == "reported by RUS, a stakeholder (signatory) of trilateral-2020; denied in N027"


def test_trust__a_stakeholder_alone_is_violated_under_standard_and_disputed_under_strict() -> None:
    """E042 with no denial: violated under standard and broad, disputed under strict."""
    text = rows(RUSSIA_ATTRIBUTES)
    statuses = {t: run(text, D(2022, 4, 30), t).result(CEASEFIRE_AZE).status for t in Trust}
    assert statuses == {
        Trust.STRICT: Status.DISPUTED,
        Trust.STANDARD: Status.VIOLATED,
        Trust.BROAD: Status.VIOLATED,
    }
    evidence = run(text, D(2022, 4, 30)).result(CEASEFIRE_AZE).evidence[0]
    assert evidence.reason == "reported by RUS, a stakeholder (signatory) of trilateral-2020; not denied"


def test_trust__a_later_denial_ends_the_confirmation_from_its_date_only() -> None:
    """Under standard the attribution is confirmed until the denial appears: violated, then disputed."""
    late_denial = AZERBAIJAN_DENIES.replace("2022-03-27", "2022-04-10")
    result = run(rows(RUSSIA_ATTRIBUTES, late_denial), D(2022, 4, 30)).result(CEASEFIRE_AZE)
    assert [(t.date, t.status) for t in result.history[1:]] == [
        (D(2020, 11, 10), Status.COMPLIED),
        (D(2022, 3, 26), Status.VIOLATED),
        (D(2022, 4, 10), Status.DISPUTED),
    ]
    assert (
        run(rows(RUSSIA_ATTRIBUTES, late_denial), D(2022, 4, 1)).result(CEASEFIRE_AZE).status
        is Status.VIOLATED
    )


def test_trust__a_side_reporting_its_opponents_progress_is_confirmed_under_every_policy() -> None:
    """Azerbaijan reporting that Armenia released prisoners acknowledges the other side's act:
    in-progress under strict too. The reason imputes no motive ("against its own interest" did,
    though the reporter is often the side that gains by the act): it names the other side."""
    release = f"X1,2021-02-01,,prisoner-release,ARM,,Ministry of Defence of Azerbaijan,AZE,{SRC},,trilateral-2020#8/{EXCHANGE_ARM}:progress,"
    for trust in Trust:
        result = run(rows(release), D(2021, 3, 1), trust).result(EXCHANGE_ARM)
        assert result.status is Status.IN_PROGRESS
        assert result.evidence[0].reason == "acknowledged by AZE, the other side"


def test_trust__a_side_reporting_a_neutral_bearers_fulfilment_is_read_as_a_stakeholders() -> None:
    """The Karabakh Armenian authorities report a duty of Russia fulfilled (as E052 once was read).
    Russia is on neither side, so this acknowledges no opponent's act: confirmed under
    standard (not denied), alleged alone under strict, as a stakeholder's account."""
    deployment = "ts2020-3-deployment-rus"
    done = (
        "X1,2020-11-20,,peacekeeper-deployment,RUS,Stepanakert/Khankendi,NK authorities,NK,"
        f"{SRC},,trilateral-2020#3/{deployment}:fulfils,"
    )
    graded = {trust: run(rows(done), D(2020, 12, 1), trust).result(deployment).evidence[0] for trust in Trust}
    assert graded[Trust.STANDARD].grade is Grade.CONFIRMED
    assert graded[Trust.STRICT].grade is Grade.ALLEGED
    assert not any("the other side" in e.reason for e in graded.values())


def test_trust__the_bearers_own_side_and_independent_sources_confirm_under_strict() -> None:
    """Under strict an admission and an unaffiliated wire report still confirm a breach."""
    admission = f"A1,2022-03-26,,armed-clash,AZE,Parukh,Ministry of Defence of Azerbaijan,AZE,{SRC},,trilateral-2020#1/{CEASEFIRE_AZE}:breaches,"
    wire = f"W1,2022-03-26,,armed-clash,AZE,Parukh,Reuters,none,{SRC},,trilateral-2020#1/{CEASEFIRE_AZE}:breaches,"
    for row in (admission, wire):
        assert run(rows(row), D(2022, 4, 1), Trust.STRICT).result(CEASEFIRE_AZE).status is Status.VIOLATED


def test_trust__a_mediator_of_prague_2022_is_a_stakeholder() -> None:
    """The EU, a mediator of the Prague statement, is classed as a stakeholder of it."""
    from compliance.evaluation.trust import SourceClass, Stakes, classify
    from tests.support import AGREEMENTS, PARTIES

    prague = next(a for a in AGREEMENTS if a.id == "prague-2022")
    assert classify("EU", ("ARM",), Stakes.of(prague), PARTIES)[0] is SourceClass.STAKEHOLDER
    assert classify("FRA", ("ARM",), Stakes.of(prague), PARTIES)[0] is SourceClass.STAKEHOLDER
    trilateral = next(a for a in AGREEMENTS if a.id == "trilateral-2020")
    assert classify("EU", ("ARM",), Stakes.of(trilateral), PARTIES)[0] is SourceClass.INDEPENDENT


def test_trust__a_role_in_a_later_text_counts_from_its_date() -> None:
    """The shape of E036: the President of the European Council on a release of December 2021.
    The EU is a mediator of the Prague statement of 6 October 2022 only: its account of 2021 is
    read without that role at every date (independent, confirmed under strict), and the same
    account dated from 6 October 2022 on is a stakeholder's (alleged alone under strict)."""

    def graded(day: str, as_of: date) -> tuple[str, str]:
        release = (
            f"E036,{day},,prisoner-release,AZE,Baku to Yerevan,President of the European Council,EU,"
            f"{SRC},,trilateral-2020#8/{EXCHANGE_AZE}:progress,"
        )
        ledger = ledger_from_csv(rows(release))
        evaluation = evaluate(
            ledger.agreements, ledger.events, ledger.links, ledger.parties, as_of, trust=Trust.STRICT
        )
        [evidence] = evaluation.result(EXCHANGE_AZE).evidence
        return evidence.grade.value, evidence.reason

    for as_of in (D(2022, 1, 31), D(2026, 1, 1)):
        grade, reason = graded("2021-12-19", as_of)
        assert (grade, "prague-2022" in reason) == ("confirmed", False), as_of
    grade, reason = graded("2022-10-06", D(2026, 1, 1))
    assert grade == "alleged"
    assert "stakeholder of the same process (mediator of prague-2022)" in reason


# --- Corroboration only by the same act --------------------------------------------------------


def test_corroboration__a_statement_in_the_same_incident_does_not_corroborate() -> None:
    """N045 (Armenia on the ICJ order) is not corroborated by N044 (Azerbaijan welcoming it): disputed, not violated."""
    n044 = (
        f"N044,2023-02-22,,court-order,AZE,Baku,Ministry of Foreign Affairs of Azerbaijan,AZE,{SRC},"
        f"2023-02-22-icj-provisional-measures,trilateral-2020#6/{SAFE_MOVEMENT}:relevant,"
    )
    n045 = (
        f"N045,2023-02-23,,court-order,ARM,Yerevan,Prime Minister of Armenia,ARM,{SRC},"
        f"2023-02-22-icj-provisional-measures,trilateral-2020#6/{SAFE_MOVEMENT}:breaches,"
    )
    result = run(rows(n044, n045), D(2023, 3, 1)).result(SAFE_MOVEMENT)
    assert result.status is Status.DISPUTED
    graded = {e.event: e for e in result.evidence}
    assert graded["N045"].grade is Grade.ALLEGED
    assert "N044" not in graded["N045"].reason


def test_corroboration__an_act_naming_another_actor_on_the_accused_side_does_not_corroborate() -> None:
    """Azerbaijan accuses the Karabakh Armenian forces; Armenia's account names Armenia: not the same actor."""
    accusation = f"A1,2021-05-01,,armed-clash,NK,Shusha/Shushi,Ministry of Defence of Azerbaijan,AZE,{SRC},i1,trilateral-2020#1/{CEASEFIRE_ARM}:breaches,"
    other = f"A2,2021-05-01,,armed-clash,ARM,Shusha/Shushi,Ministry of Defence of Armenia,ARM,{SRC},i1,,"
    result = run(rows(accusation, other), D(2021, 6, 1)).result(CEASEFIRE_ARM)
    graded = {e.event: e for e in result.evidence}
    assert graded["A1"].grade is not Grade.CONFIRMED


def test_corroboration__the_same_act_by_the_same_actor_corroborates() -> None:
    """Azerbaijan's account of the same clash naming Armenia corroborates ... by the accused side's own account."""
    accusation = f"A1,2021-05-01,,armed-clash,ARM,Fuzuli,Ministry of Defence of Azerbaijan,AZE,{SRC},i1,trilateral-2020#1/{CEASEFIRE_ARM}:breaches,"
    own = f"A2,2021-05-01,,shelling,ARM,Fuzuli,Ministry of Defence of Armenia,ARM,{SRC},i1,,"
    result = run(rows(accusation, own), D(2021, 6, 1)).result(CEASEFIRE_ARM)
    graded = {e.event: e for e in result.evidence}
    assert graded["A1"].grade is Grade.CONFIRMED
    assert graded["A1"].reason == "alleged by AZE, corroborated by A2"


# SYNTHETIC accounts in the shape of N050 and N049: Armenia's foreign ministry says Azerbaijan's
# checkpoint near the Hakari bridge breaches point 6; Azerbaijan's border service reports setting
# up the checkpoint, an account linked to Azerbaijan's duty of safe movement as relevant only.
CORRIDOR_CONTROL = "ts2020-6-corridor-control-rus"
CHECKPOINT = "syn-hakari-checkpoint"


def checkpoint(account: str, day: str, party: str, links: str) -> str:
    """A SYNTHETIC account of Azerbaijan's checkpoint near the Hakari bridge, given by ``party``."""
    reporter = {"ARM": "Ministry of Foreign Affairs of Armenia", "AZE": "State Border Service of Azerbaijan"}
    return (
        f"{account},{day},,checkpoint-established,AZE,Hakari bridge,{reporter[party]},{party},{SRC},"
        f"{CHECKPOINT},{links},synthetic"
    )


CHECKPOINT_BREACHES = checkpoint(
    "SYN-1",
    "2023-04-23",
    "ARM",
    f"trilateral-2020#6/{SAFE_MOVEMENT}:breaches;trilateral-2020#6/{CORRIDOR_CONTROL}:breaches",
)


def test_corroboration__the_accused_sides_account_of_the_act_recording_another_effect_confirms_the_act_not_the_breach() -> (
    None
):
    """The shape of N050/N049: both sides say the checkpoint exists, and disagree on whether it
    breaches point 6. Azerbaijan's account, linked to the duty as relevant (or as fulfilling it),
    does not corroborate Armenia's allegation under any policy: disputed, not violated. It does not
    contest it either; under Russia's duty it contests it as before, as it names another actor."""
    for effect in ("relevant", "fulfils"):
        own = checkpoint(
            "SYN-2",
            "2023-04-23",
            "AZE",
            f"trilateral-2020#6/{SAFE_MOVEMENT}:{effect};trilateral-2020#6/{CORRIDOR_CONTROL}:relevant",
        )
        for trust in Trust:
            evaluation = run(rows(CHECKPOINT_BREACHES, own), D(2023, 9, 30), trust)
            result = evaluation.result(SAFE_MOVEMENT)
            allegation = next(e for e in result.evidence if e.event == "SYN-1")
            assert (allegation.grade, allegation.reason) == (Grade.ALLEGED, "alleged by ARM only"), (
                effect,
                trust,
            )
            assert result.status is not Status.VIOLATED, (effect, trust)
            control = next(e for e in evaluation.result(CORRIDOR_CONTROL).evidence if e.event == "SYN-1")
            assert (control.grade, control.reason) == (
                Grade.CONTESTED,
                "alleged by ARM; AZE's account SYN-2 names AZE as actor",
            ), (effect, trust)


def test_corroboration__the_accused_sides_account_of_the_act_not_linked_to_the_obligation_corroborates() -> (
    None
):
    """Azerbaijan's own account of the checkpoint, linked to no duty of Azerbaijan, confirms the
    act its opponent alleges, as an account of the same clash does: it says nothing else of the duty."""
    own = checkpoint("SYN-2", "2023-04-23", "AZE", "")
    for trust in Trust:
        result = run(rows(CHECKPOINT_BREACHES, own), D(2023, 9, 30), trust).result(SAFE_MOVEMENT)
        allegation = next(e for e in result.evidence if e.event == "SYN-1")
        assert (allegation.grade, allegation.reason) == (
            Grade.CONFIRMED,
            "alleged by ARM, corroborated by SYN-2",
        )
        assert result.status is Status.VIOLATED


def test_corroboration__a_third_account_of_the_act_corroborates_when_the_first_two_record_another_effect() -> (
    None
):
    """The first two of Azerbaijan's accounts of the checkpoint are linked to the duty as relevant;
    the third is not linked to it, and corroborates from its date. The incident is read once for
    the obligation, keeping the first two possible corroborators of each kind: those recording
    another effect must be set aside before the two are kept, not after. Read both when every
    account is known and, with an account after the cut-off, when the listing reads it again."""
    relevant = f"trilateral-2020#6/{SAFE_MOVEMENT}:relevant"
    text = rows(
        CHECKPOINT_BREACHES,
        checkpoint("SYN-2", "2023-04-23", "AZE", relevant),
        checkpoint("SYN-3", "2023-04-24", "AZE", relevant),
        checkpoint("SYN-4", "2023-04-25", "AZE", ""),
        checkpoint("SYN-5", "2023-06-15", "ARM", ""),
    )
    for as_of in (D(2023, 5, 31), D(2023, 9, 30)):
        for trust in Trust:
            result = run(text, as_of, trust).result(SAFE_MOVEMENT)
            allegation = next(e for e in result.evidence if e.event == "SYN-1")
            assert (allegation.grade, allegation.reason) == (
                Grade.CONFIRMED,
                "alleged by ARM, corroborated by SYN-4",
            ), (as_of, trust)
            assert result.status is Status.VIOLATED
            assert [(t.date, t.status) for t in result.history[-2:]] == [
                (D(2023, 4, 23), Status.DISPUTED),
                (D(2023, 4, 25), Status.VIOLATED),
            ]


# --- Actors not named ----------------------------------------------------------------------------


def test_no_actor__one_sides_account_against_the_other_side_is_alleged() -> None:
    """A rule-made breach link to Armenia's account naming no actor, against Azerbaijan's ceasefire, is alleged."""
    clash = f"C1,2021-07-28,,armed-clash,,Yeraskh,Ministry of Defence of Armenia,ARM,{SRC},,,"
    link = Link(CEASEFIRE_AZE, "C1", Effect.BREACHES, "unattributed-hostilities")
    result = run(rows(clash), D(2021, 8, 1), extra=(link,)).result(CEASEFIRE_AZE)
    evidence = next(e for e in result.evidence if e.event == "C1")
    assert (evidence.grade, evidence.reason) == (
        Grade.ALLEGED,
        "alleged by ARM only, whose account names no actor",
    )


def test_no_actor__an_unaffiliated_account_naming_no_actor_stays_contested() -> None:
    """A rule-made breach link to an unaffiliated account naming no actor is contested."""
    clash = f"C1,2021-07-28,,armed-clash,,Yeraskh,Reuters,none,{SRC},,,"
    link = Link(CEASEFIRE_AZE, "C1", Effect.BREACHES, "unattributed-hostilities")
    result = run(rows(clash), D(2021, 8, 1), extra=(link,)).result(CEASEFIRE_AZE)
    evidence = next(e for e in result.evidence if e.event == "C1")
    assert (evidence.grade, evidence.reason) == (Grade.CONTESTED, "the source does not say who acted")


def test_no_actor__a_breach_of_a_duty_with_several_bearers_is_contested_even_if_explicit() -> None:
    """No actor, several bearers (the new route's plan): contested, so disputed and never violated."""
    row = f"B1,2022-05-01,,statement,,Lachin,Reuters,none,{SRC},,trilateral-2020#6/{NEW_ROUTE}:breaches,"
    result = run(rows(row), D(2022, 6, 1)).result(NEW_ROUTE)
    assert result.status is Status.DISPUTED
    assert (result.evidence[0].grade, result.evidence[0].reason) == (
        Grade.CONTESTED,
        "the source does not say which bearer acted",
    )


# --- Where a duty applies; before a text exists -----------------------------------------------------


def test_area__a_caveated_border_clash_in_syunik_is_at_most_disputed_for_point_1() -> None:
    """An unaffiliated account of a clash in Syunik/Zangezur, linked with the scope caveat, cannot make point 1 violated."""
    clash = f"S1,2022-09-13,,armed-clash,AZE,Jermuk (Vayots Dzor) and Goris (Syunik/Zangezur),Reuters,none,{SRC},,,"
    caveat = "outside the stated area, scope disputed"
    link = Link(CEASEFIRE_AZE, "S1", Effect.BREACHES, "explicit", caveat=caveat)
    result = run(rows(clash), D(2022, 10, 1), extra=(link,)).result(CEASEFIRE_AZE)
    assert result.status is Status.DISPUTED
    evidence = result.evidence[0]
    assert evidence.grade is Grade.ALLEGED
    assert evidence.reason.startswith(caveat)
    assert result.deciding == ("S1",)


def test_before_the_text__an_account_ending_before_the_agreement_is_dropped() -> None:
    """A 2021 clash linked to the 2022 five principles bears on nothing: no evidence, no status change."""
    row = f"P1,2021-07-28,,armed-clash,AZE,Yeraskh,Reuters,none,{SRC},,five-principles-2022#3/p2022-3-non-use-of-force-aze:breaches,"
    result = run(rows(row), D(2022, 6, 1)).result("p2022-3-non-use-of-force-aze")
    assert result.evidence == ()
    assert result.status is not Status.VIOLATED


# --- Why ----------------------------------------------------------------------------------------


def test_why__every_rule_name_is_a_term_of_the_documentation() -> None:
    """Each name in RULE_NAMES appears in backticks in docs/obligation-logic.md, section "Rule names"."""
    documented = DOCS.read_text(encoding="utf-8").split("## Rule names", 1)[1].split("\n## ", 1)[0]
    missing = [rule for rule in RULE_NAMES if f"`{rule}`" not in documented]
    assert missing == []


def test_why__disputed_names_every_unconfirmed_account() -> None:
    """A disputed ceasefire names each unconfirmed account that made it disputed."""
    one = f"A1,2021-05-01,,armed-clash,ARM,Tavush,Ministry of Defence of Azerbaijan,AZE,{SRC},,trilateral-2020#1/{CEASEFIRE_ARM}:breaches,"
    two = f"A2,2021-06-01,,shelling,ARM,Tavush,Ministry of Defence of Azerbaijan,AZE,{SRC},,trilateral-2020#1/{CEASEFIRE_ARM}:breaches,"
    result = run(rows(one, two), D(2021, 7, 1)).result(CEASEFIRE_ARM)
    assert (result.status, result.rule, result.deciding) == (
        Status.DISPUTED,
        "breach not confirmed",
        ("A1", "A2"),
    )


# --- Source classes of the registered reporters -----------------------------------------------------

COLUMNS = (
    ("trilateral-2020", ("ARM",), "ARM's duty, 2020"),
    ("trilateral-2020", ("AZE",), "AZE's duty, 2020"),
    ("trilateral-2020", ("RUS",), "RUS's duty, 2020"),
    ("prague-2022", ("ARM",), "ARM's duty, Prague 2022"),
    ("washington-2025", ("AZE",), "AZE's duty, Washington 2025"),
)


def classification_table() -> str:
    """The table of docs/obligation-logic.md: every registered reporter's class, by the rule."""
    from compliance.evaluation.trust import Stakes, classify
    from tests.support import AGREEMENTS, PARTIES, REPORTERS

    stakes = {a.id: Stakes.of(a, AGREEMENTS) for a in AGREEMENTS}
    lines = [
        "| Reporter | Affiliation | " + " | ".join(label for _, _, label in COLUMNS) + " |",
        "|---|---|" + "---|" * len(COLUMNS),
    ]
    for reporter in REPORTERS:
        classes = [
            classify(reporter.party, bearers, stakes[a], PARTIES)[0].value for a, bearers, _ in COLUMNS
        ]
        lines.append(f"| {reporter.name} | {reporter.party} | " + " | ".join(classes) + " |")
    return "\n".join(lines) + "\n"


def test_source_classes__the_documented_table_classifies_every_registered_reporter_by_the_rule() -> None:
    """docs/obligation-logic.md holds the classification of every reporter in agreements/reporters.toml, as computed."""
    assert classification_table() in DOCS.read_text(encoding="utf-8")


def test_corroboration__an_allegation_counts_as_alleged_until_the_corroborating_account_exists() -> None:
    """Armenia alleges a breach on 1 Mar; Azerbaijan's own account of the act follows on 10 Mar: disputed, then violated."""
    text = rows(
        "X1,2021-03-01,,armed-clash,AZE,Khojavend/Martuni,Ministry of Defence of Armenia,ARM,"
        f"{SRC},2021-03-clash,trilateral-2020#1/{CEASEFIRE_AZE}:breaches,",
        "X2,2021-03-10,,armed-clash,AZE,Khojavend/Martuni,Ministry of Defence of Azerbaijan,AZE,"
        f"{SRC},2021-03-clash,trilateral-2020#1/{CEASEFIRE_AZE}:breaches,",
    )
    before = run(text, D(2021, 3, 5)).result(CEASEFIRE_AZE)
    after = run(text, D(2021, 3, 31)).result(CEASEFIRE_AZE)
    assert before.status is Status.DISPUTED, before.reason  # the later account is not looked ahead to
    assert after.status is Status.VIOLATED, after.reason
    assert [(t.date, t.status) for t in after.history[-2:]] == [
        (D(2021, 3, 1), Status.DISPUTED),
        (D(2021, 3, 10), Status.VIOLATED),
    ]


def test_source_classes__russia_is_a_stakeholder_of_later_texts_between_the_same_sides() -> None:
    """Russia has no role in the 2022 principles, but signed the 2020 statement between the same sides: stakeholder, not independent."""
    from compliance.evaluation.trust import SourceClass, Stakes, classify
    from tests.support import AGREEMENTS, PARTIES

    principles = next(a for a in AGREEMENTS if a.id == "five-principles-2022")
    alone, in_process = Stakes.of(principles), Stakes.of(principles, AGREEMENTS)
    assert classify("RUS", ("AZE",), alone, PARTIES)[0] is SourceClass.INDEPENDENT
    cls, words = classify("RUS", ("AZE",), in_process, PARTIES)
    assert cls is SourceClass.STAKEHOLDER
    assert "trilateral-2020" in words
