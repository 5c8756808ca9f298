"""Readers: our CSV, JSON Lines and ACLED exports, on small real-shaped inline files."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.core.events import UNAFFILIATED, UNKNOWN, Coordinates, Event, ExplicitLink, Link, Origin
from compliance.core.problems import Problem, Severity
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import EVENT_KINDS, Effect, Grade, Status
from compliance.evaluation.evaluate import evaluate
from compliance.linking.ledger import Ledger, assemble, build_ledger
from compliance.readers import Record, read_event_file, read_event_stream
from compliance.readers.acled import ACLED_COLUMNS
from compliance.readers.fields import is_missing, stated
from compliance.readers.our_format import COLUMNS
from compliance.testing.files import event_row as event_to_row
from tests.support import AGREEMENTS, PARTIES, RESOLVE_REPORTER

MSK = timezone(timedelta(hours=3))


# --------------------------------------------------------------------------- helpers


def read(text: str, suffix: str = ".csv", label: str | None = None) -> list[Record | Problem]:
    """Stream inline text through the reader a file of this suffix would get."""
    label = label or f"events{suffix}"
    stream = io.StringIO(text, newline="")
    return list(read_event_stream(stream, label, suffix, PARTIES.resolve, RESOLVE_REPORTER))


def records(items: Iterable[Record | Problem]) -> list[Record]:
    return [item for item in items if isinstance(item, Record)]


def errors(items: Iterable[Record | Problem]) -> list[Problem]:
    found: list[Problem] = []
    for item in items:
        found += item.problems if isinstance(item, Record) else [item]
    return [p for p in found if p.severity is Severity.ERROR]


def one_event(text: str, suffix: str = ".csv") -> Event:
    """The single event of a one-row file, which must load without errors."""
    items = read(text, suffix)
    assert errors(items) == []
    [record] = records(items)
    assert record.event is not None
    return record.event


def ledger_of(items: Sequence[Record | Problem]) -> Ledger:
    return assemble(AGREEMENTS, PARTIES, items)


# --------------------------------------------------------------------------- our CSV


def test_csv_columns__any_order():
    """Columns are matched by header name, whatever their order."""
    event = one_event(
        "notes,reporter_party,location,kind,reported_by,actor,date,id\n"
        "Shelling reported near Tovuz.,AZE,Tovuz,shelling,Ministry of Defence of Azerbaijan,ARM,2021-07-28,AZ-1\n"
    )
    assert event.id == "AZ-1"
    assert event.when == EventTime(date(2021, 7, 28), None, Precision.DAY)
    assert event.kind == "shelling"
    assert event.actor == "ARM"
    assert event.location == "Tovuz"
    assert event.reported_by == "Ministry of Defence of Azerbaijan"
    assert event.reporter_party == "AZE"
    assert event.notes == "Shelling reported near Tovuz."


def test_csv_columns__only_required_ones():
    """A file with only id, date, kind and reported_by loads, other fields take their defaults."""
    event = one_event("id,date,kind,reported_by\nR1,2021-07-28,statement,Reuters\n")
    assert event == Event(
        id="R1",
        when=EventTime(date(2021, 7, 28)),
        kind="statement",
        reported_by="Reuters",
        reporter_party=UNAFFILIATED,
    )


def test_csv_columns__missing_required_column_is_a_header_problem():
    """A header without a required column gives one error on line 1 naming the column, and the
    file is not read, as a dataset's is: its rows are counted in the message, not rejected one by
    one as if their field were empty."""
    items = read("id,date,reported_by\nR1,2021-07-28,Reuters\nR2,2021-07-29,Reuters\n")
    assert records(items) == []
    assert errors(items) == [
        Problem(
            "events.csv",
            1,
            "kind",
            "required column(s) missing from the header, so the file is not read: "
            "none of its 2 row(s) is counted as a record",
        )
    ]


def test_csv_columns__every_missing_required_column_is_named_in_one_problem():
    """Two required columns missing: one problem names both, in the order of the columns; the
    other header problems (an unknown column) are still given, and no row is a record."""
    items = read("ID,reported_by,colour\nR1,Reuters,red\n")
    assert records(items) == []
    [error] = errors(items)
    assert (error.line, error.field) == (1, "date, kind")
    assert "none of its 1 row(s)" in error.message
    assert [(p.field, p.severity) for p in items if isinstance(p, Problem) and p is not error] == [
        ("colour", Severity.WARNING)
    ]
    ledger = assemble(AGREEMENTS, PARTIES, items)
    acc = ledger.accounting
    assert (acc.read, acc.linked, acc.unlinked, acc.rejected) == (0, 0, 0, 0)
    assert error in ledger.problems


def test_csv_columns__validate_says_once_that_the_column_is_missing(tmp_path, capsys):
    """``validate`` on our CSV without ``kind``: one line naming file, line 1 and the column, and
    no row said to have an empty field; the counts add up (nothing read)."""
    from compliance.cli import main

    path = tmp_path / "events.csv"
    path.write_text("id,date,reported_by\nR1,2021-07-28,Reuters\nR2,2021-07-29,Reuters\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "events: read 0, linked 0, unlinked 0, rejected 0" in err
    assert [line for line in err if line.startswith(str(path))] == [
        f"{path}:1: kind: required column(s) missing from the header, so the file is not read: "
        "none of its 2 row(s) is counted as a record"
    ]


def test_csv_date__iso_day():
    """``2021-07-28`` is a day."""
    event = one_event("id,date,kind,reported_by\nD1,2021-07-28,other,Reuters\n")
    assert event.when == EventTime(date(2021, 7, 28), None, Precision.DAY)


def test_csv_date__month_precision():
    """``2021-07`` is the whole month of July 2021."""
    event = one_event("id,date,kind,reported_by\nD1,2021-07,other,Reuters\n")
    assert event.when == EventTime(date(2021, 7, 1), date(2021, 7, 31), Precision.MONTH)
    assert event.when.label() == "2021-07"


def test_csv_date__month_precision_february_leap_year():
    """``2024-02`` ends on 29 February."""
    event = one_event("id,date,kind,reported_by\nD1,2024-02,other,Reuters\n")
    assert event.when.end == date(2024, 2, 29)


def test_csv_date__free_text_day():
    """``16 November 2021`` is read as that day."""
    event = one_event("id,date,kind,reported_by\nD1,16 November 2021,other,Reuters\n")
    assert event.when == EventTime(date(2021, 11, 16), None, Precision.DAY)


def test_csv_date__free_text_month():
    """``July 2021`` is read as the month."""
    event = one_event("id,date,kind,reported_by\nD1,July 2021,other,Reuters\n")
    assert event.when == EventTime(date(2021, 7, 1), date(2021, 7, 31), Precision.MONTH)


def test_csv_date__free_text_without_year_is_rejected():
    """``16 November`` names no year: a date problem, not a silent year 2000."""
    items = read("id,date,kind,reported_by\nD1,16 November,other,Reuters\n")
    assert [(p.line, p.field) for p in errors(items)] == [(2, "date")]
    [record] = records(items)
    assert record.rejected


def test_csv_date__instant_with_offset():
    """``2020-11-10T06:00:00+03:00`` is an instant, kept with its offset."""
    event = one_event(
        "id,date,kind,reported_by\nD1,2020-11-10T06:00:00+03:00,peacekeeper-deployment,Ministry of Defence of Russia\n"
    )
    assert event.when == EventTime(datetime(2020, 11, 10, 6, tzinfo=MSK), None, Precision.INSTANT)
    start, end = event.when.span(UTC)
    assert start == datetime(2020, 11, 10, 3, tzinfo=UTC)
    assert end - start == timedelta(microseconds=1)


def test_csv_date__instant_without_offset_is_rejected():
    """A date-time with no UTC offset is ambiguous and is refused, naming the field."""
    items = read("id,date,kind,reported_by\nD1,2020-11-10T06:00:00,other,Reuters\n")
    [problem] = errors(items)
    assert (problem.line, problem.field) == (2, "date")
    assert "offset" in problem.message


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("13/09/2022", date(2022, 9, 13)),  # 13 is no month: day first
        ("9/27/2020", date(2020, 9, 27)),  # 27 is no month: month first (as Excel writes US dates)
        ("16.11.2021", date(2021, 11, 16)),
        ("11-16-2021", date(2021, 11, 16)),
        ("2021/11/16", date(2021, 11, 16)),  # year first: year, month, day
        ("2021.1.5", date(2021, 1, 5)),
        ("5/5/2021", date(2021, 5, 5)),  # the same day in either order
    ],
)
def test_csv_date__all_numeric_read_when_the_order_is_certain(text: str, day: date):
    """An all-numeric date is read when only one order of its numbers gives a date."""
    event = one_event(f"id,date,kind,reported_by\nD1,{text},other,Reuters\n")
    assert event.when == EventTime(day, None, Precision.DAY)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("10/11/2021", ["ambiguous", "10 November 2021", "11 October 2021", "YYYY-MM-DD"]),
        ("05-11-2021", ["ambiguous", "5 November 2021", "11 May 2021"]),
        ("11/16/21", ["four-digit year"]),
        ("13/13/2021", ["not a calendar date"]),
        ("31/02/2021", ["not a calendar date"]),
        ("2021", ["only a year"]),
        ("2021/16/11", ["not a calendar date"]),
    ],
)
def test_csv_date__all_numeric_refused_when_the_order_is_not_certain(text: str, said: list[str]):
    """``10/11/2021`` is 10 November or 11 October: refused with both readings, never guessed."""
    items = read(f"id,date,kind,reported_by\nD1,{text},other,Reuters\n", label="d.csv")
    [problem] = errors(items)
    assert (problem.file, problem.line, problem.field) == ("d.csv", 2, "date")
    for words in said:
        assert words in problem.message
    [record] = records(items)
    assert record.rejected


def test_csv_date__approximate():
    """``~2021-02-26`` is approximate: a week either side of the day."""
    event = one_event("id,date,kind,reported_by\nD1,~2021-02-26,other,Reuters\n")
    assert event.when == EventTime(date(2021, 2, 26), None, Precision.APPROXIMATE)
    start, end = event.when.span(UTC)
    assert start == datetime(2021, 2, 19, tzinfo=UTC)
    assert end == datetime(2021, 3, 6, tzinfo=UTC)
    assert event.when.label() == "~2021-02-26"


def test_csv_date__interval_with_date_end():
    """``date`` and ``date_end`` make an interval covering both days."""
    event = one_event(
        "id,date,date_end,kind,location,reported_by\n"
        "L1,2022-12-12,2023-09-19,road-blocked,Lachin corridor,Government of Armenia\n"
    )
    assert event.when == EventTime(date(2022, 12, 12), date(2023, 9, 19), Precision.INTERVAL)
    assert event.when.label() == "2022-12-12/2023-09-19"


def test_csv_date__interval_end_month_is_its_last_day():
    """A ``date_end`` given as a month runs to the month's last day."""
    event = one_event("id,date,date_end,kind,reported_by\nL1,2022-12-12,2023-09,other,Reuters\n")
    assert event.when == EventTime(date(2022, 12, 12), date(2023, 9, 30), Precision.INTERVAL)


