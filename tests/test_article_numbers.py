"""Article numbers: every number the loader accepts can be named by an explicit link, and back.

An event file names an article as ``AGREEMENT#ARTICLE[/OBLIGATION-ID]:EFFECT``. A number the
loader accepts but a link cannot carry would leave an article that no event file can reach, and
``compliance check`` would print witness files the reader rejects.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.core.events import Event, ExplicitLink
from compliance.core.model import Agreement
from compliance.core.timeframe import EventTime
from compliance.core.vocabulary import Effect, Status
from compliance.evaluation.evaluate import evaluate
from compliance.load.agreement_files import load_agreement_text, locate
from compliance.load.checks import check_agreements
from compliance.testing import events_csv, read_events_csv
from tests.support import PARTIES, ledger_from_csv


def toml_string(value: str) -> str:
    """A TOML basic string holding ``value`` exactly (JSON escapes, and DEL, which TOML refuses raw)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def agreement_text(number: str) -> str:
    return f"""\
id = "numbers-2024"
title = "An agreement with an odd article number"
short_title = "Numbers"
date = 2024-01-10
nature = "political-statement"
signatories = ["ARM", "AZE"]
utc_offset = "+02:00"
sources = ["https://example.org/numbers"]

[[articles]]
number = {toml_string(number)}
title = "Ceasefire"
text = "The parties cease fire."
source = "https://example.org/numbers"

[[obligations]]
id = "numbers-cf-arm"
article = {toml_string(number)}
summary = "Armenia ceases fire."
bearers = ["ARM"]
modality = "prohibition"
kind = "maintenance"
in_force = 2024-01-10
note = "only explicit links are used"
"""


def load(number: str) -> tuple[Agreement | None, list[str], str]:
    """The agreement (``None`` if refused), its problems as ``line: path: message``, and its text."""
    text = agreement_text(number)
    agreement, problems = load_agreement_text(text, "numbers.toml")
    if agreement is not None:
        problems = check_agreements([(agreement, "numbers.toml", text)], PARTIES)
    return agreement, [f"{p.line}: {p.field}: {p.message}" for p in problems], text


def breach(agreement: Agreement) -> Event:
    """An unaffiliated account of a breach by the bearer, linked explicitly to the one obligation."""
    ob = agreement.obligations[0]
    return Event(
        id="e1",
        when=EventTime(date(2024, 2, 1)),
        kind="statement",
        reported_by="Unaffiliated observer",
        reporter_party="none",
        actor="ARM",
        source_url="https://example.org/account",
        links=(ExplicitLink(agreement.id, ob.article, Effect.BREACHES, ob.id),),
    )


def assert_a_link_carries_it(agreement: Agreement) -> None:
    """The link survives text and our CSV, and an event file using it is read and linked."""
    event = breach(agreement)
    (link,) = event.links
    assert ExplicitLink.parse(str(link)) == link
    text = events_csv([event])
    read, problems = read_events_csv(text, PARTIES)
    assert (list(read), problems) == ([event], ())
    ledger = ledger_from_csv(text, "numbers.csv", agreements=[agreement])
    assert ledger.problems == ()
    result = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, date(2024, 3, 1))
    assert result.result(agreement.obligations[0].id).status is Status.VIOLATED


@pytest.mark.parametrize("number", ["1", "I-1", "1(a)", "١", "Art.2", "1bis", "IV.3-b", "Ⅻ", "第1条", "2_b"])
def test_article_number__an_accepted_number_is_carried_by_a_link(number: str) -> None:
    """'I-1', '1(a)', an Arabic-Indic digit …: the loader accepts them and a link names them."""
    agreement, problems, _ = load(number)
    assert problems == []
    assert agreement is not None
    assert_a_link_carries_it(agreement)


@pytest.mark.parametrize(
    "number",
    [
        "",
        "1 bis",
        "1\tb",
        " 1",
        "1\n",
        "1#2",
        "1/2",
        "1:2",
        "1;2",
        "1,2",
        "\u202e1",
        "1\u200b",
        "a\x00",
        "1" * 101,
    ],
)
def test_article_number__one_a_link_cannot_carry_is_refused_at_its_key(number: str) -> None:
    """White space, control and invisible characters, a link's separators: an error at the key's line."""
    agreement, problems, text = load(number)
    assert agreement is None
    line = locate(text, "$.articles[0].number")
    assert text.splitlines()[line - 1].startswith("number = ")
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{line}: $.articles[0].number: ")
    assert "link" in problems[0]


@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=12))
def test_article_number__accepted_means_linkable(number: str) -> None:
    """Any string: either the loader refuses it at ``$.articles[0].number``, or a link carries it
    through ``events_csv`` and ``read_events_csv`` unchanged and links the account."""
    agreement, problems, text = load(number)
    if agreement is None:
        line = locate(text, "$.articles[0].number")
        assert problems
        assert all(p.startswith(f"{line}: $.articles[0].number: ") for p in problems), problems
        return
    assert problems == []
    assert_a_link_carries_it(agreement)


def test_article_number__a_link_with_an_odd_number_parses() -> None:
    """The link syntax takes any number the loader takes, Unicode digits and brackets included."""
    link = ExplicitLink.parse("numbers-2024#١(a)/numbers-cf-arm:breaches")
    assert (link.article, link.obligation, link.effect) == ("١(a)", "numbers-cf-arm", Effect.BREACHES)
    with pytest.raises(ValueError, match="bad link"):
        ExplicitLink.parse("numbers-2024#1 bis:breaches")
