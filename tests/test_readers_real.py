"""Real ACLED exports of every vintage load: rows kept verbatim in tests/data/real/ (see its README.md)."""

from __future__ import annotations

import collections
import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.cli import main
from compliance.core.events import UNAFFILIATED, Event
from compliance.core.problems import Problem, Severity
from compliance.core.timeframe import EventTime, Precision
from compliance.linking.ledger import assemble
from compliance.linking.scope import is_domestic
from compliance.readers import Record, read_event_file, read_event_stream
from compliance.readers.acled_actors import actor_party
from tests.support import AGREEMENTS, PARTIES, RESOLVE_REPORTER

REAL = Path(__file__).resolve().parent / "data" / "real"
AFRICA_2016 = REAL / "acled-africa-2016-oldtypes.csv"
ASIA_2015 = REAL / "acled-asia-2015-uppercase.csv"
HDX_ARMENIA = REAL / "acled-hdx-armenia-2018-2020.csv"
HDX_ARMENIA_UNITS = REAL / "acled-hdx-armenia-units.csv"
MODERN_2024 = REAL / "acled-modern-2024.csv"
UCDP_API_2002 = REAL / "ucdp-ged-api-israel-2002.json"


def load(path: Path) -> tuple[list[Record], list[Problem]]:
    """Every record of a real file, and every problem (file-level and per record)."""
    items = list(read_event_file(path, PARTIES.resolve, RESOLVE_REPORTER))
    records = [item for item in items if isinstance(item, Record)]
    problems = [item for item in items if isinstance(item, Problem)]
    problems += [p for record in records for p in record.problems]
    return records, problems


def events(path: Path) -> dict[str, Event]:
    records, _ = load(path)
    return {r.event.id: r.event for r in records if r.event is not None}


def read_text(text: str, label: str = "cut.csv") -> list[Record | Problem]:
    return list(
        read_event_stream(io.StringIO(text, newline=""), label, ".csv", PARTIES.resolve, RESOLVE_REPORTER)
    )


def source_rows(path: Path) -> list[dict[str, str]]:
    """The file's rows as the csv module reads them (the HXL row of an HDX file included)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- whole real files


def test_real_africa_2016__every_row_read_with_old_types():
    """Africa 2016 (pandas index, alphabetical columns, ally_actor_*, old types): 500 rows, none rejected.

    At most 1% may be rejected, each for a real defect of its row. Inspected: no row of this file
    has a defect the reader must refuse (every date, type, coordinate and count is well-formed).
    """
    records, problems = load(AFRICA_2016)
    assert len(records) == 500
    assert [r.origin.line for r in records if r.rejected] == []
    assert problems == []
    countries = {r.event.country for r in records if r.event is not None}
    assert len(countries) == 35
    assert {"CD", "CG", "CI", "SD", "SS", "ZM"} <= countries, "ACLED's names where gwno is not in the table"
    kinds = collections.Counter(r.event.kind for r in records if r.event is not None)
    assert kinds == {
        "protest": 184,  # Riots/Protests
        "armed-clash": 132,  # Battle-No change of territory 106, Battle-Government regains territory 26
        "ceasefire-violation": 107,  # Violence against civilians
        "shelling": 46,  # Remote violence
        "other": 26,  # Strategic development
        "territory-handover": 5,  # Non-violent transfer of territory
    }


def test_real_asia_2015__upper_case_header_read():
    """Asia 2015 (UPPER-CASE names, CRLF, bare LF in NOTES, variant type spellings): no row rejected.

    At most 1% may be rejected, each for a real defect of its row. Inspected: none of the 195 kept
    rows has one; ``01-January-2015`` dates, ``GWNO`` and the capitalised types all read.
    """
    records, problems = load(ASIA_2015)
    assert len(records) == 195
    assert [r.origin.line for r in records if r.rejected] == []
    assert problems == []
    found = {r.event.id: r.event for r in records if r.event is not None}
    assert found["1BNG"].when.start == date(2015, 1, 1)
    assert found["1BNG"].kind == "protest"
    assert any("\n" in e.notes and "\r" not in e.notes for e in found.values()), "a bare LF in NOTES is kept"
    assert {e.country for e in found.values()} == {"BD", "IN", "MM", "LA", "KH", "NP", "PK", "LK", "TH", "VN"}


def test_real_hdx_armenia__tag_row_skipped_and_every_row_read():
    """The HDX Armenia file's HXL row is no record; its 113 rows load with no problem at all."""
    records, problems = load(HDX_ARMENIA)
    assert len(records) == 113
    assert records[0].origin.line == 3, "line 2 is the HXL row"
    assert problems == []
    found = events(HDX_ARMENIA)
    assert len(found) == 113
    assert {e.country for e in found.values()} == {"AM"}, "iso3 ARM"
    assert all(e.fatalities is None for e in found.values()), "the file has no fatalities column"


def test_real_hdx_armenia__timestamp_is_reported_on():
    """Each row's ``reported_on`` is the UTC day of its Unix ``timestamp``."""
    found = events(HDX_ARMENIA)
    rows = source_rows(HDX_ARMENIA)[1:]
    assert len(rows) == len(found)
    for row in rows:
        day = datetime.fromtimestamp(int(row["timestamp"]), tz=UTC).date()
        assert found[row["event_id_cnty"]].reported_on == day


def test_real_modern_2024__country_and_reported_on():
    """The current export: numeric ``iso`` 275 and 887 are PS and YE."""
    found = events(MODERN_2024)
    assert {k: e.country for k, e in found.items()} == {"PSE62716": "PS", "YEM93235": "YE"}
    for row in source_rows(MODERN_2024):
        day = datetime.fromtimestamp(int(row["timestamp"]), tz=UTC).date()
        assert found[row["event_id_cnty"]].reported_on == day


@pytest.mark.parametrize(
    "path", [AFRICA_2016, ASIA_2015, HDX_ARMENIA, MODERN_2024, UCDP_API_2002], ids=lambda p: p.name
)
def test_real__every_country_is_read_as_its_alpha_2_code_with_no_warning(path: Path):
    """Every real row's country is in the table, by its code (``iso``, ``iso3``, the four
    Gleditsch–Ward numbers it has) or its name (old ACLED's ``gwno`` and UCDP's ``country_id`` of
    other countries): none is left as the dataset's name, none draws a warning."""
    records, problems = load(path)
    assert [p for p in problems if p.field == "country"] == []
    countries = {r.event.country for r in records if r.event is not None}
    assert countries
    assert all(len(c) == 2 and c.isupper() for c in countries), countries


