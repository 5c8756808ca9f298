"""Grading every link of an agreement's obligations under every trust policy at once.

Each link is graded here on all accounts of its incident; the cut-off may later narrow them
(see ``evaluate._result``). A report compares the three trust policies, and only a
stakeholder's uncorroborated account grades differently under them, so the links of an
obligation are kept as the part graded alike under every policy and, per policy, the part
that differs (:class:`Gradings`): what is derived from the common part is derived once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from operator import attrgetter
from typing import NamedTuple

from compliance.core.events import Claims, Event, Link
from compliance.core.model import Agreement
from compliance.core.parties import PartyRegistry
from compliance.core.timeframe import EventTime, day_start
from compliance.core.vocabulary import Grade, Trust
from compliance.evaluation.grading import Grading, Pending, grade_by_source
from compliance.evaluation.incident_index import IncidentIndex, IncidentSides, Telling, Told
from compliance.evaluation.incident_small import SMALL, SmallIncidents
from compliance.evaluation.intervals import Span
from compliance.evaluation.trust import Stakes


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


class Gradings(NamedTuple):
    """One obligation's graded links: those graded alike under every policy, and the rest per policy."""

    common: list[Graded]
    differing: dict[Trust, list[Graded]]

    def under(self, trust: Trust) -> list[Graded]:
        """Every graded link under ``trust``, in no promised order: users sort by ``order`` (they
        come as two runs in the accounts' order, which a sort merges in about linear time)."""
        extra = self.differing.get(trust)
        return self.common + extra if extra else self.common


