"""The traceability sidecar: every numbered paragraph of a draft and the corpus paragraphs it came from.

``draft-sources.json`` maps each paragraph number to its sources (``blocks.id``, document id, the source
paragraph's own label, the area and kind it was filed under, its language) and its footnotes, and records the
word count against the limit. A confidential contribution appears by document id only, flagged
``"confidential": true``: the sidecar names no confidential contributor either.
"""

from __future__ import annotations

import json
from typing import Any

from hrdmap.domain.report import NoteRef, Paragraph, Report, Source

FILE_NAME = "draft-sources.json"


def _source(source: Source) -> dict[str, Any]:
    return {
        "block": source.block_id,
        "document": source.document_id,
        "contributor": source.contributor,
        "confidential": source.confidential,
        "label": source.label,
        "area": source.area,
        "kind": source.kind,
        "language": source.language,
    }


def _notes(paragraph: Paragraph) -> list[int]:
    content = [*paragraph.content, *(i for item in paragraph.items for i in item.content)]
    return [i.number for i in content if isinstance(i, NoteRef)]


def _paragraph(paragraph: Paragraph, section: str, subsection: str | None) -> dict[str, Any]:
    return {
        "section": section,
        "subsection": subsection,
        "sources": [_source(s) for s in paragraph.sources],
        "items": {item.letter: [_source(s) for s in item.sources] for item in paragraph.items if item.sources},
        "footnotes": _notes(paragraph),
        "words": paragraph.words(),
    }


def sidecar(report: Report) -> dict[str, Any]:
    """The sidecar of ``report`` as a JSON-ready mapping."""
    paragraphs: dict[str, Any] = {}
    for section in report.sections:
        for p in section.paragraphs:
            paragraphs[str(p.number)] = _paragraph(p, section.numeral, None)
        for sub in section.subsections:
            for p in sub.paragraphs:
                paragraphs[str(p.number)] = _paragraph(p, section.numeral, sub.letter)
    return {
        "symbol": report.symbol,
        "title": report.title,
        "language": report.language,
        "meta": report.meta,
        "words": {
            "body": report.body_words(),
            "footnotes": report.footnote_words(),
            "limit": report.word_limit,
            "over_limit": report.over_limit,
        },
        "paragraphs": paragraphs,
        "footnotes": {str(n.number): n.full_text for n in report.footnotes},
        "originals": {
            str(n.number): {"language": n.original.language, "text": n.original.text}
            for n in report.footnotes
            if n.original
        },
    }


def sidecar_json(report: Report) -> str:
    """The sidecar as indented JSON text."""
    return json.dumps(sidecar(report), ensure_ascii=False, indent=2) + "\n"
