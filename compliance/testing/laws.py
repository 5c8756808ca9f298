"""The evaluator's laws as plain functions: call them from your own tests on your own agreement.

Each takes the agreements, the party registry and some accounts, evaluates, and raises
``AssertionError`` with a message naming the obligation and what changed when the law does not
hold. They hold for every input by design (docs/obligation-logic.md, "Laws"); a failure on your
agreement is a bug in the library or a case the documentation does not cover: please report it
with the event file.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, timedelta
from itertools import pairwise
from operator import itemgetter

from attrs import evolve

from compliance.core.events import UNAFFILIATED, Event, ExplicitLink, Link
from compliance.core.model import Agreement
from compliance.core.parties import PartyRegistry
from compliance.core.places import Gazetteer
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import DependencyType, Effect, Grade, Status, Trust
from compliance.evaluation.evaluate import Evaluation, Prepared
from compliance.linking.index import LinkIndex, link_event

BADNESS: dict[Status, int] = {
    Status.NOT_IN_FORCE: 0, Status.NOT_ASSESSABLE: 0, Status.TERMINATED: 0, Status.SUPERSEDED: 0,
    Status.FULFILLED: 0, Status.COMPLIED: 0, Status.UNUSED: 0, Status.EXERCISED: 0,
    Status.FULFILLED_LATE: 1, Status.PENDING: 1, Status.IN_PROGRESS: 1,
    Status.OVERDUE: 2, Status.DISPUTED: 3, Status.INDETERMINATE: 3, Status.VIOLATED: 4,
}  # fmt: skip
"""How bad a status is for the breach law (a status added later counts as 1 until it is placed here)."""
ENDED = frozenset({Status.TERMINATED, Status.SUPERSEDED})
TRUST_ORDER = (Trust.STRICT, Trust.STANDARD, Trust.BROAD)
"""Each policy confirms at least what the one before it confirms."""


def badness(status: Status) -> int:
    return BADNESS.get(status, 1)


def links_for(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    events: Iterable[Event],
    gazetteer: Gazetteer | None = None,
) -> list[Link]:
    """Every link of every account, as the ledger makes them (explicit references, then rules),
    with places resolved in ``gazetteer`` (default: the bundled one)."""
    index = LinkIndex.build(agreements, gazetteer)
    return [link for event in events for link in link_event(event, index, parties)]


def _run(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    events: Sequence[Event],
    as_of: date,
    links: Sequence[Link] | None = None,
    trust: Trust = Trust.STANDARD,
    gazetteer: Gazetteer | None = None,
) -> Evaluation:
    found = links_for(agreements, parties, events, gazetteer) if links is None else links
    # What ``evaluate`` computes, without its edge checks: the laws probe days around an
    # encoding's own dates, which may lie past 2100 (a term may run to 2150).
    return Prepared.of(agreements, events, found).evaluate(parties, as_of, trust)


def summary(
    evaluation: Evaluation,
) -> list[tuple[str, str, tuple[str, ...], tuple[tuple[str, str, str], ...]]]:
    """Per obligation: status, possible statuses and graded evidence (what a reader sees)."""
    return [
        (
            r.id,
            r.status.value,
            tuple(s.value for s in r.possible),
            tuple((e.event, e.effect.value, e.grade.value) for e in r.evidence),
        )
        for r in evaluation.results
    ]


def _first_difference(before: Evaluation, after: Evaluation) -> str:
    for old, new in zip(summary(before), summary(after), strict=False):
        if old != new:
            return f"{old[0]}: {old[1]} {old[3]} became {new[1]} {new[3]}"
    return "the results differ"


def order_independent(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    events: Sequence[Event],
    as_of: date,
    *,
    seed: int = 0,
    gazetteer: Gazetteer | None = None,
) -> None:
    """Shuffling the accounts and their links changes nothing in the evaluation."""
    links = links_for(agreements, parties, events, gazetteer)
    rnd = random.Random(seed)  # noqa: S311 - a reproducible shuffle, not a secret
    shuffled_events, shuffled_links = list(events), list(links)
    rnd.shuffle(shuffled_events)
    rnd.shuffle(shuffled_links)
    before = _run(agreements, parties, events, as_of, links, gazetteer=gazetteer)
    after = _run(agreements, parties, shuffled_events, as_of, shuffled_links, gazetteer=gazetteer)
    assert before == after, (
        f"order independence, as of {as_of}: shuffling the accounts changed {_first_difference(before, after)}"
    )


def no_look_ahead(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    events: Sequence[Event],
    as_of: date,
    later: Sequence[Event] | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> None:
    """Accounts of events that begin after the as-of date change nothing.

    ``later`` (default: copies of ``events``) are moved to begin two days or more after ``as_of``,
    with ids prefixed ``late-``, and added.
    """
    after = as_of + timedelta(days=2)
    moved = [
        evolve(e, id=f"late-{e.id}", when=EventTime(after + timedelta(days=i), None, Precision.DAY))
        for i, e in enumerate(events if later is None else later)
    ]
    ids = {e.id for e in events}
    before = _run(agreements, parties, events, as_of, gazetteer=gazetteer)
    with_later = _run(
        agreements, parties, [*events, *(m for m in moved if m.id not in ids)], as_of, gazetteer=gazetteer
    )
    assert summary(before) == summary(with_later), (
        f"no look-ahead, as of {as_of}: accounts dated after it changed {_first_difference(before, with_later)}"
    )


def history_replays(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    events: Sequence[Event],
    as_of: date,
    days: Iterable[date] | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> None:
    """Replaying each history at an earlier date gives what a direct evaluation at that date gives.

    ``days`` (default: every day a status changes, the day before it, and ``as_of``) later than
    ``as_of`` are skipped.
    """
    final = _run(agreements, parties, events, as_of, gazetteer=gazetteer)
    if days is None:
        changes = {t.date for r in final.results for t in r.history}
        days = changes | {d - timedelta(days=1) for d in changes} | {as_of}
    tz = {a.id: a.tz for a in agreements}
    for day in sorted(d for d in days if d <= as_of):
        direct = _run(agreements, parties, events, day, gazetteer=gazetteer)
        for result in final.results:
            replayed = result.status_on(day, tz[result.agreement])
            now = direct.result(result.id)
            assert replayed == (now.status, now.possible), (
                f"history replay, {result.id} as of {day}: the history evaluated as of {as_of} says "
                f"{replayed[0]}, a direct evaluation says {now.status}"
            )


def breach_never_improves(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    events: Sequence[Event],
    as_of: date,
    when: EventTime | None = None,
    obligations: Collection[str] | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> None:
    """Adding a confirmed account of a breach of any obligation never makes any status better.

    For each obligation in turn (or each of ``obligations``), an unaffiliated source's account
    (dated ``when``, default the as-of date) with an explicit breach link to it is added.
    """
    before = _run(agreements, parties, events, as_of, gazetteer=gazetteer)
    moment = when or EventTime(as_of, None, Precision.DAY)
    for agreement in agreements:
        for ob in agreement.obligations:
            if obligations is not None and ob.id not in obligations:
                continue
            breach = Event(
                id="law-breach",
                when=moment,
                kind="statement",
                reported_by="Unaffiliated observer",
                reporter_party=UNAFFILIATED,
                actor=ob.bearers[0],
                links=(ExplicitLink(agreement.id, ob.article, Effect.BREACHES, ob.id),),
            )
            after = _run(
                agreements,
                parties,
                [*(e for e in events if e.id != breach.id), breach],
                as_of,
                gazetteer=gazetteer,
            )
            for old, new in zip(before.results, after.results, strict=True):
                worst_old = max(badness(s) for s in old.possible)
                worst_new = max(badness(s) for s in new.possible)
                assert worst_new >= worst_old or old.status is new.status, (
                    f"a confirmed breach of {ob.id} on {moment.label} improved {old.id}: "
                    f"{old.status} became {new.status} as of {as_of}"
                )


def trust_nested(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    events: Sequence[Event],
    as_of: date,
    *,
    gazetteer: Gazetteer | None = None,
) -> None:
    """What the strict policy confirms, the standard one confirms, and what that confirms, the broad one does."""
    links = links_for(agreements, parties, events, gazetteer)
    confirmed = []
    for trust in TRUST_ORDER:
        evaluation = _run(agreements, parties, events, as_of, links, trust, gazetteer=gazetteer)
        confirmed.append(
            {
                (r.id, e.event, e.effect.value)
                for r in evaluation.results
                for e in r.evidence
                if e.grade is Grade.CONFIRMED
            }
        )
    for (narrow, wide), (a, b) in zip(pairwise(TRUST_ORDER), pairwise(confirmed), strict=True):
        lost = sorted(a - b)
        assert not lost, (
            f"trust policies nested, as of {as_of}: {narrow} confirms {lost[0]} but {wide} does not"
        )


def fulfilled_stays_fulfilled(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    events: Sequence[Event],
    as_of: date,
    later: date | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> None:
    """An obligation fulfilled (on time or late) as of a date is still so at a later date, unless
    ended, under every trust policy.

    One exception, by the definition of the ``standard`` policy: a stakeholder's word counts
    until the bearer's side denies or contradicts it, so when the account that fulfilled the
    obligation is contested at the later date, the fulfilment stops counting from the denial on
    (the history shows both periods; docs/obligation-logic.md, "Trust policies"). The status
    then follows the evidence known at each date, whatever the order in which it came. Under
    ``strict`` and ``broad`` no denial withdraws a confirmation, and the law has no exception.
    """
    later = later or as_of + timedelta(days=365)
    links = links_for(agreements, parties, events, gazetteer)
    prepared = Prepared.of(agreements, events, links)
    now = prepared.evaluate_policies(parties, as_of, TRUST_ORDER, Trust.STANDARD)
    then = prepared.evaluate_policies(parties, later, TRUST_ORDER, Trust.STANDARD)
    for trust in TRUST_ORDER:
        for result in now[trust].results:
            if result.status not in (Status.FULFILLED, Status.FULFILLED_LATE):
                continue
            after = then[trust].result(result.id)
            if after.status is result.status or after.status in ENDED:
                continue
            withdrawn = trust is Trust.STANDARD and any(
                e.event in result.deciding and e.effect is Effect.FULFILS and e.grade is not Grade.CONFIRMED
                for e in after.evidence
            )
            assert withdrawn, (
                f"fulfilled stays fulfilled: {result.id} is {result.status} as of {as_of} but "
                f"{after.status} as of {later} under the {trust} policy"
            )


def partner_dated_anywhere_in_its_range(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    events: Sequence[Event],
    as_of: date,
    days: Iterable[date] | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> None:
    """An account of the fulfilment of an obligation, dated to a range of days, placed on any one
    day of its range, never gives an obligation that runs in parallel with it, or waits for it, a
    status outside the possible statuses the range gives it.

    The first fulfilment of the partner sets the due day, or the day the other comes into force,
    so the status is decided for every day it could fall on (docs/obligation-logic.md, "In
    parallel with", "Conditional / after"); one day is one of them. The
    links stay those of the account as dated. ``days`` (default: the first and last day of the
    range, its middle, and the as-of date and the days either side) are tried where they lie in
    the range and on or after the agreement's date.

    An account that shares an incident is not moved: it also dates the denials and
    corroborations of the accounts read with it, and the grading takes it as known from its first
    possible day (a denial dated to a range that has begun answers the account it denies); moved
    past the as-of date it would no longer be known, which is another input, not another place.
    """
    links = links_for(agreements, parties, events, gazetteer)
    runs_with: dict[str, list[tuple[Agreement, str]]] = {}
    for agreement in agreements:
        for ob in agreement.obligations:
            for dependency in ob.depends_on:
                if dependency.relation in (DependencyType.PARALLEL, DependencyType.AFTER):
                    runs_with.setdefault(dependency.obligation, []).append((agreement, ob.id))
    if not runs_with:
        return
    fulfils: dict[str, set[str]] = {}
    for link in links:
        if link.effect is Effect.FULFILS and link.obligation in runs_with:
            fulfils.setdefault(link.event, set()).add(link.obligation)
    before = _run(agreements, parties, events, as_of, links, gazetteer=gazetteer)
    for event in events:
        if event.when.is_instant or event.incident:  # (an instant's days depend on the zone)
            continue
        dependants: dict[str, tuple[Agreement, list[str]]] = {}  # one run per day serves them all
        for agreement, ob_id in sorted(
            {d for o in fulfils.get(event.id, ()) for d in runs_with[o]}, key=_SECOND
        ):
            dependants.setdefault(agreement.id, (agreement, []))[1].append(ob_id)
        for agreement, ob_ids in dependants.values():
            first, last = event.when.days_in(agreement.tz)
            first = max(first, agreement.date)
            if first >= last:
                continue
            middle = first + (last - first) // 2
            tried = (
                {first, last, middle, as_of - timedelta(days=1), as_of, as_of + timedelta(days=1)}
                if days is None
                else set(days)
            )
            for day in sorted(d for d in tried if first <= d <= last):
                placed = evolve(event, when=EventTime(day, None, Precision.DAY))
                after = _run(
                    agreements,
                    parties,
                    [placed if e is event else e for e in events],
                    as_of,
                    links,
                    gazetteer=gazetteer,
                )
                for ob_id in ob_ids:
                    possible = {s.value for s in before.result(ob_id).possible}
                    found = after.result(ob_id)
                    assert {s.value for s in found.possible} <= possible, (
                        f"partner dated anywhere in its range, as of {as_of}: {event.id} "
                        f"({event.when.label()}) placed on {day} makes {ob_id} {found.status} "
                        f"{[s.value for s in found.possible]}, outside {sorted(possible)}"
                    )


_SECOND = itemgetter(1)


Law = Callable[..., None]
"""``law(agreements, parties, events, as_of, *, gazetteer=None)``: a gazetteer links the files as a
run with it links (``None``: the bundled one)."""


LAWS: dict[str, Law] = {
    "order independence": order_independent,
    "no look-ahead": no_look_ahead,
    "history replay": history_replays,
    "confirmed breach never improves": breach_never_improves,
    "trust policies nested": trust_nested,
    "fulfilled stays fulfilled": fulfilled_stays_fulfilled,
    "partner dated anywhere in its range": partner_dated_anywhere_in_its_range,
}
"""Every law by name, each callable as ``law(agreements, parties, events, as_of)``."""


def check_all(
    agreements: Sequence[Agreement], parties: PartyRegistry, events: Sequence[Event], as_of: date
) -> None:
    """Every law on one input, with its defaults."""
    for law in LAWS.values():
        law(agreements, parties, events, as_of)
