"""What reading our CSV costs, layer by layer, and what folding rows by signature would cost.

    python benchmarks/reading_floor.py benchmarks/data/events-1000000-s1.csv
    python benchmarks/reading_floor.py FILE --layers split,fold --repeat 3

The reduction that the targets of ``docs/performance.md`` need ("Why the targets are not met")
folds rows into signatures while reading. Where the fold can come depends on what a row's
reading costs: this script measures it, each layer in a process of its own, the cyclic
collector off (as the commands run), on any file of our CSV format (``generate.py`` writes
SYNTHETIC ones):

* ``csv``: the standard library's ``csv.reader`` alone, every row split and dropped;
* ``split``: the library's own record splitting (``readers.records.CsvRecords`` and
  ``readers.base.csv_rows``: quotes, field counts, encoding, a repeated header, and an ``Origin``
  per row), each row dropped;
* ``fold``: ``split``, each row then folded by its raw texts, before any check, into its
  signature (every column but the id, the dates, the report day, the point, the source
  address, the deaths, the notes and the incident), keeping per row its id, dates, report day
  and line;
* ``checks``: the library's reader with every check of a row (``readers.our_format``), the
  ``Event`` and ``Record`` of each row replaced by a constant: what the checks cost alone;
* ``read``: the library's reader as the commands use it (``readers.read_event_file``), each
  record dropped.

The differences between layers are what each part of reading costs: ``checks`` minus ``split``
the checks, ``read`` minus ``checks`` the objects, ``fold`` minus ``split`` the folding.
"""

from __future__ import annotations

import argparse
import csv
import gc
import subprocess
import sys
import time
from operator import itemgetter
from pathlib import Path
from statistics import median

LAYERS = ("csv", "split", "fold", "checks", "read")
SIGNATURE = itemgetter(3, 4, 5, 6, 7, 8, 11, 12, 17)
"""kind, actor, target, location, admin1, country, reported_by, reporter_party, links: the
raw texts of our columns (``readers.our_format.COLUMNS`` order) that a signature holds."""
PER_ROW = itemgetter(0, 1, 2, 13)
"""id, date, date_end, reported_on: what a fold keeps of each row, with its line."""


def measure(layer: str, path: Path) -> tuple[float, int, int]:
    """(seconds, rows, signatures) of one layer over ``path``, in this process."""
    gc.disable()
    signatures: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = {}
    start = time.perf_counter()
    if layer == "csv":
        with path.open(encoding="utf-8", newline="") as stream:
            rows = sum(1 for _ in csv.reader(stream)) - 1
    elif layer in ("split", "fold"):
        rows = _split(path, signatures if layer == "fold" else None)
    else:
        rows = _read(path, replaced=layer == "checks")
    return time.perf_counter() - start, rows, len(signatures)


def _split(path: Path, signatures: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] | None) -> int:
    from compliance.core.events import Origin
    from compliance.readers.base import csv_rows
    from compliance.readers.records import CsvRecords

    rows = 0

    def fold(origin: Origin, row: list[str], within_limits: bool) -> None:
        nonlocal rows
        rows += 1
        if signatures is not None:
            key = SIGNATURE(row)
            found = signatures.get(key)
            if found is None:
                found = signatures[key] = []
            found.append((PER_ROW(row), origin.line))

    with path.open(encoding="utf-8", newline="", errors="surrogateescape") as stream:
        records = CsvRecords(stream, ",", 1)
        header = next(records)
        for _ in csv_rows(records, header, str(path), build=fold):
            pass  # (no row is yielded: ``fold`` returns None, as a builder that holds a row)
    return rows


def _read(path: Path, replaced: bool) -> int:
    import compliance.readers.our_csv as our_csv
    import compliance.readers.our_format as our_format
    from compliance.linking.loading import load_registries, reporter_resolver
    from compliance.readers import read_event_file

    if replaced:  # what the checks cost without the objects: the names the row's reading calls
        vars(our_format)["Event"] = lambda *fields: True
        vars(our_csv)["Record"] = lambda origin, event, problems: problems
    parties, reporters, _ = load_registries(None, None)
    records = read_event_file(path, parties.resolve, reporter_resolver(reporters), str(path), {})
    return sum(1 for _ in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a file of our CSV format")
    parser.add_argument("--layers", default=",".join(LAYERS), help=f"comma-separated, of {', '.join(LAYERS)}")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each layer, in turn; the median is shown"
    )
    parser.add_argument("--layer", choices=LAYERS, help=argparse.SUPPRESS)  # one run, in this process
    args = parser.parse_args(argv)
    if args.layer:
        seconds, rows, signatures = measure(args.layer, args.file)
        print(f"{seconds:.6f} {rows} {signatures}")
        return 0
    layers = [name for name in args.layers.split(",") if name]
    unknown = [name for name in layers if name not in LAYERS]
    if unknown:
        parser.error(f"unknown layer(s): {', '.join(unknown)}")
    times: dict[str, list[float]] = {name: [] for name in layers}
    counts: dict[str, tuple[int, int]] = {}
    for _ in range(args.repeat):
        for name in layers:  # in turn, so that the machine's hour weighs on each alike
            out = subprocess.run(
                [sys.executable, __file__, str(args.file), "--layer", name],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            times[name].append(float(out[0]))
            counts[name] = (int(out[1]), int(out[2]))
    print("| layer | seconds | rows | signatures |")
    print("|---|---:|---:|---:|")
    for name in layers:
        rows, signatures = counts[name]
        print(f"| {name} | {median(times[name]):.2f} | {rows:,} | {signatures:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
