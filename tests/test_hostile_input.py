"""Hostile input: one bad quote costs one record, absurd files cost bounded memory, nothing shows raw.

Every input is built in the test; the large ones are written to ``tmp_path`` and read by a
separate process that reports its own peak memory.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.cli import main
from compliance.core.problems import Problem, Severity, printable, visible
from compliance.readers import Record, read_event_file, read_event_stream
from compliance.readers.lines import OverlongLine, bounded_lines
from compliance.render.markdown import render_markdown
from compliance.views.report import Report
from tests.support import HEADER, PARTIES, RESOLVE_REPORTER, ledger_from_csv, rows

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal or a report raw (tab and newline separate lines and cells)."""
GOOD = "G{n},2021-08-01,,other,,Goris,Reuters,none,,,,Row {n}."


def read(path: Path) -> list[Record | Problem]:
    return list(read_event_file(path, PARTIES.resolve, RESOLVE_REPORTER))


def read_text(text: str, suffix: str = ".csv") -> list[Record | Problem]:
    stream = io.StringIO(text, newline="")
    return list(read_event_stream(stream, f"t{suffix}", suffix, PARTIES.resolve, RESOLVE_REPORTER))


def rejected(items: list[Record | Problem]) -> list[Record]:
    return [r for r in items if isinstance(r, Record) and r.rejected]


# --------------------------------------------------------------------------- one bad quote costs one record


def test_quotes__unclosed_quote_costs_one_record_and_names_its_line():
    """An unclosed quote on line 3 of 2,002 rejects line 3 only, as an unclosed quote; every other row is read."""
    body = [GOOD.format(n=1), 'B1,2021-08-01,,other,,Goris,Reuters,none,,,,"never closed']
    body += [GOOD.format(n=n) for n in range(2, 2001)]
    items = read_text(rows(*body))
    records = [r for r in items if isinstance(r, Record)]
    assert len(records) == 2001
    bad = rejected(items)
    assert [(r.origin.line, "unclosed quote" in r.problems[0].message) for r in bad] == [(3, True)]


def test_quotes__closing_on_a_later_line_with_the_wrong_shape_costs_one_record():
    """A quote that closes inside a later row is still the one bad record; a real multi-line field is kept."""
    text = rows(
        'B1,2021-08-01,,other,,Goris,Reuters,none,,,,"opened here',
        'G2,2021-08-01,,other,,Goris,Reuters,none,,,,"closed ""early"" here"',
        'G3,2021-08-01,,other,,Goris,Reuters,none,,,,"a note\nover two lines"',
        GOOD.format(n=4),
    )
    items = read_text(text)
    assert [r.origin.line for r in rejected(items)] == [2]
    kept = {r.event.id: (r.origin.line, r.event.notes) for r in items if isinstance(r, Record) and r.event}
    assert kept == {
        "G2": (3, 'closed "early" here'),
        "G3": (4, "a note\nover two lines"),
        "G4": (6, "Row 4."),
    }


def test_quotes__field_limit_names_the_row_it_belongs_to():
    """A 20,000-character quoted notes field over many lines is reported on its own row, as notes."""
    huge = "\n".join(["x" * 99] * 200)
    text = rows(GOOD.format(n=1), f'B1,2021-08-01,,other,,Goris,Reuters,none,,,,"{huge}"', GOOD.format(n=3))
    items = read_text(text)
    [bad] = rejected(items)
    assert (bad.origin.line, bad.problems[0].field) == (3, "notes")
    assert "the limit is 10000" in bad.problems[0].message
    assert [r.event.id for r in items if isinstance(r, Record) and r.event] == ["G1", "G3"]


# --------------------------------------------------------------------------- bounded memory and time


