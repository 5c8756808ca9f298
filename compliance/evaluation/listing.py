"""The evidence a result lists: which linked accounts, in which order, with which grade at the cut-off.

Split from ``evaluate`` because listing has its own concerns: an obligation with a million links
lists about a hundred (the first in order, the deciding ones, the first confirmed fulfilment and
breach), and an account of an incident is regraded on the accounts known by the cut-off.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import UTC, date, datetime
from itertools import compress, repeat
from operator import attrgetter, is_, itemgetter

from compliance.core.events import Event
from compliance.core.model import Agreement, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.timeframe import DAY, EPSILON, day_start, local_date, moment
from compliance.core.vocabulary import Effect, Grade, Trust
from compliance.evaluation.after_term import NOT_AFTER, TermEnd, against_end, instant_named
from compliance.evaluation.categories import gives_notice, straddles
from compliance.evaluation.facts import Facts
from compliance.evaluation.graded import Graded
from compliance.evaluation.grading import UNNAMED, grade_account_in
from compliance.evaluation.incident_index import IncidentIndex
from compliance.evaluation.intervals import Span
from compliance.evaluation.results import Evidence
from compliance.evaluation.trust import Stakes
from compliance.linking.rule_tests import NO_ACTOR_NOTE


def list_evidence(
    agreement: Agreement,
    ob: Obligation,
    graded: Sequence[Graded],
    spans: Sequence[Span],
    incidents: Mapping[str, list[Event]],
    parties: PartyRegistry,
    cutoff: datetime,
    decided: Sequence[str],
    limit: int | None,
    trust: Trust,
    stakes: Stakes | None,
    all_known: bool = False,
    late: dict[str, frozenset[str]] | None = None,
    maybe_later: AbstractSet[str] | None = None,
    binds: tuple[datetime | None, bool] | None = None,
    ended: TermEnd | None = None,
) -> tuple[list[Evidence], int, tuple[tuple[Grade, int], ...]]:
    """The evidence a result lists, in order, how many links are known by the cut-off, and how
    many of those have each grade.

    Listed: the first ``limit`` links in order, the links of the deciding accounts, and the first
    confirmed fulfilment and breach wherever they fall. Only the links that can be listed are
    graded again and made into evidence: an obligation with a million links lists about a
    hundred. They are all sorted, once and in C, which costs about one comparison per link since
    they come in a few runs already in order (when they came in no order, sorting them all was
    much of the cost of a result). ``all_known``: every linked account starts before the
    cut-off (a report as of today), so none needs testing. ``late``: the ids of each incident's
    accounts that start after the cut-off, filled as incidents are met; the obligations of one
    agreement at one cut-off may share it, so that each incident is read once, not once per
    obligation. ``maybe_later``: the incidents some account of which may start after the cut-off
    (:func:`may_start_later`; empty: every account known, linked or not, has started; ``None``:
    any may), so no account of another incident is graded again. ``binds``: the earliest the
    obligation can have come into force (``None``: it has not), and whether that is uncertain (it
    waits for another); a breach account wholly before it is listed, but says that it is no
    breach of this obligation. Each other account is given the day it is read from
    (``Evidence.read_from``), as ``categories.categorise`` cuts it: from the agreement's date, a
    breach from that earliest entry into force (the first instant a duty that waits for another
    can have bound).
    ``ended``: when the term ended (``after_term.possible_end``: the earliest and latest instants
    when a notice dated to a range leaves it uncertain, one instant twice when it is certain);
    linking cannot know an end a notice sets, nor the hour a term ends at, so a breach account after it
    is linked, says that it is no breach, and is marked so (``Evidence.after_end``) for the
    counts; one that may fall after an uncertain end says that it may be no breach, and is marked
    ``Evidence.maybe_after_end``.

    ``spans``: every known account's interval in the agreement's zone, by rank
    (``Prepared.spans_by_rank``): a link's is read by the rank it carries (``Graded.order[0]``),
    not looked up by its account's id (a read scattered in memory per link at a million accounts).

    The counts by grade are over every link known by the cut-off, not only those listed: a
    reader who adds up the grades of a long list must get ``total``. Each link has the grade
    it would be listed with, so an account of an incident some of whose accounts start after
    the cut-off is graded again on those known, as a listed one is.
    """
    tz = agreement.tz
    adopted = day_start(agreement.date, tz)  # no account is read from before the text existed
    bound = max(adopted, moment(ob.in_force, tz))  # nor a breach before the duty bound
    if binds is not None and binds[0] is not None:
        bound = max(bound, binds[0])
    visible = graded if all_known else [g for g in graded if spans[g.order[0]][0] < cutoff]  # known_by
    total = len(visible)
    wanted = {Effect.FULFILS, Effect.BREACHES}  # the first confirmed of each is always listed
    deciders = frozenset(decided)  # read once per link: a tuple of 100,000 ids made this quadratic
    remaining = set(deciders)  # the deciding accounts are always listed
    evidence: list[Evidence] = []
    days: dict[datetime, date] = {}  # the day of each instant read from: accounts share a few

    later = {} if late is None else late
    indexed: dict[str, IncidentIndex] = {}
    claims: dict[str, Effect] = {}  # the obligation's links by account, made when first needed

    def started_after(incident: str) -> frozenset[str]:
        """The ids of an incident's accounts that start after the cut-off: once per incident, not
        once per link (n accounts listed cost n²)."""
        found = later.get(incident)
        if found is None:
            accounts = incidents.get(incident, ())
            # (an incident's accounts carry no rank: each interval worked out, as Prepared does)
            found = later[incident] = frozenset(o.id for o in accounts if o.when.span(tz)[0] >= cutoff)
        return found

    def graded_at_cutoff(item: Graded) -> tuple[Grade, str]:
        """The link's grade and reason on the accounts known by the cut-off."""
        event = item.event
        if event.incident:  # only the accounts known by the cut-off may corroborate or contest
            unknown = started_after(event.incident)
            # All the others known: the same inputs as in grade_links_policies, the same grade.
            if len(unknown) > (event.id in unknown):  # (the account itself has started: it is known)
                index = indexed.get(event.incident)
                if index is None:  # indexed once per incident, and only when it must be read again
                    started = [o for o in incidents.get(event.incident, ()) if o.id not in unknown]
                    if not claims:  # (what an account records on the obligation decides if it corroborates)
                        claims.update((g.link.event, g.link.effect) for g in graded)
                    index = indexed[event.incident] = IncidentIndex.of(
                        started, ob.bearers, parties, tz, claims
                    )
                link = item.link
                grade, why, *_ = grade_account_in(
                    event,
                    link.effect,
                    link.basis,
                    ob.bearers,
                    stakes or Stakes.of(agreement),
                    parties,
                    index,
                    trust,
                    link.caveat,
                )
                return grade, why
        return item.grade, item.reason

    # Most links keep the grade given on all accounts: they are counted in one pass in C. Only the
    # links of an incident some account of which starts after the cut-off are graded again.
    counts = Counter(map(_GRADE, visible))
    if maybe_later is None:
        met = set(map(_INCIDENT, visible))
        met.discard("")
        unsettled = {incident for incident in met if started_after(incident)}
    else:
        # The few incidents that may have accounts after the cut-off are read first: when none
        # has (a report as of a file's last day), no link's incident needs reading.
        unsettled = {incident for incident in maybe_later if started_after(incident)}
        if unsettled:
            unsettled.intersection_update(map(_INCIDENT, visible))
    if unsettled:
        for item in compress(visible, map(unsettled.__contains__, map(_INCIDENT, visible))):
            grade = graded_at_cutoff(item)[0]
            if grade is not item.grade:
                counts[item.grade] -= 1
                counts[grade] += 1
    by_grade = tuple((grade, counts[grade]) for grade in Grade)

    def listing(items: Iterable[Graded], first: int) -> None:
        for i, item in enumerate(items, first):
            link, event = item.link, item.event
            remaining.discard(event.id)
            beyond = limit is not None and i >= limit and event.id not in deciders
            if beyond and link.effect not in wanted:
                if not wanted and not remaining:
                    break
                continue
            grade, why = graded_at_cutoff(item)
            span = spans[item.order[0]]
            breach = link.effect is Effect.BREACHES
            before = binds is not None and breach and (binds[0] is None or span[1] <= binds[0])
            if before and binds is not None:
                if beyond:  # listed among the first only: it decides nothing
                    continue
                if binds[0] is None:
                    why += "; the obligation is not in force: no breach of it"
                else:
                    day = instant_named(binds[0], tz)
                    why += f"; dated before the obligation came into force ({day}{' at the earliest' if binds[1] else ''}): no breach of it"
            elif grade is Grade.CONFIRMED:
                wanted.discard(link.effect)
            elif beyond:
                continue
            if (
                breach
                and not before
                and binds is not None
                and binds[0] is not None
                and straddles(span, binds[0])
            ):
                # It straddles the day the duty bound (categories.MAYBE_NEVER): say why it decides nothing alone.
                day = instant_named(binds[0], tz)
                why += (
                    f"; dated partly before the obligation came into force ({day}"
                    f"{' at the earliest' if binds[1] else ''}): a breach of it only if it came after"
                )
            placed = NOT_AFTER if not breach or ended is None else against_end(span, ended, tz)
            # Linking cannot know an end a notice sets, nor the hour a term ends at: an account after
            # it stays linked, and the reason says that it is (or may be) no breach of it.
            why += placed.note
            if grade is not Grade.CONFIRMED and gives_notice(event, ob, False):
                why += "; gives notice all the same: the notifying party's own declaration is the notice"
            read_from = None
            if not before:
                at = max(span[0], bound if breach else adopted)
                read_from = days.get(at)
                if read_from is None:
                    read_from = days[at] = local_date(at, tz)
            evidence.append(
                Evidence(
                    event.id,
                    link.effect,
                    grade,
                    link.basis,
                    why,
                    unsaid(link.note, why),
                    before,
                    read_from,
                    placed.surely,
                    placed.maybe,
                )
            )

    # Sorted once, in C: the links come as a few runs already in order (``Gradings.under``), so
    # this is about one comparison per link, where picking the first ``limit`` (``heapq.nsmallest``)
    # and then the links up to the last of them cost two loops of bytecode per link.
    ordered = sorted(visible, key=_ORDER)
    if limit is None or total <= limit:
        listing(ordered, 0)
        return evidence, total, by_grade
    # The first ``limit`` in order (ties at the last place included) are listed as they come.
    first = bisect.bisect_right(ordered, ordered[limit - 1].order, key=_ORDER) if limit else 0
    listing(ordered[:first], 0)
    # Beyond them only a deciding account, or the first confirmed of a wanted effect, is listed:
    # an unconfirmed link outside an incident cannot become confirmed (only an incident regrades).
    if wanted or decided:  # (else nothing beyond the first ``limit`` can be listed)
        rest = ordered[first:]
        last = ordered[first - 1].event.id if first else None
        listing(_listable(rest, deciders, wanted, remaining, last, unsettled), first)
    return evidence, total, by_grade


