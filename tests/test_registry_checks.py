"""Party and reporter registries: a mistake in one is an error naming its entries, never a silent change of whose word an account is.

Every file here is SYNTHETIC: Northland (NTH), Southland (STH) and Mediator State (MED) are
invented parties of an invented ceasefire, written only to test the loaders.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.core.events import UNAFFILIATED, UNKNOWN
from compliance.core.parties import Party, PartyRegistry
from compliance.core.problems import Problem, Severity
from compliance.evaluation.evaluate import evaluate_ledger
from compliance.evaluation.trust import SourceClass, Stakes, classify
from compliance.linking.ledger import build_ledger, load_registries, reporter_resolver
from compliance.load.agreement_files import load_agreement_text, load_parties_file
from tests.fictional import (
    breached_by,
    ceasefire,
    ceasefire_obligation,
    conflict,
    party,
    reporter,
    toml_file,
    write_files,
)

ROOT = Path(__file__).parent.parent

PARTIES = toml_file(
    "SYNTHETIC registry: invented parties of an invented conflict.",
    party("NTH", "Northland", aliases=["Republic of Northland", "Northern"]),
    party("STH", "Southland", aliases=["Republic of Southland", "Southern"]),
    party("MED", "Mediator State"),
    conflict("northland-southland", sides=[["NTH"], ["STH"]]),
)

AGREEMENT = ceasefire(
    "SYNTHETIC agreement: an invented ceasefire between invented parties.",
    id="synthetic-ceasefire",
    title="Synthetic ceasefire (invented, for tests)",
    short_title="Synthetic ceasefire",
    signed=date(2025, 3, 1),
    signatories=["NTH", "STH"],
    mediators=["MED"],
    source="https://example.org/synthetic",
    text="SYNTHETIC: the parties cease fire.",
    obligations=[
        ceasefire_obligation(
            "syn-1-nth",
            summary="Northland observes the ceasefire.",
            bearers=["NTH"],
            beneficiaries=["STH"],
            in_force=date(2025, 3, 1),
            rules=[breached_by("hostilities-by-bearer", kinds=["shelling"], actors=["bearer"])],
        ),
        ceasefire_obligation(
            "syn-1-sth",
            summary="Southland observes the ceasefire.",
            bearers=["STH"],
            beneficiaries=["NTH"],
            in_force=date(2025, 3, 1),
            rules=[breached_by("hostilities-by-bearer", kinds=["shelling"], actors=["bearer"])],
        ),
    ],
)

HEADER = "id,date,kind,actor,target,location,reported_by,reporter_party,source_url,notes\n"
ACCUSATION = (
    "S1,2025-03-03,shelling,STH,NTH,Greyhill,Northland Ministry of Defence,,"
    "https://example.org/synthetic/s1,SYNTHETIC: Northland says Southland shelled Greyhill.\n"
)


def _reporters(party: str) -> str:
    """A registry of one reporter, Northland's ministry of defence, speaking for ``party``."""
    return toml_file("SYNTHETIC reporters.", reporter("Northland Ministry of Defence", party=party))


def _status(folder: Path, reporters: str, events: str = HEADER + ACCUSATION) -> tuple[str, list[Problem]]:
    """The status of Southland's ceasefire after Northland's accusation, and the problems of the run."""
    paths = write_files(folder, parties=PARTIES, reporters=reporters, agreement=AGREEMENT, events=events)
    ledger = build_ledger(paths["agreement"], paths["events"], paths["parties"], paths["reporters"])
    result = evaluate_ledger(ledger, date(2025, 3, 10)).result("syn-1-sth")
    return result.status.value, list(ledger.problems)


def _errors(problems: list[Problem]) -> list[tuple[str, int, str]]:
    return [(Path(p.file).name, p.line, p.field) for p in problems if p.severity is Severity.ERROR]


# --------------------------------------------------------------------------- reporters


