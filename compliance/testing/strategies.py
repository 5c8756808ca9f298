"""Hypothesis strategies that generate accounts an agreement's rules can see, and noise they must ignore.

Dates are drawn around the agreement's own dates (entry into force, deadlines, amendments,
windows, endings, terms) a day or two either side, because that is where an encoding goes wrong;
actors in every relation to the bearers the registry allows; reporters unaffiliated (their word
confirms) or on a side (their word about the other side is an allegation); and explicit links,
the route an obligation with no rule is evidenced by. Noise is accounts of kinds no rule of the
agreement lists, with no link, and (where the agreement states countries) from another country.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from compliance.core.events import UNAFFILIATED, Event, ExplicitLink
from compliance.core.model import Agreement, LinkRule, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import EVENT_KINDS, ActorRelation, Effect
from compliance.testing.files import events_csv, renumber

SOURCE = "https://example.org/generated-account"
NEUTRAL_REPORTER = "Unaffiliated observer"
NEAR = (0, -1, 1, -2, 2)
"""Offsets in days around an anchor date, nearest first (shrinking moves towards the first)."""
SPREAD_DAYS = 400
"""Accounts are also drawn anywhere from shortly before the first anchor to this long after the last."""


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def anchor_dates(agreement: Agreement, obligation: Obligation | None = None) -> tuple[date, ...]:
    """The dates an encoding hangs on, for one obligation (or every one): the places to probe."""
    obligations = agreement.obligations if obligation is None else (obligation,)
    ids = {o.id for o in obligations}
    found = {agreement.date}
    for ob in obligations:
        found.add(_day(ob.in_force))
        if ob.deadline is not None:
            found.add(ob.deadline)
        if ob.term is not None:
            found.add(ob.term.start)
            found.add(ob.term.first_expiry)
        for rule in ob.rules:
            found.update(d for d in (rule.window_start, rule.window_end) if d is not None)
    for amendment in agreement.amendments:
        if amendment.obligation in ids:
            found.update((amendment.date, amendment.deadline))
    for ending in agreement.endings:
        if not ending.obligations or ids & set(ending.obligations):
            found.add(ending.date)
    return tuple(sorted(found))


def event_times(anchors: Sequence[date]) -> st.SearchStrategy[EventTime]:
    """A day near an anchor (mostly), anywhere in the span, or a month or interval straddling one."""
    first, last = min(anchors), max(anchors)
    near = st.builds(
        lambda a, d: a + timedelta(days=d), st.sampled_from(list(anchors)), st.sampled_from(NEAR)
    )
    anywhere = st.integers(-30, (last - first).days + SPREAD_DAYS).map(lambda n: first + timedelta(days=n))
    days = st.one_of(near, anywhere)

    def month(day: date) -> EventTime:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return EventTime(start, end, Precision.MONTH)

    return st.one_of(
        days.map(lambda d: EventTime(d, None, Precision.DAY)),
        days.map(month),
        st.builds(
            lambda d, n: EventTime(d - timedelta(days=n), d + timedelta(days=n), Precision.INTERVAL),
            days,
            st.integers(1, 5),
        ),
    )


def actors_for(relation: ActorRelation, bearers: Sequence[str], parties: PartyRegistry) -> list[str | None]:
    """The parties standing in ``relation`` to the bearers (``None`` for an unnamed actor)."""
    if relation is ActorRelation.UNKNOWN:
        return [None]
    ordered = sorted(parties.ids)
    kinds = {party: parties.relation(party, tuple(bearers)) for party in ordered}
    if relation is ActorRelation.ANY:
        return [*bearers, *(p for p in ordered if p not in bearers), None]
    return [p for p in ordered if kinds[p] is relation]


def _reporters(bearers: Sequence[str], parties: PartyRegistry) -> list[tuple[str, str]]:
    """Who may give an account: an unaffiliated source first, then the bearers' side and their opponents."""
    found = [(NEUTRAL_REPORTER, UNAFFILIATED)]
    involved = {*bearers}
    for bearer in bearers:
        involved |= parties.side_of.get(bearer, frozenset()) | parties.opponents.get(bearer, frozenset())
    for party_id in sorted(involved):
        party = parties.get(party_id)
        if party is not None:
            found.append((f"Account by {party.name}", party.id))
    return found


def _rule_accounts(
    ob: Obligation, rule: LinkRule, parties: PartyRegistry, times: st.SearchStrategy[EventTime], country: str
) -> st.SearchStrategy[Event]:
    """Accounts one link rule of an obligation can see: its kinds, actors, other parties and places.

    The other party (``target``) is drawn from the relations of the rule's ``targets``; with
    ``any`` (no test) it is left out, as most accounts give none.
    """
    actors = [a for relation in rule.actors for a in actors_for(relation, ob.bearers, parties)] or [None]
    others: list[str | None] = [None]
    if ActorRelation.ANY not in rule.targets:
        others = [t for relation in rule.targets for t in actors_for(relation, ob.bearers, parties)] or [None]
    return st.builds(
        _event,
        when=times,
        kind=st.sampled_from(rule.kinds),
        reporter=st.sampled_from(_reporters(ob.bearers, parties)),
        actor=st.sampled_from(list(dict.fromkeys(actors))),
        target=st.sampled_from(list(dict.fromkeys(others))),
        location=st.sampled_from(list(rule.places) or [""]),
        incident=st.sampled_from(["", "i1", "i2"]),
        country=st.just(country),
    )


