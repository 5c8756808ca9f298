"""The pipeline: load → validate → link. Evaluation and rendering build on the ledger.

    registries  = load parties and reporters           (``linking.loading``)
    agreements  = load agreement files, check them together
    records     = stream event files (rejected rows keep their problems)
    events      = validate: unknown parties and links → rejected; an id given twice → read once if the
                  copies are identical or ACLED's revisions (the latest), else all rejected (``linking.copies``)
    links       = link each accepted event (explicit references, one per obligation, then rules);
                  explicit links that contradict each other → rejected

Nothing is lost: every record read is counted as linked, unlinked or rejected.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter

from attrs import field, frozen

import agreements as bundled
from compliance.core.arguments import DayArg, as_optional_day
from compliance.core.events import Event, Link, sort_by_sort_key
from compliance.core.frozendict import FrozenDict, frozen_dict
from compliance.core.inputs import PathArg, as_path, as_paths
from compliance.core.model import Agreement
from compliance.core.natural_order import in_natural_order
from compliance.core.parties import PartyRegistry
from compliance.core.places import Gazetteer, Placement
from compliance.core.problems import Problem, Severity, in_order, visible
from compliance.linking.copies import IdCopies
from compliance.linking.explicit import check_reference
from compliance.linking.incidents import denial_links, with_incident_caveats
from compliance.linking.index import LinkIndex, LinkMemo, linked
from compliance.linking.loading import (
    BUNDLED,
    given_once,
    load_agreements,
    load_registries,
    reporter_resolver,
)
from compliance.linking.scope import REASONS, outside_by_place
from compliance.load.places import load_gazetteer
from compliance.load.registries import Reporter
from compliance.readers import Record, read_event_file


@frozen
class Accounting:
    """Where every input record ended up; ``read == linked + unlinked + rejected``.

    ``unlinked_reasons`` counts the unlinked records by reason (one of
    :data:`compliance.linking.scope.REASONS`); the counts add up to ``unlinked``. It is a
    read-only copy (``FrozenDict``) of the mapping given: every report built on a ledger holds the
    ledger's accounting itself, so a dict here could be emptied through any one of them.
    """

    read: int
    linked: int
    unlinked: int
    rejected: int
    unlinked_reasons: Mapping[str, int] = field(factory=FrozenDict, converter=frozen_dict)


@frozen
class Ledger:
    """Everything loaded, validated and linked, with every problem found on the way.

    ``events`` holds every accepted account, in sort order; a ledger assembled with
    ``keep_unlinked=False`` (as every command builds it) leaves out those linked to nothing and
    in no incident, which ``unlinked`` and the accounting still count. ``unlinked`` (and
    ``why_unlinked``) are in natural id order, E9 before E10 (``core.natural_order``).

    Frozen all the way down, and so hashable: every collection is a tuple, a frozenset or a
    read-only ``FrozenDict``.
    """

    agreements: tuple[Agreement, ...]
    parties: PartyRegistry
    events: tuple[Event, ...]
    links: tuple[Link, ...]
    unlinked: tuple[str, ...]
    problems: tuple[Problem, ...]
    accounting: Accounting
    why_unlinked: Mapping[str, str] = field(factory=FrozenDict, converter=frozen_dict)
    """Event id of each of ``unlinked`` -> its reason (one of ``linking.scope.REASONS``): which
    rows the accounting's ``unlinked_reasons`` counts under each."""
    placed_outside: Mapping[str, frozenset[str]] = field(factory=FrozenDict, converter=frozen_dict)
    """Event id -> the agreements an account of an incident that gives no country cannot bear
    on, by where the gazetteer places it (``linking.scope.outside_by_place``; pass it on to the
    evaluation, which has no gazetteer)."""
    reporters: tuple[Reporter, ...] = ()
    """The reporter registry the accounts were read with: a report shows, beside an unaffiliated
    outlet's accounts, the country the registry says it is based in (``views.reporters``)."""
    known_on: date | None = None
    """The date the ledger was built for (``build_ledger(known_on=...)``): of ACLED's revisions of
    a row, the latest uploaded by then was read. Every evaluation of the ledger is made as known
    on that date (:meth:`known_on_for`); ``None``: built for no date, every revision known."""
    chose_revisions: bool = False
    """Whether the ledger met ACLED rows given in several revisions and chose among them: then
    what it holds depends on ``known_on`` (``linking.copies``)."""

    def known_on_for(self, known_on: DayArg | None = None) -> date | None:
        """The known-on date of an evaluation of this ledger, given ``known_on`` by its caller.

        ``None`` (not given): the ledger's own. The ledger's date given again: that date. Any
        other date raises ``ValueError`` naming both: the ledger's revisions were chosen for its
        date, so an evaluation as known on another one would mix the two. On a later date the
        revisions uploaded after the ledger's date are missing, set aside; on an earlier one a
        row revised in between is read in its later revision, which the evaluation leaves out as
        not yet reported, where its revision known then should have been read.

        A ledger built for no date takes any date, unless it chose among ACLED's revisions of a
        row (``chose_revisions``): it read the latest of each, which is the earlier case above.
        Without revisions, what it holds is the same whatever the date it is built for, and an
        evaluation as known on a date reads exactly what one built for that date would.
        """
        asked = as_optional_day(known_on, "known_on")
        if asked is None or asked == self.known_on:
            return self.known_on
        if self.known_on is not None:
            raise ValueError(
                f"known_on: {asked.isoformat()} given, but the ledger was built for "
                f"{self.known_on.isoformat()} (build_ledger(known_on=...)), whose ACLED revisions "
                f"are those known then: give no known_on, or build the ledger with known_on={asked.isoformat()}"
            )
        if self.chose_revisions:
            raise ValueError(
                f"known_on: {asked.isoformat()} given, but the ledger was built for no date and read "
                "ACLED's rows in their latest revision, some perhaps uploaded after it: build the "
                f"ledger with known_on={asked.isoformat()}"
            )
        return asked

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)


