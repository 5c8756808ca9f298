"""The country of an account as an ISO 3166-1 alpha-2 code, from whatever code or name a dataset gives.

An agreement's scope names its countries by alpha-2 code (``AM``, ``AZ``). Datasets name countries
their own way: ACLED by name and ISO 3166 numeric code (``iso`` 51), older ACLED files by
Gleditsch–Ward number (``gwno`` 371) or alpha-3 (``iso3`` ARM), UCDP GED by name and Gleditsch–Ward
number (``country_id``). The table below covers the countries the gazetteer
(``agreements/places.toml``) knows as countries; any other country keeps the dataset's own name,
which can never equal an alpha-2 code in a scope, so such an account falls outside every scope
that names its countries. A name given with no code that the table does not know may be a
misspelling of a country in it, so the readers warn of it, once per name and file.

Nagorno-Karabakh given as the country (:data:`REGION_NAMES`) is read as neither state: whose
territory it is, is what the parties dispute. Such a row gets no country code; the name is read
as a place, added to ``admin1``, where the gazetteer resolves it to the conflict zone as it does
the same name in ``location``. The account is then placed as any account that gives no country
is (by its place): neither kept out as from a foreign country, nor filed by the reader under
one of the two states.
"""

from __future__ import annotations

from attrs import frozen

from compliance.core.events import Origin
from compliance.core.problems import Problem, Severity
from compliance.readers.fields import integral, stated


@frozen
class Country:
    """One country and the codes datasets use for it."""

    alpha2: str
    names: tuple[str, ...]
    numeric: str
    """ISO 3166-1 numeric, as ACLED's ``iso`` writes it (no leading zeros)."""
    alpha3: str
    gleditsch_ward: str
    """Gleditsch–Ward state number (UCDP ``country_id``, old ACLED ``gwno``)."""


COUNTRIES: tuple[Country, ...] = (
    Country("AM", ("Armenia", "Republic of Armenia"), "51", "ARM", "371"),
    Country("AZ", ("Azerbaijan", "Republic of Azerbaijan"), "31", "AZE", "373"),
    Country("GE", ("Georgia",), "268", "GEO", "372"),
    Country("RU", ("Russia", "Russian Federation", "Russia (Soviet Union)"), "643", "RUS", "365"),
)
"""The gazetteer's countries (``kind = "country"``); UCDP names Russia "Russia (Soviet Union)"."""

REGION_NAMES: tuple[str, ...] = (
    "Nagorno-Karabakh",
    "Nagorno Karabakh",
    "Nagorny Karabakh",
    "Karabakh",
    "Mountainous Karabakh",
    "Artsakh",
    "Republic of Artsakh",
    "Artsakh Republic",
    "Nagorno-Karabakh Republic",
    "NKR",
    "NK",
    "Dağlıq Qarabağ",
    "Qarabağ",
    "Garabagh",
)
"""Names of Nagorno-Karabakh that a ``country`` cell may hold, matched in any case.

The international name as the 2020 statement writes it ("Nagorno Karabakh", "Nagorno-Karabakh")
and its Russian-derived form ("Nagorny Karabakh"); "Karabakh" and "Mountainous Karabakh" (the
English of the Russian, Armenian and Azerbaijani names); Armenian usage "Artsakh" and the names
of the self-declared entity ("Nagorno-Karabakh Republic", "NKR"; "Republic of Artsakh" and
"Artsakh Republic" since its 2017 constitution); the Azerbaijani "Dağlıq Qarabağ" (the name of
the former autonomous oblast, Dağlıq Qarabağ Muxtar Vilayəti) and "Qarabağ"/"Garabagh"; and "NK", the abbreviation of the seed
data, which is no ISO 3166-1 code. Each resolves in the gazetteer (``agreements/places.toml``:
the "Nagorno-Karabakh" and "Karabakh" places) to the Nagorno-Karabakh conflict zone, which
``tests/test_readers_headers.py`` checks.
"""

