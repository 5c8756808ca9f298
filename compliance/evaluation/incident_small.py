"""Reading a small incident for grading: one pass over its few other accounts.

Grading an allegation or a stakeholder's account (``grading``: rules 5 and 6) looks for the
first other account of its incident that corroborates it, and the first that contests or denies
it. :class:`incident_index.IncidentIndex` answers that for an incident of any size without a scan
per account, but building it (a set of files per incident and set of bearers, then per
obligation) costs more than it saves on the incidents most files have: two or three accounts,
one or two of them graded. Such an incident is read here by walking its other accounts once per
account graded, with what each kind, reporter and actor tells the bearers worked out once
(``incident_index.told_for``), and what the index would give read off the same tests the scans
of ``incident_scans`` apply (a property compares this pass with the plain grading).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import NamedTuple

from compliance.core.events import Claims, Event
from compliance.core.parties import PartyRegistry
from compliance.core.timeframe import EventTime
from compliance.core.vocabulary import Effect
from compliance.evaluation.grading import Grading, Stakeholder, read_with
from compliance.evaluation.incident_index import Telling, Told, told_for
from compliance.evaluation.incident_scans import NOT_ACTS, same_act, speaks_to
from compliance.evaluation.trust import SourceClass

SMALL = 8
"""Incidents of at most this many accounts are read by :class:`SmallIncidents`; larger ones are
indexed (a pass per account graded is n² for an incident of n accounts)."""


class SmallIncidents(NamedTuple):
    """What reading a small incident needs for one obligation: its bearers, its links by account
    (``claims``: an account recording another effect on the obligation does not corroborate), the
    agreement's zone, and what each kind, reporter and actor tells these bearers (``told``, shared
    by the obligations of one set of bearers) and each denial's end in the zone (``ends``, by
    date), both filled as they are met."""

    bearers: tuple[str, ...]
    parties: PartyRegistry
    tz: tzinfo
    claims: Claims
    told: dict[Told, Telling]
    ends: dict[EventTime, datetime]

    def read(
        self,
        event: Event,
        effect: Effect,
        source: SourceClass,
        who: str,
        start: datetime,
        accounts: Sequence[Event],
    ) -> Grading | Stakeholder:
        """``IncidentIndex.read`` for ``event``, linked to the obligation with ``effect``, whose act
        can first have happened at ``start``, in the incident of ``accounts`` (in its order; the
        account itself may be among them).

        The corroboration is the first other account of the bearer's side telling that side did
        the same act (by the account's actor, if it names one) and recording no other effect on
        the obligation (``incident_scans.corroboration`` over those accounts). The answer is the
        first other account that is a denial of the bearer's side given no earlier than the act
        can have happened (``grading.answerable``), or that names an actor off the bearer's side
        for an act it speaks to (``incident_scans.speaks_to``): told by anyone but the accusing side
        of its own act against an opposing side's allegation (``contest``,
        ``incident_scans.accusers_own``), by the bearer's side against a stakeholder's (``denial``).
        An allegation that is corroborated is not contested, so its answer is not read.
        """
        kind, actor, own, reporter = event.kind, event.actor, event.id, event.reporter_party
        opposing = source is _OPPOSING  # (a module constant: see grading._OPPOSING)
        may_corroborate = kind not in NOT_ACTS
        told, claims = self.told, self.claims
        corroboration: Event | None = None
        answer: Event | None = None
        for other in accounts:
            if other.id == own:  # ids are unique: the account is not its own other
                continue
            key = (other.kind, other.reporter_party, other.actor)
            found = told.get(key)
            if found is None:
                found = told[key] = told_for(other, self.bearers, self.parties)
            told_by_side, side_acted, names_other, shared = found
            if (
                corroboration is None
                and may_corroborate
                and side_acted
                and told_by_side
                and same_act(kind, other.kind)
                and (actor is None or other.actor == actor)
                and claims.get(other.id, effect) is effect
            ):
                corroboration = other
                if opposing:
                    break
            if answer is None and (
                (other.kind == "denial" and told_by_side and start < self._end(other.when))
                or (
                    names_other
                    and (told_by_side if not opposing else reporter not in shared)
                    and speaks_to(kind, other.kind)
                )
            ):
                answer = other
            if answer is not None and (corroboration is not None or not may_corroborate):
                break
        return read_with(
            event, source, who, corroboration, None if opposing and corroboration is not None else answer
        )

    def _end(self, when: EventTime) -> datetime:
        """The end of a denial's span in the zone, worked out once per date."""
        end = self.ends.get(when)
        if end is None:
            end = self.ends[when] = when.span(self.tz)[1]
        return end


_OPPOSING = SourceClass.OPPOSING_SIDE
