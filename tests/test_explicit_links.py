"""Explicit links: one account has at most one link to an obligation, whatever its references say.

A PAM score counts progress *accounts* and ``evidence_total`` counts accounts: a reference given
twice, or an article-level reference beside one naming the obligation, must not count an account
twice. References that contradict each other (the account fulfils and breaches one obligation)
reject the record with a problem in ``links``.
"""

from __future__ import annotations

from datetime import date

from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.core.events import Event, ExplicitLink, Origin
from compliance.core.problems import Severity
from compliance.core.vocabulary import Effect
from compliance.evaluation.evaluate import evaluate
from compliance.linking.ledger import Ledger, assemble
from compliance.readers import Record
from compliance.testing.strategies import accounts_for
from tests.support import AGREEMENTS, PARTIES, ledger_from_csv, rows

EXCHANGE = "ts2020-8-exchange-arm"
AS_OF = date(2021, 1, 1)
SRC = "https://example.org/account"


def exchange(links: str, actor: str = "ARM") -> str:
    """One prisoner-exchange account by an unaffiliated reporter, with the given links."""
    return rows(f"P1,2020-12-14,,prisoner-exchange,{actor},,Reuters,none,{SRC},,{links},")


def counted(ledger: Ledger, obligation: str = EXCHANGE) -> tuple[str, int, int | None]:
    result = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, AS_OF).result(
        obligation
    )
    return result.status.value, result.evidence_total, result.pam_score


def link_problems(ledger: Ledger) -> list[str]:
    return [str(p) for p in ledger.problems if p.field == "links"]


ONE = f"trilateral-2020#8/{EXCHANGE}:progress"


def test_repeated_link__counts_the_account_once_and_warns() -> None:
    """The same reference twice: one link, the same status, evidence total and PAM as once, and a
    warning naming the file, line and field."""
    once = ledger_from_csv(exchange(ONE))
    twice = ledger_from_csv(exchange(f"{ONE};{ONE}"))
    assert counted(once) == ("in-progress", 1, 1)
    assert counted(twice) == counted(once)
    assert twice.links == once.links
    assert link_problems(once) == []
    assert link_problems(twice) == [
        f"test.csv:2: links: warning: 2 links reach obligation {EXCHANGE} as 'progress' ({ONE}, {ONE}): one link is made"
    ]
    assert twice.accounting == once.accounting


def test_article_and_obligation_link__with_one_effect_are_one_link() -> None:
    """An article-level reference and one naming the obligation, with the same effect: one link."""
    once = ledger_from_csv(exchange(ONE))
    both = ledger_from_csv(exchange(f"trilateral-2020#8:progress;{ONE}"))
    assert counted(both) == counted(once) == ("in-progress", 1, 1)
    assert [(k.obligation, k.effect) for k in both.links] == [(EXCHANGE, Effect.PROGRESS)]
    assert [p.severity for p in both.problems] == [Severity.WARNING]


def test_article_and_obligation_link__the_link_naming_the_obligation_wins() -> None:
    """An article-level reference reaching the obligation with another effect gives way to the
    reference naming it (with a warning); it still reaches the article's other obligations."""
    ledger = ledger_from_csv(
        rows(
            f"C1,2021-03-01,,armed-clash,,,Reuters,none,{SRC},,"
            "trilateral-2020#1:breaches;trilateral-2020#1/ts2020-1-ceasefire-aze:breaches,"
        )
    )
    effects = {k.obligation: k.effect for k in ledger.links}
    assert effects == {
        "ts2020-1-ceasefire-aze": Effect.BREACHES,
        "ts2020-1-ceasefire-arm": Effect.RELEVANT,  # the article-level breach names no bearer
        "ts2020-1-positions-aze": Effect.RELEVANT,
        "ts2020-1-positions-arm": Effect.RELEVANT,
    }
    assert link_problems(ledger) == [
        "test.csv:2: links: warning: link trilateral-2020#1:breaches is not applied to obligation "
        "ts2020-1-ceasefire-aze: the link naming it says 'breaches'"
    ]


