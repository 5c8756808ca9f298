"""Agreement files and single fields under attack: cycles, many bad obligations, odd digits and keys.

The agreement texts are built here; the linear behaviour of locating problems is checked by
counting how often a text is indexed, not by timing.
"""

from __future__ import annotations

import json

import pytest

import compliance.load.agreement_files as agreement_files
import compliance.load.checks as checks
from compliance.core.problems import Severity
from compliance.load.agreement_files import Locator, load_agreement_text, locate
from compliance.load.checks import check_agreements
from tests.support import PARTIES, ledger_from_csv, rows

HEAD = """\
id = "test-cycles-2021"
title = "A test statement"
short_title = "Test statement"
date = 2021-01-11
nature = "joint-declaration"
signatories = ["ARM", "AZE", "RUS"]
utc_offset = "+03:00"
sources = ["https://example.org/statement"]

[[articles]]
number = "1"
title = "One"
text = "The parties shall do things."
source = "https://example.org/statement"
"""


def obligation(ob_id: str, extra: str = "", article: str = "1", bearer: str = "ARM") -> str:
    return f"""
[[obligations]]
id = "{ob_id}"
article = "{article}"
summary = "Something is done."
bearers = ["{bearer}"]
modality = "obligation"
kind = "achievement"
in_force = 2021-01-11
{extra}
"""


def after(other: str, relation: str = "after") -> str:
    return f'depends_on = [{{ relation = "{relation}", obligation = "{other}" }}]'


def problems_of(text: str) -> list[str]:
    agreement, problems = load_agreement_text(text, "test.toml")
    assert agreement is not None, problems
    return [f"{p.line}: {p.message}" for p in check_agreements([(agreement, "test.toml", text)], PARTIES)]


# --------------------------------------------------------------------------- agreement files


def test_cycles__a_loop_of_dependencies_is_one_problem_naming_it():
    """a after b, b after c, c parallel a: one problem that names the cycle, on the first one's line."""
    text = HEAD + obligation("t-a", after("t-b")) + obligation("t-b", after("t-c"))
    text += obligation("t-c", after("t-a", "parallel")) + obligation("t-d", after("t-a"))
    found = problems_of(text)
    assert len(found) == 1
    assert "cycle" in found[0]
    assert "t-a → t-b → t-c → t-a" in found[0]
    line = locate(text, "$.obligations[0].depends_on")
    assert text.splitlines()[line - 1].startswith('depends_on = [{ relation = "after", obligation = "t-b"')
    assert found[0].startswith(f"{line}: ")


def test_cycles__two_obligations_parallel_to_each_other_are_not_a_cycle():
    """The documented tie (each parallel to the other) draws no problem; each 'after' the other does."""
    tied = HEAD + obligation("t-a", after("t-b", "parallel")) + obligation("t-b", after("t-a", "parallel"))
    assert problems_of(tied) == []
    locked = HEAD + obligation("t-a", after("t-b")) + obligation("t-b", after("t-a"))
    assert ["cycle" in p for p in problems_of(locked)] == [True]


def test_locate__many_bad_obligations_index_the_text_once(monkeypatch):
    """300 obligations with 2 errors each, and 300 misspelt keys: one index per text, every line right."""
    built: list[int] = []

    class Counting(Locator):
        def __init__(self, text: str) -> None:
            built.append(len(text))
            super().__init__(text)

    monkeypatch.setattr(checks, "Locator", Counting)
    monkeypatch.setattr(agreement_files, "Locator", Counting)
    text = HEAD + "".join(obligation(f"t-{i}", article="9", bearer="XXX") for i in range(300))
    found = problems_of(text)
    assert len(found) == 600
    assert len(built) == 1
    lines = text.splitlines()
    article_lines = [n + 1 for n, line in enumerate(lines) if line == 'article = "9"']
    assert sorted({int(p.split(":")[0]) for p in found if "unknown article" in p}) == article_lines
    misspelt = HEAD + "".join(obligation(f"t-{i}", "deadlne = 2021-03-01") for i in range(300))
    built.clear()
    agreement, problems = load_agreement_text(misspelt, "bad.toml")
    assert agreement is None
    assert len(problems) == 300
    assert len(built) == 1
    assert all(p.line == locate(misspelt, f"{p.field}.deadlne") for p in problems)  # the key's own line
    assert {misspelt.splitlines()[p.line - 1] for p in problems} == {"deadlne = 2021-03-01"}


