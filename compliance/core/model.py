"""The agreement side of the domain: what the parties promised, article by article.

Everything here is an immutable value. Cross-record checks (unknown article, duplicate id,
unknown event kind) are done by :func:`compliance.load.checks.check_agreement`, which returns
problems instead of raising, so a malformed file reports all its mistakes at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone

from attrs import field, frozen, validators

from compliance.core.events import article_number_problem
from compliance.core.terms import Term
from compliance.core.timeframe import parse_offset
from compliance.core.vocabulary import (
    ActorRelation,
    DependencyType,
    Effect,
    EndType,
    Kind,
    Modality,
    Nature,
    RelationType,
)

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_slug = validators.matches_re(SLUG)


def _http(_: object, attribute: object, value: str) -> None:
    if value and not value.startswith(("https://", "http://")):
        raise ValueError(f"source addresses must be http(s): {value!r}", attribute)  # names the key


def _article_number(_: object, attribute: object, value: str) -> None:
    why = article_number_problem(value)
    if why is not None:
        raise ValueError(
            f"{value!r} cannot be named by an event's link (AGREEMENT#ARTICLE/OBLIGATION:EFFECT): {why}",
            attribute,
        )


def _not_empty(message: str) -> Callable[[object, object, tuple[object, ...]], None]:
    """A validator refusing an empty list with ``message``, naming the field (``$.obligations[0].bearers``)."""

    def check(_: object, attribute: object, value: tuple[object, ...]) -> None:
        if not value:
            raise ValueError(message, attribute)

    return check


@frozen
class Variant:
    """Another wording of an article (the other side's official English, an early draft)."""

    text: str
    source: str = field(validator=_http)
    label: str = ""


@frozen
class Article:
    """One numbered point of an agreement, quoted verbatim with its source.

    Attributes:
        number: as the agreement numbers it (``"1"`` … ``"9"``, ``"I-1"``, ``"1(a)"``): printable,
            without white space or a link separator (``# / : ; ,``), so that a link can name it.
        title: a short neutral label added by the encoder (not part of the text).
        text: the verbatim text, or an empty string when no text was found.
        source: address of the page the text was taken from.
        text_status: ``verbatim``; ``partial`` (the official page was only partly available);
            ``quoted`` (from a dated quotation of the text); ``not-found``.
        variants: other wordings with their sources.
        note: what the encoder could not find or had to assemble.
    """

    number: str = field(validator=_article_number)
    title: str
    text: str
    source: str = field(validator=_http)
    text_status: str = field(
        default="verbatim", validator=validators.in_({"verbatim", "partial", "quoted", "not-found"})
    )
    variants: tuple[Variant, ...] = ()
    note: str = ""


@frozen
class Role:
    """A body acting for a party: the Russian peacekeeping contingent, the FSB Border Guard Service."""

    party: str
    body: str


@frozen
class Dependency:
    """A timing link to another obligation: ``parallel`` (due when it is done) or ``after``."""

    relation: DependencyType
    obligation: str
    note: str = ""


@frozen
class LinkRule:
    """A documented rule that links events to an obligation without an explicit reference.

    An event matches when its kind is listed, its actor stands in one of ``actors`` to the
    bearers, its other party in one of ``targets`` (``any``, the default: no test; see
    :func:`compliance.linking.rule_tests.other_parties`), its place mentions one of ``places``
    (if any) and it falls in the window.
    """

    name: str = field(validator=_slug)
    kinds: tuple[str, ...] = field(
        validator=_not_empty(
            "empty: a rule with no event kind matches no account; list at least one (docs/event-kinds.md)"
        )
    )
    effect: Effect
    actors: tuple[ActorRelation, ...] = field(
        default=(ActorRelation.BEARER,),
        validator=_not_empty(
            "empty: a rule with no actor relation matches no account; list at least one "
            "(bearer, aligned, opposed, third-party, unknown, any)"
        ),
    )
    targets: tuple[ActorRelation, ...] = field(
        default=(ActorRelation.ANY,),
        validator=_not_empty(
            "empty: a rule with no relation for the other party matches no account; list at least "
            "one (bearer, aligned, opposed, third-party, unknown, any), or leave the key out for no test"
        ),
    )
    places: tuple[str, ...] = ()
    window_start: date | None = None
    window_end: date | None = None


@frozen
class Scope:
    """Where an agreement or one of its duties applies.

    Attributes:
        countries: ISO 3166-1 alpha-2 codes of the states whose territory it concerns.
        areas: gazetteer area ids (``agreements/places.toml``) where it applies.
        disputed_areas: areas where the parties' readings differ on whether it applies; an
            account there links with a caveat and can never confirm a breach or fulfilment.
        disputed: why the scope is disputed, and whose readings differ (attributed).
        note: anything a reader should know about the scope.
    """

    countries: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    disputed_areas: tuple[str, ...] = ()
    disputed: str = ""
    note: str = ""


@frozen
class Obligation:
    """Who owes what to whom, from when, by when: one duty of one article.

    Attributes:
        id: stable id used by links and reports, e.g. ``ts2020-2-aghdam``.
        article: the article number it comes from.
        summary: one neutral line.
        bearers: parties that owe it (several bearers owe it jointly).
        beneficiaries: parties owed.
        implementers / monitors: bodies acting or supervising, not charged with the duty.
        modality: obligation, prohibition or permission.
        kind: achievement, maintenance or punctual.
        in_force: entry into force (a date in the agreement's zone, or an exact instant).
        deadline: "by D", inclusive of D in the agreement's zone.
        deadline_note: where a deadline is derived rather than stated, say so.
        term: fixed term and renewal, if any.
        depends_on: timing links to other obligations.
        rules: link rules.
        not_formalised: non-empty when the clause cannot be checked mechanically, with why.
        scope: where this duty applies, when narrower than (or different from) the agreement's.
        note: anything a reader of the report should know.
    """

    id: str = field(validator=_slug)
    article: str
    summary: str
    bearers: tuple[str, ...] = field(
        validator=_not_empty("empty: an obligation needs at least one party that owes it")
    )
    modality: Modality
    kind: Kind
    in_force: date | datetime
    beneficiaries: tuple[str, ...] = ()
    implementers: tuple[Role, ...] = ()
    monitors: tuple[Role, ...] = ()
    deadline: date | None = None
    deadline_note: str = ""
    term: Term | None = None
    depends_on: tuple[Dependency, ...] = ()
    rules: tuple[LinkRule, ...] = ()
    not_formalised: str = ""
    note: str = ""
    scope: Scope | None = None


@frozen
class Amendment:
    """A dated, sourced change of an obligation's deadline, effective from its date."""

    obligation: str
    date: dt.date
    deadline: dt.date
    source: str = field(validator=_http)
    note: str = ""


@frozen
class Ending:
    """A dated, sourced end of obligations: terminated, or superseded by a later instrument.

    ``obligations`` empty means every obligation of the agreement.
    """

    date: dt.date
    type: EndType
    by: str
    source: str = field(validator=_http)
    obligations: tuple[str, ...] = ()
    note: str = ""


@frozen
class Relation:
    """A dated, sourced link from this agreement to an earlier obligation or agreement.

    ``earlier`` is an obligation id or an agreement id; ``later`` an obligation of this
    agreement (empty when the whole agreement relates). ``supersedes`` and ``terminates`` end
    the earlier obligation from ``date``; the others are lineage only.
    """

    type: RelationType
    earlier: str
    date: dt.date
    source: str = field(validator=_http)
    later: str = ""
    note: str = ""


@frozen
class Agreement:
    """An instrument, its articles and the obligations encoded from them.

    Attributes:
        id: ``trilateral-2020``.
        title: the official title.
        short_title: what reports call it.
        date: date of signature or publication.
        nature: treaty, political statement, unilateral proposal, ...
        signatories: party ids.
        mediators: party ids of mediators, guarantors and witnesses who did not sign as parties
            (the EU and France at Prague 2022, the United States at Washington 2025): with the
            signatories, implementers and monitors they are the agreement's *stakeholders*
            when they are not a side of the conflict (docs/obligation-logic.md, "Source classes").
        utc_offset: the zone its dates are read in (``+03:00`` for Moscow time).
        zone_name: how the text names that zone.
        sources: addresses of the text.
        pax_id: PA-X AgtId, where one exists.
        binding: whether the parties are bound; a proposal is tracked as a benchmark only.
        relations: how this instrument bears on earlier ones (lineage, supersession).
        status_note: where the instrument stands (e.g. initialled, not signed).
        scope: where the instrument applies (countries and gazetteer areas).
    """

    id: str = field(validator=_slug)
    title: str
    short_title: str
    date: dt.date
    nature: Nature
    signatories: tuple[str, ...]
    utc_offset: str = field()
    sources: tuple[str, ...]
    articles: tuple[Article, ...]
    obligations: tuple[Obligation, ...]
    zone_name: str = ""
    pax_id: int | None = None
    binding: bool = True
    amendments: tuple[Amendment, ...] = ()
    endings: tuple[Ending, ...] = ()
    relations: tuple[Relation, ...] = ()
    status_note: str = ""
    note: str = ""
    scope: Scope | None = None
    mediators: tuple[str, ...] = ()

    @utc_offset.validator
    def _check_offset(self, attribute: object, value: str) -> None:
        try:
            parse_offset(value)
        except ValueError as exc:  # malformed or out of range: a problem at $.utc_offset, on its line
            raise ValueError(str(exc), attribute) from None

    @property
    def tz(self) -> timezone:
        """The agreement's zone as a fixed offset (parsed once per offset string)."""
        return parse_offset(self.utc_offset)

    def article(self, number: str) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)

    def obligations_of(self, number: str) -> tuple[Obligation, ...]:
        return tuple(o for o in self.obligations if o.article == number)

    def scope_of(self, obligation: Obligation) -> Scope | None:
        """Where one of its duties applies: the duty's own scope replaces the agreement's (it is
        not added to it); ``None`` where neither states one. Linking, the report's rows and the
        renderers read it here, so that they cannot come to read it differently."""
        return obligation.scope if obligation.scope is not None else self.scope

    def amendments_of(self, obligation_id: str) -> tuple[Amendment, ...]:
        """The amendments of one obligation's deadline, in date order: the evaluation reads the
        one in force at its cut-off, the agreements listing shows them all, from the same list."""
        return tuple(
            sorted((a for a in self.amendments if a.obligation == obligation_id), key=lambda a: a.date)
        )


