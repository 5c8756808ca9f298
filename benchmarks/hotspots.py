"""Where the time of ``compliance report`` (or ``timeline``) goes, on a SYNTHETIC event file.

    python benchmarks/hotspots.py --rows 100k                  # report, top 25
    python benchmarks/hotspots.py --rows 100k --command timeline
    python benchmarks/hotspots.py --rows 100k --source /tmp/snap-abc1234

Samples with py-spy when it is installed (``pip install py-spy``: a sampling profiler, so the
shares are those of a normal run), otherwise falls back to cProfile (deterministic, which
inflates code that makes many small calls, 2-3× here). Prints the functions with the largest
inclusive and self shares, names shortened to ``file:function``.

Also measures what the cyclic garbage collector costs, by running the same command once with
``gc.disable()``: a sampling profiler charges collections to whichever allocation triggered
them, so they show up as odd self time in cheap functions (generator expressions, small
``__init__``s) rather than under a name of their own.
"""

from __future__ import annotations

import argparse
import collections
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import parse_count  # noqa: E402
from run import AS_OF, TIMELINE_FROM, TIMELINE_TO, child_env, event_file  # noqa: E402

_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>.*?)(?::\d+)?\)$")

_RUN_WITHOUT_GC = """\
import gc, runpy, sys
gc.disable()
sys.argv = ["compliance", *sys.argv[1:]]
runpy.run_module("compliance", run_name="__main__", alter_sys=True)
"""


def short(file: str) -> str:
    file = re.sub(r".*/site-packages/", "", file)
    file = re.sub(r".*/lib/python3\.\d+/", "", file)
    return re.sub(r"^.*?/(compliance|agreements|benchmarks)/", r"\1/", file)


def library_args(command: str, events: Path) -> list[str]:
    if command == "report":
        return [
            "report",
            "--events",
            str(events),
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "--output",
            os.devnull,
        ]
    return ["timeline", "--events", str(events), "--from", TIMELINE_FROM, "--to", TIMELINE_TO,
            "--every", "month", "--format", "csv", "--output", os.devnull]  # fmt: skip


def with_py_spy(
    args: list[str], cwd: Path | None, env: dict[str, str], rate: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Inclusive and self shares (0-1) from py-spy's collapsed stacks."""
    with tempfile.TemporaryDirectory(prefix="spy-") as tmp:
        out = Path(tmp) / "stacks.txt"
        subprocess.run(
            ["py-spy", "record", "--rate", str(rate), "--format", "raw", "--output", str(out), "--",
             sys.executable, "-m", "compliance", *args],
            cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        inclusive: collections.Counter[str] = collections.Counter()
        own: collections.Counter[str] = collections.Counter()
        total = 0
        for line in out.read_text().splitlines():
            stack, _, count_text = line.rpartition(" ")
            count = int(count_text)
            total += count
            frames = []
            for frame in stack.split(";"):
                match = _FRAME.match(frame)
                frames.append(f"{short(match['file'])}:{match['function']}" if match else frame)
            for name in set(frames):
                inclusive[name] += count
            own[frames[-1]] += count
    return {k: v / total for k, v in inclusive.items()}, {k: v / total for k, v in own.items()}


def with_cprofile(
    args: list[str], cwd: Path | None, env: dict[str, str]
) -> tuple[dict[str, float], dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="prof-") as tmp:
        out = Path(tmp) / "report.prof"
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "compliance", *args],
            cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in stats.values())
    inclusive: dict[str, float] = collections.defaultdict(float)
    own: dict[str, float] = collections.defaultdict(float)
    for (file, _, function), (_, _, tt, ct, _) in stats.items():
        name = f"{short(file)}:{function}"
        inclusive[name] = max(inclusive[name], ct / total)
        own[name] += tt / total
    return inclusive, own


def timed(command: list[str], cwd: Path | None, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=parse_count, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--command", choices=("report", "timeline"), default="report")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--profiler", choices=("auto", "py-spy", "cprofile"), default="auto")
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument("--data-dir", type=Path, default=HERE / "data")
    parser.add_argument("--source", type=Path, metavar="DIR", help="profile the library in this checkout")
    parser.add_argument("--no-gc-check", action="store_true", help="skip the run with gc.disable()")
    args = parser.parse_args(argv)

    events = event_file(args.data_dir, args.rows, args.seed)
    cwd = args.source.resolve() if args.source else None
    env = child_env(args.data_dir.resolve() / "pycache")
    if cwd is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(cwd), env.get("PYTHONPATH", "")]))
    command_args = library_args(args.command, events)
    profiler = args.profiler
    if profiler == "auto":
        profiler = "py-spy" if shutil.which("py-spy") else "cprofile"
    timed([sys.executable, "-m", "compliance", *command_args], cwd, env)  # warm the caches
    if profiler == "py-spy":
        inclusive, own = with_py_spy(command_args, cwd, env, args.rate)
    else:
        inclusive, own = with_cprofile(command_args, cwd, env)

    print(f"`compliance {args.command}` on {args.rows:,} synthetic rows, profiled with {profiler}\n")
    print("| inclusive | self | function |\n|---:|---:|---|")
    skip = re.compile(r"^(<frozen |runpy|<string>|~:)|:<module>$")
    shown = 0
    for name, share in sorted(inclusive.items(), key=lambda kv: -kv[1]):
        if skip.search(name):
            continue
        print(f"| {share:6.1%} | {own.get(name, 0.0):6.1%} | `{name}` |")
        shown += 1
        if shown >= args.top:
            break
    print("\nLargest self time:\n\n| self | function |\n|---:|---|")
    for name, share in sorted(own.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"| {share:6.1%} | `{name}` |")

    if not args.no_gc_check:
        with_gc = timed([sys.executable, "-m", "compliance", *command_args], cwd, env)
        without_gc = timed([sys.executable, "-c", _RUN_WITHOUT_GC, *command_args], cwd, env)
        share = (with_gc - without_gc) / with_gc
        print(
            f"\nCyclic GC: {with_gc:.2f} s with, {without_gc:.2f} s with gc.disable() → about {share:.0%} of the run."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
