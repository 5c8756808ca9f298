"""The documentation describes the vocabulary, formats and schemas the code actually uses.

docs/event-kinds.md, docs/event-formats.md and docs/report-schema.md are written so that their
tables and examples can be read back here: a table's first column holds the key (in backticks),
report-schema sections are named by their schema string (``ceasefire-compliance/report/1``) and
object path (``$.agreements[]``), and example files sit in fenced blocks tagged ``csv our-format``,
``jsonl`` and ``csv acled``.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import agreements as bundled
from compliance.cli import main
from compliance.core.problems import Severity
from compliance.core.vocabulary import EVENT_KINDS, Status
from compliance.linking.ledger import Ledger, assemble
from compliance.linking.scope import REASONS
from compliance.readers import read_event_stream
from compliance.readers.acled import ACLED_COLUMNS, KIND_BY_EVENT_TYPE, KIND_BY_TYPE
from tests import test_reliability_doc as reliability_doc
from tests.support import AGREEMENTS, PARTIES, RESOLVE_REPORTER

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BUNDLED_EVENTS = ROOT / "agreements" / "events.csv"
SCHEMA_HEADING = re.compile(r"^## .*`ceasefire-compliance/(?P<name>[a-z]+)/\d+`")
PATH_HEADING = re.compile(r"^### `(?P<path>\$[^`]*)`")
BACKTICKED = re.compile(r"`([^`]+)`")
NAMED_TEST = re.compile(r"`(?:tests/[\w/]+\.py::)?test_[\w*]+`")

Table = list[list[str]]


# --------------------------------------------------------------------------- reading the docs


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def _tables(lines: list[str]) -> Iterator[tuple[int, Table]]:
    """Every Markdown table as (index of its header line, rows including the header)."""
    i = 0
    while i < len(lines) - 1:
        if lines[i].lstrip().startswith("|") and re.match(r"^\s*\|[\s:|-]+\|\s*$", lines[i + 1]):
            start = i
            rows = [_cells(lines[i])]
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            yield start, rows
        else:
            i += 1


def _table_with_header(text: str, *header: str) -> Table:
    """The one table whose header row is exactly ``header``."""
    found = [rows for _, rows in _tables(text.splitlines()) if tuple(rows[0]) == header]
    assert len(found) == 1, f"expected one table headed {header}, found {len(found)}"
    return found[0]


def _code(cell: str) -> str:
    """The text of a cell that is one code span: `` `armed-clash` `` → ``armed-clash``."""
    match = re.fullmatch(r"`([^`]+)`", cell)
    assert match is not None, f"expected a single `code` value, got {cell!r}"
    return match[1]


def _key_tables() -> dict[tuple[str, str], Table]:
    """report-schema.md's key tables by (schema name, object path), e.g. ('report', '$.events[]')."""
    lines = _doc("report-schema.md").splitlines()
    starts = dict(_tables(lines))
    section = ""
    found: dict[tuple[str, str], Table] = {}
    for i, line in enumerate(lines):
        if heading := SCHEMA_HEADING.match(line):
            section = heading["name"]
        elif path := PATH_HEADING.match(line):
            table = next(starts[j] for j in sorted(starts) if j > i)
            assert table[0][0] == "key", f"the table after {line!r} must start with a 'key' column"
            found[(section, path["path"])] = table
    return found


def _objects_at(data: Any, path: str) -> list[dict[str, Any]]:
    """All objects a documented path names: ``$.agreements[].articles[]``, ``$.findings.*[]``."""
    current = [data]
    for step in filter(None, path.removeprefix("$").split(".")):
        name, many = step.removesuffix("[]"), step.endswith("[]")
        after: list[Any] = []
        for obj in current:
            if name == "*":
                after.extend(obj.values())
            elif obj.get(name) is not None:
                after.append(obj[name])
        current = [item for value in after for item in value] if many else after
    return current


