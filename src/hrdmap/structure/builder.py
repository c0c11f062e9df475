"""Turn a :class:`RawDocument` into a structured :class:`Document`.

This module's public function is the contract between extraction and everything after it. The steps, each in
its own module and each a pure function of its input:

1. layout analysis for PDFs (``layout.blocks_from_lines``: positioned lines → raw blocks and footnotes);
2. text normalisation (:mod:`.text`);
3. labels split off the text (:mod:`.labels`);
4. kinds, heading levels, heading paths and sub-paragraph nesting (:mod:`.headings`);
5. footnotes attached to the blocks citing them (:mod:`.footnotes`);
6. languages per block and per document (:mod:`.language`);
7. title, UN symbol and date (:mod:`.metadata`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.raw import RawBlock, RawDocument, RawFootnote, RawKind
from hrdmap.structure.footnotes import FootnoteText, attach_footnotes, footnote_from_block
from hrdmap.structure.headings import (
    Outline,
    adopted_document_title,
    agenda_title_end,
    heading_level,
    is_contents_line,
    is_resolution_heading,
    is_section_candidate,
    looks_like_heading_line,
)
from hrdmap.structure.labels import Label, LabelReader
from hrdmap.structure.language import identify_languages
from hrdmap.structure.masthead import is_masthead_line, masthead_indices
from hrdmap.structure.metadata import SYMBOL, find_date, find_symbol, find_title
from hrdmap.structure.text import normalize_text

_SECTION_LABEL = re.compile(r"(?:[IVXL]{1,6}|[A-Z]|\d{1,2}(?:\.\d{1,2})*)\.\s")
# A resolution's opening words ("The Human Rights Council,", "L'Assemblée générale,") or a decision's
# "At its 40th meeting, …" / "À sa …" / "En su …".
_OPENING_WORDS = re.compile(r"^(?:(?:The|Le|La|L['’]|El)\s?\S+(?:\s+\S+){0,6},(?:\s|$)|(?:At its|À sa|En su)\s)")
_OPENING_WITHIN = 4  # blocks after a resolution's number and title where its opening words are found
_TITLE_LINES = 5  # blocks looked at for a title typed as a line in capitals
_HEADER_BLOCKS = 15  # blocks looked at for a masthead when a document has no title
_NOT_TITLES = frozenset(
    ("contents", "table des matières", "índice", "sommaire", "summary", "résumé", "resumen")
)


@dataclass(slots=True)
class _Draft:
    """A body block on its way to becoming a :class:`Block`."""

    raw: RawBlock
    text: str
    label: Label | None
    kind: BlockKind
    rows: tuple[tuple[str, ...], ...] = ()
    resolution: bool = False  # opens a resolution or decision of a compilation


def build_document(raw: RawDocument, *, source: str, sha256: str, size: int) -> Document:
    """Recover the structure of a raw document.

    Args:
        raw: What an extractor read.
        source: Where the file came from (path, or ``parent!member``).
        sha256: Hex digest of the file's bytes.
        size: Size of the file in bytes.

    Returns:
        The document with blocks in reading order, labels parsed, headings' paths, footnotes attached to the
        blocks that cite them, languages detected and metadata (title, symbol, date) filled where found.
    """
    raw_blocks, stored_notes = _body(raw)
    notes = [FootnoteText(n.label.strip(), normalize_text(n.text), n.page) for n in stored_notes]
    body: list[RawBlock] = []
    for block in raw_blocks:
        if block.kind is RawKind.FOOTNOTE:
            notes.append(footnote_from_block(block.text, block.label, block.page))
        else:
            body.append(block)
    drafts = _drafts(body)
    texts = [f"{d.label.printed} {d.text}" if d.label else d.text for d in drafts]
    block_languages, languages = identify_languages(texts, [d.raw.lang for d in drafts], raw.lang)
    blocks = _shape(drafts, block_languages)
    header = [
        *raw.headers,
        *(line.text for line in raw.lines if line.page == 1),
        *(b.display_text for b in blocks[:25]),
    ]
    return Document(
        source=source,
        sha256=sha256,
        format=raw.format,
        blocks=blocks,
        footnotes=attach_footnotes(notes, blocks),
        title=find_title(raw.title, blocks),
        symbol=find_symbol(header, raw.title),
        date=find_date(header, raw.date),
        languages=languages,
        pages=raw.pages,
        size=size,
        meta=dict(raw.meta),
    )


def _body(raw: RawDocument) -> tuple[list[RawBlock], list[RawFootnote]]:
    """The raw blocks and stored footnotes; for layout sources, what layout analysis makes of the lines."""
    if not raw.lines:
        return raw.blocks, raw.footnotes
    from hrdmap.structure.layout import blocks_from_lines  # only layout sources pay for importing it

    blocks, notes = blocks_from_lines(raw.lines, raw.rules)
    return blocks, [*raw.footnotes, *notes]


#: The job number UN documents print as a barcode ("*1423930*", Code 39 between asterisks).
_BARCODE = re.compile(r"^\*[0-9A-Z]{5,}\*$")


def is_barcode(text: str) -> bool:
    """Whether a block is the barcode of a UN document's job number, not text.

    The barcode is set in a symbol font: read from the PDF, its glyphs are Private Use Area characters
    (U+F02A U+F031 …, the symbol font's "*1…*"), or, with a mapping, "*1423930*". A block made only of Private
    Use Area characters carries no readable text in any case.
    """
    stripped = "".join(text.split())
    if not stripped:
        return False
    if all("\ue000" <= ch <= "\uf8ff" for ch in stripped):
        return True
    return _BARCODE.match(stripped) is not None


def _drafts(body: Sequence[RawBlock]) -> list[_Draft]:
    """Normalise each block's text and split off its label; drop blocks left empty."""
    reader = LabelReader()
    drafts = []
    for raw in body:
        if raw.kind is RawKind.TABLE:
            rows = tuple(tuple(normalize_text(cell) for cell in row) for row in raw.rows)
            text = "\n".join(" | ".join(row) for row in rows) if rows else normalize_text(raw.text)
            if text.strip(" |\n"):
                drafts.append(_Draft(raw, text, None, BlockKind.TABLE, rows))
            continue
        text = normalize_text(raw.text)
        if is_barcode(text):
            continue
        label: Label | None = None
        kind = raw.kind
        if raw.label and raw.label.strip():
            label = reader.parse(raw.label)
        elif raw.kind is not RawKind.TITLE:
            label, text = reader.split(text, heading=raw.kind in (RawKind.HEADING, RawKind.LIST_ITEM))
        elif _SECTION_LABEL.match(text):  # a "title" set large but labelled ("I. Introduction") is a heading
            label, text = reader.split(text, heading=True)
            kind = RawKind.HEADING if label is not None else kind
        if text or label is not None:
            drafts.append(_Draft(raw, text, label, _initial_kind(kind, label, text)))
    _promote_section_headings(drafts)
    _choose_title(drafts)
    _mark_masthead(drafts)
    _mark_resolution_headings(drafts)
    return drafts


def _initial_kind(kind: RawKind, label: Label | None, text: str) -> BlockKind:
    """The kind the format says, except that a "heading" that cannot be one is a paragraph (see
    :func:`.headings.looks_like_heading_line`)."""
    if kind in (RawKind.HEADING, RawKind.TITLE) and not looks_like_heading_line(text):
        return BlockKind.PARAGRAPH
    if kind is RawKind.HEADING:
        return BlockKind.HEADING
    if kind is RawKind.TITLE:
        return BlockKind.TITLE
    if kind is RawKind.LIST_ITEM or (label is not None and label.number is None):
        return BlockKind.LIST_ITEM
    return BlockKind.PARAGRAPH


def _promote_section_headings(drafts: list[_Draft]) -> None:
    """Make heading-like paragraphs labelled in their text headings, unless in a run of such lines (a list).

    Labels the format generated (Word numbering) are left alone: there the format's style says what a heading
    is.
    """
    candidates = [not d.raw.label and is_section_candidate(d.raw.kind, d.label, d.text) for d in drafts]
    for i, draft in enumerate(drafts):
        if not candidates[i]:
            continue
        label = cast(Label, draft.label)
        in_run = any(
            0 <= j < len(drafts) and candidates[j] and cast(Label, drafts[j].label).style is label.style
            for j in (i - 1, i + 1)
        )
        if not in_run:
            draft.kind = BlockKind.HEADING


def _choose_title(drafts: list[_Draft]) -> None:
    """Keep one TITLE and no section heading above it.

    The title is the first block the format marks as title that can be one (not a masthead line such as
    "UNITED" or "General Assembly", not labelled, with letters), else the first heading that can be one,
    provided no other heading or numbered paragraph comes before it. Headings above the title are masthead
    lines set in a large font, so they become paragraphs.
    """
    for draft in drafts:
        if draft.kind is BlockKind.TITLE and not _can_be_title(draft):
            draft.kind = BlockKind.PARAGRAPH
    titles = [d for d in drafts if d.kind is BlockKind.TITLE]
    for extra in titles[1:]:
        extra.kind = BlockKind.HEADING
    title = titles[0] if titles else _first_heading_as_title(drafts) or _first_line_as_title(drafts)
    if title is None:
        return
    title = _un_title(drafts, title)
    title.kind = BlockKind.TITLE
    at = drafts.index(title)
    for draft in drafts[:at]:
        if draft.kind in (BlockKind.HEADING, BlockKind.TITLE):
            draft.kind = BlockKind.PARAGRAPH
    if at + 1 < len(drafts) and drafts[at + 1].raw.kind is RawKind.TITLE:  # a subtitle ("Belarus")
        drafts[at + 1].kind = BlockKind.PARAGRAPH


def _mark_resolution_headings(drafts: Sequence[_Draft]) -> None:
    """Make the lines that open each resolution or decision of a compilation headings, below the title.

    A session report or a volume of resolutions holds their texts one after another, each opened by its number
    and title ("28/1. Composition of staff …") and sometimes its symbol ("A/HRC/RES/28/1"), then the body's
    opening words ("The Human Rights Council,") or a decision's "At its 40th meeting, …" within the next
    :data:`_OPENING_WITHIN` blocks; the opening words tell such a line from an entry of a list of resolutions
    ("28/104 Outcome of the universal periodic review: Fiji 18 March 2015"). As headings, they give every
    paragraph the resolution it belongs to (its heading path), so a reader can split the volume. A document that
    is one resolution keeps its number and title as its title.
    """
    start = next((i + 1 for i, d in enumerate(drafts) if d.kind is BlockKind.TITLE), 0)
    openings = [bool(_OPENING_WORDS.match(d.text)) for d in drafts]
    for i in range(start, len(drafts)):
        draft = drafts[i]
        if draft.label is not None or draft.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING):
            continue
        text = draft.text
        if is_resolution_heading(text, symbol=bool(SYMBOL.fullmatch(text))) and any(
            openings[i + 1 : i + 1 + _OPENING_WITHIN]
        ):
            draft.kind, draft.resolution = BlockKind.HEADING, True


