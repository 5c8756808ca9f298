"""The house rules of the package: one floor per folder, imports point down, small modules, a map."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import compliance

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "compliance"
FLOORS = {
    "core": 0,
    "load": 1,
    "readers": 1,
    "linking": 2,
    "evaluation": 3,
    "views": 4,
    "testing": 4,
    "render": 5,
}
TOP = 6  # cli/, __init__.py, __main__.py
UPWARD_ON_PURPOSE: set[tuple[str, str]] = set()  # none: every arrow points down, inside functions too
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def floor(module: str) -> tuple[int, str]:
    """The floor of a module, and the folder that holds it (``""`` for the top floor)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in FLOORS:
        return FLOORS[parts[1]], parts[1]
    return TOP, ""


def imports(path: Path, *, module_level_only: bool) -> set[str]:
    """The ``compliance`` modules a file imports (``from compliance.x import name`` resolves to a module if one is named)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "compliance")
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; the package uses absolute imports"
            base = node.module or ""
            if base.split(".")[0] != "compliance":
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return found


def test_architecture__every_import_points_down_or_stays_on_its_floor() -> None:
    """No module imports from a higher floor, nor from another folder of its own floor."""
    wrong = []
    for module, path in MODULES.items():
        here, folder = floor(module)
        for target in imports(path, module_level_only=False):
            there, other = floor(target)
            sideways = there == here and other != folder and here != TOP
            if (there > here or sideways) and (module, target) not in UPWARD_ON_PURPOSE:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_architecture__no_import_cycle_at_module_level() -> None:
    """The module-level import graph inside compliance/ has no cycle."""
    graph = {m: sorted(imports(p, module_level_only=True) & MODULES.keys()) for m, p in MODULES.items()}
    graph["compliance"] = []  # the package root re-exports; importing a submodule runs it, not a cycle
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, []):
            if nxt == "compliance":
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_architecture__module_is_under_400_lines(module: str) -> None:
    """Every module stays small enough to read in one sitting."""
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines < MAX_LINES


def test_architecture__docs_name_every_module_and_only_existing_ones() -> None:
    """docs/architecture.md names each module of compliance/ by path, and every path it names exists."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"compliance/[\w/]+\.py", text))
    missing = sorted(p for p in named if not (ROOT / p).is_file())
    unnamed = sorted(
        str(p.relative_to(ROOT)) for p in MODULES.values() if str(p.relative_to(ROOT)) not in named
    )
    assert (missing, unnamed) == ([], [])


def test_architecture__public_api_is_sorted_and_importable() -> None:
    """compliance.__all__ is sorted, lists the documented API, and every name in it exists."""
    assert list(compliance.__all__) == sorted(compliance.__all__)
    assert {"build_ledger", "evaluate", "Report", "render_markdown", "render_json", "Problem"} <= set(
        compliance.__all__
    )
    assert [n for n in compliance.__all__ if not hasattr(compliance, n)] == []


def python_examples() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    return [("README.md", b) for b in blocks] + [
        ("examples/python_api.py", (ROOT / "examples" / "python_api.py").read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize(("where", "code"), python_examples(), ids=lambda v: v if "\n" not in v else "")
def test_architecture__examples_use_only_the_public_api(where: str, code: str) -> None:
    """The README's and the examples' Python import only `compliance` and use only names in __all__."""
    tree = ast.parse(code)
    deep = [
        n.module
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("compliance")
    ]
    deep += [
        a.name
        for n in ast.walk(tree)
        if isinstance(n, ast.Import)
        for a in n.names
        if a.name.startswith("compliance.")
    ]
    used = {
        n.attr
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "compliance"
    }
    assert (deep, sorted(used - set(compliance.__all__))) == ([], []), where


def test_architecture__readme_python_example_runs() -> None:
    """The README's Python example runs and its report renders as Markdown."""
    (_, code), *_ = python_examples()
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    report = namespace["report"]
    assert isinstance(report, compliance.Report)
    assert report._repr_markdown_().startswith("#")


def test_architecture__no_command_line_flags_below_the_cli() -> None:
    """Only the cli package speaks in command-line flags; the views' messages use neutral words."""
    flag = re.compile(r"(?<![\w-])--[a-z]")
    found = [
        f"{module}: {node.value!r}"
        for module, path in MODULES.items()
        if module != "compliance.cli" and not module.startswith("compliance.cli.")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and flag.search(node.value)
    ]
    assert found == []


def test_architecture__every_package_is_installed() -> None:
    """pyproject.toml lists every package folder of compliance/, so an installed copy has every floor."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    folders = {module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")}
    assert folders - listed == set()
