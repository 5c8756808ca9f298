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
million ids), built only for ids that hold a digit. A million ACLED-like ids (``ARM1234567``)
sorted in 2.5 s against 0.7 s as text on the machine of docs/performance.md, in a quiet minute
(5.0 s against 2.0 s in a busy one), measured in-process with ``time.perf_counter``; the keys
held while sorting peaked at 85 MB against 12 MB for text (``tracemalloc``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import repeat

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
    """``sorted(ids, key=natural_key)``, cheaper for a million ids: sorted as text (in C), then
    stably by the encoded id alone, a string, where ``natural_key`` compares tuples.

    Ids of one shape (the same text with every digit written as 0: ``SYN-00000001`` …
    ``SYN-00999999``, or the ids of one ACLED country and length) are in natural order once
    sorted as text, so when all ids have one shape the encoding is skipped (a Python call per id,
    most of the cost). Why: two such ids first differ at one character; before it they are equal,
    so their encodings are too. In text between numbers the character decides both orders; in a
    run of digits, the two runs have one length, so comparing them as text compares them as
    numbers, as their encodings do (a run with more leading zeros is a smaller number, and so a
    shorter one once they are dropped). Equal as numbers, they are equal as text. Runs of
    :data:`_LONGEST` digits or more, whose lengths the encoding cannot tell, take the full path.
    """
    in_text_order = sorted(ids)
    if len(set(map(str.translate, in_text_order, repeat(_SHAPE)))) <= 1 and (
        not in_text_order or len(in_text_order[0]) < _LONGEST
    ):
        return in_text_order
    return sorted(in_text_order, key=_encoded)


__all__ = ["in_natural_order", "natural_key"]
