"""Whole-process benchmark: ``compliance report`` / ``timeline`` against a pandas script.

    pip install -e '.[bench]'
    python benchmarks/run.py                      # 10k, 100k, 1M rows, median of 3
    python benchmarks/run.py --sizes 10k,100k --repeat 3
    python benchmarks/run.py --smoke              # 2,000 rows, one run, checks; seconds (for CI)

Every measurement is a fresh process (``subprocess``), as a researcher runs it: interpreter
start-up, imports, reading, computing and writing all count. Wall time is the median of
``--repeat`` runs; peak RSS is the largest of the runs, from ``/usr/bin/time -v`` when present,
otherwise from ``resource.getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process per run.

Event files are SYNTHETIC (benchmarks/generate.py) and cached in benchmarks/data/ (git-ignored).
See docs/performance.md for the figures and what they mean.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import parse_count, write  # noqa: E402

AS_OF = "2025-12-31"
TIMELINE_FROM, TIMELINE_TO = "2020-01-01", "2025-12-31"  # 72 month ends
GNU_TIME = "/usr/bin/time"


@dataclass
class Runs:
    """Repeated runs of one command."""

    name: str
    command: list[str]
    cwd: Path | None = None
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def wall(self) -> float | None:
        return statistics.median(self.walls) if self.walls else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(self.cpus) if self.cpus else None

    @property
    def peak_mb(self) -> float | None:
        return max(self.peaks_kb) / 1024 if self.peaks_kb else None


# --------------------------------------------------------------------------- measuring


def gnu_time_available() -> bool:
    if not os.access(GNU_TIME, os.X_OK):
        return False
    probe = subprocess.run([GNU_TIME, "-v", "true"], capture_output=True, text=True, check=False)
    return "Maximum resident set size" in probe.stderr


_WRAPPER = """\
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=open(sys.argv[1], "w"))
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime, rc)
"""
"""A fresh process per run, so RUSAGE_CHILDREN's maximum is this run's child alone (Linux: KB)."""


def child_env(pycache: Path | None) -> dict[str, str]:
    """The children's environment. With ``pycache``, bytecode is cached there (as in a normal
    install, where .pyc files exist) instead of being recompiled on every run when
    PYTHONDONTWRITEBYTECODE is set; nothing is written next to the sources."""
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def run_once(
    runs: Runs, method: str, timeout: float, env: dict[str, str]
) -> tuple[float, float, int, str | None]:
    """Run once; ``(wall seconds, user+system CPU seconds, peak RSS KB, failure or None)``."""
    command = runs.command
    if runs.cwd is not None:
        env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(runs.cwd), env.get("PYTHONPATH", "")]))}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        err_path = Path(tmp) / "stderr"
        stats_path = Path(tmp) / "time"
        if method == "gnu-time":
            full = [GNU_TIME, "-v", "-o", str(stats_path), *command]
            start = time.perf_counter()
            with err_path.open("w") as err:
                proc = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=err, timeout=timeout,
                                      check=False, cwd=runs.cwd, env=env)  # fmt: skip
            wall = time.perf_counter() - start
            stats = {}
            for line in stats_path.read_text().splitlines():
                key, _, value = line.strip().rpartition(": ")
                stats[key] = value
            peak = int(stats.get("Maximum resident set size (kbytes)", "0"))
            cpu = float(stats.get("User time (seconds)", "0")) + float(
                stats.get("System time (seconds)", "0")
            )
            rc = proc.returncode
        else:
            full = [sys.executable, "-c", _WRAPPER, str(err_path), *command]
            start = time.perf_counter()
            proc = subprocess.run(full, capture_output=True, text=True, timeout=timeout, check=False,
                                  cwd=runs.cwd, env=env)  # fmt: skip
            wall = time.perf_counter() - start
            peak_text, cpu_text, rc_text = proc.stdout.split()
            peak, cpu, rc = int(peak_text), float(cpu_text), int(rc_text)
        failure = None
        if rc != 0:
            tail = err_path.read_text(errors="replace").strip().splitlines()[-3:]
            failure = f"exit {rc}: {' | '.join(tail)}"
        return wall, cpu, peak, failure


def measure(
    all_runs: list[Runs],
    repeat: int,
    method: str,
    timeout: float,
    env: dict[str, str],
    warmup: int = 1,
    log: bool = True,
) -> None:
    """Interleave the commands (a, b, c, a, b, c, ...) so drift hits them alike.

    ``warmup`` uncounted rounds first: they fill the page cache and the bytecode cache."""
    for i in range(-warmup, repeat):
        for runs in all_runs:
            try:
                wall, cpu, peak, failure = run_once(runs, method, timeout, env)
            except subprocess.TimeoutExpired:
                runs.failures.append(f"timed out after {timeout:.0f} s")
                continue
            if failure:
                runs.failures.append(failure)
                continue
            if i < 0:
                continue
            runs.walls.append(wall)
            runs.cpus.append(cpu)
            runs.peaks_kb.append(peak)
            if log:
                print(f"  {runs.name:<9} run {i + 1}/{repeat}: {wall:7.2f} s wall, {cpu:7.2f} s CPU, "
                      f"{peak / 1024:7.0f} MB", file=sys.stderr)  # fmt: skip


# --------------------------------------------------------------------------- commands


def commands(events: Path, source: Path | None) -> list[Runs]:
    """``source``: run the library from that checkout instead of the installed one."""
    py = sys.executable
    return [
        Runs("pandas", [py, str(HERE / "pandas_baseline.py"), str(events), "--as-of", AS_OF]),
        Runs("report", [py, "-m", "compliance", "report", "--events", str(events), "--as-of", AS_OF,
                        "--format", "json", "--output", os.devnull], cwd=source),
        Runs("timeline", [py, "-m", "compliance", "timeline", "--events", str(events),
                          "--from", TIMELINE_FROM, "--to", TIMELINE_TO, "--every", "month",
                          "--format", "csv", "--output", os.devnull], cwd=source),
        Runs("activity", [py, "-m", "compliance", "activity", "--events", str(events),
                          "--from", TIMELINE_FROM, "--to", TIMELINE_TO, "--every", "month",
                          "--format", "csv", "--output", os.devnull], cwd=source),
    ]  # fmt: skip


def import_commands(source: Path | None) -> list[Runs]:
    py = sys.executable
    return [
        Runs("python -c pass", [py, "-c", "pass"]),
        Runs('python -c "import compliance"', [py, "-c", "import compliance"], cwd=source),
        Runs('python -c "import compliance.cli"', [py, "-c", "import compliance.cli"], cwd=source),
        Runs("python -m compliance --help", [py, "-m", "compliance", "--help"], cwd=source),
        Runs('python -c "import pandas"', [py, "-c", "import pandas"]),
    ]


def event_file(data_dir: Path, rows: int, seed: int) -> Path:
    path = data_dir / f"events-{rows}-s{seed}.csv"
    if not path.exists():
        print(f"generating {rows} synthetic rows → {path}", file=sys.stderr)
        start = time.perf_counter()
        write(rows, seed, path)
        print(f"  done in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return path


# --------------------------------------------------------------------------- checks (smoke)


def smoke_checks(
    events: Path, rows: int, source: Path | None, env: dict[str, str], have_pandas: bool = True
) -> list[str]:
    """Cheap correctness checks: the benchmark measures what it claims to."""
    from generate import check_columns
    from pandas_baseline import ARTICLES, rule_articles

    failures: list[str] = []
    check_columns()
    agreement_files = sorted(((source or ROOT) / "agreements").glob("*.toml"))
    if rule_articles(agreement_files) != {k: sorted(v) for k, v in ARTICLES.items()}:
        failures.append("pandas_baseline.ARTICLES no longer mirrors the link rules of agreements/*.toml")
    if source is not None:
        env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH", "")]))}

    def library(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "compliance", *args], capture_output=True, text=True,
                              check=False, cwd=source, env=env)  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        report_path = Path(tmp) / "report.json"
        report = library("report", "--events", str(events), "--as-of", AS_OF, "--format", "json",
                         "--output", str(report_path))  # fmt: skip
        if report.returncode != 0:
            failures.append(f"report exited {report.returncode}: {report.stderr[-500:]}")
        else:
            accounting = json.loads(report_path.read_text(encoding="utf-8"))["accounting"]
            if accounting["read"] != rows:
                failures.append(f"report read {accounting['read']} records, expected {rows}")
            if not 0 < accounting["rejected"] < rows * 0.01 + 5:
                failures.append(f"expected ~0.1% rejected rows, got {accounting['rejected']} of {rows}")
        timeline_path = Path(tmp) / "timeline.csv"
        timeline = library("timeline", "--events", str(events), "--from", TIMELINE_FROM, "--to", TIMELINE_TO,
                           "--every", "month", "--format", "csv", "--output", str(timeline_path))  # fmt: skip
        if timeline.returncode != 0:
            failures.append(f"timeline exited {timeline.returncode}: {timeline.stderr[-500:]}")
        else:
            with timeline_path.open(encoding="utf-8") as handle:
                header = next(csv.reader(handle))
            if len(header) - 3 != 72:
                failures.append(f"timeline has {len(header) - 3} points, expected 72")
    if not have_pandas:
        return failures
    baseline = subprocess.run(
        [sys.executable, str(HERE / "pandas_baseline.py"), str(events), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if baseline.returncode != 0:
        failures.append(f"pandas baseline exited {baseline.returncode}: {baseline.stderr[-500:]}")
    return failures


# --------------------------------------------------------------------------- output


def _f(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _x(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| events | pandas s | report s | report/pandas | timeline s | timeline/report | activity s "
        "| activity/report | peak MB pandas / report | report µs/event | CPU s pandas / report |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        empty = {"wall": None, "cpu": None, "peak_mb": None}
        p, rep, tl, act = r.get("pandas", empty), r["report"], r["timeline"], r.get("activity", empty)
        per_event = None if rep["wall"] is None else rep["wall"] / r["rows"] * 1e6
        lines.append(
            f"| {r['rows']:,} | {_f(p['wall'])} | {_f(rep['wall'])} | {_x(_ratio(rep['wall'], p['wall']))} "
            f"| {_f(tl['wall'])} | {_x(_ratio(tl['wall'], rep['wall']))} "
            f"| {_f(act['wall'])} | {_x(_ratio(act['wall'], rep['wall']))} "
            f"| {_f(p['peak_mb'], 0)} / {_f(rep['peak_mb'], 0)} | {_f(per_event, 1)} "
            f"| {_f(p['cpu'])} / {_f(rep['cpu'])} |"
        )
    return "\n".join(lines)


def import_table(imports: list[dict[str, Any]]) -> str:
    lines = ["| command | median wall ms | median CPU ms | peak MB |", "|---|---:|---:|---:|"]
    for r in imports:
        wall = None if r["wall"] is None else r["wall"] * 1000
        cpu = None if r.get("cpu") is None else r["cpu"] * 1000
        lines.append(f"| `{r['name']}` | {_f(wall, 0)} | {_f(cpu, 0)} | {_f(r['peak_mb'], 0)} |")
    return "\n".join(lines)


def verdicts(results: list[dict[str, Any]], imports: list[dict[str, Any]]) -> list[str]:
    """Each target: met, not met, or not measured (with the figure)."""
    by_rows = {r["rows"]: r for r in results}
    out: list[str] = []

    def ratio_line(rows: int, limit: float) -> None:
        r = by_rows.get(rows)
        value = _ratio(r["report"]["wall"], r["pandas"]["wall"]) if r and "pandas" in r else None
        if value is None:
            out.append(f"- report ≤ {limit}× pandas on {rows:,}: not measured")
        else:
            out.append(
                f"- report ≤ {limit}× pandas on {rows:,}: {'MET' if value <= limit else 'NOT MET'} ({value:.2f}×)"
            )

    ratio_line(1_000_000, 2.5)
    ratio_line(10_000, 1.0)
    for r in results:
        for name in ("timeline", "activity"):
            value = _ratio(r.get(name, {}).get("wall"), r["report"]["wall"])
            if value is not None:
                met = "MET" if value <= 1.5 else "NOT MET"
                out.append(f"- {name} ≤ 1.5× report on {r['rows']:,}: {met} ({value:.2f}×)")
        p, rep = r.get("pandas", {}).get("peak_mb"), r["report"]["peak_mb"]
        if p is not None and rep is not None and r["rows"] >= 1_000_000:
            met = "MET" if rep <= 1.5 * p else "NOT MET"
            out.append(f"- peak RSS report ≤ 1.5× pandas on {r['rows']:,}: {met} ({rep:.0f} vs {p:.0f} MB)")
    imp = next((i for i in imports if i["name"] == 'python -c "import compliance"'), None)
    if imp and imp["wall"] is not None:
        ms = imp["wall"] * 1000
        out.append(f"- `import compliance` ≤ 150 ms: {'MET' if ms <= 150 else 'NOT MET'} ({ms:.0f} ms)")
    ordered = sorted((r for r in results if r["report"]["wall"] is not None), key=lambda r: r["rows"])
    if len(ordered) >= 3:
        # Linear means cost = start-up + b·n: the marginal cost per event between sizes is flat.
        marginal = [
            (b["report"]["wall"] - a["report"]["wall"]) / (b["rows"] - a["rows"]) * 1e6
            for a, b in itertools.pairwise(ordered)
        ]
        flat = max(marginal) <= 1.25 * min(marginal)
        text = " → ".join(f"{m:.1f}" for m in marginal)
        out.append(
            f"- linear in events: {'MET' if flat else 'NOT MET'} (marginal µs/event between sizes: {text})"
        )
    return out


def git_state(where: Path) -> str:
    """``commit`` or ``commit+dirty`` of the checkout the library runs from."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=where, capture_output=True,
                                text=True, check=True).stdout.strip()  # fmt: skip
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "compliance", "agreements"], cwd=where,
                               capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return f"{where.name} (not a git checkout)"
    return commit + ("+dirty" if dirty else "")


