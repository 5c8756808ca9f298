"""Shortcuts of the evaluation give what the plain computation gives.

- ``Prepared.of`` looks each link's account up once, by rank (``evaluation.prepare``): the rank
  says whether the account is known and orders the obligation's links, and the accounts'
  intervals are read by rank. The plain computation keeps a link when its account is known, sorts
  each obligation's links by their accounts' ranks, and gives each linked account its interval in
  each agreement's zone. The links are given in runs by obligation, in any order, and
  ``known_on`` leaves some accounts out. What grading reads by rank is the same: the accounts in
  sort order, each link's rank beside it, and every known account's interval in each zone at its
  rank (worked out once per time object, not per account). The accounts come in any order, or in
  sort order as a ledger gives them (whose ids then give the ranks as read, not read again).
- ``accounts_in_rank_order`` and ``links_in_rank_order`` read the accounts and links a block at a
  time, and take accounts given in order as they are (the check runs across the blocks); with
  blocks of any size, accounts in order, out of order or with an id given twice, they give the
  plain computation: a dict display by id, the sorted accounts, their ranks, and each
  obligation's links to known accounts sorted by rank.
- With an evidence limit, ``listing.list_evidence`` sorts the links once and lists the first
  ``limit`` and, beyond them, only the deciding accounts and the first confirmed fulfilment and
  breach. The plain computation is the unlimited list, filtered so. Each drawn account is copied a
  few times (each copy in an incident of its own copies), so that an obligation has many more links
  than the limit, and the links beyond it are not all deciding.
- Beyond the limit ``listing.list_evidence`` reads the links only as far as it can list, stopping
  after the links of the account last listed once nothing more is wanted; with any accounts
  deciding and accounts linked twice to one obligation, it is the unlimited list filtered so.
- ``why.deciding`` reads the accounts that count one at a time and stops at the account it
  names; ``Facts.visible_count`` counts no further than asked. The plain computation lists every
  account that counts first (``Facts.counted``, ``Facts.visible``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime

from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.core.events import Event, Link, by_sort_key
from compliance.core.timeframe import EPSILON, EventTime, as_of_cutoff
from compliance.core.vocabulary import Effect, Grade, Trust
from compliance.evaluation.categories import Account, Category
from compliance.evaluation.evaluate import Prepared
from compliance.evaluation.facts import Facts
from compliance.evaluation.intervals import Firsts
from compliance.evaluation.listing import list_evidence, may_start_later
from compliance.evaluation.prepare import accounts_in_rank_order, links_in_rank_order
from compliance.evaluation.why import _ALL_OF, _FIRST_OF, deciding
from compliance.linking.index import LinkIndex, link_event
from tests.support import AGREEMENTS, PARTIES
from tests.test_scale_equivalence import _gradings, accounts_with_incidents

INDEX = LinkIndex.build(AGREEMENTS)
END = datetime(2026, 1, 1, tzinfo=UTC)


def _links_by_ob_plainly(links: list[Link], rank: dict[str, int]) -> dict[str, list[Link]]:
    """Each obligation's links to ranked accounts, in their accounts' rank order, one link at a time."""
    links_by_ob: dict[str, list[Link]] = {}
    for link in links:
        if link.event in rank:
            links_by_ob.setdefault(link.obligation, []).append(link)
    for ob_links in links_by_ob.values():
        ob_links.sort(key=lambda link: rank[link.event])
    return links_by_ob


def _plain(
    events: list[Event], links: list[Link], known_on: date | None
) -> tuple[dict[str, list[Link]], dict[object, dict[str, object]]]:
    """Each obligation's links to known accounts in the accounts' order, and each zone's intervals."""
    known = {e.id: e for e in events if e.known_on(known_on)}
    rank = {e.id: n for n, e in enumerate(sorted(known.values(), key=by_sort_key))}
    links_by_ob = _links_by_ob_plainly(links, rank)
    spans: dict[object, dict[str, object]] = {}
    for agreement in AGREEMENTS:
        zone = spans.setdefault(agreement.tz, {})
        for ob in agreement.obligations:
            for link in links_by_ob.get(ob.id, ()):
                zone[link.event] = known[link.event].when.span(agreement.tz)
    return links_by_ob, spans


