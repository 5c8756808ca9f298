"""Cross-record checks of agreement files: plain functions returning problems (Beancount-style).

Structure is checked by the converter; these checks need the whole set of agreements and the
party registry: duplicate ids, references to unknown articles, obligations, parties, kinds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime

from compliance.core.model import Agreement, Obligation
from compliance.core.parties import PartyRegistry
from compliance.core.problems import Problem, Severity, in_order
from compliance.core.terms import Term
from compliance.core.timeframe import FIRST_YEAR, LAST_YEAR, year_problem
from compliance.core.vocabulary import EVENT_KIND_SET
from compliance.load.agreement_files import Locator
from compliance.load.cycles import dependency_cycles


def check_agreements(
    agreements: Iterable[tuple[Agreement, str, str]], parties: PartyRegistry
) -> list[Problem]:
    """Check ``(agreement, label, text)`` triples together; ``text`` locates lines."""
    triples = list(agreements)
    locators = [
        Locator(text) for _, _, text in triples
    ]  # indexed once per file: every problem is then a look-up
    problems = _duplicate_ids(triples, locators)
    known_targets = {a.id for a, _, _ in triples} | {o.id for a, _, _ in triples for o in a.obligations}
    for (agreement, label, _), lines in zip(triples, locators, strict=True):

        def at(path: str, message: str, label: str = label, lines: Locator = lines) -> Problem:
            return Problem(label, lines.line(path), path, message)

        problems.extend(at(path, message) for path, message in _check_one(agreement, parties))
        problems.extend(
            Problem(label, lines.line(path), path, message, Severity.WARNING)
            for path, message in _no_side(agreement, parties)
        )
        own = {o.id for o in agreement.obligations}
        for i, relation in enumerate(agreement.relations):
            if relation.earlier not in known_targets:
                problems.append(
                    at(
                        f"$.relations[{i}].earlier",
                        f"relates to unknown obligation or agreement {relation.earlier!r}",
                    )
                )
            if relation.later and relation.later not in own:
                problems.append(
                    at(
                        f"$.relations[{i}].later",
                        f"{relation.later!r} is not an obligation of {agreement.id}",
                    )
                )
            if (
                relation.date < agreement.date
            ):  # a supersession would end the earlier duty before the text existed
                problems.append(
                    at(
                        f"$.relations[{i}].date",
                        f"relation dated {relation.date}, before the agreement's date {agreement.date}: "
                        "a text relates to others from its own date",
                    )
                )
    return in_order(problems)


def _no_side(agreement: Agreement, parties: PartyRegistry) -> Iterator[tuple[str, str]]:
    """A warning when two or more signatories and bearers stand on no side of any conflict.

    Grading reads whose word an account is from the registry's ``[[conflicts]]``, never from the
    agreement (``evaluation.trust.classify``): a side's account of its opponent's breach is
    alleged, but a party on no side that signs or bears a duty is a *stakeholder*, and under the
    ``standard`` and ``broad`` policies a stakeholder's account alone confirms a breach. So when
    the registry declares no conflict between the parties of a ceasefire, one party's
    unanswered accusation makes the other's duty ``violated`` where the declared conflict would
    make it ``disputed``, and nothing else shows it. The condition is that no signatory or bearer
    the registry gives is a side of any conflict: a text to which one side is a party (the 2020
    statement, whose Russian duties are graded with Armenia and Azerbaijan as sides) is read as
    intended. A warning, not an error: an agreement between parties that are not at war with each
    other is possible, and its accounts are then rightly a stakeholder's; an error would leave it
    out of the run.
    """
    known = parties.ids
    named = [*agreement.signatories, *(p for ob in agreement.obligations for p in ob.bearers)]
    ids = [p for p in dict.fromkeys(named) if p in known]  # (an unknown party has its own error)
    if len(ids) < 2 or any(parties.is_side(p) for p in ids):
        return
    yield (
        "$.signatories",
        f"no signatory or bearer of {agreement.id} ({', '.join(ids)}) is a side of any conflict "
        "in the party registry in use: their accounts of one another's duties are graded as "
        "stakeholders', not as sides' (alone, a stakeholder's account of a breach confirms it "
        "under the standard and broad trust policies; a side's account of its opponent's breach "
        "is alleged); if some of them are sides of a conflict, declare it in the party registry "
        "with a [[conflicts]] entry (sides: two lists of party ids)",
    )


Place = tuple[str, int, str]
"""Where an id is given: file, line, key path."""
Spot = tuple[str, str, Locator]
"""Where an id is given, its line not yet looked up: file, key path, the file's lines."""