def test_lines__overlong_line_is_cut_and_the_rest_discarded():
    """A line over the limit arrives once, as a short OverlongLine, and the next line is read whole."""
    stream = io.StringIO("a,b\n" + "y" * 1000 + "\nc,d\n", newline="")
    lines = list(bounded_lines(stream, limit=64))
    assert lines[0] == "a,b\n"
    assert isinstance(lines[1], OverlongLine)
    assert len(lines[1]) <= 200
    assert lines[2:] == ["c,d\n"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_lines__overlong_row_is_one_problem_and_reading_goes_on(tmp_path, suffix):
    """A 5 MB row is one rejected record saying the line is too long; the row after it is read."""
    path = tmp_path / f"long{suffix}"
    good = '{"id": "G2", "date": "2021-08-01", "kind": "other", "reported_by": "Reuters"}\n'
    if suffix == ".csv":
        path.write_text(HEADER + "x" * 5_000_000 + "\n" + GOOD.format(n=2) + "\n", encoding="utf-8")
    else:
        path.write_text("[" * 5_000_000 + "\n" + good, encoding="utf-8")
    items = read(path)
    [bad] = rejected(items)
    assert "longer than" in bad.problems[0].message
    assert [r.event.id for r in items if isinstance(r, Record) and r.event] == ["G2"]


def _make_binary(kind: str) -> bytes:
    text = (HEADER + GOOD.format(n=1) + "\n") * 50
    return {
        "gzip": gzip.compress(text.encode(), mtime=0),
        "nul": b"\x00" * 100_000,
        "random": random.Random(14).randbytes(100_000),
        "utf16-bom": text.encode("utf-16"),
        "utf16-no-bom": text.encode("utf-16-le"),
        "zip": b"PK\x03\x04" + b"\x00" * 100,
    }[kind]


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("gzip", "gzip"),
        ("nul", "NUL"),
        ("random", "binary"),
        ("utf16-bom", "UTF-16"),
        ("utf16-no-bom", "UTF-16"),
        ("zip", "ZIP"),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_binary__one_problem_saying_what_the_file_looks_like(tmp_path, kind, says, suffix):
    """Compressed, NUL-filled, random or UTF-16 bytes give exactly one problem naming what they look like."""
    path = tmp_path / f"data{suffix}"
    path.write_bytes(_make_binary(kind))
    items = read(path)
    assert len(items) == 1
    [problem] = items
    assert isinstance(problem, Problem)
    assert says in problem.message


def test_binary__a_few_bad_bytes_still_cost_one_record_each(tmp_path):
    """A text file with one stray NUL and one invalid byte is not 'binary': two rows rejected, the rest read."""
    path = tmp_path / "mostly-text.csv"
    body = [GOOD.format(n=n) for n in range(1, 200)]
    body[10] = body[10].replace("Goris", "Go\x00ris")
    path.write_bytes(rows(*body).encode() + b"B1,2021-08-01,,other,,Goris,Reuters,none,,,,Bad \xff byte\n")
    items = read(path)
    assert len(rejected(items)) == 2
    assert len(items) == 200


_PEAK = """
import resource, sys
from pathlib import Path
from compliance.readers import read_event_file
from tests.support import PARTIES, RESOLVE_REPORTER
items = list(read_event_file(Path(sys.argv[1]), PARTIES.resolve, RESOLVE_REPORTER))
print(len(items), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_kib(path: Path) -> tuple[int, int]:
    """Items read and peak resident memory (KiB) of a separate process reading ``path``."""
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)],
        cwd=ROOT, capture_output=True, timeout=300, check=True, env={"PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    items, peak = result.stdout.split()
    return int(items), int(peak)


def write_big(path: Path, first: bytes, fill: bytes, size: int) -> Path:
    with path.open("wb") as out:
        out.write(first)
        chunk = fill * (1 << 20)
        for _ in range(size // len(chunk)):
            out.write(chunk)
    return path


@pytest.mark.parametrize("case", ["nul", "one-line-csv", "one-line-jsonl", "header-only"])
def test_memory__absurd_files_read_in_bounded_memory(tmp_path, case):
    """60 MB of NULs or one 60 MB line: one item, and the reader grows by far less than the file (< 300 MB)."""
    size = 60 << 20
    path = {
        "nul": lambda: write_big(tmp_path / "zero.csv", b"", b"\x00", size),
        "one-line-csv": lambda: write_big(tmp_path / "line.csv", HEADER.encode(), b"x", size),
        "one-line-jsonl": lambda: write_big(tmp_path / "line.jsonl", b'{"notes": "', b"x", size),
        "header-only": lambda: write_big(tmp_path / "header.csv", b"id,", b"c", size),
    }[case]()
    small = tmp_path / "small.csv"
    small.write_text(rows(GOOD.format(n=1)), encoding="utf-8")
    _, baseline = peak_kib(small)
    items, peak = peak_kib(path)
    assert items == 1
    assert peak < 300 * 1024
    assert peak - baseline < 40 * 1024, (baseline, peak)  # a 60 MB line held whole would add > 60 MB


# --------------------------------------------------------------------------- escape what is printed


def test_escape__control_characters_never_reach_stderr(tmp_path, capsys):
    """ESC, BEL and bidi overrides in a file name, header names, JSON keys and values are printed escaped."""
    csv_path = tmp_path / "evil\x1b]0;title\x07\u202e.csv"
    csv_path.write_text(
        "id,date,kind,reported_by,col\x1b[31m,\u202ebad\n"
        "E1,2021-08-01,oth\x07er,Reuters,x,y\nE\x1b2,2021-08-01,other,Reuters,x,y\n",
        encoding="utf-8",
    )
    jsonl_path = tmp_path / "evil.jsonl"
    jsonl_path.write_text(
        json.dumps({"id": "J1", "date": "2021-08-01", "kind": "other", "reported_by": "R", "k\x1b\x07": 1})
        + "\n",
        encoding="utf-8",
    )
    assert main(["validate", str(csv_path), str(jsonl_path)]) == 1
    err = capsys.readouterr().err
    assert "\\x1b" in err
    assert "\\u202e" in err
    assert not UNSEEN.search(err)


def test_escape__control_characters_never_reach_the_markdown():
    """Event text with ESC, BEL, C1 and bidi overrides appears escaped in the Markdown report."""
    hostile = "Goris \x1b[2J\x07\x9b\u202eevil\u2066 end"
    ledger = ledger_from_csv(
        rows(f"H1,2020-11-20,,territory-handover,,Aghdam {hostile},Reuters,none,,,,{hostile}")
    )
    markdown = render_markdown(Report.build(ledger, date(2022, 1, 1)))
    assert "\\u202eevil" in markdown
    assert not UNSEEN.search(markdown)


@pytest.mark.parametrize("event_id", ["A\x1b1", "A\u202e1", "A\x9b1", "A\x7f1"])
def test_escape__id_with_control_character_is_rejected(event_id):
    """An id holding a control character or a bidi override is rejected with a problem on the id."""
    ledger = ledger_from_csv(rows(f"{event_id},2021-08-01,,other,,Goris,Reuters,none,,,,Note."))
    assert ledger.accounting.rejected == 1
    assert [p.field for p in ledger.errors] == ["id"]


# --------------------------------------------------------------------------- deterministic under duplicates


def test_duplicates__every_copy_rejected_whatever_the_order():
    """Two records with one id: both rejected, each problem naming the file that holds them, in
    either row order."""
    first = "D1,2020-11-20,,territory-handover,,Aghdam,Reuters,none,,,,Entered Aghdam."
    second = "D1,2020-11-20,,territory-handover,,Aghdam,Ministry of Defence of Armenia,,,,,Denied."
    outcomes = []
    for order in ((first, second), (second, first)):
        ledger = ledger_from_csv(rows(*order, GOOD.format(n=1)))
        acc = ledger.accounting
        assert (acc.read, acc.rejected, acc.read - acc.rejected) == (3, 2, acc.linked + acc.unlinked)
        messages = [p.message for p in ledger.errors]
        assert len(messages) == 2
        assert set(messages) == {
            "duplicate id, given to records that differ (copies in test.csv): every copy is rejected"
        }
        assert [p.line for p in ledger.errors] == [2, 3]
        outcomes.append((ledger.events, ledger.links, acc))
    assert outcomes[0] == outcomes[1]
    assert [e.id for e in outcomes[0][0]] == ["G1"]


def test_duplicates__identical_copies_are_read_once_whatever_the_order():
    """Two exports that overlap give the same record twice: the account is read once, from the
    first place, and the other copy is set aside with a warning (the accounting counts it as
    rejected). Rejecting both lost every account of the overlap."""
    linked = "D1,2020-11-20,,territory-handover,,Aghdam,Reuters,none,,,,Entered Aghdam."
    alone = "D2,2021-08-01,,other,,Goris,Reuters,none,,,,Nothing to link."
    outcomes = []
    for order in (
        (linked, alone, GOOD.format(n=1), linked, alone),
        (alone, linked, alone, linked, GOOD.format(n=1)),
    ):
        for keep_unlinked in (True, False):
            ledger = ledger_from_csv(rows(*order), keep_unlinked=keep_unlinked)
            acc = ledger.accounting
            assert (acc.read, acc.linked, acc.unlinked, acc.rejected) == (5, 1, 2, 2)
            assert ledger.errors == ()
            warnings = [p for p in ledger.problems if p.field == "id"]
            assert [p.severity for p in warnings] == [Severity.WARNING] * 2
            assert {p.message for p in warnings} == {
                "id given again, in a record identical to one read from test.csv: the account is read once"
            }
            assert sorted(p.line for p in warnings) == sorted(
                len(order) - order[::-1].index(row) + 1 for row in (linked, alone)
            )  # the later copy of each, the first being read
            assert [e.id for e in ledger.events if e.id == "D1"] == ["D1"]
            assert [k.event for k in ledger.links] == ["D1"] * len(ledger.links)
            assert ledger.unlinked == ("D2", "G1")
            outcomes.append((ledger.links, acc))
    assert all(outcome == outcomes[0] for outcome in outcomes)


def test_duplicates__copies_differing_in_one_field_are_all_rejected():
    """An export revised between two downloads (its note rewritten): neither copy is taken,
    whether the ledger keeps the account or, linked to nothing, only counts it."""
    for row in (
        "D1,2020-11-20,,territory-handover,,Aghdam,Reuters,none,,,,{note}",
        "D1,2021-08-01,,other,,Goris,Reuters,none,,,,{note}",
    ):
        for keep_unlinked in (True, False):
            ledger = ledger_from_csv(
                rows(row.format(note="One account."), row.format(note="Revised account.")),
                keep_unlinked=keep_unlinked,
            )
            assert ledger.accounting.rejected == 2
            assert [p.line for p in ledger.errors] == [2, 3]
            assert all("records that differ" in p.message for p in ledger.errors)
            assert ledger.events == ()
            assert ledger.links == ()


def _printable_by_round_trip(text: str) -> str:
    """``printable`` without its shortcut for printable text: encode, decode, escape."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")
    return visible(raw.decode("utf-8", "backslashreplace"))


