"""Gathering, per obligation, the facts the decision rules need: graded links sorted into categories.

The links come graded (``graded.py``); each becomes an account of a category from an instant on
(``categories.py``), and the first account of each category is indexed (``intervals.Firsts``), as
is the first account of each category that counts at any cut-off (``categories.FirstAccounts``). Under
several trust policies the links graded alike are categorised once. For an obligation run in
parallel with another, the other's first fulfilment as the due day sees it (``Facts.parallel_alone``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, tzinfo
from functools import partial
from itertools import islice
from operator import attrgetter

from attrs import field, frozen

from compliance.core.model import Agreement, Ending, Obligation, ending_order
from compliance.core.timeframe import EPSILON, day_start, moment
from compliance.core.vocabulary import (
    DependencyType,
    Effect,
    EndType,
    Grade,
    Trust,
)
from compliance.evaluation.calendar import term_expiry
from compliance.evaluation.categories import (
    Account,
    ByRank,
    Category,
    Derived,
    FirstAccounts,
    categorise,
    first_accounts,
)
from compliance.evaluation.graded import Graded, Gradings
from compliance.evaluation.intervals import NEVER, Firsts, Span


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
    notices: tuple[tuple[datetime, datetime, str], ...]  # notices of termination: (from, until before, id)
    firsts: tuple[Firsts, ...]  # one per Category
    accounts: tuple[Account, ...] = ()  # every categorised account, by start then id
    # The partner's first fulfilment by its accounts that are not also a lasting confirmed
    # fulfilment of this obligation (None: ``parallel`` itself). The rules decide the due day by
    # it: an account of both acts puts both on its one day, whichever day that is.
    parallel_alone: Firsts | None = None
    # For an obligation that waits for another: its graded breach links, each with its account's
    # own span. It comes into force on an uncertain day of the other's fulfilment, and a breach
    # before that day does not count, so they are categorised again from each day it could be
    # (``breaches_from``, ``rules.entries``).
    waiting_breaches: tuple[tuple[Graded, Span], ...] | None = None
    first_accounts: tuple[FirstAccounts, ...] = field(init=False, eq=False, repr=False)  # per Category
    # The ends and starts of the waiting breaches' own spans, sorted: ``rules.entries`` finds
    # those inside a range by bisection at every point of a history (a scan there made a history n²).
    waiting_ends: tuple[datetime, ...] = field(init=False, eq=False, repr=False)
    waiting_starts: tuple[datetime, ...] = field(init=False, eq=False, repr=False)

    @property
    def notice_instants(self) -> tuple[datetime, ...]:
        """When each notice of termination was given, earliest first (``calendar.term_expiry``)."""
        return tuple(start for start, _, _ in self.notices)

    def notice_latest(self, cutoff: datetime) -> tuple[datetime, ...]:
        """The latest each notice can have been given, of those certainly given by ``cutoff``: a
        notice dated to a month may have come after the limit its earliest day is within, and
        one whose dates run past the cut-off may not have been given yet."""
        return tuple(end - EPSILON for _, end, _ in self.notices if end <= cutoff)

    @waiting_ends.default
    def _waiting_ends(self) -> tuple[datetime, ...]:
        return tuple(sorted({span[1] for _, span in self.waiting_breaches or ()}))

    @waiting_starts.default
    def _waiting_starts(self) -> tuple[datetime, ...]:
        return tuple(sorted({span[0] for _, span in self.waiting_breaches or ()}))

    @first_accounts.default
    def _first_accounts(self) -> tuple[FirstAccounts, ...]:
        return first_accounts(self.accounts)

    def breaches_from(self, instant: datetime) -> tuple[tuple[Firsts, ...], tuple[Account, ...]]:
        """The first accounts of each category and every account, with the breaches read from
        ``instant`` on (when an obligation that waits for another came into force): those wholly
        before it dropped, those straddling it read from it, as ``categorise`` reads a breach
        against the obligation's own entry into force, corroborations and denials included."""
        waiting = self.waiting_breaches or ()
        spans = {g.order[0]: span for g, span in waiting}  # (by rank, as categorise reads them)
        parts = categorise(self.obligation, [g for g, _ in waiting], spans, instant, self.tz, instant)
        firsts = list(self.firsts)
        for category in _BREACHES:
            firsts[category] = Firsts.of(parts.spans[category], parts.windows[category])
        accounts = sorted([a for a in self.accounts if a.category not in _BREACHES] + parts.accounts)
        return tuple(firsts), tuple(accounts)

    def counted(self, cutoff: datetime, accounts: Sequence[Account] | None = None) -> list[Account]:
        """The accounts that count at ``cutoff``, in order (those :meth:`Account.visible` keeps).

        The accounts are sorted by start, so those starting at or after the cut-off are cut off
        by bisection: a timeline's early cut-offs read few of them. Of the rest only an account
        confirmed until a denial (``until`` set) can have stopped counting.
        """
        ordered = self.accounts if accounts is None else accounts
        before = ordered[: bisect.bisect_left(ordered, cutoff, key=_START)]
        return [a for a in before if a.until is None or cutoff <= a.until]

    def counting(self, cutoff: datetime, accounts: Sequence[Account] | None = None) -> Iterator[Account]:
        """:meth:`counted`, one account at a time: a reader that needs the first few stops there
        (``why.deciding``, :meth:`visible_count`) instead of reading every account."""
        ordered = self.accounts if accounts is None else accounts
        before = islice(ordered, bisect.bisect_left(ordered, cutoff, key=_START))
        return (a for a in before if a.until is None or cutoff <= a.until)

    def visible(self, category: Category, cutoff: datetime) -> list[str]:
        """Ids of the accounts of ``category`` that count at ``cutoff``, earliest first."""
        return [a.event for a in self.counted(cutoff) if a.category is category]

    def visible_count(self, category: Category, cutoff: datetime, most: int) -> int:
        """``min(len(visible(category, cutoff)), most)``, reading no further than the ``most``-th:
        none when the category has no account at all (``first_accounts``), as in most facts."""
        lasting, bounds, _ = self.first_accounts[category]
        if lasting is None and not bounds:
            return 0
        return len(list(islice((a for a in self.counting(cutoff) if a.category is category), most)))

    def first_visible(self, category: Category, cutoff: datetime) -> str | None:
        """``visible(category, cutoff)[0]`` (``None`` for none), without listing the others.

        The rules name the first account at every point of a history: listing every account
        there made a history over n accounts cost n² (a sweep has about one point per account),
        and so did scanning past the accounts whose window had closed (a stakeholder's accounts,
        each denied a day later). The first that counts is looked up in ``first_accounts``: the
        first account that never stops counting, and the windowed ones' piece, by bisection.
        """
        lasting, bounds, windowed = self.first_accounts[category]
        found = lasting if lasting is not None and self.accounts[lasting].start < cutoff else None
        piece = bisect.bisect_left(bounds, cutoff) - 1  # bounds[piece] < cutoff <= bounds[piece + 1]
        if 0 <= piece < len(windowed):
            first = windowed[piece]
            if first is not None and (found is None or first < found):
                found = first
        return self.accounts[found].event if found is not None else None


