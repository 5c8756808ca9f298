"""Two ACLED downloads taken months apart: a row ACLED revised in between is read in its latest
revision, and the older one is set aside with a warning.

ACLED re-codes rows and stamps each revision with its ``timestamp``. Rejecting every copy of a
revised id, as for two accounts that claim one id, lost every event ACLED corrected between two
downloads; taking the latest is the dataset's own correction, not a side taken.

The base row is real and verbatim: ARM4920 (27 October 2020, Kapan, Syunik) from
``tests/data/real/acled-hdx-armenia-units.csv``, with two other real rows of that file. Every
revision of it below is SYNTHETIC: fields of the real row changed to stand for what a later
download could give. They are not ACLED's data.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.cli import main
from compliance.core.events import Origin
from compliance.core.problems import Severity
from compliance.linking.ledger import Ledger, build_ledger

REAL = Path(__file__).parent / "data" / "real" / "acled-hdx-armenia-units.csv"
_ROWS = list(csv.reader(io.StringIO(REAL.read_text(encoding="utf-8"))))
HEADER = _ROWS[0]
_BY_ID = {row[1]: dict(zip(HEADER, row, strict=True)) for row in _ROWS[2:]}
ORIGINAL = _BY_ID["ARM4920"]  # real, verbatim: time stamp 1604352465 (2 November 2020, UTC)
OTHERS = [_BY_ID["ARM4412"], _BY_ID["ARM3669"]]  # real, verbatim: in both downloads
DAY = 86_400


def _revised(days_later: int, seconds: int = 0, **fields: str) -> dict[str, str]:
    """SYNTHETIC: the real ARM4920 row with ``fields`` changed and its time stamp moved on."""
    return {**ORIGINAL, **fields, "timestamp": str(int(ORIGINAL["timestamp"]) + days_later * DAY + seconds)}


_NOTE = ORIGINAL["notes"] + " [synthetic revision]"
VERSIONS: dict[str, dict[str, str]] = {
    "original": ORIGINAL,
    "same-day-copy": _revised(0, seconds=60),  # another upload the same UTC day: the same account
    "no-time-stamp": {**ORIGINAL, "timestamp": ""},
    "note": _revised(30, notes=_NOTE),
    "note-other": _revised(30, seconds=60, notes=_NOTE + " [another]"),  # a minute after "note"
    "note-same-second": _revised(30, notes=_NOTE + " [same second]"),  # the same second as "note"
    "re-dated": _revised(60, event_date="2020-11-12"),  # after the 2020 statement: linked
}
CONTENT = {"same-day-copy": "original"}  # versions that read as the same account, uploaded apart


def _stamp(version: str) -> int | None:
    stamp = VERSIONS[version]["timestamp"]
    return int(stamp) if stamp else None


def _write(folder: Path, files: dict[str, list[dict[str, str]]]) -> list[Path]:
    paths = []
    for name, body in files.items():
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(body)
        path = folder / name
        path.write_text(out.getvalue(), encoding="utf-8")
        paths.append(path)
    return paths


def _ledger(folder: Path, files: dict[str, list[dict[str, str]]], keep_unlinked: bool = True) -> Ledger:
    return build_ledger(None, _write(folder, files), keep_unlinked=keep_unlinked)


def _ids_by_line(path: str) -> dict[int, str]:
    """The id of each record of a file, by the line it starts on."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        ids, start = {}, 2
        for row in reader:
            ids[start] = row["event_id_cnty"]
            start = reader.line_num + 1
    return ids


def _id_problems(ledger: Ledger, event_id: str) -> list[tuple[str, int, Severity, str]]:
    """The problems on the id's copies, found as a researcher would: the id of the row at each
    problem's file and line (the message does not repeat it, so that copies alike are grouped)."""
    ids = {file: _ids_by_line(file) for file in {p.file for p in ledger.problems if p.line > 0}}
    return sorted(
        (Path(p.file).name, p.line, p.severity, p.message.replace(str(Path(p.file).parent) + "/", ""))
        for p in ledger.problems
        if p.field == "event_id_cnty" and ids[p.file].get(p.line) == event_id
    )