@settings(max_examples=150, deadline=None)
@given(
    accounts_with_incidents(),
    st.sampled_from([None, date(2021, 1, 1), date(2022, 9, 14), date(2024, 6, 1)]),
    st.randoms(use_true_random=False),
    st.booleans(),
)
def test_prepared__links_in_rank_order_and_spans_by_zone_as_link_by_link(
    events: list[Event], known_on: date | None, shuffle: random.Random, in_order: bool
) -> None:
    if in_order:  # as a ledger gives them (``accounts_in_rank_order`` then reads each id once)
        events = sorted(events, key=by_sort_key)
    links = [k for e in events for k in link_event(e, INDEX, PARTIES)]
    runs: dict[str, list[Link]] = {}
    for link in links:
        runs.setdefault(link.obligation, []).append(link)
    order = list(runs)
    shuffle.shuffle(order)
    given_links = [link for ob_id in order for link in runs[ob_id]]  # in runs, in any order
    prepared = Prepared.of(AGREEMENTS, tuple(events) if in_order else events, given_links, known_on)
    links_by_ob, spans = _plain(events, given_links, known_on)
    assert prepared.links_by_ob == links_by_ob
    assert {tz: dict(found) for tz, found in prepared.spans_by_zone.items()} == spans
    # The latest start of a linked account per zone, worked out without the table by id (step 61).
    assert prepared.latest_by_zone == {
        tz: max(s for s, _ in found.values()) for tz, found in spans.items() if found
    }
    assert list(prepared.rank) == sorted(prepared.rank, key=prepared.rank.__getitem__)
    ordered = sorted((e for e in events if e.known_on(known_on)), key=by_sort_key)
    assert list(prepared.ordered) == ordered
    assert list(map(prepared.by_id.__getitem__, prepared.rank)) == ordered
    assert prepared.ranks_by_ob == {
        ob_id: [prepared.rank[link.event] for link in ob_links] for ob_id, ob_links in links_by_ob.items()
    }
    assert set(prepared.spans_by_rank) == set(spans)
    for tz, by_rank in prepared.spans_by_rank.items():
        assert by_rank == [event.when.span(tz) for event in ordered]


