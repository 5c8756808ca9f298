"""Laws of the evaluator, stated as Hypothesis properties, and a stateful check against a naive model."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, note
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from compliance.core.events import Event, ExplicitLink, Link
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import Effect, Status
from compliance.evaluation.evaluate import Evaluation, evaluate
from compliance.linking.index import LinkIndex, link_event
from tests.support import AGREEMENTS, PARTIES

INDEX = LinkIndex.build(AGREEMENTS)
START = date(2020, 11, 1)
SPAN_DAYS = 900
SRC = "https://example.org/account"
REPORTERS = (
    ("Reuters", "none"),
    ("Ministry of Defence of Armenia", "ARM"),
    ("Ministry of Defence of Azerbaijan", "AZE"),
    ("Ministry of Defence of Russia", "RUS"),
)
TARGETS = (
    ("trilateral-2020", "2", "ts2020-2-aghdam"),
    ("trilateral-2020", "6", "ts2020-6-kalbajar"),
    ("trilateral-2020", "1", "ts2020-1-ceasefire-arm"),
    ("trilateral-2020", "1", "ts2020-1-ceasefire-aze"),
    ("trilateral-2020", "3", "ts2020-3-deployment-rus"),
    ("trilateral-2020", "4", "ts2020-4-withdrawal-arm"),
    ("five-principles-2022", "3", "p2022-3-non-use-of-force-aze"),
)
BADNESS = {
    Status.NOT_IN_FORCE: 0, Status.NOT_ASSESSABLE: 0, Status.TERMINATED: 0, Status.SUPERSEDED: 0,
    Status.FULFILLED: 0, Status.COMPLIED: 0, Status.FULFILLED_LATE: 1, Status.PENDING: 1,
    Status.OVERDUE: 2, Status.DISPUTED: 3, Status.INDETERMINATE: 3, Status.VIOLATED: 4,
}  # fmt: skip


@st.composite
def event_times(draw: st.DrawFn) -> EventTime:
    day = START + timedelta(days=draw(st.integers(0, SPAN_DAYS)))
    shape = draw(st.sampled_from(["day", "day", "instant", "month", "interval"]))
    if shape == "instant":
        seconds = draw(st.integers(0, 86399))
        offset = draw(st.sampled_from([0, 3, 4, -5]))
        from datetime import timezone

        tz = timezone(timedelta(hours=offset))
        return EventTime(
            datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(seconds=seconds),
            None,
            Precision.INSTANT,
        )
    if shape == "month":
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return EventTime(first, last, Precision.MONTH)
    if shape == "interval":
        return EventTime(day, day + timedelta(days=draw(st.integers(1, 20))), Precision.INTERVAL)
    return EventTime(day, None, Precision.DAY)


@st.composite
def accounts(draw: st.DrawFn, *, prefix: str = "e") -> Event:
    agreement, article, obligation = draw(st.sampled_from(TARGETS))
    reporter, party = draw(st.sampled_from(REPORTERS))
    effect = draw(st.sampled_from([Effect.FULFILS, Effect.BREACHES, Effect.PROGRESS]))
    return Event(
        id=f"{prefix}{draw(st.integers(0, 10**6))}",
        when=draw(event_times()),
        kind=draw(
            st.sampled_from(["armed-clash", "territory-handover", "statement", "denial", "troop-withdrawal"])
        ),
        reported_by=reporter,
        reporter_party=party,
        source_url=SRC,
        actor=draw(st.sampled_from([None, "ARM", "AZE", "RUS"])),
        location=draw(st.sampled_from(["Aghdam", "Kalbajar", "Lachin district", "border"])),
        incident=draw(st.sampled_from(["", "i1", "i2"])),
        links=(ExplicitLink(agreement, article, effect, obligation),) if draw(st.booleans()) else (),
    )


def unique(events: Sequence[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for event in events:
        seen.setdefault(event.id, event)
    return list(seen.values())


event_lists = st.lists(accounts(), max_size=25).map(unique)
as_of_dates = st.integers(0, SPAN_DAYS + 60).map(lambda n: START + timedelta(days=n))


def run(events: Sequence[Event], as_of: date, links: Sequence[Link] | None = None) -> Evaluation:
    found = [link for e in events for link in link_event(e, INDEX, PARTIES)] if links is None else list(links)
    return evaluate(AGREEMENTS, events, found, PARTIES, as_of)


def summary(
    evaluation: Evaluation,
) -> list[tuple[str, str, tuple[str, ...], tuple[tuple[str, str, str], ...]]]:
    return [
        (
            r.id,
            r.status.value,
            tuple(s.value for s in r.possible),
            tuple((e.event, e.effect.value, e.grade.value) for e in r.evidence),
        )
        for r in evaluation.results
    ]


@given(event_lists, as_of_dates, st.randoms(use_true_random=False))
def test_law__result_is_independent_of_evidence_order(
    events: list[Event], as_of: date, rnd: random.Random
) -> None:
    """Shuffling events and links changes nothing."""
    links = [link for e in events for link in link_event(e, INDEX, PARTIES)]
    shuffled_events, shuffled_links = events[:], links[:]
    rnd.shuffle(shuffled_events)
    rnd.shuffle(shuffled_links)
    assert run(events, as_of, links) == run(shuffled_events, as_of, shuffled_links)


@given(event_lists, event_lists, as_of_dates)
def test_law__no_look_ahead(events: list[Event], later: list[Event], as_of: date) -> None:
    """Evidence that begins after the as-of date changes nothing."""
    after = as_of + timedelta(days=2)
    moved = [
        Event(
            **{
                **{
                    a: getattr(e, a)
                    for a in (
                        "kind",
                        "reported_by",
                        "reporter_party",
                        "source_url",
                        "actor",
                        "location",
                        "incident",
                        "links",
                    )
                },
                "id": "late-" + e.id,
                "when": EventTime(after + timedelta(days=i), None, Precision.DAY),
            }
        )
        for i, e in enumerate(later)
    ]
    assert summary(run(events, as_of)) == summary(run(unique(events + moved), as_of))


@given(event_lists, as_of_dates, st.lists(as_of_dates, min_size=1, max_size=6))
def test_law__history_replay_equals_direct_evaluation(
    events: list[Event], as_of: date, earlier: list[date]
) -> None:
    """Replaying the history at any earlier date gives the status a direct evaluation gives."""
    final = run(events, as_of)
    tz = {a.id: a.tz for a in AGREEMENTS}
    for day in earlier:
        if day > as_of:
            continue
        direct = run(events, day)
        for result in final.results:
            replayed = result.status_on(day, tz[result.agreement])
            assert replayed == (direct.result(result.id).status, direct.result(result.id).possible), (
                result.id,
                day,
            )


@given(event_lists, as_of_dates, st.sampled_from(TARGETS), event_times())
def test_law__confirmed_breach_never_improves_a_status(
    events: list[Event], as_of: date, target: tuple[str, str, str], when: EventTime
) -> None:
    """Adding a confirmed account of a breach never makes any status better."""
    agreement, article, obligation = target
    breach = Event(
        id="breach-added",
        when=when,
        kind="statement",
        reported_by="Reuters",
        reporter_party="none",
        source_url=SRC,
        actor="ARM",
        links=(ExplicitLink(agreement, article, Effect.BREACHES, obligation),),
    )
    before = run(events, as_of)
    after = run(unique([*events, breach]), as_of)
    for old, new in zip(before.results, after.results, strict=True):
        worst_old = max(BADNESS[s] for s in old.possible)
        worst_new = max(BADNESS[s] for s in new.possible)
        note(f"{old.id}: {old.status} -> {new.status}")
        assert worst_new >= worst_old or old.status is new.status


@given(event_lists, as_of_dates, st.integers(1, 400))
def test_law__fulfilled_stays_fulfilled(events: list[Event], as_of: date, later_days: int) -> None:
    """An achievement once fulfilled stays fulfilled (no ending is encoded for these obligations)."""
    now = run(events, as_of)
    later = run(events, as_of + timedelta(days=later_days))
    for result in now.results:
        if result.status in (Status.FULFILLED, Status.FULFILLED_LATE):
            assert later.result(result.id).status is result.status, result.id


@given(st.integers(-3 * 86400, 3 * 86400))
def test_law__deadline_boundary_exact_to_the_second(offset_seconds: int) -> None:
    """A handover at any second is on time exactly when it falls before 24:00 Moscow time on 20 November."""
    deadline_end = datetime(2020, 11, 20, 21, 0, tzinfo=UTC)  # 24:00 Moscow time
    instant = deadline_end + timedelta(seconds=offset_seconds)
    event = Event(
        id="h",
        when=EventTime(instant, None, Precision.INSTANT),
        kind="territory-handover",
        reported_by="Reuters",
        reporter_party="none",
        source_url=SRC,
        actor="AZE",
        location="Aghdam district",
    )
    result = run([event], date(2020, 11, 30)).result("ts2020-2-aghdam")
    expected = Status.FULFILLED if instant < deadline_end else Status.FULFILLED_LATE
    assert result.status is expected


class NaiveModel(RuleBasedStateMachine):
    """Add day-precision evidence and advance the clock; compare with the rules written naively.

    The model tracks Aghdam (achievement by 20 Nov 2020) and Armenia's ceasefire (maintenance),
    for accounts by Reuters (confirmed) or by the Azerbaijani MoD (alleged breaches).
    """

    def __init__(self) -> None:
        super().__init__()
        self.today = date(2020, 11, 5)
        self.events: list[Event] = []

    @rule(days=st.integers(1, 20))
    def advance(self, days: int) -> None:
        self.today += timedelta(days=days)

    @precondition(lambda self: len(self.events) < 12)
    @rule(
        delta=st.integers(-10, 10),
        obligation=st.sampled_from(["ts2020-2-aghdam", "ts2020-1-ceasefire-arm"]),
        effect=st.sampled_from([Effect.FULFILS, Effect.BREACHES]),
        neutral=st.booleans(),
    )
    def add(self, delta: int, obligation: str, effect: Effect, neutral: bool) -> None:
        article = "2" if obligation == "ts2020-2-aghdam" else "1"
        reporter, party = ("Reuters", "none") if neutral else ("Ministry of Defence of Azerbaijan", "AZE")
        self.events.append(
            Event(
                id=f"n{len(self.events)}",
                when=EventTime(self.today + timedelta(days=delta), None, Precision.DAY),
                kind="statement",
                reported_by=reporter,
                reporter_party=party,
                source_url=SRC,
                actor="ARM",
                links=(ExplicitLink("trilateral-2020", article, effect, obligation),),
            )
        )

    def naive(self, obligation: str) -> Status:
        in_force = date(2020, 11, 10)
        if self.today < in_force:
            return Status.NOT_IN_FORCE
        seen = [
            e
            for e in self.events
            if e.when.first_day <= self.today
            and e.links[0].obligation == obligation
            and e.when.last_day >= in_force  # an account before the agreement is evidence of nothing
        ]
        confirmed = [e for e in seen if e.reporter_party == "none" or e.links[0].effect is Effect.FULFILS]
        fulfilments = sorted(e.when.first_day for e in confirmed if e.links[0].effect is Effect.FULFILS)
        breaches = [e for e in confirmed if e.links[0].effect is Effect.BREACHES]
        alleged = [e for e in seen if e not in confirmed]
        if obligation == "ts2020-1-ceasefire-arm":
            if breaches:
                return Status.VIOLATED
            if alleged:
                return Status.DISPUTED
            return Status.COMPLIED
        if (fulfilments and fulfilments[0] >= in_force - timedelta(days=0)) or fulfilments:
            return Status.FULFILLED if fulfilments[0] <= date(2020, 11, 20) else Status.FULFILLED_LATE
        if breaches:
            return Status.VIOLATED
        if alleged:
            return Status.DISPUTED
        return Status.OVERDUE if self.today > date(2020, 11, 20) else Status.PENDING

    @invariant()
    def agrees_with_the_naive_model(self) -> None:
        evaluation = run(self.events, self.today)
        for obligation in ("ts2020-2-aghdam", "ts2020-1-ceasefire-arm"):
            assert evaluation.result(obligation).status is self.naive(obligation), (obligation, self.today)


TestNaiveModel = NaiveModel.TestCase
