"""Reports a researcher publishes: each account once, pictures, violation counts, grouped warnings, rows."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest

from compliance.cli import main
from compliance.core.problems import Problem, Severity
from compliance.core.vocabulary import Effect, Status
from compliance.linking.ledger import build_ledger
from compliance.render.json import report_dict
from compliance.render.markdown import render_markdown
from compliance.render.safe import prose
from compliance.render.svg import breaches_svg, heatmap_svg
from compliance.views.activity import Activity, activity, count_activity
from compliance.views.pictures import breach_counts, heatmap_of_report
from compliance.views.problems import group_problems
from compliance.views.report import Report
from tests.support import AGREEMENTS, ledger_from_csv, rows

ROOT = Path(__file__).parent.parent
AGREEMENT = ROOT / "tests" / "golden" / "agreement.toml"
SVG = "{http://www.w3.org/2000/svg}"
# Known counts: in January 2021 three confirmed accounts of two incidents (R1 alone; R2 and R3 of
# i1) and one alleged account bear on ARM's ceasefire, one confirmed account on RUS's term; in
# February one contested account (C1, contradicted by C2); in March 2022 one confirmed account.
ACTIVITY_EVENTS = """\
id,date,kind,actor,target,location,reported_by,reporter_party,reported_on,source_url,incident,links,notes
R1,2021-01-05,armed-clash,ARM,AZE,Tavush,Reuters,none,2021-01-05,https://example.org/r1,,,Test: clash reported by a news agency.
R2,2021-01-06,armed-clash,ARM,AZE,Tavush,Reuters,none,2021-01-06,https://example.org/r2,i1,,Test: first account of incident i1.
R3,2021-01-06,armed-clash,ARM,AZE,Tavush,Reuters,none,2021-01-07,https://example.org/r3,i1,,Test: second account of incident i1.
A1,2021-01-20,armed-clash,ARM,AZE,Tavush,Ministry of Defence of Azerbaijan,AZE,2021-01-20,https://example.org/a1,,,Test: alleged by one side only.
C1,2021-02-15,armed-clash,ARM,AZE,Tavush,Ministry of Defence of Azerbaijan,AZE,2021-02-15,https://example.org/c1,i2,,Test: one side's account of incident i2.
C2,2021-02-15,armed-clash,AZE,ARM,Tavush,Ministry of Defence of Armenia,ARM,2021-02-15,https://example.org/c2,i2,,Test: the other side's account of incident i2.
X1,2021-01-25,statement,RUS,,Moscow,Reuters,none,2021-01-25,https://example.org/x1,,example-2020#2/ex-2-term:breaches,Test: an explicit breach of a Russian obligation.
R4,2022-03-10,armed-clash,ARM,AZE,Tavush,Reuters,none,2022-03-10,https://example.org/r4,,,Test: a later clash.
"""
CEASEFIRE, TERM = "ex-1-ceasefire-arm", "ex-2-term"
EXPECTED = {  # period -> {(obligation, bearers, grade): (accounts, incidents)}
    "week": {
        "2021-01-01": {(CEASEFIRE, "ARM", "confirmed"): (3, 2)},
        "2021-01-15": {(CEASEFIRE, "ARM", "alleged"): (1, 1)},
        "2021-01-22": {(TERM, "RUS", "confirmed"): (1, 1)},
        "2021-02-12": {(CEASEFIRE, "ARM", "contested"): (1, 1)},
        "2022-03-04": {(CEASEFIRE, "ARM", "confirmed"): (1, 1)},
    },
    "month": {
        "2021-01-01": {
            (CEASEFIRE, "ARM", "confirmed"): (3, 2),
            (CEASEFIRE, "ARM", "alleged"): (1, 1),
            (TERM, "RUS", "confirmed"): (1, 1),
        },
        "2021-02-01": {(CEASEFIRE, "ARM", "contested"): (1, 1)},
        "2022-03-01": {(CEASEFIRE, "ARM", "confirmed"): (1, 1)},
    },
    "quarter": {
        "2021-01-01": {
            (CEASEFIRE, "ARM", "confirmed"): (3, 2),
            (CEASEFIRE, "ARM", "alleged"): (1, 1),
            (CEASEFIRE, "ARM", "contested"): (1, 1),
            (TERM, "RUS", "confirmed"): (1, 1),
        },
        "2022-01-01": {(CEASEFIRE, "ARM", "confirmed"): (1, 1)},
    },
    "year": {
        "2021-01-01": {
            (CEASEFIRE, "ARM", "confirmed"): (3, 2),
            (CEASEFIRE, "ARM", "alleged"): (1, 1),
            (CEASEFIRE, "ARM", "contested"): (1, 1),
            (TERM, "RUS", "confirmed"): (1, 1),
        },
        "2022-01-01": {(CEASEFIRE, "ARM", "confirmed"): (1, 1)},
    },
}


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def bundled() -> tuple[str, dict[str, object]]:
    """The default report on the bundled data, as Markdown and as JSON."""
    ledger = build_ledger()
    report = Report.build(ledger, date(2026, 11, 22))
    return render_markdown(report), report_dict(report)


def test_each_account__full_text_appears_exactly_once_in_the_default_report(
    bundled: tuple[str, dict[str, object]],
) -> None:
    """Every account the JSON lists appears once in the Markdown, and no account's text appears twice."""
    markdown, data = bundled
    events = data["events"]
    assert isinstance(events, list)
    assert len(events) > 100
    for number, event in enumerate(events, start=1):
        notes = prose(event["notes"])  # (an address in a claim is a link)
        assert markdown.count(notes) == 1, event["id"]
        assert len(re.findall(rf"^\*\*A{number}\*\* `{re.escape(event['id'])}` · ", markdown, re.M)) == 1
        assert f"<{event['source_url']}>" in markdown, event["id"]


