"""UCDP GED events as the UCDP API returns them: a JSON array of objects with the GED field names.

Researchers who use the API (``ucdpapi.pcr.uu.se``) save its ``Result`` array: ``[``, then one
event object per line, each but the last followed by a comma, then ``]``. The objects carry the
same fields as GED's CSV, with JSON types (``"active_year": false``, ``"best": 3``, dates as
``2002-03-01T00:00:00``), so each becomes the CSV row it stands for and is read by ``ucdp.py``.
Each element line is one record. A file whose whole array is on its first line is read too, each
element then being a record of line 1. An element that is not a UCDP GED event is rejected with
the reason: our own events are written as JSON Lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from compliance.core.events import Origin
from compliance.core.problems import Problem
from compliance.readers.base import NOT_UTF8, PartyResolver, Record, check_fields
from compliance.readers.fields import json_kind
from compliance.readers.our_jsonl import pretty_printed
from compliance.readers.ucdp import REQUIRED_COLUMNS, UcdpRows

_SURROGATE = re.compile("[\udc80-\udcff]")
"""Undecodable bytes arrive as lone surrogates (``errors='surrogateescape'``)."""


def is_json_array(first_line: str) -> bool:
    return first_line.lstrip("\ufeff \t").startswith("[")


def read_ucdp_json(
    stream: Iterable[str], label: str, resolve_party: PartyResolver
) -> Iterator[Record | Problem]:
    rows = UcdpRows(resolve_party)
    closed, last, seen = False, 0, False
    for number, line in enumerate(stream, start=1):
        text = line.strip().lstrip("\ufeff").strip()
        if text:
            last = number
        if _SURROGATE.search(text):
            yield Record.reject(Origin(label, number), "-", NOT_UTF8)
            continue
        if number == 1:
            whole = _parse(text)
            if isinstance(whole, list):
                for element in whole:
                    yield _element(element, Origin(label, 1), rows)
                return
            text = text.removeprefix("[").strip()
        if text == "{" and not seen:  # the first element written over several lines
            yield pretty_printed(label, number, stream, "save the array with one event per line")
            return
        seen = seen or bool(text)
        if text in ("]", "],"):
            closed = True
        if text in ("", "]", "],"):
            continue
        origin = Origin(label, number)
        element = _parse(text.removesuffix(",").rstrip())
        if element is None and text.endswith("]"):  # the last element, with the closing bracket
            element = _parse(text.removesuffix("]").rstrip().removesuffix(",").rstrip())
            closed = closed or element is not None
        if element is None:
            yield Record.reject(
                origin, "-", "not a JSON object on one line (a UCDP API array has one event per line)"
            )
            continue
        yield _element(element, origin, rows)
    if not closed:
        yield unclosed(label, last)


def unclosed(label: str, last: int) -> Problem:
    """The error for an array with no closing ``]``: the file was cut short, and events are missing.

    The API's answer is one JSON array, always closed. A download or copy interrupted between two
    lines leaves every line whole: each one read is a good event, and without this problem
    nothing would say that the events after the cut are missing. Its place is the file's last
    line that holds anything; it is no record, so it counts in none of the accounting's numbers.
    """
    return Problem(
        label,
        last,
        "-",
        "the JSON array is not closed: no ']' after this line, so the file is cut short (an "
        "interrupted download or copy?) and the events after it are missing; download it again",
    )


def _parse(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _element(element: object, origin: Origin, rows: UcdpRows) -> Record:
    if not isinstance(element, dict):
        return Record.reject(origin, "-", f"expected a UCDP GED event object, got {json_kind(element)}")
    fields = {str(key).strip().casefold(): _text(value) for key, value in element.items()}
    missing = [name for name in REQUIRED_COLUMNS if name not in fields]
    if missing:
        return Record.reject(
            origin,
            ", ".join(missing),
            "not a UCDP GED event: required field(s) missing (our own events are written as JSON Lines)",
        )
    problems = check_fields(fields, origin)
    if problems:
        return Record(origin, None, tuple(problems))
    return rows.record(fields, origin)


def _text(value: object) -> str:
    """A JSON value as the GED CSV would write it (nested values are not GED's, and come out as JSON)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value)
