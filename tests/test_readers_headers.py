"""Header recognition, ACLED's old event types and the country of an account, on small inline files."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.core.events import Event
from compliance.core.problems import Problem, Severity
from compliance.load.places import bundled_gazetteer
from compliance.readers import Record, read_event_stream
from compliance.readers.acled_types import OLD_EVENT_TYPES
from compliance.readers.countries import ADDED_NAMES, GLEDITSCH_WARD, REGION_NAMES, countries, country_code
from compliance.readers.headers import duplicates
from tests.support import PARTIES, RESOLVE_REPORTER
from tests.test_ucdp import HEADER as UCDP_HEADER
from tests.test_ucdp import row as ucdp_row

ROOT = Path(__file__).resolve().parent.parent
OUR_HEADER = "id,date,kind,reported_by,reporter_party"
OUR_ROW = "A1,2021-07-28,shelling,Ministry of Defence of Azerbaijan,AZE"

# Old-vintage ACLED: the header of the Africa 2016 file (pandas index, alphabetical, ally_actor_*).
OLD_HEADER = (
    ",actor1,actor2,admin1,admin2,admin3,ally_actor_1,ally_actor_2,country,data_id,event_date,event_id_cnty,"
    "event_id_no_cnty,event_type,fatalities,geo_precision,gwno,inter1,inter2,interaction,latitude,location,"
    "longitude,notes,source,time_precision,year"
)


def old_row(event_type: str, **fields: str) -> str:
    """One illustrative row under OLD_HEADER (not ACLED data), with the given event type."""
    row = {
        "": "0", "actor1": "Military Forces of Azerbaijan (2003-)", "actor2": "Military Forces of Armenia (2018-)",
        "admin1": "Tavush", "admin2": "", "admin3": "", "ally_actor_1": "", "ally_actor_2": "",
        "country": "Armenia", "data_id": "1", "event_date": "2016-04-02", "event_id_cnty": "ARM1",
        "event_id_no_cnty": "", "event_type": event_type, "fatalities": "0", "geo_precision": "1",
        "gwno": "371", "inter1": "8", "inter2": "1", "interaction": "18", "latitude": "", "location": "Example",
        "longitude": "", "notes": "Illustrative row (not ACLED data).", "source": "Example agency",
        "time_precision": "1", "year": "2016",
    }  # fmt: skip
    row.update(fields)
    return ",".join(row[name] for name in OLD_HEADER.split(","))


def read(text: str, suffix: str = ".csv") -> list[Record | Problem]:
    stream = io.StringIO(text, newline="")
    return list(read_event_stream(stream, f"t{suffix}", suffix, PARTIES.resolve, RESOLVE_REPORTER))


def one_event(text: str, suffix: str = ".csv") -> Event:
    items = read(text, suffix)
    assert [p for p in _problems(items) if p.severity is Severity.ERROR] == []
    [record] = [i for i in items if isinstance(i, Record)]
    assert record.event is not None
    return record.event


def _problems(items: list[Record | Problem]) -> list[Problem]:
    return [p for i in items for p in (i.problems if isinstance(i, Record) else [i])]


# --------------------------------------------------------------------------- old ACLED event types

BRIEF_OLD_TYPES = {
    "Battle-No change of territory": "armed-clash",
    "Battle-Government regains territory": "armed-clash",
    "Battle-Non-state actor overtakes territory": "armed-clash",
    "Battle-Non-state actors overtake territory": "armed-clash",
    "Remote violence": "shelling",
    "Riots/Protests": "protest",
    "Violence against civilians": "ceasefire-violation",
    "Violence Against Civilians": "ceasefire-violation",
    "Strategic development": "other",
    "Non-violent transfer of territory": "territory-handover",
    "Headquarters or base established": "troop-presence",
    "RIOTS/PROTESTS": "protest",
}


@pytest.mark.parametrize(("old", "kind"), sorted(BRIEF_OLD_TYPES.items()))
def test_crosswalk__every_old_type_maps_to_its_kind(old: str, kind: str):
    """Each ACLED event type used before 2019, in any case, is read as the documented kind."""
    assert one_event(OLD_HEADER + "\n" + old_row(old) + "\n").kind == kind


@pytest.mark.parametrize(
    "old", ["Battle-No change of territory", "Remote violence", "Violence against civilians"]
)
def test_crosswalk__old_violent_types_keep_the_actor_order_open(old: str):
    """Old battles and remote violence, like today's, set no actor and list both parties as involved."""
    event = one_event(OLD_HEADER + "\n" + old_row(old) + "\n")
    assert (event.actor, event.involved) == (None, ("ARM", "AZE"))


