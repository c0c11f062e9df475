"""Headings, their levels and paths, and the nesting of sub-paragraphs.

UN documents number sections with Roman numerals (level 1), sub-sections with capital letters (level 2) and,
sometimes, sub-sub-sections with Arabic numerals (level 3, "1.1" one deeper). A level the file format states
(Word's "Heading 2") wins over the label. Extractors that only see layout often hand headings over as
paragraphs, so a paragraph becomes a heading when its label is a section label and its text reads as a
heading: "III. STEPS TAKEN", "A. Dialogue between Governments and defenders". A numbered paragraph
("1. The General Assembly …") never does: it is a sentence. A run of short numbered lines is a list, not a
series of headings; the builder checks the neighbours (:func:`is_section_candidate`).

Inside a section, sub-paragraphs nest by the form of their labels: "(a)" under "12." is level 1, "(i)" under
"(a)" is level 2 (:class:`Outline`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hrdmap.domain.raw import RawKind
from hrdmap.structure.labels import Label, LabelStyle, looks_like_heading_text

_SECTION_STYLES = {
    LabelStyle.UPPER_ROMAN: 1,
    LabelStyle.UPPER_LETTER: 2,
    LabelStyle.DECIMAL: 3,
    LabelStyle.OUTLINE: 3,
}
_TOP_LEVEL_WORDS = frozenset(
    "annex annexe anexo annexes anexos summary résumé resumen contents sommaire índice appendix appendice "
    "apéndice introduction introducción".split()
)



_CONTENTS_LEADER = re.compile(r"\.{4,}|…{2,}|(?:\. ){3,}|[·•]{4,}|(?:[·•] ){3,}")


_AGENDA = re.compile(r"^(?:agenda items?|points? \d+ de l'ordre du jour|temas? \d+ del programa)\b", re.I)
_ADOPTED = re.compile(
    r"^(?:resolution|decision) adopted by|^(?:résolution|décision) adoptée par"
    r"|^(?:resolución|decisión) aprobada por",
    re.I,
)
_DIGIT = re.compile(r"\d")
_RESOLUTION_NUMBER = re.compile(r"^\d{1,3}/\d{1,3}\b")
# "28/1. Composition of staff …", "28/111.", "S-33/1.", "Resolution 7/1. …", "Décision 7/101"
_RESOLUTION_HEADING = re.compile(
    r"^(?:(?:resolution|decision|résolution|décision|resolución|decisión)\s+)?(?:\d{1,3}|S-\d{1,2})/\d{1,3}\b"
    r"\.?(?:\s+\(?[A-ZÀ-Ý0-9«“\"].*)?$",
    re.IGNORECASE,
)
_ADOPTED_SYMBOL = re.compile(r"/(?:RES|DEC|PRST)/")
_RESOLUTION_WORDS = 40  # a resolution's title is long, but never this long


def is_contents_line(text: str) -> bool:
    """Tell whether a line is an entry of a table of contents (dot leaders to a page number)."""
    return bool(_CONTENTS_LEADER.search(text))


def looks_like_heading_line(text: str) -> bool:
    """Tell whether a block a format marks as a heading can be one.

    Not when it starts in lower case (a line of running text set in bold), leads dots to a page number (a
    contents entry) or is mostly digits (a table row such as "Gross requirements 68 791 100 …").
    """
    digits = len(_DIGIT.findall(text))
    return not (text[:1].islower() or is_contents_line(text) or digits * 2 > len(text))


def agenda_title_end(texts: Sequence[str]) -> int | None:
    """Index of the block after the agenda item's title in a UN masthead ("Agenda item 3" + its title)."""
    for i, text in enumerate(texts):
        if _AGENDA.match(text):
            # "Agenda item 146 Administrative and budgetary aspects …" holds its title on the same line.
            return i + 1 if len(text.split()) > 4 else i + 2
    return None


def adopted_document_title(texts: Sequence[str]) -> int:
    """Offset of a resolution's own title ("80/251. Mandate creation …") after an adoption line, else 0."""
    if not texts or not _ADOPTED.match(texts[0]):
        return 0
    return next((i for i, text in enumerate(texts[1:4], 1) if _RESOLUTION_NUMBER.match(text)), 0)


