"""A ledger records the known-on date it was built for, and every evaluation of it takes that date.

The date was asked twice, of ``build_ledger`` (which ACLED revision of a row is read) and of
``Report.build`` (which accounts were reported by then): a caller giving two dates got a report
that mixed them, silently. Now the second is the ledger's unless given, and another date raises
``ValueError`` naming both. The ACLED rows are those of ``test_acled_revisions``: one real row
and SYNTHETIC revisions of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from compliance.evaluation.evaluate import evaluate_ledger
from compliance.linking.ledger import Ledger, build_ledger
from compliance.views.activity import activity
from compliance.views.report import Report
from compliance.views.timeline import diff, timeline
from tests.test_acled_revisions import _NOTE, OTHERS, VERSIONS, _revised, _write

BUILT_FOR = date(2021, 1, 1)
AS_OF = date(2022, 6, 30)


@cache
def dated() -> Ledger:
    return build_ledger(known_on=BUILT_FOR, keep_unlinked=False)


@cache
def undated() -> Ledger:
    return build_ledger(keep_unlinked=False)


ENTRY_POINTS: dict[str, Callable[[Ledger, Any], object]] = {
    "evaluate_ledger": lambda led, d: evaluate_ledger(led, AS_OF, d),
    "Report.build": lambda led, d: Report.build(led, AS_OF, known_on=d),
    "Report.build_with_evidence": lambda led, d: Report.build_with_evidence(led, AS_OF, known_on=d),
    "activity": lambda led, d: activity(led, "2021-01-01", AS_OF, "year", known_on=d),
}


def test_known_on__the_ledger_records_the_date_it_was_built_for() -> None:
    assert dated().known_on == BUILT_FOR
    assert build_ledger(known_on="2021-01-01").known_on == BUILT_FOR
    assert undated().known_on is None


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_known_on__every_evaluation_takes_the_ledgers_date(name: str) -> None:
    """Not given, the date is the ledger's; given again, it is the same; the results name it."""
    call = ENTRY_POINTS[name]
    taken = call(dated(), None)
    assert taken == call(dated(), BUILT_FOR) == call(dated(), "2021-01-01")
    first = taken[0] if isinstance(taken, tuple) else taken
    assert getattr(first, "known_on") == BUILT_FOR  # noqa: B009 (each result type has the field)


@pytest.mark.parametrize("name", ENTRY_POINTS)
@pytest.mark.parametrize("other", [date(2020, 12, 1), date(2021, 6, 1)])
def test_known_on__another_date_than_the_ledgers_raises_naming_both(name: str, other: date) -> None:
    """An earlier date or a later one: the ledger's ACLED revisions were chosen for its own."""
    with pytest.raises(ValueError, match=rf"known_on: {other.isoformat()} given.*built for 2021-01-01"):
        ENTRY_POINTS[name](dated(), other)


def test_known_on__timelines_diffs_and_lineages_are_as_known_on_the_ledgers_date() -> None:
    """They take no date: the ledger's is theirs, as an evaluation as known on it gives."""
    known = evaluate_ledger(undated(), AS_OF, BUILT_FOR, with_evidence=False)
    every = evaluate_ledger(undated(), AS_OF, with_evidence=False)
    assert known.results != every.results  # the date leaves out accounts that decide statuses
    table = timeline(dated(), "2021-01-01", AS_OF, "year", "trilateral-2020")
    assert (table.known_on, timeline(undated(), "2021-01-01", AS_OF, "year").known_on) == (BUILT_FOR, None)
    last = {row.obligation: row.statuses[-1] for row in table.rows if row.obligation is not None}
    assert last == {r.id: r.status for r in known.results if r.agreement == "trilateral-2020"}
    changes = diff(dated(), "2021-01-01", AS_OF)
    assert {c.obligation: c.after for c in changes} == {
        r.id: r.status for r in known.results if r.id in {c.obligation for c in changes}
    }
    assert changes != diff(undated(), "2021-01-01", AS_OF)


def test_known_on__a_ledger_built_for_no_date_takes_one_when_it_chose_no_revision() -> None:
    """Without ACLED revisions a ledger is the same whatever date it is built for: the bundled
    data evaluated as known on a date reads what a ledger built for it reads."""
    assert not undated().chose_revisions
    assert Report.build(undated(), AS_OF, known_on=BUILT_FOR) == Report.build(dated(), AS_OF)


def test_known_on__a_ledger_built_for_no_date_that_chose_revisions_refuses_one(tmp_path: Path) -> None:
    """Built for no date, the ledger read the latest revision of a row (uploaded 2021-01-31);
    evaluated as known on 2021-01-20 it would leave the row out, where the revision known then
    (2021-01-01) should be read: a ``ValueError`` says to build the ledger for that date."""
    known = VERSIONS["re-dated"]  # SYNTHETIC, time stamp 2021-01-01
    later = _revised(90, event_date="2020-11-12", notes=_NOTE)  # SYNTHETIC, time stamp 2021-01-31
    both = _write(tmp_path, {"old.csv": [*OTHERS, known], "new.csv": [later, *OTHERS]})
    ledger = build_ledger(None, both)
    assert ledger.chose_revisions
    with pytest.raises(
        ValueError, match=r"known_on: 2021-01-20 given.*built for no date.*known_on=2021-01-20"
    ):
        Report.build(ledger, "2021-01-20", known_on="2021-01-20")
    built_for = build_ledger(None, both, known_on="2021-01-20")
    assert "ARM4920" in {e.id for e in Report.build(built_for, "2021-01-20").events}
