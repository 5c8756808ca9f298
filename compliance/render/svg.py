"""The report's pictures as plain SVG: a status heatmap and monthly breach accounts.

Written by hand, without a dependency: the drawings are rectangles and text. No scripts, no
external references; integer coordinates only, so the same view gives the same bytes. Every
picture has a ``<title>`` and a ``<desc>``; every coloured mark also carries its meaning as text
(a legend with the status names, a ``<title>`` per run of cells), and the drawing sits on its own
light panel so it reads the same on GitHub's light and dark themes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from compliance.core.vocabulary import Grade, Status
from compliance.views.pictures import BreachCounts, Heatmap


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, as ``xml.sax.saxutils.escape`` does (which imports
    ``urllib.request`` and costs every command 30 ms at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


INK = "#1f2328"
PANEL = "#ffffff"
FONT = "font-family='Helvetica, Arial, sans-serif' font-size='11'"
STATUS_COLOURS: dict[Status, str] = {
    Status.NOT_IN_FORCE: "#d0d7de",
    Status.PENDING: "#9ecae1",
    Status.IN_PROGRESS: "#4292c6",
    Status.FULFILLED: "#1a9850",
    Status.FULFILLED_LATE: "#a6d96a",
    Status.COMPLIED: "#66bd63",
    Status.OVERDUE: "#fdae61",
    Status.VIOLATED: "#d73027",
    Status.DISPUTED: "#8e63b5",
    Status.INDETERMINATE: "#dcc6e8",
    Status.TERMINATED: "#525252",
    Status.SUPERSEDED: "#969696",
    Status.NOT_ASSESSABLE: "#f6f8fa",
    Status.UNUSED: "#dfc27d",
    Status.EXERCISED: "#80cdc1",
}
HATCHED = (Status.OVERDUE, Status.VIOLATED, Status.DISPUTED)
"""Statuses drawn striped as well as coloured. The red and orange of violated and overdue sit
beside the greens of fulfilled and complied, and the purple of disputed beside the blue of
in-progress, pairs a reader with red-green colour blindness cannot tell apart by hue: the stripes
mark the findings without colour, in the cells and in the legend."""
GRADE_COLOURS: dict[Grade, str] = {
    Grade.CONFIRMED: "#b2182b",
    Grade.ALLEGED: "#f4a582",
    Grade.CONTESTED: "#8c8c8c",
}
ROW = 12
CHAR = 7
"""Generous width of one character at 11 px, for laying out labels without measuring text."""


def _text(x: int, y: int, value: str, extra: str = "") -> str:
    return f"<text x='{x}' y='{y}'{extra}>{escape(value)}</text>"


def _rect(x: int, y: int, w: int, h: int, fill: str, title: str = "") -> str:
    inner = f"<title>{escape(title)}</title>" if title else ""
    end = f">{inner}</rect>" if inner else "/>"
    return f"<rect x='{x}' y='{y}' width='{w}' height='{h}' fill='{fill}' stroke='{INK}' stroke-opacity='0.15'{end}"


def _status_fill(status: Status) -> str:
    """The fill of a status's cells and legend swatch: its colour, or its striped pattern."""
    return f"url(#hatch-{status.value})" if status in HATCHED else STATUS_COLOURS[status]


def _patterns(statuses: Sequence[Status]) -> list[str]:
    """A striped pattern (the status's colour under dark diagonal lines) per hatched status drawn."""
    out = [
        f"<pattern id='hatch-{s.value}' width='5' height='5' patternUnits='userSpaceOnUse' "
        f"patternTransform='rotate(45)'><rect width='5' height='5' fill='{STATUS_COLOURS[s]}'/>"
        f"<rect width='2' height='5' fill='{INK}' fill-opacity='0.5'/></pattern>"
        for s in HATCHED
        if s in statuses
    ]
    return ["<defs>", *out, "</defs>"] if out else []


def _document(width: int, height: int, title: str, desc: str, body: Sequence[str]) -> str:
    head = (
        "<svg xmlns='http://www.w3.org/2000/svg' version='1.1' "
        f"width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
        "role='img' aria-labelledby='title desc'>"
    )
    return "\n".join(
        [
            head,
            f"<title id='title'>{escape(title)}</title>",
            f"<desc id='desc'>{escape(desc)}</desc>",
            f"<rect x='0' y='0' width='{width}' height='{height}' fill='{PANEL}'/>",
            f"<g {FONT} fill='{INK}'>",
            *body,
            "</g>",
            "</svg>",
            "",
        ]
    )


def _year_ticks(dates: Sequence[date], left: int, width: int, y: int) -> list[str]:
    """The year above the first column that ends in it; a label too close to the next is left out."""
    firsts: dict[int, int] = {}
    for i, d in enumerate(dates):
        firsts.setdefault(d.year, left + i * width)
    ticks = sorted(firsts.items())
    gap = 4 * CHAR + 4
    return [
        _text(x, y, str(year))
        for k, (year, x) in enumerate(ticks)
        if k + 1 == len(ticks) or ticks[k + 1][1] - x >= gap
    ]


