"""A string where a list belongs is one problem with file, line and key, never its characters.

``kinds = "armed-clash"`` loaded silently as the kinds ``('a', 'r', 'm', …)`` (a rule matching
nothing) and ``actors = "bearer"`` gave one problem per letter. Every list-of-strings field of the
agreement format is tried, found from the attrs classes so that a new field is covered too.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

import attrs
import pytest

from compliance.core.model import Agreement
from compliance.load.agreement_files import PartiesFile, ReportersFile, load_agreement_text, parse_toml
from compliance.load.converter import converter
from compliance.load.places import PlacesFile
from tests.support import AGREEMENTS

DOC = (Path(__file__).parent.parent / "docs" / "agreement-format.md").read_text(encoding="utf-8")
EXAMPLE = re.search(r"```toml\n(.*?)```", DOC, re.S).group(1)  # type: ignore[union-attr]

# Where in the documented example a table of each class begins, and any keys it needs first.
TABLES = {
    "Agreement": ("", "$"),
    "Scope": ("[scope]", "$.scope"),
    "Obligation": ("[[obligations]]", "$.obligations[0]"),
    "LinkRule": ("[[obligations.rules]]", "$.obligations[0].rules[0]"),
    "Term": ("[[obligations]]", "$.obligations[0].term"),  # written inline, as the example does
    "Ending": ("[[endings]]", "$.endings[0]"),
}


def _string_lists(cls: type, seen: set[type]) -> list[tuple[str, str]]:
    """(class name, field) of every tuple-of-strings field reachable from ``cls``."""
    found: list[tuple[str, str]] = []
    seen.add(cls)
    for name, hint in get_type_hints(cls).items():
        inner = [a for a in get_args(hint) if a is not ...] or [hint]
        if get_origin(hint) is tuple and all(
            isinstance(a, type) and issubclass(a, str | Enum) for a in inner
        ):
            found.append((cls.__name__, name))
        for arg in inner:
            if isinstance(arg, type) and attrs.has(arg) and arg not in seen:
                found.extend(_string_lists(arg, seen))
    return found


FIELDS = _string_lists(Agreement, set())


def _with_string(owner: str, key: str) -> str:
    """The documented example with ``key = "x"`` in the first table of ``owner``, its list gone."""
    header, _ = TABLES[owner]
    lines = EXAMPLE.splitlines()
    setting = f'{key} = "armed-clash"'
    if owner == "Term":
        setting, key = f"term = {{ start = 2020-11-10, years = 1, {setting} }}", "term"
    if header == "[scope]" or not header:
        at = len(lines) if header else 0
    else:
        at = next(i for i, line in enumerate(lines) if line.startswith(header)) + 1
        header = ""
    end = next((i for i in range(at, len(lines)) if lines[i].startswith("[")), len(lines))
    lines = [line for i, line in enumerate(lines) if not (at <= i < end and line.startswith(f"{key} ="))]
    return "\n".join([*lines[:at], *filter(None, [header]), setting, *lines[at:]]) + "\n"


def test_fields__the_agreement_format_has_the_string_lists_it_documents() -> None:
    """The generated list is the real one: kinds, actors, targets, places, bearers, areas, countries."""
    names = {name for _, name in FIELDS}
    assert {"kinds", "actors", "targets", "places", "bearers", "areas", "countries", "notice_by"} <= names
    assert {owner for owner, _ in FIELDS} <= set(TABLES)


@pytest.mark.parametrize(("owner", "key"), FIELDS)
def test_agreement__a_string_for_a_list_is_one_problem_naming_key_and_line(owner: str, key: str) -> None:
    """Exactly one problem, at the key's line, saying what to write instead."""
    text = _with_string(owner, key)
    agreement, problems = load_agreement_text(text, "bad.toml")
    assert agreement is None
    line = next(i for i, line in enumerate(text.splitlines(), 1) if f'{key} = "armed-clash"' in line)
    path = f"{TABLES[owner][1]}.{key}"
    expected = f'expected a list of strings, e.g. {key} = ["armed-clash"], got the string "armed-clash"'
    assert [(p.file, p.line, p.field, p.message) for p in problems] == [("bad.toml", line, path, expected)]


def test_agreement__the_rest_of_the_file_is_still_checked() -> None:
    """A string for a list does not hide the file's other mistakes."""
    text = EXAMPLE.replace('kinds = ["armed-clash", "shelling"]', 'kinds = "shelling"').replace(
        'modality = "prohibition"', 'modality = "maybe"', 1
    )
    _, problems = load_agreement_text(text, "bad.toml")
    assert [p.field for p in problems] == ["$.obligations[0].modality", "$.obligations[0].rules[0].kinds"]


def test_agreement__any_other_value_for_a_list_is_one_problem_too() -> None:
    """A number or a table where a list belongs: one problem saying what it got."""
    for value, got in (("3", "an integer"), ("{ a = 1 }", "a table")):
        _, problems = load_agreement_text(
            EXAMPLE.replace('bearers = ["ARM"]', f"bearers = {value}", 1), "bad.toml"
        )
        assert [(p.field, p.message) for p in problems] == [
            ("$.obligations[0].bearers", f"expected a list of strings, got {got}")
        ]


REGISTRIES = [
    ('[[parties]]\nid = "ARM"\nname = "Armenia"\naliases = "AM"\n', "$.parties[0].aliases"),
    ('[[parties]]\nid = "ARM"\nname = "A"\n[[conflicts]]\nid = "c"\nsides = "AB"\n', "$.conflicts[0].sides"),
    ('[[reporters]]\nname = "x"\nparty = "none"\naliases = "y"\n', "$.reporters[0].aliases"),
]


@pytest.mark.parametrize(("text", "path"), REGISTRIES)
def test_registries__a_string_for_a_list_is_one_problem(text: str, path: str) -> None:
    """The party and reporter registries go through the same converter."""
    cls: Any = PartiesFile if "parties" in text else ReportersFile
    parsed, problems = parse_toml(text, "r.toml", cls)
    assert parsed is None
    assert [(p.line, p.field) for p in problems] == [(text.count("\n"), path)]
    assert problems[0].message.startswith("expected a list of ")


def test_places__a_string_for_names_is_one_problem() -> None:
    """The gazetteer too: ``names = "Goris"`` is not the names G, o, r, i, s."""
    text = '[[areas]]\nid = "a"\nname = "A"\n[[places]]\nnames = "Goris"\ncountry = "AM"\nkind = "town"\n'
    parsed, problems = parse_toml(text, "places.toml", PlacesFile)
    assert parsed is None
    assert [(p.line, p.field, p.message) for p in problems] == [
        (5, "$.places[0].names", 'expected a list of strings, e.g. names = ["Goris"], got the string "Goris"')
    ]


def test_round_trip__writing_is_unchanged_and_reads_back() -> None:
    """Lists are still written as lists, and a written agreement (tuples or lists) reads back."""
    for agreement in AGREEMENTS:
        data = converter.unstructure(agreement)
        assert converter.structure(data, Agreement) == agreement