def test_csv_date__interval_of_instants_in_different_offsets():
    """Instants with different offsets are ordered as instants, not by their local calendar days."""
    event = one_event(
        "id,date,date_end,kind,reported_by\n"
        "I1,2021-07-28T01:00:00+04:00,2021-07-27T23:00:00+00:00,other,Reuters\n"  # 21:00Z → 23:00Z
    )
    assert event.when.precision is Precision.INTERVAL
    start, end = event.when.span(UTC)
    assert (start, end - timedelta(microseconds=1)) == (
        datetime(2021, 7, 27, 21, tzinfo=UTC),
        datetime(2021, 7, 27, 23, tzinfo=UTC),
    )


def test_csv_date__end_before_start_is_rejected():
    """A ``date_end`` before ``date`` is a problem on ``date_end``."""
    items = read("id,date,date_end,kind,reported_by\nL1,2023-09-19,2022-12-12,other,Reuters\n")
    assert [(p.line, p.field) for p in errors(items)] == [(2, "date_end")]


@pytest.mark.parametrize("written", ["none", "None", "NONE", "unaffiliated"])
def test_csv_reporter_party__none_is_unaffiliated(written):
    """``reporter_party`` ``none`` (any case) or ``unaffiliated`` marks an unaffiliated source."""
    event = one_event(
        f"id,date,kind,reported_by,reporter_party\nR1,2021-07-28,statement,Caucasian Knot,{written}\n"
    )
    assert event.reporter_party == UNAFFILIATED


