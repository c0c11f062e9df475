"""Right-to-left lines of a PDF: glyphs placed on the page → text in logical (reading) order.

A PDF places glyphs; it does not say in which order a reader reads them. Many generators store Arabic as
shaped presentation forms in *visual* order (left to right as drawn, after their own bidi reordering); pdfium
then applies a simplified bidi pass of its own, which puts the Arabic letters back in reading order but
reverses the left-to-right runs inside the line ("2026." comes out ".2026", "A/RES/EX/1" as "/1EX/RES/A") and
mirrors some brackets. Neither the stored order nor pdfium's is reliable, but the positions are: sorted by
their left edge, the characters give the line as displayed, and the Unicode bidi algorithm (python-bidi, the
Rust ``unicode-bidi`` crate), applied to that display order, gives back the logical order. Brackets are then
turned to face their content, since whether a bracket was mirrored depends on the generator and on pdfium.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_PAIRS = {"(": ")", "[": "]", "{": "}"}
_BRACKETS = {char: pair for pair in _PAIRS.items() for char in pair}
_SAME_BOX = 0.01  # points: characters a ligature glyph decomposes into share one box

Glyph = tuple[float, float, str]
"""A character and its box's left and right edges, in page coordinates: (left, right, character)."""


def has_right_to_left(text: str) -> bool:
    """Whether a text holds any Arabic or Hebrew letter (and so may need reordering)."""
    return _RTL_LETTER.search(text) is not None


def logical_text(glyphs: Sequence[Glyph]) -> str:
    """The text of one line of glyphs in reading order.

    Args:
        glyphs: The line's characters in pdfium's order, with their boxes' left and right edges.

    Returns:
        The line in logical order: right-to-left runs read right to left, numbers and Latin runs left to
        right within them, brackets facing their content.

    Example:
        >>> logical_text([(30, 40, "ب"), (20, 30, "أ"), (0, 5, "."), (5, 10, "1"), (10, 15, "2"), (15, 20, " ")])
        'بأ 12.'
    """
    from bidi import get_display  # type: ignore[import-untyped]  # python-bidi ships no type hints

    visual = _display_order(glyphs)
    rtl = len(_RTL_LETTER.findall(visual)) >= len(_LATIN_LETTER.findall(visual))
    logical: str = get_display(visual, base_dir="R" if rtl else "L")
    return _face_brackets(logical)


def _display_order(glyphs: Sequence[Glyph]) -> str:
    """The characters as displayed, left to right.

    Characters that share one box come from one glyph (a lam-alef ligature gives lam and alef); pdfium lists
    them in reading order, so in a right-to-left glyph they are put in display order (reversed) for the bidi
    algorithm to turn back.
    """
    clusters: list[tuple[float, float, int, str]] = []
    for left, right, char in glyphs:
        if clusters and abs(clusters[-1][0] - left) < _SAME_BOX and abs(clusters[-1][1] - right) < _SAME_BOX:
            clusters[-1] = (left, right, clusters[-1][2], clusters[-1][3] + char)
        else:
            clusters.append((left, right, len(clusters), char))
    clusters.sort()
    return "".join(chars[::-1] if len(chars) > 1 and has_right_to_left(chars) else chars for *_, chars in clusters)


def _face_brackets(text: str) -> str:
    """Turn each bracket towards its content: "(" after a space and before text, ")" the other way round."""
    if not any(char in _BRACKETS for char in text):
        return text
    chars = list(text)
    for i, char in enumerate(chars):
        pair = _BRACKETS.get(char)
        if pair is None:
            continue
        opening, closing = pair
        before = chars[i - 1] if i else " "
        after = chars[i + 1] if i + 1 < len(chars) else " "
        if (before.isspace() or before in _PAIRS) and not after.isspace():
            chars[i] = opening
        elif not before.isspace() and (after.isspace() or not after.isalnum()):
            chars[i] = closing
    return "".join(chars)
