"""Linking accuracy on accounts coded by hand that the rules were not written from (precision and recall)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from compliance.linking.ledger import Ledger, build_ledger

DATA = Path(__file__).parent / "data"
HELDOUT = DATA / "heldout"
REAL = DATA / "real"
THRESHOLD = 0.85


def _split(text: str) -> set[str]:
    return {part for part in text.split(";") if part}


def _found(ledger: Ledger) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    agreement_of = {ob.id: a.id for a in ledger.agreements for ob in a.obligations}
    agreements: dict[str, set[str]] = {}
    obligations: dict[str, set[str]] = {}
    for link in ledger.links:
        agreements.setdefault(link.event, set()).add(agreement_of[link.obligation])
        obligations.setdefault(link.event, set()).add(link.obligation)
    return agreements, obligations


def _score(pairs: Iterable[tuple[set[str], set[str]]]) -> tuple[float, float, int, int, int]:
    tp = fp = fn = 0
    for expected, got in pairs:
        tp += len(expected & got)
        fp += len(got - expected)
        fn += len(expected - got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def test_linking_accuracy__held_out_accounts_agreement_level() -> None:
    """On the held-out hand-coded accounts, agreement-level precision and recall are both at least 0.85."""
    ledger = build_ledger(None, [HELDOUT / "accounts.csv"])
    assert ledger.errors == ()
    agreements, obligations = _found(ledger)
    with (HELDOUT / "gold.csv").open(encoding="utf-8") as handle:
        gold = list(csv.DictReader(handle))
    assert len(gold) == ledger.accounting.read
    by_agreement = _score((_split(g["expected_agreements"]), agreements.get(g["id"], set())) for g in gold)
    by_obligation = _score((_split(g["expected_obligations"]), obligations.get(g["id"], set())) for g in gold)
    for level, (p, r, tp, fp, fn) in (("agreements", by_agreement), ("obligations", by_obligation)):
        print(f"held-out {level}: precision {p:.3f} recall {r:.3f} (tp {tp}, fp {fp}, fn {fn})")
    for g in gold:
        expected, got = _split(g["expected_agreements"]), agreements.get(g["id"], set())
        if expected != got:
            print(f"  {g['id']}: missing {sorted(expected - got)} extra {sorted(got - expected)}")
    precision, recall = by_agreement[:2]
    assert precision >= THRESHOLD
    assert recall >= THRESHOLD


def test_linking_accuracy__real_acled_rows_link_to_nothing_they_cannot_bear_on() -> None:
    """On the hand-labelled real ACLED rows no link is made that the labels reject (precision 1.0)."""
    with (REAL / "linking-gold.csv").open(encoding="utf-8") as handle:
        gold = list(csv.DictReader(handle))
    found: dict[str, set[str]] = {}
    for name in sorted({g["source_file"] for g in gold}):
        found.update(_found(build_ledger(None, [REAL / name]))[0])
    precision, recall, tp, fp, fn = _score(
        (_split(g["expected_agreements"]), found.get(g["row_key"], set())) for g in gold
    )
    print(
        f"real ACLED rows, agreements: precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"
    )
    assert fp == 0
    assert len(gold) >= 40
