"""The report: evaluated results arranged for reading. Renderers only format what is here.

``Report.build`` is the last computing step: it evaluates, rolls up per article, party and
agreement, and gathers the accounts each finding rests on, including every account of an
incident whose accounts conflict, so the renderers can show them side by side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, tzinfo
from typing import Self

from attrs import field, frozen

from compliance.core import arguments
from compliance.core.events import Event
from compliance.core.frozendict import FrozenDict, frozen_dict
from compliance.core.model import Agreement, Article
from compliance.core.natural_order import natural_key
from compliance.core.problems import Problem
from compliance.core.timeframe import known_by
from compliance.core.vocabulary import Effect, Grade, Status, Trust
from compliance.evaluation.evaluate import Evaluation, ObligationResult, Prepared
from compliance.evaluation.rollup import RollUp, roll_up
from compliance.linking.ledger import Accounting, Ledger
from compliance.views.coverage import AccountsRead, LinkedInReport, divide_linked
from compliance.views.lineage import Step, forward_from
from compliance.views.parties import party_key
from compliance.views.reporters import BasedIn, based_in_of

SCHEMA = "ceasefire-compliance/report/1"
MAX_EVIDENCE_SHOWN = 100
"""Accounts listed per obligation in a report (all are counted; the API keeps them all)."""


@frozen
class Incident:
    """Several accounts of one incident, shown side by side, none preferred."""

    id: str
    accounts: tuple[Event, ...]


@frozen
class TrustStatus:
    """One obligation's status under one trust policy, with the accounts that status turns on."""

    trust: Trust
    status: Status
    rule: str
    accounts: tuple[str, ...]


@frozen
class TrustStatuses:
    """One obligation's status under each trust policy (strict, standard, broad, in that order)."""

    obligation: str
    statuses: tuple[TrustStatus, ...]

    @property
    def depends(self) -> bool:
        """Whether the status depends on whose word one takes."""
        return len({s.status for s in self.statuses}) > 1


@frozen
class ArticleReport:
    article: Article
    status: RollUp
    obligations: tuple[ObligationResult, ...]
    incidents: tuple[Incident, ...]
    lineage: tuple[Step, ...] = ()
    """Relations from later instruments to this article's obligations (direct ones), those that
    hold by the report's date: a report as of a date does not name a text of a later date."""
    evidence_totals: tuple[tuple[str, int], ...] = ()
    """How many accounts bear on each obligation; reports list at most MAX_EVIDENCE_SHOWN."""
    by_party: tuple[tuple[str, RollUp], ...] = ()
    """The roll-up of the obligations each bearer owes under this article."""

    def party_status(self, party: str) -> RollUp | None:
        return dict(self.by_party).get(party)

    def evidence_total(self, obligation_id: str) -> int:
        return dict(self.evidence_totals).get(obligation_id, 0)


@frozen
class PartyReport:
    party: str
    name: str
    status: RollUp


@frozen
class AgreementReport:
    agreement: Agreement
    status: RollUp
    articles: tuple[ArticleReport, ...]
    parties: tuple[PartyReport, ...]


