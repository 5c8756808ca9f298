"""Violation counts (``compliance activity``) as Markdown, JSON and CSV. Formatting only.

JSON schema ``ceasefire-compliance/activity/1`` (docs/report-schema.md). Every format has one
row per period, agreement, obligation, bearers, effect and grade with at least one account.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

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
    )


def activity_csv(result: Activity) -> str:
    """One row per count; ``period`` is the period's first day, ``period_end`` its last."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in result.rows:
        writer.writerow(spreadsheet_row(_values(row)))
    return out.getvalue()


def activity_dict(result: Activity) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
        "every": result.every,
        "trust": result.trust.value,
        "rows": [dict(zip(COLUMNS, _values(row), strict=True)) for row in result.rows],
    }


def activity_json(result: Activity) -> str:
    return json.dumps(activity_dict(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def activity_markdown(result: Activity) -> str:
    lines = [
        f"# Accounts per {result.every}, {result.start.isoformat()} to {result.end.isoformat()}",
        "",
        f"Trust policy: {result.trust.value}. Each account is a claim attributed to its reporter; "
        "the grade says how far it can be relied on, not whether it is true. An account without "
        "an incident id counts as its own incident.",
        "",
        "| Period | Agreement | Obligation | Bearers | Effect | Grade | Accounts | Incidents |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in result.rows:
        lines.append(
            f"| {row.period_start.isoformat()} to {row.period_end.isoformat()} | {text(row.agreement)} "
            f"| {code(row.obligation)} | {text(row.bearers)} | {row.effect.value} | {row.grade.value} "
            f"| {row.accounts} | {row.incidents} |"
        )
    if not result.rows:
        lines.append("| – | – | – | – | – | – | 0 | 0 |")
    return "\n".join(lines) + "\n"
