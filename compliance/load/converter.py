"""The one owned cattrs converter: every format goes through it, nothing else structures data.

Dates arrive as ``date`` objects from TOML and as ISO strings from JSON; both are accepted.
Unknown keys are rejected so a typo in an agreement file is a problem, not silently ignored.
Unstructured values are plain JSON types both ways: enums become their values, dates ISO strings,
and sets (``frozenset``) sorted lists, so ``json.dumps`` takes any unstructured value and one run
writes the same bytes as the next.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from enum import Enum
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_unstructure_fn

from compliance.core import vocabulary
from compliance.core.problems import Problem, Severity
from compliance.core.timeframe import EventTime, Precision, iso_day

_ENUMS: tuple[type[Enum], ...] = (
    vocabulary.Modality,
    vocabulary.Kind,
    vocabulary.Effect,
    vocabulary.Grade,
    vocabulary.Status,
    vocabulary.Trust,
    vocabulary.Nature,
    vocabulary.ActorRelation,
    vocabulary.DependencyType,
    vocabulary.EndType,
    vocabulary.RelationType,
    Precision,
    Severity,
)


def _enum_value(value: Enum) -> Any:
    return value.value


def _structure_date(value: Any, _: type) -> date:
    if isinstance(value, datetime):
        raise ValueError(f"expected a date (YYYY-MM-DD), got a date-time {value.isoformat()}")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        # Only YYYY-MM-DD, by the rule of every other day read as text; the years an input may
        # have are checked where it is one (``load.checks``): a report read back holds 1899-12-31.
        return iso_day(value, supported=False)
    raise ValueError(f"expected a date YYYY-MM-DD, got {toml_kind(value)}")


def toml_kind(value: object) -> str:
    """What a TOML value is, in TOML's words ("a string", "a table"), for a message about a file:
    its author wrote TOML, and "got str" is Python's name for it."""
    kinds = (
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (datetime, "a date-time"),
        (date, "a date"),
        (time, "a time"),
        (list, "an array"),
        (dict, "a table"),
    )
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


def _structure_datetime(value: Any, _: type) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected a date-time with offset, got {value!r}") from None
    if not isinstance(value, datetime):
        raise ValueError(f"expected a date-time with offset, got {toml_kind(value)}")
    if value.tzinfo is None:
        raise ValueError(f"a date-time needs a UTC offset (e.g. +03:00): {value.isoformat()}")
    return value


def _structure_moment(value: Any, _: type) -> date | datetime:
    if isinstance(value, datetime) or (isinstance(value, str) and "T" in value):
        return _structure_datetime(value, datetime)
    return _structure_date(value, date)


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {toml_kind(value)}")
    return value


def _structure_enum(value: Any, type_: type[Enum]) -> Enum:
    try:
        return type_(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in type_)
        raise ValueError(f"{value!r} is not one of: {allowed}") from None


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {toml_kind(value)}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {toml_kind(value)}")
    return value


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {toml_kind(value)}")
    return float(value)


class NotAListError(ValueError):
    """A single value where a TOML array belongs (``kinds = "armed-clash"``).

    cattrs reads any iterable as a tuple, so a string became its characters: a rule's kinds
    ``('a', 'r', 'm', …)`` loaded silently and matched nothing, ``actors = "bearer"`` gave one
    problem per letter. One problem instead, with an example :func:`describe_errors` completes
    with the key's name.
    """

    def __init__(self, value: object, items: str) -> None:
        if not isinstance(value, str):
            super().__init__(f"{NOT_A_LIST}{items}, got {toml_kind(value)}")
            return
        text = json.dumps(value, ensure_ascii=False)  # a TOML basic string, quotes escaped
        example = f", e.g. [{text}]" if items == "strings" else ""
        super().__init__(f"{NOT_A_LIST}{items}{example}, got the string {text}")


NOT_A_LIST = "expected a list of "
"""How the problem of a single value where a list belongs begins."""


def _items(type_: Any) -> str:
    """What a list holds, in TOML's words; ``str`` enums (kinds of relation) are strings too."""
    args = [a for a in get_args(type_) if a is not ...]
    if args and all(isinstance(a, type) and issubclass(a, str) for a in args):
        return "strings"
    if args and all(attrs.has(a) for a in args):
        return "tables"
    return "values"


def _is_tuple(type_: Any) -> bool:
    return type_ is tuple or get_origin(type_) is tuple


