"""UCDP GED CSV: dates, sides kept without direction, deaths as UCDP estimates them.

The rows below are illustrative, shaped like UCDP GED's CSV; they are not real UCDP records.
"""

from __future__ import annotations

from datetime import date

from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.core.problems import Severity
from compliance.core.vocabulary import Grade, Status
from compliance.evaluation.evaluate import evaluate
from tests.support import ledger_from_csv

HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
    "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,"
    "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,"
    "region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,"
    "gwnoa,gwnob\n"
)


def row(
    event_id: str, side_a: str, side_b: str, start: str, end: str, violence: str = "1", best: str = "3"
) -> str:
    return (
        f"{event_id},AZE-2021-1-{event_id},2021,1,Clear,{violence},388,388,Azerbaijan: Government,411,411,"
        f'"{side_a} - {side_b}",1,1,{side_a},2,2,{side_b},2,"Illustrative article","Illustrative office",2021-11-17,'
        f'"Illustrative headline",,1,Yeraskh,Yeraskh border area,Ararat province,,39.7553,44.7844,,,Armenia,371,'
        f"Europe,1,1,{start},{end},1,2,0,0,{best},5,2,371,373\n"
    )


def test_ucdp__sides_kept_without_direction_and_graded_contested() -> None:
    """Both sides are involved, no actor is set; rule-made breach links are contested, never violated."""
    text = HEADER + row(
        "101", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "2021-11-16"
    )
    text += row(
        "102",
        "Government of Armenia",
        "Government of Azerbaijan",
        "2021-11-16 00:00:00.000",
        "2021-11-17 00:00:00.000",
    )
    ledger = ledger_from_csv(text, "ged.csv")
    assert [p for p in ledger.problems if p.severity is Severity.ERROR] == []
    first, second = ledger.events
    assert (first.actor, first.involved) == (None, ("ARM", "AZE"))
    assert second.involved == ("ARM", "AZE")
    assert second.when.last_day == date(2021, 11, 17)
    assert first.fatalities == 3
    assert "low 2, high 5" in first.notes
    result = evaluate(
        ledger.agreements, ledger.events, ledger.links, ledger.parties, date(2021, 12, 1)
    ).result("ts2020-1-ceasefire-arm")
    assert result.status is Status.DISPUTED
    assert {e.grade for e in result.evidence} == {Grade.CONTESTED}


def test_ucdp__bad_rows_are_rejected_with_their_field() -> None:
    """A bad type of violence or a reversed interval rejects the row, naming the field."""
    text = HEADER + row(
        "201", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "2021-11-16", violence="9"
    )
    text += row("202", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "2021-11-10")
    ledger = ledger_from_csv(text, "ged.csv")
    assert ledger.accounting.rejected == 2
    fields = sorted(p.field for p in ledger.problems)
    assert fields == ["date_end", "type_of_violence"]


@settings(max_examples=max(100, settings().max_examples * 2))
@given(st.text(max_size=400), st.lists(st.sampled_from(HEADER.strip().split(",")), max_size=6))
def test_ucdp__arbitrary_rows_give_records_or_problems(body: str, dropped: list[str]) -> None:
    """Any text after a GED header (with columns dropped) loads as records and problems, and adds up."""
    header = ",".join(
        c
        for c in HEADER.strip().split(",")
        if c not in dropped or c in ("side_a", "side_b", "type_of_violence", "date_prec")
    )
    ledger = ledger_from_csv(
        header
        + "\n"
        + body
        + "\n"
        + row("301", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "2021-11-16"),
        "ged.csv",
    )
    acc = ledger.accounting
    assert acc.read == acc.linked + acc.unlinked + acc.rejected


def test_ucdp__floats_and_missing_values_as_pandas_writes_them() -> None:
    """A GED file read and written again by pandas holds ``1.0`` for every integer and ``NaN`` or
    ``NA`` where a value is missing. Integral floats are their integers, missing values are not
    stated, and the row is the one the plain file gives."""
    plain = HEADER + row(
        "301", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "2021-11-16"
    )
    floats = HEADER + (
        row(
            "301.0",
            "Government of Azerbaijan",
            "Government of Armenia",
            "2021-11-16",
            "2021-11-16",
            "1.0",
            "3.0",
        )
        .replace(",1,Yeraskh,", ",1.0,Yeraskh,")  # where_prec
        .replace(",Armenia,371,", ",Armenia,371.0,")  # country_id
    )
    [expected] = ledger_from_csv(plain, "ged.csv").events
    ledger = ledger_from_csv(floats, "ged.csv")
    assert not ledger.problems
    [event] = ledger.events
    assert event == evolve(expected, origin=event.origin)
    assert (event.id, event.fatalities, event.country) == ("UCDP-301", 3, "AM")
    assert event.coordinates is not None
    assert event.coordinates.precision == 1
    missing = ledger_from_csv(
        HEADER
        + row(
            "302", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "2021-11-16", best="NA"
        ),
        "ged.csv",
    )
    assert not missing.problems
    assert [e.fatalities for e in missing.events] == [None]
    coded = HEADER + row(
        "304", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "2021-11-16"
    )
    [by_number] = ledger_from_csv(coded.replace(",Armenia,371,", ",,371.0,"), "ged.csv").events
    assert by_number.country == "AM", "country_id 371.0 is Gleditsch-Ward 371 with no name given"


def test_ucdp__a_fraction_of_a_death_is_refused() -> None:
    """``best`` 2.5 is no count: the row is rejected, naming the field."""
    text = HEADER + row(
        "303", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "2021-11-16", best="2.5"
    )
    ledger = ledger_from_csv(text, "ged.csv")
    assert ledger.accounting.rejected == 1
    assert [p.field for p in ledger.problems] == ["best"]