def _check_keys(objects: list[dict[str, Any]], table: Table, where: str) -> None:
    """Objects have exactly the documented keys; a 'present'/'when absent' column marks optional ones."""
    header = table[0]
    documented = {_code(row[0]) for row in table[1:]}
    optional_column = next((i for i, h in enumerate(header) if h in ("present", "when absent")), None)
    required = documented
    if optional_column is not None:
        required = {
            _code(row[0]) for row in table[1:] if row[optional_column] in ("always", "always present")
        }
    for obj in objects:
        keys = set(obj)
        assert keys <= documented, f"{where}: undocumented keys {sorted(keys - documented)}"
        assert required <= keys, f"{where}: documented keys missing {sorted(required - keys)}"
        if optional_column is None:
            assert keys == documented, f"{where}: keys {sorted(keys)} != documented {sorted(documented)}"


def _examples(info: str) -> list[str]:
    """Bodies of the fenced code blocks in event-formats.md whose info string is ``info``."""
    blocks: list[str] = []
    body: list[str] | None = None
    for line in _doc("event-formats.md").splitlines():
        if body is None and line.startswith("```") and line[3:].strip() == info:
            body = []
        elif body is not None and line.strip() == "```":
            blocks.append("\n".join(body) + "\n")
            body = None
        elif body is not None:
            body.append(line)
    return blocks


def _load(text: str, suffix: str) -> Ledger:
    records = list(
        read_event_stream(io.StringIO(text), f"example{suffix}", suffix, PARTIES.resolve, RESOLVE_REPORTER)
    )
    return assemble(AGREEMENTS, PARTIES, records)


def _run(argv: list[str], output: Path) -> dict[str, Any]:
    assert main([*argv, "--output", str(output)]) == 0
    data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return data


# --------------------------------------------------------------------------- event-kinds.md


def test_event_kinds_table_lists_exactly_the_vocabulary() -> None:
    """docs/event-kinds.md has one row per kind of EVENT_KINDS, in the same order."""
    table = _table_with_header(
        _doc("event-kinds.md"),
        "kind",
        "meaning",
        "typical actor",
        "used by (obligations that link it by rule)",
    )
    assert tuple(_code(row[0]) for row in table[1:]) == EVENT_KINDS


def test_event_kinds_used_by_column_matches_the_link_rules() -> None:
    """The 'used by' column names exactly the obligations whose link rules list the kind."""
    table = _table_with_header(
        _doc("event-kinds.md"),
        "kind",
        "meaning",
        "typical actor",
        "used by (obligations that link it by rule)",
    )
    by_rule: dict[str, set[str]] = {kind: set() for kind in EVENT_KINDS}
    for agreement in AGREEMENTS:
        for ob in agreement.obligations:
            for rule in ob.rules:
                for kind in rule.kinds:
                    by_rule[kind].add(ob.id)
    for row in table[1:]:
        kind = _code(row[0])
        documented = set(BACKTICKED.findall(row[3]))
        assert documented == by_rule[kind], f"{kind}: documented {sorted(documented)}"
        if not documented:
            assert row[3] == "explicit links only", kind


# --------------------------------------------------------------------------- obligation-logic.md


def test_obligation_logic__the_statuses_are_exactly_the_vocabulary() -> None:
    """The page's list of statuses ("Exactly these: …") is the Status vocabulary, in its order."""
    text = _doc("obligation-logic.md")
    listed = text.split("Exactly these:", 1)[1].split("\n\n", 1)[0]
    named = [name for name in BACKTICKED.findall(listed) if not name.startswith("test")]
    assert named == [status.value for status in Status]


def test_obligation_logic__every_section_of_rules_names_a_test() -> None:
    """Each section of docs/obligation-logic.md names at least one test that holds its rule; the
    statuses, punctual duties and proposals named none."""
    sections = _doc("obligation-logic.md").split("\n## ")[1:]
    assert len(sections) > 15
    silent = [s.split("\n", 1)[0] for s in sections if not NAMED_TEST.search(s)]
    assert silent == []


def test_docs__every_named_test_exists() -> None:
    """Every `test_…` (or `tests/file.py::test_…`, or a `test_prefix*` pattern) that the README or
    a page of docs/ names is a real test."""
    tests = reliability_doc._tests()
    for page in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        assert reliability_doc.missing(text, tests) == [], page.name