_BY_NAME = {name.casefold(): c.alpha2 for c in COUNTRIES for name in (*c.names, c.alpha2, c.alpha3)}
_BY_NUMERIC = {c.numeric: c.alpha2 for c in COUNTRIES}
_BY_GW = {c.gleditsch_ward: c.alpha2 for c in COUNTRIES}
_REGION = frozenset(name.casefold() for name in REGION_NAMES)


@frozen
class CountryReading:
    """What a row's country codes and name say, for the reader to put in the event."""

    code: str
    """The alpha-2 code of a known country; else a code or name as given; else ``""``."""
    region: str = ""
    """A name of Nagorno-Karabakh given as the country, as written: read as a place instead."""
    unknown: bool = False
    """A name the table does not know, given with no code: the reader warns of it."""


NOT_GIVEN = CountryReading("")


def read_country(
    name: str = "", numeric: str = "", alpha3: str = "", gleditsch_ward: str = ""
) -> CountryReading:
    """A dataset's country: a known code wins over a name; a name of the region is a place.

    A code written as an integral float (``652.0``) is that number, and ``NA`` no code
    (:func:`fields.integral`, :func:`fields.stated`).
    """
    numeric, gleditsch_ward = integral(stated(numeric.strip())), integral(stated(gleditsch_ward.strip()))
    found = (
        _BY_NUMERIC.get(numeric.strip().lstrip("0"))
        or _BY_NAME.get(alpha3.strip().casefold())
        or _BY_GW.get(gleditsch_ward.strip())
        or _BY_NAME.get(name.strip().casefold())
    )
    if found:
        return CountryReading(found)
    given = name.strip()
    if given.casefold() in _REGION:
        return CountryReading("", region=given)
    coded = bool(numeric.strip() or alpha3.strip() or gleditsch_ward.strip())
    return CountryReading(given, unknown=not coded) if given else NOT_GIVEN


def country_code(name: str = "", numeric: str = "", alpha3: str = "", gleditsch_ward: str = "") -> str:
    """Alpha-2 for a known country (a code wins over a name); else the name as given; else ``""``."""
    return read_country(name, numeric, alpha3, gleditsch_ward).code


def stated_country(text: str) -> CountryReading:
    """Our ``country`` column: an alpha-2 code (any case) or a name; a known name becomes its code.

    A name of Nagorno-Karabakh is read as a place first: "NK" is no ISO 3166-1 code."""
    value = text.strip()
    if value.casefold() in _REGION:
        return CountryReading("", region=value)
    if len(value) == 2 and value.isascii() and value.isalpha():
        return CountryReading(value.upper())
    return read_country(value)


def with_region(admin1: str, region: str) -> str:
    """``admin1`` with a region name given as the country after it (``Shusha, Artsakh``), once."""
    if not region or admin1.casefold() == region.casefold():
        return admin1
    return f"{admin1}, {region}" if admin1 else region


def unknown_country(origin: Origin, name: str) -> Problem:
    """The warning for a country name the table does not know, on a row that gives it.

    Every row giving the name gets it from the row's builder, whatever the builder has seen
    before (a builder's memos must not change what a row gives); :func:`told_once` then keeps
    the first per name in a file.
    """
    return Problem(
        origin.file,
        origin.line,
        "country",
        f"country {name[:80]!r} is not in the country table (docs/event-formats.md#country): "
        "this file's accounts giving it fall outside every agreement that names its countries; "
        "write an alpha-2 code or a name from the table (warned once per file)",
        Severity.WARNING,
    )


def told_once(problems: tuple[Problem, ...], told: set[str]) -> tuple[Problem, ...]:
    """``problems`` without the unknown-country warnings already in ``told`` (which it extends).

    A worldwide export names hundreds of thousands of rows in a few countries the table does not
    know: one warning per name and file says it, not one per row.
    """
    if not any(p.field == "country" and p.message.endswith(_ONCE) for p in problems):
        return problems
    kept: list[Problem] = []
    for problem in problems:
        if problem.field == "country" and problem.message.endswith(_ONCE):
            if problem.message in told:
                continue
            told.add(problem.message)
        kept.append(problem)
    return tuple(kept)


_ONCE = "(warned once per file)"
