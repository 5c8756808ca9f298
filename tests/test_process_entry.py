"""The command line's two entries: :func:`main` for programs, :func:`run_process` for a process.

``run_process`` ends the process without the interpreter's tear-down when the tear-down has
nothing to do but free memory; these tests run it as a process and check that nothing is lost.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tomllib
import weakref
from pathlib import Path
from typing import Any

import pytest

from compliance.cli import main

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ["agreements", "--format", "json"]

# A process that runs ``python -m compliance`` as the command line does, with ``SETUP`` first.
RUN = """\
import runpy, sys
{setup}
sys.argv = ["compliance", *{argv!r}]
runpy.run_module("compliance", run_name="__main__")
"""


_COVERAGE_HOOKS = ("COV_CORE_", "COVERAGE_PROCESS_START")
"""What pytest-cov and coverage.py set for a child process to measure itself."""


def run(argv: list[str], setup: str = "") -> subprocess.CompletedProcess[str]:
    """Run the command line in a process whose standard output is buffered, as it is by default.

    Without a coverage tool's hooks for child processes: one registers a function to run at exit,
    and the process then ends the ordinary way by design, which is not what these tests watch."""
    script = RUN.format(setup=setup, argv=argv)
    env = {
        k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED" and not k.startswith(_COVERAGE_HOOKS)
    }
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, env=env)


def test_main__gives_a_program_its_collector_back(capsys: pytest.CaptureFixture[str]) -> None:
    """A program (or a test) that calls ``main`` finds the collector as it was."""
    gc.enable()
    try:
        assert main(AGREEMENTS) == 0
        assert gc.isenabled()
    finally:
        gc.enable()
    assert capsys.readouterr().out


def test_run_process__writes_all_of_the_output_through_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    """Ended at once, the process has flushed every byte ``main`` writes, and exits with its code."""
    assert main(AGREEMENTS) == 0
    expected = capsys.readouterr().out
    done = run(AGREEMENTS)
    assert (done.returncode, done.stdout) == (0, expected)
    assert len(expected) > 4096  # more than a pipe's buffer would hold unflushed


def test_run_process__flushes_what_is_left_in_standard_output(tmp_path: Path) -> None:
    """Text still in standard output's buffer when the command returns (here written before it,
    by a command whose output goes to a file) is written: ended at once, it was lost."""
    output = tmp_path / "agreements.json"
    done = run([*AGREEMENTS, "--output", str(output)], "sys.stdout.write('written before the command')")
    assert done.returncode == 0
    assert done.stdout == "written before the command"
    assert output.stat().st_size > 0


def test_run_process__keeps_the_exit_code_and_the_messages_of_a_failed_run(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    done = run(["report", "--as-of", "2022-01-01", "--events", str(missing)])
    assert done.returncode == 1
    assert str(missing) in done.stderr


def test_run_process__skips_the_tear_down_when_it_has_nothing_to_do() -> None:
    """An object freed only by the tear-down is never freed: the process ended at once."""
    setup = "class Noisy:\n    def __del__(self): print('torn down', file=sys.stderr)\nkept = Noisy()"
    done = run(AGREEMENTS, setup)
    assert done.returncode == 0
    assert "torn down" not in done.stderr


def test_run_process__ends_the_ordinary_way_when_something_waits_for_the_exit() -> None:
    """A function registered to run at exit (a coverage tool's, a profiler's report) still runs,
    and so does the rest of the tear-down."""
    setup = (
        "import atexit\natexit.register(lambda: print('ran at exit', file=sys.stderr))\n"
        "class Noisy:\n    def __del__(self): print('torn down', file=sys.stderr)\nkept = Noisy()"
    )
    done = run(AGREEMENTS, setup)
    assert done.returncode == 0
    assert done.stdout
    assert "ran at exit" in done.stderr
    assert "torn down" in done.stderr


# Says on standard error when the ledger a command built is freed (a weak reference's callback:
# ``weakref.finalize`` would register a function to run at exit, which ends the ordinary way).
WATCH_THE_LEDGER = """\
import weakref
import compliance.linking.ledger as ledgers
watched = []
built = ledgers.build_ledger
def build_ledger(*args, **kwargs):
    ledger = built(*args, **kwargs)
    watched.append(weakref.ref(ledger, lambda _: print('ledger freed', file=sys.stderr)))
    return ledger
ledgers.build_ledger = build_ledger
"""
REPORT = ["report", "--format", "json", "--as-of", "2025-12-31"]


def test_run_process__keeps_what_the_command_built_until_the_process_ends() -> None:
    """The ledger (millions of objects at a million rows) is not freed one by one after the
    output is written: the process ends with it."""
    done = run(REPORT, WATCH_THE_LEDGER)
    assert done.returncode == 0
    assert done.stdout
    assert "ledger freed" not in done.stderr


def test_run_process__frees_what_the_command_built_when_it_ends_the_ordinary_way() -> None:
    """Where the tear-down runs, what the command built is freed first, as it always was."""
    setup = (
        WATCH_THE_LEDGER + "import atexit\natexit.register(lambda: print('ran at exit', file=sys.stderr))\n"
    )
    done = run(REPORT, setup)
    assert done.returncode == 0
    assert done.stderr.index("ledger freed") < done.stderr.index("ran at exit")


def test_main__keeps_nothing_that_the_command_built(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A program that calls ``main`` gets its memory back when ``main`` returns."""
    import compliance.linking.ledger as ledgers

    watched: list[weakref.ref[ledgers.Ledger]] = []
    built = ledgers.build_ledger

    def build_ledger(*args: Any, **kwargs: Any) -> ledgers.Ledger:
        ledger = built(*args, **kwargs)
        watched.append(weakref.ref(ledger))
        return ledger

    monkeypatch.setattr(ledgers, "build_ledger", build_ledger)
    assert main(REPORT) == 0
    assert capsys.readouterr().out
    assert len(watched) == 1
    assert watched[0]() is None


def test_run_process__ends_the_ordinary_way_under_a_profiler(tmp_path: Path) -> None:
    """``python -m cProfile -o FILE -m compliance ...`` writes its profile after the command
    returns: ended at once, the process would write none (``benchmarks/hotspots.py`` reads it)."""
    profile = tmp_path / "profile"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "compliance", *AGREEMENTS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert profile.stat().st_size > 0


def test_both_ways_to_start_the_command_line__go_through_run_process() -> None:
    """``python -m compliance`` and the installed ``compliance`` script both start ``run_process``."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["compliance"] == "compliance.cli:run_process"
    assert "run_process()" in (ROOT / "compliance" / "__main__.py").read_text(encoding="utf-8")