def is_resolution_heading(text: str, symbol: bool) -> bool:
    """Tell whether a paragraph opens a resolution or decision in a compilation: its number and title ("28/1.
    Composition of staff of the Office …", "Resolution 7/1. …", "28/111." on a line of its own), or its symbol
    on a line of its own ("A/HRC/RES/28/1").

    Args:
        text: The paragraph's text.
        symbol: Whether the text is a UN symbol and nothing else.

    Returns:
        True for such lines; not for a sentence that cites a resolution ("Resolution 7/1 was adopted …").
    """
    if symbol:
        return bool(_ADOPTED_SYMBOL.search(text))
    if len(text.split()) > _RESOLUTION_WORDS or is_contents_line(text) or not _RESOLUTION_HEADING.match(text):
        return False
    return not text.rstrip(")]").endswith((".", ";", ",", ":")) or bool(re.fullmatch(r"\S+\.", text))


def is_section_candidate(kind: RawKind, label: Label | None, text: str) -> bool:
    """Tell whether a block could be a labelled section heading printed as a paragraph.

    Args:
        kind: What the format says the block is.
        label: The block's label, if any.
        text: The text without the label.

    Returns:
        True for a paragraph with a section label ("I.", "A.", "1.", "1.1") whose text reads as a heading.
    """
    if kind is not RawKind.PARAGRAPH or label is None or label.style not in _SECTION_STYLES:
        return False
    return label.form in ("x.", "x") and looks_like_heading_text(text) and not is_contents_line(text)


def heading_level(label: Label | None, text: str, raw_level: int, current: int) -> int:
    """Return the level of a heading (1 = top).

    Args:
        label: The heading's label, if any.
        text: The heading's text without the label.
        raw_level: The level the format states, 0 when unknown.
        current: The level of the innermost heading above, 0 when none.

    Returns:
        The stated level; else the label's level (Roman 1, capital letter 2, number 3, "1.1" 4); else 1 for
        the words that open a document part ("Annex", "Summary"); else one below the heading above.
    """
    if raw_level > 0:
        return raw_level
    if label is not None and label.style in _SECTION_STYLES:
        depth = label.number.count(".") if label.number else 0
        return _SECTION_STYLES[label.style] + depth
    first = text.split(maxsplit=1)[0].lower().rstrip(".:") if text else ""
    if first in _TOP_LEVEL_WORDS or current == 0:
        return 1
    return current + 1


class Outline:
    """Tracks the headings above the current block and the nesting of sub-paragraph labels."""

    def __init__(self) -> None:
        self._headings: list[tuple[int, str]] = []
        self._lists: list[tuple[LabelStyle, str]] = []
        self._path: tuple[str, ...] = ()

    @property
    def path(self) -> tuple[str, ...]:
        """Display texts of the open headings, outermost first."""
        return self._path

    @property
    def level(self) -> int:
        """Level of the innermost open heading, 0 when none."""
        return self._headings[-1][0] if self._headings else 0

    def enter_heading(self, level: int, name: str) -> tuple[str, ...]:
        """Open a heading; return the path above it (without itself)."""
        while self._headings and self._headings[-1][0] >= level:
            self._headings.pop()
        path = tuple(heading for _, heading in self._headings)
        self._headings.append((level, name))
        self._path = (*path, name)
        self._lists.clear()
        return path

    def nest(self, label: Label | None) -> int:
        """Return the nesting depth of a labelled paragraph or list item (0 = top) and remember its list.

        A numbered paragraph starts a new nest at depth 0. Any other form goes back to its list if that list
        is open, or opens a new one a level deeper. Unlabelled paragraphs are depth 0 and leave the nest open,
        so "(b)" after a paragraph of commentary still follows "(a)".
        """
        if label is None:
            return 0
        key = (label.style, label.form if label.style is not LabelStyle.BULLET else label.printed)
        if label.style in (LabelStyle.DECIMAL, LabelStyle.OUTLINE) and label.form in ("x.", "x", "x-"):
            self._lists = [key]
            return 0
        if key in self._lists:
            depth = self._lists.index(key)
            del self._lists[depth + 1 :]
            return depth
        self._lists.append(key)
        return len(self._lists) - 1
