"""Every bundled duty that no link rule can settle says so, and names the accounts that do.

A maintenance duty no rule can breach, or an achievement no rule can fulfil, is either a rule
left out or a duty that only a reader of the account can settle (no event kind says that all
links in the region are unblocked, or that a departure of the contingent breached its term).
`compliance check` warns of the first and is silenced by a note that declares the second
(docs/checking-an-encoding.md, "What the static checks catch"). The bundled agreements declare
each such duty, so the check of the bundled files is clean; and a reader of the report sees, in
the note, which accounts settle the duty.
"""

from __future__ import annotations

import re

import agreements as bundled
from compliance.core.model import Obligation
from compliance.core.vocabulary import Effect, Kind, Modality
from compliance.testing import static_problems
from tests.test_bundled_data import LEDGER

GAZETTEER = bundled.HERE / "places.toml"
ROUTE = "explicit link"


def _settling_effect(ob: Obligation) -> Effect:
    return Effect.BREACHES if ob.kind is Kind.MAINTENANCE else Effect.FULFILS


def _declared(ob: Obligation) -> bool:
    """A duty with no rule of the effect that settles it, whose note says explicit links do."""
    if ob.not_formalised or ob.modality is Modality.PERMISSION or ROUTE not in ob.note.casefold():
        return False
    return _settling_effect(ob) not in {rule.effect for rule in ob.rules}


def test_bundled_encoding__the_static_checks_find_nothing() -> None:
    """The static checks of `compliance check` (with the bundled gazetteer, as the command uses
    for the bundled files) give no warning for any bundled agreement: before, 26 duties in seven
    agreements had no rule that could settle them and no note saying that was meant (nine of
    them in the 2020 statement, among them the exchange of prisoners of point 8)."""
    problems = static_problems(LEDGER.agreements, LEDGER.agreements, GAZETTEER)
    assert [f"{p.field}: {p.message}" for p in problems] == []


def test_bundled_encoding__the_2020_statement_declares_its_nine_duties_settled_by_explicit_links() -> None:
    """Each of the nine duties of the 2020 statement that no rule settles says so in its note."""
    [statement] = [a for a in LEDGER.agreements if a.id == "trilateral-2020"]
    declared = {ob.id for ob in statement.obligations if _declared(ob)}
    assert {
        "ts2020-4-term-rus",
        "ts2020-6-corridor-control-rus",
        "ts2020-6-redeploy-rus",
        "ts2020-7-return",
        "ts2020-8-exchange-aze",
        "ts2020-8-exchange-arm",
        "ts2020-9-unblock-aze",
        "ts2020-9-unblock-arm",
        "ts2020-9-fsb-control-rus",
    } <= declared


def test_bundled_encoding__a_duty_settled_only_by_explicit_links_names_the_accounts_that_settle_it() -> None:
    """Where only explicit links can fulfil (or breach) a duty, its note names every bundled
    account linked explicitly with that effect: the Minsk Process's closure (L019) was the one
    fulfilment its note left out."""
    unnamed = {}
    for agreement in LEDGER.agreements:
        for ob in agreement.obligations:
            if not _declared(ob):
                continue
            effect = _settling_effect(ob)
            accounts = sorted(
                link.event
                for link in LEDGER.links
                if link.obligation == ob.id and link.basis == "explicit" and link.effect is effect
            )
            missing = [event for event in accounts if not re.search(rf"\b{re.escape(event)}\b", ob.note)]
            if missing:
                unnamed[ob.id] = missing
    assert unnamed == {}
