"""What a format extractor hands to structure recovery.

Extractors differ in how much structure the file format keeps. Word, ODT and HTML files say what is a heading,
a list item, a table or a footnote; a PDF only says where text lines sit on a page and in which font. Both kinds
are expressed as a :class:`RawDocument`: a sequence of :class:`RawBlock` items in reading order, each with hints
the extractor was sure of. Layout-only sources (PDF) fill ``lines`` instead, and structure recovery turns the
lines into blocks (removing running headers, joining paragraphs across pages, separating footnote areas).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class RawKind(StrEnum):
    """What an extractor knows a raw block to be."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    FOOTNOTE = "footnote"


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A block as the file format expresses it.

    Attributes:
        kind: What the format says the block is.
        text: The text, with footnote reference markers removed from the text and listed in ``footnote_refs``.
        level: Heading level (1 = top) or list nesting depth (0 = top); 0 when unknown.
        label: A numbering label the format generated outside the text (Word auto-numbering: "12.", "(a)"),
            or ``None`` when the number, if any, is part of ``text``.
        page: 1-based page number when the format has pages.
        footnote_refs: Labels of footnotes cited in this block, in order of citation.
        rows: Cells of a table, row by row (only for ``RawKind.TABLE``).
        style: The format's own style name ("Heading 2", "H1", "SingleTxtG"), kept as a hint.
        lang: A language the format declares for the block (HTML ``lang``, Word ``w:lang``), BCP 47.
    """

    kind: RawKind
    text: str
    level: int = 0
    label: str | None = None
    page: int | None = None
    footnote_refs: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    style: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class RawLine:
    """A line of text placed on a page (layout-only sources such as PDF).

    Coordinates are in points from the top-left corner of the page, so ``top`` grows down the page.
    ``marker`` is set when the extractor found the run to be a footnote reference marker (raised or set smaller
    than the text it is glued to, or written in superscript digits); its text is then the label ("12").
    """

    text: str
    page: int
    top: float
    bottom: float
    left: float
    right: float
    font_size: float
    bold: bool = False
    italic: bool = False
    page_height: float = 842.0
    page_width: float = 595.0
    marker: bool = False


@dataclass(frozen=True, slots=True)
class RawRule:
    """A thin straight line drawn on a page (a path, not text): a footnote separator or a table's border.

    Coordinates as for :class:`RawLine`; a horizontal rule is much wider than high, a vertical one the reverse.
    """

    page: int
    top: float
    bottom: float
    left: float
    right: float

    @property
    def horizontal(self) -> bool:
        """Whether the rule runs across the page rather than down it."""
        return self.right - self.left >= self.bottom - self.top


@dataclass(frozen=True, slots=True)
class RawFootnote:
    """A footnote as a format stores it apart from the body (Word, ODT, HTML endnotes, a PDF's footnote areas).

    ``page`` is the page where it is printed, when the format has pages.
    """

    label: str
    text: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class ChildFile:
    """A file found inside another one: an e-mail attachment or a member of a zip archive."""

    name: str
    data: bytes


@dataclass(slots=True)
class RawDocument:
    """An extractor's result for one file.

    Attributes:
        format: The extractor's format name ("pdf", "docx", "html" …).
        blocks: Blocks in reading order (semantic sources).
        lines: Positioned lines in reading order (layout sources); structure recovery turns them into blocks.
        rules: Thin lines drawn on the pages (layout sources): footnote separators, table borders.
        footnotes: Footnotes stored apart from the body, referenced by ``RawBlock.footnote_refs``.
        title: The title the file declares in its metadata, if any.
        date: A date the file declares (ISO 8601 text), if any.
        pages: Number of pages, when the format has pages.
        lang: The language the file declares (BCP 47), if any.
        headers: Texts printed in the page headers and footers (Word, ODT), one per paragraph: a UN document
            prints its symbol there. PDFs keep theirs among the lines.
        children: Files embedded in this one, to be ingested as documents of their own.
        meta: Other metadata worth keeping (e-mail sender and subject, PDF producer …).
    """

    format: str
    blocks: list[RawBlock] = field(default_factory=list)
    lines: list[RawLine] = field(default_factory=list)
    rules: list[RawRule] = field(default_factory=list)
    footnotes: list[RawFootnote] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    pages: int | None = None
    lang: str | None = None
    headers: list[str] = field(default_factory=list)
    children: list[ChildFile] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
