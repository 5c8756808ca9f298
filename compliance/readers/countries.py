"""The country of an account as an ISO 3166-1 alpha-2 code, from whatever code or name a dataset gives.

An agreement's scope names its countries by alpha-2 code (``AM``, ``AZ``; ``SD`` for an agreement
on Sudan). Datasets name countries their own way: ACLED by name and ISO 3166 numeric code (``iso``
51), older ACLED files by Gleditsch–Ward number (``gwno`` 371) or alpha-3 (``iso3`` ARM), UCDP GED
by name and Gleditsch–Ward number (``country_id``). So the readers need every country's codes and
names, not only those of the bundled conflict: with a table of four countries, every ACLED or UCDP
row of any other conflict kept its dataset's name ("Sudan"), which never equals a scope's code, and
fell outside the agreement's area with no warning.

The table is ISO 3166-1 as the iso-codes project publishes it (``agreements/countries.csv``,
written by ``agreements/iso_countries.py`` from Debian's iso-codes 4.15.0; licence LGPL-2.1-or-later):
alpha-2, alpha-3, numeric, and the name, official name and common name of each of its 249
countries, with each name also without its accents ("Cote d'Ivoire"). Added by hand here, because
the datasets write them and ISO does not (:data:`ADDED_NAMES`): ACLED's and UCDP's names of some
countries ("Russia", "Ivory Coast", UCDP's "DR Congo (Zaire)"), and names ISO used before a
renaming ("Turkey", "Swaziland"). Gleditsch–Ward numbers are known only for the gazetteer's four
countries (:data:`GLEDITSCH_WARD`): no sourced table of the others was at hand, and a number
written from memory could file a row under the wrong state. A UCDP row of another country is
read by its name, which is why UCDP's names are among those added.

The table is read when a reader first needs a country, not when the package is imported, and
each reader looks each distinct value up once. A name that neither a code nor the table resolves
is kept as given, which can never equal an alpha-2 code in a scope, so such an account falls
outside every scope that names its countries: the readers warn of it, once per name and file.

Nagorno-Karabakh given as the country (:data:`REGION_NAMES`) is read as neither state: whose
territory it is, is what the parties dispute. Such a row gets no country code; the name is read
as a place, added to ``admin1``, where the gazetteer resolves it to the conflict zone as it does
the same name in ``location``. The account is then placed as any account that gives no country
is (by its place): neither kept out as from a foreign country, nor filed by the reader under
one of the two states.
"""

from __future__ import annotations

import functools

from attrs import frozen

from compliance.core.country_table import country_rows, is_country_code
from compliance.core.events import Origin
from compliance.core.frozendict import FrozenDict
from compliance.core.problems import Problem, Severity
from compliance.readers.base import ONCE as _ONCE
from compliance.readers.fields import integral, stated


@frozen
class Country:
    """One country and the codes datasets use for it."""

    alpha2: str
    names: tuple[str, ...]
    """ISO's name, official name and common name, then the names added by hand."""
    numeric: str
    """ISO 3166-1 numeric, as ACLED's ``iso`` writes it (no leading zeros)."""
    alpha3: str
    gleditsch_ward: str = ""
    """Gleditsch–Ward state number (UCDP ``country_id``, old ACLED ``gwno``), where known."""


GLEDITSCH_WARD: dict[str, str] = {"AM": "371", "AZ": "373", "GE": "372", "RU": "365"}
"""Gleditsch–Ward numbers of the gazetteer's countries, the only ones the library knows (above)."""

ADDED_NAMES: dict[str, tuple[str, ...]] = {
    "RU": ("Russia", "Russia (Soviet Union)"),
    "CD": ("Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo (Zaire)"),
    "CG": ("Republic of Congo",),
    "CI": ("Ivory Coast",),
    "PS": ("Palestine",),
    "TR": ("Turkey",),
    "SZ": ("Swaziland", "Kingdom of eSwatini (Swaziland)"),
    "MK": ("Macedonia, the former Yugoslav Republic of", "Macedonia, FYR"),
    "BA": ("Bosnia-Herzegovina",),
    "YE": ("Yemen (North Yemen)",),
    "RS": ("Serbia (Yugoslavia)",),
    "KH": ("Cambodia (Kampuchea)",),
    "MM": ("Myanmar (Burma)",),
    "ZW": ("Zimbabwe (Rhodesia)",),
    "MG": ("Madagascar (Malagasy)",),
    "VN": ("Vietnam (North Vietnam)",),
}
"""Names datasets write that ISO 3166-1 (iso-codes 4.15.0) does not give, added by hand.

"Russia": ACLED's name and the usual English one (ISO: "Russian Federation"). ACLED's names of
the two Congos, of Côte d'Ivoire and of Palestine, as the real excerpts in ``tests/data/real/``
write them (with ``gwno`` 490, 484, 437 and ``iso`` 275), and the UN's "Democratic Republic of the
Congo" (ISO's official name of CD is empty). "Turkey", "Swaziland" and "Macedonia, the former
Yugoslav Republic of": ISO's own names of TR, SZ and MK before the renamings of 2022, 2018 and
2019, which datasets of those years write. UCDP names a state that changed its name or borders by
its name now with the earlier one in brackets ("Russia (Soviet Union)", "Serbia (Yugoslavia)",
"Yemen (North Yemen)"), and writes "Bosnia-Herzegovina" and "Macedonia, FYR": each is read as the
ISO country of today that continues the state. So an event UCDP files under "Serbia
(Yugoslavia)" is read as RS, wherever in the former Yugoslavia it took place: UCDP has said only
which state, and the place names and coordinates say where.
"""

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