def _duplicate_ids(triples: list[tuple[Agreement, str, str]], locators: list[Locator]) -> list[Problem]:
    """Every copy of an agreement or obligation id given more than once has a problem naming all.

    Flagging only the copies after the first would leave out whichever file came later on the
    command line, so the statuses would depend on the order of the files. Every file that gives
    such an id has an error and is left out, in any order. Two copies of one agreement (the same
    id in two files) are named once, by the agreement id, not once per obligation they share.
    Lines are looked up for the copies only: every run checks every id, and most find none.
    """
    agreements: dict[str, list[Spot]] = {}
    obligations: dict[str, dict[str, list[Spot]]] = {}  # obligation id -> agreement id -> spots
    for (agreement, label, _), lines in zip(triples, locators, strict=True):
        agreements.setdefault(agreement.id, []).append((label, "$.id", lines))
        for i, ob in enumerate(agreement.obligations):
            spot = (label, f"$.obligations[{i}].id", lines)
            obligations.setdefault(ob.id, {}).setdefault(agreement.id, []).append(spot)
    problems: list[Problem] = []
    for agreement_id, spots in agreements.items():
        if len(spots) > 1:
            problems += _copies(
                f"duplicate agreement id {agreement_id!r}, given in {len(spots)} files", spots
            )
    for ob_id, by_agreement in obligations.items():
        in_one_copy = any(
            len({label for label, _, _ in found}) < len(found) for found in by_agreement.values()
        )
        if len(by_agreement) > 1 or in_one_copy:
            spots = [s for found in by_agreement.values() for s in found]
            problems += _copies(f"duplicate obligation id {ob_id!r}, given {len(spots)} times", spots)
    return problems


def _copies(what: str, spots: list[Spot]) -> list[Problem]:
    ordered: list[Place] = sorted((label, lines.line(path), path) for label, path, lines in spots)
    named = ", ".join(f"{label}:{line}" for label, line, _ in ordered)
    message = f"{what} ({named}): every file that gives it is left out"
    return [Problem(label, line, path, message) for label, line, path in ordered]


def _dates(agreement: Agreement) -> Iterator[tuple[str, date | datetime | None]]:
    yield "$.date", agreement.date
    for i, ob in enumerate(agreement.obligations):
        yield f"$.obligations[{i}].in_force", ob.in_force
        yield f"$.obligations[{i}].deadline", ob.deadline
        if ob.term is not None:
            yield f"$.obligations[{i}].term.start", ob.term.start
        for j, rule in enumerate(ob.rules):
            yield f"$.obligations[{i}].rules[{j}].window_start", rule.window_start
            yield f"$.obligations[{i}].rules[{j}].window_end", rule.window_end
    for i, amendment in enumerate(agreement.amendments):
        yield f"$.amendments[{i}].date", amendment.date
        yield f"$.amendments[{i}].deadline", amendment.deadline
    for i, ending in enumerate(agreement.endings):
        yield f"$.endings[{i}].date", ending.date
    for i, relation in enumerate(agreement.relations):
        yield f"$.relations[{i}].date", relation.date


BEFORE_THE_TEXT = "a text cannot be kept or broken before it exists"


def _before_the_text(agreement: Agreement, ob: Obligation, path: str) -> Iterator[tuple[str, str]]:
    """Entry into force, or a deadline, before the agreement's date: an encoding error.

    An instant is read in the agreement's zone (``2020-11-09T22:00:00+00:00`` is 10 November in
    Moscow time). A deadline before entry into force has its own problem, not this one too.
    """
    start = ob.in_force
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        return  # (its own problem; the zone arithmetic could overflow)
    day = start.astimezone(agreement.tz).date() if isinstance(start, datetime) else start
    if day < agreement.date:
        yield (
            f"{path}.in_force",
            f"in force from {day}, before the agreement's date {agreement.date}: {BEFORE_THE_TEXT}",
        )
        if ob.deadline is not None and day <= ob.deadline < agreement.date:
            yield (
                f"{path}.deadline",
                f"deadline {ob.deadline} is before the agreement's date {agreement.date}: {BEFORE_THE_TEXT}",
            )


