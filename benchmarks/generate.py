"""Generate a SYNTHETIC event file in our CSV format, for benchmarks only.

    python benchmarks/generate.py --rows 1000000 --seed 1 --out benchmarks/data/events-1000000-s1.csv

!!! SYNTHETIC DATA. Every row is invented by a seeded random generator. None of it describes a
!!! real event. Ids start with ``SYN-``, every ``notes`` field says ``synthetic``, every
!!! ``source_url`` points to ``https://synthetic.invalid/`` (a reserved, unresolvable domain) and
!!! the files are written under ``benchmarks/data/`` (git-ignored). Never copy these rows into
!!! ``agreements/events.csv`` or any dataset meant to describe the world.

What the rows look like (so the benchmark exercises the code paths real data does):

* the header and columns of ``compliance/readers/our_format.py`` ``COLUMNS``;
* kinds from ``compliance.core.vocabulary.EVENT_KINDS``, weighted towards armed-clash, shelling,
  ceasefire-violation and statement (as conflict event data is);
* dates from 2020-11-10 to 2025-12-31, mostly to the day, some to the month (``2021-07``),
  some approximate (``~2022-05-03``), a few intervals (``date_end``);
* actors ARM / AZE / RUS / NK or none; reporters of every affiliation (the ministries of
  defence of Armenia, Azerbaijan and Russia; ACLED and Reuters, unaffiliated), resolved through
  the reporter registry, sometimes with ``reporter_party`` given explicitly;
* incidents with 2-3 conflicting accounts (same ``incident`` id, different actor named);
* places including Aghdam, Kalbajar, the Lachin corridor and Syunik/Zangezur;
* a few explicit ``links``;
* about 0.1% bad rows (an impossible date, an unknown kind), which the library must reject
  and count;
* with ``--unregistered 0.2``, one row in five names an outlet missing from the reporter registry
  ("Local outlet 1" … "Local outlet 40"): each such row gets a warning, as in the held-out file
  of the issue "A million events in seconds". The default (0) leaves the file as it always was.

Output is streamed (one row in memory at a time) and byte-identical for the same
``--rows`` and ``--seed``. About 176 bytes a row: 1,000,000 rows are about 176 MB.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

COLUMNS: tuple[str, ...] = (
    "id", "date", "date_end", "kind", "actor", "target", "location", "admin1", "country",
    "latitude", "longitude", "reported_by", "reporter_party", "reported_on", "source_url", "incident",
    "fatalities", "links", "notes",
)  # fmt: skip
"""Mirrors compliance.readers.our_format.COLUMNS (checked by ``check_columns``)."""

FIRST_DAY = date(2020, 11, 10)
LAST_DAY = date(2025, 12, 31)
SPAN_DAYS = (LAST_DAY - FIRST_DAY).days
NOTE = "synthetic"
URL = "https://synthetic.invalid/events/"

HOSTILE = ("armed-clash", "shelling", "ceasefire-violation", "border-incursion")
# (kind, weight). Hostilities and statements dominate, as in conflict event data; every other
# kind of compliance.core.vocabulary.EVENT_KINDS appears now and then.
KIND_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("armed-clash", 22), ("shelling", 18), ("ceasefire-violation", 16), ("statement", 14),
    ("border-incursion", 3), ("threat-of-force", 2), ("detention", 2), ("road-blocked", 1.5),
    ("troop-presence", 1.5), ("denial", 2), ("protest", 1.5), ("other", 2),
    ("territory-handover", 0.3), ("troop-withdrawal", 0.3), ("peacekeeper-deployment", 0.3),
    ("peacekeeper-withdrawal", 0.2), ("monitoring-centre-opened", 0.1),
    ("monitoring-centre-closed", 0.1), ("checkpoint-established", 0.5), ("road-reopened", 0.5),
    ("route-opened", 0.3), ("refugee-return", 0.8), ("displacement", 0.8),
    ("prisoner-release", 0.6), ("prisoner-exchange", 0.3), ("remains-returned", 0.5),
    ("transport-talks", 0.8), ("transport-link-opened", 0.3), ("border-delimitation", 0.5),
    ("territorial-claim", 0.8), ("diplomatic-relations", 0.2), ("agreement-signed", 0.2),
    ("notice-of-termination", 0.05), ("deadline-extension", 0.1), ("court-order", 0.2),
    ("humanitarian-access", 0.6),
)  # fmt: skip

ACTORS: tuple[tuple[str, float], ...] = (("AZE", 34), ("ARM", 30), ("NK", 6), ("RUS", 5), ("", 25))
OPPONENT = {"AZE": "ARM", "ARM": "AZE", "NK": "AZE", "RUS": "", "": ""}

# (reported_by, its party): reporters of every affiliation in agreements/reporters.toml.
REPORTERS: tuple[tuple[str, str, float], ...] = (
    ("Ministry of Defence of Armenia", "ARM", 25),
    ("Ministry of Defence of Azerbaijan", "AZE", 28),
    ("Ministry of Defence of Russia", "RUS", 10),
    ("ACLED", "none", 27),
    ("Reuters", "none", 10),
)
REPORTER_OF = {"ARM": "Ministry of Defence of Armenia", "AZE": "Ministry of Defence of Azerbaijan"}

# (location, admin1, latitude, longitude)
PLACES: tuple[tuple[str, str, float, float], ...] = (
    ("Aghdam", "Aghdam district", 39.99, 46.93),
    ("Kalbajar", "Kalbajar district", 40.10, 46.04),
    ("Lachin corridor", "Lachin district", 39.64, 46.55),
    ("Syunik/Zangezur", "Syunik", 39.21, 46.41),
    ("Tavush border", "Tavush", 41.00, 45.20),
    ("Gegharkunik border", "Gegharkunik", 40.15, 45.60),
    ("Sotk", "Gegharkunik", 40.20, 45.93),
    ("Jermuk", "Vayots Dzor", 39.84, 45.67),
    ("Nakhchivan border", "Nakhchivan", 39.35, 45.30),
    ("Shusha/Shushi", "Shusha district", 39.76, 46.75),
    ("Stepanakert/Khankendi", "Khankendi", 39.82, 46.75),
    ("Fuzuli", "Fuzuli district", 39.60, 47.14),
)

EXPLICIT_LINKS: dict[str, tuple[str, ...]] = {
    # actor → links an encoder might write by hand; all valid against the bundled agreements.
    "AZE": (
        "trilateral-2020#1/ts2020-1-ceasefire-aze:breaches",
        "five-principles-2022#3/p2022-3-non-use-of-force-aze:breaches",
    ),
    "ARM": (
        "trilateral-2020#1/ts2020-1-ceasefire-arm:breaches",
        "five-principles-2022#3/p2022-3-non-use-of-force-arm:breaches",
    ),
    "NK": ("trilateral-2020#1:breaches",),
    "RUS": ("trilateral-2020#3/ts2020-3-deployment-rus:relevant",),
    "": ("trilateral-2020#1:relevant",),
}

BAD_RATE = 0.001
INCIDENT_RATE = 0.15
"""Share of hostile accounts that start an incident with 2-3 conflicting accounts."""


def _cumulative(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


class Generator:
    """Yields rows (lists of 18 strings); deterministic for a seed."""

    def __init__(self, seed: int, unregistered: float = 0.0) -> None:
        self.rng = random.Random(seed)
        # A second stream, so that the default file (no unregistered reporters) stays the same.
        self.outlets = random.Random(seed + 1_000_003)
        self.unregistered = unregistered
        self.kinds = [k for k, _ in KIND_WEIGHTS]
        self.kind_cum = _cumulative([w for _, w in KIND_WEIGHTS])
        self.actors = [a for a, _ in ACTORS]
        self.actor_cum = _cumulative([w for _, w in ACTORS])
        self.reporters = [(name, party) for name, party, _ in REPORTERS]
        self.reporter_cum = _cumulative([w for _, _, w in REPORTERS])
        self.serial = 0
        self.incidents = 0

    def _pick(self, items: list, cum: list[float]):  # type: ignore[no-untyped-def, type-arg]
        return self.rng.choices(items, cum_weights=cum)[0]

    def rows(self, count: int) -> Iterator[list[str]]:
        written = 0
        while written < count:
            for row in self._group():
                if written >= count:
                    return
                yield row
                written += 1

    def _group(self) -> list[list[str]]:
        """One account, or 2-3 conflicting accounts of one incident, or a bad row."""
        rng = self.rng
        kind = self._pick(self.kinds, self.kind_cum)
        day = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS + 1))
        place = rng.choice(PLACES)
        if rng.random() < BAD_RATE:
            return [self._bad(kind, day, place)]
        if kind in HOSTILE and rng.random() < INCIDENT_RATE:
            return self._incident(kind, day, place)
        actor = self._pick(self.actors, self.actor_cum)
        reporter, party = self._pick(self.reporters, self.reporter_cum)
        return [self._row(kind, day, place, actor, reporter, party, incident="")]

    def _incident(self, kind: str, day: date, place: tuple[str, str, float, float]) -> list[list[str]]:
        """Each side blames the other; sometimes ACLED or Russia's MoD names nobody."""
        self.incidents += 1
        incident = f"SYN-INC-{self.incidents:07d}"
        first = self.rng.choice(("ARM", "AZE"))
        second = OPPONENT[first]
        accounts = [
            # the account by `first`'s ministry blames `second`, and the other way round
            self._row(kind, day, place, second, REPORTER_OF[first], first, incident),
            self._row(kind, day, place, first, REPORTER_OF[second], second, incident),
        ]
        if self.rng.random() < 0.5:
            reporter, party = self.rng.choice(
                (("ACLED", "none"), ("Ministry of Defence of Russia", "RUS"), ("Reuters", "none"))
            )
            accounts.append(self._row(kind, day, place, "", reporter, party, incident))
        return accounts

    def _row(
        self,
        kind: str,
        day: date,
        place: tuple[str, str, float, float],
        actor: str,
        reporter: str,
        party: str,
        incident: str,
    ) -> list[str]:
        rng = self.rng
        self.serial += 1
        event_id = f"SYN-{self.serial:08d}"
        roll = rng.random()
        date_end = ""
        reported_on = ""
        if roll < 0.05:
            date_text = day.strftime("%Y-%m")  # month precision
        elif roll < 0.08:
            date_text = "~" + day.isoformat()  # approximate
        elif roll < 0.09:
            date_text = day.isoformat()
            date_end = min(day + timedelta(days=rng.randrange(1, 6)), LAST_DAY).isoformat()
        else:
            date_text = day.isoformat()
            if rng.random() < 0.8:
                reported_on = (day + timedelta(days=rng.randrange(0, 3))).isoformat()
        location, admin1, lat, lon = place
        if rng.random() < 0.6:
            latitude = f"{lat + rng.uniform(-0.05, 0.05):.4f}"
            longitude = f"{lon + rng.uniform(-0.05, 0.05):.4f}"
        else:
            latitude = longitude = ""
        target = OPPONENT.get(actor, "") if kind in HOSTILE else ""
        fatalities = str(rng.randrange(0, 5)) if kind in HOSTILE and rng.random() < 0.3 else ""
        links = ""
        if kind in HOSTILE and rng.random() < 0.005:
            links = rng.choice(EXPLICIT_LINKS[actor])
        return [
            event_id,
            date_text,
            date_end,
            kind,
            actor,
            target,
            location,
            admin1,
            "",  # country: left to the place names, as most hand-made files do
            latitude,
            longitude,
            *self._reporter(
                reporter, party if rng.random() < 0.2 else ""
            ),  # party usually left to the registry
            reported_on,
            URL + event_id,
            incident,
            fatalities,
            links,
            NOTE,
        ]

    def _reporter(self, reporter: str, party: str) -> tuple[str, str]:
        """``(reported_by, reporter_party)``; with ``--unregistered``, sometimes an outlet missing
        from the registry (every such row gets a warning, and its accounts are graded 'alleged')."""
        if self.unregistered and self.outlets.random() < self.unregistered:
            return f"Local outlet {self.outlets.randrange(1, 41)}", ""
        return reporter, party

    def _bad(self, kind: str, day: date, place: tuple[str, str, float, float]) -> list[str]:
        """A row the library must reject: an impossible date or an unknown kind."""
        row = self._row(kind, day, place, "AZE", "ACLED", "none", "")
        if self.rng.random() < 0.5:
            row[1] = f"{day.year}-13-{day.day:02d}"  # no such month
            row[2] = ""
        else:
            row[3] = "skirmish"  # not in EVENT_KINDS
        return row


