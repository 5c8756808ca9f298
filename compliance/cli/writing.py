"""Writing what the command line produces: never over an input, never half a file, errors as messages.

* :func:`refuse_inputs` stops a run when a file it would write (the output, the report's
  pictures) is one of its own input files (the same file by any path: a link, ``./``, ``..``;
  for ``-``, the file standard input is redirected from), before anything is read.
* :func:`write_files` writes each file to a temporary file beside its target (so on the same
  file system) and forces it to disk; only when every one is complete are they renamed over
  their targets, the first file named (the report) last. An existing file that is read-only
  (no write permission for anyone, or none for this user) is not replaced. A failure before
  that removes every temporary file and leaves every old file as it was; a kill leaves the old
  file or the new one, never a truncated one. A device or FIFO named as output (``/dev/null``, ``/dev/stdout``)
  cannot be renamed over and is written directly. :func:`write_output` is the one-file case.
* Every failure to write is an :class:`OutputError` with one line naming the path and the cause.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from attrs import frozen

from compliance.core.problems import visible


class OutputError(Exception):
    """The output cannot be written; the message names the path and the cause."""


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _stdin_file() -> tuple[int, int] | None:
    """The regular file standard input reads (``< file``), by device and inode; ``None`` for a pipe or terminal."""
    try:
        found = os.fstat(0)
    except OSError:  # closed
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISREG(found.st_mode) else None


def refuse_inputs(outputs: Sequence[tuple[Path, str]], inputs: Iterable[Path]) -> None:
    """Raise ``ValueError`` (a usage error) when a file written is an input, or two are one file.

    ``outputs`` pairs each path written with how a message names it ("the output report.md").
    """
    inputs = list(inputs)
    stdin = _stdin_file() if any(str(path) == "-" for path in inputs) else None
    for k, (output, shown) in enumerate(outputs):
        for path in inputs:
            if str(path) != "-" and _same(output, path):
                raise ValueError(
                    f"{shown} is the input file {visible(str(path))}: refusing to overwrite an input"
                )
        if stdin is not None and _identity(output) == stdin:
            raise ValueError(
                f"{shown} is the file read from standard input (-): refusing to overwrite an input"
            )
        for other, _ in outputs[:k]:
            if _same(output, other):
                raise ValueError(
                    f"{shown} is the same file as {visible(str(other))}: refusing to write it twice"
                )


def write_output(path: Path | None, text: str) -> None:
    """Write ``text`` to ``path`` (atomically) or, for ``None``, to standard output."""
    if path is None:
        _write_stdout(text)
    else:
        write_files([(path, text)])


@frozen
class _Pending:
    """A file ready to be put in place: its complete temporary file, or (a device) its bytes."""

    path: Path
    target: Path
    temporary: str | None
    data: bytes


def write_files(files: Sequence[tuple[Path, str]]) -> None:
    """Write every file or, as far as a file system allows, none (see the module's notes)."""
    pending: list[_Pending] = []
    try:
        for path, text in files:
            pending.append(_prepare(path, text))
        for item in reversed(pending):  # the first (the report) last: it never names a missing picture
            _put_in_place(item)
    except BaseException:  # a full disk, a folder in the way, Ctrl-C: the temporary files go
        for item in pending:
            if item.temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(item.temporary)
        raise
    for folder in {item.target.parent for item in pending if item.temporary is not None}:
        with contextlib.suppress(OSError):  # make the renames themselves durable
            directory = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)


def _prepare(path: Path, text: str) -> _Pending:
    """A complete temporary file beside ``path`` (a device: nothing yet); nothing else is touched."""
    shown = visible(str(path))
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {shown}: it is a directory")
    data = text.encode("utf-8", "surrogateescape")
    if mode is not None and not stat.S_ISREG(mode):
        return _Pending(path, path, None, data)  # a device or a FIFO: nothing to rename over
    if mode is not None and (not mode & 0o222 or not os.access(path, os.W_OK)):
        # Renaming over it needs only the folder: a file its owner made read-only, or one this
        # user may not write, is refused as ``cp`` refuses it, not silently replaced.
        raise OutputError(f"cannot write {shown}: the file is read-only (Permission denied)")
    target = Path(os.path.realpath(path))
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
        raise
    return _Pending(path, target, temporary, data)


def _put_in_place(item: _Pending) -> None:
    try:
        if item.temporary is None:
            with open(item.path, "wb") as stream:
                stream.write(item.data)
        else:
            os.replace(item.temporary, item.target)
    except OSError as exc:
        raise OutputError(f"cannot write {visible(str(item.path))}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_stdout(text: str) -> None:
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write to standard output: it is closed")
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError) as exc:
        _silence_stdout()
        cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise OutputError(f"cannot write to standard output: {cause}") from None


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so the interpreter's last flush does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