def test_contradicting_links__reject_the_record_with_a_problem_in_links() -> None:
    """One account that both fulfils and breaches one obligation: rejected, naming both references."""
    ledger = ledger_from_csv(
        exchange(f"trilateral-2020#8/{EXCHANGE}:fulfils;trilateral-2020#8/{EXCHANGE}:breaches")
    )
    assert ledger.links == ()
    assert (ledger.accounting.read, ledger.accounting.rejected) == (1, 1)
    assert link_problems(ledger) == [
        f"test.csv:2: links: links trilateral-2020#8/{EXCHANGE}:breaches, trilateral-2020#8/{EXCHANGE}:fulfils "
        f"say that the account breaches and fulfils obligation {EXCHANGE}: an account makes one claim about an obligation"
    ]
    assert [p.severity for p in ledger.problems] == [Severity.ERROR]


def test_contradicting_links__two_article_level_references_contradict_too() -> None:
    """``#8:progress`` and ``#8:fulfils`` both reach the actor's obligation of article 8: rejected."""
    ledger = ledger_from_csv(exchange("trilateral-2020#8:progress;trilateral-2020#8:fulfils"))
    assert ledger.accounting.rejected == 1
    assert len(ledger.errors) == 1
    assert "an account makes one claim about an obligation" in ledger.errors[0].message


def _ledger(events: list[Event]) -> Ledger:
    return assemble(AGREEMENTS, PARTIES, [Record(Origin("t.csv", n + 2), e) for n, e in enumerate(events)])


def _outputs(ledger: Ledger) -> tuple[object, ...]:
    found: list[object] = [ledger.links, ledger.accounting, ledger.errors]
    for as_of in (date(2021, 1, 1), date(2023, 6, 30), date(2026, 1, 1)):
        found.append(evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, as_of))
    return tuple(found)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of([accounts_for(a, parties=PARTIES) for a in AGREEMENTS]), max_size=8),
    st.data(),
)
def test_property__repeating_explicit_links_changes_no_output(
    events: list[Event], data: st.DataObject
) -> None:
    """Repeating any explicit link of any account, in any order, changes no status, evidence list,
    evidence total, PAM score, history, link or count: an account is counted once per obligation."""
    events = [evolve(e, id=f"e{i}") for i, e in enumerate(events)]
    repeated = []
    for event in events:
        refs: list[ExplicitLink] = []
        for ref in event.links:
            refs += [ref] * data.draw(st.integers(1, 3))
        repeated.append(evolve(event, links=tuple(data.draw(st.permutations(refs)))))
    assert _outputs(_ledger(repeated)) == _outputs(_ledger(events))


def test_explicit_link__a_border_account_carries_the_disputed_scope_caveat_as_a_rule_made_one() -> None:
    """A clash on the Armenia-Azerbaijan border linked by hand to point 1 of 2020, whose stated
    area (the Nagorno-Karabakh conflict zone) may or may not reach the border: linked as written,
    with the caveat a rule-made link there carries, so an unaffiliated source does not confirm it."""
    link = "trilateral-2020#1/ts2020-1-ceasefire-aze:breaches"
    by_hand = f"B1,2021-11-16,,armed-clash,AZE,Sotk,Reuters,none,{SRC},,{link},"
    by_rule = f"B2,2021-11-16,,armed-clash,AZE,Sotk,Reuters,none,{SRC},,,"
    ledger = ledger_from_csv(rows(by_hand, by_rule))
    caveats = {
        (lk.event, lk.basis): lk.caveat for lk in ledger.links if lk.obligation == "ts2020-1-ceasefire-aze"
    }
    assert caveats[("B1", "explicit")] == "outside the stated area, scope disputed"
    assert caveats[("B1", "explicit")] == next(c for (e, _), c in caveats.items() if e == "B2")
    result = evaluate(AGREEMENTS, ledger.events, ledger.links, ledger.parties, date(2021, 12, 31))
    assert result.result("ts2020-1-ceasefire-aze").status.value == "disputed"
