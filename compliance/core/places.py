"""Where an account happened, in the terms the agreements use: gazetteer areas and countries.

An agreement applies somewhere (the "Nagorno-Karabakh conflict zone", the interstate border,
Armenia and Azerbaijan); an account names a place in one of many spellings ("Khankendi",
"Stepanakert", "Martuni region"). The gazetteer (the bundled ``agreements/places.toml``, or a
file another conflict's encoding gives in its place) maps every spelling
to the areas the place lies in, so the linker can ask whether an account falls inside an
agreement's scope. It says where a place is, never who is right about it.

The look-up tables are built once by :meth:`Gazetteer.of` and never change; remembering the
answer for a location string seen before is the caller's business (a memo owned by whoever
links a batch), never a cache inside this frozen value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from attrs import field, frozen

from compliance.core.frozendict import frozen_dict


@frozen
class Area:
    """A named area an agreement text speaks of, with the areas it lies wholly within."""

    id: str
    name: str
    countries: tuple[str, ...] = ()
    within: tuple[str, ...] = ()
    note: str = ""
    sources: tuple[str, ...] = ()


@frozen
class Place:
    """A place with every spelling found, its country (ISO alpha-2) and the areas it lies in.

    ``areas`` is already closed upwards (it lists the larger areas too). Coordinates are given
    only where a source gives them.
    """

    names: tuple[str, ...]
    country: str
    kind: str
    areas: tuple[str, ...] = ()
    note: str = ""
    latitude: float | None = None
    longitude: float | None = None
    source: str = ""

    @property
    def label(self) -> str:
        return self.names[0]


@frozen(cache_hash=True)  # part of the linking memo's key, built once per account
class Placement:
    """What a location resolves to: the places found, their areas and countries."""

    places: tuple[str, ...] = ()
    areas: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()

    @property
    def resolved(self) -> bool:
        return bool(self.places)


NOWHERE = Placement()
NEAR_KM = 3.0
"""A point this close to a place with coordinates is taken to be at that place."""
TOWN_PRECISION = 2
"""The coarsest precision code of a point that stands at or near a town, in ACLED's
``geo_precision`` (1 the town, 2 near it, 3 only the province: its capital or centroid) and UCDP
GED's ``where_prec`` (1 the place, 2 an area around it, 3 a district, 4 a province, 5 a line or
part of a country, 6 the country, 7 international waters) alike. A coarser point stands for a
region: the town nearest to it says nothing of where the event was, so no account is placed by it
(docs/obligation-logic.md, "Where a duty applies (area)"). A point with no code (our own formats
have none) is taken as exact."""


@frozen
class Gazetteer:
    """Areas and places, with the name pattern and tables derived from them once."""

    areas: tuple[Area, ...]
    places: tuple[Place, ...]
    pattern: re.Pattern[str] | None = field(eq=False, repr=False)
    by_name: Mapping[str, int] = field(eq=False, repr=False, converter=frozen_dict)
    source: str = field(default="", eq=False)
    """The file it was read from, as problems name it (``<bundled>/places.toml`` for the bundled
    one): an area a scope names and this gazetteer lacks is reported against it."""

    @classmethod
    def of(cls, areas: tuple[Area, ...], places: tuple[Place, ...], source: str = "") -> Gazetteer:
        """The gazetteer with its name table; longer names are tried first (whole words only)."""
        by_name: dict[str, int] = {}
        for number, place in enumerate(places):
            for name in place.names:
                by_name.setdefault(name.casefold(), number)
        names = sorted(by_name, key=lambda n: (-len(n), n))
        pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
            if names
            else None
        )
        return cls(areas, places, pattern, by_name, source)

    @property
    def area_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.areas)

    def resolve(self, *texts: str, country: str = "") -> Placement:
        """The places named in ``texts`` (location, admin1 …), their areas and countries.

        With ``country`` (an ISO alpha-2 code the source gives), only places in that country
        count: "Martuni" in a row coded in Armenia is the Gegharkunik town, not Khojavend/Martuni.
        """
        found: list[int] = []
        if self.pattern is not None:
            for text in texts:
                for match in self.pattern.finditer(text):
                    number = self.by_name.get(match.group(1).casefold())
                    if number is not None and number not in found:
                        found.append(number)
        if len(country) == 2:
            found = [n for n in found if self.places[n].country == country]
        return self._placement(found)

    def near(self, latitude: float, longitude: float, country: str = "") -> Placement:
        """The nearest place with coordinates within :data:`NEAR_KM` of a point (in ``country``, if given)."""
        distances = sorted(
            (_km(latitude, longitude, p.latitude, p.longitude), number)
            for number, p in enumerate(self.places)
            if p.latitude is not None
            and p.longitude is not None
            and (len(country) != 2 or p.country == country)
        )
        return self._placement([number for km, number in distances[:1] if km <= NEAR_KM])

    def _placement(self, numbers: list[int]) -> Placement:
        if not numbers:
            return NOWHERE
        chosen = [self.places[n] for n in numbers]
        return Placement(
            tuple(sorted(p.label for p in chosen)),
            frozenset(a for p in chosen for a in p.areas),
            frozenset(p.country for p in chosen if p.country),
        )


def _km(lat1: float, lon1: float, lat2: float | None, lon2: float | None) -> float:
    """Distance on a sphere, good to a few metres at the scale of a village."""
    assert lat2 is not None
    assert lon2 is not None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