def test_each_account__default_report_is_under_the_size_target(
    bundled: tuple[str, dict[str, object]],
) -> None:
    """The default report stays a publishable size (825 KB when accounts were repeated; 331 KB,
    then 341 KB with the peace agreement's seventeen articles and the histories of clauses not
    formalised; 358 KB with the key at the top and the encoder's note on each obligation, which
    says where a scope or a bearer is disputed; 374 KB, then 381 KB with the accounts of the Lachin
    checkpoint halts of June and July 2023 and of the displacement of September 2023 that gave the
    other side's word on episodes told by one side only; 384 KB with Armenia's account of a
    territorial claim and Azerbaijan's reply; 391 KB with the English of point 5 of the Washington
    declaration of 2025, the span of the accounts read and whose account each contesting account
    is, "AZE's account E054"); 395 KB with the country beside each unaffiliated outlet's account)."""
    markdown, _ = bundled
    assert len(markdown.encode("utf-8")) < 396_000


def test_each_account__an_unaffiliated_outlet_says_where_it_is_based_and_an_official_body_does_not(
    bundled: tuple[str, dict[str, object]],
) -> None:
    """Trend, graded unaffiliated by the registry's ownership rule, is shown as based in
    Azerbaijan; only accounts by reporters affiliated with no party carry a country."""
    markdown, data = bundled
    events = data["events"]
    assert isinstance(events, list)
    assert "· Trend (unaffiliated; based in Azerbaijan), published " in markdown
    placed = [e for e in events if "reporter_based_in" in e]
    assert {e["reported_by"]: e["reporter_based_in"] for e in placed}["Trend"] == "AZ"
    assert {e["reporter_party"] for e in placed} == {"none"}
    assert set(re.findall(r"[(|] ?([^()|;]*); based in ", markdown)) == {"unaffiliated"}


def test_each_account__obligations_refer_to_accounts_by_number_id_grade_and_effect(
    bundled: tuple[str, dict[str, object]],
) -> None:
    """An obligation's evidence names the accounts by number and id, with effect and grade."""
    markdown, _ = bundled
    section = markdown.split("Evidence for `ts2020-2-aghdam`", 1)[1].split("\n\n", 2)[1]
    assert re.fullmatch(r"- fulfils, \*\*confirmed\*\* \(.*\): A\d+ `E004` 2020-11-20", section), section


