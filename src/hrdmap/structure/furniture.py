"""Page furniture: what a printed page carries besides the text (running heads, job numbers, page numbers).

Runs in the top or bottom margin that are job numbers ("GE.14-12345 (E)", "18-15950"), barcodes ("*1412345*"),
the document symbol repeated as a running header ("A/HRC/14/15", after page 1) or "Please recycle" are dropped
wherever they are in the margin. Page numbers ("3", "3/14", "Page 3", "- 3 -") and text repeated in the same
margin across pages (running heads) are dropped only from the page's edge inwards, up to the first line of text:
a page number stands alone on its row, and running text is at most three lines set apart from the text. So the
last rows of a footnote area, whose masked text repeats from page to page ("See A/HRC/#/#, para. #."), and the
label opening the last footnote ("4 See …") stay. Only the runs in the margins are looked at, so the cost is a
few runs per page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from hrdmap.domain.raw import RawLine

_JOB_NUMBER = re.compile(r"(?:GE[.:]\s?)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}")
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|página|стр\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of|de|sur)\s*\d{1,4})?"
    r"|/\s*\d{1,4}",  # the "/4" of "2/4" when a rotated footer sets the two apart
    re.IGNORECASE,
)
_BARCODE = re.compile(r"\*\d{6,10}\*")
_RECYCLE = re.compile(r"please recycle|recyclez|recicle", re.IGNORECASE)
_SYMBOL = re.compile(r"[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){2,}")
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_SHORT_NUMBER = re.compile(r"\d{1,3}")
_LABEL = re.compile(r"\s*(\d{1,3}|\*{1,3})\s")
_LONGEST = 80  # characters: a margin line longer than this is text, unless repeated on many pages
_HEADER_ZONE = 0.1  # share of the page height searched for running headers and footers
_PATTERN_ZONE = 0.2  # share searched for job numbers, barcodes and page numbers
_RUNNING_ROWS = 3  # running text at one edge is at most this many lines


def drop_furniture(pages: dict[int, list[RawLine]]) -> None:
    """Remove running heads, job numbers, barcodes and page numbers from every page, in place.

    Job numbers, barcodes, "Please recycle" and the repeated symbol go wherever they are in a margin. Page numbers
    and text repeated across pages go only from the page's edge inwards (:func:`_edge_furniture`): the last rows
    of a footnote area ("defenders (2006).", "See A/HRC/28/15, para. 12.", digits masked, are on many pages) and
    a footnote's label ("4" opening the last row) are text.

    Args:
        pages: Each page's runs, by page number.
    """
    margins = {number: [line for line in page if _zone(line, _PATTERN_ZONE)] for number, page in pages.items()}
    repeated = _repeated_margin_texts(margins)
    for number, page in pages.items():
        margin = margins[number]
        if not margin:
            continue
        furniture = {id(line) for line in margin if _is_furniture(line, number)}
        kept = [line for line in page if id(line) not in furniture]
        cited = _cited_labels(kept, margin)
        middle = 0.5 * margin[0].page_height
        for zone in ("top", "bottom"):
            side = [line for line in margin if (line.bottom <= middle) == (zone == "top")]
            furniture |= _edge_furniture(kept, side, zone, repeated - cited, furniture)
        if furniture:
            pages[number] = [line for line in page if id(line) not in furniture]


def _cited_labels(page: Sequence[RawLine], margin: Sequence[RawLine]) -> set[tuple[str, str]]:
    """The margin texts (as :func:`_margin_key` masks them) that open with the label of a footnote that a
    marker in the text of the page cites: footnotes, however often their masked text repeats ("# Ibid.")."""
    markers = {text for line in page if (text := line.text.strip()) and (line.marker or _SHORT_NUMBER.fullmatch(text))}
    keys = set()
    for line in margin:
        label = _LABEL.match(line.text)
        if label and label.group(1) in markers and (key := _margin_key(line)) is not None:
            keys.add(key)
    return keys


def _edge_furniture(
    page: Sequence[RawLine], margin: list[RawLine], zone: str, repeated: set[tuple[str, str]], dropped: set[int]
) -> set[int]:
    """Page numbers and running text met from a page's edge inwards, before the first line of text.

    A page number stands alone on its row (a footnote's label has its text beside it). Running text is a line
    repeated in the same margin across pages; at most :data:`_RUNNING_ROWS` of them, set apart from the text
    inside (a gap of half a line): more, or closer, are the last rows of a footnote area.
    """
    inward = zone == "bottom"
    margin.sort(key=lambda line: line.bottom, reverse=inward)
    found: set[int] = set()
    running: list[RawLine] = []
    stopper: RawLine | None = None
    for line in margin:
        if id(line) in dropped:
            continue
        if repeated and _margin_key(line) in repeated:
            running.append(line)
        elif _PAGE_NUMBER.fullmatch(line.text.strip()) and _alone_on_row(line, page):
            found.add(id(line))
        else:
            stopper = line
            break
    if running and len(running) <= _RUNNING_ROWS and (stopper is None or _set_apart(running[-1], stopper, inward)):
        found.update(id(line) for line in running)
    return found


def _set_apart(outer: RawLine, inner: RawLine, inward: bool) -> bool:
    gap = outer.top - inner.bottom if inward else inner.top - outer.bottom
    return gap > 0.5 * max(outer.font_size, inner.font_size)


def _alone_on_row(line: RawLine, page: Sequence[RawLine]) -> bool:
    """Whether no text shares a number's row but other page numbers and text set well apart (three ems): a
    page number stands alone ("Mandate creation …    3"); a footnote's label opens its text ("4  See …")."""
    for other in page:
        if other is line or min(other.bottom, line.bottom) - max(other.top, line.top) <= 1:
            continue
        if _PAGE_NUMBER.fullmatch(other.text.strip()):
            continue
        apart = 3 * max(line.font_size, other.font_size, 1.0)
        if max(other.left - line.right, line.left - other.right) > apart:
            continue
        return False
    return True


def _zone(line: RawLine, share: float) -> str | None:
    if line.bottom <= share * line.page_height:
        return "top"
    if line.top >= (1 - share) * line.page_height:
        return "bottom"
    return None


def _margin_key(line: RawLine) -> tuple[str, str] | None:
    zone = _zone(line, _HEADER_ZONE)
    if zone is None:
        return None
    text = " ".join(line.text.split()).lower()
    if not any(c.isalpha() for c in text):
        return None
    return zone, _DIGITS.sub("#", text)


def _repeated_margin_texts(margins: dict[int, list[RawLine]]) -> set[tuple[str, str]]:
    """Margin texts (digits masked) found on at least two pages and a quarter of them: running heads."""
    seen: Counter[tuple[str, str]] = Counter()
    for margin in margins.values():
        seen.update({key for line in margin if (key := _margin_key(line)) is not None})
    needed = max(2, len(margins) // 4)
    return {key for key, count in seen.items() if count >= needed}


def _is_furniture(line: RawLine, page: int) -> bool:
    """A job number, barcode, "Please recycle", or (after page 1, in the header) the document's symbol, with at
    most a page number beside them."""
    text = " ".join(line.text.split())
    if len(text) > _LONGEST or not _DIGIT.search(text):  # job numbers, barcodes, page numbers: short, with digits
        return bool(_RECYCLE.search(text)) if len(text) < _LONGEST else False
    if _BARCODE.fullmatch(text) or _RECYCLE.search(text):
        return True
    rest = _JOB_NUMBER.sub(" ", text)
    if page > 1 and _zone(line, _HEADER_ZONE):
        rest = _SYMBOL.sub(" ", rest)
    rest = rest.strip()
    return rest != text and (not rest or bool(_PAGE_NUMBER.fullmatch(rest)))
