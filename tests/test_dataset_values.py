"""Values of ACLED and UCDP GED rows as a researcher's files hold them, after other hands.

The rows are illustrative, shaped like the datasets' exports; they are not real records. Each test
names what a value read wrongly would do to the report: a date made more precise than the source
gave it, a problem naming a column the value is not in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from compliance.core.problems import Severity
from compliance.core.timeframe import Precision
from compliance.load.agreement_files import load_agreement_file
from tests.support import ledger_from_csv
from tests.test_readers import acled_csv, acled_row
from tests.test_ucdp import HEADER as GED_HEADER
from tests.test_ucdp import row as ged_row

AZE, ARM = "Government of Azerbaijan", "Government of Armenia"


def test_ucdp_dates__a_month_is_the_whole_month_not_its_first_day() -> None:
    """``2021-11`` (or ``November 2021``) in ``date_start`` and ``date_end`` spans 1–30 November.

    Read as its first day, the month became the exact day 1 November 2021, which no source gave:
    an account of a clash some time in November then read as one before a mid-month text.
    """
    text = (
        GED_HEADER
        + ged_row("301", AZE, ARM, "2021-11", "2021-11")
        + ged_row("302", AZE, ARM, "November 2021", "")
    )
    text += ged_row("303", AZE, ARM, "2021-11-16", "2021-12")
    ledger = ledger_from_csv(text, "ged.csv")
    assert ledger.problems == ()
    spans = {e.id: (e.when.first_day, e.when.last_day) for e in ledger.events}
    assert spans == {
        "UCDP-301": (date(2021, 11, 1), date(2021, 11, 30)),
        "UCDP-302": (date(2021, 11, 1), date(2021, 11, 30)),
        "UCDP-303": (date(2021, 11, 16), date(2021, 12, 31)),
    }
    assert all(e.when.precision is not Precision.DAY for e in ledger.events)


def test_ucdp_dates__a_bad_date_end_is_named_as_date_end() -> None:
    """A problem in ``date_end`` names ``date_end``, the cell to correct, not ``date_start``."""
    text = GED_HEADER + ged_row("311", AZE, ARM, "2021-11-16", "2021-02-30")
    ledger = ledger_from_csv(text, "ged.csv")
    assert ledger.accounting.rejected == 1
    assert [(p.line, p.field) for p in ledger.problems] == [(2, "date_end")]
    assert "February 2021 has 28 days" in ledger.problems[0].message


def test_ucdp_dates__one_day_given_twice_is_that_day() -> None:
    """``date_end`` repeating ``date_start`` is one day, as before: exact, not an interval."""
    ledger = ledger_from_csv(GED_HEADER + ged_row("321", AZE, ARM, "2021-11-16", "2021-11-16"), "ged.csv")
    (event,) = ledger.events
    assert (event.when.start, event.when.end, event.when.precision) == (
        date(2021, 11, 16),
        None,
        Precision.DAY,
    )


def test_acled_time_precision__an_unknown_code_rejects_the_row_naming_the_column() -> None:
    """ACLED's ``time_precision`` is 1 (day), 2 (week) or 3 (month). Any other code (``4``, ``0``,
    ``x``) was read as the day: the account then claimed the source's exactest date, which the code
    does not say. Such a row is rejected, naming ``time_precision``; empty, R's ``NA`` and pandas'
    ``2.0`` are read as before."""
    bad = [
        acled_row(event_id_cnty=f"ARM90{n}", time_precision=code) for n, code in enumerate(("4", "0", "x"))
    ]
    good = [
        acled_row(event_id_cnty="ARM911", time_precision=""),
        acled_row(event_id_cnty="ARM912", time_precision="NA"),
        acled_row(event_id_cnty="ARM913", time_precision="2.0"),
    ]
    ledger = ledger_from_csv(acled_csv(*bad, *good), "acled.csv")
    assert ledger.accounting.read == 6
    assert ledger.accounting.rejected == 3
    assert [(p.line, p.field) for p in ledger.problems] == [
        (2, "time_precision"),
        (3, "time_precision"),
        (4, "time_precision"),
    ]
    assert "expected 1 (day), 2 (week) or 3 (month), got '4'" in ledger.problems[0].message
    precision = {e.id: e.when.precision for e in ledger.events}
    assert precision == {"ARM911": Precision.DAY, "ARM912": Precision.DAY, "ARM913": Precision.APPROXIMATE}


def test_dataset_coordinates__each_bad_value_is_named_in_its_own_column() -> None:
    """A longitude out of range was reported under ``latitude``, and a decimal comma (``40,5``,
    as a spreadsheet with European settings writes it) as Python's "could not convert string to
    float". Each bad value names its column and says what is expected, in ACLED and UCDP GED."""
    acled = acled_csv(
        acled_row(event_id_cnty="ARM921", longitude="200"),
        acled_row(event_id_cnty="ARM922", latitude="40,5"),
        acled_row(event_id_cnty="ARM923", latitude="1.2.3"),
    )
    ledger = ledger_from_csv(acled, "acled.csv")
    assert [(p.line, p.field) for p in ledger.problems] == [
        (2, "longitude"),
        (3, "latitude"),
        (4, "latitude"),
    ]
    assert all("convert" not in p.message for p in ledger.problems)
    assert "got '40,5'" in ledger.problems[1].message
    ged = GED_HEADER + ged_row("331", AZE, ARM, "2021-11-16", "2021-11-16").replace("44.7844", "244.7844")
    (problem,) = ledger_from_csv(ged, "ged.csv").problems
    assert (problem.line, problem.field) == (2, "longitude")


