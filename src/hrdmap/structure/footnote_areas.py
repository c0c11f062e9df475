"""Layout analysis, step 3: each page's footnote area is cut off from its body rows.

Word processors set footnotes at the page foot, under a short rule, in a smaller font, each opening with its
label, raised or plain. Exporters differ in which of these they keep, so the area is found by the strongest cue
present:

1. **The separator rule.** A short horizontal rule (at most half the text width) drawn as a path in the lower
   two thirds of the page, at the text's left or right margin, crossing no text and not part of a longer line
   (a table's border drawn in segments), with rows below it that open a footnote (or go on with the previous
   page's last one) and none set larger than the body: everything below it is the footnote area. A long rule
   counts too when everything below it is set smaller than the body (Word's continuation separator).
2. **The smaller-font block at the foot.** Without a rule, the area starts at the first row that opens with a
   footnote label when no row below it is set larger: a raised label in a smaller font, or a plain number or
   asterisk in a font smaller than the body (by 0.4 point or more). A raised label on a row set like the body
   opens an area only at the top of the page or after a row that ends a sentence, and when no numbered
   paragraph or bold row follows on the page: otherwise it is a marker that wrapped to the start of a line of
   running text ("organizations" + "⁶ measures report …"). Endnotes set like the body are found this way.

Rows opening with a label start a footnote; other rows continue the current one. Plain numbers must follow the
previous footnote's number (or be 1 at the top of an area), so "138 concerning Minimum Age …" stays inside note
8. Rows in a smaller font just above the area, and rows at the top of the next page, continue the previous
page's last footnote, so a footnote broken by a page break is one footnote.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hrdmap.domain.raw import RawRule
from hrdmap.structure.hyphenation import Vocabulary, join_lines
from hrdmap.structure.rows import Row

_PLAIN_NOTE = re.compile(r"(\d{1,3}|\*{1,3})(?:\s+(?=\S)|(?=[A-Z][a-z]))")  # "12 See …", "12See …" (no gap)
_PARAGRAPH_LABEL = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*\.|\((?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,3})\)|[IVXL]{1,6}\.)\s")
_GLUED_NUMBER = re.compile(r"(?<=[a-z.,;:)\]”’\"'])(\d{1,3})(?=[\s,.;:)]|$)")
_SMALLER = 0.4  # points: a row set this much below the body size is in a smaller font
_SENTENCE_ENDS = ".;:!?。؟"
_CLOSERS = "\"'”’)]"


@dataclass(slots=True)
class Notes:
    """Footnotes collected page by page: a label and the rows of its text."""

    items: list[tuple[str, list[str]]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    def add(self, rows: Sequence[Row]) -> None:
        """Add a page's footnote rows: rows opening with a label start a footnote, others go on with the last."""
        for i, row in enumerate(rows):
            label, text = note_start(row)
            if label is not None and row.note_label is None and not self._next_number(label, i == 0):
                label, text = None, row.text
            if label is not None:
                self.items.append((label, [text] if text else []))
                self.pages.append(row.page)
            elif self.items:
                self.items[-1][1].append(row.text)

    def _next_number(self, label: str, area_top: bool) -> bool:
        """A plain label opens a footnote when it is asterisks or follows the last footnote's number (or is 1
        at the top of a page's area: some documents number their notes page by page)."""
        if label.startswith("*"):
            return True
        last = self.items[-1][0] if self.items else "0"
        if area_top and label == "1":
            return True
        return last.isdigit() and label.isdigit() and int(label) == int(last) + 1

    def joined(self, words: Vocabulary) -> list[tuple[str, str, int]]:
        """Each footnote's label, text (its rows joined, line-end hyphens undone) and page."""
        return [
            (label, join_lines(texts, words), page) for (label, texts), page in zip(self.items, self.pages, strict=True)
        ]


def cite_glued_numbers(body: Sequence[Row], notes: Notes) -> None:
    """Read numbers glued to a word as footnote references where the exporter drew them like the text.

    Some PDFs set a footnote reference at the text's size and baseline ("cooperation with the United
    Nations9,"), so nothing in its shape tells it apart. Such a number is a reference when a footnote with that
    label is printed on the same page and no marker cites it: it leaves the text and joins the row's
    references. Only numbers glued to a lower-case letter or closing punctuation count ("Nations9", "rights.12",
    "(2019)3"), never after a capital, a slash or a hyphen ("G20", "A/HRC/28", "COVID-19").
    """
    on_page: dict[int, set[str]] = defaultdict(set)
    for (label, _), page in zip(notes.items, notes.pages, strict=True):
        on_page[page].add(label)
    cited = {ref for row in body for ref in row.refs}
    for row in body:
        labels = on_page.get(row.page)
        if not labels:
            continue
        found = [m for m in _GLUED_NUMBER.finditer(row.text) if m.group(1) in labels and m.group(1) not in cited]
        if found:
            for match in reversed(found):
                row.text = row.text[: match.start(1)] + row.text[match.end(1) :]
            row.refs = (*row.refs, *(match.group(1) for match in found))
            cited.update(match.group(1) for match in found)


def note_start(row: Row) -> tuple[str | None, str]:
    """A footnote's label and the rest of the row's text when the row opens a footnote."""
    if row.note_label is not None:
        return row.note_label, row.text
    match = _PLAIN_NOTE.match(row.text)
    return (match.group(1), row.text[match.end() :]) if match else (None, row.text)


