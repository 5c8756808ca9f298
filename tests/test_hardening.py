"""Hardening: every input path takes arbitrary, broken and hostile input without a traceback.

The only outcomes allowed for input are loaded records and :class:`Problem`\\ s. The fuzz tests
scale with the Hypothesis profile (``settings().max_examples``: 30 in dev, 300 in CI); together
they run more than 10,000 cases in CI.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

import agreements as bundled
from compliance.cli import main
from compliance.core.events import Event
from compliance.core.model import Agreement
from compliance.core.problems import Problem, Severity, visible
from compliance.core.vocabulary import EVENT_KIND_SET
from compliance.linking.index import LinkIndex
from compliance.linking.ledger import Ledger, assemble, build_ledger
from compliance.load.agreement_files import load_agreement_file, load_agreement_text
from compliance.load.checks import check_agreements
from compliance.readers import Record, read_event_file, read_event_stream
from compliance.readers.acled import ACLED_COLUMNS
from compliance.readers.fields import is_missing
from compliance.readers.our_format import COLUMNS
from compliance.render.json import render_json
from compliance.render.markdown import METHOD_URL, render_markdown
from compliance.views.report import Report
from tests.support import AGREEMENTS, PARTIES, RESOLVE_REPORTER

ROOT = Path(__file__).resolve().parent.parent
CORE_IDS = ("trilateral-2020", "five-principles-2022")
CORE_PATHS = [ROOT / "agreements" / f"{agreement_id}.toml" for agreement_id in CORE_IDS]
CORE = tuple(a for a in AGREEMENTS if a.id in CORE_IDS)
"""The 2020 statement and the 2022 principles: what these tests are written against."""
BASE_EXAMPLES = settings().max_examples
"""30 in the dev profile, 300 in CI (tests/conftest.py)."""


FUZZ_PHASES = tuple(phase for phase in Phase if phase is not Phase.explain)
"""Shrink failures to a minimal example, but skip the slow 'explain' phase (CI time budget)."""


REPORTS_EXAMPLES = min(100, BASE_EXAMPLES)
"""For the tests whose every example builds and renders whole reports: 100 in CI, not 300 (each
took about 50 s of CI's 15 minutes at 300); the dev profile's 30 stay."""


def scaled(factor: int) -> settings:
    """Run ``factor`` times the profile's examples: the fuzz tests are the point of this file."""
    return settings(max_examples=BASE_EXAMPLES * factor, phases=FUZZ_PHASES)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the whole module (Hypothesis re-runs a test body many times)."""
    return tmp_path_factory.mktemp("fuzz")


def fresh_folder(scratch: Path) -> Path:
    return Path(tempfile.mkdtemp(dir=scratch))


# --------------------------------------------------------------------------- the outcome checks


def _event_texts(ledger: Ledger) -> Iterable[str]:
    for event in ledger.events:
        yield from (
            event.id, event.kind, event.reported_by, event.reporter_party, event.source_url,
            event.location, event.admin1, event.incident, event.notes,
        )  # fmt: skip


def assert_writable(ledger: Ledger) -> None:
    """Everything loaded can be written as UTF-8: no lone surrogates reach a record or a problem."""
    for problem in ledger.problems:
        str(problem).encode("utf-8")
    for value in _event_texts(ledger):
        value.encode("utf-8")


def _older_revision(event: Event, read: Event | None, id_fields: dict[str, str] | None) -> bool:
    """Whether ``event`` is an ACLED row set aside for ``read``, a later revision of it."""
    if read is None or read.origin is None or event.origin is None or event.reported_on is None:
        return False
    acled = {file for file, name in (id_fields or {}).items() if name == "event_id_cnty"}
    return (
        {event.origin.file, read.origin.file} <= acled
        and read.reported_on is not None
        and event.reported_on < read.reported_on
    )


def check_outcome(
    items: Sequence[Record | Problem], labels: Iterable[str], id_fields: dict[str, str] | None = None
) -> Ledger:
    """Assemble what a reader yielded and check the accounting and the problems it must carry.

    ``id_fields``: what the readers said of each file's id column (``build_ledger`` passes it on,
    so that a copy in an ACLED export is named under ``event_id_cnty``)."""
    labels = set(labels)
    ledger = assemble(CORE, PARTIES, items, id_fields=id_fields)
    acc = ledger.accounting
    records = [item for item in items if isinstance(item, Record)]
    assert acc.read == len(records)
    assert acc.read == acc.linked + acc.unlinked + acc.rejected
    assert min(acc.linked, acc.unlinked, acc.rejected) >= 0
    for record in records:
        assert record.origin.file in labels
        assert record.origin.line > 0
        record_errors = [p for p in record.problems if p.severity is Severity.ERROR]
        if record.rejected:
            assert any(
                (p.file, p.line) == (record.origin.file, record.origin.line) and p.message
                for p in record_errors
            ), record
        else:
            assert record_errors == [], record
    kept = {(e.origin.file, e.origin.line) for e in ledger.events if e.origin is not None}
    assert len(kept) == len(ledger.events)
    refused = [r for r in records if r.event is not None and (r.origin.file, r.origin.line) not in kept]
    assert acc.rejected == sum(r.rejected for r in records) + len(refused)
    by_id = {e.id: e for e in ledger.events}
    for record in refused:  # duplicate ids and unknown link targets, found by assemble
        here = [p for p in ledger.problems if (p.file, p.line) == (record.origin.file, record.origin.line)]
        read = by_id.get(record.event.id)
        # an identical copy of an account kept, or an older ACLED revision of it: read once
        if read == record.event or _older_revision(record.event, read, id_fields):
            field = (id_fields or {}).get(record.origin.file, "id")
            assert any(p.severity is Severity.WARNING and p.field == field for p in here), record
        else:
            assert any(p.severity is Severity.ERROR for p in here), record
    for problem in ledger.problems:
        assert problem.file in labels
        assert problem.line >= 0
        assert problem.field
        assert problem.message
        assert isinstance(problem.severity, Severity)
    assert_writable(ledger)
    return ledger


def read_stream(text: str, suffix: str, label: str | None = None) -> list[Record | Problem]:
    label = label or f"fuzz{suffix}"
    stream = io.StringIO(text, newline="")
    return list(read_event_stream(stream, label, suffix, PARTIES.resolve, RESOLVE_REPORTER))


def read_path(path: Path, id_fields: dict[str, str] | None = None) -> list[Record | Problem]:
    return list(read_event_file(path, PARTIES.resolve, RESOLVE_REPORTER, None, id_fields))


def check_text(text: str, suffix: str) -> Ledger:
    return check_outcome(read_stream(text, suffix), [f"fuzz{suffix}"])


def check_bytes(folder: Path, data: bytes, suffix: str) -> Ledger:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    return check_outcome(read_path(path), [str(path)])


def check_agreement_text(text: str, label: str = "fuzz.toml") -> None:
    """An agreement text loads, or gives problems saying why; a loaded one passes the checks."""
    agreement, problems = load_agreement_text(text, label)
    check_agreement_outcome(agreement, problems, label, text)


def check_agreement_outcome(
    agreement: Agreement | None, problems: list[Problem], label: str, text: str
) -> None:
    for problem in problems:
        assert problem.file == label
        assert problem.line >= 0
        assert problem.message
        str(problem).encode("utf-8")
    if agreement is None:
        assert [p for p in problems if p.severity is Severity.ERROR]
        return
    more = check_agreements([(agreement, label, text)], PARTIES)
    for problem in more:
        assert problem.message
        str(problem).encode("utf-8")
    LinkIndex.build([agreement])


# --------------------------------------------------------------------------- hostile values

HUGE = "x" * 20_000
HOSTILE_VALUES: tuple[str, ...] = (
    HUGE, "a\x00b", "\x00", "",  " ", "\ufeff", "\u2028", "line\nbreak", "cr\ronly", "crlf\r\nx",
    '"', '""', 'a"b', "a,b", "a;b", "|", "\\",
    "Ստեփանակերտ", "Xankəndi", "Şuşa", "Шуша", "Ağdam", "\u202eevil\u202c", "שלום עולם", "مرحبا بالعالم",
    "31 February 2021", "2021-13-01", "0000", "0000-00-00", "2021-02-29", "2021-07-28T10:00:00+14:00",
    "2021-07-28T10:00:00-14:00", "2021-07-28T10:00:00+24:00", "2021-07-28T25:00:00+04:00", "~", "~~2021",
    "12:30", "T", "2021-07", "1899-12-31", "2101-01-01", "9999-12-31T23:59:59-14:00",
    "²", "٣", "Ⅻ", "1e400", "NaN", "-inf", "-0", "99999999999999999999", "2147483648", "12345678901",
    "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "[x](javascript:alert(1))",
    "trilateral-2020#2/ts2020-2-aghdam:fulfils", "trilateral-2020#99:breaches",
    "trilateral-2020#2/ts2020-4-notice:fulfils", "x#y:z", ";;;", "nowhere#1:fulfils",
    "ARM", "AZE", "none", "unknown", "territory-handover", "armed-clash", "Aghdam",
    "Military Forces of Azerbaijan (2003-)", "Ministry of Defence of Armenia", "Battles", "3",
)  # fmt: skip
_VALUES = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=12))


# --------------------------------------------------------------------------- tabular mutations


def _bundled_table() -> tuple[list[str], list[list[str]]]:
    with bundled.EVENTS_FILE.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


CSV_HEADER, CSV_ROWS = _bundled_table()


def _acled(**fields: str) -> list[str]:
    row = {
        "event_id_cnty": "ARM1271", "event_date": "2021-07-28", "year": "2021", "time_precision": "1",
        "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Azerbaijan (2003-)", "assoc_actor_1": "", "inter1": "1",
        "actor2": "Military Forces of Armenia (2018-)", "assoc_actor_2": "", "inter2": "1",
        "interaction": "11", "civilian_targeting": "", "iso": "51", "region": "Caucasus and Central Asia",
        "country": "Armenia", "admin1": "Ararat", "admin2": "", "admin3": "", "location": "Yeraskh",
        "latitude": "39.7553", "longitude": "44.7844", "geo_precision": "1",
        "source": "Ministry of Defence of Armenia", "source_scale": "National",
        "notes": "On 28 July 2021, military forces of Azerbaijan and Armenia clashed near Yeraskh.",
        "fatalities": "3", "tags": "", "timestamp": "1628021520",
    }  # fmt: skip
    row.update(fields)
    return [row[c] for c in ACLED_COLUMNS]


ACLED_ROWS: list[list[str]] = [
    _acled(),
    _acled(
        event_id_cnty="AZE2077", actor1="Military Forces of Armenia (2018-)",
        actor2="Military Forces of Azerbaijan (2003-)", iso="31", country="Azerbaijan",
        admin1="Nakhchivan", location="Sadarak", source="Caucasian Knot", fatalities="0",
    ),
    _acled(
        event_id_cnty="AZE1095", event_date="20 November 2020", year="2020",
        disorder_type="Strategic developments", event_type="Strategic developments",
        sub_event_type="Non-violent transfer of territory", actor2="", inter2="0", interaction="10",
        iso="31", country="Azerbaijan", admin1="Aghdam", location="Aghdam", source="Reuters",
        fatalities="0", timestamp="1606000000",
    ),
    _acled(
        event_id_cnty="ARM1302", event_date="2021-05-15", time_precision="3",
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        admin1="Syunik", location="Verin Shorzha", geo_precision="2", source="Armenia MoD; Azerbaijan MoD",
    ),
    _acled(
        event_id_cnty="AZE3001", event_date="13 September 2022", event_type="Violence against civilians",
        sub_event_type="Attack", actor2="Civilians (Armenia)", inter2="7", interaction="17",
        location="Jermuk", admin1="Vayots Dzor", source="Government of Armenia", fatalities="",
    ),
]  # fmt: skip

TABLE_OPS = (
    "drop-column", "duplicate-column", "drop-header-cell", "swap-values", "swap-header",
    "set-value", "set-header", "duplicate-row", "drop-cell", "add-cell",
)  # fmt: skip
TEXT_OPS = ("bom", "crlf", "cr", "truncate", "insert", "unbalanced-quote", "blank-lines", "nul")

_table_ops = st.lists(
    st.tuples(st.sampled_from(TABLE_OPS), st.integers(0, 999), st.integers(0, 999), _VALUES),
    max_size=4,
)
_text_ops = st.lists(
    st.tuples(st.sampled_from(TEXT_OPS), st.integers(0, 10**6), st.text(max_size=12)), max_size=2
)


def mutate_table(
    header: list[str], rows: list[list[str]], ops: Iterable[tuple[str, int, int, str]]
) -> tuple[list[str], list[list[str]]]:
    """Apply structure-aware mutations to a table; indices wrap around the sizes."""
    header, rows = list(header), [list(r) for r in rows]
    for op, a, b, value in ops:
        width = max(len(header), 1)
        i, j = a % width, b % width
        row = rows[a % len(rows)] if rows else None
        if op == "drop-column" and header:
            header.pop(i)
            for r in rows:
                if i < len(r):
                    r.pop(i)
        elif op == "duplicate-column" and header:
            header.append(header[i])
            for r in rows:
                r.append(r[i] if i < len(r) else "")
        elif op == "drop-header-cell" and header:
            header.pop(i)
        elif op == "swap-values" and row is not None and i < len(row) and j < len(row):
            row[i], row[j] = row[j], row[i]
        elif op == "swap-header" and header:
            header[i], header[j] = header[j], header[i]
        elif op == "set-value" and row is not None and row:
            row[b % len(row)] = value
        elif op == "set-header" and header:
            header[i] = value
        elif op == "duplicate-row" and row is not None:
            rows.insert(b % (len(rows) + 1), list(row))
        elif op == "drop-cell" and row:
            row.pop(b % len(row))
        elif op == "add-cell" and row is not None:
            row.append(value)
    return header, rows


def mutate_text(text: str, ops: Iterable[tuple[str, int, str]]) -> str:
    for op, at, extra in ops:
        where = at % (len(text) + 1)
        if op == "bom":
            text = "\ufeff" + text
        elif op == "crlf":
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        elif op == "cr":
            text = text.replace("\r\n", "\n").replace("\n", "\r")
        elif op == "truncate":
            text = text[:where]
        elif op == "insert":
            text = text[:where] + extra + text[where:]
        elif op == "unbalanced-quote":
            text = text[:where] + '"' + text[where:]
        elif op == "blank-lines":
            text = text[:where] + "\n\n \n" + text[where:]
        elif op == "nul":
            text = text[:where] + "\x00" + text[where:]
    return text


def write_table(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@st.composite
def mutated_csv(draw: st.DrawFn, header: list[str], rows: list[list[str]]) -> str:
    chosen = draw(st.lists(st.integers(0, len(rows) - 1), max_size=6))
    table = mutate_table(header, [rows[i] for i in chosen], draw(_table_ops))
    return mutate_text(write_table(*table), draw(_text_ops))


JSON_ODDITIES: tuple[object, ...] = (
    None, True, False, 0, -1, 3.5, 1e308, float("nan"), float("inf"), 10**30, [], ["a", 1], {}, {"a": "b"},
    [[[[[]]]]], "\ud800", "x\udcffy", "\U0001f600", "",
)  # fmt: skip
JSON_OPS = (
    "drop-key", "set-value", "set-odd", "set-odd", "rename-key", "swap-values", "duplicate-key", "raw-line", "array",
)  # fmt: skip


def _bundled_objects() -> list[dict[str, str]]:
    return [{k: v for k, v in zip(CSV_HEADER, row, strict=True) if v} for row in CSV_ROWS]


JSON_OBJECTS = _bundled_objects()


@st.composite
def mutated_jsonl(draw: st.DrawFn) -> str:
    """JSON Lines from bundled events, with keys, values and whole lines broken."""
    chosen = [
        dict(JSON_OBJECTS[i]) for i in draw(st.lists(st.integers(0, len(JSON_OBJECTS) - 1), max_size=6))
    ]
    lines: list[str] = []
    ops = draw(
        st.lists(
            st.tuples(
                st.sampled_from(JSON_OPS), st.integers(0, 999), st.integers(0, 999), _VALUES,
                st.sampled_from(JSON_ODDITIES) | st.sampled_from(["\ud800", "a\udfffb", "\udc80"]),
            ),
            max_size=4,
        )
    )  # fmt: skip
    raw: dict[int, str] = {}
    for op, a, b, value, odd in ops:
        if not chosen:
            break
        obj = chosen[a % len(chosen)]
        keys = sorted(obj) or ["id"]
        key = keys[b % len(keys)]
        if op == "drop-key":
            obj.pop(key, None)
        elif op == "set-value":
            obj[key] = value
        elif op == "set-odd":
            obj[key] = odd
        elif op == "rename-key":
            obj[value[:30] or "colour"] = obj.pop(key, "")
        elif op == "swap-values":
            other = keys[a % len(keys)]
            obj[key], obj[other] = obj.get(other), obj.get(key)
        elif op == "duplicate-key":
            raw[a % len(chosen)] = json.dumps(obj)[:-1] + f", {json.dumps(key)}: {json.dumps(value)}}}"
        elif op == "raw-line":
            raw[a % len(chosen)] = value
        elif op == "array":
            raw[a % len(chosen)] = json.dumps([obj])
    ascii_only = draw(st.booleans())
    for i, obj in enumerate(chosen):
        lines.append(raw.get(i) if i in raw else json.dumps(obj, ensure_ascii=ascii_only))
    return mutate_text("\n".join(lines) + "\n", draw(_text_ops))


def _to_bytes(text: str) -> bytes:
    """What a careless writer would put on disk: lone surrogates become invalid UTF-8."""
    return text.encode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------- agreement TOML

AGREEMENT_TEXTS = {path.name: path.read_text(encoding="utf-8") for path in bundled.agreement_paths()}
TOML_VALUES: tuple[str, ...] = (
    '"31 February 2021"', '"2021-13-01"', "0000-01-01", "2021-02-31", "2021-07-28T10:00:00+14:00",
    "2021-07-28T10:00:00-14:00", "2021-07-28T10:00:00", "1979-05-27T07:32:00Z", "07:32:00", '"0000"',
    "9999-12-31", "1900-01-01", "0001-01-01T00:00:00+03:00", "42", "-1", "3.5", "inf", "nan", "true",
    "[]", '["ARM", "AZE"]', '["NOBODY"]', "[1, 2]", "{}", '{ party = "RUS", body = "x" }', '""', '"x"',
    '"Ստեփանակերտ"', '"Xankəndi"', '"\u202eevil"', f'"{HUGE}"', '"a\\u0000b"', '"bad \\escape"',
    '"unterminated', "'literal'", '"""multi\nline"""', '"+03:00"', '"+99:99"', '"not-a-kind"',
    '"https://example.org/"', '"javascript:alert(1)"', '"UPPER CASE ID"', "[[[[1]]]]",
)  # fmt: skip
TOML_OPS = (
    "drop-line",
    "duplicate-line",
    "swap-values",
    "set-value",
    "rename-key",
    "insert-line",
    "move-line",
)
_KEY_LINE = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)(.*)$")


@st.composite
def mutated_agreement(draw: st.DrawFn) -> str:
    """An agreement file with lines dropped, doubled, swapped, moved and values replaced."""
    lines = AGREEMENT_TEXTS[draw(st.sampled_from(sorted(AGREEMENT_TEXTS)))].split("\n")
    ops = draw(
        st.lists(
            st.tuples(
                st.sampled_from(TOML_OPS), st.integers(0, 10**4), st.integers(0, 10**4),
                st.sampled_from(TOML_VALUES) | _VALUES.map(json.dumps), st.text(max_size=20),
            ),
            min_size=1,
            max_size=4,
        )
    )  # fmt: skip
    keyed = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
    for op, a, b, value, extra in ops:
        i, j = a % len(lines), b % len(lines)
        ki, kj = keyed[a % len(keyed)], keyed[b % len(keyed)]
        if op == "drop-line":
            lines[i] = ""
        elif op == "duplicate-line":
            lines.insert(j, lines[i])
        elif op == "swap-values":
            first, second = _KEY_LINE.match(lines[ki]), _KEY_LINE.match(lines[kj])
            if first and second:
                lines[ki] = first[1] + first[2] + first[3] + second[4]
                lines[kj] = second[1] + second[2] + second[3] + first[4]
        elif op == "set-value":
            match = _KEY_LINE.match(lines[ki])
            if match:
                lines[ki] = match[1] + match[2] + match[3] + value
        elif op == "rename-key":
            match = _KEY_LINE.match(lines[ki])
            if match:
                lines[ki] = match[1] + match[2][:-1] + match[3] + match[4]
        elif op == "insert-line":
            lines.insert(i, extra)
        elif op == "move-line":
            lines.insert(j, lines.pop(i))
    return mutate_text("\n".join(lines), draw(_text_ops))


@scaled(3)
@given(st.text())
def test_fuzz_agreement__arbitrary_text(text):
    """Any text as an agreement file gives an agreement or problems, never an exception."""
    check_agreement_text(text)


_AGREEMENT_HEADS = st.sampled_from(sorted(AGREEMENT_TEXTS)).map(
    lambda name: AGREEMENT_TEXTS[name].encode()[:2000]
)


@scaled(2)
@given(data=st.binary(max_size=4000) | st.tuples(_AGREEMENT_HEADS, st.binary(max_size=200)).map(b"".join))
def test_fuzz_agreement__arbitrary_bytes(scratch, data):
    """Any bytes in an agreement file give an agreement or problems, never an exception."""
    path = scratch / "fuzz-agreement.toml"
    path.write_bytes(data)
    agreement, problems = load_agreement_file(path, "fuzz.toml")
    text = data.decode("utf-8-sig", errors="replace")
    check_agreement_outcome(agreement, problems, "fuzz.toml", text)


@scaled(4)
@given(mutated_agreement())
def test_fuzz_agreement__mutated_bundled_file(text):
    """Bundled agreement files with structure-aware mutations load or give problems."""
    check_agreement_text(text)


# --------------------------------------------------------------------------- our CSV

_CSV_HEADER_TEXT = ",".join(CSV_HEADER) + "\n"


@scaled(3)
@given(st.text() | st.text().map(lambda t: _CSV_HEADER_TEXT + t))
def test_fuzz_csv__arbitrary_text(text):
    """Any text as our CSV gives records and problems, never an exception."""
    check_text(text, ".csv")


@scaled(2)
@given(data=st.binary(max_size=2000) | st.binary(max_size=2000).map(lambda b: _CSV_HEADER_TEXT.encode() + b))
def test_fuzz_csv__arbitrary_bytes(scratch, data):
    """Any bytes in a .csv file give records and problems, never an exception."""
    check_bytes(scratch, data, ".csv")


@scaled(4)
@given(text=mutated_csv(CSV_HEADER, CSV_ROWS), via_file=st.booleans())
def test_fuzz_csv__mutated_bundled_rows(scratch, text, via_file):
    """Bundled event rows with structure-aware mutations give records and problems."""
    if via_file:
        check_bytes(scratch, _to_bytes(text), ".csv")
    else:
        check_text(text, ".csv")


# --------------------------------------------------------------------------- JSON Lines


@scaled(2)
@given(st.text() | st.lists(st.from_type(object).map(repr) | st.text(), max_size=5).map("\n".join))
def test_fuzz_jsonl__arbitrary_text(text):
    """Any text as JSON Lines gives records and problems, never an exception."""
    check_text(text, ".jsonl")


@scaled(2)
@given(data=st.binary(max_size=2000))
def test_fuzz_jsonl__arbitrary_bytes(scratch, data):
    """Any bytes in a .jsonl file give records and problems, never an exception."""
    check_bytes(scratch, data, ".jsonl")


@scaled(4)
@given(text=mutated_jsonl(), via_file=st.booleans())
def test_fuzz_jsonl__mutated_bundled_objects(scratch, text, via_file):
    """Bundled events as JSON Lines with broken keys, values and lines give records and problems."""
    if via_file:
        check_bytes(scratch, _to_bytes(text), ".jsonl")
    else:
        check_text(text, ".jsonl")


# --------------------------------------------------------------------------- ACLED

_ACLED_HEADER_TEXT = ",".join(ACLED_COLUMNS) + "\n"


@scaled(2)
@given(st.text().map(lambda t: _ACLED_HEADER_TEXT + t) | st.text().map(lambda t: "event_id_cnty" + t))
def test_fuzz_acled__arbitrary_text(text):
    """Any text after an ACLED header gives records and problems, never an exception."""
    check_text(text, ".csv")


@scaled(2)
@given(data=st.binary(max_size=2000).map(lambda b: _ACLED_HEADER_TEXT.encode() + b))
def test_fuzz_acled__arbitrary_bytes(scratch, data):
    """Any bytes after an ACLED header give records and problems, never an exception."""
    check_bytes(scratch, data, ".csv")


@scaled(4)
@given(text=mutated_csv(list(ACLED_COLUMNS), ACLED_ROWS), via_file=st.booleans())
def test_fuzz_acled__mutated_rows(scratch, text, via_file):
    """Realistic ACLED rows with structure-aware mutations give records and problems."""
    if "event_id_cnty" not in text.split("\n", 1)[0]:
        text = _ACLED_HEADER_TEXT + text  # keep it ACLED when the mutation dropped that column
    if via_file:
        check_bytes(scratch, _to_bytes(text), ".csv")
    else:
        check_text(text, ".csv")


# --------------------------------------------------------------------------- accounting


_ANY_FILE = st.one_of(
    mutated_csv(CSV_HEADER, CSV_ROWS).map(lambda t: (".csv", t)),
    mutated_jsonl().map(lambda t: (".jsonl", t)),
    mutated_csv(list(ACLED_COLUMNS), ACLED_ROWS).map(lambda t: (".csv", _ACLED_HEADER_TEXT + t)),
    st.text().map(lambda t: (".csv", t)),
)


@scaled(1)
@given(files=st.lists(_ANY_FILE, min_size=1, max_size=3))
def test_accounting__read_is_linked_plus_unlinked_plus_rejected(scratch, files):
    """For any input files, read == linked + unlinked + rejected and every rejection has an error."""
    folder = fresh_folder(scratch)
    try:
        paths = []
        for i, (suffix, text) in enumerate(files):
            path = folder / f"part{i}{suffix}"
            path.write_bytes(_to_bytes(text))
            paths.append(path)
        id_fields: dict[str, str] = {}
        items = [item for path in sorted(paths, key=str) for item in read_path(path, id_fields)]
        expected = check_outcome(items, [str(p) for p in paths], id_fields)
        ledger = build_ledger(agreement_paths=CORE_PATHS, event_paths=paths)
        assert ledger.accounting == expected.accounting
        assert ledger.events == expected.events
        assert ledger.errors == expected.errors
    finally:
        shutil.rmtree(folder)


# --------------------------------------------------------------------------- determinism

_REPORTERS = {
    "ARM": "Ministry of Defence of Armenia",
    "AZE": "Ministry of Defence of Azerbaijan",
    "RUS": "Ministry of Defence of Russia",
    "none": "Reuters",
}
_TEMPLATES: tuple[tuple[str, tuple[str, ...], tuple[str | None, ...]], ...] = (
    ("territory-handover", ("Aghdam", "Kalbajar district", "Lachin district", "Akna"), (None, "AZE", "ARM")),
    ("armed-clash", ("Yeraskh", "Tavush", "Shusha"), (None, "ARM", "AZE", "NK")),
    ("shelling", ("Sotk", "Jermuk"), (None, "ARM", "AZE")),
    ("ceasefire-violation", ("Nagorno-Karabakh",), ("ARM", "AZE")),
    ("border-incursion", ("Sotk", "Jermuk"), ("AZE", "ARM")),
    ("denial", ("Tavush",), ("ARM", "AZE")),
    ("prisoner-release", ("Baku", "Yerevan"), ("ARM", "AZE")),
    ("refugee-return", ("Stepanakert",), (None,)),
    ("peacekeeper-deployment", ("Lachin corridor",), ("RUS",)),
    ("road-blocked", ("Lachin corridor",), (None, "AZE")),
    ("statement", ("Brussels",), ("ARM",)),
    ("other", ("Goris",), (None,)),
)


@st.composite
def _when(draw: st.DrawFn) -> tuple[str, str]:
    day = draw(st.dates(date(2020, 11, 10), date(2023, 12, 31)))
    shape = draw(st.sampled_from(["day", "month", "approximate", "interval", "instant"]))
    if shape == "month":
        return day.strftime("%Y-%m"), ""
    if shape == "approximate":
        return "~" + day.isoformat(), ""
    if shape == "interval":
        end = draw(st.dates(day, date(2023, 12, 31)))
        return day.isoformat(), end.isoformat()
    if shape == "instant":
        return f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:30:00+04:00", ""
    return day.isoformat(), ""


@st.composite
def valid_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    """Valid, problem-free event rows with unique ids, several accounts per incident."""
    count = draw(st.integers(1, 10))
    ids = draw(
        st.lists(st.from_regex(r"\A[A-Z]{1,3}-?[0-9]{1,4}\Z"), min_size=count, max_size=count, unique=True)
    )
    rows = []
    for event_id in ids:
        kind, places, actors = draw(st.sampled_from(_TEMPLATES))
        start, end = draw(_when())
        reporter = draw(st.sampled_from(sorted(_REPORTERS)))
        rows.append(
            {
                "id": event_id,
                "date": start,
                "date_end": end,
                "kind": kind,
                "actor": draw(st.sampled_from(actors)) or "",
                "location": draw(st.sampled_from(places)),
                "reported_by": _REPORTERS[reporter],
                "reporter_party": draw(st.sampled_from(["", reporter])),
                "source_url": f"https://example.org/{draw(st.integers(0, 4))}",
                "incident": draw(st.sampled_from(["", "", "inc-a", "inc-b"])),
                "notes": draw(st.sampled_from(["", "According to the ministry, 2 killed.", "Шуша | Şuşa"])),
            }
        )
    return rows


def _write(path: Path, rows: Sequence[dict[str, str]]) -> None:
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _reports(paths: Sequence[Path], as_of: date) -> tuple[bytes, bytes, Ledger]:
    ledger = build_ledger(agreement_paths=CORE_PATHS, event_paths=paths)
    report = Report.build(ledger, as_of)
    return render_markdown(report).encode("utf-8"), render_json(report).encode("utf-8"), ledger


@settings(max_examples=REPORTS_EXAMPLES, phases=FUZZ_PHASES)
@given(rows=valid_rows(), data=st.data())
def test_determinism__row_and_file_order_give_identical_reports(scratch, rows, data):
    """Any order of valid rows, split over files in any order, gives byte-identical reports."""
    as_of = data.draw(st.sampled_from([date(2021, 1, 1), date(2024, 1, 1)]))
    folder = fresh_folder(scratch)
    try:
        single = folder / "all.csv"
        _write(single, rows)
        markdown, js, ledger = _reports([single], as_of)
        assert ledger.problems == ()
        shuffled = data.draw(st.permutations(rows))
        parts = data.draw(st.integers(1, 3))
        cuts = sorted(data.draw(st.lists(st.integers(0, len(rows)), min_size=parts - 1, max_size=parts - 1)))
        chunks = [shuffled[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)]
        paths = []
        for i, chunk in enumerate(chunks):
            path = folder / f"part{i}{data.draw(st.sampled_from(['.csv', '.jsonl']))}"
            _write(path, chunk)
            paths.append(path)
        markdown2, js2, ledger2 = _reports(data.draw(st.permutations(paths)), as_of)
        assert ledger2.problems == ()
        assert js2 == js
        assert markdown2 == markdown
    finally:
        shutil.rmtree(folder)


# --------------------------------------------------------------------------- report safety

MD = MarkdownIt("commonmark").enable("table")
HOSTILE_TEXT: tuple[str, ...] = (
    "|", "||", "a | b", "\n", "\r\n", "\n\n", "`", "```", "<script>alert(1)</script>", "<img src=x onerror=y>",
    "[x](javascript:alert(1))", "![i](http://x)", "[r]: http://evil", "<http://evil.example>", "# x", "## x",
    "- item", "* item", "+ item", "1. item", "1) item", "> quote", "---", "===", "&lt;b&gt;", "&#60;script&#62;",
    "\\", "\\|", "*a*", "_a_", "~~a~~", "<!-- c -->", "<a href='javascript:x'>a</a>", "javascript:alert(1)",
    "\t", "    code", "<", ">", "&", "\u202e", "Ստեփանակերտ", "Xankəndi", "</td></tr>", "{{x}}", "$x$",
)  # fmt: skip
_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_hostile = (
    st.lists(st.sampled_from(HOSTILE_TEXT) | st.text(_TEXT, max_size=6), min_size=1, max_size=5)
    .map("".join)
    .filter(lambda text: not is_missing(text.strip()))
)
"""Hostile text, never a missing-value marker: ``NaN`` as the notes is an empty cell, not text to
show (``readers.fields.is_missing``; tests/test_our_missing_values.py reads those)."""
_hostile_id = _hostile.map(lambda s: visible("".join(s.split()))[:60] or "id").filter(
    lambda s: not is_missing(s)
)
"""Ids with control characters are rejected (tests/test_hostile_input.py): these are the ones kept."""
TEXT_FIELDS = ("id", "incident", "notes", "reported_by", "admin1", "location", "source_url", "kind", "actor")


@st.composite
def hostile_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    """Accounts that do get linked, with hostile text everywhere text is allowed."""
    rows: list[dict[str, str]] = []

    def account(n: int, **fields: str) -> None:
        rows.append(
            {
                "id": f"{draw(_hostile_id)}-{n:02d}",
                "reported_by": draw(_hostile).strip() or "r",
                "location": "Aghdam " + draw(_hostile),
                "admin1": draw(_hostile),
                "notes": draw(_hostile),
                "source_url": "http://example.org/" + draw(_hostile).strip(),
                **fields,
            }
        )

    for n in range(draw(st.integers(1, 2))):
        incident = draw(_hostile_id)
        account(2 * n, date="2020-11-20", kind="territory-handover", reporter_party="ARM", incident=incident)
        account(
            2 * n + 1, date="2020-11-20", kind="territory-handover", reporter_party="none", incident=incident
        )
    clash = draw(_hostile_id)
    account(10, date="2021-07-28", kind="armed-clash", actor="ARM", reporter_party="AZE", incident=clash)
    account(11, date="2021-07-28", kind="denial", actor="ARM", reporter_party="ARM", incident=clash)
    account(12, date="2021-07-29", kind="other", reporter_party="none")  # unlinked: listed by id
    account(13, date="2021-07-29", kind="kind-" + draw(_hostile_id), reporter_party="none")  # rejected
    account(14, date="2021-07-29", kind="other", actor=draw(_hostile_id), reporter_party="none")  # rejected
    return rows


def _twin(rows: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """The same rows with every piece of hostile text replaced by a plain placeholder.

    Placeholders keep the sort order of the values they replace, so events, incidents and
    sources come out in the same order and the document has the same shape.
    """
    values = sorted({row[name] for row in rows for name in TEXT_FIELDS if row.get(name)})
    names = {value: f"v{rank:04d}" for rank, value in enumerate(values)}

    def plain(value: str) -> str:
        return names[value]

    twins = []
    for row in rows:
        twin = dict(row)
        for name in TEXT_FIELDS:
            value = row.get(name, "")
            if (
                not value
                or (name == "kind" and value in EVENT_KIND_SET)
                or (name == "actor" and value == "ARM")
            ):
                continue
            if name == "location":
                twin[name] = "Aghdam " + plain(value)
            elif name == "source_url":
                twin[name] = "http://example.org/" + plain(value)
            elif name == "kind":
                twin[name] = "kind-" + plain(value)
            else:
                twin[name] = plain(value)
        twins.append(twin)
    return twins


def _markdown_for(rows: Sequence[dict[str, str]]) -> tuple[str, Ledger]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    items = read_stream(out.getvalue(), ".csv", "hostile.csv")
    ledger = assemble(CORE, PARTIES, items)
    return render_markdown(Report.build(ledger, date(2022, 1, 1))), ledger


def _walk(tokens: Iterable[Token]) -> Iterable[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _unescaped_pipes(line: str) -> int:
    """Cell separators as GFM splits a table row: every ``|`` not directly after a backslash.

    (GFM and markdown-it treat ``\\|`` as an escaped pipe even after another backslash.)
    """
    return sum(1 for i, char in enumerate(line) if char == "|" and (i == 0 or line[i - 1] != "\\"))


def assert_safe_markdown(markdown: str) -> list[Token]:
    """No HTML, no images, only http(s) links (or the method page), and whole table rows."""
    tokens = MD.parse(markdown)
    for token in _walk(tokens):
        assert token.type not in ("html_block", "html_inline"), token.content
        assert token.type != "image", token.attrs
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            assert href.startswith(("http://", "https://")) or href == METHOD_URL, href
    cells: list[list[int]] = []
    count = 0
    for token in tokens:
        if token.type == "table_open":
            cells.append([])
        elif token.type == "tr_open":
            count = 0
        elif token.type in ("th_open", "td_open"):
            count += 1
        elif token.type == "tr_close":
            cells[-1].append(count)
    assert all(len(set(rows)) == 1 for rows in cells), cells
    lines = markdown.split("\n")
    tables = 0
    for i, line in enumerate(lines):
        if re.fullmatch(r"\|(---\|)+", line):
            tables += 1
            width = _unescaped_pipes(lines[i - 1])
            assert line.count("|") == width
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                assert _unescaped_pipes(lines[j]) == width, lines[j]
                j += 1
            assert j == len(lines) or lines[j] == "", f"table row broken at line {j + 1}: {lines[j]!r}"
    assert tables == len(cells)
    return tokens


def _plain_lines(tokens: Sequence[Token]) -> list[str]:
    return [
        "".join(c.content for c in token.children or () if c.type in ("text", "code_inline"))
        for token in tokens
        if token.type == "inline"
    ]


def _blocks(tokens: Sequence[Token]) -> list[tuple[str, str, int]]:
    return [(t.type, t.tag, t.nesting) for t in tokens]


@settings(max_examples=REPORTS_EXAMPLES, phases=FUZZ_PHASES)
@given(hostile_rows())
def test_report_safety__hostile_event_text_stays_text(rows):
    """Hostile text in event fields never becomes HTML, a script, a link, an image or a broken row."""
    markdown, ledger = _markdown_for(rows)
    assert ledger.accounting.rejected == 2
    assert (
        ledger.accounting.unlinked == 1
    )  # the "other" account (the denial answers the clash of its incident)
    tokens = assert_safe_markdown(markdown)
    twin_markdown, twin_ledger = _markdown_for(_twin(rows))
    assert twin_ledger.accounting == ledger.accounting
    assert _blocks(tokens) == _blocks(MD.parse(twin_markdown)), "hostile text changed the document structure"
    shown = "\n".join(_plain_lines(tokens))
    for row in rows:
        if row["kind"] in ("territory-handover", "armed-clash", "denial"):
            assert visible(" ".join(row["notes"].split())) in shown, row["notes"]
            assert visible(" ".join(row["reported_by"].split())) in shown, row["reported_by"]


def test_report_safety__bundled_report_is_safe():
    """The report on the bundled data passes the same safety checks."""
    ledger = build_ledger()
    assert_safe_markdown(render_markdown(Report.build(ledger, date(2024, 1, 1))))


@pytest.mark.parametrize(
    ("event_id", "incident"),
    [("E_001", "2021-07-28_yeraskh"), ("ts*1", "inc#1"), ("AM<1>", "a&b")],
)
def test_report_ids__shown_verbatim(event_id, incident):
    """Event and incident ids read exactly as in the input (no visible escapes)."""
    rows = [
        {"id": event_id, "date": "2021-07-28", "kind": "armed-clash", "actor": "ARM", "location": "Yeraskh",
         "reported_by": "Ministry of Defence of Azerbaijan", "reporter_party": "AZE", "incident": incident},
        {"id": "other-account", "date": "2021-07-28", "kind": "denial", "actor": "ARM", "location": "Yeraskh",
         "reported_by": "Ministry of Defence of Armenia", "reporter_party": "ARM", "incident": incident},
    ]  # fmt: skip
    markdown, ledger = _markdown_for(rows)
    assert ledger.errors == ()
    lines = _plain_lines(MD.parse(markdown))
    evidence = [line for line in lines if line.startswith("breaches, ")]
    assert evidence
    assert all(re.search(rf": A\d+ {re.escape(event_id)} 2021-07-28", line) for line in evidence), evidence
    entries = [line for line in lines if re.match(rf"A\d+ {re.escape(event_id)} · ", line)]
    assert len(entries) == 1, entries
    headings = [line for line in lines if line.startswith("Incident ")]
    assert headings
    assert all(
        line == f"Incident {incident}: accounts side by side (attributed, not adjudicated):"
        for line in headings
    )


# --------------------------------------------------------------------------- limits


def _huge_csv() -> tuple[str, int]:
    return (
        "id,date,kind,reported_by,notes\n"
        f"H1,2021-07-28,statement,Reuters,{HUGE}\n"
        "H2,2021-07-28,statement,Reuters,fine\n",
        2,
    )


def _huge_jsonl() -> tuple[str, int]:
    good = {"id": "H2", "date": "2021-07-28", "kind": "statement", "reported_by": "Reuters"}
    return json.dumps({**good, "id": "H1", "notes": HUGE}) + "\n" + json.dumps(good) + "\n", 1


def _huge_acled() -> tuple[str, int]:
    rows = [_acled(event_id_cnty="H1", notes=HUGE), _acled(event_id_cnty="H2")]
    return write_table(list(ACLED_COLUMNS), rows), 2


@pytest.mark.parametrize(
    ("suffix", "make"),
    [(".csv", _huge_csv), (".jsonl", _huge_jsonl), (".csv", _huge_acled)],
    ids=["csv", "jsonl", "acled"],
)
def test_limits__huge_field_gives_one_problem(suffix, make):
    """A 20,000-character field gives one clear problem for its row, quickly; the next row loads."""
    text, line = make()
    started = time.perf_counter()
    items = read_stream(text, suffix)
    ledger = check_outcome(items, [f"fuzz{suffix}"])
    assert time.perf_counter() - started < 5
    [first, second] = [item for item in items if isinstance(item, Record)]
    assert first.rejected
    [problem] = first.problems
    assert (problem.line, problem.field, problem.severity) == (line, "notes", Severity.ERROR)
    assert "20000" in problem.message
    assert second.event is not None
    assert [e.id for e in ledger.events] == ["H2"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("id,date,kind,reported_by,notes\nN1,2021-07-28,statement,Reuters,a\x00b\nN2,2021-07-28,statement,Reuters,\n", "notes"),
        (write_table(list(ACLED_COLUMNS), [_acled(event_id_cnty="N1", notes="a\x00b"), _acled(event_id_cnty="N2")]), "notes"),
        (write_table(list(ACLED_COLUMNS), [_acled(event_id_cnty="N1", admin3="a\x00b"), _acled(event_id_cnty="N2")]), "admin3"),
    ],
    ids=["ours", "acled", "acled-unread-column"],
)  # fmt: skip
def test_limits__a_nul_character_in_a_short_row_rejects_that_row_naming_its_field(text, field):
    """A row within the length limit is not scanned field by field, so its NUL must still be
    found: the row is rejected with a problem naming the field, and the next row loads."""
    items = read_stream(text, ".csv")
    ledger = check_outcome(items, ["fuzz.csv"])
    [first, second] = [item for item in items if isinstance(item, Record)]
    assert first.rejected
    assert [(p.line, p.field) for p in first.problems] == [(2, field)]
    assert second.event is not None
    assert [e.id for e in ledger.events] == ["N2"]


@pytest.mark.parametrize("column", COLUMNS)
def test_limits__huge_field_in_any_csv_column(column):
    """Whichever column holds 20,000 characters, the row gets one problem naming that column."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(id="H1", date="2021-07-28", kind="statement", reported_by="Reuters")
    row[column] = HUGE
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    [record] = read_stream(out.getvalue(), ".csv")
    assert isinstance(record, Record)
    assert [(p.field, p.severity) for p in record.problems] == [(column, Severity.ERROR)]


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ff"
)
NOT_DECLARED = {
    "png-named-csv": ("image.csv", PNG),
    "png-named-jsonl": ("image.jsonl", PNG),
    "zip-named-csv": ("sheet.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256))),
    "json-array-named-jsonl": (
        "array.jsonl",
        json.dumps(
            [{"id": "A1", "date": "2021-07-28", "kind": "statement", "reported_by": "Reuters"}]
        ).encode(),
    ),
    "pretty-json-array-named-jsonl": (
        "pretty.jsonl",
        json.dumps(
            [{"id": "A1", "date": "2021-07-28", "kind": "statement", "reported_by": "Reuters"}], indent=2
        ).encode(),
    ),
    "toml-named-csv": ("agreement.csv", bundled.agreement_paths()[1].read_bytes()),
    "utf16-csv": (
        "utf16.csv",
        "id,date,kind,reported_by\nA1,2021-07-28,statement,Reuters\n".encode("utf-16"),
    ),
    "csv-named-jsonl": ("events.jsonl", bundled.EVENTS_FILE.read_bytes()[:3000]),
    "acled-named-jsonl": ("acled.jsonl", write_table(list(ACLED_COLUMNS), ACLED_ROWS).encode()),
    "only-bom": ("bom.csv", b"\xef\xbb\xbf"),
    "empty": ("empty.csv", b""),
}


@pytest.mark.parametrize("case", list(NOT_DECLARED))
def test_limits__file_not_of_declared_format_gives_problems(tmp_path, case):
    """A file that is not what its name says (PNG as .csv, JSON array as .jsonl) gives problems."""
    name, data = NOT_DECLARED[case]
    path = tmp_path / name
    path.write_bytes(data)
    ledger = build_ledger(event_paths=[path])
    acc = ledger.accounting
    assert acc.read == acc.linked + acc.unlinked + acc.rejected
    mine = [p for p in ledger.problems if p.file == str(path)]
    assert mine, "expected at least one problem about the file"
    if case not in ("empty", "only-bom"):
        assert any(p.severity is Severity.ERROR for p in mine)
    assert ledger.events == ()


def test_limits__binary_agreement_file_gives_problems(tmp_path):
    """PNG bytes or a JSON document named .toml give problems, not a traceback."""
    for name, data in (("image.toml", PNG), ("doc.toml", b'{"id": "x"}'), ("empty.toml", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        agreement, problems = load_agreement_file(path)
        assert agreement is None
        assert problems
        assert all(p.file == str(path) and p.message for p in problems)


# --------------------------------------------------------------------------- known crash inputs


@pytest.mark.parametrize(
    ("suffix", "text", "field"),
    [
        (".csv", "id,date,kind,reported_by,fatalities\nF1,2021-07-28,armed-clash,Reuters,²\n", "fatalities"),
        (".jsonl", '{"id":"F1","date":"2021-07-28","kind":"armed-clash","reported_by":"Reuters","fatalities":"²"}\n',
         "fatalities"),
        (".csv", write_table(list(ACLED_COLUMNS), [_acled(fatalities="²")]), "fatalities"),
        (".csv", write_table(list(ACLED_COLUMNS), [_acled(timestamp="²")]), None),
    ],
    ids=["csv-fatalities", "jsonl-fatalities", "acled-fatalities", "acled-timestamp"],
)  # fmt: skip
def test_numbers__unicode_digit_gives_problem(suffix, text, field):
    """A superscript digit (``'²'.isdigit()`` but ``int('²')`` fails) gives a problem, not a crash."""
    items = read_stream(text, suffix)
    check_outcome(items, [f"fuzz{suffix}"])
    problems = [p for item in items if isinstance(item, Record) for p in item.problems]
    if field is not None:  # ACLED's timestamp is optional metadata: a bad one is ignored
        assert field in {p.field for p in problems}


def test_jsonl_text__lone_surrogate_escape_gives_problem():
    """A JSON ``\\ud800`` escape (a lone surrogate, not text) is a problem, not an unwritable event."""
    line = '{"id":"S1","date":"2020-11-20","kind":"territory-handover","location":"Aghdam","reported_by":"Reuters","notes":"x\\ud800y"}'
    items = read_stream(line + "\n", ".jsonl")
    problems = [p for item in items if isinstance(item, Record) for p in item.problems]
    assert problems, "the lone surrogate was accepted silently"
    check_outcome(items, ["fuzz.jsonl"])


def test_csv_header__invalid_utf8_gives_writable_problems(tmp_path):
    """Invalid UTF-8 in a CSV header gives problems that can be written out as UTF-8."""
    path = tmp_path / "image.csv"
    path.write_bytes(PNG)
    ledger = build_ledger(event_paths=[path])
    assert ledger.problems
    assert_writable(ledger)
    render_json(Report.build(ledger, date(2022, 1, 1))).encode("utf-8")


def test_csv_header__blank_column_names_give_named_problems():
    """Blank header cells (a spreadsheet's trailing commas) give problems that name a field."""
    items = read_stream("id,date,kind,reported_by,,\nB1,2021-07-28,statement,Reuters,,\n", ".csv")
    problems = [item for item in items if isinstance(item, Problem)]
    assert problems
    for problem in problems:
        assert problem.field, problem
        assert re.fullmatch(r"fuzz\.csv:1: [^:\s][^:]*: .+", str(problem)), str(problem)


def test_agreement_toml__deep_nesting_gives_problem():
    """Deeply nested arrays in an agreement file give a problem, not a RecursionError."""
    agreement, problems = load_agreement_text("id = " + "[" * 5000, "deep.toml")
    assert agreement is None
    assert problems


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("deadline = 2020-11-20", "deadline = 9999-12-31"),
        ("in_force = 2020-11-10T00:00:00+03:00", "in_force = 0001-01-01T00:00:00+03:00"),
        ("date = 2020-11-10", "date = 0001-01-01"),
    ],
    ids=["deadline-9999", "in-force-year-1", "date-year-1"],
)
def test_agreement_dates__out_of_range_give_problems_not_a_crash(tmp_path, old, new):
    """Agreement dates at the ends of the calendar give problems or a report, never an OverflowError."""
    text = AGREEMENT_TEXTS["trilateral-2020.toml"]
    assert old in text
    path = tmp_path / "trilateral-2020.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    ledger = build_ledger(agreement_paths=[path], event_paths=[bundled.EVENTS_FILE])
    report = Report.build(ledger, date(2024, 1, 1))
    render_markdown(report)
    render_json(report)


# --------------------------------------------------------------------------- the command line

BROKEN_AGREEMENT = """\
id = "test-unblocking-2021"
title = "Statement on unblocking transport links (test file with a misspelt key)"
short_title = "Unblocking test statement"
date = 2021-01-11
nature = "joint-declaration"
signatories = ["ARM", "AZE", "RUS"]
utc_offset = "+03:00"
sources = ["https://example.org/statement-2021-01-11"]

[[articles]]
number = "1"
title = "Unblocking"
text = "All economic and transport links in the region shall be unblocked."
source = "https://example.org/statement-2021-01-11"

[[obligations]]
id = "tu2021-1-unblock"
article = "1"
summary = "Armenia and Azerbaijan unblock economic and transport links."
bearers = ["ARM", "AZE"]
modality = "obligation"
kind = "achievement"
in_force = 2021-01-11
deadlne = 2021-03-01
"""
BROKEN_EVENTS = (
    "id,date,date_end,kind,actor,location,reported_by,reporter_party,incident,links,notes\n"
    "G1,2020-11-20,,territory-handover,,Aghdam,Reuters,none,,,Azerbaijani forces entered Aghdam.\n"  # 2 linked
    "B1,2021-13-01,,armed-clash,AZE,Yeraskh,Ministry of Defence of Armenia,,,,Bad month.\n"  # 3
    "G2,2021-07-28,,armed-clash,AZE,Yeraskh,Ministry of Defence of Armenia,,2021-07-28-yeraskh,,Clash.\n"  # 4 linked
    "B2,2021-07-28,,skirmish,AZE,Yeraskh,Reuters,,,,Unknown kind.\n"  # 5
    "B3,2021-07-28,other\n"  # 6
    "G3,2021-08-01,,other,,Goris,Reuters,,,,Nothing to link.\n"  # 7 unlinked
)
_PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


@pytest.fixture
def broken_inputs(tmp_path: Path) -> list[str]:
    agreement = tmp_path / "unblocking.toml"
    agreement.write_text(BROKEN_AGREEMENT, encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text(BROKEN_EVENTS, encoding="utf-8")
    return [
        "--agreement-file", str(agreement),
        "--agreement-file", str(ROOT / "agreements" / "trilateral-2020.toml"),
        "--agreement-file", str(ROOT / "agreements" / "five-principles-2022.toml"),
        "--events", str(events),
        "--as-of", "2023-01-01",
    ]  # fmt: skip


def _stderr_problems(err: str) -> list[re.Match[str]]:
    lines = [line for line in err.splitlines() if line]
    matches = [_PROBLEM_LINE.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    return [m for m in matches if m]


def test_cli_report__broken_inputs_reported_and_good_records_kept(capsys, broken_inputs):
    """Broken event rows and a broken agreement: exit 0, problems on stderr and in the report."""
    code = main(["report", *broken_inputs, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    report = json.loads(out)
    problems = _stderr_problems(err)
    where = {(m["file"].rsplit("/", 1)[-1], int(m["line"]), m["field"]) for m in problems}
    assert {("events.csv", 3, "date"), ("events.csv", 5, "kind"), ("events.csv", 6, "-")} <= where
    [toml] = [m for m in problems if m["file"].endswith("unblocking.toml")]
    assert int(toml["line"]) > 0
    assert "deadlne" in toml["message"]
    listed = {(p["file"], p["line"], p["field"]) for p in report["problems"]}
    assert {(m["file"], int(m["line"]), m["field"]) for m in problems} == listed
    assert report["accounting"] == {
        "read": 6,
        "linked": 2,
        "unlinked": 1,
        "rejected": 3,
        "unlinked_reasons": {"no rule matches": 1},
    }
    shown = {e["id"] for e in report["events"]} | set(report["unlinked"])
    assert {"G1", "G2", "G3"} <= shown
    assert not {"B1", "B2", "B3"} & shown
    assert [a["id"] for a in report["agreements"]] == ["trilateral-2020", "five-principles-2022"]


def test_cli_report__markdown_lists_the_problems(capsys, broken_inputs):
    """The Markdown report lists every problem in its Problems table, safely."""
    code = main(["report", *broken_inputs])
    out, err = capsys.readouterr()
    assert code == 0
    tokens = assert_safe_markdown(out)
    shown = "\n".join(_plain_lines(tokens))
    assert "deadlne" in shown
    for m in _stderr_problems(err):
        assert m["message"].removeprefix("warning: ")[:40] in shown


def test_cli_report__strict_exits_1(capsys, broken_inputs):
    """With ``--strict`` the same input exits 1 with its problems, and no report built on part of it."""
    code = main(["report", *broken_inputs, "--format", "json", "--strict"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert _stderr_problems(err)


def test_cli_report__undecodable_inputs_still_give_a_report(capsys, tmp_path):
    """Invalid UTF-8 and lone-surrogate escapes in inputs still give a written report (exit 0)."""
    image = tmp_path / "image.csv"
    image.write_bytes(PNG)
    escaped = tmp_path / "escaped.jsonl"
    escaped.write_text(
        '{"id":"S1","date":"2020-11-20","kind":"territory-handover","location":"Aghdam",'
        '"reported_by":"Reuters","notes":"x\\ud800y"}\n',
        encoding="utf-8",
    )
    for fmt in ("json", "markdown"):
        output = tmp_path / f"report.{fmt}"
        code = main(["report", "--events", str(image), "--events", str(escaped), "--as-of", "2022-01-01",
                     "--format", fmt, "--output", str(output)])  # fmt: skip
        _, err = capsys.readouterr()
        assert code == 0, err
        output.read_bytes().decode("utf-8")


def test_cli_report__as_of_out_of_range_is_a_usage_error(capsys):
    """``--as-of 9999-12-31`` is refused with a message (exit 2), not an OverflowError."""
    try:
        code = main(["report", "--as-of", "9999-12-31"])
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    _, err = capsys.readouterr()
    assert code == 2
    assert "9999-12-31" in err


# --------------------------------------------------------------------------- safe loading

UNSAFE = re.compile(r"\beval\(|\bexec\(|\bpickle\b|yaml\.load\(|shell\s*=\s*True")


def test_safe_loading__no_eval_exec_pickle_yaml_load_or_shell():
    """Library and data sources use no eval, exec, pickle, yaml.load or shell=True."""
    sources = [
        p
        for folder in ("compliance", "agreements")
        for p in sorted((ROOT / folder).rglob("*"))
        if p.is_file()
    ]
    assert any(p.suffix == ".py" for p in sources)
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        if path.suffix in (".py", ".toml", ".csv", ".txt", ".cfg")
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if UNSAFE.search(line)
    ]
    assert found == []


def test_safe_loading__pattern_catches_the_forbidden_calls():
    """The safe-loading pattern matches each forbidden call (and not ``evaluate(``)."""
    for bad in ("eval(x)", "exec(code)", "import pickle", "yaml.load(f)", "run(cmd, shell=True)"):
        assert UNSAFE.search(bad), bad
    assert not UNSAFE.search("evaluate(agreements)")
    assert not UNSAFE.search("yaml.safe_load(f)")
