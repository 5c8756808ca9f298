"""The gazetteer file (``agreements/places.toml``) into a :class:`Gazetteer`, strictly.

Like the other files it goes through the one converter (unknown keys are problems) and every
mistake is reported at once with file, line and key path. Cross-record checks a converter
cannot make: an area id used but never defined, a name given to two places (resolution would
depend on file order), half a coordinate pair, a country that is not an ISO alpha-2 code.
Agreement scopes are checked against the same file: an unknown area id in a ``[scope]`` would
silently make an obligation apply nowhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from attrs import frozen

import agreements as bundled
from compliance.core.model import Agreement, Scope
from compliance.core.places import Area, Gazetteer, Place
from compliance.core.problems import InputError, Problem
from compliance.load.agreement_files import locate, parse_toml, read_text

ISO_ALPHA_2 = re.compile(r"^[A-Z]{2}$")


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
    return Gazetteer.of(parsed.areas, parsed.places), []


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
        if (place.latitude is None) != (place.longitude is None):
            yield f"{path}.latitude", "give both latitude and longitude, or neither"
        elif place.latitude is not None and place.longitude is not None:
            if not -90 <= place.latitude <= 90 or not -180 <= place.longitude <= 180:
                yield f"{path}.latitude", "coordinates out of range"
            if not place.source:
                yield f"{path}.source", "coordinates need the address of the page that gives them"


def _countries(path: str, codes: Iterable[str]) -> Iterator[tuple[str, str]]:
    for j, code in enumerate(codes):
        if not ISO_ALPHA_2.match(code):
            yield (
                (f"{path}[{j}]" if not path.endswith("country") else path),
                (f"{code!r} is not an ISO 3166-1 alpha-2 code (two capital letters)"),
            )


def check_scopes(loaded: Iterable[tuple[Agreement, str, str]], gazetteer: Gazetteer) -> list[Problem]:
    """Every area id an agreement or obligation scope names must be in the gazetteer."""
    known = gazetteer.area_ids
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
                        problems.append(Problem(label, locate(text, at), at, f"unknown area {area_id!r}"))
            for j, code in enumerate(scope.countries):
                if not ISO_ALPHA_2.match(code):
                    at = f"{path}.countries[{j}]"
                    problems.append(
                        Problem(label, locate(text, at), at, f"{code!r} is not an ISO 3166-1 alpha-2 code")
                    )
    return sorted(problems)