def _tuple_hook(conv: cattrs.Converter) -> Any:
    """cattrs' own tuple hooks, behind a check that the value is a list: every tuple field of every
    file (agreements, registries, gazetteer) gets it, and writing is untouched."""

    def factory(type_: Any) -> Any:
        args = get_args(type_)
        homogeneous = len(args) == 2 and args[1] is ...
        inner = homogenous_tuple_structure_factory(type_, conv) if homogeneous else _fixed_tuple(conv, args)
        items = _items(type_)

        def structure(value: Any, cls: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise NotAListError(value, items)
            return inner(value, cls)

        return structure

    return factory


def _fixed_tuple(conv: cattrs.Converter, args: tuple[Any, ...]) -> Any:
    """A tuple of fixed length (``tuple[str, str]``), item by item: cattrs' own hook for it is
    private, and these tuples (a conflict's two sides) hold plain values."""

    def structure(value: Any, cls: Any) -> Any:
        if len(value) != len(args):
            raise ValueError(f"expected {len(args)} values, got {len(value)}")
        return tuple(conv.structure(item, arg) for item, arg in zip(value, args, strict=True))

    return structure


def make_converter() -> cattrs.Converter:
    """A strict converter: no coercion of wrong types, no extra keys, ISO dates out."""
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    # Strict primitives: no "2324" for an integer, no 1 for true. The enums below are str
    # subclasses, so each gets its own exact hook, which wins over the str hook.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_float)
    for enum in _ENUMS:
        conv.register_structure_hook(enum, _structure_enum)
        conv.register_unstructure_hook(enum, _enum_value)
    conv.register_structure_hook(date, _structure_date)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_structure_hook_func(_is_moment, _structure_moment)
    conv.register_structure_hook_func(_is_optional_moment, _optional(_structure_moment))
    conv.register_structure_hook_factory(_is_tuple, _tuple_hook(conv))
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_unstructure_hook_func(lambda t: _is_moment(t) or _is_optional_moment(t), _moment_text)
    # A set has no order and JSON has no set: a sorted list is both writable and the same every
    # run. Structuring a list back into a ``frozenset[...]`` field is cattrs' own.
    conv.register_unstructure_hook_func(
        _is_frozenset, lambda value: sorted(conv.unstructure(v) for v in value)
    )
    # EventTime keeps its precision even when it equals the default, so files stay explicit.
    conv.register_unstructure_hook(
        EventTime, make_dict_unstructure_fn(EventTime, conv, _cattrs_omit_if_default=False)
    )
    # A problem always says whether it is an error: left out when it equals the default, it
    # would leave a reader to guess, and every format shows it (docs/checking-an-encoding.md).
    conv.register_unstructure_hook(
        Problem, make_dict_unstructure_fn(Problem, conv, _cattrs_omit_if_default=False)
    )
    return conv


def _is_frozenset(type_: Any) -> bool:
    return type_ is frozenset or get_origin(type_) is frozenset


def _is_moment(type_: Any) -> bool:
    return bool(type_ == date | datetime)


def _is_optional_moment(type_: Any) -> bool:
    return bool(type_ == date | datetime | None)


def _moment_text(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _optional(hook: Any) -> Any:
    def structure(value: Any, type_: type) -> Any:
        return None if value is None else hook(value, type_)

    return structure


converter = make_converter()
"""The converter the library uses; tests use it for round-trips."""


def describe_errors(exc: BaseException) -> list[tuple[str, str]]:
    """Flatten a cattrs validation error into ``(path, message)`` pairs (``$.a[0].b``)."""
    pairs: list[tuple[str, str]] = []
    for text in cattrs.transform_error(exc, path="$", format_exception=_format):
        message, _, path = text.rpartition(" @ ")
        name, sep, rest = message.partition(": ")
        if sep and name.isidentifier() and not name[0].isupper():
            path, message = f"{path}.{name}", rest
        key = path.rpartition(".")[2]
        if message.startswith(NOT_A_LIST) and key.isidentifier():
            message = message.replace(", e.g. [", f", e.g. {key} = [", 1)
        pairs.append((path or "$", message or text))
    return pairs


UNKNOWN_KEYS = "unknown key(s): "
"""How an unknown key's problem begins; the keys follow, in sorted order."""


def _format(exc: BaseException, type_: type | None) -> str:
    """Say what was expected in words a researcher editing a TOML file understands."""
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return UNKNOWN_KEYS + ", ".join(sorted(exc.extra_fields)) + " (check the spelling)"
    if isinstance(exc, ValueError) and len(exc.args) >= 2 and hasattr(exc.args[1], "name"):
        return f"{exc.args[1].name}: {exc.args[0]}"  # an attrs validator: name the field
    if isinstance(exc, ValueError) and str(exc) and "invalid value for type" not in str(exc):
        return str(exc)
    name = getattr(type_, "__name__", None) or str(type_)
    friendly = {"tuple": "a list", "str": "a string", "int": "an integer", "bool": "true or false"}
    return f"invalid value: expected {friendly.get(name, name)}"
