"""JSON Lines: one object per line with the same fields as our CSV (docs/event-formats.md).

Values may be strings, numbers or null; ``links`` may also be a list of link strings.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator

from compliance.core.events import Origin
from compliance.core.problems import Problem, Severity
from compliance.readers.base import NOT_UTF8, PartyResolver, Record, ReporterResolver
from compliance.readers.fields import json_kind
from compliance.readers.headers import dataset_of, header_names
from compliance.readers.lines import MAX_LINE_CHARS, OverlongLine
from compliance.readers.our_format import COLUMNS, HELD, EventBuilder


def read_jsonl(
    stream: Iterable[str],
    label: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> Iterator[Record | Problem]:
    warned: set[str] = set()
    builder = EventBuilder(resolve_party, resolve_reporter)
    waiting: dict[Origin, list[Problem]] = {}
    first = True
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        if first and line.strip() in ("{", "["):  # no JSON Lines line is a bracket alone
            yield pretty_printed(label, number, stream)
            return
        first = False
        origin = Origin(label, number)
        if isinstance(line, OverlongLine):
            api = _API_START.match(line)
            why = _API_RESPONSE[api.lastgroup] if api and api.lastgroup else ""
            yield Record.reject(
                origin, "-", why or f"line longer than {MAX_LINE_CHARS} characters; it is skipped"
            )
            continue
        if any("\udc80" <= c <= "\udcff" for c in line):
            yield Record.reject(origin, "-", NOT_UTF8)
            continue
        try:
            obj = json.loads(line, object_pairs_hook=_no_repeated_keys)
        except _RepeatedKeyError as exc:
            yield Record.reject(origin, str(exc)[:80], "key given twice in one object: which value is meant?")
            continue
        except (ValueError, RecursionError) as exc:
            yield Record.reject(origin, "-", f"not valid JSON: {exc}")
            continue
        if not isinstance(obj, dict):
            yield Record.reject(origin, "-", f"expected a JSON object, got {json_kind(obj)}")
            continue
        foreign = _foreign(obj)
        if foreign is not None:
            yield Record.reject(origin, "-", foreign)
            continue
        fields: dict[str, str] = {}
        problems: list[Problem] = []
        for key, value in obj.items():
            if key not in COLUMNS:
                if key not in warned:
                    warned.add(key)
                    problems.append(
                        Problem(label, number, str(key)[:80], "unknown field is ignored", Severity.WARNING)
                    )
                continue
            text = _as_text(value, key == "links")
            if text is not None and _LONE_SURROGATE.search(text):
                problems.append(Problem(label, number, key, "not valid Unicode (a lone surrogate escape)"))
            elif text is None:
                problems.append(
                    Problem(label, number, key, f"expected a string or number, got {json_kind(value)}")
                )
            else:
                fields[key] = text
        if any(p.severity is Severity.ERROR for p in problems):
            yield Record(origin, None, tuple(problems))
            continue
        event, more = builder.build(fields, origin)
        if more is HELD:  # a date only the whole file can read: given at its end
            waiting[origin] = problems
            continue
        yield Record(origin, event, tuple(problems + more))
    for origin, event, more in builder.settled():
        yield Record(origin, event, tuple(waiting.pop(origin) + more))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

_API_RESPONSE = {
    "acled": (
        "an ACLED API response (status, success, data), not one of our events: save ACLED's data as "
        "CSV (the API's export_type=csv, or ACLED's export tool) and give that file"
    ),
    "ucdp": (
        "a UCDP API response (TotalCount, Result), not one of our events: save its Result array "
        "as a .json file, one event per line, or give UCDP GED's CSV"
    ),
}
_API_KEYS = {"acled": ({"data"}, {"success", "status"}), "ucdp": ({"Result"}, {"TotalCount", "TotalPages"})}
_API_START = re.compile(
    r'\s*\{\s*"(?:(?P<acled>status|success|last_update)|(?P<ucdp>TotalCount|TotalPages))"'
)
"""How the two APIs' answers begin: read on a line too long to parse (a page of 5,000 events)."""
_DATASET_ROW = {
    "acled": "an ACLED row in JSON, not one of our events: give ACLED data as CSV, as ACLED exports it",
    "ucdp": (
        "a UCDP GED event in JSON Lines, not one of our events: give it as the UCDP API's array "
        "(a .json file opening with '[', one event per line) or as GED's CSV"
    ),
}


def pretty_printed(
    label: str, number: int, rest: Iterable[str], advice: str = "write one event object per line (JSON Lines)"
) -> Problem:
    """The one problem of a JSON document written over many lines (``json.dump(..., indent=2)``).

    Its lines are no records: read one by one, each was rejected as "not valid JSON" (an ACLED
    API answer of 2 events gave 76 rejected records). The file is not read, and the problem says
    so; when the document's first key is one of an API's, it names that API, as
    :func:`_foreign` does for the same answer on one line.
    """
    for line in itertools.islice(rest, 3):
        api = _API_START.match("{" + line)
        if api and api.lastgroup:
            why = _API_RESPONSE[api.lastgroup]
            break
    else:
        why = advice
    return Problem(
        label,
        number,
        "-",
        f"a JSON document written over several lines, not one object per line, so the file is not "
        f"read (its lines are not records): {why}",
    )


def _foreign(obj: dict[str, object]) -> str | None:
    """Why an object is a dataset's, not one of our events: an API's whole answer, or one of its
    rows; ``None`` for anything else (the common object costs two look-ups).

    Read as our event, either gave "required field is empty" for id, date, kind and
    reported_by and "unknown field is ignored" for the rest, which says nothing of the cause.
    """
    if "id" in obj and "date" in obj:
        return None
    for api, (lists, flags) in _API_KEYS.items():
        if any(isinstance(obj.get(k), list) for k in lists) and flags & obj.keys():
            return _API_RESPONSE[api]
    dataset = dataset_of(header_names([str(k) for k in obj]))
    return _DATASET_ROW[dataset] if dataset is not None else None


class _RepeatedKeyError(Exception):
    """A key given twice in one JSON object (``json`` would silently keep the last value)."""


def _no_repeated_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKeyError(key)
            seen.add(key)
    return obj


def _as_text(value: object, links: bool) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if links and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ";".join(value)
    return None
