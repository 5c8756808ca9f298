"""Messages about a file's values name their types in the file's language, not Python's.

A researcher who wrote ``"date": ["2021-01-01"]`` in JSON, or ``title = [1]`` in TOML, read "got
list": a name of neither format (and ``null`` was "NoneType").
"""

from __future__ import annotations

from pathlib import Path

from compliance.load.agreement_files import load_agreement_text
from compliance.load.converter import toml_kind
from compliance.readers import read_event_file
from compliance.readers.fields import json_kind
from tests.support import PARTIES, RESOLVE_REPORTER


def test_json__a_value_of_the_wrong_type_is_named_as_json_names_it(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(
        '{"id": "J1", "date": ["2021-01-01"], "kind": "other", "reported_by": "Reuters", "source_url": "https://example.org/j"}\n'
        "[1, 2]\n",
        encoding="utf-8",
    )
    messages = [
        p.message
        for item in read_event_file(path, PARTIES.resolve, RESOLVE_REPORTER)
        for p in getattr(item, "problems", [item])
    ]
    assert "expected a string or number, got an array" in messages
    assert "expected a JSON object, got an array" in messages
    assert [json_kind(v) for v in (None, True, 3, 2.5, "x", [], {})] == [
        "null",
        "true or false",
        "a number",
        "a number",
        "a string",
        "an array",
        "an object",
    ]


def test_toml__a_value_of_the_wrong_type_is_named_as_toml_names_it() -> None:
    _, problems = load_agreement_text('id = "x"\ntitle = [1]\n', "bad.toml")
    assert any(p.field == "$.title" and p.message == "expected a string, got an array" for p in problems)
    assert toml_kind({}) == "a table"
