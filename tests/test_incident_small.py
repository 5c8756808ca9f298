"""A small incident read in one pass per account graded (``incident_small.SmallIncidents``) grades
as the plain scans of ``incident_scans`` over the accounts ``grading.answerable`` leaves, and every
link of an evaluation as grading it alone."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, datetime, timedelta, timezone

from hypothesis import example, given, settings
from hypothesis import strategies as st

from compliance.core.events import Event
from compliance.core.timeframe import EventTime, Precision, day_start
from compliance.core.vocabulary import ActorRelation, Effect, Trust
from compliance.evaluation.evaluate import Prepared
from compliance.evaluation.graded import Graded, grade_links_policies
from compliance.evaluation.grading import _corroborated, answerable, grade_account
from compliance.evaluation.incident_small import SMALL, SmallIncidents
from compliance.evaluation.trust import SourceClass, Stakes
from compliance.linking.index import LinkIndex, link_event
from compliance.testing.strategies import SOURCE, actors_for, anchor_dates, event_times
from tests.support import AGREEMENTS, PARTIES

AGREEMENT = AGREEMENTS[0]  # the 2020 statement: sides, a stakeholder (Russia) and a neutral bearer
TZ = AGREEMENT.tz
KINDS = (
    "armed-clash",
    "shelling",
    "border-incursion",
    "statement",
    "denial",
    "court-order",
    "withdrawal",
    "humanitarian-access",
)
INSTANTS = st.builds(
    lambda day, minutes, offset: EventTime(
        datetime.combine(day, datetime.min.time(), timezone(timedelta(hours=offset)))
        + timedelta(minutes=minutes),
        None,
        Precision.INSTANT,
    ),
    st.sampled_from(anchor_dates(AGREEMENT)),
    st.integers(-1500, 1500),
    st.integers(-12, 14),
)
TIMES = st.one_of(event_times(anchor_dates(AGREEMENT)), INSTANTS)
"""Days, months and intervals near the agreement's dates, and instants in any offset near them:
a denial answers only an act that can have happened before it, compared in the agreement's zone."""
BEARERS = sorted({ob.bearers for ob in AGREEMENT.obligations})
OWN = "own"
"""Drawn as an actor: the account's own reporter party (none for a reporter on no party's
behalf), so that a side's account of its own act, which contests no allegation of that side, is
drawn often, not once in the hundreds of actor and reporter pairs."""


def _actor(actor: str | None, reporter: str) -> str | None:
    """The actor drawn, ``OWN`` read as the reporter's party."""
    if actor != OWN:
        return actor
    return reporter if reporter in PARTIES.ids else None


@st.composite
def small_incidents(draw: st.DrawFn) -> tuple[list[Event], dict[str, Effect], tuple[str, ...]]:
    """An incident of up to ``SMALL`` accounts of few kinds, actors in every relation to the
    bearers (often the reporter itself: a side's account of its own act) and reporters of both
    sides, a stakeholder and nobody, some linked to the obligation with an effect (an account
    recording another effect does not corroborate)."""
    bearers = draw(st.sampled_from(BEARERS))
    actors = [*actors_for(ActorRelation.ANY, bearers, PARTIES), OWN, OWN]
    drawn = draw(
        st.lists(
            st.tuples(
                st.sampled_from(KINDS),
                st.sampled_from(actors),
                st.sampled_from(("ARM", "AZE", "RUS", "TUR", "none", "unknown")),
                TIMES,
                st.sampled_from((None, Effect.BREACHES, Effect.FULFILS, Effect.PROGRESS, Effect.RELEVANT)),
            ),
            min_size=1,
            max_size=SMALL,
        )
    )
    incident = [
        Event(f"e{i}", when, kind, "r", party, actor=_actor(actor, party), incident="i1")
        for i, (kind, actor, party, when, _) in enumerate(drawn)
    ]
    claims = {f"e{i}": effect for i, (*_, effect) in enumerate(drawn) if effect is not None}
    return incident, claims, bearers


