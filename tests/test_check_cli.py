"""`compliance check`: reachable statuses with a witness for each obligation, and exit 1 on a law counterexample or an error."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from compliance.cli import main
from compliance.core.events import Event
from compliance.core.parties import PartyRegistry
from compliance.testing.laws import LAWS
from tests.support import evaluate_csv

ROOT = Path(__file__).parent.parent
GEORGIA = ("examples/georgia-2008-six-point-plan.toml", "--parties", "examples/georgia-2008-parties.toml")


def test_check__trilateral_lists_every_obligation_with_witnesses() -> None:
    """check --agreement trilateral-2020 lists all 26 obligations, each status with a witness file that reproduces it."""
    result = subprocess.run(
        [sys.executable, "-m", "compliance", "check", "--agreement", "trilateral-2020", "--examples", "8",
         "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "ceasefire-compliance/check/1"
    keys = {"schema", "examples", "seed", "gazetteer", "problems", "laws", "counterexamples", "obligations"}
    assert set(data) == keys  # as documented in docs/checking-an-encoding.md
    assert set(data["obligations"][0]) == {
        "agreement",
        "obligation",
        "kind",
        "modality",
        "warnings",
        "reachable",
    }
    assert len(data["obligations"]) == 26
    assert all(ob["reachable"] for ob in data["obligations"])
    aghdam = next(ob for ob in data["obligations"] if ob["obligation"] == "ts2020-2-aghdam")
    for witness in aghdam["reachable"]:
        got = evaluate_csv(witness["events_csv"], date.fromisoformat(witness["as_of"]))
        assert got.result("ts2020-2-aghdam").status.value == witness["status"]
    assert set(data["laws"].values()) == {"held"}


def test_check__same_seed_same_output(capsys: pytest.CaptureFixture[str]) -> None:
    """Two runs with the same seed print byte-identical output."""
    outputs = []
    for _ in range(2):
        assert main(["check", *GEORGIA, "--examples", "4"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert "sp2008-4-withdrawal-geo" in outputs[0]


def test_check__the_output_is_the_same_installed_or_run_from_a_clone(tmp_path: Path) -> None:
    """Hypothesis draws constants from the source of the local modules imported: run from a clone
    the library's modules are local, installed under site-packages they are not. So for the same
    files and seed, `pip install .` printed other witnesses than the documented ones, made from a
    clone. The library copied under a site-packages folder now prints what the clone prints."""
    installed = tmp_path / "venv" / "lib" / "python3" / "site-packages"
    for package in ("compliance", "agreements"):
        shutil.copytree(ROOT / package, installed / package, ignore=shutil.ignore_patterns("__pycache__"))
    georgia = [str(ROOT / GEORGIA[0]), GEORGIA[1], str(ROOT / GEORGIA[2])]
    outputs = []
    for where in (ROOT, installed):
        result = subprocess.run(
            [sys.executable, "-m", "compliance", "check", *georgia],
            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(where)},
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert "sp2008-4-withdrawal-geo" in outputs[0]
    assert outputs[1] == outputs[0]


def test_check__a_law_counterexample_exits_1_and_is_printed_as_an_event_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A law that fails is reported with its shrunk event file, and the command exits 1."""

    def broken(
        agreements: object, parties: PartyRegistry, events: list[Event], as_of: date, **_: object
    ) -> None:
        assert not events, "a law broken on purpose: any account breaks it"

    monkeypatch.setitem(LAWS, "broken on purpose", broken)
    assert main(["check", *GEORGIA, "--examples", "4"]) == 1
    out = capsys.readouterr()
    assert "### Counterexample: broken on purpose" in out.out
    assert "```csv\nid,date,kind" in out.out
    assert "law counterexample: a law broken on purpose" in out.err


