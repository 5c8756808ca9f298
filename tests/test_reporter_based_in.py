"""Where an unaffiliated reporter is based: read from the registry, checked, shown beside its accounts.

Every file here is SYNTHETIC: Northland (NTH) and Southland (STH) are invented parties, and the
"Synthetic Wire" an invented outlet, written only to test the registry, the view and the renderers.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.linking.ledger import build_ledger, load_registries
from compliance.load.agreement_files import load_parties_file, load_reporters_file
from compliance.load.registries import Reporter
from compliance.render.json import render_json
from compliance.render.markdown import render_markdown
from compliance.views.report import Report
from compliance.views.reporters import BasedIn, reporter_countries
from tests.fictional import reporter, toml_file, write_files
from tests.test_registry_checks import AGREEMENT, PARTIES

ROOT = Path(__file__).parent.parent

REPORTERS = toml_file(
    "SYNTHETIC reporters: an invented ministry and an invented outlet.",
    reporter("Northland Ministry of Defence", party="NTH", based_in="XN"),
    reporter("Synthetic Wire", party="none", aliases=["SynWire"], based_in="GB"),
)

HEADER = "id,date,kind,actor,target,location,reported_by,reporter_party,source_url,incident,notes\n"
EVENTS = HEADER + (
    "S1,2025-03-03,shelling,STH,NTH,Greyhill,Northland Ministry of Defence,,"
    "https://example.org/synthetic/s1,greyhill,SYNTHETIC: Northland says Southland shelled Greyhill.\n"
    "S2,2025-03-03,shelling,STH,NTH,Greyhill,synwire,,"
    "https://example.org/synthetic/s2,greyhill,SYNTHETIC: the wire says Southland shelled Greyhill.\n"
)


def _report(folder: Path, reporters: str = REPORTERS) -> Report:
    paths = write_files(folder, parties=PARTIES, reporters=reporters, agreement=AGREEMENT, events=EVENTS)
    ledger = build_ledger(paths["agreement"], paths["events"], paths["parties"], paths["reporters"])
    assert ledger.errors == ()
    return Report.build(ledger, date(2025, 3, 10))


@pytest.mark.parametrize(
    ("written", "hint"), [("AZE", "did you mean 'AZ'?"), ("az", "did you mean 'AZ'?"), ("UK", None)]
)
def test_load__a_based_in_that_is_no_country_code_is_an_error_at_its_line_and_the_reporter_is_kept(
    tmp_path: Path, written: str, hint: str | None
) -> None:
    """'UK' (the United Kingdom is GB), an alpha-3 code or small letters: an error naming file,
    line and field; the reporter keeps its party and loses only the country."""
    text = REPORTERS.replace('based_in = "GB"', f'based_in = "{written}"')
    paths = write_files(tmp_path, parties=PARTIES, reporters=text)
    parties, _ = load_parties_file(paths["parties"])
    reporters, problems = load_reporters_file(paths["reporters"], "reporters.toml", parties)
    [problem] = problems
    line = text.splitlines().index(f'based_in = "{written}"') + 1
    assert (problem.file, problem.line, problem.field) == ("reporters.toml", line, "$.reporters[1].based_in")
    assert f"unknown country code {written!r}" in problem.message
    assert (hint in problem.message) if hint else "did you mean" not in problem.message
    assert reporters is not None
    assert [(r.name, r.party, r.based_in) for r in reporters][1] == ("Synthetic Wire", "none", "")


def test_load__the_problem_shown_in_the_docs_is_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/agreement-format.md shows the error of an alpha-3 code as the loader gives it."""
    doc = (ROOT / "docs" / "agreement-format.md").read_text(encoding="utf-8")
    shown = (
        doc.split("a reporter based in the alpha-3 code", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    )
    text = REPORTERS.replace('based_in = "GB"', 'based_in = "AZE"')
    (tmp_path / "reporters.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "parties.toml").write_text(PARTIES, encoding="utf-8")
    _, _, problems = load_registries(Path("parties.toml"), Path("reporters.toml"))
    assert "".join(f"{p}\n" for p in problems) == shown


def test_view__only_the_unaffiliated_reporter_gets_its_country_by_name_or_alias(tmp_path: Path) -> None:
    """The wire (named by its alias, in small letters) is placed; the ministry, which speaks for
    Northland, is not, though the registry gives it a country: its party already says whose it is."""
    report = _report(tmp_path)
    assert {e.id for e in report.events} == {"S1", "S2"}
    assert dict(report.reporter_based_in) == {"S2": BasedIn("GB", "United Kingdom")}


def test_view__a_registry_without_based_in_places_no_one(tmp_path: Path) -> None:
    """No ``based_in``: the report is as before, with no country beside any account."""
    report = _report(tmp_path, REPORTERS.replace('based_in = "GB"\n', ""))
    assert dict(report.reporter_based_in) == {}
    assert "; based in" not in render_markdown(report)


def test_render__markdown_shows_the_country_in_the_evidence_and_the_incident_table(tmp_path: Path) -> None:
    """The evidence line and the side-by-side table say where the wire is based, and nothing of the ministry."""
    markdown = render_markdown(_report(tmp_path))
    assert "· synwire (unaffiliated; based in United Kingdom) ·" in markdown
    assert "| synwire | unaffiliated; based in United Kingdom |" in markdown
    assert "Northland Ministry of Defence (NTH) ·" in markdown
    assert markdown.count("based in") == 2 + markdown.count(
        "the country the reporter registry says it is based in"
    )


def test_render__json_gives_the_code_for_the_placed_account_only(tmp_path: Path) -> None:
    """``reporter_based_in`` is the alpha-2 code; an account with none leaves the key out."""
    events = {e["id"]: e for e in json.loads(render_json(_report(tmp_path)))["events"]}
    assert events["S2"]["reporter_based_in"] == "GB"
    assert "reporter_based_in" not in events["S1"]


_REPORTERS = st.lists(
    st.builds(
        Reporter,
        name=st.sampled_from(["Wire", "wire ", "Courier", "Herald"]),
        party=st.sampled_from(["none", "NTH"]),
        aliases=st.lists(st.sampled_from(["W", "C", "H", "Courier"]), max_size=2).map(tuple),
        based_in=st.sampled_from(["", "GB", "FR"]),
    ),
    max_size=5,
)


@given(_REPORTERS, st.randoms(use_true_random=False))
def test_law__the_file_order_never_decides_where_a_name_is_based(
    reporters: list[Reporter], random: object
) -> None:
    """Any order of the same entries gives the same table; a name two countries claim is in none."""
    shuffled = list(reporters)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    table = reporter_countries(reporters)
    assert reporter_countries(shuffled) == table
    for key, code in table.items():
        claimed = {
            r.based_in for r in reporters if key in {n.strip().casefold() for n in (r.name, *r.aliases)}
        }
        assert claimed == {code}
