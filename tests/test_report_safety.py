"""Agreement text in Markdown is data: every field an agreement gives reaches a report escaped.

The loader refuses an article number a link cannot carry (white space, separators), but the
renderers do not rely on it: here every text field of the bundled agreements, article numbers
included, is replaced by hostile text with the loader's checks off, and every Markdown writer
(report, timeline, diff, lineage, activity, check) must still give no HTML, no image, no link but http(s),
whole table rows and the same document structure as plain placeholders give.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from compliance.core.model import Agreement
from compliance.core.problems import visible
from compliance.core.vocabulary import Trust
from compliance.linking.ledger import Ledger, build_ledger
from compliance.load.converter import converter
from compliance.render.activity import activity_markdown
from compliance.render.check import check_markdown
from compliance.render.markdown import render_markdown
from compliance.render.safe import span
from compliance.render.tables import diff_markdown, lineage_markdown, timeline_markdown
from compliance.testing.check import GAZETTEER, Check
from compliance.views.activity import activity
from compliance.views.lineage import Lineage
from compliance.views.report import Report
from compliance.views.timeline import diff, timeline
from tests.test_hardening import HOSTILE_TEXT, MD, _blocks, _plain_lines, assert_safe_markdown

HOSTILE = (
    "<img src=x onerror=alert(1)>|",
    "\n## Injected heading\n",
    *HOSTILE_TEXT,
)
AS_OF = date(2021, 7, 31)  # statuses changed in the twelve months before, and incidents are shown
TEXT_KEYS = frozenset(
    {"title", "short_title", "zone_name", "note", "status_note", "text", "label", "summary"}
    | {"deadline_note", "not_formalised", "by", "disputed"}
)
"""Every free-text key of an agreement file (``number`` and ``article`` are handled together)."""


def _walk(data: Any, value: Callable[[], str]) -> Any:
    if isinstance(data, dict):
        return {
            k: value() if k in TEXT_KEYS and isinstance(v, str) else _walk(v, value) for k, v in data.items()
        }
    if isinstance(data, list):
        return [_walk(v, value) for v in data]
    return data


def rewritten(agreement: Agreement, values: Iterator[str]) -> Agreement:
    """The agreement with every text field, and every article number, taken from ``values``.

    Every field is given, even where the file leaves it out (zone name, notes), so that each is
    shown. Validators are off: the point is what the renderers do with any value.
    """
    data = converter.unstructure(agreement)
    data.update(zone_name="", note="", status_note="")
    for article in data["articles"]:
        article.setdefault("note", "")
    numbers = {article["number"]: next(values) for article in data["articles"]}
    for article in data["articles"]:
        article["number"] = numbers[article["number"]]
    for ob in data["obligations"]:
        ob["article"] = numbers[ob["article"]]
    data = _walk(data, lambda: next(values))
    with attrs.validators.disabled():
        return converter.structure(data, Agreement)


@pytest.fixture(scope="module")
def bundled() -> Ledger:
    return build_ledger()


def with_agreements(ledger: Ledger, make: Callable[[int], str]) -> Ledger:
    counter = itertools.count()
    values = (make(k) for k in counter)
    return attrs.evolve(ledger, agreements=tuple(rewritten(a, values) for a in ledger.agreements))


def documents(ledger: Ledger) -> dict[str, str]:
    """Every Markdown document the library writes about agreements, on this ledger."""
    return {
        "report": render_markdown(Report.build(ledger, AS_OF)),
        "timeline": timeline_markdown(timeline(ledger, date(2020, 11, 1), AS_OF, "quarter")),
        "diff": diff_markdown(
            diff(ledger, date(2021, 1, 1), AS_OF), "2021-01-01", AS_OF.isoformat(), Trust.STANDARD
        ),
        "lineage": lineage_markdown(Lineage.build(ledger, "p2022-1-recognition-aze", date(2026, 1, 1))),
        "activity": activity_markdown(activity(ledger, date(2020, 11, 1), AS_OF, "quarter")),
    }


@pytest.mark.parametrize("offset", [0, 1, 2])
def test_report_safety__hostile_agreement_text_stays_text(bundled: Ledger, offset: int) -> None:
    """Hostile titles, texts, notes and article numbers ('<img …>|1', '1\\n## Injected heading')
    never become HTML, a heading, a link, an image or a broken table row."""
    hostile = with_agreements(bundled, lambda k: f"{HOSTILE[(k + offset) % len(HOSTILE)]}{k}")
    plain = with_agreements(bundled, lambda k: f"v{k}")
    twins = documents(plain)
    for name, markdown in documents(hostile).items():
        tokens = assert_safe_markdown(markdown)
        assert _blocks(tokens) == _blocks(MD.parse(twins[name])), (
            f"{name}: hostile text changed the structure"
        )
        if name == "report":
            shown = "\n".join(_plain_lines(tokens))
            for agreement in hostile.agreements:
                if agreement.date > AS_OF:
                    continue  # not in the report (or named only as adopted later)
                for article in agreement.articles:
                    assert visible(" ".join(article.number.split())) in shown, article.number


def test_report_safety__injected_number_makes_no_heading_or_html(bundled: Ledger) -> None:
    """The two numbers of the example: no `<img` tag and no "Injected heading" heading anywhere."""
    numbers = iter(["<img src=x onerror=alert(1)>|1", "1\n## Injected heading"])
    hostile = with_agreements(bundled, lambda k: next(numbers, f"v{k}"))
    for name, markdown in documents(hostile).items():
        assert "<img" not in markdown, name
        assert "\n## Injected" not in markdown, name
        headings = [t for t in MD.parse(markdown) if t.type == "heading_open"]
        assert len(headings) == markdown.count("\n#") + markdown.startswith("#"), name


HOSTILE_FILE = """\
id = "hostile-2020"
title = "A hostile text"
short_title = "Hostile"
date = 2020-11-10
nature = "political-statement"
signatories = ["ARM", "AZE"]
utc_offset = "+03:00"
sources = ["https://example.org/hostile"]

