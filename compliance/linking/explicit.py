"""Explicit links: what whoever coded an account wrote about which agreement it bears on.

Kept apart from the rule-made links of ``linking.index``: an explicit reference is followed as
written (article-level references reach the article's obligations borne by the actor), and only
the time test applies, since a text cannot be kept or broken before it exists.

An account makes one claim about an obligation: whatever its references, it has at most one
link to each. References that reach one obligation with one effect are one link (a warning names
them); a reference naming the obligation wins over an article-level one that reaches it; two
that name it (or two article-level ones) with different effects contradict each other, an error.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

import attrs

from compliance.core.events import Event, ExplicitLink, Link
from compliance.core.places import Placement
from compliance.core.problems import Severity
from compliance.core.vocabulary import Effect
from compliance.linking.scope import effective_scope, place_verdict

if TYPE_CHECKING:
    from compliance.linking.index import LinkIndex

Remark = tuple[str, Severity]
"""A problem with an account's ``links`` field: the message and its severity (an error rejects it)."""
Reached = list[tuple[ExplicitLink, Link]]


def explicit_links(event: Event, index: LinkIndex) -> tuple[list[Link], list[Remark]]:
    """Links written in the event file, one per obligation, and the problems with them.

    Those to a text adopted after the account are refused with a warning.
    """
    remarks: list[Remark] = []
    named: dict[str, Reached] = {}  # obligation -> the references naming it
    spread: dict[str, Reached] = {}  # obligation -> the article-level references reaching it
    for ref in event.links:
        agreement = index.by_id.get(ref.agreement)
        if agreement is None or index.check(ref) is not None:
            continue
        if event.when.days_in(agreement.tz)[1] < agreement.date:
            message = f"link {ref} is not made: the account is dated before {ref.agreement} was adopted ({agreement.date})"
            remarks.append((message, Severity.WARNING))
            continue
        if ref.obligation is not None:
            named.setdefault(ref.obligation, []).append(
                (ref, Link(ref.obligation, event.id, ref.effect, "explicit"))
            )
            continue
        obligations = agreement.obligations_of(ref.article)
        borne = [ob for ob in obligations if event.actor is not None and event.actor in ob.bearers]
        if borne or ref.effect in (Effect.PROGRESS, Effect.RELEVANT):
            made = [
                Link(ob.id, event.id, ref.effect, "explicit", "article-level link")
                for ob in borne or obligations
            ]
        else:
            note = (
                f"article-level '{ref.effect.value}' link; no obligation of the article is borne by the actor"
            )
            made = [Link(ob.id, event.id, Effect.RELEVANT, "explicit", note) for ob in obligations]
        for link in made:
            spread.setdefault(link.obligation, []).append((ref, link))
    links: list[Link] = []
    # By obligation id: the order of the references does not matter.
    for ob_id in sorted(named.keys() | spread.keys()):
        one, found = _one_link(ob_id, named.get(ob_id, []), spread.get(ob_id, []))
        remarks += found
        if one is not None:
            links.append(one)
    return links, remarks


def _one_link(ob_id: str, named: Reached, spread: Reached) -> tuple[Link | None, list[Remark]]:
    """The one link of an account to an obligation, from the references reaching it."""
    given = named or spread
    effects = sorted({link.effect for _, link in given})
    if len(effects) > 1:
        refs = ", ".join(sorted({str(ref) for ref, _ in given}))
        claims = " and ".join(e.value for e in effects)
        message = f"links {refs} say that the account {claims} obligation {ob_id}: an account makes one claim about an obligation"
        return None, [(message, Severity.ERROR)]
    effect = effects[0]
    remarks: list[Remark] = []
    same = sorted(str(ref) for ref, link in named + spread if link.effect is effect)
    if len(same) > 1:
        message = f"{len(same)} links reach obligation {ob_id} as '{effect.value}' ({', '.join(same)}): one link is made"
        remarks.append((message, Severity.WARNING))
    other = sorted({str(ref) for ref, link in spread if link.effect is not effect}) if named else []
    if other:
        message = f"link {', '.join(other)} is not applied to obligation {ob_id}: the link naming it says '{effect.value}'"
        remarks.append((message, Severity.WARNING))
    return min((link for _, link in given), key=attrgetter("note")), remarks


def with_place_caveat(link: Link, event: Event, index: LinkIndex, placement: Placement) -> Link:
    """An explicit link to an obligation whose stated area is disputed, for an account placed in
    that disputed area, carries the caveat a rule-made link there carries. The link is made as
    written (whoever coded it read the account), but whether the text covers the place is
    disputed: a border clash linked by hand to point 1 of 2020 is read as a rule-made one is.
    (Another account of its incident placed there gives it the caveat too, once every account is
    linked: ``incidents.with_incident_caveats``.)"""
    agreement, ob = index.obligations[link.obligation]
    _, caveat = place_verdict(event, placement, effective_scope(agreement, ob), index.scopes[agreement.id])
    return attrs.evolve(link, caveat=caveat) if caveat and not link.caveat else link
