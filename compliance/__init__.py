"""ceasefire-compliance: obligations of ceasefire and peace agreements, sourced events, status as of any date.

The public API, in the order a run uses it::

    ledger = compliance.build_ledger()                      # load, validate, link (bundled data)
    report = compliance.Report.build(ledger, date(2023, 6, 30))
    text = compliance.render_markdown(report)               # or render_json; in Jupyter, `report`

``evaluate_ledger`` (or ``evaluate`` on agreements, events and links of your own) gives the
per-obligation results behind a report; ``timeline``/``diff`` and
``Lineage`` are the other views. ``status_label`` and ``bearer_label`` word a roll-up (an
article's, a party's, an agreement's status) as the Markdown report does, with its counts.
``__version__`` is the library's version, the one its reports name. Everything else lives one
floor down (see docs/architecture.md) and may change between releases.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compliance.core.problems import InputError, Problem, Severity
    from compliance.core.version import __version__ as __version__
    from compliance.evaluation.evaluate import Evaluation, ObligationResult, evaluate, evaluate_ledger
    from compliance.linking.ledger import Ledger, build_ledger
    from compliance.render.json import render_json
    from compliance.render.markdown import render_markdown
    from compliance.render.notebook import Report
    from compliance.render.rollups import bearer_label, status_label
    from compliance.views.lineage import Lineage
    from compliance.views.timeline import Timeline, diff, timeline

_HOMES = {
    "InputError": "compliance.core.problems",
    "Problem": "compliance.core.problems",
    "Severity": "compliance.core.problems",
    "__version__": "compliance.core.version",
    "Evaluation": "compliance.evaluation.evaluate",
    "ObligationResult": "compliance.evaluation.evaluate",
    "evaluate": "compliance.evaluation.evaluate",
    "evaluate_ledger": "compliance.evaluation.evaluate",
    "Ledger": "compliance.linking.ledger",
    "build_ledger": "compliance.linking.ledger",
    "render_json": "compliance.render.json",
    "render_markdown": "compliance.render.markdown",
    "Report": "compliance.render.notebook",
    "bearer_label": "compliance.render.rollups",
    "status_label": "compliance.render.rollups",
    "Lineage": "compliance.views.lineage",
    "Timeline": "compliance.views.timeline",
    "diff": "compliance.views.timeline",
    "timeline": "compliance.views.timeline",
}
"""Where each public name lives. The names are imported on first use (PEP 562), so that
``import compliance``, or importing one module of the package, does not import all of it: every
command and every ``import compliance.x`` paid for every view and renderer before."""


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'compliance' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # the next look-up is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


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
    "bearer_label",
    "build_ledger",
    "diff",
    "evaluate",
    "evaluate_ledger",
    "render_json",
    "render_markdown",
    "status_label",
    "timeline",
]