@frozen
class Report:
    """A compliance report as of one date; render with :mod:`compliance.render`."""

    as_of: date
    known_on: date | None
    agreements: tuple[AgreementReport, ...]
    events: tuple[Event, ...]
    """Every account cited anywhere in the report, sorted."""
    unlinked: tuple[str, ...]
    accounting: Accounting
    linked_in_report: LinkedInReport
    """How the accounting's linked accounts divide for this report's date and agreements."""
    problems: tuple[Problem, ...]
    trust: Trust = Trust.STANDARD
    """The policy the statuses, evidence and roll-ups were decided under."""
    by_trust: tuple[TrustStatuses, ...] = ()
    """Every chosen obligation's status under each policy, in report order."""
    later: tuple[Agreement, ...] = ()
    """Agreements loaded but adopted after the as-of date, left out: a report as of a date shows
    no text of a later date (unless one is chosen by name)."""
    parties: tuple[tuple[str, str], ...] = ()
    """``(id, name)`` of every party the report names by id (``views.parties``)."""
    why_unlinked: Mapping[str, str] = field(factory=FrozenDict, converter=frozen_dict)
    """Each of ``unlinked`` -> the reason it bears on no obligation (``Ledger.why_unlinked``)."""
    accounts_read: AccountsRead = field(factory=AccountsRead)
    """The days spanned by the accounts ``linked_in_report.bear_on_report`` counts."""
    reporter_based_in: Mapping[str, BasedIn] = field(factory=FrozenDict, converter=frozen_dict)
    """Id of each of ``events`` by an unaffiliated reporter the registry places -> where it is based."""

    @classmethod
    def build(
        cls,
        ledger: Ledger,
        as_of: arguments.DayArg,
        agreement_ids: arguments.AgreementIds = (),
        known_on: arguments.DayArg | None = None,
        trust: arguments.TrustArg = Trust.STANDARD,
    ) -> Self:
        """The report as of ``as_of`` of the agreements named (one id, several, or ``None``: every
        one adopted by then), from accounts reported by ``known_on`` (the ledger's, unless given:
        another date raises ``ValueError``, ``Ledger.known_on_for``), under ``trust``. A bad
        argument raises ``ValueError`` or ``TypeError`` saying what is taken (``core.arguments``)."""
        day, ids, known, policy = _checked(ledger, as_of, agreement_ids, known_on, trust)
        prepared, evaluations = _evaluations(ledger, day, known, policy, MAX_EVIDENCE_SHOWN)
        return cls._arranged(ledger, prepared, evaluations, day, ids, known, policy)

    @classmethod
    def build_with_evidence(
        cls,
        ledger: Ledger,
        as_of: arguments.DayArg,
        agreement_ids: arguments.AgreementIds = (),
        known_on: arguments.DayArg | None = None,
        trust: arguments.TrustArg = Trust.STANDARD,
    ) -> tuple[Self, Evaluation]:
        """:meth:`build`'s report, and its evaluation under ``trust`` with every account listed.

        The report's breaches picture counts every account (``views.activity.count_activity``),
        not only the hundred per obligation the report lists. Evaluating once with the full list
        and shortening it for the report (``ObligationResult.shortened``) gives the same report
        as :meth:`build` and the same counts as a second evaluation, which cost a third of the
        whole command.
        """
        day, ids, known, policy = _checked(ledger, as_of, agreement_ids, known_on, trust)
        prepared, evaluations = _evaluations(ledger, day, known, policy, None)
        full = evaluations[policy]
        shortened = tuple(r.shortened(MAX_EVIDENCE_SHOWN) for r in full.results)
        evaluations[policy] = Evaluation(full.as_of, full.known_on, shortened)
        report = cls._arranged(ledger, prepared, evaluations, day, ids, known, policy)
        return report, full

    @classmethod
    def _arranged(
        cls,
        ledger: Ledger,
        prepared: Prepared,
        evaluations: Mapping[Trust, Evaluation],
        as_of: date,
        agreement_ids: Sequence[str],
        known_on: date | None,
        trust: Trust,
    ) -> Self:
        """The report of the evaluations: rolled up, with the accounts its findings rest on."""
        # Every loaded agreement adopted by the date, or those chosen by name whatever their date.
        chosen = [
            a for a in ledger.agreements if a.id in agreement_ids or (not agreement_ids and a.date <= as_of)
        ]
        later = tuple(a for a in ledger.agreements if not agreement_ids and a.date > as_of)
        evaluation = evaluations[trust]
        others = {policy: e for policy, e in evaluations.items() if policy is not trust}
        events = prepared.by_id  # the accounts known by ``known_on``
        cited: set[str] = set()
        forward = forward_from(ledger.agreements, as_of)  # no text dated after the report
        reports: list[AgreementReport] = []
        by_trust: list[TrustStatuses] = []
        for agreement in chosen:
            results = [r for r in evaluation.results if r.agreement == agreement.id]
            articles: list[ArticleReport] = []
            for article in agreement.articles:
                mine = tuple(r for r in results if r.obligation.article == article.number)
                totals = tuple((r.id, r.evidence_total) for r in mine)
                shown = _incidents(mine, events, prepared.incidents[agreement.id], as_of, agreement.tz)
                for result in mine:
                    cited.update(e.event for e in result.evidence)
                for incident in shown:
                    cited.update(a.id for a in incident.accounts)
                ids = {r.id for r in mine}
                steps = tuple(s for r in mine for s in forward(r.id) if s.earlier in ids)
                by_party = tuple(
                    (p, roll_up(r for r in mine if p in r.obligation.bearers))
                    for p in sorted({p for r in mine for p in r.obligation.bearers})
                )
                rolled = roll_up(mine) if mine else _nothing_encoded(agreement, as_of)
                articles.append(ArticleReport(article, rolled, mine, shown, steps, totals, by_party))
            bearers = sorted({p for r in results for p in r.obligation.bearers})
            party_reports = tuple(
                PartyReport(
                    p,
                    getattr(ledger.parties.get(p), "name", p),
                    roll_up(r for r in results if p in r.obligation.bearers),
                )
                for p in bearers
            )
            reports.append(AgreementReport(agreement, roll_up(results), tuple(articles), party_reports))
            for result in results:
                by_policy = {trust: result, **{p: e.result(result.id) for p, e in others.items()}}
                by_trust.append(
                    TrustStatuses(
                        result.id,
                        tuple(
                            TrustStatus(p, by_policy[p].status, by_policy[p].rule, by_policy[p].deciding)
                            for p in Trust
                        ),
                    )
                )
        linked, read = divide_linked(ledger, prepared, as_of, {a.id for a in chosen})
        return cls(
            as_of=as_of,
            known_on=known_on,
            agreements=tuple(reports),
            events=tuple(sorted((events[i] for i in cited), key=lambda e: e.sort_key)),
            unlinked=ledger.unlinked,
            why_unlinked=ledger.why_unlinked,
            accounting=ledger.accounting,
            linked_in_report=linked,
            problems=ledger.problems,
            trust=trust,
            by_trust=tuple(by_trust),
            later=later,
            parties=party_key(ledger.parties, chosen, (events[i] for i in cited)),
            accounts_read=AccountsRead.of(map(prepared.ordered.__getitem__, read)),
            reporter_based_in=based_in_of(ledger.reporters, (events[i] for i in sorted(cited))),
        )

    def trust_statuses(self, obligation_id: str) -> TrustStatuses | None:
        return next((t for t in self.by_trust if t.obligation == obligation_id), None)

    def event(self, event_id: str) -> Event:
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def to_rows(self) -> list[dict[str, str | int | bool | None]]:
        """One flat dict per obligation, for ``pandas.DataFrame(report.to_rows())`` (pandas
        optional): the rows the CSV report holds (``views.rows``)."""
        from compliance.views.rows import obligation_rows

        return obligation_rows(self)


