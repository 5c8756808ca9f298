"""The country of an account as an ISO 3166-1 alpha-2 code, from whatever code or name a dataset gives.

An agreement's scope names its countries by alpha-2 code (``AM``, ``AZ``). Datasets name countries
their own way: ACLED by name and ISO 3166 numeric code (``iso`` 51), older ACLED files by
Gleditsch–Ward number (``gwno`` 371) or alpha-3 (``iso3`` ARM), UCDP GED by name and Gleditsch–Ward
number (``country_id``). The table below covers the countries the gazetteer
(``agreements/places.toml``) knows as countries; any other country keeps the dataset's own name,
which can never equal an alpha-2 code in a scope, so such an account falls outside every scope.
"""

from __future__ import annotations

from attrs import frozen


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

_BY_NAME = {name.casefold(): c.alpha2 for c in COUNTRIES for name in (*c.names, c.alpha2, c.alpha3)}
_BY_NUMERIC = {c.numeric: c.alpha2 for c in COUNTRIES}
_BY_GW = {c.gleditsch_ward: c.alpha2 for c in COUNTRIES}


def country_code(name: str = "", numeric: str = "", alpha3: str = "", gleditsch_ward: str = "") -> str:
    """Alpha-2 for a known country (a code wins over a name); else the name as given; else ``""``."""
    found = (
        _BY_NUMERIC.get(numeric.strip().lstrip("0"))
        or _BY_NAME.get(alpha3.strip().casefold())
        or _BY_GW.get(gleditsch_ward.strip())
        or _BY_NAME.get(name.strip().casefold())
    )
    return found or name.strip()


def stated_country(text: str) -> str:
    """Our ``country`` column: an alpha-2 code (any case) or a name; a known name becomes its code."""
    value = text.strip()
    if len(value) == 2 and value.isascii() and value.isalpha():
        return value.upper()
    return country_code(value)
