"""`report --format csv`: the compliance table as flat rows, one per obligation.

Every value is checked against the JSON report of the same run, so the two formats cannot say
different things.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
import pytest

from compliance import Report
from compliance.cli import main
from compliance.linking.ledger import build_ledger
from compliance.render.report_rows import report_csv
from compliance.views.rows import COLUMNS

AS_OF = "2026-11-22"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def obligations_of(report: dict) -> dict[str, tuple[dict, dict, dict]]:  # type: ignore[type-arg]
    return {
        ob["id"]: (agreement, article, ob)
        for agreement in report["agreements"]
        for article in agreement["articles"]
        for ob in article["obligations"]
    }


@pytest.mark.parametrize("extra", [(), ("--trust", "strict"), ("--known-on", "2023-01-01")])
def test_rows__one_per_obligation_saying_what_the_json_report_says(
    capsys: pytest.CaptureFixture[str], extra: tuple[str, ...]
) -> None:
    """Same order, same statuses under each policy, reasons, dates, counts and PAM scores as the
    JSON report of the bundled data; the header is :data:`COLUMNS`."""
    rows = list(
        csv.DictReader(io.StringIO(cli(capsys, "report", "--as-of", AS_OF, *extra, "--format", "csv")))
    )
    data = json.loads(cli(capsys, "report", "--as-of", AS_OF, *extra, "--format", "json"))
    found = obligations_of(data)
    assert [r["obligation"] for r in rows] == list(found)
    assert len(rows) == 91
    assert tuple(rows[0]) == COLUMNS
    for row in rows:
        agreement, article, ob = found[row["obligation"]]
        assert row["agreement"] == agreement["id"]
        assert row["article"] == article["number"]
        assert (row["as_of"], row["trust"], row["known_on"]) == (
            data["as_of"],
            data["trust"],
            data["known_on"] or "",
        )
        assert row["bearers"].split(";") == ob["bearers"]
        assert row["status"] == ob["status"]
        assert row["possible_statuses"].split(";") == ob["possible_statuses"]
        assert row["reason"] == ob["reason"]
        assert {p: row[f"status_{p}"] for p in ob["status_by_trust"]} == ob["status_by_trust"]
        assert row["deadline"] == (ob["deadline"] or "")
        assert row["deadline_note"] == (ob["deadline_note"] or "")
        assert (row["note"], row["scope_disputed"]) == (ob["note"] or "", ob["scope_disputed"] or "")
        assert row["term_end"] == (ob["term_end"] or "")
        assert row["term_end_latest"] == (ob["term_end_latest"] or "")
        assert row["breach_on_record"] == str(ob["breach_on_record"])
        assert int(row["evidence_total"]) == ob["evidence_total"]
        assert {g: int(row[f"evidence_{g}"]) for g in ob["evidence_by_grade"]} == ob["evidence_by_grade"]
        assert row["pam_score"] == ("" if ob["pam_score"] is None else str(ob["pam_score"]))
        assert row["summary"] == ob["summary"]
        assert row["why"] == (
            f"{ob['why']['rule']}: {', '.join(ob['why']['accounts'])}"
            if ob["why"]["accounts"]
            else ob["why"]["rule"]
        )


def test_rows__where_the_answer_depends_on_whose_word_both_answers_are_in_the_row(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Armenia's facilitation of the EU mission (Prague 2022, point 3) is disputed under the strict
    policy and fulfilled under the standard one (the report's own "Depends on whose word one
    takes" line); its row says both."""
    rows = {
        r["obligation"]: r
        for r in csv.DictReader(io.StringIO(cli(capsys, "report", "--as-of", AS_OF, "--format", "csv")))
    }
    row = rows["pr2022-3-facilitate-arm"]
    assert (row["status_strict"], row["status_standard"], row["status_broad"]) == (
        "disputed",
        "fulfilled",
        "fulfilled",
    )


