"""Agreement files: TOML in, :class:`Agreement` out, every mistake reported at once.

The format is documented in ``docs/agreement-format.md``. tomllib gives no positions for keys,
so problems name the key path (``$.obligations[3].deadline``) and the line is found by walking
the text to the matching ``[[obligations]]`` header and key.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import TypeVar

from attrs import frozen

from compliance.core.inputs import read_limited
from compliance.core.model import Agreement
from compliance.core.parties import Conflict, Party, PartyRegistry
from compliance.core.problems import InputError, Problem, in_order
from compliance.load.converter import UNKNOWN_KEYS, converter, describe_errors
from compliance.load.registries import Reporter as Reporter
from compliance.load.registries import check_parties, check_reporters

T = TypeVar("T")

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Agreement and registry files larger than this are refused (an agreement is a few KB)."""

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


@frozen
class PartiesFile:
    parties: tuple[Party, ...]
    conflicts: tuple[Conflict, ...] = ()


@frozen
class ReportersFile:
    reporters: tuple[Reporter, ...]


def read_text(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """Read a regular UTF-8 file with a size limit; problems instead of exceptions."""
    try:
        data = read_limited(path, label, MAX_FILE_BYTES)
    except InputError as exc:
        return None, [Problem(label, 0, "-", str(exc).removeprefix(f"{label}: "))]
    except OSError as exc:
        return None, [Problem(label, 0, "-", f"cannot read file: {exc.strerror or exc}")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's "Unicode": a message on byte 0 said nothing
            return None, [
                Problem(label, 0, "-", "looks like UTF-16 text (a byte order mark): save it as UTF-8")
            ]
        line = data[: exc.start].count(b"\n") + 1
        message = (
            f"not valid UTF-8 at byte {exc.start}: the file may be in another encoding "
            "(Windows-1252, Latin-1 …); save it as UTF-8"
        )
        return None, [Problem(label, line, "-", message)]


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
        lines = Locator(text)
        problems = [
            Problem(label, _line(lines, path, message), path, message)
            for path, message in describe_errors(exc)
        ]
        return None, in_order(problems)


def _line(lines: Locator, path: str, message: str) -> int:
    """The line of a problem: for unknown keys, of the first of them, not of the table holding it
    (a misspelt key in ``[scope]`` was reported at line 0, one in an obligation at its first line)."""
    if message.startswith(UNKNOWN_KEYS):
        first = message.removeprefix(UNKNOWN_KEYS).split(",")[0].split(" ")[0]
        found = lines.line(f"{path}.{first}")
        if found:
            return found
    return lines.line(path)


def load_agreement_text(text: str, label: str) -> tuple[Agreement | None, list[Problem]]:
    return parse_toml(text, label, Agreement)


def load_agreement_file(path: Path, label: str | None = None) -> tuple[Agreement | None, list[Problem]]:
    label = label or str(path)
    text, problems = read_text(path, label)
    if text is None:
        return None, problems
    return load_agreement_text(text, label)


def load_parties_file(path: Path, label: str | None = None) -> tuple[PartyRegistry | None, list[Problem]]:
    """The party registry, or ``None`` when the file cannot be read as one.

    Mistakes across entries (an id or a name given twice, a side naming no party) are errors
    that leave out only what they make ambiguous (``load.registries.check_parties``).
    """
    label = label or str(path)
    text, problems = read_text(path, label)
    if text is None:
        return None, problems
    parsed, problems = parse_toml(text, label, PartiesFile)
    if parsed is None:
        return None, problems
    return check_parties(parsed.parties, parsed.conflicts, label, Locator(text).line)


def load_reporters_file(
    path: Path,
    label: str | None = None,
    parties: PartyRegistry | None = None,
    *,
    other_registry: bool = False,
) -> tuple[tuple[Reporter, ...] | None, list[Problem]]:
    """The reporters; with ``parties``, each reporter's party checked and read as a party id.

    ``None`` when the file cannot be read as a reporter registry (a party file given in its place
    read as every reporter unregistered, and the run went on as if nothing were wrong).

    Without ``parties`` only the file's structure is checked. ``other_registry``: the file was
    written for another party registry (``load.registries.check_reporters``).
    """
    label = label or str(path)
    text, problems = read_text(path, label)
    if text is None:
        return None, problems
    parsed, problems = parse_toml(text, label, ReportersFile)
    if parsed is None:
        return None, problems
    if parties is None:
        return parsed.reporters, problems
    return check_reporters(
        parsed.reporters, parties, label, Locator(text).line, other_registry=other_registry
    )


def locate(text: str, path: str) -> int:
    """Best-effort 1-based line of a key path such as ``$.obligations[2].rules[0].kinds``."""
    return Locator(text).line(path)


_KEY_LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=")
_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*(.*?)\s*\]\]")


class Locator:
    """The lines of one TOML text, indexed once, so that locating many key paths stays linear.

    Rescanning the text for every problem made 10,000 bad obligations take minutes. Here each
    look-up is a few binary searches: where each bare key is set, where each ``[[table]]``
    header and any ``[`` header stands. The index is built at the first look-up: a file with
    no problem is never scanned (indexing the nine bundled agreements and both registries was
    about 5 ms of every run, for line numbers no problem needed).
    """

    def __init__(self, text: str) -> None:
        self._text: str | None = text  # ``None`` once indexed
        self._keys: dict[str, list[int]] = {}
        self._arrays: dict[str, list[int]] = {}
        self._headers: list[int] = []

    def _index(self, text: str) -> None:
        for number, line in enumerate(text.splitlines()):
            if line.lstrip().startswith("["):
                self._headers.append(number)
                array = _ARRAY_HEADER.match(line)
                if array:
                    self._arrays.setdefault(array[1], []).append(number)
            key = _KEY_LINE.match(line)
            if key:
                self._keys.setdefault(key[1], []).append(number)

    def line(self, path: str) -> int:
        """The 1-based line where ``path`` is set, or of the nearest table that holds it; 0 if unknown."""
        if self._text is not None:
            self._index(self._text)
            self._text = None
        start, found, tables = 0, 0, ""
        pending_name: str | None = None
        for name, index in _SEGMENT.findall(path):
            if name:
                if pending_name is not None:
                    tables = f"{tables}.{pending_name}" if tables else pending_name
                pending_name = name
                keys = self._keys.get(name, [])
                at = bisect_left(keys, start)
                if at < len(keys):
                    header = bisect_right(self._headers, start)
                    stop = self._headers[header] if header < len(self._headers) else None
                    if not (found and stop is not None and stop < keys[at]):
                        found = keys[at] + 1
            elif pending_name is not None:
                header_name = f"{tables}.{pending_name}" if tables else pending_name
                arrays = self._arrays.get(header_name, [])
                at = bisect_left(arrays, start) + int(index)
                if at < len(arrays):
                    start = arrays[at]
                    found = start + 1
                tables, pending_name = header_name, None
        return found