def _importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def test_docs__every_dotted_name_of_the_library_resolves() -> None:
    """Each `compliance.module.name` the README or a page of docs/ gives can be imported and
    looked up (`NOT_ACTS` had moved out of `compliance.evaluation.grading`)."""
    names = set()
    for page in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        names |= set(re.findall(r"`(compliance(?:\.\w+)+)", page.read_text(encoding="utf-8")))
    assert len(names) > 10
    unresolved = []
    for name in sorted(names):
        parts = name.split(".")
        found = next(i for i in range(len(parts), 0, -1) if _importable(".".join(parts[:i])))
        obj: object = importlib.import_module(".".join(parts[:found]))
        for part in parts[found:]:
            obj = getattr(obj, part, None)
        if obj is None:
            unresolved.append(name)
    assert unresolved == []


# --------------------------------------------------------------------------- event-formats.md


def test_acled_mapping_table_matches_the_reader() -> None:
    """The ACLED (event_type, sub_event_type) → kind tables equal KIND_BY_TYPE and KIND_BY_EVENT_TYPE."""
    text = _doc("event-formats.md")
    pairs = _table_with_header(text, "event_type", "sub_event_type", "kind")
    documented = {(_code(r[0]), _code(r[1])): _code(r[2]) for r in pairs[1:]}
    assert len(documented) == len(pairs) - 1, "a pair is listed twice"
    assert documented == KIND_BY_TYPE
    fallback = _table_with_header(text, "event_type", "kind")
    assert {_code(r[0]): _code(r[1]) for r in fallback[1:]} == KIND_BY_EVENT_TYPE


def test_unlinked_reasons_table_lists_exactly_the_reasons_in_order() -> None:
    """The table of unlinked reasons holds every reason an account can be counted under, in the
    order of REASONS (the order the accounting lists them in)."""
    table = _table_with_header(_doc("event-formats.md"), "reason", "meaning")
    assert [row[0] for row in table[1:]] == list(REASONS)


def test_acled_column_table_lists_the_31_standard_columns() -> None:
    """The ACLED column table names each of the 31 standard columns once."""
    table = _table_with_header(_doc("event-formats.md"), "ACLED column", "becomes")
    named = [name for row in table[1:] for name in BACKTICKED.findall(row[0])]
    assert sorted(named) == sorted(ACLED_COLUMNS)
    assert len(ACLED_COLUMNS) == 31


@pytest.mark.parametrize(
    ("info", "suffix", "acled"),
    [("csv our-format", ".csv", False), ("jsonl", ".jsonl", False), ("csv acled", ".csv", True)],
)
def test_format_examples_load_without_errors(info: str, suffix: str, acled: bool) -> None:
    """Each example file in docs/event-formats.md loads with no ERROR problems and no rejections."""
    blocks = _examples(info)
    assert len(blocks) == 1, f"expected one ```{info} block, found {len(blocks)}"
    ledger = _load(blocks[0], suffix)
    errors = [str(p) for p in ledger.problems if p.severity is Severity.ERROR]
    assert errors == []
    records = len(list(csv.reader(io.StringIO(blocks[0])))) - 1 if suffix == ".csv" else None
    if records is None:
        records = sum(1 for line in blocks[0].splitlines() if line.strip())
    assert ledger.accounting.read == records > 0
    assert ledger.accounting.rejected == 0
    assert all(e.reported_by.startswith("ACLED") == acled for e in ledger.events), "read as the wrong format"


def test_our_format_and_jsonl_examples_are_bundled_accounts_verbatim() -> None:
    """The CSV and JSON Lines examples repeat rows of agreements/events.csv without changing a value."""
    bundled_text = BUNDLED_EVENTS.read_text(encoding="utf-8")
    bundled = {row["id"]: row for row in csv.DictReader(io.StringIO(bundled_text))}
    (our,) = _examples("csv our-format")
    assert our.splitlines()[0] == bundled_text.splitlines()[0], "header differs from the bundled file"
    for row in csv.DictReader(io.StringIO(our)):
        assert row == bundled[row["id"]], row["id"]
    (jsonl,) = _examples("jsonl")
    for line in filter(str.strip, jsonl.splitlines()):
        obj = json.loads(line)
        row = bundled[obj["id"]]
        for key, expected in row.items():
            value = obj.get(key)
            text = ";".join(value) if isinstance(value, list) else "" if value is None else str(value)
            assert text == expected, f"{obj['id']}.{key}"


