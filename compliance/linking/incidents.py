"""What the accounts of one incident settle together, once every account is linked: a denial's
links (:func:`denial_links`) and the disputed-scope caveat (:func:`with_incident_caveats`).

A denial bears on what the account it denies bears on: links made through the incident.

A denial ("our forces did not fire") names no obligation, and its kind says nothing about the
topic: rules matching on kind and actor would link a denial about a road to the ceasefire. But
accounts of one incident share an ``incident`` id, and a denial answers the other accounts of
its incident. So once every account is linked, a denial whose actor bears (or is aligned with a
bearer of) an obligation that another account of the same incident is linked to, is linked to
that obligation as ``relevant``, never as proof either way. The time scope and the country test
still apply, so does an obligation's end (a denial given after the day the texts say it ended is
evidence of it no more, as any rule-made link), and agreements the denial names explicitly are
left to its explicit links.

A denial answers what was said before it, not what another source says later: only accounts
whose first possible day is no later than the denial's carry it to an obligation. Otherwise a
report as of a date between the two would list the denial as evidence only because of an
account not yet known then (a look-ahead), and a denial of June 2023 would bear on an
obligation that a statement of 2024 in the same incident first raised.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import attrs

from compliance.core.events import Event, Link
from compliance.core.model import Agreement, Scope
from compliance.core.parties import PartyRegistry
from compliance.core.places import NOWHERE, Placement
from compliance.core.vocabulary import ActorRelation, Effect
from compliance.linking.index import LinkIndex
from compliance.linking.scope import after_end, may_bear_on, place_verdict

DENIAL_BASIS = "denies-an-account-of-the-incident"
DENIAL_NOTE = "the actor's answer to another account of the same incident"
_ANSWERABLE = (ActorRelation.BEARER, ActorRelation.ALIGNED)


def denial_links(
    events: Sequence[Event], links: Sequence[Link], index: LinkIndex, parties: PartyRegistry
) -> list[Link]:
    """Links from denials to the obligations other accounts of their incident bear on (sorted)."""
    denials = [e for e in events if e.kind == "denial" and e.incident and e.actor is not None]
    if not denials:
        return []
    answered = {e.id: e for e in events if e.incident and e.kind != "denial"}
    borne: dict[str, dict[str, date]] = {}  # incident -> obligation -> the earliest account's first day
    for link in links:
        account = answered.get(link.event)
        if account is not None:
            first = borne.setdefault(account.incident, {})
            day = account.when.first_day
            if link.obligation not in first or day < first[link.obligation]:
                first[link.obligation] = day
    have = {(link.event, link.obligation) for link in links}
    out: list[Link] = []
    for event in denials:
        named = {ref.agreement for ref in event.links}
        said = borne.get(event.incident, {})
        for ob_id in sorted(said):
            agreement, obligation = index.obligations[ob_id]
            if (event.id, ob_id) in have or agreement.id in named:
                continue
            if said[ob_id] > event.when.first_day:
                continue  # raised only after the denial: not what it answers
            if not may_bear_on(event, index.scopes[agreement.id]):
                continue  # same incident id, but earlier or in another country: not an answer about it
            if after_end(event, index.endings.get(ob_id), agreement.tz):
                continue  # given after the obligation ended: evidence of it no more
            if parties.relation(event.actor, obligation.bearers) not in _ANSWERABLE:
                continue
            out.append(Link(ob_id, event.id, Effect.RELEVANT, DENIAL_BASIS, DENIAL_NOTE))
    return out


def with_incident_caveats(
    events: Sequence[Event], links: Sequence[Link], placements: Mapping[str, Placement], index: LinkIndex
) -> list[Link]:
    """The links, each account of an incident placed in an obligation's disputed area giving the
    caveat to the links to that obligation of its incident's accounts dated no earlier (in the
    order given).

    Whether the text covers a place is a question about the incident, not about how one source
    words it: one clash is "near Sotk, Gegharkunik" in Armenia's account and "Lachin/Berdzor
    district, Armenia-Azerbaijan border" in Azerbaijan's, which the gazetteer puts in the
    conflict zone. Read account by account, only the first carried the caveat, so Armenia's
    accounts of border clashes could never confirm a breach of point 1 of 2020 while Azerbaijan's
    accounts of the same clashes could: which side's place names were used decided it. So a link
    to an obligation carries the caveat when an account of its incident that can bear on the
    agreement (:func:`may_bear_on`) is placed only in the obligation's disputed area
    (:func:`place_verdict`), whichever side gives it and whatever the order of the accounts;
    a venue (a statement's Moscow) places nothing. ``placements``: where the gazetteer placed
    each account of an incident, by id.

    As for denials, only an account whose first possible day is no later than the linked
    account's gives it the caveat: a link does not change with the as-of date, so a caveat taken
    from a later account would show in a report as of a date before that account existed (a
    look-ahead).
    """
    members: dict[str, list[Event]] = {}
    for event in events:
        if event.incident:
            members.setdefault(event.incident, []).append(event)
    account_of = {e.id: e for es in members.values() for e in es}
    # An obligation's caveat depends on its agreement and its scope only: obligations that share
    # both (most of an agreement's) share the scan of each incident's accounts.
    scopes: dict[str, int | None] = {}  # obligation -> the number of its (agreement, disputed scope)
    disputed: list[tuple[Agreement, Scope]] = []
    placed: dict[tuple[str, int], tuple[date, str] | None] = {}  # (incident, scope number) -> earliest
    out = list(links)
    # Only a link of an account of an incident, without a caveat of its own, can take one.
    for at in [at for at, link in enumerate(links) if link.event in account_of and not link.caveat]:
        link = links[at]
        if link.obligation not in scopes:
            scopes[link.obligation] = _disputed_scope(link.obligation, index, disputed)
        number = scopes[link.obligation]
        if number is None:
            continue
        linked = account_of[link.event]
        key = (linked.incident, number)
        if key not in placed:
            placed[key] = _disputed_place(members[linked.incident], *disputed[number], placements, index)
        found = placed[key]
        if found is not None and found[0] <= linked.when.first_day:
            out[at] = attrs.evolve(link, caveat=found[1])
    return out


def _disputed_scope(ob_id: str, index: LinkIndex, disputed: list[tuple[Agreement, Scope]]) -> int | None:
    """Where the obligation's (agreement, scope) is in ``disputed`` (added if new), or ``None``
    when its scope names no disputed area: then no account gives its links the caveat."""
    agreement, obligation = index.obligations[ob_id]
    scope = agreement.scope_of(obligation)
    if scope is None or not (scope.disputed_areas or scope.disputed):
        return None
    for number, (other, other_scope) in enumerate(disputed):
        if other.id == agreement.id and other_scope == scope:
            return number
    disputed.append((agreement, scope))
    return len(disputed) - 1


def _disputed_place(
    accounts: Sequence[Event],
    agreement: Agreement,
    scope: Scope,
    placements: Mapping[str, Placement],
    index: LinkIndex,
) -> tuple[date, str] | None:
    """The earliest first day of an account placed only in the disputed area of the agreement's
    ``scope``, with its caveat (the same text for every such account), or ``None``."""
    bounds = index.scopes[agreement.id]
    earliest: tuple[date, str] | None = None
    for account in accounts:
        if not may_bear_on(account, bounds):
            continue
        _, caveat = place_verdict(account, placements.get(account.id, NOWHERE), scope, bounds)
        day = account.when.first_day
        if caveat and (earliest is None or day < earliest[0]):
            earliest = (day, caveat)
    return earliest
