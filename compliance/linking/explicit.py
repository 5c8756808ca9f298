"""Explicit links: what whoever coded an account wrote about which agreement it bears on.

Kept apart from the rule-made links of ``linking.index``: an explicit reference is followed as
written (article-level references reach the article's obligations borne by the actor), and only
the time tests apply: a text cannot be kept or broken before it exists, nor an obligation after
the day the texts say it ended (then only a ``relevant`` link is made: the account may be the
evidence of the end, and whoever coded it read it).

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
from compliance.core.model import Agreement
from compliance.core.places import Placement
from compliance.core.problems import Severity
from compliance.core.vocabulary import Effect
from compliance.linking.scope import after_end, place_verdict

if TYPE_CHECKING:
    from compliance.linking.index import LinkIndex

Remark = tuple[str, Severity]
"""A problem with an account's ``links`` field: the message and its severity (an error rejects it)."""
Reached = list[tuple[ExplicitLink, Link]]


def explicit_links(event: Event, index: LinkIndex) -> tuple[list[Link], list[Remark]]:
    """Links written in the event file, one per obligation, and the problems with them.

    Those to a text adopted after the account are refused with a warning, and so are those that
    claim more than relevance for an obligation ended before the account (:func:`_ended`).
    """
    remarks: list[Remark] = []
    named: dict[str, Reached] = {}  # obligation -> the references naming it
    spread: dict[str, Reached] = {}  # obligation -> the article-level references reaching it
    for ref in event.links:
        agreement = index.by_id.get(ref.agreement)
        if agreement is None or check_reference(ref, index) is not None:
            continue
        if event.when.days_in(agreement.tz)[1] < agreement.date:
            message = f"link {ref} is not made: the account is dated before {ref.agreement} was adopted ({agreement.date})"
            remarks.append((message, Severity.WARNING))
            continue
        if ref.obligation is not None:
            ended = _ended(ref, ref.obligation, event, index, agreement)
            if ended is not None:
                remarks.append(ended)
                continue
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
            ended = _ended(ref, link.obligation, event, index, agreement)
            if ended is not None:
                remarks.append(ended)
                continue
            spread.setdefault(link.obligation, []).append((ref, link))
    links: list[Link] = []
    # By obligation id: the order of the references does not matter.
    for ob_id in sorted(named.keys() | spread.keys()):
        one, found = _one_link(ob_id, named.get(ob_id, []), spread.get(ob_id, []))
        remarks += found
        if one is not None:
            links.append(one)
    return links, remarks


def check_reference(ref: ExplicitLink, index: LinkIndex) -> str | None:
    """Why an explicit link cannot be followed (an error that rejects the account), or ``None``."""
    agreement = index.by_id.get(ref.agreement)
    if agreement is None:
        known = ", ".join(a.id for a in index.agreements)
        return f"link to unknown agreement {ref.agreement!r} (loaded: {known})"
    if agreement.article(ref.article) is None:
        return f"link to unknown article {ref.article!r} of {ref.agreement}"
    if ref.obligation is not None:
        found = index.obligations.get(ref.obligation)
        if found is None or found[0].id != agreement.id:
            return f"link to unknown obligation {ref.obligation!r} of {ref.agreement}"
        if found[1].article != ref.article:
            return f"obligation {ref.obligation} belongs to article {found[1].article}, not {ref.article}"
    return None


def _ended(
    ref: ExplicitLink, ob_id: str, event: Event, index: LinkIndex, agreement: Agreement
) -> Remark | None:
    """The warning that refuses a reference to an obligation ended before the account, unless it
    says ``relevant``: after its end an obligation is neither kept nor broken, so a claim that
    the account fulfils, breaches or advances it is refused as one dated before the text is. A
    ``relevant`` link is made: the account of the end itself may be dated on or after it (the
    withdrawal completed, reported the next day), and whoever coded it read it."""
    ending = index.endings.get(ob_id)
    if ref.effect is Effect.RELEVANT or ending is None or not after_end(event, ending, agreement.tz):
        return None
    message = (
        f"link {ref} is not made to obligation {ob_id}: the account is dated after it ended "
        f"({ending.type.value} on {ending.date}); after its end only a 'relevant' link is made to it"
    )
    return message, Severity.WARNING


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
    _, caveat = place_verdict(event, placement, agreement.scope_of(ob), index.scopes[agreement.id])
    return attrs.evolve(link, caveat=caveat) if caveat and not link.caveat else link
