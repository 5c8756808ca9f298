"""The report read as an editor reads it before publishing: words are not cut in half, every term
and code is explained before the tables use it, accounts are cited by their numbers, and the JSON
says what the Markdown says."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.core.events import UNAFFILIATED, UNKNOWN
from compliance.core.vocabulary import Effect, Kind, Modality, Status, Trust
from compliance.evaluation.rollup import SEVERITY
from compliance.linking.ledger import build_ledger
from compliance.render.json import report_dict
from compliance.render.markdown import render_markdown
from compliance.render.safe import cell, prose, text
from compliance.render.svg import heatmap_svg
from compliance.render.tables import diff_markdown, timeline_csv, timeline_json, timeline_markdown
from compliance.views.pictures import heatmap_of_report
from compliance.views.report import Report
from compliance.views.timeline import FINDINGS, diff, timeline

SVG = "{http://www.w3.org/2000/svg}"
WORDS = st.lists(st.text(alphabet="abcXYZ/'", min_size=1, max_size=12), min_size=1, max_size=30)


@pytest.fixture(scope="module")
def bundled() -> tuple[Report, str]:
    report = Report.build(build_ledger(), date(2026, 11, 22))
    return report, render_markdown(report)


@given(WORDS, st.integers(min_value=8, max_value=200))
def test_shorten__a_cut_falls_between_words(words: list[str], limit: int) -> None:
    """A shortened cell ends with a whole word and "…", and is never longer than the limit."""
    value = " ".join(words)
    short = cell(value, limit)  # (nothing in these words is escaped)
    assert len(short) <= limit
    if short == value:
        return
    assert short.endswith("…")
    head = short[:-1]
    assert value.startswith(head)
    if " " in value[limit // 2 + 1 : limit]:  # (else too little would be left: cut in the word)
        assert value[len(head)] == " ", (value, short)


def test_shorten__keeps_both_names_of_a_place_whole() -> None:
    """The claim of N095 was cut to "in the Shusha/Sh…", half of the place's second name."""
    claim = "Azerbaijani units crossed the line of contact in the Shusha/Shushi district and took a height"
    assert cell(claim, 60) == "Azerbaijani units crossed the line of contact in the…"


def test_summary__no_cell_of_the_bundled_report_cuts_a_word(bundled: tuple[Report, str]) -> None:
    """Article titles in the summaries and claims in the incident tables end on a whole word."""
    report, markdown = bundled
    cut: list[str] = []
    table = ""
    for line in markdown.splitlines():
        if line.startswith(("| Article | Status |", "| Account | Reported by |")):
            table = line
        elif not line.startswith("|"):
            table = ""
        elif table and not line.startswith("|---"):
            cells = line.split(" | ")
            cut.append(cells[0].removeprefix("| ") if table.startswith("| Article") else cells[4])
    shortened = [c for c in cut if c.endswith("…")]
    assert len(shortened) > 100
    texts = {e.notes for e in report.events}
    texts |= {
        f"{article.number}. {article.title}" for a in report.agreements for article in a.agreement.articles
    }
    for shown in shortened:
        head = shown.removesuffix("…").replace("\\", "")
        whole = [t for t in texts if " ".join(t.split()).startswith(head)]
        assert whole, shown
        assert not " ".join(whole[0].split())[len(head)].isalnum(), shown


def test_reading_key__comes_before_the_first_table_and_names_every_party_used(
    bundled: tuple[Report, str],
) -> None:
    """The summaries' notation, the PAM scale and every party id the report uses are explained
    before the first summary; the order of severity is the roll-up's own."""
    report, markdown = bundled
    head = markdown.split("## Summary:", 1)[0]
    assert "## How to read this report" in head
    assert ", ".join(s.value for s in SEVERITY[:4]) in head
    assert "0 not initiated, 1 minimal, 2 intermediate, 3 full" in head
    used = {e.reporter_party for e in report.events} | {
        p for e in report.events for p in (e.actor, e.target) if p
    }
    used |= {p.party for a in report.agreements for p in a.parties}
    used -= {UNAFFILIATED, UNKNOWN}
    assert "NK" in used
    for party in used:
        name = build_ledger().parties.get(party)
        assert name is not None
        assert f"{party}: {name.name}" in head, party


def test_method__defines_every_status(bundled: tuple[Report, str]) -> None:
    """Every status a table may show is defined in words under Method, not only listed."""
    _, markdown = bundled
    method = markdown.split("## Method", 1)[1].split("## Evidence", 1)[0]
    for status in Status:
        assert re.search(rf"\*{re.escape(status.value)}\*", method, re.I), status


