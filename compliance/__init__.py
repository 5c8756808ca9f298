"""ceasefire-compliance: obligations of ceasefire and peace agreements, sourced events, status as of any date.

The public API, in the order a run uses it::

    ledger = compliance.build_ledger()                      # load, validate, link (bundled data)
    report = compliance.Report.build(ledger, date(2023, 6, 30))
    text = compliance.render_markdown(report)               # or render_json; in Jupyter, `report`

``evaluate`` gives the per-obligation results behind a report; ``timeline``/``diff`` and
``Lineage`` are the other views. Everything else lives one floor down (see docs/architecture.md)
and may change between releases.
"""

from __future__ import annotations

from compliance.core.problems import InputError, Problem, Severity
from compliance.evaluation.evaluate import Evaluation, ObligationResult, evaluate
from compliance.linking.ledger import Ledger, build_ledger
from compliance.render.json import render_json
from compliance.render.markdown import render_markdown
from compliance.render.notebook import Report
from compliance.views.lineage import Lineage
from compliance.views.timeline import Timeline, diff, timeline

__all__ = [
    "Evaluation",
    "InputError",
    "Ledger",
    "Lineage",
    "ObligationResult",
    "Problem",
    "Report",
    "Severity",
    "Timeline",
    "build_ledger",
    "diff",
    "evaluate",
    "render_json",
    "render_markdown",
    "timeline",
]