def test_dates__a_day_its_month_lacks_written_in_words_says_so() -> None:
    """``30 February 2021`` is refused as ``2021-02-30`` is, with the calendar's reason. It was
    "not a date (use YYYY-MM-DD, YYYY-MM or e.g. 16 November 2021)": refused in the very form the
    message asks for, and a researcher looked for a typo in the wrong place."""
    dates = ("30 February 2021", "31-Jun-2021", "February 30, 2021")
    rows = [acled_row(event_id_cnty=f"ARM93{n}", event_date=text) for n, text in enumerate(dates)]
    ledger = ledger_from_csv(
        acled_csv(*rows, acled_row(event_id_cnty="ARM939", event_date="28 February 2021"))
    )
    assert [(p.line, p.field) for p in ledger.problems] == [
        (2, "event_date"),
        (3, "event_date"),
        (4, "event_date"),
    ]
    assert [p.message for p in ledger.problems] == [
        "not a calendar date: '30 February 2021': February 2021 has 28 days",
        "not a calendar date: '31-Jun-2021': June 2021 has 30 days",
        "not a calendar date: 'February 30, 2021': February 2021 has 28 days",
    ]
    assert [e.when.start for e in ledger.events] == [date(2021, 2, 28)]


def test_misnamed__a_csv_named_json_or_json_named_csv_is_one_problem_naming_the_cause() -> None:
    """An ACLED export saved as ``.json`` (the API asked for ``export_type=csv``) gave one rejected
    record per row, each "not valid JSON: Expecting value", and a UCDP API array saved as
    ``.csv`` a header problem about a column named ``[{"id": 1``. Neither said what was wrong.
    Now one error on line 1 says what the first line is and which name reads it; the file is
    not read, and its lines count as no record."""
    acled = acled_csv(acled_row(), acled_row(event_id_cnty="ARM941"))
    ucdp_array = '[\n{"id": 1, "date_start": "2021-11-16"},\n{"id": 2}\n]\n'
    cases = (
        (acled, "export.json", "its first line is an ACLED header: name it .csv to read it"),
        (acled, "export.jsonl", "its first line is an ACLED header: name it .csv to read it"),
        (ucdp_array, "ged.csv", "its first line opens a JSON array: name it .json to read it"),
        ('{"id": "A1"}\n', "mine.csv", "its first line opens a JSON object: name it .jsonl to read it"),
    )
    for text, name, says in cases:
        ledger = ledger_from_csv(text, name, suffix=name[name.rindex(".") :])
        assert ledger.accounting.read == 0, name
        (problem,) = ledger.problems
        assert (problem.line, problem.field) == (1, "-")
        assert says in problem.message
        assert "the file is not read" in problem.message


def test_toml_encoding__an_agreement_file_not_in_utf8_says_what_to_do(tmp_path: Path) -> None:
    """An agreement, registry or gazetteer file saved as UTF-16 (Notepad's "Unicode") or Latin-1
    said only "not valid UTF-8 at byte 0". The problem now says what the file looks like and to
    save it as UTF-8, as an event file's does."""
    text = (Path(__file__).parent.parent / "agreements" / "sochi-2021.toml").read_text(encoding="utf-8")
    utf16, latin1 = tmp_path / "utf16.toml", tmp_path / "latin1.toml"
    utf16.write_bytes(text.encode("utf-16"))
    latin1.write_bytes(text.replace("Sochi", "Söchi", 1).encode("latin-1", "replace"))
    _, problems = load_agreement_file(utf16)
    assert [(p.line, p.message) for p in problems] == [
        (0, "looks like UTF-16 text (a byte order mark): save it as UTF-8")
    ]
    _, problems = load_agreement_file(latin1)
    (problem,) = problems
    assert problem.line == 1 + text[: text.index("Sochi")].count("\n")
    assert problem.message.endswith("may be in another encoding (Windows-1252, Latin-1 …); save it as UTF-8")