def _legend(items: Sequence[tuple[str, str]], left: int, top: int, limit: int) -> tuple[list[str], int]:
    """Swatches with their names, wrapped to ``limit`` pixels; returns the marks and the height used."""
    out: list[str] = []
    x, y = left, top
    for name, colour in items:
        step = 16 + len(name) * CHAR + 12
        if x + step > limit and x > left:
            x, y = left, y + ROW + 6
        out.append(_rect(x, y, 12, 12, colour))
        out.append(_text(x + 16, y + 10, name))
        x += step
    return out, y + ROW + 6 - top


def heatmap_svg(heatmap: Heatmap) -> str:
    """Obligations × periods, one run of equal statuses per rectangle, with a legend of statuses."""
    cell = 16 if heatmap.every == "quarter" else 8
    label = max((len(r.obligation) for r in heatmap.rows), default=10) * CHAR + 16
    top = 40
    body: list[str] = [_text(8, 16, heatmap.title, " font-weight='bold'")]
    body += _year_ticks(heatmap.dates, label, cell, top - 6)
    y = top
    previous = ""
    for row in heatmap.rows:
        if row.agreement != previous:
            previous = row.agreement
            body.append(_text(8, y + 10, row.agreement, " font-weight='bold'"))
            y += ROW + 2
        body.append(_text(16, y + 10, row.obligation))
        start = 0
        for i in range(1, len(row.statuses) + 1):
            if i == len(row.statuses) or row.statuses[i] is not row.statuses[start]:
                status = row.statuses[start]
                title = (
                    f"{row.obligation}: {status.value}, periods ending "
                    f"{heatmap.dates[start].isoformat()} to {heatmap.dates[i - 1].isoformat()}"
                )
                body.append(
                    _rect(label + start * cell, y, (i - start) * cell, ROW - 1, _status_fill(status), title)
                )
                start = i
        y += ROW
    # As wide as the title too, which names the periods and the trust policy: a picture cut at its
    # edge would drop the policy.
    width = max(label + len(heatmap.dates) * cell + 16, 640, len(heatmap.title) * CHAR + 16)
    present = [s for s in Status if s in {s for r in heatmap.rows for s in r.statuses}]
    legend, used = _legend([(s.value, _status_fill(s)) for s in present], 8, y + 12, width - 8)
    body = _patterns(present) + body + legend
    desc = (
        f"{len(heatmap.rows)} obligations, one row each, over {len(heatmap.dates)} periods "
        f"({heatmap.every}s); the colour of a cell is the obligation's status at the end of the "
        "period, named in the legend and in each cell's title; "
        + " and ".join(", ".join(s.value for s in HATCHED).rsplit(", ", 1))
        + " cells are also striped."
    )
    return _document(width, y + 12 + used + 8, heatmap.title, desc, body)


def breaches_svg(counts: BreachCounts) -> str:
    """One panel per bearer (or set of bearers): stacked bars of breach accounts per month, by grade.

    Per bearer, not per side: Russia and the EU bear duties too and are no side of the conflict."""
    bar, panel, label = 8, 60, 90
    months = [end for _, end in counts.months]
    width = max(label + len(months) * bar + 40, 640, len(counts.title) * CHAR + 16)  # (the title whole)
    body: list[str] = [_text(8, 16, counts.title, " font-weight='bold'")]
    body += _year_ticks(months, label, bar, 36)
    sides = sorted({s.bearers for s in counts.series})
    y = 44
    if not sides:
        body.append(_text(8, y + 14, "No breach accounts in the period."))
        y += 24
    for side in sides:
        series = [s for s in counts.series if s.bearers == side]
        totals = [sum(s.counts[i] for s in series) for i in range(len(months))]
        peak = max(max(totals, default=0), 1)
        who = f"bearers {side.replace(';', ', ')}" if ";" in side else f"bearer {side}"
        body.append(_text(8, y + 14, who, " font-weight='bold'"))
        body.append(_text(8, y + 28, f"max {peak}/month"))
        body.append(
            f"<line x1='{label}' y1='{y + panel}' x2='{label + len(months) * bar}' y2='{y + panel}' "
            f"stroke='{INK}' stroke-opacity='0.4'/>"
        )
        for i, end in enumerate(months):
            base = y + panel
            for s in series:
                n = s.counts[i]
                if not n:
                    continue
                h = max(1, n * panel // peak)
                title = f"{side}, {s.grade.value}: {n} breach account(s), month ending {end.isoformat()}"
                body.append(_rect(label + i * bar, base - h, bar - 1, h, GRADE_COLOURS[s.grade], title))
                base -= h
        y += panel + 12
    legend, used = _legend([(g.value, GRADE_COLOURS[g]) for g in Grade], 8, y + 4, width - 8)
    body += legend
    total = sum(sum(s.counts) for s in counts.series)
    desc = (
        f"{total} breach account(s) counted per month for {len(sides)} bearer(s) (of the "
        "obligations the accounts bear on), stacked by grade: confirmed, alleged, contested. "
        "Accounts are claims attributed to their reporters, not findings."
    )
    return _document(width, y + 4 + used + 8, counts.title, desc, body)
