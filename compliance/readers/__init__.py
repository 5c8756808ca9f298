"""Event readers: each yields records (accepted or rejected) and file-level problems.

:func:`read_event_file` picks the format: ``.jsonl``/``.ndjson`` → JSON Lines; a CSV whose header
has ``event_id_cnty`` → ACLED; one with ``side_a``, ``side_b``, ``date_prec`` → UCDP GED; any
other CSV → our format.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from compliance.core.inputs import STDIN, open_input
from compliance.core.problems import Problem
from compliance.readers.acled import read_acled
from compliance.readers.base import PartyResolver, Record, ReporterResolver
from compliance.readers.lines import bounded_lines, looks_binary, peek
from compliance.readers.our_csv import read_csv
from compliance.readers.our_jsonl import read_jsonl
from compliance.readers.ucdp import is_ucdp_header, read_ucdp

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
    """Read lines of text; the first line (CSV header) decides between ACLED and our CSV."""
    if suffix in (".jsonl", ".ndjson", ".json"):
        yield from read_jsonl(stream, label, resolve_party, resolve_reporter)
        return
    lines = iter(stream)
    first = next(lines, "")
    rest = itertools.chain([first], lines)
    if "event_id_cnty" in first:
        yield from read_acled(rest, label, resolve_party, resolve_reporter)
    elif is_ucdp_header(first):
        yield from read_ucdp(rest, label, resolve_party, resolve_reporter)
    else:
        yield from read_csv(rest, label, resolve_party, resolve_reporter)
