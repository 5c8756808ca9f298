"""Checks across the entries of the party and reporter registries.

A registry says whose word an account is, so a mistake in one changes statuses without any
event looking wrong: a reporter whose party the party registry does not know was read as a
source with no role in the conflict, so one side's accusation confirmed a breach; an alias given
to two parties made the first one in the file the actor of every account naming it. Each such
mistake is an error naming every entry concerned, and nothing ambiguous is settled by the order
of the file: what cannot be read one way only is left out, the rest is used. The reporters this
module returns give each name one party and one ``based_in``, so the tables built from them
(``linking.loading.reporters_by_name``) need no rule of their own for a shared name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs
from attrs import frozen

from compliance.core.country_table import alpha_2_of, is_country_code
from compliance.core.events import UNAFFILIATED, UNKNOWN
from compliance.core.parties import Conflict, Party, PartyRegistry
from compliance.core.problems import Problem

Where = Callable[[str], int]
"""The 1-based line of a key path such as ``$.parties[2].aliases`` in the file (0: not found)."""


@frozen
class Reporter:
    """A known source and its affiliation: ``Ministry of Defence of Armenia`` → ``ARM``.

    ``based_in``: the ISO 3166-1 alpha-2 code of the country where the source is based or
    registered (``AZ`` for Trend), where a page says so; empty where none does. It changes no
    grade: a privately owned outlet registered in a side's state is still unaffiliated by the
    registry's rule. It is shown beside such an outlet's accounts, so a reader weighing one sees
    where it works. A country code, not a party id: an outlet may be based in a state that is
    no party (Reuters, in the United Kingdom), and scopes and accounts name countries so too.
    """

    name: str
    party: str
    aliases: tuple[str, ...] = ()
    note: str = ""
    based_in: str = ""


def check_parties(
    parties: Sequence[Party], conflicts: Sequence[Conflict], label: str, where: Where
) -> tuple[PartyRegistry, list[Problem]]:
    """The registry of the entries that can be read one way only, and an error for each other.

    An id given to two entries leaves both out; a name (id, name or alias) given to two parties
    names neither; a side naming a party the registry does not give, or a party on both sides
    of one conflict, leaves that party out of the conflict (the conflict's other parties stay
    sides).
    """
    problems: list[Problem] = []
    entries: dict[str, list[int]] = {}
    for i, party in enumerate(parties):
        entries.setdefault(party.id, []).append(i)
    twice = {party_id: found for party_id, found in entries.items() if len(found) > 1}
    for party_id, found in twice.items():
        at = ", ".join(f"{label}:{where(f'$.parties[{i}].id')}" for i in found)
        for i in found:
            path = f"$.parties[{i}].id"
            message = f"duplicate party id {party_id!r}, given to {len(found)} entries ({at}): every entry that gives it is left out"
            problems.append(Problem(label, where(path), path, message))
    holders = _holders(
        (i, (("id", (p.id,)), ("name", (p.name,)), ("aliases", p.aliases))) for i, p in enumerate(parties)
    )
    ambiguous: set[str] = set()
    for name, given in holders.items():
        if len({parties[i].id for i, _, _ in given}) < 2:
            continue
        ambiguous.add(name)
        at = ", ".join(f"{parties[i].id} at {label}:{where(f'$.parties[{i}].{key}')}" for i, key, _ in given)
        for i, key, written in given:
            path = f"$.parties[{i}].{key}"
            message = f"the name {written!r} is given to {len(given)} entries ({at}): it names none of them"
            problems.append(Problem(label, where(path), path, message))
    owners = {name: {parties[i].id for i, _, _ in given} for name, given in holders.items()}
    kept_conflicts: list[Conflict] = []
    for c, conflict in enumerate(conflicts):
        path = f"$.conflicts[{c}].sides"
        first, second = conflict.sides
        out: set[str] = set()
        for party_id in dict.fromkeys((*first, *second)):
            if party_id in first and party_id in second:
                out.add(party_id)
                problems.append(
                    Problem(
                        label,
                        where(path),
                        path,
                        f"party {party_id!r} is on both sides: it is left out of the conflict",
                    )
                )
            elif party_id not in entries:
                out.add(party_id)
                named = owners.get(party_id.casefold(), set())
                hint = (
                    f"; it is a name of {next(iter(named))}: sides give party ids" if len(named) == 1 else ""
                )
                message = f"unknown party {party_id!r} (not a party id in this registry{hint}): it is left out of the conflict"
                problems.append(Problem(label, where(path), path, message))
        if out:
            sides = (tuple(p for p in first if p not in out), tuple(p for p in second if p not in out))
            conflict = attrs.evolve(conflict, sides=sides)
        kept_conflicts.append(conflict)
    kept = tuple(party for party in parties if party.id not in twice)
    return PartyRegistry.of(kept, tuple(kept_conflicts), frozenset(ambiguous)), problems


def check_reporters(
    reporters: Sequence[Reporter],
    parties: PartyRegistry,
    label: str,
    where: Where,
    *,
    other_registry: bool = False,
) -> tuple[tuple[Reporter, ...], list[Problem]]:
    """The reporters with their party as an id of ``parties``, and an error for each left out.

    A party is given as an id, name or alias of the registry (as an event file's ``actor``),
    ``none`` (or ``unaffiliated``) or ``unknown``. A reporter whose party the registry does not
    give, and the reporters of different parties that give one name, are left out: their
    accounts are read as an unregistered reporter's (``unknown``, with a warning), never as a
    source with no role in the conflict. Reporters of one party that give one name and different
    ``based_in`` are kept, without it (:func:`_settle_based_in`). ``other_registry``: the
    reporters were written for another party registry (the bundled reporters beside a user's
    parties), so a party this one does not give is no mistake in the file: those reporters are
    left out without a problem.
    """
    problems: list[Problem] = []
    resolved: dict[int, Reporter] = {}
    for i, reporter in enumerate(reporters):
        if reporter.based_in and not is_country_code(reporter.based_in):
            path = f"$.reporters[{i}].based_in"
            problems.append(Problem(label, where(path), path, _not_a_country(reporter.based_in)))
            reporter = attrs.evolve(reporter, based_in="")
        party = affiliation(reporter.party, parties)
        if party is not None:
            resolved[i] = reporter if party == reporter.party else attrs.evolve(reporter, party=party)
        elif not other_registry:
            path = f"$.reporters[{i}].party"
            message = (
                f"unknown party {reporter.party!r} (not in the party registry in use; 'none' for a source "
                "affiliated with no party): the reporter is left out, as if unregistered"
            )
            problems.append(Problem(label, where(path), path, message))
    holders = _reporter_holders(resolved)
    clashing: set[int] = set()
    for given in holders.values():
        if len({resolved[i].party for i, _, _ in given}) < 2:
            continue
        at = ", ".join(
            f"{resolved[i].party} at {label}:{where(f'$.reporters[{i}].{key}')}" for i, key, _ in given
        )
        for i, key, written in given:
            clashing.add(i)
            path = f"$.reporters[{i}].{key}"
            message = (
                f"the name {written!r} is given to reporters of different parties ({at}): each is left out"
            )
            problems.append(Problem(label, where(path), path, message))
    kept = {i: r for i, r in resolved.items() if i not in clashing}
    settled, more = _settle_based_in(kept, label, where)
    return tuple(settled.values()), problems + more


def reporter_key(name: str) -> str:
    """A registered name or alias, or an account's ``reported_by``, as names are compared:
    case-folded, without surrounding spaces. One rule for the checks here and for every table
    built from the loaded reporters (``linking.loading.reporters_by_name``), so that a name these
    checks find unambiguous is one those tables read one way."""
    return name.strip().casefold()


def _settle_based_in(
    reporters: dict[int, Reporter], label: str, where: Where
) -> tuple[dict[int, Reporter], list[Problem]]:
    """The reporters, those linked by shared names that give different ``based_in`` without it,
    and an error at each shared name concerned.

    An account names its reporter by one name, so every entry that gives the name must say the
    same of where it is based (no ``based_in`` included: it says nothing, where the other says a
    country), or the country shown would be whichever entry the file lists first. Entries are
    linked through each other too: a name of two entries of one country, one of which shares
    another name with an entry of another country, cannot keep that country either, since the
    entries' names must go on agreeing once that one is cleared. The reporters are kept with
    their party, which changes grades where the country does not.
    """
    shared = [given for given in _reporter_holders(reporters).values() if len(given) > 1]
    group = {i: i for i in reporters}

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for given in shared:
        first = root(given[0][0])
        for i, _, _ in given[1:]:
            group[root(i)] = first
    countries: dict[int, set[str]] = {}
    for i, reporter in reporters.items():
        countries.setdefault(root(i), set()).add(reporter.based_in)
    unsettled = {i for i in reporters if len(countries[root(i)]) > 1}
    problems: list[Problem] = []
    for given in shared:
        given_in = {reporters[i].based_in for i, _, _ in given}
        if given[0][0] not in unsettled or given_in == {""}:
            continue  # the name's entries agree, or lose no country
        at = ", ".join(
            f"{reporters[i].name!r} ({reporters[i].based_in or 'no based_in'}) at "
            f"{label}:{where(f'$.reporters[{i}].{key}')}"
            for i, key, _ in given
        )
        for i, key, written in given:
            path = f"$.reporters[{i}].{key}"
            why = (
                f"the name {written!r} is given to reporters based in different countries ({at})"
                if len(given_in) > 1
                else f"the name {written!r} is given to reporters ({at}) that share names, directly or "
                "through other entries, with reporters given another based_in"
            )
            message = f"{why}: each is kept, without the country it is based in"
            problems.append(Problem(label, where(path), path, message))
    settled = {
        i: attrs.evolve(r, based_in="") if i in unsettled and r.based_in else r for i, r in reporters.items()
    }
    return settled, problems


def _reporter_holders(reporters: dict[int, Reporter]) -> dict[str, list[tuple[int, str, str]]]:
    """Each reporter name and alias, as :func:`reporter_key` gives it, with the entries that give it."""
    return _holders(
        ((i, (("name", (r.name,)), ("aliases", r.aliases))) for i, r in reporters.items()),
        compare=reporter_key,
    )


def _not_a_country(code: str) -> str:
    """Why ``based_in`` is refused, with the code meant where it is plain (``AZE`` → ``AZ``)."""
    alpha_2 = alpha_2_of(code.strip().upper())
    if alpha_2 is None and is_country_code(code.strip().upper()):
        alpha_2 = code.strip().upper()
    hint = f"; did you mean {alpha_2!r}?" if alpha_2 else ""
    return (
        f"unknown country code {code!r} (an ISO 3166-1 alpha-2 code in capitals, as an account's "
        f"country: 'AZ', 'GB'{hint}): the reporter is kept, without the country it is based in"
    )


def affiliation(text: str, parties: PartyRegistry) -> str | None:
    """A registered reporter's party as events hold it: a party id, ``none`` or ``unknown``; ``None`` if unknown to ``parties``."""
    folded = text.strip().casefold()
    if folded in (UNAFFILIATED, "unaffiliated"):
        return UNAFFILIATED
    if folded == UNKNOWN:
        return UNKNOWN
    return parties.resolve(text)


Named = tuple[int, tuple[tuple[str, tuple[str, ...]], ...]]
"""An entry's position and its names by key (``("aliases", (…))``)."""


def _holders(
    entries: Iterable[Named], compare: Callable[[str], str] = str.casefold
) -> dict[str, list[tuple[int, str, str]]]:
    """Each name, as ``compare`` gives it, with the entries that give it: (entry, key, name as
    written), each entry once. One table for both registries, so parties and reporters clash
    alike; ``compare`` is how the registry's names are looked up (parties: case-folded, as
    ``PartyRegistry`` keys them; reporters: :func:`reporter_key`)."""
    holders: dict[str, list[tuple[int, str, str]]] = {}
    for i, keys in entries:
        for field, names in keys:
            for name in names:
                given = holders.setdefault(compare(name), [])
                if not any(entry == i for entry, _, _ in given):
                    given.append((i, field, name))
    return holders
