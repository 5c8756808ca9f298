"""Coordinates as the datasets give them: a point and the dataset's precision code.

Apart from the row machinery in ``base`` because only the dataset readers (ACLED, UCDP GED) read
a precision code, and each has its own range of codes; our own format reads points in
``our_values``.
"""

from __future__ import annotations

from compliance.core.events import Coordinates, Origin
from compliance.core.problems import Problem, Severity
from compliance.readers.base import Complain
from compliance.readers.fields import decimal, quoted, stated, whole_number


def coordinates(latitude: str, longitude: str, precision: str, bad: Complain) -> Coordinates | None:
    """Coordinates with the dataset's precision code, or ``None`` (with a problem if malformed).

    ``NA`` or ``NaN`` (R's and pandas' missing value) is an empty cell. The precision code is
    kept as given: :class:`CoordinatesOnce` checks it against the dataset's codes.
    """
    latitude, longitude = stated(latitude), stated(longitude)
    if not (latitude and longitude):
        return None
    degrees: list[float] = []
    for field, text, limit in (("latitude", latitude, 90.0), ("longitude", longitude, 180.0)):
        try:
            value = decimal(text)
        except ValueError:
            value = None
        if value is None or not -limit <= value <= limit:  # a bad value is named in its own column
            wanted = "decimal degrees (ASCII digits, a dot for the decimal mark)"
            bad(field, f"bad coordinates: expected {wanted} from {-limit:g} to {limit:g}, got {quoted(text)}")
            return None
        degrees.append(value)
    return Coordinates(degrees[0], degrees[1], whole_number(precision, 2))


def unknown_precision(column: str, highest: int, text: str) -> str:
    """Why a point's precision code is not kept, or ``""`` when it is left blank or is one of the
    dataset's codes, 1 to ``highest``.

    Linking reads the code (a point coded 3 or coarser places no account: docs/obligation-logic.md).
    A code the dataset does not define, kept, was read as if defined (``9`` as coarse, ``0`` as
    exact); dropped, it went unsaid that the row's place rests on a point of unknown precision.
    """
    text = stated(text)  # NA (R): a code column with gaps
    code = whole_number(text, 2)  # 2.0, as pandas writes such a column, is 2
    if not text or (code is not None and 1 <= code <= highest):
        return ""
    return (
        f"expected a precision code from 1 to {highest}, got {quoted(text)}: the code is not kept, "
        "and the coordinates are read as a point without one"
    )


class CoordinatesOnce:
    """:func:`coordinates` for the rows of one file, each distinct (latitude, longitude,
    precision) worked out once, its problems told again for every row that has it.

    ``column`` is where the file gives the precision code and ``highest`` the coarsest code its
    dataset defines (ACLED ``geo_precision`` 1–3, UCDP GED ``where_prec`` 1–7): a point with
    another code is read without it, with a warning (:func:`unknown_precision`).
    """

    def __init__(self, column: str, highest: int) -> None:
        self.column = column
        self.highest = highest
        self._seen: dict[
            tuple[str, str, str], tuple[Coordinates | None, tuple[tuple[str, str], ...], str]
        ] = {}

    def __call__(
        self, latitude: str, longitude: str, precision: str, bad: Complain, origin: Origin
    ) -> tuple[Coordinates | None, tuple[Problem, ...]]:
        """The point (``None`` when not given or malformed, ``bad`` told why) and the warnings of
        the row at ``origin``: a precision code the dataset does not define."""
        key = (latitude, longitude, precision)
        found = self._seen.get(key)
        if found is None:
            said: list[tuple[str, str]] = []
            unkept = unknown_precision(self.column, self.highest, precision)
            place = coordinates(latitude, longitude, "" if unkept else precision, lambda *p: said.append(p))
            found = self._seen[key] = (place, tuple(said), unkept if place is not None else "")
        for field, message in found[1]:
            bad(field, message)
        if found[2]:
            return found[0], (Problem(origin.file, origin.line, self.column, found[2], Severity.WARNING),)
        return found[0], ()
