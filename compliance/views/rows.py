"""The report as flat rows: one per obligation, for a data frame, a spreadsheet or a CSV file.

The report nests agreements, articles, obligations, evidence and histories; a researcher who
wants a compliance table in pandas or R has to flatten it first. These rows are that table, the
same for ``Report.to_rows()`` and the CSV report: the status under the
report's policy and under each of the three (where they differ, the answer depends on whose word
one takes), why, the deadline and term, and the evidence counts by grade. The evidence itself,
the histories and the problems stay in the JSON and Markdown reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compliance.core.vocabulary import Grade, Trust

if TYPE_CHECKING:  # the report imports this module when asked for its rows
    from compliance.views.report import Report

Value = str | int | bool | None
"""A cell: text, a count, a flag, or ``None`` for an absent date or score."""

COLUMNS: tuple[str, ...] = (
    "agreement",
    "article",
    "obligation",
    "bearers",
    "status",
    "pam_score",
    "deadline",
    "evidence_total",
    *(f"evidence_{grade.value}" for grade in Grade),
    "why",
    "reason",
    "possible_statuses",
    *(f"status_{policy.value}" for policy in Trust),
    "term_end",
    "breach_on_record",
    "not_formalised",
    "beneficiaries",
    "modality",
    "kind",
    "summary",
    "as_of",
    "known_on",
    "trust",
    "term_end_latest",
    "deadline_note",
    "note",
    "scope_disputed",
)
"""The keys of every row, in order: the first twelve are those ``to_rows`` has always given, and a
key added later goes last, so that a program reading the columns by position keeps working."""


def obligation_rows(report: Report) -> list[dict[str, Value]]:
    """One dict per obligation of ``report``, in its order, with the keys of :data:`COLUMNS`.

    Lists (bearers, beneficiaries, possible statuses) are joined with ``;``; dates are ISO or
    ``None``; ``evidence_<grade>`` counts the accounts of each grade, listed or not, so the three
    add up to ``evidence_total`` (counting the listed ones would fall short past the accounts a
    report lists); ``why`` is the rule that decided the status with the deciding accounts, and
    ``reason`` the report's one-line reason; ``deadline_note`` what the deadline rests on, when
    the text does not state it as given, ``note`` the encoder's caveat and ``scope_disputed`` why
    the obligation's area is disputed (each ``None`` when there is none).
    """
    by_trust = {t.obligation: {s.trust: s.status.value for s in t.statuses} for t in report.by_trust}
    rows: list[dict[str, Value]] = []
    for agreement in report.agreements:
        for article in agreement.articles:
            for r in article.obligations:
                ob, statuses = r.obligation, by_trust.get(r.id, {})
                scope = agreement.agreement.scope_of(ob)
                values: tuple[Value, ...] = (
                    agreement.agreement.id,
                    article.article.number,
                    r.id,
                    ";".join(ob.bearers),
                    r.status.value,
                    r.pam_score,
                    r.deadline.isoformat() if r.deadline else None,
                    article.evidence_total(r.id),
                    *(r.evidence_count(grade) for grade in Grade),
                    f"{r.rule}: {', '.join(r.deciding)}" if r.deciding else r.rule,
                    r.reason,
                    ";".join(s.value for s in r.possible),
                    *(statuses.get(policy) for policy in Trust),
                    r.term_end.isoformat() if r.term_end else None,
                    r.breach_on_record,
                    bool(ob.not_formalised),
                    ";".join(ob.beneficiaries),
                    ob.modality.value,
                    ob.kind.value,
                    ob.summary,
                    report.as_of.isoformat(),
                    report.known_on.isoformat() if report.known_on else None,
                    report.trust.value,
                    # Added after the columns above, as each later one: not beside ``term_end``,
                    # where it moved every column after it one place on.
                    r.term_end_latest.isoformat() if r.term_end_latest else None,
                    # What the deadline rests on (derived, amended, set by another duty, "at the
                    # earliest"): the JSON and Markdown give it, and a bare date in a spreadsheet
                    # read as one the text states.
                    r.deadline_note or None,
                    # The caveats the JSON and Markdown print beside the status ("whether clashes
                    # on the interstate border fall under point 1 is a matter of interpretation").
                    ob.note or None,
                    (scope.disputed or None) if scope is not None else None,
                )
                rows.append(dict(zip(COLUMNS, values, strict=True)))
    return rows