def _mark_masthead(drafts: Sequence[_Draft]) -> None:
    """Mark the UN masthead's lines above the title (see :func:`.masthead.masthead_indices`).

    The header is the first page's blocks above the title and the first numbered block; without a title, at
    most the first :data:`_HEADER_BLOCKS`.
    """
    titled = any(d.kind is BlockKind.TITLE for d in drafts)
    header: list[_Draft] = []
    for draft in drafts if titled else drafts[:_HEADER_BLOCKS]:
        numbered = draft.label is not None and draft.label.number is not None
        if (draft.raw.page or 1) > 1 or draft.kind is BlockKind.TITLE or numbered:
            break
        header.append(draft)
    for i in masthead_indices([d.text for d in header]):
        header[i].kind = BlockKind.MASTHEAD


def _un_title(drafts: Sequence[_Draft], title: _Draft) -> _Draft:
    """Correct the title by the UN masthead's order: agenda item, its title, then the document's title.

    A heading between the agenda item's title and the largest-set block is the title (the largest may be the
    country under review); "Resolution adopted by the General Assembly …" gives way to the resolution's own
    title ("80/251. Mandate creation …") in the next blocks.
    """
    texts = [d.text for d in drafts]
    at = drafts.index(title)
    start = agenda_title_end(texts[: at + 1])
    if start is not None:
        # After the agenda item's title: the first block set as a heading, or the title itself when it comes
        # first; when the supposed title *is* the agenda item's title, the first heading after it.
        end = len(drafts) if start > at else at
        fits = (
            i for i in range(start, end) if drafts[i].kind is BlockKind.HEADING and _can_be_title(drafts[i])
        )
        at = next(fits, at)
        title = drafts[at]
    own = adopted_document_title(texts[at:])
    if not own:
        return title
    if not _can_be_title(drafts[at + own]) and at + own + 1 < len(drafts):  # "28/111." on a line of its own
        return drafts[at + own + 1]
    return drafts[at + own]


