"""Testing tools for people who encode agreements: Hypothesis strategies, the evaluator's laws, checks.

Install with the ``testing`` extra (``pip install '.[testing]'`` in a clone of the library, as the
README installs it; the package is not on PyPI), which brings Hypothesis. Use in your own tests::

    from hypothesis import given
    from compliance.testing import account_lists, as_of_dates, laws

    @given(account_lists(agreement, parties=parties), as_of_dates(agreement))
    def test_no_look_ahead(events, as_of):
        laws.no_look_ahead([agreement], parties, events, as_of)

See docs/checking-an-encoding.md.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "compliance.testing needs Hypothesis: install the 'testing' extra, "
        "pip install '.[testing]' in a clone of the library (or pip install 'hypothesis>=6.100')"
    ) from exc

from compliance.testing import laws
from compliance.testing.check import Check
from compliance.testing.files import event_row, events_csv, read_events_csv
from compliance.testing.static import static_problems
from compliance.testing.strategies import account_lists, accounts_for, as_of_dates, event_files

__all__ = [
    "Check",
    "account_lists",
    "accounts_for",
    "as_of_dates",
    "event_files",
    "event_row",
    "events_csv",
    "laws",
    "read_events_csv",
    "static_problems",
]
