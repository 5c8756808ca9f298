"""Event readers: each yields records (accepted or rejected) and file-level problems.

:func:`read_event_file` picks the format: ``.jsonl``/``.ndjson``/``.json`` → JSON Lines, except a
``.json`` file that opens with ``[`` → UCDP GED events as the UCDP API returns them; a CSV whose header
looks like ACLED's or UCDP GED's (``event_id_cnty``, or several of the dataset's distinctive
columns, in any case: see ``headers.py``) → that dataset; any other CSV → our format.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from compliance.core.inputs import STDIN, open_input
from compliance.core.problems import Problem
from compliance.readers.acled import read_acled
from compliance.readers.base import PartyResolver, Record, ReporterResolver
from compliance.readers.countries import told_once
from compliance.readers.headers import dataset_of, header_names
from compliance.readers.lines import bounded_lines, looks_binary, peek
from compliance.readers.our_csv import read_csv
from compliance.readers.our_jsonl import read_jsonl
from compliance.readers.ucdp import read_ucdp
from compliance.readers.ucdp_json import is_json_array, read_ucdp_json

__all__ = ["Record", "read_event_file", "read_event_stream"]


def read_event_file(
    path: Path,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
    label: str | None = None,
) -> Iterator[Record | Problem]:
    """Stream one file (``-``: standard input), in lines of bounded length.

    Raises :class:`InputError` only when the file cannot be opened at all, or is not a regular
    file. A file that is not text gives one problem saying what it looks like.
    """
    label = label or str(path)
    head, handle = peek(open_input(path, label, allow_stdin=True))
    try:
        binary = looks_binary(head)
        if binary is not None:
            yield Problem(label, 0, "-", f"looks like {binary}; the file is not read")
            return
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
        lines = bounded_lines(text)
        yield from read_event_stream(lines, label, path.suffix.lower(), resolve_party, resolve_reporter)
    finally:
        if str(path) != STDIN:
            handle.close()


def read_event_stream(
    stream: Iterable[str],
    label: str,
    suffix: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> Iterator[Record | Problem]:
    """Read lines of text; the first line (CSV header) decides between ACLED and our CSV.

    A country name the table does not know is warned of once per name in a file
    (:func:`countries.told_once`), though every row giving it is read with the warning.
    """
    told: set[str] = set()
    for item in _read_stream(stream, label, suffix, resolve_party, resolve_reporter):
        if isinstance(item, Record) and item.problems:
            problems = told_once(item.problems, told)
            if problems is not item.problems:
                item = Record(item.origin, item.event, problems)
        yield item


def _read_stream(
    stream: Iterable[str],
    label: str,
    suffix: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> Iterator[Record | Problem]:
    lines = iter(stream)
    first = next(lines, "")
    rest = itertools.chain([first], lines)
    if suffix == ".json" and is_json_array(first):
        yield from read_ucdp_json(rest, label, resolve_party)
        return
    if suffix in (".jsonl", ".ndjson", ".json"):
        yield from read_jsonl(rest, label, resolve_party, resolve_reporter)
        return
    dataset = dataset_of(_first_row(first))
    if dataset == "acled":
        yield from read_acled(rest, label, resolve_party, resolve_reporter)
    elif dataset == "ucdp":
        yield from read_ucdp(rest, label, resolve_party, resolve_reporter)
    else:
        yield from read_csv(rest, label, resolve_party, resolve_reporter)


def _first_row(line: str) -> list[str]:
    """The header's column names, as the readers compare them (a broken line: no names)."""
    try:
        return header_names(next(csv.reader([line]), []))
    except csv.Error:
        return []