# --------------------------------------------------------------------------- fields


@pytest.mark.parametrize("field", ["date", "date_end"])
def test_years__outside_1900_2100_get_their_own_message(field):
    """'2300-01-01' is a calendar date: the problem says the year is out of range, not 'not a calendar date'."""
    dates = ("2300-01-01", "") if field == "date" else ("2021-01-01", "2300-01-01")
    ledger = ledger_from_csv(rows(f"Y1,{dates[0]},{dates[1]},other,,Goris,Reuters,none,,,,Note."))
    [problem] = ledger.errors
    assert (problem.field, problem.message) == (field, "year 2300 is outside 1900–2100")


@pytest.mark.parametrize("value", ["4_0", "٤٠", "۴۰", "40\u0660", "inf", "-inf", "0x28", "1e400"])
@pytest.mark.parametrize("field", ["latitude", "longitude", "fatalities"])
def test_numbers__only_ascii_digits_without_underscores(field, value):
    """Underscores, Arabic-Indic digits, inf and hex are refused in coordinates and fatalities
    (``nan`` is a missing-value marker: see the next test)."""
    values = {"latitude": "40.1", "longitude": "45.2", "fatalities": ""}
    values[field] = value
    text = (
        "id,date,kind,reported_by,reporter_party,latitude,longitude,fatalities\n"
        f"N1,2021-08-01,other,Reuters,none,{values['latitude']},{values['longitude']},{values['fatalities']}\n"
    )
    ledger = ledger_from_csv(text)
    assert ledger.accounting.rejected == 1
    assert [p.field for p in ledger.errors] == [field]


@pytest.mark.parametrize("marker", ["NA", "na", "NaN", "nan", "N/A"])
def test_numbers__missing_value_markers_are_not_stated_never_a_number(marker):
    """``NA`` (R), ``NaN`` (pandas) and ``N/A`` in fatalities, or in both coordinates, read as empty
    cells: no figure, no point; never a NaN float. One coordinate alone is still refused."""
    text = (
        "id,date,kind,reported_by,reporter_party,latitude,longitude,fatalities\n"
        f"N1,2021-08-01,other,Reuters,none,{marker},{marker},{marker}\n"
        f"N2,2021-08-01,other,Reuters,none,{marker},45.2,\n"
    )
    ledger = ledger_from_csv(text)
    [event] = ledger.events
    assert (event.id, event.fatalities, event.coordinates) == ("N1", None, None)
    assert [(p.line, p.field) for p in ledger.errors] == [(3, "latitude")]


@pytest.mark.parametrize(
    ("value", "count"), [("2.0", 2), ("0.0", 0), ("12.00", 12), ("2.5", None), ("2.", None), (".0", None)]
)
def test_numbers__an_integral_float_is_its_count(value, count):
    """``2.0``, as pandas writes an integer column with a gap, is 2 deaths; ``2.5`` is no count."""
    ledger = ledger_from_csv(
        f"id,date,kind,reported_by,reporter_party,fatalities\nN1,2021-08-01,other,Reuters,none,{value}\n"
    )
    if count is None:
        assert [p.field for p in ledger.errors] == ["fatalities"]
    else:
        assert not ledger.errors
        assert [e.fatalities for e in ledger.events] == [count]


def test_numbers__plain_decimals_still_read():
    """Ordinary decimal degrees (signs, exponents, no fraction) are still accepted."""
    text = "id,date,kind,reported_by,reporter_party,latitude,longitude\nN1,2021-08-01,other,Reuters,none,-39.5,4.52e1\n"
    ledger = ledger_from_csv(text)
    [event] = ledger.events
    assert event.coordinates is not None
    assert (event.coordinates.latitude, event.coordinates.longitude) == (-39.5, 45.2)


