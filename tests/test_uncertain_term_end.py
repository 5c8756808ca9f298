"""Breach accounts against a term whose end a notice dated to a range leaves uncertain.

Point 4's term (the Russian contingent's stay, from 10 November 2020), with its real ending of
June 2024 removed and renewed monthly here, so that a notice dated only to May 2025 may come by
the limit of 10 May or after it: the term ended on 10 November 2025, or ran on to 10 December
2025, and its status is ``indeterminate`` between the two (docs/obligation-logic.md, "A notice
dated to a range: breaches over the uncertain end"). Every account here is SYNTHETIC.
"""

from __future__ import annotations

from datetime import date

import attrs

from compliance.core.model import Agreement
from compliance.core.vocabulary import Effect, Status
from compliance.evaluation.evaluate import ObligationResult, evaluate_ledger
from compliance.linking.ledger import Ledger
from compliance.render.activity import activity_csv, activity_dict, activity_markdown
from compliance.views.activity import Activity, count_activity
from tests.support import AGREEMENTS, ledger_from_csv, rows

D = date
TERM = "ts2020-4-term-rus"
SRC = "https://example.org/synthetic-account"
AS_OF = D(2026, 3, 31)
NOTICE_IN_MAY = f"N1,2025-05,,notice-of-termination,AZE,Baku,Reuters,none,{SRC},,,"
"""A synthetic notice known only to May 2025: in time for 10 November if given by 10 May, else
for 10 December."""
MAY_BE = (
    "; dated when the term may already have expired (the notice dates its end between 2025-11-10 "
    "and 2025-12-10): it may be no breach of it"
)


def _breach(account: str, day: str, day_end: str = "") -> str:
    """A synthetic independent account of a breach of the term, linked explicitly."""
    link = f"trilateral-2020#4/{TERM}:breaches"
    return f"{account},{day},{day_end},peacekeeper-withdrawal,RUS,Stepanakert,Reuters,none,{SRC},,{link},"


def _agreements() -> list[Agreement]:
    """The bundled agreements, the 2020 statement without its endings and point 4's term renewed monthly."""
    point_4 = next(o for a in AGREEMENTS for o in a.obligations if o.id == TERM)
    assert point_4.term is not None
    monthly = attrs.evolve(point_4, term=attrs.evolve(point_4.term, renewal_years=0, renewal_months=1))
    return [
        attrs.evolve(
            a,
            endings=() if a.id == "trilateral-2020" else a.endings,
            obligations=tuple(monthly if o.id == TERM else o for o in a.obligations),
        )
        for a in AGREEMENTS
    ]


def _read(*lines: str, as_of: date = AS_OF) -> tuple[Ledger, ObligationResult, Activity]:
    ledger = ledger_from_csv(rows(NOTICE_IN_MAY, *lines), agreements=_agreements())
    assert ledger.problems == ()
    evaluation = evaluate_ledger(ledger, as_of)
    table = count_activity(ledger, evaluation, D(2025, 1, 1), "month", ["trilateral-2020"])
    return ledger, evaluation.result(TERM), table


def _breach_rows(table: Activity) -> dict[tuple[date, bool], int]:
    """The term's breach accounts per month, apart (``True``) or not."""
    return {
        (r.period_start, r.maybe_after_end): r.accounts
        for r in table.rows
        if r.obligation == TERM and r.effect is Effect.BREACHES
    }


def test_uncertain_end__a_breach_after_the_latest_possible_end_is_no_breach() -> None:
    """The term expired on 10 December 2025 at the latest, at 00:00: accounts of that day and of
    January 2026 are after it wherever the notice fell. They were listed as plain breaches (only
    a certain end was said), and the account of 10 December was counted, the history not reading
    the term ended by the end of 9 December. Now they read "no breach of it", are marked
    ``after_end`` and are counted nowhere."""
    _, result, table = _read(_breach("B3", "2025-12-10"), _breach("B2", "2026-01-05"))
    assert (result.status, result.term_end, result.term_end_latest) == (
        Status.TERMINATED,
        D(2025, 11, 10),
        D(2025, 12, 10),
    )
    listed = {e.event: e for e in result.evidence if e.effect is Effect.BREACHES}
    for account in ("B3", "B2"):
        assert listed[account].reason.endswith(
            "; dated after the term expired on 2025-12-10 at the latest: no breach of it"
        )
        assert listed[account].after_end
    assert _breach_rows(table) == {}
    assert all(sum(side.counts) == 0 for side in table.breaches)


