"""What the readers of external datasets (ACLED, UCDP GED) share: header, rows, numbers, places.

Each dataset reader only maps its own columns; reading the header, checking required columns,
applying the field limits and parsing numbers and coordinates happen here, the same way for all.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator

from compliance.core.events import Coordinates, Origin
from compliance.core.problems import Problem
from compliance.readers.records import Record, csv_rows
from compliance.readers.rows import check_fields, whole_number

Complain = Callable[[str, str], None]


def dataset_rows(
    stream: Iterable[str], label: str, name: str, required: Iterable[str]
) -> Iterator[Problem | Record | tuple[Origin, dict[str, str]]]:
    """Header problems, rejected rows as records, and accepted rows as stripped ``{column: value}``."""
    reader = csv.reader(stream, strict=False)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except (StopIteration, csv.Error, UnicodeDecodeError):
        yield Problem(label, 1, "-", f"unreadable or empty {name} header")
        return
    for column in required:
        if column not in header:
            yield Problem(label, 1, column, f"required {name} column missing")
    col = {column: i for i, column in reversed(list(enumerate(header)))}
    for item in csv_rows(reader, header, label):
        if isinstance(item, Record):
            yield item
            continue
        origin, row = item
        fields = {column: row[i].strip() for column, i in col.items()}
        problems = check_fields(fields, origin)
        yield Record(origin, None, tuple(problems)) if problems else (origin, fields)


def coordinates(latitude: str, longitude: str, precision: str, bad: Complain) -> Coordinates | None:
    """Coordinates with the dataset's precision code, or ``None`` (with a problem if malformed)."""
    if not (latitude and longitude):
        return None
    try:
        return Coordinates(float(latitude), float(longitude), whole_number(precision, 2))
    except ValueError as exc:
        bad("latitude", f"bad coordinates: {exc}")
        return None
