"""Violation counts: how many accounts, and of how many incidents, per period, side and grade.

Ceasefire monitors publish counts per period and side (daily and weekly reports, dashboards);
the status of an obligation is cumulative and says nothing of how often. This view counts the
accounts linked to each obligation by the period of the day the evaluation reads them from
(``Evidence.read_from``: an account's first possible day, but no earlier than its agreement's
date, and a breach no earlier than the first day its duty can have come into force), with the
grade the evaluation gives them under the chosen trust policy. A breach dated wholly after its
duty ended is no breach of it, and is not counted: a term that expired, or a duty ended by a
notice, is not broken by what happens later. Wholly after is read as the evaluation reads it:
the history reads the duty terminated or superseded, and nothing else, by the end of the day
before the account's (an account of the day of an ``[[endings]]`` record may be of the act the
end followed), or the evaluation lists the account as dated after its term expired, on a
notice or not renewing (``Evidence.after_end``: a term expires at 00:00 of its day, so any hour of that day is
after it). A breach that may be dated after its term expired (a notice dated to a range leaves
the end uncertain, and the status is ``indeterminate`` over that span: ``Evidence.maybe_after_end``)
is counted apart, in rows of its own (``ActivityRow.maybe_after_end``), and left out of the
breaches picture: it is neither surely a breach of the term nor surely none. It decides neither
the day, the grade nor the end: all are the evaluation's, so the counts cannot drift from what
the report reads. An account without an incident id is its own
incident; several accounts of one incident count as one incident.
"""

from __future__ import annotations

import bisect
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta, tzinfo
from operator import attrgetter

from attrs import frozen

from compliance.core import arguments
from compliance.core.events import Event
from compliance.core.natural_order import natural_key
from compliance.core.vocabulary import Effect, Grade, Status, Trust
from compliance.evaluation.evaluate import Evaluation, ObligationResult, evaluate_ledger
from compliance.linking.ledger import Ledger
from compliance.views.timeline import period_ends


@frozen
class ActivityRow:
    """Accounts of one effect and grade bearing on one obligation within one period."""

    period_start: date
    period_end: date
    agreement: str
    obligation: str
    bearers: str
    """The obligation's bearers joined with ``;`` (``ARM;AZE``): a joint duty is counted once."""
    effect: Effect
    grade: Grade
    accounts: int
    incidents: int
    maybe_after_end: bool = False
    """Breach accounts that may be dated after the term expired (``Evidence.maybe_after_end``),
    counted in rows of their own, apart from the breaches of the other rows."""


@frozen
class SideCount:
    """Distinct accounts of breaches per period, for one side (bearers) and grade.

    An account graded differently for two obligations of the same side counts under both grades.
    """

    bearers: str
    grade: Grade
    counts: tuple[int, ...]
    """One number per period of the :class:`Activity`."""


@frozen
class Activity:
    """Counts per period from ``start`` to ``end``; periods with no account have no rows."""

    start: date
    end: date
    every: str
    trust: Trust
    periods: tuple[tuple[date, date], ...]
    rows: tuple[ActivityRow, ...]
    breaches: tuple[SideCount, ...] = ()
    """Distinct breach accounts per period, side and grade (the breaches picture); not those that
    may be dated after their term expired, which only their own rows count."""
    known_on: date | None = None
    """Only accounts reported by this day were counted (``None``: every account); with the
    trust policy, what a reader needs to tell two runs' counts apart."""


def periods(start: date, end: date, every: str) -> tuple[tuple[date, date], ...]:
    """``(first day, last day)`` of each period, the first starting on ``start``."""
    ends = period_ends(start, end, every)
    starts = (start, *(e + timedelta(days=1) for e in ends[:-1]))
    return tuple(zip(starts, ends, strict=True))


