"""compliance.testing: strategies give valid event files, witnesses reproduce their status, the static checks warn."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given

from compliance.core.events import Event
from compliance.core.model import Relation
from compliance.core.vocabulary import RelationType, Status
from compliance.evaluation.evaluate import evaluate
from compliance.testing import account_lists, events_csv, read_events_csv
from compliance.testing.check import GAZETTEER, Check, related_to
from compliance.testing.explore import explore_obligation
from compliance.testing.static import static_problems
from tests.support import AGREEMENTS, PARTIES, ledger_from_csv

ROOT = Path(__file__).parent.parent
TRILATERAL = AGREEMENTS[0]


@given(account_lists(TRILATERAL, parties=PARTIES))
def test_testing__generated_files_read_back_as_the_same_accounts(events: list[Event]) -> None:
    """Writing generated accounts as our CSV and reading them back gives the same events, with no problem."""
    read, problems = read_events_csv(events_csv(events), PARTIES)
    assert (list(read), problems) == (events, ())


@pytest.mark.parametrize(
    "obligation", ["ts2020-2-aghdam", "ts2020-1-ceasefire-arm", "ts2020-4-withdrawal-arm"]
)
def test_testing__every_witness_gives_its_status_when_evaluated(obligation: str) -> None:
    """Each witness file, read like any event file and evaluated as of its date, has its status."""
    ob = next(o for o in TRILATERAL.obligations if o.id == obligation)
    found = explore_obligation(TRILATERAL, ob, related_to(TRILATERAL, AGREEMENTS), PARTIES, 10, 0)
    assert {Status.NOT_IN_FORCE, Status.VIOLATED} <= set(found.reachable)
    for witness in found.witnesses:
        ledger = ledger_from_csv(witness.csv, "witness.csv")
        assert ledger.problems == ()
        result = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, witness.as_of)
        assert result.result(obligation).status is witness.status, witness.csv


def test_testing__aghdam_reaches_fulfilled_with_one_account() -> None:
    """The minimal witness of a fulfilled Aghdam handover is one confirmed account, the smallest file."""
    ob = next(o for o in TRILATERAL.obligations if o.id == "ts2020-2-aghdam")
    found = explore_obligation(TRILATERAL, ob, related_to(TRILATERAL, AGREEMENTS), PARTIES, 20, 0)
    witness = next(w for w in found.witnesses if w.status is Status.FULFILLED)
    assert len(witness.events) == 1
    assert next(w for w in found.witnesses if w.status is Status.OVERDUE).events == ()


def test_testing__import_without_hypothesis_says_what_to_install() -> None:
    """Without Hypothesis, importing compliance.testing fails with a message naming the testing extra
    and a command that installs it. The package is not on PyPI, where the command it gave,
    ``pip install 'ceasefire-compliance[testing]'``, finds no distribution; it now gives the
    install from a clone, as the README installs the library."""
    code = "import sys; sys.modules['hypothesis'] = None; import compliance.testing"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "install the 'testing' extra" in result.stderr
    assert "pip install '.[testing]' in a clone" in result.stderr
    assert "ceasefire-compliance[testing]" not in result.stderr


HEAD = """id = "defects"
title = "An agreement with encoding defects"
short_title = "Defects"
date = 2020-11-10
nature = "political-statement"
signatories = ["ARM", "AZE"]
utc_offset = "+03:00"
sources = ["https://example.org/defects"]

[[articles]]
number = "1"
title = "One"
text = "The text."
source = "https://example.org/defects"
"""


def obligation(ob_id: str, kind: str, extra: str = "", rule: str = "") -> str:
    text = f"""
