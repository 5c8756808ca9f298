"""Why a status: the ids of the accounts that decided it, for the rule that decided it.

The rule names are those of docs/obligation-logic.md ("Rule names"); a reader can look up the
rule and check the accounts. Only accounts that count at the cut-off are named, so every id is
in the obligation's evidence (a tested law).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import chain

from compliance.evaluation.categories import Account, Category
from compliance.evaluation.facts import Facts, notice_placements

_FIRST_OF: dict[str, tuple[Category, ...]] = {
    "fulfilled": (Category.FULFIL,),
    "fulfilled late": (Category.FULFIL,),
    "confirmed breach": (Category.BREACH,),
    "in progress": (Category.PROGRESS,),
    "permission exercised": (Category.FULFIL, Category.PROGRESS),
}
"""Rules decided by the first confirmed account of these categories."""
_ALL_OF: dict[str, tuple[Category, ...]] = {
    "breach not confirmed": (Category.BREACH_UNCONFIRMED,),
    "claims not confirmed": (Category.FULFIL_UNCONFIRMED, Category.BREACH_UNCONFIRMED),
    "permission unused": (Category.FULFIL_UNCONFIRMED, Category.PROGRESS_UNCONFIRMED),
}
"""Rules decided by every unconfirmed account of these categories (they make it disputed)."""


def deciding(
    facts: Facts, rule: str, cutoff: datetime, accounts: Sequence[Account] | None = None
) -> tuple[str, ...]:
    """The ids of the accounts that decided ``rule`` at ``cutoff``, earliest first.

    ``accounts``: the facts' accounts as read from when the obligation came into force, if it
    waits for another (``Facts.breaches_from``): a breach before then decided nothing."""
    # The accounts that count, one at a time: the rules named by a first account stop at it.
    visible = facts.counting(cutoff, accounts)
    if rule in _FIRST_OF:
        wanted = _FIRST_OF[rule]
        # An account that may still lie after the cut-off, or before the duty bound (a month
        # straddling the hour a truce took effect), decides nothing alone: when the status holds
        # wherever it falls, another account made it certain, and that one is named.
        first = None  # the first candidate, named if none is certain by the cut-off
        for a in visible:
            if a.category in wanted:
                if a.end is not None and a.end <= cutoff:
                    return (a.event,)
                if first is None:
                    first = a
        return () if first is None else (first.event,)
    if rule in _ALL_OF:
        wanted = _ALL_OF[rule]
        return _unique(a.event for a in visible if a.category in wanted)
    if rule in ("overdue", "pending"):  # the first confirmed progress, else the first alleged
        alleged = None
        for a in visible:
            if a.category is Category.PROGRESS:
                return (a.event,)
            if alleged is None and a.category is Category.PROGRESS_UNCONFIRMED:
                alleged = a.event
        return () if alleged is None else (alleged,)
    if rule == "term expired":
        # A renewable term ends at the expiry its earliest notice reaches: that notice decided it.
        # One that does not renew ends by the text alone, and no account is named.
        given = [n for n in facts.notices if n[0] < cutoff]
        return (
            (min(given)[2],)
            if given and facts.obligation.term is not None and facts.obligation.term.renews
            else ()
        )
    if rule == "uncertain dates":
        firsts: dict[Category, str] = {}
        for a in visible:
            firsts.setdefault(a.category, a.event)
        # A notice dated to a range that may be in time or late is one of the uncertain dates.
        noticed = (
            [n for n in facts.notices if n[0] < cutoff] if len(notice_placements(facts, cutoff)) > 1 else []
        )
        return _unique(chain((firsts[c] for c in sorted(firsts)), (min(noticed)[2],) if noticed else ()))
    return ()


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))
