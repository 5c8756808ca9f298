"""Safe output: input text is data. Nothing in it may become markup, HTML, a link or a formula.

Every piece of text that comes from an input file goes through :func:`text` (or :func:`cell`
inside tables); only http(s) addresses become links, through :func:`link`, or as autolinks
inside a note's sentences, through :func:`prose`. Every row of a CSV
file goes through :func:`spreadsheet_row`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TypeVar, cast
from urllib.parse import quote, urlsplit

from compliance.core.problems import visible

_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_BACKTICKS = re.compile(r"`+")
_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")
_WHITESPACE = re.compile(r"\s+")
MAX_CELL = 600
_REMEMBERED = 1 << 12
"""Distinct values :func:`text`, :func:`prose` and :func:`code` each remember: a report repeats a
few hundred names, kinds, places and reasons thousands of times, and the least used are dropped."""
_REMEMBERED_LENGTH = 1_000
"""Only values up to this many characters are remembered. Names, kinds, places and the reasons
the evaluation writes are shorter; a long note is mostly one account's own, seen once, and 4,096
notes of 10,000 characters remembered would hold some 100 MB for the life of a session."""

_Escape = TypeVar("_Escape", bound=Callable[[str], str])


def _remembered(escape: _Escape) -> _Escape:
    """``escape`` remembering its answers for short values only (see :data:`_REMEMBERED_LENGTH`).

    ``__wrapped__`` is the escaping itself, computed afresh, and ``cache_info`` says what is
    remembered (the tests read both).
    """
    cached = functools.lru_cache(maxsize=_REMEMBERED)(escape)

    @functools.wraps(escape)
    def remembered(value: str) -> str:
        return cached(value) if len(value) <= _REMEMBERED_LENGTH else escape(value)

    remembered.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return cast("_Escape", remembered)


@_remembered
def text(value: str) -> str:
    """Escape inline text: backslash-escape Markdown punctuation, entity-encode ``<``, ``>``, ``&``.

    Newlines and other white space collapse to single spaces, so a value can never open a new
    block (a heading, a list, a table row, a code fence); other control characters and bidi
    overrides are shown as ``\\xNN``/``\\uNNNN`` (:func:`~compliance.core.problems.visible`).
    """
    return _unlisted(_escaped(_flat(value)))


def _flat(value: str) -> str:
    return visible(_WHITESPACE.sub(" ", value.replace("\x00", "")).strip())


def _escaped(flat: str) -> str:
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", flat)


def _unlisted(escaped: str) -> str:
    """A leading ``1.``, ``1)``, ``-``, ``+`` or ``=`` escaped: the value cannot open a list or a heading."""
    return _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


_URL = re.compile(r"https?://[^\s<>\"'`|\[\]{}\\^]+")
_URL_TAIL = ".,;:!?*_~"


@_remembered
def prose(value: str) -> str:
    """:func:`text`, with every http(s) address in it written as an autolink (``<https://…>``).

    Notes cite sources by address in their sentences ("Armenia's Foreign Ministry framed …
    (https://en.armradio.am/…)"). As escaped text, an address holding ``_`` came out as
    ``id\\_evento``: a renderer that links bare addresses took the backslash into the link, and
    one that does not (CommonMark without GitHub's extension) linked none of them. Inside angle
    brackets the address is read as written, percent-encoded by :func:`href` (so nothing in it
    can end the link or start markup). Punctuation closing the sentence, and a closing
    parenthesis the address does not open, stay outside it.
    """
    flat = _flat(value)
    out: list[str] = []
    done = 0
    for found in _URL.finditer(flat):
        url = found[0].rstrip(_URL_TAIL)
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(_URL_TAIL)
        if not is_web_address(url):
            continue
        out += [_escaped(flat[done : found.start()]), f"<{href(url)}>"]
        done = found.start() + len(url)
    out.append(_escaped(flat[done:]))
    return _unlisted("".join(out))


def cell(value: str, limit: int = MAX_CELL) -> str:
    """Text for a table cell: escaped, and shortened so one cell never swamps a table."""
    return text(shorten(value, limit)) or " "


def shorten(value: str, limit: int) -> str:
    """``value`` in at most ``limit`` characters, cut at a word boundary and ended with "…".

    A cut inside a word reads as a different word, or as half of a place's two names
    ("Shusha/Sh…"): the cut goes back to the last space, unless that would drop more than half
    of what fits (an address or a path with no space is cut where it must be).
    """
    if len(value) <= limit:
        return value
    head = value[: limit - 1]
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    if not value[limit - 1].isspace() and space > limit // 2:
        head = head[:space]
    return head.rstrip(" \t\n,;:") + "…"


def is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def href(url: str) -> str:
    """Percent-encode what could end a Markdown link destination early or start markup."""
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%-._~")


def link(label: str, url: str) -> str:
    """A link if ``url`` is http(s); otherwise the escaped address as plain text."""
    if is_web_address(url):
        return f"[{text(label)}]({href(url)})"
    return f"{text(label)} ({text(url)})" if url else text(label)


@_remembered
def code(value: str) -> str:
    """An identifier as a code span, read exactly as written (escapes are not processed there).

    A value with a backtick or white space cannot be a safe code span and falls back to
    escaped text; a ``|`` is escaped because GFM splits table cells before reading code spans.
    """
    if not value or "`" in value or any(c.isspace() for c in value) or not value.isprintable():
        return text(value)
    return "`" + value.replace("|", "\\|") + "`"


def span(value: str) -> str:
    """A line of any text as a code span, read exactly as written (a problem quoting a file).

    The span's fence is one backtick longer than the longest run of backticks inside, so nothing
    in the value can end it; inside a code span nothing is markup, HTML or an entity. Control
    characters are shown as escapes (:func:`~compliance.core.problems.visible`), line breaks
    among them, so the span stays on its line. Not for table cells, where GFM splits a row at
    ``|`` before it reads spans: use :func:`code` or :func:`cell` there.
    """
    flat = visible(value)
    if not flat.strip():
        return text(value)
    longest = max((len(run) for run in _BACKTICKS.findall(flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def fenced(content: str, info: str = "") -> list[str]:
    """``content`` as a fenced code block, shown exactly: the fence is longer than any run of
    backticks inside, so no line of the content (a CSV field holding a fence) can close it.
    """
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info, content.rstrip("\n"), fence]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection)."""


def spreadsheet_row(values: Iterable[object]) -> list[object]:
    """A CSV row whose text cells a spreadsheet shows as text: one starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading ``'``.

    An agreement file's article number or summary is written into the timeline, activity and
    report CSVs, which researchers open in spreadsheets; ``=HYPERLINK(…)`` there would run as a
    formula. The ids, statuses and reasons the library writes never start so; numbers are left
    as they are.
    """
    return [f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in values]
