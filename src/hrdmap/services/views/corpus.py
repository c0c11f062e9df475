"""Views of the corpus: stored documents, their blocks and footnotes, search results."""

from __future__ import annotations

from collections.abc import Mapping

from hrdmap.domain.document import Block, Footnote, StoredDocument
from hrdmap.search.base import HIGHLIGHT_END, HIGHLIGHT_START
from hrdmap.services.corpus import LoadedDocument, SearchResult
from hrdmap.services.review import BlockTags
from hrdmap.services.views.tags import effective_tag_view


def document_view(document: StoredDocument, *, confidential: bool | None = None) -> dict[str, object]:
    """A stored document (its current version): ids, source, checksum, metadata and counts, and, when the caller
    looked it up, whether a confidential contribution brought it (``confidential``: internal views mark it, see
    :mod:`hrdmap.services.disclosure`; the key is left out rather than guessed).

    What ``hrdmap documents --json`` lists, and the ``document`` of every view that names one.
    """
    view: dict[str, object] = {
        "id": document.id,
        "version_id": document.version_id,
        "version": document.version,
        "source": document.source,
        "sha256": document.sha256,
        "format": document.format,
        "title": document.title,
        "symbol": document.symbol,
        "date": document.date.isoformat() if document.date else None,
        "languages": list(document.languages),
        "pages": document.pages,
        "paragraphs": document.paragraphs,
        "ingested_at": document.ingested_at.isoformat(),
    }
    if confidential is not None:
        view["confidential"] = confidential
    return view


def block_view(block: Block, tags: BlockTags | None = None) -> dict[str, object]:
    """A block of a document: kind, label, number, level, headings above it, page, language, footnote markers,
    text and table rows; with ``tags``, also its stored id and the labels it carries (``hrdmap show --json``).
    """
    view: dict[str, object] = {
        "index": block.index,
        "kind": block.kind.value,
        "label": block.label,
        "number": block.number,
        "level": block.level,
        "heading_path": list(block.heading_path),
        "page": block.page,
        "language": block.language,
        "footnote_refs": list(block.footnote_refs),
        "text": block.text,
        "rows": [list(r) for r in block.rows],
    }
    if tags is not None:
        view |= {"block_id": tags.block_id, "tags": [effective_tag_view(t) for t in tags.tags]}
    return view


def footnote_view(footnote: Footnote) -> dict[str, object]:
    """A footnote: its label, text, the block that cites it and its page."""
    return {"label": footnote.label, "text": footnote.text, "block_index": footnote.block_index, "page": footnote.page}


def loaded_document_view(
    loaded: LoadedDocument, tags: Mapping[int, BlockTags] | None = None, *, confidential: bool = False
) -> dict[str, object]:
    """A document with its structure, for ``hrdmap show --json``: the document, its blocks (with the labels of
    ``tags``, by block index, when given) and its footnotes; ``confidential`` marks it."""
    found = tags or {}
    return {
        "confidential": confidential,
        "document": document_view(loaded.stored, confidential=confidential),
        "blocks": [block_view(b, found.get(b.index)) for b in loaded.document.blocks],
        "footnotes": [footnote_view(f) for f in loaded.document.footnotes],
    }


def search_result_view(result: SearchResult, *, confidential: bool = False) -> dict[str, object]:
    """A paragraph found by a search: where it is, its score, and its snippet as plain text with the
    ``[start, end)`` offsets of the matches (``highlights``), so no marker reaches a script; ``confidential``
    marks a paragraph of a confidential contribution."""
    text, spans = _unmarked(result.snippet)
    block = result.block
    return {
        "confidential": confidential,
        "block_id": result.block_id,
        "score": result.score,
        "document_id": result.document.id,
        "source": result.document.source,
        "symbol": result.document.symbol,
        "title": result.document.title,
        "kind": block.kind.value,
        "label": block.label,
        "number": block.number,
        "citation": result.citation,
        "heading_path": list(block.heading_path),
        "page": block.page,
        "language": block.language,
        "snippet": text,
        "highlights": [list(s) for s in spans],
    }


def _unmarked(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A search snippet without its match markers, and the ``(start, end)`` offsets of its matches."""
    text, spans = "", []
    for n, part in enumerate(snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START)):
        if n % 2:
            spans.append((len(text), len(text) + len(part)))
        text += part
    return text, spans