def test_crosswalk__old_strategic_development_keeps_actor1():
    """An old non-violent type keeps ``actor1`` as the actor, like today's strategic developments."""
    event = one_event(OLD_HEADER + "\n" + old_row("Non-violent transfer of territory") + "\n")
    assert (event.actor, event.involved) == ("AZE", ())


def test_crosswalk__documented_table_equals_the_code_table():
    """docs/event-formats.md's old-type table equals OLD_EVENT_TYPES, and its kinds are what the reader gives."""
    text = (ROOT / "docs" / "event-formats.md").read_text(encoding="utf-8")
    start = text.index("| old event_type | event_type | sub_event_type | kind |")
    lines = text[start:].split("\n\n", 1)[0].splitlines()[2:]
    cells = [[c.strip().strip("`") for c in line.strip().strip("|").split("|")] for line in lines]
    assert {old: (new, sub) for old, new, sub, _ in cells} == OLD_EVENT_TYPES
    assert len(cells) == len(OLD_EVENT_TYPES)
    for old, _, _, kind in cells:
        assert one_event(OLD_HEADER + "\n" + old_row(old) + "\n").kind == kind, old


def test_crosswalk__unknown_type_still_rejected():
    """A type neither current nor old is an error naming the type as written."""
    items = read(OLD_HEADER + "\n" + old_row("Battle-Something else") + "\n")
    assert [p.message for p in _problems(items)] == ["unknown ACLED event type 'Battle-Something else'"]


# --------------------------------------------------------------------------- header names


def test_header__our_csv_names_match_without_case_or_blanks():
    """``ID``, `` Date `` and ``KIND`` are our columns ``id``, ``date`` and ``kind``."""
    event = one_event(" ID , Date ,KIND,Reported_By,REPORTER_PARTY\n" + OUR_ROW + "\n")
    assert (event.id, event.kind, event.reporter_party) == ("A1", "shelling", "AZE")


def test_header__pandas_index_column_ignored_without_a_problem():
    """A leading unnamed column (pandas' index) is skipped in our CSV, silently."""
    items = read("," + OUR_HEADER + "\n0," + OUR_ROW + "\n")
    assert _problems(items) == []
    assert [i.event.id for i in items if isinstance(i, Record) and i.event] == ["A1"]


def test_header__a_column_given_three_times_is_named_once():
    """The duplicate check names a repeated column once, whatever the number of repeats."""
    items = read(OUR_HEADER + ",notes,notes,Notes\n" + OUR_ROW + ",a,b,c\n")
    duplicate = [p for p in _problems(items) if "duplicate" in p.message]
    assert [(p.line, p.field) for p in duplicate] == [(1, "notes")]
    assert duplicates(["a", "b", "a", "", "", "b", "a"]) == ["a", "b"]


def test_header__upper_case_ucdp_read_as_ucdp():
    """An upper-case UCDP GED header is recognised as UCDP GED."""
    text = UCDP_HEADER.upper() + ucdp_row(
        "7", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", ""
    )
    assert one_event(text).id == "UCDP-7"


def test_header__ucdp_missing_side_b_one_problem():
    """A UCDP GED header without ``side_b`` gives one problem naming it; no row is read."""
    header = UCDP_HEADER.replace(",side_b,", ",side_bee,")
    items = read(
        header + ucdp_row("7", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "")
    )
    assert [(p.line, p.field) for p in _problems(items)] == [(1, "side_b")]
    assert [i for i in items if isinstance(i, Record)] == []


# --------------------------------------------------------------------------- country


