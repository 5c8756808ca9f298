"""`activity` counts no breach of a duty that had already ended by the account's date.

Linking leaves out what comes after an end the texts date (an ``[[endings]]`` record, a term that
does not renew), but a renewable term that expires after a notice is found by the evaluation from
the accounts of the notice: breach accounts after it stay linked, and only the count can leave
them out. Point 4's term (the Russian contingent's stay: five years from 10 November 2020,
renewed unless a party gives notice six months before an expiry) is used with its real ending of
June 2024 removed, so that a notice ends it. Every account here is SYNTHETIC.
"""

from __future__ import annotations

from datetime import date

import attrs

from compliance.core.model import Agreement, Ending, Obligation
from compliance.core.vocabulary import Effect, EndType, Status
from compliance.evaluation.evaluate import evaluate_ledger
from compliance.views.activity import Activity, count_activity
from tests.support import AGREEMENTS, ledger_from_csv, rows

D = date
TERM = "ts2020-4-term-rus"
SRC = "https://example.org/account"
AS_OF = D(2026, 3, 31)
NOTICE_IN_TIME = f"N1,2025-05-10,,notice-of-termination,AZE,Baku,Reuters,none,{SRC},,,"
"""Azerbaijan's notice on the last day in time for the expiry of 10 November 2025: ends the term then."""


def _breach(account: str, day: str, day_end: str = "") -> str:
    """An independent account of a breach of the term, linked explicitly (no kind does it by rule)."""
    link = f"trilateral-2020#4/{TERM}:breaches"
    return f"{account},{day},{day_end},peacekeeper-withdrawal,RUS,Stepanakert,Reuters,none,{SRC},,{link},"


def _agreements(term: Obligation | None = None, *endings: Ending) -> list[Agreement]:
    """The bundled agreements without the 2020 statement's endings (plus ``endings``), with the
    term replaced by ``term`` if given."""
    return [
        attrs.evolve(
            a,
            endings=endings if a.id == "trilateral-2020" else a.endings,
            obligations=tuple(term if term is not None and o.id == TERM else o for o in a.obligations),
        )
        for a in AGREEMENTS
    ]


def _counts(
    text: str, agreements: list[Agreement], every: str = "month"
) -> tuple[str, dict[date, int], Activity]:
    """The term's status, its breach accounts counted per period from 1 January 2025, and the table."""
    ledger = ledger_from_csv(text, agreements=agreements)
    assert ledger.problems == ()
    evaluation = evaluate_ledger(ledger, AS_OF)
    table = count_activity(ledger, evaluation, D(2025, 1, 1), every, ["trilateral-2020"])
    breaches = {
        r.period_start: r.accounts for r in table.rows if r.obligation == TERM and r.effect is Effect.BREACHES
    }
    return evaluation.result(TERM).status.value, breaches, table


def test_activity__a_breach_after_a_term_ended_by_notice_is_not_counted() -> None:
    """The notice ends the term on 10 November 2025. A breach of June 2025 is counted; one of
    February 2026, still linked (linking cannot know an end a notice sets) and listed by the
    report as no breach of it, is not, in the table nor in the breaches picture."""
    text = rows(NOTICE_IN_TIME, _breach("B1", "2025-06-01"), _breach("B2", "2026-02-01"))
    status, breaches, table = _counts(text, _agreements())
    assert status == "terminated"
    assert breaches == {D(2025, 6, 1): 1}
    (rus,) = (side for side in table.breaches if side.bearers == "RUS")
    assert sum(rus.counts) == 1


def test_activity__a_breach_on_the_day_a_term_expired_is_not_counted() -> None:
    """A term expires at 00:00 of its expiry day in the agreement's zone, so an act at any hour
    of that day is after it (docs/obligation-logic.md, "Terms and renewal"), and the report lists
    such an account as "dated after the term expired on 2025-11-10: no breach of it". `activity`
    counted it all the same, reading the duty as ended only by the end of the day before. The day
    before the expiry is still in the term."""
    text = rows(
        NOTICE_IN_TIME,
        _breach("B1", "2025-11-09"),
        _breach("B2", "2025-11-10"),
        _breach("B3", "2025-11-10T10:00:00+04:00"),
    )
    ledger = ledger_from_csv(text, agreements=_agreements())
    reasons = {e.event: e.reason for e in evaluate_ledger(ledger, AS_OF).result(TERM).evidence}
    assert reasons["B2"].endswith("; dated after the term expired on 2025-11-10: no breach of it")
    assert reasons["B3"].endswith("; dated after the term expired on 2025-11-10: no breach of it")
    assert _counts(text, _agreements(), "week")[1] == {D(2025, 11, 5): 1}  # (weeks from Wednesday 1 January)


