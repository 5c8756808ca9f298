"""docs/reliability.md names tests that exist: a promise is only as good as the test that holds it."""

from __future__ import annotations

import ast
import fnmatch
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMED = re.compile(r"`(?:(tests/[\w/]+\.py)::)?(test_[\w*]+)`")


def _tests() -> dict[str, set[str]]:
    """Test function names by file (``tests/name.py``)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        found[f"tests/{path.name}"] = {name for name in names if name.startswith("test_")}
    return found


def missing(text: str, tests: dict[str, set[str]]) -> list[str]:
    """The test names in ``text`` that match no test (in the named file, or in any)."""
    every = set().union(*tests.values())
    return [
        f"{file}::{name}" if file else name
        for file, name in NAMED.findall(text)
        if not fnmatch.filter(tests.get(file, set()) if file else every, name)
    ]


def test_reliability_doc__every_named_test_exists():
    """Every `test_…` (or `tests/file.py::test_…`, or a `test_prefix*` pattern) in the page is a real test."""
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert len(NAMED.findall(text)) > 30
    assert missing(text, _tests()) == []


def test_reliability_doc__a_name_without_a_test_is_caught():
    """An invented name, or a real name under the wrong file, is reported."""
    text = "`test_output__no_such_promise` and `tests/test_ucdp.py::test_output__closed_stdout_is_one_line_exit_1`"
    assert missing(text, _tests()) == [
        "test_output__no_such_promise",
        "tests/test_ucdp.py::test_output__closed_stdout_is_one_line_exit_1",
    ]
