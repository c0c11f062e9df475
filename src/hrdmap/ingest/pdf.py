"""PDF files with a text layer, read with pdfium (pypdfium2).

A PDF keeps no paragraphs, headings or footnotes, only text placed on pages. This extractor hands structure
recovery (:func:`hrdmap.structure.layout.blocks_from_lines`) the page's text as :class:`RawLine` runs: one per
line that pdfium finds, split where a raised, smaller run (a footnote reference marker such as the "12" in
"freedoms.12") interrupts it, so that markers stay detectable by their size and height
(:mod:`hrdmap.ingest.pdf_lines`). This module opens the file, reads it page by page, closing each page as soon
as it is read, and turns pdfium's errors and metadata into hrdmap's. PyMuPDF is not used: its AGPL licence does
not fit the project.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from typing import ClassVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from hrdmap.domain.raw import RawDocument, RawLine, RawRule
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile, EmptyFile, EncryptedFile, OverBudget
from hrdmap.ingest.guards import check_input
from hrdmap.ingest.inflation import check_pdf_streams
from hrdmap.ingest.pdf_lines import LineReader, PageFrame
from hrdmap.ingest.pdf_rules import RuleReader

_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "cannot read the file",
    pdfium_c.FPDF_ERR_FORMAT: "cannot read the cross-reference table or file structure",
    pdfium_c.FPDF_ERR_SECURITY: "unsupported security handler",
    pdfium_c.FPDF_ERR_PAGE: "cannot read the page tree",
}
_PLAIN_LABEL = re.compile(r"(?:\d{1,3}|\*{1,3})\s*[^\W\d_]")
_MEANINGLESS_TITLE = re.compile(
    r"^(?:microsoft\s+\w+\s+-|untitled|document\d*$|title$|united nations$|united$|slide\s*\d*$)"
    r"|\.(?:docx?|pdf|rtf|odt|wpd|indd|qxd)\s*$",
    re.IGNORECASE,
)


class PdfExtractor:
    """Read PDF files that have a text layer.

    Example::

        raw = PdfExtractor().extract(Path("A_HRC_14_15.pdf").read_bytes(), "A_HRC_14_15.pdf", Limits())
        raw.lines[0].text  # "GE.10-12049"
    """

    name: ClassVar[str] = "pdf"
    media_types: ClassVar[tuple[str, ...]] = ("application/pdf",)
    suffixes: ClassVar[tuple[str, ...]] = (".pdf",)
    priority: ClassVar[int] = 10

    def sniff(self, data: bytes) -> bool:
        """A PDF starts with ``%PDF-``, possibly after some junk (allowed within the first 1024 bytes)."""
        return b"%PDF-" in data[:1024]

    def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Read every page's text lines and the document's metadata.

        Raises:
            EmptyFile: The file has no bytes, or no page has any text (a scanned PDF without OCR).
            TooLarge: The file is over ``limits.max_file_bytes``, or its content streams inflate to more than
                ``limits.max_inflated_bytes`` (checked before pdfium parses them).
            OverBudget: More pages than ``limits.max_pages``, or a page that took longer than
                ``limits.page_seconds`` to read.
            EncryptedFile: The file needs a password.
            CorruptFile: pdfium cannot read the file or one of its pages.
        """
        check_input(data, limits)
        check_pdf_streams(data, limits)
        with _open(data) as doc:
            if len(doc) > limits.max_pages:
                raise OverBudget(
                    f"{len(doc):,} pages, over the budget of {limits.max_pages:,} per file (HRDMAP_MAX_PAGES)"
                )
            lines: list[RawLine] = []
            rules: list[RawRule] = []
            _read_pages(doc, lines, rules, limits.page_seconds)
            if not lines:
                raise EmptyFile("no text layer (a scanned PDF? run OCR first)")
            title, date, meta = _metadata(doc)
            return RawDocument(
                format="pdf", lines=lines, rules=rules, pages=len(doc), title=title, date=date, meta=meta
            )


@contextlib.contextmanager
def _open(data: bytes) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF from bytes, turning pdfium's load errors into ingest errors; always closes it."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = error.err_code
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFile("encrypted PDF: a password is needed to open it") from None
        reason = _LOAD_ERRORS.get(code or 0, "pdfium cannot open it")
        raise CorruptFile(f"corrupt PDF: {reason}") from None
    try:
        if len(doc) == 0:
            raise CorruptFile("corrupt PDF: no pages")
        yield doc
    finally:
        doc.close()


def _read_pages(doc: pdfium.PdfDocument, lines: list[RawLine], rules: list[RawRule], page_seconds: float) -> None:
    """Read the lines and rules of every page, page by page, closing each page as soon as it is read.

    Raises:
        OverBudget: A page took longer than ``page_seconds`` (a content stream built to be slow to parse).
    """
    reader, rule_reader = LineReader(), RuleReader()
    for index in range(len(doc)):
        started = time.monotonic()
        try:
            page = doc[index]
        except pdfium.PdfiumError:
            raise CorruptFile(f"corrupt PDF: cannot read page {index + 1}") from None
        try:
            frame = PageFrame.of(page, index + 1)
            textpage = page.get_textpage()
            try:
                page_lines = reader.page_lines(textpage, frame)
            finally:
                textpage.close()
            if page_lines:
                lines.extend(page_lines)
                if _may_have_footnotes(page_lines):
                    rules.extend(rule_reader.page_rules(page, frame))
        finally:
            page.close()
        _check_page_time(index, time.monotonic() - started, page_seconds)


def _check_page_time(index: int, spent: float, page_seconds: float) -> None:
    if spent > page_seconds:
        raise OverBudget(
            f"page {index + 1} took {spent:.0f} s to read, over the budget of {page_seconds:.0f} s a page "
            "(HRDMAP_PAGE_SECONDS)"
        )


def _may_have_footnotes(lines: list[RawLine]) -> bool:
    """Whether a page may have a footnote area, so that its rules are worth reading: it holds a reference
    marker, or a line in its lower part that opens with a plain footnote label ("12 See …"). Reading a page's
    rules costs a call per page object; about two pages in three of the test documents skip it."""
    for line in lines:
        if line.marker:
            return True
        if 0.3 * line.page_height < line.top < 0.92 * line.page_height and _PLAIN_LABEL.match(line.text):
            return True
    return False


def _metadata(doc: pdfium.PdfDocument) -> tuple[str | None, str | None, dict[str, str]]:
    """The title (when it is more than a file name or a placeholder), creation date and producer."""
    info = _metadata_dict(doc)
    title = " ".join(info.get("Title", "").split())
    meaningful = len(title.split()) >= 2 and not _MEANINGLESS_TITLE.search(title)
    created = re.match(r"D:(\d{4})(\d{2})(\d{2})", info.get("CreationDate", ""))
    date = f"{created[1]}-{created[2]}-{created[3]}" if created else None
    meta = {key.lower(): info[key].strip() for key in ("Producer", "Creator") if info.get(key, "").strip()}
    return (title if meaningful else None), date, meta


def _metadata_dict(doc: pdfium.PdfDocument) -> dict[str, str]:
    """The document information entries, leaving out any that is not valid UTF-16 (found by fuzzing)."""
    try:
        return dict(doc.get_metadata_dict(skip_empty=True))
    except UnicodeDecodeError:
        pass
    found = {}
    for key in ("Title", "Creator", "Producer", "CreationDate"):
        try:
            value = doc.get_metadata_value(key)
        except UnicodeDecodeError:
            continue
        if value:
            found[key] = value
    return found
