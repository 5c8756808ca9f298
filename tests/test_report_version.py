"""The version a report names is the library's, without reading the installed metadata per run."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import compliance
from compliance.render.evidence import DISTRIBUTION, version

ROOT = Path(__file__).parent.parent


def test_version__is_written_once_and_pyproject_reads_it() -> None:
    """pyproject.toml writes no version of its own: it reads the constant the reports name, which
    users read as ``compliance.__version__``."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "compliance.core.version.__version__"
    }
    assert version() == compliance.__version__


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
        f" print('importlib.metadata' in sys.modules, all({compliance.__version__!r} in t for t in texts))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False True"


def test_version__users_find_it_where_python_packages_keep_it() -> None:
    """``compliance.__version__`` is the version (PEP 396's place, as ``pandas.__version__``),
    without ``import compliance`` loading any module of the package before it is asked for."""
    code = (
        "import sys, compliance; before = [m for m in sys.modules if m.startswith('compliance.')];"
        " from compliance import __version__;"
        " print(before, __version__ == compliance.__version__, '__version__' in dir(compliance))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[] True True"
    assert compliance.__version__ == metadata.version(DISTRIBUTION)
