"""Dates a spreadsheet rewrote with the year last, in our own format (docs/event-formats.md#dates-a-spreadsheet-rewrote).

Every file here is SYNTHETIC: invented rows, as a researcher's file re-saved by a spreadsheet in a
European (or United States) locale holds them.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.core.events import Origin
from compliance.core.problems import Problem, Severity
from compliance.readers import Record
from compliance.readers.our_format import build_event
from tests.support import PARTIES, RESOLVE_REPORTER
from tests.test_readers import errors, read, records

HEADER = "id,date,date_end,kind,reported_by,reported_on\n"


def row(event_id: str, day: str, report: str = "", end: str = "") -> str:
    return f"{event_id},{day},{end},shelling,Ministry of Defence of Armenia,{report}\n"


def warnings(items: list[Record | Problem]) -> list[Problem]:
    found: list[Problem] = []
    for item in items:
        found += item.problems if isinstance(item, Record) else [item]
    return [p for p in found if p.severity is Severity.WARNING]


def by_line(items: list[Record | Problem]) -> dict[int, Record]:
    return {r.origin.line: r for r in records(items)}


STYLES = ("dotted", "dotted-short", "day-first", "month-first", "day-first-dashed", "month-first-dashed")


def written(day: date, style: str) -> str:
    """``day`` as a spreadsheet in that style writes it."""
    if style == "dotted":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if style == "dotted-short":
        return f"{day.day}.{day.month}.{day.year}"
    separator = "-" if style.endswith("dashed") else "/"
    first, second = (day.day, day.month) if style.startswith("day") else (day.month, day.day)
    return f"{first:02d}{separator}{second:02d}{separator}{day.year}"


def settling_row(style: str) -> str:
    """A row whose date can be read one way only, in the order of ``style`` (none for dots)."""
    if style.startswith("dotted"):
        return ""
    return row("E-0000", written(date(2020, 11, 13), style))


@given(
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    st.sampled_from(STYLES),
    st.booleans(),
    st.booleans(),
    st.integers(0, 40),
)
def test_year_last_dates__read_as_the_same_day_as_their_iso_form(
    day: date, style: str, approximate: bool, settling_first: bool, later: int
) -> None:
    """A date written in any accepted style, in ``date``, ``date_end`` and ``reported_on``,
    reads as the same days as the same row written in ISO 8601, whether the row that settles a
    slashed file's order comes before it or after it."""
    end = min(day + timedelta(days=later), date(2100, 12, 31))
    tilde = "~" if approximate else ""
    iso = read(HEADER + row("E-0001", tilde + day.isoformat(), end.isoformat(), end.isoformat()))
    rewritten = row("E-0001", tilde + written(day, style), written(end, style), written(end, style))
    settling = settling_row(style)
    text = HEADER + (settling + rewritten if settling_first else rewritten + settling)
    items = read(text)
    assert errors(items) == []
    [expected] = records(iso)
    [got] = [r for r in records(items) if r.origin.line == (3 if settling and settling_first else 2)]
    assert got.event is not None
    assert expected.event is not None
    assert (got.event.when, got.event.reported_on) == (expected.event.when, expected.event.reported_on)
    assert len(warnings(items)) == len(warnings(iso)) + _needs_telling(day, end, style)


def _needs_telling(day: date, end: date, style: str) -> bool:
    """Whether the file's one warning is due: a dotted date, or a slashed one that only the
    file's order can read (day and month both 12 or less and not equal)."""
    if style.startswith("dotted"):
        return True
    return any(d.day <= 12 and d.month <= 12 and d.day != d.month for d in (day, end))


def test_dotted_dates__read_day_first_with_one_warning_for_the_file() -> None:
    """``05.11.2020`` is 5 November 2020 wherever it is written: read, and said once, on the
    first row that has one, naming file, line and field."""
    items = read(
        HEADER
        + row("E-0001", "2020-11-04")
        + row("E-0002", "05.11.2020", "06.11.2020")
        + row("E-0003", "7.11.2020"),
        label="eu.csv",
    )
    assert errors(items) == []
    lines = by_line(items)
    assert [lines[n].event.when.start for n in (2, 3, 4) if lines[n].event] == [
        date(2020, 11, 4),
        date(2020, 11, 5),
        date(2020, 11, 7),
    ]
    [told] = warnings(items)
    assert (told.file, told.line, told.field) == ("eu.csv", 3, "date")
    assert "day.month.year" in told.message
    assert "'05.11.2020' is 2020-11-05" in told.message
    assert "YYYY-MM-DD" in told.message


