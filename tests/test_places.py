"""The gazetteer: its strict loader, resolution of place names to areas, and coverage of the bundled data."""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import pytest

import agreements as bundled
from compliance.core.model import Scope
from compliance.load.places import bundled_gazetteer, check_scopes, load_places_text
from tests.support import AGREEMENTS

GAZETTEER = bundled_gazetteer()

PAIRS = [
    ("Khankendi", "Stepanakert"),
    ("Syunik", "Zangezur"),
    ("Lachin", "Berdzor"),
    ("Kalbajar", "Karvachar"),
    ("Shusha", "Shushi"),
    ("Aghdam town", "Akna"),
    ("Khojavend", "Martuni"),
]

GOOD = """
[[areas]]
id = "zone"
name = "A zone"
countries = ["AZ"]

[[places]]
names = ["Alpha", "Alfa"]
country = "AZ"
kind = "town"
areas = ["zone"]
latitude = 40.0
longitude = 47.0
source = "https://example.org/alpha"

[[places]]
names = ["Alpha Heights"]
country = "AZ"
kind = "mountain"
areas = []
"""


def test_gazetteer__bundled_file_loads_without_problems() -> None:
    """agreements/places.toml loads strictly, with areas and places."""
    _, problems = load_places_text(bundled.PLACES_FILE.read_text(encoding="utf-8"), "places.toml")
    assert problems == []
    assert {"nk-conflict-zone", "armenia-azerbaijan-border", "lachin-corridor"} <= GAZETTEER.area_ids


@pytest.mark.parametrize(("one", "other"), PAIRS)
def test_gazetteer__both_names_resolve_to_the_same_place(one: str, other: str) -> None:
    """Each side's name of a place finds the same areas."""
    first, second = GAZETTEER.resolve(one), GAZETTEER.resolve(other)
    assert first.resolved
    assert first == second


def test_gazetteer__longest_name_wins_and_names_match_whole_words() -> None:
    """'Alpha Heights' is not read as 'Alpha'; 'Alphaville' matches nothing; case does not matter."""
    gazetteer, problems = load_places_text(GOOD, "g.toml")
    assert problems == []
    assert gazetteer is not None
    assert gazetteer.resolve("near ALPHA HEIGHTS").places == ("Alpha Heights",)
    assert gazetteer.resolve("Alphaville").places == ()
    assert gazetteer.resolve("alfa; Alpha Heights").places == ("Alpha", "Alpha Heights")
    assert gazetteer.resolve("Alfa").areas == frozenset({"zone"})


def test_gazetteer__a_point_near_a_known_place_resolves_to_it() -> None:
    """Coordinates within a few km of a place with sourced coordinates find that place; far away, none."""
    near = GAZETTEER.near(39.80, 47.11)
    assert near.places == ("Khojavend",)
    assert "nk-conflict-zone" in near.areas
    assert not GAZETTEER.near(9.3, 2.6).resolved  # northern Benin
    assert not GAZETTEER.near(39.80, 47.11, "AM").resolved  # a row coded in Armenia: not that town


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ('kind = "town"', "$.places[0]", "unknown key(s): kynd"),
        ('areas = ["zone"]', "$.places[0].areas[0]", "unknown area 'zoen'"),
        ('names = ["Alpha Heights"]', "$.places[1].names[0]", "also a name of places[0]"),
        ("longitude = 47.0", "$.places[0].latitude", "both latitude and longitude"),
        ('country = "AZ"\nkind = "mountain"', "$.places[1].country", "ISO 3166-1 alpha-2"),
    ],
)
def test_gazetteer__every_mistake_is_a_problem_with_file_line_and_key(
    change: str, path: str, message: str
) -> None:
    """Unknown keys and areas, a name used twice, half a coordinate pair, a bad country: problems, not a half-loaded file."""
    broken = {
        'kind = "town"': 'kynd = "town"',
        'areas = ["zone"]': 'areas = ["zoen"]',
        'names = ["Alpha Heights"]': 'names = ["alpha"]',
        "longitude = 47.0": "",
        'country = "AZ"\nkind = "mountain"': 'country = "Azerbaijan"\nkind = "mountain"',
    }[change]
    gazetteer, problems = load_places_text(GOOD.replace(change, broken), "g.toml")
    assert gazetteer is None
    assert any(
        p.file == "g.toml" and p.line > 0 and p.field == path and message in p.message for p in problems
    ), problems