def test_joined_files__a_repeated_header_is_one_warning_and_no_record() -> None:
    """Two exports joined one after the other (``cat a.csv b.csv``) hold the header again. It was
    read as data: a rejected record with a problem per column ("unknown ACLED event type
    'event_type'", "not a date: 'date'") that never named the cause. Now it is one warning on
    its line and no record, in ACLED (with HDX's tag row after it), UCDP GED and our CSV."""
    acled = acled_csv(acled_row())
    header, body = acled.split("\n", 1)
    tags = "#event+code" + "," * (header.count(","))
    joined = (
        f"{header}\n{tags}\n{body}{header.upper()}\n{tags}\n"
        + acled_csv(acled_row(event_id_cnty="ARM951")).split("\n", 1)[1]
    )
    ged = GED_HEADER + ged_row("341", AZE, ARM, "2021-11-16", "2021-11-16")
    ged += GED_HEADER + ged_row("342", AZE, ARM, "2021-11-17", "2021-11-17")
    ours = "id,date,kind,actor,location,reported_by,reporter_party,source_url\n"
    ours += "X1,2021-11-16,armed-clash,AZE,Yeraskh,Ministry of Defence of Armenia,ARM,https://example.org/1\n"
    ours = ours + ours
    for text, name, line in ((joined, "acled.csv", 4), (ged, "ged.csv", 3), (ours, "mine.csv", 3)):
        ledger = ledger_from_csv(text, name)
        warnings = [
            (p.line, p.field, p.severity) for p in ledger.problems if "repeats the header" in p.message
        ]
        assert warnings == [(line, "-", Severity.WARNING)], name
        assert ledger.accounting.rejected == (1 if name == "mine.csv" else 0), name  # mine: a copy of X1
        assert ledger.accounting.read == 2, name
        assert [p for p in ledger.problems if p.severity is Severity.ERROR] == [], name


def test_cut_file__a_cut_inside_a_note_over_lines_is_one_record() -> None:
    """A download cut inside an ACLED note that runs over lines left the note's first line as one
    rejected record ("the next line is read as a new row") and each later fragment as another
    ("expected 31 fields"): one record more than the file holds, and two messages for one cut.
    It is one rejected record, on the line the record starts, saying the file may be cut short."""
    whole = acled_csv(
        acled_row(event_id_cnty="ARM961"),
        acled_row(event_id_cnty="ARM962", notes="First line of the note.\nSecond line.\nThird line."),
    )
    cut = whole[: whole.index("Second line.") + len("Second")]
    ledger = ledger_from_csv(cut, "acled.csv")
    assert (ledger.accounting.read, ledger.accounting.rejected) == (2, 1)
    (problem,) = ledger.problems
    assert (problem.line, problem.field) == (3, "-")
    assert "still open at the end of the file" in problem.message
    assert "cut short" in problem.message


def test_cut_file__a_stray_quote_before_rows_with_notes_over_lines_costs_only_its_row() -> None:
    """What a cut is told apart from: a stray quote still costs its own row only, also when every
    row after it holds a note over two lines, and the rows after it are read."""
    rows = [acled_row(event_id_cnty="ARM970", notes='A stray "quote')]
    rows += [acled_row(event_id_cnty=f"ARM97{n}", notes=f"Note {n}.\nIts second line.") for n in range(1, 4)]
    text = acled_csv(*rows).replace('"A stray ""quote"', '"A stray ""quote')
    ledger = ledger_from_csv(text, "acled.csv")
    assert [(p.line, p.field) for p in ledger.problems] == [(2, "-")]
    assert sorted(e.id for e in ledger.events) == ["ARM971", "ARM972", "ARM973"]
    assert (ledger.accounting.read, ledger.accounting.rejected) == (4, 1)


def test_unknown_column__is_named_as_the_file_spells_it() -> None:
    """An unknown column of our CSV was named in lower case (``'rowkey'`` for ``RowKey``): a name
    not in the file, and a search for it found nothing. It is named as the file spells it."""
    text = "id,date,kind,reported_by,RowKey, Colour \nA1,2021-07-28,statement,Reuters,1,red\n"
    ledger = ledger_from_csv(text, "mine.csv")
    assert sorted((p.field, p.message) for p in ledger.problems) == [
        ("Colour", "unknown column 'Colour' is ignored"),
        ("RowKey", "unknown column 'RowKey' is ignored"),
    ]
