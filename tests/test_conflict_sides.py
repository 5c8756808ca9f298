"""A party registry that declares no conflict between an agreement's parties is warned about.

Grading takes the sides from the registry's ``[[conflicts]]``: without one, a signatory's account
of another signatory's breach is a stakeholder's, which alone confirms it under the standard
policy, not an opposing side's allegation. Every fixture here is SYNTHETIC: Orland, Vesmark and
the Joint Monitoring Mission are fictional, and XO/XV are ISO 3166-1 user-assigned codes
standing for the two countries.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from compliance.core.problems import Problem, Severity
from compliance.evaluation.evaluate import evaluate_ledger
from compliance.linking.ledger import build_ledger, load_agreements, load_registries
from compliance.load.agreement_files import load_agreement_text
from compliance.load.checks import check_agreements
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


def party_registry(*conflicts: str) -> str:
    """The registry of Orland, Vesmark and the Joint Monitoring Mission, with these ``[[conflicts]]``."""
    return toml_file(
        "SYNTHETIC party registry: fictional parties.",
        party("ORL", "Orland"),
        party("VSM", "Vesmark"),
        party("JMM", "Joint Monitoring Mission", kind="organisation"),
        *conflicts,
    )


PARTIES = party_registry()  # no conflict declared: no party stands on a side
WITH_CONFLICT = party_registry(conflict("orland-vesmark", sides=[["ORL"], ["VSM"]]))

REPORTERS = toml_file(
    "SYNTHETIC reporter registry: fictional reporters.",
    reporter("Orland Ministry of Defence", party="ORL"),
)

EVENTS = """id,date,kind,actor,target,country,reported_by,source_url,notes
K1,2024-06-12,shelling,VSM,ORL,XO,Orland Ministry of Defence,https://example.org/synthetic/k1,SYNTHETIC: Orland's ministry alone says Vesmark shelled a town.
"""

OBLIGATION = "ovm-1-ceasefire-vsm"
AS_OF = date(2024, 8, 15)


def agreement_text(signatories: Sequence[str] = ("ORL", "VSM"), bearers: Sequence[str] = ("VSM",)) -> str:
    """The ceasefire of 1 June 2024, signed by ``signatories``, whose one obligation ``bearers`` bear."""
    return ceasefire(
        "SYNTHETIC agreement between fictional parties.",
        id="orland-vesmark-2024",
        title="SYNTHETIC Orland-Vesmark ceasefire (fictional)",
        short_title="SYNTHETIC Orland-Vesmark ceasefire",
        signed=date(2024, 6, 1),
        signatories=signatories,
        source="https://example.org/synthetic/orland-vesmark",
        text="SYNTHETIC: a complete ceasefire from 1 June 2024.",
        obligations=[
            ceasefire_obligation(
                OBLIGATION,
                summary="Vesmark observes the ceasefire.",
                bearers=bearers,
                in_force=date(2024, 6, 1),
                rules=[breached_by("hostilities-by-bearer", kinds=["shelling"], actors=["bearer"])],
            )
        ],
    )


def write(folder: Path, parties: str) -> dict[str, Path]:
    return write_files(
        folder, agreement=agreement_text(), parties=parties, reporters=REPORTERS, events=EVENTS
    )


def warnings_of(text: str, parties: str, folder: Path) -> list[Problem]:
    agreement, problems = load_agreement_text(text, "synthetic.toml")
    assert problems == []
    assert agreement is not None
    (folder / "parties.toml").write_text(parties, encoding="utf-8")
    registry, _, registry_problems = load_registries(folder / "parties.toml")
    assert registry_problems == []
    return check_agreements([(agreement, "synthetic.toml", text)], registry)


def test_no_conflict__the_parties_on_no_side_draw_one_warning_and_the_agreement_is_kept(
    tmp_path: Path,
) -> None:
    """Without [[conflicts]], Orland's unanswered accusation is a stakeholder's and reads violated;
    the run says so in a warning at the signatories that names the parties and says how to
    declare the conflict, and the agreement is still evaluated (a warning keeps it)."""
    files = write(tmp_path, PARTIES)
    ledger = build_ledger(
        [files["agreement"]],
        [files["events"]],
        parties_path=files["parties"],
        reporters_path=files["reporters"],
    )
    [problem] = ledger.problems
    assert (problem.file, problem.line, problem.field, problem.severity) == (
        str(files["agreement"]),
        7,  # signatories = ...
        "$.signatories",
        Severity.WARNING,
    )
    assert (
        "no signatory or bearer of orland-vesmark-2024 (ORL, VSM) is a side of any conflict"
        in problem.message
    )
    assert "graded as stakeholders', not as sides'" in problem.message
    assert "[[conflicts]]" in problem.message
    assert [a.id for a in ledger.agreements] == ["orland-vesmark-2024"]
    assert evaluate_ledger(ledger, AS_OF).result(OBLIGATION).status.value == "violated"


def test_no_conflict__declaring_it_silences_the_warning_and_the_accusation_is_alleged(tmp_path: Path) -> None:
    """With the conflict declared, no problem, and the same account is an opposing side's: disputed."""
    files = write(tmp_path, WITH_CONFLICT)
    ledger = build_ledger(
        [files["agreement"]],
        [files["events"]],
        parties_path=files["parties"],
        reporters_path=files["reporters"],
    )
    assert ledger.problems == ()
    result = evaluate_ledger(ledger, AS_OF).result(OBLIGATION)
    assert (result.status.value, result.evidence[0].grade.value) == ("disputed", "alleged")


