"""Where an unaffiliated reporter is based: read from the registry, checked, shown beside its accounts.

Every file here is SYNTHETIC: Northland (NTH) and Southland (STH) are invented parties, and the
"Synthetic Wire" an invented outlet, written only to test the registry, the view and the renderers.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from random import Random

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from compliance.core.parties import Party, PartyRegistry
from compliance.core.problems import Problem, Severity
from compliance.linking.ledger import build_ledger, load_registries
from compliance.linking.loading import reporter_resolver, reporters_by_name
from compliance.load.agreement_files import load_parties_file, load_reporters_file
from compliance.load.registries import Reporter, check_reporters, reporter_key
from compliance.render.json import render_json
from compliance.render.markdown import render_markdown
from compliance.views.report import Report
from compliance.views.reporters import BasedIn
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
    text = REPORTERS.replace('based_in = "GB"', 'based_in = "AZE"')
    assert _loader_says(tmp_path, monkeypatch, text) == _shown_in_docs("a reporter based in the alpha-3 code")


def _shown_in_docs(after: str) -> str:
    """The first ``text`` block after ``after`` in docs/agreement-format.md."""
    doc = (ROOT / "docs" / "agreement-format.md").read_text(encoding="utf-8")
    return doc.split(after, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]


def _loader_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reporters: str) -> str:
    """The problems of loading ``reporters`` (with the test's parties), one per line, as printed:
    run from ``tmp_path``, so that the files are named as the docs name them."""
    (tmp_path / "reporters.toml").write_text(reporters, encoding="utf-8")
    (tmp_path / "parties.toml").write_text(PARTIES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, _, problems = load_registries(Path("parties.toml"), Path("reporters.toml"))
    return "".join(f"{p}\n" for p in problems)


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


# --------------------------------------------------------------------------- one name, two countries

COURIER = reporter("Synthetic Courier", party="none", aliases=[" synwire "], based_in="FR")


def _loaded(folder: Path, text: str) -> tuple[tuple[Reporter, ...], list[Problem]]:
    paths = write_files(folder, parties=PARTIES, reporters=text)
    parties, _ = load_parties_file(paths["parties"])
    reporters, problems = load_reporters_file(paths["reporters"], "reporters.toml", parties)
    assert reporters is not None
    return reporters, problems


def test_load__a_name_of_two_reporters_based_in_different_countries_is_an_error_at_both(
    tmp_path: Path,
) -> None:
    """'SynWire' and ' synwire ' are one name as accounts are matched (case and surrounding
    spaces aside): an error at both aliases, each naming both entries' countries and lines; both
    reporters are kept with their party and without a country, whichever comes first."""
    courier_first = REPORTERS.replace(
        '[[reporters]]\nname = "Synthetic', COURIER + '\n[[reporters]]\nname = "Synthetic'
    )
    for text in (REPORTERS + "\n" + COURIER, courier_first):
        reporters, problems = _loaded(tmp_path, text)
        assert [(p.file, p.line, p.field) for p in problems] == [
            ("reporters.toml", 10, "$.reporters[1].aliases"),
            ("reporters.toml", 16, "$.reporters[2].aliases"),
        ], text
        assert {p.severity for p in problems} == {Severity.ERROR}
        for problem in problems:
            assert "given to reporters based in different countries" in problem.message
            assert "at reporters.toml:10, " in problem.message
            assert "at reporters.toml:16)" in problem.message
            assert "'Synthetic Wire' (GB) at" in problem.message
            assert "'Synthetic Courier' (FR) at" in problem.message
        assert sorted((r.name, r.party, r.based_in) for r in reporters) == [
            ("Northland Ministry of Defence", "NTH", "XN"),
            ("Synthetic Courier", "none", ""),
            ("Synthetic Wire", "none", ""),
        ]


def test_load__a_name_with_a_country_and_one_without_is_a_clash_and_one_country_is_none(
    tmp_path: Path,
) -> None:
    """No ``based_in`` on one entry says nothing of where it is based: the name cannot be placed
    by the other's country. Two entries of one country sharing a name give no problem."""
    _, problems = _loaded(tmp_path, REPORTERS + "\n" + COURIER.replace('based_in = "FR"\n', ""))
    assert [p.field for p in problems] == ["$.reporters[1].aliases", "$.reporters[2].aliases"]
    assert (
        "('Synthetic Wire' (GB) at reporters.toml:10, 'Synthetic Courier' (no based_in) at reporters.toml:16)"
        in problems[0].message
    )
    reporters, problems = _loaded(tmp_path, REPORTERS + "\n" + COURIER.replace('"FR"', '"GB"'))
    assert problems == []
    assert {r.based_in for r in reporters if r.party == "none"} == {"GB"}


def test_load__entries_linked_through_another_name_lose_the_country_together(tmp_path: Path) -> None:
    """Wire and Wire Service agree (GB) on 'Wire', but Wire shares 'W' with an outlet in France:
    all three lose the country, so every name still gives one country, and Wire Service's
    error says why, though its own name agrees."""
    text = toml_file(
        "SYNTHETIC reporters.",
        reporter("Wire", party="none", aliases=["W"], based_in="GB"),
        reporter("Courier", party="none", aliases=["W"], based_in="FR"),
        reporter("Wire Service", party="none", aliases=["Wire"], based_in="GB"),
    )
    reporters, problems = _loaded(tmp_path, text)
    assert [r.based_in for r in reporters] == ["", "", ""]
    assert [(p.line, p.field) for p in problems] == [
        (3, "$.reporters[0].name"),
        (17, "$.reporters[2].aliases"),
        (5, "$.reporters[0].aliases"),
        (11, "$.reporters[1].aliases"),
    ]
    assert (
        "the name 'Wire' is given to reporters ('Wire' (GB) at reporters.toml:3, 'Wire Service' (GB) at reporters.toml:17) that share names"
        in problems[0].message
    )


def test_view__a_name_the_loader_refused_places_no_account(tmp_path: Path) -> None:
    """The wire's account names 'synwire', which the courier gives too: no country beside it, and
    the load errors say so; the account is still the unaffiliated wire's."""
    paths = write_files(
        tmp_path, parties=PARTIES, reporters=REPORTERS + "\n" + COURIER, agreement=AGREEMENT, events=EVENTS
    )
    ledger = build_ledger(paths["agreement"], paths["events"], paths["parties"], paths["reporters"])
    assert [p.field for p in ledger.errors] == ["$.reporters[1].aliases", "$.reporters[2].aliases"]
    report = Report.build(ledger, date(2025, 3, 10))
    assert {e.id: e.reporter_party for e in report.events}["S2"] == "none"
    assert dict(report.reporter_based_in) == {}
    assert "; based in" not in render_markdown(report)


def test_load__the_based_in_clash_shown_in_the_docs_is_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/agreement-format.md shows the errors of one alias given by outlets of two countries as the loader gives them."""
    shown = _shown_in_docs("given also to an outlet based in France")
    assert _loader_says(tmp_path, monkeypatch, REPORTERS + "\n" + COURIER) == shown


def test_resolver__a_registered_name_is_matched_without_its_surrounding_spaces(tmp_path: Path) -> None:
    """A name written ' Synthetic Wire ' in the registry is the wire's, as an account's
    ``reported_by`` is read: the party and the country come from one table."""
    reporters, problems = _loaded(tmp_path, REPORTERS.replace('"Synthetic Wire"', '" Synthetic Wire "'))
    assert problems == []
    assert reporter_resolver(reporters)("synthetic wire") == "none"
    assert reporters_by_name(reporters)["synthetic wire"].based_in == "GB"


@pytest.mark.parametrize("order", [1, -1])
def test_table__reporters_not_checked_by_the_loader_that_differ_leave_the_name_out(order: int) -> None:
    """Reporters built in code, not loaded, that give one name and differ: the name is no one's,
    for the party as for the country, whatever the order (it used to be the first's party)."""
    built = [Reporter("Wire", "NTH", based_in="GB"), Reporter("wire", "STH", based_in="GB")][::order]
    assert reporter_resolver(built)("WIRE") is None
    assert "wire" not in reporters_by_name(built)
    built = [Reporter("Wire", "none", based_in="GB"), Reporter("wire", "none", based_in="FR")][::order]
    assert reporter_resolver(built)("WIRE") is None


_NAMES = ["Wire", " wire ", "W", "Courier"]  # few names, so that entries often share one
_REPORTERS = st.lists(
    st.builds(
        Reporter,
        name=st.sampled_from(_NAMES),
        party=st.sampled_from(["none", "none", "NTH", "STH"]),
        aliases=st.lists(st.sampled_from(_NAMES), max_size=2).map(tuple),
        based_in=st.sampled_from(["", "GB", "FR"]),
    ),
    max_size=6,
)
_PARTY_REGISTRY = PartyRegistry.of((Party("NTH", "Northland"), Party("STH", "Southland")))


def _checked(reporters: list[Reporter]) -> tuple[tuple[Reporter, ...], dict[str, tuple[str, str]]]:
    checked, _ = check_reporters(reporters, _PARTY_REGISTRY, "reporters.toml", lambda path: 0)
    table = reporters_by_name(checked)
    names = {reporter_key(n) for r in checked for n in (r.name, *r.aliases)}
    assert set(table) == names  # the loader leaves no name to entries that differ
    return checked, {key: (r.party, r.based_in) for key, r in table.items()}


@given(_REPORTERS, st.randoms(use_true_random=False))
@example(  # three outlets, two of one country, linked through a name of the third's
    [
        Reporter("Wire", "none", ("W",), based_in="GB"),
        Reporter("Courier", "none", ("W",), based_in="FR"),
        Reporter("Wire Service", "none", ("Wire",), based_in="GB"),
    ],
    Random(0),
)
def test_law__the_file_order_never_decides_whose_or_where_a_name_is(
    reporters: list[Reporter], random: object
) -> None:
    """Loaded in any order, the same entries give every name the same party and country, and a
    name's country is the ``based_in`` written by every entry kept that gives it: none is picked.
    (An entry left out, for its party, is as if unregistered: its names are the others'.)"""
    shuffled = list(reporters)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    checked, table = _checked(reporters)
    assert _checked(shuffled)[1] == table
    for key, (party, code) in table.items():
        giving = [r for r in reporters if key in {reporter_key(n) for n in (r.name, *r.aliases)}]
        kept = [r for r in giving if r in checked or attrs.evolve(r, based_in="") in checked]
        assert {r.party for r in kept} == {party}
        if code:
            assert {r.based_in for r in kept} == {code}