@pytest.mark.parametrize("party", ["NORTH", "Narnia"])
def test_reporters__a_party_not_in_the_registry_is_an_error_and_the_side_stays_a_side(
    tmp_path: Path, party: str
) -> None:
    """One side's accusation is alleged, not a neutral source's confirmation, when its reporter's party is misspelt.

    The reporter is left out with an error at its `party` key; its account is read as an
    unregistered reporter's (`unknown`, alleged), so Southland's ceasefire is disputed, never
    violated on Northland's word.
    """
    status, problems = _status(tmp_path, _reporters(party))
    assert status == "disputed"
    assert _errors(problems) == [("reporters.toml", 4, "$.reporters[0].party")]
    [error] = [p for p in problems if p.severity is Severity.ERROR]
    assert repr(party) in error.message
    assert "left out" in error.message


@pytest.mark.parametrize("party", ["NTH", "Northland", "republic of northland", "Northern"])
def test_reporters__a_party_given_by_name_or_alias_is_read_as_its_id(tmp_path: Path, party: str) -> None:
    """A reporter's party written as the party's name or alias is that party, as an event's actor is."""
    paths = write_files(tmp_path, parties=PARTIES, reporters=_reporters(party))
    _, reporters, problems = load_registries(paths["parties"], paths["reporters"])
    assert problems == []
    assert reporter_resolver(reporters)("northland ministry of defence") == "NTH"
    status, _ = _status(tmp_path, _reporters(party))
    assert status == "disputed"


@pytest.mark.parametrize(
    ("party", "read_as"),
    [("none", UNAFFILIATED), ("None", UNAFFILIATED), ("unaffiliated", UNAFFILIATED), ("unknown", UNKNOWN)],
)
def test_reporters__none_and_unknown_keep_their_meaning(tmp_path: Path, party: str, read_as: str) -> None:
    """`none` (or `unaffiliated`) is a source affiliated with no party; `unknown` is an unknown affiliation."""
    paths = write_files(tmp_path, parties=PARTIES, reporters=_reporters(party))
    _, reporters, problems = load_registries(paths["parties"], paths["reporters"])
    assert problems == []
    assert reporter_resolver(reporters)("Northland Ministry of Defence") == read_as


def test_reporters__a_name_given_to_reporters_of_two_parties_leaves_each_out(tmp_path: Path) -> None:
    """Two reporters of different parties sharing an alias: each is left out, whatever their order."""
    first = reporter("Northland Ministry of Defence", party="NTH", aliases=["MoD"])
    second = reporter("Southland Ministry of Defence", party="STH", aliases=["MoD"])
    third = reporter("Synthetic Wire", party="none")
    for text in (first + second + third, second + first + third):
        paths = write_files(tmp_path, parties=PARTIES, reporters=text)
        _, reporters, problems = load_registries(paths["parties"], paths["reporters"])
        assert [r.name for r in reporters] == ["Synthetic Wire"]
        assert _errors(problems) == [
            ("reporters.toml", 4, "$.reporters[0].aliases"),
            ("reporters.toml", 8, "$.reporters[1].aliases"),
        ]
        assert all("NTH at" in p.message and "STH at" in p.message for p in problems)


def test_reporters__a_name_written_with_surrounding_spaces_is_the_same_name(tmp_path: Path) -> None:
    """' mod ' and 'MoD' are one name as an account's reporter is looked up: reporters of two
    parties giving them clash as if written alike (' mod ' was unreachable, and 'MoD' Northland's)."""
    first = reporter("Northland Ministry of Defence", party="NTH", aliases=["MoD"])
    second = reporter("Southland Ministry of Defence", party="STH", aliases=[" mod "])
    paths = write_files(tmp_path, parties=PARTIES, reporters=toml_file("SYNTHETIC reporters.", first, second))
    _, reporters, problems = load_registries(paths["parties"], paths["reporters"])
    assert reporters == ()
    assert _errors(problems) == [
        ("reporters.toml", 5, "$.reporters[0].aliases"),
        ("reporters.toml", 10, "$.reporters[1].aliases"),
    ]
    assert reporter_resolver(reporters)("MoD") is None


def test_reporters__the_bundled_ones_beside_another_registry_give_no_problem() -> None:
    """The bundled reporters beside the Georgia registry keep those whose party it gives, without a problem.

    That file was written for the bundled conflict: a reporter of Armenia is no mistake in it.
    """
    _, reporters, problems = load_registries(ROOT / "examples" / "georgia-2008-parties.toml", None)
    assert problems == []
    resolve = reporter_resolver(reporters)
    assert (resolve("TASS"), resolve("Reuters")) == ("RUS", UNAFFILIATED)
    assert resolve("Ministry of Defence of Armenia") is None