@pytest.mark.parametrize(
    ("signatories", "bearers", "parties", "warned"),
    [
        (["ORL", "VSM"], ["VSM"], PARTIES, True),
        (["ORL"], ["VSM"], PARTIES, True),  # a declaration by one party, a duty of another
        (["VSM"], ["JMM"], PARTIES, True),  # an organisation's duty: no side either
        (["VSM"], ["VSM"], PARTIES, False),  # one party only: nobody to oppose it
        (["ORL", "VSM"], ["VSM"], WITH_CONFLICT, False),
        (["ORL", "VSM", "JMM"], ["JMM"], WITH_CONFLICT, False),  # a duty of a party on no side
    ],
    ids=lambda value: json.dumps(value) if isinstance(value, list) else None,  # the ids as TOML writes them
)
def test_no_conflict__warned_when_two_or_more_signatories_and_bearers_stand_on_no_side(
    signatories: list[str], bearers: list[str], parties: str, warned: bool, tmp_path: Path
) -> None:
    """The condition is on the parties of the text, signatories and bearers together: a text to
    which a side is a party is read as meant, as the 2020 statement's Russian duties are."""
    problems = warnings_of(agreement_text(signatories, bearers), parties, tmp_path)
    assert [p.field for p in problems] == (["$.signatories"] if warned else [])
    assert all(p.severity is Severity.WARNING for p in problems)


def test_no_conflict__the_bundled_agreements_and_the_georgia_example_give_no_warning() -> None:
    """Each bundled agreement has Armenia or Azerbaijan among its parties, and the six-point plan
    has Georgia, Russia, South Ossetia and Abkhazia, all sides in their registries."""
    parties, _, _ = load_registries()
    _, problems = load_agreements(None, parties)
    assert problems == []
    georgia, _, _ = load_registries(ROOT / "examples" / "georgia-2008-parties.toml")
    _, problems = load_agreements([ROOT / "examples" / "georgia-2008-six-point-plan.toml"], georgia)
    assert problems == []


def test_no_conflict__validate_shows_the_warning_and_exits_0(tmp_path: Path) -> None:
    """On the command line: validate lists it as a warning and succeeds."""
    files = write(tmp_path, PARTIES)
    done = subprocess.run(
        [sys.executable, "-m", "compliance", "validate", str(files["agreement"]), str(files["parties"])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (
        "$.signatories: warning: no signatory or bearer of orland-vesmark-2024" in done.stdout + done.stderr
    )
