"""Evidence grades: how far one account can be relied on, judged by who gives it.

The library never decides who is right. It only asks whether an account comes from a source
with a stake in the conclusion, and the trust policy says whose word suffices
(docs/obligation-logic.md, "Evidence grade", "Source classes" and "Trust policies"):

1. A breach account that names no actor, against an obligation with several bearers, is
   *contested*: the source does not say which bearer acted.
2. An independent source (no affiliation, or a party with no role in the agreement that is not
   a side) gives a *confirmed* account; a reporter of unknown affiliation an *alleged* one.
3. The bearer's own side gives a *confirmed* account: an admission, or its own report.
4. A side reporting that its opponent fulfilled or progressed is *confirmed* (the opponent's
   act acknowledged by the other side), under every policy.
5. A side reporting its opponent's breach is *alleged*; *confirmed* when the accused side's own
   account of the same act names the same actor ("both sides consistently") and records no other
   effect on the obligation (``Claims``); *contested* when the accused side denies it or another
   account of the same act names another actor (any act, if the allegation's own is not named:
   ``incident_scans.speaks_to``), unless that account is the accusing side's own account of its
   own act (``incident_scans.accusers_own``: the accuser does not contradict itself).
6. A stakeholder's account (a signatory, mediator, implementer or monitor that is not a side) is
   confirmed when corroborated as in 5, from when the corroboration exists; otherwise (and before
   it) under ``strict`` it is *alleged*, under ``standard`` *confirmed* unless the bearer's side
   denies or contradicts it (then *contested* from the denial on), under ``broad`` *confirmed*
   even if denied.
7. A rule-made breach link to an account naming no actor is *contested* unless an opposing side
   gives it (then it is an allegation like any other).
8. A *relevant* link is graded by its source alone, never read with its incident: the account
   claims neither fulfilment nor breach, so no other account can corroborate, deny or contest it.

Statements, denials and court orders (``NOT_ACTS``; a welcome is recorded as a statement) never
corroborate an act: their ``actor`` is the speaker. A link with a caveat never confirms.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from compliance.core.events import NO_CLAIMS, UNAFFILIATED, UNKNOWN, Claims, Event
from compliance.core.parties import PartyRegistry
from compliance.core.timeframe import may_precede
from compliance.core.vocabulary import Effect, Grade, Trust
from compliance.evaluation import incident_scans as scans
from compliance.evaluation.trust import SourceClass, Stakes, classify

if TYPE_CHECKING:
    from compliance.evaluation.incident_index import IncidentIndex


class Grading(NamedTuple):
    """A grade, its reason, the corroborating account if any, and the denial that ends a confirmation.

    ``corroboration`` set: unconfirmed until that account appears, confirmed from it on.
    ``denial`` set: confirmed *until* that account appears (a stakeholder's attribution under the
    standard policy), unconfirmed from it on. Both set (a stakeholder's account under the standard
    policy, denied and later corroborated): confirmed until the denial, unconfirmed from it until
    the corroboration, confirmed from then on. The facts file the account accordingly.
    """

    grade: Grade
    reason: str
    corroboration: Event | None = None
    denial: Event | None = None


def grade_account(
    event: Event,
    effect: Effect,
    basis: str,
    bearers: tuple[str, ...],
    stakes: Stakes,
    parties: PartyRegistry,
    same_incident: Sequence[Event] = (),
    trust: Trust = Trust.STANDARD,
    caveat: str = "",
    tz: tzinfo = UTC,
    claims: Claims = NO_CLAIMS,
) -> Grading:
    """Grade one account under one trust policy.

    ``same_incident`` must hold only the other accounts visible at the cut-off; ``claims`` are the
    obligation's links. A ``caveat`` (from the link) makes a confirmed grade *alleged* and leads the
    reason. A denial among them answers the account only if its act can have happened before the
    denial (:func:`answerable`).
    """
    others = answerable(event, same_incident, tz)
    return _under(_grade(event, effect, basis, bearers, stakes, parties, others, claims), trust, caveat)


def answerable(event: Event, same_incident: Sequence[Event], tz: tzinfo) -> list[Event]:
    """The other accounts of the incident, less the denials given wholly before the account's act
    can have happened (``timeframe.may_precede``, read in ``tz``, the agreement's zone).

    A denial answers the claims made before it: Armenia's Prime Minister denying on 4 Aug 2022
    that any plan for a new Lachin corridor route had been agreed (E050) does not deny an account
    of 14 Sep 2022, such as Russia's of the sides' common understanding (N031), coded as fulfilling
    the plan. The
    act's date is compared, not the account's report date: a denial answers the act ("our forces
    did not fire"), and an account of an earlier act published after the denial still describes
    what it denied.
    """
    return [o for o in same_incident if o.kind != "denial" or may_precede(event.when, o.when, tz)]


def grade_account_in(
    event: Event,
    effect: Effect,
    basis: str,
    bearers: tuple[str, ...],
    stakes: Stakes,
    parties: PartyRegistry,
    incident: IncidentIndex,
    trust: Trust = Trust.STANDARD,
    caveat: str = "",
) -> Grading:
    """:func:`grade_account`, the other accounts visible at the cut-off read through their
    :class:`IncidentIndex` (built once for the incident and the obligation; the account itself may
    be among them): an incident of n accounts, each listed, cost n² through the scans."""
    graded = _by_source(event, effect, basis, bearers, stakes, parties)
    return _under(
        incident.read(event, effect, graded.source, graded.who) if isinstance(graded, Pending) else graded,
        trust,
        caveat,
    )


def _under(graded: Grading | Stakeholder, trust: Trust, caveat: str) -> Grading:
    """The grade under ``trust`` (a stakeholder's depends on it), with the link's caveat."""
    return _with_caveat(graded.under(trust) if isinstance(graded, Stakeholder) else graded, caveat)


class Pending(NamedTuple):
    """A grade that waits for the other accounts of the incident (rules 5 and 6): a side's
    allegation against its opponent, or a stakeholder's account."""

    source: SourceClass
    who: str
    effect: Effect
    caveat: str = ""

    def given(
        self, event: Event, bearers: tuple[str, ...], parties: PartyRegistry, same_incident: Sequence[Event]
    ) -> Grading | tuple[Grading, ...]:
        """The grade under every policy, read with ``same_incident``, every one of which may corroborate."""
        return self.finish(_corroborated(event, self.source, self.who, bearers, parties, same_incident))

    def given_index(
        self, event: Event, index: IncidentIndex, start: datetime | None = None
    ) -> Grading | tuple[Grading, ...]:
        """:meth:`given`, the incident read through its :class:`IncidentIndex` for the obligation
        (``start``: the account's, if known: ``IncidentSides.answer``)."""
        return self.finish(index.read(event, self.effect, self.source, self.who, start))

    def finish(self, graded: Grading | Stakeholder) -> Grading | tuple[Grading, ...]:
        """The grade under every policy once the incident has been read (``graded``), with the caveat."""
        return _every_policy(graded, self.caveat)


def _every_policy(graded: Grading | Stakeholder, caveat: str) -> Grading | tuple[Grading, ...]:
    """One grade if every policy gives it, else one per policy (a stakeholder's), with the caveat."""
    if isinstance(graded, Stakeholder):
        return tuple(_with_caveat(graded.under(trust), caveat) for trust in _POLICIES)
    return _with_caveat(graded, caveat)


def grade_by_source(
    event: Event,
    effect: Effect,
    basis: str,
    bearers: tuple[str, ...],
    stakes: Stakes,
    parties: PartyRegistry,
    caveat: str = "",
) -> Grading | tuple[Grading, ...] | Pending:
    """The grade as far as the account's source decides it, under every policy, or what waits
    for the incident (:class:`Pending`).

    It reads only the account's kind, actor and reporter party, so accounts alike in these share
    it: a million accounts have a few hundred, whether or not they are alone in their incident.
    """
    graded = _by_source(event, effect, basis, bearers, stakes, parties)
    if isinstance(graded, Pending):
        return graded._replace(caveat=caveat)
    return _every_policy(graded, caveat)


def _with_caveat(graded: Grading, caveat: str) -> Grading:
    if not caveat:
        return graded
    grade = _ALLEGED if graded.grade is _CONFIRMED else graded.grade
    return Grading(grade, f"{caveat}: cannot confirm on its own ({graded.reason})")


class Stakeholder(NamedTuple):
    """A stakeholder's account, whose grade the trust policy decides (rule 6).

    A corroboration confirms it under every policy, but only from when the corroborating account
    exists: before that the account stands as the policy leaves a stakeholder's word alone, or a
    later account would change a status decided earlier (the no-look-ahead law). So under
    ``broad`` it is confirmed from its start; under ``standard`` too, unless the bearer's side
    denied it before the corroboration came (then contested in between); under ``strict`` it is
    alleged until the corroboration.
    """

    who: str
    denial: Event | None
    how: str
    corroboration: Event | None = None
    answerable: bool = True  # False for a relevant account (rule 8): no denial was looked for

    def under(self, trust: Trust) -> Grading:
        who, denial, how, corroboration = self.who, self.denial, self.how, self.corroboration
        if corroboration is not None:
            reason = f"reported by {who}; corroborated by {corroboration.id}"
            if trust is _BROAD or (trust is _STANDARD and denial is None):
                return Grading(_CONFIRMED, reason)
            if trust is _STANDARD:  # confirmed until the denial, again from the corroboration
                return Grading(_CONFIRMED, reason, corroboration, denial)
            return Grading(_CONFIRMED, reason, corroboration)
        if trust is _BROAD:
            note = f"; {how}, counted under the broad policy" if denial is not None else ""
            return Grading(_CONFIRMED, f"reported by {who}{note}")
        if denial is not None:
            return Grading(
                _CONTESTED,
                f"reported by {who}; {how}",
                None,
                denial if trust is _STANDARD else None,
            )
        if trust is _STANDARD:
            return Grading(_CONFIRMED, f"reported by {who}{'; not denied' if self.answerable else ''}")
        return Grading(
            _ALLEGED,
            f"reported by {who} only; the strict policy needs the bearer's side or an independent source",
        )


def _grade(
    event: Event,
    effect: Effect,
    basis: str,
    bearers: tuple[str, ...],
    stakes: Stakes,
    parties: PartyRegistry,
    same_incident: Sequence[Event],
    claims: Claims,
) -> Grading | Stakeholder:
    graded = _by_source(event, effect, basis, bearers, stakes, parties)
    if isinstance(graded, Pending):
        # Rule 5: an account recording another effect on the obligation confirms the act, not the claim.
        acts = [o for o in same_incident if claims.get(o.id, effect) is effect]
        return _corroborated(event, graded.source, graded.who, bearers, parties, same_incident, acts)
    return graded


def _by_source(
    event: Event,
    effect: Effect,
    basis: str,
    bearers: tuple[str, ...],
    stakes: Stakes,
    parties: PartyRegistry,
) -> Grading | Stakeholder | Pending:
    """Rules 1-4, 7 and 8, which the source decides; rules 5 and 6 wait for the incident."""
    unnamed = effect is Effect.BREACHES and event.actor is None
    if unnamed and len(bearers) > 1:
        return Grading(Grade.CONTESTED, "the source does not say which bearer acted")
    reporter = event.reporter_party
    source, who = classify(reporter, bearers, stakes, parties, event.when.first_day)
    if unnamed and basis != "explicit" and source is not SourceClass.OPPOSING_SIDE:
        return Grading(Grade.CONTESTED, "the source does not say who acted")
    if source is SourceClass.INDEPENDENT:
        return Grading(Grade.CONFIRMED, who if reporter == UNAFFILIATED else f"reported by {who}")
    if source is SourceClass.UNKNOWN:
        return Grading(Grade.ALLEGED, "the reporter's affiliation is unknown")
    if source is SourceClass.OWN_SIDE:
        # "reported by", not "admission by": a side reporting its own act may present it as
        # lawful (a response, a counter-terrorist operation); the report grades, it does not convict.
        return Grading(Grade.CONFIRMED, f"reported by {who}")
    if effect is Effect.RELEVANT:
        return _relevant(source, who)
    if source is SourceClass.OPPOSING_SIDE and effect in (Effect.FULFILS, Effect.PROGRESS):
        if any(map(parties.is_side, bearers)):
            # No motive is imputed: the reporter is often the side that gains by the act (Azerbaijan
            # reporting that it received Aghdam); the grade rests on the other side acknowledging it.
            return Grading(Grade.CONFIRMED, f"acknowledged by {reporter}, the other side")
        # The bearer is on neither side (Russia): a side reporting that it did its duty
        # acknowledges no opponent's act, but has a stake in the finding, as a stakeholder has.
        return Pending(SourceClass.STAKEHOLDER, who, effect)
    return Pending(source, who, effect)


def _relevant(source: SourceClass, who: str) -> Grading | Stakeholder:
    """Rule 8: a side's or a stakeholder's relevant account, graded by its source alone.

    The incident is read to test a claim of who did the act a fulfilment, progress or breach
    turns on (rules 5 and 6). A relevant account claims neither fulfilment nor breach: another
    account naming another actor contradicts nothing it says of the obligation, and as no account
    can weaken it, none strengthens it either. Only its source is weighed, in words that accuse
    nobody. A side's word on a duty not its own confirms under no policy unless it acknowledges
    the opponent's fulfilment or progress (rule 4), which an account claiming nothing cannot do; a stakeholder's is
    taken as each policy takes a stakeholder's word that nobody answers.
    """
    if source is SourceClass.OPPOSING_SIDE:
        return Grading(Grade.ALLEGED, f"reported by {who}, not the bearer's own")
    return Stakeholder(who, None, "", answerable=False)


def _corroborated(
    event: Event,
    source: SourceClass,
    who: str,
    bearers: tuple[str, ...],
    parties: PartyRegistry,
    same_incident: Sequence[Event],
    acts: Sequence[Event] | None = None,
) -> Grading | Stakeholder:
    """Rules 5 and 6: an opposing side's allegation or a stakeholder's account, read with its incident
    (``acts``: those of its accounts that may corroborate it, if not all)."""
    corroboration = scans.corroboration(event, bearers, parties, same_incident if acts is None else acts)
    if source is SourceClass.OPPOSING_SIDE:
        contest = (
            None
            if corroboration is not None
            else scans.contest(event.kind, bearers, parties, same_incident, event.reporter_party)
        )
        return read_with(event, source, who, corroboration, contest)
    return read_with(
        event, source, who, corroboration, scans.denial(event.kind, bearers, parties, same_incident)
    )


def read_with(
    event: Event, source: SourceClass, who: str, corroboration: Event | None, answer: Event | None
) -> Grading | Stakeholder:
    """Rules 5 and 6 once the incident has been read: its corroborating account, and the account
    that contests an opposing side's allegation (:func:`incident_scans.contest`) or denies a stakeholder's
    account (:func:`incident_scans.denial`)."""
    reporter = event.reporter_party
    if source is _OPPOSING:
        if corroboration is not None:
            reason = f"alleged by {reporter}, corroborated by {corroboration.id}"
            return Grading(_CONFIRMED, reason, corroboration)
        if answer is not None and answer.kind == "denial":
            return Grading(_CONTESTED, f"alleged by {reporter}, denied in {answer.id}")
        # Each part says whose account it is about: this one's reporter (and that it names no
        # actor, when it does not), then the other account, by its reporter. "alleged by ARM; E054
        # names ARM as actor; ...; the source does not say who acted" read as if one account both
        # named an actor and did not.
        unnamed = f", {UNNAMED}" if event.actor is None else ""
        if answer is not None:
            return Grading(
                _CONTESTED,
                f"alleged by {reporter}{unnamed}; {account_of(answer)} names {answer.actor} as actor",
            )
        return Grading(_ALLEGED, f"alleged by {reporter} only{unnamed}")
    # A stakeholder: the trust policy decides, until a corroboration exists (see Stakeholder).
    return Stakeholder(who, answer, _how_denied(answer), corroboration)


def _how_denied(denial: Event | None) -> str:
    """How a stakeholder's account was answered, as :func:`incident_scans.denial` words it."""
    if denial is None:
        return ""
    if denial.kind == "denial":
        return f"denied in {denial.id}"
    return f"{account_of(denial)} names {denial.actor} as actor"


UNNAMED = "whose account names no actor"
"""Said of an allegation whose own account names no actor; it says what the link's note "the
source does not say who acted" says, so the evidence line does not repeat it (``listing.unsaid``)."""


def account_of(other: Event) -> str:
    """Another account of the incident, named by its reporter's side and its id ("AZE's account
    E054"), so that a reason citing it is not read as speaking of the account it grades."""
    if other.reporter_party == UNAFFILIATED:
        return f"the unaffiliated account {other.id}"
    if other.reporter_party == UNKNOWN:
        return f"the account {other.id}, of unknown affiliation"
    return f"{other.reporter_party}'s account {other.id}"


# Members read once, for what runs per link: in Python 3.11 an enum's class defines ``__getattr__``,
# so reading ``Trust.BROAD`` from it takes the slow path of attribute look-up (about 70 ns, against
# a few for a module's constant), and iterating ``Trust`` runs a generator in Python (about 1.6 µs
# more than a tuple). A stakeholder's account, graded per policy, read several per link.
_POLICIES = tuple(Trust)
_BROAD, _STANDARD = Trust.BROAD, Trust.STANDARD
_CONFIRMED, _CONTESTED, _ALLEGED = Grade.CONFIRMED, Grade.CONTESTED, Grade.ALLEGED
_OPPOSING = SourceClass.OPPOSING_SIDE