def test_rows__text_with_commas_quotes_and_line_breaks_reads_back_as_written() -> None:
    """A summary holding a comma, a quote and a line break (SYNTHETIC) is one quoted cell, and
    the CSV's rows are the API's ``Report.to_rows()``."""
    ledger = build_ledger()
    summary = 'Both sides, "in parallel",\nwithdraw'
    agreements = tuple(
        attrs.evolve(a, obligations=tuple(attrs.evolve(o, summary=summary) for o in a.obligations))
        for a in ledger.agreements
    )
    report = Report.build(attrs.evolve(ledger, agreements=agreements), AS_OF, "trilateral-2020")
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert tuple(rows[0]) == COLUMNS
    assert {len(r) for r in rows} == {len(COLUMNS)}
    assert rows[1:] == [["" if v is None else str(v) for v in row.values()] for row in report.to_rows()]
    assert {r[COLUMNS.index("summary")] for r in rows[1:]} == {summary}


def test_rows__a_file_gets_no_pictures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only a Markdown report writes its pictures beside it."""
    out = tmp_path / "report.csv"
    cli(capsys, "report", "--as-of", AS_OF, "--format", "csv", "--output", str(out))
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]
    assert out.read_text(encoding="utf-8").startswith(",".join(COLUMNS) + "\n")


def test_rows__a_deadline_the_text_does_not_state_says_what_it_rests_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Markdown gives the withdrawal of point 4 "by 2020-11-10 (at the earliest: …)" and the
    JSON its ``deadline_note``; the CSV gave the bare date, read in a spreadsheet as one the text
    states. The note is the last column, after those a program may read by position."""
    rows = {
        r["obligation"]: r
        for r in csv.DictReader(io.StringIO(cli(capsys, "report", "--as-of", AS_OF, "--format", "csv")))
    }
    withdrawal = rows["ts2020-4-withdrawal-arm"]
    assert withdrawal["deadline"] == "2020-11-10"
    assert withdrawal["deadline_note"].startswith("at the earliest: ")
    assert rows["ts2020-6-lachin-district"]["deadline_note"] == ""  # (a day the text states)
    assert COLUMNS.index("deadline_note") > COLUMNS.index("trust")


def test_rows__the_caveats_on_a_status_are_in_its_row(capsys: pytest.CaptureFixture[str]) -> None:
    """The ceasefire's row carries the encoder's note and why its area is disputed, as the JSON
    and the Markdown do: a spreadsheet gave "violated" without the caveat on it."""
    rows = {
        r["obligation"]: r
        for r in csv.DictReader(io.StringIO(cli(capsys, "report", "--as-of", AS_OF, "--format", "csv")))
    }
    ceasefire = rows["ts2020-1-ceasefire-aze"]
    assert ceasefire["note"].startswith("The text covers the 'Nagorno-Karabakh conflict zone'.")
    assert ceasefire["scope_disputed"].startswith("The statement does not define the 'Nagorno Karabakh")
    deployment = rows["ts2020-3-deployment-rus"]
    assert (deployment["note"], deployment["scope_disputed"]) == ("", "")
    assert COLUMNS[-2:] == ("note", "scope_disputed")


RELEASED_COLUMNS = (
    "agreement", "article", "obligation", "bearers", "status", "pam_score", "deadline",
    "evidence_total", "evidence_confirmed", "evidence_alleged", "evidence_contested", "why",
    "reason", "possible_statuses", "status_strict", "status_standard", "status_broad", "term_end",
    "breach_on_record", "not_formalised", "beneficiaries", "modality", "kind", "summary", "as_of",
    "known_on", "trust",
)  # fmt: skip
"""The columns the rows had before ``term_end_latest`` and the caveat columns were added."""


def test_rows__columns_added_later_leave_the_earlier_ones_in_their_places(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A program reading the CSV by position finds every earlier column where it was: each column
    added later (``term_end_latest`` among them) comes after them, not beside a related one."""
    assert COLUMNS[: len(RELEASED_COLUMNS)] == RELEASED_COLUMNS
    header = next(csv.reader(io.StringIO(cli(capsys, "report", "--as-of", AS_OF, "--format", "csv"))))
    assert tuple(header[: len(RELEASED_COLUMNS)]) == RELEASED_COLUMNS
    assert header.index("term_end_latest") > header.index("trust")
