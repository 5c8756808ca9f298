"""Write the files of SYNTHETIC conflicts for tests: party and reporter registries, gazetteers, agreements.

Every conflict built here is made up for tests. Its parties, places, agreements and sources are
fictional or invented for the occasion: none encodes a real agreement or a real event. The test
that calls these functions names every party, place, date and rule, so it still shows what it
sets up; this module only spells the TOML the same way each time.

Each function returns text (one entry, or one whole file) that a test writes into ``tmp_path``
with :func:`write_files`. An entry ends with a newline; a file is a comment line followed by its
entries, each separated from the next by a blank line, so its line numbers are easy to count in
an assertion.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TypeAlias

Value: TypeAlias = str | date | Sequence["Value"]


# --------------------------------------------------------------------------- TOML


def fields(**values: Value | None) -> str:
    """``key = value`` lines in the order given; a value given as ``None`` is left out.

    Strings are written as JSON writes them (a TOML basic string for the plain text of these
    fixtures), dates bare, lists inline.
    """
    return "".join(f"{key} = {_value(value)}\n" for key, value in values.items() if value is not None)


def entry(table: str, **values: Value | None) -> str:
    """One ``[[table]]`` entry of an array of tables."""
    return f"[[{table}]]\n" + fields(**values)


def section(table: str, **values: Value | None) -> str:
    """One ``[table]`` table."""
    return f"[{table}]\n" + fields(**values)


def toml_file(comment: str, *parts: str) -> str:
    """A whole file: ``# comment`` on its first line, then the parts separated by blank lines."""
    return f"# {comment}\n" + "\n".join(parts)


def _value(value: Value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    return "[" + ", ".join(_value(item) for item in value) + "]"


# --------------------------------------------------------------------------- registries and gazetteer


def party(id: str, name: str, *, aliases: Sequence[str] | None = None, kind: str | None = None) -> str:
    """One ``[[parties]]`` entry of a party registry: its lines are the header, ``id``, ``name``, then
    ``aliases`` and ``kind`` when given (as every entry here writes its keys in the order of the arguments)."""
    return entry("parties", id=id, name=name, aliases=aliases, kind=kind)


def conflict(id: str, *, sides: Sequence[Sequence[str]], note: str | None = None) -> str:
    """One ``[[conflicts]]`` entry: the parties on each side, by id."""
    return entry("conflicts", id=id, sides=sides, note=note)


def reporter(
    name: str, *, party: str, aliases: Sequence[str] | None = None, based_in: str | None = None
) -> str:
    """One ``[[reporters]]`` entry of a reporter registry: a reporter and the party it speaks for,
    and the country it is based in when given."""
    return entry("reporters", name=name, party=party, aliases=aliases, based_in=based_in)


def area(id: str, name: str, *, countries: Sequence[str]) -> str:
    """One ``[[areas]]`` entry of a gazetteer."""
    return entry("areas", id=id, name=name, countries=countries)


def place(names: Sequence[str], *, country: str, kind: str, areas: Sequence[str]) -> str:
    """One ``[[places]]`` entry of a gazetteer."""
    return entry("places", names=names, country=country, kind=kind, areas=areas)


# --------------------------------------------------------------------------- a one-article ceasefire


def ceasefire(
    comment: str,
    *,
    id: str,
    title: str,
    short_title: str,
    signed: date,
    signatories: Sequence[str],
    source: str,
    text: str,
    obligations: Sequence[str],
    nature: str = "treaty",
    mediators: Sequence[str] | None = None,
    utc_offset: str = "+00:00",
    zone_name: str | None = None,
    scope: str | None = None,
) -> str:
    """An agreement file with one article, 1 "Ceasefire" with the given text, and its obligations.

    ``source`` is the agreement's only source and the article's; ``scope`` (a :func:`section`)
    is left out when not given. The lines, for a test that names one: 1 the comment, 2 ``id``,
    3 ``title``, 4 ``short_title``, 5 ``date``, 6 ``nature``, 7 ``signatories``, then
    ``mediators``, ``utc_offset``, ``zone_name`` (each when given) and ``sources``.
    """
    header = fields(
        id=id,
        title=title,
        short_title=short_title,
        date=signed,
        nature=nature,
        signatories=signatories,
        mediators=mediators,
        utc_offset=utc_offset,
        zone_name=zone_name,
        sources=[source],
    )
    article = entry("articles", number="1", title="Ceasefire", text=text, source=source)
    return toml_file(comment, header, *([scope] if scope else []), article, *obligations)


def ceasefire_obligation(
    id: str,
    *,
    summary: str,
    bearers: Sequence[str],
    in_force: date,
    rules: Sequence[str],
    beneficiaries: Sequence[str] | None = None,
) -> str:
    """An obligation of article 1 that the bearers keep from ``in_force`` on (a prohibition
    maintained), followed by the rules that link accounts to it."""
    duty = entry(
        "obligations",
        id=id,
        article="1",
        summary=summary,
        bearers=bearers,
        beneficiaries=beneficiaries,
        modality="prohibition",
        kind="maintenance",
        in_force=in_force,
    )
    return "\n".join([duty, *rules])


def breached_by(name: str, *, kinds: Sequence[str], actors: Sequence[str]) -> str:
    """An ``[[obligations.rules]]`` entry: an account of these kinds by these actors breaches the obligation."""
    return entry("obligations.rules", name=name, kinds=kinds, actors=actors, effect="breaches")


# --------------------------------------------------------------------------- files


def write_files(folder: Path, **texts: str) -> dict[str, Path]:
    """Write each text into ``folder`` as ``NAME.toml`` (``events`` as ``events.csv``); their paths by name."""
    paths = {}
    for name, text in texts.items():
        paths[name] = folder / f"{name}.{'csv' if name == 'events' else 'toml'}"
        paths[name].write_text(text, encoding="utf-8")
    return paths