@pytest.mark.parametrize(
    ("fields", "country"),
    [
        ({"country": "Armenia", "gwno": ""}, "AM"),
        ({"country": "AZERBAIJAN", "gwno": ""}, "AZ"),
        ({"country": "Armenia", "gwno": "373"}, "AZ"),  # a code wins over a name
        ({"country": "Benin", "gwno": "434"}, "BJ"),  # a number the table lacks: the name
        ({"country": "Democratic Republic of Congo", "gwno": "490"}, "CD"),  # ACLED's name
        ({"country": "Atlantis", "gwno": "999"}, "Atlantis"),
        ({"country": "", "gwno": ""}, ""),
    ],
)
def test_country__old_acled_gwno_and_name(fields: dict[str, str], country: str):
    """Old ACLED: ``gwno`` (Gleditsch–Ward) or the name gives alpha-2 for known countries, the name otherwise."""
    assert one_event(OLD_HEADER + "\n" + old_row("Riots/Protests", **fields) + "\n").country == country


def test_country__current_acled_iso_numeric():
    """Current ACLED: ``iso`` 51 is AM and 31 is AZ."""
    header = "event_id_cnty,event_date,event_type,sub_event_type,actor1,source,iso,country\n"
    assert (
        one_event(
            header + "A1,2021-07-28,Protests,Peaceful protest,Protesters (Armenia),X,51,Armenia\n"
        ).country
        == "AM"
    )
    assert (
        one_event(header + "A2,2021-07-28,Protests,Peaceful protest,Protesters (Armenia),X,31,\n").country
        == "AZ"
    )
    assert (
        one_event(header + "A3,2023-05-01,Protests,Peaceful protest,Protesters (Sudan),X,729,Sudan\n").country
        == "SD"
    )
    assert (
        one_event(header + "A4,2023-05-01,Protests,Peaceful protest,Protesters (Sudan),X,4.0,\n").country
        == "AF"
    )


def test_country__ucdp_country_id():
    """UCDP GED: ``country_id`` 371 (Gleditsch–Ward) is AM, whatever the name says."""
    text = UCDP_HEADER + ucdp_row("8", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "")
    assert one_event(text).country == "AM"


@pytest.mark.parametrize(
    ("given", "country"),
    [("am", "AM"), ("Azerbaijan", "AZ"), ("Benin", "BJ"), ("sudan", "SD"), ("Türkiye", "TR"), ("", "")],
)
def test_country__our_csv_and_json_lines(given: str, country: str):
    """Our ``country`` column and key: an alpha-2 code in any case, or a name (a known one becomes its code)."""
    assert one_event(f"{OUR_HEADER},country\n{OUR_ROW},{given}\n").country == country
    line = f'{{"id": "A1", "date": "2021-07-28", "kind": "shelling", "reported_by": "X", "reporter_party": "none", "country": "{given}"}}\n'
    assert one_event(line, ".jsonl").country == country


def _region_rows(name: str) -> dict[str, str]:
    """One row per reader giving ``name`` as the country, with no country code."""
    current = "event_id_cnty,event_date,event_type,sub_event_type,actor1,source,iso,country,admin1\n"
    ucdp = UCDP_HEADER + ucdp_row("8", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "")
    return {
        "our CSV": f"{OUR_HEADER},country\n{OUR_ROW},{name}\n",
        "JSON Lines": f'{{"id": "A1", "date": "2021-07-28", "kind": "shelling", "reported_by": "X", '
        f'"reporter_party": "none", "country": "{name}"}}\n',
        "ACLED": current
        + f"A1,2021-07-28,Battles,Armed clash,Military Forces of Azerbaijan (2003-),X,,{name},\n",
        "old ACLED": OLD_HEADER + "\n" + old_row("Remote violence", country=name, gwno="", admin1="") + "\n",
        "UCDP GED": ucdp.replace(",Ararat province,", ",,").replace(",Armenia,371,", f",{name},,"),
    }


