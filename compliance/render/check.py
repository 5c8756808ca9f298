"""The result of ``compliance check`` as Markdown and JSON. Formatting only: every status was decided by the view.

Problems, warnings and law messages quote agreement files (a rule's place, an unknown article):
they go through the escaping of :mod:`compliance.render.safe`, and event files are fenced so
that no field of theirs can close the block.
"""

from __future__ import annotations

import json

from compliance.load.converter import converter
from compliance.render.safe import code, fenced, span, text
from compliance.testing.check import Check
from compliance.testing.explore import law_examples
from compliance.testing.laws import LAWS

NOTHING_LOADED = (
    "No agreement was loaded (a file with an error is left out): no law was run and no obligation explored."
)


def check_markdown(check: Check) -> str:
    agreements = sorted(set(check.agreements) | {ob.agreement for ob in check.obligations})
    problems = [f"- {span(str(p))}" for p in check.problems] or ["None."]
    if not agreements:  # no law held and no status is unreachable: nothing was checked
        return (
            "\n".join(["# Check: no agreement loaded", "", NOTHING_LOADED, "", "## Problems", "", *problems])
            + "\n"
        )
    lines = [
        f"# Check of {', '.join(map(text, agreements))}",
        "",
        f"{len(check.obligations)} obligations; {check.examples} generated examples per obligation and "
        f"{law_examples(check.examples)} per law; seed {check.seed}. "
        + (
            f"Rule places looked up in {code(check.gazetteer)}."
            if check.gazetteer
            else "Rule places not looked up (no gazetteer)."
        ),
        "",
        "## Problems",
        "",
        *problems,
    ]
    lines += ["", "## Laws", ""]
    failed = {c.law for c in check.counterexamples}
    lines += [f"- {name}: {'COUNTEREXAMPLE' if name in failed else 'held'}" for name in LAWS]
    for c in check.counterexamples:
        lines += [
            "",
            f"### Counterexample: {text(c.law)}",
            "",
            text(c.message),
            "",
            f"As of {c.as_of}, with this event file:",
            "",
            *fenced(c.csv, "csv"),
        ]
    lines += ["", "## Reachable statuses", ""]
    lines += ["| Obligation | Kind | Reachable | Warnings |", "|---|---|---|---|"]
    for ob in check.obligations:
        kind = ob.kind.value if ob.modality.value != "permission" else f"{ob.kind.value} (permission)"
        lines.append(
            f"| {code(ob.obligation)} | {kind} | {', '.join(s.value for s in ob.reachable)} | {len(ob.warnings) or ''} |"
        )
    if check.warnings:
        lines += ["", "## Warnings", ""]
        lines += [f"- {text(w)}" for w in check.warnings]
    lines += [
        "",
        "## Witnesses",
        "",
        "The smallest event file found that gives each status, and the date as of which it holds.",
    ]
    for ob in check.obligations:
        lines += ["", f"### {text(ob.obligation)}"]
        for w in ob.witnesses:
            count = f"{len(w.events)} account{'s' if len(w.events) != 1 else ''}"
            lines += [
                "",
                f"**{w.status.value}** as of {w.as_of} ({count}):",
                "",
                *fenced(w.csv, "csv"),
            ]
    return "\n".join(lines) + "\n"


def check_json(check: Check) -> str:
    """Schema ``ceasefire-compliance/check/1``, documented in docs/report-schema.md."""
    failed = {c.law for c in check.counterexamples}
    checked = bool(check.agreements or check.obligations)
    data = {
        "schema": "ceasefire-compliance/check/1",
        "examples": check.examples,
        "seed": check.seed,
        "gazetteer": check.gazetteer,
        "problems": [converter.unstructure(p) for p in check.problems],
        # No agreement checked: no law was run, so none is listed as held.
        "laws": {name: ("counterexample" if name in failed else "held") for name in LAWS if checked},
        "counterexamples": [
            {"law": c.law, "message": c.message, "as_of": c.as_of.isoformat(), "events_csv": c.csv}
            for c in check.counterexamples
        ],
        "obligations": [
            {
                "agreement": ob.agreement,
                "obligation": ob.obligation,
                "kind": ob.kind.value,
                "modality": ob.modality.value,
                "reachable": [
                    {"status": w.status.value, "as_of": w.as_of.isoformat(), "events_csv": w.csv}
                    for w in ob.witnesses
                ],
                "warnings": list(ob.warnings),
            }
            for ob in check.obligations
        ],
    }
    # Sorted keys, as every JSON document of the command line (docs/report-schema.md): two runs
    # compare line by line.
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