_REGION = frozenset(name.casefold() for name in REGION_NAMES)


@functools.cache
def countries() -> tuple[Country, ...]:
    """Every country of ISO 3166-1, in alpha-2 order, with the names and numbers added by hand.

    Read from ``agreements/countries.csv`` on the first call: the table is not needed by a
    command that reads no dataset, so ``import compliance`` does not read it.
    """
    return tuple(_country(row) for row in country_rows())


def _country(row: dict[str, str]) -> Country:
    """One row of ``agreements/countries.csv`` with what is added to it by hand."""
    code = row["alpha_2"]
    names = (row["name"], row["official_name"], row["common_name"], *ADDED_NAMES.get(code, ()))
    return Country(
        code,
        tuple(dict.fromkeys(n for n in names if n)),
        row["numeric"].lstrip("0"),
        row["alpha_3"],
        GLEDITSCH_WARD.get(code, ""),
    )


@frozen
class _Lookups:
    """Read-only: one value shared by every reader of the process (``functools.cache``)."""

    by_name: FrozenDict[str, str]
    """Casefolded name, name without accents, alpha-2 or alpha-3 → alpha-2."""
    by_numeric: FrozenDict[str, str]
    by_gleditsch_ward: FrozenDict[str, str]


@functools.cache
def _lookups() -> _Lookups:
    """The table as dictionaries, built once: a full ACLED export is 1–3 million rows."""
    import unicodedata  # here: only the first look-up needs it

    def unaccented(name: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))

    by_name: dict[str, str] = {}
    for c in countries():
        for name in (*c.names, c.alpha2, c.alpha3):
            by_name.setdefault(name.casefold(), c.alpha2)
            by_name.setdefault(unaccented(name).casefold(), c.alpha2)
    return _Lookups(
        FrozenDict(by_name),
        FrozenDict({c.numeric: c.alpha2 for c in countries()}),
        FrozenDict({c.gleditsch_ward: c.alpha2 for c in countries() if c.gleditsch_ward}),
    )


@frozen
class CountryReading:
    """What a row's country codes and name say, for the reader to put in the event."""

    code: str
    """The alpha-2 code of a known country; else a code or name as given; else ``""``."""
    region: str = ""
    """A name of Nagorno-Karabakh given as the country, as written: read as a place instead."""
    unknown: bool = False
    """A name that neither the table nor a code resolves, or a ``marker``: the reader warns of it."""
    named: str = ""
    """The row's country name, when it names another country than the row's code does (the code
    is used, and the reader warns of it); else ``""``."""
    marker: str = ""
    """``NA`` (in any case) given in our ``country`` column, as written: R's missing value, read
    as no country, though it is Namibia's code (:func:`stated_country`); else ``""``."""


NOT_GIVEN = CountryReading("")


def read_country(
    name: str = "", numeric: str = "", alpha3: str = "", gleditsch_ward: str = ""
) -> CountryReading:
    """A dataset's country: a known code wins over a name; a name of the region is a place.

    A code written as an integral float (``652.0``) is that number, and ``NA`` (``NaN``, ``N/A``)
    neither a code nor a name (:func:`fields.integral`, :func:`fields.stated`): NA is Namibia's
    alpha-2 code, but datasets name it "Namibia", and R writes a missing cell NA. A name the table does not know is warned
    of even when the row gives a code too: the table holds every ISO 3166-1 country, so the code
    is one it cannot read either (a Gleditsch–Ward number of another state, a territory with no
    ISO code), and the account falls outside every scope that names its countries.
    """
    numeric, gleditsch_ward = integral(stated(numeric.strip())), integral(stated(gleditsch_ward.strip()))
    alpha3, given = stated(alpha3.strip()), stated(name.strip())
    table = _lookups()
    by_code = (
        table.by_numeric.get(numeric.lstrip("0"))
        or table.by_name.get(alpha3.casefold())
        or table.by_gleditsch_ward.get(gleditsch_ward)
    )
    by_name = table.by_name.get(given.casefold())
    if by_code and by_name and by_code != by_name:
        return CountryReading(by_code, named=given)
    found = by_code or by_name
    if found:
        return CountryReading(found)
    if given.casefold() in _REGION:
        return CountryReading("", region=given)
    return CountryReading(given, unknown=True) if given else NOT_GIVEN