def test_json__names_the_parties_the_markdown_key_names(bundled: tuple[Report, str]) -> None:
    """The JSON carries the same key of party ids and names as the Markdown."""
    report, markdown = bundled
    parties = report_dict(report)["parties"]
    assert [p["id"] for p in parties] == sorted(p["id"] for p in parties)
    assert {"id": "NK", "name": "Karabakh Armenian de facto authorities"} in parties
    key = markdown.split("- **Parties.** ", 1)[1].split("\n", 1)[0]
    assert key == "; ".join(f"{p['id']}: {p['name']}" for p in parties) + "."


def test_references__why_lines_and_the_trust_table_cite_accounts_by_number(
    bundled: tuple[Report, str],
) -> None:
    """An account is cited as "A13 `N010`" everywhere, also where a status is explained: a
    reader looks accounts up by number under Evidence, where they are in order of date."""
    report, markdown = bundled
    numbers = {e.id: n for n, e in enumerate(report.events, start=1)}
    why = [
        line.split(" — accounts ", 1)[1].split(". Note: ", 1)[0].removesuffix(".")
        for line in markdown.splitlines()
        if " — accounts " in line
    ]
    trust = markdown.split("## Statuses that depend on whose word one takes", 1)[1].split("## Records")[0]
    cited = [c for line in why for c in line.split(", ")]
    cited += re.findall(r"(?:A\d+ )?`[^`]+`(?=[,)])", trust)
    assert len(cited) > 50
    for c in cited:
        event = c.rsplit("`", 2)[1]
        assert c == f"A{numbers[event]} `{event}`", c


def test_agreement_line__every_sentence_starts_with_a_capital(bundled: tuple[Report, str]) -> None:
    """The line under an agreement's title read "Nature: political-statement. dated 2020-11-10.
    signatories: …": each part is a sentence, and the nature is given in words."""
    _, markdown = bundled
    line = next(line for line in markdown.splitlines() if line.startswith("Nature: "))
    assert line.startswith(
        "Nature: political statement. Dated 2020-11-10. Signatories: AZE, ARM, RUS. "
        "Dates read in Moscow time (UTC+03:00). PA-X AgtId 2324."
    ), line
    assert "Not binding (unilateral proposal): " in markdown


def test_incident_table__no_blank_cell(bundled: tuple[Report, str]) -> None:
    """Beside "0" deaths claimed, a blank cell read as a value lost; an account that gives no
    figure says "not stated", as an account that names no actor does."""
    _, markdown = bundled
    rows = [line for line in markdown.splitlines() if re.match(r"\| A\d+ `", line)]
    assert len(rows) > 50
    for row in rows:
        assert all(c.strip() for c in row.strip("|").split(" | ")), row
    assert any(row.endswith("| not stated |") for row in rows)


def test_json__gives_each_agreement_the_date_and_signatories_the_markdown_gives(
    bundled: tuple[Report, str],
) -> None:
    """The Markdown says "Dated 2020-11-10. Signatories: AZE, ARM, RUS." under each agreement and
    the JSON gave a date only to the agreements it leaves out: a program could not order or date
    the agreements it reports."""
    report, markdown = bundled
    agreements = report_dict(report)["agreements"]
    assert [a["date"] for a in agreements] == sorted(a["date"] for a in agreements)
    for a in agreements:
        line = f"Dated {a['date']}. Signatories: {', '.join(a['signatories'])}."
        assert line in markdown, a["id"]


def test_heatmap__breaches_do_not_rely_on_red_and_green_alone(bundled: tuple[Report, str]) -> None:
    """Violated (red) and overdue (orange) cells sit beside fulfilled and complied (green), and
    disputed (purple) beside in-progress (blue); a reader who cannot tell red from green tells
    them apart by their stripes, in the cells and in the legend. Every pattern used is defined in
    the picture itself."""
    report, _ = bundled
    root = ET.fromstring(heatmap_svg(heatmap_of_report(report)))
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    for status in (Status.VIOLATED, Status.OVERDUE, Status.DISPUTED):
        cells = [
            r for r in root.iter(f"{SVG}rect") if f": {status.value}, " in (r.findtext(f"{SVG}title") or "")
        ]
        assert cells, status
        fills = {r.get("fill") for r in cells}
        assert len(fills) == 1, fills
        fill = fills.pop() or ""
        assert fill.startswith("url(#"), (status, fill)
        assert fill[5:-1] in patterns
        swatches = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == fill and r.get("width") == "12"]
        assert len(swatches) == 1, status  # its legend swatch, striped as the cells are


def test_json__names_the_version_whose_rules_the_statuses_follow(bundled: tuple[Report, str]) -> None:
    """The Markdown says which version's rules it follows; the JSON said only its schema, so two
    editions with different statuses could not be told apart by the rules that made them."""
    report, markdown = bundled
    generator = report_dict(report)["generator"]
    assert re.fullmatch(r"ceasefire-compliance \S+", generator)
    assert f"docs/obligation-logic.md of {generator}" in markdown


