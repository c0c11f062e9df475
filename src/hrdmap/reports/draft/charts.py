"""Bar charts as inline SVG, written by hand: no plotting library, no fonts or files fetched.

:func:`bar_chart_svg` draws a :class:`hrdmap.domain.report.Chart` as horizontal bars: one row per category,
one bar per series (side by side, or stacked when the chart says so), the value at the end of each bar and a
legend when there is more than one series. Text uses the generic ``sans-serif`` family, so the HTML shows the
reader's font and the PDF the system's (DejaVu Sans).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from hrdmap.domain.report import Chart

#: Bar colours, one per series: dark UN blue, light blue, grey, orange (distinct in greyscale too).
COLOURS = ("#1f4e79", "#6fa8dc", "#999999", "#e69138")
WIDTH = 640
LABEL_WIDTH = 220
BAR_HEIGHT = 14
GAP = 8
FONT = 'font-family="sans-serif" font-size="11"'


def _value(v: float) -> str:
    return f"{v:g}"


def _legend(chart: Chart, top: float) -> list[str]:
    if len(chart.series) < 2:
        return []
    parts = []
    x = LABEL_WIDTH
    for i, series in enumerate(chart.series):
        colour = COLOURS[i % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="{top}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{top + 9}" {FONT}>{escape(series.name)}</text>')
        x += 24 + 7 * len(series.name)
    return parts


def _row(chart: Chart, index: int, top: float, scale: float) -> list[str]:
    """The bars of one category, starting at ``top``."""
    parts = []
    x = float(LABEL_WIDTH)
    for i, series in enumerate(chart.series):
        value = series.values[index] if index < len(series.values) else 0.0
        length = value * scale
        y = top if chart.stacked else top + i * BAR_HEIGHT
        colour = COLOURS[i % len(COLOURS)]
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{length:.1f}" height="{BAR_HEIGHT - 2}" fill="{colour}">'
            f"<title>{escape(series.name)}: {_value(value)}</title></rect>"
        )
        if not chart.stacked:
            parts.append(f'<text x="{x + length + 4:.1f}" y="{y + 10:.1f}" {FONT}>{_value(value)}</text>')
        else:
            x += length
    return parts


def bar_chart_svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element (a string), sized to its rows."""
    per_row = BAR_HEIGHT * (1 if chart.stacked else max(1, len(chart.series))) + GAP
    totals = [
        sum(s.values[i] for s in chart.series) if chart.stacked else max((s.values[i] for s in chart.series), default=0)
        for i in range(len(chart.categories))
    ]
    largest = max(totals, default=0.0) or 1.0
    scale = (WIDTH - LABEL_WIDTH - 40) / largest
    legend_height = 20 if len(chart.series) > 1 else 0
    height = legend_height + per_row * len(chart.categories) + GAP
    parts = _legend(chart, 2)
    for i, category in enumerate(chart.categories):
        top = legend_height + GAP + i * per_row
        label = category if len(category) <= 34 else category[:33] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{top + 10}" text-anchor="end" {FONT}>'
            f"<title>{escape(category)}</title>{escape(label)}</text>"
        )
        parts += _row(chart, i, top, scale)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" aria-label="{escape(chart.title, {chr(34): "&quot;"})}">'
        + "".join(parts)
        + "</svg>"
    )
