"""The ISO 3166-1 country table of the readers: every country, so an agreement of any conflict keeps its rows."""

from __future__ import annotations

import collections
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

import agreements as bundled
from agreements import iso_countries
from compliance import build_ledger
from compliance.linking.scope import OUTSIDE
from compliance.readers.countries import ADDED_NAMES, REGION_NAMES, countries, read_country
from tests.fictional import breached_by, ceasefire, ceasefire_obligation, conflict, party, section, toml_file
from tests.support import ledger_from_csv
from tests.test_ucdp import HEADER as UCDP_HEADER

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"


def test_countries__the_tool_writes_each_country_as_iso_codes_gives_it(tmp_path: Path):
    """agreements/iso_countries.py writes the source's countries in alpha-2 order, each key in its
    column and an absent one empty, under comment lines naming the source, version and licence
    (a small file in iso-codes' shape; ``python -m agreements.iso_countries --check`` compares the
    bundled table with the installed iso-codes)."""
    source = tmp_path / "iso_3166-1.json"
    source.write_text(
        '{"3166-1": [{"alpha_2": "SD", "alpha_3": "SDN", "numeric": "729", "name": "Sudan", '
        '"official_name": "Republic of the Sudan"}, {"alpha_2": "AM", "alpha_3": "ARM", "numeric": "051", '
        '"name": "Armenia", "official_name": "Republic of Armenia"}]}',
        encoding="utf-8",
    )
    lines = iso_countries.table(source, "9.9").splitlines()
    assert lines[0] == f"# ISO 3166-1 countries from iso-codes 9.9 (Debian package iso-codes), file {source},"
    assert "licence LGPL-2.1-or-later" in lines[1]
    assert lines[4:] == [
        "alpha_2,alpha_3,numeric,name,official_name,common_name",
        "AM,ARM,051,Armenia,Republic of Armenia,",
        "SD,SDN,729,Sudan,Republic of the Sudan,",
    ]
    bundled_lines = bundled.COUNTRIES_FILE.read_text(encoding="utf-8").splitlines()
    assert bundled_lines[2:5] == lines[2:5]  # the same regeneration note and header
    assert "AM,ARM,051,Armenia,Republic of Armenia," in bundled_lines


def test_countries__every_iso_country_once_with_its_codes():
    """249 countries, alpha-2 order, unique codes; AM, AZ, GE and RU as before, SD among them."""
    table = countries()
    assert len(table) == 249
    assert [c.alpha2 for c in table] == sorted({c.alpha2 for c in table})
    assert len({c.alpha3 for c in table}) == len({c.numeric for c in table}) == 249
    by_code = {c.alpha2: c for c in table}
    assert (by_code["SD"].numeric, by_code["SD"].alpha3, by_code["SD"].names[0]) == ("729", "SDN", "Sudan")
    assert by_code["AF"].numeric == "4", "as ACLED writes it: no leading zeros"
    assert by_code["AM"].names == ("Armenia", "Republic of Armenia")
    assert by_code["RU"].names == ("Russian Federation", "Russia", "Russia (Soviet Union)")
    assert set(ADDED_NAMES) <= set(by_code)


def test_countries__each_code_and_name_reads_as_its_country():
    """Numeric (with or without leading zeros, as a float), alpha-3 and every name, in any case
    and without accents, give the alpha-2 code; no name belongs to two countries or is a region name."""
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for c in countries():
        assert read_country(numeric=c.numeric).code == c.alpha2
        assert read_country(numeric=c.numeric.zfill(3)).code == c.alpha2
        assert read_country(numeric=f"{c.numeric}.0").code == c.alpha2
        assert read_country(alpha3=c.alpha3.lower()).code == c.alpha2
        for name in c.names:
            plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
            for spelling in (name, name.upper(), plain):
                assert read_country(spelling) == read_country(numeric=c.numeric), spelling
                owners[spelling.casefold()].add(c.alpha2)
    assert {name: codes for name, codes in owners.items() if len(codes) > 1} == {}
    assert {name.casefold() for name in REGION_NAMES}.isdisjoint(owners)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("DR Congo (Zaire)", "CD"),
        ("Yemen (North Yemen)", "YE"),
        ("Serbia (Yugoslavia)", "RS"),
        ("Cambodia (Kampuchea)", "KH"),
        ("Russia (Soviet Union)", "RU"),
        ("Myanmar (Burma)", "MM"),
        ("Zimbabwe (Rhodesia)", "ZW"),
        ("Israel", "IL"),
        ("Sudan", "SD"),
        ("Ivory Coast", "CI"),
        ("Turkey", "TR"),
    ],
)
def test_countries__ucdp_names_with_a_gleditsch_ward_number_the_table_lacks(name: str, code: str):
    """UCDP's ``country_id`` of these is a Gleditsch–Ward number the table does not have: the name decides."""
    reading = read_country(name, gleditsch_ward="999")
    assert (reading.code, reading.unknown) == (code, False)