def _first_heading_as_title(drafts: Sequence[_Draft]) -> _Draft | None:
    for draft in drafts:
        if draft.kind is BlockKind.HEADING:
            if _can_be_title(draft):
                return draft
            if draft.label is not None:
                return None
        elif draft.label is not None and draft.kind is BlockKind.PARAGRAPH:
            return None
    return None


def _first_line_as_title(drafts: Sequence[_Draft]) -> _Draft | None:
    """A first line in capitals that reads as a title ("ADVANCE QUESTIONS TO SLOVENIA"), among the first
    blocks of a document that marks none as title or heading (a Word file typed in the Normal style).

    Only capitals count: a first line in ordinary case may be a letterhead, an address or a name.
    """
    for draft in drafts[:_TITLE_LINES]:
        if draft.kind is not BlockKind.PARAGRAPH or draft.label is not None:
            return None
        text = draft.text
        if is_masthead_line(text):
            continue
        words = text.split()
        fits = 2 <= len(words) <= 15 and len(text) <= 150 and text[-1:] not in ".;:,!?"
        return draft if fits and text.isupper() and _can_be_title(draft) else None
    return None


def _can_be_title(draft: _Draft) -> bool:
    text = draft.text
    return (
        draft.label is None
        and not is_masthead_line(text)
        and not is_contents_line(text)
        and sum(c.isalpha() for c in text) >= 3
        and text.lower().rstrip(":") not in _NOT_TITLES
    )


