"""Violation counts (``compliance activity``) as Markdown, JSON and CSV. Formatting only.

JSON schema ``ceasefire-compliance/activity/1`` (docs/report-schema.md). Every format has one
row per period, agreement, obligation, bearers, effect and grade with at least one account, and
breach accounts that may be dated after their term expired in rows of their own
(``maybe_after_end``), which the Markdown prints in a table of their own.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from compliance.render.indented import dumps
from compliance.render.safe import code, spreadsheet_row, text
from compliance.views.activity import Activity, ActivityRow

SCHEMA = "ceasefire-compliance/activity/1"
COLUMNS = (
    "period",
    "period_end",
    "agreement",
    "obligation",
    "bearers",
    "effect",
    "grade",
    "accounts",
    "incidents",
    "maybe_after_end",
)


def _values(row: ActivityRow) -> tuple[str | int, ...]:
    return (
        row.period_start.isoformat(),
        row.period_end.isoformat(),
        row.agreement,
        row.obligation,
        row.bearers,
        row.effect.value,
        row.grade.value,
        row.accounts,
        row.incidents,
        row.maybe_after_end,
    )


CSV_COLUMNS = (*COLUMNS, "known_on", "trust")
"""The CSV's header: the JSON rows' keys, then what the whole run was made under (the JSON gives
those once, at the top), as the report's CSV rows end with them."""


def activity_csv(result: Activity) -> str:
    """One row per count; ``period`` is the period's first day, ``period_end`` its last.

    Each row ends with the run's ``known_on`` (empty when every account was counted) and trust
    policy: counts made under ``strict`` and ``broad`` and put into one table could not be told
    apart by anything in their rows.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    run = (result.known_on.isoformat() if result.known_on else "", result.trust.value)
    for row in result.rows:
        writer.writerow(spreadsheet_row((*_values(row), *run)))
    return out.getvalue()


def activity_dict(result: Activity) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
        "every": result.every,
        "trust": result.trust.value,
        "known_on": result.known_on.isoformat() if result.known_on else None,
        "rows": [dict(zip(COLUMNS, _values(row), strict=True)) for row in result.rows],
    }


def activity_json(result: Activity) -> str:
    return dumps(activity_dict(result)) + "\n"


def _known_on(result: Activity) -> str:
    if result.known_on is None:
        return ""
    return f" Only accounts reported by {result.known_on.isoformat()} are counted."


def activity_markdown(result: Activity) -> str:
    lines = [
        f"# Accounts per {result.every}, {result.start.isoformat()} to {result.end.isoformat()}",
        "",
        f"Trust policy: {result.trust.value}.{_known_on(result)} Each account is a claim attributed to its reporter; "
        "the grade says how far it can be relied on, not whether it is true. An account without "
        "an incident id counts as its own incident. An account that bears on several obligations "
        "is counted in the row of each, so a column's total is not a number of distinct accounts "
        "or incidents.",
        "",
        _HEADER,
        _RULE,
    ]
    plain = [row for row in result.rows if not row.maybe_after_end]
    apart = [row for row in result.rows if row.maybe_after_end]
    lines += [_row_line(row) for row in plain] or ["| – | – | – | – | – | – | 0 | 0 |"]
    if apart:
        lines += [
            "",
            "Breach accounts dated when the term may already have expired (a notice dated to a range "
            "leaves its end uncertain): each may be no breach of it, so they are counted here, apart "
            "from the table above.",
            "",
            _HEADER,
            _RULE,
            *map(_row_line, apart),
        ]
    return "\n".join(lines) + "\n"


_HEADER = "| Period | Agreement | Obligation | Bearers | Effect | Grade | Accounts | Incidents |"
_RULE = "|---|---|---|---|---|---|---|---|"


def _row_line(row: ActivityRow) -> str:
    return (
        f"| {row.period_start.isoformat()} to {row.period_end.isoformat()} | {text(row.agreement)} "
        f"| {code(row.obligation)} | {text(row.bearers.replace(';', ', '))} | {row.effect.value} | {row.grade.value} "
        f"| {row.accounts} | {row.incidents} |"
    )
