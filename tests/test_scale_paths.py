"""The fast paths give the same answers as the slow ones, on generated benchmark-shaped data.

The optimisations (one sweep for many dates, no evidence lists for timelines, interned strings,
the collector switched off in the CLI, streamed reading) must never change a result. Each test
compares an optimised path with a straightforward one on the benchmark generator's output.
"""

from __future__ import annotations

import csv
import gc
import importlib.util
import itertools
import json
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.core.events import Event, by_sort_key, sort_by_sort_key
from compliance.core.timeframe import EventTime, Precision
from compliance.evaluation.evaluate import evaluate
from compliance.linking.ledger import build_ledger
from compliance.testing.files import event_row as event_to_row
from compliance.testing.strategies import event_times
from compliance.views.timeline import period_ends, timeline

ROOT = Path(__file__).parent.parent


def _benchmark(name: str):  # type: ignore[no-untyped-def]
    """A script of ``benchmarks/`` loaded as a module (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(f"bench_{name}", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _generator():  # type: ignore[no-untyped-def]
    return _benchmark("generate")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "events.csv"
    module = _generator()
    module.check_columns()
    module.write(3000, 7, path)
    return path


def test_scale__generated_data_is_all_accounted_for(generated: Path) -> None:
    """Every generated row is linked, unlinked or rejected; the generator's few bad rows are rejected."""
    ledger = build_ledger(event_paths=[generated])
    acc = ledger.accounting
    assert acc.read == 3000
    assert acc.read == acc.linked + acc.unlinked + acc.rejected
    assert 0 < acc.rejected < 30


def test_scale__a_download_given_twice_links_every_account_as_once(generated: Path, tmp_path: Path) -> None:
    """Every id given twice, by a second file with the same rows: each account is read once,
    with the links it has read once, those of the accounts of an incident (answered, caveated
    apart from the rest) among them."""
    again = tmp_path / "zz-again.csv"  # sorts after the first: its copies are the ones set aside
    again.write_bytes(generated.read_bytes())
    once = build_ledger(event_paths=[generated], keep_unlinked=False)
    twice = build_ledger(event_paths=[generated, again], keep_unlinked=False)
    incident_ids = {event.id for event in once.events if event.incident}
    assert sum(1 for link in once.links if link.event in incident_ids) > 10
    assert twice.links == once.links
    assert twice.events == once.events
    assert twice.placed_outside == once.placed_outside


def test_scale__real_rows_repeated_keep_every_field_but_a_new_id(tmp_path: Path) -> None:
    """The file of a full ACLED export's shape: the real rows verbatim, each copy with its own id,
    read as an ACLED export, every row accounted for and none a duplicate."""
    real = ROOT / "tests" / "data" / "real" / "acled-africa-2016-oldtypes.csv"
    path = tmp_path / "acled.csv"
    assert _generator().repeat_real(real, 1234, path) == 500
    with real.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    with path.open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == header
    assert len(written) == 1235
    ids, numbers = header.index("event_id_cnty"), header.index("data_id")
    for number, row in enumerate(written[1:]):
        original = rows[number % 500]
        assert row[ids] == f"{original[ids]}-R{number}"
        assert row[numbers] == str(900000 + number)
        assert [v for i, v in enumerate(row) if i not in (ids, numbers)] == [
            v for i, v in enumerate(original) if i not in (ids, numbers)
        ]
    ledger = build_ledger(None, [path], keep_unlinked=False)
    assert ledger.accounting.read == 1234
    assert ledger.accounting.rejected == 0
    assert ledger.accounting.unlinked == 1234
    assert ledger.events == ()  # Africa, 2016: nothing to link, nothing kept


def test_scale__real_rows_repeated_keep_an_hdx_tag_row_once_under_the_header(tmp_path: Path) -> None:
    """An HDX export's row of HXL tags is kept once, under the header, and is not repeated with
    the data rows: every copy is a real event row, and none is rejected."""
    real = ROOT / "tests" / "data" / "real" / "acled-hdx-armenia-2018-2020.csv"
    path = tmp_path / "acled.csv"
    with real.open(encoding="utf-8", newline="") as handle:
        header, tags, *rows = list(csv.reader(handle))
    assert tags[1] == "#event+code"
    assert _generator().repeat_real(real, 300, path) == len(rows)
    with path.open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[:2] == [header, tags]
    assert len(written) == 2 + 300
    assert [r for r in written[2:] if r[1].startswith("#")] == []
    ids = header.index("event_id_cnty")
    assert [r[ids] for r in written[2:]] == [f"{rows[n % len(rows)][ids]}-R{n}" for n in range(300)]
    ledger = build_ledger(None, [path], keep_unlinked=False)
    assert ledger.accounting.read == 300
    assert ledger.accounting.rejected == 0


