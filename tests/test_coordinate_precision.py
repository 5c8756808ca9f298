"""How precise a point is: the readers keep only the codes a dataset defines, and a point that
stands for a region places no account (docs/obligation-logic.md, "Where a duty applies (area)").

Real rows from tests/data/real/ (see its README.md); a row with any value changed is SYNTHETIC
and says so.
"""

from __future__ import annotations

import io
import json

import pytest

from compliance.core.events import Coordinates, Event
from compliance.core.places import NOWHERE
from compliance.core.problems import Severity
from compliance.linking.index import LinkIndex, link_account
from compliance.load.places import load_places_text
from compliance.readers import Record, read_event_stream
from tests.support import AGREEMENTS, PARTIES, RESOLVE_REPORTER
from tests.test_readers_real import HDX_ARMENIA_UNITS, UCDP_API_2002, with_value

INDEX = LinkIndex.build(AGREEMENTS)


def records(text: str, label: str, suffix: str = ".csv") -> list[Record]:
    items = read_event_stream(io.StringIO(text, newline=""), label, suffix, PARTIES.resolve, RESOLVE_REPORTER)
    return [item for item in items if isinstance(item, Record)]


def ucdp_lines(**changed: dict[str, object]) -> str:
    """The real UCDP API array, each event of ``changed`` (by id) with those values changed
    (SYNTHETIC when any is given), one event per line as the API writes it."""
    lines = UCDP_API_2002.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        body = line.rstrip(",")
        if body.startswith("{") and str(json.loads(body)["id"]) in changed:
            element = json.loads(body) | changed[str(json.loads(body)["id"])]
            line = json.dumps(element) + line[len(body) :]
        out.append(line)
    return "\n".join(out) + "\n"


def ucdp_events(text: str) -> dict[str, Event]:
    return {r.event.id: r.event for r in records(text, "api.json", ".json") if r.event is not None}


# --------------------------------------------------------------------------- reading the codes


@pytest.mark.parametrize("code", ["0", "4", "9", "12", "x", "3.5", "-1"])
def test_acled_geo_precision__an_unknown_code_is_warned_of_and_not_kept(code: str) -> None:
    """SYNTHETIC: real row ARM187 (geo_precision 3) with another code. ACLED defines 1 to 3: the
    row is read, its coordinates too, without the code, and a warning names file, line and
    column. Kept, ``9`` read as a region and ``0`` as a town; ``x`` was dropped without a word."""
    [record] = records(with_value(HDX_ARMENIA_UNITS, "ARM187", geo_precision=code), "arm.csv")
    assert record.event is not None
    assert record.event.coordinates == Coordinates(41.1724, 44.9991, None)
    [problem] = record.problems
    assert (problem.file, problem.line, problem.field, problem.severity) == (
        "arm.csv",
        2,
        "geo_precision",
        Severity.WARNING,
    )
    assert "from 1 to 3" in problem.message
    assert "not kept" in problem.message
    assert "coordinates are read" in problem.message


@pytest.mark.parametrize(
    ("code", "kept"), [("1", 1), ("2", 2), ("3", 3), ("2.0", 2), ("", None), ("NA", None)]
)
def test_acled_geo_precision__its_codes_are_kept_without_a_problem(code: str, kept: int | None) -> None:
    """SYNTHETIC except ``3`` (ARM187 as written): ACLED's codes, as pandas (``2.0``) and R
    (``NA``) write them, and a blank cell, are read with no problem."""
    [record] = records(with_value(HDX_ARMENIA_UNITS, "ARM187", geo_precision=code), "arm.csv")
    assert record.problems == ()
    assert record.event is not None
    assert record.event.coordinates == Coordinates(41.1724, 44.9991, kept)


def test_acled_geo_precision__no_warning_without_a_point() -> None:
    """SYNTHETIC: ARM187 without coordinates and with code 7: no point, so no code to keep or warn of."""
    text = with_value(HDX_ARMENIA_UNITS, "ARM187", latitude="", longitude="", geo_precision="7")
    [record] = records(text, "arm.csv")
    assert record.problems == ()
    assert record.event is not None
    assert record.event.coordinates is None


@pytest.mark.parametrize("code", [0, 8, 15, "exact"])
def test_ucdp_where_prec__an_unknown_code_is_warned_of_and_not_kept(code: object) -> None:
    """SYNTHETIC: real UCDP event 176408 (where_prec 3) with a code GED does not define (1 to 7):
    the event and its point are read without the code, with a warning naming its line and field."""
    [record] = [
        r
        for r in records(ucdp_lines(**{"176408": {"where_prec": code}}), "api.json", ".json")
        if r.origin.line == 6
    ]
    assert record.event is not None
    assert record.event.id == "UCDP-176408"
    assert record.event.coordinates == Coordinates(32.459433, 35.300857, None)
    [problem] = record.problems
    assert (problem.file, problem.line, problem.field, problem.severity) == (
        "api.json",
        6,
        "where_prec",
        Severity.WARNING,
    )
    assert "from 1 to 7" in problem.message
    assert "not kept" in problem.message


