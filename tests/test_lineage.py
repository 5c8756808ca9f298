"""The whole peace process: nine agreements, lineage to 2025, supersession distinct from violation."""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest

from compliance.cli import main
from compliance.core.model import Relation
from compliance.core.vocabulary import RelationType, Status
from compliance.evaluation.evaluate import evaluate
from compliance.load.checks import check_agreements
from compliance.render.markdown import render_markdown
from compliance.views.lineage import Lineage, backward, forward
from compliance.views.report import Report
from tests.support import AGREEMENTS, PARTIES, ledger_from_csv, rows

LATE_2025 = {"washington-2025", "peace-agreement-2025"}
OWNER = {o.id: a.id for a in AGREEMENTS for o in a.obligations}
DATED = {a.id: a.date for a in AGREEMENTS}


def test_agreements__all_nine_are_bundled_with_text_or_a_not_found_marker() -> None:
    """Nine agreements; every article has text, or text_status not-found with a note of what was searched."""
    ids = {a.id for a in AGREEMENTS}
    assert ids == {
        "trilateral-2020", "five-principles-2022", "trilateral-2021-01", "sochi-2021", "prague-2022",
        "sochi-2022", "joint-statement-2023-12", "washington-2025", "peace-agreement-2025",
    }  # fmt: skip
    for agreement in AGREEMENTS:
        for article in agreement.articles:
            assert article.text or (article.text_status == "not-found" and article.note), (
                agreement.id,
                article.number,
            )


def test_agreements__the_initialled_text_is_not_binding_and_says_so() -> None:
    """The 2025 peace agreement is an initialled draft, not binding, with a status note."""
    agreement = next(a for a in AGREEMENTS if a.id == "peace-agreement-2025")
    assert agreement.nature.value == "initialled-draft"
    assert not agreement.binding
    assert agreement.status_note


@pytest.mark.parametrize("obligation", sorted(o for o in OWNER if o.startswith(("p2022-", "ts2020-9-"))))
def test_lineage__principles_and_point_9_reach_the_2025_texts(obligation: str) -> None:
    """Each five-principle obligation and each point-9 obligation has a chain reaching a 2025 text."""
    reached = {step.later_agreement for step in forward(AGREEMENTS, obligation)}
    assert reached & LATE_2025, (obligation, reached)


def test_lineage__backward_finds_where_a_2025_duty_came_from() -> None:
    """Following relations backward from a 2025 obligation finds a 2022 principle."""
    later = {
        s.later for s in forward(AGREEMENTS, "p2022-1-recognition-aze") if s.later_agreement in LATE_2025
    }
    assert later
    origins = {s.earlier for s in backward(AGREEMENTS, sorted(later)[0])}
    assert "p2022-1-recognition-aze" in origins