def activity(
    ledger: Ledger,
    start: arguments.DayArg,
    end: arguments.DayArg,
    every: str,
    agreement_ids: arguments.AgreementIds = (),
    trust: arguments.TrustArg = Trust.STANDARD,
    known_on: arguments.DayArg | None = None,
) -> Activity:
    """Count accounts and incidents per period, agreement, obligation, bearers, effect and grade.

    Grades are those of an evaluation as of ``end`` (an account can be contested by a later one).
    Arguments are taken and checked as by ``timeline``, all before the evaluation; ``known_on``
    is the ledger's unless given, as by ``Report.build``.
    """
    first, last = arguments.as_day(start, "start"), arguments.as_day(end, "end")
    period_ends(first, last, every)  # refuses a bad period before the (long) evaluation
    ids, policy = arguments.agreement_ids(agreement_ids, ledger.agreements), arguments.as_trust(trust)
    evaluation = evaluate_ledger(ledger, last, ledger.known_on_for(known_on), trust=policy)
    return count_activity(ledger, evaluation, first, every, ids, policy)


def count_activity(
    ledger: Ledger,
    evaluation: Evaluation,
    start: arguments.DayArg,
    every: str,
    agreement_ids: arguments.AgreementIds = (),
    trust: arguments.TrustArg = Trust.STANDARD,
) -> Activity:
    """:func:`activity` up to the evaluation's date, from an evaluation of the ledger under ``trust``.

    The evaluation must list every account (no ``evidence_limit``): a report that draws these
    counts has evaluated the ledger already (``Report.build_with_evidence``), and a second
    evaluation would cost as much as the first. A shortened list would count too few, so it is
    refused.
    """
    start, end, trust = arguments.as_day(start, "start"), evaluation.as_of, arguments.as_trust(trust)
    agreement_ids = arguments.agreement_ids(agreement_ids, ledger.agreements)
    short = next((r.id for r in evaluation.results if len(r.evidence) != r.evidence_total), None)
    if short is not None:
        raise ValueError(f"{short}: activity counts every account; this evaluation lists only some")
    spans = periods(start, end, every)
    firsts = [s for s, _ in spans]
    chosen = {a.id for a in ledger.agreements if not agreement_ids or a.id in agreement_ids}
    zones = {a.id: a.tz for a in ledger.agreements}
    accounts: dict[tuple[int, str, str, str, Effect, Grade, bool], list[str]] = {}
    sides: dict[tuple[str, Grade], list[set[str]]] = {}
    alike = _Kinds(firsts, start, end, None)  # the duties that do not end: the day decides alone
    for result in evaluation.results:
        if result.agreement not in chosen:
            continue
        bearers, ob_id, tz = ";".join(result.obligation.bearers), result.id, zones[result.agreement]
        kinds = alike
        if _may_end(result):  # (once per duty, not once per breach account; whether it ended, once per day)
            kinds = _Kinds(
                firsts, start, end, functools.cache(functools.partial(_ended_before, result, tz=tz))
            )
        # Keyed by what varies within one duty; its agreement, id and bearers are added once. Each
        # account is placed by what the evaluation says of it, worked out once per distinct reading.
        mine: defaultdict[tuple[int, Effect, Grade, bool] | None, list[str]] = defaultdict(list)
        evidence = result.evidence
        for kind, event in zip(
            map(kinds.__getitem__, map(_READING, evidence)), map(_EVENT, evidence), strict=True
        ):
            mine[kind].append(event)
        mine.pop(None, None)  # not counted
        for (index, effect, grade, maybe), ids in mine.items():  # type: ignore[misc]  # (None popped)
            accounts[index, result.agreement, ob_id, bearers, effect, grade, maybe] = ids
            if effect is Effect.BREACHES and not maybe:  # the breaches picture: per side, not duty
                side = sides.get((bearers, grade))
                if side is None:
                    side = sides[bearers, grade] = [set() for _ in spans]
                side[index].update(ids)
    incident_of = _incidents_of(ledger.events)
    rows: list[ActivityRow] = []
    named = {n: natural_key(n) for k in accounts for n in k[1:3]}  # (once per name, not per row)
    for key in sorted(
        accounts,
        key=lambda k: (k[0], named[k[1]], named[k[2]], k[3], k[4].value, k[5].value, k[6]),
    ):
        index, agreement, obligation, who, effect, grade, maybe = key
        first, last = spans[index]
        rows.append(
            ActivityRow(
                first,
                last,
                agreement,
                obligation,
                who,
                effect,
                grade,
                len(set(accounts[key])),
                _incident_count(accounts[key], incident_of),
                maybe,
            )
        )
    order = {g: i for i, g in enumerate(Grade)}
    breaches = tuple(
        SideCount(bearers, grade, tuple(len(ids) for ids in sides[bearers, grade]))
        for bearers, grade in sorted(sides, key=lambda k: (k[0], order[k[1]]))
    )
    return Activity(start, end, every, trust, spans, tuple(rows), breaches, evaluation.known_on)