@pytest.mark.parametrize(
    ("reporter", "party"),
    [
        ("Ministry of Defence of Azerbaijan", "AZE"),
        ("Armenian MoD", "ARM"),
        ("ministry of defence of russia", "RUS"),
        ("ICJ", UNAFFILIATED),
        ("Artsakh MFA", "NK"),
    ],
)
def test_csv_reporter_party__resolved_from_registry_when_empty(reporter, party):
    """An empty ``reporter_party`` is filled from agreements/reporters.toml by name or alias."""
    event = one_event(f"id,date,kind,reported_by,reporter_party\nR1,2021-07-28,statement,{reporter},\n")
    assert event.reporter_party == party


def test_csv_reporter_party__given_one_wins_over_registry():
    """A stated ``reporter_party`` is kept even when the registry says otherwise."""
    event = one_event("id,date,kind,reported_by,reporter_party\nR1,2021-07-28,statement,Reuters,Azerbaijan\n")
    assert event.reporter_party == "AZE"


def test_csv_reporter_party__unregistered_reporter_is_unknown_with_warning():
    """A reporter not in the registry is ``unknown`` with a warning; the event is kept."""
    items = read("id,date,kind,reported_by\nR1,2021-07-28,statement,Caucasian Knot\n")
    [record] = records(items)
    assert record.event is not None
    assert record.event.reporter_party == UNKNOWN
    [warning] = record.problems
    assert (warning.severity, warning.field, warning.line) == (Severity.WARNING, "reporter_party", 2)


def test_csv_reporter_party__unknown_party_is_rejected():
    """An unknown ``reporter_party`` rejects the row with a problem on that field."""
    items = read("id,date,kind,reported_by,reporter_party\nR1,2021-07-28,statement,Reuters,Narnia\n")
    assert [(p.line, p.field) for p in errors(items)] == [(2, "reporter_party")]


LINKS = "trilateral-2020#2/ts2020-2-aghdam:fulfils;five-principles-2022#3:relevant"


def test_csv_links__parsed():
    """``links`` holds ``AGREEMENT#ARTICLE[/OBLIGATION]:EFFECT`` references separated by ``;``."""
    event = one_event(
        f"id,date,kind,location,reported_by,links\nH1,2020-11-20,territory-handover,Aghdam,Reuters,{LINKS}\n"
    )
    assert event.links == (
        ExplicitLink("trilateral-2020", "2", Effect.FULFILS, "ts2020-2-aghdam"),
        ExplicitLink("five-principles-2022", "3", Effect.RELEVANT, None),
    )
    assert ";".join(str(link) for link in event.links) == LINKS


def test_csv_links__followed_by_the_ledger():
    """An obligation link is followed as written; an article link reaches every obligation of it."""
    items = read(
        f"id,date,kind,location,reported_by,links\nH1,2020-11-20,territory-handover,Aghdam,Reuters,{LINKS}\n"
    )
    ledger = ledger_of(items)
    assert ledger.errors == ()
    assert Link("ts2020-2-aghdam", "H1", Effect.FULFILS, "explicit") in ledger.links
    relevant = {link.obligation for link in ledger.links if link.effect is Effect.RELEVANT}
    assert relevant == set()  # the 2022 principles did not exist on 20 Nov 2020: not followed, warned
    [warning] = [p for p in ledger.problems if p.field == "links"]
    assert warning.severity is Severity.WARNING
    assert (warning.line, "five-principles-2022#3:relevant") == (2, warning.message.split()[1])


def test_csv_links__spaces_around_parts_ignored():
    """Spaces around ``;``-separated links and empty parts are ignored."""
    event = one_event(
        'id,date,kind,reported_by,links\nH1,2020-11-20,other,Reuters," trilateral-2020#1:relevant ; ;"\n'
    )
    assert event.links == (ExplicitLink("trilateral-2020", "1", Effect.RELEVANT),)


