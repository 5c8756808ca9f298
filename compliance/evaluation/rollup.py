"""Roll-ups: one status for an article, a party or an agreement, that never hides a bad one.

The roll-up is the *most severe* status among the obligations in force, in this order:
violated, disputed, indeterminate, overdue, in-progress, pending, fulfilled-late, fulfilled, complied,
exercised, unused (a permission's use or non-use is neither good nor bad, so it ranks last of those
in force; in-progress ranks above pending so that work under way shows, below overdue so that a
missed deadline never hides behind it).
Obligations not in force, ended or not assessable count only when nothing else is left
(then: not-in-force, superseded, terminated, not-assessable, in that order). The counts of every
status travel with it, so a reader sees "violated (1 of 4)" rather than a bare word.

The PAM-style score beside it is the floor of the mean of the scored obligations, and travels
with how many obligations it rests on: the mean of the one scored obligation of four (the other
three not assessable) is no score of the four, and a reader must be able to see that.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from attrs import evolve, frozen

from compliance.core.vocabulary import Status
from compliance.evaluation.evaluate import ObligationResult

SEVERITY: tuple[Status, ...] = (
    Status.VIOLATED,
    Status.DISPUTED,
    Status.INDETERMINATE,
    Status.OVERDUE,
    Status.IN_PROGRESS,
    Status.PENDING,
    Status.FULFILLED_LATE,
    Status.FULFILLED,
    Status.COMPLIED,
    Status.EXERCISED,
    Status.UNUSED,
    Status.NOT_IN_FORCE,
    Status.SUPERSEDED,
    Status.TERMINATED,
    Status.NOT_ASSESSABLE,
)
"""Most severe first; a roll-up takes the first status present."""


@frozen
class RollUp:
    """The rolled-up status of a group of obligations, with how many have each status."""

    status: Status
    pam_score: int | None
    counts: tuple[tuple[Status, int], ...]
    scored: int = 0
    """How many of the obligations have a PAM score: the ones ``pam_score`` is the mean of."""
    no_account: int = 0
    """How many obligations with the rolled-up status no account bears on (0 where the evidence
    was not gathered). ``complied`` is read off the absence of a breach account: with no account
    at all, it rests on no data, and a reader must be able to tell."""

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def count(self, status: Status) -> int:
        return dict(self.counts).get(status, 0)


def roll_up(results: Iterable[ObligationResult]) -> RollUp:
    """Roll up any group of obligation results (an article, a party's duties, an agreement)."""
    items = list(results)
    rolled = roll_up_statuses((r.status, r.pam_score) for r in items)
    silent = sum(1 for r in items if r.status is rolled.status and _no_account(r))
    return evolve(rolled, no_account=silent)


def _no_account(result: ObligationResult) -> bool:
    """No account bears on it; ``evidence_by_grade`` is empty only where evidence was not gathered."""
    return bool(result.evidence_by_grade) and result.evidence_total == 0


def roll_up_statuses(pairs: Iterable[tuple[Status, int | None]]) -> RollUp:
    """Roll up ``(status, PAM score)`` pairs: the rule itself, also used for timelines."""
    items = list(pairs)
    counter = Counter(status for status, _ in items)
    status = next((s for s in SEVERITY if counter[s]), Status.NOT_ASSESSABLE)
    scores = [score for _, score in items if score is not None]
    score = sum(scores) // len(scores) if scores else None
    counts = tuple((s, counter[s]) for s in SEVERITY if counter[s])
    return RollUp(status, score, counts, len(scores))
