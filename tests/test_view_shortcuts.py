"""The shortcuts the views take at scale give what the straightforward computation gives.

- ``incidents_in_scope`` decides, per agreement, each incident at once from its days and
  countries in C passes, reading the dates once per distinct ``EventTime`` object; it must keep
  the accounts that pass the scope tests one by one, in the same order of incidents, with
  accounts placed outside some agreements and equal dates held by distinct objects;
- ``AccountsRead.of`` reads the days once per distinct ``EventTime`` object: it must give the
  earliest first day, latest last day and latest publication date of the accounts one by one;
- ``count_activity`` places each account once per distinct reading (day, effect, grade, end
  flags) and per duty that may end, groups a duty's accounts before counting, and looks their
  incidents up in one pass: it must give the rows and breach counts of counting account by
  account as the evidence comes;
- a report counts its linked accounts from the sets it divides them into when every link of the
  ledger was read (no ``known_on``): the count must be that of the distinct accounts of the
  ledger's links, with ``known_on`` or without.
"""

from __future__ import annotations

import bisect
from datetime import date
from typing import Any

from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.core.events import Event, Origin, by_sort_key
from compliance.core.natural_order import natural_key
from compliance.core.timeframe import EventTime
from compliance.core.vocabulary import Effect, Grade, Trust
from compliance.evaluation.evaluate import Evaluation, Prepared, evaluate_ledger
from compliance.linking.incident_scope import incidents_in_scope
from compliance.linking.ledger import assemble
from compliance.linking.scope import AgreementScope, may_bear_on
from compliance.readers.base import Record
from compliance.views.activity import Activity, _ended_before, _may_end, count_activity, periods
from compliance.views.coverage import AccountsRead, divide_linked
from tests.support import AGREEMENTS, PARTIES
from tests.test_scale_equivalence import INSTANTS, accounts_with_incidents

SCOPES = [AgreementScope.of(a) for a in AGREEMENTS]


def _copied(when: EventTime) -> EventTime:
    """An equal date held by another object (a reader shares one per value; nothing relies on it)."""
    return EventTime(when.start, when.end, when.precision)


@st.composite
def drawn_accounts(draw: st.DrawFn) -> list[Event]:
    """Accounts with incidents, some dated to an instant, some countries, some copied dates."""
    events = draw(accounts_with_incidents())
    out = []
    for event in events:
        when = draw(st.none() | INSTANTS) or event.when
        when = _copied(when) if draw(st.booleans()) else when
        country = draw(st.sampled_from(["", "AM", "AZ", "BJ"]))
        reported = draw(st.none() | st.dates(date(2020, 1, 1), date(2026, 1, 1)))
        out.append(evolve(event, when=when, country=country, reported_on=reported))
    return out


@settings(max_examples=300, deadline=None)
@given(drawn_accounts(), st.data())
def test_incidents_in_scope__the_accounts_that_pass_one_by_one_in_incident_order(
    events: list[Event], data: st.DataObject
) -> None:
    """Kept whole, dropped, or read account by account: per agreement, the incidents (in their
    order) and accounts that pass the scope tests each alone, placed outside or not."""
    incidents: dict[str, list[Event]] = {}
    for event in sorted(events, key=by_sort_key):
        if event.incident:
            incidents.setdefault(event.incident, []).append(event)
    ids = [s.id for s in SCOPES]
    outside = {
        e.id: frozenset(data.draw(st.lists(st.sampled_from(ids), max_size=2)))
        for e in events
        if data.draw(st.booleans())
    }
    found = incidents_in_scope(incidents, SCOPES, outside)
    for scope in SCOPES:
        plain = {
            i: sorted(
                (e for e in accounts if may_bear_on(e, scope, outside.get(e.id, frozenset()))),
                key=lambda e: e.when.span(scope.tz)[0],
            )
            for i, accounts in incidents.items()
        }
        assert list(found[scope.id].items()) == [(i, kept) for i, kept in plain.items() if kept], scope.id


@settings(max_examples=300, deadline=None)
@given(drawn_accounts())
def test_accounts_read__the_days_of_the_accounts_one_by_one(events: list[Event]) -> None:
    """The span read once per distinct date object is the span of the accounts one by one."""
    read = AccountsRead.of(iter(events))
    assert read.first_day == min((e.when.first_day for e in events), default=None)
    assert read.last_day == max((e.when.last_day for e in events), default=None)
    reported = [e.reported_on for e in events if e.reported_on is not None]
    assert read.last_reported_on == max(reported, default=None)


