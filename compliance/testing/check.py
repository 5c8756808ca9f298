"""``compliance check`` as a view: static checks, reachable statuses with witnesses, law counterexamples.

The command line only parses and renders; this module loads the files (the same loaders as a
report, with the registries the user names), runs the static checks and the exploration, and
returns one frozen value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from attrs import frozen

import agreements as bundled
from compliance.core.arguments import agreement_ids
from compliance.core.inputs import PathArg, as_path, as_paths
from compliance.core.model import Agreement
from compliance.core.parties import PartyRegistry
from compliance.core.problems import Problem
from compliance.linking.ledger import BUNDLED, load_agreements, load_registries
from compliance.load.agreement_files import read_text
from compliance.load.places import load_gazetteer
from compliance.testing.explore import (
    DEFAULT_EXAMPLES,
    Counterexample,
    ObligationCheck,
    explore_obligation,
    run_laws,
)
from compliance.testing.static import Source, static_problems

GAZETTEER = bundled.HERE / "places.toml"
_ID = re.compile(r'^id\s*=\s*"([^"]+)"', re.M)


@frozen
class Check:
    """The result of checking an encoding: problems, reachable statuses, law counterexamples."""

    problems: tuple[Problem, ...]
    obligations: tuple[ObligationCheck, ...]
    counterexamples: tuple[Counterexample, ...]
    examples: int
    seed: int
    gazetteer: str = ""
    """The gazetteer rule places were looked up in, or empty when they were not checked."""
    agreements: tuple[str, ...] = ()
    """The ids of the agreements checked; empty when every file was left out for its errors: then
    no law was run, and a result must not read as if every law held."""

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(w for ob in self.obligations for w in ob.warnings)

    @classmethod
    def run(
        cls,
        agreements: Sequence[Agreement],
        parties: PartyRegistry,
        *,
        only: Sequence[str] = (),
        problems: Sequence[Problem] = (),
        examples: int = DEFAULT_EXAMPLES,
        seed: int = 0,
        gazetteer: PathArg | None = None,
        sources: dict[str, Source] | None = None,
        gazetteer_label: str = "",
    ) -> Check:
        """Check the agreements whose ids are in ``only`` (default: all), against all ``agreements``.

        ``sources`` maps an agreement id to its file label and text (for lines in problems), and
        ``gazetteer`` is the places file rule place names are looked up in (``None``: not
        checked) and generated accounts are placed by (``None``: the bundled gazetteer).
        """
        gazetteer = None if gazetteer is None else as_path(gazetteer)
        places = None if gazetteer is None else load_gazetteer(gazetteer)
        wanted = agreement_ids(only, agreements)  # (one str is one id; an unknown one is refused)
        chosen = [a for a in agreements if not wanted or a.id in wanted]
        found = list(problems) + static_problems(
            chosen, agreements, gazetteer, sources or {}, gazetteer_label
        )
        checks: list[ObligationCheck] = []
        counterexamples: list[Counterexample] = []
        for agreement in chosen:
            related = related_to(agreement, agreements)
            for ob in agreement.obligations:
                checks.append(explore_obligation(agreement, ob, related, parties, examples, seed, places))
            counterexamples += run_laws(agreement, related, parties, examples, seed, places)
        return cls(
            tuple(sorted(set(found))),
            tuple(checks),
            tuple(counterexamples),
            examples,
            seed,
            (gazetteer_label or str(gazetteer)) if gazetteer is not None else "",
            tuple(a.id for a in chosen),
        )

    @classmethod
    def load(
        cls,
        agreement_files: Iterable[PathArg] | PathArg | None = None,
        *,
        only: Sequence[str] = (),
        parties_path: PathArg | None = None,
        reporters_path: PathArg | None = None,
        gazetteer: PathArg | None = None,
        examples: int = DEFAULT_EXAMPLES,
        seed: int = 0,
    ) -> Check:
        """Load agreement files (``None``: the bundled ones) and check them.

        ``gazetteer`` replaces the bundled gazetteer, as in ``build_ledger(gazetteer_path=...)``:
        scope areas are checked against it, and rule place names are looked up in it. Without
        it, scopes are checked against the bundled one, and rule places are looked up in the
        bundled one when the bundled agreements are checked and not at all for other files
        (their places are another conflict's). Paths may be ``str``, ``Path`` or any ``os.PathLike``.
        """
        gazetteer_label = ""
        files = None if agreement_files is None else as_paths(agreement_files)
        places = None if gazetteer is None else as_path(gazetteer)
        parties, _, problems = load_registries(
            None if parties_path is None else as_path(parties_path),
            None if reporters_path is None else as_path(reporters_path),
        )
        agreements, more = load_agreements(files, parties, load_gazetteer(places))
        if files is None:
            paths = [(p, f"{BUNDLED}/{p.name}") for p in bundled.agreement_paths()]
            if places is None:
                places, gazetteer_label = GAZETTEER, f"{BUNDLED}/places.toml"
        else:
            paths = [(p, str(p)) for p in files]
        sources: dict[str, Source] = {}
        for path, label in paths:
            text, _ = read_text(path, label)
            match = _ID.search(text or "")
            if text is not None and match is not None:
                sources.setdefault(match.group(1), (label, text))
        return cls.run(
            agreements,
            parties,
            only=only,
            problems=problems + more,
            examples=examples,
            seed=seed,
            gazetteer=places,
            sources=sources,
            gazetteer_label=gazetteer_label,
        )


def related_to(agreement: Agreement, agreements: Sequence[Agreement]) -> list[Agreement]:
    """The agreement and the later ones whose relations can end its obligations."""
    targets = {agreement.id} | {o.id for o in agreement.obligations}
    return [agreement] + [
        a for a in agreements if a.id != agreement.id and any(r.earlier in targets for r in a.relations)
    ]