def test_uncertain_end__a_breach_that_may_fall_after_the_end_says_so_and_is_counted_apart() -> None:
    """A breach of 20 November, or one dated 5 to 15 November (across the earliest end), may be
    of an act after the term expired, or inside it if the notice came late: as of 30 November
    the status is ``indeterminate`` (violated or terminated), so neither is surely a breach nor
    surely none. They were listed as plain breaches and counted with the others; now the reason
    says that each may be no breach, they are marked ``maybe_after_end`` (not ``after_end``), and
    ``activity`` counts them in rows of their own, printed apart in Markdown, flagged in the JSON
    and CSV rows, and left out of the breaches picture."""
    _, result, table = _read(
        _breach("B1", "2025-11-20"), _breach("R1", "2025-11-05", "2025-11-15"), as_of=D(2025, 11, 30)
    )
    assert (result.status, result.possible) == (Status.INDETERMINATE, (Status.VIOLATED, Status.TERMINATED))
    listed = {e.event: e for e in result.evidence if e.effect is Effect.BREACHES}
    for account in ("B1", "R1"):
        assert listed[account].reason.endswith(MAY_BE)
        assert (listed[account].maybe_after_end, listed[account].after_end) == (True, False)
    assert _breach_rows(table) == {(D(2025, 11, 1), True): 2}
    assert all(sum(side.counts) == 0 for side in table.breaches)
    json_rows = [
        r for r in activity_dict(table)["rows"] if r["obligation"] == TERM and r["effect"] == "breaches"
    ]
    assert [(r["accounts"], r["maybe_after_end"]) for r in json_rows] == [(2, True)]
    assert "maybe_after_end" in activity_csv(table).splitlines()[0].split(",")
    markdown = activity_markdown(table)
    plain, apart = markdown.split("Breach accounts dated when the term may already have expired")
    assert f"| `{TERM}` | RUS | breaches" not in plain
    assert f"| `{TERM}` | RUS | breaches | confirmed | 2 | 2 |" in apart


def test_uncertain_end__a_breach_before_the_earliest_possible_end_is_a_breach() -> None:
    """A breach of 9 November 2025, wholly before the earliest end, is a breach whatever the
    notice's date: listed without a word of the term's end, marked neither way, counted in a
    plain row and in the breaches picture, beside one of 20 November counted apart."""
    _, result, table = _read(_breach("B0", "2025-11-09"), _breach("B1", "2025-11-20"))
    b0 = next(e for e in result.evidence if e.event == "B0")
    assert "expired" not in b0.reason
    assert (b0.after_end, b0.maybe_after_end) == (False, False)
    assert _breach_rows(table) == {(D(2025, 11, 1), False): 1, (D(2025, 11, 1), True): 1}
    (rus,) = (side for side in table.breaches if side.bearers == "RUS")
    assert sum(rus.counts) == 1


def test_uncertain_end__a_notice_that_may_not_yet_be_given_leaves_no_latest_end() -> None:
    """A notice dated 1 May to 31 December 2025, read as of 30 November, may have ended the term
    on 10 November or not have been given yet: no end is the latest, so an account of 20
    November may be no breach, "on 2025-11-10 or later", and none is said to be surely after."""
    notice = f"N1,2025-05-01,2025-12-31,notice-of-termination,AZE,Baku,Reuters,none,{SRC},,,"
    ledger = ledger_from_csv(rows(notice, _breach("B1", "2025-11-20")), agreements=_agreements())
    result = evaluate_ledger(ledger, D(2025, 11, 30)).result(TERM)
    assert result.status is Status.INDETERMINATE
    b1 = next(e for e in result.evidence if e.event == "B1")
    assert b1.reason.endswith(
        "; dated when the term may already have expired (the notice dates its end on 2025-11-10 "
        "or later): it may be no breach of it"
    )
    assert (b1.after_end, b1.maybe_after_end) == (False, True)
