"""Where an unaffiliated reporter is based, beside its accounts.

The registry's rule grades a privately owned outlet registered in a side's state as affiliated
with no party (``agreements/reporters.toml``); the rule stays, but a reader weighing an account
by Trend or NEWS.am wants to see where the outlet works. The registry says so in ``based_in``
where a page does; this view looks each cited account's reporter up once, so the renderers only
print what it found. Only accounts whose reporter is unaffiliated get one: for an official body
or a state outlet the party already says it.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from compliance.core.country_table import country_name
from compliance.core.events import UNAFFILIATED, Event
from compliance.linking.loading import reporters_by_name
from compliance.load.registries import Reporter, reporter_key


@frozen
class BasedIn:
    """A country an outlet is based in: its ISO 3166-1 alpha-2 code and the name a reader sees."""

    code: str
    name: str


def based_in_of(reporters: Iterable[Reporter], events: Iterable[Event]) -> dict[str, BasedIn]:
    """Event id -> where its reporter is based, for each unaffiliated account whose reporter the
    registry places; the others are absent.

    The reporter is looked up as its party is (``linking.loading.reporters_by_name``): the
    registry loader has already refused, with an error at each entry, a name that entries based
    in different countries give, so no name is left to the order of the file here.
    """
    by_name = reporters_by_name(reporters)
    found: dict[str, BasedIn] = {}
    for event in events:
        if event.reporter_party != UNAFFILIATED:
            continue
        reporter = by_name.get(reporter_key(event.reported_by))
        if reporter is not None and reporter.based_in:
            found[event.id] = BasedIn(reporter.based_in, country_name(reporter.based_in))
    return found