def test_acled_revision__the_latest_is_read_and_the_older_set_aside(tmp_path: Path) -> None:
    """An older download and a newer one: the revised row is read from the newer, linked as it
    now reads, and the older copy draws a warning naming the file read; the rows both downloads
    hold alike are read once. No error, and the accounting adds up."""
    ledger = _ledger(
        tmp_path,
        {"2020-11.csv": [*OTHERS, ORIGINAL], "2021-01.csv": [VERSIONS["re-dated"], *OTHERS]},
    )
    acc = ledger.accounting
    assert (acc.read, acc.linked, acc.unlinked, acc.rejected) == (6, 1, 2, 3)
    assert ledger.errors == ()
    [event] = [e for e in ledger.events if e.id == "ARM4920"]
    assert event.reported_on == date(2021, 1, 1)
    assert event.when.first_day == date(2020, 11, 12)
    assert event.origin is not None
    assert Path(event.origin.file).name == "2021-01.csv"
    assert {k.event for k in ledger.links} == {"ARM4920"}
    assert "ARM4920" not in ledger.unlinked
    assert _id_problems(ledger, "ARM4920") == [
        (
            "2020-11.csv",
            4,
            Severity.WARNING,
            "id revised by ACLED: this record is an earlier revision of one read from 2021-01.csv",
        )
    ]


def test_acled_revision__two_revisions_of_one_day_are_read_by_the_second(tmp_path: Path) -> None:
    """Two revisions uploaded on one UTC day, a minute apart: the later is read, as a revision of
    another day is, and the earlier draws a warning naming the file read (their day alone would
    not tell them apart: the rows' ``timestamp`` does). Before, the day was all that was read of
    the time stamp, and every copy was rejected as telling no latest revision."""
    ledger = _ledger(tmp_path, {"a.csv": [ORIGINAL, VERSIONS["note"]], "b.csv": [VERSIONS["note-other"]]})
    acc = ledger.accounting
    assert (acc.read, acc.rejected) == (3, 2)
    assert ledger.errors == ()
    [event] = [e for e in ledger.events if e.id == "ARM4920"]
    assert event == _alone("note-other").events[0]
    assert event.origin is not None
    assert Path(event.origin.file).name == "b.csv"
    assert _id_problems(ledger, "ARM4920") == [
        (
            "a.csv",
            line,
            Severity.WARNING,
            "id revised by ACLED: this record is an earlier revision of one read from b.csv",
        )
        for line in (2, 3)
    ]


def test_acled_revision__a_row_uploaded_again_unchanged_is_read_from_the_latest_upload(
    tmp_path: Path,
) -> None:
    """A copy that reads the same, uploaded a minute later: the account is the same whichever is
    read; it is read from the later upload, the earlier one set aside with a warning."""
    ledger = _ledger(tmp_path, {"a.csv": [ORIGINAL], "b.csv": [VERSIONS["same-day-copy"]]})
    assert (ledger.accounting.read, ledger.accounting.rejected) == (2, 1)
    [event] = [e for e in ledger.events if e.id == "ARM4920"]
    assert event == _alone("original").events[0]
    assert event.origin is not None
    assert Path(event.origin.file).name == "b.csv"
    assert [(name, line, severity) for name, line, severity, _ in _id_problems(ledger, "ARM4920")] == [
        ("a.csv", 2, Severity.WARNING)
    ]


def test_acled_revision__same_day_revisions_whose_rows_draw_a_warning_once_per_file(tmp_path: Path) -> None:
    """Revisions whose rows draw a warning told once per file (a country name that is not the
    country of the row's code): the second row's warning is dropped, its time stamp is not, and
    the later revision is read."""
    rows = [{**VERSIONS[v], "country": "Azerbaijan"} for v in ("note-other", "note")]
    ledger = _ledger(tmp_path, {"a.csv": rows})
    assert ledger.errors == ()
    [event] = [e for e in ledger.events if e.id == "ARM4920"]
    assert event.notes == VERSIONS["note-other"]["notes"]
    assert [(line, severity) for _, line, severity, _ in _id_problems(ledger, "ARM4920")] == [
        (3, Severity.WARNING)
    ]