@pytest.mark.parametrize(
    "name", ["Nagorno-Karabakh", "Nagorno Karabakh", "Artsakh", "republic of artsakh", "NKR", "NK"]
)
@pytest.mark.parametrize("reader", ["our CSV", "JSON Lines", "ACLED", "old ACLED", "UCDP GED"])
def test_country__a_name_of_nagorno_karabakh_is_read_as_a_place_not_a_country(reader: str, name: str):
    """Nagorno-Karabakh as the country is neither state's code nor a foreign country: no code, the name in ``admin1``."""
    suffix = ".jsonl" if reader == "JSON Lines" else ".csv"
    items = read(_region_rows(name)[reader], suffix)
    assert _problems(items) == []
    [record] = [i for i in items if isinstance(i, Record)]
    assert record.event is not None
    assert (record.event.country, record.event.admin1) == ("", name)


def test_country__a_region_name_as_the_country_follows_the_admin1_given():
    """With ``admin1`` given, the name given as the country is added after it, once."""
    header = f"{OUR_HEADER},admin1,country\n"
    assert one_event(f"{header}{OUR_ROW},Shusha,Artsakh\n").admin1 == "Shusha, Artsakh"
    assert one_event(f"{header}{OUR_ROW},Nagorno-Karabakh,nagorno-karabakh\n").admin1 == "Nagorno-Karabakh"


@pytest.mark.parametrize("name", REGION_NAMES)
def test_country__every_region_name_resolves_to_the_conflict_zone(name: str):
    """Each name read as a place instead of a country is one the gazetteer places in the conflict zone."""
    assert "nk-conflict-zone" in bundled_gazetteer().resolve(name).areas


def test_country__an_unknown_name_is_a_warning_once_per_name_and_file():
    """A name the table does not know is kept and warned of on the first row giving it, naming file, line and field."""
    text = f"{OUR_HEADER},country\n" + "".join(
        f"A{n},2021-07-28,shelling,X,none,{name}\n"
        for n, name in enumerate(["Armenja", "Armenja", "Atlantis", "Benin"])
    )
    items = read(text)
    warnings = [(p.file, p.line, p.field, p.severity) for p in _problems(items)]
    assert warnings == [("t.csv", 2, "country", Severity.WARNING), ("t.csv", 4, "country", Severity.WARNING)]
    assert "'Armenja' is not in the ISO 3166-1 country table" in _problems(items)[0].message
    assert [i.event.country for i in items if isinstance(i, Record) and i.event] == [
        "Armenja",
        "Armenja",
        "Atlantis",
        "BJ",
    ]
    line = '{"id": "A1", "date": "2021-07-28", "kind": "shelling", "reported_by": "X", "reporter_party": "none", "country": "Armenja"}\n'
    assert [(p.line, p.field) for p in _problems(read(line * 2, ".jsonl"))] == [(1, "country")]
    current = "event_id_cnty,event_date,event_type,sub_event_type,actor1,source,iso,country\n"
    acled = current + "".join(
        f"A{n},2021-07-28,Protests,Peaceful protest,Protesters (Armenia),X,,Armenja\n" for n in range(3)
    )
    assert [(p.line, p.field) for p in _problems(read(acled))] == [(2, "country")]


def test_country__a_dataset_name_the_table_lacks_is_warned_of_even_with_a_code():
    """ACLED or UCDP naming a country by a code the table cannot read (a Gleditsch–Ward number
    other than the four it knows) is read by its name; a name the table lacks too is warned of,
    once per name and file, as the account falls outside every scope that names countries."""
    items = read(OLD_HEADER + "\n" + old_row("Riots/Protests", country="Benin", gwno="434") + "\n")
    assert _problems(items) == []
    ucdp = UCDP_HEADER + ucdp_row("8", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "")
    assert _problems(read(ucdp.replace(",Armenia,371,", ",Benin,434,"))) == []
    assert one_event(ucdp.replace(",Armenia,371,", ",Benin,434,")).country == "BJ"
    twice = (
        OLD_HEADER
        + "\n"
        + "".join(
            old_row("Riots/Protests", country="Atlantis", gwno="999", event_id_cnty=f"ATL{n}") + "\n"
            for n in (1, 2)
        )
    )
    assert [(p.line, p.field) for p in _problems(read(twice))] == [(2, "country")]
    items = read(ucdp.replace(",Armenia,371,", ",Atlantis,999,"))
    assert [(p.line, p.field, p.severity) for p in _problems(items)] == [(2, "country", Severity.WARNING)]