def test_scale__the_sort_key_function_gives_each_account_its_sort_key(generated: Path) -> None:
    """``by_sort_key`` (for sorting a million accounts) is ``Event.sort_key``, whatever the date form."""
    events = build_ledger(event_paths=[generated]).events
    assert {type(e.when.start) for e in events} >= {date}  # day, month and approximate dates
    assert [by_sort_key(e) for e in events] == [e.sort_key for e in events]
    assert list(events) == sorted(events, key=lambda e: e.sort_key)


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["E1", "E2", "E10", "N1", "e1", "L-9", "Ä"]),
            st.one_of(
                event_times([date(2020, 11, 10), date(2021, 1, 11), date(2022, 10, 6)]),
                st.datetimes(datetime(2020, 11, 9), datetime(2020, 11, 12), timezones=st.just(UTC)).map(
                    lambda t: EventTime(t, None, Precision.INSTANT)
                ),
            ),
        ),
        max_size=30,
    )
)
def test_scale__two_sorts_give_the_sort_key_order_even_with_equal_days_and_ids(
    drawn: list[tuple[str, EventTime]],
) -> None:
    """``sort_by_sort_key`` (by id, then by day) leaves accounts exactly where sorting on
    ``sort_key`` does: equal days, equal ids (before copies are rejected) and every date form."""
    events = [
        Event(event_id, when, "armed-clash", f"reporter {i}", "none")
        for i, (event_id, when) in enumerate(drawn)
    ]
    expected = sorted(events, key=lambda e: e.sort_key)
    sort_by_sort_key(events)
    assert [e.reported_by for e in events] == [e.reported_by for e in expected]


def test_scale__one_sweep_equals_direct_evaluation_at_every_quarter(generated: Path) -> None:
    """A quarterly timeline (one evaluation, replayed) equals a full evaluation at each quarter end."""
    ledger = build_ledger(event_paths=[generated])
    start, end = date(2020, 11, 1), date(2023, 12, 31)
    swept = timeline(ledger, start, end, "quarter")
    for i, day in enumerate(period_ends(start, end, "quarter")):
        direct = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, day)
        statuses = {r.id: r.status for r in direct.results}
        for row in swept.rows:
            if row.obligation:
                assert row.statuses[i] is statuses[row.obligation], (row.obligation, day)


def test_scale__skipping_evidence_changes_no_status_or_history(generated: Path) -> None:
    """Evaluating without evidence lists gives the same statuses, scores and histories."""
    ledger = build_ledger(event_paths=[generated])
    full = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, date(2025, 12, 31))
    lean = evaluate(
        ledger.agreements,
        ledger.events,
        ledger.links,
        ledger.parties,
        date(2025, 12, 31),
        with_evidence=False,
    )
    for a, b in zip(full.results, lean.results, strict=True):
        assert (a.status, a.possible, a.history, a.pam_score) == (
            b.status,
            b.possible,
            b.history,
            b.pam_score,
        )


class _CountedIds(tuple[str, ...]):
    """The deciding ids, counting how often they are searched one by one."""

    searches = 0

    def __contains__(self, item: object) -> bool:
        type(self).searches += 1
        return super().__contains__(item)


def _unconfirmed_claims(count: int, path: Path) -> Path:
    """SYNTHETIC: ``count`` claims that a monitoring centre opened, from a reporter nobody knows,
    so each is alleged and every one of them decides the status ("claims not confirmed")."""
    header = "id,date,kind,actor,location,country,reported_by,source_url,notes"
    rows = [
        f"SYN-CLAIM-{i:05d},2021-{1 + i % 12:02d}-{1 + i % 28:02d},monitoring-centre-opened,RUS,"
        f"Aghdam,AZ,Synthetic blog,https://synthetic.invalid/claims/{i},synthetic"
        for i in range(count)
    ]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("count", [40, 400])
