"""An account naming another actor contests or denies only an account of the same act.

The shape of the Hakari bridge incident of 15 June 2023: the Karabakh Armenian authorities say
Azerbaijan halted Red Cross movement (E078); Azerbaijan's State Border Service says Armenia's side
fired on its servicemen (E076). The border guards' account says nothing of who halted the
movement, so it does not contest the allegation of the halt (docs/obligation-logic.md, rule 5).
"""

from __future__ import annotations

from datetime import date

import pytest

from compliance.core.vocabulary import Grade, Trust
from compliance.evaluation.evaluate import evaluate_ledger
from compliance.evaluation.results import Evidence
from tests.support import ledger_from_csv, rows

SRC = "https://example.org/account"
SAFE_MOVEMENT = "ts2020-6-safe-movement-aze"
CEASEFIRE_AZE = "ts2020-1-ceasefire-aze"
INCIDENT = "bridge"
SHOOTING = (  # Azerbaijan's border guards: Armenia's side fired (the shape of E076)
    f"S1,2023-06-15,,ceasefire-violation,ARM,Lachin corridor,State Border Service of Azerbaijan,AZE,"
    f"{SRC},{INCIDENT},,"
)


def account(event_id: str, kind: str, reporter: str, party: str, obligation: str, article: int) -> str:
    """An account by ``reporter`` of an act of ``kind`` by Azerbaijan, linked as a breach."""
    return (
        f"{event_id},2023-06-15,,{kind},AZE,Lachin corridor,{reporter},{party},{SRC},{INCIDENT},"
        f"trilateral-2020#{article}/{obligation}:breaches,"
    )


def graded(
    text: str, obligation: str, trust: Trust = Trust.STANDARD, as_of: date = date(2023, 6, 30)
) -> Evidence:
    result = evaluate_ledger(ledger_from_csv(text), as_of, trust=trust).result(obligation)
    return next(e for e in result.evidence if e.event == "A1")


HALT = account("A1", "humanitarian-access", "Nagorno-Karabakh de facto authorities", "NK", SAFE_MOVEMENT, 6)


@pytest.mark.parametrize("trust", list(Trust))
def test_contest__an_account_of_another_act_naming_another_actor_does_not_contest(trust: Trust) -> None:
    """An allegation that Azerbaijan halted humanitarian movement, beside Azerbaijan's account of a
    shooting by Armenia's side in the same incident: the shooting is another act, so the allegation
    stands alone, alleged under every policy."""
    evidence = graded(rows(HALT, SHOOTING), SAFE_MOVEMENT, trust)
    assert (evidence.grade, evidence.reason) == (Grade.ALLEGED, "alleged by NK only")


def test_contest__an_account_of_the_same_hostilities_naming_another_actor_still_contests() -> None:
    """Armenia's account of shelling by Azerbaijan and Azerbaijan's account of the same incident's
    fire naming Armenia's side describe the same hostile act from two sides: contested, as before."""
    shelling = account("A1", "shelling", "Ministry of Defence of Armenia", "ARM", CEASEFIRE_AZE, 1)
    evidence = graded(rows(shelling, SHOOTING), CEASEFIRE_AZE)
    assert (evidence.grade, evidence.reason) == (
        Grade.CONTESTED,
        "alleged by ARM; AZE's account S1 names ARM as actor",
    )


def test_contest__a_statement_whose_act_is_not_named_is_contested_by_any_act_naming_another_actor() -> None:
    """A statement names no act of its own (its actor is the speaker): any account of an act in its
    incident naming another actor contests it, as before (the shape of N021 and E058, statements
    blaming Azerbaijan for clashes that Azerbaijan's accounts attribute to Armenia)."""
    statement = account("A1", "statement", "Ministry of Defence of Armenia", "ARM", CEASEFIRE_AZE, 1)
    evidence = graded(rows(statement, SHOOTING), CEASEFIRE_AZE)
    assert (evidence.grade, evidence.reason) == (
        Grade.CONTESTED,
        "alleged by ARM; AZE's account S1 names ARM as actor",
    )


def test_denial__the_bearers_account_of_another_act_does_not_deny_a_stakeholders_account() -> None:
    """Under the standard policy a stakeholder's account is confirmed unless the bearer's side
    denies or contradicts it: Azerbaijan's account of a shooting by Armenia's side contradicts
    nothing in Russia's account of a halt of humanitarian movement by Azerbaijan."""
    halt = account("A1", "humanitarian-access", "Ministry of Defence of Russia", "RUS", SAFE_MOVEMENT, 6)
    evidence = graded(rows(halt, SHOOTING), SAFE_MOVEMENT)
    assert (evidence.grade, evidence.reason) == (
        Grade.CONFIRMED,
        "reported by RUS, a stakeholder (signatory) of trilateral-2020; not denied",
    )


