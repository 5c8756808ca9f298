"""Ids in the order a reader counts them: ``E9`` before ``E10``, ACLED's ``ARM99`` before ``ARM100``.

Sorted as text, ``"E10" < "E9"``: the tenth record came before the ninth in every list of ids a
report gave (the unlinked records, the incidents shown). Here each run of digits is compared as
a number and the rest as text. Ids that differ only in leading zeros (``E7``, ``E07``) are
equal as numbers; they keep their order as text, so the order is total and the same whatever
order the ids come in.

One place for the rule: every list of ids in id order for a reader uses :func:`natural_key` or
:func:`in_natural_order`. Accounts are not: they are ordered by their first possible day and
then their id as text (``Event.sort_key``), the evaluation's own total order (ranks, the first
account of each kind, the numbers A1, A2 … of a report), sorted at every scale in C; the id there
only breaks ties within one day.

Cost: the key of an id is a string (compared in C: a tuple of parts cost 10 s or more for a
million ids), built only for the first and last id of each shape, and for every id only where
shapes' ranges overlap (:func:`in_natural_order`). A million ACLED-like ids of 200 countries
sorted in 0.9–1.1 s, against 1.9–2.0 s when every id was encoded, and a million of one shape as
text, on the machine of docs/performance-log.md (step 68 there), measured in-process with
``time.perf_counter``. Where every id is encoded, the keys held while sorting peaked at 85 MB
against 12 MB for text (``tracemalloc``, measured before shapes were told apart; not measured
again).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain, repeat

_SPLIT = re.compile(r"([0-9]+)").split
_LONGEST = 0x10FFFF  # the last character: longer runs of digits (never an id's) compare as text
_SHAPE = str.maketrans("123456789", "000000000")  # an id's shape: every digit written as 0


def _encoded(text: str) -> str:
    """``text`` with each run of digits written so that comparing as text compares numbers.

    A run becomes ``NUL``, its length (as one character) and its digits, leading zeros dropped:
    a shorter number sorts first, numbers of one length by their digits, and a number before any
    text at the same place (``AR5`` before ``ARM``, as ``"AR" < "ARM"``). Ids hold no control
    character (the ledger rejects them), so ``NUL`` compares below every character of an id.
    """
    parts = _SPLIT(text)
    if len(parts) == 1:  # no digit: the text itself
        return text
    for i in range(1, len(parts), 2):
        number = parts[i].lstrip("0") or "0"
        parts[i] = "\0" + chr(min(len(number), _LONGEST)) + number
    return "".join(parts)


def natural_key(text: str) -> tuple[str, str]:
    """Sort key for ids in natural order, and a total one: the numbers within an id by value, then
    the id as text, which decides between ids equal as numbers (``E07`` before ``E7``)."""
    return (_encoded(text), text)


def in_natural_order(ids: Iterable[str]) -> list[str]:
    """``sorted(ids, key=natural_key)``, cheaper for a million ids: each shape's ids sorted as
    text (in C), the shapes put in order by their first and last ids' keys alone, and every id's
    key worked out only where two shapes' ranges overlap.

    Ids of one shape (the same text with every digit written as 0: ``SYN-00000001`` …
    ``SYN-00999999``, or the ids of one ACLED country and length, ``ARM1234``) are in natural
    order once sorted as text. Why: two such ids first differ at one character; before it they
    are equal, so their encodings are too. In text between numbers the character decides both
    orders; in a run of digits, the two runs have one length, so comparing them as text compares
    them as numbers, as their encodings do (a run with more leading zeros is a smaller number, and
    so a shorter one once they are dropped). Equal as numbers, they are equal as text.

    So the shapes' ranges of keys, read from each shape's first and last id, put them in order
    where they do not overlap (a full ACLED export's countries and lengths: ``ARM999`` before
    ``ARM1000`` before ``AZE10``), and only two ids per shape are encoded (a Python call per id
    was most of the cost: 0.9–1.1 s against 1.9–2.0 s for a million ACLED-like ids of 200
    countries). Shapes whose ranges overlap (``E2-10`` falls between ``E1-100`` and ``E3-100``;
    ``E7`` and ``E07`` are equal as numbers) are sorted together by every id's key, a stable sort
    of the text order: ``natural_key``'s order. So is every id where one is so long that a run of
    :data:`_LONGEST` digits or more could hide in it, whose length the encoding cannot tell.
    """
    given = list(ids)
    if given and max(map(len, given)) >= _LONGEST:
        return sorted(sorted(given), key=_encoded)
    if len(set(map(str.translate, given, repeat(_SHAPE)))) <= 1:
        given.sort()  # one shape (every generated file's ids): no loop in Python
        return given
    shapes: dict[str, list[str]] = {}
    for shape, text in zip(map(str.translate, given, repeat(_SHAPE)), given, strict=True):
        found = shapes.get(shape)
        if found is None:
            found = shapes[shape] = []
        found.append(text)
    for texts in shapes.values():
        texts.sort()  # (many small sorts: cheaper than one of every id)
    # Shapes in order of their first id's key; those whose ranges overlap or touch make one
    # cluster, sorted by every id's key; a shape alone in its range is in order as it is.
    ordered: list[str] = []
    cluster: list[list[str]] = []
    highest = ""  # the greatest key of the cluster so far
    for first, last, texts in sorted((_encoded(t[0]), _encoded(t[-1]), t) for t in shapes.values()):
        if cluster and first > highest:
            ordered += _cluster_in_order(cluster)
            cluster = []
        highest = max(highest, last) if cluster else last
        cluster.append(texts)
    return ordered + _cluster_in_order(cluster)


def _cluster_in_order(runs: list[list[str]]) -> list[str]:
    """Ids of shapes whose ranges overlap, in natural order: as text, then stably by the key's
    encoding (``natural_key``'s order); one shape's ids, already in it."""
    if len(runs) == 1:
        return runs[0]
    return sorted(sorted(chain.from_iterable(runs)), key=_encoded)


__all__ = ["in_natural_order", "natural_key"]