def _plain_activity(
    ledger_events: list[Event], evaluation: Evaluation, start: date, every: str
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Counted account by account as the evidence comes, every agreement chosen."""
    end = evaluation.as_of
    spans = periods(start, end, every)
    firsts = [s for s, _ in spans]
    events = {e.id: e for e in ledger_events}
    zones = {a.id: a.tz for a in AGREEMENTS}
    accounts: dict[tuple[Any, ...], set[str]] = {}
    incidents: dict[tuple[Any, ...], set[str]] = {}
    sides: dict[tuple[str, Grade], list[set[str]]] = {}
    for result in evaluation.results:
        bearers, tz = ";".join(result.obligation.bearers), zones[result.agreement]
        for evidence in result.evidence:
            day = evidence.read_from
            if day is None or not start <= day <= end:
                continue
            event = events[evidence.event]
            breach = evidence.effect is Effect.BREACHES
            if breach and (evidence.after_end or (_may_end(result) and _ended_before(result, day, tz))):
                continue
            index = bisect.bisect_right(firsts, day) - 1
            maybe = evidence.maybe_after_end and breach
            key = (index, result.agreement, result.id, bearers, evidence.effect, evidence.grade, maybe)
            accounts.setdefault(key, set()).add(event.id)
            incidents.setdefault(key, set()).add(event.incident or f"account:{event.id}")
            if breach and not maybe:
                sides.setdefault((bearers, evidence.grade), [set() for _ in spans])[index].add(event.id)
    rows = [
        (spans[k[0]], *k[1:], len(accounts[k]), len(incidents[k]))
        for k in sorted(
            accounts,
            key=lambda k: (k[0], natural_key(k[1]), natural_key(k[2]), k[3], k[4].value, k[5].value, k[6]),
        )
    ]
    order = list(Grade)
    breaches = [
        (b, g, tuple(map(len, sides[b, g])))
        for b, g in sorted(sides, key=lambda k: (k[0], order.index(k[1])))
    ]
    return rows, breaches


def _shape(table: Activity) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    rows = [
        (
            (r.period_start, r.period_end),
            r.agreement,
            r.obligation,
            r.bearers,
            r.effect,
            r.grade,
            r.maybe_after_end,
            r.accounts,
            r.incidents,
        )
        for r in table.rows
    ]
    return rows, [(s.bearers, s.grade, s.counts) for s in table.breaches]


@settings(max_examples=100, deadline=None)
@given(
    drawn_accounts(),
    st.sampled_from([date(2021, 6, 30), date(2023, 12, 31), date(2026, 1, 1)]),
    st.sampled_from(Trust),
    st.sampled_from(["week", "month", "year"]),
)
def test_count_activity__the_counts_of_each_account_as_it_comes(
    events: list[Event], as_of: date, trust: Trust, every: str
) -> None:
    """Grouped per duty, period, effect and grade, with incidents looked up in one pass: the rows
    and breach counts of counting account by account."""
    places = [Origin("drawn.csv", i + 2) for i in range(len(events))]
    ledger = assemble(
        AGREEMENTS, PARTIES, [Record(at, evolve(e, origin=at)) for at, e in zip(places, events, strict=True)]
    )
    evaluation = evaluate_ledger(ledger, as_of, None, trust=trust)
    start = date(2020, 11, 1)
    table = count_activity(ledger, evaluation, start, every, (), trust)
    assert _shape(table) == _plain_activity(list(ledger.events), evaluation, start, every)


@settings(max_examples=100, deadline=None)
@given(
    drawn_accounts(),
    st.sampled_from([date(2020, 12, 1), date(2023, 12, 31), date(2026, 1, 1)]),
    st.sampled_from([None, date(2021, 1, 15), date(2024, 6, 1)]),
    st.sets(st.sampled_from([a.id for a in AGREEMENTS])),
)
def test_linked_in_report__the_distinct_accounts_of_the_ledger_links(
    events: list[Event], as_of: date, known_on: date | None, shown: set[str]
) -> None:
    """Counted from the divided sets or from the links, ``linked`` is the number of distinct
    accounts linked, and the read accounts' span is that of the accounts counted one by one."""
    places = [Origin("drawn.csv", i + 2) for i in range(len(events))]
    ledger = assemble(
        AGREEMENTS, PARTIES, [Record(at, evolve(e, origin=at)) for at, e in zip(places, events, strict=True)]
    )
    prepared = Prepared.of(ledger.agreements, ledger.events, ledger.links, known_on, ledger.placed_outside)
    linked, read = divide_linked(ledger, prepared, as_of, shown)
    assert linked.linked == len({link.event for link in ledger.links})
    accounts = [prepared.ordered[rank] for rank in read]
    assert AccountsRead.of(accounts) == AccountsRead(
        min((e.when.first_day for e in accounts), default=None),
        max((e.when.last_day for e in accounts), default=None),
        max((e.reported_on for e in accounts if e.reported_on is not None), default=None),
    )
