"""The bundled agreements, registries, gazetteer, ISO country table and sourced event dataset.

Data lives beside this module so that a plain ``pip install`` carries it; ``load_bundled``
reads it through the same loaders a user's files go through. :func:`data_paths` lists every
data file in this folder: what a run may read, so what no output may replace.
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
COUNTRIES_FILE = HERE / "countries.csv"
"""ISO 3166-1, written from Debian's iso-codes by ``agreements/iso_countries.py`` (read by the readers)."""


def agreement_paths() -> tuple[Path, ...]:
    """Paths of the bundled agreement files, in a fixed order."""
    return tuple(HERE / name for name in AGREEMENT_FILES)


def data_paths() -> tuple[Path, ...]:
    """Every bundled data file (each file in this folder but the Python ones), in name order.

    Read from the folder, not listed by hand: a data file added here is protected from
    ``--output`` without more (``compliance/cli/__init__.py``).
    """
    code = {".py", ".pyc", ".typed"}
    return tuple(sorted(p for p in HERE.iterdir() if p.is_file() and p.suffix not in code))