def test_scale__listing_the_deciding_accounts_does_not_search_them_once_per_account(
    count: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every unconfirmed claim decides "claims not confirmed", and all are listed: the evidence
    listing must look them up in a set. Searching the tuple of ids once per account made a
    report on 16,000 such claims take 11 s instead of 3 s, and 100,000 of them minutes."""
    import compliance.evaluation.evaluate as evaluate_module

    real = evaluate_module.deciding
    monkeypatch.setattr(evaluate_module, "deciding", lambda *a: _CountedIds(real(*a)))
    ledger = build_ledger(event_paths=[_unconfirmed_claims(count, tmp_path / "claims.csv")])
    _CountedIds.searches = 0
    result = next(
        r
        for r in evaluate(
            ledger.agreements,
            ledger.events,
            ledger.links,
            ledger.parties,
            date(2022, 6, 30),
            evidence_limit=10,
        ).results
        if r.id == "ts2020-5-control-centre"
    )
    assert result.rule == "claims not confirmed"
    assert len(result.deciding) == len(result.evidence) == result.evidence_total == count
    assert _CountedIds.searches == 0


def test_scale__collector_on_or_off_gives_the_same_report(generated: Path, tmp_path: Path) -> None:
    """The CLI runs with the cyclic collector off; a run with it on gives identical bytes."""
    from compliance.cli import _run
    from compliance.cli.arguments import parser as _parser

    out_a, out_b = tmp_path / "a.json", tmp_path / "b.json"
    args = ["report", "--events", str(generated), "--as-of", "2025-12-31", "--format", "json", "--output"]
    assert _run(_parser().parse_args([*args, str(out_a)]), []) == 0
    gc.disable()
    try:
        assert _run(_parser().parse_args([*args, str(out_b)]), []) == 0
    finally:
        gc.enable()
    assert out_a.read_bytes() == out_b.read_bytes()


def test_scale__csv_and_json_lines_inputs_give_the_same_evaluation(generated: Path, tmp_path: Path) -> None:
    """The same events read from our CSV or from JSON Lines evaluate identically."""
    ledger = build_ledger(event_paths=[generated])
    jsonl = tmp_path / "events.jsonl"
    jsonl.write_text("".join(json.dumps(event_to_row(e)) + "\n" for e in ledger.events), encoding="utf-8")
    again = build_ledger(event_paths=[jsonl])
    assert again.accounting.rejected == 0
    day = date(2024, 6, 30)
    one = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, day)
    two = evaluate(again.agreements, again.events, again.links, again.parties, day)
    assert [(r.id, r.status, r.evidence) for r in one.results] == [
        (r.id, r.status, r.evidence) for r in two.results
    ]


def test_scale__the_pandas_baseline_mirrors_the_link_rules() -> None:
    """The benchmark's yardstick must do the same job: its kind → article table is the agreements' rules.

    (A rule added to an agreement without updating the script once made the comparison quietly
    unfair; the benchmark's smoke run caught it, this test catches it in every run of the suite.)
    """
    spec = importlib.util.spec_from_file_location("bench_pandas", ROOT / "benchmarks" / "pandas_baseline.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = {kind: sorted(articles) for kind, articles in module.ARTICLES.items()}
    assert module.rule_articles() == expected


def _bench_run():  # type: ignore[no-untyped-def]
    return _benchmark("run")


def _growth():  # type: ignore[no-untyped-def]
    return _benchmark("growth")


def test_growth__each_shape_is_the_case_it_names(tmp_path: Path) -> None:
    """The growth benchmark's shapes hold what its page says they hold (all synthetic)."""
    growth = _growth()
    ledgers = {
        shape: build_ledger(event_paths=[growth.write(make(40), tmp_path / f"{shape}.csv")])
        for shape, (make, _) in growth.SHAPES.items()
    }
    assert {e.incident for e in ledgers["one-incident"].events} == {"SYN-INCIDENT"}
    assert len(ledgers["one-incident"].events) == 40
    assert ledgers["one-id"].accounting.rejected == 40
    [claims] = [
        r
        for r in evaluate(
            *(lambda x: (x.agreements, x.events, x.links, x.parties))(ledgers["claims"]), date(2022, 6, 30)
        ).results
        if r.id == "ts2020-5-control-centre"
    ]
    assert (claims.rule, len(claims.deciding)) == ("claims not confirmed", 40)
    stakeholder = ledgers["denied-stakeholder"]
    assert sum(e.kind == "denial" for e in stakeholder.events) == 20
    assert len({e.incident for e in stakeholder.events}) == 20
    # Russia's accounts count until Azerbaijan's denial (standard policy): the windowed accounts.
    reasons = [
        ev.reason
        for r in evaluate(
            *(lambda x: (x.agreements, x.events, x.links, x.parties))(stakeholder), date(2099, 12, 31)
        ).results
        for ev in r.evidence
    ]
    assert sum("denied in SYN-" in reason for reason in reasons) >= 20
    windowed = ledgers["denied-stakeholder-progress"]
    assert sum(e.kind == "denial" for e in windowed.events) == 20
    assert len({e.incident for e in windowed.events}) == 20
    # Each of Russia's progress accounts counts until Azerbaijan's denial a day later, then only
    # as a claim: on the day of the eleventh, the first progress that counts comes after ten
    # accounts whose window has closed.
    said: dict[date, str] = {}
    for day in (date(2021, 1, 21), date(2099, 12, 31)):
        [exchange] = [
            r
            for r in evaluate(
                *(lambda x: (x.agreements, x.events, x.links, x.parties))(windowed), day
            ).results
            if r.id == "ts2020-8-exchange-aze"
        ]
        said[day] = exchange.reason
    assert said[date(2021, 1, 21)].endswith("progress reported in SYN-20")
    assert said[date(2099, 12, 31)].endswith("progress claimed in SYN-0, not confirmed")
    nested = ledgers["nested-progress"]
    progress = sorted(nested.events, key=lambda e: e.when.first_day)
    assert all(a.when.last_day > b.when.last_day for a, b in itertools.pairwise(progress))
    assert (
        len([k for k in nested.links if k.obligation == "ts2020-8-exchange-aze" and k.effect == "progress"])
        == 40
    )


def test_growth__the_benchmark_prints_a_row_per_shape_and_command() -> None:
    """``growth.py`` runs each shape at N and 4N rows through the command line and prints the table."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "growth.py"), "--rows", "20", "--commands", "report"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 2 + len(_growth().SHAPES)
    assert all(
        re.fullmatch(r"\| [a-z-]+ \| report \| [0-9.]+ \| [0-9.]+ \| [0-9.]+× \|", line) for line in lines[2:]
    )


def test_reading_floor__every_layer_reads_every_row_and_folds_by_the_named_columns(generated: Path) -> None:
    """``reading_floor.py`` reads every row in each layer, and its fold has one signature per
    distinct (kind, actor, target, location, admin1, country, reported_by, reporter_party, links),
    counted here by column name from a plain ``csv.DictReader``."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "reading_floor.py"), str(generated)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    table = [line.strip("|").split("|") for line in done.stdout.splitlines()[2:]]
    counts = {cells[0].strip(): (cells[2].strip(), cells[3].strip()) for cells in table}
    with generated.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    who = ["kind", "actor", "target", "reported_by", "reporter_party", "links"]
    named = [*who, "location", "admin1", "country"]  # (any order: distinct tuples are counted)
    signatures = {tuple(row[name] for name in named) for row in rows}
    assert set(counts) == {"csv", "split", "fold", "checks", "read"}
    assert {rows_read for rows_read, _ in counts.values()} == {f"{len(rows):,}"}
    assert counts["fold"][1] == f"{len(signatures):,}"
    assert 1 < len(signatures) < len(rows)


def test_scale__the_benchmark_writes_its_table_between_the_markers_only(tmp_path: Path) -> None:
    """``run.py --doc`` replaces what stands between its markers and keeps the rest of the page."""
    run = _bench_run()
    doc = tmp_path / "performance.md"
    doc.write_text(f"before\n{run.DOC_START}\nold table\n{run.DOC_END}\nafter\n", encoding="utf-8")
    run.write_doc(doc, "new table")
    assert doc.read_text(encoding="utf-8") == f"before\n{run.DOC_START}\nnew table\n{run.DOC_END}\nafter\n"
    bare = tmp_path / "bare.md"
    bare.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        run.write_doc(bare, "new table")
    assert bare.read_text(encoding="utf-8") == "no markers\n"


def test_scale__the_performance_page_holds_the_table_for_three_sizes_with_its_commit() -> None:
    """docs/performance.md carries run.py's table for 10k, 100k and 1M events and names the commit."""
    run = _bench_run()
    text = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    table = text.split(run.DOC_START, 1)[1].split(run.DOC_END, 1)[0]
    for rows in ("| 10,000 |", "| 100,000 |", "| 1,000,000 |"):
        assert rows in table
    assert re.search(r"library \S+ @ [0-9a-f]{7}\b", table)


def test_start_up__the_command_line_loads_no_module_only_a_rare_path_needs() -> None:
    """Free-text dates, the package version and XML escaping are loaded when used, not at start:
    together they cost every command about 100 ms (a 10,000-row report takes about 2 s)."""
    import subprocess

    deferred = ("dateutil.parser", "importlib.metadata", "urllib.request", "xml.sax")
    code = f"import sys, compliance.cli; print([m for m in {deferred!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_start_up__import_compliance_imports_a_public_name_when_it_is_first_used() -> None:
    """``import compliance`` (or of any module of it) does not import every view and renderer:
    each public name is imported on first use, and is then the object its module defines."""
    import subprocess

    code = (
        "import sys, compliance; before = sorted(m for m in sys.modules if m.startswith('compliance.'));"
        " from compliance.render.notebook import Report;"
        " print(before, compliance.Report is Report, 'Report' in dir(compliance))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[] True True"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("&<>\"'ab é\n;#x")))
def test_svg_escape__as_the_standard_library_escapes(text: str) -> None:
    from xml.sax.saxutils import escape as standard

    from compliance.render.svg import escape

    assert escape(text) == standard(text)
