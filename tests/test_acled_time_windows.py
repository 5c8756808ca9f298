"""ACLED ``time_precision`` 2 and 3: the days a row's true date can fall on, as ACLED's codebook
says the date is recorded (https://acleddata.com/methodology/acled-codebook, "Time precision
codes"; docs/event-formats.md#time_precision-and-geo_precision)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.core.timeframe import EventTime, Precision
from compliance.evaluation.evaluate import evaluate
from compliance.readers.acled_times import MONTH_SLACK, WEEK_SLACK
from tests.test_readers import acled_csv, acled_row, errors, ledger_of, one_event, read
from tests.test_readers_real import ASIA_2015, HDX_ARMENIA, events


def test_acled_time_precision_2__real_row_is_the_day_four_days_either_side():
    """Real row ARM4900 (HDX Armenia export, kept verbatim): ``event_date`` 2020-10-02, code 2,
    notes "Around 2 October 2020 (as reported)". Its true day is within 28 September to
    6 October 2020, no longer 25 September to 9 October."""
    event = events(HDX_ARMENIA)["ARM4900"]
    assert event.when == EventTime(date(2020, 9, 28), date(2020, 10, 6), Precision.APPROXIMATE)
    assert event.when.label() == "~2020-09-28/2020-10-06"


def test_acled_time_precision_3__real_row_near_a_month_end_reaches_into_the_next_month():
    """Real row 1282IND (ACLED Asia 2015, kept verbatim): ``EVENT_DATE`` 22-April-2015, code 3.
    22 April is neither April's middle nor its first or last day, as the codebook records a
    code 3 date: a row off the codebook, for which the library allows 11 days either side of the
    day (its own allowance, not ACLED's rule). April and 11 days past the 22nd: 1 April to
    3 May 2015."""
    event = events(ASIA_2015)["1282IND"]
    assert event.when == EventTime(date(2015, 4, 1), date(2015, 5, 3), Precision.APPROXIMATE)


def test_acled_time_precision_3__a_month_midpoint_is_the_calendar_month():
    """SYNTHETIC row: code 3 on 15 May 2021, "in May" as the codebook records it: the month."""
    event = one_event(acled_csv(acled_row(event_date="2021-05-15", time_precision="3")))
    assert event.when == EventTime(date(2021, 5, 1), date(2021, 5, 31), Precision.MONTH)
    assert event.when.label() == "2021-05"


@pytest.mark.parametrize(
    ("recorded", "month"),
    [
        ("2020-11-01", (date(2020, 11, 1), date(2020, 11, 30))),
        ("2020-11-30", (date(2020, 11, 1), date(2020, 11, 30))),
        ("2020-02-29", (date(2020, 2, 1), date(2020, 2, 29))),
        ("2021-01-01", (date(2021, 1, 1), date(2021, 1, 31))),
    ],
)
def test_acled_time_precision_3__the_first_and_last_day_are_the_month_alone(
    recorded: str, month: tuple[date, date]
) -> None:
    """SYNTHETIC rows: code 3 on a month's first or last day is the codebook's "beginning or end
    of the month", which lie within it: 1 November 2020 is 1-30 November, not from 21 October,
    and 30 November the same month, not to 11 December."""
    event = one_event(acled_csv(acled_row(event_date=recorded, year=recorded[:4], time_precision="3")))
    assert event.when == EventTime(*month, Precision.MONTH)


def _ceasefire_statuses(event_date: str) -> dict[str, str]:
    """The status of the 2020 ceasefire duties as of 1 March 2021, with one SYNTHETIC ACLED row:
    an armed clash at Shusha/Shushi coded ``time_precision`` 2 on ``event_date``."""
    row = acled_row(
        event_id_cnty="AZE0001",
        event_date=event_date,
        year="2020",
        time_precision="2",
        iso="31",
        country="Azerbaijan",
        admin1="Shusha",
        location="Shusha",
        latitude="39.7589",
        longitude="46.7475",
        notes="SYNTHETIC: a clash reported only to the week.",
        fatalities="0",
        timestamp="1606000000",
    )
    items = read(acled_csv(row))
    assert errors(items) == []
    ledger = ledger_of(items)
    evaluation = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, date(2021, 3, 1))
    return {r.id: str(r.status) for r in evaluation.results if r.id.startswith("ts2020-1-ceasefire")}


def test_acled_time_precision_2__a_week_before_the_ceasefire_does_not_open_its_status():
    """SYNTHETIC row: a clash coded to the week of 5 November 2020 happened by 9 November, before
    the ceasefire of 10 November 2020: the ceasefire's status is not left open by it. Read
    7 days either side, it could have been on 12 November and made the status indeterminate."""
    assert set(_ceasefire_statuses("2020-11-05").values()) == {"complied"}


def test_acled_time_precision_2__a_week_reaching_the_ceasefire_leaves_it_undecided():
    """SYNTHETIC row: the week of 6 November 2020 reaches 10 November: the clash may be after
    the ceasefire took effect, and the status says it cannot tell."""
    assert _ceasefire_statuses("2020-11-06")["ts2020-1-ceasefire-aze"] == "indeterminate"


@given(st.dates(date(1997, 1, 1), date(2099, 12, 1)), st.sampled_from([2, 3]), st.sampled_from([6, 0]))
def test_acled_time_precision_2__holds_the_week_whichever_middle_day_was_recorded(
    recorded: date, weekday: int, week_start: int
):
    """The codebook records "either Wednesday or Thursday" of the week an event is reported in.
    Whether that week starts on Sunday (6) or Monday (0), the whole of it is within the days a
    code 2 row is read as."""
    recorded += timedelta(days=(weekday - recorded.weekday()) % 7)  # a Wednesday or a Thursday
    first = recorded - timedelta(days=(recorded.weekday() - week_start) % 7)
    when = one_event(
        acled_csv(acled_row(event_date=recorded.isoformat(), year=str(recorded.year), time_precision="2"))
    ).when
    assert when.first_day <= first
    assert first + timedelta(days=6) <= when.last_day
    assert (when.first_day, when.last_day) == (recorded - WEEK_SLACK, recorded + WEEK_SLACK)


@given(st.dates(date(1997, 1, 1), date(2099, 12, 31)))
def test_acled_time_precision_3__holds_the_month_and_for_a_day_off_the_codebook_11_days_either_side(
    recorded: date,
):
    """A code 3 row is read as days that hold its calendar month; a day that is not the month's
    first or last, and so may be off the codebook, also holds the 11 days either side of it, and
    no more than that reaches past the month."""
    when = one_event(
        acled_csv(acled_row(event_date=recorded.isoformat(), year=str(recorded.year), time_precision="3"))
    ).when
    first = recorded.replace(day=1)
    last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    if recorded in (first, last):
        assert (when.first_day, when.last_day) == (first, last)
        return
    assert (when.first_day, when.last_day) == (
        min(first, recorded - MONTH_SLACK),
        max(last, recorded + MONTH_SLACK),
    )