@settings(max_examples=400, deadline=None)
@given(small_incidents())
@example(  # Armenia's denial on 4 Aug answers Russia's account of an act on 3 Aug, not one of 5 Aug.
    (
        [
            Event("e0", EventTime(date(2022, 8, 5)), "statement", "r", "RUS", actor="ARM", incident="i1"),
            Event("e1", EventTime(date(2022, 8, 4)), "denial", "r", "ARM", actor="ARM", incident="i1"),
            Event("e2", EventTime(date(2022, 8, 3)), "statement", "r", "RUS", actor="ARM", incident="i1"),
        ],
        {"e0": Effect.FULFILS, "e2": Effect.FULFILS},
        ("ARM",),
    )
)
@example(  # Armenia's first account of the clash records another effect: its second corroborates.
    (
        [
            Event("e0", EventTime(date(2021, 3, 1)), "armed-clash", "r", "AZE", actor="ARM", incident="i1"),
            Event("e1", EventTime(date(2021, 3, 1)), "shelling", "r", "ARM", actor="ARM", incident="i1"),
            Event("e2", EventTime(date(2021, 3, 1)), "armed-clash", "r", "ARM", actor="NK", incident="i1"),
            Event("e3", EventTime(date(2021, 3, 1)), "armed-clash", "r", "ARM", actor="ARM", incident="i1"),
        ],
        {"e0": Effect.BREACHES, "e1": Effect.RELEVANT},
        ("ARM",),
    )
)
@example(  # Azerbaijan's account of its own response contests nothing it alleges (E100 and E102).
    (
        [
            Event(
                "e0",
                EventTime(date(2024, 2, 12)),
                "ceasefire-violation",
                "r",
                "AZE",
                actor="ARM",
                incident="i1",
            ),
            Event("e1", EventTime(date(2024, 2, 13)), "armed-clash", "r", "AZE", actor="AZE", incident="i1"),
            Event(
                "e2",
                EventTime(date(2024, 2, 13)),
                "ceasefire-violation",
                "r",
                "ARM",
                actor="AZE",
                incident="i1",
            ),
        ],
        {"e0": Effect.BREACHES, "e1": Effect.BREACHES, "e2": Effect.BREACHES},
        ("ARM",),
    )
)
def test_small_incident__each_account_read_as_scanning_the_rest_of_its_incident(
    drawn: tuple[list[Event], dict[str, Effect], tuple[str, ...]],
) -> None:
    """For every account of the incident, every effect it may be linked with and both source
    classes that wait for the incident, the pass gives what the plain scans give over the other
    accounts that can answer it, the corroboration's over those recording no other effect."""
    incident, claims, bearers = drawn
    small = SmallIncidents(bearers, PARTIES, TZ, claims, {}, {})
    for event in incident:
        others = [o for o in incident if o.id != event.id]
        answering = answerable(event, others, TZ)
        start = event.when.span(TZ)[0]
        for source, effect in itertools.product(
            (SourceClass.OPPOSING_SIDE, SourceClass.STAKEHOLDER),
            (Effect.BREACHES, Effect.FULFILS, Effect.PROGRESS),
        ):
            acts = [o for o in answering if claims.get(o.id, effect) is effect]
            expected = _corroborated(event, source, "who", bearers, PARTIES, answering, acts)
            assert small.read(event, effect, source, "who", start, incident) == expected, (event.id, source)


def _graded_alone(prepared: Prepared, agreement_index: int) -> dict[tuple[str, Trust], Counter[Graded]]:
    """Per obligation and policy, each link graded alone on the other accounts of its incident."""
    agreement = AGREEMENTS[agreement_index]
    stakes = Stakes.of(agreement, AGREEMENTS)
    spans = prepared.spans_by_zone[agreement.tz]
    found: dict[tuple[str, Trust], Counter[Graded]] = {}
    for trust, ob in itertools.product(Trust, agreement.obligations):
        graded = found[(ob.id, trust)] = Counter()
        links = prepared.links_by_ob.get(ob.id, ())
        claims = {link.event: link.effect for link in links}
        for link in links:
            if spans[link.event][1] <= day_start(agreement.date, agreement.tz):
                continue
            event = prepared.by_id[link.event]
            peers = prepared.incidents[agreement.id].get(event.incident, ()) if event.incident else ()
            others = [o for o in peers if o.id != event.id]
            g = grade_account(
                event,
                link.effect,
                link.basis,
                ob.bearers,
                stakes,
                PARTIES,
                others,
                trust,
                link.caveat,
                TZ,
                claims,
            )
            order = (prepared.rank[event.id], link.effect, link.basis)
            graded[Graded(link, event, g.grade, g.reason, g.corroboration, order, g.denial)] += 1
    return found


@st.composite
def incident_accounts(draw: st.DrawFn) -> list[Event]:
    """Accounts of the kinds the 2020 statement's rules link, with actors (often the reporter
    itself) and reporters of both sides, a stakeholder and nobody, dated near its dates, most of them in one of two incidents."""
    actors = [
        actor
        for relation in (
            ActorRelation.BEARER,
            ActorRelation.ALIGNED,
            ActorRelation.OPPOSED,
            ActorRelation.UNKNOWN,
        )
        for actor in actors_for(relation, ("ARM",), PARTIES)
    ] + ["RUS", OWN, OWN]
    drawn = draw(
        st.lists(
            st.tuples(
                st.sampled_from(("armed-clash", "shelling", "border-incursion", *KINDS)),
                st.sampled_from(actors),
                st.sampled_from(("ARM", "AZE", "RUS", "none", "unknown")),
                TIMES,
                st.sampled_from(("i1", "i1", "i2", "")),
            ),
            max_size=SMALL + 4,
        )
    )
    return [
        Event(
            f"e{i}", when, kind, "r", party, actor=_actor(actor, party), incident=incident, source_url=SOURCE
        )
        for i, (kind, actor, party, when, incident) in enumerate(drawn)
    ]


@settings(max_examples=150, deadline=None)
@given(incident_accounts())
def test_small_incident__every_link_graded_as_grading_it_alone(events: list[Event]) -> None:
    """Every link of every obligation of the 2020 statement gets under every policy the grade of
    grading it alone on the other accounts of its incident (an incident of more than ``SMALL``
    accounts is indexed instead)."""
    index = LinkIndex.build(AGREEMENTS)
    prepared = Prepared.of(AGREEMENTS, events, [k for e in events for k in link_event(e, index, PARTIES)])
    stakes = Stakes.of(AGREEMENT, AGREEMENTS)
    gradings = grade_links_policies(
        AGREEMENT,
        prepared.links_by_ob,
        prepared.ranks_by_ob,
        prepared.ordered,
        prepared.incidents[AGREEMENT.id],
        PARTIES,
        prepared.spans_by_rank[TZ],
        stakes,
        prepared.ranked_from,
    )
    for (ob_id, trust), alone in _graded_alone(prepared, 0).items():
        assert Counter(gradings[ob_id].under(trust)) == alone, (ob_id, trust)