def environment() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import pandas

        pandas_version = pandas.__version__
    except ImportError:
        pandas_version = "not installed"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "python": platform.python_version(),
        "pandas": pandas_version,
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "platform": platform.platform(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# --------------------------------------------------------------------------- main


def print_saved(paths: list[Path], doc: Path | None = None) -> int:
    """One table from several saved runs (e.g. 10k/100k with --repeat 3 and 1M with --repeat 1)."""
    results: dict[int, dict[str, Any]] = {}
    imports: list[dict[str, Any]] = []
    sources: list[str] = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        env, repeat = data["environment"], data["repeat"]
        rows = ", ".join(f"{r['rows']:,}" for r in data["results"])
        sources.append(
            f"- {rows} rows: measured {env['date']} on {env['cpus']} CPUs ({env['cpu']}), Python "
            f"{env['python']}, pandas {env['pandas']}, library {env.get('library', '?')}; median of "
            f"{repeat}; peak RSS via {data.get('rss', '?')}; load at start {env.get('load', '?')}"
        )
        for r in data["results"]:
            results[r["rows"]] = r
        imports = data["imports"] or imports
    ordered = [results[k] for k in sorted(results)]
    text = "\n".join(
        [
            *sources,
            "",
            table(ordered),
            *(["", import_table(imports)] if imports else []),
            "",
            "Targets:",
            "",
            *verdicts(ordered, imports),
        ]
    )
    print(text)
    if doc:
        write_doc(doc, text)
    return 0


DOC_START, DOC_END = "<!-- benchmarks/run.py: start -->", "<!-- benchmarks/run.py: end -->"


def write_doc(path: Path, text: str) -> None:
    """Put the table between the two markers of ``path`` (docs/performance.md), atomically."""
    doc = path.read_text(encoding="utf-8")
    if DOC_START not in doc or DOC_END not in doc:
        raise SystemExit(f"{path}: the markers {DOC_START} and {DOC_END} are missing")
    head, rest = doc.split(DOC_START, 1)
    _, tail = rest.split(DOC_END, 1)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(f"{head}{DOC_START}\n{text}\n{DOC_END}{tail}", encoding="utf-8")
    partial.replace(path)


def _summary(r: Runs) -> dict[str, Any]:
    data = asdict(r)
    data["cwd"] = str(r.cwd) if r.cwd else None
    return {**data, "wall": r.wall, "cpu": r.cpu, "peak_mb": r.peak_mb}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="10k,100k,1M", help="comma-separated row counts (default: 10k,100k,1M)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per command; the median is reported")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--smoke", action="store_true", help="2,000 rows, one run, correctness checks (CI)")
    parser.add_argument("--data-dir", type=Path, default=HERE / "data", help="cache of generated files")
    parser.add_argument(
        "--rss", choices=("auto", "gnu-time", "rusage"), default="auto", help="how to measure peak RSS"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run before giving up")
    parser.add_argument("--no-imports", action="store_true", help="skip the import-time measurements")
    parser.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="uncounted rounds before measuring (default 1; none with --smoke or for ≥ 500k rows)",
    )
    parser.add_argument(
        "--source",
        type=Path,
        metavar="DIR",
        help="run the library from this checkout (e.g. a `git archive` of a commit) to compare versions",
    )
    parser.add_argument(
        "--bytecode",
        choices=("cache", "env"),
        default="cache",
        help="cache: cache .pyc under DATA_DIR/pycache as an installed package would have them "
        "(default); env: leave PYTHONDONTWRITEBYTECODE etc. as they are",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the raw figures as JSON")
    parser.add_argument(
        "--doc",
        type=Path,
        metavar="PATH",
        help="also write the table into PATH between its markers (docs/performance.md)",
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        nargs="+",
        metavar="PATH",
        help="measure nothing: print the table and verdicts of earlier --json files, merged",
    )
    args = parser.parse_args(argv)
    if args.from_json:
        return print_saved(args.from_json, args.doc)

    sizes = [2000] if args.smoke else [parse_count(s) for s in args.sizes.split(",") if s.strip()]
    repeat = 1 if args.smoke else max(1, args.repeat)
    method = args.rss
    if method == "auto":
        method = "gnu-time" if gnu_time_available() else "rusage"
    try:
        import pandas  # noqa: F401

        have_pandas = True
    except ImportError:
        have_pandas = False
        print("pandas is not installed (pip install -e '.[bench]'): the baseline is skipped", file=sys.stderr)
        if not args.smoke:
            return 1
    warmup = 0 if args.smoke else max(0, args.warmup)
    source = args.source.resolve() if args.source else None
    env = environment()
    env["library"] = f"{source or ROOT} @ {git_state(source or ROOT)}"
    children = child_env(args.data_dir.resolve() / "pycache" if args.bytecode == "cache" else None)
    print(
        f"# {env['date']}: Python {env['python']}, pandas {env['pandas']}, {env['cpus']} CPUs ({env['cpu']}); "
        f"RSS via {method}; median of {repeat}; library {env['library']}; load {env['load']}",
        file=sys.stderr,
    )
    if os.getloadavg()[0] > 0.5:
        print(
            "  warning: the machine is busy (load > 0.5); wall times will be noisy, CPU times less so",
            file=sys.stderr,
        )

    results: list[dict[str, Any]] = []
    failures: list[str] = []
    for rows in sizes:
        events = event_file(args.data_dir, rows, args.seed)
        if args.smoke:
            failures += smoke_checks(events, rows, source, children, have_pandas)
        print(f"{rows:,} rows ({events.stat().st_size / 1e6:.0f} MB):", file=sys.stderr)
        runs = [r for r in commands(events, source) if have_pandas or r.name != "pandas"]
        # A warm-up fills the page and bytecode caches (tens of ms); at 1M rows it would cost
        # minutes and change nothing measurable, and the pandas run warms the page cache anyway.
        measure(runs, repeat, method, args.timeout, children, warmup if rows < 500_000 else 0)
        for r in runs:
            failures += [f"{r.name} on {rows:,} rows: {f}" for f in r.failures]
        results.append({"rows": rows, **{r.name: _summary(r) for r in runs}})

    imports: list[dict[str, Any]] = []
    if not args.no_imports:
        print("imports:", file=sys.stderr)
        runs = [r for r in import_commands(source) if have_pandas or "pandas" not in r.name]
        measure(runs, 1 if args.smoke else max(5, repeat), method, args.timeout, children, warmup, log=False)
        imports = [_summary(r) for r in runs]
        failures += [f"{r.name}: {f}" for r in runs for f in r.failures]

    text = "\n".join(
        [
            f"Measured {env['date']} on {env['cpus']} CPUs ({env['cpu']}), Python {env['python']}, "
            f"pandas {env['pandas']}, library {env['library']}; wall and CPU time: median of {repeat} "
            f"after {warmup} warm-up (none from 500k rows on); peak RSS (largest run) via {method}; "
            f"load at start {env['load']}.",
            "",
            table(results),
            *(["", import_table(imports)] if imports else []),
            "",
            "Targets:",
            "",
            *verdicts(results, imports),
        ]
    )
    print(text)
    if args.doc:
        write_doc(args.doc, text)
    if args.json:
        args.json.write_text(json.dumps({"environment": env, "repeat": repeat, "rss": method,
                                         "results": results, "imports": imports}, indent=2) + "\n")  # fmt: skip
    if failures:
        print("\nFAILURES:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
