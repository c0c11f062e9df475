"""The structured document: what structure recovery produces and storage keeps.

A :class:`Document` is one version of one file, as an ordered list of :class:`Block` items (title, headings,
numbered and plain paragraphs, list items, tables) and the :class:`Footnote` items cited by them. Blocks keep the
labels the UN writes ("12.", "98.12.", "(a)", "I.", "A.") so that everything downstream can cite a paragraph by
its number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """The kinds of block a document is made of."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    MASTHEAD = "masthead"
    """A line of a UN document's masthead ("Distr.: General", "Agenda item 3"): metadata, not running text."""


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a document, in reading order.

    Attributes:
        index: Position in the document, from 0.
        kind: What the block is.
        text: The text without its label.
        label: The numbering label as printed ("12.", "98.12.", "(a)", "I.", "A.") or ``None``.
        number: The label normalised for look-ups ("12", "98.12", "a", "I", "A") or ``None``.
        level: Heading level (1 = top) for headings; nesting depth of a (sub-)paragraph or list item (0 = top).
        heading_path: Labels or titles of the headings above this block, outermost first.
        page: 1-based page where the block starts, when known.
        language: ISO 639-1 code of the block's language ("en", "fr", "es", "ar", "ru", "zh") or ``None``.
        footnote_refs: Labels of the footnotes this block cites, in order.
        rows: Table cells, row by row (tables only).
    """

    index: int
    kind: BlockKind
    text: str
    label: str | None = None
    number: str | None = None
    level: int = 0
    heading_path: tuple[str, ...] = ()
    page: int | None = None
    language: str | None = None
    footnote_refs: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()

    @property
    def display_text(self) -> str:
        """The text as a person reads it, label first."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote and the block that cites it.

    Attributes:
        label: The footnote's number or mark as printed ("1", "12", "*").
        text: The footnote's text.
        block_index: Index of the first block that cites it, or ``None`` when no citing block was found.
        page: Page where the footnote is printed, when known.
    """

    label: str
    text: str
    block_index: int | None = None
    page: int | None = None


@dataclass(slots=True)
class Document:
    """One version of one ingested file, with its structure and metadata.

    Attributes:
        source: Where the file came from: a path, or ``archive.zip!member.pdf`` / ``mail.eml!attachment.docx``.
        sha256: Hex digest of the file's bytes; the identity of this version.
        format: Extractor format name ("pdf", "docx" …).
        blocks: Blocks in reading order.
        footnotes: Footnotes in order of their labels.
        title: The document's title.
        symbol: The UN document symbol ("A/HRC/38/18"), when present.
        date: The date the document states, when present.
        languages: ISO 639-1 codes of the languages found, most used first.
        pages: Number of pages, when the format has pages.
        size: Size of the file in bytes.
        meta: Other metadata (e-mail sender, subject, producer …).
    """

    source: str
    sha256: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    title: str | None = None
    symbol: str | None = None
    date: dt.date | None = None
    languages: tuple[str, ...] = ()
    pages: int | None = None
    size: int = 0
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def language(self) -> str | None:
        """The main language of the document."""
        return self.languages[0] if self.languages else None

    def paragraphs(self) -> list[Block]:
        """The blocks that carry running text: paragraphs and list items."""
        return [b for b in self.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)]


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as listed from the store: identity and metadata of its latest version, without blocks.

    Attributes:
        id: The document's id in the store (stable across versions).
        version_id: Id of the version described.
        version: Version number, from 1.
        source: Where the file came from.
        sha256: Digest of this version's bytes.
        format: Extractor format name.
        title: Title.
        symbol: UN symbol, when present.
        date: Stated date, when present.
        languages: Languages found.
        pages: Number of pages.
        paragraphs: Number of paragraphs and list items.
        ingested_at: When this version was stored (UTC).
    """

    id: int
    version_id: int
    version: int
    source: str
    sha256: str
    format: str
    title: str | None
    symbol: str | None
    date: dt.date | None
    languages: tuple[str, ...]
    pages: int | None
    paragraphs: int
    ingested_at: dt.datetime