def test_csv_mixed_file__every_bad_row_has_one_error(tmp_path):
    """Good and bad rows in one file: every record is counted, each bad row has one precise error."""
    path = tmp_path / "mixed.csv"
    header = "id,date,date_end,kind,actor,location,reported_by,reporter_party,incident,links,notes\n"
    lines: list[bytes] = [
        header.encode(),
        # 2: a good row, linked by rule (Aghdam handover), but its id is given again on line 6
        b"G1,2020-11-20,,territory-handover,,Aghdam,Reuters,none,,,Azerbaijani forces entered Aghdam district.\n",
        # 3: missing id
        b",2021-07-28,,armed-clash,AZE,Yeraskh,Ministry of Defence of Armenia,,,,Clash near Yeraskh.\n",
        # 4-5: good, unlinked, a quoted note over two physical lines
        b'G2,2021-07,,other,ARM,Yerevan,Government of Armenia,,,,"First line\nsecond line"\n',
        # 6: duplicate id: both copies (lines 2 and 6) are rejected, whatever the row order
        b"G1,2020-11-21,,territory-handover,,Aghdam,Reuters,none,,,Second account under the same id.\n",
        # 7: not a calendar date
        b"B1,2021-13-01,,other,,Goris,Reuters,,,,Month 13.\n",
        # 8: 31 February
        b"B2,31 February 2021,,other,,Goris,Reuters,,,,No such day.\n",
        # 9: unknown kind
        b"B3,2021-07-28,,skirmish,AZE,Tavush,Ministry of Defence of Armenia,,,,Kind not in the vocabulary.\n",
        # 10: unknown party
        b"B4,2021-07-28,,armed-clash,Narnia,Tavush,Ministry of Defence of Armenia,,,,Unknown actor.\n",
        # 11: bad link syntax
        b"B5,2020-11-20,,other,,Aghdam,Reuters,,,trilateral-2020/2:fulfils,Link without '#'.\n",
        # 12: link to an unknown article
        b"B6,2020-11-20,,other,,Aghdam,Reuters,,,trilateral-2020#99:relevant,No article 99.\n",
        # 13: wrong column count
        b"B7,2021-07-28,other\n",
        # 14: invalid UTF-8 in the notes
        b"B8,2021-07-28,,other,,Shusha,Reuters,,,,Broken \xff\xfe bytes.\n",
        # 15: good, linked by an explicit article reference
        b"G3,16 November 2021,,prisoner-release,AZE,Baku,Ministry of Foreign Affairs of Azerbaijan,,,"
        b"trilateral-2020#8:progress,Release of detainees announced.\n",
        # 16: good, unlinked, approximate date, Armenian and Azerbaijani place names
        "G4,~2021-02-26,,other,,Ստեփանակերտ / Xankəndi,Reuters,,,,Approximate date.\n".encode(),
    ]
    path.write_bytes(b"".join(lines))
    label = str(path)
    expected_bad = {
        2: "id",
        3: "id",
        6: "id",
        7: "date",
        8: "date",
        9: "kind",
        10: "actor",
        11: "links",
        12: "links",
        13: "-",
        14: "notes",
    }
    good_lines = {4, 15, 16}

    ledger = build_ledger(event_paths=[path])

    acc = ledger.accounting
    assert acc.read == acc.linked + acc.unlinked + acc.rejected
    assert (acc.read, acc.linked, acc.unlinked, acc.rejected) == (14, 1, 2, 11)
    assert ledger.unlinked == ("G2", "G4")
    assert sorted(e.id for e in ledger.events) == ["G2", "G3", "G4"]
    file_errors = [p for p in ledger.errors if p.file == label]
    assert len(file_errors) == len(expected_bad)
    for line, field in expected_bad.items():
        mine = [p for p in file_errors if p.line == line]
        assert [p.field for p in mine] == [field], f"line {line}: {mine}"
        assert mine[0].message
    assert not [p for p in ledger.problems if p.file == label and p.line in good_lines]
    assert {e.id: e.origin.line for e in ledger.events if e.origin} == {"G2": 4, "G3": 15, "G4": 16}


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_fields__same_as_csv():
    """A JSON Lines object with our CSV's fields gives the same event as the CSV row."""
    row = {
        "id": "Z1",
        "date": "2021-07-28",
        "kind": "armed-clash",
        "actor": "AZE",
        "target": "ARM",
        "location": "Yeraskh",
        "admin1": "Ararat",
        "reported_by": "Ministry of Defence of Armenia",
        "reported_on": "2021-07-28",
        "source_url": "https://mil.am/en/news/9683",
        "incident": "2021-07-28-yeraskh",
        "fatalities": "3",
        "links": "trilateral-2020#1/ts2020-1-ceasefire-aze:breaches",
        "notes": "According to the Ministry of Defence of Armenia, 3 soldiers were killed.",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    from_csv = one_event(out.getvalue())
    from_jsonl = one_event(json.dumps(row) + "\n", ".jsonl")
    assert from_jsonl == from_csv
    assert from_jsonl.fatalities == 3


def test_jsonl_values__numbers_and_null_accepted():
    """Numbers are read as their text and ``null`` as an empty field."""
    line = json.dumps(
        {
            "id": 20210728,
            "date": "2021-07-28",
            "kind": "shelling",
            "actor": None,
            "reported_by": "Ministry of Defence of Azerbaijan",
            "reporter_party": None,
            "latitude": 40.83,
            "longitude": 45.62,
            "fatalities": 0,
            "notes": None,
        }
    )
    event = one_event(line + "\n", ".jsonl")
    assert event.id == "20210728"
    assert event.actor is None
    assert event.reporter_party == "AZE"
    assert event.coordinates == Coordinates(40.83, 45.62)
    assert event.fatalities == 0
    assert event.notes == ""


def test_jsonl_links__list_accepted():
    """``links`` may be a list of link strings."""
    line = json.dumps(
        {
            "id": "H1",
            "date": "2020-11-20",
            "kind": "territory-handover",
            "location": "Aghdam",
            "reported_by": "Reuters",
            "links": ["trilateral-2020#2/ts2020-2-aghdam:fulfils", "five-principles-2022#3:relevant"],
        }
    )
    event = one_event(line + "\n", ".jsonl")
    assert ";".join(str(link) for link in event.links) == LINKS


def test_jsonl_lines__bad_lines_rejected_with_line_numbers():
    """Non-object lines and bad JSON are rejected with their line; blank lines are skipped."""
    good = json.dumps({"id": "J1", "date": "2021-07-28", "kind": "statement", "reported_by": "Reuters"})
    good2 = json.dumps({"id": "J2", "date": "2021-07-29", "kind": "statement", "reported_by": "Reuters"})
    text = "\n".join([good, "[1, 2]", "", "42", '"a string"', "{bad json", "null", good2]) + "\n"
    items = read(text, ".jsonl")
    rejected = {r.origin.line: r.problems for r in records(items) if r.rejected}
    assert sorted(rejected) == [2, 4, 5, 6, 7]
    for line, problems in rejected.items():
        [problem] = problems
        assert (problem.file, problem.line, problem.field, problem.severity) == (
            "events.jsonl",
            line,
            "-",
            Severity.ERROR,
        )
    assert "got an array" in rejected[2][0].message
    assert "got a number" in rejected[4][0].message
    assert "not valid JSON" in rejected[6][0].message
    accepted = [(r.origin.line, r.event.id) for r in records(items) if r.event is not None]
    assert accepted == [(1, "J1"), (8, "J2")]


@pytest.mark.parametrize(
    ("field", "value"), [("fatalities", True), ("notes", {"text": "x"}), ("links", [1, 2])]
)
def test_jsonl_values__other_types_rejected(field, value):
    """Booleans, objects and lists of non-strings are rejected naming the field."""
    obj = {"id": "J1", "date": "2021-07-28", "kind": "statement", "reported_by": "Reuters", field: value}
    items = read(json.dumps(obj) + "\n", ".jsonl")
    assert [(p.line, p.field) for p in errors(items)] == [(1, field)]


def test_jsonl_fields__unknown_field_warned_once():
    """An unknown field is a warning, given once per file; the events are kept."""
    lines = [
        json.dumps(
            {
                "id": f"J{i}",
                "date": "2021-07-28",
                "kind": "statement",
                "reported_by": "Reuters",
                "colour": "red",
            }
        )
        for i in range(3)
    ]
    items = read("\n".join(lines) + "\n", ".jsonl")
    assert all(r.event is not None for r in records(items))
    warnings = [p for r in records(items) for p in r.problems if p.severity is Severity.WARNING]
    assert [(p.line, p.field) for p in warnings] == [(1, "colour")]


# --------------------------------------------------------------------------- ACLED


def acled_row(**fields: str) -> dict[str, str]:
    """One ACLED row with the 31 standard columns, realistic for the 2021 border clashes."""
    row = {
        "event_id_cnty": "ARM1271",
        "event_date": "2021-07-28",
        "year": "2021",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Azerbaijan (2003-)",
        "assoc_actor_1": "",
        "inter1": "1",
        "actor2": "Military Forces of Armenia (2018-)",
        "assoc_actor_2": "",
        "inter2": "1",
        "interaction": "11",
        "civilian_targeting": "",
        "iso": "51",
        "region": "Caucasus and Central Asia",
        "country": "Armenia",
        "admin1": "Ararat",
        "admin2": "",
        "admin3": "",
        "location": "Yeraskh",
        "latitude": "39.7553",
        "longitude": "44.7844",
        "geo_precision": "1",
        "source": "Ministry of Defence of Armenia",
        "source_scale": "National",
        "notes": "On 28 July 2021, military forces of Azerbaijan and Armenia clashed near Yeraskh "
        "(Ararat) on the border with Nakhchivan. According to the Armenian MoD, 3 soldiers were killed.",
        "fatalities": "3",
        "tags": "",
        "timestamp": "1628021520",
    }
    unknown = set(fields) - set(row)
    assert not unknown, unknown
    row.update(fields)
    return row


def acled_csv(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# The same clash on 28 July 2021, coded twice with the actor order reversed.
CLASH_AZE_FIRST = acled_row()
CLASH_ARM_FIRST = acled_row(
    event_id_cnty="AZE2077",
    actor1="Military Forces of Armenia (2018-)",
    actor2="Military Forces of Azerbaijan (2003-)",
    iso="31",
    country="Azerbaijan",
    admin1="Nakhchivan",
    location="Sadarak",
    latitude="39.7167",
    longitude="44.8833",
    source="Caucasian Knot",
    notes="On 28 July 2021, military forces of Armenia and Azerbaijan exchanged fire near Sadarak "
    "(Nakhchivan). According to Caucasian Knot, both sides accused each other of opening fire.",
    fatalities="0",
)
ORDERS = {
    "azerbaijan-first": [CLASH_AZE_FIRST],
    "armenia-first": [CLASH_ARM_FIRST],
    "both-orders": [CLASH_AZE_FIRST, CLASH_ARM_FIRST],
}


def test_acled_header__detected_by_event_id_cnty():
    """A CSV whose header has ``event_id_cnty`` is read as ACLED, with its 31 columns."""
    assert len(ACLED_COLUMNS) == 31
    items = read(acled_csv(CLASH_AZE_FIRST))
    assert errors(items) == []
    [record] = records(items)
    assert record.event is not None
    assert record.event.id == "ARM1271"
    assert record.event.reported_by == "ACLED (Ministry of Defence of Armenia)"
    assert record.event.source_url.startswith("https://")


def test_acled_row__every_field_of_the_event_in_its_place():
    """Each column lands in its own field of the event (the reader passes them by position)."""
    row = acled_row(
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Armenia)",
        inter1="6",
        actor2="Police Forces of Azerbaijan (2003-)",
        admin2="Masis",
        fatalities="0",
        time_precision="2",
    )
    [record] = records(read(acled_csv(row)))
    assert record.problems == ()
    assert record.event == Event(
        id="ARM1271",
        when=EventTime(date(2021, 7, 24), date(2021, 8, 1), Precision.APPROXIMATE),
        kind="protest",
        reported_by="ACLED (Ministry of Defence of Armenia)",
        reporter_party="ARM",
        source_url="https://acleddata.com/",
        actor="AZE",
        involved=(),
        target="ARM",
        location="Yeraskh, Masis",
        admin1="Ararat",
        coordinates=Coordinates(39.7553, 44.7844, 1),
        country="AM",
        reported_on=date(2021, 8, 3),
        incident="",
        fatalities=0,
        links=(),
        notes=row["notes"],
    )
    assert record.event.origin == record.origin == Origin("events.csv", 2)


@pytest.mark.parametrize("order", list(ORDERS))
def test_acled_battle__no_actor_both_parties_involved(order):
    """ACLED's actor order says nothing about who attacked: no actor, both parties involved."""
    items = read(acled_csv(*ORDERS[order]))
    assert errors(items) == []
    for record in records(items):
        event = record.event
        assert event is not None
        assert event.actor is None
        assert set(event.involved) == {"ARM", "AZE"}
        assert event.kind == "armed-clash"
        assert event.when == EventTime(date(2021, 7, 28), None, Precision.DAY)


@pytest.mark.parametrize("order", list(ORDERS))
def test_acled_battle__breach_links_contested_and_status_disputed(order):
    """Rule-made breach links to the ceasefire are contested; the status is disputed, never violated.

    A row whose only source is one side's ministry is not charged to that side (ARM1271, from
    Armenia's MoD, bears on Azerbaijan's obligation only); the border rows link with the caveat
    that point 1's scope is disputed there.
    """
    ledger = ledger_of(read(acled_csv(*ORDERS[order])))
    ids = {row["event_id_cnty"] for row in ORDERS[order]}
    assert {e.id for e in ledger.events} == ids
    charged = {"ts2020-1-ceasefire-aze": ids, "ts2020-1-ceasefire-arm": ids - {"ARM1271"}}
    assert {link.caveat for link in ledger.links} == {"outside the stated area, scope disputed"}
    for as_of in (date(2021, 12, 31), date(2023, 1, 1)):
        evaluation = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, as_of)
        for obligation in ("ts2020-1-ceasefire-aze", "ts2020-1-ceasefire-arm"):
            result = evaluation.result(obligation)
            mine = [e for e in result.evidence if e.event in ids]
            assert {e.event for e in mine} == charged[obligation]
            if not mine:
                continue
            for evidence in mine:
                assert evidence.effect is Effect.BREACHES
                assert evidence.basis == "unattributed-hostilities"
                assert evidence.grade in (Grade.CONTESTED, Grade.ALLEGED)
            assert result.status is Status.DISPUTED
        for result in evaluation.results:
            assert result.status is not Status.VIOLATED
            for evidence in result.evidence:
                if evidence.effect is Effect.BREACHES:
                    assert evidence.grade in (Grade.CONTESTED, Grade.ALLEGED)