def _explicit_accounts(
    agreement: Agreement,
    ob: Obligation,
    parties: PartyRegistry,
    times: st.SearchStrategy[EventTime],
    country: str,
) -> st.SearchStrategy[Event]:
    """Accounts with an explicit link to the obligation, each effect: the route of a duty with no rule."""
    actors = [*ob.bearers, None, *actors_for(ActorRelation.OPPOSED, ob.bearers, parties)]
    return st.builds(
        _event,
        when=times,
        kind=st.sampled_from(["statement", *sorted({k for r in ob.rules for k in r.kinds})]),
        reporter=st.sampled_from(_reporters(ob.bearers, parties)),
        actor=st.sampled_from(list(dict.fromkeys(actors))),
        location=st.just(""),
        incident=st.sampled_from(["", "i1", "i2"]),
        country=st.just(country),
        links=st.sampled_from(list(Effect)).map(
            lambda effect: (ExplicitLink(agreement.id, ob.article, effect, ob.id),)
        ),
    )


def _noise_accounts(
    agreement: Agreement, parties: PartyRegistry, times: st.SearchStrategy[EventTime]
) -> st.SearchStrategy[Event]:
    """Accounts no rule of the agreement lists, with no link (and another country): they must change nothing."""
    used = {k for ob in agreement.obligations for rule in ob.rules for k in rule.kinds}
    scope = agreement.scope
    return st.builds(
        _event,
        when=times,
        kind=st.sampled_from([k for k in EVENT_KINDS if k not in used] or ["other"]),
        reporter=st.just((NEUTRAL_REPORTER, UNAFFILIATED)),
        actor=st.sampled_from([None, *sorted(parties.ids)]),
        location=st.just(""),
        incident=st.just(""),
        country=st.just("ZZ" if scope is not None and scope.countries else ""),
    )


def _event(
    *,
    when: EventTime,
    kind: str,
    reporter: tuple[str, str],
    actor: str | None,
    location: str,
    incident: str,
    country: str,
    links: tuple[ExplicitLink, ...] = (),
    target: str | None = None,
) -> Event:
    return Event(
        id="a",
        when=when,
        kind=kind,
        reported_by=reporter[0],
        reporter_party=reporter[1],
        source_url=SOURCE,
        actor=actor,
        target=target,
        location=location,
        country=country,
        incident=incident,
        links=links,
    )


def accounts_for(
    agreement: Agreement,
    *,
    parties: PartyRegistry,
    obligations: Sequence[str] | None = None,
    explicit: bool = True,
    noise: bool = True,
) -> st.SearchStrategy[Event]:
    """One account bearing on the agreement (or on the named ``obligations``), or noise.

    Args:
        agreement: the encoded agreement.
        parties: the party registry its bearers come from.
        obligations: ids to aim at (default: every obligation).
        explicit: also generate accounts with an explicit link to the obligation (the route an
            obligation with no rule is evidenced by; always on for an obligation with no rule).
        noise: also generate accounts the agreement's rules must ignore.

    Rule-made accounts come first, then explicit ones, then noise, so shrinking prefers them.
    The event's id is a placeholder: :func:`account_lists` numbers a list ``e1``, ``e2`` ….
    """
    targets = [o for o in agreement.obligations if obligations is None or o.id in obligations]
    ruled: list[st.SearchStrategy[Event]] = []
    linked: list[st.SearchStrategy[Event]] = []
    for ob in targets:
        times = event_times(anchor_dates(agreement, ob))
        scope = agreement.scope_of(ob)
        country = scope.countries[0] if scope is not None and scope.countries else ""
        ruled += [_rule_accounts(ob, rule, parties, times, country) for rule in ob.rules]
        if explicit or not ob.rules:
            linked.append(_explicit_accounts(agreement, ob, parties, times, country))
    options = ruled + linked
    if noise or not options:
        options.append(_noise_accounts(agreement, parties, event_times(anchor_dates(agreement))))
    return st.one_of(options)


def account_lists(
    agreement: Agreement,
    *,
    parties: PartyRegistry,
    obligations: Sequence[str] | None = None,
    explicit: bool = True,
    noise: bool = True,
    max_size: int = 8,
) -> st.SearchStrategy[list[Event]]:
    """Lists of :func:`accounts_for` with distinct ids ``e1``, ``e2`` … (shrinks towards the empty list)."""
    one = accounts_for(agreement, parties=parties, obligations=obligations, explicit=explicit, noise=noise)
    return st.lists(one, max_size=max_size).map(renumber)


def as_of_dates(agreement: Agreement) -> st.SearchStrategy[date]:
    """As-of dates near the agreement's own dates, or anywhere from before it to well after its last one."""
    anchors = anchor_dates(agreement)
    first, last = anchors[0], anchors[-1]
    near = st.builds(
        lambda a, d: a + timedelta(days=d), st.sampled_from(list(anchors)), st.sampled_from(NEAR)
    )
    anywhere = st.integers(-30, (last - first).days + SPREAD_DAYS).map(lambda n: first + timedelta(days=n))
    return st.one_of(near, anywhere)


def event_files(agreement: Agreement, *, parties: PartyRegistry, max_size: int = 8) -> st.SearchStrategy[str]:
    """Event files in our CSV format (text), each a list of :func:`accounts_for`."""
    return account_lists(agreement, parties=parties, max_size=max_size).map(events_csv)
