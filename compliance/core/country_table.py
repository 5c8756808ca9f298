"""The ISO 3166-1 country table (``agreements/countries.csv``), read once, and what a code is.

One reader of the table and one rule for "is a country code" serve the agreement and gazetteer
checks (``load.places``) and the event readers (``readers.countries``), which stand on one floor
and so share it from below. Read or decided in two places, a change to the file's layout or to
the rule would make a scope and an account disagree on whether ``UK`` is a country.
"""

from __future__ import annotations

import csv
import functools
import re

import agreements as bundled

ISO_ALPHA_2 = re.compile(r"^[A-Z]{2}$")


@functools.cache
def country_rows() -> tuple[dict[str, str], ...]:
    """Every row of the table (``alpha_2``, ``alpha_3``, ``numeric``, ``name`` …), in alpha-2
    order; read on the first call, so that ``import compliance`` does not read it."""
    with bundled.COUNTRIES_FILE.open(encoding="utf-8", newline="") as file:
        return tuple(csv.DictReader(line for line in file if not line.startswith("#")))


@functools.cache
def _alpha_2() -> frozenset[str]:
    return frozenset(row["alpha_2"] for row in country_rows())


def is_country_code(code: str) -> bool:
    """Whether ``code`` is a country's alpha-2 code, or one ISO leaves to users (``XK``).

    Two capital letters are not enough: ``"UK"`` (the United Kingdom is ``GB``) in a scope would
    match no account's country, and the obligation would apply nowhere without a word.
    """
    return bool(ISO_ALPHA_2.match(code)) and (code in _alpha_2() or user_assigned(code))


@functools.cache
def _names() -> dict[str, str]:
    return {row["alpha_2"]: row["name"] for row in country_rows()}


def country_name(code: str) -> str:
    """The short name ISO gives a country (``AZ`` → Azerbaijan), for a reader; the code itself
    for one ISO leaves to users (``XK``), which the table does not name."""
    return _names().get(code, code)


def alpha_2_of(alpha_3: str) -> str | None:
    """The alpha-2 code of a country's alpha-3 code (``AZE`` → ``AZ``), or ``None``: a hint for a
    file that gives the other form."""
    return next((row["alpha_2"] for row in country_rows() if row["alpha_3"] == alpha_3), None)


def user_assigned(code: str) -> bool:
    """Whether ``code`` (two capital letters) is one ISO 3166-1 leaves to its users: AA, QM–QZ,
    XA–XZ and ZZ. Datasets give Kosovo as XK, and a fictional conflict of an exercise needs codes
    no real country has: they are codes, not mistakes, though no country of the table has them.
    """
    return code in ("AA", "ZZ") or code[:1] == "X" or (code[:1] == "Q" and "M" <= code[1:2] <= "Z")


__all__ = ["ISO_ALPHA_2", "alpha_2_of", "country_name", "country_rows", "is_country_code", "user_assigned"]