def test_lineage__cli_shows_the_chain_and_standing(capsys: pytest.CaptureFixture[str]) -> None:
    """`compliance lineage` prints the chain and the current status of each link, in Markdown and JSON."""
    assert main(["lineage", "p2022-1-recognition-aze", "--as-of", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Lineage of `p2022-1-recognition-aze`")
    assert "peace-agreement-2025" in out or "washington-2025" in out
    assert main(["lineage", "ts2020-9-unblock-arm", "--as-of", "2026-01-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "ceasefire-compliance/lineage/1"
    assert {step["agreement"] for step in data["to"]} & LATE_2025


def test_lineage__as_of_a_date_names_no_later_instrument(capsys: pytest.CaptureFixture[str]) -> None:
    """As of 2021-01-01 the Sochi statements of November 2021 and October 2022 did not exist: the
    lineage names neither, nor gives either a status; as of the end of 2021 it names the first."""
    ledger = ledger_from_csv(rows())
    early = Lineage.build(ledger, "ts2020-1-ceasefire-aze", date(2021, 1, 1))
    assert (early.before, early.after) == ((), ())
    late_2021 = Lineage.build(ledger, "ts2020-1-ceasefire-aze", date(2021, 12, 31))
    assert {s.later_agreement for s in late_2021.after} == {"sochi-2021"}
    for lineage in (early, late_2021):
        for step in (*lineage.before, *lineage.after):
            assert max(step.relation.date, DATED[step.later_agreement]) <= lineage.as_of, step
    assert main(["lineage", "ts2020-1-ceasefire-aze", "--as-of", "2021-01-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["from"], data["to"]) == ([], [])
    assert main(["lineage", "s2021-2-reaffirm", "--as-of", "2021-12-31", "--format", "json"]) == 0
    assert {step["earlier"] for step in json.loads(capsys.readouterr().out)["from"]} >= {
        "ts2020-1-ceasefire-aze"
    }


def test_lineage__a_text_not_yet_adopted_gets_no_status(capsys: pytest.CaptureFixture[str]) -> None:
    """The outside reader's case: the lineage of a 2025 obligation as of a 2021 date printed
    "not-in-force (washington-2025)", a status at a date before its text existed, which a report
    as of that date leaves out. It gives none, says when the text was adopted, and gives no text
    adopted after the date a status anywhere in the lineage (the 2020 clause the 2025 one amends,
    as of 2021, has its own status and no other)."""
    ledger = ledger_from_csv(rows())
    later = "wd2025-3-nakhchivan-link-arm"
    lineage = Lineage.build(ledger, later, date(2021, 6, 1))
    assert later not in lineage.statuses
    assert lineage.unadopted == ("washington-2025", DATED["washington-2025"])
    assert (lineage.before, lineage.after) == ((), ())
    assert all(DATED[agreement] <= date(2021, 6, 1) for agreement, _ in lineage.statuses.values())
    earlier = Lineage.build(ledger, "ts2020-9-fsb-control-rus", date(2021, 6, 1))
    assert earlier.unadopted is None
    assert earlier.statuses["ts2020-9-fsb-control-rus"][0] == "trilateral-2020"
    assert not {OWNER[o] for o in earlier.statuses} & LATE_2025
    assert main(["lineage", later, "--as-of", "2021-06-01"]) == 0
    out = capsys.readouterr().out
    assert (
        "Status as of 2021-06-01 under the standard trust policy: none, its text (washington-2025) was adopted later, on "
        in out
    )
    assert "not-in-force" not in out
    assert main(["lineage", later, "--as-of", "2021-06-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] is None
    assert main(["lineage", later, "--as-of", "2026-01-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] is not None


def test_lineage__a_report_as_of_a_date_names_no_later_instrument() -> None:
    """A report's article lineage holds only relations dated by its as-of date, from instruments
    dated by then: as of 2021-01-01 none; as of 2021-12-31 Sochi 2021 but not Sochi 2022."""
    ledger = ledger_from_csv(rows())

    def steps(as_of: date) -> list[tuple[str, date]]:
        report = Report.build(ledger, as_of)
        return [
            (s.later_agreement, s.relation.date)
            for ag in report.agreements
            for art in ag.articles
            for s in art.lineage
        ]

    assert steps(date(2021, 1, 1)) == []
    assert "Later instruments" not in render_markdown(Report.build(ledger, date(2021, 1, 1)))
    found = steps(date(2021, 12, 31))
    assert "sochi-2021" in {a for a, _ in found}
    assert all(max(day, DATED[a]) <= date(2021, 12, 31) for a, day in found)
    assert {a for a, _ in steps(date(2026, 1, 1))} & LATE_2025


def test_lineage__a_line_from_the_earlier_obligation_says_what_the_later_text_did_to_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A relation's type is what the later text does; a line that starts from the 2020 clause
    and points to the 2025 one reads "amended by", not "amends" (which said the 2020 clause
    amended the 2025 one), in the report and in ``compliance lineage``. The JSON keeps the type."""
    md = render_markdown(Report.build(ledger_from_csv(rows()), date(2026, 11, 22)))
    assert "`ts2020-9-fsb-control-rus` amended by → `wd2025-3-nakhchivan-link-arm`" in md
    assert "`ts2020-9-unblock-aze`, `ts2020-9-unblock-arm` implemented by → `js2021-1-working-group`" in md
    assert "carried forward by → `s2021-2-reaffirm`" in md
    for kind in RelationType:
        assert f" {kind.value} → " not in md
    assert main(["lineage", "ts2020-9-fsb-control-rus", "--as-of", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "`ts2020-9-fsb-control-rus` amended by → `wd2025-3-nakhchivan-link-arm`" in out
    assert "`ts2020-9-fsb-control-rus` amends →" not in out
    assert main(["lineage", "ts2020-9-fsb-control-rus", "--as-of", "2026-11-22", "--format", "json"]) == 0
    to = json.loads(capsys.readouterr().out)["to"]
    assert {
        "earlier": "ts2020-9-fsb-control-rus",
        "later": "wd2025-3-nakhchivan-link-arm",
        "type": "amends",
    }.items() <= next(s for s in to if s["type"] == "amends").items()


def test_lineage__every_relation_type_reads_from_the_earlier_side() -> None:
    """Every type has a passive wording: a new type cannot fall back to the active verb."""
    from compliance.render.relations import done_by

    assert {kind: done_by(kind) for kind in RelationType} == {
        RelationType.IMPLEMENTS: "implemented by",
        RelationType.AMENDS: "amended by",
        RelationType.SUPERSEDES: "superseded by",
        RelationType.TERMINATES: "terminated by",
        RelationType.CARRIES_FORWARD: "carried forward by",
    }


def test_lineage__a_relation_holds_from_its_date_not_its_instruments() -> None:
    """A relation dated after the instrument that declares it is followed from its own date."""
    relation = Relation(RelationType.IMPLEMENTS, "ts2020-2-aghdam", date(2022, 6, 1), "https://example.org/r")
    agreements = [
        attrs.evolve(a, relations=(*a.relations, relation)) if a.id == "sochi-2021" else a for a in AGREEMENTS
    ]

    def reaches(as_of: date) -> bool:
        return any(s.relation == relation for s in forward(agreements, "ts2020-2-aghdam", as_of))

    assert not reaches(date(2022, 5, 31))
    assert reaches(date(2022, 6, 1))
    assert any(s.relation == relation for s in forward(agreements, "ts2020-2-aghdam"))  # no date: every one


def test_lineage__unknown_obligation_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown obligation id exits 2 with a message."""
    assert main(["lineage", "no-such-duty"]) == 2
    assert "unknown obligation" in capsys.readouterr().err


def test_supersession__superseded_not_violated_after_the_date_unchanged_before() -> None:
    """A later text superseding a 2020 obligation makes it superseded from that date, not violated."""
    breach = "B1,2022-01-10,,road-blocked,AZE,Lachin corridor,Reuters,none,https://example.org/b,,,"
    relation = Relation(
        RelationType.SUPERSEDES, "ts2020-6-safe-movement-aze", date(2025, 8, 8), "https://example.org/s"
    )
    agreements = [
        attrs.evolve(a, relations=(*a.relations, relation)) if a.id == "washington-2025" else a
        for a in AGREEMENTS
    ]
    ledger = ledger_from_csv(rows(breach), agreements=agreements)

    def status(day: date) -> Status:
        return (
            evaluate(agreements, ledger.events, ledger.links, ledger.parties, day)
            .result("ts2020-6-safe-movement-aze")
            .status
        )

    assert status(date(2025, 8, 7)) is Status.VIOLATED
    assert status(date(2025, 8, 8)) is Status.SUPERSEDED
    history = (
        evaluate(agreements, ledger.events, ledger.links, ledger.parties, date(2026, 1, 1))
        .result("ts2020-6-safe-movement-aze")
        .history
    )
    assert [t.status for t in history][-2:] == [Status.VIOLATED, Status.SUPERSEDED]


def test_relation__dated_before_its_agreement_is_an_error() -> None:
    """A `supersedes` relation ended the earlier duty from its own date, even a date before the
    later text existed; nothing checked it. A text relates to others from its own date."""
    early = Relation(
        RelationType.SUPERSEDES, "ts2020-6-safe-movement-aze", date(2024, 1, 1), "https://example.org/s"
    )
    later = attrs.evolve(early, date=date(2025, 8, 8))
    for relation, expected in ((early, 1), (later, 0)):
        agreements = [
            attrs.evolve(a, relations=(*a.relations, relation)) if a.id == "washington-2025" else a
            for a in AGREEMENTS
        ]
        triples = [(a, f"{a.id}.toml", "") for a in agreements]
        found = [p for p in check_agreements(triples, PARTIES) if p.field.startswith("$.relations")]
        assert len(found) == expected, found
        for problem in found:
            assert problem.file == "washington-2025.toml"
            assert problem.message.startswith(
                "relation dated 2024-01-01, before the agreement's date 2025-08-08"
            )
