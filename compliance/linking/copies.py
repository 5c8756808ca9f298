"""Records that give one id: identical copies are read once, ACLED's latest revision is read,
other copies that differ are all rejected.

Overlapping exports are the common case: an ACLED download for 2023 and one for 2023–2024 hold
the same rows, under the same ids, with the same content. Those copies are one account, read
once; rejecting both lost every event of the overlap. Records that give one id and differ (two
accounts that claim one id) are all rejected: keeping one would take a side on which is right,
or make the result depend on row order.

One exception is ACLED's own correction. ACLED re-codes rows and stamps each revision with its
``timestamp``, so two downloads taken months apart give a revised row twice under its
``event_id_cnty``. When every copy is in an ACLED export, the copies of the latest time stamp are
identical and it is later than every other copy's, that revision is read and each older one set
aside with a warning: the dataset says which is current, no side is taken. Two revisions of one
second, or a copy without a time stamp, tell no latest one: every copy is rejected, as elsewhere.
Revision by revision, the ledger links the latest met so far (a later one is linked in its turn,
:meth:`IdCopies.is_copy` returning ``False``), and :meth:`IdCopies.settle` keeps the links of the
last one only.

A ledger built for an evaluation as it could have been made on a date (``known_on``) reads the
latest revision uploaded by then (its time stamp's UTC day, ``reported_on``, on or before it), and
sets each later one aside with its own warning: read in the latest, a row revised after that date
was left out as not yet reported, and its revision known then set aside as older, so adding a
download lost an account known on the date. Revisions all uploaded after it read the latest, as
without the date (the evaluation leaves it out). The order is by (known then, time stamp), so
ties and the outcome in any record order are as above.

The time stamp is read to the second (``Record.stamp``, which the reader gives beside the
event): ``Event.reported_on`` keeps only its UTC day, by which two revisions uploaded on one day
could not be told apart. Every event holding the seconds would cost each account of every format
a field for the few ids given twice.

Copies are compared by content (``Event`` equality, which leaves out where a record was read) and
time stamp: a row ACLED uploaded again with nothing read changed is a later revision, read from
its latest upload, as it already was when its day changed. A copy in a file of another format,
which gives no time stamp, differs from it. An account the ledger does not keep (linked to
nothing and in no incident, with ``keep_unlinked=False``) is not held in memory: its copies are
compared by the hash of its content, and only with copies that are not kept either, since
identical content links alike.

A problem names the id as the record's file calls it: ``event_id_cnty`` in an ACLED export, so
that a researcher finds the column by searching the file. The readers tell which files call it
otherwise (a mapping by file, filled once per file), so nothing is added to each event.

A copy's problem says what happened in words that do not depend on the row: the file the copy
read is in (set aside), or the files holding the copies (all rejected). The id, the time stamps
and the line of the copy read are not in it: the row at the problem's file and line gives the id
and its ``timestamp``, and the copy read is the first in that file that gives the id (of the
revision read), as the event read keeps its place. One text per file pair lets the listings
group them: a download given twice drew one line per row on standard error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime

from attrs import define, evolve

from compliance.core.events import Event, Link, Origin
from compliance.core.problems import Problem, Severity

FILES_NAMED = 10
"""How many files holding copies of a duplicate id its problem names (the rest are counted)."""

REVISED_ID_FIELD = "event_id_cnty"
"""The id field of the files whose copies may be revisions of one row: ACLED's."""

Place = tuple[str, int]


@define
class Revisions:
    """What is known of an id whose copies differ, so far only as ACLED's revisions of one row.

    Attributes:
        stamps: each copy's time stamp (``Record.stamp``), by place.
        tied: the time stamp two copies that differ were given, if any (no latest revision then).
        made: the links of the revision the ledger linked last, when it is not the first record
            of the id (``None``: the first record is the one read, its links are the ledger's).
    """

    stamps: dict[Place, int]
    tied: int | None = None
    made: tuple[Link, ...] | None = None