def test_real_ucdp_api_json__every_event_read():
    """UCDP API output (a JSON array, one event per line): 13 events, none rejected, countries by
    name (``country_id`` 666 and 660 are Gleditsch–Ward numbers the table does not have)."""
    records, problems = load(UCDP_API_2002)
    assert problems == []
    assert [r.origin.line for r in records] == list(range(2, 15)), "line 1 is the opening bracket"
    found = events(UCDP_API_2002)
    assert len(found) == 13
    assert collections.Counter(e.country for e in found.values()) == {"IL": 12, "LB": 1}
    assert collections.Counter(e.kind for e in found.values()) == {
        "armed-clash": 10,
        "ceasefire-violation": 3,
    }
    first = found["UCDP-175957"]  # Government of Israel - Civilians, 1 March 2002, best 1
    assert (first.when.start, first.fatalities, first.involved) == (date(2002, 3, 1), 1, ())


def test_ucdp_api_json__whole_array_on_one_line_and_bad_elements():
    """An array on one line is read element by element; an object without GED fields is rejected, named."""
    lines = UCDP_API_2002.read_text(encoding="utf-8").splitlines()
    one_line = "[" + " ".join(lines[1:3]) + ' {"id": "X1", "date": "2021-01-01"}]'
    items = list(
        read_event_stream(io.StringIO(one_line), "api.json", ".json", PARTIES.resolve, RESOLVE_REPORTER)
    )
    assert [r.event.id for r in items if isinstance(r, Record) and r.event] == ["UCDP-175957", "UCDP-175906"]
    [rejected] = [r for r in items if isinstance(r, Record) and r.rejected]
    assert rejected.problems[0].field == "date_start, date_end, type_of_violence, side_a, side_b"
    assert rejected.origin.line == 1


# --------------------------------------------------------------------------- dates as spreadsheets write them


def with_value(path: Path, event_id: str, **values: str) -> str:
    """SYNTHETIC: the header and the real row ``event_id`` of ``path``, with ``values`` changed."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    [row] = [r for r in rows if event_id in r]
    for name, value in values.items():
        row[header.index(name)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, row])
    return out.getvalue()


@pytest.mark.parametrize(
    "written",
    [
        "9/29/2020",  # Excel, US settings
        "29/09/2020",  # Excel, European settings
        "29.09.2020",
        "2020/09/29",
        "2020-09-29 00:00:00",  # pandas, a date column read as a date-time
        "2020-09-29T00:00:00",
        "2020-09-29 00:00:00.000",
        "9/29/2020 0:00",
    ],
)
def test_acled_event_date__spreadsheet_forms_whose_day_is_certain(written: str):
    """SYNTHETIC rows: real row ARM4887 (29 Sep 2020) with its ``event_date`` rewritten as a
    spreadsheet or pandas writes it. Each names one day, which is read; a midnight time without an
    offset is how a date-only column comes out of a date-time type, and means the day. A dotted
    date is told once, as in our format (docs/event-formats.md#dates-a-spreadsheet-rewrote)."""
    [record] = [
        r for r in read_text(with_value(HDX_ARMENIA, "ARM4887", event_date=written)) if isinstance(r, Record)
    ]
    dotted = (
        "dates written day.month.year are read day first, as that form always is: '29.09.2020' is "
        "2020-09-29; write dates as YYYY-MM-DD (ISO 8601), as there"
    )
    assert [(p.field, p.message, p.severity) for p in record.problems] == (
        [("event_date", dotted, Severity.WARNING)] if written == "29.09.2020" else []
    )
    assert record.event is not None
    assert record.event.when == EventTime(date(2020, 9, 29), None, Precision.DAY)


@pytest.mark.parametrize("written", ["12/5/2020", "2020-12-05 06:00:00", "12/5/2020 0:00"])
def test_acled_event_date__a_day_not_certain_is_refused_naming_file_line_and_field(written: str):
    """SYNTHETIC rows: real row ARM4966 (5 Dec 2020) with ``event_date`` rewritten. ``12/5/2020``
    is 12 May or 5 December, with or without a midnight time; 06:00 without an offset is no
    instant and not a day: each rejects the row with a problem naming the file, the line and
    ``event_date``."""
    items = read_text(with_value(HDX_ARMENIA, "ARM4966", event_date=written), label="excel.csv")
    [record] = [r for r in items if isinstance(r, Record)]
    assert record.rejected
    [problem] = record.problems
    assert (problem.file, problem.line, problem.field) == ("excel.csv", 2, "event_date")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("13/09/2022", "14/09/2022"),
        ("9/13/2022", "9/14/2022"),
        ("2022/09/13", "2022/09/14"),
        ("2022-09-13T00:00:00", "2022-09-14 00:00:00.000"),
    ],
)
def test_ucdp_dates__spreadsheet_forms_whose_day_is_certain(start: str, end: str):
    """SYNTHETIC rows: GED rows shaped as in tests/test_ucdp.py, dated 13–14 Sep 2022 as a
    spreadsheet writes dates; each is read as that interval."""
    from tests.test_ucdp import HEADER as GED_HEADER
    from tests.test_ucdp import row as ged_row

    text = GED_HEADER + ged_row("9100002", "Government of Armenia", "Government of Azerbaijan", start, end)
    [record] = [r for r in read_text(text, "ged.csv") if isinstance(r, Record)]
    assert record.problems == ()
    assert record.event is not None
    assert record.event.when == EventTime(date(2022, 9, 13), date(2022, 9, 14), Precision.INTERVAL)


# --------------------------------------------------------------------------- missing values and floats, as R and pandas write them


def one_record(text: str, label: str = "na.csv") -> Record:
    [record] = [r for r in read_text(text, label) if isinstance(r, Record)]
    return record


@pytest.mark.parametrize("marker", ["NA", "NaN", "nan", "N/A", "n/a"])
def test_acled_missing_value_markers__are_not_stated(marker: str):
    """SYNTHETIC rows: real rows of the Africa 2016 file (written by pandas) with a count or a
    coordinate replaced by how R (``NA``) or pandas (``NaN``) writes a missing value. It is read
    as an empty cell: no figure, no coordinates, and the row is kept."""
    deaths = one_record(with_value(AFRICA_2016, "8087RTA", fatalities=marker))
    assert deaths.problems == ()
    assert deaths.event is not None
    assert deaths.event.fatalities is None
    civilians = one_record(with_value(HDX_ARMENIA, "ARM4922", inter2=marker))  # Civilians (Armenia)
    assert civilians.event is not None
    assert civilians.event.target == "ARM"
    place = one_record(with_value(AFRICA_2016, "8016RTA", latitude=marker))
    assert place.problems == ()
    assert place.event is not None
    assert place.event.coordinates is None