@pytest.mark.parametrize(
    ("armenian_side", "note"),
    [
        ("Military Forces of Armenia (2018-)", "the source does not say who acted"),
        (
            "Military Forces of Artsakh",
            "the source does not say who acted; on the bearer's side it names only NK, not a bearer",
        ),
    ],
)
def test_acled_battle__a_clash_with_the_karabakh_armenian_forces_bears_on_both_ceasefire_duties(
    armenian_side: str, note: str
) -> None:
    """A clash between Azerbaijan's forces and the Karabakh Armenian forces whose source does not
    say who fired bore on Azerbaijan's ceasefire duty only: the same clash with a named Karabakh
    Armenian actor bears on Armenia's too (rule ``hostilities-by-aligned-forces``), so leaving it
    off charged one side with what the source left open. Synthetic row (the shape ACLED codes
    Karabakh clashes in); both duties now get it, contested, Armenia's with a note saying that
    the only party of its side the source names is not a bearer."""
    row = acled_row(
        event_id_cnty="AZE9101",
        event_date="2021-03-10",
        actor1="Military Forces of Azerbaijan (2003-)",
        actor2=armenian_side,
        country="Azerbaijan",
        admin1="Khojavend",
        location="Khojavend",
        latitude="39.7915",
        longitude="47.1126",
        source="Reuters",
        notes="synthetic: an exchange of fire whose source does not say who fired",
    )
    ledger = ledger_of(read(acled_csv(row)))
    links = {
        link.obligation: link for link in ledger.links if link.obligation.startswith("ts2020-1-ceasefire")
    }
    assert set(links) == {"ts2020-1-ceasefire-aze", "ts2020-1-ceasefire-arm"}
    assert links["ts2020-1-ceasefire-aze"].note == "the source does not say who acted"
    assert links["ts2020-1-ceasefire-arm"].note == note
    evaluation = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, date(2021, 12, 31))
    for obligation in links:
        assert evaluation.result(obligation).status is Status.DISPUTED


