"""The public API takes a path as a ``str``, a ``pathlib.Path`` or any ``os.PathLike``, everywhere."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import agreements as bundled
import compliance
from compliance.testing import Check, static_problems

ROOT = Path(__file__).parent.parent
PLAN = ROOT / "examples" / "georgia-2008-six-point-plan.toml"
EVENTS = ROOT / "examples" / "georgia-2008-events.csv"
PARTIES = ROOT / "examples" / "georgia-2008-parties.toml"


class Fspath:
    """An ``os.PathLike`` that is neither a ``str`` nor a ``Path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def as_str(path: Path) -> str:
    return str(path)


BY_PATH = compliance.build_ledger(
    [PLAN], [EVENTS], parties_path=PARTIES, reporters_path=bundled.REPORTERS_FILE
)


@pytest.mark.parametrize("kind", [as_str, Fspath], ids=["str", "pathlike"])
def test_build_ledger__any_kind_of_path_gives_the_same_ledger(
    kind: Callable[[Path], str | os.PathLike[str]],
) -> None:
    """Agreement, event, party and reporter paths as str (or PathLike): the ledger a Path gives."""
    ledger = compliance.build_ledger(
        [kind(PLAN)], [kind(EVENTS)], parties_path=kind(PARTIES), reporters_path=kind(bundled.REPORTERS_FILE)
    )
    assert BY_PATH.problems == ()
    assert ledger == BY_PATH
    assert {p.file for p in ledger.problems} <= {str(PLAN), str(EVENTS)}


def test_build_ledger__the_example_call_with_strings() -> None:
    """`build_ledger(['mine.toml'], ['ev.csv'], parties_path='parties.toml')` works (it raised AttributeError)."""
    ledger = compliance.build_ledger([str(PLAN)], [str(EVENTS)], parties_path=str(PARTIES))
    assert ledger.accounting.read > 0
    assert ledger.errors == ()


def test_build_ledger__one_path_given_alone_is_one_file() -> None:
    """A single path where a list is expected is that one file, not a list of its characters."""
    ledger = compliance.build_ledger(str(PLAN), Fspath(EVENTS), parties_path=PARTIES)  # type: ignore[arg-type]
    assert ledger.events == compliance.build_ledger([PLAN], [EVENTS], parties_path=PARTIES).events
    assert ledger.errors == ()


def test_check_load__takes_str_and_pathlike_paths() -> None:
    """compliance.testing's Check.load and static_problems take str or PathLike files, registries and gazetteer."""
    by_path = Check.load(
        [PLAN],
        parties_path=PARTIES,
        reporters_path=bundled.REPORTERS_FILE,
        gazetteer=bundled.PLACES_FILE,
        examples=2,
    )
    assert by_path.obligations
    for kind in (as_str, Fspath):
        got = Check.load(
            [kind(PLAN)],
            parties_path=kind(PARTIES),
            reporters_path=kind(bundled.REPORTERS_FILE),
            gazetteer=kind(bundled.PLACES_FILE),
            examples=2,
        )
        assert got == by_path
    agreements = compliance.build_ledger([PLAN], [], parties_path=PARTIES).agreements
    assert static_problems(agreements, agreements, Fspath(bundled.PLACES_FILE)) == static_problems(
        agreements, agreements, bundled.PLACES_FILE
    )