def test_no_dead_links__no_relative_link_but_the_pictures(tmp_path: Path) -> None:
    """A report written to a file links only to http(s) addresses and to the pictures beside it."""
    out = tmp_path / "report.md"
    assert main(["report", "--as-of", "2026-11-22", "--output", str(out)]) == 0
    markdown = out.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]*)\)", markdown) + re.findall(r"<([a-z]+:[^>]*)>", markdown)
    relative = {t for t in targets if not t.startswith(("http://", "https://"))}
    assert relative == {"report-heatmap.svg", "report-breaches.svg"}
    assert "![Status of each obligation over time (heatmap)](report-heatmap.svg)" in markdown
    assert "![Breach accounts per month, bearer and grade](report-breaches.svg)" in markdown
    assert re.search(r"docs/obligation-logic\.md of ceasefire-compliance \d+\.\d+", markdown)
    for name in ("report-heatmap.svg", "report-breaches.svg"):
        root = ET.parse(tmp_path / name).getroot()
        assert root.tag == f"{SVG}svg"
        assert root.find(f"{SVG}title") is not None
        assert root.find(f"{SVG}desc") is not None
        assert not list(root.iter(f"{SVG}script"))
        assert "javascript" not in (tmp_path / name).read_text(encoding="utf-8")


def test_pictures__same_input_gives_the_same_bytes_and_names_statuses_in_text() -> None:
    """Two builds give byte-identical SVG; the legend names every status drawn."""
    svgs = []
    for _ in range(2):
        ledger = build_ledger()
        report = Report.build(ledger, date(2026, 11, 22))
        counts = activity(ledger, date(2020, 11, 1), date(2026, 11, 22), "month")
        svgs.append((heatmap_svg(heatmap_of_report(report)), breaches_svg(breach_counts(counts))))
    assert svgs[0] == svgs[1]
    heat, breaches = svgs[0]
    root = ET.fromstring(heat)
    legend = {t.text for t in root.iter(f"{SVG}text")}
    drawn = {
        t.text.split(": ")[1].split(",")[0] for t in root.iter(f"{SVG}title") if t.text and ": " in t.text
    }
    assert drawn
    assert drawn <= legend
    ET.fromstring(breaches)
    assert re.search(r"<desc id='desc'>\d+ breach account", breaches)


def test_pictures__timeline_svg_writes_the_heatmap(capsys: pytest.CaptureFixture[str]) -> None:
    """`compliance timeline --format svg` writes one heatmap with a row per obligation."""
    code = main(
        ["timeline", "--from", "2020-11-01", "--to", "2022-12-31", "--every", "quarter", "--format", "svg"]
    )
    out = capsys.readouterr().out
    assert code == 0
    root = ET.fromstring(out)
    assert "by quarter" in (root.findtext(f"{SVG}title") or "")
    assert "ts2020-2-aghdam" in {t.text for t in root.iter(f"{SVG}text")}


def test_activity__an_instant_is_counted_on_its_day_in_the_agreements_zone(tmp_path: Path) -> None:
    """One instant, 01:30 UTC on 1 April 2021, written in two offsets: the histories put it on
    1 April (Moscow time), and `activity` counted it in March when written as 23:30 on 31 March
    at -02:00, in April when written as 04:30 on 1 April at +03:00. Synthetic account."""
    counted = []
    for moment in ("2021-03-31T23:30:00-02:00", "2021-04-01T04:30:00+03:00"):
        events = tmp_path / "events.csv"
        events.write_text(
            "id,date,kind,actor,target,location,country,reported_by,reporter_party,source_url,links\n"
            f"T1,{moment},ceasefire-violation,AZE,ARM,Stepanakert/Khankendi,AZ,Reuters,none,"
            "https://example.org/t1,trilateral-2020#1/ts2020-1-ceasefire-aze:breaches\n",
            encoding="utf-8",
        )
        table = activity(build_ledger(None, [events]), date(2021, 3, 1), date(2021, 4, 30), "month")
        counted.append({(row.period_start, row.obligation) for row in table.rows})
    assert counted[0] == counted[1] == {(date(2021, 4, 1), "ts2020-1-ceasefire-aze")}


