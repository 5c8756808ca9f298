"""A user's own tests of an encoded agreement, with compliance.testing (the example: the six-point plan of 2008).

Run with ``pytest examples/test_my_agreement.py`` after ``pip install '.[testing]' pytest`` in a clone of this repository.
Copy it next to your own agreement file and change the three paths.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import compliance
from compliance.testing import account_lists, as_of_dates, event_files, laws, read_events_csv

HERE = Path(__file__).parent
LEDGER = compliance.build_ledger(
    [HERE / "georgia-2008-six-point-plan.toml"],
    [HERE / "georgia-2008-events.csv"],
    parties_path=HERE / "georgia-2008-parties.toml",
)
AGREEMENTS, PARTIES = LEDGER.agreements, LEDGER.parties
PLAN = AGREEMENTS[0]
accounts = account_lists(PLAN, parties=PARTIES)
FEW = settings(max_examples=15, deadline=None)


def test_the_files_load_without_problems() -> None:
    """The agreement, its parties and its accounts load with no problem, and every account is linked."""
    assert LEDGER.problems == ()
    assert LEDGER.accounting.linked == LEDGER.accounting.read == 10


def test_the_withdrawal_of_georgian_forces_is_overdue_without_an_account_of_completion() -> None:
    """Point 4 (amended deadline 1 October 2008) is overdue as of 31 October: no account says it was completed."""
    result = compliance.evaluate(AGREEMENTS, LEDGER.events, LEDGER.links, PARTIES, date(2008, 10, 31))
    assert result.result("sp2008-4-withdrawal-geo").status.value == "overdue"


@FEW
@given(accounts, as_of_dates(PLAN), st.integers(0, 1000))
def test_order_of_accounts_does_not_matter(events: list, as_of: date, seed: int) -> None:
    """Shuffling the accounts changes nothing."""
    laws.order_independent(AGREEMENTS, PARTIES, events, as_of, seed=seed)


@FEW
@given(accounts, accounts, as_of_dates(PLAN))
def test_no_look_ahead(events: list, later: list, as_of: date) -> None:
    """Accounts of events after the as-of date change nothing."""
    laws.no_look_ahead(AGREEMENTS, PARTIES, events, as_of, later)


@FEW
@given(accounts, as_of_dates(PLAN))
def test_history_breach_trust_and_fulfilment_laws(events: list, as_of: date) -> None:
    """History replay, breach never improves, trust policies nested, fulfilled stays fulfilled."""
    laws.history_replays(AGREEMENTS, PARTIES, events, as_of)
    laws.breach_never_improves(AGREEMENTS, PARTIES, events, as_of, obligations=("sp2008-4-withdrawal-geo",))
    laws.trust_nested(AGREEMENTS, PARTIES, events, as_of)
    laws.fulfilled_stays_fulfilled(AGREEMENTS, PARTIES, events, as_of)


@FEW
@given(event_files(PLAN, parties=PARTIES))
def test_generated_event_files_are_valid(text: str) -> None:
    """Every generated event file reads without a problem: the strategies speak our CSV."""
    _, problems = read_events_csv(text, PARTIES)
    assert problems == ()
