"""The baseline: the short pandas script a researcher would write instead of the library.

    python benchmarks/pandas_baseline.py EVENTS.csv --as-of 2025-12-31

It reads the event CSV, maps each event kind to the articles whose link rules name that kind
(a hand-made dict mirroring agreements/*.toml, ignoring the rules' actor relations, places and
windows, as such a script would), keeps events dated on or before the as-of date, and counts
events and the first date per article and per article/kind. No validation, grading, deadlines
or histories: it is the floor the library's whole-process cost is compared against.

``ARTICLES`` must be kept in step with the rules in agreements/*.toml;
``benchmarks/run.py --smoke`` checks that it is (``rule_articles`` below).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# kind → articles whose obligations have a link rule for that kind.
# "TS2020:n" = trilateral-2020 point n; "Pn" = five-principles-2022 principle n.
ARTICLES: dict[str, list[str]] = {
    "armed-clash": ["TS2020:1", "P3"],
    "shelling": ["TS2020:1", "P3"],
    "ceasefire-violation": ["TS2020:1", "P3"],
    "border-incursion": ["TS2020:1", "P1", "P3"],
    "threat-of-force": ["P3"],
    "territorial-claim": ["P2"],
    "territory-handover": ["TS2020:2", "TS2020:6"],
    "peacekeeper-deployment": ["TS2020:3"],
    "troop-withdrawal": ["TS2020:4"],
    "troop-presence": ["TS2020:4"],
    "peacekeeper-withdrawal": ["TS2020:4"],
    "notice-of-termination": ["TS2020:4"],
    "monitoring-centre-opened": ["TS2020:5"],
    "monitoring-centre-closed": ["TS2020:5"],
    "checkpoint-established": ["TS2020:6"],
    "road-blocked": ["TS2020:6"],
    "road-reopened": ["TS2020:6"],
    "refugee-return": ["TS2020:7"],
    "displacement": ["TS2020:7"],
    "prisoner-release": ["TS2020:8"],
    "prisoner-exchange": ["TS2020:8"],
    "remains-returned": ["TS2020:8"],
    "transport-link-opened": ["TS2020:9", "P5"],
    "transport-talks": ["TS2020:9", "P5"],
    "agreement-signed": ["TS2020:9"],
    "route-opened": ["P5"],
    "border-delimitation": ["P4"],
    "diplomatic-relations": ["P4"],
}
PREFIX = {"trilateral-2020": "TS2020:", "five-principles-2022": "P"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Count events per article with pandas (benchmark baseline).")
    parser.add_argument("events", type=Path)
    parser.add_argument("--as-of", default="2025-12-31")
    args = parser.parse_args(argv)

    import pandas as pd

    df = pd.read_csv(args.events)
    # "~2022-05-03" (approximate) → its day; "2021-07" (a month) → its first day; bad dates → NaT
    df["day"] = pd.to_datetime(df["date"].astype(str).str.lstrip("~"), format="ISO8601", errors="coerce")
    df = df[df["day"] <= pd.Timestamp(args.as_of)]
    df["article"] = df["kind"].map(ARTICLES)
    linked = df.dropna(subset=["article"]).explode("article")

    per_article = linked.groupby("article").agg(events=("id", "size"), first=("day", "min"))
    first_by_kind = linked.groupby(["article", "kind"])["day"].min()
    print(f"{len(df)} events dated by {args.as_of}; {linked['id'].nunique()} linked to an article")
    print(per_article.to_string())
    print(first_by_kind.to_string())
    return 0


def rule_articles() -> dict[str, list[str]]:
    """kind → articles, derived from the link rules of the bundled agreement files."""
    import tomllib

    from agreements import agreement_paths

    derived: dict[str, set[str]] = {}
    for path in agreement_paths():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        prefix = PREFIX.get(data["id"], data["id"] + ":")
        for ob in data.get("obligations", []):
            for rule in ob.get("rules", []):
                for kind in rule["kinds"]:
                    derived.setdefault(kind, set()).add(prefix + ob["article"])
    return {kind: sorted(articles) for kind, articles in derived.items()}


if __name__ == "__main__":
    sys.exit(main())
