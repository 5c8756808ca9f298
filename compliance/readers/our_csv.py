"""Our CSV format: UTF-8, a header row, columns in any order (docs/event-formats.md).

Streams: one row in memory at a time. A bad row (wrong field count, invalid UTF-8, bad value)
becomes a rejected record with its problems; the rows after it are still read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from compliance.core.problems import Problem, Severity
from compliance.readers.base import PartyResolver, Record, ReporterResolver, csv_rows
from compliance.readers.our_format import COLUMNS, REQUIRED, build_event
from compliance.readers.records import CsvRecords

csv.field_size_limit(1 << 24)  # oversize fields are refused by the row checks, with a message


def read_csv(
    stream: Iterable[str],
    label: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> Iterator[Record | Problem]:
    """Yield a :class:`Record` per data row, and file-level :class:`Problem`\\ s (header)."""
    reader = CsvRecords(stream)
    try:
        header = next(reader)
    except StopIteration:
        yield Problem(label, 0, "-", "empty file: expected a header row", Severity.WARNING)
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield Problem(label, 1, "-", f"unreadable header: {exc}")
        return
    names = [h.strip().lstrip("\ufeff") for h in header]
    for name in REQUIRED:
        if name not in names:
            yield Problem(label, 1, name, "required column missing from the header")
    for i, name in enumerate(names):
        if not name:
            yield Problem(
                label, 1, f"column {i + 1}", "blank column name; the column is ignored", Severity.WARNING
            )
        elif name in names[:i]:
            yield Problem(label, 1, name, "duplicate column; the first one is used")
        elif name not in COLUMNS:
            yield Problem(label, 1, name, f"unknown column {name!r} is ignored", Severity.WARNING)
    positions = {name: names.index(name) for name in COLUMNS if name in names}
    for item in csv_rows(reader, names, label):
        if isinstance(item, Record):
            yield item
            continue
        origin, row = item
        fields = {name: row[i] for name, i in positions.items()}
        event, problems = build_event(fields, origin, resolve_party, resolve_reporter)
        yield Record(origin, event, tuple(problems))