CEASEFIRE_ARM = "ts2020-1-ceasefire-arm"
BORDER = "border"  # the shape of incident 2024-02-12-nerkin-hand
AFTER = date(2024, 3, 1)


def border_account(
    event_id: str, day: str, kind: str, actor: str, reporter: str, party: str, links: str
) -> str:
    """An account of the border incident, linked by ``links`` (empty: by the rules alone)."""
    return f"{event_id},{day},,{kind},{actor},Lachin corridor,{reporter},{party},{SRC},{BORDER},{links},"


AZE_BORDER_SERVICE = "State Border Service of Azerbaijan"
RESPONSE = border_account(  # Azerbaijan's account of its own response the next day (the shape of E102)
    "E1", "2024-02-13", "armed-clash", "AZE", AZE_BORDER_SERVICE, "AZE", ""
)


def allegation(kind: str) -> str:
    """Azerbaijan's account that Armenia's side fired (the shape of E100), or its statement saying so."""
    links = f"trilateral-2020#1/{CEASEFIRE_ARM}:breaches"
    return border_account("A1", "2024-02-12", kind, "ARM", AZE_BORDER_SERVICE, "AZE", links)


@pytest.mark.parametrize("trust", list(Trust))
@pytest.mark.parametrize("kind", ["ceasefire-violation", "statement"])
def test_contest__the_accusing_sides_account_of_its_own_act_does_not_contest(kind: str, trust: Trust) -> None:
    """Azerbaijan alleges fire by Armenia's side, and gives its own account of its response the next
    day naming Azerbaijan as actor: the accuser does not contradict itself. Its account of its own
    act contests nothing it alleges, of the same hostilities or in a statement naming no act."""
    evidence = graded(rows(allegation(kind), RESPONSE), CEASEFIRE_ARM, trust, AFTER)
    assert (evidence.grade, evidence.reason) == (Grade.ALLEGED, "alleged by AZE only")


def test_contest__the_other_sides_account_naming_the_accuser_still_contests() -> None:
    """Armenia's account of the same incident's fire naming Azerbaijan (the shape of N067) contests
    Azerbaijan's allegation, whatever Azerbaijan's own account of its response comes before it."""
    fire = border_account(
        "N1", "2024-02-13", "ceasefire-violation", "AZE", "Ministry of Defence of Armenia", "ARM", ""
    )
    evidence = graded(rows(allegation("ceasefire-violation"), RESPONSE, fire), CEASEFIRE_ARM, as_of=AFTER)
    assert (evidence.grade, evidence.reason) == (
        Grade.CONTESTED,
        "alleged by AZE; ARM's account N1 names AZE as actor",
    )


def test_denial__the_bearers_account_naming_another_actor_still_answers_a_stakeholder() -> None:
    """A stakeholder's attribution is answered only by the bearer's side, never by the stakeholder:
    Armenia's account of the same fire naming Azerbaijan contradicts Russia's account that Armenia's
    side fired, and contests it under the standard policy, as before."""
    russia = border_account(
        "A1",
        "2024-02-12",
        "ceasefire-violation",
        "ARM",
        "Ministry of Defence of Russia",
        "",
        f"trilateral-2020#1/{CEASEFIRE_ARM}:breaches",
    )
    fire = border_account(
        "N1", "2024-02-12", "armed-clash", "AZE", "Ministry of Defence of Armenia", "ARM", ""
    )
    evidence = graded(rows(russia, fire), CEASEFIRE_ARM, as_of=AFTER)
    assert (evidence.grade, evidence.reason) == (
        Grade.CONTESTED,
        "reported by RUS, a stakeholder (signatory) of trilateral-2020; ARM's account N1 names AZE as actor",
    )


def test_contest__the_accusing_sides_account_naming_a_party_on_neither_side_still_contests() -> None:
    """Only the accusing side's account of its *own* act is set aside: its account of the same fire
    naming a party on neither side (Russia) says someone else did the act it alleges, and contests it."""
    other = border_account("E1", "2024-02-12", "armed-clash", "RUS", AZE_BORDER_SERVICE, "AZE", "")
    evidence = graded(rows(allegation("ceasefire-violation"), other), CEASEFIRE_ARM, as_of=AFTER)
    assert (evidence.grade, evidence.reason) == (
        Grade.CONTESTED,
        "alleged by AZE; AZE's account E1 names RUS as actor",
    )
