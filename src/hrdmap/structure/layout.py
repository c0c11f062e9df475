"""Layout analysis for PDFs: positioned text lines → paragraphs, headings and footnotes.

A PDF says only where runs of text sit on a page and in which font. :func:`blocks_from_lines` recovers the
structure a reader sees, in five steps:

1. **Page furniture goes.** Runs in the top or bottom margin that are job numbers ("GE.14-12345 (E)",
   "18-15950"), barcodes ("*1412345*"), the document symbol repeated as a running header ("A/HRC/14/15", after
   page 1), and, met from the page's edge inwards, page numbers ("3", "3/14", "Page 3", "- 3 -") standing alone
   on their row and text repeated in the same margin across pages, are dropped (:mod:`.furniture`). Rules typed
   as underscores ("________") leave the text and count as drawn rules.
2. **Runs become rows** (:mod:`.rows`). Runs that share a baseline band are one visual row, read left to right
   (right to left for Arabic and Hebrew), with a space between runs apart or overlapping. A run the extractor
   marked as a footnote reference marker, or one set smaller than its row and raised above it, made of 1–3
   digits or asterisks, is a marker: its label is kept apart and its text dropped.
3. **Footnote areas are cut off** (:mod:`.footnote_areas`): below a separator rule drawn as a path when there is
   one; else from the first row opening with a footnote label in a font smaller than the body (or a raised label
   where the text before it ends a sentence), when nothing below is set larger. Numbers glued to a word that
   match a footnote printed on the page become references.
4. **Rows become blocks.** A row starts a new block when it lies further below the row above than the usual
   leading (measured bottom to bottom: box heights differ between fonts), on a change of font (size, bold), when
   it opens with a paragraph label ("12.", "98.12.", "(a)", "I.", "A.") or is indented after a row that ends a
   sentence, or when the row before it ended a sentence short of the right margin; a labelled row after a bold
   one that does not end a sentence starts the next heading. Nothing else breaks a paragraph, so one interrupted
   by a page break or a footnote area goes on.
   Lines ending in a hyphen are joined without it unless the hyphen is a compound's
   (:mod:`.hyphenation`).
5. **Headings are marked.** Short blocks set bold or larger than the body text are headings, unless they hold a
   sentence break or are numbered and set like their neighbours (a run of bold paragraphs); their level comes
   from their font (the label, when there is one, is the builder's to read). The largest unlabelled heading on
   page 1 that is not a masthead line is the title, below the page's top 15 % if one can be.

Simple tables, rows of cells in aligned columns, become table blocks (:mod:`.pdf_tables`), taken out before
step 4. Labels stay at the start of the text ("12. The Council …").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from hrdmap.domain.raw import RawBlock, RawFootnote, RawKind, RawLine, RawRule
from hrdmap.structure.footnote_areas import cite_glued_numbers, split_notes
from hrdmap.structure.furniture import drop_furniture
from hrdmap.structure.headings import is_contents_line
from hrdmap.structure.hyphenation import Vocabulary, join_lines
from hrdmap.structure.masthead import is_masthead_line
from hrdmap.structure.metadata import SYMBOL
from hrdmap.structure.pdf_tables import find_tables
from hrdmap.structure.rows import Row, body_size, page_rows

# A rule typed as a row of one character ("____________", "------"): a separator, not text.
_TEXT_RULE = re.compile(r"_[_\s]{2,}|([\-–—=~*·.])(?:\s*\1){3,}")
# Glyphs of a barcode or of a symbol font that map to no letter: private-use characters, replacement
# characters, bars and blocks, without a letter or digit among them.
_GLYPH_NOISE = re.compile(r"[\ue000-\uf8ff\ufffd\u2580-\u259f|\s]{6,}")
_BULLET_ROW = re.compile("[•·‣▪▫◦●○■□►▶➢➤✓✔\uf0b7\uf0a7\uf0d8\uf076]\\s")
_CAPITALS = re.compile(r"[^\W\d_]{3,}")
_PARAGRAPH_LABEL = re.compile(
    r"(?:\d{1,3}(?:\.\d{1,3})*\.|\((?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,3})\)|[IVXL]{1,6}\.|[A-Z]\.)(?=\s|$)"
)
_SECTION_LABEL = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*\.|[IVXL]{1,6}\.|[A-Z]\.)\s")
_SENTENCE_INSIDE = re.compile(r"[a-z)]\. [A-Z]")  # "… by Guatemala. The views …": sentences, not a heading
_DIGIT_RUN = re.compile(r"\d+")
_TRAILING_STAR = re.compile(r"(?<=\w)\*{1,3}$")
_SENTENCE_ENDS = ".;:!?。؟"
_CLOSERS = "\"'”’)]"


def blocks_from_lines(
    lines: Sequence[RawLine], rules: Sequence[RawRule] = ()
) -> tuple[list[RawBlock], list[RawFootnote]]:
    """Recover paragraphs, headings and footnotes from positioned lines.

    Args:
        lines: Runs of text with their page, position and font, in any order within a page.
        rules: Thin lines drawn on the pages (footnote separators, table borders), when the source has them.

    Returns:
        The body blocks in reading order (labels kept at the start of their text, footnote reference markers
        moved to ``footnote_refs``) and the footnotes found in footnote areas, continuations joined.

    Example:
        >>> line = RawLine("1. The Council decides.", page=1, top=100, bottom=110, left=56, right=300,
        ...                font_size=10)
        >>> blocks, notes = blocks_from_lines([line])
        >>> blocks[0].text
        '1. The Council decides.'
    """
    pages: dict[int, list[RawLine]] = defaultdict(list)
    drawn: list[RawRule] = []
    for line in lines:
        text = line.text.strip()
        if _TEXT_RULE.fullmatch(text):
            drawn.append(RawRule(line.page, line.bottom - 1, line.bottom - 0.5, line.left, line.right))
        elif text and not _GLYPH_NOISE.fullmatch(text):
            pages[line.page].append(line)
    drop_furniture(pages)
    rows = {number: page_rows(pages[number]) for number in sorted(pages)}
    size = body_size(row for each in rows.values() for row in each)
    body, notes = split_notes(rows, size, [*rules, *drawn])
    cite_glued_numbers(body, notes)
    words = Vocabulary([row.text for row in body] + [text for _, texts in notes.items for text in texts])
    blocks = _Blocks(body, size, words).build()
    return blocks, [RawFootnote(label, text, page) for label, text, page in notes.joined(words)]


# --- 4. Blocks --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    rows: list[Row]
    cells: tuple[tuple[str, ...], ...] = ()  # a table's cells, row by row

    @property
    def first(self) -> Row:
        return self.rows[0]


class _Blocks:
    """Groups body rows into blocks and names their kinds."""

    def __init__(self, rows: list[Row], body_size: float, words: Vocabulary) -> None:
        self._rows = rows
        self._size = body_size
        self._words = words
        self._pitch = self._usual_pitch()
        self._right = self._right_margins()

    def build(self) -> list[RawBlock]:
        tables = {table.start: table for table in find_tables(self._rows)}
        drafts: list[_Draft] = []
        previous: Row | None = None
        i = 0
        while i < len(self._rows):
            table = tables.get(i)
            if table is not None:
                drafts.append(_Draft(self._rows[table.start : table.end], table.cells))
                previous, i = None, table.end
                continue
            row = self._rows[i]
            if previous is None or self._starts_block(previous, row):
                drafts.append(_Draft([row]))
            else:
                drafts[-1].rows.append(row)
            previous, i = row, i + 1
        return self._kinds(drafts)

    def _usual_pitch(self) -> float:
        """The usual distance from one row's bottom to the next one's (the leading) in the body text size.

        Measured bottom to bottom rather than as the gap between rows: the boxes pdfium gives span the font's
        ascent to descent, which differs between fonts (UPR reports' bold recommendations have boxes a third
        shorter than the regular text's), while the leading does not. Other sizes scale it: rows set larger are
        mostly headings, where the distance between consecutive rows is the space between two headings.
        """
        pitches: Counter[float] = Counter()
        for above, row in zip(self._rows, self._rows[1:], strict=False):
            if above.page == row.page and abs(above.size - self._size) < 0.5 and abs(row.size - self._size) < 0.5:
                pitches[round(row.bottom - above.bottom, 1)] += 1
        pitch, seen = pitches.most_common(1)[0] if pitches else (0.0, 0)
        return pitch if seen >= 2 and pitch > 0 else 1.2 * self._size

    def _right_margins(self) -> dict[int, float]:
        right: dict[int, float] = {}
        for row in self._rows:
            right[row.page] = max(right.get(row.page, 0.0), row.right)
        return right

    def _heading_like(self, row: Row) -> bool:
        return row.size > self._size + 0.5 or row.bold

    def _starts_block(self, above: Row, row: Row) -> bool:
        size = max(row.size, 1.0)
        if self._heading_like(above) != self._heading_like(row) or abs(above.size - row.size) > 0.5:
            return True
        if above.page == row.page and row.bottom - above.bottom > self._pitch * size / self._size + 0.35 * size:
            return True
        if above.page != row.page and self._heading_like(row) and self._short(above):
            return True  # a heading does not run on to the next page ("Bahrain" + "Contents")
        if _BULLET_ROW.match(row.text) or _capitals(above.text) != _capitals(row.text):
            return True  # a bullet opens an item; a heading in capitals is a block of its own
        if not _ends_sentence(above.text):
            # A heading's second row goes on; a labelled row after a bold or large one is the next heading; a
            # labelled row after a short one is the next item of a list without closing punctuation ("1. CEPOL
            # European Police College", "2. CoE Council of Europe").
            if self._heading_like(row) and _SECTION_LABEL.match(row.text):
                return True
            return above.page == row.page and bool(_PARAGRAPH_LABEL.match(row.text)) and self._short(above)
        if _PARAGRAPH_LABEL.match(row.text) or row.left > above.left + 0.6 * size:
            return True
        return self._short(above)

    def _short(self, row: Row) -> bool:
        """Whether a row stops short of the right margin (the last row of a paragraph)."""
        width = self._right[row.page] - row.left
        return row.right < self._right[row.page] - max(2 * max(row.size, 1.0), 0.15 * width)

    def _kinds(self, drafts: list[_Draft]) -> list[RawBlock]:
        levels = self._heading_levels(drafts)
        title = self._title(drafts)
        texts = [self._text(draft) for draft in drafts]
        headings = [
            not draft.cells and _style_key(draft.first) in levels and self._is_heading(draft, text[0])
            for draft, text in zip(drafts, texts, strict=True)
        ]
        _unmark_numbered_runs(headings, [text for text, _ in texts], [_style_key(d.first) for d in drafts])
        blocks = []
        for draft, (text, refs), heading in zip(drafts, texts, headings, strict=True):
            if draft.cells:
                table_text = "\n".join("\t".join(cells) for cells in draft.cells)
                blocks.append(
                    RawBlock(RawKind.TABLE, table_text, page=draft.first.page, footnote_refs=refs, rows=draft.cells)
                )
                continue
            if draft is title:
                kind, level = RawKind.TITLE, 0
            elif heading:
                kind = RawKind.HEADING
                level = 0 if _PARAGRAPH_LABEL.match(text) else levels[_style_key(draft.first)]
            else:
                kind, level = RawKind.PARAGRAPH, 0
            blocks.append(RawBlock(kind, text, level=level, page=draft.first.page, footnote_refs=refs))
        return blocks

    def _text(self, draft: _Draft) -> tuple[str, tuple[str, ...]]:
        """A block's text, rows joined, and the footnotes it cites."""
        text = join_lines([row.text for row in draft.rows], self._words)
        refs = tuple(ref for row in draft.rows for ref in row.refs)
        star = _TRAILING_STAR.search(text) if text.endswith("*") else None
        if star:  # "Review*": a note called by an asterisk set at the text's size
            text, refs = text[: star.start()], (*refs, star.group())
        return text, refs

    def _is_heading(self, draft: _Draft, text: str) -> bool:
        return (
            len(draft.rows) <= 4
            and len(text) <= 250
            and (self._heading_like(draft.first) or (text.isupper() and len(text.split()) >= 2))
            and not _ends_sentence(text)
            and not text.endswith(",")
            and not _SENTENCE_INSIDE.search(text)
            and not is_contents_line(text)
        )

    def _heading_levels(self, drafts: Sequence[_Draft]) -> dict[tuple[float, bool], int]:
        """Level of each heading font, larger first, bold before regular at the same size."""
        headings = [d for d in drafts if not d.cells and self._is_heading(d, d.first.text)]
        inner = [d for d in headings if d.first.page > 1] or headings
        styles = {_style_key(d.first) for d in inner}
        ranked = sorted(styles, key=lambda s: (-s[0], not s[1]))
        levels = {style: min(rank + 1, 4) for rank, style in enumerate(ranked)}
        return {_style_key(d.first): levels.get(_style_key(d.first), 1) for d in headings}

    def _title(self, drafts: Sequence[_Draft]) -> _Draft | None:
        """The largest heading on page 1 set larger than the body text that is neither a line of the masthead
        ("General Assembly", 20 pt), nor a symbol, nor labelled ("I. Introduction").

        Headings below the page's top 15 % come first (above them sit mastheads and letterheads); a document
        without a masthead has its title at the top of the page, and there it is found when no heading below
        can be the title.
        """
        candidates = [
            d
            for d in drafts
            if d.first.page == 1
            and not d.cells
            and d.first.size > self._size + 1
            and self._is_heading(d, d.first.text)
            and not _PARAGRAPH_LABEL.match(d.first.text)
            and not is_masthead_line(d.first.text)
            and not SYMBOL.fullmatch(d.first.text.strip())
        ]
        return max(
            candidates, key=lambda d: (d.first.top > 0.15 * d.first.page_height, d.first.size), default=None
        )


def _unmark_numbered_runs(
    headings: list[bool], texts: Sequence[str], styles: Sequence[tuple[float, bool]]
) -> None:
    """A bold block numbered and set like the paragraph before or after it is one of a run of paragraphs.

    UPR reports set their recommendations in bold ("100.20. Thoroughly implement … (Austria)"); one whose
    closing punctuation is missing would otherwise read as a heading.
    """
    shapes = [(_label_shape(text), style) for text, style in zip(texts, styles, strict=True)]
    for i, shape in enumerate(shapes):
        if headings[i] and shape[0] is not None:
            around = [j for j in (i - 1, i + 1) if 0 <= j < len(texts)]
            if any(shapes[j] == shape and not headings[j] for j in around):
                headings[i] = False


def _label_shape(text: str) -> str | None:
    """The form of a block's label ("98.12." → "9.9."), or ``None`` when it has none."""
    label = _PARAGRAPH_LABEL.match(text)
    return _DIGIT_RUN.sub("9", label.group()) if label else None


def _capitals(text: str) -> bool:
    """Whether a row is set in capitals: two words of three letters or more, no lower-case letter and no symbol
    ("II. NORMATIVE AND INSTITUTIONAL FRAMEWORK", not "A/HRC/WG.6/7/SVN/2"); a row of acronyms alone is rare in
    running text."""
    return text.isupper() and len(_CAPITALS.findall(SYMBOL.sub(" ", text))) >= 2


def _ends_sentence(text: str) -> bool:
    """Whether a text ends like a sentence or a list item: ``. ; : ! ?``, closing quotes or brackets allowed."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_ENDS


def _style_key(row: Row) -> tuple[float, bool]:
    return round(row.size * 2) / 2, row.bold
