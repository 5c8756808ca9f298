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

# kind → articles whose obligations have a link rule for that kind, as AGREEMENT#ARTICLE (the
# syntax of explicit links). Hand-written, as a researcher would; mirrors agreements/*.toml.
ARTICLES: dict[str, list[str]] = {
    "armed-clash": ["five-principles-2022#3", "peace-agreement-2025#III", "sochi-2021#4", "sochi-2022#4", "trilateral-2020#1"],
    "shelling": ["five-principles-2022#3", "peace-agreement-2025#III", "sochi-2021#4", "sochi-2022#4", "trilateral-2020#1"],
    "ceasefire-violation": ["five-principles-2022#3", "peace-agreement-2025#III", "sochi-2021#4", "sochi-2022#4", "trilateral-2020#1"],
    "border-incursion": [
        "five-principles-2022#1", "five-principles-2022#3", "peace-agreement-2025#I", "peace-agreement-2025#III",
        "prague-2022#2", "sochi-2021#4", "sochi-2022#4", "trilateral-2020#1",
    ],
    "threat-of-force": ["five-principles-2022#3", "peace-agreement-2025#III", "sochi-2022#4"],
    "territorial-claim": ["five-principles-2022#2", "peace-agreement-2025#II"],
    "border-delimitation": ["five-principles-2022#4", "peace-agreement-2025#VI", "prague-2022#2", "sochi-2021#4"],
    "diplomatic-relations": ["five-principles-2022#4", "peace-agreement-2025#V"],
    "territory-handover": ["trilateral-2020#2", "trilateral-2020#6"],
    "peacekeeper-deployment": ["trilateral-2020#3"],
    "troop-withdrawal": ["trilateral-2020#4"],
    "troop-presence": ["trilateral-2020#4"],
    "peacekeeper-withdrawal": ["trilateral-2020#4"],
    "notice-of-termination": ["trilateral-2020#4"],
    "monitoring-centre-opened": ["trilateral-2020#5"],
    "monitoring-centre-closed": ["trilateral-2020#5"],
    "checkpoint-established": ["trilateral-2020#6"],
    "road-blocked": ["trilateral-2020#6"],
    "road-reopened": ["trilateral-2020#6"],
    "refugee-return": ["trilateral-2020#7"],
    "displacement": ["trilateral-2020#7"],
    "prisoner-release": ["joint-statement-2023-12#3", "joint-statement-2023-12#4", "trilateral-2020#8"],
    "prisoner-exchange": ["joint-statement-2023-12#3", "joint-statement-2023-12#4", "trilateral-2020#8"],
    "remains-returned": ["peace-agreement-2025#IX", "trilateral-2020#8"],
    "transport-link-opened": ["five-principles-2022#5", "trilateral-2020#9", "washington-2025#3"],
    "transport-talks": ["five-principles-2022#5", "trilateral-2020#9", "trilateral-2021-01#2"],
    "agreement-signed": ["trilateral-2020#9"],
    "route-opened": ["five-principles-2022#5", "washington-2025#3"],
}  # fmt: skip


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


def rule_articles(paths: list[Path] | None = None) -> dict[str, list[str]]:
    """kind → articles, derived from the link rules of the agreement files (default: bundled)."""
    import tomllib

    if paths is None:
        from agreements import agreement_paths

        paths = list(agreement_paths())
    derived: dict[str, set[str]] = {}
    for path in paths:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if "obligations" not in data:
            continue  # parties.toml, reporters.toml
        for ob in data.get("obligations", []):
            for rule in ob.get("rules", []):
                for kind in rule["kinds"]:
                    derived.setdefault(kind, set()).add(f"{data['id']}#{ob['article']}")
    return {kind: sorted(articles) for kind, articles in derived.items()}


if __name__ == "__main__":
    sys.exit(main())
