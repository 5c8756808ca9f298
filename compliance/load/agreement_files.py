"""Agreement files: TOML in, :class:`Agreement` out, every mistake reported at once.

The format is documented in ``docs/agreement-format.md``. tomllib gives no positions for keys,
so problems name the key path (``$.obligations[3].deadline``) and the line is found by walking
the text to the matching ``[[obligations]]`` header and key.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import TypeVar

from attrs import frozen

from compliance.core.model import Agreement
from compliance.core.parties import Conflict, Party, PartyRegistry
from compliance.core.problems import Problem
from compliance.load.converter import converter, describe_errors

T = TypeVar("T")

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Agreement and registry files larger than this are refused (an agreement is a few KB)."""

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


@frozen
class Reporter:
    """A known source and its affiliation: ``Ministry of Defence of Armenia`` → ``ARM``."""

    name: str
    party: str
    aliases: tuple[str, ...] = ()
    note: str = ""


@frozen
class PartiesFile:
    parties: tuple[Party, ...]
    conflicts: tuple[Conflict, ...] = ()


@frozen
class ReportersFile:
    reporters: tuple[Reporter, ...]


def read_text(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file with a size limit; problems instead of exceptions."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(label, 0, "-", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(label, 0, "-", f"cannot read file: {exc.strerror or exc}")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(label, line, "-", f"not valid UTF-8 at byte {exc.start}")]


def parse_toml(text: str, label: str, cls: type[T]) -> tuple[T | None, list[Problem]]:
    """Structure TOML text as ``cls``; every structural problem with key path and line."""
    try:
        raw = tomllib.loads(text)
    except RecursionError:
        return None, [Problem(label, 0, "-", "not valid TOML: nested too deeply")]
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.search(str(exc))
        line = int(match.group(1)) if match else 0
        return None, [Problem(label, line, "-", f"not valid TOML: {exc}")]
    try:
        return converter.structure(raw, cls), []
    except RecursionError:
        return None, [Problem(label, 0, "-", "nested too deeply")]
    except Exception as exc:
        problems = [
            Problem(label, locate(text, path), path, message) for path, message in describe_errors(exc)
        ]
        return None, sorted(problems)


def load_agreement_text(text: str, label: str) -> tuple[Agreement | None, list[Problem]]:
    return parse_toml(text, label, Agreement)


def load_agreement_file(path: Path, label: str | None = None) -> tuple[Agreement | None, list[Problem]]:
    label = label or str(path)
    text, problems = read_text(path, label)
    if text is None:
        return None, problems
    return load_agreement_text(text, label)


def load_parties_file(path: Path, label: str | None = None) -> tuple[PartyRegistry | None, list[Problem]]:
    label = label or str(path)
    text, problems = read_text(path, label)
    if text is None:
        return None, problems
    parsed, problems = parse_toml(text, label, PartiesFile)
    if parsed is None:
        return None, problems
    return PartyRegistry.of(parsed.parties, parsed.conflicts), []


def load_reporters_file(path: Path, label: str | None = None) -> tuple[tuple[Reporter, ...], list[Problem]]:
    label = label or str(path)
    text, problems = read_text(path, label)
    if text is None:
        return (), problems
    parsed, problems = parse_toml(text, label, ReportersFile)
    return (parsed.reporters if parsed else ()), problems


def locate(text: str, path: str) -> int:
    """Best-effort 1-based line of a key path such as ``$.obligations[2].rules[0].kinds``."""
    lines = text.splitlines()
    start, found, tables = 0, 0, ""
    pending_name: str | None = None
    for name, index in _SEGMENT.findall(path):
        if name:
            if pending_name is not None:
                tables = f"{tables}.{pending_name}" if tables else pending_name
            pending_name = name
            key = re.compile(rf"^\s*{re.escape(name)}\s*=")
            for number in range(start, len(lines)):
                if key.match(lines[number]):
                    found = number + 1
                    break
                if lines[number].lstrip().startswith("[") and number > start and found:
                    break
        elif pending_name is not None:
            header_name = f"{tables}.{pending_name}" if tables else pending_name
            header = re.compile(rf"^\s*\[\[\s*{re.escape(header_name)}\s*\]\]")
            seen = -1
            for number in range(start, len(lines)):
                if header.match(lines[number]):
                    seen += 1
                    if seen == int(index):
                        start, found = number, number + 1
                        break
            tables, pending_name = header_name, None
    return found
