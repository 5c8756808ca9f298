"""Episodes the bundled accounts told from one side only now carry the other side's account, in
the same incident, so the report shows them side by side; adding them decides nothing for the
library that the accounts themselves do not decide."""

from __future__ import annotations

import re
from datetime import date

import pytest

from compliance.core.vocabulary import Effect, Grade, Status, Trust
from compliance.evaluation.evaluate import evaluate
from compliance.evaluation.results import ObligationResult
from tests.test_bundled_data import LEDGER, ROWS

SAFE_MOVEMENT = "ts2020-6-safe-movement-aze"


def _result(obligation: str, trust: Trust, as_of: date = date(2025, 12, 31)) -> ObligationResult:
    return evaluate(
        LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, as_of, trust=trust
    ).result(obligation)


def _row(event: str) -> dict[str, str]:
    [row] = [r for r in ROWS if r["id"] == event]
    return row


def _incident(event: str) -> set[str]:
    """The reporter parties of every account that shares the incident of ``event``."""
    incident = _row(event)["incident"]
    return {r["reporter_party"] for r in ROWS if r["incident"] == incident}


def test_two_sides__each_halt_of_red_cross_movement_at_the_lachin_checkpoint_has_both_accounts() -> None:
    """The halt after the Hakari bridge incident of 15 June 2023 was told by the Karabakh Armenian
    authorities alone (E078); President Aliyev's account, 'the road was temporarily closed for
    investigation' (N105), now stands beside it. The suspension of 11 July 2023 had no account at
    all: the State Border Service's (N106, smuggling in vehicles used by the ICRC), the ICRC's
    answer (N107, four hired drivers, not staff, and nothing found in its own vehicles) and the
    Karabakh Armenian foreign ministry's (N108) now share one incident."""
    assert _row("N105")["incident"] == _row("E078")["incident"]
    assert {"AZE", "NK"} <= _incident("N105")
    assert {"AZE", "none", "NK"} <= _incident("N106")
    assert _row("N106")["incident"] == _row("N107")["incident"] == _row("N108")["incident"]
    assert _row("N107")["reported_by"] == "International Committee of the Red Cross"


def test_two_sides__azerbaijans_account_of_its_own_halt_is_relevant_and_settles_nothing() -> None:
    """Each Azerbaijani account describes Azerbaijan's own act with its reason: an account of that
    act (the same kind and actor as the Karabakh Armenian allegation), but whether a closure for an
    investigation breaches the guarantee of safe movement is what the accounts disagree on. So it is
    linked as relevant: it is confirmed as the bearer's side's word, does not corroborate the
    allegation (another effect on the duty), and the guarantee's history is what it was before the
    accounts were added, under every policy. Linked as breaches, N105 would corroborate E078 and
    read the guarantee violated from 15 June 2023 under all three policies."""
    linked = {(link.event, link.obligation): link.effect for link in LEDGER.links}
    assert linked[("N105", SAFE_MOVEMENT)] is Effect.RELEVANT
    assert linked[("N106", SAFE_MOVEMENT)] is Effect.RELEVANT
    assert linked[("N107", SAFE_MOVEMENT)] is Effect.RELEVANT
    assert linked[("N108", SAFE_MOVEMENT)] is Effect.BREACHES
    for trust in Trust:
        result = _result(SAFE_MOVEMENT, trust)
        grades = {e.event: e.grade for e in result.evidence}
        assert grades["N105"] is grades["N106"] is Grade.CONFIRMED
        assert grades["N108"] is Grade.ALLEGED
        assert grades["E078"] is not Grade.CONFIRMED
    history = [(t.date, t.status) for t in _result(SAFE_MOVEMENT, Trust.STRICT).history[1:]]
    assert history == [(date(2020, 11, 10), Status.COMPLIED), (date(2022, 12, 12), Status.DISPUTED)]
    standard = [(t.date, t.status) for t in _result(SAFE_MOVEMENT, Trust.STANDARD).history[-2:]]
    assert standard == [(date(2023, 6, 23), Status.VIOLATED), (date(2023, 7, 15), Status.DISPUTED)]


def test_two_sides__the_displacement_of_september_2023_has_azerbaijans_account() -> None:
    """The displacement of Karabakh Armenians was told by Armenia's government (E092, E096) and UN
    OCHA (N060); Azerbaijan's foreign ministry's account, that 'the current departure' is the
    residents' 'personal and individual decision' (N109), is now in the same incident. It is
    relevant to returns, as the others are."""
    assert {"ARM", "AZE", "none"} <= _incident("N109")
    linked = {(link.event, link.obligation): link.effect for link in LEDGER.links}
    assert linked[("N109", "ts2020-7-return")] is Effect.RELEVANT


