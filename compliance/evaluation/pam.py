"""The Peace Accords Matrix 0-3 implementation score, derived from a status and its history."""

from __future__ import annotations

from collections.abc import Sequence

from compliance.core.model import Obligation
from compliance.core.vocabulary import (
    Kind,
    Modality,
    Status,
)
from compliance.evaluation.results import Transition

_FULL = {Status.FULFILLED, Status.FULFILLED_LATE, Status.COMPLIED}


def pam_score(
    ob: Obligation,
    status: Status,
    possible: tuple[Status, ...],
    progress_accounts: int,
    history: Sequence[Transition] = (),
) -> int | None:
    """The Peace Accords Matrix 0-3 implementation score, shown beside the status.

    3 full (fulfilled, fulfilled late, complied); 2 intermediate (a maintained duty with breaches
    alleged or confirmed: "commitment is implementation"; or two or more confirmed progress
    accounts, as for ``in-progress`` and ``overdue`` with progress); 1 minimal (one progress
    account); 0 not initiated. ``None`` where there is nothing to score (not in force, not
    assessable, a permission: ``unused`` or ``exercised``, since using a right or not is no
    implementation of a commitment). Indeterminate: the lowest possible.
    An ended obligation keeps the score it had just before it ended.
    """
    if ob.modality is Modality.PERMISSION:
        return None
    if status in (Status.TERMINATED, Status.SUPERSEDED):
        before = [t for t in history if t.status not in (Status.TERMINATED, Status.SUPERSEDED)]
        if not before:
            return None
        return pam_score(ob, before[-1].status, before[-1].possible, progress_accounts)
    if status is Status.INDETERMINATE:
        scores = [pam_score(ob, s, (s,), progress_accounts) for s in possible]
        known = [s for s in scores if s is not None]
        return min(known) if known else None
    if status in (Status.NOT_IN_FORCE, Status.NOT_ASSESSABLE):
        return None
    if status in _FULL:
        return 3
    if ob.kind is Kind.MAINTENANCE and status in (Status.VIOLATED, Status.DISPUTED):
        return 2
    return min(2, progress_accounts)
