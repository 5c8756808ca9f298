"""A link rule's ``targets``: how the account's other party stands to the bearers, for duties
that need both parties ("by agreement of the Parties")."""

from __future__ import annotations

from datetime import date

import pytest

from compliance.core.events import Event
from compliance.core.model import LinkRule
from compliance.core.timeframe import EventTime
from compliance.core.vocabulary import ActorRelation, Effect
from compliance.linking.rule_tests import matches_undated, other_parties
from compliance.load.agreement_files import load_agreement_text
from compliance.load.converter import converter
from tests.support import AGREEMENTS, PARTIES
from tests.test_agreement_files import replace

NEW_LINKS = "ts2020-9-new-links"


def _account(actor: str | None, target: str | None, involved: tuple[str, ...] = ()) -> Event:
    return Event(
        "S1",
        EventTime(date(2022, 6, 15)),
        "agreement-signed",
        "SYNTHETIC",
        "none",
        actor=actor,
        involved=involved,
        target=target,
    )


@pytest.mark.parametrize(
    ("actor", "target", "involved", "others"),
    [
        ("AZE", "ARM", (), ("ARM",)),
        ("AZE", "AZE", (), (None,)),  # one side's forces and its own people: no other party
        ("AZE", None, (), (None,)),
        ("AZE", None, ("ARM", "AZE"), ("ARM",)),  # an ACLED agreement
        (None, None, ("ARM", "AZE"), ("ARM", "AZE")),  # an ACLED clash: either may be the other
        ("AZE", "TUR", ("ARM", "AZE"), ("TUR", "ARM")),
    ],
)
def test_other_parties__the_target_and_the_involved_parties_besides_the_actor(
    actor: str | None, target: str | None, involved: tuple[str, ...], others: tuple[str | None, ...]
) -> None:
    """What a rule's ``targets`` test reads: ``(None,)`` (relation ``unknown``) when the account
    names no party besides its actor."""
    assert other_parties(_account(actor, target, involved)) == others


@pytest.mark.parametrize(
    ("targets", "target", "matches"),
    [
        ((ActorRelation.ANY,), None, True),
        ((ActorRelation.UNKNOWN,), None, True),
        ((ActorRelation.UNKNOWN,), "ARM", False),
        ((ActorRelation.OPPOSED,), "ARM", False),
        ((ActorRelation.THIRD_PARTY,), "TUR", True),
        ((ActorRelation.ALIGNED, ActorRelation.BEARER), "NK", True),
    ],
)
def test_targets__the_other_partys_relation_to_the_bearers(
    targets: tuple[ActorRelation, ...], target: str | None, matches: bool
) -> None:
    """The relations read as ``actors`` reads them (NK stands with Armenia, a bearer)."""
    [ob] = [o for a in AGREEMENTS for o in a.obligations if o.id == NEW_LINKS]
    rule = LinkRule("r", ("agreement-signed",), Effect.FULFILS, (ActorRelation.ANY,), targets)
    assert matches_undated(_account("AZE", target), ob, rule, PARTIES) is matches


@pytest.mark.parametrize(
    ("new", "field", "message"),
    [
        ("targets = []", "$.obligations[0].rules[0].targets", "empty: a rule with no relation"),
        ('targets = ["others"]', "$.obligations[0].rules[0].targets[0]", "'others' is not one of: bearer"),
    ],
    ids=["empty", "unknown-relation"],
)
def test_loader__a_bad_targets_value_is_a_problem_with_file_line_and_key(
    new: str, field: str, message: str
) -> None:
    """``targets`` is checked as ``actors`` is: an empty list or an unknown relation is an error
    at the key's line, and the agreement is left out."""
    text = replace('actors = ["bearer"]', f'actors = ["bearer"]\n{new}')
    agreement, problems = load_agreement_text(text, "bad.toml")
    assert agreement is None
    [problem] = problems
    assert (problem.file, problem.field) == ("bad.toml", field)
    assert problem.message.startswith(message)
    assert text.splitlines()[problem.line - 1].startswith(new)


def test_converter__targets_read_and_written_and_left_out_when_there_is_no_test() -> None:
    """The one converter reads ``targets`` and writes it back; a rule with no test (``any``, the
    default) is written without the key, as before the key existed."""
    text = replace('actors = ["bearer"]', 'actors = ["bearer"]\ntargets = ["bearer", "aligned"]')
    agreement, problems = load_agreement_text(text, "ok.toml")
    assert problems == []
    assert agreement is not None
    rule = agreement.obligations[0].rules[0]
    assert rule.targets == (ActorRelation.BEARER, ActorRelation.ALIGNED)
    assert converter.unstructure(rule)["targets"] == ["bearer", "aligned"]
    assert converter.structure(converter.unstructure(rule), LinkRule) == rule
    plain = LinkRule("r", ("armed-clash",), Effect.BREACHES)
    assert "targets" not in converter.unstructure(plain)
    assert plain.targets == (ActorRelation.ANY,)
