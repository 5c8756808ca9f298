"""Records that give one id: identical copies are read once, differing ones are all rejected.

Overlapping exports are the common case: an ACLED download for 2023 and one for 2023–2024 hold
the same rows, under the same ids, with the same content. Those copies are one account, read
once; rejecting both lost every event of the overlap. Records that give one id and differ (an
export revised between two downloads, or two accounts that claim one id) are all rejected:
keeping one would take a side on which is right, or make the result depend on row order.

Copies are compared by content (``Event`` equality, which leaves out where a record was read).
An account the ledger does not keep (linked to nothing and in no incident, with
``keep_unlinked=False``) is not held in memory: its copies are compared by the hash of its
content, and only with copies that are not kept either, since identical content links alike.

A problem names the id as the record's file calls it: ``event_id_cnty`` in an ACLED export, so
that a researcher finds the column by searching the file. The readers tell which files call it
otherwise (a mapping by file, filled once per file), so nothing is added to each event.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import evolve

from compliance.core.events import Event, Link, Origin
from compliance.core.problems import Problem, Severity

DUPLICATE_PLACES = 10
"""How many copies of a duplicate id its problem names by place (the rest are counted)."""

Place = tuple[str, int]


class IdCopies:
    """The first record of each id (the event if kept, else its hash), and the copies met later.

    Mutable on purpose: it lives for one ``assemble`` and is never shared.
    """

    def __init__(self, id_fields: Mapping[str, str] | None = None) -> None:
        # file -> its id field, where not "id": filled by the readers while the records stream in
        self.id_fields: Mapping[str, str] = {} if id_fields is None else id_fields
        self.first: dict[str, tuple[str, int, Event | int]] = {}
        self.places: dict[str, list[Place]] = {}  # only ids given to more than one record
        self.differ: set[str] = set()

    def is_copy(self, event: Event, where: Place, kept: bool) -> bool:
        """Whether ``event`` gives an id met before (then the caller leaves it out; see :meth:`settle`)."""
        first = self.first.get(event.id)
        if first is None:
            self.first[event.id] = (where[0], where[1], event if kept else hash(event))
            return False
        file, line, content = first
        self.places.setdefault(event.id, [(file, line)]).append(where)
        same = content == event if isinstance(content, Event) else not kept and content == hash(event)
        if not same:
            self.differ.add(event.id)
        return True

    def id_field(self, file: str) -> str:
        """The field that gives the ids of ``file``, as its format names it."""
        return self.id_fields.get(file, "id")

    def settle(
        self, events: list[Event], links: list[Link], unlinked: dict[str, str], found: list[Problem]
    ) -> tuple[list[Event], list[Link], int]:
        """The events and links left, and how many records the copies reject; problems for each copy.

        An id whose copies are identical keeps one, read from the first place in (file, line)
        order, and each other copy is set aside with a warning naming that place. An id whose
        copies differ rejects every copy, with an error naming them (the first
        :data:`DUPLICATE_PLACES` by place, then how many more: naming all n places in each of n
        problems made a file with one id on every row quadratic). The outcome is the same for any
        order of the records. Only the first record of an id is in ``events`` and ``links``.
        """
        rejected = 0
        moved: dict[str, Place] = {}
        for event_id, where in self.places.items():
            ordered = sorted(where)
            if event_id in self.differ:
                places = ", ".join(f"{file}:{line}" for file, line in ordered[:DUPLICATE_PLACES])
                if len(ordered) > DUPLICATE_PLACES:
                    places += f" and {len(ordered) - DUPLICATE_PLACES} more"
                message = (
                    f"duplicate id {event_id!r}, given to {len(where)} records that differ ({places}): "
                    "every copy is rejected"
                )
                found.extend(Problem(file, line, self.id_field(file), message) for file, line in where)
                unlinked.pop(event_id, None)
                rejected += len(where)
                continue
            kept = ordered[0]
            message = (
                f"id {event_id!r} again, in a record identical to the one at {kept[0]}:{kept[1]}: "
                "the account is read once, from there"
            )
            found.extend(
                Problem(file, line, self.id_field(file), message, Severity.WARNING)
                for file, line in ordered[1:]
            )
            rejected += len(where) - 1
            if where[0] != kept:  # records given out of (file, line) order: read from the first place
                moved[event_id] = kept
        if self.differ:
            events = [e for e in events if e.id not in self.differ]
            links = [k for k in links if k.event not in self.differ]
        if moved:
            events = [e if e.id not in moved else evolve(e, origin=Origin(*moved[e.id])) for e in events]
        return events, links, rejected


__all__ = ["DUPLICATE_PLACES", "IdCopies"]
