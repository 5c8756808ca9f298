"""Terms of any length: a two-month truce, a 60-day term, notice given in days.

Point 4 of the 2020 statement is the bundled example (5 years, renewed for 5-year periods unless
notice is given 6 months before an expiry); the other terms here are SYNTHETIC variants of it, so
that the evaluation runs on the bundled agreements and registries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import agreements as agreements_package
from compliance.core.model import Agreement, Obligation
from compliance.core.terms import Term
from compliance.core.timeframe import add_period, day_start, deadline_end
from compliance.core.vocabulary import Status
from compliance.evaluation.calendar import term_expiry
from compliance.evaluation.evaluate import evaluate
from compliance.evaluation.results import ObligationResult
from compliance.load.agreement_files import load_agreement_text
from compliance.load.checks import check_agreements
from compliance.render.tables import agreements_text
from compliance.testing.static import static_problems
from compliance.views.agreements import AgreementListing
from tests.support import AGREEMENTS, PARTIES, ledger_from_csv, rows

D = date
TERM = "ts2020-4-term-rus"
SRC = "https://example.org/account"


def with_term(term: Term) -> list[Agreement]:
    """The bundled agreements with point 4's term replaced, and without the recorded early
    withdrawal (an ending), so that only the term can end the duty."""

    def fixed(ob: Obligation) -> Obligation:
        return attrs.evolve(ob, term=term) if ob.id == TERM else ob

    return [attrs.evolve(a, endings=(), obligations=tuple(map(fixed, a.obligations))) for a in AGREEMENTS]


def result(term: Term, as_of: date, *lines: str) -> ObligationResult:
    agreements = with_term(term)
    ledger = ledger_from_csv(rows(*lines), agreements=agreements)
    return evaluate(agreements, ledger.events, ledger.links, ledger.parties, as_of).result(TERM)


def notice(day: str) -> str:
    return f"T1,{day},,notice-of-termination,AZE,Baku,Reuters,none,{SRC},,trilateral-2020#4/{TERM}:relevant,"


def test_term__a_two_month_truce_expires_two_months_after_it_starts() -> None:
    """A term of two months from 31 March ends on 31 May, one of a month when April does (30
    April), and one of 60 days from 27 November 2024 on 26 January 2025: lengths are kept as the
    text says them."""
    truce = Term(D(2023, 3, 31), months=2)
    assert truce.first_expiry == D(2023, 5, 31)
    assert Term(D(2023, 3, 31), months=1).first_expiry == D(2023, 4, 30)
    sixty = Term(D(2024, 11, 27), days=60)
    assert sixty.first_expiry == D(2025, 1, 26)
    before, after = result(sixty, D(2025, 1, 25)), result(sixty, D(2025, 1, 26))
    assert before.status is not Status.TERMINATED
    assert (after.status, after.reason) == (Status.TERMINATED, "term expired on 2025-01-26 (not renewable)")


def test_term__a_term_needs_a_length() -> None:
    """A term of no length would expire the day it starts."""
    with pytest.raises(ValueError, match="a term needs a length"):
        Term(D(2024, 1, 1))


def test_term__renewals_are_counted_from_the_start() -> None:
    """A month from 31 January, renewed monthly: 29 February 2024, then 31 March, not 29 March
    (each expiry is the start plus whole periods, not the last expiry plus one)."""
    term = Term(D(2024, 1, 31), months=1, renewal_months=1)
    assert [term.expiry(k) for k in range(3)] == [D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30)]


def test_term__notice_in_days_before_an_expiry() -> None:
    """Two months renewed for two months unless notice is given 7 days before an expiry: notice on
    the 7th day before the first expiry (10 January 2021) ends the term then; a day later, at the
    next expiry (10 March)."""
    term = Term(D(2020, 11, 10), months=2, renewal_months=2, notice_days=7, notice_by=("ARM", "AZE"))
    timely = result(term, D(2021, 1, 10), notice("2021-01-03"))
    assert (timely.status, timely.term_end) == (Status.TERMINATED, D(2021, 1, 10))
    late = result(term, D(2021, 1, 10), notice("2021-01-04"))
    assert (late.status, late.term_end) == (Status.COMPLIED, D(2021, 3, 10))
    assert result(term, D(2021, 3, 10), notice("2021-01-04")).status is Status.TERMINATED


def test_term__a_term_renewed_daily_gives_no_point_per_renewal() -> None:
    """A term renewed every day for years: its history is read at the expiries that can end it,
    not at every renewal (a report on such a term took minutes), and it still ends at the expiry
    the notice reaches."""
    term = Term(D(2008, 8, 12), months=2, renewal_days=1, notice_days=3, notice_by=("ARM", "AZE"))
    calls = 0
    expiry = Term.expiry

    def counted(self: Term, renewals: int) -> date:
        nonlocal calls
        calls += 1
        return expiry(self, renewals)

    agreements = with_term(term)
    ledger = ledger_from_csv(rows(notice("2026-01-01")), agreements=agreements)
    try:
        Term.expiry = counted  # type: ignore[method-assign]
        found = evaluate(agreements, ledger.events, ledger.links, ledger.parties, D(2026, 6, 1)).result(TERM)
    finally:
        Term.expiry = expiry  # type: ignore[method-assign]
    assert (found.status, found.term_end) == (Status.TERMINATED, D(2026, 1, 4))
    assert found.history[-1].date == D(2026, 1, 4)
    assert calls < 2_000  # one renewal at a time would be several thousand per cut-off


lengths = st.tuples(st.integers(0, 3), st.integers(0, 14), st.integers(0, 70))
instants = st.datetimes(datetime(2019, 1, 1), datetime(2032, 1, 1), timezones=st.just(UTC))


@given(
    start=st.dates(D(2019, 1, 1), D(2024, 12, 31)),
    length=lengths.filter(any),
    renewal=lengths,
    notice=st.tuples(st.integers(0, 6), st.integers(0, 40)),
    notices=st.lists(instants, max_size=3),
    cutoff=instants,
)
def test_law__term_expiry_is_the_walk_over_renewals(
    start: date,
    length: tuple[int, int, int],
    renewal: tuple[int, int, int],
    notice: tuple[int, int],
    notices: list[datetime],
    cutoff: datetime,
) -> None:
    """Bisecting over the number of renewals finds what walking them one by one finds: at each
    expiry in turn, a notice given by its notice limit ends the term there; else, an expiry at or
    after the cut-off is the current one."""
    term = Term(
        start,
        years=length[0],
        months=length[1],
        days=length[2],
        renewal_years=renewal[0],
        renewal_months=renewal[1],
        renewal_days=renewal[2],
        notice_months=notice[0],
        notice_days=notice[1],
    )
    ob = next(o for a in AGREEMENTS for o in a.obligations if o.id == TERM)
    tz = timezone(timedelta(hours=4))
    got = term_expiry(attrs.evolve(ob, term=term), tz, notices, cutoff)
    renewals = 0
    while True:
        day = term.expiry(renewals)
        expiry = day_start(day, tz)
        limit = deadline_end(add_period(day, months=-term.notice_months, days=-term.notice_days), tz)
        if any(n < min(limit, expiry) and n < cutoff for n in notices) or not term.renews:
            assert got == ((expiry if expiry < cutoff else None), expiry)
            return
        if expiry >= cutoff:
            assert got == (None, expiry)
            return
        renewals += 1


def test_term__a_renewable_terms_history_ends_at_the_expiry_its_notice_reaches() -> None:
    """Point 4 renewed yearly (SYNTHETIC): a notice on 1 March 2024, before the limit of 10 May,
    ends the term on 10 November 2024; the renewals before it change nothing in the history."""
    term = Term(D(2020, 11, 10), years=1, renewal_years=1, notice_months=6, notice_by=("ARM", "AZE"))
    found = result(term, D(2026, 1, 1), notice("2024-03-01"))
    assert [(t.date, t.status) for t in found.history][-2:] == [
        (D(2020, 11, 10), Status.COMPLIED),
        (D(2024, 11, 10), Status.TERMINATED),
    ]


def test_term__a_notice_period_reaching_back_before_any_calendar_is_refused() -> None:
    """Notice 30,000 months before an expiry of 2025 would be due before the year 1: the
    evaluation read that as reached and ended the term. The agreement check refuses it."""
    bundled = Path(agreements_package.__file__).parent / "trilateral-2020.toml"
    written = "notice_months = 6, notice_by"
    text = bundled.read_text(encoding="utf-8").replace(written, "notice_months = 30000, notice_by")
    agreement, problems = load_agreement_text(text, "long.toml")
    assert agreement is not None, problems
    found = check_agreements([(agreement, "long.toml", text)], PARTIES)
    assert any(p.field.endswith(".term") and p.message == "term too long to evaluate" for p in found)


def test_term__a_renewable_term_with_no_rule_for_notices_is_warned_of() -> None:
    """Without a rule linking notices of termination, a notice in an event file with no explicit
    link is unlinked and the term renews for ever, silently: the static check says so. Point 4's
    term has such a rule and draws no warning."""
    term_message = "renews unless notice is given"
    assert not [p for p in static_problems(AGREEMENTS, AGREEMENTS) if term_message in p.message]

    def without_notice_rules(ob: Obligation) -> Obligation:
        rules = tuple(r for r in ob.rules if "notice-of-termination" not in r.kinds)
        # (its note's "explicit links", declaring how breaches of it are linked, also silences this)
        return attrs.evolve(ob, rules=rules, note="") if ob.id == TERM else ob

    changed = [
        attrs.evolve(a, obligations=tuple(map(without_notice_rules, a.obligations))) for a in AGREEMENTS
    ]
    warned = [p for p in static_problems(changed, changed) if term_message in p.message]
    assert [(p.field, TERM in p.message) for p in warned] == [(warned[0].field, True)]
    assert warned[0].field.endswith(".term")


def test_term__the_agreements_listing_gives_each_term() -> None:
    """`compliance agreements` said nothing of a term: a two-month truce read like a duty without
    end. It now gives the length, the start, the renewal and who may give notice, and when."""
    listing = AgreementListing(
        tuple(
            with_term(
                Term(D(2025, 4, 1), months=2, renewal_months=2, notice_days=7, notice_by=("ARM", "AZE"))
            )
        ),
        (),
    )
    text = agreements_text(listing)
    assert (
        f"{TERM} (RUS; obligation, maintenance, term of 2 months from 2025-04-01, renewed for 2 months "
        "unless ARM or AZE gives notice 7 days before an expiry)"
    ) in text
    listing = AgreementListing(tuple(with_term(Term(D(2024, 11, 27), days=60))), ())
    assert (
        f"{TERM} (RUS; obligation, maintenance, term of 60 days from 2024-11-27, not renewed)"
        in agreements_text(listing)
    )


def test_term__a_notice_dated_across_two_limits_may_end_the_term_between_its_two_ends() -> None:
    """A month renewed monthly, notice 7 days before an expiry, and a notice dated from 1 January
    to 28 February 2021: in time for 10 January, for 10 February or for 10 March. Once all have
    passed the reason read "on 2021-01-10 or on 2021-03-10", as if 10 February were not possible;
    it now says a later expiry up to 10 March, and "term to" gives the earliest and the latest."""
    term = Term(D(2020, 11, 10), months=1, renewal_months=1, notice_days=7, notice_by=("ARM", "AZE"))
    line = f"T1,2021-01-01,2021-02-28,notice-of-termination,AZE,Baku,Reuters,none,{SRC},,trilateral-2020#4/{TERM}:relevant,"
    during = result(term, D(2021, 2, 15), line)
    assert (during.status, during.possible) == (Status.INDETERMINATE, (Status.COMPLIED, Status.TERMINATED))
    assert (during.term_end, during.term_end_latest) == (D(2021, 1, 10), D(2021, 3, 10))
    after = result(term, D(2021, 4, 1), line)
    assert (after.status, after.term_end, after.term_end_latest) == (
        Status.TERMINATED,
        D(2021, 1, 10),
        D(2021, 3, 10),
    )
    assert after.reason == (
        "term expired on 2021-01-10 or on a later expiry up to 2021-03-10 after notice (the notice's date is uncertain)"
    )