def test_acled_battle__actor_order_does_not_change_the_evaluation():
    """Swapping actor1 and actor2 of a row changes no status and no grade."""
    swapped = dict(CLASH_AZE_FIRST, actor1=CLASH_AZE_FIRST["actor2"], actor2=CLASH_AZE_FIRST["actor1"])
    outcomes = []
    for row in (CLASH_AZE_FIRST, swapped):
        ledger = ledger_of(read(acled_csv(row)))
        evaluation = evaluate(
            ledger.agreements, ledger.events, ledger.links, ledger.parties, date(2022, 1, 1)
        )
        outcomes.append(
            [(r.id, r.status, [(e.event, e.grade) for e in r.evidence]) for r in evaluation.results]
        )
    assert outcomes[0] == outcomes[1]


def test_acled_strategic_development__actor1_kept_as_actor():
    """A non-violent transfer of territory keeps actor1 as the actor and links the Aghdam handover."""
    row = acled_row(
        event_id_cnty="AZE1095",
        event_date="20 November 2020",
        year="2020",
        disorder_type="Strategic developments",
        event_type="Strategic developments",
        sub_event_type="Non-violent transfer of territory",
        actor1="Military Forces of Azerbaijan (2003-)",
        actor2="",
        inter2="0",
        interaction="10",
        iso="31",
        country="Azerbaijan",
        admin1="Aghdam",
        location="Aghdam",
        latitude="39.9911",
        longitude="46.9297",
        source="Reuters",
        notes="On 20 November 2020, the Azerbaijani army entered the Aghdam district, handed back by "
        "Armenia under the 10 November ceasefire statement.",
        fatalities="0",
        timestamp="1606000000",
    )
    items = read(acled_csv(row))
    assert errors(items) == []
    [record] = records(items)
    event = record.event
    assert event is not None
    assert event.actor == "AZE"
    assert event.involved == ()
    assert event.kind == "territory-handover"
    assert event.reporter_party == UNAFFILIATED
    assert event.reported_on == date(2020, 11, 21)
    ledger = ledger_of(items)
    assert Link("ts2020-2-aghdam", "AZE1095", Effect.FULFILS, "aghdam-handover") in ledger.links
    evaluation = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, date(2020, 12, 1))
    assert evaluation.result("ts2020-2-aghdam").status is Status.FULFILLED


