"""PDF files with a text layer, read with pdfium (pypdfium2).

A PDF keeps no paragraphs, headings or footnotes, only text placed on pages. This extractor hands structure
recovery (:func:`hrdmap.structure.layout.blocks_from_lines`) the page's text as :class:`RawLine` runs: one per
line that pdfium finds, split where a raised, smaller run (a footnote reference marker such as the "12" in
"freedoms.12") interrupts it, so that markers stay detectable by their size and height.

Speed matters (batches of thousands of files), so the page text is read in one call and font and position are
sampled at a few characters per line (the first letter, the first and last characters, candidate markers)
instead of walking every character in Python. PyMuPDF is not used: its AGPL licence does not fit the project.
"""

from __future__ import annotations

import contextlib
import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from hrdmap.domain.raw import RawDocument, RawLine
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile, EmptyFile, EncryptedFile
from hrdmap.ingest.guards import check_input

# pdfium ends a line with CR LF, or with U+FFFE standing for a hyphen where a word breaks across two lines
# (then the next line follows without a line break).
_LINE = re.compile("[^\r\n\ufffe]+\ufffe?")
_LETTER = re.compile(r"[^\W\d_]")
_MARK_CHAR = re.compile("[0-9*]")  # one character at a time: much faster to scan for than a run
_HYPHEN_AT_BREAK = "\ufffe"
_Box = tuple[float, float, float, float]
_NO_CANDIDATES: list[tuple[int, int]] = []
_MARKER_MAX_SIZE = 0.8  # a marker's font size is at most this share of the text's
_MARKER_MIN_RAISE = 0.15  # ... and its baseline at least this share of the text's size above the text's
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag
_ITALIC = 1 << 6

_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "cannot read the file",
    pdfium_c.FPDF_ERR_FORMAT: "cannot read the cross-reference table or file structure",
    pdfium_c.FPDF_ERR_SECURITY: "unsupported security handler",
    pdfium_c.FPDF_ERR_PAGE: "cannot read the page tree",
}
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
            TooLarge: The file is over ``limits.max_file_bytes``.
            EncryptedFile: The file needs a password.
            CorruptFile: pdfium cannot read the file or one of its pages.
        """
        check_input(data, limits)
        with _open(data) as doc:
            lines = list(_document_lines(doc))
            if not lines:
                raise EmptyFile("no text layer (a scanned PDF? run OCR first)")
            title, date, meta = _metadata(doc)
            return RawDocument(format="pdf", lines=lines, pages=len(doc), title=title, date=date, meta=meta)


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


def _document_lines(doc: pdfium.PdfDocument) -> Iterator[RawLine]:
    """Yield the lines of every page, page by page, closing each page as soon as it is read."""
    reader = _CharReader()
    for index in range(len(doc)):
        try:
            page = doc[index]
        except pdfium.PdfiumError:
            raise CorruptFile(f"corrupt PDF: cannot read page {index + 1}") from None
        try:
            textpage = page.get_textpage()
            try:
                yield from reader.page_lines(textpage, _PageFrame.of(page, index + 1))
            finally:
                textpage.close()
        finally:
            page.close()


@dataclass(frozen=True, slots=True)
class _PageFrame:
    """Where a page's visible box is, to turn PDF coordinates (y up) into top-left ones (y down).

    ``width`` and ``height`` are the page's as displayed (swapped on pages turned a quarter turn).
    """

    number: int
    left: float
    top: float
    width: float
    height: float
    rotation: int

    @classmethod
    def of(cls, page: pdfium.PdfPage, number: int) -> _PageFrame:
        left, bottom, right, top = page.get_cropbox()
        width, height, rotation = right - left, top - bottom, page.get_rotation()
        if rotation in (90, 270):
            width, height = height, width
        return cls(number, left, top, width, height, rotation)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """Turn a PDF box into (left, top, right, bottom) from the displayed page's top-left corner."""
        x0, y0, x1, y1 = left - self.left, self.top - top, right - self.left, self.top - bottom
        if self.rotation == 0:
            return x0, y0, x1, y1
        if self.rotation == 90:
            return self.width - y1, x0, self.width - y0, x1
        if self.rotation == 180:
            return self.width - x1, self.height - y1, self.width - x0, self.height - y0
        return y0, self.height - x1, y1, self.height - x0


