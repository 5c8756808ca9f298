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
from compliance.load.registries import Reporter


@frozen
class BasedIn:
    """A country an outlet is based in: its ISO 3166-1 alpha-2 code and the name a reader sees."""

    code: str
    name: str


def reporter_countries(reporters: Iterable[Reporter]) -> dict[str, str]:
    """Each registered name and alias, case-folded, -> the ``based_in`` of its reporter.

    A name that reporters based in different countries give is left out: which one an account
    means cannot be told, and the order of the file must not decide it.
    """
    table: dict[str, str] = {}
    unclear: set[str] = set()
    for reporter in reporters:
        for name in (reporter.name, *reporter.aliases):
            key = name.strip().casefold()
            if table.setdefault(key, reporter.based_in) != reporter.based_in:
                unclear.add(key)
    return {key: code for key, code in table.items() if code and key not in unclear}


def based_in_of(reporters: Iterable[Reporter], events: Iterable[Event]) -> dict[str, BasedIn]:
    """Event id -> where its reporter is based, for each unaffiliated account whose reporter the
    registry places; the others are absent."""
    countries = reporter_countries(reporters)
    found: dict[str, BasedIn] = {}
    for event in events:
        if event.reporter_party != UNAFFILIATED:
            continue
        code = countries.get(event.reported_by.strip().casefold())
        if code:
            found[event.id] = BasedIn(code, country_name(code))
    return found
