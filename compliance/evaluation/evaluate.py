"""Evaluation: the status of every obligation as of a date, with its evidence and history.

A pure function of (agreements, events, links, parties, as-of date). For each obligation the
accounts linked to it are sorted into four *categories* (confirmed fulfilment, unconfirmed
fulfilment, confirmed breach, unconfirmed breach). The status at a cut-off depends only on when
the *first* account of each category happened, on the deadline in force, on entry into force,
terms and endings; :func:`_decide` states that dependence in one screen. Uncertain dates make
the first occurrence an interval; the status is then decided for each place the occurrence could
fall, and if the answers differ the status is ``indeterminate`` with the possible outcomes.

Histories come from one sorted sweep over the instants where any input to ``_decide`` can change,
so replaying a history gives exactly the status a direct evaluation gives (a tested law).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum
from typing import NamedTuple

from attrs import frozen

from compliance.core.events import Event, Link
from compliance.core.model import Agreement, Ending, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.timeframe import EPSILON, as_of_cutoff, day_start, deadline_end, local_date, moment
from compliance.core.vocabulary import (
    DependencyType,
    Effect,
    EndType,
    Grade,
    Kind,
    Modality,
    RelationType,
    Status,
)
from compliance.evaluation.grading import grade_account

Span = tuple[datetime, datetime]
EARLIEST = date(1900, 1, 1)
"""Histories start here: the status before anything happened (usually not in force)."""


class Category(int, Enum):
    """The kinds of account the decision rules look at."""

    FULFIL = 0
    FULFIL_UNCONFIRMED = 1
    BREACH = 2
    BREACH_UNCONFIRMED = 3


@frozen
class Evidence:
    """One account bearing on an obligation, graded as of the evaluation date."""

    event: str
    effect: Effect
    grade: Grade
    basis: str
    reason: str
    note: str = ""


@frozen
class Transition:
    """A change of status: from ``at`` (an instant; ``date`` in the agreement's zone)."""

    at: datetime
    date: date
    status: Status
    possible: tuple[Status, ...]
    cause: str


@frozen
class ObligationResult:
    """Everything the evaluator concluded about one obligation as of one date."""

    obligation: Obligation
    agreement: str
    status: Status
    possible: tuple[Status, ...]
    reason: str
    deadline: date | None
    deadline_note: str
    term_end: date | None
    evidence: tuple[Evidence, ...]
    history: tuple[Transition, ...]
    pam_score: int | None
    breach_on_record: bool
    evidence_total: int = 0
    """How many accounts bear on the obligation by the date (``evidence`` may list fewer)."""

    @property
    def id(self) -> str:
        return self.obligation.id

    def status_on(self, day: date, tz: tzinfo) -> tuple[Status, tuple[Status, ...]]:
        """Replay the history: the status as of ``day`` (no later than the evaluation date)."""
        cutoff = as_of_cutoff(day, tz)
        first = self.history[0]
        current: tuple[Status, tuple[Status, ...]] = (first.status, first.possible)
        for step in self.history:
            if step.at > cutoff:
                break
            current = (step.status, step.possible)
        return current


# --------------------------------------------------------------------------- per-obligation facts


@frozen
class _Firsts:
    """When the first account of one category can have happened, for every cut-off.

    Accounts sorted by start; ``min_end[i]`` is the earliest end among the first ``i + 1``.
    At cut-off T the visible accounts are those with start < T; the first occurrence lies in
    ``[starts[0], min_end)`` and is certain by T when ``min_end <= T``.
    """

    starts: tuple[datetime, ...]
    min_end: tuple[datetime, ...]

    @classmethod
    def of(cls, spans: Iterable[Span]) -> _Firsts:
        ordered = sorted(spans)
        starts = tuple(s for s, _ in ordered)
        min_end: list[datetime] = []
        for _, end in ordered:
            min_end.append(end if not min_end or end < min_end[-1] else min_end[-1])
        return cls(starts, tuple(min_end))

    def at(self, cutoff: datetime) -> Span | None:
        """``(earliest, latest-exclusive)`` of the first occurrence visible at ``cutoff``."""
        visible = bisect.bisect_left(self.starts, cutoff)
        if visible == 0:
            return None
        return self.starts[0], self.min_end[visible - 1]

    def change_points(self) -> list[datetime]:
        """Instants where ``at`` can change: the first start, and starts/ends that lower min_end."""
        points: list[datetime] = []
        for i, start in enumerate(self.starts):
            if i == 0 or self.min_end[i] < self.min_end[i - 1]:
                points += [start, self.min_end[i]]
        return points


@frozen
class _Facts:
    """What the decision needs about one obligation, independent of the cut-off."""

    obligation: Obligation
    tz: tzinfo
    in_force: datetime | None  # None: depends on another obligation not yet fulfilled
    after: _Firsts | None  # the fulfilment of the obligation this one waits for
    parallel: _Firsts | None  # the fulfilment of the obligation this one runs in parallel with
    deadlines: tuple[tuple[datetime | None, date], ...]  # (in force from, deadline); None: stated
    ending: tuple[datetime, EndType, str] | None
    notices: tuple[datetime, ...]  # confirmed notices of termination
    firsts: tuple[_Firsts, _Firsts, _Firsts, _Firsts]
    progress: tuple[datetime, ...]  # starts of progress accounts, sorted


def _term_end(
    ob: Obligation, tz: tzinfo, notices: Sequence[datetime], cutoff: datetime
) -> tuple[datetime | None, datetime]:
    """``(end if it ended by cutoff, current expiry)`` of a renewable term (point 4 semantics).

    A notice given at least ``notice_months`` before an expiry ends the term at that expiry; a
    later notice takes effect at the following expiry. Without renewal the first expiry ends it.
    """
    term = ob.term
    assert term is not None
    expiry_day = _add_years(term.start, term.years)
    while True:
        expiry = day_start(expiry_day, tz)
        notice_limit = day_start(_add_months(expiry_day, -term.notice_months), tz)
        noticed = any(n <= notice_limit and n < cutoff for n in notices)
        if noticed or term.renewal_years == 0:
            return (expiry if expiry < cutoff else None), expiry
        if expiry >= cutoff:
            return None, expiry
        expiry_day = _add_years(expiry_day, term.renewal_years)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _deadline_at(facts: _Facts, cutoff: datetime) -> tuple[date | None, str]:
    """The deadline in force at ``cutoff``: stated, amended, or set by a parallel obligation."""
    current: date | None = None
    note = ""
    for effective, deadline in facts.deadlines:
        if effective is None or effective < cutoff:
            current = deadline
            note = "" if effective is None else f"amended on {local_date(effective, facts.tz)}"
    if current is None and facts.parallel is not None:
        partner = facts.parallel.at(cutoff)
        if partner is not None and partner[1] <= cutoff:
            current = local_date(partner[1] - EPSILON, facts.tz)
            note = "set by the obligation it runs in parallel with"
    return current, note


def _decide(facts: _Facts, cutoff: datetime, first: Sequence[datetime | None]) -> tuple[Status, str]:
    """The rules, in order. ``first[c]`` is when category c first occurred (None: not by cutoff)."""
    ob = facts.obligation
    if facts.ending is not None and facts.ending[0] < cutoff:
        when, end_type, by = facts.ending
        status = Status.SUPERSEDED if end_type is EndType.SUPERSEDED else Status.TERMINATED
        return status, f"{end_type.value} on {local_date(when, facts.tz)} by {by}"
    if ob.not_formalised:
        return Status.NOT_ASSESSABLE, ob.not_formalised
    in_force = facts.in_force
    if facts.after is not None:
        partner = facts.after.at(cutoff)
        if partner is None or partner[1] > cutoff:
            return Status.NOT_IN_FORCE, "waits for the obligation it depends on"
        in_force = partner[1]
    if in_force is None or cutoff <= in_force:
        return Status.NOT_IN_FORCE, "not yet in force"
    if ob.term is not None:
        ended, _ = _term_end(ob, facts.tz, facts.notices, cutoff)
        if ended is not None:
            return Status.TERMINATED, f"term expired on {local_date(ended, facts.tz)} after notice"
    if ob.modality is Modality.PERMISSION:
        return Status.COMPLIED, "a permission cannot be breached"
    if ob.kind is Kind.MAINTENANCE:
        if first[Category.BREACH] is not None:
            return Status.VIOLATED, "confirmed breach"
        if first[Category.BREACH_UNCONFIRMED] is not None:
            return Status.DISPUTED, "breach alleged or contested, not confirmed"
        return Status.COMPLIED, "no breach evidenced"
    deadline, _ = _deadline_at(facts, cutoff)
    end = None if deadline is None else deadline_end(deadline, facts.tz)
    fulfilled = first[Category.FULFIL]
    if fulfilled is not None:
        if end is not None and fulfilled >= end:
            return Status.FULFILLED_LATE, f"fulfilled after the deadline of {deadline}"
        return Status.FULFILLED, "fulfilled" + (f" by the deadline of {deadline}" if deadline else "")
    if first[Category.BREACH] is not None:
        return Status.VIOLATED, "confirmed breach"
    if first[Category.FULFIL_UNCONFIRMED] is not None or first[Category.BREACH_UNCONFIRMED] is not None:
        return Status.DISPUTED, "fulfilment or breach claimed, not confirmed"
    if end is not None and cutoff > end:
        how = " (set by the obligation it runs in parallel with)" if ob.deadline is None else ""
        return Status.OVERDUE, f"no evidence of fulfilment by the deadline of {deadline}{how}"
    return Status.PENDING, "no evidence of fulfilment yet" + (f"; due by {deadline}" if deadline else "")


_ORDER = {status: i for i, status in enumerate(Status)}


def _status_at(facts: _Facts, cutoff: datetime) -> tuple[Status, tuple[Status, ...], str]:
    """Decide at ``cutoff``, over every place an uncertain first occurrence could fall."""
    deadline, _ = _deadline_at(facts, cutoff)
    thresholds = [cutoff]
    if deadline is not None:
        thresholds.append(deadline_end(deadline, facts.tz))
    options: list[list[datetime | None]] = []
    for firsts in facts.firsts:
        span = firsts.at(cutoff)
        if span is None:
            options.append([None])
            continue
        start, end = span
        choices: list[datetime | None] = [start]
        choices += [t for t in thresholds if start < t < end and t < cutoff]
        if end > cutoff:
            choices.append(None)  # it may not have happened by the cut-off yet
        options.append(choices)
    outcomes: dict[Status, str] = {}
    for combination in itertools.product(*options):
        status, reason = _decide(facts, cutoff, combination)
        outcomes.setdefault(status, reason)
    possible = tuple(sorted(outcomes, key=_ORDER.__getitem__))
    if len(possible) == 1:
        return possible[0], possible, outcomes[possible[0]]
    names = ", ".join(s.value for s in possible)
    return Status.INDETERMINATE, possible, f"depends on where uncertain dates fall: {names}"


def _history(facts: _Facts, until: datetime) -> tuple[Transition, ...]:
    """Every status change up to ``until``, from one sorted sweep over the change points."""
    points: set[datetime] = set()
    if facts.in_force is not None:
        points.add(facts.in_force)
    for firsts in (*facts.firsts, facts.after, facts.parallel):
        if firsts is not None:
            points.update(firsts.change_points())
    for effective, deadline in facts.deadlines:
        if effective is not None:
            points.add(effective)
        points.add(deadline_end(deadline, facts.tz))
    if facts.parallel is not None:
        for p in facts.parallel.change_points():
            points.add(deadline_end(local_date(p - EPSILON, facts.tz), facts.tz))
    if facts.ending is not None:
        points.add(facts.ending[0])
    term = facts.obligation.term
    if term is not None:
        points.update(facts.notices)
        day = _add_years(term.start, term.years)
        while day_start(day, facts.tz) <= until:
            points.add(day_start(day, facts.tz))
            if term.renewal_years == 0:
                break
            day = _add_years(day, term.renewal_years)
    # Evaluations happen "as of" whole days, so the sweep visits the day boundaries at or just
    # after each change point: between two such boundaries nothing can change.
    cutoffs: set[datetime] = {day_start(EARLIEST, facts.tz)}
    for point in points:
        day = local_date(point, facts.tz)
        boundary = day_start(day, facts.tz)
        if boundary == point:
            cutoffs.add(point)
        cutoffs.add(day_start(day + timedelta(days=1), facts.tz))
    steps: list[Transition] = []
    previous: tuple[Status, tuple[Status, ...]] | None = None
    for cutoff in sorted(c for c in cutoffs if c <= until):
        status, possible, reason = _status_at(facts, cutoff)
        if (status, possible) != previous:
            steps.append(Transition(cutoff, local_date(cutoff - EPSILON, facts.tz), status, possible, reason))
            previous = (status, possible)
    return tuple(steps)


# --------------------------------------------------------------------------- the public function


@frozen
class Evaluation:
    """Results for every obligation of every agreement, as of one date."""

    as_of: date
    known_on: date | None
    results: tuple[ObligationResult, ...]

    def result(self, obligation_id: str) -> ObligationResult:
        for result in self.results:
            if result.id == obligation_id:
                return result
        raise KeyError(obligation_id)


def evaluate(
    agreements: Sequence[Agreement],
    events: Iterable[Event],
    links: Iterable[Link],
    parties: PartyRegistry,
    as_of: date,
    known_on: date | None = None,
    *,
    with_evidence: bool = True,
    evidence_limit: int | None = None,
) -> Evaluation:
    """Evaluate every obligation as of the end of ``as_of`` in each agreement's zone.

    ``with_evidence=False`` leaves the graded evidence lists empty (statuses and histories are
    the same): timelines and diffs need only the histories. ``evidence_limit`` lists at most that
    many accounts per obligation (the earliest), plus the first confirmed fulfilment and breach,
    which decide the status; ``evidence_total`` still counts them all.

    ``known_on`` rebuilds the evaluation as it could have been made on that date: accounts
    reported later are left out (accounts with no report date are kept).
    """
    by_id = {
        e.id: e for e in events if known_on is None or e.reported_on is None or e.reported_on <= known_on
    }
    links_by_ob: dict[str, list[Link]] = {}
    for link in links:
        if link.event in by_id:
            links_by_ob.setdefault(link.obligation, []).append(link)
    incidents: dict[str, list[Event]] = {}
    rank: dict[str, int] = {}
    for event in sorted(by_id.values(), key=lambda e: e.sort_key):  # grades must not depend on input order
        rank[event.id] = len(rank)
        if event.incident:
            incidents.setdefault(event.incident, []).append(event)
    endings = _endings(agreements)
    results: list[ObligationResult] = []
    spans_by_zone: dict[tzinfo, dict[str, Span]] = {}
    for agreement in agreements:
        # Each event's interval, computed once per time zone and only for events this agreement links.
        spans = spans_by_zone.setdefault(agreement.tz, {})
        for ob in agreement.obligations:
            for link in links_by_ob.get(ob.id, ()):
                if link.event not in spans:
                    spans[link.event] = by_id[link.event].when.span(agreement.tz)
        graded = _grade_links(agreement, links_by_ob, by_id, incidents, parties, rank)
        facts_by_ob = _facts(agreement, graded, spans, endings)
        cutoff = as_of_cutoff(as_of, agreement.tz)
        for ob in agreement.obligations:
            results.append(
                _result(
                    agreement,
                    facts_by_ob[ob.id],
                    graded.get(ob.id, []),
                    spans,
                    incidents,
                    parties,
                    cutoff,
                    with_evidence,
                    evidence_limit,
                )
            )
    return Evaluation(as_of, known_on, tuple(results))


def _endings(agreements: Sequence[Agreement]) -> dict[str, list[Ending]]:
    """Endings by obligation id: the agreement's own, and those later instruments declare.

    A later agreement's ``supersedes`` or ``terminates`` relation ends the earlier obligation
    (or every obligation of the earlier agreement) from the relation's date.
    """
    found: dict[str, list[Ending]] = {}
    by_agreement = {a.id: a for a in agreements}
    for agreement in agreements:
        for ending in agreement.endings:
            for ob_id in ending.obligations or tuple(o.id for o in agreement.obligations):
                found.setdefault(ob_id, []).append(ending)
        for relation in agreement.relations:
            if relation.type not in (RelationType.SUPERSEDES, RelationType.TERMINATES):
                continue
            end_type = EndType.SUPERSEDED if relation.type is RelationType.SUPERSEDES else EndType.TERMINATED
            by = agreement.id + (f" ({relation.later})" if relation.later else "")
            earlier = by_agreement.get(relation.earlier)
            targets = tuple(o.id for o in earlier.obligations) if earlier else (relation.earlier,)
            for ob_id in targets:
                found.setdefault(ob_id, []).append(
                    Ending(relation.date, end_type, by, relation.source, (ob_id,), relation.note)
                )
    return found


class _Graded(NamedTuple):
    """A link with its event and its grade on all accounts (the cut-off may later narrow them).

    A named tuple, not an attrs class: one is made per link, and this is the hot path.
    """

    link: Link
    event: Event
    grade: Grade
    reason: str
    corroboration: Event | None
    order: tuple[int, str, str]  # sort key: the event's rank, then effect and basis


def _grade_links(
    agreement: Agreement,
    links_by_ob: Mapping[str, list[Link]],
    events: Mapping[str, Event],
    incidents: Mapping[str, list[Event]],
    parties: PartyRegistry,
    rank: Mapping[str, int],
) -> dict[str, list[_Graded]]:
    graded: dict[str, list[_Graded]] = {}
    for ob in agreement.obligations:
        mine: list[_Graded] = []
        for link in links_by_ob.get(ob.id, ()):
            event = events[link.event]
            others = (
                [o for o in incidents.get(event.incident, ()) if o.id != event.id] if event.incident else []
            )
            grade, reason, corroboration = grade_account(
                event, link.effect, link.basis, ob.bearers, parties, others
            )
            order = (rank[event.id], link.effect.value, link.basis)
            mine.append(_Graded(link, event, grade, reason, corroboration, order))
        graded[ob.id] = mine
    return graded


def _facts(
    agreement: Agreement,
    graded: Mapping[str, list[_Graded]],
    all_spans: Mapping[str, Span],
    all_endings: Mapping[str, list[Ending]],
) -> dict[str, _Facts]:
    tz = agreement.tz
    categories: dict[str, tuple[_Firsts, _Firsts, _Firsts, _Firsts]] = {}
    extras: dict[str, tuple[tuple[datetime, ...], tuple[datetime, ...]]] = {}
    for ob in agreement.obligations:
        spans: list[list[Span]] = [[], [], [], []]
        notices: list[datetime] = []
        progress: list[datetime] = []
        for item in graded.get(ob.id, ()):
            link, event, grade, corroboration = item.link, item.event, item.grade, item.corroboration
            span = all_spans[event.id]
            if corroboration is not None:  # confirmed only once the corroborating account exists
                other = corroboration.when.span(tz)
                span = (max(span[0], other[0]), max(span[1], other[1]))
            confirmed = grade is Grade.CONFIRMED
            if link.effect is Effect.FULFILS:
                spans[Category.FULFIL if confirmed else Category.FULFIL_UNCONFIRMED].append(span)
            elif link.effect is Effect.BREACHES:
                spans[Category.BREACH if confirmed else Category.BREACH_UNCONFIRMED].append(span)
            elif link.effect is Effect.PROGRESS and confirmed:
                progress.append(span[0])
            if (
                event.kind == "notice-of-termination"
                and ob.term is not None
                and event.actor in ob.term.notice_by
                and confirmed
            ):
                notices.append(span[0])
        categories[ob.id] = (
            _Firsts.of(spans[0]),
            _Firsts.of(spans[1]),
            _Firsts.of(spans[2]),
            _Firsts.of(spans[3]),
        )
        extras[ob.id] = (tuple(sorted(notices)), tuple(sorted(progress)))
    facts: dict[str, _Facts] = {}
    for ob in agreement.obligations:
        after = next((d.obligation for d in ob.depends_on if d.relation is DependencyType.AFTER), None)
        parallel = next((d.obligation for d in ob.depends_on if d.relation is DependencyType.PARALLEL), None)
        deadlines: list[tuple[datetime | None, date]] = []
        if ob.deadline is not None:
            deadlines.append((None, ob.deadline))
        amendments = sorted((a for a in agreement.amendments if a.obligation == ob.id), key=lambda a: a.date)
        deadlines += [(day_start(a.date, tz), a.deadline) for a in amendments]
        endings = sorted(all_endings.get(ob.id, ()), key=lambda e: (e.date, e.type.value, e.by))
        ending = (day_start(endings[0].date, tz), endings[0].type, endings[0].by) if endings else None
        facts[ob.id] = _Facts(
            obligation=ob,
            tz=tz,
            in_force=moment(ob.in_force, tz),
            after=categories[after][Category.FULFIL] if after in categories else None,
            parallel=categories[parallel][Category.FULFIL] if parallel in categories else None,
            deadlines=tuple(deadlines),
            ending=ending,
            notices=extras[ob.id][0],
            firsts=categories[ob.id],
            progress=extras[ob.id][1],
        )
    return facts


def _result(
    agreement: Agreement,
    facts: _Facts,
    graded: Sequence[_Graded],
    spans: Mapping[str, Span],
    incidents: Mapping[str, list[Event]],
    parties: PartyRegistry,
    cutoff: datetime,
    with_evidence: bool = True,
    evidence_limit: int | None = None,
) -> ObligationResult:
    ob = facts.obligation
    tz = agreement.tz
    status, possible, reason = _status_at(facts, cutoff)
    visible = sorted(
        (g for g in graded if spans[g.event.id][0] < cutoff) if with_evidence else (),  # no look-ahead
        key=lambda g: g.order,
    )
    evidence: list[Evidence] = []
    wanted = {Effect.FULFILS, Effect.BREACHES}  # the first confirmed of each is always listed
    for i, item in enumerate(visible):
        link, event = item.link, item.event
        beyond = evidence_limit is not None and i >= evidence_limit
        if beyond and link.effect not in wanted:
            if not wanted:
                break
            continue
        grade, why = item.grade, item.reason
        if event.incident:  # only the accounts known by the cut-off may corroborate or contest
            others = [
                o
                for o in incidents.get(event.incident, ())
                if o.id != event.id and (spans[o.id] if o.id in spans else o.when.span(tz))[0] < cutoff
            ]
            grade, why, _ = grade_account(event, link.effect, link.basis, ob.bearers, parties, others)
        if grade is Grade.CONFIRMED:
            wanted.discard(link.effect)
        elif beyond:
            continue
        evidence.append(Evidence(event.id, link.effect, grade, link.basis, why, link.note))
    deadline, deadline_note = _deadline_at(facts, cutoff) if ob.kind is not Kind.MAINTENANCE else (None, "")
    term_end = None
    if ob.term is not None:
        _, expiry = _term_end(ob, tz, facts.notices, cutoff)
        term_end = local_date(expiry, tz)
    history = _history(facts, cutoff)
    breach = facts.firsts[Category.BREACH].at(cutoff)
    fulfil = facts.firsts[Category.FULFIL].at(cutoff)
    breach_on_record = breach is not None and (fulfil is None or breach[0] < fulfil[1])
    progress = bisect.bisect_left(facts.progress, cutoff)
    return ObligationResult(
        obligation=ob,
        agreement=agreement.id,
        status=status,
        possible=possible,
        reason=reason,
        deadline=deadline,
        deadline_note=deadline_note or ob.deadline_note,
        term_end=term_end,
        evidence=tuple(evidence),
        evidence_total=len(visible),
        history=history,
        pam_score=pam_score(ob, status, possible, progress, history),
        breach_on_record=breach_on_record,
    )


_FULL = {Status.FULFILLED, Status.FULFILLED_LATE, Status.COMPLIED}


def pam_score(
    ob: Obligation,
    status: Status,
    possible: tuple[Status, ...],
    progress_accounts: int,
    history: Sequence[Transition] = (),
) -> int | None:
    """The Peace Accords Matrix 0-3 implementation score, shown beside the status.

    3 full (fulfilled, fulfilled late, complied); 2 intermediate (a maintained duty with breaches
    alleged or confirmed: "commitment is implementation"; or two or more confirmed progress
    accounts); 1 minimal (one progress account); 0 not initiated. ``None`` where there is nothing
    to score (not in force, not assessable, a permission). Indeterminate: the lowest possible.
    An ended obligation keeps the score it had just before it ended.
    """
    if ob.modality is Modality.PERMISSION:
        return None
    if status in (Status.TERMINATED, Status.SUPERSEDED):
        before = [t for t in history if t.status not in (Status.TERMINATED, Status.SUPERSEDED)]
        if not before:
            return None
        return pam_score(ob, before[-1].status, before[-1].possible, progress_accounts)
    if status is Status.INDETERMINATE:
        scores = [pam_score(ob, s, (s,), progress_accounts) for s in possible]
        known = [s for s in scores if s is not None]
        return min(known) if known else None
    if status in (Status.NOT_IN_FORCE, Status.NOT_ASSESSABLE):
        return None
    if status in _FULL:
        return 3
    if ob.kind is Kind.MAINTENANCE and status in (Status.VIOLATED, Status.DISPUTED):
        return 2
    return min(2, progress_accounts)


__all__ = [
    "Evaluation",
    "Evidence",
    "ObligationResult",
    "Transition",
    "evaluate",
    "pam_score",
]
