"""Reports and the command line: golden files, exit codes, timeline and diff on the bundled data."""

from __future__ import annotations

import calendar
import json
import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from compliance import Report
from compliance.cli import main
from compliance.core.vocabulary import Status
from compliance.linking.ledger import build_ledger
from compliance.render.json import render_json
from compliance.render.markdown import render_markdown
from compliance.render.tables import agreements_text
from compliance.views.activity import periods
from compliance.views.agreements import AgreementListing
from compliance.views.timeline import MAX_POINTS, diff, period_count, period_ends, timeline
from tests.support import AGREEMENTS

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
GOLDEN_ARGS = [  # relative paths: problems name files as given, so golden files must not depend on the checkout
    "--agreement-file", "tests/golden/agreement.toml",
    "--events", "tests/golden/events.csv",
    "--as-of", "2023-01-01",
]  # fmt: skip
D = date


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("fmt", "name"), [("markdown", "report.md"), ("json", "report.json"), ("csv", "report.csv")]
)
def test_golden__report_on_a_small_fixed_dataset(
    capsys: pytest.CaptureFixture[str], fmt: str, name: str
) -> None:
    """The report on the golden fixture is byte-identical to the reviewed file (UPDATE_GOLDEN=1 rewrites)."""
    code, out, _ = run(capsys, "report", *GOLDEN_ARGS, "--format", fmt)
    assert code == 0
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_report__problems_go_to_stderr_as_file_line_field_message(capsys: pytest.CaptureFixture[str]) -> None:
    """Input problems are listed on stderr as file:line: field: message and the exit code is 0."""
    code, _, err = run(capsys, "report", *GOLDEN_ARGS)
    assert code == 0
    assert re.search(r"golden/events\.csv:6: source_url: only http\(s\) addresses are accepted", err)


def test_report__strict_makes_problems_fatal(capsys: pytest.CaptureFixture[str]) -> None:
    """With --strict an input problem gives exit code 1."""
    code, _, _ = run(capsys, "report", *GOLDEN_ARGS, "--strict")
    assert code == 1


def test_report__usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad date or an unknown agreement is a usage error: exit code 2."""
    with pytest.raises(SystemExit) as exc:
        main(["report", "--as-of", "yesterday"])
    assert exc.value.code == 2
    code, _, err = run(capsys, "report", "--agreement", "no-such-agreement", "--as-of", "2023-01-01")
    assert code == 2
    assert "unknown agreement" in err


def test_report__unreadable_input_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An event file that cannot be opened gives exit code 1."""
    code, _, err = run(capsys, "report", "--events", str(tmp_path / "missing.csv"), "--as-of", "2023-01-01")
    assert code == 1
    assert "cannot read" in err


@pytest.mark.parametrize("known_on", [D(2020, 11, 15), D(2021, 1, 1), D(2022, 9, 1)])
def test_report__known_on_uses_no_account_that_could_not_yet_be_known(known_on: date) -> None:
    """With ``--known-on D`` every account used was reported by D or, with no report date, can
    have happened by D. An account without a report date was kept whatever its date: as known on
    1 January 2021, the report cited the clashes of 13 September 2022 and called point 1 violated."""
    ledger = build_ledger()
    report = Report.build(ledger, D(2022, 12, 31), known_on=known_on)
    assert report.events
    for event in report.events:
        if event.reported_on is not None:
            assert event.reported_on <= known_on, event.id
        else:
            assert event.when.first_day <= known_on, event.id
    undated = [e for e in ledger.events if e.reported_on is None and e.when.first_day > known_on]
    assert undated  # the bundled data has such accounts: the test can fail
    assert not {e.id for e in undated} & {e.id for e in report.events}