def test_acled_time_precision__3_gives_month():
    """``time_precision`` 3 (ACLED: only the month is known) gives month precision."""
    row = acled_row(
        event_id_cnty="ARM1302",
        event_date="2021-05-15",
        time_precision="3",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        admin1="Syunik",
        location="Verin Shorzha",
        geo_precision="2",
    )
    event = one_event(acled_csv(row))
    assert event.when == EventTime(date(2021, 5, 1), date(2021, 5, 31), Precision.MONTH)
    assert event.kind == "shelling"


def test_acled_time_precision__2_gives_approximate():
    """``time_precision`` 2 (ACLED: the middle of the week) gives the day 4 days either side."""
    event = one_event(acled_csv(acled_row(time_precision="2")))
    assert event.when == EventTime(date(2021, 7, 24), date(2021, 8, 1), Precision.APPROXIMATE)


@pytest.mark.parametrize("geo", ["1", "2", "3"])
def test_acled_geo_precision__kept(geo):
    """``geo_precision`` is kept with the coordinates."""
    event = one_event(acled_csv(acled_row(geo_precision=geo)))
    assert event.coordinates == Coordinates(39.7553, 44.7844, int(geo))


def test_acled_location__location_and_admin2_joined():
    """The place is ACLED's location and admin2; admin1 is kept separately."""
    event = one_event(acled_csv(acled_row(admin2="Artashat")))
    assert (event.location, event.admin1) == ("Yeraskh, Artashat", "Ararat")


def test_acled_reporter__mixed_sources_are_unaffiliated():
    """Sources of both sides make ACLED's own, unaffiliated coding; one side's sources make its claim."""
    mixed = one_event(acled_csv(acled_row(source="Ministry of Defence of Armenia; Azerbaijan MoD")))
    assert mixed.reporter_party == UNAFFILIATED
    single = one_event(acled_csv(acled_row(source="Azerbaijan MoD; Ministry of Defence of Azerbaijan")))
    assert single.reporter_party == "AZE"