def test_two_sides__azerbaijans_account_of_the_displacement_cites_the_ministrys_own_commentary() -> None:
    """N109 cited an aggregator's reprint of an AFP story, in AFP's rendering ('on their own
    volition'). It now cites the commentary on the ministry's own site (No:556/23) and quotes that
    page's words; the page gives no date, so the day is attributed to the report that gives it."""
    row = _row("N109")
    assert row["source_url"] == "https://mfa.gov.az/en/news/no55623"
    assert "personal and individual decision" in row["notes"]
    assert "not to leave their places of residence" in row["notes"]
    assert "volition" not in row["notes"]
    assert "TASS reports it on 28 Sep 2023" in row["notes"]


def test_two_sides__armenias_account_of_a_territorial_claim_is_answered_and_disputed() -> None:
    """Azerbaijan's foreign ministry's allegation of Armenian territorial claims (E082) had no
    mirror: Armenia's foreign ministry's account that President Aliyev's speech of 16 March 2023
    ('Western Azerbaijan') was 'a clear manifestation of territorial claims' (N110) is linked as
    E082 is, and Azerbaijan's reply of 17 March (N111) denies it. An allegation denied by the
    accused side is contested under every policy: Azerbaijan's no-claims duty of 2022, 'complied'
    for want of any account, is disputed from 16 March 2023, never violated."""
    for trust in Trust:
        result = _result("p2022-2-no-claims-aze", trust)
        assert result.status is Status.DISPUTED
        assert [(t.date, t.status) for t in result.history[-1:]] == [(date(2023, 3, 16), Status.DISPUTED)]
        [armenia] = [e for e in result.evidence if e.event == "N110"]
        assert armenia.grade is Grade.CONTESTED
        assert "denied in N111" in armenia.reason
    assert _result("p2022-2-no-claims-aze", Trust.STANDARD, date(2023, 3, 15)).status is Status.COMPLIED


def test_two_sides__a_note_that_lists_its_explicit_links_names_every_one() -> None:
    """A note that says which accounts are "Linked explicitly" must name each of them, whatever
    the effect: the note on returns (point 7) still said that no Azerbaijani account of the
    displacement of September 2023 was bundled, and left out the one added (N109)."""
    unnamed: dict[str, list[str]] = {}
    for agreement in LEDGER.agreements:
        for ob in agreement.obligations:
            if "Linked explicitly" not in (ob.note or ""):
                continue
            explicit = {
                link.event for link in LEDGER.links if link.obligation == ob.id and link.basis == "explicit"
            }
            missing = sorted(e for e in explicit if not re.search(rf"\b{re.escape(e)}\b", ob.note or ""))
            if missing:
                unnamed[ob.id] = missing
    assert unnamed == {}
    [returns] = [ob for a in LEDGER.agreements for ob in a.obligations if ob.id == "ts2020-7-return"]
    assert "No Azerbaijani account" not in (returns.note or "")


@pytest.mark.parametrize("trust", list(Trust))
def test_two_sides__the_border_guards_account_of_the_shooting_does_not_contest_the_halt(trust: Trust) -> None:
    """At the Hakari bridge on 15 June 2023 Azerbaijan's State Border Service reports a shooting by
    Armenia's side (E076); the Karabakh Armenian authorities report that Azerbaijan then halted Red
    Cross and peacekeeper movement (E078). The shooting is another act and says nothing of who
    halted the movement: E078 is alleged, not contested. E076 is still contested, by Armenia's
    account of the same hostilities naming Azerbaijan (N051), no longer by the halt."""
    for as_of in (date(2023, 6, 30), date(2025, 12, 31)):
        halt = next(e for e in _result(SAFE_MOVEMENT, trust, as_of).evidence if e.event == "E078")
        assert (halt.grade, halt.reason) == (Grade.ALLEGED, "alleged by NK only")
        shooting = next(
            e for e in _result("ts2020-1-ceasefire-arm", trust, as_of).evidence if e.event == "E076"
        )
        assert (shooting.grade, shooting.reason) == (
            Grade.CONTESTED,
            "alleged by AZE; ARM's account N051 names AZE as actor",
        )


ANSWERED = "2023-03-16-turkic-states-summit-remarks"
ADDED = {
    ("N110", "p2022-3-non-use-of-force-aze"),
    ("N111", "p2022-3-non-use-of-force-aze"),
    ("N111", "p2022-5-unblock"),
    ("N111", "ts2020-7-return"),
    ("N111", "ts2020-9-unblock-aze"),
    ("N112", "ts2020-7-return"),
    ("N113", "ts2020-9-unblock-aze"),
    ("N113", "p2022-5-unblock"),
}