def test_country__a_name_of_another_country_than_the_code_is_warned_of_once_per_file():
    """A row whose country name and country code name two countries (``iso`` 51, Armenia, and
    ``country`` Azerbaijan: a file edited by hand, or two exports merged) is placed by its code,
    as before, with a warning naming file, line and field, once per file and pair: it was placed
    in Armenia without a word, and whether it is in an agreement's area can turn on it."""
    current = "event_id_cnty,event_date,event_type,sub_event_type,actor1,source,iso,country\n"
    rows = "".join(
        f"A{n},2021-07-28,Protests,Peaceful protest,Protesters (Armenia),X,{iso},{name}\n"
        for n, (iso, name) in enumerate(
            [("51", "Azerbaijan"), ("51", "Azerbaijan"), ("51", "Armenia"), ("31", "Armenia")]
        )
    )
    items = read(current + rows)
    found = _problems(items)
    assert [(p.file, p.line, p.field, p.severity) for p in found] == [
        ("t.csv", 2, "country", Severity.WARNING),
        ("t.csv", 5, "country", Severity.WARNING),
    ]
    assert found[0].message.startswith(
        "country 'Azerbaijan' is not the country of the row's country code, AM: the code is used"
    )
    assert [i.event.country for i in items if isinstance(i, Record) and i.event] == ["AM", "AM", "AM", "AZ"]
    ucdp = UCDP_HEADER + ucdp_row("8", "Government of Azerbaijan", "Government of Armenia", "2021-11-16", "")
    assert _problems(read(ucdp)) == []
    items = read(ucdp.replace(",Armenia,371,", ",Azerbaijan,371,"))
    assert [(p.line, p.field, p.severity) for p in _problems(items)] == [(2, "country", Severity.WARNING)]


def test_country__a_missing_value_marker_is_no_country_not_namibia():
    """``NA`` in a dataset's country or ``iso3`` column is how R writes a missing cell, not
    Namibia (alpha-2 NA): the country is not known, as with an empty cell."""
    current = "event_id_cnty,event_date,event_type,sub_event_type,actor1,source,iso3,country\n"
    row = "A1,2021-07-28,Protests,Peaceful protest,Protesters (Armenia),X,{},{}\n"
    assert one_event(current + row.format("NA", "NA")).country == ""
    assert one_event(current + row.format("nan", "")).country == ""
    assert one_event(current + row.format("NAM", "NA")).country == "NA"
    assert one_event(current + row.format("", "Namibia")).country == "NA"


def test_country__table_covers_the_gazetteers_countries():
    """Every ``kind = "country"`` place of agreements/places.toml has its code, and each of its
    names, in the table; every place's country is an ISO 3166-1 code; the four have Gleditsch–Ward numbers."""
    places = tomllib.loads((ROOT / "agreements" / "places.toml").read_text(encoding="utf-8"))["places"]
    kept = [p for p in places if p["kind"] == "country"]
    assert {p["country"] for p in places} <= {c.alpha2 for c in countries()}
    assert {p["country"] for p in kept} == set(GLEDITSCH_WARD)
    for place in kept:
        for name in place["names"]:
            assert country_code(name) == place["country"], name


def test_country__documented_tables_equal_what_is_added_by_hand():
    """docs/event-formats.md lists exactly the names added by hand (ADDED_NAMES) and the
    Gleditsch–Ward numbers (GLEDITSCH_WARD) of compliance/readers/countries.py."""
    text = (ROOT / "docs" / "event-formats.md").read_text(encoding="utf-8")
    names = re.findall(r"^\| `([A-Z]{2})` \| ([^|`]+) \| (\".+\") \|$", text, re.MULTILINE)
    assert {
        code: tuple(n.strip('" ') for n in re.findall(r'"[^"]+"', added)) for code, _, added in names
    } == ADDED_NAMES
    iso_names = {c.alpha2: c.names[0] for c in countries()}
    assert {code: name.strip() for code, name, _ in names} == {code: iso_names[code] for code in ADDED_NAMES}
    numbers = re.findall(r"^\| `([A-Z]{2})` \| ([^|]+) \| (\d+) \|$", text, re.MULTILINE)
    assert {code: gw for code, _, gw in numbers} == GLEDITSCH_WARD