def test_acled_revision__two_revisions_of_one_second_are_all_rejected(tmp_path: Path) -> None:
    """Two copies of the latest time stamp that differ tell no latest revision: every copy is
    rejected, with an error saying why, as any id given to records that differ."""
    ledger = _ledger(
        tmp_path, {"a.csv": [ORIGINAL, VERSIONS["note"]], "b.csv": [VERSIONS["note-same-second"]]}
    )
    assert ledger.accounting.rejected == 3
    assert [e.id for e in ledger.events if e.id == "ARM4920"] == []
    problems = _id_problems(ledger, "ARM4920")
    assert [(name, line, severity) for name, line, severity, _ in problems] == [
        ("a.csv", 2, Severity.ERROR),
        ("a.csv", 3, Severity.ERROR),
        ("b.csv", 2, Severity.ERROR),
    ]
    assert {message for *_, message in problems} == {
        "duplicate id, given to records that differ (copies in a.csv, b.csv): every copy is rejected "
        "(ACLED's time stamps tell no latest revision: the latest one is given to records that differ, "
        "or a record has none)"
    }


def _expected(
    copies: list[tuple[str, str, int]], known_on: date | None = None
) -> tuple[str, tuple[str, int]] | None:
    """The naive rule: the version read and the place it is read from, or ``None`` (all rejected).

    A copy is its content and its time stamp: one uploaded again, unchanged, is a later revision.
    With ``known_on``, the latest is the latest uploaded by then, if any was."""
    if len({(CONTENT.get(v, v), _stamp(v)) for v, _, _ in copies}) > 1:
        stamps = {v: _stamp(v) for v, _, _ in copies}
        if None in stamps.values():
            return None
        latest = max(
            (s for s in stamps.values() if s is not None),
            key=lambda s: (known_on is None or datetime.fromtimestamp(s, tz=UTC).date() <= known_on, s),
        )
        if len({CONTENT.get(v, v) for v, s in stamps.items() if s == latest}) > 1:
            return None
        copies = [c for c in copies if stamps[c[0]] == latest]
    version, file, line = min(copies, key=lambda c: (c[1], c[2]))
    return CONTENT.get(version, version), (file, line)


@st.composite
def layouts(draw: st.DrawFn) -> tuple[dict[str, list[tuple[str, dict[str, str]]]], list[str]]:
    """Copies of ARM4920 and the other rows, spread over one to three files in any order, and the
    order the files are given in."""
    versions = draw(st.lists(st.sampled_from(sorted(VERSIONS)), min_size=1, max_size=5))
    items = [(v, VERSIONS[v]) for v in versions] + [(row["event_id_cnty"], row) for row in OTHERS]
    items = draw(st.permutations(items))
    count = draw(st.integers(1, 3))
    files: dict[str, list[tuple[str, dict[str, str]]]] = {f"f{n}.csv": [] for n in range(count)}
    for item in items:
        files[f"f{draw(st.integers(0, count - 1))}.csv"].append(item)
    return files, draw(st.permutations(sorted(files)))


_ALONE: dict[str, Ledger] = {}


def _alone(version: str) -> Ledger:
    """The ledger of one file holding this version alone: what reading it must give."""
    if version not in _ALONE:
        with tempfile.TemporaryDirectory() as folder:
            _ALONE[version] = _ledger(Path(folder), {"alone.csv": [VERSIONS[version]]})
    return _ALONE[version]


