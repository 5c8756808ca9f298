"""Graded links sorted into categories: each becomes an account of a category from an instant on.

The categories are the kinds of account the decision rules look at (confirmed or unconfirmed
fulfilment, breach, progress). An account confirmed only until a denial, or only from a
corroboration, is filed as such (``Account.until``, the windows); :class:`Parts` holds one
obligation's accounts before they become :class:`intervals.Firsts` (``facts.py`` gathers them).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from enum import Enum
from functools import partial
from operator import itemgetter
from typing import NamedTuple, TypeVar

from compliance.core.events import Event
from compliance.core.model import Obligation
from compliance.core.timeframe import moment
from compliance.core.vocabulary import Effect, Grade
from compliance.evaluation.graded import Graded
from compliance.evaluation.intervals import Firsts, Span, front, least_open

MAYBE_NEVER = datetime(9000, 1, 1, tzinfo=UTC)
"""The end of a breach account that straddles the day its duty bound: later than any cut-off, for
the act may lie before that day, and then it never happened as a breach of the duty. (Not
``intervals.NEVER``: a history reads each end's local day, and the largest datetime has none.)"""


def straddles(span: Span, binds: datetime) -> bool:
    """Whether an account not wholly before ``binds`` began before it: a breach account that may
    be of an act before its duty bound (read with :data:`MAYBE_NEVER`)."""
    return span[0] < binds


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
    end: datetime | None = None  # the last instant it may have happened (None: not kept)

    def visible(self, cutoff: datetime) -> bool:
        return self.start < cutoff and (self.until is None or cutoff <= self.until)


class FirstAccounts(NamedTuple):
    """Where to find the first account of one category that counts, at any cut-off.

    ``lasting``: the position (in ``facts.Facts.accounts``) of the first account that never stops
    counting (``until`` unset); such an account counts at every cut-off after its start, and the
    first starts no later than the others: if any of them counts, it does. The accounts with
    ``until`` set are worked out piece by piece (:func:`intervals.least_open` of their
    positions): ``windowed[k]`` is the position of the first of them that counts at a cut-off T
    with ``bounds[k] < T <= bounds[k + 1]`` (``None``: none does). The answer is the earlier of
    the two.
    """

    lasting: int | None = None
    bounds: tuple[datetime, ...] = ()
    windowed: tuple[int | None, ...] = ()


def first_accounts(accounts: Sequence[Account]) -> tuple[FirstAccounts, ...]:
    """:class:`FirstAccounts` for each :class:`Category`, from accounts sorted as ``facts.Facts`` holds them.

    Most facts have no windowed account (``until`` set): each category's first lasting account
    is then its first account, found by a search in C per category instead of a step in Python
    per account. Otherwise one pass finds each category's first lasting account and its windowed
    ones, and the pieces are built only for a category that has windowed accounts.
    """
    if not any(map(_UNTIL, accounts)):
        categories = list(map(_CATEGORY_OF, accounts))
        return tuple(
            FirstAccounts(categories.index(category) if category in categories else None)
            for category in Category
        )
    lasting: list[int | None] = [None] * len(Category)
    windowed: list[list[tuple[datetime, datetime, int]]] = [[] for _ in Category]
    for position, (start, _, category, until, _) in enumerate(accounts):
        if until is not None:
            windowed[category].append((start, until, position))
        elif lasting[category] is None:
            lasting[category] = position
    return tuple(
        FirstAccounts(first, *least_open(items)) if items else FirstAccounts(first)
        for first, items in zip(lasting, windowed, strict=True)
    )


_UNTIL = itemgetter(3)  # Account.until
_CATEGORY_OF = itemgetter(2)  # Account.category


Derived = tuple[tuple[Firsts, ...], tuple[tuple[datetime, datetime, str], ...], tuple[Account, ...]]
"""What the facts of one obligation take from its graded links: firsts, notices, accounts."""
ByRank = Sequence[Span] | Mapping[int, Span]
"""Each account's interval in the agreement's zone, read by its rank (``Graded.order[0]``): the
list of every known account's (``Prepared.spans_by_rank``), or a mapping of the few a reader has."""


class Parts(NamedTuple):
    """Graded links sorted into categories, before they become :class:`Firsts` (can be joined)."""

    spans: tuple[list[Span], ...]  # per Category
    windows: tuple[list[tuple[datetime, datetime, datetime]], ...]  # per Category
    notices: list[tuple[datetime, datetime, str]]  # (given from, until before, account id)
    accounts: list[Account]

    def sort(self) -> Parts:
        """Sorted, and each category's spans cut to those that can decide :class:`Firsts` (its front).

        The front of a union is the front of (one part's front + the other part): a span that
        an earlier span with an earlier end hides in one part stays hidden in the union. So
        each policy's join (:meth:`finish_sorted`) reads a handful of common spans instead of all.
        """
        for items in (*self.windows, self.notices, self.accounts):
            items.sort()  # type: ignore[attr-defined]
        for spans in self.spans:
            spans[:] = front(spans)
        return self

    def finish(self) -> Derived:
        firsts = tuple(Firsts.of(s, w) for s, w in zip(self.spans, self.windows, strict=True))
        return firsts, tuple(sorted(self.notices)), tuple(sorted(self.accounts))

    def finish_sorted(self, other: Parts | None = None) -> Derived:
        """:meth:`finish` of this part once sorted (:meth:`sort`), joined with ``other`` if given.

        The sorted notices and accounts are not sorted again (a sorted list of n accounts still
        costs n comparisons to sort, and this is done once per policy): ``other``'s are sorted
        and put in place by bisection (:func:`merged`), where a stable sort of both would put them.
        Only the spans and windows of the two are joined (this part's are a handful once sorted).
        """
        if other is None:
            firsts = tuple(Firsts.of(s, w) for s, w in zip(self.spans, self.windows, strict=True))
            return firsts, tuple(self.notices), tuple(self.accounts)
        spans = zip(self.spans, other.spans, strict=True)
        windows = zip(self.windows, other.windows, strict=True)
        firsts = tuple(Firsts.of(s + t, w + x) for (s, t), (w, x) in zip(spans, windows, strict=True))
        return (
            firsts,
            tuple(merged(self.notices, other.notices)),
            tuple(merged(self.accounts, other.accounts)),
        )


T = TypeVar("T", Account, tuple[datetime, datetime, str])


def merged(ordered: list[T], items: list[T]) -> list[T]:
    """``sorted(ordered + items)`` for a sorted ``ordered``: ``items`` sorted, each put after the
    items of ``ordered`` that are not greater (as a stable sort leaves it), found by bisection.
    Comparisons: a few per item of ``items``, none per item of ``ordered`` (copied in slices).

    Each place is looked for first just after the previous one, within twice the average gap
    between places, and beyond it only when it is not there. A bisection of the whole rest
    reads accounts far apart, and at a million accounts each such read is a miss of the
    processor's caches (an account compared on its id reads that string, allocated when its row
    was read); the window keeps the reads beside the accounts just copied.
    """
    result: list[T] = []
    start = 0
    size = len(ordered)
    window = 2 * (size // len(items)) + 2 if items else size
    for item in sorted(items):
        end = start + window
        at = bisect.bisect_right(ordered, item, start, min(end, size))
        if at == end < size:  # (not within the window: beyond it)
            at = bisect.bisect_right(ordered, item, end)
        result += ordered[start:at]
        result.append(item)
        start = at
    result += ordered[start:]
    return result


def categorise(
    ob: Obligation,
    graded: Iterable[Graded],
    spans: ByRank,
    adopted: datetime,
    tz: tzinfo,
    binds: datetime | None = None,
) -> Parts:
    """One obligation's graded links sorted into categories, notices and accounts.

    ``binds``: when the obligation came into force, if later than its own ``in_force`` (it
    waits for another: ``facts.Facts.breaches_from``); breaches are read from then on.

    Each link's interval is read by its account's rank (``spans``), an integer the graded link
    carries: at a million accounts a look-up by id probed a dictionary of 690,000 entries at the
    id's hash, a read scattered in memory per link, where the list by rank holds a few thousand
    distinct intervals (one per time object) in the order the links come in.
    """
    accounts: list[Account] = []
    notices: list[tuple[datetime, datetime, str]] = []
    spans_by: tuple[list[Span], ...] = tuple([] for _ in Category)
    windows: tuple[list[tuple[datetime, datetime, datetime]], ...] = tuple([] for _ in Category)
    add = accounts.append
    # A duty is not breached before it binds (no retroactive breach): an account of a breach is
    # read from the obligation's entry into force, as any account is from the agreement's date.
    binds = max(adopted, moment(ob.in_force, tz), binds or adopted)
    termed = ob.term is not None  # (only then can an account give notice: no call per link otherwise)
    for link, event, grade, _, corroboration, order, denial in graded:  # unpacked: the hot loop
        effect = link.effect
        category = _CATEGORY.get(effect)
        if category is None and not termed:  # (a link of relevance only: no account, no notice)
            continue
        # An account whose dates straddle the agreement's date is read from that date on: the
        # part before the text existed is cut, the rest stays uncertain as any date does.
        event_id = link.event  # (the account's id: its event need not be read)
        span = spans[order[0]]  # (by the account's rank: no look-up by id)
        floor = adopted
        if effect is _BREACHES:  # (a module constant: see _BREACHES)
            if span[1] <= binds:  # wholly before the duty bound: no breach of it
                continue
            if span[0] < binds:  # (straddles(span, binds), inline: the hot loop)
                # It straddles the day the duty bound: the act may have come before it and be no
                # breach at all, so no cut-off makes the breach certain. Read from that day, it
                # stays possible only (the status is indeterminate unless other accounts settle it).
                span = (binds, MAYBE_NEVER)
            floor = binds
        if span[0] < floor:
            span = (floor, span[1])
        confirmed = grade is _CONFIRMED
        if category is not None and corroboration is not None:
            # Unconfirmed (alleged) until the corroborating account exists, confirmed from then
            # on: a later account must not hide the allegation before it (no look-ahead). With a
            # denial too (a stakeholder under the standard policy): confirmed until the denial.
            confirmed_span = _later(span, corroboration.when.span(tz))
            unconfirmed = span
            if denial is not None and span[0] < confirmed_span[0]:  # (corroborated at once: no gap)
                denied = denial.when.span(tz)
                add(_account((span[0], event_id, category, denied[0], span[1])))
                windows[category].append((span[0], span[1], denied[0]))
                unconfirmed = _later(span, denied)
            add(
                _account(
                    (unconfirmed[0], event_id, _UNCONFIRMED[category], confirmed_span[0], unconfirmed[1])
                )
            )
            add(_account((confirmed_span[0], event_id, category, None, confirmed_span[1])))
            windows[category + 1].append((unconfirmed[0], unconfirmed[1], confirmed_span[0]))
            spans_by[category].append(confirmed_span)
            span = confirmed_span
        elif category is not None:
            if denial is not None:  # confirmed until the denial, unconfirmed from it on
                denied = denial.when.span(tz)
                add(_account((span[0], event_id, category, denied[0], span[1])))
                later = _later(span, denied)
                add(_account((later[0], event_id, _UNCONFIRMED[category], None, later[1])))
                windows[category].append((span[0], span[1], denied[0]))
                spans_by[category + 1].append(_later(span, denied))
            else:
                chosen = category if confirmed else _UNCONFIRMED[category]
                add(_account((span[0], event_id, chosen, None, span[1])))
                spans_by[chosen].append(span)
        if termed and gives_notice(event, ob, confirmed):
            notices.append((span[0], span[1], event_id))
    return Parts(spans_by, windows, notices, accounts)


def gives_notice(event: Event, ob: Obligation, confirmed: bool) -> bool:
    """Whether an account gives notice of termination under ``ob``'s term (docs/obligation-logic.md,
    "Terms and renewal").

    A notice is given by declaring it: the notifying party's own announcement is the act itself,
    whatever its stake in the term, so it gives notice whatever grade its source earns; anyone
    else's report of the notice needs confirming.
    """
    return (
        event.kind == "notice-of-termination"
        and ob.term is not None
        and event.actor in ob.term.notice_by
        and (confirmed or event.reporter_party == event.actor)
    )


_CATEGORY = {
    Effect.FULFILS: Category.FULFIL,
    Effect.BREACHES: Category.BREACH,
    Effect.PROGRESS: Category.PROGRESS,
}
"""The confirmed category of each effect; its unconfirmed twin is the next value."""
_UNCONFIRMED = {c: Category(c + 1) for c in _CATEGORY.values()}
_BREACHES = Effect.BREACHES
_CONFIRMED = Grade.CONFIRMED
"""Members read once, for the loop of :func:`categorise`: in Python 3.11 an enum's class defines
``__getattr__``, so reading ``Effect.BREACHES`` from it takes the slow path of attribute look-up
(about 70 ns, against a few for a module's constant), and the loop read two per link."""
_account = partial(tuple.__new__, Account)
"""``Account(*fields)`` without the named tuple's ``__new__``, a Python call per account (a
million links make as many accounts): the same value, built in C."""


def _later(span: Span, other: Span) -> Span:
    """The span of "both have happened": the later start and the later end."""
    return (max(span[0], other[0]), max(span[1], other[1]))