_START = attrgetter("start")
_BREACHES = (Category.BREACH, Category.BREACH_UNCONFIRMED)
_FULFILS, _BREACHES_EFFECT = Effect.FULFILS, Effect.BREACHES  # (read per link: see categories._BREACHES)


def gather_facts(
    agreement: Agreement,
    graded: Mapping[str, list[Graded]],
    all_spans: Mapping[str, Span],
    all_endings: Mapping[str, list[Ending]],
) -> dict[str, Facts]:
    """The facts of each obligation of ``agreement`` from its graded links (one trust policy).

    The plain computation: :func:`gather_facts_policies` gives the same facts for each policy
    with less work, and the equivalence tests compare the two. It reads each account's interval
    by id (``all_spans``, as ``Prepared.spans_by_zone`` gives them), handed on by rank, where
    :func:`gather_facts_policies` reads them from the list by rank: the tests compare those too.
    """
    tz, adopted = agreement.tz, day_start(agreement.date, agreement.tz)
    spans = {g.order[0]: all_spans[g.event.id] for links in graded.values() for g in links}
    parts = {ob.id: categorise(ob, graded.get(ob.id, ()), spans, adopted, tz) for ob in agreement.obligations}
    alone = _partner_alone(agreement, lambda ob_id: graded.get(ob_id, ()), spans, adopted)
    derived = {ob_id: p.finish() for ob_id, p in parts.items()}
    waiting = _waiting_breaches(agreement, lambda ob_id: graded.get(ob_id, ()), spans)
    return _facts(agreement, derived, all_endings, alone, waiting)


