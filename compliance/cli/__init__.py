"""``compliance``: the command line. Parse the arguments, build one view, render it, return an exit code.

Exit codes: 0 success (input problems are listed in the output and on stderr); 1 with
``--strict`` when there are errors (then nothing is written but the problems: an output built
from part of the input would pass for the whole), when input cannot be read at all (a missing
or unreadable ``--agreement-file`` or ``--events``, a FIFO or a device) or when the output
cannot be written; ``validate`` exits 1 on any error, and ``check`` on an error (a file with one
is left out unchecked), on a law counterexample or when no obligation is checked; 2 for usage
errors, among them a file the run would write (``--output``, a report's pictures) that is one of
its input files or a bundled data file, and an ``--output`` written as a folder's name (``out/``,
``out/.``: the path would drop the slash and name the file ``out``), both refused before anything
is read; 130 when interrupted (Ctrl-C).
Problems go to stderr as ``file:line: field: message``, with control characters shown escaped.
The package's modules: ``arguments`` (the parser), ``commands`` (one function per command: one
view, one renderer), ``output`` (where text goes), ``writing`` (atomic output, never over an
input).
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import agreements as bundled
from compliance.cli.arguments import parse
from compliance.cli.commands import COMMANDS
from compliance.cli.output import written
from compliance.cli.writing import OutputError, refuse_inputs
from compliance.core.inputs import open_input
from compliance.core.problems import InputError

__all__ = ["main", "run_process"]


def main(argv: Sequence[str] | None = None) -> int:
    # What the command built is freed here, when the call below returns: a program that calls
    # ``main`` keeps nothing of the run.
    return _main(argv, [])


def run_process(argv: Sequence[str] | None = None) -> int:
    """:func:`main` as the whole of a process (``compliance``, ``python -m compliance``), then its end.

    The process ends as soon as the command returns, without the interpreter's tear-down: that
    frees, one by one, every module, class and table the run loaded, and collects them once more
    with the cyclic collector (which is left off here: turned back on, it scanned them all first):
    about a tenth of a report on an empty file (docs/performance-log.md, step 45). What the command
    built (the ledger, the report: millions of objects at a million rows) is held in ``built``
    until then, not freed one by one as the command returns: a second or more at a million rows
    (step 60). Nothing is lost: the output files are written, synced and closed by then
    (``writing``), and standard output and error are flushed here. Wherever the tear-down has work
    to do (a function registered to run at exit, such as a coverage tool's; another thread; a
    profiler or tracer, whose report comes after; a flush that fails, on a closed pipe) the
    process ends the ordinary way, freeing what the command built first, which is also what the
    returned code is for. A program that calls :func:`main` is unaffected.
    """
    gc.disable()
    built: list[object] = []
    code = _main(argv, built)
    if _nothing_to_do_at_exit():
        os._exit(code)
    return code


def _main(argv: Sequence[str] | None, built: list[object]) -> int:
    """Parse ``argv`` and run its command; the command adds what it builds to ``built``."""
    # A run builds many long-lived immutable objects and no reference cycles that matter: the
    # cyclic collector only re-scans them (a third of the run time on large inputs).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(parse(argv), built)
    except KeyboardInterrupt:
        print("compliance: interrupted", file=sys.stderr)
        return 130
    finally:
        if gc_was_enabled:
            gc.enable()


def _nothing_to_do_at_exit() -> bool:
    """Whether the interpreter's tear-down would do nothing but free memory the exit frees anyway."""
    registered = getattr(atexit, "_ncallbacks", None)  # (CPython's; elsewhere: the ordinary way)
    if registered is None or registered() or threading.active_count() > 1:
        return False
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return False
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # the tear-down flushes again and reports it as it always did
        return False
    return True


def _run(args: argparse.Namespace, built: list[object]) -> int:
    try:
        _check_inputs(args)
        return int(COMMANDS[args.command](args, built))
    except (InputError, OutputError) as exc:
        print(f"compliance: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"compliance: {exc}", file=sys.stderr)
        return 2


def _check_inputs(args: argparse.Namespace) -> None:
    """Before any work: no file the run writes is an input, and every named input can be opened.

    The inputs are every file argument of the command (any argument parsed as a path but
    ``--output``: a new one is protected without more) and every bundled data file, which a run
    may read whatever it is given (the gazetteer, for one, is read by every run).
    """
    named = [path for name, value in vars(args).items() if name != "output" for path in _paths(value)]
    refuse_inputs(written(args), [*named, *bundled.data_paths()])
    agreement_files = getattr(args, "agreement_file", None) or []
    registries = [getattr(args, name, None) for name in ("parties", "reporters", "gazetteer")]
    event_files = [p for p in getattr(args, "events", None) or [] if str(p) != "-"]
    for path in [*agreement_files, *(p for p in registries if p is not None), *event_files]:
        try:
            open_input(path, str(path)).close()
        except InputError as exc:
            if path in event_files and "FIFO" in str(exc):  # /dev/stdin, <(zcat acled.csv.gz)
                raise InputError(f"{exc}; {PIPE_HINT}") from None
            raise


PIPE_HINT = (
    "to read events from a pipe, give --events - and send them to standard input "
    "(zcat acled.csv.gz | compliance report --events -)"
)
"""Said when an event file is a pipe: ``/dev/stdin``, or a shell's ``<(...)``, which researchers
use to read a compressed export. A pipe is refused (one without a writer would wait for ever);
standard input, named ``-``, is read."""


def _paths(value: object) -> list[Path]:
    """The paths in one parsed argument: a path, a list of them, or none."""
    if isinstance(value, Path):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, Path)]
    return []