def test_two_sides__each_claim_of_armenias_statement_on_the_summit_speech_is_an_account() -> None:
    """Armenia's foreign ministry's statement on President Aliyev's speech of 16 March 2023 (one
    page, CCBS) also says that Azerbaijan obstructs the return of refugees and displaced persons
    (point 7 of 2020) and the opening of regional communications (point 9; principle 5 of 2022).
    N110 carried only the territorial claims, and was relevant to Sochi's non-use-of-force duty
    but not to principle 3, the same duty. Each claim is now an account of that page (N112, N113),
    in the incident that Azerbaijan's reply (N111) answers, so the reply stands beside each; and
    N110 and N111 bear on both texts' non-use-of-force duty alike."""
    page = _row("N110")["source_url"]
    assert _row("N112")["source_url"] == _row("N113")["source_url"] == page
    assert {_row(e)["incident"] for e in ("N110", "N111", "N112", "N113")} == {ANSWERED}
    linked = {(link.event, link.obligation): link.effect for link in LEDGER.links}
    assert {pair: linked.get(pair) for pair in ADDED} == dict.fromkeys(ADDED, Effect.RELEVANT)
    for account in ("N110", "N111"):
        assert (
            linked[(account, "p2022-3-non-use-of-force-aze")]
            is linked[(account, "s2022-4-non-use-of-force-aze")]
        )


@pytest.mark.parametrize("trust", list(Trust))
def test_two_sides__the_statements_other_claims_settle_no_status(trust: Trust) -> None:
    """Linked as relevant, the statement's claims on returns and communications, its reading of
    the speech under the non-use-of-force duties and Azerbaijan's answers to them change no
    status on any day: every history reads as it does without those links."""
    without = [link for link in LEDGER.links if (link.event, link.obligation) not in ADDED]
    assert len(without) == len(LEDGER.links) - len(ADDED)
    as_of = date(2026, 11, 22)
    now = evaluate(LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, as_of, trust=trust)
    was = evaluate(LEDGER.agreements, LEDGER.events, without, LEDGER.parties, as_of, trust=trust)
    for obligation in sorted({ob for _, ob in ADDED}):
        assert now.result(obligation).history == was.result(obligation).history


@pytest.mark.parametrize("trust", list(Trust))
def test_two_sides__azerbaijans_response_of_september_2022_is_its_own_account_as_at_nerkin_hand(
    trust: Trust,
) -> None:
    """Azerbaijan's Ministry of Defence reported on 13 September 2022 both the Armenian mining and
    shelling it alleges (E054) and its own units' 'decisive response measures'; only the Armenian
    act was coded, so the fighting read `disputed` while Nerkin Hand, 13 February 2024, where the
    State Border Service's account of its own operation is coded with Azerbaijan as actor (E102),
    read `violated`. Each act of the page is now its own account (N114, from the same page and in
    the same incident), linked by the rules as E102 is to point 1 of 2020: Azerbaijan's duty under
    principle 3 is violated from 13 September 2022 under every policy, on Armenia's account (N032)
    corroborated by Azerbaijan's own."""
    assert _row("N114")["source_url"] == _row("E054")["source_url"]
    assert _row("N114")["incident"] == _row("E054")["incident"]
    assert (_row("N114")["actor"], _row("E054")["actor"]) == ("AZE", "ARM")
    assert _row("N114")["links"] == ""
    linked = {(link.event, link.obligation): link for link in LEDGER.links}
    assert (
        linked[("N114", "ts2020-1-ceasefire-aze")].basis == linked[("E102", "ts2020-1-ceasefire-aze")].basis
    )
    result = _result("p2022-3-non-use-of-force-aze", trust)
    assert [(t.date, t.status) for t in result.history[1:]] == [
        (date(2022, 3, 14), Status.COMPLIED),
        (date(2022, 9, 13), Status.VIOLATED),
    ]
    grades = {e.event: (e.grade, e.reason) for e in result.evidence}
    assert grades["N114"] == (Grade.CONFIRMED, "reported by the bearer's side (AZE)")
    assert grades["N032"] == (Grade.CONFIRMED, "alleged by ARM, corroborated by N114")


@pytest.mark.parametrize("trust", list(Trust))
def test_two_sides__azerbaijans_account_of_its_response_does_not_contest_its_allegation(trust: Trust) -> None:
    """Azerbaijan's State Border Service alleges Armenian fire at Nerkin Hand on 12 February 2024
    (E100) and tells of its own response the next day, naming Azerbaijan (E102): the accuser does
    not contradict itself, so E102 contests nothing E100 alleges. E100 is still contested, by
    Armenia's account of the fire of 13 February naming Azerbaijan (N067), as hostilities of the
    same incident."""
    for obligation in (
        "ts2020-1-ceasefire-arm",
        "p2022-3-non-use-of-force-arm",
        "s2022-4-non-use-of-force-arm",
    ):
        [allegation] = [e for e in _result(obligation, trust).evidence if e.event == "E100"]
        assert (allegation.grade, allegation.reason) == (
            Grade.CONTESTED,
            "alleged by AZE; ARM's account N067 names AZE as actor",
        ), obligation
