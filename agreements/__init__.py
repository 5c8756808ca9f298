"""The bundled agreements, party and reporter registries and the sourced event dataset.

Data lives beside this module so that a plain ``pip install`` carries it; ``load_bundled``
reads it through the same loaders a user's files go through.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

AGREEMENT_FILES: tuple[str, ...] = (
    "trilateral-2020.toml",
    "five-principles-2022.toml",
    "trilateral-2021-01.toml",
    "sochi-2021.toml",
    "prague-2022.toml",
    "sochi-2022.toml",
    "joint-statement-2023-12.toml",
    "washington-2025.toml",
    "peace-agreement-2025.toml",
)
PARTIES_FILE = HERE / "parties.toml"
REPORTERS_FILE = HERE / "reporters.toml"
EVENTS_FILE = HERE / "events.csv"
PLACES_FILE = HERE / "places.toml"


def agreement_paths() -> tuple[Path, ...]:
    """Paths of the bundled agreement files, in a fixed order."""
    return tuple(HERE / name for name in AGREEMENT_FILES)