def test_acled_integral_floats__are_their_integers():
    """SYNTHETIC rows: real rows with their numbers written as pandas writes an integer column
    that has a gap (``2.0``). Each is the integer: deaths, precision codes, country codes,
    ``inter2`` and the Unix time stamp."""
    deaths = one_record(
        with_value(AFRICA_2016, "8087RTA", fatalities="2.0", gwno="520.0", geo_precision="1.0")
    )
    assert deaths.problems == ()
    assert deaths.event is not None
    as_written = events(AFRICA_2016)["8087RTA"]  # fatalities 2, gwno 520, geo_precision 1
    assert (deaths.event.fatalities, deaths.event.country) == (2, as_written.country)
    assert deaths.event.coordinates is not None
    assert deaths.event.coordinates.precision == 1
    week = one_record(with_value(AFRICA_2016, "8016RTA", time_precision="2.0"))
    assert week.event is not None
    assert week.event.when.precision is Precision.APPROXIMATE
    real = events(HDX_ARMENIA)["ARM4922"]  # Civilians (Armenia), inter2 7
    stamp = _field(HDX_ARMENIA, "ARM4922", "timestamp") + ".0"
    shelling = one_record(with_value(HDX_ARMENIA, "ARM4922", inter2="7.0", timestamp=stamp))
    assert shelling.problems == ()
    assert shelling.event is not None
    assert (shelling.event.target, shelling.event.reported_on) == ("ARM", real.reported_on)
    assert real.target == "ARM"


def test_acled_counts__a_fraction_is_still_refused():
    """SYNTHETIC row: real row 8087RTA with ``fatalities`` 2.5. A count is whole: the row is
    rejected, naming the field, as before."""
    record = one_record(with_value(AFRICA_2016, "8087RTA", fatalities="2.5"))
    assert record.rejected
    assert [(p.field, p.line) for p in record.problems] == [("fatalities", 2)]


@pytest.mark.parametrize(
    ("written", "quoted"),
    [
        ("abc", "'abc'"),
        ("-1730000000", "'-1730000000'"),
        ("17300000000000", "'17300000000000'"),  # milliseconds
        ("0", "'0'"),
        ("852076799", "'852076799'"),  # 1996-12-31 23:59:59 UTC
        ("4133980800", "'4133980800'"),  # 2101-01-01 00:00:00 UTC
        ("1730758098.5", "'1730758098.5'"),
        ("1" * 30, "'11111111111111111111'…"),
    ],
)
def test_acled_timestamp__not_an_upload_time_is_warned_and_the_row_read_without_reported_on(
    written: str, quoted: str
):
    """SYNTHETIC rows: real row ARM4922 (HDX Armenia, ``timestamp`` in Unix seconds) with its
    ``timestamp`` replaced. Text, a negative number, milliseconds or a time before 1997 (when
    ACLED's data start) or after 2100 is no upload time: the row is read without ``reported_on``
    and a warning names the field and the value as written (before, none: ``--known-on`` kept the
    row by its event date, silently)."""
    record = one_record(with_value(HDX_ARMENIA, "ARM4922", timestamp=written), "ts.csv")
    assert record.event is not None
    assert record.event.reported_on is None
    assert [(p.file, p.line, p.field, p.severity) for p in record.problems] == [
        ("ts.csv", 2, "timestamp", Severity.WARNING)
    ]
    assert record.problems[0].message == (
        f"expected the Unix time in seconds of ACLED's upload, from 1997 to 2100, got {quoted}: "
        "the row is read without reported_on"
    )


@pytest.mark.parametrize(
    ("written", "day"),
    [("852076800", date(1997, 1, 1)), ("4133980799", date(2100, 12, 31)), ("", None), ("NA", None)],
)
def test_acled_timestamp__from_1997_to_2100_or_not_stated_is_read_without_a_problem(
    written: str, day: date | None
):
    """SYNTHETIC rows: real row ARM4922 with the first and last second taken, and no time stamp.
    The first second, in 1997, is an upload long before this event of 2020, which draws its own
    warning (``test_acled_timestamp__an_upload_before_the_event_is_warned_of``), not this one."""
    record = one_record(with_value(HDX_ARMENIA, "ARM4922", timestamp=written))
    assert [p for p in record.problems if "expected the Unix time" in p.message] == []
    assert [p.field for p in record.problems] == (["timestamp"] if day == date(1997, 1, 1) else [])
    assert record.event is not None
    assert record.event.reported_on == day


