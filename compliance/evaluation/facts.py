"""Gathering, per obligation, the facts the decision rules need: graded links sorted into categories.

Each link is graded here on all accounts of its incident; the cut-off may later narrow them
(see ``evaluate._result``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from enum import Enum
from typing import NamedTuple

from attrs import frozen

from compliance.core.events import Event, Link
from compliance.core.model import Agreement, Ending, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.timeframe import day_start, moment
from compliance.core.vocabulary import (
    DependencyType,
    Effect,
    EndType,
    Grade,
    RelationType,
    Trust,
)
from compliance.evaluation.grading import Grading, grade_account_policies
from compliance.evaluation.intervals import Firsts, Span
from compliance.evaluation.trust import Stakes


class Category(int, Enum):
    """The kinds of account the decision rules look at."""

    FULFIL = 0
    FULFIL_UNCONFIRMED = 1
    BREACH = 2
    BREACH_UNCONFIRMED = 3
    PROGRESS = 4
    PROGRESS_UNCONFIRMED = 5


class Account(NamedTuple):
    """One account as the rules see it: its category, from when, until when, and its id.

    ``until`` is set only for an account confirmed until a denial appears; the same account
    then appears again as unconfirmed from the denial on.
    """

    start: datetime
    event: str
    category: Category
    until: datetime | None = None

    def visible(self, cutoff: datetime) -> bool:
        return self.start < cutoff and (self.until is None or cutoff <= self.until)


@frozen
class Facts:
    """What the decision needs about one obligation, independent of the cut-off."""

    obligation: Obligation
    tz: tzinfo
    in_force: datetime | None  # None: depends on another obligation not yet fulfilled
    after: Firsts | None  # the fulfilment of the obligation this one waits for
    parallel: Firsts | None  # the fulfilment of the obligation this one runs in parallel with
    deadlines: tuple[tuple[datetime | None, date], ...]  # (in force from, deadline); None: stated
    ending: tuple[datetime, EndType, str] | None
    notices: tuple[datetime, ...]  # confirmed notices of termination
    firsts: tuple[Firsts, ...]  # one per Category
    accounts: tuple[Account, ...] = ()  # every categorised account, by start then id

    def visible(self, category: Category, cutoff: datetime) -> list[str]:
        """Ids of the accounts of ``category`` that count at ``cutoff``, earliest first."""
        return [a.event for a in self.accounts if a.category is category and a.visible(cutoff)]


def endings_of(agreements: Sequence[Agreement]) -> dict[str, list[Ending]]:
    """Endings by obligation id: the agreement's own, and those later instruments declare.

    A later agreement's ``supersedes`` or ``terminates`` relation ends the earlier obligation
    (or every obligation of the earlier agreement) from the relation's date.
    """
    found: dict[str, list[Ending]] = {}
    by_agreement = {a.id: a for a in agreements}
    for agreement in agreements:
        for ending in agreement.endings:
            for ob_id in ending.obligations or tuple(o.id for o in agreement.obligations):
                found.setdefault(ob_id, []).append(ending)
        for relation in agreement.relations:
            if relation.type not in (RelationType.SUPERSEDES, RelationType.TERMINATES):
                continue
            end_type = EndType.SUPERSEDED if relation.type is RelationType.SUPERSEDES else EndType.TERMINATED
            by = agreement.id + (f" ({relation.later})" if relation.later else "")
            earlier = by_agreement.get(relation.earlier)
            targets = tuple(o.id for o in earlier.obligations) if earlier else (relation.earlier,)
            for ob_id in targets:
                found.setdefault(ob_id, []).append(
                    Ending(relation.date, end_type, by, relation.source, (ob_id,), relation.note)
                )
    return found


class Graded(NamedTuple):
    """A link with its event and its grade on all accounts (the cut-off may later narrow them).

    A named tuple, not an attrs class: one is made per link, and this is the hot path.
    """

    link: Link
    event: Event
    grade: Grade
    reason: str
    corroboration: Event | None
    order: tuple[int, str, str]  # sort key: the event's rank, then effect and basis
    denial: Event | None = None  # confirmed until this account appears (see grading.Grading)


def grade_links(
    agreement: Agreement,
    links_by_ob: Mapping[str, list[Link]],
    events: Mapping[str, Event],
    incidents: Mapping[str, list[Event]],
    parties: PartyRegistry,
    rank: Mapping[str, int],
    spans: Mapping[str, Span],
    trust: Trust = Trust.STANDARD,
    stakes: Stakes | None = None,
) -> dict[str, list[Graded]]:
    """Grade every link of the agreement's obligations under one trust policy.

    A link to an account that ends before the agreement's date is dropped: a text cannot be
    kept or broken before it exists. (An account whose dates straddle that date is kept, and read
    from that date on: see ``gather_facts``.)
    """
    return grade_links_policies(
        agreement, links_by_ob, events, incidents, parties, rank, spans, (trust,), stakes
    )[trust]


def grade_links_policies(
    agreement: Agreement,
    links_by_ob: Mapping[str, list[Link]],
    events: Mapping[str, Event],
    incidents: Mapping[str, list[Event]],
    parties: PartyRegistry,
    rank: Mapping[str, int],
    spans: Mapping[str, Span],
    policies: Sequence[Trust],
    stakes: Stakes | None = None,
) -> dict[Trust, dict[str, list[Graded]]]:
    """:func:`grade_links` under several policies, each link graded once.

    Where no link of an obligation grades differently under two policies, both get the *same*
    list object, so :func:`gather_facts` can reuse what it derived from it.
    """
    stakes = stakes or Stakes.of(agreement)
    adopted = day_start(agreement.date, agreement.tz)
    position = {t: i for i, t in enumerate(Trust)}
    graded: dict[Trust, dict[str, list[Graded]]] = {p: {} for p in policies}
    # An account alone in its incident is graded on its kind, actor and reporter only: a million
    # accounts share a few hundred such grades, so each is worked out once.
    alone: dict[tuple[object, ...], Grading | tuple[Grading, ...]] = {}
    for ob in agreement.obligations:
        common: list[Graded] = []
        split: dict[Trust, list[Graded]] | None = None  # made at the first link whose grade differs
        for link in links_by_ob.get(ob.id, ()):
            span = spans[link.event]
            if span[1] <= adopted:
                continue
            event = events[link.event]
            others = (
                [o for o in incidents.get(event.incident, ()) if o.id != event.id] if event.incident else []
            )
            if others:
                grading = grade_account_policies(
                    event, link.effect, link.basis, ob.bearers, stakes, parties, others, link.caveat
                )
            else:
                key = (
                    ob.bearers,
                    event.kind,
                    event.actor,
                    event.reporter_party,
                    link.effect,
                    link.basis,
                    link.caveat,
                )
                found = alone.get(key)
                if found is None:
                    found = alone[key] = grade_account_policies(
                        event, link.effect, link.basis, ob.bearers, stakes, parties, (), link.caveat
                    )
                grading = found
            order = (rank[event.id], link.effect.value, link.basis)
            if isinstance(grading, Grading):
                item = Graded(
                    link, event, grading.grade, grading.reason, grading.corroboration, order, grading.denial
                )
                if split is None:
                    common.append(item)
                else:
                    for items in split.values():
                        items.append(item)
                continue
            if split is None:
                split = {p: list(common) for p in policies}
            for p, items in split.items():
                g = grading[position[p]]
                items.append(Graded(link, event, g.grade, g.reason, g.corroboration, order, g.denial))
        for p in policies:
            graded[p][ob.id] = common if split is None else split[p]
    return graded


Derived = tuple[list["Graded"], tuple[Firsts, ...], tuple[datetime, ...], tuple[Account, ...]]
"""What :func:`gather_facts` derives from one obligation's graded links (the list, then its result)."""