def gather_facts_policies(
    agreement: Agreement,
    gradings: Mapping[str, Gradings],
    spans: Sequence[Span],
    all_endings: Mapping[str, list[Ending]],
    policies: Sequence[Trust],
) -> dict[Trust, dict[str, Facts]]:
    """:func:`gather_facts` under each policy; the links graded alike are categorised once.

    ``spans``: every known account's interval in the agreement's zone, by rank
    (``Prepared.spans_by_rank``), read by the rank each graded link carries."""
    tz, adopted = agreement.tz, day_start(agreement.date, agreement.tz)
    derived: dict[Trust, dict[str, Derived]] = {p: {} for p in policies}
    for ob in agreement.obligations:
        g = gradings.get(ob.id, Gradings([], {}))
        common = categorise(ob, g.common, spans, adopted, tz).sort()
        alike: Derived | None = None  # one object for every policy without links of its own
        for policy in policies:
            extra = g.differing.get(policy)
            if extra:
                derived[policy][ob.id] = common.finish_sorted(categorise(ob, extra, spans, adopted, tz))
            else:
                alike = alike or common.finish_sorted()
                derived[policy][ob.id] = alike
    return {
        p: _facts(
            agreement,
            derived[p],
            all_endings,
            _partner_alone(agreement, partial(_graded_under, gradings, p), spans, adopted),
            _waiting_breaches(agreement, partial(_graded_under, gradings, p), spans),
        )
        for p in policies
    }


def _graded_under(gradings: Mapping[str, Gradings], trust: Trust, ob_id: str) -> list[Graded]:
    found = gradings.get(ob_id)
    return found.under(trust) if found is not None else []


def _partner_alone(
    agreement: Agreement,
    graded: Callable[[str], Sequence[Graded]],
    spans: ByRank,
    adopted: datetime,
) -> dict[str, Firsts]:
    """For each obligation run in parallel with another whose fulfilment is reported by the same
    account as its own: the other's first fulfilment as far as this one's due day goes
    (``Facts.parallel_alone``).

    While an account counts as a confirmed fulfilment of this obligation from its own date, it
    puts this one's first fulfilment no later than the day it gives the partner's: as the
    partner's first it can set no due day this one is late for, so it is left out (its two places
    in two intervals are not independent: an account of both acts dated to a range would make each
    possibly late). If this obligation's side denies it (a stakeholder's word under the standard
    policy), it counts for the partner alone from the denial on (``Firsts.delayed``): a denial
    dated later changes nothing before it. Only pairs with such an account are worked out.

    An account is told by its rank and a link's effect read from its sort key (``Graded.order``:
    rank, effect, basis), not from the account and the link, which lie scattered in memory at a
    million accounts (a rank names one account as its id does).
    """
    found: dict[str, Firsts] = {}
    by_id = {ob.id: ob for ob in agreement.obligations}
    tz = agreement.tz
    for ob in agreement.obligations:
        partner = _parallel_of(ob)
        if partner is None or partner not in by_id:
            continue
        theirs = [g for g in graded(partner) if g.order[1] is _FULFILS]
        if not theirs:
            continue
        fulfils = {g.order[0] for g in theirs}
        both: dict[int, datetime] = {}  # account's rank -> until when it counts for this one
        for g in graded(ob.id):
            if g.order[1] is _FULFILS and g.order[0] in fulfils:
                until = _fulfils_from_its_date(g, spans, adopted, tz)
                if until is not None:
                    both[g.order[0]] = until
        if not both:
            continue
        parts = categorise(by_id[partner], [g for g in theirs if g.order[0] not in both], spans, adopted, tz)
        delayed: list[tuple[datetime, datetime, datetime, datetime]] = []
        for g in theirs:
            denied = both.get(g.order[0], NEVER)
            if denied == NEVER:
                continue
            alone = categorise(by_id[partner], [g], spans, adopted, tz)
            delayed += [(denied, start, end, NEVER) for start, end in alone.spans[Category.FULFIL]]
            delayed += [(denied, *window) for window in alone.windows[Category.FULFIL]]
        found[ob.id] = Firsts.of(parts.spans[Category.FULFIL], parts.windows[Category.FULFIL], delayed)
    return found


