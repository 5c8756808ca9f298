"""The SYNTHETIC short truce of examples/short-truce-*: a two-month truce renewed for two months
unless a party gives notice 7 days before an expiry, in force from 12:00 on its first day, with
deadlines in days. Alderia (ALD) and Brevonia (BRV) are made up, as is everything in the files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import compliance
from compliance.cli import main
from compliance.core.vocabulary import Status
from compliance.linking.ledger import Ledger

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"


def _ledger() -> Ledger:
    return compliance.build_ledger(
        [EXAMPLES / "short-truce-agreement.toml"],
        [EXAMPLES / "short-truce-events.csv"],
        parties_path=EXAMPLES / "short-truce-parties.toml",
        reporters_path=EXAMPLES / "short-truce-reporters.toml",
        gazetteer_path=EXAMPLES / "short-truce-places.toml",
    )


def test_short_truce__the_example_loads_without_problems_and_counts_add_up() -> None:
    ledger = _ledger()
    assert ledger.problems == ()
    evaluation = compliance.evaluate_ledger(ledger, date(2025, 9, 1))
    assert {r.obligation.id: r.status for r in evaluation.results} == {
        "abt-1-truce-ald": Status.TERMINATED,
        "abt-1-truce-brv": Status.TERMINATED,
        "abt-2-access-brv": Status.FULFILLED,
        "abt-3-exchange": Status.FULFILLED,
        "abt-4-monitoring": Status.FULFILLED,
    }


def test_short_truce__renewed_without_notice_then_ended_by_a_timely_notice() -> None:
    """No notice before 25 May: the truce runs on to 1 August. Brevonia's notice of 20 July, 12
    days before that expiry, ends it there."""
    ledger = _ledger()
    before = compliance.evaluate_ledger(ledger, date(2025, 5, 28)).result("abt-1-truce-brv")
    renewed = compliance.evaluate_ledger(ledger, date(2025, 6, 2)).result("abt-1-truce-brv")
    ended = compliance.evaluate_ledger(ledger, date(2025, 8, 2)).result("abt-1-truce-brv")
    assert (before.term_end, renewed.term_end) == (date(2025, 6, 1), date(2025, 8, 1))
    assert ended.status is Status.TERMINATED
    assert ended.reason == "term expired on 2025-08-01 after notice"


def test_why__a_confirmed_breach_names_an_account_that_makes_it_certain() -> None:
    """The monitors' account of fire 'in April' (ST05) may come before the truce took effect at
    12:00 on 1 April, so it makes no breach certain: Alderia's duty is indeterminate until their
    account of 15 May (ST11). The reason for `violated` named ST05, the account that decided
    nothing; it names ST11."""
    result = compliance.evaluate_ledger(_ledger(), date(2025, 5, 28)).result("abt-1-truce-ald")
    assert result.status is Status.VIOLATED
    assert [(t.date, t.status) for t in result.history[1:]] == [
        (date(2025, 4, 1), Status.INDETERMINATE),
        (date(2025, 5, 15), Status.VIOLATED),
    ]
    assert result.why.accounts == ("ST11",)


def test_why__a_term_ended_by_notice_names_the_notice() -> None:
    """The reason read "term expired — no account" for a truce that Brevonia's notice of 20 July
    (ST15) ended on 1 August: the account that decided it was not named."""
    ended = compliance.evaluate_ledger(_ledger(), date(2025, 8, 2)).result("abt-1-truce-ald")
    assert (ended.status, ended.why.rule, ended.why.accounts) == (
        Status.TERMINATED,
        "term expired",
        ("ST15",),
    )
    assert "ST15" in {e.event for e in ended.evidence}


def test_evidence__a_truce_in_force_from_an_hour_names_the_hour() -> None:
    """The truce took effect at 12:00 on 1 April; Brevonia's account of mortar fire at 09:30 that
    day (ST02) read "dated before the obligation came into force (2025-04-01)", an account of
    1 April said to come before 1 April. The reason names the hour, as does that of the
    monitors' account dated to April (ST05), which straddles it."""
    result = compliance.evaluate_ledger(_ledger(), date(2025, 9, 1)).result("abt-1-truce-ald")
    reasons = {e.event: e.reason for e in result.evidence}
    assert (
        "dated before the obligation came into force (2025-04-01 12:00): no breach of it" in reasons["ST02"]
    )
    assert "dated partly before the obligation came into force (2025-04-01 12:00)" in reasons["ST05"]