def gather_facts(
    agreement: Agreement,
    graded: Mapping[str, list[Graded]],
    all_spans: Mapping[str, Span],
    all_endings: Mapping[str, list[Ending]],
    derived: dict[str, Derived] | None = None,
) -> dict[str, Facts]:
    """The facts of each obligation of ``agreement`` from its graded links.

    ``derived``, when given, keeps what was derived from each obligation's list of graded links
    and is reused when the next call (another trust policy) passes the very same list.
    """
    tz = agreement.tz
    categories: dict[str, tuple[Firsts, ...]] = {}
    extras: dict[str, tuple[tuple[datetime, ...], tuple[Account, ...]]] = {}
    adopted = day_start(agreement.date, tz)
    for ob in agreement.obligations:
        items = graded.get(ob.id, [])
        done = derived.get(ob.id) if derived is not None else None
        if done is None or done[0] is not items:
            done = (items, *_categorise(ob, items, all_spans, adopted, tz))
            if derived is not None:
                derived[ob.id] = done
        categories[ob.id] = done[1]
        extras[ob.id] = (done[2], done[3])
    facts: dict[str, Facts] = {}
    for ob in agreement.obligations:
        after = next((d.obligation for d in ob.depends_on if d.relation is DependencyType.AFTER), None)
        parallel = next((d.obligation for d in ob.depends_on if d.relation is DependencyType.PARALLEL), None)
        deadlines: list[tuple[datetime | None, date]] = []
        if ob.deadline is not None:
            deadlines.append((None, ob.deadline))
        amendments = sorted((a for a in agreement.amendments if a.obligation == ob.id), key=lambda a: a.date)
        deadlines += [(day_start(a.date, tz), a.deadline) for a in amendments]
        endings = sorted(all_endings.get(ob.id, ()), key=lambda e: (e.date, e.type.value, e.by))
        ending = (day_start(endings[0].date, tz), endings[0].type, endings[0].by) if endings else None
        facts[ob.id] = Facts(
            obligation=ob,
            tz=tz,
            in_force=moment(ob.in_force, tz),
            after=categories[after][Category.FULFIL] if after in categories else None,
            parallel=categories[parallel][Category.FULFIL] if parallel in categories else None,
            deadlines=tuple(deadlines),
            ending=ending,
            notices=extras[ob.id][0],
            firsts=categories[ob.id],
            accounts=extras[ob.id][1],
        )
    return facts