def test_timeline__the_csv_has_a_header_and_marks_the_article_rows() -> None:
    """The timeline CSV, as docs/report-schema.md describes it: a header of the three id columns,
    the trust policy, the known-on date and the dates; the article's roll-up row with an empty obligation, then its obligations."""
    result = timeline(build_ledger(), date(2020, 11, 10), date(2021, 11, 9), "quarter")
    table = list(csv.reader(io.StringIO(timeline_csv(result))))
    assert table[0] == [
        "agreement",
        "article",
        "obligation",
        "trust",
        "known_on",
        *(d.isoformat() for d in result.dates),
    ]
    assert table[1][:3] == ["trilateral-2020", "1", ""]
    assert table[2][:3] == ["trilateral-2020", "1", "ts2020-1-ceasefire-aze"]
    obligations = [row for row in table[1:] if row[2]]
    assert len({row[2] for row in obligations}) == len(obligations)
    assert all(len(row) == len(table[0]) for row in table)


def test_diff__says_what_a_finding_and_each_category_is() -> None:
    """The diff's headings ("Carried-over (6)", "Ended (0)") and its title word "finding" were
    not explained anywhere in the output."""
    changes = diff(build_ledger(), date(2022, 1, 1), date(2024, 1, 1))
    markdown = diff_markdown(changes, "2022-01-01", "2024-01-01", Trust.STANDARD)
    intro = markdown.split("\n## ", 1)[0]
    assert "A finding is an obligation whose status is " in intro
    for status in FINDINGS:
        assert f"*{status.value}*" in intro
    for category in ("New", "Changed", "Carried-over", "Resolved", "Ended"):
        assert f"*{category}*: " in intro
        assert f"\n## {category} (" in markdown


@pytest.mark.parametrize("policy", ["strict", "standard"])
def test_timeline__names_its_periods_and_trust_policy(policy: str) -> None:
    """A timeline under strict gave the same JSON keys and the same bare Markdown table as one
    under standard: nothing said which it was, nor how long a period is."""
    result = timeline(build_ledger(), date(2020, 11, 10), date(2021, 11, 9), "quarter", trust=policy)
    data = json.loads(timeline_json(result))
    assert (data["every"], data["trust"]) == ("quarter", policy)
    markdown = timeline_markdown(result)
    assert markdown.startswith("# Status by quarter, periods ending 2021-02-09 to 2021-11-09\n")
    assert f"Trust policy: {policy}." in markdown.split("| Agreement |", 1)[0]


def test_incident_table__does_not_call_a_mediator_a_side(bundled: tuple[Report, str]) -> None:
    """The column headed "Side" held USA, EU and RUS, which the evidence lines call "not a side"
    (a mediator, a signatory): the column gives the reporter's affiliation."""
    _, markdown = bundled
    headers = [line for line in markdown.splitlines() if line.startswith("| Account | Reported by |")]
    assert headers
    assert set(headers) == {
        "| Account | Reported by | Affiliation | Actor named | Claim (short) | Deaths claimed |"
    }
    assert re.search(r"^\| A\d+ `N089` \| US Department of State \| USA \|", markdown, re.M)
    assert "reported by USA, with no role in trilateral-2020 or its process, not a side" in markdown


def test_pictures__the_report_says_a_bar_of_breach_accounts_is_no_finding() -> None:
    """The breaches picture stacks alleged and contested accounts with confirmed ones; its SVG
    said they are claims, not findings, but a reader of the report saw only the picture."""
    report = Report.build(build_ledger(), date(2026, 11, 22))
    markdown = render_markdown(report, [("Breach accounts", "report-breaches.svg")])
    section = markdown.split("## Pictures", 1)[1].split("\n## ", 1)[0]
    assert "claims attributed to their reporters, not findings of a breach" in section
    assert section.index("not findings") < section.index("![Breach accounts](report-breaches.svg)")


def test_reading_key__says_what_each_effect_of_an_evidence_line_means(bundled: tuple[Report, str]) -> None:
    """Evidence lines begin "relevant, **confirmed** (…)": the effects were used in every article
    and defined nowhere in the report."""
    _, markdown = bundled
    head = markdown.split("## Summary:", 1)[0]
    for effect in Effect:
        assert f"*{effect.value}*" in head, effect
        assert re.search(rf"^- {effect.value}, \*\*", markdown, re.M), effect


def test_reading_key__says_what_the_kind_column_holds(bundled: tuple[Report, str]) -> None:
    """The obligation tables' "Kind" ("prohibition, maintenance") used two vocabularies the
    report never explained."""
    _, markdown = bundled
    head = markdown.split("## Summary:", 1)[0]
    for word in (*Modality, *Kind):
        assert f"*{word.value}*" in head, word
    assert "| prohibition, maintenance |" in markdown


