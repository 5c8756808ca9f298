"""The code stays mypy --strict and ruff clean (run as tests so the one test command checks them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_quality__mypy_strict_is_clean() -> None:
    """mypy --strict (configured in pyproject.toml) reports no error in compliance/ and agreements/."""
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_quality__ruff_is_clean() -> None:
    """ruff check passes on the library, the agreements package, the tests and the benchmarks."""
    result = run("ruff", "check", "compliance", "agreements", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_quality__no_unsafe_calls() -> None:
    """No eval, exec, pickle, unsafe YAML or shell=True anywhere in the library."""
    banned = ("eval(", "exec(", "pickle", "yaml.load(", "shell=True")
    for path in [*ROOT.joinpath("compliance").rglob("*.py"), *ROOT.joinpath("agreements").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not any(b in text for b in banned), path
