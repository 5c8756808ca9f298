"""The renderers' indented JSON writer gives exactly the text ``json.dumps`` gives.

``render.indented.dumps`` replaces ``json.dumps(value, ensure_ascii=False, indent=2,
sort_keys=True)`` for speed (the standard library's indented path is pure Python); every JSON
output of the library must stay byte-identical, so it is compared with ``json.dumps`` on
arbitrary trees of JSON values (any text, every kind of number and key) and on a report.
"""

from __future__ import annotations

import json
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from compliance.core.frozendict import FrozenDict
from compliance.linking.ledger import build_ledger
from compliance.render.indented import dumps
from compliance.render.json import render_json, report_dict
from compliance.views.report import Report


def reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


class Colour(StrEnum):
    RED = "red"


class Level(IntEnum):
    HIGH = 3


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.sampled_from([Colour.RED, Level.HIGH, "\u2028", "\x00", '"\\/', "é Ω 😀"])
)
keys = st.text() | st.integers() | st.sampled_from(["", "a", "b", "\x7f", "ü"])
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(keys.filter(lambda k: isinstance(k, str)), inner, max_size=4)
        | st.dictionaries(st.integers(), inner, max_size=4)
        | st.dictionaries(keys.filter(lambda k: isinstance(k, str)), inner, max_size=3).map(FrozenDict)
    ),
    max_leaves=30,
)


@given(values)
@example({"b": [], "a": {}, "c": [{}], "d": [[1.5, -0.0, 1e300]]})
@example({1.5: "float key", 2.5: None})
@example({True: 1, False: 2})
@example({None: "null key"})
@example([float("nan"), float("inf"), float("-inf")])
@example({"enums": [Colour.RED, Level.HIGH], Colour.RED: Level.HIGH})
def test_indented__same_text_as_json_dumps(value: Any) -> None:
    """Any tree of JSON values is written as json.dumps writes it, indented, sorted, unescaped."""
    assert dumps(value) == reference(value)


@pytest.mark.parametrize("value", [{"a": date(2020, 1, 1)}, [object()], {(1, 2): "tuple key"}])
def test_indented__refuses_what_json_refuses(value: Any) -> None:
    """A value json cannot write raises TypeError here too (no silent text)."""
    with pytest.raises(TypeError):
        reference(value)
    with pytest.raises(TypeError):
        dumps(value)


def test_indented__report_is_json_dumps_text() -> None:
    """The bundled report's JSON is exactly json.dumps of its data, as it was written before."""
    report = Report.build(build_ledger(), date(2025, 12, 31))
    assert render_json(report) == reference(report_dict(report)) + "\n"
