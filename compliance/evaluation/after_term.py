"""Whether a breach account is dated after its term ended: surely, possibly, or not.

Split from ``listing`` because the end of a term can be uncertain: a notice dated to a range (a
month, an approximate day) that may fall either side of a notice limit ends the term at one
expiry or a later one, and the status is ``indeterminate`` between the two
(docs/obligation-logic.md, "Terms and renewal"). The evidence line and the counts per period
(``activity``) must read a breach in that span as the status does: it may be no breach of the
term, neither surely one nor surely not.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from attrs import frozen

from compliance.core.timeframe import day_start
from compliance.evaluation.calendar import noticed_renewal, term_expiry
from compliance.evaluation.facts import Facts, notice_placements
from compliance.evaluation.intervals import Span


@frozen
class TermEnd:
    """The instants a term can have ended at: the earliest and the latest (the same when the end
    is certain; ``latest`` is ``None`` when a notice that may not yet have been given leaves no
    latest end by the cut-off)."""

    earliest: datetime
    latest: datetime | None

    @property
    def certain(self) -> bool:
        return self.earliest == self.latest


@frozen
class AfterEnd:
    """How a breach account's dates stand to the end of its term, and what its reason adds."""

    note: str = ""
    surely: bool = False
    """Wholly after the latest end the term can have had: no breach of it (``Evidence.after_end``)."""
    maybe: bool = False
    """Overlapping the span of an uncertain end: it may be no breach of it (``Evidence.maybe_after_end``)."""


NOT_AFTER = AfterEnd()
"""A breach dated before every end the term can have had, or any other account: nothing to add."""


def possible_end(facts: Facts, cutoff: datetime) -> TermEnd | None:
    """When the term ended, if it can have by ``cutoff`` (else ``None``): a renewable one at the
    expiry a notice reaches, one that does not renew at its first expiry, each at 00:00 of its
    day. With notices dated across a limit (``notice_placements``), from the expiry their
    earliest dates reach to the one their latest dates reach: the expiry a notice reaches moves
    later with it, so no end lies outside the two."""
    ob = facts.obligation
    term = ob.term
    if term is None:
        return None
    earliest = term_expiry(ob, facts.tz, facts.notice_instants, cutoff)[0]
    if earliest is None:
        return None
    if len(notice_placements(facts, cutoff)) == 1:
        return TermEnd(earliest, earliest)
    given = facts.notice_latest(cutoff)  # (only the notices certainly given by the cut-off)
    if not given:
        return TermEnd(earliest, None)
    latest = day_start(term.expiry(noticed_renewal(term, facts.tz, min(given))), facts.tz)
    return TermEnd(earliest, max(latest, earliest))


def against_end(span: Span, end: TermEnd, tz: tzinfo) -> AfterEnd:
    """Where a breach account dated ``span`` falls against the term's possible ends.

    Wholly before the earliest end: a breach, nothing to add. Wholly after the latest: no breach
    of it. Straddling a certain end: a breach only if it came before, counted as every straddling
    account is. Overlapping the span of an uncertain end (from within it, or across either of
    its ends): it may be no breach, the status being ``indeterminate`` there too.
    """
    start, stop = span
    if stop <= end.earliest:
        return NOT_AFTER
    if end.certain:
        day = instant_named(end.earliest, tz)
        if start >= end.earliest:
            return AfterEnd(f"; dated after the term expired on {day}: no breach of it", surely=True)
        return AfterEnd(
            f"; dated partly after the term expired on {day}: a breach of it only if it came before"
        )
    if end.latest is not None and start >= end.latest:
        day = instant_named(end.latest, tz)
        return AfterEnd(
            f"; dated after the term expired on {day} at the latest: no breach of it", surely=True
        )
    first = instant_named(end.earliest, tz)
    when = (
        f"on {first} or later"
        if end.latest is None
        else f"between {first} and {instant_named(end.latest, tz)}"
    )
    return AfterEnd(
        f"; dated when the term may already have expired (the notice dates its end {when}): "
        "it may be no breach of it",
        maybe=True,
    )


def instant_named(instant: datetime, tz: tzinfo) -> str:
    """When the obligation came into force, or its term ended, as the reasons name it: the day in
    the agreement's zone, and the time too when it is not the day's start. A truce in force from
    12:00 would otherwise call an account of 09:30 that day "dated before ... (that day)"."""
    local = instant.astimezone(tz)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return str(local.date())
    return f"{local.date()} {local:%H:%M}" + (f":{local:%S}" if local.second else "")
