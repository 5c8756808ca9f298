"""Linking: which obligations each event bears on, and why.

Two sources of links, both recorded with their basis: explicit references written in the event
file (``explicit``) and the rules declared with each obligation in its agreement file (the rule's
name). Obligations are indexed by event kind, so linking an event is a dictionary look-up.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from attrs import frozen

from compliance.core.events import Event, ExplicitLink, Link
from compliance.core.model import Agreement, LinkRule, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.vocabulary import ActorRelation, Effect

NO_ACTOR_NOTE = "the source does not say who acted"


@frozen
class LinkIndex:
    """Agreements indexed for linking and for checking explicit links."""

    agreements: tuple[Agreement, ...]
    by_kind: dict[str, tuple[tuple[Obligation, LinkRule], ...]]
    obligations: dict[str, tuple[Agreement, Obligation]]
    agreement_ids: frozenset[str]
    narrowed: dict[str, tuple[bool, bool]]
    """Per kind: whether any of its rules names places, whether any has a time window."""

    @classmethod
    def build(cls, agreements: Sequence[Agreement]) -> LinkIndex:
        by_kind: dict[str, list[tuple[Obligation, LinkRule]]] = {}
        obligations: dict[str, tuple[Agreement, Obligation]] = {}
        for agreement in agreements:
            for ob in agreement.obligations:
                obligations.setdefault(ob.id, (agreement, ob))
                for rule in ob.rules:
                    for kind in rule.kinds:
                        by_kind.setdefault(kind, []).append((ob, rule))
        narrowed = {
            kind: (
                any(rule.places for _, rule in pairs),
                any(rule.window_start or rule.window_end for _, rule in pairs),
            )
            for kind, pairs in by_kind.items()
        }
        return cls(
            tuple(agreements),
            {k: tuple(v) for k, v in by_kind.items()},
            obligations,
            frozenset(a.id for a in agreements),
            narrowed,
        )

    def check(self, link: ExplicitLink) -> str | None:
        """Why an explicit link cannot be followed, or ``None`` when it can."""
        agreement = next((a for a in self.agreements if a.id == link.agreement), None)
        if agreement is None:
            known = ", ".join(a.id for a in self.agreements)
            return f"link to unknown agreement {link.agreement!r} (loaded: {known})"
        if agreement.article(link.article) is None:
            return f"link to unknown article {link.article!r} of {link.agreement}"
        if link.obligation is not None:
            found = self.obligations.get(link.obligation)
            if found is None or found[0].id != agreement.id:
                return f"link to unknown obligation {link.obligation!r} of {link.agreement}"
            if found[1].article != link.article:
                return (
                    f"obligation {link.obligation} belongs to article {found[1].article}, not {link.article}"
                )
        return None


RuleMemo = dict[tuple[object, ...], tuple[tuple[str, Effect, str, str], ...]]
"""Rule-made links by event signature, for one (index, parties) pair: owned by whoever links a batch."""


def link_event(
    event: Event, index: LinkIndex, parties: PartyRegistry, memo: RuleMemo | None = None
) -> list[Link]:
    """All links of one event: its explicit references, and rule-made links to other agreements.

    Explicit references win within the agreements they name: whoever coded them read the account
    and said what it claims about that agreement, which a rule matching on kind and actor cannot
    second-guess. The rules still link the event to obligations of agreements it does not name
    (a clash coded against the 2020 statement also bears on a later non-use-of-force clause).

    ``memo`` remembers rule-made links by signature across the events of one batch; it must only
    be shared between calls with the same ``index`` and ``parties``.
    """
    links = list(_explicit(event, index))
    named = {ref.agreement for ref in event.links if ref.agreement in index.agreement_ids}
    # Rule-made links depend only on this signature: a million rows have a few thousand.
    when = event.when
    placed, windowed = index.narrowed.get(event.kind, (False, False))
    key = (
        event.kind,
        event.actor,
        event.involved,
        (event.location, event.admin1) if placed else None,
        (when.first_day, when.last_day) if windowed else None,
    )
    found = None if memo is None else memo.get(key)
    if found is None:
        found = tuple(_rule_links(event, index, parties))
        if memo is not None:
            memo[key] = found
    links += [
        Link(ob_id, event.id, effect, basis, note)
        for ob_id, effect, basis, note in found
        if not named or index.obligations[ob_id][0].id not in named
    ]
    return links


def _rule_links(
    event: Event, index: LinkIndex, parties: PartyRegistry
) -> Iterator[tuple[str, Effect, str, str]]:
    seen: set[str] = set()
    for ob, rule in index.by_kind.get(event.kind, ()):
        if ob.id in seen or not _matches(event, ob, rule, parties):
            continue
        note = NO_ACTOR_NOTE if event.actor is None and rule.effect is Effect.BREACHES else ""
        seen.add(ob.id)
        yield ob.id, rule.effect, rule.name, note


def _explicit(event: Event, index: LinkIndex) -> Iterator[Link]:
    for ref in event.links:
        agreement = next((a for a in index.agreements if a.id == ref.agreement), None)
        if agreement is None or index.check(ref) is not None:
            continue
        if ref.obligation is not None:
            yield Link(ref.obligation, event.id, ref.effect, "explicit")
            continue
        obligations = agreement.obligations_of(ref.article)
        borne = [ob for ob in obligations if event.actor is not None and event.actor in ob.bearers]
        if borne or ref.effect in (Effect.PROGRESS, Effect.RELEVANT):
            for ob in borne or obligations:
                yield Link(ob.id, event.id, ref.effect, "explicit", "article-level link")
        else:
            for ob in obligations:
                yield Link(
                    ob.id,
                    event.id,
                    Effect.RELEVANT,
                    "explicit",
                    f"article-level '{ref.effect.value}' link; no obligation of the article is borne by the actor",
                )


def _matches(event: Event, ob: Obligation, rule: LinkRule, parties: PartyRegistry) -> bool:
    if event.actor is None and event.involved and not set(event.involved) & set(ob.bearers):
        return False  # an unattributed event only bears on the parties it involves
    if ActorRelation.ANY not in rule.actors and parties.relation(event.actor, ob.bearers) not in rule.actors:
        return False
    if rule.places:
        where = f"{event.location} {event.admin1}".casefold()
        if not any(place.casefold() in where for place in rule.places):
            return False
    # An event overlapping the window may fall in it; the evaluator handles the uncertainty.
    if rule.window_start is not None and event.when.last_day < rule.window_start:
        return False
    return rule.window_end is None or event.when.first_day <= rule.window_end