def test_activity__a_breach_straddling_a_terms_expiry_is_counted_from_its_first_day() -> None:
    """An account dated to November 2025, or to 5-15 November, may be of an act before the term
    expired on 10 November: the report says it is "a breach of it only if it came before", and it
    is counted, on its first day, as every straddling account is."""
    text = rows(NOTICE_IN_TIME, _breach("M1", "2025-11"), _breach("R1", "2025-11-05", "2025-11-15"))
    assert _counts(text, _agreements())[1] == {D(2025, 11, 1): 2}


def test_activity__a_breach_after_a_term_that_may_not_have_expired_is_counted() -> None:
    """A notice dated only to May 2025 may come before or after the limit of 10 May: the term, here
    renewed monthly, ended on 10 November or on 10 December 2025. A breach of 20 November may
    fall inside the term, so it is counted, in a row of its own (``maybe_after_end``: it may also
    be no breach of it); one of 5 January 2026 is after either end, and is not."""
    point_4 = next(o for a in AGREEMENTS for o in a.obligations if o.id == TERM)
    assert point_4.term is not None
    monthly = attrs.evolve(point_4, term=attrs.evolve(point_4.term, renewal_years=0, renewal_months=1))
    text = rows(
        f"N1,2025-05,,notice-of-termination,AZE,Baku,Reuters,none,{SRC},,,",
        _breach("B1", "2025-11-20"),
        _breach("B2", "2026-01-05"),
    )
    ledger = ledger_from_csv(text, agreements=_agreements(monthly))
    result = evaluate_ledger(ledger, AS_OF).result(TERM)
    assert (result.term_end, result.term_end_latest) == (D(2025, 11, 10), D(2025, 12, 10))
    tz = next(a.tz for a in AGREEMENTS if a.id == "trilateral-2020")
    assert Status.TERMINATED in result.status_on(D(2025, 11, 19), tz)[1]
    table = _counts(text, _agreements(monthly))[2]
    assert [
        (r.period_start, r.accounts, r.maybe_after_end) for r in table.rows if r.effect is Effect.BREACHES
    ] == [(D(2025, 11, 1), 1, True)]


def test_activity__a_breach_on_the_day_of_an_ending_record_is_counted() -> None:
    """An ``[[endings]]`` record ends the duty from its date, and the duty is no longer kept or
    broken only after that day: an account of the day itself stays linked, may be of the act the
    end followed, and is counted (docs/obligation-logic.md, "Termination and supersession").
    One of the day after is not (linking leaves it out)."""
    ending = Ending(D(2025, 3, 1), EndType.TERMINATED, "a synthetic end", "https://example.org/end", (TERM,))
    text = rows(_breach("B1", "2025-03-01"))
    status, breaches, _ = _counts(text, _agreements(None, ending))
    assert (status, breaches) == ("terminated", {D(2025, 3, 1): 1})


def test_activity__a_breach_on_the_expiry_day_of_a_term_that_does_not_renew_is_no_breach() -> None:
    """A term that does not renew ends at 00:00 of its first expiry, as a renewable one ends at the
    expiry a notice reaches: an act at any hour of that day is after it. Linking keeps an account
    of the expiry day (it reads days, as for an ``[[endings]]`` record); the report listed it as a
    plain breach and `activity` counted it, where a renewable term's account of that day reads
    "no breach of it". The day before is still in the term, and one straddling the expiry may be
    of an act before it."""
    point_4 = next(o for a in AGREEMENTS for o in a.obligations if o.id == TERM)
    assert point_4.term is not None
    once = attrs.evolve(point_4, term=attrs.evolve(point_4.term, renewal_years=0, renewal_months=0))
    text = rows(
        _breach("B1", "2025-11-09"),
        _breach("B2", "2025-11-10"),
        _breach("R1", "2025-11-05", "2025-11-15"),
    )
    ledger = ledger_from_csv(text, agreements=_agreements(once))
    result = evaluate_ledger(ledger, AS_OF).result(TERM)
    assert result.reason == "term expired on 2025-11-10 (not renewable)"
    reasons = {e.event: e.reason for e in result.evidence}
    assert reasons["B2"].endswith("; dated after the term expired on 2025-11-10: no breach of it")
    assert reasons["R1"].endswith(
        "; dated partly after the term expired on 2025-11-10: a breach of it only if it came before"
    )
    assert "expired" not in reasons["B1"]
    assert _counts(text, _agreements(once), "week")[1] == {D(2025, 11, 5): 2}  # B1 and R1
