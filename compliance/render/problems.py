"""Problems grouped by cause, for the Markdown report, the JSON report and standard error.

The grouping is done in :mod:`compliance.views.problems`; these functions only lay it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from compliance.core.problems import Problem
from compliance.render.safe import cell
from compliance.views.problems import LINES_PRINTED, group_problems

if TYPE_CHECKING:  # (validation's view loads the readers and linking, which a report has no need of)
    from compliance.views.validation import UnlinkedGroup

MAX_GROUPS_SHOWN = 200


def problem_table(problems: Sequence[Problem]) -> list[str]:
    """One row per cause: file, first lines, field, severity, message and how many rows share it."""
    if not problems:
        return []
    groups = group_problems(problems)
    out = [
        "### Problems",
        "",
        "| File | Lines | Field | Severity | Message | Rows |",
        "|---|---|---|---|---|---|",
    ]
    for g in groups[:MAX_GROUPS_SHOWN]:
        lines = ", ".join(str(n) for n in g.lines[:LINES_PRINTED]) + (
            ", …" if g.count > LINES_PRINTED else ""
        )
        out.append(
            f"| {cell(g.file, 200)} | {lines} | {cell(g.field, 80)} | {g.severity.value} "
            f"| {cell(g.message)} | {g.count} |"
        )
    more = len(groups) - MAX_GROUPS_SHOWN
    if more > 0:
        out.append(f"\n{more} more causes of problems are listed in the JSON report.")
    return [*out, ""]


def problem_dicts(problems: Sequence[Problem]) -> list[dict[str, Any]]:
    """The JSON form: one object per cause, with the first line, the first ten, every line as
    runs of consecutive lines, and the count."""
    return [
        {
            "file": g.file,
            "line": g.lines[0],
            "lines": list(g.lines),
            "line_ranges": [list(run) for run in g.line_ranges],
            "count": g.count,
            "field": g.field,
            "message": g.message,
            "severity": g.severity.value,
        }
        for g in group_problems(problems)
    ]


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """What standard error shows: one line per cause."""
    return [str(g) for g in group_problems(problems)]


def unlinked_lines(groups: Sequence[UnlinkedGroup]) -> list[str]:
    """What standard error shows of the unlinked records: one line per file and reason, in the
    form of a problem (``file:line: unlinked: reason``) or of a group of them (``file: unlinked:
    reason (n rows; lines …)``), so that the counts beside the accounting can be checked row by row.
    """
    out: list[str] = []
    for g in groups:
        if g.count == 1 and g.lines:
            out.append(f"{g.file}:{g.lines[0]}: unlinked: {g.reason}")
            continue
        shown = ", ".join(str(n) for n in g.lines[:LINES_PRINTED])
        more = ", …" if g.count > LINES_PRINTED else ""
        where = f"; line{'s' if g.count > 1 else ''} {shown}{more}" if shown else ""
        out.append(f"{g.file}: unlinked: {g.reason} ({g.count:,} row{'s' if g.count != 1 else ''}{where})")
    return out
