"""Validation of input files: agreement, registry and gazetteer files (``.toml``) and event files, problems only.

The same loading and linking as a report, stopped before evaluation: what a maintainer runs on a
file before adding it.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

from compliance.core.inputs import read_limited
from compliance.core.problems import InputError, Problem, Severity, in_order
from compliance.linking.ledger import (
    Accounting,
    Ledger,
    assemble,
    given_once,
    load_agreements,
    load_registries,
    reporter_resolver,
)
from compliance.linking.scope import REASONS
from compliance.load.agreement_files import MAX_FILE_BYTES, load_parties_file, load_reporters_file
from compliance.load.places import load_gazetteer, load_places_file
from compliance.readers import Record, read_event_file
from compliance.views.problems import LINES_KEPT

NO_FILE = "(no file)"
"""The file of a group of records read from no file (events built in Python): a researcher reads
it as such, where ``-`` is standard input, the name given on the command line."""


@frozen
class UnlinkedGroup:
    """The records of one file that link to nothing for one reason: how many, and where.

    The accounting says how many records are unlinked under each reason; a maintainer fixing a
    file needs the rows. Grouped as problems are (one line for 20,000 rows of another country in
    an ACLED export), the counts of a file's groups add up to its unlinked records.
    """

    file: str
    reason: str
    """One of :data:`compliance.linking.scope.REASONS`."""
    count: int
    lines: tuple[int, ...]
    """The first ``LINES_KEPT`` line numbers, in order (none for a record read from no file,
    whose ``file`` is :data:`NO_FILE`)."""


def unlinked_groups(ledger: Ledger) -> tuple[UnlinkedGroup, ...]:
    """``ledger.why_unlinked`` by file and reason, in file order and then the order of the reasons.

    The ledger must keep its unlinked records (``assemble``'s default): the lines are theirs.
    """
    where = {e.id: e.origin for e in ledger.events if e.id in ledger.why_unlinked}
    counts: dict[tuple[str, str], int] = {}
    firsts: dict[tuple[str, str], list[int]] = {}  # the smallest lines, negated: a max-heap
    for event_id, reason in ledger.why_unlinked.items():
        origin = where.get(event_id)
        key = (origin.file if origin else NO_FILE, reason)
        counts[key] = counts.get(key, 0) + 1
        if origin is None:
            continue
        # Only the first LINES_KEPT lines (the ids come in id order, not line order): a million
        # unlinked rows of an ACLED export hold ten numbers per reason, not a million.
        kept = firsts.setdefault(key, [])
        if len(kept) < LINES_KEPT:
            heapq.heappush(kept, -origin.line)
        elif origin.line < -kept[0]:
            heapq.heapreplace(kept, -origin.line)
    rank = {reason: i for i, reason in enumerate(REASONS)}
    return tuple(
        UnlinkedGroup(
            file, reason, counts[file, reason], tuple(sorted(-n for n in firsts.get((file, reason), [])))
        )
        for file, reason in sorted(counts, key=lambda k: (k[0], rank.get(k[1], len(rank)), k[1]))
    )


@frozen
class Validation:
    """Every problem found (sorted, without repeats) and, when event files were given, their
    accounting and the unlinked records grouped by file and reason."""

    problems: tuple[Problem, ...]
    accounting: Accounting | None
    unlinked: tuple[UnlinkedGroup, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @classmethod
    def run(
        cls,
        files: Sequence[Path],
        parties_path: Path | None = None,
        reporters_path: Path | None = None,
        gazetteer_path: Path | None = None,
    ) -> Validation:
        """Registries and gazetteers by their table names, other ``.toml`` files as agreements, the rest as events.

        The agreements and events are read with the registries and the gazetteer in use:
        ``parties_path``, ``reporters_path`` and ``gazetteer_path`` when given; else the one file
        of its kind among ``files``, when exactly one is given and loads (a registry without its
        bad entries; a gazetteer only with no problem); else the bundled one. So ``validate
        places.toml agreement.toml events.csv`` checks the agreement's scope areas, and places
        the accounts, with that gazetteer. With no agreement file the bundled agreements are
        checked, but only with the bundled parties and gazetteer.
        """
        files = given_once(files)
        toml = [f for f in files if f.suffix.lower() == ".toml"]
        others = [f for f in files if f.suffix.lower() != ".toml"]
        registries = {f: kind for f in toml if (kind := registry_kind(f))}
        problems: list[Problem] = []
        for path, kind in registries.items():
            loaded: object
            if kind == "places":
                loaded, found = load_places_file(path)
            elif kind == "parties":
                loaded, found = load_parties_file(path)
            else:
                loaded, found = load_reporters_file(path)
            problems += found
            given = [f for f, k in registries.items() if k == kind]
            # A registry with a bad entry is used without it (as --parties uses it): falling back
            # to the bundled one would bury its own problems under "unknown party" errors.
            if loaded is None or given != [path]:
                continue
            if kind == "parties" and parties_path is None:
                parties_path = path
            elif kind == "reporters" and reporters_path is None:
                reporters_path = path
            elif kind == "places" and gazetteer_path is None:
                gazetteer_path = path
        parties, reporters, more = load_registries(parties_path, reporters_path)
        problems += more
        gazetteer = load_gazetteer(gazetteer_path)
        toml = [f for f in toml if f not in registries]
        # With no agreement file, the bundled agreements are checked only with the bundled parties
        # and gazetteer: checked against another conflict's, each would be an error about files
        # the user did not give ("validate places.toml" gave 60 of them on a sound gazetteer).
        bundled_ones = parties_path is None and gazetteer_path is None
        agreements, more = load_agreements(toml or (None if bundled_ones else []), parties, gazetteer)
        problems += more
        accounting: Accounting | None = None
        unlinked: tuple[UnlinkedGroup, ...] = ()
        if others:
            resolve = reporter_resolver(reporters)
            records: list[Record | Problem] = []
            id_fields: dict[str, str] = {}  # an ACLED file's ids are in event_id_cnty
            for path in sorted(others, key=str):  # a file that cannot be read does not stop the others
                try:
                    records.extend(read_event_file(path, parties.resolve, resolve, id_fields=id_fields))
                except InputError as exc:
                    records.append(Problem(str(path), 0, "-", str(exc).removeprefix(f"{path}: ")))
            ledger = assemble(agreements, parties, records, gazetteer=gazetteer, id_fields=id_fields)
            problems += ledger.problems
            accounting, unlinked = ledger.accounting, unlinked_groups(ledger)
        return cls(tuple(in_order(set(problems))), accounting, unlinked)


def registry_kind(path: Path) -> str | None:
    """``parties`` or ``reporters`` for the registry files, ``places`` for a gazetteer
    (``[[areas]]``, ``[[places]]``), by their top-level table names."""
    try:
        head = read_limited(path, str(path), MAX_FILE_BYTES).decode("utf-8", "replace")[:20000]
    except (InputError, OSError):
        return None
    for kind in ("parties", "reporters"):
        if f"[[{kind}]]" in head:
            return kind
    if any(table in head for table in ("[[areas]]", "[[places]]")):
        return "places"
    return None
