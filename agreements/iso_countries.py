"""Write ``agreements/countries.csv``, the ISO 3166-1 country table the readers use, from iso-codes.

    python -m agreements.iso_countries                      # rewrite agreements/countries.csv
    python -m agreements.iso_countries --check              # exit 1 if the bundled file differs
    python -m agreements.iso_countries --source FILE.json --version 4.15.0 --out FILE.csv

The source is the ``iso_3166-1.json`` file of the iso-codes project
(https://salsa.debian.org/iso-codes-team/iso-codes), as Debian's ``iso-codes`` package installs
it at ``/usr/share/iso-codes/json/iso_3166-1.json`` (licence LGPL-2.1-or-later). Its version is
read from ``dpkg-query`` unless ``--version`` gives it. Every country is written as the file
gives it, in alpha-2 order, and nothing else: the names the readers add by hand (the names ACLED
and UCDP write) and the Gleditsch–Ward numbers live in ``compliance/readers/countries.py``, with
the reason for each, so regenerating the table never loses them.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

SOURCE = Path("/usr/share/iso-codes/json/iso_3166-1.json")
OUT = Path(__file__).resolve().parent / "countries.csv"
COLUMNS = ("alpha_2", "alpha_3", "numeric", "name", "official_name", "common_name")
"""The source's keys, in the order written; a country without one gets an empty cell."""


def installed_version() -> str:
    """The upstream version of the installed Debian package (``4.15.0`` of ``4.15.0-1``)."""
    done = subprocess.run(
        ["dpkg-query", "--show", "--showformat=${Version}", "iso-codes"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().split("-")[0]


def table(source: Path, version: str) -> str:
    """The CSV text: comment lines naming the source, the header, one row per country."""
    countries = json.loads(source.read_text(encoding="utf-8"))["3166-1"]
    out = io.StringIO()
    out.write(
        f"# ISO 3166-1 countries from iso-codes {version} (Debian package iso-codes), file {source},\n"
        "# https://salsa.debian.org/iso-codes-team/iso-codes, licence LGPL-2.1-or-later.\n"
        "# Regenerate with: python -m agreements.iso_countries. Do not edit by hand: the names added\n"
        "# by hand, and the Gleditsch-Ward numbers, are in compliance/readers/countries.py.\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for country in sorted(countries, key=lambda c: c["alpha_2"]):
        writer.writerow([country.get(column, "") for column in COLUMNS])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"iso_3166-1.json (default {SOURCE})")
    parser.add_argument("--version", help="the iso-codes version (default: from dpkg-query)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"the CSV written (default {OUT})")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if --out differs")
    args = parser.parse_args(argv)
    text = table(args.source, args.version or installed_version())
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from ' + str(args.source)}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {text.count(chr(10)) - 5} countries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
