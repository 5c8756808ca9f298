"""Event readers: each yields records (accepted or rejected) and file-level problems.

:func:`read_event_file` picks the format: ``.jsonl``/``.ndjson``/``.json`` → JSON Lines, except a
``.json`` file that opens with ``[`` → UCDP GED events as the UCDP API returns them; a CSV whose header
looks like ACLED's or UCDP GED's (``event_id_cnty``, or several of the dataset's distinctive
columns, in any case: see ``headers.py``) → that dataset; any other CSV → our format. A CSV
header with no comma that is one of these when split on ``;`` or a tab (as Excel saves CSV where
the comma is the decimal mark) makes that the file's delimiter, with a warning. A name whose
format the first line plainly contradicts (a CSV header in ``.json``) is one error, not a read.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from compliance.core.inputs import STDIN, open_input
from compliance.core.problems import InputError, Problem, Severity
from compliance.readers.acled import read_acled
from compliance.readers.base import PartyResolver, Record, ReporterResolver
from compliance.readers.countries import told_once
from compliance.readers.headers import ID_COLUMNS, LOOKS_LIKE, dataset_of, header_names
from compliance.readers.lines import bounded_lines, looks_binary, peek
from compliance.readers.our_csv import read_csv
from compliance.readers.our_format import COLUMNS
from compliance.readers.our_jsonl import read_jsonl
from compliance.readers.records import DELIMITERS
from compliance.readers.ucdp import read_ucdp
from compliance.readers.ucdp_json import is_json_array, read_ucdp_json

__all__ = ["Record", "read_event_file", "read_event_stream"]


def read_event_file(
    path: Path,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
    label: str | None = None,
    id_fields: dict[str, str] | None = None,
) -> Iterator[Record | Problem]:
    """Stream one file (``-``: standard input), in lines of bounded length.

    ``id_fields``, where given, is told the field that gives the file's ids when it is not
    ``id`` (``id_fields[label] = "event_id_cnty"`` for an ACLED export), once its header is read:
    a problem about an id found later (a duplicate, in ``linking.copies``) names the column a
    researcher can search the file for, with nothing added to each record.

    Raises :class:`InputError` only when the file cannot be opened at all, or is not a regular
    file. A file that is not text gives one problem saying what it looks like.
    """
    label = label or str(path)
    if str(path) == STDIN and sys.stdin is None:  # started with it closed (0<&-): no stream to read
        raise InputError(f"{label}: cannot read: standard input is closed")
    head, handle = peek(open_input(path, label, allow_stdin=True))
    try:
        binary = looks_binary(head)
        if binary is not None:
            yield Problem(label, 0, "-", f"looks like {binary}; the file is not read")
            return
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
        lines = bounded_lines(text)
        yield from read_event_stream(
            lines, label, path.suffix.lower(), resolve_party, resolve_reporter, id_fields
        )
    finally:
        if str(path) != STDIN:
            handle.close()


def read_event_stream(
    stream: Iterable[str],
    label: str,
    suffix: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
    id_fields: dict[str, str] | None = None,
) -> Iterator[Record | Problem]:
    """Read lines of text; the first line (CSV header) decides between ACLED and our CSV
    (``id_fields``: as :func:`read_event_file`).

    A country name the table does not know, and a state's name that is no party's, are warned of
    once per name in a file (:func:`countries.told_once`), though every row giving it is read
    with the warning.
    """
    told: set[str] = set()
    for item in _read_stream(stream, label, suffix, resolve_party, resolve_reporter, id_fields):
        if isinstance(item, Record) and item.problems:
            problems = told_once(item.problems, told)
            if problems is not item.problems:
                item = Record(item.origin, item.event, problems, item.stamp)
        yield item


def _read_stream(
    stream: Iterable[str],
    label: str,
    suffix: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
    id_fields: dict[str, str] | None,
) -> Iterator[Record | Problem]:
    lines = iter(stream)
    first = next(lines, "")
    rest = itertools.chain([first], lines)
    if suffix not in _NAMED:
        suffix = _suffix_of(first)
    else:
        misnamed = _misnamed(first, suffix)
        if misnamed is not None:
            yield Problem(label, 1, "-", misnamed)
            return
    if suffix == ".json" and is_json_array(first):
        yield from read_ucdp_json(rest, label, resolve_party)
        return
    if suffix in (".jsonl", ".ndjson", ".json"):
        yield from read_jsonl(rest, label, resolve_party, resolve_reporter)
        return
    header_line, hint = 1, None
    while (first and not first.strip()) or (hint is None and _SEP_HINT.fullmatch(_sep_text(first))):
        found = _SEP_HINT.fullmatch(_sep_text(first))
        if found:
            hint = found[1]
            yield Problem(
                label,
                header_line,
                "-",
                f"{_sep_text(first)!r} is the line spreadsheets read the delimiter from, not the header: "
                f"the header is read on line {header_line + 1}, and {_named(hint)} as the delimiter",
                Severity.WARNING,
            )
        first, header_line = next(lines, ""), header_line + 1
    rest = itertools.chain([first], lines)
    delimiter = hint or _delimiter(first)
    if delimiter != "," and hint is None:
        name = _named(delimiter)
        yield Problem(
            label,
            header_line,
            "-",
            f"the header has no comma and is {name}-separated: the file is read with {name} as the delimiter",
            Severity.WARNING,
        )
    names = _first_row(first, delimiter)
    dataset = dataset_of(names)
    if dataset is None and len(set(names) & _OUR_COLUMNS) < LOOKS_LIKE:
        ahead = list(itertools.islice(lines, LOOK_AHEAD))
        below = _header_below(ahead, header_line)
        if below is not None:
            yield Problem(label, header_line, "-", below)
            return
        rest = itertools.chain([first], ahead, lines)
    id_column = ID_COLUMNS.get(dataset or "")
    if id_fields is not None and id_column:
        id_fields[label] = id_column
    if dataset == "acled":
        yield from read_acled(rest, label, resolve_party, resolve_reporter, delimiter, header_line)
    elif dataset == "ucdp":
        yield from read_ucdp(rest, label, resolve_party, resolve_reporter, delimiter, header_line)
    else:
        yield from read_csv(rest, label, resolve_party, resolve_reporter, delimiter, header_line)


_SEP_HINT = re.compile(f"sep=([{re.escape(''.join(DELIMITERS))}])", re.IGNORECASE)
"""Excel's first line naming the delimiter (``sep=;``), which some tools write before the header.

