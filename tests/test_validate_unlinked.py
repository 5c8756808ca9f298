"""`compliance validate` names the rows behind each unlinked count, grouped by file and reason.

It printed "unlinked: before the agreement 1, outside the agreement's area 2" and nothing else:
a maintainer fixing a file could not tell which rows those were, while the report lists each
unlinked record with its reason. The rows here are SYNTHETIC.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compliance.cli import main

SRC = "https://example.org/account"
HEADER = "id,date,kind,actor,target,location,country,reported_by,reporter_party,source_url\n"
ROWS = (
    HEADER + f"FAR1,2021-05-01,armed-clash,,,Khartoum,SD,Reuters,none,{SRC}\n"
    f"FAR2,2021-05-02,armed-clash,,,Omdurman,SD,Reuters,none,{SRC}\n"
    f"OLD1,2019-05-01,armed-clash,AZE,ARM,Tavush,AM,Reuters,none,{SRC}\n"
)


def test_validation__groups_the_unlinked_records_by_file_and_reason(tmp_path: Path) -> None:
    """One group per file and reason, in the order of the reasons, with its count and first lines."""
    from compliance.views.validation import UnlinkedGroup, Validation

    events = tmp_path / "events.csv"
    events.write_text(ROWS, encoding="utf-8")
    result = Validation.run([events])
    assert result.unlinked == (
        UnlinkedGroup(str(events), "before the agreement", 1, (4,)),
        UnlinkedGroup(str(events), "outside the agreement's area", 2, (2, 3)),
    )
    assert result.accounting is not None
    assert sum(g.count for g in result.unlinked) == result.accounting.unlinked


def test_validate__prints_each_reason_with_its_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reason with one row reads like a problem (file:line); one with more gives the count and
    the first lines, like a group of problems; the counts add up to the accounting's."""
    events = tmp_path / "events.csv"
    events.write_text(ROWS, encoding="utf-8")
    assert main(["validate", str(events)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"{events}:4: unlinked: before the agreement" in err
    assert f"{events}: unlinked: outside the agreement's area (2 rows; lines 2, 3)" in err
    assert "events: read 3, linked 0, unlinked 3, rejected 0" in err


def test_validate__many_rows_of_one_reason_in_two_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seven rows of one reason show five lines and "…"; each file has its own groups, and the
    groups' counts add up to the unlinked count."""
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(
        HEADER
        + "".join(f"F{i},2021-05-0{i},armed-clash,,,Khartoum,SD,Reuters,none,{SRC}\n" for i in range(1, 8)),
        encoding="utf-8",
    )
    second.write_text(ROWS, encoding="utf-8")
    assert main(["validate", str(first), str(second)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"{first}: unlinked: outside the agreement's area (7 rows; lines 2, 3, 4, 5, 6, …)" in err
    assert f"{second}: unlinked: outside the agreement's area (2 rows; lines 2, 3)" in err
    (total,) = (
        int(m[1]) for line in err if (m := re.match(r"events: read \d+, linked \d+, unlinked (\d+)", line))
    )
    counted = [
        int(m[1]) if (m := re.search(r"\((\d+) rows", line)) else 1 for line in err if ": unlinked: " in line
    ]
    assert sum(counted) == total == 10


def test_validate__nothing_unlinked_prints_no_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled accounts all link: no unlinked line at all."""
    from compliance.linking import ledger

    assert main(["validate", str(Path(ledger.__file__).parents[2] / "agreements" / "events.csv")]) == 0
    assert ": unlinked: " not in capsys.readouterr().err


def test_validation__keeps_the_first_lines_whatever_the_order_of_the_ids(tmp_path: Path) -> None:
    """Ids in the reverse of line order (Z9 on line 2 … A1 last): the group keeps the ten
    smallest line numbers, in order, and counts all."""
    from compliance.views.validation import Validation

    events = tmp_path / "events.csv"
    ids = [f"{chr(ord('Z') - i)}{9 - i % 10}" for i in range(15)]
    events.write_text(
        HEADER + "".join(f"{i},2021-05-01,armed-clash,,,Khartoum,SD,Reuters,none,{SRC}\n" for i in ids),
        encoding="utf-8",
    )
    (group,) = Validation.run([events]).unlinked
    assert group.count == 15
    assert group.lines == tuple(range(2, 12))


def test_validation__records_read_from_no_file_are_not_grouped_with_standard_input(tmp_path: Path) -> None:
    """Events built in Python have no file: their group says "(no file)", not "-", the name
    standard input goes by; the counts still add up to the accounting's."""
    import attrs

    from compliance.linking.ledger import assemble, load_agreements, load_registries, reporter_resolver
    from compliance.readers import read_event_file
    from compliance.views.validation import UnlinkedGroup, unlinked_groups

    events = tmp_path / "events.csv"
    events.write_text(ROWS, encoding="utf-8")
    parties, reporters, _ = load_registries()
    agreements, _ = load_agreements(None, parties)
    records = list(read_event_file(events, parties.resolve, reporter_resolver(reporters)))
    built = assemble(agreements, parties, records)
    built = attrs.evolve(
        built,
        events=tuple(attrs.evolve(e, origin=None) if e.id.startswith("FAR") else e for e in built.events),
    )
    groups = unlinked_groups(built)
    assert groups == (
        UnlinkedGroup("(no file)", "outside the agreement's area", 2, ()),
        UnlinkedGroup(str(events), "before the agreement", 1, (4,)),
    )
    assert sum(g.count for g in groups) == built.accounting.unlinked


def test_validate__standard_input_is_named_as_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows read from standard input (``validate -``) are grouped under ``-``, the name their
    problems give (``-:2: date: …``), with their lines."""
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ROWS.encode("utf-8"))))
    assert main(["validate", "-"]) == 0
    assert (
        "-: unlinked: outside the agreement's area (2 rows; lines 2, 3)"
        in capsys.readouterr().err.splitlines()
    )
