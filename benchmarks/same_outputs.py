"""Do two checkouts of the library give byte-identical outputs? The check behind every speed-up.

    git archive BASE | tar -x -C /tmp/base                    # the commit to compare with
    python benchmarks/same_outputs.py /tmp/base .             # bundled data and real excerpts
    python benchmarks/same_outputs.py /tmp/base . --rows 10k,100k   # and generated files

Runs the same commands (reports in every format and trust policy, ``--known-on``, timelines,
activity tables, diffs) with each checkout's own library and compares standard output, standard
error and exit code, byte for byte. Prints each difference and exits 1 if there is any.

Each side runs ``python -m compliance`` with its checkout as the working directory, so that
Python imports that checkout's ``compliance`` package; the script asks each side which package
it imported and stops if it is not the checkout's own. (Setting ``PYTHONPATH`` is not enough: an
editable install of one checkout is found before it, and both sides would run the same code.)

Event files are SYNTHETIC (``benchmarks/generate.py``), cached in ``benchmarks/data/``; the real
excerpts are those of ``tests/data/real/`` in the second checkout. Both sides read the same files
by the same absolute paths, so the file names in problems agree.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import parse_count, write  # noqa: E402

Command = tuple[str, list[str]]


def commands(real: Path, generated: list[Path]) -> list[Command]:
    """(name, arguments of ``python -m compliance``) for every output compared."""
    found: list[Command] = [
        ("bundled report", ["report", "--as-of", "2025-12-31"]),
        ("bundled report json", ["report", "--as-of", "2025-12-31", "--format", "json"]),
        ("bundled report strict", ["report", "--as-of", "2024-06-30", "--trust", "strict"]),
        ("bundled known-on", ["report", "--as-of", "2025-12-31", "--known-on", "2023-01-01", "--format", "json"]),
        ("bundled timeline", ["timeline", "--from", "2020-01-01", "--to", "2025-12-31", "--every", "quarter"]),
        ("bundled diff", ["diff", "--from", "2021-01-01", "--to", "2024-01-01"]),
    ]  # fmt: skip
    excerpts = sorted(p for p in real.glob("*") if p.suffix in (".csv", ".json"))
    if excerpts:
        events = [arg for p in excerpts for arg in ("--events", str(p))]
        found.append(("real excerpts", ["report", *events, "--as-of", "2025-12-31", "--format", "json"]))
    for path in generated:
        e = ["--events", str(path)]
        found += [
            (f"{path.name} report json", ["report", *e, "--as-of", "2025-12-31", "--format", "json"]),
            (f"{path.name} report", ["report", *e, "--as-of", "2023-06-30"]),
            (f"{path.name} report broad", ["report", *e, "--as-of", "2025-12-31", "--trust", "broad"]),
            (f"{path.name} timeline", ["timeline", *e, "--from", "2020-01-01", "--to", "2025-12-31",
                                       "--every", "month", "--format", "csv"]),
            (f"{path.name} activity", ["activity", *e, "--from", "2020-11-01", "--to", "2025-12-31",
                                       "--format", "json"]),
            (f"{path.name} diff", ["diff", *e, "--from", "2022-01-01", "--to", "2024-01-01"]),
        ]  # fmt: skip
    return found


def check_imports(source: Path) -> None:
    """Stop unless ``python -m`` run in ``source`` imports ``source``'s own package."""
    probe = subprocess.run(
        [sys.executable, "-c", "import compliance; print(compliance.__file__)"],
        cwd=source,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = Path(probe.stdout.strip()).resolve()
    if not imported.is_relative_to(source.resolve()):
        raise SystemExit(f"{source}: Python imports {imported}, not this checkout's package")


def run(source: Path, arguments: list[str]) -> tuple[bytes, bytes, int]:
    done = subprocess.run([sys.executable, "-m", "compliance", *arguments], cwd=source, capture_output=True)
    return done.stdout, done.stderr, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare two checkouts' outputs byte for byte.")
    parser.add_argument("base", type=Path, help="the checkout to compare with (e.g. a git archive)")
    parser.add_argument("new", type=Path, help="the checkout under test")
    parser.add_argument("--rows", default="", help="also generated files of these sizes, e.g. 10k,100k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=HERE / "data")
    args = parser.parse_args(argv)
    for source in (args.base, args.new):
        check_imports(source)
    generated = []
    for size in filter(None, args.rows.split(",")):
        rows = parse_count(size)
        path = (args.data_dir / f"events-{rows}-s{args.seed}.csv").resolve()
        if not path.exists():
            args.data_dir.mkdir(parents=True, exist_ok=True)
            write(rows, args.seed, path)
        generated.append(path)
    differ = 0
    for name, arguments in commands((args.new / "tests" / "data" / "real").resolve(), generated):
        before, after = run(args.base, arguments), run(args.new, arguments)
        parts = [
            part
            for part, a, b in zip(("stdout", "stderr", "exit code"), before, after, strict=True)
            if a != b
        ]
        print(f"{'DIFFERENT' if parts else 'same     '} {name}" + (f" ({', '.join(parts)})" if parts else ""))
        differ += bool(parts)
    print(f"{differ} of the outputs differ" if differ else "all outputs are byte-identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