@given(
    st.text(st.characters(exclude_categories=()), max_size=30)
    | st.sampled_from(["a\udcff", "\u202eevil", "\x1b[2J", "Şuşa \u2028"])
)
def test_printable__the_shortcut_for_printable_text_gives_what_the_round_trip_gives(text: str) -> None:
    """Text that ``str.isprintable`` accepts is returned as it is: it has no surrogate, control or
    format character, so the UTF-8 round trip and the escaping leave it unchanged."""
    assert printable(text) == _printable_by_round_trip(text)


def test_duplicates__one_id_on_every_row_gives_one_short_text_naming_the_file():
    """A file whose id column holds one value on every row: every copy is rejected, each problem
    at its own line, all with one short text naming the file. Naming all n places in each of the
    n problems made such a file quadratic (12,000 rows took 98 s and 3.9 GB)."""
    copies = 25
    body = [GOOD.format(n=n).replace(f"G{n},", "D1,", 1) for n in range(copies)]
    ledger = ledger_from_csv(rows(*body, GOOD.format(n=1)))
    acc = ledger.accounting
    assert (acc.read, acc.rejected) == (copies + 1, copies)
    messages = {p.message for p in ledger.errors}
    assert [p.line for p in ledger.errors] == list(range(2, copies + 2))
    [message] = messages  # one text for all copies
    assert (
        message == "duplicate id, given to records that differ (copies in test.csv): every copy is rejected"
    )
    assert [e.id for e in ledger.events] == ["G1"]


