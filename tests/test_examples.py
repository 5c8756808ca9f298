"""The examples run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from compliance.linking.ledger import build_ledger
from compliance.render.markdown import render_markdown
from compliance.views.report import Report

ROOT = Path(__file__).parent.parent


def _python_api_output() -> str:
    result = subprocess.run(
        [sys.executable, "examples/python_api.py"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_examples__python_api_runs() -> None:
    """examples/python_api.py runs on the bundled data and prints statuses and a history."""
    output = _python_api_output()
    assert "2020-11-21: Aghdam fulfilled" in output
    assert "history:" in output


def test_examples__python_api_words_each_party_as_the_report_does() -> None:
    """The example printed "RUS: not-in-force (PAM 2)" where the report says "RUS none in force
    (1 not-in-force, 6 terminated) (PAM 2)": without its counts the status reads as Russia's
    standing under the whole statement. Its party lines are now the report's "By bearer" entries."""
    output = _python_api_output()
    heading = "Trilateral statement of 9/10 November 2020 as of 2026-11-22:\n"
    printed = output.split(heading, 1)[1].splitlines()
    markdown = render_markdown(Report.build(build_ledger(), date(2026, 11, 22), ["trilateral-2020"]))
    summary = next(line for line in markdown.splitlines() if line.startswith("Overall: "))
    assert summary.endswith(" By bearer: " + "; ".join(line.strip() for line in printed) + ".")
    assert "  RUS none in force (1 not-in-force, 6 terminated) (PAM 2)" in printed


def test_examples__a_users_own_tests_with_compliance_testing_pass() -> None:
    """examples/test_my_agreement.py, a user's test file using compliance.testing, passes under pytest."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "examples/test_my_agreement.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 passed" in result.stdout