def country_code(name: str = "", numeric: str = "", alpha3: str = "", gleditsch_ward: str = "") -> str:
    """Alpha-2 for a known country (a code wins over a name); else the name as given; else ``""``."""
    return read_country(name, numeric, alpha3, gleditsch_ward).code


def stated_country(text: str) -> CountryReading:
    """Our ``country`` column: an alpha-2 code (any case) or a name; a known name becomes its code.

    A two-letter code that is no ISO 3166-1 country is kept as given and warned of: "UK" for the
    United Kingdom (GB) would otherwise fall outside every scope that names GB, without a word.
    The codes ISO leaves to users (XK for Kosovo, a fictional country's XN) are codes, not mistakes.

    A name of Nagorno-Karabakh is read as a place first: "NK" is no ISO 3166-1 code.

    ``NA`` is Namibia's code, and how R and pandas write a missing cell: a file they wrote holds
    it in every row that gives no country, and each such account fell outside the agreement's
    area, placed in Namibia without a word. It is read as no country, with a warning saying how
    to name Namibia (``NAM``, ``Namibia``); a file about Namibia is told at once and can say so,
    where an R file read as Namibia could not be told apart from one. ``NaN`` and ``N/A`` are
    no country's code, and read as nothing, as ever (:func:`fields.stated`)."""
    value = text.strip()
    if value.casefold() == "na":
        return CountryReading("", unknown=True, marker=value)
    if value.casefold() in _REGION:
        return CountryReading("", region=value)
    if len(value) == 2 and value.isascii() and value.isalpha():
        code = value.upper()  # a code no ISO country has ("UK" for GB) is kept, and warned of
        known = is_country_code(code)
        return CountryReading(code, unknown=not known)
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
        f"country {name[:80]!r} is not in the ISO 3166-1 country table (docs/event-formats.md#country): "
        "this file's accounts giving it fall outside every agreement that names its countries; "
        "write an alpha-2 code or a name from the table (warned once per file)",
        Severity.WARNING,
    )


def missing_country(origin: Origin, marker: str) -> Problem:
    """The warning for ``NA`` in our ``country`` column: read as a missing value, not Namibia."""
    return Problem(
        origin.file,
        origin.line,
        "country",
        f"country {marker!r} is read as a missing value, as R and pandas write one, not as Namibia: "
        f"write 'NAM' or 'Namibia' for Namibia {_ONCE}",
        Severity.WARNING,
    )


def country_problems(origin: Origin, country: CountryReading) -> tuple[Problem, ...]:
    """The warnings a row's country draws: a name the table does not know, a name of another
    country than the row's code gives (:func:`read_country`), or ``NA`` in our ``country`` column.

    Such a row was placed in the code's country without a word: an ACLED row with ``iso`` 51 and
    ``country`` Azerbaijan (a file edited by hand, or two exports merged) was shown in Armenia,
    and whether it is in an agreement's area can turn on it. Warned once per file and pair.
    """
    if country.marker:
        return (missing_country(origin, country.marker),)
    if country.unknown:
        return (unknown_country(origin, country.code),)
    if country.named:
        return (
            Problem(
                origin.file,
                origin.line,
                "country",
                f"country {country.named[:80]!r} is not the country of the row's country code, "
                f"{country.code}: the code is used, so the account is placed in {country.code}; "
                "correct the one that is wrong (warned once per file)",
                Severity.WARNING,
            ),
        )
    return ()


def told_once(problems: tuple[Problem, ...], told: set[str]) -> tuple[Problem, ...]:
    """``problems`` without the warnings given once per file (an unknown country, a state's name
    that is no party's: ``base.unread_state``) already in ``told`` (which it extends).

    A worldwide export may name thousands of rows in a territory the table does not know (one
    with no ISO code): one warning per name and file says it, not one per row.
    """
    if not any(p.message.endswith(_ONCE) for p in problems):
        return problems
    kept: list[Problem] = []
    for problem in problems:
        if problem.message.endswith(_ONCE):
            if problem.message in told:
                continue
            told.add(problem.message)
        kept.append(problem)
    return tuple(kept)