def _shape(drafts: Sequence[_Draft], languages: Sequence[str | None]) -> list[Block]:
    """Give each draft its index, level, heading path and language."""
    outline = Outline()
    blocks = []
    section_level = 0  # level of the section holding the resolutions of a compilation
    resolution_level: int | None = None  # level of the open resolution, whose inner headings are deeper
    for index, (draft, language) in enumerate(zip(drafts, languages, strict=True)):
        raw, label = draft.raw, draft.label
        shown = f"{label.printed} {draft.text}" if label else draft.text
        if draft.kind is BlockKind.HEADING and draft.resolution:  # resolutions of a compilation are siblings
            level = resolution_level = section_level + 1
            path = outline.enter_heading(level, shown)
        elif draft.kind is BlockKind.HEADING:
            level = heading_level(label, draft.text, raw.level, outline.level)
            if resolution_level is None or level <= resolution_level:
                section_level, resolution_level = level, None
            path = outline.enter_heading(level, shown)
        elif draft.kind is BlockKind.TITLE:
            level, path = 0, outline.path
        else:
            level = outline.nest(label) if draft.kind is not BlockKind.TABLE else 0
            if raw.kind is RawKind.LIST_ITEM and raw.level > 0:
                level = raw.level
            path = outline.path
        blocks.append(
            Block(
                index=index,
                kind=draft.kind,
                text=draft.text,
                label=label.printed if label else None,
                number=label.number if label else None,
                level=level,
                heading_path=path,
                page=raw.page,
                language=language,
                footnote_refs=tuple(ref.strip() for ref in raw.footnote_refs),
                rows=draft.rows,
            )
        )
    return blocks
