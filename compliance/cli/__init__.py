"""``compliance``: the command line. Parse the arguments, build one view, render it, return an exit code.

Exit codes: 0 success (input problems are listed in the output and on stderr); 1 with
``--strict`` when there are errors, when input cannot be read at all (a missing or unreadable
``--agreement-file`` or ``--events``, a FIFO or a device) or when the output cannot be written;
2 for usage errors, among them an ``--output`` that names one of the run's own input files
(refused before anything is read); 130 when interrupted (Ctrl-C). Problems go to stderr as
``file:line: field: message``, with control characters shown escaped. The package's modules: ``arguments``
(the parser), ``commands`` (one function per command: one view, one renderer), ``output``
(where text goes), ``writing`` (atomic output, never over an input).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

import agreements as bundled
from compliance.cli.arguments import parser
from compliance.cli.commands import COMMANDS
from compliance.cli.writing import OutputError, refuse_inputs
from compliance.core.inputs import open_input
from compliance.core.problems import InputError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    # A run builds many long-lived immutable objects and no reference cycles that matter: the
    # cyclic collector only re-scans them (a third of the run time on large inputs).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(parser().parse_args(argv))
    except KeyboardInterrupt:
        print("compliance: interrupted", file=sys.stderr)
        return 130
    finally:
        if gc_was_enabled:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    try:
        _check_inputs(args)
        return int(COMMANDS[args.command](args))
    except (InputError, OutputError) as exc:
        print(f"compliance: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"compliance: {exc}", file=sys.stderr)
        return 2


def _check_inputs(args: argparse.Namespace) -> None:
    """Before any work: the output is none of the inputs, and every named input can be opened."""
    agreement_files = getattr(args, "agreement_file", None)
    event_files = getattr(args, "events", None)
    registries = [getattr(args, "parties", None), getattr(args, "reporters", None)]
    inputs = [p for p in registries if p is not None]
    inputs += [bundled.PARTIES_FILE, bundled.REPORTERS_FILE]
    inputs += bundled.agreement_paths() if agreement_files is None else agreement_files
    inputs += [bundled.EVENTS_FILE] if event_files is None else event_files
    refuse_inputs(getattr(args, "output", None), inputs)
    named = [*(agreement_files or []), *(p for p in registries if p is not None)]
    for path in named + [p for p in event_files or [] if str(p) != "-"]:
        open_input(path, str(path)).close()
