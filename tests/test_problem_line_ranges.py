"""The JSON report's grouped problems give every line of a cause as runs of consecutive lines
(``line_ranges``, docs/report-schema.md#problems), beside the first ten (``lines``)."""

from __future__ import annotations

import itertools
import random

from hypothesis import given
from hypothesis import strategies as st

from compliance.core.problems import Problem, Severity
from compliance.render.problems import problem_dicts


def _every_line(ranges: list[list[int]]) -> list[int]:
    return [line for first, last in ranges for line in range(first, last + 1)]


@given(st.lists(st.integers(0, 400), min_size=1, max_size=300), st.randoms(use_true_random=False))
def test_line_ranges__give_every_line_once_in_the_fewest_runs_whatever_the_order(
    lines: list[int], shuffle: random.Random
) -> None:
    """The runs expand to exactly the lines with the problem, each once and in order; two runs
    never touch (else they would be one); the problems' order changes nothing."""
    problems = [Problem("b.csv", n, "event_id_cnty", "id given again", Severity.WARNING) for n in lines]
    [group] = problem_dicts(problems)
    shuffle.shuffle(problems)
    assert problem_dicts(problems) == [group]
    ranges = group["line_ranges"]
    assert _every_line(ranges) == sorted(set(lines))
    assert all(first <= last for first, last in ranges)
    assert all(after[0] > before[1] + 1 for before, after in itertools.pairwise(ranges))
    assert group["lines"] == sorted(lines)[:10]
    assert group["count"] == len(lines)


def test_line_ranges__two_downloads_overlapping_by_194_rows_give_one_run() -> None:
    """SYNTHETIC problems: the 194 copies a second download holds on its lines 2-195, and two
    more further down, give three runs a program can list, where ``lines`` keeps ten."""
    lines = [*range(2, 196), 300, 302]
    problems = [Problem("b.csv", n, "event_id_cnty", "id given again", Severity.WARNING) for n in lines]
    [group] = problem_dicts(problems)
    assert group["count"] == 196
    assert group["lines"] == list(range(2, 12))
    assert group["line_ranges"] == [[2, 195], [300, 300], [302, 302]]