def test_dotted_dates__a_day_the_month_has_not_is_refused_as_read() -> None:
    """``11.13.2020`` read day first has no month 13: refused, not read month first."""
    items = read(HEADER + row("E-0001", "11.13.2020"), label="eu.csv")
    [problem] = errors(items)
    assert (problem.file, problem.line, problem.field) == ("eu.csv", 2, "date")
    assert "'11.13.2020'" in problem.message
    assert "day.month.year" in problem.message


@pytest.mark.parametrize(
    ("settling", "order", "fifth_of_november"),
    [("13/11/2020", "day/month/year", "05/11/2020"), ("11/13/2020", "month/day/year", "11/05/2020")],
)
def test_slashed_dates__read_in_the_order_the_file_shows_with_one_warning(
    settling: str, order: str, fifth_of_november: str
) -> None:
    """Rows whose date could be either way round wait for the file's end; a date that can be
    read one way only (line 4) settles the order for all of them, and one warning says which
    order, from which line, on the first such row. Every row is a record."""
    text = (
        HEADER
        + row("E-0001", fifth_of_november)
        + row("E-0002", fifth_of_november, report=fifth_of_november)
        + row("E-0003", settling)
        + row("E-0004", "2020-11-14")
    )
    items = read(text, label="mixed.csv")
    assert errors(items) == []
    lines = by_line(items)
    assert sorted(lines) == [2, 3, 4, 5]
    assert {n: lines[n].event.when.start for n in lines if lines[n].event} == {
        2: date(2020, 11, 5),
        3: date(2020, 11, 5),
        4: date(2020, 11, 13),
        5: date(2020, 11, 14),
    }
    [told] = warnings(items)
    assert (told.file, told.line, told.field) == ("mixed.csv", 2, "date")
    assert order in told.message
    assert f"line 4 shows ({settling!r}" in told.message
    assert "YYYY-MM-DD" in told.message


def test_slashed_dates__a_file_that_settles_no_order_rejects_each_such_row() -> None:
    """No date in the file shows which comes first: every row whose date could be either way
    round is rejected, naming file, line and field, with both days and the way out."""
    text = HEADER + row("E-0001", "05/11/2020") + row("E-0002", "2020-11-06", report="07/11/2020")
    text += row("E-0003", "05/05/2020")
    items = read(text, label="unsure.csv")
    found = sorted((p.file, p.line, p.field) for p in errors(items))
    assert found == [("unsure.csv", 2, "date"), ("unsure.csv", 3, "reported_on")]
    for problem in errors(items):
        assert "ambiguous date" in problem.message
        assert "no date in the file settles" in problem.message
        assert "YYYY-MM-DD" in problem.message
    assert "5 November 2020 or 11 May 2020" in next(p.message for p in errors(items) if p.line == 2)
    assert by_line(items)[4].event is not None  # 5 May either way round


def test_slashed_dates__a_file_that_shows_both_orders_rejects_each_such_row() -> None:
    """``13/05/2020`` is day first and ``09/13/2020`` month first: the file contradicts itself,
    and a date that could be either way round is refused, naming both lines."""
    text = HEADER + row("E-0001", "05/11/2020") + row("E-0002", "13/05/2020") + row("E-0003", "09/13/2020")
    items = read(text, label="both.csv")
    [problem] = errors(items)
    assert (problem.file, problem.line, problem.field) == ("both.csv", 2, "date")
    assert "line 3: '13/05/2020', day first" in problem.message
    assert "line 4: '09/13/2020', month first" in problem.message
    assert len(records(items)) == 3


