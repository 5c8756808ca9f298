"""A conflict's own gazetteer (``--gazetteer FILE``, ``build_ledger(gazetteer_path=...)``) replaces the bundled one.

Every fixture here is SYNTHETIC: Eastland, Westland, the Amber Valley and their towns are
fictional, and XE/XW are ISO 3166-1 user-assigned codes standing for the two countries.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import agreements as bundled
from compliance.cli import main
from compliance.cli.arguments import parser
from compliance.core.problems import InputError
from compliance.linking.ledger import Ledger, build_ledger
from compliance.load.places import GIVE_YOUR_AREAS
from tests.fictional import (
    area,
    breached_by,
    ceasefire,
    ceasefire_obligation,
    conflict,
    party,
    place,
    reporter,
    section,
    toml_file,
    write_files,
)

ROOT = Path(__file__).parent.parent

PARTIES = toml_file(
    "SYNTHETIC party registry: fictional parties.",
    party("EST", "Eastland"),
    party("WST", "Westland"),
    conflict("east-west", sides=[["EST"], ["WST"]]),
)

REPORTERS = toml_file(
    "SYNTHETIC reporter registry: a fictional monitor affiliated with no party.",
    reporter("Fictional Monitoring Mission", party="none"),
)

PLACES = toml_file(
    "SYNTHETIC gazetteer: fictional areas and places.",
    area("amber-valley", "Amber Valley (fictional)", countries=["XE"]),
    area("frost-hills", "Frost Hills (fictional)", countries=["XW"]),
    place(["Amberton"], country="XE", kind="town", areas=["amber-valley"]),
    place(["Coldwater"], country="XW", kind="town", areas=["frost-hills"]),
)


def agreement(scope: str) -> str:
    """Eastland's ceasefire in the Amber Valley, with the given ``[scope]``."""
    return ceasefire(
        "SYNTHETIC agreement between fictional parties.",
        id="east-west-2025",
        title="SYNTHETIC Eastland-Westland ceasefire (fictional)",
        short_title="SYNTHETIC Eastland-Westland ceasefire",
        signed=date(2025, 1, 10),
        signatories=["EST", "WST"],
        source="https://example.org/synthetic/east-west",
        scope=scope,
        text="SYNTHETIC: a ceasefire in the Amber Valley.",
        obligations=[
            ceasefire_obligation(
                "ew-1-ceasefire-est",
                summary="Eastland observes the ceasefire.",
                bearers=["EST"],
                beneficiaries=["WST"],
                in_force=date(2025, 1, 10),
                rules=[
                    breached_by("hostilities-by-bearer", kinds=["shelling"], actors=["bearer"]),
                    breached_by("hostilities-unattributed", kinds=["shelling"], actors=["unknown"]),
                ],
            )
        ],
    )


AREAS = section("scope", areas=["amber-valley"])
COUNTRIES = section("scope", countries=["XE"])

EVENTS = """id,date,kind,actor,location,reported_by,reported_on,source_url,notes
F1,2025-02-01,shelling,,Amberton,Fictional Monitoring Mission,2025-02-02,https://example.org/synthetic/f1,SYNTHETIC: shelling in Amberton; no side named.
F2,2025-02-03,shelling,,Coldwater,Fictional Monitoring Mission,2025-02-04,https://example.org/synthetic/f2,SYNTHETIC: shelling in Coldwater (outside the Amber Valley); no side named.
"""


def write(folder: Path, scope: str = AREAS) -> dict[str, Path]:
    """The synthetic files in ``folder``: agreement (with the given scope), registries, gazetteer, events."""
    return write_files(
        folder, agreement=agreement(scope), parties=PARTIES, reporters=REPORTERS, places=PLACES, events=EVENTS
    )


