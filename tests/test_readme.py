"""The README's commands and its excerpt of the default report stay true."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from compliance.cli import main

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def first_command() -> list[str]:
    """The `compliance ...` part of the README's first command."""
    block = re.search(r"```console\n(.*?)\n```", README, re.S).group(1)  # type: ignore[union-attr]
    return shlex.split(block.split("&& compliance ", 1)[1])


def test_readme__first_command_produces_the_excerpt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The excerpt in the README is the start of what the first README command writes."""
    args = first_command()
    args[args.index("--output") + 1] = str(tmp_path / "report.md")
    assert main(args) == 0
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):  # the excerpt: up to the second summary table
        lines = report.splitlines(keepends=True)
        end = [i for i, line in enumerate(lines) if line.startswith("## Summary:")][1]
        new = "".join(lines[:end])
        text = re.sub(
            r"(<!-- excerpt:start -->\n```markdown\n).*?(```\n<!-- excerpt:end -->)",
            lambda m: m.group(1) + new + m.group(2),
            README,
            flags=re.S,
        )
        (ROOT / "README.md").write_text(text, encoding="utf-8")
        return
    excerpt = re.search(
        r"<!-- excerpt:start -->\n```markdown\n(.*?)```\n<!-- excerpt:end -->", README, re.S
    ).group(1)  # type: ignore[union-attr]
    assert report.startswith(excerpt)


def test_readme__ci_runs_the_readme_test_command() -> None:
    """.ci/run runs exactly the README's second command."""
    commands = re.findall(r"```console\n(.*?)\n```", README, re.S)
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme__each_command_line_names_every_output_format() -> None:
    """The README's line for each command lists every ``--format`` the command takes besides its
    default: ``report --format csv`` was added and the line still said ``markdown|json``."""
    import argparse

    from compliance.cli.arguments import parser

    commands = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in commands.choices.items():
        option = next((a for a in command._actions if "--format" in a.option_strings), None)
        if option is None or option.choices is None:
            continue
        (line,) = [line for line in README.splitlines() if line.startswith(f"compliance {name} ")]
        found = re.search(r"--format ([\w|]+)", line)
        assert found is not None, name
        assert set(option.choices) - {option.default} <= set(found[1].split("|")), name