def test_acled_header__missing_required_column_reported():
    """An ACLED header without ``actor1`` gives a problem on line 1 naming the column."""
    header = [c for c in ACLED_COLUMNS if c != "actor1"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    writer.writerow(acled_row())
    items = read(out.getvalue())
    assert ("actor1", 1) in [(p.field, p.line) for p in errors(items)]


# --------------------------------------------------------------------------- round trip


_TEXT_CHARS = st.one_of(
    st.sampled_from(',"|;\n\r\t#`<>\\~'),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
)


def _text(min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text as build_event keeps it: stripped at both ends, no NUL; newlines inside are fine. A
    missing-value marker (``NA``, ``NaN``, ``N/A``) is an empty cell in our format, so a value
    that is one cannot be written and read back: it is drawn as the empty value it reads as."""
    text = st.text(_TEXT_CHARS, max_size=max_size).map(str.strip).map(stated)
    return text.map(lambda s: s or "r") if min_size else text


_IDS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Z"), blacklist_characters="\x00"),
    min_size=1,
    max_size=20,
).filter(lambda s: not any(c.isspace() for c in s) and not is_missing(s))
_DAYS = st.dates(date(1900, 1, 1), date(2100, 12, 31))
_ZONES = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
_INSTANTS = st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31, 23, 59, 59), timezones=_ZONES)
_SLUG = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,15}\Z")


@st.composite
def event_times(draw: st.DrawFn) -> EventTime:
    shape = draw(
        st.sampled_from(
            [
                "day",
                "month",
                "instant",
                "approximate",
                "approximate-instant",
                "interval",
                "interval-instant",
                "approximate-interval",
            ]
        )
    )
    if shape == "day":
        return EventTime(draw(_DAYS))
    if shape == "month":
        year, month = draw(st.integers(1900, 2100)), draw(st.integers(1, 12))
        following = date(year + month // 12, month % 12 + 1, 1)
        return EventTime(date(year, month, 1), following - timedelta(days=1), Precision.MONTH)
    if shape == "instant":
        return EventTime(draw(_INSTANTS), None, Precision.INSTANT)
    if shape == "approximate":
        return EventTime(draw(_DAYS), None, Precision.APPROXIMATE)
    if shape == "approximate-instant":
        return EventTime(draw(_INSTANTS), None, Precision.APPROXIMATE)
    if shape == "interval-instant":
        first = draw(_INSTANTS)
        last = draw(st.datetimes(first.replace(tzinfo=None), datetime(2100, 12, 31, 23, 59)))
        return EventTime(first, last.replace(tzinfo=first.tzinfo), Precision.INTERVAL)
    first, last = sorted(draw(st.lists(_DAYS, min_size=2, max_size=2)))
    return EventTime(
        first, last, Precision.APPROXIMATE if shape == "approximate-interval" else Precision.INTERVAL
    )


@st.composite
def explicit_links(draw: st.DrawFn) -> ExplicitLink:
    return ExplicitLink(
        draw(_SLUG),
        draw(st.from_regex(r"\A[0-9A-Za-z.]{1,4}\Z")),
        draw(st.sampled_from(Effect)),
        draw(st.none() | _SLUG),
    )


@st.composite
def events(draw: st.DrawFn) -> Event:
    """Valid events as our CSV and JSON Lines can carry them (no ``involved``, no geo precision)."""
    parties = st.sampled_from(["ARM", "AZE", "RUS"])
    when = draw(event_times())
    # Reported once it can have happened (dates after their own report are read with a warning),
    # and within the years a report date may have.
    latest = date(2100, 12, 31)
    reported = (
        st.integers(0, 400).map(lambda n: min(when.last_day + timedelta(days=n), latest))
        if when.last_day <= latest
        else st.none()
    )
    return Event(
        id=draw(_IDS),
        when=when,
        kind=draw(st.sampled_from(EVENT_KINDS)),
        reported_by=draw(_text(min_size=1)),
        reporter_party=draw(st.sampled_from(["ARM", "AZE", UNAFFILIATED])),
        source_url=draw(st.just("") | _text().map(lambda s: ("https://example.org/" + s).strip())),
        actor=draw(st.none() | parties),
        target=draw(st.none() | parties),
        location=draw(_text()),
        admin1=draw(_text()),
        coordinates=draw(
            st.none()
            | st.builds(
                Coordinates,
                st.floats(-90, 90, allow_nan=False),
                st.floats(-180, 180, allow_nan=False),
            )
        ),
        reported_on=draw(st.none() | reported),
        incident=draw(_text()),
        fatalities=draw(st.none() | st.integers(0, 9_999_999)),
        links=tuple(draw(st.lists(explicit_links(), max_size=3))),
        notes=draw(_text(max_size=200)),
    )


def _read_back(path: Path) -> list[Record | Problem]:
    return list(read_event_file(path, PARTIES.resolve, RESOLVE_REPORTER))


@given(st.lists(events(), min_size=1, max_size=6))
def test_roundtrip__csv_and_jsonl_give_back_the_events(originals):
    """Events written with event_to_row to our CSV and to JSON Lines read back equal."""
    with tempfile.TemporaryDirectory() as folder:
        csv_path, jsonl_path = Path(folder) / "events.csv", Path(folder) / "events.jsonl"
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(event_to_row(e) for e in originals)
        with jsonl_path.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(json.dumps(event_to_row(e), ensure_ascii=False) + "\n" for e in originals)
        for path in (csv_path, jsonl_path):
            items = _read_back(path)
            assert [p for r in records(items) for p in r.problems] == []
            assert [i for i in items if isinstance(i, Problem)] == []
            back = [r.event for r in records(items)]
            assert back == originals, path.suffix
            assert all(e is not None and e.origin is not None and e.origin.file == str(path) for e in back)


@pytest.mark.parametrize(
    ("when", "field"),
    [
        ("2022-12-12,2023-09-30", "date_end"),  # a range written to the end of a blockade (E060's shape)
        ("2023-01-05,", "date"),  # an act first possible after its own report
        ("2022-12-12,", None),
        ("2022-12,", None),  # a month reported in its course: read as written, no warning
        ("~2022-12-10,", None),  # an approximate day reported two days later
        ("2022-12-01,2022-12-12", None),
    ],
)
def test_dates_after_the_report__warned_on_the_field_and_read(when: str, field: str | None) -> None:
    """An account reported on 12 December 2022 cannot first happen later, and a `date_end` after
    its report date is read as a duration's end where it means the last possible day: a warning
    on that field, and the account is read as written (synthetic rows)."""
    text = (
        "id,date,date_end,kind,reported_by,reporter_party,reported_on,source_url\n"
        f"X1,{when},statement,Reuters,none,2022-12-12,https://example.org/x\n"
    )
    records = list(read_event_stream(io.StringIO(text), "t.csv", ".csv", PARTIES.resolve, RESOLVE_REPORTER))
    [record] = [r for r in records if isinstance(r, Record)]
    assert record.event is not None
    assert [(p.field, p.severity) for p in record.problems] == ([(field, Severity.WARNING)] if field else [])
