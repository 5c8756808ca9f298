"""Writing what the command line produces: never over an input, never half a file, errors as messages.

* :func:`refuse_inputs` stops a run when a file it would write (the output, the report's
  pictures) is one of its own input files (the same file by any path: a link, ``./``, ``..``),
  before anything is read.
* :func:`write_output` writes a report to a temporary file beside the target (so on the same
  file system), forces it to disk and renames it over the target only when it is complete. A
  kill at any moment leaves the old file or the new one, never a truncated one; on any failure
  the temporary file is removed. A device or FIFO named as output (``/dev/null``, ``/dev/stdout``)
  cannot be renamed over and is written directly.
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

from compliance.core.problems import visible


class OutputError(Exception):
    """The output cannot be written; the message names the path and the cause."""


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_inputs(outputs: Sequence[tuple[Path, str]], inputs: Iterable[Path]) -> None:
    """Raise ``ValueError`` (a usage error) when a file written is an input, or two are one file.

    ``outputs`` pairs each path written with how a message names it ("the output report.md").
    """
    inputs = list(inputs)
    for k, (output, shown) in enumerate(outputs):
        for path in inputs:
            if str(path) != "-" and _same(output, path):
                raise ValueError(
                    f"{shown} is the input file {visible(str(path))}: refusing to overwrite an input"
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
        return
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
    try:
        if mode is not None and not stat.S_ISREG(mode):
            with open(path, "wb") as stream:  # a device or a FIFO: nothing to rename over
                stream.write(data)
        else:
            _replace(Path(os.path.realpath(path)), data, mode)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:  # a full disk, a permission, Ctrl-C: the temporary file goes
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


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