@settings(max_examples=200, deadline=None)
@given(
    accounts_with_incidents(),
    st.sampled_from(["in order", "shuffled", "an id twice"]),
    st.integers(1, 5),
    st.randoms(use_true_random=False),
)
def test_accounts_and_links_in_rank_order__by_blocks_as_plainly(
    events: list[Event], given_as: str, block_size: int, shuffle: random.Random
) -> None:
    events = sorted(events, key=by_sort_key)
    if given_as == "shuffled":
        shuffle.shuffle(events)
    elif given_as == "an id twice" and events:  # a copy of one id, dated otherwise, anywhere
        copied = evolve(shuffle.choice(events), when=shuffle.choice(events).when, notes="copy")
        events.insert(shuffle.randrange(len(events) + 1), copied)
    by_id = {e.id: e for e in events}
    ordered = sorted(by_id.values(), key=by_sort_key)
    rank = {e.id: n for n, e in enumerate(ordered)}
    found_by_id, found_ordered, found_rank = accounts_in_rank_order(
        tuple(events) if given_as == "in order" else events, block_size
    )
    assert list(found_by_id.items()) == list(by_id.items())
    assert list(found_ordered) == ordered
    assert list(found_rank.items()) == list(rank.items())
    known = dict(list(rank.items())[: len(rank) // 2])  # (the rest as not known)
    links = [k for e in ordered for k in link_event(e, INDEX, PARTIES)]
    links.sort(key=lambda k: (k.obligation, k.event))  # in runs by obligation, as a ledger's
    plain = _links_by_ob_plainly(links, known)
    assert links_in_rank_order(links, known, block_size) == (
        plain,
        {ob_id: [known[k.event] for k in ob_links] for ob_id, ob_links in plain.items()},
    )


def _deciding_plain(
    facts: Facts, rule: str, cutoff: datetime, accounts: Sequence[Account] | None = None
) -> tuple[str, ...]:
    """``why.deciding`` on the list of every account that counts (what it was before it stopped early)."""
    visible = facts.counted(cutoff, accounts)
    if rule in _FIRST_OF:
        candidates = [a for a in visible if a.category in _FIRST_OF[rule]]
        first = next((a for a in candidates if a.end is not None and a.end <= cutoff), None)
        first = first or next(iter(candidates), None)
        return () if first is None else (first.event,)
    if rule in _ALL_OF:
        return tuple(dict.fromkeys(a.event for a in visible if a.category in _ALL_OF[rule]))
    if rule in ("overdue", "pending"):
        for category in (Category.PROGRESS, Category.PROGRESS_UNCONFIRMED):
            found = next((a.event for a in visible if a.category is category), None)
            if found is not None:
                return (found,)
        return ()
    return deciding(facts, rule, cutoff, accounts)  # (the other rules read no account one at a time)


RULES = (*_FIRST_OF, *_ALL_OF, "overdue", "pending", "uncertain dates", "term expired", "in force")
INSTANTS = [datetime(2021, 3, day, hour, tzinfo=UTC) for day in (1, 2, 3) for hour in (0, 12)]


@st.composite
def accounts(draw: st.DrawFn) -> list[Account]:
    """Accounts sorted as ``Facts`` holds them, from few instants (so they overlap and tie), some
    confirmed only until a denial, some that may still lie after a cut-off (a later end)."""
    found = []
    for n in range(draw(st.integers(0, 8))):
        start = draw(st.sampled_from(INSTANTS))
        end = draw(st.sampled_from([None, *(t for t in INSTANTS if t > start), END]))
        until = draw(st.sampled_from([None, None, *(t for t in INSTANTS if t > start)]))
        found.append(Account(start, f"e{n % 5}", draw(st.sampled_from(Category)), until, end))
    return sorted(found, key=lambda a: (a.start, a.event, a.category))


@settings(max_examples=300, deadline=None)
@given(accounts(), st.one_of(st.none(), accounts()), st.integers(0, 3))
def test_deciding_and_counts__as_reading_every_account_that_counts(
    own: list[Account], read: list[Account] | None, most: int
) -> None:
    ob = AGREEMENTS[0].obligations[0]
    none = tuple(Firsts.of([]) for _ in Category)
    facts = Facts(ob, UTC, None, None, None, (), None, (), none, tuple(own))
    for cutoff in [*INSTANTS, END, *(t + EPSILON for t in INSTANTS)]:
        for category in Category:
            assert facts.visible_count(category, cutoff, most) == min(
                len(facts.visible(category, cutoff)), most
            )
        for rule in RULES:
            assert deciding(facts, rule, cutoff, read) == _deciding_plain(facts, rule, cutoff, read)


@settings(max_examples=60, deadline=None)
@given(
    accounts_with_incidents(),
    st.integers(2, 5),
    st.sampled_from([date(2021, 6, 30), date(2023, 12, 31), date(2026, 1, 1)]),
    st.integers(0, 12),
    st.sampled_from(list(Trust)),
)
def test_evidence_limit__on_long_lists_the_unlimited_list_filtered(
    drawn: list[Event], copies: int, as_of: date, limit: int, trust: Trust
) -> None:
    events = [
        evolve(e, id=f"{e.id}-{n}", incident=f"{e.incident}-{n}" if e.incident else "")
        for n in range(copies)
        for e in drawn
    ]
    prepared = Prepared.of(AGREEMENTS, events, [k for e in events for k in link_event(e, INDEX, PARTIES)])
    full = prepared.evaluate(PARTIES, as_of, trust)
    limited = prepared.evaluate(PARTIES, as_of, trust, evidence_limit=limit)
    for every, some in zip(full.results, limited.results, strict=True):
        firsts = [
            next((e for e in every.evidence if e.effect is effect and e.grade is Grade.CONFIRMED), None)
            for effect in (Effect.FULFILS, Effect.BREACHES)
        ]
        expected = [
            e
            for i, e in enumerate(every.evidence)
            if i < limit or e.event in every.deciding or any(e is f for f in firsts)
        ]
        assert list(some.evidence) == expected, every.id
        assert (some.evidence_total, some.evidence_by_grade) == (
            every.evidence_total,
            every.evidence_by_grade,
        )


@settings(max_examples=80, deadline=None)
@given(
    accounts_with_incidents(),
    st.integers(2, 4),
    st.sampled_from([date(2021, 6, 30), date(2023, 12, 31), date(2026, 1, 1)]),
    st.integers(0, 12),
    st.randoms(use_true_random=False),
    st.sampled_from(list(Trust)),
)
def test_list_evidence__beyond_the_limit_every_link_of_each_deciding_account(
    drawn: list[Event], copies: int, as_of: date, limit: int, rnd: random.Random, trust: Trust
) -> None:
    """Beyond the limit the listing reads the links only as far as it can list: once the first
    confirmed fulfilment and breach are listed and every deciding account is met, it stops after
    the links of the account last listed. Here any accounts may decide (drawn, not worked out by
    the rules), and about half the links are doubled under another basis (a fulfilment made a
    breach and the reverse, so that both are often confirmed), so a deciding account has two
    links side by side: the limited list is still the unlimited one filtered. The limited one
    is given the incidents that may start later (``may_start_later``), as a report gives them,
    the unlimited one none (any incident may): its counts by grade read every incident."""
    events = [
        evolve(e, id=f"{e.id}-{n}", incident=f"{e.incident}-{n}" if e.incident else "")
        for n in range(copies)
        for e in drawn
    ]
    links = [k for e in events for k in link_event(e, INDEX, PARTIES)]
    other = {Effect.FULFILS: Effect.BREACHES, Effect.BREACHES: Effect.FULFILS}
    links += [
        evolve(k, effect=other.get(k.effect, k.effect), basis=f"{k.basis} (again)")
        for k in links
        if rnd.random() < 0.5
    ]
    prepared = Prepared.of(AGREEMENTS, events, links)
    for agreement in AGREEMENTS:
        spans = prepared.spans_by_rank[agreement.tz]
        incidents = prepared.incidents[agreement.id]
        gradings = _gradings(prepared, agreement, by_bisection=True)
        cutoff = as_of_cutoff(as_of, agreement.tz)
        for ob in agreement.obligations:
            graded = gradings[ob.id].under(trust) if ob.id in gradings else []
            ids = sorted({g.event.id for g in graded})
            decided = tuple(rnd.sample(ids, rnd.randint(0, min(len(ids), 3))))
            every, total, by_grade = list_evidence(
                agreement, ob, graded, spans, incidents, PARTIES, cutoff, decided, None, trust, None
            )
            some = list_evidence(  # (and the incidents read again found from those that may start later)
                agreement,
                ob,
                graded,
                spans,
                incidents,
                PARTIES,
                cutoff,
                decided,
                limit,
                trust,
                None,
                maybe_later=may_start_later(prepared.rank, prepared.by_id, cutoff),
            )
            firsts = [
                next((e for e in every if e.effect is effect and e.grade is Grade.CONFIRMED), None)
                for effect in (Effect.FULFILS, Effect.BREACHES)
            ]
            expected = [
                e
                for i, e in enumerate(every)
                if i < limit or e.event in decided or any(e is f for f in firsts)
            ]
            assert some == (expected, total, by_grade), ob.id


def test_list_evidence__beyond_the_limit_a_link_confirmed_only_at_the_cut_off_and_deciding_nothing() -> None:
    """A link graded contested on all accounts of its incident (a denial comes later) is
    confirmed at a cut-off before the denial: beyond the limit, it is listed as the first
    confirmed breach even when no deciding account names it (the listing hands over an
    unconfirmed link only when its incident has accounts after the cut-off)."""
    reporters = {"AZE": "Ministry of Defence of Azerbaijan", "ARM": "Ministry of Defence of Armenia"}

    def account(i: int, day: date, kind: str, party: str, incident: str = "") -> Event:
        reporter = reporters.get(party, "Ministry of Defence of Russia")
        return Event(
            f"e{i}",
            EventTime(day, day),
            kind,
            reporter,
            party,
            actor="ARM",
            incident=incident,
            source_url=f"https://example.org/{i}",
        )

    events = [
        account(0, date(2020, 11, 20), "armed-clash", "AZE"),  # Azerbaijan's: alleged
        account(1, date(2021, 3, 1), "armed-clash", "RUS", "i1"),  # Russia's, a stakeholder
        account(2, date(2022, 9, 13), "denial", "ARM", "i1"),  # Armenia's denial, later
    ]
    prepared = Prepared.of(AGREEMENTS, events, [k for e in events for k in link_event(e, INDEX, PARTIES)])
    agreement = next(a for a in AGREEMENTS if any(o.id == "ts2020-1-ceasefire-arm" for o in a.obligations))
    ob = next(o for o in agreement.obligations if o.id == "ts2020-1-ceasefire-arm")
    spans = prepared.spans_by_rank[agreement.tz]
    incidents = prepared.incidents[agreement.id]
    gradings = _gradings(prepared, agreement, by_bisection=True)
    graded = gradings[ob.id].under(Trust.STANDARD)
    assert {g.event.id: g.grade for g in graded}["e1"] is Grade.CONTESTED  # on all accounts
    cutoff = as_of_cutoff(date(2021, 6, 30), agreement.tz)
    listed, total, _ = list_evidence(
        agreement, ob, graded, spans, incidents, PARTIES, cutoff, (), 0, Trust.STANDARD, None
    )
    assert [(e.event, e.grade) for e in listed] == [("e1", Grade.CONFIRMED)]
    assert total == 2
