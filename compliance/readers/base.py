"""What every reader shares: the record it yields, resolvers, field limits, and CSV row iteration.

Every reader yields one record at a time, accepted or rejected, never lost. The readers of
external datasets (ACLED, UCDP GED) also share reading the header and checking required columns
(``datasets``), so that each only maps its own columns.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Protocol, TypeVar, overload

from attrs import frozen

from compliance.core.events import Event, Origin
from compliance.core.problems import Problem, Severity
from compliance.readers.headers import column_name, header_names

MAX_FIELD_CHARS = 10_000
"""A field longer than this is refused (notes are a paragraph, not a book)."""
MAX_ID_CHARS = 200


def unfit_id(text: str) -> bool:
    """Whether an id is too long or holds whitespace (checked on every row, so the common id,
    printable and without a space, is answered without looking at each character)."""
    return len(text) > MAX_ID_CHARS or (
        (" " in text or not text.isprintable()) and any(c.isspace() for c in text)
    )


T = TypeVar("T")
PartyResolver = Callable[[str], str | None]
ReporterResolver = Callable[[str], str | None]

_QUALIFIER = re.compile(r"\s*\((?:\d{4}-(?:\d{4})?\)|[^()]*\)\s*$)\s*")
"""A bracketed qualifier after a name: ACLED's period of years anywhere (``(2018-)``,
``(2008-2018)``, perhaps followed by a unit), or any bracketed words ending the name, as UCDP GED
gives a state's former name (``Government of Russia (Soviet Union)``)."""


_STATE_FORM = re.compile(r"(?:government|military forces|police forces) of ", re.IGNORECASE)
ONCE = "(warned once per file)"
"""The end of a warning the file's reader gives once per file (``readers.told_once``)."""


def looks_like_state(name: str) -> bool:
    """Whether a dataset names a state's government or forces (``Government of Georgia``,
    ``Military Forces of Georgia (2004-)``), as ACLED and UCDP GED both do."""
    return _STATE_FORM.match(name) is not None


def unread_state(origin: Origin, field: str, name: str) -> Problem:
    """The warning for a state's name that is no party's on a row naming a party.

    Left out, such a name makes a clash between one side and a third state read as that side's
    alone, which links it to that side's duties towards the other side. Warned once per name and
    file; a name on a row naming no party changes nothing and is not warned of (a worldwide
    export names every state).
    """
    return Problem(
        origin.file,
        origin.line,
        field,
        f"{name[:80]!r} names a state's government or forces but no registered party, while the row "
        "names a party: the account is read as if that party were without it; add the name to the "
        f"state's aliases in the parties file {ONCE}",
        Severity.WARNING,
    )


def party_of_name(name: str, resolve_party: PartyResolver) -> str | None:
    """The registered party a dataset's actor or side name stands for, or ``None``.

    Tried in turn: the whole name (an alias may name a unit), the name without its qualifier
    (:data:`_QUALIFIER`), and the part before the qualifier (``Military Forces of Azerbaijan
    (2003-) Special Forces`` is Azerbaijan's). Each must match an alias as a whole: ``Former
    Military Forces of Armenia (2018-)`` is no party's (docs/event-formats.md).
    """
    party = resolve_party(name)
    if party is not None:
        return party
    qualifier = _QUALIFIER.search(name)
    if qualifier is None:
        return None
    return resolve_party(_QUALIFIER.sub(" ", name, count=1)) or resolve_party(name[: qualifier.start()])


@frozen
class Record:
    """One input record: the event built from it (``None`` if rejected) and its problems.

    ``stamp``: when the dataset uploaded this revision of the record, in Unix seconds (ACLED's
    ``timestamp``; ``None`` where the format gives none). It orders the copies of one id given
    by two downloads (``linking.copies``), which ``Event.reported_on``, the UTC day, cannot do
    within a day; it is carried here, not on the event, so no event of any format holds it.
    """

    origin: Origin
    event: Event | None
    problems: tuple[Problem, ...] = ()
    stamp: int | None = None

    @property
    def rejected(self) -> bool:
        return self.event is None

    @classmethod
    def reject(cls, origin: Origin, field: str, message: str) -> Record:
        return cls(origin, None, (Problem(origin.file, origin.line, field, message, Severity.ERROR),))


_SURROGATE = re.compile("[\udc80-\udcff]")
"""Undecodable bytes arrive as lone surrogates (``errors='surrogateescape'``)."""

NOT_UTF8 = (
    "not valid UTF-8: the file may be in another encoding (Windows-1252, Windows-1251, Latin-1 …); "
    "save it as UTF-8"
)
"""The problem of a record holding bytes that are not UTF-8. Said the same way on every row, so
a file in another encoding gives one line on standard error (the rows counted), not one a row."""


