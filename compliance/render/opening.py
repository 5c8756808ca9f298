"""The opening of the Markdown report past its counts: which accounts the report read.

The record counts cover every record read; these lines say how the linked ones divide for this
report, the days the accounts read span, and, when none bears on it, what its statuses rest on.
Formats a :class:`Report`; computes nothing.
"""

from __future__ import annotations

from compliance.views.report import Report


def what_was_read(report: Report) -> list[str]:
    """The lines after the counts: the linked accounts divided, their span, and a warning when
    no account bears on the report."""
    return [_linked_in_report(report) + _accounts_read(report), "", *_no_account_bears(report)]


def _linked_in_report(report: Report) -> str:
    """How the linked records divide for this report: the record counts cover every record read."""
    part = report.linked_in_report
    after = (
        f"dated after it{' or not yet reported on ' + report.known_on.isoformat() if report.known_on else ''}"
    )
    return (
        f"Of the {part.linked} linked, {part.bear_on_report} bear on this report as of "
        f"{report.as_of.isoformat()}; {part.dated_after} are {after}; "
        f"{part.only_agreements_not_shown} bear only on agreements not shown."
    )


def _accounts_read(report: Report) -> str:
    """The days the accounts read span, said beside their count: a report is dated by its as-of
    date, and a reader must see where its data end before reading "no status changed" as calm."""
    read = report.accounts_read
    if read.first_day is None or read.last_day is None:
        return ""
    published = f" (published up to {read.last_reported_on.isoformat()})" if read.last_reported_on else ""
    after = (
        f"; none covers the days after {read.last_day.isoformat()} up to {report.as_of.isoformat()}"
        if read.ends_before(report.as_of)
        else ""
    )
    return (
        f" The accounts read are dated from {read.first_day.isoformat()} to "
        f"{read.last_day.isoformat()}{published}{after}."
    )


def _no_account_bears(report: Report) -> list[str]:
    """Said at the top when no account bears on the report: every status then rests on silence,
    and "complied" in a summary row would otherwise read as a finding that both sides kept a duty.

    A report with no agreement (as of a date before the first one) has no status at all, and
    says that instead, as its JSON does with an empty ``agreements`` and every loaded agreement
    under ``later_agreements``.
    """
    if not report.agreements:
        if report.later:
            return [
                f"**No agreement is dated on or before {report.as_of.isoformat()}**, so this report "
                "gives no status: every agreement loaded was adopted later and is left out.",
                "",
            ]
        return ["**This report covers no agreement**, so it gives no status.", ""]
    if report.linked_in_report.bear_on_report:
        return []
    return [
        f"**No account bears on this report as of {report.as_of.isoformat()}.** Every status below "
        "rests on the absence of accounts: *complied* says only that no breach was reported, not "
        "that the duty was kept; *pending* and *overdue* that no fulfilment was reported.",
        "",
    ]
