"""Exploring an encoding: which statuses each obligation can reach, with a minimal witness for each.

For every obligation, accounts aimed at it (its rules, explicit links, the obligations it waits
for) are generated with a fixed seed; one evaluation far in the future gives the whole history,
so one example shows every status it passes through. For each status reached, Hypothesis' ``find``
then looks for an example reaching it and shrinks it: the smallest event file and the as-of date
at which that status holds. A status the obligation's kind should reach but never did is a
warning, and the evaluator's laws are run on generated files, any counterexample shrunk too.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from attrs import evolve, frozen
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from compliance.core.events import UNAFFILIATED, Event, ExplicitLink
from compliance.core.model import Agreement, Obligation, endings_of
from compliance.core.parties import PartyRegistry
from compliance.core.places import Gazetteer
from compliance.core.timeframe import EventTime, Precision
from compliance.core.vocabulary import Effect, Kind, Modality, Status
from compliance.evaluation.evaluate import Prepared
from compliance.testing.files import events_csv, renumber
from compliance.testing.laws import LAWS, Law, breach_never_improves, links_for
from compliance.testing.local_constants import without_local_constants
from compliance.testing.strategies import (
    NEUTRAL_REPORTER,
    SOURCE,
    SPREAD_DAYS,
    account_lists,
    anchor_dates,
    as_of_dates,
)

DEFAULT_EXAMPLES = 40
"""Generated examples per obligation (and per law): every bundled obligation gets its witnesses well under a minute."""


@frozen
class Witness:
    """A status and the smallest event file found that gives it, as of ``as_of``."""

    status: Status
    as_of: date
    events: tuple[Event, ...]

    @property
    def csv(self) -> str:
        return events_csv(self.events)


@frozen
class ObligationCheck:
    """What generated accounts can make of one obligation."""

    agreement: str
    obligation: str
    kind: Kind
    modality: Modality
    witnesses: tuple[Witness, ...]
    warnings: tuple[str, ...]

    @property
    def reachable(self) -> tuple[Status, ...]:
        return tuple(w.status for w in self.witnesses)


@frozen
class Counterexample:
    """A law that does not hold, with the smallest event file and as-of date that show it."""

    law: str
    message: str
    as_of: date
    events: tuple[Event, ...]

    @property
    def csv(self) -> str:
        return events_csv(self.events)


def _settings(examples: int) -> settings:
    # Not a test: a user's encoding may generate slowly or filter much, and the command must
    # report what it found rather than stop on a health check.
    return settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )


def horizon(related: Sequence[Agreement]) -> date:
    """A date after every date the accounts and the agreements can bring: histories end there."""
    last = max(max(anchor_dates(a)) for a in related)
    last = max([last, *(r.date for a in related for r in a.relations)])
    return last + timedelta(days=SPREAD_DAYS + 60)


def expected(ob: Obligation) -> tuple[Status, str] | None:
    """The status an obligation of this kind should be able to reach, and what reaching it needs."""
    if ob.not_formalised or ob.modality is Modality.PERMISSION:
        return None
    if ob.kind is Kind.MAINTENANCE:
        return Status.VIOLATED, "a confirmed breach"
    return Status.FULFILLED, "a confirmed fulfilment by the deadline"


def focus(agreement: Agreement, ob: Obligation, related: Sequence[Agreement]) -> Agreement:
    """The agreement cut down to one obligation and those it waits for, with every ending that applies.

    Endings declared by later instruments become endings of the cut-down agreement, so one
    obligation's history is computed without evaluating every other obligation of every file.
    """
    wanted = {ob.id}
    by_id = {o.id: o for o in agreement.obligations}
    todo = [ob]
    while todo:
        for dep in todo.pop().depends_on:
            if dep.obligation not in wanted and dep.obligation in by_id:
                wanted.add(dep.obligation)
                todo.append(by_id[dep.obligation])
    endings = endings_of(related)
    return evolve(
        agreement,
        obligations=tuple(o for o in agreement.obligations if o.id in wanted),
        amendments=tuple(a for a in agreement.amendments if a.obligation in wanted),
        endings=tuple(
            dict.fromkeys(
                evolve(e, obligations=(ob_id,)) for ob_id in sorted(wanted) for e in endings.get(ob_id, ())
            )
        ),
        relations=(),
    )


def _partners_done(agreement: Agreement, focused: Agreement, ob: Obligation) -> list[Event]:
    """A confirmed, explicitly linked fulfilment of every obligation ``ob`` waits for, on the latest entry into force."""
    partners = [o for o in focused.obligations if o.id != ob.id]
    if not partners:
        return []
    day = max(o.in_force.date() if isinstance(o.in_force, datetime) else o.in_force for o in partners)
    return [
        Event(
            id=f"p{i}",
            when=EventTime(day, None, Precision.DAY),
            kind="statement",
            reported_by=NEUTRAL_REPORTER,
            reporter_party=UNAFFILIATED,
            source_url=SOURCE,
            actor=o.bearers[0],
            links=(ExplicitLink(agreement.id, o.article, Effect.FULFILS, o.id),),
        )
        for i, o in enumerate(partners)
    ]


def _size(events: Sequence[Event]) -> tuple[int, int]:
    return len(events), len(events_csv(events))


def explore_obligation(
    agreement: Agreement,
    ob: Obligation,
    related: Sequence[Agreement],
    parties: PartyRegistry,
    examples: int,
    seed: int,
    gazetteer: Gazetteer | None = None,
) -> ObligationCheck:
    """Reachable statuses of one obligation, each with a minimal witness; a warning for a missing one.

    Generated accounts are linked with places resolved in ``gazetteer`` (default: the bundled
    one), the one a run of the encoding reads: a rule place outside the obligation's areas there
    can link nothing, and a witness must link in that run as it did here.
    """
    end = horizon(related)
    tz = agreement.tz
    focused = focus(agreement, ob, related)
    aimed = [o.id for o in focused.obligations]
    # The cut-down agreement carries the endings later texts declare: their dates are probed too.
    strategy = account_lists(focused, parties=parties, obligations=aimed, noise=False, max_size=4)
    memo: dict[tuple[Event, ...], dict[Status, date]] = {}

    def reached(events: list[Event]) -> dict[Status, date]:
        key = tuple(events)
        if key not in memo:
            links = links_for([focused], parties, events, gazetteer)
            # (``Prepared``, as the laws evaluate: the horizon may lie past the years the API takes)
            prepared = Prepared.of([focused], events, links)
            result = prepared.evaluate(parties, end, with_evidence=False).result(ob.id)
            firsts: dict[Status, date] = {}
            for i, step in enumerate(result.history):
                # The first step starts at the beginning of time: show the day before the next one.
                if i:
                    day = step.date
                elif len(result.history) > 1:
                    day = result.history[1].date - timedelta(days=1)
                else:
                    day = max(step.date, agreement.date)
                if step.status not in firsts and result.status_on(day, tz)[0] is step.status:
                    firsts[step.status] = day
            memo[key] = firsts
        return memo[key]

    best: dict[Status, list[Event]] = {}

    def explore(events: list[Event]) -> bool:
        for status in reached(events):
            if status not in best or _size(events) < _size(best[status]):
                best[status] = events
        return False

    explore([])
    if not ob.not_formalised:  # a clause not formalised is not assessable, whatever the accounts
        _find(strategy, explore, examples, seed)
        prefix = _partners_done(agreement, focused, ob)
        if prefix:  # random accounts rarely fulfil every partner first: a second pass starts from that
            _find(strategy.map(lambda evs: renumber([*prefix, *evs])), explore, examples, seed)
    witnesses = []
    for status in Status:  # the vocabulary's order; statuses added later flow through
        if status in best:

            def keeps(events: list[Event], status: Status = status) -> bool:
                return status in reached(events)

            events = shrink(best[status], keeps)
            witnesses.append(Witness(status, reached(events)[status], tuple(events)))
    warnings = []
    wanted = expected(ob)
    if wanted is not None and wanted[0] not in best:
        status, need = wanted
        warnings.append(
            f"{ob.id}: {_article(ob.kind.value)} {ob.kind.value} that never became {status.value} in {examples} generated files: "
            f"{need} could not be produced; {_why(agreement, ob, related)}"
        )
    return ObligationCheck(agreement.id, ob.id, ob.kind, ob.modality, tuple(witnesses), tuple(warnings))


def shrink(events: Sequence[Event], keeps: Callable[[list[Event]], bool]) -> list[Event]:
    """The smallest file found by dropping accounts, then simplifying each, while ``keeps`` holds.

    Greedy and cheap: a witness is a handful of accounts, and every step is one evaluation.
    The result is minimal in that no single account can be dropped or simplified further.
    """
    current = list(events)
    i = 0
    while i < len(current):
        trial = current[:i] + current[i + 1 :]
        if keeps(trial):
            current = trial
        else:
            i += 1
    simplified = True
    while simplified:  # each step makes one account strictly plainer, so this ends
        simplified = False
        for i in range(len(current)):
            for simpler in _simpler(current[i]):
                trial = [*current[:i], simpler, *current[i + 1 :]]
                if keeps(trial):
                    current, simplified = trial, True
                    break
    numbered = renumber(current)
    return numbered if keeps(numbered) else current


def _simpler(event: Event) -> list[Event]:
    """Plainer versions of one account: a single day, no incident, an unaffiliated reporter, no place."""
    when = event.when
    found = []
    if when.precision is not Precision.DAY:
        found += [
            evolve(event, when=EventTime(d, None, Precision.DAY)) for d in (when.first_day, when.last_day)
        ]
    if event.incident:
        found.append(evolve(event, incident=""))
    if event.reporter_party != UNAFFILIATED:
        found.append(evolve(event, reported_by=NEUTRAL_REPORTER, reporter_party=UNAFFILIATED))
    if event.location:
        found.append(evolve(event, location=""))
    return found


def _why(agreement: Agreement, ob: Obligation, related: Sequence[Agreement]) -> str:
    """The likeliest reason, from the encoding (the static checks say more)."""
    ids = {ob.id, agreement.id}
    endings = [e.date for e in agreement.endings if not e.obligations or ob.id in e.obligations]
    endings += [
        r.date
        for a in related
        for r in a.relations
        if r.earlier in ids and r.type.value in ("supersedes", "terminates")
    ]
    in_force = ob.in_force.date() if hasattr(ob.in_force, "date") else ob.in_force
    early = [d for d in endings if d <= in_force]
    if early:
        return f"it ends on {min(early)}, before or when it enters into force ({in_force})"
    if any(d.relation.value == "after" for d in ob.depends_on):
        return "it waits for another obligation that was never fulfilled"
    return "check its entry into force, deadline, amendments, endings and rules"


def law_examples(examples: int) -> int:
    """Generated files per law: a quarter of the examples per obligation, at least 10."""
    return max(10, examples // 4)


def _seeded(seed: int) -> random.Random:
    """Hypothesis' source of choices, fixed so the same files give the same output."""
    return random.Random(seed)  # noqa: S311 - a fixed seed for reproducible output, not a secret


