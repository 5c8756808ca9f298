"""The numbers behind the report's pictures; the SVG renderer only draws them.

A heatmap is obligations × periods, each cell the obligation's status at the period's last day,
read off the histories the report already holds. The breaches picture is the monthly number of
breach accounts per bearer and grade, from :mod:`compliance.views.activity`.
"""

from __future__ import annotations

from datetime import date

from attrs import frozen
from dateutil.relativedelta import relativedelta

from compliance.core.vocabulary import Status
from compliance.views.activity import Activity, SideCount
from compliance.views.report import Report
from compliance.views.timeline import Timeline, period_ends

MAX_MONTH_COLUMNS = 36
"""Up to three years a column is a month; beyond, a quarter (25 columns for 2020–2026)."""


@frozen
class HeatmapRow:
    agreement: str
    obligation: str
    statuses: tuple[Status, ...]


@frozen
class Heatmap:
    """Status per obligation (rows) and period (columns, by last day)."""

    title: str
    every: str
    dates: tuple[date, ...]
    rows: tuple[HeatmapRow, ...]


@frozen
class BreachCounts:
    """Distinct breach accounts per month, bearer and grade."""

    title: str
    months: tuple[tuple[date, date], ...]
    series: tuple[SideCount, ...]


def report_span(report: Report) -> tuple[date, date, str]:
    """From the earliest agreement's date to the as-of date, by month or by quarter."""
    first = min((a.agreement.date for a in report.agreements), default=report.as_of)
    first = min(first, report.as_of)
    months = relativedelta(report.as_of, first).years * 12 + relativedelta(report.as_of, first).months + 1
    return first, report.as_of, "month" if months <= MAX_MONTH_COLUMNS else "quarter"


def heatmap_of_report(report: Report) -> Heatmap:
    """Every obligation of the report at the end of each month or quarter up to the as-of date."""
    start, end, every = report_span(report)
    dates = period_ends(start, end, every)
    rows = [
        HeatmapRow(
            a.agreement.id,
            r.id,
            tuple(
                r.status_on(d, a.agreement.tz)[0] if d >= a.agreement.date else Status.NOT_IN_FORCE
                for d in dates
            ),
        )
        for a in report.agreements
        for article in a.articles
        for r in article.obligations
    ]
    title = (
        f"Status of each obligation by {every}, {start.isoformat()} to {end.isoformat()}, "
        f"under the {report.trust.value} trust policy"
    )
    return Heatmap(title, every, dates, tuple(rows))


def heatmap_of_timeline(result: Timeline) -> Heatmap:
    """The obligation rows of a timeline (article roll-ups left out), under a title naming its
    periods and its trust policy: a picture is shared on its own, and one under ``strict`` must
    not pass for one under ``standard``."""
    rows = tuple(
        HeatmapRow(r.agreement, r.obligation, r.statuses) for r in result.rows if r.obligation is not None
    )
    first, last = result.dates[0], result.dates[-1]
    title = (
        f"Status of each obligation by {result.every}, periods ending {first.isoformat()} to "
        f"{last.isoformat()}, under the {result.trust.value} trust policy"
    )
    return Heatmap(title, result.every, result.dates, rows)


def breach_counts(result: Activity) -> BreachCounts:
    """The breaches picture's numbers: the activity's distinct breach accounts per bearer and grade.

    The grades are those of the activity's trust policy, which the title names: the same accounts
    are confirmed under one policy and alleged under another."""
    title = (
        f"Breach accounts per {result.every} and bearer, by grade under the {result.trust.value} "
        f"trust policy, {result.start.isoformat()} to {result.end.isoformat()}"
    )
    return BreachCounts(title, result.periods, result.breaches)