def endings_of(agreements: Sequence[Agreement]) -> dict[str, list[Ending]]:
    """Endings by obligation id: the agreement's own, and those later instruments declare.

    A later agreement's ``supersedes`` or ``terminates`` relation ends the earlier obligation
    (or every obligation of the earlier agreement) from the relation's date.
    """
    found: dict[str, list[Ending]] = {}
    by_agreement = {a.id: a for a in agreements}
    for agreement in agreements:
        for ending in agreement.endings:
            for ob_id in ending.obligations or tuple(o.id for o in agreement.obligations):
                found.setdefault(ob_id, []).append(ending)
        for relation in agreement.relations:
            if relation.type not in (RelationType.SUPERSEDES, RelationType.TERMINATES):
                continue
            end_type = EndType.SUPERSEDED if relation.type is RelationType.SUPERSEDES else EndType.TERMINATED
            by = agreement.id + (f" ({relation.later})" if relation.later else "")
            earlier = by_agreement.get(relation.earlier)
            targets = tuple(o.id for o in earlier.obligations) if earlier else (relation.earlier,)
            for ob_id in targets:
                found.setdefault(ob_id, []).append(
                    Ending(relation.date, end_type, by, relation.source, (ob_id,), relation.note)
                )
    return found


def ending_order(ending: Ending) -> tuple[dt.date, str, str]:
    """How the endings of one obligation are ordered: the first takes effect (by date, then type,
    then what ended it, so that two endings of one day always give the same one)."""
    return (ending.date, ending.type.value, ending.by)


def first_endings(agreements: Sequence[Agreement]) -> dict[str, Ending]:
    """The ending that takes effect for each ended obligation (:func:`ending_order`): the one the
    evaluation's ``ended`` rule reads. Linking reads it with the expiry of a term that does not
    renew (``compliance.linking.scope.linking_endings``)."""
    return {ob_id: min(found, key=ending_order) for ob_id, found in endings_of(agreements).items()}