def check_columns() -> None:
    """Fail loudly if the library's columns or kinds drifted from this generator's."""
    from compliance.core.vocabulary import EVENT_KIND_SET
    from compliance.readers.our_format import COLUMNS as LIBRARY_COLUMNS

    if tuple(LIBRARY_COLUMNS) != COLUMNS:
        raise SystemExit(
            f"generate.py: columns differ from compliance.readers.our_format.COLUMNS: {LIBRARY_COLUMNS}"
        )
    unknown = {k for k, _ in KIND_WEIGHTS} - EVENT_KIND_SET
    if unknown:
        raise SystemExit(
            f"generate.py: kinds not in compliance.core.vocabulary.EVENT_KINDS: {sorted(unknown)}"
        )


def write(rows: int, seed: int, out: Path, unregistered: float = 0.0) -> int:
    """Stream ``rows`` data rows to ``out`` (written to a temporary name, then renamed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    generator = Generator(seed, unregistered)
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(generator.rows(rows))
    partial.replace(out)
    return generator.incidents


def repeat_real(source: Path, rows: int, out: Path) -> int:
    """Stream ``rows`` rows of the REAL export ``source`` (ACLED or UCDP CSV), repeated, to ``out``.

    A full ACLED export has 1-3 million rows, most of them from other countries than an
    agreement's: the real rows of ``tests/data/real/`` repeated give that shape with real
    values. Each copy gets a new id (``event_id_cnty`` or ``id`` + ``-R<row number>``, ACLED's
    ``data_id`` 900000 + row number), so no two rows share one; every other field is the real
    row's, verbatim. Returns the number of real rows repeated.

    An HDX download's row of HXL tags under the header (``,#event+code,…``) is written once, under
    the header, where the readers skip it: it is no row to repeat (a copy further down is read as
    a record, and rejected for its date ``#date+occurred``).
    """
    from compliance.readers.headers import is_tag_row  # the readers' own test of a tag row

    with source.open(encoding="utf-8", newline="") as handle:
        header, *real = list(csv.reader(handle))
    tags = real[:1] if real and is_tag_row(real[0]) else []
    real = real[len(tags) :]
    ids = [header.index(name) for name in ("event_id_cnty", "id") if name in header][:1]
    numbers = [header.index("data_id")] if "data_id" in header else []
    if not real or not ids:
        raise SystemExit(f"generate.py: {source} has no rows or no id column (event_id_cnty or id)")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(tags)
        for number in range(rows):
            row = list(real[number % len(real)])
            row[ids[0]] = f"{row[ids[0]]}-R{number}"
            for column in numbers:
                row[column] = str(900000 + number)
            writer.writerow(row)
    partial.replace(out)
    return len(real)


def parse_count(text: str) -> int:
    """``10000``, ``10k``, ``1M`` → an int."""
    text = text.strip().lower().replace("_", "").replace(",", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if scale != 1 else text
    value = int(float(number) * scale)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative count, got {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a SYNTHETIC event CSV for benchmarks.")
    parser.add_argument("--rows", type=parse_count, required=True, help="data rows, e.g. 10000, 100k, 1M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--no-check", action="store_true", help="skip the column check against the library")
    parser.add_argument(
        "--unregistered",
        type=float,
        default=0.0,
        metavar="FRACTION",
        help="this fraction of rows names an outlet missing from the reporter registry (default 0)",
    )
    parser.add_argument(
        "--repeat-real",
        type=Path,
        metavar="EXPORT",
        help="instead of synthetic rows, repeat the REAL rows of this ACLED or UCDP CSV with new ids",
    )
    args = parser.parse_args(argv)
    if args.repeat_real is not None:
        real = repeat_real(args.repeat_real, args.rows, args.out)
        print(
            f"wrote {args.rows} rows repeating the {real} real rows of {args.repeat_real} to {args.out}",
            file=sys.stderr,
        )
        return 0
    if not args.no_check:
        check_columns()
    incidents = write(args.rows, args.seed, args.out, args.unregistered)
    print(
        f"wrote {args.rows} synthetic rows ({incidents} multi-account incidents) to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
