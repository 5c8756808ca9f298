"""Explicit links: what whoever coded an account wrote about which agreement it bears on.

Kept apart from the rule-made links of ``linking.index``: an explicit reference is followed as
written (article-level references reach the article's obligations borne by the actor), and only
the time test applies, since a text cannot be kept or broken before it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compliance.core.events import Event, ExplicitLink, Link
from compliance.core.vocabulary import Effect

if TYPE_CHECKING:
    from compliance.linking.index import LinkIndex


def explicit_links(event: Event, index: LinkIndex) -> tuple[list[Link], list[ExplicitLink]]:
    """Links written in the event file; those to a text adopted after the account are refused."""
    links: list[Link] = []
    premature: list[ExplicitLink] = []
    for ref in event.links:
        agreement = index.by_id.get(ref.agreement)
        if agreement is None or index.check(ref) is not None:
            continue
        if event.when.days_in(agreement.tz)[1] < agreement.date:
            premature.append(ref)
            continue
        if ref.obligation is not None:
            links.append(Link(ref.obligation, event.id, ref.effect, "explicit"))
            continue
        obligations = agreement.obligations_of(ref.article)
        borne = [ob for ob in obligations if event.actor is not None and event.actor in ob.bearers]
        if borne or ref.effect in (Effect.PROGRESS, Effect.RELEVANT):
            links += [
                Link(ob.id, event.id, ref.effect, "explicit", "article-level link")
                for ob in borne or obligations
            ]
        else:
            note = (
                f"article-level '{ref.effect.value}' link; no obligation of the article is borne by the actor"
            )
            links += [Link(ob.id, event.id, Effect.RELEVANT, "explicit", note) for ob in obligations]
    return links, premature
