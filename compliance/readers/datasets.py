"""The header work and row loop shared by the readers of external datasets (ACLED, UCDP GED).

Each of those readers maps only its own columns: reading the header, checking the required
columns, skipping HDX's row of hashtags and a repeated header, and refusing a row past the field
limits are the same for every dataset, so they are done here. Split from ``base`` (what every
reader shares, our own format included) to keep each module small.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import TypeVar

from compliance.core.events import Origin
from compliance.core.problems import Problem, Severity
from compliance.readers.base import Record, check_fields, csv_rows
from compliance.readers.headers import duplicates, header_names, is_tag_row
from compliance.readers.records import CsvRecords

T = TypeVar("T")

Shape = Callable[[list[str]], T]
"""What a reader takes of one row within limits: its values, by the positions of its columns."""


def dataset_rows(
    stream: Iterable[str],
    label: str,
    name: str,
    required: Iterable[str],
    aliases: Mapping[str, str] | None = None,
    delimiter: str = ",",
    header_line: int = 1,
) -> Iterator[Problem | Record | tuple[Origin, dict[str, str]]]:
    """Header problems, rejected rows as records, and accepted rows as stripped ``{column: value}``.

    Columns are named as :func:`header_names` gives them, with ``aliases`` (an older vintage's
    name → today's) applied where today's name is absent. A header that lacks a required column
    gives one problem naming every missing column, and the file is not read: its rows are counted
    in that problem, not as records, since none of them could become an event and a problem per
    row would repeat the same cause thousands of times. ``delimiter`` separates the fields.
    """

    def as_dict(col: Mapping[str, int], width: int) -> Shape[dict[str, str]]:
        names, pick = tuple(col), _picker(tuple(col.values()))
        return lambda row: dict(zip(names, map(str.strip, pick(row)), strict=True))

    return _dataset(stream, label, name, required, aliases, delimiter, as_dict, header_line)


def dataset_values(
    stream: Iterable[str],
    label: str,
    name: str,
    required: Iterable[str],
    columns: Mapping[str, str],
    aliases: Mapping[str, str] | None = None,
    delimiter: str = ",",
    header_line: int = 1,
) -> Iterator[Problem | Record | tuple[Origin, tuple[str, ...]]]:
    """:func:`dataset_rows`, each accepted row as the stripped values of ``columns``, in their order.

    ``columns`` maps each column read to the value of a column the header lacks. A reader that
    unpacks one tuple pays one operation for what a dictionary costs a look-up per column, and
    builds no dictionary per row: on a full ACLED export that is a third of the reading.
    """

    def as_values(col: Mapping[str, int], width: int) -> Shape[tuple[str, ...]]:
        absent = [default for column, default in columns.items() if column not in col]
        at = iter(range(width, width + len(absent)))  # a lacking column reads the default put after the row
        pick = _picker(tuple(col[column] if column in col else next(at) for column in columns))
        if not absent:
            return lambda row: tuple(map(str.strip, pick(row)))

        def padded(row: list[str]) -> tuple[str, ...]:
            row.extend(absent)
            return tuple(map(str.strip, pick(row)))

        return padded

    return _dataset(stream, label, name, required, aliases, delimiter, as_values, header_line)


def _picker(positions: tuple[int, ...]) -> Callable[[list[str]], tuple[str, ...]]:
    """The values at ``positions`` as a tuple, in one C-level pass (itemgetter gives a tuple for two or more)."""
    if len(positions) > 1:
        return itemgetter(*positions)
    return lambda row: tuple(row[i] for i in positions)


def _dataset(
    stream: Iterable[str],
    label: str,
    name: str,
    required: Iterable[str],
    aliases: Mapping[str, str] | None,
    delimiter: str,
    shaper: Callable[[Mapping[str, int], int], Shape[T]],
    header_line: int = 1,
) -> Iterator[Problem | Record | tuple[Origin, T]]:
    """The header work and row loop of :func:`dataset_rows` and :func:`dataset_values`.

    ``shaper`` is given the position of each named column (the first, when a name repeats) and
    the header's width, once, and returns what each accepted row becomes.
    """
    reader = CsvRecords(stream, delimiter, header_line)
    try:
        header = given = header_names(next(reader))
    except (StopIteration, csv.Error, UnicodeDecodeError):
        yield Problem(label, header_line, "-", f"unreadable or empty {name} header")
        return
    renamed = aliases or {}
    header = [renamed[n] if n in renamed and renamed[n] not in header else n for n in header]
    for column in duplicates(header):
        yield Problem(label, header_line, column, "duplicate column; the first one is used", Severity.WARNING)
    missing = [column for column in required if column not in header]
    col = {column: i for i, column in reversed(list(enumerate(header))) if column}
    names, pick = tuple(col), _picker(tuple(col.values()))
    shape = shaper(col, len(header))
    skipped, under_header = 0, True
    skip_index = 1 if len(given) > 1 and not given[0] else 0  # pandas' index: 0 on a tag row it wrote back
    for item in csv_rows(reader, header, label, given):
        if isinstance(item, Problem):  # the header again: HDX's tags may follow it again too
            under_header = True
            if not missing:
                yield item
            continue
        if under_header and not isinstance(item, Record) and is_tag_row(item[1][skip_index:]):
            under_header = False
            continue  # HDX's row of HXL hashtags under the header: not a record
        under_header = False
        if missing:
            skipped += 1
            continue
        if isinstance(item, Record):
            yield item
            continue
        origin, row, within_limits = item
        if not within_limits:  # every named column is checked, read or not
            problems = check_fields(dict(zip(names, map(str.strip, pick(row)), strict=True)), origin)
            if problems:
                yield Record(origin, None, tuple(problems))
                continue
        yield origin, shape(row)
    if missing:
        yield Problem(
            label,
            header_line,
            ", ".join(missing),
            f"required {name} column(s) missing from the header, so the file is not read: "
            f"none of its {skipped} row(s) is counted as a record",
        )
