"""Problems: bad input becomes data, never a traceback.

Every loader returns what it could read *and* a list of problems, Beancount-style, so one
bad row never hides the good ones and a researcher sees every mistake at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from operator import attrgetter

import attrs
from attrs import frozen

_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 control characters and the bidi overrides and isolates: they act on a terminal or
reorder text instead of showing, so a field name could ring a bell, set a window title or make
``evil.exe`` read as ``exe.live``."""


def visible(text: str) -> str:
    """``text`` with every control character and bidi override written as ``\\xNN`` or ``\\uNNNN``.

    The one escaping used wherever input text is shown: problems on stderr and the Markdown report.
    """
    if text.isprintable() or not _UNSEEN.search(text):  # every control and bidi character is unprintable
        return text
    return _UNSEEN.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text that can always be printed and written as UTF-8 and shows as written.

    Undecodable bytes become ``\\xNN``, and so do control characters (:func:`visible`).
    Printable text (no control, format or surrogate character: the common case) is returned as
    it is, the same object, so problems sharing one message share its text.
    """
    if text.isprintable():  # (then it encodes and decodes to itself, and nothing is escaped)
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")
    return visible(raw.decode("utf-8", "backslashreplace"))


class Severity(StrEnum):
    """How bad a problem is. Errors reject a record; warnings keep it."""

    ERROR = "error"
    WARNING = "warning"


@frozen(order=True)
class Problem:
    """One precise complaint about the input: where it is, which field, what was expected.

    Attributes:
        file: the path as the user gave it (or ``<bundled>`` for shipped data).
        line: 1-based line of the record, 0 when the whole file is concerned.
        field: the column, key path or ``-`` when no single field is to blame.
        message: what is wrong and what was expected.
        severity: errors reject the record, warnings only annotate it.
    """

    file: str = attrs.field(converter=printable)
    line: int = attrs.field()
    field: str = attrs.field(converter=printable)
    message: str = attrs.field(converter=printable)
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        tag = "" if self.severity is Severity.ERROR else "warning: "
        return f"{self.file}:{self.line}: {self.field}: {tag}{self.message}"


_FIELDS_LAST_FIRST = tuple(attrgetter(name) for name in ("severity", "message", "field", "line", "file"))


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """The same order as ``sorted(problems)`` (file, line, field, message, severity), faster.

    attrs' ``__lt__`` builds two tuples per comparison, and tuples of equal leading fields compare
    slowly: 200,000 problems took seconds. One stable sort per field, last field first, compares
    plain strings and numbers only.
    """
    ordered = list(problems)
    for key in _FIELDS_LAST_FIRST:
        ordered.sort(key=key)
    return ordered


class InputError(Exception):
    """Raised only when input cannot be read at all (missing file, not the declared format)."""
