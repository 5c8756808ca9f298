"""Ids in natural order: E9 before E10, ARM99 before ARM100, wherever ids are listed in id order.

Sorted as text, the unlinked records of a report read E1, E10, E11, E2 …: the reader counting
them lost their place. The rows here are SYNTHETIC.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from compliance.cli import main
from compliance.core.natural_order import in_natural_order, natural_key
from compliance.linking.ledger import build_ledger
from compliance.views.activity import activity
from compliance.views.report import Report
from tests.support import ledger_from_csv, rows

# Ids as ledgers meet them: letters, digits, and the separators ids use; no control character.
ID_TEXT = st.text(alphabet="AEMRZaz-_.:0123456789", max_size=12)
PREFIXES = st.text(alphabet="ARMZ-", max_size=4)


def test_natural_order__numbers_by_value_text_as_text() -> None:
    ids = ["E10", "ARM100", "E9", "ARM99", "E", "E07", "E7", "AR5", "ARM", "E9a", "E9-2", "E9-10"]
    assert in_natural_order(ids) == [
        "AR5",
        "ARM",
        "ARM99",
        "ARM100",
        "E",
        "E07",
        "E7",
        "E9",
        "E9-2",
        "E9-10",
        "E9a",
        "E10",
    ]


@given(st.lists(ID_TEXT, unique=True), st.randoms(use_true_random=False))
def test_natural_order__a_permutation_in_one_order_whatever_the_input_order(
    ids: list[str], shuffle: random.Random
) -> None:
    """Sorted output holds every id once, and the same order comes from any order of the input:
    the key is total (ids equal as numbers, E7 and E07, are told apart by their text)."""
    ordered = in_natural_order(ids)
    assert sorted(ordered) == sorted(ids)
    shuffled = list(ids)
    shuffle.shuffle(shuffled)
    assert in_natural_order(shuffled) == ordered
    assert sorted(shuffled, key=natural_key) == ordered  # the key and the fast sort agree
    assert len({natural_key(i) for i in ids}) == len(ids)


@st.composite
def _ids_of_one_length(draw: st.DrawFn) -> list[str]:
    """Ids of one length, either all of one shape (a template whose digits are drawn, leading
    zeros and all: ``SYN-00000001``) or of shapes that differ (``A10`` and ``AA1``)."""
    template = draw(st.text(alphabet="AZ-0", min_size=1, max_size=8))
    digits = st.sampled_from("0123456789")
    if draw(st.booleans()):  # one shape
        chars = [digits if c == "0" else st.just(c) for c in template]
    else:  # any character anywhere: shapes differ
        chars = [st.sampled_from("0123456789AZ-") for _ in template]
    return draw(st.lists(st.tuples(*chars).map("".join), unique=True))


@given(_ids_of_one_length())
def test_natural_order__ids_of_one_shape_sorted_as_text_are_in_natural_order(ids: list[str]) -> None:
    """The shortcut for ids of one shape (sorted as text, no encoding) gives the order of the
    key, and ids of one length but different shapes (``A10`` and ``AA1``) still take the key's."""
    assert in_natural_order(ids) == sorted(ids, key=natural_key)


@st.composite
def _ids_of_many_shapes(draw: st.DrawFn) -> list[str]:
    """Ids as a full export gives them, a few prefixes each with numbers of several lengths
    (``ARM999``, ``ARM1000``, ``AZE10``: shapes whose ranges do not overlap), and ids whose
    shapes' ranges overlap or touch: ``E2-10`` between ``E1-100`` and ``E3-100``, or ids equal
    as numbers (``E7``, ``E07``), drawn from a small pool of numbers so that they occur; an id
    may come twice."""
    prefixes = draw(st.lists(st.text(alphabet="ARMZE-", max_size=3), min_size=1, max_size=4))
    small = st.integers(0, 12)
    number = st.one_of(small, st.integers(0, 10**6)).map(str)
    zeros = st.sampled_from(["", "", "0", "00"])
    part = st.tuples(zeros, number).map("".join)
    tail = st.one_of(st.just(""), part.map(lambda p: f"-{p}"))
    one = st.tuples(st.sampled_from(prefixes), part, tail).map("".join)
    return draw(st.lists(one)) + draw(st.lists(ID_TEXT, max_size=3 if draw(st.booleans()) else 0))


