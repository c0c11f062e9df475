"""Render a draft report as one self-contained HTML file: inline CSS and SVG, nothing fetched.

The layout is ``report.html.jinja`` with ``report.css`` (both replaceable, see
:mod:`hrdmap.reports.draft.templates`). Each numbered paragraph carries ``data-sources`` (the ``blocks.id`` of its
sources) and links to its row in the sources table at the end; footnotes are a numbered list with back-links.
The ``lang`` and ``dir`` of the page follow the report's language; quoted passages in other languages carry
their own ``lang`` (and ``dir="rtl"`` for Arabic).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from hrdmap.domain.report import Report
from hrdmap.reports.draft.charts import bar_chart_svg
from hrdmap.reports.draft.templates import Templates

TEMPLATE = "report.html.jinja"
#: Languages written right to left.
RTL = frozenset({"ar", "he", "fa", "ur"})


def render_html(report: Report, templates: Templates, *, for_print: bool = False) -> str:
    """The report as HTML text; ``for_print`` puts footnotes in the text for WeasyPrint's ``float: footnote``."""
    css = templates.text("report.css")
    if for_print:
        css += "\n" + templates.text("print.css")
    charts = [Markup(bar_chart_svg(c)) for c in report.annex.charts] if report.annex else []  # noqa: S704
    return templates.jinja().get_template(TEMPLATE).render(
        report=report,
        css=Markup(css),  # noqa: S704 - the stylesheet is the template set's own file
        print=for_print,
        charts=charts,
        notes={n.number: n for n in report.footnotes},
        phrases=templates.phrases(),
        rtl=RTL,
        dir="rtl" if report.language in RTL else "ltr",
    )


def write_html(report: Report, path: Path, templates: Templates) -> None:
    """Write the report as a self-contained HTML file at ``path``."""
    path.write_text(render_html(report, templates), "utf-8")