def _checked(
    ledger: Ledger,
    as_of: arguments.DayArg,
    ids: arguments.AgreementIds,
    known_on: arguments.DayArg | None,
    trust: arguments.TrustArg,
) -> tuple[date, tuple[str, ...], date | None, Trust]:
    """The arguments of :meth:`Report.build`, checked before any work (``core.arguments``)."""
    day, known = arguments.as_day(as_of, "as_of"), ledger.known_on_for(known_on)
    return day, arguments.agreement_ids(ids, ledger.agreements), known, arguments.as_trust(trust)


def _evaluations(
    ledger: Ledger, as_of: date, known_on: date | None, trust: Trust, limit: int | None
) -> tuple[Prepared, dict[Trust, Evaluation]]:
    """One evaluation per policy of every loaded agreement, evidence listed under ``trust`` only.

    Every loaded agreement is evaluated: a later one may supersede an obligation of a chosen one.
    The policies share the prepared inputs (accounts, links, incidents, intervals); evidence is
    listed only under the chosen one, since the difference in statuses is what a reader needs.
    """
    prepared = Prepared.of(ledger.agreements, ledger.events, ledger.links, known_on, ledger.placed_outside)
    return prepared, prepared.evaluate_policies(ledger.parties, as_of, tuple(Trust), trust, limit)


def _incidents(
    results: Sequence[ObligationResult],
    events: Mapping[str, Event],
    incidents: Mapping[str, list[Event]],
    as_of: date,
    tz: tzinfo,
) -> tuple[Incident, ...]:
    """Incidents behind this article's evidence with more than one account, or an unconfirmed one.

    ``incidents`` holds only the accounts that can bear on the agreement: an account of another
    country that shares an incident id is not shown beside its accounts.
    """
    known: dict[str, list[Event]] = {}  # each incident's accounts known by the as-of date, in order

    def known_accounts(incident_id: str) -> list[Event]:
        found = known.get(incident_id)
        if found is None:
            found = known[incident_id] = sorted(
                (e for e in incidents.get(incident_id, ()) if known_by(e.when, as_of, tz)),
                key=lambda e: e.sort_key,
            )
        return found

    wanted: set[str] = set()
    for result in results:
        for evidence in result.evidence:
            event = events[evidence.event]
            if not event.incident:
                continue
            # Only the accounts known by the date: a later account must not make an incident of one.
            many = len(known_accounts(event.incident)) > 1
            unconfirmed = evidence.grade is not Grade.CONFIRMED and evidence.effect is Effect.BREACHES
            if many or unconfirmed:
                wanted.add(event.incident)
    shown = [
        Incident(incident_id, tuple(known_accounts(incident_id)))
        for incident_id in sorted(wanted, key=natural_key)
    ]
    return tuple(shown)


def _nothing_encoded(agreement: Agreement, as_of: date) -> RollUp:
    """An article with no obligation encoded: not in force before its text, as a timeline reads
    it, and not assessable from then on (nothing to assess)."""
    return RollUp(Status.NOT_IN_FORCE if as_of < agreement.date else Status.NOT_ASSESSABLE, None, ())
