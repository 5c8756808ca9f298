"""Party and reporter registries are pluggable: an agreement of another conflict runs with its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from compliance.linking.ledger import build_ledger

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
AGREEMENT = EXAMPLES / "georgia-2008-six-point-plan.toml"
PARTIES = EXAMPLES / "georgia-2008-parties.toml"
EVENTS = EXAMPLES / "georgia-2008-events.csv"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "compliance", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_registries__build_ledger_takes_the_example_parties() -> None:
    """build_ledger with the example's parties file links all 10 accounts and finds no problem."""
    ledger = build_ledger([AGREEMENT], [EVENTS], parties_path=PARTIES)
    assert (ledger.problems, ledger.accounting.linked, ledger.accounting.read) == ((), 10, 10)


def test_registries__the_bundled_parties_do_not_know_georgia() -> None:
    """Without the example's parties, accounts naming Georgia are rejected, without naming a file not in use."""
    ledger = build_ledger([AGREEMENT], [EVENTS])
    assert ledger.accounting.rejected > 0
    assert any("unknown party 'GEO'" in p.message for p in ledger.problems)


def test_registries__problems_name_the_registry_file_in_use(tmp_path: Path) -> None:
    """A broken parties file given on the command line is named in the error, not the bundled one."""
    bad = tmp_path / "my-parties.toml"
    bad.write_text("[[parties]]\nid = 'x'\nname = 'X'\n", encoding="utf-8")
    result = cli("report", "--agreement-file", str(AGREEMENT), "--parties", str(bad), "--events", str(EVENTS))
    assert result.returncode == 1
    assert "my-parties.toml" in result.stderr
    assert "agreements/parties.toml" not in result.stderr