[[obligations]]
id = "{ob_id}"
article = "1"
summary = "A duty."
bearers = ["ARM"]
modality = "obligation"
kind = "{kind}"
in_force = 2020-11-10
{extra}
"""
    return text + (f"\n[[obligations.rules]]\n{rule}\n" if rule else "")


FULFILS = 'name = "done"\nkinds = ["troop-withdrawal"]\nactors = ["bearer"]\neffect = "fulfils"'
BREACHES = 'name = "clash"\nkinds = ["armed-clash"]\nactors = ["bearer"]\neffect = "breaches"'


def check(tmp_path: Path, body: str) -> Check:
    path = tmp_path / "defects.toml"
    path.write_text(HEAD + body, encoding="utf-8")
    return Check.load([path], gazetteer=GAZETTEER, examples=8)


def messages(result: Check) -> str:
    return "\n".join([*(str(p) for p in result.problems), *result.warnings])


def test_static__maintenance_duty_no_rule_can_breach(tmp_path: Path) -> None:
    """A maintenance duty whose only rule fulfils is named: no rule can breach it."""
    result = check(
        tmp_path, obligation("keep-calm", "maintenance", rule=FULFILS.replace("fulfils", "relevant"))
    )
    assert "defects.toml:" in messages(result)
    assert "maintenance duty 'keep-calm' has no rule with effect 'breaches'" in messages(result)


def test_static__achievement_no_event_kind_can_fulfil(tmp_path: Path) -> None:
    """An achievement with only a breach rule is named: no event kind can fulfil it."""
    result = check(tmp_path, obligation("hand-over", "achievement", "deadline = 2020-11-20", BREACHES))
    assert "achievement 'hand-over' has no rule with effect 'fulfils'" in messages(result)


def test_static__a_note_saying_explicit_links_declares_the_route(tmp_path: Path) -> None:
    """An achievement whose note says it is evidenced by explicit links is not warned about."""
    result = check(tmp_path, obligation("talks", "achievement", 'note = "Only explicit links are used."'))
    assert "no rule with effect" not in messages(result)


def test_static__deadline_before_entry_into_force(tmp_path: Path) -> None:
    """A deadline before entry into force is named, with its line, and the file is left out."""
    result = check(tmp_path, obligation("too-early", "achievement", "deadline = 2020-11-01", FULFILS))
    assert "defects.toml:" in messages(result)
    assert "deadline 2020-11-01 is before entry into force 2020-11-10" in messages(result)


def test_static__amended_deadline_before_entry_into_force(tmp_path: Path) -> None:
    """An amendment moving a deadline before entry into force is named."""
    body = obligation("moved", "achievement", "deadline = 2020-11-20", FULFILS) + (
        '\n[[amendments]]\nobligation = "moved"\ndate = 2020-11-15\ndeadline = 2020-11-05\n'
        'source = "https://example.org/defects"\n'
    )
    assert "amended deadline 2020-11-05 of 'moved' is before its entry into force" in messages(
        check(tmp_path, body)
    )


def test_static__rule_place_not_in_the_gazetteer(tmp_path: Path) -> None:
    """A rule place that matches no gazetteer name is named; a known one is not."""
    rule = FULFILS + '\nplaces = ["Atlantis", "Aghdam"]'
    text = messages(check(tmp_path, obligation("somewhere", "achievement", "deadline = 2020-11-20", rule)))
    assert "place 'Atlantis' of rule 'done' matches no name in the gazetteer" in text
    assert "'Aghdam'" not in text


def test_static__ended_before_entry_into_force(tmp_path: Path) -> None:
    """A duty superseded before it enters into force is named, and the exploration warns it is never fulfilled."""
    body = obligation("ended-early", "achievement", "deadline = 2020-11-20", FULFILS) + (
        '\n[[endings]]\ndate = 2020-11-01\ntype = "superseded"\nby = "A later text"\n'
        'source = "https://example.org/defects"\nobligations = ["ended-early"]\n'
    )
    result = check(tmp_path, body)
    assert "'ended-early' is superseded by A later text on 2020-11-01" in messages(result)
    assert "ended-early: an achievement that never became fulfilled" in messages(result)


def test_static__two_contradictory_endings(tmp_path: Path) -> None:
    """A duty superseded on one date and terminated on another is named: say which ending holds."""
    body = obligation("twice", "maintenance", "", BREACHES)
    for day, kind in (("2021-01-01", "superseded"), ("2022-01-01", "terminated")):
        body += (
            f'\n[[endings]]\ndate = {day}\ntype = "{kind}"\nby = "Another text"\n'
            'source = "https://example.org/defects"\nobligations = ["twice"]\n'
        )
    assert "'twice' is ended more than once, in ways that disagree" in messages(check(tmp_path, body))


def test_static__carried_forward_after_it_was_superseded() -> None:
    """A later text carrying forward a duty an earlier relation already superseded is named."""

    ob_id = TRILATERAL.obligations[0].id
    ending = Relation(RelationType.SUPERSEDES, ob_id, date(2021, 1, 1), "https://example.org/a")
    carry = Relation(RelationType.CARRIES_FORWARD, ob_id, date(2022, 1, 1), "https://example.org/b")
    later = evolve(AGREEMENTS[1], relations=(ending, carry))
    found = static_problems([TRILATERAL], [TRILATERAL, later])
    assert any("it would be both ended and in force" in p.message for p in found)
