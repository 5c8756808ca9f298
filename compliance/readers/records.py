"""CSV records, split from lines before ``csv.reader`` parses them: one bad quote costs one record.

``csv.reader`` alone lets a quoted field run on over line ends until a quote closes it: one
unclosed quote swallows the rest of the file as a single field. Here each line is first scanned
for whether it ends inside a quoted field (only lines holding a ``"`` are scanned at all). A
record may go on over several lines, but when it is not closed within :data:`MAX_RECORD_CHARS`
characters or by the end of the file, or when it closes with a number of fields other than the
header's, it is reported as an unclosed quote on the line where it started, and reading resumes
at the next line. The lines are kept while a record is open, so they can be read again.

:class:`CsvRecords` behaves like ``csv.reader``: ``next()`` gives a row or raises ``csv.Error``
for one bad record, and ``line_num`` is the last line that record took. Fields are separated by
a comma, or by ``;`` or a tab (:data:`DELIMITERS`) when the reader is told so.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from compliance.readers.lines import MAX_LINE_CHARS, OverlongLine

MAX_RECORD_CHARS = MAX_LINE_CHARS
"""A record running over several lines stops being believed at this size."""

_QUOTED_INSIDE = r'[^"]*+(?:""[^"]*+)*+'
"""The inside of a quoted field, up to its closing quote (a doubled quote is a quote): the same
strings as ``(?:[^"]|"")*+``, written as runs of plain characters, which ``re`` matches several
times faster than one character per step (a real ACLED line holds a long quoted note)."""
_QUOTED = re.compile(_QUOTED_INSIDE)
DELIMITERS = (",", ";", "\t")
"""Comma, and what spreadsheets write instead where the comma is the decimal mark: ``;``, tab."""


class _Grammar(NamedTuple):
    """The patterns of one delimiter (``,`` in the examples): the same grammar for each."""

    delimiter: str
    after_close: re.Pattern[str]
    """What csv keeps after a closing quote, up to the next delimiter (its lenient reading)."""
    unquoted: re.Pattern[str]
    strict_record: re.Pattern[str]
    """A record quoted by the book: a closing quote is followed by a delimiter or the line end. A
    record over several lines must be one, or its first quote is taken as unclosed (``"a,b``
    then ``c,"d"x`` would otherwise close on the wrong line)."""


def _grammar_of(delimiter: str) -> _Grammar:
    if delimiter not in DELIMITERS:
        raise ValueError(f"unsupported delimiter {delimiter!r}")
    d = re.escape(delimiter)
    field = rf'(?:"{_QUOTED_INSIDE}"|[^{d}\r\n"][^{d}\r\n]*+|)'
    return _Grammar(
        delimiter,
        re.compile(rf"[^{d}\r\n]*+"),
        re.compile(rf"[^{d}\r\n]*+"),
        re.compile(rf"{field}(?:{d}{field})*+(?:\r\n|\r|\n)?"),
    )


_GRAMMARS = {delimiter: _grammar_of(delimiter) for delimiter in DELIMITERS}
_STRICT_RECORD = _GRAMMARS[","].strict_record


def ends_inside_quotes(line: str, inside: bool, delimiter: str = ",") -> bool:
    """Whether a record is still inside a quoted field at the end of ``line``, as csv reads it."""
    if not inside and _GRAMMARS[delimiter].strict_record.fullmatch(line):
        return False  # the common quoted line (ACLED's notes): every quoted field closes by the book
    return _ends_inside_quotes(line, inside, delimiter)


def opens_an_unclosed_quote(line: str, delimiter: str = ",") -> bool:
    """:func:`ends_inside_quotes` for a line read from its start (``inside`` false), quote by quote.

    Only a quote at a field's start opens a quoted field (csv reads any other as a character),
    and a line end outside quotes ends the record, so the line is searched for its quotes and
    nothing else: a real line holds a few, and a long quoted note is skipped in one search.
    That is several times cheaper than matching the whole line field by field, and gives the
    same answer for any line (a property in ``tests/test_scale_equivalence.py``).
    """
    find = line.find
    pos = 0  # outside quotes
    while True:
        quote = find('"', pos)
        if quote < 0 or find("\n", pos, quote) >= 0 or find("\r", pos, quote) >= 0:
            return False
        pos = quote + 1
        if quote and line[quote - 1] != delimiter:
            continue  # inside an unquoted field, or after a closed one: a character
        while True:  # inside a quoted field, up to its closing quote ("" is a quote)
            close = find('"', pos)
            if close < 0:
                return True
            pos = close + 1
            if not line.startswith('"', pos):
                break
            pos += 1


def _ends_inside_quotes(line: str, inside: bool, delimiter: str = ",") -> bool:
    """:func:`ends_inside_quotes` field by field, for any line."""
    grammar = _GRAMMARS[delimiter]
    after_close, unquoted = grammar.after_close, grammar.unquoted
    pos, end = 0, len(line)
    if inside:
        pos = _QUOTED.match(line).end()  # type: ignore[union-attr]
        if pos >= end:
            return True
        pos = after_close.match(line, pos + 1).end()  # type: ignore[union-attr]
    else:
        pos = -1  # as if just after a delimiter
    while pos < end:
        if pos >= 0 and line[pos] != delimiter:
            return False  # a line end outside quotes
        pos += 1
        if pos < end and line[pos] == '"':
            pos = _QUOTED.match(line, pos + 1).end()  # type: ignore[union-attr]
            if pos >= end:
                return True
            pos = after_close.match(line, pos + 1).end()  # type: ignore[union-attr]
        else:
            pos = unquoted.match(line, pos).end()  # type: ignore[union-attr]
    return False


_UNCLOSED_LAST = (
    "unclosed quote: a quoted field starts on this line, the file's last, and is not closed: the file "
    "may be cut short (an interrupted download or copy?) and the rows after it missing"
)
"""The quote opened on the last line: what a download or copy cut inside a quoted field leaves."""
_UNCLOSED_AT_END = (
    "unclosed quote: a quoted field starts on this line and is still open at the end of the file, {} "
    "line(s) later, which are no rows: the file may be cut short (an interrupted download or copy?) "
    "and the rows after it missing"
)
"""The quote opened on a record that runs over lines to the file's end: a cut inside a long note."""
_UNCLOSED = (
    "unclosed quote: a quoted field starts on this line and is not closed; the next line is read as a new row"
)


class CsvRecords:
    """Rows of a CSV stream, one record at a time; the first row (the header) sets the field count.

    A line without a quote (the common line: every row of a file we wrote, half of an ACLED
    export) holds no field that ``csv`` would read other than by splitting it at the delimiter,
    so it is split here, without handing it to ``csv.reader``: that costs a fifth of what csv's
    parse and the generator step feeding it cost. Any other line goes to one ``csv.reader``
    that is fed one whole record at a time (:meth:`_fed`), so each record is parsed as before.
    A bad record is handed over as an empty line with :attr:`_error` set, which :meth:`__next__`
    raises as ``csv.Error``. ``delimiter`` is one of :data:`DELIMITERS`; records are split and
    checked the same way for each.

    :attr:`text` is the line a row was split from (its fields joined by the delimiter), or
    ``None`` when ``csv`` parsed it: what the row checks of ``base.csv_rows`` read (length, NUL,
    undecodable bytes) without joining the fields again.
    """

    def __init__(self, lines: Iterable[str], delimiter: str = ",", first_line: int = 1) -> None:
        self._lines: Iterator[str] = iter(lines)
        self._again: deque[tuple[int, str]] = deque()
        self._read = first_line - 1  # lines before the header (a blank line, Excel's sep=) were read
        self._error: str | None = None
        self._delimiter = delimiter
        self._strict = _GRAMMARS[delimiter].strict_record
        self._record = ""
        self._parser = csv.reader(self._fed(), delimiter=delimiter, strict=False)
        # csv refuses a field this long; a line shorter than it cannot hold one (read at each
        # reader's start, as csv reads it at each record).
        self._split_below = csv.field_size_limit()
        self._at_eof = False
        self.fields: int | None = None
        self.line_num = 0
        self.text: str | None = None

    def __iter__(self) -> CsvRecords:
        return self

    def __next__(self) -> list[str]:
        if self._again:
            start, line = self._again.popleft()
        else:
            line = next(self._lines, "")
            if not line:
                raise StopIteration  # the end of the records
            self._read = start = self._read + 1
        self.line_num = start
        if '"' not in line and type(line) is str and len(line) < self._split_below:
            # csv reads a line without quotes as its text split at the delimiter, once the
            # line's end (any run of \r and \n) is cut; a blank line is no field at all. A line
            # end before the last character is csv's error, so such a line goes to csv.
            text = line.rstrip("\r\n")
            if "\n" not in text and "\r" not in text:
                row = text.split(self._delimiter) if text else []
                if self.fields is None and row:
                    self.fields = len(row)
                self.text = text
                return row
        self.text = None
        self._record = self._record_of(start, line)
        row = next(self._parser)
        if self._error is not None:
            message, self._error = self._error, None
            raise csv.Error(message)
        if self.fields is None and row:
            self.fields = len(row)
        return row

    def at_end(self) -> bool:
        """Whether no line is left after the record last returned (a line read to tell is given back)."""
        if self._again:
            return False
        line = next(self._lines, None)
        if line is None:
            return True
        self._read += 1
        self._again.append((self._read, line))
        return False

    def _fed(self) -> Iterator[str]:
        """What ``csv.reader`` parses: the record :meth:`__next__` put aside, once per row.

        Each record handed over is whole (a line that does not end inside quotes, a record over
        several lines that closes by the book, or the empty line of an error), so csv never
        reads a second one for the same row."""
        while True:
            yield self._record

    def _starts_a_row(self, lines: list[tuple[int, str]]) -> bool:
        """Whether ``lines`` open with a whole row (over one line or several) of the header's width,
        as the rows after a stray quote do; a cut note's remainder opens with a fragment."""
        try:
            first = next(csv.reader((text for _, text in lines), delimiter=self._delimiter), [])
        except csv.Error:
            return False
        return self.fields is None or len(first) == self.fields

    def _line(self) -> tuple[int, str] | None:
        if self._again:
            return self._again.popleft()
        line = next(self._lines, None)
        if line is None:
            return None
        self._read += 1
        return self._read, line

    def _record_of(self, start: int, line: str) -> str:
        """The record starting with ``line`` (on line ``start``), which holds a quote or is odd."""
        if isinstance(line, OverlongLine):
            self._error = f"line longer than {MAX_LINE_CHARS} characters; it is skipped"
            return "\n"
        if not opens_an_unclosed_quote(line, self._delimiter):
            return line
        return self._multiline(start, line)

    def _multiline(self, start: int, line: str) -> str:
        """A record over several lines, or (when it is not one) an error and the lines given back."""
        taken = [(start, line)]
        size = len(line)
        while True:
            item = self._line()
            if item is None or isinstance(item[1], OverlongLine) or size + len(item[1]) > MAX_RECORD_CHARS:
                self._at_eof = item is None
                return self._unclosed(taken, item)
            taken.append(item)
            size += len(item[1])
            if not ends_inside_quotes(item[1], True, self._delimiter):
                break
        record = "".join(text for _, text in taken)
        self._at_eof = False
        if not self._strict.fullmatch(record):
            return self._unclosed(taken, None)
        fields = next(csv.reader([record], delimiter=self._delimiter, strict=False))
        if self.fields is not None and len(fields) != self.fields:
            return self._unclosed(taken, None)
        self.line_num = taken[-1][0]
        return record

    def _unclosed(self, taken: list[tuple[int, str]], extra: tuple[int, str] | None) -> str:
        """Give back every line after the first and report the first as one bad record.

        A quote still open at the end of the file, when the lines after it do not open with a
        whole row, is a file cut inside a field that runs over lines (ACLED's notes): those
        lines are the rest of that one record, not rows, and are not given back. Given back, each was a rejected
        record of its own, one more than the file holds, with a second message about the cut.
        """
        if extra is None and len(taken) > 1 and self._at_eof and not self._starts_a_row(taken[1:]):
            self.line_num = taken[0][0]
            self._error = _UNCLOSED_AT_END.format(len(taken) - 1)
            return "\n"
        again = taken[1:] + ([extra] if extra is not None else [])
        self._again.extendleft(reversed(again))
        self.line_num = taken[0][0]
        self._error = _UNCLOSED_LAST if len(taken) == 1 and extra is None else _UNCLOSED
        return "\n"