def test_check__a_file_that_cannot_be_checked_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file left out for its errors is not checked: exit 1 with its problems, not 0 with nothing checked.

    Broken TOML; a later text checked without the earlier one its relations name; one good file
    beside a broken one (the good one is checked, the run still fails).
    """
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    later = tmp_path / "sochi-2021.toml"
    later.write_bytes((ROOT / "agreements" / "sochi-2021.toml").read_bytes())
    for files in ([broken], [later]):
        assert main(["check", *map(str, files), "--examples", "1"]) == 1
        err = capsys.readouterr().err
        assert f"{files[0]}:" in err
        assert err.splitlines()[-1].startswith("0 obligation(s) checked; ")
        assert "0 error(s)" not in err
    assert main(["check", str(broken), *GEORGIA, "--examples", "1"]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:" in err
    assert "0 obligation(s) checked" not in err


def test_check__nothing_loaded_says_so_and_lists_no_law_as_held(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every file left out for its errors: the check says that no agreement was loaded, and no law held.

    It read "Check of no agreement" and listed every law as held, though none had run.
    """
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    args = ["check", str(broken), *GEORGIA[1:], "--examples", "1"]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out.startswith("# Check: no agreement loaded\n")
    assert "held" not in out
    assert "no agreement loaded" in err
    assert main([*args, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["laws"], data["obligations"]) == ({}, [])


def test_check__unknown_agreement_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--agreement with an id that is not loaded exits 2 and names it."""
    assert main(["check", *GEORGIA, "--agreement", "no-such", "--examples", "1"]) == 2
    assert "unknown agreement no-such" in capsys.readouterr().err


def test_check__the_worked_example_in_the_docs_is_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/checking-an-encoding.md shows the reachable-status table and point 4's witnesses as the command prints them."""
    doc = (ROOT / "docs" / "checking-an-encoding.md").read_text(encoding="utf-8")
    assert main(["check", *GEORGIA]) == 0
    out, err = capsys.readouterr()
    counts = re.findall(r"`(\d+ obligation\(s\) checked;[^`]*)`", doc)
    assert counts == [err.splitlines()[-1]]
    shown = [line for line in doc.splitlines() if line.startswith(("| `sp2008", "e1,", "**"))]
    assert len(shown) > 20
    assert [line for line in shown if line not in out.splitlines()] == []
    witnesses = (
        doc[doc.index("#### sp2008-4-withdrawal-geo") :].split("\n\n", 1)[1].split("\n\nEach witness")[0]
    )
    assert witnesses in out


ROMAN_NUMBERED = """\
id = "ab-2024"
title = "Alpha-Beta ceasefire"
short_title = "AB ceasefire"
date = 2024-01-10
nature = "political-statement"
signatories = ["AAA", "BBB"]
utc_offset = "+02:00"
sources = ["https://example.org/ab"]
[[articles]]
number = "I-1"
title = "Ceasefire"
text = "The parties cease fire."
source = "https://example.org/ab"
[[obligations]]
id = "ab-1-cf-aaa"
article = "I-1"
summary = "Alpha ceases fire."
bearers = ["AAA"]
modality = "prohibition"
kind = "maintenance"
in_force = 2024-01-10
note = "only explicit links are used"
"""
TWO_PARTIES = """\
[[parties]]
id = "AAA"
name = "Alphaland"
[[parties]]
id = "BBB"
name = "Betaland"
[[conflicts]]
id = "a-b"
sides = [["AAA"], ["BBB"]]
"""


def test_check__every_witness_of_an_article_numbered_i_1_is_read_and_reproduces_its_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Article "I-1": each witness file `check` prints is accepted by `report`, with its status."""
    agreement, parties = tmp_path / "one.toml", tmp_path / "parties.toml"
    agreement.write_text(ROMAN_NUMBERED, encoding="utf-8")
    parties.write_text(TWO_PARTIES, encoding="utf-8")
    assert (
        main(["check", str(agreement), "--parties", str(parties), "--examples", "10", "--format", "json"])
        == 0
    )
    [ob] = json.loads(capsys.readouterr().out)["obligations"]
    statuses = {w["status"] for w in ob["reachable"]}
    assert {"violated", "disputed"} <= statuses
    for witness in ob["reachable"]:
        events = tmp_path / "witness.csv"
        events.write_text(witness["events_csv"], encoding="utf-8")
        args = ["--parties", str(parties), "--as-of", witness["as_of"], "--format", "json"]
        assert main(["report", "--agreement-file", str(agreement), "--events", str(events), *args]) == 0
        out = capsys.readouterr()
        report = json.loads(out.out)
        assert "bad link" not in out.err
        assert report["accounting"]["rejected"] == 0
        results = [o for a in report["agreements"] for art in a["articles"] for o in art["obligations"]]
        if not results:  # a report may leave out an agreement adopted after its date
            assert witness["status"] == "not-in-force"
            continue
        [result] = results
        assert result["status"] == witness["status"], witness["events_csv"]


@pytest.mark.parametrize("key", ["kinds", "actors"])
def test_check__a_rule_with_an_empty_list_is_a_problem_not_a_traceback(
    key: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A rule with `kinds = []` or `actors = []` can match nothing: validate and check name the key."""
    rule = {"kinds": '["armed-clash"]', "actors": '["bearer"]', key: "[]"}
    text = ROMAN_NUMBERED.replace("I-1", "1").replace(
        'note = "only explicit links are used"\n',
        f'[[obligations.rules]]\nname = "hostilities"\nkinds = {rule["kinds"]}\nactors = {rule["actors"]}\n'
        'effect = "breaches"\n',
    )
    agreement, parties = tmp_path / "one.toml", tmp_path / "parties.toml"
    agreement.write_text(text, encoding="utf-8")
    parties.write_text(TWO_PARTIES, encoding="utf-8")
    line = text.splitlines().index(f"{key} = []") + 1
    for command in (["validate", str(agreement)], ["check", str(agreement), "--examples", "4"]):
        assert main([*command, "--parties", str(parties)]) == 1
        err = capsys.readouterr().err
        assert f"{agreement}:{line}: $.obligations[0].rules[0].{key}: " in err


def test_check__json_problems_carry_their_severity(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every problem in the JSON names its severity, errors included (the default is written too).

    The severity is what tells a reader which problems left a file out unchecked; the keys are
    those of docs/checking-an-encoding.md.
    """
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n[[obligations]]\nid=3\n', encoding="utf-8")
    assert main(["check", str(bad), "--examples", "1", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert problems
    for problem in problems:
        assert set(problem) == {"file", "line", "field", "message", "severity"}
        assert problem["severity"] == "error"


def test_check__json_keys_are_sorted(capsys: pytest.CaptureFixture[str]) -> None:
    """The check's JSON sorts its object keys, like every JSON document of the command line.

    docs/report-schema.md promises sorted keys and a two-space indent, so that two outputs can be
    compared line by line.
    """
    assert main(["check", *GEORGIA, "--examples", "1", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def test_check__one_id_as_a_string_is_that_agreement_and_an_unknown_one_is_refused() -> None:
    """`Check.load(only="trilateral-2020-01")` (a typo for trilateral-2021-01) checked
    trilateral-2020, whose id the string contains, with no error; an id matching nothing
    checked nothing and said no agreement was loaded."""
    from compliance.testing import Check

    with pytest.raises(ValueError, match="unknown agreement trilateral-2020-01"):
        Check.load(only="trilateral-2020-01", examples=1)
    checked = Check.load(only="trilateral-2021-01", examples=1)
    assert {ob.agreement for ob in checked.obligations} == {"trilateral-2021-01"}
