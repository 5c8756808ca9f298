"""A report says the days its accounts span, so "no status changed" past them is not read as calm.

The bundled accounts end in early 2026; a report as of late 2026 that said only "No status
changed after 2025-11-22 and up to 2026-11-22" read as twelve quiet months, when no account of
most of them was read. The span is of the accounts the report reads (``bear_on_report``): an
account left out by ``known_on`` or dated after the as-of date is not counted.
"""

from __future__ import annotations

import functools
import json
from datetime import date, timedelta

import pytest

from compliance.linking.ledger import Ledger, build_ledger
from compliance.render.json import render_json
from compliance.render.markdown import render_markdown
from compliance.views.report import Report
from compliance.views.summary import Covered, recent_covered


@functools.cache
def ledger() -> Ledger:
    return build_ledger()


def _plain_span(known_on: date | None) -> tuple[date, date, date | None]:
    """First day, last day and last publication date of every linked account known on ``known_on``,
    read one by one (a report as of a day long after the last account reads every one of them)."""
    linked = {link.event for link in ledger().links}
    read = [e for e in ledger().events if e.id in linked and e.known_on(known_on)]
    reported = [e.reported_on for e in read if e.reported_on is not None]
    return (
        min(e.when.first_day for e in read),
        max(e.when.last_day for e in read),
        max(reported) if reported else None,
    )


@pytest.mark.parametrize("known_on", [None, date(2022, 1, 1), date(2024, 6, 30)])
def test_accounts_read__span_the_linked_accounts_known_on_the_day(known_on: date | None) -> None:
    """As of a day after every account, the span is that of every linked account known on
    ``known_on``: those reported later are not read, so not counted."""
    report = Report.build(ledger(), date(2030, 1, 1), known_on=known_on)
    read = report.accounts_read
    assert (read.first_day, read.last_day, read.last_reported_on) == _plain_span(known_on)
    if known_on is not None:
        assert read.last_reported_on is not None
        assert read.last_reported_on <= known_on


def test_accounts_read__none_after_the_as_of_date_is_counted() -> None:
    """As of a day in the middle of the accounts, those that start later are not counted."""
    as_of = date(2022, 9, 1)
    read = Report.build(ledger(), as_of).accounts_read
    assert read.first_day == _plain_span(None)[0]
    assert read.last_day is not None
    assert read.last_day < _plain_span(None)[1]
    assert read.last_reported_on is not None
    assert read.last_reported_on < date(2023, 1, 1)


def _last_day() -> date:
    return _plain_span(None)[1]


@pytest.mark.parametrize(
    ("after_last", "covered"),
    [(0, Covered.WHOLLY), (30, Covered.PARTLY), (400, Covered.NOT)],
)
def test_recent_covered__says_whether_the_accounts_reach_the_as_of_date(
    after_last: int, covered: Covered
) -> None:
    report = Report.build(ledger(), _last_day() + timedelta(days=after_last))
    assert recent_covered(report) is covered


def test_markdown__the_span_is_said_at_the_top_and_past_the_last_account() -> None:
    """Near the top, the span; where the history says no status changed, that no account covers
    the rest of the period; as of the last account's day, neither warning."""
    last = _last_day().isoformat()
    as_of = _last_day() + timedelta(days=30)
    text = render_markdown(Report.build(ledger(), as_of))
    top = text.split("## How to read this report")[0]
    assert f"The accounts read are dated from {_plain_span(None)[0].isoformat()} to {last}" in top
    assert f"none covers the days after {last} up to {as_of.isoformat()}" in top
    assert (
        f"No status changed after {(as_of.replace(year=as_of.year - 1)).isoformat()} and up to {as_of.isoformat()}; the accounts read end on {last}."
        in text
    )
    far = render_markdown(Report.build(ledger(), _last_day() + timedelta(days=400)))
    assert f"; no account read is dated in this period: the last is dated {last}." in far
    on_the_day = render_markdown(Report.build(ledger(), _last_day()))
    assert "none covers" not in on_the_day
    assert "the accounts read end" not in on_the_day


def test_json__accounts_read_gives_the_span() -> None:
    known_on = date(2022, 1, 1)
    data = json.loads(render_json(Report.build(ledger(), date(2030, 1, 1), known_on=known_on)))
    first, last, reported = _plain_span(known_on)
    assert data["accounts_read"] == {
        "first_day": first.isoformat(),
        "last_day": last.isoformat(),
        "last_reported_on": reported.isoformat() if reported else None,
    }