def test_activity__a_straddling_account_is_counted_from_its_agreements_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``~2020-11-11`` (4 to 18 November) straddles the statement of 10 November 2020. The
    evaluation reads it from the adoption on; `activity` counted a confirmed breach in the week of
    3 to 9 November, before the text existed, a week the timeline calls not in force. Synthetic
    account."""
    events = tmp_path / "events.csv"
    events.write_text(
        "id,date,kind,actor,target,location,reported_by,reporter_party,source_url\n"
        "X1,~2020-11-11,armed-clash,AZE,ARM,Fuzuli,Ministry of Defence of Azerbaijan,AZE,https://example.org/a\n",
        encoding="utf-8",
    )
    args = ["--events", str(events), "--from", "2020-11-03", "--to", "2020-11-16", "--every", "week"]
    assert main(["activity", *args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["period"], r["obligation"], r["effect"]) for r in rows] == [
        ("2020-11-10", "ts2020-1-ceasefire-aze", "breaches")
    ]
    assert main(["timeline", *args, "--format", "json"]) == 0
    timeline = json.loads(capsys.readouterr().out)
    (row,) = (r for r in timeline["rows"] if r["obligation"] == "ts2020-1-ceasefire-aze")
    assert row["statuses"][0] == "not-in-force"


def test_activity__a_breach_is_counted_from_its_duty_s_entry_into_force() -> None:
    """A duty in force on 1 December 2020, after its agreement's date: a breach account wholly
    before that is no breach of it (the evaluation lists it as such and counts it for nothing), and
    one straddling it is read from it. `activity` counted both in November. Synthetic accounts."""
    later = datetime(2020, 12, 1, tzinfo=timezone(timedelta(hours=3)))
    agreements = [
        attrs.evolve(
            a,
            obligations=tuple(
                attrs.evolve(o, in_force=later) if o.id == "ts2020-1-ceasefire-arm" else o
                for o in a.obligations
            ),
        )
        for a in AGREEMENTS
    ]
    link = "trilateral-2020#1/ts2020-1-ceasefire-arm:breaches"
    text = rows(
        f"B1,2020-11-20,,armed-clash,ARM,Tavush,Reuters,none,https://example.org/b1,,{link},",
        f"B2,~2020-11-28,,armed-clash,ARM,Tavush,Reuters,none,https://example.org/b2,,{link},",
        f"B3,2020-12-05,,armed-clash,ARM,Tavush,Reuters,none,https://example.org/b3,,{link},",
    )
    table = activity(
        ledger_from_csv(text, agreements=agreements), date(2020, 11, 1), date(2020, 12, 31), "month"
    )
    counted = {
        (row.period_start, row.effect, row.accounts)
        for row in table.rows
        if row.obligation == "ts2020-1-ceasefire-arm"
    }
    assert counted == {(date(2020, 12, 1), Effect.BREACHES, 2)}


def test_activity__breaches_of_a_duty_that_waits_count_only_once_it_came_into_force() -> None:
    """Article III of the peace agreement waits for the ratification: clashes of August and
    September 2025 are no breach of it, whether the ratification has not come (not in force) or
    came on 15 January 2026; a clash of March 2026 after it is. Synthetic accounts."""
    src = "https://example.org/account"
    clashes = [
        f"C{i},{day},,armed-clash,AZE,Syunik/Zangezur border,Reuters,none,{src},,,"
        for i, day in enumerate(("2025-08-20", "2025-09-10", "2026-03-10"))
    ]
    ratified = f"R1,2026-01-15,,agreement-signed,,Washington,Reuters,none,{src},,peace-agreement-2025#XVI/pa2025-ratification:fulfils,"
    force = "pa2025-3-non-use-of-force-aze"

    def counted(*lines: str) -> dict[date, int]:
        table = activity(ledger_from_csv(rows(*lines)), date(2025, 7, 1), date(2026, 6, 30), "quarter")
        return {
            r.period_start: r.accounts
            for r in table.rows
            if r.obligation == force and r.effect is Effect.BREACHES
        }

    assert counted(*clashes[:2]) == {}
    assert counted(*clashes, ratified) == {date(2026, 1, 1): 1}
    report = Report.build(ledger_from_csv(rows(*clashes[:2])), date(2026, 6, 30), ["peace-agreement-2025"])
    result = next(
        r for a in report.agreements for art in a.articles for r in art.obligations if r.id == force
    )
    assert [e.before_in_force for e in result.evidence] == [True, True]
    assert all(
        e.reason.endswith("; the obligation is not in force: no breach of it") for e in result.evidence
    )


def test_activity__a_breach_straddling_a_waited_for_fulfilment_is_counted_from_its_earliest_day() -> None:
    """The ratification Article III waits for is dated only to January 2026, so the duty came into
    force at some instant of that month. The evaluation lists a clash of 5 to 10 December as no
    breach of it ("2026-01-01 at the earliest") and reads a clash of 20 December to 10 January,
    and one of 1 August 2025 to 5 January, from 1 January on: before it the duty was not in
    force. `activity`, and the report's breaches picture with it, counted those two from their own
    first day or the duty's own entry into force (December, August), months the timeline calls
    not in force. They count from the earliest day the duty could have come into force.
    Synthetic accounts."""
    src = "https://example.org/account"
    force = "pa2025-3-non-use-of-force-aze"
    where = "armed-clash,AZE,Syunik/Zangezur border,Reuters,none"
    text = rows(
        f"R1,2026-01,,agreement-signed,,Washington,Reuters,none,{src},,peace-agreement-2025#XVI/pa2025-ratification:fulfils,",
        f"W1,2025-12-05,2025-12-10,{where},{src},,,",
        f"S1,2025-12-20,2026-01-10,{where},{src},,,",
        f"S2,2025-08-01,2026-01-05,{where},{src},,,",
        f"L1,2026-01-20,2026-02-05,{where},{src},,,",
    )
    ledger = ledger_from_csv(text)
    as_of = date(2026, 3, 31)
    _, evaluation = Report.build_with_evidence(ledger, as_of, ["peace-agreement-2025"])
    listed = {e.event: e for e in evaluation.result(force).evidence}
    assert {e: listed[e].before_in_force for e in listed} == {
        "W1": True,
        "S1": False,
        "S2": False,
        "L1": False,
    }
    assert "(2026-01-01 at the earliest): no breach of it" in listed["W1"].reason

    def breaches(table: Activity) -> dict[date, int]:
        return {
            r.period_start: r.accounts
            for r in table.rows
            if r.obligation == force and r.effect is Effect.BREACHES
        }

    assert breaches(activity(ledger, date(2025, 8, 1), as_of, "month")) == {date(2026, 1, 1): 3}
    weekly = activity(ledger, date(2025, 12, 4), as_of, "week")  # weeks from Thursday 4 December
    assert breaches(weekly) == {date(2026, 1, 1): 2, date(2026, 1, 15): 1}
    picture = count_activity(ledger, evaluation, date(2025, 8, 1), "month", ["peace-agreement-2025"])
    (aze,) = (side for side in picture.breaches if side.bearers == "AZE")
    assert dict(zip((s for s, _ in picture.periods), aze.counts, strict=True))[date(2026, 1, 1)] == 3
    assert sum(aze.counts) == 3
    tz = next(a.tz for a in ledger.agreements if a.id == "peace-agreement-2025")
    assert evaluation.result(force).status_on(date(2025, 12, 31), tz)[0] is Status.NOT_IN_FORCE


def test_report__an_article_with_no_obligation_is_not_in_force_before_its_text() -> None:
    """The peace agreement's preamble encodes no obligation: a report as of 2021 chosen by name
    reads it not-in-force, as a timeline does, not not-assessable."""
    report = Report.build(ledger_from_csv(rows()), date(2021, 1, 1), ["peace-agreement-2025"])
    statuses = {art.article.number: art.status.status for a in report.agreements for art in a.articles}
    assert statuses["preamble"] is Status.NOT_IN_FORCE


@pytest.mark.parametrize("every", ["week", "month", "quarter", "year"])
def test_activity__known_counts_per_side_and_grade(
    every: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`compliance activity` counts accounts and distinct incidents per period, side and grade."""
    events = tmp_path / "events.csv"
    events.write_text(ACTIVITY_EVENTS, encoding="utf-8")
    args = ["activity", "--agreement-file", str(AGREEMENT), "--events", str(events)]
    args += [
        "--from",
        "2021-01-01",
        "--to",
        "2022-12-31",
        "--every",
        every,
        "--format",
        "csv",
        "--trust",
        "standard",
    ]
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    got: dict[str, dict[tuple[str, str, str], tuple[int, int]]] = {}
    for row in rows:
        assert row["effect"] == "breaches"
        key = (row["obligation"], row["bearers"], row["grade"])
        got.setdefault(row["period"], {})[key] = (int(row["accounts"]), int(row["incidents"]))
    assert got == EXPECTED[every]


