"""The shortcuts of reading our CSV give exactly what the plain computation gives.

- :class:`CsvRecords` splits a line without quotes at the delimiter instead of handing it to
  ``csv.reader``: over any lines without quotes (odd line ends, NULs, blank lines, lines cut
  anywhere) it must give the rows and errors, at the lines, that ``csv.reader`` gives.
- :class:`EventBuilder` reads each latitude and longitude text once and puts the pair together on
  every row: each row's point and problems must be those of reading the two texts together,
  with the checks in their order (latitude unreadable, longitude unreadable, latitude out of
  range, longitude out of range).
- :class:`EventBuilder` looks most values up as the file spells them and strips them only when
  it first works one out: a row whose values carry spaces around them must give exactly what the
  same row without them gives to a builder without memory, whatever rows came before.
- ``base.csv_rows`` checks a row split from a line without quotes on that line's text (the
  fields with one delimiter between each) instead of joining its fields again: the rows it
  passes on, whether each is within the limits, and the rows it rejects must be the same.
- Our CSV reader hands a row whose header is our columns in order to the builder as it is,
  without picking its values: any rows must read as they do with the columns in another order.
"""

from __future__ import annotations

import csv
import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from compliance.core.events import Coordinates, Origin
from compliance.core.problems import Problem, Severity
from compliance.readers.base import MAX_FIELD_CHARS, csv_rows
from compliance.readers.fields import decimal, stated
from compliance.readers.our_csv import read_csv
from compliance.readers.our_format import COLUMNS, EventBuilder, build_event
from compliance.readers.records import DELIMITERS, CsvRecords
from tests.support import PARTIES, RESOLVE_REPORTER

Outcome = tuple[list[str] | str, int]


def _outcomes(reader: CsvRecords | object) -> list[Outcome]:
    """Each row (or the message of the error it raised) with the reader's line number after it."""
    taken: list[Outcome] = []
    while True:
        try:
            row: list[str] | str = next(reader)  # type: ignore[call-overload]
        except StopIteration:
            return taken
        except csv.Error as exc:
            row = f"error: {exc}"
        taken.append((row, reader.line_num))  # type: ignore[attr-defined]


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.text(alphabet="a ,;\t\r\n\x00", min_size=1, max_size=12), max_size=6),
    st.sampled_from(DELIMITERS),
)
@example(["\n", "a,b\r\n", ",\n", "a\rb\n", "a,b\n\r", " \n", "a"], ",")
def test_lines_without_quotes__split_as_csv_reads_them(lines: list[str], delimiter: str) -> None:
    """Split in Python or parsed by csv, a line without quotes gives the same row, or error."""
    plain = csv.reader(iter(lines), delimiter=delimiter, strict=False)
    assert _outcomes(CsvRecords(lines, delimiter)) == _outcomes(plain)


NOT_DEGREES = "latitude and longitude must both be decimal degrees (ASCII digits)"


def _plain_point(lat: str, lon: str) -> tuple[Coordinates | None, list[tuple[str, str, Severity]]]:
    """The point of two texts read together, each check in turn: what the builder must give."""
    lat, lon = stated(lat), stated(lon)
    if not lat and not lon:
        return None, []
    try:
        latitude = decimal(lat)
    except ValueError:
        return None, [("latitude", NOT_DEGREES, Severity.ERROR)]
    try:
        longitude = decimal(lon)
    except ValueError:
        return None, [("longitude", NOT_DEGREES, Severity.ERROR)]
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        return None, [("latitude", f"latitude out of range: {lat}", Severity.ERROR)]
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        return None, [("longitude", f"longitude out of range: {lon}", Severity.ERROR)]
    return Coordinates(latitude, longitude), []


DEGREES = st.sampled_from(
    [
        *("", " ", "NA", "nan", "NaN", "40.5", " 40.5 ", "-90", "90.0", "91", "-180", "180.5", "-181"),
        *("1e2", "inf", "4_0", "\u0664\u0660", "abc", "39.6439", "47.1281", "0", "."),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(DEGREES, DEGREES), min_size=1, max_size=12))
def test_point_of_each_text_once__same_point_and_problems_as_both_read_together(
    pairs: list[tuple[str, str]],
) -> None:
    """One builder over rows that share latitudes and longitudes in any pairing."""
    builder = EventBuilder(PARTIES.resolve, RESOLVE_REPORTER)
    good = dict.fromkeys(COLUMNS, "")
    good.update(id="E1", date="2021-05-12", kind="armed-clash", reported_by="ACLED", reported_on="2021-05-13")
    for line, (lat, lon) in enumerate(pairs, start=2):
        origin = Origin("drawn.csv", line)
        values = [{**good, "latitude": lat, "longitude": lon}[name] for name in COLUMNS]
        event, problems = builder.build_row(values, origin)
        point, findings = _plain_point(lat.strip(), lon.strip())
        expected = [Problem("drawn.csv", line, f, m, sev) for f, m, sev in findings]
        assert [p for p in problems if p.field in ("latitude", "longitude")] == expected
        assert (event.coordinates if event is not None else None) == point
        assert (event is None) == bool(findings)


