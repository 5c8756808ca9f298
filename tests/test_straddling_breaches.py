"""A breach account dated across the day its duty bound may be of an act before that day.

A UCDP event can be dated to a whole year: 2020, with the 44-day war before the ceasefire of
10 November and a few weeks of it after. Read from the day the duty bound, such an account was
taken as a certain breach once its year was over, although the act may well lie before the
ceasefire and be no breach of it at all. The accounts here are SYNTHETIC.
"""

from __future__ import annotations

from datetime import date

from compliance.core.events import Event, ExplicitLink
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import Effect, Status
from compliance.testing import laws
from tests.support import AGREEMENTS, PARTIES, evaluate_csv, rows

D = date
CEASEFIRE_AZE = "ts2020-1-ceasefire-aze"
LINK = f"trilateral-2020#1/{CEASEFIRE_AZE}:breaches"
SRC = "https://example.org/account"
YEAR_2020 = f"Y1,2020-01-01,2020-12-31,armed-clash,AZE,Nagorno-Karabakh,Reuters,none,{SRC},,{LINK},"
AFTER = f"A1,2021-02-01,,armed-clash,AZE,Nagorno-Karabakh,Reuters,none,{SRC},,{LINK},"
BEFORE = f"B1,2020-03-01,2020-10-31,armed-clash,AZE,Nagorno-Karabakh,Reuters,none,{SRC},,{LINK},"


def test_straddling__a_breach_dated_across_entry_into_force_never_makes_the_breach_certain() -> None:
    """An independent account of a clash by Azerbaijan somewhere in 2020 (confirmed by its source)
    leaves the ceasefire indeterminate between complied and violated, after the year as during
    it; it used to read violated from 31 December 2020."""
    for as_of in (D(2020, 12, 1), D(2021, 6, 1), D(2026, 1, 1)):
        result = evaluate_csv(rows(YEAR_2020), as_of).result(CEASEFIRE_AZE)
        assert result.status is Status.INDETERMINATE, as_of
        assert set(result.possible) == {Status.COMPLIED, Status.VIOLATED}, as_of
    result = evaluate_csv(rows(YEAR_2020), D(2021, 6, 1)).result(CEASEFIRE_AZE)
    assert [t.status for t in result.history] == [Status.NOT_IN_FORCE, Status.INDETERMINATE]
    (evidence,) = result.evidence
    assert (
        "dated partly before the obligation came into force (2020-11-10): a breach of it only if it came after"
        in (evidence.reason)
    )
    assert evidence.read_from == D(2020, 11, 10)


def test_straddling__an_account_wholly_after_still_settles_it() -> None:
    """A confirmed clash of February 2021 makes the ceasefire violated whatever the 2020 account
    is; an account wholly before the ceasefire is still no breach of it."""
    assert evaluate_csv(rows(YEAR_2020, AFTER), D(2021, 6, 1)).result(CEASEFIRE_AZE).status is Status.VIOLATED
    assert evaluate_csv(rows(BEFORE), D(2021, 6, 1)).result(CEASEFIRE_AZE).status is Status.COMPLIED


def test_straddling__puts_no_breach_on_record() -> None:
    """ "Breach on record" beside a status is for a breach: an account that may be of an act before
    the duty bound is none, while one wholly after is."""
    assert evaluate_csv(rows(YEAR_2020), D(2021, 6, 1)).result(CEASEFIRE_AZE).breach_on_record is False
    assert evaluate_csv(rows(YEAR_2020, AFTER), D(2021, 6, 1)).result(CEASEFIRE_AZE).breach_on_record is True


def test_straddling__a_duty_waiting_for_a_ratification_dated_to_the_same_days_as_a_clash() -> None:
    """Found by the law of a partner dated anywhere in its range: the peace agreement's duties
    wait for its ratification, dated 1–2 February 2026, and a clash by Azerbaijan is dated to the
    same two days. Ratified on the 2nd, the duty may be unbroken (the clash may be of the 1st);
    the undated evaluation read only the range's start and the ends inside it, so it gave
    'violated' alone, which the placement on the 2nd is not among."""
    days = EventTime(D(2026, 2, 1), D(2026, 2, 2), Precision.INTERVAL)
    common = {
        "when": days,
        "reported_by": "Reuters",
        "reporter_party": "none",
        "source_url": SRC,
        "actor": "AZE",
    }
    ratified = ExplicitLink("peace-agreement-2025", "XVI", Effect.FULFILS, "pa2025-ratification")
    events = [
        Event(id="r0", kind="agreement-signed", location="Washington", links=(ratified,), **common),  # type: ignore[arg-type]
        Event(id="r1", kind="armed-clash", location="Syunik/Zangezur border", **common),  # type: ignore[arg-type]
    ]
    laws.partner_dated_anywhere_in_its_range(AGREEMENTS, PARTIES, events, D(2026, 2, 2))