# --------------------------------------------------------------------------- property


_REAL_AFRICA = (ROOT / "tests" / "data" / "real" / "acled-africa-2016-oldtypes.csv").read_text(
    encoding="utf-8"
)
_AFRICA_ROWS = list(csv.reader(io.StringIO(_REAL_AFRICA, newline="")))[:31]


def _spelled(name: str, draw: st.DrawFn) -> str:
    cased = "".join(c.upper() if draw(st.booleans()) else c for c in name)
    return draw(st.sampled_from(["", " ", "  "])) + cased + draw(st.sampled_from(["", " ", "\t"]))


@given(data=st.data())
def test_header__order_case_and_blanks_do_not_change_the_events(data: st.DataObject):
    """Real ACLED rows give the same events whatever the column order, case and blanks of the header."""
    header, rows = _AFRICA_ROWS[0], _AFRICA_ROWS[1:]
    order = data.draw(st.permutations(range(1, len(header))))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([""] + [_spelled(header[i], data.draw) for i in order])
    writer.writerows([row[0]] + [row[i] for i in order] for row in rows)
    expected = [i for i in read(_REAL_AFRICA.split("\n")[0] + "\n" + _lines(rows)) if isinstance(i, Record)]
    got = [i for i in read(out.getvalue()) if isinstance(i, Record)]
    assert [r.event for r in got] == [r.event for r in expected]
    assert len(got) == 30
    assert all(r.event is not None for r in got)


def _lines(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


_REAL = ROOT / "tests" / "data" / "real"


def _with_delimiter(path: Path, delimiter: str) -> str:
    """The real file's records written again with ``delimiter`` between fields."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_preamble__a_sep_line_before_the_header_names_the_delimiter(delimiter):
    """A first line ``sep=;`` (the line spreadsheets read the delimiter from, which some tools
    write) before the real ACLED header: the header is read on line 2 with that delimiter, one
    warning on line 1 says so, and each row keeps its own line. It was read as the header: every
    row a wrong field count, the real header a rejected record."""
    body = _with_delimiter(_REAL / "acled-modern-2024.csv", delimiter)
    body = body.replace("01 November 2024", "2024-13-01", 1)  # SYNTHETIC: a bad date on the first row
    items = read(f"sep={delimiter}\n" + body)
    records = [i for i in items if isinstance(i, Record)]
    assert [(r.origin.line, r.rejected) for r in records] == [(3, True), (4, False)]
    problems = _problems(items)
    assert [(p.line, p.field, p.severity) for p in problems] == [
        (1, "-", Severity.WARNING),
        (3, "event_date", Severity.ERROR),
    ]
    assert problems[0].message.startswith(
        f"{'sep=' + delimiter!r} is the line spreadsheets read the delimiter from"
    )


def test_preamble__blank_lines_before_the_header_are_skipped_and_lines_kept():
    """Blank lines before the real HDX header are not the header: the file reads as without
    them, each problem on its own line, two lines further on."""
    text = (_REAL / "acled-hdx-armenia-2018-2020.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[3] = lines[3].replace(",2020-", ",2020-13-", 1)  # SYNTHETIC: a bad date on line 4
    plain, shifted = read("".join(lines)), read("\n\r\n" + "".join(lines))
    assert [(p.line - 2, p.field) for p in _problems(shifted)] == [
        (p.line, p.field) for p in _problems(plain)
    ]
    assert [(p.line, p.field) for p in _problems(plain)] == [(4, "event_date")]
    events = [[r.event for r in items if isinstance(r, Record) and r.event] for items in (plain, shifted)]
    assert events[0] == events[1]
    assert len(events[0]) == 112


def test_preamble__our_header_after_a_sep_line_gives_its_problems_on_its_line():
    """Our CSV after ``sep=,``: a header problem names line 2, where the header is."""
    items = read(f"sep=,\n{OUR_HEADER},colour\n{OUR_ROW},red\n")
    assert [(p.line, p.field) for p in _problems(items)] == [(1, "-"), (2, "colour")]
    assert [(r.origin.line, r.rejected) for r in items if isinstance(r, Record)] == [(3, False)]
