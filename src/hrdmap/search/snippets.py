"""Cut a snippet from a paragraph and mark the words that matched the query.

Both back-ends call this on the original paragraph text, so the marks sit on what the author wrote
("Défenseurs", "الإنسان") even though the index holds folded terms, and on the paragraph's own forms of the
query's words ("defenders" for the query "defender").
"""

from __future__ import annotations

from collections.abc import Iterable

from hrdmap.search.analysis import find_terms
from hrdmap.search.base import HIGHLIGHT_END, HIGHLIGHT_START

SNIPPET_CHARS = 240
"""Longest snippet, markers and ellipses not counted."""
_LEAD = 60  # context kept before the first match
_SNAP = 20  # how far to look for a space to cut at, so words stay whole
_ELLIPSIS = "…"


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans and join those that overlap or touch (CJK bigrams overlap by one character)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _densest_start(spans: list[tuple[int, int]], width: int) -> int:
    """Start of the window of ``width`` characters that holds the most matches."""
    best_start, best_count = spans[0][0], 0
    for start, _ in spans:
        count = sum(1 for s, e in spans if s >= start and e <= start + width - _LEAD)
        if count > best_count:
            best_start, best_count = start, count
    return best_start


def _snap_start(text: str, start: int, limit: int) -> int:
    """Move a cut forward to just after a space, no further than ``limit``."""
    if start == 0 or text[start - 1].isspace():
        return start
    for index in range(start, min(limit, start + _SNAP)):
        if text[index].isspace():
            return index + 1
    return start


def _snap_end(text: str, end: int, limit: int) -> int:
    """Move a cut back to a space, no further back than ``limit``."""
    if end >= len(text) or text[end].isspace():
        return end
    for index in range(end, max(limit, end - _SNAP), -1):
        if text[index].isspace():
            return index
    return end


def _window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    first = _densest_start(spans, width)
    start = max(0, first - _LEAD)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    inside = [span for span in spans if span[0] >= start and span[1] <= end]
    start = _snap_start(text, start, inside[0][0] if inside else end)
    end = _snap_end(text, end, inside[-1][1] if inside else start)
    return start, end


def make_snippet(
    text: str,
    terms: frozenset[str],
    prefixes: frozenset[str] = frozenset(),
    width: int = SNIPPET_CHARS,
    *,
    stems: frozenset[str] = frozenset(),
    language: str | None = None,
) -> str:
    """Part of ``text`` around the matches, each match between ``HIGHLIGHT_START`` and ``HIGHLIGHT_END``.

    Args:
        text: The paragraph as stored.
        terms: Analysed query terms to mark (:meth:`ParsedQuery.highlight_terms`).
        prefixes: Words starting with these are marked too (:meth:`ParsedQuery.highlight_prefixes`).
        width: Longest snippet in characters.
        stems: Words with these tagged stems are marked too (:meth:`ParsedQuery.highlight_stems`).
        language: The paragraph's language, which decides how its words are stemmed.

    Returns:
        The snippet, with "…" where the paragraph was cut; the paragraph's start when nothing matches.
    """
    spans = _merged(find_terms(text, terms, prefixes, stems, language))
    if spans:
        start, end = _window(text, spans, width)
    else:
        start, end = 0, _snap_end(text, min(len(text), width), 0)
    pieces = [_ELLIPSIS] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        if span_start >= start and span_end <= end:
            pieces += [text[position:span_start], HIGHLIGHT_START, text[span_start:span_end], HIGHLIGHT_END]
            position = span_end
    pieces.append(text[position:end])
    if end < len(text):
        pieces.append(_ELLIPSIS)
    return "".join(pieces)