def test_activity__json_and_markdown_carry_the_same_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON rows and the Markdown table give the same numbers as the CSV."""
    events = tmp_path / "events.csv"
    events.write_text(ACTIVITY_EVENTS, encoding="utf-8")
    base = ["activity", "--agreement-file", str(AGREEMENT), "--events", str(events)]
    base += ["--from", "2021-01-01", "--to", "2022-12-31", "--every", "year"]
    assert main([*base, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "ceasefire-compliance/activity/1"
    assert sum(r["accounts"] for r in data["rows"]) == 7
    assert main([*base, "--format", "markdown"]) == 0
    table = capsys.readouterr().out
    assert (
        "| 2021-01-01 to 2021-12-31 | example-2020 | `ex-1-ceasefire-arm` | ARM | breaches | confirmed | 3 | 2 |"
        in table
    )


def test_grouped_warnings__twenty_thousand_rows_give_a_handful_of_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """20,000 rows from one unregistered reporter print one grouped warning, and --strict still fails."""
    path = tmp_path / "outlet.csv"
    rows = ["id,date,kind,reported_by,notes"]
    rows += [f"U{i},2021-07-28,statement,Unregistered Outlet,Test row {i}." for i in range(20_000)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code = main(["report", "--events", str(path), "--as-of", "2022-01-01", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    lines = err.strip().splitlines()
    assert 1 <= len(lines) <= 5, lines
    assert any("(20,000 rows; lines 2, 3, 4, 5, 6, …)" in line for line in lines), lines
    problems = json.loads(out)["problems"]
    (group,) = [p for p in problems if p["count"] == 20_000]
    assert group["lines"] == list(range(2, 12))
    assert group["line_ranges"] == [[2, 20_001]]
    assert group["line"] == 2


def test_grouped_warnings__a_cause_is_file_field_message_and_severity() -> None:
    """Problems group only when file, field, message and severity agree; lines come in order."""
    same = [Problem("a.csv", n, "date", "not a calendar date") for n in (3, 2)]
    other = [
        Problem("b.csv", 2, "date", "not a calendar date"),
        Problem("a.csv", 4, "kind", "not a calendar date"),
        Problem("a.csv", 5, "date", "not a calendar date", Severity.WARNING),
    ]
    groups = group_problems(same + other)
    assert [(g.file, g.field, g.count, g.lines) for g in groups] == [
        ("a.csv", "date", 2, (2, 3)),
        ("a.csv", "kind", 1, (4,)),
        ("a.csv", "date", 1, (5,)),
        ("b.csv", "date", 1, (2,)),
    ]
    assert str(groups[1]) == "a.csv:4: kind: not a calendar date"
    assert str(groups[0]) == "a.csv: date: not a calendar date (2 rows; lines 2, 3)"


def test_grouped_warnings__strict_still_fails_on_any_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --strict, 1,000 grouped errors still give exit code 1 and one line on stderr."""
    path = tmp_path / "bad.csv"
    rows = ["id,date,kind,reported_by,notes"] + [
        f"B{i},2021-02-30,statement,Reuters,Bad date." for i in range(1000)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code = main(["report", "--events", str(path), "--as-of", "2022-01-01", "--format", "json", "--strict"])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1


def test_to_rows__one_flat_row_per_obligation_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Report.to_rows gives flat dicts with the documented keys, and needs no pandas."""
    monkeypatch.setitem(sys.modules, "pandas", None)  # importing pandas would fail
    report = Report.build(build_ledger(), date(2026, 11, 22))
    rows = report.to_rows()
    assert len(rows) == sum(len(a.obligations) for ag in report.agreements for a in ag.articles)
    keys = ["agreement", "article", "obligation", "bearers", "status", "pam_score", "deadline"]
    keys += ["evidence_total", "evidence_confirmed", "evidence_alleged", "evidence_contested", "why"]
    keys += ["reason", "possible_statuses", "status_strict", "status_standard", "status_broad", "term_end"]
    keys += [
        "breach_on_record",
        "not_formalised",
        "beneficiaries",
        "modality",
        "kind",
        "summary",
    ]
    keys += ["as_of", "known_on", "trust", "term_end_latest", "deadline_note", "note", "scope_disputed"]
    assert all(list(row) == keys for row in rows)
    aghdam = next(r for r in rows if r["obligation"] == "ts2020-2-aghdam")
    assert aghdam["bearers"] == "ARM"
    assert aghdam["deadline"] == "2020-11-20"
    assert aghdam["status"] == "fulfilled"
    assert any(r["bearers"] == "ARM;AZE" for r in rows)
    assert all(isinstance(v, (str, int)) or v is None for row in rows for v in row.values())  # bool is an int


def test_to_rows__the_grade_counts_add_up_to_the_total_beyond_the_accounts_listed(tmp_path: Path) -> None:
    """An obligation with more accounts than a report lists (150 alleged, one confirmed) has grade
    columns counting every account, as ``evidence_total`` does, not only the 100 listed; so has
    the JSON report's ``evidence_by_grade``."""
    link = "trilateral-2020#1/ts2020-1-ceasefire-aze:breaches"
    lines = ["id,date,kind,actor,reported_by,reporter_party,source_url,links"]
    lines += [
        f"M{i:03d},2021-03-{1 + i % 28:02d},ceasefire-violation,AZE,Ministry of Defence of Armenia,ARM,"
        f"https://example.org/m{i},{link}"
        for i in range(150)
    ]
    lines.append(f"R1,2021-06-01,ceasefire-violation,AZE,Reuters,none,https://example.org/r1,{link}")
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = Report.build(build_ledger(event_paths=[path]), date(2021, 12, 31))
    row = next(r for r in report.to_rows() if r["obligation"] == "ts2020-1-ceasefire-aze")
    counts = [row["evidence_confirmed"], row["evidence_alleged"], row["evidence_contested"]]
    assert (row["evidence_total"], counts) == (151, [1, 150, 0])
    listed = next(
        r for ag in report.agreements for a in ag.articles for r in a.obligations if r.id == row["obligation"]
    )
    assert len(listed.evidence) < 151  # the report lists fewer than it counts
    obligations = [
        o for ag in report_dict(report)["agreements"] for a in ag["articles"] for o in a["obligations"]
    ]
    json_row = next(o for o in obligations if o["id"] == row["obligation"])
    assert json_row["evidence_by_grade"] == {"confirmed": 1, "alleged": 150, "contested": 0}
    assert all(sum(o["evidence_by_grade"].values()) == o["evidence_total"] for o in obligations)


def test_readme_picture__is_the_heatmap_of_the_bundled_data(tmp_path: Path) -> None:
    """docs/img/report-heatmap.svg is what the README's first command writes (UPDATE_GOLDEN=1 rewrites)."""
    out = tmp_path / "report.md"
    assert main(["report", "--as-of", "2026-11-22", "--output", str(out)]) == 0
    fresh = (tmp_path / "report-heatmap.svg").read_text(encoding="utf-8")
    committed = ROOT / "docs" / "img" / "report-heatmap.svg"
    if os.environ.get("UPDATE_GOLDEN"):
        committed.write_text(fresh, encoding="utf-8")
    assert committed.read_text(encoding="utf-8") == fresh
    assert "](docs/img/report-heatmap.svg)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_zone__named_when_the_agreement_names_it_else_only_the_offset(tmp_path: Path) -> None:
    """ "dates read in Moscow time (UTC+03:00)" with a zone name; without one, "dates read in
    UTC+03:00" (not "UTC (UTC+03:00)", which names a zone the text does not use)."""
    named = AGREEMENT.read_text(encoding="utf-8")
    assert 'zone_name = "Moscow time"' in named
    unnamed = tmp_path / "unnamed.toml"
    unnamed.write_text(named.replace('zone_name = "Moscow time"\n', ""), encoding="utf-8")
    for path, expected in (
        (AGREEMENT, "Dates read in Moscow time (UTC+03:00)."),
        (unnamed, "Dates read in UTC+03:00."),
    ):
        ledger = build_ledger([path], [])
        assert ledger.errors == ()
        markdown = render_markdown(Report.build(ledger, date(2021, 1, 1)))
        assert expected in markdown
        assert "UTC (UTC" not in markdown
