"""The report as Jupyter shows it: the view, plus a ``_repr_markdown_`` that renders it.

The view (``compliance.views.report.Report``) knows nothing of renderers, so that every arrow of
the package points down; the public ``compliance.Report`` is this subclass, one floor up, which
adds only the display hook. ``Report.build`` returns an instance of the class it is called on.
"""

from __future__ import annotations

from compliance.render.markdown import render_markdown
from compliance.views import report


class Report(report.Report):
    """A compliance report that renders itself as Markdown in Jupyter."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return render_markdown(self)
