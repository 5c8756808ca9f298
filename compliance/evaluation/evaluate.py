"""Evaluation: the status of every obligation as of a date, with its evidence and history.

A pure function of (agreements, events, links, parties, as-of date). For each obligation the
accounts linked to it are sorted into four *categories* (confirmed fulfilment, unconfirmed
fulfilment, confirmed breach, unconfirmed breach). The status at a cut-off depends only on when
the *first* account of each category happened, on the deadline in force, on entry into force,
terms and endings; :func:`rules.decide` states that dependence in one screen. Uncertain dates make
the first occurrence an interval; the status is then decided for each place the occurrence could
fall, and if the answers differ the status is ``indeterminate`` with the possible outcomes.

Histories come from one sorted sweep over the instants where any input to ``decide`` can change,
so replaying a history gives exactly the status a direct evaluation gives (a tested law).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import UTC, date, datetime, tzinfo
from operator import attrgetter, itemgetter

from attrs import evolve, frozen

from compliance.core.arguments import DayArg, TrustArg, as_day, as_optional_day, as_trust
from compliance.core.events import Event, Link
from compliance.core.model import Agreement, Ending, endings_of
from compliance.core.parties import PartyRegistry
from compliance.core.timeframe import DAY, as_of_cutoff, day_start, local_date
from compliance.core.vocabulary import Kind, Trust
from compliance.evaluation.after_term import possible_end
from compliance.evaluation.calendar import term_ends
from compliance.evaluation.categories import MAYBE_NEVER, Category
from compliance.evaluation.facts import Facts, gather_facts_policies
from compliance.evaluation.graded import Graded, grade_links_policies
from compliance.evaluation.history import sweep_history
from compliance.evaluation.intervals import Span
from compliance.evaluation.listing import binding, list_evidence, may_start_later
from compliance.evaluation.pam import pam_score
from compliance.evaluation.prepare import (
    accounts_in_rank_order,
    linked_spans_by_id,
    links_in_rank_order,
    spans_by_rank_and_latest,
)
from compliance.evaluation.results import Evaluation, Evidence, ObligationResult, Transition
from compliance.evaluation.rules import deadline_at, entries, status_at
from compliance.evaluation.trust import Stakes
from compliance.evaluation.why import deciding
from compliance.linking.incident_scope import incidents_in_scope
from compliance.linking.ledger import Ledger
from compliance.linking.scope import AgreementScope


def evaluate(
    agreements: Sequence[Agreement],
    events: Iterable[Event],
    links: Iterable[Link],
    parties: PartyRegistry,
    as_of: DayArg,
    known_on: DayArg | None = None,
    *,
    with_evidence: bool = True,
    evidence_limit: int | None = None,
    trust: TrustArg = Trust.STANDARD,
    placed_outside: Mapping[str, frozenset[str]] | None = None,
) -> Evaluation:
    """Evaluate every obligation as of the end of ``as_of`` in each agreement's zone.

    ``with_evidence=False`` leaves the graded evidence lists empty (statuses and histories are
    the same): timelines and diffs need only the histories. ``evidence_limit`` lists at most that
    many accounts per obligation (the earliest), plus the first confirmed fulfilment and breach,
    which decide the status; ``evidence_total`` still counts them all, and
    ``evidence_by_grade`` counts them all by grade.

    ``known_on`` rebuilds the evaluation as it could have been made on that date: accounts
    reported later are left out, and so are accounts with no report date whose first possible
    day is later (``Event.known_on``).

    ``trust`` chooses whose word confirms an account (docs/obligation-logic.md, "Trust policies").

    ``placed_outside`` is the ledger's: the agreements that accounts giving no country cannot
    bear on, by where the gazetteer places them (the evaluation reads no gazetteer).

    Dates may be given as ``"YYYY-MM-DD"`` and the policy by name (``"strict"``); anything else
    raises ``ValueError`` or ``TypeError`` saying what is allowed (``core.arguments``).
    """
    day, known = as_day(as_of, "as_of"), as_optional_day(known_on, "known_on")
    prepared = Prepared.of(agreements, events, links, known, placed_outside)
    return prepared.evaluate(
        parties, day, as_trust(trust), with_evidence=with_evidence, evidence_limit=evidence_limit
    )


def evaluate_ledger(
    ledger: Ledger,
    as_of: DayArg,
    known_on: DayArg | None = None,
    *,
    with_evidence: bool = True,
    evidence_limit: int | None = None,
    trust: TrustArg = Trust.STANDARD,
) -> Evaluation:
    """:func:`evaluate` on what a ledger holds, with everything linking found out for it.

    Linking reads the gazetteer, the evaluation does not: the ledger carries where accounts that
    give no country were placed (``Ledger.placed_outside``), which decides who reads with whom
    in an incident. Passing the ledger whole means that cannot be left behind.

    ``known_on`` is the ledger's (``Ledger.known_on``, the date it was built for) unless given;
    a different date raises ``ValueError`` naming both (``Ledger.known_on_for``).
    """
    return evaluate(
        ledger.agreements,
        ledger.events,
        ledger.links,
        ledger.parties,
        as_of,
        ledger.known_on_for(known_on),
        with_evidence=with_evidence,
        evidence_limit=evidence_limit,
        trust=trust,
        placed_outside=ledger.placed_outside,
    )


@frozen
class Prepared:
    """What every evaluation of one set of inputs shares, whatever the cut-off or trust policy.

    The accounts known by ``known_on``, the links by obligation, incidents, each account's rank
    in sort order and its interval in each agreement's zone: the same for the three policies a
    report compares, so a report computes them once (at a million accounts they are most of
    the cost of an evaluation that is not grading).

    ``incidents`` holds, per agreement id, the accounts of each incident that can bear on that
    agreement (``linking.scope.may_bear_on``): only they are read with one another's accounts of
    it. An account of another country or an earlier year that shares an incident id is not
    evidence for the agreement, so it neither corroborates nor contests.
    """

    agreements: tuple[Agreement, ...]
    known_on: date | None
    by_id: Mapping[str, Event]
    links_by_ob: Mapping[str, list[Link]]  # in the order of their accounts (by rank)
    incidents: Mapping[str, Mapping[str, list[Event]]]  # agreement id -> incident -> accounts, in order
    rank: Mapping[str, int]  # in sort order, as inserted: listing.may_start_later bisects its keys
    endings: Mapping[str, list[Ending]]
    latest_by_zone: Mapping[tzinfo, datetime]  # the latest start of a linked account, per zone
    last_day: date | None  # the latest first possible day of any account known (None: no account)
    ranked_from: Mapping[date, int]  # per agreement date, the rank of the first account dated from it on
    # What grading reads per link by rank, from lists in rank order, not by id from dictionaries:
    ordered: Sequence[Event]  # the accounts known, in rank order
    ranks_by_ob: Mapping[str, list[int]]  # the ranks of each obligation's links (``links_by_ob``)
    spans_by_rank: Mapping[tzinfo, list[Span]]  # each known account's interval in the zone, by rank

    @property
    def spans_by_zone(self) -> dict[tzinfo, dict[str, Span]]:
        """Per zone, the interval of each linked account by id, built when asked: the evaluation
        reads intervals by rank (``spans_by_rank``), and building this for it cost a dictionary
        of every linked account per zone (docs/performance-log.md, step 61). Built anew on each
        access: a reader that needs it more than once takes it once."""
        return linked_spans_by_id(self.agreements, self.ranks_by_ob, self.ordered, self.spans_by_rank)

    @classmethod
    def of(
        cls,
        agreements: Sequence[Agreement],
        events: Iterable[Event],
        links: Iterable[Link],
        known_on: date | None = None,
        placed_outside: Mapping[str, frozenset[str]] | None = None,
    ) -> Prepared:
        if known_on is not None:
            events = [e for e in events if e.known_on(known_on)]
        elif not isinstance(events, Sequence):
            events = list(events)
        # Ranks and incidents in sort order: grades must not depend on input order.
        by_id, ordered, rank = accounts_in_rank_order(events)
        every: dict[str, list[Event]] = {}
        for event in filter(_INCIDENT, ordered):
            every.setdefault(event.incident, []).append(event)
        # Where each agreement's date falls in that order (a role in a text holds from its date on).
        ranked_from = {a.date: bisect.bisect_left(ordered, a.date, key=_FIRST_DAY) for a in agreements}
        incidents = incidents_in_scope(every, (AgreementScope.of(a) for a in agreements), placed_outside)
        links_by_ob, ranks_by_ob = links_in_rank_order(links, rank)
        spans_by_rank, latest_by_zone = spans_by_rank_and_latest(agreements, ranks_by_ob, ordered)
        return cls(
            tuple(agreements),
            known_on,
            by_id,
            links_by_ob,
            incidents,
            rank,
            endings_of(agreements),
            latest_by_zone,
            ordered[-1].when.first_day if ordered else None,  # (the latest first possible day)
            ranked_from,
            ordered,
            ranks_by_ob,
            spans_by_rank,
        )

    def evaluate(
        self,
        parties: PartyRegistry,
        as_of: date,
        trust: Trust = Trust.STANDARD,
        *,
        with_evidence: bool = True,
        evidence_limit: int | None = None,
    ) -> Evaluation:
        """The evaluation under one trust policy (see :func:`evaluate`)."""
        evidence_for = trust if with_evidence else None
        return self.evaluate_policies(parties, as_of, (trust,), evidence_for, evidence_limit)[trust]

    def evaluate_policies(
        self,
        parties: PartyRegistry,
        as_of: date,
        policies: Sequence[Trust],
        evidence_for: Trust | None = None,
        evidence_limit: int | None = None,
    ) -> dict[Trust, Evaluation]:
        """One evaluation per policy, each link graded once; evidence listed only under ``evidence_for``.

        Where an obligation's links grade alike under two policies, its facts are derived once.
        An unknown policy is refused: its accounts would be dropped, not graded.
        """
        policies = tuple(map(as_trust, policies))
        evidence_for = None if evidence_for is None else as_trust(evidence_for)
        results: dict[Trust, list[ObligationResult]] = {p: [] for p in policies}
        agreements = self.agreements
        # Every account starts before the end of the day after its first possible day, in any zone:
        # by the end of the day after the latest, every account known has started.
        last = self.last_day
        for agreement in agreements:
            spans = self.spans_by_rank[agreement.tz]  # (grading, the facts and the listing read by rank)
            latest = self.latest_by_zone.get(agreement.tz)
            stakes = Stakes.of(agreement, agreements)
            incidents = self.incidents[agreement.id]
            ranked = self.ranked_from
            gradings = grade_links_policies(
                agreement,
                self.links_by_ob,
                self.ranks_by_ob,
                self.ordered,
                incidents,
                parties,
                spans,
                stakes,
                ranked,
            )
            facts = gather_facts_policies(agreement, gradings, spans, self.endings, policies)
            cutoff = as_of_cutoff(as_of, agreement.tz)
            all_known = latest is not None and latest < cutoff  # every account has started
            late: dict[str, frozenset[str]] = {}  # incidents' accounts after the cut-off, as met
            started = last is None or day_start(last + 2 * DAY, UTC) <= cutoff  # every account, linked or not
            maybe_later = frozenset() if started else may_start_later(self.rank, self.by_id, cutoff)
            for ob in agreement.obligations:
                # Equal facts give equal statuses, histories and deciding accounts: a policy whose
                # facts equal an earlier one's takes its result (without the evidence it lists).
                earlier: list[tuple[Facts, ObligationResult]] = []
                for trust in policies:
                    own = facts[trust][ob.id]
                    listed = trust is evidence_for
                    same = None if listed else next((r for f, r in earlier if f == own), None)
                    if same is None:
                        result = _result(
                            agreement,
                            own,
                            gradings[ob.id].under(trust) if listed else (),
                            spans,
                            incidents,
                            parties,
                            cutoff,
                            listed,
                            evidence_limit,
                            trust,
                            stakes,
                            all_known,
                            late,
                            maybe_later,
                        )
                    else:
                        result = (
                            evolve(same, evidence=(), evidence_total=0, evidence_by_grade=())
                            if same.evidence_by_grade  # (given only where evidence is)
                            else same
                        )
                    earlier.append((own, result))
                    results[trust].append(result)
        return {p: Evaluation(as_of, self.known_on, tuple(results[p])) for p in policies}


def _result(
    agreement: Agreement,
    facts: Facts,
    graded: Sequence[Graded],
    spans: Sequence[Span],
    incidents: Mapping[str, list[Event]],
    parties: PartyRegistry,
    cutoff: datetime,
    with_evidence: bool = True,
    evidence_limit: int | None = None,
    trust: Trust = Trust.STANDARD,
    stakes: Stakes | None = None,
    all_known: bool = False,
    late: dict[str, frozenset[str]] | None = None,
    maybe_later: AbstractSet[str] | None = None,
) -> ObligationResult:
    ob = facts.obligation
    tz = agreement.tz
    status, possible, reason, rule = status_at(facts, cutoff)
    # The earliest the obligation can have come into force by the cut-off, and the accounts
    # read from then on: a breach wholly before it decides nothing, is not on record, and is
    # listed as no breach of it.
    bound = [(t, firsts) for t, firsts in entries(facts, cutoff) if t is not None]
    binds, firsts = min(bound, key=_FIRST) if bound else (None, facts.firsts)
    accounts = facts.breaches_from(binds)[1] if binds is not None and facts.waiting_breaches else None
    decided = deciding(facts, rule, cutoff, accounts)
    evidence, total, by_grade = (
        list_evidence(
            agreement,
            ob,
            graded,
            spans,
            incidents,
            parties,
            cutoff,
            decided,
            evidence_limit,
            trust,
            stakes,
            all_known,
            late,
            maybe_later,
            binding(facts, cutoff, binds),
            possible_end(facts, cutoff),
        )
        if with_evidence
        else ([], 0, ())
    )
    deadline, deadline_note = deadline_at(facts, cutoff) if ob.kind is not Kind.MAINTENANCE else (None, "")
    term_end = term_end_latest = None
    if ob.term is not None:
        # A term does not renew after the obligation has ended (the contingent left in June 2024:
        # its term ran to November 2025 and did not renew then): the expiry current at the end.
        # A notice dated to a range may leave it ended at one expiry or running to a later one.
        end = facts.ending[0] if facts.ending is not None and facts.ending[0] < cutoff else cutoff
        soonest, latest = term_ends(ob, tz, facts.notice_instants, facts.notice_latest(end), end)
        term_end, term_end_latest = local_date(soonest, tz), local_date(latest, tz)
    history = sweep_history(facts, cutoff)
    breach = firsts[Category.BREACH].at(cutoff)
    fulfil = firsts[Category.FULFIL].at(cutoff)
    # A breach account straddling the day the duty bound (categories.MAYBE_NEVER) may be of an
    # act before it: it puts no breach on record.
    breach_on_record = (
        breach is not None and breach[1] < MAYBE_NEVER and (fulfil is None or breach[0] < fulfil[1])
    )
    progress = facts.visible_count(Category.PROGRESS, cutoff, 2)  # confirmed progress now (pam: 0-2)
    return ObligationResult(
        obligation=ob,
        agreement=agreement.id,
        status=status,
        possible=possible,
        reason=reason,
        deadline=deadline,
        deadline_note=deadline_note or ob.deadline_note,
        term_end=term_end,
        term_end_latest=term_end_latest,
        evidence=tuple(evidence),
        evidence_total=total,
        evidence_by_grade=by_grade,
        history=history,
        pam_score=pam_score(ob, status, possible, progress, history),
        breach_on_record=breach_on_record,
        rule=rule,
        deciding=decided,
    )


_EVENT = attrgetter("event")
_FIRST = itemgetter(0)
_FIRST_DAY = attrgetter("when.first_day")
_INCIDENT = attrgetter("incident")


__all__ = [
    "Evaluation",
    "Evidence",
    "ObligationResult",
    "Prepared",
    "Transition",
    "evaluate",
    "evaluate_ledger",
    "pam_score",
]
