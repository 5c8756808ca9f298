"""The agreements listing: which agreements, articles and obligations are loaded, and what went wrong.

A view like the others, so that the command line only parses, asks for it and renders it. The
view also works out when duties come into force as the listing names it (the instant read in the
agreement's zone, and whether all of an agreement's obligations share one), so that the
renderer only formats what it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

from compliance.core.model import Agreement, Obligation
from compliance.core.problems import Problem
from compliance.linking.ledger import load_agreements, load_registries
from compliance.load.places import load_gazetteer


@frozen
class EntryIntoForce:
    """An entry into force as the listing names it, read in the agreement's zone.

    Attributes:
        day: the day, in the agreement's zone.
        hour: the wall-clock time there, where the text sets an instant (``None`` for a day):
            a ceasefire from 00:00 Moscow time did not read like one from some time that day.
        zone_name: how the text names the zone (``""`` where it does not, or for a day).
        utc_offset: the agreement's offset (``+03:00``), with an hour only.
    """

    day: dt.date
    hour: dt.time | None = None
    zone_name: str = ""
    utc_offset: str = ""


def entry_into_force(agreement: Agreement, in_force: dt.date | dt.datetime) -> EntryIntoForce | None:
    """An instant in the agreement's zone, a day other than the agreement's as it is, and nothing
    (``None``) where it is simply the agreement's day, which the listing already gives."""
    if not isinstance(in_force, dt.datetime):
        return None if in_force == agreement.date else EntryIntoForce(in_force)
    local = in_force.astimezone(agreement.tz)
    return EntryIntoForce(local.date(), local.time(), agreement.zone_name, agreement.utc_offset)


@frozen
class ListedAgreement:
    """One agreement with the entries into force its listing gives.

    Attributes:
        agreement: the agreement as loaded.
        shared: whether all its obligations come into force at once (then the agreement's line
            gives that entry, and no obligation's line repeats it).
        entry: the shared entry into force, where there is one worth naming (``None`` otherwise).
    """

    agreement: Agreement
    shared: bool
    entry: EntryIntoForce | None

    @classmethod
    def of(cls, agreement: Agreement) -> ListedAgreement:
        """The agreement, with the entry into force its obligations share, if they share one."""
        entries = {ob.in_force for ob in agreement.obligations}
        if len(entries) != 1:
            return cls(agreement, shared=False, entry=None)
        return cls(agreement, shared=True, entry=entry_into_force(agreement, entries.pop()))

    def own_entry(self, ob: Obligation) -> EntryIntoForce | None:
        """The obligation's own entry into force; ``None`` where it is shared (on the agreement's line)."""
        return None if self.shared else entry_into_force(self.agreement, ob.in_force)


@frozen
class AgreementListing:
    """The loaded agreements (bundled, or from the given files) and the problems met loading them."""

    agreements: tuple[Agreement, ...]
    problems: tuple[Problem, ...]

    @classmethod
    def load(
        cls,
        agreement_files: Sequence[Path] | None = None,
        parties_path: Path | None = None,
        reporters_path: Path | None = None,
        gazetteer_path: Path | None = None,
    ) -> AgreementListing:
        """The listing, with scopes checked against the gazetteer at ``gazetteer_path`` (default: the bundled one)."""
        parties, _, problems = load_registries(parties_path, reporters_path)
        agreements, more = load_agreements(agreement_files, parties, load_gazetteer(gazetteer_path))
        return cls(tuple(agreements), tuple(problems + more))

    @property
    def listed(self) -> tuple[ListedAgreement, ...]:
        """Each agreement with its entries into force, in the listing's order."""
        return tuple(ListedAgreement.of(a) for a in self.agreements)