def test_gazetteer__validate_checks_a_places_file_as_a_gazetteer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``compliance validate places.toml`` checks a gazetteer as one (it was read as an agreement
    file: eleven errors about keys an agreement needs), beside agreement and event files."""
    from compliance.cli import main

    assert main(["validate", str(bundled.PLACES_FILE)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "0 error(s), 0 warning(s)"
    good = tmp_path / "good.toml"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "places.toml"
    bad.write_text(GOOD.replace('areas = ["zone"]', 'areas = ["zoen"]'), encoding="utf-8")
    line = GOOD.replace('areas = ["zone"]', 'areas = ["zoen"]').splitlines().index('areas = ["zoen"]') + 1
    agreement = str(bundled.agreement_paths()[0])
    assert main(["validate", str(good), str(bad), agreement, str(bundled.EVENTS_FILE)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{bad}:{line}: $.places[0].areas[0]: unknown area 'zoen'" in err
    assert not [e for e in err if "required key missing" in e]
    assert err[-1].startswith("1 error(s), ")


def test_gazetteer__every_place_in_the_bundled_events_and_rules_resolves() -> None:
    """Each location and admin1 of agreements/events.csv, and each place a link rule names, is in the gazetteer."""
    with bundled.EVENTS_FILE.open(encoding="utf-8") as handle:
        texts = {
            (row["id"], row[col])
            for row in csv.DictReader(handle)
            for col in ("location", "admin1")
            if row[col]
        }
    missing = sorted(
        f"{event_id}: {text}" for event_id, text in texts if not GAZETTEER.resolve(text).resolved
    )
    rules = {
        (ob.id, place)
        for a in AGREEMENTS
        for ob in a.obligations
        for rule in ob.rules
        for place in rule.places
    }
    missing += sorted(
        f"{ob_id} rule: {place}" for ob_id, place in rules if not GAZETTEER.resolve(place).resolved
    )
    assert missing == []


def test_scopes__every_bundled_scope_names_known_areas_and_point_one_is_disputed() -> None:
    """Scope areas exist in the gazetteer; point 1 of 2020 has the interstate border as a disputed area, with readings."""
    assert all(a.scope is not None for a in AGREEMENTS)
    [trilateral] = [a for a in AGREEMENTS if a.id == "trilateral-2020"]
    point1 = next(ob for ob in trilateral.obligations if ob.id == "ts2020-1-ceasefire-aze").scope
    assert point1 is not None
    assert point1.areas == ("nk-conflict-zone",)
    assert point1.disputed_areas == ("armenia-azerbaijan-border",)
    assert "Armenia's Foreign Ministry" in point1.disputed
    assert "Kremlin" in point1.disputed


def test_scopes__an_unknown_area_id_is_a_problem_with_line() -> None:
    """A scope naming an area the gazetteer does not define is reported with file, line and key."""
    agreement = AGREEMENTS[0]
    broken = attrs.evolve(agreement, scope=Scope(("AM",), ("nk-conflict-zoen",)))
    text = "id = 'x'\n[scope]\ncountries = ['AM']\nareas = ['nk-conflict-zoen']\n"
    [problem] = check_scopes([(broken, "x.toml", text)], GAZETTEER)
    assert (problem.file, problem.line, problem.field) == ("x.toml", 4, "$.scope.areas[0]")
    assert "nk-conflict-zoen" in problem.message


def test_gazetteer__the_rows_country_picks_between_homonyms() -> None:
    """'Martuni' in a row coded in Armenia is the Gegharkunik town (border), not Khojavend/Martuni (conflict zone)."""
    armenian = GAZETTEER.resolve("Martuni", "Gegharkunik", country="AM")
    assert "nk-conflict-zone" not in armenian.areas
    assert "armenia-azerbaijan-border" in armenian.areas
    assert "nk-conflict-zone" in GAZETTEER.resolve("Martuni", country="AZ").areas
    assert not GAZETTEER.resolve("Georgia", country="US").resolved


def test_gazetteer__a_district_reaching_into_the_conflict_zone_is_no_border_place() -> None:
    """Kalbajar, Lachin, Gubadli and Zangilan touch the interstate border and lie in the conflict zone:
    their names, their towns and the villages of the Lachin corridor are conflict-zone places only
    ("the Lachin direction" of an account may be the Karabakh line of contact); places a source puts
    on the border itself, and districts and provinces wholly outside the conflict zone, are border places."""
    border = "armenia-azerbaijan-border"
    for name in ("Lachin", "Berdzor", "Kalbajar", "Karvachar", "Gubadli", "Zangilan", "Kashatagh",
                 "Lachin town", "Kalbajar town", "Zabukh", "Sus", "Aghali"):  # fmt: skip
        placement = GAZETTEER.resolve(name)
        assert "nk-conflict-zone" in placement.areas, name
        assert border not in placement.areas, name
    for name in ("Hakari bridge", "Kollugishlaq", "Tovuz", "Dashkasan", "Sadarak", "Syunik", "Gegharkunik"):
        assert border in GAZETTEER.resolve(name).areas, name


def test_scopes__a_country_code_no_country_has_is_a_problem_with_line() -> None:
    """`countries = ["UK"]` (the United Kingdom is GB) has the shape of a code: it was accepted,
    and the obligation applied to no account's country without a word. The gazetteer's
    countries are held to the same table."""
    agreement = AGREEMENTS[0]
    for code, problems in (("UK", 1), ("GB", 0), ("XK", 0), ("QZ", 0), ("QA", 0), ("QB", 1)):
        broken = attrs.evolve(agreement, scope=Scope(("AM", code), ()))
        text = f"id = 'x'\n[scope]\ncountries = ['AM', '{code}']\n"
        found = check_scopes([(broken, "x.toml", text)], GAZETTEER)
        assert len(found) == problems, found
        for problem in found:
            assert (problem.file, problem.line, problem.field) == ("x.toml", 3, "$.scope.countries[1]")
            assert problem.message.startswith(
                f"{code!r} is not an ISO 3166-1 alpha-2 code: no country has it (agreements/countries.csv)"
            )
    gazetteer, found = load_places_text(GOOD.replace('countries = ["AZ"]', 'countries = ["UK"]'), "g.toml")
    assert gazetteer is None
    assert [p.field for p in found] == ["$.areas[0].countries[0]"]


def test_gazetteer__areas_are_closed_upwards_and_within_has_no_cycle() -> None:
    """A place of an area that lies within another must list both: a scope naming the larger
    area did not find it, without a word. An area that lies within itself, through others, is a
    mistake too."""
    outer = '\n[[areas]]\nid = "outer"\nname = "Outer"\ncountries = ["AZ"]\n'
    nested = GOOD.replace('countries = ["AZ"]\n', 'countries = ["AZ"]\nwithin = ["outer"]\n', 1) + outer
    gazetteer, problems = load_places_text(nested, "g.toml")
    assert gazetteer is None
    assert [(p.field, p.message) for p in problems] == [
        (
            "$.places[0].areas",
            "the areas it lies in lie within 'outer': list those too "
            "(a place's areas include every area they lie within)",
        )
    ]
    closed = nested.replace('areas = ["zone"]', 'areas = ["zone", "outer"]')
    assert load_places_text(closed, "g.toml") == (load_places_text(closed, "g.toml")[0], [])
    assert load_places_text(closed, "g.toml")[0] is not None
    cycle = closed.replace('name = "Outer"\n', 'name = "Outer"\nwithin = ["zone"]\n')
    gazetteer, problems = load_places_text(cycle, "g.toml")
    assert gazetteer is None
    assert sorted(p.message for p in problems) == [
        "area 'outer' lies within itself (a cycle of within)",
        "area 'zone' lies within itself (a cycle of within)",
    ]