@given(
    count=st.integers(2, 40),
    data=st.data(),
)
def test_quotes__property_one_stray_quote_at_a_field_start_costs_exactly_its_row(count, data):
    """A quote put at the start of any field of any row rejects that row alone; every row is still read."""
    body = [GOOD.format(n=n) for n in range(1, count + 1)]
    row = data.draw(st.integers(0, count - 1), label="row")
    fields = body[row].split(",")
    column = data.draw(st.integers(0, len(fields) - 1), label="column")
    fields[column] = '"' + fields[column]
    body[row] = ",".join(fields)
    items = read_text(rows(*body))
    assert len([r for r in items if isinstance(r, Record)]) == count
    assert [r.origin.line for r in rejected(items)] == [row + 2]


def test_problems__quote_a_long_value_as_the_file_holds_it_shortened_with_an_ellipsis():
    """A value cut to its first 20 (a date: 40) characters was quoted as if the file held that:
    31 digits of deaths were reported as ``got '10000000000000000000'``, a number not in the file.
    The cut is now marked with an ellipsis; a short value is quoted whole."""
    digits = "1" + "0" * 30
    text = (
        "id,date,kind,reported_by,reporter_party,fatalities\n"
        f"X1,2021-01-01,other,Reuters,none,{digits}\n"
        "X2,2021-01-01,other,Reuters,none,1e30\n"
        f"X3,{'2021-01-01' * 5},other,Reuters,none,\n"
    )
    ledger = ledger_from_csv(text)
    messages = {p.line: p.message for p in ledger.errors}
    assert messages[2].endswith(f"got {digits[:20]!r}…")
    assert messages[3].endswith("got '1e30'")
    assert messages[4].endswith(f"{('2021-01-01' * 5)[:40]!r}…")