@settings(max_examples=60)
@given(
    layout=layouts(),
    keep_unlinked=st.booleans(),
    known_on=st.sampled_from(
        [None, date(2020, 10, 1), date(2020, 11, 2), date(2020, 12, 2), date(2020, 12, 20)]
    ),
)
def test_acled_revision__property_the_outcome_is_the_rule_whatever_the_order(
    layout: tuple[dict[str, list[tuple[str, dict[str, str]]]], list[str]],
    keep_unlinked: bool,
    known_on: date | None,
) -> None:
    """Any copies of a row (real and synthetic revisions), in any order of rows and files, read
    as known on any date or none: the latest revision (uploaded by then) is read from its first
    place in (file, line) order, or every copy is rejected, as the naive rule says; the event and
    links are those of that revision read alone, and every other copy has one problem."""
    files, order = layout
    with tempfile.TemporaryDirectory() as folder:
        paths = _write(Path(folder), {name: [row for _, row in files[name]] for name in files})
        by_name = {path.name: path for path in paths}
        ledger = build_ledger(
            None, [by_name[name] for name in order], keep_unlinked=keep_unlinked, known_on=known_on
        )
        problems = _id_problems(ledger, "ARM4920")
    copies = [
        (v, name, line)
        for name, body in files.items()
        for line, (v, _) in enumerate(body, start=2)
        if v in VERSIONS
    ]
    expected = _expected(copies, known_on)
    acc = ledger.accounting
    assert acc.read == len(copies) + len(OTHERS)
    assert acc.read == acc.linked + acc.unlinked + acc.rejected
    events = [e for e in ledger.events if e.id == "ARM4920"]
    links = [k for k in ledger.links if k.event == "ARM4920"]
    if expected is None:
        assert (events, links) == ([], [])
        assert "ARM4920" not in ledger.unlinked
        assert [(n, line) for n, line, _, _ in problems] == sorted((n, line) for _, n, line in copies)
        assert {severity for _, _, severity, _ in problems} == {Severity.ERROR}
        return
    version, (name, line) = expected
    alone = _alone(version)
    assert [k for k in ledger.links if k.event == "ARM4920"] == list(alone.links)
    assert ("ARM4920" in ledger.unlinked) == ("ARM4920" in alone.unlinked)
    if keep_unlinked or alone.links:
        [event] = events
        assert event == alone.events[0]
        assert event.origin == Origin(str(Path(folder) / name), line)
    else:
        assert events == []
    assert [(n, l_) for n, l_, _, _ in problems] == sorted(
        (n, l_) for _, n, l_ in copies if (n, l_) != (name, line)
    )
    assert {severity for _, _, severity, _ in problems} <= {Severity.WARNING}
    assert {re.findall(r"read,? from (\S+?\.csv)", message)[0] for *_, message in problems} <= {name}


@pytest.mark.parametrize("order", list(itertools.permutations(["original", "note", "re-dated"])))
def test_acled_revision__three_revisions_in_any_order_read_the_latest(
    tmp_path: Path, order: tuple[str, ...]
) -> None:
    """Three revisions of one row in one file, in each of the six orders: the latest is read,
    linked as it reads, and the two older ones are set aside, each with a warning naming the file read."""
    ledger = _ledger(tmp_path, {"acled.csv": [VERSIONS[v] for v in order]}, keep_unlinked=False)
    acc = ledger.accounting
    assert (acc.read, acc.linked, acc.unlinked, acc.rejected) == (3, 1, 0, 2)
    [event] = ledger.events
    assert event == _alone("re-dated").events[0]
    assert ledger.links == _alone("re-dated").links
    read = order.index("re-dated") + 2
    assert _id_problems(ledger, "ARM4920") == sorted(
        (
            "acled.csv",
            order.index(v) + 2,
            Severity.WARNING,
            "id revised by ACLED: this record is an earlier revision of one read from acled.csv",
        )
        for v in ("original", "note")
    )
    assert event.origin is not None
    assert event.origin.line == read