def test_slashed_dates__json_lines_rows_wait_too_and_keep_their_own_problems() -> None:
    """Our JSON Lines format reads the same way: a held row keeps the warning of its line."""
    lines = [
        {"id": "E-0001", "date": "05/11/2020", "kind": "shelling", "reported_by": "Reuters", "colour": "x"},
        {"id": "E-0002", "date": "13/11/2020", "kind": "shelling", "reported_by": "Reuters"},
    ]
    items = read("".join(json.dumps(line) + "\n" for line in lines), suffix=".jsonl", label="e.jsonl")
    assert errors(items) == []
    first = by_line(items)[1]
    assert first.event is not None
    assert first.event.when.start == date(2020, 11, 5)
    assert sorted(p.field for p in first.problems) == ["colour", "date"]


def test_build_event__a_row_alone_settles_nothing() -> None:
    """One row built alone is a file of its own: ``05/11/2020`` in it is refused."""
    fields = {"id": "E-0001", "date": "05/11/2020", "kind": "shelling", "reported_by": "Reuters"}
    event, problems = build_event(fields, Origin("one.csv", 2), PARTIES.resolve, RESOLVE_REPORTER)
    assert event is None
    assert [(p.line, p.field) for p in problems] == [(2, "date")]


def test_dotted_dates__a_held_row_tells_its_own_warning_on_its_own_line() -> None:
    """A row whose dotted ``date`` sits beside a slashed ``reported_on`` that only the file's end
    can read waits; the dotted date's warning waits with it and names its line, not the line of
    the next row read (line 3, whose dates are ISO)."""
    text = (
        HEADER
        + row("E-0001", "05.11.2020", report="06/11/2020")
        + row("E-0002", "2020-11-07", report="2020-11-08")
        + row("E-0003", "13/11/2020")
    )
    items = read(text, label="eu.csv")
    assert errors(items) == []
    told = sorted((p.line, p.field, p.message.split(":")[0]) for p in warnings(items))
    assert told == [
        (2, "date", "dates written day.month.year are read day first, as that form always is"),
        (
            2,
            "reported_on",
            "dates whose day and month could be either way round are read as day/month/year, the order line 4 shows ('13/11/2020' can be read no other way)",
        ),
    ]


@pytest.mark.parametrize("midnight", ["{} 00:00", "{} 0:00", "{} 00:00:00", "{}T00:00:00", "{} 00:00:00.000"])
def test_midnight_without_offset__is_the_day_by_the_same_date_rules(midnight: str) -> None:
    """A spreadsheet writes a date cell that went through a date-time as ``13/11/2020 00:00``: the
    date alone, read by the rules of its form (a slashed two-way date in the order the file
    shows, with its one warning), in ``date``, ``date_end`` and ``reported_on``."""
    text = HEADER + row("E-0001", midnight.format("05/11/2020"), report=midnight.format("2020-11-14"))
    text += row("E-0002", midnight.format("13/11/2020"), end=midnight.format("2020-11-13"))
    items = read(text, label="cells.csv")
    assert errors(items) == []
    first, second = by_line(items)[2].event, by_line(items)[3].event
    assert first is not None
    assert second is not None
    assert (first.when.first_day, first.reported_on) == (date(2020, 11, 5), date(2020, 11, 14))
    assert (second.when.first_day, second.when.last_day) == (date(2020, 11, 13), date(2020, 11, 13))
    assert [p.message.split(":")[0] for p in warnings(items)] == [
        "dates whose day and month could be either way round are read as day/month/year, the order line 3 shows ('13/11/2020' can be read no other way)"
    ]


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2020-11-13 06:00", "a date-time needs a UTC offset, e.g. 2020-11-13 06:00+04:00"),
        ("13/11/2020 00:01", "not an ISO date-time: '13/11/2020 00:01'"),
        ("2020-11-13 00:00:01", "a date-time needs a UTC offset, e.g. 2020-11-13 00:00:01+04:00"),
    ],
)
def test_a_time_other_than_midnight_without_offset__is_still_refused(written: str, reason: str) -> None:
    """Only exactly midnight is a date cell: any other time is an instant in an unknown zone."""
    items = read(HEADER + row("E-0001", written), label="cells.csv")
    assert [(p.line, p.field, p.message) for p in errors(items)] == [(2, "date", reason)]