class IdCopies:
    """The record of each id the ledger reads (the event if kept, else its hash, and its time
    stamp), and the copies met later.

    Mutable on purpose: it lives for one ``assemble`` and is never shared.
    """

    def __init__(self, id_fields: Mapping[str, str] | None = None, known_on: date | None = None) -> None:
        self.known_on = known_on  # revisions uploaded after it rank below those known then
        # file -> its id field, where not "id": filled by the readers while the records stream in
        self.id_fields: Mapping[str, str] = {} if id_fields is None else id_fields
        self.first: dict[str, tuple[str, int, Event | int, int | None]] = {}
        self.places: dict[str, list[Place]] = {}  # only ids given to more than one record
        self.differ: set[str] = set()  # every copy rejected (final once settled)
        self.revisions: dict[str, Revisions] = {}

    def is_copy(
        self, event: Event, where: Place, kept: bool, made: Iterable[Link] = (), stamp: int | None = None
    ) -> bool:
        """Whether ``event`` gives an id met before (then the caller leaves it out; see :meth:`settle`).

        ``False`` for a later revision of an ACLED row met before: the caller reads it as it read
        the first (``made``: the links it makes), and :meth:`settle` keeps the latest only.
        ``stamp``: the record's time stamp (``Record.stamp``).
        """
        first = self.first.get(event.id)
        if first is None:
            self.first[event.id] = (where[0], where[1], event if kept else hash(event), stamp)
            return False
        file, line, content, lead = first
        self.places.setdefault(event.id, [(file, line)]).append(where)
        revisions = self.revisions.get(event.id)
        if event.id in self.differ:
            return True
        if stamp == lead and (
            content == event if isinstance(content, Event) else not kept and content == hash(event)
        ):
            if revisions is not None and stamp is not None:
                revisions.stamps[where] = stamp
            return True
        if lead is None or stamp is None or not (self._revised(file) and self._revised(where[0])):
            self.differ.add(event.id)
            return True
        if revisions is None:  # every copy so far is identical to the first record
            revisions = self.revisions[event.id] = Revisions(dict.fromkeys(self.places[event.id], lead))
        revisions.stamps[where] = stamp
        if self._rank(stamp) > self._rank(lead):  # a later revision: read it, until a later one comes
            self.first[event.id] = (where[0], where[1], event if kept else hash(event), stamp)
            revisions.made = tuple(made)
            return False
        if stamp == lead:
            revisions.tied = stamp
        return True

    def id_field(self, file: str) -> str:
        """The field that gives the ids of ``file``, as its format names it."""
        return self.id_fields.get(file, "id")

    def _rank(self, stamp: int) -> tuple[bool, int]:
        """The order of revisions: those uploaded by ``known_on`` first, then by time stamp."""
        return (self.known_on is None or _day(stamp) <= self.known_on, stamp)

    def _revised(self, file: str) -> bool:
        return self.id_fields.get(file) == REVISED_ID_FIELD

    def settle(
        self, events: list[Event], links: list[Link], unlinked: dict[str, str], found: list[Problem]
    ) -> tuple[list[Event], list[Link], int]:
        """The events and links left, and how many records the copies reject; problems for each copy.

        An id whose copies are identical keeps one, read from the first place in (file, line)
        order, and each other copy is set aside with a warning naming the file read. An id whose
        copies are ACLED's revisions of one row keeps the latest revision alike, and each older
        copy is set aside with a warning naming the file read. An id whose copies differ
        otherwise rejects every copy, with an error naming the files that hold them (the first
        :data:`FILES_NAMED`, then how many more). The texts depend on no row, so that the
        listings group them (and one text is shared by every copy alike, not one made per row:
        naming all n places in each of n problems made a file with one id on every row
        quadratic). The outcome is the same for any order of the records. Only the record read
        of an id keeps its events and links.
        """
        rejected = 0
        moved: dict[str, Place] = {}
        relinked: dict[str, Revisions] = {}  # ids whose record read is not the first met
        texts: dict[tuple[str, str], str] = {}  # one text per (file read, kind): copies alike share it
        rejections: dict[tuple[tuple[str, ...], bool], str] = {}
        for event_id, where in self.places.items():
            ordered = sorted(where)
            revisions = self.revisions.get(event_id)
            latest = self.first[event_id][3]
            if revisions is not None and (
                revisions.tied == latest or not all(self._revised(file) for file, _ in where)
            ):
                self.differ.add(event_id)
            if event_id in self.differ:
                found.extend(self._rejected(ordered, rejections))
                unlinked.pop(event_id, None)
                rejected += len(where)
                continue
            stamps = {} if revisions is None else revisions.stamps
            kept = next(place for place in ordered if stamps.get(place, latest) == latest)
            for file, line in ordered:
                if (file, line) != kept:
                    stamp = stamps.get((file, line), latest)
                    key = (kept[0], _kind(latest, stamp, self.known_on))
                    if key not in texts:
                        texts[key] = _set_aside(*key, self.known_on)
                    found.append(Problem(file, line, self.id_field(file), texts[key], Severity.WARNING))
            rejected += len(where) - 1
            if revisions is not None and revisions.made is not None:
                relinked[event_id] = revisions
            if self.first[event_id][:2] != kept:  # the record read was met later: read from the first place
                moved[event_id] = kept
        if self.differ:
            events = [e for e in events if e.id not in self.differ]
            links = [k for k in links if k.event not in self.differ]
        if relinked:
            events = [e for e in events if e.id not in relinked or e is self.first[e.id][2]]
            links = [k for k in links if k.event not in relinked]
            for event_id, revisions in relinked.items():
                links.extend(revisions.made or ())
                if revisions.made:
                    unlinked.pop(event_id, None)
        if moved:
            events = [e if e.id not in moved else evolve(e, origin=Origin(*moved[e.id])) for e in events]
        return events, links, rejected

    def _rejected(
        self, ordered: list[Place], texts: dict[tuple[tuple[str, ...], bool], str]
    ) -> list[Problem]:
        """An error on every copy, naming the files that hold them (one text per set of files)."""
        files = tuple(sorted({file for file, _ in ordered}))
        key = (files, all(self._revised(file) for file in files))
        if key not in texts:
            texts[key] = _differ(*key)
        return [Problem(file, line, self.id_field(file), texts[key]) for file, line in ordered]


