"""How precise a point is: the readers keep only the codes a dataset defines.

Real rows from tests/data/real/ (see its README.md); a row with any value changed is SYNTHETIC
and says so.
"""

from __future__ import annotations

import io
import json

import pytest

from compliance.core.events import Coordinates
from compliance.core.problems import Severity
from compliance.readers import Record, read_event_stream
from tests.support import PARTIES, RESOLVE_REPORTER
from tests.test_readers_real import HDX_ARMENIA_UNITS, UCDP_API_2002, with_value


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
