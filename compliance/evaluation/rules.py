"""The decision rules: the status of one obligation at one cut-off, in one screen.

:func:`decide` applies the rules to one placement of the first occurrences; :func:`status_at`
runs it over every place an uncertain first occurrence could fall.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from compliance.core.timeframe import EPSILON, day_start, deadline_end, local_date
from compliance.core.vocabulary import (
    DependencyType,
    EndType,
    Kind,
    Modality,
    Status,
)
from compliance.evaluation.calendar import next_expiry, term_expiry
from compliance.evaluation.categories import Category
from compliance.evaluation.facts import Facts, notice_placements
from compliance.evaluation.intervals import Firsts

RULE_NAMES: tuple[str, ...] = (
    "ended",
    "not formalised",
    "not in force",
    "term expired",
    "permission exercised",
    "permission unused",
    "confirmed breach",
    "breach not confirmed",
    "no breach evidenced",
    "fulfilled",
    "fulfilled late",
    "claims not confirmed",
    "overdue",
    "in progress",
    "pending",
    "uncertain dates",
)
"""Every rule :func:`decide` and :func:`status_at` can name, as in docs/obligation-logic.md ("Rule names")."""
DECIDED_BY_THE_TEXTS: Mapping[str, str] = {
    "ended": "by a later text or act, not by an account",
    "not formalised": "by the text, whose clause cannot be checked against accounts",
    "term expired": "by the end of the term the text sets, not by an account",
}
"""The rules that turn on the texts, never on an account, and what a report says decided instead
of "no account", which read as if evidence were missing (a duty fulfilled in 2022 and ended in
2024 read "ended — no account" beside its two accounts of fulfilment)."""


def deadline_at(facts: Facts, cutoff: datetime) -> tuple[date | None, str]:
    """The deadline in force at ``cutoff``, as a report gives it: stated, amended, or set by the
    obligation it runs in parallel with, with a note saying where it comes from.

    A deadline set by the partner is the day the partner was first fulfilled, unless this one was
    fulfilled on an earlier day (the first fulfilled sets the other's due day, not its own). When
    the partner's date is uncertain the earliest day it can set is given, and the note gives the
    range and whether it may set none (:func:`due_days` gives what the rules decide over).
    """
    stated, note = _stated(facts, cutoff)
    if stated is not None or facts.parallel is None:
        return stated, note
    partner = facts.parallel.at(cutoff)
    if partner is None:
        return None, ""
    tz = facts.tz
    open_ended = partner[1] > cutoff  # the partner may not have been fulfilled by the cut-off
    earliest = local_date(partner[0], tz)
    latest = local_date(min(partner[1], cutoff) - EPSILON, tz)
    last = latest
    came_first = False  # this one may have been fulfilled on an earlier day than the partner
    own = facts.firsts[Category.FULFIL].at(cutoff)
    if own is not None:
        if own[1] <= day_start(earliest, tz):  # certainly fulfilled first: nothing made it due
            return None, ""
        came_first = own[0] < day_start(latest, tz)
        if own[1] <= cutoff:
            last = min(latest, local_date(own[1] - EPSILON, tz))
    note = _PARALLEL_NOTE
    if earliest != last or open_ended or came_first:
        days = f"on {earliest}" if earliest == last else f"on a day from {earliest} to {last}"
        if earliest != last or open_ended:
            # The deadline given is then only the earliest day it can be: the note says so, so
            # that "by 2020-11-10" is not read as the day the duty fell due.
            note = f"at the earliest: {note}, whose fulfilment date is uncertain: due {days}"
        else:  # the partner's day is certain; only whether this one came first is not
            note = f"{note}: due {days}"
        if open_ended:
            note += ", or not yet due if it has not been fulfilled"
        if came_first:
            note += ", or not due at all if this one was fulfilled first"
    return earliest, note


_PARALLEL_NOTE = "set by the obligation it runs in parallel with"


def _stated(facts: Facts, cutoff: datetime) -> tuple[date | None, str]:
    """The deadline stated or amended, in force at ``cutoff``, and where it comes from."""
    current: date | None = None
    note = ""
    for effective, deadline in facts.deadlines:
        if effective is None or effective < cutoff:
            current = deadline
            note = "" if effective is None else f"amended on {local_date(effective, facts.tz)}"
    return current, note


def due_days(facts: Facts, cutoff: datetime) -> tuple[tuple[date | None, ...], bool]:
    """The days the obligation can be due by at ``cutoff``, and whether the partner sets them.

    A stated or amended deadline is the one day. Otherwise an obligation that runs in parallel
    with another is due on the day the other was first fulfilled: with an uncertain date that is
    any day of its range up to the cut-off, or none yet if the range runs past it (an account
    that is also this one's lasting confirmed fulfilment is left out: ``Facts.parallel_alone``,
    which changes no outcome but the ones two independent places of it would add). The earliest
    day and the latest (or none) are enough to decide over: a later due day only moves the
    outcomes from late towards on time and from overdue towards pending, and the two ends give
    every outcome a day between them gives.
    """
    stated, _ = _stated(facts, cutoff)
    if stated is not None or facts.parallel is None:
        return (stated,), False
    partner = (facts.parallel if facts.parallel_alone is None else facts.parallel_alone).at(cutoff)
    if partner is None:
        return (None,), True
    start, end = partner
    earliest = local_date(start, facts.tz)
    if end > cutoff:  # it may have come on any day up to the cut-off, or not yet
        return (earliest, None), True
    latest = local_date(end - EPSILON, facts.tz)
    return ((earliest,) if earliest == latest else (earliest, latest)), True


Entry = tuple[datetime | None, tuple[Firsts, ...]]
"""When an obligation came into force (``None``: it has not), and the first accounts from then."""


def entries(facts: Facts, cutoff: datetime, memo: dict[datetime, Entry] | None = None) -> list[Entry]:
    """When the obligation can have come into force by ``cutoff`` (``None``: it has not), each
    with the first accounts the rules read from then on.

    Only an obligation that waits for another has more than one: it comes into force when the
    other is first fulfilled, any instant of that occurrence's range up to the cut-off, or not
    yet if the range runs past it. A breach before it came into force is no breach of it, so its
    breaches are read from each instant (``Facts.breaches_from``). What they give changes where
    a breach account's own range ends (the account dropped) and just after one starts (from then
    on it straddles the instant and may be no breach: ``categories.MAYBE_NEVER``). So the range's
    start, the ends inside it and the instants just after the starts inside it are enough:
    between two of them the first breach can only lie within the range the earlier gives. (The
    ends alone missed an account whose range runs past the partner's: in force just after its
    start, it may be no breach, which no end inside the range gives.) ``memo`` keeps each
    instant's reading over one history's sweep.
    """
    if facts.after is None:
        return [(facts.in_force, facts.firsts)]
    partner = facts.after.at(cutoff)
    if partner is None:
        return [(None, facts.firsts)]
    start, end = partner
    found: list[Entry] = []
    if end > cutoff:
        found.append((None, facts.firsts))
    earliest = start if facts.in_force is None else max(start, facts.in_force)
    latest = min(end, cutoff)
    if facts.waiting_breaches is None:
        found.append((earliest, facts.firsts))
        return found
    ends, starts = facts.waiting_ends, facts.waiting_starts
    instants = {earliest, *ends[bisect.bisect_right(ends, earliest) : bisect.bisect_left(ends, latest)]}
    inside = starts[bisect.bisect_left(starts, earliest) : bisect.bisect_left(starts, latest)]
    instants.update(start + EPSILON for start in inside if start + EPSILON < latest)
    memo = {} if memo is None else memo
    for instant in sorted(instants):
        entry = memo.get(instant)
        if entry is None:
            entry = memo[instant] = (instant, facts.breaches_from(instant)[0])
        found.append(entry)
    return found


def decide(
    facts: Facts,
    cutoff: datetime,
    first: Sequence[datetime | None],
    in_force: datetime | None,
    deadline: date | None = None,
    set_by_partner: bool = False,
    named: str = "",
    notices: Sequence[datetime] | None = None,
) -> tuple[Status, str, str]:
    """The rules, in order: ``(status, reason, rule)``, the rule named as in docs/obligation-logic.md.

    ``first[c]`` is when category c first occurred (None: not by cutoff). ``deadline`` is the
    deadline in force (one of :func:`due_days`); ``set_by_partner``: the day the obligation it
    runs in parallel with was first fulfilled. ``in_force``: when it came into force (one of
    :func:`entries`; ``None``: it has not). ``named``: how the reason names the deadline, when
    not as the date (the due days a partner dated to a range leaves possible).
    """
    ob = facts.obligation
    if facts.ending is not None and facts.ending[0] < cutoff:
        when, end_type, by = facts.ending
        status = Status.SUPERSEDED if end_type is EndType.SUPERSEDED else Status.TERMINATED
        return status, f"{end_type.value} on {local_date(when, facts.tz)} by {by}", "ended"
    if facts.after is not None and in_force is None:
        waited = next(d.obligation for d in ob.depends_on if d.relation is DependencyType.AFTER)
        return Status.NOT_IN_FORCE, f"waits for {waited}: no confirmed fulfilment of it yet", "not in force"
    if in_force is None or cutoff <= in_force:
        return Status.NOT_IN_FORCE, "not yet in force", "not in force"
    # Until it is in force a clause is not in force, formalised or not: a report as of 2020 does
    # not call a clause of 2021 "not assessable", nor one that waits for a ratification.
    if ob.not_formalised:
        return Status.NOT_ASSESSABLE, ob.not_formalised, "not formalised"
    if ob.term is not None:
        given = facts.notice_instants if notices is None else notices
        ended, _ = term_expiry(ob, facts.tz, given, cutoff)
        if ended is not None:
            # A renewable term ends only after a notice; one that does not renew ends at its expiry.
            how = "after notice" if ob.term.renews else "(not renewable)"
            return Status.TERMINATED, f"term expired on {local_date(ended, facts.tz)} {how}", "term expired"
    if ob.modality is Modality.PERMISSION:
        return _permission(facts, cutoff, first)
    if ob.kind is Kind.MAINTENANCE:
        if first[Category.BREACH] is not None:
            return Status.VIOLATED, "confirmed breach", "confirmed breach"
        if first[Category.BREACH_UNCONFIRMED] is not None:
            return Status.DISPUTED, "breach alleged or contested, not confirmed", "breach not confirmed"
        return Status.COMPLIED, "no breach evidenced", "no breach evidenced"
    end = None if deadline is None else deadline_end(deadline, facts.tz)
    by = named or str(deadline)
    fulfilled = first[Category.FULFIL]
    if fulfilled is not None:
        if set_by_partner and deadline is not None and fulfilled < day_start(deadline, facts.tz):
            # Fulfilled on an earlier day than the partner: the first sets the other's due day.
            return Status.FULFILLED, "fulfilled before the obligation it runs in parallel with", "fulfilled"
        if end is not None and fulfilled >= end:
            return Status.FULFILLED_LATE, f"fulfilled after the deadline of {by}", "fulfilled late"
        return (
            Status.FULFILLED,
            "fulfilled" + (f" by the deadline of {by}" if deadline else ""),
            "fulfilled",
        )
    if first[Category.BREACH] is not None:
        return Status.VIOLATED, "confirmed breach", "confirmed breach"
    if first[Category.FULFIL_UNCONFIRMED] is not None or first[Category.BREACH_UNCONFIRMED] is not None:
        return Status.DISPUTED, "fulfilment or breach claimed, not confirmed", "claims not confirmed"
    progress = _progress_note(facts, cutoff, first)
    if end is not None and cutoff > end:
        how = f" ({_PARALLEL_NOTE})" if set_by_partner else ""
        return (
            Status.OVERDUE,
            f"no evidence of fulfilment by the deadline of {by}{how}{progress}",
            "overdue",
        )
    if first[Category.PROGRESS] is not None:
        due = f"; due by {by}" if deadline else ""
        return Status.IN_PROGRESS, f"confirmed progress, no fulfilment yet{progress}{due}", "in progress"
    return (
        Status.PENDING,
        "no evidence of fulfilment yet" + progress + (f"; due by {by}" if deadline else ""),
        "pending",
    )


def _progress_note(facts: Facts, cutoff: datetime, first: Sequence[datetime | None]) -> str:
    """ "; progress reported in E005", or the unconfirmed progress that leaves a duty pending."""
    if first[Category.PROGRESS] is not None:
        found = facts.first_visible(Category.PROGRESS, cutoff)
        return f"; progress reported in {found}" if found is not None else ""
    if first[Category.PROGRESS_UNCONFIRMED] is not None:
        found = facts.first_visible(Category.PROGRESS_UNCONFIRMED, cutoff)
        return f"; progress claimed in {found}, not confirmed" if found is not None else ""
    return ""


def _permission(facts: Facts, cutoff: datetime, first: Sequence[datetime | None]) -> tuple[Status, str, str]:
    """A permission is never breached: it is ``exercised`` on a confirmed use, else ``unused``."""
    if first[Category.FULFIL] is not None or first[Category.PROGRESS] is not None:
        found = _first_of(facts, cutoff, Category.FULFIL, Category.PROGRESS)
        return Status.EXERCISED, "used" + (f" ({found})" if found is not None else ""), "permission exercised"
    if first[Category.FULFIL_UNCONFIRMED] is not None or first[Category.PROGRESS_UNCONFIRMED] is not None:
        found = _first_of(facts, cutoff, Category.FULFIL_UNCONFIRMED, Category.PROGRESS_UNCONFIRMED)
        named = f" in {found}" if found is not None else ""
        return Status.UNUSED, f"a use is claimed{named}, not confirmed", "permission unused"
    return Status.UNUSED, "no use evidenced", "permission unused"


def _first_of(facts: Facts, cutoff: datetime, *categories: Category) -> str | None:
    """The first account that counts, of the first of ``categories`` that has one."""
    found = (facts.first_visible(c, cutoff) for c in categories)
    return next((event for event in found if event is not None), None)


_ORDER = {status: i for i, status in enumerate(Status)}


def status_at(
    facts: Facts, cutoff: datetime, memo: dict[datetime, Entry] | None = None
) -> tuple[Status, tuple[Status, ...], str, str]:
    """Decide at ``cutoff``, over every place an uncertain first occurrence could fall.

    The first fulfilment of the obligation this one runs in parallel with is one of them: it sets
    the due day (:func:`due_days`), and so is when an obligation that waits for another came
    into force (:func:`entries`; ``memo`` is passed on to it). Returns ``(status, possible
    statuses, reason, rule)``.
    """
    days, set_by_partner = due_days(facts, cutoff)
    named = ""  # a reason holds whatever the due day: it names them all
    if len(days) > 1:
        named = f"{days[0]} or later" if days[-1] is None else f"a day from {days[0]} to {days[-1]}"
    outcomes: dict[Status, tuple[str, str]] = {}
    placed = notice_placements(facts, cutoff)
    for in_force, firsts in entries(facts, cutoff, memo):
        for deadline in days:
            thresholds = [cutoff]
            if deadline is not None:
                thresholds.append(deadline_end(deadline, facts.tz))
            for combination in itertools.product(*_placements(facts, firsts, cutoff, thresholds)):
                for notices in placed:
                    status, reason, rule = decide(
                        facts, cutoff, combination, in_force, deadline, set_by_partner, named, notices
                    )
                    outcomes.setdefault(status, (reason, rule))
    possible = tuple(sorted(outcomes, key=_ORDER.__getitem__))
    if len(possible) == 1:
        reason, rule = outcomes[possible[0]]
        if rule == "term expired" and len(placed) > 1:
            # Ended wherever the notice's uncertain date falls, but not at one expiry: say both.
            ends = {
                term_expiry(facts.obligation, facts.tz, facts.notice_instants if n is None else n, cutoff)[0]
                for n in placed
            }
            found = sorted(e for e in ends if e is not None)
            expired = [local_date(e, facts.tz) for e in found]
            if len(expired) > 1:
                # A notice dated across several limits may reach an expiry between the two.
                assert facts.obligation.term is not None  # (notices are placed for a term only)
                between = next_expiry(facts.obligation.term, facts.tz, found[0]) < found[-1]
                last = f"on a later expiry up to {expired[-1]}" if between else f"on {expired[-1]}"
                reason = (
                    f"term expired on {expired[0]} or {last} after notice (the notice's date is uncertain)"
                )
        return possible[0], possible, reason, rule
    names = ", ".join(s.value for s in possible)
    among = ["the fulfilment of the obligation it runs in parallel with"] if len(days) > 1 else []
    if len(placed) > 1:  # ended at an expiry, or not, as the notice came in time for it or not
        among.append("the notice of termination")
    partner = f" ({' and '.join(among)} among them)" if among else ""
    return (
        Status.INDETERMINATE,
        possible,
        f"depends on where uncertain dates fall{partner}: {names}",
        "uncertain dates",
    )


def _placements(
    facts: Facts, firsts_by: Sequence[Firsts], cutoff: datetime, thresholds: Sequence[datetime]
) -> list[list[datetime | None]]:
    """Per category, the places its first occurrence is tried at: its earliest, each threshold
    inside its interval, and ``None`` if it may not have happened by the cut-off."""
    options: list[list[datetime | None]] = []
    ob = facts.obligation
    for category, firsts in zip(Category, firsts_by, strict=True):
        if (
            category >= Category.PROGRESS
            and ob.kind is Kind.MAINTENANCE
            and ob.modality is not Modality.PERMISSION
        ):
            options.append([None])  # the rules for a maintained duty never look at progress
            continue
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
    return options