def test_jsonl__a_key_given_twice_is_a_problem():
    """``{"date": …, "date": …}`` rejects the record naming the key, instead of keeping the last value."""
    base = (
        '{"id": "J1", "kind": "other", "reported_by": "Reuters", "date": "2021-08-01", "date": "2021-09-01"}'
    )
    good = json.dumps({"id": "J2", "kind": "other", "reported_by": "Reuters", "date": "2021-08-01"})
    ledger = ledger_from_csv(base + "\n" + good + "\n", suffix=".jsonl", label="t.jsonl")
    assert [(p.line, p.field) for p in ledger.errors] == [(1, "date")]
    assert "twice" in ledger.errors[0].message
    assert [e.id for e in ledger.events] == ["J2"]
    assert all(p.severity is Severity.ERROR for p in ledger.errors)


@pytest.mark.parametrize("value", ["0000-05", "0000-01-01", "1/1/0000", "0000/01/01"])
@pytest.mark.parametrize("field", ["date", "date_end", "reported_on"])
def test_years__year_zero_costs_its_row_not_the_run(field, value):
    """A year 0 (``0000-05``: a blank date some exports write as zeros) is a problem naming its
    row and field, with the year's own message, and the next row is still read: it used to raise
    Python's bare "year 0 is out of range", which stopped the whole run with no file or line."""
    values = {"date": "2021-01-01", "date_end": "", "reported_on": "", field: value}
    text = (
        "id,date,date_end,kind,location,reported_by,reporter_party,reported_on\n"
        f"Y0,{values['date']},{values['date_end']},other,Goris,Reuters,none,{values['reported_on']}\n"
        "Y1,2021-01-02,,other,Goris,Reuters,none,\n"
    )
    for label, stream in (("t.csv", text), ("t.jsonl", _as_json_lines(text))):
        ledger = ledger_from_csv(stream, label, suffix=label[label.index(".") :])
        [problem] = ledger.errors
        assert (problem.line, problem.field, problem.message) == (
            2 if label == "t.csv" else 1,
            field,
            "year 0 is outside 1900–2100",
        )
        assert (ledger.accounting.read, ledger.accounting.rejected) == (2, 1)


def test_years__year_zero_in_an_acled_file_is_a_problem_on_its_line(tmp_path, capsys):
    """A real ACLED export with one ``event_date`` of ``0000-05`` is read: one problem naming file,
    line and field, the other row kept, exit 0 (it was exit 2, "compliance: year 0 is out of range")."""
    from compliance.cli import main
    from tests.test_readers_real import REAL

    lines = (REAL / "acled-modern-2024.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace('"01 November 2024"', "0000-05", 1)
    path = tmp_path / "acled.csv"
    path.write_text("".join(lines), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2: event_date: year 0 is outside 1900–2100" in err
    assert "events: read 2, linked 0, unlinked 1, rejected 1" in err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023-02-30", "not a calendar date: '2023-02-30': February 2023 has 28 days"),
        ("2024-02-30", "not a calendar date: '2024-02-30': February 2024 has 29 days"),
        ("2021-04-31", "not a calendar date: '2021-04-31': April 2021 has 30 days"),
        ("2021-13-01", "not a calendar date: '2021-13-01': there is no month 13"),
        ("2021-01-00", "not a calendar date: '2021-01-00': there is no day 0"),
    ],
)
def test_dates__a_day_that_does_not_exist_says_what_is_wrong_with_it(value, message):
    """``2023-02-30`` has the shape YYYY-MM-DD: the problem says which part names no day, not
    "expected YYYY-MM-DD", which the value already is."""
    ledger = ledger_from_csv(rows(f"D1,{value},,other,,Goris,Reuters,none,,,,Note."))
    [problem] = ledger.errors
    assert (problem.field, problem.message) == ("date", message)


def _as_json_lines(text: str) -> str:
    """The CSV rows of ``text`` as JSON Lines, one object per row, empty cells left out."""
    import csv
    import io

    return "".join(
        json.dumps({k: v for k, v in row.items() if v}) + "\n" for row in csv.DictReader(io.StringIO(text))
    )