def ledger(files: dict[str, Path], gazetteer: Path | str | None) -> Ledger:
    return build_ledger(
        [files["agreement"]],
        [files["events"]],
        parties_path=files["parties"],
        reporters_path=files["reporters"],
        gazetteer_path=gazetteer,
    )


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "compliance", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_gazetteer__a_scope_area_of_ones_own_gazetteer_loads_and_an_account_naming_no_party_links_there(
    tmp_path: Path,
) -> None:
    """build_ledger(gazetteer_path=...) checks the scope against that file (the agreement loads)
    and places accounts by it: the monitor's account of shelling in Amberton, naming no side, links
    (its place is in the agreement's area); the one in Coldwater, in another area, does not."""
    files = write(tmp_path)
    for given in (files["places"], str(files["places"])):
        built = build_ledger(
            [files["agreement"]],
            [files["events"]],
            parties_path=files["parties"],
            reporters_path=files["reporters"],
            gazetteer_path=given,
        )
        assert built.problems == ()
        assert [a.id for a in built.agreements] == ["east-west-2025"]
        assert [(link.event, link.obligation) for link in built.links] == [("F1", "ew-1-ceasefire-est")]
        assert built.accounting.unlinked_reasons == {"outside the agreement's area": 1}


def test_gazetteer__linking_reads_the_gazetteer_given(tmp_path: Path) -> None:
    """An agreement scoped by a country loads with either gazetteer; an account naming no party
    links only where the gazetteer in use places it inside: Amberton (XE) links and Coldwater (XW)
    is outside with this file, and both are unplaced, so unlinked, with the bundled one."""
    files = write(tmp_path, COUNTRIES)
    without = ledger(files, None)
    with_own = ledger(files, files["places"])
    assert (with_own.problems, without.problems) == ((), ())
    assert [link.event for link in with_own.links] == ["F1"]
    assert with_own.accounting.unlinked_reasons == {"outside the agreement's area": 1}
    assert without.links == ()
    assert without.accounting.unlinked_reasons == {"no party to the agreement involved": 2}


def test_gazetteer__without_it_an_area_of_another_conflict_is_an_error_saying_where_areas_come_from(
    tmp_path: Path,
) -> None:
    """The agreement is left out with an error that names the bundled gazetteer and says to give
    one's own; on standard error the command line names --gazetteer. An area missing from one's
    own gazetteer names that file."""
    files = write(tmp_path)
    built = ledger(files, None)
    assert built.agreements == ()
    [problem] = [p for p in built.problems if "amber-valley" in p.message]
    assert (problem.file, problem.field) == (str(files["agreement"]), "$.scope.areas[0]")
    assert problem.message == (
        "unknown area 'amber-valley': not in the bundled gazetteer <bundled>/places.toml, "
        f"which holds the bundled conflict's areas only; {GIVE_YOUR_AREAS}"
    )
    common = ("--parties", str(files["parties"]), "--reporters", str(files["reporters"]))
    result = cli("validate", str(files["agreement"]), *common)
    assert result.returncode == 1
    assert "unknown area 'amber-valley': not in the bundled gazetteer <bundled>/places.toml" in result.stderr
    assert "give your areas with --gazetteer FILE" in result.stderr
    other = tmp_path / "other-places.toml"
    other.write_text(PLACES.replace('"amber-valley"', '"amber-vale"'), encoding="utf-8")
    [missing] = [p for p in ledger(files, other).problems if "amber-valley" in p.message]
    assert f"not in the gazetteer {other}; define it there" in missing.message


