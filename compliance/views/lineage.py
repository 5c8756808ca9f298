"""Lineage: an obligation's chain through later instruments, and where each link stands.

Relations are declared by the later instrument (``[[relations]]`` in its file): it implements,
amends, supersedes, terminates or carries forward an earlier obligation, or a whole earlier
agreement. Following them forward from an obligation answers "is this duty still live, and
what overtook it?"; following them backward answers "where did this duty come from?".

As of a date, only the relations that hold by then, declared by instruments that exist by then,
are followed: a report or lineage as of 2021 must not name a text of 2022, nor give it a status
at a date before it existed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from attrs import field, frozen

from compliance.core.arguments import DayArg, TrustArg, as_day, as_trust
from compliance.core.frozendict import frozen_dict
from compliance.core.model import Agreement, Relation
from compliance.core.natural_order import natural_key
from compliance.core.vocabulary import Status, Trust
from compliance.evaluation.evaluate import evaluate_ledger
from compliance.linking.ledger import Ledger


@frozen
class Step:
    """One relation in a chain: ``earlier`` → ``later`` (an obligation id, or an agreement id)."""

    earlier: str
    later: str
    later_agreement: str
    relation: Relation


def _edges(agreements: Sequence[Agreement], as_of: date | None = None) -> list[Step]:
    """Every relation as a step, in date order; with ``as_of``, only those dated no later than it
    whose instrument is dated no later than it (a relation holds from its date, and no earlier
    than the text that declares it)."""
    owner = {o.id: a.id for a in agreements for o in a.obligations}
    steps: list[Step] = []
    for agreement in agreements:
        for relation in agreement.relations:
            if as_of is not None and max(relation.date, agreement.date) > as_of:
                continue
            targets = [relation.earlier]
            if relation.earlier not in owner:  # a whole earlier agreement
                earlier = next((a for a in agreements if a.id == relation.earlier), None)
                targets = [o.id for o in earlier.obligations] if earlier else [relation.earlier]
            for target in targets:
                steps.append(Step(target, relation.later or agreement.id, agreement.id, relation))
    return sorted(
        steps,
        key=lambda s: (s.relation.date, natural_key(s.earlier), natural_key(s.later), s.relation.type.value),
    )


def forward(
    agreements: Sequence[Agreement], obligation_id: str, as_of: date | None = None
) -> tuple[Step, ...]:
    """Every relation reachable from ``obligation_id`` through later instruments, in date order
    (with ``as_of``, through those that hold by then)."""
    return forward_from(agreements, as_of)(obligation_id)


def forward_from(
    agreements: Sequence[Agreement], as_of: date | None = None
) -> Callable[[str], tuple[Step, ...]]:
    """:func:`forward` for any obligation of ``agreements``, their relations gathered once (a report
    follows every obligation)."""
    steps = _edges(agreements, as_of)
    return lambda obligation_id: _walk(steps, obligation_id, lambda s: s.earlier, lambda s: s.later)


def backward(
    agreements: Sequence[Agreement], obligation_id: str, as_of: date | None = None
) -> tuple[Step, ...]:
    """Every relation leading to ``obligation_id`` from earlier instruments (with ``as_of``, those
    that hold by then)."""
    return _walk(_edges(agreements, as_of), obligation_id, lambda s: s.later, lambda s: s.earlier)


def _walk(
    steps: list[Step], start: str, here: Callable[[Step], str], there: Callable[[Step], str]
) -> tuple[Step, ...]:
    found: list[Step] = []
    frontier, seen = [start], {start}
    while frontier:
        current = frontier.pop(0)
        for step in steps:
            if here(step) == current and step not in found:
                found.append(step)
                nxt = there(step)
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
    return tuple(sorted(found, key=lambda s: (s.relation.date, natural_key(s.earlier), natural_key(s.later))))


@frozen
class Lineage:
    """One obligation's chain both ways as of one date, with the standing of every node then.

    The chain holds only the relations that hold by ``as_of`` (see the module). ``statuses`` maps
    each obligation of a text adopted by ``as_of`` to ``(agreement id, status)``; a node missing
    from it is a whole agreement. It is a read-only ``FrozenDict``, so a lineage is frozen all the
    way down and hashable. ``unadopted`` is ``(agreement id, date)`` of the obligation's own text
    when that text was adopted after ``as_of``: the obligation then has no status, as a report as
    of that date leaves the text out rather than calling it ``not-in-force``.
    """

    obligation: str
    as_of: date
    before: tuple[Step, ...]
    after: tuple[Step, ...]
    statuses: Mapping[str, tuple[str, Status]] = field(converter=frozen_dict)
    unadopted: tuple[str, date] | None = None
    trust: Trust = Trust.STANDARD
    """The policy the statuses were decided under."""

    @classmethod
    def build(
        cls, ledger: Ledger, obligation_id: str, as_of: DayArg, *, trust: TrustArg = Trust.STANDARD
    ) -> Lineage:
        """Raises ``ValueError`` for an obligation no loaded agreement has; ``as_of`` and ``trust``
        are taken and checked as by ``Report.build`` (``core.arguments``)."""
        as_of, policy = as_day(as_of, "as_of"), as_trust(trust)
        known = {o.id for a in ledger.agreements for o in a.obligations}
        if obligation_id not in known:
            raise ValueError(f"unknown obligation {obligation_id!r}")
        evaluation = evaluate_ledger(ledger, as_of, trust=policy)
        # The evaluation gives every loaded text a status; one adopted after the date did not
        # exist then, so it gets none (the chain already leaves out relations it declares).
        adopted = {a.id: a.date for a in ledger.agreements}
        statuses = {
            r.id: (r.agreement, r.status) for r in evaluation.results if adopted[r.agreement] <= as_of
        }
        own = next(a for a in ledger.agreements if any(o.id == obligation_id for o in a.obligations))
        return cls(
            obligation_id,
            as_of,
            backward(ledger.agreements, obligation_id, as_of),
            forward(ledger.agreements, obligation_id, as_of),
            statuses,
            (own.id, own.date) if own.date > as_of else None,
            policy,
        )
