"""Layout analysis, step 2: a PDF page's runs become visual rows, footnote reference markers set apart.

Runs whose vertical extents overlap by half of the smaller are one visual row, read left to right (right to left
when the row's main run is Arabic or Hebrew). A run of 1–3 digits or asterisks that the extractor marked as a
marker, or that is set smaller than its row and raised above it, is a footnote reference marker: its label goes
to the row's references (or, first on the row, becomes the row's footnote label) and its text is dropped. Runs
are joined with a space where there is a visible gap, and where they overlap: a large run ("General Assembly",
20 pt) can share a row with two lines of a smaller column beside it ("Distr.: General", "20 April 2026").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from hrdmap.domain.raw import RawLine

_MARKER_TEXT = re.compile(r"\s*(\d{1,3}|\*{1,3}|[†‡§])\s*")
_MARKER_MAX_SIZE = 0.85  # a marker's font is at most this share of its row's
_MARKER_MIN_RAISE = 0.12  # ... and its bottom at least this share of the row's size above the row's
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@dataclass(slots=True)
class Row:
    """One visual line of a page: its text without markers, its geometry and font, the markers it holds.

    ``runs`` keeps the text runs of a row made of several, left to right, for table detection.
    """

    page: int
    top: float
    bottom: float
    left: float
    right: float
    size: float
    bold: bool
    italic: bool
    text: str
    page_height: float
    refs: tuple[str, ...] = ()
    note_label: str | None = None
    runs: tuple[RawLine, ...] = ()


def page_rows(page: list[RawLine]) -> list[Row]:
    """Group a page's runs into rows, top to bottom."""
    page.sort(key=lambda line: line.bottom)
    groups: list[list[RawLine]] = []
    top = bottom = 0.0
    for line in page:
        if groups and min(bottom, line.bottom) - max(top, line.top) >= 0.5 * min(bottom - top, line.bottom - line.top):
            groups[-1].append(line)
            top, bottom = min(top, line.top), max(bottom, line.bottom)
        else:
            groups.append([line])
            top, bottom = line.top, line.bottom
    return [row for group in groups if (row := _row(group)) is not None]


def body_size(rows: Iterable[Row]) -> float:
    """The font size most of the text is set in, to half a point."""
    sizes: Counter[float] = Counter()
    for row in rows:
        sizes[round(row.size * 2) / 2] += len(row.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _is_marker(line: RawLine, main: RawLine) -> str | None:
    """The label of a footnote reference marker, or ``None`` when the run is ordinary text.

    A run the extractor marked as a marker is one; another run of 1–3 digits or asterisks is one when it is set
    smaller than its row and raised above it.
    """
    match = _MARKER_TEXT.fullmatch(line.text)
    if match is None or line is main:
        return None
    if line.marker:
        return match.group(1)
    if line.font_size > _MARKER_MAX_SIZE * main.font_size:
        return None
    return match.group(1) if line.bottom <= main.bottom - _MARKER_MIN_RAISE * main.font_size else None


def _single_row(line: RawLine) -> Row | None:
    """A row of one run: the common case, kept fast."""
    text = " ".join(line.text.split())
    if not text:
        return None
    return Row(
        line.page,
        line.top,
        line.bottom,
        line.left,
        line.right,
        line.font_size,
        line.bold,
        line.italic,
        text,
        line.page_height,
    )


def _row(group: list[RawLine]) -> Row | None:
    if len(group) == 1:
        return _single_row(group[0])
    main = max(group, key=lambda line: (len(line.text.strip()), line.font_size))
    rtl = bool(_RTL.search(main.text))
    group.sort(key=(lambda line: -line.right) if rtl else (lambda line: line.left))
    parts: list[str] = []
    refs: list[str] = []
    runs: list[RawLine] = []
    note_label = None
    edge: float | None = None
    for line in group:
        label = _is_marker(line, main)
        if label is not None:
            if parts:
                refs.append(label)
            elif note_label is None:
                note_label = label
        else:
            gap = 0.0 if edge is None else edge - line.right if rtl else line.left - edge
            # A visible gap is a space; so is an overlap, where runs set on two lines share a row.
            if parts and abs(gap) > 0.2 * main.font_size and not parts[-1][-1:].isspace():
                parts.append(" ")
            parts.append(line.text)
            runs.append(line)
        edge = line.left if rtl else line.right
    text = " ".join("".join(parts).split())
    if not text and note_label is None:
        return None
    text_lines = [line for line in group if line.text.strip() and _is_marker(line, main) is None]
    return Row(
        page=main.page,
        top=main.top,
        bottom=main.bottom,
        left=min(line.left for line in text_lines or group),
        right=max(line.right for line in text_lines or group),
        size=main.font_size,
        bold=main.bold,
        italic=main.italic,
        text=text,
        page_height=main.page_height,
        refs=tuple(refs),
        note_label=note_label,
        runs=tuple(runs) if len(runs) > 1 and not rtl else (),
    )