def test_ucdp_where_prec__the_real_codes_are_kept() -> None:
    """The real API excerpt, as written: codes 1, 2 and 3, each kept, no problem."""
    found = records(ucdp_lines(), "api.json", ".json")
    assert [p for r in found for p in r.problems] == []
    events = {r.event.id: r.event for r in found if r.event is not None}
    assert events["UCDP-176408"].coordinates == Coordinates(32.459433, 35.300857, 3)
    assert events["UCDP-175957"].coordinates == Coordinates(31.5582, 34.544839, 2)


# --------------------------------------------------------------------------- placing by the point


def arm187(**changed: str) -> Event:
    """SYNTHETIC: real row ARM187 (Armenia's border guard and civilians of Azerbaijan, Tavush,
    geo_precision 3, its point half a kilometre from Noyemberyan) with its place names blanked,
    so that the names place it nowhere, dated after the 2020 statement, and ``changed``."""
    values = {"location": "", "admin1": "", "admin2": "", "event_date": "2021-05-15", "timestamp": ""}
    [record] = records(with_value(HDX_ARMENIA_UNITS, "ARM187", **(values | changed)), "arm.csv")
    assert record.event is not None
    return record.event


def test_placement__an_acled_point_of_the_province_places_the_account_as_no_point_does() -> None:
    """geo_precision 3: the point is the province's, and the town nearest to it (Noyemberyan)
    says nothing of where the event was. The account is placed, and linked, as the same account
    without coordinates; at code 1 or 2 the point places it at Noyemberyan, on the border, which
    gives its link to point 1 of 2020 the disputed-area caveat."""
    province = link_account(arm187(), INDEX, PARTIES)
    no_point = link_account(arm187(latitude="", longitude=""), INDEX, PARTIES)
    assert province.placement == no_point.placement == NOWHERE
    assert (province.links, province.reason) == (no_point.links, no_point.reason)
    assert [(link.obligation, link.caveat) for link in province.links] == [("ts2020-1-ceasefire-arm", "")]
    for code in ("1", "2"):
        town = link_account(arm187(geo_precision=code), INDEX, PARTIES)
        assert town.placement.places == ("Noyemberyan",)
        assert [(link.obligation, link.caveat) for link in town.links] == [
            ("ts2020-1-ceasefire-arm", "outside the stated area, scope disputed")
        ]


def test_placement__a_point_with_an_unknown_code_is_placed_as_a_point_without_one() -> None:
    """SYNTHETIC: ARM187 with code 9 (not ACLED's): the code is not kept, so the point is read as
    one with no code, as our own formats give points, and places the account at Noyemberyan."""
    assert link_account(arm187(geo_precision="9"), INDEX, PARTIES).placement.places == ("Noyemberyan",)


TEST_GAZETTEER = """
[[areas]]
id = "test-area"
name = "An area of this test"
countries = ["IL"]

[[places]]
names = ["Test place at event 176408's point"]
country = "IL"
kind = "town"
areas = ["test-area"]
latitude = 32.459433
longitude = 35.300857
source = "https://example.org/test-place-1"

[[places]]
names = ["Test place at event 175957's point"]
country = "IL"
kind = "town"
areas = ["test-area"]
latitude = 31.5582
longitude = 34.544839
source = "https://example.org/test-place-2"

[[places]]
names = ["Test place at event 175906's point"]
country = "IL"
kind = "town"
areas = ["test-area"]
latitude = 31.258889
longitude = 34.799708
source = "https://example.org/test-place-3"
"""
"""Written for this test: a place at the exact point of three real UCDP events, named so that
no event's own place names match it (only the points can place them)."""


@pytest.mark.parametrize(
    ("code", "placed"),
    [(1, True), (2, True), (3, False), (4, False), (5, False), (6, False), (7, False)],
)
def test_placement__a_ucdp_point_of_a_district_or_coarser_places_no_account(code: int, placed: bool) -> None:
    """Real UCDP event 176408 ("near the Tankahim settlement, close to Jenin") has where_prec 3:
    the centroid of a district. Even with a gazetteer place at that very point, it places the
    account nowhere; so does every code up to 7 (SYNTHETIC copies), while 1 and 2 place it. Real
    events 175906 (where_prec 1) and 175957 (2) are placed by their points as written."""
    gazetteer, problems = load_places_text(TEST_GAZETTEER, "test.toml")
    assert problems == []
    index = LinkIndex.build(AGREEMENTS, gazetteer)
    changed = {} if code == 3 else {"176408": {"where_prec": code}}
    events = ucdp_events(ucdp_lines(**changed))
    placement = link_account(events["UCDP-176408"], index, PARTIES).placement
    assert placement.resolved is placed
    assert placement.places == (("Test place at event 176408's point",) if placed else ())
    for event_id, place in (("UCDP-175906", "175906"), ("UCDP-175957", "175957")):
        found = link_account(events[event_id], index, PARTIES).placement
        assert found.places == (f"Test place at event {place}'s point",)
