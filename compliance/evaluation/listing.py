"""The evidence a result lists: which linked accounts, in which order, with which grade at the cut-off.

Split from ``evaluate`` because listing has its own concerns: an obligation with a million links
lists about a hundred (the first in order, the deciding ones, the first confirmed fulfilment and
breach), and an account of an incident is regraded on the accounts known by the cut-off.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from operator import attrgetter

from compliance.core.events import Event
from compliance.core.model import Agreement, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.vocabulary import Effect, Grade, Trust
from compliance.evaluation.graded import Graded
from compliance.evaluation.grading import grade_account_in
from compliance.evaluation.incident_index import IncidentIndex
from compliance.evaluation.intervals import Span
from compliance.evaluation.results import Evidence
from compliance.evaluation.trust import Stakes


def list_evidence(
    agreement: Agreement,
    ob: Obligation,
    graded: Sequence[Graded],
    spans: Mapping[str, Span],
    incidents: Mapping[str, list[Event]],
    parties: PartyRegistry,
    cutoff: datetime,
    decided: Sequence[str],
    limit: int | None,
    trust: Trust,
    stakes: Stakes | None,
    all_known: bool = False,
) -> tuple[list[Evidence], int]:
    """The evidence a result lists, in order, and how many links are known by the cut-off.

    Listed: the first ``limit`` links in order, the links of the deciding accounts, and the first
    confirmed fulfilment and breach wherever they fall. Only the links that can be listed are
    sorted: an obligation with a million links lists about a hundred, and sorting them all was
    much of the cost of its result. ``all_known``: every linked account starts before the
    cut-off (a report as of today), so none needs testing.
    """
    tz = agreement.tz
    visible = graded if all_known else [g for g in graded if spans[g.event.id][0] < cutoff]  # known_by
    total = len(visible)
    wanted = {Effect.FULFILS, Effect.BREACHES}  # the first confirmed of each is always listed
    deciders = frozenset(decided)  # read once per link: a tuple of 100,000 ids made this quadratic
    remaining = set(deciders)  # the deciding accounts are always listed
    evidence: list[Evidence] = []
    split: dict[str, tuple[IncidentIndex, frozenset[str]]] = {}

    def known_by_cutoff(incident: str) -> tuple[IncidentIndex, frozenset[str]]:
        """An incident's accounts started by the cut-off (indexed for grading) and the ids of the
        others: once per incident, not once per listed link (n accounts listed cost n²)."""
        found = split.get(incident)
        if found is None:
            accounts = incidents.get(incident, ())
            starts = [(spans[o.id] if o.id in spans else o.when.span(tz))[0] < cutoff for o in accounts]
            started = [o for o, known in zip(accounts, starts, strict=True) if known]
            found = split[incident] = (
                IncidentIndex.of(started, ob.bearers, parties),
                frozenset(o.id for o, known in zip(accounts, starts, strict=True) if not known),
            )
        return found

    def listing(items: Iterable[Graded], first: int) -> None:
        for i, item in enumerate(items, first):
            link, event = item.link, item.event
            remaining.discard(event.id)
            beyond = limit is not None and i >= limit and event.id not in deciders
            if beyond and link.effect not in wanted:
                if not wanted and not remaining:
                    break
                continue
            grade, why = item.grade, item.reason
            if event.incident:  # only the accounts known by the cut-off may corroborate or contest
                started, later = known_by_cutoff(event.incident)
                # All the others known: the same inputs as in grade_links_policies, the same grade.
                if len(later) > (event.id in later):  # (the account itself has started: it is listed)
                    grade, why, *_ = grade_account_in(
                        event,
                        link.effect,
                        link.basis,
                        ob.bearers,
                        stakes or Stakes.of(agreement),
                        parties,
                        started,
                        trust,
                        link.caveat,
                    )
            if grade is Grade.CONFIRMED:
                wanted.discard(link.effect)
            elif beyond:
                continue
            evidence.append(Evidence(event.id, link.effect, grade, link.basis, why, link.note))

    if limit is None or total <= limit:
        listing(sorted(visible, key=_ORDER), 0)
        return evidence, total
    # The first ``limit`` in order (ties at the last place included) are listed as they come.
    last = heapq.nsmallest(limit, map(_ORDER, visible))[-1] if limit else None
    head = [] if last is None else sorted((g for g in visible if g.order <= last), key=_ORDER)
    listing(head, 0)
    # Beyond them only a deciding account, or the first confirmed of a wanted effect, is listed:
    # an unconfirmed link outside an incident cannot become confirmed (only an incident regrades).
    rest = (
        [
            g
            for g in visible
            if (last is None or g.order > last)
            and (
                g.event.id in deciders
                or (g.link.effect in wanted and (g.grade is Grade.CONFIRMED or g.event.incident))
            )
        ]
        if wanted or decided  # (else nothing beyond the first ``limit`` can be listed)
        else []
    )
    if rest:
        listing(sorted(rest, key=_ORDER), len(head))
    return evidence, total


_ORDER = attrgetter("order")