def test_acled_timestamp__validate_names_file_and_line_of_each_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """SYNTHETIC file: the header of the HDX Armenia file and its real rows ARM4922, ARM4921 and
    ARM4920, their ``timestamp`` replaced by ``abc``, ``-1730000000`` and ``17300000000000``.
    ``validate`` counted "0 error(s), 0 warning(s)" for them."""
    rows = list(csv.reader(io.StringIO(HDX_ARMENIA.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    changed = {"ARM4922": "abc", "ARM4921": "-1730000000", "ARM4920": "17300000000000"}
    kept = [r for r in rows if r[header.index("event_id_cnty")] in changed]
    for row in kept:
        row[header.index("timestamp")] = changed[row[header.index("event_id_cnty")]]
    path = tmp_path / "acled_ts.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *kept])
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "read 3, linked 0, unlinked 3, rejected 0" in err
    assert err.count(": timestamp: warning: expected the Unix time in seconds") == 3
    for line, value in enumerate((changed[r[header.index("event_id_cnty")]] for r in kept), start=2):
        assert f"{path}:{line}: timestamp: warning: " in err
        assert f"got {value!r}" in err
    assert "0 error(s), 3 warning(s)" in err


def _field(path: Path, event_id: str, name: str) -> str:
    [row] = [r for r in source_rows(path) if r["event_id_cnty"] == event_id]
    return row[name]


# --------------------------------------------------------------------------- other delimiters


def rewritten(path: Path, delimiter: str, line_end: str = "\n", bom: str = "") -> str:
    """SYNTHETIC: every record of a real file, unchanged, written with another delimiter (as
    Excel with European settings saves CSV: ``;``, with a byte-order mark and CRLF)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=line_end).writerows(rows)
    return bom + out.getvalue()


def summary(items: list[Record | Problem]) -> list[tuple[int, str | None, str, tuple[str, ...], object]]:
    return [
        (r.origin.line, r.event.id, r.event.kind, r.event.involved, r.event.when)
        for r in items
        if isinstance(r, Record) and r.event is not None
    ]


@pytest.mark.parametrize(
    ("delimiter", "line_end", "bom", "named"),
    [(";", "\r\n", "\ufeff", "';'"), (";", "\n", "", "';'"), ("\t", "\n", "", "tab")],
    ids=["excel-eu", "semicolon", "tab"],
)
def test_acled_semicolons__read_with_the_header_delimiter_and_one_warning(
    delimiter: str, line_end: str, bom: str, named: str
):
    """SYNTHETIC: the real HDX Armenia excerpt written with ``;`` (or tabs). The header has no comma
    and split on ``;`` is ACLED's: every record is read as from the comma file, the HXL row is no
    record, and one warning on line 1 names the delimiter."""
    comma = read_text(HDX_ARMENIA.read_text(encoding="utf-8"))
    items = read_text(rewritten(HDX_ARMENIA, delimiter, line_end, bom), "eu.csv")
    assert summary(items) == summary(comma)
    assert len(summary(items)) == 113
    records = [r for r in items if isinstance(r, Record)]
    assert len(records) == 113
    problems = [p for p in items if isinstance(p, Problem)] + [p for r in records for p in r.problems]
    [warning] = problems
    assert (warning.file, warning.line, warning.severity) == ("eu.csv", 1, Severity.WARNING)
    assert named in warning.message


def test_ucdp_and_our_csv_semicolons__read_with_the_header_delimiter():
    """SYNTHETIC: a GED row shaped as in tests/test_ucdp.py, and one of our rows, ``;``-separated;
    a quoted field holding ``;`` and a line end stays one field."""
    from tests.test_ucdp import HEADER as GED_HEADER
    from tests.test_ucdp import row as ged_row

    ged = rewritten_text(
        GED_HEADER
        + ged_row("9100002", "Government of Armenia", "Government of Azerbaijan", "2022-09-13", "2022-09-14")
    )
    [record] = [r for r in read_text(ged, "ged.csv") if isinstance(r, Record)]
    assert record.event is not None
    assert record.event.involved == ("ARM", "AZE")
    ours = 'id;date;kind;reported_by;notes\nD1;2021-07-28;other;Reuters;"one; two\nthree"\nD2;2021-07-29;other;Reuters;x\n'
    items = read_text(ours, "ours.csv")
    events = [r.event for r in items if isinstance(r, Record) and r.event is not None]
    assert [(e.id, e.notes) for e in events] == [("D1", "one; two\nthree"), ("D2", "x")]
    [warning] = [p for p in items if isinstance(p, Problem)]
    assert (warning.line, warning.severity) == (1, Severity.WARNING)


def rewritten_text(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_semicolons__an_unclosed_quote_costs_its_row_only():
    """As with commas, a stray quote in a ``;``-separated file rejects its own row, and the next is read."""
    text = 'id;date;kind;reported_by\nD1;2021-07-28;other;"Reuters\nD2;2021-07-29;other;Reuters\n'
    items = read_text(text, "ours.csv")
    records = [r for r in items if isinstance(r, Record)]
    assert [(r.origin.line, r.rejected) for r in records] == [(2, True), (3, False)]
    assert "unclosed quote" in records[0].problems[0].message


def test_semicolons__a_header_not_recognised_when_split_is_read_as_before():
    """A header without a comma that is no known header when split on ``;`` is one unknown column,
    as before: nothing is guessed."""
    items = read_text("alpha;beta\n1;2\n", "x.csv")
    problems = [p for p in items if isinstance(p, Problem)]
    assert ("alpha;beta", Severity.WARNING) in [(p.field, p.severity) for p in problems]


# --------------------------------------------------------------------------- reporters and targets


def test_real_hdx__one_ministrys_rows_are_that_partys_claims():
    """Rows sourced only by Armenia's MFA are ARM's claims; a mixed source list is ACLED's own coding."""
    found = events(HDX_ARMENIA)
    rows = source_rows(HDX_ARMENIA)[1:]
    by_source = collections.defaultdict(set)
    for row in rows:
        by_source[row["source"]].add(found[row["event_id_cnty"]].reporter_party)
    assert by_source["Ministry of Foreign Affairs of Armenia"] == {"ARM"}
    assert sum(r["source"] == "Ministry of Foreign Affairs of Armenia" for r in rows) == 36
    assert by_source["Ministry of Defence of Azerbaijan"] == {"AZE"}
    assert by_source["Tert; Ministry of Foreign Affairs of Armenia"] == {UNAFFILIATED}
    assert by_source["News Am; Ministry of Defence of Azerbaijan"] == {UNAFFILIATED}


def test_real_hdx__civilians_and_rioters_of_armenia_are_the_target():
    """``Civilians (Armenia)`` (inter2 7) and ``Rioters (Armenia)`` (inter2 5) as actor2 make ARM the
    target; in a protest or riot, so do ``Protesters (Armenia)`` or ``Rioters (Armenia)`` as actor1."""
    found = events(HDX_ARMENIA)
    crowds = {k: e.target for k, e in found.items() if e.kind == "protest"}
    assert len(crowds) == 49
    assert crowds["ARM4956"] == "ARM"  # Protesters (Armenia), Rioters (Armenia) (inter2 5)
    assert {crowds[k] for k in ("ARM4935", "ARM4929", "ARM4919", "ARM4918", "ARM4917")} == {"AZE"}
    assert set(crowds.values()) == {"ARM", "AZE"}  # actor1 Protesters (Azerbaijan) for those five
    targeted = {k for k, e in found.items() if e.target is not None and e.kind != "protest"}
    assert targeted == {
        "ARM4922",
        "ARM4909",
        "ARM4907",
        "ARM4903",
        "ARM4900",
        "ARM4888",
        "ARM4890",
    }
    assert {found[k].target for k in targeted} == {"ARM"}
    shelling = found["ARM4922"]  # Military Forces of Azerbaijan (2003-) and Civilians (Armenia)
    assert (shelling.actor, shelling.involved) == (None, ("AZE",))
    assert found["ARM4905"].target is None, "an unidentified armed group is not acted upon as civilians are"


def test_real_hdx__a_unit_after_the_years_names_the_units_party():
    """ACLED names a unit after the years: ``Military Forces of Azerbaijan (2003-) Special Forces``,
    ``Police Forces of Azerbaijan (2003-) Border Service``. The unit is that state's force, so the
    state is involved; ``Military Forces of Turkey (2016-)`` is Türkiye."""
    found = events(HDX_ARMENIA_UNITS)
    assert {k: (e.actor, e.involved) for k, e in found.items() if e.kind == "armed-clash"} == {
        "ARM4920": (None, ("ARM", "AZE")),  # assoc_actor_2 Military Forces of Armenia (2018-) Border Guard
        "ARM4412": (None, ("ARM", "AZE")),  # Military Forces of Azerbaijan (2003-) Special Forces
        "ARM3669": (None, ("ARM", "AZE")),  # Police Forces of Azerbaijan (2003-) Border Service
        "ARM3559": (None, ("ARM", "AZE")),  # Military Forces of Azerbaijan (2003-) Special Forces
    }
    turkish = events(HDX_ARMENIA)[
        "ARM4887"
    ]  # Military Forces of Turkey (2016-), Military Forces of Armenia (2018-)
    assert (turkish.actor, turkish.involved) == (None, ("ARM", "TUR"))
    # Not violent: actor1 is the actor, unit and all.
    assert found["ARM78"].actor == "RUS"  # Military Forces of Russia (2000-) Military Police
    assert found["ARM151"].actor == "ARM"  # Police Forces of Armenia (2018-) National Security Service
    protest = found["ARM3567"]  # Protesters (Armenia) with Former Military Forces of Armenia (2018-)
    assert (protest.actor, protest.target) == (None, "ARM")


def test_real_hdx__a_border_guard_attack_on_civilians_of_the_other_side_is_not_domestic():
    """ARM187: ``Military Forces of Armenia (2018-) Border Guard`` and ``Civilians (Azerbaijan)``.
    Armenia is involved and Azerbaijan the target: an event between the sides, not a domestic one.
    Arrests of Armenian civilians by Armenia's National Security Service (ARM151) stay domestic."""
    found = events(HDX_ARMENIA_UNITS)
    attack = found["ARM187"]
    assert (attack.actor, attack.involved, attack.target) == (None, ("ARM",), "AZE")
    assert not is_domestic(attack, PARTIES)
    arrests = found["ARM151"]
    assert (arrests.actor, arrests.target) == ("ARM", "ARM")
    assert is_domestic(arrests, PARTIES)


@pytest.mark.parametrize(
    ("sub_event_type", "actor", "involved"),
    [
        ("Agreement", "AZE", ("ARM", "AZE")),
        ("Change to group/activity", "AZE", ()),  # the row's own sub-event type: actor1 alone
    ],
)
def test_real_hdx__both_parties_to_an_agreement_are_involved_and_the_first_is_the_actor(
    sub_event_type: str, actor: str, involved: tuple[str, ...]
) -> None:
    """SYNTHETIC rows: real row ARM4892 (``Government of Armenia (2018-)`` alone) with Azerbaijan's
    government as ``actor1``, Armenia's as ``actor2``. As an ``Agreement`` both parties to it are
    ``involved`` (the other party was dropped), ``actor1``'s the actor as for other strategic
    developments, and neither is a target; other strategic developments keep ``actor1`` alone."""
    text = with_value(
        HDX_ARMENIA,
        "ARM4892",
        sub_event_type=sub_event_type,
        actor1="Government of Azerbaijan (2003-)",
        actor2="Government of Armenia (2018-)",
        inter2="1",
    )
    [record] = [item for item in read_text(text) if isinstance(item, Record)]
    assert record.event is not None
    event = record.event
    assert (event.actor, event.involved, event.target) == (actor, involved, None)


@pytest.mark.parametrize(
    ("event_id", "actor"),
    [
        ("ARM4940", "ARM"),  # Gyumri: Protesters (Armenia), Police Forces of Armenia (2018-)
        ("ARM4960", "ARM"),  # Yerevan: the same actors
        ("ARM4962", None),  # Vagharshapat: Protesters (Armenia) alone
        ("ARM4961", None),  # Gyumri: Protesters (Armenia) alone
        ("ARM4927", "ARM"),  # Yerevan riot: Rioters (Armenia), Police Forces of Armenia (2018-)
    ],
)
def test_real_hdx__a_protest_met_by_its_own_police_is_domestic_wherever_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], event_id: str, actor: str | None
):
    """Real rows of the HDX Armenia file, each alone in a file (header, HXL row and the row, as
    in the source). Real exports put the protesters in ``actor1`` and the police who intervened
    in ``actor2``: the police were lost (only ``actor1`` was read as the actor, only ``actor2``
    for people), and the reason depended on whether the gazetteer knew the town (Gyumri and
    Vagharshapat: "no party to the agreement involved"; Yerevan: "domestic event"). Now the
    police are the actor and the protesters' country the target, in either column: domestic."""
    lines = HDX_ARMENIA.read_text(encoding="utf-8").split("\n")
    [row] = [line for line in lines if line.split(",")[1] == event_id]
    path = tmp_path / f"{event_id}.csv"
    path.write_text("\n".join([*lines[:2], row]), encoding="utf-8")
    event = events(path)[event_id]
    assert (event.kind, event.actor, event.target, event.involved) == ("protest", actor, "ARM", ())
    assert is_domestic(event, PARTIES)
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "events: read 1, linked 0, unlinked 1, rejected 0\nunlinked: domestic event 1\n" in err


@pytest.mark.parametrize(
    ("name", "party"),
    [
        ("Military Forces of Azerbaijan (2003-)", "AZE"),
        ("Military Forces of Azerbaijan (2003-) Special Forces", "AZE"),
        ("Police Forces of Armenia (2008-2018) Special Investigation Service", "ARM"),
        ("Military Forces of Azerbaijan", "AZE"),
        ("Military Forces of Iran (1989-) Border Guard", "IRN"),  # a third state, not a side
        ("Former Military Forces of Armenia (2018-)", None),
        ("Former Government of Armenia (2008-2018)", None),
        ("Unidentified Armed Group (Armenia)", None),
        ("Civilians (Azerbaijan)", None),
    ],
)
def test_acled_actor_name__years_anywhere_and_a_trailing_unit(name: str, party: str | None):
    """The whole name is tried, then the name without its years, then the part before the years:
    a former force or an unidentified group is no party's, whatever its brackets say."""
    assert actor_party(name, PARTIES.resolve) == party


def test_real_africa__unregistered_countries_give_no_target():
    """``Civilians (Somalia)`` names no registered party: no target."""
    assert all(e.target is None for e in events(AFRICA_2016).values())


# --------------------------------------------------------------------------- truncated headers


def test_truncated_acled_header__one_problem_and_the_file_not_read():
    """A real ACLED header cut short gives exactly one problem, on line 1, naming the missing columns."""
    lines = AFRICA_2016.read_text(encoding="utf-8").split("\n", 1)
    cut = ",".join(lines[0].split(",")[:9])  # up to `country`: still ACLED by its distinctive columns
    items = read_text(cut + "\n" + lines[1], "africa.csv")
    assert [item for item in items if isinstance(item, Record)] == []
    [problem] = items
    assert isinstance(problem, Problem)
    assert (problem.file, problem.line) == ("africa.csv", 1)
    assert problem.field == "event_id_cnty, event_date, event_type, source"
    assert "not read" in problem.message
    # The file has 500 records; with the header cut short, multi-line notes can no longer be told
    # from unclosed quotes (the field count is the header's), so the count is only near it.
    count = int(re.search(r"none of its (\d+) row\(s\)", problem.message).group(1))  # type: ignore[union-attr]
    assert 500 <= count <= 510


def test_upper_case_acled_header_without_actor1__one_problem():
    """The Asia 2015 header without ACTOR1 is still recognised as ACLED: one problem, not one per row."""
    text = ASIA_2015.read_text(encoding="utf-8", errors="strict")
    header, rest = text.split("\r\n", 1) if "\r\n" in text else text.split("\n", 1)
    header = header.replace(",ACTOR1,", ",ACTOR_ONE,")
    items = read_text(header + "\r\n" + rest)
    assert len(items) == 1
    assert isinstance(items[0], Problem)
    assert (items[0].line, items[0].field) == (1, "actor1")


# --------------------------------------------------------------------------- --known-on

ILLUSTRATIVE = (  # not ACLED data: two invented rows shaped like the current export
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp\n"
    "AZE9101,2021-02-20,2021,1,Political violence,Battles,Armed clash,Military Forces of Azerbaijan (2003-),,"
    "State forces,Military Forces of Armenia (2018-),,State forces,State forces-State forces,,31,"
    "Caucasus and Central Asia,Azerbaijan,Khojavend,,,Khojavend/Martuni,,,2,Caucasian Knot,National,"
    "Illustrative row (not ACLED data).,0,,1614556800\n"
    "AZE9102,2021-02-21,2021,1,Political violence,Battles,Armed clash,Military Forces of Armenia (2018-),,"
    "State forces,Military Forces of Azerbaijan (2003-),,State forces,State forces-State forces,,31,"
    "Caucasus and Central Asia,Azerbaijan,Khojavend,,,Khojavend/Martuni,,,2,Caucasian Knot,National,"
    "Illustrative row (not ACLED data).,0,,1630454400\n"
)  # timestamps: 1 March 2021 and 1 September 2021 (UTC)


def _cited(path: Path, out: Path, *extra: str) -> list[str]:
    argv = [
        "report",
        "--events",
        str(path),
        "--as-of",
        "2021-12-31",
        "--format",
        "json",
        "--output",
        str(out),
    ]
    assert main([*argv, *extra]) == 0
    return sorted(e["id"] for e in json.loads(out.read_text(encoding="utf-8"))["events"])


def test_known_on__leaves_out_acled_rows_uploaded_later(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """``--known-on`` drops an ACLED row whose ``timestamp`` falls after that day and keeps the earlier one."""
    path = tmp_path / "acled.csv"
    path.write_text(ILLUSTRATIVE, encoding="utf-8")
    out = tmp_path / "report.json"
    assert _cited(path, out) == ["AZE9101", "AZE9102"]
    assert _cited(path, out, "--known-on", "2021-06-30") == ["AZE9101"]
    assert _cited(path, out, "--known-on", "2021-02-28") == []
    capsys.readouterr()


_UCDP_LINES = UCDP_API_2002.read_text(encoding="utf-8").splitlines()


@st.composite
def _mutated_ucdp_array(draw: st.DrawFn) -> str:
    """Real UCDP API lines, some cut short or with text spliced in, with or without the brackets."""
    lines = draw(st.lists(st.sampled_from(_UCDP_LINES), max_size=8))
    out = []
    for line in lines:
        cut = draw(st.integers(0, len(line)))
        out.append(
            draw(st.sampled_from([line, line[:cut], line[:cut] + draw(st.text(max_size=5)) + line[cut:]]))
        )
    return "[\n" + "\n".join(out) + draw(st.sampled_from(["", "\n]", "\n]\n"]))


@given(text=_mutated_ucdp_array())
def test_ucdp_api_json__broken_lines_give_records_and_problems(text: str):
    """Any mangling of real UCDP API lines gives records and problems, every rejection with its reason."""
    items = list(read_event_stream(io.StringIO(text), "api.json", ".json", PARTIES.resolve, RESOLVE_REPORTER))
    ledger = assemble(AGREEMENTS, PARTIES, items)
    acc = ledger.accounting
    assert acc.read == acc.linked + acc.unlinked + acc.rejected == sum(isinstance(i, Record) for i in items)
    for record in (i for i in items if isinstance(i, Record) and i.rejected):
        assert any(p.line == record.origin.line and p.severity is Severity.ERROR for p in record.problems)


def test_overlapping_exports__each_account_is_read_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Two downloads of the real HDX rows that overlap (rows 1–70 and 41–113, as two date windows
    give them): each account is read once, each row of the overlap is one rejected copy with a
    warning naming the file it is read from, the 30 listed as one cause, and the report is that
    of the rows read once. Every row here is linked to nothing, so the copies are compared
    without being kept."""
    with HDX_ARMENIA.open(encoding="utf-8", newline="") as handle:
        header, hxl, *body = list(csv.reader(handle))
    files = {"whole.csv": body, "a-2018-2019.csv": body[:70], "b-2019-2020.csv": body[40:]}
    for name, part in files.items():
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([header, hxl, *part])
    reports = []
    for names in (["whole.csv"], ["b-2019-2020.csv", "a-2018-2019.csv"]):
        out = tmp_path / f"{len(reports)}.json"
        argv = ["report", "--format", "json", "--output", str(out), "--as-of", "2025-12-31"]
        assert main([*argv, *(x for name in names for x in ("--events", str(tmp_path / name)))]) == 0
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    capsys.readouterr()
    once, twice = reports
    overlap = 30
    assert twice["accounting"] == {
        **once["accounting"],
        "read": len(body) + overlap,
        "rejected": overlap,
    }
    assert {k: v for k, v in twice.items() if k not in ("accounting", "problems")} == {
        k: v for k, v in once.items() if k not in ("accounting", "problems")
    }
    [copies] = [p for p in twice["problems"] if p["field"] == "event_id_cnty"]  # the export's id column
    assert copies == {
        "file": str(tmp_path / "b-2019-2020.csv"),  # read from a-…, by name
        "line": 3,
        "lines": list(range(3, 13)),  # the overlap is b's first rows, after the header and HXL lines
        "line_ranges": [[3, 3 + overlap - 1]],  # every copy: one run of consecutive lines
        "count": overlap,
        "field": "event_id_cnty",
        "message": "id given again, in a record identical to one read from "
        f"{tmp_path / 'a-2018-2019.csv'}: the account is read once",
        "severity": "warning",
    }


@pytest.mark.parametrize("kept", [1, 2, 5, 13])
def test_ucdp_api_json__an_array_cut_between_two_lines_is_an_error(kept: int, tmp_path: Path, capsys):
    """The real API array cut after ``kept`` whole lines (an interrupted download): each event read
    is still read, and one error on the last line says the file is cut short and events are
    missing. Every line being whole, it was read as the complete file with no problem at all."""
    lines = UCDP_API_2002.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "api.json"
    path.write_text("".join(lines[:kept]), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"events: read {kept - 1}, linked 0, unlinked {kept - 1}, rejected 0" in err
    assert f"{path}:{kept}: -: the JSON array is not closed: no ']' after this line" in err
    assert err.splitlines()[-1] == "1 error(s), 0 warning(s)"


@pytest.mark.parametrize("ending", ["]", "]\n", "]\n\n", "\n]\n"])
def test_ucdp_api_json__a_closed_array_is_no_problem(ending: str):
    """The whole real array, its closing bracket on a line of its own or after the last event."""
    lines = UCDP_API_2002.read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[:-1])
    texts = [body + ending, body + ending.strip() + "\n"]
    for text in texts:
        items = list(
            read_event_stream(io.StringIO(text), "api.json", ".json", PARTIES.resolve, RESOLVE_REPORTER)
        )
        assert [i for i in items if isinstance(i, Problem)] == []
        assert sum(isinstance(i, Record) and i.event is not None for i in items) == 13


NOT_UTF8 = (
    "not valid UTF-8: the file may be in another encoding (Windows-1252, Windows-1251, Latin-1 …); "
    "save it as UTF-8"
)


def test_encoding__a_file_in_windows_1252_says_to_save_it_as_utf8(tmp_path: Path, capsys):
    """The real HDX rows saved in Windows-1252, as a spreadsheet may save them ("Chînari"): each
    row holding such a byte is rejected, naming its field, and the one message the rows share
    says what is wrong with the file and what to do, not only "not valid UTF-8"."""
    text = HDX_ARMENIA.read_text(encoding="utf-8").replace("Chinari", "Chînari")
    path = tmp_path / "hdx.csv"
    path.write_bytes(text.encode("cp1252"))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    rows = sum("Chînari" in line for line in text.splitlines())
    assert rows > 1
    assert f"{path}: location: {NOT_UTF8} ({rows} rows; lines " in err


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_encoding__json_in_windows_1252_says_to_save_it_as_utf8(suffix: str, tmp_path: Path, capsys):
    """The same message for a JSON Lines file and a UCDP API array (a real event line)."""
    if suffix == ".jsonl":
        text = '{"id": "A1", "date": "2021-01-01", "kind": "other", "reported_by": "Göris TV"}\n'
        line = 1
    else:
        lines = UCDP_API_2002.read_text(encoding="utf-8").splitlines(keepends=True)
        text = lines[0] + lines[1].replace("Gaza", "Gäza", 1) + "".join(lines[2:])
        line = 2
    path = tmp_path / f"latin{suffix}"
    path.write_bytes(text.encode("cp1252"))
    assert main(["validate", str(path)]) == 1
    assert f"{path}:{line}: -: {NOT_UTF8}\n" in capsys.readouterr().err


def _api_files(tmp_path: Path) -> dict[str, tuple[Path, int]]:
    """The real rows as the two APIs answer, and as JSON Lines: each file with how many records
    it has (a line each)."""
    with MODERN_2024.open(encoding="utf-8", newline="") as handle:
        acled = list(csv.DictReader(handle))
    lines = UCDP_API_2002.read_text(encoding="utf-8").splitlines()
    ucdp = [json.loads(line.rstrip().removesuffix(",")) for line in lines[1:-1]]
    answers = {
        "acled-api.json": {"status": 200, "success": True, "count": 2, "data": acled},
        # a page too long to be one line the reader parses (SYNTHETIC: the real rows repeated)
        "acled-api-page.json": {"status": 200, "success": True, "count": 8000, "data": acled * 4000},
        "ucdp-api.json": {"TotalCount": len(ucdp), "TotalPages": 1, "Result": ucdp},
    }
    files = {}
    for name, answer in answers.items():
        (tmp_path / name).write_text(json.dumps(answer), encoding="utf-8")
        files[name] = (tmp_path / name, 1)
    for name, rows in (("acled.jsonl", acled), ("ucdp.jsonl", ucdp)):
        (tmp_path / name).write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        files[name] = (tmp_path / name, len(rows))
    return files


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (
            "acled-api.json",
            "an ACLED API response (status, success, data), not one of our events: save ACLED's data as CSV",
        ),
        (
            "acled-api-page.json",
            "an ACLED API response (status, success, data), not one of our events: save ACLED's data as CSV",
        ),
        (
            "ucdp-api.json",
            "a UCDP API response (TotalCount, Result), not one of our events: save its Result array",
        ),
        ("acled.jsonl", "an ACLED row in JSON, not one of our events: give ACLED data as CSV"),
        (
            "ucdp.jsonl",
            "a UCDP GED event in JSON Lines, not one of our events: give it as the UCDP API's array",
        ),
    ],
)
def test_json__an_api_answer_or_a_dataset_row_says_what_it_is(name: str, said: str, tmp_path: Path, capsys):
    """The real rows of ACLED and UCDP as their APIs answer, or written one per line: each
    record is rejected with one message saying what the file is and how to give it. Read as our
    events, they drew "required field is empty" for id, date, kind and reported_by and "unknown
    field is ignored" for each of their keys, which said nothing of the cause."""
    path, records = _api_files(tmp_path)[name]
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"events: read {records}, linked 0, unlinked 0, rejected {records}" in err
    problems = [line for line in err.splitlines() if line.startswith(str(path))]
    assert len(problems) == 1
    assert said in problems[0]
    assert "required field is empty" not in err
    assert "unknown field" not in err


@pytest.mark.parametrize("cut", [0.25, 0.5, 0.75])
def test_truncated_csv__a_short_last_row_says_the_file_may_be_cut_short(cut: float, tmp_path: Path, capsys):
    """The real HDX export cut in the middle of a row, as an interrupted download leaves it: the
    rows before it are read, and the last row's problem (too few fields, or a quote left open in
    its notes) says the file may be cut short. It said only "expected 28 fields as in the header,
    got 9", or that the next line is read as a new row, as for any broken row."""
    text = HDX_ARMENIA.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    last = lines[60]
    kept = "".join(lines[:60]) + last[: int(len(last) * cut)]
    path = tmp_path / "hdx.csv"
    path.write_text(kept, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    # (the unlinked rows are named on lines of their own, "FILE: unlinked: REASON (…)")
    [problem] = [
        line for line in err.splitlines() if line.startswith(str(path)) and ": unlinked: " not in line
    ]
    assert problem.startswith(f"{path}:61: -: ")
    assert problem.endswith(
        "the file may be cut short (an interrupted download or copy?) and the rows after it missing"
    )
    said = "unclosed quote" if kept.count('"') % 2 else "expected 28 fields as in the header, got "
    assert said in problem
    assert "events: read 59, linked 0, unlinked 58, rejected 1" in err


def test_truncated_csv__a_short_row_before_the_last_is_only_short():
    """A row short of fields with rows after it is a broken row, not a cut: no such words."""
    lines = HDX_ARMENIA.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5][:40] + "\n"
    items = list(
        read_event_stream(io.StringIO("".join(lines)), "hdx.csv", ".csv", PARTIES.resolve, RESOLVE_REPORTER)
    )
    [record] = [r for r in items if isinstance(r, Record) and r.rejected]
    assert record.origin.line == 6
    assert record.problems[0].message.startswith("expected 28 fields as in the header, got ")
    assert "cut short" not in record.problems[0].message


@pytest.mark.parametrize("name", ["ucdp-download", "ucdp.txt"])
def test_unnamed_format__json_with_no_json_name_is_read_as_json(name: str, tmp_path: Path, capsys):
    """The real UCDP API array, and JSON Lines, in a file whose name gives no format (saved by
    ``curl -o``, or piped to ``--events -``, which has no name): read by what the first line opens
    with. Read as CSV, the array gave 14 rejected records and a problem about a column named '['."""
    path = tmp_path / name
    path.write_bytes(UCDP_API_2002.read_bytes())
    assert main(["validate", str(path)]) == 0
    assert "events: read 13, linked 0, unlinked 13, rejected 0" in capsys.readouterr().err
    line = '{"id": "J1", "date": "2021-07-28", "kind": "statement", "reported_by": "Reuters", "reporter_party": "none"}\n'
    items = list(read_event_stream(io.StringIO(line), "-", "", PARTIES.resolve, RESOLVE_REPORTER))
    assert [(r.origin.line, r.event.id) for r in items if isinstance(r, Record) and r.event] == [(1, "J1")]
    assert [i for i in items if isinstance(i, Problem)] == []


@pytest.mark.parametrize(
    ("name", "line", "said"),
    [
        ("acled-api.json", 1, "an ACLED API response (status, success, data)"),
        ("ucdp-api.json", 1, "a UCDP API response (TotalCount, Result)"),
        ("ucdp-array.json", 2, "save the array with one event per line"),
        ("ours.jsonl", 1, "write one event object per line (JSON Lines)"),
    ],
)
def test_json__a_document_written_over_many_lines_is_one_problem(
    name: str, line: int, said: str, tmp_path: Path, capsys
):
    """The real rows as ``json.dump(..., indent=2)`` writes them: one error saying the file is a
    JSON document over many lines, naming the API whose answer it is, and no record. Each of its
    lines was a rejected record ("not valid JSON: Extra data …"): 76 for ACLED's answer of 2 events."""
    files = _api_files(tmp_path)
    documents = {
        "acled-api.json": json.loads(files["acled-api.json"][0].read_text(encoding="utf-8")),
        "ucdp-api.json": json.loads(files["ucdp-api.json"][0].read_text(encoding="utf-8")),
    }
    documents["ucdp-array.json"] = documents["ucdp-api.json"]["Result"]
    documents["ours.jsonl"] = {
        "id": "J1",
        "date": "2021-07-28",
        "kind": "statement",
        "reported_by": "Reuters",
    }
    path = tmp_path / f"pretty-{name}"
    path.write_text(json.dumps(documents[name], indent=2), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "events: read 0, linked 0, unlinked 0, rejected 0" in err
    [problem] = [p for p in err.splitlines() if p.startswith(str(path))]
    assert problem.startswith(
        f"{path}:{line}: -: a JSON document written over several lines, not one object per line"
    )
    assert said in problem


@pytest.mark.parametrize(
    ("uploaded", "warned"),
    [("2024-10-30", True), ("2024-10-31", False), ("2024-11-01", False), ("2024-11-02", False)],
)
def test_acled_timestamp__an_upload_before_the_event_is_warned_of(uploaded: str, warned: bool):
    """The real row PSE62716 (1 November 2024) with its time stamp moved to midnight UTC of
    ``uploaded``. Uploaded two days before its event or more, one of its dates is wrong: a warning
    on ``timestamp`` says so, and the row is read as written (it was read without a word, known
    before it happened). A day before is no error: the time stamp's day is UTC's, the event's
    the place's."""
    seconds = int(datetime.fromisoformat(uploaded).replace(tzinfo=UTC).timestamp())
    text = with_value(MODERN_2024, "PSE62716", timestamp=str(seconds))
    items = list(read_event_stream(io.StringIO(text), "m.csv", ".csv", PARTIES.resolve, RESOLVE_REPORTER))
    [record] = [r for r in items if isinstance(r, Record)]
    assert record.event is not None
    assert record.event.reported_on == date.fromisoformat(uploaded)
    found = [(p.line, p.field, p.severity) for p in record.problems]
    assert found == ([(2, "timestamp", Severity.WARNING)] if warned else [])
    if warned:
        assert record.problems[0].message == (
            "ACLED uploaded the row on 2024-10-30, before the event's first possible day 2024-11-01: "
            "event_date or timestamp is wrong; the row is read as written"
        )
