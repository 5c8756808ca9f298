"""Indented JSON text, byte for byte what ``json.dumps(value, ensure_ascii=False, indent=2,
sort_keys=True)`` writes, in about 60% of its time.

Why not ``json.dumps`` itself: with ``indent`` set, the standard library skips its C encoder and
runs a chain of nested Python generators, one per open container, through which every piece of
the text is passed up; a report of 10,000 accounts (2 MB of JSON) spent 80 ms there, a tenth of
the whole command. Here one recursive function appends each piece to one list once. Strings go
through the standard library's own (C) escaping, numbers through the same ``repr`` it uses, and
keys are sorted and converted as it sorts and converts them, so the text is the same
(``tests/test_indented_json.py`` compares the two on arbitrary values and on reports).

Only for trees of plain JSON values (``dict``, ``list``, ``tuple``, ``str``, ``int``, ``float``,
``bool``, ``None`` and their subclasses), which is what every renderer builds; anything else
raises ``TypeError`` as ``json.dumps`` does. A container that holds itself is not detected (the
renderers build new containers for every value) and ends in ``RecursionError``.
"""

from __future__ import annotations

from json.encoder import encode_basestring  # the C escaping json.dumps uses with ensure_ascii=False
from typing import Any

_INFINITY = float("inf")


def dumps(value: Any) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`` writes it."""
    out: list[str] = []
    _write(value, out, "\n")
    return "".join(out)


def _scalar(value: Any) -> str | None:
    """The text of a value that is not a container, as json writes it; ``None`` for a container."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key as json writes it: a string as it is, a number or a constant as its text."""
    if isinstance(key, str):
        return key
    text = _scalar(key)  # (a number or a constant is written as its value would be)
    if text is None:
        raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
    return text


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append ``value``'s text to ``out``; ``newline`` is a line break and the indent of its line."""
    if isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator, between = "[" + inner, "," + inner
        for item in value:
            text = _scalar(item)
            if text is None:
                out.append(separator)
                _write(item, out, inner)
            else:
                out.append(separator + text)
            separator = between
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator, between = "{" + inner, "," + inner
        for key, item in sorted(value.items()):  # as json sorts: by key (keys are unique)
            head = separator + encode_basestring(_key(key)) + ": "
            text = _scalar(item)
            if text is None:
                out.append(head)
                _write(item, out, inner)
            else:
                out.append(head + text)
            separator = between
        out.append(newline + "}")
    else:
        text = _scalar(value)
        if text is None:
            raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")
        out.append(text)