def test_countries__the_table_is_read_when_first_needed_not_at_import():
    """``import compliance.cli`` (and the readers) read no country table: only a reader's first look-up does."""
    code = (
        "import compliance.cli, compliance.readers, compliance.readers.countries as c;"
        " before = (c.countries.cache_info().currsize, c._lookups.cache_info().currsize);"
        " c.read_country('Sudan'); print(before, c._lookups.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "(0, 0) 1"


# --------------------------------------------------------------------------- another conflict

PARTIES = toml_file(
    "SYNTHETIC parties for a test: not an encoding of any real agreement.",
    party("SAF", "Sudanese Armed Forces", aliases=["Military Forces of Sudan", "Government of Sudan"]),
    party("RSF", "Rapid Support Forces", aliases=["RSF"]),
    conflict("sudan", sides=[["SAF"], ["RSF"]], note="Synthetic."),
)

AGREEMENT = ceasefire(
    "SYNTHETIC agreement for a test: not the text of any real agreement.",
    id="synthetic-sudan-2023",
    title="Synthetic ceasefire in Sudan",
    short_title="Synthetic Sudan ceasefire",
    signed=date(2023, 5, 20),
    nature="political-statement",
    signatories=["SAF", "RSF"],
    utc_offset="+02:00",
    zone_name="Khartoum time",
    source="https://synthetic.invalid/sudan",
    scope=section("scope", countries=["SD"], areas=[], note="Synthetic: the whole of Sudan."),
    text="Synthetic: the parties cease fire.",
    obligations=[
        ceasefire_obligation(
            "syn-1-ceasefire-saf",
            summary="The Sudanese Armed Forces cease fire.",
            bearers=["SAF"],
            in_force=date(2023, 5, 22),
            rules=[
                breached_by("hostilities-by-bearer", kinds=["armed-clash"], actors=["bearer"]),
                breached_by("unattributed-hostilities", kinds=["armed-clash"], actors=["unknown"]),
            ],
        )
    ],
)

ACLED = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,source,iso,country,admin1,location,notes\n"
    "SDN1,2023-06-01,Battles,Armed clash,Military Forces of Sudan (2019-),Rapid Support Forces,"
    "Synthetic outlet,729,Sudan,Khartoum,Khartoum,Synthetic row (not ACLED data).\n"
    "TCD1,2023-06-01,Battles,Armed clash,Military Forces of Sudan (2019-),Rapid Support Forces,"
    "Synthetic outlet,148,Chad,Ouaddai,Adre,Synthetic row (not ACLED data): across the border.\n"
)


def _ucdp_row(event_id: str, country: str, country_id: str) -> str:
    return (
        f"{event_id},SUD-2023-1-{event_id},2023,1,Clear,1,1,1,Sudan: Government,1,1,"
        '"Government of Sudan - RSF",1,1,Government of Sudan,2,2,RSF,1,"Synthetic article","Synthetic office",'
        '2023-06-02,"Synthetic headline",,1,Khartoum,Khartoum,Khartoum state,,15.5,32.5,,,'
        f"{country},{country_id},Africa,1,1,2023-06-01,2023-06-01,1,1,0,0,2,3,1,{country_id},\n"
    )