def test_gazetteer__every_command_that_loads_agreements_takes_it(tmp_path: Path) -> None:
    """report, timeline, activity, diff, lineage, agreements and validate accept --gazetteer and
    load the agreement whose scope names an area of that file (report gave "unrecognized arguments")."""
    files = write(tmp_path)
    registries = (
        "--parties", str(files["parties"]), "--reporters", str(files["reporters"]),
        "--gazetteer", str(files["places"]),
    )  # fmt: skip
    common = ("--agreement-file", str(files["agreement"]), *registries, "--strict")
    period = ("--events", str(files["events"]), "--from", "2025-01-01", "--to", "2025-03-01")
    runs = {
        "report": cli("report", *common, "--events", str(files["events"]), "--as-of", "2025-03-01"),
        "timeline": cli("timeline", *common, *period),
        "activity": cli("activity", *common, *period),
        "diff": cli("diff", *common, *period),
        "lineage": cli("lineage", "ew-1-ceasefire-est", *common, "--as-of", "2025-03-01"),
        "agreements": cli("agreements", *common),
        "validate": cli("validate", str(files["agreement"]), str(files["events"]), *registries),
    }
    assert {name: (r.returncode, r.stderr) for name, r in runs.items()} == {
        name: (0, r.stderr) for name, r in runs.items()
    }
    assert "Agreements: 1." in runs["report"].stdout
    assert "ew-1-ceasefire-est" in runs["agreements"].stdout
    for command in ("report", "timeline", "activity", "diff", "lineage", "agreements", "validate", "check"):
        extra = {"lineage": ["X"], "validate": ["f.csv"], "timeline": period[2:], "activity": period[2:],
                 "diff": period[2:]}.get(command, [])  # fmt: skip
        assert parser().parse_args([command, *extra, "--gazetteer", "g.toml"]).gazetteer == Path("g.toml")


def test_gazetteer__check_reads_scopes_against_it(tmp_path: Path) -> None:
    """`compliance check FILE --gazetteer G` checks the scope against G (it said "unknown area")."""

    files = write(tmp_path)
    result = cli(
        "check", str(files["agreement"]), "--parties", str(files["parties"]),
        "--gazetteer", str(files["places"]), "--examples", "2",
    )  # fmt: skip
    assert "unknown area" not in result.stderr
    assert "1 obligation(s) checked; 0 error(s)" in result.stderr


def test_gazetteer__check_places_generated_accounts_by_it(tmp_path: Path) -> None:
    """A rule whose only place lies outside the obligation's area links nothing: given the
    gazetteer, check finds a breach only through an explicit link (its generated accounts were
    placed by the bundled one, where Coldwater is unknown, so the rule linked them and the
    witness was an account of shelling in Coldwater that a run with the gazetteer does not link)."""

    files = write(tmp_path)
    text = files["agreement"].read_text(encoding="utf-8")
    files["agreement"].write_text(
        text.replace('effect = "breaches"', 'effect = "breaches"\nplaces = ["Coldwater"]'), encoding="utf-8"
    )
    from compliance.core.vocabulary import Status
    from compliance.testing import Check

    result = Check.load(
        files["agreement"], parties_path=files["parties"], gazetteer=files["places"], examples=20
    )
    assert result.problems == ()
    [obligation] = result.obligations
    [violated] = [w for w in obligation.witnesses if w.status is Status.VIOLATED]
    assert all(event.links for event in violated.events), violated.events


def test_gazetteer__validate_uses_a_gazetteer_given_among_its_files(tmp_path: Path) -> None:
    """`validate places.toml agreement.toml parties.toml reporters.toml events.csv` reads the
    agreement and the accounts with that gazetteer, as it does a registry given among its files."""
    files = write(tmp_path)
    result = cli(
        "validate", *(str(files[k]) for k in ("places", "agreement", "parties", "reporters", "events"))
    )
    assert result.returncode == 0, result.stderr
    assert "events: read 2, linked 1, unlinked 1, rejected 0" in result.stderr
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_gazetteer__a_broken_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    """A gazetteer with problems stops the run as a broken party registry does (exit 1, each
    problem naming the file); given among validate's files, its problems are listed."""
    files = write(tmp_path)
    broken = tmp_path / "my-places.toml"
    broken.write_text(PLACES.replace('areas = ["amber-valley"]', 'areas = ["amber-valey"]'), encoding="utf-8")
    with pytest.raises(InputError, match=r"my-places\.toml:\d+: \$\.places\[0\]\.areas\[0\]: unknown area"):
        ledger(files, broken)
    common = ("--parties", str(files["parties"]), "--gazetteer", str(broken))
    for run in (
        cli("report", "--agreement-file", str(files["agreement"]), *common),
        cli("validate", str(files["agreement"]), *common),
        cli("report", "--gazetteer", str(tmp_path / "missing.toml")),
    ):
        assert run.returncode == 1
        assert run.stderr.startswith("compliance: ")
        assert "my-places.toml" in run.stderr or "missing.toml: cannot read" in run.stderr
    among = cli("validate", str(broken), str(files["agreement"]), "--parties", str(files["parties"]))
    assert among.returncode == 1
    assert f"{broken}:" in among.stderr


