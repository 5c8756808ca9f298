"""The report's flat rows (``views.rows``) as CSV: one row per obligation, after a header.

Formatting only: the rows are the view's, the same ``Report.to_rows()`` gives a program.
"""

from __future__ import annotations

import csv
import io

from compliance.views.report import Report
from compliance.views.rows import COLUMNS


def report_csv(report: Report) -> str:
    """The rows as CSV: RFC 4180 quoting, ``\\n`` line ends, an empty cell for ``None``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(report.to_rows())
    return out.getvalue()
