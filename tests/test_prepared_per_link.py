"""What ``Prepared`` builds per link equals the plain computation, link by link.

``Prepared.of`` looks each link's account up once, by rank (``evaluation.prepare``): the rank says
whether the account is known and orders the obligation's links, and the accounts' intervals are
read by rank. The plain computation keeps a link when its account is known, sorts each
obligation's links by their accounts' ranks, and gives each linked account its interval in each
agreement's zone. The links are given in runs by obligation, in any order, and ``known_on``
leaves some accounts out.
"""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.core.events import Event, Link, by_sort_key
from compliance.evaluation.evaluate import Prepared
from compliance.linking.index import LinkIndex, link_event
from tests.support import AGREEMENTS, PARTIES
from tests.test_scale_equivalence import accounts_with_incidents

INDEX = LinkIndex.build(AGREEMENTS)


def _plain(
    events: list[Event], links: list[Link], known_on: date | None
) -> tuple[dict[str, list[Link]], dict[object, dict[str, object]]]:
    """Each obligation's links to known accounts in the accounts' order, and each zone's intervals."""
    known = {e.id: e for e in events if e.known_on(known_on)}
    rank = {e.id: n for n, e in enumerate(sorted(known.values(), key=by_sort_key))}
    links_by_ob: dict[str, list[Link]] = {}
    for link in links:
        if link.event in known:
            links_by_ob.setdefault(link.obligation, []).append(link)
    for ob_links in links_by_ob.values():
        ob_links.sort(key=lambda link: rank[link.event])
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
)
def test_prepared__links_in_rank_order_and_spans_by_zone_as_link_by_link(
    events: list[Event], known_on: date | None, shuffle: random.Random
) -> None:
    links = [k for e in events for k in link_event(e, INDEX, PARTIES)]
    runs: dict[str, list[Link]] = {}
    for link in links:
        runs.setdefault(link.obligation, []).append(link)
    order = list(runs)
    shuffle.shuffle(order)
    given_links = [link for ob_id in order for link in runs[ob_id]]  # in runs, in any order
    prepared = Prepared.of(AGREEMENTS, events, given_links, known_on)
    links_by_ob, spans = _plain(events, given_links, known_on)
    assert prepared.links_by_ob == links_by_ob
    assert {tz: dict(found) for tz, found in prepared.spans_by_zone.items()} == spans
    assert list(prepared.rank) == sorted(prepared.rank, key=prepared.rank.__getitem__)