POOLS: dict[str, tuple[str, ...]] = {
    "id": ("e1", "e2", "bad id", "", "e\u202e4"),
    "date": ("2021-05-01", "2021-13-01", "2021-05", "~2021-05-03", ""),
    "date_end": ("", "2021-05-03", "2021-04-01", "soon"),
    "kind": ("armed-clash", "skirmish", ""),
    "actor": ("ARM", "", "Narnia", "armenia"),
    "target": ("", "AZE", "Narnia"),
    "location": ("Aghdam", "Lachin", ""),
    "admin1": ("", "Syunik", "Kalbajar district"),
    "country": ("", "Armenia", "AZE", "Atlantis", "31"),
    "latitude": ("", "40.1", "95", "abc", "NA"),
    "longitude": ("", "47.1281", "200", "x"),
    "reported_by": ("Reuters", "Ministry of Defence of Armenia", "Unknown outlet", ""),
    "reporter_party": ("", "none", "Narnia", "ARM"),
    "reported_on": ("", "2021-05-02", "2021-05", "yesterday"),
    "source_url": ("https://example.org/a", "ftp://example.org/b", ""),
    "incident": ("", "i1"),
    "fatalities": ("", "3", "-1", "many", "NaN", "2.0"),
    "links": ("", "trilateral-2020#1:breaches", "nonsense"),
    "notes": ("", "synthetic", "a\x00b"),
}
PADDING = st.sampled_from(["", "", " ", "\t", "\xa0", "  "])
"""What can surround a value: str.strip takes every kind of white space away (\\xa0 is one)."""


@st.composite
def padded_rows(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, str]]:
    """A row of values from the pools, and the same row with white space around some of them."""
    plain = {name: draw(st.sampled_from(values)) for name, values in POOLS.items()}
    return plain, {name: draw(PADDING) + value + draw(PADDING) for name, value in plain.items()}


@settings(max_examples=300, deadline=None)
@given(st.lists(padded_rows(), min_size=1, max_size=30))
def test_values_stripped_when_first_worked_out__same_as_each_row_stripped(
    drawn: list[tuple[dict[str, str], dict[str, str]]],
) -> None:
    """Padded and plain spellings of one value share no memo entry, and give what the value gives."""
    shared = EventBuilder(PARTIES.resolve, RESOLVE_REPORTER)
    for line, (plain, padded) in enumerate(drawn, start=2):
        origin = Origin("drawn.csv", line)
        event, problems = build_event(plain, origin, PARTIES.resolve, RESOLVE_REPORTER)
        for row in (padded, plain):
            assert shared.build_row([row[name] for name in COLUMNS], origin) == (event, problems)


class _JoinedFields:
    """A :class:`CsvRecords` that gives no line text, so ``csv_rows`` joins each row's fields."""

    text = None

    def __init__(self, records: CsvRecords) -> None:
        self._records = records

    def __next__(self) -> list[str]:
        return next(self._records)

    @property
    def line_num(self) -> int:
        return self._records.line_num

    def at_end(self) -> bool:
        return self._records.at_end()


FIELDS = st.one_of(
    st.sampled_from(["", "a", " ", "\x00", "\udc80", "é", '"q"', "a\rb"]),
    st.integers(MAX_FIELD_CHARS - 3, MAX_FIELD_CHARS + 1).map(lambda n: "x" * n),
)
"""Values of a few characters (a NUL, an undecodable byte, a quote, a line end) or near the limit."""


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.lists(FIELDS, min_size=1, max_size=4), max_size=6),
    st.sampled_from(DELIMITERS),
    st.sampled_from(["\n", "\r\n", ""]),
)
@example([["x" * (MAX_FIELD_CHARS - 2), "a", "a"], ["x" * (MAX_FIELD_CHARS - 1), "a", "a"]], ",", "\n")
def test_row_checks_on_the_line__same_as_on_the_joined_fields(
    rows: list[list[str]], delimiter: str, ending: str
) -> None:
    """Within limits or not, rejected or not: the line's text tells what the joined fields tell."""
    lines = [f"a{delimiter}b{delimiter}c\n", *(delimiter.join(row) + ending for row in rows)]
    header = ["a", "b", "c"]

    def read(joined: bool) -> list[object]:
        records = CsvRecords(lines, delimiter)
        reader = _JoinedFields(records) if joined else records
        next(reader)  # the header
        return list(csv_rows(reader, header, "drawn.csv"))

    assert read(joined=False) == read(joined=True)


def _csv_text(rows: list[dict[str, str]], order: list[str]) -> list[str]:
    return [",".join(order) + "\n", *(",".join(row[name] for name in order) + "\n" for row in rows)]


HELD_DATES = st.sampled_from(["05/11/2020", "13/11/2020", "11/13/2020", "05.11.2020", "2020-11-05"])
"""Dates with the year last too: a row whose day and month only the file's end can order is held."""


@settings(max_examples=200, deadline=None)
@given(
    st.lists(padded_rows(), min_size=1, max_size=20),
    st.lists(HELD_DATES, max_size=20),
    st.integers(1, len(COLUMNS) - 1),
)
def test_columns_in_our_order__read_as_in_any_other_order(
    drawn: list[tuple[dict[str, str], dict[str, str]]], dates: list[str], turn: int
) -> None:
    """A header of our columns in order reads each row as it is; any other order picks the values."""
    rows = [padded for _, padded in drawn]
    for row, day in zip(rows, dates, strict=False):
        row["date"] = day
    turned = [*COLUMNS[turn:], *COLUMNS[:turn]]

    def read(order: list[str]) -> list[object]:
        return list(read_csv(_csv_text(rows, order), "drawn.csv", PARTIES.resolve, RESOLVE_REPORTER))

    assert read(list(COLUMNS)) == read(turned)
    assert read(list(COLUMNS)) == read(turned[::-1])
