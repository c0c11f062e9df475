"""A PDF page's text as positioned runs, read from pdfium's text page with as few calls as possible.

The page text is read in one call (``get_text_range``) and cut where pdfium ends a line (CR LF) or writes
U+FFFE, its stand-in for a hyphen at a line break (the next line then follows without a break; the hyphen comes
back as "-" and :mod:`hrdmap.structure.hyphenation` decides whether it stays). Calling pdfium for every
character is too slow in Python, so position and font are sampled at a few characters per line:

- the loose box (font ascent to descent) of the first and last characters, and of the first letter;
- the font name and flags of the first letter, and of the middle character when the first letter is bold or
  italic or follows a label: a line is bold or italic when both are, so that a bold word opening a line does
  not make it bold (on a labelled line where only the middle one is, the letter after the first decides: some
  generators set the first letter after "115.47." apart in a regular font);
- the font size in points (the size set in the text object scaled by the text matrix, two calls), cached by
  font and box height, which are proportional for a font;
- candidate footnote markers (1–3 digits or asterisks glued to a word, opening a line or alone between
  spaces): a marker is raised and smaller than its neighbour; it becomes a run of its own.

pdfium puts a space between two text objects of a line when they are apart (0.2 em is enough), so words of
one line do not run together; runs of two lines that share a row do, and layout analysis spaces them.

Lines with Arabic or Hebrew letters are measured character by character and put in logical order
(:mod:`hrdmap.ingest.visual_order`).
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from hrdmap.domain.raw import RawLine
from hrdmap.ingest.visual_order import Glyph, has_right_to_left, logical_text

_LINE = re.compile("[^\r\n\ufffe]+\ufffe?")
_LETTER = re.compile(r"[^\W\d_]")
_MARK_CHAR = re.compile("[0-9*]")  # one character at a time: much faster to scan for than a run
_MARK_CHAR_OR_SUPERSCRIPT = re.compile("[0-9*\u2070\u00b9\u00b2\u00b3\u2074-\u2079]")
_SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"  # ⁰ ¹ ² ³ ⁴ … ⁹
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_KIND = {"*": 1, **dict.fromkeys(_SUPERSCRIPTS, 2)}  # digits (0), asterisks, superscript digits make separate runs
_HYPHEN_AT_BREAK = "\ufffe"
_Box = tuple[float, float, float, float]
_Font = tuple[float, bool, bool]  # size in points, bold, italic (a tuple: one is made for every line)
_NO_CANDIDATES: list[tuple[int, int]] = []
_MARKER_MAX_SIZE = 0.9  # a raised marker's font size is at most this share of the text's ...
_MARKER_MIN_RAISE = 0.15  # ... and its box at least this share of the text's size above the text's
_MARKER_HIGH_RAISE = 0.3  # raised this much, a marker may be set at the text's size
_MARKER_SMALL = 0.7  # on the baseline, glued to a word, a marker is at most this share of the text's size
_SPREAD = 0.62  # a run wider than this many ems per character is spread out: table cells, maybe
_CELL_GAP = 1.2  # ems between two words that are two cells
_APPENDED_LABEL_SIZE = 0.8  # a footnote label pdfium appended to the line above is at most this share
_NAME_SIZE = 128  # bytes for a font's name
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag
_BARCODE_FONT = re.compile(  # font names of barcodes ("IDAutomationHC39M", "Free3of9", "Code128")
    rb"barcode|code[ _-]?(?:39|128|93)|3[ _-]?of[ _-]?9|\bc39|idautomation|ean[ _-]?13|upc[ _-]?a|i2of5"
)
_ITALIC = 1 << 6


@dataclass(frozen=True, slots=True)
class PageFrame:
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
    def of(cls, page: pdfium.PdfPage, number: int) -> PageFrame:
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


class LineReader:
    """Reads the lines of text pages through pdfium's C API, reusing its ctypes buffers across pages."""

    def __init__(self) -> None:
        self._rect = pdfium_c.FS_RECTF()
        self._matrix = pdfium_c.FS_MATRIX()
        self._name = ctypes.create_string_buffer(_NAME_SIZE)
        self._flags = ctypes.c_int()
        self._loose_box = pdfium_c.FPDFText_GetLooseCharBox
        self._get_font_info = pdfium_c.FPDFText_GetFontInfo
        self._styles: dict[tuple[bytes, int], tuple[bool, bool]] = {}
        self._barcode_fonts: set[bytes] = set()
        self._in_barcode = False
        self._sizes: dict[tuple[bytes, int, float], float] = {}
        self._textpage: object = None
        self._map: list[int] | None = None
        self._text = ""
        self._rtl = False

    def page_lines(self, textpage: pdfium.PdfTextPage, frame: PageFrame) -> list[RawLine]:
        """A page's lines in pdfium's reading order, split around footnote markers."""
        text = self._text = textpage.get_text_range()
        self._textpage = textpage.raw
        self._map = None if len(text) == textpage.count_chars() else self._index_map(len(text))
        self._rtl = has_right_to_left(text)
        candidates = _marker_candidates(text)
        lines: list[RawLine] = []
        count, taken = len(candidates), 0
        for match in _LINE.finditer(text):
            start, end = match.span()
            own = _NO_CANDIDATES
            if taken < count and candidates[taken][0] < end:
                own_from = taken
                while taken < count and candidates[taken][0] < end:
                    taken += 1
                own = candidates[own_from:taken]
            self._line(start, end, own, frame, lines)
        return lines

    def _index_map(self, length: int) -> list[int]:
        """Map text indices to char indices where pdfium's text view differs from its char list."""
        to_char = pdfium_c.FPDFText_GetCharIndexFromTextIndex
        return [max(to_char(self._textpage, i), 0) for i in range(length)]

    def _char(self, index: int) -> int:
        return index if self._map is None else self._map[index]

    def _box(self, index: int) -> _Box:
        """(left, bottom, right, top) of a character's loose box (font ascent to descent), PDF coordinates."""
        rect = self._rect
        self._loose_box(self._textpage, index if self._map is None else self._map[index], rect)
        return rect.left, rect.bottom, rect.right, rect.top

    def _line(
        self, start: int, end: int, candidates: list[tuple[int, int]], frame: PageFrame, out: list[RawLine]
    ) -> None:
        """Append one pdfium line to ``out``, split into runs around raised, smaller markers."""
        text = self._text
        first, last = start, end - 1
        while first <= last and text[first].isspace():
            first += 1
        while last >= first and text[last].isspace():
            last -= 1
        if first > last:
            return
        head = self._box(first)
        sample, body = first, head
        if not text[first].isalpha():
            letter = _LETTER.search(text, first, last + 1)
            if letter:
                sample, body = letter.start(), self._box(letter.start())
        font = self._font(sample, body, (first + last) // 2, sample != first)
        if self._in_barcode:
            return  # a barcode drawn with a barcode font: its glyphs are not text
        if body[3] - body[1] < 0.8 * (head[3] - head[1]):  # a superscript opens the line: "14th (Denmark);"
            font, body = (self._points(first), font[1], font[2]), head
        markers = [span for span in candidates if self._is_marker(span, body, font[0], first, last)]
        if not markers:
            self._add_runs(first, last + 1, head[0], body, font, frame, out)
            return
        cuts = [first, *(i for span in markers for i in span), last + 1]
        starts = {span[0] for span in markers}
        for piece_start, piece_end in zip(cuts, cuts[1:], strict=False):
            while piece_start < piece_end and text[piece_start].isspace():
                piece_start += 1
            if piece_start == piece_end or text[piece_start:piece_end].isspace():
                continue
            # Each run is measured on its own: after a footnote label, pdfium may have carried on with the
            # next visual line.
            vbox = self._box(piece_start)
            if piece_start in starts:
                piece_font = (self._points(piece_start), font[1], font[2])
                out.append(self._run(piece_start, piece_end, vbox[0], vbox, piece_font, frame, marker=True))
            else:
                self._add_runs(piece_start, piece_end, vbox[0], vbox, font, frame, out)

    def _add_runs(
        self, start: int, end: int, left: float, vbox: _Box, font: _Font, frame: PageFrame, out: list[RawLine]
    ) -> None:
        """Append ``text[start:end]`` as a run, or, when it is spread wider than text is set (a table's row,
        "Higher 5.139 6.242 4.744"), as one run per cell, cut where the gap between two words is wide."""
        run = self._run(start, end, left, vbox, font, frame)
        if run.right - run.left <= _SPREAD * len(run.text) * font[0] or self._rtl or " " not in run.text:
            out.append(run)
            return
        cuts = self._wide_gaps(start, end, font[0])
        if not cuts:
            out.append(run)
            return
        for piece_start, piece_end in zip([start, *cuts], [*cuts, end], strict=True):
            while piece_start < piece_end and self._text[piece_start].isspace():
                piece_start += 1
            if piece_start < piece_end:
                out.append(self._run(piece_start, piece_end, self._box(piece_start)[0], vbox, font, frame))

    def _wide_gaps(self, start: int, end: int, size: float) -> list[int]:
        """Where a run's words stand apart by more than :data:`_CELL_GAP` ems: the start of each space run."""
        text = self._text
        cuts: list[int] = []
        index = start
        while True:
            index = text.find(" ", index, end)
            if index < 0:
                return cuts
            after = index
            while after < end and text[after].isspace():
                after += 1
            if after < end and index > start and self._box(after)[0] - self._box(index - 1)[2] > _CELL_GAP * size:
                cuts.append(index)
            index = after

    def _run(
        self, start: int, end: int, left: float, vbox: _Box, font: _Font, frame: PageFrame, marker: bool = False
    ) -> RawLine:
        """A run of the line, ``text[start:end]``, as a :class:`RawLine` (spaces at its end trimmed); a marker's
        superscript digits become plain ones."""
        text = self._text
        while text[end - 1].isspace():
            end -= 1
        if marker:
            words, right = text[start:end].translate(_FROM_SUPERSCRIPT), self._box(end - 1)[2]
        elif self._rtl and has_right_to_left(text[start:end]):
            words, left, right = self._logical(start, end)
        else:
            words = text[start:end].replace(_HYPHEN_AT_BREAK, "-")
            right = self._box(end - 1)[2]
        x0, y0, x1, y1 = frame.box(left, vbox[1], right, vbox[3])
        return RawLine(words, frame.number, y0, y1, x0, x1, *font, frame.height, frame.width, marker)

    def _logical(self, start: int, end: int) -> tuple[str, float, float]:
        """A right-to-left run's text in logical order and its left and right edges, measured glyph by glyph."""
        glyphs: list[Glyph] = []
        for index in range(start, end):
            left, _, right, _ = self._box(index)
            glyphs.append((left, right, self._text[index]))
        measured = [glyph for glyph in glyphs if glyph[1] > glyph[0]] or glyphs
        lefts = [glyph[0] for glyph in measured]
        return logical_text(glyphs), min(lefts), max(glyph[1] for glyph in measured)

    def _is_marker(self, span: tuple[int, int], body: _Box, size: float, first: int, last: int) -> bool:
        """Whether a candidate is a footnote reference marker: written in superscript digits ("rights¹²"), or
        set apart from the text it is glued to by its position or size (:func:`_marker_shape`).

        It is compared with the line's first letter, then, to be sure, with its neighbour: the character
        before it ("rights.12"), or the first one after it when it opens the line (a footnote's own label, "12
        See A/HRC/…"). The neighbour matters where a line mixes sizes ("United Nations A/RES/80/251"). A
        candidate after a space, not opening the line, may also be the label of a footnote that pdfium appended
        to this line: it is smaller and off the line's baseline, below it rather than raised. The position is
        checked first: most candidates are numbers on the baseline in the text's font, and need no size.
        """
        text = self._text
        start, end = span
        if text[start] in _SUPERSCRIPTS:
            return True
        offset = self._box(start)[1] - body[1]
        after_space = start > first and text[start - 1].isspace()
        glued = start > first and not after_space
        if offset <= -_MARKER_MIN_RAISE * size:
            return after_space and self._points(start) <= _APPENDED_LABEL_SIZE * size
        if offset < _MARKER_MIN_RAISE * size and not (glued and offset > 0.02 * size):
            return False  # on the baseline, and not glued to a word in a smaller font ("A/HRC/28", "CRC18")
        points = self._points(start)
        if not _marker_shape(points, offset, size, glued):
            return False
        if after_space:
            return True
        neighbour = start - 1
        if start == first:
            neighbour = end
            while neighbour <= last and text[neighbour].isspace():
                neighbour += 1
            if neighbour > last:
                return False
        near_points = self._points(neighbour)
        return _marker_shape(points, offset + body[1] - self._box(neighbour)[1], near_points, glued)

    def _font(self, index: int, box: _Box, middle: int, labelled: bool) -> _Font:
        """The line's font: the size of its first letter; bold or italic when its middle character is too and
        so is its first letter or, on a labelled line where a generator set that one letter apart ("115.47. I"
        + "ntensify …"), the letter after it. Most lines cost one call: a first letter in a regular font."""
        name, flags = self._font_info(index)
        bold, italic = self._style(name, flags)
        self._in_barcode = name in self._barcode_fonts
        size = self._cached_points(index, name, flags, box[3] - box[1])
        if middle == index or not (bold or italic or labelled):
            return size, bold, italic
        middle_bold, middle_italic = self._style(*self._font_info(middle))
        if (middle_bold and not bold) or (middle_italic and not italic):
            if self._text[index + 1].isalpha():
                bold, italic = self._style(*self._font_info(index + 1))
        return size, bold and middle_bold, italic and middle_italic

    def _font_info(self, index: int) -> tuple[bytes, int]:
        self._get_font_info(self._textpage, self._char(index), self._name, _NAME_SIZE, self._flags)
        return self._name.value, self._flags.value

    def _style(self, name: bytes, flags: int) -> tuple[bool, bool]:
        style = self._styles.get((name, flags))
        if style is None:
            style = self._styles[(name, flags)] = _style(name, flags)
            if _BARCODE_FONT.search(name.lower()):
                self._barcode_fonts.add(name)
        return style

    def _cached_points(self, index: int, name: bytes, flags: int, height: float) -> float:
        """A character's size in points, cached by font and box height (proportional to the size for a font)."""
        key = (name, flags, round(height, 2))
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = self._points(index)
        return size

    def _points(self, index: int) -> float:
        """A character's font size in points: the size set in its text object scaled by the text matrix."""
        char = self._char(index)
        size: float = pdfium_c.FPDFText_GetFontSize(self._textpage, char)
        if pdfium_c.FPDFText_GetMatrix(self._textpage, char, self._matrix):
            matrix = self._matrix
            size *= (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5
        return size


def _marker_candidates(text: str) -> list[tuple[int, int]]:
    """Where a footnote reference marker may be: runs of 1–3 digits or asterisks glued to the word or
    punctuation before them ("rights.12", "CRC18"), alone between spaces or opening a line (a footnote's own
    label), or the digits after a year ("2012–202212": "2022" and marker 12)."""
    found: list[tuple[int, int]] = []
    run_start = run_end = -1
    superscripts = any(char in text for char in _SUPERSCRIPTS)  # rare: most pages take the plain scan
    for match in (_MARK_CHAR_OR_SUPERSCRIPT if superscripts else _MARK_CHAR).finditer(text):
        at = match.start()
        if at == run_end and (
            _KIND.get(text[at], 0) == _KIND.get(text[run_start], 0)
            if superscripts
            else (text[at] == "*") == (text[run_start] == "*")
        ):
            run_end += 1
            continue
        _add_candidate(text, run_start, run_end, found)
        run_start, run_end = at, at + 1
    _add_candidate(text, run_start, run_end, found)
    return found


def _add_candidate(text: str, start: int, end: int, found: list[tuple[int, int]]) -> None:
    if start < 0:
        return
    if text[start] in _SUPERSCRIPTS:
        found.append((start, end))
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


def _marker_shape(points: float, rise: float, size: float, glued: bool) -> bool:
    """Whether a run set at ``points``, its box ``rise`` above the text's, looks like a marker beside text of
    ``size``: raised and smaller (Word, LibreOffice, browsers' ``font-size: smaller`` at 0.83), raised high at
    the same size, or, glued to a word, much smaller on the baseline."""
    if rise >= _MARKER_MIN_RAISE * size:
        return points <= _MARKER_MAX_SIZE * size or rise >= _MARKER_HIGH_RAISE * size
    return glued and rise > -0.05 * size and points <= _MARKER_SMALL * size


def _style(font_name: bytes, flags: int) -> tuple[bool, bool]:
    """Bold and italic from a font's name ("Arial-BoldItalicMT") and descriptor flags."""
    lowered = font_name.lower()
    bold = bool(flags & _FORCE_BOLD) or any(w in lowered for w in (b"bold", b"black", b"heavy", b"semibold"))
    italic = bool(flags & _ITALIC) or b"italic" in lowered or b"oblique" in lowered
    return bold, italic