def grade_links_policies(
    agreement: Agreement,
    links_by_ob: Mapping[str, list[Link]],
    ranks_by_ob: Mapping[str, list[int]],
    ordered: Sequence[Event],
    incidents: Mapping[str, list[Event]],
    parties: PartyRegistry,
    spans: Sequence[Span],
    stakes: Stakes | None = None,
    ranked_from: Mapping[date, int] | None = None,
) -> dict[str, Gradings]:
    """Grade every link of the agreement's obligations under every trust policy, each link once.

    Each obligation's links come in their accounts' order with the accounts' ranks
    (``Prepared.links_by_ob`` and ``ranks_by_ob``); ``ordered`` is the accounts known in rank
    order and ``spans`` their intervals in the agreement's zone, by rank (``Prepared.ordered`` and
    ``spans_by_rank``). A link's account and interval are read from those lists by its rank: at a
    million accounts, looking each up by id cost a probe of a large dictionary and a read of
    the id per link, each scattered in memory (``Prepared.rank``, ``by_id``, ``spans_by_zone``).
    ``incidents`` holds the accounts of each incident that can bear on the agreement
    (``Prepared.incidents`` for it): only they corroborate or contest one another.
    ``ranked_from`` gives, for a date, the rank of the first account whose first possible day
    is on or after it (``Prepared.ranked_from``, for the agreements' dates; any other date is
    found in ``ordered``, which is sorted by first possible day).

    A link to an account that ends before the agreement's date is dropped: a text cannot be
    kept or broken before it exists. (An account whose dates straddle that date is kept, and read
    from that date on: see ``facts.gather_facts``.)
    """
    stakes = stakes or Stakes.of(agreement)
    adopted = day_start(agreement.date, agreement.tz)
    policies = tuple(Trust)
    gradings: dict[str, Gradings] = {}
    # What the source decides is the same for every account of one kind, actor and reporter: a
    # million accounts share a few hundred, so each is worked out once. Only an allegation or a
    # stakeholder's account is read with the other accounts of its incident, if it has any.
    # (per set of bearers, which every link of an obligation shares: it is no part of the key)
    by_bearers: dict[tuple[str, ...], dict[tuple[object, ...], Grading | tuple[Grading, ...] | Pending]] = {}
    alone_by_bearers: dict[tuple[str, ...], dict[tuple[object, ...], Grading | tuple[Grading, ...]]] = {}
    # An incident of a few accounts is read by one pass per account graded (``SmallIncidents``);
    # a larger one once per set of bearers, not once per account of it (n² for n accounts), and
    # indexed once per obligation: what an account records on it decides if it corroborates.
    sides: dict[tuple[str, tuple[str, ...]], IncidentSides] = {}
    # What accounts of each kind, reporter and actor tell, per set of bearers (``told_for``).
    told: dict[tuple[str, ...], dict[Told, Telling]] = {}
    ends: dict[EventTime, datetime] = {}  # each denial's end in the zone, by date (``SmallIncidents``)
    # A role in another text of the process holds from that text's date (``Stakes.process``):
    # for those few reporters, whether the account is dated from then on is part of the key.
    # Ranks follow first possible days, so "dated from that day on" is "ranked from the first
    # account dated from that day on": the account's rank, needed for its order anyway, tells.
    ranked = ranked_from or {}
    since = {
        party: ranked[day] if day in ranked else bisect_left(ordered, day, key=_FIRST_DAY)
        for party, (day, _) in stakes.process.items()
    }
    for ob in agreement.obligations:
        common: list[Graded] = []
        differing: dict[Trust, list[Graded]] = {}
        bearers = ob.bearers
        by_source = by_bearers.setdefault(bearers, {})
        alone = alone_by_bearers.setdefault(bearers, {})
        ob_links = links_by_ob.get(ob.id, ())
        claims: Claims | None = None  # the obligation's links by account, made when first needed
        indexed: dict[str, IncidentIndex] = {}
        small: SmallIncidents | None = None  # what reading small incidents needs, made when first needed
        for link, place in zip(ob_links, ranks_by_ob.get(ob.id, ()), strict=True):
            span = spans[place]
            if span[1] <= adopted:
                continue
            event = ordered[place]
            role_from = since.get(event.reporter_party) if since else None
            key = (
                event.kind,
                event.actor,
                event.reporter_party,
                link.effect,
                link.basis,
                link.caveat,
                role_from is not None and role_from <= place,
            )
            found = by_source.get(key)
            if found is None:
                found = by_source[key] = grade_by_source(
                    event, link.effect, link.basis, bearers, stakes, parties, link.caveat
                )
            if isinstance(found, Pending):
                accounts = incidents.get(event.incident, ()) if event.incident else ()
                # Some other account of its incident (ids are unique: of two accounts one is another).
                if len(accounts) > 1 or (accounts and accounts[0].id != event.id):
                    if claims is None:
                        claims = dict(zip(map(_EVENT, ob_links), map(_EFFECT, ob_links), strict=True))
                    if len(accounts) <= SMALL:  # a pass over a few accounts costs less than an index
                        if small is None:
                            small = SmallIncidents(
                                bearers, parties, agreement.tz, claims, told.setdefault(bearers, {}), ends
                            )
                        grading = found.finish(
                            small.read(event, found.effect, found.source, found.who, span[0], accounts)
                        )
                    else:
                        index = indexed.get(event.incident)
                        if index is None:
                            read = sides.get((event.incident, bearers))
                            if read is None:
                                read = sides[(event.incident, bearers)] = IncidentSides.of(
                                    accounts, bearers, parties, agreement.tz, told.setdefault(bearers, {})
                                )
                            index = indexed[event.incident] = read.about(claims)
                        grading = found.given_index(event, index, span[0])
                else:
                    known = alone.get(key)
                    if known is None:
                        known = alone[key] = found.given(event, bearers, parties, ())
                    grading = known
            else:
                grading = found
            order = (place, link.effect, link.basis)  # a StrEnum sorts as its value
            if isinstance(grading, Grading):
                common.append(
                    _made(
                        Graded,
                        (
                            link,
                            event,
                            grading.grade,
                            grading.reason,
                            grading.corroboration,
                            order,
                            grading.denial,
                        ),
                    )
                )
                continue
            for policy, g in zip(policies, grading, strict=True):
                differing.setdefault(policy, []).append(
                    _made(Graded, (link, event, g.grade, g.reason, g.corroboration, order, g.denial))
                )
        gradings[ob.id] = Gradings(common, differing)
    return gradings


_made = tuple.__new__
"""A :class:`Graded` made from its seven fields at once, ``_made(Graded, fields)``: calling
``Graded(...)`` runs the named tuple's own ``__new__``, a Python function that only passes the
fields on to this one, and a Graded is made per link (160,000 at 100,000 rows)."""
_EVENT = attrgetter("event")
_FIRST_DAY = attrgetter("when.first_day")
_EFFECT = attrgetter("effect")

__all__ = ["Graded", "Gradings", "grade_links_policies"]