def _find(
    strategy: st.SearchStrategy[list[Event]],
    condition: Callable[[list[Event]], bool],
    examples: int,
    seed: int,
) -> list[Event] | None:
    try:
        with without_local_constants():
            return find(strategy, condition, settings=_settings(examples), random=_seeded(seed))
    except (NoSuchExample, Unsatisfiable):
        return None


def run_laws(
    agreement: Agreement,
    related: Sequence[Agreement],
    parties: PartyRegistry,
    examples: int,
    seed: int,
    gazetteer: Gazetteer | None = None,
) -> list[Counterexample]:
    """Every law on generated files for the agreement (noise included); each failure shrunk by Hypothesis.

    The files are linked with ``gazetteer`` (``None``: the bundled one), as a run with it links.

    The breach law adds its breach to one drawn obligation per file, which keeps the run short.
    """
    ids = [o.id for o in agreement.obligations]
    inputs = st.tuples(
        account_lists(agreement, parties=parties, max_size=6), as_of_dates(agreement), st.sampled_from(ids)
    )
    found = []
    for name, law in LAWS.items():
        failures: dict[tuple[object, ...], str] = {}

        def fails(
            drawn: tuple[list[Event], date, str],
            law: Law = law,
            failures: dict[tuple[object, ...], str] = failures,
        ) -> bool:
            events, as_of, target = drawn
            try:
                if law is breach_never_improves:
                    breach_never_improves(
                        related, parties, events, as_of, obligations=(target,), gazetteer=gazetteer
                    )
                else:
                    law(related, parties, events, as_of, gazetteer=gazetteer)
            except AssertionError as exc:
                failures[(tuple(events), as_of)] = str(exc)
                return True
            return False

        try:
            with without_local_constants():
                events, as_of, _ = find(
                    inputs, fails, settings=_settings(law_examples(examples)), random=_seeded(seed)
                )
        except (NoSuchExample, Unsatisfiable):
            continue
        found.append(Counterexample(name, failures[(tuple(events), as_of)], as_of, tuple(events)))
    return found


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
