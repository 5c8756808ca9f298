"""Addresses cited inside notes are links in any Markdown renderer, read as written.

A note that cites its source by address in a sentence was escaped as text: an address holding
``_`` came out as ``id\\_evento``, which a renderer linking bare addresses took into the link,
and a CommonMark renderer without GitHub's extension linked none of them.
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from compliance.linking.ledger import build_ledger
from compliance.render import safe
from compliance.render.markdown import render_markdown
from compliance.render.safe import text
from compliance.views.report import Report

AUTOLINK = re.compile(r"<https?://[^\s<>]*>")


def test_prose__an_address_is_an_autolink_and_the_sentence_around_it_text() -> None:
    """The address is between angle brackets, unescaped; the closing parenthesis and full stop
    stay outside; the rest is escaped as :func:`text` escapes it."""
    note = "Framed so by *the MFA* (https://eleousa.net/Templates/eventi.php?id_evento=18976)."
    assert safe.prose(note) == (
        "Framed so by \\*the MFA\\* (<https://eleousa.net/Templates/eventi.php?id_evento=18976>)."
    )
    assert safe.prose("no address, <b>") == text("no address, <b>")
    assert safe.prose("javascript:alert(1) ftp://x.y") == text("javascript:alert(1) ftp://x.y")


def test_prose__nothing_in_an_address_ends_the_link_or_starts_markup() -> None:
    """A backtick, a bracket or a backslash is not taken into the address; what the address
    holds that could end an autolink is percent-encoded."""
    out = safe.prose("see https://x.y/a`b https://x.y/c\\d https://x.y/e]f(g)")
    assert [m[0] for m in AUTOLINK.finditer(out)] == ["<https://x.y/a>", "<https://x.y/c>", "<https://x.y/e>"]
    assert "\\`b" in out
    assert "\\]f" in out


PIECES = ["https://a.b/", "http://x.y/z_", "https://", " ", "(", ")", "<", ">", "`", "|", "\\", "_"]
PIECES += ["*", ".", "\n", "a", "1. ", "-", "[", "]", "&", "%", "'", '"']


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_prose__only_autolinks_use_angle_brackets_and_no_line_breaks(value: str) -> None:
    """Whatever the note, the output is one line, and every ``<`` opens an autolink to an http(s)
    address (any other is the entity ``&lt;``)."""
    out = safe.prose(value)
    assert "\n" not in out
    assert out.count("<") == len(AUTOLINK.findall(out))


def test_report__every_address_in_the_text_is_a_link() -> None:
    """In the bundled report as of 2025-12-31, no address is left as bare text; the two that hold
    an underscore are linked whole."""
    markdown = render_markdown(Report.build(build_ledger(), date(2025, 12, 31)))
    bare = re.findall(r"(?<!<)https?://\S+", markdown)
    assert bare == []
    assert "<https://eleousa.net/Templates/eventi.php?id_evento=18976>" in markdown
