"""Opening input files: regular files only, so that no input can hang or flood a run.

A FIFO without a writer blocks ``open()`` for ever and a device such as ``/dev/zero`` never ends:
both are refused here before a byte is read. Standard input is read only when the user names it
on purpose (``-``). The file is opened without blocking, checked with ``fstat`` on the open
descriptor (no window between the check and the read) and then switched back to blocking reads.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, TypeAlias

from compliance.core.problems import InputError

STDIN = "-"
"""The name that means standard input (for event files)."""

PathArg: TypeAlias = str | os.PathLike[str]
"""A path as the public API takes it: ``"mine.toml"``, ``Path("mine.toml")`` or any ``os.PathLike``."""


def as_path(path: PathArg) -> Path:
    """The :class:`Path` of a path given as a string or any ``os.PathLike`` (converted at the API's edge)."""
    return path if isinstance(path, Path) else Path(path)


def as_paths(paths: PathArg | Iterable[PathArg]) -> list[Path]:
    """Paths given as a list of any kinds of path, or one path alone (not a list of its characters)."""
    if isinstance(paths, str | os.PathLike):
        return [as_path(paths)]
    return [as_path(p) for p in paths]


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words for a message."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_input(path: Path, label: str, allow_stdin: bool = False) -> BinaryIO:
    """Open a regular file (or standard input for ``-`` when allowed) for binary reading.

    Raises :class:`InputError` with a one-line reason when the file cannot be read at all.
    """
    if allow_stdin and str(path) == STDIN:
        return sys.stdin.buffer
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"{label}: cannot read: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{label}: cannot read: {kind_of(mode)}, not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: Path, label: str, limit: int) -> bytes:
    """The whole of a small regular file; :class:`InputError` if it is larger than ``limit`` bytes."""
    with open_input(path, label) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{label}: file is larger than {limit} bytes, the limit")
    return data