def test_report__default_is_the_bundled_data_and_all_agreements(capsys: pytest.CaptureFixture[str]) -> None:
    """With no --events and no --agreement the bundled dataset and every bundled agreement are used."""
    code, out, err = run(capsys, "report", "--as-of", "2024-01-01", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "ceasefire-compliance/report/1"
    ids = {a["id"] for a in data["agreements"]}
    assert {"trilateral-2020", "five-principles-2022"} <= ids
    acc = data["accounting"]
    assert acc["read"] == acc["linked"] + acc["unlinked"] + acc["rejected"]
    assert acc["rejected"] == 0


def test_report__markdown_is_valid_gfm_with_safe_links(capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled report parses as GFM: tables are rectangular, no raw HTML, links are http(s)."""
    _, out, _ = run(capsys, "report", "--as-of", "2026-11-22")
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    cells: list[int] = []
    widths: list[list[int]] = []
    for token in tokens:
        if token.type == "table_open":
            widths.append([])
        elif token.type == "tr_open":
            cells = [0]
        elif token.type in ("th_open", "td_open"):
            cells[0] += 1
        elif token.type == "tr_close":
            widths[-1].append(cells[0])
        for child in token.children or []:
            if child.type == "link_open":
                href = str(child.attrs["href"])
                assert href.startswith(("https://", "http://")) or href == "docs/obligation-logic.md", href
    assert widths
    assert all(len(set(table)) == 1 for table in widths)


def test_report__repr_markdown_renders_in_jupyter() -> None:
    """Report objects render in Jupyter through _repr_markdown_ and expose the same data."""
    report = Report.build(build_ledger(), date(2021, 1, 1), ["trilateral-2020"])
    text = report._repr_markdown_()
    assert text.startswith("# Compliance report as of 2021-01-01")
    (agreement,) = report.agreements
    aghdam = next(r for a in agreement.articles for r in a.obligations if r.id == "ts2020-2-aghdam")
    assert aghdam.status is Status.FULFILLED


def test_agreements__json_lists_both_agreements_with_articles_and_obligations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`compliance agreements --format json` has 9 and 5 articles with sources and typed obligations."""
    code, out, _ = run(capsys, "agreements", "--format", "json")
    assert code == 0
    by_id = {a["id"]: a for a in json.loads(out)["agreements"]}
    assert len(by_id["trilateral-2020"]["articles"]) == 9
    assert len(by_id["five-principles-2022"]["articles"]) == 5
    for agreement in (by_id["trilateral-2020"], by_id["five-principles-2022"]):
        assert all(a["source"].startswith("http") for a in agreement["articles"])
        for ob in agreement["obligations"]:
            assert {"id", "article", "bearers", "modality", "kind", "summary"} <= ob.keys()
            assert set(ob["bearers"]) <= {"ARM", "AZE", "RUS"}


def test_agreements__the_text_listing_gives_a_deadline_with_its_amendments(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The outside reader's case: the listing showed a deadline as the text states it after an
    amendment had moved it, while the report gives the amended one. The listing is of the texts,
    with no date, so it gives the stated deadline and then each amendment in date order, and one
    set only by an amendment (synthetic, below) is listed too."""
    code, out, _ = run(capsys, "agreements")
    assert code == 0
    [line] = [row for row in out.splitlines() if "- ts2020-6-kalbajar " in row]
    assert "achievement by 2020-11-15, amended on 2020-11-15 to 2020-11-25)" in line
    report = Report.build(build_ledger(), date(2020, 11, 20))
    kalbajar = next(
        r for a in report.agreements for art in a.articles for r in art.obligations if r.id == KALBAJAR
    )
    assert kalbajar.deadline == date(2020, 11, 25)
    trilateral = next(a for a in AGREEMENTS if a.id == "trilateral-2020")
    [amendment] = trilateral.amendments
    later = attrs.evolve(amendment, date=date(2020, 11, 20), deadline=date(2020, 11, 30))
    twice = attrs.evolve(trilateral, amendments=(later, amendment))
    assert "achievement by 2020-11-15, amended on 2020-11-15 to 2020-11-25, on 2020-11-20 to 2020-11-30)" in (
        agreements_text(AgreementListing((twice,), ()))
    )
    unstated = attrs.evolve(
        twice,
        obligations=tuple(
            attrs.evolve(o, deadline=None) if o.id == KALBAJAR else o for o in twice.obligations
        ),
    )
    assert "achievement amended on 2020-11-15 to 2020-11-25, on 2020-11-20 to 2020-11-30)" in (
        agreements_text(AgreementListing((unstated,), ()))
    )


KALBAJAR = "ts2020-6-kalbajar"
EVENTS = "agreements/events.csv"


def test_report__an_event_file_named_twice_is_read_once(capsys: pytest.CaptureFixture[str]) -> None:
    """Read twice, every account of the file met itself as a duplicate id and was rejected."""
    once = run(capsys, "report", "--as-of", "2024-01-01", "--format", "json", "--events", EVENTS)
    twice = run(
        capsys, "report", "--as-of", "2024-01-01", "--format", "json", "--events", EVENTS, "--events", EVENTS
    )
    assert twice == once
    assert run(capsys, "validate", EVENTS, EVENTS) == run(capsys, "validate", EVENTS)


def test_report__an_event_file_named_by_two_paths_is_read_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A relative path, the absolute path and a link to one file are one file: read once."""
    link = tmp_path / "events.csv"
    link.symlink_to(ROOT / EVENTS)
    args = ["report", "--as-of", "2024-01-01", "--format", "json"]
    once = run(capsys, *args, "--events", EVENTS)
    spelled = run(capsys, *args, "--events", EVENTS, "--events", str(ROOT / EVENTS), "--events", str(link))
    assert spelled == once
    assert run(capsys, "validate", EVENTS, str(link)) == run(capsys, "validate", EVENTS)


def test_validate__exit_1_listing_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`compliance validate` exits 1 and lists problems for a bad agreement file; 0 for good files."""
    bad = tmp_path / "bad.toml"
    bad.write_text(
        (GOLDEN / "agreement.toml").read_text(encoding="utf-8").replace("pax_id = 2324", "pax_id = true"),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:" in err
    assert "pax_id" in err
    code, _, err = run(
        capsys,
        "validate",
        str(ROOT / "agreements" / "trilateral-2020.toml"),
        str(ROOT / "agreements" / "events.csv"),
    )
    assert code == 0, err


def test_timeline__lachin_corridor_obligations_change_between_2022_and_2024() -> None:
    """On the bundled data, Azerbaijan's safe-movement duty changes status between 2022 and 2024."""
    result = timeline(build_ledger(), date(2022, 1, 1), date(2024, 12, 31), "quarter", ["trilateral-2020"])
    row = next(r for r in result.rows if r.obligation == "ts2020-6-safe-movement-aze")
    assert row.statuses[0] is Status.COMPLIED
    assert row.statuses[-1] is not Status.COMPLIED
    assert len(result.dates) == 12


def test_timeline__matches_direct_reports_at_each_date() -> None:
    """Every cell of the timeline equals the status a report as of that date gives."""
    ledger = build_ledger()
    result = timeline(ledger, date(2020, 11, 1), date(2021, 3, 31), "month", ["trilateral-2020"])
    for i, day in enumerate(result.dates):
        report = Report.build(ledger, day, ["trilateral-2020"])
        direct = {r.id: r.status for a in report.agreements for art in a.articles for r in art.obligations}
        for row in result.rows:
            if row.obligation:
                assert row.statuses[i] is direct[row.obligation], (row.obligation, day)


def test_timeline__an_article_with_no_obligation_is_not_in_force_before_its_text() -> None:
    """Sochi 2021 (26 November 2021) encodes no obligation for its point 1: its row reads
    not-in-force before the text and not-assessable from it, not not-assessable throughout."""
    t = timeline(build_ledger(), date(2021, 8, 31), date(2021, 12, 31), "month", ["sochi-2021"])
    (row,) = [r for r in t.rows if r.article == "1" and r.obligation is None]
    assert not [r for r in t.rows if r.article == "1" and r.obligation is not None]
    assert t.dates[0] < date(2021, 11, 26) <= t.dates[-1]
    assert row.statuses == tuple(
        Status.NOT_IN_FORCE if d < date(2021, 11, 26) else Status.NOT_ASSESSABLE for d in t.dates
    )


def test_report__a_roll_up_left_over_status_names_the_rest() -> None:
    """Six of Russia's seven duties of 2020 were terminated in 2024 and the seventh never came
    into force: the roll-up is not-in-force, as documented, and the summary says that none is in
    force and how many are in each status, the rolled-up one first. "RUS not-in-force (1 of 7; 6
    terminated)" led with the one duty not yet in force and read as Russia's standing."""
    report = Report.build(build_ledger(), date(2026, 11, 22), ["trilateral-2020"])
    [russia] = [p for p in report.agreements[0].parties if p.party == "RUS"]
    assert russia.status.status is Status.NOT_IN_FORCE
    md = render_markdown(report)
    assert "RUS none in force (1 not-in-force, 6 terminated) (PAM 2)" in md
    assert "not-in-force (1 of 7" not in md


def test_status_label__none_in_force_only_when_every_obligation_is_known_not_in_force() -> None:
    """ "none in force" where the statuses are not-in-force, superseded or terminated, in more than
    one way; a single such status, or one beside obligations not assessable (which may be in
    force), keeps the status and its counts."""
    from compliance.evaluation.rollup import roll_up_statuses
    from compliance.render.rollups import status_label

    def label(*statuses: Status) -> str:
        return status_label(roll_up_statuses((s, None) for s in statuses))

    ended = (Status.TERMINATED,) * 2
    assert label(Status.SUPERSEDED, *ended, Status.NOT_IN_FORCE) == (
        "none in force (1 not-in-force, 1 superseded, 2 terminated)"
    )
    assert label(*ended) == "terminated (2 of 2)"
    assert label(Status.NOT_IN_FORCE, Status.NOT_ASSESSABLE) == "not-in-force (1 of 2; 1 not-assessable)"
    assert label(Status.PENDING, *ended) == "pending (1 of 3)"


def test_report__a_roll_up_names_what_it_cannot_assess_and_its_pam_what_it_rests_on() -> None:
    """Sochi 2021 as of 2022: one obligation fulfilled, three not formalised. "fulfilled (1 of
    4)" with "PAM score 3" read as full implementation of the four; the label names the three
    not assessable and the score says it is that of one obligation."""
    md = render_markdown(Report.build(build_ledger(), date(2022, 12, 31), ["sochi-2021"]))
    assert (
        "Overall: **fulfilled (1 of 4; 3 not-assessable)**, PAM score 3 (from 1 obligation). By bearer: "
        "ARM fulfilled (1 of 3; 2 not-assessable) (PAM 3, from 1 obligation); "
        "AZE fulfilled (1 of 3; 2 not-assessable) (PAM 3, from 1 obligation); "
        "RUS not-assessable (2 of 2) (PAM –)."
    ) in md
    assert "Status: **fulfilled (1 of 3; 2 not-assessable)**, PAM score 3 (from 1 obligation)." in md


def test_report__a_pam_score_with_nothing_unassessable_is_given_bare() -> None:
    """A duty not yet in force has no score by design (the approval waits for the list, not
    submitted): a score that leaves only such duties out is the group's, printed bare."""
    md = render_markdown(Report.build(build_ledger(), date(2021, 12, 1), ["trilateral-2021-01"]))
    assert "Overall: **overdue (2 of 7)**, PAM score 2. By bearer: ARM overdue (2 of 7) (PAM 2);" in md


def test_report__complied_with_no_account_says_so_in_the_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With no event read, the summary row of the ceasefire read "complied (4 of 4) | 3 |
    complied (3) | complied (3)", which a reader would quote as both sides having kept it. It now
    says no account bears on it, and the report says at its top that none bears on any status;
    an empty event file is no input error, so ``--strict`` still writes the report."""
    empty = tmp_path / "empty.csv"
    empty.write_text((ROOT / "agreements" / "events.csv").read_text(encoding="utf-8").splitlines()[0] + "\n")
    code, md, err = run(capsys, "report", "--events", str(empty), "--as-of", "2024-01-01", "--strict")
    assert (code, err) == (0, "")
    assert "**No account bears on this report as of 2024-01-01.**" in md.split("## Summary", 1)[0]
    assert (
        "| complied (4 of 4, no account) | 3 | complied, no account (3) | complied, no account (3) | – |"
        in md
    )
    assert "unused (–) | complied, no account (3) |" in md  # Russia's term, point 4
    assert "| continuous | complied, no account | 3 |" in md  # the obligation table, as the summary
    assert "complied (3)" not in md


def test_report__before_the_first_agreement_it_says_there_is_no_status() -> None:
    """As of 2019 no agreement is in force yet: the report said "Every status below rests on the
    absence of accounts" above no status at all. It says no agreement is dated by then, as its
    JSON gives no agreement and every loaded one as adopted later."""
    ledger = build_ledger()
    report = Report.build(ledger, date(2019, 6, 1))
    head = render_markdown(report).split("## ", 1)[0]
    assert (
        "**No agreement is dated on or before 2019-06-01**, so this report gives no status: every "
        "agreement loaded was adopted later and is left out."
    ) in head
    assert "status below" not in head
    assert "No account bears on this report" not in head
    data = json.loads(render_json(report))
    assert data["agreements"] == []
    assert [a["id"] for a in data["later_agreements"]] == [a.id for a in ledger.agreements]
    assert all(a["date"] > "2019-06-01" for a in data["later_agreements"])
    none = render_markdown(Report.build(build_ledger(agreement_paths=[]), date(2019, 6, 1)))
    assert "**This report covers no agreement**, so it gives no status." in none.split("## ", 1)[0]
    for md in (render_markdown(report), none):  # nor a comparison of statuses there are none of
        assert "No status depends on the policy" not in md
        assert "## Statuses that depend on whose word one takes" not in md


def test_report__complied_on_accounts_none_of_them_a_breach_is_plain_complied() -> None:
    """Principle 1 of 2022 as of 2022: accounts bear on both recognitions, none reports a breach
    of them while in force: "complied" without "no account"; Sochi 2022's article 4 has none."""
    md = render_markdown(Report.build(build_ledger(), date(2022, 12, 31)))
    assert "No account bears on this report" not in md
    assert "| complied (2 of 2) | 3 | complied (3) | complied (3) |" in md
    assert (
        "| complied (2 of 2, no account) | 3 | complied, no account (3) | complied, no account (3) | – |"
        in md
    )


def test_report__the_method_defines_complied_as_no_breach_reported() -> None:
    """The Method section listed "complied" without saying what it means: only that no account
    reports a breach while the duty was in force, which is no evidence that it was kept."""
    md = render_markdown(Report.build(build_ledger(), date(2022, 12, 31), ["sochi-2022"]))
    method = md.split("## Method", 1)[1].split("\n## ", 1)[0]
    assert "*Complied*" in method
    assert "no account read reports a breach of it while it was in force" in method
    assert "not evidence that the duty was kept" in method


def test_report__an_empty_event_file_is_a_warning_and_strict_writes_the_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--strict`` makes errors fatal because the output would be built from part of the input;
    a file with no record is read whole, so it is a warning, and the report says that no account
    bears on it."""
    empty = tmp_path / "nothing.csv"
    empty.write_text("", encoding="utf-8")
    code, md, err = run(capsys, "report", "--events", str(empty), "--as-of", "2024-01-01", "--strict")
    assert code == 0
    assert "warning: empty file" in err
    assert "**No account bears on this report as of 2024-01-01.**" in md


def test_report__an_article_with_no_obligation_says_so_without_an_empty_table() -> None:
    """An article with no obligation encoded prints why it is not assessable, and no table."""
    md = render_markdown(Report.build(build_ledger(), date(2022, 6, 30), ["sochi-2021"]))
    section = md.split("### sochi-2021 · 1.", 1)[1].split("\n### ", 1)[0]
    assert "Status: **not-assessable**: no obligation is encoded for this article." in section
    assert "| Obligation |" not in section


def test_timeline__period_ends() -> None:
    """Monthly periods end on the last day of each month, the final one on --to."""
    assert period_ends(date(2021, 1, 1), date(2021, 3, 15), "month") == (
        date(2021, 1, 31),
        date(2021, 2, 28),
        date(2021, 3, 15),
    )


def test_timeline__a_month_from_the_31st_is_the_end_of_each_month_without_drift() -> None:
    """From 31 January 2024 the periods start on each month's last day (29 February, 31 March,
    30 April …), not on the 28th from March on; a yearly run from 29 February 2024 starts again
    on 29 February 2028. Each period ends the day before the next starts."""
    assert period_ends(D(2024, 1, 31), D(2024, 12, 31), "month") == (
        *(D(2024, 2, 28), D(2024, 3, 30), D(2024, 4, 29), D(2024, 5, 30), D(2024, 6, 29), D(2024, 7, 30)),
        *(D(2024, 8, 30), D(2024, 9, 29), D(2024, 10, 30), D(2024, 11, 29), D(2024, 12, 30), D(2024, 12, 31)),
    )
    assert periods(D(2021, 1, 31), D(2021, 5, 31), "month") == (
        (D(2021, 1, 31), D(2021, 2, 27)),
        (D(2021, 2, 28), D(2021, 3, 30)),
        (D(2021, 3, 31), D(2021, 4, 29)),
        (D(2021, 4, 30), D(2021, 5, 30)),
        (D(2021, 5, 31), D(2021, 5, 31)),
    )
    assert period_ends(D(2024, 2, 29), D(2028, 12, 31), "year") == (
        *(D(2025, 2, 27), D(2026, 2, 27), D(2027, 2, 27), D(2028, 2, 28), D(2028, 12, 31)),
    )


@pytest.mark.parametrize("command", ["timeline", "activity"])
@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_timeline__more_periods_than_the_limit_are_refused_not_cut_short(
    capsys: pytest.CaptureFixture[str], command: str, fmt: str
) -> None:
    """6,105 weeks from 1910 to 2026 are more than 5,000: a usage error naming the count, with
    nothing written, not a table that silently stops in 2005 under a heading that says 2026."""
    args = ["--from", "1910-01-01", "--to", "2026-12-31", "--every", "week", "--format", fmt]
    code, out, err = run(capsys, command, *args)
    assert (code, out) == (2, "")
    assert err == (
        "compliance: 6,105 periods from 1910-01-01 to 2026-12-31 every week: more than 5,000; "
        "use a longer --every or a shorter range\n"
    )
    with pytest.raises(ValueError, match="6,105 periods"):
        period_ends(D(1910, 1, 1), D(2026, 12, 31), "week")
    monthly = period_ends(D(1910, 1, 1), D(2026, 12, 31), "month")  # 1,404: within the limit
    assert (len(monthly), monthly[-1]) == (1404, D(2026, 12, 31))


@settings(max_examples=40)  # (a weekly list of thousands of periods is built for each)
@given(st.dates(D(1900, 1, 1), D(2100, 12, 31)), st.dates(D(1900, 1, 1), D(2100, 12, 31)))
def test_timeline__period_count_is_the_number_of_periods(a: date, b: date) -> None:
    """The count the limit is checked against: the last period starts on or before ``end``, the
    next would start after it; within the limit it is the length of the list it guards."""
    start, end = min(a, b), max(a, b)
    for every in ("week", *MONTHS):
        count = period_count(start, end, every)
        assert _steps_after(start, count - 1, every) <= end < _steps_after(start, count, every)
        if count <= MAX_POINTS:
            assert count == len(period_ends(start, end, every))
        else:
            with pytest.raises(ValueError, match=f"{count:,} periods"):
                period_ends(start, end, every)


MONTHS = {"month": 1, "quarter": 3, "year": 12}


def _steps_after(start: date, k: int, every: str) -> date:
    """``start`` plus k weeks, or k months, quarters or years on the same day of the month (its last
    day when the month is shorter): computed from ``start`` at once, by calendar arithmetic."""
    if every == "week":
        return start + timedelta(weeks=k)
    months = start.month - 1 + k * MONTHS[every]
    year, month = start.year + months // 12, months % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@settings(max_examples=300)
@given(st.dates(D(1990, 1, 1), D(2090, 12, 31)), st.integers(0, 3000), st.sampled_from(["week", *MONTHS]))
def test_timeline__the_kth_period_starts_k_steps_after_the_start(start: date, days: int, every: str) -> None:
    """Period k (timeline and activity alike) runs from ``start`` + k steps to the day before
    ``start`` + k+1 steps, each counted from ``start``, not from the previous period: no drift,
    and the final period ends on ``end``."""
    end = start + timedelta(days=days)
    spans = periods(start, end, every)
    assert [last for _, last in spans] == list(period_ends(start, end, every))
    for k, (first, last) in enumerate(spans):
        assert first == _steps_after(start, k, every)
        assert last == min(_steps_after(start, k + 1, every) - timedelta(days=1), end)
    assert spans[-1][1] == end


def test_timeline__cli_formats(capsys: pytest.CaptureFixture[str]) -> None:
    """timeline prints Markdown, JSON and CSV."""
    args = ["timeline", "--from", "2022-01-01", "--to", "2022-12-31", "--every", "quarter"]
    _, md, _ = run(capsys, *args)
    assert md.startswith("# Status by quarter, periods ending 2022-03-31 to 2022-12-31\n")
    assert "\n| Agreement | Article | Obligation | 2022-03-31 |" in md
    _, js, _ = run(capsys, *args, "--format", "json")
    assert json.loads(js)["dates"][-1] == "2022-12-31"
    _, csv_text, _ = run(capsys, *args, "--format", "csv")
    assert csv_text.splitlines()[0].startswith("agreement,article,obligation,trust,known_on,2022-03-31")


def test_diff__findings_new_carried_over_and_resolved() -> None:
    """diff marks findings new, changed, carried over and resolved between two editions."""
    changes = {c.obligation: c for c in diff(build_ledger(), date(2022, 6, 30), date(2023, 6, 30))}
    safe = changes["ts2020-6-safe-movement-aze"]
    assert (safe.before, safe.category) == (Status.COMPLIED, "new")
    assert all(
        c.category in {"new", "changed", "carried-over", "resolved", "ended"} for c in changes.values()
    )
    resolved = {c.obligation: c for c in diff(build_ledger(), date(2020, 11, 21), date(2020, 12, 31))}
    assert all(
        c.before in {Status.OVERDUE, Status.DISPUTED, Status.VIOLATED, Status.INDETERMINATE}
        for c in resolved.values()
        if c.category == "resolved"
    )


def test_diff__a_finding_whose_obligation_ended_is_ended_not_resolved() -> None:
    """The Lachin corridor's control was disputed at the start of 2024 and terminated by the
    peacekeepers' early withdrawal that June: the dispute was never settled, the duty ended."""
    changes = {c.obligation: c for c in diff(build_ledger(), date(2024, 1, 1), date(2024, 12, 31))}
    control = changes["ts2020-6-corridor-control-rus"]
    assert (control.before, control.after, control.category) == (Status.DISPUTED, Status.TERMINATED, "ended")


def test_diff__cli_markdown_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """diff prints the five groups in Markdown and JSON."""
    _, md, _ = run(capsys, "diff", "--from", "2022-06-30", "--to", "2023-06-30")
    assert "## New" in md
    assert "## Resolved" in md
    _, js, _ = run(capsys, "diff", "--from", "2022-06-30", "--to", "2023-06-30", "--format", "json")
    assert set(json.loads(js)["findings"]) == {"new", "changed", "carried-over", "resolved", "ended"}
    assert "## Ended" in md


def test_cli__python_dash_m_compliance_works() -> None:
    """`python -m compliance` runs the command line."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "compliance", "agreements"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert "trilateral-2020" in result.stdout


def test_report__leaves_out_agreements_adopted_after_its_date(capsys: pytest.CaptureFixture[str]) -> None:
    """A report as of 30 June 2021 shows the two texts of 2020 and January 2021 and names the seven
    later ones as left out: it shows no text of a later date (no "not in force" section for the
    2025 texts). An agreement chosen by name is shown whatever its date."""
    code, out, _ = run(capsys, "report", "--as-of", "2021-06-30", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert [a["id"] for a in report["agreements"]] == ["trilateral-2020", "trilateral-2021-01"]
    later = [a["id"] for a in report["later_agreements"]]
    assert len(later) == 7
    assert {"sochi-2021", "washington-2025"} <= set(later)
    assert all(a["date"] > "2021-06-30" for a in report["later_agreements"])
    code, out, _ = run(capsys, "report", "--as-of", "2021-06-30", "--format", "markdown")
    assert "## Summary: Sochi" not in out
    assert "Adopted after 2021-06-30 and left out: Sochi trilateral statement of 26 November 2021" in out
    code, out, _ = run(
        capsys, "report", "--as-of", "2021-06-30", "--agreement", "sochi-2021", "--format", "json"
    )
    chosen = json.loads(out)
    assert ([a["id"] for a in chosen["agreements"]], chosen["later_agreements"]) == (["sochi-2021"], [])


def _linked_in_report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[dict[str, int], set[str], str]:
    """The report's division of its linked records, the accounts its evidence lists, its Markdown."""
    code, out, err = run(capsys, "report", *args, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    part = data["linked_in_report"]
    assert part["linked"] == data["accounting"]["linked"]
    assert part["linked"] == part["bear_on_report"] + part["dated_after"] + part["only_agreements_not_shown"]
    evidence = {
        e["event"]
        for a in data["agreements"]
        for art in a["articles"]
        for ob in art["obligations"]
        for e in ob["evidence"]
    }
    assert all(
        len(ob["evidence"]) == ob["evidence_total"]
        for a in data["agreements"]
        for art in a["articles"]
        for ob in art["obligations"]
    )
    code, markdown, err = run(capsys, "report", *args)
    assert code == 0, err
    return part, evidence, markdown


def test_report__linked_records_divide_by_the_as_of_date(capsys: pytest.CaptureFixture[str]) -> None:
    """As of 30 November 2020 the report read 11 of the 194 linked accounts, yet its header said
    "linked 194" and nothing of the 183 dated after it (some linked only to texts it names as
    left out). The accounting still counts every record; the report says how they divide."""
    part, evidence, markdown = _linked_in_report(capsys, "--as-of", "2020-11-30")
    assert part == {"linked": 194, "bear_on_report": 11, "dated_after": 183, "only_agreements_not_shown": 0}
    assert len(evidence) == part["bear_on_report"]  # the accounts the evidence lists, no other
    ledger = build_ledger()
    linked = {link.event for link in ledger.links}
    later = {e.id for e in ledger.events if e.id in linked and e.when.first_day > D(2020, 11, 30)}
    assert len(later) == part["dated_after"]
    assert not later & evidence
    assert "Event records read: 194 (linked 194, unlinked 0, rejected 0)" in markdown
    assert (
        "Of the 194 linked, 11 bear on this report as of 2020-11-30; 183 are dated after it; "
        "0 bear only on agreements not shown." in markdown
    )


def test_report__linked_records_divide_by_the_agreements_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    """With ``--agreement washington-2025`` only the 14 accounts linked to that declaration bear on
    the report; the other 180 bear only on agreements it does not show (four of them are shown
    beside a Washington account of their incident, but are not counted as bearing on it)."""
    part, evidence, markdown = _linked_in_report(
        capsys, "--as-of", "2026-11-22", "--agreement", "washington-2025"
    )
    assert part == {"linked": 194, "bear_on_report": 14, "dated_after": 0, "only_agreements_not_shown": 180}
    assert len(evidence) == part["bear_on_report"]
    assert (
        "14 bear on this report as of 2026-11-22; 0 are dated after it; 180 bear only on agreements not shown."
        in markdown
    )


def test_report__linked_records_divide_by_the_known_on_date(capsys: pytest.CaptureFixture[str]) -> None:
    """As known on 1 January 2021 the report read 14 accounts, but gave the same record counts as
    without ``--known-on``: the 180 not yet reported are now said to be so."""
    whole, _, _ = _linked_in_report(capsys, "--as-of", "2026-11-22")
    assert whole == {"linked": 194, "bear_on_report": 194, "dated_after": 0, "only_agreements_not_shown": 0}
    part, evidence, markdown = _linked_in_report(capsys, "--as-of", "2026-11-22", "--known-on", "2021-01-01")
    assert part == {"linked": 194, "bear_on_report": 14, "dated_after": 180, "only_agreements_not_shown": 0}
    assert len(evidence) == part["bear_on_report"]
    assert "180 are dated after it or not yet reported on 2021-01-01;" in markdown


def test_report__names_no_later_deadline_before_the_amendment(capsys: pytest.CaptureFixture[str]) -> None:
    """The Kalbajar deadline was moved on 15 November 2020 to 25 November: a report as of
    14 November shows the deadline of 15 November and nowhere the later date; from 15 November
    the deadline column shows the amended date and when it was amended."""
    code, before, _ = run(capsys, "report", "--as-of", "2020-11-14", "--agreement", "trilateral-2020")
    assert code == 0
    assert "25 November" not in before
    assert "2020-11-25" not in before
    code, after, _ = run(capsys, "report", "--as-of", "2020-11-16", "--agreement", "trilateral-2020")
    assert "by 2020-11-25 (amended on 2020-11-15)" in after


def test_report__a_summary_says_when_its_agreement_is_not_binding(capsys: pytest.CaptureFixture[str]) -> None:
    """The five principles (a unilateral proposal) and the initialled peace agreement are tracked
    as benchmarks: their summaries say so where the statuses are read; a binding text's does not."""
    code, out, _ = run(capsys, "report", "--as-of", "2026-11-22")
    assert code == 0
    summaries = {part.split("\n", 1)[0]: part for part in out.split("## Summary: ")[1:]}
    flagged = {title for title, part in summaries.items() if "Not binding (" in part.split("Overall:")[0]}
    assert flagged == {
        "Azerbaijan's five basic principles (March 2022)",
        "Peace agreement initialled on 8 August 2025 (not signed)",
    }


def test_agreements__the_text_listing_gives_the_hour_of_entry_into_force(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The trilateral statement's ceasefire holds from 00:00 Moscow time on 10 November 2020; the
    listing gave no hour, nor any entry into force. It now gives it, with its zone, once on the
    agreement's line when every obligation shares it; an obligation of another hour or day has
    its own (SYNTHETIC changes below), read in the agreement's zone however it is written; a
    text in force on its own day, with no hour, gets nothing."""
    code, out, _ = run(capsys, "agreements")
    assert code == 0
    [line] = [row for row in out.splitlines() if row.startswith("trilateral-2020: ")]
    assert (
        "(political-statement, 2020-11-10; in force from 2020-11-10 00:00 Moscow time (UTC+03:00); 9 art"
        in line
    )
    assert "in force" not in next(row for row in out.splitlines() if row.startswith("trilateral-2021-01: "))
    assert out.count("in force from") == 1
    trilateral = next(a for a in AGREEMENTS if a.id == "trilateral-2020")
    noon_utc = datetime(2020, 11, 10, 12, 0, tzinfo=UTC)
    changed = attrs.evolve(
        trilateral,
        obligations=tuple(
            attrs.evolve(o, in_force=noon_utc)
            if o.id == KALBAJAR
            else attrs.evolve(o, in_force=date(2020, 11, 12))
            if o.id == "ts2020-2-aghdam"
            else o
            for o in trilateral.obligations
        ),
    )
    listed = agreements_text(AgreementListing((changed,), ())).splitlines()
    assert "in force" not in listed[0]
    [kalbajar] = [row for row in listed if f"- {KALBAJAR} " in row]
    assert (
        "amended on 2020-11-15 to 2020-11-25, in force from 2020-11-10 15:00 Moscow time (UTC+03:00))"
        in kalbajar
    )
    [aghdam] = [row for row in listed if "- ts2020-2-aghdam " in row]
    assert "achievement by 2020-11-20, in force from 2020-11-12)" in aghdam
    [ceasefire] = [row for row in listed if "- ts2020-1-ceasefire-aze " in row]
    assert "in force from 2020-11-10 00:00 Moscow time (UTC+03:00)" in ceasefire
