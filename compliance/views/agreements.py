"""The agreements listing: which agreements, articles and obligations are loaded, and what went wrong.

A view like the others, so that the command line only parses, asks for it and renders it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

from compliance.core.model import Agreement
from compliance.core.problems import Problem
from compliance.linking.ledger import load_agreements, load_registries
from compliance.load.places import load_gazetteer


@frozen
class AgreementListing:
    """The loaded agreements (bundled, or from the given files) and the problems met loading them."""

    agreements: tuple[Agreement, ...]
    problems: tuple[Problem, ...]

    @classmethod
    def load(
        cls,
        agreement_files: Sequence[Path] | None = None,
        parties_path: Path | None = None,
        reporters_path: Path | None = None,
        gazetteer_path: Path | None = None,
    ) -> AgreementListing:
        """The listing, with scopes checked against the gazetteer at ``gazetteer_path`` (default: the bundled one)."""
        parties, _, problems = load_registries(parties_path, reporters_path)
        agreements, more = load_agreements(agreement_files, parties, load_gazetteer(gazetteer_path))
        return cls(tuple(agreements), tuple(problems + more))
