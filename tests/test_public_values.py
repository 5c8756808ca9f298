"""The values the public API hands out: frozen all the way down, and hashable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import attrs
import pytest

from compliance.linking.ledger import Ledger, build_ledger
from compliance.views.lineage import Lineage
from compliance.views.report import Report

AS_OF = date(2025, 12, 31)


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return build_ledger()


@pytest.fixture(scope="module")
def report(ledger: Ledger) -> Report:
    return Report.build(ledger, AS_OF)


def _mutable_containers(value: object, path: str, seen: set[int]) -> Iterator[str]:
    """Where a ``dict``, ``list`` or ``set`` sits inside ``value``, walking attrs fields and containers."""
    if id(value) in seen:
        return
    seen.add(id(value))
    cls: Any = type(value)
    if attrs.has(cls):
        for f in attrs.fields(cls):
            yield from _mutable_containers(getattr(value, f.name), f"{cls.__name__}.{f.name}", seen)
        return
    if type(value) in (dict, list, set):
        yield f"{path}: {type(value).__name__}"
    if isinstance(value, dict):
        for item in value.values():
            yield from _mutable_containers(item, f"{path}[]", seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _mutable_containers(item, f"{path}[]", seen)


def test_values__ledger_report_and_lineage_hold_no_mutable_container(ledger: Ledger, report: Report) -> None:
    """A frozen value holding a dict can be changed through any of its holders: a report shares
    its ledger's accounting, so ``report.accounting.unlinked_reasons.clear()`` emptied the ledger's."""
    lineage = Lineage.build(ledger, "ts2020-3-deployment-rus", AS_OF)
    seen: set[int] = set()
    found = [
        *_mutable_containers(ledger, "ledger", seen),
        *_mutable_containers(report, "report", seen),
        *_mutable_containers(lineage, "lineage", seen),
    ]
    assert sorted(set(found)) == []


def test_values__a_shared_mapping_cannot_be_changed_through_one_holder(
    ledger: Ledger, report: Report
) -> None:
    """Every mapping a ledger, report or lineage hands out refuses a change, and the counts stay."""
    lineage = Lineage.build(ledger, "ts2020-3-deployment-rus", AS_OF)
    before = dict(ledger.accounting.unlinked_reasons), dict(ledger.placed_outside), dict(lineage.statuses)
    assert report.accounting == ledger.accounting
    assert ledger.placed_outside  # the bundled data places two accounts outside some agreement
    for mapping in (
        report.accounting.unlinked_reasons,
        ledger.placed_outside,
        lineage.statuses,
        ledger.parties.by_alias,
        ledger.parties.side_of,
        ledger.parties.opponents,
    ):
        changes: tuple[Callable[[Any], object], ...] = (
            lambda m: m.clear(),
            lambda m: m.update({"x": 1}),
            lambda m: m.__setitem__("x", 1),
            lambda m: m.pop("x", None),
            lambda m: m.setdefault("x", 1),
        )
        for change in changes:
            with pytest.raises(TypeError):
                change(mapping)
    after = dict(ledger.accounting.unlinked_reasons), dict(ledger.placed_outside), dict(lineage.statuses)
    assert after == before
    assert ledger.parties.resolve("Republic of Armenia") == "ARM"


def test_values__ledger_report_accounting_and_lineage_hash_and_equal_ones_hash_alike(
    ledger: Ledger, report: Report
) -> None:
    """``hash()`` raised "unhashable type: 'dict'" on all four; equal values now hash equal."""
    lineage = Lineage.build(ledger, "ts2020-3-deployment-rus", AS_OF)
    again = build_ledger()
    assert again == ledger
    assert hash(again) == hash(ledger)
    assert hash(again.accounting) == hash(ledger.accounting)
    assert hash(Report.build(again, AS_OF)) == hash(report)
    assert hash(Lineage.build(again, "ts2020-3-deployment-rus", AS_OF)) == hash(lineage)
    assert len({ledger, again, report, lineage}) == 3


def test_values__a_mapping_field_takes_a_copy_of_what_it_is_given(ledger: Ledger) -> None:
    """Whoever builds a value keeps no handle on it: changing the dict given changes nothing."""
    reasons = {"no rule matches": 2}
    accounting = attrs.evolve(ledger.accounting, unlinked_reasons=reasons)
    reasons.clear()
    assert accounting.unlinked_reasons == {"no rule matches": 2}
