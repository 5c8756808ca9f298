"""Where a command's text goes: standard output or ``--output`` (with the report's pictures), problems to standard error."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from compliance.cli.writing import write_files, write_output
from compliance.core.problems import Problem, Severity, visible
from compliance.render.problems import problem_lines


def emit(args: argparse.Namespace, text: str) -> None:
    """The command's text to ``--output`` (atomically) or standard output."""
    write_output(getattr(args, "output", None), text)


def emit_with_pictures(args: argparse.Namespace, text: str, pictures: Sequence[tuple[Path, str]]) -> None:
    """The report to ``--output`` and its pictures beside it: all of them written, or none."""
    write_files([(args.output, text), *pictures])


def pictures_beside(args: argparse.Namespace) -> tuple[Path, Path] | None:
    """Where a Markdown report written to a file puts its heatmap and breach chart; ``None``: no pictures.

    The pictures are embedded by relative path and travel with the report, so they are written
    only beside a report that is a regular file (or a new one). A report sent to a device or a
    FIFO (``/dev/stdout``, ``/dev/null``) is the report standard output would get, without pictures.
    When ``--output`` is a symbolic link the report is written to the file it points to, and the
    pictures go beside that file, named after it: where the report's relative paths lead.
    """
    output: Path | None = getattr(args, "output", None)
    if args.command != "report" or args.format != "markdown" or output is None:
        return None
    try:
        if not stat.S_ISREG(os.stat(output).st_mode):
            return None
    except FileNotFoundError:
        pass  # a new file
    except OSError:
        return None  # cannot be looked at: writing the report says why
    if output.is_symlink():  # a link, even one to a file not yet written
        output = Path(os.path.realpath(output))
    return output.with_name(f"{output.stem}-heatmap.svg"), output.with_name(f"{output.stem}-breaches.svg")


def written(args: argparse.Namespace) -> list[tuple[Path, str]]:
    """Every file the run writes, each with how a message names it: ``--output`` and the report's pictures."""
    output: Path | None = getattr(args, "output", None)
    if output is None:
        return []
    shown = f"the output {visible(str(output))}"
    pictures = pictures_beside(args) or ()
    return [
        (output, shown),
        *((p, f"the picture {visible(str(p))} written beside {shown}") for p in pictures),
    ]


def finish(args: argparse.Namespace, problems: Sequence[Problem], deliver: Callable[[], None]) -> int:
    """Write the command's output with ``deliver``, unless ``--strict`` makes a problem fatal; the exit code.

    With ``--strict`` an error is fatal: the output would be built from part of the input (a
    rejected record is missing from it), and writing it would pass it off as the whole. So
    ``deliver`` (which renders and writes) is not called: no ``--output`` file (an old one stays
    as it was), no pictures beside a report, nothing on standard output. The problems go to
    standard error either way, one line per cause with its count and first lines.
    """
    fatal = getattr(args, "strict", False) and any(p.severity is Severity.ERROR for p in problems)
    if not fatal:
        deliver()
    for line in problem_lines(with_registry_hint(args, with_gazetteer_hint(problems))):
        print(line, file=sys.stderr)
    return 1 if fatal else 0


def with_gazetteer_hint(problems: Sequence[Problem]) -> Sequence[Problem]:
    """The problems as standard error shows them: a scope area the bundled gazetteer lacks names
    ``--gazetteer``, the way to give a conflict's own areas (the report keeps the neutral words)."""
    if not any("unknown area" in p.message for p in problems):
        return problems
    from compliance.load.places import GIVE_YOUR_AREAS  # (not loaded by every command)

    flag = "give your areas with --gazetteer FILE"
    return [
        attrs.evolve(p, message=p.message.removesuffix(GIVE_YOUR_AREAS) + flag)
        if p.message.endswith(GIVE_YOUR_AREAS)
        else p
        for p in problems
    ]


def with_registry_hint(args: argparse.Namespace, problems: Sequence[Problem]) -> Sequence[Problem]:
    """The problems as standard error shows them: an unknown party names ``--parties`` when the
    run reads the bundled party registry, and an unregistered reporter's warning names
    ``--reporters`` when the run reads its own ``--parties`` beside the bundled reporters.

    The bundled registries are the bundled conflict's; an encoding of another one that forgets
    its party registry gets an "unknown party" error for every party its agreements and events
    name (dozens), and one that gives its parties but forgets its reporters gets the warning for
    each of its sources. Only the command line speaks in flags: the report keeps the problems as
    the reader wrote them.
    """
    own_parties = getattr(args, "parties", None) is not None
    own_reporters = getattr(args, "reporters", None) is not None
    files = [f for f in getattr(args, "files", None) or () if f.suffix.lower() == ".toml"]
    if files and not (own_parties and own_reporters):  # validate takes registries among its files
        from compliance.views.validation import registry_kind

        kinds = {registry_kind(f) for f in files}
        own_parties = own_parties or "parties" in kinds
        own_reporters = own_reporters or "reporters" in kinds
    if not own_parties:
        return [
            attrs.evolve(p, message=p.message + BUNDLED_PARTIES) if UNKNOWN_PARTY in p.message else p
            for p in problems
        ]
    if own_reporters:
        return problems
    from compliance.readers.our_values import UNREGISTERED_REPORTER  # (not loaded by every command)

    hint = (
        UNREGISTERED_REPORTER.removesuffix(")") + ", or --reporters: the bundled reporter registry is in use)"
    )
    return [
        attrs.evolve(p, message=p.message.removesuffix(UNREGISTERED_REPORTER) + hint)
        if p.field == "reporter_party" and p.message.endswith(UNREGISTERED_REPORTER)
        else p
        for p in problems
    ]


UNKNOWN_PARTY = "unknown party '"
"""How every problem naming a party the registry in use does not give begins its words."""
BUNDLED_PARTIES = (
    "; the bundled party registry is in use, which holds the bundled conflict's parties only: "
    "give your parties with --parties FILE"
)
