"""The report's flat rows (``views.rows``) as CSV: one row per obligation, after a header.

Formatting only: the rows are the view's, the same ``Report.to_rows()`` gives a program.
"""

from __future__ import annotations

import csv
import io

from compliance.render.safe import spreadsheet_row
from compliance.views.report import Report
from compliance.views.rows import COLUMNS


def report_csv(report: Report) -> str:
    """The rows as CSV: RFC 4180 quoting, ``\\n`` line ends, an empty cell for ``None``, and a text
    cell a spreadsheet would read as a formula written as text (``safe.spreadsheet_row``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(spreadsheet_row(row[column] for column in COLUMNS) for row in report.to_rows())
    return out.getvalue()
