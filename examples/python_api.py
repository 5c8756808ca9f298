"""Use the library from Python: load, evaluate, read the results, render.

Run: python examples/python_api.py
Prints Aghdam's and the Lachin corridor guarantee's statuses at a few dates, the accounts behind
one of them, and each party's standing under the 2020 statement as the report's summary words it,
from the bundled data.
"""

from __future__ import annotations

from datetime import date

import compliance


def main() -> None:
    ledger = compliance.build_ledger()  # the bundled agreements and sourced events; pass paths for your own
    acc = ledger.accounting
    print(f"records read {acc.read}: linked {acc.linked}, unlinked {acc.unlinked}, rejected {acc.rejected}")

    for day in (date(2020, 11, 19), date(2020, 11, 21), date(2022, 6, 30), date(2023, 6, 30)):
        evaluation = compliance.evaluate_ledger(ledger, day)
        aghdam = evaluation.result("ts2020-2-aghdam")
        corridor = evaluation.result("ts2020-6-safe-movement-aze")
        print(f"{day}: Aghdam {aghdam.status.value}; Lachin corridor safe movement {corridor.status.value}")

    corridor = compliance.evaluate_ledger(ledger, date(2023, 6, 30)).result("ts2020-6-safe-movement-aze")
    print(f"\nwhy {corridor.status.value}: {corridor.reason}")
    events = {e.id: e for e in ledger.events}
    for evidence in corridor.evidence[:5]:
        event = events[evidence.event]
        print(
            f"  {event.when.label()} {event.id} {evidence.effect.value} {evidence.grade.value}: {event.reported_by}"
        )
    # history[0] is the starting point (dated 1899-12-31), not a change: the report leaves it out too.
    print("  history:", " → ".join(f"{t.date} {t.status.value}" for t in corridor.history[1:]))

    report = compliance.Report.build(ledger, date(2026, 11, 22), ["trilateral-2020"])
    (agreement,) = report.agreements
    print(f"\n{agreement.agreement.short_title} as of {report.as_of}:")
    for party in agreement.parties:  # the counts matter: RUS is not-in-force for 1 duty of 7, 6 ended
        print(f"  {party.party} {compliance.bearer_label(party.status)}")


if __name__ == "__main__":
    main()
