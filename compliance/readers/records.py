"""What every reader yields: one record at a time, accepted or rejected, never lost."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import Protocol

from attrs import frozen

from compliance.core.events import Event, Origin
from compliance.core.problems import Problem, Severity


@frozen
class Record:
    """One input record: the event built from it (``None`` if rejected) and its problems."""

    origin: Origin
    event: Event | None
    problems: tuple[Problem, ...] = ()

    @property
    def rejected(self) -> bool:
        return self.event is None

    @classmethod
    def reject(cls, origin: Origin, field: str, message: str) -> Record:
        return cls(origin, None, (Problem(origin.file, origin.line, field, message, Severity.ERROR),))


_SURROGATE = re.compile("[\udc80-\udcff]")
"""Undecodable bytes arrive as lone surrogates (``errors='surrogateescape'``)."""


class _LineReader(Protocol):
    """What ``csv.reader`` gives: rows, and the physical line reached."""

    line_num: int

    def __next__(self) -> list[str]: ...


def csv_rows(
    reader: _LineReader, header: list[str], label: str
) -> Iterator[tuple[Origin, list[str]] | Record]:
    """The data rows after the header, with the line each starts on; broken rows as rejections.

    Shared by every CSV format: malformed quoting, a wrong field count and invalid UTF-8 each
    reject one row, and reading goes on.
    """
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
        if len(row) != len(header):
            yield Record.reject(
                origin, "-", f"expected {len(header)} fields as in the header, got {len(row)}"
            )
            continue
        joined = "".join(row)
        if not joined.isascii() and _SURROGATE.search(joined):
            bad = next(header[i] for i, value in enumerate(row) if _SURROGATE.search(value))
            yield Record.reject(origin, bad or "-", "not valid UTF-8")
            continue
        yield origin, row
