"""Where a command's text goes: standard output or ``--output``, and problems to standard error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from compliance.cli.writing import write_output
from compliance.core.problems import Problem, Severity
from compliance.render.problems import problem_lines


def emit(args: argparse.Namespace, text: str) -> None:
    """The command's text to ``--output`` (atomically) or standard output."""
    write_output(getattr(args, "output", None), text)


def write_beside(path: Path, text: str) -> None:
    """Write a file that accompanies the output (the report's pictures), atomically like it."""
    write_output(path, text)


def finish(args: argparse.Namespace, problems: Sequence[Problem]) -> int:
    for line in problem_lines(problems):  # one line per cause, with its count and first lines
        print(line, file=sys.stderr)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    return 1 if errors and getattr(args, "strict", False) else 0