# --------------------------------------------------------------------------- report-schema.md


def test_readme_names_every_key_of_the_rows_in_order(tmp_path: Path) -> None:
    """The README's paragraph on `report.to_rows()` names each key of a row, in the order of the
    CSV header (it named a dozen, and the rest as "the reason, term, report date")."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme.split("`report.to_rows()` gives one flat dict per obligation:", 1)[1].split("\n\n", 1)[
        0
    ]
    out = tmp_path / "rows.csv"
    assert main(["report", "--as-of", "2023-06-30", "--format", "csv", "--output", str(out)]) == 0
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    named = list(dict.fromkeys(name for name in BACKTICKED.findall(paragraph) if name in header))
    assert named == header


def test_report_json_keys_are_exactly_those_documented(tmp_path: Path) -> None:
    """The report's top-level, agreement, article, obligation, evidence and history keys match the doc."""
    report = _run(["report", "--as-of", "2024-01-01", "--format", "json"], tmp_path / "report.json")
    tables = {path: table for (section, path), table in _key_tables().items() if section == "report"}
    must = (
        "$",
        "$.agreements[]",
        "$.agreements[].articles[]",
        "$.agreements[].articles[].obligations[]",
        "$.agreements[].articles[].obligations[].evidence[]",
        "$.agreements[].articles[].obligations[].history[]",
    )
    for path in must:
        assert path in tables, f"report-schema.md documents no {path}"
        assert _objects_at(report, path), f"the bundled report has no {path} to compare"
    for path, table in tables.items():
        _check_keys(_objects_at(report, path), table, f"report {path}")
    assert report["schema"] == "ceasefire-compliance/report/1"