_READING = attrgetter("read_from", "effect", "grade", "after_end", "maybe_after_end")
_EVENT = attrgetter("event")
_ID = attrgetter("id")
_INCIDENT = attrgetter("incident")


class _Kinds(dict[tuple[date | None, Effect, Grade, bool, bool], tuple[int, Effect, Grade, bool] | None]):
    """Where an account is counted, by what the evaluation says of it (``_READING``): its period,
    effect, grade and whether it may be dated after its term expired, or ``None``: not counted.

    Placed on the day the evaluation reads it from (``Evidence.read_from``): never before the
    agreement's date, a breach never before the duty can have come into force (for one that waits
    for another, the first day the other's fulfilment can fall on). One wholly before that is no
    breach of it (``before_in_force``) and is not counted; nor is a breach after the duty ended
    (``ended``, for a duty that may end). Worked out on the first account of each reading (a few
    thousand at a million accounts), looked up in C for the others: a memo local to one count.
    """

    def __init__(
        self, firsts: list[date], start: date, end: date, ended: Callable[[date], bool] | None
    ) -> None:
        super().__init__()
        self.firsts, self.start, self.end, self.ended = firsts, start, end, ended

    def __missing__(
        self, reading: tuple[date | None, Effect, Grade, bool, bool]
    ) -> tuple[int, Effect, Grade, bool] | None:
        day, effect, grade, after_end, maybe_after_end = reading
        breach = effect is Effect.BREACHES
        kind = None
        if day is not None and self.start <= day <= self.end:
            ended = breach and (after_end or (self.ended is not None and self.ended(day)))
            if not ended:
                kind = (bisect.bisect_right(self.firsts, day) - 1, effect, grade, maybe_after_end and breach)
        self[reading] = kind
        return kind


def _incidents_of(events: Iterable[Event]) -> dict[str, str]:
    """Each account's incident id (``""``: none), read in one pass in the ledger's own order.

    At a million accounts, looking each account up by id as its evidence came (in date order,
    the accounts scattered in memory) cost most of the count: this pass reads them in the order
    they were made, and :func:`_incident_count` looks the ids up in C.
    """
    ordered = list(events)
    return dict(zip(map(_ID, ordered), map(_INCIDENT, ordered), strict=True))


def _incident_count(ids: list[str], incident_of: Mapping[str, str]) -> int:
    """How many incidents the accounts ``ids`` are of: an account with no incident id is its own."""
    named = list(map(incident_of.__getitem__, ids))
    if "" not in named:
        return len(set(named))
    return len({incident or f"account:{i}" for i, incident in zip(ids, named, strict=True)})


_ENDED = frozenset({Status.TERMINATED, Status.SUPERSEDED})


def _may_end(result: ObligationResult) -> bool:
    """Whether the duty ends by the evaluation's date, or may: ended statuses are final, so a
    result that does not end never ended, and no account of it needs :func:`_ended_before`."""
    return result.status in _ENDED or bool(_ENDED & set(result.possible))


def _ended_before(result: ObligationResult, day: date, tz: tzinfo) -> bool:
    """Whether the evaluation reads the duty as ended, whatever the uncertain dates, by the end of
    the day before ``day``: then nothing on ``day`` can break it. (A duty ended on a day by an
    ``[[endings]]`` record is not ended before an account of that day, which may be the breach
    that preceded the end; a term's expiry is read to the hour, from ``Evidence.after_end``.)"""
    if not _may_end(result):
        return False
    _, possible = result.status_on(day - timedelta(days=1), tz)
    return _ENDED.issuperset(possible)