def build_ledger(
    agreement_paths: Iterable[PathArg] | PathArg | None = None,
    event_paths: Iterable[PathArg] | PathArg | None = None,
    parties_path: PathArg | None = None,
    reporters_path: PathArg | None = None,
    gazetteer_path: PathArg | None = None,
    *,
    keep_unlinked: bool = True,
    known_on: DayArg | None = None,
) -> Ledger:
    """Run load → validate → link on files (``None``: the bundled data, registries included).

    Every path may be a ``str``, a ``Path`` or any ``os.PathLike``; a single path where a list is
    expected is that one file. ``keep_unlinked=False`` leaves out of the ledger's ``events`` the
    accounts that nothing evaluated can read (see :func:`assemble`).

    ``gazetteer_path`` replaces the bundled gazetteer (``agreements/places.toml``), which knows
    only the bundled conflict's areas and places: another conflict's scopes name its own areas,
    and its accounts that name no party link only where their place resolves into the
    agreement's area. One gazetteer is read and used for both the scope checks and linking; a
    file with problems raises :class:`InputError`, as a broken party registry does.

    ``known_on``: the ledger of an evaluation as it could have been made on that date, which the
    ledger records (``Ledger.known_on``): every report, evaluation, timeline, activity table, diff
    and lineage of it is made as known on that date, and another date given to one of them raises
    ``ValueError`` (:meth:`Ledger.known_on_for`). Of the revisions two ACLED downloads give of a row, the latest
    uploaded by then is read, the later ones set aside (``linking.copies``): read in its latest,
    a row revised after the date was left out as not yet reported, with its revision known then.
    """
    known = as_optional_day(known_on, "known_on")
    parties, reporters, problems = load_registries(
        None if parties_path is None else as_path(parties_path),
        None if reporters_path is None else as_path(reporters_path),
    )
    gazetteer = load_gazetteer(None if gazetteer_path is None else as_path(gazetteer_path))
    agreements, agreement_problems = load_agreements(
        None if agreement_paths is None else as_paths(agreement_paths), parties, gazetteer
    )
    sources = (
        [(bundled.EVENTS_FILE, f"{BUNDLED}/events.csv")]
        if event_paths is None
        else sorted(((p, str(p)) for p in given_once(as_paths(event_paths))), key=lambda s: s[1])
    )
    resolve_reporter = reporter_resolver(reporters)
    id_fields: dict[str, str] = {}  # filled by the readers: a file's id column where it is not "id"
    records = itertools.chain.from_iterable(
        read_event_file(path, parties.resolve, resolve_reporter, label, id_fields) for path, label in sources
    )  # streamed: one record in memory at a time until it is validated and linked
    return assemble(
        agreements,
        parties,
        records,
        problems + agreement_problems,
        keep_unlinked=keep_unlinked,
        gazetteer=gazetteer,
        id_fields=id_fields,
        known_on=known,
        reporters=reporters,
    )


