"""A renewable term whose notice of termination is dated to a range: what the report says of its
end, in every format, and whether the histories agree with the status read directly.

The SYNTHETIC short truce of examples/short-truce-* (Alderia, XA, and Brevonia, XB, made up, as
is everything in the files): two months from 1 April 2025, renewed for two months unless a party
gives notice 7 days before an expiry. Brevonia's notice (ST15) is moved to other dates here.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

import compliance
from compliance.cli import main
from compliance.core.vocabulary import Status, Trust
from compliance.linking.ledger import Ledger
from compliance.render.json import report_dict
from compliance.render.markdown import render_markdown
from compliance.views.lineage import Lineage
from compliance.views.report import Report
from compliance.views.timeline import timeline

EXAMPLES = Path(__file__).parent.parent / "examples"
REGISTRIES = {
    "parties_path": EXAMPLES / "short-truce-parties.toml",
    "reporters_path": EXAMPLES / "short-truce-reporters.toml",
    "gazetteer_path": EXAMPLES / "short-truce-places.toml",
}
TRUCE = ("abt-1-truce-ald", "abt-1-truce-brv")
UNCERTAIN = "depending on when the notice was given"


def _events(tmp_path: Path, when: str | None) -> Path:
    """The example's accounts with Brevonia's notice (ST15) dated ``when`` (``None``: no notice)."""
    text = (EXAMPLES / "short-truce-events.csv").read_text(encoding="utf-8")
    assert "\nST15,2025-07-20," in text
    if when is None:
        text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("ST15,"))
    else:
        text = text.replace("\nST15,2025-07-20,", f"\nST15,{when},")
    path = tmp_path / f"events-{(when or 'none').replace('~', 'about-')}.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _ledger(tmp_path: Path, when: str | None) -> Ledger:
    return compliance.build_ledger(
        [EXAMPLES / "short-truce-agreement.toml"],
        [_events(tmp_path, when)],
        parties_path=REGISTRIES["parties_path"],
        reporters_path=REGISTRIES["reporters_path"],
        gazetteer_path=REGISTRIES["gazetteer_path"],
    )


def test_report__an_uncertain_notice_gives_the_earliest_and_latest_expiry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Brevonia's notice dated only to July may have come by 25 July, ending the truce on
    1 August, or after it, when the truce ran on to 1 October. The report said "term to
    2025-08-01" beside an `indeterminate` status, as if the end were known. It now gives both
    ends, alike in Markdown, JSON (`term_end` kept, `term_end_latest` added) and the CSV rows."""
    ledger = _ledger(tmp_path, "2025-07")
    report = Report.build(ledger, date(2025, 8, 10))
    for ob in TRUCE:
        result = compliance.evaluate_ledger(ledger, date(2025, 8, 10)).result(ob)
        assert (result.status, result.possible) == (
            Status.INDETERMINATE,
            (Status.VIOLATED, Status.TERMINATED),
        )
        assert (result.term_end, result.term_end_latest) == (date(2025, 8, 1), date(2025, 10, 1))
        assert result.term_end_uncertain
    markdown = render_markdown(report)
    cell = "| term to 2025-08-01 or as late as 2025-10-01, depending on when the notice was given |"
    assert markdown.count(cell) == 2
    assert "| term to 2025-08-01 |" not in markdown
    obligations = {
        o["id"]: o
        for a in report_dict(report)["agreements"]
        for art in a["articles"]
        for o in art["obligations"]
    }
    ends = [(obligations[ob]["term_end"], obligations[ob]["term_end_latest"]) for ob in TRUCE]
    assert ends == [("2025-08-01", "2025-10-01")] * 2
    assert obligations["abt-3-exchange"]["term_end_latest"] is None  # no term
    rows = {r["obligation"]: r for r in report.to_rows()}
    assert [(rows[ob]["term_end"], rows[ob]["term_end_latest"]) for ob in TRUCE] == [
        ("2025-08-01", "2025-10-01")
    ] * 2
    args = ["report", "--agreement-file", str(EXAMPLES / "short-truce-agreement.toml")]
    args += ["--events", str(_events(tmp_path, "2025-07")), "--as-of", "2025-08-10", "--format", "csv"]
    args += ["--parties", str(REGISTRIES["parties_path"]), "--reporters", str(REGISTRIES["reporters_path"])]
    args += ["--gazetteer", str(REGISTRIES["gazetteer_path"])]
    assert main(args) == 0
    flat = {r["obligation"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert [(flat[ob]["term_end"], flat[ob]["term_end_latest"]) for ob in TRUCE] == [
        ("2025-08-01", "2025-10-01")
    ] * 2
    assert flat["abt-3-exchange"]["term_end_latest"] == ""


def test_report__once_both_expiries_have_passed_the_end_is_still_one_of_two(tmp_path: Path) -> None:
    """After 1 October the truce has ended either way, `terminated`, on a day the reason does
    not choose; "term to" gives both days as the reason does."""
    report = Report.build(_ledger(tmp_path, "2025-07"), date(2025, 11, 1))
    result = next(
        r for a in report.agreements for art in a.articles for r in art.obligations if r.id == TRUCE[1]
    )
    assert result.status is Status.TERMINATED
    assert result.reason == (
        "term expired on 2025-08-01 or on 2025-10-01 after notice (the notice's date is uncertain)"
    )
    assert (result.term_end, result.term_end_latest) == (date(2025, 8, 1), date(2025, 10, 1))
    assert "term to 2025-08-01 or as late as 2025-10-01, depending on when the notice was given" in (
        render_markdown(report)
    )


def test_report__a_notice_known_to_the_day_leaves_one_end(tmp_path: Path) -> None:
    """Notice on 20 July, in time for 1 August: one end, and the latest possible expiry is that
    same day (a field never missing where `term_end` is given)."""
    report = Report.build(_ledger(tmp_path, "2025-07-20"), date(2025, 8, 10))
    rows = {r["obligation"]: r for r in report.to_rows()}
    assert [(rows[ob]["status"], rows[ob]["term_end"], rows[ob]["term_end_latest"]) for ob in TRUCE] == [
        ("terminated", "2025-08-01", "2025-08-01")
    ] * 2
    markdown = render_markdown(report)
    assert markdown.count("| term to 2025-08-01 |") == 2
    assert UNCERTAIN not in markdown


def test_term__an_indeterminate_status_names_the_notice_among_the_uncertain_dates(tmp_path: Path) -> None:
    """The reason of the `indeterminate` status said only "depends on where uncertain dates fall",
    though "term to" now says the end depends on when the notice was given: it names the notice,
    as it names the fulfilment of an obligation run in parallel with."""
    result = compliance.evaluate_ledger(_ledger(tmp_path, "2025-07"), date(2025, 8, 10)).result(TRUCE[0])
    assert result.reason == (
        "depends on where uncertain dates fall (the notice of termination among them): violated, terminated"
    )
    # Before 1 August the notice decides nothing yet: the reason does not name it.
    before = compliance.evaluate_ledger(_ledger(tmp_path, "2025-07"), date(2025, 7, 28)).result(TRUCE[1])
    assert before.status is Status.INDETERMINATE
    assert "notice" not in before.reason


# (notice date, as-of day, the day's part in the story): before the notice, after a notice in
# time, a notice dated across its limit, after each expiry; and a truce with no notice at all.
DAYS = (date(2025, 5, 20), date(2025, 7, 15), date(2025, 7, 22), date(2025, 8, 10), date(2025, 10, 10))
NOTICES = ("2025-07-20", "2025-07", "~2025-07-28", "2025-07-28", None)


@pytest.mark.parametrize("when", NOTICES)
def test_term__histories_timeline_and_lineage_agree_with_the_direct_status(
    tmp_path: Path, when: str | None
) -> None:
    """At every day from May to October, under each trust policy: the history of one evaluation
    replays the status a direct evaluation gives that day; at the chosen days, so do the timeline
    and the lineage. The term's end is given as uncertain exactly when the status leaves open
    whether the term has ended, or it ended on a day the notice's date does not fix."""
    ledger = _ledger(tmp_path, when)
    last = DAYS[-1]
    for trust in Trust:
        final = compliance.evaluate_ledger(ledger, last, trust=trust)
        table = timeline(ledger, DAYS[0], last, "week", trust=trust)
        columns = {d: i for i, d in enumerate(table.dates)}
        rows = {r.obligation: r.statuses for r in table.rows if r.obligation}
        day = DAYS[0]
        while day <= last:
            direct = compliance.evaluate_ledger(ledger, day, trust=trust)
            for ob in TRUCE:
                result, tz = direct.result(ob), ledger.agreements[0].tz
                assert final.result(ob).status_on(day, tz) == (result.status, result.possible), (
                    when,
                    trust,
                    day,
                )
                if day in columns:
                    assert rows[ob][columns[day]] is result.status, (when, trust, day)
                if day in DAYS:
                    assert Lineage.build(ledger, ob, day, trust=trust).statuses[ob][1] is result.status
                assert result.term_end is not None
                assert result.term_end_latest is not None
                assert result.term_end <= result.term_end_latest
                open_end = result.status is Status.INDETERMINATE and Status.TERMINATED in result.possible
                unfixed = (
                    result.status is Status.TERMINATED and "the notice's date is uncertain" in result.reason
                )
                assert result.term_end_uncertain == (open_end or unfixed), (when, trust, day)
            day += timedelta(days=1)


def test_term__the_expected_ends_at_each_stage(tmp_path: Path) -> None:
    """The standard policy's reading of Brevonia's duty at each stage, with the end "term to"
    gives: before any notice, after a notice in time, with a notice dated across its limit
    (uncertain, then ended on one of two days), and with none (renewed)."""
    found = {}
    for when in ("2025-07-20", "2025-07", None):
        ledger = _ledger(tmp_path, when)
        for day in DAYS:
            r = compliance.evaluate_ledger(ledger, day).result(TRUCE[1])
            found[when, day] = (r.status, r.term_end, r.term_end_latest)
    d, ind, term, dis, vio = date, Status.INDETERMINATE, Status.TERMINATED, Status.DISPUTED, Status.VIOLATED
    assert found == {
        ("2025-07-20", DAYS[0]): (dis, d(2025, 6, 1), d(2025, 6, 1)),
        ("2025-07-20", DAYS[1]): (dis, d(2025, 8, 1), d(2025, 8, 1)),
        ("2025-07-20", DAYS[2]): (dis, d(2025, 8, 1), d(2025, 8, 1)),
        ("2025-07-20", DAYS[3]): (term, d(2025, 8, 1), d(2025, 8, 1)),
        ("2025-07-20", DAYS[4]): (term, d(2025, 8, 1), d(2025, 8, 1)),
        ("2025-07", DAYS[0]): (dis, d(2025, 6, 1), d(2025, 6, 1)),
        ("2025-07", DAYS[1]): (dis, d(2025, 8, 1), d(2025, 8, 1)),
        ("2025-07", DAYS[2]): (dis, d(2025, 8, 1), d(2025, 8, 1)),
        ("2025-07", DAYS[3]): (ind, d(2025, 8, 1), d(2025, 10, 1)),
        ("2025-07", DAYS[4]): (term, d(2025, 8, 1), d(2025, 10, 1)),
        (None, DAYS[0]): (dis, d(2025, 6, 1), d(2025, 6, 1)),
        (None, DAYS[1]): (dis, d(2025, 8, 1), d(2025, 8, 1)),
        (None, DAYS[2]): (dis, d(2025, 8, 1), d(2025, 8, 1)),
        (None, DAYS[3]): (vio, d(2025, 10, 1), d(2025, 10, 1)),
        (None, DAYS[4]): (vio, d(2025, 12, 1), d(2025, 12, 1)),
    }