def test_gazetteer__the_bundled_report_is_the_same_with_the_bundled_file_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--gazetteer agreements/places.toml` gives the bundled report byte for byte."""
    outputs = []
    for extra in ([], ["--gazetteer", str(bundled.PLACES_FILE)]):
        assert main(["report", "--as-of", "2024-06-30", *extra]) == 0
        outputs.append(capsys.readouterr())
    assert outputs[0].out == outputs[1].out
    assert outputs[0].err == outputs[1].err
    assert outputs[0].out.startswith("# Compliance report as of 2024-06-30")


def test_gazetteer__the_documented_example_and_message_are_the_loaders(tmp_path: Path) -> None:
    """docs/agreement-format.md: the gazetteer example loads without a problem, and the
    unknown-area line it shows is the message standard error gives."""
    from compliance.cli.output import with_gazetteer_hint
    from compliance.load.places import load_places_text

    doc = (ROOT / "docs" / "agreement-format.md").read_text(encoding="utf-8")
    example = doc.split("## Gazetteer", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    gazetteer, problems = load_places_text(example, "example.toml")
    assert problems == []
    assert gazetteer is not None
    assert {"red-river-salient", "contact-zone"} == gazetteer.resolve("Redford").areas
    [shown] = [line for line in doc.splitlines() if "unknown area 'red-river-salient'" in line]
    files = write(tmp_path, section("scope", areas=["red-river-salient"]))
    [problem] = with_gazetteer_hint(ledger(files, None).problems)
    assert shown.endswith(f": {problem.message}")


def test_gazetteer__validating_it_alone_checks_only_that_file(tmp_path: Path) -> None:
    """`compliance validate places.toml`, which the docs offer to list a gazetteer's problems,
    checked the bundled agreements against it: a sound gazetteer of another conflict gave an
    "unknown area" error for every bundled scope, and exit 1."""
    files = write(tmp_path)
    result = cli("validate", str(files["places"]))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "0 error(s), 0 warning(s)"


def test_gazetteer__every_law_links_with_the_gazetteer_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """`compliance check --gazetteer G` ran its laws with files linked by the bundled gazetteer:
    their counterexamples, or their silence, were about a linking no run with G does. Every law
    now links with the gazetteer it is given (each call of ``links_for`` is recorded)."""
    from datetime import date

    from compliance.load.places import load_gazetteer
    from compliance.testing import laws
    from tests.support import AGREEMENTS, PARTIES, ledger_from_csv, rows

    given = load_gazetteer(ROOT / "agreements" / "places.toml")  # equal to the bundled one, not it
    assert given is not load_gazetteer(None)
    seen: list[object] = []
    plain = laws.links_for

    def recording(*args: object, **kwargs: object) -> object:
        seen.append(args[3] if len(args) > 3 else kwargs.get("gazetteer"))
        return plain(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(laws, "links_for", recording)
    events = list(
        ledger_from_csv(rows("C1,2021-07-28,,armed-clash,AZE,Yeraskh,Reuters,none,,,,synthetic")).events
    )
    for name, law in laws.LAWS.items():
        seen.clear()
        law(AGREEMENTS, PARTIES, events, date(2021, 12, 31), gazetteer=given)
        assert seen, name
        assert all(g is given for g in seen), name