def test_countries__an_agreement_on_sudan_keeps_acled_and_ucdp_rows_from_sudan(tmp_path: Path):
    """With ``countries = ["SD"]``, a (synthetic) ACLED row with ``iso`` 729 and a UCDP row with
    ``country`` Sudan (``country_id`` 625, a number the table lacks) are read as SD and link:
    they were read as "Sudan", never equal to SD, and left outside the agreement's area with no
    warning. A row from Chad (``iso`` 148) is still outside."""
    agreement = tmp_path / "synthetic-sudan.toml"
    agreement.write_text(AGREEMENT, encoding="utf-8")
    parties = tmp_path / "parties.toml"
    parties.write_text(PARTIES, encoding="utf-8")
    acled = tmp_path / "acled.csv"
    acled.write_text(ACLED, encoding="utf-8")
    ucdp = tmp_path / "ged.csv"
    ucdp.write_text(UCDP_HEADER + _ucdp_row("900001", "Sudan", "625"), encoding="utf-8")
    ledger = build_ledger([agreement], [acled, ucdp], parties_path=parties)
    assert [p for p in ledger.problems if p.severity.name == "ERROR"] == []
    assert [p for p in ledger.problems if p.field == "country"] == []
    assert {e.id: e.country for e in ledger.events} == {"SDN1": "SD", "TCD1": "TD", "UCDP-900001": "SD"}
    assert sorted((link.event, link.obligation) for link in ledger.links) == [
        ("SDN1", "syn-1-ceasefire-saf"),
        ("UCDP-900001", "syn-1-ceasefire-saf"),
    ]
    assert ledger.unlinked == ("TCD1",)
    assert ledger.accounting.unlinked_reasons == {OUTSIDE: 1}


@pytest.mark.parametrize(
    ("path", "reasons"),
    [
        ("acled-africa-2016-oldtypes.csv", {OUTSIDE: 500}),
        ("acled-asia-2015-uppercase.csv", {OUTSIDE: 195}),
        ("acled-modern-2024.csv", {OUTSIDE: 2}),
        ("ucdp-ged-api-israel-2002.json", {OUTSIDE: 13}),
    ],
)
def test_countries__real_rows_of_other_countries_stay_outside_the_bundled_agreements(
    path: str, reasons: dict[str, int]
):
    """The real excerpts' rows, now read as their alpha-2 codes (ZM, BD, PS, IL ...), are unlinked
    for the reason they were when they kept the dataset's name: outside the bundled agreements' countries."""
    ledger = build_ledger(event_paths=[REAL / path])
    assert ledger.links == ()
    assert ledger.accounting.unlinked_reasons == reasons
    assert all(len(e.country) == 2 and e.country not in ("AM", "AZ") for e in ledger.events)


def test_countries__a_two_letter_code_no_country_has_is_kept_and_warned_of():
    """Our `country` column: "UK" is no ISO 3166-1 code (the United Kingdom is GB). It was taken
    as a code without a word, and fell outside every scope naming GB; now it is kept as given
    with the country warning, once per file, while GB, am, a name and XK (a code ISO leaves to
    users, which datasets give Kosovo) read as before."""
    text = (
        "id,date,kind,reported_by,reporter_party,country,notes\n"
        "C1,2021-08-01,other,Reuters,none,UK,synthetic\n"
        "C2,2021-08-01,other,Reuters,none,UK,synthetic\n"
        "C3,2021-08-01,other,Reuters,none,GB,synthetic\n"
        "C4,2021-08-01,other,Reuters,none,am,synthetic\n"
        "C5,2021-08-01,other,Reuters,none,Sudan,synthetic\n"
        "C6,2021-08-01,other,Reuters,none,XK,synthetic\n"
    )
    ledger = ledger_from_csv(text)
    assert {e.id: e.country for e in ledger.events} == {
        "C1": "UK",
        "C2": "UK",
        "C3": "GB",
        "C4": "AM",
        "C5": "SD",
        "C6": "XK",
    }
    warned = [p for p in ledger.problems if p.field == "country"]
    assert [(p.line, p.message.split(" is not in")[0]) for p in warned] == [(2, "country 'UK'")]
