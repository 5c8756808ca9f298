"""The values the public API hands out: frozen all the way down, hashable, and through the one
converter to JSON and back unchanged; what a history's dates mean."""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import pkgutil
import typing
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import attrs
import pytest

import compliance
from compliance.core.timeframe import as_of_cutoff
from compliance.core.vocabulary import Status, Trust
from compliance.evaluation.evaluate import evaluate_ledger
from compliance.linking.ledger import Ledger, build_ledger
from compliance.load.converter import _ENUMS, converter
from compliance.render.json import render_json
from compliance.render.markdown import render_markdown
from compliance.views.lineage import Lineage
from compliance.views.report import Report

AS_OF = date(2025, 12, 31)


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return build_ledger()


@pytest.fixture(scope="module")
def report(ledger: Ledger) -> Report:
    return Report.build(ledger, AS_OF)


def _frozen_classes() -> Iterator[type[Any]]:
    """Every attrs class the package defines (each once)."""
    seen: set[type[Any]] = set()
    for found in pkgutil.walk_packages(compliance.__path__, "compliance."):
        if found.name.endswith("__main__"):
            continue
        for value in vars(importlib.import_module(found.name)).values():
            if inspect.isclass(value) and attrs.has(value) and value not in seen:
                seen.add(value)
                yield value


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


def test_converter__every_enum_in_a_structured_class_has_its_hooks() -> None:
    """``Trust`` was missing: a report structured back held the string "standard" as its
    ``trust``, compared equal (a StrEnum equals its value) and could not be rendered."""
    missing = sorted(
        f"{cls.__module__}.{cls.__name__}.{f.name}: {t.__name__}"
        for cls in _frozen_classes()
        for f in attrs.fields(cls)
        for t in _types_in(typing.get_type_hints(cls)[f.name])
        if inspect.isclass(t) and issubclass(t, enum.Enum) and t not in _ENUMS
    )
    assert missing == []
    assert converter.structure("broad", Trust) is Trust.BROAD
    with pytest.raises(ValueError, match="not one of"):
        converter.structure("bogus", Trust)


def _types_in(annotation: Any) -> Iterator[Any]:
    yield annotation
    for argument in typing.get_args(annotation):
        yield from _types_in(argument)


def _through_json(value: object, cls: type[Any]) -> Any:
    return converter.structure(json.loads(json.dumps(converter.unstructure(value))), cls)


def test_converter__a_ledger_goes_to_json_and_back_unchanged(ledger: Ledger) -> None:
    """``placed_outside`` unstructured to frozensets, which ``json.dumps`` refuses; they are
    sorted lists now, and come back as frozensets. The party registry's tables, left out of its
    equality (they derive from its parties), come back too."""
    data = converter.unstructure(ledger)
    assert data["placed_outside"] == {k: sorted(v) for k, v in ledger.placed_outside.items()}
    back = _through_json(ledger, Ledger)
    assert back == ledger
    assert converter.unstructure(back) == data
    for table in ("by_alias", "side_of", "opponents"):
        assert getattr(back.parties, table) == getattr(ledger.parties, table)
    assert all(type(v) is frozenset for v in back.placed_outside.values())
    with pytest.raises(TypeError):
        back.placed_outside.clear()  # the structured copy is as read-only as the original
    assert json.dumps(converter.unstructure(ledger)) == json.dumps(data)  # the same bytes every time


def test_converter__a_report_goes_to_json_and_back_and_renders_the_same(report: Report) -> None:
    """A report round-tripped through the converter compared equal but could not be rendered."""
    back = _through_json(report, Report)
    assert back == report
    assert back.trust is Trust.STANDARD
    assert render_markdown(back) == render_markdown(report)
    assert render_json(back) == render_json(report)


def test_history__dates_are_as_of_days_and_the_first_entry_is_the_starting_point(ledger: Ledger) -> None:
    """What ``Transition`` says: ``at`` is the cut-off of the as-of day ``date`` (00:00 of the day
    after, in the agreement's zone), an evaluation as of ``date`` gives the status and one as of
    the day before does not, and ``history[0]`` is dated 1899-12-31."""
    day = date(2023, 6, 30)
    evaluation = evaluate_ledger(ledger, day)
    zones = {a.id: a.tz for a in ledger.agreements}
    for result in evaluation.results:
        tz = zones[result.agreement]
        assert result.history[0].date == date(1899, 12, 31)
        for step in result.history:
            assert step.at == as_of_cutoff(step.date, tz)
    aghdam = evaluation.result("ts2020-2-aghdam")
    fulfilled = next(t for t in aghdam.history if t.status is Status.FULFILLED)
    assert fulfilled.date == date(2020, 11, 20)
    assert fulfilled.at.isoformat() == "2020-11-20T21:00:00+00:00"  # 2020-11-21 00:00 in Moscow
    assert evaluate_ledger(ledger, fulfilled.date).result(aghdam.id).status is Status.FULFILLED
    before = evaluate_ledger(ledger, date(2020, 11, 19)).result(aghdam.id).status
    assert before is not Status.FULFILLED