def test_registries__the_example_runs_with_the_plain_cli() -> None:
    """`compliance report` with --parties runs the Georgia example with no problem and its statuses."""
    result = cli(
        "report",
        "--agreement-file", str(AGREEMENT),
        "--parties", str(PARTIES),
        "--events", str(EVENTS),
        "--as-of", "2008-10-31",
        "--strict",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Problems: 0." in result.stdout
    for status in ("disputed", "complied", "fulfilled", "overdue", "not-assessable"):
        assert status in result.stdout


def test_registries__every_ledger_command_takes_the_registries() -> None:
    """validate, agreements, timeline, diff and lineage accept --parties and --reporters."""
    reporters = ROOT / "agreements" / "reporters.toml"
    common = ("--parties", str(PARTIES), "--reporters", str(reporters))
    runs = [
        cli("validate", str(AGREEMENT), str(EVENTS), *common),
        cli("agreements", "--agreement-file", str(AGREEMENT), *common, "--strict"),
        cli("timeline", "--agreement-file", str(AGREEMENT), "--events", str(EVENTS), *common,
            "--from", "2008-08-01", "--to", "2008-11-01", "--strict"),
        cli("diff", "--agreement-file", str(AGREEMENT), "--events", str(EVENTS), *common,
            "--from", "2008-08-01", "--to", "2008-11-01", "--strict"),
        cli("lineage", "sp2008-4-withdrawal-geo", "--agreement-file", str(AGREEMENT), "--events", str(EVENTS),
            *common, "--as-of", "2008-11-01", "--strict"),
    ]  # fmt: skip
    assert [(r.returncode, r.stderr) for r in runs] == [(0, r.stderr) for r in runs]
    assert "0 error(s)" in runs[0].stderr


def test_registries__validate_reads_the_other_files_with_a_registry_it_is_given() -> None:
    """`validate PARTIES.toml AGREEMENT.toml EVENTS.csv` checks the agreement and events against that party file."""
    result = cli("validate", str(PARTIES), str(AGREEMENT), str(EVENTS))
    assert result.returncode == 0, result.stderr
    assert "unknown party" not in result.stderr
    assert "events: read 10, linked 10, unlinked 0, rejected 0" in result.stderr
    assert "0 error(s)" in result.stderr


def test_registries__validate_keeps_the_party_file_named_by_the_flag(tmp_path: Path) -> None:
    """With --parties, a party file among the files is checked but the flag's file is the one in use."""
    other = tmp_path / "other-parties.toml"
    other.write_bytes((ROOT / "agreements" / "parties.toml").read_bytes())
    result = cli("validate", str(other), str(AGREEMENT), str(EVENTS), "--parties", str(PARTIES))
    assert result.returncode == 0, result.stderr
    flipped = cli("validate", str(PARTIES), str(AGREEMENT), str(EVENTS), "--parties", str(other))
    assert flipped.returncode == 1
    assert "unknown party 'GEO'" in flipped.stderr


def test_registries__another_registry_without_events_reads_no_bundled_account() -> None:
    """With --parties and no --events, a command reads no account, with one warning saying why:
    the bundled accounts, coded with the bundled parties, were read with the new conflict's
    registry and gave "unknown party" errors and warnings about data the user never gave."""
    for command in (
        ("report", "--as-of", "2008-10-31"),
        ("lineage", "sp2008-4-withdrawal-geo", "--as-of", "2008-10-31"),
    ):
        result = cli(*command, "--agreement-file", str(AGREEMENT), "--parties", str(PARTIES), "--strict")
        assert result.returncode == 0, result.stderr
        lines = result.stderr.strip().splitlines()
        assert [line for line in lines if "<bundled>" in line] == [
            "<bundled>/events.csv:0: -: warning: not read: the bundled accounts go with the bundled "
            "party registry, not the one --parties names; give --events to read accounts"
        ], result.stderr
    report = cli(
        "report", "--agreement-file", str(AGREEMENT), "--parties", str(PARTIES), "--as-of", "2008-10-31"
    )
    assert "Event records read: 0 (linked 0, unlinked 0, rejected 0)" in report.stdout


def test_registries__validating_another_registry_alone_checks_only_that_file() -> None:
    """`validate georgia-2008-parties.toml` checked the bundled agreements against that registry:
    every Armenian, Azerbaijani and Russian party was an error about files the user did not give.
    With no agreement file, the bundled agreements are checked only with the bundled registry."""
    alone = cli("validate", str(PARTIES))
    assert alone.returncode == 0, alone.stderr
    assert alone.stderr.strip().splitlines()[-1] == "0 error(s), 0 warning(s)"
    bundled = cli("validate", str(ROOT / "agreements" / "events.csv"))  # the bundled ones, still checked
    assert bundled.returncode == 0, bundled.stderr
    assert "events: read 194, linked 194" in bundled.stderr


def test_registries__validate_takes_files_after_its_options() -> None:
    """`validate agreement.toml --parties parties.toml events.csv`: files after an option were an
    "unrecognized arguments" usage error. An unknown option still is one."""
    mixed = cli("validate", str(AGREEMENT), "--parties", str(PARTIES), str(EVENTS))
    first = cli("validate", str(AGREEMENT), str(EVENTS), "--parties", str(PARTIES))
    assert (mixed.returncode, mixed.stderr) == (first.returncode, first.stderr) == (0, first.stderr)
    assert "events: read 10, linked 10" in mixed.stderr
    wrong = cli("validate", str(AGREEMENT), "--parties", str(PARTIES), "--bogus", str(EVENTS))
    assert wrong.returncode == 2
    assert "unrecognized arguments: --bogus" in wrong.stderr


def test_registries__a_reporters_file_that_is_none_stops_the_run_as_a_parties_file_does() -> None:
    """The party file given as --reporters: every reporter was read as unregistered, with one
    problem at line 0, and the run went on to a report graded on nobody's registry (exit 0). A
    file that cannot be read as a registry stops the run, as a broken --parties file does."""
    result = cli(
        "report", "--agreement-file", str(AGREEMENT), "--parties", str(PARTIES), "--reporters", str(PARTIES),
        "--events", str(EVENTS), "--as-of", "2008-10-31",
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{PARTIES.relative_to(ROOT)}:" in result.stderr or str(PARTIES) in result.stderr
    assert "$.reporters: required key missing" in result.stderr
