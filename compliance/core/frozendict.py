"""A read-only, hashable dict for the mapping fields of frozen values.

A frozen attrs class stops ``ledger.accounting = …`` but not ``ledger.accounting.unlinked_reasons
.clear()`` when the field holds a ``dict``: the values are shared (a report holds its ledger's
accounting), so one holder's change would be every holder's, and ``hash()`` of the value fails.
``FrozenDict`` refuses every change and hashes by its items.

It subclasses ``dict`` rather than wrapping one so that reading costs little: ``in``, ``[]`` and
``get`` are the dict's own methods, with no Python call in between (measured on Python 3.11,
about 44 ns against 27 ns for a plain dict, which keeps its fast paths for itself), which matters
where a look-up runs once per account (the party registry's alias table,
``Ledger.placed_outside``). For the same reason equality, iteration order,
``json.dumps`` and the converter see an ordinary dict, so every output is what a dict gave.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NoReturn, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict no one can change after it is made; hashable when its values are.

    The hash is computed on each call, not cached: a cache would be mutable state inside a frozen
    value, and the mappings held this way are small or, like a tuple's items, hashed rarely.
    """

    __slots__ = ()

    def __new__(cls, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> FrozenDict[K, V]:
        made = super().__new__(cls)
        dict.update(made, items)
        return made

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        """Filled by ``__new__``: ``dict.__init__`` called again on a made one would refill it."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        # ``copy`` (and any serialiser built on ``__reduce__``) would otherwise fill an empty
        # instance item by item through the refused ``__setitem__``.
        return (type(self), (dict(self),))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"

    def _refuse(self, *_: object, **__: object) -> NoReturn:
        raise TypeError(f"{type(self).__name__} is read-only: make a dict of it to change it")

    @classmethod
    def fromkeys(cls, keys: Iterable[Any], value: Any = None) -> Any:
        return cls(dict.fromkeys(keys, value))

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse


def frozen_dict(items: Mapping[Any, Any] | Iterable[tuple[Any, Any]] = ()) -> FrozenDict[Any, Any]:
    """The attrs converter of a mapping field: a read-only copy (the same object if it is one).

    Typed with ``Any``: the attrs plugin of mypy reads a converter's parameter as the field's
    ``__init__`` type and cannot bind a generic one; the field's own annotation types its reads.
    """
    if isinstance(items, FrozenDict):
        return items
    return FrozenDict(items)