def _too_long(term: Term) -> bool:
    """Whether a term's first expiry or its fifth renewal falls beyond what a report can reach, or
    its notice period reaches back before any calendar (``notice_months = 30000``)."""
    try:
        expiry = term.expiry(5 if term.renews else 0)
        term.notice_limit(term.first_expiry)  # a notice period reaching back before the year 1
    except (ValueError, OverflowError):  # past the year 9999
        return True
    return expiry.year > LAST_YEAR + 50


def _check_one(agreement: Agreement, parties: PartyRegistry) -> Iterator[tuple[str, str]]:
    for path, value in _dates(agreement):
        problem = None if value is None else year_problem(value.year)
        if problem is not None:
            yield path, problem
    for i, ob in enumerate(agreement.obligations):
        term = ob.term
        if term is not None and _too_long(term):
            yield f"$.obligations[{i}].term", "term too long to evaluate"
    known_parties = parties.ids
    numbers = [a.number for a in agreement.articles]
    article_numbers = set(numbers)
    counted: set[str] = set()
    for i, number in enumerate(numbers):
        if number in counted:
            yield f"$.articles[{i}].number", f"duplicate article number {number!r}"
        counted.add(number)
        article = agreement.articles[i]
        if article.text_status != "not-found" and not article.text.strip():
            yield (
                f"$.articles[{i}].text",
                'empty text: give the text or set text_status = "not-found" with a note',
            )
        if not article.source:
            yield f"$.articles[{i}].source", "every article needs a source address"
    for key, listed in (("signatories", agreement.signatories), ("mediators", agreement.mediators)):
        for j, party in enumerate(listed):
            if party not in known_parties:
                yield f"$.{key}[{j}]", f"unknown party {party!r}"
    ids = {o.id for o in agreement.obligations}
    for i, ob in enumerate(agreement.obligations):
        path = f"$.obligations[{i}]"
        if ob.article not in article_numbers:
            yield f"{path}.article", f"unknown article {ob.article!r} (articles: {', '.join(numbers)})"
        for field_name, values in (("bearers", ob.bearers), ("beneficiaries", ob.beneficiaries)):
            for j, party in enumerate(values):
                if party not in known_parties:
                    yield f"{path}.{field_name}[{j}]", f"unknown party {party!r}"
        for field_name, roles in (("implementers", ob.implementers), ("monitors", ob.monitors)):
            for j, role in enumerate(roles):
                if role.party not in known_parties:
                    yield f"{path}.{field_name}[{j}].party", f"unknown party {role.party!r}"
        for j, dep in enumerate(ob.depends_on):
            if dep.obligation not in ids:
                yield (
                    f"{path}.depends_on[{j}].obligation",
                    f"depends on unknown obligation {dep.obligation!r}",
                )
            elif dep.obligation == ob.id:
                yield f"{path}.depends_on[{j}].obligation", "an obligation cannot depend on itself"
        for j, rule in enumerate(ob.rules):
            for k, kind in enumerate(rule.kinds):
                if kind not in EVENT_KIND_SET:
                    yield (
                        f"{path}.rules[{j}].kinds[{k}]",
                        f"unknown event kind {kind!r} (see docs/event-kinds.md)",
                    )
            if rule.window_start and rule.window_end and rule.window_end < rule.window_start:
                yield f"{path}.rules[{j}].window_end", "window ends before it starts"
        in_force_day = ob.in_force.date() if isinstance(ob.in_force, datetime) else ob.in_force
        if ob.deadline is not None and ob.deadline < in_force_day:
            yield f"{path}.deadline", f"deadline {ob.deadline} is before entry into force {in_force_day}"
        yield from _before_the_text(agreement, ob, path)
        if ob.term is not None:
            for j, party in enumerate(ob.term.notice_by):
                if party not in known_parties:
                    yield f"{path}.term.notice_by[{j}]", f"unknown party {party!r}"
    yield from dependency_cycles(agreement)
    for i, amendment in enumerate(agreement.amendments):
        if amendment.obligation not in ids:
            yield f"$.amendments[{i}].obligation", f"amends unknown obligation {amendment.obligation!r}"
    for i, ending in enumerate(agreement.endings):
        for j, ob_id in enumerate(ending.obligations):
            if ob_id not in ids:
                yield f"$.endings[{i}].obligations[{j}]", f"ends unknown obligation {ob_id!r}"
