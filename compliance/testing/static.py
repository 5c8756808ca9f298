"""Static checks of an encoding: mistakes no schema sees, found without generating a single account.

Each returns :class:`Problem` warnings naming the file, line and key, like the loader's checks:
a maintenance duty no rule can breach; an achievement no rule can fulfil (only an explicit link
in an event file can; a note saying "explicit links" declares that route and silences both); an amended deadline before entry into force (a stated one is already an
error of the loader); a rule place that matches nothing in the gazetteer; an obligation ended
before it enters into force, ended twice in contradictory ways, or carried forward after it ended.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from compliance.core.inputs import PathArg, as_path
from compliance.core.model import Agreement, Obligation
from compliance.core.problems import InputError, Problem, Severity
from compliance.core.vocabulary import Effect, Kind, Modality, RelationType
from compliance.load.agreement_files import locate
from compliance.load.places import load_places_file

Source = tuple[str, str]
"""An agreement file's label (as the user named it) and its text (to find lines)."""
ENDING = (RelationType.SUPERSEDES, RelationType.TERMINATES)
EXPLICIT_ROUTE = "explicit link"
"""An obligation whose note says it is evidenced by explicit links only has that route on purpose."""
CONTINUING = (RelationType.CARRIES_FORWARD, RelationType.IMPLEMENTS, RelationType.AMENDS)


def gazetteer_names(path: Path) -> tuple[str, ...]:
    """Every place and area name, and every area id, in a gazetteer file (read by the library's loader)."""
    gazetteer, problems = load_places_file(path)
    if gazetteer is None:
        raise InputError("; ".join(str(p) for p in problems))
    names = [n for place in gazetteer.places for n in place.names]
    names += [area.name for area in gazetteer.areas]
    names += [area.id for area in gazetteer.areas]
    return tuple(names)


def _in_force(ob: Obligation) -> date:
    return ob.in_force.date() if isinstance(ob.in_force, datetime) else ob.in_force


def _words(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(text.casefold())}(?![^\W_])")


def static_problems(
    chosen: Sequence[Agreement],
    agreements: Sequence[Agreement],
    gazetteer: PathArg | None = None,
    sources: Mapping[str, Source] | None = None,
    gazetteer_label: str = "",
) -> list[Problem]:
    """Warnings for the ``chosen`` agreements, read against all loaded ``agreements``.

    ``gazetteer`` is the places file rule places are looked up in (``None``: not checked; a
    ``str``, ``Path`` or any ``os.PathLike``), named ``gazetteer_label`` in messages (default: its path).
    """
    sources = sources or {}
    gazetteer = None if gazetteer is None else as_path(gazetteer)
    names = tuple(n.casefold() for n in gazetteer_names(gazetteer)) if gazetteer is not None else None
    found: list[Problem] = []
    for agreement in chosen:
        label, text = sources.get(agreement.id, (agreement.id, ""))

        def at(path: str, message: str, label: str = label, text: str = text) -> Problem:
            return Problem(label, locate(text, path) if text else 0, path, message, Severity.WARNING)

        found += [at(path, message) for path, message in _rules(agreement)]
        found += [at(path, message) for path, message in _deadlines(agreement)]
        found += [at(path, message) for path, message in _notices(agreement)]
        if names is not None and gazetteer is not None:
            where = gazetteer_label or str(gazetteer)
            found += [at(path, message) for path, message in _places(agreement, names, where)]
        found += [at(path, message) for path, message in _endings(agreement, agreements)]
        for other in agreements:
            o_label, o_text = sources.get(other.id, (other.id, ""))
            found += [
                Problem(o_label, locate(o_text, path) if o_text else 0, path, message, Severity.WARNING)
                for path, message in _carried_after_end(other, agreement, agreements)
            ]
    return sorted(set(found))


def _rules(agreement: Agreement) -> Iterator[tuple[str, str]]:
    for i, ob in enumerate(agreement.obligations):
        if ob.not_formalised or ob.modality is Modality.PERMISSION or EXPLICIT_ROUTE in ob.note.casefold():
            continue
        effects = {rule.effect for rule in ob.rules}
        if ob.kind is Kind.MAINTENANCE and Effect.BREACHES not in effects:
            yield (
                f"$.obligations[{i}].rules",
                f"maintenance duty {ob.id!r} has no rule with effect 'breaches': no account can breach it "
                "unless an event file links it explicitly (if that is meant, say 'explicit links' in its note)",
            )
        if ob.kind is not Kind.MAINTENANCE and Effect.FULFILS not in effects:
            yield (
                f"$.obligations[{i}].rules",
                f"{ob.kind.value} {ob.id!r} has no rule with effect 'fulfils': no event kind can fulfil it; "
                "only an account with an explicit link can (if that is meant, say 'explicit links' in its note)",
            )