class _LineReader(Protocol):
    """What ``csv.reader`` gives: rows, and the physical line reached; and whether a line is left."""

    line_num: int
    text: str | None

    def __next__(self) -> list[str]: ...

    def at_end(self) -> bool: ...


Row = tuple[Origin, list[str], bool]
"""A data row of :func:`csv_rows`: where it starts, its fields, and whether it is within limits."""
Build = Callable[[Origin, list[str], bool], T | None]
"""What a reader makes of a data row (its origin, fields, and whether it is within limits)."""


@overload
def csv_rows(
    reader: _LineReader, header: list[str], label: str, names: list[str] | None = None
) -> Iterator[Row | Record | Problem]: ...


@overload
def csv_rows(
    reader: _LineReader, header: list[str], label: str, names: list[str] | None = None, *, build: Build[T]
) -> Iterator[T | Record | Problem]: ...


def csv_rows(
    reader: _LineReader,
    header: list[str],
    label: str,
    names: list[str] | None = None,
    *,
    build: Build[T] | None = None,
) -> Iterator[Row | T | Record | Problem]:
    """The data rows after the header, with the line each starts on; broken rows as rejections.

    A row that repeats the header's ``names`` (as :func:`header_names` reads them; default
    ``header``) is no record but one warning: two exports joined one after the other
    (``cat a.csv b.csv``, a download appended page by page) hold their header again. Read as
    data, it was a rejected record with a problem for each column ("unknown ACLED event type
    'event_type'", "not a date: 'date'") that never named the cause.

    Shared by every CSV format: malformed quoting, a wrong field count and invalid UTF-8 each
    reject one row, and reading goes on. Each row comes with whether it is *within limits*: no
    longer than :data:`MAX_FIELD_CHARS` in all and free of NUL characters, so that no field of it
    can fail :func:`check_fields` (the common row; the text is joined here anyway, and the check
    then costs nothing per field).

    ``build``, where given, is applied to each data row here and its result yielded instead of
    the row: a reader that turns every row into one record then passes records on with
    ``yield from``, and its own loop, a type test and an unpacking per row, are not run.
    """
    names = header if names is None else names
    first = next((i for i, name in enumerate(names) if name), 0)
    # What the header's first name can start with: most rows are told apart by one character.
    initials = {c for c in (names[first][:1], names[first][:1].upper(), "\ufeff", " ", "\t") if c}
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num
            yield Record.reject(Origin(label, start), "-", f"malformed CSV: {exc}")
            continue
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        origin = Origin(label, start)
        if len(row) != len(header):
            # The last row short of fields: what a download or copy cut in the middle of a row leaves.
            cut = len(row) < len(header) and reader.at_end()
            yield Record.reject(
                origin,
                "-",
                f"expected {len(header)} fields as in the header, got {len(row)}{CUT_SHORT if cut else ''}",
            )
            continue
        # The row's text: the line it was split from, where it was (one delimiter between fields,
        # none a NUL or a surrogate), else its fields joined; ``size``, its fields' length in all.
        joined = reader.text
        if joined is None:
            joined = "".join(row)
            size = len(joined)
        else:
            size = len(joined) - len(row) + 1
        if not joined.isascii() and _SURROGATE.search(joined):
            bad = next(header[i] for i, value in enumerate(row) if _SURROGATE.search(value))
            yield Record.reject(origin, bad or "-", NOT_UTF8)
            continue
        if (
            row[first][:1] in initials
            and names[first]
            and column_name(row[first]) == names[first]
            and header_names(row) == names
        ):
            yield Problem(label, start, "-", REPEATED_HEADER, Severity.WARNING)
            continue
        within_limits = size <= MAX_FIELD_CHARS and "\x00" not in joined
        if build is None:
            yield origin, row, within_limits
        else:
            built = build(origin, row, within_limits)
            if built is not None:  # None: the builder holds the row, to give it later
                yield built


REPEATED_HEADER = (
    "this row repeats the header (files joined one after the other?): it is not a record, and the "
    "rows after it are read as before"
)


CUT_SHORT = (
    ": it is the file's last row, so the file may be cut short (an interrupted download or copy?) "
    "and the rows after it missing"
)


def check_fields(row: Mapping[str, str], origin: Origin) -> list[Problem]:
    """Limits every reader applies before looking at values: size and NUL characters."""
    values = row.values()
    if not values or (max(map(len, values)) <= MAX_FIELD_CHARS and "\x00" not in "".join(values)):
        return []  # the common case, checked once per row
    problems = []
    for name, value in row.items():
        if len(value) > MAX_FIELD_CHARS:
            problems.append(
                Problem(
                    origin.file, origin.line, name, f"{len(value)} characters; the limit is {MAX_FIELD_CHARS}"
                )
            )
        elif "\x00" in value:
            problems.append(Problem(origin.file, origin.line, name, "contains a NUL character"))
    return problems


Complain = Callable[[str, str], None]
