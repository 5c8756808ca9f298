"""A gazetteer file (the bundled ``agreements/places.toml``, or a user's) into a :class:`Gazetteer`, strictly.

Like the other files it goes through the one converter (unknown keys are problems) and every
mistake is reported at once with file, line and key path. Cross-record checks a converter
cannot make: an area id used but never defined, a name given to two places (resolution would
depend on file order), half a coordinate pair, a country that is not an ISO alpha-2 code.
Agreement scopes are checked against the same file: an unknown area id in a ``[scope]`` would
silently make an obligation apply nowhere.

A run reads one gazetteer (:func:`load_gazetteer`): the bundled one defines only the bundled
conflict's areas and places, so an encoding of another conflict gives its own in its place, and
both the scope checks and linking read that one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from attrs import frozen

import agreements as bundled
from compliance.core.country_table import ISO_ALPHA_2, is_country_code
from compliance.core.model import Agreement, Scope
from compliance.core.places import Area, Gazetteer, Place
from compliance.core.problems import InputError, Problem
from compliance.load.agreement_files import locate, parse_toml, read_text


def _not_a_country(code: str) -> str | None:
    """Why ``code`` is not a country code of the table, or ``None`` when it is one."""
    if not ISO_ALPHA_2.match(code):
        return f"{code!r} is not an ISO 3166-1 alpha-2 code (two capital letters)"
    if not is_country_code(code):
        return (
            f"{code!r} is not an ISO 3166-1 alpha-2 code: no country has it (agreements/countries.csv), "
            "and it is not one left to users (AA, QM-QZ, XA-XZ, ZZ)"
        )
    return None


GIVE_YOUR_AREAS = "give a gazetteer file that defines your areas"
"""The end of the problem for a scope area the bundled gazetteer lacks; the command line names
its flag in its place (``cli.output.with_gazetteer_hint``), the report keeps these words."""


@frozen
class PlacesFile:
    areas: tuple[Area, ...]
    places: tuple[Place, ...]


def load_places_text(text: str, label: str) -> tuple[Gazetteer | None, list[Problem]]:
    """Structure and check a gazetteer; ``None`` when it has any problem (nothing half-loaded)."""
    parsed, problems = parse_toml(text, label, PlacesFile)
    if parsed is None:
        return None, problems
    problems = sorted(Problem(label, locate(text, path), path, message) for path, message in _check(parsed))
    if problems:
        return None, problems
    return Gazetteer.of(parsed.areas, parsed.places, label), []


def load_places_file(path: Path, label: str | None = None) -> tuple[Gazetteer | None, list[Problem]]:
    label = label or str(path)
    text, problems = read_text(path, label)
    if text is None:
        return None, problems
    return load_places_text(text, label)


@functools.lru_cache(maxsize=1)
def bundled_gazetteer() -> Gazetteer:
    """The bundled gazetteer, read once per process (a module-level cache, not a frozen value's)."""
    gazetteer, problems = load_places_file(bundled.PLACES_FILE, "<bundled>/places.toml")
    if gazetteer is None:
        raise InputError("; ".join(str(p) for p in problems))
    return gazetteer


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer a run reads: the file at ``path`` instead of the bundled one (``None``).

    A file with any problem raises :class:`InputError` listing them, each naming the file, as a
    broken party registry does (``linking.loading.load_registries``): with no gazetteer, or half
    of one, every scope with an area would be an error and every account placed by name would
    be read as placed nowhere, and falling back to the bundled one would place a new conflict's
    accounts by another conflict's names.
    """
    if path is None:
        return bundled_gazetteer()
    gazetteer, problems = load_places_file(path)
    if gazetteer is None:
        raise InputError("; ".join(str(p) for p in problems))
    return gazetteer


def _check(parsed: PlacesFile) -> Iterator[tuple[str, str]]:
    ids: set[str] = set()
    for i, area in enumerate(parsed.areas):
        if area.id in ids:
            yield f"$.areas[{i}].id", f"duplicate area id {area.id!r}"
        ids.add(area.id)
    for i, area in enumerate(parsed.areas):
        yield from _countries(f"$.areas[{i}].countries", area.countries)
        for j, other in enumerate(area.within):
            if other not in ids:
                yield f"$.areas[{i}].within[{j}]", f"unknown area {other!r}"
    above = _above(parsed.areas)
    for i, area in enumerate(parsed.areas):
        if area.id in above[area.id]:
            yield f"$.areas[{i}].within", f"area {area.id!r} lies within itself (a cycle of within)"
    owner: dict[str, int] = {}
    for i, place in enumerate(parsed.places):
        path = f"$.places[{i}]"
        if not place.names:
            yield f"{path}.names", "a place needs at least one name"
        for j, name in enumerate(place.names):
            key = name.strip().casefold()
            if not key:
                yield f"{path}.names[{j}]", "empty name"
            elif key in owner and owner[key] != i:
                yield f"{path}.names[{j}]", f"name {name!r} is also a name of places[{owner[key]}]"
            owner.setdefault(key, i)
        yield from _countries(f"{path}.country", (place.country,))
        for j, area_id in enumerate(place.areas):
            if area_id not in ids:
                yield f"{path}.areas[{j}]", f"unknown area {area_id!r}"
        # A place's areas are closed upwards: a place of a district lies in the province the
        # district lies within, and a scope naming the province must find it.
        missing = sorted({a for own in place.areas for a in above.get(own, ())} - set(place.areas))
        if missing:
            yield (
                f"{path}.areas",
                (
                    f"the areas it lies in lie within {', '.join(map(repr, missing))}: list those too "
                    "(a place's areas include every area they lie within)"
                ),
            )
        if (place.latitude is None) != (place.longitude is None):
            yield f"{path}.latitude", "give both latitude and longitude, or neither"
        elif place.latitude is not None and place.longitude is not None:
            if not -90 <= place.latitude <= 90 or not -180 <= place.longitude <= 180:
                yield f"{path}.latitude", "coordinates out of range"
            if not place.source:
                yield f"{path}.source", "coordinates need the address of the page that gives them"


def _above(areas: Iterable[Area]) -> dict[str, frozenset[str]]:
    """Every area each area lies within, directly or through others (unknown ids are left out)."""
    within = {area.id: set(area.within) for area in areas}
    above: dict[str, frozenset[str]] = {}
    for area_id in within:
        seen: set[str] = set()
        todo = list(within[area_id])
        while todo:
            other = todo.pop()
            if other not in seen and other in within:
                seen.add(other)
                todo += within[other]
        above[area_id] = frozenset(seen)
    return above


def _countries(path: str, codes: Iterable[str]) -> Iterator[tuple[str, str]]:
    for j, code in enumerate(codes):
        why = _not_a_country(code)
        if why is not None:
            yield (f"{path}[{j}]" if not path.endswith("country") else path), why


def check_scopes(loaded: Iterable[tuple[Agreement, str, str]], gazetteer: Gazetteer) -> list[Problem]:
    """Every area id an agreement or obligation scope names must be in the gazetteer.

    The message names the gazetteer in use (:attr:`Gazetteer.source`): an encoding of another
    conflict read with the bundled one otherwise got only "unknown area", with nothing to say
    that areas come from a gazetteer file, nor that it can be replaced.
    """
    known = gazetteer.area_ids
    unknown = _unknown_area(gazetteer.source)
    problems: list[Problem] = []
    for agreement, label, text in loaded:
        scopes: list[tuple[str, Scope | None]] = [("$.scope", agreement.scope)]
        scopes += [(f"$.obligations[{i}].scope", ob.scope) for i, ob in enumerate(agreement.obligations)]
        for path, scope in scopes:
            if scope is None:
                continue
            for name, values in (("areas", scope.areas), ("disputed_areas", scope.disputed_areas)):
                for j, area_id in enumerate(values):
                    if area_id not in known:
                        at = f"{path}.{name}[{j}]"
                        problems.append(Problem(label, locate(text, at), at, unknown(area_id)))
            for j, code in enumerate(scope.countries):
                why = _not_a_country(code)
                if why is not None:
                    at = f"{path}.countries[{j}]"
                    problems.append(Problem(label, locate(text, at), at, why))
    return sorted(problems)


def _unknown_area(source: str) -> Callable[[str], str]:
    """The message for an area id a scope names and the gazetteer ``source`` does not define.

    With the bundled gazetteer, the likely cause is an encoding of another conflict whose areas
    are in no file the run was given, so it says to give them (:data:`GIVE_YOUR_AREAS`, which
    the command line words as its flag); with a gazetteer of one's own, a misspelt id or a
    missing ``[[areas]]`` entry.
    """
    if source.startswith("<bundled>"):
        hint = f"the bundled gazetteer {source}, which holds the bundled conflict's areas only; {GIVE_YOUR_AREAS}"
    elif source:
        hint = f"the gazetteer {source}; define it there under [[areas]], or correct the id"
    else:  # a gazetteer built in code, read from no file
        hint = "the gazetteer in use"
    return lambda area_id: f"unknown area {area_id!r}: not in {hint}"
