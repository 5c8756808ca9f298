"""A day written as text is read by one rule, and refused with one message, wherever it is given.

Agreement files, event files, the command line and the Python API each had their own parser:
``2023-02-30`` was "not a calendar date: '2023-02-30': February 2023 has 28 days" in an event
file, "'2023-02-30' is not a calendar date" from the API and "not a calendar date: '2023-02-30'"
in an agreement file; a year out of range was "year 0 is outside 1900–2100" in one place,
"1900-2100" in another and "dates from 1900 to 2100 are supported" in a third. They now share
:func:`compliance.core.timeframe.iso_day`, and each place only says where the day was given.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest

import compliance
from compliance.cli import main
from compliance.load.checks import check_agreements
from compliance.readers import Record, read_event_stream
from tests.support import PARTIES, RESOLVE_REPORTER, rows
from tests.test_agreement_files import load_agreement_text, replace

LEDGER = compliance.build_ledger(event_paths=())
BAD_DAYS = {
    "30-feb": ("2023-02-30", "not a calendar date: '2023-02-30': February 2023 has 28 days"),
    "month-13": ("2022-13-29", "not a calendar date: '2022-13-29': there is no month 13"),
    "day-0": ("2022-01-00", "not a calendar date: '2022-01-00': there is no day 0"),
    "year-0": ("0000-01-01", "year 0 is outside 1900–2100"),
    "year-2101": ("2101-01-01", "year 2101 is outside 1900–2100"),
}


def _said(call: Callable[[], object]) -> str:
    try:
        call()
    except ValueError as exc:
        return str(exc)
    raise AssertionError("the day was taken")


@pytest.mark.parametrize(("text", "message"), list(BAD_DAYS.values()), ids=list(BAD_DAYS))
def test_one_rule__the_shared_reader_names_what_is_wrong(text: str, message: str) -> None:
    from compliance.core.timeframe import iso_day  # (here: the other tests run on code without it)

    assert _said(lambda: iso_day(text)) == message


@pytest.mark.parametrize(("text", "message"), list(BAD_DAYS.values()), ids=list(BAD_DAYS))
def test_one_rule__an_event_file_says_it(text: str, message: str) -> None:
    stream = io.StringIO(rows(f"X1,{text},,other,,Goris,Reuters,none,,,,One row."), newline="")
    items = list(read_event_stream(stream, "t.csv", ".csv", PARTIES.resolve, RESOLVE_REPORTER))
    records = [r for r in items if isinstance(r, Record)]
    assert [r.rejected for r in records] == [True]
    assert [p.message for p in records[0].problems if p.field == "date"] == [message]


@pytest.mark.parametrize(("text", "message"), list(BAD_DAYS.values()), ids=list(BAD_DAYS))
def test_one_rule__an_agreement_file_says_it(text: str, message: str) -> None:
    """A year out of range is read (a report read back holds one) and refused by the checks."""
    written = replace("deadline = 2020-11-20 ", f'deadline = "{text}" ')
    agreement, problems = load_agreement_text(written, "bad.toml")
    if agreement is not None:
        problems = check_agreements([(agreement, "bad.toml", written)], PARTIES)
    assert [p.message for p in problems if p.field == "$.obligations[1].deadline"] == [message]


@pytest.mark.parametrize(("text", "message"), list(BAD_DAYS.values()), ids=list(BAD_DAYS))
def test_one_rule__the_api_says_it_naming_the_argument(text: str, message: str) -> None:
    assert _said(lambda: compliance.evaluate_ledger(LEDGER, text)) == f"as_of: {message}"


@pytest.mark.parametrize(("text", "message"), list(BAD_DAYS.values()), ids=list(BAD_DAYS))
def test_one_rule__the_command_line_says_it(
    text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--as-of", text])
    assert f"argument --as-of: {message}" in capsys.readouterr().err


def test_one_rule__a_date_outside_the_years_is_refused_alike_from_the_api() -> None:
    said = _said(lambda: compliance.evaluate_ledger(LEDGER, date(2101, 1, 1)))
    assert said == f"as_of: {BAD_DAYS['year-2101'][1]}"
