"""Timeline and diff tables as Markdown, CSV and JSON. Formatting only."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from ..timeline import Change, Timeline


def timeline_markdown(t: Timeline) -> str:
    head = "| Agreement | Article | Obligation | " + " | ".join(d.isoformat() for d in t.dates) + " |"
    rule = "|---|---|---|" + "---|" * len(t.dates)
    rows = [
        f"| {r.agreement} | {r.article} | {'`' + r.obligation + '`' if r.obligation else '**article**'} | "
        + " | ".join(s.value for s in r.statuses)
        + " |"
        for r in t.rows
    ]
    return "\n".join([head, rule, *rows]) + "\n"


def timeline_csv(t: Timeline) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["agreement", "article", "obligation", *(d.isoformat() for d in t.dates)])
    for r in t.rows:
        writer.writerow([r.agreement, r.article, r.obligation or "", *(s.value for s in r.statuses)])
    return out.getvalue()


def timeline_json(t: Timeline) -> str:
    data = {
        "schema": "ceasefire-compliance/timeline/1",
        "dates": [d.isoformat() for d in t.dates],
        "rows": [
            {
                "agreement": r.agreement,
                "article": r.article,
                "obligation": r.obligation,
                "statuses": [s.value for s in r.statuses],
            }
            for r in t.rows
        ],
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


ORDER = ("new", "changed", "carried-over", "resolved")


def diff_markdown(changes: Sequence[Change], before: str, after: str) -> str:
    lines = [f"# Findings: {before} → {after}", ""]
    for category in ORDER:
        mine = [c for c in changes if c.category == category]
        lines += [f"## {category.capitalize()} ({len(mine)})", ""]
        if mine:
            lines += ["| Obligation | Article | Before | After |", "|---|---|---|---|"]
            lines += [
                f"| `{c.obligation}` | {c.agreement} {c.article} | {c.before.value} | {c.after.value} |"
                for c in mine
            ]
        else:
            lines.append("None.")
        lines.append("")
    return "\n".join(lines)


def diff_json(changes: Sequence[Change], before: str, after: str) -> str:
    data = {
        "schema": "ceasefire-compliance/diff/1",
        "from": before,
        "to": after,
        "findings": {
            category: [
                {
                    "obligation": c.obligation,
                    "agreement": c.agreement,
                    "article": c.article,
                    "before": c.before.value,
                    "after": c.after.value,
                }
                for c in changes
                if c.category == category
            ]
            for category in ORDER
        },
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