def _listable(
    items: Sequence[Graded],
    deciders: AbstractSet[str],
    wanted: AbstractSet[Effect],
    remaining: AbstractSet[str],
    last: str | None,
    unsettled: AbstractSet[str],
) -> Iterator[Graded]:
    """The links beyond the first ``limit`` that the listing may list, in order: a deciding
    account's, and one of an effect still wanted that is confirmed at the cut-off. Handed over
    as the listing goes, and no further than it can list.

    Filtering every link up front read each link's account and id, memory scattered over the
    heap at a million accounts, and in most obligations the scan ran to the end: an effect with
    no confirmed link stays wanted. Now:

    - a link keeps its grade unless its incident is ``unsettled`` (some of its accounts start
      after the cut-off: ``graded_at_cutoff``), so an unconfirmed link elsewhere is not handed
      over (the listing would skip it), and its account is not read;
    - ``wanted`` and ``remaining`` are the listing's own sets, read live. Once no effect still
      wanted can be confirmed among these links (``confirmable``, found by one pass in C over
      their sort keys and grades) and every deciding account has been met, only more links of
      the account last handed over (``last``) can still be listed: an account's links are
      adjacent in order (they share its rank), so the scan stops at another account's link.

    The effect is read from the link's sort key (``Graded.order``: rank, effect, basis), beside
    the graded link, not from the link itself.
    """
    if unsettled:  # (an unconfirmed link may be confirmed at the cut-off: any effect may be)
        confirmable: AbstractSet[Effect] = frozenset(Effect)
    else:
        confirmable = set(
            compress(map(_EFFECT, map(_ORDER, items)), map(is_, map(_GRADE, items), repeat(Grade.CONFIRMED)))
        )
    for g in items:
        event = g.event
        if not remaining and wanted.isdisjoint(confirmable) and event.id != last:
            return
        if (
            g.order[1] in wanted
            and (g.grade is Grade.CONFIRMED or (unsettled and event.incident in unsettled))
        ) or (deciders and event.id in deciders):
            last = event.id
            yield g


