"""Render a draft report as PDF: the HTML layout printed by WeasyPrint, A4, footnotes at the foot of pages.

WeasyPrint lays out the print version of the HTML (:func:`hrdmap.reports.render.html.render_html` with
``for_print``), whose footnotes use CSS ``float: footnote``; fonts come from the system through Pango
(DejaVu on the machines hrdmap runs on). Nothing is fetched: the URL fetcher allows only ``data:`` URLs, so a
template that links a remote stylesheet, font or image gets nothing (WeasyPrint logs the refusal).
"""

from __future__ import annotations

import warnings
from pathlib import Path

from hrdmap.domain.report import Report
from hrdmap.reports.draft.templates import Templates
from hrdmap.reports.render.html import render_html

with warnings.catch_warnings():
    # WeasyPrint announces at import time that a future version will need the HarfBuzz-Subset system library;
    # it is a notice about the machine, not about this code, and must not fail runs where warnings are errors.
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

#: The only URL scheme the PDF renderer opens.
ALLOWED = ("data",)


def offline_fetcher() -> URLFetcher:
    """A WeasyPrint URL fetcher that opens ``data:`` URLs and refuses every other scheme (http, https, file)."""
    return URLFetcher(allowed_protocols=ALLOWED, allow_redirects=False)


def render_pdf(report: Report, templates: Templates) -> bytes:
    """The report as PDF bytes."""
    html = render_html(report, templates, for_print=True)
    pdf: bytes = HTML(string=html, url_fetcher=offline_fetcher(), base_url=None).write_pdf()
    return pdf


def write_pdf(report: Report, path: Path, templates: Templates) -> None:
    """Write the report as PDF at ``path``."""
    path.write_bytes(render_pdf(report, templates))
