"""Validation of input files: agreement and registry files (``.toml``) and event files, problems only.

The same loading and linking as a report, stopped before evaluation: what a maintainer runs on a
file before adding it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

from compliance.core.problems import Problem, Severity
from compliance.linking.ledger import (
    Accounting,
    assemble,
    load_agreements,
    load_registries,
    reporter_resolver,
)
from compliance.load.agreement_files import load_parties_file, load_reporters_file
from compliance.readers import read_event_file


@frozen
class Validation:
    """Every problem found (sorted, without repeats) and, when event files were given, their accounting."""

    problems: tuple[Problem, ...]
    accounting: Accounting | None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @classmethod
    def run(
        cls, files: Sequence[Path], parties_path: Path | None = None, reporters_path: Path | None = None
    ) -> Validation:
        """Registries by their table name, other ``.toml`` files as agreements, the rest as events.

        ``parties_path`` and ``reporters_path`` replace the bundled registries (``None``: bundled).
        """
        parties, reporters, problems = load_registries(parties_path, reporters_path)
        toml = [f for f in files if f.suffix.lower() == ".toml"]
        others = [f for f in files if f.suffix.lower() != ".toml"]
        registries = {f: kind for f in toml if (kind := registry_kind(f))}
        for path, kind in registries.items():
            problems += (load_parties_file if kind == "parties" else load_reporters_file)(path)[1]
        toml = [f for f in toml if f not in registries]
        agreements, more = load_agreements(toml or None, parties)
        problems += more
        accounting = None
        if others:
            resolve = reporter_resolver(reporters)
            records = [
                r for f in sorted(others, key=str) for r in read_event_file(f, parties.resolve, resolve)
            ]
            ledger = assemble(agreements, parties, records)
            problems += ledger.problems
            accounting = ledger.accounting
        return cls(tuple(sorted(set(problems))), accounting)


def registry_kind(path: Path) -> str | None:
    """``parties`` or ``reporters`` for the registry files, by their top-level table name."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return None
    for kind in ("parties", "reporters"):
        if f"[[{kind}]]" in head:
            return kind
    return None