def _differ(files: tuple[str, ...], acled: bool) -> str:
    """The error on each copy of an id given to records that differ, held in ``files``."""
    named = ", ".join(files[:FILES_NAMED])
    if len(files) > FILES_NAMED:
        named += f" and {len(files) - FILES_NAMED} more files"
    message = f"duplicate id, given to records that differ (copies in {named}): every copy is rejected"
    if acled:
        message += (
            " (ACLED's time stamps tell no latest revision: the latest one is given to records that differ,"
            " or a record has none)"
        )
    return message


IDENTICAL, EARLIER, AFTER_KNOWN_ON = "identical", "earlier", "after known-on"


def _kind(latest: int | None, stamp: int | None, known_on: date | None) -> str:
    """Why a copy is set aside: identical to the record read, an older revision, or one uploaded
    after ``known_on`` (later than the revision read)."""
    if stamp == latest or latest is None or stamp is None:  # (an older revision has both)
        return IDENTICAL
    return AFTER_KNOWN_ON if stamp > latest and known_on is not None else EARLIER


def _set_aside(read_from: str, kind: str, known_on: date | None) -> str:
    """The warning on a copy set aside, the record read being in the file ``read_from``."""
    if kind == IDENTICAL:
        return f"id given again, in a record identical to one read from {read_from}: the account is read once"
    if kind == AFTER_KNOWN_ON and known_on is not None:
        return (
            f"id revised by ACLED after the known-on date {known_on.isoformat()}: this later revision is left "
            f"out, and the latest known then is read, from {read_from}"
        )
    return f"id revised by ACLED: this record is an earlier revision of one read from {read_from}"


def _day(stamp: int) -> date:
    """A time stamp's UTC day: the ``reported_on`` the reader gives."""
    return datetime.fromtimestamp(stamp, tz=UTC).date()


__all__ = ["FILES_NAMED", "IdCopies"]
