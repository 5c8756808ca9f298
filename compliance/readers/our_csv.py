"""Our CSV format: UTF-8, a header row, columns in any order (docs/event-formats.md).

Streams: one row in memory at a time, but for the rows whose date only the whole file can read
(``05/11/2020``: ``our_dates``), held until its end. A bad row (wrong field count, invalid UTF-8, bad value)
becomes a rejected record with its problems; the rows after it are still read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from operator import itemgetter

from compliance.core.events import Origin
from compliance.core.problems import Problem, Severity
from compliance.readers.base import PartyResolver, Record, ReporterResolver, csv_rows
from compliance.readers.headers import duplicates, header_names
from compliance.readers.our_format import COLUMNS, HELD, REQUIRED, EventBuilder
from compliance.readers.records import CsvRecords

csv.field_size_limit(1 << 24)  # oversize fields are refused by the row checks, with a message


def read_csv(
    stream: Iterable[str],
    label: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
    delimiter: str = ",",
    header_line: int = 1,
) -> Iterator[Record | Problem]:
    """Yield a :class:`Record` per data row, and file-level :class:`Problem`\\ s (header)."""
    reader = CsvRecords(stream, delimiter, header_line)
    try:
        header = next(reader)
    except StopIteration:
        yield Problem(label, 0, "-", "empty file: expected a header row", Severity.WARNING)
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield Problem(label, header_line, "-", f"unreadable header: {exc}")
        return
    names = header_names(header)
    missing = [name for name in REQUIRED if name not in names]
    for name in duplicates(names):
        yield Problem(label, header_line, name, "duplicate column; the first one is used")
    for i, name in enumerate(names):
        if not name and i > 0:  # a blank first name is a pandas index: ignored without a word
            yield Problem(
                label,
                header_line,
                f"column {i + 1}",
                "blank column name; the column is ignored",
                Severity.WARNING,
            )
    known = set(COLUMNS)
    # Named as the file spells it (``Colour``, not ``colour``): the name to find in the file.
    spelt = {
        name: cell.lstrip("\ufeff").strip() for name, cell in reversed(list(zip(names, header, strict=True)))
    }
    for name in dict.fromkeys(names):
        if name and name not in known:
            yield Problem(
                label,
                header_line,
                spelt[name],
                f"unknown column {spelt[name]!r} is ignored",
                Severity.WARNING,
            )
    if missing:
        yield _not_read(reader, names, label, header_line, missing)
        return
    first = {name: i for i, name in reversed(list(enumerate(names)))}
    # Our columns in COLUMNS order, whatever the header's; a missing one reads a "" put at the end.
    positions = [first.get(name, -1) for name in COLUMNS]
    pick, padded = itemgetter(*positions), -1 in positions
    # A header of our columns alone, in their order (every file we write): the row is the values.
    as_written = positions == list(range(len(COLUMNS))) and len(names) == len(COLUMNS)
    builder = EventBuilder(resolve_party, resolve_reporter)
    build_row = builder.build_row

    def record(origin: Origin, row: list[str], within_limits: bool) -> Record | None:
        if padded:
            row.append("")
        event, problems = build_row(pick(row), origin, within_limits)
        if problems is HELD:  # a date only the whole file can read: given at its end
            return None
        return Record(origin, event, tuple(problems) if problems else ())

    def record_as_written(origin: Origin, row: list[str], within_limits: bool) -> Record | None:
        event, problems = build_row(row, origin, within_limits)
        if problems is HELD:
            return None
        return Record(origin, event, tuple(problems) if problems else ())

    yield from csv_rows(reader, names, label, build=record_as_written if as_written else record)
    for origin, event, problems in builder.settled():
        yield Record(origin, event, tuple(problems))


def _not_read(
    reader: CsvRecords, names: list[str], label: str, header_line: int, missing: list[str]
) -> Problem:
    """The one problem of a header that lacks a required column, its rows counted, not read.

    No row of such a file can become an event. Read, each row was rejected with "required field
    is empty" for the column, which is not what is wrong, and one file's mistake became a problem
    per row; the dataset readers already said it once and left the rows out of every count
    (``datasets.dataset_rows``): the same words here, so the rule is one for every CSV format.
    """
    rows = sum(1 for item in csv_rows(reader, names, label) if not isinstance(item, Problem))
    return Problem(
        label,
        header_line,
        ", ".join(missing),
        "required column(s) missing from the header, so the file is not read: "
        f"none of its {rows} row(s) is counted as a record",
    )