def _waiting_breaches(
    agreement: Agreement, graded: Callable[[str], Sequence[Graded]], spans: ByRank
) -> dict[str, tuple[tuple[Graded, Span], ...]]:
    """For each obligation that waits for another and has breach links: those links, each with
    its account's own span (``Facts.waiting_breaches``). Only these few obligations keep them."""
    found: dict[str, tuple[tuple[Graded, Span], ...]] = {}
    for ob in agreement.obligations:
        if _after_of(ob) is None:
            continue
        breaches = tuple((g, spans[g.order[0]]) for g in graded(ob.id) if g.order[1] is _BREACHES_EFFECT)
        if breaches:
            found[ob.id] = breaches
    return found


def _fulfils_from_its_date(g: Graded, spans: ByRank, adopted: datetime, tz: tzinfo) -> datetime | None:
    """Until when a fulfilment account counts as confirmed from its own date, as :func:`categories.categorise`
    files it: :data:`NEVER` for good, a denial's instant, or ``None`` for not at all (alleged, or
    confirmed only from a corroboration, which places it later)."""
    if g.denial is None:
        return NEVER if g.corroboration is None and g.grade is Grade.CONFIRMED else None
    if g.corroboration is not None:
        start = max(spans[g.order[0]][0], adopted)
        if not start < g.corroboration.when.span(tz)[0]:
            return None  # corroborated at once: confirmed from the corroboration only
    return g.denial.when.span(tz)[0]


def _parallel_of(ob: Obligation) -> str | None:
    """The id of the obligation ``ob`` runs in parallel with, if any."""
    return next((d.obligation for d in ob.depends_on if d.relation is DependencyType.PARALLEL), None)


def _after_of(ob: Obligation) -> str | None:
    """The id of the obligation ``ob`` waits for, if any."""
    return next((d.obligation for d in ob.depends_on if d.relation is DependencyType.AFTER), None)


def _facts(
    agreement: Agreement,
    derived: Mapping[str, Derived],
    all_endings: Mapping[str, list[Ending]],
    alone: Mapping[str, Firsts],
    waiting: Mapping[str, tuple[tuple[Graded, Span], ...]],
) -> dict[str, Facts]:
    tz = agreement.tz
    facts: dict[str, Facts] = {}
    for ob in agreement.obligations:
        after = _after_of(ob)
        parallel = _parallel_of(ob)
        deadlines: list[tuple[datetime | None, date]] = []
        if ob.deadline is not None:
            deadlines.append((None, ob.deadline))
        deadlines += [(day_start(a.date, tz), a.deadline) for a in agreement.amendments_of(ob.id)]
        endings = sorted(all_endings.get(ob.id, ()), key=ending_order)
        ending = (day_start(endings[0].date, tz), endings[0].type, endings[0].by) if endings else None
        firsts, notices, accounts = derived[ob.id]
        facts[ob.id] = Facts(
            obligation=ob,
            tz=tz,
            in_force=moment(ob.in_force, tz),
            after=derived[after][0][Category.FULFIL] if after is not None and after in derived else None,
            parallel=(
                derived[parallel][0][Category.FULFIL]
                if parallel is not None and parallel in derived
                else None
            ),
            deadlines=tuple(deadlines),
            ending=ending,
            notices=notices,
            firsts=firsts,
            accounts=accounts,
            parallel_alone=alone.get(ob.id),
            waiting_breaches=waiting.get(ob.id),
        )
    return facts


def notice_placements(facts: Facts, cutoff: datetime) -> list[Sequence[datetime] | None]:
    """Where the notices of a renewable term are tried: each at its earliest (``None``: the facts'
    own), and, when that ends the term at another expiry, each at its latest (a notice dated to
    July, for a limit of 25 July, may be in time or late): the evaluator does not choose. An
    expiry depends on the earliest notice only and moves later with it, so the two ends give
    every place a status can differ at: ended by the cut-off or not."""
    term = facts.obligation.term
    if term is None or not term.renews or not facts.notices:
        return [None]
    latest = facts.notice_latest(cutoff)
    early = term_expiry(facts.obligation, facts.tz, facts.notice_instants, cutoff)[0]
    late = term_expiry(facts.obligation, facts.tz, latest, cutoff)[0]
    return [None] if early == late else [None, latest]
