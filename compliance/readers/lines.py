"""Lines of an event file, read with bounds: what a hostile or mistaken file can cost is fixed.

* A line is read at most :data:`MAX_LINE_CHARS` characters at a time; the rest of an over-long
  line is read in chunks and thrown away, and the line arrives as an :class:`OverlongLine` (its
  first characters only), so one 200 MB line or ``/dev/zero``'s endless NULs never sit in memory.
* Before any line is read, the first bytes are looked at once (:func:`looks_binary`): a gzip or
  ZIP archive, UTF-16 text or random bytes give one problem that says what the file looks like,
  instead of one problem per line.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO, cast

MAX_LINE_CHARS = 1 << 22
"""4,194,304 characters: far above any real row (a 200,000-column header fits), far below memory."""
SNIFF_BYTES = 8192

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "a gzip-compressed file: decompress it first"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook is one): export it as CSV"),
    (b"\xff\xfe", "UTF-16 text (little-endian byte order mark): save it as UTF-8"),
    (b"\xfe\xff", "UTF-16 text (big-endian byte order mark): save it as UTF-8"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
)


class OverlongLine(str):
    """The first :data:`MAX_LINE_CHARS` characters of a line that was longer; the rest was skipped."""

    __slots__ = ()


def looks_binary(head: bytes) -> str | None:
    """What the first bytes of a file look like, when that is not UTF-8 text; ``None`` for text."""
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if not head:
        return None
    nuls = head.count(0)
    if nuls * 10 > len(head):  # a stray NUL is one bad field (check_fields); this many is not text
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if len(head) >= 4 and max(even, odd) * 3 >= len(head) // 2 and min(even, odd) * 10 < nuls:
            return "UTF-16 text without a byte order mark: save it as UTF-8"
        return f"binary data, not text ({nuls} NUL bytes in the first {len(head)})"
    text = head.decode("utf-8", "replace")
    if text.endswith("\ufffd"):  # a character cut by the sample's end is not an error
        text = text.rstrip("\ufffd")
    bad = text.count("\ufffd") + sum(1 for c in text if c < " " and c not in "\t\r\n\f")
    if bad * 4 > len(text):  # a quarter: not a file with a few broken bytes, but binary
        return f"binary data, not UTF-8 text ({bad} undecodable or control characters in the first {len(head)} bytes)"
    return None


def peek(handle: BinaryIO) -> tuple[bytes, io.BufferedReader]:
    """The first bytes of ``handle`` and a stream that still starts at them."""
    if isinstance(handle, io.BufferedReader):
        buffered = handle
    else:
        buffered = io.BufferedReader(cast(io.RawIOBase, handle))
    return buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES], buffered


def bounded_lines(text: io.TextIOBase, limit: int = MAX_LINE_CHARS) -> Iterator[str]:
    """Lines with their endings; an over-long line comes as an :class:`OverlongLine` prefix."""
    readline = text.readline
    while True:
        line = readline(limit)
        if not line:
            return
        if len(line) < limit or line[-1] in "\r\n":
            yield line
            continue
        while True:  # discard the rest of the line, a chunk at a time
            rest = readline(limit)
            if not rest or rest[-1] in "\r\n":
                break
        yield OverlongLine(line[:200])
