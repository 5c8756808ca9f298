"""How cost grows with input on shapes that once made it grow faster than the input (SYNTHETIC).

    python benchmarks/growth.py                      # every shape at 2,000 and 8,000 rows
    python benchmarks/growth.py --rows 4000 --shapes one-incident,one-id

Each shape is written at N and 4N rows and run, whole process, through ``compliance report
--format json`` and ``compliance activity`` (monthly); the table gives the times and their ratio.
Linear cost gives about 4× (less while start-up still weighs); a quadratic one gives about 16×.
Each shape is one that was quadratic before a step of the hunt for such shapes (issue "A million
events in seconds"; ``docs/performance-log.md``, steps 24-32):

* ``one-incident``: every account in one incident, from both sides, Russia and unknown reporters,
  with denials (an incident was scanned once per account graded and per account listed);
* ``one-id``: one id on every row (each copy's problem named every place);
* ``claims``: unconfirmed claims that all decide the status (the deciding ids were a tuple searched
  once per listed account);
* ``denied-stakeholder``: a stakeholder's accounts, each denied a day later, over decades (the
  accounts that count until a denial were scanned at every cut-off of the history);
* ``denied-stakeholder-progress``: the same, with Russia reporting prisoner releases as progress on
  ``ts2020-8-exchange-aze`` (to name the first progress that counts, the rules walked past the
  accounts whose window had closed, at every point of the history);
* ``nested-progress``: confirmed progress whose uncertain dates nest (every account was listed at
  every point of the history to name the first one).

Every row is synthetic: ids ``SYN-…``, addresses under ``https://synthetic.invalid/``.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from compliance.readers.our_format import COLUMNS as OUR_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = OUR_COLUMNS
Row = dict[str, str]


def _row(i: int, **fields: str) -> Row:
    day = (date(2021, 1, 15) + timedelta(days=i % 340)).isoformat()
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        id=f"SYN-{i}",
        date=day,
        kind="ceasefire-violation",
        actor="AZE",
        target="ARM",
        location="Tavush",
        country="AM",
        reported_by="Ministry of Defence of Armenia",
        source_url=f"https://synthetic.invalid/growth/{i}",
        notes="synthetic",
    )
    row.update(fields)
    return row


def one_incident(n: int) -> list[Row]:
    az, am, ru = (
        "Ministry of Defence of Azerbaijan",
        "Ministry of Defence of Armenia",
        "Ministry of Defence of Russia",
    )
    variants: list[dict[str, str]] = [
        {},
        {"kind": "denial", "target": "", "reported_by": az},
        {"actor": "ARM", "target": "AZE", "location": "Kalbajar", "country": "AZ", "reported_by": az},
        {"kind": "denial", "actor": "ARM", "target": "", "reported_by": am},
        {"actor": "", "target": "", "location": "Shusha", "country": "AZ", "reported_by": ru},
        {"reported_by": "Synthetic blog"},
    ]
    return [_row(i, incident="SYN-INCIDENT", **variants[i % len(variants)]) for i in range(n)]


def one_id(n: int) -> list[Row]:
    return [_row(i, id="SYN-0") for i in range(n)]


def claims(n: int) -> list[Row]:
    return [
        _row(i, kind="monitoring-centre-opened", actor="RUS", target="", location="Aghdam", country="AZ",
             reported_by="Synthetic blog")
        for i in range(n)
    ]  # fmt: skip


def _denied_pairs(n: int, place: dict[str, str], claim: dict[str, str]) -> list[Row]:
    """Russia's account, then Azerbaijan's denial of it the next day, one incident per pair."""
    rows = []
    for i in range(n):
        pair, first = divmod(i, 2)
        day = date(2021, 1, 1) + timedelta(days=2 * pair + first)
        fields = {"date": day.isoformat(), "incident": f"SYN-{pair}", **place}
        if first:
            fields |= {"kind": "denial", "target": "", "reported_by": "Ministry of Defence of Azerbaijan"}
        else:
            fields |= {"reported_by": "Ministry of Defence of Russia", **claim}
        rows.append(_row(i, **fields))
    return rows


def denied_stakeholder(n: int) -> list[Row]:
    return _denied_pairs(n, {"location": "Shusha", "country": "AZ"}, {})


def denied_stakeholder_progress(n: int) -> list[Row]:
    return _denied_pairs(
        n,
        {"location": "", "country": ""},
        {
            "kind": "prisoner-release",
            "target": "ARM",
            "links": "trilateral-2020#8/ts2020-8-exchange-aze:progress",
        },
    )


def nested_progress(n: int) -> list[Row]:
    first, last = date(2021, 1, 1), date(2099, 12, 31)
    return [
        _row(i, kind="prisoner-release", target="ARM", location="", country="",
             reported_by="Ministry of Defence of Azerbaijan", date=(first + timedelta(days=i)).isoformat(),
             date_end=(last - timedelta(days=i)).isoformat(),
             links="trilateral-2020#8/ts2020-8-exchange-aze:progress")
        for i in range(n)
    ]  # fmt: skip


SHAPES: dict[str, tuple[Callable[[int], list[Row]], str]] = {
    "one-incident": (one_incident, "2022-06-30"),
    "one-id": (one_id, "2022-06-30"),
    "claims": (claims, "2022-06-30"),
    "denied-stakeholder": (denied_stakeholder, "2099-12-31"),
    "denied-stakeholder-progress": (denied_stakeholder_progress, "2099-12-31"),
    "nested-progress": (nested_progress, "2099-12-31"),
}
"""Shape → (rows of a given count, the as-of date its accounts need)."""


def write(rows: list[Row], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def seconds(args: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "compliance", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"compliance {' '.join(args)} exited {done.returncode}: {done.stderr[-500:]}")
    return time.perf_counter() - started


def measure(shape: str, rows: int, folder: Path, commands: list[str]) -> list[str]:
    make, as_of = SHAPES[shape]
    lines = []
    for command in commands:
        times = []
        for n in (rows, 4 * rows):
            events = write(make(n), folder / f"{shape}-{n}.csv")
            out = str(folder / "out")
            args = (
                ["report", "--events", str(events), "--as-of", as_of, "--format", "json", "--output", out]
                if command == "report"
                else ["activity", "--events", str(events), "--from", "2020-01-01", "--to", as_of[:4] + "-12-31",
                      "--every", "month", "--output", out]
            )  # fmt: skip
            times.append(seconds(args))
        small, large = times
        lines.append(f"| {shape} | {command} | {small:.2f} | {large:.2f} | {large / small:.1f}× |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000, help="N: each shape is run at N and 4N rows")
    parser.add_argument("--shapes", default="all", help="comma-separated, or 'all': " + ", ".join(SHAPES))
    parser.add_argument("--commands", default="report,activity", help="report, activity or both")
    args = parser.parse_args(argv)
    shapes = list(SHAPES) if args.shapes == "all" else args.shapes.split(",")
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)}")
    print(f"| shape | command | {args.rows:,} rows s | {4 * args.rows:,} rows s | ratio |")
    print("|---|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for shape in shapes:
            for line in measure(shape, args.rows, Path(scratch), args.commands.split(",")):
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
