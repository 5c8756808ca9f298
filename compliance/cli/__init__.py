"""``compliance``: the command line. Parse the arguments, build one view, render it, return an exit code.

Exit codes: 0 success (input problems are listed in the output and on stderr); 1 with
``--strict`` when there are errors, or when input cannot be read at all; 2 for usage errors.
Problems go to stderr as ``file:line: field: message``. The package's modules: ``arguments``
(the parser), ``commands`` (one function per command: one view, one renderer), ``output``
(where text goes).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from compliance.cli.arguments import parser
from compliance.cli.commands import COMMANDS
from compliance.core.problems import InputError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # A run builds many long-lived immutable objects and no reference cycles that matter: the
    # cyclic collector only re-scans them (a third of the run time on large inputs).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if gc_was_enabled:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    try:
        return int(COMMANDS[args.command](args))
    except InputError as exc:
        print(f"compliance: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"compliance: {exc}", file=sys.stderr)
        return 2