@given(_ids_of_many_shapes(), st.randoms(use_true_random=False))
@example(["E5", "E7", "E07", "E08"], random.Random(0))  # touching ranges: one cluster
@example(["E1-100", "E3-100", "E2-10"], random.Random(0))  # overlapping ranges
@example(["E1-100", "E9-100", "E2-10", "E5-1"], random.Random(0))  # a cluster wider than its last shape
@example(["ARM999", "ARM1000", "AZE10", "ARM999"], random.Random(0))  # apart, and an id twice
def test_natural_order__shapes_one_after_the_other_give_the_order_of_the_key(
    ids: list[str], shuffle: random.Random
) -> None:
    """Ids of many shapes: each shape's ids in text order, the shapes put one after the other
    where their ranges do not overlap, is the key's order; where they overlap or touch, the key
    decides."""
    shuffle.shuffle(ids)
    assert in_natural_order(ids) == sorted(ids, key=natural_key)


@given(PREFIXES, PREFIXES, st.lists(st.integers(0, 10**12), min_size=2, unique=True))
def test_natural_order__ids_differing_in_one_number_follow_the_number(
    before: str, after: str, numbers: list[int]
) -> None:
    """Ids that differ only in one number (written without leading zeros) come in its order."""
    ids = [f"{before}{n}{after}" for n in numbers]
    assert in_natural_order(ids) == [f"{before}{n}{after}" for n in sorted(numbers)]


def test_natural_order__the_ledger_and_the_reports_list_unlinked_records_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ledger's unlinked ids, the JSON report's list and the Markdown's first records of a
    reason are in natural order, whatever the order of the rows."""
    ids = ["U10", "U9", "U100", "U1"]
    lines = [f"{i},2021-08-01,,other,,Goris,Reuters,none,,,,Nothing to link." for i in ids]
    ledger = ledger_from_csv(rows(*lines))
    assert ledger.unlinked == ("U1", "U9", "U10", "U100")
    assert tuple(ledger.why_unlinked) == ledger.unlinked
    path = tmp_path / "events.csv"
    path.write_text(rows(*reversed(lines)), encoding="utf-8")
    argv = ["report", "--events", str(path), "--as-of", "2021-12-31"]
    assert main([*argv, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["unlinked"] == ["U1", "U9", "U10", "U100"]
    assert main(argv) == 0
    assert "`U1`, `U9`, `U10`, `U100`" in capsys.readouterr().out


def test_natural_order__a_report_shows_incidents_in_natural_order() -> None:
    """Three incidents, each one account of Armenia's side firing by Azerbaijan's border guards
    (alleged: every one is shown), listed I9, I10, I100 in any order of the rows."""
    src = "https://example.org/account"
    lines = [
        f"S{n},2023-06-15,,ceasefire-violation,ARM,Lachin corridor,State Border Service of Azerbaijan,AZE,"
        f"{src},I{n},,"
        for n in (100, 9, 10)
    ]
    for order in (lines, lines[::-1]):
        report = Report.build(ledger_from_csv(rows(*order)), "2023-06-30", "trilateral-2020")
        shown = [i.id for a in report.agreements for art in a.articles for i in art.incidents]
        assert shown == ["I9", "I10", "I100"]


def test_natural_order__activity_rows_follow_obligation_ids_in_natural_order(tmp_path: Path) -> None:
    """The SYNTHETIC short truce of examples/, one obligation renamed ``abt-10-truce-brv``: its
    rows come after those of ``abt-2`` … ``abt-4``, not between ``abt-1`` and ``abt-2``."""
    examples = Path(__file__).parent.parent / "examples"
    for name in ("short-truce-agreement.toml", "short-truce-events.csv"):
        text = (examples / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("abt-1-truce-brv", "abt-10-truce-brv"), encoding="utf-8")
    ledger = build_ledger(
        [tmp_path / "short-truce-agreement.toml"],
        [tmp_path / "short-truce-events.csv"],
        parties_path=examples / "short-truce-parties.toml",
        reporters_path=examples / "short-truce-reporters.toml",
        gazetteer_path=examples / "short-truce-places.toml",
    )
    table = activity(ledger, "2025-01-01", "2025-12-31", "year")
    ids = list(dict.fromkeys(row.obligation for row in table.rows))
    assert ids == [
        "abt-1-truce-ald",
        "abt-2-access-brv",
        "abt-3-exchange",
        "abt-4-monitoring",
        "abt-10-truce-brv",
    ]