def test_report_json_event_and_problem_keys_are_documented(tmp_path: Path) -> None:
    """ACLED events (involved, coordinates) and problems in a report use only documented keys."""
    (acled,) = _examples("csv acled")
    events = tmp_path / "acled.csv"
    events.write_text(acled, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date,kind,reported_by\nX1,2021-02-30,shootout,Someone\n", encoding="utf-8")
    argv = ["report", "--as-of", "2024-01-01", "--format", "json", "--events", str(events)]
    report = _run([*argv, "--events", str(bad)], tmp_path / "report.json")
    tables = {path: table for (section, path), table in _key_tables().items() if section == "report"}
    for path in ("$.events[]", "$.events[].when", "$.events[].coordinates", "$.problems[]"):
        assert _objects_at(report, path), f"the report has no {path} to compare"
        _check_keys(_objects_at(report, path), tables[path], f"report {path}")
    assert any("involved" in e for e in report["events"])


@pytest.mark.parametrize(
    ("section", "argv"),
    [
        ("timeline", ["timeline", "--from", "2020-11-01", "--to", "2021-03-31", "--format", "json"]),
        ("diff", ["diff", "--from", "2021-01-01", "--to", "2024-01-01", "--format", "json"]),
        ("agreements", ["agreements", "--format", "json"]),
        ("activity", ["activity", "--from", "2020-11-01", "--to", "2023-12-31", "--format", "json"]),
    ],
)
def test_timeline_diff_and_agreements_json_keys_are_documented(
    tmp_path: Path, section: str, argv: list[str]
) -> None:
    """The timeline, diff, agreements and activity outputs use exactly the documented keys."""
    data = _run(argv, tmp_path / "out.json")
    tables = {path: table for (name, path), table in _key_tables().items() if name == section}
    assert "$" in tables, f"report-schema.md documents no {section} schema"
    headings = [
        m.group(0) for line in _doc("report-schema.md").splitlines() if (m := SCHEMA_HEADING.match(line))
    ]
    assert any(f"`{data['schema']}`" in h for h in headings), (
        f"{data['schema']} is not the documented version"
    )
    assert data["schema"].startswith(f"ceasefire-compliance/{section}/")
    for path, table in tables.items():
        objects = _objects_at(data, path)
        assert objects, f"the {section} output has no {path} to compare"
        _check_keys(objects, table, f"{section} {path}")


def test_check_json_keys_are_documented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check's output (problems, obligations, witnesses and a counterexample) uses exactly the documented keys."""
    from compliance.testing.laws import LAWS

    def broken(*_: object, **__: object) -> None:
        raise AssertionError("a law broken on purpose, so that there is a counterexample to compare")

    monkeypatch.setitem(LAWS, "broken on purpose", broken)
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n', encoding="utf-8")
    georgia = [str(ROOT / "examples" / "georgia-2008-six-point-plan.toml"), str(bad)]
    parties = ["--parties", str(ROOT / "examples" / "georgia-2008-parties.toml")]
    output = tmp_path / "check.json"
    assert (
        main(["check", *georgia, *parties, "--examples", "1", "--format", "json", "--output", str(output)])
        == 1
    )
    capsys.readouterr()
    data = json.loads(output.read_text(encoding="utf-8"))
    tables = {path: table for (name, path), table in _key_tables().items() if name == "check"}
    assert data["schema"] == "ceasefire-compliance/check/1"
    for path in (
        "$",
        "$.problems[]",
        "$.counterexamples[]",
        "$.obligations[]",
        "$.obligations[].reachable[]",
    ):
        assert path in tables, f"report-schema.md documents no check {path}"
    for path, table in tables.items():
        objects = _objects_at(data, path)
        assert objects, f"the check output has no {path} to compare"
        _check_keys(objects, table, f"check {path}")


LATER_INSTRUMENT = """
id = "docs-test-later"
title = "A later instrument written for this test"
short_title = "Test instrument"
date = 2021-01-11
nature = "joint-declaration"
signatories = ["ARM", "AZE", "RUS"]
utc_offset = "+03:00"
sources = ["https://example.org/test-instrument"]

[[articles]]
number = "1"
title = "Working group"
text = "A test article."
source = "https://example.org/test-instrument"

[[obligations]]
id = "docs-test-working-group"
article = "1"
summary = "A test obligation."
bearers = ["ARM", "AZE"]
modality = "obligation"
kind = "achievement"
in_force = 2021-01-11

[[relations]]
type = "implements"
earlier = "ts2020-9-unblock-arm"
later = "docs-test-working-group"
date = 2021-01-11
source = "https://example.org/test-instrument"
note = "Written for tests/test_docs.py."
"""


@pytest.mark.parametrize(
    ("section", "argv", "paths"),
    [
        (
            "report",
            ["report", "--as-of", "2024-01-01", "--format", "json"],
            ("$.agreements[].articles[].lineage[]",),
        ),
        (
            "lineage",
            ["lineage", "ts2020-9-unblock-arm", "--as-of", "2024-01-01", "--format", "json"],
            ("$", "$.to[]"),
        ),
        (
            "lineage",
            ["lineage", "docs-test-working-group", "--as-of", "2024-01-01", "--format", "json"],
            ("$", "$.from[]"),
        ),
    ],
)
def test_lineage_json_keys_are_documented(
    tmp_path: Path, section: str, argv: list[str], paths: tuple[str, ...]
) -> None:
    """Lineage steps, in the report and from 'compliance lineage', use exactly the documented keys."""
    later = tmp_path / "later.toml"
    later.write_text(LATER_INSTRUMENT, encoding="utf-8")
    files = [arg for path in (*bundled.agreement_paths(), later) for arg in ("--agreement-file", str(path))]
    data = _run([*argv, *files], tmp_path / "out.json")
    tables = {path: table for (name, path), table in _key_tables().items() if name == section}
    for path in paths:
        objects = _objects_at(data, path)
        assert objects, f"the {section} output has no {path} to compare"
        _check_keys(objects, tables[path], f"{section} {path}")