Read as the header, it made every row a wrong field count, and the header a rejected record.
Blank lines before the header are skipped likewise: neither is a record, and rows keep the
numbers of their lines in the file."""


LOOK_AHEAD = 5
"""Lines looked at below a first line that is no header, for a header that lines above it hide."""


def _header_below(ahead: list[str], header_line: int) -> str | None:
    """Why a file is not read whose header is on a later line (one of ``ahead``, the lines under
    line ``header_line``); ``None`` when none of them is a header we know.

    A real ACLED export opened with a title line, ``(Sample)``, and a blank line: read from line
    1, it was our CSV lacking every required column, which named neither the title nor the
    header below it. Reading from the header found further down would guess which lines above it
    are not data; saying where it is leaves that to the file's owner.
    """
    for number, line in enumerate(ahead, header_line + 1):
        names = _first_row(line, _delimiter(line))
        dataset = dataset_of(names)
        if dataset is None and len(set(names) & _OUR_COLUMNS) < LOOKS_LIKE:
            continue
        what = {"acled": "an ACLED", "ucdp": "a UCDP GED"}.get(dataset or "", "our CSV")
        return (
            f"line {header_line} is not a header row; {what} header is on line {number}: "
            "remove the lines above it to read the file; the file is not read (its lines are not records)"
        )
    return None


_NAMED = frozenset({".csv", ".json", ".jsonl", ".ndjson"})
"""Suffixes that name a format. Any other (standard input has none; ``.txt``, or none, for a
file saved from a browser or ``curl``) leaves the format to the first line."""


def _suffix_of(first: str) -> str:
    """The suffix that a file opening with ``first`` is read as, when its name gives none.

    A line opening with ``[`` is a UCDP API array and one with ``{`` a JSON object: no CSV
    header opens so. Read as CSV, a UCDP array on standard input gave 14 rejected records
    and a header problem about a column named ``[``.
    """
    opening = first.lstrip("\ufeff \t\r\n")[:1]
    return {"[": ".json", "{": ".jsonl"}.get(opening, ".csv")


def _misnamed(first: str, suffix: str) -> str | None:
    """Why a file is not read when its name says one format and its first line plainly another;
    ``None`` when they agree or the line is no plain sign.

    An ACLED export saved as ``.json`` (the API asked for ``export_type=csv``), or a CSV renamed,
    gave every line as its own rejected record, "not valid JSON: Expecting value"; a JSON array
    saved as ``.csv`` gave a header problem about a column named ``[{"id": 1``. Neither named
    the cause. A first line opening with ``[`` or ``{`` is JSON, and ACLED's, UCDP GED's or our
    CSV header is CSV: no file of the other format starts so. The file is not read, as a file of
    unknown shape is not: the name is the one thing the file's owner said about it.
    """
    by_content = _suffix_of(first)
    if suffix != ".csv" and by_content == ".csv":
        names = _first_row(first, _delimiter(first))
        dataset = dataset_of(names)
        if dataset is None and len(set(names) & _OUR_COLUMNS) < LOOKS_LIKE:
            return None
        what = {"acled": "an ACLED", "ucdp": "a UCDP GED"}.get(dataset or "", "our CSV")
        found, rename = f"is {what} header", ".csv"
    elif suffix == ".csv" and by_content != ".csv":
        json_array = by_content == ".json"
        found = f"opens a JSON {'array' if json_array else 'object'}"
        rename = ".json" if json_array else ".jsonl"
    else:
        return None
    return (
        f"the file is named {suffix} but its first line {found}: name it {rename} to read it; "
        "the file is not read (its lines are not records)"
    )


def _sep_text(line: str) -> str:
    """A line as :data:`_SEP_HINT` reads it: without its line end and spaces (a tab is a delimiter)."""
    return line.rstrip("\r\n").strip(" ")


def _named(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else repr(delimiter)


def _delimiter(first: str) -> str:
    """``,``, unless the header holds no comma and split on ``;`` or a tab is a header we know.

    Excel with European settings saves "CSV" with ``;`` between fields, since the comma is the
    decimal mark there; such a header read with commas is one unknown column, and every row a
    wrong field count. A header without a comma cannot be any format's comma-separated header
    (each has several columns), so splitting it otherwise guesses nothing. It is known when it is
    ACLED's or UCDP GED's (:func:`headers.dataset_of`) or names at least
    :data:`headers.LOOKS_LIKE` of our columns.
    """
    if "," in first:
        return ","
    for delimiter in DELIMITERS[1:]:
        if delimiter in first:
            names = _first_row(first, delimiter)
            if dataset_of(names) is not None or len(set(names) & _OUR_COLUMNS) >= LOOKS_LIKE:
                return delimiter
    return ","


_OUR_COLUMNS = frozenset(COLUMNS)


def _first_row(line: str, delimiter: str = ",") -> list[str]:
    """The header's column names, as the readers compare them (a broken line: no names)."""
    try:
        return header_names(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:
        return []
