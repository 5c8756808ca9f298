"""Our CSV format: UTF-8, a header row, columns in any order (docs/event-formats.md).

Streams: one row in memory at a time. A bad row (wrong field count, invalid UTF-8, bad value)
becomes a rejected record with its problems; the rows after it are still read.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

from ..events import Origin
from ..problems import Problem, Severity
from .records import Record
from .rows import COLUMNS, REQUIRED, PartyResolver, ReporterResolver, build_event

csv.field_size_limit(1 << 24)  # oversize fields are refused by the row checks, with a message


def read_csv(
    stream: Iterable[str],
    label: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> Iterator[Record | Problem]:
    """Yield a :class:`Record` per data row, and file-level :class:`Problem`\\ s (header)."""
    reader = csv.reader(stream, strict=False)
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
    width = len(names)
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num
            yield Record.reject(Origin(label, start), "-", f"malformed CSV: {exc}")
            continue
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        origin = Origin(label, start)
        if len(row) != width:
            yield Record.reject(origin, "-", f"expected {width} fields as in the header, got {len(row)}")
            continue
        if not "".join(row).isascii() and _SURROGATE.search("".join(row)):
            bad_utf8 = next(names[i] for i, value in enumerate(row) if _SURROGATE.search(value))
            yield Record.reject(origin, bad_utf8, "not valid UTF-8")
            continue
        fields = {name: row[i] for name, i in positions.items()}
        event, problems = build_event(fields, origin, resolve_party, resolve_reporter)
        yield Record(origin, event, tuple(problems))


_SURROGATE = re.compile("[\udc80-\udcff]")
"""Undecodable bytes arrive as lone surrogates (``errors='surrogateescape'``)."""
