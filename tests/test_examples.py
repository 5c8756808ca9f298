"""The examples run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_examples__python_api_runs() -> None:
    """examples/python_api.py runs on the bundled data and prints statuses and a history."""
    result = subprocess.run(
        [sys.executable, "examples/python_api.py"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "2020-11-21: Aghdam fulfilled" in result.stdout
    assert "history:" in result.stdout


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