[[articles]]
number = "1"
title = "One"
text = "The text."
source = "https://example.org/hostile"

[[obligations]]
id = "hostile-kept"
article = "1"
summary = "A duty."
bearers = ["ARM"]
modality = "prohibition"
kind = "maintenance"
in_force = 2020-11-10

[[obligations.rules]]
name = "clash"
kinds = ["armed-clash"]
actors = ["bearer"]
effect = "breaches"
places = ["x\\n```\\n<img src=x onerror=alert(1)>\\n```\\n`<b>` | a"]
"""
UNKNOWN_ARTICLE = HOSTILE_FILE.replace('id = "hostile-2020"', 'id = "hostile-2020-b"').replace(
    'id = "hostile-kept"\narticle = "1"',
    'id = "hostile-left-out"\narticle = "`<img src=x onerror=alert(1)>` |"',
)


def test_check_safety__hostile_places_and_problems_stay_text(tmp_path: Path) -> None:
    """`check` output: a rule place with fences and HTML, in warnings and witness files, and a
    problem quoting a hostile value, stay text; witness files stay whole code blocks."""
    kept, left_out = tmp_path / "kept.toml", tmp_path / "left-out.toml"
    kept.write_text(HOSTILE_FILE, encoding="utf-8")
    left_out.write_text(UNKNOWN_ARTICLE, encoding="utf-8")
    result = Check.load([kept, left_out], gazetteer=GAZETTEER, examples=20)
    assert any("matches no name in the gazetteer" in p.message for p in result.problems)
    assert any("unknown article" in p.message for p in result.problems)
    assert any("<img" in w.csv for ob in result.obligations for w in ob.witnesses)
    markdown = check_markdown(result)
    tokens = assert_safe_markdown(markdown)
    fences = [t for t in tokens if t.type == "fence"]
    witnesses = [w for ob in result.obligations for w in ob.witnesses]
    assert [t.content for t in fences] == [w.csv for w in witnesses]


@given(st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=30))
def test_span__any_text_is_one_code_span_read_as_written(value: str) -> None:
    """A problem quoting any text is one code span showing it as written (control characters escaped)."""
    flat = visible(value)
    assume(flat.strip())
    tokens = assert_safe_markdown(f"- {span(value)}\n")
    [inline] = [t for t in tokens if t.type == "inline"]
    assert [c.type for c in inline.children or ()] == ["code_inline"]
    shown = (inline.children or [])[0].content
    assert shown in (flat, flat[1:-1])  # CommonMark drops one space at each end when both have one


@given(
    st.lists(
        st.text() | st.sampled_from(["a_b", " 1. x", "`x`", "https://a.b/c_d", "<&>", "\u202e"]), max_size=6
    )
)
def test_safe__remembered_escaping_is_the_escaping(values: list[str]) -> None:
    """text, prose and code remember the values they escaped (a report repeats a few hundred
    values thousands of times); an answer from memory is the one computed afresh, in any order."""
    from compliance.render import safe

    for escape in (safe.text, safe.prose, safe.code):
        for value in [*values, *reversed(values)]:
            assert escape(value) == escape.__wrapped__(value)


def test_safe__a_long_value_is_escaped_but_not_remembered() -> None:
    """Only short values are remembered: a report's names, kinds and reasons repeat, a long note is
    one account's own, and 16,384 notes of 2,000 characters remembered held 150 MB for a session."""
    from compliance.render import safe

    for escape in (safe.text, safe.prose, safe.code):
        info = escape.cache_info  # type: ignore[attr-defined]
        long_value = "note_" + "x" * safe._REMEMBERED_LENGTH
        before = info().currsize
        assert escape(long_value) == escape.__wrapped__(long_value)  # type: ignore[attr-defined]
        assert info().currsize == before
        escape(f"short_{before}")
        assert info().currsize == before + 1
