"""Whose word counts: the class of an account's reporter relative to one obligation, and the policies.

The same reporter stands differently to different duties: Russia's Ministry of Defence is the
bearer's own side for Russia's duty to deploy, and a *stakeholder* (a signatory) of the 2020
statement when it reports a breach by Armenia or Azerbaijan. Whether a stakeholder's word alone
confirms a breach the bearer's side denies is a choice, not a fact; the trust policy makes the
choice explicit (docs/obligation-logic.md, "Trust policies" and "Source classes").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum

from attrs import field, frozen

from compliance.core.events import UNAFFILIATED, UNKNOWN
from compliance.core.frozendict import FrozenDict, frozen_dict
from compliance.core.model import Agreement
from compliance.core.parties import PartyRegistry
from compliance.core.vocabulary import ActorRelation


class SourceClass(StrEnum):
    """How a reporter stands to one obligation (docs/obligation-logic.md, "Source classes")."""

    OWN_SIDE = "own-side"
    OPPOSING_SIDE = "opposing-side"
    STAKEHOLDER = "stakeholder"
    INDEPENDENT = "independent"
    UNKNOWN = "unknown"


@frozen
class Stakes:
    """Who has a role in one agreement without being a side of the conflict, and which role.

    Built once per agreement: ``roles`` maps a party id to its first role among signatory,
    mediator, implementer, monitor and bearer (in that order). ``process`` holds the parties with
    such a role in another loaded agreement that shares a signatory with this one (the same peace
    process): Russia signed the 2020 statement and commanded the peacekeepers, so its Ministry of
    Defence is not an independent voice on a 2022 text between the same sides, though it has no
    role in that text. Each process role holds from the date of the text that gives it: an account
    given before that date is read without it (the EU's account of December 2021 is not that of
    the mediator of the Prague statement of October 2022), so that a report as of a date reads no
    text of a later date, and so that a history replays the statuses a report gives at each date.
    """

    agreement: str
    roles: Mapping[str, str] = field(converter=frozen_dict)
    process: Mapping[str, tuple[date, str]] = field(  # party -> (since, role)
        factory=FrozenDict, converter=frozen_dict
    )

    def process_role(self, party: str, on: date | None) -> str | None:
        """The party's role in the process for an account first possible on ``on`` (``None``: any date)."""
        found = self.process.get(party)
        if found is None or (on is not None and on < found[0]):
            return None
        return found[1]

    @classmethod
    def of(cls, agreement: Agreement, others: Sequence[Agreement] = ()) -> Stakes:
        process: dict[str, tuple[date, str]] = {}
        for other in sorted(others, key=lambda a: (a.date, a.id)):
            if other.id == agreement.id or not set(other.signatories) & set(agreement.signatories):
                continue
            for party, role in _roles(other).items():  # the earliest text gives the role
                process.setdefault(party, (other.date, f"{role} of {other.id}"))
        return cls(agreement.id, _roles(agreement), process)


def _roles(agreement: Agreement) -> dict[str, str]:
    roles: dict[str, str] = {}
    for party in agreement.signatories:
        roles.setdefault(party, "signatory")
    for party in agreement.mediators:
        roles.setdefault(party, "mediator")
    for ob in agreement.obligations:
        for role in ob.implementers:
            roles.setdefault(role.party, "implementer")
    for ob in agreement.obligations:
        for role in ob.monitors:
            roles.setdefault(role.party, "monitor")
    for ob in agreement.obligations:
        for party in ob.bearers:
            roles.setdefault(party, "bearer")
    return roles


def classify(
    reporter: str,
    bearers: tuple[str, ...],
    stakes: Stakes,
    parties: PartyRegistry,
    on: date | None = None,
) -> tuple[SourceClass, str]:
    """The reporter's class for an obligation of these bearers, and the words a reason uses for it.

    In order: unaffiliated (``none``) is independent; ``unknown`` is unknown; the bearer or a party
    on the bearer's side is own-side; any other side of the conflict is opposing-side (it has a
    stake in the finding even when the bearer is on neither side, as Russia is); a party with a
    role in the agreement, or in another loaded agreement of the same process dated no later
    than ``on`` (the account's first possible day), is a stakeholder; any other party of the
    registry is independent. A party the registry does not give is unknown: a misspelt id is no
    evidence of a neutral voice (the loaders reject one; an event built in code may still hold one).
    """
    if reporter == UNAFFILIATED:
        return SourceClass.INDEPENDENT, "source not affiliated with any party"
    if reporter == UNKNOWN:
        return SourceClass.UNKNOWN, "a reporter whose affiliation is unknown"
    relation = parties.relation(reporter, bearers)
    if relation in (ActorRelation.BEARER, ActorRelation.ALIGNED):
        return SourceClass.OWN_SIDE, f"the bearer's side ({reporter})"
    if parties.is_side(reporter):
        return SourceClass.OPPOSING_SIDE, f"{reporter}, a side of the conflict"
    role = stakes.roles.get(reporter)
    if role is not None:
        return SourceClass.STAKEHOLDER, f"{reporter}, a stakeholder ({role}) of {stakes.agreement}"
    role = stakes.process_role(reporter, on)
    if role is not None:
        return SourceClass.STAKEHOLDER, f"{reporter}, a stakeholder of the same process ({role})"
    if parties.get(reporter) is None:
        return SourceClass.UNKNOWN, f"{reporter}, a party the registry in use does not give"
    return (
        SourceClass.INDEPENDENT,
        f"{reporter}, with no role in {stakes.agreement} or its process, not a side",
    )
