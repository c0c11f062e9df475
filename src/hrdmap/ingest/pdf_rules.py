"""Thin lines drawn on a PDF page: footnote separators and table borders, read from pdfium's path objects.

Word processors draw the short rule above a page's footnotes, and the borders of a ruled table, as path objects
(a stroked line or a thin filled rectangle), not as text. Layout analysis uses them where text alone is
ambiguous (:mod:`hrdmap.structure.layout`). A page's objects are walked once and only paths are measured: the
type of each object costs one call, so a page of text objects costs little more than counting them. Paths
inside form objects (XObjects) are not looked at: separators and table borders are drawn on the page itself by
the exporters tried (LibreOffice, reportlab, Word's PDFs among the test data).
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from hrdmap.domain.raw import RawRule
from hrdmap.ingest.pdf_lines import PageFrame

_THIN = 2.0  # points: a rule is at most this thick ...
_LONG = 8.0  # ... and at least this long


class RuleReader:
    """Reads a page's rules, reusing its ctypes buffers across pages."""

    def __init__(self) -> None:
        self._edges = [ctypes.c_float() for _ in range(4)]

    def page_rules(self, page: pdfium.PdfPage, frame: PageFrame) -> list[RawRule]:
        """The page's thin straight paths, in top-left coordinates of the displayed page."""
        raw = page.raw
        get_object, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
        path = pdfium_c.FPDF_PAGEOBJ_PATH
        rules = []
        for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
            handle = get_object(raw, index)
            if get_type(handle) == path:
                rule = self._rule(handle, frame)
                if rule is not None:
                    rules.append(rule)
        return rules

    def _rule(self, handle: object, frame: PageFrame) -> RawRule | None:
        left, bottom, right, top = self._edges
        if not pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
            return None
        width, height = right.value - left.value, top.value - bottom.value
        if min(width, height) > _THIN or max(width, height) < _LONG:
            return None
        x0, y0, x1, y1 = frame.box(left.value, bottom.value, right.value, top.value)
        return RawRule(frame.number, y0, y1, x0, x1)