def test_reporters__forgetting_the_reporters_file_is_named_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Own --parties, bundled reporters: each unregistered reporter's warning says that --reporters is missing.

    The report keeps the reader's words (only the command line speaks in flags), and a run that
    gives its reporters, or the bundled parties, gets the warning as it was.
    """
    paths = write_files(tmp_path, parties=PARTIES, agreement=AGREEMENT, reporters=_reporters("none"))
    (tmp_path / "events.csv").write_text(HEADER + ACCUSATION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    doc = (ROOT / "docs" / "agreement-format.md").read_text(encoding="utf-8")
    shown = doc.split("says that `--reporters` is missing:\n\n```text\n", 1)[1].split("```", 1)[0]
    for given in (["--parties", "parties.toml"], ["parties.toml"]):
        assert main(["validate", "agreement.toml", "events.csv", *given]) == 0
        warnings = [line for line in capsys.readouterr().err.splitlines() if "reporter_party" in line]
        assert [f"{line}\n" for line in warnings] == [shown]
    assert (
        main(
            [
                "report",
                "--agreement-file",
                "agreement.toml",
                "--events",
                "events.csv",
                "--parties",
                "parties.toml",
            ]
        )
        == 0
    )
    out, err = capsys.readouterr()
    assert "--reporters: the bundled reporter registry is in use" in err
    assert "give reporter\\_party) |" in out  # the report's table: the reader's words
    for other in (
        ["--parties", "parties.toml", "--reporters", "reporters.toml"],
        ["parties.toml", "reporters.toml"],
    ):
        main(["validate", "agreement.toml", "events.csv", *other])
        assert "--reporters" not in capsys.readouterr().err
    paths["events"] = tmp_path / "events.csv"
    ledger = build_ledger(paths["agreement"], paths["events"], paths["parties"])
    [warning] = [p for p in ledger.problems if p.field == "reporter_party"]
    assert warning.message.endswith("(give reporter_party)")


def test_parties__forgetting_the_party_file_is_named_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bundled parties, an agreement and accounts of another conflict: every "unknown party"
    problem (agreement, events and a reporter registry given alone) says on standard error that
    the bundled party registry is in use and names --parties, in report, validate and check. The
    report keeps the reader's words, and a run that gives its parties gets no such hint."""
    write_files(tmp_path, parties=PARTIES, agreement=AGREEMENT, reporters=_reporters("NTH"))
    (tmp_path / "events.csv").write_text(HEADER + ACCUSATION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    hint = (
        "the bundled party registry is in use, which holds the bundled conflict's parties only: "
        "give your parties with --parties FILE"
    )
    given = ["--agreement-file", "agreement.toml", "--events", "events.csv", "--reporters", "reporters.toml"]
    assert main(["report", *given]) == 0
    out, err = capsys.readouterr()
    unknown = [line for line in err.splitlines() if "unknown party '" in line]
    files = {line.split(":", 1)[0] for line in unknown}
    assert files == {"agreement.toml", "events.csv", "reporters.toml"}
    assert all(line.endswith(f"; {hint}") for line in unknown), unknown
    assert "--parties" not in out
    assert main(["validate", "agreement.toml", "events.csv"]) == 1
    unknown = [line for line in capsys.readouterr().err.splitlines() if "unknown party '" in line]
    assert unknown
    assert all(line.endswith(f"; {hint}") for line in unknown), unknown
    main(["check", "agreement.toml", "--examples", "1"])  # (no agreement loads: nothing to run)
    unknown = [line for line in capsys.readouterr().err.splitlines() if "unknown party '" in line]
    assert unknown
    assert all(line.endswith(f"; {hint}") for line in unknown), unknown
    for own in (["--parties", "parties.toml"], ["parties.toml"]):
        main(["validate", "agreement.toml", "events.csv", *own])
        assert "--parties" not in capsys.readouterr().err


@pytest.mark.parametrize("value", ["NORTH", "unknown"])
def test_csv_reporter_party__a_value_that_is_no_party_rejects_the_row(tmp_path: Path, value: str) -> None:
    """The events' `reporter_party` column is read as `actor` is: a party the registry does not give is an error."""
    events = HEADER + ACCUSATION.replace("Defence,,", f"Defence,{value},")
    status, problems = _status(tmp_path, _reporters("NTH"), events)
    assert status == "complied"
    assert _errors(problems) == [("events.csv", 2, "reporter_party")]


# --------------------------------------------------------------------------- parties


def _clash(second_alias: str) -> str:
    return PARTIES.replace('aliases = ["Republic of Southland", "Southern"]', f'aliases = ["{second_alias}"]')


def test_parties__an_alias_given_to_two_parties_names_neither(tmp_path: Path) -> None:
    """Southland given Northland's alias 'Northern': an error at both entries, and 'Northern' names neither.

    Keeping the first made an account with actor 'Northern' breach Northland's ceasefire. Now it
    is rejected as naming an unknown party, whichever entry comes first.
    """
    registry = _clash("Northern")
    north, south = registry.index('[[parties]]\nid = "NTH"'), registry.index('[[parties]]\nid = "STH"')
    swapped = registry[:north] + registry[south : registry.index('[[parties]]\nid = "MED"')]
    swapped += registry[north:south] + registry[registry.index('[[parties]]\nid = "MED"') :]
    for text in (registry, swapped):
        paths = write_files(tmp_path, parties=text)
        parties, problems = load_parties_file(paths["parties"])
        assert parties is not None
        assert parties.resolve("northern") is None
        assert (parties.resolve("Northland"), parties.resolve("Southland")) == ("NTH", "STH")
        assert sorted(p.field for p in problems) == ["$.parties[0].aliases", "$.parties[1].aliases"]
        for problem in problems:
            assert re.search(
                r"NTH at .*parties\.toml:\d+, STH at|STH at .*parties\.toml:\d+, NTH at", problem.message
            )
            assert text.splitlines()[problem.line - 1].startswith("aliases")
    events = (
        HEADER
        + "A1,2025-03-04,shelling,Northern,,Greyhill,Synthetic Wire,none,https://example.org/a1,SYNTHETIC\n"
    )
    paths = write_files(tmp_path, parties=registry, agreement=AGREEMENT, events=events)
    ledger = build_ledger(paths["agreement"], paths["events"], paths["parties"])
    assert evaluate_ledger(ledger, date(2025, 3, 10)).result("syn-1-nth").status.value == "complied"
    assert ("events.csv", 2, "actor") in _errors(list(ledger.problems))


def test_parties__a_name_of_one_party_that_is_another_party_s_id_names_neither(tmp_path: Path) -> None:
    """A clash between one party's id and another's alias is the same mistake, reported at both keys."""
    parties, problems = load_parties_file(write_files(tmp_path, parties=_clash("MED"))["parties"])
    assert parties is not None
    assert parties.resolve("MED") is None
    assert sorted(p.field for p in problems) == ["$.parties[1].aliases", "$.parties[2].id"]


def test_parties__a_duplicate_id_leaves_every_entry_that_gives_it_out(tmp_path: Path) -> None:
    """Two entries with id NTH: an error at both naming both lines, and neither is used."""
    text = PARTIES.replace('id = "STH"', 'id = "NTH"')
    parties, problems = load_parties_file(write_files(tmp_path, parties=text)["parties"])
    assert parties is not None
    assert parties.ids == {"MED"}
    assert (parties.resolve("Northland"), parties.resolve("Southland")) == (None, None)
    twice = [p for p in problems if "duplicate party id 'NTH'" in p.message]
    assert sorted((p.line, p.field) for p in twice) == [(3, "$.parties[0].id"), (8, "$.parties[1].id")]
    assert all(re.search(r"parties\.toml:3, .*parties\.toml:8\)", p.message) for p in twice)
    assert [p.field for p in problems if p not in twice] == ["$.conflicts[0].sides"]  # STH is no id now


@pytest.mark.parametrize(
    ("sides", "words"),
    [
        ('[["NTH"], ["STHX"]]', "unknown party 'STHX'"),
        ('[["NTH"], ["Southland"]]', "it is a name of STH"),
        ('[["NTH", "STH"], ["STH"]]', "'STH' is on both sides"),
    ],
)
def test_parties__a_side_naming_no_party_of_the_registry_is_an_error(
    tmp_path: Path, sides: str, words: str
) -> None:
    """A conflict's side naming a party the registry does not give (or one on both sides): an error at `sides`."""
    text = PARTIES.replace('sides = [["NTH"], ["STH"]]', f"sides = {sides}")
    parties, problems = load_parties_file(write_files(tmp_path, parties=text)["parties"])
    assert parties is not None
    [problem] = problems
    assert (problem.line, problem.field) == (len(text.splitlines()), "$.conflicts[0].sides")
    assert words in problem.message
    assert not parties.is_side("STH")


def test_registries__the_bundled_files_load_without_a_problem() -> None:
    """The bundled party and reporter registries have no clash, duplicate or unknown party."""
    parties, reporters, problems = load_registries()
    assert problems == []
    assert {r.party for r in reporters} <= parties.ids | {UNAFFILIATED}


def test_registries__the_problems_shown_in_the_docs_are_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/agreement-format.md shows the problems of an alias clash and an unknown reporter party as the loader gives them."""
    doc = (ROOT / "docs" / "agreement-format.md").read_text(encoding="utf-8")
    shown = doc.split("## Party and reporter registries", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    (tmp_path / "parties.toml").write_text(_clash("Northern"), encoding="utf-8")
    (tmp_path / "reporters.toml").write_text(_reporters("NORTH"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, _, problems = load_registries(Path("parties.toml"), Path("reporters.toml"))
    assert "".join(f"{p}\n" for p in problems) == shown


def test_reporters__the_bundled_file_named_beside_another_registry_gives_no_problem() -> None:
    """`--reporters agreements/reporters.toml` is the bundled file, read as it is by default beside other parties."""
    parties = ROOT / "examples" / "georgia-2008-parties.toml"
    named = load_registries(parties, ROOT / "agreements" / "reporters.toml")
    assert named == load_registries(parties, None)
    assert named[2] == []


def test_trust__a_party_the_registry_does_not_give_is_no_independent_source() -> None:
    """An account whose reporter_party is no party of the registry (an event built in code) is unknown, not independent."""
    agreement, problems = load_agreement_text(AGREEMENT, "agreement.toml")
    assert agreement is not None, problems
    registry = PartyRegistry.of(
        (
            Party("NTH", "Northland"),
            Party("STH", "Southland"),
            Party("MED", "Mediator State"),
            Party("OBS", "Observer"),
        )
    )
    stakes = Stakes.of(agreement)
    assert classify("NORTH", ("STH",), stakes, registry)[0] is SourceClass.UNKNOWN
    assert classify("OBS", ("STH",), stakes, registry)[0] is SourceClass.INDEPENDENT


def test_validate__a_registry_with_a_bad_entry_is_used_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`validate parties.toml agreement.toml events.csv` with an alias clash in the parties file:
    the registry is used without the clashing alias, as --parties uses it, so the problems are the
    clash and the one account naming it. It fell back to the bundled registry, which knows no
    party of the agreement or the accounts: every line became an "unknown party" error."""
    events = HEADER + ACCUSATION.replace("Northland Ministry of Defence,", "Synthetic Wire,none")
    write_files(tmp_path, parties=_clash("Northern"), agreement=AGREEMENT, events=events)
    capsys.readouterr()
    main(["validate", *(str(tmp_path / n) for n in ("parties.toml", "agreement.toml", "events.csv"))])
    err = capsys.readouterr().err
    assert "unknown party" not in err, err
    assert "events: read 1, linked 1, unlinked 0, rejected 0" in err
    problems = [line for line in err.splitlines() if str(tmp_path) in line.split(": ")[0]]
    assert [line.split(": ")[0].rsplit("/", 1)[-1] for line in problems] == [
        "parties.toml:5",
        "parties.toml:10",
    ]
    assert "2 error(s), 0 warning(s)" in err
