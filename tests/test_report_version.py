"""The version a report names is the library's, without reading the installed metadata per run."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from compliance.render.evidence import DISTRIBUTION, VERSION, version

ROOT = Path(__file__).parent.parent


def test_version__is_written_once_and_pyproject_reads_it() -> None:
    """pyproject.toml writes no version of its own: it reads the constant the reports name."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "compliance.render.evidence.VERSION"
    }
    assert version() == VERSION


def test_version__is_the_installed_packages() -> None:
    """An installed copy's metadata names the same version the reports name."""
    assert version() == metadata.version(DISTRIBUTION)


def test_version__a_report_does_not_read_the_package_metadata() -> None:
    """Rendering a report (JSON and Markdown) names the version without importlib.metadata,
    which imports the email package: 25 ms of every run."""
    code = (
        "import sys, datetime, compliance;"
        " r = compliance.Report.build(compliance.build_ledger(), datetime.date(2025, 12, 31));"
        " texts = compliance.render_json(r), compliance.render_markdown(r);"
        f" print('importlib.metadata' in sys.modules, all({VERSION!r} in t for t in texts))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False True"
