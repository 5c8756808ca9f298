"""The Python API's arguments, checked where they enter: a trust policy, a day, agreement ids.

A wrong argument fails at once, with a message saying what is allowed. Without these checks an
unknown trust policy gave other statuses without a word (the accounts whose grade depends on the
policy were dropped), an agreement id given as one string matched any id it is part of, and a
date given as text failed deep inside the time arithmetic. Each entry point (``evaluate``,
``Report.build``, ``timeline``, ``diff``, ``activity``, ``Lineage.build``) calls these once per
call, never per account. The command line shares their rules: the same policy names, the same
years, the same message for an unknown agreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TypeAlias

from compliance.core.model import Agreement
from compliance.core.timeframe import iso_day, year_problem
from compliance.core.vocabulary import Trust

TrustArg: TypeAlias = Trust | str
"""A trust policy as the API takes it: ``Trust.STRICT`` or its name, ``"strict"``."""
DayArg: TypeAlias = date | str
"""A day as the API takes it: ``date(2023, 6, 30)`` or ``"2023-06-30"``."""
AgreementIds: TypeAlias = str | Iterable[str] | None
"""Agreements as the API takes them: one id, several, or ``None`` (or none) for every one."""

_POLICY_NAMES = frozenset(t.value for t in Trust)
_POLICIES = ", ".join(repr(t.value) for t in Trust)


def as_trust(value: TrustArg) -> Trust:
    """The policy ``value`` names: a :class:`Trust`, or exactly its value (``"strict"``).

    Only the exact names are taken, as the command line spells them: ``"STRICT"`` is refused
    rather than guessed at.
    """
    if isinstance(value, Trust):
        return value
    if isinstance(value, str) and value in _POLICY_NAMES:
        return Trust(value)
    raise ValueError(f"trust: expected one of {_POLICIES} (or a Trust), got {value!r}")


def as_day(value: DayArg, name: str) -> date:
    """The day ``value`` gives: a ``date`` or an ISO ``YYYY-MM-DD`` string, from 1900 to 2100.

    A ``datetime`` is a ``date`` to Python, but a report is as of a whole day: the time would be
    dropped without a word, so it is refused. ``name`` is the argument's, for the message.
    """
    if isinstance(value, datetime):
        raise TypeError(f"{name}: give a date, not a date-time (got {value.isoformat()}; use .date())")
    if isinstance(value, str):
        day = _parse_day(value, name)
    elif isinstance(value, date):
        day = value
    else:
        raise TypeError(f"{name}: expected a date or a string YYYY-MM-DD, got {type(value).__name__}")
    problem = year_problem(day.year)
    if problem is not None:
        raise ValueError(f"{name}: {problem}")
    return day


def as_optional_day(value: DayArg | None, name: str) -> date | None:
    """:func:`as_day`, where ``None`` means no day (as ``known_on`` does)."""
    return None if value is None else as_day(value, name)


def _parse_day(text: str, name: str) -> date:
    try:
        return iso_day(text)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


def agreement_ids(value: AgreementIds, agreements: Sequence[Agreement]) -> tuple[str, ...]:
    """The ids ``value`` names, each one of ``agreements``; ``()`` (every agreement) for ``None``.

    A single ``str`` is that one id, as a single path is that one file: taken as a list of ids it
    matched every id it is part of (``"trilateral-2020-01"`` chose ``trilateral-2020``). An id no
    agreement has is refused, naming the known ones, where it gave an empty result.
    """
    ids = _ids(value)
    known = [a.id for a in agreements]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ValueError(f"unknown agreement {', '.join(unknown)} (known: {', '.join(known)})")
    return ids


def _ids(value: AgreementIds) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    expected = "agreement_ids: expected an agreement id or a list of ids"
    if isinstance(value, date):  # a date given in their place (the third argument of Report.build)
        raise TypeError(f"{expected}, got a date ({value}); give known_on by name: known_on=...")
    if not isinstance(value, Iterable):
        raise TypeError(f"{expected}, got {type(value).__name__}")
    found = tuple(value)
    wrong = [i for i in found if not isinstance(i, str)]
    if wrong:
        raise TypeError(f"{expected}, got an id of type {type(wrong[0]).__name__}: {wrong[0]!r}")
    return found