def may_start_later(rank: Mapping[str, int], events: Mapping[str, Event], cutoff: datetime) -> frozenset[str]:
    """The incidents of the accounts that may start after ``cutoff``: those first possible at most a
    day before the cut-off's day in UTC, read from the end of the sort order (``rank`` holds the
    accounts in that order, as ``Prepared.rank`` does) until the first account dated earlier. Any
    other account has started by then: an account starts before the end of the day after its
    first possible day, in any zone (a tested law). A report as of a file's last days reads a few
    incidents again, not every one; and only those accounts are read (listing every id to bisect
    them cost a pass over a million accounts per agreement).
    """
    day = cutoff.astimezone(UTC).date() - DAY
    ids = rank if isinstance(rank, dict) else dict(rank)  # (a dict's keys can be read backwards)
    found: list[str] = []
    for event_id in reversed(ids):
        event = events[event_id]
        if event.when.first_day < day:
            break
        found.append(event.incident)
    return frozenset(filter(None, found))


def unsaid(note: str, reason: str) -> str:
    """The parts of a link's note (``; ``-separated) that the grade's reason does not already say.

    A rule-made link to an account naming no actor has the note "the source does not say who
    acted", and the grade of such an account given by anyone but the opposing side has that very
    reason (rule 7), sometimes inside a caveat's parentheses: shown side by side, the evidence line
    read "(the source does not say who acted; rule hostilities; the source does not say who
    acted)". The note keeps only what the reason leaves out, so the Markdown line and the JSON's
    ``reason`` and ``note`` say each thing once. An opposing side's allegation naming no actor
    says it in its own words (``grading.UNNAMED``: "alleged by ARM, whose account names no
    actor"), which keep apart the account graded and another account the reason cites.
    """
    if not note or not reason:
        return note
    return "; ".join(
        part
        for part in note.split("; ")
        if part not in reason and not (part == NO_ACTOR_NOTE and UNNAMED in reason)
    )


def binding(facts: Facts, cutoff: datetime, binds: datetime | None) -> tuple[datetime | None, bool] | None:
    """What the evidence listing needs to mark breaches before the obligation bound: the earliest
    it can have come into force and whether that day is uncertain; ``(None, False)`` for a duty
    that waits for another not yet fulfilled (every breach so far is before it); ``None`` for
    an obligation not in force by its own date (the status says so)."""
    if binds is not None:
        return binds, _uncertain_entry(facts, cutoff, binds)
    return (None, False) if facts.after is not None else None


def _uncertain_entry(facts: Facts, cutoff: datetime, earliest: datetime) -> bool:
    """Whether the day the obligation came into force is uncertain: it waits for another whose
    fulfilment is dated to more than one day."""
    partner = facts.after.at(cutoff) if facts.after is not None else None
    if partner is None:
        return False
    latest = min(partner[1], cutoff) - EPSILON
    return local_date(earliest, facts.tz) != local_date(max(latest, earliest), facts.tz)


_ORDER = attrgetter("order")
_EFFECT = itemgetter(1)  # of a link's sort key (Graded.order)
_GRADE = attrgetter("grade")
_INCIDENT = attrgetter("event.incident")
