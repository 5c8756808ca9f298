"""The report as flat rows: one per obligation, for a spreadsheet or a data frame.

The JSON report nests agreements, articles, obligations, evidence and histories; a researcher who
wants a compliance table in pandas or R has to flatten it first. These rows are that table: the
status under the chosen policy and under each of the three (so a reader sees where the answer
depends on whose word one takes), the reason, the deadline and term, and the evidence counts by
grade. The evidence itself, the histories and the problems stay in the JSON and Markdown reports.
Formatting only: every value comes from the report.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from compliance.core.vocabulary import Grade, Trust
from compliance.views.report import Report

COLUMNS = (
    "as_of",
    "known_on",
    "trust",
    "agreement",
    "article",
    "obligation",
    "bearers",
    "beneficiaries",
    "modality",
    "kind",
    "status",
    "possible_statuses",
    "reason",
    *(f"status_{policy.value}" for policy in Trust),
    "deadline",
    "term_end",
    "not_formalised",
    "breach_on_record",
    "evidence_total",
    *(f"evidence_{grade.value}" for grade in Grade),
    "pam_score",
    "summary",
)
"""The columns, in order. Lists (bearers, possible statuses) are joined with ``;``; an absent
date is an empty cell."""


def report_rows(report: Report) -> Iterator[tuple[object, ...]]:
    """One tuple per obligation of the report, in its order, with the values of :data:`COLUMNS`."""
    by_trust = {t.obligation: {s.trust: s.status.value for s in t.statuses} for t in report.by_trust}
    for agreement in report.agreements:
        for article in agreement.articles:
            for r in article.obligations:
                ob = r.obligation
                statuses = by_trust.get(ob.id, {})
                yield (
                    report.as_of.isoformat(),
                    report.known_on.isoformat() if report.known_on else "",
                    report.trust.value,
                    agreement.agreement.id,
                    article.article.number,
                    ob.id,
                    ";".join(ob.bearers),
                    ";".join(ob.beneficiaries),
                    ob.modality.value,
                    ob.kind.value,
                    r.status.value,
                    ";".join(s.value for s in r.possible),
                    r.reason,
                    *(statuses.get(policy, "") for policy in Trust),
                    r.deadline.isoformat() if r.deadline else "",
                    r.term_end.isoformat() if r.term_end else "",
                    bool(ob.not_formalised),
                    r.breach_on_record,
                    article.evidence_total(ob.id),
                    *(r.evidence_count(grade) for grade in Grade),
                    r.pam_score,
                    ob.summary,
                )


def report_csv(report: Report) -> str:
    """:func:`report_rows` as CSV with a header row (RFC 4180 quoting, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(report_rows(report))
    return out.getvalue()