def split_notes(
    pages: Mapping[int, list[Row]], body_size: float, rules: Sequence[RawRule] = ()
) -> tuple[list[Row], Notes]:
    """Separate each page's footnote area from its body rows.

    Args:
        pages: Each page's rows, top to bottom, by page number in order.
        body_size: The document's body text size.
        rules: Thin lines drawn on the pages (footnote separators among them).

    Returns:
        The body rows in page order, and the footnotes.
    """
    separators = _separators(pages, rules, body_size)
    body: list[Row] = []
    notes = Notes()
    previous_in_notes = False
    for number, rows in pages.items():
        continuing = previous_in_notes and bool(notes.items)
        start = _below_separator(rows, separators.get(number, ()), bool(notes.items))
        if start is None:
            start = _note_area_start(rows, body_size, continuing)
        for row in rows[:start]:
            if row.note_label is not None:  # a reference wrapped to the start of a line of text
                row.refs, row.note_label = (row.note_label, *row.refs), None
            body.append(row)
        notes.add(rows[start:])
        previous_in_notes = start < len(rows)
    return body, notes


# --- the separator rule -------------------------------------------------------------------------------------


def _separators(
    pages: Mapping[int, list[Row]], rules: Sequence[RawRule], body_size: float
) -> dict[int, list[float]]:
    """The bottoms of the rules that may separate each page's footnotes, top to bottom."""
    by_page: dict[int, list[RawRule]] = defaultdict(list)
    for rule in rules:
        if rule.horizontal:
            by_page[rule.page].append(rule)
    found: dict[int, list[float]] = {}
    for number, page_rules in by_page.items():
        rows = pages.get(number)
        if rows:
            tops = [rule.bottom for rule in page_rules if _is_separator(rule, page_rules, rows, body_size)]
            if tops:
                found[number] = sorted(tops)
    return found


def _is_separator(rule: RawRule, page_rules: Sequence[RawRule], rows: Sequence[Row], body_size: float) -> bool:
    left, right = min(row.left for row in rows), max(row.right for row in rows)
    width, length = max(right - left, 1.0), rule.right - rule.left
    if rule.top < 0.3 * rows[0].page_height or length > 1.02 * width:
        return False
    if abs(rule.left - left) > max(0.1 * width, 12.0) and abs(rule.right - right) > max(0.1 * width, 12.0):
        return False
    if any(_continues(rule, other) for other in page_rules if other is not rule):
        return False  # a segment of a longer line: a table's border drawn cell by cell
    if any(row.top < rule.bottom + 1 and row.bottom > rule.top - 1 for row in rows):
        return False  # crosses text: an underline, a strike-through, a cell border
    below = [row for row in rows if row.top >= rule.bottom - 0.5]
    if not below or any(row.size > body_size + 0.5 for row in below):
        return False
    return length <= 0.5 * width or all(row.size <= body_size - _SMALLER for row in below)


def _continues(rule: RawRule, other: RawRule) -> bool:
    """Whether another horizontal rule lies on the same line and touches this one."""
    same_line = abs(other.top - rule.top) < 1.5 and abs(other.bottom - rule.bottom) < 1.5
    return other.horizontal and same_line and other.left <= rule.right + 2 and other.right >= rule.left - 2


def _below_separator(rows: Sequence[Row], separators: Sequence[float], has_notes: bool) -> int | None:
    """Index of the first row under a separator rule when what follows it reads as footnotes, else ``None``.

    The first row must open a footnote, or go on with the previous page's last one.
    """
    for bottom in separators:
        start = next((i for i, row in enumerate(rows) if row.top >= bottom - 0.5), len(rows))
        if start < len(rows) and (note_start(rows[start])[0] is not None or has_notes):
            return start
    return None


# --- the smaller-font block ----------------------------------------------------------------------------------


def _smaller(row: Row, body_size: float) -> bool:
    return row.size <= body_size - _SMALLER


def _opens_note(rows: Sequence[Row], i: int, body_size: float) -> bool:
    """Whether row ``i`` may open the page's footnote area (see the module docstring)."""
    row = rows[i]
    if row.note_label is None:
        return _smaller(row, body_size) and bool(_PLAIN_NOTE.match(row.text))
    if _smaller(row, body_size):
        return True
    if i > 0 and not _ends_sentence(rows[i - 1].text):
        return False
    return not any(below.bold or _PARAGRAPH_LABEL.match(below.text) for below in rows[i + 1 :])


def _note_area_start(rows: Sequence[Row], body_size: float, continuing: bool) -> int:
    """Index of the first row of the page's footnote area when no separator says it (``len(rows)`` when there
    is none).

    Args:
        rows: The page's rows, top to bottom.
        body_size: The document's body text size.
        continuing: Whether the previous page ended in a footnote area, whose last note may go on here.
    """
    largest_below = [0.0] * (len(rows) + 1)
    for i in range(len(rows) - 1, -1, -1):
        largest_below[i] = max(largest_below[i + 1], rows[i].size)
    first_note = next(
        (i for i in range(len(rows)) if largest_below[i] <= rows[i].size + 0.5 and _opens_note(rows, i, body_size)),
        len(rows),
    )
    if not continuing:
        return first_note
    note_size = rows[first_note].size if first_note < len(rows) else body_size - 0.5
    start = first_note
    while start > 0 and _smaller(rows[start - 1], body_size) and rows[start - 1].size <= note_size + 0.5:
        start -= 1
    endnotes = first_note < len(rows) and note_size >= body_size - 0.5
    if endnotes and 0 < start <= len(rows) - start:
        # Endnotes set like the body: the page opens with the end of the last note.
        if all(row.size <= note_size + 0.5 and not row.bold for row in rows[:start]):
            start = 0
    return start


def _ends_sentence(text: str) -> bool:
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_ENDS
