"""JSON Lines: one object per line with the same fields as our CSV (docs/event-formats.md).

Values may be strings, numbers or null; ``links`` may also be a list of link strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from compliance.core.events import Origin
from compliance.core.problems import Problem, Severity
from compliance.readers.base import NOT_UTF8, PartyResolver, Record, ReporterResolver
from compliance.readers.lines import MAX_LINE_CHARS, OverlongLine
from compliance.readers.our_format import COLUMNS, EventBuilder


def read_jsonl(
    stream: Iterable[str],
    label: str,
    resolve_party: PartyResolver,
    resolve_reporter: ReporterResolver,
) -> Iterator[Record | Problem]:
    warned: set[str] = set()
    builder = EventBuilder(resolve_party, resolve_reporter)
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        origin = Origin(label, number)
        if isinstance(line, OverlongLine):
            yield Record.reject(origin, "-", f"line longer than {MAX_LINE_CHARS} characters; it is skipped")
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
            yield Record.reject(origin, "-", f"expected a JSON object, got {type(obj).__name__}")
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
                    Problem(label, number, key, f"expected a string or number, got {type(value).__name__}")
                )
            else:
                fields[key] = text
        if any(p.severity is Severity.ERROR for p in problems):
            yield Record(origin, None, tuple(problems))
            continue
        event, more = builder.build(fields, origin)
        yield Record(origin, event, tuple(problems + more))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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
