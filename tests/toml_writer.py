"""Write agreement files in tests: the inverse of the loader, so generated agreements round-trip.

The standard library reads TOML but does not write it; agreement files need only strings,
integers, booleans, dates, lists and (arrays of) tables, which this covers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from compliance.core.model import Agreement
from compliance.load.converter import converter


def agreement_to_toml(agreement: Agreement) -> str:
    """An agreement as TOML text that :func:`load_agreement_text` reads back to an equal value."""
    data = converter.unstructure(agreement)
    return dumps(data)


def dumps(data: Mapping[str, Any]) -> str:
    lines: list[str] = []
    _table(data, [], lines)
    return "\n".join(lines).strip() + "\n"


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(data: Mapping[str, Any], path: list[str], lines: list[str]) -> None:
    nested: list[tuple[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, dict) or _is_table_list(value):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in nested:
        name = ".".join(_key(k) for k in [*path, key])
        if isinstance(value, dict):
            lines += ["", f"[{name}]"]
            _table(value, [*path, key], lines)
        else:
            for item in value:
                lines += ["", f"[[{name}]]"]
                _table(item, [*path, key], lines)


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() and key.isascii() else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        if any(isinstance(v, dict) for v in value):
            return "[" + ", ".join(_inline(v) for v in value) + "]"
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return _inline(value)
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _inline(value: Mapping[str, Any]) -> str:
    return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
