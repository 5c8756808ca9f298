"""FrozenDict: the read-only mapping of frozen values reads, compares and writes as a dict does."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from compliance.core.frozendict import FrozenDict, frozen_dict


def _ior(m: Any) -> None:
    m |= {"c": 3}


CHANGES: list[Callable[[Any], object]] = [
    lambda m: m.__setitem__("c", 3),
    lambda m: m.__delitem__("a"),
    lambda m: m.clear(),
    lambda m: m.pop("a"),
    lambda m: m.popitem(),
    lambda m: m.setdefault("c", 3),
    lambda m: m.update(c=3),
    _ior,
]


@pytest.mark.parametrize("change", CHANGES)
def test_frozendict__refuses_every_change(change: Callable[[Any], object]) -> None:
    m = FrozenDict({"a": 1, "b": 2})
    with pytest.raises(TypeError, match="read-only"):
        change(m)
    assert m == {"a": 1, "b": 2}


def test_frozendict__init_called_again_changes_nothing() -> None:
    """``dict.__init__`` fills a dict in place; a made FrozenDict ignores a second call."""
    m = FrozenDict({"a": 1})
    m.__init__({"b": 2})  # type: ignore[misc]
    assert m == {"a": 1}


def test_frozendict__equal_to_the_dict_it_copies_and_hashed_by_items() -> None:
    m = FrozenDict({"a": frozenset({"x"}), "b": frozenset()})
    assert m == {"a": frozenset({"x"}), "b": frozenset()}
    assert hash(m) == hash(FrozenDict({"b": frozenset(), "a": frozenset({"x"})}))
    assert list(m) == ["a", "b"]  # insertion order, as the dict it copies
    with pytest.raises(TypeError):
        hash(FrozenDict({"a": []}))  # hashable when its values are


def test_frozendict__writes_as_a_dict_and_survives_copy_and_pickle() -> None:
    m = FrozenDict({"b": 2, "a": 1})
    assert json.dumps(m) == json.dumps({"b": 2, "a": 1})
    for same in (copy.copy(m), copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert type(same) is FrozenDict
        assert same == m
    assert repr(m) == "FrozenDict({'b': 2, 'a': 1})"
    assert FrozenDict.fromkeys("ab", 0) == {"a": 0, "b": 0}
    assert type(FrozenDict.fromkeys("ab")) is FrozenDict
    assert type(m | {"c": 3}) is dict  # a new mapping, the caller's to change
    assert type(m.copy()) is dict


def test_frozendict__the_converter_copies_a_dict_and_keeps_a_frozen_one() -> None:
    given = {"a": 1}
    made = frozen_dict(given)
    given["b"] = 2
    assert made == {"a": 1}
    assert frozen_dict(made) is made
    assert frozen_dict() == {}
