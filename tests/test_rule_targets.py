"""A link rule's ``targets``: the account's other party, for duties that need both parties.

Point 9 of the 2020 statement permits new links to Nakhchivan "by agreement of the Parties",
Armenia and Azerbaijan. Its rule matched any agreement with one bearer as the actor, so an ACLED
"Agreement" of Azerbaijan with Türkiye in Nakhchivan made the permission ``exercised``. The rule
now also says ``targets = ["bearer"]``: the other party must be the other bearer.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from compliance.core.events import Event
from compliance.core.model import LinkRule
from compliance.core.timeframe import EventTime
from compliance.core.vocabulary import ActorRelation, Effect
from compliance.evaluation.evaluate import evaluate_ledger
from compliance.linking.rule_tests import matches_undated, other_parties
from compliance.linking.scope import NO_RULE
from compliance.load.agreement_files import load_agreement_text
from compliance.load.converter import converter
from tests.support import AGREEMENTS, PARTIES, ledger_from_csv
from tests.test_agreement_files import replace

HDX_ARMENIA = Path(__file__).resolve().parent / "data" / "real" / "acled-hdx-armenia-2018-2020.csv"
NEW_LINKS = "ts2020-9-new-links"
AS_OF = date(2023, 1, 1)


def acled_agreement(actor1: str, actor2: str) -> str:
    """SYNTHETIC: the header and the real row ARM4892 of the HDX Armenia file (the government of
    Armenia declaring martial law, Yerevan, 27 Sep 2020), made an ACLED "Agreement" between
    ``actor1`` and ``actor2`` in Nakhchivan on 15 Jun 2022, with no coordinates, time stamp or
    real source."""
    rows = list(csv.reader(io.StringIO(HDX_ARMENIA.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    [row] = [r for r in rows if "ARM4892" in r]
    values = {
        "event_id_cnty": "SYN4892",
        "event_date": "2022-06-15",
        "year": "2022",
        "sub_event_type": "Agreement",
        "actor1": actor1,
        "actor2": actor2,
        "inter2": "1" if actor2 else "0",
        "country": "Azerbaijan",
        "iso3": "AZE",
        "admin1": "Nakhchivan",
        "admin2": "Nakhchivan",
        "location": "Nakhchivan",
        "latitude": "",
        "longitude": "",
        "geo_precision": "",
        "timestamp": "",
        "source": "SYNTHETIC",
        "notes": "SYNTHETIC: an agreement on a transport link, for a test.",
    }
    for name, value in values.items():
        row[header.index(name)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, row])
    return out.getvalue()


AZERBAIJAN = "Government of Azerbaijan (2003-)"


@pytest.mark.parametrize(
    ("actor2", "exercised"),
    [
        ("Military Forces of Turkey (2002-)", False),
        ("Government of Turkey (2002-)", False),  # a name the party registry does not give
        ("", False),
        ("Government of Armenia (2018-)", True),
    ],
    ids=["with-turkey", "with-an-unregistered-party", "with-no-one", "with-armenia"],
)
def test_acled_agreement__only_one_of_azerbaijan_with_armenia_exercises_the_nakhchivan_permission(
    actor2: str, exercised: bool
) -> None:
    """An ACLED agreement of Azerbaijan in Nakhchivan links to the permission of point 9 (and
    makes it ``exercised``) only when its other party is Armenia; otherwise it is unlinked, as
    matching no rule."""
    ledger = ledger_from_csv(acled_agreement(AZERBAIJAN, actor2))
    links = [link for link in ledger.links if link.obligation == NEW_LINKS]
    assert [(link.effect, link.basis) for link in links] == (
        [(Effect.FULFILS, "new-link-agreed")] if exercised else []
    )
    if not exercised:
        assert ledger.accounting.unlinked_reasons == {NO_RULE: 1}
    status = evaluate_ledger(ledger, AS_OF).result(NEW_LINKS).status.value
    assert (status == "exercised") is exercised, status


OUR_HEADER = "id,date,kind,actor,target,location,reported_by,reporter_party,source_url\n"


@pytest.mark.parametrize(
    ("kind", "location", "obligation"),
    [
        ("agreement-signed", "Nakhchivan", NEW_LINKS),
        ("diplomatic-relations", "Baku", "p2022-4-diplomatic-relations"),
        ("diplomatic-relations", "Baku", "pa2025-5-diplomatic-relations"),
    ],
)
@pytest.mark.parametrize(("target", "links"), [("ARM", True), ("TUR", False), ("AZE", False), ("", False)])
def test_our_csv__a_duty_of_both_parties_links_an_account_whose_target_is_the_other_bearer(
    kind: str, location: str, obligation: str, target: str, links: bool
) -> None:
    """SYNTHETIC rows in our format: Azerbaijan acting, the other party in ``target``. New links
    to Nakhchivan "by agreement of the Parties", and diplomatic relations of the two states, are
    evidenced only by an account whose other party is Armenia: not Türkiye, not Azerbaijan itself
    (an account's actor is never its other party), not an account naming none."""
    day = "2026-01-15"  # after the 2025 texts, so that each duty is in force
    text = (
        OUR_HEADER + f"S1,{day},{kind},AZE,{target},{location},SYNTHETIC,none,https://example.org/synthetic\n"
    )
    ledger = ledger_from_csv(text)
    assert (obligation in {link.obligation for link in ledger.links}) is links


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
