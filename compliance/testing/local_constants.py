"""Generated examples that depend on the files and the seed only, not on where the library is installed.

Hypothesis mixes into its choices literal constants it reads from the source of every *local*
module imported: one neither in the standard library nor under ``site-packages``. Run from a
clone, the library's own modules are local and their constants enter that pool; installed with
``pip install .`` they are not, and a user's modules imported beside it add their own. The same
files and seed then gave other witnesses after ``pip install .`` than the documented ones, which
were made from a clone. ``compliance check`` promises the same output for the same files and
seed, so its examples are drawn with the pool of local constants empty.

The pool is a private part of Hypothesis: where a version has no such pool, there is nothing to
empty and the context does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

try:  # (a private module: a version without it has no such pool to empty)
    from hypothesis.internal.conjecture import providers
except ImportError:  # pragma: no cover - depends on the installed Hypothesis
    providers = None  # type: ignore[assignment]

_POOL = "_get_local_constants"


@contextmanager
def without_local_constants() -> Iterator[None]:
    """Within the block, Hypothesis draws no constant from the source of local modules."""
    original: Callable[[], Any] | None = getattr(providers, _POOL, None)
    make_empty: Callable[[], Any] | None = getattr(providers, "Constants", None)
    cache: Any = getattr(providers, "CONSTANTS_CACHE", None)
    if original is None or make_empty is None or cache is None:
        yield
        return
    empty = make_empty()
    # The cache holds the constants allowed for each kind of choice, local ones included.
    cache.cache.clear()
    vars(providers)[_POOL] = lambda: empty
    try:
        yield
    finally:
        vars(providers)[_POOL] = original
        cache.cache.clear()