class _CharReader:
    """Samples characters of a text page through pdfium's C API, reusing its ctypes buffers.

    Per line it asks pdfium for the loose box (the font's ascent to descent) of the first and last characters
    and for the font and size of the first letter; candidate markers cost a few calls more.
    """

    def __init__(self) -> None:
        self._rect = pdfium_c.FS_RECTF()
        self._matrix = pdfium_c.FS_MATRIX()
        self._name = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()
        self._styles: dict[tuple[bytes, int], tuple[bool, bool]] = {}
        self._textpage: object = None
        self._map: list[int] | None = None

    def page_lines(self, textpage: pdfium.PdfTextPage, frame: _PageFrame) -> list[RawLine]:
        """A page's lines in pdfium's reading order."""
        text = textpage.get_text_range()
        self._textpage = textpage.raw
        self._map = None if len(text) == textpage.count_chars() else self._index_map(len(text))
        candidates = _marker_candidates(text)
        lines: list[RawLine] = []
        line_of, count, taken = self._line, len(candidates), 0
        for match in _LINE.finditer(text):
            start, end = match.span()
            own = _NO_CANDIDATES
            if taken < count and candidates[taken][0] < end:
                own_from = taken
                while taken < count and candidates[taken][0] < end:
                    taken += 1
                own = candidates[own_from:taken]
            line_of(text, start, end, own, frame, lines)
        return lines

    def _index_map(self, length: int) -> list[int]:
        """Map text indices to char indices where pdfium's text view differs from its char list."""
        to_char = pdfium_c.FPDFText_GetCharIndexFromTextIndex
        return [max(to_char(self._textpage, i), 0) for i in range(length)]

    def _box(self, index: int) -> _Box:
        """(left, bottom, right, top) of a character's loose box (font ascent to descent), PDF coordinates."""
        rect = self._rect
        pdfium_c.FPDFText_GetLooseCharBox(
            self._textpage, index if self._map is None else self._map[index], rect
        )
        return rect.left, rect.bottom, rect.right, rect.top

    def _line(
        self,
        text: str,
        start: int,
        end: int,
        candidates: list[tuple[int, int]],
        frame: _PageFrame,
        out: list[RawLine],
    ) -> None:
        """Append one pdfium line to ``out``, split into runs around raised, smaller markers."""
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            return
        first = start + line.find(stripped[0])
        last = first + len(stripped) - 1
        head = self._box(first)
        sample, body = first, head
        if not text[first].isalpha():
            letter = _LETTER.search(text, first, last + 1)
            if letter:
                sample, body = letter.start(), self._box(letter.start())
        font = self._font(sample, (first + last) // 2)
        markers = [span for span in candidates if self._is_marker(text, span, body, font.size, first, last)]
        if not markers:
            right = self._box(last)[2]
            out.append(_raw_line(stripped.replace(_HYPHEN_AT_BREAK, "-"), head[0], body, right, font, frame))
            return
        cuts = [first, *(i for span in markers for i in span), last + 1]
        starts = {span[0] for span in markers}
        for piece_start, piece_end in zip(cuts, cuts[1:], strict=False):
            piece = text[piece_start:piece_end]
            if not piece.strip():
                continue
            # Each run is measured on its own: after a footnote label, pdfium may have carried on with the
            # next visual line.
            vbox = self._box(piece_start + len(piece) - len(piece.lstrip()))
            right = self._box(piece_start + len(piece.rstrip()) - 1)[2]
            piece_font = (
                _Font(self._points(piece_start), font.bold, font.italic) if piece_start in starts else font
            )
            out.append(
                _raw_line(
                    piece.strip().replace(_HYPHEN_AT_BREAK, "-"), vbox[0], vbox, right, piece_font, frame
                )
            )

    def _is_marker(
        self, text: str, span: tuple[int, int], body: _Box, size: float, first: int, last: int
    ) -> bool:
        """Whether a candidate is set smaller than, and raised above, the text it is glued to.

        It is compared with the line's first letter, then, to be sure, with its neighbour: the character
        before it ("rights.12"), or the first one after it when it opens the line (a footnote's own label, "12
        See A/HRC/…"). The neighbour matters where a line mixes sizes ("United Nations A/RES/80/251"). A
        candidate after a space, not opening the line, is the label of a footnote that pdfium appended to this
        line: it is smaller and off the line's baseline, below it rather than raised.
        """
        start, end = span
        box, points = self._box(start), self._points(start)
        if points > _MARKER_MAX_SIZE * size:
            return False
        offset = box[1] - body[1]
        if start > first and text[start - 1].isspace():
            return abs(offset) >= _MARKER_MIN_RAISE * size
        if offset < _MARKER_MIN_RAISE * size:
            return False
        neighbour = start - 1
        if start == first:
            neighbour = end
            while neighbour <= last and text[neighbour].isspace():
                neighbour += 1
            if neighbour > last:
                return False
        near_points = self._points(neighbour)
        return points <= _MARKER_MAX_SIZE * near_points and box[1] - self._box(neighbour)[1] >= (
            _MARKER_MIN_RAISE * near_points
        )

    def _font(self, index: int, middle: int) -> _Font:
        """The line's font: its size in points, and bold or italic when its middle character is too.

        Checking the middle keeps a bold word that opens a line ("**combating THB** were drafted …") from
        making the whole line bold.
        """
        bold, italic = self._style(index)
        if bold or italic:
            middle_bold, middle_italic = self._style(middle)
            bold, italic = bold and middle_bold, italic and middle_italic
        return _Font(self._points(index), bold, italic)

    def _style(self, index: int) -> tuple[bool, bool]:
        char = index if self._map is None else self._map[index]
        pdfium_c.FPDFText_GetFontInfo(self._textpage, char, self._name, len(self._name), self._flags)
        key = (self._name.value, self._flags.value)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = _style(*key)
        return style

    def _points(self, index: int) -> float:
        """A character's font size in points: the size set in its text object scaled by the text matrix."""
        char = index if self._map is None else self._map[index]
        size: float = pdfium_c.FPDFText_GetFontSize(self._textpage, char)
        if pdfium_c.FPDFText_GetMatrix(self._textpage, char, self._matrix):
            matrix = self._matrix
            size *= (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5
        return size


@dataclass(frozen=True, slots=True)
class _Font:
    """The font of a run of text."""

    size: float
    bold: bool
    italic: bool


def _marker_candidates(text: str) -> list[tuple[int, int]]:
    """Where a footnote reference marker may be: runs of 1–3 digits or asterisks glued to the word or
    punctuation before them ("rights.12", "CRC18"), alone between spaces or opening a line (a footnote's own
    label), or the digits after a year ("2012–202212": "2022" and marker 12)."""
    found: list[tuple[int, int]] = []
    run_start = run_end = -1
    for match in _MARK_CHAR.finditer(text):
        at = match.start()
        if at == run_end and (text[at] == "*") == (text[run_start] == "*"):
            run_end += 1
            continue
        _add_candidate(text, run_start, run_end, found)
        run_start, run_end = at, at + 1
    _add_candidate(text, run_start, run_end, found)
    return found


def _add_candidate(text: str, start: int, end: int, found: list[tuple[int, int]]) -> None:
    if start < 0:
        return
    if 5 <= end - start <= 7 and text[start] != "*":
        found.append((start + 4, end))
    elif _glued(text, start, end):
        found.append((start, end))


def _glued(text: str, start: int, end: int) -> bool:
    """Whether a run of digits or asterisks touches the text before it, or stands alone between spaces.

    A marker standing alone may open a footnote ("12 See …"), or be the label of a footnote that pdfium
    appended to the line above it ("… pp. 51). 5", "… p. 80). 44 EUAFR …") as the two overlap in height.
    """
    if end - start > 3:
        return False
    before = text[start - 1] if start else "\n"
    if before in "\n\ufffe" or not before.isspace():
        return True
    after = text[end : end + 1]
    if not after or after.isspace():
        return True
    line_start = max(text.rfind("\n", 0, start), text.rfind("\ufffe", 0, start)) + 1
    return not text[line_start:start].strip()


def _raw_line(text: str, left: float, vbox: _Box, right: float, font: _Font, frame: _PageFrame) -> RawLine:
    x0, y0, x1, y1 = frame.box(left, vbox[1], right, vbox[3])
    return RawLine(
        text, frame.number, y0, y1, x0, x1, font.size, font.bold, font.italic, frame.height, frame.width
    )


def _style(font_name: bytes, flags: int) -> tuple[bool, bool]:
    """Bold and italic from a font's name ("Arial-BoldItalicMT") and descriptor flags."""
    lowered = font_name.lower()
    bold = bool(flags & _FORCE_BOLD) or any(w in lowered for w in (b"bold", b"black", b"heavy", b"semibold"))
    italic = bool(flags & _ITALIC) or b"italic" in lowered or b"oblique" in lowered
    return bold, italic


def _metadata(doc: pdfium.PdfDocument) -> tuple[str | None, str | None, dict[str, str]]:
    """The title (when it is more than a file name or a placeholder), creation date and producer."""
    info = doc.get_metadata_dict(skip_empty=True)
    title = " ".join(info.get("Title", "").split())
    meaningful = len(title.split()) >= 2 and not _MEANINGLESS_TITLE.search(title)
    created = re.match(r"D:(\d{4})(\d{2})(\d{2})", info.get("CreationDate", ""))
    date = f"{created[1]}-{created[2]}-{created[3]}" if created else None
    meta = {key.lower(): info[key].strip() for key in ("Producer", "Creator") if info.get(key, "").strip()}
    return (title if meaningful else None), date, meta
