"""Hostile-input benchmark: what absurd files cost in memory and time (docs/reliability.md).

    python benchmarks/hostile.py                 # 200 MB files, 200,000 columns, 10,000 bad obligations
    python benchmarks/hostile.py --mb 20         # smaller files (the test suite uses 60 MB for memory)

Every case is a fresh process running ``compliance validate FILE`` that reports its own peak
resident memory (``resource.getrusage(RUSAGE_SELF)``) and wall time; the inputs are written to a
temporary folder and removed afterwards. Cases:

* ``nul``: a file of NUL bytes (what ``/dev/zero`` would give, as a regular file);
* ``one-line``: our CSV header, then one line of ``--mb`` megabytes with no line end;
* ``columns-ours`` / ``columns-acled``: a header of 200,000 columns (our format / an ACLED export),
  then one row;
* ``obligations``: an agreement file with 10,000 obligations, each with an unknown article and an
  unknown party (20,000 problems to locate).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 120

_MEASURE = """
import resource, sys, time
from compliance.cli import main
started = time.perf_counter()
code = main(["validate", sys.argv[1]])
elapsed = time.perf_counter() - started
print(code, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.__stdout__)
"""

AGREEMENT_HEAD = """\
id = "bench-obligations"
title = "Benchmark agreement with many bad obligations (synthetic)"
short_title = "Synthetic"
date = 2021-01-11
nature = "joint-declaration"
signatories = ["ARM", "AZE"]
utc_offset = "+03:00"
sources = ["https://synthetic.invalid/"]

[[articles]]
number = "1"
title = "One"
text = "Synthetic."
source = "https://synthetic.invalid/"
"""


def write_fill(path: Path, first: bytes, fill: bytes, megabytes: int) -> Path:
    with path.open("wb") as out:
        out.write(first)
        chunk = fill * (1 << 20)
        for _ in range(megabytes):
            out.write(chunk)
    return path


def columns(path: Path, first: str, count: int) -> Path:
    names = [first, *(f"c{i:06d}" for i in range(count - 1))]
    path.write_text(",".join(names) + "\n" + ",".join("x" for _ in names) + "\n", encoding="utf-8")
    return path


def obligations(path: Path, count: int) -> Path:
    parts = [AGREEMENT_HEAD]
    for i in range(count):
        parts.append(
            f'\n[[obligations]]\nid = "bench-{i}"\narticle = "9"\nsummary = "Synthetic."\n'
            f'bearers = ["NOBODY"]\nmodality = "obligation"\nkind = "achievement"\nin_force = 2021-01-11\n'
        )
    path.write_text("".join(parts), encoding="utf-8")
    return path


def measure(path: Path) -> dict[str, object]:
    try:
        result = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(path)],
            cwd=ROOT,
            capture_output=True,
            timeout=LIMIT_SECONDS,
            check=False,
            env={"PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        return {"result": f"not finished in {LIMIT_SECONDS} s"}
    code, seconds, peak = result.stdout.split()[-3:]
    problems = sum(1 for line in result.stderr.decode(errors="replace").splitlines() if ": " in line)
    return {
        "exit": int(code),
        "seconds": round(float(seconds), 2),
        "peak_mb": round(int(peak) / 1024, 1),
        "stderr_lines": problems,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=int, default=200, help="size of the NUL and one-line files (MB)")
    parser.add_argument("--columns", type=int, default=200_000)
    parser.add_argument("--obligations", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        cases: dict[str, Callable[[], Path]] = {
            "nul": lambda: write_fill(tmp / "zero.csv", b"", b"\x00", args.mb),
            "one-line": lambda: write_fill(tmp / "line.csv", b"id,date,kind,reported_by\n", b"x", args.mb),
            "columns-ours": lambda: columns(tmp / "columns.csv", "id", args.columns),
            "columns-acled": lambda: columns(tmp / "acled.csv", "event_id_cnty", args.columns),
            "obligations": lambda: obligations(tmp / "obligations.toml", args.obligations),
        }
        for name, make in cases.items():
            path = make()
            figures = {"case": name, "bytes": path.stat().st_size, **measure(path)}
            print(json.dumps(figures), flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