def assemble(
    agreements: Sequence[Agreement],
    parties: PartyRegistry,
    records: Iterable[Record | Problem],
    problems: Sequence[Problem] = (),
    *,
    keep_unlinked: bool = True,
    gazetteer: Gazetteer | None = None,
    id_fields: Mapping[str, str] | None = None,
    known_on: date | None = None,
    reporters: Sequence[Reporter] = (),
) -> Ledger:
    """Validate and link streamed records; keeps the accounting exact.

    Places are resolved in ``gazetteer`` (default: the bundled one), which should be the one the
    agreements' scopes were checked against (:func:`load_agreements`). ``id_fields``: the field
    a file's ids are in, where it is not ``id``, as the readers fill it (read once the records are).
    ``known_on``: ACLED's revisions of a row are read as known on that date, which the ledger
    records (:func:`build_ledger`).

    ``keep_unlinked=False``: an account that is linked to nothing and belongs to no incident is
    counted (in the accounting and in ``unlinked``, with its reason) but not kept in ``events``.
    Nothing an evaluation reads can reach it: it bears on no obligation, and only an account of
    an incident can grade, corroborate or be answered by another account. So every status,
    evidence list, timeline and activity table is the same, and a full ACLED export, where most
    rows come from other countries, does not hold millions of accounts that are never read.
    """
    index = LinkIndex.build(agreements, gazetteer)
    # rule-made links by event signature, places by string: a million rows have a few thousand
    memo = LinkMemo()
    found: list[Problem] = list(problems)
    ids = IdCopies(id_fields, known_on)
    events: list[Event] = []
    links: list[Link] = []  # of the accounts in no incident
    of_incidents: list[Link] = []  # of the accounts of an incident: the only ones answered or caveated
    unlinked: dict[str, str] = {}  # event id -> reason
    placed_outside: dict[str, frozenset[str]] = {}
    placements: dict[str, Placement] = {}  # accounts of an incident: where the gazetteer placed them
    elsewhere: dict[tuple[str, str], tuple[int, int]] = {}
    read = rejected = 0
    for item in records:
        if isinstance(item, Problem):
            found.append(item)
            continue
        read += 1
        found.extend(item.problems)
        event = item.event
        if event is None:
            rejected += 1
            continue
        origin = item.origin
        # (most accounts: no explicit link, a printable id, nothing to check)
        reason = _cross_check(event, index) if event.links or not event.id.isprintable() else None
        for link in event.links:
            if link.agreement not in index.agreement_ids:
                first = elsewhere.setdefault((origin.file, link.agreement), (origin.line, 0))
                elsewhere[(origin.file, link.agreement)] = (first[0], first[1] + 1)
        if reason is not None:
            field, message = reason
            field = ids.id_field(origin.file) if field == "id" else field
            found.append(Problem(origin.file, origin.line, field, message))
            rejected += 1
            continue
        made, why, remarks, placement = linked(event, index, parties, memo)
        if remarks:  # two explicit links that contradict each other are an error
            found += (Problem(origin.file, origin.line, "links", m, severity) for m, severity in remarks)
            if any(severity is Severity.ERROR for _, severity in remarks):
                rejected += 1
                continue
        kept = keep_unlinked or bool(made) or bool(event.incident)
        if ids.is_copy(event, (origin.file, origin.line), kept, made, item.stamp):
            continue  # one record of an id is kept (ACLED's latest revision so far), until settled
        if kept:
            events.append(event)
        if event.incident:
            placements[event.id] = placement
            if not event.country and placement.countries and memo.away_from(placement, index):
                agreements_linked = [index.obligations[link.obligation][0].id for link in made]
                outside = outside_by_place(
                    event,
                    placement,
                    [*agreements_linked, *(ref.agreement for ref in event.links)],
                    index.scopes.values(),
                )
                if outside:
                    placed_outside[event.id] = outside
            of_incidents.extend(made)
        elif made:
            links.extend(made)
        if not made:
            unlinked[event.id] = why
    if ids.places:
        events, links, dropped = ids.settle(events, links + of_incidents, unlinked, found)
        rejected += dropped
        in_incident = {event.id for event in events if event.incident}  # (of the copy read)
        of_incidents = [link for link in links if link.event in in_incident]
        links = [link for link in links if link.event not in in_incident]
    for (file, agreement_id), (line, count) in elsewhere.items():
        found.append(
            Problem(
                file,
                line,
                "links",
                f"{count} link(s) to agreement {agreement_id!r}, which is not loaded in this run, are ignored",
                Severity.WARNING,
            )
        )
    # Both read the links of the accounts of an incident only: a quarter of them (the rest are
    # put back before the sort, which gives every link its place whatever the order given).
    answered = denial_links(events, of_incidents, index, parties)  # needs every account linked first
    of_incidents.extend(answered)
    links += with_incident_caveats(events, of_incidents, placements, index)  # a caveat is the incident's
    for answer in answered:
        unlinked.pop(answer.event, None)
    reasons = dict.fromkeys(REASONS, 0)
    for why in unlinked.values():
        reasons[why] += 1
    sort_by_sort_key(events)  # (file order: no order at all in many files)
    # By (obligation, event, effect, basis): an account has at most one link to an obligation
    # (docs/event-formats.md, "Links"), so two stable sorts, on event then obligation, give it.
    for name in ("event", "obligation"):
        links.sort(key=attrgetter(name))
    # (sorting the ids, not the (id, reason) pairs: a third of the cost)
    in_id_order = in_natural_order(unlinked)  # E9 before E10: the order a reader counts in
    accounting = Accounting(
        read,
        read - rejected - len(unlinked),
        len(unlinked),
        rejected,
        {reason: count for reason, count in reasons.items() if count},
    )
    return Ledger(
        agreements=tuple(agreements),
        parties=parties,
        events=tuple(events),
        links=tuple(links),
        unlinked=tuple(in_id_order),
        problems=tuple(in_order(set(found))),
        accounting=accounting,
        why_unlinked=FrozenDict({event_id: unlinked[event_id] for event_id in in_id_order}),
        placed_outside={k: v for k, v in placed_outside.items() if k not in ids.differ},
        reporters=tuple(reporters),
        known_on=known_on,
        chose_revisions=bool(ids.revisions),
    )


def _cross_check(event: Event, index: LinkIndex) -> tuple[str, str] | None:
    if not event.id.isprintable() and visible(event.id) != event.id:  # (most ids: one C call)
        return "id", "an id must not contain control characters or bidi overrides"
    for link in event.links:
        if link.agreement not in index.agreement_ids:
            continue  # counted and reported once per file as a warning
        reason = check_reference(link, index)
        if reason is not None:
            return "links", reason
    return None


# The load step's names (``linking.loading``) are imported from here too.
__all__ = [
    "BUNDLED",
    "Accounting",
    "Ledger",
    "Reporter",
    "assemble",
    "build_ledger",
    "given_once",
    "load_agreements",
    "load_registries",
    "reporter_resolver",
]