def test_evidence__a_breach_after_a_term_ended_by_notice_says_it_is_no_breach() -> None:
    """Alderia's account of shelling on 5 August (ST19), after the truce ended on 1 August on
    Brevonia's notice, stays linked (linking cannot know an end that a notice sets) and was
    listed as a plain contested breach, while `activity` rightly counts it nowhere. Its evidence
    line now says it is no breach; the monitors' clash of 28 July to 3 August (ST17) straddles the
    end and says it is one only if it came before."""
    result = compliance.evaluate_ledger(_ledger(), date(2025, 9, 1)).result("abt-1-truce-brv")
    reasons = {e.event: e.reason for e in result.evidence}
    assert reasons["ST19"].endswith("; dated after the term expired on 2025-08-01: no breach of it")
    assert (
        "dated partly after the term expired on 2025-08-01: a breach of it only if it came before"
        in reasons["ST17"]
    )
    assert "term expired" not in reasons["ST09"]


def _with_notice_dated(tmp_path: Path, when: str) -> Ledger:
    """The example's accounts with Brevonia's notice (ST15) dated ``when`` instead of 20 July."""
    text = (EXAMPLES / "short-truce-events.csv").read_text(encoding="utf-8")
    assert "\nST15,2025-07-20," in text
    events = tmp_path / "events.csv"
    events.write_text(text.replace("\nST15,2025-07-20,", f"\nST15,{when},"), encoding="utf-8")
    return compliance.build_ledger(
        [EXAMPLES / "short-truce-agreement.toml"],
        [events],
        parties_path=EXAMPLES / "short-truce-parties.toml",
        reporters_path=EXAMPLES / "short-truce-reporters.toml",
        gazetteer_path=EXAMPLES / "short-truce-places.toml",
    )


def test_term__a_notice_at_any_hour_of_the_last_day_is_in_time(tmp_path: Path) -> None:
    """Notice 7 days before the expiry of 1 August: 25 July is the last day. A notice dated
    "2025-07-25" ended the truce on 1 August, but one given at 15:00 that day renewed it to
    1 October, as if the limit were midnight at the start of the day. Any hour of it is in time;
    the next day is late."""
    statuses = {}
    for when in ("2025-07-25", "2025-07-25T15:00:00+02:00", "2025-07-25T23:59:00+02:00", "2025-07-26"):
        result = compliance.evaluate_ledger(_with_notice_dated(tmp_path, when), date(2025, 9, 1)).result(
            "abt-1-truce-brv"
        )
        statuses[when] = (result.status, result.term_end)
    assert statuses == {
        "2025-07-25": (Status.TERMINATED, date(2025, 8, 1)),
        "2025-07-25T15:00:00+02:00": (Status.TERMINATED, date(2025, 8, 1)),
        "2025-07-25T23:59:00+02:00": (Status.TERMINATED, date(2025, 8, 1)),
        "2025-07-26": (Status.VIOLATED, date(2025, 10, 1)),
    }


def test_term__a_notice_dated_across_its_limit_leaves_the_end_uncertain(tmp_path: Path) -> None:
    """Brevonia's notice dated only to July (ST15) may have come by 25 July, in time to end the
    truce on 1 August, or later, when the truce ran on to 1 October. It was read from 1 July
    alone, and the truce was `terminated`: the evaluator chose where the uncertain date falls.
    Both outcomes are now possible, the notice is among the accounts the reason turns on, and no
    account after 1 August is said to come after the end."""
    result = compliance.evaluate_ledger(_with_notice_dated(tmp_path, "2025-07"), date(2025, 9, 1)).result(
        "abt-1-truce-brv"
    )
    assert (result.status, result.possible) == (Status.INDETERMINATE, (Status.VIOLATED, Status.TERMINATED))
    assert "ST15" in result.why.accounts
    assert not any("term expired" in e.reason for e in result.evidence)
    # A notice dated to a range wholly before the limit ends the truce as before.
    early = compliance.evaluate_ledger(_with_notice_dated(tmp_path, "~2025-07-10"), date(2025, 9, 1))
    assert early.result("abt-1-truce-brv").status is Status.TERMINATED
    # Once both expiries have passed it is ended either way, on a day the reason does not choose.
    late = compliance.evaluate_ledger(_with_notice_dated(tmp_path, "2025-07"), date(2025, 11, 1))
    assert late.result("abt-1-truce-brv").reason == (
        "term expired on 2025-08-01 or on 2025-10-01 after notice (the notice's date is uncertain)"
    )


def test_short_truce__the_encoding_checks_without_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    """`compliance check` on the example, as the files' header says to run it: no error, no warning."""
    files = [str(EXAMPLES / f"short-truce-{name}") for name in ("agreement.toml",)]
    registries = ["--parties", str(EXAMPLES / "short-truce-parties.toml")]
    registries += ["--reporters", str(EXAMPLES / "short-truce-reporters.toml")]
    registries += ["--gazetteer", str(EXAMPLES / "short-truce-places.toml")]
    assert main(["check", *files, *registries]) == 0
    assert "0 error(s), 0 warning(s); 0 law counterexample(s)" in capsys.readouterr().err
