"""The disputed-scope caveat belongs to the incident, not to the place names one account uses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from random import Random

from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.core.events import Event, ExplicitLink, Link, Origin
from compliance.core.model import Agreement, Scope
from compliance.core.places import NOWHERE, Placement
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import Effect
from compliance.linking.incidents import with_incident_caveats
from compliance.linking.index import LinkIndex, link_account
from compliance.linking.ledger import Ledger, assemble
from compliance.linking.scope import DISPUTED_SCOPE, may_bear_on, place_verdict
from compliance.readers import Record
from tests.support import AGREEMENTS, PARTIES

SOTK = "near Sotk, Gegharkunik"  # the border, in Armenia: only in point 1's disputed area
LACHIN_BORDER = "Lachin/Berdzor district, Armenia-Azerbaijan border"  # the district lies in the conflict zone
HADRUT = "Hadrut"  # the conflict zone, not on the border


def account(event_id: str, location: str, actor: str | None, reporter: str, **fields: object) -> Event:
    values: dict[str, object] = {
        "id": event_id,
        "when": EventTime(date(2023, 4, 23), None, Precision.DAY),
        "kind": "ceasefire-violation",
        "reported_by": f"Ministry of Defence ({reporter})",
        "reporter_party": reporter,
        "source_url": "https://example.org/a",
        "actor": actor,
        "location": location,
        "incident": "i1",
    }
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


def ledger_of(events: Sequence[Event]) -> Ledger:
    return assemble(AGREEMENTS, PARTIES, [Record(Origin("t.csv", n + 2), e) for n, e in enumerate(events)])


def caveats(ledger: Ledger) -> dict[tuple[str, str], str]:
    return {(link.event, link.obligation): link.caveat for link in ledger.links}


def test_incident_caveat__both_sides_accounts_of_a_border_clash_carry_it() -> None:
    """The shape of E070/N048 (23 Apr 2023): Armenia's account places the fire near Sotk, on
    the border in Armenia; Azerbaijan's in the Lachin/Berdzor district, which lies in the conflict
    zone. Each account alone, only Armenia's carried the caveat, so only Azerbaijan's account
    could ever confirm a breach of point 1. Read with its incident, both carry it."""
    armenias = account("A1", SOTK, "AZE", "ARM")
    azerbaijans = account("A2", LACHIN_BORDER, "ARM", "AZE")
    alone = caveats(ledger_of([evolve(azerbaijans, incident="")]))
    assert alone[("A2", "ts2020-1-ceasefire-arm")] == ""  # alone, its place is in the conflict zone
    found = caveats(ledger_of([armenias, azerbaijans]))
    assert found[("A1", "ts2020-1-ceasefire-aze")] == DISPUTED_SCOPE
    assert found[("A2", "ts2020-1-ceasefire-arm")] == DISPUTED_SCOPE
    assert found[("A1", "p2022-3-non-use-of-force-aze")] == ""  # principle 3 covers the border
    assert found[("A2", "p2022-3-non-use-of-force-arm")] == ""


def test_incident_caveat__an_explicit_link_carries_it_too() -> None:
    """An account linked by hand to point 1, placed in the conflict zone, reads with an account of
    its incident placed on the border: its link carries the caveat as a rule-made one does."""
    ref = ExplicitLink("trilateral-2020", "1", Effect.BREACHES, "ts2020-1-ceasefire-arm")
    azerbaijans = account("A2", LACHIN_BORDER, "ARM", "AZE", links=(ref,))
    ledger = ledger_of([account("A1", SOTK, "AZE", "ARM"), azerbaijans])
    link = next(k for k in ledger.links if (k.event, k.obligation) == ("A2", "ts2020-1-ceasefire-arm"))
    assert (link.basis, link.caveat) == ("explicit", DISPUTED_SCOPE)


def test_incident_caveat__an_incident_wholly_in_the_stated_area_has_none() -> None:
    """Accounts inside the stated area, and a statement whose place is a venue, give no caveat."""
    events = [
        account("A1", HADRUT, "AZE", "ARM"),
        account("A2", LACHIN_BORDER, "ARM", "AZE"),
        account("A3", "Moscow", "RUS", "RUS", kind="statement"),
    ]
    assert set(caveats(ledger_of(events)).values()) == {""}


def test_incident_caveat__a_border_account_of_another_incident_does_not_reach() -> None:
    """The caveat is read per incident: a border clash of another incident changes nothing."""
    events = [account("A1", SOTK, "AZE", "ARM", incident="i2"), account("A2", LACHIN_BORDER, "ARM", "AZE")]
    assert caveats(ledger_of(events))[("A2", "ts2020-1-ceasefire-arm")] == ""


PLACES = (SOTK, LACHIN_BORDER, HADRUT, "Moscow", "")


@st.composite
def incident_accounts(draw: st.DrawFn) -> list[Event]:
    """A few accounts of two incidents, each with a place, an actor and a reporter."""
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(PLACES),
                st.sampled_from(("ARM", "AZE", None)),
                st.sampled_from(("ARM", "AZE", "none")),
                st.sampled_from(("ceasefire-violation", "armed-clash", "denial", "statement")),
                st.sampled_from(("i1", "i2")),
                st.integers(0, 3),
            ),
            min_size=1,
            max_size=7,
        )
    )
    return [
        account(
            f"A{n}",
            place,
            actor,
            reporter,
            kind=kind,
            incident=incident,
            when=EventTime(date(2023, 4, 22 + day), None, Precision.DAY),
        )
        for n, (place, actor, reporter, kind, incident, day) in enumerate(rows)
    ]


@settings(max_examples=150, deadline=None)
@given(incident_accounts(), st.randoms(use_true_random=False))
def test_incident_caveat__the_same_for_every_account_of_an_incident_in_any_order(
    events: list[Event], rng: Random
) -> None:
    """Two accounts of one incident dated the same day and linked to one obligation carry the
    same caveat, and an account's caveat does not depend on which other accounts of its
    incident come first."""
    ledger = ledger_of(events)
    key = {e.id: (e.incident, e.when.first_day) for e in events}
    by_incident: dict[tuple[object, ...], set[str]] = {}
    for link in ledger.links:
        by_incident.setdefault((*key[link.event], link.obligation), set()).add(link.caveat)
    assert all(len(found) == 1 for found in by_incident.values()), by_incident
    shuffled = list(events)
    rng.shuffle(shuffled)
    assert caveats(ledger_of(shuffled)) == caveats(ledger)


@settings(max_examples=150, deadline=None)
@given(incident_accounts())
def test_incident_caveat__no_look_ahead(events: list[Event]) -> None:
    """An account's caveats are those it has when only the accounts dated no later than it are
    read: a report as of its date does not know a later account of its incident."""
    whole = caveats(ledger_of(events))
    for event in events:
        known = [e for e in events if e.when.first_day <= event.when.first_day]
        mine = {k: v for k, v in caveats(ledger_of(known)).items() if k[0] == event.id}
        assert mine == {k: v for k, v in whole.items() if k[0] == event.id}, event.id


def test_incident_caveat__a_later_border_account_does_not_reach_back() -> None:
    """Azerbaijan's account of the 22nd, in the conflict zone, keeps no caveat when Armenia's
    account placing the incident on the border is of the 23rd; the reverse order gives it."""
    zone = account("Z", LACHIN_BORDER, "ARM", "AZE", when=EventTime(date(2023, 4, 22), None, Precision.DAY))
    border = account("B", SOTK, "AZE", "ARM")
    assert not any(c for (e, _), c in caveats(ledger_of([zone, border])).items() if e == "Z")
    later_zone = evolve(zone, when=EventTime(date(2023, 4, 24), None, Precision.DAY))
    assert any(c for (e, _), c in caveats(ledger_of([later_zone, border])).items() if e == "Z")


def _variant_agreements() -> tuple[Agreement, ...]:
    """The bundled agreements, point 1 of 2020 for Azerbaijan given a scope of its own (on the
    border, disputed in the conflict zone: the reverse of the others'), and the 2020 statement
    again under other ids, dated within the drawn incidents: obligations with equal scopes in
    two agreements, and two scopes in one."""
    trilateral = next(a for a in AGREEMENTS if a.id == "trilateral-2020")
    reversed_scope = Scope(areas=("armenia-azerbaijan-border",), disputed_areas=("nk-conflict-zone",))
    own = tuple(
        evolve(ob, scope=reversed_scope) if ob.id == "ts2020-1-ceasefire-aze" else ob
        for ob in trilateral.obligations
    )
    again = evolve(
        trilateral,
        id="trilateral-2020-again",
        date=date(2023, 4, 24),
        obligations=tuple(evolve(ob, id=f"{ob.id}-again") for ob in trilateral.obligations),
        amendments=(),
    )
    return (*(evolve(a, obligations=own) if a is trilateral else a for a in AGREEMENTS), again)


VARIANTS = _variant_agreements()


def _caveats_one_by_one(
    events: Sequence[Event], links: Sequence[Link], placements: dict[str, Placement], index: LinkIndex
) -> list[Link]:
    """:func:`with_incident_caveats` link by link: every account of the linked account's
    incident read against the scope of the link's own obligation."""
    out = []
    for link in links:
        linked = next(e for e in events if e.id == link.event)
        if not linked.incident or link.caveat:
            out.append(link)
            continue
        agreement, obligation = index.obligations[link.obligation]
        scope, bounds = agreement.scope_of(obligation), index.scopes[agreement.id]
        given = [
            (e.when.first_day, place_verdict(e, placements.get(e.id, NOWHERE), scope, bounds)[1])
            for e in events
            if e.incident == linked.incident and may_bear_on(e, bounds) and scope is not None
        ]
        found = min(((day, caveat) for day, caveat in given if caveat), default=None)
        out.append(evolve(link, caveat=found[1]) if found and found[0] <= linked.when.first_day else link)
    return out


@settings(max_examples=150, deadline=None)
@given(incident_accounts())
def test_incident_caveat__read_once_per_scope_as_link_by_link(events: list[Event]) -> None:
    """The caveat is worked out once per incident and (agreement, scope), shared by the
    obligations with equal scopes: it must be what reading each link's own obligation gives."""
    index = LinkIndex.build(VARIANTS)
    linked = {e.id: link_account(e, index, PARTIES) for e in events}
    links = [k for e in events for k in linked[e.id].links]
    placements = {e.id: linked[e.id].placement for e in events}
    expected = _caveats_one_by_one(events, links, placements, index)
    assert with_incident_caveats(events, links, placements, index) == expected