def test_json__carries_the_notes_and_variants_the_markdown_prints(bundled: tuple[Report, str]) -> None:
    """Point 8 of the 2020 statement reads "Text not found" with a note saying what was searched;
    the JSON gave an empty text and no note, and none of the other wordings the Markdown quotes."""
    report, markdown = bundled
    data = report_dict(report)
    articles = {a["number"]: a for a in data["agreements"][0]["articles"]}
    assert articles["8"]["text"] == ""
    assert articles["8"]["note"].startswith("No official English wording of point 8 was found")
    variants = articles["1"]["variants"]
    assert variants
    assert {"label", "text", "source"} == set(variants[0])
    assert f"- Variant ({text(variants[0]['label'])}): “{text(variants[0]['text'])}”" in markdown
    assert all(a["note"] is None or f"Note: {text(a['note'])}" in markdown for a in articles.values())
    assert data["agreements"][0]["note"].startswith("Signed late on 9 November 2020")


def test_notes__every_obligation_note_reaches_the_markdown_and_the_json(bundled: tuple[Report, str]) -> None:
    """The encoder's notes on obligations ("Whether clashes on the interstate border fall under
    point 1 is a matter of interpretation") and an instrument's standing ("Not signed and not
    ratified") were in neither report: a reader saw the status without the caveat on it."""
    report, markdown = bundled
    data = report_dict(report)
    obligations = {
        o["id"]: o for a in data["agreements"] for art in a["articles"] for o in art["obligations"]
    }
    notes = [
        (r.id, r.obligation.note) for a in report.agreements for art in a.articles for r in art.obligations
    ]
    assert sum(1 for _, note in notes if note) > 20
    for obligation_id, note in notes:
        assert obligations[obligation_id]["note"] == (note or None)
        if note:
            line = next(line for line in markdown.splitlines() if line.startswith(f"- `{obligation_id}` "))
            assert line.endswith(f" Note: {prose(note)}"), obligation_id
    standing = {a["id"]: a["status_note"] for a in data["agreements"]}
    assert standing["peace-agreement-2025"]
    assert f"Status of the text: {prose(standing['peace-agreement-2025'])}" in markdown


def test_scope__a_disputed_area_is_said_with_why(bundled: tuple[Report, str]) -> None:
    """Evidence lines read "outside the stated area, scope disputed: cannot confirm on its own",
    and the report never said which area, nor whose readings differ: the agreement file's
    statement of the dispute is printed once per article and given in the JSON."""
    report, markdown = bundled
    data = report_dict(report)
    ceasefire = next(
        o
        for a in data["agreements"]
        for art in a["articles"]
        for o in art["obligations"]
        if o["id"] == "ts2020-1-ceasefire-aze"
    )
    disputed = ceasefire["scope_disputed"]
    assert disputed.startswith("The statement does not define the 'Nagorno Karabakh conflict zone'")
    line = f"`ts2020-1-positions-arm`): {prose(disputed)}"
    assert markdown.count(line) == 1
    section = markdown.split("### trilateral-2020 · 1.", 1)[1].split("\n### ", 1)[0]
    assert line in section
    assert "outside the stated area, scope disputed" in section
    aghdam = next(
        o
        for a in data["agreements"]
        for art in a["articles"]
        for o in art["obligations"]
        if o["id"] == "ts2020-2-aghdam"
    )
    assert aghdam["scope_disputed"] is None


def test_summary__the_counts_are_those_of_the_obligation_tables(bundled: tuple[Report, str]) -> None:
    """ "violated (3 of 26; 1 not-assessable)": counted in the obligation tables further down, each
    agreement has that many obligations, that many with the status named and that many not
    assessable."""
    _, markdown = bundled
    summaries = re.findall(
        r"^## Summary: (.*)\n\n(?:Not binding.*\n\n)?Overall: \*\*(.*?)\*\*", markdown, re.M
    )
    assert len(summaries) > 5
    sections = {part.split("\n", 1)[0]: part for part in re.split(r"^## ", markdown, flags=re.M)}
    for title, overall in summaries:
        rows = re.findall(r"^\| `[^`]+` .* \| ([a-z-]+)[^|]* \| [–\d] \|$", sections[title], re.M)
        status, counts = re.fullmatch(r"([a-z-]+)(?: \((.*)\))?", overall).groups()  # type: ignore[union-attr]
        named = dict(re.findall(r"(\d+) ([a-z-]+)(?=[,;]|$)", counts or ""))  # "; 1 not-assessable"
        if counts and " of " in counts:
            shown, total = re.match(r"(\d+) of (\d+)", counts).groups()  # type: ignore[union-attr]
            assert (int(shown), int(total)) == (rows.count(status), len(rows)), title
        else:
            assert rows.count(status) == len(rows), title
        for n, other in named.items():
            if other != status:
                assert int(n) == rows.count(other), (title, other)
