"""Problems grouped by cause: one line for 20,000 rows that share a mistake.

A file from one unregistered outlet gives the same warning on every row. Listing each one buries
the other problems; grouping by (file, field, message, severity) keeps every count and the first
line numbers, so a reader still knows where to look and how much is affected.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from compliance.core.problems import Problem, Severity, in_order

LINES_KEPT = 10
"""Line numbers a group keeps (the JSON lists them; the command line prints fewer)."""
LINES_PRINTED = 5


@frozen
class ProblemGroup:
    """Problems that share a cause: the same file, field, message and severity."""

    file: str
    field: str
    message: str
    severity: Severity
    count: int
    lines: tuple[int, ...]
    """The first ``LINES_KEPT`` line numbers, in order."""
    line_ranges: tuple[tuple[int, int], ...] = ()
    """Every line with the problem, each once, as ``(first, last)`` runs of consecutive lines in
    order: the copies of one download in another are 194 rows and one run, ``((2, 195),)``, where
    ``lines`` keeps ten. A program can list them all; a million rows stay a few runs."""

    @property
    def first(self) -> Problem:
        """The first problem of the group, as it was found."""
        return Problem(self.file, self.lines[0], self.field, self.message, self.severity)

    def __str__(self) -> str:
        if self.count == 1:
            return str(self.first)
        tag = "" if self.severity is Severity.ERROR else "warning: "
        shown = ", ".join(str(n) for n in self.lines[:LINES_PRINTED])
        more = ", …" if self.count > LINES_PRINTED else ""
        return f"{self.file}: {self.field}: {tag}{self.message} ({self.count:,} rows; lines {shown}{more})"


def group_problems(problems: Iterable[Problem]) -> tuple[ProblemGroup, ...]:
    """Group problems by cause, in the order of each cause's first problem (problems sorted first)."""
    counts: dict[tuple[str, str, str, Severity], int] = {}
    lines: dict[tuple[str, str, str, Severity], list[int]] = {}
    runs: dict[tuple[str, str, str, Severity], list[list[int]]] = {}
    for p in in_order(problems):  # sorted(problems), without attrs' comparisons (20,000 warnings)
        key = (p.file, p.field, p.message, p.severity)
        counts[key] = counts.get(key, 0) + 1
        kept = lines.setdefault(key, [])
        if len(kept) < LINES_KEPT:
            kept.append(p.line)
        spans = runs.setdefault(key, [])
        if spans and p.line <= spans[-1][1] + 1:  # lines come in order: the run goes on (or repeats)
            spans[-1][1] = max(spans[-1][1], p.line)
        else:
            spans.append([p.line, p.line])
    groups = [
        ProblemGroup(*key, counts[key], tuple(lines[key]), tuple((a, b) for a, b in runs[key]))
        for key in counts
    ]
    return tuple(sorted(groups, key=lambda g: (g.file, g.lines[0], g.field, g.message, g.severity)))