def test_acled_revision__a_copy_in_another_format_rejects_every_copy(tmp_path: Path) -> None:
    """The rule is ACLED's: when a copy of the id is in a file of our format, nothing tells
    which is current, and every copy is rejected with an error."""
    acled = _write(tmp_path, {"acled.csv": [VERSIONS["original"], VERSIONS["note"]]})[0]
    ours = tmp_path / "ours.csv"
    ours.write_text(
        "id,date,date_end,kind,actor,location,reported_by,reporter_party,source_url,incident,links,notes\n"
        "ARM4920,2020-10-27,,armed-clash,,Kapan,Reuters,none,,,,Synthetic account under the same id.\n",
        encoding="utf-8",
    )
    ledger = build_ledger(None, [acled, ours])
    assert ledger.accounting.rejected == 3
    assert {p.severity for p in ledger.problems if p.field in ("id", "event_id_cnty")} == {Severity.ERROR}
    assert [e for e in ledger.events if e.id == "ARM4920"] == []


def test_acled_revision__validate_warns_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``compliance validate`` on two downloads: the older copy is a warning line, not an error."""
    old, new = _write(tmp_path, {"old.csv": [ORIGINAL], "new.csv": [VERSIONS["note"]]})
    assert main(["validate", str(old), str(new)]) == 0
    err = capsys.readouterr().err
    assert (
        f"{old}:2: event_id_cnty: warning: id revised by ACLED: this record is an earlier revision of one read from {new}"
    ) in err
    assert "0 error(s), 1 warning(s)" in err


def _report(
    capsys: pytest.CaptureFixture[str], paths: list[Path], *args: str
) -> tuple[dict[str, int], set[str]]:
    """The report's division of its linked records and the accounts its evidence lists."""
    events = [arg for path in paths for arg in ("--events", str(path))]
    assert main(["report", *events, *args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    evidence = {
        e["event"]
        for a in data["agreements"]
        for art in a["articles"]
        for ob in art["obligations"]
        for e in ob["evidence"]
    }
    return data["linked_in_report"], evidence


@pytest.mark.parametrize("names", [("old.csv", "new.csv"), ("b-old.csv", "a-new.csv")])
def test_acled_revision__known_on_reads_the_latest_revision_known_then(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: tuple[str, str]
) -> None:
    """A download whose revision of a row is known on the date, and a later one revising it again
    after that date: as known on the date, the report reads the revision known then. Read in its
    latest, the row was left out as not yet reported and its revision known then set aside as
    older, so adding the later download lost an account the report read from the first alone.
    In either order of the files, with the later revision set aside with its own warning."""
    known = VERSIONS["re-dated"]  # SYNTHETIC, time stamp 2021-01-01: linked, dated 2020-11-12
    later = _revised(90, event_date="2020-11-12", notes=_NOTE)  # SYNTHETIC, time stamp 2021-01-31
    old, new = names
    (tmp_path / "alone").mkdir()
    first = _write(tmp_path / "alone", {old: [*OTHERS, known]})
    both = _write(tmp_path, {old: [*OTHERS, known], new: [later, *OTHERS]})
    when = ("--as-of", "2021-01-20", "--known-on", "2021-01-20")
    alone, evidence = _report(capsys, first, *when)
    assert alone["bear_on_report"] == 1
    assert evidence == {"ARM4920"}
    assert _report(capsys, both, *when) == (alone, evidence)
    ledger = build_ledger(None, both, known_on="2021-01-20")
    acc = ledger.accounting
    assert (acc.read, acc.linked, acc.unlinked, acc.rejected) == (6, 1, 2, 3)
    [event] = [e for e in ledger.events if e.id == "ARM4920"]
    assert event.reported_on == date(2021, 1, 1)
    assert event.notes == known["notes"]
    assert _id_problems(ledger, "ARM4920") == [
        (
            new,
            2,
            Severity.WARNING,
            "id revised by ACLED after the known-on date 2021-01-20: this later revision is left out, "
            f"and the latest known then is read, from {old}",
        )
    ]
    # Without the date, the latest revision is read, as before.
    [latest] = [e for e in build_ledger(None, both).events if e.id == "ARM4920"]
    assert latest.reported_on == date(2021, 1, 31)