def _notices(agreement: Agreement) -> Iterator[tuple[str, str]]:
    """A term that renews unless notice is given, with no rule linking notices of termination: a
    notice in an event file with no explicit link is then unlinked, and the term renews for ever
    without a word (a short truce's encoder found it so)."""
    for i, ob in enumerate(agreement.obligations):
        if ob.term is None or not ob.term.renews or EXPLICIT_ROUTE in ob.note.casefold():
            continue
        if not any("notice-of-termination" in rule.kinds for rule in ob.rules):
            yield (
                f"$.obligations[{i}].term",
                f"the term of {ob.id!r} renews unless notice is given, but no rule links "
                "'notice-of-termination' accounts to it: only a notice with an explicit link can end it "
                "(add a rule with that kind and effect 'relevant', or say 'explicit links' in its note)",
            )


def _deadlines(agreement: Agreement) -> Iterator[tuple[str, str]]:
    by_id = {o.id: o for o in agreement.obligations}
    for i, amendment in enumerate(agreement.amendments):
        ob = by_id.get(amendment.obligation)
        if ob is not None and amendment.deadline < _in_force(ob):
            yield (
                f"$.amendments[{i}].deadline",
                f"amended deadline {amendment.deadline} of {ob.id!r} is before its entry into force {_in_force(ob)}",
            )


def _places(agreement: Agreement, names: Sequence[str], gazetteer: str) -> Iterator[tuple[str, str]]:
    for i, ob in enumerate(agreement.obligations):
        for j, rule in enumerate(ob.rules):
            for k, place in enumerate(rule.places):
                pattern = _words(place)
                if not any(pattern.search(name) or _words(name).search(place.casefold()) for name in names):
                    yield (
                        f"$.obligations[{i}].rules[{j}].places[{k}]",
                        f"place {place!r} of rule {rule.name!r} matches no name in the gazetteer {gazetteer}",
                    )


def _ends(agreement: Agreement, agreements: Sequence[Agreement]) -> dict[str, list[tuple[date, str, str]]]:
    """Per obligation of ``agreement``: (date, type, who ends it) from its endings and later relations."""
    found: dict[str, list[tuple[date, str, str]]] = {}
    for ending in agreement.endings:
        for ob_id in ending.obligations or tuple(o.id for o in agreement.obligations):
            found.setdefault(ob_id, []).append((ending.date, ending.type.value, ending.by))
    ids = {o.id for o in agreement.obligations}
    for other in agreements:
        for relation in other.relations:
            if relation.type not in ENDING:
                continue
            targets = ids if relation.earlier == agreement.id else {relation.earlier} & ids
            kind = "superseded" if relation.type is RelationType.SUPERSEDES else "terminated"
            for ob_id in targets:
                found.setdefault(ob_id, []).append((relation.date, kind, other.id))
    return found


def _endings(agreement: Agreement, agreements: Sequence[Agreement]) -> Iterator[tuple[str, str]]:
    ends = _ends(agreement, agreements)
    for i, ob in enumerate(agreement.obligations):
        mine = sorted(set(ends.get(ob.id, [])))
        early = [e for e in mine if e[0] <= _in_force(ob)]
        if early:
            day, kind, by = early[0]
            yield (
                f"$.obligations[{i}].in_force",
                f"{ob.id!r} is {kind} by {by} on {day}, on or before its entry into force {_in_force(ob)}: "
                "it is never in force",
            )
        if len({(d, k) for d, k, _ in mine}) > 1:
            listed = "; ".join(f"{k} by {by} on {d}" for d, k, by in mine)
            yield (
                f"$.obligations[{i}].id",
                f"{ob.id!r} is ended more than once, in ways that disagree ({listed}): say which ending holds",
            )


def _carried_after_end(
    later: Agreement, agreement: Agreement, agreements: Sequence[Agreement]
) -> Iterator[tuple[str, str]]:
    """A relation of ``later`` that carries forward, implements or amends a duty of ``agreement`` it has already ended."""
    ends = _ends(agreement, agreements)
    ids = {o.id for o in agreement.obligations}
    for i, relation in enumerate(later.relations):
        if relation.type not in CONTINUING or relation.earlier not in ids:
            continue
        before = sorted(e for e in ends.get(relation.earlier, []) if e[0] <= relation.date)
        if before:
            day, kind, by = before[0]
            yield (
                f"$.relations[{i}].earlier",
                f"{relation.type.value} {relation.earlier!r} on {relation.date}, but it was {kind} by {by} on {day}: "
                "it would be both ended and in force",
            )