def _categorise(
    ob: Obligation, graded: Sequence[Graded], all_spans: Mapping[str, Span], adopted: datetime, tz: tzinfo
) -> tuple[tuple[Firsts, ...], tuple[datetime, ...], tuple[Account, ...]]:
    """One obligation's graded links sorted into categories, notices and accounts."""
    accounts: list[Account] = []
    notices: list[datetime] = []
    spans_by: dict[int, list[Span]] = {}
    windows: dict[int, list[tuple[datetime, datetime, datetime]]] = {}
    for item in graded:
        link, event, grade, corroboration = item.link, item.event, item.grade, item.corroboration
        # An account whose dates straddle the agreement's date is read from that date on: the
        # part before the text existed is cut, the rest stays uncertain as any date does.
        start, end = all_spans[event.id]
        span = (max(start, adopted), end)
        confirmed = grade is Grade.CONFIRMED
        category = _CATEGORY.get(link.effect)
        if category is not None and corroboration is not None:
            # Unconfirmed (alleged) until the corroborating account exists, confirmed from then
            # on: a later account must not hide the allegation before it (no look-ahead).
            confirmed_span = _later(span, corroboration.when.span(tz))
            accounts.append(Account(span[0], event.id, Category(category + 1), confirmed_span[0]))
            accounts.append(Account(confirmed_span[0], event.id, category))
            windows.setdefault(category + 1, []).append((span[0], span[1], confirmed_span[0]))
            spans_by.setdefault(category, []).append(confirmed_span)
            span = confirmed_span
        elif category is not None:
            if item.denial is not None:  # confirmed until the denial, unconfirmed from it on
                denied = item.denial.when.span(tz)
                accounts.append(Account(span[0], event.id, category, denied[0]))
                accounts.append(Account(_later(span, denied)[0], event.id, Category(category + 1)))
                windows.setdefault(category, []).append((span[0], span[1], denied[0]))
                spans_by.setdefault(category + 1, []).append(_later(span, denied))
            else:
                chosen = category if confirmed else Category(category + 1)
                accounts.append(Account(span[0], event.id, chosen))
                spans_by.setdefault(chosen, []).append(span)
        if (
            event.kind == "notice-of-termination"
            and ob.term is not None
            and event.actor in ob.term.notice_by
            and confirmed
        ):
            notices.append(span[0])
    firsts = tuple(Firsts.of(spans_by.get(c, ()), windows.get(c, ())) for c in Category)
    accounts.sort()
    return firsts, tuple(sorted(notices)), tuple(accounts)


_CATEGORY = {
    Effect.FULFILS: Category.FULFIL,
    Effect.BREACHES: Category.BREACH,
    Effect.PROGRESS: Category.PROGRESS,
}
"""The confirmed category of each effect; its unconfirmed twin is the next value."""


def _later(span: Span, other: Span) -> Span:
    """The span of "both have happened": the later start and the later end."""
    return (max(span[0], other[0]), max(span[1], other[1]))
