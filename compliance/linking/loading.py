"""The load step of the pipeline: the registries, the agreements and the files as given.

Kept apart from ``ledger``, which validates and links the records streamed from these inputs:
what is read here is read once per run, before the first record, and knows nothing of events,
links or the accounting. ``ledger`` imports the names the pipeline uses, and they are imported
from there too; ``views.reporters`` reads the reporters by name through :func:`reporters_by_name`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import agreements as bundled
from compliance.core.model import Agreement
from compliance.core.parties import PartyRegistry
from compliance.core.places import Gazetteer
from compliance.core.problems import InputError, Problem, Severity
from compliance.load.agreement_files import (
    Reporter,
    load_agreement_text,
    load_parties_file,
    load_reporters_file,
    read_text,
)
from compliance.load.checks import check_agreements
from compliance.load.places import bundled_gazetteer, check_scopes
from compliance.load.registries import reporter_key

BUNDLED = "<bundled>"


def load_registries(
    parties_path: Path | None = None, reporters_path: Path | None = None
) -> tuple[PartyRegistry, tuple[Reporter, ...], list[Problem]]:
    """The party and reporter registries (``None``: the bundled files).

    An agreement of another conflict brings its own parties; problems name the file in use. Each
    reporter's party is checked against the party registry and read as its id. The bundled
    reporters (by default or named) beside another party registry keep, without a problem, only
    those whose party it gives: that file was written for the bundled conflict.
    """
    parties, problems = (
        load_parties_file(bundled.PARTIES_FILE, f"{BUNDLED}/parties.toml")
        if parties_path is None
        else load_parties_file(parties_path)
    )
    other_conflict = parties_path is not None and (
        reporters_path is None or _identity(reporters_path) == _identity(bundled.REPORTERS_FILE)
    )
    reporters, more = (
        load_reporters_file(
            bundled.REPORTERS_FILE, f"{BUNDLED}/reporters.toml", parties, other_registry=other_conflict
        )
        if reporters_path is None
        else load_reporters_file(reporters_path, parties=parties, other_registry=other_conflict)
    )
    if parties is None or reporters is None:  # a registry that cannot be read stops the run
        raise InputError("; ".join(str(p) for p in problems + more))
    return parties, reporters, problems + more


def given_once(paths: Iterable[Path]) -> list[Path]:
    """The paths as given, each file named twice kept once (its first place).

    The same file named twice on the command line is a slip, not two sources: read twice, each
    of its accounts would meet itself as an identical copy (a warning per row, every row counted
    twice as read), and an agreement file
    would be a duplicate of itself and left out. Files are compared by identity (device and
    inode), so ``a.csv``, ``./a.csv``, its absolute path and a link to it are one file. A path
    that cannot be looked at is compared as written (reading it gives its own problem), and so
    is ``-``: standard input is read once.
    """
    kept: dict[object, Path] = {}
    for path in paths:
        kept.setdefault(_identity(path), path)
    return list(kept.values())


def _identity(path: Path) -> object:
    """What makes two paths one file: its device and inode, else the path as written."""
    if str(path) != "-":
        try:
            found = os.stat(path)
        except (OSError, ValueError):  # missing, unreadable folder, a NUL byte in the name
            pass
        else:
            return (found.st_dev, found.st_ino)
    return str(path)


def load_agreements(
    paths: Sequence[Path] | None, parties: PartyRegistry, gazetteer: Gazetteer | None = None
) -> tuple[tuple[Agreement, ...], list[Problem]]:
    """Load agreement files (default: the bundled ones); bad files are left out with problems.

    A file given more than once, under any path, is read once (:func:`given_once`). Files that
    give one agreement or obligation id are all left out, each with a problem naming every copy
    (see ``load.checks``). Scope areas are checked against ``gazetteer`` (default: the bundled
    one); give the one linking will read, so that an area the check accepts is one linking knows.
    """
    sources = (
        [(f"{BUNDLED}/{p.name}", p) for p in bundled.agreement_paths()]
        if paths is None
        else [(str(p), p) for p in given_once(paths)]
    )
    problems: list[Problem] = []
    loaded: list[tuple[Agreement, str, str]] = []
    for label, path in sources:
        text, read_problems = read_text(path, label)
        problems += read_problems
        if text is None:
            continue
        agreement, parse_problems = load_agreement_text(text, label)
        problems += parse_problems
        if agreement is not None:
            loaded.append((agreement, label, text))
    check_problems = check_agreements(loaded, parties) + check_scopes(
        loaded, gazetteer if gazetteer is not None else bundled_gazetteer()
    )
    problems += check_problems
    bad_labels = {p.file for p in check_problems if p.severity is Severity.ERROR}
    good = [a for a, label, _ in loaded if label not in bad_labels]
    # An id given in two files has an error in both (check_agreements): no file order decides which is used.
    return tuple(sorted(good, key=lambda a: (a.date, a.id))), problems


def reporters_by_name(reporters: Iterable[Reporter]) -> dict[str, Reporter]:
    """Each registered name and alias (as ``reporter_key`` compares names) -> the reporter it names.

    One table for whatever an account's reporter tells: its party (:func:`reporter_resolver`) and
    where it is based (``views.reporters``). The registry loader leaves no name to entries that
    differ in party or ``based_in`` (``load.registries.check_reporters``), so for loaded reporters
    any entry giving a name is its reporter. Reporters built otherwise may still differ: such a
    name is left out, so that it reads as unregistered whatever their order, never as the first.
    """
    table: dict[str, Reporter] = {}
    unclear: set[str] = set()
    for reporter in reporters:
        for name in (reporter.name, *reporter.aliases):
            key = reporter_key(name)
            known = table.setdefault(key, reporter)
            if (known.party, known.based_in) != (reporter.party, reporter.based_in):
                unclear.add(key)
    return {key: reporter for key, reporter in table.items() if key not in unclear}


def reporter_resolver(reporters: Iterable[Reporter]) -> Callable[[str], str | None]:
    """Registry look-up of a reporter's party by name or alias (as ``reporter_key`` compares names)."""
    table = reporters_by_name(reporters)

    def resolve(name: str) -> str | None:
        found = table.get(reporter_key(name))
        return None if found is None else found.party

    return resolve
